/* ui_speech — listening: the Listen / Pause / Stop / volume row, what each
 * screen reads aloud (the article sentence by sentence, highlighted and kept
 * in view), and spoken navigation for blind visitors: every focused control
 * is announced, a swipe left or right moves the focus, a double tap
 * activates (the convention of phone screen readers). F1, or holding a finger
 * on the language screen, turns it on and off. */
#include "ui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ui_speech_stop(ui_t *ui)
{
	if (ui->sp) speech_stop(ui->sp);
	free(ui->segmap);
	ui->segmap = NULL;
	ui->nseg = 0;
	ui->reading = -1;
	ui->cur_seg = -1;
}

static const char *voice_for(const ui_t *ui, const char *lang)
{
	for (int i = 0; i < ui->nlangs; i++)
		if (!strcmp(ui->langs[i].code, lang)) return ui->langs[i].voice;
	return "";
}

/* 1 when the visitor's language can be read aloud (a voice, or for an
 * article a publisher's recording). */
int ui_can_listen(ui_t *ui)
{
	if (!ui->sp) return 0;
	const char *v = voice_for(ui, ui_top(ui)->screen == S_ARTICLE && ui->art.loaded ? ui->art.art.lang : ui->lang);
	if (ui_top(ui)->screen == S_ARTICLE && ui->art.has_recording) return 1;
	return v[0] && speech_has_voice(ui->sp, v);
}

typedef struct {
	buf_t text;              /* all segments' texts, back to back */
	size_t *off;             /* segment i is text[off[i] .. off[i+1]) */
	ui_seg_t *map;
	int n, cap;
} utter_t;

static void add_seg(utter_t *u, const char *s, size_t len, int item, size_t start, size_t end)
{
	if (!len) return;
	if (u->n + 2 > u->cap) {
		u->cap = u->cap ? u->cap * 2 : 64;
		u->off = xrealloc(u->off, (size_t)(u->cap + 1) * sizeof *u->off);
		u->map = xrealloc(u->map, (size_t)u->cap * sizeof *u->map);
	}
	u->off[u->n] = u->text.len;
	buf_append(&u->text, s, len);
	u->map[u->n] = (ui_seg_t){item, start, end};
	u->n++;
	u->off[u->n] = u->text.len;
}

typedef struct {
	utter_t *u;
	const char *text;
	int item;
	const block_t *block;
} split_ctx_t;

/* One sentence: phone numbers are read digit by digit. */
static void on_sentence(void *ctx, size_t start, size_t end)
{
	split_ctx_t *c = ctx;
	buf_t s = {0};
	size_t at = start;
	for (size_t i = 0; c->block && i < c->block->nspans; i++) {
		const span_t *sp = &c->block->spans[i];
		if (sp->kind != SPAN_PHONE || sp->start < at || sp->end > end) continue;
		buf_append(&s, c->text + at, sp->start - at);
		speech_phone_words(c->text + sp->start, sp->end - sp->start, &s);
		at = sp->end;
	}
	buf_append(&s, c->text + at, end - at);
	add_seg(c->u, s.data, s.len, c->item, start, end);
	buf_free(&s);
}

static void add_text(utter_t *u, const char *text, size_t len, const char *lang, int item, const block_t *b)
{
	split_ctx_t c = {u, text, item, b};
	speech_split_sentences(text, len, lang, on_sentence, &c);
}

/* What the current screen reads: the article's text (highlighted), or the
 * home and directory screens' headings and buttons. */
static void build_utterance(ui_t *ui, utter_t *u, const char **lang)
{
	frame_t *f = ui_top(ui);
	*lang = ui->lang;
	if (f->screen == S_ARTICLE && ui->art.loaded) {
		article_view_t *av = &ui->art;
		for (int i = 0; i < av->nitems; i++) {
			const page_item_t *it = &av->items[i];
			if (it->kind != ART_TEXT || !it->speak) continue;
			add_text(u, it->layout->text, it->layout->len, av->art.lang, i, it->block);
		}
		*lang = av->art.lang;
		return;
	}
	/* Elsewhere: every text on screen, in order, once. */
	const draw_list_t *dl = ui_draw(ui);
	for (size_t i = 0; i < dl->n; i++) {
		const draw_item_t *d = &dl->items[i];
		if (d->kind != DRAW_TEXT || !d->lang || strcmp(d->lang, ui->lang)) continue;
		add_text(u, d->text, strlen(d->text), ui->lang, -1, NULL);
	}
}

