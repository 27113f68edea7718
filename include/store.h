/* store — the kiosk's read-only view of the content database.
 *
 * The database is built by kyr-build (see docs/content-format.md for the
 * schema) and opened here read-only and immutable: SQLite takes no locks and
 * writes nothing. Every query the kiosk runs lives in this module, behind
 * prepared statements. Results are returned as plain structs the caller owns
 * and frees with the matching *_free function.
 *
 * Start reading at store_open(). */
#ifndef KYR_STORE_H
#define KYR_STORE_H

#include <stddef.h>

#define STORE_SCHEMA_VERSION 4
/* The longest topic slug or organisation id (the store's fields hold it;
 * the kiosk's control ids "topic:<slug>", "org:<id>" fit DRAW_ID_MAX).
 * kyr-build refuses longer ones (file:line); the UI asserts. */
#define STORE_ID_MAX 63

/* Content limits, checked by kyr-build and again by store_open(): signed
 * content can still be hostile (a stolen or careless key). */
#ifndef STORE_MAX_TITLE
#define STORE_MAX_TITLE 300            /* characters in a title or name */
#endif
#ifndef STORE_MAX_SUMMARY
#define STORE_MAX_SUMMARY 2000         /* characters in a summary */
#endif
#ifndef STORE_MAX_ARTICLE
#define STORE_MAX_ARTICLE (1u << 20)   /* bytes of one article's encoded blocks */
#endif
/* Blocks (paragraphs, headings, list items) in one article: BLOCKS_MAX in
 * blocks.h, which blocks_decode() enforces. */
/* Every query stops after this long (SQLite's progress handler): a view or
 * generated column that never ends cannot freeze the kiosk or kyr-update. */
/* SQLite's page cache per open database, in KB (docs/performance.md). */
#ifndef STORE_CACHE_KB
#define STORE_CACHE_KB 256
#endif
#ifndef STORE_QUERY_MS
#define STORE_QUERY_MS 2000
#endif

typedef struct store store_t;

/* 1 when v is a content version of the documented form YYYYMMDDNN: ten
 * digits, a year from 2020 to 2099, a real month and day, NN any. Anything
 * else (9223372036854775807 would pin every kiosk) is refused. */
int store_version_ok(const char *v);

/* The CREATE statements of every table (kyr-build runs them). */
extern const char store_schema_sql[];
/* The table of audio-first languages (code -> text language), made only
 * when the content has some, so other bundles suit older kiosks too. */
extern const char store_text_languages_sql[];

/* Checks that db's schema holds exactly what store_schema_sql makes, the
 * same SQL for every object (no view, trigger, other virtual table, extra
 * index or changed column; the recordings table may be absent). Returns 0, or -1 with a reason in err.
 * Run before any other query on a database from outside. err may be NULL. */
struct sqlite3;
int store_check_schema(struct sqlite3 *db, char *err, size_t errlen);

/* Opens path read-only and immutable, with trusted_schema=OFF and defensive
 * mode, checks the schema (store_check_schema), its version, the content
 * version's form and the content limits, and puts every later query under
 * STORE_QUERY_MS. Returns NULL on failure and writes a
 * one-line reason into err (errlen bytes). */
store_t *store_open(const char *path, char *err, size_t errlen);
/* store_open() without the content limits, whose scan reads every row of
 * the file (megabytes from an SD card): the kiosk draws its first screen,
 * which needs only the language list, and then calls store_check_limits()
 * before taking any input (content.h: content_check). */
store_t *store_open_unscanned(const char *path, char *err, size_t errlen);
/* The content limits over every row; 0, or -1 with a one-line reason
 * naming path and the item in err. */
int store_check_limits(store_t *st, const char *path, char *err, size_t errlen);
void store_close(store_t *st);

/* A value from the meta table ("schema_version", "content_version",
 * "publisher", "bundle_date", "default_language", "default_region", "demo"
 * ("1" for sample or demonstration content)), or NULL.
 * The string belongs to the store and lives until store_close(). */
const char *store_meta(store_t *st, const char *key);

typedef struct {
	char code[24];          /* BCP 47: "en", "zh-Hans", "prs" */
	char *native_name;      /* in its own script */
	char *english_name;
	int rtl;                /* 1 for right-to-left scripts */
	int order;
	char voice[32];         /* espeak-ng voice, "" when none */
	char keyboard[32];      /* on-screen keyboard layout name, "" when none */
	char text_lang[24];     /* audio-first: the language whose text is shown ("es"); "" for a written one */
} store_lang_t;

/* All languages in display order. Returns the count (>= 0), -1 on error.
 * Free with store_langs_free(). */
int store_languages(store_t *st, store_lang_t **out);
void store_langs_free(store_lang_t *langs, int n);

/* The interface string `key` in lang, falling back to English, then to the
 * key itself. The returned string belongs to the store (cached) and lives
 * until store_close(). Never NULL. */
