/* ui_speech — listening: the Listen / Pause / Stop / volume row, what each
 * screen reads aloud (the article sentence by sentence, highlighted and kept
 * in view, every piece in its own language's voice), and spoken navigation
 * for blind visitors: every focused control is announced, a swipe left or
 * right moves the focus, a double tap activates (the convention of phone
 * screen readers). It is turned on only on purpose, and only when the kiosk
 * can speak: the "Audio guide" button on the language screen, or F1; a strip
 * at the bottom says it is on and turns it off with one tap. */
#include "ui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ui_speech_stop(ui_t *ui)
{
	if (ui->speech.sp) speech_stop(ui->speech.sp);
	free(ui->speech.segmap);
	ui->speech.segmap = NULL;
	ui->speech.nseg = 0;
	ui->speech.reading = -1;
	ui->speech.cur_seg = -1;
	ui->speech.announcing = 0;
}

void ui_speech_reset(ui_t *ui)
{
	ui_speech_stop(ui);
	ui->speech.a11y = 0;
	ui->speech.announcing = 0;
}

static const char *voice_for(const ui_t *ui, const char *lang)
{
	for (int i = 0; lang && i < ui->nlangs_all; i++)
		if (!strcmp(ui->langs[i].code, lang)) return ui->langs[i].voice;
	return "";
}

/* The voice for text in lang: its own, else English's (a language name
 * like "Tagalog" is better read in English than not at all). */
static const char *voice_or_english(ui_t *ui, const char *lang)
{
	const char *v = voice_for(ui, lang);
	if (v[0] && speech_has_voice(ui->speech.sp, v)) return v;
	v = voice_for(ui, "en");
	return v[0] ? v : "en-us";
}

const char *ui_recording_lang(const ui_t *ui)
{
	return ui->sess.audio_lang[0] ? ui->sess.audio_lang : ui->sess.art.art.lang;
}

void ui_play_name(ui_t *ui, const char *code)
{
	void *data;
	size_t len;
	if (!ui->speech.sp || store_recording(ui->st, "", code, &data, &len) < 0) return;
	speech_play_recording(ui->speech.sp, data, len);   /* copied; a short name, no Pause/Stop strip */
	free(data);
}

/* 1 when the kiosk can speak at all: an output and an English voice
 * (speech_can_speak: the first screen asks before espeak-ng is loaded). */
int ui_audio_works(ui_t *ui)
{
	const char *v = voice_for(ui, "en");
	return ui->speech.sp && speech_can_speak(ui->speech.sp, v[0] ? v : "en-us");
}

/* 1 when the visitor's language can be read aloud (a voice, or for an
 * article a publisher's recording). */
int ui_can_listen(ui_t *ui)
{
	if (!ui->speech.sp) return 0;
	const char *v = voice_for(ui, ui_top(ui)->screen == S_ARTICLE && ui->sess.art.loaded ? ui->sess.art.art.lang : ui->sess.lang);
	if (ui_top(ui)->screen == S_ARTICLE && ui->sess.art.has_recording) return 1;
	return v[0] && speech_has_voice(ui->speech.sp, v);
}

typedef struct {
	buf_t text;              /* all segments' texts, back to back */
	size_t *off;             /* segment i is text[off[i] .. off[i+1]) */
	const char **voice;      /* segment i's voice */
	ui_seg_t *map;
	int n, cap;
} utter_t;

static void add_seg(utter_t *u, const char *s, size_t len, const char *voice, int item, size_t start, size_t end)
{
	if (!len) return;
	if (u->n + 2 > u->cap) {
		u->cap = u->cap ? u->cap * 2 : 64;
		u->off = xrealloc(u->off, (size_t)(u->cap + 1) * sizeof *u->off);
		u->voice = xrealloc(u->voice, (size_t)u->cap * sizeof *u->voice);
		u->map = xrealloc(u->map, (size_t)u->cap * sizeof *u->map);
	}
	u->off[u->n] = u->text.len;
	buf_append(&u->text, s, len);
	u->voice[u->n] = voice;
	u->map[u->n] = (ui_seg_t){item, start, end};
	u->n++;
	u->off[u->n] = u->text.len;
}

