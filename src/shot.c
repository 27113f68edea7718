/* shot — PNG screenshots with libpng at fast compression.
 *
 * zlib's run-length strategy at level 1 with the "sub" row filter: screens
 * are large flat areas and text, which the filter turns into runs of zeros
 * that RLE packs well, at a small fraction of the default's time. Rows are converted to RGB one at a
 * time, so memory stays at one row whatever the screen size. */
#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <png.h>
#include <zlib.h>
#include <SDL.h>

#include "shot.h"
#include "util.h"

int shot_save_png(SDL_Surface *s, const char *path, char *err, size_t errlen)
{
	FILE *volatile f = NULL;   /* volatile: kept across longjmp (gcc 14 on trixie checks) */
	png_structp png = NULL;
	png_infop info = NULL;
	unsigned char *volatile row = NULL;
	volatile int rc = -1;
	if (!s || s->format->BytesPerPixel != 4) {
		snprintf(err, errlen, "not a 32-bit surface");
		return -1;
	}
	f = fopen(path, "wb");
	if (!f) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = png ? png_create_info_struct(png) : NULL;
	if (!info) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	if (setjmp(png_jmpbuf(png))) {
		snprintf(err, errlen, "libpng could not write the file");
		goto fail;
	}
	png_init_io(png, f);
	png_set_compression_level(png, 1);
	png_set_compression_strategy(png, Z_RLE);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
	png_set_IHDR(png, info, (png_uint_32)s->w, (png_uint_32)s->h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
	             PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	row = xmalloc((size_t)s->w * 3);
	SDL_LockSurface(s);
	for (int y = 0; y < s->h; y++) {
		const Uint32 *px = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch);
		if (s->format->format == SDL_PIXELFORMAT_ARGB8888 || s->format->format == SDL_PIXELFORMAT_RGB888)
			for (int x = 0; x < s->w; x++) {   /* the kiosk's own surfaces */
				row[3 * x] = (unsigned char)(px[x] >> 16);
				row[3 * x + 1] = (unsigned char)(px[x] >> 8);
				row[3 * x + 2] = (unsigned char)px[x];
			}
		else
			for (int x = 0; x < s->w; x++)
				SDL_GetRGB(px[x], s->format, &row[3 * x], &row[3 * x + 1], &row[3 * x + 2]);
		png_write_row(png, row);
	}
	SDL_UnlockSurface(s);
	png_write_end(png, NULL);
	rc = 0;
fail:
	png_destroy_write_struct(&png, &info);
	free(row);
	if (fclose(f) != 0 && rc == 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		rc = -1;
	}
	return rc;
}
