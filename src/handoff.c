/* handoff — the operator's settings for the root helper (see handoff.h). */
#include "handoff.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* One file per process, opened once before the sandbox: a global is the
 * honest shape for it. */
static int handoff_fd = -1;

int handoff_open(const char *path)
{
	handoff_close();
	handoff_fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOFOLLOW);
	return handoff_fd < 0 ? -1 : 0;
}

int handoff_write(const char *line)
{
	if (handoff_fd < 0) return -1;
	size_t n = strlen(line);
	/* Emptied when opened, and written once: the kiosk exits right after. */
	if (pwrite(handoff_fd, line, n, 0) != (ssize_t)n ||
	    pwrite(handoff_fd, "\n", 1, (off_t)n) != 1 || fsync(handoff_fd))
		return -1;
	return 0;
}

void handoff_close(void)
{
	if (handoff_fd >= 0) close(handoff_fd);
	handoff_fd = -1;
}
