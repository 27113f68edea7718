/* hours — see include/hours.h. The parser reports the first problem only,
 * with the piece of text it is in: the publisher fixes one thing at a time
 * and kyr-build adds the file and line. Formatters open their ICU object per
 * call: the kiosk writes hours when a directory screen is laid out, not
 * every frame. */
#include "hours.h"
#include "datefmt.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/udateintervalformat.h>
#include <unicode/ulistformatter.h>
#include <unicode/ustring.h>

static const char days2[7][3] = { "Mo", "Tu", "We", "Th", "Fr", "Sa", "Su" };

static int fail(char *err, size_t cap, const char *fmt, const char *piece)
{
	snprintf(err, cap, fmt, piece);
	return -1;
}

/* The day s starts with, when it is exactly one of days2 ("Mon" is not). */
static int day_of(const char *s, char *piece, size_t cap)
{
	size_t n = 0;
	while (s[n] && !strchr(" ,-;", s[n])) n++;
	snprintf(piece, cap, "%.*s", (int)KYR_MIN(n, 12), s);
	for (int d = 0; d < 7 && n == 2; d++)
		if (s[0] == days2[d][0] && s[1] == days2[d][1]) return d;
	return -1;
}

/* "Mo-Fr,Su" → bits; *s moves past it. */
static int parse_days(const char **s, unsigned *bits, char *err, size_t cap)
{
	const char *p = *s;
	*bits = 0;
	for (;;) {
		char piece[16];
		int a = day_of(p, piece, sizeof piece), b;
		if (a < 0) return fail(err, cap, "unknown day '%s' (Mo Tu We Th Fr Sa Su)", piece);
		p += 2;
		b = a;
		if (*p == '-') {
			if ((b = day_of(p + 1, piece, sizeof piece)) < 0) return fail(err, cap, "unknown day '%s' (Mo Tu We Th Fr Sa Su)", piece);
			p += 3;
		}
		/* A range may wrap past Sunday ("Fr-Mo"). */
		for (int d = a;; d = (d + 1) % 7) {
			*bits |= 1u << d;
			if (d == b) break;
		}
		if (*p != ',') break;
		p++;
	}
	*s = p;
	return 0;
}

/* "09:00" → minutes; 24:00 only when end is set. */
static int parse_time(const char **s, int end)
{
	const char *p = *s;
	if (!(p[0] >= '0' && p[0] <= '2' && p[1] >= '0' && p[1] <= '9' && p[2] == ':' &&
	      p[3] >= '0' && p[3] <= '5' && p[4] >= '0' && p[4] <= '9'))
		return -1;
	int h = (p[0] - '0') * 10 + p[1] - '0', m = (p[3] - '0') * 10 + p[4] - '0';
	if (h > 24 || (h == 24 && (m || !end))) return -1;
	*s = p + 5;
	return h * 60 + m;
}

static int parse_spans(const char **s, hours_rule_t *r, char *err, size_t cap)
{
	const char *p = *s;
	for (;;) {
		char piece[32];
		size_t n = strcspn(p, ",; ");
		snprintf(piece, sizeof piece, "%.*s", (int)KYR_MIN(n, sizeof piece - 1), p);
		int from = parse_time(&p, 0), to = -1;
		if (from >= 0 && *p == '-') {
			p++;
			to = parse_time(&p, 1);
		}
		if (from < 0 || to < 0 || (*p && *p != ',' && *p != ' ' && *p != ';'))
			return fail(err, cap, "'%s' is not a time range HH:MM-HH:MM (24-hour clock)", piece);
		if (to <= from)
			return fail(err, cap, "'%s' ends before it starts (split a night across two days)", piece);
		if (r->nspans && from < r->to[r->nspans - 1])
			return fail(err, cap, "'%s' overlaps or comes before the range before it", piece);
		if (r->nspans == HOURS_MAX_SPANS) return fail(err, cap, "'%s': at most 3 time ranges a day", piece);
		r->from[r->nspans] = (short)from;
		r->to[r->nspans++] = (short)to;
		if (*p != ',') break;
		p++;
	}
	*s = p;
	return 0;
}

