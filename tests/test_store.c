/* Tests for the store on a database compiled from tests/data/mini:
 * languages, interface strings, topic and article fallback, contact order,
 * search (Chinese words, accents), and refusal of damaged databases. */
#include "harness.h"
#include "blocks.h"
#include "build.h"
#include "store.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#define STR_(x) #x
#define STR(x) STR_(x)

static char tmp[512], db_path[600];
static store_t *st;

static void setup(void)
{
	const char *b = getenv("BUILD");
	snprintf(tmp, sizeof tmp, "%s/tmp", b && *b ? b : "build");
	snprintf(db_path, sizeof db_path, "%s/store.db", tmp);
	char *cmd = xasprintf("mkdir -p '%s'", tmp);
	CHECK(system(cmd) == 0);
	free(cmd);
	build_opts_t o = { .content_dir = "tests/data/mini", .output = db_path, .quiet = 1 };
	CHECK_INT(build_run(&o), BUILD_OK);
	char err[256] = "";
	st = store_open(db_path, err, sizeof err);
	CHECKF(st != NULL, "%s", err);
	if (!st) exit(harness_done());
}

static void test_meta_languages(void)
{
	CHECK_STR(store_meta(st, "schema_version"), STR(STORE_SCHEMA_VERSION));
	CHECK_STR(store_meta(st, "content_version"), "2026112801");
	CHECK_STR(store_meta(st, "default_region"), "sample-lakeview");
	CHECK_STR(store_meta(st, "demo"), "1");   /* mini's contacts are all samples */
	CHECK(store_meta(st, "nope") == NULL);
	store_lang_t *l;
	int n = store_languages(st, &l);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_STR(l[0].code, "en");
		CHECK_STR(l[1].code, "es");
		CHECK_STR(l[2].code, "zh-Hans");
		CHECK_STR(l[2].native_name, "简体中文");
		CHECK_STR(l[1].keyboard, "latin");
		CHECK_STR(l[2].voice, "cmn");
		CHECK_INT(l[0].rtl, 0);
	}
	store_langs_free(l, n);
}

static void test_ui(void)
{
	CHECK_STR(store_ui(st, "es", "nav.back"), "Atrás");
	CHECK_STR(store_ui(st, "es", "nav.home"), "Home");          /* fuzzy: English */
	CHECK_STR(store_ui(st, "es", "search.prompt"), "Type a word to search");   /* stale */
	CHECK_STR(store_ui(st, "es", "service.asylum"), "Asilo \"político\"");
	CHECK_STR(store_ui(st, "zh-Hans", "nav.back"), "返回");
	CHECK_STR(store_ui(st, "zh-Hans", "article.reviewed"), "Reviewed by {name} on {date}.");
	CHECK_STR(store_ui(st, "xx", "nav.back"), "Back");
	CHECK_STR(store_ui(st, NULL, "nav.back"), "Back");
	CHECK_STR(store_ui(st, "es", "no.such.key"), "no.such.key");
	/* Cached: the same pointer every time, also after the table grows. */
	const char *p = store_ui(st, "es", "nav.back");
	char key[32];
	for (int i = 0; i < 500; i++) {
		snprintf(key, sizeof key, "k%d", i);
		store_ui(st, "es", key);
	}
	CHECK(store_ui(st, "es", "nav.back") == p);
	CHECK_STR(store_ui(st, "es", "k321"), "k321");
}

static void test_topics(void)
{
	store_topic_t *t;
	int n = store_topics(st, "es", &t);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_STR(t[0].slug, "01-door");
		CHECK_STR(t[0].lang, "es");
		CHECK_INT(t[0].fallback, 0);
		CHECK_STR(t[0].title, "Si los agentes de inmigración llegan a su puerta");
		CHECK_INT(t[0].icon, 0xeffd);
		CHECK_STR(t[1].lang, "es");                 /* stale, still shown */
		CHECK_STR(t[2].slug, "03-family");
		CHECK_STR(t[2].lang, "en");
		CHECK_INT(t[2].fallback, 1);
		CHECK_STR(t[2].summary, "Decide now who will care for your children.");
		CHECK_INT(t[2].order, 3);
	}
	store_topics_free(t, n);
	n = store_topics(st, "en", &t);
	CHECK(n == 3 && t[0].fallback == 0 && t[2].fallback == 0);
	store_topics_free(t, n);
}

