#!/bin/sh
# Directory, QR codes and the rights card, checked from the real binary's
# dumps and screenshots: only organisations speaking the visitor's language
# (or, when none does, the marked interpretation lines), no English left
# in the Spanish, Arabic and Chinese directory, a decoded QR holds the
# organisation's numbers in E.164, the rights card renders in every language.
BUILD=${BUILD:-build}
out="$BUILD/tmp/directory"
rm -rf "$out"; mkdir -p "$out"
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
kiosk() { "$BUILD/kyr-kiosk" --config /dev/null --content "$BUILD/content.db" --fonts "$BUILD/fonts" --headless "$@" 2>>"$out/kiosk.err"; }

kiosk --size 1080x1920 --script tests/scripts/directory.kyr --out "$out" || bad "directory script failed: $(tail -n 3 "$out/kiosk.err")"

db() { sqlite3 "$BUILD/content.db" "$1"; }
org_ids() { cat "$@" | grep -o '"id":"org:[^"]*"' | sed 's/"id":"org:\(.*\)"/\1/' | sort -u; }
# The directory of language $1 under "speaks my language", page by page, as
# dumps $out/lang-$1-N.jsonl (the draw list holds only what shows).
lang_dir() {
	{ printf 'scroll-to @lang:%s\ntap @lang:%s\ntap @directory\nexpect-screen directory\nexpect @filter:lang:%s\ndump lang-%s-0\n' "$1" "$1" "$1" "$1"
	  for i in 1 2 3 4 5 6 7 8; do printf 'key pagedown\ndump lang-%s-%s\n' "$1" "$i"; done; } > "$out/lang-$1.kyr"
	kiosk --size 1080x1920 --script "$out/lang-$1.kyr" --out "$out" || bad "directory in $1: $(tail -n 2 "$out/kiosk.err")"
}

# "Speaks my language" lists only organisations that speak it: hotlines
# that do not are left out too (Tagalog, Hindi, Amharic and Russian readers
# were shown one first).
for lang in es tl hi am ru; do
	lang_dir "$lang"
	ids=$(org_ids "$out"/lang-"$lang"-*.jsonl)
	[ -n "$ids" ] && ok || bad "no organisations in the $lang directory"
	for id in $ids; do
		langs=$(db "SELECT languages FROM contacts WHERE id = '$id'")
		case ";$langs;" in *";$lang;"*) ok ;; *) bad "$id is listed for $lang speakers but speaks $langs" ;; esac
	done
	none=$(db "SELECT value FROM ui WHERE lang = '$lang' AND key = 'dir.none_speak'" | sed 's/{language}.*//')
	grep -qF '"text":"'"$none" "$out"/lang-"$lang"-0.jsonl && bad "$lang: says nobody speaks it" || ok
done
# Persian: nobody near the sample kiosk speaks it. The screen says so, in
# Persian, and lists only the lines offering a phone interpreter, each
# marked as such.
lang_dir fa
msg=$(db "SELECT value FROM ui WHERE lang = 'fa' AND key = 'dir.none_speak'" | sed 's/{language}.*//')
grep -qF '"text":"'"$msg" "$out"/lang-fa-0.jsonl && ok || bad "no 'nobody speaks Persian' message"
ids=$(org_ids "$out"/lang-fa-*.jsonl)
want=$(db "SELECT id FROM contacts WHERE interpretation = 1 AND region IN ('national', 'sample-state', 'sample-lakeview') ORDER BY id")
[ -n "$ids" ] && [ "$ids" = "$want" ] && ok || bad "Persian directory lists '$ids', want the interpretation lines '$want'"
mark=$(db "SELECT value FROM ui WHERE lang = 'fa' AND key = 'dir.interpretation'")
[ "$(cat "$out"/lang-fa-*.jsonl | grep -cF '"text":"'"$mark"'"')" -ge "$(printf '%s\n' "$want" | wc -l)" ] && ok ||
	bad "interpretation lines not marked '$mark' in Persian"

# No English in a translated directory but proper names: the text drawn on
# the Spanish, Arabic and Chinese directory pages and one organisation page
# never holds an English interface string (one that language translates
# differently), an English note, an English day or time-zone name.
english() {   # $1: language; the English strings it must not show, one a line
	db "SELECT e.value FROM ui e JOIN ui x ON x.key = e.key AND x.lang = '$1' WHERE e.lang = 'en' AND x.value <> e.value" |
		sed 's/{[a-z_.]*}/\n/g' | sed 's/^[ :.,]*//; s/[ :.,]*$//' | awk 'length($0) >= 4'
	db "SELECT notes FROM contacts WHERE notes <> ''"
	printf '%s\n' Monday Tuesday Wednesday Thursday Friday Saturday Sunday "Central Time" "Eastern Time" AM PM
}
for lang in es ar zh-Hans; do
	case $lang in ar) org=lakeview-family-readiness ;; *) org=lakeview-immigrant-legal-center ;; esac
	[ -f "$out/lang-$lang-0.jsonl" ] || lang_dir "$lang"
	printf 'scroll-to @lang:%s\ntap @lang:%s\ntap @directory\nscroll-to @org:%s\ntap @org:%s\nexpect-screen org\ndump org-%s-0\nkey pagedown\ndump org-%s-1\nkey end\ndump org-%s-2\n' \
		"$lang" "$lang" "$org" "$org" "$lang" "$lang" "$lang" > "$out/org-$lang.kyr"
	kiosk --size 1080x1920 --script "$out/org-$lang.kyr" --out "$out" || bad "organisation page in $lang: $(tail -n 2 "$out/kiosk.err")"
	english "$lang" | sort -u > "$out/english-$lang.txt"
	# Proper names may stay: organisations' names and addresses, and the
	# list of languages spoken, each in its own name.
	{ db "SELECT name FROM contacts"; db "SELECT address FROM contacts WHERE address <> ''"; } > "$out/names.txt"
	cat "$out"/lang-"$lang"-*.jsonl "$out"/org-"$lang"-*.jsonl | grep -o '"text":"[^"]*"' | sed 's/^"text":"//; s/"$//' |
		sed 's/\\n/\n/g' | sort -u | grep -vxF -f "$out/names.txt" | grep -v ' · \|^English$' > "$out/shown-$lang.txt"
	[ "$(wc -l < "$out/shown-$lang.txt")" -gt 20 ] && ok || bad "$lang: too little text in the dumps to judge"
	left=$(grep -wF -f "$out/english-$lang.txt" "$out/shown-$lang.txt")
	[ -z "$left" ] && ok || bad "English in the $lang directory: $left"
