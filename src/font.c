/* font — the shipped fonts, the per-script fallback chains and the lazily
 * opened, shared TTF_Font objects.
 *
 * font_set_open() reads fonts.list (format in fonts/README.md) into three
 * tables: faces (a regular and a bold file, each with its index inside a
 * collection), chains (script + optional languages -> faces) and the
 * fallback list. Nothing is opened until a glyph query or a font_get()
 * needs it. Start reading at font_pick(). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/mman.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <SDL_ttf.h>
#include <hb.h>
#include <hb-ot.h>

#include "font.h"
#include "util.h"

#define FONT_MAX_CHAIN 8
/* Remembered widths: slots (a power of two) and the longest text kept. */
#define FONT_MEMO_SLOTS 8192
/* Open fonts (one per face and style) are kept up to this many; the least
 * recently used is closed first. */
#ifndef FONT_MAX_OPEN
#define FONT_MAX_OPEN 32
#endif
#define FONT_MEMO_MAX_TEXT 48

typedef struct {
	char *name;
	char *file[2];          /* [0] regular, [1] bold (NULL: embolden regular) */
	int index[2];
	int probe_failed;       /* the file could not be opened: never pick it */
	int sub;                /* face holding a subset of this one, tried first; -1: none */
	int is_sub;             /* this face is another's subset: reached only through it */
	int parent;             /* for a subset: the face it was cut from */
	int ink_lines;          /* fonts.list `inklines`: lines sized from the runs' ink */
	hb_font_t *hb[2];       /* for font_ink: regular, bold (NULL until used) */
	hb_font_t *probe;       /* the regular file's cmap, for coverage questions */
} face_t;

typedef struct {
	char script[5];
	char **langs;           /* NULL: any language */
	int nlangs;
	int faces[FONT_MAX_CHAIN];
	int nfaces;
} chain_t;

typedef struct {
	int face, px, bold;     /* face -1: the icon font */
	TTF_Font *font;
	unsigned long used;     /* use_clock at the last use, for LRU */
} open_font_t;

/* One remembered measurement (text NULL: free slot). */
typedef struct {
	uint32_t hash;
	int face, px, flags, w;     /* flags: bit 0 bold, bit 1 rtl */
	char script[5];
	char *text;
	size_t len;
} memo_t;

/* A font file mapped into memory, shared by all its faces and sizes. */
typedef struct {
	char *file;
	void *base;
	size_t len;
} mapped_t;

struct font_set {
	char *dir;
	int fake;               /* > 0: fixed advance of the fake set */
	face_t *faces;
	int nfaces;
	chain_t *chains;
	int nchains;
	int fallback[FONT_MAX_CHAIN * 2];
	int nfallback;
	char *icons;
	open_font_t *open;
	int nopen, capopen;
	unsigned long use_clock;
	mapped_t *maps;
	int nmaps;
	memo_t *memo;           /* FONT_MEMO_SLOTS, allocated on first use */
	int nmemo;
};

static void set_err(char *err, size_t errlen, const char *fmt, const char *a, int line)
{
	if (err && errlen)
		snprintf(err, errlen, fmt, a, line);
}

static int face_by_name(const font_set_t *fs, const char *name)
{
	for (int i = 0; i < fs->nfaces; i++)
		if (strcmp(fs->faces[i].name, name) == 0)
			return i;
	return -1;
}

/* "file.ttc:2" -> file and index; "-" -> no file. */
static void parse_file_index(const char *tok, char **file, int *index)
{
	*file = NULL;
	*index = 0;
	if (!tok || strcmp(tok, "-") == 0)
		return;
	const char *colon = strrchr(tok, ':');
	if (colon && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1)) {
		*file = xstrndup(tok, (size_t)(colon - tok));
		*index = atoi(colon + 1);
	} else {
		*file = xstrdup(tok);
	}
}

static void add_face(font_set_t *fs, char **tok, int ntok)
{
	face_t *f;
	fs->faces = xrealloc(fs->faces, (size_t)(fs->nfaces + 1) * sizeof *fs->faces);
	f = &fs->faces[fs->nfaces++];
	memset(f, 0, sizeof *f);
	f->name = xstrdup(tok[1]);
	f->sub = -1;
	parse_file_index(tok[2], &f->file[0], &f->index[0]);
	parse_file_index(ntok > 3 ? tok[3] : NULL, &f->file[1], &f->index[1]);
}

