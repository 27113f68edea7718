/* notify — tells systemd the kiosk is up and still alive (sd_notify's
 * protocol, without libsystemd): READY=1 once the first screen is drawn,
 * then WATCHDOG=1 from the main loop at half the unit's WatchdogSec. A hang
 * (a stuck driver, a loop that never returns) stops the pings, and systemd
 * kills and restarts the kiosk instead of leaving a frozen screen.
 *
 * notify_open() must run before the sandbox: the seccomp filter refuses
 * socket() and connect() once it is on. The socket is connected then, and
 * later messages are plain send()s. Without NOTIFY_SOCKET (not started by
 * systemd, or Type=simple) every call does nothing. */
#ifndef KYR_NOTIFY_H
#define KYR_NOTIFY_H

#include <stdint.h>

typedef struct {
	int fd;                 /* -1: no notification socket */
	uint32_t interval_ms;   /* 0: no watchdog; else half of WATCHDOG_USEC */
	uint32_t next_ping;     /* ms clock of the next WATCHDOG=1 */
} notify_t;

/* Reads NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID from the environment
 * and connects. Returns 0, or -1 when the socket is set but unusable (the
 * reason is logged; n->fd is then -1 and the kiosk runs on). */
int notify_open(notify_t *n);
/* Sends one message ("READY=1", "STOPPING=1", ...). 0 on success. */
int notify_send(notify_t *n, const char *msg);
/* From the main loop: WATCHDOG=1 when it is due at time now (ms). */
void notify_tick(notify_t *n, uint32_t now);
/* Milliseconds until the next ping is due (the loop's longest sleep), or
 * -1 when there is no watchdog. */
int notify_timeout(const notify_t *n, uint32_t now);
void notify_close(notify_t *n);

#endif
