/* kyr-touch — a multitouch touchscreen made with uinput, for the appliance
 * test inside the QEMU guest (QEMU 7.2 has no multitouch device; its
 * virtio-tablet is an absolute pointer, which SDL's KMSDRM driver does not
 * treat as touch). It reports what a Pi's touch controller reports:
 * ABS_MT_SLOT / ABS_MT_TRACKING_ID / ABS_MT_POSITION_X/Y, BTN_TOUCH and
 * INPUT_PROP_DIRECT, so SDL sees a touchscreen and sends finger events.
 *
 * Usage: kyr-touch [-w MS] ACTION...    ACTION: tap FX FY | drag FX1 FY1 FX2 FY2 MS | sleep MS
 *   FX, FY: fractions of the panel (0..1). -w: how long to wait after the
 *   device appears before the first action, for udev and SDL (default 2000).
 * Built statically for arm64 by tools/appliance-test.sh. */
#include <fcntl.h>
#include <linux/uinput.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
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

int main(int argc, char **argv)
{
	int wait_ms = 2000, i = 1, id = 1;
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
	snprintf(us.name, sizeof us.name, "KYR test touchscreen");
	if (ioctl(fd, UI_DEV_SETUP, &us) < 0 || ioctl(fd, UI_DEV_CREATE) < 0) { perror("kyr-touch: create"); return 1; }
	msleep(wait_ms);
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "tap") && i + 2 < argc) {
			int x = coord(argv[i + 1]), y = coord(argv[i + 2]);
			finger(1, x, y, id++);
			msleep(80);
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
	msleep(500);
	ioctl(fd, UI_DEV_DESTROY);
	close(fd);
	return 0;
}
