/* content — see include/content.h. */
#include "content.h"
#include "blocks.h"
#include "kbd.h"
#include "util.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct content {
	char *path, *prev;
	store_t *st;
	const char *source;
	struct stat seen;        /* the installed file as it was when opened */
	int have_seen;
	int scanned;             /* content_check() has run on st */
	struct timespec status_mtime;
	ino_t status_ino;
	uint32_t status_seen;    /* kiosk time of the last change */
	long status_pid;         /* the updater, while it is working; 0: none */
	int status_working;
};

static char *prev_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	int dir = slash ? (int)(slash - path) : 0;
	return slash ? xasprintf("%.*s/content.prev.db", dir, path) : xstrdup("content.prev.db");
}

/* Once per database, at start or when new content is taken (never while
 * a visitor is reading): every article's blocks and every keyboard layout
 * are decoded, and damage is logged here, by name, so nothing needs to be
 * logged when a visitor meets it (util.h: kyr_fault). */
static void check_items(store_t *st, const char *path)
{
	store_lang_t *langs;
	int nl = store_languages(st, &langs), n = 0;
	buf_t bad = {0};
	kbd_layout_t *kb = xmalloc(sizeof *kb);
	char err[160];
	for (int l = 0; l < nl; l++) {
		store_topic_t *tp;
		int nt = store_topics(st, langs[l].code, &tp);
		for (int i = 0; i < nt; i++) {
			store_article_t a;
			blocklist_t bl;
			if (tp[i].fallback || store_article(st, tp[i].slug, langs[l].code, &a) < 0) continue;
			if (blocks_decode(a.blocks, a.blocks_len, &bl) < 0 && n++ < 8)
				buf_printf(&bad, "%sarticle %s/%s", bad.len ? ", " : "", tp[i].slug, langs[l].code);
			blocks_free(&bl);
			store_article_free(&a);
		}
		if (nt > 0) store_topics_free(tp, nt);
		char names[KBD_MAX_LAYOUTS][KBD_NAME_BYTES];
		for (int k = 0, nk = kbd_names(langs[l].keyboard, names); k < nk; k++) {
			char *text = store_keyboard(st, names[k]);
			if (text && kbd_parse(text, kb, err, sizeof err) < 0 && n++ < 8)
				buf_printf(&bad, "%skeyboard %s (%s)", bad.len ? ", " : "", names[k], err);
			free(text);
		}
	}
	if (n) kyr_log("%s: content check: %d damaged item%s, shown as well as can be: %s%s", path, n, n > 1 ? "s" : "",
	               bad.data, n > 8 ? ", …" : "");
	if (nl > 0) store_langs_free(langs, nl);
	buf_free(&bad);
	free(kb);
}

/* The scan over every row: the limits (failing them refuses the file),
 * then each item's decoding (damage is logged, the item shown as well as
 * can be). 0, or -1 logged. */
static int scan(store_t *st, const char *path)
{
	char err[512];
	if (store_check_limits(st, path, err, sizeof err) < 0) {
		kyr_log("%s", err);
		return -1;
	}
	check_items(st, path);
	return 0;
}

/* scanned 0: the scan is left to content_check(). */
static store_t *try_open(const char *path, int scanned)
{
	char err[512];
	store_t *st = store_open_unscanned(path, err, sizeof err);
	if (!st) kyr_log("%s", err);
	else if (scanned && scan(st, path) < 0) {
		store_close(st);
		return NULL;
	}
	return st;
}

content_t *content_open(const char *path)
{
	content_t *ct = xcalloc(1, sizeof *ct);
	ct->path = xstrdup(path);
	ct->prev = prev_path(path);
	ct->have_seen = stat(path, &ct->seen) == 0;
	if ((ct->st = try_open(path, 0))) {
		ct->source = "content.db";
	} else if ((ct->st = try_open(ct->prev, 0))) {
		ct->source = "content.prev.db";
		kyr_log("using the previous content (%s)", ct->prev);
	} else {
		kyr_log("no usable content: showing \"out of service\"");
	}
	return ct;
}

