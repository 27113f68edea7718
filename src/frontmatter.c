/* frontmatter — article header block reader; see include/frontmatter.h. */
#include "frontmatter.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Trims spaces and tabs from both ends of s[0..*n) in place. */
static const char *trim(const char *s, size_t *n)
{
	while (*n && (s[0] == ' ' || s[0] == '\t')) { s++; (*n)--; }
	while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t' || s[*n - 1] == '\r')) (*n)--;
	return s;
}

static char *unquote(const char *s, size_t n)
{
	if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0]) { s++; n -= 2; }
	return xstrndup(s, n);
}

static int is_rule(const char *s, size_t n)
{
	s = trim(s, &n);
	return n == 3 && memcmp(s, "---", 3) == 0;
}

static int add_item(fm_t *fm, const char *s, size_t n, int line, char *err, size_t errlen)
{
	fm_field_t *f = fm->n ? &fm->f[fm->n - 1] : NULL;
	if (!f || f->value[0]) {
		snprintf(err, errlen, "a list item (\"- ...\") must follow a key with an empty value");
		return -1;
	}
	f->items = xrealloc(f->items, (f->nitems + 1) * sizeof *f->items);
	f->item_lines = xrealloc(f->item_lines, (f->nitems + 1) * sizeof *f->item_lines);
	s = trim(s, &n);
	f->items[f->nitems] = unquote(s, n);
	f->item_lines[f->nitems++] = line;
	return 0;
}

static int add_field(fm_t *fm, const char *s, size_t n, int line, char *err, size_t errlen)
{
	size_t k = 0;
	while (k < n && (s[k] == '_' || (s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
	                 (s[k] >= '0' && s[k] <= '9'))) k++;
	if (k == 0 || k >= n || s[k] != ':' || (k + 1 < n && s[k + 1] != ' ' && s[k + 1] != '\t')) {
		snprintf(err, errlen, "malformed header line (expected \"key: value\")");
		return -1;
	}
	char *key = xstrndup(s, k);
	if (fm_get(fm, key)) {
		snprintf(err, errlen, "header field '%s' appears twice", key);
		free(key);
		return -1;
	}
	size_t vn = n - k - 1;
	const char *v = trim(s + k + 1, &vn);
	fm->f = xrealloc(fm->f, (fm->n + 1) * sizeof *fm->f);
	fm->f[fm->n++] = (fm_field_t){ .key = key, .value = unquote(v, vn), .line = line };
	return 0;
}

static int parse_line(fm_t *fm, const char *s, size_t n, int line, char *err, size_t errlen)
{
	size_t tn = n;
	const char *t = trim(s, &tn);
	if (tn == 0 || t[0] == '#') return 0;
	if (t[0] == '-' && (tn == 1 || t[1] == ' ' || t[1] == '\t'))
		return add_item(fm, t + 1, tn - 1, line, err, errlen);
	if (t != s) {
		snprintf(err, errlen, "malformed header line (indented, but not a \"- item\")");
		return -1;
	}
	return add_field(fm, t, tn, line, err, errlen);
}

int fm_parse(const char *text, size_t len, fm_t *out, int *errline, char *err, size_t errlen)
{
	*out = (fm_t){0};
	size_t i = 0;
	int line = 0;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) i = 3;
	while (i < len) {
		size_t end = i;
		while (end < len && text[end] != '\n') end++;
		line++;
		if (line == 1 && !is_rule(text + i, end - i)) {
			snprintf(err, errlen, "the file must start with a header block: a line \"---\"");
			goto fail;
		}
		if (line > 1 && is_rule(text + i, end - i)) {
			out->body_off = end < len ? end + 1 : len;
			out->body_line = line + 1;
			return 0;
		}
		if (line > 1 && parse_line(out, text + i, end - i, line, err, errlen) < 0) goto fail;
		i = end + 1;
	}
	line = 1;
	snprintf(err, errlen, len ? "the header block is not closed by a line \"---\"" :
	                           "empty file (an article starts with a header block)");
fail:
	*errline = line ? line : 1;
	fm_free(out);
	return -1;
}

const fm_field_t *fm_get(const fm_t *fm, const char *key)
{
	for (size_t i = 0; i < fm->n; i++)
		if (strcmp(fm->f[i].key, key) == 0) return &fm->f[i];
	return NULL;
}

void fm_free(fm_t *fm)
{
	for (size_t i = 0; i < fm->n; i++) {
		free(fm->f[i].key);
		free(fm->f[i].value);
		for (size_t j = 0; j < fm->f[i].nitems; j++) free(fm->f[i].items[j]);
		free(fm->f[i].items);
		free(fm->f[i].item_lines);
	}
	free(fm->f);
	*fm = (fm_t){0};
}
