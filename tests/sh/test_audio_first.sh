#!/bin/sh
# Audio-first languages (issue 18): a bundle with Mam, K'iche' and
# Q'anjob'al whose recordings are generated tones (tests/sh/audio-first-bundle.sh),
# driven through the real kiosk with SDL's disk audio driver: the tile shows
# and says its name (sound in the disk file), the topics show the Spanish
# text, Play plays the recording; and kyr-build's checks on the format.
BUILD=${BUILD:-build}
T="$BUILD/tmp/audio-first.$$"
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
rm -rf "$T"; mkdir -p "$T"
sh tests/sh/audio-first-bundle.sh "$BUILD" "$T/af" >"$T/bundle.log" 2>&1 || bad "bundle: $(tail -n 5 "$T/bundle.log")"
KIOSK_DB="$T/af/content.db"
. tests/sh/audio.sh

# The tile: found by scrolling, touched, it says its name (a 1 s tone)
# and opens the home screen in Spanish, its text language.
cat > "$T/name.kyr" <<'EOS'
scroll-to @lang:mam
expect-text Q'anjob'al
scroll-to @lang:mam
tap @lang:mam
sleep 1500
expect-screen home
expect-text Conozca sus derechos
EOS
if kiosk name; then ok; else bad "tile: $(tail -n 2 "$T/kiosk.err")"; fi
loud=$(seconds_loud "$T/name.raw")
awk -v s="$loud" 'BEGIN { exit !(s >= 0.8 && s <= 1.2) }' && ok || bad "the name played for $loud s (a 1 s recording)"

# A topic: the Spanish article, and Play plays the publisher's recording
# (2 s) after the name (1 s).
cat > "$T/play.kyr" <<'EOS'
scroll-to @lang:quc
tap @lang:quc
sleep 1200
tap @topic:01-door
expect-text Si agentes de inmigración llegan a su puerta
listen
sleep 2500
expect-screen article
EOS
if kiosk play; then ok; else bad "topic: $(tail -n 2 "$T/kiosk.err")"; fi
loud=$(seconds_loud "$T/play.raw")
awk -v s="$loud" 'BEGIN { exit !(s >= 2.7 && s <= 3.3) }' && ok || bad "name and topic played for $loud s (1 s + 2 s of recordings)"

# A written language's tile says nothing.
printf 'tap @lang:es\nsleep 1000\nexpect-screen home\n' > "$T/es.kyr"
if kiosk es; then ok; else bad "Spanish: $(tail -n 2 "$T/kiosk.err")"; fi
loud=$(seconds_loud "$T/es.raw")
awk -v s="$loud" 'BEGIN { exit !(s == 0) }' && ok || bad "a written language's tile made $loud s of sound"

# kyr-build: each broken variant is refused with the file (and line) named.
# variant NAME COMMAND EXPECTED: copy the good source, break it, build.
variant() {
	rm -rf "$T/v"; cp -r "$T/af/src" "$T/v"
	(cd "$T/v" && eval "$2")
	"$BUILD/kyr-build" ${STRICT:-} -q "$T/v" -o "$T/v.db" >"$T/v.log" 2>&1 && { bad "$1: built"; return; }
	grep -qF -- "$3" "$T/v.log" && ok || bad "$1: expected '$3', got: $(head -n 3 "$T/v.log")"
}
variant "unknown text language" "sed -i 's/^mam,\(.*\),es$/mam,\1,xx/' languages.csv" "languages.csv:28: text_language 'xx' is not in languages.csv"
variant "text language audio-first" "sed -i 's/^quc,\(.*\),es$/quc,\1,mam/' languages.csv" "text_language 'mam' is itself audio-first"
variant "voice" "sed -i 's/^mam,Mam,Mam,ltr,27,,/mam,Mam,Mam,ltr,27,es,/' languages.csv" "voice must be empty"
variant "article text" "cp topics/01-door/es.md topics/01-door/mam.md" "topics/01-door/mam.md:1: 'mam' is audio-first: no article text"
variant "PO file" "cp ui/es.po ui/kjb.po" "ui/kjb.po:1: 'kjb' is audio-first"
variant "directory PO file" "cp directory/es.po directory/kjb.po" "directory/kjb.po:1: 'kjb' is audio-first"
variant "not Opus" "printf 'RIFF not really' > topics/02-street/mam.opus" "topics/02-street/mam.opus: not an Ogg Opus file"
variant "WAV" "mv languages/quc.opus languages/quc.wav" "languages/quc.wav: a recording must be Ogg Opus"
variant "no name" "rm languages/kjb.opus" "languages/kjb.opus: missing"
variant "name of a written language" "cp languages/kjb.opus languages/es.opus" "languages/es.opus: 'es' is a written language"
STRICT=--strict variant "topic without recording" "rm topics/03-driving/kjb.opus" "topics/03-driving: no recording kjb.opus"
# The same content without the strict flag builds (a warning).
rm -rf "$T/v"; cp -r "$T/af/src" "$T/v"; rm "$T/v/topics/03-driving/kjb.opus"
"$BUILD/kyr-build" -q "$T/v" -o "$T/v.db" >"$T/v.log" 2>&1 && ok || bad "a missing topic recording is a warning: $(head -n 3 "$T/v.log")"

# The default content has no audio-first language, so no text_languages
# table: its bundles still install on kiosks that predate the format.
n=$(sqlite3 "$BUILD/content.db" "SELECT count(*) FROM sqlite_schema WHERE name = 'text_languages'" 2>/dev/null || echo x)
[ "$n" = 0 ] && ok || bad "the default content has a text_languages table ($n)"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && rm -rf "$T"
[ "$fail" -eq 0 ]
