/* test_phone — labelled numbers: E.164 kept whatever the grouping, a
 * number without its area or country code refused with the reason, the
 * North American national format, and a list skipping what does not parse. */
#include "harness.h"
#include "phone.h"
#include "util.h"

#include <string.h>

static void parses(void)
{
	phone_t p;
	char err[256];
	CHECK_INT(phone_parse("main:+1 (202) 555-0150", &p, err, sizeof err), 0);
	CHECK_STR(p.e164, "+12025550150");
	CHECK_INT(p.label, PHONE_MAIN);
	CHECK_INT(phone_parse(" fax:+12025550151", &p, err, sizeof err), 0);
	CHECK_INT(p.label, PHONE_FAX);
	CHECK_INT(phone_parse("whatsapp:+44 20 7946 0000", &p, err, sizeof err), 0);
	CHECK_STR(p.e164, "+442079460000");
	CHECK_STR(phone_label_key(PHONE_TEXT), "phone.text");
}

static int parse(const char *in, char *err, size_t cap)
{
	phone_t p;
	return phone_parse(in, &p, err, cap);
}

static void refuses(void)
{
	static const char *const bad[][2] = {
		{"main:555-0150", "has no area code"},
		{"main:+1 555-0150", "has no area code"},
		{"main:202 555-0150", "has no country code"},
		{"main:+1 202 555-015", "10 digits after the 1"},
		{"main:+1 102 555-0150", "area code and exchange start with 2 to 9"},
		{"main:+1 202 555-0150 ext 4", "only digits"},
		{"+1 202 555-0150", "has no label"},
		{"cell:+1 202 555-0150", "unknown label"},
		{"main:+0 202 555 0150", "never starts with 0"},
	};
	harness_refuses(parse, bad, KYR_ARRAY_LEN(bad));
}

static void formats(void)
{
	phone_t p[4];
	char buf[32], *s = buf;   /* a pointer: CHECK_STR tests for NULL */
	int n = phone_parse_list("hotline:+12025550111;main:5550112;text:+12025550113", p, 4);
	CHECK_INT(n, 2);
	phone_national(&p[0], buf, sizeof buf);
	CHECK_STR(s, "(202) 555-0111");
	CHECK_INT(p[1].label, PHONE_TEXT);
	phone_parse_list("main:+442079460000", p, 4);
	phone_national(&p[0], buf, sizeof buf);
	CHECK_STR(s, "+442079460000");
}

int main(void)
{
	RUN(parses);
	RUN(refuses);
	RUN(formats);
	return harness_done();
}
