/* test_shot — shot_save_png writes PNG files any reader decodes to the very
 * pixels of the surface: each file is taken apart here chunk by chunk (CRCs
 * checked), its zlib stream inflated by libdeflate's decompressor (another
 * implementation than shot.c's encoder) and compared pixel by pixel, for
 * images that exercise every path of the encoder: flat areas, rows equal to
 * the row above, runs longer than one deflate match, noise (literals only),
 * odd and tiny sizes, and surfaces in other pixel formats. */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include <libdeflate.h>
#include <SDL.h>

#include "harness.h"
#include "shot.h"

static char dir[] = "/tmp/kyr-test-shot.XXXXXX";

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Decodes path (8-bit RGB, filter 0 as shot.c writes) into *rgb (w*h*3).
 * 0, or -1 with the reason printed. */
static int decode(const char *path, int *w, int *h, unsigned char **rgb)
{
	FILE *f = fopen(path, "rb");
	if (!f) return -1;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	unsigned char *d = malloc((size_t)n);
	size_t got = fread(d, 1, (size_t)n, f);
	fclose(f);
	unsigned char *z = malloc((size_t)n);
	size_t zn = 0;
	int ok = got == (size_t)n && n > 8 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8), end = 0;
	for (long i = 8; ok && i + 12 <= n && !end; ) {
		uint32_t len = get32(d + i);
		if (i + 12 + (long)len > n) { ok = 0; break; }
		const unsigned char *type = d + i + 4, *data = d + i + 8;
		uint32_t crc = libdeflate_crc32(0, type, 4 + len);
		if (crc != get32(data + len)) { fprintf(stderr, "%s: bad CRC in %.4s\n", path, (const char *)type); ok = 0; }
		if (!memcmp(type, "IHDR", 4)) {
			*w = (int)get32(data);
			*h = (int)get32(data + 4);
			ok = ok && len == 13 && data[8] == 8 && data[9] == 2 && !data[10] && !data[11] && !data[12];
		} else if (!memcmp(type, "IDAT", 4)) {
			memcpy(z + zn, data, len);
			zn += len;
		} else if (!memcmp(type, "IEND", 4)) {
			end = 1;
		}
		i += 12 + (long)len;
	}
	ok = ok && end;
	size_t stride = ok ? (size_t)*w * 3 + 1 : 0, raw_n = stride * (size_t)(ok ? *h : 0), out_n = 0;
	unsigned char *raw = malloc(raw_n + 1);
	struct libdeflate_decompressor *dc = libdeflate_alloc_decompressor();
	if (ok && libdeflate_zlib_decompress(dc, z, zn, raw, raw_n, &out_n) != LIBDEFLATE_SUCCESS) {
		fprintf(stderr, "%s: the zlib stream does not inflate\n", path);
		ok = 0;
	}
	ok = ok && out_n == raw_n;
	*rgb = ok ? malloc(raw_n) : NULL;
	for (int y = 0; ok && y < *h; y++) {
		if (raw[(size_t)y * stride] != 0) { ok = 0; break; }   /* filter "none" */
		memcpy(*rgb + (size_t)y * (stride - 1), raw + (size_t)y * stride + 1, stride - 1);
	}
	libdeflate_free_decompressor(dc);
	free(raw);
	free(z);
	free(d);
	return ok ? 0 : -1;
}

/* Saves s, decodes the file and compares every pixel's RGB. */
static void round_trip(SDL_Surface *s, const char *name)
{
	char path[128], err[160] = "";
	snprintf(path, sizeof path, "%s/%s.png", dir, name);
	CHECKF(shot_save_png(s, path, err, sizeof err) == 0, "%s: %s", name, err);
	int w = 0, h = 0;
	unsigned char *rgb = NULL;
	CHECKF(decode(path, &w, &h, &rgb) == 0, "%s does not decode", name);
	CHECKF(w == s->w && h == s->h, "%s: %dx%d, not %dx%d", name, w, h, s->w, s->h);
	long bad = 0;
	for (int y = 0; rgb && y < h && y < s->h; y++)
		for (int x = 0; x < w && x < s->w; x++) {
			uint32_t p = ((uint32_t *)(void *)((unsigned char *)s->pixels + (size_t)y * (size_t)s->pitch))[x];
			Uint8 r, g, b;
			SDL_GetRGB(p, s->format, &r, &g, &b);
			const unsigned char *q = rgb + ((size_t)y * (size_t)w + (size_t)x) * 3;
			bad += q[0] != r || q[1] != g || q[2] != b;
		}
	CHECKF(bad == 0, "%s: %ld pixels differ", name, bad);
	free(rgb);
}

