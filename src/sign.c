/* sign — see include/sign.h. The database is opened the way the kiosk
 * opens it (store_open: read-only, schema checked), so what is signed is
 * known to be a bundle this release's kiosks can show. */
#include "sign.h"
#include "store.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The database itself, or DIR/kyr-content/content.db for a folder. */
static char *db_path(const char *target)
{
	struct stat s;
	if (stat(target, &s) == 0 && S_ISDIR(s.st_mode)) return xasprintf("%s/kyr-content/content.db", target);
	return xstrdup(target);
}

static int run_minisign(const sign_opts_t *o, const char *db)
{
	const char *prog = o->minisign ? o->minisign : "minisign";
	const char *argv[10];
	int n = 0;
	argv[n++] = prog;
	argv[n++] = "-S";
	argv[n++] = "-s";
	argv[n++] = o->key;
	argv[n++] = "-m";
	argv[n++] = db;
	if (o->comment) {
		argv[n++] = "-t";
		argv[n++] = o->comment;
	}
	argv[n] = NULL;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "kyr-build: cannot start %s: %s\n", prog, strerror(errno));
		return SIGN_FAILED;
	}
	if (pid == 0) {
		execvp(prog, (char *const *)argv);
		fprintf(stderr, "kyr-build: cannot run %s: %s (Debian package minisign)\n", prog, strerror(errno));
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) return SIGN_FAILED;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "kyr-build: %s failed: %s is not signed\n", prog, db);
		return SIGN_FAILED;
	}
	return SIGN_OK;
}

int sign_bundle(const sign_opts_t *o)
{
	char err[600];
	char *db = db_path(o->target);
	store_t *st = store_open(db, err, sizeof err);
	if (!st) {
		fprintf(stderr, "kyr-build: not signed: %s\n", err);
		free(db);
		return SIGN_REFUSED;
	}
	const char *demo = store_meta(st, "demo");
	int is_demo = demo && strcmp(demo, "0") != 0;
	store_close(st);
	if (is_demo && !o->allow_demo) {
		fprintf(stderr, "kyr-build: not signed: %s is demonstration content (sample contacts, or demo = yes in"
		        " bundle.ini), not for public use; replace the sample entries, or sign it for a demonstration"
		        " kiosk with --allow-demo\n", db);
		free(db);
		return SIGN_REFUSED;
	}
	if (is_demo) fprintf(stderr, "kyr-build: signing demonstration content (--allow-demo): only kiosks with allow_demo = yes install it\n");
	int rc = run_minisign(o, db);
	free(db);
	return rc;
}
