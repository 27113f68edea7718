/* sign — the publisher's signing step: `kyr-build --sign KEY DB`.
 *
 * Reads the built database's meta table and refuses a demonstration
 * bundle (meta demo = 1: sample contacts, or demo = yes in bundle.ini)
 * unless the publisher says --allow-demo, then runs the real minisign
 * program (minisign -S -s KEY -m DB [-t COMMENT]), which asks for the key's
 * password on the terminal and writes DB.minisig. See docs/publishing.md. */
#ifndef KYR_SIGN_H
#define KYR_SIGN_H

typedef struct {
	const char *key;          /* minisign secret key file */
	const char *target;       /* content.db, or a stick/bundle folder holding
	                             kyr-content/content.db */
	const char *comment;      /* trusted comment, or NULL: minisign's default */
	const char *minisign;     /* the program; NULL: "minisign" on PATH */
	int allow_demo;           /* sign a demonstration bundle too */
} sign_opts_t;

enum { SIGN_OK = 0, SIGN_REFUSED = 1, SIGN_FAILED = 2 };

/* Signs o->target. Returns SIGN_OK (DB.minisig written), SIGN_REFUSED (a
 * demo bundle without allow_demo, or not a content database: nothing is
 * written) or SIGN_FAILED (minisign missing or failing). Says why on stderr. */
int sign_bundle(const sign_opts_t *o);

#endif