static void test_article(void)
{
	store_article_t a;
	CHECK_INT(store_article(st, "01-door", "zh-Hans", &a), 0);
	CHECK_STR(a.lang, "zh-Hans");
	CHECK_INT(a.fallback, 0);
	CHECK_STR(a.sources, "U.S. Const. amend. IV (1791)\n8 C.F.R. § 287.8(f) (as in force 2026-11)");   /* inherited */
	CHECK_STR(a.review_due, "2027-06-01");
	CHECK_STR(a.reviewed_by, "");
	CHECK_INT(a.icon, 0xeffd);
	CHECK_STR(a.as_of, "2026-11-30");   /* inherited from the master */
	CHECK_STR(a.review_terms, "门 (door); 法官签署的令状 (warrant signed by a judge)");
	store_article_free(&a);

	CHECK_INT(store_article(st, "01-door", "es", &a), 0);
	CHECK_STR(a.reviewed_by, "Example Legal Aid");
	CHECK_STR(a.reviewed_on, "2026-11-01");
	blocklist_t bl;
	CHECK_INT(blocks_decode(a.blocks, a.blocks_len, &bl), 0);
	CHECK_INT(bl.n, 3);
	if (bl.n == 3) {
		CHECK_INT(bl.blocks[0].type, BLOCK_HEADING);
		CHECK_STR(bl.blocks[0].text, "Qué hacer");
		CHECK_INT(bl.blocks[2].nspans, 1);
		CHECK(bl.blocks[2].nspans == 1 && bl.blocks[2].spans[0].kind == SPAN_PHONE &&
		      strcmp(bl.blocks[2].spans[0].target, "5550190") == 0);
	}
	blocks_free(&bl);
	store_article_free(&a);

	CHECK_INT(store_article(st, "03-family", "es", &a), 0);
	CHECK_STR(a.lang, "en");
	CHECK_INT(a.fallback, 1);
	CHECK_STR(a.title, "Make a family safety plan");
	store_article_free(&a);

	CHECK_INT(store_article(st, "01-door", "en", &a), 0);
	CHECK_INT(blocks_decode(a.blocks, a.blocks_len, &bl), 0);
	CHECK(bl.n > 5 && bl.blocks[0].type == BLOCK_CALLOUT);
	blocks_free(&bl);
	store_article_free(&a);

	CHECK_INT(store_article(st, "99-none", "es", &a), -1);
	store_article_free(&a);
}

static void test_contacts(void)
{
	static const char *const want[] = {
		"state-hotline", "national-hotline", "lakeview-legal", "alpha-lakeview-clinic",
		"zeta-lakeview-clinic", "state-workers", "national-org" };
	store_contact_t *c;
	int n = store_contacts(st, "sample-lakeview", "es", NULL, &c);
	CHECK_INT(n, 7);
	for (int i = 0; i < n && i < 7; i++) CHECK_STR(c[i].id, want[i]);
	if (n == 7) {
		CHECK_INT(c[0].rank, 1);
		CHECK_INT(c[1].rank, 2);
		CHECK_INT(c[2].rank, 0);
		/* Stored in E.164 with labels, whatever the CSV's grouping. */
		CHECK_STR(c[2].phones, "main:+12025550101;fax:+12025550102");
		CHECK_STR(c[2].hours, "Mo-Fr 09:00-17:00");
		CHECK_STR(c[2].tz, "America/Chicago");
		/* directory/es.po translates this one's name and notes. */
		CHECK_STR(c[2].name, "Centro Legal de Lakeview");
		CHECK_STR(c[2].notes, "Primera consulta gratis.");
		CHECK(c[2].name_translated && c[2].notes_translated);
		CHECK(!c[3].notes_translated);
		CHECK_INT(c[1].interpretation, 1);
		CHECK_INT(c[0].interpretation, 0);
		CHECK_STR(c[2].address, "100 Sample St, Lakeview");
		CHECK_INT(c[2].sample, 1);
		CHECK_STR(c[3].notes, "Notes with \"quotes\", and a comma.");
		CHECK_STR(c[6].notes, "Two lines\nof notes.");
		CHECK_STR(c[6].verified_on, "2026-08-01");
	}
	store_contacts_free(c, n);

	/* Without a language: by name within each rank. */
	n = store_contacts(st, "sample-lakeview", NULL, NULL, &c);
	CHECK(n == 7 && strcmp(c[2].id, "alpha-lakeview-clinic") == 0 && strcmp(c[4].id, "zeta-lakeview-clinic") == 0);
	/* ... and in English. */
	CHECK(n == 7 && strcmp(c[3].name, "Lakeview Legal Center") == 0 && !c[3].name_translated);
	store_contacts_free(c, n);

	n = store_contacts(st, "sample-lakeview", "es", "asylum", &c);
	CHECK_INT(n, 3);
	CHECK(n == 3 && strcmp(c[0].id, "alpha-lakeview-clinic") == 0 && strcmp(c[2].id, "national-org") == 0);
	store_contacts_free(c, n);

	n = store_contacts(st, "sample-riverbend", "en", NULL, &c);
	CHECK(n == 5 && strcmp(c[2].id, "riverbend-org") == 0);
	store_contacts_free(c, n);

	n = store_contacts(st, NULL, NULL, NULL, &c);
	CHECK(n == 2 && strcmp(c[0].id, "national-hotline") == 0 && strcmp(c[1].id, "national-org") == 0);
	store_contacts_free(c, n);
	n = store_contacts(st, "no-such-region", "en", NULL, &c);
	CHECK_INT(n, 2);
	store_contacts_free(c, n);
}

