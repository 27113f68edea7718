/* config — see include/config.h. One table of keys; each key has a parser
 * that checks its range, so the error message can always name the key. */
#include "config.h"
#include "util.h"

#include <errno.h>
#include <ini.h>
#include <math.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

/* Visible areas from the makers' drawings, rounded to 0.1 mm; monitors
 * from their diagonal at 16:9 (or 16:10). */
const config_panel_t config_panels[] = {
	{"pi-display-7", "Raspberry Pi Touch Display, 7\" 800x480 (DSI)", 800, 480, 154.1f, 85.9f},
	{"pi-touch-display-2-7", "Raspberry Pi Touch Display 2, 7\" 720x1280", 720, 1280, 87.0f, 155.0f},
	{"pi-touch-display-2-5", "Raspberry Pi Touch Display 2, 5\" 720x1280", 720, 1280, 62.3f, 110.7f},
	{"hdmi-10", "10.1\" HDMI monitor, 1280x800", 1280, 800, 217.0f, 135.6f},
	{"hdmi-15", "15.6\" HDMI monitor, 1920x1080", 1920, 1080, 344.2f, 193.6f},
	{"hdmi-22", "21.5\" HDMI monitor, 1920x1080", 1920, 1080, 476.1f, 267.8f},
	{"hdmi-22-portrait", "21.5\" HDMI monitor turned upright, 1080x1920", 1080, 1920, 267.8f, 476.1f},
	{"hdmi-24", "23.8\" HDMI monitor, 1920x1080", 1920, 1080, 527.0f, 296.4f},
};
const int config_npanels = (int)KYR_ARRAY_LEN(config_panels);

static int set_panel_mm(config_t *c, const char *v)
{
	char *end;
	float w = strtof(v, &end);
	if (end == v || (*end != 'x' && *end != 'X')) return -1;
	const char *p = end + 1;
	float h = strtof(p, &end);
	if (end == p || *end || !isfinite(w) || !isfinite(h) || w < 20 || h < 20 || w > 3000 || h > 3000) return -1;
	c->panel_w_mm = w;
	c->panel_h_mm = h;
	return 0;
}

static int set_panel(config_t *c, const char *v)
{
	if (!*v) {   /* ask the display */
		c->panel_w_mm = c->panel_h_mm = 0;
		return 0;
	}
	for (int i = 0; i < config_npanels; i++)
		if (!strcmp(config_panels[i].name, v)) {
			c->panel_w_mm = config_panels[i].w_mm;
			c->panel_h_mm = config_panels[i].h_mm;
			return 0;
		}
	return -1;
}

void config_defaults(config_t *c)
{
	memset(c, 0, sizeof *c);
	snprintf(c->content, sizeof c->content, "/var/lib/kyr-kiosk/content.db");
	snprintf(c->fonts, sizeof c->fonts, "/usr/share/kyr-kiosk/fonts");
	c->idle_seconds = 120;
	c->countdown_seconds = 20;
	c->drm_device = -1;
	c->width = 800;
	c->height = 480;
	snprintf(c->update_status, sizeof c->update_status, "/run/kyr-kiosk/update-status");
	c->calibration[0] = 1;
	c->calibration[4] = 1;
}

static int parse_int(const char *v, int lo, int hi, int *out)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < lo || n > hi) return -1;
	*out = (int)n;
	return 0;
}

int config_parse_size(const char *s, int *w, int *h)
{
	char *end;
	long a = strtol(s, &end, 10);
	if (end == s || (*end != 'x' && *end != 'X')) return -1;
	const char *p = end + 1;
	long b = strtol(p, &end, 10);
	if (end == p || *end || a < 240 || b < 240 || a > 8192 || b > 8192) return -1;
	*w = (int)a;
	*h = (int)b;
	return 0;
}

static int set_string(char *dst, size_t cap, const char *v)
{
	if (strlen(v) >= cap) return -1;
	memcpy(dst, v, strlen(v) + 1);
	return 0;
}

