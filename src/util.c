/* util — see include/util.h. */
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static const char *log_prog = "kyr";

void kyr_log_init(const char *progname) { log_prog = progname; }

void kyr_log(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", log_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static unsigned faults[KYR_FAULT_COUNT];

void kyr_fault(int kind)
{
	if (kind >= 0 && kind < KYR_FAULT_COUNT) faults[kind]++;
}

void kyr_faults_describe(char *out, size_t cap)
{
	static const char *const what[KYR_FAULT_COUNT] = {
		"damaged content items (articles, keyboard layouts)", "font faces not opened",
		"recordings not played", "text layout failures (ICU)",
	};
	size_t n = 0;
	if (cap) out[0] = 0;
	for (int i = 0; i < KYR_FAULT_COUNT; i++)
		if (faults[i] && n < cap)
			n += (size_t)snprintf(out + n, cap - n, "%s%u %s", n ? ", " : "", faults[i], what[i]);
}

static void oom(size_t n)
{
	fprintf(stderr, "%s: out of memory (%zu bytes)\n", log_prog, n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) oom(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p) oom(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) oom(n);
	return p;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

char *xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = 0;
	return d;
}

char *xasprintf(const char *fmt, ...)
{
	buf_t b = {0};
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	b.data = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(b.data, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return b.data;
}

static void buf_grow(buf_t *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap) return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1) cap *= 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void buf_append(buf_t *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n) memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = 0;
}

void buf_puts(buf_t *b, const char *s) { buf_append(b, s, strlen(s)); }
void buf_putc(buf_t *b, char c) { buf_append(b, &c, 1); }

void buf_printf(buf_t *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) return;
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void buf_free(buf_t *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

uint32_t hash_bytes(uint32_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 16777619u;
	return h;
}

char *read_file(const char *path, size_t *len)
{
	/* O_NONBLOCK: a FIFO must not hang the open; fstat then refuses it. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	if (fd < 0) return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		return NULL;
	}
	fcntl(fd, F_SETFL, O_RDONLY);
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		close(fd);
		return NULL;
	}
	buf_t b = {0};
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(&b, chunk, n);
	int err = ferror(f);
	fclose(f);
	if (err) {
		buf_free(&b);
		errno = EIO;
		return NULL;
	}
	if (!b.data) buf_append(&b, "", 0);
	if (len) *len = b.len;
	return b.data;
}

uint32_t utf8_next(const char *str, size_t len, size_t *i)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t p = *i;
	unsigned c = s[p];
	int need;
	uint32_t cp, min;
	if (c < 0x80) { *i = p + 1; return c; }
	if ((c & 0xE0) == 0xC0) { need = 1; cp = c & 0x1F; min = 0x80; }
	else if ((c & 0xF0) == 0xE0) { need = 2; cp = c & 0x0F; min = 0x800; }
	else if ((c & 0xF8) == 0xF0) { need = 3; cp = c & 0x07; min = 0x10000; }
	else goto bad;
	for (int k = 1; k <= need; k++) {
		if (p + (size_t)k >= len || (s[p + k] & 0xC0) != 0x80) goto bad;
		cp = (cp << 6) | (s[p + k] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) goto bad;
	*i = p + 1 + (size_t)need;
	return cp;
bad:
	*i = p + 1;
	return 0xFFFD;
}

int utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
	if (cp < 0x800) { o[0] = (unsigned char)(0xC0 | (cp >> 6)); o[1] = (unsigned char)(0x80 | (cp & 0x3F)); return 2; }
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

int utf8_valid(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		size_t start = i;
		uint32_t cp = utf8_next(s, len, &i);
		if (cp == 0xFFFD && !(i - start == 3 && (unsigned char)s[start] == 0xEF)) return 0;
	}
	return 1;
}

void kyr_release_file_pages(const char *name)
{
	FILE *f = fopen("/proc/self/smaps", "re");
	char line[512];
	unsigned long lo = 0, hi = 0;
	int match = 0;
	while (f && fgets(line, sizeof line, f)) {
		unsigned long a, b;
		char perms[8], path[256] = "";
		long anon;
		/* "Rss:   12 kB": a mapping's field (twenty a mapping, thousands in
		 * all), skipped without sscanf unless it is the one wanted. */
		size_t key = strcspn(line, " ");
		if (key > 0 && line[key - 1] == ':') {
			if (match && !strncmp(line, "Anonymous:", 10) && sscanf(line, "Anonymous: %ld kB", &anon) == 1) {
				/* Pages written once (relocations) are private: never these. */
				if (anon == 0) madvise((void *)lo, hi - lo, MADV_DONTNEED);
				match = 0;
			}
			continue;
		}
		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %255s", &a, &b, perms, path) >= 3) {
			lo = a;
			hi = b;
			match = !strcmp(perms, "r--p") && strstr(path, name) != NULL;
		}
	}
	if (f) fclose(f);
}

/* AddressSanitizer builds: gcc says so with __SANITIZE_ADDRESS__, clang
 * (the libFuzzer build) with __has_feature. */
#if defined(__SANITIZE_ADDRESS__)
#define KYR_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KYR_ASAN 1
#endif
#endif

#ifdef KYR_ASAN
/* LeakSanitizer's suppressions, built into SAN=1 binaries (a file would be
 * read at exit, when the sandbox no longer lets the kiosk open it).
 * libhyphen 2.8.8 (Debian 12 and 13) leaks 17 small strings of its own
 * while it loads hyph_fr* and hyph_ru_RU (hnj_malloc inside
 * hnj_hyphen_load, whether or not the dictionary is freed; reproduced with
 * a five-line program). The kiosk loads each dictionary once: a one-off,
 * not growth. Our own allocations stay checked. SAN=1 and the fuzz
 * targets both link it. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libhyphen.so\n";
}
#endif
