/* test_fonts — no shipped string is drawn with a font that lacks its glyphs.
 *
 * Reads the content sources directly (every line of content/topics/x/LANG.md,
 * every msgid/msgstr of content/ui/LANG.po, every field of content/x.csv),
 * lays out each string in its language, regular and bold, and checks that
 * each run's font provides every code point of the run that is drawn (not
 * controls, format characters or variation selectors). A built-in list of
 * sentences in the kiosk's likely languages is checked too, so the font
 * table is tested even before translations exist. $KYR_CONTENT overrides
 * the content directory, $BUILD the build directory (fonts in $BUILD/fonts). */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_ttf.h>
#include <unicode/uchar.h>

#include "harness.h"
#include "text.h"
#include "util.h"

#define TEST_PX 24
#define MAX_REPORTS 30

static font_set_t *fs;
static int reports;
static int nstrings;

/* Language code -> direction, from languages.csv when there is one. */
static struct { char code[16]; int rtl; } langs[64];
static int nlangs;

static int lang_rtl(const char *code)
{
	static const char *const rtl[] = { "ar", "fa", "prs", "ps", "ur", "he", "yi", "ckb", "sd" };
	for (int i = 0; i < nlangs; i++)
		if (strcmp(langs[i].code, code) == 0)
			return langs[i].rtl;
	for (size_t i = 0; i < KYR_ARRAY_LEN(rtl); i++)
		if (strcmp(rtl[i], code) == 0)
			return 1;
	return 0;
}

static int skipped(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 1;
	if (cp == 0x200C || cp == 0x200D || cp == 0x200E || cp == 0x200F || cp == 0xFE0F)
		return 1;
	if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF))
		return 1;
	return u_charType((UChar32)cp) == U_FORMAT_CHAR;
}

/* Lays s out and checks every run; `where` names the source for reports. */
static void check_string(const char *s, size_t len, const char *lang, const char *where)
{
	int bad = 0;
	nstrings++;
	for (int bold = 0; bold <= 1; bold++) {
		text_opts_t o = { .lang = lang, .dir = lang_rtl(lang) ? TEXT_DIR_RTL : TEXT_DIR_AUTO,
		                  .px = TEST_PX, .flags = bold ? TEXT_BOLD : 0 };
		text_layout_t *l = text_layout(fs, s, len, &o);
		for (int i = 0; i < l->nruns; i++) {
			const text_run_t *r = &l->runs[i];
			TTF_Font *f = font_get(fs, r->face, r->px, r->flags & TEXT_BOLD);
			for (size_t b = r->start; b < r->end; ) {
				uint32_t cp = utf8_next(l->text, r->end, &b);
				if (skipped(cp) || (f && TTF_GlyphIsProvided32(f, cp)))
					continue;
				bad++;
				if (reports++ < MAX_REPORTS) {
					int idx;
					const char *file = font_file_style(fs, r->face, bold, &idx);
					fprintf(stderr, "%s: U+%04X not in %s:%d (%s, %s)\n", where, cp,
					        file ? file : "?", idx, r->script, bold ? "bold" : "regular");
				}
			}
		}
		text_layout_free(l);
	}
	CHECKF(bad == 0, "%s: %d code points without a glyph", where, bad);
}

/* ---------------------------------------------------------------------- */
/* Sources. */

static void check_lines(const char *path, const char *lang)
{
	size_t len;
	char *text = read_file(path, &len);
	int line = 0;
	if (!text)
		return;
	for (size_t at = 0; at < len; ) {
		size_t end = at;
		while (end < len && text[end] != '\n')
			end++;
		char where[600];
		snprintf(where, sizeof where, "%s:%d", path, ++line);
		if (end > at)
			check_string(text + at, end - at, lang, where);
		at = end + 1;
	}
	free(text);
}

/* Appends the C-escaped PO string starting at the quote *p to b. */
static void po_unquote(const char *p, buf_t *b)
{
	if (*p != '"')
		return;
	for (p++; *p && *p != '"'; p++) {
		if (*p != '\\' || !p[1]) {
			buf_putc(b, *p);
			continue;
		}
		p++;
		buf_putc(b, *p == 'n' ? '\n' : *p == 't' ? '\t' : *p);
	}
}

