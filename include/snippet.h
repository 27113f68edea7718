/* snippet — the few words shown under a search result, made in C.
 *
 * FTS5's snippet() tokenizes a row's whole column twice (to find sentence
 * starts, then to copy the window out), folding every character through
 * unicode61's tables: at 10x content that was two thirds of a keystroke,
 * and each call needed the MATCH run again for its row. Here the window is
 * chosen and marked by the same rules as snippet() (SQLite 3.40,
 * fts5_aux.c) from the row's phrase instances (which the ranking query
 * hands over: store.c's kyr_inst()) and token spans found by a scan over
 * Unicode categories, no folding. store.c checks the scan against the
 * column's token count and tokenizes with FTS5 itself when they differ;
 * test_snippet compares the result with snippet() row by row. */
#ifndef KYR_SNIPPET_H
#define KYR_SNIPPET_H

#include <sqlite3.h>
#include <stddef.h>

typedef struct snippet_fts snippet_fts_t;

/* One token: its bytes [start, end) in the text. */
typedef struct {
	int start, end;
} snippet_span_t;

/* One phrase instance in the column: phrase number, first token, tokens in
 * the phrase; in the order FTS5's xInst() gives them (by position). */
typedef struct {
	int phrase, off, size;
} snippet_inst_t;

/* The token spans of text (len bytes) as FTS5's unicode61 tokenizer with
 * categories 'L* N* Co M*' cuts it: runs of letters, marks, numbers and
 * private-use characters (ICU's categories), the first max of them.
 * Returns the count, or -1 when text holds a character whose category
 * unicode61 may see otherwise (ask the tokenizer then); *spans is the
 * caller's to free (NULL when there is no token). */
int snippet_tokens(const snippet_fts_t *f, const char *text, size_t len, int max, snippet_span_t **spans);

/* snippet(tbl, col, open, close, ellipsis, ntoken) for one column: text
 * with its ntok token spans, docsize its token count in the index, inst
 * the instances of nphrase phrases in it. Returns a new string (free()). */
char *snippet_make(const char *text, size_t len, const snippet_span_t *spans, int ntok, int docsize,
                   const snippet_inst_t *inst, int ninst, int nphrase, int ntoken, const char *open,
                   const char *close, const char *ellipsis);

/* ---- on a search table (store.c) ---- */

/* db's FTS5 interface (to register auxiliary functions), or NULL. */
fts5_api *snippet_fts5(sqlite3 *db);

/* Registers the auxiliary function kyr_inst(search) on db: in a query
 * with MATCH it returns the row's phrase instances in the body column (a
 * blob for snippet_of_row). Also makes the search table's tokenizer.
 * NULL when db's SQLite has no FTS5. Close after the statements that call
 * kyr_inst() are finalized, before db is closed. */
snippet_fts_t *snippet_fts_open(sqlite3 *db);
void snippet_fts_close(snippet_fts_t *f);

/* snippet(search, 1, x'01', x'02', '…', 12) of a row: its body (len bytes)
 * and the kyr_inst() blob of the row (bytes long). A new string, or NULL
 * when blob is not one kyr_inst() made. */
char *snippet_of_row(snippet_fts_t *f, const char *body, size_t len, const void *blob, int bytes);

#endif
