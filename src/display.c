/* display — the DRM card with a connected screen (see display.h). */
#include "display.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Panels the kiosk is built into: these rank before external outputs. */
static int is_panel(const char *connector)
{
	static const char *const panel[] = {"DSI-", "DPI-", "LVDS-", "eDP-", NULL};
	for (int i = 0; panel[i]; i++)
		if (!strncmp(connector, panel[i], strlen(panel[i]))) return 1;
	return 0;
}

/* "connected\n" in DIR/NAME/status. */
static int connected(const char *dir, const char *name)
{
	char path[512], buf[32] = "";
	snprintf(path, sizeof path, "%s/%s/status", dir, name);
	FILE *f = fopen(path, "r");
	if (!f) return 0;
	int ok = fgets(buf, sizeof buf, f) && !strncmp(buf, "connected", 9) && (buf[9] == '\n' || !buf[9]);
	fclose(f);
	return ok;
}

int display_pick_card(const char *sysfs_drm, char *why, size_t why_len)
{
	DIR *d = opendir(sysfs_drm);
	if (!d) {
		snprintf(why, why_len, "cannot read %s", sysfs_drm);
		return -1;
	}
	int best = -1, best_panel = 0, cards = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		/* Connectors are "card<N>-<TYPE>-<n>"; "card<N>" alone is the card. */
		char *end;
		if (strncmp(e->d_name, "card", 4)) continue;
		long n = strtol(e->d_name + 4, &end, 10);
		if (end == e->d_name + 4 || n < 0 || n > 255) continue;
		if (!*end) { cards++; continue; }
		if (*end != '-' || !connected(sysfs_drm, e->d_name)) continue;
		int panel = is_panel(end + 1);
		if (best < 0 || panel > best_panel || (panel == best_panel && n < best)) {
			best = (int)n;
			best_panel = panel;
			snprintf(why, why_len, "%s", e->d_name);
		}
	}
	closedir(d);
	if (best < 0) snprintf(why, why_len, "no connected screen on any of %d DRM card(s) in %s", cards, sysfs_drm);
	return best;
}
