/* ui_operator — the staff screen, behind a hidden gesture (hold the top
 * left corner of the language screen for three seconds) and a PIN checked
 * against the configuration's pin_hash (libsodium crypto_pwhash_str).
 *
 * It shows what content is installed and what needs a lawyer's review
 * again, and offers restart, shut down, update from USB, touch calibration
 * and rotation. The kiosk may write nothing, so actions that change the
 * system end the kiosk with an exit status that its systemd unit's
 * ExecStopPost helper (deploy/kyr-kiosk-action) carries out as root; new
 * settings are logged on one line that the helper copies into kiosk.conf. */
#include "ui_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PIN_MAX 12
#define PIN_TRIES 3           /* wrong PINs before a pause */
#define PIN_LOCK_MS 60000

static const char *const digits[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"};

void ui_operator_forget(ui_t *ui)
{
	sodium_memzero(ui->op.pin, sizeof ui->op.pin);
	ui->op.pin_msg = NULL;
	ui->op.calib_step = -1;
}

static void pin_check(ui_t *ui)
{
	if (ui->now < ui->op.pin_locked_until) {
		ui->op.pin_msg = "Too many wrong PINs. Wait a minute.";
	} else if (!ui->cfg->pin_hash[0]) {
		ui->op.pin_msg = "No operator PIN is set in kiosk.conf (pin_hash).";
	} else if (crypto_pwhash_str_verify(ui->cfg->pin_hash, ui->op.pin, strlen(ui->op.pin)) == 0) {
		ui->op.pin_fails = 0;
		sodium_memzero(ui->op.pin, sizeof ui->op.pin);
		ui_top(ui)->screen = S_OPERATOR;
		ui->op.pin_msg = NULL;
		char faults[256];
		kyr_faults_describe(faults, sizeof faults);
		kyr_log("operator screen opened%s%s", faults[0] ? "; since start: " : "", faults);
		return;
	} else {
		ui->op.pin_msg = "Wrong PIN.";
		if (++ui->op.pin_fails >= PIN_TRIES) {
			ui->op.pin_locked_until = ui->now + PIN_LOCK_MS;
			ui->op.pin_fails = 0;
		}
	}
	sodium_memzero(ui->op.pin, sizeof ui->op.pin);
}

/* ---- touch calibration: four targets, a least-squares affine fit ---- */

static const float calib_at[4][2] = {{0.1f, 0.1f}, {0.9f, 0.1f}, {0.9f, 0.9f}, {0.1f, 0.9f}};

/* Logical screen point → the panel's normalised coordinates before rotation
 * (the inverse of input.c's unrotate). */
static void to_panel(const ui_t *ui, float lx, float ly, float *u, float *v)
{
	switch (ui->cfg->rotation) {
	case 90: *u = 1 - ly; *v = lx; break;
	case 180: *u = 1 - lx; *v = 1 - ly; break;
	case 270: *u = ly; *v = 1 - lx; break;
	default: *u = lx; *v = ly; break;
	}
}

/* Solves the 3x3 system a x = b by Cramer's rule; returns 0 when singular. */
static int solve3(double a[3][3], const double b[3], double x[3])
{
	double det = a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) +
	             a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
	if (det > -1e-12 && det < 1e-12) return 0;
	for (int c = 0; c < 3; c++) {
		double m[3][3];
		memcpy(m, a, sizeof m);
		for (int r = 0; r < 3; r++) m[r][c] = b[r];
		x[c] = (m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
		        m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])) / det;
	}
	return 1;
}

/* The correction that maps where the taps landed onto the targets,
 * composed with the calibration in use. */
