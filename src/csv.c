/* csv — RFC 4180 reader; see include/csv.h. Start at csv_parse(). */
#include "csv.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	const char *s;
	size_t len, i;
	int line;
} csv_in_t;

static void row_push(csv_row_t *r, buf_t *field)
{
	r->f = xrealloc(r->f, (r->n + 1) * sizeof *r->f);
	r->f[r->n++] = field->data ? field->data : xstrdup("");
	*field = (buf_t){0};
}

/* Reads one quoted field (opening quote already consumed). */
static int read_quoted(csv_in_t *in, buf_t *field, int *errline, char *err, size_t errlen)
{
	int start = in->line;
	for (;;) {
		if (in->i >= in->len) {
			*errline = start;
			snprintf(err, errlen, "unterminated quoted field");
			return -1;
		}
		char c = in->s[in->i++];
		if (c == '"') {
			if (in->i < in->len && in->s[in->i] == '"') {
				buf_putc(field, '"');
				in->i++;
				continue;
			}
			return 0;
		}
		if (c == '\n') in->line++;
		buf_putc(field, c);
	}
}

/* Reads one record into r. Returns 1 on a record, 0 at the end, -1 on error. */
static int read_record(csv_in_t *in, csv_row_t *r, int *errline, char *err, size_t errlen)
{
	buf_t field = {0};
	r->line = in->line;
	buf_puts(&field, "");
	for (;;) {
		int end = in->i >= in->len;
		char c = end ? '\n' : in->s[in->i++];
		if (c == '\r' && in->i < in->len && in->s[in->i] == '\n') continue;
		if (c == ',' || c == '\n' || c == '\r') {
			row_push(r, &field);
			if (c == ',') { buf_puts(&field, ""); continue; }
			if (!end) in->line++;
			return 1;
		}
		if (c == '"' && field.len == 0) {
			if (read_quoted(in, &field, errline, err, errlen) < 0) goto fail;
			if (in->i < in->len && !strchr(",\r\n", in->s[in->i])) {
				*errline = in->line;
				snprintf(err, errlen, "text after a closing quote (a quote inside a field must be doubled: \"\")");
				goto fail;
			}
			continue;
		}
		if (c == '"') {
			*errline = in->line;
			snprintf(err, errlen, "quote inside an unquoted field (quote the whole field and double the quote)");
			goto fail;
		}
		buf_putc(&field, c);
	}
fail:
	buf_free(&field);
	return -1;
}

static int blank_record(const csv_row_t *r)
{
	return r->n == 1 && r->f[0][0] == 0;
}

static void row_free(csv_row_t *r)
{
	for (size_t i = 0; i < r->n; i++) free(r->f[i]);
	free(r->f);
}

int csv_parse(const char *data, size_t len, csv_t *out, int *errline, char *err, size_t errlen)
{
	csv_in_t in = { data, len, 0, 1 };
	*out = (csv_t){0};
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) in.i = 3;
	while (in.i < in.len) {
		csv_row_t r = {0};
		size_t at = in.i;
		/* A record that opens with a quoted empty field is not blank. */
		int rc = read_record(&in, &r, errline, err, errlen);
		if (rc < 0) {
			row_free(&r);
			csv_free(out);
			return -1;
		}
		if (blank_record(&r) && data[at] != '"') { row_free(&r); continue; }
		out->rows = xrealloc(out->rows, (out->n + 1) * sizeof *out->rows);
		out->rows[out->n++] = r;
	}
	return 0;
}

void csv_free(csv_t *c)
{
	for (size_t i = 0; i < c->n; i++) row_free(&c->rows[i]);
	free(c->rows);
	*c = (csv_t){0};
}

int csv_column(const csv_t *c, const char *name)
{
	if (c->n == 0) return -1;
	for (size_t i = 0; i < c->rows[0].n; i++)
		if (strcmp(c->rows[0].f[i], name) == 0) return (int)i;
	return -1;
}
