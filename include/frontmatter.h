/* frontmatter — the header block at the top of an article.
 *
 *   ---
 *   title: If immigration agents come to your door
 *   sources:
 *     - U.S. Const. amend. IV
 *   ---
 *
 * One "key: value" a line; a key with an empty value may be followed by
 * "  - item" list lines. Blank lines and "#" comment lines are skipped; a
 * value wrapped in matching quotes loses them (as in YAML). This is not a
 * YAML parser: nothing else is understood, so anything else is an error.
 * Which keys are allowed is the caller's business. */
#ifndef KYR_FRONTMATTER_H
#define KYR_FRONTMATTER_H

#include <stddef.h>

typedef struct {
	char *key, *value;      /* owned; value "" when empty */
	int line;
	char **items;           /* list items that followed the key */
	int *item_lines;
	size_t nitems;
} fm_field_t;

typedef struct {
	fm_field_t *f;
	size_t n;
	size_t body_off;        /* byte offset of the text after the block */
	int body_line;          /* the line that text starts on (1-based) */
} fm_t;

/* Parses the header block at the start of text. Returns 0, or -1 with
 * *errline and err set (and *out empty). Free with fm_free(). */
int fm_parse(const char *text, size_t len, fm_t *out, int *errline, char *err, size_t errlen);
/* The field called key, or NULL. */
const fm_field_t *fm_get(const fm_t *fm, const char *key);
void fm_free(fm_t *fm);

#endif
