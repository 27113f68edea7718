/* content — see include/content.h. */
#include "content.h"
#include "util.h"

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
	struct timespec status_mtime;
	ino_t status_ino;
};

static char *prev_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	int dir = slash ? (int)(slash - path) : 0;
	return slash ? xasprintf("%.*s/content.prev.db", dir, path) : xstrdup("content.prev.db");
}

static store_t *try_open(const char *path)
{
	char err[512];
	store_t *st = store_open(path, err, sizeof err);
	if (!st) kyr_log("%s", err);
	return st;
}

content_t *content_open(const char *path)
{
	content_t *ct = xcalloc(1, sizeof *ct);
	ct->path = xstrdup(path);
	ct->prev = prev_path(path);
	ct->have_seen = stat(path, &ct->seen) == 0;
	if ((ct->st = try_open(path))) {
		ct->source = "content.db";
	} else if ((ct->st = try_open(ct->prev))) {
		ct->source = "content.prev.db";
		kyr_log("using the previous content (%s)", ct->prev);
	} else {
		kyr_log("no usable content: showing \"out of service\"");
	}
	return ct;
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
	store_t *st = try_open(ct->path);
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

int content_poll_status(content_t *ct, const char *path, update_status_t *st)
{
	struct stat sb;
	if (!path || !*path || stat(path, &sb) != 0) return 0;
	if (sb.st_ino == ct->status_ino && sb.st_mtim.tv_sec == ct->status_mtime.tv_sec &&
	    sb.st_mtim.tv_nsec == ct->status_mtime.tv_nsec)
		return 0;
	ct->status_ino = sb.st_ino;
	ct->status_mtime = sb.st_mtim;
	FILE *f = fopen(path, "r");
	if (!f) return 0;
	memset(st, 0, sizeof *st);
	char line[sizeof st->message + 16];
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = 0;
		char *eq = strchr(line, '=');
		if (!eq) continue;
		*eq = 0;
		const char *v = eq + 1;
		if (!strcmp(line, "state"))
			st->state = !strcmp(v, "copying") || !strcmp(v, "verifying") ? UPD_WORKING :
			            !strcmp(v, "installed") ? UPD_INSTALLED : UPD_REFUSED;
		else if (!strcmp(line, "progress")) st->progress = KYR_MAX(0, KYR_MIN(100, atoi(v)));
		else if (!strcmp(line, "message")) snprintf(st->message, sizeof st->message, "%s", v);
	}
	fclose(f);
	return 1;
}
