#!/usr/bin/env python3
"""The kiosk as an appliance, booted: a full-system test under QEMU.

For one Debian release (trixie: Raspberry Pi OS today; bookworm: "Legacy"):
  1. the release's arm64 package (tools/release-deb.sh, built inside that
     release's root) is installed with apt by setup-raspberry-pi.sh into a
     copy of a fresh debootstrapped root (tools/appliance-root.sh's cache),
     with a publisher key and an operator PIN;
  2. the root becomes an ext4 disk and boots under qemu-system-aarch64 -M virt
     with Debian's arm64 kernel and a virtio-gpu display (KMSDRM on a real
     DRM driver);
  3. through QMP and a guest agent on a virtio-serial port it checks the
     kiosk runs as its own user with seccomp on, opens no socket but AF_UNIX
     and AF_NETLINK, pings the watchdog, and logs the DRM card it chose;
     screendumps are compared with the same screens drawn by the host's
     headless kiosk;
  --full also: a touch walk (a uinput multitouch device in the guest:
     QEMU 7.2 has no multitouch device), a USB stick with a signed bundle
     hot-plugged (usb-storage), and a power cut (QMP quit) in the middle of
     a second update, after which the kiosk must boot with the old or the
     new content.
Prints "N passed, N failed"; "SKIPPED" (exit 0) when --if-cached is given
and the release's root is not cached. Screendumps (PNG) go to
build/appliance/RELEASE/shots/. Needs root (chroot, mounts).
"""
import argparse
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CACHE = os.environ.get("KYR_APPLIANCE_CACHE", "/var/cache/kyr-appliance")
PIN = "24681357"
# --shutdown-at: half a day from now (the guest's clock is UTC), so it never fires during a run.
OFF_AT = time.strftime("%H:%M", time.gmtime(time.time() + 12 * 3600))
HOST = None   # the snapshot of the host's programs (main)
T0 = time.time()

passed = 0
failed = 0


def log(msg):
    print("[%6.1fs] %s" % (time.time() - T0, msg), file=sys.stderr, flush=True)


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
        log("ok    " + what)
    else:
        failed += 1
        log("FAIL  " + what)
    return ok


def run(cmd, **kw):
    """A shell command on the host; its output, or an exception with it."""
    r = subprocess.run(cmd, shell=True, capture_output=True, text=True, **kw)
    if r.returncode:
        raise RuntimeError("%s: exit %d\n%s%s" % (cmd, r.returncode, r.stdout[-3000:], r.stderr[-3000:]))
    return r.stdout


# ---- images: PNG and PPM in, PNG out (no image library on the host) ----

