#!/bin/sh
# Signed but hostile content (a stolen or careless publisher key): each
# database is signed with the trusted key and offered to kyr-update, and
# opened directly by the kiosk (as if an older kyr-update had installed it).
# Each must be refused, or be harmless, quickly: the time each takes is
# printed (not asserted: timings belong in make bench). The installed
# content must stay as it was.
BUILD=${BUILD:-build}
T="$BUILD/tmp/hostile.$$"
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ] && rm -rf "$T"; exit; }
rm -rf "$T"; mkdir -p "$T"
for tool in minisign sqlite3; do command -v $tool >/dev/null || { bad "$tool is needed"; finish; }; done
minisign -G -W -p "$T/k.pub" -s "$T/k.key" >/dev/null || bad "minisign -G"
ms() { echo $(( $(date +%s%N) / 1000000 )); }

# The base: tests/data/mini as a newer bundle; the kiosk has an older one.
src() { rm -rf "$T/src"; cp -r tests/data/mini "$T/src"; rm -rf "$T/src/keyboards"; cp -r content/keyboards "$T/src/"
	sed -i 's/,yes$/,no/' "$T/src/contacts.csv"   # real contacts: not a demo bundle
	sed -i "s/^version *=.*/version = $1/" "$T/src/bundle.ini"; }
src 2026112801
"$BUILD/kyr-build" -q "$T/src" -o "$T/installed.db" >/dev/null 2>&1 || bad "kyr-build (installed)"
src 2026120101
"$BUILD/kyr-build" -q "$T/src" -o "$T/base.db" >/dev/null 2>&1 || bad "kyr-build (base)"
K="$T/kiosk"; mkdir -p "$K"; cp "$T/installed.db" "$K/content.db"

# hostile NAME SQL: base.db altered by SQL, signed, offered; must be refused.
hostile() {
	name=$1; mkdir -p "$T/$name/kyr-content"; db="$T/$name/kyr-content/content.db"
	cp "$T/base.db" "$db"
	sqlite3 "$db" "$2" 2>"$T/sql.err" || { bad "$name: sqlite3: $(cat "$T/sql.err")"; return; }
	minisign -S -s "$T/k.key" -m "$db" -t "hostile $name" >/dev/null || bad "$name: minisign"
	t0=$(ms)
	timeout 60 "$BUILD/kyr-update" --config "$T/no-such.conf" --from "$T/$name" --to "$K" --pubkey "$T/k.pub" --status "$T/status" >"$T/out" 2>&1; rc=$?
	t1=$(ms)
	timeout 60 "$BUILD/kyr-kiosk" --config /dev/null --content "$db" --info >"$T/info" 2>&1; krc=$?
	t2=$(ms)
	echo "hostile $name: kyr-update exit $rc in $((t1 - t0)) ms; kiosk --info exit $krc in $((t2 - t1)) ms: $(sed -n 's/^kyr-update: //p' "$T/out" | cut -c1-150)"
	[ "$rc" -eq 1 ] && ok || bad "$name: kyr-update exit $rc: $(cat "$T/out")"
	[ "$krc" -ne 0 ] && [ "$krc" -ne 124 ] && ok || bad "$name: the kiosk opened it or hung (exit $krc): $(cat "$T/info")"
	cmp -s "$K/content.db" "$T/installed.db" && [ "$(ls -A "$K")" = content.db ] && ok || bad "$name: the installed content changed"
	[ "$(grep -c '^state=' "$T/status")" -eq 1 ] && grep -q '^state=refused$' "$T/status" && ok || bad "$name: status $(cat "$T/status")"
}
V="UPDATE meta SET value = '2026120201' WHERE key = 'content_version';"
hostile recursive-view "$V DROP TABLE topics; CREATE VIEW topics AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT printf('t%d', n) AS slug, n AS ord, 0 AS icon FROM r"
hostile trigger "$V CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT 1; END"
hostile virtual-table "$V CREATE VIRTUAL TABLE extra USING fts5(x)"
hostile long-title "$V UPDATE articles SET title = printf('%.*c', 20000, 'x') WHERE topic = '01-door'"
hostile huge-version "UPDATE meta SET value = '9223372036854775807' WHERE key = 'content_version'"
hostile newline-name "$V CREATE TABLE \"x
state=installed\"(a)"

