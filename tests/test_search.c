/* test_search — search in every language, through the real search screen
 * (keys tapped on the on-screen keyboards) and the store, on the real
 * content (build/content.db) and fonts: pinyin for Chinese, Latin letters
 * for Hindi and Amharic, the Devanagari and Ethiopic keyboards, matches
 * marked in the article's own script, whole Indic and Burmese words. */
#include "harness.h"
#include "fixture.h"
#include "util.h"
#include "config.h"
#include "kbd.h"
#include "roman.h"
#include "store.h"
#include "text.h"
#include "ui.h"

#include <SDL_ttf.h>
#include <stdlib.h>

static store_t *st;
static font_set_t *fs;
static config_t cfg;
static uint32_t now = 1000;

/* CHECK_STR for arrays, which are never NULL. */
#define SAME(a, b) CHECKF(strcmp((a), (b)) == 0, "\"%s\" != \"%s\"", (a), (b))

static const draw_item_t *find(ui_t *ui, const char *id) { return draw_find(ui_draw(ui), id); }

static int tap(ui_t *ui, const char *id)
{
	const draw_item_t *t = find(ui, id);
	for (int i = 0; !t && i < 8; i++) {
		input_event_t pg = {IN_KEY, 0, 0, KEY_PAGEDOWN, 0, "", 0};
		ui_input(ui, &pg, now += 20);
		t = find(ui, id);
	}
	if (!t) return -1;
	input_event_t ev = {IN_DOWN, t->r.x + t->r.w / 2, t->r.y + t->r.h / 2, 0, 0, "", 0};
	ui_input(ui, &ev, now += 20);
	ev.type = IN_UP;
	ui_input(ui, &ev, now += 50);
	ui_tick(ui, now += 50);
	return 0;
}

/* The search screen in lang, at w x h. */
static ui_t *search_in(const char *lang, int w, int h)
{
	char id[40];
	ui_t *ui = ui_new(st, fs, &cfg, w, h);
	snprintf(id, sizeof id, "lang:%s", lang);
	CHECKF(tap(ui, id) == 0 && tap(ui, "search") == 0, "%s: no search screen", lang);
	return ui;
}

/* Taps the keys named in keys (separated by spaces: "b u space k"), as a
 * visitor would; 0 when every key was on the screen. */
static int type(ui_t *ui, const char *keys)
{
	char *copy = xstrdup(keys), *save = NULL;
	int rc = 0;
	for (char *k = strtok_r(copy, " ", &save); k; k = strtok_r(NULL, " ", &save)) {
		char id[64];
		snprintf(id, sizeof id, "key:%s", k);
		if (tap(ui, id) < 0) {
			fprintf(stderr, "no key %s\n", id);
			rc = -1;
		}
	}
	free(copy);
	return rc;
}

/* The first text drawn inside result n (its title), or NULL. */
static const char *result_title(ui_t *ui, int n)
{
	char id[24];
	snprintf(id, sizeof id, "result:%d", n);
	const draw_item_t *t = find(ui, id);
	const draw_list_t *dl = ui_draw(ui);
	for (size_t i = 0; t && i < dl->n; i++) {
		const draw_item_t *d = &dl->items[i];
		if (d->kind == DRAW_TEXT && d->r.y >= t->r.y && d->r.y < t->r.y + t->r.h) return d->text;
	}
	return NULL;
}

/* The title of topic slug in lang. */
static char *title_of(const char *slug, const char *lang)
{
	store_article_t a;
	if (store_article(st, slug, lang, &a) < 0) return NULL;
	char *t = xstrdup(a.title);
	store_article_free(&a);
	return t;
}

/* Result 0 on the screen is topic slug in lang (by its title). */
static void first_is(ui_t *ui, const char *slug, const char *lang, const char *what)
{
	char *want = title_of(slug, lang);
	const char *got = result_title(ui, 0);
	CHECKF(want && got && !strcmp(want, got), "%s: first result \"%s\", want \"%s\"", what, got ? got : "(none)",
	       want ? want : "?");
	free(want);
}

