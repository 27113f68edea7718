/* Tests for the block list encoding (round trip, refusal of damaged blobs)
 * and the phone number finder. */
#include "harness.h"
#include "blocks.h"

#include <stdlib.h>

static void sample(blocklist_t *bl)
{
	*bl = (blocklist_t){0};
	blocks_add(bl, BLOCK_HEADING, 3, "Título", strlen("Título"));
	block_t *b = blocks_add(bl, BLOCK_PARA, 0, "Call 555-0100 now, bold", 23);
	blocks_add_span(b, SPAN_PHONE, 5, 13, "5550100");
	blocks_add_span(b, SPAN_BOLD, 19, 23, NULL);
	b = blocks_add(bl, BLOCK_NUMBERED, 1, "third item", 10);
	b->number = 300;
	blocks_add_span(b, SPAN_LINK, 0, 10, "02-street");
	blocks_add_span(b, SPAN_ITALIC, 0, 5, "");
	blocks_add(bl, BLOCK_RULE, 0, NULL, 0);
	blocks_add(bl, BLOCK_CALLOUT, 0, "如果移民官员来到你家门口", strlen("如果移民官员来到你家门口"));
	blocks_add(bl, BLOCK_BULLET, 2, "two\nlines", 9);
}

static int same(const blocklist_t *a, const blocklist_t *b)
{
	if (a->n != b->n) return 0;
	for (size_t i = 0; i < a->n; i++) {
		const block_t *x = &a->blocks[i], *y = &b->blocks[i];
		if (x->type != y->type || x->level != y->level || x->len != y->len || x->nspans != y->nspans ||
		    memcmp(x->text, y->text, x->len) != 0 || y->text[y->len] != 0) return 0;
		if (x->type == BLOCK_NUMBERED && x->number != y->number) return 0;
		for (size_t j = 0; j < x->nspans; j++) {
			const span_t *s = &x->spans[j], *t = &y->spans[j];
			if (s->kind != t->kind || s->start != t->start || s->end != t->end || strcmp(s->target, t->target))
				return 0;
		}
	}
	return 1;
}

static void test_round_trip(void)
{
	blocklist_t bl, out;
	buf_t a = {0}, b = {0};
	sample(&bl);
	blocks_encode(&bl, &a);
	blocks_encode(&bl, &b);
	CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	CHECK(memcmp(a.data, "KB1\n", 4) == 0);
	CHECK_INT(blocks_decode(a.data, a.len, &out), 0);
	CHECK(same(&bl, &out));
	CHECK_INT(out.blocks[2].number, 300);
	blocks_free(&out);

	blocklist_t empty = {0};
	buf_t e = {0};
	blocks_encode(&empty, &e);
	CHECK_INT(e.len, 5);
	CHECK_INT(blocks_decode(e.data, e.len, &out), 0);
	CHECK_INT(out.n, 0);
	blocks_free(&out);
	buf_free(&e);
	blocks_free(&bl);
	buf_free(&a);
	buf_free(&b);
}

