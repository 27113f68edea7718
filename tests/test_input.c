/* test_input — touch and mouse mapping onto the logical screen.
 *
 * On KMSDRM, SDL gives touch in the touch device's normalised range (0..1)
 * with no window mapping; input_map_touch() applies the calibration matrix
 * (in device units) and then undoes the screen rotation (the logical UI
 * image is drawn turned CLOCKWISE by `rotation` degrees onto the panel).
 *
 * Three layers of checks: corners and centre against a table written from
 * that convention; calibration matrices (mirrored, swapped, inset sensors)
 * with every rotation; and a round trip through the real renderer: a marker
 * drawn at a logical spot is found on the rotated panel image, and touching
 * (or clicking) where it appears must land on the marker. */
#include "harness.h"
#include "draw.h"
#include "input.h"
#include "render.h"

#include <SDL.h>
#include <stdlib.h>

static const float identity[6] = {1, 0, 0, 0, 1, 0};
static const int rotations[4] = {0, 90, 180, 270};

static void map(float nx, float ny, int rot, const float m[6], int w, int h, int *x, int *y)
{
	*x = *y = -12345;
	input_map_touch(nx, ny, rot, m, w, h, x, y);
}

#define CHECK_AT(nx, ny, rot, m, w, h, ex, ey) do { \
	int x_, y_; \
	map((nx), (ny), (rot), (m), (w), (h), &x_, &y_); \
	CHECKF(x_ == (ex) && y_ == (ey), "rotation %d touch (%.3f, %.3f) on %dx%d: got (%d, %d), want (%d, %d)", \
	       (rot), (double)(nx), (double)(ny), (w), (h), x_, y_, (ex), (ey)); \
} while (0)

/* Where each panel corner lands on the logical screen (w x h is the
 * logical size: a 800x480 panel turned 90 degrees is a 480x800 screen).
 * Turning the image clockwise by 90 puts its top-left corner at the panel's
 * top-right, by 180 at the bottom-right, by 270 at the bottom-left. */
static void test_corners_and_centre(void)
{
	for (int i = 0; i < 4; i++) {
		int rot = rotations[i];
		int w = rot % 180 ? 480 : 800, h = rot % 180 ? 800 : 480;
		int L = 0, T = 0, R = w - 1, B = h - 1;
		/* panel corners: top-left, top-right, bottom-right, bottom-left */
		static const float pc[4][2] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
		int want[4][2];
		switch (rot) {
		case 0:   want[0][0] = L; want[0][1] = T; want[1][0] = R; want[1][1] = T;
		          want[2][0] = R; want[2][1] = B; want[3][0] = L; want[3][1] = B; break;
		case 90:  want[0][0] = L; want[0][1] = B; want[1][0] = L; want[1][1] = T;
		          want[2][0] = R; want[2][1] = T; want[3][0] = R; want[3][1] = B; break;
		case 180: want[0][0] = R; want[0][1] = B; want[1][0] = L; want[1][1] = B;
		          want[2][0] = L; want[2][1] = T; want[3][0] = R; want[3][1] = T; break;
		default:  want[0][0] = R; want[0][1] = T; want[1][0] = R; want[1][1] = B;
		          want[2][0] = L; want[2][1] = B; want[3][0] = L; want[3][1] = T; break;
		}
		for (int k = 0; k < 4; k++)
			CHECK_AT(pc[k][0], pc[k][1], rot, identity, w, h, want[k][0], want[k][1]);
		CHECK_AT(0.5f, 0.5f, rot, identity, w, h, w / 2, h / 2);
	}
}

/* A point a quarter of the way along the panel's top edge: tells a
 * clockwise turn from an anticlockwise one, which corners alone do too, but
 * also catches swapped x/y scaling on a non-square screen. */
static void test_off_axis_point(void)
{
	/* panel 800x480, touch at panel pixel (200, 120) */
	CHECK_AT(0.25f, 0.25f, 0, identity, 800, 480, 200, 120);
	/* 90: the logical x axis runs down the panel, the logical y axis
	 * leftwards: lx = v, ly = 1 - u. */
	CHECK_AT(0.25f, 0.25f, 90, identity, 480, 800, 120, 600);
	CHECK_AT(0.25f, 0.25f, 180, identity, 800, 480, 600, 360);
	CHECK_AT(0.25f, 0.25f, 270, identity, 480, 800, 360, 200);
}

/* Touches off the device's range (a calibration can push them there) are
 * clamped to the screen's edge pixels, never outside it. */
