/* ui_screens — one builder per screen. Each turns the UI state into draw
 * items (ui_widgets.c) inside the scrolling view; ui_build() dispatches and
 * adds the top bar and the idle overlay. Coordinates: logical screen pixels;
 * page builders place items at page y, shifted by the frame's scroll. */
#include "ui_internal.h"
#include "oos.h"
#include "datefmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers for scrolling pages ---- */

page_t ui_page_begin(ui_t *ui)
{
	frame_t *f = ui_top(ui);
	page_t p = {ui, (ui->w - ui->m.content_w) / 2, ui->m.content_w, ui->m.pad, ui->view.y - f->scroll};
	ui_clip(ui, ui->view);
	return p;
}

/* Lays out text across the column at the cursor and advances it. */
int ui_page_text(page_t *p, const char *text, const char *lang, int px, int flags, color_t c, int indent)
{
	ui_t *ui = p->ui;
	const text_layout_t *l = ui_layout(ui, text, lang, px, flags, p->w - indent, 0);
	int x = ui->sess.rtl ? p->x : p->x + indent;
	ui_text_layout(ui, l, x, p->oy + p->y, p->w - indent, c, ui->th.mark, lang);
	p->y += l->height;
	return l->height;
}

void ui_page_end(page_t *p)
{
	ui_t *ui = p->ui;
	ui->view_h = p->y + ui->m.pad * 2;
	ui_clip(ui, (rect_t){0, 0, 0, 0});
	/* A visible scroll indicator whenever the page is longer than the view. */
	if (ui->view_h > ui->view.h) {
		frame_t *f = ui_top(ui);
		int track = ui->view.h - 2 * ui->m.gap;
		int thumb = KYR_MAX(ui->m.u / 2, track * ui->view.h / ui->view_h);
		int maxs = ui->view_h - ui->view.h;
		int ty = ui->view.y + ui->m.gap + (track - thumb) * KYR_MIN(f->scroll, maxs) / KYR_MAX(maxs, 1);
		int bw = KYR_MAX(6, ui->m.u / 10);
		rect_t r = {ui->w - bw - 4, ty, bw, thumb};
		r = ui_mirror(ui, r, (rect_t){0, 0, ui->w, ui->h});
		draw_rect(&ui->dl, r, ui->th.scrollbar, bw / 2);
	}
}

/* ---- the top bar: Back, Home | Language, Text size, Contrast, Quick exit ---- */

/* The text size button without a word: its icon over three bars of
 * growing height, as many filled as the size in use is large (small 1,
 * medium 2, large 3; the others a short mark on the baseline), so the visitor
 * sees where the cycle is. Bars grow towards the reading direction. */
static void textsize_meter(ui_t *ui, rect_t b, uint32_t icon)
{
	color_t fg = ui_button_fg(ui, "textsize", BTN_CHIP);
	int ipx = ui->m.px_icon * 4 / 5, mh = b.h / 4, bar = KYR_MAX(5, b.h / 7), gap = KYR_MAX(3, b.h / 14);
	int top = b.y + (b.h - ipx - mh - gap) / 2;
	ui_icon(ui, icon, (rect_t){b.x, top, b.w, ipx}, ipx, fg);
	int base = top + ipx + gap + mh, x0 = b.x + (b.w - 3 * bar - 2 * gap) / 2;
	for (int i = 0; i < 3; i++) {
		int h = i <= ui->sess.textsize ? mh * (i + 2) / 4 : 2;
		rect_t r = ui_mirror(ui, (rect_t){x0 + i * (bar + gap), base - h, bar, h}, b);
		ui_rect(ui, r, fg, 0);
	}
}

static void build_bar(ui_t *ui, int home)
{
	const metrics_t *m = &ui->m;
	rect_t scr = {0, 0, ui->w, ui->h};
	draw_rect(&ui->dl, (rect_t){0, 0, ui->w, m->bar_h}, ui->th.surface, 0);
	draw_rect(&ui->dl, (rect_t){0, m->bar_h - 2, ui->w, 2}, ui->th.border, 0);
	int g = m->gap;
	const char *lang = ui->sess.lang[0] ? ui->sess.lang : "en";
	const char *exit_label = ui_str(ui, "nav.exit");
	int need = text_width(ui->fs, exit_label, lang, m->px_button, TEXT_BOLD) + m->px_icon + 3 * g;
	/* Quick exit takes up to 30 % of the width, or more when its word
	 * alone at the smallest size needs it (Nastaliq, Burmese on a small
	 * panel): a visitor in a hurry must read it, not guess at an icon. */
	int need_min = text_width(ui->fs, exit_label, lang, m->min_text, TEXT_BOLD) + 2 * g + 2;
	int ew = KYR_MIN(KYR_MAX(need, 2 * m->u), KYR_MAX(ui->w * 30 / 100, need_min));
	/* Five square buttons and Quick exit share the width; squeeze the squares
	 * to the smallest target, then the gaps to 8 px, then Quick exit (to
	 * its icon: a small panel such as the 5" Touch Display 2) before
	 * anything overlaps or shrinks below UI_TARGET_MM. */
	int u = KYR_MIN(m->u, (ui->w - ew - 9 * g) / 5);
	if (u < m->tap) {
		g = KYR_MIN(g, 8);
		ew = KYR_MAX(m->tap, KYR_MIN(ew, ui->w - 5 * m->tap - 9 * g));
		u = KYR_MAX(m->tap, KYR_MIN(m->u, (ui->w - ew - 9 * g) / 5));
	}
	int y = m->gap + (m->u - u) / 2;
	/* A word under each icon when the buttons are big enough: a button
	 * grows wider than square to hold its word at a legible size, when the
	 * bar has the room; else none has a word (one left out would look like
	 * a different kind of button), and spoken navigation says their names. */
	enum { B_BACK, B_HOME, B_LANGUAGE, B_TEXTSIZE, B_CONTRAST, B_N };
	/* The text size button's word names the size in use (it cycles). */
	const char *keys[B_N] = {"nav.back", "nav.home", "nav.language", ui_textsize_key(ui), "nav.contrast"};
	int bw[B_N], total = ew + 9 * g, labels = u >= 80;
	int lpx = KYR_MAX(m->min_text, KYR_MIN(m->px_button, u * 22 / 100));
	for (int i = 0; i < B_N; i++) {
		int tw = text_width(ui->fs, ui_str(ui, keys[i]), lang, lpx, TEXT_BOLD) + 2 * m->gap + 2;
		bw[i] = labels ? KYR_MAX(u, tw) : u;
		total += bw[i];
	}
	if (labels && total > ui->w) {
		labels = 0;
		for (int i = 0; i < B_N; i++) bw[i] = u;
	}
	int exit_stacked = ew < need;
	uint32_t icons[B_N] = {ui->sess.rtl ? ICON_FORWARD : ICON_BACK, ICON_HOME, ICON_TRANSLATE, ICON_TEXTSIZE, ICON_CONTRAST};
	static const char *const ids[B_N] = {"back", "home", "language", "textsize", "contrast"};
	rect_t r[B_N];
	r[B_BACK] = (rect_t){g, y, bw[B_BACK], u};
	r[B_HOME] = (rect_t){2 * g + bw[B_BACK], y, bw[B_HOME], u};
	int x = ui->w - g - ew;
	ui_button(ui, ui_mirror(ui, (rect_t){x, m->gap, ew, m->u}, scr), "exit", ICON_CLOSE, exit_label, lang, BTN_DANGER,
	          exit_stacked);
	x -= g;
	for (int i = B_CONTRAST; i >= B_LANGUAGE; i--) {
		x -= g + bw[i];
		r[i] = (rect_t){x, y, bw[i], u};
	}
	for (int i = 0; i < B_N; i++) {
		if (i == B_HOME && !home) continue;
		rect_t b = ui_mirror(ui, r[i], scr);
		if (i == B_TEXTSIZE && !labels) {
			ui_button(ui, b, ids[i], 0, NULL, lang, BTN_CHIP, 1);
			textsize_meter(ui, b, icons[i]);
			continue;
		}
		ui_button(ui, b, ids[i], icons[i], labels ? ui_str(ui, keys[i]) : NULL, lang, BTN_CHIP, 1);
	}
	/* The free stretch between Home and Language (left-to-right terms). */
	ui->bar_free_x0 = r[B_HOME].x + r[B_HOME].w + g;
	ui->bar_free_x1 = r[B_LANGUAGE].x - g;
}

