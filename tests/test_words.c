/* test_words — words stay whole (issue 17). Every text of the home,
 * article, directory, organisation, about, rights-card, search and
 * language screens, in every language of
 * the content, at 800x480, 720x1280 and 1080x1920 and all three text sizes,
 * scrolled from top to bottom: each line that starts inside a word counts.
 * A word is what ICU's dictionary word breaker calls one in languages
 * written without spaces (Chinese, Burmese), else a run of letters, digits
 * and marks. Allowed only: a word wider than its box, hyphenated (a hyphen
 * drawn) where Debian has a dictionary for the language, broken between
 * letters where none exists. Also the text engine's own rules on small
 * cases (keep-all Korean, Chinese words, hyphenation, no dictionary).
 * Uses the real content (build/content.db) and fonts (build/fonts). */
#include "harness.h"
#include "fixture.h"
#include "util.h"
#include "config.h"
#include "store.h"
#include "text.h"
#include "hyph.h"
#include "ui.h"

#include <SDL_ttf.h>
#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>

static store_t *st;
static font_set_t *fs;
static config_t cfg;
static uint32_t now = 1000;

typedef struct {
	int breaks, mid, hyph, overlong;
	char first[256];
} words_t;

static int wordchar(UChar32 c)
{
	int8_t t = u_charType(c);
	return u_isalnum(c) || t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}

/* Chinese and Burmese text, or Han/Myanmar letters inside another
 * language's: words come from ICU's dictionaries. */
static int no_spaces(const char *lang, UChar32 c)
{
	UErrorCode e = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript(c, &e);
	return !strncmp(lang, "zh", 2) || !strcmp(lang, "my") || sc == USCRIPT_HAN || sc == USCRIPT_MYANMAR;
}

/* The word around byte b of s as [*ws, *we): ICU dictionary words for
 * languages without spaces, else letters/digits/marks. 1 when b is inside
 * it (not at its edge). */
static int word_around(const char *s, size_t len, size_t b, const char *lang, size_t *ws, size_t *we)
{
	const uint8_t *u8 = (const uint8_t *)s;
	int32_t n8 = (int32_t)len, i = (int32_t)b, j = (int32_t)b;
	UChar32 prev = 0, next = 0;
	if (b == 0 || b >= len) return 0;
	U8_PREV(u8, 0, i, prev);
	U8_NEXT(u8, j, n8, next);
	if (!wordchar(prev) || !wordchar(next)) return 0;
	int32_t a = (int32_t)b, z = (int32_t)b;
	while (a > 0) {
		int32_t k = a;
		UChar32 c;
		U8_PREV(u8, 0, k, c);
		if (!wordchar(c)) break;
		a = k;
	}
	while (z < n8) {
		int32_t k = z;
		UChar32 c;
		U8_NEXT(u8, k, n8, c);
		if (!wordchar(c)) break;
		z = k;
	}
	*ws = (size_t)a;
	*we = (size_t)z;
	if (!no_spaces(lang, next)) {
		/* The width that counts is the word's with what sticks to it
		 * ("inmigración," cannot lose its comma to the next line). */
		while (*ws > 0 && !u_isspace((UChar32)(unsigned char)s[*ws - 1]) && (unsigned char)s[*ws - 1] < 0x80) (*ws)--;
		while (*we < len && !u_isspace((UChar32)(unsigned char)s[*we]) && (unsigned char)s[*we] < 0x80) (*we)++;
		return 1;
	}
	/* Within the letters, the dictionary word that holds b. */
	UChar u[1024];
	int32_t n = 0, at = -1;
	UErrorCode e = U_ZERO_ERROR;
	size_t offs[1025];
	for (int32_t k = a; k < z && n < 1000; ) {
		UChar32 c;
		if ((size_t)k == b) at = n;
		offs[n] = (size_t)k;
		U8_NEXT(u8, k, z, c);
		U16_APPEND_UNSAFE(u, n, c);
		if (U16_LENGTH(c) == 2) offs[n - 1] = offs[n - 2];
	}
	offs[n] = *we;
	char loc[32];
	snprintf(loc, sizeof loc, "%s", !strcmp(lang, "zh-Hant") ? "zh_Hant" : !strcmp(lang, "zh-Hans") ? "zh_Hans" : lang);
	UBreakIterator *wb = ubrk_open(UBRK_WORD, loc, u, n, &e);
	if (U_FAILURE(e) || at < 0) return 1;
	int inside = !ubrk_isBoundary(wb, at);
	int32_t p = ubrk_preceding(wb, at + 1), q = ubrk_following(wb, at);
	if (inside && p != UBRK_DONE && q != UBRK_DONE) {
		*ws = offs[p];
		*we = offs[q];
	}
	ubrk_close(wb);
	return inside;
}

