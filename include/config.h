/* config — the kiosk's run-time settings, read from an INI file
 * (/etc/kyr-kiosk/kiosk.conf by default) with libinih.
 *
 * Every key has a default, so a missing file is fine. A present file with an
 * unknown section or key, or a value out of range, is refused at start with
 * a message naming the file, line and key. See docs/configuration.md. */
#ifndef KYR_CONFIG_H
#define KYR_CONFIG_H

#include <stddef.h>

#define CONFIG_DEFAULT_PATH "/etc/kyr-kiosk/kiosk.conf"
#define CONFIG_MAX_LANGS 64

typedef struct {
	char content[512];        /* content database */
	char fonts[512];          /* font directory (holds fonts.list) */
	char default_language[24];/* "" : visitors choose on the attract screen */
	char languages[CONFIG_MAX_LANGS][24]; /* enabled languages; none = all */
	int nlanguages;
	char languages_first[CONFIG_MAX_LANGS][24]; /* shown first, in this order (the region's most common) */
	int nlanguages_first;
	char region[64];          /* "" : the content's default region */
	int idle_seconds;         /* quiet time before "Are you still there?" */
	int countdown_seconds;    /* then time before everything is cleared */
	int rotation;             /* 0, 90, 180 or 270 */
	int width, height;        /* window size; 0 with fullscreen */
	int fullscreen;
	float panel_w_mm, panel_h_mm; /* the panel's visible area; 0: ask the display (else assume the 7" panel) */
	int drm_device;           /* KMSDRM card index (SDL_KMSDRM_DEVICE_INDEX); -1: SDL's choice */
	float calibration[6];     /* touch affine matrix a b c d e f (x' = a x + b y + c) */
	char pin_hash[256];       /* operator PIN, crypto_pwhash_str format */
	char update_status[256];  /* kyr-update's status file, shown while it works */
	int allow_demo;           /* kyr-update may install a demo bundle (sample contacts) */
} config_t;

/* Panels the kiosk is laid out for, by name (`panel = NAME` in the
 * configuration): native resolution and visible area in millimetres. */
typedef struct {
	const char *name, *what;
	int w, h;
	float w_mm, h_mm;
} config_panel_t;
extern const config_panel_t config_panels[];
extern const int config_npanels;

/* Fills c with the defaults. */
void config_defaults(config_t *c);

/* Reads path over the values already in c. A missing file is not an error
 * when `optional` is set. Returns 0, or -1 with a one-line reason naming
 * the file, line and key in err. */
int config_load(config_t *c, const char *path, int optional, char *err, size_t errlen);

/* Applies one setting (as from the file): used for command-line overrides.
 * Returns 0 or -1 with a reason in err. */
int config_set(config_t *c, const char *key, const char *value, char *err, size_t errlen);

/* Parses "WxH" into w and h; returns 0 or -1. */
int config_parse_size(const char *s, int *w, int *h);

#endif
