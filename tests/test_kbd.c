/* test_kbd — keyboard layouts (parse errors name the line) and typing:
 * plain keys, Hangul composition and its backspace, a full query. */
#include "harness.h"
#include "kbd.h"
#include "util.h"

#include <stdlib.h>

static void parses(void)
{
	kbd_layout_t k;
	char err[160];
	CHECK_INT(kbd_parse("# a comment\ntitle: Test\ndirection: rtl\nrow: a b c\nrow: d\n", &k, err, sizeof err), 0);
	CHECK_STR(k.title, "Test");
	CHECK_INT(k.rtl, 1);
	CHECK_INT(k.nrows, 2);
	CHECK(k.nkeys[0] == 3 && k.nkeys[1] == 1 && !strcmp(k.keys[0][2], "c") && !strcmp(k.keys[1][0], "d"));
	CHECK_INT(kbd_parse("title: 한글\ncompose: hangul\nrow: ㄱ ㅏ\n", &k, err, sizeof err), 0);
	CHECK_INT(k.compose, KBD_HANGUL);
	/* Every layout the content ships parses. */
	const char *files[] = {"arabic", "cyrillic", "dari", "hangul", "latin", "vietnamese"};
	for (size_t i = 0; i < KYR_ARRAY_LEN(files); i++) {
		char path[128];
		snprintf(path, sizeof path, "content/keyboards/%s.kbd", files[i]);
		size_t len;
		char *text = read_file(path, &len);
		CHECKF(text && kbd_parse(text, &k, err, sizeof err) == 0 && k.nrows > 0, "%s: %s", path, text ? err : "missing");
		free(text);
	}
}

static void refuses(void)
{
	static const struct { const char *text, *why; } bad[] = {
		{"title: x\nrow: a\nrow: b\nrow: c\nrow: d\nrow: e\nrow: f\nrow: g\n", "line 8: more than 6 rows"},
		{"row: a b c d e f g h i j k l m n o\n", "line 1: more than 14 keys"},
		{"title: x\nrow: abcdefghijklmnopq\n", "line 2: key"},
		{"title: x\ndirection: up\nrow: a\n", "line 2: direction"},
		{"compose: kana\nrow: a\n", "line 1: unknown composer"},
		{"title: x\nrows: a\n", "line 2: unknown key"},
		{"title: x\nnothing here\n", "line 2: expected 'key: value'"},
		{"title: x\n", "no rows"},
	};
	for (size_t i = 0; i < KYR_ARRAY_LEN(bad); i++) {
		kbd_layout_t k;
		char err[160] = "";
		int rc = kbd_parse(bad[i].text, &k, err, sizeof err);
		CHECKF(rc == -1 && strstr(err, bad[i].why), "case %zu: rc %d, \"%s\" (want \"%s\")", i, rc, err, bad[i].why);
	}
}

static void types(void)
{
	char q[32] = "";
	kbd_type(KBD_PLAIN, q, sizeof q, "a");
	kbd_type(KBD_PLAIN, q, sizeof q, "ñ");
	CHECK(!strcmp(q, "añ"));
	kbd_backspace(KBD_PLAIN, q);
	CHECK(!strcmp(q, "a"));   /* one character, not one byte */
	/* Hangul: ㅇ ㅕ ㅇ compose into 영; backspace takes one jamo off. */
	char h[32] = "";
	kbd_type(KBD_HANGUL, h, sizeof h, "ㅇ");
	kbd_type(KBD_HANGUL, h, sizeof h, "ㅕ");
	kbd_type(KBD_HANGUL, h, sizeof h, "ㅇ");
	CHECK(!strcmp(h, "영"));
	kbd_backspace(KBD_HANGUL, h);
	CHECK(!strcmp(h, "여"));
	/* What does not fit is dropped, never cut in the middle of a character. */
	char small[4] = "ab";
	kbd_type(KBD_PLAIN, small, sizeof small, "ñ");
	CHECK(!strcmp(small, "ab"));
}

int main(void)
{
	RUN(parses);
	RUN(refuses);
	RUN(types);
	return harness_done();
}
