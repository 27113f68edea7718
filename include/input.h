/* input — the kiosk's own input events.
 *
 * SDL events (touch, mouse, keyboard, text) are translated here into a small
 * struct the UI consumes; the scripted mode feeds the very same struct. On a
 * Raspberry Pi without a desktop, SDL reports touch in the device's
 * normalised coordinates with no window mapping, so rotation and calibration
 * are applied here (input_map_touch). */
#ifndef KYR_INPUT_H
#define KYR_INPUT_H

#include <stdint.h>

enum input_type {
	IN_NONE = 0,
	IN_DOWN,      /* finger or mouse button down at x, y */
	IN_MOVE,      /* while down */
	IN_UP,
	IN_KEY,       /* key: enum input_key */
	IN_TEXT,      /* text: UTF-8 typed on a physical keyboard */
	IN_WHEEL,     /* dy: wheel clicks, positive = towards the user (scroll down) */
};

enum input_key {
	KEY_NONE = 0, KEY_TAB, KEY_BACKTAB, KEY_LEFT, KEY_RIGHT, KEY_UP, KEY_DOWN,
	KEY_ENTER, KEY_ESCAPE, KEY_BACKSPACE, KEY_PAGEUP, KEY_PAGEDOWN, KEY_HOME, KEY_END,
	KEY_SPACE, KEY_F1,
};

typedef struct {
	int type;
	int x, y;         /* in logical screen pixels (after rotation) */
	int key;
	int dy;
	char text[32];
	uint32_t t;       /* when it happened (ms, the caller's clock); 0: the time it is fed */
} input_event_t;

/* Name of a key for scripts ("tab", "escape" ...) and back; -1 if unknown. */
int input_key_from_name(const char *name);

/* Maps a touch point in normalised device coordinates (0..1) to logical
 * screen pixels of a w x h screen shown rotated by `rotation` degrees
 * (0/90/180/270, clockwise), after the affine calibration m (a b c d e f:
 * x' = a x + b y + c, y' = d x + e y + f, in normalised units). Results are
 * clamped to the screen. */
void input_map_touch(float nx, float ny, int rotation, const float m[6], int w, int h, int *x, int *y);

/* Translates one SDL_Event (passed as void * to keep SDL out of this
 * header) into ev; returns 1 when it produced an event. Mouse coordinates
 * are window pixels, un-rotated to logical ones; touch uses
 * input_map_touch(). Synthetic mouse events made from touch are dropped. */
int input_from_sdl(const void *sdl_event, int rotation, const float calib[6], int w, int h, input_event_t *ev);

#endif
