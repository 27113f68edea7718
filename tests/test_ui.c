/* test_ui — the kiosk's screens at the four reference sizes, in both themes
 * and in several languages, checked from the draw list: touch targets big
 * enough and apart, text inside the screen and its box, WCAG AAA contrast,
 * RTL mirroring, navigation, quick exit and the idle reset. Uses the real
 * content (build/content.db) and the real fonts (build/fonts). */
#include "harness.h"
#include "fixture.h"
#include "util.h"
#include "config.h"
#include "store.h"
#include "text.h"
#include "ui.h"
#include "oos.h"
#include "po.h"
#include "speech.h"
#include "datefmt.h"

#include <SDL_ttf.h>
#include <sodium.h>
#include <math.h>
#include <stdlib.h>

static store_t *st;
static font_set_t *fs;
static config_t cfg;
static speech_t *sp;       /* headless: nothing is heard, the utterances are real */
static uint32_t now = 1000;

static const draw_item_t *find(ui_t *ui, const char *id) { return draw_find(ui_draw(ui), id); }

static void key(ui_t *ui, int k)
{
	input_event_t ev = {IN_KEY, 0, 0, k, 0, "", 0};
	ui_input(ui, &ev, now);
	now += 20;
}

static void press(ui_t *ui, int x, int y, uint32_t hold)
{
	input_event_t ev = {IN_DOWN, x, y, 0, 0, "", 0};
	ui_input(ui, &ev, now);
	now += hold;
	ev.type = IN_UP;
	ui_input(ui, &ev, now);
	now += 50;
	ui_tick(ui, now);
}

/* Taps the target with this id, scrolling down to it like a visitor would. */
static int tap(ui_t *ui, const char *id)
{
	const draw_item_t *t = find(ui, id);
	for (int i = 0; !t && i < 8; i++) {
		key(ui, KEY_PAGEDOWN);
		t = find(ui, id);
	}
	if (!t) return -1;
	press(ui, t->r.x + t->r.w / 2, t->r.y + t->r.h / 2, 50);
	return 0;
}

/* Plays whatever the headless speech engine holds to its end, as the
 * sound device would. */
static void drain_speech(void)
{
	int16_t buf[4800];
	for (int i = 0; i < 5000 && speech_state(sp) != SPEECH_IDLE; i++)
		if (!speech_mix(sp, buf, 4800)) SDL_Delay(1);   /* the synthesiser is behind */
}

/* Two fingers down, held, then up one after the other. */
static void press2(ui_t *ui, int x1, int y1, int x2, int y2, uint32_t hold)
{
	input_event_t ev = {IN_DOWN, x1, y1, 0, 0, "", 0};
	ui_input(ui, &ev, now);
	now += 30;
	ev.x = x2;
	ev.y = y2;
	ui_input(ui, &ev, now);
	for (uint32_t t = 0; t < hold; t += 500) {   /* fingers never stay quite still */
		now += 500;
		ev.type = IN_MOVE;
		ev.x = x2 + 2;
		ui_input(ui, &ev, now);
	}
	ev.type = IN_UP;
	ui_input(ui, &ev, now);
	now += 40;
	ev.x = x1;
	ui_input(ui, &ev, now);
	now += 500;
	ui_tick(ui, now);
}

