/* build — the content compiler behind kyr-build; see include/build.h and
 * docs/content-format.md.
 *
 * build_run() is the table of contents: one loader per kind of file
 * (load_icons, load_keyboards, load_languages, load_regions, load_bundle,
 * load_contacts, load_ui, load_topics, load_recordings), then check_links(),
 * print_coverage() and write_db(). Loaders fill build_t and report every
 * problem through diag() without stopping, so one run shows them all. */
#include "build.h"
#include "kbd.h"
#include "article.h"
#include "blocks.h"
#include "csv.h"
#include "frontmatter.h"
#include "po.h"
#include "hours.h"
#include "phone.h"
#include "roman.h"
#include "segment.h"
#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <opusfile.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define PAGE_SIZE 4096
#define STR_(x) #x
#define STR(x) STR_(x)

typedef struct {
	char *code, *native, *english, *voice, *keyboard;
	int rtl, order, line;
	char *text_lang;        /* audio-first: the language whose text is shown; "" for a written one */
	char *name_rec;         /* audio-first: languages/<code>.opus, its name spoken */
	size_t name_rec_len;
} lang_t;

typedef struct {
	char *id, *name, *state, *county, *parent;
	int line;
} region_t;

enum { C_ID, C_NAME, C_KIND, C_PHONES, C_ADDRESS, C_REGION, C_HOURS, C_TZ, C_LANGUAGES,
       C_SERVICES, C_INTERP, C_NOTES, C_VERIFIED, C_SAMPLE, C_NCOLS };
static const char *const contact_cols[C_NCOLS] = {
	"id", "name", "kind", "phones", "address", "region", "hours", "tz", "languages",
	"services", "interpretation", "notes", "verified_on", "sample" };

/* The fields directory/<lang>.po translates: msgctxt "<id>.<field>". */
enum { CT_NAME, CT_NOTES, CT_COUNT };
static const char *const ctext_fields[CT_COUNT] = { "name", "notes" };
static const int ctext_col[CT_COUNT] = { C_NAME, C_NOTES };

typedef struct {
	char *f[C_NCOLS];       /* phones normalised: "label:+E164;…" */
	char *(*tr)[CT_COUNT];  /* per language (parallel to langs): translations or NULL */
	int sample, line;
} contact_t;

static const char *const services[] = {
	"deportation-defense", "detention", "daca", "asylum", "tps", "workers-rights",
	"family-preparedness", "know-your-rights", "citizenship", "victims", "rapid-response" };

typedef struct {
	char *key, *value, *msgid;
} ui_row_t;

typedef struct {
	ui_row_t *rows;         /* sorted by key */
	size_t n;
	int present;            /* the PO file exists */
} ui_lang_t;

typedef struct {
	char *name;
	unsigned cp;
} icon_t;

typedef struct {
	char *name, *layout;
} kbd_t;

typedef struct {
	int present, stale, due;
	char *file;             /* relative to the content folder */
	char *title, *summary, *reviewed_by, *reviewed_on, *review_due, *sources, *keywords;
	char *as_of;            /* "YYYY-MM-DD": when the law in it was last checked */
	char *review_terms;     /* translations: "native (English); …" for the reviewer */
	int revision;           /* English: revision; translations: translation_of */
	int due_line;
	unsigned icon;
	article_t art;
	char *recording;        /* <lang>.opus beside the article, or NULL */
	size_t recording_len;
} art_t;

typedef struct {
	char *slug;
	art_t *by_lang;         /* parallel to build_t.langs */
} topic_t;

enum { M_PUBLISHER, M_VERSION, M_DATE, M_LANGUAGE, M_REGION, M_DEMO, M_COUNT };
static const char *const meta_keys[M_COUNT] = {
	"publisher", "version", "date", "default_language", "default_region", "demo" };
/* bundle.ini keys that may be left out. */
#define M_OPTIONAL(i) ((i) == M_DEMO)

typedef struct {
	const build_opts_t *o;
	char *dir;              /* content folder without trailing '/' */
	int errors, warnings;
	char *meta[M_COUNT];
	lang_t *langs;          /* in display order */
	size_t nlangs;
	int en;                 /* index of English in langs, -1 before known */
	region_t *regions;
	size_t nregions;
	contact_t *contacts;
	size_t ncontacts;
	ui_lang_t *ui;          /* parallel to langs */
	icon_t *icons;
	size_t nicons;
	kbd_t *kbds;
	size_t nkbds;
	topic_t *topics;
	size_t ntopics;
	int demo;               /* a sample contact, or bundle.ini demo = yes */
} build_t;

/* ---- diagnostics and small helpers ------------------------------------- */

/* Reports one problem in file (relative to the content folder; NULL for
 * none) at line (0 for none). Warnings count as errors under --strict. */
static void diag(build_t *b, int warn, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static void diag(build_t *b, int warn, const char *file, int line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	if (warn && b->o->strict) warn = 0;
	if (warn) b->warnings++;
	else b->errors++;
	if (warn && b->o->quiet) return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	buf_t m = {0};
	buf_puts(&m, file ? b->dir : "kyr-build");
	if (file) buf_printf(&m, "/%s", file);
	if (line > 0) buf_printf(&m, ":%d", line);
	buf_printf(&m, ": %s%s\n", warn ? "warning: " : "", msg);
	if (b->o->diag) buf_puts(b->o->diag, m.data);
	else fputs(m.data, stderr);
	buf_free(&m);
}

static int first_bad_utf8_line(const char *s, size_t len)
{
	int line = 1;
	for (size_t i = 0; i < len;) {
		size_t end = i;
		while (end < len && s[end] != '\n') end++;
		if (!utf8_valid(s + i, end - i)) return line;
		line++;
		i = end + 1;
	}
	return 1;
}

/* Why read_file() failed, for a diagnostic. */
static const char *read_why(int e)
{
	return e == EINVAL || e == EISDIR ? "not a regular file (kyr-build reads only regular files)" : strerror(e);
}

/* Reads content file `file`; reports a missing file when required. */
static char *read_content(build_t *b, const char *file, size_t *len, int required)
{
	char *path = xasprintf("%s/%s", b->dir, file);
	char *data = read_file(path, len);
	int e = errno;
	free(path);
	if (!data) {
		if (required || e != ENOENT) diag(b, 0, file, 0, "cannot read: %s", read_why(e));
		return NULL;
	}
	if (!utf8_valid(data, *len)) {
		diag(b, 0, file, first_bad_utf8_line(data, *len), "not valid UTF-8");
		free(data);
		return NULL;
	}
	return data;
}

/* Characters (code points) in a UTF-8 string. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0, len = strlen(s);
	for (size_t i = 0; i < len; n++) utf8_next(s, len, &i);
	return n;
}

/* qsort() with an empty array may get NULL, which it must not. */
static void sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1) qsort(base, n, size, cmp);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++) free(names[i]);
	free(names);
}

/* Sorted names in content folder `sub` that end in `ext` (hidden skipped),
 * so the build never depends on the order readdir() returns. */
static char **list_dir(build_t *b, const char *sub, const char *ext, size_t *n)
{
	char *path = xasprintf("%s/%s", b->dir, sub);
	DIR *d = opendir(path);
	char **names = NULL;
	*n = 0;
	free(path);
	if (!d) return NULL;
	for (struct dirent *e; (e = readdir(d));) {
		size_t l = strlen(e->d_name), el = strlen(ext);
		if (e->d_name[0] == '.' || l < el || strcmp(e->d_name + l - el, ext) != 0) continue;
		names = xrealloc(names, (*n + 1) * sizeof *names);
		names[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	sort(names, *n, sizeof *names, cmp_str);
	return names;
}

static int parse_int(const char *s, long *v)
{
	char *end;
	if (!*s || (!(*s >= '0' && *s <= '9') && *s != '-')) return -1;
	errno = 0;
	*v = strtol(s, &end, 10);
	return *end || errno ? -1 : 0;
}

/* "YYYY-MM-DD" naming a real day. */
static int valid_date(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9')) return 0;
	if (s[10]) return 0;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) return 0;
	return !(m == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400)));
}

/* Identifiers: lowercase letters, digits and '-', short enough for the
 * store's fixed-size fields. */
static int valid_id(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 63) return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-')) return 0;
	return 1;
}

/* BCP 47-ish: letters, digits and '-', starting with a letter. */
static int valid_lang_code(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || n > 23 || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))) return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return 0;
	return 1;
}

/* Next item of a ';'-separated list, trimmed; NULL at the end. */
static char *next_item(const char **p)
{
	while (**p == ' ' || **p == ';') (*p)++;
	if (!**p) return NULL;
	const char *s = *p, *e = strchr(s, ';');
	if (!e) e = s + strlen(s);
	*p = e;
	while (e > s && e[-1] == ' ') e--;
	return xstrndup(s, (size_t)(e - s));
}

static int find_lang(const build_t *b, const char *code)
{
	for (size_t i = 0; i < b->nlangs; i++)
		if (strcmp(b->langs[i].code, code) == 0) return (int)i;
	return -1;
}

static int find_region(const build_t *b, const char *id)
{
	for (size_t i = 0; i < b->nregions; i++)
		if (strcmp(b->regions[i].id, id) == 0) return (int)i;
	return -1;
}

static int find_topic(const build_t *b, const char *slug)
{
	for (size_t i = 0; i < b->ntopics; i++)
		if (strcmp(b->topics[i].slug, slug) == 0) return (int)i;
	return -1;
}

static int cmp_icon(const void *a, const void *b)
{
	return strcmp(((const icon_t *)a)->name, ((const icon_t *)b)->name);
}

static const icon_t *find_icon(const build_t *b, const char *name)
{
	icon_t key = { (char *)name, 0 };
	return b->nicons ? bsearch(&key, b->icons, b->nicons, sizeof key, cmp_icon) : NULL;
}

static int cmp_ui_row(const void *a, const void *b)
{
	return strcmp(((const ui_row_t *)a)->key, ((const ui_row_t *)b)->key);
}

static const ui_row_t *find_ui(const ui_lang_t *u, const char *key)
{
	ui_row_t k = { (char *)key, NULL, NULL };
	return u->n ? bsearch(&k, u->rows, u->n, sizeof k, cmp_ui_row) : NULL;
}

/* ---- CSV tables ---------------------------------------------------------- */

typedef struct {
	const char *file;
	csv_t csv;
	int col[C_NCOLS];
} table_t;

#define FIELD(t, r, c) ((t)->csv.rows[r].f[(t)->col[c]])
#define OPT_FIELD(t, r, c) ((t)->col[c] < 0 ? "" : FIELD(t, r, c))

/* Reads a CSV file whose header must name cols (in any order), the first
 * nrequired of them always, the others when the file uses them (col -1
 * when absent: read them with OPT_FIELD). Rows with the wrong number of
 * fields are reported and their line is negated, which row_ok() then skips. */
