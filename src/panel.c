/* panel — see include/panel.h. Plain DRM ioctls on a read-only descriptor
 * (the kernel's UAPI from libdrm's headers; nothing is linked). */
#include "panel.h"

#include <errno.h>
#include <fcntl.h>
#include <libdrm/drm.h>
#include <libdrm/drm_mode.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define PANEL_MAX_CARDS 16
#define PANEL_MAX_CONNECTORS 32

static int builtin(uint32_t type)
{
	return type == DRM_MODE_CONNECTOR_DSI || type == DRM_MODE_CONNECTOR_DPI || type == DRM_MODE_CONNECTOR_LVDS ||
	       type == DRM_MODE_CONNECTOR_eDP;
}

static const char *type_name(uint32_t type)
{
	switch (type) {
	case DRM_MODE_CONNECTOR_DSI: return "DSI";
	case DRM_MODE_CONNECTOR_DPI: return "DPI";
	case DRM_MODE_CONNECTOR_LVDS: return "LVDS";
	case DRM_MODE_CONNECTOR_eDP: return "eDP";
	case DRM_MODE_CONNECTOR_HDMIA: case DRM_MODE_CONNECTOR_HDMIB: return "HDMI";
	default: return "output";
	}
}

static int xioctl(int fd, unsigned long req, void *arg)
{
	int rc;
	do rc = ioctl(fd, req, arg);
	while (rc == -1 && (errno == EINTR || errno == EAGAIN));
	return rc;
}

typedef struct {
	int found, builtin, card;
	uint32_t type, w, h;
} best_t;

/* The connectors of one card: the best connected one with a size. */
static void scan_card(int fd, int card, best_t *best)
{
	struct drm_mode_card_res res;
	uint32_t ids[PANEL_MAX_CONNECTORS];
	memset(&res, 0, sizeof res);
	if (xioctl(fd, DRM_IOCTL_MODE_GETRESOURCES, &res) || !res.count_connectors) return;
	uint32_t n = res.count_connectors < PANEL_MAX_CONNECTORS ? res.count_connectors : PANEL_MAX_CONNECTORS;
	memset(&res, 0, sizeof res);
	res.count_connectors = n;
	res.connector_id_ptr = (uint64_t)(uintptr_t)ids;
	if (xioctl(fd, DRM_IOCTL_MODE_GETRESOURCES, &res)) return;
	if (res.count_connectors < n) n = res.count_connectors;
	for (uint32_t i = 0; i < n; i++) {
		struct drm_mode_get_connector c;
		memset(&c, 0, sizeof c);   /* no modes, properties or encoders asked for */
		c.connector_id = ids[i];
		if (xioctl(fd, DRM_IOCTL_MODE_GETCONNECTOR, &c) || c.connection != 1 || !c.mm_width || !c.mm_height) continue;
		int b = builtin(c.connector_type);
		if (best->found && b <= best->builtin) continue;
		*best = (best_t){1, b, card, c.connector_type, c.mm_width, c.mm_height};
	}
}

int panel_drm_mm(const char *dev_dir, float *w_mm, float *h_mm, char *what, size_t what_len)
{
	best_t best = {0};
	int cards = 0;
	for (int card = 0; card < PANEL_MAX_CARDS; card++) {
		char path[256];
		snprintf(path, sizeof path, "%s/card%d", dev_dir, card);
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0) continue;
		cards++;
		scan_card(fd, card, &best);
		close(fd);
	}
	if (!best.found) {
		if (cards) snprintf(what, what_len, "no connected screen reports its size (%d DRM card(s) in %s)", cards, dev_dir);
		else snprintf(what, what_len, "no DRM card in %s", dev_dir);
		return -1;
	}
	*w_mm = (float)best.w;
	*h_mm = (float)best.h;
	snprintf(what, what_len, "card%d %s %ux%u mm", best.card, type_name(best.type), best.w, best.h);
	return 0;
}
