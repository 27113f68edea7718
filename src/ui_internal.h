/* ui_internal — what ui.c (state, input, session), ui_widgets.c (theme,
 * metrics, layout cache, buttons) and ui_screens.c (one builder per screen)
 * share. Not part of the public API. */
#ifndef KYR_UI_INTERNAL_H
#define KYR_UI_INTERNAL_H

#include "ui.h"
#include "text.h"
#include "blocks.h"
#include "kbd.h"
#include "qr.h"
#include "speech.h"

/* Compile-time tunables. */
#ifndef UI_MAX_DEPTH
#define UI_MAX_DEPTH 16
#endif
#define UI_TAP_SLOP_DIV 6          /* movement over u/6 px makes a tap a drag */
#define UI_INERTIA_TAU_MS 325.0f   /* inertia decays like exp(-t/tau) */
#define UI_ATTRACT_CYCLE_MS 6000   /* the attract prompt changes language (each redraw costs CPU) */
#define UI_LAYOUT_CACHE_MAX 512
#define UI_OPERATOR_HOLD_MS 3000  /* hold the top left corner this long for the PIN pad */
#define UI_UPDATE_RESULT_MS 10000 /* how long "Content updated" stays */

/* Material Icons code points used by the chrome. */
#define ICON_BACK 0xe5c4
#define ICON_FORWARD 0xe5c8
#define ICON_HOME 0xe88a
#define ICON_TRANSLATE 0xe8e2
#define ICON_TEXTSIZE 0xe245
#define ICON_CONTRAST 0xeb37
#define ICON_CLOSE 0xe5cd
#define ICON_INFO 0xe88e
#define ICON_LOCK 0xe897
#define ICON_WIFI_OFF 0xe648
#define ICON_NO_CAMERA 0xf1a8
#define ICON_HISTORY 0xe889
#define ICON_WARNING 0xe002
#define ICON_VERIFIED 0xef76
#define ICON_GAVEL 0xe90e
#define ICON_BALANCE 0xeaf6
#define ICON_TOUCH 0xe913
#define ICON_SUPPORT 0xf0e2
#define ICON_SEARCH 0xe8b6
#define ICON_CARD 0xea67
#define ICON_EMERGENCY 0xe1eb
#define ICON_BACKSPACE 0xe14a
#define ICON_SPACE 0xe256
#define ICON_CLEAR 0xe14c
#define ICON_CHECK 0xe5ca
#define UI_SEARCH_MAX 12           /* results shown for one query (each costs a snippet) */
#define UI_QUERY_BYTES 128

enum screen { S_ATTRACT, S_LANGUAGE, S_HOME, S_ARTICLE, S_ABOUT, S_OOS, S_DIRECTORY, S_ORG, S_CARD, S_SEARCH,
              S_PIN, S_OPERATOR };

typedef struct {
	int screen;
	char arg[64];        /* S_ARTICLE: topic slug */
	int scroll;          /* px scrolled down in this screen's view */
} frame_t;

typedef struct {
	color_t bg, surface, text, muted, primary, on_primary, danger, on_danger;
	color_t chip, on_chip, mark, border, warn_bg, warn_border, pressed, focus, scrollbar;
	color_t overlay, highlight;
} theme_t;

typedef struct {
	int u;               /* touch unit: button height, >= 48 px */
	int target;          /* smallest touch target: 48 px, 64 on a 1080 px panel */
	int gap, pad, radius;
	int px_body, px_small, px_h1, px_h2, px_button, px_icon;
	int bar_h;           /* height of the top bar */
	int content_w;       /* readable column width */
} metrics_t;

/* One laid-out piece of an article (or any long scrolling page). */
typedef struct {
	text_layout_t *layout;
	int x, y, w;         /* box in page coordinates */
	int kind;            /* ART_* */
	color_t color;
	int marker_x;        /* list marker position (bullets), or -1 */
	char marker[16];
	int box_h;           /* ART_BOX: height of the box drawn behind */
	char link[64];       /* first link target in the paragraph, if any */
	const block_t *block;
	int speak;           /* read aloud by Listen */
} page_item_t;

