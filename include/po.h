/* po — a reader for gettext PO files, the format of content/ui/<lang>.po.
 *
 * Understands msgctxt, msgid, msgid_plural, msgstr and msgstr[N], strings
 * continued over several lines, C escapes, "#, fuzzy" flags, obsolete
 * "#~" entries (skipped) and the header entry (msgid "" without msgctxt,
 * whose charset must be UTF-8). Every entry remembers its line. */
#ifndef KYR_PO_H
#define KYR_PO_H

#include <stddef.h>

typedef struct {
	char *ctxt;             /* NULL when the entry has no msgctxt */
	char *id;
	char *str;              /* msgstr, or msgstr[0] for plural entries */
	int fuzzy;
	int line;               /* line of the entry's msgctxt, or its msgid */
} po_entry_t;

typedef struct {
	po_entry_t *e;
	size_t n;
	char *header;           /* the header entry's msgstr, NULL when absent */
} po_t;

/* Parses data (len bytes). Returns 0, or -1 on the first syntax error with
 * *errline and err (errlen bytes) set and *out empty. Free with po_free(). */
int po_parse(const char *data, size_t len, po_t *out, int *errline, char *err, size_t errlen);
void po_free(po_t *po);

#endif