static int has_hit(const store_hit_t *h, int n, const char *ref, const char *lang)
{
	for (int i = 0; i < n; i++)
		if (strcmp(h[i].ref, ref) == 0 && (!lang || strcmp(h[i].lang, lang) == 0)) return i + 1;
	return 0;
}

static void test_search(void)
{
	store_hit_t *h;
	/* A two-character word from the middle of a Chinese sentence. */
	int n = store_search(st, "官员", "zh-Hans", 10, &h);
	CHECK(n >= 1 && has_hit(h, n, "01-door", "zh-Hans"));
	if (n >= 1) {
		CHECK_STR(h[0].kind, "article");
		CHECK_STR(h[0].title, "如果移民官员来敲门");
		CHECKF(strstr(h[0].snippet, "移民\x01官员\x02") != NULL, "%s", h[0].snippet);
	}
	store_hits_free(h, n);
	n = store_search(st, "开门", "zh-Hans", 10, &h);
	CHECK(n >= 1 && has_hit(h, n, "01-door", "zh-Hans"));
	if (n >= 1) CHECKF(strstr(h[0].snippet, "你不必\x01开门\x02") != NULL, "%s", h[0].snippet);
	store_hits_free(h, n);

	/* Typed without accents. */
	n = store_search(st, "nino", "es", 10, &h);
	CHECK(n == 1 && has_hit(h, n, "01-door", "es"));
	if (n == 1) CHECKF(strstr(h[0].snippet, "\x01niño\x02") != NULL, "%s", h[0].snippet);
	store_hits_free(h, n);
	n = store_search(st, "INMIGRACION", "es", 10, &h);
	CHECK(n >= 1 && has_hit(h, n, "01-door", "es"));
	store_hits_free(h, n);

	/* The last word is a prefix: results while typing. */
	n = store_search(st, "signed by a jud", "en", 10, &h);
	CHECK(n >= 1 && has_hit(h, n, "01-door", "en"));
	store_hits_free(h, n);

	/* The visitor's language first, one hit per topic, English too. */
	n = store_search(st, "door", "es", 10, &h);
	CHECK(n >= 1 && has_hit(h, n, "01-door", "en") && !has_hit(h, n, "01-door", "es"));
	store_hits_free(h, n);
	n = store_search(st, "puerta", "es", 10, &h);
	CHECK(n >= 1 && has_hit(h, n, "01-door", "es") == 1);
	store_hits_free(h, n);
	n = store_search(st, "官员", "es", 10, &h);           /* zh-Hans not searched */
	CHECK_INT(n, 0);
	store_hits_free(h, n);

	/* Contacts: by service labels in the visitor's language and in
	 * English, by language names. */
	n = store_search(st, "asilo", "es", 10, &h);
	CHECK(n == 3 && has_hit(h, n, "alpha-lakeview-clinic", "es") && strcmp(h[0].kind, "contact") == 0);
	store_hits_free(h, n);
	n = store_search(st, "asylum", "es", 10, &h);
	CHECK(n == 3 && has_hit(h, n, "alpha-lakeview-clinic", "es"));
	store_hits_free(h, n);
	n = store_search(st, "Chinese", "en", 10, &h);
	CHECK(has_hit(h, n, "lakeview-legal", "en") && has_hit(h, n, "national-org", "en"));
	store_hits_free(h, n);

	/* A word of a contact's Spanish note finds it in Spanish (only), with
	 * its Spanish name and that note around the word. */
	n = store_search(st, "consulta", "es", 10, &h);
	int at = has_hit(h, n, "lakeview-legal", "es") - 1;
	CHECK_INT(n, 1);
	if (at >= 0) {
		CHECK_STR(h[at].title, "Centro Legal de Lakeview");
		CHECKF(strstr(h[at].snippet, "Primera \x01" "consulta\x02 gratis.") != NULL, "%s", h[at].snippet);
	}
	store_hits_free(h, n);
	n = store_search(st, "consulta", "en", 10, &h);
	CHECK_INT(n, 0);
	store_hits_free(h, n);
	/* Found by an English word of the note, still shown in Spanish. */
	n = store_search(st, "meeting", "es", 10, &h);
	at = has_hit(h, n, "lakeview-legal", "es") - 1;
	CHECK(at >= 0);
	if (at >= 0) {
		CHECK_STR(h[at].title, "Centro Legal de Lakeview");
		CHECKF(strstr(h[at].snippet, "Primera consulta gratis.") && !strstr(h[at].snippet, "meeting"), "%s", h[at].snippet);
	}
	store_hits_free(h, n);
	/* Untranslated in zh-Hans: the English name and note. */
	n = store_search(st, "meeting", "zh-Hans", 10, &h);
	at = has_hit(h, n, "lakeview-legal", "zh-Hans") - 1;
	CHECK(at >= 0);
	if (at >= 0) {
		CHECK_STR(h[at].title, "Lakeview Legal Center");
		CHECKF(strstr(h[at].snippet, "Free first \x01" "meeting\x02."), "%s", h[at].snippet);
	}
	store_hits_free(h, n);
	n = store_search(st, "warrant", "en", 1, &h);
	CHECK_INT(n, 1);
	store_hits_free(h, n);

	/* Whatever is typed is words, never FTS5 syntax. */
	static const char *const odd[] = { "\"", "AND OR NOT", "NEAR(a b)", "a*", "title:x", "-x +y ^z", "",
	                                   "   ", "'; DROP TABLE x; --", "\xff\xfe", "{}[]()" };
	for (size_t i = 0; i < KYR_ARRAY_LEN(odd); i++) {
		n = store_search(st, odd[i], "en", 10, &h);
		CHECKF(n >= 0, "query \"%s\"", odd[i]);
		store_hits_free(h, n);
	}
}

