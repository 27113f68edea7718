/* roman — search in Latin letters for languages written in other scripts.
 *
 * A visitor who reads Chinese, Hindi or Amharic but has no keyboard for
 * that script (or cannot find the letters on one) types what the word
 * sounds like: pinyin without tones ("kaimen", "bu kai men"), or Hindi and
 * Amharic the way people write them in text messages ("darvaza", "darwaza",
 * "ber"). kyr-build romanises every word of those languages' articles with
 * an ICU transliterator (roman_index) into extra index columns (each token
 * behind ROMAN_MARK); the kiosk
 * folds what was typed the same way (roman_fold) and never needs ICU's
 * transliteration data itself.
 *
 * Folding, so that the usual spellings of one word meet (docs/keyboards.md):
 *   all modes: lower case, letters and digits only; h after a consonant
 *     goes (kh→k, zh→z, sh→s); a doubled letter becomes one.
 *   ROMAN_PINYIN (Chinese) first: v→u (ü, typed v: lvshi = lüshi).
 *   ROMAN_FUZZY (Hindi, Amharic) first: ee→i, oo→u, w→v, q→k, ny→n, gn→n;
 *     and last: a and e go except as the first letter (the inherent vowel
 *     Devanagari-Latin writes and speakers drop: दरवाज़ा is "daravaza" to
 *     ICU and "darvaza" to a visitor; both fold to "drvz").
 * The kiosk maps a romanised match back to the article's own words (the
 * index keeps each word's byte span) to mark them in the snippet. */
#ifndef KYR_ROMAN_H
#define KYR_ROMAN_H

#include "util.h"

enum roman_mode { ROMAN_NONE = 0, ROMAN_PINYIN, ROMAN_FUZZY };

/* Every romanised token in the index starts with this letter (U+0280, which
 * unicode61 does not fold to r), so the index's prefix entries for Latin
 * words ("a*", "ab*") never hold the romanised words of other languages:
 * a Spanish or English search reads no more than before. */
#define ROMAN_MARK "\xca\x80"

/* The romanisation of lang (a BCP 47 code; its first subtag counts). */
int roman_mode(const char *lang);

/* Folds one word of Latin letters (ASCII; n bytes) into out (cap bytes).
 * Returns its length: 0 when the word is not plain ASCII letters and
 * digits, or folds to nothing. */
size_t roman_fold(const char *word, size_t n, int mode, char *out, size_t cap);

/* ---- kyr-build: the index ---- */

typedef struct roman roman_t;
/* The romaniser for lang: NULL with err empty when lang is not romanised,
 * NULL with a reason when its transliterator is missing from ICU's data. */
roman_t *roman_open(const char *lang, char *err, size_t errlen);
void roman_close(roman_t *r);
/* One line in tokens per word of text (len bytes) in the order of the
 * text: the word's folded romanisations, each behind ROMAN_MARK, separated
 * by spaces (for pinyin: each syllable and the whole word). With map, one line "OFFSET LENGTH" per
 * word: the word's bytes in text. */
void roman_index(roman_t *r, const char *text, size_t len, buf_t *tokens, buf_t *map);

/* ---- the kiosk: marking what matched ---- */

/* A snippet of body around the first word whose romanisations (a line of
 * tokens, spans in map, as roman_index made them) match one of the folded
 * query words (words[i] behind ROMAN_MARK, n of them; the last a prefix): about a dozen
 * words of body, the matching ones between \x01 and \x02, "…" where text
 * was left out. NULL when no word matches or tokens and map do not fit
 * body. */
char *roman_snippet(const char *body, const char *tokens, const char *map, char *const *words, int n);

#endif