static void test_damaged(void)
{
	blocklist_t bl, out;
	buf_t a = {0};
	sample(&bl);
	blocks_encode(&bl, &a);
	blocks_free(&bl);
	int refused = 0;
	for (size_t n = 0; n < a.len; n++) {
		int rc = blocks_decode(a.data, n, &out);
		refused += rc == -1 && out.n == 0 && out.blocks == NULL;
		if (rc == 0) blocks_free(&out);
	}
	CHECK_INT(refused, a.len);

	/* Trailing bytes, a bad magic, a NULL pointer. */
	buf_t c = {0};
	buf_append(&c, a.data, a.len);
	buf_putc(&c, 0);
	CHECK_INT(blocks_decode(c.data, c.len, &out), -1);
	c.data[0] = 'X';
	CHECK_INT(blocks_decode(c.data, a.len, &out), -1);
	CHECK_INT(blocks_decode(NULL, 10, &out), -1);
	buf_free(&c);

	/* Hand-made blobs: span past the text, crossing spans, bad type,
	 * a varint that never ends, an absurd block count. */
	static const struct { const char *s; size_t n; } bad[] = {
		{ "KB1\n\x01\x01\x00\x02hi\x01\x01\x00\x03\x00", 15 },
		{ "KB1\n\x01\x01\x00\x04" "abcd\x02\x01\x00\x03\x00\x02\x02\x04\x00", 21 },
		{ "KB1\n\x01\x09\x00\x00\x00", 9 },
		{ "KB1\n\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 15 },
		{ "KB1\n\x7f\x01\x00\x00\x00", 9 },
		{ "KB1\n\x01\x01\x00\x02h\0\x00", 11 },
	};
	for (size_t i = 0; i < KYR_ARRAY_LEN(bad); i++)
		CHECKF(blocks_decode(bad[i].s, bad[i].n, &out) == -1, "case %zu", i);
	/* The same shapes done right decode. */
	CHECK_INT(blocks_decode("KB1\n\x01\x01\x00\x02hi\x01\x01\x00\x02\x00", 15, &out), 0);
	blocks_free(&out);

	/* Garbage: anything may come back, but never a crash (ASan checks). */
	unsigned x = 12345;
	int decoded = 0, nrefused = 0, broken = 0;
	unsigned char *g = xmalloc(KYR_MAX(a.len, 64));
	for (int round = 0; round < 2000; round++) {
		size_t n = 4 + (size_t)(round % 60);
		for (size_t i = 0; i < n; i++) g[i] = (unsigned char)((x = x * 1103515245u + 12345u) >> 16);
		memcpy(g, "KB1\n", 4);
		if (round % 2 == 0 && a.len > 12) {       /* flip one bit of a whole real blob */
			n = a.len;
			memcpy(g, a.data, n);
			g[4 + x % (n - 4)] ^= (unsigned char)(1u << (x % 8));
		}
		if (blocks_decode(g, n, &out) == 0) {
			decoded++;
			/* What decodes keeps its promises: spans inside their text, texts terminated. */
			for (size_t b = 0; b < out.n; b++) {
				const block_t *bk = &out.blocks[b];
				broken += bk->text[bk->len] != 0;
				for (size_t k = 0; k < bk->nspans; k++)
					broken += bk->spans[k].start > bk->spans[k].end || bk->spans[k].end > bk->len || !bk->spans[k].target;
			}
			blocks_free(&out);
		} else {
			nrefused++;
			broken += out.n != 0;   /* refused: left empty */
		}
	}
	CHECKF(broken == 0, "%d decoded blobs break the block invariants", broken);
	free(g);
	CHECKF(decoded > 0 && nrefused > 0, "garbage: %d decoded, %d refused (both paths must be taken)", decoded, nrefused);
	buf_free(&a);
}

typedef struct {
	char found[8][32];
	size_t start[8], end[8];
	int n;
} phones_t;

static void on_phone(void *ctx, size_t start, size_t end, const char *digits)
{
	phones_t *p = ctx;
	if (p->n < 8) {
		snprintf(p->found[p->n], sizeof p->found[0], "%s", digits);
		p->start[p->n] = start;
		p->end[p->n++] = end;
	}
}

static phones_t find(const char *s)
{
	phones_t p = {0};
	blocks_find_phones(s, strlen(s), on_phone, &p);
	return p;
}

static void test_phones(void)
{
	phones_t p = find("Call +1 (555) 010-0123 today.");
	CHECK_INT(p.n, 1);
	CHECK_STR(p.found[0], "+15550100123");
	CHECK_INT(p.start[0], 5);
	CHECK_INT(p.end[0], 22);
	p = find("Hotline: 555-0100.");
	CHECK(p.n == 1 && strcmp(p.found[0], "5550100") == 0 && p.end[0] == 17);
	p = find("1-800-555-0199 or (555) 555-0102 or 555.555.0103");
	CHECK_INT(p.n, 3);
	CHECK_STR(p.found[0], "18005550199");
	CHECK_STR(p.found[1], "5555550102");
	CHECK_STR(p.found[2], "5555550103");
	p = find("+1 555-0111;555-0112");
	CHECK_INT(p.n, 2);
	CHECK_STR(p.found[0], "+15550111");
	p = find("Llame al 555\xC2\xA0" "0190 (no-break space)");
	CHECK(p.n == 1 && strcmp(p.found[0], "5550190") == 0);
	/* Things that are not phone numbers. */
	static const char *const not[] = {
		"2026-11-28", "8 C.F.R. § 287.8(f)", "Form I-589", "A123456789", "Mon–Fri 9:00–17:00",
		"445 U.S. 573 (1980)", "8 U.S.C. § 1362", "x555-0100", "555-01000", "12 345 678", "911",
	};
	for (size_t i = 0; i < KYR_ARRAY_LEN(not); i++) {
		p = find(not[i]);
		CHECKF(p.n == 0, "found '%s' in \"%s\"", p.found[0], not[i]);
	}
}

int main(void)
{
	RUN(test_round_trip);
	RUN(test_damaged);
	RUN(test_phones);
	return harness_done();
}
