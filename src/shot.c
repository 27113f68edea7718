/* shot — PNG screenshots, written by a small purpose-made deflate encoder.
 *
 * A screen is mostly flat colour and rows that repeat the row above; text is
 * the rest. General compressors (zlib through libpng, libdeflate) look at
 * every byte through a hash table and cost 4 to 14 times more than drawing
 * the screen did (docs/performance.md). This encoder looks for only two
 * matches, with the previous pixel (distance 3) and with the row above
 * (distance of one PNG row), compares eight bytes at a time and writes one
 * fixed-Huffman deflate block (RFC 1951 3.2.6), so a flat stretch of 86
 * pixels costs one length and one distance code. Everything else is a
 * literal. Files are 1.5 to 3 times larger than zlib's at level 9 and decode
 * with any PNG reader. libdeflate provides the vectorised checksums.
 *
 * Rows are converted and encoded one at a time: two rows of memory and a
 * 64 KB output buffer, flushed as IDAT chunks. Start at shot_save_png(). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>
#include <SDL.h>

#include "shot.h"
#include "util.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "shot.c reads pixels and compares bytes as little-endian words (x86-64, arm64, armhf)"
#endif

#define SHOT_IDAT_BYTES (64u << 10)   /* compressed bytes per IDAT chunk */
#define SHOT_MAX_MATCH 258
#define SHOT_MAX_DIST 32768

typedef struct {
	FILE *f;
	uint64_t acc;             /* bits not yet written, lowest first */
	int nacc;
	unsigned char *out;       /* SHOT_IDAT_BYTES + 16 */
	size_t nout;
	int err;
	uint16_t lit_code[288];   /* fixed Huffman codes, bit-reversed for LSB-first output */
	uint8_t lit_len[288];
	uint16_t len_sym[SHOT_MAX_MATCH + 1];   /* match length -> symbol 257..285 */
	uint8_t len_extra_bits[SHOT_MAX_MATCH + 1];
	uint16_t len_extra[SHOT_MAX_MATCH + 1];
} enc_t;

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* Writes one chunk: length, type, data, CRC of type and data. */
static void chunk(enc_t *e, const char *type, const void *data, size_t len)
{
	unsigned char head[8], crc[4];
	put32(head, (uint32_t)len);
	memcpy(head + 4, type, 4);
	uint32_t c = libdeflate_crc32(0, head + 4, 4);
	put32(crc, len ? libdeflate_crc32(c, data, len) : c);
	if (fwrite(head, 1, 8, e->f) != 8 || (len && fwrite(data, 1, len, e->f) != len) || fwrite(crc, 1, 4, e->f) != 4)
		e->err = 1;
}

static unsigned reverse(unsigned code, int len)
{
	unsigned r = 0;
	for (int i = 0; i < len; i++, code >>= 1) r = r << 1 | (code & 1);
	return r;
}

static void enc_tables(enc_t *e)
{
	static const uint16_t base[29] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83,
	                                  99, 115, 131, 163, 195, 227, 258};
	for (unsigned s = 0; s < 288; s++) {
		unsigned code = s < 144 ? 0x30 + s : s < 256 ? 0x190 + s - 144 : s < 280 ? s - 256 : 0xc0 + s - 280;
		int len = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
		e->lit_code[s] = (uint16_t)reverse(code, len);
		e->lit_len[s] = (uint8_t)len;
	}
	for (int i = 0; i < 29; i++) {
		int extra = i < 8 || i == 28 ? 0 : (i - 4) / 4;
		int end = i == 28 ? 259 : base[i] + (1 << extra);
		for (int l = base[i]; l < end && l <= SHOT_MAX_MATCH; l++) {
			e->len_sym[l] = (uint16_t)(257 + i);
			e->len_extra_bits[l] = (uint8_t)extra;
			e->len_extra[l] = (uint16_t)(l - base[i]);
		}
	}
}

/* Appends n bits (n <= 32 with fewer than 32 waiting); whole bytes go to
 * the output buffer, a full buffer to an IDAT chunk. */
