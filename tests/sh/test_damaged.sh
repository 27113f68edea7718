#!/bin/sh
# Damaged content never crashes the kiosk. Each case spoils a copy of
# content.db with the sqlite3 tool (or by cutting it short), then drives the
# real binary over it headless:
#  - a database the kiosk cannot use at all (truncated, not SQLite, wrong
#    schema version, a table missing) gives the "out of service" screen,
#    which stays up whatever is tapped, and a logged reason;
#  - one bad item (text that is not UTF-8, garbage block data, a language
#    row with strange values) is shown as well as can be or skipped, and the
#    visit goes on; damage is logged once at start (content check), never
#    when a visitor meets it (that would record when the kiosk was used).
# A crash (exit status 128 or more: 134 abort, 139 segfault) always fails.
BUILD=${BUILD:-build}
out="$BUILD/tmp/damaged"
rm -rf "$out"; mkdir -p "$out"
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
db="$BUILD/content.db"

if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "skipped: the sqlite3 tool is missing (make check installs it with tools/deps.sh check)"
	echo "0 passed, 0 failed"; exit 0
fi

# run NAME DB SCRIPT EXPECTED-STATUS LOG-PATTERN: runs the kiosk at each of $sizes.
sizes=800x480
run() {
	name=$1 bad_db=$2 scr=$3 want=$4 logpat=$5
	for size in $sizes; do
		"$BUILD/kyr-kiosk" --config /dev/null --content "$bad_db" --fonts "$BUILD/fonts" --headless \
			--size "$size" --script "$scr" --out "$out" 2>"$out/$name.err"; rc=$?
		if [ "$rc" -ge 128 ]; then bad "$name at $size: the kiosk crashed (exit $rc): $(tail -n 5 "$out/$name.err")"; continue; fi
		[ "$rc" -eq "$want" ] && ok || bad "$name at $size: exit $rc, expected $want: $(tail -n 3 "$out/$name.err")"
		if [ -n "$logpat" ]; then
			grep -q -- "$logpat" "$out/$name.err" && ok || bad "$name at $size: no '$logpat' in the log: $(cat "$out/$name.err")"
		fi
	done
}
# spoil NAME SQL: a copy of the database with SQL applied.
spoil() {
	cp "$db" "$out/$1.db" && sqlite3 "$out/$1.db" "$2" || bad "could not make $1.db"
}

# The out-of-service screen stays whatever a visitor does.
cat >"$out/oos.kyr" <<'EOF'
expect-screen oos
expect-text Out of service
tap 400 240
expect-no @lang:en
key escape
key enter
text hello
wait 200000
expect-screen oos
EOF
# A visit over every kind of item, ending with Quick exit.
cat >"$out/visit.kyr" <<'EOF'
expect-screen attract
tap @lang:es
expect-screen home
tap @topic:01-door
expect-screen article
key end
key home
tap @back
tap @topic:02-street
expect-screen article
tap @home
tap @search
tap @key:p
tap @key:u
tap @key:e
tap @key:r
tap @key:t
tap @key:a
tap @result:0
tap @back
tap @key:clear
text lakeview
tap @result:0
tap @home
tap @directory
expect-screen directory
tap @filter:lang:all
scroll-to @org:lakeview-asylum-clinic
tap @org:lakeview-asylum-clinic
expect-screen org
tap @home
scroll-to @card
tap @card
expect-screen card
key end
tap @exit
expect-screen attract
tap @lang:en
tap @language
scroll-to @lang:ar
tap @lang:ar
tap @topic:01-door
tap @exit
expect-screen attract
EOF

