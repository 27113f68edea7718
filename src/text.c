/* text — the multilingual layout engine.
 *
 * text_layout() runs one paragraph through these steps, one function each:
 *   sanitize     copy the text, replacing invalid UTF-8 and control chars
 *   to_utf16     ICU works on UTF-16: convert, keeping byte <-> unit maps
 *   run_bidi     ubidi_setPara (numbers like phone numbers kept LTR)
 *   resolve_scripts   uscript_getScript, Common/Inherited and brackets take
 *                the surrounding script
 *   resolve_separators  " · " between words takes the language's script
 *   pick_faces   per grapheme cluster, font_pick_all over the script's chain
 *   make_items   maximal runs of equal (level, script, face, style)
 *   find_breaks  UBRK_LINE opportunities for the language, less those
 *                inside a word (Korean keep-all; dictionary words where
 *                no spaces separate them)
 *   break_lines  greedy fill by measured width; overlong words hyphenated
 *                (hyph.c) or at graphemes; no one-letter last line
 *   emit_line    ubidi_setLine + visual runs -> positioned text_run_t
 *   align_lines  start edge (right for RTL), the caller's edge, or centre
 * text_draw() then replays the runs through a texture cache (bottom of file).
 * Start reading at text_layout(). */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_ttf.h>
#include <unicode/ubidi.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>

#include "hyph.h"
#include "text.h"
#include "util.h"

#define TEXT_DEFAULT_PX 16
#define TEXT_MAX_CLUSTER 16     /* code points checked per grapheme cluster */
#define TEXT_BRACKET_DEPTH 32
#define TEXT_BREAK_CACHE 4      /* line break iterators kept, by locale */
#define TEXT_MIN_PHONE_DIGITS 7

/* One decoded code point of the sanitized paragraph. */
typedef struct {
	uint32_t cp;
	size_t off;             /* byte offset */
	int32_t u16;            /* UTF-16 index */
	UScriptCode script;     /* resolved: never Common unless all is */
	int face, level, flags;
	int sep;                /* part of a separator between words (resolve_separators) */
} cpinfo_t;

/* A maximal run of code points that shape together. */
typedef struct {
	size_t start, end;
	int level, face, flags;
	UScriptCode script;
} item_t;

/* A line-break segment: [a, b), "word" plus its trailing spaces. */
typedef struct {
	size_t a, b;
	int hard;
} seg_t;

typedef struct {
	size_t start, end;      /* bytes, end includes trailing whitespace */
	int width;              /* visible width, filled by emit_line */
	int first_run, nruns;
	int hyphen;             /* ends inside a word, at a hyphenation point */
} line_t;

typedef struct {
	font_set_t *fs;
	const text_opts_t *o;
	const char *lang;
	int px, width;
	const char *s;
	size_t len;
	cpinfo_t *cps;
	size_t ncps;
	UChar *u;
	int32_t ulen;
	size_t *u2b;            /* ulen + 1 entries */
	int32_t *b2u;           /* len + 1 entries */
	UBiDi *bidi, *line;
	UBiDiLevel *levels;     /* explicit levels (must outlive bidi) */
	unsigned char *numpos;  /* per code point: 1 starts, 2 inside a number */
	item_t *items;
	int nitems;
	seg_t *segs;
	int nsegs;
	line_t *lines;
	int nlines, caplines;
	int asc, desc, line_height;
	text_layout_t *l;
	int caprun;
} ctx_t;

/* ---------------------------------------------------------------------- */
/* ICU iterators are costly to open: keep a few, reset with ubrk_setText. */

static struct {
	char locale[32];
	UBreakIterator *bi;
} break_cache[TEXT_BREAK_CACHE];
static int break_next;
static UBreakIterator *char_bi;

/* BCP 47 -> ICU locale for line breaking ("zh-Hans" -> "zh_Hans"). */
static void icu_locale(const char *lang, char *out, size_t n)
{
	UErrorCode e = U_ZERO_ERROR;
	if (!lang || !*lang) {
		snprintf(out, n, "en");
		return;
	}
	/* Dari is Persian as far as line breaking is concerned. */
	if (strcmp(lang, "prs") == 0)
		lang = "fa";
	uloc_forLanguageTag(lang, out, (int32_t)n, NULL, &e);
	if (U_FAILURE(e) || !*out)
		snprintf(out, n, "en");
}

static UBreakIterator *line_breaker(const char *lang, const UChar *u, int32_t n)
{
	char loc[32];
	UErrorCode e = U_ZERO_ERROR;
	icu_locale(lang, loc, sizeof loc);
	for (int i = 0; i < TEXT_BREAK_CACHE; i++) {
		if (break_cache[i].bi && strcmp(break_cache[i].locale, loc) == 0) {
			ubrk_setText(break_cache[i].bi, u, n, &e);
			return U_SUCCESS(e) ? break_cache[i].bi : NULL;
		}
	}
	int slot = break_next++ % TEXT_BREAK_CACHE;
	if (break_cache[slot].bi)
		ubrk_close(break_cache[slot].bi);
	break_cache[slot].bi = ubrk_open(UBRK_LINE, loc, u, n, &e);
	if (U_FAILURE(e)) {
		/* No locale in the log: it would tell which language a visitor chose. */
		kyr_fault(KYR_FAULT_TEXT);   /* counted, not logged at visit time (util.h) */
		break_cache[slot].bi = NULL;
		return NULL;
	}
	snprintf(break_cache[slot].locale, sizeof break_cache[slot].locale, "%s", loc);
	return break_cache[slot].bi;
}

/* Word boundaries with ICU's dictionaries (Chinese, Thai, Burmese ...):
 * one iterator, reopened when the language changes. */
static struct {
	char locale[32];
	UBreakIterator *bi;
} word_cache;

static UBreakIterator *word_breaker(const char *lang, const UChar *u, int32_t n)
{
	char loc[32];
	UErrorCode e = U_ZERO_ERROR;
	icu_locale(lang, loc, sizeof loc);
	if (word_cache.bi && strcmp(word_cache.locale, loc) == 0) {
		ubrk_setText(word_cache.bi, u, n, &e);
		return U_SUCCESS(e) ? word_cache.bi : NULL;
	}
	if (word_cache.bi)
		ubrk_close(word_cache.bi);
	word_cache.bi = ubrk_open(UBRK_WORD, loc, u, n, &e);
	if (U_FAILURE(e)) {
		kyr_fault(KYR_FAULT_TEXT);   /* counted, not logged at visit time (util.h) */
		word_cache.bi = NULL;
		return NULL;
	}
	snprintf(word_cache.locale, sizeof word_cache.locale, "%s", loc);
	return word_cache.bi;
}

/* 1 when lang's primary subtag is code ("zh-Hant" is "zh"). */
static int lang_is(const char *lang, const char *code)
{
	size_t n = strcspn(lang, "-_");
	return strlen(code) == n && strncmp(lang, code, n) == 0;
}

/* Languages written without spaces between words: ICU's line breaker
 * allows a break between any two of their characters (Chinese "来/到"),
 * so lines break only between the words its dictionaries find. */
static int words_by_dictionary(const char *lang)
{
	static const char *const codes[] = { "zh", "ja", "th", "lo", "km", "my" };
	for (size_t i = 0; i < KYR_ARRAY_LEN(codes); i++)
		if (lang_is(lang, codes[i]))
			return 1;
	return 0;
}

