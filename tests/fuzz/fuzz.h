/* fuzz — shared by the fuzz targets in tests/fuzz/fuzz_<name>.c.
 *
 * Each target is written once and built twice (docs/fuzzing.md):
 *  - with libFuzzer (`make fuzz`): FUZZ_TARGET(name) is LLVMFuzzerTestOneInput;
 *  - for replay in `make check`: tests/test_fuzz_regress.c defines
 *    FUZZ_REPLAY and includes every target, so FUZZ_TARGET(name) becomes
 *    fuzz_<name>(), run over tests/fuzz/corpus/<name>/ and regress/<name>/.
 * A target returns 0; a broken invariant is an abort() (FUZZ_ASSERT), which
 * libFuzzer reports as a crash and the replay test as a failure.
 * Everything here is static: all targets share one translation unit in the
 * replay build, so each target prefixes its own helpers with its name. */
#ifndef KYR_FUZZ_H
#define KYR_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifdef FUZZ_REPLAY
#define FUZZ_TARGET(name) \
	int fuzz_##name(const uint8_t *data, size_t size); \
	int fuzz_##name(const uint8_t *data, size_t size)
#else
#define FUZZ_TARGET(name) \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size); \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
#endif

#define FUZZ_ASSERT(cond) do { \
	if (!(cond)) { fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond); abort(); } \
} while (0)

/* A NUL-terminated copy of the input (caller frees). */
static inline char *fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s) abort();
	if (size) memcpy(s, data, size);
	s[size] = 0;
	return s;
}

/* The input as a file for APIs that take a path: an anonymous memory file,
 * reachable as /proc/self/fd/N (path[] must hold 32 bytes). Nothing touches
 * the disk. Returns the descriptor to close, or -1. */
static inline int fuzz_memfile(const uint8_t *data, size_t size, char path[32])
{
	int fd = memfd_create("kyr-fuzz", MFD_CLOEXEC);
	if (fd < 0) return -1;
	size_t off = 0;
	while (off < size) {
		ssize_t w = write(fd, data + off, size - off);
		if (w <= 0) { close(fd); return -1; }
		off += (size_t)w;
	}
	snprintf(path, 32, "/proc/self/fd/%d", fd);
	return fd;
}

/* Files the targets read: KYR_FUZZ_BUILD (default "build")/content.db and
 * /fonts. The replay test sets it from $BUILD. */
static inline const char *fuzz_build_dir(void)
{
	const char *b = getenv("KYR_FUZZ_BUILD");
	return b && *b ? b : "build";
}

#endif
