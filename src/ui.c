/* ui — the visitor's session: navigation stack, language, text size and
 * contrast, touch gestures (tap vs drag, inertia), focus (keyboard and
 * spoken navigation, remembered by id), the dispatch table that turns a
 * control's id into an action, the idle timer and the session reset.
 * Screens are drawn by ui_screens.c and friends. Start reading at ui_input(). */
#include "ui_internal.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

frame_t *ui_top(ui_t *ui)
{
	assert(ui->sess.depth >= 1 && ui->sess.depth <= UI_MAX_DEPTH);
	return &ui->sess.stack[ui->sess.depth - 1];
}

static void set_dirty(ui_t *ui) { ui->dirty = 1; }
static int max_scroll(const ui_t *ui);
static int scroll_by(ui_t *ui, int dy);

static void load_languages(ui_t *ui)
{
	store_langs_free(ui->langs, ui->nlangs_all);
	ui->langs = NULL;
	ui->nlangs = ui->nlangs_all = 0;
	if (!ui->st) return;
	store_lang_t *all;
	int n = store_languages(ui->st, &all);
	if (n < 0) return;
	/* The languages the configuration enables (all when none) move to the
	 * front, in order; the rest stay behind them until freed. */
	store_lang_t *sorted = xcalloc((size_t)(n ? n : 1), sizeof *sorted);
	int k = 0, rest = n;
	for (int i = 0; i < n; i++) {
		int on = ui->cfg->nlanguages == 0;
		for (int j = 0; j < ui->cfg->nlanguages && !on; j++) on = !strcmp(ui->cfg->languages[j], all[i].code);
		if (on) sorted[k++] = all[i];
		else sorted[--rest] = all[i];
	}
	/* The region's most common languages (languages_first) lead, in the
	 * configuration's order; the others keep the content's order. */
	int lead = 0;
	for (int j = 0; j < ui->cfg->nlanguages_first; j++)
		for (int i = lead; i < k; i++)
			if (!strcmp(sorted[i].code, ui->cfg->languages_first[j])) {
				store_lang_t t = sorted[i];
				memmove(&sorted[lead + 1], &sorted[lead], (size_t)(i - lead) * sizeof *sorted);
				sorted[lead++] = t;
				break;
			}
	free(all);
	all = sorted;
	ui->langs = all;
	ui->nlangs = k;
	ui->nlangs_all = n;
}

static void drop_topics(ui_t *ui)
{
	store_topics_free(ui->sess.topics, ui->sess.ntopics);
	ui->sess.topics = NULL;
	ui->sess.ntopics = 0;
	ui->sess.topics_lang[0] = 0;
}

const store_lang_t *ui_find_lang(const ui_t *ui, const char *code)
{
	for (int i = 0; i < ui->nlangs_all; i++)
		if (!strcmp(ui->langs[i].code, code)) return &ui->langs[i];
	return NULL;
}

static void set_lang(ui_t *ui, const char *code)
{
	ui_speech_stop(ui);
	snprintf(ui->sess.lang, sizeof ui->sess.lang, "%s", code);
	ui->sess.audio_lang[0] = 0;
	ui->sess.rtl = 0;
	for (int i = 0; i < ui->nlangs; i++)
		if (!strcmp(ui->langs[i].code, code)) ui->sess.rtl = ui->langs[i].rtl;
	drop_topics(ui);
	ui_directory_forget(ui);
	ui->search.kbd_lang[0] = 0;
	ui->search.hits_dirty = 1;
	if (ui->st) {
		int n = store_topics(ui->st, code, &ui->sess.topics);
		ui->sess.ntopics = n < 0 ? 0 : n;
		snprintf(ui->sess.topics_lang, sizeof ui->sess.topics_lang, "%s", code);
	}
	ui_article_free(&ui->sess.art);
	/* The renderer lets go of the last language's fonts, text and data
	 * (the language screen's two dozen scripts) before the next screen. */
	ui->generation++;
}

/* A new screen starts with nothing focused and nothing moving. */
static void screen_changed(ui_t *ui)
{
	ui->screens++;
	ui->focus.id[0] = 0;
	ui->ptr.inertia = 0;
	set_dirty(ui);
}

