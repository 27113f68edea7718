#!/bin/sh
# Listening, through the real kiosk with SDL's disk audio driver: the
# article is read aloud (non-silent audio of plausible length), the
# highlighted sentence advances, Stop and Quick exit silence it, and a
# language without a voice (Tagalog) shows no Listen button.
BUILD=${BUILD:-build}
T="$BUILD/tmp/speech.$$"
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
rm -rf "$T"; mkdir -p "$T"
. tests/sh/audio.sh

cat > "$T/read.kyr" <<'EOS'
tap @lang:en
tap @topic:01-door
listen
sleep 2000
expect-speaking 0
sleep 5000
expect-speaking 2
tap @stop
expect-silent
key home
expect @listen
expect-screen article
EOS
if kiosk read; then ok; else bad "reading: $(tail -n 2 "$T/kiosk.err")"; fi
loud=$(seconds_loud "$T/read.raw")
awk -v s="$loud" 'BEGIN { exit !(s >= 2.0 && s <= 8.0) }' && ok || bad "read aloud for $loud s of sound (expected 2–8 s in 7 s of playing)"

# Quick exit silences it: no more sound after the exit.
cat > "$T/exit.kyr" <<'EOS'
tap @lang:es
tap @topic:04-arrested
listen
sleep 2500
expect-speaking 0
tap @exit
expect-silent
expect-screen attract
sleep 2500
EOS
if kiosk exit; then ok; else bad "quick exit: $(tail -n 2 "$T/kiosk.err")"; fi
# The last 2 s of the file (after the exit) must be silent.
size=$(stat -c %s "$T/exit.raw")
tail -c 192000 "$T/exit.raw" > "$T/exit-tail.raw"
loud=$(seconds_loud "$T/exit-tail.raw")
[ "$size" -gt 192000 ] && awk -v s="$loud" 'BEGIN { exit !(s < 0.05) }' && ok || bad "sound after quick exit ($loud s loud in the last 2 s of $size bytes)"

# Tagalog has no espeak-ng voice: no Listen button.
printf 'scroll-to @lang:tl\ntap @lang:tl\ntap @topic:01-door\nexpect-no @listen\ntap @home\nexpect-no @listen\n' > "$T/tl.kyr"
if kiosk tl; then ok; else bad "Tagalog: $(tail -n 2 "$T/kiosk.err")"; fi
# Arabic has one, on the home and directory screens too.
printf 'scroll-to @lang:ar\ntap @lang:ar\nexpect @listen\ntap @directory\nexpect @listen\n' > "$T/ar.kyr"
if kiosk ar; then ok; else bad "Arabic Listen buttons: $(tail -n 2 "$T/kiosk.err")"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && rm -rf "$T"
[ "$fail" -eq 0 ]
