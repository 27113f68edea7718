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
#define ICON_KEYBOARD 0xe312
#define ICON_CHECK 0xe5ca
#define ICON_DROP_DOWN 0xe5c5
#define UI_SEARCH_MAX 12           /* results shown for one query (each costs a snippet) */
#define UI_QUERY_BYTES 128
/* A control id's room, NUL included (draw_item_t.id); kyr-build refuses
 * slugs that would not fit and the UI asserts it. */
#define UI_ID_MAX DRAW_ID_MAX

enum screen { S_ATTRACT, S_LANGUAGE, S_HOME, S_ARTICLE, S_ABOUT, S_OOS, S_DIRECTORY, S_ORG, S_CARD, S_SEARCH,
              S_PIN, S_OPERATOR };

typedef struct {
	int screen;
	char arg[64];        /* S_ARTICLE: topic slug */
	int scroll;          /* px scrolled down in this screen's view */
	char focus[DRAW_ID_MAX]; /* the control focused when the visitor left it: focused again on the way back */
} frame_t;

typedef struct {
	color_t bg, surface, text, muted, primary, on_primary, danger, on_danger;
	color_t chip, on_chip, mark, border, warn_bg, warn_border, pressed, focus, scrollbar;
	color_t overlay, highlight;
} theme_t;

/* Physical minimums (docs/accessibility.md): every target at least this
 * wide and high, text at least this high (the font's size, em) at the
 * smallest text setting, on every panel. */
#ifndef UI_TARGET_MM
#define UI_TARGET_MM 9.0f
#endif
#ifndef UI_TEXT_MM
#define UI_TEXT_MM 3.5f
#endif

