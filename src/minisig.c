/* minisig — minisign signatures checked with libsodium; see include/minisig.h.
 * Parsing is strict on purpose: a signature file that minisign itself would
 * not write is refused rather than guessed at. */
#include "minisig.h"
#include "util.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#define UNTRUSTED_PREFIX "untrusted comment: "
#define TRUSTED_PREFIX "trusted comment: "
/* minisign's limit for the untrusted comment line, prefix included. */
#define UNTRUSTED_MAX 1024

/* Base64 (with padding) of the binary lines. */
#define KEY_BYTES (2 + MINISIG_KEYID_BYTES + MINISIG_PK_BYTES)
#define SIG_BYTES (2 + MINISIG_KEYID_BYTES + MINISIG_SIG_BYTES)
#define B64_LEN(n) (((n) + 2) / 3 * 4)

typedef struct {
	const char *p;
	size_t len;
} minisig_line_t;

/* Splits text into at most max lines at LF, dropping one CR before each
 * LF. A final LF does not start another line. Returns the line count, or
 * -1 when there are more than max lines or a NUL byte. */
static int minisig_lines(const char *text, size_t len, minisig_line_t *lines, int max)
{
	int n = 0;
	size_t start = 0;
	if (memchr(text, 0, len)) return -1;
	while (start < len) {
		const char *nl = memchr(text + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - text) : len;
		if (n == max) return -1;
		lines[n].p = text + start;
		lines[n].len = end - start;
		if (lines[n].len && lines[n].p[lines[n].len - 1] == '\r') lines[n].len--;
		n++;
		start = end + 1;
	}
	return n;
}

static int minisig_has_prefix(const minisig_line_t *l, const char *prefix)
{
	size_t n = strlen(prefix);
	return l->len >= n && memcmp(l->p, prefix, n) == 0;
}

/* Decodes a line that must hold exactly `bytes` bytes in standard base64. */
static int minisig_b64(const minisig_line_t *l, unsigned char *out, size_t bytes)
{
	size_t got = 0;
	const char *end = NULL;
	if (l->len != B64_LEN(bytes)) return -1;
	if (sodium_base642bin(out, bytes, l->p, l->len, NULL, &got, &end, sodium_base64_VARIANT_ORIGINAL) != 0)
		return -1;
	return got == bytes && end == l->p + l->len ? 0 : -1;
}

void minisig_keyid_hex(const unsigned char keyid[MINISIG_KEYID_BYTES], char out[17])
{
	uint64_t v = 0;
	for (int i = MINISIG_KEYID_BYTES - 1; i >= 0; i--) v = v << 8 | keyid[i];
	/* Exactly minisign's printf("%" PRIX64): no leading zeros. */
	snprintf(out, 17, "%" PRIX64, v);
}

int minisig_key_parse(const char *text, size_t len, minisig_key_t *key, char *err, size_t errlen)
{
	minisig_line_t l[2];
	unsigned char bin[KEY_BYTES];
	if (minisig_lines(text, len, l, 2) != 2 || !minisig_has_prefix(&l[0], UNTRUSTED_PREFIX)) {
		snprintf(err, errlen, "not a minisign public key (expected two lines, the first \"untrusted comment: ...\")");
		return -1;
	}
	if (minisig_b64(&l[1], bin, sizeof bin) < 0) {
		snprintf(err, errlen, "not a minisign public key (second line is not %d characters of base64)",
		         B64_LEN(KEY_BYTES));
		return -1;
	}
	if (bin[0] != 'E' || bin[1] != 'd') {
		snprintf(err, errlen, "unsupported public key algorithm \"%c%c\" (expected Ed25519, \"Ed\")",
		         bin[0] >= 32 && bin[0] < 127 ? bin[0] : '?', bin[1] >= 32 && bin[1] < 127 ? bin[1] : '?');
		return -1;
	}
	memcpy(key->keyid, bin + 2, MINISIG_KEYID_BYTES);
	memcpy(key->pk, bin + 2 + MINISIG_KEYID_BYTES, MINISIG_PK_BYTES);
	return 0;
}

int minisig_key_load(const char *path, minisig_key_t *key, char *err, size_t errlen)
{
	size_t len;
	char why[256];
	char *text = read_file(path, &len);
	if (!text) {
		snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		return -1;
	}
	int rc = len > 4096 ? -1 : minisig_key_parse(text, len, key, why, sizeof why);
	if (len > 4096) snprintf(why, sizeof why, "too large for a public key");
	if (rc < 0) snprintf(err, errlen, "%s: %s", path, why);
	free(text);
	return rc;
}

