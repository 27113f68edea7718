/* ui_search — the search screen: what the visitor typed, results as they
 * type (articles and organisations, best first, matching words marked), and
 * an on-screen keyboard from the content's layout for their language.
 * Languages without a layout get "browse the topics" instead. */
#include "ui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void load_keyboard(ui_t *ui)
{
	ui_search_t *s = &ui->search;
	if (!strcmp(s->kbd_lang, ui->sess.lang)) return;
	snprintf(s->kbd_lang, sizeof s->kbd_lang, "%s", ui->sess.lang);
	s->has_kbd = s->nkbds = s->cur = 0;
	s->kbd = NULL;
	const char *list = NULL;
	for (int i = 0; i < ui->nlangs; i++)
		if (!strcmp(ui->langs[i].code, ui->sess.lang)) list = ui->langs[i].keyboard;
	char names[KBD_MAX_LAYOUTS][KBD_NAME_BYTES];
	for (int k = 0, nk = kbd_names(list, names); k < nk; k++) {
		char *text = store_keyboard(ui->st, names[k]);
		char err[160];
		if (text && kbd_parse(text, &s->kbds[s->nkbds], err, sizeof err) == 0) s->nkbds++;
		else if (text) kyr_fault(KYR_FAULT_CONTENT);   /* checked at start (content.c) */
		free(text);
	}
	s->has_kbd = s->nkbds > 0;
	s->kbd = s->has_kbd ? &s->kbds[0] : NULL;
}

void ui_search_forget(ui_t *ui)
{
	store_hits_free(ui->search.hits, ui->search.nhits);
	ui->search.hits = NULL;
	ui->search.nhits = 0;
	memset(ui->search.query, 0, sizeof ui->search.query);
	ui->search.hits_dirty = 0;
	ui->search.kbd_lang[0] = 0;
	ui->search.has_kbd = ui->search.nkbds = ui->search.cur = 0;
	ui->search.kbd = NULL;
}

static void changed(ui_t *ui)
{
	ui->search.hits_dirty = 1;
	ui_top(ui)->scroll = 0;
	ui_invalidate(ui);
}

void ui_search_type(ui_t *ui, const char *text)
{
	kbd_type(ui->search.has_kbd ? ui->search.kbd->compose : KBD_PLAIN, ui->search.query, sizeof ui->search.query, text);
	changed(ui);
}

void ui_search_backspace(ui_t *ui)
{
	kbd_backspace(ui->search.has_kbd ? ui->search.kbd->compose : KBD_PLAIN, ui->search.query);
	changed(ui);
}

/* A key of the on-screen keyboard (its id without "key:"): the text it
 * types, or space, backspace, clear. */
void ui_search_key(ui_t *ui, const char *k)
{
	if (!strcmp(k, "space")) ui_search_type(ui, " ");
	else if (!strcmp(k, "backspace")) ui_search_backspace(ui);
	else if (!strcmp(k, "clear")) { ui->search.query[0] = 0; changed(ui); }
	else if (!strcmp(k, "switch")) {
		/* The other keyboard of the language (its script, or Latin letters). */
		ui_search_t *s = &ui->search;
		if (s->nkbds > 1) s->kbd = &s->kbds[s->cur = (s->cur + 1) % s->nkbds];
		ui_invalidate(ui);
	} else ui_search_type(ui, k);
}

static void run_query(ui_t *ui)
{
	if (!ui->search.hits_dirty) return;
	ui->search.hits_dirty = 0;
	store_hits_free(ui->search.hits, ui->search.nhits);
	ui->search.hits = NULL;
	ui->search.nhits = 0;
	const char *q = ui->search.query;
	while (*q == ' ') q++;
	if (!*q) return;
	int n = store_search(ui->st, ui->search.query, ui->sess.lang, UI_SEARCH_MAX, &ui->search.hits);
	ui->search.nhits = n < 0 ? 0 : n;
}

