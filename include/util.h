/* util — small shared helpers: logging, checked allocation, growable buffers,
 * whole-file reads and UTF-8 helpers. Everything else builds on these. */
#ifndef KYR_UTIL_H
#define KYR_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#define KYR_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define KYR_MIN(a, b) ((a) < (b) ? (a) : (b))
#define KYR_MAX(a, b) ((a) > (b) ? (a) : (b))

/* Logs one line to standard error, prefixed with the program name set by
 * kyr_log_init(). Never pass visitor data (taps, search text, articles). */
void kyr_log_init(const char *progname);
void kyr_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Faults met while a visitor uses the kiosk (a damaged article or
 * keyboard layout, a font face that will not open, a recording that will
 * not play, an ICU failure) are counted, never logged then: a log line
 * would record when the kiosk was used, and for a font, which script. The
 * operator screen shows and logs the counts; the content itself is checked
 * once at start (content.c). */
enum { KYR_FAULT_CONTENT, KYR_FAULT_FONT, KYR_FAULT_RECORDING, KYR_FAULT_TEXT, KYR_FAULT_COUNT };
void kyr_fault(int kind);
/* "2 damaged content items, 1 font face not opened" since start, or "". */
void kyr_faults_describe(char *out, size_t cap);

/* Allocation that aborts with a message when memory runs out: a kiosk with
 * no memory left cannot do anything useful, so callers need not check. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable byte buffer; always NUL-terminated after any append. */
typedef struct {
	char *data;
	size_t len, cap;
} buf_t;

void buf_append(buf_t *b, const void *p, size_t n);
void buf_puts(buf_t *b, const char *s);
void buf_putc(buf_t *b, char c);
void buf_printf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_free(buf_t *b);

/* FNV-1a over n bytes, continuing from h (start with HASH_INIT): the one
 * hash the caches and tables of this project use. */
#define HASH_INIT 2166136261u
uint32_t hash_bytes(uint32_t h, const void *p, size_t n);

/* Reads a whole regular file into a new NUL-terminated buffer (caller
 * frees). Returns NULL and sets errno on failure: EISDIR for a folder,
 * EINVAL for anything else that is not a regular file (a FIFO would hang,
 * a device never end). *len may be NULL. */
char *read_file(const char *path, size_t *len);

/* Decodes one UTF-8 code point at s[*i] (len bytes in all) and advances *i.
 * Invalid or truncated sequences decode as U+FFFD and advance one byte. */
uint32_t utf8_next(const char *s, size_t len, size_t *i);
/* Encodes cp into out (at least 4 bytes); returns the byte count. */
int utf8_encode(uint32_t cp, char *out);
/* Returns 1 when s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
int utf8_valid(const char *s, size_t len);

/* Drops from the process's resident memory the pages of read-only file
 * mappings whose path holds `name` and that have no private (written)
 * pages. They stay in the kernel's page cache and come back, without a
 * disk read, on the next touch: for data read a little per language (ICU's
 * break rules and dictionaries), so one visitor's languages do not add to
 * the next one's (docs/performance.md). */
void kyr_release_file_pages(const char *name);

#endif
