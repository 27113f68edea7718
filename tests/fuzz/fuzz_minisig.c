/* Fuzz target: minisign public keys and signatures, as the updater reads
 * them from a USB stick. The input is parsed as a public key file and as a
 * signature file; a signature that parses is then verified, streamed in
 * two pieces, against a fixed message with three keys: the real key that
 * signed the seeds in corpus/minisig/ (so a mutated seed walks through the
 * Ed25519 and trusted-comment checks), a key carrying the signature's own
 * key id, and an unrelated key (which must never match). */
#include "fuzz.h"
#include "minisig.h"

/* corpus/minisig/key.pub; its secret key was thrown away. */
static const char minisig_fz_pub[] = "untrusted comment: minisign public key 5AB5572B9609C399\n"
                                     "RWSZwwmWK1e1WtQ74JoCRiu7CiFJtvNWrdZ9NPsnAwqqOQCsAkkKaMSP\n";
static const char minisig_fz_msg[] = "KYR content bundle, not really";   /* what the seeds sign */

static int minisig_fz_verify(const minisig_sig_t *sig, const minisig_key_t *key, size_t max_len, int *used)
{
	char err[256];
	size_t n = sizeof minisig_fz_msg - 1;
	minisig_verify_t *v = minisig_verify_begin(sig, max_len);
	FUZZ_ASSERT(v != NULL);
	minisig_verify_update(v, minisig_fz_msg, 10);
	minisig_verify_update(v, minisig_fz_msg + 10, n - 10);
	*used = 7;
	int rc = minisig_verify_end(v, key, 1, used, err, sizeof err);
	FUZZ_ASSERT(rc >= MINISIG_OK && rc <= MINISIG_TOO_LARGE);
	return rc;
}

FUZZ_TARGET(minisig)
{
	char err[256];
	minisig_key_t key, real;
	FUZZ_ASSERT(minisig_key_parse(minisig_fz_pub, sizeof minisig_fz_pub - 1, &real, err, sizeof err) == 0);
	if (minisig_key_parse((const char *)data, size, &key, err, sizeof err) == 0) {
		char hex[17];
		minisig_keyid_hex(key.keyid, hex);
		/* minisign's own %PRIX64: no leading zeros. */
		FUZZ_ASSERT(strlen(hex) >= 1 && strlen(hex) <= 16 && strspn(hex, "0123456789ABCDEF") == strlen(hex));
	}
	minisig_sig_t *sig = malloc(sizeof *sig);
	if (!sig) abort();
	if (minisig_sig_parse((const char *)data, size, sig, err, sizeof err) == 0) {
		FUZZ_ASSERT(memchr(sig->trusted_comment, 0, sizeof sig->trusted_comment));
		int used, rc;
		rc = minisig_fz_verify(sig, &real, 1 << 20, &used);
		FUZZ_ASSERT(rc == MINISIG_UNKNOWN_KEY ? used == -1 : used == 0);
		minisig_key_t own;
		memcpy(own.keyid, sig->keyid, sizeof own.keyid);
		for (size_t i = 0; i < sizeof own.pk; i++) own.pk[i] = (unsigned char)(i * 37 + size);
		rc = minisig_fz_verify(sig, &own, 1 << 20, &used);
		FUZZ_ASSERT(rc != MINISIG_OK && used == 0);
		minisig_key_t other = own;
		other.keyid[0] ^= 0xff;
		rc = minisig_fz_verify(sig, &other, 4, &used);
		FUZZ_ASSERT(rc == MINISIG_TOO_LARGE || (rc == MINISIG_UNKNOWN_KEY && used == -1));
		minisig_verify_abort(minisig_verify_begin(sig, 0));
	}
	free(sig);
	return 0;
}