/* A swipe sideways across the middle of the screen: +1 right, -1 left. */
static void swipe(ui_t *ui, int w, int h, int dir)
{
	int x0 = w / 2 - dir * w / 6, x1 = w / 2 + dir * w / 6, y = h / 2;
	input_event_t e = {IN_DOWN, x0, y, 0, 0, "", 0};
	ui_input(ui, &e, now);
	for (int i = 1; i <= 4; i++) {
		now += 16;
		e.type = IN_MOVE;
		e.x = x0 + (x1 - x0) * i / 4;
		ui_input(ui, &e, now);
	}
	now += 16;
	e.type = IN_UP;
	ui_input(ui, &e, now);
	now += 500;   /* never a double tap */
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

/* One property of one screen state: checked once, however many items it
 * covers, so the count says how many things were checked, not how many
 * pixels. The first failure is reported with the number of failures. */
typedef struct {
	const char *what;
	int bad;
	char first[256];
} prop_t;

#define PROP_FAIL(p, ...) do { if (!(p)->bad++) snprintf((p)->first, sizeof (p)->first, __VA_ARGS__); } while (0)

static void prop_done(const prop_t *p, const char *where)
{
	CHECKF(!p->bad, "%s: %s: %d failure(s), first: %s", where, p->what, p->bad, p->first);
}

/* The smallest target and text in px for a panel (the UI's own rule,
 * recomputed here from the millimetres: 9 mm, 3.5 mm). */
static float px_per_mm(const config_t *c, int w, int h)
{
	if (c->panel_w_mm <= 0) return 480.0f / 85.92f;
	float mw = c->panel_w_mm, mh = c->panel_h_mm;
	if ((w > h) != (mw > mh)) { float t = mw; mw = mh; mh = t; }
	return KYR_MAX((float)w / mw, (float)h / mh);
}

/* Checks one screen's draw list; where names the screen in failures. */
static void check_screen(ui_t *ui, const config_t *c, int w, int h, const char *where)
{
	const draw_list_t *dl = ui_draw(ui);
	float ppm = px_per_mm(c, w, h);
	int mt = (int)(9.0f * ppm + 0.999f), mtext = (int)(3.5f * ppm + 0.999f);
	if (mt < 44) mt = 44;
	prop_t size = {"targets at least 9 mm", 0, ""}, onscreen = {"targets inside the screen", 0, ""};
	prop_t apart = {"targets 8 px apart", 0, ""}, fit = {"text inside its box", 0, ""};
	prop_t tscreen = {"text inside the screen", 0, ""}, shown = {"text inside its view", 0, ""};
	prop_t con = {"text contrast 7:1", 0, ""}, mark = {"marked text contrast 7:1", 0, ""};
	prop_t tall = {"text at least 3.5 mm", 0, ""}, runs = {"glyph runs inside their box", 0, ""};
	int texts = 0;
	rect_t clip = {0, 0, w, h};
	for (size_t i = 0; i < dl->n; i++) {
		const draw_item_t *it = &dl->items[i];
		if (it->kind == DRAW_CLIP) clip = it->r.w ? it->r : (rect_t){0, 0, w, h};
		/* Links inside a paragraph are sized by the text (WCAG 2.5.8's inline exception). */
		if (it->kind == DRAW_TARGET && strncmp(it->id, "link:", 5) && !it->passive) {
			int clipped = it->r.y == clip.y || it->r.y + it->r.h == clip.y + clip.h;
			if (!clipped && (it->r.w < mt || it->r.h < mt))
				PROP_FAIL(&size, "%s is %dx%d (min %d)", it->id, it->r.w, it->r.h, mt);
			if (!(it->r.x >= 0 && it->r.y >= 0 && it->r.x + it->r.w <= w && it->r.y + it->r.h <= h))
				PROP_FAIL(&onscreen, "%s", it->id);
			for (size_t j = i + 1; j < dl->n; j++) {
				const draw_item_t *o = &dl->items[j];
				if (o->kind != DRAW_TARGET || !strncmp(o->id, "link:", 5) || o->passive) continue;
				int gx = KYR_MAX(o->r.x - (it->r.x + it->r.w), it->r.x - (o->r.x + o->r.w));
				int gy = KYR_MAX(o->r.y - (it->r.y + it->r.h), it->r.y - (o->r.y + o->r.h));
				if (gx < 8 && gy < 8) PROP_FAIL(&apart, "%s and %s", it->id, o->id);
			}
		}
		if (it->kind != DRAW_TEXT) continue;
		texts++;
		const text_layout_t *l = it->layout;
		if (l->width > it->r.w + 1) PROP_FAIL(&fit, "\"%.30s\" is %d px wide in a %d px box", it->text, l->width, it->r.w);
		if (!(it->r.x >= 0 && it->r.x + it->r.w <= w)) PROP_FAIL(&tscreen, "\"%.30s\" at x %d w %d", it->text, it->r.x, it->r.w);
		/* Every glyph run inside the box it is drawn in: a right-to-left line
		 * sits at the right of its layout's width, so drawing a layout in a
		 * narrower box than it was made for puts it outside (issue 17's badge). */
		for (int r = 0; r < l->nruns; r++)
			if (l->runs[r].x < 0 || l->runs[r].x + l->runs[r].w > it->r.w + 1)
				PROP_FAIL(&runs, "\"%.30s\": a run at %d..%d of a %d px box", it->text, l->runs[r].x,
				          l->runs[r].x + l->runs[r].w, it->r.w);
		int vis_y0 = KYR_MAX(it->r.y, clip.y), vis_y1 = KYR_MIN(it->r.y + it->r.h, clip.y + clip.h);
		if (vis_y1 <= vis_y0) PROP_FAIL(&shown, "\"%.30s\"", it->text);
		if (it->px < mtext) PROP_FAIL(&tall, "\"%.30s\" is %d px (min %d)", it->text, it->px, mtext);
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
		double cr = contrast(it->color, bg);
		if (cr < 7.0)
			PROP_FAIL(&con, "\"%.30s\" %.2f:1 (#%02x%02x%02x on #%02x%02x%02x)", it->text, cr, it->color.r, it->color.g,
			          it->color.b, bg.r, bg.g, bg.b);
		int marked = 0;
		for (int r = 0; r < l->nruns; r++) marked |= l->runs[r].flags & TEXT_MARK;
		if (marked && contrast(it->color2, bg) < 7.0) PROP_FAIL(&mark, "\"%.30s\"", it->text);
	}
	const prop_t *all[] = {&size, &onscreen, &apart, &fit, &tscreen, &shown, &con, &mark, &tall, &runs};
	for (size_t i = 0; i < KYR_ARRAY_LEN(all); i++) prop_done(all[i], where);
	CHECKF(texts > 0, "%s: no text on screen", where);
}

/* Where the glyphs really draw (issue 18: Nastaliq's tall ink): every
 * run's ink box, shaped like the renderer shapes it, lies inside its
 * text's box and inside the control it labels (the smallest target around
 * the text), and each line's ink ends above the next line's. */
static void check_ink(ui_t *ui, int w, const char *where)
{
	const draw_list_t *dl = ui_draw(ui);
	prop_t box = {"ink inside its lines' height", 0, ""}, ctl = {"ink inside its control", 0, ""};
	prop_t lines = {"lines' ink apart", 0, ""}, scr = {"ink inside the screen", 0, ""};
	int inked = 0;
	rect_t clip = {0, 0, 1 << 20, 1 << 20};
	for (size_t i = 0; i < dl->n; i++) {
		const draw_item_t *it = &dl->items[i];
		if (it->kind == DRAW_CLIP) clip = it->r.w ? it->r : (rect_t){0, 0, 1 << 20, 1 << 20};
		if (it->kind != DRAW_TEXT) continue;
		const text_layout_t *l = it->layout;
		/* The control: the smallest target around the text's middle, in the
		 * same view (a text scrolled under a strip is not that strip's). */
		const draw_item_t *target = NULL;
		int cx = it->r.x + it->r.w / 2, cy = it->r.y + l->height / 2;
		rect_t tclip = {0, 0, 1 << 20, 1 << 20};
		for (size_t j = 0; j < dl->n; j++) {
			const draw_item_t *t = &dl->items[j];
			if (t->kind == DRAW_CLIP) tclip = t->r.w ? t->r : (rect_t){0, 0, 1 << 20, 1 << 20};
			if (t->kind == DRAW_TARGET && !t->passive && strncmp(t->id, "link:", 5) && inside(t->r, cx, cy) &&
			    !memcmp(&tclip, &clip, sizeof clip) && (!target || t->r.w * t->r.h < target->r.w * target->r.h))
				target = t;
		}
		int top[64], bottom[64], nl = KYR_MIN(l->nlines, 64);
		for (int k = 0; k < nl; k++) { top[k] = 1 << 20; bottom[k] = -(1 << 20); }
		for (int r = 0; r < l->nruns; r++) {
			rect_t ink;
			if (text_run_ink(fs, l, &l->runs[r], &ink) < 0 || !ink.w) continue;
			inked++;
			/* Down the box: its lines' height holds the ink. Across, ink may
			 * reach a pixel or two past the advance widths (a side bearing);
			 * the control or the screen must still hold it. */
			if (ink.y < 0 || ink.y + ink.h > l->height)
				PROP_FAIL(&box, "\"%.40s\": ink %d..%d in a %d px high box", it->text, ink.y, ink.y + ink.h, l->height);
			if (it->r.x + ink.x < 0 || it->r.x + ink.x + ink.w > w)
				PROP_FAIL(&scr, "\"%.40s\": ink %d..%d", it->text, it->r.x + ink.x, it->r.x + ink.x + ink.w);
			/* What the view shows of it (targets are cut by the view too). */
			int x0 = KYR_MAX(it->r.x + ink.x, clip.x), y0 = KYR_MAX(it->r.y + ink.y, clip.y);
			int x1 = KYR_MIN(it->r.x + ink.x + ink.w, clip.x + clip.w), y1 = KYR_MIN(it->r.y + ink.y + ink.h, clip.y + clip.h);
			rect_t a = {x0, y0, x1 - x0, y1 - y0};
			if (target && a.w > 0 && a.h > 0 && !(a.x >= target->r.x && a.y >= target->r.y && a.x + a.w <= target->r.x + target->r.w &&
			                a.y + a.h <= target->r.y + target->r.h))
				PROP_FAIL(&ctl, "\"%.40s\": ink %d,%d %dx%d outside %s %d,%d %dx%d", it->text, a.x, a.y, a.w, a.h, target->id,
				          target->r.x, target->r.y, target->r.w, target->r.h);
			int ln = l->runs[r].line;
			if (ln < nl) { top[ln] = KYR_MIN(top[ln], ink.y); bottom[ln] = KYR_MAX(bottom[ln], ink.y + ink.h); }
		}
		for (int k = 0; k + 1 < nl; k++)
			if (bottom[k] > top[k + 1])
				PROP_FAIL(&lines, "\"%.40s\": line %d ends at %d, line %d starts at %d", it->text, k, bottom[k], k + 1, top[k + 1]);
	}
	prop_done(&box, where);
	prop_done(&ctl, where);
	prop_done(&lines, where);
	prop_done(&scr, where);
	CHECKF(inked > 0, "%s: no ink measured", where);
}

static void open_screen(ui_t *ui, const char *lang, const char *screen);

static const int sizes[][2] = {{800, 480}, {720, 1280}, {1080, 1920}, {1920, 1080}};

/* Every screen of the walk: the rules above, and in Urdu (Nastaliq, the
 * tallest script) where the ink is. */
static void check_walk(ui_t *ui, int w, int h, const char *where, const char *lang)
{
	check_screen(ui, &cfg, w, h, where);
	if (!strcmp(lang, "ur")) check_ink(ui, w, where);
}

static void walk_all_screens(void)
{
	const char *langs[] = {"en", "ar", "zh-Hans", "am", "es", "ur"};
	for (size_t s = 0; s < KYR_ARRAY_LEN(sizes); s++) {
		int w = sizes[s][0], h = sizes[s][1];
		ui_t *ui = ui_new(st, fs, &cfg, w, h);
		for (int hc = 0; hc < 2; hc++) {
			for (size_t li = 0; li < KYR_ARRAY_LEN(langs); li++) {
				char where[128], id[64];
				ui_reset(ui);
				snprintf(where, sizeof where, "%dx%d attract", w, h);
				check_walk(ui, w, h, where, langs[li]);
				snprintf(id, sizeof id, "lang:%s", langs[li]);
				CHECKF(tap(ui, id) == 0, "no %s button", id);
				if (hc) CHECK(tap(ui, "contrast") == 0);
				snprintf(where, sizeof where, "%dx%d %s %s home", w, h, langs[li], hc ? "high-contrast" : "normal");
				check_walk(ui, w, h, where, langs[li]);
				CHECK(tap(ui, "topic:01-door") == 0);
				snprintf(where, sizeof where, "%dx%d %s %s article", w, h, langs[li], hc ? "high-contrast" : "normal");
				check_walk(ui, w, h, where, langs[li]);
				CHECK(tap(ui, "textsize") == 0);
				CHECK(tap(ui, "textsize") == 0);   /* large */
				snprintf(where, sizeof where, "%dx%d %s %s article large", w, h, langs[li], hc ? "high-contrast" : "normal");
				check_walk(ui, w, h, where, langs[li]);
				CHECK(tap(ui, "home") == 0);
				CHECK(tap(ui, "directory") == 0);
				snprintf(where, sizeof where, "%dx%d %s %s directory", w, h, langs[li], hc ? "high-contrast" : "normal");
				check_walk(ui, w, h, where, langs[li]);
				/* All languages: this hotline does not speak every one. */
				CHECK(tap(ui, "filter:lang:all") == 0);
				CHECK(tap(ui, "org:national-detention-hotline") == 0);
				snprintf(where, sizeof where, "%dx%d %s %s organisation", w, h, langs[li], hc ? "high-contrast" : "normal");
				check_walk(ui, w, h, where, langs[li]);
				CHECK(tap(ui, "home") == 0);
				CHECK(tap(ui, "card") == 0);
				snprintf(where, sizeof where, "%dx%d %s %s card", w, h, langs[li], hc ? "high-contrast" : "normal");
				check_walk(ui, w, h, where, langs[li]);
				CHECK(tap(ui, "home") == 0);
				CHECK(tap(ui, "search") == 0);
				snprintf(where, sizeof where, "%dx%d %s %s search", w, h, langs[li], hc ? "high-contrast" : "normal");
				check_walk(ui, w, h, where, langs[li]);
				CHECK(tap(ui, "home") == 0);
				CHECK(tap(ui, "about") == 0);
				CHECK(tap(ui, "language") == 0);
				snprintf(where, sizeof where, "%dx%d %s language", w, h, langs[li]);
				check_walk(ui, w, h, where, langs[li]);
			}
		}
		ui_free(ui);
	}
}

/* Sizes in millimetres on every panel preset: each screen at the panel's
 * resolution and at the smallest and largest text size, targets >= 9 mm
 * and 8 px apart, text >= 3.5 mm (check_screen with the preset's density). */
static void panel_presets(void)
{
	const char *langs[] = {"en", "ar"};
	const char *screens[] = {"home", "article", "directory", "search"};
	for (int pi = 0; pi < config_npanels; pi++) {
		const config_panel_t *P = &config_panels[pi];
		config_t c = cfg;
		char err[200];
		CHECKF(config_set(&c, "panel", P->name, err, sizeof err) == 0, "panel %s: %s", P->name, err);
		ui_t *ui = ui_new(st, fs, &c, P->w, P->h);
		for (size_t li = 0; li < KYR_ARRAY_LEN(langs); li++) {
			char where[160];
			ui_reset(ui);
			snprintf(where, sizeof where, "%s %s attract", P->name, langs[li]);
			check_screen(ui, &c, P->w, P->h, where);
			for (int ts = 0; ts < 2; ts++) {
				for (size_t si = 0; si < KYR_ARRAY_LEN(screens); si++) {
					open_screen(ui, langs[li], screens[si]);
					/* text size: medium, then small (two taps) or large (one) */
					ui_activate(ui, "textsize");
					if (!ts) ui_activate(ui, "textsize");
					snprintf(where, sizeof where, "%s %s %s %s text", P->name, langs[li], screens[si], ts ? "large" : "small");
					check_screen(ui, &c, P->w, P->h, where);
				}
			}
		}
		ui_free(ui);
	}
}

/* A bigger text size grows button labels too, not only the page's text. */
static void textsize_grows_labels(void)
{
	ui_t *ui = ui_new(st, fs, &cfg, 1080, 1920);
	int px[3] = {0, 0, 0};
	for (int ts = 0; ts < 3; ts++) {
		open_screen(ui, "en", "home");
		for (int k = 0; k < (ts + 2) % 3; k++) ui_activate(ui, "textsize");   /* medium → small, medium, large */
		const draw_item_t *b = find(ui, "directory");
		const draw_list_t *dl = ui_draw(ui);
		for (size_t i = 0; b && i < dl->n; i++)
			if (dl->items[i].kind == DRAW_TEXT && inside(b->r, dl->items[i].r.x + 1, dl->items[i].r.y + 1)) px[ts] = dl->items[i].px;
	}
	CHECKF(px[0] > 0 && px[0] < px[1] && px[1] < px[2], "Find help label: %d, %d, %d px at small, medium, large", px[0], px[1], px[2]);
	ui_free(ui);
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

/* The drawn line holding date, with the isolate marks around it removed,
 * has no doubled full stop ("30 ноября 2026 г.." when the template adds
 * its own). */
static int date_line_single_stop(ui_t *ui, const char *date)
{
	const draw_item_t *d = find_text(ui, date);
	if (!d) return 0;
	char plain[512];
	size_t n = 0;
	for (const char *p = d->text; *p && n + 1 < sizeof plain; p++) {
		if (!strncmp(p, "\u2068", 3) || !strncmp(p, "\u2069", 3)) { p += 2; continue; }
		plain[n++] = *p;
	}
	plain[n] = 0;
	return strstr(plain, "..") == NULL;
}

/* In every language the article's as-of line and an organisation's
 * checked-on line end in one full stop, however the date ends. */
static void date_lines_one_stop(void)
{
	store_lang_t *langs;
	int nl = store_languages(st, &langs);
	store_topic_t *t;
	int nt = store_topics(st, "en", &t);
	CHECK(nt > 0);
	for (int li = 0; li < nl && nt > 0; li++) {
		const char *lang = langs[li].code;
		ui_t *ui = ui_new(st, fs, &cfg, 800, 480);
		char id[80], date[128];
		snprintf(id, sizeof id, "lang:%s", lang);
		CHECK(tap(ui, id) == 0);
		store_article_t a;
		if (store_article(st, t[0].slug, lang, &a) == 0) {
			datefmt_format(a.as_of, lang, DATEFMT_LONG, date, sizeof date);
			snprintf(id, sizeof id, "topic:%s", t[0].slug);
			CHECK(tap(ui, id) == 0);
			CHECKF(date_line_single_stop(ui, date), "%s: as-of line for \"%s\" missing or ends in \"..\"", lang, date);
			store_article_free(&a);
			CHECK(tap(ui, "back") == 0);
		}
		CHECK(tap(ui, "directory") == 0);
		CHECK(tap(ui, "filter:lang:all") == 0);
		store_contact_t *c;
		int nc = store_contacts(st, store_meta(st, "default_region"), lang, NULL, &c), k = 0;
		while (k < nc && (c[k].sample || !c[k].verified_on[0])) k++;
		if (k < nc) {
			snprintf(id, sizeof id, "org:%s", c[k].id);
			CHECK(tap(ui, id) == 0);
			datefmt_format(c[k].verified_on, lang, DATEFMT_LONG, date, sizeof date);
			CHECKF(date_line_single_stop(ui, date), "%s: checked-on line for \"%s\" missing or ends in \"..\"", lang, date);
		}
		store_contacts_free(c, nc);
		ui_free(ui);
	}
	store_topics_free(t, nt);
	store_langs_free(langs, nl);
}

/* In an Arabic screen an English organisation name sits at the right edge
 * of its box like every other line (its glyphs still run left to right):
 * in the directory and on the organisation's page. */
static void rtl_names_right(void)
{
	store_contact_t *c;
	int nc = store_contacts(st, store_meta(st, "default_region"), "ar", NULL, &c), listed = 0;
	CHECK(nc > 0);
	for (int k = 0; k < nc && k < 3; k++) {
		ui_t *ui = ui_new(st, fs, &cfg, 1080, 1920);
		CHECK(tap(ui, "lang:ar") == 0);
		CHECK(tap(ui, "directory") == 0);
		CHECK(tap(ui, "filter:lang:all") == 0);
		char id[80];
		for (int screen = 0; screen < 2; screen++) {
			const draw_item_t *d = find_text(ui, c[k].name);
			if (!d && !screen) goto open;   /* below the fold of the list */
			listed += !screen;
			int right = d && d->layout->nruns > 0;
			for (int r = 0; d && r < d->layout->nruns; r++) {
				const text_run_t *run = &d->layout->runs[r];
				int end = 0;   /* the line's right end */
				for (int q = 0; q < d->layout->nruns; q++)
					if (d->layout->runs[q].line == run->line) end = KYR_MAX(end, d->layout->runs[q].x + d->layout->runs[q].w);
				right &= end >= d->r.w - 4;
			}
			CHECKF(right, "ar %s: \"%s\" is not at the right edge of its box (%d runs, box %d, first run %d+%d)", screen ? "org" : "directory", c[k].name, d ? d->layout->nruns : -1, d ? d->r.w : -1, d && d->layout->nruns ? d->layout->runs[0].x : -1, d && d->layout->nruns ? d->layout->runs[0].w : -1);
		open:
			snprintf(id, sizeof id, "org:%s", c[k].id);
			if (!screen) CHECK(tap(ui, id) == 0);
		}
		ui_free(ui);
	}
	CHECK(listed > 0);   /* at least one name checked in the list itself */
	store_contacts_free(c, nc);
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
		/* All languages: the hotlines first, whichever the visitor's. */
		CHECK(tap(ui, "filter:lang:all") == 0);
		const char *badge = store_ui(st, lang, "dir.sample");
		const draw_item_t *b = find_text(ui, badge), *hot = find_text(ui, store_ui(st, lang, "dir.hotlines"));
		CHECKF(b && hot && b->r.y > hot->r.y && b->r.y + b->r.h <= 480, "%s: no sample badge under the hotlines (%d %d %d)", lang, b ? b->r.y : -1, b ? b->r.h : -1, hot ? hot->r.y : -1);
		int inside_box = b && b->layout->nruns > 0;
		for (int r = 0; b && r < b->layout->nruns; r++)
			inside_box &= b->layout->runs[r].x >= 0 && b->layout->runs[r].x + b->layout->runs[r].w <= b->r.w + 1;
		CHECKF(inside_box, "%s: the sample badge's text is not inside the badge", lang);
		/* The first sample entry listed (all languages, the store's order):
		 * its page has no checked-on date. */
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
				input_event_t pd = {IN_KEY, 0, 0, KEY_PAGEDOWN, 0, "", 0};
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
	/* A short tap handled late (a slow frame between its down and its up)
	 * is timed by its events: still a tap, not the hidden hold. */
	input_event_t late = {IN_DOWN, 5, 5, 0, 0, "", now};
	ui_input(ui, &late, now);
	late.type = IN_UP;
	late.t = now + 100;
	now += 4000;
	ui_input(ui, &late, now);
	ui_tick(ui, now);
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
	int x = 0, y = 0;
	input_map_touch((400.0f + 24) / 800, (240.0f + 12) / 480, 0, m, 800, 480, &x, &y);
	CHECKF(abs(x - 400) <= 2 && abs(y - 240) <= 2, "calibrated centre maps to %d,%d", x, y);
	int save = 0;   /* below the fold at 800x480: in the focus order */
	for (int i = 0; i < ui_control_count(ui); i++) save |= !strcmp(ui_control_id(ui, i), "op:save");
	CHECK(save);
	CHECK(tap(ui, "op:restart") == 0);
	CHECK_INT(ui_exit_code(ui), UI_EXIT_RESTART);
	ui_free(ui);
}

/* ---- focus and spoken navigation ---- */

/* A fingerprint of what the screen shows (kinds, places, colours, texts). */
static unsigned screen_sig(ui_t *ui)
{
	const draw_list_t *dl = ui_draw(ui);
	unsigned h = HASH_INIT;
	const char *name = ui_screen_name(ui);
	h = hash_bytes(h, name, strlen(name));
	for (size_t i = 0; i < dl->n; i++) {
		const draw_item_t *it = &dl->items[i];
		if (it->kind == DRAW_FRAME) continue;   /* the focus ring */
		int v[6] = {it->kind, it->r.x, it->r.y, it->r.w, it->r.h, it->color.r << 16 | it->color.g << 8 | it->color.b};
		h = hash_bytes(h, v, sizeof v);
		if (it->kind == DRAW_TEXT) h = hash_bytes(h, it->text, strlen(it->text));
		if (it->kind == DRAW_TARGET) h = hash_bytes(h, it->id, strlen(it->id));
	}
	return h;
}

static const char *const query_for[][2] = {{"en", "police"}, {"ar", "الشرطة"}, {"zh-Hans", "警察"}};

/* Opens a screen the quick way (the paths there are tested elsewhere). */
static void open_screen(ui_t *ui, const char *lang, const char *screen)
{
	char id[64];
	ui_reset(ui);
	if (!strcmp(screen, "attract")) { ui_draw(ui); return; }
	snprintf(id, sizeof id, "lang:%s", lang);
	ui_activate(ui, id);
	if (!strcmp(screen, "language")) ui_activate(ui, "language");
	if (!strcmp(screen, "article")) ui_activate(ui, "topic:01-door");
	if (!strcmp(screen, "directory")) ui_activate(ui, "directory");
	if (!strcmp(screen, "search")) {
		ui_activate(ui, "search");
		for (size_t i = 0; i < KYR_ARRAY_LEN(query_for); i++)
			if (!strcmp(query_for[i][0], lang)) {
				input_event_t ev = {IN_TEXT, 0, 0, 0, 0, "", 0};
				snprintf(ev.text, sizeof ev.text, "%s", query_for[i][1]);
				ui_input(ui, &ev, now);
			}
	}
	ui_draw(ui);
}

#define MAX_IDS 256
typedef struct { char id[MAX_IDS][DRAW_ID_MAX]; int n; } idset_t;

static int idset_has(const idset_t *s, const char *id)
{
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->id[i], id)) return 1;
	return 0;
}