int minisig_sig_parse(const char *text, size_t len, minisig_sig_t *sig, char *err, size_t errlen)
{
	minisig_line_t l[4];
	unsigned char bin[SIG_BYTES];
	size_t tp = strlen(TRUSTED_PREFIX);
	memset(sig, 0, sizeof *sig);
	if (len > MINISIG_FILE_MAX || minisig_lines(text, len, l, 4) != 4) {
		snprintf(err, errlen, "not a minisign signature (expected four text lines)");
		return -1;
	}
	if (!minisig_has_prefix(&l[0], UNTRUSTED_PREFIX) || l[0].len > UNTRUSTED_MAX) {
		snprintf(err, errlen, "not a minisign signature (line 1 is not \"untrusted comment: ...\")");
		return -1;
	}
	if (minisig_b64(&l[1], bin, sizeof bin) < 0) {
		snprintf(err, errlen, "damaged signature (line 2 is not %d characters of base64)", B64_LEN(SIG_BYTES));
		return -1;
	}
	if (bin[0] != 'E' || (bin[1] != 'D' && bin[1] != 'd')) {
		snprintf(err, errlen, "unsupported signature algorithm (expected \"ED\" or legacy \"Ed\")");
		return -1;
	}
	if (!minisig_has_prefix(&l[2], TRUSTED_PREFIX) || l[2].len - tp > MINISIG_COMMENT_MAX) {
		snprintf(err, errlen, "not a minisign signature (line 3 is not \"trusted comment: ...\", at most %d bytes)",
		         MINISIG_COMMENT_MAX);
		return -1;
	}
	if (minisig_b64(&l[3], sig->global_sig, MINISIG_SIG_BYTES) < 0) {
		snprintf(err, errlen, "damaged signature (line 4 is not %d characters of base64)", B64_LEN(MINISIG_SIG_BYTES));
		return -1;
	}
	sig->prehashed = bin[1] == 'D';
	memcpy(sig->keyid, bin + 2, MINISIG_KEYID_BYTES);
	memcpy(sig->sig, bin + 2 + MINISIG_KEYID_BYTES, MINISIG_SIG_BYTES);
	memcpy(sig->trusted_comment, l[2].p + tp, l[2].len - tp);
	sig->trusted_comment[l[2].len - tp] = 0;
	return 0;
}

/* ---- streaming verification ------------------------------------------------ */

struct minisig_verify {
	crypto_generichash_state hash;  /* first: libsodium wants it 64-byte aligned */
	minisig_sig_t sig;
	buf_t msg;                      /* legacy "Ed" only: the whole message */
	size_t max_len;
	int too_large;
	int sodium_ok;
};

minisig_verify_t *minisig_verify_begin(const minisig_sig_t *sig, size_t max_len)
{
	size_t align = _Alignof(minisig_verify_t);
	size_t size = (sizeof(minisig_verify_t) + align - 1) / align * align;
	minisig_verify_t *v = aligned_alloc(align, size);
	if (!v) {
		kyr_log("out of memory (%zu bytes)", size);
		abort();
	}
	memset(v, 0, sizeof *v);
	v->sig = *sig;
	v->max_len = max_len;
	v->sodium_ok = sodium_init() >= 0;
	if (v->sodium_ok && sig->prehashed) crypto_generichash_init(&v->hash, NULL, 0, crypto_generichash_BYTES_MAX);
	return v;
}

void minisig_verify_update(minisig_verify_t *v, const void *p, size_t n)
{
	if (!v->sodium_ok || !n) return;
	if (v->sig.prehashed) {
		crypto_generichash_update(&v->hash, p, n);
		return;
	}
	if (v->too_large || n > v->max_len - v->msg.len) {
		v->too_large = 1;
		buf_free(&v->msg);
		return;
	}
	buf_append(&v->msg, p, n);
}

void minisig_verify_abort(minisig_verify_t *v)
{
	if (!v) return;
	buf_free(&v->msg);
	sodium_memzero(&v->hash, sizeof v->hash);
	free(v);
}