static void test_clamping(void)
{
	static const float far[][2] = {{-0.5f, 0.5f}, {1.5f, 0.5f}, {0.5f, -0.5f}, {0.5f, 1.5f},
	                               {-3, -3}, {4, 4}, {-2, 5}, {1.0001f, 1.0001f}};
	for (int i = 0; i < 4; i++) {
		int rot = rotations[i];
		int w = rot % 180 ? 480 : 800, h = rot % 180 ? 800 : 480;
		for (size_t k = 0; k < sizeof far / sizeof far[0]; k++) {
			int x, y;
			map(far[k][0], far[k][1], rot, identity, w, h, &x, &y);
			CHECKF(x >= 0 && x < w && y >= 0 && y < h, "rotation %d (%g, %g) -> (%d, %d) outside %dx%d",
			       rot, (double)far[k][0], (double)far[k][1], x, y, w, h);
		}
		/* Beyond an edge is that edge, not the opposite one. */
		int x, y;
		map(1.5f, 0.5f, rot, identity, w, h, &x, &y);
		int ex, ey;
		map(1.0f, 0.5f, rot, identity, w, h, &ex, &ey);
		CHECKF(x == ex && y == ey, "rotation %d: past the right edge (%d, %d), edge (%d, %d)", rot, x, y, ex, ey);
		map(-0.5f, 0.5f, rot, identity, w, h, &x, &y);
		map(0.0f, 0.5f, rot, identity, w, h, &ex, &ey);
		CHECKF(x == ex && y == ey, "rotation %d: past the left edge (%d, %d), edge (%d, %d)", rot, x, y, ex, ey);
	}
	/* A one-pixel screen still maps inside. */
	CHECK_AT(0.7f, 0.2f, 90, identity, 1, 1, 0, 0);
}

/* Calibration works in device units, before rotation: the same matrix
 * fixes the same sensor whatever way the screen is turned. */
static void test_calibration(void)
{
	/* Sensor mirrored left-right: raw x = 1 - panel x. */
	const float mirror_x[6] = {-1, 0, 1, 0, 1, 0};
	/* Sensor axes swapped: raw x = panel y, raw y = panel x. */
	const float swap_xy[6] = {0, 1, 0, 1, 0, 0};
	/* Sensor reports 0.05..0.95 across the panel (a typical inset resistive
	 * film): x' = (x - 0.05) / 0.9. */
	const float inset[6] = {1 / 0.9f, 0, -0.05f / 0.9f, 0, 1 / 0.9f, -0.05f / 0.9f};
	for (int i = 0; i < 4; i++) {
		int rot = rotations[i];
		int w = rot % 180 ? 480 : 800, h = rot % 180 ? 800 : 480;
		static const float pts[][2] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0.5f, 0.5f}, {0.3f, 0.8f}, {0.9f, 0.1f}};
		for (size_t k = 0; k < sizeof pts / sizeof pts[0]; k++) {
			float px = pts[k][0], py = pts[k][1];
			int ex, ey, x, y;
			map(px, py, rot, identity, w, h, &ex, &ey);
			map(1 - px, py, rot, mirror_x, w, h, &x, &y);
			CHECKF(abs(x - ex) <= 1 && abs(y - ey) <= 1, "mirror, rotation %d, panel (%g, %g): (%d, %d) want (%d, %d)",
			       rot, (double)px, (double)py, x, y, ex, ey);
			map(py, px, rot, swap_xy, w, h, &x, &y);
			CHECKF(x == ex && y == ey, "swap, rotation %d, panel (%g, %g): (%d, %d) want (%d, %d)",
			       rot, (double)px, (double)py, x, y, ex, ey);
			map(0.05f + 0.9f * px, 0.05f + 0.9f * py, rot, inset, w, h, &x, &y);
			CHECKF(abs(x - ex) <= 1 && abs(y - ey) <= 1, "inset, rotation %d, panel (%g, %g): (%d, %d) want (%d, %d)",
			       rot, (double)px, (double)py, x, y, ex, ey);
		}
		/* The inset sensor's dead border clamps to the screen edge. */
		int x, y;
		map(0.01f, 0.99f, rot, inset, w, h, &x, &y);
		CHECKF(x >= 0 && x < w && y >= 0 && y < h, "inset border outside: (%d, %d)", x, y);
	}
	/* Sensor turned a quarter: raw x = panel y, raw y = 1 - panel x; and a
	 * general matrix with shear, as a four-point fit gives. Both check
	 * x' = a x + b y + c, y' = d x + e y + f term by term. */
	const float quarter[6] = {0, -1, 1, 1, 0, 0};
	const float shear[6] = {1.02f, 0.03f, -0.02f, -0.01f, 0.97f, 0.015f};
	for (int i = 0; i < 4; i++) {
		int rot = rotations[i];
		int w = rot % 180 ? 480 : 800, h = rot % 180 ? 800 : 480;
		static const float raw[][2] = {{0.1f, 0.2f}, {0.8f, 0.3f}, {0.4f, 0.9f}, {0.5f, 0.5f}, {0.95f, 0.05f}};
		for (size_t k = 0; k < sizeof raw / sizeof raw[0]; k++) {
			float rx = raw[k][0], ry = raw[k][1];
			int ex, ey, x, y;
			map(1 - ry, rx, rot, identity, w, h, &ex, &ey);
			map(rx, ry, rot, quarter, w, h, &x, &y);
			CHECKF(abs(x - ex) <= 1 && abs(y - ey) <= 1, "quarter, rotation %d, raw (%g, %g): (%d, %d) want (%d, %d)",
			       rot, (double)rx, (double)ry, x, y, ex, ey);
			map(1.02f * rx + 0.03f * ry - 0.02f, -0.01f * rx + 0.97f * ry + 0.015f, rot, identity, w, h, &ex, &ey);
			map(rx, ry, rot, shear, w, h, &x, &y);
			CHECKF(abs(x - ex) <= 1 && abs(y - ey) <= 1, "shear, rotation %d, raw (%g, %g): (%d, %d) want (%d, %d)",
			       rot, (double)rx, (double)ry, x, y, ex, ey);
		}
	}
	/* A translation only: touch reads 10% too far right. */
	const float shift[6] = {1, 0, -0.1f, 0, 1, 0};
	CHECK_AT(0.6f, 0.5f, 0, shift, 800, 480, 400, 240);
	CHECK_AT(0.6f, 0.5f, 180, shift, 800, 480, 400, 240);
}

