/* snippet — FTS5's snippet() for one column, in C; see include/snippet.h.
 * The window rules follow fts5SnippetFunction() and fts5HighlightCb()
 * step by step, so that the text shown is the one snippet() made. */
#include "snippet.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

struct snippet_fts {
	fts5_tokenizer tok;
	Fts5Tokenizer *tokenizer;
	int isolates;           /* U+2066-2069 are token characters to the tokenizer */
};

/* FTS5's unicode61 (SQLite 3.40) has the categories of Unicode 6.1: a
 * character ICU places outside letters, marks, numbers and private use
 * cuts a token there too, unless it is unassigned or newer than 6.1, which
 * unicode61 may read as a letter (U+20BA ₺, U+061C). The bidi isolates
 * U+2066-2069, which kyr-build puts around Latin words in right-to-left
 * text, are such characters: snippet_fts_open() asks the tokenizer. */
static int unsure(UChar32 c)
{
	UVersionInfo age;
	u_charAge(c, age);
	return u_charType(c) == U_UNASSIGNED || age[0] > 6 || (age[0] == 6 && age[1] > 1);
}

int snippet_tokens(const snippet_fts_t *f, const char *text, size_t len, int max, snippet_span_t **spans)
{
	const uint32_t token = U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK | U_GC_CO_MASK;
	snippet_span_t *s = NULL;
	int n = 0, cap = 0, start = -1;
	size_t i = 0;
	*spans = NULL;
	while (i <= len && n < max) {
		size_t at = i;
		int in = 0;
		if (i < len) {
			uint32_t cp = utf8_next(text, len, &i);
			if (cp < 0x80) in = (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
			else if (cp >= 0x2066 && cp <= 0x2069) in = f->isolates;
			else if (!(in = (U_GET_GC_MASK((UChar32)cp) & token) != 0) && unsure((UChar32)cp)) {
				free(s);
				return -1;
			}
		} else {
			i++;
		}
		if (in && start < 0) start = (int)at;
		if (!in && start >= 0) {
			if (n == cap) s = xrealloc(s, (size_t)(cap = cap ? cap * 2 : 256) * sizeof *s);
			s[n++] = (snippet_span_t){start, (int)at};
			start = -1;
		}
	}
	*spans = s;
	return n;
}

/* fts5SnippetScore(): 1000 for each phrase first seen in [pos, pos+ntoken),
 * 1 for each repeat; *adj the window centred on what was found. */
static int score(const snippet_inst_t *inst, int ninst, unsigned char *seen, int nphrase, int docsize, int pos,
                 int ntoken, int *adj)
{
	int total = 0, first = -1, last = 0;
	long long end = (long long)pos + ntoken;
	memset(seen, 0, (size_t)nphrase);
	for (int i = 0; i < ninst; i++) {
		if (inst[i].off < pos || inst[i].off >= end) continue;
		total += seen[inst[i].phrase] ? 1 : 1000;
		seen[inst[i].phrase] = 1;
		if (first < 0) first = inst[i].off;
		last = inst[i].off + inst[i].size;
	}
	if (adj) {
		long long a = first - (ntoken - (last - first)) / 2;
		if (a + ntoken > docsize) a = docsize - ntoken;
		*adj = a < 0 ? 0 : (int)a;
	}
	return total;
}

/* The first token of each sentence: token 0, and a token after white
 * space that follows '.' or ':' (fts5SentenceFinderCb). */
static int sentences(const char *text, const snippet_span_t *spans, int ntok, int **out)
{
	int *first = xcalloc((size_t)(ntok ? ntok : 1), sizeof *first), n = 0;
	for (int t = 0; t < ntok; t++) {
		if (t == 0) { first[n++] = 0; continue; }
		int i = spans[t].start - 1;
		char c = 0;
		for (; i >= 0; i--) {
			c = text[i];
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
		}
		if (i != spans[t].start - 1 && (c == '.' || c == ':')) first[n++] = t;
	}
	*out = first;
	return n;
}

/* Coalesced instances (fts5CInstIterNext): overlapping ones are one. */
typedef struct {
	const snippet_inst_t *inst;
	int n, i, start, end;
} citer_t;

static void citer_next(citer_t *it)
{
	it->start = it->end = -1;
	for (; it->i < it->n; it->i++) {
		int end = it->inst[it->i].off - 1 + it->inst[it->i].size;
		if (it->start < 0) {
			it->start = it->inst[it->i].off;
			it->end = end;
		} else if (it->inst[it->i].off <= it->end) {
			if (end > it->end) it->end = end;
		} else {
			break;
		}
	}
}

char *snippet_make(const char *text, size_t len, const snippet_span_t *spans, int ntok, int docsize,
                   const snippet_inst_t *inst, int ninst, int nphrase, int ntoken, const char *open,
                   const char *close, const char *ellipsis)
{
	unsigned char *seen = xcalloc((size_t)(nphrase > 0 ? nphrase : 1), 1);
	int *first, nfirst = sentences(text, spans, ntok, &first);
	int best = 0, best_start = 0;
	for (int k = 0; k < ninst; k++) {
		int io = inst[k].off, adj;
		int s = score(inst, ninst, seen, nphrase, docsize, io, ntoken, &adj);
		if (s > best) { best = s; best_start = adj; }
		if (nfirst && docsize > ntoken) {
			int j = 0;
			while (j < nfirst - 1 && first[j + 1] <= io) j++;
			if (first[j] < io) {
				s = score(inst, ninst, seen, nphrase, docsize, first[j], ntoken, NULL) + (first[j] == 0 ? 120 : 100);
				if (s > best) { best = s; best_start = first[j]; }
			}
		}
	}
	free(first);
	free(seen);

	/* Copy the window out, marking coalesced instances (fts5HighlightCb). */
	buf_t out = {0};
	buf_puts(&out, "");
	citer_t it = {inst, ninst, 0, -1, -1};
	citer_next(&it);
	int range_start = best_start, range_end = best_start + ntoken - 1, off = 0;
	if (best_start > 0) buf_puts(&out, ellipsis);
	while (it.start >= 0 && it.start < best_start) citer_next(&it);
	for (int pos = 0; pos < ntok; pos++) {
		int s = spans[pos].start, e = spans[pos].end;
		if (range_end > 0) {
			if (pos < range_start || pos > range_end) continue;
			if (range_start && pos == range_start) off = s;
		}
		if (pos == it.start) {
			buf_append(&out, text + off, (size_t)(s - off));
			buf_puts(&out, open);
			off = s;
		}
		if (pos == it.end) {
			if (range_end && it.start < range_start) buf_puts(&out, open);
			buf_append(&out, text + off, (size_t)(e - off));
			buf_puts(&out, close);
			off = e;
			citer_next(&it);
		}
		if (range_end > 0 && pos == range_end) {
			buf_append(&out, text + off, (size_t)(e - off));
			off = e;
			if (pos >= it.start && pos < it.end) buf_puts(&out, close);
		}
	}
	if (range_end >= docsize - 1) buf_append(&out, text + off, len - (size_t)off);
	else buf_puts(&out, ellipsis);
	return out.data;
}

/* ---- on a search table ------------------------------------------------------ */

/* The search table's column that snippets are made of, and its tokenizer
 * as store_schema_sql's tokenize= option names it (test_snippet checks
 * that both cut every body of the content into the index's tokens). */
#define BODY_COL 1
#define SNIPPET_TOKENS 12   /* as snippet(search, 1, x'01', x'02', '…', 12) */
static const char *const tokenizer_args[] = {"remove_diacritics", "2", "categories", "L* N* Co M*"};

/* kyr_inst(search): the current row's phrase instances in the body, for
 * snippet_make(): a blob of ints, the query's phrase count, the body's
 * size in tokens, the instance count, then phrase, first token and phrase
 * length of each instance. Cheap: bm25 has gathered the instances anyway. */
static void instances_fn(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
                         sqlite3_value **val)
{
	(void)nval; (void)val;
	int n = 0, size = 0, k = 0;
	if (api->xInstCount(fts, &n) != SQLITE_OK || api->xColumnSize(fts, BODY_COL, &size) != SQLITE_OK) {
		sqlite3_result_error(ctx, "kyr_inst: no instances", -1);
		return;
	}
	int *b = sqlite3_malloc64((sqlite3_uint64)(3 + 3 * n) * sizeof *b);
	if (!b) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	for (int i = 0; i < n; i++) {
		int ip, ic, io;
		if (api->xInst(fts, i, &ip, &ic, &io) != SQLITE_OK || ic != BODY_COL) continue;
		b[3 + 3 * k] = ip;
		b[4 + 3 * k] = io;
		b[5 + 3 * k++] = api->xPhraseSize(fts, ip);
	}
	b[0] = api->xPhraseCount(fts);
	b[1] = size;
	b[2] = k;
	sqlite3_result_blob(ctx, b, (int)((size_t)(3 + 3 * k) * sizeof *b), sqlite3_free);
}

typedef struct {
	snippet_span_t *s;
	int n, cap;
} spans_t;

static int span_cb(void *ctx, int flags, const char *token, int ntoken, int start, int end)
{
	(void)token; (void)ntoken;
	spans_t *sp = ctx;
	if (flags & FTS5_TOKEN_COLOCATED) return SQLITE_OK;
	if (sp->n == sp->cap) sp->s = xrealloc(sp->s, (size_t)(sp->cap = sp->cap ? sp->cap * 2 : 256) * sizeof *sp->s);
	sp->s[sp->n++] = (snippet_span_t){start, end};
	return SQLITE_OK;
}

fts5_api *snippet_fts5(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &q, NULL) != SQLITE_OK) return NULL;
	sqlite3_bind_pointer(q, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(q);
	sqlite3_finalize(q);
	return api;
}

