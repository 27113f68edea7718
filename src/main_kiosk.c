/* kyr-kiosk — the touchscreen app. Reads like a table of contents:
 * options → configuration → content store → fonts → one of three loops
 * (a window or full screen; headless until a signal; headless script). */
#include "config.h"
#include "content.h"
#include "display.h"
#include "font.h"
#include "handoff.h"
#include "input.h"
#include "notify.h"
#include "render.h"
#include "sandbox.h"
#include "speech.h"
#include "panel.h"
#include "script.h"
#include "store.h"
#include "ui.h"
#include "util.h"

#include <SDL.h>
#include <sodium.h>
#include <malloc.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	config_t cfg;
	const char *config_path;
	int headless, info, self_test, landlock_optional, no_sandbox, first_frame;
	const char *script, *out;
} opts_t;

static void usage(FILE *f)
{
	fputs("usage: kyr-kiosk [options]\n"
	      "  --config FILE     settings (default " CONFIG_DEFAULT_PATH ", optional)\n"
	      "  --content DB      content database (overrides the configuration)\n"
	      "  --fonts DIR       font directory holding fonts.list\n"
	      "  --size WxH        window or headless screen size (e.g. 800x480)\n"
	      "  --fullscreen      full screen (the Raspberry Pi set-up)\n"
	      "  --rotation DEG    0, 90, 180 or 270\n"
	      "  --headless        no window: dummy video driver, software renderer\n"
	      "  --script FILE     with --headless: run a test script on a virtual clock\n"
	      "  --out DIR         where the script writes shots and dumps (default .)\n"
	      "  --info            print what the content database holds and exit\n"
	      "  --self-test-sandbox  install the sandbox and try what it must refuse (writing,\n"
	      "                    creating, chmod, exec, sockets, connect); exit status 0 when\n"
	      "                    all is refused and Landlock is fully in force\n"
	      "  --landlock-optional  with --self-test-sandbox: pass without Landlock too\n"
	      "  --no-sandbox      development only: skip seccomp and Landlock\n"
	      "  --exit-after-first-frame  with --headless (no script): stop once the first\n"
	      "                    frame is drawn (start-up benchmark, bench/bench.c)\n"
	      "  --hash-pin        read an operator PIN on standard input, print its pin_hash\n"
	      "  --help            this text\n"
	      "See docs/scripted-mode.md for the script commands.\n", f);
}

/* Reads an operator PIN on standard input and prints the pin_hash line. */
static int hash_pin(void)
{
	char pin[64], out[crypto_pwhash_STRBYTES];
	if (sodium_init() < 0 || !fgets(pin, sizeof pin, stdin)) return 1;
	pin[strcspn(pin, "\r\n")] = 0;
	size_t n = strlen(pin);
	if (n < 6 || n > 12 || strspn(pin, "0123456789") != n) {
		fprintf(stderr, "kyr-kiosk: the PIN must be 6 to 12 digits\n");
		return 1;
	}
	int rc = crypto_pwhash_str(out, pin, n, crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE);
	sodium_memzero(pin, sizeof pin);
	if (rc) return 1;
	printf("pin_hash = %s\n", out);
	return 0;
}

static int parse_args(int argc, char **argv, opts_t *o)
{
	char err[512];
	config_defaults(&o->cfg);
	o->config_path = NULL;
	o->out = ".";
	/* The configuration file first, so the command line can override it. */
	for (int i = 1; i < argc - 1; i++)
		if (!strcmp(argv[i], "--config")) o->config_path = argv[i + 1];
	if (config_load(&o->cfg, o->config_path ? o->config_path : CONFIG_DEFAULT_PATH, !o->config_path, err, sizeof err)) {
		kyr_log("%s", err);
		return -1;
	}
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		const char *key = NULL;
		if (!strcmp(a, "--help")) { usage(stdout); exit(0); }
		else if (!strcmp(a, "--headless")) { o->headless = 1; continue; }
		else if (!strcmp(a, "--info")) { o->info = 1; continue; }
		else if (!strcmp(a, "--self-test-sandbox")) { o->self_test = 1; continue; }
		else if (!strcmp(a, "--landlock-optional")) { o->landlock_optional = 1; continue; }
		else if (!strcmp(a, "--no-sandbox")) { o->no_sandbox = 1; continue; }
		else if (!strcmp(a, "--exit-after-first-frame")) { o->first_frame = 1; continue; }
		else if (!strcmp(a, "--hash-pin")) exit(hash_pin());
		else if (!strcmp(a, "--fullscreen")) { o->cfg.fullscreen = 1; continue; }
		else if (!strcmp(a, "--config")) { i++; continue; }
		else if (!strcmp(a, "--content")) key = "content";
		else if (!strcmp(a, "--fonts")) key = "fonts";
		else if (!strcmp(a, "--size")) key = "size";
		else if (!strcmp(a, "--rotation")) key = "rotation";
		else if (!strcmp(a, "--script")) { if (!v) goto missing; o->script = v; i++; continue; }
		else if (!strcmp(a, "--out")) { if (!v) goto missing; o->out = v; i++; continue; }
		else { kyr_log("unknown option '%s' (try --help)", a); return -1; }
		if (!v) goto missing;
		if (config_set(&o->cfg, key, v, err, sizeof err)) { kyr_log("%s: %s", a, err); return -1; }
		i++;
		continue;
	missing:
		kyr_log("%s needs a value", a);
		return -1;
	}
	if (o->script && !o->headless) { kyr_log("--script needs --headless"); return -1; }
	return 0;
}

