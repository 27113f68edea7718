/* test_hours — opening hours: the structured form parsed (days, ranges,
 * 24:00, "24/7", "appointment"), every malformed form refused with a
 * reason naming the piece, time zones checked, and the ICU pieces the
 * kiosk writes hours with in Spanish, Arabic and Chinese. */
#include "harness.h"
#include "hours.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static void parses(void)
{
	hours_t h;
	char err[256];
	CHECK_INT(hours_parse("Mo-Fr 09:00-17:00; Sa 10:00-13:00", &h, err, sizeof err), 0);
	CHECK_INT(h.kind, HOURS_RULES);
	CHECK_INT(h.nrules, 2);
	CHECK_INT(h.rule[0].days, 0x1F);
	CHECK_INT(h.rule[0].from[0], 9 * 60);
	CHECK_INT(h.rule[0].to[0], 17 * 60);
	CHECK_INT(h.rule[1].days, 0x20);
	CHECK_INT(hours_parse("Tu,Th 13:00-18:00", &h, err, sizeof err), 0);
	CHECK_INT(h.rule[0].days, (1u << 1) | (1u << 3));
	/* Two ranges in a day; a range wrapping past Sunday; 24:00 as an end. */
	CHECK_INT(hours_parse("Mo 08:00-12:00,13:00-17:00", &h, err, sizeof err), 0);
	CHECK_INT(h.rule[0].nspans, 2);
	CHECK_INT(hours_parse("Fr-Mo 00:00-24:00", &h, err, sizeof err), 0);
	CHECK_INT(h.rule[0].days, (1u << 4) | (1u << 5) | (1u << 6) | 1u);
	CHECK_INT(h.rule[0].to[0], 1440);
	CHECK_INT(hours_parse(" 24/7 ", &h, err, sizeof err), 0);
	CHECK_INT(h.kind, HOURS_ALWAYS);
	CHECK_INT(hours_parse("appointment", &h, err, sizeof err), 0);
	CHECK_INT(h.kind, HOURS_APPOINTMENT);
}

static int parse(const char *in, char *err, size_t cap)
{
	hours_t h;
	return hours_parse(in, &h, err, cap);
}

/* Each bad form is refused, and the reason names what is wrong. */
static void refuses(void)
{
	static const char *const bad[][2] = {
		{"", "no opening hours"},
		{"Mon–Fri 9:00–17:00", "unknown day 'Mon–Fri'"},
		{"Mo-Fx 09:00-17:00", "unknown day 'Fx'"},
		{"Mo-Fr 9:00-17:00", "'9:00-17:00' is not a time range"},
		{"Mo-Fr 09:00-25:00", "is not a time range"},
		{"Mo-Fr 24:00-24:00", "is not a time range"},
		{"Mo-Fr 17:00-09:00", "ends before it starts"},
		{"Mo 08:00-12:00,11:00-13:00", "overlaps"},
		{"Mo-Fr", "no time range after the days"},
		{"Mo-Fr 09:00-17:00; Fr 10:00-12:00", "a day already has hours"},
		{"Mo-Fr 09:00-17:00 Sa 10:00-12:00", "rules are separated by ';'"},
		{"24 hours a day, 7 days a week", "unknown day '24'"},
	};
	harness_refuses(parse, bad, KYR_ARRAY_LEN(bad));
}

static void zones(void)
{
	CHECK(hours_zone_ok("America/New_York"));
	CHECK(hours_zone_ok("America/Chicago"));
	CHECK(!hours_zone_ok("Eastern time"));
	CHECK(!hours_zone_ok("America/Lakeview"));
	CHECK(!hours_zone_ok(""));
}

/* What the kiosk builds its lines from, in the visitor's language. */
static void formats(void)
{
	char buf[128], *s = buf;   /* a pointer: CHECK_STR tests for NULL */
	CHECK_INT(hours_day_name(0, "es", buf, sizeof buf), 0);
	CHECK_STR(s, "lunes");
	CHECK_INT(hours_day_name(6, "zh-Hans", buf, sizeof buf), 0);
	CHECK_STR(s, "星期日");
	CHECK_INT(hours_day_name(1, "ar", buf, sizeof buf), 0);
	CHECK_STR(s, "الثلاثاء");
	/* The locale's clock: 24-hour in Spanish, 12-hour in US English. */
	CHECK_INT(hours_span(9 * 60, 17 * 60, "es", buf, sizeof buf), 0);
	CHECKF(strstr(s, "9:00") && strstr(s, "17:00"), "%s", s);
	CHECK_INT(hours_span(9 * 60, 17 * 60, "en", buf, sizeof buf), 0);
	CHECKF(strstr(s, "9:00") && strstr(s, "5:00") && strstr(s, "PM"), "%s", s);
	CHECK_INT(hours_zone_name("America/New_York", "es", buf, sizeof buf), 0);
	CHECKF(strstr(s, "hora") && !strstr(s, "Eastern"), "%s", s);
	CHECK_INT(hours_zone_name("America/Chicago", "zh-Hans", buf, sizeof buf), 0);
	CHECKF(strstr(s, "中部"), "%s", s);
	const char *items[] = {"lunes", "miércoles", "viernes"};
	char *l = hours_list(items, 3, "es");
	CHECK_STR(l, "lunes, miércoles y viernes");
	free(l);
}

int main(void)
{
	RUN(parses);
	RUN(refuses);
	RUN(zones);
	RUN(formats);
	return harness_done();
}