/* ---- attract and language screens ---- */

/* A one-line label: shrinks the size (down to 70 %, never below the
 * legible minimum) until it fits. */
static const text_layout_t *fit_line(ui_t *ui, const char *text, const char *lang, int px, int flags, int w)
{
	const text_layout_t *l = ui_layout(ui, text, lang, px, flags, w, 1);
	for (int p = px * 9 / 10; l->nlines > 1 && p >= KYR_MAX(px * 7 / 10, ui->m.min_text); p = p * 9 / 10)
		l = ui_layout(ui, text, lang, p, flags, w, 1);
	return l;
}

/* What the language screens' "more languages" strip says: the names of
 * the languages below the view (or, at the end, above it). */
typedef struct {
	buf_t below, above;
} lang_more_t;

/* One size for every native name (a smaller "Kreyòl ayisyen" among big
 * names looked like a lesser language): the largest, down to 70 % of the
 * heading size and never below the legible minimum, at which every word
 * of every name fits its tile. A name of several words may then wrap at
 * a space ("Kreyòl / ayisyen"); a one-word name never breaks inside. */
static int lang_name_px(ui_t *ui, int tw, int *fits)
{
	const metrics_t *m = &ui->m;
	int px = m->px_h2;
	*fits = 1;
	for (int i = 0; i < ui->nlangs; i++) {
		const char *s = ui->langs[i].native_name;
		while (*s) {
			size_t n = strcspn(s, " ");
			char *word = xstrndup(s, n);
			const text_layout_t *l = n ? fit_line(ui, word, ui->langs[i].code, m->px_h2, TEXT_BOLD, tw) : NULL;
			if (l) { px = KYR_MIN(px, l->px); *fits &= l->nlines == 1; }
			free(word);
			s += n + (s[n] == ' ');
		}
	}
	return px;
}

static void build_lang_grid(ui_t *ui, page_t *p, lang_more_t *more)
{
	const metrics_t *m = &ui->m;
	/* The whole width, not the reading column: on a wide screen more
	 * languages show before the visitor has to scroll. */
	int gw = ui->w - 2 * m->pad - m->gap * 3, gx = (ui->w - gw) / 2;
	int cols = KYR_MAX(2, KYR_MIN(6, (gw + m->gap) / (m->u * 12 / 5 + m->gap)));
	int bw, tw, npx, fits;
	/* Fewer columns when a word of some name does not fit its tile even at
	 * the smallest size ("Українська" at 800x480), or an English name would
	 * be hyphenated ("(Tradi-tional)"): never a break inside a word. */
	for (;; cols--) {
		bw = (gw - (cols - 1) * m->gap) / cols;
		tw = bw - 2 * m->gap - 4;
		npx = lang_name_px(ui, tw, &fits);
		for (int i = 0; i < ui->nlangs && fits; i++)
			fits = ui_words_whole(ui_layout(ui, ui->langs[i].english_name, "en", m->px_small, 0, tw, 1));
		if (fits || cols == 2) break;
	}
	/* An audio-first language's speaker sits above its names. */
	int ipx = m->px_small * 5 / 4;
	/* Each row as tall as its tallest names need (CJK lines are taller, an
	 * English name may wrap): one long name must not make every row tall,
	 * or fewer languages show on a 480 px screen. */
	int rows = (ui->nlangs + cols - 1) / cols;
	int *row_y = xcalloc((size_t)rows + 1, sizeof *row_y);
	for (int r = 0; r < rows; r++) {
		int bh = m->u * 7 / 5;
		for (int i = r * cols; i < ui->nlangs && i < (r + 1) * cols; i++) {
			const store_lang_t *L = &ui->langs[i];
			const text_layout_t *n = ui_layout(ui, L->native_name, L->code, npx, TEXT_BOLD, tw, 1);
			const text_layout_t *e = ui_layout(ui, L->english_name, "en", m->px_small, 0, tw, 1);
			bh = KYR_MAX(bh, n->height + e->height + (L->text_lang[0] ? ipx : 0) + m->gap + 4);
		}
		row_y[r + 1] = row_y[r] + bh + m->gap;
	}
	rect_t col = {gx, 0, gw, 0};
	const char *visitor = ui->sess.audio_lang[0] ? ui->sess.audio_lang : ui->sess.lang;
	for (int i = 0; i < ui->nlangs; i++) {
		const store_lang_t *L = &ui->langs[i];
		int r = i / cols, c = i % cols;
		rect_t b = {gx + c * (bw + m->gap), p->oy + p->y + row_y[r], bw, row_y[r + 1] - row_y[r] - m->gap};
		b = ui_mirror(ui, b, col);
		int below = b.y + b.h > ui->view.y + ui->view.h, above = b.y < ui->view.y;
		if (below) buf_printf(&more->below, "%s%s", more->below.len ? " · " : "", L->native_name);
		if (above) buf_printf(&more->above, "%s%s", more->above.len ? " · " : "", L->native_name);
		if (below && ui->more_to < 0) ui->more_to = ui_top(ui)->scroll + b.y - ui->view.y - m->gap;
		char id[UI_ID_MAX];
		ui_idf(id, "lang:", L->code);
		/* A tile the foot of the view would cut is not shown: half a tile
		 * above the "more languages" strip reads as a name cut off by it
		 * (the strip names it instead). Tab and spoken navigation still
		 * reach it, scrolled into view. A tile scrolled partly off the
		 * top shows as any scrolled page does; one taller than the view
		 * shows cut. */
		if (below && b.h <= ui->view.h) {
			ui_nav_add(ui, id, b);
			continue;
		}
		int chosen = !strcmp(visitor, L->code);
		tile_t t = ui_tile(ui, b, id, chosen ? TILE_CHOSEN : TILE_PLAIN);
		if (!t.shown) continue;
		/* An audio-first language: a speaker above its names; touched, it says its name. */
		int ih = L->text_lang[0] ? ipx : 0;
		const text_layout_t *n = ui_layout(ui, L->native_name, L->code, npx, TEXT_BOLD, tw, 1);
		const text_layout_t *e = ui_layout(ui, L->english_name, "en", m->px_small, 0, tw, 1);
		int ty = t.in.y + (t.in.h - ih - n->height - e->height) / 2;
		if (ih) ui_icon(ui, 0xe050 /* volume_up */, (rect_t){t.in.x, ty, t.in.w, ih}, ipx, t.fg);
		ui_text_layout(ui, n, t.in.x + m->gap, ty + ih, tw, t.fg, t.fg, L->code);
		ui_text_layout(ui, e, t.in.x + m->gap, ty + ih + n->height, tw, t.fg, t.fg, "en");
	}
	p->y += row_y[rows];
	free(row_y);
}

/* The strip under a language screen whose languages do not all fit: one
 * wide button naming the languages further down, with a down arrow (a
 * visitor who reads only their own script sees its name there); it pages
 * down, and at the end names the first ones and goes back up. */
static void lang_more_strip(ui_t *ui, const lang_more_t *more, rect_t r)
{
	const metrics_t *m = &ui->m;
	int down = more->below.len > 0;
	const char *names = down ? more->below.data : more->above.data;
	draw_rect(&ui->dl, r, ui->th.surface, 0);
	draw_rect(&ui->dl, (rect_t){r.x, r.y, r.w, 2}, ui->th.border, 0);
	rect_t b = {r.x + m->pad, r.y + m->gap, r.w - 2 * m->pad, r.h - 2 * m->gap};
	/* As many names as one line holds at the label size, then "…". */
	int avail = b.w - 2 * m->gap - m->px_icon - m->gap * 2 - text_width(ui->fs, " …", "en", m->px_button, TEXT_BOLD);
	/* The names go in the tiles' reading order, whatever script the first
	 * one is in (a mark sets the line's direction: LRM, or RLM when the
	 * screen is mirrored). */
	buf_t label = {0};
	buf_puts(&label, ui->sess.rtl ? "\u200F" : "\u200E");
	size_t mark = label.len;
	for (const char *s = names ? names : ""; *s; ) {
		const char *sep = strstr(s, " · ");
		size_t n = sep ? (size_t)(sep - s) : strlen(s);
		buf_t next = {0};
		/* Each name isolated (FSI … PDI): two right-to-left names side by
		 * side would otherwise be read as one run and swap places. */
		buf_printf(&next, "%s%s\u2068%.*s\u2069", label.data, label.len > mark ? " · " : "", (int)n, s);
		if (text_width(ui->fs, next.data, "en", m->px_button, TEXT_BOLD) > avail) {
			buf_free(&next);
			if (label.len > mark) buf_puts(&label, " …");
			break;
		}
		buf_free(&label);
		label = next;
		s += n + (sep ? strlen(" · ") : 0);
	}
	ui_button(ui, b, "more-langs", down ? 0xe5cf /* expand_more */ : 0xe5ce /* expand_less */, label.len > mark ? label.data : NULL,
	          "en", BTN_CHIP, 0);
	buf_free(&label);
}

