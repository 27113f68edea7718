/* Fuzz target: blocks_decode(), the article format the kiosk reads from a
 * database that may come from a USB stick. A blob that decodes must obey
 * every promise of blocks.h, and encode → decode must give it back. */
#include "fuzz.h"
#include "blocks.h"

static void blocks_fz_check(const blocklist_t *bl)
{
	for (size_t i = 0; i < bl->n; i++) {
		const block_t *b = &bl->blocks[i];
		FUZZ_ASSERT(b->text && strlen(b->text) == b->len);
		for (size_t k = 0; k < b->nspans; k++) {
			const span_t *s = &b->spans[k];
			FUZZ_ASSERT(s->start <= s->end && s->end <= b->len);
			FUZZ_ASSERT(s->target != NULL);
		}
	}
}

FUZZ_TARGET(blocks)
{
	blocklist_t bl = {0};
	if (blocks_decode(data, size, &bl) < 0) {
		FUZZ_ASSERT(bl.n == 0);
		blocks_free(&bl);
		return 0;
	}
	blocks_fz_check(&bl);
	buf_t enc = {0};
	blocks_encode(&bl, &enc);
	blocklist_t again = {0};
	FUZZ_ASSERT(blocks_decode(enc.data, enc.len, &again) == 0);
	FUZZ_ASSERT(again.n == bl.n);
	for (size_t i = 0; i < bl.n; i++) {
		const block_t *a = &bl.blocks[i], *b = &again.blocks[i];
		FUZZ_ASSERT(a->type == b->type && a->level == b->level && a->len == b->len);
		FUZZ_ASSERT(!memcmp(a->text, b->text, a->len) && a->nspans == b->nspans);
	}
	/* Encoding is deterministic: the re-encoded blob encodes to itself. */
	buf_t enc2 = {0};
	blocks_encode(&again, &enc2);
	FUZZ_ASSERT(enc2.len == enc.len && !memcmp(enc2.data, enc.data, enc.len));
	buf_free(&enc);
	buf_free(&enc2);
	blocks_free(&again);
	blocks_free(&bl);
	return 0;
}
