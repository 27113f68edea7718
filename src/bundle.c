/* bundle — installs a signed content bundle; see include/bundle.h.
 *
 * bundle_install() reads as the procedure itself: lock the target folder,
 * find kyr-content/ on the stick without following any symbolic link, load
 * the trusted keys, read the signature, copy content.db into
 * content.db.part while hashing it, fsync, verify, only then let SQLite
 * look at the copy, compare versions, and swap it in with renames. Every
 * refusal goes through one exit path that removes the partial copy. */
#include "bundle.h"
#include "minisig.h"
#include "store.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

/* Names inside the target folder. A fixed temporary name means a copy left
 * by a crash is found and removed by the next run. */
#define BUNDLE_TMP_NAME "content.db.part"
#define BUNDLE_PREV_TMP_NAME "content.prev.db.part"

typedef struct {
	const bundle_opts_t *o;
	bundle_result_t *r;
	const char *to;
	unsigned long long max_size;
	minisig_key_t *keys;
	size_t nkeys;
	int dirfd;               /* the target folder, locked */
	int tmp_made;            /* BUNDLE_TMP_NAME exists and is ours */
	const char *state;       /* last state reported */
	int percent;
	int status_warned;       /* said once that the status file failed */
	struct timespec beat;    /* when the status file was last written */
	sigset_t sigmask;        /* before the stop signals were blocked */
	int blocked;
} bundle_run_t;

/* What a SIGTERM (systemd stopping the update: the stick pulled, or
 * TimeoutStartSec) must still do, prepared so the handler only makes
 * async-signal-safe calls: write the final status, drop the partial copy. */
static struct {
	char path[4096], tmp[4100];
	char text[1024];
	size_t len;
	volatile sig_atomic_t dirfd;
} bundle_term = {.dirfd = -1};

/* ---- small helpers --------------------------------------------------------- */

static int bundle_write_all(int fd, const void *p, size_t n);

/* Copies src into dst[cap] for one line of display: a tab (minisign's
 * default trusted comment has them) becomes a space, other control
 * characters '?', and a cut never splits a UTF-8 sequence. */
static void bundle_clean(char *dst, size_t cap, const char *src)
{
	size_t n = 0;
	for (; src[n] && n + 1 < cap; n++) {
		unsigned char c = (unsigned char)src[n];
		dst[n] = c == '\t' ? ' ' : c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	/* Cut inside a sequence when the next byte would be a continuation. */
	if (src[n])
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80) n--;
	dst[n] = 0;
}

static int bundle_say(bundle_run_t *run, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int bundle_say(bundle_run_t *run, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(run->r->message, sizeof run->r->message, fmt, ap);
	va_end(ap);
	return code;
}

/* The crash test's hook: see bundle_opts_t.crash_at. */
static void bundle_checkpoint(bundle_run_t *run)
{
	run->r->checkpoints++;
	if (run->o->crash_at && run->r->checkpoints == run->o->crash_at)
		raise(run->o->crash_signal ? run->o->crash_signal : SIGKILL);
}

/* The status file's text (format in docs/publishing.md). The message may
 * hold names from the database or SQLite's error text: control characters
 * are replaced, so no line of it can pose as another key. pid lets the
 * kiosk see that the updater is gone. */
static size_t bundle_status_text(char *out, size_t cap, const char *state, int percent, long long version,
                                 const char *message)
{
	char clean[768];
	bundle_clean(clean, sizeof clean, message);
	int n = snprintf(out, cap, "state=%s\nprogress=%d\nversion=%lld\nmessage=%s\npid=%ld\n", state, percent, version,
	                 clean, (long)getpid());
	return n < 0 ? 0 : (size_t)n >= cap ? cap - 1 : (size_t)n;
}

/* Writes the status file the kiosk shows: to a temporary name, then
 * renamed, so the kiosk never reads half. Mode 0644 whatever the umask:
 * the kiosk runs as another user. */
static void bundle_status(bundle_run_t *run, const char *state, int percent, const char *message)
{
	const char *path = run->o->status_path;
	if (!path) return;
	char *tmp = xasprintf("%s.tmp", path), text[1024];
	size_t len = bundle_status_text(text, sizeof text, state, percent, run->r->version, message);
	clock_gettime(CLOCK_MONOTONIC, &run->beat);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0 && errno == ENOENT) {
		/* The runtime folder (/run/kyr-kiosk) is gone after a reboot. */
		char *dir = xstrdup(path), *slash = strrchr(dir, '/');
		if (slash && slash != dir) {
			*slash = 0;
			if (mkdir(dir, 0755) == 0) chmod(dir, 0755);
		}
		free(dir);
		fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
	}
	if (fd < 0) goto fail;
	int bad = bundle_write_all(fd, text, len) < 0 || fchmod(fd, 0644) < 0;
	if (close(fd) < 0 || bad || rename(tmp, path) != 0) goto fail;
	free(tmp);
	return;
fail:
	if (!run->status_warned++) kyr_log("cannot write the status file %s: %s", path, strerror(errno));
	unlink(tmp);
	free(tmp);
}