static void idset_add(idset_t *s, const char *id)
{
	if (!idset_has(s, id) && s->n < MAX_IDS) snprintf(s->id[s->n++], sizeof s->id[0], "%s", id);
}

/* Every control a visitor can see, by scrolling the page from top to end
 * (not from the UI's own list: this is what the focus must reach). */
static void visible_controls(ui_t *ui, idset_t *out)
{
	out->n = 0;
	key(ui, KEY_HOME);
	unsigned last = 0;
	for (int page = 0; page < 80; page++) {
		const draw_list_t *dl = ui_draw(ui);
		for (size_t i = 0; i < dl->n; i++)
			if (dl->items[i].kind == DRAW_TARGET && !dl->items[i].passive) idset_add(out, dl->items[i].id);
		unsigned sig = screen_sig(ui);
		if (page && sig == last) break;
		last = sig;
		key(ui, KEY_PAGEDOWN);
	}
	key(ui, KEY_HOME);
}

/* The focus ring: the last thing drawn, a frame around the focused target. */
static int ring_around(ui_t *ui, const draw_item_t *t)
{
	const draw_list_t *dl = ui_draw(ui);
	const draw_item_t *f = dl->n ? &dl->items[dl->n - 1] : NULL;
	return f && f->kind == DRAW_FRAME && f->r.x < t->r.x && f->r.y < t->r.y &&
	       f->r.x + f->r.w > t->r.x + t->r.w && f->r.y + f->r.h > t->r.y + t->r.h;
}

