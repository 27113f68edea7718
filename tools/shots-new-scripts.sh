#!/bin/sh
# Screenshots of the scripts issue 18 added (home and the first article in
# Urdu, Punjabi, Bengali, Burmese and Pashto at 800x480 and 1080x1920) and
# of the language screen with 29 languages, three audio-first, from a test
# bundle with generated recordings. Run by tools/screenshots.sh.
# Usage: sh tools/shots-new-scripts.sh BUILD OUT
set -eu
BUILD=$1 out=$2
tmp="$BUILD/tmp/shots-new"
mkdir -p "$tmp" "$out"
kiosk() { "$BUILD/kyr-kiosk" --config /dev/null --fonts "$BUILD/fonts" --headless "$@" 2>/dev/null; }
for size in 800x480 1080x1920; do
	for lang in ur pa bn my ps; do
		printf 'scroll-to @lang:%s\ntap @lang:%s\nshot %s-%s-home\ntap @topic:01-door\nshot %s-%s-article\n' \
			"$lang" "$lang" "$size" "$lang" "$size" "$lang" > "$tmp/$lang.kyr"
		kiosk --content "$BUILD/content.db" --size "$size" --script "$tmp/$lang.kyr" --out "$out"
	done
done
sh tests/sh/audio-first-bundle.sh "$BUILD" "$tmp/af" >/dev/null
printf 'shot 800x480-29-languages\ntap @more-langs\ntap @more-langs\nshot 800x480-29-languages-more\n' > "$tmp/29.kyr"
printf '[kiosk]\nlanguages_first = es, mam, quc, kjb\n' > "$tmp/first.conf"
kiosk --content "$tmp/af/content.db" --size 800x480 --script "$tmp/29.kyr" --out "$out"
printf 'shot 800x480-29-languages-first\nscroll-to @lang:mam\ntap @lang:mam\ntap @topic:01-door\nshot 800x480-mam-article\n' > "$tmp/first.kyr"
"$BUILD/kyr-kiosk" --config "$tmp/first.conf" --content "$tmp/af/content.db" --fonts "$BUILD/fonts" --headless \
	--size 800x480 --script "$tmp/first.kyr" --out "$out" 2>/dev/null
