/* sandbox — see include/sandbox.h. Start at sandbox_enter(): Landlock
 * first (it needs to open the paths it grants), then the seccomp filter,
 * which is the wall every guarantee rests on. sandbox_probe() is the proof,
 * run by `kyr-kiosk --self-test-sandbox` and tests/test_sandbox.c.
 * Landlock has no glibc wrappers: its calls go through syscall(2). */
#include "sandbox.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <linux/landlock.h>
#include <linux/openat2.h>
#include <seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

/* ---- Landlock -------------------------------------------------------------- */

/* Newer than Debian 12's headers (kernel 6.1, ABI 2). */
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)          /* ABI 3 */
#endif
#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
#define LANDLOCK_ACCESS_FS_IOCTL_DEV (1ULL << 15)         /* ABI 5 */
#endif
#define LL_NET_BIND_TCP (1ULL << 0)                       /* ABI 4 */
#define LL_NET_CONNECT_TCP (1ULL << 1)
#define LL_SCOPE_ABSTRACT_UNIX (1ULL << 0)                /* ABI 6 */
#define LL_SCOPE_SIGNAL (1ULL << 1)

/* struct landlock_ruleset_attr as of ABI 6; older kernels get a prefix. */
typedef struct {
	uint64_t fs, net, scoped;
} ll_attr_t;

#define FS_READ (LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR)
#define FS_ABI1 ((LANDLOCK_ACCESS_FS_MAKE_SYM << 1) - 1)
/* The rights that make sense on a file (not a directory). */
#define FS_FILE_RIGHTS (LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_READ_FILE | \
                        LANDLOCK_ACCESS_FS_TRUNCATE | LANDLOCK_ACCESS_FS_IOCTL_DEV)

typedef struct {
	int fd, abi;
	uint64_t handled;
	sandbox_status_t *st;
} ll_t;