static void calib_finish(ui_t *ui)
{
	double ata[3][3] = {{0}}, atx[3] = {0}, aty[3] = {0};
	for (int i = 0; i < 4; i++) {
		float u, v, U, V;
		to_panel(ui, ui->op.calib_tap[i][0] / (float)ui->w, ui->op.calib_tap[i][1] / (float)ui->h, &u, &v);
		to_panel(ui, calib_at[i][0], calib_at[i][1], &U, &V);
		double row[3] = {u, v, 1};
		for (int r = 0; r < 3; r++) {
			for (int c = 0; c < 3; c++) ata[r][c] += row[r] * row[c];
			atx[r] += row[r] * U;
			aty[r] += row[r] * V;
		}
	}
	double p[3], q[3];
	if (!solve3(ata, atx, p) || !solve3(ata, aty, q)) {
		ui->op.pin_msg = "Calibration failed: tap each cross. Try again.";
		return;
	}
	const float *c = ui->op.calib;
	float n[6] = {
		(float)(p[0] * c[0] + p[1] * c[3]), (float)(p[0] * c[1] + p[1] * c[4]), (float)(p[0] * c[2] + p[1] * c[5] + p[2]),
		(float)(q[0] * c[0] + q[1] * c[3]), (float)(q[0] * c[1] + q[1] * c[4]), (float)(q[0] * c[2] + q[1] * c[5] + q[2]),
	};
	memcpy(ui->op.calib, n, sizeof n);
	ui->op.settings_changed = 1;
	ui->op.pin_msg = NULL;
}

/* A tap anywhere while calibrating records where the finger landed. */
int ui_operator_tap(ui_t *ui, int x, int y)
{
	if (ui_top(ui)->screen != S_OPERATOR || ui->op.calib_step < 0) return 0;
	ui->op.calib_tap[ui->op.calib_step][0] = (float)x;
	ui->op.calib_tap[ui->op.calib_step][1] = (float)y;
	if (++ui->op.calib_step == 4) {
		ui->op.calib_step = -1;
		calib_finish(ui);
	}
	ui_invalidate(ui);
	return 1;
}

void ui_operator_action(ui_t *ui, const char *id)
{
	if (!strncmp(id, "pin:", 4)) {
		const char *k = id + 4;
		size_t n = strlen(ui->op.pin);
		if (!strcmp(k, "clear")) sodium_memzero(ui->op.pin, sizeof ui->op.pin);
		else if (!strcmp(k, "ok")) pin_check(ui);
		else if (n < PIN_MAX) ui->op.pin[n] = k[0];
		ui_invalidate(ui);
		return;
	}
	const char *a = id + 3;
	if (!strcmp(a, "restart")) ui->op.exit_code = UI_EXIT_RESTART;
	else if (!strcmp(a, "shutdown")) ui->op.exit_code = UI_EXIT_SHUTDOWN;
	else if (!strcmp(a, "update")) ui->op.exit_code = UI_EXIT_UPDATE;
	else if (!strcmp(a, "update-older")) ui->op.exit_code = UI_EXIT_UPDATE_OLDER;
	else if (!strcmp(a, "calibrate")) ui->op.calib_step = 0;
	else if (!strcmp(a, "rotate")) { ui->op.rotation = (ui->op.rotation + 90) % 360; ui->op.settings_changed = 1; }
	else if (!strcmp(a, "idle-")) { ui->op.idle_seconds = KYR_MAX(30, ui->op.idle_seconds - 30); ui->op.settings_changed = 1; }
	else if (!strcmp(a, "idle+")) { ui->op.idle_seconds = KYR_MIN(600, ui->op.idle_seconds + 30); ui->op.settings_changed = 1; }
	else if (!strcmp(a, "save")) {
		/* One line in the journal; deploy/kyr-kiosk-action copies it into
		 * kiosk.conf and restarts the kiosk. */
		const float *c = ui->op.calib;
		kyr_log("operator settings: rotation=%d idle_seconds=%d touch_calibration=%.5f %.5f %.5f %.5f %.5f %.5f",
		        ui->op.rotation, ui->op.idle_seconds, c[0], c[1], c[2], c[3], c[4], c[5]);
		ui->op.exit_code = UI_EXIT_APPLY;
	}
	ui_invalidate(ui);
}