static void check_po(const char *path, const char *lang)
{
	size_t len;
	char *text = read_file(path, &len);
	buf_t cur = { 0 };
	int line = 0, start = 0, english = 0, open = 0;
	char where[600];
	if (!text)
		return;
	for (char *p = text; p && *p; ) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		line++;
		int cont = *p == '"';
		if (open && !cont) {
			snprintf(where, sizeof where, "%s:%d", path, start);
			if (cur.len)
				check_string(cur.data, cur.len, english ? "en" : lang, where);
			open = 0;
		}
		if (strncmp(p, "msgid \"", 7) == 0 || strncmp(p, "msgstr \"", 8) == 0) {
			english = p[3] == 'i';
			cur.len = 0;
			buf_append(&cur, "", 0);
			po_unquote(strchr(p, '"'), &cur);
			open = 1;
			start = line;
		} else if (cont && open) {
			po_unquote(p, &cur);
		}
		p = nl ? nl + 1 : NULL;
	}
	if (open && cur.len) {
		snprintf(where, sizeof where, "%s:%d", path, start);
		check_string(cur.data, cur.len, english ? "en" : lang, where);
	}
	buf_free(&cur);
	free(text);
}

/* Splits one RFC 4180 record starting at *p into fields (each a new
 * string in f[]); returns the field count and advances *p. */
static int csv_record(const char **p, char **f, int max)
{
	int n = 0;
	const char *s = *p;
	for (;;) {
		buf_t b = { 0 };
		buf_append(&b, "", 0);
		if (*s == '"') {
			for (s++; *s; s++) {
				if (*s == '"' && s[1] == '"')
					buf_putc(&b, *s++);
				else if (*s == '"') {
					s++;
					break;
				} else
					buf_putc(&b, *s);
			}
		}
		while (*s && *s != ',' && *s != '\n' && *s != '\r')
			buf_putc(&b, *s++);
		if (n < max)
			f[n++] = b.data;
		else
			buf_free(&b);
		if (*s != ',')
			break;
		s++;
	}
	while (*s == '\r' || *s == '\n')
		s++;
	*p = s;
	return n;
}

static void load_languages(const char *dir)
{
	char *path = xasprintf("%s/languages.csv", dir);
	char *text = read_file(path, NULL);
	char *f[32], *head[32];
	int code = -1, direction = -1;
	free(path);
	if (!text)
		return;
	const char *p = text;
	int nh = csv_record(&p, head, 32);
	for (int i = 0; i < nh; i++) {
		if (strcmp(head[i], "code") == 0)
			code = i;
		if (strcmp(head[i], "direction") == 0)
			direction = i;
	}
	while (*p && code >= 0) {
		int n = csv_record(&p, f, 32);
		if (code < n && nlangs < (int)KYR_ARRAY_LEN(langs)) {
			snprintf(langs[nlangs].code, sizeof langs[nlangs].code, "%s", f[code]);
			langs[nlangs++].rtl = direction >= 0 && direction < n && strcmp(f[direction], "rtl") == 0;
		}
		for (int i = 0; i < n; i++)
			free(f[i]);
	}
	for (int i = 0; i < nh; i++)
		free(head[i]);
	free(text);
}

