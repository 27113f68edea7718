/* content — which content database the kiosk shows, and when it changes.
 *
 * The installed database (content.db) is opened if it is usable; if it is
 * missing or damaged, the one kept by the last update (content.prev.db next
 * to it); if neither, none, and the UI shows "out of service". A newer
 * database installed by kyr-update is noticed by a cheap stat() and taken
 * between visitors (the caller decides when). The updater's status file
 * (see docs/publishing.md) is read the same way. */
#ifndef KYR_CONTENT_H
#define KYR_CONTENT_H

#include "store.h"

#include <stdint.h>

typedef struct content content_t;

/* Opens the best available database for path. Never NULL; the store may be.
 * The scan of every row is left to content_check(), so the first screen
 * comes up without reading the whole file. */
content_t *content_open(const char *path);
/* The scan content_open() left out: the content limits over every row
 * (failing them refuses the file: content.prev.db is tried, else none) and
 * every item's decoding (damage logged once). Call it right after the
 * first frame, before any input. Returns 1 when the store was refused: the
 * UI must take content_store() again, and *old is the refused store, for
 * the caller to close once the UI has let go. Else 0; later calls return 0. */
int content_check(content_t *ct, store_t **old);
void content_close(content_t *ct);
store_t *content_store(content_t *ct);
/* "content.db", "content.prev.db" or NULL: which file is in use. */
const char *content_source(const content_t *ct);
/* 1 when the file at path is not the one opened (a new install). */
int content_changed(content_t *ct);
/* Opens the file at path again. On success returns 1 and puts the store no
 * longer in use in *old (the caller closes it once the UI has let go);
 * returns 0 and keeps the current store when the new file is unusable. */
int content_reload(content_t *ct, store_t **old);

/* REFUSED: the bundle is not acceptable (signature, damage, version);
 * FAILED: the kiosk could not finish (the stick could not be read, the
 * updater stopped). Staff are told a different next step for each. */
enum update_state { UPD_NONE, UPD_WORKING, UPD_INSTALLED, UPD_REFUSED, UPD_FAILED };
typedef struct {
	int state;           /* enum update_state */
	int progress;        /* 0..100 */
	char message[1024];   /* as long as kyr-update's (bundle.h) */
} update_status_t;

/* A working status (copying, verifying) unchanged for this long, in the
 * kiosk's own time, means the updater died or hangs: kyr-update rewrites it
 * every BUNDLE_HEARTBEAT_MS (bundle.h) while it works. */
#ifndef CONTENT_STATUS_STALE_MS
#define CONTENT_STATUS_STALE_MS 30000
#endif

/* Reads the updater's status file when it changed since the last call.
 * Returns 1 with *st filled when it did, 0 otherwise (also when absent).
 * now: the kiosk's clock in ms. A working status turns into a failed one
 * (returned once, like a change) as soon as its pid is gone, or when it has
 * not changed for CONTENT_STATUS_STALE_MS: the kiosk never stays on
 * "Updating content…" because an update was killed. */
int content_poll_status(content_t *ct, const char *path, uint32_t now, update_status_t *st);

#endif
