/* test_ui — the kiosk's screens at the four reference sizes, in both themes
 * and in several languages, checked from the draw list: touch targets big
 * enough and apart, text inside the screen and its box, WCAG AAA contrast,
 * RTL mirroring, navigation, quick exit and the idle reset. Uses the real
 * content (build/content.db) and the real fonts (build/fonts). */
#include "harness.h"
#include "util.h"
#include "config.h"
#include "store.h"
#include "text.h"
#include "ui.h"
#include "oos.h"
#include "po.h"
#include "datefmt.h"

#include <SDL_ttf.h>
#include <sodium.h>
#include <math.h>
#include <stdlib.h>

static store_t *st;
static font_set_t *fs;
static config_t cfg;
static uint32_t now = 1000;

static const draw_item_t *find(ui_t *ui, const char *id) { return draw_find(ui_draw(ui), id); }

/* Taps the target with this id, scrolling down to it like a visitor would. */
static int tap(ui_t *ui, const char *id)
{
	const draw_item_t *t = find(ui, id);
	for (int i = 0; !t && i < 8; i++) {
		input_event_t key = {IN_KEY, 0, 0, KEY_PAGEDOWN, 0, ""};
		ui_input(ui, &key, now);
		t = find(ui, id);
	}
	if (!t) return -1;
	input_event_t ev = {IN_DOWN, t->r.x + t->r.w / 2, t->r.y + t->r.h / 2, 0, 0, ""};
	ui_input(ui, &ev, now);
	now += 50;
	ev.type = IN_UP;
	ui_input(ui, &ev, now);
	now += 50;
	ui_tick(ui, now);
	return 0;
}

