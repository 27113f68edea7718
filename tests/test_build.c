/* Tests for kyr-build: the readers (csv, po, frontmatter, article) and the
 * compiler on tests/data/mini, once clean and once per bad input in
 * tests/data/bad/<case>/ (laid over a copy of mini under $BUILD/tmp). */
#include "harness.h"
#include "article.h"
#include "build.h"
#include "store.h"
#include "csv.h"
#include "frontmatter.h"
#include "po.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmp[512];

static void setup_tmp(void)
{
	const char *b = getenv("BUILD");
	snprintf(tmp, sizeof tmp, "%s/tmp", b && *b ? b : "build");
	char *cmd = xasprintf("mkdir -p '%s'", tmp);
	CHECK(system(cmd) == 0);
	free(cmd);
}

/* ---- readers ------------------------------------------------------------- */

static void test_csv(void)
{
	const char *s = "\xEF\xBB\xBFid,name\r\na,\"x, \"\"y\"\"\"\r\n\r\nb,\"two\nlines\"\nc,\n";
	csv_t c;
	int line = 0;
	char err[128];
	CHECK_INT(csv_parse(s, strlen(s), &c, &line, err, sizeof err), 0);
	CHECK_INT(c.n, 4);
	CHECK_INT(csv_column(&c, "name"), 1);
	CHECK_INT(csv_column(&c, "nope"), -1);
	CHECK_STR(c.rows[1].f[1], "x, \"y\"");
	CHECK_INT(c.rows[2].line, 4);
	CHECK_STR(c.rows[2].f[1], "two\nlines");
	CHECK_INT(c.rows[3].line, 6);
	CHECK_INT(c.rows[3].n, 2);
	CHECK_STR(c.rows[3].f[1], "");
	csv_free(&c);

	const char *bad1 = "a,b\n1,\"open\n2,3\n";
	CHECK_INT(csv_parse(bad1, strlen(bad1), &c, &line, err, sizeof err), -1);
	CHECK_INT(line, 2);
	const char *bad2 = "a,b\n1,2\n3,x\"y\n";
	CHECK_INT(csv_parse(bad2, strlen(bad2), &c, &line, err, sizeof err), -1);
	CHECK_INT(line, 3);
	const char *bad3 = "a,b\n\"q\"x,2\n";
	CHECK_INT(csv_parse(bad3, strlen(bad3), &c, &line, err, sizeof err), -1);
	CHECK_INT(line, 2);
}

static void test_po(void)
{
	const char *s =
		"# comment\n"
		"msgid \"\"\n"
		"msgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n"
		"\n"
		"#, fuzzy, c-format\n"
		"msgctxt \"a.b\"\n"
		"msgid \"\"\n"
		"\"one \"\n"
		"\"two\"\n"
		"msgstr \"tab\\there \\\"q\\\"\\n\"\n"
		"#~ msgid \"old\"\n"
		"#~ msgstr \"gone\"\n"
		"msgctxt \"c\"\n"
		"msgid \"file\"\n"
		"msgid_plural \"files\"\n"
		"msgstr[0] \"uno\"\n"
		"msgstr[1] \"varios\"\n";
	po_t po;
	int line = 0;
	char err[128];
	CHECK_INT(po_parse(s, strlen(s), &po, &line, err, sizeof err), 0);
	CHECK_INT(po.n, 2);
	CHECK(po.header && strstr(po.header, "UTF-8"));
	CHECK_STR(po.e[0].ctxt, "a.b");
	CHECK_STR(po.e[0].id, "one two");
	CHECK_STR(po.e[0].str, "tab\there \"q\"\n");
	CHECK_INT(po.e[0].fuzzy, 1);
	CHECK_INT(po.e[0].line, 6);
	CHECK_STR(po.e[1].str, "uno");
	CHECK_INT(po.e[1].fuzzy, 0);
	po_free(&po);

	static const struct { const char *text; int line; const char *msg; } bad[] = {
		{ "msgid \"a\"\nmsgstr \"b\n", 2, "unterminated" },
		{ "msgid \"a\"\n\nmsgstr \"b\"\n", 1, "without msgstr" },
		{ "msgid \"a\"\nmsgstr \"b\"\nbogus\n", 3, "unexpected" },
		{ "msgid \"a\"\nmsgstr \"\\q\"\n", 2, "escape" },
		{ "msgstr \"b\"\n", 1, "without msgid" },
		{ "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n", 1, "UTF-8" },
		{ "msgid \"a\"\nmsgstr \"b\"\n\"c\" x\n", 3, "after the closing quote" },
	};
	for (size_t i = 0; i < KYR_ARRAY_LEN(bad); i++) {
		int rc = po_parse(bad[i].text, strlen(bad[i].text), &po, &line, err, sizeof err);
		CHECKF(rc == -1 && line == bad[i].line && strstr(err, bad[i].msg), "case %zu: rc %d line %d: %s", i, rc, line, err);
	}
}

