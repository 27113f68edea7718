/* kyr-build — checks a content folder and compiles it into content.db.
 *
 *   kyr-build [--strict] [-q] [--icons FILE] [-o OUT.db] [--bundle DIR]
 *             [--codepoints FILE [--codepoints-from PATH]] CONTENT
 *   kyr-build --sign SECRET_KEY [--allow-demo] [-t COMMENT] DB_OR_BUNDLE_DIR
 *   kyr-build --review-pack OUT_DIR [--pdf] CONTENT
 *
 * Everything happens in build_run() (src/build.c); this file only reads
 * the command line and, for the font subsets (tools/subset-fonts.sh),
 * lists the characters the content uses. Exit status: 0 built (or checked),
 * 1 content errors, 2 usage or write errors. */
#include "build.h"
#include "csv.h"
#include "datefmt.h"
#include "hours.h"
#include "review.h"
#include "sign.h"

#include <sys/stat.h>
#include <unistd.h>
#include "util.h"

#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every character of every text file of the content folder (articles, PO
 * files, CSV tables, keyboards): a superset of what the kiosk can draw from
 * this content, so the fonts can be cut down to it. */
static uint8_t *cp_seen;

static void cp_add_n(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp = utf8_next(s, len, &i);
		if (cp < 0x110000)
			cp_seen[cp >> 3] |= (uint8_t)(1u << (cp & 7));
	}
}

static int cp_visit(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type != FTW_F)
		return 0;
	size_t len;
	char *text = read_file(path, &len);
	if (text && utf8_valid(text, len))
		cp_add_n(text, len);
	free(text);
	return 0;
}

static void cp_add(const char *s)
{
	cp_add_n(s, strlen(s));
}

/* The header of CSV file name in content, parsed; -1 when unreadable. */
static int cp_csv(const char *content, const char *name, csv_t *c)
{
	char *path = xasprintf("%s/%s", content, name), err[128];
	size_t len;
	char *data = read_file(path, &len);
	int line = 0, rc = data ? csv_parse(data, len, c, &line, err, sizeof err) : -1;
	free(data);
	free(path);
	return rc;
}

/* What the kiosk writes through ICU rather than takes from the content:
 * day names, opening hours, dates, time-zone names and list words, in
 * every content language (the Chinese directory's 星期五 was missing from
 * the subsets, and the kiosk opened the whole 19 MB font for it). */
static void cp_icu_texts(const char *content)
{
	csv_t langs = {0}, contacts = {0};
	if (cp_csv(content, "languages.csv", &langs) != 0) return;
	int tzcol = cp_csv(content, "contacts.csv", &contacts) == 0 ? csv_column(&contacts, "tz") : -1;
	char out[512];
	for (size_t r = 1; r < langs.n; r++) {
		const char *lang = langs.rows[r].f[0];
		for (int d = 0; d < 7; d++) {
			hours_day_name(d, lang, out, sizeof out);
			cp_add(out);
		}
		static const int spans[][2] = {{540, 1020}, {0, 1440}, {510, 750}, {780, 1170}, {600, 1320}};
		for (size_t k = 0; k < KYR_ARRAY_LEN(spans); k++) {
			hours_span(spans[k][0], spans[k][1], lang, out, sizeof out);
			cp_add(out);
		}
		for (int m = 1; m <= 12; m++) {
			char ymd[16];
			snprintf(ymd, sizeof ymd, "2026-%02d-%02d", m, 10 + m);
			for (int style = DATEFMT_LONG; style <= DATEFMT_MEDIUM; style++) {
				datefmt_format(ymd, lang, style, out, sizeof out);
				cp_add(out);
			}
		}
		const char *items[] = {"a", "b", "c"};
		char *list = hours_list(items, 3, lang);
		cp_add(list);
		free(list);
		for (size_t c = 1; tzcol >= 0 && c < contacts.n; c++)
			if ((size_t)tzcol < contacts.rows[c].n && contacts.rows[c].f[tzcol][0] &&
			    hours_zone_name(contacts.rows[c].f[tzcol], lang, out, sizeof out) == 0)
				cp_add(out);
	}
	csv_free(&langs);
	csv_free(&contacts);
}

/* Writes the code points from space up of every file under the given
 * paths, and of what ICU writes for the content's languages (the first
 * path), as hex, one a line (hb-subset's --unicodes-file format). Returns
 * 0, or -1 when FILE cannot be written. */