const char *store_ui(store_t *st, const char *lang, const char *key);

/* The on-screen keyboard layout `name` as written in its .kbd file (parse
 * it with kbd_parse), or NULL. Caller frees. */
char *store_keyboard(store_t *st, const char *name);

typedef struct {
	char slug[64];          /* "01-door" */
	int order;
	unsigned icon;          /* Material Icons code point, 0 when none */
	char lang[24];          /* the language actually served ("en" on fallback) */
	char *title;
	char *summary;
	int fallback;           /* 1 when shown in English because not translated */
} store_topic_t;

/* Topics in order, each in lang when translated, else English.
 * Returns the count or -1. Free with store_topics_free(). */
int store_topics(store_t *st, const char *lang, store_topic_t **out);
void store_topics_free(store_topic_t *t, int n);

typedef struct {
	char slug[64];
	char lang[24];          /* language served */
	int fallback;           /* 1 when English stands in for lang */
	int rtl;
	unsigned icon;
	char *title, *summary;
	char *reviewed_by;      /* "" when not reviewed by a lawyer */
	char *reviewed_on, *review_due;   /* "YYYY-MM-DD" or "" */
	char *sources;          /* one citation per line */
	char *as_of;            /* "YYYY-MM-DD": the law in it was checked then */
	char *review_terms;     /* "native (English); …" for a native reviewer, or "" */
	int revision;           /* the master's revision, or the one translated */
	int stale;              /* 1: translated from an older English revision */
	void *blocks;           /* encoded block list (see blocks.h) */
	size_t blocks_len;
} store_article_t;

/* Loads one article in lang (English fallback). Returns 0, or -1 when the
 * topic does not exist. Free with store_article_free(). */
int store_article(store_t *st, const char *slug, const char *lang, store_article_t *out);
void store_article_free(store_article_t *a);

/* The recorded reading of topic slug in exactly lang (slug "": an
 * audio-first language's name, spoken) (no English fallback:
 * a recording reads one text), as the Ogg Opus file kyr-build stored, in a
 * new buffer the caller frees. Returns 0, or -1 when there is none (also
 * for databases built before recordings existed); *data is then NULL. */
int store_recording(store_t *st, const char *slug, const char *lang, void **data, size_t *len);

typedef struct {
	char id[64];
	char kind[16];          /* "hotline" or "org" */
	char *name, *phones;    /* phones: "label:+E164;…" (phone.h) */
	char *address;
	char *hours;            /* structured (hours.h): "Mo-Fr 09:00-17:00", "24/7" */
	char *notes;
	char tz[64];            /* the hours' time zone: "America/New_York" */
	char region[64];
	char *languages;        /* ';'-separated language codes */
	char *services;         /* ';'-separated service slugs */
	char verified_on[16];
	int sample;             /* 1: fictional entry, show the "sample" badge */
	int interpretation;     /* 1: offers phone interpretation in any language */
	int name_translated;    /* name, notes: in the lang asked for (else English) */
	int notes_translated;
	int rank;               /* 0 region, 1 state, 2 national */
} store_contact_t;

/* Contacts for a kiosk in `region`: hotlines first, then the region's own,
 * then its state's, then national ones; within each, those speaking lang
 * (when not NULL) first, then by name. Names and notes are in lang where
 * the content translates them. service, when not NULL, filters.
 * Returns the count or -1. Free with store_contacts_free(). */
int store_contacts(store_t *st, const char *region, const char *lang,
                   const char *service, store_contact_t **out);
void store_contacts_free(store_contact_t *c, int n);

typedef struct {
	char kind[16];          /* "article" or "contact" */
	char ref[64];           /* topic slug or contact id */
	char lang[24];
	char *title;
	char *snippet;          /* matching words wrapped in \x01 ... \x02 */
	double score;           /* lower is better (FTS5 bm25) */
} store_hit_t;

/* Full-text search for what a visitor typed, in lang and English, best
 * first, at most max hits. Case and accents are ignored; CJK is segmented
 * with ICU like the index. A single letter of an alphabet finds nothing
 * (it would match everything); one Han character or Hangul syllable does. Returns the count or -1. Free with
 * store_hits_free(). */
int store_search(store_t *st, const char *query, const char *lang, int max, store_hit_t **out);

/* The search index's one-token form of a language code ("zh-Hans" →
 * "lzhhans", "" → "lany"), shared by kyr-build and the store. */
void store_lang_token(const char *lang, char *out, size_t cap);
/* The langtok of a contact's row in language lang (kyr-build indexes each
 * contact once per text language): not a language's token, so a visitor
 * reads only the contacts' rows of their own language. */
void store_contact_token(const char *lang, char *out, size_t cap);
void store_hits_free(store_hit_t *h, int n);

#endif