static int load_table(build_t *b, const char *file, const char *const *cols, size_t ncols, size_t nrequired, table_t *t)
{
	size_t len;
	int line, bad = 0;
	char err[256];
	*t = (table_t){ .file = file };
	char *data = read_content(b, file, &len, 1);
	if (!data) return -1;
	int rc = csv_parse(data, len, &t->csv, &line, err, sizeof err);
	free(data);
	if (rc < 0) { diag(b, 0, file, line, "%s", err); return -1; }
	if (t->csv.n == 0) { diag(b, 0, file, 1, "empty file: the first row must name the columns"); return -1; }
	const csv_row_t *h = &t->csv.rows[0];
	for (size_t i = 0; i < ncols; i++)
		if ((t->col[i] = csv_column(&t->csv, cols[i])) < 0 && i < nrequired) {
			diag(b, 0, file, h->line, "missing column '%s'", cols[i]);
			bad = 1;
		}
	for (size_t j = 0; j < h->n; j++) {
		size_t i = 0;
		while (i < ncols && strcmp(h->f[j], cols[i]) != 0) i++;
		if (i == ncols) diag(b, 0, file, h->line, "unknown column '%s'", h->f[j]);
		else if (t->col[i] != (int)j) diag(b, 0, file, h->line, "column '%s' appears twice", h->f[j]);
		bad |= i == ncols || t->col[i] != (int)j;
	}
	if (bad) { csv_free(&t->csv); return -1; }
	for (size_t r = 1; r < t->csv.n; r++) {
		csv_row_t *row = &t->csv.rows[r];
		if (row->n == h->n) continue;
		diag(b, 0, file, row->line, "this row has %zu fields, the header has %zu", row->n, h->n);
		row->line = -row->line;
	}
	return 0;
}

static int row_ok(const table_t *t, size_t r) { return t->csv.rows[r].line > 0; }

/* ---- icons and keyboards ------------------------------------------------- */

static char *icons_path(const build_t *b)
{
	if (b->o->icons_path) return xstrdup(b->o->icons_path);
	char *p = xasprintf("%s/../fonts/material-icons.codepoints", b->dir);
	if (access(p, R_OK) == 0) return p;
	free(p);
	return xstrdup("fonts/material-icons.codepoints");
}

/* fonts/material-icons.codepoints: "name hexcodepoint" a line. */
static void load_icons(build_t *b)
{
	char *path = icons_path(b);
	size_t len;
	char *data = read_file(path, &len);
	if (!data) {
		diag(b, 0, NULL, 0, "cannot read the icon list %s: %s (use --icons FILE)", path, read_why(errno));
		free(path);
		return;
	}
	for (char *line = data, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next) *next++ = 0;
		char name[128];
		unsigned cp;
		if (sscanf(line, "%127s %x", name, &cp) != 2) continue;
		b->icons = xrealloc(b->icons, (b->nicons + 1) * sizeof *b->icons);
		b->icons[b->nicons++] = (icon_t){ xstrdup(name), cp };
	}
	sort(b->icons, b->nicons, sizeof *b->icons, cmp_icon);
	free(data);
	free(path);
}

/* keyboards/<name>.kbd: checked with the kiosk's own parser (kbd.c), then
 * stored as written; docs/keyboards.md has the format. */
static void load_keyboards(build_t *b)
{
	size_t n, len;
	char **names = list_dir(b, "keyboards", ".kbd", &n);
	for (size_t i = 0; i < n; i++) {
		char *file = xasprintf("keyboards/%s", names[i]);
		char *data = read_content(b, file, &len, 1);
		free(file);
		if (!data) continue;
		kbd_layout_t k;
		char why[160];
		if (kbd_parse(data, &k, why, sizeof why)) {
			/* why is "line N: reason" */
			int line = atoi(why + 5);
			const char *colon = strchr(why, ':');
			char *f2 = xasprintf("keyboards/%s", names[i]);
			diag(b, 0, f2, line, "%s", colon ? colon + 2 : why);
			free(f2);
			free(data);
			continue;
		}
		b->kbds = xrealloc(b->kbds, (b->nkbds + 1) * sizeof *b->kbds);
		b->kbds[b->nkbds++] = (kbd_t){ xstrndup(names[i], strlen(names[i]) - 4), data };
	}
	free_names(names, n);
}

/* ---- languages.csv ------------------------------------------------------- */

/* text_language (optional): for an audio-first language, the written
 * language whose text it shows (docs/content-format.md). */
enum { L_CODE, L_NATIVE, L_ENGLISH, L_DIRECTION, L_ORDER, L_VOICE, L_KEYBOARD, L_TEXT, L_NCOLS };
static const char *const lang_cols[L_NCOLS] = {
	"code", "native_name", "english_name", "direction", "order", "voice", "keyboard", "text_language" };

/* 1 for an audio-first language: recordings, and another language's text. */
static int audio_first(const build_t *b, size_t li) { return b->langs[li].text_lang[0] != 0; }

static int cmp_lang(const void *a, const void *b)
{
	const lang_t *x = a, *y = b;
	if (x->order != y->order) return x->order < y->order ? -1 : 1;
	return strcmp(x->code, y->code);
}

static int has_keyboard(const build_t *b, const char *name)
{
	for (size_t i = 0; i < b->nkbds; i++)
		if (strcmp(b->kbds[i].name, name) == 0) return 1;
	return 0;
}

static void load_language(build_t *b, table_t *t, size_t r)
{
	const char *file = t->file, *code = FIELD(t, r, L_CODE), *dir = FIELD(t, r, L_DIRECTION);
	const char *kbd = FIELD(t, r, L_KEYBOARD);
	int line = t->csv.rows[r].line;
	long order;
	if (!valid_lang_code(code)) { diag(b, 0, file, line, "bad language code '%s' (a BCP 47 code: en, zh-Hans, prs)", code); return; }
	if (find_lang(b, code) >= 0) { diag(b, 0, file, line, "duplicate language '%s'", code); return; }
	if (!FIELD(t, r, L_NATIVE)[0]) diag(b, 0, file, line, "native_name is empty");
	if (strcmp(dir, "ltr") != 0 && strcmp(dir, "rtl") != 0) diag(b, 0, file, line, "direction must be ltr or rtl, not '%s'", dir);
	if (parse_int(FIELD(t, r, L_ORDER), &order) < 0) { diag(b, 0, file, line, "order must be an integer, not '%s'", FIELD(t, r, L_ORDER)); order = 0; }
	if (strlen(FIELD(t, r, L_VOICE)) > 31 || strlen(kbd) > 31) diag(b, 0, file, line, "voice or keyboard name too long");
	char names[KBD_MAX_LAYOUTS][KBD_NAME_BYTES];
	int nk = kbd_names(kbd, names);
	for (int k = 0; k < nk; k++)
		if (!has_keyboard(b, names[k]))
			diag(b, 1, file, line, "no keyboard layout keyboards/%s.kbd (search offers browsing instead)", names[k]);
	int words = 0;
	for (const char *p = kbd; *p; p++) words += *p != ' ' && (p == kbd || p[-1] == ' ');
	if (words != nk)   /* kbd_names() dropped a third name or one too long */
		diag(b, 0, file, line, "keyboard: at most %d layout names of up to %d bytes, separated by spaces",
		     KBD_MAX_LAYOUTS, KBD_NAME_BYTES - 1);
	b->langs = xrealloc(b->langs, (b->nlangs + 1) * sizeof *b->langs);
	b->langs[b->nlangs++] = (lang_t){
		.code = xstrdup(code), .native = xstrdup(FIELD(t, r, L_NATIVE)),
		.english = xstrdup(FIELD(t, r, L_ENGLISH)), .voice = xstrdup(FIELD(t, r, L_VOICE)),
		.keyboard = xstrdup(kbd), .rtl = strcmp(dir, "rtl") == 0, .order = (int)order, .line = line,
		.text_lang = xstrdup(OPT_FIELD(t, r, L_TEXT)) };
}

/* An audio-first language shows a written language's text and plays the
 * publisher's recordings: no voice (espeak-ng would read the other
 * language's text as if it were this one), no keyboard of its own. */
static void check_audio_first(build_t *b)
{
	for (size_t li = 0; li < b->nlangs; li++) {
		const lang_t *l = &b->langs[li];
		if (!l->text_lang[0]) continue;
		int ti = find_lang(b, l->text_lang);
		if (ti < 0) diag(b, 0, "languages.csv", l->line, "text_language '%s' is not in languages.csv", l->text_lang);
		else if (b->langs[ti].text_lang[0])
			diag(b, 0, "languages.csv", l->line, "text_language '%s' is itself audio-first: name a written language",
			     l->text_lang);
		if ((int)li == b->en) diag(b, 0, "languages.csv", l->line, "English is the master text: it cannot be audio-first");
		if (l->voice[0])
			diag(b, 0, "languages.csv", l->line, "'%s' is audio-first (text_language %s): voice must be empty, "
			     "its topics play the publisher's recordings", l->code, l->text_lang);
		if (l->keyboard[0])
			diag(b, 0, "languages.csv", l->line, "'%s' is audio-first: keyboard must be empty (search uses %s's)",
			     l->code, l->text_lang);
	}
}

static void load_languages(build_t *b)
{
	table_t t;
	int loaded = load_table(b, "languages.csv", lang_cols, L_NCOLS, L_TEXT, &t) == 0;
	if (loaded) {
		for (size_t r = 1; r < t.csv.n; r++)
			if (row_ok(&t, r)) load_language(b, &t, r);
		csv_free(&t.csv);
	}
	sort(b->langs, b->nlangs, sizeof *b->langs, cmp_lang);
	b->en = find_lang(b, "en");
	check_audio_first(b);
	if (b->en < 0 && loaded) diag(b, 0, "languages.csv", 0, "English ('en') is missing: it is the master language");
	b->ui = xcalloc(b->nlangs + 1, sizeof *b->ui);
}

/* ---- regions.csv --------------------------------------------------------- */

enum { R_ID, R_NAME, R_STATE, R_COUNTY, R_PARENT, R_NCOLS };
static const char *const region_cols[R_NCOLS] = { "id", "name", "state", "county", "parent" };

static void load_region(build_t *b, table_t *t, size_t r)
{
	const char *id = FIELD(t, r, R_ID);
	int line = t->csv.rows[r].line;
	if (!valid_id(id)) { diag(b, 0, t->file, line, "bad region id '%s' (lowercase letters, digits and '-')", id); return; }
	if (strcmp(id, "national") == 0) { diag(b, 0, t->file, line, "'national' always exists and needs no row"); return; }
	int dup = find_region(b, id);
	if (dup >= 0) { diag(b, 0, t->file, line, "duplicate id '%s' (first on line %d)", id, b->regions[dup].line); return; }
	if (!FIELD(t, r, R_NAME)[0]) diag(b, 0, t->file, line, "name is empty");
	b->regions = xrealloc(b->regions, (b->nregions + 1) * sizeof *b->regions);
	b->regions[b->nregions++] = (region_t){
		xstrdup(id), xstrdup(FIELD(t, r, R_NAME)), xstrdup(FIELD(t, r, R_STATE)),
		xstrdup(FIELD(t, r, R_COUNTY)), xstrdup(FIELD(t, r, R_PARENT)), line };
}

