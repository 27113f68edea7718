/* harness — the tiny test harness every tests/test_*.c uses.
 * CHECK records a pass or a failure (with file:line) and goes on;
 * harness_done() prints "N passed, N failed" and returns the exit status. */
#ifndef KYR_HARNESS_H
#define KYR_HARNESS_H

#include <stdio.h>
#include <string.h>

static int harness_pass, harness_fail;

#define CHECK(cond) do { \
	if (cond) harness_pass++; \
	else { harness_fail++; fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECKF(cond, ...) do { \
	if (cond) harness_pass++; \
	else { harness_fail++; fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
	       fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } \
} while (0)

#define CHECK_STR(a, b) CHECKF((a) && (b) && strcmp((a), (b)) == 0, "\"%s\" != \"%s\"", (a) ? (a) : "(null)", (b) ? (b) : "(null)")
#define CHECK_INT(a, b) CHECKF((long long)(a) == (long long)(b), "%lld != %lld", (long long)(a), (long long)(b))

#define RUN(fn) do { fprintf(stderr, "-- %s\n", #fn); fn(); } while (0)

/* Each row {input, reason}: parse(input, err, cap) must fail (-1) with an
 * error holding reason. One check per row. */
typedef int (*harness_parse_fn)(const char *in, char *err, size_t cap);
static inline void harness_refuses(harness_parse_fn parse, const char *const rows[][2], size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char err[256] = "";
		int rc = parse(rows[i][0], err, sizeof err);
		CHECKF(rc == -1 && strstr(err, rows[i][1]), "'%s': rc %d, \"%s\"", rows[i][0], rc, err);
	}
}

static inline int harness_done(void)
{
	printf("%d passed, %d failed\n", harness_pass, harness_fail);
	return harness_fail ? 1 : 0;
}

#endif
