#!/bin/sh
# Deployment: `make install` into a staging tree has everything a kiosk
# needs (programs, fonts, content, configuration, units, man pages) and runs
# from there; setup-raspberry-pi.sh turns a fake Raspberry Pi OS tree into a
# kiosk and changes nothing the second time; `make deb` packs the same tree.
# Uses what `make check` built; about 15 s (the package is gzip-compressed).
BUILD=${BUILD:-build}
tmp="$BUILD/tmp/install"
rm -rf "$tmp"; mkdir -p "$tmp"
D=$(cd "$tmp" && pwd)/destdir
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
check() { if eval "$1"; then ok; else bad "$2"; fi; }
san=""; case "$BUILD" in *-san) san="SAN=1" ;; esac
# A sanitizer build is for finding memory errors, not for shipping: its
# programs need libasan, which no kiosk has. Packaging is tested in the
# normal build.
if [ -n "$san" ]; then
	echo "skipped: packaging tests need the normal build (this is $BUILD)"
	echo "0 passed, 0 failed"
	exit 0
fi
mk() { make --no-print-directory -s BUILD="$BUILD" $san "$@"; }

progs="kyr-kiosk kyr-build kyr-layout"
[ -e src/main_update.c ] && progs="$progs kyr-update"

# --- make install --------------------------------------------------------
if mk install DESTDIR="$D" PREFIX=/usr >"$tmp/install.log" 2>&1; then ok
else bad "make install failed: $(tail -n 5 "$tmp/install.log")"; fi
for p in $progs; do
	check "[ -x '$D/usr/bin/$p' ]" "usr/bin/$p missing"
	check "[ -f '$D/usr/share/man/man1/$p.1' ]" "no man page for $p"
	# (kyr-build exits 2 after its usage even for --help: only the text counts.)
	check "'$D/usr/bin/$p' --help 2>&1 | grep -qi usage" "$p --help prints no usage"
done
for f in usr/share/kyr-kiosk/content.db usr/share/kyr-kiosk/fonts/fonts.list \
         usr/share/kyr-kiosk/fonts/LICENSE-OFL.txt usr/share/kyr-kiosk/setup-raspberry-pi.sh \
         usr/lib/systemd/system/kyr-kiosk.service usr/lib/sysusers.d/kyr-kiosk.conf \
         usr/lib/tmpfiles.d/kyr-kiosk.conf etc/kyr-kiosk/kiosk.conf; do
	check "[ -s '$D/$f' ]" "$f missing"
done
for f in $(sed -n 's/^file[ \t]*//p' fonts/fonts.list); do
	check "[ -s '$D/usr/share/kyr-kiosk/fonts/${f##*/}' ]" "font ${f##*/} not installed"
done
for u in deploy/*.service deploy/*.path deploy/*.timer; do
	[ -e "$u" ] && check "[ -f '$D/usr/lib/systemd/system/${u##*/}' ]" "unit ${u##*/} not installed"
done
for r in deploy/*.rules; do
	[ -e "$r" ] && check "[ -f '$D/usr/lib/udev/rules.d/${r##*/}' ]" "udev rule ${r##*/} not installed"
done
[ -e deploy/kyr-update-stick ] && check "[ -x '$D/usr/lib/kyr-kiosk/kyr-update-stick' ]" "kyr-update-stick not installed"
[ -e deploy/kyr-kiosk-action ] && check "[ -x '$D/usr/lib/kyr-kiosk/kyr-kiosk-action' ]" "kyr-kiosk-action not installed"
# Every program a unit starts is in the tree.
for u in "$D"/usr/lib/systemd/system/*.service; do
	for x in $(sed -n 's/^Exec[A-Za-z]*=[-@+!:]*\([^ ]*\).*/\1/p' "$u"); do
		check "[ -x '$D$x' ]" "${u##*/} runs $x, which is not installed"
	done
done
check "cmp -s '$D/usr/share/kyr-kiosk/content.db' '$BUILD/content.db'" "installed content.db differs from the build's"