static char **split_commas(const char *s, int *n)
{
	char **v = NULL;
	*n = 0;
	while (*s) {
		size_t k = strcspn(s, ",");
		if (k) {
			v = xrealloc(v, (size_t)(*n + 1) * sizeof *v);
			v[(*n)++] = xstrndup(s, k);
		}
		s += k + (s[k] == ',');
	}
	return v;
}

/* "script Hani,Bopo lang=zh-Hant,zh-TW cjk-tc": one chain per script. */
static int add_chains(font_set_t *fs, char **tok, int ntok, int line, char *err, size_t errlen)
{
	int nscripts, first = 2, nlangs = 0;
	char **scripts = split_commas(tok[1], &nscripts);
	char **langs = NULL;
	int rc = 0;
	if (ntok > 2 && strncmp(tok[2], "lang=", 5) == 0) {
		langs = split_commas(tok[2] + 5, &nlangs);
		first = 3;
	}
	int faces[FONT_MAX_CHAIN], nf = 0;
	for (int i = first; i < ntok; i++) {
		int f = face_by_name(fs, tok[i]);
		if (f < 0 || nf == FONT_MAX_CHAIN) {
			set_err(err, errlen, "fonts.list:%2$d: unknown face or chain too long: %1$s", tok[i], line);
			rc = -1;
			goto done;
		}
		faces[nf++] = f;
	}
	for (int s = 0; s < nscripts; s++) {
		chain_t *c;
		fs->chains = xrealloc(fs->chains, (size_t)(fs->nchains + 1) * sizeof *fs->chains);
		c = &fs->chains[fs->nchains++];
		memset(c, 0, sizeof *c);
		snprintf(c->script, sizeof c->script, "%s", scripts[s]);
		c->nlangs = nlangs;
		if (nlangs) {
			c->langs = xcalloc((size_t)nlangs, sizeof *c->langs);
			for (int l = 0; l < nlangs; l++)
				c->langs[l] = xstrdup(langs[l]);
		}
		memcpy(c->faces, faces, sizeof faces);
		c->nfaces = nf;
	}
done:
	for (int i = 0; i < nscripts; i++)
		free(scripts[i]);
	free(scripts);
	for (int i = 0; i < nlangs; i++)
		free(langs[i]);
	free(langs);
	return rc;
}

static int add_fallback(font_set_t *fs, char **tok, int ntok, int line, char *err, size_t errlen)
{
	for (int i = 1; i < ntok; i++) {
		int f = face_by_name(fs, tok[i]);
		if (f < 0 || fs->nfallback == (int)KYR_ARRAY_LEN(fs->fallback)) {
			set_err(err, errlen, "fonts.list:%2$d: unknown face: %1$s", tok[i], line);
			return -1;
		}
		fs->fallback[fs->nfallback++] = f;
	}
	return 0;
}