static void push(ui_t *ui, int screen, const char *arg)
{
	if (ui->sess.depth == UI_MAX_DEPTH) {  /* a long chain of links: forget the oldest */
		memmove(&ui->sess.stack[1], &ui->sess.stack[2], (UI_MAX_DEPTH - 2) * sizeof ui->sess.stack[0]);
		ui->sess.depth--;
	}
	assert(ui->sess.depth < UI_MAX_DEPTH);
	ui_speech_stop(ui);
	if (ui->sess.depth) memcpy(ui_top(ui)->focus, ui->focus.id, sizeof ui->focus.id);
	frame_t *f = &ui->sess.stack[ui->sess.depth++];
	memset(f, 0, sizeof *f);
	f->screen = screen;
	if (arg) {
		assert(strlen(arg) < sizeof f->arg);
		snprintf(f->arg, sizeof f->arg, "%s", arg);
	}
	screen_changed(ui);
}

static void pop(ui_t *ui)
{
	ui_speech_stop(ui);
	if (ui->sess.depth > 1) ui->sess.depth--;
	if (ui_top(ui)->screen == S_ATTRACT) {
		ui_reset(ui);
		return;
	}
	screen_changed(ui);
	memcpy(ui->focus.id, ui_top(ui)->focus, sizeof ui->focus.id);   /* back where the visitor was */
}

static void go_home(ui_t *ui)
{
	ui_speech_stop(ui);
	while (ui->sess.depth > 1 && ui_top(ui)->screen != S_HOME) ui->sess.depth--;
	if (ui_top(ui)->screen != S_HOME) push(ui, S_HOME, NULL);
	ui_top(ui)->scroll = 0;
	screen_changed(ui);
}

static void restyle(ui_t *ui)
{
	ui_theme(ui);
	ui_metrics(ui);
	ui_lc_clear(ui);
	ui_article_free(&ui->sess.art);
	set_dirty(ui);
}

/* ---- the dispatch table: one row per control (dwm's keys[]) ---- */

typedef void (*action_fn)(ui_t *ui, const char *id, const char *arg);

/* A written language opens in itself; an audio-first one in its text
 * language, with its recordings, and says its name as it opens. */
static void act_lang(ui_t *ui, const char *id, const char *code)
{
	(void)id;
	const store_lang_t *L = ui_find_lang(ui, code), *T = L && L->text_lang[0] ? ui_find_lang(ui, L->text_lang) : NULL;
	int audio = T && !T->text_lang[0];   /* kyr-build refuses a chain; a hostile database is not followed */
	set_lang(ui, audio ? T->code : code);
	if (audio) snprintf(ui->sess.audio_lang, sizeof ui->sess.audio_lang, "%s", code);
	if (ui_top(ui)->screen == S_LANGUAGE) pop(ui);
	else push(ui, S_HOME, NULL);
	if (audio) ui_play_name(ui, code);
}

/* "More languages": a page further down, and from the end back to the top. */
static void act_more(ui_t *ui, const char *id, const char *arg)
{
	(void)id; (void)arg;
	/* To the first tile not wholly shown (a page of 9/10 of the view could
	 * pass one only half shown before and half shown after). */
	if (ui_top(ui)->scroll >= max_scroll(ui) || ui->more_to < 0) scroll_by(ui, -ui_top(ui)->scroll);
	else scroll_by(ui, KYR_MAX(ui->more_to - ui_top(ui)->scroll, 1));
}
static void act_article(ui_t *ui, const char *id, const char *slug) { (void)id; push(ui, S_ARTICLE, slug); }
static void act_org(ui_t *ui, const char *id, const char *org) { (void)id; push(ui, S_ORG, org); }
static void act_back(ui_t *ui, const char *id, const char *arg) { (void)id; (void)arg; pop(ui); }
static void act_home(ui_t *ui, const char *id, const char *arg) { (void)id; (void)arg; go_home(ui); }
static void act_exit(ui_t *ui, const char *id, const char *arg) { (void)id; (void)arg; ui_reset(ui); }

/* Screens reached by a plain push, by the id of the control that opens them. */
static const struct { const char *id; int screen; } openers[] = {
	{"language", S_LANGUAGE}, {"about", S_ABOUT}, {"directory", S_DIRECTORY}, {"card", S_CARD}, {"search", S_SEARCH},
};
static void act_open(ui_t *ui, const char *id, const char *arg)
{
	(void)arg;
	for (size_t i = 0; i < KYR_ARRAY_LEN(openers); i++)
		if (!strcmp(openers[i].id, id)) push(ui, openers[i].screen, NULL);
}

static void act_textsize(ui_t *ui, const char *id, const char *arg)
{
	(void)id; (void)arg;
	ui->sess.textsize = (ui->sess.textsize + 1) % 3;
	restyle(ui);
}

