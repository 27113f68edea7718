#!/bin/sh
# setup-raspberry-pi.sh — turns a fresh Raspberry Pi OS Lite (bookworm) into
# a KYR kiosk in one command. Safe to run again: every step checks first and
# says whether it changed something. See docs/raspberry-pi.md.
#
#   sudo sh setup-raspberry-pi.sh --deb kyr-kiosk_…_arm64.deb
#
# Options:
#   --deb FILE        install this package (default: a kyr-kiosk_*.deb for
#                     this architecture next to this script, if any)
#   --debs DIR        also offer apt the .deb files in DIR (dependencies
#                     carried on the USB stick, for a Pi without network)
#   --no-packages     install nothing (the programs are already installed,
#                     e.g. with make install)
#   --drm-device N    show the kiosk on /dev/dri/cardN (SDL_KMSDRM_DEVICE_INDEX)
#   --read-only-root  also turn on Raspberry Pi OS's overlay file system: the
#                     SD card is never written, so power cuts cannot harm it,
#                     but content updates are lost at the next reboot (see
#                     docs/raspberry-pi.md before using it)
#   --now             (re)start the kiosk at the end instead of asking for a
#                     reboot
#   --root DIR        work on a Raspberry Pi OS tree mounted at DIR instead of
#                     this system (no packages, no raspi-config); for tests
set -eu

ROOT=""; deb=""; debs=""; packages=1; drm=""; ro=0; now=0
while [ $# -gt 0 ]; do
	case "$1" in
	--deb) deb=${2:?--deb needs a file}; shift ;;
	--debs) debs=${2:?--debs needs a folder}; shift ;;
	--no-packages) packages=0 ;;
	--drm-device) drm=${2:?--drm-device needs a number}; shift ;;
	--read-only-root) ro=1 ;;
	--now) now=1 ;;
	--root) ROOT=${2:?--root needs a folder}; packages=0; shift ;;
	-h|--help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "setup-raspberry-pi.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
	esac
	shift
done
case "$drm" in ''|[0-9]|[0-9][0-9]) ;; *) echo "setup-raspberry-pi.sh: --drm-device takes a card number" >&2; exit 2 ;; esac
if [ -z "$ROOT" ] && [ "$(id -u)" -ne 0 ]; then
	echo "setup-raspberry-pi.sh: run it as root: sudo sh $0 $*" >&2
	exit 1
fi

changes=0
did()  { changes=$((changes + 1)); echo "kyr-setup: changed: $*"; }
same() { echo "kyr-setup: ok:      $*"; }
warn() { echo "kyr-setup: warning: $*" >&2; }
SCTL="systemctl"; [ -n "$ROOT" ] && SCTL="systemctl --root=$ROOT"
live() { [ -z "$ROOT" ] && [ -d /run/systemd/system ]; }

# Writes stdin to ROOT/$1 when it differs; reports either way.
put() {
	tmp=$(mktemp)
	cat > "$tmp"
	if [ -f "$ROOT$1" ] && cmp -s "$tmp" "$ROOT$1"; then rm -f "$tmp"; same "$1"
	else mkdir -p "$(dirname "$ROOT$1")"; mv "$tmp" "$ROOT$1"; chmod 644 "$ROOT$1"; did "$1"; fi
}

# --- 1. Packages: the kiosk and the libraries it needs ----------------------
RUNTIME="libsdl2-2.0-0 libsdl2-ttf-2.0-0 libpng16-16 libsqlite3-0 libicu72
         libcmark0.30.2 libinih1 libsodium23 libqrencode4 libseccomp2 libespeak-ng1 libopusfile0"