/* Handles one line already split into tokens; returns -1 on an error. */
static int parse_line(font_set_t *fs, char **tok, int ntok, int line, char *err, size_t errlen)
{
	if (strcmp(tok[0], "file") == 0)
		return 0;       /* for the Makefile */
	if (strcmp(tok[0], "face") == 0 && ntok >= 3 && ntok <= 4) {
		if (face_by_name(fs, tok[1]) >= 0) {
			set_err(err, errlen, "fonts.list:%2$d: duplicate face %1$s", tok[1], line);
			return -1;
		}
		add_face(fs, tok, ntok);
		return 0;
	}
	if (strcmp(tok[0], "subset") == 0 && ntok >= 3 && ntok <= 4) {
		/* "subset cjk-sc sub/a.otf sub/b.otf": a cut-down copy of a face's
		 * files holding the characters the content uses (made at build time
		 * by tools/subset-fonts.sh); tried before the face itself, which
		 * still serves any other character. */
		int parent = face_by_name(fs, tok[1]);
		if (parent < 0 || fs->faces[parent].sub >= 0 || fs->faces[parent].is_sub) {
			set_err(err, errlen, "fonts.list:%2$d: subset of an unknown face or a second subset: %1$s", tok[1], line);
			return -1;
		}
		char *name = xasprintf("%s~subset", tok[1]);
		char *stok[4] = { tok[0], name, tok[2], ntok > 3 ? tok[3] : NULL };
		add_face(fs, stok, ntok);
		free(name);
		fs->faces[fs->nfaces - 1].is_sub = 1;
		fs->faces[fs->nfaces - 1].parent = parent;
		fs->faces[parent].sub = fs->nfaces - 1;
		return 0;
	}
	if (strcmp(tok[0], "script") == 0 && ntok >= 3)
		return add_chains(fs, tok, ntok, line, err, errlen);
	if (strcmp(tok[0], "fallback") == 0)
		return add_fallback(fs, tok, ntok, line, err, errlen);
	if (strcmp(tok[0], "inklines") == 0 && ntok >= 2) {
		/* Faces whose ascender and descender cover the tallest stack in the
		 * whole font (Nastaliq: 2.5 em), far more than any line needs. */
		for (int i = 1; i < ntok; i++) {
			int f = face_by_name(fs, tok[i]);
			if (f < 0) {
				set_err(err, errlen, "fonts.list:%2$d: unknown face: %1$s", tok[i], line);
				return -1;
			}
			fs->faces[f].ink_lines = 1;
		}
		return 0;
	}
	if (strcmp(tok[0], "icons") == 0 && ntok == 2) {
		free(fs->icons);
		fs->icons = xstrdup(tok[1]);
		return 0;
	}
	set_err(err, errlen, "fonts.list:%2$d: cannot read line starting with %1$s", tok[0], line);
	return -1;
}

static int parse_table(font_set_t *fs, char *text, char *err, size_t errlen)
{
	int line = 0;
	for (char *p = text; p && *p; ) {
		char *nl = strchr(p, '\n');
		char *tok[16];
		int ntok = 0;
		line++;
		if (nl)
			*nl = '\0';
		char *hash = strchr(p, '#');
		if (hash)
			*hash = '\0';
		for (char *t = strtok(p, " \t\r"); t && ntok < 16; t = strtok(NULL, " \t\r"))
			tok[ntok++] = t;
		if (ntok && parse_line(fs, tok, ntok, line, err, errlen) < 0)
			return -1;
		p = nl ? nl + 1 : NULL;
	}
	if (fs->nfaces == 0) {
		set_err(err, errlen, "fonts.list:%2$d: no faces%1$s", "", line);
		return -1;
	}
	return 0;
}

static void hb_close_all(font_set_t *fs)
{
	for (int i = 0; i < fs->nfaces; i++)
		for (int k = 0; k < 2; k++) {
			hb_font_destroy(fs->faces[i].hb[k]);   /* NULL is fine */
			fs->faces[i].hb[k] = NULL;
		}
}

static void memo_clear(font_set_t *fs)
{
	for (int i = 0; fs->memo && i < FONT_MEMO_SLOTS; i++) {
		free(fs->memo[i].text);
		fs->memo[i].text = NULL;
	}
	fs->nmemo = 0;
}

/* Faces are opened on first use, possibly while a visitor reads: a file
 * that cannot be read is named here, once at start, and only counted then. */
static void check_files(const font_set_t *fs)
{
	buf_t bad = {0};
	for (int i = 0; i < fs->nfaces; i++)
		for (int k = 0; k < 2; k++) {
			const char *f = fs->faces[i].file[k];
			if (!f || (k == 1 && fs->faces[i].file[0] && !strcmp(f, fs->faces[i].file[0]))) continue;
			char *path = xasprintf("%s/%s", fs->dir, f);
			struct stat st;
			if ((stat(path, &st) < 0 || !S_ISREG(st.st_mode) || access(path, R_OK) < 0) && !(bad.data && strstr(bad.data, f)))
				buf_printf(&bad, "%s%s", bad.len ? ", " : "", f);
			free(path);
		}
	if (bad.len) kyr_log("fonts: cannot read %s: text in those faces' scripts will fall back or be missing", bad.data);
	buf_free(&bad);
}

