/* hyph — hyphenation points from libhyphen pattern dictionaries.
 *
 * A language's file is found by name in the dictionary directory:
 * hyph_<ll>.dic, else hyph_<ll>_US.dic (the kiosk serves the US), else the
 * first hyph_<ll>_*.dic in name order. Files state their encoding on the
 * first line (UTF-8, KOI8-R for Russian ...): the word is lower-cased and
 * converted with ICU, so a letter the encoding lacks means "no points"
 * rather than a wrong one. Start reading at hyph_points(). */
#include "hyph.h"
#include "util.h"

#include <dirent.h>
#include <hyphen.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>

#define HYPH_LANGS 16          /* languages remembered, found or not */
#define HYPH_WORD_MAX 64       /* longer "words" (URLs ...) are not hyphenated */
#define HYPH_MIN_SIDE 2        /* letters kept together at each end */

static struct {
	char lang[16];
	HyphenDict *dict;      /* NULL: looked for, none */
} cache[HYPH_LANGS];
static int ncache;
static char *dir;

static void drop_all(void)
{
	for (int i = 0; i < ncache; i++)
		if (cache[i].dict) hnj_hyphen_free(cache[i].dict);
	ncache = 0;
}

void hyph_set_dir(const char *d)
{
	drop_all();
	free(dir);
	dir = d ? xstrdup(d) : NULL;
}

/* The first hyph_<ll>_*.dic in name order, or NULL. Caller frees. */
static char *first_regional(const char *root, const char *ll)
{
	char prefix[32];
	snprintf(prefix, sizeof prefix, "hyph_%s_", ll);
	DIR *d = opendir(root);
	if (!d) return NULL;
	char *best = NULL;
	for (struct dirent *e; (e = readdir(d)); ) {
		size_t n = strlen(e->d_name);
		if (strncmp(e->d_name, prefix, strlen(prefix)) || n < 5 || strcmp(e->d_name + n - 4, ".dic")) continue;
		if (!best || strcmp(e->d_name, best) < 0) {
			free(best);
			best = xstrdup(e->d_name);
		}
	}
	closedir(d);
	if (!best) return NULL;
	char *path = xasprintf("%s/%s", root, best);
	free(best);
	return path;
}

static HyphenDict *load(const char *lang)
{
	const char *root = dir ? dir : KYR_HYPHEN_DIR;
	char ll[8];
	size_t n = strcspn(lang, "-_");
	if (n == 0 || n >= sizeof ll) return NULL;
	memcpy(ll, lang, n);
	ll[n] = 0;
	char *tries[3] = {xasprintf("%s/hyph_%s.dic", root, ll), xasprintf("%s/hyph_%s_US.dic", root, ll),
	                  first_regional(root, ll)};
	HyphenDict *d = NULL;
	for (int i = 0; i < 3; i++) {
		if (!d && tries[i]) d = hnj_hyphen_load(tries[i]);
		free(tries[i]);
	}
	return d;
}

static HyphenDict *dict_for(const char *lang)
{
	if (!lang || !*lang) return NULL;
	for (int i = 0; i < ncache; i++)
		if (!strcmp(cache[i].lang, lang)) return cache[i].dict;
	if (ncache == HYPH_LANGS) drop_all();   /* more languages than a kiosk has: start again */
	snprintf(cache[ncache].lang, sizeof cache[ncache].lang, "%s", lang);
	cache[ncache].dict = load(lang);
	return cache[ncache++].dict;
}

int hyph_available(const char *lang)
{
	return dict_for(lang) != NULL;
}

/* The word lower-cased in the dictionary's encoding, one entry of ok per
 * character either way (libhyphen numbers UTF-8 words by character). */
static int encode(const HyphenDict *d, const uint32_t *cps, size_t n, char *out, size_t cap)
{
	UChar u[2 * HYPH_WORD_MAX];
	int32_t k = 0;
	for (size_t i = 0; i < n; i++) {
		UChar32 c = u_tolower((UChar32)cps[i]);
		if (c > 0xFFFF) return -1;      /* no dictionary has such letters */
		u[k++] = (UChar)c;
	}
	UErrorCode e = U_ZERO_ERROR;
	UConverter *cv = ucnv_open(d->utf8 ? "UTF-8" : d->cset, &e);
	if (U_FAILURE(e)) return -1;
	/* A letter the encoding lacks must fail, not become a substitute. */
	ucnv_setFromUCallBack(cv, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL, &e);
	int32_t len = ucnv_fromUChars(cv, out, (int32_t)cap, u, k, &e);
	ucnv_close(cv);
	return U_FAILURE(e) || len >= (int32_t)cap ? -1 : len;
}

int hyph_points(const char *lang, const uint32_t *cps, size_t n, unsigned char *ok)
{
	memset(ok, 0, n);
	HyphenDict *d = dict_for(lang);
	if (!d) return 0;
	if (n < 2 * HYPH_MIN_SIDE || n > HYPH_WORD_MAX) return 1;
	char word[4 * HYPH_WORD_MAX + 1], hy[4 * HYPH_WORD_MAX + 5];
	int len = encode(d, cps, n, word, sizeof word - 1);
	if (len <= 0) return 1;
	word[len] = 0;
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	if (hnj_hyphen_hyphenate2(d, word, len, hy, NULL, &rep, &pos, &cut) == 0) {
		/* hy[i] odd: a hyphen may follow character i. Points that change
		 * the spelling (rep: German "Schiffahrt") are left out. */
		for (size_t i = HYPH_MIN_SIDE - 1; i + HYPH_MIN_SIDE < n; i++)
			if ((hy[i] & 1) && !(rep && rep[i])) ok[i + 1] = 1;
	}
	if (rep) {
		for (int i = 0; i < len; i++) free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	return 1;
}