static void utter_free(utter_t *u)
{
	buf_free(&u->text);
	free(u->off);
	free(u->voice);
	free(u->map);
}

typedef struct {
	utter_t *u;
	const char *text, *voice;
	int item;
	const block_t *block;
} split_ctx_t;

/* One sentence: phone numbers are read digit by digit. */
static void on_sentence(void *ctx, size_t start, size_t end)
{
	split_ctx_t *c = ctx;
	buf_t s = {0};
	speech_block_words(c->block, c->text, start, end, &s);
	add_seg(c->u, s.data, s.len, c->voice, c->item, start, end);
	buf_free(&s);
}

/* Text in lang, split into sentences by that language's rules and read
 * with that language's voice. */
static void add_text(ui_t *ui, utter_t *u, const char *text, size_t len, const char *lang, int item, const block_t *b)
{
	split_ctx_t c = {u, text, voice_or_english(ui, lang), item, b};
	speech_split_sentences(text, len, lang, on_sentence, &c);
}

/* What the current screen reads: the article's text (highlighted), or
 * every text on screen, in order, once; each in its own language. */
static void build_utterance(ui_t *ui, utter_t *u)
{
	frame_t *f = ui_top(ui);
	if (f->screen == S_ARTICLE && ui->sess.art.loaded) {
		article_view_t *av = &ui->sess.art;
		for (int i = 0; i < av->nitems; i++) {
			const page_item_t *it = &av->items[i];
			if (it->kind == ART_TEXT) add_text(ui, u, it->layout->text, it->layout->len, it->lang, i, it->block);
		}
		return;
	}
	const draw_list_t *dl = ui_draw(ui);
	for (size_t i = 0; i < dl->n; i++) {
		const draw_item_t *d = &dl->items[i];
		if (d->kind == DRAW_TEXT) add_text(ui, u, d->text, strlen(d->text), d->lang ? d->lang : ui->sess.lang, -1, NULL);
	}
}

/* Hands the utterance to the speech engine; 0, or -1 when nothing plays. */
static int play(ui_t *ui, utter_t *u)
{
	if (!u->n) return -1;
	speech_seg_t *segs = xcalloc((size_t)u->n, sizeof *segs);
	for (int i = 0; i < u->n; i++)
		segs[i] = (speech_seg_t){u->text.data + u->off[i], u->off[i + 1] - u->off[i], u->voice[i]};
	int rc = speech_play(ui->speech.sp, u->voice[0], segs, (size_t)u->n);
	free(segs);
	return rc;
}

static void listen(ui_t *ui)
{
	ui_speech_stop(ui);
	if (!ui->speech.sp) return;
	frame_t *f = ui_top(ui);
	if (f->screen == S_ARTICLE && ui->sess.art.has_recording) {
		void *data;
		size_t len;
		if (store_recording(ui->st, ui->sess.art.slug, ui_recording_lang(ui), &data, &len) == 0) {
			speech_play_recording(ui->speech.sp, data, len);
			free(data);
			ui->speech.reading = f->screen;
			return;
		}
	}
	utter_t u = {0};
	build_utterance(ui, &u);
	if (play(ui, &u) == 0) {
		ui->speech.segmap = u.map;
		ui->speech.nseg = u.n;
		ui->speech.reading = f->screen;
		u.map = NULL;
	}
	utter_free(&u);
}

void ui_speech_action(ui_t *ui, const char *id)
{
	if (!ui->speech.sp) return;
	if (!strcmp(id, "listen")) listen(ui);
	else if (!strcmp(id, "pause")) speech_pause(ui->speech.sp);
	else if (!strcmp(id, "resume")) speech_resume(ui->speech.sp);
	else if (!strcmp(id, "stop")) ui_speech_stop(ui);
	else if (!strcmp(id, "volume-")) speech_set_volume(ui->speech.sp, speech_volume(ui->speech.sp) - 20);
	else if (!strcmp(id, "volume+")) speech_set_volume(ui->speech.sp, speech_volume(ui->speech.sp) + 20);
	ui_invalidate(ui);
}