static uint32_t rnd(uint32_t *seed)
{
	*seed = *seed * 1664525u + 1013904223u;
	return *seed >> 8;
}

/* A screen-like image: flat bands, repeated rows, long runs, noisy "text". */
static void paint(SDL_Surface *s, uint32_t seed)
{
	for (int y = 0; y < s->h; y++)
		for (int x = 0; x < s->w; x++) {
			uint32_t *p = (uint32_t *)(void *)((unsigned char *)s->pixels + (size_t)y * (size_t)s->pitch) + x;
			int band = y / 7 % 4;
			uint32_t c = band == 0 ? 0xf4f1ea : band == 1 ? 0x1a2b3c : band == 2 ? (x / 5 % 2 ? 0xffffff : 0) : rnd(&seed);
			if (band == 2 && y % 7 == 3) c = rnd(&seed) & 0x0f0f0f;   /* a row unlike the one above */
			*p = SDL_MapRGB(s->format, (Uint8)(c >> 16), (Uint8)(c >> 8), (Uint8)c);
		}
}

static void test_sizes(void)
{
	static const int sizes[][2] = {{1, 1}, {2, 3}, {3, 1}, {7, 5}, {97, 61}, {300, 40}, {1080, 24}, {11000, 3}};
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, sizes[i][0], sizes[i][1], 32, SDL_PIXELFORMAT_ARGB8888);
		paint(s, (uint32_t)i + 1);
		char name[32];
		snprintf(name, sizeof name, "argb-%dx%d", s->w, s->h);
		round_trip(s, name);
		SDL_FreeSurface(s);
	}
}

/* A surface left unchanged by saving (it is the kiosk's frame). */
static void test_untouched(void)
{
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
	paint(s, 7);
	size_t n = (size_t)s->pitch * (size_t)s->h;
	unsigned char *copy = malloc(n);
	memcpy(copy, s->pixels, n);
	char path[128], err[160];
	snprintf(path, sizeof path, "%s/untouched.png", dir);
	CHECK(shot_save_png(s, path, err, sizeof err) == 0);
	CHECK(memcmp(copy, s->pixels, n) == 0);
	free(copy);
	SDL_FreeSurface(s);
}

static void test_formats(void)
{
	static const Uint32 formats[] = {SDL_PIXELFORMAT_RGB888, SDL_PIXELFORMAT_ABGR8888, SDL_PIXELFORMAT_RGBA8888};
	for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
		SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 33, 29, 32, formats[i]);
		paint(s, 100 + (uint32_t)i);
		round_trip(s, SDL_GetPixelFormatName(formats[i]));
		SDL_FreeSurface(s);
	}
	SDL_Surface *s16 = SDL_CreateRGBSurfaceWithFormat(0, 4, 4, 16, SDL_PIXELFORMAT_RGB565);
	char path[128], err[160] = "";
	snprintf(path, sizeof path, "%s/rgb565.png", dir);
	CHECK(shot_save_png(s16, path, err, sizeof err) == -1 && err[0]);
	SDL_FreeSurface(s16);
}

static void test_unwritable(void)
{
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 8, 8, 32, SDL_PIXELFORMAT_ARGB8888);
	char err[160] = "";
	CHECK(shot_save_png(s, "/nonexistent-dir/x.png", err, sizeof err) == -1 && strstr(err, "No such file"));
	SDL_FreeSurface(s);
}

int main(void)
{
	if (!mkdtemp(dir)) return 1;
	RUN(test_sizes);
	RUN(test_untouched);
	RUN(test_formats);
	RUN(test_unwritable);
	char cmd[64];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
	return harness_done();
}
