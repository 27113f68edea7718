/* real_content — opens the real content (BUILD/content.db) and fonts
 * (BUILD/fonts) for the tests that drive the kiosk's screens on them
 * (test_ui, test_search). */
#ifndef KYR_REAL_CONTENT_H
#define KYR_REAL_CONTENT_H

#include "harness.h"
#include "store.h"
#include "text.h"

#include <SDL_ttf.h>
#include <stdlib.h>

/* 0, or -1 after recording the failure (the test then stops). */
static inline int real_content_open(store_t **st, font_set_t **fs)
{
	const char *build = getenv("BUILD") ? getenv("BUILD") : "build";
	char path[512], err[512];
	snprintf(path, sizeof path, "%s/content.db", build);
	*st = store_open(path, err, sizeof err);
	if (!*st) { fprintf(stderr, "%s\n", err); CHECK(*st != NULL); return -1; }
	snprintf(path, sizeof path, "%s/fonts", build);
	if (TTF_Init()) { CHECKF(0, "TTF_Init: %s", TTF_GetError()); return -1; }
	*fs = font_set_open(path, err, sizeof err);
	if (!*fs) { fprintf(stderr, "%s\n", err); CHECK(*fs != NULL); return -1; }
	return 0;
}

#endif
