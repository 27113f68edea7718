/* Fuzz target: the kiosk's INI configuration, read through config_load()
 * from a memory file, then each line's "key = value" through config_set()
 * (the command-line path) and config_parse_size(). Whatever is accepted
 * stays in range. */
#include "fuzz.h"
#include "config.h"

static void config_fz_check(const config_t *c)
{
	FUZZ_ASSERT(memchr(c->content, 0, sizeof c->content) && memchr(c->fonts, 0, sizeof c->fonts));
	FUZZ_ASSERT(c->nlanguages >= 0 && c->nlanguages <= CONFIG_MAX_LANGS);
	FUZZ_ASSERT(c->rotation == 0 || c->rotation == 90 || c->rotation == 180 || c->rotation == 270);
	FUZZ_ASSERT(c->idle_seconds > 0 && c->countdown_seconds >= 0);
	FUZZ_ASSERT(c->width >= 0 && c->height >= 0);
}

FUZZ_TARGET(config)
{
	config_t c;
	char err[512], path[32];
	config_defaults(&c);
	int fd = fuzz_memfile(data, size, path);
	if (fd >= 0) {
		config_load(&c, path, 0, err, sizeof err);
		close(fd);
		config_fz_check(&c);
	}
	char *text = fuzz_strndup(data, size);
	config_defaults(&c);
	for (char *ln = strtok(text, "\n"); ln; ln = strtok(NULL, "\n")) {
		char *eq = strchr(ln, '=');
		if (!eq) {
			int w = -1, h = -1;
			if (config_parse_size(ln, &w, &h) == 0) FUZZ_ASSERT(w > 0 && h > 0);
			continue;
		}
		*eq = 0;
		config_set(&c, ln, eq + 1, err, sizeof err);
	}
	config_fz_check(&c);
	free(text);
	return 0;
}