static void ll_why(ll_t *ll, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void ll_why(ll_t *ll, const char *fmt, ...)
{
	char *w = ll->st->landlock_why;
	size_t n = strlen(w);
	if (n + 3 >= sizeof ll->st->landlock_why) return;
	if (n) n += (size_t)snprintf(w + n, sizeof ll->st->landlock_why - n, "; ");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(w + n, sizeof ll->st->landlock_why - n, fmt, ap);
	va_end(ap);
}

/* Grants access beneath path. A path that does not exist needs no rule
 * (there is nothing to reach); any other failure leaves the path out, which
 * denies it: the ruleset is still enforced, and the reason is reported. */
static void ll_add(ll_t *ll, const char *path, uint64_t access)
{
	int fd = open(path, O_PATH | O_CLOEXEC);
	if (fd < 0) {
		if (errno != ENOENT) ll_why(ll, "no rule for %s (open: %s)", path, strerror(errno));
		return;
	}
	struct stat sb;
	if (fstat(fd, &sb) == 0 && !S_ISDIR(sb.st_mode)) access &= FS_FILE_RIGHTS;
	struct landlock_path_beneath_attr pb = {.allowed_access = access & ll->handled, .parent_fd = fd};
	if (syscall(SYS_landlock_add_rule, ll->fd, LANDLOCK_RULE_PATH_BENEATH, &pb, 0) < 0)
		ll_why(ll, "no rule for %s (landlock_add_rule: %s)", path, strerror(errno));
	close(fd);
}

/* Playback PCM devices (pcmC*D*p) and mixers (controlC*) only: the capture
 * devices (pcmC*D*c) get no rule, so the microphone cannot be opened. */
static void ll_add_playback(ll_t *ll)
{
	DIR *d = opendir("/dev/snd");
	for (struct dirent *e; d && (e = readdir(d));) {
		size_t n = strlen(e->d_name);
		int pcm_out = !strncmp(e->d_name, "pcmC", 4) && n > 4 && e->d_name[n - 1] == 'p';
		if (!pcm_out && strncmp(e->d_name, "controlC", 8) != 0) continue;
		char *p = xasprintf("/dev/snd/%s", e->d_name);
		ll_add(ll, p, LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_IOCTL_DEV);
		free(p);
	}
	if (d) closedir(d);
}

static const char *ll_errno_why(int e)
{
	return e == ENOSYS ? "the kernel was built without Landlock"
	     : e == EOPNOTSUPP ? "Landlock is disabled at boot (add landlock to the lsm= kernel parameter)"
	     : strerror(e);
}

/* Threads of this process other than the calling one: their count, and
 * their names (comm) in names. */
static int other_threads(char *names, size_t cap)
{
	DIR *d = opendir("/proc/self/task");
	int n = 0;
	size_t len = 0;
	pid_t self = (pid_t)syscall(SYS_gettid);
	names[0] = 0;
	for (struct dirent *e; d && (e = readdir(d));) {
		if (e->d_name[0] == '.' || atoi(e->d_name) == self) continue;
		char path[300], comm[32] = "?";
		snprintf(path, sizeof path, "/proc/self/task/%s/comm", e->d_name);
		FILE *f = fopen(path, "r");
		if (f && fgets(comm, sizeof comm, f)) comm[strcspn(comm, "\n")] = 0;
		if (f) fclose(f);
		if (len < cap) len += (size_t)snprintf(names + len, cap - len, "%s%s", n ? ", " : "", comm);
		n++;
	}
	if (d) closedir(d);
	return n;
}

/* Installs the ruleset; fills st->landlock* (state, ABI, reasons). */
static void landlock(const char *const *read_paths, const char *write_dir, sandbox_status_t *st)
{
	ll_t ll = {.fd = -1, .st = st};
	int abi = (int)syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	if (abi < 1) {
		ll_why(&ll, "%s", ll_errno_why(errno));
		return;
	}
	st->landlock_abi = ll.abi = abi;
	ll_attr_t ra = {.fs = FS_ABI1};
	size_t size = sizeof ra.fs;
	if (abi >= 2) ra.fs |= LANDLOCK_ACCESS_FS_REFER;
	if (abi >= 3) ra.fs |= LANDLOCK_ACCESS_FS_TRUNCATE;
	if (abi >= 5) ra.fs |= LANDLOCK_ACCESS_FS_IOCTL_DEV;
	if (abi >= 4) { ra.net = LL_NET_BIND_TCP | LL_NET_CONNECT_TCP; size = 2 * sizeof ra.fs; }
	if (abi >= 6) { ra.scoped = LL_SCOPE_ABSTRACT_UNIX | LL_SCOPE_SIGNAL; size = sizeof ra; }
	snprintf(st->landlock_note, sizeof st->landlock_note, "%s%s%s",
	         abi < 3 ? "ABI < 3 does not govern truncation; " : "",
	         abi < 4 ? "ABI < 4 does not govern TCP; " : "",
	         abi < 6 ? "ABI < 6 does not scope abstract Unix sockets or signals; " : "");
	ll.handled = ra.fs;
	ll.fd = (int)syscall(SYS_landlock_create_ruleset, &ra, size, 0);
	if (ll.fd < 0) {
		ll_why(&ll, "landlock_create_ruleset (ABI %d): %s", abi, strerror(errno));
		return;
	}
	for (const char *const *p = read_paths; p && *p; p++) ll_add(&ll, *p, FS_READ);
	/* Input devices plugged in later are opened read-only; their ioctls
	 * (EVIOCGBIT...) need IOCTL_DEV. Display and sound were opened before. */
	ll_add(&ll, "/dev/input", FS_READ | LANDLOCK_ACCESS_FS_IOCTL_DEV);
	ll_add(&ll, "/dev/dri", FS_READ);
	ll_add(&ll, "/dev/null", FS_READ);
	ll_add_playback(&ll);
	if (write_dir)
		ll_add(&ll, write_dir, FS_READ | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_MAKE_REG |
		       LANDLOCK_ACCESS_FS_REMOVE_FILE | LANDLOCK_ACCESS_FS_TRUNCATE);
	/* Landlock binds the calling thread and the threads it starts later,
	 * never those already running (no TSYNC before ABI 8): say so. */
	char names[160];
	int others = other_threads(names, sizeof names);
	if (others > 0)
		ll_why(&ll, "%d thread%s started before the sandbox (%s) %s outside Landlock; seccomp binds every thread",
		       others, others > 1 ? "s" : "", names, others > 1 ? "are" : "is");
	int partial = st->landlock_why[0] != 0;
	if (syscall(SYS_landlock_restrict_self, ll.fd, 0) < 0) {
		st->landlock_why[0] = 0;
		ll_why(&ll, "landlock_restrict_self: %s", strerror(errno));
	} else {
		st->landlock = partial ? SANDBOX_LL_PARTIAL : SANDBOX_LL_FULL;
	}
	close(ll.fd);
}

/* ---- seccomp --------------------------------------------------------------- */

/* System calls refused outright. Names libseccomp 2.5 does not know (newer
 * than it) fall back to their number, the same on every architecture. */
static const struct {
	const char *name;
	int nr;      /* -1: resolve by name only */
	int err;
} denied[] = {
	/* nothing created, removed, renamed, linked, truncated */
	{"creat", -1, EACCES}, {"mkdir", -1, EACCES}, {"mkdirat", -1, EACCES}, {"rmdir", -1, EACCES},
	{"rename", -1, EACCES}, {"renameat", -1, EACCES}, {"renameat2", -1, EACCES},
	{"unlink", -1, EACCES}, {"unlinkat", -1, EACCES}, {"link", -1, EACCES}, {"linkat", -1, EACCES},
	{"symlink", -1, EACCES}, {"symlinkat", -1, EACCES}, {"mknod", -1, EACCES}, {"mknodat", -1, EACCES},
	{"truncate", -1, EACCES}, {"ftruncate", -1, EACCES}, {"fallocate", -1, EACCES},
	/* no metadata changes */
	{"chmod", -1, EPERM}, {"fchmod", -1, EPERM}, {"fchmodat", -1, EPERM}, {"fchmodat2", 452, EPERM},
	{"chown", -1, EPERM}, {"fchown", -1, EPERM}, {"lchown", -1, EPERM}, {"fchownat", -1, EPERM},
	{"utime", -1, EPERM}, {"utimes", -1, EPERM}, {"futimesat", -1, EPERM}, {"utimensat", -1, EPERM},
	{"setxattr", -1, EPERM}, {"lsetxattr", -1, EPERM}, {"fsetxattr", -1, EPERM}, {"setxattrat", 463, EPERM},
	{"removexattr", -1, EPERM}, {"lremovexattr", -1, EPERM}, {"fremovexattr", -1, EPERM},
	{"removexattrat", 466, EPERM},
	/* no other program, no anonymous files, no io_uring (it opens files
	 * and sockets behind seccomp's back), no handles around path checks */
	{"execve", -1, EACCES}, {"execveat", -1, EACCES}, {"memfd_create", -1, EACCES},
	{"open_by_handle_at", -1, EPERM},
	{"io_uring_setup", -1, ENOSYS}, {"io_uring_enter", -1, ENOSYS}, {"io_uring_register", -1, ENOSYS},
	/* no new connection of any kind: every socket it needs is open already */
	{"socket", -1, EACCES}, {"socketpair", -1, EACCES}, {"connect", -1, EACCES}, {"bind", -1, EACCES},
	{"listen", -1, EACCES}, {"accept", -1, EACCES}, {"accept4", -1, EACCES},
	/* no mounts or namespaces */
	{"mount", -1, EPERM}, {"umount2", -1, EPERM}, {"pivot_root", -1, EPERM}, {"chroot", -1, EPERM},
	{"unshare", -1, EPERM}, {"setns", -1, EPERM},
};

static int deny(scmp_filter_ctx ctx, int err, int nr, unsigned n, const struct scmp_arg_cmp *cmp)
{
	return seccomp_rule_add_array(ctx, SCMP_ACT_ERRNO((unsigned)err), nr, n, cmp);
}

/* open(flags = arg fl) and openat (flags = arg fl + 1): anything but a
 * plain read-only open. openat2 hides its flags in a struct, so it is
 * refused outright with ENOSYS, and glibc falls back to openat. */
static int deny_write_opens(scmp_filter_ctx ctx)
{
	static const struct { scmp_datum_t mask, value; } flags[] = {
		{O_ACCMODE, O_WRONLY}, {O_ACCMODE, O_RDWR}, {O_ACCMODE, O_ACCMODE},
		{O_CREAT, O_CREAT}, {O_TRUNC, O_TRUNC}, {O_TMPFILE, O_TMPFILE},
	};
	int rc = 0;
	for (size_t i = 0; i < KYR_ARRAY_LEN(flags) && !rc; i++) {
		struct scmp_arg_cmp open_c = SCMP_A1(SCMP_CMP_MASKED_EQ, flags[i].mask, flags[i].value);
		struct scmp_arg_cmp at_c = SCMP_A2(SCMP_CMP_MASKED_EQ, flags[i].mask, flags[i].value);
		int nr = seccomp_syscall_resolve_name("open");
		if (nr != __NR_SCMP_ERROR && nr >= 0) rc = deny(ctx, EACCES, nr, 1, &open_c);
		if (!rc) rc = deny(ctx, EACCES, SCMP_SYS(openat), 1, &at_c);
	}
	if (!rc) rc = deny(ctx, ENOSYS, SCMP_SYS(openat2), 0, NULL);
	return rc;
}

static int seccomp_install(int write_opens_allowed)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!ctx) return -1;
	/* Every thread, also those started before (SDL's audio thread, the
	 * speech worker, Mesa's): without TSYNC the filter binds the calling
	 * thread only. Loading fails rather than leave one out. */
	int rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
	for (size_t i = 0; i < KYR_ARRAY_LEN(denied) && !rc; i++) {
		int nr = seccomp_syscall_resolve_name(denied[i].name);
		if (nr == __NR_SCMP_ERROR || nr < 0) nr = denied[i].nr;
		if (nr >= 0) rc = deny(ctx, denied[i].err, nr, 0, NULL);
	}
	/* sendto with an address reaches any datagram socket by path. */
	struct scmp_arg_cmp addr = SCMP_A4(SCMP_CMP_NE, 0);
	if (!rc) rc = deny(ctx, EACCES, SCMP_SYS(sendto), 1, &addr);
	if (!rc && !write_opens_allowed) rc = deny_write_opens(ctx);
	if (!rc) rc = seccomp_load(ctx);
	seccomp_release(ctx);
	return rc ? -1 : 0;
}