/* Builds a language screen with page(); when its page is longer than the
 * view, again in a view shortened by the "more languages" strip (what the
 * first build emitted is dropped). */
static void lang_screen(ui_t *ui, void (*page)(ui_t *ui, lang_more_t *more))
{
	size_t dn = ui->dl.n;
	int fn = ui->focus.n;
	rect_t view = ui->view;
	lang_more_t more = {{0}, {0}};
	page(ui, &more);
	if (ui->view_h > ui->view.h) {
		buf_free(&more.below);
		buf_free(&more.above);
		ui->dl.n = dn;
		ui->focus.n = fn;
		/* As tall as a line of every script's names needs (Burmese and
		 * Arabic lines are taller than Latin ones). */
		buf_t all = {0};
		for (int i = 0; i < ui->nlangs; i++) buf_printf(&all, "%s%s", i ? " · " : "", ui->langs[i].native_name);
		int lh = all.len ? ui_layout(ui, all.data, "en", ui->m.px_button, TEXT_BOLD, 0, 0)->height : 0;
		buf_free(&all);
		int sh = KYR_MAX(ui->m.target, lh + ui->m.gap) + 2 * ui->m.gap;
		ui->view = (rect_t){view.x, view.y, view.w, view.h - sh};
		ui->more_to = -1;
		page(ui, &more);
		lang_more_strip(ui, &more, (rect_t){view.x, view.y + view.h - sh, view.w, sh});
	}
	buf_free(&more.below);
	buf_free(&more.above);
}

/* 1 on a short or landscape screen (800x480, a 1920x1080 monitor): the
 * first screen's header gives up its icon, large title and wide gaps so
 * that a row of language tiles shows above the fold. */
static int attract_tight(const ui_t *ui)
{
	return ui->h < 600 || ui->w > ui->h;
}

/* The Audio guide button's width for its label in lang, at most max. */
static int guide_w(ui_t *ui, int max, const char *label, const char *lang)
{
	const metrics_t *m = &ui->m;
	return KYR_MIN(max, KYR_MAX(m->target * 3, text_width(ui->fs, label, lang, m->px_button, TEXT_BOLD) + m->px_icon +
	                                           4 * m->gap));
}

/* "Audio guide": turns on spoken navigation, on purpose, where a visitor
 * who cannot see finds it first (the top of the first screen; tactile
 * signs on the kiosk can point to it). Only when the kiosk can speak. */
static void audio_guide(ui_t *ui, page_t *p, const char *lang)
{
	if (ui->speech.a11y || !ui_audio_works(ui)) return;
	const metrics_t *m = &ui->m;
	const char *label = store_ui(ui->st, lang, "a11y.guide");
	int w = guide_w(ui, p->w, label, lang), h = KYR_MAX(m->target, ui_button_h(ui, w, 1, label, lang));
	/* As tall as the tallest language's label needs (a Burmese line is
	 * taller than the usual button), in every language: the tiles below
	 * stay put while the attract screen cycles its languages. */
	for (int i = 0; i < (ui->settled ? ui->nlangs : 0); i++) {
		const char *c = ui->langs[i].code, *l = store_ui(ui->st, c, "a11y.guide");
		h = KYR_MAX(h, ui_button_h(ui, guide_w(ui, p->w, l, c), 1, l, c));
	}
	ui_button(ui, (rect_t){p->x + (p->w - w) / 2, p->oy + p->y, w, h}, "audio-guide", 0xe310 /* headset */, label, lang,
	          BTN_PRIMARY, 0);
	p->y += h + (attract_tight(ui) ? m->gap : m->gap * 2);
}

/* The attract screen's title and prompt in lang at these sizes: their
 * height, and their layouts in *title and *prompt when asked. */
static int attract_head(ui_t *ui, const char *lang, int tpx, int ppx, int w, const text_layout_t **title,
                        const text_layout_t **prompt)
{
	/* One line each where a somewhat smaller size allows (a Burmese title
	 * wraps at the full size): two lines would make every language's room
	 * as tall. */
	const text_layout_t *a = fit_line(ui, ui->st ? store_ui(ui->st, lang, "app.name") : "Know Your Rights", lang, tpx,
	                                  TEXT_BOLD, w);
	const text_layout_t *b = fit_line(ui, ui->st ? store_ui(ui->st, lang, "attract.prompt") : "", lang, ppx, 0, w);
	if (title) *title = a;
	if (prompt) *prompt = b;
	return a->height + b->height;
}

/* attract_head at the title size tpx, shrunk (down to 70 %, never below
 * the legible minimum) until it is at most cap tall where it can be. */
static int attract_fit(ui_t *ui, const char *lang, int tpx, int w, int cap, const text_layout_t **title,
                       const text_layout_t **prompt)
{
	int ppx = ui->m.px_h2, th = attract_head(ui, lang, tpx, ppx, w, title, prompt);
	for (int k = 9; th > cap && tpx * k / 10 >= ui->m.min_text && k >= 7; k--)
		th = attract_head(ui, lang, tpx * k / 10, ppx * k / 10, w, title, prompt);
	return th;
}

static void attract_page(ui_t *ui, lang_more_t *more)
{
	const metrics_t *m = &ui->m;
	page_t p = ui_page_begin(ui);
	/* The prompt cycles through the languages, each in its own script. */
	const char *lang = ui->nlangs ? ui->langs[ui->sess.attract_idx % ui->nlangs].code : "en";
	if (!attract_tight(ui)) {
		ui_icon(ui, ICON_BALANCE, (rect_t){p.x, p.oy + p.y, p.w, m->u}, m->u * 8 / 10, ui->th.primary);
		p.y += m->u;
	}
	/* The title and prompt take the same room in every language, each
	 * centred in it: the tiles below stay put while the prompt cycles,
	 * never moving under a finger reaching for them. The room is the
	 * tallest language's, but at most a fifth more than the shortest
	 * language's (the tiles need the room: a 1920x1080 monitor showed none
	 * below a room sized for Burmese), and a language whose lines are
	 * taller (Burmese, Arabic) is drawn a little smaller (down to 70 %,
	 * never below the legible minimum) to fit.
	 * Before ui_settled (the kiosk's first frame, which must read little)
	 * only the language shown counts: the tiles may move once at start-up. */
	int tpx = attract_tight(ui) ? m->px_h1 : m->px_h1 * 5 / 4, nl = ui->settled ? ui->nlangs : 0;
	int tallest = attract_head(ui, lang, tpx, m->px_h2, p.w, NULL, NULL), least = tallest;
	for (int i = 0; i < nl; i++) {
		int h = attract_head(ui, ui->langs[i].code, tpx, m->px_h2, p.w, NULL, NULL);
		tallest = KYR_MAX(tallest, h);
		least = KYR_MIN(least, h);
	}
	/* Every language shrunk into the capped room; the few that still need
	 * more (a Burmese line at 70 %) set the room for all. */
	int cap = KYR_MIN(tallest, least * 6 / 5);
	int room = cap;
	for (int i = 0; i < nl; i++) room = KYR_MAX(room, attract_fit(ui, ui->langs[i].code, tpx, p.w, cap, NULL, NULL));
	const text_layout_t *lt, *lp;   /* laid out last: no other layout can push them out of the cache */
	int th = attract_fit(ui, lang, tpx, p.w, cap, &lt, &lp);
	room = KYR_MAX(room, th);
	int y = p.y + (room - th) / 2;
	ui_text_layout(ui, lt, p.x, p.oy + y, p.w, ui->th.text, ui->th.text, lang);
	ui_text_layout(ui, lp, p.x, p.oy + y + lt->height, p.w, ui->th.muted, ui->th.muted, lang);
	p.y += room + (attract_tight(ui) ? m->gap : m->gap * 2);
	audio_guide(ui, &p, lang);
	build_lang_grid(ui, &p, more);
	p.y += m->gap;
	const char *priv = ui->st ? store_ui(ui->st, lang, "attract.privacy") : "";
	int ipx = m->px_body * 5 / 4;
	const text_layout_t *l = ui_layout(ui, priv, lang, m->px_body, 0, p.w - ipx - m->gap, 0);
	/* Again in the width it takes, so its box is where its text is (a
	 * right-to-left line sits at the right of its box). */
	l = ui_layout(ui, priv, lang, m->px_body, 0, l->width + 1, 0);
	int total = ipx + m->gap + l->width;
	int x0 = p.x + (p.w - total) / 2;
	ui_icon(ui, ICON_LOCK, (rect_t){l->rtl ? x0 + total - ipx : x0, p.oy + p.y, ipx, l->height}, ipx, ui->th.muted);
	int tx = l->rtl ? x0 : x0 + ipx + m->gap;
	ui_text_layout(ui, l, tx, p.oy + p.y, l->width + 1, ui->th.muted, ui->th.muted, lang);
	p.y += l->height;
	ui_page_end(&p);
}