static UBreakIterator *grapheme_breaker(const UChar *u, int32_t n)
{
	UErrorCode e = U_ZERO_ERROR;
	if (!char_bi)
		char_bi = ubrk_open(UBRK_CHARACTER, "", u, n, &e);
	else
		ubrk_setText(char_bi, u, n, &e);
	if (U_FAILURE(e)) {
		kyr_fault(KYR_FAULT_TEXT);   /* counted, not logged at visit time (util.h) */
		return NULL;
	}
	return char_bi;
}

/* ---------------------------------------------------------------------- */
/* Preparing the text. */

static int is_ignorable(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ||
	       u_hasBinaryProperty((UChar32)cp, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

static int is_space(uint32_t cp)
{
	return cp == '\n' || u_isWhitespace((UChar32)cp);
}

/* Copies the paragraph so that it is valid UTF-8 and has no control
 * characters but '\n' (tabs and CRs become spaces: fonts have no glyph for
 * them). Every byte is replaced by one byte ('?' for a byte of invalid
 * UTF-8), so byte offsets (spans, run ranges) stay those of the input. */
static char *sanitize(const char *in, size_t len, size_t *outlen)
{
	buf_t b = { 0 };
	buf_append(&b, "", 0);
	for (size_t i = 0; i < len; ) {
		size_t at = i;
		uint32_t cp = utf8_next(in, len, &i);
		if (cp == 0xFFFD && (i - at != 3 || memcmp(in + at, "\xEF\xBF\xBD", 3) != 0))
			buf_putc(&b, '?');
		else if (cp != '\n' && (cp < 0x20 || cp == 0x7f))
			buf_putc(&b, ' ');
		else if (cp >= 0x80 && cp < 0xa0)
			buf_append(&b, "  ", 2);        /* C1 controls are 2 bytes */
		else
			buf_append(&b, in + at, i - at);
	}
	*outlen = b.len;
	return b.data;
}

static void to_utf16(ctx_t *c)
{
	c->cps = xcalloc(c->len + 1, sizeof *c->cps);
	c->u = xcalloc(2 * c->len + 1, sizeof *c->u);
	c->u2b = xcalloc(2 * c->len + 1, sizeof *c->u2b);
	c->b2u = xcalloc(c->len + 1, sizeof *c->b2u);
	int32_t k = 0;
	for (size_t i = 0; i < c->len; ) {
		size_t at = i;
		uint32_t cp = utf8_next(c->s, c->len, &i);
		cpinfo_t *ci = &c->cps[c->ncps++];
		ci->cp = cp;
		ci->off = at;
		ci->u16 = k;
		for (size_t j = at; j < i; j++)
			c->b2u[j] = k;
		c->u2b[k] = at;
		if (cp >= 0x10000) {
			c->u[k++] = (UChar)U16_LEAD(cp);
			c->u2b[k] = at;
			c->u[k++] = (UChar)U16_TRAIL(cp);
		} else {
			c->u[k++] = (UChar)cp;
		}
	}
	c->ulen = k;
	c->u2b[k] = c->len;
	c->b2u[c->len] = k;
}

/* ---------------------------------------------------------------------- */
/* Numbers written with separators ("+1 (555) 010-0123", "2026-11-28") are
 * read left to right even inside Arabic; the Unicode algorithm alone would
 * show "+1" and the groups in right-to-left order. They are found here and
 * given an explicit LTR level, and lines are not broken inside them. */

static int is_number_char(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || cp == '+' || cp == '(' || cp == ')' ||
	       cp == '-' || cp == '.' || cp == ' ' || cp == 0x2011 || cp == 0x2010;
}

/* The numeric run starting at cps[i], as [i, *end); 0 when there is none. */
static int number_at(const ctx_t *c, size_t i, size_t *end)
{
	size_t j = i, last = i, digits = 0, seps = 0;
	int depth = 0;
	uint32_t first = c->cps[i].cp;
	if (!(first == '+' || first == '(' || (first >= '0' && first <= '9')))
		return 0;
	if (i > 0 && (u_isalnum((UChar32)c->cps[i - 1].cp) || c->cps[i - 1].cp == '.'))
		return 0;
	for (; j < c->ncps && is_number_char(c->cps[j].cp); j++) {
		uint32_t cp = c->cps[j].cp;
		if (cp == '(')
			depth++;
		if (cp == ')' && --depth < 0)
			break;
		if (cp == ' ' && (j + 1 >= c->ncps || !is_number_char(c->cps[j + 1].cp) || c->cps[j + 1].cp == ' '))
			break;
		if (cp >= '0' && cp <= '9') {
			digits++;
			last = j + 1;
			if (depth == 0 && j + 1 < c->ncps && c->cps[j + 1].cp == ')')
				break;
		} else if (cp == ')') {
			last = j + 1;
		} else {
			seps++;
		}
	}
	if (digits < TEXT_MIN_PHONE_DIGITS || seps == 0 || depth > 0)
		return 0;
	*end = last;
	return 1;
}

/* Marks numeric runs: numpos 1 on the first code point, 2 inside. */
static void find_numbers(ctx_t *c)
{
	c->numpos = xcalloc(c->ncps + 1, 1);
	for (size_t i = 0; i < c->ncps; i++) {
		size_t end;
		if (!number_at(c, i, &end))
			continue;
		c->numpos[i] = 1;
		memset(c->numpos + i + 1, 2, end - i - 1);
		i = end - 1;
	}
}

/* Explicit levels for an RTL paragraph: numeric runs LTR (overriding the
 * characters' own classes), the rest at the paragraph level. NULL when the
 * paragraph has no numeric run, so explicit embeddings keep working there. */
static UBiDiLevel *number_levels(ctx_t *c, UBiDiLevel para)
{
	UBiDiLevel *lv = NULL;
	for (size_t i = 0; i < c->ncps; i++) {
		if (!c->numpos[i])
			continue;
		if (!lv) {
			lv = xmalloc((size_t)c->ulen + 1);
			memset(lv, para, (size_t)c->ulen + 1);
		}
		int32_t end = i + 1 < c->ncps ? c->cps[i + 1].u16 : c->ulen;
		memset(lv + c->cps[i].u16, (para + 1) | UBIDI_LEVEL_OVERRIDE, (size_t)(end - c->cps[i].u16));
	}
	return lv;
}

static void run_bidi(ctx_t *c)
{
	UErrorCode e = U_ZERO_ERROR;
	int dir = c->o->dir;
	if (dir == TEXT_DIR_AUTO)
		dir = ubidi_getBaseDirection(c->u, c->ulen) == UBIDI_RTL ? TEXT_DIR_RTL : TEXT_DIR_LTR;
	UBiDiLevel para = dir == TEXT_DIR_RTL ? 1 : 0;
	c->l->rtl = para;
	c->bidi = ubidi_openSized(c->ulen, 0, &e);
	c->line = ubidi_openSized(c->ulen, 0, &e);
	if (para)
		c->levels = number_levels(c, para);
	ubidi_setPara(c->bidi, c->u, c->ulen, para, c->levels, &e);
	if (U_FAILURE(e)) {
		/* Only on memory exhaustion; lay out as one LTR run rather than fail. */
		kyr_fault(KYR_FAULT_TEXT);   /* counted, not logged at visit time (util.h) */
		for (size_t i = 0; i < c->ncps; i++)
			c->cps[i].level = para;
		return;
	}
	for (size_t i = 0; i < c->ncps; i++)
		c->cps[i].level = ubidi_getLevelAt(c->bidi, c->cps[i].u16);
}

/* ---------------------------------------------------------------------- */
/* Scripts. */

static int is_common(UScriptCode sc)
{
	return sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED;
}

/* Common and Inherited characters (spaces, digits, punctuation, marks)
 * take the script before them, or the first real script when they open the
 * paragraph; a closing bracket takes its opening bracket's script, so
 * "(English)" inside Arabic keeps both brackets Arabic. */
static void resolve_scripts(ctx_t *c)
{
	struct { UChar32 close; UScriptCode sc; } stack[TEXT_BRACKET_DEPTH];
	int sp = 0;
	UScriptCode cur = USCRIPT_COMMON;
	for (size_t i = 0; i < c->ncps; i++) {
		UChar32 ch = (UChar32)c->cps[i].cp;
		UErrorCode e = U_ZERO_ERROR;
		UScriptCode sc = uscript_getScript(ch, &e);
		if (U_FAILURE(e))
			sc = USCRIPT_COMMON;
		if (is_common(sc)) {
			int bt = u_getIntPropertyValue(ch, UCHAR_BIDI_PAIRED_BRACKET_TYPE);
			sc = cur;
			if (bt == U_BPT_OPEN && sp < TEXT_BRACKET_DEPTH) {
				stack[sp].close = u_getBidiPairedBracket(ch);
				stack[sp++].sc = cur;
			} else if (bt == U_BPT_CLOSE) {
				for (int k = sp - 1; k >= 0; k--) {
					if (stack[k].close == ch) {
						sc = stack[k].sc;
						sp = k;
						break;
					}
				}
			}
		} else if (cur == USCRIPT_COMMON) {
			for (size_t j = 0; j < i; j++)
				c->cps[j].script = sc;
			for (int k = 0; k < sp; k++)
				stack[k].sc = sc;
		}
		c->cps[i].script = sc;
		cur = sc;
	}
}

/* A separator standing between words (" · ", " — ", the no-break
 * "\u00a0· " of a list) takes the script of the text's language rather
 * than of the word before it: in a list of names in several scripts every
 * dot is drawn by the same face, one size throughout. Only runs of
 * neutrals that start and end with a space and hold punctuation, no
 * digits and no brackets. */
static void resolve_separators(ctx_t *c)
{
	UScriptCode lsc[8];
	UErrorCode e = U_ZERO_ERROR;
	if (!c->o->lang || !*c->o->lang || uscript_getCode(c->o->lang, lsc, 8, &e) < 1 || U_FAILURE(e))
		return;
	for (size_t i = 0; i < c->ncps;) {
		size_t j = i;
		int first = 0, last = 0, punct = 0, other = 0;
		for (; j < c->ncps; j++) {
			UChar32 ch = (UChar32)c->cps[j].cp;
			UErrorCode e2 = U_ZERO_ERROR;
			if (uscript_getScript(ch, &e2) != USCRIPT_COMMON) break;
			if (is_ignorable(c->cps[j].cp)) continue;
			int ws = u_isUWhiteSpace(ch) && ch != '\n';
			if (!first) first = ws ? 1 : 2;
			last = ws ? 1 : 2;
			if (!ws && u_ispunct(ch) && u_getIntPropertyValue(ch, UCHAR_BIDI_PAIRED_BRACKET_TYPE) == U_BPT_NONE) punct = 1;
			else if (!ws) other = 1;
		}
		if (i > 0 && j < c->ncps && first == 1 && last == 1 && punct && !other)
			for (size_t k = i; k < j; k++) {
				c->cps[k].script = lsc[0];
				c->cps[k].sep = 1;
			}
		i = j > i ? j : i + 1;
	}
}

/* ---------------------------------------------------------------------- */
/* Fonts: one face per grapheme cluster, so a base and its marks are never
 * split between fonts. Punctuation and spaces stay in the face before them
 * when it has them, which keeps runs long. */

static int face_has(font_set_t *fs, int face, const uint32_t *cps, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!font_has_glyph(fs, face, cps[i]))
			return 0;
	return 1;
}

static void pick_cluster(ctx_t *c, size_t i, size_t j, int *prev_face, UScriptCode *prev_sc)
{
	uint32_t cl[TEXT_MAX_CLUSTER];
	size_t n = 0;
	for (size_t k = i; k < j && n < TEXT_MAX_CLUSTER; k++)
		if (!is_ignorable(c->cps[k].cp) && c->cps[k].cp != 0xFE0F)
			cl[n++] = c->cps[k].cp;
	UScriptCode sc = c->cps[i].script;
	UErrorCode e = U_ZERO_ERROR;
	int face;
	int common = is_common(uscript_getScript((UChar32)c->cps[i].cp, &e));
	/* A separator is drawn by its language's face, not by the one before
	 * it, whatever script that one was for. */
	if (*prev_face >= 0 && (n == 0 || (common && !c->cps[i].sep && sc == *prev_sc && face_has(c->fs, *prev_face, cl, n))))
		face = *prev_face;
	else
		face = font_pick_all(c->fs, uscript_getShortName(sc), c->lang, cl, n);
	for (size_t k = i; k < j; k++)
		c->cps[k].face = face;
	*prev_face = face;
	*prev_sc = sc;
}

/* A numeric run gets one face for all its characters, so that "555-0123"
 * is not drawn half in Naskh's digits and half in Noto Sans (Naskh has
 * digits but no '+', '(' or '-'). Returns the index after the run. */
static size_t pick_number(ctx_t *c, size_t i, int *prev_face, UScriptCode *prev_sc)
{
	uint32_t cl[TEXT_MAX_CLUSTER];
	size_t n = 0, j = i;
	for (; j < c->ncps && (j == i || c->numpos[j] == 2); j++) {
		size_t k = 0;
		while (k < n && cl[k] != c->cps[j].cp)
			k++;
		if (k == n && n < TEXT_MAX_CLUSTER)
			cl[n++] = c->cps[j].cp;
	}
	/* The face the text's digits get if it has every character, else the
	 * Common chain's (Noto Sans), not some third font that happens to. */
	const char *sn = uscript_getShortName(c->cps[i].script);
	int face = font_pick(c->fs, sn, c->lang, '0');
	if (!face_has(c->fs, face, cl, n))
		face = font_pick_all(c->fs, "Zyyy", c->lang, cl, n);
	for (size_t k = i; k < j; k++)
		c->cps[k].face = face;
	*prev_face = face;
	*prev_sc = c->cps[i].script;
	return j;
}

static void pick_faces(ctx_t *c)
{
	if (font_is_fake(c->fs) || c->ncps == 0)
		return;         /* face 0 everywhere */
	UBreakIterator *bi = grapheme_breaker(c->u, c->ulen);
	int prev_face = -1;
	UScriptCode prev_sc = USCRIPT_INVALID_CODE;
	size_t i = 0;
	while (i < c->ncps) {
		if (c->numpos[i] == 1) {
			i = pick_number(c, i, &prev_face, &prev_sc);
			continue;
		}
		size_t j = i + 1;
		if (bi) {
			int32_t next = ubrk_following(bi, c->cps[i].u16);
			while (j < c->ncps && next != UBRK_DONE && c->cps[j].u16 < next)
				j++;
		}
		pick_cluster(c, i, j, &prev_face, &prev_sc);
		i = j;
	}
}

/* ---------------------------------------------------------------------- */
/* Items. */

static int flags_at(const ctx_t *c, size_t off)
{
	int f = c->o->flags;
	for (size_t i = 0; i < c->o->nspans; i++)
		if (off >= c->o->spans[i].start && off < c->o->spans[i].end)
			f |= c->o->spans[i].flags;
	return f;
}

static void make_items(ctx_t *c)
{
	c->items = xcalloc(c->ncps + 1, sizeof *c->items);
	for (size_t i = 0; i < c->ncps; i++) {
		cpinfo_t *ci = &c->cps[i];
		ci->flags = flags_at(c, ci->off);
		item_t *last = c->nitems ? &c->items[c->nitems - 1] : NULL;
		if (last && last->level == ci->level && last->face == ci->face &&
		    last->flags == ci->flags && last->script == ci->script) {
			last->end = i + 1 < c->ncps ? c->cps[i + 1].off : c->len;
			continue;
		}
		c->items[c->nitems++] = (item_t){
			.start = ci->off, .end = i + 1 < c->ncps ? c->cps[i + 1].off : c->len,
			.level = ci->level, .face = ci->face, .flags = ci->flags, .script = ci->script,
		};
	}
}

/* The item containing byte off (binary search; items tile the text). */
static int item_at(const ctx_t *c, size_t off)
{
	int lo = 0, hi = c->nitems - 1;
	while (lo < hi) {
		int mid = (lo + hi + 1) / 2;
		if (c->items[mid].start <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* ---------------------------------------------------------------------- */
/* Measuring. */

static const char *script_name(UScriptCode sc)
{
	const char *n = uscript_getShortName(sc);
	return n && strlen(n) == 4 ? n : "Zyyy";
}

static int fake_width(const ctx_t *c, size_t a, size_t b)
{
	int n = 0;
	for (size_t i = a; i < b; ) {
		uint32_t cp = utf8_next(c->s, b, &i);
		int8_t t = u_charType((UChar32)cp);
		if (cp != '\n' && t != U_NON_SPACING_MARK && t != U_ENCLOSING_MARK && t != U_FORMAT_CHAR)
			n++;
	}
	return n * font_fake_advance(c->fs);
}

/* Width of bytes [a, b) of one item, shaped as one run. */
static int measure_piece(ctx_t *c, const item_t *it, size_t a, size_t b)
{
	if (a >= b)
		return 0;
	if (font_is_fake(c->fs))
		return fake_width(c, a, b);
	return font_measure(c->fs, it->face, c->px, it->flags & TEXT_BOLD, it->level & 1,
	                    script_name(it->script), c->s + a, b - a);
}

/* Width of [a, b) across items, each piece shaped on its own. */
static int measure_range(ctx_t *c, size_t a, size_t b)
{
	int w = 0;
	if (a >= b || c->nitems == 0)
		return 0;
	for (int i = item_at(c, a); i < c->nitems && c->items[i].start < b; i++)
		w += measure_piece(c, &c->items[i], KYR_MAX(a, c->items[i].start), KYR_MIN(b, c->items[i].end));
	return w;
}

/* Vertical metrics shared by all lines: the largest ascent and descent of
 * the faces used, so runs in different fonts share one baseline. */
static void font_metrics(ctx_t *c, int face, int bold, int *asc, int *desc, int *height)
{
	if (font_is_fake(c->fs)) {
		int adv = font_fake_advance(c->fs);
		*height = (adv * 5 + 2) / 4;
		*asc = adv;
		*desc = adv - *height;
		return;
	}
	TTF_Font *f = font_get(c->fs, face, c->px, bold);
	if (!f) {
		*asc = c->px;
		*desc = -c->px / 4;
		*height = *asc - *desc;
		return;
	}
	*asc = TTF_FontAscent(f);
	*desc = TTF_FontDescent(f);
	*height = TTF_FontHeight(f);
}

static void set_line_height(ctx_t *c)
{
	float sp = c->o->line_spacing > 0 ? c->o->line_spacing : 1.25f;
	c->line_height = (int)lroundf((float)(c->asc - c->desc) * sp);
}

/* The faces' ascent and descent, except for `inklines` faces (Nastaliq),
 * whose share is measured from their runs' ink once the lines are known
 * (fit_ink). A paragraph only in such faces starts from their metrics. */
static void line_metrics(ctx_t *c)
{
	int asc, desc, h, any = 0;
	c->asc = 0;
	c->desc = 0;
	for (int pass = 0; pass < 2 && !any; pass++) {
		for (int i = 0; i < c->nitems; i++) {
			if (!pass && !font_is_fake(c->fs) && font_ink_lines(c->fs, c->items[i].face))
				continue;
			font_metrics(c, c->items[i].face, c->items[i].flags & TEXT_BOLD, &asc, &desc, &h);
			c->asc = KYR_MAX(c->asc, asc);
			c->desc = KYR_MIN(c->desc, desc);
			any = 1;
		}
	}
	if (!any) {
		int face = font_is_fake(c->fs) ? 0 : font_pick(c->fs, "Latn", c->lang, ' ');
		font_metrics(c, face, c->o->flags & TEXT_BOLD, &c->asc, &c->desc, &h);
	}
	set_line_height(c);
}

/* ---------------------------------------------------------------------- */
/* Line breaking. */

static size_t cp_index(const ctx_t *c, size_t off)
{
	size_t lo = 0, hi = c->ncps;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c->cps[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* 1 when byte off lies strictly inside a numeric run (see number_at). */
static int inside_number(const ctx_t *c, size_t off)
{
	size_t i = cp_index(c, off);
	return i < c->ncps && c->numpos[i] == 2;
}

/* A letter, digit or mark: what words are made of. */
static int is_wordchar(uint32_t cp)
{
	int8_t t = u_charType((UChar32)cp);
	return u_isalnum((UChar32)cp) || t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK ||
	       t == U_ENCLOSING_MARK;
}

/* Scripts written without spaces between words, whose words ICU finds
 * with dictionaries. */
static int dictionary_script(UScriptCode sc)
{
	return sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA || sc == USCRIPT_THAI ||
	       sc == USCRIPT_LAO || sc == USCRIPT_KHMER || sc == USCRIPT_MYANMAR;
}

/* 1 when the line break opportunity at UTF-16 index p is inside a word:
 * between two letters in keep-all mode (Korean text, or two Hangul
 * letters in any text: Korean is written with spaces, though ICU allows a
 * break between any two syllables, "세워졌/을"), or inside a dictionary
 * word of a language or script written without spaces (wb). */
static int inside_word(const ctx_t *c, UBreakIterator *wb, int keep_all, int32_t p)
{
	size_t i = cp_index(c, c->u2b[p]);
	if (i == 0 || i >= c->ncps)
		return 0;
	const cpinfo_t *x = &c->cps[i - 1], *y = &c->cps[i];
	if (is_wordchar(x->cp) && is_wordchar(y->cp) &&
	    (keep_all || (x->script == USCRIPT_HANGUL && y->script == USCRIPT_HANGUL)))
		return 1;
	if (!wb || !(words_by_dictionary(c->lang) || (dictionary_script(x->script) && dictionary_script(y->script))))
		return 0;
	return !ubrk_isBoundary(wb, p);
}

static int has_dictionary_script(const ctx_t *c)
{
	for (size_t i = 0; i < c->ncps; i++)
		if (dictionary_script(c->cps[i].script))
			return 1;
	return 0;
}

static void find_breaks(ctx_t *c)
{
	UBreakIterator *bi = line_breaker(c->lang, c->u, c->ulen);
	int keep_all = lang_is(c->lang, "ko");
	/* After the line breaker: both iterators share the text, not a position. */
	UBreakIterator *wb = bi && (words_by_dictionary(c->lang) || has_dictionary_script(c)) ?
	                     word_breaker(c->lang, c->u, c->ulen) : NULL;
	size_t prev = 0;
	c->segs = xcalloc((size_t)c->ulen + 2, sizeof *c->segs);
	if (!bi) {
		c->segs[c->nsegs++] = (seg_t){ 0, c->len, 0 };
		return;
	}
	for (int32_t p = ubrk_next(bi); p != UBRK_DONE; p = ubrk_next(bi)) {
		size_t off = c->u2b[p];
		int st = ubrk_getRuleStatus(bi);
		int hard = st >= UBRK_LINE_HARD && st < UBRK_LINE_HARD_LIMIT;
		if (off <= prev || (!hard && off < c->len && (inside_number(c, off) || inside_word(c, wb, keep_all, p))))
			continue;
		c->segs[c->nsegs++] = (seg_t){ prev, off, hard };
		prev = off;
	}
	if (prev < c->len)
		c->segs[c->nsegs++] = (seg_t){ prev, c->len, 0 };
}

/* End of [a, b) without its trailing whitespace and newlines. */
static size_t trim_end(const ctx_t *c, size_t a, size_t b)
{
	size_t i = cp_index(c, b);
	while (i > 0 && c->cps[i - 1].off >= a && is_space(c->cps[i - 1].cp))
		i--;
	return i < c->ncps ? KYR_MAX(a, c->cps[i].off) : b;
}

static void add_line(ctx_t *c, size_t a, size_t b)
{
	if (c->nlines == c->caplines) {
		c->caplines = c->caplines ? 2 * c->caplines : 8;
		c->lines = xrealloc(c->lines, (size_t)c->caplines * sizeof *c->lines);
	}
	c->lines[c->nlines++] = (line_t){ .start = a, .end = b };
}

/* The longest prefix [a, g) of [a, t) that fits, g a grapheme boundary
 * after a (at least one grapheme, even when that does not fit). Gallops
 * (1, 2, 4 ... graphemes) and then bisects, so it reads and measures only
 * about one line's worth: breaking a 20,000-character word stays linear. */
static size_t fit_graphemes(ctx_t *c, size_t a, size_t t)
{
	UBreakIterator *bi = grapheme_breaker(c->u, c->ulen);
	size_t *g = NULL, n = 0, cap = 0, want = 1, lo = 0, r;
	int32_t p = bi ? ubrk_following(bi, c->b2u[a]) : UBRK_DONE;
	for (;;) {
		for (; n < want && p != UBRK_DONE && c->u2b[p] <= t; p = ubrk_next(bi)) {
			if (n == cap) {
				cap = cap ? 2 * cap : 32;
				g = xrealloc(g, cap * sizeof *g);
			}
			g[n++] = c->u2b[p];
		}
		if (n == 0) {
			r = t;
			goto done;
		}
		if (measure_range(c, a, g[n - 1]) > c->width)
			break;
		lo = n - 1;                 /* the first n fit */
		if (n < want) {             /* up to t, all fit */
			r = g[lo];
			goto done;
		}
		want *= 2;
	}
	size_t hi = n - 1;              /* g[hi] does not fit; g[lo] is accepted */
	while (lo + 1 < hi) {
		size_t mid = (lo + hi) / 2;
		if (measure_range(c, a, g[mid]) <= c->width)
			lo = mid;
		else
			hi = mid;
	}
	r = g[lo];
done:
	free(g);
	return r;
}

/* Width of the hyphen drawn after byte off-1, in that character's face. */
static int hyphen_width(ctx_t *c, size_t off)
{
	if (font_is_fake(c->fs))
		return font_fake_advance(c->fs);
	const item_t *it = &c->items[item_at(c, off - 1)];
	return font_measure(c->fs, it->face, c->px, it->flags & TEXT_BOLD, 0, script_name(it->script), "-", 1);
}

/* The longest [a, h) of [a, t) that ends at a hyphenation point of one of
 * its words and fits with its hyphen (t when all of it fits); a when there
 * is none (no dictionary
 * for the language, no point that fits, or a right-to-left paragraph: no
 * such language has a dictionary). */
static size_t fit_hyphen(ctx_t *c, size_t a, size_t t)
{
	uint32_t w[64];
	unsigned char ok[64];
	size_t best = a, i = cp_index(c, a), i1 = cp_index(c, t);
	if (c->l->rtl)
		return a;
	while (i > 0 && is_wordchar(c->cps[i - 1].cp))
		i--;                    /* a continues a word hyphenated above: the whole word counts */
	while (i < i1) {
		size_t j = i;
		while (j < i1 && is_wordchar(c->cps[j].cp))
			j++;
		if (j == i) {
			i++;
			continue;
		}
		size_t n = j - i;
		if (n <= KYR_ARRAY_LEN(w)) {
			for (size_t k = 0; k < n; k++)
				w[k] = c->cps[i + k].cp;
			if (!hyph_points(c->lang, w, n, ok))
				return a;
			for (size_t k = 1; k < n; k++) {
				size_t off = c->cps[i + k].off;
				if (!ok[k] || off <= a)
					continue;
				if (measure_range(c, a, off) + hyphen_width(c, off) > c->width)
					return best;    /* later points are further right still */
				best = off;
			}
		}
		i = j;
	}
	/* Every point fits: the rest may too (then no hyphen at all). */
	if (best > a && measure_range(c, a, t) <= c->width)
		return t;
	return best;
}

/* Letters and digits in [a, b): one means a one-character line. */
static int letters_in(const ctx_t *c, size_t a, size_t b)
{
	int n = 0;
	for (size_t i = cp_index(c, a); i < c->ncps && c->cps[i].off < b; i++)
		n += u_isalnum((UChar32)c->cps[i].cp) != 0;
	return n;
}

/* A last line of one character (Chinese "計畫" as "計/畫") takes the last
 * word of the line above when both then fit. */
static void avoid_orphan(ctx_t *c)
{
	if (c->nlines < 2 || c->width <= 0)
		return;
	line_t *prev = &c->lines[c->nlines - 2], *last = &c->lines[c->nlines - 1];
	if (prev->hyphen || letters_in(c, last->start, last->end) != 1)
		return;
	size_t cut = 0;
	for (int k = 0; k < c->nsegs; k++) {
		if (c->segs[k].b == last->start && c->segs[k].hard)
			return;             /* a hard break: nothing moves across it */
		if (c->segs[k].a > prev->start && c->segs[k].a < last->start)
			cut = c->segs[k].a;
	}
	if (!cut || measure_range(c, cut, trim_end(c, cut, last->end)) > c->width)
		return;
	prev->end = cut;
	last->start = cut;
}

/* Greedy fill: a segment joins the line when its visible part fits;
 * trailing spaces never count. A word wider than the box is hyphenated
 * where it can be, else broken between graphemes (counted in the layout:
 * the UI uses the counts to choose a wider box). */
static void break_lines(ctx_t *c)
{
	size_t start = 0;
	int w = 0, used = 0;
	for (int k = 0; k < c->nsegs; k++) {
		seg_t *s = &c->segs[k];
		size_t t = trim_end(c, s->a, s->b);
		int wt = measure_range(c, s->a, t);
		/* Words were measured one by one; near the limit, measure the line
		 * as it will be shaped, so rounding never makes it too wide. */
		int fits = c->width <= 0 || w + wt <= c->width;
		if (fits && used && c->width > 0 && w + wt > c->width - c->px)
			fits = measure_range(c, start, t) <= c->width;
		if (used && !fits) {
			add_line(c, start, s->a);
			start = s->a;
			w = 0;
			used = 0;
		}
		size_t a = s->a;
		while (c->width > 0 && !used && wt > c->width) {
			size_t g = fit_hyphen(c, a, t);
			int hyphen = g > a && g < t;
			if (!hyphen)
				g = fit_graphemes(c, a, t);
			if (g >= t) {
				/* The rest fits on one line: measure only it. */
				if (a != s->a)
					wt = measure_range(c, a, t);
				break;
			}
			add_line(c, a, g);
			c->lines[c->nlines - 1].hyphen = hyphen;
			if (hyphen)
				c->l->nhyphen++;
			else
				c->l->nsplit++;
			a = start = g;
			wt = c->width + 1;      /* the rest: known once it fits */
		}
		w += wt + (s->hard || t == s->b ? 0 : measure_range(c, t, s->b));
		used = 1;
		if (s->hard) {
			add_line(c, start, s->b);
			start = s->b;
			w = 0;
			used = 0;
		}
	}
	if (used)
		add_line(c, start, c->len);
	avoid_orphan(c);
}

/* ---------------------------------------------------------------------- */
/* Reordering and positioning. */

/* The top of a run's font box (its face's ascent asc above the shared
 * baseline), the line's ink centred in its line height. */
static int run_top(const ctx_t *c, int lineno, int asc)
{
	return lineno * c->line_height + (c->line_height - (c->asc - c->desc)) / 2 + c->asc - asc;
}

/* A new run of item it's font and style at *x on line lineno; the caller
 * sets its range and width. */
static text_run_t *new_run(ctx_t *c, const item_t *it, int lineno, int level, int x)
{
	text_layout_t *l = c->l;
	if (l->nruns == c->caprun) {
		c->caprun = c->caprun ? 2 * c->caprun : 16;
		l->runs = xrealloc(l->runs, (size_t)c->caprun * sizeof *l->runs);
	}
	text_run_t *r = &l->runs[l->nruns++];
	memset(r, 0, sizeof *r);
	int asc, desc, h;
	font_metrics(c, it->face, it->flags & TEXT_BOLD, &asc, &desc, &h);
	r->h = h;
	r->x = x;
	r->y = run_top(c, lineno, asc);
	r->line = lineno;
	r->rtl = level & 1;
	r->level = level;
	snprintf(r->script, sizeof r->script, "%s", script_name(it->script));
	r->face = it->face;
	r->flags = it->flags;
	r->px = c->px;
	return r;
}

static void add_run(ctx_t *c, const item_t *it, size_t a, size_t b, int lineno, int level, int *x)
{
	if (a >= b)
		return;
	text_run_t *r = new_run(c, it, lineno, level, *x);
	item_t piece = *it;
	piece.level = level;
	r->w = measure_piece(c, &piece, a, b);
	r->start = a;
	r->end = b;
	*x += r->w;
}

/* Visual runs of the line from ICU, each cut by our items; inside an RTL
 * run the items go right to left, i.e. in reverse logical order. */
static void emit_line(ctx_t *c, int lineno)
{
	line_t *ln = &c->lines[lineno];
	size_t ve = trim_end(c, ln->start, ln->end);
	int x = 0;
	ln->first_run = c->l->nruns;
	if (ve > ln->start && c->nitems) {
		UErrorCode e = U_ZERO_ERROR;
		int32_t u0 = c->b2u[ln->start];
		ubidi_setLine(c->bidi, u0, c->b2u[ve], c->line, &e);
		int32_t nv = U_SUCCESS(e) ? ubidi_countRuns(c->line, &e) : 0;
		for (int32_t v = 0; v < nv && U_SUCCESS(e); v++) {
			int32_t vs, vlen;
			UBiDiDirection d = ubidi_getVisualRun(c->line, v, &vs, &vlen);
			size_t a = c->u2b[u0 + vs], b = c->u2b[u0 + vs + vlen];
			int level = ubidi_getLevelAt(c->line, vs);
			int first = item_at(c, a), last = item_at(c, b - 1);
			for (int k = 0; k <= last - first; k++) {
				const item_t *it = &c->items[d == UBIDI_RTL ? last - k : first + k];
				add_run(c, it, KYR_MAX(a, it->start), KYR_MIN(b, it->end), lineno, level, &x);
			}
		}
		if (U_FAILURE(e))
			kyr_fault(KYR_FAULT_TEXT);   /* counted, not logged at visit time (util.h) */
		if (ln->hyphen) {   /* left-to-right only (fit_hyphen): at the end */
			const item_t *it = &c->items[item_at(c, ve - 1)];
			text_run_t *r = new_run(c, it, lineno, it->level, x);
			r->start = r->end = ve;
			r->hyphen = 1;
			r->w = hyphen_width(c, ve);
			x += r->w;
		}
	}
	ln->nruns = c->l->nruns - ln->first_run;
	ln->width = x;
}

/* Lines holding an `inklines` face (Nastaliq, whose ascender and descender
 * are 2.5 em) are as tall as the ink of the runs really drawn in them:
 * each run is shaped as text_draw will draw it and its glyphs' outline
 * boxes taken. Every line gets the paragraph's tallest ink, so lines never
 * overlap, and the line box holds the ink, so nothing is clipped. */
static void fit_ink(ctx_t *c)
{
	text_layout_t *l = c->l;
	int any = 0, above = 0, below = 0;
	if (font_is_fake(c->fs))
		return;
	for (int i = 0; i < l->nruns; i++) {
		text_run_t *r = &l->runs[i];
		font_ink_t ink;
		if (!font_ink_lines(c->fs, r->face) ||
		    font_ink(c->fs, r->face, r->px, r->flags & TEXT_BOLD, r->rtl, r->script, c->s + r->start, r->end - r->start, &ink) < 0)
			continue;
		above = KYR_MAX(above, ink.above);
		below = KYR_MAX(below, ink.below);
		any = 1;
	}
	if (!any)
		return;
	/* The other faces' ascent and descent still count (they share the line). */
	int asc = 0, desc = 0, h;
	for (int i = 0; i < l->nruns; i++) {
		text_run_t *r = &l->runs[i];
		if (font_ink_lines(c->fs, r->face)) continue;
		font_metrics(c, r->face, r->flags & TEXT_BOLD, &asc, &desc, &h);
		above = KYR_MAX(above, asc);
		below = KYR_MAX(below, -desc);
	}
	c->asc = above;
	c->desc = -below;
	set_line_height(c);
	for (int i = 0; i < l->nruns; i++) {
		text_run_t *r = &l->runs[i];
		font_metrics(c, r->face, r->flags & TEXT_BOLD, &asc, &desc, &h);
		r->y = run_top(c, r->line, asc);
	}
}

static void align_lines(ctx_t *c)
{
	int maxw = 0;
	for (int i = 0; i < c->nlines; i++)
		maxw = KYR_MAX(maxw, c->lines[i].width);
	int box = c->width > 0 ? c->width : maxw;
	for (int i = 0; i < c->nlines; i++) {
		line_t *ln = &c->lines[i];
		int shift = 0;
		if (c->o->align_center)
			shift = (box - ln->width) / 2;
		else if (c->o->align_right > 0 || (c->o->align_right == 0 && c->l->rtl))
			shift = box - ln->width;
		shift = KYR_MAX(shift, 0);
		for (int r = 0; r < ln->nruns; r++)
			c->l->runs[ln->first_run + r].x += shift;
	}
	c->l->width = maxw;
}

/* ---------------------------------------------------------------------- */

static void ctx_free(ctx_t *c)
{
	if (c->line)
		ubidi_close(c->line);
	if (c->bidi)
		ubidi_close(c->bidi);
	free(c->levels);
	free(c->numpos);
	free(c->cps);
	free(c->u);
	free(c->u2b);
	free(c->b2u);
	free(c->items);
	free(c->segs);
	free(c->lines);
}

text_layout_t *text_layout(font_set_t *fs, const char *utf8, size_t len, const text_opts_t *o)
{
	static const text_opts_t defaults = { 0 };
	text_layout_t *l = xcalloc(1, sizeof *l);
	ctx_t c = { 0 };
	if (!o)
		o = &defaults;
	c.fs = fs;
	c.o = o;
	c.lang = o->lang && *o->lang ? o->lang : "en";
	c.px = o->px > 0 ? o->px : TEXT_DEFAULT_PX;
	c.width = o->width;
	c.l = l;
	l->text = sanitize(utf8 ? utf8 : "", utf8 ? len : 0, &l->len);
	l->px = c.px;
	c.s = l->text;
	c.len = l->len;

	to_utf16(&c);
	find_numbers(&c);
	run_bidi(&c);
	resolve_scripts(&c);
	resolve_separators(&c);
	pick_faces(&c);
	make_items(&c);
	line_metrics(&c);
	find_breaks(&c);
	break_lines(&c);
	for (int i = 0; i < c.nlines; i++)
		emit_line(&c, i);
	fit_ink(&c);
	align_lines(&c);

	l->nlines = c.nlines;
	l->line_height = c.line_height;
	l->height = c.nlines * c.line_height;
	ctx_free(&c);
	return l;
}

int text_run_ink(font_set_t *fs, const text_layout_t *l, const text_run_t *r, rect_t *box)
{
	font_ink_t ink;
	*box = (rect_t){ 0, 0, 0, 0 };
	int bold = r->flags & TEXT_BOLD;
	if (font_ink(fs, r->face, r->px, bold, r->rtl, r->script, l->text + r->start, r->end - r->start, &ink) < 0)
		return -1;
	if (ink.right <= ink.left)
		return 0;   /* spaces: no ink */
	TTF_Font *f = font_get(fs, r->face, r->px, bold);
	if (!f)
		return -1;
	/* SDL_ttf starts its surface at the leftmost ink when that is left of
	 * the pen; the baseline is the face's ascent below the run's top. */
	int shift = ink.left < 0 ? -ink.left : 0, base = r->y + TTF_FontAscent(f);
	*box = (rect_t){ r->x + ink.left + shift, base - ink.above, ink.right - ink.left, ink.above + ink.below };
	return 0;
}

void text_layout_free(text_layout_t *l)
{
	if (!l)
		return;
	free(l->text);
	free(l->runs);
	free(l);
}

int text_width(font_set_t *fs, const char *utf8, const char *lang, int px, int flags)
{
	text_opts_t o = { .lang = lang, .px = px, .flags = flags };
	text_layout_t *l = text_layout(fs, utf8, utf8 ? strlen(utf8) : 0, &o);
	int w = l->width;
	text_layout_free(l);
	return w;
}

/* ---------------------------------------------------------------------- */
/* The run cache: textures of rendered runs in their colour (tinting one
 * white texture would push SDL's software renderer onto its slowest blend
 * path for every run of every frame). Keyed by everything that changes the
 * pixels; LRU list for eviction, hash chains for lookup. */

#define CACHE_BUCKETS 1024

typedef struct entry {
	struct entry *hnext, *prev, *next;
	uint32_t hash;
	int face, px, bold, rtl;    /* face -1: an icon */
	color_t color;
	char script[5];
	char *text;
	size_t len;
	SDL_Texture *tex;
	int w, h, ystart;
	size_t bytes;
} entry_t;

struct text_cache {
	font_set_t *fs;
	SDL_Renderer *r;
	size_t max_bytes, bytes;
	entry_t *buckets[CACHE_BUCKETS];
	entry_t *head, *tail;       /* most recently used first */
	size_t nentries;
	unsigned long renders;
};

text_cache_t *text_cache_new(font_set_t *fs, void *renderer, size_t max_bytes)
{
	text_cache_t *tc = xcalloc(1, sizeof *tc);
	tc->fs = fs;
	tc->r = renderer;
	tc->max_bytes = max_bytes;
	return tc;
}

static void entry_destroy(entry_t *e)
{
	if (e->tex)
		SDL_DestroyTexture(e->tex);
	free(e->text);
	free(e);
}

static void lru_unlink(text_cache_t *tc, entry_t *e)
{
	if (e->prev)
		e->prev->next = e->next;
	else
		tc->head = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		tc->tail = e->prev;
	e->prev = e->next = NULL;
}

static void lru_push(text_cache_t *tc, entry_t *e)
{
	e->prev = NULL;
	e->next = tc->head;
	if (tc->head)
		tc->head->prev = e;
	tc->head = e;
	if (!tc->tail)
		tc->tail = e;
}

static void cache_remove(text_cache_t *tc, entry_t *e)
{
	entry_t **pp = &tc->buckets[e->hash % CACHE_BUCKETS];
	while (*pp != e)
		pp = &(*pp)->hnext;
	*pp = e->hnext;
	lru_unlink(tc, e);
	tc->bytes -= e->bytes;
	tc->nentries--;
	entry_destroy(e);
}

void text_cache_clear(text_cache_t *tc)
{
	if (!tc)
		return;
	while (tc->head)
		cache_remove(tc, tc->head);
}

void text_cache_free(text_cache_t *tc)
{
	text_cache_clear(tc);
	free(tc);
}

void text_cache_stats(const text_cache_t *tc, size_t *entries, size_t *bytes, unsigned long *renders)
{
	if (entries)
		*entries = tc->nentries;
	if (bytes)
		*bytes = tc->bytes;
	if (renders)
		*renders = tc->renders;
}

static uint32_t key_hash(int face, int px, int bold, int rtl, color_t c, const char *script, const char *s, size_t n)
{
	int nums[5] = { face, px, bold, rtl, (int)((uint32_t)c.r << 24 | (uint32_t)c.g << 16 | (uint32_t)c.b << 8 | c.a) };
	uint32_t h = hash_bytes(HASH_INIT, nums, sizeof nums);
	h = hash_bytes(h, script, strnlen(script, 4));
	return hash_bytes(h, s, n);
}

/* SDL_ttf grows the surface upwards when marks rise above the ascent and
 * then moves the baseline down by that much (it does not report by how
 * much). Ink on the top row but not on the bottom one means the extra
 * height is above; on both, we split it. */
static int surface_ystart(SDL_Surface *s, int font_height)
{
	int extra = s->h - font_height;
	if (extra <= 0)
		return 0;
	int ink[2] = { 0, 0 };
	SDL_LockSurface(s);
	for (int r = 0; r < 2; r++) {
		const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + (r ? s->h - 1 : 0) * s->pitch);
		for (int x = 0; x < s->w && !ink[r]; x++)
			ink[r] = (row[x] & s->format->Amask) != 0;
	}
	SDL_UnlockSurface(s);
	if (ink[0] && ink[1])
		return extra / 2;
	return ink[0] ? extra : 0;
}

static SDL_Surface *render_entry(text_cache_t *tc, const entry_t *k, int *font_height)
{
	/* Rendered in its own colour: a tinted white texture would force SDL's
	 * slowest blending path on every frame. */
	const SDL_Color white = { k->color.r, k->color.g, k->color.b, k->color.a };
	TTF_Font *f = k->face < 0 ? font_icons(tc->fs, k->px) : font_get(tc->fs, k->face, k->px, k->bold);
	if (!f)
		return NULL;
	*font_height = TTF_FontHeight(f);
	if (k->face < 0) {
		size_t i = 0;
		return TTF_RenderGlyph32_Blended(f, utf8_next(k->text, k->len, &i), white);
	}
	font_prepare(f, k->rtl, k->script);
	return TTF_RenderUTF8_Blended(f, k->text, white);
}

/* The cached texture for the key, rendering it on a miss. An entry larger
 * than the whole cache is returned unlinked (*transient = 1): the caller
 * draws it and destroys it. */
static entry_t *cache_get(text_cache_t *tc, int face, int px, int bold, int rtl, color_t c,
                          const char *script, const char *s, size_t n, int *transient)
{
	uint32_t h = key_hash(face, px, bold, rtl, c, script, s, n);
	*transient = 0;
	for (entry_t *e = tc->buckets[h % CACHE_BUCKETS]; e; e = e->hnext) {
		if (e->hash == h && e->face == face && e->px == px && e->bold == bold && e->rtl == rtl && !memcmp(&e->color, &c, sizeof c) &&
		    e->len == n && strcmp(e->script, script) == 0 && memcmp(e->text, s, n) == 0) {
			lru_unlink(tc, e);
			lru_push(tc, e);
			return e;
		}
	}
	entry_t *e = xcalloc(1, sizeof *e);
	*e = (entry_t){ .hash = h, .face = face, .px = px, .bold = bold, .rtl = rtl, .color = c,
	                .text = xstrndup(s, n), .len = n };
	snprintf(e->script, sizeof e->script, "%s", script);
	int fh = 0;
	SDL_Surface *surf = render_entry(tc, e, &fh);
	tc->renders++;
	if (surf) {
		e->ystart = surface_ystart(surf, fh);
		e->tex = SDL_CreateTextureFromSurface(tc->r, surf);
		e->w = surf->w;
		e->h = surf->h;
		SDL_FreeSurface(surf);
	}
	if (e->tex)
		SDL_SetTextureBlendMode(e->tex, SDL_BLENDMODE_BLEND);
	/* A failed render is cached too (tex NULL) so it is not retried every frame. */
	e->bytes = (size_t)e->w * (size_t)e->h * 4 + n + sizeof *e;
	if (e->bytes > tc->max_bytes) {
		*transient = 1;
		return e;
	}
	while (tc->tail && tc->bytes + e->bytes > tc->max_bytes)
		cache_remove(tc, tc->tail);
	e->hnext = tc->buckets[h % CACHE_BUCKETS];
	tc->buckets[h % CACHE_BUCKETS] = e;
	lru_push(tc, e);
	tc->bytes += e->bytes;
	tc->nentries++;
	return e;
}

static void blit(text_cache_t *tc, entry_t *e, int x, int y)
{
	if (!e->tex)
		return;
	SDL_Rect dst = { x, y, e->w, e->h };
	SDL_RenderCopy(tc->r, e->tex, NULL, &dst);
}

static int all_space(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; ) {
		uint32_t cp = utf8_next(s, b, &i);
		if (!is_space(cp))
			return 0;
	}
	return 1;
}

static void draw_underline(text_cache_t *tc, const text_run_t *r, int x, int y, color_t c)
{
	TTF_Font *f = font_get(tc->fs, r->face, r->px, r->flags & TEXT_BOLD);
	int thick = KYR_MAX(1, r->px / 14);
	SDL_Rect line = { x + r->x, y + r->y + (f ? TTF_FontAscent(f) : r->px) + thick, r->w, thick };
	Uint8 or, og, ob, oa;
	SDL_GetRenderDrawColor(tc->r, &or, &og, &ob, &oa);
	SDL_SetRenderDrawColor(tc->r, c.r, c.g, c.b, c.a);
	SDL_RenderFillRect(tc->r, &line);
	SDL_SetRenderDrawColor(tc->r, or, og, ob, oa);
}

void text_draw(text_cache_t *tc, const text_layout_t *l, int x, int y, color_t fg, color_t mark)
{
	if (!tc || !l || font_is_fake(tc->fs))
		return;
	for (int i = 0; i < l->nruns; i++) {
		const text_run_t *r = &l->runs[i];
		color_t c = r->flags & TEXT_MARK ? mark : fg;
		if (r->flags & TEXT_UNDERLINE)
			draw_underline(tc, r, x, y, c);
		if (!r->hyphen && all_space(l->text, r->start, r->end))
			continue;
		int transient;
		entry_t *e = cache_get(tc, r->face, r->px, r->flags & TEXT_BOLD ? 1 : 0, r->rtl, c, r->script,
		                       r->hyphen ? "-" : l->text + r->start, r->hyphen ? 1 : r->end - r->start, &transient);
		blit(tc, e, x + r->x, y + r->y - e->ystart);
		if (transient)
			entry_destroy(e);
	}
}

void text_draw_icon(text_cache_t *tc, uint32_t cp, rect_t r, int px, color_t fg, int mirror)
{
	char u[5] = { 0 };
	int transient;
	if (!tc || font_is_fake(tc->fs))
		return;
	int n = utf8_encode(cp, u);
	entry_t *e = cache_get(tc, -1, px, 0, 0, fg, "Zyyy", u, (size_t)n, &transient);
	SDL_Rect dst = { r.x + (r.w - e->w) / 2, r.y + (r.h - e->h) / 2, e->w, e->h };
	if (mirror && e->tex) SDL_RenderCopyEx(tc->r, e->tex, NULL, &dst, 0, NULL, SDL_FLIP_HORIZONTAL);
	else blit(tc, e, dst.x, dst.y);
	if (transient)
		entry_destroy(e);
}
