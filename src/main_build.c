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
#include "review.h"
#include "sign.h"

#include <sys/stat.h>
#include <unistd.h>

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
	        "  demo = yes) unless --allow-demo\n"
	        "       kyr-build --review-pack OUT_DIR [--pdf] CONTENT_DIR\n"
	        "  printable review sheets per language and topic (HTML; --pdf: also a PDF per\n"
	        "  language when WeasyPrint is installed)\n");
	return 2;
}

int main(int argc, char **argv)
{
	build_opts_t o = {0};
	sign_opts_t so = {0};
	const char *pack = NULL;
	int pdf = 0;
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
		else if (strcmp(a, "--review-pack") == 0 && more) pack = argv[++i];
		else if (strcmp(a, "--pdf") == 0) pdf = 1;
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
	if (so.allow_demo || so.comment || (pdf && !pack)) return usage();
	if (pack) {
		/* The pack is read from a freshly built database, so the sheets show
		 * exactly what kiosks will (inherited fields, fallbacks, staleness). */
		if (o.output || o.bundle_dir) return usage();
		mkdir(pack, 0755);
		char db[4096];
		snprintf(db, sizeof db, "%s/.review-content.db", pack);
		o.output = db;
		o.quiet = 1;
		int rc = build_run(&o);
		if (rc != BUILD_OK) return rc == BUILD_BAD_CONTENT ? 1 : 2;
		rc = review_pack_write(db, pack, pdf);
		unlink(db);
		if (rc == 0) printf("kyr-build: review pack written to %s/index.html\n", pack);
		return rc == 0 ? 0 : 2;
	}
	switch (build_run(&o)) {
	case BUILD_OK: return 0;
	case BUILD_BAD_CONTENT: return 1;
	default: return 2;
	}
}
