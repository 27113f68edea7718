/* blocks — the pre-parsed article format; see include/blocks.h.
 * Encoding and decoding first, then the phone number finder. */
#include "blocks.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BLOCKS_MAGIC "KB1\n"

block_t *blocks_add(blocklist_t *bl, int type, int level, const char *text, size_t len)
{
	bl->blocks = xrealloc(bl->blocks, (bl->n + 1) * sizeof *bl->blocks);
	block_t *b = &bl->blocks[bl->n++];
	*b = (block_t){ .type = (unsigned char)type, .level = (unsigned char)level };
	b->text = xstrndup(text ? text : "", text ? len : 0);
	b->len = text ? len : 0;
	return b;
}

void blocks_add_span(block_t *b, int kind, size_t start, size_t end, const char *target)
{
	b->spans = xrealloc(b->spans, (b->nspans + 1) * sizeof *b->spans);
	b->spans[b->nspans++] = (span_t){ .kind = (unsigned char)kind, .start = start, .end = end,
	                                  .target = xstrdup(target ? target : "") };
}

void blocks_free(blocklist_t *bl)
{
	for (size_t i = 0; i < bl->n; i++) {
		block_t *b = &bl->blocks[i];
		for (size_t j = 0; j < b->nspans; j++) free(b->spans[j].target);
		free(b->spans);
		free(b->text);
	}
	free(bl->blocks);
	*bl = (blocklist_t){0};
}

static void put_varint(buf_t *out, uint64_t v)
{
	do {
		unsigned char c = v & 0x7f;
		v >>= 7;
		if (v) c |= 0x80;
		buf_putc(out, (char)c);
	} while (v);
}

void blocks_encode(const blocklist_t *bl, buf_t *out)
{
	buf_append(out, BLOCKS_MAGIC, 4);
	put_varint(out, bl->n);
	for (size_t i = 0; i < bl->n; i++) {
		const block_t *b = &bl->blocks[i];
		buf_putc(out, (char)b->type);
		buf_putc(out, (char)b->level);
		if (b->type == BLOCK_NUMBERED) put_varint(out, (uint64_t)(b->number > 0 ? b->number : 0));
		put_varint(out, b->len);
		buf_append(out, b->text, b->len);
		put_varint(out, b->nspans);
		for (size_t j = 0; j < b->nspans; j++) {
			const span_t *s = &b->spans[j];
			size_t tl = strlen(s->target);
			buf_putc(out, (char)s->kind);
			put_varint(out, s->start);
			put_varint(out, s->end);
			put_varint(out, tl);
			buf_append(out, s->target, tl);
		}
	}
}

typedef struct {
	const unsigned char *p;
	size_t len, i;
} reader_t;

static int get_u8(reader_t *r, unsigned char *v)
{
	if (r->i >= r->len) return -1;
	*v = r->p[r->i++];
	return 0;
}

/* Reads a varint no larger than max. */
static int get_varint(reader_t *r, size_t max, size_t *v)
{
	uint64_t x = 0;
	for (int shift = 0; shift < 64; shift += 7) {
		unsigned char c;
		if (get_u8(r, &c) < 0) return -1;
		x |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80)) {
			if (x > max) return -1;
			*v = (size_t)x;
			return 0;
		}
	}
	return -1;
}

/* Reads n bytes of text as a new NUL-terminated string; refuses NUL bytes. */
static int get_text(reader_t *r, size_t n, char **out)
{
	if (n > r->len - r->i || memchr(r->p + r->i, 0, n)) return -1;
	*out = xstrndup((const char *)r->p + r->i, n);
	r->i += n;
	return 0;
}

/* Spans must be sorted by start and nest without crossing. */
static int spans_ok(const block_t *b)
{
	for (size_t i = 0; i < b->nspans; i++) {
		const span_t *s = &b->spans[i];
		if (s->start > s->end || s->end > b->len) return 0;
		if (s->kind < SPAN_BOLD || s->kind > SPAN_LINK) return 0;
		for (size_t j = 0; j < i; j++) {
			const span_t *o = &b->spans[j];
			if (o->start > s->start) return 0;
			if (s->start < o->end && s->end > o->end) return 0;
		}
	}
	return 1;
}

static int decode_span(reader_t *r, block_t *b)
{
	unsigned char kind;
	size_t start, end, tl;
	char *target;
	if (get_u8(r, &kind) < 0 || get_varint(r, b->len, &start) < 0 ||
	    get_varint(r, b->len, &end) < 0 || get_varint(r, r->len, &tl) < 0 ||
	    get_text(r, tl, &target) < 0) return -1;
	blocks_add_span(b, kind, start, end, NULL);
	free(b->spans[b->nspans - 1].target);
	b->spans[b->nspans - 1].target = target;
	return 0;
}