int hours_parse(const char *s, hours_t *out, char *err, size_t cap)
{
	memset(out, 0, sizeof *out);
	while (*s == ' ') s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ') n--;
	if (!n) return fail(err, cap, "%sno opening hours (write \"appointment\" when there are none)", "");
	if (n == 4 && !strncmp(s, "24/7", 4)) { out->kind = HOURS_ALWAYS; return 0; }
	if (n == 11 && !strncmp(s, "appointment", 11)) { out->kind = HOURS_APPOINTMENT; return 0; }
	unsigned seen = 0;
	for (const char *p = s; *p;) {
		while (*p == ' ' || *p == ';') p++;
		if (!*p) break;
		char rule[64];
		snprintf(rule, sizeof rule, "%.*s", (int)strcspn(p, ";"), p);
		if (out->nrules == HOURS_MAX_RULES) return fail(err, cap, "'%s': at most 7 rules", rule);
		hours_rule_t *r = &out->rule[out->nrules++];
		char why[160];
		if (parse_days(&p, &r->days, why, sizeof why) < 0 || (*p != ' ' && (snprintf(why, sizeof why, "no time range after the days"), 1))) {
			snprintf(err, cap, "'%s': %s", rule, why);
			return -1;
		}
		while (*p == ' ') p++;
		if (parse_spans(&p, r, why, sizeof why) < 0) {
			snprintf(err, cap, "'%s': %s", rule, why);
			return -1;
		}
		while (*p == ' ') p++;
		if (*p && *p != ';') return fail(err, cap, "'%s': rules are separated by ';'", rule);
		if (r->days & seen) return fail(err, cap, "'%s': a day already has hours in an earlier rule", rule);
		seen |= r->days;
	}
	return 0;
}

int hours_zone_ok(const char *tz)
{
	UChar id[64], canon[64];
	UErrorCode e = U_ZERO_ERROR;
	UBool sys = 0;
	if (!tz || !*tz || strlen(tz) >= 64) return 0;
	u_uastrcpy(id, tz);
	ucal_getCanonicalTimeZoneID(id, -1, canon, 64, &sys, &e);
	return U_SUCCESS(e) && sys;
}

/* UTF-16 → UTF-8 into out; -1 when it does not fit. */
static int to_utf8(const UChar *u, int32_t n, char *out, size_t cap)
{
	UErrorCode e = U_ZERO_ERROR;
	int32_t len = 0;
	u_strToUTF8(out, (int32_t)cap, &len, u, n, &e);
	return U_FAILURE(e) || (size_t)len >= cap ? -1 : 0;
}

static const char *locale(const char *lang, char *buf, size_t cap)
{
	char lb[32];
	const char *loc = datefmt_locale(lang && *lang ? lang : "en", lb, sizeof lb);
	/* Gregorian whatever the locale's default: the content's days are. */
	snprintf(buf, cap, "%s@calendar=gregorian", loc);
	return buf;
}

int hours_day_name(int day, const char *lang, char *out, size_t cap)
{
	char lc[64];
	UErrorCode e = U_ZERO_ERROR;
	UChar u[64];
	snprintf(out, cap, "%s", days2[day % 7]);
	UDateFormat *df = udat_open(UDAT_NONE, UDAT_LONG, locale(lang, lc, sizeof lc), NULL, 0, NULL, 0, &e);
	if (U_FAILURE(e)) return -1;
	/* ICU counts from Sunday = 1. */
	int32_t n = udat_getSymbols(df, UDAT_STANDALONE_WEEKDAYS, (day + 1) % 7 + 1, u, 64, &e);
	udat_close(df);
	if (U_FAILURE(e) || n >= 64 || to_utf8(u, n, out, cap) < 0) {
		snprintf(out, cap, "%s", days2[day % 7]);
		return -1;
	}
	return 0;
}