int sandbox_no_dumps(char *err, size_t errlen)
{
	struct rlimit none = {0, 0};
	if (setrlimit(RLIMIT_CORE, &none) || prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)) {
		snprintf(err, errlen, "cannot turn core dumps off: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int sandbox_enter(const char *const *read_paths, const char *write_dir, sandbox_status_t *st,
                  char *err, size_t errlen)
{
	sandbox_status_t s;
	memset(&s, 0, sizeof s);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
		snprintf(err, errlen, "PR_SET_NO_NEW_PRIVS: %s", strerror(errno));
		return -1;
	}
	landlock(read_paths, write_dir, &s);
	if (seccomp_install(write_dir != NULL)) {
		snprintf(err, errlen, "cannot install the seccomp filter");
		return -1;
	}
	s.seccomp = 1;
	if (st) *st = s;
	return 0;
}

/* ---- the proof ------------------------------------------------------------- */

typedef struct {
	sandbox_probe_t *p;
	int n, cap;
} probes_t;

/* Records an attempt: rc < 0 means refused (errno says why). */
static void probe(probes_t *ps, const char *what, int must_work, long rc)
{
	if (ps->n >= ps->cap) return;
	sandbox_probe_t *p = &ps->p[ps->n++];
	p->what = what;
	p->must_work = must_work;
	p->err = rc < 0 ? errno : 0;
	p->ok = must_work ? rc >= 0 : rc < 0;
}

