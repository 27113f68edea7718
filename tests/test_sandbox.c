/* Tests of src/sandbox.c: sandbox_probe() runs inside a child process, once
 * with Landlock switched off the way a kernel without it behaves (a seccomp
 * filter answering ENOSYS to the three landlock_* calls, installed before),
 * once with the kernel's Landlock; every probe is checked in both. The
 * listener the probes try to reach runs outside the sandbox.
 *
 * `test_sandbox --exec PROGRAM ARGS...` is that same no-Landlock wrapper for
 * a whole program (tests/sh/test_sandbox.sh runs kyr-kiosk under it). */
#include "harness.h"
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/socket.h>
#include <seccomp.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* As on a kernel built without Landlock. Returns 0 when in place. */
static int landlock_off(void)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	int rc = !ctx || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	static const char *const calls[] = {"landlock_create_ruleset", "landlock_add_rule", "landlock_restrict_self"};
	for (int i = 0; i < 3 && !rc; i++) {
		int nr = seccomp_syscall_resolve_name(calls[i]);
		rc = nr < 0 || seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), nr, 0) != 0;
	}
	if (!rc) rc = seccomp_load(ctx) != 0;
	if (ctx) seccomp_release(ctx);
	return rc;
}

typedef struct {
	int n;
	sandbox_status_t st;
	sandbox_probe_t p[SANDBOX_PROBES_MAX];
	int write_dir_ok, outside_write;   /* the scripted mode's write folder */
	int thread_socket, thread_write;   /* what an older thread could still do */
} result_t;

/* The child: probes, then (a second child, write_dir mode) Landlock alone
 * against a write outside the scripted mode's folder. */
static void child(const char *dir, int no_landlock, int out)
{
	result_t r;
	memset(&r, 0, sizeof r);
	char err[256];
	if (no_landlock && landlock_off()) _exit(3);
	const char *paths[] = {"/proc", NULL};
	r.n = sandbox_probe(dir, paths, &r.st, r.p, SANDBOX_PROBES_MAX, err, sizeof err);
	if (r.n < 0) fprintf(stderr, "sandbox_probe: %s\n", err);
	_exit(write(out, &r, sizeof r) == (ssize_t)sizeof r ? 0 : 4);
}

/* Scripted mode: seccomp lets files be written, Landlock alone keeps
 * writes inside write_dir. */
