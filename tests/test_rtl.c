/* test_rtl — right-to-left text inside every widget (issue 17). Each screen
 * a visitor reaches in Arabic and Dari (home with its tiles and buttons,
 * an article with its heading, lists and Listen button, the directory with
 * its chips, cards and sample badges, an organisation, the rights card,
 * search with its keyboard, about, the language grid, "Are you still
 * there?") at 800x480 and 720x1280, normal and high contrast, scrolled top
 * to bottom: every glyph run of every text lies inside the widget the text
 * is drawn in — the topmost rectangle under the text box's centre (a
 * button, tile, chip, badge, key, card, dialog or the page) — and inside
 * the screen. A widget that places right-to-left text by an offset from
 * its left edge, or draws a layout in a narrower box than it was made for,
 * puts runs outside (the sample badge did). */
#include "harness.h"
#include "fixture.h"
#include "util.h"
#include "config.h"
#include "text.h"
#include "ui.h"

#include <stdlib.h>

static store_t *st;
static font_set_t *fs;
static config_t cfg;
static uint32_t now = 1000;

typedef struct {
	int texts, runs, bad;
	char first[256];
} inbox_t;

static int contains(rect_t r, int x, int y) { return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h; }

/* Checks the texts of the current draw list. */
static void check_list(const draw_list_t *dl, int w, inbox_t *b)
{
	size_t clip_at = 0;        /* widgets of the text's clip region: drawn after its DRAW_CLIP */
	rect_t clip = {0, 0, w, 1 << 20};
	for (size_t i = 0; i < dl->n; i++) {
		const draw_item_t *it = &dl->items[i];
		if (it->kind == DRAW_CLIP) {
			clip_at = i;
			clip = it->r.w ? it->r : (rect_t){0, 0, w, 1 << 20};
		}
		if (it->kind != DRAW_TEXT || !it->layout->nruns) continue;
		int cx = it->r.x + it->r.w / 2, cy = it->r.y + KYR_MIN(it->r.h, it->layout->line_height) / 2;
		if (!contains(clip, cx, cy)) continue;   /* scrolled out of sight: checked where it shows */
		rect_t box = {0, 0, w, 1 << 20};
		for (size_t j = clip_at; j < i; j++)
			if (dl->items[j].kind == DRAW_RECT && contains(dl->items[j].r, cx, cy)) box = dl->items[j].r;
		box.x = KYR_MAX(box.x, 0);
		box.w = KYR_MIN(box.x + box.w, w) - box.x;
		b->texts++;
		for (int r = 0; r < it->layout->nruns; r++) {
			const text_run_t *run = &it->layout->runs[r];
			int x0 = it->r.x + run->x, x1 = x0 + run->w;
			b->runs++;
			if (x0 >= box.x - 1 && x1 <= box.x + box.w + 1) continue;
			if (!b->bad++)
				snprintf(b->first, sizeof b->first, "\"%.40s\": a run at x %d..%d, its widget %d..%d", it->text, x0,
				         x1, box.x, box.x + box.w);
		}
	}
}

static int screen_w;

static void see(const draw_list_t *dl, void *arg) { check_list(dl, screen_w, arg); }

static void check_screen(ui_t *ui, int w, const char *where)
{
	inbox_t b = {0};
	screen_w = w;
	fixture_scroll(ui, now, see, &b);
	CHECKF(b.texts > 0 && !b.bad, "%s: %d of %d runs outside their widget; first: %s", where, b.bad, b.runs, b.first);
	printf("rtl %-40s %4d texts, %5d runs, %d outside\n", where, b.texts, b.runs, b.bad);
}

static void every_widget(void)
{
	static const int sizes[][2] = {{800, 480}, {720, 1280}};
	static const char *const langs[] = {"ar", "prs"};
	/* Each step from home: the screen to open, then (optionally) one more. */
	static const char *const steps[][2] = {
		{NULL, NULL}, {"textsize", NULL} /* home at the large size: a list at 720x1280 */, {"topic:01-door", NULL}, {"directory", NULL},
		{"directory", "org:national-detention-hotline"}, {"card", NULL}, {"search", NULL},
		{"about", NULL}, {"language", NULL},
	};
	for (size_t s = 0; s < KYR_ARRAY_LEN(sizes); s++) {
		int w = sizes[s][0], h = sizes[s][1];
		ui_t *ui = ui_new(st, fs, &cfg, w, h);
		for (size_t li = 0; li < KYR_ARRAY_LEN(langs); li++) {
			for (int hc = 0; hc < 2; hc++) {
				char id[32], where[128];
				for (size_t k = 0; k < KYR_ARRAY_LEN(steps); k++) {
					ui_reset(ui);
					snprintf(id, sizeof id, "lang:%s", langs[li]);
					CHECKF(ui_activate(ui, id), "no %s", id);
					if (hc) ui_activate(ui, "contrast");
					for (int j = 0; j < 2 && steps[k][j]; j++)
						CHECKF(ui_activate(ui, steps[k][j]), "no %s", steps[k][j]);
					snprintf(where, sizeof where, "%s %dx%d%s %s", langs[li], w, h, hc ? " contrast" : "",
					         steps[k][1] ? steps[k][1] : steps[k][0] ? steps[k][0] : "home");
					check_screen(ui, w, where);
				}
				/* "Are you still there?": the dialog over the screen. */
				ui_reset(ui);
				snprintf(id, sizeof id, "lang:%s", langs[li]);
				ui_activate(ui, id);
				if (hc) ui_activate(ui, "contrast");
				now += (uint32_t)cfg.idle_seconds * 1000 + 1000;
				ui_tick(ui, now);
				CHECK_STR(ui_screen_name(ui), "idle");
				snprintf(where, sizeof where, "%s %dx%d%s idle dialog", langs[li], w, h, hc ? " contrast" : "");
				check_screen(ui, w, where);
			}
		}
		ui_free(ui);
	}
}

int main(void)
{
	int ok = fixture_open(&st, &fs) == 0;
	CHECK(ok);
	if (ok) {
		config_defaults(&cfg);
		RUN(every_widget);
	}
	fixture_close(st, fs);
	return harness_done();
}