/* Counts the line starts of one drawn paragraph that fall inside a word. */
static void check_layout(const draw_item_t *it, words_t *w, const char *where)
{
	const text_layout_t *l = it->layout;
	const char *lang = it->lang && *it->lang ? it->lang : "en";
	for (int line = 1; line < l->nlines; line++) {
		size_t b = (size_t)-1;
		int hyph = 0, bold = 0;
		for (int r = 0; r < l->nruns; r++) {
			const text_run_t *run = &l->runs[r];
			if (run->line == line && !run->hyphen && run->start < b) b = run->start;
			if (run->line == line - 1 && run->hyphen) hyph = 1;
			bold |= run->flags & TEXT_BOLD;
		}
		if (b == (size_t)-1) continue;
		w->breaks++;
		size_t ws, we;
		if (!word_around(l->text, l->len, b, lang, &ws, &we)) {
			if (hyph && !w->mid++) snprintf(w->first, sizeof w->first, "%s: a hyphen outside a word in \"%.60s\"", where, l->text);
			continue;
		}
		char *word = xasprintf("%.*s", (int)(we - ws), l->text + ws);
		int ww = text_width(fs, word, lang, l->px, bold);
		int longer = ww > KYR_MAX(it->r.w, l->width);
		int dict = hyph_available(lang);
		if (hyph && longer && dict) w->hyph++;
		else if (!hyph && longer && !dict) w->overlong++;
		else if (!w->mid++)
			snprintf(w->first, sizeof w->first, "%s: \"%.*s|%.*s\" (%s, word %d px, box %d px%s)", where,
			         (int)(b - ws), l->text + ws, (int)(we - b), l->text + b, lang, ww, it->r.w,
			         hyph ? ", hyphenated" : "");
		free(word);
	}
}

/* Each paragraph of a screen once, wherever it shows while scrolling. */
typedef struct {
	words_t *w;
	const char *where;
	const void **seen;
	size_t nseen;
} walk_t;

static void see(const draw_list_t *dl, void *arg)
{
	walk_t *k = arg;
	for (size_t i = 0; i < dl->n; i++) {
		const draw_item_t *it = &dl->items[i];
		if (it->kind != DRAW_TEXT) continue;
		size_t j = 0;
		while (j < k->nseen && k->seen[j] != it->layout) j++;
		if (j < k->nseen) continue;
		k->seen = xrealloc(k->seen, (k->nseen + 1) * sizeof *k->seen);
		k->seen[k->nseen++] = it->layout;
		check_layout(it, k->w, k->where);
	}
}

static void check_screen(ui_t *ui, words_t *w, const char *where)
{
	walk_t k = {w, where, NULL, 0};
	fixture_scroll(ui, now, see, &k);
	free(k.seen);
}

static const int sizes[][2] = {{800, 480}, {720, 1280}, {1080, 1920}};
static const char *const tsnames[3] = {"normal", "large", "small"};   /* the textsize button's cycle */

static void every_language(void)
{
	store_lang_t *langs = NULL;
	int nl = store_languages(st, &langs);
	CHECKF(nl >= 26, "%d languages", nl);
	words_t all = {0};
	for (size_t s = 0; s < KYR_ARRAY_LEN(sizes); s++) {
		ui_t *ui = ui_new(st, fs, &cfg, sizes[s][0], sizes[s][1]);
		for (int li = 0; li < nl; li++) {
			for (int ts = 0; ts < 3; ts++) {
				static const char *const screens[][2] = {
					{"topic:01-door", NULL}, {"directory", NULL}, {"directory", "org:national-detention-hotline"},
					{"about", NULL}, {"card", NULL}, {"search", NULL}, {"language", NULL},
				};
				char id[64], where[128];
				words_t w = {0};
				ui_reset(ui);
				snprintf(id, sizeof id, "lang:%s", langs[li].code);
				CHECKF(ui_activate(ui, id), "no %s", id);
				for (int k = 0; k < ts; k++) ui_activate(ui, "textsize");
				snprintf(where, sizeof where, "%dx%d %s home", sizes[s][0], sizes[s][1], tsnames[ts]);
				check_screen(ui, &w, where);
				for (size_t k = 0; k < KYR_ARRAY_LEN(screens); k++) {
					ui_activate(ui, "home");
					for (int j = 0; j < 2 && screens[k][j]; j++)
						CHECKF(ui_activate(ui, screens[k][j]), "no %s", screens[k][j]);
					snprintf(where, sizeof where, "%dx%d %s %s", sizes[s][0], sizes[s][1], tsnames[ts],
					         screens[k][1] ? screens[k][1] : screens[k][0]);
					check_screen(ui, &w, where);
				}
				printf("words %-7s %4dx%-4d %-6s: %4d line breaks, %d inside a word, %d hyphenated, "
				       "%d overlong without a dictionary\n", langs[li].code, sizes[s][0], sizes[s][1], tsnames[ts],
				       w.breaks, w.mid, w.hyph, w.overlong);
				CHECKF(w.mid == 0, "%s: %d line(s) start inside a word; first: %s", langs[li].code, w.mid, w.first);
				all.breaks += w.breaks;
				all.mid += w.mid;
				all.hyph += w.hyph;
				all.overlong += w.overlong;
			}
		}
		ui_free(ui);
	}
	store_langs_free(langs, nl);
	printf("words total: %d line breaks, %d inside a word, %d hyphenated, %d overlong\n", all.breaks, all.mid,
	       all.hyph, all.overlong);
	CHECK(all.breaks > 1000);   /* the walk really saw wrapped text */
}

