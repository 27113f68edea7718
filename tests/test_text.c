/* test_text — the layout engine: BiDi, scripts, fallback, line breaking,
 * alignment, the fake font set, and the run cache. Real-font tests use the
 * fonts copied into $BUILD/fonts (make fonts). */
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "harness.h"
#include <time.h>
#include "text.h"
#include "util.h"

static font_set_t *fs;          /* real fonts */
static font_set_t *fake;        /* 10 px per character */

/* ---------------------------------------------------------------------- */
/* Helpers. */

static text_layout_t *lay(font_set_t *f, const char *s, const char *lang, int dir, int width, int px)
{
	text_opts_t o = { .lang = lang, .dir = dir, .width = width, .px = px };
	return text_layout(f, s, strlen(s), &o);
}

static int line_min_x(const text_layout_t *l, int line)
{
	int m = 1 << 30;
	for (int i = 0; i < l->nruns; i++)
		if (l->runs[i].line == line)
			m = KYR_MIN(m, l->runs[i].x);
	return m;
}

static int line_max_x(const text_layout_t *l, int line)
{
	int m = -1;
	for (int i = 0; i < l->nruns; i++)
		if (l->runs[i].line == line)
			m = KYR_MAX(m, l->runs[i].x + l->runs[i].w);
	return m;
}

/* Runs of a line must touch end to end, left to right, in array order. */
static int line_contiguous(const text_layout_t *l, int line)
{
	int x = -1;
	for (int i = 0; i < l->nruns; i++) {
		if (l->runs[i].line != line)
			continue;
		if (x >= 0 && l->runs[i].x != x)
			return 0;
		x = l->runs[i].x + l->runs[i].w;
	}
	return 1;
}

/* Every byte that is not whitespace is in exactly one run. */
static int covers_text(const text_layout_t *l)
{
	int ok = 1;
	unsigned char *seen = calloc(l->len + 1, 1);
	for (int i = 0; i < l->nruns; i++)
		for (size_t b = l->runs[i].start; b < l->runs[i].end; b++)
			seen[b]++;
	for (size_t b = 0; b < l->len; b++) {
		unsigned char ch = (unsigned char)l->text[b];
		int space = ch == ' ' || ch == '\n';
		if (seen[b] > 1 || (!space && seen[b] != 1))
			ok = 0;
	}
	free(seen);
	return ok;
}

/* The run containing byte offset off, or NULL. */
static const text_run_t *run_at(const text_layout_t *l, size_t off)
{
	for (int i = 0; i < l->nruns; i++)
		if (off >= l->runs[i].start && off < l->runs[i].end)
			return &l->runs[i];
	return NULL;
}

static size_t offset_of(const char *s, const char *needle)
{
	const char *p = strstr(s, needle);
	return p ? (size_t)(p - s) : (size_t)-1;
}

static const char *run_file(const text_run_t *r, int *index)
{
	return font_file_style(fs, r->face, r->flags & TEXT_BOLD, index);
}

/* The fonts.list face a run uses (a CJK subset answers with its face). */
static const char *run_face(const text_run_t *r)
{
	const char *n = font_face_name(fs, r->face);
	return n ? n : "";
}

/* ---------------------------------------------------------------------- */
/* Fake font set: exact numbers. */

static void test_fake_basic(void)
{
	text_layout_t *l = lay(fake, "hello world", "en", TEXT_DIR_LTR, 0, 20);
	CHECK_INT(l->nlines, 1);
	CHECK_INT(l->nruns, 1);
	CHECK_INT(l->width, 110);
	CHECK_INT(l->line_height, 16);     /* height 13 (10 * 1.25) * 1.25 */
	CHECK_INT(l->height, 16);
	CHECK_INT(l->runs[0].x, 0);
	text_layout_free(l);

	l = lay(fake, "hello world", "en", TEXT_DIR_LTR, 60, 20);
	CHECK_INT(l->nlines, 2);
	CHECK_INT(l->nruns, 2);
	CHECK_INT(l->width, 50);                    /* the space does not count */
	CHECK_INT(l->runs[0].end, 5);
	CHECK_INT(l->runs[1].start, 6);
	CHECK_INT(l->runs[1].y - l->runs[0].y, l->line_height);
	text_layout_free(l);

	CHECK_INT(text_width(fake, "abc", "en", 20, 0), 30);
	CHECK_INT(text_width(fake, "", "en", 20, 0), 0);
	CHECK_INT(text_width(fake, "e\xCC\x81", "en", 20, 0), 10);     /* a mark is not a character */
}