def png_read(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and not interlace, "unsupported PNG " + path
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    out = bytearray()
    prev = bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        if bpp == 4:
            for x in range(w):
                out += line[x * 4:x * 4 + 3]
        else:
            out += line
    return w, h, bytes(out)


def ppm_read(path):
    data = open(path, "rb").read()
    parts = data.split(maxsplit=4)
    assert parts[0] == b"P6", path
    w, h = int(parts[1]), int(parts[2])
    return w, h, parts[4][:w * h * 3]


def png_write(path, w, h, rgb):
    raw = b"".join(b"\0" + rgb[y * w * 3:(y + 1) * w * 3] for y in range(h))

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def differ(a, b, y0=0, y1=None):
    """Fraction of pixels in rows y0..y1 whose colour differs by more than 48."""
    w, h, pa = a
    w2, h2, pb = b
    if (w, h) != (w2, h2):
        return 1.0
    y1 = h if y1 is None else y1
    bad = 0
    for y in range(y0, y1, 2):   # every other row: fast enough in Python
        row = y * w * 3
        for x in range(0, w * 3, 6):
            i = row + x
            if abs(pa[i] - pb[i]) > 48 or abs(pa[i + 1] - pb[i + 1]) > 48 or abs(pa[i + 2] - pb[i + 2]) > 48:
                bad += 1
    return bad / max(1, ((y1 - y0 + 1) // 2) * ((w + 1) // 2))


# ---- the guest: QMP and the agent --------------------------------------

class Qmp:
    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX)
        for _ in range(100):
            try:
                self.s.connect(path)
                break
            except OSError:
                time.sleep(0.1)
        self.f = self.s.makefile("rwb", buffering=0)
        self.f.readline()
        self.cmd("qmp_capabilities")

    def cmd(self, name, **args):
        self.f.write(json.dumps({"execute": name, "arguments": args}).encode() + b"\n")
        while True:
            line = self.f.readline()
            if not line:
                raise RuntimeError("QMP closed during " + name)
            r = json.loads(line)
            if "return" in r:
                return r["return"]
            if "error" in r:
                raise RuntimeError("QMP %s: %s" % (name, r["error"]))


class Agent:
    """Shell commands in the guest over the virtio-serial port kyr.agent."""

    def __init__(self, path):
        self.path = path
        self.s = None

    def connect(self, timeout):
        end = time.time() + timeout
        while time.time() < end:
            try:
                if not self.s:
                    self.s = socket.socket(socket.AF_UNIX)
                    self.s.connect(self.path)
                    self.buf = b""
                rc, out = self.run("echo up", timeout=5)
                if rc == 0 and out.strip() == "up":
                    return True
            except (OSError, TimeoutError):
                self.s = None
            time.sleep(2)
        return False

    def run(self, cmd, timeout=60):
        """(exit status, output) of sh -c CMD in the guest."""
        self.s.settimeout(timeout)
        self.s.sendall(cmd.replace("\n", " ").encode() + b"\n")
        while b"@@KYR-DONE " not in self.buf or not self.buf.split(b"@@KYR-DONE ", 1)[1].count(b"\n"):
            chunk = self.s.recv(65536)
            if not chunk:
                raise OSError("agent closed")
            self.buf += chunk
        out, rest = self.buf.split(b"@@KYR-DONE ", 1)
        rc, self.buf = rest.split(b"\n", 1)
        return int(rc), out.decode(errors="replace").rstrip("\n")

    def out(self, cmd, timeout=60):
        return self.run(cmd, timeout)[1]


AGENT_SH = r"""#!/bin/sh
# kyr-test-agent: runs each line from the host (virtio-serial kyr.agent)
# with sh -c and answers with its output and "@@KYR-DONE <status>".
port=/dev/virtio-ports/kyr.agent
while :; do
	while [ ! -e $port ]; do sleep 1; done
	exec 3<>$port
	while IFS= read -r line <&3; do
		out=$(sh -c "$line" 2>&1); rc=$?
		printf '%s\n@@KYR-DONE %s\n' "$out" "$rc" >&3
	done
	exec 3>&-
	sleep 1
done
"""

TOUCH_UNIT = """[Unit]
Description=KYR appliance test touchscreen (uinput, test images only)
Before=kyr-kiosk.service
[Service]
ExecStart=/usr/local/bin/kyr-touch serve /run/kyr-touch
[Install]
WantedBy=multi-user.target
"""

AGENT_UNIT = """[Unit]
Description=KYR appliance test agent (test images only)
[Service]
ExecStart=/usr/local/sbin/kyr-test-agent
Restart=always
[Install]
WantedBy=multi-user.target
"""


class Guest:
    def __init__(self, rel, work, img):
        self.rel, self.work, self.img = rel, work, img
        self.proc = None
        self.boots = 0

    def boot(self):
        self.boots += 1
        for s in ("qmp.sock", "agent.sock"):
            if os.path.exists(os.path.join(self.work, s)):
                os.unlink(os.path.join(self.work, s))
        d = os.path.join(CACHE, self.rel)
        cmd = ["qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a53", "-smp", "2", "-m", "1536",
               "-kernel", d + "/vmlinuz", "-initrd", d + "/initrd.img",
               "-append", "root=/dev/vda rw console=ttyAMA0 fsck.repair=yes",
               "-drive", "if=none,id=root,format=raw,file=" + self.img, "-device", "virtio-blk-pci,drive=root",
               "-device", "virtio-gpu-pci", "-display", "none", "-device", "qemu-xhci,id=xhci",
               "-device", "virtio-serial-pci",
               "-chardev", "socket,id=agent,path=%s/agent.sock,server=on,wait=off" % self.work,
               "-device", "virtserialport,chardev=agent,name=kyr.agent",
               "-qmp", "unix:%s/qmp.sock,server=on,wait=off" % self.work,
               "-serial", "file:%s/serial-%d.log" % (self.work, self.boots), "-nic", "none"]
        self.t_boot = time.time()
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=open(os.path.join(self.work, "qemu.err"), "w"))
        self.qmp = Qmp(os.path.join(self.work, "qmp.sock"))
        self.agent = Agent(os.path.join(self.work, "agent.sock"))
        return self.agent.connect(600)

    def power_cut(self):
        try:
            self.qmp.cmd("quit")
        except (RuntimeError, OSError):
            pass
        self.proc.wait(30)

    def shutdown(self):
        if self.proc and self.proc.poll() is None:
            self.power_cut()

    def screendump(self, name):
        ppm = os.path.join(self.work, name + ".ppm")
        self.qmp.cmd("screendump", filename=ppm)
        img = ppm_read(ppm)
        os.makedirs(os.path.join(self.work, "shots"), exist_ok=True)
        png_write(os.path.join(self.work, "shots", name + ".png"), *img)
        os.unlink(ppm)
        return img


# ---- preparation -------------------------------------------------------

def prepare_image(rel, deb, work, pub):
    """A fresh copy of the cached root, the package installed by the set-up
    script with apt, a publisher key and a PIN; then an ext4 disk image."""
    root = os.path.join(work, "root")
    img = os.path.join(work, "disk.img")
    run("rm -rf '%s' '%s'" % (root, img))
    run("cp -a '%s/%s/root' '%s'" % (CACHE, rel, root))
    archives = os.path.join(CACHE, rel, "apt-archives")
    os.makedirs(archives + "/partial", exist_ok=True)
    mounts = []
    try:
        for m in ("proc", "sys", "dev"):
            run("mount --bind /%s '%s/%s'" % (m, root, m))
            mounts.append("%s/%s" % (root, m))
        # Downloaded packages are kept between runs (the root stays fresh).
        run("mount --bind '%s' '%s/var/cache/apt/archives'" % (archives, root))
        mounts.append(root + "/var/cache/apt/archives")
        os.makedirs(root + "/tmp/kyr", exist_ok=True)
        shutil.copy(deb, root + "/tmp/kyr/")
        shutil.copy(os.path.join(REPO, "deploy/setup-raspberry-pi.sh"), root + "/tmp/kyr/")
        shutil.copy(pub, root + "/tmp/kyr/publisher.pub")
        t = time.time()
        run("chroot '%s' apt-get update -q" % root)
        out = run("echo %s | chroot '%s' env DEBIAN_FRONTEND=noninteractive sh /tmp/kyr/setup-raspberry-pi.sh "
                  "--deb /tmp/kyr/%s --pubkey /tmp/kyr/publisher.pub --pin --shutdown-at %s"
                  % (PIN, root, os.path.basename(deb), OFF_AT))
        open(os.path.join(work, "setup.log"), "w").write(out)
        log("package installed with apt by setup-raspberry-pi.sh in %.0f s" % (time.time() - t))
        check("kyr-setup: changed: package kyr-kiosk" in out, "setup-raspberry-pi.sh installed the package with apt")
        check("operator PIN set" in out, "setup-raspberry-pi.sh set the PIN")
        st = run("chroot '%s' dpkg-query -W -f '${Status} ${Version}' kyr-kiosk" % root)
        check(st.startswith("install ok installed"), "dpkg: kyr-kiosk " + st)
        for p in ("libegl1", "libgles2", "libgl1-mesa-dri"):
            st = run("chroot '%s' dpkg-query -W -f '${Status}' %s || true" % (root, p))
            check(st == "install ok installed", "Depends pulled in " + p)
    finally:
        for m in reversed(mounts):
            subprocess.run(["umount", "-l", m])
    # The test's sticks are built from this repository's content, which is
    # demonstration content (sample contacts): a real kiosk refuses it, so
    # this one is told to take it, as a kiosk for trying the software out is.
    conf = root + "/etc/kyr-kiosk/kiosk.conf"
    text = open(conf).read()
    open(conf, "w").write(re.sub(r"(?m)^[;#]* *allow_demo *=.*$", "allow_demo = yes", text)
                          if re.search(r"(?m)^[;#]* *allow_demo *=", text) else text + "allow_demo = yes\n")
    # Test-only additions: the agent and the touch helper. Nothing else.
    run("aarch64-linux-gnu-gcc -static -O2 -o '%s/usr/local/bin/kyr-touch' '%s/touch.c'" % (root, HERE))
    os.makedirs(root + "/usr/local/sbin", exist_ok=True)
    open(root + "/usr/local/sbin/kyr-test-agent", "w").write(AGENT_SH)
    os.chmod(root + "/usr/local/sbin/kyr-test-agent", 0o755)
    for name, text in (("kyr-test-agent", AGENT_UNIT), ("kyr-test-touch", TOUCH_UNIT)):
        open(root + "/etc/systemd/system/%s.service" % name, "w").write(text)
        os.symlink("/etc/systemd/system/%s.service" % name,
                   root + "/etc/systemd/system/multi-user.target.wants/%s.service" % name)
    open(root + "/etc/fstab", "w").write("/dev/vda / ext4 rw,errors=remount-ro 0 1\n")
    open(root + "/etc/hostname", "w").write("kyr-kiosk\n")
    size = int(run("du -sm '%s'" % root).split()[0]) + 600
    run("mkfs.ext4 -q -F -L kyr-root -d '%s' '%s' %dM" % (root, img, size))
    run("rm -rf '%s'" % root)
    return img


def reference_shots(work, w, h, content, script, name):
    """The same screens drawn by the host's headless kiosk at the guest's size.
    Speech through ALSA as in the guest, which has no sound card: speech is
    off there, so the screens have no Listen button (a machine with a sound
    card would draw one)."""
    d = os.path.join(work, "ref")
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, name + ".kyr"), "w").write(script)
    run("SDL_AUDIODRIVER=alsa '%s/kyr-kiosk' --config /dev/null --content '%s' --fonts '%s/fonts' --headless "
        "--size %dx%d --script '%s/%s.kyr' --out '%s'" % (HOST, content, HOST, w, h, d, name, d))
    return d


