#!/bin/sh
# Renders the documented set of screens into docs/screenshots/ with the
# kiosk's own headless scripted mode: for each of the four reference sizes,
# the language screen, then home and an article in English, Arabic, Chinese
# and Spanish, and (English and Arabic) the scrolled article, high contrast,
# About and "Are you still there?"; the directory and an organisation with
# its QR code (Spanish, Arabic, Chinese), the rights card (Spanish,
# Chinese), a Spanish search that finds contacts by their Spanish notes,
# search with the Arabic and Korean keyboards; spoken navigation and keyboard focus; Urdu, Punjabi,
# Bengali, Burmese and Pashto; 29 languages; and the out-of-service screen.
# Usage: sh tools/screenshots.sh [BUILD]
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
scroll-to @lang:$lang
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
	# Finding help: the directory, an organisation with its QR code, the
	# rights card, and search with the Arabic and Korean keyboards.
	cat > "$tmp/help.kyr" <<EOS
tap @lang:es
tap @directory
shot $size-es-directory
tap @filter:lang:all
scroll-to @org:national-detention-hotline
tap @org:national-detention-hotline
shot $size-es-organisation
tap @home
scroll-to @card
tap @card
shot $size-es-card
tap @home
scroll-to @search
tap @search
tap @key:g
tap @key:r
tap @key:a
tap @key:t
tap @key:i
tap @key:s
shot $size-es-search-contacts
tap @exit
scroll-to @lang:ar
tap @lang:ar
tap @directory
shot $size-ar-directory
tap @filter:lang:all
scroll-to @org:national-detention-hotline
tap @org:national-detention-hotline
shot $size-ar-organisation
tap @exit
scroll-to @lang:zh-Hans
tap @lang:zh-Hans
tap @directory
shot $size-zh-Hans-directory
tap @filter:lang:all
scroll-to @org:national-detention-hotline
tap @org:national-detention-hotline
shot $size-zh-Hans-organisation
tap @exit
scroll-to @lang:ar
tap @lang:ar
scroll-to @search
tap @search
tap @key:ب
tap @key:ا
tap @key:ب
shot $size-ar-search
tap @exit
scroll-to @lang:ko
tap @lang:ko
scroll-to @search
tap @search
tap @key:ㅇ
tap @key:ㅕ
tap @key:ㅇ
tap @key:ㅈ
tap @key:ㅏ
tap @key:ㅇ
shot $size-ko-search
tap @exit
scroll-to @lang:zh-Hans
tap @lang:zh-Hans
scroll-to @card
tap @card
shot $size-zh-Hans-card
EOS
	kiosk --size "$size" --script "$tmp/help.kyr" --out "$out"
	# Spoken navigation on (Audio guide; its strip and the focus ring), then
	# keyboard focus on the last control of the Arabic home screen.
	cat > "$tmp/focus.kyr" <<EOS
tap @audio-guide
key tab
key tab
shot $size-audio-guide
key f1
scroll-to @lang:ar
tap @lang:ar
key backtab
shot $size-ar-focus
EOS
	kiosk --size "$size" --script "$tmp/focus.kyr" --out "$out"
done
# The new scripts of issue 18 (Nastaliq, Gurmukhi, Bengali, Burmese,
# Pashto): home and an article at the small and the tall size; and the
# language screen with 29 languages, three of them audio-first (a test
# bundle whose recordings are generated tones).
sh tools/shots-new-scripts.sh "$BUILD" "$out"

# No usable content: out of service, in every language the kiosk knows.
printf 'shot 800x480-out-of-service\n' > "$tmp/oos.kyr"
"$BUILD/kyr-kiosk" --config /dev/null --content /nonexistent/content.db --fonts "$BUILD/fonts" --headless \
	--size 800x480 --script "$tmp/oos.kyr" --out "$out" 2>/dev/null
echo "screenshots in $out/"
