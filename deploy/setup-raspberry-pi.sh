#!/bin/sh
# setup-raspberry-pi.sh — turns a fresh Raspberry Pi OS Lite (trixie or
# bookworm) into
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
#   --pubkey FILE     trust this minisign public key for content updates
#                     (installed as /etc/kyr-kiosk/publisher.pub); without
#                     one, kyr-update refuses every USB stick
#   --pin             set the operator PIN (6 to 12 digits), read from the
#                     keyboard twice, or one line on standard input
#   --audio WHERE     speech on hdmi, jack (Pi 3/4 headphone jack) or usb
#                     (a USB sound card, plugged in now): ALSA's default
#                     card in /etc/asound.conf
#   --drm-device N    always show the kiosk on /dev/dri/cardN (normally the
#                     kiosk finds the card with a connected screen itself)
#   --shutdown-at HH:MM  power off every day at HH:MM (24-hour clock, a
#                     systemd timer); --shutdown-at off removes it. Needs
#                     the right time: see docs/raspberry-pi.md
#   --wake-at HH:MM   with --shutdown-at, on a Raspberry Pi 5 only: its
#                     real-time clock switches it on again at HH:MM. A Pi
#                     3/4 has no such clock: use a timer plug
#   --read-only-root  also turn on Raspberry Pi OS's overlay file system: the
#                     SD card is never written, so power cuts cannot harm it,
#                     but content updates are lost at the next reboot (see
#                     docs/raspberry-pi.md before using it). Needs the
#                     overlayroot package: from the network, or its .deb in
#                     --debs DIR
#   --now             (re)start the kiosk at the end instead of asking for a
#                     reboot
#   --root DIR        work on a Raspberry Pi OS tree mounted at DIR instead of
#                     this system (no packages, no raspi-config); for tests
set -eu

ROOT=""; deb=""; debs=""; packages=1; drm=""; ro=0; now=0; pubkey=""; pin=0; audio=""; off_at=""; wake_at=""
while [ $# -gt 0 ]; do
	case "$1" in
	--deb) deb=${2:?--deb needs a file}; shift ;;
	--debs) debs=${2:?--debs needs a folder}; shift ;;
	--no-packages) packages=0 ;;
	--drm-device) drm=${2:?--drm-device needs a number}; shift ;;
	--pubkey) pubkey=${2:?--pubkey needs a file}; shift ;;
	--pin) pin=1 ;;
	--audio) audio=${2:?--audio needs hdmi, jack or usb}; shift ;;
	--read-only-root) ro=1 ;;
	--shutdown-at) off_at=${2:?--shutdown-at needs a time, HH:MM}; shift ;;
	--wake-at) wake_at=${2:?--wake-at needs a time, HH:MM}; shift ;;
	--now) now=1 ;;
	--root) ROOT=${2:?--root needs a folder}; packages=0; shift ;;
	-h|--help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "setup-raspberry-pi.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
	esac
	shift
done
case "$drm" in ''|[0-9]|[0-9][0-9]) ;; *) echo "setup-raspberry-pi.sh: --drm-device takes a card number" >&2; exit 2 ;; esac
case "$audio" in ''|hdmi|jack|usb) ;; *) echo "setup-raspberry-pi.sh: --audio takes hdmi, jack or usb" >&2; exit 2 ;; esac
# HH:MM on a 24-hour clock: 00:00 to 23:59.
hhmm() { printf '%s\n' "$1" | grep -Eqx '([01][0-9]|2[0-3]):[0-5][0-9]'; }
case "$off_at" in ''|off) ;; *) hhmm "$off_at" || { echo "setup-raspberry-pi.sh: --shutdown-at takes a time like 21:30 (24-hour clock) or off" >&2; exit 2; } ;; esac
if [ -n "$wake_at" ]; then
	hhmm "$wake_at" || { echo "setup-raspberry-pi.sh: --wake-at takes a time like 08:00 (24-hour clock)" >&2; exit 2; }
	case "$off_at" in ''|off) echo "setup-raspberry-pi.sh: --wake-at goes with --shutdown-at HH:MM" >&2; exit 2 ;; esac