# Harmless: a 20,000-character word in an article body (kyr-build accepts
# it, within the 1 MiB article limit). Installed, the article opens and is
# laid out in linear time.
src 2026120301
w=$(head -c 20000 /dev/zero | tr '\0' w)
printf '\n%s\n' "$w" >> "$T/src/topics/01-door/en.md"
mkdir -p "$T/word"
"$BUILD/kyr-build" -q "$T/src" --bundle "$T/word" >"$T/build.log" 2>&1 || bad "kyr-build (long word): $(cat "$T/build.log")"
minisign -S -s "$T/k.key" -m "$T/word/kyr-content/content.db" -t "long word" >/dev/null
"$BUILD/kyr-update" --config "$T/no-such.conf" --from "$T/word" --to "$K" --pubkey "$T/k.pub" >"$T/out" 2>&1 && ok || bad "long word: not installed: $(cat "$T/out")"
printf 'tap @lang:en\ntap @topic:01-door\nexpect-screen article\ndrag 400 400 400 150 200\nwait 2000\ndrag 400 400 400 150 200\nwait 2000\nexpect-text wwwwwwwwww\n' > "$T/word.kyr"
t0=$(ms)
"$BUILD/kyr-kiosk" --config /dev/null --content "$K/content.db" --fonts "$BUILD/fonts" --headless --size 800x480 \
	--script "$T/word.kyr" --out "$T" 2>"$T/word.err" && ok || bad "long word: $(tail -n 3 "$T/word.err")"
t1=$(ms)
echo "hostile long-word: installed; the kiosk opened the article and drew it to the end in $((t1 - t0)) ms (whole run)"

# The way back after a stolen key was used to push a version far in the
# future: the operator screen (behind the PIN) exits with 74, which makes
# the next update allow an older version once (deploy/kyr-kiosk-action,
# kyr-update-stick). Here: the screen's part, then kyr-update's.
pin=$(echo 246813 | "$BUILD/kyr-kiosk" --hash-pin | sed -n 's/^pin_hash = //p')
printf '[kiosk]\npin_hash = %s\n' "$pin" > "$T/op.conf"
{ echo 'drag 5 5 5 5 3100'; for d in 2 4 6 8 1 3; do echo "tap @pin:$d"; done
  echo 'tap @pin:ok'; echo 'scroll-to @op:update-older'; echo 'tap @op:update-older'; } > "$T/op.kyr"
"$BUILD/kyr-kiosk" --config "$T/op.conf" --content "$K/content.db" --fonts "$BUILD/fonts" --headless --size 800x480 \
	--script "$T/op.kyr" --out "$T" 2>"$T/op.err"; rc=$?
[ "$rc" -eq 74 ] && ok || bad "operator 'allowing an older version once': exit $rc, expected 74: $(tail -n 3 "$T/op.err")"
"$BUILD/kyr-update" --config "$T/no-such.conf" --from "$T/word" --to "$K" --pubkey "$T/k.pub" >"$T/out" 2>&1; [ $? -eq 1 ] && ok || bad "same version again accepted"
mkdir -p "$T/older/kyr-content"; cp "$T/installed.db" "$T/older/kyr-content/content.db"
minisign -S -s "$T/k.key" -m "$T/older/kyr-content/content.db" -t "older" >/dev/null
"$BUILD/kyr-update" --config "$T/no-such.conf" --from "$T/older" --to "$K" --pubkey "$T/k.pub" --allow-downgrade >"$T/out" 2>&1 \
	&& cmp -s "$K/content.db" "$T/installed.db" && ok || bad "--allow-downgrade did not go back: $(cat "$T/out")"
finish