/* Parents must exist and the parent chain must end (the store walks it). */
static void check_region_parents(build_t *b)
{
	for (size_t i = 0; i < b->nregions; i++) {
		const region_t *rg = &b->regions[i];
		if (rg->parent[0] && find_region(b, rg->parent) < 0) {
			diag(b, 0, "regions.csv", rg->line, "unknown parent region '%s'", rg->parent);
			continue;
		}
		size_t steps = 0;
		for (int at = (int)i; at >= 0 && b->regions[at].parent[0] && steps <= b->nregions; steps++)
			at = find_region(b, b->regions[at].parent);
		if (steps > b->nregions) diag(b, 0, "regions.csv", rg->line, "the parent chain of '%s' loops", rg->id);
	}
}

static void load_regions(build_t *b)
{
	table_t t;
	if (load_table(b, "regions.csv", region_cols, R_NCOLS, R_NCOLS, &t) < 0) return;
	for (size_t r = 1; r < t.csv.n; r++)
		if (row_ok(&t, r)) load_region(b, &t, r);
	csv_free(&t.csv);
	check_region_parents(b);
}

/* ---- bundle.ini ---------------------------------------------------------- */

typedef struct {
	build_t *b;
	const char *text;
} ini_ctx_t;

/* inih does not tell a handler its line, so find the key's first line. */
static int ini_line(const char *text, const char *key)
{
	int line = 1;
	size_t kl = strlen(key);
	for (const char *p = text; *p; line++) {
		while (*p == ' ' || *p == '\t') p++;
		if (strncmp(p, key, kl) == 0) {
			const char *q = p + kl;
			while (*q == ' ' || *q == '\t') q++;
			if (*q == '=' || *q == ':') return line;
		}
		p = strchr(p, '\n');
		if (!p) break;
		p++;
	}
	return 0;
}

static int bundle_key(void *user, const char *section, const char *name, const char *value)
{
	ini_ctx_t *c = user;
	build_t *b = c->b;
	int line = ini_line(c->text, name);
	if (strcmp(section, "bundle") != 0) {
		diag(b, 0, "bundle.ini", line, "%s: unknown section [%s] (only [bundle])", name, section);
		return 1;
	}
	for (int i = 0; i < M_COUNT; i++) {
		if (strcmp(name, meta_keys[i]) != 0) continue;
		if (b->meta[i]) diag(b, 0, "bundle.ini", line, "%s: appears twice", name);
		free(b->meta[i]);
		b->meta[i] = xstrdup(value);
		return 1;
	}
	diag(b, 0, "bundle.ini", line, "%s: unknown key", name);
	return 1;
}

static void check_bundle(build_t *b, const char *text)
{
	long v;
	for (int i = 0; i < M_COUNT; i++)
		if (!b->meta[i] && !M_OPTIONAL(i)) diag(b, 0, "bundle.ini", 0, "%s: missing", meta_keys[i]);
	if (b->meta[M_DEMO] && strcmp(b->meta[M_DEMO], "yes") != 0 && strcmp(b->meta[M_DEMO], "no") != 0)
		diag(b, 0, "bundle.ini", ini_line(text, "demo"), "demo: yes or no, not '%s'", b->meta[M_DEMO]);
	if (b->meta[M_DEMO] && strcmp(b->meta[M_DEMO], "yes") == 0) b->demo = 1;
	if (b->meta[M_VERSION] && (parse_int(b->meta[M_VERSION], &v) < 0 || !store_version_ok(b->meta[M_VERSION])))
		diag(b, 0, "bundle.ini", ini_line(text, "version"), "version: not of the form YYYYMMDDNN, a date from 2020 to 2099 and a number (\"%s\")", b->meta[M_VERSION]);
	if (b->meta[M_DATE] && !valid_date(b->meta[M_DATE]))
		diag(b, 0, "bundle.ini", ini_line(text, "date"), "date: not a date YYYY-MM-DD (\"%s\")", b->meta[M_DATE]);
	if (b->meta[M_LANGUAGE] && find_lang(b, b->meta[M_LANGUAGE]) < 0)
		diag(b, 0, "bundle.ini", ini_line(text, "default_language"), "default_language: unknown language '%s'", b->meta[M_LANGUAGE]);
	if (b->meta[M_REGION] && strcmp(b->meta[M_REGION], "national") != 0 && find_region(b, b->meta[M_REGION]) < 0)
		diag(b, 0, "bundle.ini", ini_line(text, "default_region"), "default_region: unknown region '%s'", b->meta[M_REGION]);
}

static void load_bundle(build_t *b)
{
	size_t len;
	char *text = read_content(b, "bundle.ini", &len, 1);
	if (!text) return;
	char *path = xasprintf("%s/bundle.ini", b->dir);
	ini_ctx_t c = { b, text };
	int rc = ini_parse(path, bundle_key, &c);
	if (rc > 0) diag(b, 0, "bundle.ini", rc, "malformed line (expected \"key = value\" or \"[section]\")");
	else if (rc < 0) diag(b, 0, "bundle.ini", 0, "cannot read");
	check_bundle(b, text);
	free(path);
	free(text);
}

/* ---- contacts.csv -------------------------------------------------------- */

static int known_service(const char *s)
{
	for (size_t i = 0; i < KYR_ARRAY_LEN(services); i++)
		if (strcmp(services[i], s) == 0) return 1;
	return 0;
}

/* One "label:+E164" phone (phone.h), appended to norm in E.164. A sample
 * entry may only use the fictional 555-0100..555-0199 (its last seven
 * digits), which NANPA keeps for fiction in every area code. */
static void check_phone(build_t *b, int line, const char *ph, int sample, buf_t *norm)
{
	phone_t p;
	char err[256];
	if (phone_parse(ph, &p, err, sizeof err) < 0) { diag(b, 0, "contacts.csv", line, "phone %s", err); return; }
	size_t n = strlen(p.e164);
	if (sample && (n < 8 || strncmp(p.e164 + n - 7, "55501", 5) != 0))
		diag(b, 0, "contacts.csv", line, "sample entry with a real-looking phone number '%s' (use 555-0100 to 555-0199)", ph);
	buf_printf(norm, "%s%s:%s", norm->len ? ";" : "", phone_label_name(p.label), p.e164);
}

/* Opening hours (hours.h) and the time zone they are in. */
static void check_hours(build_t *b, int line, const char *hours, const char *tz)
{
	hours_t h;
	char err[256];
	if (hours_parse(hours, &h, err, sizeof err) < 0) diag(b, 0, "contacts.csv", line, "hours: %s", err);
	else if (h.kind == HOURS_RULES && !tz[0])
		diag(b, 0, "contacts.csv", line, "tz: empty; hours need their time zone (e.g. America/New_York)");
	if (tz[0] && !hours_zone_ok(tz))
		diag(b, 0, "contacts.csv", line, "tz: unknown time zone '%s' (an IANA name such as America/Chicago)", tz);
}

static void check_list(build_t *b, int line, const char *list, const char *what)
{
	const char *p = list;
	for (char *it; (it = next_item(&p)); free(it)) {
		int ok = strcmp(what, "language") == 0 ? find_lang(b, it) >= 0 : known_service(it);
		if (!ok) diag(b, 0, "contacts.csv", line, "unknown %s '%s'", what, it);
	}
}

static void check_contact(build_t *b, table_t *t, size_t r, int line)
{
	const char *kind = FIELD(t, r, C_KIND), *region = FIELD(t, r, C_REGION), *s = FIELD(t, r, C_SAMPLE);
	int sample = strcmp(s, "yes") == 0;
	if (!FIELD(t, r, C_NAME)[0]) diag(b, 0, t->file, line, "name is empty");
	else if (utf8_chars(FIELD(t, r, C_NAME)) > STORE_MAX_TITLE)
		diag(b, 0, t->file, line, "name: more than the limit of %d characters", STORE_MAX_TITLE);
	if (strcmp(kind, "hotline") != 0 && strcmp(kind, "org") != 0)
		diag(b, 0, t->file, line, "kind must be hotline or org, not '%s'", kind);
	if (!sample && strcmp(s, "no") != 0) diag(b, 0, t->file, line, "sample must be yes or no, not '%s'", s);
	if (strcmp(region, "national") != 0 && find_region(b, region) < 0)
		diag(b, 0, t->file, line, "unknown region '%s'", region);
	if (!valid_date(FIELD(t, r, C_VERIFIED)))
		diag(b, 0, t->file, line, "verified_on: not a date YYYY-MM-DD (\"%s\")", FIELD(t, r, C_VERIFIED));
	check_list(b, line, FIELD(t, r, C_LANGUAGES), "language");
	check_list(b, line, FIELD(t, r, C_SERVICES), "service");
	check_hours(b, line, FIELD(t, r, C_HOURS), FIELD(t, r, C_TZ));
	const char *in = FIELD(t, r, C_INTERP);
	if (strcmp(in, "yes") != 0 && strcmp(in, "no") != 0 && in[0])
		diag(b, 0, t->file, line, "interpretation must be yes or no, not '%s'", in);
	const char *p = FIELD(t, r, C_PHONES);
	int nphones = 0;
	buf_t norm = {0};
	for (char *ph; (ph = next_item(&p)); free(ph), nphones++) check_phone(b, line, ph, sample, &norm);
	if (!nphones) diag(b, 0, t->file, line, "no phone number");
	/* Stored in E.164 whatever grouping the publisher wrote. */
	free(FIELD(t, r, C_PHONES));
	FIELD(t, r, C_PHONES) = norm.data ? norm.data : xstrdup("");
}

static void load_contact(build_t *b, table_t *t, size_t r)
{
	const char *id = FIELD(t, r, C_ID);
	int line = t->csv.rows[r].line;
	if (strlen(id) > STORE_ID_MAX) {   /* the kiosk names the organisation's control "org:<id>" */
		diag(b, 0, t->file, line, "id '%s' is %zu bytes long; at most %d", id, strlen(id), STORE_ID_MAX);
		return;
	}
	if (!valid_id(id)) { diag(b, 0, t->file, line, "bad id '%s' (lowercase letters, digits and '-')", id); return; }
	for (size_t i = 0; i < b->ncontacts; i++)
		if (strcmp(b->contacts[i].f[C_ID], id) == 0) {
			diag(b, 0, t->file, line, "duplicate id '%s' (first on line %d)", id, b->contacts[i].line);
			return;
		}
	check_contact(b, t, r, line);
	b->contacts = xrealloc(b->contacts, (b->ncontacts + 1) * sizeof *b->contacts);
	contact_t *c = &b->contacts[b->ncontacts++];
	c->tr = xcalloc(b->nlangs + 1, sizeof *c->tr);
	for (int i = 0; i < C_NCOLS; i++) c->f[i] = xstrdup(FIELD(t, r, i));
	c->sample = strcmp(FIELD(t, r, C_SAMPLE), "yes") == 0;
	c->line = line;
	b->demo |= c->sample;   /* made-up entries never go in front of the public */
}

