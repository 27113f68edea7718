/* review — see include/review.h. Start reading at review_pack_write():
 * pack_lang() writes one language's pages, page() one topic's. */
#include "review.h"
#include "blocks.h"
#include "datefmt.h"
#include "store.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Fonts by family, the script's first (the same Noto families the kiosk
 * uses, so what the reviewer reads is what the kiosk draws); Han text
 * takes the regional CJK face of its language. */
static const char *font_stack(const char *lang)
{
	if (!strcmp(lang, "ar") || !strcmp(lang, "prs")) return "'Noto Naskh Arabic', 'Noto Sans Arabic', 'Noto Sans', sans-serif";
	if (!strcmp(lang, "zh-Hans")) return "'Noto Sans CJK SC', 'Noto Sans', sans-serif";
	if (!strcmp(lang, "zh-Hant")) return "'Noto Sans CJK TC', 'Noto Sans', sans-serif";
	if (!strcmp(lang, "ko")) return "'Noto Sans CJK KR', 'Noto Sans', sans-serif";
	if (!strcmp(lang, "hi")) return "'Noto Sans Devanagari', 'Noto Sans', sans-serif";
	if (!strcmp(lang, "am")) return "'Noto Sans Ethiopic', 'Noto Sans', sans-serif";
	return "'Noto Sans', 'Noto Sans CJK SC', 'Noto Naskh Arabic', 'Noto Sans Devanagari', 'Noto Sans Ethiopic', sans-serif";
}

static void esc_n(buf_t *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '&': buf_puts(b, "&amp;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\n': buf_puts(b, "<br>"); break;
		default: buf_putc(b, s[i]);
		}
	}
}

static void esc(buf_t *b, const char *s) { esc_n(b, s ? s : "", s ? strlen(s) : 0); }

static const char *span_tag(int kind)
{
	return kind == SPAN_BOLD || kind == SPAN_PHONE ? "strong" : kind == SPAN_ITALIC ? "em" : "u";
}

/* A block's text with its spans (which nest, never cross) as HTML tags. */
static void block_html(buf_t *b, const block_t *bl)
{
	const span_t *open[32];
	int depth = 0;
	size_t next = 0;
	for (size_t i = 0; i <= bl->len; i++) {
		while (depth && open[depth - 1]->end <= i) buf_printf(b, "</%s>", span_tag(open[--depth]->kind));
		while (next < bl->nspans && bl->spans[next].start == i && depth < 32) {
			buf_printf(b, "<%s>", span_tag(bl->spans[next].kind));
			open[depth++] = &bl->spans[next++];
		}
		if (i < bl->len) esc_n(b, bl->text + i, 1);
	}
	while (depth) buf_printf(b, "</%s>", span_tag(open[--depth]->kind));
}

/* One column: the article as the kiosk shows it, in document order. */
static void article_html(buf_t *b, const store_article_t *a)
{
	blocklist_t bl = {0};
	buf_puts(b, "<h2 class=\"title\">");
	esc(b, a->title);
	buf_puts(b, "</h2>\n<p class=\"summary\">");
	esc(b, a->summary);
	buf_puts(b, "</p>\n");
	if (blocks_decode(a->blocks, a->blocks_len, &bl) < 0) {
		buf_puts(b, "<p class=\"warn\">This article's text is damaged in the database.</p>\n");
		return;
	}
	for (size_t i = 0; i < bl.n; i++) {
		const block_t *x = &bl.blocks[i];
		switch (x->type) {
		case BLOCK_HEADING: buf_printf(b, "<h%d>", x->level + 1); block_html(b, x); buf_printf(b, "</h%d>\n", x->level + 1); break;
		case BLOCK_BULLET: buf_printf(b, "<p class=\"li l%d\">%s ", x->level, x->level ? "–" : "•"); block_html(b, x); buf_puts(b, "</p>\n"); break;
		case BLOCK_NUMBERED: buf_printf(b, "<p class=\"li l%d\">%d. ", x->level, x->number); block_html(b, x); buf_puts(b, "</p>\n"); break;
		case BLOCK_CALLOUT: buf_puts(b, "<p class=\"notice\">"); block_html(b, x); buf_puts(b, "</p>\n"); break;
		case BLOCK_RULE: buf_puts(b, "<hr>\n"); break;
		default: buf_puts(b, "<p>"); block_html(b, x); buf_puts(b, "</p>\n"); break;
		}
	}
	blocks_free(&bl);
}