/* Pinyin on the Chinese keyboard, spaced syllables or the joined word. */
static void pinyin_finds_door(void)
{
	static const char *const langs[] = {"zh-Hans", "zh-Hant"};
	for (size_t i = 0; i < KYR_ARRAY_LEN(langs); i++) {
		ui_t *ui = search_in(langs[i], 800, 480);
		CHECK(find(ui, "key:k") != NULL && find(ui, "key:switch") == NULL);   /* one keyboard: pinyin */
		CHECK(type(ui, "b u space k a i space m e n") == 0);
		first_is(ui, "01-door", langs[i], "bu kai men");
		CHECK(type(ui, "clear k a i m e n") == 0);
		first_is(ui, "01-door", langs[i], "kaimen");
		ui_free(ui);
	}
}

/* The matched words are marked in the article's own script. */
static void roman_marks_native_words(void)
{
	store_hit_t *h;
	int n = store_search(st, "kaimen", "zh-Hans", 12, &h);
	CHECK(n > 0 && !strcmp(h[0].ref, "01-door") && !strcmp(h[0].lang, "zh-Hans"));
	if (n > 0) CHECKF(strstr(h[0].snippet, "\x01开门\x02") != NULL, "%s", h[0].snippet);
	store_hits_free(h, n);
	n = store_search(st, "kaimen", "zh-Hant", 12, &h);
	if (n > 0) CHECKF(strstr(h[0].snippet, "\x01開門\x02") != NULL, "%s", h[0].snippet);
	CHECK(n > 0);
	store_hits_free(h, n);
	/* ü typed as v or u: 律师 (lawyer). */
	static const char *const lawyer[] = {"lvshi", "lushi", "lv shi"};
	for (size_t i = 0; i < KYR_ARRAY_LEN(lawyer); i++) {
		n = store_search(st, lawyer[i], "zh-Hans", 12, &h);
		CHECKF(n > 0 && !strcmp(h[0].lang, "zh-Hans") && strstr(h[0].snippet, "\x01律师") != NULL, "%s: %s", lawyer[i],
		       n > 0 ? h[0].snippet : "no hit");
		store_hits_free(h, n);
	}
	/* Hindi in Latin letters, spelt the ways people spell it. */
	static const char *const door[] = {"darvaza", "darwaza", "darvaaza", "DARWAZA"};
	for (size_t i = 0; i < KYR_ARRAY_LEN(door); i++) {
		n = store_search(st, door[i], "hi", 12, &h);
		CHECKF(n > 0 && !strcmp(h[0].ref, "01-door") && !strcmp(h[0].lang, "hi"), "%s", door[i]);
		if (n > 0) CHECKF(strstr(h[0].snippet, "\x01दरवाज़") != NULL, "%s: %s", door[i], h[0].snippet);
		store_hits_free(h, n);
	}
	/* Not romanised: Spanish is searched as typed, Latin words of Hindi
	 * are not folded into other words. */
	n = store_search(st, "drvz", "es", 12, &h);
	CHECK_INT(n, 0);
	store_hits_free(h, n);
}

/* Hindi: Devanagari keys, then the switch to Latin letters. */
static void hindi_keyboards(void)
{
	ui_t *ui = search_in("hi", 800, 480);
	CHECK(find(ui, "key:द") != NULL && find(ui, "key:switch") != NULL);
	CHECK(type(ui, "द र व ा ज ़ ा") == 0);   /* दरवाज़ा */
	first_is(ui, "01-door", "hi", "दरवाज़ा");
	CHECK(type(ui, "clear switch") == 0);
	CHECK(find(ui, "key:द") == NULL && find(ui, "key:d") != NULL);
	CHECK(type(ui, "d a r w a z a") == 0);
	first_is(ui, "01-door", "hi", "darwaza");
	CHECK(type(ui, "switch") == 0 && find(ui, "key:द") != NULL);   /* and back */
	ui_free(ui);
}