static void build_attract(ui_t *ui)
{
	ui->view = (rect_t){0, 0, ui->w, ui->h - ui_a11y_strip_h(ui)};
	lang_screen(ui, attract_page);
}

static void language_page(ui_t *ui, lang_more_t *more)
{
	page_t p = ui_page_begin(ui);
	ui_page_text(&p, ui_str(ui, "nav.language"), ui->sess.lang, ui->m.px_h1, TEXT_BOLD, ui->th.text, 0);
	p.y += ui->m.gap;
	build_lang_grid(ui, &p, more);
	ui_page_end(&p);
}

static void build_language(ui_t *ui)
{
	lang_screen(ui, language_page);
}

/* ---- home: help, search, rights card, then the topics ---- */

static void home_actions(ui_t *ui, page_t *p)
{
	const metrics_t *m = &ui->m;
	static const struct { const char *id, *key; uint32_t icon; int style; } acts[] = {
		{"directory", "nav.directory", ICON_SUPPORT, BTN_PRIMARY},
		{"search", "nav.search", ICON_SEARCH, BTN_CHIP},
		{"card", "nav.card", ICON_CARD, BTN_CHIP},
	};
	int n = 3, cols = p->w >= m->u * 9 ? 3 : 1;
	int bw = (p->w - (cols - 1) * m->gap) / cols, bh = m->u * 5 / 4;
	for (int i = 0; i < n; i++) bh = KYR_MAX(bh, ui_button_h(ui, bw, 1, ui_str(ui, acts[i].key), ui->sess.lang));
	rect_t col = {p->x, 0, p->w, 0};
	for (int i = 0; i < n; i++) {
		rect_t b = {p->x + (i % cols) * (bw + m->gap), p->oy + p->y + (i / cols) * (bh + m->gap), bw, bh};
		b = ui_mirror(ui, b, col);
		ui_button(ui, b, acts[i].id, acts[i].icon, ui_str(ui, acts[i].key), ui->sess.lang, acts[i].style, 0);
	}
	p->y += (n + cols - 1) / cols * (bh + m->gap) + m->gap;
}

/* 1 when every topic title keeps its words whole at cols columns in
 * width w and size px (no word hyphenated or broken between letters). */
/* The width of a topic title at cols columns in width w. One column is a
 * list: the icon beside the title (HOME_ROW_ICON of the unit), not above. */
#define HOME_ROW_ICON 70
static int home_title_w(const ui_t *ui, int w, int cols)
{
	const metrics_t *m = &ui->m;
	int tw = (w - (cols - 1) * m->gap) / cols - 2 * m->gap;
	return cols == 1 ? tw - m->u * HOME_ROW_ICON / 100 - m->gap : tw;
}

static int home_titles_whole(ui_t *ui, int w, int cols, int px)
{
	int tw = home_title_w(ui, w, cols);
	for (int i = 0; i < ui->sess.ntopics; i++) {
		const store_topic_t *t = &ui->sess.topics[i];
		if (!ui_words_whole(ui_layout(ui, t->title, t->lang, px, TEXT_BOLD, tw, 1))) return 0;
	}
	return 1;
}

static void build_home(ui_t *ui)
{
	const metrics_t *m = &ui->m;
	page_t p = ui_page_begin(ui);
	/* The kiosk's name, as on the first screen (home.title was the same
	 * words with other capitals in six languages). */
	ui_title_listen(ui, &p, ui_str(ui, "app.name"));
	home_actions(ui, &p);
	ui_page_text(&p, ui_str(ui, "home.prompt"), ui->sess.lang, m->px_h2, TEXT_BOLD, ui->th.text, 0);
	p.y += m->gap;

	int cols0 = KYR_MIN(5, KYR_MAX(2, (p.w + m->gap) / (m->u * 3 + m->gap)));
	/* Fewer columns until the longest word of every title fits its tile
	 * ("иммиграци/онные" at the largest size); only then a smaller size,
	 * not below the legible minimum; else (a word longer than any line)
	 * the preferred grid, the word hyphenated where the language can be. */
	int cols = cols0, tpx = m->px_body;
	while (!home_titles_whole(ui, p.w, cols, tpx)) {
		if (cols > 1) cols--;
		else if (tpx * 9 / 10 >= m->min_text) tpx = tpx * 9 / 10;
		else { cols = cols0; tpx = m->px_body; break; }
	}
	int cw = (p.w - (cols - 1) * m->gap) / cols;
	int list = cols == 1, ipx = list ? m->u * HOME_ROW_ICON / 100 : m->u;
	int tw = home_title_w(ui, p.w, cols);
	/* Each row as tall as its longest title needs: with 15 topics one long
	 * title must not make every tile tall (fewer fit on a 480 px screen). */
	int rows = (ui->sess.ntopics + cols - 1) / cols;
	int *row_y = xcalloc((size_t)rows + 1, sizeof *row_y);
	for (int r = 0; r < rows; r++) {
		int title_h = 0;
		for (int i = r * cols; i < ui->sess.ntopics && i < (r + 1) * cols; i++) {
			const store_topic_t *t = &ui->sess.topics[i];
			title_h = KYR_MAX(title_h, ui_layout(ui, t->title, t->lang, tpx, TEXT_BOLD, tw, 1)->height);
		}
		int th = list ? KYR_MAX(title_h, ipx) + m->gap * 2 : KYR_MAX(m->gap * 2 + ipx + m->gap + title_h + m->gap, m->u * 2);
		row_y[r + 1] = row_y[r] + th + m->gap;
	}
	rect_t col = {p.x, 0, p.w, 0};
	for (int i = 0; i < ui->sess.ntopics; i++) {
		const store_topic_t *t = &ui->sess.topics[i];
		int r = i / cols, c = i % cols;
		int ch = row_y[r + 1] - row_y[r] - m->gap;
		rect_t b = ui_mirror(ui, (rect_t){p.x + c * (cw + m->gap), p.oy + p.y + row_y[r], cw, ch}, col);
		char id[UI_ID_MAX];
		ui_idf(id, "topic:", t->slug);
		tile_t tl = ui_tile(ui, b, id, TILE_PLAIN);
		if (!tl.shown) continue;
		uint32_t icon = t->icon ? t->icon : ICON_INFO;
		if (list) {   /* icon at the start edge, the title after it, both centred vertically */
			const text_layout_t *l = ui_layout(ui, t->title, t->lang, tpx, TEXT_BOLD, tw, 0);
			rect_t ir = ui_mirror(ui, (rect_t){tl.in.x + m->gap, tl.in.y, ipx, tl.in.h}, tl.in);
			rect_t tr = ui_mirror(ui, (rect_t){tl.in.x + 2 * m->gap + ipx, tl.in.y, tw, tl.in.h}, tl.in);
			ui_icon(ui, icon, ir, ipx, ui->th.primary);
			ui_text_layout(ui, l, tr.x, tl.in.y + (tl.in.h - l->height) / 2, tw, tl.fg, tl.fg, t->lang);
			continue;
		}
		ui_icon(ui, icon, (rect_t){tl.in.x, tl.in.y + m->gap, tl.in.w, ipx}, ipx, ui->th.primary);
		const text_layout_t *l = ui_layout(ui, t->title, t->lang, tpx, TEXT_BOLD, tw, 1);
		ui_text_layout(ui, l, tl.in.x + m->gap, tl.in.y + m->gap * 2 + ipx, tw, tl.fg, tl.fg, t->lang);
	}
	p.y += row_y[rows] + m->gap;
	free(row_y);

	/* About this kiosk: what it does not do. */
	int aw = KYR_MIN(p.w, m->u * 5);
	const char *about = ui_str(ui, "nav.about");
	int ah = KYR_MAX(m->u, ui_button_h(ui, aw, 1, about, ui->sess.lang));   /* taller for its words */
	rect_t ab = ui_mirror(ui, (rect_t){p.x, p.oy + p.y, aw, ah}, col);
	ui_button(ui, ab, "about", ICON_INFO, about, ui->sess.lang, BTN_CHIP, 0);
	p.y += ah;
	ui_page_end(&p);
}