static const char css[] =
	"@page { size: A4; margin: 14mm 12mm; }\n"
	"body { font-size: 10.5pt; line-height: 1.45; color: #111; margin: 0 auto; max-width: 60rem; }\n"
	"h1 { font-size: 15pt; margin: 0 0 .3em; } h2.title { font-size: 13pt; margin: .2em 0; }\n"
	"h3 { font-size: 11.5pt; margin: .8em 0 .2em; } h4, h5 { font-size: 10.5pt; margin: .6em 0 .2em; }\n"
	"table { border-collapse: collapse; width: 100%; } td, th { vertical-align: top; padding: 4px 8px; }\n"
	"table.cols td { width: 50%; border-top: 2px solid #444; } table.cols td + td { border-left: 1px solid #999; }\n"
	"table.facts th { text-align: start; width: 13em; font-weight: bold; } table.facts td, table.facts th { border-bottom: 1px solid #ccc; }\n"
	".summary { color: #333; font-style: italic; } .li { margin: .15em 0; } .l1 { margin-inline-start: 1.5em; }\n"
	".l2 { margin-inline-start: 3em; } .l3 { margin-inline-start: 4.5em; }\n"
	".notice { border: 2px solid #b7791f; background: #fff1c7; padding: 4px 8px; font-weight: bold; }\n"
	".warn { border: 2px solid #9b1c1c; padding: 4px 8px; } .muted { color: #444; }\n"
	".signoff { border: 2px solid #111; padding: 8px 12px; margin-top: 1em; page-break-inside: avoid; }\n"
	".signoff .line { border-bottom: 1px solid #111; height: 2.2em; margin: .3em 0 .6em; }\n"
	".box { display: inline-block; width: .9em; height: .9em; border: 1px solid #111; margin-inline-end: .4em; }\n"
	".page { page-break-after: always; } .page:last-child { page-break-after: auto; }\n";

