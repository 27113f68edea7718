/* kyr-build — checks a content folder and compiles it into content.db.
 *
 *   kyr-build [--strict] [-q] [--icons FILE] [-o OUT.db] [--bundle DIR] CONTENT
 *
 * Everything happens in build_run() (src/build.c); this file only reads
 * the command line. Exit status: 0 built (or checked), 1 content errors,
 * 2 usage or write errors. */
#include "build.h"

#include <stdio.h>
#include <string.h>

static int usage(void)
{
	fprintf(stderr,
	        "usage: kyr-build [--strict] [-q] [--icons FILE] [-o OUT.db] [--bundle DIR] CONTENT_DIR\n"
	        "  -o FILE       write the database to FILE (without -o or --bundle: check only)\n"
	        "  --bundle DIR  write DIR/kyr-content/content.db, for a USB stick\n"
	        "  --icons FILE  Material Icons codepoints list (default fonts/material-icons.codepoints)\n"
	        "  --strict      treat every warning (missing or stale translation ...) as an error\n"
	        "  -q            quiet: errors only, no coverage table\n");
	return 2;
}

int main(int argc, char **argv)
{
	build_opts_t o = {0};
	kyr_log_init("kyr-build");
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int more = i + 1 < argc;
		if (strcmp(a, "--strict") == 0) o.strict = 1;
		else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) o.quiet = 1;
		else if (strcmp(a, "-o") == 0 && more) o.output = argv[++i];
		else if (strcmp(a, "--bundle") == 0 && more) o.bundle_dir = argv[++i];
		else if (strcmp(a, "--icons") == 0 && more) o.icons_path = argv[++i];
		else if (a[0] == '-' || o.content_dir) return usage();
		else o.content_dir = a;
	}
	if (!o.content_dir) return usage();
	switch (build_run(&o)) {
	case BUILD_OK: return 0;
	case BUILD_BAD_CONTENT: return 1;
	default: return 2;
	}
}