/* ---- article ---- */

static page_item_t *art_item(article_view_t *av)
{
	if (av->nitems == av->cap) {
		av->cap = av->cap ? av->cap * 2 : 64;
		av->items = xrealloc(av->items, (size_t)av->cap * sizeof *av->items);
	}
	page_item_t *it = &av->items[av->nitems++];
	memset(it, 0, sizeof *it);
	it->marker_x = -1;
	return it;
}

/* Lays out one paragraph of the article page; owned by the article view. */
static page_item_t *art_text(ui_t *ui, article_view_t *av, int *y, const char *text, size_t len,
                             const char *lang, int px, int flags, int indent, color_t c,
                             const block_t *b)
{
	text_span_t spans[64];
	size_t ns = 0;
	for (size_t i = 0; b && i < b->nspans && ns < KYR_ARRAY_LEN(spans); i++) {
		const span_t *s = &b->spans[i];
		int f = s->kind == SPAN_BOLD ? TEXT_BOLD : s->kind == SPAN_ITALIC ? TEXT_ITALIC :
		        s->kind == SPAN_PHONE ? TEXT_MARK | TEXT_BOLD : TEXT_MARK | TEXT_UNDERLINE;
		spans[ns++] = (text_span_t){s->start, s->end, f};
	}
	text_opts_t o = {0};
	o.lang = lang;
	o.dir = av->art.rtl ? TEXT_DIR_RTL : TEXT_DIR_LTR;
	o.width = av->width - indent;
	o.px = px;
	o.flags = flags;
	o.spans = spans;
	o.nspans = ns;
	page_item_t *it = art_item(av);
	it->layout = text_layout(ui->fs, text, len, &o);
	it->kind = ART_TEXT;
	it->x = av->art.rtl ? 0 : indent;
	it->y = *y;
	it->w = av->width - indent;
	it->color = c;
	it->block = b;
	snprintf(it->lang, sizeof it->lang, "%s", lang);
	*y += it->layout->height;
	return it;
}

static void art_marker(ui_t *ui, article_view_t *av, page_item_t *it, const char *marker, int indent, int level)
{
	snprintf(it->marker, sizeof it->marker, "%s", marker);
	int step = ui->m.px_body * 3 / 2;
	it->marker_x = av->art.rtl ? av->width - indent + step / 4 : level * step;
}

static void art_box(article_view_t *av, int y, int h)
{
	page_item_t *it = art_item(av);
	it->kind = ART_BOX_START;
	it->y = y;
	it->w = av->width;
	it->box_h = h;
}

/* The article's key points as plain text for a QR code: the title, the
 * highlighted notice and the first-level list items, cut to what scans
 * reliably, ending with the disclaimer. NULL when there is nothing. */
#define KEYPOINTS_MAX 420
static char *key_points(ui_t *ui, const article_view_t *av)
{
	buf_t b = {0};
	buf_puts(&b, av->art.title);
	buf_puts(&b, "\n");
	const char *disc = store_ui(ui->st, av->art.lang, "article.disclaimer");
	size_t room = KEYPOINTS_MAX - strlen(disc) - 2;
	int items = 0;
	for (size_t i = 0; i < av->blocks.n; i++) {
		const block_t *bl = &av->blocks.blocks[i];
		if (!(bl->type == BLOCK_CALLOUT || (bl->type == BLOCK_BULLET && bl->level == 0))) continue;
		if (b.len + bl->len + 4 > room) break;
		buf_puts(&b, "• ");
		buf_append(&b, bl->text, bl->len);
		buf_putc(&b, '\n');
		items++;
	}
	if (!items) {
		buf_free(&b);
		return NULL;
	}
	buf_puts(&b, disc);
	return b.data;
}

