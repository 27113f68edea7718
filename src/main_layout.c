/* kyr-layout — lays out text from standard input with the kiosk's own text
 * engine and prints every run as a JSON line; --png also draws it.
 * For debugging layouts and for the images in docs/. See --help. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include "shot.h"
#include <SDL_ttf.h>

#include "text.h"
#include "util.h"

#define PNG_MARGIN 16
#define PNG_GAP 12

static const char usage[] =
	"usage: kyr-layout [options] < text.txt\n"
	"Lays out each input line as one paragraph and prints one JSON line per\n"
	"run, in visual order:\n"
	"  {\"para\":N,\"line\":N,\"x\":..,\"y\":..,\"w\":..,\"h\":..,\"start\":B,\"end\":B,\n"
	"   \"dir\":\"ltr\"|\"rtl\",\"level\":N,\"script\":\"Arab\",\"font\":\"fonts/FILE\",\n"
	"   \"face\":N,\"text\":\"..\"}\n"
	"start/end are byte offsets into the whole input; x is from the left edge\n"
	"of a box --width wide, y from the top of the paragraph; face is the face\n"
	"index inside a font collection (.ttc).\n"
	"options:\n"
	"  --width PX     wrap at PX (default: unlimited)\n"
	"  --lang CODE    BCP 47 language: line-break rules and Han faces (default en)\n"
	"  --dir D        ltr, rtl or auto (default: rtl for RTL languages, else auto)\n"
	"  --size PX      font size in px (default 24)\n"
	"  --bold         bold text\n"
	"  --center       centre lines\n"
	"  --fonts DIR    font directory with fonts.list (default build/fonts)\n"
	"  --fake ADV     use the fixed-width fake fonts (ADV px per character)\n"
	"  --png FILE     also draw the paragraphs into FILE (white, dark text,\n"
	"                 each paragraph's box outlined)\n"
	"  --help         this text\n";

typedef struct {
	int width, px, bold, center, fake, dir;
	const char *lang, *fonts, *png;
} opts_t;

static int rtl_language(const char *lang)
{
	static const char *const rtl[] = { "ar", "fa", "prs", "ps", "ur", "he", "yi", "ckb", "sd", "ug", "dv" };
	size_t n;
	for (size_t i = 0; i < KYR_ARRAY_LEN(rtl); i++) {
		n = strlen(rtl[i]);
		if (strncmp(lang, rtl[i], n) == 0 && (lang[n] == '\0' || lang[n] == '-'))
			return 1;
	}
	return 0;
}

static int parse_args(int argc, char **argv, opts_t *o)
{
	const char *dir = NULL;
	*o = (opts_t){ .px = 24, .lang = "en", .fonts = "build/fonts" };
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		int takes = 1;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage, stdout);
			exit(0);
		} else if (strcmp(a, "--bold") == 0) {
			o->bold = 1;
			takes = 0;
		} else if (strcmp(a, "--center") == 0) {
			o->center = 1;
			takes = 0;
		} else if (!v) {
			fprintf(stderr, "kyr-layout: %s needs a value (or is unknown); see --help\n", a);
			return -1;
		} else if (strcmp(a, "--width") == 0) {
			o->width = atoi(v);
		} else if (strcmp(a, "--size") == 0) {
			o->px = atoi(v);
		} else if (strcmp(a, "--fake") == 0) {
			o->fake = atoi(v);
		} else if (strcmp(a, "--lang") == 0) {
			o->lang = v;
		} else if (strcmp(a, "--fonts") == 0) {
			o->fonts = v;
		} else if (strcmp(a, "--png") == 0) {
			o->png = v;
		} else if (strcmp(a, "--dir") == 0) {
			dir = v;
		} else {
			fprintf(stderr, "kyr-layout: unknown option %s; see --help\n", a);
			return -1;
		}
		i += takes;
	}
	if (!dir)
		o->dir = rtl_language(o->lang) ? TEXT_DIR_RTL : TEXT_DIR_AUTO;
	else if (strcmp(dir, "ltr") == 0)
		o->dir = TEXT_DIR_LTR;
	else if (strcmp(dir, "rtl") == 0)
		o->dir = TEXT_DIR_RTL;
	else if (strcmp(dir, "auto") == 0)
		o->dir = TEXT_DIR_AUTO;
	else {
		fprintf(stderr, "kyr-layout: --dir must be ltr, rtl or auto\n");
		return -1;
	}
	if (o->px <= 0 || o->px > 1000) {
		fprintf(stderr, "kyr-layout: --size must be 1..1000\n");
		return -1;
	}
	return 0;
}

static char *read_stdin(size_t *len)
{
	buf_t b = { 0 };
	char chunk[65536];
	size_t n;
	buf_append(&b, "", 0);
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		buf_append(&b, chunk, n);
	*len = b.len;
	return b.data;
}

static void json_string(FILE *f, const char *s, size_t n)
{
	fputc('"', f);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

static void print_runs(font_set_t *fs, const text_layout_t *l, int para, size_t base)
{
	for (int i = 0; i < l->nruns; i++) {
		const text_run_t *r = &l->runs[i];
		int index = 0;
		const char *file = font_file_style(fs, r->face, r->flags & TEXT_BOLD, &index);
		printf("{\"para\":%d,\"line\":%d,\"x\":%d,\"y\":%d,\"w\":%d,\"h\":%d,\"start\":%zu,\"end\":%zu,"
		       "\"dir\":\"%s\",\"level\":%d,\"script\":\"%s\",\"font\":\"fonts/%s\",\"face\":%d,\"text\":",
		       para, r->line, r->x, r->y, r->w, r->h, base + r->start, base + r->end,
		       r->rtl ? "rtl" : "ltr", r->level, r->script, file ? file : "?", index);
		json_string(stdout, l->text + r->start, r->end - r->start);
		fputs("}\n", stdout);
	}
}

/* Draws the paragraphs stacked, through a software renderer: the same
 * text_draw() and run cache as the kiosk. */
