#!/bin/sh
# Directory, QR codes and the rights card, checked from the real binary's
# dumps and screenshots: Spanish speakers first, a decoded QR holds the
# organisation's phone numbers, the rights card renders in every language.
BUILD=${BUILD:-build}
out="$BUILD/tmp/directory"
rm -rf "$out"; mkdir -p "$out"
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
kiosk() { "$BUILD/kyr-kiosk" --config /dev/null --content "$BUILD/content.db" --fonts "$BUILD/fonts" --headless "$@" 2>>"$out/kiosk.err"; }

kiosk --size 1080x1920 --script tests/scripts/directory.kyr --out "$out" || bad "directory script failed: $(tail -n 3 "$out/kiosk.err")"

# Every organisation listed under "speaks my language" speaks Spanish (or is a hotline).
ids=$(grep -o '"id":"org:[^"]*"' "$out/directory-es.jsonl" | sed 's/"id":"org:\(.*\)"/\1/')
[ -n "$ids" ] && ok || bad "no organisations in the Spanish directory"
for id in $ids; do
	case "$(sqlite3 "$BUILD/content.db" "SELECT kind FROM contacts WHERE id = '$id'")" in
	hotline) ok ;;
	*) langs=$(sqlite3 "$BUILD/content.db" "SELECT languages FROM contacts WHERE id = '$id'")
	   case ";$langs;" in *";es;"*) ok ;; *) bad "$id is listed for Spanish speakers but speaks $langs" ;; esac ;;
	esac
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
	case "$qr" in
	MECARD:N:Nationwide\ Detention\ Help\ Line*TEL:+15550190\;TEL:+15550191\;*) ok ;;
	*) bad "QR decoded to '$qr'" ;;
	esac
else
	bad "zbarimg missing (make check installs zbar-tools)"
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