enum { ART_TEXT, ART_BOX_START, ART_RULE, ART_ICON, ART_QR };

typedef struct {
	char slug[64], lang[24];
	int width, textsize;
	store_article_t art;
	blocklist_t blocks;
	page_item_t *items;
	int nitems, cap;
	int height;
	int loaded;
	char *keypoints;     /* plain text for the article's QR code */
	int has_recording;   /* the publisher supplied a reading */
	int top;             /* page y where the article's items start */
} article_view_t;

typedef struct lc_entry lc_entry_t;

/* A segment being read aloud: which article page item, which bytes. */
typedef struct {
	int item;            /* -1: not highlighted */
	size_t start, end;
} ui_seg_t;

/* A QR code ready to draw, cached for the text it holds. */
typedef struct {
	char *text;
	uint32_t *pixels;
	int w;
} ui_qr_t;

struct ui {
	store_t *st;
	font_set_t *fs;
	const config_t *cfg;
	int w, h;

	frame_t stack[UI_MAX_DEPTH];
	int depth;

	char lang[24];
	int rtl;
	int textsize;        /* 0 small, 1 medium, 2 large */
	int contrast;        /* 0 normal, 1 high */
	theme_t th;
	metrics_t m;

	store_lang_t *langs;
	int nlangs;          /* the enabled ones, first in langs */
	int nlangs_all;      /* all of them, for freeing */
	store_topic_t *topics;
	int ntopics;
	char topics_lang[24];
	article_view_t art;

	lc_entry_t **lc;     /* layout cache buckets */
	int lc_count;
	unsigned lc_gen;

	draw_list_t dl;
	int dirty;
	rect_t view;         /* the scrolling viewport of the current screen */
	int bar_free_x0, bar_free_x1; /* the top bar's empty stretch, left-to-right terms */
	rect_t clip;         /* current clip (w = 0: none): text outside it is not emitted */
	int view_h;          /* content height inside it */

	/* pointer state */
	int down, dragging;
	int down_x, down_y, last_y;
	uint32_t last_t;
	float vel;           /* px per ms, for inertia */
	int inertia;
	uint32_t inertia_t;
	char pressed[64];

	int focus;           /* index of the focused target (keyboard), -1 none */

	uint32_t now;
	uint32_t last_input;
	int idle;            /* "Are you still there?" showing */
	uint32_t idle_start;
	uint32_t attract_t0;
	int attract_idx;
	unsigned generation;  /* counts session resets */

	/* a content update in progress or just finished */
	update_status_t upd;
	uint32_t upd_until;  /* the result shows until then */

	/* directory */
	store_contact_t *contacts;
	int ncontacts;       /* shown (first in contacts) */
	int ncontacts_all;   /* loaded, for freeing */
	int dir_mine;        /* 1: only organisations speaking the visitor's language */
	char dir_service[40];/* "" : all services */
	int dir_services_open; /* the service chips are shown */
	int dir_loaded;
	ui_qr_t qr;          /* the organisation's contact card or an article's key points */

	/* operator */
	char pin[16];
	const char *pin_msg;
	int pin_fails;
	uint32_t pin_locked_until;
	int calib_step;      /* -1, or the cross being tapped (0..3) */
	float calib_tap[4][2];
	float calib[6];      /* touch calibration in use */
	int rotation, idle_seconds;
	int settings_changed;
	int exit_code;       /* != 0: the kiosk should end with this status */
	const char *content_source;
	char upd_last[sizeof ((update_status_t *)0)->message];  /* the updater's last final message */
	uint32_t down_t;     /* when the finger went down (for the hidden hold) */

	/* speech */
	speech_t *sp;        /* NULL: no audio output, no Listen buttons */
	ui_seg_t *segmap;
	int nseg, cur_seg;
	int reading;         /* the screen being read, -1 none */
	int speech_state_seen, announcing;
	int a11y;            /* spoken navigation */
	char focus_id[64];
	char last_tap_id[64];
	uint32_t last_tap_t;

