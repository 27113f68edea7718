/* ui — the visitor's session: navigation stack, language, text size and
 * contrast, touch gestures (tap vs drag, inertia), keyboard focus, the idle
 * timer and the session reset. Screens are drawn by ui_screens.c.
 * Start reading at ui_input(). */
#include "ui_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

frame_t *ui_top(ui_t *ui) { return &ui->stack[ui->depth - 1]; }

static void set_dirty(ui_t *ui) { ui->dirty = 1; }

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
	free(all);
	all = sorted;
	ui->langs = all;
	ui->nlangs = k;
	ui->nlangs_all = n;
}

static void drop_topics(ui_t *ui)
{
	store_topics_free(ui->topics, ui->ntopics);
	ui->topics = NULL;
	ui->ntopics = 0;
	ui->topics_lang[0] = 0;
}

static void set_lang(ui_t *ui, const char *code)
{
	ui_speech_stop(ui);
	snprintf(ui->lang, sizeof ui->lang, "%s", code);
	ui->rtl = 0;
	for (int i = 0; i < ui->nlangs; i++)
		if (!strcmp(ui->langs[i].code, code)) ui->rtl = ui->langs[i].rtl;
	drop_topics(ui);
	ui_directory_forget(ui);
	ui->kbd_lang[0] = 0;
	ui->hits_dirty = 1;
	if (ui->st) {
		int n = store_topics(ui->st, code, &ui->topics);
		ui->ntopics = n < 0 ? 0 : n;
		snprintf(ui->topics_lang, sizeof ui->topics_lang, "%s", code);
	}
	ui_article_free(&ui->art);
}

static void push(ui_t *ui, int screen, const char *arg)
{
	if (ui->depth == UI_MAX_DEPTH) {  /* a long chain of links: forget the oldest */
		memmove(&ui->stack[1], &ui->stack[2], (UI_MAX_DEPTH - 2) * sizeof ui->stack[0]);
		ui->depth--;
	}
	ui_speech_stop(ui);
	frame_t *f = &ui->stack[ui->depth++];
	memset(f, 0, sizeof *f);
	f->screen = screen;
	if (arg) snprintf(f->arg, sizeof f->arg, "%s", arg);
	ui->focus = -1;
	ui->inertia = 0;
	set_dirty(ui);
}

static void pop(ui_t *ui)
{
	ui_speech_stop(ui);
	if (ui->depth > 1) ui->depth--;
	if (ui_top(ui)->screen == S_ATTRACT) {
		ui_reset(ui);
		return;
	}
	ui->focus = -1;
	ui->inertia = 0;
	set_dirty(ui);
}

static void go_home(ui_t *ui)
{
	ui_speech_stop(ui);
	while (ui->depth > 1 && ui_top(ui)->screen != S_HOME) ui->depth--;
	if (ui_top(ui)->screen != S_HOME) push(ui, S_HOME, NULL);
	ui_top(ui)->scroll = 0;
	ui->focus = -1;
	set_dirty(ui);
}

static void restyle(ui_t *ui)
{
	ui_theme(ui);
	ui_metrics(ui);
	ui_lc_clear(ui);
	ui_article_free(&ui->art);
	set_dirty(ui);
}

