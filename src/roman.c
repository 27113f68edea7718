/* roman — see include/roman.h. Folding is plain ASCII work, shared by
 * kyr-build and the kiosk; only kyr-build opens a transliterator. */
#include "roman.h"
#include "segment.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

/* Which languages are romanised, and how. The transliterator IDs are tried
 * in order: Ethiopic-Latin reads Amharic the way people type it (ሰ "se",
 * ር "r"); Amharic-Latin/BGN (the US/UK place-name system) is the fallback
 * for an ICU without it. Both exist in Debian 12's ICU 72. */
static const struct {
	const char *lang;
	int mode;
	const char *ids[2];
} romanised[] = {
	{"zh", ROMAN_PINYIN, {"Han-Latin; Latin-ASCII", NULL}},
	{"hi", ROMAN_FUZZY, {"Devanagari-Latin; Latin-ASCII", NULL}},
	{"am", ROMAN_FUZZY, {"Ethiopic-Latin; Latin-ASCII", "Amharic-Latin/BGN; Latin-ASCII"}},
};

static int find(const char *lang)
{
	if (!lang) return -1;
	size_t n = strcspn(lang, "-_");
	for (size_t i = 0; i < KYR_ARRAY_LEN(romanised); i++)
		if (strlen(romanised[i].lang) == n && !strncmp(romanised[i].lang, lang, n)) return (int)i;
	return -1;
}

int roman_mode(const char *lang)
{
	int i = find(lang);
	return i < 0 ? ROMAN_NONE : romanised[i].mode;
}

/* ---- folding ---- */

static int is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
static int is_consonant(char c) { return c >= 'a' && c <= 'z' && !is_vowel(c); }

/* Replaces the two-letter sequence from with the letter to, in place. */
static size_t digraph(char *s, size_t n, const char *from, char to)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (i + 1 < n && s[i] == from[0] && s[i + 1] == from[1]) { s[o++] = to; i++; }
		else s[o++] = s[i];
	}
	return o;
}

static size_t undouble(char *s, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++)
		if (!o || s[o - 1] != s[i]) s[o++] = s[i];
	return o;
}

size_t roman_fold(const char *word, size_t n, int mode, char *out, size_t cap)
{
	char s[128];
	size_t m = 0;
	if (!cap || n >= sizeof s) return 0;
	for (size_t i = 0; i < n; i++) {
		char c = word[i];
		if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return 0;
		s[m++] = c;
	}
	if (mode == ROMAN_PINYIN)   /* ü, typed v on pinyin keyboards (lv = lü); Latin-ASCII makes it u */
		for (size_t i = 0; i < m; i++)
			if (s[i] == 'v') s[i] = 'u';
	if (mode == ROMAN_FUZZY) {
		m = digraph(s, m, "ee", 'i');
		m = digraph(s, m, "oo", 'u');
		m = digraph(s, m, "ny", 'n');
		m = digraph(s, m, "gn", 'n');
		for (size_t i = 0; i < m; i++)
			if (s[i] == 'w') s[i] = 'v';
			else if (s[i] == 'q') s[i] = 'k';
	}
	size_t o = 0;
	for (size_t i = 0; i < m; i++)   /* h after a consonant: kh, gh, zh, sh … */
		if (!(s[i] == 'h' && o && is_consonant(s[o - 1]) && s[o - 1] != 'h')) s[o++] = s[i];
	m = undouble(s, o);
	if (mode == ROMAN_FUZZY) {
		o = 0;
		for (size_t i = 0; i < m; i++)
			if (!(i > 0 && (s[i] == 'a' || s[i] == 'e'))) s[o++] = s[i];
		m = undouble(s, o);
	}
	if (m + 1 > cap) return 0;
	memcpy(out, s, m);
	out[m] = 0;
	return m;
}

/* ---- the index (kyr-build) ---- */

struct roman {
	UTransliterator *tr;
	int mode;
	char lang[24];
};

