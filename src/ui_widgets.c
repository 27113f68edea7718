/* ui_widgets — the UI's building blocks: theme colours, size metrics, the
 * layout cache, and the few widgets every screen uses (text, icon, button).
 * Every colour pair used for text here meets WCAG AAA (7:1); tests check. */
#include "ui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RGB(r, g, b) ((color_t){(r), (g), (b), 255})

void ui_theme(ui_t *ui)
{
	theme_t *t = &ui->th;
	if (!ui->contrast) {
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

void ui_metrics(ui_t *ui)
{
	metrics_t *m = &ui->m;
	int s = ui->w < ui->h ? ui->w : ui->h;
	/* 9 mm on the 7" 800x480 panel is ~48 px; bigger panels are seen from
	 * the same distance, so everything grows with the short side. */
	m->u = clampi(s * 12 / 100, 56, 120);
	/* From the whole panel: a screen built shorter (the demo band) keeps it. */
	m->target = s >= 1080 ? 64 : 48;
	m->gap = clampi(m->u / 7, 8, 16);
	m->pad = m->u / 3;
	m->radius = m->u / 6;
	static const int scale[3] = {85, 100, 125};
	int body = clampi(s * 45 / 1000, 20, 44) * scale[ui->textsize] / 100;
	m->px_body = body;
	m->px_small = body * 85 / 100;
	m->px_h1 = body * 150 / 100;
	m->px_h2 = body * 120 / 100;
	m->px_button = clampi(m->u * 36 / 100, 18, 40);
	m->px_icon = m->u * 55 / 100;
	m->bar_h = m->u + 2 * m->gap;
	int col = body * 34;   /* about 60 Latin characters a line */
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
	buf_printf(&params, "\x1f%s|%d|%d|%d|%d", lang, px, flags, width, center);
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

/* ---- widgets ---- */

/* Emits a laid-out paragraph, unless the clip hides all of it. */
void ui_text_layout(ui_t *ui, const text_layout_t *l, int x, int y, int w, color_t c, color_t mark,
                    const char *lang)
{
	if (ui->clip.w && (y >= ui->clip.y + ui->clip.h || y + l->height <= ui->clip.y)) return;
	draw_item_t *it = draw_push(&ui->dl, DRAW_TEXT, (rect_t){x, y, w, l->height});
	it->layout = l;
	it->text = l->text;
	it->color = c;
	it->color2 = mark;
	it->rtl = l->rtl;
	it->px = l->px;
	it->lang = lang;
}

void ui_clip(ui_t *ui, rect_t r)
{
	ui->clip = r;
	draw_clip(&ui->dl, r);
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
	draw_item_t *it = draw_push(&ui->dl, DRAW_ICON, r);
	it->icon = cp;
	it->px = px;
	it->color = c;
}

/* Mirrors r inside `within` for right-to-left layouts. */
rect_t ui_mirror(const ui_t *ui, rect_t r, rect_t within)
{
	if (ui->rtl) r.x = within.x + within.w - (r.x - within.x) - r.w;
	return r;
}

static int is_focused(ui_t *ui, const char *id)
{
	if (ui->focus < 0) return 0;
	int k = 0;
	for (size_t i = 0; i < ui->dl.n; i++) {
		if (ui->dl.items[i].kind != DRAW_TARGET) continue;
		if (k++ == ui->focus) return !strcmp(ui->dl.items[i].id, id);
	}
	return 0;
}

/* A button: background, optional icon, optional label fitted inside, the
 * hit target. `stacked` puts the icon above the label, else beside it. */
void ui_button(ui_t *ui, rect_t r, const char *id, uint32_t icon, const char *label,
               const char *lang, int style, int stacked)
{
	const theme_t *t = &ui->th;
	color_t bg = t->primary, fg = t->on_primary;
	if (style == BTN_CHIP) { bg = t->chip; fg = t->on_chip; }
	if (style == BTN_DANGER) { bg = t->danger; fg = t->on_danger; }
	if (style == BTN_SURFACE) { bg = t->surface; fg = t->text; }
	int pressed = ui->pressed[0] && !strcmp(ui->pressed, id) && !ui->dragging;
	if (pressed) { bg = t->pressed; fg = ui->contrast ? RGB(0, 0, 0) : RGB(0xFF, 0xFF, 0xFF); }
	if (is_focused(ui, id))
		draw_rect(&ui->dl, (rect_t){r.x - 4, r.y - 4, r.w + 8, r.h + 8}, t->focus, ui->m.radius + 4);
	if (ui->contrast || style == BTN_SURFACE)
		draw_rect(&ui->dl, r, t->border, ui->m.radius);
	int bw = (ui->contrast || style == BTN_SURFACE) ? 2 : 0;
	draw_rect(&ui->dl, (rect_t){r.x + bw, r.y + bw, r.w - 2 * bw, r.h - 2 * bw}, bg, ui->m.radius);

	int pad = ui->m.gap;
	int ipx = ui->m.px_icon;
	if (!label || !*label) {
		if (icon) ui_icon(ui, icon, r, ipx, fg);
		draw_target(&ui->dl, r, id);
		return;
	}
	if (stacked) {
		int ih = icon ? ipx + pad / 2 : 0;
		/* A word under an icon: one line, shrunk until it fits (to 50 %). */
		int px = KYR_MIN(ui->m.px_button, r.h * 22 / 100);
		const text_layout_t *l = NULL;
		for (int p = px; p >= px / 2; p = p * 9 / 10) {
			l = ui_layout(ui, label, lang, p, TEXT_BOLD, r.w - 2 * pad, 1);
			if (l->nlines == 1 && l->height + ih <= r.h && l->width <= r.w - 2 * pad) break;
		}
		int top = r.y + (r.h - ih - l->height) / 2;
		if (icon) ui_icon(ui, icon, (rect_t){r.x, top, r.w, ipx}, ipx, fg);
		ui_text_layout(ui, l, r.x + pad, top + ih, r.w - 2 * pad, fg, fg, lang);
	} else {
		int iw = icon ? ipx + pad / 2 : 0;
		int avail = r.w - 2 * pad - iw;
		const text_layout_t *l = NULL;
		/* Shrink in 10 % steps: few distinct sizes, so few open fonts. */
		for (int p = ui->m.px_button; p >= ui->m.px_button * 6 / 10; p = p * 9 / 10) {
			l = ui_layout(ui, label, lang, p, TEXT_BOLD, avail, 0);
			if (l->height <= r.h - pad / 2 && l->width <= avail) break;
		}
		/* Lay out again in exactly the width used, so the box hugs the text
		 * (same breaks: every line already fitted) and centre icon + text. */
		int lpx = l->px;
		l = ui_layout(ui, label, lang, lpx, TEXT_BOLD, l->width + 1, 0);
		int total = iw + l->width;
		int x0 = r.x + (r.w - total) / 2;
		rect_t ir = {l->rtl ? x0 + l->width + pad / 2 : x0, r.y, ipx, r.h};
		if (icon) ui_icon(ui, icon, ir, ipx, fg);
		ui_text_layout(ui, l, l->rtl ? x0 : x0 + iw, r.y + (r.h - l->height) / 2, l->width + 1, fg, fg, lang);
	}
	draw_target(&ui->dl, r, id);
}

const char *ui_str(ui_t *ui, const char *key)
{
	if (!ui->st) return key;
	return store_ui(ui->st, ui->lang[0] ? ui->lang : "en", key);
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
		} else {
			buf_putc(&b, *s++);
		}
	}
	if (!b.data) buf_puts(&b, "");
	return b.data;
}
