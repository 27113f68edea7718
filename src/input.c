/* input — see include/input.h. */
#include "input.h"

#include <SDL.h>
#include <string.h>
#include <strings.h>

static const struct { const char *name; int key; } key_names[] = {
	{"tab", KEY_TAB}, {"backtab", KEY_BACKTAB}, {"left", KEY_LEFT}, {"right", KEY_RIGHT},
	{"up", KEY_UP}, {"down", KEY_DOWN}, {"enter", KEY_ENTER}, {"return", KEY_ENTER},
	{"escape", KEY_ESCAPE}, {"esc", KEY_ESCAPE}, {"backspace", KEY_BACKSPACE},
	{"pageup", KEY_PAGEUP}, {"pagedown", KEY_PAGEDOWN}, {"home", KEY_HOME}, {"end", KEY_END},
	{"space", KEY_SPACE}, {"f1", KEY_F1},
};

int input_key_from_name(const char *name)
{
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (!strcasecmp(name, key_names[i].name)) return key_names[i].key;
	return -1;
}

static int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Un-rotates a point on the physical panel (pw x ph, normalised u, v) into
 * the logical screen the UI lays out (w x h). */
static void unrotate(float u, float v, int rotation, int w, int h, int *x, int *y)
{
	float lx, ly;
	switch (rotation) {
	case 90:  lx = v;     ly = 1 - u; break;
	case 180: lx = 1 - u; ly = 1 - v; break;
	case 270: lx = 1 - v; ly = u;     break;
	default:  lx = u;     ly = v;     break;
	}
	/* Clamp before converting: a wild calibration must not overflow the int. */
	lx = lx < 0 ? 0 : lx > 1 ? 1 : lx;
	ly = ly < 0 ? 0 : ly > 1 ? 1 : ly;
	if (lx != lx) lx = 0;   /* NaN */
	if (ly != ly) ly = 0;
	*x = clampi((int)(lx * (float)w), 0, w - 1);
	*y = clampi((int)(ly * (float)h), 0, h - 1);
}

void input_map_touch(float nx, float ny, int rotation, const float m[6], int w, int h, int *x, int *y)
{
	float u = m[0] * nx + m[1] * ny + m[2];
	float v = m[3] * nx + m[4] * ny + m[5];
	unrotate(u, v, rotation, w, h, x, y);
}

static int map_key(SDL_Keycode k, Uint16 mod)
{
	switch (k) {
	case SDLK_TAB: return (mod & KMOD_SHIFT) ? KEY_BACKTAB : KEY_TAB;
	case SDLK_LEFT: return KEY_LEFT;
	case SDLK_RIGHT: return KEY_RIGHT;
	case SDLK_UP: return KEY_UP;
	case SDLK_DOWN: return KEY_DOWN;
	case SDLK_RETURN: case SDLK_KP_ENTER: return KEY_ENTER;
	case SDLK_ESCAPE: return KEY_ESCAPE;
	case SDLK_BACKSPACE: return KEY_BACKSPACE;
	case SDLK_PAGEUP: return KEY_PAGEUP;
	case SDLK_PAGEDOWN: return KEY_PAGEDOWN;
	case SDLK_HOME: return KEY_HOME;
	case SDLK_END: return KEY_END;
	case SDLK_F1: return KEY_F1;
	default: return KEY_NONE;
	}
}

int input_from_sdl(const void *p, int rotation, const float calib[6], int w, int h, input_event_t *ev)
{
	const SDL_Event *e = p;
	memset(ev, 0, sizeof *ev);
	/* SDL's timestamp is when it read the event, the same clock as
	 * SDL_GetTicks: a tap read in one pass keeps its real length however
	 * long the kiosk then takes to draw between its down and its up. */
	ev->t = e->common.timestamp;
	/* The window shows the rotated screen: its size is h x w at 90/270. */
	int ww = (rotation % 180) ? h : w, wh = (rotation % 180) ? w : h;
	switch (e->type) {
	case SDL_FINGERDOWN: case SDL_FINGERMOTION: case SDL_FINGERUP:
		ev->type = e->type == SDL_FINGERDOWN ? IN_DOWN : e->type == SDL_FINGERUP ? IN_UP : IN_MOVE;
		input_map_touch(e->tfinger.x, e->tfinger.y, rotation, calib, w, h, &ev->x, &ev->y);
		return 1;
	case SDL_MOUSEBUTTONDOWN: case SDL_MOUSEBUTTONUP: case SDL_MOUSEMOTION: {
		int mx, my;
		if (e->type == SDL_MOUSEMOTION) {
			if (e->motion.which == SDL_TOUCH_MOUSEID || !(e->motion.state & SDL_BUTTON_LMASK)) return 0;
			mx = e->motion.x; my = e->motion.y;
			ev->type = IN_MOVE;
		} else {
			if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT) return 0;
			mx = e->button.x; my = e->button.y;
			ev->type = e->type == SDL_MOUSEBUTTONDOWN ? IN_DOWN : IN_UP;
		}
		unrotate(((float)mx + 0.5f) / (float)ww, ((float)my + 0.5f) / (float)wh, rotation, w, h, &ev->x, &ev->y);
		return 1;
	}
	case SDL_MOUSEWHEEL:
		if (e->wheel.which == SDL_TOUCH_MOUSEID) return 0;
		ev->type = IN_WHEEL;
		ev->dy = -e->wheel.y;
		return ev->dy != 0;
	case SDL_KEYDOWN:
		ev->key = map_key(e->key.keysym.sym, e->key.keysym.mod);
		if (ev->key == KEY_NONE) return 0;
		ev->type = IN_KEY;
		return 1;
	case SDL_TEXTINPUT:
		ev->type = IN_TEXT;
		memcpy(ev->text, e->text.text, sizeof ev->text - 1);
		return 1;
	default:
		return 0;
	}
}
