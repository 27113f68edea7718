/* shot — writes a drawn screen to a PNG file (scripted mode, kyr-layout).
 *
 * A purpose-made encoder (src/shot.c): a 1080x1920 screenshot costs less
 * than drawing it (libpng and zlib cost about 4 times the drawing, SDL_image's
 * default about 16 times; docs/performance.md). */
#ifndef KYR_SHOT_H
#define KYR_SHOT_H

#include <stddef.h>

typedef struct SDL_Surface SDL_Surface;

/* Writes s (any 32-bit SDL pixel format; s is not changed) to path as 8-bit
 * RGB. Returns 0, or -1 with a reason in err (the file may be left incomplete). */
int shot_save_png(SDL_Surface *s, const char *path, char *err, size_t errlen);

#endif