fi
# A minisign public key: an "untrusted comment:" line, then base64 of
# "Ed" + 8-byte key id + 32-byte key (56 characters).
if [ -n "$pubkey" ]; then
	[ -r "$pubkey" ] || { echo "setup-raspberry-pi.sh: cannot read the key file $pubkey" >&2; exit 2; }
	if ! head -n 1 "$pubkey" | grep -q '^untrusted comment: ' ||
	   ! sed -n 2p "$pubkey" | grep -Eq '^RW[A-Za-z0-9+/]{54}$'; then
		echo "setup-raspberry-pi.sh: $pubkey is not a minisign public key (the publisher's .pub file)" >&2
		exit 2
	fi
fi
# The PIN is read before anything changes, so a typo stops here.
if [ "$pin" -eq 1 ]; then
	if [ -t 0 ]; then
		stty -echo; printf 'Operator PIN (6 to 12 digits): ' >&2; read -r pin_a; printf '\nAgain: ' >&2
		read -r pin_b; stty echo; echo >&2
		[ "$pin_a" = "$pin_b" ] || { echo "setup-raspberry-pi.sh: the two PINs differ; nothing changed" >&2; exit 2; }
	else
		read -r pin_a || true
	fi
	case "$pin_a" in
	*[!0-9]*|'') echo "setup-raspberry-pi.sh: the PIN must be 6 to 12 digits" >&2; exit 2 ;;
	esac
	[ ${#pin_a} -ge 6 ] && [ ${#pin_a} -le 12 ] || { echo "setup-raspberry-pi.sh: the PIN must be 6 to 12 digits" >&2; exit 2; }
fi
if [ -z "$ROOT" ] && [ "$(id -u)" -ne 0 ]; then
	echo "setup-raspberry-pi.sh: run it as root: sudo sh $0 $*" >&2
	exit 1
fi

changes=0; failed=""
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
RUNTIME="libsdl2-2.0-0 libsdl2-ttf-2.0-0 libdeflate0 libsqlite3-0 libicu72
         libcmark0.30.2 libinih1 libsodium23 libqrencode4 libseccomp2 libespeak-ng1 libopusfile0 libharfbuzz0b
         libhyphen0 hyphen-en-us hyphen-es hyphen-fr hyphen-pt-br hyphen-ru hyphen-uk hyphen-hi hyphen-bn hyphen-pa"
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

# --- 7. The publisher's key: without one no update is ever accepted -------
key=/etc/kyr-kiosk/publisher.pub
if [ -n "$pubkey" ]; then
	old=$(sed -n 2p "$ROOT$key" 2>/dev/null || true)
	put "$key" < "$pubkey"
	if [ -n "$old" ] && [ "$old" != "$(sed -n 2p "$pubkey")" ]; then
		warn "the previous publisher key ($old) is no longer trusted"
	fi
fi
if [ -f "$ROOT$key" ] || ls "$ROOT"/etc/kyr-kiosk/keys.d/*.pub >/dev/null 2>&1; then
	same "publisher key installed: USB sticks are checked against it"
else
	warn "NO PUBLISHER KEY: kyr-update will refuse every USB stick. Run this again with --pubkey FILE (the publisher's .pub file)"
fi

# --- 8. The operator PIN (kiosk.conf's pin_hash) ----------------------------
conf=/etc/kyr-kiosk/kiosk.conf
set_conf() {   # key value: replaces the key's line (or its commented default) or appends it
	mkdir -p "$ROOT/etc/kyr-kiosk"
	[ -f "$ROOT$conf" ] || printf '[kiosk]\n' > "$ROOT$conf"
	if grep -q "^[;#]* *$1 *=" "$ROOT$conf"; then
		sed -i "s|^[;#]* *$1 *=.*|$1 = $2|" "$ROOT$conf"
	else
		printf '%s = %s\n' "$1" "$2" >> "$ROOT$conf"
	fi
}
if [ "$pin" -eq 1 ]; then
	# The kiosk's own hash (Argon2id, libsodium), so the kiosk can check it.
	hash=$(printf '%s\n' "$pin_a" | ${KYR_KIOSK:-kyr-kiosk} --hash-pin | sed -n 's/^pin_hash = //p')
	pin_a=""; pin_b=""
	[ -n "$hash" ] || { echo "setup-raspberry-pi.sh: kyr-kiosk --hash-pin failed" >&2; exit 1; }
	set_conf pin_hash "$hash"
	did "operator PIN set ($conf pin_hash)"
elif grep -q '^pin_hash *= *\$' "$ROOT$conf" 2>/dev/null; then same "operator PIN set"
else warn "no operator PIN: the staff screen cannot be opened until you run this again with --pin"
fi

# --- 9. Sound: ALSA's default card -------------------------------------------
# The kiosk speaks through ALSA's default device. Card names on a Pi:
# vc4hdmi0/vc4hdmi1 (HDMI, Pi 4/5), vc4hdmi (Pi 3), Headphones (the jack on
# a Pi 3/4; a Pi 5 has none), and a USB sound card's own name.
if [ -n "$audio" ]; then
	# " 0 [vc4hdmi0       ]: vc4-hdmi - vc4-hdmi-0" -> "vc4hdmi0 vc4-hdmi"
	list=$(sed -n 's/^ *[0-9][0-9]* \[\([^] ]*\) *\]: \([^ ]*\) - .*/\1 \2/p' "$ROOT/proc/asound/cards" 2>/dev/null || true)
	case "$audio" in
	hdmi) card=$(printf '%s\n' "$list" | awk '$2 == "vc4-hdmi" || $1 ~ /^vc4hdmi/ {print $1; exit}') ;;
	jack) card=$(printf '%s\n' "$list" | awk '$1 == "Headphones" || $2 ~ /^bcm2835/ {print $1; exit}') ;;
	*)    card=$(printf '%s\n' "$list" | awk '$2 == "USB-Audio" {print $1; exit}') ;;
	esac
	if [ -z "$card" ]; then
		have=$(printf '%s\n' "$list" | awk 'NF {printf "%s%s", sep, $1; sep=", "}')
		case "$audio" in
		jack) why="no headphone jack here (a Pi 5 has none)" ;;
		usb) why="no USB sound card is plugged in" ;;
		*) why="no HDMI sound card (is the vc4-kms-v3d overlay on?)" ;;
		esac
		failed="$failed