/* The snippet without its \x01 \x02 markers, and the marked ranges as spans. */
static void unmark(const char *in, char *out, size_t cap, text_span_t *spans, size_t maxs, size_t *ns)
{
	size_t o = 0;
	*ns = 0;
	for (const char *p = in; *p && o + 1 < cap; p++) {
		if (*p == '\x01') {
			if (*ns < maxs) spans[*ns] = (text_span_t){o, o, TEXT_MARK | TEXT_BOLD};
		} else if (*p == '\x02') {
			if (*ns < maxs) spans[(*ns)++].end = o;
		} else {
			out[o++] = *p;
		}
	}
	out[o] = 0;
}

static int build_results(ui_t *ui, page_t *p)
{
	const metrics_t *m = &ui->m;
	if (!ui->search.query[0]) return 0;
	if (!ui->search.nhits) {
		/* One letter is not searched yet (store_search): no "nothing found". */
		size_t i = 0, n = strlen(ui->search.query), cps = 0;
		while (i < n) { utf8_next(ui->search.query, n, &i); cps++; }
		if (cps > 1) ui_page_text(p, ui_str(ui, "search.no_results"), ui->sess.lang, m->px_body, 0, ui->th.text, 0);
		return 0;
	}
	rect_t col = {p->x, 0, p->w, 0};
	for (int i = 0; i < ui->search.nhits; i++) {
		const store_hit_t *h = &ui->search.hits[i];
		int article = !strcmp(h->kind, "article");
		int ipx = m->px_icon;
		int tw = p->w - ipx - 3 * m->gap;
		const text_layout_t *lt = ui_layout(ui, h->title, h->lang[0] ? h->lang : ui->sess.lang, m->px_body, TEXT_BOLD, tw, 0);
		char snip[512];
		text_span_t spans[16];
		size_t ns;
		unmark(h->snippet, snip, sizeof snip, spans, 16, &ns);
		const char *hl = h->lang[0] ? h->lang : ui->sess.lang;
		const text_layout_t *ls = ui_layout_spans(ui, snip, hl, m->px_small, 0, tw, 0, spans, ns);
		int hgt = KYR_MAX(m->u, lt->height + ls->height + 2 * m->gap);
		rect_t b = ui_mirror(ui, (rect_t){p->x, p->oy + p->y, p->w, hgt}, col);
		char id[UI_ID_MAX];
		snprintf(id, sizeof id, "result:%d", i);
		tile_t tl = ui_tile(ui, b, id, TILE_PLAIN);
		if (tl.shown) {
			rect_t ir = ui_mirror(ui, (rect_t){p->x + m->gap, b.y + m->gap, ipx, ipx}, col);
			ui_icon(ui, article ? 0xe873 /* description */ : ICON_SUPPORT, ir, ipx, ui->th.primary);
			int tx = ui->sess.rtl ? p->x + m->gap : p->x + ipx + 2 * m->gap;
			ui_text_layout(ui, lt, tx, b.y + m->gap, tw, ui->th.text, ui->th.mark, hl);
			ui_text_layout(ui, ls, tx, b.y + m->gap + lt->height, tw, ui->th.text, ui->th.mark, hl);
		}
		p->y += hgt + m->gap;
	}
	return 0;
}

/* The keyboard rows (wrapped where a row has more keys than fit) and the
 * Space / Delete / Clear row, from the bottom of the screen up. */
/* 1 when some row has more keys than fit across. */
static int keyboard_flows(const ui_t *ui, int per_row)
{
	for (int r = 0; r < ui->search.kbd->nrows; r++)
		if (ui->search.kbd->nkeys[r] > per_row) return 1;
	return 0;
}

static int keyboard_height(ui_t *ui, int w, int *kw, int *kh, int *per_row)
{
	const metrics_t *m = &ui->m;
	int min = m->target;
	*kh = KYR_MAX(min, m->u * 4 / 5);
	/* As tall as a line of the language at the smallest size (Burmese):
	 * the keys keep their letters and Space its word. */
	*kh = KYR_MAX(*kh, ui_layout(ui, ui_str(ui, "search.space"), ui->sess.lang, m->min_text, TEXT_BOLD, w, 0)->height + 1);
	*per_row = KYR_MAX(1, (w + 8) / (min + 8));
	int rows = 1, widest = 1, total = 0;
	for (int r = 0; r < ui->search.kbd->nrows; r++) {
		int n = ui->search.kbd->nkeys[r];
		rows += (n + *per_row - 1) / *per_row;
		widest = KYR_MAX(widest, KYR_MIN(n, *per_row));
		total += n;
	}
	/* Rows that must wrap anyway (a small panel) flow as one sequence:
	 * fewer rows, so the keyboard leaves the results some room. */
	if (keyboard_flows(ui, *per_row)) rows = 1 + (total + *per_row - 1) / *per_row;
	*kw = KYR_MIN(m->u * 6 / 5, (w - (widest - 1) * 8) / widest);
	return rows * (*kh + 8) + 8;
}