# --- databases the kiosk cannot use: out of service ---------------------------
head -c 12288 "$db" >"$out/truncated.db"
run truncated "$out/truncated.db" "$out/oos.kyr" 0 "truncated.db"
head -c 100 "$db" >"$out/header-only.db"
run header-only "$out/header-only.db" "$out/oos.kyr" 0 "header-only.db"
: >"$out/empty.db"
run empty "$out/empty.db" "$out/oos.kyr" 0 "empty.db"
head -c 65536 /dev/urandom >"$out/random.db"
run random "$out/random.db" "$out/oos.kyr" 0 "random.db"
# Valid header, pages of garbage after the first.
{ head -c 4096 "$db"; head -c 200000 /dev/urandom; } >"$out/garbage-pages.db"
run garbage-pages "$out/garbage-pages.db" "$out/oos.kyr" 0 "garbage-pages.db"
run missing "$out/no-such.db" "$out/oos.kyr" 0 "no-such.db: cannot read"
spoil schema-99 "UPDATE meta SET value = '99' WHERE key = 'schema_version'"
run schema-99 "$out/schema-99.db" "$out/oos.kyr" 0 "schema version 99"
spoil schema-none "DELETE FROM meta WHERE key = 'schema_version'"
run schema-none "$out/schema-none.db" "$out/oos.kyr" 0 "schema version missing"
spoil no-meta "DROP TABLE meta"
run no-meta "$out/no-meta.db" "$out/oos.kyr" 0 "not a KYR content database"
for table in articles contacts languages ui topics keyboards regions search; do
	spoil "no-$table" "DROP TABLE $table"
	run "no-$table" "$out/no-$table.db" "$out/oos.kyr" 0 "no-$table.db: not a KYR content database"
done
spoil no-column "ALTER TABLE articles DROP COLUMN sources"
run no-column "$out/no-column.db" "$out/oos.kyr" 0 "unexpected table 'articles'"

# --- one bad item: shown as well as can be or skipped, never a crash ----------
sizes="800x480 1080x1920"   # layouts differ: both a small landscape and a tall portrait screen
bin() { printf "CAST(x'%s' AS TEXT)" "$1"; }   # bytes that are not UTF-8
spoil bad-title "UPDATE articles SET title = $(bin fffe41c3) WHERE topic = '01-door' AND lang = 'es'"
run bad-title "$out/bad-title.db" "$out/visit.kyr" 0 ""
spoil bad-summary "UPDATE articles SET summary = $(bin 'e282') || summary, title = title || $(bin 'f0908080c0af') WHERE lang IN ('es', 'ar')"
run bad-summary "$out/bad-summary.db" "$out/visit.kyr" 0 ""
spoil bad-ui "UPDATE ui SET value = $(bin 'ff') || value || $(bin 'edb080') WHERE lang IN ('es', 'en')"
run bad-ui "$out/bad-ui.db" "$out/visit.kyr" 0 ""
spoil bad-lang "UPDATE languages SET native_name = $(bin 'c0'), english_name = '', rtl = 7, voice = $(bin 'ff') WHERE code = 'es'"
run bad-lang "$out/bad-lang.db" "$out/visit.kyr" 0 ""
spoil bad-contact "UPDATE contacts SET name = $(bin 'fe') || name, phones = $(bin '2b31ff'), languages = ';;;', services = $(bin '80') WHERE id LIKE 'lakeview-%'"
run bad-contact "$out/bad-contact.db" "$out/visit.kyr" 0 ""
spoil bad-keyboard "UPDATE keyboards SET layout = 'row: ' || $(bin 'ff') WHERE name = 'latin'"
run bad-keyboard "$out/bad-keyboard.db" "$out/visit.kyr" 1 ""     # no keys to tap: the script stops, the kiosk does not
spoil bad-search "UPDATE articles SET title = $(bin 'ffff') WHERE lang = 'en'; INSERT INTO search(kind, ref, lang, title, body) VALUES ('article', 'no-such', 'es', 'puerta', 'puerta puerta'), ('contact', 'no-such', '', 'puerta', 'puerta')"
run bad-search "$out/bad-search.db" "$out/visit.kyr" 0 ""
spoil bad-blocks "UPDATE articles SET blocks = x'4b42310aff' WHERE topic = '01-door' AND lang = 'es'; UPDATE articles SET blocks = randomblob(300) WHERE topic = '02-street'"
run bad-blocks "$out/bad-blocks.db" "$out/visit.kyr" 0 "content check: [0-9]* damaged items, shown as well as can be: .*article 01-door/es"
# NULLs where the schema says NOT NULL: a table rebuilt without the
# constraints is not kyr-build's table, so the database is refused.
spoil null-blocks "CREATE TABLE a2 AS SELECT * FROM articles; DROP TABLE articles; ALTER TABLE a2 RENAME TO articles;
	UPDATE articles SET blocks = NULL, sources = NULL, reviewed_by = NULL, summary = NULL WHERE topic = '01-door'"
