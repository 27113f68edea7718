/* kyr-build — checks a content folder and compiles it into content.db.
 *
 *   kyr-build [--strict] [-q] [--icons FILE] [-o OUT.db] [--bundle DIR] CONTENT
 *   kyr-build --sign SECRET_KEY [--allow-demo] [-t COMMENT] DB_OR_BUNDLE_DIR
 *   kyr-build --review-pack OUT_DIR [--pdf] CONTENT
 *
 * Everything happens in build_run() (src/build.c); this file only reads
 * the command line. Exit status: 0 built (or checked), 1 content errors,
 * 2 usage or write errors. */
#include "build.h"
#include "sign.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(void)
{
	fprintf(stderr,
	        "usage: kyr-build [--strict] [-q] [--icons FILE] [-o OUT.db] [--bundle DIR] CONTENT_DIR\n"
	        "  -o FILE       write the database to FILE (without -o or --bundle: check only)\n"
	        "  --bundle DIR  write DIR/kyr-content/content.db, for a USB stick\n"
	        "  --icons FILE  Material Icons codepoints list (default fonts/material-icons.codepoints)\n"
	        "  --strict      treat every warning (missing or stale translation ...) as an error\n"
	        "  -q            quiet: errors only, no coverage table\n"
	        "       kyr-build --sign SECRET_KEY [--allow-demo] [-t COMMENT] DB_OR_BUNDLE_DIR\n"
	        "  signs content.db with minisign; refuses demonstration content (sample contacts,\n"
	        "  demo = yes) unless --allow-demo\n");
	return 2;
}

int main(int argc, char **argv)
{
	build_opts_t o = {0};
	sign_opts_t so = {0};
	kyr_log_init("kyr-build");
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int more = i + 1 < argc;
		if (strcmp(a, "--strict") == 0) o.strict = 1;
		else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) o.quiet = 1;
		else if (strcmp(a, "-o") == 0 && more) o.output = argv[++i];
		else if (strcmp(a, "--bundle") == 0 && more) o.bundle_dir = argv[++i];
		else if (strcmp(a, "--icons") == 0 && more) o.icons_path = argv[++i];
		else if (strcmp(a, "--sign") == 0 && more) so.key = argv[++i];
		else if (strcmp(a, "--allow-demo") == 0) so.allow_demo = 1;
		else if (strcmp(a, "-t") == 0 && more) so.comment = argv[++i];
		else if (a[0] == '-' || o.content_dir) return usage();
		else o.content_dir = a;
	}
	if (!o.content_dir) return usage();
	if (so.key) {
		if (o.output || o.bundle_dir || o.strict) return usage();
		so.target = o.content_dir;
		return sign_bundle(&so);
	}
	if (so.allow_demo || so.comment) return usage();
	switch (build_run(&o)) {
	case BUILD_OK: return 0;
	case BUILD_BAD_CONTENT: return 1;
	default: return 2;
	}
}
