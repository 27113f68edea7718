#!/bin/sh
# End-to-end tests of kyr-update with the real minisign tool: throwaway keys,
# bundles built by kyr-build from copies of tests/data/mini, every refusal
# the publishing guide lists (each must leave the installed content.db and
# content.prev.db byte-identical and no file behind), good installs, the
# downgrade rules, and a crash test that kills kyr-update at every
# checkpoint of a real install.
BUILD=${BUILD:-build}
# Per process: another `make check` in the same tree must not share it.
T="$BUILD/tmp/update.$$"
UPD="$BUILD/kyr-update"
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
# Keeps the files of a failed run for a look.
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ] && rm -rf "$T"; exit; }

rm -rf "$T"; mkdir -p "$T"
command -v minisign >/dev/null || { bad "the minisign tool is needed (Debian package minisign)"; finish; }
[ -x "$UPD" ] && [ -x "$BUILD/kyr-build" ] || { bad "$UPD or $BUILD/kyr-build is not built"; finish; }

minisign -G -W -p "$T/a.pub" -s "$T/a.key" >/dev/null || bad "minisign -G"
minisign -G -W -p "$T/b.pub" -s "$T/b.key" >/dev/null || bad "minisign -G"

OLDER=2026110101; OLD=2026112801; NEW=2026120101; BIG=2026120201; LEGACY=2026120301