--audio $audio: $why; sound cards: ${have:-none}"
	else
		put /etc/asound.conf <<EOF
# Written by setup-raspberry-pi.sh --audio $audio: the kiosk's speech (and
# every other ALSA program) plays on this card by default.
defaults.pcm.card "$card"
defaults.ctl.card "$card"
EOF
	fi
fi

# --- 10. Switching off at night (and on in the morning, on a Pi 5) -----------
# A timer, not the staff's memory. Not Persistent: a kiosk switched on in
# the morning after a missed shutdown must not switch itself off at once.
# Only a Pi 5 has a real-time clock that can switch it on again (its wake
# alarm, then halt: Raspberry Pi's documentation); a Pi 3/4 has no power
# button either, and stays off until its power is cut and restored.
sysd=/etc/systemd/system
if [ "$off_at" = off ]; then
	if [ -e "$ROOT$sysd/kyr-shutdown.timer" ]; then
		$SCTL disable kyr-shutdown.timer >/dev/null 2>&1 || true
		rm -f "$ROOT$sysd/kyr-shutdown.timer" "$ROOT$sysd/kyr-shutdown.service" "$ROOT$sysd/timers.target.wants/kyr-shutdown.timer"
		live && systemctl daemon-reload
		did "no shutdown at night (kyr-shutdown.timer removed)"
	else same "no shutdown at night"; fi
elif [ -n "$off_at" ]; then
	model=$(tr -d '\0' < "$ROOT/proc/device-tree/model" 2>/dev/null || true)
	halt="/usr/bin/systemctl poweroff"; wake=""
	if [ -n "$wake_at" ]; then
		case "$model" in
		"Raspberry Pi 5"*|"Raspberry Pi Compute Module 5"*)
			# The alarm is the next $wake_at after the shutdown, in the Pi's
			# own time zone; sysfs takes seconds since 1970. ($$ and %% are
			# systemd's escapes for $ and %.)
			wake="ExecStartPre=/bin/sh -c 'w=\$\$(date -d $wake_at +%%s); [ \$\$w -gt \$\$(date +%%s) ] || w=\$\$(date -d \"tomorrow $wake_at\" +%%s); echo 0 > /sys/class/rtc/rtc0/wakealarm; echo \$\$w > /sys/class/rtc/rtc0/wakealarm'"
			halt="/usr/bin/systemctl halt" ;;
		*)
			failed="$failed