/* Every field; native names in their own language (the row's code). */
static void check_csv(const char *path)
{
	char *text = read_file(path, NULL);
	char *f[64], *head[64];
	int row = 1;
	if (!text)
		return;
	const char *p = text;
	int nh = csv_record(&p, head, 64), code = -1;
	for (int i = 0; i < nh; i++)
		if (strcmp(head[i], "code") == 0 && strstr(path, "languages.csv"))
			code = i;
	while (*p) {
		int n = csv_record(&p, f, 64);
		row++;
		for (int i = 0; i < n; i++) {
			char where[600];
			snprintf(where, sizeof where, "%s:%d:%s", path, row, i < nh ? head[i] : "?");
			const char *lang = code >= 0 && code < n && i < nh && strcmp(head[i], "native_name") == 0 ? f[code] : "en";
			if (*f[i])
				check_string(f[i], strlen(f[i]), lang, where);
		}
		for (int i = 0; i < n; i++)
			free(f[i]);
	}
	for (int i = 0; i < nh; i++)
		free(head[i]);
	free(text);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Calls fn(path, lang) for every DIR/NAME.ext, lang = NAME. */
static void each_file(const char *dir, const char *ext, void (*fn)(const char *, const char *))
{
	DIR *d = opendir(dir);
	struct dirent *e;
	if (!d)
		return;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || !ends_with(e->d_name, ext))
			continue;
		char *path = xasprintf("%s/%s", dir, e->d_name);
		char *lang = xstrndup(e->d_name, strlen(e->d_name) - strlen(ext));
		fn(path, lang);
		free(lang);
		free(path);
	}
	closedir(d);
}

static void test_content(void)
{
	const char *dir = getenv("KYR_CONTENT");
	if (!dir || !*dir)
		dir = "content";
	load_languages(dir);

	char *topics = xasprintf("%s/topics", dir);
	DIR *d = opendir(topics);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *sub = xasprintf("%s/%s", topics, e->d_name);
		each_file(sub, ".md", check_lines);
		free(sub);
	}
	if (d)
		closedir(d);
	free(topics);

	char *ui = xasprintf("%s/ui", dir);
	each_file(ui, ".po", check_po);
	free(ui);

	d = opendir(dir);
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.' || !ends_with(e->d_name, ".csv"))
			continue;
		char *path = xasprintf("%s/%s", dir, e->d_name);
		check_csv(path);
		free(path);
	}
	if (d)
		closedir(d);
	fprintf(stderr, "checked %d content strings from %s\n", nstrings, dir);
}

/* Sentences in languages the kiosk is likely to carry, whatever the
 * content holds today: the font table must serve them all. */
