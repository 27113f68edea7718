/* render — see include/render.h. Rounded corners are drawn from one
 * anti-aliased quarter-circle texture per radius, tinted per colour, so a
 * frame costs a few rectangle fills and copies. */
#include "render.h"
#include "text.h"
#include "util.h"

#include <SDL.h>
#include <malloc.h>
#include <stdlib.h>

#define RENDER_CORNERS 16
/* The text cache holds about one and a half screens of rendered runs, so an
 * article scrolls without re-rendering; 4 to 12 MB. */
#define RENDER_TEXT_CACHE_MIN (4u << 20)
#define RENDER_TEXT_CACHE_MAX (6u << 20)

struct render {
	SDL_Renderer *sdl;
	font_set_t *fonts;
	text_cache_t *text;
	int w, h, rotation;
	SDL_Texture *target;    /* with rotation: the logical frame */
	struct { int radius; SDL_Texture *tex; } corners[RENDER_CORNERS];
	/* The last image (a QR code), kept while the same pixels are drawn. */
	SDL_Texture *img;
	uint32_t img_hash;
	int img_w, img_h;
	unsigned generation, screen;    /* render_follow's last; known once set */
	int generation_known;
};

render_t *render_new(void *renderer, font_set_t *fs, int w, int h, int rotation)
{
	render_t *r = xcalloc(1, sizeof *r);
	r->sdl = renderer;
	r->fonts = fs;
	size_t screen = (size_t)w * (size_t)h * 4 * 3 / 2;
	r->text = text_cache_new(fs, renderer, KYR_MAX(RENDER_TEXT_CACHE_MIN, KYR_MIN(RENDER_TEXT_CACHE_MAX, screen)));
	r->w = w;
	r->h = h;
	r->rotation = rotation;
	if (rotation) {
		r->target = SDL_CreateTexture(r->sdl, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h);
		if (!r->target) kyr_log("cannot rotate the screen: %s", SDL_GetError());
	}
	SDL_SetRenderDrawBlendMode(r->sdl, SDL_BLENDMODE_BLEND);
	return r;
}

void render_free(render_t *r)
{
	if (!r) return;
	text_cache_free(r->text);
	for (int i = 0; i < RENDER_CORNERS; i++)
		if (r->corners[i].tex) SDL_DestroyTexture(r->corners[i].tex);
	if (r->target) SDL_DestroyTexture(r->target);
	if (r->img) SDL_DestroyTexture(r->img);
	free(r);
}

void render_forget(render_t *r)
{
	text_cache_clear(r->text);
	font_set_forget(r->fonts);
	kyr_release_file_pages("libicudata.so");
	malloc_trim(0);
}

void render_follow(render_t *r, unsigned generation, unsigned screen)
{
	if (r->generation_known && r->generation != generation)
		render_forget(r);
	else if (r->generation_known && r->screen != screen)
		font_set_trim(r->fonts);
	r->generation = generation;
	r->screen = screen;
	r->generation_known = 1;
}

/* A white disc of the given radius with 4x4 supersampled edges. */
static SDL_Texture *corner_tex(render_t *r, int radius)
{
	int slot = -1;
	for (int i = 0; i < RENDER_CORNERS; i++) {
		if (r->corners[i].radius == radius && r->corners[i].tex) return r->corners[i].tex;
		if (!r->corners[i].tex && slot < 0) slot = i;
	}
	if (slot < 0) {
		slot = 0;
		SDL_DestroyTexture(r->corners[0].tex);
	}
	int d = radius * 2;
	Uint32 *px = xmalloc((size_t)d * (size_t)d * 4);
	float rr = (float)radius * (float)radius;
	for (int y = 0; y < d; y++)
		for (int x = 0; x < d; x++) {
			int in = 0;
			for (int sy = 0; sy < 4; sy++)
				for (int sx = 0; sx < 4; sx++) {
					float fx = (float)x + ((float)sx + 0.5f) / 4 - (float)radius;
					float fy = (float)y + ((float)sy + 0.5f) / 4 - (float)radius;
					in += fx * fx + fy * fy <= rr;
				}
			px[y * d + x] = ((Uint32)(in * 255 / 16) << 24) | 0xFFFFFF;
		}
	SDL_Texture *t = SDL_CreateTexture(r->sdl, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, d, d);
	if (t) {
		SDL_UpdateTexture(t, NULL, px, d * 4);
		SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
	}
	free(px);
	r->corners[slot].radius = radius;
	r->corners[slot].tex = t;
	return t;
}