snippet_fts_t *snippet_fts_open(sqlite3 *db)
{
	fts5_api *api = snippet_fts5(db);
	snippet_fts_t *f = xcalloc(1, sizeof *f);
	void *ud = NULL;
	if (!api || api->xCreateFunction(api, "kyr_inst", NULL, instances_fn, NULL) != SQLITE_OK ||
	    api->xFindTokenizer(api, "unicode61", &ud, &f->tok) != SQLITE_OK ||
	    f->tok.xCreate(ud, (const char **)tokenizer_args, (int)KYR_ARRAY_LEN(tokenizer_args), &f->tokenizer) != SQLITE_OK) {
		free(f);
		return NULL;
	}
	/* One token in "a\u2066b" when the isolate is a token character. */
	spans_t sp = {0};
	f->tok.xTokenize(f->tokenizer, &sp, FTS5_TOKENIZE_DOCUMENT, "a\xe2\x81\xa6" "b", 5, span_cb);
	f->isolates = sp.n == 1;
	free(sp.s);
	return f;
}

void snippet_fts_close(snippet_fts_t *f)
{
	if (!f) return;
	f->tok.xDelete(f->tokenizer);
	free(f);
}

/* The token spans come from snippet_tokens(), or from the tokenizer itself
 * when it is unsure or its count is not the one the index holds (the index
 * was made by another SQLite whose tables differ). */