static inline void bits(enc_t *e, uint32_t v, int n)
{
	e->acc |= (uint64_t)v << e->nacc;
	e->nacc += n;
	if (e->nacc < 32) return;
	for (int i = 0; i < 4; i++) e->out[e->nout++] = (unsigned char)(e->acc >> (8 * i));
	e->acc >>= 32;
	e->nacc -= 32;
	if (e->nout >= SHOT_IDAT_BYTES) {
		chunk(e, "IDAT", e->out, e->nout);
		e->nout = 0;
	}
}

static inline void literal(enc_t *e, unsigned char c)
{
	bits(e, e->lit_code[c], e->lit_len[c]);
}

/* A match of len bytes (3 or more) at a distance whose code and extra bits
 * the caller worked out (dist_bits: reversed 5-bit code, then the extra). */
static void match(enc_t *e, int len, uint32_t dist_bits, int dist_nbits)
{
	while (len > 0) {
		/* Pieces of at most 258; never leave a remainder of 1 or 2. */
		int n = len <= SHOT_MAX_MATCH ? len : len - SHOT_MAX_MATCH < 3 ? len - 3 : SHOT_MAX_MATCH;
		unsigned s = e->len_sym[n];
		bits(e, e->lit_code[s], e->lit_len[s]);
		if (e->len_extra_bits[n]) bits(e, e->len_extra[n], e->len_extra_bits[n]);
		bits(e, dist_bits, dist_nbits);
		len -= n;
	}
}

/* dist's code (RFC 1951 3.2.5) as bits ready for bits(). */
static int dist_code(unsigned dist, uint32_t *v)
{
	unsigned code = 0, base = 1, extra = 0;
	while (base + (1u << extra) <= dist) {
		base += 1u << extra;
		code++;
		extra = code < 4 ? 0 : (code - 2) / 2;
	}
	*v = reverse(code, 5) | (dist - base) << 5;
	return 5 + (int)extra;
}

/* How many bytes from a[0] and b[0] on, up to n, are equal: eight at a time. */
static inline int same(const unsigned char *a, const unsigned char *b, int n)
{
	int i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x, y;
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y) return i + __builtin_ctzll(x ^ y) / 8;   /* little-endian */
	}
	while (i < n && a[i] == b[i]) i++;
	return i;
}

/* Encodes one PNG row (filter byte and RGB, n bytes) given the previous
 * one (NULL for the first): the longer of a run (the pixel before) and a
 * copy of the row above, else a literal. */
static void encode_row(enc_t *e, const unsigned char *row, const unsigned char *above, int n,
                       uint32_t up_bits, int up_nbits, uint32_t run_bits, int run_nbits)
{
	for (int i = 0; i < n;) {
		int up = above ? same(row + i, above + i, n - i) : 0;
		int run = i >= 3 ? same(row + i, row + i - 3, n - i) : 0;
		if (up >= 3 && up >= run) {
			match(e, up, up_bits, up_nbits);
			i += up;
		} else if (run >= 3) {
			match(e, run, run_bits, run_nbits);
			i += run;
		} else {
			literal(e, row[i++]);
		}
	}
}

/* The pixels of row y as a PNG row: filter 0 ("none"), then RGB. Each
 * pixel is stored as four bytes R, G, B, 0 whose last the next pixel
 * overwrites: out has a byte to spare after the row. */
static void convert_row(const SDL_Surface *s, int y, unsigned char *out)
{
	const uint32_t *px = (const uint32_t *)(const void *)((const unsigned char *)s->pixels + (size_t)y * (size_t)s->pitch);
	out[0] = 0;
	for (int x = 0; x < s->w; x++) {
		uint32_t rgb = __builtin_bswap32(px[x]) >> 8;   /* 0xAARRGGBB -> bytes R, G, B, 0 (little-endian) */
		memcpy(out + 1 + 3 * x, &rgb, 4);
	}
}

