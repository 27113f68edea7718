/* Fuzz target: text_layout(), the entry point of the text engine, with the
 * fake fixed-width font set and with the real fonts of build/fonts (ICU
 * BiDi, scripts and line breaks; HarfBuzz shaping through SDL2_ttf).
 * Input: an 8-byte header, then the paragraph (any bytes):
 *   0: direction (% 3), centring (bit 2), base flags (bits 3-6)
 *   1: px = 4 + byte % 120      2-3: width, int16 little-endian (may be <= 0)
 *   4: language (index into a table)    5: number of spans (% 8)
 *   6-7: seed for the spans' byte ranges (anywhere, even inside a character)
 * Every run must lie inside the paragraph and on a line that exists. */
#include "fuzz.h"
#include "font.h"
#include "text.h"
#include "util.h"

#include <SDL_ttf.h>

static font_set_t *text_fz_fake, *text_fz_real;
static int text_fz_tried;

static void text_fz_check(const text_layout_t *l, size_t len)
{
	FUZZ_ASSERT(l && l->len == len && l->nruns >= 0 && l->nlines >= 0);
	FUZZ_ASSERT(l->width >= 0 && l->height >= 0);
	for (int i = 0; i < l->nruns; i++) {
		const text_run_t *r = &l->runs[i];
		FUZZ_ASSERT(r->start <= r->end && r->end <= len);
		FUZZ_ASSERT(r->line >= 0 && r->line < l->nlines);
		FUZZ_ASSERT(r->w >= 0 && r->face >= 0);
	}
}

FUZZ_TARGET(text)
{
	if (!text_fz_fake) text_fz_fake = font_set_fake(9);
	if (!text_fz_tried) {
		text_fz_tried = 1;
		char err[512], *dir = xasprintf("%s/fonts", fuzz_build_dir());
		if (TTF_Init() == 0) text_fz_real = font_set_open(dir, err, sizeof err);
		if (!text_fz_real) fprintf(stderr, "fuzz_text: real fonts not used: %s\n", dir);
		free(dir);
	}
	if (size < 8 || size > 8 + 4096) return 0;
	static const char *const langs[] = {"en", "es", "ar", "prs", "zh-Hans", "zh-Hant", "ja", "ko",
	                                    "hi", "am", "th", "vi", "ru", "he", "my", "", "x-bad"};
	text_opts_t o;
	memset(&o, 0, sizeof o);
	o.dir = data[0] % 3;
	o.align_center = (data[0] >> 2) & 1;
	o.flags = (data[0] >> 3) & 15;
	o.px = 4 + data[1] % 120;
	o.width = (int16_t)(uint16_t)(data[2] | data[3] << 8);
	o.lang = langs[data[4] % KYR_ARRAY_LEN(langs)];
	const char *text = (const char *)data + 8;
	size_t len = size - 8;
	text_span_t spans[8];
	size_t nspans = data[5] % 8;
	unsigned seed = (unsigned)(data[6] | data[7] << 8) * 2654435761u, pos = 0;
	for (size_t i = 0; i < nspans; i++) {
		seed = seed * 1103515245u + 12345u;
		size_t a = len ? pos + (seed >> 8) % (len + 1 - pos) : 0;
		seed = seed * 1103515245u + 12345u;
		size_t b = len ? a + (seed >> 8) % (len + 1 - a) : 0;
		spans[i] = (text_span_t){a, b, 1 << (seed % 4)};
		pos = (unsigned)a;
	}
	o.spans = nspans ? spans : NULL;
	o.nspans = nspans;
	text_layout_t *l = text_layout(text_fz_fake, text, len, &o);
	text_fz_check(l, len);
	text_layout_free(l);
	if (text_fz_real) {
		l = text_layout(text_fz_real, text, len, &o);
		text_fz_check(l, len);
		text_layout_free(l);
		if (len < 256) {
			char *s = fuzz_strndup((const uint8_t *)text, len);
			FUZZ_ASSERT(text_width(text_fz_real, s, o.lang, o.px, o.flags) >= 0);
			free(s);
		}
	}
	return 0;
}