static void test_samples(void)
{
	static const struct { const char *lang, *text; } samples[] = {
		{ "en", "Know your rights \xE2\x80\x94 \xE2\x80\x9Cwarrant\xE2\x80\x9D \xC2\xA7 287(g) \xE2\x80\xA2 \xE2\x86\x92 \xE2\x9C\x93 \xE2\x82\xAC" "5 \xE2\x80\xA6" },
		{ "es", "Conozca sus derechos. \xC2\xBFTiene una orden judicial? \xC2\xA1No abra la puerta!" },
		{ "vi", "Bi\xE1\xBA\xBFt quy\xE1\xBB\x81n c\xE1\xBB\xA7" "a b\xE1\xBA\xA1n. G\xE1\xBB\x8Di lu\xE1\xBA\xADt s\xC6\xB0." },
		{ "ru", "\xD0\x97\xD0\xBD\xD0\xB0\xD0\xB9\xD1\x82\xD0\xB5 \xD1\x81\xD0\xB2\xD0\xBE\xD0\xB8 \xD0\xBF\xD1\x80\xD0\xB0\xD0\xB2\xD0\xB0." },
		{ "uk", "\xD0\x97\xD0\xBD\xD0\xB0\xD0\xB9\xD1\x82\xD0\xB5 \xD1\x81\xD0\xB2\xD0\xBE\xD1\x97 \xD0\xBF\xD1\x80\xD0\xB0\xD0\xB2\xD0\xB0 \xD2\x91" },
		{ "el", "\xCE\x93\xCE\xBD\xCF\x89\xCF\x81\xCE\xAF\xCF\x83\xCF\x84\xCE\xB5 \xCF\x84\xCE\xB1 \xCE\xB4\xCE\xB9\xCE\xBA\xCE\xB1\xCE\xB9\xCF\x8E\xCE\xBC\xCE\xB1\xCF\x84\xCE\xAC \xCF\x83\xCE\xB1\xCF\x82" },
		{ "zh-Hans", "\xE4\xBA\x86\xE8\xA7\xA3\xE6\x82\xA8\xE7\x9A\x84\xE6\x9D\x83\xE5\x88\xA9\xEF\xBC\x9A\xE2\x80\x9C\xE6\x90\x9C\xE6\x9F\xA5\xE4\xBB\xA4\xE2\x80\x9D\xE3\x80\x82" },
		{ "zh-Hant", "\xE4\xBA\x86\xE8\xA7\xA3\xE6\x82\xA8\xE7\x9A\x84\xE6\xAC\x8A\xE5\x88\xA9\xE3\x80\x82\xE8\xAB\x8B\xE8\x81\xAF\xE7\xB9\xAB\xE5\xBE\x8B\xE5\xB8\xAB\xE3\x80\x82" },
		{ "ja", "\xE3\x81\x82\xE3\x81\xAA\xE3\x81\x9F\xE3\x81\xAE\xE6\xA8\xA9\xE5\x88\xA9\xE3\x82\x92\xE7\x9F\xA5\xE3\x82\x8B\xE3\x80\x82\xE3\x83\x89\xE3\x82\xA2\xE3\x82\x92\xE9\x96\x8B\xE3\x81\x91\xE3\x81\xAA\xE3\x81\x84\xE3\x80\x82" },
		{ "ko", "\xEA\xB6\x8C\xEB\xA6\xAC\xEB\xA5\xBC \xEC\x95\x84\xEC\x84\xB8\xEC\x9A\x94. \xEB\xB3\x80\xED\x98\xB8\xEC\x82\xAC\xEC\x97\x90\xEA\xB2\x8C \xEC\xA0\x84\xED\x99\x94\xED\x95\x98\xEC\x84\xB8\xEC\x9A\x94." },
		{ "ar", "\xD8\xA7\xD8\xB9\xD8\xB1\xD9\x81 \xD8\xAD\xD9\x82\xD9\x88\xD9\x82\xD9\x83\xD8\x9B \xD8\xA7\xD8\xAA\xD8\xB5\xD9\x84 \xD8\xA8\xD9\x85\xD8\xAD\xD8\xA7\xD9\x85\xD9\x8D\xD8\x9F \xD9\xA1\xD9\xA2\xD9\xA3 +1 (555) 010-0123" },
		{ "fa", "\xD8\xAD\xD9\x82\xD9\x88\xD9\x82 \xD8\xAE\xD9\x88\xD8\xAF \xD8\xB1\xD8\xA7 \xD8\xA8\xD8\xAF\xD8\xA7\xD9\x86\xDB\x8C\xD8\xAF. \xDB\xB1\xDB\xB2\xDB\xB3 \xDA\xAF\xDA\x86\xD9\xBE\xDA\x98" },
		{ "ur", "\xD8\xA7\xD9\xBE\xD9\x86\xDB\x92 \xD8\xAD\xD9\x82\xD9\x88\xD9\x82 \xD8\xAC\xD8\xA7\xD9\x86\xDB\x8C\xDA\xBA\xDB\x94 \xD9\xB9\xDA\x88\xDA\x91" },
		{ "ps", "\xD8\xAE\xD9\xBE\xD9\x84 \xD8\xAD\xD9\x82\xD9\x88\xD9\x82 \xD9\xBE\xDB\x8C\xDA\x98\xD9\x86\xD8\xA6 \xDA\x81\xDA\x85\xDA\xBC" },
		{ "he", "\xD7\x93\xD7\xA2 \xD7\x90\xD7\xAA \xD7\x96\xD7\x9B\xD7\x95\xD7\x99\xD7\x95\xD7\xAA\xD7\x99\xD7\x9A." },
		{ "hi", "\xE0\xA4\x85\xE0\xA4\xAA\xE0\xA4\xA8\xE0\xA5\x87 \xE0\xA4\x85\xE0\xA4\xA7\xE0\xA4\xBF\xE0\xA4\x95\xE0\xA4\xBE\xE0\xA4\xB0 \xE0\xA4\x9C\xE0\xA4\xBE\xE0\xA4\xA8\xE0\xA5\x87\xE0\xA4\x82\xE0\xA5\xA4 \xE0\xA5\xA7\xE0\xA5\xA8\xE0\xA5\xA9" },
		{ "bn", "\xE0\xA6\x86\xE0\xA6\xAA\xE0\xA6\xA8\xE0\xA6\xBE\xE0\xA6\xB0 \xE0\xA6\x85\xE0\xA6\xA7\xE0\xA6\xBF\xE0\xA6\x95\xE0\xA6\xBE\xE0\xA6\xB0 \xE0\xA6\x9C\xE0\xA6\xBE\xE0\xA6\xA8\xE0\xA7\x81\xE0\xA6\xA8\xE0\xA5\xA4" },
		{ "pa", "\xE0\xA8\x86\xE0\xA8\xAA\xE0\xA8\xA3\xE0\xA9\x87 \xE0\xA8\x85\xE0\xA8\xA7\xE0\xA8\xBF\xE0\xA8\x95\xE0\xA8\xBE\xE0\xA8\xB0 \xE0\xA8\x9C\xE0\xA8\xBE\xE0\xA8\xA3\xE0\xA9\x8B\xE0\xA5\xA4" },
		{ "gu", "\xE0\xAA\xA4\xE0\xAA\xAE\xE0\xAA\xBE\xE0\xAA\xB0\xE0\xAA\xBE \xE0\xAA\x85\xE0\xAA\xA7\xE0\xAA\xBF\xE0\xAA\x95\xE0\xAA\xBE\xE0\xAA\xB0\xE0\xAB\x8B" },
		{ "ta", "\xE0\xAE\x89\xE0\xAE\x99\xE0\xAF\x8D\xE0\xAE\x95\xE0\xAE\xB3\xE0\xAF\x8D \xE0\xAE\x89\xE0\xAE\xB0\xE0\xAE\xBF\xE0\xAE\xAE\xE0\xAF\x88\xE0\xAE\x95\xE0\xAE\xB3\xE0\xAF\x8D" },
		{ "te", "\xE0\xB0\xAE\xE0\xB1\x80 \xE0\xB0\xB9\xE0\xB0\x95\xE0\xB1\x8D\xE0\xB0\x95\xE0\xB1\x81\xE0\xB0\xB2\xE0\xB1\x81" },
		{ "am", "\xE1\x88\x98\xE1\x89\xA5\xE1\x89\xB6\xE1\x89\xBD\xE1\x8B\x8E\xE1\x8A\x95 \xE1\x8B\xAD\xE1\x8B\x88\xE1\x89\x81\xE1\x8D\xA2 \xE1\x8D\xA9\xE1\x8D\xAA" },
		{ "ti", "\xE1\x88\xB0\xE1\x88\x8B\xE1\x88\x9D" },
		{ "th", "\xE0\xB8\xA3\xE0\xB8\xB9\xE0\xB9\x89\xE0\xB8\xAA\xE0\xB8\xB4\xE0\xB8\x97\xE0\xB8\x98\xE0\xB8\xB4\xE0\xB8\x82\xE0\xB8\xAD\xE0\xB8\x87\xE0\xB8\x84\xE0\xB8\xB8\xE0\xB8\x93" },
		{ "lo", "\xE0\xBA\xAE\xE0\xBA\xB9\xE0\xBB\x89\xE0\xBA\xAA\xE0\xBA\xB4\xE0\xBA\x94\xE0\xBA\x82\xE0\xBA\xAD\xE0\xBA\x87\xE0\xBA\x97\xE0\xBB\x88\xE0\xBA\xB2\xE0\xBA\x99" },
		{ "km", "\xE1\x9E\x9F\xE1\x9E\xB7\xE1\x9E\x91\xE1\x9F\x92\xE1\x9E\x92\xE1\x9E\xB7\xE1\x9E\x9A\xE1\x9E\x94\xE1\x9E\x9F\xE1\x9F\x8B\xE1\x9E\xA2\xE1\x9F\x92\xE1\x9E\x93\xE1\x9E\x80" },
		{ "my", "\xE1\x80\x9E\xE1\x80\x84\xE1\x80\xB7\xE1\x80\xBA\xE1\x80\x9B\xE1\x80\xBE\xE1\x80\xAD\xE1\x80\x95\xE1\x80\xAD\xE1\x80\xAF\xE1\x80\x84\xE1\x80\xBA\xE1\x80\x81\xE1\x80\xBD\xE1\x80\x84\xE1\x80\xB7\xE1\x80\xBA" },
		{ "hy", "\xD4\xB3\xD5\xAB\xD5\xBF\xD6\x81\xD5\xA5\xD6\x84 \xD5\xB1\xD5\xA5\xD6\x80 \xD5\xAB\xD6\x80\xD5\xA1\xD5\xBE\xD5\xB8\xD6\x82\xD5\xB6\xD6\x84\xD5\xB6\xD5\xA5\xD6\x80\xD5\xA8" },
		{ "ka", "\xE1\x83\x98\xE1\x83\xAA\xE1\x83\x9D\xE1\x83\x93\xE1\x83\x94\xE1\x83\x97 \xE1\x83\x97\xE1\x83\xA5\xE1\x83\x95\xE1\x83\x94\xE1\x83\x9C\xE1\x83\x98 \xE1\x83\xA3\xE1\x83\xA4\xE1\x83\x9A\xE1\x83\x94\xE1\x83\x91\xE1\x83\x94\xE1\x83\x91\xE1\x83\x98" },
		{ "ht", "Konnen dwa ou. Ou pa oblije louvri p\xC3\xB2t la." },
		{ "tl", "Alamin ang iyong mga karapatan. Tumawag sa abogado." },
	};
	for (size_t i = 0; i < KYR_ARRAY_LEN(samples); i++) {
		char where[64];
		snprintf(where, sizeof where, "sample %s", samples[i].lang);
		check_string(samples[i].text, strlen(samples[i].text), samples[i].lang, where);
	}
}

