/* oos — the out-of-service message in many languages, compiled in. */
#ifndef KYR_OOS_H
#define KYR_OOS_H

typedef struct {
	const char *lang, *title, *body;
	int rtl;
} oos_text_t;

extern const oos_text_t oos_texts[];
extern const int oos_count;

#endif
