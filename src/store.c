/* store — the kiosk's read-only view of content.db; see include/store.h.
 *
 * store_open() opens the file immutable, hardens the connection, checks
 * the schema version and prepares every statement once, so a damaged or
 * foreign database is refused at open rather than halfway through a
 * visit. The rest are small functions around one statement each; the
 * interface strings go through a cache because the UI asks for them on
 * every frame. */
#include "store.h"
#include "kbd.h"
#include "roman.h"
#include "segment.h"
#include "snippet.h"
#include "util.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <unicode/uscript.h>

#define MAX_REGION_DEPTH 16
#define LANGTOK_COL 3   /* the search table's langtok column */
/* Matching rows ranked per search (see Q_SEARCH). 1x content matches at
 * most a few dozen rows per prefix, so this only bounds very large bundles. */
#ifndef STORE_SEARCH_RANKED
#define STORE_SEARCH_RANKED 400
#endif

typedef struct {
	char *lang, *key, *value;
	unsigned hash;
} ui_entry_t;

enum { Q_LANGS, Q_UI, Q_TOPICS, Q_ARTICLE, Q_CONTACTS, Q_SEARCH, Q_SEARCH_ROW, Q_KEYBOARD, Q_COUNT };

static const char *const queries[Q_COUNT] = {
	[Q_LANGS] = "SELECT code, native_name, english_name, rtl, ord, voice, keyboard"
	            " FROM languages ORDER BY ord, code",
	[Q_UI] = "SELECT value FROM ui WHERE lang = ?1 AND key = ?2",
	[Q_TOPICS] = "SELECT t.slug, t.ord, t.icon, coalesce(x.lang, e.lang), coalesce(x.title, e.title),"
	             " coalesce(x.summary, e.summary), x.lang IS NULL"
	             " FROM topics t JOIN articles e ON e.topic = t.slug AND e.lang = 'en'"
	             " LEFT JOIN articles x ON x.topic = t.slug AND x.lang = ?1"
	             " ORDER BY t.ord, t.slug",
	[Q_ARTICLE] = "SELECT a.title, a.summary, a.blocks, a.reviewed_by, a.reviewed_on, a.review_due,"
	              " a.sources, t.icon, coalesce(l.rtl, 0), a.as_of, a.review_terms, a.revision, a.stale"
	              " FROM articles a JOIN topics t ON t.slug = a.topic"
	              " LEFT JOIN languages l ON l.code = a.lang WHERE a.topic = ?1 AND a.lang = ?2",
	/* Name and notes in language ?1 where directory/<lang>.po gave them. */
	[Q_CONTACTS] = "SELECT c.id, c.kind, coalesce(n.value, c.name), c.phones, c.address, c.hours,"
	               " coalesce(x.value, c.notes), c.region, c.languages, c.services, c.verified_on, c.sample,"
	               " c.tz, c.interpretation, n.value IS NOT NULL, x.value IS NOT NULL FROM contacts c"
	               " LEFT JOIN contact_text n ON n.id = c.id AND n.lang = ?1 AND n.field = 'name'"
	               " LEFT JOIN contact_text x ON x.id = c.id AND x.lang = ?1 AND x.field = 'notes'"
	               " ORDER BY c.name COLLATE NOCASE, c.id",
	/* The MATCH names the languages wanted (langtok), so other languages'
	 * rows are never read; FTS5's rank (bm25 weighted 4:1:3 for title, body
	 * and keywords, set by kyr-build) orders them; only the best few get
	 * snippets and titles. At most ?4 (STORE_SEARCH_RANKED) matching rows,
	 * in index order, are ranked at all: a short prefix in a very large
	 * bundle matches thousands, bm25 costs per row, and the next letter
	 * typed narrows the match anyway. The visitor's language comes first
	 * (kyr_other). kyr_inst() hands over each row's matches in the body for
	 * the snippet, made in C for the rows shown (snippet.h): snippet() would
	 * run the MATCH again per row. Nothing here reads a row's text:
	 * kind, ref and the rest are read by rowid for the rows shown. */
	[Q_SEARCH] = "SELECT rowid, rank, inst FROM"
	             " (SELECT rowid, rank, kyr_inst(search) AS inst, kyr_other(search, ?2) AS other"
	             " FROM search WHERE search MATCH ?1 LIMIT ?4)"
	             " ORDER BY other, rank LIMIT ?3",
	/* What the visitor sees of one row, found by rowid: no MATCH. */
	[Q_SEARCH_ROW] = "SELECT coalesce(a.title, n.value, c.name, search.title), search.body, search.rbody, search.rmap,"
	                 " search.kind, search.ref, search.lang"
	                 " FROM search"
	                 " LEFT JOIN articles a ON search.kind = 'article' AND a.topic = search.ref AND a.lang = search.lang"
	                 " LEFT JOIN contacts c ON search.kind = 'contact' AND c.id = search.ref"
	                 " LEFT JOIN contact_text n ON search.kind = 'contact' AND n.id = search.ref"
	                 " AND n.lang = search.lang AND n.field = 'name'"
	                 " WHERE search.rowid = ?1",
	[Q_KEYBOARD] = "SELECT layout FROM keyboards WHERE name = ?1",
};

/* Not in queries[]: databases built before recordings existed lack the
 * table, and for them "no recording" is the right answer, not damage. */
static const char recording_sql[] = "SELECT data FROM recordings WHERE topic = ?1 AND lang = ?2";

struct store {
	sqlite3 *db;
	struct timespec began;  /* when the running statement started */
	sqlite3_stmt *q[Q_COUNT];
	sqlite3_stmt *q_recording;  /* NULL when the database has no recordings table */
	char **meta;            /* key, value, key, value ... */
	size_t nmeta;
	char **region_id, **region_parent;
	size_t nregions;
	ui_entry_t *ui;         /* open-addressing hash table */
	size_t ui_cap, ui_n;
	struct stat file;       /* the database file, to find SQLite's descriptor of it */
	int have_file;
	snippet_fts_t *fts;     /* kyr_inst() and the tokenizer, for snippets */
};

/* ---- opening --------------------------------------------------------------- */

/* "file:" URI for path: '%', '?' and '#' must be escaped in a URI. */
static char *file_uri(const char *path)
{
	buf_t u = {0};
	buf_puts(&u, "file:");
	for (const char *p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#') buf_printf(&u, "%%%02X", (unsigned char)*p);
		else buf_putc(&u, *p);
	}
	buf_puts(&u, "?mode=ro&immutable=1");
	return u.data;
}

