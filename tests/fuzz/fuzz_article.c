/* Fuzz target: an article's Markdown body (libcmark) to the block list
 * kyr-build stores; the list it makes must survive the kiosk's decoder. */
#include "fuzz.h"
#include "article.h"

static void article_fz_err(void *ctx, int line, const char *msg)
{
	(void)line;
	FUZZ_ASSERT(msg != NULL);
	(*(int *)ctx)++;
}

FUZZ_TARGET(article)
{
	article_t a;
	memset(&a, 0, sizeof a);
	int nerr = 0;
	int n = article_parse((const char *)data, size, 1, &a, article_fz_err, &nerr);
	FUZZ_ASSERT(n == nerr);
	buf_t enc = {0};
	blocks_encode(&a.blocks, &enc);
	blocklist_t bl = {0};
	FUZZ_ASSERT(blocks_decode(enc.data, enc.len, &bl) == 0);
	FUZZ_ASSERT(bl.n == a.blocks.n);
	for (size_t i = 0; i < a.nlinks; i++) FUZZ_ASSERT(a.links[i].slug != NULL);
	blocks_free(&bl);
	buf_free(&enc);
	article_free(&a);
	return 0;
}