static void act_contrast(ui_t *ui, const char *id, const char *arg)
{
	(void)id; (void)arg;
	ui->sess.contrast = !ui->sess.contrast;
	restyle(ui);
}

static void act_filter_lang(ui_t *ui, const char *id, const char *which)
{
	(void)id;
	ui->dir.mine = strcmp(which, "all") != 0;
	ui->dir.loaded = 0;
	ui_top(ui)->scroll = 0;
	set_dirty(ui);
}

static void act_services(ui_t *ui, const char *id, const char *arg)
{
	(void)id; (void)arg;
	ui->dir.services_open = !ui->dir.services_open;
	set_dirty(ui);
}

static void act_service(ui_t *ui, const char *id, const char *name)
{
	(void)id;
	snprintf(ui->dir.service, sizeof ui->dir.service, "%s", strcmp(name, "all") ? name : "");
	ui->dir.services_open = 0;
	ui->dir.loaded = 0;
	set_dirty(ui);
}

static void act_key(ui_t *ui, const char *id, const char *key) { (void)id; ui_search_key(ui, key); }

static void act_result(ui_t *ui, const char *id, const char *arg)
{
	(void)id;
	int n = atoi(arg);
	if (n < 0 || n >= ui->search.nhits) return;
	char ref[sizeof ui_top(ui)->arg];
	snprintf(ref, sizeof ref, "%s", ui->search.hits[n].ref);
	push(ui, strcmp(ui->search.hits[n].kind, "article") ? S_ORG : S_ARTICLE, ref);
}

static void act_speech(ui_t *ui, const char *id, const char *arg) { (void)arg; ui_speech_action(ui, id); }
static void act_operator(ui_t *ui, const char *id, const char *arg) { (void)arg; ui_operator_action(ui, id); }

static void act_continue(ui_t *ui, const char *id, const char *arg)
{
	(void)id; (void)arg;
	ui_speech_stop(ui);
	ui->sess.idle = 0;
	set_dirty(ui);
}

static void act_guide(ui_t *ui, const char *id, const char *arg) { (void)id; (void)arg; ui_a11y_set(ui, 1); }
static void act_guide_off(ui_t *ui, const char *id, const char *arg) { (void)id; (void)arg; ui_a11y_set(ui, 0); }

/* A row whose prefix ends in ':' takes every id that starts with it (the
 * rest is the handler's argument); any other row takes its id exactly. */
static const struct { const char *prefix; action_fn fn; } actions[] = {
	{"lang:", act_lang},
	{"more-langs", act_more},
	{"topic:", act_article},
	{"link:", act_article},
	{"org:", act_org},
	{"back", act_back},
	{"home", act_home},
	{"browse", act_home},   /* "Browse the topics" where a language has no keyboard */
	{"exit", act_exit},
	{"language", act_open},
	{"about", act_open},
	{"directory", act_open},
	{"card", act_open},
	{"search", act_open},
	{"textsize", act_textsize},
	{"contrast", act_contrast},
	{"filter:lang:", act_filter_lang},
	{"filter:services", act_services},
	{"filter:service:", act_service},
	{"key:", act_key},
	{"result:", act_result},
	{"listen", act_speech},
	{"pause", act_speech},
	{"resume", act_speech},
	{"stop", act_speech},
	{"volume-", act_speech},
	{"volume+", act_speech},
	{"pin:", act_operator},
	{"op:", act_operator},
	{"continue", act_continue},
	{"audio-guide", act_guide},
	{"a11y:off", act_guide_off},
};

/* Runs the control's action; 1 when a row took the id, 0 when none did. */
int ui_activate(ui_t *ui, const char *id)
{
	char copy[UI_ID_MAX];   /* the handler may rebuild the draw list id points into */
	assert(strlen(id) < sizeof copy);
	snprintf(copy, sizeof copy, "%s", id);
	for (size_t i = 0; i < KYR_ARRAY_LEN(actions); i++) {
		const char *p = actions[i].prefix;
		size_t n = strlen(p);
		if (p[n - 1] == ':' ? !strncmp(copy, p, n) : !strcmp(copy, p)) {
			actions[i].fn(ui, copy, copy + n);
			return 1;
		}
	}
	return 0;
}

/* ---- scrolling ---- */

static int max_scroll(const ui_t *ui)
{
	return KYR_MAX(0, ui->view_h - ui->view.h);
}

