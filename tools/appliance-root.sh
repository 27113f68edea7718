#!/bin/sh
# Makes (once) and caches a minimal Debian arm64 root with Debian's kernel
# and an initrd, for the full-system appliance test (tools/appliance-test.sh,
# `make appliance-test`) and for building a release's arm64 package inside
# it (tools/release-deb.sh). Nothing of the kiosk goes into the cache: every
# test copies the root and installs the package into the copy with apt.
#
# Usage: tools/appliance-root.sh [check] RELEASE      (trixie, bookworm)
#   check  exit 0 when RELEASE's root is cached, 1 when not (builds nothing)
# Cache: ${KYR_APPLIANCE_CACHE:-/var/cache/kyr-appliance}/RELEASE/
#   root/  vmlinuz  initrd.img  (written under RELEASE.tmp, renamed when done)
#
# Time: debootstrap's second stage and the kernel's mkinitramfs run under
# qemu-user: 15–30 minutes of CPU on 2 cores. The initrd holds only the
# modules a QEMU virt machine needs to mount its root (MODULES=list), which
# keeps mkinitramfs to one short run instead of two long ones.
set -eu
mode=make
[ "${1:-}" = check ] && { mode=check; shift; }
release=${1:?usage: tools/appliance-root.sh [check] trixie|bookworm}
case "$release" in trixie|bookworm) ;; *) echo "appliance-root: unknown release '$release'" >&2; exit 2 ;; esac
cache=${KYR_APPLIANCE_CACHE:-/var/cache/kyr-appliance}
dir=$cache/$release
mirror=${KYR_DEBIAN_MIRROR:-http://deb.debian.org/debian}

cached() { [ -f "$dir/root/etc/kyr-appliance-root" ] && [ -f "$dir/vmlinuz" ] && [ -f "$dir/initrd.img" ]; }
if [ "$mode" = check ]; then cached; exit $?; fi
if cached; then echo "appliance-root: $dir is cached"; exit 0; fi
[ "$(id -u)" -eq 0 ] || { echo "appliance-root: needs root (debootstrap, chroot)" >&2; exit 1; }

# Host tools: debootstrap, qemu-user for the arm64 programs in the chroot.
need=""
command -v debootstrap >/dev/null 2>&1 || need="$need debootstrap"
[ -x /usr/bin/qemu-aarch64-static ] || need="$need qemu-user-static"
command -v update-binfmts >/dev/null 2>&1 || need="$need binfmt-support"
if [ -n "$need" ]; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends $need >&2
fi
# A foreign root runs its programs through binfmt_misc; without it debootstrap
# stops with "Unable to execute target architecture".
[ -e /proc/sys/fs/binfmt_misc/status ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || update-binfmts --enable qemu-aarch64

mkdir -p "$cache"
tmp=$cache/$release.tmp
# One maker at a time per release (a second caller waits, then finds it cached).
exec 9>"$cache/$release.lock"
flock 9
if cached; then echo "appliance-root: $dir is cached"; exit 0; fi
rm -rf "$tmp"
mkdir -p "$tmp"
root=$tmp/root
mounted=""
cleanup() {
	for m in $mounted; do umount -l "$m" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM
start=$(date +%s)
echo "appliance-root: debootstrap $release arm64 into $root (15-30 minutes)" >&2
# initramfs-tools comes before the kernel so it can be told to keep the
# initrd small before the kernel's postinst makes it.
debootstrap --arch=arm64 --variant=minbase \
	--include=systemd-sysv,udev,kmod,initramfs-tools,ca-certificates \
	"$release" "$root" "$mirror" > "$tmp/debootstrap.log" 2>&1 ||
	{ tail -n 30 "$tmp/debootstrap.log" >&2; echo "appliance-root: debootstrap failed (log: $tmp/debootstrap.log)" >&2; exit 1; }
echo "appliance-root: debootstrap done after $(( $(date +%s) - start )) s" >&2

printf 'MODULES=list\nCOMPRESS=gzip\n' > "$root/etc/initramfs-tools/conf.d/kyr-appliance"
printf 'virtio_pci\nvirtio_mmio\nvirtio_blk\next4\n' >> "$root/etc/initramfs-tools/modules"
for m in proc sys dev; do
	mount --bind "/$m" "$root/$m"
	mounted="$root/$m $mounted"
done
chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends linux-image-arm64 \
	> "$tmp/kernel.log" 2>&1 ||
	{ tail -n 30 "$tmp/kernel.log" >&2; echo "appliance-root: kernel install failed (log: $tmp/kernel.log)" >&2; exit 1; }
chroot "$root" apt-get clean
cleanup; mounted=""
kernel=$(ls "$root"/boot/vmlinuz-* | sort -V | tail -n 1)
cp "$kernel" "$tmp/vmlinuz"
cp "$root/boot/initrd.img-${kernel##*/vmlinuz-}" "$tmp/initrd.img"
echo "$release arm64, made $(date -u +%FT%TZ) by tools/appliance-root.sh in $(( $(date +%s) - start )) s" > "$root/etc/kyr-appliance-root"
rm -rf "$dir"
mv "$tmp" "$dir"
echo "appliance-root: $dir ready after $(( $(date +%s) - start )) s" >&2