static void listen(ui_t *ui)
{
	ui_speech_stop(ui);
	if (!ui->sp) return;
	frame_t *f = ui_top(ui);
	if (f->screen == S_ARTICLE && ui->art.has_recording) {
		void *data;
		size_t len;
		if (store_recording(ui->st, ui->art.slug, ui->art.art.lang, &data, &len) == 0) {
			speech_play_recording(ui->sp, data, len);
			free(data);
			ui->reading = f->screen;
			return;
		}
	}
	utter_t u = {0};
	const char *lang;
	build_utterance(ui, &u, &lang);
	if (!u.n) { free(u.off); free(u.map); buf_free(&u.text); return; }
	speech_seg_t *segs = xcalloc((size_t)u.n, sizeof *segs);
	for (int i = 0; i < u.n; i++) segs[i] = (speech_seg_t){u.text.data + u.off[i], u.off[i + 1] - u.off[i]};
	if (speech_play(ui->sp, voice_for(ui, lang), segs, (size_t)u.n) == 0) {
		ui->segmap = u.map;
		ui->nseg = u.n;
		ui->reading = f->screen;
		u.map = NULL;
	}
	free(segs);
	free(u.off);
	free(u.map);
	buf_free(&u.text);
}

void ui_speech_action(ui_t *ui, const char *id)
{
	if (!ui->sp) return;
	if (!strcmp(id, "listen")) listen(ui);
	else if (!strcmp(id, "pause")) speech_pause(ui->sp);
	else if (!strcmp(id, "resume")) speech_resume(ui->sp);
	else if (!strcmp(id, "stop")) ui_speech_stop(ui);
	else if (!strcmp(id, "volume-")) speech_set_volume(ui->sp, speech_volume(ui->sp) - 20);
	else if (!strcmp(id, "volume+")) speech_set_volume(ui->sp, speech_volume(ui->sp) + 20);
	ui_invalidate(ui);
}

/* Each frame: follow the voice with the highlight and the scroll. */
int ui_speech_tick(ui_t *ui)
{
	if (!ui->sp || ui->reading < 0) return 0;
	speech_state_t s = speech_state(ui->sp);
	int cur = s == SPEECH_IDLE ? -1 : speech_current(ui->sp);
	if ((int)s != ui->speech_state_seen) { ui->speech_state_seen = (int)s; ui_invalidate(ui); }
	if (s == SPEECH_IDLE) {
		if (ui->reading >= 0 && !ui->announcing) ui_speech_stop(ui);
		ui->announcing = 0;
		return 1;
	}
	if (cur == ui->cur_seg) return 1;
	ui->cur_seg = cur;
	ui_invalidate(ui);
	/* Keep the sentence being read in view, a third down the screen. */
	if (cur >= 0 && cur < ui->nseg && ui->segmap[cur].item >= 0 && ui_top(ui)->screen == S_ARTICLE) {
		const page_item_t *it = &ui->art.items[ui->segmap[cur].item];
		frame_t *f = ui_top(ui);
		int top = ui->art.top + it->y;
		for (int r = 0; r < it->layout->nruns; r++)
			if (it->layout->runs[r].end > ui->segmap[cur].start) { top += it->layout->runs[r].y; break; }
		if (top < f->scroll || top > f->scroll + ui->view.h * 2 / 3) f->scroll = KYR_MAX(0, top - ui->view.h / 3);
	}
	return 1;
}