static int valid_lang(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || n > 23) return 0;
	for (size_t i = 0; i < n; i++)
		if (!(s[i] == '-' || (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9'))) return 0;
	return 1;
}

/* "en, es, zh-Hans" into list; -1 for a bad code or too many. */
static int set_languages(char list[][24], int *n, const char *v)
{
	char tmp[CONFIG_MAX_LANGS * 24];
	if (set_string(tmp, sizeof tmp, v)) return -1;
	*n = 0;
	for (char *save = NULL, *tok = strtok_r(tmp, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		if (!valid_lang(tok) || *n == CONFIG_MAX_LANGS) return -1;
		memcpy(list[(*n)++], tok, strlen(tok) + 1);
	}
	return 0;
}

static int set_calibration(config_t *c, const char *v)
{
	float m[6];
	char *end;
	const char *p = v;
	for (int i = 0; i < 6; i++) {
		m[i] = strtof(p, &end);
		if (end == p || !isfinite(m[i]) || m[i] < -100 || m[i] > 100) return -1;
		p = end;
		while (*p == ' ' || *p == ',') p++;
	}
	if (*p) return -1;
	memcpy(c->calibration, m, sizeof m);
	return 0;
}

/* Returns NULL when applied, else what the value should have been. */
static const char *apply(config_t *c, const char *key, const char *v)
{
	if (!strcmp(key, "content"))
		return set_string(c->content, sizeof c->content, v) ? "a path shorter than 512 bytes" : NULL;
	if (!strcmp(key, "fonts"))
		return set_string(c->fonts, sizeof c->fonts, v) ? "a path shorter than 512 bytes" : NULL;
	if (!strcmp(key, "default_language")) {
		if (*v && !valid_lang(v)) return "a language code such as en or zh-Hans, or nothing";
		set_string(c->default_language, sizeof c->default_language, v);
		return NULL;
	}
	if (!strcmp(key, "languages"))
		return set_languages(c->languages, &c->nlanguages, v) ? "a comma-separated list of language codes" : NULL;
	if (!strcmp(key, "languages_first"))
		return set_languages(c->languages_first, &c->nlanguages_first, v) ? "a comma-separated list of language codes" : NULL;
	if (!strcmp(key, "region"))
		return set_string(c->region, sizeof c->region, v) ? "a region id from regions.csv" : NULL;
	if (!strcmp(key, "idle_seconds"))
		return parse_int(v, 10, 3600, &c->idle_seconds) ? "a number of seconds from 10 to 3600" : NULL;
	if (!strcmp(key, "countdown_seconds"))
		return parse_int(v, 5, 300, &c->countdown_seconds) ? "a number of seconds from 5 to 300" : NULL;
	if (!strcmp(key, "rotation")) {
		int r;
		if (parse_int(v, 0, 270, &r) || r % 90) return "0, 90, 180 or 270";
		c->rotation = r;
		return NULL;
	}
	if (!strcmp(key, "size")) {
		if (!strcmp(v, "fullscreen")) {
			c->fullscreen = 1;
			c->width = c->height = 0;
			return NULL;
		}
		c->fullscreen = 0;
		return config_parse_size(v, &c->width, &c->height) ? "WIDTHxHEIGHT (e.g. 800x480) or fullscreen" : NULL;
	}
	if (!strcmp(key, "panel"))
		return set_panel(c, v) ? "a panel name from docs/configuration.md (e.g. pi-display-7, pi-touch-display-2-7)" : NULL;
	if (!strcmp(key, "panel_mm"))
		return set_panel_mm(c, v) ? "the panel's visible WIDTHxHEIGHT in millimetres (e.g. 154.1x85.9)" : NULL;
	if (!strcmp(key, "touch_calibration"))
		return set_calibration(c, v) ? "six numbers a b c d e f" : NULL;
	if (!strcmp(key, "drm_device"))
		return parse_int(v, -1, 15, &c->drm_device) ? "a DRM card number from 0 to 15, or -1 for automatic" : NULL;
	if (!strcmp(key, "update_status"))
		return set_string(c->update_status, sizeof c->update_status, v) ? "a path shorter than 256 bytes" : NULL;
	if (!strcmp(key, "allow_demo")) {
		if (strcmp(v, "yes") && strcmp(v, "no")) return "yes or no";
		c->allow_demo = !strcmp(v, "yes");
		return NULL;
	}
	if (!strcmp(key, "pin_hash")) {
		if (*v && strncmp(v, "$argon2", 7)) return "a hash made by kyr-kiosk --hash-pin";
		return set_string(c->pin_hash, sizeof c->pin_hash, v) ? "a hash made by kyr-kiosk --hash-pin" : NULL;
	}
	return "";  /* unknown key */
}

typedef struct {
	config_t *c;
	char *err;
	size_t errlen;
} load_ctx_t;

/* Debian's inih passes no line number to the handler; ini_parse_file()
 * returns the first failing line, which config_load() puts in front. Only
 * the first problem is kept. */
static int on_ini(void *user, const char *section, const char *key, const char *value)
{
	load_ctx_t *ctx = user;
	if (ctx->err[0]) return 0;
	if (strcmp(section, "kiosk")) {
		snprintf(ctx->err, ctx->errlen, "unknown section [%s] (expected [kiosk])", section);
		return 0;
	}
	const char *want = apply(ctx->c, key, value);
	if (want && !*want) {
		snprintf(ctx->err, ctx->errlen, "unknown key '%s'", key);
		return 0;
	}
	if (want) {
		snprintf(ctx->err, ctx->errlen, "%s = '%s': expected %s", key, value, want);
		return 0;
	}
	return 1;
}

int config_load(config_t *c, const char *path, int optional, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		if (optional && errno == ENOENT) return 0;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		snprintf(err, errlen, "%s: is a folder, not a configuration file", path);
		return -1;
	}
	char why[400] = "";
	load_ctx_t ctx = {c, why, sizeof why};
	int rc = ini_parse_file(f, on_ini, &ctx);
	fclose(f);
	if (rc == 0) return 0;
	snprintf(err, errlen, "%s:%d: %s", path, rc, why[0] ? why : "syntax error (expected key = value)");
	return -1;
}

int config_set(config_t *c, const char *key, const char *value, char *err, size_t errlen)
{
	const char *want = apply(c, key, value);
	if (!want) return 0;
	if (!*want) snprintf(err, errlen, "unknown setting '%s'", key);
	else snprintf(err, errlen, "%s = '%s': expected %s", key, value, want);
	return -1;
}
