/* datefmt — see include/datefmt.h. One formatter per call: dates are
 * formatted when an article is laid out, not every frame. */
#include "datefmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>

/* Content language codes ICU does not know by that name. Dari is the
 * Persian of Afghanistan (ICU: fa_AF); the others ICU takes as they are
 * ("zh-Hans" → zh_Hans, "ht" → root data when it has none). */
const char *datefmt_locale(const char *lang, char *buf, size_t cap)
{
	static const struct { const char *code, *icu; } map[] = { {"prs", "fa_AF"} };
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(lang, map[i].code)) return map[i].icu;
	snprintf(buf, cap, "%s", lang);
	for (char *p = buf; *p; p++) if (*p == '-') *p = '_';
	return buf;
}

int datefmt_format(const char *ymd, const char *lang, int style, char *out, size_t cap)
{
	int y, m, d;
	char tail;
	UErrorCode e = U_ZERO_ERROR;
	UCalendar *cal = NULL;
	UDateFormat *df = NULL;
	snprintf(out, cap, "%s", ymd ? ymd : "");
	if (!ymd || sscanf(ymd, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	char lb[32];
	const char *loc = datefmt_locale(lang && *lang ? lang : "en", lb, sizeof lb);
	/* Noon UTC, formatted in UTC: no time zone can move the day. */
	static const UChar utc[] = { 'U', 'T', 'C', 0 };
	cal = ucal_open(utc, -1, "en_US@calendar=gregorian", UCAL_GREGORIAN, &e);
	if (U_FAILURE(e)) goto fail;
	ucal_clear(cal);
	ucal_setDateTime(cal, y, m - 1, d, 12, 0, 0, &e);
	UDate when = ucal_getMillis(cal, &e);
	/* Gregorian whatever the locale's default (fa_AF would give the
	 * Persian calendar): the content's dates are Gregorian days. */
	char lc[64];
	snprintf(lc, sizeof lc, "%s@calendar=gregorian", loc);
	df = udat_open(UDAT_NONE, style == DATEFMT_MEDIUM ? UDAT_MEDIUM : UDAT_LONG, lc, utc, -1, NULL, 0, &e);
	if (U_FAILURE(e)) goto fail;
	UChar u[128];
	int32_t n = udat_format(df, when, u, 128, NULL, &e);
	if (U_FAILURE(e) || n >= 128) goto fail;
	int32_t len = 0;
	u_strToUTF8(out, (int32_t)cap, &len, u, n, &e);
	if (U_FAILURE(e) || (size_t)len >= cap) goto fail;
	udat_close(df);
	ucal_close(cal);
	return 0;
fail:
	snprintf(out, cap, "%s", ymd);
	if (df) udat_close(df);
	if (cal) ucal_close(cal);
	return -1;
}
