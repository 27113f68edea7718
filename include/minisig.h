/* minisig — verifies minisign signatures (Ed25519) with libsodium.
 *
 * Publishers sign content.db with the minisign tool; a kiosk holds their
 * public keys. This module reads minisign's two file formats and checks a
 * signature over bytes that arrive in pieces, so the updater can verify
 * exactly the bytes it copied from a USB stick, without reading the stick
 * twice. Nothing here touches the file system except minisig_key_load().
 *
 * Formats (minisign 0.11):
 *   public key  "untrusted comment: …\n" base64("Ed" ‖ keyid[8] ‖ pk[32])
 *   signature   "untrusted comment: …\n" base64(alg[2] ‖ keyid[8] ‖ sig[64])
 *               "trusted comment: …\n"   base64(global_sig[64])
 * alg "ED": sig is over BLAKE2b-512 of the file (minisign's default);
 * alg "Ed": legacy, sig is over the file itself (minisign -l).
 * global_sig is over sig ‖ trusted comment (without its prefix).
 *
 * Start reading at minisig_verify_begin(). */
#ifndef KYR_MINISIG_H
#define KYR_MINISIG_H

#include <stddef.h>

#define MINISIG_KEYID_BYTES 8
#define MINISIG_PK_BYTES 32
#define MINISIG_SIG_BYTES 64
/* minisign's own limit for a trusted comment. */
#define MINISIG_COMMENT_MAX 8192
/* Larger than any signature file minisign writes; bigger input is refused. */
#define MINISIG_FILE_MAX (MINISIG_COMMENT_MAX + 2048)

typedef struct {
	unsigned char keyid[MINISIG_KEYID_BYTES];
	unsigned char pk[MINISIG_PK_BYTES];
} minisig_key_t;

typedef struct {
	int prehashed;                          /* 1: "ED", 0: legacy "Ed" */
	unsigned char keyid[MINISIG_KEYID_BYTES];
	unsigned char sig[MINISIG_SIG_BYTES];
	unsigned char global_sig[MINISIG_SIG_BYTES];
	char trusted_comment[MINISIG_COMMENT_MAX + 1];   /* without "trusted comment: " */
} minisig_sig_t;

/* Writes the key id as minisign prints it ("6F64F1BE90FBF287": the 8 bytes
 * read as a little-endian number, upper-case hex without leading zeros)
 * into out[17]. */
void minisig_keyid_hex(const unsigned char keyid[MINISIG_KEYID_BYTES], char out[17]);

/* Parses the text of a minisign public key file (len bytes, need not be
 * NUL-terminated). Returns 0, or -1 with a one-line reason in err. */
int minisig_key_parse(const char *text, size_t len, minisig_key_t *key, char *err, size_t errlen);
/* Reads and parses a public key file. Returns 0, or -1 with the path and
 * the reason in err. */
int minisig_key_load(const char *path, minisig_key_t *key, char *err, size_t errlen);

/* Parses the text of a .minisig file: exactly four lines (LF or CRLF),
 * with the prefixes and base64 lengths minisign writes. Returns 0, or -1
 * with a one-line reason in err. Nothing is verified yet. */
int minisig_sig_parse(const char *text, size_t len, minisig_sig_t *sig, char *err, size_t errlen);

enum {
	MINISIG_OK = 0,
	MINISIG_UNKNOWN_KEY,      /* no trusted key has the signature's key id */
	MINISIG_BAD_SIGNATURE,    /* the bytes are not what the key signed */
	MINISIG_BAD_COMMENT,      /* the trusted comment was changed */
	MINISIG_TOO_LARGE         /* legacy signature over more than max_len bytes */
};

/* Checks only the global signature (which binds the trusted comment to the
 * signature) with every trusted key carrying sig's key id. Cheap, and needs
 * none of the signed file: done first, so a .minisig not made by a trusted
 * key is refused before a byte of a large file is read. Returns MINISIG_OK,
 * MINISIG_UNKNOWN_KEY or MINISIG_BAD_COMMENT with a reason in err. */
int minisig_check_comment(const minisig_sig_t *sig, const minisig_key_t *keys, size_t nkeys, char *err,
                          size_t errlen);

typedef struct minisig_verify minisig_verify_t;

/* Starts verifying the bytes fed to minisig_verify_update() against sig
 * (copied; the caller may free it). A legacy "Ed" signature needs the whole
 * message in memory: it is buffered, up to max_len bytes. Never NULL.
 * Free with minisig_verify_end() or minisig_verify_abort(). */
minisig_verify_t *minisig_verify_begin(const minisig_sig_t *sig, size_t max_len);
/* Feeds the next n bytes. */
void minisig_verify_update(minisig_verify_t *v, const void *p, size_t n);
/* Finishes and frees v: picks the trusted key with the signature's key id
 * among keys[0..nkeys), checks the signature, then the global signature
 * over the trusted comment. Returns MINISIG_OK or another MINISIG_* code
 * with a one-line reason in err; *used (may be NULL) is set to the index
 * of the key that matched the key id, -1 when none did. */
int minisig_verify_end(minisig_verify_t *v, const minisig_key_t *keys, size_t nkeys, int *used,
                       char *err, size_t errlen);
/* Frees v without a verdict (an I/O error happened while copying). */
void minisig_verify_abort(minisig_verify_t *v);

#endif