static void build_pin(ui_t *ui)
{
	const metrics_t *m = &ui->m;
	page_t p = ui_page_begin(ui);
	ui_page_text(&p, "Staff only: enter the PIN", "en", m->px_h2, TEXT_BOLD, ui->th.text, 0);
	char dots[PIN_MAX * 4 + 1] = "";
	for (size_t i = 0; i < strlen(ui->op.pin); i++) strcat(dots, "● ");
	ui_page_text(&p, dots[0] ? dots : " ", "en", m->px_h2, 0, ui->th.text, 0);
	if (ui->op.pin_msg) ui_page_text(&p, ui->op.pin_msg, "en", m->px_body, TEXT_BOLD, ui->th.text, 0);
	p.y += m->gap;
	int kw = KYR_MIN(m->u * 3 / 2, (p.w - 2 * m->gap) / 3), kh = m->u;
	int x0 = p.x + (p.w - 3 * kw - 2 * m->gap) / 2;
	for (int i = 0; i < 12; i++) {
		rect_t b = {x0 + (i % 3) * (kw + m->gap), p.oy + p.y + (i / 3) * (kh + m->gap), kw, kh};
		char id[16];
		snprintf(id, sizeof id, "pin:%s", digits[i]);
		ui_button(ui, b, id, !strcmp(digits[i], "clear") ? ICON_BACKSPACE : !strcmp(digits[i], "ok") ? ICON_CHECK : 0,
		          strlen(digits[i]) == 1 ? digits[i] : NULL, "en", !strcmp(digits[i], "ok") ? BTN_PRIMARY : BTN_CHIP, 0);
	}
	p.y += 4 * (kh + m->gap);
	ui_page_end(&p);
}

static void op_button(ui_t *ui, page_t *p, int *x, const char *id, uint32_t icon, const char *label, int style)
{
	const metrics_t *m = &ui->m;
	int w = KYR_MIN(p->w, KYR_MAX(m->u * 3, text_width(ui->fs, label, "en", m->px_button, TEXT_BOLD) + m->px_icon + 4 * m->gap));
	if (*x + w > p->w) { *x = 0; p->y += m->u + m->gap; }
	rect_t b = {p->x + *x, p->oy + p->y, w, m->u};
	ui_button(ui, b, id, icon, label, "en", style, 0);
	*x += w + m->gap;
}

static void overdue(ui_t *ui, page_t *p)
{
	/* The Pi has no clock battery: never judge by a date older than the bundle's. */
	char today[16];
	time_t t = time(NULL);
	strftime(today, sizeof today, "%Y-%m-%d", gmtime(&t));
	const char *bd = store_meta(ui->st, "bundle_date");
	if (bd && strcmp(bd, today) > 0) snprintf(today, sizeof today, "%s", bd);
	int n = 0;
	buf_t b = {0};
	for (int l = 0; l < ui->nlangs; l++) {
		store_topic_t *tp;
		int nt = store_topics(ui->st, ui->langs[l].code, &tp);
		for (int i = 0; i < nt; i++) {
			store_article_t a;
			if (tp[i].fallback || store_article(ui->st, tp[i].slug, ui->langs[l].code, &a) < 0) continue;
			if (a.review_due[0] && strcmp(a.review_due, today) < 0) {
				if (n < 12) buf_printf(&b, "%s%s (%s, due %s)", n ? "; " : "", tp[i].slug, ui->langs[l].code, a.review_due);
				n++;
			}
			store_article_free(&a);
		}
		store_topics_free(tp, nt);
	}
	char *line = n ? xasprintf("Review overdue (%d): %s%s", n, b.data, n > 12 ? " …" : "") :
	                 xasprintf("No article is past its review date (today %s).", today);
	ui_page_text(p, line, "en", ui->m.px_small, 0, ui->th.text, 0);
	free(line);
	buf_free(&b);
}

/* Faults met since start (counted, never logged at visit time: util.h),
 * and the way back after a publisher key was stolen and misused: the next
 * update may install an older content version, once (docs/publishing.md). */
static void op_recovery(ui_t *ui, page_t *p)
{
	char f[256];
	int x = 0;
	kyr_faults_describe(f, sizeof f);
	ui_page_text(p, f[0] ? f : "No damaged content or font met since start.", "en", ui->m.px_small, 0, ui->th.text, 0);
	p->y += ui->m.gap;
	op_button(ui, p, &x, "op:update-older", 0xe2c4, "Update, allowing an older version once", BTN_DANGER);
	p->y += ui->m.u + ui->m.gap;
}

