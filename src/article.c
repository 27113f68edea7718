/* article — Markdown to block list; see include/article.h.
 *
 * walk() receives the cmark iterator's enter/exit events. A block being
 * built (heading, paragraph, list item) collects its text and spans in
 * walk_t and becomes a block_t at flush(). Start at article_parse(). */
#include "article.h"

#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LIST_DEPTH 3
#define MAX_INLINE_DEPTH 32

typedef struct {
	article_t *a;
	int line0;
	article_error_fn err;
	void *ctx;
	int errors;
	/* the block being built */
	int open, type, level, number;
	buf_t text;
	span_t *spans;
	size_t nspans;
	/* inline spans not yet closed */
	struct { int kind; size_t start; char *target; } stack[MAX_INLINE_DEPTH];
	int nstack;
	struct { int ordered, next; } lists[MAX_LIST_DEPTH + 1];
	int nlists, quote;
} walk_t;

static int node_line(cmark_node *n)
{
	for (; n; n = cmark_node_parent(n)) {
		int l = cmark_node_get_start_line(n);
		if (l > 0) return l;
	}
	return 1;
}

static void report(walk_t *w, cmark_node *n, const char *fmt, const char *arg)
{
	char msg[300];
	snprintf(msg, sizeof msg, fmt, arg);
	w->err(w->ctx, w->line0 + node_line(n), msg);
	w->errors++;
}

static void begin(walk_t *w, int type, int level, int number)
{
	w->open = 1;
	w->type = type;
	w->level = level;
	w->number = number;
	w->text.len = 0;
	buf_puts(&w->text, "");
}

static void add_span(walk_t *w, int kind, size_t start, size_t end, const char *target)
{
	w->spans = xrealloc(w->spans, (w->nspans + 1) * sizeof *w->spans);
	w->spans[w->nspans++] = (span_t){ (unsigned char)kind, start, end, xstrdup(target) };
}

/* A found phone number is marked unless it overlaps a link or phone span,
 * or crosses another span (spans must nest). */
static void on_phone(void *ctx, size_t start, size_t end, const char *digits)
{
	walk_t *w = ctx;
	for (size_t i = 0; i < w->nspans; i++) {
		const span_t *s = &w->spans[i];
		int overlap = start < s->end && end > s->start;
		int nested = (start >= s->start && end <= s->end) || (start <= s->start && end >= s->end);
		if (overlap && (s->kind == SPAN_LINK || s->kind == SPAN_PHONE || !nested)) return;
	}
	add_span(w, SPAN_PHONE, start, end, digits);
}

static int span_cmp(const void *a, const void *b)
{
	const span_t *x = a, *y = b;
	if (x->start != y->start) return x->start < y->start ? -1 : 1;
	if (x->end != y->end) return x->end > y->end ? -1 : 1;
	return (int)x->kind - (int)y->kind;
}

static void flush(walk_t *w)
{
	if (!w->open) return;
	w->open = 0;
	if (w->text.len == 0 && w->type != BLOCK_RULE) return;
	blocks_find_phones(w->text.data, w->text.len, on_phone, w);
	if (w->nspans) qsort(w->spans, w->nspans, sizeof *w->spans, span_cmp);
	block_t *b = blocks_add(&w->a->blocks, w->type, w->level, w->text.data, w->text.len);
	b->number = w->number;
	b->spans = w->spans;
	b->nspans = w->nspans;
	w->spans = NULL;
	w->nspans = 0;
}

static void add_link(walk_t *w, cmark_node *n, const char *slug)
{
	article_t *a = w->a;
	a->links = xrealloc(a->links, (a->nlinks + 1) * sizeof *a->links);
	a->links[a->nlinks++] = (article_link_t){ xstrdup(slug), w->line0 + node_line(n) };
}

/* Works out the span a link becomes; NULL target means refused. */
static int link_kind(walk_t *w, cmark_node *n, char *target, size_t cap)
{
	const char *url = cmark_node_get_url(n);
	if (!url) url = "";
	if (strncmp(url, "topic:", 6) == 0 && url[6]) {
		snprintf(target, cap, "%s", url + 6);
		add_link(w, n, url + 6);
		return SPAN_LINK;
	}
	if (strncmp(url, "tel:", 4) == 0) {
		size_t k = 0;
		for (const char *p = url + 4; *p && k + 1 < cap; p++)
			if ((*p >= '0' && *p <= '9') || (*p == '+' && k == 0)) target[k++] = *p;
		target[k] = 0;
		if (k >= 3) return SPAN_PHONE;
		report(w, n, "a tel: link needs a phone number (\"%s\")", url);
		return 0;
	}
	report(w, n, "only topic: and tel: links are supported, the kiosk has no network (\"%s\")", url);
	return 0;
}

static void inline_enter(walk_t *w, cmark_node *n, int type)
{
	char target[128] = "";
	int kind = type == CMARK_NODE_STRONG ? SPAN_BOLD : type == CMARK_NODE_EMPH ? SPAN_ITALIC :
	           link_kind(w, n, target, sizeof target);
	if (w->nstack == MAX_INLINE_DEPTH) {
		report(w, n, "%s", "inline formatting nested too deeply");
		kind = 0;
	}
	if (w->nstack < MAX_INLINE_DEPTH) {
		w->stack[w->nstack].kind = kind;
		w->stack[w->nstack].start = w->text.len;
		w->stack[w->nstack].target = xstrdup(target);
		w->nstack++;
	}
}

static void inline_exit(walk_t *w)
{
	if (w->nstack == 0) return;
	w->nstack--;
	int kind = w->stack[w->nstack].kind;
	size_t start = w->stack[w->nstack].start;
	if (kind && w->text.len > start) add_span(w, kind, start, w->text.len, w->stack[w->nstack].target);
	free(w->stack[w->nstack].target);
}