	/* search */
	char query[UI_QUERY_BYTES];
	store_hit_t *hits;
	int nhits;
	int hits_dirty;
	kbd_layout_t kbd;
	int has_kbd;
	char kbd_lang[24];
};

/* ui_widgets.c */
void ui_theme(ui_t *ui);
void ui_metrics(ui_t *ui);
const text_layout_t *ui_layout(ui_t *ui, const char *text, const char *lang, int px, int flags,
                               int width, int center);
const text_layout_t *ui_layout_spans(ui_t *ui, const char *text, const char *lang, int px, int flags,
                                     int width, int center, const text_span_t *spans, size_t nspans);
int ui_text(ui_t *ui, rect_t box, const char *text, const char *lang, int px, int flags,
            color_t c, int center);
void ui_text_layout(ui_t *ui, const text_layout_t *l, int x, int y, int w, color_t c, color_t mark,
                    const char *lang);
void ui_clip(ui_t *ui, rect_t r);
void ui_icon(ui_t *ui, uint32_t cp, rect_t r, int px, color_t c);
enum { BTN_PRIMARY, BTN_CHIP, BTN_DANGER, BTN_SURFACE };
void ui_button(ui_t *ui, rect_t r, const char *id, uint32_t icon, const char *label,
               const char *lang, int style, int stacked);
void ui_lc_clear(ui_t *ui);
void ui_lc_sweep(ui_t *ui);
const char *ui_str(ui_t *ui, const char *key);
char *ui_fmt(ui_t *ui, const char *key, const char *name1, const char *val1,
             const char *name2, const char *val2);
rect_t ui_mirror(const ui_t *ui, rect_t r, rect_t within);

/* ui_screens.c */
void ui_build(ui_t *ui);
void ui_article_free(article_view_t *av);

/* ui_directory.c: directory, organisation, rights card */
void ui_build_directory(ui_t *ui);
void ui_build_org(ui_t *ui);
void ui_build_card(ui_t *ui);
void ui_directory_forget(ui_t *ui);
void ui_qr_set(ui_t *ui, const char *text);
void ui_qr_draw(ui_t *ui, rect_t r);

/* ui_operator.c */
void ui_build_operator(ui_t *ui);
void ui_operator_action(ui_t *ui, const char *id);
int ui_operator_tap(ui_t *ui, int x, int y);
void ui_operator_forget(ui_t *ui);

/* ui_speech.c */
void ui_speech_stop(ui_t *ui);
int ui_can_listen(ui_t *ui);
void ui_speech_action(ui_t *ui, const char *id);
int ui_speech_tick(ui_t *ui);
void ui_speech_highlight(ui_t *ui, int item, int x, int y);
void ui_a11y_toggle(ui_t *ui);
void ui_a11y_focus(ui_t *ui, int k);
#define UI_DOUBLE_TAP_MS 400
#define UI_A11Y_HOLD_MS 1500

/* ui_search.c */
void ui_build_search(ui_t *ui);
void ui_search_type(ui_t *ui, const char *text);
void ui_search_key(ui_t *ui, const char *id);
void ui_search_backspace(ui_t *ui);
void ui_search_forget(ui_t *ui);

/* shared by the screen builders (ui_screens.c) */
typedef struct {
	ui_t *ui;
	int x, w;          /* the content column */
	int y;             /* page cursor */
	int oy;            /* screen y of page y 0 */
} page_t;
page_t ui_page_begin(ui_t *ui);
void ui_page_end(page_t *p);
int ui_page_text(page_t *p, const char *text, const char *lang, int px, int flags, color_t c, int indent);
void ui_page_target(ui_t *ui, rect_t r, const char *id);
int ui_visible(const ui_t *ui, int sy, int h);
void ui_listen_row(ui_t *ui, page_t *p);
int ui_listen_strip_h(ui_t *ui);
void ui_listen_strip(ui_t *ui);

/* ui.c */
frame_t *ui_top(ui_t *ui);

#endif