static void test_fake_breaks(void)
{
	text_layout_t *l = lay(fake, "a\n\nb", "en", TEXT_DIR_LTR, 0, 20);
	CHECK_INT(l->nlines, 3);
	CHECK_INT(l->nruns, 2);
	CHECK_INT(l->runs[1].line, 2);
	text_layout_free(l);

	l = lay(fake, "a\n", "en", TEXT_DIR_LTR, 0, 20);
	CHECK_INT(l->nlines, 1);
	text_layout_free(l);

	l = lay(fake, "", "en", TEXT_DIR_LTR, 100, 20);
	CHECK_INT(l->nlines, 0);
	CHECK_INT(l->nruns, 0);
	CHECK_INT(l->height, 0);
	CHECK(l->line_height > 0);
	text_layout_free(l);

	/* An overlong word is cut at grapheme boundaries (in a language
	 * Debian has no hyphenation dictionary for: test_words hyphenates). */
	l = lay(fake, "abcdefghij x", "tl", TEXT_DIR_LTR, 35, 20);
	CHECK_INT(l->nlines, 4);
	CHECK_INT(l->runs[0].end - l->runs[0].start, 3);
	CHECK_INT(l->runs[3].start, 9);            /* "j x" shares a line */
	for (int i = 0; i < l->nlines; i++)
		CHECK(line_max_x(l, i) <= 35);
	text_layout_free(l);

	/* Invalid UTF-8 and control characters are replaced, not rejected. */
	l = lay(fake, "a\xff" "b\tc", "en", TEXT_DIR_LTR, 0, 20);
	CHECK(utf8_valid(l->text, l->len));
	CHECK_INT(l->width, 50);
	text_layout_free(l);
}

static void test_fake_bidi(void)
{
	/* "אבג abc דהו" in an RTL paragraph: visual order דהו, abc, אבג. */
	const char *s = "\xD7\x90\xD7\x91\xD7\x92 abc \xD7\x93\xD7\x94\xD7\x95";
	text_layout_t *l = lay(fake, s, "he", TEXT_DIR_AUTO, 200, 20);
	CHECK_INT(l->rtl, 1);
	CHECK_INT(l->nlines, 1);
	CHECK_INT(line_max_x(l, 0), 200);          /* right-aligned */
	CHECK(line_contiguous(l, 0));
	CHECK(l->nruns >= 3);
	CHECK_INT(l->runs[0].start, offset_of(s, "\xD7\x93"));
	CHECK(l->runs[0].rtl);
	const text_run_t *abc = run_at(l, offset_of(s, "abc"));
	CHECK(abc && !abc->rtl && abc->level == 2);
	CHECK(l->runs[l->nruns - 1].start == 0);
	text_layout_free(l);

	/* AUTO with a neutral start takes the first strong character. */
	l = lay(fake, "123 abc", "en", TEXT_DIR_AUTO, 0, 20);
	CHECK_INT(l->rtl, 0);
	text_layout_free(l);

	/* Centred lines. */
	text_opts_t o = { .lang = "en", .width = 100, .px = 20, .align_center = 1 };
	l = text_layout(fake, "abcd", 4, &o);
	CHECK_INT(l->runs[0].x, 30);
	text_layout_free(l);
}

static void test_fake_spans(void)
{
	text_span_t sp = { 6, 11, TEXT_BOLD | TEXT_MARK };
	text_opts_t o = { .lang = "en", .px = 20, .spans = &sp, .nspans = 1 };
	text_layout_t *l = text_layout(fake, "hello world", 11, &o);
	CHECK_INT(l->nruns, 2);
	CHECK_INT(l->runs[0].flags, 0);
	CHECK_INT(l->runs[1].flags, TEXT_BOLD | TEXT_MARK);
	CHECK_INT(l->runs[1].x, 60);
	text_layout_free(l);
}

/* A phone number keeps its groups in reading order inside RTL text, and a
 * line never breaks inside it. */