if [ "$packages" -eq 1 ]; then
	export DEBIAN_FRONTEND=noninteractive
	here=$(cd "$(dirname "$0")" && pwd)
	arch=$(dpkg --print-architecture)
	if [ -z "$deb" ]; then
		for f in "$here"/kyr-kiosk_*_"$arch".deb; do [ -e "$f" ] && deb=$f; done
	fi
	extra=""
	[ -n "$debs" ] && extra=$(ls "$(cd "$debs" && pwd)"/*.deb 2>/dev/null || true)
	if [ -n "$deb" ]; then
		deb=$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")
		want=$(dpkg-deb -f "$deb" Version)
		have=$(dpkg-query -W -f '${Version}' kyr-kiosk 2>/dev/null || true)
		if [ "$want" = "$have" ]; then same "package kyr-kiosk $have"
		else
			# apt resolves the libraries from the network or from --debs.
			apt-get install -y -q "$deb" $extra || { apt-get update -q && apt-get install -y -q "$deb" $extra; }
			did "package kyr-kiosk $want installed (was: ${have:-none})"
		fi
	elif command -v kyr-kiosk >/dev/null 2>&1; then
		missing=""
		for p in $RUNTIME; do
			dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
		done
		if [ -z "$missing" ]; then same "runtime libraries"
		else
			apt-get install -y -q $missing $extra || { apt-get update -q && apt-get install -y -q $missing $extra; }
			did "runtime libraries installed:$missing"
		fi
	else
		echo "setup-raspberry-pi.sh: no kyr-kiosk here: give --deb FILE, or put the .deb next to this script, or run make install first" >&2
		exit 1
	fi
fi
unitdir=""
for d in /usr/lib/systemd/system /lib/systemd/system /usr/local/lib/systemd/system; do
	[ -f "$ROOT$d/kyr-kiosk.service" ] && { unitdir=$d; break; }
done
[ -n "$unitdir" ] || { echo "setup-raspberry-pi.sh: kyr-kiosk.service is not installed" >&2; exit 1; }

# --- 2. The unprivileged kyr-kiosk user and its groups -----------------------
if grep -q '^kyr-kiosk:' "$ROOT/etc/passwd" 2>/dev/null; then same "user kyr-kiosk"
else
	systemd-sysusers ${ROOT:+--root="$ROOT"} kyr-kiosk.conf
	grep -q '^kyr-kiosk:' "$ROOT/etc/passwd" || { echo "setup-raspberry-pi.sh: could not create the user kyr-kiosk" >&2; exit 1; }
	did "user kyr-kiosk created"
fi
for g in video input render audio; do
	line=$(grep "^$g:" "$ROOT/etc/group" || true)
	if [ -z "$line" ]; then
		groupadd ${ROOT:+--root "$ROOT"} --system "$g" && did "group $g created"
		line="$g:x:0:"
	fi
	case ",${line##*:}," in
	*,kyr-kiosk,*) same "kyr-kiosk in group $g" ;;
	*) usermod ${ROOT:+--root "$ROOT"} -a -G "$g" kyr-kiosk && did "kyr-kiosk added to group $g" ;;
	esac
done

# --- 3. The content folder (first boot copies the default content) ----------
if [ -f "$ROOT/var/lib/kyr-kiosk/content.db" ]; then same "/var/lib/kyr-kiosk/content.db"
else
	systemd-tmpfiles ${ROOT:+--root="$ROOT"} --create kyr-kiosk.conf
	[ -f "$ROOT/var/lib/kyr-kiosk/content.db" ] && did "/var/lib/kyr-kiosk/content.db (default content)" ||
		warn "no default content copied to /var/lib/kyr-kiosk (is /usr/share/kyr-kiosk/content.db there?)"
fi

# --- 4. Units: the kiosk on tty1, no login prompt there, no desktop ---------
if [ -n "$drm" ]; then
	put /etc/systemd/system/kyr-kiosk.service.d/drm-device.conf <<EOF
# Written by setup-raspberry-pi.sh --drm-device $drm
[Service]
Environment=SDL_KMSDRM_DEVICE_INDEX=$drm
EOF
fi
live && systemctl daemon-reload
if [ "$($SCTL is-enabled kyr-kiosk.service 2>/dev/null || true)" = enabled ]; then same "kyr-kiosk.service enabled"
else $SCTL enable kyr-kiosk.service 2>/dev/null; did "kyr-kiosk.service enabled"; fi
case "$($SCTL is-enabled getty@tty1.service 2>/dev/null || true)" in
enabled|enabled-runtime|alias|indirect)
	$SCTL disable getty@tty1.service 2>/dev/null || true
	rm -f "$ROOT/etc/systemd/system/getty.target.wants/getty@tty1.service"
	did "getty@tty1.service disabled (no console login on the kiosk's screen)" ;;
*) same "no getty on tty1" ;;
esac
if [ "$($SCTL get-default 2>/dev/null || true)" = multi-user.target ]; then same "boots to multi-user.target (no desktop)"
else $SCTL set-default multi-user.target 2>/dev/null; did "default target multi-user.target (a desktop would hold the screen)"; fi

# --- 5. Kernel command line: no blanking, no cursor, repair the disk --------
cmdline=""
for f in /boot/firmware/cmdline.txt /boot/cmdline.txt; do
	[ -f "$ROOT$f" ] && { cmdline=$f; break; }
done
if [ -z "$cmdline" ]; then
	warn "no /boot/firmware/cmdline.txt: set consoleblank=0 vt.global_cursor_default=0 fsck.repair=yes on the kernel command line yourself"
else
	[ -f "$ROOT$cmdline.kyr-orig" ] || cp "$ROOT$cmdline" "$ROOT$cmdline.kyr-orig"
	line=$(head -n 1 "$ROOT$cmdline")
	for kv in consoleblank=0 vt.global_cursor_default=0 fsck.repair=yes; do
		k=${kv%%=*}
		case " $line " in
		*" $kv "*) same "$cmdline: $kv" ;;
		*" $k="*) line=$(printf '%s\n' "$line" | sed "s/\(^\| \)$k=[^ ]*/\1$kv/"); did "$cmdline: $kv (replaced)" ;;
		*) line="$line $kv"; did "$cmdline: $kv" ;;
		esac
	done
	# One line, as the firmware wants it; untouched when nothing changed.
	if [ "$line" != "$(head -n 1 "$ROOT$cmdline")" ]; then
		printf '%s\n' "$line" | tr -s ' ' > "$ROOT$cmdline.kyr-new" && mv "$ROOT$cmdline.kyr-new" "$ROOT$cmdline"
	fi
