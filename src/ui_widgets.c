/* ui_widgets — the UI's building blocks: theme colours, size metrics, the
 * layout cache, and the few widgets every screen uses (text, icon, button).
 * Every colour pair used for text here meets WCAG AAA (7:1); tests check. */
#include "ui_internal.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RGB(r, g, b) ((color_t){(r), (g), (b), 255})

void ui_theme(ui_t *ui)
{
	theme_t *t = &ui->th;
	if (!ui->sess.contrast) {
		t->bg = RGB(0xF4, 0xF1, 0xEA);
		t->surface = RGB(0xFF, 0xFF, 0xFF);
		t->text = RGB(0x1B, 0x1B, 0x1B);
		t->muted = RGB(0x45, 0x45, 0x45);
		t->primary = RGB(0x0D, 0x3B, 0x66);
		t->on_primary = RGB(0xFF, 0xFF, 0xFF);
		t->danger = RGB(0x9B, 0x1C, 0x1C);
		t->on_danger = RGB(0xFF, 0xFF, 0xFF);
		t->chip = RGB(0xE4, 0xDF, 0xD4);
		t->on_chip = RGB(0x1B, 0x1B, 0x1B);
		t->mark = RGB(0x0A, 0x4A, 0x7A);
		t->border = RGB(0xC9, 0xC2, 0xB4);
		t->warn_bg = RGB(0xFF, 0xF1, 0xC7);
		t->warn_border = RGB(0xB7, 0x79, 0x1F);
		t->pressed = RGB(0x06, 0x22, 0x3D);
		t->focus = RGB(0xD9, 0x6C, 0x00);
		t->scrollbar = RGB(0x6B, 0x66, 0x5C);
		t->overlay = RGB(0x1B, 0x1B, 0x1B);
		t->highlight = RGB(0xFF, 0xE0, 0x8A);
	} else {
		t->bg = RGB(0, 0, 0);
		t->surface = RGB(0, 0, 0);
		t->text = RGB(0xFF, 0xFF, 0xFF);
		t->muted = RGB(0xFF, 0xFF, 0xFF);
		t->primary = RGB(0xFF, 0xE6, 0x00);
		t->on_primary = RGB(0, 0, 0);
		t->danger = RGB(0xFF, 0xC2, 0xC2);
		t->on_danger = RGB(0, 0, 0);
		t->chip = RGB(0x26, 0x26, 0x26);
		t->on_chip = RGB(0xFF, 0xFF, 0xFF);
		t->mark = RGB(0xFF, 0xE6, 0x00);
		t->border = RGB(0xFF, 0xFF, 0xFF);
		t->warn_bg = RGB(0, 0, 0);
		t->warn_border = RGB(0xFF, 0xE6, 0x00);
		t->pressed = RGB(0xFF, 0xFF, 0xFF);
		t->focus = RGB(0x00, 0xE5, 0xFF);
		t->scrollbar = RGB(0xFF, 0xFF, 0xFF);
		t->overlay = RGB(0, 0, 0);
		t->highlight = RGB(0x3A, 0x3A, 0x00);
	}
}

