/* fixture — the real content and fonts of the build (build/content.db,
 * build/fonts, or $BUILD's) for the UI tests. */
#ifndef KYR_FIXTURE_H
#define KYR_FIXTURE_H

#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include "font.h"
#include "store.h"
#include "ui.h"

/* Opens both; 0, or -1 after printing why (close what was opened with
 * fixture_close). */
static inline int fixture_open(store_t **st, font_set_t **fs)
{
	const char *build = getenv("BUILD") ? getenv("BUILD") : "build";
	char path[512], err[512];
	*fs = NULL;
	snprintf(path, sizeof path, "%s/content.db", build);
	*st = store_open(path, err, sizeof err);
	if (!*st) { fprintf(stderr, "%s\n", err); return -1; }
	snprintf(path, sizeof path, "%s/fonts", build);
	if (TTF_Init()) { fprintf(stderr, "TTF_Init: %s\n", TTF_GetError()); return -1; }
	*fs = font_set_open(path, err, sizeof err);
	if (!*fs) { fprintf(stderr, "%s\n", err); return -1; }
	return 0;
}

static inline void fixture_close(store_t *st, font_set_t *fs)
{
	if (fs) font_set_close(fs);
	if (st) store_close(st);
	TTF_Quit();
}

/* Shows the current screen from its top to its bottom, a wheel step at a
 * time, calling see(draw list, arg) at each position until nothing moves. */
static inline void fixture_scroll(ui_t *ui, uint32_t now, void (*see)(const draw_list_t *, void *), void *arg)
{
	input_event_t home = {IN_KEY, 0, 0, KEY_HOME, 0, "", 0}, wheel = {IN_WHEEL, 10, 200, 0, 2, "", 0};
	ui_input(ui, &home, now);
	unsigned long last = (unsigned long)-1;
	for (int step = 0; step < 100; step++) {
		const draw_list_t *dl = ui_draw(ui);
		unsigned long sig = 0;
		for (size_t i = 0; i < dl->n; i++)
			if (dl->items[i].kind == DRAW_TEXT) sig = sig * 31 + dl->items[i].r.y;
		see(dl, arg);
		if (sig == last) break;   /* the end of the page: nothing moved */
		last = sig;
		ui_input(ui, &wheel, now);
	}
}

#endif