/* Each frame: follow the voice with the highlight and the scroll. */
int ui_speech_tick(ui_t *ui)
{
	ui_speech_t *sc = &ui->speech;
	if (!sc->sp || sc->reading < 0) return 0;
	speech_state_t s = speech_state(sc->sp);
	int cur = s == SPEECH_IDLE ? -1 : speech_current(sc->sp);
	if ((int)s != sc->state_seen) { sc->state_seen = (int)s; ui_invalidate(ui); }
	if (s == SPEECH_IDLE) {   /* heard to the end: nothing plays any more */
		ui_speech_stop(ui);
		ui_invalidate(ui);
		return 0;
	}
	if (cur == sc->cur_seg) return 1;
	sc->cur_seg = cur;
	ui_invalidate(ui);
	/* Keep the sentence being read in view, a third down the screen. */
	if (cur >= 0 && cur < sc->nseg && sc->segmap[cur].item >= 0 && ui_top(ui)->screen == S_ARTICLE) {
		const page_item_t *it = &ui->sess.art.items[sc->segmap[cur].item];
		frame_t *f = ui_top(ui);
		int top = ui->sess.art.top + it->y;
		for (int r = 0; r < it->layout->nruns; r++)
			if (it->layout->runs[r].end > sc->segmap[cur].start) { top += it->layout->runs[r].y; break; }
		if (top < f->scroll || top > f->scroll + ui->view.h * 2 / 3) f->scroll = KYR_MAX(0, top - ui->view.h / 3);
	}
	return 1;
}

/* The highlight behind the sentence being read, if it is in item i. */
void ui_speech_highlight(ui_t *ui, int item, int x, int y)
{
	const ui_speech_t *sc = &ui->speech;
	if (sc->cur_seg < 0 || sc->cur_seg >= sc->nseg || sc->segmap[sc->cur_seg].item != item ||
	    ui_top(ui)->screen != S_ARTICLE)
		return;
	const ui_seg_t *sg = &sc->segmap[sc->cur_seg];
	const page_item_t *it = &ui->sess.art.items[item];
	const text_layout_t *l = it->layout;
	for (int r = 0; r < l->nruns; r++) {
		const text_run_t *run = &l->runs[r];
		if (run->end <= sg->start || run->start >= sg->end) continue;
		/* Only the sentence's part of the run: measure what comes before it
		 * and what it covers (kerning across the cut is ignored). */
		size_t a = KYR_MAX(run->start, sg->start), b = KYR_MIN(run->end, sg->end);
		char *pre = xstrndup(l->text + run->start, a - run->start);
		char *mid = xstrndup(l->text + run->start, b - run->start);
		int w0 = a > run->start ? text_width(ui->fs, pre, it->lang, run->px, run->flags) : 0;
		int w1 = b < run->end ? text_width(ui->fs, mid, it->lang, run->px, run->flags) : run->w;
		free(pre);
		free(mid);
		int x0 = run->rtl ? run->x + run->w - w1 : run->x + w0;
		int wd = w1 - w0;
		if (wd > 0) ui_rect(ui, (rect_t){x + x0 - 2, y + run->y, wd + 4, run->h}, ui->th.highlight, 4);
	}
}

typedef struct { const char *id, *key; uint32_t icon; int style; } listen_btn_t;

static int reading_here(ui_t *ui)
{
	return ui->speech.sp && ui->speech.reading == ui_top(ui)->screen && !ui->speech.announcing &&
	       speech_state(ui->speech.sp) != SPEECH_IDLE;
}

