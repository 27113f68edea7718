#!/bin/sh
# `kyr-kiosk --self-test-sandbox` as an operator runs it: with the kernel's
# Landlock, and under a wrapper that makes the landlock_* calls fail with
# ENOSYS as on a kernel built without it (build/tests/test_sandbox --exec).
# Every probe must be refused either way; the self-test fails without
# Landlock unless --landlock-optional, and says why.
BUILD=${BUILD:-build}
T="$BUILD/tmp/sandbox-sh.$$"
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
rm -rf "$T"; mkdir -p "$T"
K="$BUILD/kyr-kiosk"; W="$BUILD/tests/test_sandbox"
[ -x "$K" ] && [ -x "$W" ] || { bad "$K or $W is not built"; # The probes' folder is removed by the unsandboxed parent.
[ -z "$(ls -A "$T" | grep kyr-sandbox-test)" ] && ok || bad "self-test folders left in $T: $(ls -A "$T")"

echo "$pass passed, $fail failed"; exit 1; }
st() { TMPDIR="$T" "$@" --config /dev/null --fonts "$BUILD/fonts" --self-test-sandbox >"$T/out" 2>&1; }
probes_refused() {
	n=$(grep -c '^ok  .*: refused' "$T/out"); f=$(grep -c '^FAIL .*: ALLOWED' "$T/out")
	[ "$n" -ge 26 ] && [ "$f" -eq 0 ] && grep -q 'connect to a listening Unix socket: refused' "$T/out" \
		&& grep -q 'execve /bin/true: refused' "$T/out" && grep -q 'bind a socket file: refused' "$T/out"
}

# Without Landlock: the probes hold, the self-test fails and says why ...
st "$W" --exec "$K"; rc=$?
probes_refused && ok || bad "without Landlock a probe got through: $(cat "$T/out")"
[ "$rc" -ne 0 ] && grep -q '^FAIL *Landlock NOT in force: the kernel was built without Landlock' "$T/out" && ok \
	|| bad "without Landlock: exit $rc, or no reason given: $(cat "$T/out")"
# ... and passes when told Landlock is optional, still naming its state.
st "$W" --exec "$K" --landlock-optional; rc=$?
[ "$rc" -eq 0 ] && probes_refused && grep -q '^note *Landlock NOT in force' "$T/out" && ok \
	|| bad "--landlock-optional without Landlock: exit $rc: $(cat "$T/out")"

# With the kernel's Landlock (when it has one).
st "$K"; rc=$?
if grep -q 'kernel was built without Landlock\|disabled at boot' "$T/out"; then
	echo "note: this kernel has no Landlock; the Landlock-on case is not checked" >&2
	[ "$rc" -ne 0 ] && ok || bad "no Landlock, yet the self-test passed: $(cat "$T/out")"
else
	[ "$rc" -eq 0 ] && probes_refused && grep -q '^ok *Landlock in force, kernel ABI [0-9]' "$T/out" \
		&& grep -q 'read outside the allowed paths (Landlock): refused' "$T/out" && ok \
		|| bad "with Landlock: exit $rc: $(cat "$T/out")"
fi

# The probes' folder is removed by the unsandboxed parent.
[ -z "$(ls -A "$T" | grep kyr-sandbox-test)" ] && ok || bad "self-test folders left in $T: $(ls -A "$T")"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && rm -rf "$T"