static void load_contacts(build_t *b)
{
	table_t t;
	if (load_table(b, "contacts.csv", contact_cols, C_NCOLS, C_NCOLS, &t) < 0) return;
	for (size_t r = 1; r < t.csv.n; r++)
		if (row_ok(&t, r)) load_contact(b, &t, r);
	csv_free(&t.csv);
}

/* ---- ui/<lang>.po -------------------------------------------------------- */

/* The {placeholders} of s, sorted and joined, to compare two strings. */
static void placeholders(const char *s, buf_t *out)
{
	char *names[64];
	size_t n = 0;
	for (const char *p = s; (p = strchr(p, '{')) && n < 64; p++) {
		size_t k = strspn(p + 1, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.");
		if (k && p[1 + k] == '}') names[n++] = xstrndup(p + 1, k);
	}
	sort(names, n, sizeof *names, cmp_str);
	buf_puts(out, "");
	for (size_t i = 0; i < n; i++) {
		buf_printf(out, "{%s}", names[i]);
		free(names[i]);
	}
}

static int same_placeholders(const char *a, const char *b)
{
	buf_t x = {0}, y = {0};
	placeholders(a, &x);
	placeholders(b, &y);
	int same = strcmp(x.data, y.data) == 0;
	buf_free(&x);
	buf_free(&y);
	return same;
}

static void ui_add(ui_lang_t *u, const char *key, const char *value, const char *msgid)
{
	u->rows = xrealloc(u->rows, (u->n + 1) * sizeof *u->rows);
	u->rows[u->n++] = (ui_row_t){ xstrdup(key), xstrdup(value), xstrdup(msgid) };
}

static int read_po(build_t *b, const char *file, po_t *po, int required)
{
	size_t len;
	int line;
	char err[256];
	char *data = read_content(b, file, &len, required);
	if (!data) return -1;
	int rc = po_parse(data, len, po, &line, err, sizeof err);
	free(data);
	if (rc < 0) diag(b, 0, file, line, "%s", err);
	return rc;
}

/* A PO entry needs a key; keys are unique within a file. */
static int entry_key_ok(build_t *b, const char *file, const po_t *po, size_t i)
{
	const po_entry_t *e = &po->e[i];
	if (!e->ctxt || !e->ctxt[0]) {
		diag(b, 0, file, e->line, "entry without msgctxt (the string's key)");
		return 0;
	}
	for (size_t j = 0; j < i; j++)
		if (po->e[j].ctxt && strcmp(po->e[j].ctxt, e->ctxt) == 0) {
			diag(b, 0, file, e->line, "key '%s' appears twice (first on line %d)", e->ctxt, po->e[j].line);
			return 0;
		}
	return 1;
}

/* ui/en.po is the master: its keys are the complete set. */
static void load_ui_master(build_t *b)
{
	po_t po;
	ui_lang_t *u = &b->ui[b->en];
	if (read_po(b, "ui/en.po", &po, 1) < 0) return;
	u->present = 1;
	for (size_t i = 0; i < po.n; i++) {
		const po_entry_t *e = &po.e[i];
		if (entry_key_ok(b, "ui/en.po", &po, i)) ui_add(u, e->ctxt, e->str[0] ? e->str : e->id, e->id);
	}
	sort(u->rows, u->n, sizeof *u->rows, cmp_ui_row);
	po_free(&po);
}

/* Keeps a translated entry only when it is complete, current and not fuzzy. */
static void ui_entry(build_t *b, const char *file, ui_lang_t *u, const po_entry_t *e)
{
	const ui_row_t *m = find_ui(&b->ui[b->en], e->ctxt);
	if (!m) { diag(b, 0, file, e->line, "unknown key '%s' (not in ui/en.po)", e->ctxt); return; }
	if (!e->str[0]) return;
	if (!same_placeholders(e->str, m->value)) {
		diag(b, 0, file, e->line, "'%s': the {placeholders} differ from the English", e->ctxt);
		return;
	}
	if (e->fuzzy) { diag(b, 1, file, e->line, "'%s' is fuzzy: English is shown until it is checked", e->ctxt); return; }
	if (strcmp(e->id, m->msgid) != 0) {
		diag(b, 1, file, e->line, "'%s': the English changed since this was translated (msgid differs)", e->ctxt);
		return;
	}
	ui_add(u, e->ctxt, e->str, e->id);
}

static void load_ui_lang(build_t *b, size_t li)
{
	po_t po;
	ui_lang_t *u = &b->ui[li];
	char *file = xasprintf("ui/%s.po", b->langs[li].code);
	size_t total = b->ui[b->en].n, filled = 0;
	if (read_po(b, file, &po, 0) == 0) {
		u->present = 1;
		for (size_t i = 0; i < po.n; i++) {
			if (!entry_key_ok(b, file, &po, i)) continue;
			ui_entry(b, file, u, &po.e[i]);
			filled += po.e[i].str[0] && find_ui(&b->ui[b->en], po.e[i].ctxt);
		}
		sort(u->rows, u->n, sizeof *u->rows, cmp_ui_row);
		po_free(&po);
	}
	if (!u->present) diag(b, 1, file, 0, "missing: the interface is shown in English");
	else if (u->present && filled < total)
		diag(b, 1, file, 0, "%zu of %zu strings not translated (shown in English)", total - filled, total);
	free(file);
}

/* Every <sub>/<lang>.po names a written language of languages.csv (an
 * audio-first one shows its text language's); no_en, when not NULL, says
 * why sub has no English file. */
static void check_po_names(build_t *b, const char *sub, const char *no_en)
{
	size_t n;
	char **names = list_dir(b, sub, ".po", &n);
	for (size_t i = 0; i < n; i++) {
		char *code = xstrndup(names[i], strlen(names[i]) - 3), *file = xasprintf("%s/%s", sub, names[i]);
		int li = find_lang(b, code);
		if (li < 0) diag(b, 0, file, 1, "unknown language '%s' (not in languages.csv)", code);
		else if (li == b->en && no_en) diag(b, 0, file, 1, "%s", no_en);
		else if (audio_first(b, (size_t)li))
			diag(b, 0, file, 1, "'%s' is audio-first: it has no text of its own (its text is %s's)", code,
			     b->langs[li].text_lang);
		free(code);
		free(file);
	}
	free_names(names, n);
}

static void load_ui(build_t *b)
{
	if (b->en < 0) return;
	load_ui_master(b);
	for (size_t li = 0; li < b->nlangs; li++)
		if ((int)li != b->en && !audio_first(b, li)) load_ui_lang(b, li);
	check_po_names(b, "ui", NULL);
}

/* ---- directory/<lang>.po ------------------------------------------------- */

static int find_contact(const build_t *b, const char *id)
{
	for (size_t i = 0; i < b->ncontacts; i++)
		if (strcmp(b->contacts[i].f[C_ID], id) == 0) return (int)i;
	return -1;
}

/* One entry "<id>.<field>": checked like a UI string against the English
 * of contacts.csv (its msgid), kept when complete, current and not fuzzy. */
static void dir_entry(build_t *b, const char *file, size_t li, const po_entry_t *e, size_t *filled)
{
	const char *dot = strrchr(e->ctxt, '.');
	char *id = xstrndup(e->ctxt, dot ? (size_t)(dot - e->ctxt) : strlen(e->ctxt));
	int ci = find_contact(b, id), f = -1;
	for (int k = 0; dot && k < CT_COUNT; k++)
		if (strcmp(dot + 1, ctext_fields[k]) == 0) f = k;
	if (ci < 0) diag(b, 0, file, e->line, "unknown contact id '%s' (not in contacts.csv)", id);
	else if (f < 0) diag(b, 0, file, e->line, "'%s': the key is <contact id>.name or <contact id>.notes", e->ctxt);
	free(id);
	if (ci < 0 || f < 0 || !e->str[0]) return;
	contact_t *c = &b->contacts[ci];
	if (e->fuzzy) { diag(b, 1, file, e->line, "'%s' is fuzzy: English is shown until it is checked", e->ctxt); return; }
	if (strcmp(e->id, c->f[ctext_col[f]]) != 0) {
		diag(b, 1, file, e->line, "'%s': the English changed since this was translated (msgid differs)", e->ctxt);
		return;
	}
	free(c->tr[li][f]);
	c->tr[li][f] = xstrdup(e->str);
	*filled += f == CT_NOTES;
}

/* Notes must be translated (counted like UI strings); names are optional:
 * a proper name may stay as it is. */
static void load_directory_lang(build_t *b, size_t li)
{
	po_t po;
	char *file = xasprintf("directory/%s.po", b->langs[li].code);
	size_t total = 0, filled = 0;
	for (size_t i = 0; i < b->ncontacts; i++) total += b->contacts[i].f[C_NOTES][0] != 0;
	if (read_po(b, file, &po, 0) == 0) {
		for (size_t i = 0; i < po.n; i++)
			if (entry_key_ok(b, file, &po, i)) dir_entry(b, file, li, &po.e[i], &filled);
		po_free(&po);
		if (filled < total)
			diag(b, 1, file, 0, "%zu of %zu contact notes not translated (shown in English)", total - filled, total);
	} else if (total) {
		diag(b, 1, file, 0, "missing: the directory's notes are shown in English");
	}
	free(file);
}

static void load_directory(build_t *b)
{
	if (b->en < 0) return;
	for (size_t li = 0; li < b->nlangs; li++)
		if ((int)li != b->en && !audio_first(b, li)) load_directory_lang(b, li);
	check_po_names(b, "directory", "English is contacts.csv itself; no directory/en.po");
}

/* ---- topics/<NN-slug>/<lang>.md ------------------------------------------ */

static const char *const header_keys[] = {
	"title", "summary", "icon", "revision", "translation_of", "reviewed_by",
	"reviewed_on", "review_due", "sources", "keywords", "as_of", "review_terms" };

typedef struct {
	build_t *b;
	const char *file;
} err_ctx_t;

static void article_err(void *ctx, int line, const char *msg)
{
	err_ctx_t *c = ctx;
	diag(c->b, 0, c->file, line, "%s", msg);
}

/* The value of a header field, NULL when absent or empty. */
static const char *hval(const fm_t *fm, const char *key)
{
	const fm_field_t *f = fm_get(fm, key);
	return f && f->value[0] ? f->value : NULL;
}

static int hline(const fm_t *fm, const char *key)
{
	const fm_field_t *f = fm_get(fm, key);
	return f ? f->line : 1;
}

/* Every key known, only sources a list, required fields present. */
static void check_header_keys(build_t *b, const char *file, const fm_t *fm, int en)
{
	static const char *const need_en[] = { "title", "summary", "icon", "revision", "sources", "as_of" };
	static const char *const need_tr[] = { "title", "summary", "translation_of" };
	for (size_t i = 0; i < fm->n; i++) {
		const fm_field_t *f = &fm->f[i];
		size_t k = 0;
		while (k < KYR_ARRAY_LEN(header_keys) && strcmp(header_keys[k], f->key) != 0) k++;
		if (k == KYR_ARRAY_LEN(header_keys)) diag(b, 0, file, f->line, "unknown header field '%s'", f->key);
		else if (f->nitems && strcmp(f->key, "sources") != 0)
			diag(b, 0, file, f->item_lines[0], "only 'sources' takes a list");
	}
	const char *const *need = en ? need_en : need_tr;
	size_t nneed = en ? KYR_ARRAY_LEN(need_en) : KYR_ARRAY_LEN(need_tr);
	for (size_t i = 0; i < nneed; i++) {
		const fm_field_t *f = fm_get(fm, need[i]);
		if (!f) diag(b, 0, file, 1, "missing header field '%s'", need[i]);
		else if (!f->value[0] && !f->nitems) diag(b, 0, file, f->line, "header field '%s' is empty", need[i]);
	}
	if (!en && fm_get(fm, "revision"))
		diag(b, 0, file, hline(fm, "revision"), "revision: only the English master has one (use translation_of)");
	if (en && fm_get(fm, "translation_of"))
		diag(b, 0, file, hline(fm, "translation_of"), "translation_of: the English master has a revision instead");
	if (en && fm_get(fm, "review_terms"))
		diag(b, 0, file, hline(fm, "review_terms"), "review_terms: only translations list terms for a native reviewer");
}

/* Is s[0..n) a year (YYYY), a month (YYYY-MM) or a day (YYYY-MM-DD)? */
static int date_token(const char *s, size_t n)
{
	static const char *const shapes[] = { "dddd", "dddd-dd", "dddd-dd-dd" };
	for (size_t k = 0; k < KYR_ARRAY_LEN(shapes); k++) {
		if (strlen(shapes[k]) != n) continue;
		size_t i = 0;
		while (i < n && (shapes[k][i] == 'd' ? s[i] >= '0' && s[i] <= '9' : s[i] == shapes[k][i])) i++;
		if (i == n) {
			int y = atoi(s), m = n > 4 ? atoi(s + 5) : 1, d = n > 7 ? atoi(s + 8) : 1;
			return y >= 1700 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
		}
	}
	return 0;
}

/* A citation says which text it means: somewhere in parentheses, a year,
 * a YYYY-MM month or a YYYY-MM-DD day ("(1980)", "(2025 ed.)",
 * "(checked 2026-11-30)"). Laws and official pages change. */
static int source_dated(const char *s)
{
	int depth = 0;
	for (const char *p = s; *p;) {
		if (*p == '(' || *p == ')') {
			depth += *p == '(' ? 1 : depth > 0 ? -1 : 0;
			p++;
			continue;
		}
		/* A token of digits and '-' that starts a word, inside parentheses
		 * at any depth: "(INA § 235(b)(1), checked 2026-11-30)" counts. */
		size_t n = strspn(p, "0123456789-");
		if (n && depth > 0 && date_token(p, n) && (p == s || !(p[-1] >= '0' && p[-1] <= '9'))) return 1;
		p += n ? n : 1;
	}
	return 0;
}

static void check_sources(build_t *b, const char *file, const fm_t *fm)
{
	const fm_field_t *src = fm_get(fm, "sources");
	if (!src) return;
	if (src->value[0] && !source_dated(src->value))
		diag(b, 0, file, src->line, "source without its date or version: \"%s\" (add the year, YYYY-MM or"
		     " YYYY-MM-DD in parentheses, e.g. \"(2025)\" or \"(checked 2026-11-30)\")", src->value);
	for (size_t i = 0; i < src->nitems; i++)
		if (!source_dated(src->items[i]))
			diag(b, 0, file, src->item_lines[i], "source without its date or version: \"%s\" (add the year,"
			     " YYYY-MM or YYYY-MM-DD in parentheses, e.g. \"(2025)\" or \"(checked 2026-11-30)\")",
			     src->items[i]);
}

/* "native term (English term); …"; a term without parentheses is one
 * kept in English ("Form G-325R"). A broken pair of parentheses is refused:
 * the reviewer would be shown half a term. */
static void check_review_terms(build_t *b, const char *file, const fm_t *fm)
{
	const char *v = hval(fm, "review_terms");
	for (const char *p = v; p && *p;) {
		char *term = next_item(&p);
		if (!term) break;
		size_t n = strlen(term);
		const char *open = strrchr(term, '(');
		int depth = 0, bad = 0;
		for (const char *q = term; *q && !bad; q++) {
			depth += *q == '(' ? 1 : *q == ')' ? -1 : 0;
			bad = depth < 0;
		}
		if (bad || depth || (open && (open == term || term[n - 1] != ')' || open + 1 == term + n - 1)))
			diag(b, 0, file, hline(fm, "review_terms"), "review_terms: \"%s\" is not \"native term (English term)\"", term);
		free(term);
	}
}

static int header_int(build_t *b, const char *file, const fm_t *fm, const char *key)
{
	const char *v = hval(fm, key);
	long n;
	if (!v) return 0;
	if (parse_int(v, &n) < 0 || n < 1 || n > 1000000) {
		diag(b, 0, file, hline(fm, key), "%s: not a positive integer (\"%s\")", key, v);
		return 0;
	}
	return (int)n;
}

static char *header_date(build_t *b, const char *file, const fm_t *fm, const char *key)
{
	const char *v = hval(fm, key);
	if (v && !valid_date(v)) diag(b, 0, file, hline(fm, key), "%s: not a date YYYY-MM-DD (\"%s\")", key, v);
	return v ? xstrdup(v) : NULL;
}

/* Fills a from the header; translations inherit from en (may be NULL). */
static void read_header(build_t *b, const char *file, const fm_t *fm, art_t *a, const art_t *en)
{
	check_header_keys(b, file, fm, en == NULL);
	a->title = xstrdup(hval(fm, "title") ? hval(fm, "title") : "");
	a->summary = xstrdup(hval(fm, "summary") ? hval(fm, "summary") : "");
	a->keywords = xstrdup(hval(fm, "keywords") ? hval(fm, "keywords") : "");
	a->reviewed_by = xstrdup(hval(fm, "reviewed_by") ? hval(fm, "reviewed_by") : "");
	a->reviewed_on = header_date(b, file, fm, "reviewed_on");
	a->review_due = header_date(b, file, fm, "review_due");
	a->as_of = header_date(b, file, fm, "as_of");
	a->review_terms = xstrdup(hval(fm, "review_terms") ? hval(fm, "review_terms") : "");
	check_sources(b, file, fm);
	check_review_terms(b, file, fm);
	a->due_line = a->review_due ? hline(fm, "review_due") : 0;
	a->revision = header_int(b, file, fm, en ? "translation_of" : "revision");
	if (a->reviewed_by[0] && !a->reviewed_on)
		diag(b, 0, file, hline(fm, "reviewed_by"), "reviewed_on is required when reviewed_by is set");
	const char *icon = hval(fm, "icon");
	const icon_t *ic = icon ? find_icon(b, icon) : NULL;
	if (icon && !ic && b->nicons) diag(b, 0, file, hline(fm, "icon"), "unknown icon '%s' (not in the Material Icons list)", icon);
	a->icon = ic ? ic->cp : en ? en->icon : 0;
	const fm_field_t *src = fm_get(fm, "sources");
	buf_t s = {0};
	buf_puts(&s, src && src->value[0] ? src->value : "");
	for (size_t i = 0; src && i < src->nitems; i++) buf_printf(&s, "%s%s", s.len ? "\n" : "", src->items[i]);
	a->sources = s.data;
	if (!a->reviewed_on) a->reviewed_on = xstrdup("");
	if (en && !a->sources[0]) { free(a->sources); a->sources = xstrdup(en->sources); }
	if (en && !a->review_due && en->review_due) a->review_due = xstrdup(en->review_due);
	if (!a->review_due) a->review_due = xstrdup("");
	if (en && !a->as_of && en->as_of) a->as_of = xstrdup(en->as_of);
	if (!a->as_of) a->as_of = xstrdup("");
}

/* Stale translations and overdue reviews are warnings. */
static void check_dates(build_t *b, const char *file, const fm_t *fm, art_t *a, const art_t *en)
{
	const char *date = b->meta[M_DATE];
	if (en && en->present && a->revision) {
		if (a->revision > en->revision)
			diag(b, 0, file, hline(fm, "translation_of"), "translation_of %d: the English is only at revision %d",
			     a->revision, en->revision);
		else if (a->revision < en->revision) {
			a->stale = 1;
			diag(b, 1, file, hline(fm, "translation_of"), "translated from revision %d, the English is at revision %d",
			     a->revision, en->revision);
		}
	}
	if (date && a->review_due[0] && strcmp(a->review_due, date) < 0) {
		a->due = 1;
		if (a->due_line) diag(b, 1, file, a->due_line, "review overdue: review_due %s is before the bundle date %s",
		                      a->review_due, date);
	}
}

/* The content limits the kiosk enforces again (store.h): hostile or
 * careless content is refused here, with file:line, not on the kiosk. */
static void check_limits(build_t *b, const art_t *a, const fm_t *fm)
{
	size_t nt = utf8_chars(a->title), ns = utf8_chars(a->summary);
	if (nt > STORE_MAX_TITLE)
		diag(b, 0, a->file, hline(fm, "title"), "title: %zu characters, more than the limit of %d", nt, STORE_MAX_TITLE);
	if (ns > STORE_MAX_SUMMARY)
		diag(b, 0, a->file, hline(fm, "summary"), "summary: %zu characters, more than the limit of %d", ns, STORE_MAX_SUMMARY);
	if (a->art.blocks.n > BLOCKS_MAX)
		diag(b, 0, a->file, 0, "%zu paragraphs, headings and list items, more than the limit of %d", a->art.blocks.n, BLOCKS_MAX);
	buf_t blob = {0};
	blocks_encode(&a->art.blocks, &blob);
	if (blob.len > STORE_MAX_ARTICLE)
		diag(b, 0, a->file, 0, "the article takes %zu bytes, more than the limit of %u", blob.len, STORE_MAX_ARTICLE);
	buf_free(&blob);
}

static void load_article(build_t *b, topic_t *t, size_t li)
{
	art_t *a = &t->by_lang[li], *en = (int)li == b->en ? NULL : &t->by_lang[b->en];
	size_t len;
	int line;
	char err[256];
	fm_t fm;
	a->file = xasprintf("topics/%s/%s.md", t->slug, b->langs[li].code);
	char *text = read_content(b, a->file, &len, 1);
	if (!text) return;
	a->present = 1;
	if (fm_parse(text, len, &fm, &line, err, sizeof err) < 0) {
		diag(b, 0, a->file, line, "%s", err);
		free(text);
		return;
	}
	read_header(b, a->file, &fm, a, en);
	check_dates(b, a->file, &fm, a, en);
	err_ctx_t ec = { b, a->file };
	article_parse(text + fm.body_off, len - fm.body_off, fm.body_line, &a->art, article_err, &ec);
	check_limits(b, a, &fm);
	fm_free(&fm);
	free(text);
}

static int valid_topic_name(const char *s)
{
	size_t d = strspn(s, "0123456789");
	return d > 0 && s[d] == '-' && s[d + 1] && valid_id(s);
}

/* Loads one topic folder: English first, the translations follow it. */
static void load_topic(build_t *b, topic_t *t)
{
	size_t n;
	char *dir = xasprintf("topics/%s", t->slug);
	char **names = list_dir(b, dir, ".md", &n);
	t->by_lang = xcalloc(b->nlangs + 1, sizeof *t->by_lang);
	for (size_t i = 0; i < n; i++) {
		char *code = xstrndup(names[i], strlen(names[i]) - 3), *file = xasprintf("%s/%s", dir, names[i]);
		int li = find_lang(b, code);
		if (li < 0) diag(b, 0, file, 1, "unknown language '%s' (not in languages.csv)", code);
		else if (audio_first(b, (size_t)li))
			diag(b, 0, file, 1, "'%s' is audio-first: no article text of its own (it shows %s's and plays %s.opus)", code,
			     b->langs[li].text_lang, code);
		free(code);
		free(file);
	}
	free_names(names, n);
	char *en = xasprintf("%s/%s/en.md", b->dir, dir);
	if (b->en >= 0 && access(en, F_OK) != 0) diag(b, 0, dir, 0, "no English master (en.md)");
	else if (b->en >= 0) load_article(b, t, (size_t)b->en);
	for (size_t li = 0; li < b->nlangs && b->en >= 0 && t->by_lang[b->en].present; li++) {
		char *p = xasprintf("%s/%s/%s.md", b->dir, dir, b->langs[li].code);
		if ((int)li != b->en && !audio_first(b, li) && access(p, F_OK) == 0) load_article(b, t, li);
		free(p);
	}
	free(en);
	free(dir);
}

static void warn_missing(build_t *b, const topic_t *t)
{
	buf_t m = {0};
	for (size_t li = 0; li < b->nlangs; li++)
		if (!t->by_lang[li].present && !audio_first(b, li)) buf_printf(&m, "%s%s", m.len ? ", " : "", b->langs[li].code);
	if (m.len) {
		char *dir = xasprintf("topics/%s", t->slug);
		diag(b, 1, dir, 0, "not translated into %s (shown in English)", m.data);
		free(dir);
	}
	buf_free(&m);
}

/* By number ("9-x" before "10-y"), then by name. */
static int cmp_topic(const void *a, const void *b)
{
	const char *x = ((const topic_t *)a)->slug, *y = ((const topic_t *)b)->slug;
	long nx = atol(x), ny = atol(y);
	if (nx != ny) return nx < ny ? -1 : 1;
	return strcmp(x, y);
}

static void load_topics(build_t *b)
{
	size_t n;
	char **names = list_dir(b, "topics", "", &n);
	if (!names) diag(b, 0, "topics", 0, "cannot read the topics folder");
	for (size_t i = 0; i < n; i++) {
		char *path = xasprintf("%s/topics/%s", b->dir, names[i]);
		struct stat st;
		int isdir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
		free(path);
		if (!isdir) continue;
		if (strlen(names[i]) > STORE_ID_MAX) {   /* the kiosk names the topic's control "topic:<slug>" */
			char *dir = xasprintf("topics/%s", names[i]);
			diag(b, 0, dir, 0, "the folder name is %zu bytes long; at most %d", strlen(names[i]), STORE_ID_MAX);
			free(dir);
			continue;
		}
		if (!valid_topic_name(names[i])) {
			char *dir = xasprintf("topics/%s", names[i]);
			diag(b, 0, dir, 0, "a topic folder is named NN-slug (digits, '-', lowercase letters, digits and '-')");
			free(dir);
			continue;
		}
		b->topics = xrealloc(b->topics, (b->ntopics + 1) * sizeof *b->topics);
		b->topics[b->ntopics++] = (topic_t){ .slug = xstrdup(names[i]) };
	}
	free_names(names, n);
	sort(b->topics, b->ntopics, sizeof *b->topics, cmp_topic);
	for (size_t i = 0; i < b->ntopics; i++) {
		load_topic(b, &b->topics[i]);
		if (b->en >= 0 && b->topics[i].by_lang[b->en].present) warn_missing(b, &b->topics[i]);
	}
}

/* ---- recorded readings --------------------------------------------------- */

/* Files a publisher might mistake for a recording the kiosk can play. */
static const char *const audio_exts[] = { ".ogg", ".oga", ".wav", ".mp3", ".m4a", ".flac", ".webm" };

/* Opens data the way the kiosk will (opusfile from memory, which also
 * finds the stream's end) and returns its length in ms, or -1. */
static long opus_ms(const char *data, size_t len)
{
	int err = 0;
	OggOpusFile *of = op_open_memory((const unsigned char *)data, len, &err);
	if (!of) return -1;
	ogg_int64_t n = op_pcm_total(of, -1);
	op_free(of);
	return n < 0 ? -1 : (long)(n / 48);
}

/* The Ogg Opus file at file (in the content folder), checked the way the
 * kiosk will open it; NULL (reported) when unreadable or not Opus. */
static char *read_opus(build_t *b, const char *file, size_t *len)
{
	char *path = xasprintf("%s/%s", b->dir, file), *data = read_file(path, len);
	if (!data) diag(b, 0, file, 0, "cannot read: %s", read_why(errno));
	else if (opus_ms(data, *len) < 0) {
		diag(b, 0, file, 0, "not an Ogg Opus file the kiosk can play");
		free(data);
		data = NULL;
	}
	free(path);
	return data;
}

/* Other audio formats in dir (a publisher's .wav or .mp3) are refused by
 * name, with the command that converts them. */
static void refuse_other_audio(build_t *b, const char *dir, const char *name)
{
	size_t l = strlen(name);
	for (size_t e = 0; e < KYR_ARRAY_LEN(audio_exts); e++) {
		size_t el = strlen(audio_exts[e]);
		if (l > el && strcasecmp(name + l - el, audio_exts[e]) == 0) {
			char *file = xasprintf("%s/%s", dir, name);
			diag(b, 0, file, 0, "a recording must be Ogg Opus named <language>.opus"
			     " (convert it with: opusenc --downmix-mono IN <language>.opus)");
			free(file);
		}
	}
}

/* topics/<slug>/<lang>.opus: a reading of that article, played instead of
 * synthetic speech. Stored as it is, in the recordings table. */
static void load_recording(build_t *b, topic_t *t, const char *name)
{
	char *file = xasprintf("topics/%s/%s", t->slug, name);
	char *code = xstrndup(name, strlen(name) - strlen(".opus")), *data = NULL;
	int li = find_lang(b, code);
	size_t len = 0;
	if (li < 0) diag(b, 0, file, 0, "unknown language '%s' (not in languages.csv)", code);
	else if (!t->by_lang || (!t->by_lang[li].present && !(audio_first(b, (size_t)li) && b->en >= 0 && t->by_lang[b->en].present)))
		diag(b, 0, file, 0, "a recording of an article that does not exist (no %s.md beside it)", code);
	else if (!(data = read_opus(b, file, &len))) ;
	else {
		t->by_lang[li].recording = data;
		t->by_lang[li].recording_len = len;
		data = NULL;
	}
	free(data);
	free(code);
	free(file);
}

/* languages/<code>.opus: an audio-first language's name, spoken when its
 * tile is touched (a visitor who reads neither script hears it). */
static void load_name_recordings(build_t *b)
{
	size_t n;
	char **names = list_dir(b, "languages", "", &n);
	for (size_t k = 0; k < n; k++) {
		size_t l = strlen(names[k]);
		if (l <= 5 || strcmp(names[k] + l - 5, ".opus") != 0) { refuse_other_audio(b, "languages", names[k]); continue; }
		char *code = xstrndup(names[k], l - 5), *file = xasprintf("languages/%s", names[k]);
		int li = find_lang(b, code);
		if (li < 0) diag(b, 0, file, 0, "unknown language '%s' (not in languages.csv)", code);
		else if (!audio_first(b, (size_t)li))
			diag(b, 0, file, 0, "'%s' is a written language: only an audio-first language's tile speaks a recording", code);
		else b->langs[li].name_rec = read_opus(b, file, &b->langs[li].name_rec_len);
		free(code);
		free(file);
	}
	free_names(names, n);
	for (size_t li = 0; li < b->nlangs; li++)
		if (audio_first(b, li) && !b->langs[li].name_rec) {
			char *file = xasprintf("languages/%s.opus", b->langs[li].code), *path = xasprintf("%s/%s", b->dir, file);
			if (access(path, F_OK) != 0)   /* else read_opus said what is wrong with it */
				diag(b, 0, file, 0, "missing: an audio-first language's tile speaks its name from this recording");
			free(path);
			free(file);
		}
}

static void load_recordings(build_t *b)
{
	for (size_t i = 0; i < b->ntopics; i++) {
		size_t n;
		char *dir = xasprintf("topics/%s", b->topics[i].slug);
		char **names = list_dir(b, dir, "", &n);
		for (size_t k = 0; k < n; k++) {
			size_t l = strlen(names[k]);
			if (l > 5 && strcmp(names[k] + l - 5, ".opus") == 0) load_recording(b, &b->topics[i], names[k]);
			else refuse_other_audio(b, dir, names[k]);
		}
		free_names(names, n);
		/* An audio-first language's visitors cannot read the text shown:
		 * a topic without its recording is only half there. */
		for (size_t li = 0; li < b->nlangs; li++)
			if (audio_first(b, li) && b->topics[i].by_lang && !b->topics[i].by_lang[li].recording)
				diag(b, 1, dir, 0, "no recording %s.opus: the topic shows %s text that %s speakers may not read", b->langs[li].code,
				     b->langs[li].text_lang, b->langs[li].english);
		free(dir);
	}
	load_name_recordings(b);
}

/* Every [text](topic:slug) must name a topic that exists. */
static void check_links(build_t *b)
{
	for (size_t i = 0; i < b->ntopics; i++)
		for (size_t li = 0; li < b->nlangs; li++) {
			const art_t *a = &b->topics[i].by_lang[li];
			for (size_t k = 0; a->present && k < a->art.nlinks; k++)
				if (find_topic(b, a->art.links[k].slug) < 0)
					diag(b, 0, a->file, a->art.links[k].line, "link to topic '%s', which does not exist",
					     a->art.links[k].slug);
		}
}

/* ---- coverage table ------------------------------------------------------ */

static const char *coverage_cell(const art_t *a)
{
	if (!a->present) return "--";
	if (a->stale) return "old";
	if (a->due) return "due";
	return "ok";
}

/* Topics x languages: ok, -- missing, old stale, due review overdue (an
 * audio-first language: rec, a recording); then the interface strings
 * translated per language (audio-first: the language shown instead). */
static void print_coverage(const build_t *b, FILE *out)
{
	if (b->en < 0 || !b->ui[b->en].present) return;
	int label = (int)strlen("ui strings");
	char cell[32];
	for (size_t i = 0; i < b->ntopics; i++) label = KYR_MAX(label, (int)strlen(b->topics[i].slug));
	int *w = xcalloc(b->nlangs + 1, sizeof *w);
	snprintf(cell, sizeof cell, "%zu/%zu", b->ui[b->en].n, b->ui[b->en].n);
	fprintf(out, "%-*s", label, "coverage");
	for (size_t li = 0; li < b->nlangs; li++) {
		w[li] = KYR_MAX((int)strlen(b->langs[li].code), (int)strlen(cell)) + 1;
		fprintf(out, " %-*s", w[li], b->langs[li].code);
	}
	fputc('\n', out);
	for (size_t i = 0; i < b->ntopics; i++) {
		const topic_t *t = &b->topics[i];
		if (!t->by_lang || !t->by_lang[b->en].present) continue;
		fprintf(out, "%-*s", label, t->slug);
		for (size_t li = 0; li < b->nlangs; li++)
			fprintf(out, " %-*s", w[li], audio_first(b, li) ? (t->by_lang[li].recording ? "rec" : "--") : coverage_cell(&t->by_lang[li]));
		fputc('\n', out);
	}
	/* Contact notes translated (directory/<lang>.po), English counting all. */
	size_t notes = 0;
	for (size_t i = 0; i < b->ncontacts; i++) notes += b->contacts[i].f[C_NOTES][0] != 0;
	fprintf(out, "%-*s", label, "directory");
	for (size_t li = 0; li < b->nlangs; li++) {
		size_t k = 0;
		for (size_t i = 0; i < b->ncontacts; i++)
			k += (int)li == b->en ? b->contacts[i].f[C_NOTES][0] != 0 : b->contacts[i].tr[li][CT_NOTES] != NULL;
		snprintf(cell, sizeof cell, "%zu/%zu", k, notes);
		fprintf(out, " %-*s", w[li], audio_first(b, li) ? b->langs[li].text_lang : cell);
	}
	fputc('\n', out);
	fprintf(out, "%-*s", label, "ui strings");
	for (size_t li = 0; li < b->nlangs; li++) {
		snprintf(cell, sizeof cell, "%zu/%zu", b->ui[li].n, b->ui[b->en].n);
		fprintf(out, " %-*s", w[li], audio_first(b, li) ? b->langs[li].text_lang : cell);
	}
	fputc('\n', out);
	if (b->demo)
		fprintf(out, "DEMO bundle: %s; kiosks show \"Demonstration content\" and refuse it unless allowed\n",
		         b->meta[M_DEMO] && !strcmp(b->meta[M_DEMO], "yes") ? "bundle.ini says demo = yes" :
		         "contacts.csv has sample entries");
	free(w);
}

/* ---- the database -------------------------------------------------------- */

/* The tables themselves are store_schema_sql (store.c), which the kiosk
 * also compares a database against, object by object. */
static const char schema_sql[] =
	"PRAGMA page_size=" STR(PAGE_SIZE) ";"
	"PRAGMA journal_mode=OFF;";
/* The ranking the kiosk sorts by: title, body, keywords weighted 4:1:3;
 * the romanised title and keywords (rtitle) 3, the romanised body 1. */
static const char rank_sql[] = "INSERT INTO search(search, rank) VALUES('rank', 'bm25(4.0, 1.0, 3.0, 0.0, 0.0, 0.0, 0.0, 3.0, 1.0, 0.0)');";

/* Runs sql with arguments bound by the letters of types: 't' text,
 * 'i' int, 'b' blob (pointer, size_t length). */
static int insert(sqlite3 *db, const char *sql, const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		kyr_log("%s: %s", sql, sqlite3_errmsg(db));
		return -1;
	}
	va_start(ap, types);
	for (int i = 1; types[i - 1]; i++) {
		if (types[i - 1] == 't') sqlite3_bind_text(st, i, va_arg(ap, const char *), -1, SQLITE_TRANSIENT);
		else if (types[i - 1] == 'i') sqlite3_bind_int(st, i, va_arg(ap, int));
		else {
			const void *p = va_arg(ap, const void *);
			sqlite3_bind_blob(st, i, p, (int)va_arg(ap, size_t), SQLITE_TRANSIENT);
		}
	}
	va_end(ap);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) kyr_log("%s: %s", sql, sqlite3_errmsg(db));   /* a bug, not bad content */
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Keywords have a column of their own: they weigh like the title, and the
 * snippet a visitor sees comes from the body, not from a list of words. */