/* The highlight behind the sentence being read, if it is in item i. */
void ui_speech_highlight(ui_t *ui, int item, int x, int y)
{
	if (ui->cur_seg < 0 || ui->cur_seg >= ui->nseg || ui->segmap[ui->cur_seg].item != item ||
	    ui_top(ui)->screen != S_ARTICLE)
		return;
	const ui_seg_t *sg = &ui->segmap[ui->cur_seg];
	const text_layout_t *l = ui->art.items[item].layout;
	const char *lang = ui->art.art.lang;
	for (int r = 0; r < l->nruns; r++) {
		const text_run_t *run = &l->runs[r];
		if (run->end <= sg->start || run->start >= sg->end) continue;
		/* Only the sentence's part of the run: measure what comes before it
		 * and what it covers (kerning across the cut is ignored). */
		size_t a = KYR_MAX(run->start, sg->start), b = KYR_MIN(run->end, sg->end);
		char *pre = xstrndup(l->text + run->start, a - run->start);
		char *mid = xstrndup(l->text + run->start, b - run->start);
		int w0 = a > run->start ? text_width(ui->fs, pre, lang, run->px, run->flags) : 0;
		int w1 = b < run->end ? text_width(ui->fs, mid, lang, run->px, run->flags) : run->w;
		free(pre);
		free(mid);
		int x0 = run->rtl ? run->x + run->w - w1 : run->x + w0;
		int wd = w1 - w0;
		if (wd > 0) draw_rect(&ui->dl, (rect_t){x + x0 - 2, y + run->y, wd + 4, run->h}, ui->th.highlight, 4);
	}
}

typedef struct { const char *id, *key; uint32_t icon; int style; } listen_btn_t;

static int reading_here(ui_t *ui)
{
	return ui->sp && ui->reading == ui_top(ui)->screen && !ui->announcing && speech_state(ui->sp) != SPEECH_IDLE;
}

/* Lays out buttons from x in a row at y; returns the row's width. */
static int button_row(ui_t *ui, const listen_btn_t *b, int n, int x, int y, int maxw, int h, int page)
{
	const metrics_t *m = &ui->m;
	rect_t col = {x, 0, maxw, 0};
	int at = 0;
	for (int i = 0; i < n; i++) {
		const char *label = b[i].key ? ui_str(ui, b[i].key) : NULL;
		int w = label ? KYR_MAX(h * 2, text_width(ui->fs, label, ui->lang, m->px_button, TEXT_BOLD) + m->px_icon + 3 * m->gap) : h;
		w = KYR_MIN(w, maxw / 2);
		rect_t r = ui_mirror(ui, (rect_t){x + at, y, w, h}, col);
		if (!page || ui_visible(ui, r.y, r.h)) {
			ui_button(ui, r, b[i].id, b[i].icon, label, ui->lang, b[i].style, 0);
			if (page) {
				ui->dl.n--;
				ui_page_target(ui, r, b[i].id);
			}
		}
		at += w + m->gap;
	}
	return at - m->gap;
}

static int listen_h(const ui_t *ui)
{
	return ui->m.target;
}

/* The Listen button at the top of a page (while reading, the controls sit
 * in a strip at the bottom of the screen instead, always in reach). */
void ui_listen_row(ui_t *ui, page_t *p)
{
	if (!ui_can_listen(ui) || reading_here(ui)) return;
	int h = listen_h(ui);
	listen_btn_t b[] = {{"listen", "nav.listen", 0xe050 /* volume_up */, BTN_PRIMARY}};
	button_row(ui, b, 1, p->x, p->oy + p->y, p->w, h, 1);
	p->y += h + ui->m.gap * 2;
}

/* The height the bottom strip takes while reading (0 when not). */
int ui_listen_strip_h(ui_t *ui)
{
	return reading_here(ui) ? listen_h(ui) + 2 * ui->m.gap : 0;
}

/* Pause / Resume, Stop, quieter, louder: fixed at the bottom while reading. */
void ui_listen_strip(ui_t *ui)
{
	int sh = ui_listen_strip_h(ui);
	if (!sh) return;
	const metrics_t *m = &ui->m;
	int paused = speech_state(ui->sp) == SPEECH_PAUSED, y = ui->h - sh;
	draw_rect(&ui->dl, (rect_t){0, y, ui->w, sh}, ui->th.surface, 0);
	draw_rect(&ui->dl, (rect_t){0, y, ui->w, 2}, ui->th.border, 0);
	listen_btn_t b[] = {
		{paused ? "resume" : "pause", paused ? "nav.listen" : "nav.pause", paused ? 0xe037 /* play_arrow */ : 0xe034 /* pause */, BTN_PRIMARY},
		{"stop", "nav.stop", 0xe047 /* stop */, BTN_CHIP},
		{"volume-", NULL, 0xe04d /* volume_down */, BTN_CHIP},
		{"volume+", NULL, 0xe050 /* volume_up */, BTN_CHIP},
	};
	int x = (ui->w - m->content_w) / 2;
	button_row(ui, b, 4, x, y + m->gap, m->content_w, listen_h(ui), 0);
}

