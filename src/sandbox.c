/* sandbox — see include/sandbox.h. Landlock has no glibc wrappers, so the
 * three system calls are made with syscall(2). */
#include "sandbox.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <linux/netlink.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define FS_READ (LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR)
#define FS_ABI1 ((LANDLOCK_ACCESS_FS_MAKE_SYM << 1) - 1)
#define FS_ABI2 (FS_ABI1 | LANDLOCK_ACCESS_FS_REFER)

/* Device nodes the kiosk opens while running (hot-plugged input, the
 * display, sound for speech): read and write, never create. */
static const char *const device_paths[] = {"/dev/input", "/dev/dri", "/dev/snd", "/dev/null", "/dev/tty0", NULL};

static int ll_add(int ruleset, const char *path, __u64 access)
{
	int fd = open(path, O_PATH | O_CLOEXEC);
	if (fd < 0) return errno == ENOENT ? 0 : -1;
	struct stat sb;
	if (fstat(fd, &sb) == 0 && !S_ISDIR(sb.st_mode)) access &= ~(__u64)LANDLOCK_ACCESS_FS_READ_DIR;
	struct landlock_path_beneath_attr pb = {.allowed_access = access, .parent_fd = fd};
	int rc = (int)syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &pb, 0);
	close(fd);
	return rc;
}

/* Returns the ABI in force, 0 when the kernel has no Landlock. */
static int landlock(const char *const *read_paths, const char *write_dir)
{
	int abi = (int)syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
	if (abi < 1) return 0;
	struct landlock_ruleset_attr ra = {.handled_access_fs = abi >= 2 ? FS_ABI2 : FS_ABI1};
	int rs = (int)syscall(SYS_landlock_create_ruleset, &ra, sizeof ra, 0);
	if (rs < 0) return 0;
	int ok = 1;
	for (const char *const *p = read_paths; p && *p; p++) ok &= ll_add(rs, *p, FS_READ) == 0;
	for (const char *const *p = device_paths; *p; p++)
		ok &= ll_add(rs, *p, FS_READ | LANDLOCK_ACCESS_FS_WRITE_FILE) == 0;
	if (write_dir)
		ok &= ll_add(rs, write_dir, FS_READ | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_MAKE_REG |
		             LANDLOCK_ACCESS_FS_REMOVE_FILE) == 0;
	if (ok) ok = syscall(SYS_landlock_restrict_self, rs, 0) == 0;
	close(rs);
	return ok ? abi : 0;
}

static int deny(scmp_filter_ctx ctx, int err, int nr, unsigned n, const struct scmp_arg_cmp *cmp)
{
	return seccomp_rule_add_array(ctx, SCMP_ACT_ERRNO((unsigned)err), nr, n, cmp);
}

