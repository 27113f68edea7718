#!/bin/sh
# Cuts the big font collections down to the characters the content uses, so
# the kiosk reads a few hundred kilobytes instead of the 11 MB of the two
# Noto CJK collections before its first frame (docs/performance.md).
#
#   tools/subset-fonts.sh KYR_BUILD CONTENT_DIR FONT_DIR
#
# FONT_DIR holds the copied fonts and fonts.list (from fonts/fonts.list).
# For every face whose file is bigger than FONT_SUBSET_MIN bytes, writes
# FONT_DIR/sub/<face>-regular.otf and -bold.otf with HarfBuzz's subsetter
# (Debian libharfbuzz-bin) and appends a `subset` line to FONT_DIR/fonts.list.
# The kiosk tries a subset first and falls back to the full file for any
# other character (a bundle installed later may use new ones, the Korean
# keyboard can compose any Hangul syllable), so a missing hb-subset only
# costs speed: the fonts.list is then left without subsets.
# The SIL Open Font License allows subsetting (fonts/README.md).
set -eu
kyr_build=$1 content=$2 dir=$3
min=${FONT_SUBSET_MIN:-4000000}
list=$dir/fonts.list
if ! command -v hb-subset >/dev/null 2>&1; then
	echo "subset-fonts: hb-subset not found (Debian libharfbuzz-bin): the kiosk will read the full fonts" >&2
	exit 0
fi
cps=$dir/sub/codepoints.txt
# The content's characters and those the kiosk's own code draws (separators,
# arrows: string literals in src/).
src=$(dirname "$0")/../src
mkdir -p "$dir/sub"
"$kyr_build" -q --codepoints "$dir/codepoints.new" --codepoints-from "$src" "$content" >/dev/null
# The same characters, faces, font files and script as last time: the
# subsets made then are still right (make runs this after any change to the
# program, most of which change no character it draws).
key=$dir/subsets.key.new
{ cat "$dir/codepoints.new"; grep '^face[[:space:]]' "$list"; cksum <"$0"
  grep '^face[[:space:]]' "$list" | while read -r _ _ reg bold; do
	for f in "$reg" "$bold"; do [ -f "$dir/${f%%:*}" ] && cksum <"$dir/${f%%:*}"; done; done; } >"$key" 2>/dev/null || true
if [ -f "$dir/sub/subsets.list" ] && cmp -s "$key" "$dir/sub/subsets.key"; then
	rm -f "$key" "$dir/codepoints.new"
	cat "$dir/sub/subsets.list" >>"$list"
	echo "subset-fonts: unchanged, $(wc -l <"$dir/sub/subsets.list") faces" >&2
	exit 0
fi
rm -rf "$dir/sub"
mkdir -p "$dir/sub"
mv "$dir/codepoints.new" "$cps"
# Faces are "face NAME REGULAR[:INDEX] BOLD[:INDEX]"; "-" means none.
grep '^face[[:space:]]' "$list" | while read -r _ name reg bold; do
	out=""
	for style in regular bold; do
		f=$reg
		[ $style = bold ] && f=$bold
		file=${f%%:*} index=0
		[ "$file" != "$f" ] && index=${f##*:}
		if [ "$f" = - ] || [ ! -f "$dir/$file" ] || [ "$(wc -c <"$dir/$file")" -lt "$min" ]; then
			out=""
			break
		fi
		sub=sub/$name-$style.otf
		hb-subset --desubroutinize --face-index="$index" --unicodes-file="$cps" --output-file="$dir/$sub" "$dir/$file"
		out="$out $sub"
	done
	if [ -n "$out" ]; then echo "subset $name$out"; fi
done >"$dir/sub/subsets.list"
cat "$dir/sub/subsets.list" >>"$list"
mv "$key" "$dir/sub/subsets.key"
echo "subset-fonts: $(wc -l <"$dir/sub/subsets.list") faces cut to $(wc -l <"$cps") characters, $(du -sk "$dir/sub" | cut -f1) KB" >&2