font_set_t *font_set_open(const char *dir, char *err, size_t errlen)
{
	char *path = xasprintf("%s/fonts.list", dir);
	char *text = read_file(path, NULL);
	font_set_t *fs;
	if (!text) {
		if (err && errlen)
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	free(path);
	fs = xcalloc(1, sizeof *fs);
	fs->dir = xstrdup(dir);
	if (parse_table(fs, text, err, errlen) < 0) {
		free(text);
		font_set_close(fs);
		return NULL;
	}
	free(text);
	check_files(fs);
	return fs;
}

font_set_t *font_set_fake(int advance)
{
	font_set_t *fs = xcalloc(1, sizeof *fs);
	fs->fake = advance > 0 ? advance : 1;
	fs->nfaces = 1;
	fs->faces = xcalloc(1, sizeof *fs->faces);
	fs->faces[0].name = xstrdup("fake");
	fs->faces[0].file[0] = xstrdup("fake");
	return fs;
}

void font_set_close(font_set_t *fs)
{
	if (!fs)
		return;
	for (int i = 0; i < fs->nopen; i++)
		TTF_CloseFont(fs->open[i].font);
	free(fs->open);
	hb_close_all(fs);
	memo_clear(fs);
	free(fs->memo);
	for (int i = 0; i < fs->nmaps; i++) {
		if (fs->maps[i].base)
			munmap(fs->maps[i].base, fs->maps[i].len);
		free(fs->maps[i].file);
	}
	free(fs->maps);
	for (int i = 0; i < fs->nfaces; i++) {
		hb_font_destroy(fs->faces[i].probe);
		free(fs->faces[i].name);
		free(fs->faces[i].file[0]);
		free(fs->faces[i].file[1]);
	}
	free(fs->faces);
	for (int i = 0; i < fs->nchains; i++) {
		for (int l = 0; l < fs->chains[i].nlangs; l++)
			free(fs->chains[i].langs[l]);
		free(fs->chains[i].langs);
	}
	free(fs->chains);
	free(fs->icons);
	free(fs->dir);
	free(fs);
}

void font_set_trim(font_set_t *fs)
{
	if (!fs || fs->fake)
		return;
	for (int i = 0; i < fs->nopen; i++)
		TTF_CloseFont(fs->open[i].font);
	fs->nopen = 0;
	hb_close_all(fs);
	/* The pages stay in the page cache: the next visitor's first glyphs
	 * come from memory, not from the SD card. */
	for (int i = 0; i < fs->nmaps; i++)
		if (fs->maps[i].base)
			madvise(fs->maps[i].base, fs->maps[i].len, MADV_DONTNEED);
}

void font_set_forget(font_set_t *fs)
{
	if (!fs)
		return;
	font_set_trim(fs);
	memo_clear(fs);
	free(fs->memo);   /* mapped (M_MMAP_THRESHOLD): back to the system */
	fs->memo = NULL;
}

int font_is_fake(const font_set_t *fs)
{
	return fs->fake > 0;
}

int font_fake_advance(const font_set_t *fs)
{
	return fs->fake;
}

/* What FreeType reads of a font, it reads through this: a seek and a read
 * per table or glyph it loads (SDL_ttf caches the glyphs, the text module
 * whole rendered runs). Not a mapping: mapped pages FreeType touched stay in
 * the process's resident memory, and the kernel maps 64 KB around each touch
 * when the file is in its page cache: 5 MB of fonts at the peak of a visit
 * (docs/performance.md). No read-ahead either: FreeType reads a little here
 * and there, and read-ahead would bring whole files in from the SD card. */
static SDL_RWops *font_rw(const font_set_t *fs, const char *file)
{
	char *path = xasprintf("%s/%s", fs->dir, file);
	FILE *f = fopen(path, "rbe");
	free(path);
	if (!f)
		return NULL;
	posix_fadvise(fileno(f), 0, 0, POSIX_FADV_RANDOM);
	SDL_RWops *rw = SDL_RWFromFP(f, SDL_TRUE);
	if (!rw)
		fclose(f);
	return rw;
}

/* The cmap questions (probe_font) read a read-only mapping of the file:
 * HarfBuzz looks at one table, and only the pages it touches are read.
 * Returns NULL (counted) when the file is unusable. */
static const mapped_t *map_file(font_set_t *fs, const char *file)
{
	for (int i = 0; i < fs->nmaps; i++)
		if (strcmp(fs->maps[i].file, file) == 0)
			return fs->maps[i].base ? &fs->maps[i] : NULL;
	fs->maps = xrealloc(fs->maps, (size_t)(fs->nmaps + 1) * sizeof *fs->maps);
	mapped_t *m = &fs->maps[fs->nmaps++];
	*m = (mapped_t){ .file = xstrdup(file) };
	char *path = xasprintf("%s/%s", fs->dir, file);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd >= 0 && fstat(fd, &st) == 0 && st.st_size > 0) {
		m->base = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		m->len = (size_t)st.st_size;
		if (m->base == MAP_FAILED)
			m->base = NULL;
		/* Without this the kernel reads ahead around every touch, so whole
		 * files, from a slow SD card (docs/performance.md). */
		else
			madvise(m->base, m->len, MADV_RANDOM);
	}
	if (!m->base)
		kyr_fault(KYR_FAULT_FONT);   /* mapped on first use, maybe mid-visit: counted, not logged */
	if (fd >= 0)
		close(fd);
	free(path);
	return m->base ? m : NULL;
}