/* input_from_sdl: finger events go through input_map_touch; the mouse
 * events SDL synthesises from touch (under X11/Wayland) are dropped, so a
 * tap never counts twice; real mouse clicks are window pixels. */
static void test_sdl_events(void)
{
	input_event_t ev;
	SDL_Event e;
	for (int i = 0; i < 4; i++) {
		int rot = rotations[i];
		int w = rot % 180 ? 480 : 800, h = rot % 180 ? 800 : 480;
		int types[3] = {SDL_FINGERDOWN, SDL_FINGERMOTION, SDL_FINGERUP};
		int want[3] = {IN_DOWN, IN_MOVE, IN_UP};
		for (int k = 0; k < 3; k++) {
			memset(&e, 0, sizeof e);
			e.type = (Uint32)types[k];
			e.tfinger.x = 0.25f;
			e.tfinger.y = 0.75f;
			e.common.timestamp = 1000u + (Uint32)k;
			int ex, ey;
			map(0.25f, 0.75f, rot, identity, w, h, &ex, &ey);
			CHECK(input_from_sdl(&e, rot, identity, w, h, &ev) == 1);
			CHECK_INT(ev.type, want[k]);
			CHECK_INT(ev.t, 1000u + (unsigned)k);   /* when SDL read it: holds are timed by it */
			CHECKF(ev.x == ex && ev.y == ey, "finger rotation %d: (%d, %d) want (%d, %d)", rot, ev.x, ev.y, ex, ey);
		}
		memset(&e, 0, sizeof e);
		e.type = SDL_MOUSEBUTTONDOWN;
		e.button.which = SDL_TOUCH_MOUSEID;
		e.button.button = SDL_BUTTON_LEFT;
		CHECK(input_from_sdl(&e, rot, identity, w, h, &ev) == 0);
		memset(&e, 0, sizeof e);
		e.type = SDL_MOUSEMOTION;
		e.motion.which = SDL_TOUCH_MOUSEID;
		e.motion.state = SDL_BUTTON_LMASK;
		CHECK(input_from_sdl(&e, rot, identity, w, h, &ev) == 0);
		/* A real click in the window's top-left pixel is the panel's top-left. */
		memset(&e, 0, sizeof e);
		e.type = SDL_MOUSEBUTTONDOWN;
		e.button.button = SDL_BUTTON_LEFT;
		e.button.x = 0;
		e.button.y = 0;
		int ex, ey;
		map(0, 0, rot, identity, w, h, &ex, &ey);
		CHECK(input_from_sdl(&e, rot, identity, w, h, &ev) == 1);
		CHECK_INT(ev.type, IN_DOWN);
		CHECKF(ev.x == ex && ev.y == ey, "click rotation %d: (%d, %d) want (%d, %d)", rot, ev.x, ev.y, ex, ey);
	}
}

/* The round trip through the real renderer. pw x ph is the panel. */
static const color_t black = {0, 0, 0, 255}, marker = {255, 0, 0, 255};

static int find_marker(const SDL_Surface *s, int *cx, int *cy)
{
	int x0 = s->w, y0 = s->h, x1 = -1, y1 = -1;
	for (int y = 0; y < s->h; y++) {
		const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch);
		for (int x = 0; x < s->w; x++) {
			Uint8 r, g, b;
			SDL_GetRGB(row[x], s->format, &r, &g, &b);
			if (r > 200 && g < 60 && b < 60) {
				if (x < x0) x0 = x;
				if (x > x1) x1 = x;
				if (y < y0) y0 = y;
				if (y > y1) y1 = y;
			}
		}
	}
	if (x1 < 0) return -1;
	*cx = (x0 + x1) / 2;
	*cy = (y0 + y1) / 2;
	return 0;
}

