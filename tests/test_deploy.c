/* Deployment pieces of the kiosk that only matter on the device: which DRM
 * card it shows on (fake /sys/class/drm trees), and the systemd readiness
 * and watchdog messages (a listener socket standing in for systemd, and the
 * real kyr-kiosk started headless with NOTIFY_SOCKET pointing at it). */
#include "harness.h"
#include "display.h"
#include "notify.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char root[256];

/* A fake sysfs tree: card directories and connectors with a status. */
static void make_tree(const char *name, const char *const *entries)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", root, name);
	mkdir(path, 0755);
	for (int i = 0; entries[i]; i += 2) {
		char dir[600], file[700];
		snprintf(dir, sizeof dir, "%s/%s", path, entries[i]);
		mkdir(dir, 0755);
		if (!entries[i + 1]) continue;
		snprintf(file, sizeof file, "%s/status", dir);
		FILE *f = fopen(file, "w");
		if (f) { fprintf(f, "%s\n", entries[i + 1]); fclose(f); }
	}
}

static int pick(const char *name, char *why, size_t n)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", root, name);
	return display_pick_card(path, why, n);
}

static void test_display(void)
{
	char why[300];
	/* Pi 4 with an HDMI monitor: card0 is v3d (no connectors), card1 vc4. */
	const char *const pi4[] = {"card0", NULL, "card1", NULL, "card1-HDMI-A-1", "connected",
	                           "card1-HDMI-A-2", "disconnected", "renderD128", NULL, "version", NULL, NULL};
	make_tree("pi4", pi4);
	CHECK_INT(pick("pi4", why, sizeof why), 1);
	CHECKF(!strcmp(why, "card1-HDMI-A-1"), "%s", why);
	/* Pi 5 with the DSI touch display and an HDMI monitor too: the panel,
	 * whatever its card number is this boot. */
	const char *const pi5[] = {"card0", NULL, "card1", NULL, "card2", NULL, "card1-HDMI-A-1", "connected",
	                           "card2-DSI-1", "connected", NULL};
	make_tree("pi5", pi5);
	CHECK_INT(pick("pi5", why, sizeof why), 2);
	CHECKF(!strcmp(why, "card2-DSI-1"), "%s", why);
	const char *const pi5b[] = {"card0", NULL, "card1", NULL, "card2", NULL, "card2-HDMI-A-1", "connected",
	                            "card1-DSI-1", "connected", NULL};
	make_tree("pi5-other-boot", pi5b);
	CHECK_INT(pick("pi5-other-boot", why, sizeof why), 1);
	/* Two HDMI outputs on two cards: the lower number. */
	const char *const two[] = {"card3-HDMI-A-1", "connected", "card2-Virtual-1", "connected", NULL};
	make_tree("two", two);
	CHECK_INT(pick("two", why, sizeof why), 2);
	/* Nothing connected: -1 and a reason that says so. */
	const char *const none[] = {"card0", NULL, "card1", NULL, "card1-HDMI-A-1", "disconnected",
	                            "card1-Composite-1", "unknown", NULL};
	make_tree("none", none);
	CHECK_INT(pick("none", why, sizeof why), -1);
	CHECK(strstr(why, "no connected screen on any of 2 DRM card(s)") != NULL);
	/* "connected" must be the whole word, not "disconnected"'s tail. */
	const char *const odd[] = {"card1-HDMI-A-1", "connectedx", "cardX-HDMI-A-1", "connected", NULL};
	make_tree("odd", odd);
	CHECK_INT(pick("odd", why, sizeof why), -1);
	CHECK_INT(pick("missing", why, sizeof why), -1);
	CHECK(strstr(why, "cannot read") != NULL);
}

/* A datagram socket standing in for systemd's notification socket. */
static int listener(const char *path)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path);
	unlink(path);
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa)) return -1;
	return fd;
}

/* Next message within ms milliseconds, or "" on timeout. */
static const char *receive(int fd, int ms)
{
	static char buf[256];
	struct pollfd p = {fd, POLLIN, 0};
	buf[0] = 0;
	if (poll(&p, 1, ms) == 1) {
		ssize_t n = recv(fd, buf, sizeof buf - 1, 0);
		buf[n > 0 ? n : 0] = 0;
	}
	return buf;
}