static void test_frontmatter(void)
{
	const char *s = "---\ntitle: \"A: b\"\n# note\nsources:\n  - one\n  - two\nempty:\n---\nBody\n";
	fm_t fm;
	int line;
	char err[128];
	CHECK_INT(fm_parse(s, strlen(s), &fm, &line, err, sizeof err), 0);
	CHECK_STR(fm_get(&fm, "title")->value, "A: b");
	CHECK_INT(fm_get(&fm, "sources")->nitems, 2);
	CHECK_STR(fm_get(&fm, "sources")->items[1], "two");
	CHECK_INT(fm_get(&fm, "sources")->item_lines[1], 6);
	CHECK_STR(fm_get(&fm, "empty")->value, "");
	CHECK_INT(fm.body_line, 9);
	CHECK_STR(s + fm.body_off, "Body\n");
	fm_free(&fm);

	static const struct { const char *text; int line; } bad[] = {
		{ "title: x\n", 1 }, { "---\ntitle: x\n", 1 }, { "---\ntitle x\n---\n", 2 },
		{ "---\n  - item\n---\n", 2 }, { "---\na: 1\na: 2\n---\n", 3 }, { "", 1 },
	};
	for (size_t i = 0; i < KYR_ARRAY_LEN(bad); i++) {
		int rc = fm_parse(bad[i].text, strlen(bad[i].text), &fm, &line, err, sizeof err);
		CHECKF(rc == -1 && line == bad[i].line, "case %zu: rc %d line %d", i, rc, line);
	}
}

static void collect(void *ctx, int line, const char *msg)
{
	buf_printf(ctx, "%d: %s\n", line, msg);
}

static const span_t *find_span(const block_t *b, int kind)
{
	for (size_t i = 0; i < b->nspans; i++)
		if (b->spans[i].kind == kind) return &b->spans[i];
	return NULL;
}

static void test_article(void)
{
	const char *md =
		"> **Do not** open.\n"
		"\n"
		"## Heading *two*\n"
		"\n"
		"- Item one\n"
		"  - nested [link](topic:02-x)\n"
		"\n"
		"3. third\n"
		"4. fourth  \n"
		"   line two\n"
		"\n"
		"---\n"
		"\n"
		"Call +1 (555) 010-0123 or [us](tel:+1-555-0190).\n";
	article_t a;
	buf_t errs = {0};
	buf_puts(&errs, "");
	CHECK_INT(article_parse(md, strlen(md), 10, &a, collect, &errs), 0);
	CHECK_INT(a.blocks.n, 8);
	if (a.blocks.n == 8) {
		block_t *b = a.blocks.blocks;
		CHECK_INT(b[0].type, BLOCK_CALLOUT);
		CHECK_STR(b[0].text, "Do not open.");
		CHECK(find_span(&b[0], SPAN_BOLD) && find_span(&b[0], SPAN_BOLD)->end == 6);
		CHECK_INT(b[1].type, BLOCK_HEADING);
		CHECK_INT(b[1].level, 2);
		CHECK(find_span(&b[1], SPAN_ITALIC) != NULL);
		CHECK_INT(b[2].type, BLOCK_BULLET);
		CHECK_INT(b[2].level, 0);
		CHECK_INT(b[3].level, 1);
		CHECK(find_span(&b[3], SPAN_LINK) && strcmp(find_span(&b[3], SPAN_LINK)->target, "02-x") == 0);
		CHECK_INT(b[4].type, BLOCK_NUMBERED);
		CHECK_INT(b[4].number, 3);
		CHECK_INT(b[5].number, 4);
		CHECK_STR(b[5].text, "fourth\nline two");
		CHECK_INT(b[6].type, BLOCK_RULE);
		CHECK_INT(b[7].type, BLOCK_PARA);
		const span_t *ph = find_span(&b[7], SPAN_PHONE);
		CHECK(ph && strcmp(ph->target, "+15550100123") == 0 && ph->start == 5);
		CHECK_INT(b[7].nspans, 2);
		CHECK(b[7].nspans == 2 && strcmp(b[7].spans[1].target, "+15550190") == 0);
	}
	CHECK_INT(a.nlinks, 1);
	CHECK(a.nlinks == 1 && a.links[0].line == 15);
	article_free(&a);
	buf_free(&errs);

	const char *bad = "Text\n\n# Title\n\n[web](http://x.org)\n\n    code\n";
	buf_puts(&errs, "");
	CHECK_INT(article_parse(bad, strlen(bad), 8, &a, collect, &errs), 3);
	CHECKF(strstr(errs.data, "10: '#'") && strstr(errs.data, "12: only topic:") &&
	       strstr(errs.data, "14: code blocks"), "%s", errs.data);
	article_free(&a);
	buf_free(&errs);
}