# The installed kiosk reads the installed configuration, content and fonts.
k="$D/usr/bin/kyr-kiosk --config $D/etc/kyr-kiosk/kiosk.conf --content $D/usr/share/kyr-kiosk/content.db --fonts $D/usr/share/kyr-kiosk/fonts"
check "$k --info >'$tmp/info.txt' 2>&1 && grep -q 'content version' '$tmp/info.txt'" "installed kiosk --info: $(cat "$tmp/info.txt" 2>/dev/null)"
printf '[kiosk]\nsize = 320x240\n' > "$tmp/small.conf"
printf 'wait 100\nshot installed\n' > "$tmp/shot.kyr"
check "$D/usr/bin/kyr-kiosk --config '$tmp/small.conf' --content $D/usr/share/kyr-kiosk/content.db --fonts $D/usr/share/kyr-kiosk/fonts --headless --script '$tmp/shot.kyr' --out '$tmp' 2>'$tmp/shot.err' && [ -s '$tmp/installed.png' ]" \
	"installed kiosk cannot draw a screen with the installed fonts: $(cat "$tmp/shot.err" 2>/dev/null)"
# Every key of the default configuration, uncommented, is accepted.
sed -n 's/^;\([a-z_]* =.*\)$/\1/p; /^\[kiosk\]/p' deploy/kiosk.conf > "$tmp/all-keys.conf"
check "[ \$(grep -c = '$tmp/all-keys.conf') -ge 10 ]" "default kiosk.conf lists fewer than 10 keys"
check "'$D/usr/bin/kyr-kiosk' --config '$tmp/all-keys.conf' --content '$BUILD/content.db' --info >/dev/null 2>'$tmp/keys.err'" \
	"uncommented default kiosk.conf refused: $(cat "$tmp/keys.err" 2>/dev/null)"

# --- the kiosk's unit ----------------------------------------------------
unit="$D/usr/lib/systemd/system/kyr-kiosk.service"
for kv in User=kyr-kiosk 'SupplementaryGroups=video input render' Environment=SDL_VIDEODRIVER=kmsdrm \
          Environment=MESA_SHADER_CACHE_DISABLE=true TTYPath=/dev/tty1 Conflicts=getty@tty1.service \
          Restart=always NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes \
          IPAddressDeny=any 'RestrictAddressFamilies=AF_UNIX AF_NETLINK' 'ExecStart=/usr/bin/kyr-kiosk' \
          Type=notify WatchdogSec= Environment=SDL_AUDIODRIVER=alsa ReadWritePaths=-/run/kyr-kiosk/operator \
          WantedBy=multi-user.target; do
	check "grep -q '^$kv' '$unit'" "kyr-kiosk.service lacks $kv"
done
# PrivateNetwork would also hide udev's netlink events (hot-plugged touch).
check "! grep -q '^PrivateNetwork' '$unit'" "kyr-kiosk.service has PrivateNetwork"
if command -v systemd-analyze >/dev/null 2>&1; then
	sed "s|/usr/bin/kyr-kiosk|$D/usr/bin/kyr-kiosk|; s|/usr/lib/kyr-kiosk/|$D/usr/lib/kyr-kiosk/|" "$unit" > "$tmp/kyr-kiosk.service"
	check "systemd-analyze --man=no verify '$tmp/kyr-kiosk.service' >'$tmp/verify.err' 2>&1" \
		"systemd-analyze verify: $(cat "$tmp/verify.err" 2>/dev/null)"
fi
# A /usr/local install points the unit at /usr/local/bin.
mk install-deploy DESTDIR="$tmp/local" PREFIX=/usr/local >/dev/null 2>&1
check "grep -q '^ExecStart=/usr/local/bin/kyr-kiosk' '$tmp/local/usr/local/lib/systemd/system/kyr-kiosk.service'" \
	"PREFIX=/usr/local unit does not start /usr/local/bin/kyr-kiosk"
# A changed configuration on the target is kept.
echo '; mine' >> "$tmp/local/etc/kyr-kiosk/kiosk.conf"
mk install-deploy DESTDIR="$tmp/local" PREFIX=/usr/local >/dev/null 2>&1
check "grep -q '; mine' '$tmp/local/etc/kyr-kiosk/kiosk.conf' && [ -f '$tmp/local/etc/kyr-kiosk/kiosk.conf.dist' ]" \
	"make install overwrote a changed kiosk.conf"
