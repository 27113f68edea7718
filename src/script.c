/* script — see include/script.h. */
#include "script.h"
#include "text.h"
#include "util.h"

#include <SDL.h>
#include <malloc.h>
#include "shot.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TAP_MS 60          /* how long a scripted finger stays down */
#define DRAG_STEP_MS 16    /* one move event per frame while dragging */

typedef struct {
	script_env_t *env;
	uint32_t now;
	const char *path;
	int line;
} run_t;

static int fail(run_t *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(run_t *r, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s:%d: ", r->path, r->line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

static void feed(run_t *r, int type, int x, int y)
{
	input_event_t ev = {0};
	ev.type = type;
	ev.x = x;
	ev.y = y;
	ui_input(r->env->ui, &ev, r->now);
}

/* Advances the virtual clock by ms, ticking the UI whenever it has work due. */
static void advance(run_t *r, uint32_t ms)
{
	uint32_t end = r->now + ms;
	while (r->now < end) {
		int t = ui_next_timeout(r->env->ui, r->now);
		uint32_t step = t < 0 ? end - r->now : (uint32_t)KYR_MAX(t, 1);
		if (step > end - r->now) step = end - r->now;
		r->now += step;
		ui_tick(r->env->ui, r->now);
	}
}

static const draw_item_t *find_target(run_t *r, const char *id)
{
	return draw_find(ui_draw(r->env->ui), id);
}

static int cmd_tap(run_t *r, const char *args)
{
	int x, y;
	if (args[0] == '@') {
		const draw_item_t *t = find_target(r, args + 1);
		if (!t) return fail(r, "tap %s: no target with this id on the screen", args);
		x = t->r.x + t->r.w / 2;
		y = t->r.y + t->r.h / 2;
	} else if (sscanf(args, "%d %d", &x, &y) != 2) {
		return fail(r, "tap: expected X Y or @ID");
	}
	ui_draw(r->env->ui);
	feed(r, IN_DOWN, x, y);
	advance(r, TAP_MS);
	feed(r, IN_UP, x, y);
	ui_tick(r->env->ui, r->now);
	return 0;
}

static int cmd_drag(run_t *r, const char *args)
{
	int x1, y1, x2, y2, ms;
	if (sscanf(args, "%d %d %d %d %d", &x1, &y1, &x2, &y2, &ms) != 5 || ms < 0)
		return fail(r, "drag: expected X1 Y1 X2 Y2 MS");
	ui_draw(r->env->ui);
	feed(r, IN_DOWN, x1, y1);
	int steps = KYR_MAX(1, ms / DRAG_STEP_MS);
	for (int i = 1; i <= steps; i++) {
		r->now += (uint32_t)(ms / steps);
		feed(r, IN_MOVE, x1 + (x2 - x1) * i / steps, y1 + (y2 - y1) * i / steps);
		ui_draw(r->env->ui);
	}
	feed(r, IN_UP, x2, y2);
	ui_tick(r->env->ui, r->now);
	return 0;
}

static void json_str(FILE *f, const char *s, size_t n)
{
	fputc('"', f);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
		else if (c == '\n') fputs("\\n", f);
		else if (c < 0x20) fprintf(f, "\\u%04x", c);
		else fputc(c, f);
	}
	fputc('"', f);
}

void script_dump(const draw_list_t *dl, font_set_t *fs, void *file)
{
	FILE *f = file;
	rect_t clip = {0, 0, 0, 0};
	for (size_t i = 0; i < dl->n; i++) {
		const draw_item_t *it = &dl->items[i];
		const rect_t *q = &it->r;
		switch (it->kind) {
		case DRAW_TEXT: {
			int idx = 0;
			const char *font = it->layout->nruns ? font_file(fs, it->layout->runs[0].face, &idx) : "";
			fprintf(f, "{\"kind\":\"text\",\"x\":%d,\"y\":%d,\"w\":%d,\"h\":%d,\"text\":", q->x, q->y, q->w, q->h);
			json_str(f, it->text, strlen(it->text));
			fprintf(f, ",\"lang\":\"%s\",\"dir\":\"%s\",\"font\":", it->lang ? it->lang : "", it->rtl ? "rtl" : "ltr");
			json_str(f, font ? font : "", font ? strlen(font) : 0);
			fprintf(f, ",\"px\":%d,\"used_w\":%d,\"lines\":%d", it->px, it->layout->width, it->layout->nlines);
			if (clip.w) fprintf(f, ",\"clip\":[%d,%d,%d,%d]", clip.x, clip.y, clip.w, clip.h);
			fputs("}\n", f);
			break;
		}
		case DRAW_TARGET:
			fprintf(f, "{\"kind\":\"target\",\"id\":");
			json_str(f, it->id, strlen(it->id));
			fprintf(f, ",\"x\":%d,\"y\":%d,\"w\":%d,\"h\":%d%s}\n", q->x, q->y, q->w, q->h,
			        it->icon_only ? ",\"icon_only\":true" : "");
			break;
		case DRAW_RECT: case DRAW_FRAME:
			fprintf(f, "{\"kind\":\"%s\",\"x\":%d,\"y\":%d,\"w\":%d,\"h\":%d,\"color\":\"#%02x%02x%02x\"}\n",
			        it->kind == DRAW_RECT ? "rect" : "frame", q->x, q->y, q->w, q->h,
			        it->color.r, it->color.g, it->color.b);
			break;
		case DRAW_ICON:
			fprintf(f, "{\"kind\":\"icon\",\"x\":%d,\"y\":%d,\"w\":%d,\"h\":%d,\"icon\":\"%04x\",\"px\":%d,\"color\":\"#%02x%02x%02x\"%s}\n",
			        q->x, q->y, q->w, q->h, (unsigned)it->icon, it->px, it->color.r, it->color.g, it->color.b,
			        it->rtl ? ",\"mirrored\":true" : "");
			break;
		case DRAW_IMAGE:
			fprintf(f, "{\"kind\":\"image\",\"x\":%d,\"y\":%d,\"w\":%d,\"h\":%d}\n", q->x, q->y, q->w, q->h);
			break;
		case DRAW_CLIP:
			clip = *q;
			break;
		default:
			break;
		}
	}
}

static int cmd_dump(run_t *r, const char *name)
{
	char *path = xasprintf("%s/%s.jsonl", r->env->outdir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		fail(r, "dump: cannot write %s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	script_dump(ui_draw(r->env->ui), r->env->fonts, f);
	int bad = fclose(f) != 0;
	free(path);
	return bad ? fail(r, "dump: write error") : 0;
}

/* Draws the screen as the real loop does: the draw list, then the pixels. */
static void present(run_t *r)
{
	render_follow(r->env->render, ui_generation(r->env->ui), ui_screens(r->env->ui));   /* give the last visitor's memory back */
	render_frame(r->env->render, ui_draw(r->env->ui));
	SDL_RenderPresent(r->env->renderer);
}

static int cmd_shot(run_t *r, const char *name)
{
	present(r);
	char *path = xasprintf("%s/%s.png", r->env->outdir, name);
	char err[128];
	int rc = shot_save_png(r->env->surface, path, err, sizeof err);
	if (rc) fail(r, "shot: cannot write %s: %s", path, err);
	free(path);
	return rc ? -1 : 0;
}

/* ---- monkey: a long, seeded, reproducible stream of random input ---- */

static uint64_t rnd(uint64_t *s)
{
	/* xorshift64*: small, fast, and the same on every machine */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

static long rss_kb(void)
{
	long pages = 0, rss = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	if (!f) return 0;
	if (fscanf(f, "%ld %ld", &pages, &rss) != 2) rss = 0;
	fclose(f);
	return rss * (sysconf(_SC_PAGESIZE) / 1024);
}

static void monkey_event(run_t *r, uint64_t *seed)
{
	static const char *const texts[] = {"a", "niño", "영", "باب", "律师", "ж", " ", "ICE", "\xf0\x9f\x98\x80"};
	static const int keys[] = {KEY_TAB, KEY_BACKTAB, KEY_ENTER, KEY_ESCAPE, KEY_BACKSPACE, KEY_UP, KEY_DOWN,
	                           KEY_PAGEUP, KEY_PAGEDOWN, KEY_HOME, KEY_END, KEY_LEFT, KEY_RIGHT, KEY_SPACE};
	ui_t *ui = r->env->ui;
	const draw_list_t *dl = ui_draw(ui);
	int w = 0, h = 0;
	for (size_t i = 0; i < dl->n; i++) if (dl->items[i].kind == DRAW_RECT) { w = dl->items[i].r.w; h = dl->items[i].r.h; break; }
	if (w <= 0 || h <= 0) w = h = 100;
	unsigned k = (unsigned)(rnd(seed) % 100);
	if (k < 55) {            /* a tap, mostly on something tappable */
		int n = 0;
		for (size_t i = 0; i < dl->n; i++) n += dl->items[i].kind == DRAW_TARGET;
		int x = (int)(rnd(seed) % (unsigned)w), y = (int)(rnd(seed) % (unsigned)h);
		if (n && k < 50) {
			int pick = (int)(rnd(seed) % (unsigned)n);
			for (size_t i = 0; i < dl->n; i++)
				if (dl->items[i].kind == DRAW_TARGET && pick-- == 0) {
					x = dl->items[i].r.x + dl->items[i].r.w / 2;
					y = dl->items[i].r.y + dl->items[i].r.h / 2;
					break;
				}
		}
		feed(r, IN_DOWN, x, y);
		advance(r, TAP_MS);
		feed(r, IN_UP, x, y);
	} else if (k < 70) {     /* a drag or fling */
		int x = (int)(rnd(seed) % (unsigned)w), y1 = (int)(rnd(seed) % (unsigned)h), y2 = (int)(rnd(seed) % (unsigned)h);
		int steps = 1 + (int)(rnd(seed) % 12);
		feed(r, IN_DOWN, x, y1);
		for (int i = 1; i <= steps; i++) {
			r->now += DRAG_STEP_MS;
			feed(r, IN_MOVE, x, y1 + (y2 - y1) * i / steps);
		}
		feed(r, IN_UP, x, y2);
	} else if (k < 80) {
		input_event_t ev = {0};
		ev.type = IN_KEY;
		ev.key = keys[rnd(seed) % KYR_ARRAY_LEN(keys)];
		ui_input(ui, &ev, r->now);
	} else if (k < 87) {
		input_event_t ev = {0};
		ev.type = IN_TEXT;
		snprintf(ev.text, sizeof ev.text, "%s", texts[rnd(seed) % KYR_ARRAY_LEN(texts)]);
		ui_input(ui, &ev, r->now);
	} else if (k < 99) {
		advance(r, (uint32_t)(rnd(seed) % 3000));
	} else {                 /* long enough for the idle reset */
		advance(r, (uint32_t)(ui_next_timeout(ui, r->now) > 0 ? 150000 : 1000));
	}
}

/* monkey SEED COUNT [MAX_GROWTH_KB]: COUNT random events; a frame is drawn
 * every 16 events. Resident memory is sampled after the first tenth (warm-up)
 * and at the end; growth beyond MAX_GROWTH_KB fails the run. */
static int cmd_monkey(run_t *r, const char *args)
{
	unsigned long long seed;
	long count, max_kb = -1;
	int n = sscanf(args, "%llu %ld %ld", &seed, &count, &max_kb);
	if (n < 2 || count < 0) return fail(r, "monkey: expected SEED COUNT [MAX_GROWTH_KB]");
	uint64_t s = seed ? seed : 1;
	long warm = count / 10, rss0 = 0;
	for (long i = 0; i < count; i++) {
		if (i == warm) rss0 = rss_kb();
		monkey_event(r, &s);
		if (i % 16 == 0) {
			render_follow(r->env->render, ui_generation(r->env->ui), ui_screens(r->env->ui));
			render_frame(r->env->render, ui_draw(r->env->ui));
		}
	}
	long rss1 = rss_kb();
	printf("monkey: %ld events, seed %llu, resident memory %ld KB after warm-up, %ld KB at the end (%+ld KB)\n",
	       count, seed, rss0, rss1, rss1 - rss0);
	if (max_kb >= 0 && rss1 - rss0 > max_kb)
		return fail(r, "monkey: resident memory grew by %ld KB (limit %ld KB)", rss1 - rss0, max_kb);
	return 0;
}

static int has_text(run_t *r, const char *sub)
{
	const draw_list_t *dl = ui_draw(r->env->ui);
	for (size_t i = 0; i < dl->n; i++)
		if (dl->items[i].kind == DRAW_TEXT && strstr(dl->items[i].text, sub)) return 1;
	return 0;
}

static int run_line(run_t *r, char *line)
{
	char *args = line;
	while (*args && *args != ' ') args++;
	if (*args) *args++ = 0;
	while (*args == ' ') args++;
	const char *cmd = line;
	if (!strcmp(cmd, "tap")) return cmd_tap(r, args);
	if (!strcmp(cmd, "drag")) return cmd_drag(r, args);
	if (!strcmp(cmd, "wait")) {
		char *end;
		long ms = strtol(args, &end, 10);
		if (end == args || *end || ms < 0) return fail(r, "wait: expected milliseconds");
		advance(r, (uint32_t)ms);
		return 0;
	}
	if (!strcmp(cmd, "key")) {
		input_event_t ev = {0};
		ev.type = IN_KEY;
		ev.key = input_key_from_name(args);
		if (ev.key < 0) return fail(r, "key: unknown key '%s'", args);
		ui_input(r->env->ui, &ev, r->now);
		return 0;
	}
	if (!strcmp(cmd, "text")) {
		input_event_t ev = {0};
		ev.type = IN_TEXT;
		if (strlen(args) >= sizeof ev.text) return fail(r, "text: at most %zu bytes", sizeof ev.text - 1);
		memcpy(ev.text, args, strlen(args) + 1);
		ui_input(r->env->ui, &ev, r->now);
		return 0;
	}
	if (!strcmp(cmd, "monkey")) return cmd_monkey(r, args);
	if (!strcmp(cmd, "listen")) {
		/* Starts reading the screen aloud, as the Listen button does. */
		if (!find_target(r, "listen")) return fail(r, "listen: no Listen button on the %s screen", ui_screen_name(r->env->ui));
		return cmd_tap(r, "@listen");
	}
	if (!strcmp(cmd, "expect-speaking")) {
		ui_tick(r->env->ui, r->now);
		int seg = ui_speech_segment(r->env->ui), min = atoi(args);
		return seg >= min ? 0 : fail(r, "expect-speaking %d: reading sentence %d", min, seg);
	}
	if (!strcmp(cmd, "expect-silent")) {
		ui_tick(r->env->ui, r->now);
		return ui_speech_segment(r->env->ui) < 0 ? 0 : fail(r, "expect-silent: still reading");
	}
	if (!strcmp(cmd, "expect-focus")) {
		if (args[0] != '@') return fail(r, "expect-focus: expected @ID");
		return !strcmp(ui_focus_id(r->env->ui), args + 1) ? 0 :
		       fail(r, "expect-focus %s: the focus is on '%s'", args, ui_focus_id(r->env->ui));
	}
	if (!strcmp(cmd, "sleep")) {
		long ms = atol(args);
		if (ms < 0 || ms > 60000) return fail(r, "sleep: expected 0 to 60000 milliseconds");
		SDL_Delay((Uint32)ms);
		return 0;
	}
	if (!strcmp(cmd, "shot")) return *args ? cmd_shot(r, args) : fail(r, "shot: expected a name");
	if (!strcmp(cmd, "frame")) {
		present(r);
		return 0;
	}
	if (!strcmp(cmd, "dump")) return *args ? cmd_dump(r, args) : fail(r, "dump: expected a name");
	if (!strcmp(cmd, "expect")) {
		if (args[0] != '@') return fail(r, "expect: expected @ID");
		return find_target(r, args + 1) ? 0 : fail(r, "expect %s: no such target on the %s screen", args, ui_screen_name(r->env->ui));
	}
	if (!strcmp(cmd, "scroll-to")) {
		/* Pages down, as a visitor would, until the target shows. */
		if (args[0] != '@') return fail(r, "scroll-to: expected @ID");
		input_event_t ev = {0};
		ev.type = IN_KEY;
		ev.key = KEY_PAGEDOWN;
		for (int i = 0; i < 30 && !find_target(r, args + 1); i++) ui_input(r->env->ui, &ev, r->now);
		return find_target(r, args + 1) ? 0 : fail(r, "scroll-to %s: not found on the %s screen", args, ui_screen_name(r->env->ui));
	}
	if (!strcmp(cmd, "expect-no")) {
		if (args[0] != '@') return fail(r, "expect-no: expected @ID");
		return find_target(r, args + 1) ? fail(r, "expect-no %s: the target is there", args) : 0;
	}
	if (!strcmp(cmd, "expect-text"))
		return has_text(r, args) ? 0 : fail(r, "expect-text: no text containing \"%s\" on the %s screen", args, ui_screen_name(r->env->ui));
	if (!strcmp(cmd, "expect-no-text"))
		return has_text(r, args) ? fail(r, "expect-no-text: \"%s\" is on the screen", args) : 0;
	if (!strcmp(cmd, "expect-focus")) {
		if (args[0] != '@') return fail(r, "expect-focus: expected @ID");
		const char *f = ui_focus_id(r->env->ui);
		if (strcmp(f, args + 1)) return fail(r, "expect-focus %s: the focus is on \"%s\"", args, f);
		return find_target(r, args + 1) ? 0 : fail(r, "expect-focus %s: focused but not in view", args);
	}
	if (!strcmp(cmd, "expect-screen")) {
		ui_draw(r->env->ui);
		return !strcmp(ui_screen_name(r->env->ui), args) ? 0 :
		       fail(r, "expect-screen: on the %s screen, not %s", ui_screen_name(r->env->ui), args);
	}
	return fail(r, "unknown command '%s'", cmd);
}

int script_run(const char *path, script_env_t *env)
{
	size_t len;
	char *text = read_file(path, &len);
	if (!text) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	run_t r = {env, 1000, path, 0};
	int rc = 0;
	char *ln = text;
	if (env->hook) env->hook(env->hook_ctx, r.now);
	while (ln && *ln && !rc) {
		char *nl = strchr(ln, '\n');
		if (nl) *nl = 0;
		r.line++;
		size_t n = strlen(ln);
		while (n && (ln[n - 1] == '\r' || ln[n - 1] == ' ')) ln[--n] = 0;
		char *p = ln;
		while (*p == ' ' || *p == '\t') p++;
		if (*p && *p != '#') rc = run_line(&r, p);
		if (!rc && env->hook) env->hook(env->hook_ctx, r.now);
		ln = nl ? nl + 1 : NULL;
	}
	free(text);
	return rc;
}
