/* Tests for minisig: real signatures made at test time by the minisign tool
 * (keys, prehashed and legacy signatures) and hand-made ones for the cases
 * minisign will not produce (a key id shared by two keys, bad files). */
#include "harness.h"
#include "minisig.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <sodium.h>

static char dir[512];

static char *path_of(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
	va_list ap;
	buf_t cmd = {0};
	char tmp[4096];
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	buf_printf(&cmd, "cd '%s' && ( %s ) >/dev/null 2>&1", dir, tmp);
	int rc = system(cmd.data);
	buf_free(&cmd);
	return rc;
}

static char *slurp(const char *name, size_t *len)
{
	char *p = path_of(name);
	char *t = read_file(p, len);
	free(p);
	return t;
}

static void write_text(const char *name, const char *text, size_t len)
{
	char *p = path_of(name);
	FILE *f = fopen(p, "wb");
	if (f) {
		fwrite(text, 1, len, f);
		fclose(f);
	}
	free(p);
}

static int load_key(const char *name, minisig_key_t *k)
{
	char err[256];
	char *p = path_of(name);
	int rc = minisig_key_load(p, k, err, sizeof err);
	if (rc) fprintf(stderr, "%s\n", err);
	free(p);
	return rc;
}

static int load_sig(const char *name, minisig_sig_t *s)
{
	char err[256];
	size_t len;
	char *t = slurp(name, &len);
	int rc = t ? minisig_sig_parse(t, len, s, err, sizeof err) : -1;
	if (rc) fprintf(stderr, "%s: %s\n", name, t ? err : "missing");
	free(t);
	return rc;
}

/* Verifies data against sig, fed in pieces of `step` bytes. */
static int verify(const minisig_sig_t *s, const char *data, size_t len, size_t step, const minisig_key_t *keys,
                  size_t nkeys, int *used, size_t max_len)
{
	char err[256] = "";
	minisig_verify_t *v = minisig_verify_begin(s, max_len);
	for (size_t i = 0; i < len; i += step) minisig_verify_update(v, data + i, KYR_MIN(step, len - i));
	int rc = minisig_verify_end(v, keys, nkeys, used, err, sizeof err);
	if (rc) fprintf(stderr, "  (verify: %s)\n", err);
	return rc;
}

static minisig_key_t key_a, key_b;
static int have_minisign;

static void test_setup(void)
{
	const char *build = getenv("BUILD");
	snprintf(dir, sizeof dir, "%s/tmp/minisig", build ? build : "build");
	char *cmd = xasprintf("rm -rf '%s' && mkdir -p '%s'", dir, dir);
	CHECK(system(cmd) == 0);
	free(cmd);
	have_minisign = system("minisign -v >/dev/null 2>&1") == 0;
	CHECKF(have_minisign, "the minisign tool is needed (Debian package minisign)");
	CHECK(sodium_init() >= 0);
	if (!have_minisign) return;
	CHECK(sh("minisign -G -W -p a.pub -s a.key && minisign -G -W -p b.pub -s b.key") == 0);
	/* 200 000 bytes: several hash blocks, not a multiple of any step. */
	CHECK(sh("head -c 200000 /dev/urandom > data && : > empty && echo other > other") == 0);
	CHECK(sh("minisign -S -s a.key -m data -t 'KYR test bundle 7'") == 0);
	CHECK(sh("minisign -S -l -s a.key -m data -x data.legacy -t 'legacy one'") == 0);
	CHECK(sh("minisign -S -s a.key -m empty -t 'empty file'") == 0);
	CHECK(sh("minisign -S -s b.key -m data -x data.b -t 'from b'") == 0);
	CHECK(sh("minisign -S -s a.key -m other -t 'KYR test bundle 7'") == 0);
	CHECK(load_key("a.pub", &key_a) == 0);
	CHECK(load_key("b.pub", &key_b) == 0);
}

