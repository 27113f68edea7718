#!/bin/sh
# The kiosk and new content: a bundle installed by kyr-update while a visitor
# is reading is taken only after the session ends; a damaged content.db
# falls back to content.prev.db, and with neither the kiosk shows "out of
# service" in every language; kyr-update's status file is shown to staff.
BUILD=${BUILD:-build}
T="$BUILD/tmp/swap.$$"
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ] && rm -rf "$T"; exit; }
rm -rf "$T"; mkdir -p "$T/var" "$T/run"
command -v minisign >/dev/null || { bad "minisign missing"; finish; }
minisign -G -W -p "$T/k.pub" -s "$T/k.key" >/dev/null || bad "minisign -G"

# bundle NAME VERSION: the default content with another version and publisher.
bundle() {
	cp -r content "$T/src-$1"
	sed -i "s/^version *=.*/version = $2/; s/^publisher *=.*/publisher = Test Publisher $1/" "$T/src-$1/bundle.ini"
	"$BUILD/kyr-build" -q "$T/src-$1" --bundle "$T/$1" >/dev/null 2>&1 || bad "kyr-build $1"
	minisign -S -s "$T/k.key" -m "$T/$1/kyr-content/content.db" -t "test $1" >/dev/null || bad "sign $1"
}
bundle one 2026112901
bundle two 2026112902
# The default content's directory is fictional (a demo bundle): this kiosk allows it.
printf '[kiosk]\ncontent = %s/var/content.db\nupdate_status = %s/run/update-status\nallow_demo = yes\n' "$T" "$T" > "$T/kiosk.conf"
"$BUILD/kyr-update" --from "$T/one" --to "$T/var" --pubkey "$T/k.pub" --config "$T/kiosk.conf" >/dev/null 2>&1 && ok || bad "installing bundle one"

kiosk() { "$BUILD/kyr-kiosk" --config "$T/kiosk.conf" --fonts "$BUILD/fonts" --headless --size 800x480 "$@" 2>>"$T/kiosk.err"; }

# 1. A new bundle arrives mid-visit: the visitor keeps the old content; the
#    next visitor gets the new one.
cat > "$T/visit.kyr" <<'EOS'
tap @lang:en
key end
tap @about
key end
expect-text Test Publisher one
sleep 2500
expect-text Test Publisher one
tap @exit
tap @lang:en
key end
tap @about
key end
expect-text Test Publisher two
EOS
kiosk --script "$T/visit.kyr" --out "$T" &
pid=$!
sleep 1
"$BUILD/kyr-update" --from "$T/two" --to "$T/var" --pubkey "$T/k.pub" --config "$T/kiosk.conf" >/dev/null 2>&1 && ok || bad "installing bundle two"
wait $pid && ok || bad "new content not taken at the next session: $(tail -n 3 "$T/kiosk.err")"

# 2. A damaged content.db: the kiosk starts on content.prev.db (bundle one).
printf 'tap @lang:en\nkey end\ntap @about\nkey end\nexpect-text Test Publisher one\n' > "$T/prev.kyr"
cp "$T/var/content.db" "$T/good.db"
head -c 4096 "$T/good.db" > "$T/var/content.db"
kiosk --script "$T/prev.kyr" --out "$T" && ok || bad "no fallback to content.prev.db: $(tail -n 3 "$T/kiosk.err")"
grep -q "previous content" "$T/kiosk.err" && ok || bad "the fallback is not logged"

# 3. Neither usable: out of service, in many languages, and no crash.
head -c 100 "$T/good.db" > "$T/var/content.prev.db"
printf 'expect-screen oos\nexpect-text Out of service\nexpect-text Fuera de servicio\nexpect-text 暂停服务\nexpect-text خارج الخدمة\n' > "$T/oos.kyr"
kiosk --script "$T/oos.kyr" --out "$T"; rc=$?
[ $rc -eq 0 ] && ok || bad "out-of-service screen (exit $rc): $(tail -n 3 "$T/kiosk.err")"

# 4. The updater's status file shows "Updating content…" with its progress, then the result.
cp "$T/good.db" "$T/var/content.db"
printf 'state=copying\nprogress=40\nversion=0\nmessage=Copying new content from the USB stick\n' > "$T/run/update-status"
printf 'expect-screen update\nexpect-text Updating content\nexpect-text Copying new content\nsleep 1500\nexpect-text Content updated.\nwait 11000\nexpect-screen attract\n' > "$T/status.kyr"
kiosk --script "$T/status.kyr" --out "$T" &
pid=$!
sleep 0.7
printf 'state=installed\nprogress=100\nversion=2026112902\nmessage=kyr-update: installed content version 2026112902\n' > "$T/run/update-status.tmp"
mv "$T/run/update-status.tmp" "$T/run/update-status"
wait $pid && ok || bad "status screen: $(tail -n 3 "$T/kiosk.err")"
finish