/* The heartbeat: the kiosk treats a working status that has not changed
 * for long as a dead update (content.h), so it is rewritten at least
 * every BUNDLE_HEARTBEAT_MS even when nothing else changed. */
static int bundle_beat_due(const bundle_run_t *run)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long long ms = (now.tv_sec - run->beat.tv_sec) * 1000LL + (now.tv_nsec - run->beat.tv_nsec) / 1000000;
	return ms >= BUNDLE_HEARTBEAT_MS;
}

/* SQLite's progress handler while the copy is checked (quick_check of a
 * big database takes a while on a Pi): keeps the heartbeat going. */
static int bundle_db_beat(void *ctx)
{
	bundle_run_t *run = ctx;
	if (run->state && bundle_beat_due(run)) bundle_status(run, run->state, run->percent, "Checking the signature and the content");
	return 0;
}

static void bundle_progress(bundle_run_t *run, const char *state, unsigned long long done,
                            unsigned long long total)
{
	int percent = total ? (int)(done * 100 / total) : 100;
	if (percent > 100) percent = 100;
	if (run->state == state && run->percent == percent && !bundle_beat_due(run)) return;
	run->state = state;
	run->percent = percent;
	bundle_status(run, state, percent,
	              strcmp(state, "copying") == 0 ? "Copying new content from the USB stick"
	                                            : "Checking the signature and the content");
	if (run->o->progress) run->o->progress(run->o->progress_ctx, state, percent, done, total);
}

/* Reads up to cap bytes; returns the count, or -1 with errno. */
static ssize_t bundle_read_all(int fd, void *p, size_t cap)
{
	size_t got = 0;
	while (got < cap) {
		ssize_t n = read(fd, (char *)p + got, cap - got);
		if (n < 0 && errno == EINTR) continue;
		if (n < 0) return -1;
		if (n == 0) break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

static int bundle_write_all(int fd, const void *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR) continue;
		if (w < 0) return -1;
		p = (const char *)p + w;
		n -= (size_t)w;
	}
	return 0;
}

/* ---- keys ------------------------------------------------------------------ */

static void bundle_add_key(bundle_run_t *run, const minisig_key_t *k)
{
	run->keys = xrealloc(run->keys, (run->nkeys + 1) * sizeof *run->keys);
	run->keys[run->nkeys++] = *k;
}

static int bundle_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The default keys: BUNDLE_DEFAULT_KEY, then the *.pub files in keys.d in
 * name order.
 * A broken default key file is reported and skipped, so one bad file does
 * not stop updates signed with another trusted key. */
static void bundle_default_keys(bundle_run_t *run)
{
	minisig_key_t k;
	char err[512];
	char **names = NULL;
	size_t n = 0;
	if (access(BUNDLE_DEFAULT_KEY, F_OK) == 0) {
		if (minisig_key_load(BUNDLE_DEFAULT_KEY, &k, err, sizeof err) == 0) bundle_add_key(run, &k);
		else kyr_log("skipping a trusted key: %s", err);
	}
	DIR *d = opendir(BUNDLE_DEFAULT_KEYS_DIR);
	for (struct dirent *e; d && (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 5 || strcmp(e->d_name + len - 4, ".pub") != 0) continue;
		names = xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = xasprintf("%s/%s", BUNDLE_DEFAULT_KEYS_DIR, e->d_name);
	}
	if (d) closedir(d);
	if (n) qsort(names, n, sizeof *names, bundle_cmp_str);
	for (size_t i = 0; i < n; i++) {
		if (minisig_key_load(names[i], &k, err, sizeof err) == 0) bundle_add_key(run, &k);
		else kyr_log("skipping a trusted key: %s", err);
		free(names[i]);
	}
	free(names);
}