def target_centre(jsonl, ident, w, h):
    for line in open(jsonl):
        t = json.loads(line)
        if t.get("kind") == "target" and t.get("id") == ident:
            return (t["x"] + t["w"] / 2) / w, (t["y"] + t["h"] / 2) / h
    raise RuntimeError("no target %s in %s" % (ident, jsonl))


def make_stick(work, name, version, sec, title_prefix):
    """A USB stick image: kyr-content/content.db built from content/ with a
    new version (and one changed English title, to see: a prefix, as the
    home screen's tiles show only a title's first lines), signed."""
    src = os.path.join(work, name + "-content")
    run("rm -rf '%s' && cp -a '%s/content' '%s'" % (src, HOST, src))
    run("sed -i 's/^version *=.*/version = %d/' '%s/bundle.ini'" % (version, src))
    run("sed -i '0,/^title: /s/^title: /title: %s/' '%s/topics/01-door/en.md'" % (title_prefix, src))
    stick = os.path.join(work, name)
    run("rm -rf '%s' && mkdir -p '%s/kyr-content'" % (stick, stick))
    run("'%s/kyr-build' '%s' -o '%s/kyr-content/content.db' >/dev/null 2>&1" % (HOST, src, stick))
    run("minisign -S -s '%s' -m '%s/kyr-content/content.db' -t 'KYR appliance test %d' >/dev/null" % (sec, stick, version))
    img = stick + ".img"
    run("rm -f '%s' && mkfs.ext4 -q -F -L STICK -d '%s' '%s' 64M" % (img, stick, img))
    return img, "%s/kyr-content/content.db" % stick


