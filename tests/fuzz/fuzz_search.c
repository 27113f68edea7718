/* Fuzz target: store_search() with whatever a visitor could type, in any
 * language, on the real build/content.db. The query is quoted word by word
 * before FTS5 sees it, so no input may be an FTS5 syntax error, and every
 * hit must be complete. Byte 0 picks the language and the hit limit. */
#include "fuzz.h"
#include "store.h"
#include "util.h"

static store_t *search_fz_store;

FUZZ_TARGET(search)
{
	if (!search_fz_store) {
		char err[512], *db = xasprintf("%s/content.db", fuzz_build_dir());
		search_fz_store = store_open(db, err, sizeof err);
		if (!search_fz_store) { fprintf(stderr, "fuzz_search: %s\n", err); abort(); }
		free(db);
	}
	if (!size || size > 1024) return 0;   /* the search box holds far less */
	static const char *const langs[] = {"en", "es", "zh-Hans", "zh-Hant", "vi", "tl", "ar", "ht",
	                                    "ko", "ru", "pt", "fr", "prs", "hi", "am", "xx", ""};
	const char *lang = langs[data[0] % KYR_ARRAY_LEN(langs)];
	int max = 1 + (data[0] >> 4);
	char *q = fuzz_strndup(data + 1, size - 1);
	store_hit_t *hits = NULL;
	int n = store_search(search_fz_store, q, lang, max, &hits);
	FUZZ_ASSERT(n >= -1 && n <= max);
	for (int i = 0; i < n; i++) {
		FUZZ_ASSERT(hits[i].title && hits[i].snippet);
		FUZZ_ASSERT(!strcmp(hits[i].kind, "article") || !strcmp(hits[i].kind, "contact"));
	}
	store_hits_free(hits, n);
	free(q);
	return 0;
}