static int scroll_by(ui_t *ui, int dy)
{
	frame_t *f = ui_top(ui);
	int s = f->scroll + dy;
	s = s < 0 ? 0 : s > max_scroll(ui) ? max_scroll(ui) : s;
	if (s == f->scroll) return 0;
	f->scroll = s;
	set_dirty(ui);
	return 1;
}

/* ---- focus: by id, over every control of the screen (LVGL's groups) ---- */

static int focus_index(const ui_t *ui, const char *id)
{
	for (int i = 0; id[0] && i < ui->focus.n; i++)
		if (!strcmp(ui->focus.items[i].id, id)) return i;
	return -1;
}

/* Called by the widgets for every control, shown or scrolled away. The
 * first rectangle of an id counts (a link may wrap over two lines). */
void ui_nav_add(ui_t *ui, const char *id, rect_t r)
{
	/* (Two different controls never share an id: the focus could not tell them apart.) */
	if (focus_index(ui, id) >= 0) return;
	ui_focus_t *f = &ui->focus;
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 64;
		f->items = xrealloc(f->items, (size_t)f->cap * sizeof *f->items);
	}
	ui_nav_t *it = &f->items[f->n++];
	memcpy(it->id, id, strlen(id) + 1);
	it->r = r;
	it->group = f->group;
	it->scrolls = ui->clip.w > 0;
}

/* Reading order: the bar, the page, the strips below it (in the order the
 * screen built them), and inside each row by row, left to right (right to
 * left in RTL languages). Two controls share a row when each one's middle
 * lies within the other's height. */
static int nav_before(const ui_t *ui, const ui_nav_t *a, const ui_nav_t *b)
{
	if (a->group != b->group) return a->group < b->group;
	int am = a->r.y + a->r.h / 2, bm = b->r.y + b->r.h / 2;
	int same_row = am >= b->r.y && am < b->r.y + b->r.h && bm >= a->r.y && bm < a->r.y + a->r.h;
	if (!same_row) return a->r.y < b->r.y;
	return ui->sess.rtl ? a->r.x + a->r.w > b->r.x + b->r.w : a->r.x < b->r.x;
}

static void nav_sort(ui_t *ui)
{
	ui_nav_t *v = ui->focus.items;
	for (int i = 1; i < ui->focus.n; i++) {   /* insertion sort: stable, and the lists are short */
		ui_nav_t t = v[i];
		int j = i;
		while (j > 0 && nav_before(ui, &t, &v[j - 1])) { v[j] = v[j - 1]; j--; }
		v[j] = t;
	}
}

/* The ring around the focused control: drawn once, after everything else. */
static void draw_focus_ring(ui_t *ui)
{
	if (!ui->focus.id[0]) return;
	const draw_item_t *t = draw_find(&ui->dl, ui->focus.id);
	if (!t) return;
	int w = KYR_MAX(3, ui->m.u / 14);
	rect_t r = {t->r.x - w, t->r.y - w, t->r.w + 2 * w, t->r.h + 2 * w};
	draw_frame(&ui->dl, r, ui->th.focus, w, ui->m.radius + w);
}

/* Scrolls the view so the control at index k shows whole (its top when it
 * is taller than the view). */
static void scroll_into_view(ui_t *ui, int k)
{
	const ui_nav_t *it = &ui->focus.items[k];
	if (!it->scrolls) return;
	int g = ui->m.gap;
	int top = it->r.y - g, bottom = it->r.y + it->r.h + g;
	int vtop = ui->view.y, vbottom = ui->view.y + ui->view.h;
	if (bottom - top > ui->view.h || top < vtop) scroll_by(ui, top - vtop);
	else if (bottom > vbottom) scroll_by(ui, bottom - vbottom);
}

/* Moves the focus delta controls along the reading order (wrapping),
 * scrolls it into view and says what it is. */
void ui_focus_step(ui_t *ui, int delta)
{
	ui_draw(ui);
	int n = ui->focus.n;
	if (!n) return;
	int k = focus_index(ui, ui->focus.id);
	k = k < 0 ? (delta > 0 ? 0 : n - 1) : ((k + delta) % n + n) % n;
	ui_focus_set(ui, ui->focus.items[k].id);
}

/* Focuses the control with this id (which must be on the screen, shown or
 * not), scrolls it into view and announces it. */
void ui_focus_set(ui_t *ui, const char *id)
{
	ui_draw(ui);
	int k = focus_index(ui, id);
	if (k < 0) return;
	memmove(ui->focus.id, ui->focus.items[k].id, strlen(ui->focus.items[k].id) + 1);
	scroll_into_view(ui, k);
	set_dirty(ui);
	ui_draw(ui);
	ui_speech_announce(ui);
}

