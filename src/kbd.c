/* kbd — see include/kbd.h. Hangul composition follows the standard
 * two-set (dubeolsik) behaviour: a consonant after a vowel becomes the
 * final consonant; a vowel after a final moves it to a new syllable. */
#include "kbd.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unicode/uchar.h>

/* ---- layout files ---- */

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t') s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) s[--n] = 0;
	return s;
}

static int parse_row(kbd_layout_t *k, char *v, int line, char *err, size_t errlen)
{
	if (k->nrows == KBD_MAX_ROWS) {
		snprintf(err, errlen, "line %d: more than %d rows", line, KBD_MAX_ROWS);
		return -1;
	}
	int r = k->nrows++, n = 0;
	for (char *save = NULL, *tok = strtok_r(v, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		size_t len = strlen(tok);
		if (n == KBD_MAX_KEYS) {
			snprintf(err, errlen, "line %d: more than %d keys in a row", line, KBD_MAX_KEYS);
			return -1;
		}
		if (len >= KBD_KEY_BYTES || !utf8_valid(tok, len)) {
			snprintf(err, errlen, "line %d: key '%.20s' is not short valid UTF-8", line, tok);
			return -1;
		}
		memcpy(k->keys[r][n++], tok, len + 1);
	}
	if (!n) {
		snprintf(err, errlen, "line %d: empty row", line);
		return -1;
	}
	k->nkeys[r] = n;
	return 0;
}

int kbd_parse(const char *text, kbd_layout_t *k, char *err, size_t errlen)
{
	memset(k, 0, sizeof *k);
	char *copy = xstrdup(text);
	int line = 0, rc = 0;
	for (char *p = copy; p && !rc;) {
		char *nl = strchr(p, '\n');
		if (nl) *nl = 0;
		line++;
		char *s = trim(p);
		p = nl ? nl + 1 : NULL;
		if (!*s || *s == '#') continue;
		char *colon = strchr(s, ':');
		if (!colon) {
			snprintf(err, errlen, "line %d: expected 'key: value'", line);
			rc = -1;
			break;
		}
		*colon = 0;
		char *key = trim(s), *v = trim(colon + 1);
		if (!strcmp(key, "title")) snprintf(k->title, sizeof k->title, "%s", v);
		else if (!strcmp(key, "row")) rc = parse_row(k, v, line, err, errlen);
		else if (!strcmp(key, "direction")) {
			if (strcmp(v, "rtl") && strcmp(v, "ltr")) {
				snprintf(err, errlen, "line %d: direction must be ltr or rtl", line);
				rc = -1;
			}
			k->rtl = !strcmp(v, "rtl");
		} else if (!strcmp(key, "compose")) {
			if (!strcmp(v, "hangul")) k->compose = KBD_HANGUL;
			else if (!strcmp(v, "ethiopic")) k->compose = KBD_ETHIOPIC;
			else if (strcmp(v, "none")) {
				snprintf(err, errlen, "line %d: unknown composer '%s' (none, hangul or ethiopic)", line, v);
				rc = -1;
			}
		} else {
			snprintf(err, errlen, "line %d: unknown key '%s' (title, direction, compose, row)", line, key);
			rc = -1;
		}
	}
	if (!rc && !k->nrows) {
		snprintf(err, errlen, "line %d: no rows", line);
		rc = -1;
	}
	free(copy);
	return rc;
}

int kbd_names(const char *list, char names[KBD_MAX_LAYOUTS][KBD_NAME_BYTES])
{
	int n = 0;
	for (const char *p = list; p && *p && n < KBD_MAX_LAYOUTS;) {
		while (*p == ' ') p++;
		size_t k = strcspn(p, " ");
		if (k && k < KBD_NAME_BYTES) snprintf(names[n++], KBD_NAME_BYTES, "%.*s", (int)k, p);
		p += k;
	}
	return n;
}

/* ---- Hangul ---- */

#define SBASE 0xAC00
#define SCOUNT 11172
/* Compatibility jamo (what the keys type) in choseong and jongseong order. */
static const uint32_t cho[19] = {0x3131, 0x3132, 0x3134, 0x3137, 0x3138, 0x3139, 0x3141, 0x3142, 0x3143, 0x3145,
                                 0x3146, 0x3147, 0x3148, 0x3149, 0x314A, 0x314B, 0x314C, 0x314D, 0x314E};
static const uint32_t jong[28] = {0, 0x3131, 0x3132, 0x3133, 0x3134, 0x3135, 0x3136, 0x3137, 0x3139, 0x313A,
                                  0x313B, 0x313C, 0x313D, 0x313E, 0x313F, 0x3140, 0x3141, 0x3142, 0x3144, 0x3145,
                                  0x3146, 0x3147, 0x3148, 0x314A, 0x314B, 0x314C, 0x314D, 0x314E};
/* Compound vowels (jungseong indexes) and finals (jongseong indexes). */
static const int vpairs[][3] = {{8, 0, 9}, {8, 1, 10}, {8, 20, 11}, {13, 4, 14}, {13, 5, 15}, {13, 20, 16}, {18, 20, 19}};
static const int fpairs[][3] = {{1, 19, 3}, {4, 22, 5}, {4, 27, 6}, {8, 1, 9}, {8, 16, 10}, {8, 17, 11},
                                {8, 19, 12}, {8, 25, 13}, {8, 26, 14}, {8, 27, 15}, {17, 19, 18}};

static int idx(const uint32_t *tab, int n, uint32_t cp)
{
	for (int i = 0; i < n; i++)
		if (tab[i] == cp && cp) return i;
	return -1;
}

static int is_vowel(uint32_t cp) { return cp >= 0x314F && cp <= 0x3163; }

/* The last code point of s, its byte offset in *at. */
static uint32_t last_cp(const char *s, size_t *at)
{
	size_t n = strlen(s);
	if (!n) return 0;
	size_t i = n - 1;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
	*at = i;
	size_t j = i;
	return utf8_next(s, n, &j);
}

static void put_cp(char *q, size_t cap, size_t at, uint32_t cp)
{
	char b[4];
	int n = utf8_encode(cp, b);
	if (at + (size_t)n + 1 > cap) return;
	memcpy(q + at, b, (size_t)n);
	q[at + (size_t)n] = 0;
}

static uint32_t syl(int c, int v, int f) { return SBASE + (uint32_t)((c * 21 + v) * 28 + f); }

static void hangul_type(char *q, size_t cap, uint32_t key)
{
	size_t at = 0;
	uint32_t last = last_cp(q, &at);
	int in_syl = last >= SBASE && last < SBASE + SCOUNT;
	int c = 0, v = 0, f = 0;
	if (in_syl) {
		int s = (int)(last - SBASE);
		c = s / (21 * 28);
		v = (s / 28) % 21;
		f = s % 28;
	}
	if (is_vowel(key)) {
		int kv = (int)(key - 0x314F);
		int lc = idx(cho, 19, last);
		if (strlen(q) && lc >= 0) { put_cp(q, cap, at, syl(lc, kv, 0)); return; }
		if (in_syl && !f) {
			for (size_t i = 0; i < KYR_ARRAY_LEN(vpairs); i++)
				if (vpairs[i][0] == v && vpairs[i][1] == kv) { put_cp(q, cap, at, syl(c, vpairs[i][2], 0)); return; }
		}
		if (in_syl && f) {
			/* The final moves to a new syllable (half of it, if compound). */
			int keep = 0, move = f;
			for (size_t i = 0; i < KYR_ARRAY_LEN(fpairs); i++)
				if (fpairs[i][2] == f) { keep = fpairs[i][0]; move = fpairs[i][1]; }
			int nc = idx(cho, 19, jong[move]);
			if (nc >= 0) {
				put_cp(q, cap, at, syl(c, v, keep));
				put_cp(q, cap, strlen(q), syl(nc, kv, 0));
				return;
			}
		}
	} else if (in_syl) {
		int kf = idx(jong, 28, key);
		if (!f && kf > 0) { put_cp(q, cap, at, syl(c, v, kf)); return; }
		for (size_t i = 0; f && kf > 0 && i < KYR_ARRAY_LEN(fpairs); i++)
			if (fpairs[i][0] == f && fpairs[i][1] == kf) { put_cp(q, cap, at, syl(c, v, fpairs[i][2])); return; }
	}
	put_cp(q, cap, strlen(q), key);
}

/* ---- Ethiopic ---- */

/* The fidel is a table: each consonant a row of eight code points, its
 * vowel orders ä u i a e ə o, then (for most) the labialised wa. The keys
 * type a consonant in its sixth order (ብ, the bare consonant) and the
 * vowel keys are the vowel carrier's row (አ ኡ ኢ ኣ ኤ እ ኦ) plus ዋ: a vowel
 * key after a bare consonant turns it into that syllable (ብ ኡ → ቡ), as
 * SERA-style Ethiopic input methods do; anywhere else it types itself. */
#define ETH_FIRST 0x1200
#define ETH_LAST 0x135A
#define ETH_VOWELS 0x12A0   /* አ: the vowel carrier */
#define ETH_WA 0x12CB       /* ዋ: the labialisation key */

static int eth_defined(uint32_t cp) { return cp >= ETH_FIRST && cp <= ETH_LAST && u_isdefined((UChar32)cp); }

/* The labialised form of the consonant whose row starts at base: the
 * eighth of its row, or for ቀ ኀ ከ ገ (whose eighth is an older form) the
 * fourth of the following row (ቋ ኋ ኳ ጓ). 0 when there is none. */
static uint32_t eth_wa(uint32_t base)
{
	uint32_t cp = base == 0x1240 || base == 0x1280 || base == 0x12A8 || base == 0x1308 ? base + 11 : base + 7;
	return eth_defined(cp) ? cp : 0;
}

uint32_t kbd_ethiopic_bare(uint32_t cp)
{
	if (!eth_defined(cp) || (cp - ETH_FIRST) % 8 != 5 || (cp & ~7u) == ETH_VOWELS || (cp & ~7u) == 0x12D0 /* ዐ */)
		return 0;
	return cp - 5;
}

uint32_t kbd_ethiopic_form(uint32_t row, int order)
{
	uint32_t cp = order == 7 ? eth_wa(row) : row + (uint32_t)order;
	return order >= 0 && order <= 7 && eth_defined(cp) ? cp : 0;
}

static int ethiopic_type(char *q, size_t cap, uint32_t key)
{
	size_t at = 0;
	uint32_t last = last_cp(q, &at), base = kbd_ethiopic_bare(last);
	int vowel = key >= ETH_VOWELS && key <= ETH_VOWELS + 6;
	if ((!vowel && key != ETH_WA) || !base) return 0;
	uint32_t cp = kbd_ethiopic_form(base, vowel ? (int)(key - ETH_VOWELS) : 7);
	if (!cp) return 0;
	put_cp(q, cap, at, cp);
	return 1;
}

void kbd_type(int compose, char *query, size_t cap, const char *key)
{
	size_t n = strlen(key);
	if ((compose == KBD_HANGUL || compose == KBD_ETHIOPIC) && n) {
		size_t i = 0;
		uint32_t cp = utf8_next(key, n, &i);
		if (i == n && compose == KBD_HANGUL && cp >= 0x3131 && cp <= 0x3163) {
			hangul_type(query, cap, cp);
			return;
		}
		if (i == n && compose == KBD_ETHIOPIC && ethiopic_type(query, cap, cp)) return;
	}
	size_t len = strlen(query);
	if (len + n + 1 > cap) return;
	memcpy(query + len, key, n + 1);
}

void kbd_backspace(int compose, char *query)
{
	size_t at = 0;
	uint32_t last = last_cp(query, &at);
	if (!last) return;
	query[at] = 0;
	/* A syllable typed as consonant and vowel goes back to the consonant. */
	if (compose == KBD_ETHIOPIC && eth_defined(last) && (last & ~7u) != ETH_VOWELS && (last & ~7u) != 0x12D0) {
		static const uint32_t wa_rows[] = {0x1240, 0x1280, 0x12A8, 0x1308};   /* ቋ ኋ ኳ ጓ */
		uint32_t bare = 0;
		for (size_t i = 0; i < KYR_ARRAY_LEN(wa_rows); i++)
			if (eth_wa(wa_rows[i]) == last) bare = wa_rows[i] + 5;
		if (!bare && (last - ETH_FIRST) % 8 != 5) bare = (last & ~7u) + 5;
		if (bare && eth_defined(bare)) put_cp(query, at + 8, at, bare);
		return;
	}
	if (compose != KBD_HANGUL || last < SBASE || last >= SBASE + SCOUNT) return;
	int s = (int)(last - SBASE), c = s / (21 * 28), v = (s / 28) % 21, f = s % 28;
	size_t cap = at + 8;
	if (f) {
		int keep = 0;
		for (size_t i = 0; i < KYR_ARRAY_LEN(fpairs); i++)
			if (fpairs[i][2] == f) keep = fpairs[i][0];
		put_cp(query, cap, at, syl(c, v, keep));
		return;
	}
	for (size_t i = 0; i < KYR_ARRAY_LEN(vpairs); i++)
		if (vpairs[i][2] == v) { put_cp(query, cap, at, syl(c, vpairs[i][0], 0)); return; }
	put_cp(query, cap, at, cho[c]);
}
