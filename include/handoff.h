/* handoff — the operator's new settings, handed to the root helper.
 *
 * The kiosk may create and change no file once sandboxed, and the journal
 * is no place to pass data through (it may be rate-limited, rotated or
 * off). So before the sandbox the kiosk opens the one file it may write,
 * /run/kyr-kiosk/operator/settings (made by systemd-tmpfiles, owned by the
 * kiosk's user, in RAM); "Save and restart" writes one line there and ends
 * the kiosk with status 73, and deploy/kyr-kiosk-action copies the line
 * into kiosk.conf as root. Nothing about visitors ever goes there. */
#ifndef KYR_HANDOFF_H
#define KYR_HANDOFF_H

#define HANDOFF_PATH "/run/kyr-kiosk/operator/settings"

/* Opens (and empties) path for writing; call before the sandbox. Returns 0,
 * or -1 when it cannot be opened (saving settings then says so). */
int handoff_open(const char *path);
/* Writes line (plus a newline) at the start of the file and syncs it.
 * Returns 0, or -1 (not opened, or the write failed). */
int handoff_write(const char *line);
void handoff_close(void);

#endif