static void activate_focused(ui_t *ui)
{
	ui_draw(ui);
	if (focus_index(ui, ui->focus.id) < 0) return;
	int depth = ui->sess.depth, screen = ui_top(ui)->screen;
	ui_activate(ui, ui->focus.id);
	/* With spoken navigation, a new screen says its title. */
	if (ui->speech.a11y && (ui->sess.depth != depth || ui_top(ui)->screen != screen)) ui_speech_announce_screen(ui);
}

/* ---- input ---- */

static void on_key(ui_t *ui, int key)
{
	int page = ui->view.h * 9 / 10;
	/* Arrows follow the reading direction: in RTL the next control is to the left. */
	int next = ui->sess.rtl ? KEY_LEFT : KEY_RIGHT, prev = ui->sess.rtl ? KEY_RIGHT : KEY_LEFT;
	if (key == KEY_TAB || key == next) { ui_focus_step(ui, +1); return; }
	if (key == KEY_BACKTAB || key == prev) { ui_focus_step(ui, -1); return; }
	switch (key) {
	case KEY_F1: ui_a11y_set(ui, !ui->speech.a11y); break;
	case KEY_ENTER: case KEY_SPACE: activate_focused(ui); break;
	case KEY_ESCAPE: ui_reset(ui); break;
	case KEY_BACKSPACE:
		if (ui_top(ui)->screen == S_SEARCH) ui_search_backspace(ui);
		else if (ui->sess.depth > 1) pop(ui);
		break;
	case KEY_UP: scroll_by(ui, -ui->m.u); break;
	case KEY_DOWN: scroll_by(ui, ui->m.u); break;
	case KEY_PAGEUP: scroll_by(ui, -page); break;
	/* (Not past a language tile that was hidden: it would show cut at the top.) */
	case KEY_PAGEDOWN: scroll_by(ui, ui->more_to >= 0 ? KYR_MAX(1, KYR_MIN(page, ui->more_to - ui_top(ui)->scroll)) : page); break;
	case KEY_HOME: scroll_by(ui, -ui_top(ui)->scroll); break;
	case KEY_END: scroll_by(ui, max_scroll(ui)); break;
	default: break;
	}
}

/* Spoken navigation: a tap says what is under the finger; a second tap
 * within UI_DOUBLE_TAP_MS, anywhere, activates the focused control (as on
 * phone screen readers). "Turn off" works with one tap, so a visitor who
 * cannot hear the announcements is never stuck. */
static void a11y_tap(ui_t *ui, const char *id, uint32_t now)
{
	if (!strcmp(id, "a11y:off")) {
		ui_activate(ui, id);
		return;
	}
	if (ui->ptr.last_tap_t && now - ui->ptr.last_tap_t <= UI_DOUBLE_TAP_MS && ui->focus.id[0]) {
		ui->ptr.last_tap_t = 0;
		activate_focused(ui);
		return;
	}
	ui->ptr.last_tap_t = now;
	if (id[0]) ui_focus_set(ui, id);
}