static int seccomp_install(int files_too)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!ctx) return -1;
	int rc = 0;
	/* Every address family but AF_UNIX and AF_NETLINK, one rule each (a
	 * rule cannot compare one argument twice), and anything past AF_MAX. */
	for (int fam = 0; fam < AF_MAX && !rc; fam++) {
		if (fam == AF_UNIX || fam == AF_NETLINK) continue;
		struct scmp_arg_cmp c = SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)fam);
		rc = deny(ctx, EACCES, SCMP_SYS(socket), 1, &c);
	}
	struct scmp_arg_cmp big = SCMP_A0(SCMP_CMP_GE, AF_MAX);
	if (!rc) rc = deny(ctx, EACCES, SCMP_SYS(socket), 1, &big);
	struct scmp_arg_cmp nl[2] = {SCMP_A0(SCMP_CMP_EQ, AF_NETLINK), SCMP_A2(SCMP_CMP_NE, NETLINK_KOBJECT_UEVENT)};
	if (!rc) rc = deny(ctx, EACCES, SCMP_SYS(socket), 2, nl);
	/* io_uring can open sockets and files behind seccomp's back. */
	if (!rc) rc = deny(ctx, ENOSYS, SCMP_SYS(io_uring_setup), 0, NULL);
	/* Nothing is created or truncated: no O_CREAT / O_TRUNC opens. openat2
	 * hides its flags in a struct, so it is refused outright (glibc then
	 * falls back to openat). */
	struct scmp_arg_cmp creat_open = SCMP_A1(SCMP_CMP_MASKED_EQ, O_CREAT, O_CREAT);
	struct scmp_arg_cmp trunc_open = SCMP_A1(SCMP_CMP_MASKED_EQ, O_TRUNC, O_TRUNC);
	struct scmp_arg_cmp creat_at = SCMP_A2(SCMP_CMP_MASKED_EQ, O_CREAT, O_CREAT);
	struct scmp_arg_cmp trunc_at = SCMP_A2(SCMP_CMP_MASKED_EQ, O_TRUNC, O_TRUNC);
	if (!files_too) goto load;
	if (!rc) rc = deny(ctx, EACCES, SCMP_SYS(open), 1, &creat_open);
	if (!rc) rc = deny(ctx, EACCES, SCMP_SYS(open), 1, &trunc_open);
	if (!rc) rc = deny(ctx, EACCES, SCMP_SYS(openat), 1, &creat_at);
	if (!rc) rc = deny(ctx, EACCES, SCMP_SYS(openat), 1, &trunc_at);
	if (!rc) rc = deny(ctx, ENOSYS, SCMP_SYS(openat2), 0, NULL);
	static const char *const no_fs_changes[] = {
		"creat", "mkdir", "mkdirat", "rename", "renameat", "renameat2", "unlink", "unlinkat",
		"link", "linkat", "symlink", "symlinkat", "truncate", "mknod", "mknodat", "rmdir",
	};
	for (size_t i = 0; i < KYR_ARRAY_LEN(no_fs_changes) && !rc; i++) {
		int nr = seccomp_syscall_resolve_name(no_fs_changes[i]);
		if (nr != __NR_SCMP_ERROR) rc = deny(ctx, EACCES, nr, 0, NULL);
	}
load:
	if (!rc) rc = seccomp_load(ctx);
	seccomp_release(ctx);
	return rc ? -1 : 0;
}

int sandbox_enter(const char *const *read_paths, const char *write_dir, sandbox_status_t *st,
                  char *err, size_t errlen)
{
	sandbox_status_t s = {0, 0};
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
		snprintf(err, errlen, "PR_SET_NO_NEW_PRIVS: %s", strerror(errno));
		return -1;
	}
	s.landlock_abi = landlock(read_paths, write_dir);
	if (seccomp_install(write_dir == NULL)) {
		snprintf(err, errlen, "cannot install the seccomp filter");
		return -1;
	}
	s.seccomp = 1;
	if (st) *st = s;
	return 0;
}

static int refused(const char *what, int fd, int err)
{
	if (fd >= 0) {
		printf("FAIL  %s: allowed\n", what);
		close(fd);
		return 0;
	}
	printf("ok    %s: refused (%s)\n", what, strerror(err));
	return 1;
}

int sandbox_self_test(const char *dir, const char *const *read_paths)
{
	char err[256];
	sandbox_status_t st;
	if (sandbox_enter(read_paths, NULL, &st, err, sizeof err)) {
		printf("FAIL  sandbox: %s\n", err);
		return 1;
	}
	printf("ok    seccomp filter installed\n");
	if (st.landlock_abi) printf("ok    Landlock ABI %d: file system read-only\n", st.landlock_abi);
	else printf("note  Landlock not available on this kernel; seccomp alone refuses file creation\n");
	int good = 1, fd;
	fd = socket(AF_INET, SOCK_STREAM, 0);
	good &= refused("IPv4 socket", fd, errno);
	fd = socket(AF_INET6, SOCK_DGRAM, 0);
	good &= refused("IPv6 socket", fd, errno);
	fd = socket(AF_PACKET, SOCK_RAW, 0);
	good &= refused("raw packet socket", fd, errno);
	char *path = xasprintf("%s/kyr-sandbox-test-%ld", dir, (long)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	good &= refused("create a new file", fd, errno);
	if (fd >= 0) unlink(path);
	free(path);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd >= 0) { printf("ok    AF_UNIX socket still allowed (display server)\n"); close(fd); }
	else { printf("FAIL  AF_UNIX socket refused: %s\n", strerror(errno)); good = 0; }
	printf("%s\n", good ? "sandbox self-test passed" : "sandbox self-test FAILED");
	return good ? 0 : 1;
}