/* A point where no target is: a double tap there activates the focused control. */
static int empty_point(ui_t *ui, int w, int h, int *x, int *y)
{
	const draw_list_t *dl = ui_draw(ui);
	for (int yy = h - 4; yy > 0; yy -= 8)
		for (int xx = 4; xx < w; xx += 8)
			if (!draw_hit(dl, xx, yy)) { *x = xx; *y = yy; return 1; }
	return 0;
}

static const char *const walk_langs[] = {"en", "ar", "zh-Hans"};
static const char *const walk_screens[] = {"home", "article", "directory", "search"};

/* On one screen (open_screen's names): the UI's focus list is exactly
 * what scrolling shows; Tab alone and swipes alone (spoken navigation)
 * reach every control, each scrolled into view with the ring around it;
 * each control activates by Enter; a double tap activates the focused one. */
static void focus_walk(ui_t *ui, int w, int h, const char *lang, const char *screen, const char *where)
{
	static idset_t want, got;
	open_screen(ui, lang, screen);
	visible_controls(ui, &want);
	int n = ui_control_count(ui);
	/* The UI's focus list is exactly what a visitor can find by scrolling. */
	int same = n == want.n;
	for (int i = 0; same && i < n; i++) same = idset_has(&want, ui_control_id(ui, i));
	CHECKF(same && n > 5, "%s: %d controls in the focus order, %d found by scrolling", where, n, want.n);

	/* Tab alone: every control, each scrolled into view with the ring around it. */
	prop_t shown = {"each focused control shows, ring around it", 0, ""};
	got.n = 0;
	for (int k = 0; k < n; k++) {
		key(ui, KEY_TAB);
		const char *id = ui_focus_id(ui);
		idset_add(&got, id);
		const draw_item_t *t = find(ui, id);
		if (!t || !ring_around(ui, t)) PROP_FAIL(&shown, "%s", id);
	}
	prop_done(&shown, where);
	int missing = 0;
	for (int i = 0; i < want.n; i++) missing += !idset_has(&got, want.id[i]);
	CHECKF(missing == 0, "%s: Tab missed %d of %d controls", where, missing, want.n);
	CHECKF(!strcmp(screen, "attract") || !strcmp(ui_control_id(ui, 0), "back") || !strcmp(ui_control_id(ui, 0), "home") ||
	       !strcmp(ui_control_id(ui, 0), "language"), "%s: focus starts at %s, not the bar's first", where,
	       ui_control_id(ui, 0));

	/* Swipes alone, with spoken navigation on. */
	input_event_t f1 = {IN_KEY, 0, 0, KEY_F1, 0, "", 0};
	ui_input(ui, &f1, now);
	CHECKF(ui_a11y_on(ui), "%s: F1 with a voice turns spoken navigation on", where);
	key(ui, KEY_HOME);
	int na = ui_control_count(ui);   /* plus Turn off */
	got.n = 0;
	for (int k = 0; k < na; k++) {
		swipe(ui, w, h, +1);
		idset_add(&got, ui_focus_id(ui));
	}
	missing = 0;
	/* (Audio guide turns spoken navigation on: it is gone once it is on.) */
	for (int i = 0; i < want.n; i++) missing += !idset_has(&got, want.id[i]) && strcmp(want.id[i], "audio-guide");
	CHECKF(missing == 0 && idset_has(&got, "a11y:off"), "%s: swipes missed %d of %d controls", where, missing,
	       want.n);

	/* Each control activates: reached by Tab (or Shift-Tab, the shorter way) then Enter. */
	prop_t acts = {"Enter on each control does something", 0, ""};
	for (int k = 0; k < n; k++) {
		open_screen(ui, lang, screen);
		char id[DRAW_ID_MAX];
		snprintf(id, sizeof id, "%s", ui_control_id(ui, k));
		if (k < n / 2)
			for (int j = 0; j <= k; j++) key(ui, KEY_TAB);
		else
			for (int j = n - 1; j >= k; j--) key(ui, KEY_BACKTAB);
		if (strcmp(ui_focus_id(ui), id)) { PROP_FAIL(&acts, "%s not focused (%s)", id, ui_focus_id(ui)); continue; }
		unsigned before = screen_sig(ui);
		key(ui, KEY_ENTER);
		/* A filter already chosen stays chosen, Language on the language
		 * screen stays there: the controls allowed to change nothing. */
		if (screen_sig(ui) == before && strncmp(id, "filter:lang:", 12) && (strcmp(id, "language") || strcmp(screen, "language")))
			PROP_FAIL(&acts, "%s", id);
	}
	prop_done(&acts, where);

	/* Double tap after swipes: the same, for one control in the page. */
	open_screen(ui, lang, screen);
	ui_input(ui, &f1, now);
	for (int k = 0; k < 7; k++) swipe(ui, w, h, +1);
	char id[DRAW_ID_MAX];
	snprintf(id, sizeof id, "%s", ui_focus_id(ui));
	unsigned before = screen_sig(ui);
	int x = 0, y = 0;
	CHECKF(empty_point(ui, w, h, &x, &y), "%s: no empty place to double tap", where);
	press(ui, x, y, 40);
	press(ui, x, y, 40);
	CHECKF(screen_sig(ui) != before || !strncmp(id, "filter:lang:", 12), "%s: double tap on %s did nothing", where, id);
}