static int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Pixels per millimetre of the panel: from the configuration or what the
 * display reported (panel_w_mm x panel_h_mm, turned like the screen),
 * else the official 7" panel's. The denser axis counts, so a millimetre
 * is never short (that panel's pixels are 5.2 px/mm across, 5.6 down). */
float ui_px_per_mm(const ui_t *ui)
{
	const config_t *c = ui->cfg;
	float mw = c->panel_w_mm, mh = c->panel_h_mm;
	if (mw <= 0 || mh <= 0) return 480.0f / 85.92f;   /* unknown: the 7" panel's density */
	if ((ui->w > ui->h) != (mw > mh)) { float t = mw; mw = mh; mh = t; }
	float x = (float)ui->w / mw, y = (float)ui->h / mh;
	return x > y ? x : y;
}

int ui_mm(const ui_t *ui, float mm)
{
	return (int)(mm * ui_px_per_mm(ui) + 0.999f);
}

void ui_metrics(ui_t *ui)
{
	metrics_t *m = &ui->m;
	int s = ui->w < ui->h ? ui->w : ui->h;
	/* Everything grows with the short side (bigger panels are seen from
	 * the same distance), but never below the physical minimums: a
	 * target UI_TARGET_MM across, text UI_TEXT_MM high. */
	m->tap = KYR_MAX(ui_mm(ui, UI_TARGET_MM), 44);
	m->min_text = ui_mm(ui, UI_TEXT_MM);
	m->u = KYR_MAX(clampi(s * 12 / 100, 56, 120), m->tap);
	/* Chips, keys, the Listen row: from the whole panel (a screen built
	 * shorter, with a band below it, keeps them). */
	m->target = KYR_MAX(m->tap, s >= 1080 ? 64 : 48);
	m->gap = clampi(m->u / 7, 8, 16);
	m->pad = m->u / 3;
	m->radius = m->u / 6;
	static const int scale[3] = {85, 100, 125};
	int k = scale[ui->sess.textsize];
	int body = KYR_MAX(clampi(s * 45 / 1000, 20, 44) * k / 100, m->min_text);
	m->px_body = body;
	m->px_small = KYR_MAX(body * 85 / 100, m->min_text);
	m->px_h1 = body * 150 / 100;
	m->px_h2 = body * 120 / 100;
	/* Labels grow with the text size too (a button grows to hold them). */
	m->px_button = KYR_MAX(clampi(m->u * 36 / 100, 18, 40) * k / 100, m->min_text);
	m->px_icon = m->u * 55 / 100;
	m->bar_h = m->u + 2 * m->gap;
	int col = m->px_body * 34;   /* about 60 Latin characters a line */
	m->content_w = ui->w - 2 * m->pad - m->gap * 3;
	if (m->content_w > col) m->content_w = col;
}



/* ---- layout cache: the same text in the same style is laid out once ---- */

struct lc_entry {
	lc_entry_t *next;
	unsigned hash, gen;
	char *key;
	text_layout_t *layout;
};

#define LC_BUCKETS 256

const text_layout_t *ui_layout_spans(ui_t *ui, const char *text, const char *lang, int px, int flags,
                                     int width, int center, const text_span_t *spans, size_t nspans)
{
	buf_t params = {0};
	buf_printf(&params, "\x1f%s|%d|%d|%d|%d|%d", lang, px, flags, width, center, ui->sess.rtl);
	for (size_t i = 0; i < nspans; i++)
		buf_printf(&params, "|%zu-%zu-%d", spans[i].start, spans[i].end, spans[i].flags);
	size_t tlen = strlen(text);
	unsigned h = hash_bytes(hash_bytes(HASH_INIT, text, tlen), params.data, params.len);
	if (!ui->lc) ui->lc = xcalloc(LC_BUCKETS, sizeof *ui->lc);
	for (lc_entry_t *e = ui->lc[h % LC_BUCKETS]; e; e = e->next) {
		if (e->hash == h && !strncmp(e->key, text, tlen) && !strcmp(e->key + tlen, params.data)) {
			e->gen = ui->lc_gen;
			buf_free(&params);
			return e->layout;
		}
	}
	text_opts_t o = {0};
	o.lang = lang;
	o.dir = TEXT_DIR_AUTO;
	o.width = width;
	o.px = px;
	o.flags = flags;
	o.align_center = center;
	/* Lines align with the screen's direction, whatever the paragraph's
	 * own (an English name in an Arabic list sits at the right edge; its
	 * glyphs still run left to right). */
	o.align_right = ui->sess.rtl ? 1 : -1;
	o.spans = spans;
	o.nspans = nspans;
	lc_entry_t *e = xcalloc(1, sizeof *e);
	e->hash = h;
	e->gen = ui->lc_gen;
	e->key = xasprintf("%s%s", text, params.data);
	e->layout = text_layout(ui->fs, text, tlen, &o);
	e->next = ui->lc[h % LC_BUCKETS];
	ui->lc[h % LC_BUCKETS] = e;
	ui->lc_count++;
	buf_free(&params);
	return e->layout;
}

const text_layout_t *ui_layout(ui_t *ui, const char *text, const char *lang, int px, int flags,
                               int width, int center)
{
	return ui_layout_spans(ui, text, lang, px, flags, width, center, NULL, 0);
}

static void lc_drop(ui_t *ui, int all)
{
	if (!ui->lc) return;
	for (int b = 0; b < LC_BUCKETS; b++) {
		lc_entry_t **pp = &ui->lc[b];
		while (*pp) {
			lc_entry_t *e = *pp;
			if (all || e->gen != ui->lc_gen) {
				*pp = e->next;
				text_layout_free(e->layout);
				free(e->key);
				free(e);
				ui->lc_count--;
			} else {
				pp = &e->next;
			}
		}
	}
}

void ui_lc_clear(ui_t *ui)
{
	lc_drop(ui, 1);
	free(ui->lc);
	ui->lc = NULL;
}

/* Drops layouts the last frame did not use, once the cache is large. */
void ui_lc_sweep(ui_t *ui)
{
	if (ui->lc_count > UI_LAYOUT_CACHE_MAX) lc_drop(ui, 0);
}

/* ---- widgets: each checks the clip itself (microui's mu_check_clip) ---- */

/* 1 when some of r shows inside the current clip (or there is none). */
int ui_shows(const ui_t *ui, rect_t r)
{
	const rect_t *c = &ui->clip;
	if (!c->w) return 1;
	return r.x < c->x + c->w && r.x + r.w > c->x && r.y < c->y + c->h && r.y + r.h > c->y;
}

/* A filled rectangle, unless the clip hides all of it. */
void ui_rect(ui_t *ui, rect_t r, color_t c, int radius)
{
	if (ui_shows(ui, r)) draw_rect(&ui->dl, r, c, radius);
}

/* Emits a laid-out paragraph, unless the clip hides all of it. */
void ui_text_layout(ui_t *ui, const text_layout_t *l, int x, int y, int w, color_t c, color_t mark,
                    const char *lang)
{
	if (!ui_shows(ui, (rect_t){x, y, w, l->height})) return;
	draw_item_t *it = draw_push(&ui->dl, DRAW_TEXT, (rect_t){x, y, w, l->height});
	it->layout = l;
	it->text = l->text;
	it->color = c;
	it->color2 = mark;
	it->rtl = l->rtl;
	it->px = l->px;
	it->lang = lang;
}

/* Sets the clip for what follows (w = 0: none). Each clip starts a new
 * group of controls in the focus order (the bar, the page, the strips). */
void ui_clip(ui_t *ui, rect_t r)
{
	ui->clip = r;
	ui->focus.group++;
	draw_clip(&ui->dl, r);
}

/* 1 when no word of l is broken (hyphenated or between letters): what
 * grids and buttons look for before they settle on a width and size. */
int ui_words_whole(const text_layout_t *l)
{
	return !l->nsplit && !l->nhyphen;
}

/* l (text laid out avail px wide) again in the width its lines take, so
 * its box is where its text is (a right-to-left line sits at the right
 * edge of its box) and it can be centred; the same breaks, since every
 * line already fitted. Cursive scripts can measure a line a little
 * narrower than the breaker needs for it (Nastaliq's joins): widened
 * until the breaks are the first ones again. *box_w is the width to draw
 * it in. */
const text_layout_t *ui_layout_hug(ui_t *ui, const text_layout_t *l, const char *text, const char *lang, int flags,
                                   int avail, int *box_w)
{
	int px = l->px, lines = l->nlines, tw = l->width + 1;
	l = ui_layout(ui, text, lang, px, flags, tw, 0);
	while (l->nlines != lines && tw < avail) {
		tw = KYR_MIN(avail, tw + KYR_MAX(2, px / 4));
		l = ui_layout(ui, text, lang, px, flags, tw, 0);
	}
	*box_w = tw;
	return l;
}

/* The box the layout's ink fills, in its own coordinates (width w, the
 * width it was laid out in); the layout's box for a fake font set. */
rect_t ui_layout_ink(ui_t *ui, const text_layout_t *l, int w)
{
	int x0 = 0, y0 = 0, x1 = w, y1 = l->height, any = 0;
	for (int i = 0; i < l->nruns; i++) {
		rect_t b;
		if (text_run_ink(ui->fs, l, &l->runs[i], &b) < 0 || !b.w) continue;
		if (!any) { x0 = b.x; y0 = b.y; x1 = b.x + b.w; y1 = b.y + b.h; any = 1; continue; }
		x0 = KYR_MIN(x0, b.x); y0 = KYR_MIN(y0, b.y);
		x1 = KYR_MAX(x1, b.x + b.w); y1 = KYR_MAX(y1, b.y + b.h);
	}
	return (rect_t){x0, y0, x1 - x0, y1 - y0};
}

/* Draws text wrapped in box (width box.w) and returns its height. */
int ui_text(ui_t *ui, rect_t box, const char *text, const char *lang, int px, int flags,
            color_t c, int center)
{
	const text_layout_t *l = ui_layout(ui, text, lang, px, flags, box.w, center);
	ui_text_layout(ui, l, box.x, box.y, box.w, c, ui->th.mark, lang);
	return l->height;
}

void ui_icon(ui_t *ui, uint32_t cp, rect_t r, int px, color_t c)
{
	if (!ui_shows(ui, r)) return;
	draw_item_t *it = draw_push(&ui->dl, DRAW_ICON, r);
	it->icon = cp;
	it->px = px;
	it->color = c;
	/* Icons that point along the line point the other way in right-to-left
	 * languages; Material Icons has no mirrored backspace, so it is drawn
	 * flipped (as Android's auto-mirrored icons are). */
	it->rtl = ui->sess.rtl && cp == ICON_BACKSPACE;
}

/* Mirrors r inside `within` for right-to-left layouts. */
rect_t ui_mirror(const ui_t *ui, rect_t r, rect_t within)
{
	if (ui->sess.rtl) r.x = within.x + within.w - (r.x - within.x) - r.w;
	return r;
}

static rect_t clipped(const ui_t *ui, rect_t r)
{
	const rect_t *c = &ui->clip;
	if (!c->w) return r;
	int x0 = KYR_MAX(r.x, c->x), y0 = KYR_MAX(r.y, c->y);
	int x1 = KYR_MIN(r.x + r.w, c->x + c->w), y1 = KYR_MIN(r.y + r.h, c->y + c->h);
	return (rect_t){x0, y0, KYR_MAX(0, x1 - x0), KYR_MAX(0, y1 - y0)};
}

/* Writes the id prefix + name into out (UI_ID_MAX bytes). Names come from
 * content that kyr-build keeps short (STORE_ID_MAX); a longer one is a bug. */
const char *ui_idf(char *out, const char *prefix, const char *name)
{
	size_t a = strlen(prefix), b = strlen(name);
	assert(a + b < UI_ID_MAX);
	memcpy(out, prefix, a);
	memcpy(out + a, name, b + 1);
	return out;
}

/* A control's hit target: recorded in the focus order wherever it is, and
 * emitted only where the clip shows it (a half-hidden control is tappable
 * only where it shows; a hidden one is reached by scrolling or focus). */
void ui_target(ui_t *ui, rect_t r, const char *id)
{
	assert(id && strlen(id) < UI_ID_MAX);
	ui_nav_add(ui, id, r);
	rect_t v = clipped(ui, r);
	if (v.w > 0 && v.h > 0) draw_target(&ui->dl, v, id);
}

/* A target nothing is activated by, for scripts and tests to find (the
 * QR code): not a control, never focused. */
void ui_marker(ui_t *ui, rect_t r, const char *id)
{
	rect_t v = clipped(ui, r);
	if (v.w <= 0 || v.h <= 0) return;
	draw_target(&ui->dl, v, id);
	ui->dl.items[ui->dl.n - 1].passive = 1;
}

static int is_pressed(const ui_t *ui, const char *id)
{
	return ui->ptr.pressed[0] && !strcmp(ui->ptr.pressed, id) && !ui->ptr.dragging;
}

/* A button's background and foreground in its style and state. */
static void button_colors(const ui_t *ui, const char *id, int style, color_t *bg, color_t *fg)
{
	const theme_t *t = &ui->th;
	*bg = t->primary;
	*fg = t->on_primary;
	if (style == BTN_CHIP) { *bg = t->chip; *fg = t->on_chip; }
	if (style == BTN_DANGER) { *bg = t->danger; *fg = t->on_danger; }
	if (style == BTN_SURFACE) { *bg = t->surface; *fg = t->text; }
	if (is_pressed(ui, id)) { *bg = t->pressed; *fg = ui->sess.contrast ? RGB(0, 0, 0) : RGB(0xFF, 0xFF, 0xFF); }
}

/* The colour of what is drawn on button id: for callers that draw their
 * own contents on a ui_button (the text size meter). */
color_t ui_button_fg(const ui_t *ui, const char *id, int style)
{
	color_t bg, fg;
	button_colors(ui, id, style, &bg, &fg);
	return fg;
}

/* Marks the target at index i (when ui_target emitted it) as a control
 * drawn without its words: the dump says so and the tests count them. */
static void icon_only(ui_t *ui, size_t i)
{
	if (i < ui->dl.n && ui->dl.items[i].kind == DRAW_TARGET) ui->dl.items[i].icon_only = 1;
}

/* label laid out in avail px at the largest size from `from` down to the
 * legible minimum (10 % steps, few distinct sizes so few open fonts) at
 * which it fits h px high with no word cut in two (issue 17), else the
 * smallest at which it fits at all; at most `lines` lines (0: any). NULL
 * when even the minimum does not fit. Layouts live in the cache until the
 * next frame. */
static const text_layout_t *fit_label(ui_t *ui, const char *label, const char *lang, int from, int avail, int h,
                                      int lines)
{
	const text_layout_t *cut = NULL;
	int min = ui->m.min_text;
	/* The steps end at the minimum itself, whatever size they start from. */
	for (int p = from; p >= min && avail > 0; p = p > min ? KYR_MAX(min, p * 9 / 10) : 0) {
		const text_layout_t *l = ui_layout(ui, label, lang, p, TEXT_BOLD, avail, lines == 1);
		if (l->height > h || l->width > avail || (lines && l->nlines > lines)) continue;
		if (ui_words_whole(l)) return l;
		cut = l;
	}
	return cut;
}

/* A button: background, optional icon, optional label fitted inside, the
 * hit target. `stacked` puts the icon above the label, else beside it.
 * Labels never shrink below the smallest legible size (m.min_text); a
 * visitor who cannot read the icon needs the word, so the icon gives way
 * first: a stacked label that does not fit goes beside the icon, then
 * the word stands alone. Only a word that does not fit even alone leaves
 * the icon by itself (marked icon_only: test_labels finds none with the
 * shipped content; spoken navigation still says the button's name). */
void ui_button(ui_t *ui, rect_t r, const char *id, uint32_t icon, const char *label,
               const char *lang, int style, int stacked)
{
	size_t target = ui->dl.n;
	ui_target(ui, r, id);
	if (!ui_shows(ui, r)) return;
	/* The target went first: later targets are on top, and nothing here is one. */
	const theme_t *t = &ui->th;
	color_t bg, fg;
	button_colors(ui, id, style, &bg, &fg);
	if (ui->sess.contrast || style == BTN_SURFACE)
		draw_rect(&ui->dl, r, t->border, ui->m.radius);
	int bw = (ui->sess.contrast || style == BTN_SURFACE) ? 2 : 0;
	draw_rect(&ui->dl, (rect_t){r.x + bw, r.y + bw, r.w - 2 * bw, r.h - 2 * bw}, bg, ui->m.radius);

	int pad = ui->m.gap;
	int ipx = ui->m.px_icon;
	if (!label || !*label) {
		if (icon) ui_icon(ui, icon, r, ipx, fg);
		return;
	}
	if (stacked) {
		int ih = icon ? ipx + pad / 2 : 0;
		/* A word under an icon: one line. */
		const text_layout_t *l = fit_label(ui, label, lang, KYR_MAX(ui->m.min_text, KYR_MIN(ui->m.px_button, r.h * 22 / 100)),
		                                   r.w - 2 * pad,
		                                   r.h - ih, 1);
		if (l) {
			int top = r.y + (r.h - ih - l->height) / 2;
			if (icon) ui_icon(ui, icon, (rect_t){r.x, top, r.w, ipx}, ipx, fg);
			ui_text_layout(ui, l, r.x + pad, top + ih, r.w - 2 * pad, fg, fg, lang);
			return;
		}
	}
	/* A whole gap between icon and word: cursive scripts draw a little
	 * past the width they measure at the start of a line. Tall scripts
	 * (Urdu's Nastaliq needs about twice the line height of Latin at the
	 * same size) go further down than wrapping alone. */
	int iw = icon ? ipx + pad : 0;
	const text_layout_t *l = fit_label(ui, label, lang, ui->m.px_button, r.w - 2 * pad - iw, r.h - pad / 2, 0);
	if (!l && icon) {
		/* The word alone, then in the button's whole height (a line's
		 * leading is its own margin: Burmese at the smallest size). */
		iw = 0;
		l = fit_label(ui, label, lang, ui->m.px_button, r.w - 2 * pad, r.h - pad / 2, 0);
		if (!l) l = fit_label(ui, label, lang, ui->m.px_button, r.w - 2 * pad, r.h, 0);
		if (!l) {
			ui_icon(ui, icon, r, ipx, fg);
			icon_only(ui, target);
			return;
		}
	}
	/* A key with no icon keeps its label at the smallest size, whatever. */
	if (!l) l = ui_layout(ui, label, lang, ui->m.min_text, TEXT_BOLD, r.w - 2 * pad, 0);
	/* Lay out again in exactly the width used, so the box hugs the text
	 * (same breaks: every line already fitted) and centre icon + text. */
	int avail = r.w - 2 * pad - iw, tw;
	l = ui_layout_hug(ui, l, label, lang, TEXT_BOLD, avail, &tw);
	/* The box is the width laid out in (a right-to-left line sits at
	 * its right edge), and the ink may reach past the advance widths
	 * (Nastaliq's first letter): the icon keeps clear of the ink. */
	rect_t ink = ui_layout_ink(ui, l, tw);
	int lead = l->rtl ? KYR_MAX(0, ink.x + ink.w - tw) : KYR_MAX(0, -ink.x);
	int tail = l->rtl ? KYR_MAX(0, -ink.x) : KYR_MAX(0, ink.x + ink.w - tw);
	int total = iw + lead + tw + tail;
	int x0 = r.x + KYR_MAX(0, (r.w - total) / 2);
	rect_t ir = {l->rtl ? x0 + total - ipx : x0, r.y, ipx, r.h};
	if (iw) ui_icon(ui, icon, ir, ipx, fg);
	int tx = l->rtl ? x0 + tail : x0 + iw + lead;
	ui_text_layout(ui, l, tx, r.y + (r.h - l->height) / 2, tw, fg, fg, lang);
}

/* The height a button r.w wide needs to show label (with an icon beside
 * it) at the label size, wrapped: for rows of buttons that grow with their
 * words instead of dropping them (two lines of Spanish, of Nastaliq). */
int ui_button_h(ui_t *ui, int w, int icon, const char *label, const char *lang)
{
	int pad = ui->m.gap, avail = w - 2 * pad - (icon ? ui->m.px_icon + pad : 0);
	const text_layout_t *l = ui_layout(ui, label, lang, ui->m.px_button, TEXT_BOLD, avail, 0);
	return l->height + pad / 2 + 1;
}

/* A tappable card (a language, a topic, an organisation, a search result):
 * border, surface (darker while pressed), the hit target. The caller draws
 * the contents inside t.in in t.fg, when t.shown. */
tile_t ui_tile(ui_t *ui, rect_t r, const char *id, int style)
{
	const theme_t *th = &ui->th;
	int bw = style == TILE_HOT ? 3 : 2;
	tile_t t = {{r.x + bw, r.y + bw, r.w - 2 * bw, r.h - 2 * bw}, th->text, ui_shows(ui, r)};
	ui_target(ui, r, id);
	if (!t.shown) return t;
	int pressed = is_pressed(ui, id);
	color_t border = style == TILE_HOT ? th->danger : style == TILE_CHOSEN ? th->primary : th->border;
	color_t bg = pressed ? th->chip : style == TILE_CHOSEN ? th->primary : th->surface;
	if (style == TILE_CHOSEN && !pressed) t.fg = th->on_primary;
	draw_rect(&ui->dl, r, border, ui->m.radius);
	draw_rect(&ui->dl, t.in, bg, ui->m.radius);
	return t;
}

/* The UI string key naming the text size in use ("textsize.large"). */
const char *ui_textsize_key(const ui_t *ui)
{
	static const char *const keys[3] = {"textsize.small", "textsize.medium", "textsize.large"};
	return keys[ui->sess.textsize];
}

const char *ui_str(ui_t *ui, const char *key)
{
	if (!ui->st) return key;
	return store_ui(ui->st, ui->sess.lang[0] ? ui->sess.lang : "en", key);
}

/* Formats a UI string with up to two {name} placeholders. Caller frees. */
char *ui_fmt(ui_t *ui, const char *key, const char *n1, const char *v1, const char *n2, const char *v2)
{
	const char *s = ui_str(ui, key);
	buf_t b = {0};
	while (*s) {
		const char *ph = NULL, *val = NULL;
		if (*s == '{') {
			const char *close = strchr(s, '}');
			size_t n = close ? (size_t)(close - s - 1) : 0;
			if (close && n1 && strlen(n1) == n && !strncmp(s + 1, n1, n)) { ph = close; val = v1; }
			else if (close && n2 && strlen(n2) == n && !strncmp(s + 1, n2, n)) { ph = close; val = v2; }
		}
		if (ph) {
			buf_puts(&b, val ? val : "");
			s = ph + 1;
			/* A value that already ends the sentence (Russian dates end
			 * in "г.", Ukrainian in "р.") keeps the template's full stop
			 * from doubling it; trailing isolate marks do not count. */
			size_t vl = val ? strlen(val) : 0;
			while (vl >= 3 && !memcmp(val + vl - 3, "\u2069", 3)) vl -= 3;
			if (vl && val[vl - 1] == '.' && *s == '.') s++;
		} else {
			buf_putc(&b, *s++);
		}
	}
	if (!b.data) buf_puts(&b, "");
	return b.data;
}