/* The table of opened fonts is small (faces x sizes x 2) and searched
 * linearly; entries live as long as the set. */
static TTF_Font *open_font(font_set_t *fs, int face, int px, int bold)
{
	/* One TTF_Font per face and style, resized on demand: SDL_ttf gives each
	 * TTF_Font its own FreeType face and HarfBuzz tables (several MB for the
	 * CJK collection), so a font per size would cost memory per size.
	 * Rendered runs are cached as textures, so resizing is rare at draw time. */
	for (int i = 0; i < fs->nopen; i++) {
		open_font_t *o = &fs->open[i];
		if (o->face == face && o->bold == bold) {
			o->used = ++fs->use_clock;
			if (o->px != px && TTF_SetFontSize(o->font, px) == 0) o->px = px;
			return o->px == px ? o->font : NULL;
		}
	}
	const char *file;
	int index = 0, embolden = 0;
	if (face < 0) {
		file = fs->icons;
	} else {
		face_t *f = &fs->faces[face];
		if (f->probe_failed)
			return NULL;
		file = f->file[bold];
		index = f->index[bold];
		if (!file) {
			file = f->file[0];
			index = f->index[0];
			embolden = bold;
		}
	}
	if (!file)
		return NULL;
	SDL_RWops *rw = font_rw(fs, file);
	TTF_Font *font = rw ? TTF_OpenFontIndexRW(rw, 1, px, index) : NULL;
	if (!font) {
		kyr_fault(KYR_FAULT_FONT);   /* at visit time: counted, not logged (util.h) */
		if (face >= 0)
			fs->faces[face].probe_failed = 1;
		return NULL;
	}
	if (embolden)
		TTF_SetFontStyle(font, TTF_STYLE_BOLD);
	/* Light hinting keeps the shapes (and widths) close to the design. */
	TTF_SetFontHinting(font, TTF_HINTING_LIGHT);
	if (fs->nopen >= FONT_MAX_OPEN) {
		/* Close the least recently used; callers never keep a TTF_Font
		 * across calls, so nothing points at it any more. */
		int lru = 0;
		for (int i = 1; i < fs->nopen; i++)
			if (fs->open[i].used < fs->open[lru].used) lru = i;
		TTF_CloseFont(fs->open[lru].font);
		fs->open[lru] = fs->open[--fs->nopen];
	}
	if (fs->nopen == fs->capopen) {
		fs->capopen = fs->capopen ? fs->capopen * 2 : 16;
		fs->open = xrealloc(fs->open, (size_t)fs->capopen * sizeof *fs->open);
	}
	fs->open[fs->nopen++] = (open_font_t){ face, px, bold, font, ++fs->use_clock };
	return font;
}

/* Sizes snap down to a ladder of about 10 % steps, so the UI's many sizes
 * (three text sizes, labels shrunk to fit) share a few open fonts. */