static void activate(ui_t *ui, const char *id)
{
	if (!strncmp(id, "lang:", 5)) {
		set_lang(ui, id + 5);
		if (ui_top(ui)->screen == S_LANGUAGE) pop(ui);
		else push(ui, S_HOME, NULL);
	} else if (!strncmp(id, "topic:", 6) || !strncmp(id, "link:", 5)) {
		push(ui, S_ARTICLE, strchr(id, ':') + 1);
	} else if (!strcmp(id, "back")) {
		pop(ui);
	} else if (!strcmp(id, "home")) {
		go_home(ui);
	} else if (!strcmp(id, "exit")) {
		ui_reset(ui);
	} else if (!strcmp(id, "language")) {
		push(ui, S_LANGUAGE, NULL);
	} else if (!strcmp(id, "textsize")) {
		ui->textsize = (ui->textsize + 1) % 3;
		restyle(ui);
	} else if (!strcmp(id, "contrast")) {
		ui->contrast = !ui->contrast;
		restyle(ui);
	} else if (!strcmp(id, "about")) {
		push(ui, S_ABOUT, NULL);
	} else if (!strcmp(id, "directory")) {
		push(ui, S_DIRECTORY, NULL);
	} else if (!strncmp(id, "org:", 4)) {
		push(ui, S_ORG, id + 4);
	} else if (!strcmp(id, "card")) {
		push(ui, S_CARD, NULL);
	} else if (!strcmp(id, "search")) {
		push(ui, S_SEARCH, NULL);
	} else if (!strncmp(id, "filter:lang:", 12)) {
		ui->dir_mine = strcmp(id + 12, "all") != 0;
		ui->dir_loaded = 0;
		ui_top(ui)->scroll = 0;
		set_dirty(ui);
	} else if (!strcmp(id, "filter:services")) {
		ui->dir_services_open = !ui->dir_services_open;
		set_dirty(ui);
	} else if (!strncmp(id, "filter:service:", 15)) {
		snprintf(ui->dir_service, sizeof ui->dir_service, "%s", strcmp(id + 15, "all") ? id + 15 : "");
		ui->dir_services_open = 0;
		ui->dir_loaded = 0;
		set_dirty(ui);
	} else if (!strncmp(id, "key:", 4)) {
		ui_search_key(ui, id);
	} else if (!strncmp(id, "result:", 7)) {
		int n = atoi(id + 7);
		if (n >= 0 && n < ui->nhits) {
			char ref[64];
			snprintf(ref, sizeof ref, "%s", ui->hits[n].ref);
			push(ui, strcmp(ui->hits[n].kind, "article") ? S_ORG : S_ARTICLE, ref);
		}
	} else if (!strcmp(id, "listen") || !strcmp(id, "pause") || !strcmp(id, "resume") || !strcmp(id, "stop") ||
	           !strcmp(id, "volume-") || !strcmp(id, "volume+")) {
		ui_speech_action(ui, id);
	} else if (!strncmp(id, "pin:", 4) || !strncmp(id, "op:", 3)) {
		ui_operator_action(ui, id);
	} else if (!strcmp(id, "continue")) {
		ui->idle = 0;
		set_dirty(ui);
	}
}

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

static int count_targets(const ui_t *ui)
{
	int n = 0;
	for (size_t i = 0; i < ui->dl.n; i++) n += ui->dl.items[i].kind == DRAW_TARGET;
	return n;
}

static const draw_item_t *nth_target(const ui_t *ui, int k)
{
	for (size_t i = 0; i < ui->dl.n; i++)
		if (ui->dl.items[i].kind == DRAW_TARGET && k-- == 0) return &ui->dl.items[i];
	return NULL;
}

/* Moves keyboard focus and scrolls the focused target into view. */
static void move_focus(ui_t *ui, int delta)
{
	ui_draw(ui);
	int n = count_targets(ui);
	if (!n) return;
	ui->focus = ui->focus < 0 ? (delta > 0 ? 0 : n - 1) : (ui->focus + delta + n) % n;
	const draw_item_t *t = nth_target(ui, ui->focus);
	if (t) snprintf(ui->focus_id, sizeof ui->focus_id, "%s", t->id);
	if (t && t->r.y >= ui->view.y) {
		if (t->r.y + t->r.h > ui->view.y + ui->view.h) scroll_by(ui, t->r.y + t->r.h - (ui->view.y + ui->view.h) + ui->m.gap);
	}
	set_dirty(ui);
}