/* Lays out buttons from x in a row at y; returns the row's width. */
static int button_row(ui_t *ui, const listen_btn_t *b, int n, int x, int y, int maxw, int h)
{
	const metrics_t *m = &ui->m;
	rect_t col = {x, 0, maxw, 0};
	int at = 0;
	for (int i = 0; i < n; i++) {
		const char *label = b[i].key ? ui_str(ui, b[i].key) : NULL;
		int w = label ? KYR_MAX(h * 2, text_width(ui->fs, label, ui->sess.lang, m->px_button, TEXT_BOLD) + m->px_icon + 3 * m->gap) : h;
		w = KYR_MIN(w, maxw / 2);
		rect_t r = ui_mirror(ui, (rect_t){x + at, y, w, h}, col);
		ui_button(ui, r, b[i].id, b[i].icon, label, ui->sess.lang, b[i].style, 0);
		at += w + m->gap;
	}
	return at - m->gap;
}

/* The Listen button at the top of a page (while reading, the controls sit
 * in a strip at the bottom of the screen instead, always in reach). */
/* An audio-first visitor's article plays the publisher's recording: a Play
 * button; anything else is read aloud: Listen. */
static uint32_t listen_icon(ui_t *ui)
{
	int play = ui->sess.audio_lang[0] && ui_top(ui)->screen == S_ARTICLE && ui->sess.art.has_recording;
	return play ? 0xe037 /* play_arrow */ : 0xe050 /* volume_up */;
}

void ui_listen_row(ui_t *ui, page_t *p)
{
	if (!ui_can_listen(ui) || reading_here(ui)) return;
	/* As tall as its word needs (Burmese lines are taller than Latin ones). */
	int h = KYR_MAX(ui->m.target, ui_button_h(ui, p->w, 1, ui_str(ui, "nav.listen"), ui->sess.lang));
	listen_btn_t b[] = {{"listen", "nav.listen", listen_icon(ui), BTN_PRIMARY}};
	button_row(ui, b, 1, p->x, p->oy + p->y, p->w, h);
	p->y += h + ui->m.gap * 2;
}

/* A page's title with the Listen button at the end of its line when both
 * fit there (the page's first screen keeps its room for content, which
 * matters at 800x480), else the title and the Listen row under it. */
void ui_title_listen(ui_t *ui, page_t *p, const char *title)
{
	const metrics_t *m = &ui->m;
	const char *lang = ui->sess.lang;
	const text_layout_t *l = ui_layout(ui, title, lang, m->px_h1, TEXT_BOLD, p->w, 0);
	const char *label = ui_str(ui, "nav.listen");
	int lw = KYR_MAX(m->target * 2, text_width(ui->fs, label, lang, m->px_button, TEXT_BOLD) + m->px_icon + 3 * m->gap);
	int h = KYR_MAX(m->target, ui_button_h(ui, lw, 1, label, lang));
	if (!ui_can_listen(ui) || reading_here(ui) || l->nlines > 1 || l->width + 2 * m->gap + lw > p->w) {
		ui_page_text(p, title, lang, m->px_h1, TEXT_BOLD, ui->th.text, 0);
		p->y += m->gap;
		ui_listen_row(ui, p);
		return;
	}
	int row = KYR_MAX(l->height, h);
	ui_text_layout(ui, l, p->x, p->oy + p->y + (row - l->height) / 2, p->w, ui->th.text, ui->th.mark, lang);
	rect_t b = ui_mirror(ui, (rect_t){p->x + p->w - lw, p->oy + p->y + (row - h) / 2, lw, h}, (rect_t){p->x, 0, p->w, 0});
	ui_button(ui, b, "listen", listen_icon(ui), label, lang, BTN_PRIMARY, 0);
	p->y += row + m->gap * 2;
}

/* The height the bottom strip takes while reading (0 when not). */
int ui_listen_strip_h(ui_t *ui)
{
	return reading_here(ui) ? ui->m.target + 2 * ui->m.gap : 0;
}

/* Pause / Resume, Stop, quieter, louder: fixed at the bottom while reading
 * (above the spoken-navigation strip when that is on). */