static int write_codepoints(const char *const *dirs, int ndirs, const char *path)
{
	cp_seen = xcalloc(0x110000 / 8, 1);
	for (int i = 0; i < ndirs; i++)
		nftw(dirs[i], cp_visit, 16, FTW_PHYS);
	cp_icu_texts(dirs[0]);
	FILE *f = fopen(path, "w");
	for (uint32_t cp = 0x20; f && cp < 0x110000; cp++)
		if (cp_seen[cp >> 3] & (1u << (cp & 7)))
			fprintf(f, "%04X\n", (unsigned)cp);
	free(cp_seen);
	int rc = f && !ferror(f) ? 0 : -1;
	if (f && fclose(f) != 0)
		rc = -1;
	if (rc)
		fprintf(stderr, "kyr-build: cannot write %s\n", path);
	return rc;
}

static int usage(void)
{
	fprintf(stderr,
	        "usage: kyr-build [--strict] [-q] [--icons FILE] [-o OUT.db] [--bundle DIR] [--codepoints FILE] CONTENT_DIR\n"
	        "  -o FILE       write the database to FILE (without -o or --bundle: check only)\n"
	        "  --bundle DIR  write DIR/kyr-content/content.db, for a USB stick\n"
	        "  --icons FILE  Material Icons codepoints list (default fonts/material-icons.codepoints)\n"
	        "  --codepoints FILE  also list the characters the content uses (for font subsets)\n"
	        "  --codepoints-from PATH  and those of the files under PATH (e.g. the kiosk's own src/)\n"
	        "  --strict      treat every warning (missing or stale translation ...) as an error\n"
	        "  -q            quiet: errors only, no coverage table\n"
	        "       kyr-build --sign SECRET_KEY [--allow-demo] [-t COMMENT] DB_OR_BUNDLE_DIR\n"
	        "  signs content.db with minisign; refuses demonstration content (sample contacts,\n"
	        "  demo = yes) unless --allow-demo\n"
	        "       kyr-build --review-pack OUT_DIR [--pdf] CONTENT_DIR\n"
	        "  printable review sheets per language and topic (HTML; --pdf: also a PDF per\n"
	        "  language when WeasyPrint is installed)\n");
	return 2;
}

int main(int argc, char **argv)
{
	build_opts_t o = {0};
	sign_opts_t so = {0};
	const char *pack = NULL;
	int pdf = 0;
	const char *codepoints = NULL;
	const char *cp_dirs[8];
	int ncp_dirs = 1;
	kyr_log_init("kyr-build");
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int more = i + 1 < argc;
		if (strcmp(a, "--strict") == 0) o.strict = 1;
		else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) o.quiet = 1;
		else if (strcmp(a, "-o") == 0 && more) o.output = argv[++i];
		else if (strcmp(a, "--bundle") == 0 && more) o.bundle_dir = argv[++i];
		else if (strcmp(a, "--icons") == 0 && more) o.icons_path = argv[++i];
		else if (strcmp(a, "--sign") == 0 && more) so.key = argv[++i];
		else if (strcmp(a, "--allow-demo") == 0) so.allow_demo = 1;
		else if (strcmp(a, "--review-pack") == 0 && more) pack = argv[++i];
		else if (strcmp(a, "--pdf") == 0) pdf = 1;
		else if (strcmp(a, "-t") == 0 && more) so.comment = argv[++i];
		else if (strcmp(a, "--codepoints") == 0 && more) codepoints = argv[++i];
		else if (strcmp(a, "--codepoints-from") == 0 && more && ncp_dirs < 8) cp_dirs[ncp_dirs++] = argv[++i];
		else if (a[0] == '-' || o.content_dir) return usage();
		else o.content_dir = a;
	}
	if (!o.content_dir) return usage();
	if (so.key) {
		if (o.output || o.bundle_dir || o.strict) return usage();
		so.target = o.content_dir;
		return sign_bundle(&so);
	}
	if (so.allow_demo || so.comment || (pdf && !pack)) return usage();
	if (pack) {
		/* The pack is read from a freshly built database, so the sheets show
		 * exactly what kiosks will (inherited fields, fallbacks, staleness). */
		if (o.output || o.bundle_dir) return usage();
		mkdir(pack, 0755);
		char db[4096];
		snprintf(db, sizeof db, "%s/.review-content.db", pack);
		o.output = db;
		o.quiet = 1;
		int rc = build_run(&o);
		if (rc != BUILD_OK) return rc == BUILD_BAD_CONTENT ? 1 : 2;
		rc = review_pack_write(db, pack, pdf);
		unlink(db);
		if (rc == 0) printf("kyr-build: review pack written to %s/index.html\n", pack);
		return rc == 0 ? 0 : 2;
	}
	cp_dirs[0] = o.content_dir;
	switch (build_run(&o)) {
	case BUILD_OK: return codepoints && write_codepoints(cp_dirs, ncp_dirs, codepoints) < 0 ? 2 : 0;
	case BUILD_BAD_CONTENT: return 1;
	default: return 2;
	}
}
