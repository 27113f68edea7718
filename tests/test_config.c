/* test_config — the kiosk's configuration: defaults, a file read over
 * them, every bad value refused with file:line and the key, a folder given
 * as the file refused (it used to be read as an empty file), an empty file
 * and a missing optional one fine, panel presets and sizes in millimetres. */
#include "harness.h"
#include "config.h"
#include "panel.h"
#include "util.h"

#include <stdlib.h>
#include <unistd.h>

static char *write_tmp(const char *text)
{
	char *path = xstrdup("/tmp/kyr-test-config-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0) return path;
	ssize_t n = write(fd, text, strlen(text));
	(void)n;
	close(fd);
	return path;
}

static void defaults_and_file(void)
{
	config_t c;
	char err[400];
	config_defaults(&c);
	CHECK(c.idle_seconds == 120 && c.countdown_seconds == 20 && c.width == 800 && c.height == 480 && c.panel_w_mm == 0);
	char *p = write_tmp("[kiosk]\nidle_seconds = 90\nlanguages = en, es,ar\nsize = 720x1280\nrotation = 90\n"
	                    "panel = pi-touch-display-2-7\nlanguages_first = es, zh-Hans\n");
	CHECKF(config_load(&c, p, 0, err, sizeof err) == 0, "%s", err);
	CHECK(c.idle_seconds == 90 && c.nlanguages == 3 && !strcmp(c.languages[2], "ar"));
	CHECK(c.nlanguages_first == 2 && !strcmp(c.languages_first[1], "zh-Hans"));
	CHECK(c.width == 720 && c.height == 1280 && c.rotation == 90);
	CHECK(c.panel_w_mm > 86 && c.panel_w_mm < 88 && c.panel_h_mm > 154 && c.panel_h_mm < 156);
	unlink(p);
	free(p);
	config_defaults(&c);
	CHECK_INT(config_load(&c, "/nonexistent/kiosk.conf", 1, err, sizeof err), 0);   /* optional and missing: fine */
	CHECK_INT(config_load(&c, "/nonexistent/kiosk.conf", 0, err, sizeof err), -1);
}

static void refuses(void)
{
	static const struct { const char *text, *want; } bad[] = {
		{"[kiosk]\nidle_seconds = 5\n", ":2: idle_seconds = '5': expected a number of seconds"},
		{"[kiosk]\n\nrotation = 45\n", ":3: rotation"},
		{"[kiosk]\nsize = big\n", ":2: size"},
		{"[kiosk]\npanel = pi-display-9\n", ":2: panel = 'pi-display-9'"},
		{"[kiosk]\npanel_mm = 10x10\n", ":2: panel_mm"},
		{"[kiosk]\nlanguages = en, e$\n", ":2: languages"},
		{"[kiosk]\nlanguages_first = es, zh_Hans!\n", ":2: languages_first = 'es, zh_Hans!': expected a comma-separated list"},
		{"[kiosk]\ncolour = red\n", ":2: unknown key 'colour'"},
		{"[screen]\nsize = 800x480\n", ":2: unknown section [screen]"},
		{"[kiosk]\ntouch_calibration = 1 0 0\n", ":2: touch_calibration"},
	};
	for (size_t i = 0; i < KYR_ARRAY_LEN(bad); i++) {
		config_t c;
		char err[400] = "";
		config_defaults(&c);
		char *p = write_tmp(bad[i].text);
		int rc = config_load(&c, p, 0, err, sizeof err);
		CHECKF(rc == -1 && strstr(err, p) && strstr(err, bad[i].want), "case %zu: \"%s\" (want \"%s\")", i, err, bad[i].want);
		unlink(p);
		free(p);
	}
}

static void panels(void)
{
	config_t c;
	char err[200];
	config_defaults(&c);
	CHECKF(config_set(&c, "panel_mm", "154.1x85.9", err, sizeof err) == 0, "%s", err);
	CHECK(c.panel_w_mm > 154 && c.panel_w_mm < 154.2f);
	CHECK(config_set(&c, "panel", "", err, sizeof err) == 0 && c.panel_w_mm == 0);   /* empty: ask the display */
	/* Every preset: its own name works, and its density is that of a real panel (3–12 px/mm). */
	int sane = 1;
	for (int i = 0; i < config_npanels; i++) {
		const config_panel_t *P = &config_panels[i];
		config_defaults(&c);
		sane &= config_set(&c, "panel", P->name, err, sizeof err) == 0;
		/* (The official 7" panel's pixels are not square: 5.2 px/mm across, 5.6 down.) */
		float ppm_w = (float)P->w / P->w_mm, ppm_h = (float)P->h / P->h_mm;
		sane &= ppm_w > 3 && ppm_w < 12 && ppm_w / ppm_h > 0.9f && ppm_w / ppm_h < 1.1f;
	}
	CHECK(sane && config_npanels >= 6);
}

/* The DRM question never fails loudly: with no card it says so (this
 * machine has none; on a Pi it names the connector, checked by hand). */
static void drm_size(void)
{
	float w = 0, h = 0;
	char what[160] = "";
	CHECK_INT(panel_drm_mm("/nonexistent", &w, &h, what, sizeof what), -1);
	CHECKF(w == 0 && h == 0 && !strcmp(what, "no DRM card in /nonexistent"), "%s", what);
}

static void test_folder_refused(void)
{
	config_t c;
	char err[512] = "";
	config_defaults(&c);
	CHECK_INT(config_load(&c, "tests", 0, err, sizeof err), -1);
	CHECKF(strcmp(err, "tests: is a folder, not a configuration file") == 0, "%s", err);
	config_defaults(&c);
	CHECK_INT(config_load(&c, "tests", 1, err, sizeof err), -1);   /* optional, but there and wrong */
}

static void test_empty_and_missing(void)
{
	config_t c;
	char err[512] = "";
	config_defaults(&c);
	CHECK_INT(config_load(&c, "/dev/null", 0, err, sizeof err), 0);
	CHECK_INT(config_load(&c, "tests/no-such-kiosk.conf", 1, err, sizeof err), 0);
	CHECK_INT(config_load(&c, "tests/no-such-kiosk.conf", 0, err, sizeof err), -1);
}

int main(void)
{
	RUN(defaults_and_file);
	RUN(test_folder_refused);
	RUN(test_empty_and_missing);
	RUN(refuses);
	RUN(panels);
	RUN(drm_size);
	return harness_done();
}
