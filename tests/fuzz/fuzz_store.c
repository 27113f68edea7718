/* Fuzz target: store_open() and every query on a damaged content database.
 * The input is a list of edits to the real build/content.db (a whole
 * database is too big for the fuzzer to mutate byte by byte and stay
 * SQLite-shaped): byte 0 picks a truncation (0: none, else the file cut to
 * byte0/256 of its length), then each 5 bytes are a little-endian offset
 * and a byte XORed in there; offsets with the top bit set land in the
 * first 16 KB (header, schema, the small tables). The store must refuse or
 * answer; never crash, and every answer must be complete. The copy goes to
 * a real file (in /dev/shm when there is one): SQLite follows the
 * /proc/self/fd link of a memfd to a name it cannot open. */
#include "fuzz.h"
#include "blocks.h"
#include "store.h"
#include "util.h"

static uint8_t *store_fz_base;
static size_t store_fz_len;

static void store_fz_queries(store_t *st)
{
	store_lang_t *langs;
	int nl = store_languages(st, &langs);
	FUZZ_ASSERT(nl >= -1);
	for (int i = 0; i < nl; i++) FUZZ_ASSERT(langs[i].code[0] && langs[i].native_name);
	store_langs_free(langs, nl);
	FUZZ_ASSERT(store_ui(st, "es", "nav.back") != NULL);
	store_topic_t *t;
	int nt = store_topics(st, "es", &t);
	FUZZ_ASSERT(nt >= -1);
	for (int i = 0; i < nt && i < 3; i++) {
		store_article_t a;
		if (store_article(st, t[i].slug, "es", &a) == 0) {
			blocklist_t bl;
			if (blocks_decode(a.blocks, a.blocks_len, &bl) == 0) blocks_free(&bl);
			FUZZ_ASSERT(a.title && a.lang[0]);
			store_article_free(&a);
		}
	}
	store_topics_free(t, nt);
	store_contact_t *c;
	int nc = store_contacts(st, "national", "es", NULL, &c);
	FUZZ_ASSERT(nc >= -1);
	for (int i = 0; i < nc; i++) FUZZ_ASSERT(c[i].name && c[i].phones);
	store_contacts_free(c, nc);
	store_hit_t *h;
	int nh = store_search(st, "door", "en", 5, &h);
	FUZZ_ASSERT(nh >= -1 && nh <= 5);
	store_hits_free(h, nh);
	char *kb = store_keyboard(st, "latin");
	free(kb);
}

FUZZ_TARGET(store)
{
	if (!store_fz_base) {
		char *db = xasprintf("%s/content.db", fuzz_build_dir());
		store_fz_base = (uint8_t *)read_file(db, &store_fz_len);
		if (!store_fz_base || store_fz_len < 20000) { fprintf(stderr, "fuzz_store: cannot read %s\n", db); abort(); }
		free(db);
	}
	if (!size || size > 1 + 5 * 64) return 0;
	size_t len = data[0] ? store_fz_len * data[0] / 256 : store_fz_len;
	uint8_t *copy = malloc(store_fz_len);
	if (!copy) abort();
	memcpy(copy, store_fz_base, store_fz_len);
	for (size_t i = 1; i + 5 <= size; i += 5) {
		uint32_t off = (uint32_t)data[i] | (uint32_t)data[i + 1] << 8 | (uint32_t)data[i + 2] << 16 | (uint32_t)data[i + 3] << 24;
		size_t at = off & 0x80000000u ? (off & 0x7fffffffu) % 16384 : off % store_fz_len;
		copy[at] ^= data[i + 4];
	}
	char path[64], err[512];
	snprintf(path, sizeof path, "%s/kyr-fuzz-store-%d.db", access("/dev/shm", W_OK) ? "/tmp" : "/dev/shm", (int)getpid());
	FILE *f = fopen(path, "wb");
	if (!f) abort();
	if (fwrite(copy, 1, len, f) != len) abort();
	fclose(f);
	free(copy);
	store_t *st = store_open(path, err, sizeof err);
	if (st) {
		store_fz_queries(st);
		store_close(st);
	} else {
		FUZZ_ASSERT(strstr(err, path) != NULL);   /* a refusal names the file */
	}
	unlink(path);
	return 0;
}