static void build_operator(ui_t *ui)
{
	const metrics_t *m = &ui->m;
	if (ui->op.calib_step >= 0) {
		/* Full screen: a cross to tap, one after the other. */
		draw_rect(&ui->dl, (rect_t){0, 0, ui->w, ui->h}, ui->th.bg, 0);
		int cx = (int)(calib_at[ui->op.calib_step][0] * (float)ui->w), cy = (int)(calib_at[ui->op.calib_step][1] * (float)ui->h);
		int r = m->u / 2;
		draw_rect(&ui->dl, (rect_t){cx - r, cy - 2, 2 * r, 4}, ui->th.text, 0);
		draw_rect(&ui->dl, (rect_t){cx - 2, cy - r, 4, 2 * r}, ui->th.text, 0);
		ui_text(ui, (rect_t){m->pad, ui->h / 2 - m->px_body, ui->w - 2 * m->pad, 0},
		        "Touch calibration: tap the centre of each cross.", "en", m->px_body, TEXT_BOLD, ui->th.text, 1);
		ui_marker(ui, (rect_t){0, 0, ui->w, ui->h}, "calibrate-tap");
		return;
	}
	page_t p = ui_page_begin(ui);
	ui_page_text(&p, "Operator", "en", m->px_h1, TEXT_BOLD, ui->th.text, 0);
	char *s = xasprintf("Content version %s from %s, dated %s (%s).", store_meta(ui->st, "content_version"),
	                    store_meta(ui->st, "publisher"), store_meta(ui->st, "bundle_date"),
	                    ui->op.content_source ? ui->op.content_source : "content.db");
	ui_page_text(&p, s, "en", m->px_body, 0, ui->th.text, 0);
	free(s);
	if (ui->op.upd_last[0]) ui_page_text(&p, ui->op.upd_last, "en", m->px_small, 0, ui->th.text, 0);
	buf_t b = {0};
	for (int l = 0; l < ui->nlangs; l++) {
		store_topic_t *tp;
		int nt = store_topics(ui->st, ui->langs[l].code, &tp), tr = 0;
		for (int i = 0; i < nt; i++) tr += !tp[i].fallback;
		buf_printf(&b, "%s%s %d/%d", l ? ", " : "Languages (topics translated): ", ui->langs[l].code, tr, nt);
		store_topics_free(tp, nt);
	}
	ui_page_text(&p, b.data ? b.data : "", "en", m->px_small, 0, ui->th.text, 0);
	buf_free(&b);
	overdue(ui, &p);
	p.y += m->gap;
	s = xasprintf("Idle time %d s, rotation %d°, touch calibration %.3f %.3f %.3f %.3f %.3f %.3f%s", ui->op.idle_seconds,
	              ui->op.rotation, ui->op.calib[0], ui->op.calib[1], ui->op.calib[2], ui->op.calib[3], ui->op.calib[4], ui->op.calib[5],
	              ui->op.settings_changed ? " (not saved)" : "");
	ui_page_text(&p, s, "en", m->px_small, TEXT_BOLD, ui->th.text, 0);
	free(s);
	if (ui->op.pin_msg) ui_page_text(&p, ui->op.pin_msg, "en", m->px_small, TEXT_BOLD, ui->th.text, 0);
	p.y += m->gap;
	int x = 0;
	op_button(ui, &p, &x, "op:update", 0xe2c4, "Update from USB now", BTN_PRIMARY);
	op_button(ui, &p, &x, "op:calibrate", ICON_TOUCH, "Calibrate touch", BTN_CHIP);
	op_button(ui, &p, &x, "op:rotate", 0xe41a /* rotate_right */, "Rotate", BTN_CHIP);
	op_button(ui, &p, &x, "op:idle-", 0, "Idle −30 s", BTN_CHIP);
	op_button(ui, &p, &x, "op:idle+", 0, "Idle +30 s", BTN_CHIP);
	if (ui->op.settings_changed) op_button(ui, &p, &x, "op:save", ICON_CHECK, "Save and restart", BTN_PRIMARY);
	op_button(ui, &p, &x, "op:restart", 0xe5d5 /* refresh */, "Restart", BTN_CHIP);
	op_button(ui, &p, &x, "op:shutdown", 0xe8ac /* power_settings_new */, "Shut down", BTN_DANGER);
	p.y += m->u + m->gap;
	op_recovery(ui, &p);
	ui_page_end(&p);
}

void ui_build_operator(ui_t *ui)
{
	if (ui_top(ui)->screen == S_PIN) build_pin(ui);
	else build_operator(ui);
}