static int snap_px(int px)
{
	static const int ladder[] = {8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 26, 28, 31, 34, 37, 40,
	                             44, 48, 53, 58, 64, 70, 77, 85, 94, 104, 115, 127, 140, 154, 170, 187, 206};
	int best = ladder[0];
	for (size_t i = 0; i < sizeof ladder / sizeof ladder[0] && ladder[i] <= px; i++) best = ladder[i];
	return px > 206 ? px : best;
}

TTF_Font *font_get(font_set_t *fs, int face, int px, int bold)
{
	if (fs->fake || face < 0 || face >= fs->nfaces || px <= 0)
		return NULL;
	return open_font(fs, face, snap_px(px), bold ? 1 : 0);
}

TTF_Font *font_icons(font_set_t *fs, int px)
{
	if (fs->fake || !fs->icons || px <= 0)
		return NULL;
	return open_font(fs, -1, snap_px(px), 0);
}

/* Coverage questions go to HarfBuzz over the mapped regular file, not to
 * a TTF_Font: that reads the cmap table alone, where opening a FreeType
 * face reads headers and outlines' indexes, megabytes over a language
 * screen's many scripts drawn in bold only (docs/performance.md). NULL
 * when the file is unusable. */
static hb_font_t *probe_font(font_set_t *fs, int face)
{
	face_t *f = &fs->faces[face];
	if (f->probe || f->probe_failed)
		return f->probe;
	const mapped_t *m = f->file[0] ? map_file(fs, f->file[0]) : NULL;
	hb_blob_t *blob = m ? hb_blob_create(m->base, (unsigned)m->len, HB_MEMORY_MODE_READONLY, NULL, NULL) : NULL;
	hb_face_t *hf = blob ? hb_face_create(blob, (unsigned)f->index[0]) : NULL;
	hb_blob_destroy(blob);
	if (hf && hb_face_get_glyph_count(hf) > 0)
		f->probe = hb_font_create(hf);
	hb_face_destroy(hf);
	if (!f->probe)
		f->probe_failed = 1;
	return f->probe;
}

int font_has_glyph(font_set_t *fs, int face, uint32_t cp)
{
	if (fs->fake)
		return 1;
	if (face < 0 || face >= fs->nfaces)
		return 0;
	hb_font_t *f = probe_font(fs, face);
	hb_codepoint_t g;
	return f && hb_font_get_nominal_glyph(f, cp, &g);
}

const char *font_face_name(const font_set_t *fs, int face)
{
	if (face < 0 || face >= fs->nfaces)
		return NULL;
	const face_t *f = &fs->faces[face];
	return f->is_sub ? fs->faces[f->parent].name : f->name;
}

const char *font_file(font_set_t *fs, int face, int *index)
{
	return font_file_style(fs, face, 0, index);
}

const char *font_file_style(font_set_t *fs, int face, int bold, int *index)
{
	if (face < 0 || face >= fs->nfaces) {
		if (index)
			*index = 0;
		return NULL;
	}
	face_t *f = &fs->faces[face];
	int b = bold && f->file[1] ? 1 : 0;
	if (index)
		*index = f->index[b];
	return f->file[b];
}

/* "zh-Hant-TW" matches "zh-Hant" and "zh"; case does not matter. */
static int lang_matches(const char *lang, const char *pattern)
{
	size_t n = strlen(pattern);
	return strncasecmp(lang, pattern, n) == 0 && (lang[n] == '\0' || lang[n] == '-' || lang[n] == '_');
}

/* The script's chain for lang: a chain naming the language wins over one
 * for any language; NULL when the script has none. */
static const chain_t *find_chain(const font_set_t *fs, const char *script, const char *lang)
{
	const chain_t *generic = NULL;
	for (int i = 0; i < fs->nchains; i++) {
		const chain_t *c = &fs->chains[i];
		if (strcmp(c->script, script) != 0)
			continue;
		if (!c->nlangs) {
			if (!generic)
				generic = c;
			continue;
		}
		for (int l = 0; lang && l < c->nlangs; l++)
			if (lang_matches(lang, c->langs[l]))
				return c;
	}
	return generic;
}

static int face_has_all(font_set_t *fs, int face, const uint32_t *cps, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!font_has_glyph(fs, face, cps[i]))
			return 0;
	return 1;
}