static char *col_str(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return xstrdup(t ? (const char *)t : "");
}

static void col_copy(char *dst, size_t cap, sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	snprintf(dst, cap, "%s", t ? (const char *)t : "");
}

static int load_meta(store_t *st)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(st->db, "SELECT key, value FROM meta ORDER BY key", -1, &q, NULL) != SQLITE_OK) return -1;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		st->meta = xrealloc(st->meta, (st->nmeta + 2) * sizeof *st->meta);
		st->meta[st->nmeta++] = col_str(q, 0);
		st->meta[st->nmeta++] = col_str(q, 1);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int load_regions(store_t *st)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(st->db, "SELECT id, parent FROM regions ORDER BY id", -1, &q, NULL) != SQLITE_OK) return -1;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		st->region_id = xrealloc(st->region_id, (st->nregions + 1) * sizeof(char *));
		st->region_parent = xrealloc(st->region_parent, (st->nregions + 1) * sizeof(char *));
		st->region_id[st->nregions] = col_str(q, 0);
		st->region_parent[st->nregions++] = col_str(q, 1);
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- hostile content --------------------------------------------------------- */

int store_version_ok(const char *v)
{
	if (!v || strlen(v) != 10 || strspn(v, "0123456789") != 10) return 0;
	int y = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
	int m = (v[4] - '0') * 10 + (v[5] - '0'), d = (v[6] - '0') * 10 + (v[7] - '0');
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return y >= 2020 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1];
}

/* The tables kyr-build makes (build.c runs this). A database from outside
 * must hold exactly what this makes, object by object and letter by letter
 * (store_check_schema): no view, trigger, generated column or index of its
 * own can run anything here. */
