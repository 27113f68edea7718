#!/bin/sh
# Packs an installed tree (make install DESTDIR=STAGE PREFIX=/usr) into a
# Debian package with dpkg-deb: no debhelper, one control file written here.
# Usage: [STRIP=strip] [DEB_COMPRESS=xz|gzip] tools/mkdeb.sh STAGE ARCH VERSION OUTDIR
# Prints the package's path. Called by `make deb`.
set -eu
stage=$1 arch=$2 version=$3 out=$4
: "${STRIP:=strip}"
[ -x "$stage/usr/bin/kyr-kiosk" ] || { echo "mkdeb: $stage/usr/bin/kyr-kiosk missing (make install first)" >&2; exit 1; }

for f in "$stage"/usr/bin/*; do
	"$STRIP" --strip-unneeded "$f" 2>/dev/null || echo "mkdeb: could not strip $f with $STRIP (kept)" >&2
done

# Depends, from this system's packages (the release the package is for):
# - every library the programs link, with its minimum version, from
#   dpkg-shlibdeps (library names differ between releases: libicu72 on
#   bookworm, libicu76 on trixie);
# - the libraries SDL opens itself at run time, which no binary names:
#   KMSDRM loads EGL and GLES when it makes the window, and EGL needs Mesa's
#   DRI drivers (without libgl1-mesa-dri: "EGL not initialized", a black
#   screen); ALSA for speech, with its plugins;
# - systemd and udev for the units and rules.
# Recommends: the hyphenation dictionaries of the content's languages
# (without them a word wider than any line breaks between letters).
triplet=$(dpkg-architecture -a"$arch" -qDEB_HOST_MULTIARCH 2>/dev/null)
owner() {   # soname -> the package holding it here, or $2 when none does
	for d in "/usr/lib/$triplet" "/lib/$triplet"; do
		[ -e "$d/$1" ] && p=$(dpkg -S "$d/$1" 2>/dev/null | head -n 1 | sed 's/:.*//') && [ -n "$p" ] &&
			{ echo "$p"; return; }
	done
	echo "$2"
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/debian"
printf 'Source: kyr-kiosk\n\nPackage: kyr-kiosk\nArchitecture: any\n' > "$work/debian/control"
bins=$(cd "$stage" && for f in usr/bin/*; do echo "$(pwd)/$f"; done)
shlib=$(cd "$work" && dpkg-architecture -a"$arch" -c dpkg-shlibdeps -O $bins 2>"$work/err") ||
	{ cat "$work/err" >&2; echo "mkdeb: dpkg-shlibdeps failed: are the $arch libraries installed?" >&2; exit 1; }
shlib=$(printf '%s\n' "$shlib" | sed -n 's/^shlibs:Depends=//p')
[ -n "$shlib" ] || { echo "mkdeb: dpkg-shlibdeps found no libraries" >&2; exit 1; }
runtime="$(owner libEGL.so.1 libegl1), $(owner libGLESv2.so.2 libgles2), libgl1-mesa-dri,
 $(owner libasound.so.2 libasound2), libasound2-plugins"
DEPENDS="$shlib,
 $runtime,
 systemd, udev"

mkdir -p "$stage/DEBIAN"
cp deploy/debian/postinst deploy/debian/prerm deploy/debian/postrm "$stage/DEBIAN/"
chmod 755 "$stage"/DEBIAN/postinst "$stage"/DEBIAN/prerm "$stage"/DEBIAN/postrm
# Everything under /etc is the administrator's once installed.
(cd "$stage" && find etc -type f | sed 's|^|/|' | sort) > "$stage/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<CONTROL
Package: kyr-kiosk
Version: $version
Architecture: $arch
Maintainer: KYR Kiosk developers <kyr-kiosk@example.org>
Installed-Size: $size
Depends: $DEPENDS
Recommends: hyphen-en-us, hyphen-es, hyphen-fr, hyphen-pt-br, hyphen-ru, hyphen-uk, hyphen-hi, hyphen-bn, hyphen-pa
Section: misc
Priority: optional
Homepage: https://example.org/kyr-kiosk
Description: offline multilingual know-your-rights touchscreen kiosk
 A touchscreen app for community centers, libraries and clinics showing
 sourced information about the rights everyone has when dealing with
 immigration enforcement in the United States, in the visitor's language.
 It needs no network and writes nothing while visitors use it.
 .
 This package holds the kiosk, the content compiler, the USB updater, the
 fonts, the default content and the systemd units that start the kiosk full
 screen on tty1 (KMSDRM, no desktop). See /usr/share/kyr-kiosk/.
CONTROL
deb="$out/kyr-kiosk_${version}_${arch}.deb"
# xz makes the smallest package (slow: a minute for the fonts); tests use gzip.
dpkg-deb --root-owner-group -Z"${DEB_COMPRESS:-xz}" --build "$stage" "$deb" >/dev/null
echo "$deb"