/* The face to use for cps from `face`: its subset when that has them all
 * (a small file, cheap to open and read), else the face itself when it
 * has them, else -1. */
static int try_face(font_set_t *fs, int face, const uint32_t *cps, size_t n)
{
	int sub = fs->faces[face].sub;
	if (sub >= 0 && face_has_all(fs, sub, cps, n))
		return sub;
	return face_has_all(fs, face, cps, n) ? face : -1;
}

int font_pick_all(font_set_t *fs, const char *script, const char *lang, const uint32_t *cps, size_t n)
{
	if (fs->fake)
		return 0;
	const chain_t *c = find_chain(fs, script ? script : "Zyyy", lang);
	int got;
	for (int i = 0; c && i < c->nfaces; i++)
		if ((got = try_face(fs, c->faces[i], cps, n)) >= 0)
			return got;
	for (int i = 0; i < fs->nfallback; i++)
		if ((got = try_face(fs, fs->fallback[i], cps, n)) >= 0)
			return got;
	for (int f = 0; f < fs->nfaces; f++)
		if (!fs->faces[f].is_sub && (got = try_face(fs, f, cps, n)) >= 0)
			return got;
	/* Nobody has all of them: settle for the first code point. */
	if (n > 1)
		return font_pick_all(fs, script, lang, cps, 1);
	if (c && c->nfaces)
		return c->faces[0];
	return fs->nfallback ? fs->fallback[0] : 0;
}

int font_pick(font_set_t *fs, const char *script, const char *lang, uint32_t cp)
{
	return font_pick_all(fs, script, lang, &cp, 1);
}

/* ---------------------------------------------------------------------- */
/* Measuring, with the widths of short texts remembered: words recur across
 * paragraphs, articles and every re-layout, and shaping costs far more than
 * a hash lookup. The table is open-addressed and simply emptied when it
 * fills up, which bounds its memory (about 8192 * 48 bytes of text). */

static uint32_t memo_hash(int face, int px, int flags, const char *script, const char *s, size_t n)
{
	int nums[3] = { face, px, flags };
	uint32_t h = hash_bytes(HASH_INIT, nums, sizeof nums);
	h = hash_bytes(h, script, strnlen(script, 4));
	return hash_bytes(h, s, n);
}

static int shape_width(TTF_Font *f, int rtl, const char *script, const char *s, size_t n)
{
	char small[256];
	char *z = n < sizeof small ? small : xmalloc(n + 1);
	int w = 0, h = 0;
	memcpy(z, s, n);
	z[n] = '\0';
	font_prepare(f, rtl, script);
	if (TTF_SizeUTF8(f, z, &w, &h) < 0)
		w = 0;
	if (z != small)
		free(z);
	return w;
}