/* The done-when of issue 16: at each reference size, in English, Arabic and
 * Chinese, Tab alone and swipes alone reach every control of the home,
 * article, directory and search screens (scrolling each into view, the
 * ring around it), and each one activates. */
static void focus_reaches_every_control(void)
{
	for (size_t s = 0; s < KYR_ARRAY_LEN(sizes); s++) {
		int w = sizes[s][0], h = sizes[s][1];
		ui_t *ui = ui_new(st, fs, &cfg, w, h);
		ui_set_speech(ui, sp);
		for (size_t li = 0; li < KYR_ARRAY_LEN(walk_langs); li++) {
			for (size_t si = 0; si < KYR_ARRAY_LEN(walk_screens); si++) {
				char where[128];
				snprintf(where, sizeof where, "%dx%d %s %s", w, h, walk_langs[li], walk_screens[si]);
				focus_walk(ui, w, h, walk_langs[li], walk_screens[si], where);
			}
		}
		ui_free(ui);
	}
}

/* Issue 18: the language screens with 29 tiles (the 26 written languages
 * and three audio-first ones, generated recordings) at 800x480. With
 * languages_first = es, mam, zh-Hans those lead; every tile, all the same
 * name size, is at least 9 mm and apart (check_screen) wherever the
 * screen is scrolled; reached by touch-scrolling, by the "more languages"
 * strip, by Tab and by spoken navigation (focus_walk); an audio-first tile
 * shows its speaker and opens in Spanish. */