static void key_button(ui_t *ui, rect_t r, const char *id, uint32_t icon, const char *label, const char *lang)
{
	ui_button(ui, r, id, icon, label, lang, BTN_CHIP, 0);
}

/* The keyboard from y = top down (fixed at the bottom of the screen, or
 * inside the scrolling page on a panel too small for both it and results). */
static void build_keyboard(ui_t *ui, int top, int w)
{
	const metrics_t *m = &ui->m;
	int kw, kh, per;
	int kbh = keyboard_height(ui, w, &kw, &kh, &per);
	ui_rect(ui, (rect_t){0, top, ui->w, kbh}, ui->th.surface, 0);
	ui_rect(ui, (rect_t){0, top, ui->w, 2}, ui->th.border, 0);
	int y = top + 8;
	rect_t scr = {0, 0, ui->w, ui->h};
	/* Row by row; or, when rows must wrap, every key in one flow. */
	const kbd_layout_t *kb = ui->search.kbd;
	int flow = keyboard_flows(ui, per), total = 0;
	for (int r = 0; r < kb->nrows; r++) total += kb->nkeys[r];
	for (int r = 0, start = 0, done = 0; flow ? done < total : r < kb->nrows;) {
		int n = flow ? total : kb->nkeys[r];
		int cnt = KYR_MIN(per, n - start);
		int rw = cnt * kw + (cnt - 1) * 8;
		int x0 = (ui->w - rw) / 2;
		for (int k = 0; k < cnt; k++) {
			int i = start + k, row = r;
			if (flow) for (row = 0; i >= kb->nkeys[row]; row++) i -= kb->nkeys[row];
			const char *label = kb->keys[row][i];
			rect_t b = {x0 + k * (kw + 8), y, kw, kh};
			if (kb->rtl) b.x = ui->w - b.x - kw;
			char id[UI_ID_MAX];
			ui_idf(id, "key:", label);
			key_button(ui, b, id, 0, label, ui->sess.lang);
		}
		y += kh + 8;
		start += cnt;
		done += cnt;
		if (!flow && start >= n) { r++; start = 0; }
	}
	/* Space in the middle, Delete at the end, Clear at the start (mirrored
	 * in RTL), and after Clear the key to the language's other keyboard,
	 * named by that keyboard's title ("ABC", "हिन्दी"). */
	const ui_search_t *s = &ui->search;
	/* The switch key is half as wide again: its icon and a word ("ABC")
	 * on one line even where 13 keys across leave the others narrow. */
	int wide = kw * 2 + 8, sww = s->nkbds > 1 ? wide + wide / 2 + 8 : 0;
	int sw = KYR_MIN(w - 2 * (wide + 8) - sww, m->u * 5);
	int x0 = (ui->w - (sw + 2 * (wide + 8) + sww)) / 2;
	rect_t clr = {x0, y, wide, kh}, swi = {x0 + wide + 8, y, sww - 8, kh};
	rect_t spc = {x0 + wide + 8 + sww, y, sw, kh}, del = {spc.x + sw + 8, y, wide, kh};
	key_button(ui, ui_mirror(ui, clr, scr), "key:clear", ICON_CLEAR, NULL, ui->sess.lang);
	if (s->nkbds > 1) {
		const kbd_layout_t *next = &s->kbds[(s->cur + 1) % s->nkbds];
		key_button(ui, ui_mirror(ui, swi, scr), "key:switch", ICON_KEYBOARD, next->title, ui->sess.lang);
	}
	key_button(ui, ui_mirror(ui, spc, scr), "key:space", ICON_SPACE, ui_str(ui, "search.space"), ui->sess.lang);
	/* Delete is the backspace sign, pointing back along the line: to the
	 * right in right-to-left languages (drawn mirrored). */
	key_button(ui, ui_mirror(ui, del, scr), "key:backspace", ICON_BACKSPACE, NULL, ui->sess.lang);
}

