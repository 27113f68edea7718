/* test_draw — the draw list: pushing grows it, hits find the topmost
 * target and respect the clip in force, ids are kept whole. */
#include "harness.h"
#include "draw.h"

static void list(void)
{
	draw_list_t dl = {0};
	for (int i = 0; i < 200; i++) draw_rect(&dl, (rect_t){i, 0, 1, 1}, (color_t){1, 2, 3, 255}, 0);
	CHECK(dl.n == 200 && dl.cap >= 200 && dl.items[199].r.x == 199 && dl.items[199].kind == DRAW_RECT);
	draw_frame(&dl, (rect_t){0, 0, 10, 10}, (color_t){0, 0, 0, 255}, 3, 5);
	CHECK(dl.items[200].kind == DRAW_FRAME && dl.items[200].radius == 3 && dl.items[200].img_w == 5);
	draw_clear(&dl);
	CHECK_INT(dl.n, 0);
	draw_free(&dl);
	CHECK(dl.items == NULL && dl.cap == 0);
}

static void hits(void)
{
	draw_list_t dl = {0};
	draw_target(&dl, (rect_t){0, 0, 100, 100}, "under");
	draw_target(&dl, (rect_t){50, 50, 100, 100}, "over");
	CHECK_STR(draw_hit(&dl, 60, 60)->id, "over");     /* later is on top */
	CHECK_STR(draw_hit(&dl, 10, 10)->id, "under");
	CHECK(draw_hit(&dl, 200, 200) == NULL);
	/* A target pushed under a clip is only hit inside the clip. */
	draw_clip(&dl, (rect_t){0, 300, 100, 100});
	draw_target(&dl, (rect_t){0, 250, 100, 100}, "clipped");
	draw_clip(&dl, (rect_t){0, 0, 0, 0});
	CHECK(draw_hit(&dl, 10, 260) == NULL);
	CHECK_STR(draw_hit(&dl, 10, 320)->id, "clipped");
	CHECK_STR(draw_find(&dl, "clipped")->id, "clipped");
	CHECK(draw_find(&dl, "nothing") == NULL);
	/* The longest id that fits is kept whole. */
	char id[DRAW_ID_MAX];
	memset(id, 'x', sizeof id - 1);
	id[sizeof id - 1] = 0;
	draw_target(&dl, (rect_t){0, 0, 1, 1}, id);
	CHECK_INT(strlen(dl.items[dl.n - 1].id), DRAW_ID_MAX - 1);
	draw_free(&dl);
}

int main(void)
{
	RUN(list);
	RUN(hits);
	return harness_done();
}