static void test_key_id(void)
{
	size_t len;
	char hex[17];
	char *pub = slurp("a.pub", &len);
	minisig_keyid_hex(key_a.keyid, hex);
	/* minisign names the key in the comment line: "minisign public key <ID>". */
	char *want = xasprintf("minisign public key %s\n", hex);
	CHECKF(pub && strstr(pub, want) != NULL, "key id %s not in %s", hex, pub ? pub : "(no a.pub)");
	free(want);
	free(pub);
	/* Little-endian, and like minisign's %PRIX64 without leading zeros. */
	const unsigned char a[8] = {0x87, 0xF2, 0xFB, 0x90, 0xBE, 0xF1, 0x64, 0x6F};
	const unsigned char b[8] = {0x2F, 0xD1, 0x0D, 0xEE, 0x13, 0x39, 0x9C, 0x07};
	const unsigned char c[8] = {0};
	const char *h = hex;  /* CHECK_STR wants a pointer */
	minisig_keyid_hex(a, hex);
	CHECK_STR(h, "6F64F1BE90FBF287");
	minisig_keyid_hex(b, hex);
	CHECK_STR(h, "79C3913EE0DD12F");
	minisig_keyid_hex(c, hex);
	CHECK_STR(h, "0");
}

static void test_prehashed(void)
{
	minisig_sig_t s;
	size_t len;
	int used = -2;
	char *data = slurp("data", &len);
	CHECK(load_sig("data.minisig", &s) == 0);
	CHECK(s.prehashed == 1);
	CHECK_STR(s.trusted_comment, "KYR test bundle 7");
	CHECK(data && len == 200000);
	if (!data) return;
	CHECK_INT(verify(&s, data, len, len, &key_a, 1, &used, 0), MINISIG_OK);
	CHECK_INT(used, 0);
	CHECK_INT(verify(&s, data, len, 1000, &key_a, 1, NULL, 0), MINISIG_OK);
	CHECK_INT(verify(&s, data, len, 65537, &key_a, 1, NULL, 0), MINISIG_OK);
	/* Rotation: the right key among several, in any position. */
	minisig_key_t both[2] = {key_b, key_a};
	CHECK_INT(verify(&s, data, len, 4096, both, 2, &used, 0), MINISIG_OK);
	CHECK_INT(used, 1);
	/* Untrusted signer, changed data, truncated data. */
	CHECK_INT(verify(&s, data, len, 4096, &key_b, 1, &used, 0), MINISIG_UNKNOWN_KEY);
	CHECK_INT(used, -1);
	CHECK_INT(verify(&s, data, len, 4096, NULL, 0, NULL, 0), MINISIG_UNKNOWN_KEY);
	data[123456] ^= 1;
	CHECK_INT(verify(&s, data, len, 4096, &key_a, 1, NULL, 0), MINISIG_BAD_SIGNATURE);
	data[123456] ^= 1;
	CHECK_INT(verify(&s, data, len - 1, 4096, &key_a, 1, NULL, 0), MINISIG_BAD_SIGNATURE);
	/* A signature of another file. */
	minisig_sig_t o;
	CHECK(load_sig("other.minisig", &o) == 0);
	CHECK_INT(verify(&o, data, len, 4096, &key_a, 1, NULL, 0), MINISIG_BAD_SIGNATURE);
	/* The trusted comment is bound to the signature. */
	snprintf(s.trusted_comment, sizeof s.trusted_comment, "KYR test bundle 8");
	CHECK_INT(verify(&s, data, len, 4096, &key_a, 1, NULL, 0), MINISIG_BAD_COMMENT);
	/* Someone else's signature, relabelled with the trusted key's id:
	 * the id picks the key, the signature still fails. */
	minisig_sig_t b;
	CHECK(load_sig("data.b", &b) == 0);
	CHECK_INT(verify(&b, data, len, 4096, &key_a, 1, NULL, 0), MINISIG_UNKNOWN_KEY);
	memcpy(b.keyid, key_a.keyid, sizeof b.keyid);
	CHECK_INT(verify(&b, data, len, 4096, &key_a, 1, NULL, 0), MINISIG_BAD_SIGNATURE);
	/* Two trusted keys sharing an id: both are tried. */
	minisig_key_t clash[2] = {key_b, key_a};
	memcpy(clash[0].keyid, key_a.keyid, sizeof clash[0].keyid);
	CHECK(load_sig("data.minisig", &s) == 0);
	CHECK_INT(verify(&s, data, len, 4096, clash, 2, &used, 0), MINISIG_OK);
	CHECK_INT(used, 1);
	free(data);
}