void ui_listen_strip(ui_t *ui)
{
	int sh = ui_listen_strip_h(ui);
	if (!sh) return;
	const metrics_t *m = &ui->m;
	int paused = speech_state(ui->speech.sp) == SPEECH_PAUSED, y = ui->h - ui_a11y_strip_h(ui) - sh;
	draw_rect(&ui->dl, (rect_t){0, y, ui->w, sh}, ui->th.surface, 0);
	draw_rect(&ui->dl, (rect_t){0, y, ui->w, 2}, ui->th.border, 0);
	listen_btn_t b[] = {
		{paused ? "resume" : "pause", paused ? "nav.listen" : "nav.pause", paused ? 0xe037 /* play_arrow */ : 0xe034 /* pause */, BTN_PRIMARY},
		{"stop", "nav.stop", 0xe047 /* stop */, BTN_CHIP},
		{"volume-", NULL, 0xe04d /* volume_down */, BTN_CHIP},
		{"volume+", NULL, 0xe050 /* volume_up */, BTN_CHIP},
	};
	int x = (ui->w - m->content_w) / 2;
	button_row(ui, b, 4, x, y + m->gap, m->content_w, ui->m.target);
}

/* ---- spoken navigation ---- */

/* Names of controls that show only an icon (or whose text is not enough). */
static const struct { const char *id, *key; } names[] = {
	{"back", "nav.back"}, {"home", "nav.home"}, {"exit", "nav.exit"}, {"language", "nav.language"},
	{"textsize", "nav.textsize"}, {"contrast", "nav.contrast"}, {"listen", "nav.listen"},
	{"pause", "nav.pause"}, {"stop", "nav.stop"}, {"volume-", "nav.volume"}, {"volume+", "nav.volume"},
	{"key:backspace", "search.backspace"}, {"key:space", "search.space"}, {"key:clear", "search.clear"},
};

/* Says what the focused control is: the texts drawn on it, each in its own
 * language (a language's name in that language), else its name. */
void ui_speech_announce(ui_t *ui)
{
	/* Not over a reading: it would stop it, and with it the Pause and Stop
	 * the visitor is moving to (the reading itself says where they are). */
	if (!ui_audio_works(ui) || !ui->focus.id[0] || reading_here(ui)) return;
	const draw_item_t *t = draw_find(&ui->dl, ui->focus.id);
	if (!t) return;
	utter_t u = {0};
	const char *lang = ui->sess.lang[0] ? ui->sess.lang : "en";
	/* The text size button: its name, then the size in use (it cycles). */
	int textsize = !strcmp(t->id, "textsize");
	if (textsize) {
		const char *s = ui_str(ui, "nav.textsize"), *z = ui_str(ui, ui_textsize_key(ui));
		add_seg(&u, s, strlen(s), voice_or_english(ui, lang), -1, 0, 0);
		add_seg(&u, z, strlen(z), voice_or_english(ui, lang), -1, 0, 0);
	}
	for (size_t i = 0; !textsize && i < ui->dl.n; i++) {
		const draw_item_t *d = &ui->dl.items[i];
		if (d->kind != DRAW_TEXT) continue;
		int cx = d->r.x + d->r.w / 2, cy = d->r.y + KYR_MIN(d->r.h, 40) / 2;
		if (cx < t->r.x || cx >= t->r.x + t->r.w || cy < t->r.y || cy >= t->r.y + t->r.h) continue;
		const char *dlang = d->lang ? d->lang : ui->sess.lang;
		add_seg(&u, d->text, strlen(d->text), voice_or_english(ui, dlang), -1, 0, 0);
	}
	for (size_t i = 0; !u.n && i < KYR_ARRAY_LEN(names); i++)
		if (!strcmp(names[i].id, t->id)) {
			const char *s = ui_str(ui, names[i].key);
			add_seg(&u, s, strlen(s), voice_or_english(ui, lang), -1, 0, 0);
		}
	if (!u.n && !strncmp(t->id, "key:", 4)) add_seg(&u, t->id + 4, strlen(t->id + 4), voice_or_english(ui, lang), -1, 0, 0);
	ui_speech_stop(ui);
	if (play(ui, &u) == 0) {
		ui->speech.reading = ui_top(ui)->screen;
		ui->speech.announcing = 1;
	}
	utter_free(&u);
}

