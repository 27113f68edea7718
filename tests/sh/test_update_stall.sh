#!/bin/sh
# Updates that cannot stall the kiosk (docs/publishing.md, "Pulling the
# stick early"): kyr-update stopped by SIGTERM mid-copy writes "failed";
# killed by SIGKILL mid-copy (no chance to write anything) the kiosk sees
# that it is gone; alive but silent, the kiosk gives up after 30 s. In each
# case the kiosk is back to visitors within 60 s of virtual time and the
# content is unchanged. Also: umask 077 installs files the kiosk (another
# user) can read; the global signature is checked before any byte is
# copied; the status text cannot forge a line.
BUILD=${BUILD:-build}
T="$BUILD/tmp/stall.$$"
UPD="$BUILD/kyr-update"
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ] && rm -rf "$T"; exit; }
rm -rf "$T"; mkdir -p "$T/run"
command -v minisign >/dev/null || { bad "the minisign tool is needed (Debian package minisign)"; finish; }
minisign -G -W -p "$T/k.pub" -s "$T/k.key" >/dev/null || bad "minisign -G"

# bundle NAME VERSION [PADDING_PARAGRAPHS]: tests/data/mini, signed.
. tests/sh/bundle.sh
bundle() {
	bundle_build "$@"
	minisign -S -s "$T/k.key" -m "$T/$1/kyr-content/content.db" -t "stall test $1" >/dev/null || bad "minisign -S $1"
}
bundle old 2026112801
bundle big 2026120101 2500
K="$T/var"
# No kiosk.conf (the host's /etc must not matter).
NOCONF="$T/no-such.conf"
upd() { "$UPD" --to "$K" --pubkey "$T/k.pub" --status "$T/run/update-status" --config "$NOCONF" "$@" >"$T/out" 2>&1; }
state() { sed -n 's/^state=//p' "$T/run/update-status"; }
"$UPD" --from "$T/old" --to "$K" --pubkey "$T/k.pub" --config "$NOCONF" >/dev/null 2>&1 && ok || bad "installing the old bundle"
cp "$K/content.db" "$T/snap.db"
unchanged() { cmp -s "$K/content.db" "$T/snap.db" && [ ! -e "$K/content.prev.db" ]; }

printf '[kiosk]\ncontent = %s/content.db\nupdate_status = %s/run/update-status\n' "$K" "$T" > "$T/kiosk.conf"
# kiosk_back NAME: the kiosk, started on the status as it is, leaves the
# update screen for the visitors' screen within 60 s of virtual time. Its
# output folder is not the status file's: the sandbox must let it read the
# configured update_status's folder by itself.
mkdir -p "$T/shots"
kiosk_back() {
	"$BUILD/kyr-kiosk" --config "$T/kiosk.conf" --fonts "$BUILD/fonts" --headless --size 800x480 \
		--script "$T/$1.kyr" --out "$T/shots" 2>"$T/$1.err"
}

# 1. SIGTERM mid-copy (systemd stopping kyr-update@: stick pulled, timeout).
KYR_UPDATE_CRASH_AT=3 KYR_UPDATE_CRASH_SIGNAL=15 upd --from "$T/big"; rc=$?
[ "$rc" -eq 2 ] && ok || bad "SIGTERM: exit $rc, expected 2: $(cat "$T/out")"
[ "$(state)" = failed ] && grep -q '^message=failed: kyr-update was stopped before it finished' "$T/run/update-status" \
	&& ok || bad "SIGTERM: status $(cat "$T/run/update-status")"
unchanged && [ ! -e "$K/content.db.part" ] && ok || bad "SIGTERM: content changed or partial copy left: $(ls -A "$K")"
printf 'expect-screen update\nexpect-text The update stopped\nexpect-text did not finish\nexpect-text put it in again\nexpect-no-text Give it back\nwait 11000\nexpect-screen attract\n' > "$T/term.kyr"
sed -i 's/The update stopped/stopped before it finished/' "$T/term.kyr"
kiosk_back term && ok || bad "SIGTERM: kiosk not back to visitors: $(tail -n 3 "$T/term.err")"

