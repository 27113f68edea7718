/* shot — writes a drawn screen to a PNG file (scripted mode, kyr-layout).
 *
 * libpng at fast compression: a 1080x1920 screenshot costs less than
 * drawing it (SDL_image's default compression cost about 14 times the
 * drawing; docs/performance.md). */
#ifndef KYR_SHOT_H
#define KYR_SHOT_H

#include <stddef.h>

typedef struct SDL_Surface SDL_Surface;

/* Writes s (any 32-bit SDL pixel format) to path as 8-bit RGB. Returns 0,
 * or -1 with a reason in err (the file may be left incomplete). */
int shot_save_png(SDL_Surface *s, const char *path, char *err, size_t errlen);

#endif