static void on_key(ui_t *ui, int key)
{
	int page = ui->view.h * 9 / 10;
	if (key == KEY_F1) { ui_a11y_toggle(ui); return; }
	if (ui->a11y && (key == KEY_TAB || key == KEY_RIGHT || key == KEY_BACKTAB || key == KEY_LEFT)) {
		ui_a11y_focus(ui, ui->focus + (key == KEY_TAB || key == KEY_RIGHT ? 1 : -1));
		return;
	}
	switch (key) {
	case KEY_TAB: case KEY_RIGHT: move_focus(ui, +1); break;
	case KEY_BACKTAB: case KEY_LEFT: move_focus(ui, -1); break;
	case KEY_ENTER: case KEY_SPACE: {
		ui_draw(ui);
		const draw_item_t *t = ui->focus >= 0 ? nth_target(ui, ui->focus) : NULL;
		char id[64];
		if (t) {
			snprintf(id, sizeof id, "%s", t->id);
			activate(ui, id);
		}
		break;
	}
	case KEY_ESCAPE: ui_reset(ui); break;
	case KEY_BACKSPACE:
		if (ui_top(ui)->screen == S_SEARCH) ui_search_backspace(ui);
		else if (ui->depth > 1) pop(ui);
		break;
	case KEY_UP: scroll_by(ui, -ui->m.u); break;
	case KEY_DOWN: scroll_by(ui, ui->m.u); break;
	case KEY_PAGEUP: scroll_by(ui, -page); break;
	case KEY_PAGEDOWN: scroll_by(ui, page); break;
	case KEY_HOME: scroll_by(ui, -ui_top(ui)->scroll); break;
	case KEY_END: scroll_by(ui, max_scroll(ui)); break;
	default: break;
	}
}

static void on_pointer(ui_t *ui, const input_event_t *ev, uint32_t now)
{
	int slop = ui->m.u / UI_TAP_SLOP_DIV;
	if (ev->type == IN_DOWN) {
		ui_draw(ui);
		const draw_item_t *t = draw_hit(&ui->dl, ev->x, ev->y);
		ui->down = 1;
		ui->dragging = 0;
		ui->down_x = ev->x;
		ui->down_y = ui->last_y = ev->y;
		ui->last_t = now;
		ui->down_t = now;
		ui->vel = 0;
		ui->inertia = 0;
		snprintf(ui->pressed, sizeof ui->pressed, "%s", t ? t->id : "");
		if (!ui->a11y) ui->focus = -1;   /* touch ends keyboard focus, not spoken navigation */
		set_dirty(ui);
	} else if (ev->type == IN_MOVE && ui->down) {
		if (!ui->dragging && (abs(ev->y - ui->down_y) > slop || abs(ev->x - ui->down_x) > slop)) {
			ui->dragging = 1;
			set_dirty(ui);
		}
		if (ui->dragging) {
			int dy = ui->last_y - ev->y;
			float dt = (float)(now - ui->last_t);
			if (dt > 0) ui->vel = ui->vel * 0.2f + 0.8f * (float)dy / dt;
			scroll_by(ui, dy);
			ui->last_y = ev->y;
			ui->last_t = now;
		}
	} else if (ev->type == IN_UP && ui->down) {
		ui->down = 0;
		char id[64];
		snprintf(id, sizeof id, "%s", ui->pressed);
		ui->pressed[0] = 0;
		set_dirty(ui);
		if (ui->dragging && ui->a11y && abs(ev->x - ui->down_x) > ui->m.u && abs(ev->x - ui->down_x) > abs(ev->y - ui->down_y)) {
			/* Spoken navigation: a swipe right or left moves the focus. */
			ui->dragging = 0;
			ui_a11y_focus(ui, ui->focus + (ev->x > ui->down_x ? 1 : -1));
			return;
		}
		if (ui->dragging) {
			ui->dragging = 0;
			/* A finger that stopped before lifting does not fling. */
			if (now - ui->last_t < 100 && fabsf(ui->vel) > 0.05f) {
				ui->inertia = 1;
				ui->inertia_t = now;
			}
			return;
		}
		/* Staff: a long hold in the top left corner of the language screen. */
		if (ui_top(ui)->screen == S_ATTRACT && ui->down_x < ui->m.u && ui->down_y < ui->m.u &&
		    now - ui->down_t >= UI_OPERATOR_HOLD_MS) {
			push(ui, S_PIN, NULL);
			return;
		}
		if (ui_top(ui)->screen == S_ATTRACT && now - ui->down_t >= UI_A11Y_HOLD_MS) {
			ui_a11y_toggle(ui);   /* a long hold on the language screen */
			return;
		}
		if (ui_operator_tap(ui, ev->x, ev->y)) return;
		const draw_item_t *t = draw_hit(&ui->dl, ev->x, ev->y);
		if (!id[0] || !t || strcmp(t->id, id)) return;
		if (ui->a11y) {
			/* Spoken navigation: a tap says what is there, a double tap activates. */
			if (!strcmp(ui->last_tap_id, id) && now - ui->last_tap_t <= UI_DOUBLE_TAP_MS) {
				ui->last_tap_id[0] = 0;
				activate(ui, id);
			} else {
				int k = 0;
				for (size_t i = 0; i < ui->dl.n && &ui->dl.items[i] != t; i++) k += ui->dl.items[i].kind == DRAW_TARGET;
				ui_a11y_focus(ui, k);
				snprintf(ui->last_tap_id, sizeof ui->last_tap_id, "%s", id);
				ui->last_tap_t = now;
			}
			return;
		}
		activate(ui, id);
	}
}