roman_t *roman_open(const char *lang, char *err, size_t errlen)
{
	int i = find(lang);
	if (errlen) err[0] = 0;
	if (i < 0) return NULL;
	for (size_t k = 0; k < KYR_ARRAY_LEN(romanised[i].ids) && romanised[i].ids[k]; k++) {
		UChar id[64];
		UErrorCode e = U_ZERO_ERROR;
		u_uastrcpy(id, romanised[i].ids[k]);
		UTransliterator *tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &e);
		if (U_FAILURE(e) || !tr) continue;
		roman_t *r = xcalloc(1, sizeof *r);
		r->tr = tr;
		r->mode = romanised[i].mode;
		snprintf(r->lang, sizeof r->lang, "%s", lang);
		return r;
	}
	snprintf(err, errlen, "ICU has no transliterator '%s' for Latin-letter search in %s", romanised[i].ids[0], lang);
	return NULL;
}

void roman_close(roman_t *r)
{
	if (!r) return;
	utrans_close(r->tr);
	free(r);
}

/* s (UTF-8, n bytes) through the transliterator, appended to out. */
static void transliterate(roman_t *r, const char *s, size_t n, buf_t *out)
{
	UErrorCode e = U_ZERO_ERROR;
	int32_t n16 = 0, cap = (int32_t)n * 8 + 16, limit;
	UChar *u = xmalloc((size_t)cap * sizeof *u);
	u_strFromUTF8WithSub(u, cap, &n16, s, (int32_t)n, 0xFFFD, NULL, &e);
	limit = n16;
	if (U_SUCCESS(e)) utrans_transUChars(r->tr, u, &n16, cap, 0, &limit, &e);
	if (U_SUCCESS(e)) {
		char tmp[1024];
		int32_t need = 0;
		u_strToUTF8WithSub(tmp, sizeof tmp, &need, u, n16, '?', NULL, &e);
		if (U_SUCCESS(e)) buf_append(out, tmp, (size_t)need);
	}
	free(u);
}

/* Appends the folding of one part to the line unless the line has it. */
static void add_token(buf_t *line, const char *part, size_t n, int mode)
{
	char f[128];
	size_t mark = strlen(ROMAN_MARK), m = roman_fold(part, n, mode, f + mark, sizeof f - mark);
	if (!m) return;
	memcpy(f, ROMAN_MARK, mark);
	m += mark;
	for (const char *p = line->data; p && *p;) {
		size_t k = strcspn(p, " ");
		if (k == m && !memcmp(p, f, m)) return;
		p += k;
		while (*p == ' ') p++;
	}
	if (line->len) buf_putc(line, ' ');
	buf_append(line, f, m);
}

static int is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

/* The parts of a romanisation (split at spaces, hyphens and other ASCII
 * punctuation), each as a token, and, when there are several, all of them
 * joined. What Latin-ASCII leaves outside ASCII (Ethiopic-Latin's ǝ, the
 * sixth-order vowel people do not write) and apostrophes (ejectives: k')
 * are left out without splitting the part. */
static int add_parts(buf_t *line, const char *s, size_t n, int mode, int joined)
{
	char all[128], part[128];
	size_t na = 0;
	int parts = 0;
	for (size_t i = 0; i < n;) {
		size_t np = 0;
		for (; i < n && (is_alnum(s[i]) || s[i] == '\'' || (unsigned char)s[i] >= 0x80); i++)
			if (is_alnum(s[i]) && np + 1 < sizeof part) part[np++] = s[i];
		if (np) {
			add_token(line, part, np, mode);
			if (na + np < sizeof all) { memcpy(all + na, part, np); na += np; }
			parts++;
		}
		if (i < n) i++;
	}
	if (joined && parts > 1) add_token(line, all, na, mode);
	return parts;
}

typedef struct {
	roman_t *r;
	buf_t *tokens, *map;
} index_t;

static void index_word(void *ctx, const char *w, size_t n, size_t at, int is_word)
{
	index_t *x = ctx;
	if (!is_word) return;
	buf_t lat = {0}, line = {0};
	transliterate(x->r, w, n, &lat);
	int parts = add_parts(&line, lat.data ? lat.data : "", lat.len, x->r->mode, 1);
	/* Han-Latin reads some words whole ("移民" → "yimin"): add each
	 * character's syllable too, so "yi min" finds it as "kai men" does. */
	size_t cps = 0, i0 = 0;
	UErrorCode e = U_ZERO_ERROR;
	int han = uscript_getScript((UChar32)utf8_next(w, n, &i0), &e) == USCRIPT_HAN;
	for (size_t i = 0; i < n; cps++) utf8_next(w, n, &i);
	if (x->r->mode == ROMAN_PINYIN && han && cps > 1 && (size_t)parts < cps)
		for (size_t i = 0; i < n;) {
			size_t s = i;
			utf8_next(w, n, &i);
			lat.len = 0;
			transliterate(x->r, w + s, i - s, &lat);
			add_parts(&line, lat.data ? lat.data : "", lat.len, x->r->mode, 0);
		}
	if (line.len) buf_append(x->tokens, line.data, line.len);
	buf_putc(x->tokens, '\n');
	if (x->map) buf_printf(x->map, "%zu %zu\n", at, n);
	buf_free(&lat);
	buf_free(&line);
}