static void test_fake_phone_rtl(void)
{
	const char *s = "\xD7\x94\xD7\xAA\xD7\xA7\xD7\xA9\xD7\xA8\xD7\x95 +1 (555) 010-0123 \xD7\xA2\xD7\x9B\xD7\xA9\xD7\x99\xD7\x95";
	size_t p = offset_of(s, "+1");
	for (int w = 180; w <= 400; w += 20) {
		text_layout_t *l = lay(fake, s, "he", TEXT_DIR_RTL, w, 20);
		const text_run_t *r = run_at(l, p);
		CHECKF(r && !r->rtl && r->level == 2 && r->end - r->start == 17, "width %d", w);
		for (int i = 0; i < l->nlines; i++)
			CHECKF(line_max_x(l, i) == w, "width %d line %d", w, i);
		text_layout_free(l);
	}
}

/* ---------------------------------------------------------------------- */
/* Real fonts. */

static const char arabic[] =
	"\xD8\xA5\xD8\xB0\xD8\xA7 \xD8\xAC\xD8\xA7\xD8\xA1 \xD8\xB9\xD9\x85\xD9\x84\xD8\xA7\xD8\xA1 "
	"\xD8\xA7\xD9\x84\xD9\x87\xD8\xAC\xD8\xB1\xD8\xA9 \xD8\xA5\xD9\x84\xD9\x89 \xD8\xA8\xD8\xA7\xD8\xA8\xD9\x83\xD8\x8C "
	"\xD9\x84\xD8\xA7 \xD9\x8A\xD8\xAC\xD8\xA8 \xD8\xB9\xD9\x84\xD9\x8A\xD9\x83 \xD9\x81\xD8\xAA\xD8\xAD "
	"\xD8\xA7\xD9\x84\xD8\xA8\xD8\xA7\xD8\xA8. \xD8\xA7\xD8\xAA\xD8\xB5\xD9\x84 \xD8\xA8\xD9\x85\xD9\x86\xD8\xB8\xD9\x85\xD8\xA9 "
	"Lakeview Immigrant Law Project \xD8\xB9\xD9\x84\xD9\x89 \xD8\xA7\xD9\x84\xD8\xB1\xD9\x82\xD9\x85 "
	"+1 (555) 010-0123 \xD9\x84\xD9\x84\xD9\x85\xD8\xB3\xD8\xA7\xD8\xB9\xD8\xAF\xD8\xA9.";

static void test_arabic_wrapped(void)
{
	static const int widths[] = { 260, 300, 360, 480, 640, 0 };
	size_t phone = offset_of(arabic, "+1 ("), org = offset_of(arabic, "Lakeview");
	size_t before_org = offset_of(arabic, "\xD8\xA8\xD9\x85\xD9\x86");   /* the word before it */
	for (size_t k = 0; k < KYR_ARRAY_LEN(widths); k++) {
		int w = widths[k];
		text_layout_t *l = lay(fs, arabic, "ar", TEXT_DIR_RTL, w, 22);
		int box = w > 0 ? w : l->width;
		CHECK_INT(l->rtl, 1);
		CHECKF(w == 0 || l->nlines > 1, "width %d: %d lines", w, l->nlines);
		CHECK(covers_text(l));
		for (int i = 0; i < l->nlines; i++) {
			CHECKF(line_max_x(l, i) == box, "width %d line %d: right edge %d", w, i, line_max_x(l, i));
			CHECKF(line_min_x(l, i) >= 0, "width %d line %d", w, i);
			CHECK(line_contiguous(l, i));
		}
		/* The phone number: one LTR run, digits in reading order. */
		const text_run_t *r = run_at(l, phone);
		CHECKF(r && !r->rtl && r->level == 2 && r->start == phone && r->end == phone + 17,
		       "width %d: phone run", w);
		/* The organisation's name reads left to right... */
		const text_run_t *o = run_at(l, org);
		CHECK(o && !o->rtl && o->level == 2 && strcmp(o->script, "Latn") == 0);
		/* ...and sits left of the Arabic word before it on the same line. */
		const text_run_t *b = run_at(l, before_org);
		if (o && b && o->line == b->line)
			CHECK(b->x > o->x);
		/* Arabic words are drawn right to left in an Arabic face. */
		const text_run_t *a = run_at(l, 0);
		int idx;
		CHECK(a && a->rtl && strcmp(a->script, "Arab") == 0 && strstr(run_file(a, &idx), "Arabic"));
		text_layout_free(l);
	}
}