const char store_schema_sql[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE languages(code TEXT PRIMARY KEY, native_name TEXT NOT NULL,"
	" english_name TEXT NOT NULL, rtl INTEGER NOT NULL, ord INTEGER NOT NULL,"
	" voice TEXT NOT NULL, keyboard TEXT NOT NULL);"
	"CREATE TABLE ui(lang TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,"
	" PRIMARY KEY(lang, key));"
	"CREATE TABLE topics(slug TEXT PRIMARY KEY, ord INTEGER NOT NULL, icon INTEGER NOT NULL);"
	"CREATE TABLE articles(topic TEXT NOT NULL, lang TEXT NOT NULL, title TEXT NOT NULL,"
	" summary TEXT NOT NULL, blocks BLOB NOT NULL, reviewed_by TEXT NOT NULL,"
	" reviewed_on TEXT NOT NULL, review_due TEXT NOT NULL, sources TEXT NOT NULL,"
	" revision INTEGER NOT NULL, stale INTEGER NOT NULL, as_of TEXT NOT NULL,"
	" review_terms TEXT NOT NULL, PRIMARY KEY(topic, lang));"
	"CREATE TABLE regions(id TEXT PRIMARY KEY, name TEXT NOT NULL, state TEXT NOT NULL,"
	" county TEXT NOT NULL, parent TEXT NOT NULL);"
	"CREATE TABLE contacts(id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,"
	" phones TEXT NOT NULL, address TEXT NOT NULL, region TEXT NOT NULL, hours TEXT NOT NULL,"
	" languages TEXT NOT NULL, services TEXT NOT NULL, notes TEXT NOT NULL,"
	" verified_on TEXT NOT NULL, sample INTEGER NOT NULL, tz TEXT NOT NULL,"
	" interpretation INTEGER NOT NULL);"
	/* Translations of a contact's name and notes (directory/<lang>.po). */
	"CREATE TABLE contact_text(id TEXT NOT NULL, lang TEXT NOT NULL, field TEXT NOT NULL,"
	" value TEXT NOT NULL, PRIMARY KEY(id, lang, field));"
	"CREATE TABLE keyboards(name TEXT PRIMARY KEY, layout TEXT NOT NULL);"
	"CREATE TABLE recordings(topic TEXT NOT NULL, lang TEXT NOT NULL, data BLOB NOT NULL,"
	" PRIMARY KEY(topic, lang));"
	/* langtok holds the language as one token (store.c: lang_token) so a
	 * query only ever reads rows of the languages it wants. rtitle and
	 * rbody hold the romanised words of title and keywords, and of body,
	 * one line per word; rmap each body word's bytes (roman.h). The
	 * categories keep vowel signs (M*) inside words: by default unicode61
	 * cuts Bengali অধিকার into অধ|ক|র and matches the pieces. Prefixes of
	 * one to six characters have an index of their own: a longer prefix
	 * than the index has makes FTS5 merge every matching term's rows when
	 * the query starts, twice with bm25 (docs/performance.md, round five). */
	/* text_languages (store_text_languages_sql) is made only when the
	 * content has audio-first languages. */
	"CREATE VIRTUAL TABLE search USING fts5(title, body, keywords, langtok, kind UNINDEXED, ref UNINDEXED,"
	" lang UNINDEXED, rtitle, rbody, rmap UNINDEXED,"
	" tokenize=\"unicode61 remove_diacritics 2 categories 'L* N* Co M*'\", prefix='1 2 3 4 5 6');"
	;
const char store_text_languages_sql[] =
	"CREATE TABLE text_languages(code TEXT PRIMARY KEY, text_language TEXT NOT NULL);";

/* Tables a database may lack: recordings (older databases) and
 * text_languages (content without audio-first languages). */
#define OPTIONAL_TABLES "('recordings', 'text_languages')"

/* A name from the database, fit for one line of a log or status file. */
static void clean_name(char *dst, size_t cap, const char *src)
{
	size_t n = 0;
	for (; src && src[n] && n + 1 < cap; n++) dst[n] = (unsigned char)src[n] < 0x20 || src[n] == 0x7f ? '?' : src[n];
	dst[n] = 0;
}

/* The reference: store_schema_sql run in an empty in-memory database. */
static sqlite3 *schema_reference(void)
{
	sqlite3 *ref = NULL;
	if (sqlite3_open_v2(":memory:", &ref, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK ||
	    sqlite3_exec(ref, store_schema_sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(ref, store_text_languages_sql, NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_close(ref);
		return NULL;
	}
	return ref;
}

#define SCHEMA_SQL "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema"

int store_check_schema(sqlite3 *db, char *err, size_t errlen)
{
	char dummy[8], name[64];
	if (!err) { err = dummy; errlen = sizeof dummy; }
	sqlite3 *ref = schema_reference();
	sqlite3_stmt *q = NULL, *r = NULL;
	int rc = -1, step, matched = 0;
	if (!ref || sqlite3_prepare_v2(ref, SCHEMA_SQL " WHERE type = ?1 AND name = ?2 AND tbl_name = ?3 AND coalesce(sql, '') = ?4",
	                               -1, &r, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot build the reference schema");
		goto done;
	}
	/* sqlite_schema itself is a plain table: reading it runs nothing of
	 * the database's own (views and triggers are only read as text). */
	if (sqlite3_prepare_v2(db, SCHEMA_SQL, -1, &q, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "not a KYR content database (%s)", sqlite3_errmsg(db));
		goto done;
	}
	while ((step = sqlite3_step(q)) == SQLITE_ROW) {
		for (int i = 0; i < 4; i++) sqlite3_bind_text(r, i + 1, (const char *)sqlite3_column_text(q, i), -1, SQLITE_STATIC);
		int same = sqlite3_step(r) == SQLITE_ROW;
		sqlite3_reset(r);
		if (!same) {
			const char *type = (const char *)sqlite3_column_text(q, 0), *sql = (const char *)sqlite3_column_text(q, 3);
			clean_name(name, sizeof name, (const char *)sqlite3_column_text(q, 1));
			snprintf(err, errlen, "unexpected %s%s '%s' in the database (only kyr-build's own tables and indexes, as it makes them, are allowed)",
			         sql && !strncmp(sql, "CREATE VIRTUAL", 14) ? "virtual " : "", type ? type : "object", name);
			goto done;
		}
		matched++;
	}
	if (step != SQLITE_DONE) {
		snprintf(err, errlen, "cannot read the schema (%s)", sqlite3_errmsg(db));
		goto done;
	}
	/* Everything present matched; now nothing may be missing but the
	 * optional tables and their indexes. */
	sqlite3_finalize(r);
	r = NULL;
	if (sqlite3_prepare_v2(ref, "SELECT type, name FROM sqlite_schema WHERE tbl_name NOT IN " OPTIONAL_TABLES, -1, &r, NULL) != SQLITE_OK)
		goto done;
	int need = 0, have_rec = 0;
	while (sqlite3_step(r) == SQLITE_ROW) need++;
	sqlite3_finalize(r);
	r = NULL;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema WHERE tbl_name IN " OPTIONAL_TABLES, -1, &r, NULL) == SQLITE_OK &&
	    sqlite3_step(r) == SQLITE_ROW)
		have_rec = sqlite3_column_int(r, 0);
	if (matched - have_rec != need) {
		snprintf(err, errlen, "not a KYR content database (%d of its %d tables and indexes are missing)", need - (matched - have_rec), need);
		goto done;
	}
	rc = 0;
done:
	sqlite3_finalize(q);
	sqlite3_finalize(r);
	sqlite3_close(ref);
	return rc;
}

/* The time limit: SQLite calls this every few thousand steps of a running
 * statement; began is set when a statement starts (trace_stmt). */
static int over_time(void *ctx)
{
	store_t *st = ctx;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long long ms = (now.tv_sec - st->began.tv_sec) * 1000LL + (now.tv_nsec - st->began.tv_nsec) / 1000000;
	return ms > STORE_QUERY_MS;
}

static int trace_stmt(unsigned type, void *ctx, void *p, void *x)
{
	(void)type; (void)p; (void)x;
	clock_gettime(CLOCK_MONOTONIC, &((store_t *)ctx)->began);
	return 0;
}

/* Titles, names, summaries and articles within the limits (one scan). */
static int check_limits(store_t *st, const char *path, char *err, size_t errlen)
{
	sqlite3_stmt *q = NULL;
	int rc = -1;
	if (sqlite3_prepare_v2(st->db,
	        "SELECT 'article ' || topic || '/' || lang FROM articles WHERE length(title) > ?1 OR length(summary) > ?2"
	        " OR length(CAST(blocks AS BLOB)) > ?3"
	        " UNION ALL SELECT 'topic ' || slug FROM topics WHERE length(slug) > 60"
	        " UNION ALL SELECT 'contact ' || id FROM contacts WHERE length(name) > ?1 LIMIT 1", -1, &q, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_bind_int(q, 1, STORE_MAX_TITLE);
	sqlite3_bind_int(q, 2, STORE_MAX_SUMMARY);
	sqlite3_bind_int(q, 3, (int)STORE_MAX_ARTICLE);
	int step = sqlite3_step(q);
	if (step == SQLITE_ROW) {
		char what[96];
		clean_name(what, sizeof what, (const char *)sqlite3_column_text(q, 0));
		snprintf(err, errlen, "%s: %s is over the content limits (title %d characters, summary %d, article %u bytes)",
		         path, what, STORE_MAX_TITLE, STORE_MAX_SUMMARY, STORE_MAX_ARTICLE);
		goto done;
	}
	if (step != SQLITE_DONE) goto fail;
	rc = 0;
	goto done;
fail:
	snprintf(err, errlen, "%s: damaged content database: %s", path, sqlite3_errmsg(st->db));
done:
	sqlite3_finalize(q);
	return rc;
}

/* kyr_other(search, k): 1 when the row's langtok matched only the k-th
 * phrase from the end of the MATCH, English's in match_expr() (k = 3),
 * when the visitor reads another language; 0 for their own language's rows
 * or k = 0. Phrases count from the expression's start, so the langtok
 * phrases are its last four: the row's language found without its text. */
static void other_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	int k = nval > 0 ? sqlite3_value_int(val[0]) : 0, n = 0, english = 0, own = 0;
	int phrase = api->xPhraseCount(fts) - k;
	if (k > 0 && api->xInstCount(fts, &n) == SQLITE_OK)
		for (int i = 0; i < n; i++) {
			int ip, ic, io;
			if (api->xInst(fts, i, &ip, &ic, &io) != SQLITE_OK || ic != LANGTOK_COL) continue;
			if (ip == phrase) english = 1;
			else own = 1;
		}
	sqlite3_result_int(ctx, english && !own);
}

/* Everything after the connection exists but the limits: schema, meta,
 * version, statements. */
static int open_checks(store_t *st, const char *path, char *err, size_t errlen)
{
	char why[256];
	if (store_check_schema(st->db, why, sizeof why) < 0) {
		snprintf(err, errlen, "%s: %s", path, why);
		return -1;
	}
	if (load_meta(st) < 0) {
		snprintf(err, errlen, "%s: not a KYR content database (%s)", path, sqlite3_errmsg(st->db));
		return -1;
	}
	const char *v = store_meta(st, "schema_version");
	if (!v || atoi(v) != STORE_SCHEMA_VERSION) {
		snprintf(err, errlen, "%s: schema version %s, this kiosk understands %d", path, v ? v : "missing",
		         STORE_SCHEMA_VERSION);
		return -1;
	}
	const char *cv = store_meta(st, "content_version");
	if (!store_version_ok(cv)) {
		clean_name(why, 32, cv ? cv : "missing");
		snprintf(err, errlen, "%s: content version '%s' is not of the form YYYYMMDDNN (2020-2099)", path, why);
		return -1;
	}
	fts5_api *api = snippet_fts5(st->db);
	if (!(st->fts = snippet_fts_open(st->db)) || api->xCreateFunction(api, "kyr_other", NULL, other_fn, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: this SQLite has no FTS5 full-text search", path);
		return -1;
	}
	for (int i = 0; i < Q_COUNT; i++)
		if (sqlite3_prepare_v3(st->db, queries[i], -1, SQLITE_PREPARE_PERSISTENT, &st->q[i], NULL) != SQLITE_OK) {
			snprintf(err, errlen, "%s: damaged content database: %s", path, sqlite3_errmsg(st->db));
			return -1;
		}
	if (sqlite3_prepare_v3(st->db, recording_sql, -1, SQLITE_PREPARE_PERSISTENT, &st->q_recording, NULL) != SQLITE_OK)
		st->q_recording = NULL;
	if (load_regions(st) < 0) {
		snprintf(err, errlen, "%s: damaged content database: %s", path, sqlite3_errmsg(st->db));
		return -1;
	}
	return 0;
}

/* Readahead on SQLite's descriptors of the database file (found by device
 * and inode: SQLite does not hand out its descriptor). Until the scan, the
 * kiosk reads a few scattered pages for its first frame (meta, languages,
 * UI strings: 17 reads, 68 KB) and the kernel's readahead would turn those
 * into 320 KB read from the SD card before that frame; the scan then reads
 * the whole file, where readahead helps (docs/performance.md). */
static void file_readahead(const struct stat *file, int on)
{
	long max = sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 4096) max = 4096;
	for (int fd = 0; fd < max; fd++) {
		struct stat s;
		if (fstat(fd, &s) == 0 && s.st_dev == file->st_dev && s.st_ino == file->st_ino)
			posix_fadvise(fd, 0, 0, on ? POSIX_FADV_NORMAL : POSIX_FADV_RANDOM);
	}
}

static void store_readahead(const store_t *st, int on)
{
	if (st->have_file) file_readahead(&st->file, on);
}

/* The default VFS, but readahead is off on a database file from the moment
 * it is opened: SQLite reads the header before store_open_unscanned() could
 * turn it off, and the kernel's readahead window that read opens is then
 * grown page by page, whatever the descriptor is told later. */
static sqlite3_vfs store_vfs, *store_base;

static int vfs_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out)
{
	int rc = store_base->xOpen(vfs, name, f, flags, out);
	struct stat file;
	if (rc == SQLITE_OK && (flags & SQLITE_OPEN_MAIN_DB) && name && stat(name, &file) == 0)
		file_readahead(&file, 0);
	return rc;
}

static const char *store_vfs_name(void)
{
	if (!store_vfs.zName) {
		if (!(store_base = sqlite3_vfs_find(NULL))) return NULL;
		store_vfs = *store_base;   /* same functions and pAppData, as the base expects */
		store_vfs.pNext = NULL;
		store_vfs.zName = "kyr-no-readahead";
		store_vfs.xOpen = vfs_open;
		if (sqlite3_vfs_register(&store_vfs, 0) != SQLITE_OK) {
			store_vfs.zName = NULL;
			return NULL;
		}
	}
	return store_vfs.zName;
}

store_t *store_open(const char *path, char *err, size_t errlen)
{
	store_t *st = store_open_unscanned(path, err, errlen);
	if (st && store_check_limits(st, path, err, errlen) < 0) {
		store_close(st);
		return NULL;
	}
	return st;
}

int store_check_limits(store_t *st, const char *path, char *err, size_t errlen)
{
	store_readahead(st, 1);
	return check_limits(st, path, err, errlen);
}

store_t *store_open_unscanned(const char *path, char *err, size_t errlen)
{
	store_t *st = xcalloc(1, sizeof *st);
	if (access(path, R_OK) != 0) {
		snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		free(st);
		return NULL;
	}
	char *uri = file_uri(path);
	int rc = sqlite3_open_v2(uri, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, store_vfs_name());
	free(uri);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "%s: cannot open: %s", path, st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto fail;
	}
	st->have_file = stat(path, &st->file) == 0;
	/* The file may come from a USB stick: no schema-defined functions or
	 * views get to run with our privileges, no writes to sqlite_schema. */
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_exec(st->db, "PRAGMA trusted_schema=OFF", NULL, NULL, NULL);
	/* Sorts stay in memory: the sandbox lets no temporary file be made. */
	sqlite3_exec(st->db, "PRAGMA temp_store=MEMORY", NULL, NULL, NULL);
	/* A small page cache: the file is immutable and the kernel's page cache
	 * holds it anyway, so SQLite's own copy (2 MB by default, filled by the
	 * start-up scan and kept) is heap the kiosk's peak memory pays for. */
	char pragma[48];
	snprintf(pragma, sizeof pragma, "PRAGMA cache_size=-%d", STORE_CACHE_KB);
	sqlite3_exec(st->db, pragma, NULL, NULL, NULL);
	sqlite3_limit(st->db, SQLITE_LIMIT_LENGTH, 16 << 20);
	clock_gettime(CLOCK_MONOTONIC, &st->began);
	sqlite3_trace_v2(st->db, SQLITE_TRACE_STMT, trace_stmt, st);
	sqlite3_progress_handler(st->db, 100, over_time, st);
	if (open_checks(st, path, err, errlen) == 0) return st;
fail:
	store_close(st);
	return NULL;
}

void store_close(store_t *st)
{
	if (!st) return;
	for (int i = 0; i < Q_COUNT; i++) sqlite3_finalize(st->q[i]);
	sqlite3_finalize(st->q_recording);
	snippet_fts_close(st->fts);
	sqlite3_close(st->db);
	for (size_t i = 0; i < st->nmeta; i++) free(st->meta[i]);
	for (size_t i = 0; i < st->nregions; i++) {
		free(st->region_id[i]);
		free(st->region_parent[i]);
	}
	for (size_t i = 0; i < st->ui_cap; i++) {
		free(st->ui[i].lang);
		free(st->ui[i].key);
		free(st->ui[i].value);
	}
	free(st->meta);
	free(st->region_id);
	free(st->region_parent);
	free(st->ui);
	free(st);
}

const char *store_meta(store_t *st, const char *key)
{
	for (size_t i = 0; st && i + 1 < st->nmeta; i += 2)
		if (strcmp(st->meta[i], key) == 0) return st->meta[i + 1];
	return NULL;
}

/* Resets a statement for its next use and passes on a step's result. */
static int done(sqlite3_stmt *q, int rc)
{
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	return rc;
}

/* ---- recorded readings ----------------------------------------------------- */

int store_recording(store_t *st, const char *slug, const char *lang, void **data, size_t *len)
{
	sqlite3_stmt *q = st->q_recording;
	*data = NULL;
	*len = 0;
	if (!q) return -1;
	sqlite3_bind_text(q, 1, slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, lang, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW) {
		int n = sqlite3_column_bytes(q, 0);
		const void *p = sqlite3_column_blob(q, 0);
		if (p && n > 0) {
			*data = xmalloc((size_t)n);
			memcpy(*data, p, (size_t)n);
			*len = (size_t)n;
		}
	}
	done(q, 0);
	return *data ? 0 : -1;
}

/* ---- keyboards ----------------------------------------------------------- */

char *store_keyboard(store_t *st, const char *name)
{
	sqlite3_stmt *q = st->q[Q_KEYBOARD];
	sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
	char *v = sqlite3_step(q) == SQLITE_ROW ? col_str(q, 0) : NULL;
	done(q, 0);
	return v;
}

/* ---- languages and interface strings ------------------------------------- */

int store_languages(store_t *st, store_lang_t **out)
{
	sqlite3_stmt *q = st->q[Q_LANGS];
	store_lang_t *v = NULL;
	int n = 0, rc;
	*out = NULL;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		v = xrealloc(v, (size_t)(n + 1) * sizeof *v);
		store_lang_t *l = &v[n++];
		memset(l, 0, sizeof *l);
		col_copy(l->code, sizeof l->code, q, 0);
		l->native_name = col_str(q, 1);
		l->english_name = col_str(q, 2);
		l->rtl = sqlite3_column_int(q, 3);
		l->order = sqlite3_column_int(q, 4);
		col_copy(l->voice, sizeof l->voice, q, 5);
		col_copy(l->keyboard, sizeof l->keyboard, q, 6);
	}
	if (done(q, rc) != SQLITE_DONE) {
		store_langs_free(v, n);
		return -1;
	}
	/* Audio-first languages, when the content has any (no table else). */
	sqlite3_stmt *t = NULL;
	if (sqlite3_prepare_v2(st->db, "SELECT code, text_language FROM text_languages", -1, &t, NULL) == SQLITE_OK) {
		while (sqlite3_step(t) == SQLITE_ROW)
			for (int i = 0; i < n; i++)
				if (!strcmp(v[i].code, (const char *)sqlite3_column_text(t, 0))) col_copy(v[i].text_lang, sizeof v[i].text_lang, t, 1);
		sqlite3_finalize(t);
	}
	*out = v;
	return n;
}

void store_langs_free(store_lang_t *langs, int n)
{
	for (int i = 0; i < n; i++) {
		free(langs[i].native_name);
		free(langs[i].english_name);
	}
	free(langs);
}

static unsigned ui_hash(const char *lang, const char *key)
{
	unsigned h = hash_bytes(HASH_INIT, lang, strlen(lang) + 1);   /* the NUL parts lang from key */
	h = hash_bytes(h, key, strlen(key));
	return h;
}

static ui_entry_t *ui_slot(ui_entry_t *tab, size_t cap, unsigned h, const char *lang, const char *key)
{
	for (size_t i = h & (cap - 1);; i = (i + 1) & (cap - 1))
		if (!tab[i].key || (tab[i].hash == h && strcmp(tab[i].lang, lang) == 0 && strcmp(tab[i].key, key) == 0))
			return &tab[i];
}

static void ui_grow(store_t *st)
{
	size_t cap = st->ui_cap ? st->ui_cap * 2 : 256;
	ui_entry_t *tab = xcalloc(cap, sizeof *tab);
	for (size_t i = 0; i < st->ui_cap; i++)
		if (st->ui[i].key) *ui_slot(tab, cap, st->ui[i].hash, st->ui[i].lang, st->ui[i].key) = st->ui[i];
	free(st->ui);
	st->ui = tab;
	st->ui_cap = cap;
}

/* The stored value of key in lang, or NULL. */
static char *ui_lookup(store_t *st, const char *lang, const char *key)
{
	sqlite3_stmt *q = st->q[Q_UI];
	char *v = NULL;
	sqlite3_bind_text(q, 1, lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW) v = col_str(q, 0);
	done(q, 0);
	return v;
}

const char *store_ui(store_t *st, const char *lang, const char *key)
{
	if (!lang) lang = "en";
	unsigned h = ui_hash(lang, key);
	if (st->ui_cap) {
		ui_entry_t *e = ui_slot(st->ui, st->ui_cap, h, lang, key);
		if (e->key) return e->value;
	}
	char *v = ui_lookup(st, lang, key);
	if (!v && strcmp(lang, "en") != 0) v = ui_lookup(st, "en", key);
	if (!v) v = xstrdup(key);
	if ((st->ui_n + 1) * 10 > st->ui_cap * 7) ui_grow(st);
	ui_entry_t *e = ui_slot(st->ui, st->ui_cap, h, lang, key);
	*e = (ui_entry_t){ xstrdup(lang), xstrdup(key), v, h };
	st->ui_n++;
	return v;
}

/* ---- topics and articles ------------------------------------------------- */

int store_topics(store_t *st, const char *lang, store_topic_t **out)
{
	sqlite3_stmt *q = st->q[Q_TOPICS];
	store_topic_t *v = NULL;
	int n = 0, rc;
	*out = NULL;
	sqlite3_bind_text(q, 1, lang ? lang : "en", -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		v = xrealloc(v, (size_t)(n + 1) * sizeof *v);
		store_topic_t *t = &v[n++];
		memset(t, 0, sizeof *t);
		col_copy(t->slug, sizeof t->slug, q, 0);
		t->order = sqlite3_column_int(q, 1);
		t->icon = (unsigned)sqlite3_column_int64(q, 2);
		col_copy(t->lang, sizeof t->lang, q, 3);
		t->title = col_str(q, 4);
		t->summary = col_str(q, 5);
		t->fallback = sqlite3_column_int(q, 6);
	}
	if (done(q, rc) != SQLITE_DONE) {
		store_topics_free(v, n);
		return -1;
	}
	*out = v;
	return n;
}

void store_topics_free(store_topic_t *t, int n)
{
	for (int i = 0; i < n; i++) {
		free(t[i].title);
		free(t[i].summary);
	}
	free(t);
}

/* Loads slug in exactly lang: 1 found, 0 not there, -1 error. */
static int article_in(store_t *st, const char *slug, const char *lang, store_article_t *a)
{
	sqlite3_stmt *q = st->q[Q_ARTICLE];
	sqlite3_bind_text(q, 1, slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, lang, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) return done(q, rc) == SQLITE_DONE ? 0 : -1;
	snprintf(a->slug, sizeof a->slug, "%s", slug);
	snprintf(a->lang, sizeof a->lang, "%s", lang);
	a->title = col_str(q, 0);
	a->summary = col_str(q, 1);
	a->blocks_len = (size_t)sqlite3_column_bytes(q, 2);
	a->blocks = xmalloc(a->blocks_len);
	if (a->blocks_len) memcpy(a->blocks, sqlite3_column_blob(q, 2), a->blocks_len);
	a->reviewed_by = col_str(q, 3);
	a->reviewed_on = col_str(q, 4);
	a->review_due = col_str(q, 5);
	a->sources = col_str(q, 6);
	a->icon = (unsigned)sqlite3_column_int64(q, 7);
	a->rtl = sqlite3_column_int(q, 8);
	a->as_of = col_str(q, 9);
	a->review_terms = col_str(q, 10);
	a->revision = sqlite3_column_int(q, 11);
	a->stale = sqlite3_column_int(q, 12);
	done(q, 0);
	return 1;
}

int store_article(store_t *st, const char *slug, const char *lang, store_article_t *out)
{
	memset(out, 0, sizeof *out);
	if (!lang) lang = "en";
	int rc = article_in(st, slug, lang, out);
	if (rc == 0 && strcmp(lang, "en") != 0) {
		rc = article_in(st, slug, "en", out);
		out->fallback = rc == 1;
	}
	return rc == 1 ? 0 : -1;
}

void store_article_free(store_article_t *a)
{
	free(a->title);
	free(a->summary);
	free(a->reviewed_by);
	free(a->reviewed_on);
	free(a->review_due);
	free(a->sources);
	free(a->as_of);
	free(a->review_terms);
	free(a->blocks);
	memset(a, 0, sizeof *a);
}

/* ---- contacts ------------------------------------------------------------ */

static int region_index(const store_t *st, const char *id)
{
	for (size_t i = 0; i < st->nregions; i++)
		if (strcmp(st->region_id[i], id) == 0) return (int)i;
	return -1;
}

/* 0 the kiosk's region, 1 one of its ancestors, 2 national, -1 elsewhere. */
static int region_rank(const store_t *st, const char *kiosk, const char *region)
{
	if (strcmp(region, "national") == 0) return 2;
	if (!kiosk) return -1;
	if (strcmp(region, kiosk) == 0) return 0;
	int at = region_index(st, kiosk);
	for (int depth = 0; at >= 0 && depth < MAX_REGION_DEPTH; depth++) {
		const char *parent = st->region_parent[at];
		if (!parent[0]) break;
		if (strcmp(parent, region) == 0) return 1;
		at = region_index(st, parent);
	}
	return -1;
}

/* 1 when the ';'-separated list holds item. */
static int list_has(const char *list, const char *item)
{
	size_t n = strlen(item);
	for (const char *p = list; p && *p; p = strchr(p, ';') ? strchr(p, ';') + 1 : NULL) {
		while (*p == ' ') p++;
		if (strncmp(p, item, n) == 0 && (p[n] == ';' || p[n] == ' ' || !p[n])) return 1;
	}
	return 0;
}

typedef struct {
	store_contact_t c;
	int hotline, speaks, index;
} ranked_t;

static int cmp_ranked(const void *a, const void *b)
{
	const ranked_t *x = a, *y = b;
	if (x->hotline != y->hotline) return y->hotline - x->hotline;
	if (x->c.rank != y->c.rank) return x->c.rank - y->c.rank;
	if (x->speaks != y->speaks) return y->speaks - x->speaks;
	return x->index - y->index;   /* the query's order: by name */
}

static void contact_row(sqlite3_stmt *q, store_contact_t *c)
{
	memset(c, 0, sizeof *c);
	col_copy(c->id, sizeof c->id, q, 0);
	col_copy(c->kind, sizeof c->kind, q, 1);
	c->name = col_str(q, 2);
	c->phones = col_str(q, 3);
	c->address = col_str(q, 4);
	c->hours = col_str(q, 5);
	c->notes = col_str(q, 6);
	col_copy(c->region, sizeof c->region, q, 7);
	c->languages = col_str(q, 8);
	c->services = col_str(q, 9);
	col_copy(c->verified_on, sizeof c->verified_on, q, 10);
	c->sample = sqlite3_column_int(q, 11);
	col_copy(c->tz, sizeof c->tz, q, 12);
	c->interpretation = sqlite3_column_int(q, 13);
	c->name_translated = sqlite3_column_int(q, 14);
	c->notes_translated = sqlite3_column_int(q, 15);
}

int store_contacts(store_t *st, const char *region, const char *lang,
                   const char *service, store_contact_t **out)
{
	sqlite3_stmt *q = st->q[Q_CONTACTS];
	ranked_t *v = NULL;
	int n = 0, rc;
	*out = NULL;
	sqlite3_bind_text(q, 1, lang ? lang : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(q, 1, lang ? lang : "", -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const unsigned char *rg = sqlite3_column_text(q, 7), *sv = sqlite3_column_text(q, 9);
		int rank = region_rank(st, region, rg ? (const char *)rg : "");
		if (rank < 0 || (service && !list_has((const char *)sv, service))) continue;
		v = xrealloc(v, (size_t)(n + 1) * sizeof *v);
		ranked_t *r = &v[n];
		contact_row(q, &r->c);
		r->c.rank = rank;
		r->hotline = strcmp(r->c.kind, "hotline") == 0;
		r->speaks = lang && list_has(r->c.languages, lang);
		r->index = n++;
	}
	store_contact_t *c = n ? xmalloc((size_t)n * sizeof *c) : NULL;
	if (n) qsort(v, (size_t)n, sizeof *v, cmp_ranked);
	for (int i = 0; i < n; i++) c[i] = v[i].c;
	free(v);
	if (done(q, rc) != SQLITE_DONE) {
		store_contacts_free(c, n);
		return -1;
	}
	*out = c;
	return n;
}

void store_contacts_free(store_contact_t *c, int n)
{
	for (int i = 0; i < n; i++) {
		free(c[i].name); free(c[i].phones); free(c[i].address); free(c[i].hours);
		free(c[i].notes); free(c[i].languages); free(c[i].services);
	}
	free(c);
}

/* ---- search -------------------------------------------------------------- */

/* An FTS5 expression for what was typed: every word a quoted string (so no
 * word can be read as an operator), the last one a prefix so results show
 * while the visitor is still typing. Returns NULL when there is no word. */
void store_lang_token(const char *lang, char *out, size_t cap)
{
	size_t o = 0;
	if (cap < 5) { if (cap) out[0] = 0; return; }
	out[o++] = 'l';
	for (const char *p = lang; *p && o + 1 < cap; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) out[o++] = *p;
		else if (*p >= 'A' && *p <= 'Z') out[o++] = (char)(*p - 'A' + 'a');
	if (o == 1) { memcpy(out, "lany", 5); return; }
	out[o] = 0;
}

void store_contact_token(const char *lang, char *out, size_t cap)
{
	store_lang_token(lang, out, cap);
	if (out[0]) out[0] = 'k';
}

/* What was typed, folded for Latin-letter search (roman.h): the words in
 * r->words, or none when lang is not romanised or a word is not in plain
 * Latin letters. */
typedef struct {
	char **words;
	int n;
} roman_query_t;

static void roman_query_free(roman_query_t *r)
{
	for (int i = 0; i < r->n; i++) free(r->words[i]);
	free(r->words);
	memset(r, 0, sizeof *r);
}

static void roman_word(roman_query_t *r, int mode, const char *w, size_t n, int *ok)
{
	char f[128];
	if (!*ok || !mode) return;
	if (!roman_fold(w, n, mode, f, sizeof f)) { *ok = 0; return; }
	r->words = xrealloc(r->words, (size_t)(r->n + 1) * sizeof *r->words);
	r->words[r->n++] = xasprintf(ROMAN_MARK "%s", f);
}

/* Every word a quoted string, the last one a prefix; words separated by
 * spaces. */
static void quoted(buf_t *m, const char *w, size_t n, int last)
{
	buf_puts(m, m->len ? " \"" : "\"");
	for (size_t i = 0; i < n; i++) {
		if (w[i] == '"') buf_putc(m, '"');
		buf_putc(m, w[i]);
	}
	buf_puts(m, last ? "\"*" : "\"");
}

/* The last word typed, ending in a bare Ethiopic consonant (ብ): the visitor
 * may be about to add its vowel (ቡ), so any syllable of that consonant
 * continues it: ("…ብ"* OR "…በ"* OR "…ቡ"* …). Returns 0 when w does not end
 * so. */
static int ethiopic_prefix(buf_t *m, const char *w, size_t n)
{
	size_t at = n;
	while (at > 0 && ((unsigned char)w[at - 1] & 0xC0) == 0x80) at--;
	if (at > 0) at--;
	size_t i = at;
	uint32_t row = kbd_ethiopic_bare(utf8_next(w, n, &i));
	if (!row || i != n) return 0;
	buf_puts(m, m->len ? " (" : "(");
	for (int order = 0, first = 1; order <= 7; order++) {
		char cp[4];
		uint32_t c = kbd_ethiopic_form(row, order);
		if (!c) continue;
		buf_puts(m, first ? "\"" : " OR \"");
		for (size_t k = 0; k < at; k++) {
			if (w[k] == '"') buf_putc(m, '"');
			buf_putc(m, w[k]);
		}
		buf_append(m, cp, (size_t)utf8_encode(c, cp));
		buf_puts(m, "\"*");
		first = 0;
	}
	buf_putc(m, ')');
	return 1;
}

static char *match_expr(const char *query, const char *lang, roman_query_t *r)
{
	buf_t words = {0}, m = {0}, rm = {0}, joined = {0};
	int mode = roman_mode(lang), ok = 1;
	memset(r, 0, sizeof *r);
	segment_words(query, strlen(query), lang, &words);
	for (char *p = words.data; p && *p;) {
		size_t n = strcspn(p, " ");
		const char *w = p;
		p += n;
		while (*p == ' ') p++;
		if (*p || !ethiopic_prefix(&m, w, n)) quoted(&m, w, n, !*p);
		roman_word(r, mode, w, n, &ok);
		if (ok && mode) quoted(&rm, r->words[r->n - 1], strlen(r->words[r->n - 1]), !*p);
		buf_append(&joined, w, n);
	}
	buf_free(&words);
	/* Syllables typed apart ("lv shi") also as one word ("lvshi"): the
	 * index has both, and the article with the whole word ranks first. */
	int whole = ok;   /* a joined word too long to fold leaves the rest as it is */
	if (ok && r->n > 1) {
		size_t before = (size_t)r->n;
		roman_word(r, mode, joined.data, joined.len, &whole);
		if (whole && (size_t)r->n > before) {
			char *all = xasprintf("(%s) OR \"%s\"*", rm.data, r->words[r->n - 1]);
			rm.len = 0;
			buf_puts(&rm, all);
			free(all);
		}
	}
	buf_free(&joined);
	if (!ok) roman_query_free(r);
	if (!m.data) {
		buf_free(&rm);
		return NULL;
	}
	/* Only the visitor's language, English and the contacts in the
	 * visitor's language (lany: contacts of databases that indexed them
	 * once, in no language). */
	char t1[40], t2[40], t3[40];
	store_lang_token(lang ? lang : "en", t1, sizeof t1);
	store_lang_token("en", t2, sizeof t2);
	store_contact_token(lang ? lang : "en", t3, sizeof t3);
	/* An English visitor's t1 is t2: the same rows, read once (bm25 weighs
	 * langtok 0, so the ranking is the same). kyr_other counts on English
	 * being the third phrase from the end otherwise. */
	char langs[160];
	if (strcmp(t1, t2)) snprintf(langs, sizeof langs, "%s OR %s OR %s OR lany", t1, t2, t3);
	else snprintf(langs, sizeof langs, "%s OR %s OR lany", t1, t3);
	char *full = r->n ? xasprintf("({title body keywords} : (%s) OR {rtitle rbody} : (%s)) AND langtok : (%s)",
	                              m.data, rm.data, langs)
	                  : xasprintf("{title body keywords} : (%s) AND langtok : (%s)", m.data, langs);
	buf_free(&m);
	buf_free(&rm);
	return full;
}

static int spaceless_script(uint32_t cp)
{
	UErrorCode err = U_ZERO_ERROR;
	UScriptCode s = uscript_getScript((UChar32)cp, &err);
	return U_SUCCESS(err) && (s == USCRIPT_HAN || s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA ||
	                          s == USCRIPT_THAI || s == USCRIPT_LAO || s == USCRIPT_KHMER ||
	                          s == USCRIPT_MYANMAR);
}

/* The index has a space between adjacent words ("如果 移民"); a snippet is
 * shown without the spaces the segmenter put between words of scripts that
 * are written without them. */
static char *unsegment(const char *s)
{
	size_t len = strlen(s), i = 0;
	uint32_t prev = 0;
	buf_t out = {0};
	buf_puts(&out, "");
	while (i < len) {
		size_t at = i;
		uint32_t cp = utf8_next(s, len, &i);
		if (cp == ' ' && spaceless_script(prev)) {
			size_t j = i;
			uint32_t next = 0;
			while (j < len && (s[j] == 1 || s[j] == 2)) j++;
			if (j < len) next = utf8_next(s, len, &j);
			if (spaceless_script(next)) continue;
		}
		buf_append(&out, s + at, i - at);
		if (cp != 1 && cp != 2) prev = cp;
	}
	return out.data;
}

/* The snippet of the search row r (Q_SEARCH_ROW) around the body words
 * whose romanisation matched (roman_snippet), or NULL. */
static char *roman_snip(sqlite3_stmt *r, const roman_query_t *rq)
{
	const char *body = (const char *)sqlite3_column_text(r, 1), *tok = (const char *)sqlite3_column_text(r, 2),
	           *map = (const char *)sqlite3_column_text(r, 3);
	return body && tok && map ? roman_snippet(body, tok, map, rq->words, rq->n) : NULL;
}

static int seen_ref(const store_hit_t *h, int n, const char *kind, const char *ref)
{
	for (int i = 0; i < n; i++)
		if (strcmp(h[i].kind, kind) == 0 && strcmp(h[i].ref, ref) == 0) return 1;
	return 0;
}

/* 1 when query is a single letter of an alphabet (Latin, Cyrillic, Arabic
 * …): it matches nearly every row and tells the visitor nothing. A single
 * Han character or Hangul syllable is a word and is searched. */
static int lone_letter(const char *query)
{
	size_t len = strlen(query), i = 0, letters = 0;
	uint32_t only = 0;
	while (i < len) {
		uint32_t cp = utf8_next(query, len, &i);
		if (cp == ' ') continue;
		only = cp;
		letters++;
	}
	if (letters != 1) return 0;
	UErrorCode err = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript((UChar32)only, &err);
	return !spaceless_script(only) && sc != USCRIPT_HANGUL;
}

int store_search(store_t *st, const char *query, const char *lang, int max, store_hit_t **out)
{
	sqlite3_stmt *q = st->q[Q_SEARCH];
	store_hit_t *h = NULL;
	int n = 0, rc = SQLITE_DONE;
	*out = NULL;
	roman_query_t rq;
	if (!query || lone_letter(query)) return 0;
	char *expr = match_expr(query ? query : "", lang, &rq);
	if (!expr || max <= 0) {
		free(expr);
		roman_query_free(&rq);
		return 0;
	}
	sqlite3_bind_text(q, 1, expr, -1, SQLITE_STATIC);
	char own[40], en[40];
	store_lang_token(lang ? lang : "en", own, sizeof own);
	store_lang_token("en", en, sizeof en);
	sqlite3_bind_int(q, 2, strcmp(own, en) ? 3 : 0);   /* kyr_other: English's langtok phrase */
	sqlite3_bind_int(q, 3, max + max / 2);   /* a little room for a topic in two languages */
	sqlite3_bind_int(q, 4, STORE_SEARCH_RANKED);
	while (n < max && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		sqlite3_stmt *r = st->q[Q_SEARCH_ROW];
		sqlite3_bind_int64(r, 1, sqlite3_column_int64(q, 0));
		int rrc = sqlite3_step(r);
		const char *kind = rrc == SQLITE_ROW ? (const char *)sqlite3_column_text(r, 4) : NULL;
		const char *ref = rrc == SQLITE_ROW ? (const char *)sqlite3_column_text(r, 5) : NULL;
		/* One hit per topic: the visitor's language sorts first. */
		if (kind && ref && !seen_ref(h, n, kind, ref)) {
			h = xrealloc(h, (size_t)(n + 1) * sizeof *h);
			store_hit_t *x = &h[n++];
			memset(x, 0, sizeof *x);
			col_copy(x->kind, sizeof x->kind, r, 4);
			col_copy(x->ref, sizeof x->ref, r, 5);
			col_copy(x->lang, sizeof x->lang, r, 6);
			x->score = sqlite3_column_double(q, 1);
			x->title = col_str(r, 0);
			const char *body = (const char *)sqlite3_column_text(r, 1);
			char *snip = snippet_of_row(st->fts, body ? body : "", (size_t)sqlite3_column_bytes(r, 1), sqlite3_column_blob(q, 2),
			                            sqlite3_column_bytes(q, 2));
			if (!snip) snip = xstrdup("");
			/* Matched in Latin letters only: mark the article's own words. */
			if (rq.n && !strchr(snip, '\x01') && roman_mode(x->lang)) {
				char *rs = roman_snip(r, &rq);
				if (rs) { free(snip); snip = rs; }
			}
			x->snippet = unsegment(snip);
			free(snip);
		}
		done(r, rrc);
		if (rrc != SQLITE_ROW && rrc != SQLITE_DONE) {
			rc = SQLITE_ERROR;
			break;
		}
	}
	free(expr);
	roman_query_free(&rq);
	if (rc != SQLITE_ROW && done(q, rc) != SQLITE_DONE) {
		store_hits_free(h, n);
		return -1;
	}
	done(q, rc);
	*out = h;
	return n;
}

void store_hits_free(store_hit_t *h, int n)
{
	for (int i = 0; i < n; i++) {
		free(h[i].title);
		free(h[i].snippet);
	}
	free(h);
}
