#!/bin/sh
# Installs the Debian packages KYR Kiosk needs when they are missing.
# Usage: tools/deps.sh [build|check|fuzz]
#   build  libraries and fonts needed to build and run (default)
#   check  also the tools the test suite drives (strace, minisign, zbarimg, opusenc ...)
#   fuzz   clang and libFuzzer (make fuzz), on top of build
# Prints what it installs to standard error; silent when all is present.
set -u
what=${1:-build}
missing=""

need_pc() {   # pkg-config module, Debian package
	pkg-config --exists "$1" 2>/dev/null || missing="$missing $2"
}
need_file() { # file, Debian package
	[ -e "$1" ] || missing="$missing $2"
}
need_cmd() {  # command, Debian package
	command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}

need_cmd pkg-config pkg-config
need_cmd cc gcc
need_pc sdl2 libsdl2-dev
need_pc SDL2_ttf libsdl2-ttf-dev
need_pc libdeflate libdeflate-dev
need_pc sqlite3 libsqlite3-dev
need_pc icu-uc libicu-dev
need_pc libcmark libcmark-dev
need_pc inih libinih-dev
need_pc libsodium libsodium-dev
need_pc libqrencode libqrencode-dev
need_pc libseccomp libseccomp-dev
need_pc espeak-ng libespeak-ng-dev
need_pc opusfile libopusfile-dev
need_pc harfbuzz libharfbuzz-dev
need_file /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf fonts-noto-core
need_file /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc fonts-noto-cjk
need_file /usr/share/fonts/truetype/material-design-icons-iconfont/MaterialIcons-Regular.ttf fonts-material-design-icons-iconfont
need_cmd hb-subset libharfbuzz-bin   # font subsets (tools/subset-fonts.sh)
need_file /usr/include/hyphen.h libhyphen-dev
# Hyphenation dictionaries for the content's languages that have one in
# Debian (a word wider than any line is hyphenated; without, it is broken
# between letters). Tagalog, Turkish, Somali ... have none.
for d in en_US:en-us es_ES:es fr:fr pt_BR:pt-br ru_RU:ru uk_UA:uk hi_IN:hi bn_IN:bn pa_IN:pa; do
	need_file /usr/share/hyphen/hyph_${d%%:*}.dic hyphen-${d#*:}
done
if [ "$what" = check ]; then
	need_cmd strace strace
	need_cmd minisign minisign
	need_cmd zbarimg zbar-tools
	need_cmd sqlite3 sqlite3
	need_cmd msgfmt gettext
	need_cmd opusenc opus-tools     # test recordings for speech (tests/test_speech.c)
fi
if [ "$what" = fuzz ]; then   # make fuzz: clang and libFuzzer's runtime
	need_cmd clang clang
	ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1 || missing="$missing libclang-rt-14-dev"
fi

[ -z "$missing" ] && exit 0

echo "kyr: installing missing Debian packages:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists yet: update once, then install.
$sudo apt-get install -y -qq $missing >/dev/null 2>&1 || {
	$sudo apt-get update -qq >&2 &&
	$sudo apt-get install -y -qq $missing >&2
} || { echo "kyr: could not install:$missing" >&2; exit 1; }
echo "kyr: installed:$missing" >&2