/* ---- the compiler -------------------------------------------------------- */

static int run(const char *dir, const char *out, int strict, buf_t *diag)
{
	build_opts_t o = { .content_dir = dir, .output = out, .strict = strict, .quiet = !strict, .diag = diag };
	if (diag) buf_puts(diag, "");
	return build_run(&o);
}

static void test_mini(void)
{
	buf_t d = {0};
	char *out = xasprintf("%s/mini.db", tmp);
	unlink(out);
	CHECK_INT(run("tests/data/mini", out, 0, &d), BUILD_OK);
	CHECKF(d.len == 0, "%s", d.data);
	CHECK(access(out, R_OK) == 0);

	/* --strict: every warning is an error, with its place. */
	char *out2 = xasprintf("%s/mini-strict.db", tmp);
	unlink(out2);
	FILE *table = tmpfile();
	build_opts_t o = { .content_dir = "tests/data/mini/", .output = out2, .strict = 1, .out = table, .diag = &d };
	CHECK_INT(build_run(&o), BUILD_BAD_CONTENT);
	CHECK(access(out2, F_OK) != 0);
	CHECKF(strstr(d.data, "tests/data/mini/ui/es.po:11: 'nav.home' is fuzzy") != NULL, "%s", d.data);
	CHECK(strstr(d.data, "tests/data/mini/ui/es.po:19: 'search.prompt': the English changed") != NULL);
	CHECK(strstr(d.data, "tests/data/mini/topics/02-street/es.md:4: translated from revision 1") != NULL);
	CHECK(strstr(d.data, "tests/data/mini/topics/02-street/en.md:6: review overdue") != NULL);
	CHECK(strstr(d.data, "tests/data/mini/topics/03-family: not translated into es, zh-Hans") != NULL);
	/* Contact notes untranslated count like interface strings. */
	CHECK(strstr(d.data, "tests/data/mini/directory/es.po: 3 of 4 contact notes not translated") != NULL);
	CHECK(strstr(d.data, "tests/data/mini/directory/zh-Hans.po: missing: the directory's notes are shown in English") != NULL);
	CHECK(strstr(d.data, "warning:") == NULL);

	/* The coverage table. */
	char line[256];
	buf_t t = {0};
	rewind(table);
	while (fgets(line, sizeof line, table)) buf_puts(&t, line);
	fclose(table);
	CHECKF(t.data && strstr(t.data, "01-door    ok   ok   ok") && strstr(t.data, "02-street  due  old  --") &&
	       strstr(t.data, "ui strings 6/6  3/6  1/6") && strstr(t.data, "directory  4/4  1/4  0/4"), "%s", t.data ? t.data : "");
	buf_free(&t);
	buf_free(&d);
	free(out);
	free(out2);
}

static char *slurp(const char *path, size_t *len)
{
	char *p = read_file(path, len);
	if (!p) *len = 0;
	return p;
}

static void test_reproducible(void)
{
	char *a = xasprintf("%s/repro-a.db", tmp), *b = xasprintf("%s/repro-b.db", tmp);
	char *bundle = xasprintf("%s/stick", tmp), *c = xasprintf("%s/stick/kyr-content/content.db", tmp);
	char *cmd = xasprintf("rm -rf '%s'", bundle);
	CHECK(system(cmd) == 0);
	CHECK_INT(run("tests/data/mini", a, 0, NULL), BUILD_OK);
	CHECK_INT(run("tests/data/mini", b, 0, NULL), BUILD_OK);
	build_opts_t o = { .content_dir = "tests/data/mini", .bundle_dir = bundle, .quiet = 1 };
	CHECK_INT(build_run(&o), BUILD_OK);
	size_t la, lb, lc;
	char *da = slurp(a, &la), *db = slurp(b, &lb), *dc = slurp(c, &lc);
	CHECK(la > 0 && la % 4096 == 0);
	CHECK(la == lb && da && db && memcmp(da, db, la) == 0);
	CHECK(la == lc && dc && memcmp(da, dc, la) == 0);
	/* No temporary file is left next to the database. */
	char *left = xasprintf("ls '%s' | grep -q tmp", tmp);
	CHECK(system(left) != 0);
	free(da); free(db); free(dc); free(a); free(b); free(c); free(bundle); free(cmd); free(left);
}

