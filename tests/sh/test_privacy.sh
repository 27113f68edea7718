#!/bin/sh
# Visitor privacy, proven on the real binary (docs/privacy.md):
#  1. a whole scripted visit (tests/scripts/privacy-session.kyr) run under
#     strace opens no network socket and no regular file for writing, and
#     creates, renames, removes or truncates nothing, once the sandbox is in;
#  2. --self-test-sandbox: IPv4, IPv6 and a new file are refused (every
#     probe of it: tests/sh/test_sandbox.sh);
#  3. the log (standard error) of that visit holds none of the words the
#     visitors chose, read or typed.
# The strace checks are themselves checked on a run that does write a file.
BUILD=${BUILD:-build}
out="$BUILD/tmp/privacy"
rm -rf "$out"; mkdir -p "$out/shots"
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
kiosk() { "$BUILD/kyr-kiosk" --config /dev/null --content "$BUILD/content.db" --fonts "$BUILD/fonts" "$@"; }
script=tests/scripts/privacy-session.kyr

# --- 2. the sandbox refuses network and new files (no strace needed) -----------
# (LeakSanitizer, in a SAN=1 build, needs /proc at exit, which the self-test's
# sandbox hides, and cannot run under ptrace: no leak checks for these runs.)
kiosk_noleak() { ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" "$@"; }
kiosk_noleak "$BUILD/kyr-kiosk" --config /dev/null --fonts "$BUILD/fonts" --self-test-sandbox >"$out/selftest.out" 2>"$out/selftest.err"; rc=$?
[ "$rc" -eq 0 ] && ok || bad "--self-test-sandbox exited $rc: $(cat "$out/selftest.out")"
for what in "open a new IPv4 socket" "open a new IPv6 socket" "create a new file"; do
	grep -q "^ok *$what: refused" "$out/selftest.out" && ok || bad "self-test has no 'ok $what: refused' line"
done

# --- 3 (part). The session runs, and its log is only start and stop ------------
kiosk --headless --size 800x480 --script "$script" --out "$out/shots" 2>"$out/session.err"; rc=$?
[ "$rc" -eq 0 ] && ok || bad "privacy session failed (exit $rc): $(tail -n 3 "$out/session.err")"
# Every log line is one of the few the kiosk may write during a session
# (lines from the sanitizers' runtime in a SAN=1 build, "==PID==...", aside).
if grep -Ev '^kyr-kiosk: (started: content version [0-9A-Za-z._-]+|stopped|sandbox: seccomp and Landlock \(ABI [0-9]+\) in force|sandbox: seccomp in force; Landlock (off|partial): .*)$' \
	"$out/session.err" | grep -Ev '^==[0-9]+==' >"$out/unexpected.err"; then
	bad "unexpected log lines: $(head -n 3 "$out/unexpected.err")"
else ok; fi
# Words the visitors chose, read or typed (languages by name and code,
# titles, search text, the organisation, the card).
while IFS= read -r w; do
	[ -n "$w" ] || continue
	if grep -qF -- "$w" "$out/session.err"; then bad "the log holds '$w'"; else ok; fi
done <<'EOF'
Español
Spanish
한국어
Korean
Si lo arrestan o lo detienen
04-arrested
Si agentes de inmigración llegan a su puerta
01-door
puerta
abogado
Lakeview Law School Asylum Clinic
lakeview-asylum-clinic
Quiero hablar con un abogado
영장
ㅇ
이민
EOF
for code in es ko; do   # short codes: whole words only
	if grep -qFw -- "$code" "$out/session.err"; then bad "the log holds the language code '$code'"; else ok; fi
done
# Nothing was written to the one directory the scripted mode may write to.
[ -z "$(ls -A "$out/shots")" ] && ok || bad "the session wrote $(ls "$out/shots")"

# --- 1. strace: no network, no writes -----------------------------------------
skip_strace() {
	echo "skipped: the strace checks: $1"
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]; exit
}
command -v strace >/dev/null 2>&1 || skip_strace "strace not found (make check installs it with tools/deps.sh check)"
# A container may forbid ptrace.
strace -o /dev/null true 2>"$out/strace-probe.err" || skip_strace "strace cannot trace here: $(head -n 1 "$out/strace-probe.err")"

