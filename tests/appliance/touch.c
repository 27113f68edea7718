/* kyr-touch — a multitouch touchscreen made with uinput, for the appliance
 * test inside the QEMU guest (QEMU 7.2 has no multitouch device; its
 * virtio-tablet is an absolute pointer, which SDL's KMSDRM driver does not
 * treat as touch). It reports what a Pi's touch controller reports:
 * ABS_MT_SLOT / ABS_MT_TRACKING_ID / ABS_MT_POSITION_X/Y, BTN_TOUCH and
 * INPUT_PROP_DIRECT, so SDL sees a touchscreen and sends finger events.
 *
 * Usage: kyr-touch [-w MS] ACTION...    ACTION: tap FX FY | drag FX1 FY1 FX2 FY2 MS | sleep MS
 *        kyr-touch serve FIFO            keep the device; run each line of FIFO
 *   FX, FY: fractions of the panel (0..1). -w: how long to wait after the
 *   device appears before the first action, for udev and SDL (default 2000).
 *   A one-shot device is a touchscreen plugged in while the kiosk runs; the
 *   served one is there from boot, like a Pi's panel.
 * Built statically for arm64 by tools/appliance-test.sh. */
#include <fcntl.h>
#include <linux/uinput.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define RANGE 4095

static int fd;

static void emit(int type, int code, int value)
{
	struct input_event ev;
	memset(&ev, 0, sizeof ev);
	ev.type = (unsigned short)type;
	ev.code = (unsigned short)code;
	ev.value = value;
	if (write(fd, &ev, sizeof ev) != (ssize_t)sizeof ev) perror("kyr-touch: write");
}

static void msleep(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

static int coord(const char *s) { return (int)(atof(s) * RANGE + 0.5); }

static void finger(int down, int x, int y, int id)
{
	emit(EV_ABS, ABS_MT_SLOT, 0);
	if (down) {
		emit(EV_ABS, ABS_MT_TRACKING_ID, id);
		emit(EV_ABS, ABS_MT_POSITION_X, x);
		emit(EV_ABS, ABS_MT_POSITION_Y, y);
		emit(EV_KEY, BTN_TOUCH, 1);
		emit(EV_ABS, ABS_X, x);
		emit(EV_ABS, ABS_Y, y);
	} else {
		emit(EV_ABS, ABS_MT_TRACKING_ID, -1);
		emit(EV_KEY, BTN_TOUCH, 0);
	}
	emit(EV_SYN, SYN_REPORT, 0);
}

static void move(int x, int y)
{
	emit(EV_ABS, ABS_MT_POSITION_X, x);
	emit(EV_ABS, ABS_MT_POSITION_Y, y);
	emit(EV_ABS, ABS_X, x);
	emit(EV_ABS, ABS_Y, y);
	emit(EV_SYN, SYN_REPORT, 0);
}

static void absinfo(int code)
{
	struct uinput_abs_setup a;
	memset(&a, 0, sizeof a);
	a.code = (unsigned short)code;
	a.absinfo.maximum = code == ABS_MT_SLOT ? 9 : code == ABS_MT_TRACKING_ID ? 65535 : RANGE;
	if (ioctl(fd, UI_ABS_SETUP, &a) < 0) perror("kyr-touch: UI_ABS_SETUP");
}

static int id = 1;

/* Runs the actions in argv[i..argc); returns 0, or 2 for a bad one. */
static int act(int argc, char **argv, int i)
{
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "tap") && i + 2 < argc) {
			int x = coord(argv[i + 1]), y = coord(argv[i + 2]);
			/* Down and up in one go: SDL reads both in one pass. Spread
			 * over a frame, an emulated frame (seconds under load) would
			 * make the kiosk take the tap for a long hold. */
			finger(1, x, y, id++);
			finger(0, x, y, 0);
			msleep(300);
			i += 2;
		} else if (!strcmp(argv[i], "drag") && i + 5 < argc) {
			int x1 = coord(argv[i + 1]), y1 = coord(argv[i + 2]), x2 = coord(argv[i + 3]), y2 = coord(argv[i + 4]);
			int ms = atoi(argv[i + 5]), steps = ms / 16 > 1 ? ms / 16 : 1;
			finger(1, x1, y1, id++);
			for (int s = 1; s <= steps; s++) {
				msleep(16);
				move(x1 + (x2 - x1) * s / steps, y1 + (y2 - y1) * s / steps);
			}
			finger(0, x2, y2, 0);
			msleep(300);
			i += 5;
		} else if (!strcmp(argv[i], "sleep") && i + 1 < argc) {
			msleep(atoi(argv[++i]));
		} else {
			fprintf(stderr, "kyr-touch: bad action '%s'\n", argv[i]);
			return 2;
		}
	}
	return 0;
}

/* serve FIFO: keeps the touchscreen plugged in (as a Pi's panel is from
 * boot) and runs each line written to FIFO as actions. */
static int serve(const char *fifo)
{
	mkfifo(fifo, 0600);
	for (;;) {
		FILE *f = fopen(fifo, "r");
		if (!f) { perror("kyr-touch: fifo"); return 1; }
		char line[512];
		while (fgets(line, sizeof line, f)) {
			char *argv[32];
			int argc = 0;
			for (char *t = strtok(line, " \t\n"); t && argc < 32; t = strtok(NULL, " \t\n")) argv[argc++] = t;
			act(argc, argv, 0);
		}
		fclose(f);
	}
}

int main(int argc, char **argv)
{
	int wait_ms = 2000, i = 1;
	if (argc > 2 && !strcmp(argv[1], "-w")) { wait_ms = atoi(argv[2]); i = 3; }
	fd = open("/dev/uinput", O_WRONLY | O_NONBLOCK);
	if (fd < 0) { perror("kyr-touch: /dev/uinput"); return 1; }
	ioctl(fd, UI_SET_EVBIT, EV_KEY);
	ioctl(fd, UI_SET_KEYBIT, BTN_TOUCH);
	ioctl(fd, UI_SET_EVBIT, EV_ABS);
	ioctl(fd, UI_SET_PROPBIT, INPUT_PROP_DIRECT);
	int codes[] = {ABS_X, ABS_Y, ABS_MT_SLOT, ABS_MT_TRACKING_ID, ABS_MT_POSITION_X, ABS_MT_POSITION_Y};
	for (size_t k = 0; k < sizeof codes / sizeof codes[0]; k++) {
		ioctl(fd, UI_SET_ABSBIT, codes[k]);
		absinfo(codes[k]);
	}
	struct uinput_setup us;
	memset(&us, 0, sizeof us);
	us.id.bustype = BUS_VIRTUAL;
	us.id.vendor = 0x4b59;   /* "KY" */
	us.id.product = 0x0001;
	/* The served one is there from boot; a one-shot one is plugged in later. */
	int served = argc > i + 1 && !strcmp(argv[i], "serve");
	snprintf(us.name, sizeof us.name, served ? "KYR test touchscreen" : "KYR hot-plugged touchscreen");
	if (ioctl(fd, UI_DEV_SETUP, &us) < 0 || ioctl(fd, UI_DEV_CREATE) < 0) { perror("kyr-touch: create"); return 1; }
	if (served) return serve(argv[i + 1]);
	msleep(wait_ms);
	int rc = act(argc, argv, i);
	if (rc) return rc;
	msleep(500);
	ioctl(fd, UI_DEV_DESTROY);
	close(fd);
	return 0;
}