/* The engine's rules on cases small enough to read. */
static text_layout_t *lay(const char *s, const char *lang, int width)
{
	text_opts_t o = {.lang = lang, .width = width, .px = 24, .flags = TEXT_BOLD};
	return text_layout(fs, s, strlen(s), &o);
}

/* Byte offset where line n starts. */
static size_t line_start(const text_layout_t *l, int n)
{
	size_t b = l->len;
	for (int r = 0; r < l->nruns; r++)
		if (l->runs[r].line == n && !l->runs[r].hyphen && l->runs[r].start < b) b = l->runs[r].start;
	return b;
}

static void engine_rules(void)
{
	/* Korean at spaces only: "세워졌을 때" never as "세워졌/을 때". */
	const char *ko = "세워졌을 때";
	int wko = text_width(fs, "세워졌을", "ko", 24, TEXT_BOLD);
	text_layout_t *l = lay(ko, "ko", wko - 2);
	CHECK_INT(l->nlines, 2);   /* the word wider than the box breaks ("세워졌/을 때"), and says so */
	CHECK_INT(l->nsplit, 1);
	text_layout_free(l);
	l = lay(ko, "ko", wko + 4);
	CHECK_INT(l->nlines, 2);
	CHECK_INT(line_start(l, 1), strlen("세워졌을 "));
	text_layout_free(l);
	/* Simplified Chinese: "来到" is one word. */
	const char *zh = "当你来到美国";
	int wzh = text_width(fs, "当你来", "zh-Hans", 24, TEXT_BOLD);
	l = lay(zh, "zh-Hans", wzh + 2);
	CHECK(line_start(l, 1) != strlen("当你来"));
	text_layout_free(l);
	/* Traditional Chinese: no one-character last line ("計/畫"). */
	const char *zt = "你的安全計畫";
	int wzt = text_width(fs, "你的安全計", "zh-Hant", 24, TEXT_BOLD);
	l = lay(zt, "zh-Hant", wzt + 2);
	CHECK_INT(l->nlines, 2);
	CHECK(line_start(l, 1) <= strlen("你的安全"));
	text_layout_free(l);
	/* Russian with Debian's dictionary: hyphenated, a hyphen drawn. */
	const char *ru = "иммиграционные";
	int wru = text_width(fs, ru, "ru", 24, TEXT_BOLD);
	l = lay(ru, "ru", wru * 2 / 3);
	int hyphens = 0;
	for (int r = 0; r < l->nruns; r++) hyphens += l->runs[r].hyphen;
	CHECK(hyph_available("ru"));
	CHECK_INT(l->nhyphen, 1);
	CHECK_INT(hyphens, 1);
	CHECK_INT(l->nsplit, 0);
	/* At a point the dictionary gives: "иммигра-ционные" or "иммиграци-онные". */
	size_t b = line_start(l, 1);
	CHECKF(b == strlen("иммигра") || b == strlen("иммиграци") || b == strlen("иммиграцион"), "break at byte %zu", b);
	text_layout_free(l);
	/* No dictionary (a kiosk without hyphen-ru): between letters, no hyphen. */
	hyph_set_dir("/nonexistent");
	CHECK(!hyph_available("ru"));
	l = lay(ru, "ru", wru * 2 / 3);
	CHECK_INT(l->nhyphen, 0);
	CHECK_INT(l->nsplit, 1);
	text_layout_free(l);
	hyph_set_dir(NULL);
	CHECK(hyph_available("ru"));
	CHECK(!hyph_available("tl"));   /* Debian has no Tagalog dictionary */
}

int main(void)
{
	int ok = fixture_open(&st, &fs) == 0;
	CHECK(ok);
	if (ok) {
		config_defaults(&cfg);
		RUN(engine_rules);
		RUN(every_language);
	}
	fixture_close(st, fs);
	return harness_done();
}