static void test_notify_module(void)
{
	char path[300];
	snprintf(path, sizeof path, "%s/notify-module", root);
	int fd = listener(path);
	CHECK(fd >= 0);
	notify_t n;
	unsetenv("NOTIFY_SOCKET");
	CHECK_INT(notify_open(&n), 0);
	CHECK_INT(n.fd, -1);   /* not under systemd: nothing to do */
	CHECK_INT(notify_timeout(&n, 0), -1);
	setenv("NOTIFY_SOCKET", path, 1);
	setenv("WATCHDOG_USEC", "3000000", 1);
	unsetenv("WATCHDOG_PID");
	CHECK_INT(notify_open(&n), 0);
	CHECK_INT(n.interval_ms, 1500);
	notify_tick(&n, 100);   /* the first ping is due at once */
	const char *m = receive(fd, 1000);
	CHECK_STR(m, "WATCHDOG=1");
	CHECK_INT(notify_timeout(&n, 600), 1000);
	notify_tick(&n, 1000);   /* not due yet: nothing sent */
	m = receive(fd, 50);
	CHECK_STR(m, "");
	notify_tick(&n, 1600);
	m = receive(fd, 1000);
	CHECK_STR(m, "WATCHDOG=1");
	notify_close(&n);
	/* Another process's watchdog (WATCHDOG_PID): not ours to ping. */
	setenv("WATCHDOG_PID", "1", 1);
	CHECK_INT(notify_open(&n), 0);
	CHECK_INT(n.interval_ms, 0);
	notify_close(&n);
	unsetenv("WATCHDOG_PID");
	setenv("NOTIFY_SOCKET", "relative/path", 1);
	CHECK_INT(notify_open(&n), -1);
	unsetenv("NOTIFY_SOCKET");
	unsetenv("WATCHDOG_USEC");
	close(fd);
}

/* The real kiosk, headless with its sandbox on: READY=1 once it has drawn,
 * then WATCHDOG=1 again and again from its main loop. */
static void test_kiosk_pings(void)
{
	const char *build = getenv("BUILD") ? getenv("BUILD") : "build";
	char path[300], kiosk[300], content[300], fonts[300];
	snprintf(path, sizeof path, "%s/notify-kiosk", root);
	snprintf(kiosk, sizeof kiosk, "%s/kyr-kiosk", build);
	snprintf(content, sizeof content, "%s/content.db", build);
	snprintf(fonts, sizeof fonts, "%s/fonts", build);
	int fd = listener(path);
	CHECK(fd >= 0);
	pid_t pid = fork();
	if (pid == 0) {
		setenv("NOTIFY_SOCKET", path, 1);
		setenv("WATCHDOG_USEC", "400000", 1);   /* a ping every 200 ms */
		char pidbuf[16];
		snprintf(pidbuf, sizeof pidbuf, "%d", (int)getpid());
		setenv("WATCHDOG_PID", pidbuf, 1);
		execl(kiosk, kiosk, "--config", "/dev/null", "--content", content, "--fonts", fonts, "--headless",
		      "--size", "800x480", (char *)NULL);
		_exit(127);
	}
	int ready = 0, pings = 0;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* Up to 60 s for start-up (a sanitizer build is slow), then 5 pings. */
	for (int i = 0; i < 200 && pings < 5; i++) {
		const char *m = receive(fd, 60000);
		if (!*m) break;
		if (!strcmp(m, "READY=1")) ready = 1;
		else if (!strcmp(m, "WATCHDOG=1") && ready) {
			if (!pings) clock_gettime(CLOCK_MONOTONIC, &t0);
			pings++;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	CHECK(ready);
	CHECKF(pings == 5, "%d watchdog pings after READY=1", pings);
	/* Four intervals of 200 ms: regular pings, not a burst, not a stall. */
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	CHECKF(secs > 0.5 && secs < 3.0, "4 ping intervals took %.2f s", secs);
	kill(pid, SIGTERM);
	int st = 0;
	waitpid(pid, &st, 0);
	CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 0, "kiosk exit status %d", st);
	char last[64] = "";
	const char *m;
	while (*(m = receive(fd, 200))) snprintf(last, sizeof last, "%s", m);
	CHECKF(!strcmp(last, "STOPPING=1"), "last message '%s'", last);
	close(fd);
}

int main(void)
{
	snprintf(root, sizeof root, "%s/tmp/test_deploy", getenv("BUILD") ? getenv("BUILD") : "build");
	char cmd[700];
	snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", root, root);
	if (system(cmd)) return 1;
	/* systemd's NOTIFY_SOCKET is an absolute path. */
	char *abs = realpath(root, NULL);
	if (!abs) return 1;
	snprintf(root, sizeof root, "%s", abs);
	free(abs);
	RUN(test_display);
	RUN(test_notify_module);
	RUN(test_kiosk_pings);
	return harness_done();
}