static int index_text(sqlite3 *db, roman_t *r, const char *kind, const char *ref, const char *lang,
                      const char *tok, const char *title, const char *body, const char *keywords)
{
	buf_t t = {0}, x = {0}, k = {0};
	segment_spaced(title, strlen(title), lang, &t);
	segment_spaced(body, strlen(body), lang, &x);
	segment_spaced(keywords, strlen(keywords), lang, &k);
	/* Latin-letter search (roman.h): the words of the text as stored, so
	 * the kiosk can find a matched word's bytes in the body it reads. */
	buf_t rt = {0}, rb = {0}, rm = {0};
	if (r) {
		buf_t tk = {0};
		buf_printf(&tk, "%s\n%s", t.data ? t.data : "", k.data ? k.data : "");
		roman_index(r, tk.data, tk.len, &rt, NULL);
		roman_index(r, x.data ? x.data : "", x.len, &rb, &rm);
		buf_free(&tk);
	}
	int rc = insert(db, "INSERT INTO search(title, body, keywords, langtok, kind, ref, lang, rtitle, rbody, rmap)"
	                " VALUES(?,?,?,?,?,?,?,?,?,?)", "tttttttttt", t.data ? t.data : "", x.data ? x.data : "",
	                k.data ? k.data : "", tok, kind, ref, lang, rt.data ? rt.data : "", rb.data ? rb.data : "",
	                rm.data ? rm.data : "");
	buf_free(&t);
	buf_free(&x);
	buf_free(&k);
	buf_free(&rt);
	buf_free(&rb);
	buf_free(&rm);
	return rc;
}