/* Copies mini to $BUILD/tmp/bad-<name> and lays tests/data/bad/<name> over it. */
static char *bad_case(const char *name)
{
	char *dir = xasprintf("%s/bad-%s", tmp, name);
	char *cmd = xasprintf("rm -rf '%s' && cp -R tests/data/mini '%s' && cp -R tests/data/bad/%s/. '%s'/",
	                      dir, dir, name, dir);
	CHECK(system(cmd) == 0);
	free(cmd);
	return dir;
}

/* Builds bad case `name` and checks each expected "file:line: message"
 * (relative to the case folder) is reported. NULL ends the list. */
static void expect_case(const char *name, const char *const *expect)
{
	char *dir = bad_case(name), *out = xasprintf("%s.db", dir);
	buf_t d = {0};
	unlink(out);
	CHECK_INT(run(dir, out, 0, &d), BUILD_BAD_CONTENT);
	CHECK(access(out, F_OK) != 0);
	for (; *expect; expect++) {
		char *want = xasprintf("%s/%s", dir, *expect);
		CHECKF(strstr(d.data, want) != NULL, "%s: no \"%s\" in:\n%s", name, *expect, d.data);
		free(want);
	}
	buf_free(&d);
	free(out);
	free(dir);
}

#define EXPECT(name, ...) do { \
	static const char *const e_[] = { __VA_ARGS__, NULL }; \
	expect_case(name, e_); \
} while (0)

