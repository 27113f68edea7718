/* panel — the physical size of the kiosk's screen, as the kernel's DRM
 * driver reports it (a connector's mm_width x mm_height: the DSI panel's
 * driver knows it, an HDMI monitor's EDID tells it), so the UI can size
 * things in millimetres (docs/accessibility.md). Asked once at start,
 * before the sandbox; the configuration's `panel` wins over it. */
#ifndef KYR_PANEL_H
#define KYR_PANEL_H

#include <stddef.h>

/* Looks at the connectors of dev_dir/card0..card15 (normally /dev/dri)
 * for a connected one with a known size; a built-in panel (DSI, DPI,
 * LVDS, eDP) wins over an external output. Returns 0 with the size in mm
 * and the connector named in what ("card1 DSI 155x87 mm"), or -1 with the
 * reason in what. Only reads: no mode is set, nothing is held open. */
int panel_drm_mm(const char *dev_dir, float *w_mm, float *h_mm, char *what, size_t what_len);

#endif