static void page_head(buf_t *b, const char *title, const char *lang)
{
	buf_printf(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	esc(b, title);
	buf_printf(b, "</title>\n<style>\n%sbody { font-family: %s; }\n[lang=\"%s\"] { font-family: %s; }\n</style>\n</head>\n<body>\n",
	           css, font_stack("en"), lang, font_stack(lang));
}

static void fact(buf_t *b, const char *k, const char *v)
{
	buf_printf(b, "<tr><th>%s</th><td>", k);
	esc(b, v);
	buf_puts(b, "</td></tr>\n");
}

/* review_terms "native (English); …" as a two-column table. */
static void terms_html(buf_t *b, const char *terms, const store_lang_t *L)
{
	buf_puts(b, "<h3>Terms the translator asks a native legal reviewer to check</h3>\n");
	if (!terms || !terms[0]) {
		buf_puts(b, "<p class=\"muted\">The translator listed none (header field <code>review_terms</code>).</p>\n");
		return;
	}
	buf_printf(b, "<table class=\"facts\"><tr><th lang=\"%s\" dir=\"%s\">%s</th><th>English</th></tr>\n", L->code,
	           L->rtl ? "rtl" : "ltr", "Term used");
	for (const char *p = terms; *p;) {
		const char *e = strchr(p, ';');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *t = xstrndup(p, n), *open = strrchr(t, '(');
		char *s = t;
		while (*s == ' ') s++;
		char *en = s;   /* no parentheses: a term kept in English */
		if (open && open > s) {
			*open = 0;
			en = open + 1;
			char *close = strrchr(en, ')');
			if (close) *close = 0;
		}
		if (*s) {
			buf_printf(b, "<tr><td lang=\"%s\" dir=\"%s\">", L->code, L->rtl ? "rtl" : "ltr");
			esc(b, s);
			buf_puts(b, "</td><td>");
			esc(b, en);
			buf_puts(b, "</td></tr>\n");
		}
		free(t);
		p += n + (e ? 1 : 0);
	}
	buf_puts(b, "</table>\n");
}

static void signoff_html(buf_t *b, const store_lang_t *L, const char *slug)
{
	buf_printf(b, "<div class=\"signoff\">\n<h3>Sign-off</h3>\n<p>I have read the %s text of topic <b>%s</b> above%s. "
	           "I confirm it is accurate and clear as of the date below, or I have marked every correction on this sheet.</p>\n",
	           L->english_name, slug, strcmp(L->code, "en") ? " against the English master beside it" : "");
	buf_puts(b, "<p><span class=\"box\"></span>Accurate as written &nbsp; <span class=\"box\"></span>Accurate after the corrections marked "
	            "&nbsp; <span class=\"box\"></span>Not accurate: do not publish</p>\n");
	static const char *const lines[] = { "Name", "Organisation", "Date (YYYY-MM-DD)", "Signature" };
	for (size_t i = 0; i < KYR_ARRAY_LEN(lines); i++) buf_printf(b, "<div>%s</div><div class=\"line\"></div>\n", lines[i]);
	buf_printf(b, "<p class=\"muted\">Instructions: return this signed sheet to the publisher. The publisher then writes your "
	           "name (or organisation) as <code>reviewed_by</code> and the date as <code>reviewed_on</code> in "
	           "<code>topics/%s/%s.md</code>, rebuilds and signs the bundle; the kiosk then stops showing "
	           "&ldquo;not yet reviewed by a lawyer&rdquo; for this article in this language only. If the text changes "
	           "later, it needs a new review.</p>\n</div>\n", slug, L->code);
}

/* One topic in one language, as a <div class="page"> (without the head). */
static int page_body(buf_t *b, store_t *st, const store_lang_t *L, const store_lang_t *en, const char *slug)
{
	store_article_t m, a;
	if (store_article(st, slug, "en", &m) < 0) return -1;
	if (store_article(st, slug, L->code, &a) < 0) {
		store_article_free(&m);
		return -1;
	}
	int master = !strcmp(L->code, "en");
	char date[128], line[512];
	buf_printf(b, "<div class=\"page\">\n<h1>Review sheet: %s (%s) — topic %s</h1>\n", L->english_name, L->code, slug);
	buf_puts(b, "<table class=\"facts\">\n");
	datefmt_format(m.as_of, "en", DATEFMT_LONG, date, sizeof date);
	snprintf(line, sizeof line, "%s (%s): when the law in this article was last checked", m.as_of, date);
	fact(b, "Information as of", line);
	snprintf(line, sizeof line, "%d", m.revision);
	fact(b, "English master revision", line);
	if (!master) {
		if (a.fallback) snprintf(line, sizeof line, "not translated: the kiosk shows the English");
		else snprintf(line, sizeof line, "translation_of %d%s", a.revision,
		              a.stale ? ": OLDER than the English master; the translation must be updated first" : ": up to date");
		fact(b, "Translation", line);
	}
	const store_article_t *r = a.fallback ? &m : &a;
	if (r->reviewed_by[0]) snprintf(line, sizeof line, "reviewed by %s on %s", r->reviewed_by, r->reviewed_on);
	else snprintf(line, sizeof line, "NOT yet reviewed by a lawyer (the kiosk says so under the article)");
	fact(b, "Review status", line);
	if (r->review_due[0]) fact(b, "Review due", r->review_due);
	buf_puts(b, "</table>\n");
	if (!master) terms_html(b, a.fallback ? "" : a.review_terms, L);
	if (master || a.fallback) {
		buf_printf(b, "<table class=\"cols\"><tr><td lang=\"en\" dir=\"ltr\">\n");
		article_html(b, &m);
		buf_puts(b, "</td></tr></table>\n");
	} else {
		buf_printf(b, "<table class=\"cols\"><tr><th>English master (%s)</th><th lang=\"%s\" dir=\"%s\">%s</th></tr>\n<tr>"
		           "<td lang=\"en\" dir=\"ltr\">\n", en ? en->native_name : "English", L->code, L->rtl ? "rtl" : "ltr",
		           L->native_name);
		article_html(b, &m);
		buf_printf(b, "</td><td lang=\"%s\" dir=\"%s\">\n", L->code, L->rtl ? "rtl" : "ltr");
		article_html(b, &a);
		buf_puts(b, "</td></tr></table>\n");
	}
	buf_puts(b, "<h3>Sources (with their dates)</h3>\n<ul>\n");
	for (const char *s = r->sources; s && *s;) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		buf_puts(b, "<li>");
		esc_n(b, s, n);
		buf_puts(b, "</li>\n");
		s += n + (e ? 1 : 0);
	}
	buf_puts(b, "</ul>\n");
	signoff_html(b, L, slug);
	buf_puts(b, "</div>\n");
	store_article_free(&m);
	store_article_free(&a);
	return 0;
}

static int write_text(const char *path, const buf_t *b)
{
	FILE *f = fopen(path, "w");
	if (!f || fwrite(b->data, 1, b->len, f) != b->len || fclose(f) != 0) {
		fprintf(stderr, "kyr-build: cannot write %s: %s\n", path, strerror(errno));
		if (f) fclose(f);
		return -1;
	}
	return 0;
}