# Checks strace -ff output files for what a session must not do. The sandbox
# is "in" at the first successful seccomp(SECCOMP_SET_MODE_FILTER, ...) of a
# traced process; in that file only what follows counts, in any other file
# (threads, children) everything counts. Prints one "BAD <line>" per
# violation, then "refused-sockets N", "refused-opens N" (EACCES: the sandbox
# said no), "device-opens N" (read/write opens of /dev nodes), "sandbox N".
# Each -ff file has whole lines (no <unfinished ...>), which keeps this simple.
TRACE='socket,open,openat,openat2,creat,rename,renameat,renameat2,unlink,unlinkat,mkdir,mkdirat,truncate,ftruncate,prctl,seccomp'
check_trace() {
	awk '
	FNR == 1 { after = 1; for (i = FNR; (getline l < FILENAME) > 0; )
	               if (l ~ /^seccomp\(SECCOMP_SET_MODE_FILTER, .*filter=.*\) += 0$/) { after = 0; break }
	           close(FILENAME) }
	/^seccomp\(SECCOMP_SET_MODE_FILTER, .*filter=.*\) += 0$/ { after = 1; sandbox++; next }
	!after { next }
	/^(\+\+\+|---) / { next }
	{
		line = $0
		s = $0; gsub(/"([^"\\]|\\.)*"(\.\.\.)?/, "\"\"", s)   # no path text can fool the rest
		k = index(s, ") = "); if (!k) next
		call = substr(s, 1, index(s, "(") - 1); args = substr(s, 1, k); res = substr(s, k + 4)
		rv = res; sub(/[^-0-9].*$/, "", rv); okcall = (rv != "" && rv + 0 >= 0)
		eacces = (res ~ / EACCES /)
		if (call == "socket") {
			if (args ~ /^socket\((AF_UNIX|AF_LOCAL|AF_NETLINK),/) next
			if (okcall) print "BAD network socket: " line; else refused_s++
		} else if (call ~ /^(open|openat|openat2|creat)$/) {
			w = (call == "creat") || (args ~ /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_TMPFILE/)
			if (!w) next
			if (!okcall) { if (eacces) refused_o++; next }
			if (res ~ /<(char|block) [0-9]+:[0-9]+>>/) { dev++; next }
			print "BAD opened for writing: " line
		} else if (call ~ /^(rename|renameat|renameat2|unlink|unlinkat|mkdir|mkdirat|truncate)$/) {
			if (okcall) print "BAD file system changed: " line; else if (eacces) refused_o++
		} else if (call == "ftruncate") {
			if (okcall && args !~ /<\/memfd:/) print "BAD truncated: " line
		}
	}
	END { printf "refused-sockets %d\nrefused-opens %d\ndevice-opens %d\nsandbox %d\n", refused_s, refused_o, dev, sandbox }
	' "$@"
}

# The checker itself: a run that writes a screenshot must be caught.
printf 'tap @lang:en\nshot control\n' >"$out/control.kyr"
mkdir -p "$out/control"
kiosk_noleak strace -ff --decode-fds=path,dev -e trace="$TRACE" -o "$out/control.trace" \
	"$BUILD/kyr-kiosk" --config /dev/null --content "$BUILD/content.db" --fonts "$BUILD/fonts" \
	--headless --size 800x480 --script "$out/control.kyr" --out "$out/control" 2>/dev/null
check_trace "$out"/control.trace.* >"$out/control.result"
grep -q "^BAD opened for writing: .*control/control.png" "$out/control.result" && ok ||
	bad "the strace check missed the screenshot the control run wrote: $(head -n 5 "$out/control.result")"
