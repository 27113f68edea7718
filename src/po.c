/* po — gettext PO reader; see include/po.h.
 *
 * A line-by-line state machine: a keyword line (msgctxt, msgid, msgstr ...)
 * opens a string that following "..." lines continue; an entry ends at a
 * blank line, a comment or the next msgctxt/msgid. Start at po_parse(). */
#include "po.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
	po_t *po;
	int line;
	char *err;
	size_t errlen;
	/* the entry being read */
	buf_t ctxt, id, plural, str;
	int has_ctxt, has_id, has_plural, has_str, fuzzy, pending_fuzzy, entry_line;
	buf_t *cont;            /* where a continuation string goes */
} po_state_t;

static int fail(po_state_t *s, const char *msg)
{
	snprintf(s->err, s->errlen, "%s", msg);
	return -1;
}

/* Decodes the quoted string at p into out; only spaces may follow it. */
static int read_string(po_state_t *s, const char *p, buf_t *out)
{
	while (*p == ' ' || *p == '\t') p++;
	if (*p != '"') return fail(s, "expected a quoted string");
	for (p++; *p != '"'; p++) {
		if (!*p) return fail(s, "unterminated string");
		if (*p != '\\') { buf_putc(out, *p); continue; }
		p++;
		switch (*p) {
		case 'n': buf_putc(out, '\n'); break;
		case 't': buf_putc(out, '\t'); break;
		case 'r': buf_putc(out, '\r'); break;
		case 'a': buf_putc(out, '\a'); break;
		case 'b': buf_putc(out, '\b'); break;
		case 'f': buf_putc(out, '\f'); break;
		case 'v': buf_putc(out, '\v'); break;
		case '"': case '\\': case '\'': case '?': buf_putc(out, *p); break;
		default: return fail(s, "unknown escape sequence in string");
		}
	}
	for (p++; *p; p++)
		if (*p != ' ' && *p != '\t') return fail(s, "text after the closing quote");
	return 0;
}

/* The header's charset must be UTF-8: the kiosk does no conversion. */
static int check_header(po_state_t *s, const char *h)
{
	const char *cs = strstr(h, "charset=");
	if (!cs) return 0;
	cs += 8;
	size_t n = strcspn(cs, " ;\n");
	if ((n == 5 && strncasecmp(cs, "UTF-8", 5) == 0) || (n == 7 && strncasecmp(cs, "CHARSET", 7) == 0))
		return 0;
	return fail(s, "the header's charset is not UTF-8");
}

static void reset_entry(po_state_t *s)
{
	buf_free(&s->ctxt); buf_free(&s->id); buf_free(&s->plural); buf_free(&s->str);
	s->has_ctxt = s->has_id = s->has_plural = s->has_str = s->fuzzy = 0;
	s->cont = NULL;
}

static char *take(buf_t *b)
{
	char *p = b->data ? b->data : xstrdup("");
	*b = (buf_t){0};
	return p;
}

/* Ends the entry being read, if any. */
static int finish(po_state_t *s)
{
	if (!s->has_ctxt && !s->has_id) return 0;
	if (!s->has_id) { s->line = s->entry_line; return fail(s, "msgctxt without msgid"); }
	if (!s->has_str) { s->line = s->entry_line; return fail(s, "msgid without msgstr"); }
	if (!s->has_ctxt && s->id.len == 0) {
		int at = s->line;
		s->line = s->entry_line;
		if (s->po->header) return fail(s, "second header entry (msgid \"\")");
		if (check_header(s, s->str.data ? s->str.data : "") < 0) return -1;
		s->line = at;
		s->po->header = take(&s->str);
		reset_entry(s);
		return 0;
	}
	po_t *po = s->po;
	po->e = xrealloc(po->e, (po->n + 1) * sizeof *po->e);
	po_entry_t *e = &po->e[po->n++];
	e->ctxt = s->has_ctxt ? take(&s->ctxt) : NULL;
	e->id = take(&s->id);
	e->str = take(&s->str);
	e->fuzzy = s->fuzzy;
	e->line = s->entry_line;
	reset_entry(s);
	return 0;
}

static int starts(const char *p, const char *kw)
{
	size_t n = strlen(kw);
	return strncmp(p, kw, n) == 0 && (p[n] == ' ' || p[n] == '\t' || p[n] == '"');
}