static void write_png(enc_t *e, const SDL_Surface *s)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	unsigned char ihdr[13];
	put32(ihdr, (uint32_t)s->w);
	put32(ihdr + 4, (uint32_t)s->h);
	ihdr[8] = 8;    /* bits per sample */
	ihdr[9] = 2;    /* RGB */
	ihdr[10] = ihdr[11] = ihdr[12] = 0;   /* deflate, adaptive filtering, no interlace */
	if (fwrite(sig, 1, 8, e->f) != 8) e->err = 1;
	chunk(e, "IHDR", ihdr, 13);

	int n = 3 * s->w + 1;
	size_t stride = (size_t)n + 4;   /* convert_row's spare byte */
	unsigned char *rows = xmalloc(2 * stride);
	uint32_t up_bits = 0, run_bits;
	int up_nbits = n <= SHOT_MAX_DIST ? dist_code((unsigned)n, &up_bits) : 0;
	int run_nbits = dist_code(3, &run_bits);
	uint32_t adler = 1;
	e->out[e->nout++] = 0x78;   /* zlib: deflate, 32 KB window */
	e->out[e->nout++] = 0x01;   /* fastest; header checksum */
	bits(e, 1, 1);              /* the final block */
	bits(e, 1, 2);              /* fixed Huffman codes */
	for (int y = 0; y < s->h; y++) {
		unsigned char *row = rows + (size_t)(y & 1) * stride, *above = rows + (size_t)(~y & 1) * stride;
		const unsigned char *px = (const unsigned char *)s->pixels + (size_t)y * (size_t)s->pitch;
		/* A third of a screen's rows repeat the one above: one match. */
		if (y && up_nbits && !memcmp(px, px - s->pitch, (size_t)s->w * 4)) {
			memcpy(row, above, (size_t)n);
			match(e, n, up_bits, up_nbits);
		} else {
			convert_row(s, y, row);
			encode_row(e, row, y && up_nbits ? above : NULL, n, up_bits, up_nbits, run_bits, run_nbits);
		}
		adler = libdeflate_adler32(adler, row, (size_t)n);
	}
	free(rows);
	bits(e, e->lit_code[256], e->lit_len[256]);   /* end of block */
	for (; e->nacc > 0; e->nacc -= 8, e->acc >>= 8)   /* the last bits, padded to a byte */
		e->out[e->nout++] = (unsigned char)e->acc;
	put32(e->out + e->nout, adler);
	e->nout += 4;
	chunk(e, "IDAT", e->out, e->nout);
	chunk(e, "IEND", NULL, 0);
}

int shot_save_png(SDL_Surface *s, const char *path, char *err, size_t errlen)
{
	if (!s || s->format->BytesPerPixel != 4 || s->w <= 0 || s->h <= 0 || s->w > (1 << 20) || s->h > (1 << 20)) {
		snprintf(err, errlen, "not a 32-bit surface");
		return -1;
	}
	/* Another pixel layout: an ARGB copy (the kiosk's own surfaces are ARGB). */
	SDL_Surface *own = NULL;
	if (s->format->format != SDL_PIXELFORMAT_ARGB8888 && s->format->format != SDL_PIXELFORMAT_RGB888) {
		own = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
		if (!own) {
			snprintf(err, errlen, "cannot convert the image: %s", SDL_GetError());
			return -1;
		}
	}
	enc_t *e = xcalloc(1, sizeof *e);
	e->f = fopen(path, "wb");
	if (!e->f) {
		snprintf(err, errlen, "%s", strerror(errno));
		free(e);
		SDL_FreeSurface(own);
		return -1;
	}
	e->out = xmalloc(SHOT_IDAT_BYTES + 16);
	enc_tables(e);
	SDL_LockSurface(own ? own : s);
	write_png(e, own ? own : s);
	SDL_UnlockSurface(own ? own : s);
	SDL_FreeSurface(own);
	int rc = e->err ? -1 : 0;
	if (rc) snprintf(err, errlen, "%s", strerror(errno));
	if (fclose(e->f) != 0 && rc == 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		rc = -1;
	}
	free(e->out);
	free(e);
	return rc;
}
