/* Replays every fuzz target (tests/fuzz/fuzz_<name>.c) without libFuzzer
 * over the files in tests/fuzz/corpus/<name>/ and tests/fuzz/regress/<name>/:
 * the seed inputs and every input that once crashed or broke an invariant
 * stay tested in `make check` (and under ASan/UBSan with SAN=1). A target
 * breaks an invariant by aborting, so a failure here stops this program;
 * the file being replayed is printed first. See docs/fuzzing.md. */
#include "harness.h"
#include "util.h"

#include <dirent.h>
#include <stdlib.h>

#define FUZZ_REPLAY 1
#include "fuzz/fuzz_article.c"
#include "fuzz/fuzz_blocks.c"
#include "fuzz/fuzz_config.c"
#include "fuzz/fuzz_csv.c"
#include "fuzz/fuzz_frontmatter.c"
#include "fuzz/fuzz_kbd.c"
#include "fuzz/fuzz_minisig.c"
#include "fuzz/fuzz_po.c"
#include "fuzz/fuzz_script.c"
#include "fuzz/fuzz_search.c"
#include "fuzz/fuzz_store.c"
#include "fuzz/fuzz_text.c"

typedef int (*fuzz_fn)(const uint8_t *data, size_t size);
static const struct { const char *name; fuzz_fn fn; } targets[] = {
	{"article", fuzz_article}, {"blocks", fuzz_blocks}, {"config", fuzz_config},
	{"csv", fuzz_csv}, {"frontmatter", fuzz_frontmatter}, {"kbd", fuzz_kbd},
	{"minisig", fuzz_minisig}, {"po", fuzz_po}, {"script", fuzz_script},
	{"search", fuzz_search}, {"store", fuzz_store}, {"text", fuzz_text},
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs fn over every file in dir (sorted, so failures are reproducible);
 * returns how many were run. */
static int replay_dir(const char *name, fuzz_fn fn, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) return 0;
	char **files = NULL;
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.' || !strcmp(e->d_name, "README")) continue;
		files = xrealloc(files, (n + 1) * sizeof *files);
		files[n++] = xasprintf("%s/%s", dir, e->d_name);
	}
	closedir(d);
	qsort(files, n, sizeof *files, cmp_str);
	for (size_t i = 0; i < n; i++) {
		size_t len;
		char *data = read_file(files[i], &len);
		CHECKF(data != NULL, "%s: cannot read", files[i]);
		if (data) {
			fprintf(stderr, "%s %s\n", name, files[i]);
			CHECKF(fn((const uint8_t *)data, len) == 0, "%s", files[i]);
		}
		free(data);
		free(files[i]);
	}
	free(files);
	return (int)n;
}

/* Every tests/fuzz/fuzz_*.c is in the table above (a new target is not
 * forgotten here). */
static void test_all_targets_listed(void)
{
	DIR *d = opendir("tests/fuzz");
	CHECK(d != NULL);
	if (!d) return;
	for (struct dirent *e; (e = readdir(d));) {
		size_t n = strlen(e->d_name);
		if (strncmp(e->d_name, "fuzz_", 5) || n < 7 || strcmp(e->d_name + n - 2, ".c")) continue;
		int found = 0;
		for (size_t i = 0; i < KYR_ARRAY_LEN(targets); i++)
			found |= strlen(targets[i].name) == n - 7 && !strncmp(targets[i].name, e->d_name + 5, n - 7);
		CHECKF(found, "tests/fuzz/%s is not replayed by tests/test_fuzz_regress.c", e->d_name);
	}
	closedir(d);
}

int main(void)
{
	const char *build = getenv("BUILD");
	setenv("KYR_FUZZ_BUILD", build && *build ? build : "build", 1);
	RUN(test_all_targets_listed);
	for (size_t i = 0; i < KYR_ARRAY_LEN(targets); i++) {
		char *corpus = xasprintf("tests/fuzz/corpus/%s", targets[i].name);
		char *regress = xasprintf("tests/fuzz/regress/%s", targets[i].name);
		int n = replay_dir(targets[i].name, targets[i].fn, corpus);
		CHECKF(n > 0, "%s: no seed inputs", corpus);
		n += replay_dir(targets[i].name, targets[i].fn, regress);
		printf("%-12s %d inputs replayed\n", targets[i].name, n);
		free(corpus);
		free(regress);
	}
	return harness_done();
}
