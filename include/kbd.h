/* kbd — on-screen keyboard layouts and typing.
 *
 * Layouts are content (content/keyboards/<name>.kbd, format in
 * docs/keyboards.md): rows of keys, each key the text it types, and an
 * optional composer. kbd_parse() is shared by kyr-build (which refuses a
 * bad layout with file and line) and the kiosk. kbd_type() and
 * kbd_backspace() edit a query the way a phone keyboard would, composing
 * Hangul jamo into syllables for Korean and an Ethiopic consonant and the
 * vowel typed after it into one syllable for Amharic. */
#ifndef KYR_KBD_H
#define KYR_KBD_H

#include <stddef.h>
#include <stdint.h>

#define KBD_MAX_ROWS 6
#define KBD_MAX_KEYS 14
#define KBD_KEY_BYTES 16

enum kbd_compose { KBD_PLAIN = 0, KBD_HANGUL = 1, KBD_ETHIOPIC = 2 };

typedef struct {
	char title[64];                 /* "Latin", "Hangul" … */
	int compose;                    /* enum kbd_compose */
	int rtl;                        /* keys laid out right to left */
	int nrows;
	int nkeys[KBD_MAX_ROWS];
	char keys[KBD_MAX_ROWS][KBD_MAX_KEYS][KBD_KEY_BYTES];
} kbd_layout_t;

/* A language's keyboards (languages.csv's keyboard column): up to
 * KBD_MAX_LAYOUTS names separated by spaces, the first shown first; the
 * visitor switches between them with one key ("devanagari-hi roman"). */
#define KBD_MAX_LAYOUTS 2
#define KBD_NAME_BYTES 32
/* Splits list into names; returns how many (extra names are dropped). */
int kbd_names(const char *list, char names[KBD_MAX_LAYOUTS][KBD_NAME_BYTES]);

/* Parses a layout. Returns 0, or -1 with "line N: reason" in err. */
int kbd_parse(const char *text, kbd_layout_t *out, char *err, size_t errlen);

/* Types key (UTF-8) at the end of query (NUL-terminated, cap bytes),
 * composing when the layout says so. Text that does not fit is dropped. */
void kbd_type(int compose, char *query, size_t cap, const char *key);
/* Ethiopic: the row (its first code point) of cp when cp is a bare
 * consonant (sixth order, not the vowel carriers አ ዐ), else 0; and the
 * syllable of a row in an order (0-6 ä u i a e ə o, 7 labialised wa), 0
 * when Unicode has none. */
uint32_t kbd_ethiopic_bare(uint32_t cp);
uint32_t kbd_ethiopic_form(uint32_t row, int order);

/* Deletes the last thing typed: one jamo of a Hangul syllable, the vowel
 * of an Ethiopic syllable (ቡ → ብ), else one character. */
void kbd_backspace(int compose, char *query);

#endif