/* Creates path holding one byte (before the sandbox). */
static int put_byte(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	int bad = fd < 0 || write(fd, "x", 1) != 1;
	if (fd >= 0) close(fd);
	return bad ? -1 : 0;
}

static long probe_open(const char *path, int flags)
{
	int fd = open(path, flags, 0600);
	if (fd >= 0) close(fd);
	return fd;
}

/* execve in a child: it exits with execve's errno if refused, and the
 * program (/bin/true) exits 0 if it ran. */
static long probe_exec(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		char *const argv[] = {(char *)"true", NULL}, *const envp[] = {NULL};
		execve("/bin/true", argv, envp);
		_exit(errno ? errno : 127);
	}
	int status = 0;
	if (pid < 0 || waitpid(pid, &status, 0) < 0) return -1;
	if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
		errno = WEXITSTATUS(status);
		return -1;
	}
	return 0;
}

/* The listener: a process outside the sandbox, bound to path. It reports
 * (one byte on out: '1' or '0') whether anything connected, once told (a
 * byte on in) that the probes are done. */
static pid_t listener_start(const char *path, int *to, int *from)
{
	int a[2], b[2];
	if (pipe(a) || pipe(b)) return -1;
	pid_t pid = fork();
	if (pid == 0) {
		close(a[1]);
		close(b[0]);
		struct sockaddr_un sa = {.sun_family = AF_UNIX};
		snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
		int s = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
		char c = 'x';
		if (s < 0 || bind(s, (struct sockaddr *)&sa, sizeof sa) || listen(s, 4)) _exit(1);
		if (write(b[1], "r", 1) != 1 || read(a[0], &c, 1) != 1) _exit(1);
		int got = accept(s, NULL, NULL) >= 0;
		c = got ? '1' : '0';
		_exit(write(b[1], &c, 1) == 1 ? 0 : 1);
	}
	close(a[0]);
	close(b[1]);
	*to = a[1];
	*from = b[0];
	char c;
	if (pid < 0 || read(*from, &c, 1) != 1) return -1;
	return pid;
}

