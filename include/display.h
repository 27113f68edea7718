/* display — which DRM card the kiosk's screen is on, chosen before SDL
 * starts.
 *
 * SDL 2.26's KMSDRM driver opens /dev/dri/card0 unless told another index
 * (SDL_KMSDRM_DEVICE_INDEX). A Raspberry Pi has several cards (v3d renders,
 * vc4 drives HDMI; a Pi 5's DSI touch panel is its own card) and their
 * numbers can change between boots, so a fixed number in the configuration
 * is not enough: the kiosk looks in /sys/class/drm for a card with a
 * connected connector and picks that one. */
#ifndef KYR_DISPLAY_H
#define KYR_DISPLAY_H

#include <stddef.h>

/* Looks through sysfs_drm (normally /sys/class/drm) for connectors
 * "cardN-NAME" whose status is "connected". A built-in panel (DSI, DPI,
 * LVDS, eDP) wins over HDMI and other outputs, then the lowest card number.
 * Returns N and names the connector in why ("card1-DSI-1"), or -1 with the
 * reason in why when no card has a connected screen. */
int display_pick_card(const char *sysfs_drm, char *why, size_t why_len);

#endif
