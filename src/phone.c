/* phone — see include/phone.h. Only the North American Numbering Plan is
 * checked beyond E.164's shape: the content is for kiosks in the United
 * States, and every number there needs an area code to be dialled from a
 * visitor's own phone. */
#include "phone.h"

#include <stdio.h>
#include <string.h>

static const char *const names[PHONE_NLABELS] = { "main", "hotline", "text", "whatsapp", "fax" };
static const char *const keys[PHONE_NLABELS] = {
	"phone.main", "phone.hotline", "phone.text", "phone.whatsapp", "phone.fax" };

const char *phone_label_name(int label) { return names[label]; }
const char *phone_label_key(int label) { return keys[label]; }

static int fail(char *err, size_t cap, const char *fmt, const char *a)
{
	snprintf(err, cap, fmt, a);
	return -1;
}

int phone_parse(const char *item, phone_t *out, char *err, size_t cap)
{
	memset(out, 0, sizeof *out);
	while (*item == ' ') item++;
	const char *colon = strchr(item, ':');
	if (!colon) return fail(err, cap, "'%s' has no label (main:, hotline:, text:, whatsapp: or fax: before the number)", item);
	int label = -1;
	for (int i = 0; i < PHONE_NLABELS; i++)
		if (strlen(names[i]) == (size_t)(colon - item) && !strncmp(names[i], item, (size_t)(colon - item))) label = i;
	if (label < 0) return fail(err, cap, "'%s': unknown label (main, hotline, text, whatsapp, fax)", item);
	const char *p = colon + 1;
	while (*p == ' ') p++;
	size_t n = 0;
	int plus = *p == '+';
	for (const char *q = p + plus; *q; q++) {
		if (*q >= '0' && *q <= '9') {
			if (n < 15) out->e164[1 + n] = *q;
			n++;
		} else if (!strchr(" -.()", *q)) {
			return fail(err, cap, "'%s': only digits, spaces, '-', '.', '(' and ')' after the '+'", item);
		}
	}
	if (!plus && n == 7)
		return fail(err, cap, "'%s' has no area code: write it in E.164 with the country and area code, e.g. +1 202 555-0150", item);
	if (!plus) return fail(err, cap, "'%s' has no country code: write it in E.164, starting with '+' (+1 for the United States)", item);
	if (n < 8 || n > 15) return fail(err, cap, "'%s': E.164 numbers have 8 to 15 digits after the '+'", item);
	if (out->e164[1] == '0') return fail(err, cap, "'%s': a country code never starts with 0", item);
	out->e164[0] = '+';
	if (out->e164[1] == '1') {
		if (n == 8) return fail(err, cap, "'%s' has no area code (a +1 number has 10 digits after the 1)", item);
		if (n != 11) return fail(err, cap, "'%s': a +1 number has 10 digits after the 1 (area code and number)", item);
		/* Area codes and exchanges start with 2-9 (NANP). */
		if (out->e164[2] < '2' || out->e164[5] < '2')
			return fail(err, cap, "'%s': not a North American number (area code and exchange start with 2 to 9)", item);
	}
	out->label = label;
	return 0;
}

int phone_parse_list(const char *list, phone_t *out, int max)
{
	int n = 0;
	char item[96], err[160];
	for (const char *p = list; p && *p && n < max;) {
		size_t k = strcspn(p, ";");
		if (k < sizeof item) {
			memcpy(item, p, k);
			item[k] = 0;
			if (phone_parse(item, &out[n], err, sizeof err) == 0) n++;
		}
		p += k + (p[k] ? 1 : 0);
	}
	return n;
}

void phone_national(const phone_t *p, char *out, size_t cap)
{
	const char *d = p->e164;
	if (d[1] == '1' && strlen(d) == 12) snprintf(out, cap, "(%.3s) %.3s-%.4s", d + 2, d + 5, d + 8);
	else snprintf(out, cap, "%s", d);
}