/* Copies the database, changes it with sql, and tries to open it. */
static store_t *open_altered(const char *sql, char *err, size_t errlen)
{
	char *path = xasprintf("%s/altered.db", tmp), *cmd = xasprintf("cp '%s' '%s'", db_path, path);
	CHECK(system(cmd) == 0);
	sqlite3 *db;
	CHECK(sqlite3_open(path, &db) == SQLITE_OK);
	CHECKF(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK, "%s", sqlite3_errmsg(db));
	sqlite3_close(db);
	store_t *s = store_open(path, err, errlen);
	free(path);
	free(cmd);
	return s;
}

static void test_refusals(void)
{
	char err[256];
	store_t *s = open_altered("UPDATE meta SET value = '7' WHERE key = 'schema_version'", err, sizeof err);
	CHECK(s == NULL);
	CHECKF(strstr(err, "altered.db: schema version 7, this kiosk understands " STR(STORE_SCHEMA_VERSION)) != NULL, "%s", err);
	s = open_altered("DROP TABLE contacts", err, sizeof err);
	CHECK(s == NULL);
	CHECKF(strstr(err, "2 of its 24 tables and indexes are missing"), "%s", err);
	s = open_altered("DROP TABLE meta", err, sizeof err);
	CHECKF(s == NULL && strstr(err, "not a KYR content database"), "%s", err);

	/* Signed but hostile: nothing but kyr-build's own tables and indexes,
	 * a content version of the documented form, titles within limits. */
	static const char *const hostile[][2] = {
		{"CREATE VIEW v AS SELECT 1", "unexpected view 'v'"},
		{"CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT 1; END", "unexpected trigger 't'"},
		{"CREATE VIRTUAL TABLE extra USING fts5(x)", "unexpected virtual table 'extra'"},
		{"CREATE INDEX i ON articles(title)", "unexpected index 'i'"},
		{"ALTER TABLE topics RENAME TO t0; CREATE VIEW topics AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL"
		 " SELECT n + 1 FROM r) SELECT n AS slug, n AS ord, n AS icon FROM r", "unexpected"},
		{"UPDATE meta SET value = '9223372036854775807' WHERE key = 'content_version'", "is not of the form YYYYMMDDNN"},
		{"UPDATE meta SET value = '2026133101' WHERE key = 'content_version'", "is not of the form YYYYMMDDNN"},
		{"UPDATE articles SET title = printf('%.*c', 20000, 'x') WHERE lang = 'es'", "over the content limits"},
	};
	for (size_t i = 0; i < KYR_ARRAY_LEN(hostile); i++) {
		s = open_altered(hostile[i][0], err, sizeof err);
		CHECKF(s == NULL && strstr(err, hostile[i][1]), "%s: %s", hostile[i][0], err);
		store_close(s);
	}
	CHECK(store_version_ok("2026112801") && store_version_ok("2099022899"));
	CHECK(!store_version_ok("2019123101") && !store_version_ok("202611280") && !store_version_ok("2026-11-28"));

	/* A table of the right name with a generated column (which would run
	 * at every read): refused, the SQL is not kyr-build's. */
	s = open_altered("DROP TABLE topics; CREATE TABLE topics(slug TEXT PRIMARY KEY, ord INTEGER NOT NULL,"
	                 " icon INTEGER GENERATED ALWAYS AS (ord * 2) VIRTUAL);"
	                 " INSERT INTO topics(slug, ord) SELECT DISTINCT topic, 1 FROM articles", err, sizeof err);
	CHECKF(s == NULL && strstr(err, "unexpected table 'topics'"), "%s", err);
	store_close(s);

	/* A damaged article blob is refused by blocks_decode, not a crash. */
	s = open_altered("UPDATE articles SET blocks = x'4b42310a05' WHERE lang = 'es'", err, sizeof err);
	CHECK(s != NULL);
	if (s) {
		store_article_t a;
		blocklist_t bl;
		CHECK_INT(store_article(s, "01-door", "es", &a), 0);
		CHECK_INT(blocks_decode(a.blocks, a.blocks_len, &bl), -1);
		store_article_free(&a);
		store_close(s);
	}

	/* Not a database at all; a missing file. */
	char *junk = xasprintf("%s/junk.db", tmp);
	FILE *f = fopen(junk, "w");
	if (f) {
		for (int i = 0; i < 5000; i++) fputc((i * 7919) & 0xff, f);
		fclose(f);
	}
	s = store_open(junk, err, sizeof err);
	CHECKF(s == NULL && strstr(err, "junk.db") != NULL, "%s", err);
	unlink(junk);
	s = store_open(junk, err, sizeof err);
	CHECKF(s == NULL && strstr(err, "junk.db: cannot read") != NULL, "%s", err);
	free(junk);

	/* A truncated database: opens or not, but queries never crash. */
	char *cut = xasprintf("%s/cut.db", tmp), *cmd = xasprintf("head -c 20000 '%s' > '%s'", db_path, cut);
	CHECK(system(cmd) == 0);
	s = store_open(cut, err, sizeof err);
	if (s) {
		store_topic_t *t;
		store_hit_t *h;
		int nt = store_topics(s, "es", &t);
		store_topics_free(t, nt);
		int nh = store_search(s, "door", "en", 5, &h);
		store_hits_free(h, nh);
		store_close(s);
		CHECKF(nt >= -1 && nh >= -1 && nh <= 5, "truncated database: topics %d, hits %d", nt, nh);
	} else {
		CHECKF(strstr(err, "cut.db") != NULL, "truncated database refused without naming it: %s", err);
	}
	free(cut);
	free(cmd);
}

int main(void)
{
	setup();
	RUN(test_meta_languages);
	RUN(test_ui);
	RUN(test_topics);
	RUN(test_article);
	RUN(test_contacts);
	RUN(test_search);
	RUN(test_refusals);
	store_close(st);
	return harness_done();
}