/* Urdu in Nastaliq (fonts.list `inklines`): lines as tall as their ink,
 * well under the 2.5 em ascender + descender, the ink of every run inside
 * its line and the lines' ink apart; a phone number in Noto Sans on the
 * same baseline. */
static void test_nastaliq_lines(void)
{
	static const char urdu[] = "اگر امیگریشن اہلکار آپ کے دروازے پر آئیں تو دروازہ نہ کھولیں۔ "
	                           "قانونی مدد کے لیے +1 555-0100 پر کال کریں۔ آپ کو خاموش رہنے کا حق ہے۔";
	for (int px = 22; px <= 44; px += 22) {
		text_layout_t *l = lay(fs, urdu, "ur", TEXT_DIR_RTL, px * 12, px);
		int idx;
		const text_run_t *a = run_at(l, 0);
		CHECKF(a && strstr(run_file(a, &idx), "Nastaliq"), "%d px: Urdu not in Nastaliq", px);
		CHECKF(l->nlines >= 3, "%d px: %d lines", px, l->nlines);
		/* Ascender + descender are 2.5 em; 1.25 of that is 3.125 em. A
		 * paragraph's ink comes near it; one short word's stays far below. */
		CHECKF(l->line_height <= px * 3125 / 1000, "%d px: line height %d", px, l->line_height);
		text_layout_t *w = lay(fs, "سنیں", "ur", TEXT_DIR_RTL, 0, px);
		CHECKF(w->line_height < px * 2, "%d px: one word's line height %d", px, w->line_height);
		text_layout_free(w);
		int bad = 0, top[16], bottom[16];
		for (int i = 0; i < 16; i++) { top[i] = 1 << 20; bottom[i] = -(1 << 20); }
		for (int i = 0; i < l->nruns; i++) {
			rect_t ink;
			CHECK_INT(text_run_ink(fs, l, &l->runs[i], &ink), 0);
			if (!ink.w) continue;
			int ln = l->runs[i].line;
			bad += ink.y < ln * l->line_height || ink.y + ink.h > (ln + 1) * l->line_height;
			if (ln < 16) { top[ln] = KYR_MIN(top[ln], ink.y); bottom[ln] = KYR_MAX(bottom[ln], ink.y + ink.h); }
		}
		CHECKF(bad == 0, "%d px: %d runs' ink outside their line", px, bad);
		for (int i = 0; i + 1 < l->nlines && i < 15; i++)
			CHECKF(bottom[i] <= top[i + 1], "%d px: line %d ink ends at %d, line %d starts at %d", px, i, bottom[i], i + 1,
			       top[i + 1]);
		text_layout_free(l);
	}
}

static void test_chinese_wrapped(void)
{
	const char *s = "\xE5\xA6\x82\xE6\x9E\x9C\xE7\xA7\xBB\xE6\xB0\x91\xE5\xAE\x98\xE5\x91\x98\xE6\x9D\xA5\xE5\x88\xB0"
	                "\xE6\x82\xA8\xE5\xAE\xB6\xE9\x97\xA8\xE5\x8F\xA3\xEF\xBC\x8C\xE6\x82\xA8\xE4\xB8\x8D\xE5\xBF\x85"
	                "\xE5\xBC\x80\xE9\x97\xA8\xE3\x80\x82";  /* 如果移民官员来到您家门口，您不必开门。 */
	for (int w = 100; w <= 400; w += 60) {
		text_layout_t *l = lay(fs, s, "zh-Hans", TEXT_DIR_AUTO, w, 24);
		CHECKF(l->nlines >= (19 * 24) / w, "width %d: %d lines", w, l->nlines);
		CHECK(covers_text(l));
		for (int i = 0; i < l->nlines; i++)
			CHECKF(line_max_x(l, i) <= w && line_min_x(l, i) == 0, "width %d line %d", w, i);
		/* No line starts with the closing punctuation (，。). */
		for (int i = 0; i < l->nruns; i++)
			if (l->runs[i].x == 0)
				CHECK(strncmp(l->text + l->runs[i].start, "\xEF\xBC\x8C", 3) != 0 &&
				      strncmp(l->text + l->runs[i].start, "\xE3\x80\x82", 3) != 0);
		CHECK_STR(run_face(&l->runs[0]), "cjk-sc");
		text_layout_free(l);
	}
}