static int write_article(build_t *b, sqlite3 *db, const topic_t *t, size_t li, roman_t *r)
{
	const art_t *a = &t->by_lang[li];
	const char *lang = b->langs[li].code;
	buf_t blob = {0}, body = {0};
	blocks_encode(&a->art.blocks, &blob);
	int rc = insert(db, "INSERT INTO articles VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)", "ttttbttttiitt",
	                t->slug, lang, a->title, a->summary, blob.data, blob.len, a->reviewed_by,
	                a->reviewed_on, a->review_due, a->sources, a->revision, a->stale, a->as_of,
	                a->review_terms);
	buf_printf(&body, "%s\n", a->summary);
	for (size_t i = 0; i < a->art.blocks.n; i++) buf_printf(&body, "%s\n", a->art.blocks.blocks[i].text);
	char tok[40];
	store_lang_token(lang, tok, sizeof tok);
	if (rc == 0) rc = index_text(db, r, "article", t->slug, lang, tok, a->title, body.data, a->keywords);
	buf_free(&blob);
	buf_free(&body);
	if (rc == 0 && a->recording)
		rc = insert(db, "INSERT INTO recordings VALUES(?,?,?)", "ttb", t->slug, lang, a->recording,
		            a->recording_len);
	return rc;
}

/* A contact is indexed once per text language: the row holds that
 * language's name and notes (the translation, else the English), the
 * address and the names of its services in that language, so a Spanish
 * visitor finds it by a Spanish word and the snippet shown is Spanish.
 * The English name, notes, region and service names, and the names of the
 * languages spoken, go in the keywords column, which no snippet is made
 * of: an English word (or "Español") still finds the contact in every
 * language, and an Arabic visitor reads no English but the proper names. */
