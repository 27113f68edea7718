/* sandbox — what the kernel lets the kiosk do once it is running.
 *
 * sandbox_enter() is called after SDL, the fonts and the content are open:
 *  1. PR_SET_NO_NEW_PRIVS;
 *  2. Landlock (when the kernel has it): the file system becomes read-only
 *     to the kiosk — read access to the paths given (content, fonts,
 *     configuration, system data) and read/write only to device nodes
 *     (display, input, sound); nothing anywhere may be created;
 *  3. seccomp: socket() fails for every address family but AF_UNIX and
 *     AF_NETLINK/NETLINK_KOBJECT_UEVENT (SDL's input hot-plug); io_uring is
 *     refused; opening any file with O_CREAT or O_TRUNC, and creating,
 *     renaming or removing files, fails with EACCES.
 * Sockets opened before (the X11 or Wayland connection) keep working.
 *
 * The headless scripted mode must write its screenshots: it passes a
 * write_dir, which Landlock opens for creating files, and the seccomp file
 * rules are left out (sockets stay refused). A visitor-facing kiosk never
 * passes one. */
#ifndef KYR_SANDBOX_H
#define KYR_SANDBOX_H

#include <stddef.h>

typedef struct {
	int landlock_abi;     /* 0: not available (the kiosk still runs) */
	int seccomp;          /* 1 when the filter is installed */
} sandbox_status_t;

/* Restricts this process for good. read_paths: NULL-terminated list of
 * directories or files that stay readable; write_dir: NULL, or the one
 * directory the scripted mode writes to. Returns 0 when at least the
 * seccomp filter is in place, else -1 with a reason in err. */
int sandbox_enter(const char *const *read_paths, const char *write_dir, sandbox_status_t *st,
                  char *err, size_t errlen);

/* Installs the sandbox and tries what it must refuse: an IPv4 socket, an
 * IPv6 socket and a new file in dir; prints one line each. Returns 0 when
 * all were refused and an AF_UNIX socket still works. */
int sandbox_self_test(const char *dir, const char *const *read_paths);

#endif