# ---- the checks ----------------------------------------------------------

def kiosk_state(g):
    """The running kiosk's main PID once systemd says it is active (READY=1)."""
    end = time.time() + 300
    while time.time() < end:
        if g.agent.out("systemctl is-active kyr-kiosk") == "active":
            pid = g.agent.out("systemctl show -p MainPID --value kyr-kiosk")
            if pid not in ("", "0"):
                return pid
        time.sleep(2)
    return None


def check_service(g):
    pid = kiosk_state(g)
    check(pid is not None, "kyr-kiosk.service active (READY=1 sent) %.0f s after power-on" % (time.time() - g.t_boot))
    if not pid:
        log(g.agent.out("journalctl -b -u kyr-kiosk --no-pager | tail -n 30"))
        return False
    a = g.agent
    check(a.out("stat -c %%U /proc/%s" % pid) == "kyr-kiosk", "runs as the user kyr-kiosk")
    status = a.out("grep -E '^(Seccomp|NoNewPrivs):' /proc/%s/status" % pid)
    check("Seccomp:\t2" in status and "NoNewPrivs:\t1" in status, "seccomp filter on, no new privileges: " + status.replace("\n", " "))
    # Every socket the kiosk holds is AF_UNIX or AF_NETLINK: its inode is in
    # /proc/net/unix or /proc/net/netlink, and in no IP or packet table.
    inodes = a.out("for f in /proc/%s/fd/*; do readlink $f; done | sed -n 's/^socket:\\[\\([0-9]*\\)\\]$/\\1/p'" % pid).split()
    unix = a.out("awk 'NR>1 {print $7}' /proc/net/unix; awk 'NR>1 {print $NF}' /proc/net/netlink").split()
    ip = a.out("cat /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6 /proc/net/raw /proc/net/raw6 "
               "/proc/net/packet 2>/dev/null | awk '{print $10; print $NF}'").split()
    check(inodes and all(i in unix for i in inodes) and not any(i in ip for i in inodes),
          "%d sockets open, all AF_UNIX/AF_NETLINK" % len(inodes))
    wd = a.out("systemctl show -p WatchdogUSec --value kyr-kiosk")
    t1 = a.out("systemctl show -p WatchdogTimestampMonotonic --value kyr-kiosk")
    time.sleep(20)
    t2 = a.out("systemctl show -p WatchdogTimestampMonotonic --value kyr-kiosk")
    check(wd == "30s" and t1.isdigit() and t2.isdigit() and int(t2) > int(t1),
          "watchdog %s pinged (last ping %s -> %s us)" % (wd, t1, t2))
    # --shutdown-at: the timer is loaded by the real systemd and due at that time.
    state = a.out("systemctl show -p ActiveState --value kyr-shutdown.timer")
    due = a.out("systemctl show -p NextElapseUSecRealtime --value kyr-shutdown.timer")
    check(state == "active" and (" %s:00" % OFF_AT) in due,
          "kyr-shutdown.timer %s, next due %s (--shutdown-at %s)" % (state, due, OFF_AT))
    card = a.out("journalctl -b -u kyr-kiosk -o cat --no-pager | grep 'display: DRM card' | tail -n 1")
    check("display: DRM card 0 (card0-Virtual-1)" in card, "chose the DRM card with the connected screen: " + card)
    return True