static int print_info(store_t *st)
{
	store_lang_t *langs;
	int nl = store_languages(st, &langs);
	printf("content version: %s\npublisher: %s\nbundle date: %s\n", store_meta(st, "content_version"),
	       store_meta(st, "publisher"), store_meta(st, "bundle_date"));
	printf("languages: %d\n", nl);
	for (int i = 0; i < nl; i++) {
		store_topic_t *t;
		int nt = store_topics(st, langs[i].code, &t), translated = 0;
		for (int k = 0; k < nt; k++) translated += !t[k].fallback;
		printf("  %-8s %-20s %s  %d/%d topics translated\n", langs[i].code, langs[i].english_name,
		       langs[i].rtl ? "rtl" : "ltr", translated, nt);
		store_topics_free(t, nt);
	}
	store_langs_free(langs, nl);
	return 0;
}

/* The folder holding path ("." for a bare name), for the caller to free. */
static char *folder_of(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	if (slash == dir) dir[1] = 0;
	else if (slash) *slash = 0;
	else { free(dir); dir = xstrdup("."); }
	return dir;
}

/* Everything the kiosk may still read once running: the content's folder
 * (a new bundle is installed there), the updater's status file's folder
 * (update_status may name another than /run/kyr-kiosk), the fonts, the
 * configuration, and the system data SDL and ICU read (input devices appear
 * in /sys and /run/udev); /usr also holds the hyphenation dictionaries,
 * loaded on first use. */
static int enter_sandbox(const opts_t *o, const char *write_dir)
{
	if (o->no_sandbox) return 0;
	char *content_dir = folder_of(o->cfg.content), *status_dir = folder_of(o->cfg.update_status);
	const char *paths[] = {content_dir, o->cfg.fonts, "/etc/kyr-kiosk", "/usr", "/etc", "/sys", "/proc",
	                       "/run/udev", "/run/kyr-kiosk", status_dir, "/dev/shm", o->script, NULL};
	char err[256];
	sandbox_status_t st;
	int rc = sandbox_enter(paths, write_dir, &st, err, sizeof err);
	if (rc) kyr_log("sandbox: %s", err);
	else if (st.landlock != SANDBOX_LL_FULL)
		kyr_log("sandbox: seccomp in force; Landlock %s: %s", st.landlock == SANDBOX_LL_PARTIAL ? "partial" : "off",
		        st.landlock_why);
	else kyr_log("sandbox: seccomp and Landlock (ABI %d) in force", st.landlock_abi);
	free(content_dir);
	free(status_dir);
	return rc;
}

/* Sets SDL_KMSDRM_DEVICE_INDEX for SDL and logs which card is used. */
static void choose_drm_card(const config_t *c)
{
	char why[300], n[16];
	const char *env = getenv("SDL_KMSDRM_DEVICE_INDEX");
	if (env && *env) {
		kyr_log("display: DRM card %s (SDL_KMSDRM_DEVICE_INDEX)", env);
		return;
	}
	int card = c->drm_device;
	if (card >= 0) snprintf(why, sizeof why, "drm_device in the configuration");
	else if ((card = display_pick_card("/sys/class/drm", why, sizeof why)) < 0) {
		kyr_log("display: %s; leaving the choice to SDL", why);
		return;
	}
	snprintf(n, sizeof n, "%d", card);
	SDL_setenv("SDL_KMSDRM_DEVICE_INDEX", n, 1);
	kyr_log("display: DRM card %d (%s)", card, why);
}

