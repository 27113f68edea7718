/* datefmt — "2026-11-30" written the way a language writes dates, with
 * ICU (udat): "November 30, 2026", "30 نوفمبر 2026" with the digits the
 * locale uses, "2026年11月30日". The kiosk uses it for every date a
 * visitor reads (as of, reviewed on); the review pack for its pages. */
#ifndef KYR_DATEFMT_H
#define KYR_DATEFMT_H

#include <stddef.h>

enum { DATEFMT_LONG, DATEFMT_MEDIUM };

/* Writes ymd ("YYYY-MM-DD") as a date of language lang (a content code:
 * "en", "zh-Hans", "prs" …) in style DATEFMT_*, UTF-8, into out (cap
 * bytes). Returns 0; -1 when ymd is not a date or ICU fails, and out then
 * holds ymd as it is (never an empty string for a non-empty date). */
int datefmt_format(const char *ymd, const char *lang, int style, char *out, size_t cap);

/* The ICU locale id for content language lang ("zh-Hans" → "zh_Hans",
 * "prs" → "fa_AF"), in buf or a constant; for every ICU formatter. */
const char *datefmt_locale(const char *lang, char *buf, size_t cap);

#endif
