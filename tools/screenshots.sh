#!/bin/sh
# Renders the documented set of screens into docs/screenshots/ with the
# kiosk's own headless scripted mode. Usage: sh tools/screenshots.sh [BUILD]
set -eu
BUILD=${1:-build}
out=docs/screenshots
tmp="$BUILD/tmp/shots"
mkdir -p "$out" "$tmp"
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
drag 300 700 300 200 300
wait 3000
shot $size-$lang-article-scrolled
tap @contrast
shot $size-$lang-article-contrast
tap @contrast
tap @home
tap @about
shot $size-$lang-about
wait 120000
shot $size-$lang-idle
EOS
		kiosk --size "$size" --script "$tmp/$lang.kyr" --out "$out"
	done
done
echo "screenshots in $out/"