static void check_single_script(const char *s, const char *lang, const char *script, const char *file)
{
	text_layout_t *l = lay(fs, s, lang, TEXT_DIR_AUTO, 0, 24);
	CHECK_INT(l->nlines, 1);
	CHECK(l->nruns >= 1);
	for (int i = 0; i < l->nruns; i++) {
		int idx;
		CHECKF(strcmp(l->runs[i].script, script) == 0, "%s: run %d is %s", lang, i, l->runs[i].script);
		CHECK_STR(run_file(&l->runs[i], &idx), file);
		CHECK(l->runs[i].w > 0);
	}
	text_layout_free(l);
}

static void test_devanagari_ethiopic(void)
{
	/* आपको दरवाज़ा खोलने की ज़रूरत नहीं है। */
	check_single_script("\xE0\xA4\x86\xE0\xA4\xAA\xE0\xA4\x95\xE0\xA5\x8B \xE0\xA4\xA6\xE0\xA4\xB0\xE0\xA4\xB5\xE0\xA4\xBE"
	                    "\xE0\xA4\x9C\xE0\xA4\xBC\xE0\xA4\xBE \xE0\xA4\x96\xE0\xA5\x8B\xE0\xA4\xB2\xE0\xA4\xA8\xE0\xA5\x87 "
	                    "\xE0\xA4\x95\xE0\xA5\x80 \xE0\xA4\x9C\xE0\xA4\xBC\xE0\xA4\xB0\xE0\xA5\x82\xE0\xA4\xB0\xE0\xA4\xA4 "
	                    "\xE0\xA4\xA8\xE0\xA4\xB9\xE0\xA5\x80\xE0\xA4\x82 \xE0\xA4\xB9\xE0\xA5\x88\xE0\xA5\xA4",
	                    "hi", "Deva", "NotoSansDevanagari-Regular.ttf");
	/* በሩን መክፈት አይጠበቅብዎትም። */
	check_single_script("\xE1\x89\xA0\xE1\x88\xA9\xE1\x8A\x95 \xE1\x88\x98\xE1\x8A\xAD\xE1\x8D\x88\xE1\x89\xB5 "
	                    "\xE1\x8A\xA0\xE1\x8B\xAD\xE1\x8C\xA0\xE1\x89\xA0\xE1\x89\x85\xE1\x89\xA5\xE1\x8B\x8E\xE1\x89\xB5"
	                    "\xE1\x88\x9D\xE1\x8D\xA2",
	                    "am", "Ethi", "NotoSansEthiopic-Regular.ttf");
}

/* Latin + Han + Hangul in one paragraph: three faces, one baseline. */
static void test_mixed_three_fonts(void)
{
	const char *s = "Call \xED\x95\x9C\xEA\xB5\xAD\xEC\x96\xB4 or \xE4\xB8\xAD\xE6\x96\x87 today";
	text_layout_t *l = lay(fs, s, "en", TEXT_DIR_AUTO, 0, 24);
	struct seen { const char *file; int idx; } seen[8];
	int nseen = 0, base = -1;
	for (int i = 0; i < l->nruns; i++) {
		int idx, dup = 0;
		const char *f = run_file(&l->runs[i], &idx);
		for (int k = 0; k < nseen; k++)
			dup |= strcmp(seen[k].file, f) == 0 && seen[k].idx == idx;
		if (!dup && nseen < 8)
			seen[nseen++] = (struct seen){ f, idx };
		TTF_Font *font = font_get(fs, l->runs[i].face, 24, 0);
		int b = l->runs[i].y + TTF_FontAscent(font);
		CHECKF(base < 0 || b == base, "run %d baseline %d, not %d", i, b, base);
		base = b;
	}
	CHECK_INT(nseen, 3);
	const text_run_t *han = run_at(l, offset_of(s, "\xE4\xB8\xAD"));
	const text_run_t *hangul = run_at(l, offset_of(s, "\xED\x95\x9C"));
	CHECK(han && hangul);
	if (han && hangul) {
		CHECK_STR(run_face(han), "cjk-sc");      /* SC for a non-Chinese paragraph */
		CHECK_STR(run_face(hangul), "cjk-kr");
		CHECK_STR(han->script, "Hani");
		CHECK_STR(hangul->script, "Hang");
	}
	CHECK(l->runs[0].x == 0 && line_contiguous(l, 0));
	text_layout_free(l);
}

