/* render — replays a draw list with an SDL_Renderer. The only module besides
 * text.c, input.c and the programs' main files that knows SDL.
 *
 * With a rotation, the frame is drawn into a logical-size texture and copied
 * to the screen turned by 90/180/270 degrees clockwise. */
#ifndef KYR_RENDER_H
#define KYR_RENDER_H

#include "draw.h"
#include "font.h"

typedef struct render render_t;

/* renderer is an SDL_Renderer *. w x h is the logical (UI) size. */
render_t *render_new(void *renderer, font_set_t *fs, int w, int h, int rotation);
void render_free(render_t *r);
/* Draws dl (does not present). */
void render_frame(render_t *r, const draw_list_t *dl);
/* Forgets every cached text texture and lets go of the open fonts and
 * freed memory (at session reset: the next visitor starts afresh). */
void render_forget(render_t *r);
/* render_forget() when generation (ui_generation: a session reset or a new
 * language) differs from the last call's; else, when screen (ui_screens)
 * does, lets go of the open fonts only (the cached text stays, for going
 * back). Call it before ui_draw() builds the next screen, so that screen is
 * laid out without the last one's fonts, break iterators and data pages
 * still held (the peak of a visit). */
void render_follow(render_t *r, unsigned generation, unsigned screen);

#endif
