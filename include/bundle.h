/* bundle — installs a signed content bundle from a USB stick.
 *
 * A bundle is the folder kyr-content/ at a stick's root, holding content.db
 * and content.db.minisig (see docs/publishing.md). bundle_install() copies
 * content.db into a temporary file next to the installed one while hashing
 * it, verifies the minisign signature over exactly the bytes it copied, only
 * then opens the copy with SQLite (read-only, immutable) to check its schema,
 * integrity and version, and finally swaps it in with rename(): the
 * installed content.db is always either the complete old file or the
 * complete new one, and is untouched by every refusal.
 *
 * kyr-update (src/main_update.c) is a thin command line around this; the
 * kiosk's operator screen can call it too. Start reading at bundle_install(). */
#ifndef KYR_BUNDLE_H
#define KYR_BUNDLE_H

#include <stddef.h>

#ifndef BUNDLE_DEFAULT_DIR
#define BUNDLE_DEFAULT_DIR "/var/lib/kyr-kiosk"
#endif
#ifndef BUNDLE_DEFAULT_KEY
#define BUNDLE_DEFAULT_KEY "/etc/kyr-kiosk/publisher.pub"
#endif
/* Every *.pub file here is trusted too (key rotation). */
#ifndef BUNDLE_DEFAULT_KEYS_DIR
#define BUNDLE_DEFAULT_KEYS_DIR "/etc/kyr-kiosk/keys.d"
#endif
#ifndef BUNDLE_DEFAULT_MAX_SIZE
#define BUNDLE_DEFAULT_MAX_SIZE (512ull << 20)
#endif
/* A legacy "Ed" signature needs the whole file in memory: cap that. */
#ifndef BUNDLE_LEGACY_MAX_SIZE
#define BUNDLE_LEGACY_MAX_SIZE (64ull << 20)
#endif
/* Bytes copied (and hashed) per read/write. */
#ifndef BUNDLE_CHUNK
#define BUNDLE_CHUNK (64u << 10)
#endif

/* The status file is rewritten at least this often while working (the
 * kiosk gives up on it after CONTENT_STATUS_STALE_MS without a change). */
#ifndef BUNDLE_HEARTBEAT_MS
#define BUNDLE_HEARTBEAT_MS 2000
#endif

#define BUNDLE_DIR_NAME "kyr-content"
#define BUNDLE_DB_NAME "content.db"
#define BUNDLE_SIG_NAME "content.db.minisig"
#define BUNDLE_PREV_NAME "content.prev.db"

typedef struct {
	const char *from;             /* the stick's mount point */
	const char *to;               /* target folder; NULL: BUNDLE_DEFAULT_DIR */
	const char *const *keys;      /* public key files; none: BUNDLE_DEFAULT_KEY
	                                 and the *.pub files in BUNDLE_DEFAULT_KEYS_DIR */
	size_t nkeys;
	const char *status_path;      /* status file for the kiosk, or NULL */
	unsigned long long max_size;  /* 0: BUNDLE_DEFAULT_MAX_SIZE */
	int allow_downgrade;          /* install an older or equal version too */
	int allow_demo;               /* install a demo bundle (meta demo = 1) too;
	                                 kyr-update takes it from kiosk.conf */
	/* Crash test: the process kills itself with SIGKILL at the Nth
	 * checkpoint (after each chunk written, each fsync, link and rename).
	 * 0: never. kyr-update takes it from KYR_UPDATE_CRASH_AT. */
	int crash_at;
	int crash_signal;             /* that signal instead (0: SIGKILL); kyr-update
	                                 takes it from KYR_UPDATE_CRASH_SIGNAL */
	/* Called whenever the state or the copied percentage changes; may be
	 * NULL. state: "copying", "verifying". */
	void (*progress)(void *ctx, const char *state, int percent,
	                 unsigned long long done, unsigned long long total);
	void *progress_ctx;
} bundle_opts_t;

typedef struct {
	long long version;            /* the bundle's content_version, 0: unknown */
	long long installed_version;  /* before this run, 0: none */
	char publisher[256];          /* from the signed database */
	char date[16];                /* bundle_date, "YYYY-MM-DD" */
	char languages[256];          /* "en, es, zh-Hans" (may be cut short) */
	int nlangs;
	char keyid[17];               /* signing key, as minisign prints it */
	char trusted_comment[256];    /* control characters replaced, cut short */
	int checkpoints;              /* checkpoints passed (see crash_at) */
	char message[1024];           /* the one-line outcome, for people */
} bundle_result_t;

enum {
	BUNDLE_INSTALLED = 0,  /* the new content is in place */
	BUNDLE_REFUSED = 1,    /* the bundle is unsigned, damaged, untrusted, too
	                          old, too large or malformed */
	BUNDLE_FAILED = 2,     /* the kiosk side failed: no keys, disk full,
	                          unreadable stick, another update running */
	BUNDLE_NONE = 3        /* no kyr-content/ folder on the stick */
};

/* Installs the bundle on o->from into o->to. Returns one of BUNDLE_*, and
 * fills *r (message always). Except for BUNDLE_INSTALLED, the installed
 * content.db and content.prev.db are left byte for byte as they were and no
 * temporary file remains. Writes the status file (when set) from the moment
 * a kyr-content/ folder is found. */
int bundle_install(const bundle_opts_t *o, bundle_result_t *r);

#endif