if command -v man >/dev/null 2>&1; then
	for m in deploy/man/*.1; do
		check "[ -z \"\$(man -l --warnings '$m' 2>&1 >/dev/null)\" ]" "man page $m has roff warnings"
	done
fi

# --- setup-raspberry-pi.sh's options on the fake tree R ----------------------
setup_test_options() {
	R=$1
	setup() { KYR_KIOSK="$D/usr/bin/kyr-kiosk" sh deploy/setup-raspberry-pi.sh --root "$R" "$@"; }
	minisign -G -W -p "$tmp/pub" -s "$tmp/sec" >/dev/null 2>&1
	# A Pi 4's sound cards, as /proc/asound/cards lists them.
	mkdir -p "$R/proc/asound"
	printf ' 0 [Headphones     ]: bcm2835_headpho - bcm2835 Headphones\n                      bcm2835 Headphones\n 1 [vc4hdmi0       ]: vc4-hdmi - vc4-hdmi-0\n                      vc4-hdmi-0\n 2 [vc4hdmi1       ]: vc4-hdmi - vc4-hdmi-1\n                      vc4-hdmi-1\n' > "$R/proc/asound/cards"
	echo 24681357 | setup --pubkey "$tmp/pub" --pin --audio hdmi >"$tmp/setup3.log" 2>&1; rc=$?
	check "[ $rc -eq 0 ]" "setup --pubkey --pin --audio failed: $(tail -n 5 "$tmp/setup3.log")"
	check "cmp -s '$tmp/pub' '$R/etc/kyr-kiosk/publisher.pub'" "--pubkey did not install the key"
	check "! grep -q 'NO PUBLISHER KEY' '$tmp/setup3.log'" "key warning with a key installed"
	check "grep -q '^pin_hash = \\\$argon2id\\\$' '$R/etc/kyr-kiosk/kiosk.conf'" "--pin wrote no pin_hash"
	check "'$D/usr/bin/kyr-kiosk' --config '$R/etc/kyr-kiosk/kiosk.conf' --content '$BUILD/content.db' --info >/dev/null 2>&1" \
		"kiosk.conf with the new pin_hash is refused"
	check "grep -qx 'defaults.pcm.card \"vc4hdmi0\"' '$R/etc/asound.conf'" "--audio hdmi: $(cat "$R/etc/asound.conf" 2>/dev/null)"
	setup --audio jack >"$tmp/setup4.log" 2>&1
	check "grep -qx 'defaults.pcm.card \"Headphones\"' '$R/etc/asound.conf'" "--audio jack did not pick the jack"
	# A Pi 5: no jack, and no USB sound card plugged in. Plainly refused.
	printf ' 0 [vc4hdmi0       ]: vc4-hdmi - vc4-hdmi-0\n                      vc4-hdmi-0\n' > "$R/proc/asound/cards"
	setup --audio jack >"$tmp/setup5.log" 2>&1; rc=$?
	check "[ $rc -eq 1 ] && grep -q 'NOT DONE: --audio jack: no headphone jack' '$tmp/setup5.log'" "--audio jack on a Pi 5: rc $rc, $(cat "$tmp/setup5.log")"
	check "grep -qx 'defaults.pcm.card \"Headphones\"' '$R/etc/asound.conf'" "a refused --audio changed asound.conf"
	setup --audio usb >"$tmp/setup6.log" 2>&1; rc=$?
	check "[ $rc -eq 1 ] && grep -q 'no USB sound card is plugged in; sound cards: vc4hdmi0' '$tmp/setup6.log'" "--audio usb without one: $(cat "$tmp/setup6.log")"
	printf ' 0 [vc4hdmi0       ]: vc4-hdmi - vc4-hdmi-0\n 1 [Speaker        ]: USB-Audio - USB Speaker\n' > "$R/proc/asound/cards"
	setup --audio usb >"$tmp/setup7.log" 2>&1
	check "grep -qx 'defaults.pcm.card \"Speaker\"' '$R/etc/asound.conf'" "--audio usb did not pick the USB card"
	# Bad input changes nothing.
	echo 123 | setup --pin >"$tmp/setup8.log" 2>&1; rc=$?
	check "[ $rc -eq 2 ] && grep -q '6 to 12 digits' '$tmp/setup8.log'" "a 3-digit PIN accepted"
	echo 'not a key' > "$tmp/bad.pub"
	setup --pubkey "$tmp/bad.pub" >"$tmp/setup9.log" 2>&1; rc=$?
	check "[ $rc -eq 2 ] && cmp -s '$tmp/pub' '$R/etc/kyr-kiosk/publisher.pub'" "a bad key file accepted"
	# --shutdown-at: a daily timer that powers off; --wake-at only on a Pi 5,
	# whose real-time clock can switch it on (a Pi 4 is told to use a timer plug).
	sysd="$R/etc/systemd/system"
	mkdir -p "$R/proc/device-tree"
	printf 'Raspberry Pi 4 Model B Rev 1.4\0' > "$R/proc/device-tree/model"
	setup --shutdown-at 21:30 --wake-at 07:45 >"$tmp/setup11.log" 2>&1; rc=$?
	check "[ $rc -eq 1 ] && grep -q 'NOT DONE: --wake-at: this is Raspberry Pi 4 Model B Rev 1.4: .*timer plug' '$tmp/setup11.log'" \
		"--wake-at on a Pi 4: rc $rc, $(cat "$tmp/setup11.log")"
	check "grep -qx 'OnCalendar=\*-\*-\* 21:30:00' '$sysd/kyr-shutdown.timer' && grep -qx 'Persistent=false' '$sysd/kyr-shutdown.timer'" \
		"--shutdown-at 21:30: $(cat "$sysd/kyr-shutdown.timer" 2>/dev/null)"
	check "[ -L '$sysd/timers.target.wants/kyr-shutdown.timer' ]" "kyr-shutdown.timer not enabled"
	check "grep -qx 'ExecStart=/usr/bin/systemctl poweroff' '$sysd/kyr-shutdown.service' && ! grep -q wakealarm '$sysd/kyr-shutdown.service'" \
		"a Pi 4's shutdown: $(cat "$sysd/kyr-shutdown.service" 2>/dev/null)"
	printf 'Raspberry Pi 5 Model B Rev 1.0\0' > "$R/proc/device-tree/model"
	setup --shutdown-at 21:30 --wake-at 07:45 >"$tmp/setup12.log" 2>&1; rc=$?
	check "[ $rc -eq 0 ] && grep -qx 'ExecStart=/usr/bin/systemctl halt' '$sysd/kyr-shutdown.service'" \
		"--wake-at on a Pi 5: rc $rc, $(cat "$tmp/setup12.log") $(cat "$sysd/kyr-shutdown.service" 2>/dev/null)"
	# The unit's wake alarm command, run with systemd's escapes undone and a
	# file for the RTC: it sets the next 07:45, within a day.
	: > "$tmp/wakealarm"
	cmd=$(sed -n 's/^ExecStartPre=//p' "$sysd/kyr-shutdown.service" | sed "s/\\$\\$/\\$/g; s/%%/%/g; s|/sys/class/rtc/rtc0/wakealarm|$tmp/wakealarm|g")
	eval "$cmd"
	w=$(cat "$tmp/wakealarm"); t=$(date +%s)
	check "[ -n '$w' ] && [ '$w' -gt $t ] && [ '$w' -le $((t + 86400)) ] && [ \"\$(date -d @'$w' +%H:%M)\" = 07:45 ]" \
		"wake alarm '$w' is not the next 07:45 (now $t): $cmd"
	setup --shutdown-at 21:30 --wake-at 07:45 >"$tmp/setup13.log" 2>&1
	check "! grep -q 'changed:' '$tmp/setup13.log'" "--shutdown-at again changed something: $(grep changed: "$tmp/setup13.log")"
	setup --shutdown-at 25:00 >"$tmp/setup14.log" 2>&1; rc=$?
	check "[ $rc -eq 2 ] && grep -q '24-hour clock' '$tmp/setup14.log'" "--shutdown-at 25:00 accepted: rc $rc"
	setup --wake-at 07:00 >"$tmp/setup15.log" 2>&1; rc=$?
	check "[ $rc -eq 2 ] && grep -q 'goes with --shutdown-at' '$tmp/setup15.log'" "--wake-at alone accepted: rc $rc"
	setup --shutdown-at off >"$tmp/setup16.log" 2>&1
	check "[ ! -e '$sysd/kyr-shutdown.timer' ] && [ ! -e '$sysd/kyr-shutdown.service' ] && [ ! -L '$sysd/timers.target.wants/kyr-shutdown.timer' ]" \
		"--shutdown-at off left: $(ls "$sysd" "$sysd/timers.target.wants" 2>/dev/null | tr '\n' ' ')"
	# --read-only-root never claims success where it cannot work.
	setup --read-only-root >"$tmp/setup10.log" 2>&1; rc=$?
	check "[ $rc -eq 1 ] && grep -q 'NOT DONE: --read-only-root' '$tmp/setup10.log'" "--read-only-root on a fake tree: rc $rc"

	# kyr-kiosk-action 73: the kiosk's hand-off file into kiosk.conf.
	act() { EXIT_STATUS=73 KYR_CONF="$R/etc/kyr-kiosk/kiosk.conf" KYR_SETTINGS="$tmp/settings" sh deploy/kyr-kiosk-action; }
	echo 'rotation=90 idle_seconds=150 touch_calibration=-1.00000 0.00000 1.00000 0.00000 1.00000 0.00000' > "$tmp/settings"
	act >"$tmp/act.log" 2>&1
	check "grep -qx 'rotation = 90' '$R/etc/kyr-kiosk/kiosk.conf' && grep -qx 'idle_seconds = 150' '$R/etc/kyr-kiosk/kiosk.conf'" "settings not saved: $(cat "$tmp/act.log")"
	check "grep -qx 'touch_calibration = -1.00000 0.00000 1.00000 0.00000 1.00000 0.00000' '$R/etc/kyr-kiosk/kiosk.conf'" "calibration not saved"
	check "[ ! -s '$tmp/settings' ]" "hand-off file not emptied"
	check "'$D/usr/bin/kyr-kiosk' --config '$R/etc/kyr-kiosk/kiosk.conf' --content '$BUILD/content.db' --info >/dev/null 2>&1" \
		"kiosk.conf with saved settings is refused"
	cp "$R/etc/kyr-kiosk/kiosk.conf" "$tmp/conf-before"
	echo 'rotation=45 idle_seconds=150 touch_calibration=1 0 0 0 1 0; rm -rf /' > "$tmp/settings"
	act >"$tmp/act2.log" 2>&1
	check "cmp -s '$tmp/conf-before' '$R/etc/kyr-kiosk/kiosk.conf' && grep -q 'not a settings line' '$tmp/act2.log'" "a bad settings line changed kiosk.conf"
}

# --- setup-raspberry-pi.sh on a fake Raspberry Pi OS tree, twice ------------
if command -v systemd-sysusers >/dev/null 2>&1 && command -v systemctl >/dev/null 2>&1; then
	R="$D"
	mkdir -p "$R/etc/systemd/system/getty.target.wants" "$R/boot/firmware" "$R/usr/lib/systemd/system"
	for u in getty@.service getty.target multi-user.target graphical.target; do
		[ -e "/usr/lib/systemd/system/$u" ] && cp "/usr/lib/systemd/system/$u" "$R/usr/lib/systemd/system/"
	done
	ln -sf /usr/lib/systemd/system/getty@.service "$R/etc/systemd/system/getty.target.wants/getty@tty1.service"
	ln -sf /usr/lib/systemd/system/graphical.target "$R/etc/systemd/system/default.target"
	printf 'root:x:0:0:root:/root:/bin/bash\npi:x:1000:1000::/home/pi:/bin/bash\n' > "$R/etc/passwd"
	printf 'root:*::0:99999:7:::\npi:*::0:99999:7:::\n' > "$R/etc/shadow"
	printf 'root:x:0:\nvideo:x:44:pi\naudio:x:29:pi\ninput:x:105:pi\npi:x:1000:\n' > "$R/etc/group"
	printf 'root:*::\nvideo:!::pi\naudio:!::pi\ninput:!::pi\npi:!::\n' > "$R/etc/gshadow"
	echo 'console=serial0,115200 console=tty1 root=PARTUUID=1234-02 rootfstype=ext4 fsck.repair=no rootwait quiet consoleblank=600' \
		> "$R/boot/firmware/cmdline.txt"
	sh deploy/setup-raspberry-pi.sh --root "$R" >"$tmp/setup1.log" 2>&1; rc=$?
	check "[ $rc -eq 0 ]" "setup-raspberry-pi.sh failed: $(tail -n 5 "$tmp/setup1.log")"
	check "grep -q '^kyr-kiosk:.*:/usr/sbin/nologin' '$R/etc/passwd'" "no kyr-kiosk user"
	for g in video input render audio; do
		check "grep -q '^$g:.*kyr-kiosk' '$R/etc/group'" "kyr-kiosk not in group $g"
	done
	check "[ -L '$R/etc/systemd/system/multi-user.target.wants/kyr-kiosk.service' ]" "kyr-kiosk.service not enabled"
	check "[ ! -e '$R/etc/systemd/system/getty.target.wants/getty@tty1.service' ]" "getty@tty1 still enabled"
	check "[ \"\$(readlink '$R/etc/systemd/system/default.target')\" = /usr/lib/systemd/system/multi-user.target ]" "default target not multi-user"
	check "[ -s '$R/var/lib/kyr-kiosk/content.db' ]" "default content not copied to /var/lib/kyr-kiosk"
	c=$(cat "$R/boot/firmware/cmdline.txt")
	check "[ \$(wc -l < '$R/boot/firmware/cmdline.txt') -eq 1 ]" "cmdline.txt is not one line"
	for kv in consoleblank=0 vt.global_cursor_default=0 fsck.repair=yes rootwait root=PARTUUID=1234-02; do
		case " $c " in *" $kv "*) ok ;; *) bad "cmdline.txt lacks $kv: $c" ;; esac
	done
	case " $c " in *consoleblank=600*|*fsck.repair=no*) bad "old values left in cmdline.txt: $c" ;; *) ok ;; esac
	check "grep -q '^Storage=volatile' '$R/etc/systemd/journald.conf.d/kyr-kiosk.conf'" "journal not volatile"
	find "$R" \( -type f -o -type l \) -exec ls -ld --time-style=+%s.%N {} + | sort > "$tmp/tree1"
	sleep 1
	sh deploy/setup-raspberry-pi.sh --root "$R" >"$tmp/setup2.log" 2>&1; rc=$?
	check "[ $rc -eq 0 ] && grep -q 'nothing to change' '$tmp/setup2.log' && ! grep -q 'changed:' '$tmp/setup2.log'" \
		"second run changed something: $(grep changed: "$tmp/setup2.log")"
	find "$R" \( -type f -o -type l \) -exec ls -ld --time-style=+%s.%N {} + | sort > "$tmp/tree2"
	check "cmp -s '$tmp/tree1' '$tmp/tree2'" "second run touched files: $(diff "$tmp/tree1" "$tmp/tree2" | head -n 4)"
	check "[ \"\$(cat '$R/boot/firmware/cmdline.txt')\" = \"\$c\" ]" "second run changed cmdline.txt"
	check "grep -q 'NO PUBLISHER KEY' '$tmp/setup1.log'" "no warning that updates will be refused without a key"
	check "grep -q 'no operator PIN' '$tmp/setup1.log'" "no warning that no operator PIN is set"
	setup_test_options "$R"
	# At boot (systemd-tmpfiles --create --remove --boot) the unfinished copy
	# of an update cut off by a power cut is dropped; the content stays.
	: > "$R/var/lib/kyr-kiosk/content.db.part"
	cp "$R/var/lib/kyr-kiosk/content.db" "$tmp/content-before"
	systemd-tmpfiles --root="$R" --create --remove --boot kyr-kiosk.conf >"$tmp/tmpfiles.log" 2>&1
	check "[ ! -e '$R/var/lib/kyr-kiosk/content.db.part' ] && cmp -s '$tmp/content-before' '$R/var/lib/kyr-kiosk/content.db'" \
		"boot left the stale content.db.part or changed content.db: $(cat "$tmp/tmpfiles.log")"
else
	echo "skip: setup-raspberry-pi.sh test needs systemd-sysusers and systemctl" >&2
fi

# --- make deb ------------------------------------------------------------
arch=$(dpkg --print-architecture)
rm -f "$BUILD"/kyr-kiosk_*.deb
if mk deb DEB_COMPRESS=gzip >"$tmp/deb.log" 2>&1; then ok; else bad "make deb failed: $(tail -n 5 "$tmp/deb.log")"; fi
deb=$(ls "$BUILD"/kyr-kiosk_*_"$arch".deb 2>/dev/null | head -n 1)
if [ -n "$deb" ]; then
	dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|; s|/$||' > "$tmp/deb-contents"
	for f in /usr/bin/kyr-kiosk /usr/bin/kyr-build /usr/bin/kyr-layout /usr/share/kyr-kiosk/content.db \
	         /usr/share/kyr-kiosk/fonts/fonts.list /usr/share/kyr-kiosk/fonts/NotoSans-Regular.ttf \
	         /usr/share/kyr-kiosk/fonts/NotoSansCJK-Regular.ttc /usr/share/kyr-kiosk/fonts/LICENSE-OFL.txt \
	         /usr/lib/systemd/system/kyr-kiosk.service /usr/lib/sysusers.d/kyr-kiosk.conf \
	         /usr/lib/tmpfiles.d/kyr-kiosk.conf /etc/kyr-kiosk/kiosk.conf /usr/share/man/man1/kyr-kiosk.1 \
	         /usr/share/kyr-kiosk/setup-raspberry-pi.sh; do
		check "grep -qx '$f' '$tmp/deb-contents'" "package lacks $f"
	done
	[ -e src/main_update.c ] && check "grep -qx /usr/bin/kyr-update '$tmp/deb-contents'" "package lacks /usr/bin/kyr-update"
	for r in deploy/*.rules; do
		[ -e "$r" ] && check "grep -qx '/usr/lib/udev/rules.d/${r##*/}' '$tmp/deb-contents'" "package lacks udev rule ${r##*/}"
	done
	check "! grep -q '^/home\|^/tmp\|/build/' '$tmp/deb-contents'" "package holds build paths"
	check "[ -z \"\$(dpkg-deb -c '$deb' | awk '\$2 != \"root/root\"')\" ]" "files in the package not owned by root"
	check "[ \"\$(dpkg-deb -f '$deb' Package)\" = kyr-kiosk ] && [ \"\$(dpkg-deb -f '$deb' Architecture)\" = '$arch' ]" "control Package/Architecture"
	# Package names without versions; ICU's name changes with the release.
	dep=$(dpkg-deb -f "$deb" Depends | tr -d '\n' | sed 's/ *([^)]*)//g')
	icu=$(dpkg -S "$(readlink -f "$(ldd "$BUILD/kyr-kiosk" | sed -n 's/.*libicuuc[^ ]* => \([^ ]*\).*/\1/p')")" | sed 's/:.*//')
	for p in libsdl2-2.0-0 libsdl2-ttf-2.0-0 libdeflate0 libharfbuzz0b libsqlite3-0 "$icu" libcmark0.30.2 \
	         libinih1 libsodium23 libqrencode4 libseccomp2 libespeak-ng1 libopusfile0 \
	         libegl1 libgles2 libgl1-mesa-dri libasound2-plugins systemd; do
		case ", $dep," in *" $p,"*) ok ;; *) bad "Depends lacks $p: $dep" ;; esac
	done
	check "dpkg-deb --ctrl-tarfile '$deb' | tar -xOf - ./conffiles | grep -qx /etc/kyr-kiosk/kiosk.conf" "kiosk.conf is not a conffile"
	for s in postinst prerm postrm; do
		check "dpkg-deb --ctrl-tarfile '$deb' | tar -xOf - ./$s | sh -n" "maintainer script $s missing or broken"
	done
	check "[ \"\$(dpkg-deb -f '$deb' Version)\" = \"\$(dpkg-deb -f '$deb' Version | grep -E '^[0-9][A-Za-z0-9.+~-]*\$')\" ]" "bad version"
else
	bad "no $BUILD/kyr-kiosk_*_$arch.deb"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