static void art_layout(ui_t *ui, article_view_t *av)
{
	const metrics_t *m = &ui->m;
	const theme_t *t = &ui->th;
	store_article_t *a = &av->art;
	int y = 0;
	const char *L = a->lang;
	art_text(ui, av, &y, a->title, strlen(a->title), L, m->px_h1, TEXT_BOLD, 0, t->text, NULL);
	/* When the law in it was last checked, as the visitor writes dates. */
	if (a->as_of && a->as_of[0]) {
		char date[128], iso[140];
		datefmt_format(a->as_of, ui->sess.lang, DATEFMT_LONG, date, sizeof date);
		/* First-strong isolate: an Arabic date inside a sentence of another
		 * direction (an untranslated string) keeps its own order. */
		snprintf(iso, sizeof iso, "\u2068%s\u2069", date);
		char *asof = ui_fmt(ui, "article.as_of", "date", iso, NULL, NULL);
		art_text(ui, av, &y, asof, strlen(asof), ui->sess.lang, m->px_small, TEXT_BOLD, 0, t->text, NULL);
		free(asof);
	}
	y += m->gap;
	if (a->fallback) {
		int y0 = y;
		int bi = av->nitems;
		art_box(av, y, 0);
		y += m->gap;
		const char *msg = ui_str(ui, "article.english_fallback");
		page_item_t *it = art_text(ui, av, &y, msg, strlen(msg), ui->sess.lang, m->px_body, TEXT_BOLD, m->gap * 4, t->text, NULL);
		it->x = m->gap * 2;
		y += m->gap;
		av->items[bi].box_h = y - y0;
		y += m->gap;
	}
	art_text(ui, av, &y, a->summary, strlen(a->summary), L, m->px_body * 11 / 10, 0, 0, t->muted, NULL);
	y += m->gap;
	int step = m->px_body * 3 / 2;
	for (size_t i = 0; i < av->blocks.n; i++) {
		const block_t *b = &av->blocks.blocks[i];
		switch (b->type) {
		case BLOCK_HEADING:
			y += m->gap * 2;
			art_text(ui, av, &y, b->text, b->len, L, b->level <= 2 ? m->px_h2 : m->px_body, TEXT_BOLD, 0, t->text, b);
			y += m->gap / 2;
			break;
		case BLOCK_BULLET: case BLOCK_NUMBERED: {
			int indent = step * (b->level + 1);
			page_item_t *it = art_text(ui, av, &y, b->text, b->len, L, m->px_body, 0, indent, t->text, b);
			char mk[16];
			if (b->type == BLOCK_BULLET) snprintf(mk, sizeof mk, "%s", b->level ? "–" : "•");
			else snprintf(mk, sizeof mk, "%d.", b->number);
			art_marker(ui, av, it, mk, indent, b->level);
			y += m->gap / 2;
			break;
		}
		case BLOCK_CALLOUT: {
			int bi = av->nitems, y0 = y;
			art_box(av, y, 0);
			y += m->gap * 3 / 2;
			page_item_t *it = art_text(ui, av, &y, b->text, b->len, L, m->px_body, TEXT_BOLD, m->gap * 4, t->text, b);
			it->x = m->gap * 2;
			y += m->gap * 3 / 2;
			av->items[bi].box_h = y - y0;
			y += m->gap;
			break;
		}
		case BLOCK_RULE: {
			page_item_t *it = art_item(av);
			it->kind = ART_RULE;
			it->y = y + m->gap;
			it->w = av->width;
			y += m->gap * 2 + 2;
			break;
		}
		default:
			art_text(ui, av, &y, b->text, b->len, L, m->px_body, 0, 0, t->text, b);
			y += m->gap;
			break;
		}
	}
	/* Review status: honest about whether a lawyer has checked this text. */
	y += m->gap * 2;
	int y0 = y, bi = av->nitems;
	art_box(av, y, 0);
	y += m->gap * 3 / 2;
	char *msg;
	char on[140], day[128];
	datefmt_format(a->reviewed_on, ui->sess.lang, DATEFMT_LONG, day, sizeof day);
	snprintf(on, sizeof on, "\u2068%s\u2069", day);
	if (a->reviewed_by[0]) msg = ui_fmt(ui, "article.reviewed", "name", a->reviewed_by, "date", on);
	else msg = xstrdup(ui_str(ui, "article.not_reviewed"));
	const char *due = store_meta(ui->st, "bundle_date");
	if (a->reviewed_by[0] && a->review_due[0] && due && strcmp(a->review_due, due) < 0) {
		char *both = xasprintf("%s %s", msg, ui_str(ui, "article.review_overdue"));
		free(msg);
		msg = both;
	}
	page_item_t *it = art_text(ui, av, &y, msg, strlen(msg), ui->sess.lang, m->px_body, TEXT_BOLD, m->px_icon + m->gap * 3, t->text, NULL);
	it->x = ui->sess.rtl ? m->gap : m->px_icon + m->gap * 2;
	free(msg);
	page_item_t *ic = art_item(av);
	ic->kind = ART_ICON;
	ic->x = ui->sess.rtl ? av->width - m->gap - m->px_icon : m->gap;
	ic->y = y0 + m->gap * 3 / 2;
	ic->w = m->px_icon;
	ic->marker_x = a->reviewed_by[0] ? ICON_VERIFIED : ICON_WARNING;
	y += m->gap * 3 / 2;
	av->items[bi].box_h = y - y0;
	y += m->gap * 2;
	/* Sources, one citation a line. */
	const char *src = ui_str(ui, "article.sources");
	art_text(ui, av, &y, src, strlen(src), ui->sess.lang, m->px_small, TEXT_BOLD, 0, t->muted, NULL);
	for (const char *s = a->sources; s && *s;) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n) art_text(ui, av, &y, s, n, "en", m->px_small, 0, 0, t->muted, NULL);
		s += n + (e ? 1 : 0);
	}
	y += m->gap * 2;
	/* The key points as a QR code the visitor's phone can keep. */
	av->keypoints = key_points(ui, av);
	if (av->keypoints) {
		const char *cap = ui_str(ui, "article.qr");
		art_text(ui, av, &y, cap, strlen(cap), ui->sess.lang, m->px_body, TEXT_BOLD, 0, t->text, NULL);
		y += m->gap;
		page_item_t *q = art_item(av);
		q->kind = ART_QR;
		q->y = y;
		q->w = KYR_MIN(av->width, ui->view.h - 3 * m->gap - m->px_body * 2);
		q->x = (av->width - q->w) / 2;
		y += q->w + m->gap * 2;
	}
	av->height = y;
}

void ui_article_free(article_view_t *av)
{
	for (int i = 0; i < av->nitems; i++)
		if (av->items[i].layout) text_layout_free(av->items[i].layout);
	free(av->items);
	free(av->keypoints);
	if (av->loaded) {
		store_article_free(&av->art);
		blocks_free(&av->blocks);
	}
	memset(av, 0, sizeof *av);
}

static int art_load(ui_t *ui, const char *slug)
{
	article_view_t *av = &ui->sess.art;
	if (av->loaded && !strcmp(av->slug, slug) && !strcmp(av->lang, ui->sess.lang) &&
	    av->width == ui->m.content_w && av->textsize == ui->sess.textsize + 10 * ui->sess.contrast)
		return 0;
	ui_article_free(av);
	if (store_article(ui->st, slug, ui->sess.lang, &av->art) < 0) return -1;
	av->loaded = 1;
	if (blocks_decode(av->art.blocks, av->art.blocks_len, &av->blocks) < 0)
		kyr_fault(KYR_FAULT_CONTENT);   /* showing its title only; checked at start (content.c) */
	snprintf(av->slug, sizeof av->slug, "%s", slug);
	snprintf(av->lang, sizeof av->lang, "%s", ui->sess.lang);
	void *rec;
	size_t rlen;
	if (ui->speech.sp && store_recording(ui->st, slug, ui_recording_lang(ui), &rec, &rlen) == 0) {
		av->has_recording = 1;
		free(rec);
	}
	av->width = ui->m.content_w;
	av->textsize = ui->sess.textsize + 10 * ui->sess.contrast;
	art_layout(ui, av);
	return 0;
}

static void build_article(ui_t *ui)
{
	frame_t *f = ui_top(ui);
	if (art_load(ui, f->arg) < 0) {
		page_t p = ui_page_begin(ui);
		ui_page_text(&p, ui_str(ui, "search.no_results"), ui->sess.lang, ui->m.px_body, 0, ui->th.text, 0);
		ui_page_end(&p);
		return;
	}
	article_view_t *av = &ui->sess.art;
	page_t p = ui_page_begin(ui);
	const metrics_t *m = &ui->m;
	ui_listen_row(ui, &p);
	av->top = p.y;
	for (int i = 0; i < av->nitems; i++) {
		page_item_t *it = &av->items[i];
		int sy = p.oy + p.y + it->y;
		int sx = p.x + it->x;
		if (it->kind == ART_BOX_START) {
			rect_t r = {p.x, sy, av->width, it->box_h};
			ui_rect(ui, r, ui->th.warn_border, m->radius);
			ui_rect(ui, (rect_t){r.x + 3, r.y + 3, r.w - 6, r.h - 6}, ui->th.warn_bg, m->radius);
			continue;
		}
		if (it->kind == ART_RULE) {
			ui_rect(ui, (rect_t){p.x, sy, av->width, 2}, ui->th.border, 0);
			continue;
		}
		if (it->kind == ART_QR) {
			rect_t r = {sx, sy, it->w, it->w};
			if (!ui_shows(ui, r)) continue;
			draw_rect(&ui->dl, r, (color_t){255, 255, 255, 255}, 0);
			ui_qr_set(ui, av->keypoints);
			ui_qr_draw(ui, r);
			continue;
		}
		if (it->kind == ART_ICON) {
			ui_icon(ui, (uint32_t)it->marker_x, (rect_t){sx, sy, it->w, it->w}, it->w, ui->th.text);
			continue;
		}
		const text_layout_t *l = it->layout;
		if (ui_shows(ui, (rect_t){sx, sy, it->w, l->height})) {
			if (it->marker_x >= 0) {
				const text_layout_t *mk = ui_layout(ui, it->marker, it->lang, l->px, TEXT_BOLD, m->px_body * 3 / 2, 0);
				ui_text_layout(ui, mk, p.x + it->marker_x, sy, m->px_body * 3 / 2, ui->th.text, ui->th.text, it->lang);
			}
			ui_speech_highlight(ui, i, sx, sy);
			ui_text_layout(ui, l, sx, sy, it->w, it->color, ui->th.mark, it->lang);
		}
		/* Links to other topics: controls where their runs are drawn (and
		 * in the focus order wherever the paragraph is). */
		for (size_t s = 0; it->block && s < it->block->nspans; s++) {
			const span_t *sp = &it->block->spans[s];
			/* (A damaged blob may name no topic the store could hold: no control.) */
			if (sp->kind != SPAN_LINK || strlen(sp->target) > STORE_ID_MAX) continue;
			char id[UI_ID_MAX];
			ui_idf(id, "link:", sp->target);
			for (int r = 0; r < l->nruns; r++) {
				const text_run_t *run = &l->runs[r];
				if (run->end <= sp->start || run->start >= sp->end) continue;
				ui_target(ui, (rect_t){sx + run->x, sy + run->y, run->w, run->h}, id);
			}
		}
	}
	p.y += av->height;
	ui_page_end(&p);
}