static void on_pointer(ui_t *ui, const input_event_t *ev, uint32_t now)
{
	ui_pointer_t *p = &ui->ptr;
	int slop = ui->m.u / UI_TAP_SLOP_DIV;
	if (ev->type == IN_DOWN && p->down && now - p->last_t < UI_STUCK_MS) {
		/* Another finger while one is down: a gesture, never a tap. */
		p->fingers++;
		if (!p->multi) p->multi_t = now;
		p->multi = 1;
		p->pressed[0] = 0;
		p->dragging = p->inertia = 0;
		p->last_t = now;
		set_dirty(ui);
	} else if (ev->type == IN_DOWN) {
		ui_draw(ui);
		const draw_item_t *t = draw_hit(&ui->dl, ev->x, ev->y);
		p->down = 1;
		p->dragging = 0;
		p->down_x = ev->x;
		p->down_y = p->last_y = ev->y;
		p->last_t = p->down_t = now;
		p->vel = 0;
		p->inertia = 0;
		p->fingers = 1;
		p->multi = 0;
		snprintf(p->pressed, sizeof p->pressed, "%s", t && !t->passive ? t->id : "");
		if (!ui->speech.a11y) ui->focus.id[0] = 0;   /* touch ends keyboard focus, not spoken navigation */
		set_dirty(ui);
	} else if (ev->type == IN_MOVE && p->down && p->multi) {
		p->last_t = now;   /* fingers of a gesture move a little: nothing scrolls */
	} else if (ev->type == IN_UP && p->down && p->multi) {
		/* Two (or more) fingers held UI_A11Y_HOLD_MS: spoken navigation
		 * on or off, said and shown (ui_a11y_set refuses "on" without audio). */
		if (!p->multi_held) p->multi_held = KYR_MAX(1u, now - p->multi_t);   /* the first finger up ends the hold */
		p->fingers--;
		p->last_t = now;
		if (p->fingers > 0) return;
		p->down = p->multi = 0;
		if (p->multi_held >= UI_A11Y_HOLD_MS) ui_a11y_set(ui, !ui->speech.a11y);
		p->multi_held = 0;
		set_dirty(ui);
	} else if (ev->type == IN_MOVE && p->down) {
		if (!p->dragging && (abs(ev->y - p->down_y) > slop || abs(ev->x - p->down_x) > slop)) {
			p->dragging = 1;
			set_dirty(ui);
		}
		if (p->dragging) {
			int dy = p->last_y - ev->y;
			float dt = (float)(now - p->last_t);
			if (dt > 0) p->vel = p->vel * 0.2f + 0.8f * (float)dy / dt;
			/* Spoken navigation: a sideways swipe moves the focus, it does not scroll. */
			if (!(ui->speech.a11y && abs(ev->x - p->down_x) > abs(ev->y - p->down_y))) scroll_by(ui, dy);
			p->last_y = ev->y;
			p->last_t = now;
		}
	} else if (ev->type == IN_UP && p->down) {
		p->down = 0;
		char id[UI_ID_MAX];
		snprintf(id, sizeof id, "%s", p->pressed);
		p->pressed[0] = 0;
		set_dirty(ui);
		int dx = ev->x - p->down_x, dy = ev->y - p->down_y;
		if (p->dragging && ui->speech.a11y && abs(dx) > ui->m.u && abs(dx) > abs(dy)) {
			p->dragging = 0;
			ui_focus_step(ui, dx > 0 ? 1 : -1);   /* swipe right: next, left: previous */
			return;
		}
		if (p->dragging) {
			p->dragging = 0;
			/* A finger that stopped before lifting does not fling. */
			if (now - p->last_t < 100 && fabsf(p->vel) > 0.05f) {
				p->inertia = 1;
				p->inertia_t = now;
			}
			return;
		}
		/* Staff: a long hold in the top left corner of the language screen.
		 * No other hold does anything but a tap: it never changes modes. */
		if (ui_top(ui)->screen == S_ATTRACT && p->down_x < ui->m.u && p->down_y < ui->m.u &&
		    now - p->down_t >= UI_OPERATOR_HOLD_MS) {
			push(ui, S_PIN, NULL);
			return;
		}
		if (ui_operator_tap(ui, ev->x, ev->y)) return;
		const draw_item_t *t = draw_hit(&ui->dl, ev->x, ev->y);
		if (ui->speech.a11y) {
			a11y_tap(ui, t && !strcmp(t->id, id) ? id : "", now);
			return;
		}
		if (!id[0] || !t || strcmp(t->id, id)) return;
		ui_activate(ui, id);
	}
}

void ui_input(ui_t *ui, const input_event_t *ev, uint32_t now)
{
	/* Holds, double taps and flings are timed by when the events happened,
	 * not when they are handled: a slow frame (a big screen drawn on a
	 * Pi 3, seconds under emulation) between a tap's down and up must not
	 * make it a long hold. */
	uint32_t at = ev->t && ev->t <= now ? ev->t : now;
	ui->now = now;
	ui->sess.last_input = now;
	ui_draw(ui);   /* input acts on what is on screen: targets and page height */
	switch (ev->type) {
	case IN_DOWN: case IN_MOVE: case IN_UP: on_pointer(ui, ev, at); break;
	case IN_WHEEL: ui->ptr.inertia = 0; scroll_by(ui, ev->dy * ui->m.u); break;
	case IN_KEY: on_key(ui, ev->key); break;
	case IN_TEXT:
		/* A USB keyboard types into search (and opens it from any screen but the first). */
		if (ui_top(ui)->screen == S_ATTRACT || ui->sess.idle || !ev->text[0]) break;
		if (ui_top(ui)->screen != S_SEARCH) push(ui, S_SEARCH, NULL);
		ui_search_type(ui, ev->text);
		break;
	default: break;
	}
}

