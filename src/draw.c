/* draw — the draw list helpers: plain data in, plain data out, no SDL.
 * The UI fills a draw_list_t; render.c replays it; tests and the scripted
 * mode read it. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "util.h"

void draw_clear(draw_list_t *dl)
{
	dl->n = 0;
}

void draw_free(draw_list_t *dl)
{
	free(dl->items);
	dl->items = NULL;
	dl->n = dl->cap = 0;
}

/* Returns a zeroed item at the end of the list; valid until the next push. */
draw_item_t *draw_push(draw_list_t *dl, int kind, rect_t r)
{
	if (dl->n == dl->cap) {
		dl->cap = dl->cap ? dl->cap * 2 : 64;
		dl->items = xrealloc(dl->items, dl->cap * sizeof *dl->items);
	}
	assert(dl->n < dl->cap);
	draw_item_t *it = &dl->items[dl->n++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->r = r;
	return it;
}

void draw_rect(draw_list_t *dl, rect_t r, color_t c, int radius)
{
	draw_item_t *it = draw_push(dl, DRAW_RECT, r);
	it->color = c;
	it->radius = radius;
}

/* DRAW_FRAME keeps the line width in `radius` (see draw.h) and the corner
 * radius in img_w, the one other int a frame does not use. */
void draw_frame(draw_list_t *dl, rect_t r, color_t c, int width, int radius)
{
	draw_item_t *it = draw_push(dl, DRAW_FRAME, r);
	it->color = c;
	it->radius = width;
	it->img_w = radius;
}

/* Ids are short stable names: one that would be cut is a bug (kyr-build
 * refuses content whose slugs would make one). */
void draw_target(draw_list_t *dl, rect_t r, const char *id)
{
	assert(id && strlen(id) < DRAW_ID_MAX);
	draw_item_t *it = draw_push(dl, DRAW_TARGET, r);
	memcpy(it->id, id, strlen(id) + 1);
}

void draw_clip(draw_list_t *dl, rect_t r)
{
	draw_push(dl, DRAW_CLIP, r);
}

static int contains(rect_t r, int x, int y)
{
	return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

/* Later items are on top, so search from the end. A target outside the clip
 * rectangle in force when it was pushed cannot be tapped there. */
const draw_item_t *draw_hit(const draw_list_t *dl, int x, int y)
{
	rect_t clip = { 0, 0, 0, 0 };
	const draw_item_t *hit = NULL;
	for (size_t i = 0; i < dl->n; i++) {
		const draw_item_t *it = &dl->items[i];
		if (it->kind == DRAW_CLIP)
			clip = it->r;
		else if (it->kind == DRAW_TARGET && contains(it->r, x, y) &&
		         (clip.w <= 0 || contains(clip, x, y)))
			hit = it;
	}
	return hit;
}

const draw_item_t *draw_find(const draw_list_t *dl, const char *id)
{
	for (size_t i = 0; i < dl->n; i++)
		if (dl->items[i].kind == DRAW_TARGET && strcmp(dl->items[i].id, id) == 0)
			return &dl->items[i];
	return NULL;
}