static void fill(render_t *r, int x, int y, int w, int h)
{
	if (w <= 0 || h <= 0) return;
	SDL_Rect q = {x, y, w, h};
	SDL_RenderFillRect(r->sdl, &q);
}

/* Opaque colours need no blending: SDL's software renderer then fills with
 * its fast SDL_FillRect instead of blending every pixel. */
static void draw_color(render_t *r, color_t c)
{
	SDL_SetRenderDrawBlendMode(r->sdl, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
	SDL_SetRenderDrawColor(r->sdl, c.r, c.g, c.b, c.a);
}

static void rect(render_t *r, rect_t q, color_t c, int radius)
{
	draw_color(r, c);
	radius = KYR_MIN(radius, KYR_MIN(q.w, q.h) / 2);
	SDL_Texture *t = radius > 1 ? corner_tex(r, radius) : NULL;
	if (!t) {
		fill(r, q.x, q.y, q.w, q.h);
		return;
	}
	int R = radius;
	fill(r, q.x + R, q.y, q.w - 2 * R, q.h);
	fill(r, q.x, q.y + R, R, q.h - 2 * R);
	fill(r, q.x + q.w - R, q.y + R, R, q.h - 2 * R);
	SDL_SetTextureColorMod(t, c.r, c.g, c.b);
	SDL_SetTextureAlphaMod(t, c.a);
	for (int k = 0; k < 4; k++) {
		int sx = (k & 1) ? R : 0, sy = (k & 2) ? R : 0;
		SDL_Rect src = {sx, sy, R, R};
		SDL_Rect dst = {(k & 1) ? q.x + q.w - R : q.x, (k & 2) ? q.y + q.h - R : q.y, R, R};
		SDL_RenderCopy(r->sdl, t, &src, &dst);
	}
}

static void frame(render_t *r, rect_t q, color_t c, int width)
{
	draw_color(r, c);
	fill(r, q.x, q.y, q.w, width);
	fill(r, q.x, q.y + q.h - width, q.w, width);
	fill(r, q.x, q.y, width, q.h);
	fill(r, q.x + q.w - width, q.y, width, q.h);
}

static void image(render_t *r, const draw_item_t *it)
{
	uint32_t h = hash_bytes(HASH_INIT, it->pixels, (size_t)it->img_w * (size_t)it->img_h * 4);
	if (!r->img || h != r->img_hash || it->img_w != r->img_w || it->img_h != r->img_h) {
		if (r->img) SDL_DestroyTexture(r->img);
		r->img = SDL_CreateTexture(r->sdl, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, it->img_w, it->img_h);
		if (!r->img) return;
		SDL_UpdateTexture(r->img, NULL, it->pixels, it->img_w * 4);
		r->img_hash = h;
		r->img_w = it->img_w;
		r->img_h = it->img_h;
	}
	SDL_Rect dst = {it->r.x, it->r.y, it->r.w, it->r.h};
	SDL_RenderCopy(r->sdl, r->img, NULL, &dst);
}

void render_frame(render_t *r, const draw_list_t *dl)
{
	if (r->target) SDL_SetRenderTarget(r->sdl, r->target);
	SDL_RenderSetClipRect(r->sdl, NULL);
	for (size_t i = 0; i < dl->n; i++) {
		const draw_item_t *it = &dl->items[i];
		switch (it->kind) {
		case DRAW_RECT: rect(r, it->r, it->color, it->radius); break;
		case DRAW_FRAME: frame(r, it->r, it->color, it->radius); break;
		case DRAW_TEXT: text_draw(r->text, it->layout, it->r.x, it->r.y, it->color, it->color2); break;
		case DRAW_ICON: text_draw_icon(r->text, it->icon, it->r, it->px, it->color, it->rtl); break;
		case DRAW_IMAGE: image(r, it); break;
		case DRAW_CLIP: {
			SDL_Rect c = {it->r.x, it->r.y, it->r.w, it->r.h};
			SDL_RenderSetClipRect(r->sdl, it->r.w > 0 ? &c : NULL);
			break;
		}
		default: break;
		}
	}
	SDL_RenderSetClipRect(r->sdl, NULL);
	if (r->target) {
		SDL_SetRenderTarget(r->sdl, NULL);
		int ow, oh;
		SDL_GetRendererOutputSize(r->sdl, &ow, &oh);
		/* Copy the logical frame centred, turned clockwise. */
		SDL_Rect dst = {(ow - r->w) / 2, (oh - r->h) / 2, r->w, r->h};
		SDL_RenderCopyEx(r->sdl, r->target, NULL, &dst, r->rotation, NULL, SDL_FLIP_NONE);
	}
}
