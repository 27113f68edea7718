/* Fuzz target: the PO reader for translated interface strings. */
#include "fuzz.h"
#include "po.h"

FUZZ_TARGET(po)
{
	po_t po = {0};
	int line = 0;
	char err[256];
	if (po_parse((const char *)data, size, &po, &line, err, sizeof err) == 0) {
		for (size_t i = 0; i < po.n; i++) {
			FUZZ_ASSERT(po.e[i].id && po.e[i].str && po.e[i].line >= 1);
		}
	} else {
		FUZZ_ASSERT(po.n == 0);
	}
	po_free(&po);
	return 0;
}
