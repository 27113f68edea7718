/* segment — word segmentation with ICU's word break iterator; see
 * include/segment.h. Both entry points share segment_each(), which walks the
 * word boundaries and hands each piece to a small emitter; segment_each()
 * is that walk, for the romanised index (roman.c). */
#include "segment.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

typedef struct {
	buf_t *out;
	int words;
	int spaced;             /* 1: keep everything, space adjacent words */
	int prev_word;
} emit_t;

static void emit(void *ctx, const char *s, size_t n, size_t at, int is_word)
{
	emit_t *e = ctx;
	(void)at;
	if (!e->spaced && !is_word) return;
	if (is_word && (e->spaced ? e->prev_word : e->words > 0)) buf_putc(e->out, ' ');
	buf_append(e->out, s, n);
	if (is_word) e->words++;
	e->prev_word = is_word;
}

/* Hands one piece (UTF-16) to fn as UTF-8 with its byte offset; returns the
 * piece's length in UTF-8 bytes. */
static size_t piece(const UChar *s, int32_t n, size_t at, int is_word, segment_fn fn, void *ctx)
{
	char tmp[256];
	char *p = tmp;
	int32_t need = 0;
	UErrorCode err = U_ZERO_ERROR;
	u_strToUTF8WithSub(tmp, sizeof tmp, &need, s, n, 0xFFFD, NULL, &err);
	if (err == U_BUFFER_OVERFLOW_ERROR) {
		p = xmalloc((size_t)need + 1);
		err = U_ZERO_ERROR;
		u_strToUTF8WithSub(p, need + 1, &need, s, n, 0xFFFD, NULL, &err);
	}
	if (U_SUCCESS(err)) fn(ctx, p, (size_t)need, at, is_word);
	if (p != tmp) free(p);
	return U_SUCCESS(err) ? (size_t)need : 0;
}

/* Opening a word break iterator costs far more than a search query: keep
 * the last one per locale and only give it new text. (One thread uses this
 * module: the kiosk's UI thread, or kyr-build.) */
#define SEGMENT_CACHE 4
static struct { char loc[64]; UBreakIterator *bi; } cache[SEGMENT_CACHE];
static int cache_next;

static UBreakIterator *iterator(const char *loc, const UChar *u, int32_t n16, UErrorCode *err)
{
	for (int i = 0; i < SEGMENT_CACHE; i++)
		if (cache[i].bi && !strcmp(cache[i].loc, loc)) {
			ubrk_setText(cache[i].bi, u, n16, err);
			return U_SUCCESS(*err) ? cache[i].bi : NULL;
		}
	UBreakIterator *bi = ubrk_open(UBRK_WORD, loc, u, n16, err);
	if (U_FAILURE(*err) || !bi) return NULL;
	int slot = cache_next++ % SEGMENT_CACHE;
	if (cache[slot].bi) ubrk_close(cache[slot].bi);
	cache[slot].bi = bi;
	snprintf(cache[slot].loc, sizeof cache[slot].loc, "%s", loc);
	return bi;
}

int segment_each(const char *utf8, size_t len, const char *lang, segment_fn fn, void *ctx)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t n16 = 0;
	char loc[64] = "";
	if (!utf8 || len == 0 || len > INT32_MAX / 2) return 0;
	if (lang && *lang) {
		uloc_forLanguageTag(lang, loc, sizeof loc, NULL, &err);
		if (U_FAILURE(err)) loc[0] = 0;
		err = U_ZERO_ERROR;
	}
	UChar *u = xmalloc((len + 1) * sizeof(UChar));
	u_strFromUTF8WithSub(u, (int32_t)len + 1, &n16, utf8, (int32_t)len, 0xFFFD, NULL, &err);
	UBreakIterator *bi = U_SUCCESS(err) ? iterator(loc, u, n16, &err) : NULL;
	if (U_FAILURE(err) || !bi) {
		free(u);
		return 0;
	}
	int32_t start = ubrk_first(bi);
	size_t at = 0;
	int words = 0;
	for (int32_t end = ubrk_next(bi); end != UBRK_DONE; start = end, end = ubrk_next(bi)) {
		int is_word = ubrk_getRuleStatus(bi) >= UBRK_WORD_NUMBER;
		at += piece(u + start, end - start, at, is_word, fn, ctx);
		words += is_word;
	}
	ubrk_setText(bi, NULL, 0, &err);   /* u is freed: let go of it */
	free(u);
	return words;
}

int segment_words(const char *utf8, size_t len, const char *lang, buf_t *out)
{
	emit_t e = { .out = out };
	buf_puts(out, "");
	return segment_each(utf8, len, lang, emit, &e);
}

int segment_spaced(const char *utf8, size_t len, const char *lang, buf_t *out)
{
	emit_t e = { .out = out, .spaced = 1 };
	buf_puts(out, "");
	return segment_each(utf8, len, lang, emit, &e);
}