/* ---- spoken navigation ---- */

static const struct { const char *id, *key; } names[] = {
	{"back", "nav.back"}, {"home", "nav.home"}, {"exit", "nav.exit"}, {"language", "nav.language"},
	{"textsize", "nav.textsize"}, {"contrast", "nav.contrast"}, {"listen", "nav.listen"},
	{"pause", "nav.pause"}, {"stop", "nav.stop"}, {"volume-", "nav.volume"}, {"volume+", "nav.volume"},
	{"key:backspace", "search.backspace"}, {"key:space", "search.space"}, {"key:clear", "search.clear"},
};

/* Says what a target is: the texts drawn on it, else its name. */
static void announce(ui_t *ui, const draw_item_t *t)
{
	if (!ui->sp || !t) return;
	buf_t b = {0};
	const char *lang = ui->lang[0] ? ui->lang : "en";
	for (size_t i = 0; i < ui->dl.n; i++) {
		const draw_item_t *d = &ui->dl.items[i];
		if (d->kind != DRAW_TEXT) continue;
		int cx = d->r.x + d->r.w / 2, cy = d->r.y + KYR_MIN(d->r.h, 40) / 2;
		if (cx < t->r.x || cx >= t->r.x + t->r.w || cy < t->r.y || cy >= t->r.y + t->r.h) continue;
		if (b.len) buf_puts(&b, ". ");
		buf_puts(&b, d->text);
		if (d->lang) lang = d->lang;
	}
	for (size_t i = 0; !b.len && i < KYR_ARRAY_LEN(names); i++)
		if (!strcmp(names[i].id, t->id)) buf_puts(&b, ui_str(ui, names[i].key));
	if (!b.len && !strncmp(t->id, "key:", 4)) buf_puts(&b, t->id + 4);
	if (b.len) {
		const char *v = voice_for(ui, lang);
		speech_seg_t seg = {b.data, b.len};
		ui_speech_stop(ui);
		if (speech_play(ui->sp, v[0] ? v : "en-us", &seg, 1) == 0) {
			ui->reading = ui_top(ui)->screen;
			ui->announcing = 1;
		}
	}
	buf_free(&b);
}

void ui_a11y_toggle(ui_t *ui)
{
	ui->a11y = !ui->a11y;
	ui->focus = -1;
	if (ui->sp) {
		const char *s = ui->st ? store_ui(ui->st, ui->lang[0] ? ui->lang : "en", ui->a11y ? "a11y.on" : "a11y.off")
		                       : (ui->a11y ? "Spoken navigation on" : "Spoken navigation off");
		const char *v = voice_for(ui, ui->lang[0] ? ui->lang : "en");
		speech_seg_t seg = {s, strlen(s)};
		ui_speech_stop(ui);
		speech_play(ui->sp, v[0] ? v : "en-us", &seg, 1);
	}
	ui_invalidate(ui);
}

/* Focus the target at index k (wrapping) and say what it is. */
void ui_a11y_focus(ui_t *ui, int k)
{
	const draw_list_t *dl = ui_draw(ui);
	int n = 0;
	for (size_t i = 0; i < dl->n; i++) n += dl->items[i].kind == DRAW_TARGET;
	if (!n) return;
	ui->focus = ((k % n) + n) % n;
	int j = 0;
	for (size_t i = 0; i < dl->n; i++)
		if (dl->items[i].kind == DRAW_TARGET && j++ == ui->focus) {
			snprintf(ui->focus_id, sizeof ui->focus_id, "%s", dl->items[i].id);
			announce(ui, &dl->items[i]);
			break;
		}
	ui_invalidate(ui);
}
