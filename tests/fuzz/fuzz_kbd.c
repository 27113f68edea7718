/* Fuzz target: on-screen keyboards. The input is a layout to parse, or a
 * key sequence typed into a search box (Hangul and Ethiopic composition):
 *   byte 0 even: kbd_parse() on the rest;
 *   byte 0 odd:  bit 1 picks Hangul composition, else bit 2 Ethiopic
 *                (consonant then vowel); then each byte is one key
 *                press: 0x00-0x0f backspace, 0x10-0x7f a key from a table
 *                of jamo, Latin, accented and other keys, 0x80-0xff the next
 *                (byte & 0x0f) input bytes as one raw key (maybe not UTF-8).
 * The query stays NUL-terminated inside its buffer, and valid UTF-8 while
 * every key typed was. */
#include "fuzz.h"
#include "kbd.h"
#include "util.h"

#define KBD_FZ_CAP 64

static const char *const kbd_fz_keys[] = {
	"ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄸ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ",
	"ㅁ", "ㅂ", "ㅃ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅉ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ",
	"ㅏ", "ㅐ", "ㅑ", "ㅒ", "ㅓ", "ㅔ", "ㅕ", "ㅖ", "ㅗ", "ㅘ", "ㅙ", "ㅚ", "ㅛ", "ㅜ", "ㅝ", "ㅞ",
	"ㅟ", "ㅠ", "ㅡ", "ㅢ", "ㅣ", "가", "힣", "a", "z", " ", "ñ", "é", "ư", "ộ", "ж", "ب", "ی",
	"ء", "\xd9\x8e", "中", "😀", "A\xcc\x81", "ㅤ", "ㆍ",
	"ብ", "ኡ", "ዋ", "ግ", "ቅ", "ቋ", "አ", "እ", "ዕ", "ፚ", "ሏ",
};

FUZZ_TARGET(kbd)
{
	if (!size) return 0;
	if (!(data[0] & 1)) {
		char *text = fuzz_strndup(data + 1, size - 1);
		kbd_layout_t l;
		char err[256];
		if (kbd_parse(text, &l, err, sizeof err) == 0) {
			FUZZ_ASSERT(l.nrows >= 0 && l.nrows <= KBD_MAX_ROWS);
			for (int r = 0; r < l.nrows; r++) {
				FUZZ_ASSERT(l.nkeys[r] >= 0 && l.nkeys[r] <= KBD_MAX_KEYS);
				for (int k = 0; k < l.nkeys[r]; k++) FUZZ_ASSERT(memchr(l.keys[r][k], 0, KBD_KEY_BYTES));
			}
		}
		free(text);
		return 0;
	}
	int compose = data[0] & 2 ? KBD_HANGUL : data[0] & 4 ? KBD_ETHIOPIC : KBD_PLAIN;
	/* The query lives at the end of a heap block so ASan sees any overrun. */
	char *q = malloc(KBD_FZ_CAP);
	if (!q) abort();
	q[0] = 0;
	int all_utf8 = 1;
	for (size_t i = 1; i < size; i++) {
		unsigned b = data[i];
		if (b < 0x10) {
			kbd_backspace(compose, q);
		} else if (b < 0x80) {
			kbd_type(compose, q, KBD_FZ_CAP, kbd_fz_keys[(b - 0x10) % KYR_ARRAY_LEN(kbd_fz_keys)]);
		} else {
			size_t n = KYR_MIN((size_t)(b & 0x0f), size - i - 1);
			char key[16];
			memcpy(key, data + i + 1, n);
			key[n] = 0;
			i += n;
			all_utf8 &= utf8_valid(key, strlen(key));
			kbd_type(compose, q, KBD_FZ_CAP, key);
		}
		FUZZ_ASSERT(memchr(q, 0, KBD_FZ_CAP) != NULL);
		if (all_utf8) FUZZ_ASSERT(utf8_valid(q, strlen(q)));
	}
	free(q);
	return 0;
}