static int keyword_line(po_state_t *s, const char *p)
{
	if (starts(p, "msgctxt") || starts(p, "msgid")) {
		if (s->has_str || (starts(p, "msgctxt") && (s->has_ctxt || s->has_id)) ||
		    (starts(p, "msgid") && s->has_id)) {
			if (finish(s) < 0) return -1;
		}
		if (!s->has_ctxt && !s->has_id) {
			s->entry_line = s->line;
			s->fuzzy = s->pending_fuzzy;
			s->pending_fuzzy = 0;
		}
		if (starts(p, "msgctxt")) { s->has_ctxt = 1; s->cont = &s->ctxt; p += 7; }
		else { s->has_id = 1; s->cont = &s->id; p += 5; }
		buf_puts(s->cont, "");
		return read_string(s, p, s->cont);
	}
	if (starts(p, "msgid_plural")) {
		if (!s->has_id || s->has_str) return fail(s, "msgid_plural without msgid");
		s->has_plural = 1;
		s->cont = &s->plural;
		return read_string(s, p + 12, s->cont);
	}
	if (strncmp(p, "msgstr", 6) == 0) {
		if (!s->has_id) return fail(s, "msgstr without msgid");
		p += 6;
		buf_t scratch = {0};
		int index = 0;
		if (*p == '[') {
			if (!s->has_plural) return fail(s, "msgstr[N] without msgid_plural");
			char *end;
			index = (int)strtol(p + 1, &end, 10);
			if (end == p + 1 || *end != ']') return fail(s, "malformed msgstr[N]");
			p = end + 1;
		} else if (s->has_plural) {
			return fail(s, "a plural entry needs msgstr[0], msgstr[1] ...");
		} else if (s->has_str) {
			return fail(s, "second msgstr in one entry");
		}
		/* Only msgstr[0] is kept: the kiosk's strings have no plural forms. */
		s->cont = index == 0 ? &s->str : &scratch;
		s->has_str = 1;
		buf_puts(s->cont, "");
		int rc = read_string(s, p, s->cont);
		if (s->cont == &scratch) s->cont = NULL;
		buf_free(&scratch);
		return rc;
	}
	return fail(s, "unexpected text (expected msgctxt, msgid, msgstr, a \"string\" or a # comment)");
}

static int comment_line(po_state_t *s, const char *p)
{
	if (p[1] == '~') return 0;       /* obsolete entry: ignored */
	if (s->has_str && finish(s) < 0) return -1;
	if (p[1] == ',' && strstr(p, "fuzzy")) s->pending_fuzzy = 1;
	s->cont = NULL;
	return 0;
}

static int parse_line(po_state_t *s, char *p)
{
	while (*p == ' ' || *p == '\t') p++;
	if (!*p) {
		if (s->has_ctxt || s->has_id) return finish(s);
		return 0;
	}
	if (*p == '#') return comment_line(s, p);
	if (*p == '"') {
		if (!s->cont) return fail(s, "a string continuation with nothing to continue");
		return read_string(s, p, s->cont);
	}
	return keyword_line(s, p);
}

int po_parse(const char *data, size_t len, po_t *out, int *errline, char *err, size_t errlen)
{
	po_state_t s = { .po = out, .err = err, .errlen = errlen };
	*out = (po_t){0};
	size_t i = 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) i = 3;
	int rc = 0;
	while (i < len && rc == 0) {
		size_t end = i;
		while (end < len && data[end] != '\n') end++;
		char *line = xstrndup(data + i, end - i);
		size_t n = strlen(line);
		if (n > 0 && line[n - 1] == '\r') line[n - 1] = 0;
		s.line++;
		if (n != end - i) rc = fail(&s, "NUL byte in file");
		else rc = parse_line(&s, line);
		free(line);
		i = end + 1;
	}
	if (rc == 0) rc = finish(&s);
	reset_entry(&s);
	if (rc < 0) {
		*errline = s.line;
		po_free(out);
	}
	return rc;
}

void po_free(po_t *po)
{
	for (size_t i = 0; i < po->n; i++) {
		free(po->e[i].ctxt);
		free(po->e[i].id);
		free(po->e[i].str);
	}
	free(po->e);
	free(po->header);
	*po = (po_t){0};
}
