#!/bin/sh
# Packs an installed tree (make install DESTDIR=STAGE PREFIX=/usr) into a
# Debian package with dpkg-deb: no debhelper, one control file written here.
# Usage: [STRIP=strip] [DEB_COMPRESS=xz|gzip] tools/mkdeb.sh STAGE ARCH VERSION OUTDIR
# Prints the package's path. Called by `make deb`.
set -eu
stage=$1 arch=$2 version=$3 out=$4
: "${STRIP:=strip}"
[ -x "$stage/usr/bin/kyr-kiosk" ] || { echo "mkdeb: $stage/usr/bin/kyr-kiosk missing (make install first)" >&2; exit 1; }

# The runtime libraries, by Debian package name (bookworm and Raspberry Pi
# OS bookworm). The fonts are in the package.
DEPENDS="libc6, libsdl2-2.0-0, libsdl2-ttf-2.0-0, libpng16-16, libsqlite3-0, libicu72,
 libcmark0.30.2, libinih1, libsodium23, libqrencode4, libseccomp2, libespeak-ng1, libopusfile0,
 systemd, udev"

for f in "$stage"/usr/bin/*; do
	"$STRIP" --strip-unneeded "$f" 2>/dev/null || echo "mkdeb: could not strip $f with $STRIP (kept)" >&2
done

# Every library the programs load must come from a package named above.
triplet=$(dpkg-architecture -a"$arch" -qDEB_HOST_MULTIARCH 2>/dev/null || echo "")
for lib in $(readelf -d "$stage"/usr/bin/* 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u); do
	pkg=""
	# dpkg knows a file by one name only (/lib or /usr/lib with merged /usr).
	for d in "/usr/lib/$triplet" "/lib/$triplet"; do
		[ -e "$d/$lib" ] && pkg=$(dpkg -S "$d/$lib" 2>/dev/null | head -n 1 | sed 's/:.*//')
		[ -n "$pkg" ] && break
	done
	[ -n "$pkg" ] || { echo "mkdeb: warning: no package here holds $lib ($arch); cannot check Depends" >&2; continue; }
	case ",$(echo "$DEPENDS" | tr -d ' \n')," in
	*",$pkg,"*) ;;
	*) echo "mkdeb: $lib comes from $pkg, which is not in Depends" >&2; exit 1 ;;
	esac
done

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
