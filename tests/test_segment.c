/* test_segment — word segmentation for the search index: Chinese words
 * found without spaces, punctuation dropped or kept, Latin text unchanged. */
#include "harness.h"
#include "segment.h"

static void words(void)
{
	buf_t b = {0};
	int n = segment_words("Hello, world!", 13, "en", &b);
	CHECK_INT(n, 2);
	CHECK_STR(b.data, "Hello world");   /* case is the tokenizer's business */
	buf_free(&b);
	/* "如果移民局" has no spaces: ICU's dictionary finds the words. */
	const char *zh = "如果移民局来敲门";
	n = segment_words(zh, strlen(zh), "zh-Hans", &b);
	CHECKF(n >= 3 && strchr(b.data, ' ') != NULL, "%d words: %s", n, b.data ? b.data : "");
	buf_free(&b);
	n = segment_words("", 0, "en", &b);
	CHECK_INT(n, 0);
	buf_free(&b);
}

static void spaced(void)
{
	buf_t b = {0};
	const char *zh = "如果移民。";
	int n = segment_spaced(zh, strlen(zh), "zh-Hans", &b);
	CHECKF(n >= 2 && strstr(b.data, " ") && strstr(b.data, "。"), "%d: %s", n, b.data ? b.data : "");
	buf_free(&b);
	/* Text that already has spaces between its words comes back unchanged. */
	n = segment_spaced("Know your rights.", 17, "en", &b);
	CHECK_INT(n, 3);
	CHECK_STR(b.data, "Know your rights.");
	buf_free(&b);
}

int main(void)
{
	RUN(words);
	RUN(spaced);
	return harness_done();
}
