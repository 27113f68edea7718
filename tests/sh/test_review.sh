#!/bin/sh
# The review pack (kyr-build --review-pack): a sheet for every language x
# topic of the default content with its title, as_of, sources, sign-off box
# and both columns; an index per language; the translator's review_terms;
# right-to-left columns; PDFs when WeasyPrint is installed. Then the path
# a sign-off takes: reviewed_by/reviewed_on in one language's article drops
# the kiosk's "not yet reviewed" notice for that article in that language
# only.
BUILD=${BUILD:-build}
T="$BUILD/tmp/review.$$"
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ] && rm -rf "$T"; exit; }
rm -rf "$T"; mkdir -p "$T"
DB="$BUILD/content.db"
# html S: S escaped the way the pack writes text.
html() { printf '%s' "$1" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/"/\&quot;/g'; }

if "$BUILD/kyr-build" --review-pack "$T/pack" content >"$T/out" 2>&1; then ok; else bad "review pack: $(cat "$T/out")"; fi
[ ! -e "$T/pack/.review-content.db" ] && ok || bad "the pack's temporary database was left behind"
[ -f "$T/pack/index.html" ] && ok || bad "no top index.html"
langs=$(sqlite3 "$DB" "SELECT code FROM languages ORDER BY ord")
topics=$(sqlite3 "$DB" "SELECT slug FROM topics ORDER BY ord")
pages=0; missing=""
for l in $langs; do
	idx="$T/pack/$l/index.html"
	[ -f "$idx" ] || { bad "$l: no index.html"; continue; }
	for t in $topics; do
		f="$T/pack/$l/$t.html"
		[ -f "$f" ] || { missing="$missing $l/$t"; continue; }
		pages=$((pages + 1))
		title=$(sqlite3 "$DB" "SELECT coalesce((SELECT title FROM articles WHERE topic = '$t' AND lang = '$l'), (SELECT title FROM articles WHERE topic = '$t' AND lang = 'en'))")
		src=$(sqlite3 "$DB" "SELECT sources FROM articles WHERE topic = '$t' AND lang = 'en'" | head -n 1)
		grep -qF "$(html "$title")" "$f" || bad "$l/$t: no title '$title'"
		grep -qF "$(html "$src")" "$f" || bad "$l/$t: no source '$src'"
		grep -q 'Information as of</th><td>2026-11-30' "$f" || bad "$l/$t: no as_of"
		grep -q 'class="signoff"' "$f" && grep -q '>Name</div>' "$f" && grep -q '>Organisation</div>' "$f" \
			&& grep -q '>Date (YYYY-MM-DD)</div>' "$f" && grep -q '>Signature</div>' "$f" || bad "$l/$t: no sign-off box"
		grep -qF "href=\"$t.html\"" "$idx" || bad "$l: index.html does not link $t"
	done
done
n_l=$(echo $langs | wc -w); n_t=$(echo $topics | wc -w)
[ "$pages" -eq $((n_l * n_t)) ] && ok || bad "$pages pages for $n_l languages x $n_t topics; missing:$missing"
echo "review pack: $pages pages ($n_l languages x $n_t topics)" >&2
# Two columns, the translation right to left in Arabic; the English master alone.
grep -q '<td lang="ar" dir="rtl">' "$T/pack/ar/01-door.html" && grep -q '<td lang="en" dir="ltr">' "$T/pack/ar/01-door.html" && ok \
	|| bad "ar/01-door.html: no right-to-left column beside the English"
grep -q "font-family: 'Noto Naskh Arabic'" "$T/pack/ar/01-door.html" && ok || bad "ar: fonts not named by family"
[ "$(grep -c '<td lang=' "$T/pack/en/01-door.html")" -eq 1 ] && ok || bad "en/01-door.html: not one column"

# review_terms: the fixture's Chinese door article lists two.
if "$BUILD/kyr-build" --review-pack "$T/mini" tests/data/mini >"$T/out" 2>&1 \
   && grep -qF '<td lang="zh-Hans" dir="ltr">法官签署的令状 </td><td>warrant signed by a judge</td>' "$T/mini/zh-Hans/01-door.html"; then ok
else bad "review_terms not in the mini pack: $(cat "$T/out")"; fi
grep -q "The translator listed none" "$T/mini/es/01-door.html" && ok || bad "es without review_terms does not say so"
# A stale translation is flagged on its sheet.
grep -q "OLDER than the English master" "$T/mini/es/02-street.html" && ok || bad "stale es/02-street not flagged"

# PDFs: optional, made by WeasyPrint when it is installed.
if command -v weasyprint >/dev/null; then
	if "$BUILD/kyr-build" --review-pack "$T/mini-pdf" --pdf tests/data/mini >"$T/out" 2>&1; then
		for l in en es zh-Hans; do
			[ "$(head -c 4 "$T/mini-pdf/$l/review-$l.pdf" 2>/dev/null)" = "%PDF" ] && ok || bad "no PDF for $l"
		done
	else bad "--pdf: $(cat "$T/out")"; fi
else
	echo "review pack: weasyprint not installed, PDFs not tested" >&2
fi

# A sign-off becomes reviewed_by/reviewed_on in one language's article:
# only that article in that language loses the notice.
cp -r content "$T/c"
sed -i 's/^reviewed_by:.*/reviewed_by: Example Reviewer (sample)/; s/^reviewed_on:.*/reviewed_on: 2026-11-29/' "$T/c/topics/01-door/ar.md"
if "$BUILD/kyr-build" -q "$T/c" -o "$T/c.db"; then ok; else bad "build with a reviewed Arabic article"; fi
not_ar=$(sqlite3 "$T/c.db" "SELECT value FROM ui WHERE lang = 'ar' AND key = 'article.not_reviewed'")
not_en=$(sqlite3 "$T/c.db" "SELECT value FROM ui WHERE lang = 'en' AND key = 'article.not_reviewed'")
# pages NAME: dumps the article page by page (NAME-0 … NAME-11).
pages() { i=0; while [ $i -lt 12 ]; do printf 'dump %s-%d\nkey pagedown\nwait 300\n' "$1" $i; i=$((i + 1)); done; }
{ printf 'scroll-to @lang:ar\ntap @lang:ar\ntap @topic:01-door\n'; pages ar-door
  printf 'tap @home\ntap @topic:02-street\n'; pages ar-street
  printf 'tap @language\ntap @lang:en\ntap @home\ntap @topic:01-door\n'; pages en-door; } > "$T/rev.kyr"
mkdir -p "$T/dumps"
if "$BUILD/kyr-kiosk" --config /dev/null --content "$T/c.db" --fonts "$BUILD/fonts" --headless --size 800x480 \
     --script "$T/rev.kyr" --out "$T/dumps" 2>"$T/rev.err"; then ok; else bad "per-article review walk: $(cat "$T/rev.err")"; fi
# has NAME S: some page of NAME draws a text containing S.
has() { cat "$T/dumps/$1"-*.jsonl | grep -qF -- "$2"; }
has ar-door "Example Reviewer (sample)" && ! has ar-door "$not_ar" && ok || bad "ar/01-door still says not reviewed, or no reviewer"
has ar-street "$not_ar" && ! has ar-street "Example Reviewer" && ok || bad "ar/02-street lost its notice"
has en-door "$not_en" && ! has en-door "Example Reviewer" && ok || bad "en/01-door lost its notice"
"$BUILD/kyr-build" --review-pack "$T/pack2" "$T/c" >/dev/null 2>&1
grep -q "reviewed by Example Reviewer (sample) on 2026-11-29" "$T/pack2/ar/01-door.html" && ok || bad "the pack does not show the review"
grep -q "NOT yet reviewed" "$T/pack2/en/01-door.html" && ok || bad "the English sheet lost its notice"
finish