char *snippet_of_row(snippet_fts_t *f, const char *body, size_t len, const void *blob, int bytes)
{
	int head[3];
	if (!blob || bytes < (int)sizeof head) return NULL;
	memcpy(head, blob, sizeof head);
	if (head[2] < 0 || head[0] < 0 || (size_t)bytes != (size_t)(3 + 3 * head[2]) * sizeof(int)) return NULL;
	snippet_inst_t *inst = xcalloc((size_t)head[2] + 1, sizeof *inst);
	for (int i = 0; i < head[2]; i++) {
		int v[3];
		memcpy(v, (const int *)blob + 3 + 3 * i, sizeof v);
		inst[i] = (snippet_inst_t){v[0] >= 0 && v[0] < head[0] ? v[0] : 0, v[1], v[2]};
	}
	/* Tokens past the last match's window play no part. */
	int need = SNIPPET_TOKENS + 1;
	for (int i = 0; i < head[2]; i++) need = KYR_MAX(need, inst[i].off + inst[i].size + SNIPPET_TOKENS + 1);
	snippet_span_t *spans;
	int n = snippet_tokens(f, body, len, need, &spans);
	if (n < 0 || (n < need && n != head[1])) {
		spans_t sp = {0};
		free(spans);
		f->tok.xTokenize(f->tokenizer, &sp, FTS5_TOKENIZE_DOCUMENT, body, (int)len, span_cb);
		spans = sp.s;
		n = sp.n;
	}
	char *s = snippet_make(body, len, spans, n, head[1], inst, head[2], head[0], SNIPPET_TOKENS, "\x01", "\x02", "…");
	free(spans);
	free(inst);
	return s;
}
