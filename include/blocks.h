/* blocks — the pre-parsed article format stored in the content database.
 *
 * kyr-build turns each article's Markdown into a compact block list so the
 * kiosk never parses Markdown. The encoding (all integers are unsigned
 * LEB128 varints, all text UTF-8):
 *
 *   blob   := "KB1\n" varint(nblocks) block*
 *   block  := u8 type, u8 level, [varint(number)], varint(textlen) text,
 *             varint(nspans) span*
 *   span   := u8 kind, varint(start), varint(end), varint(targetlen) target
 *
 * number is present only for BLOCK_NUMBERED (a list may start at any
 * number, so it cannot be recomputed from the order). Text never holds a
 * NUL byte; "\n" in text is a hard line break.
 *
 * level is the heading level (2..4), or the list depth (0..3) for list
 * items, or 0. Spans are byte ranges into the block's text, sorted by start;
 * they may nest but never cross. target is the phone number in dialable form
 * for SPAN_PHONE, the topic slug for SPAN_LINK, empty otherwise.
 *
 * blocks_decode() checks every length and offset, so a damaged blob is
 * refused rather than read out of bounds. */
#ifndef KYR_BLOCKS_H
#define KYR_BLOCKS_H

#include <stddef.h>
#include "util.h"

enum block_type {
	BLOCK_PARA = 1,
	BLOCK_HEADING = 2,
	BLOCK_BULLET = 3,    /* item of an unordered list */
	BLOCK_NUMBERED = 4,  /* item of an ordered list; number in `number` */
	BLOCK_CALLOUT = 5,   /* a block quote: an important notice */
	BLOCK_RULE = 6,      /* thematic break, no text */
};

enum span_kind {
	SPAN_BOLD = 1,
	SPAN_ITALIC = 2,
	SPAN_PHONE = 3,      /* target: digits and leading '+' only */
	SPAN_LINK = 4,       /* target: a topic slug ("01-door") */
};

typedef struct {
	unsigned char kind;
	size_t start, end;   /* byte offsets into the block's text */
	char *target;        /* owned; never NULL ("" when none) */
} span_t;

typedef struct {
	unsigned char type, level;
	int number;          /* BLOCK_NUMBERED: the item's number */
	char *text;          /* owned, NUL-terminated */
	size_t len;
	span_t *spans;
	size_t nspans;
} block_t;

typedef struct {
	block_t *blocks;
	size_t n;
} blocklist_t;

/* Blocks in one article at most: kyr-build refuses more, and so does
 * blocks_decode() (content limits, see store.h). */
#ifndef BLOCKS_MAX
#define BLOCKS_MAX 5000
#endif

/* Appends a block (copies text, takes no spans); returns it for adding spans. */
block_t *blocks_add(blocklist_t *bl, int type, int level, const char *text, size_t len);
/* Adds a span to b (copies target, which may be NULL). */
void blocks_add_span(block_t *b, int kind, size_t start, size_t end, const char *target);

/* Serialises bl into out (appends). Deterministic: same list, same bytes. */
void blocks_encode(const blocklist_t *bl, buf_t *out);
/* Parses a blob into *bl. Returns 0, or -1 on any malformed input (and *bl
 * is left empty). Caller frees with blocks_free(). */
int blocks_decode(const void *data, size_t len, blocklist_t *bl);
void blocks_free(blocklist_t *bl);

/* Finds phone numbers in text ("+1 (555) 010-0123", "555-0100",
 * "1-800-555-0199") and calls fn for each with its byte range and the
 * dialable digits. Used by kyr-build to mark phone spans. */
typedef void (*blocks_phone_fn)(void *ctx, size_t start, size_t end, const char *digits);
void blocks_find_phones(const char *text, size_t len, blocks_phone_fn fn, void *ctx);

#endif