static int decode_block(reader_t *r, blocklist_t *bl)
{
	unsigned char type, level;
	size_t number = 0, tl, nspans;
	char *text;
	if (get_u8(r, &type) < 0 || get_u8(r, &level) < 0) return -1;
	if (type < BLOCK_PARA || type > BLOCK_RULE) return -1;
	if (type == BLOCK_NUMBERED && get_varint(r, INT32_MAX, &number) < 0) return -1;
	if (get_varint(r, r->len, &tl) < 0 || get_text(r, tl, &text) < 0) return -1;
	block_t *b = blocks_add(bl, type, level, NULL, 0);
	free(b->text);
	b->text = text;
	b->len = tl;
	b->number = (int)number;
	/* Each span takes at least four bytes: refuse absurd counts early. */
	if (get_varint(r, (r->len - r->i) / 4, &nspans) < 0) return -1;
	for (size_t i = 0; i < nspans; i++)
		if (decode_span(r, b) < 0) return -1;
	return spans_ok(b) ? 0 : -1;
}

int blocks_decode(const void *data, size_t len, blocklist_t *bl)
{
	reader_t r = { data, len, 4 };
	size_t n;
	*bl = (blocklist_t){0};
	if (!data || len < 4 || memcmp(data, BLOCKS_MAGIC, 4) != 0) return -1;
	if (get_varint(&r, KYR_MIN((len - 4) / 4, BLOCKS_MAX), &n) < 0) goto fail;
	for (size_t i = 0; i < n; i++)
		if (decode_block(&r, bl) < 0) goto fail;
	if (r.i != len) goto fail;
	return 0;
fail:
	blocks_free(bl);
	return -1;
}

/* ---- phone numbers ---------------------------------------------------- */

/* Byte length of a separator inside a phone number at s[i], or 0: space,
 * '-', '.', and their no-break and dash look-alikes translators use. */
static size_t phone_sep(const char *s, size_t len, size_t i)
{
	if (i >= len) return 0;
	if (s[i] == ' ' || s[i] == '-' || s[i] == '.') return 1;
	size_t j = i;
	uint32_t cp = utf8_next(s, len, &j);
	if (cp == 0x00A0 || cp == 0x202F || cp == 0x2010 || cp == 0x2011 || cp == 0x2013) return j - i;
	return 0;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int is_wordish(const char *s, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	return is_digit((char)c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '+' || c == '/';
}

typedef struct {
	int groups[8], ngroups, plus;
	char digits[24];
	size_t ndigits, end;
} phone_t;

/* Reads digit groups starting at s[i]; a group may be "(555)". */
static void read_groups(const char *s, size_t len, size_t i, phone_t *ph)
{
	for (;;) {
		int paren = i < len && s[i] == '(';
		size_t j = i + paren, k = j;
		while (k < len && is_digit(s[k])) k++;
		/* Only an area code goes in parentheses: "(1980)" is a year. */
		if (k == j || (paren && (k - j != 3 || k >= len || s[k] != ')'))) return;
		if (ph->ngroups == 8 || ph->ndigits + (k - j) >= sizeof ph->digits) { ph->ngroups = 0; return; }
		ph->groups[ph->ngroups++] = (int)(k - j);
		memcpy(ph->digits + ph->ndigits, s + j, k - j);
		ph->ndigits += k - j;
		ph->end = k + paren;
		i = ph->end;
		size_t sep = phone_sep(s, len, i);
		/* "(555) 010" and "(555)010" both continue. */
		if (sep && i + sep < len && (is_digit(s[i + sep]) || s[i + sep] == '(')) i += sep;
		else if (!(paren && i < len && is_digit(s[i]))) return;
	}
}

/* The digit-group shapes a US or international number takes. */
static int phone_shape_ok(const phone_t *ph)
{
	const int *g = ph->groups;
	int n = ph->ngroups;
	if (ph->plus) return n >= 1 && ph->ndigits >= 8 && ph->ndigits <= 15 && (n > 1 || ph->ndigits >= 10);
	if (n == 2) return g[0] == 3 && g[1] == 4;
	if (n == 3) return g[0] == 3 && g[1] == 3 && g[2] == 4;
	if (n == 4) return g[0] == 1 && ph->digits[0] == '1' && g[1] == 3 && g[2] == 3 && g[3] == 4;
	return 0;
}

void blocks_find_phones(const char *text, size_t len, blocks_phone_fn fn, void *ctx)
{
	size_t i = 0;
	while (i < len) {
		int start_ok = (text[i] == '+' || text[i] == '(' || is_digit(text[i])) &&
		               (i == 0 || !is_wordish(text, i - 1));
		if (!start_ok) { i++; continue; }
		phone_t ph = {0};
		ph.plus = text[i] == '+';
		size_t at = i + (size_t)ph.plus;
		if (ph.plus && at < len && text[at] == ' ') at++;
		read_groups(text, len, at, &ph);
		if (ph.ngroups && phone_shape_ok(&ph) &&
		    (ph.end >= len || !is_wordish(text, ph.end))) {
			char dial[26];
			size_t n = 0;
			if (ph.plus) dial[n++] = '+';
			memcpy(dial + n, ph.digits, ph.ndigits);
			dial[n + ph.ndigits] = 0;
			fn(ctx, i, ph.end, dial);
			i = ph.end;
			continue;
		}
		/* Skip the rest of this run of digits so "12345-6789" is not
		 * found again from its middle. */
		i++;
		while (i < len && is_digit(text[i])) i++;
	}
}