done
# The asylum filter keeps only organisations offering asylum help.
for id in $(grep -o '"id":"org:[^"]*"' "$out/directory-asylum.jsonl" | sed 's/"id":"org:\(.*\)"/\1/'); do
	sqlite3 "$BUILD/content.db" "SELECT services FROM contacts WHERE id = '$id'" | grep -q asylum && ok || bad "$id shown under asylum"
done
# Sample entries carry the badge.
grep -q '"text":"EJEMPLO' "$out/directory-es.jsonl" && ok || bad "no sample badge"

# The QR code on the organisation screen decodes to its phone numbers.
if command -v zbarimg >/dev/null; then
	qr=$(zbarimg -q --raw "$out/org-qr.png" 2>/dev/null)
	# A vCard: the name, each number in E.164 with its type.
	printf '%s\n' "$qr" | tr -d '\r' > "$out/org-qr.vcf"
	for want in 'BEGIN:VCARD' 'FN:Nationwide Detention Help Line' 'TEL;TYPE=WORK,VOICE,PREF:+12025550190' \
	            'TEL;TYPE=WORK,FAX:+12025550191' 'END:VCARD'; do
		grep -qxF "$want" "$out/org-qr.vcf" && ok || bad "QR contact card lacks '$want': $qr"
	done
else
	bad "zbarimg missing (make check installs zbar-tools)"
fi

# A checked (not sample) entry shows when it was checked, as the visitor's
# language writes dates (ICU), never the ISO date of the content.
rm -rf "$out/real"; cp -r content "$out/real"; sed -i 's/,yes$/,no/' "$out/real/contacts.csv"
if "$BUILD/kyr-build" -q "$out/real" -o "$out/real.db" >"$out/real.log" 2>&1; then
	printf 'tap @lang:es\ntap @directory\nscroll-to @org:national-detention-hotline\ntap @org:national-detention-hotline\nkey end\nexpect-text Información revisada el 20 de octubre de 2026\nexpect-no-text 2026-10-20\nexpect-text de lunes a sábado\n' > "$out/real.kyr"
	"$BUILD/kyr-kiosk" --config /dev/null --content "$out/real.db" --fonts "$BUILD/fonts" --headless --size 800x480 \
		--script "$out/real.kyr" --out "$out" 2>>"$out/kiosk.err" && ok || bad "checked date in Spanish: $(tail -n 2 "$out/kiosk.err")"
else
	bad "kyr-build of the content with real entries: $(cat "$out/real.log")"
fi

# An article's key points: a QR of plain UTF-8 text, title first, disclaimer last.
printf 'tap @lang:es\ntap @topic:04-arrested\nkey end\nexpect @qr\nshot article-qr\n' > "$out/aqr.kyr"
kiosk --size 800x480 --script "$out/aqr.kyr" --out "$out" || bad "article QR script failed"
if command -v zbarimg >/dev/null; then
	txt=$(zbarimg -q --raw "$out/article-qr.png" 2>/dev/null)
	first=$(printf '%s\n' "$txt" | head -n 1); last=$(printf '%s\n' "$txt" | tail -n 1)
	[ "$first" = "Si lo arrestan o lo detienen" ] && ok || bad "article QR starts with '$first'"
	[ "$last" = "Esta es información general, no asesoría legal." ] && ok || bad "article QR ends with '$last'"
fi

# The rights card renders in every language of the content, in it and in English.
for lang in $(tail -n +2 content/languages.csv | cut -d, -f1); do
	printf 'scroll-to @lang:%s\ntap @lang:%s\nscroll-to @card\ntap @card\nexpect-screen card\nkey end\nexpect-text I want to speak with a lawyer.\nshot card-%s\n' "$lang" "$lang" "$lang" > "$out/card.kyr"
	if kiosk --size 1080x1920 --script "$out/card.kyr" --out "$out" && [ -s "$out/card-$lang.png" ]; then ok
	else bad "rights card in $lang: $(tail -n 2 "$out/kiosk.err")"; fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