/* WeasyPrint, when installed, turns a language's pages into one PDF. */
static int make_pdf(const char *html, const char *pdf)
{
	pid_t pid = fork();
	if (pid < 0) return -1;
	if (pid == 0) {
		int devnull = open("/dev/null", 1);
		if (devnull >= 0) dup2(devnull, 2);
		execlp("weasyprint", "weasyprint", "-q", html, pdf, (char *)NULL);
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int pack_lang(store_t *st, const char *out, const store_lang_t *L, const store_lang_t *en,
                     const store_topic_t *t, int nt, int pdf)
{
	char *dir = xasprintf("%s/%s", out, L->code);
	buf_t idx = {0}, all = {0};
	int rc = 0;
	mkdir(dir, 0755);
	char *title = xasprintf("Review pack: %s (%s)", L->english_name, L->code);
	page_head(&idx, title, L->code);
	page_head(&all, title, L->code);
	buf_printf(&idx, "<h1>%s — %s</h1>\n<p>One sheet per topic: print it, read the text, fill in the sign-off box.</p>\n<ul>\n",
	           title, L->native_name);
	for (int i = 0; i < nt && rc == 0; i++) {
		buf_t p = {0};
		char *ptitle = xasprintf("Review sheet %s %s", L->code, t[i].slug);
		page_head(&p, ptitle, L->code);
		free(ptitle);
		if (page_body(&p, st, L, en, t[i].slug) < 0 || page_body(&all, st, L, en, t[i].slug) < 0) rc = -1;
		buf_puts(&p, "</body>\n</html>\n");
		char *path = xasprintf("%s/%s.html", dir, t[i].slug);
		if (rc == 0) rc = write_text(path, &p);
		buf_printf(&idx, "<li><a href=\"%s.html\">%s</a> — ", t[i].slug, t[i].slug);
		esc(&idx, t[i].title);
		buf_puts(&idx, "</li>\n");
		free(path);
		buf_free(&p);
	}
	buf_puts(&idx, "</ul>\n</body>\n</html>\n");
	buf_puts(&all, "</body>\n</html>\n");
	char *ip = xasprintf("%s/index.html", dir), *ap = xasprintf("%s/all.html", dir);
	if (rc == 0) rc = write_text(ip, &idx);
	if (rc == 0) rc = write_text(ap, &all);
	if (rc == 0 && pdf) {
		char *pp = xasprintf("%s/review-%s.pdf", dir, L->code);
		int p = make_pdf(ap, pp);
		if (p == 127) fprintf(stderr, "kyr-build: no PDF for %s: WeasyPrint is not installed (Debian package weasyprint); the HTML pages print as well\n", L->code);
		else if (p != 0) fprintf(stderr, "kyr-build: no PDF for %s: weasyprint failed; the HTML pages print as well\n", L->code);
		free(pp);
	}
	free(ip); free(ap); free(title); free(dir);
	buf_free(&idx);
	buf_free(&all);
	return rc;
}

int review_pack_write(const char *db_path, const char *out_dir, int pdf)
{
	char err[600];
	store_t *st = store_open(db_path, err, sizeof err);
	if (!st) {
		fprintf(stderr, "kyr-build: review pack: %s\n", err);
		return -1;
	}
	store_lang_t *langs = NULL;
	store_topic_t *t = NULL;
	int nl = store_languages(st, &langs), nt = store_topics(st, "en", &t), rc = 0;
	if (nl < 0 || nt < 0 || (mkdir(out_dir, 0755) < 0 && errno != EEXIST)) {
		fprintf(stderr, "kyr-build: review pack: cannot create %s: %s\n", out_dir, strerror(errno));
		rc = -1;
	}
	const store_lang_t *en = NULL;
	for (int i = 0; i < nl; i++) if (!strcmp(langs[i].code, "en")) en = &langs[i];
	buf_t top = {0};
	page_head(&top, "KYR Kiosk review pack", "en");
	buf_puts(&top, "<h1>KYR Kiosk review pack</h1>\n<p>For the lawyer (English masters) and the native-speaking legal "
	               "reviewers (translations). See docs/publishing.md, \"Review\".</p>\n<ul>\n");
	for (int i = 0; i < nl && rc == 0; i++) {
		rc = pack_lang(st, out_dir, &langs[i], en, t, nt, pdf);
		buf_printf(&top, "<li><a href=\"%s/index.html\">%s — ", langs[i].code, langs[i].english_name);
		esc(&top, langs[i].native_name);
		buf_puts(&top, "</a></li>\n");
	}
	buf_puts(&top, "</ul>\n</body>\n</html>\n");
	char *tp = xasprintf("%s/index.html", out_dir);
	if (rc == 0) rc = write_text(tp, &top);
	free(tp);
	buf_free(&top);
	if (nt > 0) store_topics_free(t, nt);
	if (nl > 0) store_langs_free(langs, nl);
	store_close(st);
	return rc;
}
