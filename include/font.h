/* font — the shipped fonts and the per-script fallback chain.
 *
 * The font directory holds the font files and `fonts.list`, a small table
 * that says which file serves which script (and, for Han, which language),
 * regular and bold. Fonts are opened lazily, at most once per file, face
 * and pixel size, and shared; the 19 MB CJK collection is only read when a
 * Han or Hangul run needs it.
 *
 * A font set can also be a fixed-width fake (font_set_fake) so layout and UI
 * tests run without font files: every glyph is provided, every grapheme is
 * `advance` px wide. */
#ifndef KYR_FONT_H
#define KYR_FONT_H

#include <SDL_ttf.h>   /* TTF_Font: its struct tag differs between SDL_ttf releases */
#include <stdint.h>
#include <stddef.h>

typedef struct font_set font_set_t;

/* Opens dir/fonts.list (TTF_Init must have been called). Returns NULL and
 * writes a reason into err when the table is missing or malformed. */
font_set_t *font_set_open(const char *dir, char *err, size_t errlen);
/* A fake fixed-width font set for tests; needs no TTF_Init. */
font_set_t *font_set_fake(int advance);
void font_set_close(font_set_t *fs);
/* Lets go of what the last screens needed: closes every open font
 * (FreeType and HarfBuzz tables) and unmaps the font files' pages from the
 * process. Faces reopen on demand; nothing a caller holds stays valid. */
void font_set_trim(font_set_t *fs);
/* font_set_trim(), and forgets the remembered widths too: they hold the
 * last visitor's texts (up to 48 bytes: words, names, what was typed into
 * the search) and up to 0.7 MB. At a session reset or a new language. */
void font_set_forget(font_set_t *fs);

/* Chooses the face for code point cp in a run of `script` (ISO 15924, e.g.
 * "Arab") for language lang: the first face in the script's chain that
 * provides cp, else any shipped face that does, else the chain's first.
 * Returns a face index >= 0 (stable for the font set's life). */
int font_pick(font_set_t *fs, const char *script, const char *lang, uint32_t cp);
/* Like font_pick for a grapheme cluster: the first face (same order) that
 * provides all n code points, else the pick for cps[0]. */
int font_pick_all(font_set_t *fs, const char *script, const char *lang, const uint32_t *cps, size_t n);
/* 1 when face provides cp. */
int font_has_glyph(font_set_t *fs, int face, uint32_t cp);
/* The opened font for face at px, bold or not (NULL for a fake set or on
 * failure). Owned by the font set. */
TTF_Font *font_get(font_set_t *fs, int face, int px, int bold);
/* The face's name in fonts.list ("cjk-sc"); a subset answers with the name
 * of the face it was cut from. NULL for an unknown face. */
const char *font_face_name(const font_set_t *fs, int face);
/* The file (relative to the font dir, e.g. "NotoSansArabic-Regular.ttf")
 * and the face index inside a collection. */
const char *font_file(font_set_t *fs, int face, int *index);
/* The same for the bold file when bold (the regular one when the face has
 * no bold file and is emboldened instead). */
const char *font_file_style(font_set_t *fs, int face, int bold, int *index);
/* Sets the shaping direction and script (ISO 15924) on a shared font; do
 * it before every size or render call, as other runs share the font. */
void font_prepare(TTF_Font *f, int rtl, const char *script);
/* Width in px of s[0..n) shaped as one run with face at px; short texts'
 * widths are remembered. 0 for a fake set or on failure. */
int font_measure(font_set_t *fs, int face, int px, int bold, int rtl, const char *script,
                 const char *s, size_t n);
/* Where the glyphs of s[0..n), shaped as one run like font_measure, draw
 * ink, in px from the run's baseline and pen start: above (up) and below
 * (down) the baseline, left and right (from the pen start; left may be
 * negative). Whole pixels, rounded outward. Returns 0 (all zero for a run
 * of spaces), or -1 for a fake set or an unusable face. */
typedef struct { int above, below, left, right; } font_ink_t;
int font_ink(font_set_t *fs, int face, int px, int bold, int rtl, const char *script,
             const char *s, size_t n, font_ink_t *ink);
/* 1 when fonts.list names the face in `inklines`: its lines are as tall as
 * the ink of the text in them, not its (very tall) ascender and descender. */
int font_ink_lines(const font_set_t *fs, int face);
/* The Material Icons font at px (NULL if absent). */
TTF_Font *font_icons(font_set_t *fs, int px);
/* 1 for a fake set. */
int font_is_fake(const font_set_t *fs);
/* The fake set's advance in px (0 for a real set). */
int font_fake_advance(const font_set_t *fs);

#endif