static void leaf(walk_t *w, cmark_node *n, int type)
{
	const char *lit = cmark_node_get_literal(n);
	switch (type) {
	case CMARK_NODE_TEXT: buf_puts(&w->text, lit ? lit : ""); break;
	case CMARK_NODE_SOFTBREAK: buf_putc(&w->text, ' '); break;
	case CMARK_NODE_LINEBREAK: buf_putc(&w->text, '\n'); break;
	case CMARK_NODE_CODE: report(w, n, "%s", "code (`...`) is not supported"); break;
	case CMARK_NODE_HTML_INLINE: report(w, n, "raw HTML is not supported (\"%s\")", lit ? lit : ""); break;
	default: report(w, n, "%s", "unsupported inline element"); break;
	}
}

static void heading(walk_t *w, cmark_node *n)
{
	int level = cmark_node_get_heading_level(n);
	if (level == 1) report(w, n, "%s", "'#' headings are reserved for the title: use '##' to '####'");
	if (level > 4) report(w, n, "%s", "headings deeper than '####' are not supported");
	if (w->nlists || w->quote) report(w, n, "%s", "a heading inside a list or block quote is not supported");
	flush(w);
	begin(w, BLOCK_HEADING, level < 2 ? 2 : level > 4 ? 4 : level, 0);
}

static void paragraph(walk_t *w)
{
	if (w->open && (w->type == BLOCK_BULLET || w->type == BLOCK_NUMBERED)) {
		/* A second paragraph in one list item continues it on a new line. */
		if (w->text.len) buf_putc(&w->text, '\n');
		return;
	}
	flush(w);
	begin(w, w->quote ? BLOCK_CALLOUT : BLOCK_PARA, 0, 0);
}

static void list_enter(walk_t *w, cmark_node *n)
{
	flush(w);
	if (w->quote) report(w, n, "%s", "a list inside a block quote is not supported");
	if (w->nlists == MAX_LIST_DEPTH) {
		report(w, n, "%s", "lists nested deeper than three levels are not supported");
		w->nlists--;      /* keep going at the deepest level */
	}
	w->lists[w->nlists].ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
	w->lists[w->nlists].next = cmark_node_get_list_start(n);
	w->nlists++;
}

static void enter(walk_t *w, cmark_node *n, int type)
{
	switch (type) {
	case CMARK_NODE_DOCUMENT: break;
	case CMARK_NODE_HEADING: heading(w, n); break;
	case CMARK_NODE_PARAGRAPH: paragraph(w); break;
	case CMARK_NODE_LIST: list_enter(w, n); break;
	case CMARK_NODE_ITEM: {
		int d = w->nlists - 1;
		flush(w);
		begin(w, w->lists[d].ordered ? BLOCK_NUMBERED : BLOCK_BULLET, d,
		      w->lists[d].ordered ? w->lists[d].next++ : 0);
		break;
	}
	case CMARK_NODE_BLOCK_QUOTE:
		if (w->nlists) report(w, n, "%s", "a block quote inside a list is not supported");
		flush(w);
		w->quote++;
		break;
	case CMARK_NODE_THEMATIC_BREAK: flush(w); begin(w, BLOCK_RULE, 0, 0); flush(w); break;
	case CMARK_NODE_CODE_BLOCK: report(w, n, "%s", "code blocks are not supported"); break;
	case CMARK_NODE_HTML_BLOCK: report(w, n, "%s", "raw HTML is not supported"); break;
	case CMARK_NODE_IMAGE: report(w, n, "images are not supported (\"%s\")", cmark_node_get_url(n)); break;
	case CMARK_NODE_STRONG: case CMARK_NODE_EMPH: case CMARK_NODE_LINK: inline_enter(w, n, type); break;
	default:
		if (type >= CMARK_NODE_FIRST_INLINE && type <= CMARK_NODE_LAST_INLINE) leaf(w, n, type);
		else report(w, n, "%s", "unsupported Markdown element");
	}
}

static void leave(walk_t *w, int type)
{
	switch (type) {
	case CMARK_NODE_HEADING: flush(w); break;
	case CMARK_NODE_PARAGRAPH:
		if (w->type != BLOCK_BULLET && w->type != BLOCK_NUMBERED) flush(w);
		break;
	case CMARK_NODE_LIST: w->nlists--; break;
	case CMARK_NODE_ITEM: flush(w); break;
	case CMARK_NODE_BLOCK_QUOTE: flush(w); w->quote--; break;
	case CMARK_NODE_STRONG: case CMARK_NODE_EMPH: case CMARK_NODE_LINK: inline_exit(w); break;
	default: break;
	}
}

int article_parse(const char *md, size_t len, int first_line, article_t *out,
                  article_error_fn err, void *ctx)
{
	walk_t w = { .a = out, .line0 = first_line - 1, .err = err, .ctx = ctx };
	*out = (article_t){0};
	cmark_node *doc = cmark_parse_document(md, len, CMARK_OPT_VALIDATE_UTF8);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		int type = cmark_node_get_type(n);
		if (ev == CMARK_EVENT_ENTER) enter(&w, n, type);
		else if (ev == CMARK_EVENT_EXIT) leave(&w, type);
	}
	flush(&w);
	while (w.nstack) inline_exit(&w);
	for (size_t i = 0; i < w.nspans; i++) free(w.spans[i].target);
	free(w.spans);
	buf_free(&w.text);
	cmark_iter_free(it);
	cmark_node_free(doc);
	return w.errors;
}

void article_free(article_t *a)
{
	blocks_free(&a->blocks);
	for (size_t i = 0; i < a->nlinks; i++) free(a->links[i].slug);
	free(a->links);
	*a = (article_t){0};
}