/* A new screen says its title (the first text of the page that is not on
 * a control), so a visitor who cannot see knows where the tap led. */
void ui_speech_announce_screen(ui_t *ui)
{
	if (!ui_audio_works(ui)) return;
	const draw_list_t *dl = ui_draw(ui);
	utter_t u = {0};
	for (size_t i = 0; i < dl->n && !u.n; i++) {
		const draw_item_t *d = &dl->items[i];
		int cx = d->r.x + d->r.w / 2, cy = d->r.y + KYR_MIN(d->r.h, 40) / 2;
		if (d->kind != DRAW_TEXT || cy < ui->view.y || cy >= ui->view.y + ui->view.h || draw_hit(dl, cx, cy)) continue;
		add_seg(&u, d->text, strlen(d->text), voice_or_english(ui, d->lang ? d->lang : ui->sess.lang), -1, 0, 0);
	}
	ui_speech_stop(ui);
	if (play(ui, &u) == 0) {
		ui->speech.reading = ui_top(ui)->screen;
		ui->speech.announcing = 1;
	}
	utter_free(&u);
}

/* Turns spoken navigation on or off, saying so and showing it. It never
 * turns on when the kiosk cannot speak: nobody is left with taps that only
 * focus and announcements nobody hears. */
void ui_a11y_set(ui_t *ui, int on)
{
	if (on && !ui_audio_works(ui)) return;
	ui->speech.a11y = on;
	ui->focus.id[0] = 0;
	ui->ptr.last_tap_t = 0;
	if (ui->speech.sp) {
		const char *lang = ui->sess.lang[0] ? ui->sess.lang : "en";
		const char *s = ui_str(ui, on ? "a11y.hint" : "a11y.off");
		utter_t u = {0};
		add_seg(&u, s, strlen(s), voice_or_english(ui, lang), -1, 0, 0);
		ui_speech_stop(ui);
		if (play(ui, &u) == 0) {
			ui->speech.reading = ui_top(ui)->screen;
			ui->speech.announcing = 1;
		}
		utter_free(&u);
	}
	ui_invalidate(ui);
}

int ui_a11y_strip_h(ui_t *ui)
{
	return ui->speech.a11y ? ui->m.target + 2 * ui->m.gap : 0;
}

/* While spoken navigation is on: a strip at the very bottom that says so,
 * with a Turn off button that takes a single tap. */
void ui_a11y_strip(ui_t *ui)
{
	int sh = ui_a11y_strip_h(ui);
	if (!sh) return;
	const metrics_t *m = &ui->m;
	int y = ui->h - sh, h = ui->m.target;
	const char *lang = ui->sess.lang[0] ? ui->sess.lang : "en";
	draw_rect(&ui->dl, (rect_t){0, y, ui->w, sh}, ui->th.primary, 0);
	const char *off = ui_str(ui, "a11y.turn_off");
	int bw = KYR_MIN(ui->w / 2, KYR_MAX(h * 2, text_width(ui->fs, off, lang, m->px_button, TEXT_BOLD) + 3 * m->gap));
	rect_t scr = {0, 0, ui->w, ui->h};
	rect_t b = ui_mirror(ui, (rect_t){ui->w - m->pad - bw, y + m->gap, bw, h}, scr);
	rect_t tb = ui_mirror(ui, (rect_t){m->pad, y, ui->w - 3 * m->pad - bw, sh}, scr);
	const text_layout_t *l = ui_layout(ui, ui_str(ui, "a11y.on"), lang, m->px_body, TEXT_BOLD, tb.w, 0);
	ui_text_layout(ui, l, tb.x, y + (sh - l->height) / 2, tb.w, ui->th.on_primary, ui->th.on_primary, lang);
	ui_button(ui, b, "a11y:off", 0, off, lang, BTN_SURFACE, 0);
}
