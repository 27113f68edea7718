/* csv — an RFC 4180 reader for the content's CSV files.
 *
 * The whole file is parsed at once into rows of fields; every row remembers
 * the line it starts on, so kyr-build can say "contacts.csv:7: ...". Quoted
 * fields may hold commas, doubled quotes and line breaks. A UTF-8 byte order
 * mark is skipped, CRLF and LF both end a record, and blank lines are
 * ignored. Checking the number of fields per row is left to the caller. */
#ifndef KYR_CSV_H
#define KYR_CSV_H

#include <stddef.h>

typedef struct {
	char **f;               /* fields, owned, NUL-terminated */
	size_t n;
	int line;               /* 1-based line the record starts on */
} csv_row_t;

typedef struct {
	csv_row_t *rows;        /* rows[0] is the header when the file has one */
	size_t n;
} csv_t;

/* Parses data (len bytes) into *out. Returns 0, or -1 on a syntax error
 * (unterminated quote, a quote inside an unquoted field, text after a
 * closing quote) with *errline and err (errlen bytes) set; *out is then
 * empty. Free with csv_free(). */
int csv_parse(const char *data, size_t len, csv_t *out, int *errline, char *err, size_t errlen);
void csv_free(csv_t *c);

/* Index of the column called name in the header row, or -1. */
int csv_column(const csv_t *c, const char *name);

#endif
