#!/bin/sh
# Installs what `make cross-check ARCH=…` needs when it is missing: Debian's
# cross compiler, qemu-user-static, and the project's -dev libraries for the
# foreign architecture, side by side with the native ones (multiarch).
# Usage: tools/cross-deps.sh [check] arm64|armhf
#   check  only report (exit 1 when something is missing, install nothing)
# The first run adds the architecture and updates the package lists: about
# two minutes with a nearby mirror. Silent when everything is present.
set -u
mode=install
[ "${1:-}" = check ] && { mode=check; shift; }
arch=${1:-arm64}
case "$arch" in
arm64) triplet=aarch64-linux-gnu; qemu=qemu-aarch64-static ;;
armhf) triplet=arm-linux-gnueabihf; qemu=qemu-arm-static ;;
*) echo "kyr: cross-deps: unknown architecture '$arch' (arm64 or armhf)" >&2; exit 2 ;;
esac

# The same libraries as tools/deps.sh, for $arch. All are Multi-Arch: same.
DEV="libsdl2-dev libsdl2-ttf-dev libdeflate-dev libsqlite3-dev libicu-dev
     libcmark-dev libinih-dev libsodium-dev libqrencode-dev libseccomp-dev
     libespeak-ng-dev libopusfile-dev libhyphen-dev libharfbuzz-dev"

missing=""
command -v "$triplet-gcc" >/dev/null 2>&1 || missing="$missing gcc-$triplet"
command -v "$qemu" >/dev/null 2>&1 || missing="$missing qemu-user-static"
foreign=1
dpkg --print-foreign-architectures | grep -qx "$arch" || foreign=0
for p in $DEV; do
	dpkg-query -W -f '${Status}\n' "$p:$arch" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p:$arch"
done

[ -z "$missing" ] && exit 0
if [ "$mode" = check ]; then
	echo "kyr: missing for the $arch cross build:$missing" >&2
	exit 1
fi

echo "kyr: installing the $arch cross build's Debian packages:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
if [ "$foreign" -eq 0 ]; then
	$sudo dpkg --add-architecture "$arch" || exit 1
	# A failed index (a mirror mid-sync) would make every later apt-get
	# update fail: take the architecture out again rather than leave that.
	if ! $sudo apt-get update -qq >&2; then
		$sudo dpkg --remove-architecture "$arch"
		$sudo apt-get update -qq >/dev/null 2>&1
		echo "kyr: apt-get update failed for $arch; architecture removed again" >&2
		exit 1
	fi
fi
# Never let apt remove a native package to make room: a version skew between
# the native and foreign -dev packages must stop here, not break the host.
log=${TMPDIR:-/tmp}/kyr-cross-deps-$arch.log
try() { $sudo apt-get install -y -qq --no-remove --no-install-recommends $missing >"$log" 2>&1 || { tail -n 20 "$log" >&2; false; }; }
try || { $sudo apt-get update -qq >&2 && try; } ||
	{ echo "kyr: could not install:$missing" >&2; exit 1; }
echo "kyr: installed:$missing" >&2
