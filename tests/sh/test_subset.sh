#!/bin/sh
# Font subsets change nothing visible: the same screens drawn with the
# build's fonts (CJK subsets first, tools/subset-fonts.sh) and with the full
# collections only are the same pixels, at two panel sizes.
BUILD=${BUILD:-build}
out="$BUILD/tmp/subset"
rm -rf "$out"; mkdir -p "$out/full-fonts"
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
fonts=$(cd "$BUILD/fonts" && pwd)

if grep -q '^subset ' "$fonts/fonts.list"; then ok; else bad "no subset lines in $fonts/fonts.list"; fi
# What ICU writes rather than the content (the Chinese directory's day
# names, 星期五) is in the subsets too: no glyph 0 in them.
for face in sc-regular sc-bold tc-regular tc-bold; do
	gids=$(hb-shape --no-glyph-names --no-positions --no-clusters --font-file "$fonts/sub/cjk-$face.otf" \
		--text "星期一二三四五六日" 2>&1)
	case "$gids" in \[*) case "|${gids#?}" in *"|0|"*|*"|0]"*) bad "cjk-$face lacks a day-name character: $gids" ;; *) ok ;; esac ;;
	*) bad "hb-shape on cjk-$face: $gids" ;; esac
done
for f in "$fonts"/*; do [ "$(basename "$f")" = fonts.list ] || ln -s "$f" "$out/full-fonts/"; done
grep -v '^subset ' "$fonts/fonts.list" >"$out/full-fonts/fonts.list"

for size in 800x480 1080x1920; do
	for set in sub full; do
		dir=$fonts; [ $set = full ] && dir=$out/full-fonts
		mkdir -p "$out/$set-$size"
		"$BUILD/kyr-kiosk" --config /dev/null --content "$BUILD/content.db" --fonts "$dir" --headless \
			--size "$size" --script tests/scripts/cjk-screens.kyr --out "$out/$set-$size" 2>"$out/$set-$size.err" ||
			bad "cjk-screens at $size with $set fonts: $(cat "$out/$set-$size.err")"
	done
	n=0
	for png in "$out/sub-$size"/*.png; do
		[ -f "$png" ] || continue
		n=$((n + 1))
		if cmp -s "$png" "$out/full-$size/$(basename "$png")"; then ok
		else bad "$(basename "$png") at $size differs between subset and full fonts"; fi
	done
	[ "$n" -eq 7 ] || bad "$n screenshots at $size, expected 7"
done
echo "$pass passed, $fail failed"