static void round_trip(int pw, int ph, int rot)
{
	int w = rot % 180 ? ph : pw, h = rot % 180 ? pw : ph;
	SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, pw, ph, 32, SDL_PIXELFORMAT_ARGB8888);
	SDL_Renderer *ren = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
	CHECKF(ren != NULL, "software renderer: %s", SDL_GetError());
	if (!ren) { SDL_FreeSurface(surf); return; }
	render_t *rd = render_new(ren, NULL, w, h, rot);
	/* Logical spots: near each corner, the centre, and two off-axis ones. */
	const rect_t spots[] = {
		{4, 4, 12, 8}, {w - 16, 4, 12, 8}, {w - 16, h - 12, 12, 8}, {4, h - 12, 12, 8},
		{w / 2 - 6, h / 2 - 4, 12, 8}, {w / 5, h / 3, 12, 8}, {w * 2 / 3, h / 7, 12, 8},
	};
	/* A sensor mounted mirrored top-bottom and inset by 5%, and its fix. */
	const float fix[6] = {1 / 0.9f, 0, -0.05f / 0.9f, 0, -1 / 0.9f, 0.95f / 0.9f};
	for (size_t i = 0; i < sizeof spots / sizeof spots[0]; i++) {
		const rect_t q = spots[i];
		draw_list_t dl = {0};
		draw_rect(&dl, (rect_t){0, 0, w, h}, black, 0);
		draw_rect(&dl, q, marker, 0);
		render_frame(rd, &dl);
		draw_free(&dl);
		int cx, cy;
		if (find_marker(surf, &cx, &cy)) {
			CHECKF(0, "%dx%d rotation %d: marker %zu not on the panel", pw, ph, rot, i);
			continue;
		}
		float nx = ((float)cx + 0.5f) / (float)pw, ny = ((float)cy + 0.5f) / (float)ph;
		int x, y;
		map(nx, ny, rot, identity, w, h, &x, &y);
		CHECKF(x >= q.x && x < q.x + q.w && y >= q.y && y < q.y + q.h,
		       "%dx%d rotation %d: marker at logical (%d,%d %dx%d) seen at panel (%d, %d), touch maps to (%d, %d)",
		       pw, ph, rot, q.x, q.y, q.w, q.h, cx, cy, x, y);
		/* The same spot through a mirrored, inset sensor and its calibration. */
		map(0.05f + 0.9f * nx, 0.05f + 0.9f * (1 - ny), rot, fix, w, h, &x, &y);
		CHECKF(x >= q.x - 1 && x <= q.x + q.w && y >= q.y - 1 && y <= q.y + q.h,
		       "%dx%d rotation %d calibrated: marker at logical (%d,%d) maps to (%d, %d)", pw, ph, rot, q.x, q.y, x, y);
		/* A mouse click on that panel pixel, in a window (X11/Wayland). */
		SDL_Event e;
		input_event_t ev;
		memset(&e, 0, sizeof e);
		e.type = SDL_MOUSEBUTTONDOWN;
		e.button.button = SDL_BUTTON_LEFT;
		e.button.x = cx;
		e.button.y = cy;
		CHECK(input_from_sdl(&e, rot, identity, w, h, &ev) == 1);
		CHECKF(ev.x >= q.x && ev.x < q.x + q.w && ev.y >= q.y && ev.y < q.y + q.h,
		       "%dx%d rotation %d: click at panel (%d, %d) maps to (%d, %d), marker at (%d,%d)",
		       pw, ph, rot, cx, cy, ev.x, ev.y, q.x, q.y);
	}
	render_free(rd);
	SDL_DestroyRenderer(ren);
	SDL_FreeSurface(surf);
}

static void test_round_trip_through_renderer(void)
{
	for (int i = 0; i < 4; i++) {
		round_trip(320, 200, rotations[i]);
		round_trip(200, 320, rotations[i]);
	}
}

int main(void)
{
	SDL_setenv("SDL_VIDEODRIVER", "dummy", 1);
	RUN(test_corners_and_centre);
	RUN(test_off_axis_point);
	RUN(test_clamping);
	RUN(test_calibration);
	RUN(test_sdl_events);
	if (SDL_Init(SDL_INIT_VIDEO) == 0) {
		RUN(test_round_trip_through_renderer);
		SDL_Quit();
	} else {
		CHECKF(0, "SDL_Init with the dummy driver: %s", SDL_GetError());
	}
	return harness_done();
}