static void test_rejections(void)
{
	EXPECT("csv-quote", "contacts.csv:3: unterminated quoted field");
	EXPECT("csv-columns", "regions.csv:1: missing column 'name'", "regions.csv:1: unknown column 'nme'",
	       "regions.csv:1: unknown column 'extra'");
	EXPECT("contacts-rows", "contacts.csv:3: verified_on: not a date", "contacts.csv:4: unknown language 'xx'",
	       "contacts.csv:5: duplicate id 'state-hotline' (first on line 3)",
	       "contacts.csv:6: unknown region 'sample-nowhere'", "contacts.csv:7: unknown service 'haircuts'",
	       "contacts.csv:8: sample entry with a real-looking phone number 'main:+1 202-555-1234'",
	       "contacts.csv:9: this row has 6 fields, the header has 14", "contacts.csv:10: bad id 'Bad_Id'",
	       "contacts.csv:11: id 'sample-organisation-with-an-id-longer-than-any-control-could-carry-whole' is 72 bytes long; at most 63",
	       /* E.164: no number without its area code (each one reported). */
	       "contacts.csv:12: phone 'main:555-0108' has no area code",
	       "contacts.csv:12: phone 'fax:+1 555-0109' has no area code",
	       /* Opening hours are structured, in a named time zone. */
	       "contacts.csv:13: hours: 'Mon–Fri 9:00–17:00': unknown day 'Mon–Fri' (Mo Tu We Th Fr Sa Su)",
	       "contacts.csv:14: tz: unknown time zone 'Eastern time'",
	       "contacts.csv:14: interpretation must be yes or no, not 'maybe'",
	       "contacts.csv:15: tz: empty; hours need their time zone",
	       "contacts.csv:16: hours: 'Mo-Fr 22:00-06:00': '22:00-06:00' ends before it starts");
	/* directory/<lang>.po: checked like the interface's PO files. */
	EXPECT("directory-po", "directory/es.po:9: unknown contact id 'nobody' (not in contacts.csv)",
	       "directory/es.po:13: 'lakeview-legal.address': the key is <contact id>.name or <contact id>.notes",
	       "directory/es.po:17: key 'lakeview-legal.notes' appears twice (first on line 5)",
	       "directory/xx.po:1: unknown language 'xx'");
	EXPECT("languages-bad", "languages.csv:3: direction must be ltr or rtl",
	       "languages.csv:4: order must be an integer", "languages.csv:5: duplicate language 'es'",
	       "languages.csv:6: keyboard: at most 2 layout names");
	EXPECT("languages-no-en", "languages.csv: English ('en') is missing");
	EXPECT("regions-parent", "regions.csv:3: unknown parent region 'sample-nowhere'",
	       "regions.csv:4: the parent chain of 'sample-riverbend' loops");
	EXPECT("bundle-bad", "bundle.ini:3: colour: unknown key", "bundle.ini:4: version: not of the form YYYYMMDDNN",
	       "bundle.ini:5: date: not a date", "bundle.ini:6: default_language: unknown language 'fr'");
	EXPECT("po-syntax", "ui/es.po:10: unterminated string");
	EXPECT("po-entries", "ui/es.po:8: unknown key 'nav.nope'",
	       "ui/es.po:12: 'article.reviewed': the {placeholders} differ",
	       "ui/es.po:16: key 'nav.back' appears twice (first on line 4)", "ui/es.po:20: entry without msgctxt");
	EXPECT("po-unknown-lang", "ui/fr.po:1: unknown language 'fr'");
	EXPECT("header-missing", "topics/03-family/en.md:1: missing header field 'summary'");
	EXPECT("header-malformed", "topics/01-door/es.md:3: malformed header line");
	EXPECT("header-values", "topics/03-family/en.md:4: unknown icon 'not_an_icon'",
	       "topics/03-family/en.md:5: revision: not a positive integer",
	       "topics/03-family/en.md:6: review_due: not a date", "topics/03-family/en.md:7: unknown header field 'reviewd_by'",
	       "topics/03-family/en.md:8: reviewed_on is required", "topics/03-family/en.md:9: header field 'sources' is empty");
	EXPECT("translation-newer", "topics/02-street/es.md:4: translation_of 3: the English is only at revision 2");
	EXPECT("broken-link", "topics/03-family/en.md:13: link to topic '99-nowhere'");
	EXPECT("markdown-unsupported", "topics/03-family/en.md:10: '#' headings are reserved",
	       "topics/03-family/en.md:12: only topic: and tel: links", "topics/03-family/en.md:14: images are not supported",
	       "topics/03-family/en.md:16: code blocks are not supported", "topics/03-family/en.md:20: raw HTML",
	       "topics/03-family/en.md:22: code (`...`)");
	EXPECT("article-lang", "topics/01-door/fr.md:1: unknown language 'fr'");
	EXPECT("no-master", "topics/04-orphan: no English master (en.md)");
	EXPECT("keyboard-bad", "keyboards/latin.kbd:3: expected 'key: value'");
	EXPECT("header-dates", "topics/03-family/en.md:1: missing header field 'as_of'",
	       "topics/03-family/en.md:7: source without its date or version: \"Sample State Family Code § 1\"",
	       "topics/03-family/en.md:8: source without its date or version: \"Sample State Family Code § 2(b)\"",
	       "topics/02-street/en.md:7: as_of: not a date YYYY-MM-DD (\"30/11/2026\")",
	       "topics/01-door/es.md:5: review_terms: \"abogado (lawyer\" is not \"native term (English term)\"",
	       "topics/01-door/es.md:6: source without its date or version: \"Código de muestra\"");
}

/* Only what is wrong is reported: a dated source in the same list, a
 * translation without as_of (inherited) and well-formed terms pass. */
static void test_header_dates_only(void)
{
	char *dir = bad_case("header-dates");
	buf_t d = {0};
	CHECK_INT(run(dir, NULL, 0, &d), BUILD_BAD_CONTENT);
	CHECKF(strstr(d.data, "Sample State Guide") == NULL, "%s", d.data);
	CHECKF(strstr(d.data, "Sample Act") == NULL, "%s", d.data);   /* nested parentheses */
	CHECKF(strstr(d.data, "judicial warrant") == NULL, "%s", d.data);
	CHECKF(strstr(d.data, "Form I-205") == NULL, "%s", d.data);   /* a term kept in English */
	CHECKF(strstr(d.data, "zh-Hans.md") == NULL, "%s", d.data);
	buf_free(&d);
	free(dir);
}

/* A topic folder whose name could not be a control's id ("topic:" + slug
 * in 64 bytes) is refused by name; made here from the mini content. */