void font_prepare(TTF_Font *f, int rtl, const char *script)
{
	TTF_SetFontDirection(f, rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
	TTF_SetFontScriptName(f, script);
}

int font_measure(font_set_t *fs, int face, int px, int bold, int rtl, const char *script,
                 const char *s, size_t n)
{
	TTF_Font *f = font_get(fs, face, px, bold);
	if (!f || n == 0)
		return 0;
	if (n > FONT_MEMO_MAX_TEXT)
		return shape_width(f, rtl, script, s, n);
	int flags = (bold ? 1 : 0) | (rtl ? 2 : 0);
	uint32_t h = memo_hash(face, px, flags, script, s, n);
	if (!fs->memo)
		fs->memo = xcalloc(FONT_MEMO_SLOTS, sizeof *fs->memo);
	uint32_t i = h & (FONT_MEMO_SLOTS - 1);
	for (memo_t *m = &fs->memo[i]; m->text; m = &fs->memo[i = (i + 1) & (FONT_MEMO_SLOTS - 1)])
		if (m->hash == h && m->face == face && m->px == px && m->flags == flags && m->len == n &&
		    strcmp(m->script, script) == 0 && memcmp(m->text, s, n) == 0)
			return m->w;
	int w = shape_width(f, rtl, script, s, n);
	if (fs->nmemo >= FONT_MEMO_SLOTS * 3 / 4) {
		memo_clear(fs);
		i = h & (FONT_MEMO_SLOTS - 1);
	}
	memo_t *m = &fs->memo[i];
	*m = (memo_t){ .hash = h, .face = face, .px = px, .flags = flags, .w = w,
	               .text = xstrndup(s, n), .len = n };
	snprintf(m->script, sizeof m->script, "%s", script);
	fs->nmemo++;
	return w;
}

/* ---------------------------------------------------------------------- */
/* Ink: where the shaped glyphs really draw. HarfBuzz shapes the run again
 * on the same mapped file SDL_ttf uses (same engine, same font, same
 * direction and script) and sums the glyphs' outline boxes at their
 * positions; nothing is rasterised. */

static hb_font_t *hb_for(font_set_t *fs, int face, int bold, int *embolden)
{
	face_t *f = &fs->faces[face];
	int k = bold && f->file[1] ? 1 : 0;
	*embolden = bold && !f->file[1];
	if (f->hb[k])
		return f->hb[k];
	const mapped_t *m = f->file[k] ? map_file(fs, f->file[k]) : NULL;
	if (!m)
		return NULL;
	hb_blob_t *blob = hb_blob_create(m->base, (unsigned)m->len, HB_MEMORY_MODE_READONLY, NULL, NULL);
	hb_face_t *hf = hb_face_create(blob, (unsigned)f->index[k]);
	hb_blob_destroy(blob);
	f->hb[k] = hb_font_create(hf);   /* OpenType functions: outlines' boxes from glyf/CFF */
	hb_face_destroy(hf);
	return f->hb[k];
}

int font_ink(font_set_t *fs, int face, int px, int bold, int rtl, const char *script,
             const char *s, size_t n, font_ink_t *ink)
{
	*ink = (font_ink_t){ 0, 0, 0, 0 };
	if (fs->fake || face < 0 || face >= fs->nfaces || px <= 0 || n == 0)
		return -1;
	int embolden;
	hb_font_t *font = hb_for(fs, face, bold, &embolden);
	if (!font)
		return -1;
	int size = snap_px(px);   /* the size font_get opens */
	hb_font_set_scale(font, size * 64, size * 64);
	hb_buffer_t *buf = hb_buffer_create();
	hb_buffer_add_utf8(buf, s, (int)n, 0, (int)n);
	hb_buffer_set_direction(buf, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
	hb_buffer_set_script(buf, hb_script_from_string(script, -1));
	hb_buffer_guess_segment_properties(buf);
	hb_shape(font, buf, NULL, 0);
	unsigned count = 0;
	const hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &count);
	const hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &count);
	long x = 0, y = 0, x0 = 0, x1 = 0, top = 0, bottom = 0;
	int any = 0;
	for (unsigned i = 0; i < count; i++) {
		hb_glyph_extents_t e;
		if (hb_font_get_glyph_extents(font, info[i].codepoint, &e) && e.width && e.height) {
			long gx = x + pos[i].x_offset + e.x_bearing, gy = y + pos[i].y_offset + e.y_bearing;
			long l = gx, r = gx + e.width, t = gy, b = gy + e.height;   /* y up: height < 0 */
			if (!any || l < x0) x0 = l;
			if (!any || r > x1) x1 = r;
			if (!any || t > top) top = t;
			if (!any || b < bottom) bottom = b;
			any = 1;
		}
		x += pos[i].x_advance;
		y += pos[i].y_advance;
	}
	hb_buffer_destroy(buf);
	if (!any)
		return 0;
	/* Outward to whole pixels, plus one for hinting and antialiasing, and
	 * what SDL_ttf's emboldening adds to a face with no bold file. */
	int extra = 1 + (embolden ? size / 16 + 1 : 0);
	ink->above = (int)((top + 63) >> 6) + extra;
	ink->below = (int)((-bottom + 63) >> 6) + extra;
	ink->left = (int)(x0 >> 6) - extra;
	ink->right = (int)((x1 + 63) >> 6) + extra;
	return 0;
}

int font_ink_lines(const font_set_t *fs, int face)
{
	if (face < 0 || face >= fs->nfaces)
		return 0;
	const face_t *f = &fs->faces[face];
	return f->ink_lines || (f->is_sub && fs->faces[f->parent].ink_lines);
}