/* Logical screen size: the configured one, turned for 90/270. */
static void logical_size(const config_t *c, int pw, int ph, int *w, int *h)
{
	*w = (c->rotation % 180) ? ph : pw;
	*h = (c->rotation % 180) ? pw : ph;
}

/* Waits up to timeout ms (-1: for ever) for an event. SDL 2.26's
 * SDL_WaitEventTimeout wakes every millisecond on drivers without an event
 * file descriptor to sleep on (KMSDRM on the Pi, dummy when headless), about
 * 1 % of a core for nothing: sleep in frame-sized slices instead. */
#define WAIT_SLICE_MS 16
static int wait_event(SDL_Event *e, int timeout)
{
	Uint32 end = SDL_GetTicks() + (Uint32)(timeout > 0 ? timeout : 0);
	for (;;) {
		if (SDL_PollEvent(e)) return 1;
		Uint32 now = SDL_GetTicks();
		if (timeout >= 0 && now >= end) return 0;
		Uint32 slice = WAIT_SLICE_MS;
		if (timeout >= 0 && end - now < slice) slice = end - now;
		SDL_Delay(slice);
	}
}

/* What the loops share: the content in use, the UI, the renderer. */
typedef struct {
	const config_t *cfg;
	content_t *ct;
	ui_t *ui;
	render_t *rd;
	notify_t *nt;
	speech_t *sp;
} app_t;

#define CONTENT_POLL_MS 1000   /* how often the updater's status and content.db are checked */

/* Once a second and after every scripted command: show the updater's
 * progress, and take a newly installed database between visitors only. */
static void keep_content(void *ctx, uint32_t now)
{
	app_t *a = ctx;
	update_status_t us;
	if (content_poll_status(a->ct, a->cfg->update_status, now, &us)) ui_set_update(a->ui, &us, now);
	if ((ui_is_pristine(a->ui) || !content_store(a->ct)) && content_changed(a->ct)) {
		store_t *old = NULL;
		if (content_reload(a->ct, &old)) {
			ui_set_store(a->ui, content_store(a->ct));
			ui_set_source(a->ui, content_source(a->ct));
			store_close(old);
		}
	}
	render_follow(a->rd, ui_generation(a->ui), ui_screens(a->ui));   /* give the last visitor's memory back */
}

/* What the first frame does not wait for, run right after it and before
 * any input: the scan of the content, which may refuse it (the UI then
 * shows the previous content or "out of service"), and espeak-ng, whose
 * real answer about the English voice the next frame then shows. */
static void app_settle(app_t *a)
{
	ui_settled(a->ui);
	store_t *old = NULL;
	if (content_check(a->ct, &old)) {
		ui_set_store(a->ui, content_store(a->ct));
		ui_set_source(a->ui, content_source(a->ct));
		store_close(old);
	}
	if (a->sp) {
		speech_engine_start(a->sp);
		ui_invalidate(a->ui);
	}
}

static app_t app_new(const config_t *c, content_t *ct, font_set_t *fs, speech_t *sp, notify_t *nt,
                     SDL_Renderer *ren, int w, int h)
{
	app_t a = {c, ct, ui_new(content_store(ct), fs, c, w, h), render_new(ren, fs, w, h, c->rotation), nt, sp};
	render_follow(a.rd, ui_generation(a.ui), ui_screens(a.ui));
	ui_set_source(a.ui, content_source(ct));
	ui_set_speech(a.ui, sp);
	return a;
}

/* The real-time loop of a window and of headless without a script: wait
 * for input or the next timer, let the UI act, check for new content once a
 * second, draw only when something changed. Ends at SDL_QUIT (SIGINT and
 * SIGTERM become one) or when the operator screen asks; returns that code. */
