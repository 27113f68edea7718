/* test_labels — every control keeps its words: in every language of the
 * content, at 800x480, 720x1280 and 1080x1920 and at each text size, no
 * button, chip or tile with a label is drawn as its icon alone (the
 * target's icon_only mark, which ui_button sets when it drops the words).
 * A visitor who cannot read icons needs the word. */
#include <string.h>
#include "harness.h"
#include "fixture.h"
#include "util.h"

static store_t *st_fixture;
static font_set_t *fs_fixture;

static const int sizes[][2] = {{800, 480}, {720, 1280}, {1080, 1920}};

typedef struct {
	int count;              /* icon-only controls: each counted once a screen */
	char first[160];        /* the first one, to say where */
	const char *where;
	char seen[32][DRAW_ID_MAX];   /* on this screen so far */
	int nseen;
} tally_t;

static void see(const draw_list_t *dl, void *arg)
{
	tally_t *t = arg;
	for (size_t i = 0; i < dl->n; i++) {
		const draw_item_t *it = &dl->items[i];
		if (it->kind != DRAW_TARGET || !it->icon_only) continue;
		int known = 0;
		for (int k = 0; k < t->nseen && !known; k++) known = !strcmp(t->seen[k], it->id);
		if (known) continue;
		if (t->nseen < (int)KYR_ARRAY_LEN(t->seen)) snprintf(t->seen[t->nseen++], DRAW_ID_MAX, "%s", it->id);
		printf("#   %s: %s\n", t->where, it->id);
		if (!t->count++) snprintf(t->first, sizeof t->first, "%s: %s", t->where, it->id);
	}
}

/* The screens a visitor reaches from home, each from its top to its
 * bottom. Returns 0 when every screen opened. */
static int walk(ui_t *ui, const char *lang, int textsize, tally_t *t)
{
	static const char *const paths[][3] = {
		{"", NULL, NULL},                       /* home */
		{"topic:01-door", NULL, NULL},
		{"directory", NULL, NULL},
		{"directory", "filter:lang:all", NULL},
		{"directory", "filter:services", NULL},
		{"directory", "filter:lang:all", "org:national-detention-hotline"},
		{"card", NULL, NULL},
		{"search", NULL, NULL},
		{"about", NULL, NULL},
		{"language", NULL, NULL},
	};
	char id[64], where[160];
	int ok = 1;
	for (size_t p = 0; p < KYR_ARRAY_LEN(paths); p++) {
		ui_reset(ui);
		snprintf(id, sizeof id, "lang:%s", lang);
		ok &= ui_activate(ui, id) == 1;
		for (int k = 0; k < (textsize + 2) % 3; k++) ui_activate(ui, "textsize");   /* medium → small, medium, large */
		for (int s = 0; s < 3 && paths[p][s]; s++)
				if (paths[p][s][0] && !ui_activate(ui, paths[p][s])) {
				printf("# %s: no %s\n", lang, paths[p][s]);
				ok = 0;
			}
		snprintf(where, sizeof where, "%s size %d %s", lang, textsize, paths[p][0][0] ? paths[p][0] : "home");
		t->where = where;
		t->nseen = 0;
		fixture_scroll(ui, 1000, see, t);
	}
	return ok ? 0 : -1;
}

static void no_icon_only_controls(void)
{
	store_lang_t *langs = NULL;
	int n = store_languages(st_fixture, &langs);
	CHECKF(n > 1, "no languages in the content");
	config_t cfg;
	config_defaults(&cfg);
	for (size_t s = 0; s < KYR_ARRAY_LEN(sizes); s++) {
		int w = sizes[s][0], h = sizes[s][1];
		ui_t *ui = ui_new(st_fixture, fs_fixture, &cfg, w, h);
		tally_t t = {0};
		int opened = 1;
		for (int i = 0; i < n; i++)
			for (int ts = 0; ts < 3; ts++) opened &= walk(ui, langs[i].code, ts, &t) == 0;
		printf("# %dx%d: %d icon-only controls with a label%s%s\n", w, h, t.count, t.count ? ", first " : "", t.first);
		CHECKF(opened, "%dx%d: a screen of the walk did not open", w, h);
		CHECKF(t.count == 0, "%dx%d: %d controls drawn as their icon alone (first %s)", w, h, t.count, t.first);
		ui_free(ui);
	}
	store_langs_free(langs, n);
}

int main(void)
{
	if (fixture_open(&st_fixture, &fs_fixture)) {
		CHECKF(0, "no content or fonts in the build");
		fixture_close(st_fixture, fs_fixture);
		return harness_done();
	}
	RUN(no_icon_only_controls);
	fixture_close(st_fixture, fs_fixture);
	return harness_done();
}
