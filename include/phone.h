/* phone — labelled phone numbers in E.164 ("+12025550150"), as the content
 * stores them ("main:+1 202 555-0150; text:+1 202 555-0151"), checked by
 * kyr-build, shown by the kiosk in national format with the label in the
 * visitor's language, and carried by the QR contact card as they are. */
#ifndef KYR_PHONE_H
#define KYR_PHONE_H

#include <stddef.h>

enum { PHONE_MAIN, PHONE_HOTLINE, PHONE_TEXT, PHONE_WHATSAPP, PHONE_FAX, PHONE_NLABELS };

typedef struct {
	int label;              /* PHONE_* */
	char e164[17];          /* '+' and up to 15 digits */
} phone_t;

/* The label's name in the content ("main") and its UI string key
 * ("phone.main"). */
const char *phone_label_name(int label);
const char *phone_label_key(int label);

/* Parses one "label:+CC number" item; spaces, '-', '.', '(' and ')' may
 * group the digits. A North American (+1) number needs its 3-digit area
 * code and 7-digit number. Returns 0, or -1 with the reason in err. */
int phone_parse(const char *item, phone_t *out, char *err, size_t cap);

/* Parses a ';'-separated list into out (at most max). Returns how many
 * items parsed; items that do not parse are skipped (kyr-build reports
 * them, so a kiosk only meets them in a damaged database). */
int phone_parse_list(const char *list, phone_t *out, int max);

/* The number as dialled at home: "(202) 555-0150" for +1; other countries
 * as "+CC…" (E.164 itself, readable from anywhere). */
void phone_national(const phone_t *p, char *out, size_t cap);

#endif