void roman_index(roman_t *r, const char *text, size_t len, buf_t *tokens, buf_t *map)
{
	index_t x = {r, tokens, map};
	buf_puts(tokens, "");
	if (map) buf_puts(map, "");
	segment_each(text, len, r->lang, index_word, &x);
}

/* ---- the snippet (kiosk) ---- */

/* 1 when a line of tokens (n bytes) has one of the query words. */
static int line_matches(const char *line, size_t n, char *const *words, int nw)
{
	for (size_t i = 0; i < n;) {
		size_t k = i;
		while (k < n && line[k] != ' ') k++;
		for (int w = 0; w < nw; w++) {
			size_t wl = strlen(words[w]);
			if (wl && (w == nw - 1 ? wl <= k - i : wl == k - i) && !memcmp(line + i, words[w], wl)) return 1;
		}
		i = k + 1;
	}
	return 0;
}

#define SNIP_BEFORE 4
#define SNIP_WORDS 12

char *roman_snippet(const char *body, const char *tokens, const char *map, char *const *words, int nw)
{
	size_t blen = strlen(body), nlines = 0;
	if (nw <= 0) return NULL;
	for (const char *p = tokens; *p; p++) nlines += *p == '\n';
	if (!nlines) return NULL;
	unsigned char *hit = xcalloc(nlines, 1);
	size_t *off = xcalloc(nlines, sizeof *off), *len = xcalloc(nlines, sizeof *len);
	size_t first = nlines, i = 0;
	char *out = NULL;
	/* Lines past the snippet's last word are neither matched nor parsed:
	 * a long article's map is thousands of numbers. */
	size_t upto = nlines;
	for (const char *p = tokens; *p && i < upto; i++) {
		size_t k = strcspn(p, "\n");
		hit[i] = (unsigned char)line_matches(p, k, words, nw);
		if (hit[i] && first == nlines) {
			first = i;
			upto = KYR_MIN(nlines, first + SNIP_WORDS);
		}
		p += k + (p[k] == '\n');
	}
	if (first == nlines) goto done;
	const char *m = map;
	for (i = 0; i < KYR_MIN(nlines, upto + 1); i++) {
		char *end, *next;
		off[i] = strtoul(m, &end, 10);
		if (end == m) goto done;
		len[i] = strtoul(end, &next, 10);
		if (next == end) goto done;
		m = next;
		if (off[i] > blen || len[i] > blen - off[i] || (i && off[i] < off[i - 1] + len[i - 1])) goto done;
	}
	size_t a = first > SNIP_BEFORE ? first - SNIP_BEFORE : 0, b = KYR_MIN(nlines, a + SNIP_WORDS);
	buf_t s = {0};
	buf_puts(&s, a ? "…" : "");
	size_t at = off[a];
	for (i = a; i < b; i++) {
		for (size_t k = at; k < off[i]; k++)   /* one line, as FTS5's snippets read */
			buf_putc(&s, body[k] == '\n' ? ' ' : body[k]);
		if (hit[i]) buf_putc(&s, '\x01');
		buf_append(&s, body + off[i], len[i]);
		if (hit[i]) buf_putc(&s, '\x02');
		at = off[i] + len[i];
	}
	/* The punctuation after the last word, up to the next word. */
	size_t stop = b < nlines ? off[b] : blen;
	while (at < stop && body[at] != ' ' && body[at] != '\n') buf_putc(&s, body[at++]);
	if (b < nlines) buf_puts(&s, "…");
	out = s.data;
done:
	free(hit);
	free(off);
	free(len);
	return out;
}
