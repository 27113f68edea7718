/* ui — the kiosk's screens, navigation and session, as plain C over plain
 * structs. The UI consumes input events (input.h), keeps the visitor's
 * session, and builds a draw list (draw.h) that render.c replays, the
 * scripted mode dumps, and tests read. No SDL here.
 *
 * Time is passed in by the caller (milliseconds, monotonic), so the
 * scripted mode can run on a virtual clock. Start reading at ui_input(). */
#ifndef KYR_UI_H
#define KYR_UI_H

#include <stdint.h>
#include "config.h"
#include "content.h"
#include "draw.h"
#include "font.h"
#include "input.h"
#include "store.h"

typedef struct ui ui_t;

/* Creates the UI for a w x h logical screen. st may be NULL: the UI then
 * shows the "out of service" screen. Borrows st, fs and cfg. */
ui_t *ui_new(store_t *st, font_set_t *fs, const config_t *cfg, int w, int h);
void ui_free(ui_t *ui);

/* Feeds one input event at time now. */
void ui_input(ui_t *ui, const input_event_t *ev, uint32_t now);
/* Advances timers and animations (inertia, idle countdown) to now. */
void ui_tick(ui_t *ui, uint32_t now);
/* Milliseconds until ui_tick next has work to do (-1: nothing pending). */
int ui_next_timeout(ui_t *ui, uint32_t now);
/* 1 when the draw list must be rebuilt and the screen redrawn. */
int ui_dirty(const ui_t *ui);
/* Asks for a redraw (e.g. the window was uncovered). */
void ui_invalidate(ui_t *ui);
/* The start-up work after the first frame is done: from now on the attract
 * screen sizes its header over every language (which reads every script's
 * font and every language's strings: not before the first frame). Redraws. */
void ui_settled(ui_t *ui);
/* The current draw list, rebuilt first if the state changed. */
const draw_list_t *ui_draw(ui_t *ui);

/* Ends the visitor's session now: the neutral attract screen, default
 * language, text size and contrast, no history, no search text, no cached
 * text of the last visitor. */
void ui_reset(ui_t *ui);
/* Swaps in another content store (between visitors; resets the session). */
void ui_set_store(ui_t *ui, store_t *st);

/* Shows kyr-update's progress or result over whatever is on screen. */
void ui_set_update(ui_t *ui, const update_status_t *st, uint32_t now);

/* Exit statuses the operator screen asks for; the systemd unit's
 * ExecStopPost helper (deploy/kyr-kiosk-action) carries them out. */
enum { UI_EXIT_RESTART = 70, UI_EXIT_SHUTDOWN = 71, UI_EXIT_UPDATE = 72, UI_EXIT_APPLY = 73,
       UI_EXIT_UPDATE_OLDER = 74 /* update now, an older version allowed once (after a key compromise) */ };
/* 0, or the status the kiosk should now exit with. */
int ui_exit_code(const ui_t *ui);
/* The touch calibration in use (the configuration's, or a new one). */
const float *ui_calibration(const ui_t *ui);
/* Tells the UI which file the content came from and the updater's last word. */
void ui_set_source(ui_t *ui, const char *source);

/* Gives the UI the speech engine (NULL: no audio, no Listen buttons). */
struct speech;
void ui_set_speech(ui_t *ui, struct speech *sp);
/* The index of the sentence being read aloud, -1 when silent. */
int ui_speech_segment(const ui_t *ui);
/* The id of the focused control ("" when none): keyboard or spoken navigation. */
const char *ui_focus_id(const ui_t *ui);
/* 1 while spoken navigation is on. */
int ui_a11y_on(const ui_t *ui);
/* The current screen's controls in focus order (reading order, mirrored in
 * right-to-left languages), including those scrolled out of view: how many,
 * and the id of the i-th (valid until the next input or rebuild). */
int ui_control_count(ui_t *ui);
const char *ui_control_id(ui_t *ui, int i);
/* Runs the action of the control with this id, as a tap would; 1 when some
 * action took the id, 0 when none did. */
int ui_activate(ui_t *ui, const char *id);

/* The current screen's name ("attract", "home", "article" ...). */
const char *ui_screen_name(const ui_t *ui);
/* The visitor's language ("" on the attract screen). */
const char *ui_lang(const ui_t *ui);
/* Counts session resets and language changes: the renderer lets go of its
 * cached text, open fonts and data pages when it changes (render_follow). */
unsigned ui_generation(const ui_t *ui);
/* Counts screen changes (a new screen pushed, or back to the last one). */
unsigned ui_screens(const ui_t *ui);
/* 1 when the session holds no visitor state (used by tests). */
int ui_is_pristine(const ui_t *ui);

#endif
