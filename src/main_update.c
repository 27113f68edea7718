/* kyr-update — installs a signed content bundle from a USB stick.
 *
 *   kyr-update --from MOUNTPOINT [--to DIR] [--pubkey FILE]... [--status FILE]
 *              [--max-size MIB] [--allow-downgrade] [--config FILE]
 *
 * Everything happens in bundle_install() (src/bundle.c); this file reads the
 * command line and prints progress and the one-line outcome. Exit status:
 * 0 installed, 1 refused, 2 failed or usage, 3 no bundle on the stick. */
#include "bundle.h"
#include "config.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bundles below this size finish too fast for progress lines to help. */
#define UPDATE_PROGRESS_MIN (8u << 20)

static int update_usage(FILE *out, int status)
{
	fprintf(out,
	        "usage: kyr-update --from MOUNTPOINT [--to DIR] [--pubkey FILE]... [--status FILE]\n"
	        "                  [--max-size MIB] [--allow-downgrade] [--config FILE]\n"
	        "Installs MOUNTPOINT/" BUNDLE_DIR_NAME "/" BUNDLE_DB_NAME " if " BUNDLE_SIG_NAME " next to it is a valid\n"
	        "signature by a trusted publisher and its content version is newer.\n"
	        "  --from DIR         where the USB stick is mounted\n"
	        "  --to DIR           the kiosk's content folder (default " BUNDLE_DEFAULT_DIR ")\n"
	        "  --pubkey FILE      a trusted minisign public key; repeat for several (default\n"
	        "                     " BUNDLE_DEFAULT_KEY " and " BUNDLE_DEFAULT_KEYS_DIR "/*.pub)\n"
	        "  --status FILE      keep FILE up to date for the kiosk's screen (state=..., progress=...)\n"
	        "  --max-size MIB     refuse larger bundles (default %llu)\n"
	        "  --allow-downgrade  also install an older or the same version\n"
	        "  --config FILE      the kiosk's configuration (default " CONFIG_DEFAULT_PATH "): a\n"
	        "                     demonstration bundle is installed only with allow_demo = yes\n"
	        "Exit status: 0 installed, 1 refused, 2 failed, 3 no " BUNDLE_DIR_NAME "/ folder.\n"
	        "See docs/publishing.md.\n",
	        BUNDLE_DEFAULT_MAX_SIZE >> 20);
	return status;
}

static void update_progress(void *ctx, const char *state, int percent, unsigned long long done,
                            unsigned long long total)
{
	int *last = ctx;
	if (total < UPDATE_PROGRESS_MIN || strcmp(state, "copying") != 0 || percent / 10 == *last) return;
	*last = percent / 10;
	printf("kyr-update: copying %3d%% (%.1f of %.1f MiB)\n", percent, done / 1048576.0, total / 1048576.0);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	bundle_opts_t o = {0};
	bundle_result_t r;
	const char **keys = xcalloc((size_t)argc, sizeof *keys);
	const char *conf_path = CONFIG_DEFAULT_PATH;
	int last = -1;
	kyr_log_init("kyr-update");
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int more = i + 1 < argc;
		char *end;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) return update_usage(stdout, 0);
		else if (!strcmp(a, "--from") && more) o.from = argv[++i];
		else if (!strcmp(a, "--to") && more) o.to = argv[++i];
		else if (!strcmp(a, "--pubkey") && more) keys[o.nkeys++] = argv[++i];
		else if (!strcmp(a, "--status") && more) o.status_path = argv[++i];
		else if (!strcmp(a, "--allow-downgrade")) o.allow_downgrade = 1;
		else if (!strcmp(a, "--config") && more) conf_path = argv[++i];
		else if (!strcmp(a, "--max-size") && more) {
			unsigned long long mib = strtoull(argv[++i], &end, 10);
			if (*end || !mib || mib > (1ull << 30)) return update_usage(stderr, 2);
			o.max_size = mib << 20;
		} else return update_usage(stderr, 2);
	}
	if (!o.from) return update_usage(stderr, 2);
	/* Whether this kiosk takes demonstration content is the kiosk's own
	 * setting; a broken file fails rather than guessing (no file: no). */
	config_t cfg;
	char err[600];
	config_defaults(&cfg);
	if (config_load(&cfg, conf_path, 1, err, sizeof err) < 0) {
		printf("kyr-update: failed: %s; the installed content is unchanged\n", err);
		free(keys);
		return BUNDLE_FAILED;
	}
	o.allow_demo = cfg.allow_demo;
	o.keys = keys;
	o.progress = update_progress;
	o.progress_ctx = &last;
	/* For the crash test (tests/sh/test_update.sh). */
	const char *crash = getenv("KYR_UPDATE_CRASH_AT");
	if (crash) o.crash_at = atoi(crash);
	const char *crash_sig = getenv("KYR_UPDATE_CRASH_SIGNAL");
	if (crash_sig) o.crash_signal = atoi(crash_sig);

	int rc = bundle_install(&o, &r);
	printf("kyr-update: %s\n", r.message);
	free(keys);
	return rc;
}