/* The switch key names the other keyboard on one line, at every size. */
static void switch_key_label(void)
{
	static const int sizes[][2] = {{800, 480}, {720, 1280}, {1080, 1920}};
	for (size_t i = 0; i < KYR_ARRAY_LEN(sizes); i++) {
		ui_t *ui = search_in("hi", sizes[i][0], sizes[i][1]);
		const draw_item_t *t = find(ui, "key:switch");
		const draw_list_t *dl = ui_draw(ui);
		int labels = 0;
		for (size_t k = 0; t && k < dl->n; k++) {
			const draw_item_t *d = &dl->items[k];
			if (d->kind == DRAW_TEXT && d->r.x >= t->r.x && d->r.x < t->r.x + t->r.w && d->r.y >= t->r.y &&
			    d->r.y < t->r.y + t->r.h)
				labels += !strcmp(d->text, "ABC") && d->layout->nlines == 1;
		}
		CHECKF(labels == 1, "%dx%d: ABC not on one line in the switch key", sizes[i][0], sizes[i][1]);
		ui_free(ui);
	}
}

/* Amharic: consonant then vowel on the Ethiopic keys; Latin letters. */
static void amharic_keyboards(void)
{
	ui_t *ui = search_in("am", 800, 480);
	CHECK(find(ui, "key:ብ") != NULL && find(ui, "key:ኡ") != NULL);
	/* በር (door): ብ + the ä key, then ር. */
	CHECK(type(ui, "ብ አ ር") == 0);
	first_is(ui, "01-door", "am", "በር");
	/* A bare consonant last may still get its vowel: በር finds በሩን (the door). */
	store_hit_t *h;
	int n = store_search(st, "በር", "am", 12, &h);
	CHECKF(n > 0 && strstr(h[0].snippet, "\x01በሩን\x02") != NULL, "%s", n > 0 ? h[0].snippet : "no hit");
	store_hits_free(h, n);
	CHECK(type(ui, "clear switch b e r") == 0);
	first_is(ui, "01-door", "am", "ber");
	ui_free(ui);
}

/* The composer itself: vowels after consonants, labialised forms, Delete. */
static void ethiopic_compose(void)
{
	char q[64] = "";
	kbd_type(KBD_ETHIOPIC, q, sizeof q, "ብ");
	kbd_type(KBD_ETHIOPIC, q, sizeof q, "ኡ");
	SAME(q, "ቡ");
	kbd_type(KBD_ETHIOPIC, q, sizeof q, "ኢ");    /* after a syllable: the vowel itself */
	SAME(q, "ቡኢ");
	q[0] = 0;
	kbd_type(KBD_ETHIOPIC, q, sizeof q, "ግ");
	kbd_type(KBD_ETHIOPIC, q, sizeof q, "ዋ");
	SAME(q, "ጓ");
	kbd_backspace(KBD_ETHIOPIC, q);
	SAME(q, "ግ");
	kbd_backspace(KBD_ETHIOPIC, q);
	SAME(q, "");
	kbd_type(KBD_ETHIOPIC, q, sizeof q, "ል");
	kbd_type(KBD_ETHIOPIC, q, sizeof q, "ዋ");
	SAME(q, "ሏ");
	kbd_type(KBD_ETHIOPIC, q, sizeof q, "ም");
	kbd_type(KBD_ETHIOPIC, q, sizeof q, "እ");    /* ə on a bare consonant: it stays */
	SAME(q, "ሏም");
	kbd_type(KBD_PLAIN, q, sizeof q, "ኡ");       /* no composer: as typed */
	SAME(q, "ሏምኡ");
}

/* The folding rule of roman.h, one property a check. */
static void folding(void)
{
	char a[64], b[64];
	roman_fold("darvaza", 7, ROMAN_FUZZY, a, sizeof a);
	roman_fold("daravaza", 8, ROMAN_FUZZY, b, sizeof b);
	SAME(a, b);                                  /* the inherent a */
	roman_fold("darwaaza", 8, ROMAN_FUZZY, b, sizeof b);
	SAME(a, b);                                  /* w = v, long vowels */
	roman_fold("ghar", 4, ROMAN_FUZZY, a, sizeof a);
	roman_fold("gar", 3, ROMAN_FUZZY, b, sizeof b);
	SAME(a, b);                                  /* aspirates */
	roman_fold("zaroori", 7, ROMAN_FUZZY, a, sizeof a);
	roman_fold("zaruri", 6, ROMAN_FUZZY, b, sizeof b);
	SAME(a, b);                                  /* oo = u */
	roman_fold("kaimen", 6, ROMAN_PINYIN, a, sizeof a);
	SAME(a, "kaimen");                           /* pinyin keeps its vowels */
	roman_fold("zhuang", 6, ROMAN_PINYIN, a, sizeof a);
	SAME(a, "zuang");
	roman_fold("lv", 2, ROMAN_PINYIN, a, sizeof a);
	SAME(a, "lu");
	CHECK_INT(roman_fold("दर", strlen("दर"), ROMAN_FUZZY, a, sizeof a), 0);   /* not Latin */
	CHECK_INT(roman_mode("zh-Hant"), ROMAN_PINYIN);
	CHECK_INT(roman_mode("es"), ROMAN_NONE);
}

