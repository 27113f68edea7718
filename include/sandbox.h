/* sandbox — what the kernel lets the kiosk do once it is running.
 *
 * sandbox_enter() is called after SDL, the fonts, the content and the
 * speech output are open. Two walls, each meant to hold alone:
 *  1. seccomp (always, on every thread: TSYNC; the guarantees in
 *     docs/privacy.md rest on it): no
 *     file is opened for writing, created, truncated, removed, renamed,
 *     linked, chmod-ed, chown-ed, touched (utimensat) or given an xattr; no
 *     O_TMPFILE, openat2, memfd_create, execve/execveat or io_uring; no
 *     new socket, socketpair, connect, bind, listen or accept, and sendto
 *     only without an address.
 *  2. Landlock, when the kernel has it: read access to the paths given and
 *     nothing else; playback sound devices only (never capture); no TCP;
 *     no abstract Unix sockets or signals outside the sandbox. It binds
 *     this thread and those started later, not threads already running
 *     (reported as partial, by name). What cannot be installed is
 *     reported, one reason each, in sandbox_status_t.
 *
 * MUST BE OPEN BEFORE sandbox_enter(), because nothing new can be opened
 * for writing or connected after it: the DRM card and render node (the
 * window and renderer), the sound device (speech_open), udev's netlink
 * socket (SDL_Init), systemd's notify socket, created AND connected (the
 * kiosk then only send()s or sendmsg()s on it, without an address), the
 * X11 or Wayland connection of a desktop window, and any file written to.
 * Input devices plugged in later are opened read-only, which stays allowed.
 *
 * The headless scripted mode must write its screenshots: it passes a
 * write_dir, which Landlock opens for creating files, and the seccomp rules
 * on open flags are left out (every other rule stays). A visitor-facing
 * kiosk never passes one. */
#ifndef KYR_SANDBOX_H
#define KYR_SANDBOX_H

#include <stddef.h>

enum { SANDBOX_LL_OFF, SANDBOX_LL_PARTIAL, SANDBOX_LL_FULL };

typedef struct {
	int seccomp;          /* 1 when the filter is installed */
	int landlock_abi;     /* the kernel's Landlock ABI, 0: none */
	int landlock;         /* SANDBOX_LL_*: FULL = every rule in force */
	char landlock_why[512];  /* unless FULL: exactly why, for the log */
	char landlock_note[256]; /* what this ABI does not govern (seccomp does) */
} sandbox_status_t;

/* First thing at start: no core dump (RLIMIT_CORE 0) and not dumpable
 * (PR_SET_DUMPABLE 0: no core, no ptrace attach, /proc/PID/mem and environ
 * closed to the same user), so a crash cannot put a visitor's session on
 * disk, even with systemd-coredump installed. Returns 0, or -1 with err. */
int sandbox_no_dumps(char *err, size_t errlen);

/* Restricts this process for good. read_paths: NULL-terminated list of
 * directories or files that stay readable; write_dir: NULL, or the one
 * directory the scripted mode writes to. Returns 0 when at least the
 * seccomp filter is in place (Landlock's state in *st), else -1 with a
 * reason in err. */
int sandbox_enter(const char *const *read_paths, const char *write_dir, sandbox_status_t *st,
                  char *err, size_t errlen);

/* One thing the sandbox must refuse (or, must_work, still allow). */
typedef struct {
	const char *what;
	int must_work;        /* 1: must succeed inside the sandbox */
	int ok;               /* the outcome was the wanted one */
	int err;              /* errno of the attempt, 0 when it succeeded */
} sandbox_probe_t;

#define SANDBOX_PROBES_MAX 32

/* Prepares files, sockets and a listener (a child process outside the
 * sandbox) in dir, enters the sandbox with read_paths plus dir/ro, and
 * tries every probe: writing to, creating, truncating, chmod-ing,
 * touching, xattr-ing an existing file; O_TMPFILE; openat2; binding a
 * socket file; new sockets and a socketpair; connecting to the listener
 * (which must receive nothing); execve; memfd_create; io_uring; and, when
 * Landlock is in force, reading outside the allowed paths. Also what must
 * keep working: reading an allowed file, writing to a descriptor opened
 * before, send() on a socket connected before. Fills p[] (cap entries at
 * most) and *st; returns the probe count, or -1 with err when the set-up
 * or the sandbox failed. The process stays sandboxed: call it in a child
 * or just before exit. */
int sandbox_probe(const char *dir, const char *const *read_paths, sandbox_status_t *st,
                  sandbox_probe_t *p, int cap, char *err, size_t errlen);

/* kyr-kiosk --self-test-sandbox: sandbox_probe() in a child process, in a
 * fresh folder under dir (removed afterwards), one line per probe and one
 * for Landlock's state. Returns 0 when
 * every probe came out right and Landlock is fully in force, or
 * landlock_optional is set (then its absence is reported, not failed). */
int sandbox_self_test(const char *dir, const char *const *read_paths, int landlock_optional);

#endif