static void test_legacy(void)
{
	minisig_sig_t s;
	size_t len;
	char *data = slurp("data", &len);
	CHECK(load_sig("data.legacy", &s) == 0);
	CHECK(s.prehashed == 0);
	CHECK_STR(s.trusted_comment, "legacy one");
	if (!data) return;
	CHECK_INT(verify(&s, data, len, 777, &key_a, 1, NULL, len), MINISIG_OK);
	CHECK_INT(verify(&s, data, len, 777, &key_a, 1, NULL, len - 1), MINISIG_TOO_LARGE);
	data[0] ^= 0x80;
	CHECK_INT(verify(&s, data, len, 777, &key_a, 1, NULL, len), MINISIG_BAD_SIGNATURE);
	free(data);
}

static void test_empty_file(void)
{
	minisig_sig_t s;
	CHECK(load_sig("empty.minisig", &s) == 0);
	CHECK_STR(s.trusted_comment, "empty file");
	CHECK_INT(verify(&s, "", 0, 1, &key_a, 1, NULL, 0), MINISIG_OK);
	CHECK_INT(verify(&s, "x", 1, 1, &key_a, 1, NULL, 0), MINISIG_BAD_SIGNATURE);
}

/* Rewrites line `n` (1-based) of a signature file's text. */
static char *with_line(const char *text, int n, const char *line)
{
	buf_t b = {0};
	const char *p = text;
	for (int i = 1; *p; i++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (i == n) buf_puts(&b, line);
		else buf_append(&b, p, len);
		buf_putc(&b, '\n');
		p += len + (nl ? 1 : 0);
	}
	return b.data;
}

static int parses(const char *text, size_t len)
{
	minisig_sig_t s;
	char err[256] = "";
	int rc = minisig_sig_parse(text, len, &s, err, sizeof err);
	CHECK(rc == 0 || err[0]);
	return rc == 0;
}

static void test_parse_errors(void)
{
	size_t len;
	char *t = slurp("data.minisig", &len);
	if (!t) return;
	CHECK(parses(t, len));
	CHECK(!parses(t, 0));
	CHECK(!parses(t, len / 2));
	/* Without the final newline it is still the same four lines. */
	CHECK(parses(t, len - 1));
	/* CRLF line ends, as an editor on Windows might leave them. */
	buf_t crlf = {0};
	for (size_t i = 0; i < len; i++) {
		if (t[i] == '\n') buf_putc(&crlf, '\r');
		buf_putc(&crlf, t[i]);
	}
	CHECK(parses(crlf.data, crlf.len));
	buf_free(&crlf);
	/* A fifth line, a NUL byte. */
	buf_t more = {0};
	buf_append(&more, t, len);
	buf_puts(&more, "extra\n");
	CHECK(!parses(more.data, more.len));
	more.data[5] = 0;
	CHECK(!parses(more.data, len));
	buf_free(&more);

	char *lines[4];
	char *p = xstrdup(t);
	for (int i = 0; i < 4; i++) {
		lines[i] = strsep(&p, "\n");
		CHECK(lines[i] != NULL);
	}
	if (!lines[3]) return;
	char *bad;
	bad = with_line(t, 1, "comment: x");
	CHECK(!parses(bad, strlen(bad)));
	free(bad);
	bad = with_line(t, 3, "trusted: x");
	CHECK(!parses(bad, strlen(bad)));
	free(bad);
	/* Base64: one character short, one too many, a character outside
	 * the alphabet, the URL-safe alphabet. */
	char *line = xstrdup(lines[1]);
	line[strlen(line) - 1] = 0;
	bad = with_line(t, 2, line);
	CHECK(!parses(bad, strlen(bad)));
	free(bad);
	free(line);
	line = xasprintf("%sA", lines[3]);
	bad = with_line(t, 4, line);
	CHECK(!parses(bad, strlen(bad)));
	free(bad);
	free(line);
	line = xstrdup(lines[1]);
	line[10] = '*';
	bad = with_line(t, 2, line);
	CHECK(!parses(bad, strlen(bad)));
	free(bad);
	line[10] = '-';
	bad = with_line(t, 2, line);
	CHECK(!parses(bad, strlen(bad)));
	free(bad);
	free(line);
	/* An unknown algorithm: "ET" instead of "ED" (base64 "RU" -> "RV"). */
	line = xstrdup(lines[1]);
	CHECK(strncmp(line, "RU", 2) == 0);
	line[1] = 'V';
	bad = with_line(t, 2, line);
	CHECK(!parses(bad, strlen(bad)));
	free(bad);
	free(line);
	/* A trusted comment longer than minisign allows. */
	buf_t longc = {0};
	buf_puts(&longc, "trusted comment: ");
	for (int i = 0; i < MINISIG_COMMENT_MAX + 1; i++) buf_putc(&longc, 'x');
	bad = with_line(t, 3, longc.data);
	CHECK(!parses(bad, strlen(bad)));
	free(bad);
	buf_free(&longc);
	free(lines[0]);
	free(t);
}