static int index_contact(build_t *b, sqlite3 *db, const contact_t *c, size_t li)
{
	const char *lang = b->langs[li].code;
	int en = (int)li == b->en;
	const char *name = c->tr[li][CT_NAME] ? c->tr[li][CT_NAME] : c->f[C_NAME];
	const char *notes = c->tr[li][CT_NOTES] ? c->tr[li][CT_NOTES] : c->f[C_NOTES];
	buf_t body = {0}, kw = {0};
	int r = find_region(b, c->f[C_REGION]);
	buf_printf(&body, "%s\n%s\n", notes, c->f[C_ADDRESS]);
	buf_printf(en ? &body : &kw, "%s\n", r >= 0 ? b->regions[r].name : "");   /* names are English */
	if (!en) buf_printf(&kw, "%s\n%s\n", c->f[C_NAME], c->f[C_NOTES]);
	const char *p = c->f[C_SERVICES];
	for (char *s; (s = next_item(&p)); free(s)) {
		char *key = xasprintf("service.%s", s);
		const ui_row_t *u = find_ui(&b->ui[li], key);
		const ui_row_t *e = find_ui(&b->ui[b->en], key);
		for (char *q = s; *q; q++) if (*q == '-') *q = ' ';
		buf_printf(&body, "%s\n", u ? u->value : e ? e->value : s);
		buf_printf(en ? &body : &kw, "%s\n", s);   /* its id's words */
		if (!en && e) buf_printf(&kw, "%s\n", e->value);
		free(key);
	}
	p = c->f[C_LANGUAGES];
	for (char *s; (s = next_item(&p)); free(s)) {
		int sl = find_lang(b, s);
		if (sl < 0) continue;
		buf_printf(&kw, "%s\n%s\n", b->langs[sl].native, b->langs[sl].english);
	}
	char tok[40];
	store_contact_token(lang, tok, sizeof tok);
	int rc = index_text(db, NULL, "contact", c->f[C_ID], lang, tok, name, body.data, kw.data ? kw.data : "");
	buf_free(&body);
	buf_free(&kw);
	return rc;
}

static int write_meta(build_t *b, sqlite3 *db)
{
	static const char *const names[M_COUNT] = {
		"publisher", "content_version", "bundle_date", "default_language", "default_region", NULL };
	const char *sql = "INSERT INTO meta VALUES(?,?)";
	int rc = insert(db, sql, "tt", "schema_version", STR(STORE_SCHEMA_VERSION));
	for (int i = 0; i < M_COUNT; i++)
		if (names[i]) rc |= insert(db, sql, "tt", names[i], b->meta[i] ? b->meta[i] : "");
	/* Computed, not copied: sample contacts make a demo bundle whatever
	 * bundle.ini says; signing and kyr-update read this. */
	rc |= insert(db, sql, "tt", "demo", b->demo ? "1" : "0");
	return rc;
}

