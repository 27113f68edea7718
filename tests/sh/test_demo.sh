#!/bin/sh
# Demonstration content: the default content's directory is fictional, so
# kyr-build marks it demo and the kiosk shows "Demonstration content — not
# for public use" on every screen — language, attract, home, article, about,
# directory, organisation, rights card, search, idle, PIN, operator, update
# — at 800x480 and 1080x1920, in a band no control overlaps. The same
# content with real (sample=no) contacts shows no band anywhere.
BUILD=${BUILD:-build}
T="$BUILD/tmp/demo.$$"
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ] && rm -rf "$T"; exit; }
rm -rf "$T"; mkdir -p "$T"

pin=$(echo 246813 | "$BUILD/kyr-kiosk" --hash-pin 2>/dev/null | sed -n 's/^pin_hash *= *//p')
[ -n "$pin" ] && ok || bad "kyr-kiosk --hash-pin printed no hash"

# The walk: one dump per screen kind.
cat > "$T/walk.kyr" <<'EOS'
expect-screen attract
dump attract
scroll-to @lang:ar
tap @lang:ar
expect-screen home
dump home-ar
tap @topic:01-door
expect-screen article
dump article-ar
tap @home
tap @directory
dump directory-ar
tap @language
expect-screen language
dump language
tap @lang:en
tap @home
scroll-to @about
tap @about
dump about
tap @home
tap @directory
scroll-to @org:sample-state-rapid-response
tap @org:sample-state-rapid-response
dump org
tap @home
tap @card
dump card
tap @home
tap @search
dump search
wait 125000
expect-screen idle
dump idle
tap @exit
expect-screen attract
drag 6 6 6 6 3500
dump pin
tap @pin:2
tap @pin:4
tap @pin:6
tap @pin:8
tap @pin:1
tap @pin:3
tap @pin:ok
dump operator
EOS
cat > "$T/update.kyr" <<'EOS'
wait 500
expect-text Updating
dump update
EOS
printf 'state=copying\nprogress=40\nversion=0\nmessage=Copying new content from the USB stick\n' > "$T/update-status"

# The same content with real contacts: not a demo bundle.
cp -r content "$T/real"
sed -i 's/,yes$/,no/' "$T/real/contacts.csv"
"$BUILD/kyr-build" -q "$T/real" -o "$T/real.db" || bad "kyr-build of the real-contacts copy"
"$BUILD/kyr-build" content >"$T/coverage" 2>/dev/null
grep -q "^DEMO bundle: contacts.csv has sample entries" "$T/coverage" && ok || bad "coverage output does not say DEMO"
"$BUILD/kyr-build" "$T/real" >"$T/coverage-real" 2>/dev/null
grep -q "DEMO" "$T/coverage-real" && bad "a bundle with real contacts called DEMO" || ok
[ "$(sqlite3 "$BUILD/content.db" "SELECT value FROM meta WHERE key = 'demo'")" = 1 ] && ok || bad "content.db meta demo is not 1"
[ "$(sqlite3 "$T/real.db" "SELECT value FROM meta WHERE key = 'demo'")" = 0 ] && ok || bad "real.db meta demo is not 0"

# field NAME LINE: a number from a dump line.
field() { printf '%s\n' "$2" | sed -n "s/.*\"$1\":\([0-9-]*\).*/\1/p"; }

# band_text LANG: the band in LANG, from the database (English when untranslated).
band_text() {
	sqlite3 "$BUILD/content.db" "SELECT coalesce((SELECT value FROM ui WHERE lang = '$1' AND key = 'demo.band'),
	                                               (SELECT value FROM ui WHERE lang = 'en' AND key = 'demo.band'))"
}
# check_band DUMP W H LANG: the band's text is drawn in LANG, and every
# control ends above the band's top edge (its warn-coloured full-width
# rectangle).
check_band() {
	d=$1; w=$2; h=$3; text=$(band_text "$4")
	band=$(grep '"kind":"rect","x":0,' "$d" | grep "\"w\":$w," | grep '"color":"#fff1c7"' | tail -n 1)
	top=$(field y "$band")
	if [ -z "$top" ] || [ "$top" -ge "$h" ] || [ "$top" -lt $((h / 2)) ]; then bad "$d: no band at the bottom"; return; fi
	dir=ltr; [ "$4" = ar ] && dir=rtl
	grep -qF "\"text\":\"$text\",\"lang\":\"$4\",\"dir\":\"$dir\"" "$d" || { bad "$d: no band text \"$text\" in $4 ($dir)"; return; }
	over=$(grep '"kind":"target"' "$d" | while IFS= read -r t; do
		y=$(field y "$t"); th=$(field h "$t")
		[ $((y + th)) -gt "$top" ] && printf '%s\n' "$t"
	done)
	[ -z "$over" ] && ok || bad "$d: controls reach into the band (top $top): $over"
}

for size in 800x480 1080x1920; do
	w=${size%x*}; h=${size#*x}
	o="$T/$size"; mkdir -p "$o/real"
	printf '[kiosk]\npin_hash = %s\nupdate_status = %s/none\n' "$pin" "$T" > "$T/kiosk.conf"
	if "$BUILD/kyr-kiosk" --config "$T/kiosk.conf" --content "$BUILD/content.db" --fonts "$BUILD/fonts" --headless \
	     --size "$size" --script "$T/walk.kyr" --out "$o" 2>"$o/err"; then ok; else bad "walk at $size: $(cat "$o/err")"; fi
	printf '[kiosk]\nupdate_status = %s/update-status\n' "$T" > "$T/kiosk-upd.conf"
	if "$BUILD/kyr-kiosk" --config "$T/kiosk-upd.conf" --content "$BUILD/content.db" --fonts "$BUILD/fonts" --headless \
	     --size "$size" --script "$T/update.kyr" --out "$o" 2>"$o/err-upd"; then ok; else bad "update screen at $size: $(cat "$o/err-upd")"; fi
	for s in attract language home-ar article-ar directory-ar about org card search idle pin operator update; do
		# The walk shows the language screen, home, article and directory in
		# Arabic; the rest in English (the attract screen's first language).
		case $s in *-ar|language) l=ar ;; *) l=en ;; esac
		[ -f "$o/$s.jsonl" ] && check_band "$o/$s.jsonl" "$w" "$h" "$l" || bad "$size: no dump of $s"
	done
	# Not a demo bundle: no band on any screen.
	if "$BUILD/kyr-kiosk" --config "$T/kiosk.conf" --content "$T/real.db" --fonts "$BUILD/fonts" --headless \
	     --size "$size" --script "$T/walk.kyr" --out "$o/real" 2>"$o/err-real"; then ok; else bad "real walk at $size: $(cat "$o/err-real")"; fi
	"$BUILD/kyr-kiosk" --config "$T/kiosk-upd.conf" --content "$T/real.db" --fonts "$BUILD/fonts" --headless \
	     --size "$size" --script "$T/update.kyr" --out "$o/real" 2>"$o/err-real-upd" || bad "real update screen at $size"
	if grep -lF -e "$(band_text en)" -e "$(band_text ar)" "$o"/real/*.jsonl >/dev/null 2>&1; then bad "$size: a band in a non-demo bundle"; else ok; fi
	[ "$(ls "$o"/real/*.jsonl 2>/dev/null | wc -l)" -eq 13 ] && ok || bad "$size: the real walk made $(ls "$o"/real/*.jsonl | wc -l) dumps, not 13"
done
finish