int content_check(content_t *ct, store_t **old)
{
	if (ct->scanned || !ct->st) {
		ct->scanned = 1;
		return 0;
	}
	const char *path = strcmp(ct->source, "content.db") ? ct->prev : ct->path;
	if (scan(ct->st, path) == 0) {
		ct->scanned = 1;
		return 0;
	}
	*old = ct->st;
	/* content.db failed: the previous one, scanned now; content.prev.db
	 * failed: nothing is left. */
	ct->st = path == ct->path ? try_open(ct->prev, 1) : NULL;
	ct->source = ct->st ? "content.prev.db" : NULL;
	ct->scanned = 1;
	if (ct->st) kyr_log("using the previous content (%s)", ct->prev);
	else kyr_log("no usable content: showing \"out of service\"");
	return 1;
}

void content_close(content_t *ct)
{
	if (!ct) return;
	store_close(ct->st);
	free(ct->path);
	free(ct->prev);
	free(ct);
}

store_t *content_store(content_t *ct) { return ct->st; }
const char *content_source(const content_t *ct) { return ct->source; }

int content_changed(content_t *ct)
{
	struct stat now;
	if (stat(ct->path, &now) != 0) return 0;   /* gone: keep what we have */
	if (!ct->have_seen) return 1;
	return now.st_ino != ct->seen.st_ino || now.st_size != ct->seen.st_size ||
	       now.st_mtim.tv_sec != ct->seen.st_mtim.tv_sec || now.st_mtim.tv_nsec != ct->seen.st_mtim.tv_nsec;
}

int content_reload(content_t *ct, store_t **old)
{
	struct stat now;
	int have = stat(ct->path, &now) == 0;
	store_t *st = try_open(ct->path, 1);
	/* Remember this file either way: a damaged install is not retried on
	 * every reset, only when the file changes again. */
	ct->seen = now;
	ct->have_seen = have;
	if (!st) return 0;
	*old = ct->st;
	ct->st = st;
	ct->source = "content.db";
	kyr_log("new content: version %s", store_meta(st, "content_version"));
	return 1;
}

/* A working status whose updater is gone or silent; see content.h. */
static int status_stale(content_t *ct, uint32_t now, update_status_t *st)
{
	if (!ct->status_working) return 0;
	int dead = ct->status_pid > 0 && kill((pid_t)ct->status_pid, 0) < 0 && errno == ESRCH;
	if (!dead && now - ct->status_seen < CONTENT_STATUS_STALE_MS) return 0;
	ct->status_working = 0;
	memset(st, 0, sizeof *st);
	st->state = UPD_FAILED;
	st->progress = 100;
	snprintf(st->message, sizeof st->message, "failed: the update stopped without finishing (%s); the installed "
	         "content is unchanged", dead ? "kyr-update is no longer running" : "no progress for 30 seconds");
	kyr_log("update status: %s", dead ? "kyr-update is gone" : "no progress for 30 s; taken as failed");
	return 1;
}

int content_poll_status(content_t *ct, const char *path, uint32_t now, update_status_t *st)
{
	struct stat sb;
	if (!path || !*path || stat(path, &sb) != 0) return status_stale(ct, now, st);
	if (sb.st_ino == ct->status_ino && sb.st_mtim.tv_sec == ct->status_mtime.tv_sec &&
	    sb.st_mtim.tv_nsec == ct->status_mtime.tv_nsec)
		return status_stale(ct, now, st);
	ct->status_ino = sb.st_ino;
	ct->status_mtime = sb.st_mtim;
	FILE *f = fopen(path, "r");
	if (!f) return 0;
	memset(st, 0, sizeof *st);
	long pid = 0;
	char line[sizeof st->message + 16];
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = 0;
		char *eq = strchr(line, '=');
		if (!eq) continue;
		*eq = 0;
		const char *v = eq + 1;
		if (!strcmp(line, "state"))
			st->state = !strcmp(v, "copying") || !strcmp(v, "verifying") ? UPD_WORKING :
			            !strcmp(v, "installed") ? UPD_INSTALLED : !strcmp(v, "refused") ? UPD_REFUSED : UPD_FAILED;
		else if (!strcmp(line, "progress")) st->progress = KYR_MAX(0, KYR_MIN(100, atoi(v)));
		else if (!strcmp(line, "message")) snprintf(st->message, sizeof st->message, "%s", v);
		else if (!strcmp(line, "pid")) pid = atol(v);
	}
	fclose(f);
	ct->status_seen = now;
	ct->status_working = st->state == UPD_WORKING;
	ct->status_pid = pid;
	return 1;
}