int sandbox_probe(const char *dir, const char *const *read_paths, sandbox_status_t *st,
                  sandbox_probe_t *p, int cap, char *err, size_t errlen)
{
	probes_t ps = {p, 0, cap};
	char *ro = xasprintf("%s/ro", dir), *existing = xasprintf("%s/ro/existing", dir);
	char *hidden = xasprintf("%s/hidden", dir), *sock_path = xasprintf("%s/listener", dir);
	char *bind_path = xasprintf("%s/bound", dir), *fresh = xasprintf("%s/ro/new", dir);
	int rc = -1, to = -1, from = -1, dev = -1, unbound = -1, pair[2] = {-1, -1};
	const char **paths = NULL;
	pid_t lis = -1;
	/* Before the sandbox, as the kiosk does: a writable descriptor (the DRM
	 * card), a connected socket (systemd's notify socket), an unbound one. */
	if ((mkdir(ro, 0755) && errno != EEXIST) || put_byte(existing) || put_byte(hidden) ||
	    (dev = open(hidden, O_RDWR | O_CLOEXEC)) < 0 || socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, pair) ||
	    (unbound = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
		snprintf(err, errlen, "cannot prepare the probes in %s: %s", dir, strerror(errno));
		goto done;
	}
	if ((lis = listener_start(sock_path, &to, &from)) < 0) {
		snprintf(err, errlen, "cannot start the listener in %s", dir);
		goto done;
	}
	size_t n = 0;
	while (read_paths && read_paths[n]) n++;
	paths = xcalloc(n + 2, sizeof *paths);
	memcpy(paths, read_paths, n * sizeof *paths);
	paths[n] = ro;
	if (sandbox_enter(paths, NULL, st, err, errlen)) goto done;

	probe(&ps, "open an existing file for writing", 0, probe_open(existing, O_WRONLY));
	probe(&ps, "open an existing file read-write", 0, probe_open(existing, O_RDWR));
	probe(&ps, "open an existing file to append", 0, probe_open(existing, O_WRONLY | O_APPEND));
	probe(&ps, "truncate an existing file on open", 0, probe_open(existing, O_RDONLY | O_TRUNC));
	probe(&ps, "create a new file", 0, probe_open(fresh, O_RDONLY | O_CREAT | O_EXCL));
	probe(&ps, "create an O_TMPFILE file", 0, probe_open(ro, O_TMPFILE | O_RDWR));
	struct open_how how = {.flags = O_RDONLY};
	probe(&ps, "openat2", 0, syscall(SYS_openat2, AT_FDCWD, existing, &how, sizeof how));
	probe(&ps, "truncate an existing file", 0, truncate(existing, 0));
	probe(&ps, "ftruncate a descriptor opened before", 0, ftruncate(dev, 0));
	probe(&ps, "fallocate on a descriptor opened before", 0, fallocate(dev, 0, 0, 4096));
	probe(&ps, "chmod an existing file", 0, chmod(existing, 0666));
	probe(&ps, "fchmodat2 on an existing file", 0, syscall(452, AT_FDCWD, existing, 0666, 0));
	probe(&ps, "utimensat on an existing file", 0, utimensat(AT_FDCWD, existing, NULL, 0));
	probe(&ps, "setxattr on an existing file", 0, setxattr(existing, "user.kyr", "1", 1, 0));
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", bind_path);
	probe(&ps, "bind a socket file", 0, bind(unbound, (struct sockaddr *)&sa, sizeof sa));
	probe(&ps, "open a new Unix socket", 0, socket(AF_UNIX, SOCK_STREAM, 0));
	probe(&ps, "open a new IPv4 socket", 0, socket(AF_INET, SOCK_STREAM, 0));
	probe(&ps, "open a new IPv6 socket", 0, socket(AF_INET6, SOCK_DGRAM, 0));
	probe(&ps, "open a new netlink socket", 0, socket(AF_NETLINK, SOCK_RAW, 0));
	int sp[2];
	probe(&ps, "socketpair", 0, socketpair(AF_UNIX, SOCK_STREAM, 0, sp));
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", sock_path);
	probe(&ps, "connect to a listening Unix socket", 0, connect(unbound, (struct sockaddr *)&sa, sizeof sa));
	probe(&ps, "sendto a socket path", 0, sendto(pair[0], "x", 1, 0, (struct sockaddr *)&sa, sizeof sa));
	probe(&ps, "execve /bin/true", 0, probe_exec());
	probe(&ps, "memfd_create", 0, syscall(SYS_memfd_create, "kyr", 0));
	probe(&ps, "io_uring_setup", 0, syscall(SYS_io_uring_setup, 1, NULL));
	if (st->landlock != SANDBOX_LL_OFF)
		probe(&ps, "read outside the allowed paths (Landlock)", 0, probe_open(hidden, O_RDONLY));
	probe(&ps, "read an allowed file", 1, probe_open(existing, O_RDONLY));
	probe(&ps, "write to a descriptor opened before", 1, pwrite(dev, "y", 1, 0));
	probe(&ps, "send() on a socket connected before", 1, send(pair[0], "x", 1, 0));
	char c = 'x';
	long heard = write(to, "d", 1) == 1 && read(from, &c, 1) == 1 && c == '0' ? -1 : 0;
	if (heard < 0) errno = ECONNREFUSED;
	probe(&ps, "the listener heard nothing", 0, heard);
	rc = ps.n;
done:
	if (lis > 0) {
		close(to);
		waitpid(lis, NULL, 0);
	}
	if (from >= 0) close(from);
	if (dev >= 0) close(dev);
	if (unbound >= 0) close(unbound);
	if (pair[0] >= 0) { close(pair[0]); close(pair[1]); }
	free(paths);
	free(ro); free(existing); free(hidden); free(sock_path); free(bind_path); free(fresh);
	return rc;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(path) < 0 ? -1 : 0;
}

