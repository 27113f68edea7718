/* text — the multilingual layout engine: script runs, BiDi, line breaking,
 * font fallback, shaping, and drawing with a bounded texture cache.
 *
 * text_layout() turns one UTF-8 paragraph into positioned runs in visual
 * order (ICU for BiDi, scripts and line breaks; SDL2_ttf/HarfBuzz to shape
 * and measure). text_draw() draws a layout through the run cache. The UI
 * keeps layouts and draws them many times; nothing is re-shaped while it is
 * cached. Start reading at text_layout(). */
#ifndef KYR_TEXT_H
#define KYR_TEXT_H

#include <stddef.h>
#include "draw.h"
#include "font.h"

enum text_dir { TEXT_DIR_AUTO = 0, TEXT_DIR_LTR = 1, TEXT_DIR_RTL = 2 };

enum text_flags {
	TEXT_BOLD = 1,
	TEXT_ITALIC = 2,       /* drawn as regular where no italic face exists */
	TEXT_MARK = 4,         /* drawn in the mark colour (phones, links, hits) */
	TEXT_UNDERLINE = 8,
};

typedef struct {
	size_t start, end;     /* byte range in the paragraph */
	int flags;             /* TEXT_* added to the base flags in that range */
} text_span_t;

typedef struct {
	const char *lang;      /* BCP 47; picks line-break rules and Han faces */
	int dir;               /* enum text_dir; AUTO: from the first strong char */
	int width;             /* box width in px; <= 0: unlimited (one line per hard break) */
	int px;                /* font size in px */
	int flags;             /* base TEXT_* flags */
	int align_center;      /* centre lines instead of aligning to the start edge */
	int align_right;       /* 1: lines to the right edge, -1: to the left, 0: the paragraph's start edge */
	const text_span_t *spans;
	size_t nspans;
	float line_spacing;    /* multiple of the font's line height; 0 means 1.25 */
} text_opts_t;

typedef struct {
	int x, y, w, h;        /* in the box: x from its left edge, y from its top */
	int line;
	size_t start, end;     /* byte range in the paragraph */
	int rtl;               /* 1 if drawn right-to-left */
	int level;             /* BiDi embedding level */
	char script[5];        /* ISO 15924, e.g. "Arab" */
	int face;              /* font_pick() face */
	int flags;             /* TEXT_* */
	int px;
	int hyphen;            /* 1: the hyphen a hyphenated line ends with ("-"; start == end) */
} text_run_t;

typedef struct text_layout {
	char *text;            /* a copy of the paragraph */
	size_t len;
	text_run_t *runs;      /* visual order, line by line */
	int nruns;
	int nlines;
	int width, height;     /* the extent actually used */
	int line_height;
	int rtl;               /* the paragraph's resolved direction */
	int px;
	/* Words wider than the box: broken at a hyphenation point (a hyphen is
	 * drawn) or, where the language has no dictionary or the word no point
	 * that fits, between graphemes. The UI widens or shrinks until both are 0. */
	int nhyphen, nsplit;
} text_layout_t;

/* Lines break where ICU's line breaker allows for the language, keeping
 * words whole beyond that: Korean only at spaces (keep-all); Chinese,
 * Japanese, Thai, Lao, Khmer and Burmese only between ICU dictionary words;
 * a last line of one character takes a word from the line above. A word
 * wider than the box is hyphenated (hyph.h) where a dictionary exists,
 * else broken between graphemes.
 * Lays out utf8[0..len) (a paragraph; '\n' is a hard break). Invalid UTF-8
 * is replaced, never rejected. Returns a new layout (free with
 * text_layout_free), never NULL. */
text_layout_t *text_layout(font_set_t *fs, const char *utf8, size_t len, const text_opts_t *o);
void text_layout_free(text_layout_t *l);

/* The box in which run r of l draws ink, in l's coordinates (x from the
 * box's left edge, y from its top): for tests and the dump. Returns 0 (an
 * empty box for spaces), or -1 for a fake font set. */
int text_run_ink(font_set_t *fs, const text_layout_t *l, const text_run_t *r, rect_t *box);

/* Width in px of utf8 set on one line (no wrapping): for buttons. */
int text_width(font_set_t *fs, const char *utf8, const char *lang, int px, int flags);

/* The cache of rendered runs, as textures of renderer (an SDL_Renderer *).
 * Bounded by max_bytes of pixel data; least recently used runs go first. */
typedef struct text_cache text_cache_t;
text_cache_t *text_cache_new(font_set_t *fs, void *renderer, size_t max_bytes);
void text_cache_free(text_cache_t *tc);
/* Empties the cache (e.g. at session reset, so no visitor text stays). */
void text_cache_clear(text_cache_t *tc);

/* Counters for tests and the frame-time overlay: cached entries, their
 * bytes, and how many runs were rendered (shaped) since the cache was made. */
void text_cache_stats(const text_cache_t *tc, size_t *entries, size_t *bytes, unsigned long *renders);

/* Draws l with its box's top-left at (x, y); marked spans in `mark`. */
void text_draw(text_cache_t *tc, const text_layout_t *l, int x, int y, color_t fg, color_t mark);
/* Draws a Material Icons glyph centred in r. */
void text_draw_icon(text_cache_t *tc, uint32_t cp, rect_t r, int px, color_t fg, int mirror);

#endif