--wake-at: this is ${model:-not a Raspberry Pi 5}: only a Pi 5 has a clock that can switch it on. Use a timer plug that cuts the power after $off_at and restores it in the morning" ;;
		esac
	fi
	put $sysd/kyr-shutdown.service <<EOF
# Written by setup-raspberry-pi.sh --shutdown-at $off_at${wake:+ --wake-at $wake_at}
[Unit]
Description=KYR Kiosk: switch off for the night${wake:+ (the clock switches it on at $wake_at)}

[Service]
Type=oneshot
${wake:+$wake
}ExecStart=$halt
EOF
	put $sysd/kyr-shutdown.timer <<EOF
# Written by setup-raspberry-pi.sh --shutdown-at $off_at: kyr-shutdown.service
# every day at $off_at. Not Persistent: a kiosk switched on after a missed
# shutdown does not switch itself off at once.
[Unit]
Description=KYR Kiosk: switch off every day at $off_at

[Timer]
OnCalendar=*-*-* $off_at:00
AccuracySec=1min
Persistent=false

[Install]
WantedBy=timers.target
EOF
	live && systemctl daemon-reload
	if [ "$($SCTL is-enabled kyr-shutdown.timer 2>/dev/null || true)" = enabled ]; then same "kyr-shutdown.timer enabled"
	else $SCTL enable kyr-shutdown.timer >/dev/null 2>&1; did "kyr-shutdown.timer enabled: off every day at $off_at"; fi
	live && systemctl restart kyr-shutdown.timer
	if [ -n "$wake" ] && live && command -v rpi-eeprom-config >/dev/null 2>&1 &&
	   ! rpi-eeprom-config 2>/dev/null | grep -qx 'POWER_OFF_ON_HALT=1'; then
		warn "for the low-power wait until $wake_at, add POWER_OFF_ON_HALT=1 and WAKE_ON_GPIO=0 with: sudo -E rpi-eeprom-config --edit"
	fi
fi

# --- 11. Optional read-only root ---------------------------------------------
# raspi-config's overlay needs the overlayroot package, which Lite does not
# ship: from the network, or its .deb in --debs DIR. Checked afterwards, so
# a failure is never reported as done.
installed() { dpkg-query -W -f '${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
if [ "$ro" -eq 1 ]; then
	if [ -n "$ROOT" ] || ! command -v raspi-config >/dev/null 2>&1; then
		failed="$failed
--read-only-root: needs raspi-config (Raspberry Pi OS), run on the Pi itself"
	elif [ "$(raspi-config nonint get_overlay_conf 2>/dev/null || echo 1)" = 0 ]; then
		same "overlay file system (read-only root) on"
	else
		if ! installed overlayroot; then
			ord=""
			[ -n "$debs" ] && ord=$(ls "$(cd "$debs" && pwd)"/overlayroot_*.deb 2>/dev/null | tail -n 1 || true)
			export DEBIAN_FRONTEND=noninteractive
			apt-get install -y -q "${ord:-overlayroot}" >/dev/null 2>&1 ||
				{ [ -z "$ord" ] && apt-get update -q >/dev/null 2>&1 && apt-get install -y -q overlayroot >/dev/null 2>&1; } || true
		fi
		if ! installed overlayroot; then
			failed="$failed
--read-only-root: the package overlayroot is not installed and could not be (no network?). Connect the Pi to the network once, or put overlayroot_*.deb in --debs DIR"
		elif raspi-config nonint do_overlayfs 0 && [ "$(raspi-config nonint get_overlay_conf 2>/dev/null)" = 0 ]; then
			did "overlay file system on: the SD card is read-only from the next boot; content updates last until a reboot"
		else
			failed="$failed
--read-only-root: raspi-config could not turn the overlay file system on"
		fi
	fi
fi

# --- Done ------------------------------------------------------------------
if [ -n "$failed" ]; then
	printf '%s\n' "$failed" | sed '/^$/d; s/^/kyr-setup: NOT DONE: /' >&2
	echo "kyr-setup: $changes change(s) made; fix the above and run this again" >&2
	exit 1
fi
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
