#!/bin/sh
# Builds a test bundle with the default content's 26 written languages and
# three audio-first ones (Mam, K'iche', Q'anjob'al, text in Spanish) whose
# recordings are GENERATED tones, never speech: the default content has no
# recordings for them, and a made-up recording of legal content would be
# worse than none. Not a test itself (tests/run.sh runs only test_*.sh);
# used by tests/sh/test_audio_first.sh and tests/test_ui.c.
#   sh tests/sh/audio-first-bundle.sh BUILD OUT
# writes OUT/src (the content folder) and OUT/content.db.
set -eu
BUILD=$1 OUT=$2
rm -rf "$OUT"; mkdir -p "$OUT"
src="$OUT/src"
cp -r content "$src"

# tone FILE HALF_PERIOD SECONDS: a square wave of 48000 / (2 * HALF_PERIOD)
# Hz at a quarter of full scale, 48 kHz mono 16-bit, encoded with opusenc.
tone() {
	# One period (no shell variables: they cannot hold the NUL bytes),
	# doubled until it is long enough, then cut to the length.
	: > "$1.raw"
	i=0; while [ $i -lt "$2" ]; do printf '\000\040' >> "$1.raw"; i=$((i + 1)); done   # +8192, little-endian
	i=0; while [ $i -lt "$2" ]; do printf '\000\340' >> "$1.raw"; i=$((i + 1)); done   # -8192
	bytes=$((48000 * 2 * $3))
	while [ "$(wc -c < "$1.raw")" -lt "$bytes" ]; do cat "$1.raw" "$1.raw" > "$1.tmp"; mv "$1.tmp" "$1.raw"; done
	head -c "$bytes" "$1.raw" > "$1.tmp"
	opusenc --quiet --raw --raw-bits 16 --raw-rate 48000 --raw-chan 1 --bitrate 24 "$1.tmp" "$1"
	rm -f "$1.raw" "$1.tmp"
}

# languages.csv gains the optional text_language column.
awk -F, 'NR == 1 { print $0 ",text_language"; next } { print $0 "," }' content/languages.csv > "$src/languages.csv"
cat >> "$src/languages.csv" <<'CSV'
mam,Mam,Mam,ltr,27,,,es
quc,K'iche',K'iche',ltr,28,,,es
kjb,Q'anjob'al,Q'anjobal,ltr,29,,,es
CSV
mkdir -p "$src/languages"
k=40
for code in mam quc kjb; do
	tone "$src/languages/$code.opus" $k 1
	for d in "$src"/topics/*/; do tone "$d$code.opus" $((k + 10)) 2; done
	k=$((k + 20))
done
"$BUILD/kyr-build" -q "$src" -o "$OUT/content.db"