static int write_png(font_set_t *fs, text_layout_t **ls, int n, int box_w, const char *path)
{
	int w = box_w, h = PNG_MARGIN * 2, rc = -1;
	for (int i = 0; i < n; i++) {
		w = KYR_MAX(w, ls[i]->width);
		h += KYR_MAX(ls[i]->height, ls[i]->line_height) + (i ? PNG_GAP : 0);
	}
	w += PNG_MARGIN * 2;
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
	if (!r) {
		fprintf(stderr, "kyr-layout: cannot make an image: %s\n", SDL_GetError());
		goto done;
	}
	text_cache_t *tc = text_cache_new(fs, r, 16u << 20);
	SDL_SetRenderDrawColor(r, 255, 255, 255, 255);
	SDL_RenderClear(r);
	int y = PNG_MARGIN;
	for (int i = 0; i < n; i++) {
		int bw = box_w > 0 ? box_w : ls[i]->width;
		int bh = KYR_MAX(ls[i]->height, ls[i]->line_height);
		SDL_Rect box = { PNG_MARGIN - 1, y - 1, bw + 2, bh + 2 };
		SDL_SetRenderDrawColor(r, 215, 220, 228, 255);
		SDL_RenderDrawRect(r, &box);
		text_draw(tc, ls[i], PNG_MARGIN, y, (color_t){ 20, 24, 32, 255 }, (color_t){ 0, 90, 180, 255 });
		y += bh + PNG_GAP;
	}
	SDL_RenderPresent(r);
	text_cache_free(tc);
	char err[128];
	if (shot_save_png(s, path, err, sizeof err) == 0)
		rc = 0;
	else
		fprintf(stderr, "kyr-layout: cannot write %s: %s\n", path, err);
done:
	if (r)
		SDL_DestroyRenderer(r);
	SDL_FreeSurface(s);
	return rc;
}

int main(int argc, char **argv)
{
	opts_t o;
	char err[256] = "";
	kyr_log_init("kyr-layout");
	if (parse_args(argc, argv, &o) < 0)
		return 2;
	if (!o.fake && TTF_Init() < 0) {
		fprintf(stderr, "kyr-layout: TTF_Init: %s\n", TTF_GetError());
		return 1;
	}
	font_set_t *fs = o.fake ? font_set_fake(o.fake) : font_set_open(o.fonts, err, sizeof err);
	if (!fs) {
		fprintf(stderr, "kyr-layout: %s\n", err);
		return 1;
	}
	size_t len;
	char *in = read_stdin(&len);
	text_layout_t **ls = NULL;
	int n = 0;
	text_opts_t to = { .lang = o.lang, .dir = o.dir, .width = o.width, .px = o.px,
	                   .flags = o.bold ? TEXT_BOLD : 0, .align_center = o.center };
	for (size_t at = 0; at < len; ) {
		size_t end = at;
		while (end < len && in[end] != '\n')
			end++;
		ls = xrealloc(ls, (size_t)(n + 1) * sizeof *ls);
		ls[n] = text_layout(fs, in + at, end - at, &to);
		print_runs(fs, ls[n], n, at);
		n++;
		at = end + 1;
	}
	int rc = 0;
	if (o.png && !o.fake)
		rc = write_png(fs, ls, n, o.width, o.png) < 0 ? 1 : 0;
	else if (o.png)
		fprintf(stderr, "kyr-layout: --png needs real fonts (not --fake)\n");
	for (int i = 0; i < n; i++)
		text_layout_free(ls[i]);
	free(ls);
	free(in);
	font_set_close(fs);
	if (!o.fake)
		TTF_Quit();
	return rc;
}