static void child_write_dir(const char *dir, int out)
{
	result_t r;
	memset(&r, 0, sizeof r);
	char err[256], *wd = NULL, *outside = NULL, *inside = NULL;
	if (asprintf(&wd, "%s/out", dir) < 0 || asprintf(&outside, "%s/outside", dir) < 0 ||
	    asprintf(&inside, "%s/out/shot.png", dir) < 0 || mkdir(wd, 0755))
		_exit(5);
	int fd = open(outside, O_WRONLY | O_CREAT, 0644);
	if (fd < 0) _exit(5);
	close(fd);
	const char *paths[] = {"/proc", NULL};
	if (sandbox_enter(paths, wd, &r.st, err, sizeof err)) _exit(6);
	fd = open(inside, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	r.write_dir_ok = fd >= 0;
	if (fd >= 0) close(fd);
	fd = open(outside, O_WRONLY);
	r.outside_write = fd >= 0;
	_exit(write(out, &r, sizeof r) == (ssize_t)sizeof r ? 0 : 4);
}

/* A read path the kiosk's user cannot reach (under a folder closed to it):
 * its rule cannot be added; Landlock must stay in force without it and the
 * status say exactly which path and why. Needs root to drop to nobody. */
static void child_partial(const char *dir, int out)
{
	result_t r;
	memset(&r, 0, sizeof r);
	char err[256], *locked = NULL, *inner = NULL;
	if (asprintf(&locked, "%s/locked", dir) < 0 || asprintf(&inner, "%s/locked/inner", dir) < 0 ||
	    mkdir(locked, 0700) || mkdir(inner, 0755) || setgid(65534) || setuid(65534))
		_exit(5);
	const char *paths[] = {inner, NULL};
	if (sandbox_enter(paths, NULL, &r.st, err, sizeof err)) _exit(6);
	_exit(write(out, &r, sizeof r) == (ssize_t)sizeof r ? 0 : 4);
}

/* A thread started before the sandbox (as SDL's audio thread is): once
 * told, it tries a new socket and a write open. */
typedef struct {
	int go[2];
	const char *file;
	int sock, fd;
} older_t;

static void *older_thread(void *arg)
{
	older_t *o = arg;
	char c;
	if (read(o->go[0], &c, 1) != 1) return NULL;
	o->sock = socket(AF_UNIX, SOCK_STREAM, 0);
	o->fd = open(o->file, O_WRONLY);
	return NULL;
}

static void child_thread(const char *dir, int out)
{
	result_t r;
	memset(&r, 0, sizeof r);
	char err[256], *file = NULL;
	pthread_t t;
	older_t o = {.sock = -1, .fd = -1};
	if (asprintf(&file, "%s/existing", dir) < 0 || pipe(o.go)) _exit(5);
	int fd = open(file, O_WRONLY | O_CREAT, 0644);
	if (fd < 0) _exit(5);
	close(fd);
	o.file = file;
	if (pthread_create(&t, NULL, older_thread, &o)) _exit(5);
	const char *paths[] = {dir, NULL};
	if (sandbox_enter(paths, NULL, &r.st, err, sizeof err)) _exit(6);
	if (write(o.go[1], "g", 1) != 1 || pthread_join(t, NULL)) _exit(7);
	r.thread_socket = o.sock >= 0;
	r.thread_write = o.fd >= 0;
	_exit(write(out, &r, sizeof r) == (ssize_t)sizeof r ? 0 : 4);
}

static int run(const char *dir, int mode, result_t *r)
{
	int fds[2];
	if (pipe(fds)) return -1;
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		if (mode == 2) child_write_dir(dir, fds[1]);
		if (mode == 3) child_partial(dir, fds[1]);
		if (mode == 4) child_thread(dir, fds[1]);
		child(dir, mode == 1, fds[1]);
	}
	close(fds[1]);
	ssize_t got = read(fds[0], r, sizeof *r);
	close(fds[0]);
	int status = 0;
	waitpid(pid, &status, 0);
	return got == (ssize_t)sizeof *r && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int kernel_landlock(void)
{
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, 1 /* LANDLOCK_CREATE_RULESET_VERSION */);
	return abi > 0 ? (int)abi : 0;
}

static void check_probes(const char *dir, int no_landlock)
{
	result_t r;
	const char *mode = no_landlock ? "Landlock off" : "Landlock on";
	CHECKF(run(dir, no_landlock, &r) == 0, "%s: the probing child failed", mode);
	CHECKF(r.n >= 28, "%s: %d probes", mode, r.n);
	for (int i = 0; i < r.n; i++)
		CHECKF(r.p[i].ok, "%s: %s: %s", mode, r.p[i].what,
		       r.p[i].must_work ? "stopped working" : "was allowed");
	CHECK_INT(r.st.seccomp, 1);
	if (no_landlock) {
		CHECK_INT(r.st.landlock, SANDBOX_LL_OFF);
		CHECKF(strstr(r.st.landlock_why, "built without Landlock") != NULL, "why: %s", r.st.landlock_why);
	} else if (kernel_landlock()) {
		CHECKF(r.st.landlock == SANDBOX_LL_FULL, "state %d: %s", r.st.landlock, r.st.landlock_why);
		int saw = 0;
		for (int i = 0; i < r.n; i++) saw |= strstr(r.p[i].what, "(Landlock)") != NULL;
		CHECKF(saw, "no Landlock-only probe ran");
	}
}

