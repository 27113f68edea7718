/* hyph — hyphenation points from Debian's hyphen-* dictionaries (libhyphen,
 * the LibreOffice pattern files in /usr/share/hyphen). The text engine asks
 * for them only for a word wider than any line it may take; a language
 * without a dictionary (or a kiosk without the package) gets none, and the
 * word is then broken between graphemes. */
#ifndef KYR_HYPH_H
#define KYR_HYPH_H

#include <stddef.h>
#include <stdint.h>

#ifndef KYR_HYPHEN_DIR
#define KYR_HYPHEN_DIR "/usr/share/hyphen"
#endif

/* Marks where word cps[0..n) (letters only, any case) may be hyphenated
 * for language lang (BCP 47): ok[i] = 1 allows a hyphen before cps[i].
 * Returns 1 when a dictionary for lang exists (ok filled, maybe all 0),
 * 0 when none does (ok all 0). Dictionaries are loaded on first use and
 * kept; the directory is KYR_HYPHEN_DIR unless hyph_set_dir changed it. */
int hyph_points(const char *lang, const uint32_t *cps, size_t n, unsigned char *ok);

/* 1 when a dictionary for lang exists (loads it). */
int hyph_available(const char *lang);

/* Looks for dictionaries in dir from now on (tests; NULL: the default);
 * drops those loaded. */
void hyph_set_dir(const char *dir);

#endif