int hours_span(int from, int to, const char *lang, char *out, size_t cap)
{
	char lc[64];
	UErrorCode e = U_ZERO_ERROR;
	static const UChar utc[] = { 'U', 'T', 'C', 0 }, skel[] = { 'j', 'm', 'm', 0 };
	snprintf(out, cap, "%02d:%02d–%02d:%02d", from / 60, from % 60, to / 60, to % 60);
	UDateIntervalFormat *f = udtitvfmt_open(locale(lang, lc, sizeof lc), skel, -1, utc, -1, &e);
	if (U_FAILURE(e)) return -1;
	/* A Monday, in UTC; 24:00 would be the next day, which the formatter
	 * would name, so a day's end is shown as its last minute. */
	const UDate base = 1767571200000.0;   /* 2026-01-05T00:00Z */
	if (to >= 1440) to = 1439;
	UChar u[128];
	int32_t n = udtitvfmt_format(f, base + from * 60000.0, base + to * 60000.0, u, 128, NULL, &e);
	udtitvfmt_close(f);
	if (U_FAILURE(e) || n >= 128 || to_utf8(u, n, out, cap) < 0) {
		snprintf(out, cap, "%02d:%02d–%02d:%02d", from / 60, from % 60, to / 60, to % 60);
		return -1;
	}
	return 0;
}

int hours_zone_name(const char *tz, const char *lang, char *out, size_t cap)
{
	char lc[64];
	UErrorCode e = U_ZERO_ERROR;
	UChar id[64], u[128];
	static const UChar pattern[] = { 'v', 'v', 'v', 'v', 0 };
	snprintf(out, cap, "%s", tz);
	if (strlen(tz) >= 64) return -1;
	u_uastrcpy(id, tz);
	UDateFormat *df = udat_open(UDAT_PATTERN, UDAT_PATTERN, locale(lang, lc, sizeof lc), id, -1, pattern, -1, &e);
	if (U_FAILURE(e)) return -1;
	/* Generic ("Eastern Time"), not standard or daylight: the same all
	 * year. A fixed day keeps the output free of the clock. */
	int32_t n = udat_format(df, 1767571200000.0, u, 128, NULL, &e);
	udat_close(df);
	if (U_FAILURE(e) || n >= 128 || to_utf8(u, n, out, cap) < 0) {
		snprintf(out, cap, "%s", tz);
		return -1;
	}
	return 0;
}

char *hours_list(const char *const *items, int n, const char *lang)
{
	char lc[64];
	UErrorCode e = U_ZERO_ERROR;
	UChar **u = xcalloc((size_t)n + 1, sizeof *u);
	int32_t *len = xcalloc((size_t)n + 1, sizeof *len);
	char *res = NULL;
	for (int i = 0; i < n; i++) {
		size_t m = strlen(items[i]) + 1;
		u[i] = xmalloc(m * sizeof **u);
		u_strFromUTF8(u[i], (int32_t)m, &len[i], items[i], -1, &e);
	}
	UListFormatter *lf = U_SUCCESS(e) ? ulistfmt_open(datefmt_locale(lang && *lang ? lang : "en", lc, sizeof lc), &e) : NULL;
	UChar out[512];
	int32_t k = lf ? ulistfmt_format(lf, (const UChar *const *)u, len, n, out, 512, &e) : 0;
	if (lf) ulistfmt_close(lf);
	char utf8[1536];
	if (lf && U_SUCCESS(e) && k < 512 && to_utf8(out, k, utf8, sizeof utf8) == 0) {
		res = xstrdup(utf8);
	} else {   /* ICU failed: a comma list still reads */
		buf_t b = {0};
		for (int i = 0; i < n; i++) buf_printf(&b, "%s%s", i ? ", " : "", items[i]);
		res = b.data ? b.data : xstrdup("");
	}
	for (int i = 0; i < n; i++) free(u[i]);
	free(u);
	free(len);
	return res;
}