typedef struct {
	int tap;             /* UI_TARGET_MM in px: the smallest control */
	int min_text;        /* UI_TEXT_MM in px: the smallest text */
	int u;               /* touch unit: button height, >= tap */
	int target;          /* chips, keys, the Listen row: >= tap, 64 px on a 1080 px panel */
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
	char lang[24];       /* its language: the article's, the visitor's (review
	                      * status), English (citations); drawn and spoken in it */
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

/* Per-concern state. Each has its own reset (listed in ui.c's
 * session_clear(), which both ui_reset() and ui_free() call). */

/* The visitor's session: where they are and how they like the screen. */
typedef struct {
	frame_t stack[UI_MAX_DEPTH];
	int depth;
	char lang[24];       /* the language of the text shown */
	char audio_lang[24]; /* an audio-first language chosen (its recordings play; lang is its text language), or "" */
	int rtl;
	int textsize;        /* 0 small, 1 medium, 2 large */
	int contrast;        /* 0 normal, 1 high */
	store_topic_t *topics;
	int ntopics;
	char topics_lang[24];
	article_view_t art;
	uint32_t last_input;
	int idle;            /* "Are you still there?" showing */
	uint32_t idle_start;
	uint32_t attract_t0;
	int attract_idx;
} ui_session_t;

/* The finger (or mouse): tap vs drag, inertia, the hidden holds. */
typedef struct {
	int down, dragging;
	int down_x, down_y, last_y;
	uint32_t last_t, down_t;
	float vel;           /* px per ms, for inertia */
	int inertia;
	uint32_t inertia_t;
	char pressed[UI_ID_MAX];
	uint32_t last_tap_t;   /* spoken navigation: double tap */
	int fingers;         /* fingers down (touch panels report each one) */
	int multi;           /* a second finger came down: a gesture, not a tap */
	uint32_t multi_t;    /* when it did */
	uint32_t multi_held; /* how long all of them stayed down */
} ui_pointer_t;

/* One control of the screen, in or out of view (the focus order). */
typedef struct {
	char id[UI_ID_MAX];
	rect_t r;            /* unclipped, screen coordinates at the current scroll */
	int group;           /* bar, page, bottom strip: counted by ui_clip() */
	int scrolls;         /* inside the scrolling view */
} ui_nav_t;

/* Keyboard and spoken-navigation focus: remembered by id, so it survives
 * rebuilds and scrolling; the controls are collected on every build. */
typedef struct {
	char id[UI_ID_MAX];  /* the focused control, "" none */
	ui_nav_t *items;     /* every control of the screen, in reading order */
	int n, cap;
	int group;
} ui_focus_t;

/* "Find legal help". */
typedef struct {
	store_contact_t *contacts;
	int ncontacts;       /* shown (first in contacts) */
	int ncontacts_all;   /* loaded, for freeing */
	int mine;            /* 1: only organisations speaking the visitor's language */
	int none_speak;      /* mine, and none does: interpretation lines shown instead */
	char *(*texts)[4];   /* per contact shown, made once a load: phones, hours,
	                      * languages, services in the visitor's language (ICU
	                      * formatters are too slow to open every frame a
	                      * visitor scrolls) */
	char service[40];    /* "" : all services */
	int services_open;   /* the service chips are shown */
	int loaded;
	ui_qr_t qr;          /* the organisation's contact card or an article's key points */
} ui_dir_t;

/* The staff screen. */
typedef struct {
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
} ui_op_t;

/* Reading aloud and spoken navigation. */
typedef struct {
	speech_t *sp;        /* NULL: no audio output, no Listen buttons */
	ui_seg_t *segmap;
	int nseg, cur_seg;
	int reading;         /* the screen being read, -1 none */
	int state_seen, announcing;
	int a11y;            /* spoken navigation */
} ui_speech_t;

/* The search screen. */
typedef struct {
	char query[UI_QUERY_BYTES];
	store_hit_t *hits;
	int nhits;
	int hits_dirty;
	kbd_layout_t kbds[KBD_MAX_LAYOUTS];   /* the language's keyboards */
	int nkbds, cur;      /* how many; the one shown (Switch changes it) */
	int has_kbd;         /* nkbds > 0; kbd points at kbds[cur] */
	const kbd_layout_t *kbd;
	char kbd_lang[24];
} ui_search_t;

struct ui {
	store_t *st;
	font_set_t *fs;
	const config_t *cfg;
	int w, h;
	theme_t th;
	metrics_t m;

	store_lang_t *langs;
	int nlangs;          /* the enabled ones, first in langs */
	int nlangs_all;      /* all of them, for freeing */
	int settled;         /* ui_settled: every language may be laid out (not before the first frame) */

	lc_entry_t **lc;     /* layout cache buckets */
	int lc_count;
	unsigned lc_gen;

	/* the frame being built */
	draw_list_t dl;
	int dirty;
	rect_t view;         /* the scrolling viewport of the current screen */
	int bar_free_x0, bar_free_x1; /* the top bar's empty stretch, left-to-right terms */
	rect_t clip;         /* current clip (w = 0: none): nothing outside it is emitted */
	int view_h;          /* content height inside it */
	/* The language grid hides a tile the foot of the view would cut;
	 * paging down stops at the scroll that brings the first one to the
	 * top (-1: none on this screen). */
	int more_to;

	uint32_t now;
	unsigned generation;  /* counts session resets and language changes */
	unsigned screens;     /* counts screen changes (ui_screens) */
	update_status_t upd;  /* a content update in progress or just finished */
	uint32_t upd_until;   /* the result shows until then */

	ui_session_t sess;
	ui_pointer_t ptr;
	ui_focus_t focus;
	ui_dir_t dir;
	ui_op_t op;
	ui_speech_t speech;
	ui_search_t search;
};

/* ui_widgets.c */
void ui_theme(ui_t *ui);
void ui_metrics(ui_t *ui);
const text_layout_t *ui_layout(ui_t *ui, const char *text, const char *lang, int px, int flags,
                               int width, int center);
const text_layout_t *ui_layout_spans(ui_t *ui, const char *text, const char *lang, int px, int flags,
                                     int width, int center, const text_span_t *spans, size_t nspans);
/* 1 when no word of l is hyphenated or broken between letters. */
int ui_words_whole(const text_layout_t *l);
/* The box the ink of l (laid out w px wide) fills, in its own coordinates. */
rect_t ui_layout_ink(ui_t *ui, const text_layout_t *l, int w);
/* The height a button w px wide needs for label (icon beside it) at the label size. */
int ui_button_h(ui_t *ui, int w, int icon, const char *label, const char *lang);
/* The content's language with this code (enabled or not), or NULL. */
const store_lang_t *ui_find_lang(const ui_t *ui, const char *code);
/* Plays an audio-first language's name recording (nothing without one). */
void ui_play_name(ui_t *ui, const char *code);
/* The language whose recordings the article plays: the audio-first
 * language chosen, else the article's own. */
const char *ui_recording_lang(const ui_t *ui);
/* l (text laid out avail px wide) again in the width its lines take, same
 * breaks; *box_w: the width to draw it in. */
const text_layout_t *ui_layout_hug(ui_t *ui, const text_layout_t *l, const char *text, const char *lang, int flags,
                                   int avail, int *box_w);
int ui_text(ui_t *ui, rect_t box, const char *text, const char *lang, int px, int flags,
            color_t c, int center);
void ui_text_layout(ui_t *ui, const text_layout_t *l, int x, int y, int w, color_t c, color_t mark,
                    const char *lang);
void ui_clip(ui_t *ui, rect_t r);
int ui_shows(const ui_t *ui, rect_t r);
void ui_rect(ui_t *ui, rect_t r, color_t c, int radius);
void ui_icon(ui_t *ui, uint32_t cp, rect_t r, int px, color_t c);
void ui_target(ui_t *ui, rect_t r, const char *id);
const char *ui_idf(char *out, const char *prefix, const char *name);
void ui_marker(ui_t *ui, rect_t r, const char *id);
enum { BTN_PRIMARY, BTN_CHIP, BTN_DANGER, BTN_SURFACE };
color_t ui_button_fg(const ui_t *ui, const char *id, int style);
const char *ui_textsize_key(const ui_t *ui);
void ui_button(ui_t *ui, rect_t r, const char *id, uint32_t icon, const char *label,
               const char *lang, int style, int stacked);
enum { TILE_PLAIN, TILE_CHOSEN, TILE_HOT };
typedef struct {
	rect_t in;           /* inside the border */
	color_t fg;          /* text colour on it */
	int shown;           /* some of it is inside the clip */
} tile_t;
tile_t ui_tile(ui_t *ui, rect_t r, const char *id, int style);
float ui_px_per_mm(const ui_t *ui);
int ui_mm(const ui_t *ui, float mm);
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
void ui_speech_reset(ui_t *ui);
void ui_speech_announce(ui_t *ui);
void ui_speech_announce_screen(ui_t *ui);
int ui_audio_works(ui_t *ui);
void ui_a11y_set(ui_t *ui, int on);
int ui_a11y_strip_h(ui_t *ui);
void ui_a11y_strip(ui_t *ui);
#define UI_DOUBLE_TAP_MS 400
#define UI_A11Y_HOLD_MS 2000   /* two fingers held this long: spoken navigation on (or off) */
#define UI_STUCK_MS 5000       /* a finger silent this long was lost (an up event never came) */

/* ui_search.c */
void ui_build_search(ui_t *ui);
void ui_search_type(ui_t *ui, const char *text);
void ui_search_key(ui_t *ui, const char *key);
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
void ui_listen_row(ui_t *ui, page_t *p);
void ui_title_listen(ui_t *ui, page_t *p, const char *title);
int ui_listen_strip_h(ui_t *ui);
void ui_listen_strip(ui_t *ui);

/* ui.c */
frame_t *ui_top(ui_t *ui);
void ui_nav_add(ui_t *ui, const char *id, rect_t r);
void ui_focus_step(ui_t *ui, int delta);
void ui_focus_set(ui_t *ui, const char *id);

#endif