# 2. SIGKILL mid-copy: the status still says copying, with a dead pid.
KYR_UPDATE_CRASH_AT=3 upd --from "$T/big"; rc=$?
[ "$rc" -eq 137 ] || [ "$rc" -eq 9 ] && ok || bad "SIGKILL: exit $rc: $(cat "$T/out")"
[ "$(state)" = copying ] && grep -q '^pid=[0-9]' "$T/run/update-status" && ok || bad "SIGKILL: status $(cat "$T/run/update-status")"
unchanged && ok || bad "SIGKILL: the installed content changed"
cp "$T/run/update-status" "$T/killed-status"
printf 'expect-screen update\nwait 2000\nexpect-text kyr-update is no longer running\nwait 58000\nexpect-screen attract\nexpect-no-text Updating content\n' > "$T/kill.kyr"
kiosk_back kill && ok || bad "SIGKILL: kiosk not back to visitors within 60 s: $(tail -n 3 "$T/kill.err")"

# 3. Alive but silent (a hung update): the pid is a live process; after
#    30 s without a heartbeat the kiosk takes the update as failed.
sleep 300 & live=$!
sed "s/^pid=.*/pid=$live/" "$T/killed-status" > "$T/run/update-status"
printf 'expect-screen update\nwait 20000\nexpect-screen update\nexpect-text Copying new content\nwait 11000\nexpect-text no progress for 30 seconds\nwait 29000\nexpect-screen attract\n' > "$T/hung.kyr"
kiosk_back hung && ok || bad "hung update: kiosk not back to visitors within 60 s: $(tail -n 3 "$T/hung.err")"
kill "$live" 2>/dev/null

# 4. A later run cleans up after the killed one and installs, under umask
#    077, files the kiosk's user can read.
(umask 077; upd --from "$T/big") && ok || bad "install under umask 077: $(cat "$T/out")"
[ "$(stat -c %a "$K/content.db")" = 644 ] && [ "$(stat -c %a "$T/run/update-status")" = 644 ] && ok \
	|| bad "umask 077: modes $(stat -c '%n %a' "$K/content.db" "$T/run/update-status")"
[ ! -e "$K/content.db.part" ] && ok || bad "the killed run's partial copy is still there"
if id nobody >/dev/null 2>&1 && command -v setpriv >/dev/null; then
	chmod 755 "$T" "$K" "$T/run" 2>/dev/null
	v=$(setpriv --reuid=nobody --regid=nogroup --clear-groups "$BUILD/kyr-kiosk" --config /dev/null --content "$K/content.db" --info 2>&1 | sed -n 's/^content version: //p')
	[ "$v" = 2026120101 ] && ok || bad "umask 077: another user's kiosk does not load the new content (got '$v')"
fi

# 5. The global signature is checked before copying: with a changed
#    trusted comment, a crash hook at the first chunk copied never fires.
mkdir -p "$T/gsig"; cp -r "$T/big/kyr-content" "$T/gsig/"
sed -i '3s/.*/trusted comment: forged/' "$T/gsig/kyr-content/content.db.minisig"
KYR_UPDATE_CRASH_AT=1 upd --from "$T/gsig"; rc=$?
[ "$rc" -eq 1 ] && grep -q 'checked before copying' "$T/out" && ok || bad "forged comment: exit $rc (137: copied first): $(cat "$T/out")"

# 6. Status text with a newline from the database cannot forge a key.
mkdir -p "$T/nl/kyr-content"; cp "$T/big/kyr-content/content.db" "$T/nl/kyr-content/"
sqlite3 "$T/nl/kyr-content/content.db" "CREATE TABLE \"x
state=installed\"(a); UPDATE meta SET value = '2026120201' WHERE key = 'content_version'" 2>"$T/sq.err" || bad "sqlite3: $(cat "$T/sq.err")"
minisign -S -s "$T/k.key" -m "$T/nl/kyr-content/content.db" -t "newline" >/dev/null
upd --from "$T/nl"; rc=$?
[ "$rc" -eq 1 ] && [ "$(grep -c '^state=' "$T/run/update-status")" -eq 1 ] && [ "$(state)" = refused ] && ok \
	|| bad "status forged by a name: exit $rc: $(cat "$T/run/update-status")"
# A refused bundle tells staff to give the stick back, not to retry it.
printf 'expect-screen update\nexpect-text was refused\nexpect-text Give it back\nexpect-no-text put it in again\n' > "$T/refused.kyr"
kiosk_back refused && ok || bad "refused: not told to give the stick back: $(tail -n 3 "$T/refused.err")"
finish