/* rm -r, without following symbolic links. */
static void remove_tree(const char *dir)
{
	if (nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS) < 0)
		printf("note   cannot remove %s: %s\n", dir, strerror(errno));
}

static const char *ll_state(int s)
{
	return s == SANDBOX_LL_FULL ? "in force" : s == SANDBOX_LL_PARTIAL ? "PARTIAL" : "NOT in force";
}

int sandbox_self_test(const char *dir, const char *const *read_paths, int landlock_optional)
{
	char err[256];
	char *work = xasprintf("%s/kyr-sandbox-test.XXXXXX", dir);
	if (!mkdtemp(work)) {
		printf("FAIL  cannot make a folder in %s: %s\n", dir, strerror(errno));
		free(work);
		return 1;
	}
	/* The probes run in a child: the sandboxed process cannot remove the
	 * folder afterwards, this one does. */
	struct {
		int n;
		sandbox_status_t st;
		sandbox_probe_t p[SANDBOX_PROBES_MAX];
		char err[256];
	} r;
	memset(&r, 0, sizeof r);
	int fds[2];
	fflush(stdout);
	pid_t pid = pipe(fds) == 0 ? fork() : -1;
	if (pid == 0) {
		close(fds[0]);
		r.n = sandbox_probe(work, read_paths, &r.st, r.p, SANDBOX_PROBES_MAX, r.err, sizeof r.err);
		_exit(write(fds[1], &r, sizeof r) == (ssize_t)sizeof r ? 0 : 1);
	}
	if (pid > 0) {
		close(fds[1]);
		if (read(fds[0], &r, sizeof r) != (ssize_t)sizeof r) {
			r.n = -1;
			snprintf(r.err, sizeof r.err, "the probing process failed");
		}
		close(fds[0]);
		waitpid(pid, NULL, 0);
	} else {
		r.n = -1;
		snprintf(r.err, sizeof r.err, "cannot start the probing process: %s", strerror(errno));
	}
	remove_tree(work);
	int n = r.n;
	sandbox_status_t st = r.st;
	sandbox_probe_t *p = r.p;
	snprintf(err, sizeof err, "%s", r.err);
	printf("%s  %s\n", n < 0 ? "FAIL" : "ok   ", n < 0 ? err : "seccomp filter installed");
	int good = n >= 0;
	for (int i = 0; i < n; i++) {
		printf("%s  %s: %s", p[i].ok ? "ok   " : "FAIL ", p[i].what,
		       p[i].err ? "refused" : p[i].must_work ? "works" : "ALLOWED");
		if (p[i].err) printf(" (%s)", strerror(p[i].err));
		putchar('\n');
		good &= p[i].ok;
	}
	if (n >= 0) {
		int ll_ok = st.landlock == SANDBOX_LL_FULL;
		printf("%s  Landlock %s", ll_ok ? "ok   " : landlock_optional ? "note " : "FAIL ", ll_state(st.landlock));
		if (st.landlock_abi) printf(", kernel ABI %d", st.landlock_abi);
		if (st.landlock_why[0]) printf(": %s", st.landlock_why);
		putchar('\n');
		if (st.landlock != SANDBOX_LL_OFF && st.landlock_note[0]) printf("note   Landlock %s\n", st.landlock_note);
		if (!ll_ok && landlock_optional) printf("note   Landlock is optional (--landlock-optional): seccomp alone holds the probes above\n");
		good &= ll_ok || landlock_optional;
	}
	printf("%s\n", good ? "sandbox self-test passed" : "sandbox self-test FAILED");
	free(work);
	return good ? 0 : 1;
}