static int bundle_load_keys(bundle_run_t *run)
{
	minisig_key_t k;
	char err[512];
	for (size_t i = 0; i < run->o->nkeys; i++) {
		if (minisig_key_load(run->o->keys[i], &k, err, sizeof err) < 0)
			return bundle_say(run, BUNDLE_FAILED, "cannot use the trusted key %s", err);
		bundle_add_key(run, &k);
	}
	if (!run->o->nkeys) bundle_default_keys(run);
	if (!run->nkeys)
		return bundle_say(run, BUNDLE_FAILED, "no trusted publisher key: install one as %s (or in %s/)",
		                  BUNDLE_DEFAULT_KEY, BUNDLE_DEFAULT_KEYS_DIR);
	return 0;
}

/* ---- the stick ------------------------------------------------------------- */

/* Opens name inside the stick's kyr-content/ folder: never through a
 * symbolic link, never a device or FIFO (O_NONBLOCK so a FIFO cannot hang
 * us before fstat says what it is). Returns 0 with *fd, or a BUNDLE_ code. */
static int bundle_open_file(bundle_run_t *run, int srcdir, const char *name, int *fd, struct stat *st)
{
	struct stat lst;
	if (fstatat(srcdir, name, &lst, AT_SYMLINK_NOFOLLOW) < 0) {
		if (errno == ENOENT && strcmp(name, BUNDLE_SIG_NAME) == 0)
			return bundle_say(run, BUNDLE_REFUSED, BUNDLE_DIR_NAME "/" BUNDLE_SIG_NAME
			                  " is missing: the bundle is not signed");
		if (errno == ENOENT)
			return bundle_say(run, BUNDLE_REFUSED, BUNDLE_DIR_NAME "/%s is missing", name);
		return bundle_say(run, BUNDLE_FAILED, "cannot read " BUNDLE_DIR_NAME "/%s on the stick: %s", name,
		                  strerror(errno));
	}
	if (S_ISLNK(lst.st_mode))
		return bundle_say(run, BUNDLE_REFUSED, BUNDLE_DIR_NAME "/%s is a symbolic link; copy the file itself", name);
	if (!S_ISREG(lst.st_mode))
		return bundle_say(run, BUNDLE_REFUSED, BUNDLE_DIR_NAME "/%s is not a regular file", name);
	*fd = openat(srcdir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (*fd < 0 || fstat(*fd, st) < 0 || !S_ISREG(st->st_mode)) {
		/* Changed under us between fstatat and openat: treat as hostile. */
		int e = errno;
		if (*fd >= 0) close(*fd);
		*fd = -1;
		return bundle_say(run, BUNDLE_REFUSED, BUNDLE_DIR_NAME "/%s changed while being opened (%s)", name,
		                  strerror(e));
	}
	fcntl(*fd, F_SETFL, fcntl(*fd, F_GETFL) & ~O_NONBLOCK);
	return 0;
}

/* Opens kyr-content/ under the mount point. Returns 0 with *srcdir, or a
 * BUNDLE_ code (BUNDLE_NONE when the stick has no bundle). */
static int bundle_open_stick(bundle_run_t *run, int *srcdir)
{
	struct stat st;
	int mfd = open(run->o->from, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (mfd < 0) return bundle_say(run, BUNDLE_FAILED, "cannot open the stick at %s: %s", run->o->from, strerror(errno));
	int rc = 0;
	if (fstatat(mfd, BUNDLE_DIR_NAME, &st, AT_SYMLINK_NOFOLLOW) < 0)
		rc = errno == ENOENT ? bundle_say(run, BUNDLE_NONE, "no " BUNDLE_DIR_NAME "/ folder on %s: nothing to install", run->o->from)
		                     : bundle_say(run, BUNDLE_FAILED, "cannot read %s: %s", run->o->from, strerror(errno));
	else if (S_ISLNK(st.st_mode))
		rc = bundle_say(run, BUNDLE_REFUSED, BUNDLE_DIR_NAME "/ on the stick is a symbolic link; copy the folder itself");
	else if (!S_ISDIR(st.st_mode))
		rc = bundle_say(run, BUNDLE_REFUSED, BUNDLE_DIR_NAME " on the stick is not a folder");
	else if ((*srcdir = openat(mfd, BUNDLE_DIR_NAME, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		rc = bundle_say(run, BUNDLE_REFUSED, "cannot open " BUNDLE_DIR_NAME "/ on the stick: %s", strerror(errno));
	close(mfd);
	return rc;
}

/* Reads and parses the signature file. */
static int bundle_read_sig(bundle_run_t *run, int srcdir, minisig_sig_t *sig)
{
	struct stat st;
	char err[256];
	int fd, rc = bundle_open_file(run, srcdir, BUNDLE_SIG_NAME, &fd, &st);
	if (rc) return rc;
	char *text = xmalloc(MINISIG_FILE_MAX + 1);
	ssize_t n = bundle_read_all(fd, text, MINISIG_FILE_MAX + 1);
	close(fd);
	if (n < 0) rc = bundle_say(run, BUNDLE_FAILED, "cannot read " BUNDLE_DIR_NAME "/" BUNDLE_SIG_NAME ": %s", strerror(errno));
	else if (minisig_sig_parse(text, (size_t)n, sig, err, sizeof err) < 0)
		rc = bundle_say(run, BUNDLE_REFUSED, BUNDLE_DIR_NAME "/" BUNDLE_SIG_NAME ": %s", err);
	free(text);
	return rc;
}

/* ---- copy and verify ------------------------------------------------------- */

/* Copies the open content.db into BUNDLE_TMP_NAME, feeding every byte
 * written to the verifier, then fsyncs the copy. (A stale copy was removed
 * by bundle_open_target(); O_EXCL makes sure this one is ours.) */
static int bundle_copy(bundle_run_t *run, int src, unsigned long long size, minisig_verify_t *v)
{
	unsigned long long done = 0;
	char *chunk = xmalloc(BUNDLE_CHUNK);
	int rc, tfd = openat(run->dirfd, BUNDLE_TMP_NAME, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (tfd < 0) goto fail_write;
	run->tmp_made = 1;
	/* The kiosk (another user) must read it whatever umask we run under. */
	if (fchmod(tfd, 0644) < 0) goto fail_write;
	bundle_progress(run, "copying", 0, size);
	for (;;) {
		ssize_t n = bundle_read_all(src, chunk, BUNDLE_CHUNK);
		if (n < 0) {
			rc = bundle_say(run, BUNDLE_FAILED, "cannot read " BUNDLE_DIR_NAME "/" BUNDLE_DB_NAME " on the stick: %s",
			                strerror(errno));
			goto fail;
		}
		if (n == 0) break;
		done += (unsigned long long)n;
		if (done > run->max_size) {
			rc = bundle_say(run, BUNDLE_REFUSED, BUNDLE_DB_NAME " grew past the %llu MiB limit while being copied",
			                run->max_size >> 20);
			goto fail;
		}
		minisig_verify_update(v, chunk, (size_t)n);
		if (bundle_write_all(tfd, chunk, (size_t)n) < 0) goto fail_write;
		bundle_checkpoint(run);
		bundle_progress(run, "copying", done, size > done ? size : done);
	}
	if (fsync(tfd) < 0) goto fail_write;
	bundle_checkpoint(run);
	rc = close(tfd);
	tfd = -1;
	if (rc < 0) goto fail_write;
	free(chunk);
	return 0;
fail_write:
	rc = bundle_say(run, BUNDLE_FAILED, "cannot write %s/" BUNDLE_TMP_NAME ": %s", run->to, strerror(errno));
fail:
	if (tfd >= 0) close(tfd);
	free(chunk);
	return rc;
}

static int bundle_check_sig(bundle_run_t *run, minisig_verify_t *v)
{
	char err[256];
	int rc = minisig_verify_end(v, run->keys, run->nkeys, NULL, err, sizeof err);
	if (rc == MINISIG_OK) return 0;
	return bundle_say(run, BUNDLE_REFUSED, "%s", err);
}

/* ---- the database ---------------------------------------------------------- */

/* Opens path read-only and immutable: SQLite writes nothing and takes no
 * lock, and the schema gets no trust (as in store.c). */
static sqlite3 *bundle_db_open(const char *path)
{
	buf_t u = {0};
	sqlite3 *db = NULL;
	buf_puts(&u, "file:");
	for (const char *p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#') buf_printf(&u, "%%%02X", (unsigned char)*p);
		else buf_putc(&u, *p);
	}
	buf_puts(&u, "?mode=ro&immutable=1");
	if (sqlite3_open_v2(u.data, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		db = NULL;
	} else {
		sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
		sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	}
	buf_free(&u);
	return db;
}

/* A meta value as a positive integer; 0 when missing or not a number. */
static long long bundle_meta_int(sqlite3 *db, const char *key)
{
	sqlite3_stmt *q = NULL;
	long long v = 0;
	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?1", -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(q, 0);
		char *end;
		errno = 0;
		v = t ? strtoll(t, &end, 10) : 0;
		if (!t || end == t || *end || errno || v < 0) v = 0;
	}
	sqlite3_finalize(q);
	return v;
}

/* Integrity, schema and version of the verified copy; then the kiosk's own
 * store_open() must accept it, so a bundle the kiosk cannot show is
 * refused here rather than discovered on screen. */
static int bundle_check_db(bundle_run_t *run, const char *path)
{
	bundle_result_t *r = run->r;
	sqlite3_stmt *q = NULL;
	char err[512];
	int rc = 0;
	sqlite3 *db = bundle_db_open(path);
	if (!db) return bundle_say(run, BUNDLE_FAILED, "cannot open the copied database %s", path);
	sqlite3_progress_handler(db, 100000, bundle_db_beat, run);
	if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &q, NULL) != SQLITE_OK) {
		rc = bundle_say(run, BUNDLE_REFUSED, BUNDLE_DB_NAME " is not a content database: %s", sqlite3_errmsg(db));
		goto done;
	}
	int step = sqlite3_step(q);
	const char *first = step == SQLITE_ROW ? (const char *)sqlite3_column_text(q, 0) : NULL;
	if (!first || strcmp(first, "ok") != 0) {
		bundle_clean(err, 200, first ? first : sqlite3_errmsg(db));
		rc = bundle_say(run, BUNDLE_REFUSED, BUNDLE_DB_NAME " is damaged (quick_check: %s)", err);
		goto done;
	}
	/* Before any query on its tables: a view or trigger of the
	 * database's own must never run here. */
	if (store_check_schema(db, err, sizeof err) < 0) {
		rc = bundle_say(run, BUNDLE_REFUSED, BUNDLE_DB_NAME ": %s", err);
		goto done;
	}
	long long schema = bundle_meta_int(db, "schema_version");
	if (schema != STORE_SCHEMA_VERSION) {
		rc = bundle_say(run, BUNDLE_REFUSED, BUNDLE_DB_NAME " has schema version %lld; this kiosk needs %d (update kyr-kiosk first, or build with a matching kyr-build)",
		                schema, STORE_SCHEMA_VERSION);
		goto done;
	}
	char vtext[24];
	snprintf(vtext, sizeof vtext, "%lld", r->version = bundle_meta_int(db, "content_version"));
	if (!store_version_ok(vtext)) {
		r->version = 0;
		rc = bundle_say(run, BUNDLE_REFUSED, BUNDLE_DB_NAME " has no valid content_version (the form is YYYYMMDDNN, years 2020-2099)");
		goto done;
	}
	/* Sample contacts in front of the public could send someone in danger
	 * to a made-up number: only a kiosk set up for demonstrations takes them. */
	if (bundle_meta_int(db, "demo") && !run->o->allow_demo) {
		rc = bundle_say(run, BUNDLE_REFUSED, BUNDLE_DB_NAME " is demonstration content (sample contacts or demo = yes"
		                " in bundle.ini), not for public use; this kiosk does not allow it (allow_demo = yes in kiosk.conf)");
		goto done;
	}
	sqlite3_finalize(q);
	q = NULL;
	sqlite3_close(db);
	db = NULL;

	store_t *st = store_open(path, err, sizeof err);
	if (!st) return bundle_say(run, BUNDLE_REFUSED, "the kiosk cannot open " BUNDLE_DB_NAME ": %s", err);
	const char *pub = store_meta(st, "publisher"), *date = store_meta(st, "bundle_date");
	bundle_clean(r->publisher, sizeof r->publisher, pub ? pub : "");
	bundle_clean(r->date, sizeof r->date, date ? date : "");
	store_lang_t *langs;
	int n = store_languages(st, &langs);
	buf_t names = {0};
	for (int i = 0; i < n; i++) buf_printf(&names, "%s%s", i ? ", " : "", langs[i].code);
	bundle_clean(r->languages, sizeof r->languages, names.data ? names.data : "");
	r->nlangs = n > 0 ? n : 0;
	buf_free(&names);
	if (n >= 0) store_langs_free(langs, n);
	store_close(st);
	if (n <= 0) return bundle_say(run, BUNDLE_REFUSED, BUNDLE_DB_NAME " holds no languages");
done:
	sqlite3_finalize(q);
	sqlite3_close(db);
	return rc;
}

/* The installed content's version: 0 when there is none, or when it is
 * unreadable (a damaged kiosk must be repairable from a stick). */
static long long bundle_installed_version(bundle_run_t *run, int *exists)
{
	struct stat st;
	*exists = fstatat(run->dirfd, BUNDLE_DB_NAME, &st, AT_SYMLINK_NOFOLLOW) == 0;
	if (!*exists) return 0;
	char *path = xasprintf("%s/" BUNDLE_DB_NAME, run->to);
	sqlite3 *db = bundle_db_open(path);
	long long v = db && store_check_schema(db, NULL, 0) == 0 ? bundle_meta_int(db, "content_version") : 0;
	char vtext[24];
	snprintf(vtext, sizeof vtext, "%lld", v);
	/* An absurd version (installed before versions were checked) must not
	 * pin the kiosk: it counts as none. */
	if (!store_version_ok(vtext)) v = 0;
	if (!v) kyr_log("%s has no readable content version; any signed bundle may replace it", path);
	sqlite3_close(db);
	free(path);
	return v;
}

/* ---- the swap -------------------------------------------------------------- */

/* Keeps the current database as content.prev.db (a hard link, so
 * content.db never goes missing), renames the copy over content.db and
 * makes the renames durable. Each step is a checkpoint for the crash test. */
static int bundle_swap(bundle_run_t *run, int have_old)
{
	if (have_old) {
		if (unlinkat(run->dirfd, BUNDLE_PREV_TMP_NAME, 0) < 0 && errno != ENOENT) goto fail;
		if (linkat(run->dirfd, BUNDLE_DB_NAME, run->dirfd, BUNDLE_PREV_TMP_NAME, 0) < 0) goto fail;
		bundle_checkpoint(run);
		if (renameat(run->dirfd, BUNDLE_PREV_TMP_NAME, run->dirfd, BUNDLE_PREV_NAME) < 0) goto fail;
		/* rename() does nothing when both names are links to one file (a
		 * run killed after this point left content.prev.db = content.db). */
		unlinkat(run->dirfd, BUNDLE_PREV_TMP_NAME, 0);
		bundle_checkpoint(run);
	}
	if (renameat(run->dirfd, BUNDLE_TMP_NAME, run->dirfd, BUNDLE_DB_NAME) < 0) goto fail;
	run->tmp_made = 0;
	bundle_checkpoint(run);
	/* Installed already; a failed flush only loses durability, not content. */
	if (fsync(run->dirfd) < 0) kyr_log("cannot flush %s: %s", run->to, strerror(errno));
	bundle_checkpoint(run);
	return 0;
fail:
	unlinkat(run->dirfd, BUNDLE_PREV_TMP_NAME, 0);
	return bundle_say(run, BUNDLE_FAILED, "cannot install into %s: %s", run->to, strerror(errno));
}

/* ---- being stopped --------------------------------------------------------- */

/* SIGTERM, SIGINT, SIGHUP: the final status and the partial copy's removal,
 * with async-signal-safe calls only; then exit as failed. */
static void bundle_on_term(int sig)
{
	(void)sig;
	if (bundle_term.len) {
		int fd = open(bundle_term.tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (fd >= 0) {
			int ok = write(fd, bundle_term.text, bundle_term.len) == (ssize_t)bundle_term.len && fchmod(fd, 0644) == 0;
			if (close(fd) == 0 && ok) rename(bundle_term.tmp, bundle_term.path);
		}
	}
	if (bundle_term.dirfd >= 0) unlinkat(bundle_term.dirfd, BUNDLE_TMP_NAME, 0);
	_exit(BUNDLE_FAILED);
}

static const int bundle_term_signals[] = {SIGTERM, SIGINT, SIGHUP};

static void bundle_term_arm(const bundle_opts_t *o, struct sigaction old[3])
{
	bundle_term.len = 0;
	if (o->status_path && strlen(o->status_path) + 5 <= sizeof bundle_term.path) {
		snprintf(bundle_term.path, sizeof bundle_term.path, "%s", o->status_path);
		snprintf(bundle_term.tmp, sizeof bundle_term.tmp, "%s.tmp", o->status_path);
		bundle_term.len = bundle_status_text(bundle_term.text, sizeof bundle_term.text, "failed", 100, 0,
		                                     "failed: kyr-update was stopped before it finished (the USB stick was "
		                                     "pulled out, or it took too long); the installed content is unchanged");
	}
	struct sigaction sa = {.sa_handler = bundle_on_term};
	sigfillset(&sa.sa_mask);
	for (int i = 0; i < 3; i++) sigaction(bundle_term_signals[i], &sa, &old[i]);
}

/* Blocks the stop signals (from the swap on, the outcome is written
 * properly and a pending signal acts only once bundle_install returns). */
static void bundle_term_block(int how, sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	for (int i = 0; i < 3; i++) sigaddset(&set, bundle_term_signals[i]);
	sigprocmask(how, how == SIG_SETMASK ? old : &set, how == SIG_SETMASK ? NULL : old);
}

/* ---- bundle_install -------------------------------------------------------- */

static int bundle_open_target(bundle_run_t *run)
{
	if (mkdir(run->to, 0755) < 0 && errno != EEXIST)
		return bundle_say(run, BUNDLE_FAILED, "cannot create %s: %s", run->to, strerror(errno));
	run->dirfd = open(run->to, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (run->dirfd < 0) return bundle_say(run, BUNDLE_FAILED, "cannot open %s: %s", run->to, strerror(errno));
	if (flock(run->dirfd, LOCK_EX | LOCK_NB) < 0)
		return bundle_say(run, BUNDLE_FAILED, errno == EWOULDBLOCK ? "another kyr-update is installing into %s"
		                                                          : "cannot lock %s", run->to);
	/* Left by a run that was killed: never installed, safe to drop. */
	unlinkat(run->dirfd, BUNDLE_TMP_NAME, 0);
	unlinkat(run->dirfd, BUNDLE_PREV_TMP_NAME, 0);
	return 0;
}

/* Everything between finding the bundle and the swap. */
static int bundle_run(bundle_run_t *run, int srcdir)
{
	bundle_result_t *r = run->r;
	minisig_sig_t *sig = xmalloc(sizeof *sig);
	struct stat st;
	int fd = -1, have_old, rc;
	char *tmp_path = xasprintf("%s/" BUNDLE_TMP_NAME, run->to);
	if ((rc = bundle_load_keys(run)) || (rc = bundle_read_sig(run, srcdir, sig))) goto done;
	minisig_keyid_hex(sig->keyid, r->keyid);
	bundle_clean(r->trusted_comment, sizeof r->trusted_comment, sig->trusted_comment);
	/* Refuse a signature no trusted key made before copying what may be
	 * hundreds of MiB: the global signature needs no byte of the file. */
	char why[256];
	if (minisig_check_comment(sig, run->keys, run->nkeys, why, sizeof why) != MINISIG_OK) {
		rc = bundle_say(run, BUNDLE_REFUSED, "%s", why);
		goto done;
	}
	if ((rc = bundle_open_file(run, srcdir, BUNDLE_DB_NAME, &fd, &st))) goto done;
	unsigned long long size = (unsigned long long)st.st_size;
	if (size > run->max_size) {
		rc = bundle_say(run, BUNDLE_REFUSED, BUNDLE_DB_NAME " is %llu MiB, more than the %llu MiB limit (--max-size)",
		                (size + (1 << 20) - 1) >> 20, run->max_size >> 20);
		goto done;
	}
	if (size == 0) {
		rc = bundle_say(run, BUNDLE_REFUSED, BUNDLE_DB_NAME " is empty");
		goto done;
	}
	size_t legacy_max = (size_t)KYR_MIN(run->max_size, BUNDLE_LEGACY_MAX_SIZE);
	minisig_verify_t *v = minisig_verify_begin(sig, legacy_max);
	if ((rc = bundle_copy(run, fd, size, v))) {
		minisig_verify_abort(v);
		goto done;
	}
	bundle_progress(run, "verifying", 1, 1);
	if ((rc = bundle_check_sig(run, v)) || (rc = bundle_check_db(run, tmp_path))) goto done;
	r->installed_version = bundle_installed_version(run, &have_old);
	if (r->version <= r->installed_version && !run->o->allow_downgrade) {
		rc = bundle_say(run, BUNDLE_REFUSED, "content version %lld is %s the installed version %lld (--allow-downgrade installs it anyway)",
		                r->version, r->version == r->installed_version ? "the same as" : "older than",
		                r->installed_version);
		goto done;
	}
	bundle_term_block(SIG_BLOCK, &run->sigmask);
	run->blocked = 1;
	if ((rc = bundle_swap(run, have_old))) goto done;
	bundle_say(run, BUNDLE_INSTALLED, "installed content version %lld from \"%s\" (key %s, signed \"%s\"), %d languages (%s), dated %s%s",
	           r->version, r->publisher, r->keyid, r->trusted_comment, r->nlangs, r->languages, r->date,
	           have_old ? "; the previous content is kept as " BUNDLE_PREV_NAME : "");
done:
	if (fd >= 0) close(fd);
	if (run->tmp_made) unlinkat(run->dirfd, BUNDLE_TMP_NAME, 0);
	run->tmp_made = 0;
	free(tmp_path);
	free(sig);
	return rc;
}

int bundle_install(const bundle_opts_t *o, bundle_result_t *r)
{
	bundle_run_t run = {.o = o, .r = r, .dirfd = -1, .percent = -1};
	int srcdir = -1, rc;
	struct sigaction old_sa[3];
	memset(r, 0, sizeof *r);
	bundle_term_arm(o, old_sa);
	run.to = o->to ? o->to : BUNDLE_DEFAULT_DIR;
	run.max_size = o->max_size ? o->max_size : BUNDLE_DEFAULT_MAX_SIZE;
	/* Lock first: a second run must not touch the first one's status; and
	 * a stick without a bundle (or no stick at all) leaves it alone too. */
	int found = 0;
	if (!(rc = bundle_open_target(&run))) {
		bundle_term.dirfd = run.dirfd;
		rc = bundle_open_stick(&run, &srcdir);
		found = rc == 0 || rc == BUNDLE_REFUSED;
	}
	/* A stick without a bundle leaves the status alone, even when stopped. */
	if (!found) bundle_term.len = 0;
	if (found && !rc) {
		bundle_status(&run, "copying", 0, "Checking the USB stick");
		rc = bundle_run(&run, srcdir);
	}
	if (rc == BUNDLE_REFUSED || rc == BUNDLE_FAILED) {
		char why[sizeof r->message];
		memcpy(why, r->message, sizeof why);
		snprintf(r->message, sizeof r->message, "%s: %.900s; the installed content is unchanged",
		         rc == BUNDLE_REFUSED ? "refused" : "failed", why);
	}
	if (found)
		bundle_status(&run, rc == BUNDLE_INSTALLED ? "installed" : rc == BUNDLE_REFUSED ? "refused" : "failed",
		              100, r->message);
	if (srcdir >= 0) close(srcdir);
	bundle_term.dirfd = -1;
	if (run.dirfd >= 0) close(run.dirfd);  /* also drops the lock */
	free(run.keys);
	for (int i = 0; i < 3; i++) sigaction(bundle_term_signals[i], &old_sa[i], NULL);
	if (run.blocked) bundle_term_block(SIG_SETMASK, &run.sigmask);
	return rc;
}