static int event_loop(app_t *a, SDL_Renderer *ren, int w, int h, int first_frame_exit)
{
	ui_t *ui = a->ui;
	Uint32 next_poll = 0;
	int ready = 0;
	for (int running = 1; running && !ui_exit_code(ui);) {
		Uint32 now = SDL_GetTicks();
		int timeout = ui_dirty(ui) ? 0 : ui_next_timeout(ui, now);
		int poll_in = (int)(next_poll > now ? next_poll - now : 0);
		if (timeout < 0 || timeout > poll_in) timeout = poll_in;
		int ping_in = notify_timeout(a->nt, now);
		if (ping_in >= 0 && ping_in < timeout) timeout = ping_in;
		SDL_Event e;
		int got = wait_event(&e, timeout);
		while (got) {
			input_event_t ev;
			if (e.type == SDL_QUIT) running = 0;
			else if (e.type == SDL_WINDOWEVENT) ui_invalidate(ui);
			else if (input_from_sdl(&e, a->cfg->rotation, ui_calibration(ui), w, h, &ev)) ui_input(ui, &ev, SDL_GetTicks());   /* the UI times it by ev.t */
			got = SDL_PollEvent(&e);
		}
		now = SDL_GetTicks();
		/* Pinged from here, so a hang anywhere in the loop stops the pings. */
		notify_tick(a->nt, now);
		ui_tick(ui, now);
		if (now >= next_poll) {
			keep_content(a, now);
			next_poll = now + CONTENT_POLL_MS;
		}
		if (ui_dirty(ui)) {
			render_follow(a->rd, ui_generation(ui), ui_screens(ui));   /* before the next screen is built */
			render_frame(a->rd, ui_draw(ui));
			SDL_RenderPresent(ren);
			if (first_frame_exit) _Exit(0);   /* start-up benchmark: no teardown */
			if (!ready) {
				ready = 1;
				app_settle(a);
				notify_send(a->nt, "READY=1");
			}
		}
	}
	notify_send(a->nt, "STOPPING=1");
	return ui_exit_code(ui);
}

static void app_free(app_t *a)
{
	render_free(a->rd);
	ui_free(a->ui);
}

/* The panel's size in millimetres, when the configuration does not name
 * it: from the DRM connector (the DSI panel's driver, an HDMI monitor's
 * EDID), else from the display's DPI as SDL reports it; else the UI
 * assumes the official 7" panel's density. Before the sandbox. */
static void panel_from_display(config_t *c, SDL_Window *win, int pw, int ph)
{
	float hdpi = 0, vdpi = 0;
	char what[160];
	if (c->panel_w_mm > 0) return;
	if (panel_drm_mm("/dev/dri", &c->panel_w_mm, &c->panel_h_mm, what, sizeof what) == 0) {
		kyr_log("panel: %s (from DRM)", what);
		return;
	}
	int d = SDL_GetWindowDisplayIndex(win);
	if (d < 0 || SDL_GetDisplayDPI(d, NULL, &hdpi, &vdpi) || hdpi < 20 || vdpi < 20 || hdpi > 1000 || vdpi > 1000) {
		kyr_log("panel: %s, and SDL knows no DPI: assuming the 7\" panel's density (set panel in kiosk.conf)", what);
		return;
	}
	c->panel_w_mm = (float)pw / hdpi * 25.4f;
	c->panel_h_mm = (float)ph / vdpi * 25.4f;
	kyr_log("panel: %.0fx%.0f mm (from SDL's DPI)", c->panel_w_mm, c->panel_h_mm);
}

static int run_window(opts_t *o, content_t *ct, font_set_t *fs, speech_t *sp, notify_t *nt)
{
	config_t *c = &o->cfg;
	Uint32 flags = c->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0;
	SDL_Window *win = SDL_CreateWindow("Know Your Rights", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
	                                   c->width ? c->width : 800, c->height ? c->height : 480, flags);
	if (!win) { kyr_log("cannot open a window: %s", SDL_GetError()); return 1; }
	/* On a Pi without a desktop (KMSDRM): OpenGL ES when the GPU has it,
	 * else the software renderer; never a mouse cursor. */
	int kms = !strcmp(SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "", "KMSDRM");
	if (kms) SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengles2");
	SDL_Renderer *ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
	if (!ren) ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
	if (!ren) { kyr_log("cannot create a renderer: %s", SDL_GetError()); return 1; }
	if (c->fullscreen || kms) SDL_ShowCursor(SDL_DISABLE);
	int pw, ph, w, h;
	SDL_GetRendererOutputSize(ren, &pw, &ph);
	panel_from_display(c, win, pw, ph);
	if (enter_sandbox(o, NULL)) return 1;
	logical_size(c, pw, ph, &w, &h);
	app_t a = app_new(c, ct, fs, sp, nt, ren, w, h);
	SDL_StartTextInput();
	int rc = event_loop(&a, ren, w, h, 0);
	app_free(&a);
	SDL_DestroyRenderer(ren);
	SDL_DestroyWindow(win);
	return rc;
}

