/* Fuzz target: an article's front matter (the "---" header block). */
#include "fuzz.h"
#include "frontmatter.h"

FUZZ_TARGET(frontmatter)
{
	fm_t fm = {0};
	int line = 0;
	char err[256];
	if (fm_parse((const char *)data, size, &fm, &line, err, sizeof err) == 0) {
		FUZZ_ASSERT(fm.body_off <= size && fm.body_line >= 1);
		for (size_t i = 0; i < fm.n; i++) {
			FUZZ_ASSERT(fm.f[i].key && fm.f[i].value);
			FUZZ_ASSERT(fm_get(&fm, fm.f[i].key) != NULL);
			for (size_t k = 0; k < fm.f[i].nitems; k++) FUZZ_ASSERT(fm.f[i].items[k] != NULL);
		}
	} else {
		FUZZ_ASSERT(fm.n == 0);
	}
	fm_free(&fm);
	return 0;
}