static void test_probes(const char *base)
{
	char off[600], on[600];
	snprintf(off, sizeof off, "%s/off", base);
	snprintf(on, sizeof on, "%s/on", base);
	CHECK(mkdir(off, 0755) == 0 && mkdir(on, 0755) == 0);
	check_probes(off, 1);
	check_probes(on, 0);
}

static void test_write_dir(const char *base)
{
	char dir[600];
	result_t r;
	snprintf(dir, sizeof dir, "%s/script", base);
	CHECK(mkdir(dir, 0755) == 0);
	CHECK(run(dir, 2, &r) == 0);
	CHECKF(r.write_dir_ok, "the scripted mode cannot write its screenshots");
	if (kernel_landlock()) CHECKF(!r.outside_write, "Landlock let a file outside the write folder be written");
}

static void test_partial(const char *base)
{
	char dir[600], want[700];
	result_t r;
	if (getuid() != 0 || !kernel_landlock()) {
		fprintf(stderr, "test_partial: skipped (needs root and a kernel with Landlock)\n");
		return;
	}
	snprintf(dir, sizeof dir, "%s/partial", base);
	CHECK(mkdir(dir, 0755) == 0);
	CHECK(run(dir, 3, &r) == 0);
	CHECKF(r.st.landlock == SANDBOX_LL_PARTIAL, "state %d: %s", r.st.landlock, r.st.landlock_why);
	snprintf(want, sizeof want, "no rule for %s/locked/inner (open: Permission denied)", dir);
	CHECKF(strstr(r.st.landlock_why, want) != NULL, "why: %s", r.st.landlock_why);
}

/* seccomp binds every thread (TSYNC); Landlock cannot bind a thread that
 * was running before, and the status says so. */
static void test_older_thread(const char *base)
{
	char dir[600];
	result_t r;
	snprintf(dir, sizeof dir, "%s/thread", base);
	CHECK(mkdir(dir, 0755) == 0);
	CHECK(run(dir, 4, &r) == 0);
	CHECKF(!r.thread_socket, "a thread started before the sandbox opened a socket");
	CHECKF(!r.thread_write, "a thread started before the sandbox opened a file for writing");
	if (kernel_landlock()) {
		CHECK_INT(r.st.landlock, SANDBOX_LL_PARTIAL);
		CHECKF(strstr(r.st.landlock_why, "1 thread started before the sandbox (") != NULL, "why: %s", r.st.landlock_why);
	}
}

int main(int argc, char **argv)
{
	if (argc > 2 && !strcmp(argv[1], "--exec")) {
		if (landlock_off()) { perror("test_sandbox: seccomp"); return 127; }
		execv(argv[2], argv + 2);
		perror(argv[2]);
		return 127;
	}
	/* qemu-user (make cross-check) refuses seccomp filters altogether. */
	pid_t pid = fork();
	if (pid == 0) _exit(landlock_off() ? 1 : 0);
	int status = 1;
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		printf("skipped: this system refuses seccomp filters (qemu-user?): the sandbox cannot be tested here\n");
		return harness_done();
	}
	const char *b = getenv("BUILD");
	char base[400];
	snprintf(base, sizeof base, "%s/tmp/sandbox.%ld", b ? b : "build", (long)getpid());
	char mk[1000];
	snprintf(mk, sizeof mk, "rm -rf '%s' && mkdir -p '%s'", base, base);
	if (system(mk)) { fprintf(stderr, "cannot make %s\n", base); return 1; }
	fprintf(stderr, "-- test_probes\n");
	test_probes(base);
	fprintf(stderr, "-- test_write_dir\n");
	test_write_dir(base);
	fprintf(stderr, "-- test_partial\n");
	test_partial(base);
	fprintf(stderr, "-- test_older_thread\n");
	test_older_thread(base);
	snprintf(mk, sizeof mk, "rm -rf '%s'", base);
	if (!harness_fail && system(mk)) fprintf(stderr, "cannot remove %s\n", base);
	return harness_done();
}