static void test_key_errors(void)
{
	minisig_key_t k;
	char err[256];
	size_t len;
	char *t = slurp("a.pub", &len);
	if (!t) return;
	CHECK(minisig_key_parse(t, len, &k, err, sizeof err) == 0);
	CHECK(memcmp(&k, &key_a, sizeof k) == 0);
	CHECK(minisig_key_parse(t, len - 2, &k, err, sizeof err) < 0);
	/* A secret key file is not a public key. */
	char *sec = slurp("a.key", &len);
	CHECK(sec && minisig_key_parse(sec, len, &k, err, sizeof err) < 0);
	free(sec);
	/* A signature file is not a public key either. */
	char *sig = slurp("data.minisig", &len);
	CHECK(sig && minisig_key_parse(sig, len, &k, err, sizeof err) < 0);
	free(sig);
	char *p = path_of("no-such.pub");
	CHECK(minisig_key_load(p, &k, err, sizeof err) < 0 && strstr(err, "no-such.pub"));
	free(p);
	free(t);
}

/* A signature made here with libsodium, the way FACTS.md describes the
 * format, must satisfy both this module and the minisign tool. */
static void test_own_signature(void)
{
	unsigned char pk[32], sk[64], keyid[8], hash[64], sig[64];
	unsigned char bin[74], keybin[42], *g;
	char b64[128], line[256];
	const char *msg = "hand-made bundle\n", *tc = "made by test_minisig";
	crypto_sign_keypair(pk, sk);
	randombytes_buf(keyid, sizeof keyid);
	crypto_generichash(hash, sizeof hash, (const unsigned char *)msg, strlen(msg), NULL, 0);
	crypto_sign_detached(sig, NULL, hash, sizeof hash, sk);
	memcpy(bin, "ED", 2);
	memcpy(bin + 2, keyid, 8);
	memcpy(bin + 10, sig, 64);
	buf_t file = {0};
	buf_puts(&file, "untrusted comment: hand-made\n");
	buf_printf(&file, "%s\n", sodium_bin2base64(b64, sizeof b64, bin, sizeof bin, sodium_base64_VARIANT_ORIGINAL));
	buf_printf(&file, "trusted comment: %s\n", tc);
	g = xmalloc(64 + strlen(tc));
	memcpy(g, sig, 64);
	memcpy(g + 64, tc, strlen(tc));
	crypto_sign_detached(sig, NULL, g, 64 + strlen(tc), sk);
	free(g);
	buf_printf(&file, "%s\n", sodium_bin2base64(b64, sizeof b64, sig, 64, sodium_base64_VARIANT_ORIGINAL));
	memcpy(keybin, "Ed", 2);
	memcpy(keybin + 2, keyid, 8);
	memcpy(keybin + 10, pk, 32);
	snprintf(line, sizeof line, "untrusted comment: hand-made key\n%s\n",
	         sodium_bin2base64(b64, sizeof b64, keybin, sizeof keybin, sodium_base64_VARIANT_ORIGINAL));

	minisig_key_t k;
	minisig_sig_t s;
	char err[256];
	CHECK(minisig_key_parse(line, strlen(line), &k, err, sizeof err) == 0);
	CHECK(minisig_sig_parse(file.data, file.len, &s, err, sizeof err) == 0);
	CHECK_INT(verify(&s, msg, strlen(msg), 3, &k, 1, NULL, 0), MINISIG_OK);
	write_text("own", msg, strlen(msg));
	write_text("own.minisig", file.data, file.len);
	write_text("own.pub", line, strlen(line));
	if (have_minisign) CHECK(sh("minisign -V -p own.pub -m own") == 0);
	buf_free(&file);
}

int main(void)
{
	RUN(test_setup);
	if (have_minisign) {
		RUN(test_key_id);
		RUN(test_prehashed);
		RUN(test_legacy);
		RUN(test_empty_file);
		RUN(test_parse_errors);
		RUN(test_key_errors);
	}
	RUN(test_own_signature);
	return harness_done();
}