/* The build cuts the CJK collections down to the content's characters
 * (tools/subset-fonts.sh): a character the content uses comes from a subset
 * file, one it does not use from the full collection, never tofu. */
static void test_subsets(void)
{
	static const struct { const char *script, *lang; uint32_t used, unused; } cases[] = {
		{ "Hani", "zh-Hans", 0x6743 /* 权 */, 0x9F98 /* 龘 */ },
		{ "Hani", "zh-Hant", 0x6B0A /* 權 */, 0x9F98 },
		{ "Hang", "ko", 0xAD8C /* 권 */, 0x1100 /* conjoining ᄀ, not in the content */ },
	};
	for (size_t i = 0; i < KYR_ARRAY_LEN(cases); i++) {
		int used = font_pick(fs, cases[i].script, cases[i].lang, cases[i].used);
		int unused = font_pick(fs, cases[i].script, cases[i].lang, cases[i].unused);
		const char *fu = font_file(fs, used, NULL), *fn = font_file(fs, unused, NULL);
		CHECKF(fu && strncmp(fu, "sub/", 4) == 0, "%s U+%04X from %s, not a subset", cases[i].lang,
		       (unsigned)cases[i].used, fu ? fu : "(none)");
		CHECKF(fn && strncmp(fn, "sub/", 4) != 0 && font_has_glyph(fs, unused, cases[i].unused),
		       "%s U+%04X (outside the subset) from %s without a glyph", cases[i].lang,
		       (unsigned)cases[i].unused, fn ? fn : "(none)");
	}
}

int main(void)
{
	char dir[512], err[256] = "";
	const char *build = getenv("BUILD");
	snprintf(dir, sizeof dir, "%s/fonts", build && *build ? build : "build");
	CHECK(TTF_Init() == 0);
	fs = font_set_open(dir, err, sizeof err);
	CHECKF(fs != NULL, "%s (run make fonts)", err);
	if (fs) {
		RUN(test_samples);
		RUN(test_content);
		RUN(test_subsets);
		font_set_close(fs);
	}
	TTF_Quit();
	return harness_done();
}