fi

# --- 6. Fewer writes to the SD card: the journal stays in memory ------------
# (Also the privacy promise: nothing about visitors outlives a reboot.)
put /etc/systemd/journald.conf.d/kyr-kiosk.conf <<'EOF'
# Written by setup-raspberry-pi.sh: the journal lives in RAM only, so the SD
# card is written less and nothing logged outlives a reboot.
[Journal]
Storage=volatile
RuntimeMaxUse=16M
EOF

# --- 7. Optional read-only root --------------------------------------------
if [ "$ro" -eq 1 ]; then
	if [ -n "$ROOT" ] || ! command -v raspi-config >/dev/null 2>&1; then
		warn "--read-only-root needs raspi-config on the Pi itself; skipped"
	elif [ "$(raspi-config nonint get_overlay_conf 2>/dev/null || echo 1)" = 0 ]; then
		same "overlay file system (read-only root) on"
	else
		raspi-config nonint do_overlayfs 0
		did "overlay file system on: the SD card is read-only from the next boot; content updates last until a reboot"
	fi
fi

# --- Done ------------------------------------------------------------------
if [ "$changes" -eq 0 ]; then echo "kyr-setup: nothing to change: this Pi is set up"
else echo "kyr-setup: $changes change(s) made"; fi
if live; then
	if [ "$now" -eq 1 ]; then
		systemctl stop getty@tty1.service 2>/dev/null || true
		systemctl restart kyr-kiosk.service && echo "kyr-setup: kiosk started (journalctl -u kyr-kiosk to watch)"
	elif [ "$changes" -gt 0 ]; then
		echo "kyr-setup: reboot to start the kiosk: sudo reboot"
	fi
fi