static void test_han_by_language(void)
{
	static const struct { const char *lang, *face; } cases[] = {
		{ "zh-Hans", "cjk-sc" }, { "zh-Hant", "cjk-tc" }, { "zh-TW", "cjk-tc" }, { "zh-HK", "cjk-hk" },
		{ "ja", "cjk-jp" }, { "ko", "cjk-kr" }, { "en", "cjk-sc" },
	};
	for (size_t i = 0; i < KYR_ARRAY_LEN(cases); i++) {
		text_layout_t *l = lay(fs, "\xE9\x96\x80\xE5\x8F\xA3", cases[i].lang, TEXT_DIR_AUTO, 0, 24);
		CHECK(l->nruns == 1);
		CHECKF(strcmp(run_face(&l->runs[0]), cases[i].face) == 0, "%s: face %s", cases[i].lang, run_face(&l->runs[0]));
		text_layout_free(l);
	}
}

static void test_long_word(void)
{
	const char *s = "See Rechtsschutzversicherungsgesellschaften now";
	for (int w = 90; w <= 250; w += 40) {
		text_layout_t *l = lay(fs, s, "de", TEXT_DIR_LTR, w, 24);
		CHECK(l->nlines >= 3);
		CHECK(covers_text(l));
		for (int i = 0; i < l->nlines; i++)
			CHECKF(line_max_x(l, i) <= w, "width %d line %d: %d", w, i, line_max_x(l, i));
		text_layout_free(l);
	}
}

/* A hostile 20,000-character word (signed content from a stolen key):
 * broken at graphemes into full lines, each within the width, every
 * character kept. Breaking used to be quadratic (11 s a frame); the time is
 * printed, not asserted (timings belong in make bench). */
static void test_overlong_word(void)
{
	size_t n = 20000;
	char *s = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++) s[i] = (char)('a' + i % 26);
	s[n] = 0;
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	text_layout_t *l = lay(fs, s, "en", TEXT_DIR_LTR, 760, 24);
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("overlong word: 20000 characters laid out in %.0f ms, %d lines\n",
	       (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6, l->nlines);
	CHECK(covers_text(l));
	int over = 0, short_lines = 0;
	for (int i = 0; i < l->nlines; i++) {
		over += line_max_x(l, i) > 760;
		short_lines += i + 1 < l->nlines && line_max_x(l, i) < 760 - 40;   /* a line ends only when full */
	}
	CHECK_INT(over, 0);
	CHECK_INT(short_lines, 0);
	CHECK(l->nlines > 100);
	text_layout_free(l);
	free(s);
}

/* Brackets belong to the text around them; a missing glyph goes to any
 * face that has it. */
static void test_scripts_and_fallback(void)
{
	/* مرحبا (Hello) عالم */
	const char *s = "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 (Hello) \xD8\xB9\xD8\xA7\xD9\x84\xD9\x85";
	text_layout_t *l = lay(fs, s, "ar", TEXT_DIR_RTL, 0, 24);
	const text_run_t *open = run_at(l, offset_of(s, "(")), *close = run_at(l, offset_of(s, ")"));
	CHECK(open && close && strcmp(open->script, "Arab") == 0 && strcmp(close->script, "Arab") == 0);
	const text_run_t *hello = run_at(l, offset_of(s, "Hello"));
	CHECK(hello && strcmp(hello->script, "Latn") == 0 && !hello->rtl);
	text_layout_free(l);

	/* The Arabic comma in Latin text is not in Noto Sans: fall back. */
	l = lay(fs, "a\xD8\x8C b", "en", TEXT_DIR_LTR, 0, 24);
	const text_run_t *comma = run_at(l, 1);
	CHECK(comma && font_has_glyph(fs, comma->face, 0x060C));
	text_layout_free(l);

	CHECK(font_has_glyph(fs, font_pick(fs, "Latn", "en", 0x2713), 0x2713));   /* ✓ from Symbols */
	CHECK(font_has_glyph(fs, font_pick(fs, "Zyyy", "en", 0x00A7), 0x00A7));   /* § */
	CHECK(font_icons(fs, 24) != NULL);
}