def tap(g, fx, fy):
    """A finger on the touchscreen that was there from boot."""
    return g.agent.run("echo 'tap %.4f %.4f' > /run/kyr-touch" % (fx, fy))


def input_open(g, pid, name):
    """Whether the kiosk holds the input device called name open."""
    node = g.agent.out("for d in /sys/class/input/event*; do grep -qx '%s' $d/device/name 2>/dev/null && "
                       "echo /dev/input/${d##*/}; done | head -n 1" % name)
    fds = g.agent.out("ls -l /proc/%s/fd" % pid)
    return bool(node) and (" " + node) in fds, node


def wait_screen(g, name, ref, y0, tries=30):
    """Screendumps until the screen matches the reference (rows y0.. for the
    language grid, which leaves out the bottom band: demonstration content's
    band changes language with the title)."""
    best = 1.0
    for i in range(tries):
        img = g.screendump(name)
        best = min(best, differ(img, ref, y0, img[1] * 9 // 10 if y0 else None))
        if best < 0.02:
            break
        time.sleep(2)
    return img, best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--release", default="trixie", choices=("trixie", "bookworm"))
    ap.add_argument("--full", action="store_true", help="also the touch walk, USB update and power cut")
    ap.add_argument("--if-cached", action="store_true", help="print SKIPPED unless the root is cached")
    ap.add_argument("--deb", help="use this package instead of building one inside the release's root")
    o = ap.parse_args()
    rel = o.release
    if subprocess.run(["sh", REPO + "/tools/appliance-root.sh", "check", rel]).returncode:
        if o.if_cached:
            print("SKIPPED: appliance test (%s): no cached root in %s/%s; make one with "
                  "`sudo sh tools/appliance-root.sh %s` (15-30 min)" % (rel, CACHE, rel, rel))
            print("0 passed, 0 failed")
            return 0
        run("sh '%s/tools/appliance-root.sh' %s" % (REPO, rel))
    if os.geteuid():
        print("appliance test: needs root (chroot, mounts)", file=sys.stderr)
        return 1
    work = os.path.join(REPO, "build/appliance", rel)
    os.makedirs(work, exist_ok=True)
    for f in os.listdir(work) if os.path.isdir(work) else []:
        if f.startswith("shots"):
            shutil.rmtree(os.path.join(work, f), ignore_errors=True)
    run("make -C '%s' -s -j2 all >/dev/null" % REPO)
    # The host's kiosk draws the reference screens and its kyr-build makes
    # the sticks: a snapshot taken now, with the package, so later work in
    # the tree cannot change them during the run.
    global HOST
    HOST = os.path.join(work, "host")
    run("rm -rf '%s' && mkdir -p '%s' && cp -a '%s'/build/kyr-kiosk '%s'/build/kyr-build '%s'/build/content.db "
        "'%s'/build/fonts '%s'/content '%s'/" % ((HOST,) * 2 + (REPO,) * 5 + (HOST,)))
    deb = o.deb or run("sh '%s/tools/release-deb.sh' %s '%s'" % (REPO, rel, work), cwd=REPO).strip().splitlines()[-1]
    log("package: %s (%s)" % (os.path.basename(deb), run("dpkg-deb -f '%s' Depends" % deb).strip()[:300]))
    run("rm -f '%s/pub' '%s/sec' && minisign -G -W -p '%s/pub' -s '%s/sec' >/dev/null" % ((work,) * 4))
    t = time.time()
    img = prepare_image(rel, deb, work, work + "/pub")
    log("disk image ready in %.0f s" % (time.time() - t))

    g = Guest(rel, work, img)
    try:
        t = time.time()
        check(g.boot(), "guest booted, agent answers (%.0f s)" % (time.time() - t))
        if not check_service(g):
            return finish(g)
        first = g.screendump("01-first-screen")
        w, h = first[0], first[1]
        content = HOST + "/content.db"
        ref = reference_shots(work, w, h, content, "wait 100\nshot lang\ndump lang\ntap @lang:en\nwait 400\nshot home\n"
                              "dump home\ntap @topic:01-door\nwait 400\nshot article\ndump article\n", "walk")
        lang = png_read(ref + "/lang.png")
        # The title cycles through the languages: compare the language grid.
        grid_y = 330 * h // 800
        img, d = wait_screen(g, "01-first-screen", lang, grid_y)
        check(d < 0.02, "language screen drawn on KMSDRM/virtio-gpu (%dx%d), %.2f%% of the grid differs from the "
              "headless kiosk's" % (w, h, d * 100))
        if not o.full:
            return finish(g)

        # -- the touch walk: language -> home -> an article, with fingers
        pid = kiosk_state(g)
        ok, node = input_open(g, pid, "KYR test touchscreen")
        check(ok, "the kiosk opened the touchscreen present at boot (%s)" % node)
        # A touchscreen plugged in while the kiosk runs is seen too (udev's
        # netlink events reach it: no PrivateNetwork).
        g.agent.run("(kyr-touch -w 20000 sleep 1 >/dev/null 2>&1 &)")
        ok = False
        for _ in range(15):
            time.sleep(1)
            ok, node = input_open(g, pid, "KYR hot-plugged touchscreen")
            if ok:
                break
        check(ok, "the kiosk opened a touchscreen plugged in while it runs (%s)" % node)
        fx, fy = target_centre(ref + "/lang.jsonl", "lang:en", w, h)
        rc, out = tap(g, fx, fy)
        check(rc == 0, "touch helper took the tap " + out)
        home = png_read(ref + "/home.png")
        img, d = wait_screen(g, "02-home-after-tap", home, 0, 10)
        check(d < 0.02, "a touch on English opened the home screen (%.2f%% differs)" % (d * 100))
        fx, fy = target_centre(ref + "/home.jsonl", "topic:01-door", w, h)
        tap(g, fx, fy)
        img, d = wait_screen(g, "03-article-after-tap", png_read(ref + "/article.png"), 0, 10)
        check(d < 0.02, "a touch on a topic opened its article (%.2f%% differs)" % (d * 100))
        # The visitor leaves with Quick exit: back to the language screen.
        tap(g, *target_centre(ref + "/article.jsonl", "exit", w, h))
        img, d = wait_screen(g, "04-after-quick-exit", lang, grid_y, 10)
        check(d < 0.02, "Quick exit went back to the language screen (%.2f%% of the grid differs)" % (d * 100))

        # -- a USB stick with a signed bundle, hot-plugged
        old = g.agent.out("kyr-kiosk --info --content /var/lib/kyr-kiosk/content.db | sed -n 's/^content version: //p'")
        v2 = int(old) + 1
        stick, db2 = make_stick(work, "stick2", v2, work + "/sec", "(Updated) ")
        t = time.time()
        g.qmp.cmd("blockdev-add", driver="raw", **{"node-name": "stick2"}, file={"driver": "file", "filename": stick})
        g.qmp.cmd("device_add", driver="usb-storage", bus="xhci.0", drive="stick2", id="usb2")
        new = ""
        for _ in range(120):
            new = g.agent.out("journalctl -b -u kyr-kiosk -o cat --no-pager | grep 'new content: version' | tail -n 1")
            if str(v2) in new:
                break
            time.sleep(2)
        check(str(v2) in new, "USB stick update installed and taken by the kiosk in %.0f s: %s" % (time.time() - t, new))
        log(g.agent.out("journalctl -b -u 'kyr-update@*' -o cat --no-pager | tail -n 5"))
        g.screendump("05-after-update")
        ref2 = reference_shots(work, w, h, db2, "wait 100\ntap @lang:en\nwait 400\nshot home2\n", "new")
        # The update's result stays on screen a while; the next visitor
        # comes when the language screen is back.
        img, d = wait_screen(g, "05-language-again", lang, grid_y)
        check(d < 0.02, "the language screen is back after the update's result (%.2f%% of the grid differs)" % (d * 100))
        tap(g, *target_centre(ref + "/lang.jsonl", "lang:en", w, h))
        img, d = wait_screen(g, "06-home-new-content", png_read(ref2 + "/home2.png"), 0, 10)
        check(d < 0.02, "the next visitor sees the new content (%.2f%% differs from the new content's home)" % (d * 100))
        check(differ(img, home) > 0.0005, "and it differs from the old content's home (%.3f%%)" % (differ(img, home) * 100))
        g.qmp.cmd("device_del", id="usb2")
        time.sleep(3)

        # -- power cut in the middle of an update
        v3 = v2 + 1
        stick3, db3 = make_stick(work, "stick3", v3, work + "/sec", "(Third) ")
        # A slow stick (200 kB/s, as a worn one can be): the update takes
        # long enough that the cut lands in the middle of it.
        g.qmp.cmd("object-add", **{"qom-type": "throttle-group", "id": "slowstick", "limits": {"bps-read": 200000}})
        g.qmp.cmd("blockdev-add", driver="raw", **{"node-name": "stick3raw"},
                  file={"driver": "file", "filename": stick3})
        g.qmp.cmd("blockdev-add", driver="throttle", **{"node-name": "stick3", "throttle-group": "slowstick"},
                  file="stick3raw")
        before = g.agent.out("cat /run/kyr-kiosk/update-status 2>/dev/null")
        g.qmp.cmd("device_add", driver="usb-storage", bus="xhci.0", drive="stick3", id="usb3")
        state, t = "", time.time()
        while time.time() - t < 120:
            status = g.agent.out("cat /run/kyr-kiosk/update-status 2>/dev/null")
            state = "".join(l[6:] for l in status.splitlines() if l.startswith("state="))
            if status != before and state in ("copying", "verifying"):
                break
            time.sleep(0.2)
        log("power cut during the update, state '%s' (%s)" % (state, status.replace("\n", " ")[:200]))
        check(state in ("copying", "verifying"), "the power was cut in the middle of the update (%s)" % state)
        g.power_cut()
        t = time.time()
        check(g.boot(), "booted again after the power cut (%.0f s)" % (time.time() - t))
        check_pid = kiosk_state(g)
        check(check_pid is not None, "the kiosk runs again after the power cut")
        ver = g.agent.out("kyr-kiosk --info --content /var/lib/kyr-kiosk/content.db | sed -n 's/^content version: //p'")
        check(ver in (str(v2), str(v3)), "after the cut the content is the old (%d) or the new (%d): %s" % (v2, v3, ver))
        log("content folder after the cut: " + g.agent.out("ls -la /var/lib/kyr-kiosk/").replace("\n", " | "))
        # The cut copy (often empty: its data never reached the disk) is
        # dropped at boot by the tmpfiles rule.
        left = g.agent.out("ls -A /var/lib/kyr-kiosk/ | grep part || true")
        check(left == "", "no unfinished copy of the update left after the reboot (%s)" % (left or "none"))
        img, d = wait_screen(g, "07-after-power-cut", lang, grid_y)
        check(d < 0.02, "the language screen is drawn after the power cut (%.2f%% of the grid differs)" % (d * 100))

        # -- a hung kiosk: stopped, it pings no more; systemd's watchdog
        # kills it and the service starts a new one.
        g.agent.run("kill -STOP %s" % check_pid)
        t = time.time()
        new_pid = check_pid
        while time.time() - t < 150 and new_pid in (check_pid, None):
            time.sleep(5)
            new_pid = kiosk_state(g)
        why = g.agent.out("journalctl -b -u kyr-kiosk -o cat --no-pager | grep -i 'watchdog timeout' | tail -n 1")
        check(new_pid not in (check_pid, None) and why != "",
              "a hung kiosk was killed by the watchdog and restarted after %.0f s: %s" % (time.time() - t, why))
        return finish(g)
    except Exception as e:   # a broken step is a failure, and the guest goes down
        check(False, "appliance test stopped: %s" % e)
        return finish(g)


def finish(g):
    g.shutdown()
    log("shots in %s/shots" % g.work)
    print("%d passed, %d failed" % (passed, failed))
    print("appliance test (%s): %.0f s" % (g.rel, time.time() - T0))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
