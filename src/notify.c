/* notify — systemd's readiness and watchdog messages (see notify.h). */
#include "notify.h"
#include "util.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int notify_open(notify_t *n)
{
	n->fd = -1;
	n->interval_ms = 0;
	n->next_ping = 0;
	const char *path = getenv("NOTIFY_SOCKET");
	if (!path || !*path) return 0;
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	size_t len = strlen(path);
	if ((path[0] != '/' && path[0] != '@') || len >= sizeof sa.sun_path) {
		kyr_log("notify: NOTIFY_SOCKET is not a socket path; no watchdog");
		return -1;
	}
	memcpy(sa.sun_path, path, len);
	if (path[0] == '@') sa.sun_path[0] = 0;   /* abstract namespace */
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len))) {
		kyr_log("notify: cannot reach systemd at %s: %s", path, strerror(errno));
		if (fd >= 0) close(fd);
		return -1;
	}
	n->fd = fd;
	/* The watchdog is ours only when WATCHDOG_PID (if set) is this process. */
	const char *usec = getenv("WATCHDOG_USEC"), *pid = getenv("WATCHDOG_PID");
	unsigned long long us = usec ? strtoull(usec, NULL, 10) : 0;
	if (us && (!pid || strtol(pid, NULL, 10) == (long)getpid())) {
		unsigned long long ms = us / 2000;   /* ping at half the limit */
		n->interval_ms = ms < 1 ? 1 : ms > 3600000 ? 3600000 : (uint32_t)ms;
	}
	return 0;
}

int notify_send(notify_t *n, const char *msg)
{
	if (n->fd < 0) return 0;
	ssize_t w = send(n->fd, msg, strlen(msg), MSG_NOSIGNAL);
	return w == (ssize_t)strlen(msg) ? 0 : -1;
}

void notify_tick(notify_t *n, uint32_t now)
{
	if (n->fd < 0 || !n->interval_ms || (int32_t)(now - n->next_ping) < 0) return;
	if (notify_send(n, "WATCHDOG=1")) kyr_log("notify: watchdog ping failed: %s", strerror(errno));
	n->next_ping = now + n->interval_ms;
}

int notify_timeout(const notify_t *n, uint32_t now)
{
	if (n->fd < 0 || !n->interval_ms) return -1;
	int32_t left = (int32_t)(n->next_ping - now);
	return left < 0 ? 0 : left;
}

void notify_close(notify_t *n)
{
	if (n->fd >= 0) close(n->fd);
	n->fd = -1;
}