/* The cache: a second frame renders nothing, the bound holds, clear empties. */
static void test_cache(void)
{
	SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, 400, 300, 32, SDL_PIXELFORMAT_ARGB8888);
	SDL_Renderer *r = SDL_CreateSoftwareRenderer(surf);
	CHECK(r != NULL);
	if (!r)
		return;
	text_cache_t *tc = text_cache_new(fs, r, 1 << 20);
	color_t black = { 0, 0, 0, 255 }, blue = { 0, 0, 255, 255 };
	text_layout_t *l = lay(fs, arabic, "ar", TEXT_DIR_RTL, 380, 20);
	SDL_SetRenderDrawColor(r, 255, 255, 255, 255);
	SDL_RenderClear(r);
	text_draw(tc, l, 10, 10, black, blue);
	size_t n1, b1, n2, b2;
	unsigned long r1, r2;
	text_cache_stats(tc, &n1, &b1, &r1);
	CHECK(n1 > 0 && r1 > 0 && b1 <= (1 << 20));
	text_draw(tc, l, 10, 10, black, blue);      /* the same frame again: nothing rendered */
	text_cache_stats(tc, &n2, &b2, &r2);
	CHECK_INT(r2, r1);
	CHECK_INT(n2, n1);
	text_draw(tc, l, 10, 10, blue, black);      /* another colour: textures of its own, once */
	text_draw(tc, l, 10, 10, blue, black);
	text_cache_stats(tc, &n2, &b2, &r2);
	CHECK(n2 > n1 && n2 <= 2 * n1 && r2 == r1 + (n2 - n1));
	n1 = n2;

	/* Something dark was drawn inside the box. */
	int dark = 0;
	SDL_LockSurface(surf);
	for (int y = 0; y < surf->h; y++)
		for (int x = 0; x < surf->w; x++)
			dark += (((Uint32 *)((Uint8 *)surf->pixels + y * surf->pitch))[x] >> 16 & 0xff) < 128;   /* red */
	SDL_UnlockSurface(surf);
	CHECK(dark > 500);

	text_draw_icon(tc, 0xe88a, (rect_t){ 0, 0, 48, 48 }, 32, black, 0);     /* "home" */
	text_cache_stats(tc, &n2, NULL, &r2);
	CHECK_INT(n2, n1 + 1);
	text_cache_clear(tc);
	text_cache_stats(tc, &n2, &b2, NULL);
	CHECK_INT(n2, 0);
	CHECK_INT(b2, 0);
	text_cache_free(tc);

	/* A small bound evicts the least recently used runs. */
	tc = text_cache_new(fs, r, 40000);
	for (int i = 0; i < 3; i++)
		text_draw(tc, l, 0, 0, black, blue);
	text_cache_stats(tc, &n2, &b2, &r2);
	CHECK(b2 <= 40000);
	CHECK(r2 > (unsigned long)n2);
	text_cache_free(tc);
	text_layout_free(l);

	/* The fake set draws nothing and needs no renderer. */
	tc = text_cache_new(fake, NULL, 1000);
	l = lay(fake, "abc", "en", TEXT_DIR_LTR, 0, 20);
	text_draw(tc, l, 0, 0, black, blue);
	text_cache_stats(tc, &n2, NULL, NULL);
	CHECK_INT(n2, 0);
	text_layout_free(l);
	text_cache_free(tc);
	SDL_DestroyRenderer(r);
	SDL_FreeSurface(surf);
}

int main(void)
{
	char dir[512], err[256] = "";
	const char *build = getenv("BUILD");
	snprintf(dir, sizeof dir, "%s/fonts", build && *build ? build : "build");
	fake = font_set_fake(10);
	RUN(test_fake_basic);
	RUN(test_fake_breaks);
	RUN(test_fake_bidi);
	RUN(test_fake_spans);
	RUN(test_fake_phone_rtl);
	CHECK(TTF_Init() == 0);
	fs = font_set_open(dir, err, sizeof err);
	CHECKF(fs != NULL, "%s (run make fonts)", err);
	if (fs) {
		RUN(test_arabic_wrapped);
		RUN(test_chinese_wrapped);
		RUN(test_nastaliq_lines);
		RUN(test_devanagari_ethiopic);
		RUN(test_mixed_three_fonts);
		RUN(test_han_by_language);
		RUN(test_long_word);
		RUN(test_overlong_word);
		RUN(test_scripts_and_fallback);
		RUN(test_cache);
		font_set_close(fs);
	}
	font_set_close(fake);
	TTF_Quit();
	return harness_done();
}