static double lum(color_t c)
{
	double v[3] = {c.r / 255.0, c.g / 255.0, c.b / 255.0};
	for (int i = 0; i < 3; i++) v[i] = v[i] <= 0.03928 ? v[i] / 12.92 : pow((v[i] + 0.055) / 1.055, 2.4);
	return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

static double contrast(color_t a, color_t b)
{
	double la = lum(a), lb = lum(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static int inside(rect_t r, int x, int y) { return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h; }

static int min_target(int w, int h)
{
	int s = w < h ? w : h;
	return s >= 1080 ? 64 : 48;
}

/* Checks one screen's draw list; where names the screen in failures. */
static void check_screen(ui_t *ui, int w, int h, const char *where)
{
	const draw_list_t *dl = ui_draw(ui);
	int mt = min_target(w, h);
	int texts = 0;
	rect_t clip = {0, 0, w, h};
	for (size_t i = 0; i < dl->n; i++) {
		const draw_item_t *it = &dl->items[i];
		if (it->kind == DRAW_CLIP) clip = it->r.w ? it->r : (rect_t){0, 0, w, h};
		if (it->kind == DRAW_TARGET && strncmp(it->id, "link:", 5)) {
			int clipped = it->r.y == clip.y || it->r.y + it->r.h == clip.y + clip.h;
			if (!clipped) CHECKF(it->r.w >= mt && it->r.h >= mt, "%s: target %s is %dx%d (min %d)", where, it->id, it->r.w, it->r.h, mt);
			CHECKF(it->r.x >= 0 && it->r.y >= 0 && it->r.x + it->r.w <= w && it->r.y + it->r.h <= h,
			       "%s: target %s outside the screen", where, it->id);
			for (size_t j = i + 1; j < dl->n; j++) {
				const draw_item_t *o = &dl->items[j];
				if (o->kind != DRAW_TARGET || !strncmp(o->id, "link:", 5)) continue;
				int gx = KYR_MAX(o->r.x - (it->r.x + it->r.w), it->r.x - (o->r.x + o->r.w));
				int gy = KYR_MAX(o->r.y - (it->r.y + it->r.h), it->r.y - (o->r.y + o->r.h));
				CHECKF(gx >= 8 || gy >= 8, "%s: targets %s and %s are closer than 8 px", where, it->id, o->id);
			}
		}
		if (it->kind != DRAW_TEXT) continue;
		texts++;
		const text_layout_t *l = it->layout;
		CHECKF(l->width <= it->r.w + 1, "%s: text \"%.30s\" is %d px wide in a %d px box", where, it->text, l->width, it->r.w);
		CHECKF(it->r.x >= 0 && it->r.x + it->r.w <= w, "%s: text \"%.30s\" outside the screen (x %d w %d)", where, it->text, it->r.x, it->r.w);
		/* Every glyph run inside the box it is drawn in: a right-to-left line
		 * sits at the right of its layout's width, so drawing a layout in a
		 * narrower box than it was made for puts it outside (issue 17's badge). */
		for (int r = 0; r < l->nruns; r++)
			CHECKF(l->runs[r].x >= 0 && l->runs[r].x + l->runs[r].w <= it->r.w + 1,
			       "%s: text \"%.30s\": a run at %d..%d of a %d px box", where, it->text, l->runs[r].x,
			       l->runs[r].x + l->runs[r].w, it->r.w);
		int vis_y0 = KYR_MAX(it->r.y, clip.y), vis_y1 = KYR_MIN(it->r.y + it->r.h, clip.y + clip.h);
		CHECKF(vis_y1 > vis_y0, "%s: text \"%.30s\" drawn entirely outside its view", where, it->text);
		/* The background is the topmost rectangle under the text's middle. */
		int cx = -1, cy = -1;
		for (int r = 0; r < l->nruns && cx < 0; r++) {
			int x = it->r.x + l->runs[r].x + l->runs[r].w / 2, y = it->r.y + l->runs[r].y + l->runs[r].h / 2;
			if (inside(clip, x, y)) { cx = x; cy = y; }
		}
		if (cx < 0) continue;   /* no run shows: nothing to read */
		color_t bg = {0, 0, 0, 0};
		for (size_t j = 0; j < i; j++)
			if (dl->items[j].kind == DRAW_RECT && inside(dl->items[j].r, cx, cy)) bg = dl->items[j].color;
		double c = contrast(it->color, bg);
		CHECKF(c >= 7.0, "%s: text \"%.30s\" contrast %.2f:1 (#%02x%02x%02x on #%02x%02x%02x)", where, it->text, c,
		       it->color.r, it->color.g, it->color.b, bg.r, bg.g, bg.b);
		int marked = 0;
		for (int r = 0; r < l->nruns; r++) marked |= l->runs[r].flags & TEXT_MARK;
		if (marked) CHECKF(contrast(it->color2, bg) >= 7.0, "%s: marked text \"%.30s\" contrast too low", where, it->text);
	}
	CHECKF(texts > 0, "%s: no text on screen", where);
}

static const int sizes[][2] = {{800, 480}, {720, 1280}, {1080, 1920}, {1920, 1080}};

static void walk_all_screens(void)
{
	const char *langs[] = {"en", "ar", "zh-Hans", "am", "es"};
	for (size_t s = 0; s < KYR_ARRAY_LEN(sizes); s++) {
		int w = sizes[s][0], h = sizes[s][1];
		ui_t *ui = ui_new(st, fs, &cfg, w, h);
		for (int hc = 0; hc < 2; hc++) {
			for (size_t li = 0; li < KYR_ARRAY_LEN(langs); li++) {
				char where[128], id[64];
				ui_reset(ui);
				snprintf(where, sizeof where, "%dx%d attract", w, h);
				check_screen(ui, w, h, where);
				snprintf(id, sizeof id, "lang:%s", langs[li]);
				CHECKF(tap(ui, id) == 0, "no %s button", id);
				if (hc) CHECK(tap(ui, "contrast") == 0);
				snprintf(where, sizeof where, "%dx%d %s %s home", w, h, langs[li], hc ? "high-contrast" : "normal");
				check_screen(ui, w, h, where);
				CHECK(tap(ui, "topic:01-door") == 0);
				snprintf(where, sizeof where, "%dx%d %s %s article", w, h, langs[li], hc ? "high-contrast" : "normal");
				check_screen(ui, w, h, where);
				CHECK(tap(ui, "textsize") == 0);
				CHECK(tap(ui, "textsize") == 0);   /* large */
				snprintf(where, sizeof where, "%dx%d %s %s article large", w, h, langs[li], hc ? "high-contrast" : "normal");
				check_screen(ui, w, h, where);
				CHECK(tap(ui, "home") == 0);
				CHECK(tap(ui, "directory") == 0);
				snprintf(where, sizeof where, "%dx%d %s %s directory", w, h, langs[li], hc ? "high-contrast" : "normal");
				check_screen(ui, w, h, where);
				CHECK(tap(ui, "org:national-detention-hotline") == 0);
				snprintf(where, sizeof where, "%dx%d %s %s organisation", w, h, langs[li], hc ? "high-contrast" : "normal");
				check_screen(ui, w, h, where);
				CHECK(tap(ui, "home") == 0);
				CHECK(tap(ui, "card") == 0);
				snprintf(where, sizeof where, "%dx%d %s %s card", w, h, langs[li], hc ? "high-contrast" : "normal");
				check_screen(ui, w, h, where);
				CHECK(tap(ui, "home") == 0);
				CHECK(tap(ui, "search") == 0);
				snprintf(where, sizeof where, "%dx%d %s %s search", w, h, langs[li], hc ? "high-contrast" : "normal");
				check_screen(ui, w, h, where);
				CHECK(tap(ui, "home") == 0);
				CHECK(tap(ui, "about") == 0);
				CHECK(tap(ui, "language") == 0);
				snprintf(where, sizeof where, "%dx%d %s language", w, h, langs[li]);
				check_screen(ui, w, h, where);
			}
		}
		ui_free(ui);
	}
}

static void rtl_mirrored(void)
{
	ui_t *ui = ui_new(st, fs, &cfg, 800, 480);
	CHECK(tap(ui, "lang:ar") == 0);
	CHECK(tap(ui, "topic:01-door") == 0);
	const draw_item_t *back = find(ui, "back"), *ex = find(ui, "exit");
	CHECK(back && ex && back->r.x > ex->r.x);   /* Back at the right, Quick exit at the left */
	ui_reset(ui);
	CHECK(tap(ui, "lang:en") == 0);
	CHECK(tap(ui, "topic:01-door") == 0);
	back = find(ui, "back");
	ex = find(ui, "exit");
	CHECK(back && ex && back->r.x < ex->r.x);
	ui_free(ui);
}

/* Drawn text containing s (the draw list is what `dump` writes). */
static const draw_item_t *find_text(ui_t *ui, const char *s)
{
	const draw_list_t *dl = ui_draw(ui);
	for (size_t i = 0; i < dl->n; i++)
		if (dl->items[i].kind == DRAW_TEXT && dl->items[i].text && strstr(dl->items[i].text, s)) return &dl->items[i];
	return NULL;
}

/* "Information as of …" under the title of every article, the article's
 * as_of written as the visitor's language writes dates (ICU), in Arabic
 * with Arabic-Indic digits, in Chinese with 年月日. */
static void as_of_shown(void)
{
	const char *langs[] = {"ar", "zh-Hans", "en"};
	const char *want[] = {"٣٠", "年", "20"};
	store_topic_t *t;
	int nt = store_topics(st, "en", &t);
	for (size_t li = 0; li < KYR_ARRAY_LEN(langs); li++) {
		ui_t *ui = ui_new(st, fs, &cfg, 800, 480);
		char lang_id[32];
		snprintf(lang_id, sizeof lang_id, "lang:%s", langs[li]);
		CHECK(tap(ui, lang_id) == 0);
		for (int i = 0; i < nt; i++) {
			store_article_t a;
			char id[80], date[128];
			if (store_article(st, t[i].slug, langs[li], &a) < 0) continue;
			datefmt_format(a.as_of, langs[li], DATEFMT_LONG, date, sizeof date);
			snprintf(id, sizeof id, "topic:%s", t[i].slug);
			CHECK(tap(ui, id) == 0);
			const draw_item_t *d = find_text(ui, date), *title = find_text(ui, a.title);
			CHECKF(a.as_of[0] && d && title && d->r.y > title->r.y, "%s %s: no \"%s\" under the title", langs[li], t[i].slug, date);
			CHECKF(strstr(date, want[li]) != NULL, "%s: date \"%s\" not written the %s way", langs[li], date, langs[li]);
			store_article_free(&a);
			CHECK(tap(ui, "back") == 0);
		}
		ui_free(ui);
	}
	store_topics_free(t, nt);
}

/* The first emergency hotline of the sample directory carries its sample
 * badge, readable (every run inside its box, inside the view) in every
 * language; a sample organisation shows no made-up "checked on" date. */
static void sample_marks(void)
{
	store_lang_t *langs;
	int nl = store_languages(st, &langs);
	for (int li = 0; li < nl; li++) {
		const char *lang = langs[li].code;
		ui_t *ui = ui_new(st, fs, &cfg, 800, 480);
		char id[80];
		snprintf(id, sizeof id, "lang:%s", lang);
		CHECK(tap(ui, id) == 0);
		CHECK(tap(ui, "directory") == 0);
		const char *badge = store_ui(st, lang, "dir.sample");
		const draw_item_t *b = find_text(ui, badge), *hot = find_text(ui, store_ui(st, lang, "dir.hotlines"));
		CHECKF(b && hot && b->r.y > hot->r.y && b->r.y + b->r.h <= 480, "%s: no sample badge under the hotlines", lang);
		int inside_box = b && b->layout->nruns > 0;
		for (int r = 0; b && r < b->layout->nruns; r++)
			inside_box &= b->layout->runs[r].x >= 0 && b->layout->runs[r].x + b->layout->runs[r].w <= b->r.w + 1;
		CHECKF(inside_box, "%s: the sample badge's text is not inside the badge", lang);
		/* The first sample entry listed: its page has no checked-on date. */
		store_contact_t *c;
		int nc = store_contacts(st, store_meta(st, "default_region"), lang, NULL, &c), k0 = 0;
		while (k0 < nc && !c[k0].sample) k0++;
		CHECK(k0 < nc);
		if (k0 < nc) {
			snprintf(id, sizeof id, "org:%s", c[k0].id);
			CHECK(tap(ui, id) == 0);
			CHECK_STR(ui_screen_name(ui), "org");
			char date[128];   /* its verified_on, as a visitor would read it */
			datefmt_format(c[k0].verified_on, lang, DATEFMT_LONG, date, sizeof date);
			for (int k = 0; k < 6; k++) {   /* every part of the page */
				CHECKF(!find_text(ui, date) && !find_text(ui, c[k0].verified_on), "%s: a sample shows a checked-on date", lang);
				input_event_t pd = {IN_KEY, 0, 0, KEY_PAGEDOWN, 0, ""};
				ui_input(ui, &pd, now);
			}
		}
		store_contacts_free(c, nc);
		ui_free(ui);
	}
	store_langs_free(langs, nl);
}

static void quick_exit_and_idle(void)
{
	ui_t *ui = ui_new(st, fs, &cfg, 1080, 1920);
	CHECK(ui_is_pristine(ui));
	CHECK(tap(ui, "lang:es") == 0);
	CHECK(tap(ui, "contrast") == 0);
	CHECK(tap(ui, "textsize") == 0);
	CHECK(tap(ui, "topic:04-arrested") == 0);
	CHECK_STR(ui_screen_name(ui), "article");
	CHECK(!ui_is_pristine(ui));
	CHECK(tap(ui, "exit") == 0);
	CHECK(ui_is_pristine(ui));
	CHECK_STR(ui_screen_name(ui), "attract");

	/* Search text, directory filters and QR codes are session state too. */
	CHECK(tap(ui, "lang:es") == 0);
	CHECK(tap(ui, "search") == 0);
	CHECK(tap(ui, "key:p") == 0);
	CHECK(tap(ui, "key:a") == 0);
	CHECK(!ui_is_pristine(ui));
	CHECK(tap(ui, "exit") == 0);
	CHECK(ui_is_pristine(ui));
	CHECK(tap(ui, "lang:es") == 0);
	CHECK(tap(ui, "directory") == 0);
	CHECK(tap(ui, "filter:lang:all") == 0);
	CHECK(tap(ui, "org:national-detention-hotline") == 0);
	CHECK_STR(ui_screen_name(ui), "org");
	CHECK(tap(ui, "exit") == 0);
	CHECK(ui_is_pristine(ui));

	/* Idle: nothing for idle_seconds, then the question, then the reset. */
	CHECK(tap(ui, "lang:ar") == 0);
	CHECK(tap(ui, "topic:02-street") == 0);
	now += (uint32_t)cfg.idle_seconds * 1000 - 1000;
	ui_tick(ui, now);
	CHECK_STR(ui_screen_name(ui), "article");
	now += 1000;
	ui_tick(ui, now);
	CHECK_STR(ui_screen_name(ui), "idle");
	CHECK(find(ui, "continue") != NULL);
	CHECK(tap(ui, "continue") == 0);
	CHECK_STR(ui_screen_name(ui), "article");
	now += (uint32_t)(cfg.idle_seconds + cfg.countdown_seconds) * 1000;
	ui_tick(ui, now);   /* the question appears */
	now += (uint32_t)cfg.countdown_seconds * 1000;
	ui_tick(ui, now);
	CHECK(ui_is_pristine(ui));
	ui_free(ui);
}

static void press(ui_t *ui, int x, int y, uint32_t hold)
{
	input_event_t ev = {IN_DOWN, x, y, 0, 0, ""};
	ui_input(ui, &ev, now);
	now += hold;
	ev.type = IN_UP;
	ui_input(ui, &ev, now);
	now += 50;
	ui_tick(ui, now);
}

/* The staff screen: hidden hold, PIN, touch calibration, exit actions. */
static void operator_screen(void)
{
	config_t c = cfg;
	CHECK(sodium_init() >= 0);
	/* No PIN set: the pad says so and offers no keys. */
	ui_t *ui = ui_new(st, fs, &c, 800, 480);
	press(ui, 5, 5, 3100);
	CHECK_STR(ui_screen_name(ui), "pin");
	CHECK(find(ui, "pin:1") == NULL);
	ui_free(ui);
	CHECK(crypto_pwhash_str(c.pin_hash, "246813", 6, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN) == 0);
	ui = ui_new(st, fs, &c, 800, 480);
	press(ui, 5, 5, 500);                 /* a short tap does nothing */
	CHECK_STR(ui_screen_name(ui), "attract");
	press(ui, 5, 5, 3100);
	CHECK_STR(ui_screen_name(ui), "pin");
	CHECK(find(ui, "pin:1") != NULL);
	const char *wrong = "123456", *right = "246813";
	char id[8];
	/* enter(pin) types it and presses OK. Three wrong PINs lock the pad for
	 * 30 s, a fourth for 60 s: the right PIN is refused until then. */
#define ENTER(p) do { for (const char *d = (p); *d; d++) { snprintf(id, sizeof id, "pin:%c", *d); tap(ui, id); } \
	              tap(ui, "pin:ok"); } while (0)
	for (int i = 0; i < 3; i++) ENTER(wrong);
	ENTER(right);
	CHECK_STR(ui_screen_name(ui), "pin");
	now += 31000;
	ENTER(wrong);
	now += 31000;
	ENTER(right);
	CHECK_STR(ui_screen_name(ui), "pin");   /* the second pause is 60 s */
	now += 31000;
	ENTER(right);
	CHECK_STR(ui_screen_name(ui), "operator");
#undef ENTER
	/* Calibrate with every tap landing 24 px right and 12 px low. */
	CHECK(tap(ui, "op:calibrate") == 0);
	const float at[4][2] = {{0.1f, 0.1f}, {0.9f, 0.1f}, {0.9f, 0.9f}, {0.1f, 0.9f}};
	for (int i = 0; i < 4; i++) press(ui, (int)(at[i][0] * 800) + 24, (int)(at[i][1] * 480) + 12, 50);
	const float *m = ui_calibration(ui);
	int x, y;
	input_map_touch((400.0f + 24) / 800, (240.0f + 12) / 480, 0, m, 800, 480, &x, &y);
	CHECKF(abs(x - 400) <= 2 && abs(y - 240) <= 2, "calibrated centre maps to %d,%d", x, y);
	CHECK(find(ui, "op:save") != NULL);
	CHECK(tap(ui, "op:restart") == 0);
	CHECK_INT(ui_exit_code(ui), UI_EXIT_RESTART);
	ui_free(ui);
}

/* Spoken navigation: F1 turns it on; swipes move the focus through every
 * target of the home screen; a double tap activates the focused one. */
static void spoken_navigation(void)
{
	ui_t *ui = ui_new(st, fs, &cfg, 1080, 1920);
	CHECK(tap(ui, "lang:en") == 0);
	input_event_t f1 = {IN_KEY, 0, 0, KEY_F1, 0, ""};
	ui_input(ui, &f1, now);
	const draw_list_t *dl = ui_draw(ui);
	char ids[64][64];
	int n = 0;
	for (size_t i = 0; i < dl->n && n < 64; i++)
		if (dl->items[i].kind == DRAW_TARGET) snprintf(ids[n++], sizeof ids[0], "%s", dl->items[i].id);
	CHECK(n >= 13);   /* bar, Find help, Search, Card, ten topics */
	int seen[64] = {0};
	for (int k = 0; k < n; k++) {
		/* A swipe to the right: one step forward. */
		input_event_t e = {IN_DOWN, 200, 1200, 0, 0, ""};
		ui_input(ui, &e, now);
		for (int x = 260; x <= 500; x += 60) {
			now += 16;
			e.type = IN_MOVE;
			e.x = x;
			ui_input(ui, &e, now);
		}
		now += 16;
		e.type = IN_UP;
		ui_input(ui, &e, now);
		now += 500;
		for (int j = 0; j < n; j++) seen[j] |= !strcmp(ids[j], ui_focus_id(ui));
	}
	for (int j = 0; j < n; j++) CHECKF(seen[j], "spoken navigation never reached %s", ids[j]);
	CHECK_STR(ui_screen_name(ui), "home");   /* swiping activates nothing */
	/* One tap on a target only focuses it; a double tap activates it. */
	for (int j = 0; j < n; j++) {
		if (strncmp(ids[j], "topic:", 6) && strcmp(ids[j], "directory") && strcmp(ids[j], "card") &&
		    strcmp(ids[j], "search") && strcmp(ids[j], "about"))
			continue;
		const draw_item_t *t = find(ui, ids[j]);
		CHECKF(t != NULL, "%s gone", ids[j]);
		if (!t) continue;
		int x = t->r.x + t->r.w / 2, y = t->r.y + t->r.h / 2;
		press(ui, x, y, 40);
		CHECK_STR(ui_screen_name(ui), "home");
		CHECK_STR(ui_focus_id(ui), ids[j]);
		press(ui, x, y, 40);
		CHECKF(strcmp(ui_screen_name(ui), "home") != 0, "double tap on %s did nothing", ids[j]);
		now += 1000;
		const draw_item_t *h = find(ui, "home");
		CHECK(h != NULL);
		if (h) {
			press(ui, h->r.x + h->r.w / 2, h->r.y + h->r.h / 2, 40);
			press(ui, h->r.x + h->r.w / 2, h->r.y + h->r.h / 2, 40);
		}
		CHECK_STR(ui_screen_name(ui), "home");
		now += 1000;
	}
	ui_free(ui);
}

/* The compiled-in "out of service" texts still match the PO files. */
static void oos_matches_content(void)
{
	for (int i = 0; i < oos_count; i++) {
		char path[256];
		snprintf(path, sizeof path, "content/ui/%s.po", oos_texts[i].lang);
		size_t len;
		char *data = read_file(path, &len);
		CHECKF(data != NULL, "%s missing", path);
		if (!data) continue;
		po_t po;
		int line;
		char err[128];
		CHECK(po_parse(data, len, &po, &line, err, sizeof err) == 0);
		int found = 0;
		for (size_t k = 0; k < po.n; k++) {
			if (!po.e[k].ctxt) continue;
			if (!strcmp(po.e[k].ctxt, "oos.title")) { CHECK_STR(po.e[k].str, oos_texts[i].title); found++; }
			if (!strcmp(po.e[k].ctxt, "oos.body")) { CHECK_STR(po.e[k].str, oos_texts[i].body); found++; }
		}
		CHECKF(found == 2, "%s: oos strings not found", path);
		po_free(&po);
		free(data);
	}
}

int main(void)
{
	const char *build = getenv("BUILD") ? getenv("BUILD") : "build";
	char path[512], err[512];
	snprintf(path, sizeof path, "%s/content.db", build);
	st = store_open(path, err, sizeof err);
	if (!st) { fprintf(stderr, "%s\n", err); CHECK(st != NULL); return harness_done(); }
	snprintf(path, sizeof path, "%s/fonts", build);
	if (TTF_Init()) return 1;
	fs = font_set_open(path, err, sizeof err);
	if (!fs) { fprintf(stderr, "%s\n", err); CHECK(fs != NULL); return harness_done(); }
	config_defaults(&cfg);
	RUN(walk_all_screens);
	RUN(rtl_mirrored);
	RUN(as_of_shown);
	RUN(sample_marks);
	RUN(quick_exit_and_idle);
	RUN(oos_matches_content);
	RUN(operator_screen);
	RUN(spoken_navigation);
	font_set_close(fs);
	store_close(st);
	TTF_Quit();
	return harness_done();
}