void ui_tick(ui_t *ui, uint32_t now)
{
	uint32_t prev = ui->now;
	ui->now = now;
	if (ui_speech_tick(ui)) ui->sess.last_input = now;   /* listening is not idling */
	ui_pointer_t *p = &ui->ptr;
	if (p->inertia) {
		float dt = (float)(now - p->inertia_t);
		p->inertia_t = now;
		int moved = scroll_by(ui, (int)lroundf(p->vel * dt));
		p->vel *= expf(-dt / UI_INERTIA_TAU_MS);
		if (!moved || fabsf(p->vel) < 0.02f) p->inertia = 0;
	}
	if (ui->upd.state != UPD_NONE && ui->upd.state != UPD_WORKING && now >= ui->upd_until) {
		ui->upd.state = UPD_NONE;
		set_dirty(ui);
	}
	ui_session_t *s = &ui->sess;
	int on_attract = ui_top(ui)->screen == S_ATTRACT;
	uint32_t idle_ms = (uint32_t)ui->op.idle_seconds * 1000;
	uint32_t count_ms = (uint32_t)ui->cfg->countdown_seconds * 1000;
	if (!on_attract && !s->idle && now - s->last_input >= idle_ms) {
		s->idle = 1;
		s->idle_start = now;
		p->down = p->dragging = p->inertia = 0;
		ui->focus.id[0] = 0;
		set_dirty(ui);
		if (ui->speech.a11y) {
			/* A visitor who cannot see hears the question, and a double
			 * tap anywhere answers it. */
			memcpy(ui->focus.id, "continue", sizeof "continue");
			ui_speech_action(ui, "listen");
		}
	}
	if (s->idle) {
		if (now - s->idle_start >= count_ms) {
			ui_reset(ui);
		} else if ((prev - s->idle_start) / 1000 != (now - s->idle_start) / 1000) {
			set_dirty(ui);   /* the countdown shows whole seconds */
		}
	}
	if (on_attract && ui->nlangs && now - s->attract_t0 >= UI_ATTRACT_CYCLE_MS) {
		s->attract_idx = (s->attract_idx + 1) % ui->nlangs;
		s->attract_t0 = now;
		set_dirty(ui);
	}
}

int ui_next_timeout(ui_t *ui, uint32_t now)
{
	if (ui->ptr.inertia) return 16;
	if (ui->speech.reading >= 0) return 50;   /* follow the voice */
	if (ui->upd.state != UPD_NONE && ui->upd.state != UPD_WORKING)
		return ui->upd_until > now ? (int)(ui->upd_until - now) : 0;
	if (!ui->st) return -1;
	if (ui_top(ui)->screen == S_ATTRACT) {
		uint32_t due = ui->sess.attract_t0 + UI_ATTRACT_CYCLE_MS;
		return due > now ? (int)(due - now) : 0;
	}
	if (ui->sess.idle) {
		uint32_t el = now - ui->sess.idle_start;
		return (int)(1000 - el % 1000);
	}
	uint32_t due = ui->sess.last_input + (uint32_t)ui->op.idle_seconds * 1000;
	return due > now ? (int)(due - now) : 0;
}

int ui_exit_code(const ui_t *ui) { return ui->op.exit_code; }
void ui_set_speech(ui_t *ui, struct speech *sp) { ui->speech.sp = sp; ui_invalidate(ui); }
int ui_speech_segment(const ui_t *ui) { return ui->speech.reading >= 0 ? ui->speech.cur_seg : -1; }
const char *ui_focus_id(const ui_t *ui) { return ui->focus.id; }
const float *ui_calibration(const ui_t *ui) { return ui->op.calib; }
void ui_set_source(ui_t *ui, const char *source) { ui->op.content_source = source; }
int ui_a11y_on(const ui_t *ui) { return ui->speech.a11y; }

int ui_control_count(ui_t *ui)
{
	ui_draw(ui);
	return ui->focus.n;
}

const char *ui_control_id(ui_t *ui, int i)
{
	ui_draw(ui);
	assert(i >= 0 && i < ui->focus.n);
	return ui->focus.items[i].id;
}

void ui_set_update(ui_t *ui, const update_status_t *st, uint32_t now)
{
	ui->upd = *st;
	if (st->state != UPD_WORKING) snprintf(ui->op.upd_last, sizeof ui->op.upd_last, "%s", st->message);
	ui->upd_until = st->state == UPD_WORKING ? 0 : now + UI_UPDATE_RESULT_MS;
	ui->sess.last_input = now;   /* staff are at the kiosk: no idle question */
	set_dirty(ui);
}

int ui_dirty(const ui_t *ui) { return ui->dirty; }

