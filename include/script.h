/* script — the headless scripted mode: drives the real UI from a text file,
 * one command a line, on a virtual clock (time moves only on `wait` and
 * between the halves of a tap or drag), and writes screenshots and draw-list
 * dumps. Commands:
 *
 *   tap X Y | tap @ID            drag X1 Y1 X2 Y2 MS        wait MS
 *   key NAME                     text UTF8                  shot NAME
 *   dump NAME                    expect @ID                 expect-text SUBSTRING
 *   expect-no-text SUBSTRING     expect-screen NAME         expect-no @ID
 *
 * Blank lines and lines starting with '#' are ignored. The run stops at the
 * first failure with "FILE:LINE: reason" on standard error. */
#ifndef KYR_SCRIPT_H
#define KYR_SCRIPT_H

#include "render.h"
#include "ui.h"

typedef struct {
	ui_t *ui;
	render_t *render;
	void *renderer;     /* SDL_Renderer * drawing into surface */
	void *surface;      /* SDL_Surface * saved by `shot` */
	font_set_t *fonts;
	const char *outdir;
	/* Called after every command with the virtual time: the kiosk checks
	 * for new content there, as its real loop does once a second. */
	void (*hook)(void *ctx, uint32_t now);
	void *hook_ctx;
} script_env_t;

/* Runs the script at path. Returns 0 when every command succeeded. */
int script_run(const char *path, script_env_t *env);

/* Writes dl as JSON lines to f (the `dump` format; see docs/scripted-mode.md). */
void script_dump(const draw_list_t *dl, font_set_t *fs, void *file);

#endif