run null-blocks "$out/null-blocks.db" "$out/oos.kyr" 0 "unexpected table 'articles'"
spoil no-english "DELETE FROM articles WHERE topic = '01-door' AND lang = 'en'"
run no-english "$out/no-english.db" "$out/visit.kyr" 1 ""      # the topic is gone from home: the script stops
# Spans pointing past the text, a huge count: a valid header, lying lengths.
spoil lying-blocks "UPDATE articles SET blocks = x'4b42310a0101000548656c6c6f0101ff0f' WHERE topic = '01-door' AND lang = 'es'; UPDATE articles SET blocks = x'4b42310affffffffffffffff7f' WHERE topic = '02-street' AND lang = 'es'"
run lying-blocks "$out/lying-blocks.db" "$out/visit.kyr" 0 "content check: [0-9]* damaged items, shown as well as can be: .*article 01-door/es"
# Over the content limits: found by the scan that runs after the first
# frame, before any input, and refused as surely as a damaged file: "out of
# service" alone, the previous content when content.prev.db is there.
spoil over-limit "UPDATE articles SET title = hex(randomblob(200)) WHERE topic = '01-door' AND lang = 'es'"
run over-limit "$out/over-limit.db" "$out/oos.kyr" 0 "over-limit.db: article 01-door/es is over the content limits"
mkdir -p "$out/limits" && cp "$out/over-limit.db" "$out/limits/content.db" && cp "$db" "$out/limits/content.prev.db"
printf 'expect-screen attract\ntap @lang:es\nexpect-screen home\ntap @topic:01-door\nexpect-screen article\n' >"$out/prev.kyr"
run over-limit-prev "$out/limits/content.db" "$out/prev.kyr" 0 "using the previous content"

# Visit-time damage is counted, not logged: only the start-up lines and the
# content check (run after the first frame, so after the sandbox line, but
# before any input), nothing else after the sandbox line.
# (Sanitizer runtime lines, "==PID==...", in a SAN=1 build, aside.)
if sed -n '/sandbox:/,$p' "$out/bad-blocks.err" | grep -v 'sandbox:\|content check:\|stopped\|^==[0-9]*==' | grep -q .; then
	bad "bad-blocks: logged during the visit: $(sed -n '/sandbox:/,$p' "$out/bad-blocks.err")"
else ok; fi

# A font file that cannot be read: named once at start; an Arabic visit
# then logs nothing (which script a visitor read must not reach the log).
rm -rf "$out/fonts"; cp -r "$BUILD/fonts" "$out/fonts"; rm "$out/fonts/NotoNaskhArabic-Bold.ttf"
printf 'scroll-to @lang:ar\ntap @lang:ar\nexpect-screen home\ntap @topic:01-door\nexpect-screen article\n' > "$out/ar.kyr"
"$BUILD/kyr-kiosk" --config /dev/null --content "$db" --fonts "$out/fonts" --headless --size 800x480 \
	--script "$out/ar.kyr" --out "$out" 2>"$out/font.err" && ok || bad "missing font: $(tail -n 3 "$out/font.err")"
grep -q '^kyr-kiosk: fonts: cannot read NotoNaskhArabic-Bold.ttf' "$out/font.err" && ok || bad "missing font not named at start: $(cat "$out/font.err")"
if sed -n '/sandbox:/,$p' "$out/font.err" | grep -v 'sandbox:\|stopped\|^==[0-9]*==' | grep -q .; then
	bad "missing font: logged during the visit: $(sed -n '/sandbox:/,$p' "$out/font.err")"
else ok; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