/* Vowel signs stay inside words: a whole word finds its article, the part
 * of a word after a vowel sign (a token of its own before) finds nothing. */
static void indic_whole_words(void)
{
	static const struct { const char *lang, *word, *piece; } w[] = {
		{"bn", "দরজা", "জা"},          /* door; জা follows the র of দরজা */
		{"hi", "दरवाज़ा", "वाज़ा"},
		{"pa", "ਦਰਵਾਜ਼ਾ", "ਵਾਜ਼ਾ"},
		{"my", "တံခါး", "ခါး"},
	};
	for (size_t i = 0; i < KYR_ARRAY_LEN(w); i++) {
		store_hit_t *h;
		int n = store_search(st, w[i].word, w[i].lang, 12, &h);
		int found = 0;
		for (int k = 0; k < n; k++) found |= !strcmp(h[k].ref, "01-door") && !strcmp(h[k].lang, w[i].lang);
		CHECKF(found, "%s: %s", w[i].lang, w[i].word);
		store_hits_free(h, n);
		/* The piece, followed by a space so it is a whole word, not a prefix. */
		char q[64];
		snprintf(q, sizeof q, "%s ", w[i].piece);
		n = store_search(st, q, w[i].lang, 12, &h);
		found = 0;
		for (int k = 0; k < n; k++) found |= !strcmp(h[k].lang, w[i].lang) && strstr(h[k].snippet, "\x01") != NULL &&
		                                     strstr(h[k].snippet, w[i].word) != NULL;
		CHECKF(!found, "%s: the piece %s matched inside %s", w[i].lang, w[i].piece, w[i].word);
		store_hits_free(h, n);
	}
}

/* The right-to-left Delete key is the backspace sign drawn mirrored, with
 * its spoken name; left to right it is not mirrored. */
static void rtl_delete_key(void)
{
	static const char *const langs[] = {"ar", "en"};
	for (size_t l = 0; l < KYR_ARRAY_LEN(langs); l++) {
		ui_t *ui = search_in(langs[l], 800, 480);
		const draw_item_t *t = find(ui, "key:backspace");
		const draw_list_t *dl = ui_draw(ui);
		int icons = 0, mirrored = 0;
		for (size_t i = 0; t && i < dl->n; i++) {
			const draw_item_t *d = &dl->items[i];
			if (d->kind == DRAW_ICON && d->r.x >= t->r.x && d->r.x < t->r.x + t->r.w && d->r.y >= t->r.y &&
			    d->r.y < t->r.y + t->r.h) {
				icons += d->icon == 0xe14a;   /* Material "backspace" */
				mirrored += d->rtl;
			}
		}
		CHECKF(icons == 1, "%s: %d backspace icons", langs[l], icons);
		CHECKF(mirrored == (l == 0), "%s: mirrored %d", langs[l], mirrored);
		ui_free(ui);
	}
}

/* Contact id as the directory shows it in lang (from a kiosk in either
 * county of the content, so every contact is seen), or NULL; *c and *nc
 * hold what the caller frees. */
static const store_contact_t *contact(const char *id, const char *lang, store_contact_t **c, int *nc)
{
	static const char *const at[] = {"sample-lakeview", "sample-riverbend"};
	for (size_t r = 0; r < KYR_ARRAY_LEN(at); r++) {
		*nc = store_contacts(st, at[r], lang, NULL, c);
		for (int i = 0; i < *nc; i++)
			if (!strcmp((*c)[i].id, id)) return &(*c)[i];
		store_contacts_free(*c, *nc);
	}
	*c = NULL;
	*nc = 0;
	return NULL;
}