static void language_screen_29(void)
{
	const char *build = getenv("BUILD") ? getenv("BUILD") : "build";
	char dir[256], cmd[700], path[300], err[512];
	snprintf(dir, sizeof dir, "%s/tmp/ui-audio-first", build);
	snprintf(cmd, sizeof cmd, "sh tests/sh/audio-first-bundle.sh '%s' '%s' >/dev/null 2>&1", build, dir);
	CHECKF(system(cmd) == 0, "%s", cmd);
	snprintf(path, sizeof path, "%s/content.db", dir);
	store_t *s29 = store_open(path, err, sizeof err);
	CHECKF(s29 != NULL, "%s", err);
	if (!s29) return;
	config_t c = cfg;
	CHECKF(config_set(&c, "languages_first", "es, mam, zh-Hans", err, sizeof err) == 0, "%s", err);
	const char *screens[] = {"attract", "language"};
	for (size_t sz = 0; sz < KYR_ARRAY_LEN(sizes); sz++) {
		int w = sizes[sz][0], h = sizes[sz][1];
		ui_t *ui = ui_new(s29, fs, &c, w, h);
		ui_set_speech(ui, sp);
		for (size_t si = 0; si < KYR_ARRAY_LEN(screens); si++) {
			char where[128];
			static idset_t seen;
			seen.n = 0;
			open_screen(ui, "en", screens[si]);
			/* Touch-scrolling down, a third of the screen at a time. */
			int px = -1, same_px = 1, first_ok = 1, pos = 0;
			for (int k = 0; k < 40; k++) {
				snprintf(where, sizeof where, "%dx%d 29 languages %s, scrolled %d", w, h, screens[si], k);
				check_screen(ui, &c, w, h, where);
				const draw_list_t *dl = ui_draw(ui);
				for (size_t i = 0; i < dl->n; i++) {
					const draw_item_t *t = &dl->items[i];
					if (t->kind != DRAW_TARGET || strncmp(t->id, "lang:", 5)) continue;
					if (!idset_has(&seen, t->id) && k == 0 && pos < 3)
						first_ok &= !strcmp(t->id + 5, (const char *[]){"es", "mam", "zh-Hans"}[pos++]);
					idset_add(&seen, t->id);
					/* The native name: the first text drawn inside the tile. */
					for (size_t j = i + 1; j < dl->n && dl->items[j].kind != DRAW_TARGET; j++)
						if (dl->items[j].kind == DRAW_TEXT) {
							/* (the bold one: a tile the view cuts may show only its English name) */
							const text_layout_t *l = dl->items[j].layout;
							if (l->nruns && (l->runs[0].flags & TEXT_BOLD)) {
								if (px < 0) px = dl->items[j].px;
								same_px &= dl->items[j].px == px;
							}
							break;
						}
				}
				unsigned before = screen_sig(ui);
				input_event_t e = {IN_DOWN, w / 2, h * 2 / 3, 0, 0, "", 0};
				ui_input(ui, &e, now);
				for (int m = 1; m <= 4; m++) {
					now += 40;
					e.type = IN_MOVE;
					e.y = h * 2 / 3 - m * h / 12;
					ui_input(ui, &e, now);
				}
				now += 300;   /* held still: no fling */
				ui_input(ui, &e, now);
				e.type = IN_UP;
				ui_input(ui, &e, now);
				now += 500;
				ui_tick(ui, now);
				if (screen_sig(ui) == before) break;
			}
			snprintf(where, sizeof where, "%dx%d 29 languages %s", w, h, screens[si]);
			CHECKF(seen.n == 29, "%s: %d language tiles seen by touch-scrolling", where, seen.n);
			CHECKF(same_px && px > 0, "%s: the native names are not all one size", where);
			CHECKF(first_ok, "%s: languages_first does not lead", where);
			/* The strip alone: tapping it shows every tile, then goes back up. */
			open_screen(ui, "en", screens[si]);
			seen.n = 0;
			int back_up = 0;
			for (int k = 0; k < 20 && !back_up; k++) {
				const draw_list_t *dl = ui_draw(ui);
				for (size_t i = 0; i < dl->n; i++)
					if (dl->items[i].kind == DRAW_TARGET && !strncmp(dl->items[i].id, "lang:", 5)) idset_add(&seen, dl->items[i].id);
				if (w * h <= 800 * 480) CHECKF(find(ui, "more-langs"), "%s: no more-languages strip", where);
				if (!find(ui, "more-langs")) break;
				/* At the end the strip points up (expand_less) and goes back to the top. */
				const draw_item_t *m = find(ui, "more-langs");
				int up = 0;
				for (size_t i = 0; i < dl->n; i++)
					up |= dl->items[i].kind == DRAW_ICON && dl->items[i].icon == 0xe5ce && inside(m->r, dl->items[i].r.x + 1, dl->items[i].r.y + 1);
				ui_activate(ui, "more-langs");
				back_up = up;
			}
			CHECKF(seen.n == 29, "%s: %d language tiles seen through the strip", where, seen.n);
			CHECKF(back_up || !find(ui, "more-langs"), "%s: the strip never pointed back up", where);
			if (sz == 0) focus_walk(ui, w, h, "en", screens[si], where);
		}
		ui_free(ui);
	}
	/* The audio-first tile: a speaker icon inside it; touched, Spanish. */
	ui_t *ui = ui_new(s29, fs, &c, 800, 480);
	const draw_item_t *t = find(ui, "lang:mam");
	int speaker = 0;
	const draw_list_t *dl = ui_draw(ui);
	for (size_t i = 0; t && i < dl->n; i++)
		speaker |= dl->items[i].kind == DRAW_ICON && dl->items[i].icon == 0xe050 && inside(t->r, dl->items[i].r.x + dl->items[i].r.w / 2,
		                                                                                     dl->items[i].r.y + dl->items[i].r.h / 2);
	CHECKF(speaker, "the Mam tile shows no speaker");
	CHECK(tap(ui, "lang:mam") == 0);
	CHECK_STR(ui_lang(ui), "es");
	CHECK(find_text(ui, store_ui(s29, "es", "home.title")) != NULL);
	ui_free(ui);
	store_close(s29);
}

