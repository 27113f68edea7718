/* test_snippet — the snippets made in C (snippet.c) against FTS5's own
 * snippet(), row by row, on the real content (build/content.db): every
 * language's bodies, words and prefixes taken from the index itself. */
#include "harness.h"
#include "snippet.h"
#include "util.h"

#include <limits.h>
#include <sqlite3.h>
#include <stdlib.h>

static sqlite3 *db;
static snippet_fts_t *fts;

/* The token scan cuts every body of the content into as many tokens as
 * the index holds for it (the counts snippet_of_row relies on). */
static void tokens_as_indexed(void)
{
	sqlite3_stmt *q;
	int rows = 0, differ = 0, asked = 0;
	CHECK(sqlite3_prepare_v2(db, "SELECT body, kyr_inst(search) FROM search WHERE search MATCH 'langtok : (l* OR k*)'", -1,
	                         &q, NULL) == SQLITE_OK);
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *body = (const char *)sqlite3_column_text(q, 0);
		int head[3] = {0, -1, 0};
		if (sqlite3_column_bytes(q, 1) >= (int)sizeof head) memcpy(head, sqlite3_column_blob(q, 1), sizeof head);
		snippet_span_t *s;
		int n = snippet_tokens(fts, body ? body : "", (size_t)sqlite3_column_bytes(q, 0), INT_MAX, &s);
		free(s);
		asked += n < 0;
		if (n >= 0 && n != head[1] && differ++ < 5) fprintf(stderr, "row %lld: %d tokens, the index has %d\n",
		                                        (long long)sqlite3_column_int64(q, 0), n, head[1]);
		rows++;
	}
	sqlite3_finalize(q);
	CHECKF(rows > 500 && differ == 0, "%d of %d bodies cut differently", differ, rows);
	/* The tokenizer itself (slow) is for characters newer than its tables. */
	CHECKF(asked * 50 < rows, "%d of %d bodies left to the tokenizer", asked, rows);
}

/* Compares snippet_of_row with snippet() on every row expr matches (at
 * most 10); adds to *rows, *marked (snippets with a match marked) and
 * *differ. */
static void compare(const char *expr, int *rows, int *marked, int *differ)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(db, "SELECT snippet(search, 1, x'01', x'02', '…', 12), body, kyr_inst(search) FROM search"
	                           " WHERE search MATCH ?1 LIMIT 10", -1, &q, NULL) != SQLITE_OK) {
		(*differ)++;
		return;
	}
	sqlite3_bind_text(q, 1, expr, -1, SQLITE_STATIC);
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *want = (const char *)sqlite3_column_text(q, 0), *body = (const char *)sqlite3_column_text(q, 1);
		char *got = snippet_of_row(fts, body ? body : "", (size_t)sqlite3_column_bytes(q, 1), sqlite3_column_blob(q, 2),
		                           sqlite3_column_bytes(q, 2));
		if (!got || !want || strcmp(got, want)) {
			if ((*differ)++ < 5) fprintf(stderr, "%s:\n  snippet() %s\n  C         %s\n", expr, want, got ? got : "(null)");
		}
		*marked += got && strchr(got, '\x01') != NULL;
		(*rows)++;
		free(got);
	}
	sqlite3_finalize(q);
}

/* Words of the index (every 100th term found in three rows or more), each
 * as a word, as a two-letter prefix, in the body only, and paired with the
 * next one, the way store_search() writes its expressions. */
static void same_as_fts5(void)
{
	sqlite3_stmt *q;
	int rows = 0, marked = 0, differ = 0, queries = 0;
	CHECK(sqlite3_exec(db, "CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, 'search', 'row')", NULL, NULL, NULL) ==
	      SQLITE_OK);
	CHECK(sqlite3_prepare_v2(db, "SELECT term FROM temp.vocab WHERE doc >= 3 AND term NOT LIKE 'l%' AND term NOT LIKE 'k%'",
	                         -1, &q, NULL) == SQLITE_OK);
	char prev[128] = "x";
	for (int i = 0; sqlite3_step(q) == SQLITE_ROW; i++) {
		if (i % 100) continue;
		const char *t = (const char *)sqlite3_column_text(q, 0);
		char e[512];
		size_t two = 0;
		for (int c = 0; c < 2 && t[two]; c++) utf8_next(t, strlen(t), &two);
		snprintf(e, sizeof e, "\"%s\"", t);
		compare(e, &rows, &marked, &differ);
		snprintf(e, sizeof e, "\"%.*s\"*", (int)two, t);
		compare(e, &rows, &marked, &differ);
		snprintf(e, sizeof e, "{title body keywords} : (\"%s\"*) AND langtok : (l* OR k*)", t);
		compare(e, &rows, &marked, &differ);
		snprintf(e, sizeof e, "\"%s\" OR \"%s\"*", prev, t);
		compare(e, &rows, &marked, &differ);
		snprintf(prev, sizeof prev, "%s", t);
		queries += 4;
	}
	sqlite3_finalize(q);
	fprintf(stderr, "%d queries, %d rows, %d with a match marked\n", queries, rows, marked);
	CHECKF(differ == 0, "%d of %d snippets differ from snippet()", differ, rows);
	CHECKF(queries > 60 && marked > rows / 2, "%d queries, %d rows, %d with a match marked", queries, rows, marked);
}

int main(void)
{
	const char *build = getenv("BUILD") ? getenv("BUILD") : "build";
	char path[512];
	snprintf(path, sizeof path, "file:%s/content.db?mode=ro&immutable=1", build);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK ||
	    !(fts = snippet_fts_open(db))) {
		CHECKF(0, "%s: %s", path, sqlite3_errmsg(db));
		sqlite3_close(db);
		return harness_done();
	}
	RUN(tokens_as_indexed);
	RUN(same_as_fts5);
	snippet_fts_close(fts);
	sqlite3_close(db);
	return harness_done();
}
