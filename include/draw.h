/* draw — the draw list: what the UI wants on screen, as plain data.
 *
 * The UI rebuilds a draw list whenever its state changes; the renderer only
 * replays it (render.c), the scripted mode dumps it as JSON lines, and tests
 * read it without a window. Items are drawn in order. Hit targets are not
 * drawn: they are the tappable areas, each with a stable id ("topic:01-door"). */
#ifndef KYR_DRAW_H
#define KYR_DRAW_H

#include <stddef.h>
#include <stdint.h>

/* Room for a target's id, NUL included: a prefix ("topic:") and a name
 * of up to STORE_ID_MAX bytes fit. */
#define DRAW_ID_MAX 80

typedef struct { int x, y, w, h; } rect_t;
typedef struct { uint8_t r, g, b, a; } color_t;

struct text_layout;

enum draw_kind {
	DRAW_RECT = 1,      /* filled rectangle, optional rounded corners */
	DRAW_FRAME,         /* rectangle outline, `radius` = line width, img_w = corner radius */
	DRAW_TEXT,          /* one laid-out paragraph (see text.h) */
	DRAW_ICON,          /* one Material Icons glyph */
	DRAW_IMAGE,         /* an RGBA pixel buffer (QR codes) */
	DRAW_TARGET,        /* a hit target; not drawn */
	DRAW_CLIP,          /* sets the clip rectangle for what follows (w=0: none) */
};

typedef struct {
	int kind;
	rect_t r;
	color_t color;
	color_t color2;     /* TEXT: colour of marked spans (phones, links) */
	int radius;
	/* DRAW_TEXT */
	const struct text_layout *layout;   /* owned by the UI's layout cache */
	const char *text;   /* the paragraph (points into the layout's copy) */
	const char *lang;
	int rtl, px;
	/* DRAW_ICON: code point, size in px; DRAW_IMAGE: pixels (w*h RGBA) */
	uint32_t icon;
	const uint32_t *pixels;
	int img_w, img_h;
	/* DRAW_TARGET */
	char id[DRAW_ID_MAX];
	int passive;        /* a marker nothing activates (the QR code): not a control */
	int icon_only;      /* a control whose words did not fit: drawn as its icon alone */
} draw_item_t;

typedef struct {
	draw_item_t *items;
	size_t n, cap;
} draw_list_t;

void draw_clear(draw_list_t *dl);
void draw_free(draw_list_t *dl);
draw_item_t *draw_push(draw_list_t *dl, int kind, rect_t r);
void draw_rect(draw_list_t *dl, rect_t r, color_t c, int radius);
void draw_frame(draw_list_t *dl, rect_t r, color_t c, int width, int radius);
/* A hit target; id must be shorter than DRAW_ID_MAX (asserted). */
void draw_target(draw_list_t *dl, rect_t r, const char *id);
void draw_clip(draw_list_t *dl, rect_t r);
/* Finds the topmost target containing (x, y), or NULL. */
const draw_item_t *draw_hit(const draw_list_t *dl, int x, int y);
/* Finds the target with this id, or NULL. */
const draw_item_t *draw_find(const draw_list_t *dl, const char *id);

#endif