void ui_invalidate(ui_t *ui) { set_dirty(ui); }

void ui_settled(ui_t *ui)
{
	ui->settled = 1;
	set_dirty(ui);
}

static void build(ui_t *ui)
{
	ui->focus.n = 0;
	ui->focus.group = 0;
	ui->clip = (rect_t){0, 0, 0, 0};
	ui_build(ui);
}

const draw_list_t *ui_draw(ui_t *ui)
{
	if (ui->dirty) {
		build(ui);
		/* The view's height is only known after building: clamp and rebuild once. */
		frame_t *f = ui_top(ui);
		if (f->scroll > max_scroll(ui)) {
			f->scroll = max_scroll(ui);
			build(ui);
		}
		nav_sort(ui);
		draw_focus_ring(ui);
		ui->dirty = 0;
	}
	return &ui->dl;
}

/* ---- the session: one list of resets for the next visitor and for the end ---- */

static void session_reset(ui_t *ui)
{
	drop_topics(ui);
	ui_article_free(&ui->sess.art);
	memset(&ui->sess, 0, sizeof ui->sess);
	ui->sess.textsize = 1;
	ui->sess.attract_t0 = ui->now;
	ui->sess.last_input = ui->now;
}

static void pointer_reset(ui_t *ui) { memset(&ui->ptr, 0, sizeof ui->ptr); }

static void focus_reset(ui_t *ui)
{
	ui->focus.id[0] = 0;
	ui->focus.n = 0;
}

/* Forgets everything the last visitor did or saw, in every concern. Used
 * by ui_reset() (the next visitor) and ui_free() (the end). */
static void session_clear(ui_t *ui)
{
	ui_speech_reset(ui);
	session_reset(ui);
	pointer_reset(ui);
	focus_reset(ui);
	ui_directory_forget(ui);
	ui_search_forget(ui);
	ui_operator_forget(ui);
	ui_lc_clear(ui);
	draw_clear(&ui->dl);
}

void ui_reset(ui_t *ui)
{
	session_clear(ui);
	push(ui, S_ATTRACT, NULL);
	ui->generation++;
	ui_theme(ui);
	ui_metrics(ui);
	set_dirty(ui);
}

ui_t *ui_new(store_t *st, font_set_t *fs, const config_t *cfg, int w, int h)
{
	ui_t *ui = xcalloc(1, sizeof *ui);
	ui->st = st;
	ui->fs = fs;
	ui->cfg = cfg;
	ui->w = w;
	ui->h = h;
	memcpy(ui->op.calib, cfg->calibration, sizeof ui->op.calib);
	ui->speech.reading = ui->speech.cur_seg = -1;
	ui->op.rotation = cfg->rotation;
	ui->op.idle_seconds = cfg->idle_seconds;
	load_languages(ui);
	ui_reset(ui);
	return ui;
}

void ui_set_store(ui_t *ui, store_t *st)
{
	ui->st = st;
	load_languages(ui);
	ui_reset(ui);
}

void ui_free(ui_t *ui)
{
	if (!ui) return;
	session_clear(ui);
	store_langs_free(ui->langs, ui->nlangs_all);
	draw_free(&ui->dl);
	free(ui->focus.items);
	free(ui);
}

static const char *const screen_names[] = {"attract", "language", "home", "article", "about", "oos",
                                           "directory", "org", "card", "search", "pin", "operator"};

const char *ui_screen_name(const ui_t *ui)
{
	if (ui->upd.state != UPD_NONE) return "update";
	if (!ui->st) return "oos";
	if (ui->sess.idle) return "idle";
	return screen_names[ui->sess.stack[ui->sess.depth - 1].screen];
}

const char *ui_lang(const ui_t *ui) { return ui->sess.lang; }

unsigned ui_generation(const ui_t *ui) { return ui->generation; }

unsigned ui_screens(const ui_t *ui) { return ui->screens; }

int ui_is_pristine(const ui_t *ui)
{
	return ui->sess.depth == 1 && ui->sess.stack[0].screen == S_ATTRACT && !ui->sess.lang[0] && ui->sess.textsize == 1 &&
	       !ui->sess.contrast && !ui->sess.topics && !ui->sess.art.loaded && !ui->sess.idle && !ui->ptr.pressed[0] &&
	       !ui->search.query[0] && !ui->search.hits && !ui->dir.contacts && !ui->dir.qr.text && !ui->dir.service[0] &&
	       !ui->speech.a11y && !ui->focus.id[0];
}
