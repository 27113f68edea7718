/* hours — opening hours as structured data: parsed from the content
 * ("Mo-Fr 09:00-17:00; Sa 10:00-13:00", "24/7", "appointment"; a subset of
 * OpenStreetMap's opening_hours) by kyr-build and the kiosk alike, and the
 * pieces the kiosk writes them with in the visitor's language through ICU:
 * day names (udat symbols), time ranges (udtitvfmt, the locale's 12- or
 * 24-hour clock), lists ("Mon, Wed and Fri": ulistfmt) and a time zone's
 * localised name ("Eastern Time", "hora del este"). The sentences around
 * them ("open 24 hours", "Monday to Friday") are UI strings. */
#ifndef KYR_HOURS_H
#define KYR_HOURS_H

#include <stddef.h>

#define HOURS_MAX_RULES 7
#define HOURS_MAX_SPANS 3

enum { HOURS_RULES, HOURS_ALWAYS, HOURS_APPOINTMENT };

typedef struct {
	unsigned days;                 /* bit 0 Monday … bit 6 Sunday */
	int nspans;
	short from[HOURS_MAX_SPANS];   /* minutes after midnight, 0..1439 */
	short to[HOURS_MAX_SPANS];     /* 1..1440 (24:00), after from */
} hours_rule_t;

typedef struct {
	int kind;                      /* HOURS_* */
	int nrules;
	hours_rule_t rule[HOURS_MAX_RULES];
} hours_t;

/* Parses s into out. Returns 0, or -1 with a sentence saying what is wrong
 * and where in s ("'Mo-Fx': unknown day 'Fx' (Mo Tu We Th Fr Sa Su)") in
 * err. An empty s is an error: write "appointment" when there are no set
 * hours. */
int hours_parse(const char *s, hours_t *out, char *err, size_t cap);

/* 1 when tz is a time zone ICU knows by that canonical or alias name
 * ("America/New_York"), 0 otherwise. */
int hours_zone_ok(const char *tz);

/* Each writes UTF-8 into out (cap bytes) for content language lang and
 * returns 0, or -1 when ICU fails (out then holds a neutral fallback:
 * "Mo", "09:00–17:00", the zone id). day: 0 Monday … 6 Sunday. */
int hours_day_name(int day, const char *lang, char *out, size_t cap);
int hours_span(int from, int to, const char *lang, char *out, size_t cap);
int hours_zone_name(const char *tz, const char *lang, char *out, size_t cap);

/* Joins n items the way lang writes a list ("a, b and c"). Caller frees. */
char *hours_list(const char *const *items, int n, const char *lang);

#endif