/* Only a bundle with audio-first languages has the text_languages table,
 * so every other bundle still installs on kiosks that predate it (their
 * schema check refuses tables they do not know). Their names' recordings
 * are recordings of topic "". */
static int write_audio_first(build_t *b, sqlite3 *db)
{
	int rc = 0, made = 0;
	for (size_t li = 0; li < b->nlangs; li++) {
		const lang_t *l = &b->langs[li];
		if (!audio_first(b, li)) continue;
		if (!made++) rc |= sqlite3_exec(db, store_text_languages_sql, NULL, NULL, NULL) != SQLITE_OK;
		rc |= insert(db, "INSERT INTO text_languages VALUES(?,?)", "tt", l->code, l->text_lang);
		if (l->name_rec)
			rc |= insert(db, "INSERT INTO recordings VALUES(?,?,?)", "ttb", "", l->code, l->name_rec, l->name_rec_len);
	}
	return rc;
}

static int write_tables(build_t *b, sqlite3 *db)
{
	int rc = write_meta(b, db);
	for (size_t i = 0; i < b->nlangs; i++) {
		const lang_t *l = &b->langs[i];
		rc |= insert(db, "INSERT INTO languages VALUES(?,?,?,?,?,?,?)", "tttiitt", l->code, l->native,
		             l->english, l->rtl, l->order, l->voice, l->keyboard);
	}
	for (size_t li = 0; li < b->nlangs; li++)
		for (size_t k = 0; k < b->ui[li].n; k++)
			rc |= insert(db, "INSERT INTO ui VALUES(?,?,?)", "ttt", b->langs[li].code,
			             b->ui[li].rows[k].key, b->ui[li].rows[k].value);
	for (size_t i = 0; i < b->nregions; i++) {
		const region_t *r = &b->regions[i];
		rc |= insert(db, "INSERT INTO regions VALUES(?,?,?,?,?)", "ttttt", r->id, r->name, r->state,
		             r->county, r->parent);
	}
	for (size_t i = 0; i < b->ncontacts; i++) {
		const contact_t *c = &b->contacts[i];
		char *const *f = c->f;
		rc |= insert(db, "INSERT INTO contacts VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)", "tttttttttttiti",
		             f[C_ID], f[C_NAME], f[C_KIND], f[C_PHONES], f[C_ADDRESS], f[C_REGION], f[C_HOURS],
		             f[C_LANGUAGES], f[C_SERVICES], f[C_NOTES], f[C_VERIFIED], c->sample, f[C_TZ],
		             strcmp(f[C_INTERP], "yes") == 0);
		for (size_t li = 0; li < b->nlangs; li++)
			for (int k = 0; k < CT_COUNT; k++)
				if (c->tr[li][k])
					rc |= insert(db, "INSERT INTO contact_text VALUES(?,?,?,?)", "tttt", f[C_ID],
					             b->langs[li].code, ctext_fields[k], c->tr[li][k]);
	}
	for (size_t i = 0; i < b->nkbds; i++)
		rc |= insert(db, "INSERT INTO keyboards VALUES(?,?)", "tt", b->kbds[i].name, b->kbds[i].layout);
	/* One transliterator per romanised language: opening one costs more
	 * than romanising an article. */
	roman_t **rom = xcalloc(b->nlangs + 1, sizeof *rom);
	for (size_t li = 0; li < b->nlangs; li++) {
		char err[160];
		rom[li] = roman_open(b->langs[li].code, err, sizeof err);
		if (!rom[li] && err[0]) {
			diag(b, 0, "languages.csv", 0, "%s", err);
			rc = -1;
		}
	}
	for (size_t i = 0; i < b->ntopics; i++) {
		const topic_t *t = &b->topics[i];
		rc |= insert(db, "INSERT INTO topics VALUES(?,?,?)", "tii", t->slug, (int)i + 1, (int)t->by_lang[b->en].icon);
		for (size_t li = 0; li < b->nlangs; li++) {
			if (t->by_lang[li].present) rc |= write_article(b, db, t, li, rom[li]);
			else if (t->by_lang[li].recording)   /* an audio-first language's */
				rc |= insert(db, "INSERT INTO recordings VALUES(?,?,?)", "ttb", t->slug, b->langs[li].code,
				             t->by_lang[li].recording, t->by_lang[li].recording_len);
		}
	}
	for (size_t li = 0; li < b->nlangs; li++) roman_close(rom[li]);
	free(rom);
	rc |= write_audio_first(b, db);
	for (size_t li = 0; li < b->nlangs; li++)
		if (!audio_first(b, li))
			for (size_t i = 0; i < b->ncontacts; i++) rc |= index_contact(b, db, &b->contacts[i], li);
	return rc;
}

/* Copies the finished database to path: VACUUM INTO a temporary file in
 * the same folder, fsync it, rename it into place, fsync the folder, so a
 * reader sees the old file or the new one, never half of one. */
static int write_atomic(build_t *b, sqlite3 *db, const char *path)
{
	char *tmp = xasprintf("%s.tmp%ld", path, (long)getpid());
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	sqlite3_stmt *st = NULL;
	const char *why = NULL;
	int fd = -1;
	if (slash) slash[slash == dir ? 1 : 0] = 0;
	else strcpy(dir, ".");
	unlink(tmp);
	if (sqlite3_prepare_v2(db, "VACUUM INTO ?1", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_text(st, 1, tmp, -1, SQLITE_STATIC) != SQLITE_OK || sqlite3_step(st) != SQLITE_DONE) {
		why = sqlite3_errmsg(db);
		goto fail;
	}
	if ((fd = open(tmp, O_RDONLY)) < 0 || fsync(fd) < 0 || close(fd) < 0) { fd = -1; goto fail_errno; }
	if (rename(tmp, path) < 0) goto fail_errno;
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) >= 0) { fsync(fd); close(fd); }
	sqlite3_finalize(st);
	free(tmp);
	free(dir);
	return 0;
fail_errno:
	why = strerror(errno);
fail:
	if (fd >= 0) close(fd);
	diag(b, 0, NULL, 0, "cannot write %s: %s", path, why);
	sqlite3_finalize(st);
	unlink(tmp);
	free(tmp);
	free(dir);
	return -1;
}

/* Builds the whole database in memory, with rows in a fixed order and no
 * clock anywhere, so the same sources always give the same bytes. */
static int write_db(build_t *b)
{
	sqlite3 *db = NULL;
	int rc = -1;
	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) goto done;
	if (sqlite3_exec(db, schema_sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, store_schema_sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, rank_sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK || write_tables(b, db) != 0 ||
	    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "INSERT INTO search(search) VALUES('optimize')", NULL, NULL, NULL) != SQLITE_OK) {
		diag(b, 0, NULL, 0, "building the database failed: %s", sqlite3_errmsg(db));
		goto done;
	}
	rc = 0;
	if (b->o->output) rc |= write_atomic(b, db, b->o->output);
	if (b->o->bundle_dir) {
		char *sub = xasprintf("%s/kyr-content", b->o->bundle_dir);
		char *path = xasprintf("%s/content.db", sub);
		mkdir(b->o->bundle_dir, 0755);
		mkdir(sub, 0755);
		rc |= write_atomic(b, db, path);
		free(path);
		free(sub);
	}
done:
	sqlite3_close(db);
	return rc;
}

/* ---- build_run ----------------------------------------------------------- */

static void free_art(art_t *a)
{
	free(a->file); free(a->title); free(a->summary); free(a->reviewed_by); free(a->reviewed_on);
	free(a->review_due); free(a->sources); free(a->keywords); free(a->recording);
	free(a->as_of); free(a->review_terms);
	article_free(&a->art);
}

static void free_ui(ui_lang_t *u)
{
	for (size_t k = 0; k < u->n; k++) {
		free(u->rows[k].key);
		free(u->rows[k].value);
		free(u->rows[k].msgid);
	}
	free(u->rows);
}

static void build_free(build_t *b)
{
	for (size_t i = 0; i < b->ntopics; i++) {
		for (size_t li = 0; b->topics[i].by_lang && li < b->nlangs; li++) free_art(&b->topics[i].by_lang[li]);
		free(b->topics[i].by_lang);
		free(b->topics[i].slug);
	}
	for (size_t i = 0; b->ui && i < b->nlangs; i++) free_ui(&b->ui[i]);
	for (size_t i = 0; i < b->nlangs; i++) {
		lang_t *l = &b->langs[i];
		free(l->code); free(l->native); free(l->english); free(l->voice); free(l->keyboard);
		free(l->text_lang); free(l->name_rec);
	}
	for (size_t i = 0; i < b->nregions; i++) {
		region_t *r = &b->regions[i];
		free(r->id); free(r->name); free(r->state); free(r->county); free(r->parent);
	}
	for (size_t i = 0; i < b->ncontacts; i++) {
		for (int k = 0; k < C_NCOLS; k++) free(b->contacts[i].f[k]);
		for (size_t li = 0; li < b->nlangs; li++)
			for (int k = 0; k < CT_COUNT; k++) free(b->contacts[i].tr[li][k]);
		free(b->contacts[i].tr);
	}
	for (size_t i = 0; i < b->nicons; i++) free(b->icons[i].name);
	for (size_t i = 0; i < b->nkbds; i++) { free(b->kbds[i].name); free(b->kbds[i].layout); }
	for (int i = 0; i < M_COUNT; i++) free(b->meta[i]);
	free(b->topics); free(b->ui); free(b->langs); free(b->regions); free(b->contacts);
	free(b->icons); free(b->kbds); free(b->dir);
}

int build_run(const build_opts_t *o)
{
	build_t b = { .o = o, .en = -1 };
	size_t n = strlen(o->content_dir);
	while (n > 1 && o->content_dir[n - 1] == '/') n--;
	b.dir = xstrndup(o->content_dir, n);

	load_icons(&b);
	load_keyboards(&b);
	load_languages(&b);
	load_regions(&b);
	load_bundle(&b);
	load_contacts(&b);
	load_ui(&b);
	load_directory(&b);
	load_topics(&b);
	load_recordings(&b);
	check_links(&b);
	if (!o->quiet) print_coverage(&b, o->out ? o->out : stdout);

	int rc = BUILD_OK;
	if (b.errors) {
		diag(&b, 0, NULL, 0, "%d error%s, %d warning%s: no database written", b.errors,
		     b.errors == 1 ? "" : "s", b.warnings, b.warnings == 1 ? "" : "s");
		rc = BUILD_BAD_CONTENT;
	} else if ((o->output || o->bundle_dir) && write_db(&b) < 0) {
		rc = BUILD_IO_ERROR;
	}
	build_free(&b);
	return rc;
}
