/* Fuzz target: the scripted mode's command parser, driving the real UI
 * over build/content.db with the fixed-width fake font (no SDL, no files).
 * `shot` and `dump` lines are commented out first: they need a renderer
 * and write files. Any screen reached and any command sequence must leave
 * the UI drawable; Quick exit must leave it pristine. A pure parser split
 * out of src/script.c would be cheaper to fuzz (see docs/fuzzing.md). */
#include "fuzz.h"
#include "script.h"
#include "store.h"
#include "util.h"

static store_t *script_fz_store;
static font_set_t *script_fz_fonts;

FUZZ_TARGET(script)
{
	if (!script_fz_fonts) {
		char err[512], *db = xasprintf("%s/content.db", fuzz_build_dir());
		script_fz_store = store_open(db, err, sizeof err);
		if (!script_fz_store) { fprintf(stderr, "fuzz_script: %s\n", err); abort(); }
		free(db);
		script_fz_fonts = font_set_fake(10);
	}
	if (size > 16384) return 0;   /* long scripts only repeat what short ones do */
	buf_t text = {0};
	int at_line_start = 1;
	for (size_t i = 0; i < size; i++) {
		if (at_line_start) {
			size_t k = i;
			while (k < size && (data[k] == ' ' || data[k] == '\t')) k++;
			if (size - k >= 4 && (!memcmp(data + k, "shot", 4) || !memcmp(data + k, "dump", 4))) buf_putc(&text, '#');
		}
		buf_putc(&text, (char)data[i]);
		at_line_start = data[i] == '\n';
	}
	static const int sizes[][2] = {{800, 480}, {720, 1280}, {1080, 1920}, {1920, 1080}};
	unsigned sum = 0;
	for (size_t i = 0; i < size; i++) sum += data[i];
	config_t cfg;
	config_defaults(&cfg);
	ui_t *ui = ui_new(script_fz_store, script_fz_fonts, &cfg, sizes[sum % 4][0], sizes[sum % 4][1]);
	char path[32];
	int fd = fuzz_memfile((const uint8_t *)(text.data ? text.data : ""), text.len, path);
	if (fd >= 0) {
		script_env_t env;
		memset(&env, 0, sizeof env);
		env.ui = ui;
		env.fonts = script_fz_fonts;
		env.outdir = "/nonexistent";
		script_run(path, &env);
		close(fd);
	}
	FUZZ_ASSERT(ui_draw(ui) != NULL);
	ui_reset(ui);
	FUZZ_ASSERT(ui_is_pristine(ui));
	FUZZ_ASSERT(!strcmp(ui_screen_name(ui), "attract"));
	ui_free(ui);
	buf_free(&text);
	return 0;
}
