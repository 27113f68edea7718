#!/bin/sh
# Builds the kiosk's arm64 package for one Debian release (trixie or
# bookworm: Raspberry Pi OS's current and legacy bases) inside that release's
# own root, so `make deb` there computes Depends from that release's
# libraries (libicu76 on trixie, libicu72 on bookworm …).
#
# Usage: tools/release-deb.sh RELEASE [OUTDIR]    (as root; prints the .deb's path)
# The root is tools/appliance-root.sh's cached one; a copy with the build
# dependencies (from tools/deps.sh's list) is kept beside it as build-root/
# for the next run. Everything runs under qemu-user: the first run installs
# the compiler and libraries (several minutes), later runs only compile.
set -eu
release=${1:?usage: tools/release-deb.sh trixie|bookworm [OUTDIR]}
out=${2:-build/appliance/$release}
cache=${KYR_APPLIANCE_CACHE:-/var/cache/kyr-appliance}
here=$(cd "$(dirname "$0")/.." && pwd)
[ "$(id -u)" -eq 0 ] || { echo "release-deb: needs root (chroot)" >&2; exit 1; }
sh "$here/tools/appliance-root.sh" "$release" >&2
br=$cache/$release/build-root
mounted=""
cleanup() { for m in $mounted; do umount -l "$m" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM
bind() {
	for m in proc sys dev; do
		mount --bind "/$m" "$1/$m"
		mounted="$1/$m $mounted"
	done
}
start=$(date +%s)
exec 9>"$cache/$release.build.lock"
flock 9
if [ ! -f "$br/.kyr-build-ready" ]; then
	rm -rf "$br" "$br.tmp"
	cp -a "$cache/$release/root" "$br.tmp"
	# The build dependencies are tools/deps.sh's "build" list: one list.
	pkgs=$(sed -n '/^if \[ "\$what" = check \]/q; s/^need_[a-z]* [^ ]* \([^ ]*\).*/\1/p' "$here/tools/deps.sh" | tr '\n' ' ')
	bind "$br.tmp"
	echo "release-deb: installing the build dependencies into $br (several minutes)" >&2
	chroot "$br.tmp" sh -c "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		make dpkg-dev file $pkgs" > "$cache/$release/build-root.log" 2>&1 ||
		{ tail -n 20 "$cache/$release/build-root.log" >&2; exit 1; }
	chroot "$br.tmp" apt-get clean
	cleanup; mounted=""
	touch "$br.tmp/.kyr-build-ready"
	mv "$br.tmp" "$br"
fi
# The working tree as it is (committed or not), without build output.
rm -rf "$br/src"
mkdir -p "$br/src"
(cd "$here" && git ls-files -co --exclude-standard | tar -cf - -T -) | tar -xf - -C "$br/src"
bind "$br"
echo "release-deb: make deb inside the $release arm64 root" >&2
chroot "$br" sh -c 'cd /src && make -j2 deb DEB_COMPRESS=gzip' > "$br/make.log" 2>&1 ||
	{ tail -n 30 "$br/make.log" >&2; echo "release-deb: make deb failed in $br/src (log: $br/make.log)" >&2; exit 1; }
cleanup; mounted=""
mkdir -p "$out"
deb=$(ls "$br"/src/build/kyr-kiosk_*_arm64.deb | head -n 1)
name=$(basename "$deb" _arm64.deb)_${release}_arm64.deb
cp "$deb" "$out/$name"
echo "release-deb: $out/$name in $(( $(date +%s) - start )) s" >&2
echo "$out/$name"