/* The global signature binds the trusted comment to this signature. */
static int minisig_global_ok(const minisig_sig_t *s, const minisig_key_t *k)
{
	size_t clen = strlen(s->trusted_comment);
	unsigned char *g = xmalloc(MINISIG_SIG_BYTES + clen);
	memcpy(g, s->sig, MINISIG_SIG_BYTES);
	memcpy(g + MINISIG_SIG_BYTES, s->trusted_comment, clen);
	int bad = crypto_sign_verify_detached(s->global_sig, g, MINISIG_SIG_BYTES + clen, k->pk);
	free(g);
	return !bad;
}

/* Checks the signature and the global signature with one key. */
static int minisig_check(const minisig_verify_t *v, const unsigned char *digest, const minisig_key_t *k)
{
	const minisig_sig_t *s = &v->sig;
	int bad = s->prehashed
		? crypto_sign_verify_detached(s->sig, digest, crypto_generichash_BYTES_MAX, k->pk)
		: crypto_sign_verify_detached(s->sig, (const unsigned char *)v->msg.data, v->msg.len, k->pk);
	if (bad) return MINISIG_BAD_SIGNATURE;
	return minisig_global_ok(s, k) ? MINISIG_OK : MINISIG_BAD_COMMENT;
}

int minisig_check_comment(const minisig_sig_t *sig, const minisig_key_t *keys, size_t nkeys, char *err,
                          size_t errlen)
{
	char id[17];
	int rc = MINISIG_UNKNOWN_KEY;
	minisig_keyid_hex(sig->keyid, id);
	if (sodium_init() < 0) {
		snprintf(err, errlen, "libsodium could not be initialised");
		return MINISIG_BAD_COMMENT;
	}
	for (size_t i = 0; i < nkeys; i++) {
		if (memcmp(keys[i].keyid, sig->keyid, MINISIG_KEYID_BYTES) != 0) continue;
		if (minisig_global_ok(sig, &keys[i])) return MINISIG_OK;
		rc = MINISIG_BAD_COMMENT;
	}
	if (rc == MINISIG_UNKNOWN_KEY) snprintf(err, errlen, "signed with key %s, which is not a trusted publisher key", id);
	else snprintf(err, errlen, "the signature by key %s or its trusted comment was changed after signing (checked before copying)", id);
	return rc;
}

int minisig_verify_end(minisig_verify_t *v, const minisig_key_t *keys, size_t nkeys, int *used,
                       char *err, size_t errlen)
{
	unsigned char digest[crypto_generichash_BYTES_MAX];
	char id[17];
	int rc = MINISIG_UNKNOWN_KEY, worst = MINISIG_OK;
	if (used) *used = -1;
	minisig_keyid_hex(v->sig.keyid, id);
	if (!v->sodium_ok) {
		snprintf(err, errlen, "libsodium could not be initialised");
		rc = MINISIG_BAD_SIGNATURE;
		goto done;
	}
	if (v->too_large) {
		snprintf(err, errlen, "legacy signature over more than %zu bytes (sign with a current minisign, without -l)",
		         v->max_len);
		rc = MINISIG_TOO_LARGE;
		goto done;
	}
	if (v->sig.prehashed) crypto_generichash_final(&v->hash, digest, sizeof digest);
	/* Key ids are chosen by whoever signs, so every key carrying the id is
	 * tried; the id only picks keys, the signature decides. */
	for (size_t i = 0; i < nkeys; i++) {
		if (memcmp(keys[i].keyid, v->sig.keyid, MINISIG_KEYID_BYTES) != 0) continue;
		if (used && *used < 0) *used = (int)i;
		rc = minisig_check(v, digest, &keys[i]);
		if (rc == MINISIG_OK) {
			if (used) *used = (int)i;
			goto done;
		}
		if (rc > worst) worst = rc;
	}
	if (worst) rc = worst;
	if (rc == MINISIG_UNKNOWN_KEY)
		snprintf(err, errlen, "signed with key %s, which is not a trusted publisher key", id);
	else if (rc == MINISIG_BAD_SIGNATURE)
		snprintf(err, errlen, "signature by key %s does not match the file: it was changed or damaged after signing", id);
	else if (rc == MINISIG_BAD_COMMENT)
		snprintf(err, errlen, "the trusted comment of the signature by key %s was changed after signing", id);
done:
	sodium_memzero(digest, sizeof digest);
	minisig_verify_abort(v);
	return rc;
}