# ... and lines it must classify (synthetic, as strace 6.1 prints them).
cat >"$out/synthetic.trace" <<'EOF'
seccomp(SECCOMP_SET_MODE_FILTER, 0, {len=69, filter=0x5555}) = 0
socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 7<socket:[1]>
socket(AF_INET6, SOCK_DGRAM, IPPROTO_IP) = -1 EACCES (Permission denied)
socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = 8<socket:[2]>
openat(AT_FDCWD, "/tmp/O_RDONLY) = 3", O_RDWR|O_CLOEXEC) = 9</tmp/O_RDONLY) = 3>
openat(AT_FDCWD, "/dev/null", O_RDWR) = 10</dev/null<char 1:3>>
openat(AT_FDCWD, "/x/new", O_WRONLY|O_CREAT|O_TRUNC, 0666) = -1 EACCES (Permission denied)
openat(AT_FDCWD, "/usr/share/x", O_RDONLY|O_CLOEXEC) = 11</usr/share/x>
unlink("/tmp/x") = 0
EOF
check_trace "$out/synthetic.trace" >"$out/synthetic.result"
[ "$(grep -c '^BAD' "$out/synthetic.result")" -eq 3 ] && grep -q '^refused-sockets 1$' "$out/synthetic.result" &&
	grep -q '^refused-opens 1$' "$out/synthetic.result" && grep -q '^device-opens 1$' "$out/synthetic.result" && ok ||
	bad "the strace check misreads lines: $(cat "$out/synthetic.result")"

# The visit itself.
kiosk_noleak strace -ff --decode-fds=path,dev -e trace="$TRACE" -o "$out/session.trace" \
	"$BUILD/kyr-kiosk" --config /dev/null --content "$BUILD/content.db" --fonts "$BUILD/fonts" \
	--headless --size 800x480 --script "$script" --out "$out/shots" 2>"$out/traced.err"; rc=$?
[ "$rc" -eq 0 ] && ok || bad "privacy session under strace failed (exit $rc): $(tail -n 3 "$out/traced.err")"
check_trace "$out"/session.trace.* >"$out/session.result"
grep -q '^sandbox [1-9]' "$out/session.result" && ok || bad "no seccomp filter was installed"
if grep '^BAD' "$out/session.result" >"$out/session.bad"; then bad "$(head -n 10 "$out/session.bad")"; else ok; fi
# Files the trace names at all must not be in the output directory.
[ -z "$(ls -A "$out/shots")" ] && ok || bad "the traced session wrote $(ls "$out/shots")"
echo "strace: $(grep -v '^BAD' "$out/session.result" | tr '\n' ' ')"

# The sandbox a visitor-facing kiosk gets (no --script, so no --out: file
# creation refused too), idle in real time for a second, then SIGTERM.
# (sh ignores SIGINT in its background jobs; SDL turns SIGTERM into a quit.)
kiosk_noleak strace -ff --decode-fds=path,dev -e trace="$TRACE" -o "$out/idle.trace" sh -c '
	"$1/kyr-kiosk" --config /dev/null --content "$1/content.db" --fonts "$1/fonts" --headless --size 800x480 &
	p=$!; sleep 1; kill -TERM $p; wait $p' sh "$BUILD" 2>"$out/idle.err"; rc=$?
[ "$rc" -eq 0 ] && ok || bad "idle kiosk under strace: exit $rc: $(tail -n 3 "$out/idle.err")"
check_trace "$out"/idle.trace.* >"$out/idle.result"
grep -q '^sandbox 1$' "$out/idle.result" && ok || bad "idle kiosk: no seccomp filter installed"
if grep '^BAD' "$out/idle.result" >"$out/idle.bad"; then bad "$(head -n 10 "$out/idle.bad")"; else ok; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