/* ---- about ---- */

static void about_row(page_t *p, uint32_t icon, const char *key)
{
	ui_t *ui = p->ui;
	int ipx = ui->m.px_icon;
	int indent = ipx + ui->m.gap * 2;
	int y = p->y;
	int h = ui_page_text(p, ui_str(ui, key), ui->sess.lang, ui->m.px_body, 0, ui->th.text, indent);
	rect_t r = ui_mirror(ui, (rect_t){p->x, p->oy + y, ipx, KYR_MAX(h, ipx)}, (rect_t){p->x, 0, p->w, 0});
	ui_icon(ui, icon, (rect_t){r.x, r.y, ipx, ipx}, ipx, ui->th.primary);
	p->y = y + KYR_MAX(h, ipx) + ui->m.gap * 2;
}

static void build_about(ui_t *ui)
{
	page_t p = ui_page_begin(ui);
	const metrics_t *m = &ui->m;
	ui_page_text(&p, ui_str(ui, "about.title"), ui->sess.lang, m->px_h1, TEXT_BOLD, ui->th.text, 0);
	p.y += m->gap * 2;
	about_row(&p, ICON_WIFI_OFF, "about.no_network");
	about_row(&p, ICON_NO_CAMERA, "about.no_camera");
	about_row(&p, ICON_HISTORY, "about.nothing_saved");
	about_row(&p, ICON_LOCK, "about.forget");
	about_row(&p, ICON_GAVEL, "about.not_advice");
	char *c = ui_fmt(ui, "about.content", "publisher", store_meta(ui->st, "publisher"),
	                 "version", store_meta(ui->st, "content_version"));
	ui_page_text(&p, c, ui->sess.lang, m->px_small, 0, ui->th.muted, 0);
	free(c);
	ui_page_end(&p);
}

/* ---- out of service, idle overlay ---- */

/* No usable content: "out of service" in every language the kiosk knows,
 * from the compiled-in table (there are no strings to read). */
static void build_oos(ui_t *ui)
{
	const metrics_t *m = &ui->m;
	ui->view = (rect_t){0, 0, ui->w, ui->h};
	page_t p = ui_page_begin(ui);
	ui_icon(ui, ICON_WARNING, (rect_t){p.x, p.oy + p.y, p.w, m->u}, m->u * 3 / 4, ui->th.text);
	p.y += m->u;
	const text_layout_t *l = ui_layout(ui, oos_texts[0].title, "en", m->px_h1, TEXT_BOLD, p.w, 1);
	ui_text_layout(ui, l, p.x, p.oy + p.y, p.w, ui->th.text, ui->th.text, "en");
	p.y += l->height;
	l = ui_layout(ui, oos_texts[0].body, "en", m->px_body, 0, p.w, 1);
	ui_text_layout(ui, l, p.x, p.oy + p.y, p.w, ui->th.text, ui->th.text, "en");
	p.y += l->height + m->gap * 2;
	int cols = KYR_MAX(2, KYR_MIN(4, ui->w / 200));
	int cw = (p.w - (cols - 1) * m->gap) / cols;
	int rowy = p.y, rowh = 0;
	for (int i = 1; i < oos_count; i++) {
		const oos_text_t *o = &oos_texts[i];
		int c = (i - 1) % cols;
		if (c == 0 && i > 1) { rowy += rowh + m->gap; rowh = 0; }
		int x = p.x + c * (cw + m->gap);
		const text_layout_t *t = ui_layout(ui, o->title, o->lang, m->px_small, TEXT_BOLD, cw, 1);
		const text_layout_t *b = ui_layout(ui, o->body, o->lang, m->px_small * 9 / 10, 0, cw, 1);
		ui_text_layout(ui, t, x, p.oy + rowy, cw, ui->th.text, ui->th.text, o->lang);
		ui_text_layout(ui, b, x, p.oy + rowy + t->height, cw, ui->th.text, ui->th.text, o->lang);
		rowh = KYR_MAX(rowh, t->height + b->height);
	}
	p.y = rowy + rowh;
	ui_page_end(&p);
}

static void build_idle(ui_t *ui)
{
	const metrics_t *m = &ui->m;
	draw_rect(&ui->dl, (rect_t){0, 0, ui->w, ui->h}, ui->th.bg, 0);
	int left = ui->cfg->countdown_seconds - (int)((ui->now - ui->sess.idle_start) / 1000);
	if (left < 0) left = 0;
	char secs[16];
	snprintf(secs, sizeof secs, "%d", left);
	int w = KYR_MIN(ui->w - 2 * m->pad, m->px_body * 30);
	int x = (ui->w - w) / 2;
	char *body = ui_fmt(ui, "idle.body", "seconds", secs, NULL, NULL);
	const text_layout_t *title = ui_layout(ui, ui_str(ui, "idle.title"), ui->sess.lang, m->px_h1, TEXT_BOLD, w, 1);
	const text_layout_t *lb = ui_layout(ui, body, ui->sess.lang, m->px_body, 0, w, 1);
	const text_layout_t *ls = ui_layout(ui, secs, "en", m->px_h1 * 2, TEXT_BOLD, w, 1);
	free(body);
	int bh = m->u * 3 / 2;
	int cw = KYR_MIN(w, m->u * 6), ew = KYR_MIN(w, m->u * 4);
	/* Centre the whole panel vertically. It must fit even at 800x480 with
	 * a demo band: without the hourglass, then with the two buttons side
	 * by side, when the screen is short. */
	int text_h = title->height + lb->height + ls->height + m->gap * 3;
	int room = ui->h - 2 * m->gap;
	int stacked = bh + m->gap * 2 + m->u, beside = cw + m->gap + ew <= w;
	int icon = text_h + stacked + m->u + m->gap <= room;
	if (!icon && text_h + stacked > room && beside) stacked = 0;
	int total = text_h + (stacked ? stacked : bh) + (icon ? m->u + m->gap : 0);
	int y = KYR_MAX(m->gap, (ui->h - total) / 2);
	if (icon) {
		ui_icon(ui, 0xe88b /* hourglass_empty */, (rect_t){x, y, w, m->u}, m->u * 3 / 4, ui->th.primary);
		y += m->u + m->gap;
	}
	ui_text_layout(ui, title, x, y, w, ui->th.text, ui->th.text, ui->sess.lang);
	y += title->height + m->gap;
	ui_text_layout(ui, lb, x, y, w, ui->th.text, ui->th.text, ui->sess.lang);
	y += lb->height + m->gap;
	ui_text_layout(ui, ls, x, y, w, ui->th.primary, ui->th.primary, "en");
	y += ls->height + m->gap;
	rect_t cb = {(ui->w - cw) / 2, y, cw, bh}, eb = {(ui->w - ew) / 2, y + bh + m->gap * 2, ew, m->u};
	if (!stacked) {   /* Continue first in reading order, Quick exit after it */
		cb.x = (ui->w - cw - m->gap - ew) / 2;
		eb = ui_mirror(ui, (rect_t){cb.x + cw + m->gap, y + (bh - m->u) / 2, ew, m->u}, (rect_t){0, 0, ui->w, ui->h});
		cb = ui_mirror(ui, cb, (rect_t){0, 0, ui->w, ui->h});
	}
	ui_button(ui, cb, "continue", ICON_TOUCH, ui_str(ui, "idle.continue"), ui->sess.lang, BTN_PRIMARY, 0);
	ui_button(ui, eb, "exit", ICON_CLOSE, ui_str(ui, "nav.exit"), ui->sess.lang, BTN_DANGER, 0);
}

/* A staff string from the content in use, in English; the built-in
 * English when there is no store or the content predates the string
 * (store_ui then answers with the key itself). */
