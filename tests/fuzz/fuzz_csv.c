/* Fuzz target: the CSV reader kyr-build uses for contacts, languages and
 * regions. Every parsed field is a NUL-terminated string; rows keep
 * increasing line numbers. */
#include "fuzz.h"
#include "csv.h"

FUZZ_TARGET(csv)
{
	csv_t c = {0};
	int line = 0;
	char err[256];
	if (csv_parse((const char *)data, size, &c, &line, err, sizeof err) < 0) {
		FUZZ_ASSERT(c.n == 0 && line >= 0);
		FUZZ_ASSERT(memchr(err, 0, sizeof err));
		csv_free(&c);
		return 0;
	}
	int last = 0;
	for (size_t i = 0; i < c.n; i++) {
		FUZZ_ASSERT(c.rows[i].line > last);
		last = c.rows[i].line;
		for (size_t k = 0; k < c.rows[i].n; k++) FUZZ_ASSERT(c.rows[i].f[k] != NULL);
	}
	if (c.n && c.rows[0].n) {
		int col = csv_column(&c, c.rows[0].f[c.rows[0].n - 1]);
		FUZZ_ASSERT(col >= 0 && (size_t)col < c.rows[0].n);
	}
	csv_column(&c, "name");
	csv_free(&c);
	return 0;
}
