/* segment — word segmentation for the full-text index.
 *
 * SQLite's unicode61 tokenizer splits at spaces and punctuation, which does
 * not separate the words of Chinese, Japanese, Thai, Lao, Khmer or Burmese.
 * Both kyr-build (indexing) and the store (querying) pass text through
 * segment_words() first: ICU's word break iterator finds the words, which
 * are joined with single spaces so unicode61 sees them. */
#ifndef KYR_SEGMENT_H
#define KYR_SEGMENT_H

#include "util.h"

/* Appends the words of utf8 (len bytes) in lang to out, separated by single
 * spaces; punctuation and spaces are dropped. Returns the number of words. */
int segment_words(const char *utf8, size_t len, const char *lang, buf_t *out);

/* Appends utf8 to out unchanged except that a space is put between two
 * adjacent words that had nothing between them ("如果移民" -> "如果 移民");
 * punctuation stays. kyr-build indexes this form, so FTS5 snippets keep
 * their punctuation while the tokens are the same as segment_words() gives.
 * Returns the number of words. */
int segment_spaced(const char *utf8, size_t len, const char *lang, buf_t *out);

/* Calls fn for every piece of utf8 between two word boundaries, in order:
 * the piece (UTF-8, not NUL-terminated), its byte offset in utf8 and
 * whether it is a word (letters or numbers) rather than spaces or
 * punctuation. Returns the number of words. */
typedef void (*segment_fn)(void *ctx, const char *piece, size_t len, size_t at, int is_word);
int segment_each(const char *utf8, size_t len, const char *lang, segment_fn fn, void *ctx);

#endif