void ui_input(ui_t *ui, const input_event_t *ev, uint32_t now)
{
	ui->now = now;
	ui->last_input = now;
	ui_draw(ui);   /* input acts on what is on screen: targets and page height */
	switch (ev->type) {
	case IN_DOWN: case IN_MOVE: case IN_UP: on_pointer(ui, ev, now); break;
	case IN_WHEEL: ui->inertia = 0; scroll_by(ui, ev->dy * ui->m.u); break;
	case IN_KEY: on_key(ui, ev->key); break;
	case IN_TEXT:
		/* A USB keyboard types into search (and opens it from any screen but the first). */
		if (ui_top(ui)->screen == S_ATTRACT || ui->idle || !ev->text[0]) break;
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
	if (ui_speech_tick(ui)) ui->last_input = now;   /* listening is not idling */
	if (ui->inertia) {
		float dt = (float)(now - ui->inertia_t);
		ui->inertia_t = now;
		int moved = scroll_by(ui, (int)lroundf(ui->vel * dt));
		ui->vel *= expf(-dt / UI_INERTIA_TAU_MS);
		if (!moved || fabsf(ui->vel) < 0.02f) ui->inertia = 0;
	}
	if (ui->upd.state != UPD_NONE && ui->upd.state != UPD_WORKING && now >= ui->upd_until) {
		ui->upd.state = UPD_NONE;
		set_dirty(ui);
	}
	int on_attract = ui_top(ui)->screen == S_ATTRACT;
	uint32_t idle_ms = (uint32_t)ui->idle_seconds * 1000;
	uint32_t count_ms = (uint32_t)ui->cfg->countdown_seconds * 1000;
	if (!on_attract && !ui->idle && now - ui->last_input >= idle_ms) {
		ui->idle = 1;
		ui->idle_start = now;
		ui->down = ui->dragging = ui->inertia = 0;
		set_dirty(ui);
	}
	if (ui->idle) {
		if (now - ui->idle_start >= count_ms) {
			ui_reset(ui);
		} else if ((prev - ui->idle_start) / 1000 != (now - ui->idle_start) / 1000) {
			set_dirty(ui);   /* the countdown shows whole seconds */
		}
	}
	if (on_attract && ui->nlangs && now - ui->attract_t0 >= UI_ATTRACT_CYCLE_MS) {
		ui->attract_idx = (ui->attract_idx + 1) % ui->nlangs;
		ui->attract_t0 = now;
		set_dirty(ui);
	}
}

int ui_next_timeout(ui_t *ui, uint32_t now)
{
	if (ui->inertia) return 16;
	if (ui->reading >= 0) return 50;   /* follow the voice */
	if (ui->upd.state != UPD_NONE && ui->upd.state != UPD_WORKING)
		return ui->upd_until > now ? (int)(ui->upd_until - now) : 0;
	if (!ui->st) return -1;
	if (ui_top(ui)->screen == S_ATTRACT) {
		uint32_t due = ui->attract_t0 + UI_ATTRACT_CYCLE_MS;
		return due > now ? (int)(due - now) : 0;
	}
	if (ui->idle) {
		uint32_t el = now - ui->idle_start;
		return (int)(1000 - el % 1000);
	}
	uint32_t due = ui->last_input + (uint32_t)ui->idle_seconds * 1000;
	return due > now ? (int)(due - now) : 0;
}

int ui_exit_code(const ui_t *ui) { return ui->exit_code; }
void ui_set_speech(ui_t *ui, struct speech *sp) { ui->sp = sp; ui_invalidate(ui); }
int ui_speech_segment(const ui_t *ui) { return ui->reading >= 0 ? ui->cur_seg : -1; }
const char *ui_focus_id(const ui_t *ui) { return ui->focus_id; }
const float *ui_calibration(const ui_t *ui) { return ui->calib; }
void ui_set_source(ui_t *ui, const char *source) { ui->content_source = source; }

void ui_set_update(ui_t *ui, const update_status_t *st, uint32_t now)
{
	ui->upd = *st;
	if (st->state != UPD_WORKING) snprintf(ui->upd_last, sizeof ui->upd_last, "%s", st->message);
	ui->upd_until = st->state == UPD_WORKING ? 0 : now + UI_UPDATE_RESULT_MS;
	ui->last_input = now;   /* staff are at the kiosk: no idle question */
	set_dirty(ui);
}

int ui_dirty(const ui_t *ui) { return ui->dirty; }

void ui_invalidate(ui_t *ui) { set_dirty(ui); }

const draw_list_t *ui_draw(ui_t *ui)
{
	if (ui->dirty) {
		ui_build(ui);
		/* The view's height is only known after building: clamp and rebuild once. */
		frame_t *f = ui_top(ui);
		if (f->scroll > max_scroll(ui)) {
			f->scroll = max_scroll(ui);
			ui_build(ui);
		}
		ui->dirty = 0;
	}
	return &ui->dl;
}

void ui_reset(ui_t *ui)
{
	ui->depth = 0;
	push(ui, S_ATTRACT, NULL);
	ui->lang[0] = 0;
	ui->rtl = 0;
	ui->textsize = 1;
	ui->contrast = 0;
	drop_topics(ui);
	ui_article_free(&ui->art);
	ui_directory_forget(ui);
	ui_search_forget(ui);
	ui_operator_forget(ui);
	ui_speech_stop(ui);
	ui->a11y = 0;
	ui->focus_id[0] = ui->last_tap_id[0] = 0;
	ui_lc_clear(ui);
	ui->down = ui->dragging = ui->inertia = 0;
	ui->pressed[0] = 0;
	ui->focus = -1;
	ui->idle = 0;
	ui->attract_idx = 0;
	ui->attract_t0 = ui->now;
	ui->last_input = ui->now;
	ui->generation++;
	ui_theme(ui);
	ui_metrics(ui);
	draw_clear(&ui->dl);
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
	memcpy(ui->calib, cfg->calibration, sizeof ui->calib);
	ui->reading = ui->cur_seg = -1;
	ui->rotation = cfg->rotation;
	ui->idle_seconds = cfg->idle_seconds;
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
	drop_topics(ui);
	ui_article_free(&ui->art);
	ui_directory_forget(ui);
	ui_search_forget(ui);
	ui_lc_clear(ui);
	store_langs_free(ui->langs, ui->nlangs_all);
	draw_free(&ui->dl);
	free(ui);
}

static const char *const screen_names[] = {"attract", "language", "home", "article", "about", "oos",
                                           "directory", "org", "card", "search", "pin", "operator"};

const char *ui_screen_name(const ui_t *ui)
{
	if (ui->upd.state != UPD_NONE) return "update";
	if (!ui->st) return "oos";
	if (ui->idle) return "idle";
	return screen_names[ui->stack[ui->depth - 1].screen];
}

const char *ui_lang(const ui_t *ui) { return ui->lang; }

unsigned ui_generation(const ui_t *ui) { return ui->generation; }

int ui_is_pristine(const ui_t *ui)
{
	return ui->depth == 1 && ui->stack[0].screen == S_ATTRACT && !ui->lang[0] && ui->textsize == 1 &&
	       !ui->contrast && !ui->topics && !ui->art.loaded && !ui->idle && !ui->pressed[0] &&
	       !ui->query[0] && !ui->hits && !ui->contacts && !ui->qr.text && !ui->dir_service[0];
}