void ui_build_search(ui_t *ui)
{
	const metrics_t *m = &ui->m;
	load_keyboard(ui);
	run_query(ui);
	/* The query box: under the bar, or on a short screen inside the bar,
	 * between Home and the language button, to leave room for results. */
	int cw = m->content_w, cx = (ui->w - cw) / 2;
	int top = m->bar_h + m->gap, bh = m->u;
	int in_bar = ui->h < 600;
	if (in_bar) {
		top = m->gap;
		cx = ui->bar_free_x0;
		cw = ui->bar_free_x1 - cx;
		if (ui->sess.rtl) cx = ui->w - cx - cw;
	}
	draw_rect(&ui->dl, (rect_t){cx, top, cw, bh}, ui->th.primary, m->radius);
	draw_rect(&ui->dl, (rect_t){cx + 3, top + 3, cw - 6, bh - 6}, ui->th.surface, m->radius);
	int ipx = m->px_icon;
	rect_t icon = ui_mirror(ui, (rect_t){cx + m->gap, top, ipx, bh}, (rect_t){cx, 0, cw, 0});
	ui_icon(ui, ICON_SEARCH, icon, ipx, ui->th.muted);
	int tw = cw - ipx - 3 * m->gap;
	const char *shown = ui->search.query[0] ? ui->search.query : ui_str(ui, "search.placeholder");
	const text_layout_t *l = ui_layout(ui, shown, ui->sess.lang, in_bar ? m->px_body : m->px_h2, ui->search.query[0] ? TEXT_BOLD : 0, tw, 0);
	int ty = top + (bh - KYR_MIN(l->height, bh)) / 2;
	int tx = ui->sess.rtl ? cx + m->gap : cx + ipx + 2 * m->gap;
	ui_text_layout(ui, l, tx, ty, tw, ui->search.query[0] ? ui->th.text : ui->th.muted, ui->th.mark, ui->sess.lang);
	if (in_bar) top = m->bar_h - bh - m->gap;   /* results start under the bar */

	int kb_top = ui->h, kbh = 0, kw, kh, per;
	if (ui->search.has_kbd) kbh = keyboard_height(ui, ui->w - 16, &kw, &kh, &per);
	/* The keyboard sits at the bottom when it leaves room for a result or
	 * two; on a smaller panel (the 5" Touch Display 2) it scrolls with the
	 * page, above the results, so nothing covers the query or the results. */
	int fixed = ui->search.has_kbd && ui->h - kbh - (top + bh + m->gap) >= 2 * m->u;
	if (fixed) kb_top = ui->h - kbh;
	ui->view = (rect_t){0, top + bh + m->gap, ui->w, kb_top - (top + bh + m->gap)};
	page_t p = ui_page_begin(ui);
	p.y = 0;
	if (ui->search.has_kbd && !fixed) {
		build_keyboard(ui, p.oy + p.y, ui->w - 16);
		p.y += kbh + m->gap;
	}
	if (!ui->search.has_kbd) {
		ui_page_text(&p, ui_str(ui, "search.no_keyboard"), ui->sess.lang, m->px_body, 0, ui->th.text, 0);
		p.y += m->gap;
		rect_t b = ui_mirror(ui, (rect_t){p.x, p.oy + p.y, KYR_MIN(p.w, m->u * 5), m->u}, (rect_t){p.x, 0, p.w, 0});
		ui_button(ui, b, "browse", ICON_HOME, ui_str(ui, "search.browse"), ui->sess.lang, BTN_PRIMARY, 0);
		p.y += m->u + m->gap;
	}
	build_results(ui, &p);
	ui_page_end(&p);
	if (fixed) build_keyboard(ui, kb_top, ui->w - 16);
}