static const char *update_str(ui_t *ui, const char *key, const char *builtin)
{
	const char *s = ui->st ? store_ui(ui->st, "en", key) : NULL;
	return s && strcmp(s, key) != 0 ? s : builtin;
}

/* kyr-update at work (staff plugged a stick in), then its result: what
 * happened, what to do next, and kyr-update's own line, smaller, for the
 * publisher. In English: staff read this. */
static void build_update(ui_t *ui)
{
	const metrics_t *m = &ui->m;
	const update_status_t *u = &ui->upd;
	draw_rect(&ui->dl, (rect_t){0, 0, ui->w, ui->h}, ui->th.bg, 0);
	int w = KYR_MIN(ui->w - 2 * m->pad, m->px_body * 30), x = (ui->w - w) / 2;
	const char *title, *next = NULL;
	switch (u->state) {
	case UPD_WORKING: title = update_str(ui, "update.title", "Updating content…"); break;
	case UPD_INSTALLED: title = update_str(ui, "update.done", "Content updated."); break;
	case UPD_REFUSED:
		title = update_str(ui, "update.failed", "The update was refused. The kiosk keeps its current content.");
		next = update_str(ui, "update.next_refused", "Take the USB stick out. Give it back to the organization "
		                  "that sent it, with the message below: they can make a new one.");
		break;
	default:
		title = update_str(ui, "update.stopped", "The update did not finish. The kiosk keeps its current content.");
		next = update_str(ui, "update.next_failed", "Take the USB stick out, put it in again and wait. If this "
		                  "message comes back, try another USB stick.");
		break;
	}
	/* The block is centred (a little above the middle) when it fits, else
	 * starts at the top: a long refusal still shows whole at 800x480. */
	const text_layout_t *lt = ui_layout(ui, title, "en", m->px_h1, TEXT_BOLD, w, 1);
	const text_layout_t *ln = next ? ui_layout(ui, next, "en", m->px_body, 0, w, 1) : NULL;
	const text_layout_t *lm = u->message[0] ? ui_layout(ui, u->message, "en", m->px_small, 0, w, 1) : NULL;
	int bar = u->state == UPD_WORKING ? m->u / 2 + m->gap * 2 : 0;
	int total = m->u + m->gap + lt->height + m->gap * 2 + bar + (ln ? ln->height + m->gap * 2 : 0) + (lm ? lm->height : 0);
	int y = KYR_MAX(m->pad, (ui->h - total) * 2 / 5);
	ui_icon(ui, u->state == UPD_WORKING ? 0xe2c4 /* file_download */ : u->state == UPD_INSTALLED ? ICON_CHECK : ICON_WARNING,
	        (rect_t){x, y, w, m->u}, m->u, ui->th.primary);
	y += m->u + m->gap;
	ui_text_layout(ui, lt, x, y, w, ui->th.text, ui->th.mark, "en");
	y += lt->height + m->gap * 2;
	if (bar) {
		int bh = m->u / 2;
		draw_rect(&ui->dl, (rect_t){x, y, w, bh}, ui->th.border, bh / 2);
		draw_rect(&ui->dl, (rect_t){x, y, KYR_MAX(bh, w * u->progress / 100), bh}, ui->th.primary, bh / 2);
		y += bar;
	}
	if (ln) {
		ui_text_layout(ui, ln, x, y, w, ui->th.text, ui->th.mark, "en");
		y += ln->height + m->gap * 2;
	}
	if (lm) ui_text_layout(ui, lm, x, y, w, ln ? ui->th.muted : ui->th.text, ui->th.mark, "en");
}

/* ---- the demonstration band ---- */

/* The band's language: the visitor's; on the attract screen, which has no
 * visitor yet, the language its prompt shows at the moment. */
static const char *demo_lang(ui_t *ui)
{
	if (ui_top(ui)->screen == S_ATTRACT && !ui->sess.idle && ui->nlangs)
		return ui->langs[ui->sess.attract_idx % ui->nlangs].code;
	return ui->sess.lang[0] ? ui->sess.lang : "en";
}

static const text_layout_t *demo_layout_in(ui_t *ui, const char *lang)
{
	return ui_layout(ui, store_ui(ui->st, lang, "demo.band"), lang, ui->m.px_small, TEXT_BOLD,
	                 ui->w - 2 * ui->m.pad, 1);
}

static const text_layout_t *demo_layout(ui_t *ui)
{
	return demo_layout_in(ui, demo_lang(ui));
}

/* Height of the "Demonstration content" band, 0 unless the content is a
 * demo bundle (meta demo = 1: sample contacts or bundle.ini demo = yes).
 * On the attract screen, whose band cycles with the prompt, the tallest
 * language's: the screen above it must not move as the languages turn. */
static int demo_band_h(ui_t *ui)
{
	const char *demo = ui->st ? store_meta(ui->st, "demo") : NULL;
	if (!demo || strcmp(demo, "1") != 0) return 0;
	int h = demo_layout(ui)->height;
	if (ui_top(ui)->screen == S_ATTRACT && !ui->sess.idle && ui->settled)
		for (int i = 0; i < ui->nlangs; i++) h = KYR_MAX(h, demo_layout_in(ui, ui->langs[i].code)->height);
	return h + ui->m.gap;
}

/* Across the bottom of the screen, below everything the screen laid out
 * (ui_build shortened the screen by its height, so it covers nothing). */
static void build_demo_band(ui_t *ui, int band)
{
	const text_layout_t *l = demo_layout(ui);
	rect_t r = {0, ui->h - band, ui->w, band};
	draw_rect(&ui->dl, r, ui->th.warn_bg, 0);
	draw_rect(&ui->dl, (rect_t){0, r.y, ui->w, 3}, ui->th.warn_border, 0);
	ui_text_layout(ui, l, ui->m.pad, r.y + (band - l->height) / 2 + 1, ui->w - 2 * ui->m.pad, ui->th.text,
	               ui->th.text, demo_lang(ui));
}

void ui_build(ui_t *ui)
{
	draw_clear(&ui->dl);
	ui->lc_gen++;
	draw_rect(&ui->dl, (rect_t){0, 0, ui->w, ui->h}, ui->th.bg, 0);
	frame_t *f = ui_top(ui);
	/* A demo bundle's band is reserved by building every screen in a
	 * shorter one. Not while calibrating: the crosses and the taps on them
	 * must use the panel's full height (ui_operator.c maps taps by it). */
	int band = demo_band_h(ui);
	int calibrating = f->screen == S_OPERATOR && ui->op.calib_step >= 0 && !ui->sess.idle;
	if (!calibrating) ui->h -= band;
	int bottom = ui->h - ui_listen_strip_h(ui) - ui_a11y_strip_h(ui);
	ui->view = (rect_t){0, ui->m.bar_h, ui->w, bottom - ui->m.bar_h};
	ui->view_h = 0;
	ui->more_to = -1;
	if (ui->upd.state != UPD_NONE) {
		build_update(ui);
	} else if (!ui->st) {
		build_oos(ui);
	} else if (ui->sess.idle) {
		build_idle(ui);
		ui_a11y_strip(ui);
	} else {
		/* The bar first: a screen may put things into it (the search box). */
		if (f->screen != S_ATTRACT && !(f->screen == S_OPERATOR && ui->op.calib_step >= 0))
			build_bar(ui, f->screen != S_HOME && f->screen != S_PIN && f->screen != S_OPERATOR);
		switch (f->screen) {
		case S_ATTRACT: build_attract(ui); break;
		case S_LANGUAGE: build_language(ui); break;
		case S_HOME: build_home(ui); break;
		case S_ARTICLE: build_article(ui); break;
		case S_ABOUT: build_about(ui); break;
		case S_DIRECTORY: ui_build_directory(ui); break;
		case S_ORG: ui_build_org(ui); break;
		case S_CARD: ui_build_card(ui); break;
		case S_SEARCH: ui_build_search(ui); break;
		case S_PIN: case S_OPERATOR: ui_build_operator(ui); break;
		default: build_oos(ui); break;
		}
		ui_listen_strip(ui);
		ui_a11y_strip(ui);
	}
	if (!calibrating) ui->h += band;
	ui_clip(ui, (rect_t){0, 0, 0, 0});
	if (band) build_demo_band(ui, band);
	ui_lc_sweep(ui);
}