static int overlaps(rect_t a, rect_t b)
{
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/* A full-width filled rectangle from the draw list: the "more languages"
 * strip's background (the last one drawn before its button, wider than its
 * 2 px border) or the demo band (the one ending at the screen's foot). */
static int wide_rect(const draw_list_t *dl, size_t before, int w, int foot, rect_t *out)
{
	for (size_t i = before; i-- > 0;) {
		rect_t r = dl->items[i].r;
		if (dl->items[i].kind != DRAW_RECT || r.x != 0 || r.w != w || r.h <= 2 || r.y == 0) continue;
		if (foot && r.y + r.h != foot) continue;
		*out = r;
		return 1;
	}
	return 0;
}

/* The "more languages" strip covers no tile: at 800x480, 720x1280 and
 * 1080x1920, on both language screens, scrolled by a small drag at a time
 * from the top to the end, no tile (its drawn border, uncut) meets the
 * strip or the demo band, the strip does not meet the band, no tile
 * drawn is cut at the foot of the view (its target ends where its border
 * does), and every language's tile is whole at some scroll position. */
static void lang_strip_covers_no_tile(void)
{
	store_lang_t *langs = NULL;
	int nl = store_languages(st, &langs);
	store_langs_free(langs, nl);
	CHECK(nl > 0);
	const char *screens[] = {"attract", "language"};
	for (size_t sz = 0; sz < 3; sz++) {
		int w = sizes[sz][0], h = sizes[sz][1];
		ui_t *ui = ui_new(st, fs, &cfg, w, h);
		for (size_t si = 0; si < KYR_ARRAY_LEN(screens); si++) {
			char where[128];
			snprintf(where, sizeof where, "%dx%d %s", w, h, screens[si]);
			static idset_t whole;
			whole.n = 0;
			open_screen(ui, "en", screens[si]);
			int covered = 0, cut = 0, strip_on_band = 0, strips = 0, steps = 0;
			for (; steps < 400; steps++) {
				const draw_list_t *dl = ui_draw(ui);
				rect_t strip = {0, 0, 0, 0}, band = {0, 0, 0, 0};
				const draw_item_t *more = find(ui, "more-langs");
				if (more) {
					size_t mi = (size_t)(more - dl->items);
					strips += wide_rect(dl, mi, w, 0, &strip);
				}
				wide_rect(dl, dl->n, w, h, &band);
				strip_on_band |= strip.w && band.w && overlaps(strip, band);
				for (size_t i = 0; i + 1 < dl->n; i++) {
					const draw_item_t *t = &dl->items[i];
					if (t->kind != DRAW_TARGET || strncmp(t->id, "lang:", 5)) continue;
					/* The tile's border: the rectangle drawn right after its target, uncut. */
					rect_t b = dl->items[i + 1].kind == DRAW_RECT ? dl->items[i + 1].r : t->r;
					covered |= (strip.w && overlaps(b, strip)) || (band.w && overlaps(b, band));
					int is_whole = t->r.y == b.y && t->r.h == b.h;
					/* (Scrolled partly off the top is allowed; cut at the foot is not.) */
					cut |= t->r.y + t->r.h != b.y + b.h;
					if (is_whole) idset_add(&whole, t->id);
				}
				/* A 12 px drag up, held still (no fling). */
				unsigned before = screen_sig(ui);
				input_event_t e = {IN_DOWN, w / 2, h / 2, 0, 0, "", 0};
				ui_input(ui, &e, now);
				for (int m = 1; m <= 3; m++) {
					now += 40;
					e.type = IN_MOVE;
					e.y = h / 2 - m * 4 - 20;
					ui_input(ui, &e, now);
				}
				now += 300;
				ui_input(ui, &e, now);
				e.type = IN_UP;
				ui_input(ui, &e, now);
				now += 500;
				ui_tick(ui, now);
				if (screen_sig(ui) == before) break;
			}
			CHECKF(strips > 0 || !find(ui, "more-langs"), "%s: the strip's rectangle not found", where);
			CHECKF(steps > 3 || !strips, "%s: the screen did not scroll (%d steps)", where, steps);
			CHECKF(!covered, "%s: a tile meets the strip or the demo band", where);
			CHECKF(!strip_on_band, "%s: the strip meets the demo band", where);
			CHECKF(!cut, "%s: a tile is drawn cut at the foot of the view", where);
			CHECKF(whole.n == nl, "%s: %d of %d tiles ever shown whole", where, whole.n, nl);
		}
		ui_free(ui);
	}
}

/* Reading order is mirrored in RTL: the bar's controls go right to left. */
static void focus_order_mirrored(void)
{
	ui_t *ui = ui_new(st, fs, &cfg, 800, 480);
	const char *langs[] = {"en", "ar"};
	for (int rtl = 0; rtl < 2; rtl++) {
		open_screen(ui, langs[rtl], "article");
		int ok = 1, prev = rtl ? 1 << 20 : -1;
		for (int i = 0; i < 6; i++) {
			const draw_item_t *t = find(ui, ui_control_id(ui, i));
			if (!t) { ok = 0; break; }
			ok &= rtl ? t->r.x < prev : t->r.x > prev;
			prev = t->r.x;
		}
		CHECKF(ok, "%s: the bar is not focused in reading order", langs[rtl]);
	}
	/* Back from a screen, the focus is where the visitor left, scrolled into view. */
	open_screen(ui, "en", "home");
	for (int k = 0; k < 60 && strcmp(ui_focus_id(ui), "topic:05-work"); k++) key(ui, KEY_TAB);
	key(ui, KEY_ENTER);
	CHECK_STR(ui_screen_name(ui), "article");
	CHECK_STR(ui_focus_id(ui), "");
	key(ui, KEY_BACKSPACE);
	CHECK_STR(ui_focus_id(ui), "topic:05-work");
	CHECK(find(ui, "topic:05-work") != NULL);
	ui_free(ui);
}

/* Holding a finger anywhere, for any time, never changes modes: the next
 * tap works as a tap. Spoken navigation only starts from Audio guide (or
 * F1), only when the kiosk can speak, and says and shows that it is on. */
static void long_press_and_audio_guide(void)
{
	ui_t *ui = ui_new(st, fs, &cfg, 800, 480);
	ui_set_speech(ui, sp);
	const draw_item_t *t = find(ui, "lang:es");
	CHECK(t != NULL);
	if (!t) { ui_free(ui); return; }
	press(ui, t->r.x + t->r.w / 2, t->r.y + t->r.h / 2, 2500);
	CHECK(!ui_a11y_on(ui));
	int x = 0, y = 0;
	open_screen(ui, "en", "home");
	CHECK(empty_point(ui, 800, 480, &x, &y));
	press(ui, x, y, 4000);
	CHECK(!ui_a11y_on(ui));
	CHECK(tap(ui, "topic:01-door") == 0);
	CHECK_STR(ui_screen_name(ui), "article");
	press(ui, 400, 300, 2000);
	CHECK(tap(ui, "back") == 0);
	CHECK_STR(ui_screen_name(ui), "home");

	/* Audio guide: on the first screen, only with a voice. */
	ui_reset(ui);
	CHECK(tap(ui, "audio-guide") == 0);
	CHECK(ui_a11y_on(ui));
	CHECK(find(ui, "a11y:off") != NULL);   /* the visible confirmation, with its way out */
	CHECK_STR(speech_segment_voice(sp, 0), "en-us");   /* and the spoken one */
	/* Focused language names are spoken in their own language, then in English. */
	for (int k = 0; k < 40 && strcmp(ui_focus_id(ui), "lang:es"); k++) key(ui, KEY_TAB);
	CHECK_STR(ui_focus_id(ui), "lang:es");
	CHECK_STR(speech_segment_voice(sp, 0), "es-419");
	CHECK_STR(speech_segment_voice(sp, 1), "en-us");
	t = find(ui, "a11y:off");
	CHECK(t != NULL);
	if (t) press(ui, t->r.x + t->r.w / 2, t->r.y + t->r.h / 2, 40);   /* one tap turns it off */
	CHECK(!ui_a11y_on(ui));
	CHECK(ui_is_pristine(ui));

	/* "Are you still there?" is read out with spoken navigation on, and a
	 * double tap anywhere answers it. */
	CHECK(tap(ui, "lang:en") == 0);
	key(ui, KEY_F1);
	CHECK(ui_a11y_on(ui));
	drain_speech();   /* "Spoken navigation on …" heard to its end */
	ui_tick(ui, now);
	/* A control that opens a screen: the new screen says its title. */
	for (int k = 0; k < 40 && strcmp(ui_focus_id(ui), "about"); k++) key(ui, KEY_TAB);
	key(ui, KEY_ENTER);
	CHECK_STR(ui_screen_name(ui), "about");
	CHECK(speech_state(sp) != SPEECH_IDLE);
	key(ui, KEY_BACKSPACE);
	CHECK_STR(ui_focus_id(ui), "about");   /* back where it was */
	drain_speech();
	ui_tick(ui, now);
	now += (uint32_t)cfg.idle_seconds * 1000;
	ui_tick(ui, now);
	CHECK_STR(ui_screen_name(ui), "idle");
	CHECK_STR(ui_focus_id(ui), "continue");
	CHECK(speech_segment_voice(sp, 0) != NULL);   /* reading the question */
	int ex = 0, ey = 0;
	CHECK(empty_point(ui, 800, 480, &ex, &ey));
	press(ui, ex, ey, 40);
	press(ui, ex, ey, 40);
	CHECK_STR(ui_screen_name(ui), "home");
	ui_reset(ui);   /* a fresh visitor: spoken navigation off */

	/* Two fingers held 2 s: on, said and shown; again: off. Shorter: nothing. */
	press2(ui, 300, 300, 500, 300, 2200);
	CHECK(ui_a11y_on(ui) && find(ui, "a11y:off") != NULL);
	press2(ui, 300, 300, 500, 300, 2200);
	CHECK(!ui_a11y_on(ui));
	press2(ui, 300, 300, 500, 300, 900);
	CHECK(!ui_a11y_on(ui));
	CHECK(tap(ui, "lang:en") == 0);   /* and a tap is a tap again */
	CHECK_STR(ui_screen_name(ui), "home");

	/* No audio: no Audio guide, and F1 and two fingers do nothing. */
	ui_set_speech(ui, NULL);
	ui_reset(ui);
	CHECK(find(ui, "audio-guide") == NULL);
	key(ui, KEY_F1);
	press2(ui, 300, 300, 500, 300, 2200);
	CHECK(!ui_a11y_on(ui));
	ui_free(ui);
}

/* Each piece of an article is read in its own language: the English
 * citations of a Spanish article with the English voice. */
static void speech_voice_per_item(void)
{
	ui_t *ui = ui_new(st, fs, &cfg, 1080, 1920);
	ui_set_speech(ui, sp);
	open_screen(ui, "es", "article");
	store_article_t a;
	CHECK(store_article(st, "01-door", "es", &a) == 0);
	int ncite = 0;
	for (const char *p = a.sources; p && *p; p++) ncite += *p == '\n' || !p[1];
	CHECK(ncite > 0 && !a.fallback);
	store_article_free(&a);
	CHECK(ui_activate(ui, "listen"));
	int es = 0, en = 0, other = 0;
	for (size_t i = 0; speech_segment_voice(sp, i); i++) {
		const char *v = speech_segment_voice(sp, i);
		if (!strcmp(v, "es-419")) es++;
		else if (!strcmp(v, "en-us")) en++;
		else other++;
	}
	CHECK_STR(speech_segment_voice(sp, 0), "es-419");   /* the title */
	/* Moving the focus to Pause while it reads does not stop the reading,
	 * so Pause is there to press. */
	for (int k = 0; k < 80 && strcmp(ui_focus_id(ui), "pause"); k++) key(ui, KEY_TAB);
	CHECK_STR(ui_focus_id(ui), "pause");
	CHECK_STR(speech_segment_voice(sp, 0), "es-419");   /* still the article, not "Pause" */
	key(ui, KEY_ENTER);
	CHECK(find(ui, "resume") != NULL);
	CHECKF(en >= ncite && es > en && other == 0, "voices: %d es-419, %d en-us (%d citations), %d other", es, en, ncite, other);
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

/* The attract screen cycles its title, prompt, Audio guide label and demo
 * band through every language: nothing a visitor reaches for may move as
 * it does (Arabic and Burmese lines are taller than English ones), and
 * the Audio guide keeps its word in every language. */
static void attract_still_while_cycling(void)
{
	static const char *const watch[] = {"audio-guide", "lang:en", "lang:es", "more-langs"};   /* the guide first */
	for (size_t sz = 0; sz < KYR_ARRAY_LEN(sizes); sz++) {
		int w = sizes[sz][0], h = sizes[sz][1];
		ui_t *ui = ui_new(st, fs, &cfg, w, h);
		ui_set_speech(ui, sp);
		ui_settled(ui);   /* as the kiosk after its first frame */
		ui_reset(ui);
		rect_t first[KYR_ARRAY_LEN(watch)];
		int had[KYR_ARRAY_LEN(watch)], moved = 0, wordless = 0, langs_seen = 0;
		char moved_at[160] = "", prev_lang[16] = "";
		for (int step = 0; step < 40; step++) {
			const draw_list_t *dl = ui_draw(ui);
			const char *shown = NULL;   /* the title's language (the first text): the cycle's */
			for (size_t i = 0; i < dl->n && !shown; i++)
				if (dl->items[i].kind == DRAW_TEXT) shown = dl->items[i].lang;
			for (size_t k = 0; k < KYR_ARRAY_LEN(watch); k++) {
				const draw_item_t *t = draw_find(dl, watch[k]);
				if (!step) { had[k] = t != NULL; if (t) first[k] = t->r; continue; }
				/* The Audio guide is as wide as its label, centred: its row stays. */
				int same = had[k] ? t && t->r.y == first[k].y && t->r.h == first[k].h &&
				                    (k == 0 || (t->r.x == first[k].x && t->r.w == first[k].w)) : !t;
				if (!same && !moved++)
					snprintf(moved_at, sizeof moved_at, "%s with the prompt in %s", watch[k], shown ? shown : "?");
			}
			const draw_item_t *g = draw_find(dl, "audio-guide");
			wordless += g && g->icon_only;
			if (shown && strcmp(shown, prev_lang)) { langs_seen++; snprintf(prev_lang, sizeof prev_lang, "%s", shown); }
			now += (uint32_t)KYR_MAX(1, ui_next_timeout(ui, now));
			ui_tick(ui, now);
		}
		CHECKF(had[0] && had[1] && had[2], "%dx%d: no Audio guide, English or Spanish tile on the attract screen", w, h);
		CHECKF(langs_seen >= 20, "%dx%d: the attract screen showed %d languages in 40 turns", w, h, langs_seen);
		CHECKF(!moved, "%dx%d: %d controls moved as the languages turned (first: %s)", w, h, moved, moved_at);
		CHECKF(!wordless, "%dx%d: the Audio guide lost its word in %d languages", w, h, wordless);
		ui_free(ui);
	}
}

int main(void)
{
	if (fixture_open(&st, &fs)) { CHECKF(0, "no content or fonts in the build"); fixture_close(st, fs); return harness_done(); }
	config_defaults(&cfg);
	sp = speech_open(SPEECH_HEADLESS);
	CHECKF(sp != NULL, "no headless speech engine");
	RUN(walk_all_screens);
	RUN(rtl_mirrored);
	RUN(panel_presets);
	RUN(textsize_grows_labels);
	RUN(as_of_shown);
	RUN(date_lines_one_stop);
	RUN(rtl_names_right);
	RUN(sample_marks);
	RUN(quick_exit_and_idle);
	RUN(oos_matches_content);
	RUN(operator_screen);
	RUN(focus_order_mirrored);
	RUN(long_press_and_audio_guide);
	RUN(speech_voice_per_item);
	RUN(focus_reaches_every_control);
	RUN(language_screen_29);
	RUN(lang_strip_covers_no_tile);
	RUN(attract_still_while_cycling);
	speech_close(sp);
	font_set_close(fs);
	store_close(st);
	TTF_Quit();
	return harness_done();
}
