/* article — turns an article's Markdown body into a block list.
 *
 * Parses with libcmark and walks the tree with its iterator, keeping only
 * what the kiosk can show (docs/content-format.md, "articles"): headings
 * ## to ####, paragraphs, lists up to three levels, block quotes (notices),
 * thematic breaks, bold, italic, topic: and tel: links. Anything else is
 * reported with its line and left out. Phone numbers in the text are
 * marked with blocks_find_phones(). */
#ifndef KYR_ARTICLE_H
#define KYR_ARTICLE_H

#include <stddef.h>
#include "blocks.h"

typedef struct {
	char *slug;             /* target of a [text](topic:slug) link */
	int line;
} article_link_t;

typedef struct {
	blocklist_t blocks;
	article_link_t *links;  /* every topic link, for the caller to check */
	size_t nlinks;
} article_t;

/* Called for each problem found; line is in the whole file. */
typedef void (*article_error_fn)(void *ctx, int line, const char *msg);

/* Parses md (len bytes), which starts on line first_line of its file.
 * Fills *out (free with article_free(), also after errors) and returns
 * the number of problems reported through err. */
int article_parse(const char *md, size_t len, int first_line, article_t *out,
                  article_error_fn err, void *ctx);
void article_free(article_t *a);

#endif