static void test_long_slug(void)
{
	const char *slug = "03-family-safety-plan-with-a-folder-name-far-too-long-for-the-kiosk-to-use";
	char *dir = bad_case("csv-quote"), *out = xasprintf("%s.db", dir);
	char *cmd = xasprintf("cp tests/data/mini/contacts.csv '%s'/ && mv '%s/topics/03-family' '%s/topics/%s'", dir, dir, dir, slug);
	CHECK(system(cmd) == 0);
	buf_t d = {0};
	CHECK_INT(run(dir, out, 0, &d), BUILD_BAD_CONTENT);
	char *want = xasprintf("%s/topics/%s: the folder name is %zu bytes long; at most %d", dir, slug, strlen(slug), STORE_ID_MAX);
	CHECKF(d.data && strstr(d.data, want), "no \"%s\" in:\n%s", want, d.data ? d.data : "");
	free(want);
	buf_free(&d);
	free(cmd);
	free(out);
	free(dir);
}

/* Invalid UTF-8 is refused with its line; made here, not kept in git. */
static void test_bad_utf8(void)
{
	char *dir = bad_case("csv-quote"), *path = xasprintf("%s/contacts.csv", dir);
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs("id,name,kind,phones,address,region,hours,languages,services,notes,verified_on,sample\n", f);
		fputs("x,Bad \xC3\x28 byte,org,555-0101,,national,,en,daca,,2026-01-01,yes\n", f);
		fclose(f);
	}
	buf_t d = {0};
	CHECK_INT(run(dir, NULL, 0, &d), BUILD_BAD_CONTENT);
	char *want = xasprintf("%s/contacts.csv:2: not valid UTF-8", dir);
	CHECKF(strstr(d.data, want) != NULL, "%s", d.data);
	free(want);
	buf_free(&d);
	free(path);
	free(dir);
}

/* Hostile or careless content: a FIFO where a file should be (it used to
 * hang the build), a folder named like a file, and the content limits. */
static void test_limits_and_files(void)
{
	char *dir = bad_case("csv-quote"), *cmd;
	buf_t d = {0};
	/* A good contacts.csv back, then a FIFO as regions.csv. */
	cmd = xasprintf("cp tests/data/mini/contacts.csv '%s/' && rm '%s/regions.csv' && mkfifo '%s/regions.csv'", dir, dir, dir);
	CHECK(system(cmd) == 0);
	free(cmd);
	CHECK_INT(run(dir, NULL, 0, &d), BUILD_BAD_CONTENT);
	char *want = xasprintf("%s/regions.csv: cannot read: not a regular file", dir);
	CHECKF(strstr(d.data, want) != NULL, "%s", d.data);
	free(want);
	free(dir);
	buf_free(&d);

	dir = bad_case("csv-quote");
	cmd = xasprintf("cp tests/data/mini/contacts.csv '%s/' && rm '%s/bundle.ini' && mkdir '%s/bundle.ini'", dir, dir, dir);
	CHECK(system(cmd) == 0);
	free(cmd);
	d = (buf_t){0};
	CHECK_INT(run(dir, NULL, 0, &d), BUILD_BAD_CONTENT);
	want = xasprintf("%s/bundle.ini: cannot read: not a regular file", dir);
	CHECKF(strstr(d.data, want) != NULL, "%s", d.data);
	free(want);
	free(dir);
	buf_free(&d);

	/* A 20,000-character title and an overlong summary. */
	dir = bad_case("csv-quote");
	cmd = xasprintf("cp tests/data/mini/contacts.csv '%s/' && f='%s/topics/01-door/en.md' &&"
	                " t=$(head -c 20000 /dev/zero | tr '\\0' x) && s=$(head -c 2100 /dev/zero | tr '\\0' y) &&"
	                " sed -i \"s/^title: .*/title: $t/; s/^summary: .*/summary: $s/\" \"$f\"", dir, dir);
	CHECK(system(cmd) == 0);
	free(cmd);
	d = (buf_t){0};
	CHECK_INT(run(dir, NULL, 0, &d), BUILD_BAD_CONTENT);
	CHECKF(strstr(d.data, "title: 20000 characters, more than the limit of 300") != NULL, "%s", d.data);
	CHECKF(strstr(d.data, "summary: 2100 characters, more than the limit of 2000") != NULL, "%s", d.data);
	free(dir);
	buf_free(&d);
}

int main(void)
{
	setup_tmp();
	RUN(test_csv);
	RUN(test_po);
	RUN(test_frontmatter);
	RUN(test_article);
	RUN(test_mini);
	RUN(test_reproducible);
	RUN(test_rejections);
	RUN(test_long_slug);
	RUN(test_header_dates_only);
	RUN(test_bad_utf8);
	RUN(test_limits_and_files);
	return harness_done();
}
