/* Tests of src/config.c's file handling: a folder given as the
 * configuration file is refused with a clear line (it used to be read as
 * an empty file); an empty file and a missing optional one are fine. */
#include "harness.h"
#include "config.h"

static void test_folder_refused(void)
{
	config_t c;
	char err[512] = "";
	config_defaults(&c);
	CHECK_INT(config_load(&c, "tests", 0, err, sizeof err), -1);
	CHECKF(strcmp(err, "tests: is a folder, not a configuration file") == 0, "%s", err);
	config_defaults(&c);
	CHECK_INT(config_load(&c, "tests", 1, err, sizeof err), -1);   /* optional, but there and wrong */
}

static void test_empty_and_missing(void)
{
	config_t c;
	char err[512] = "";
	config_defaults(&c);
	CHECK_INT(config_load(&c, "/dev/null", 0, err, sizeof err), 0);
	CHECK_INT(config_load(&c, "tests/no-such-kiosk.conf", 1, err, sizeof err), 0);
	CHECK_INT(config_load(&c, "tests/no-such-kiosk.conf", 0, err, sizeof err), -1);
}

int main(void)
{
	RUN(test_folder_refused);
	RUN(test_empty_and_missing);
	return harness_done();
}