/* 1 when word is in the label of one of c's services in lang. */
static int in_service_label(const store_contact_t *c, const char *lang, const char *word)
{
	int found = 0;
	char *list = xstrdup(c->services), *save = NULL;
	for (char *s = strtok_r(list, ";", &save); s && !found; s = strtok_r(NULL, ";", &save)) {
		char key[96];
		snprintf(key, sizeof key, "service.%s", s);
		const char *label = store_ui(st, lang, key);
		found = label && strstr(label, word);
	}
	free(list);
	return found;
}

/* 1 when every run of Latin letters in snip is in one of the contact's
 * own texts in the visitor's language (its translated note keeps "DACA",
 * its address "Sample Street", its services' labels "TPS"): no English of
 * the English note. */
static int latin_only_from(const char *snip, const store_contact_t *c, const char *lang)
{
	for (const char *p = snip; *p;) {
		size_t n = 0;
		while ((p[n] | 0x20) >= 'a' && (p[n] | 0x20) <= 'z') n++;
		if (!n) { p++; continue; }
		char word[64];
		snprintf(word, sizeof word, "%.*s", (int)KYR_MIN(n, sizeof word - 1), p);
		if (!strstr(c->notes, word) && !strstr(c->address, word) && !strstr(c->name, word) &&
		    !in_service_label(c, lang, word))
			return 0;
		p += n;
	}
	return 1;
}

/* A contact is found by a word of its note in the visitor's language (or
 * of the English), and its result shows its name and note in that
 * language: a Spanish visitor reads Spanish, an Arabic one no English but
 * the proper names. */
static void contacts_in_visitor_language(void)
{
	static const struct { const char *lang, *query, *id, *marked; } w[] = {
		{"es", "gratis", "lakeview-immigrant-legal-center", "Primera consulta \x01" "gratis\x02"},
		{"ar", "مجانية", "lakeview-immigrant-legal-center", "الاستشارة الأولى \x01مجانية\x02"},
		{"ar", "legal", "riverbend-legal-aid", NULL},                      /* the English name */
		{"ar", "workshops", "lakeview-family-readiness", NULL},            /* the English note */
	};
	for (size_t i = 0; i < KYR_ARRAY_LEN(w); i++) {
		store_hit_t *h;
		int n = store_search(st, w[i].query, w[i].lang, 12, &h), found = 0, contacts = 0;
		for (int k = 0; k < n; k++) {
			if (strcmp(h[k].kind, "contact")) continue;
			store_contact_t *c;
			int nc;
			const store_contact_t *x = contact(h[k].ref, w[i].lang, &c, &nc);
			contacts++;
			found |= !strcmp(h[k].ref, w[i].id);
			CHECKF(x && x->notes_translated, "%s: %s has no %s note", w[i].query, h[k].ref, w[i].lang);
			if (x) {
				SAME(h[k].lang, w[i].lang);
				SAME(h[k].title, x->name);
				CHECKF(latin_only_from(h[k].snippet, x, w[i].lang), "%s in %s: English in \"%s\"", w[i].query, w[i].lang,
				       h[k].snippet);
				if (!strcmp(h[k].ref, w[i].id) && w[i].marked)
					CHECKF(strstr(h[k].snippet, w[i].marked) != NULL, "%s: %s", w[i].query, h[k].snippet);
			}
			store_contacts_free(c, nc);
		}
		CHECKF(found && contacts > 0, "%s in %s: %s not found", w[i].query, w[i].lang, w[i].id);
		store_hits_free(h, n);
	}
}

int main(void)
{
	if (fixture_open(&st, &fs)) { CHECKF(0, "no content or fonts in the build"); fixture_close(st, fs); return harness_done(); }
	config_defaults(&cfg);
	RUN(folding);
	RUN(ethiopic_compose);
	RUN(roman_marks_native_words);
	RUN(indic_whole_words);
	RUN(pinyin_finds_door);
	RUN(hindi_keyboards);
	RUN(amharic_keyboards);
	RUN(switch_key_label);
	RUN(rtl_delete_key);
	RUN(contacts_in_visitor_language);
	fixture_close(st, fs);
	return harness_done();
}