# bundle NAME VERSION [PADDING_PARAGRAPHS]: $T/NAME/kyr-content/content.db
# (tests/sh/bundle.sh; DEMO=1 keeps mini's sample contacts).
. tests/sh/bundle.sh
bundle() { bundle_build "$@"; }
# sign NAME KEY [minisign options]: signs NAME's content.db.
sign() {
	n=$1; k=$2; shift 2
	minisign -S -s "$T/$k.key" -m "$T/$n/kyr-content/content.db" -t "KYR test bundle $n" "$@" >/dev/null || bad "minisign -S $n"
}
# stick NAME FROM: a copy of bundle FROM to tamper with.
stick() { rm -rf "$T/$1"; mkdir -p "$T/$1"; cp -r "$T/$2/kyr-content" "$T/$1/"; }
# flip FILE OFFSET: changes the byte at OFFSET.
flip() {
	b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
	if [ "$b" = 65 ]; then c=B; else c=A; fi
	printf '%s' "$c" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

bundle older $OLDER; sign older a
bundle old $OLD; sign old a
bundle new $NEW; sign new a
bundle big $BIG 2500; sign big a
bundle legacy $LEGACY; sign legacy a -l
bundle byb $NEW; sign byb b

DEMO=1 bundle demo $NEW

K="$T/kiosk"
# No kiosk.conf (the host's /etc must not matter): defaults, allow_demo = no.
NOCONF="$T/no-such.conf"
upd() { "$UPD" --to "$K" --pubkey "$T/a.pub" --status "$T/status" --config "$NOCONF" "$@" >"$T/out" 2>&1; }
state() { sed -n 's/^state=//p' "$T/status"; }
# The installed content opens in the kiosk (or at least passes SQLite's check).
opens() {
	if [ -x "$BUILD/kyr-kiosk" ]; then
		"$BUILD/kyr-kiosk" --config /dev/null --content "$1" --info >/dev/null 2>&1
	else
		[ "$(sqlite3 "file:$1?mode=ro" 'PRAGMA quick_check' 2>/dev/null)" = ok ]
	fi
}

# ---- good installs: first install, then one that keeps a previous version
if upd --from "$T/older" && cmp -s "$K/content.db" "$T/older/kyr-content/content.db" && [ ! -e "$K/content.prev.db" ] \
   && grep -q "installed content version $OLDER" "$T/out"; then ok; else bad "first install: $(cat "$T/out")"; fi
if upd --from "$T/old" && cmp -s "$K/content.db" "$T/old/kyr-content/content.db" \
   && cmp -s "$K/content.prev.db" "$T/older/kyr-content/content.db" && [ "$(state)" = installed ]; then ok
else bad "second install: $(cat "$T/out")"; fi
grep -q "3 languages (en, es, zh-Hans), dated 2026-11-28" "$T/out" && ok || bad "final line lacks languages or date: $(cat "$T/out")"
grep -q "(key $(sed -n 's/.*public key //p' "$T/a.pub"), signed \"KYR test bundle old\")" "$T/out" && ok \
	|| bad "final line lacks the key id or the trusted comment: $(cat "$T/out")"
cp "$K/content.db" "$T/snap.db"; cp "$K/content.prev.db" "$T/snap.prev.db"

# refuse NAME STATUS MESSAGE [kyr-update options]: runs kyr-update on stick
# NAME and checks the exit status, the message, and that nothing changed.
refuse() {
	n=$1; want=$2; msg=$3; shift 3
	rm -f "$T/status"
	upd --from "$T/$n" "$@"; rc=$?
	if [ "$rc" -ne "$want" ]; then bad "$n: exit $rc, expected $want: $(cat "$T/out")"; return; fi
	if ! grep -q -- "$msg" "$T/out"; then bad "$n: message lacks '$msg': $(cat "$T/out")"; return; fi
	if ! cmp -s "$K/content.db" "$T/snap.db" || ! cmp -s "$K/content.prev.db" "$T/snap.prev.db"; then
		bad "$n: the installed content changed"; return; fi
	if [ "$(ls -A "$K" | tr '\n' ' ')" != "content.db content.prev.db " ]; then
		bad "$n: files left behind: $(ls -A "$K" | tr '\n' ' ')"; return; fi
	ok
}

# Unsigned, missing files, not a bundle at all.
stick unsigned new; rm "$T/unsigned/kyr-content/content.db.minisig"
refuse unsigned 1 "content.db.minisig is missing: the bundle is not signed"
[ "$(state)" = refused ] && ok || bad "status after a refusal: $(cat "$T/status")"
stick nodb new; rm "$T/nodb/kyr-content/content.db"
refuse nodb 1 "kyr-content/content.db is missing"
mkdir -p "$T/nothing/photos"
refuse nothing 3 "no kyr-content/ folder"
[ ! -e "$T/status" ] && ok || bad "a stick without a bundle wrote the status file"
refuse no-such-mount 2 "cannot open the stick"

# Wrong key; key rotation accepts it once its key is trusted too (below).
refuse byb 1 "which is not a trusted publisher key"

# Tampering: a flipped byte in the database, in the signature, the
# signature of another file, a truncated database, an altered comment.
stick flipdb new; flip "$T/flipdb/kyr-content/content.db" 40000
refuse flipdb 1 "does not match the file"
stick flipsig new
awk 'NR == 2 { c = substr($0, 60, 1); $0 = substr($0, 1, 59) (c == "A" ? "B" : "A") substr($0, 61) } { print }' \
	"$T/new/kyr-content/content.db.minisig" >"$T/flipsig/kyr-content/content.db.minisig"
# (Refused before copying: the global signature covers the signature line.)
refuse flipsig 1 "or its trusted comment was changed after signing"
stick flipgsig new
awk 'NR == 4 { c = substr($0, 10, 1); $0 = substr($0, 1, 9) (c == "A" ? "B" : "A") substr($0, 11) } { print }' \
	"$T/new/kyr-content/content.db.minisig" >"$T/flipgsig/kyr-content/content.db.minisig"
refuse flipgsig 1 "trusted comment"
stick othersig new; cp "$T/old/kyr-content/content.db.minisig" "$T/othersig/kyr-content/"
refuse othersig 1 "does not match the file"
stick trunc new; head -c 65536 "$T/new/kyr-content/content.db" >"$T/trunc/kyr-content/content.db"
refuse trunc 1 "does not match the file"
stick comment new; sed -i '3s/.*/trusted comment: KYR test bundle new, approved by nobody/' "$T/comment/kyr-content/content.db.minisig"
refuse comment 1 "signature by key .* or its trusted comment was changed"
stick garbled new; sed -i '2s/^..../!!!!/' "$T/garbled/kyr-content/content.db.minisig"
refuse garbled 1 "damaged signature"

# Versions: older and equal are refused unless --allow-downgrade.
refuse older 1 "content version $OLDER is older than the installed version $OLD"
refuse old 1 "is the same as the installed version $OLD"

# Bounds: size, symbolic links, things that are not regular files.
refuse big 1 "more than the 1 MiB limit" --max-size 1
stick linkdir new; mv "$T/linkdir/kyr-content" "$T/outside-dir"; ln -s "$(cd "$T" && pwd)/outside-dir" "$T/linkdir/kyr-content"
refuse linkdir 1 "is a symbolic link"
stick linkdb new; mv "$T/linkdb/kyr-content/content.db" "$T/outside.db"; ln -s "$(cd "$T" && pwd)/outside.db" "$T/linkdb/kyr-content/content.db"
refuse linkdb 1 "content.db is a symbolic link"
stick linksig new; ln -sf "$(cd "$T" && pwd)/new/kyr-content/content.db.minisig" "$T/linksig/kyr-content/content.db.minisig"
refuse linksig 1 "content.db.minisig is a symbolic link"
stick fifo new; rm "$T/fifo/kyr-content/content.db"; mkfifo "$T/fifo/kyr-content/content.db"
refuse fifo 1 "content.db is not a regular file"
stick dirdb new; rm "$T/dirdb/kyr-content/content.db"; mkdir "$T/dirdb/kyr-content/content.db"
refuse dirdb 1 "content.db is not a regular file"
mkdir -p "$T/filedir"; echo hello >"$T/filedir/kyr-content"
refuse filedir 1 "kyr-content on the stick is not a folder"

# Signed by the trusted key, but not content this kiosk can use.
stick schema new; sqlite3 "$T/schema/kyr-content/content.db" "UPDATE meta SET value = '99' WHERE key = 'schema_version'"
sign schema a
refuse schema 1 "schema version 99; this kiosk needs $(sed -n 's/^#define STORE_SCHEMA_VERSION //p' include/store.h)"
# (9 MB: large enough for progress lines, which come before the refusal.)
stick notdb new; head -c 9000000 /dev/urandom >"$T/notdb/kyr-content/content.db"; sign notdb a
refuse notdb 1 "is not a content database"
grep -q "copying  50% (4.3 of 8.6 MiB)" "$T/out" && ok || bad "no progress lines for a 9 MB bundle: $(cat "$T/out")"
stick noversion new; sqlite3 "$T/noversion/kyr-content/content.db" "DELETE FROM meta WHERE key = 'content_version'"
sign noversion a
refuse noversion 1 "has no valid content_version"

# ---- demonstration content (sample contacts): the publisher's signing step
# refuses it without --allow-demo and writes nothing; kyr-update refuses it
# unless kiosk.conf says allow_demo = yes; a broken value is named.
D="$T/demo/kyr-content"
if "$BUILD/kyr-build" --sign "$T/a.key" -t "KYR demo" "$T/demo" >"$T/out" 2>&1; then bad "signing a demo bundle without --allow-demo succeeded"
elif [ $? -eq 1 ] && grep -q "is demonstration content" "$T/out" && [ ! -e "$D/content.db.minisig" ]; then ok
else bad "demo signing refusal: $(cat "$T/out"); $(ls "$D")"; fi
cp "$D/content.db" "$T/demo-before.db"
if "$BUILD/kyr-build" --sign "$T/a.key" --allow-demo -t "KYR demo" "$T/demo" >"$T/out" 2>&1 \
   && minisign -V -q -p "$T/a.pub" -m "$D/content.db" && cmp -s "$D/content.db" "$T/demo-before.db"; then ok
else bad "signing a demo bundle with --allow-demo: $(cat "$T/out")"; fi
refuse demo 1 "is demonstration content .* this kiosk does not allow it (allow_demo = yes in kiosk.conf)"
[ "$(state)" = refused ] && grep -q "^message=.*demonstration content" "$T/status" && ok || bad "status after a demo refusal: $(cat "$T/status")"
printf '[kiosk]\nallow_demo = maybe\n' >"$T/maybe.conf"
refuse demo 2 "maybe.conf:2: allow_demo = 'maybe': expected yes or no" --config "$T/maybe.conf"
printf '[kiosk]\nallow_demo = yes\n' >"$T/demo.conf"
if "$UPD" --from "$T/demo" --to "$T/demo-kiosk" --pubkey "$T/a.pub" --config "$T/demo.conf" >"$T/out" 2>&1 \
   && cmp -s "$T/demo-kiosk/content.db" "$D/content.db"; then ok
else bad "allow_demo = yes: $(cat "$T/out")"; fi
# A real bundle signed through the same step is installed (below: "new").
if "$BUILD/kyr-build" --sign "$T/a.key" -t "KYR test bundle new" "$T/new/kyr-content/content.db" >"$T/out" 2>&1 \
   && minisign -V -q -p "$T/a.pub" -m "$T/new/kyr-content/content.db"; then ok
else bad "kyr-build --sign of a real bundle: $(cat "$T/out")"; fi

# The kiosk's own key configuration.
refuse new 2 "cannot use the trusted key" --pubkey "$T/missing.pub"
[ "$(state)" = failed ] && ok || bad "status after a key problem: $(cat "$T/status")"
refuse new 2 "not a minisign public key" --pubkey "$T/a.key"

# Another update already running: the target folder is locked.
if command -v flock >/dev/null; then
	flock "$K" sh -c "\"$UPD\" --from \"$T/new\" --to \"$K\" --pubkey \"$T/a.pub\" --config \"$NOCONF\" >\"$T/out\" 2>&1"; rc=$?
	if [ $rc -eq 2 ] && grep -q "another kyr-update" "$T/out" && cmp -s "$K/content.db" "$T/snap.db"; then ok
	else bad "locked target: exit $rc: $(cat "$T/out")"; fi
fi

# ---- good install with key rotation, then the downgrade rules
if "$UPD" --from "$T/new" --to "$K" --pubkey "$T/b.pub" --pubkey "$T/a.pub" --status "$T/status" --config "$NOCONF" >"$T/out" 2>&1 \
   && cmp -s "$K/content.db" "$T/new/kyr-content/content.db" && cmp -s "$K/content.prev.db" "$T/snap.db" \
   && [ "$(state)" = installed ] && grep -q "^progress=100" "$T/status" && opens "$K/content.db"; then ok
else bad "install of the new bundle: $(cat "$T/out")"; fi
if [ -x "$BUILD/kyr-kiosk" ]; then
	"$BUILD/kyr-kiosk" --config /dev/null --content "$K/content.db" --info 2>&1 | grep -q "content version: $NEW" && ok \
		|| bad "kyr-kiosk --info does not show version $NEW"
fi
cp "$K/content.db" "$T/snap.db"; cp "$K/content.prev.db" "$T/snap.prev.db"
refuse old 1 "is older than the installed version $NEW"
if upd --from "$T/old" --allow-downgrade && cmp -s "$K/content.db" "$T/old/kyr-content/content.db" \
   && cmp -s "$K/content.prev.db" "$T/new/kyr-content/content.db"; then ok
else bad "--allow-downgrade: $(cat "$T/out")"; fi
if upd --from "$T/old" --allow-downgrade && cmp -s "$K/content.db" "$T/old/kyr-content/content.db"; then ok
else bad "--allow-downgrade of the same version: $(cat "$T/out")"; fi
# A legacy (minisign -l) signature is accepted.
if upd --from "$T/legacy" && cmp -s "$K/content.db" "$T/legacy/kyr-content/content.db"; then ok
else bad "legacy signature: $(cat "$T/out")"; fi
# A damaged installed database can be replaced by any newer signed bundle.
head -c 1000 /dev/urandom >"$K/content.db"
if upd --from "$T/big" && cmp -s "$K/content.db" "$T/big/kyr-content/content.db"; then ok
else bad "replacing a damaged installation: $(cat "$T/out")"; fi

# A power cut during a copy leaves an empty content.db.part (its data never
# reached the card). The next run drops it before it looks at the stick, so
# a stick without a bundle clears it too; the boot-time path is the
# tmpfiles rule (tests/sh/test_install.sh). Then an install goes through.
: > "$K/content.db.part"; : > "$K/content.prev.db.part"
mkdir -p "$T/empty-stick"
upd --from "$T/empty-stick"; rc=$?
if [ $rc -eq 3 ] && ! ls -A "$K" | grep -q part; then ok
else bad "stale .part files after a run with no bundle: rc $rc, $(ls -A "$K" | tr '\n' ' ')"; fi
: > "$K/content.db.part"
if upd --from "$T/new" --allow-downgrade && cmp -s "$K/content.db" "$T/new/kyr-content/content.db" &&
   ! ls -A "$K" | grep -q part; then ok
else bad "install over a stale content.db.part: $(cat "$T/out"); $(ls -A "$K" | tr '\n' ' ')"; fi

# ---- crash test: kill kyr-update at its Nth checkpoint (each chunk written,
# the fsync, the link, each rename, the folder fsync), for every N until an
# install runs through. Afterwards content.db must be the complete old or the
# complete new file, open in the kiosk, and the next run must finish the job.
C="$T/crash"
n=0; olds=0; news=0
while [ $n -lt 500 ]; do
	n=$((n + 1))
	rm -rf "$C"; mkdir -p "$C"; cp "$T/old/kyr-content/content.db" "$C/content.db"
	KYR_UPDATE_CRASH_AT=$n "$UPD" --from "$T/big" --to "$C" --pubkey "$T/a.pub" --config "$NOCONF" >"$T/out" 2>&1; rc=$?
	[ $rc -eq 0 ] && break
	if [ $rc -ne 137 ]; then bad "crash at $n: exit $rc: $(cat "$T/out")"; break; fi
	if cmp -s "$C/content.db" "$T/old/kyr-content/content.db"; then olds=$((olds + 1))
	elif cmp -s "$C/content.db" "$T/big/kyr-content/content.db"; then news=$((news + 1))
	else bad "crash at $n: content.db is neither the old nor the new file"; continue; fi
	opens "$C/content.db" || bad "crash at $n: content.db does not open"
	"$UPD" --from "$T/big" --to "$C" --pubkey "$T/a.pub" --config "$NOCONF" >"$T/out" 2>&1
	if ! cmp -s "$C/content.db" "$T/big/kyr-content/content.db"; then bad "crash at $n: the next run did not install: $(cat "$T/out")"
	elif ls -A "$C" | grep -q part; then bad "crash at $n: left behind: $(ls -A "$C" | tr '\n' ' ')"; fi
done
# 2500 paragraphs make a bundle of about 40 chunks: expect that many crash
# points, with the old content before the rename and the new one after.
if [ $rc -eq 0 ] && [ $olds -ge 30 ] && [ $news -ge 2 ]; then ok
else bad "crash test: $((n - 1)) crash points, $olds left the old content, $news the new, last exit $rc"; fi
[ $fail -eq 0 ] && echo "crash test: killed at $((n - 1)) checkpoints ($olds old, $news new), all consistent" >&2

finish
