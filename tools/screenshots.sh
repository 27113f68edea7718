#!/bin/sh
# Renders the documented set of screens into docs/screenshots/ with the
# kiosk's own headless scripted mode: for each of the four reference sizes,
# the language screen, then home and an article in English, Arabic, Chinese
# and Spanish, and (English and Arabic) the scrolled article, high contrast,
# About and "Are you still there?". Usage: sh tools/screenshots.sh [BUILD]
set -eu
BUILD=${1:-build}
out=docs/screenshots
tmp="$BUILD/tmp/shots"
mkdir -p "$out" "$tmp"
rm -f "$out"/*.png
kiosk() { "$BUILD/kyr-kiosk" --config /dev/null --content "$BUILD/content.db" --fonts "$BUILD/fonts" --headless "$@"; }

for size in 800x480 720x1280 1080x1920 1920x1080; do
	printf 'shot %s-attract\n' "$size" > "$tmp/attract.kyr"
	kiosk --size "$size" --script "$tmp/attract.kyr" --out "$out"
	for lang in en ar zh-Hans es; do
		cat > "$tmp/$lang.kyr" <<EOS
tap @lang:$lang
shot $size-$lang-home
tap @topic:01-door
shot $size-$lang-article
EOS
		case $lang in en|ar) cat >> "$tmp/$lang.kyr" <<EOS
drag 300 400 300 100 300
wait 3000
shot $size-$lang-article-scrolled
tap @contrast
shot $size-$lang-article-contrast
tap @contrast
tap @home
key end
tap @about
shot $size-$lang-about
wait 120000
shot $size-$lang-idle
EOS
		esac
		kiosk --size "$size" --script "$tmp/$lang.kyr" --out "$out"
	done
done
echo "screenshots in $out/"