static int run_headless(const opts_t *o, content_t *ct, font_set_t *fs, speech_t *sp, notify_t *nt)
{
	const config_t *c = &o->cfg;
	int w, h;
	logical_size(c, c->width ? c->width : 1080, c->height ? c->height : 1920, &w, &h);
	SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, c->rotation % 180 ? h : w, c->rotation % 180 ? w : h, 32, SDL_PIXELFORMAT_ARGB8888);
	SDL_Renderer *ren = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
	if (!ren) { kyr_log("cannot create the software renderer: %s", SDL_GetError()); return 1; }
	if (enter_sandbox(o, o->script ? o->out : NULL)) return 1;
	app_t a = app_new(c, ct, fs, sp, nt, ren, w, h);
	int rc;
	if (o->script) {
		/* A script's first command is the first input: the content is
		 * scanned before it, as the real loop does after its first frame. */
		app_settle(&a);
		script_env_t env = {a.ui, a.rd, ren, surf, fs, o->out, keep_content, &a};
		/* The operator screen's exit status too, as the real loop returns it. */
		rc = script_run(o->script, &env) ? 1 : ui_exit_code(a.ui);
	} else {
		rc = event_loop(&a, ren, w, h, o->first_frame);
	}
	app_free(&a);
	SDL_DestroyRenderer(ren);
	SDL_FreeSurface(surf);
	return rc;
}

int main(int argc, char **argv)
{
	opts_t o = {0};
	char err[512];
	kyr_log_init("kyr-kiosk");
	if (sandbox_no_dumps(err, sizeof err)) {
		kyr_log("%s", err);
		return 1;
	}
	/* Rendered text runs come and go as visitors move between screens; from
	 * 64 KB up they are mapped, not carved from the heap, so their memory
	 * goes back to the system when they are dropped instead of leaving the
	 * heap fragmented (peak memory, docs/performance.md). */
	mallopt(M_MMAP_THRESHOLD, 64 << 10);
	if (parse_args(argc, argv, &o)) return 2;

	if (o.self_test) {
		/* /proc too: a sanitizer build reads it when the process exits. */
		const char *paths[] = {o.cfg.fonts, "/proc", NULL};
		const char *tmp = getenv("TMPDIR");
		return sandbox_self_test(tmp && *tmp ? tmp : "/tmp", paths, o.landlock_optional);
	}
	content_t *ct = content_open(o.cfg.content);
	store_t *st = content_store(ct);
	if (o.info) {
		/* No frame to draw first: the whole check, as the kiosk would. */
		store_t *old = NULL;
		if (content_check(ct, &old)) store_close(old);
		st = content_store(ct);
		int rc = st ? print_info(st) : 1;
		content_close(ct);
		return rc;
	}
	if (o.headless) {
		SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
		SDL_setenv("SDL_AUDIODRIVER", "dummy", 0);
	}
	/* Card numbering varies (Pi 5 with DSI): the environment wins, then the
	 * configuration, else the card with a connected screen. */
	if (!o.headless) choose_drm_card(&o.cfg);
	SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
	if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_AUDIO) || TTF_Init()) {
		kyr_log("cannot start SDL: %s", SDL_GetError());
		return 1;
	}
	font_set_t *fs = font_set_open(o.cfg.fonts, err, sizeof err);
	if (!fs) {
		kyr_log("%s", err);
		return 1;
	}
	if (st) kyr_log("started: content version %s", store_meta(st, "content_version"));
	/* Output only; opened before the sandbox, which allows no new devices. */
	speech_t *sp = speech_open(0);
	/* Also before the sandbox, which refuses socket() and connect(). */
	notify_t nt;
	notify_open(&nt);
	/* The operator's "Save" writes here (only under the systemd unit). */
	if (!o.headless) handoff_open(HANDOFF_PATH);
	int rc = o.headless ? run_headless(&o, ct, fs, sp, &nt) : run_window(&o, ct, fs, sp, &nt);
	notify_close(&nt);
	handoff_close();
	speech_close(sp);
	font_set_close(fs);
	content_close(ct);
	TTF_Quit();
	SDL_Quit();
	kyr_log("stopped");
	return rc;
}
