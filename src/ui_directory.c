/* ui_directory — "Find legal help" (organisations of the kiosk's region
 * first, filters by language and service), one organisation with a QR code
 * its phone camera turns into a contact, and the rights card to photograph.
 * Every sample entry carries a visible badge so nobody calls a made-up
 * number. */
#include "ui_internal.h"
#include "datefmt.h"
#include "hours.h"
#include "phone.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const services[] = {
	"rapid-response", "deportation-defense", "detention", "daca", "asylum", "tps",
	"workers-rights", "family-preparedness", "know-your-rights", "citizenship", "victims",
};

static void texts_free(ui_t *ui)
{
	for (int i = 0; ui->dir.texts && i < ui->dir.ncontacts; i++)
		for (int k = 0; k < 4; k++) free(ui->dir.texts[i][k]);
	free(ui->dir.texts);
	ui->dir.texts = NULL;
}

void ui_directory_forget(ui_t *ui)
{
	texts_free(ui);
	store_contacts_free(ui->dir.contacts, ui->dir.ncontacts_all);
	ui->dir.contacts = NULL;
	ui->dir.ncontacts = ui->dir.ncontacts_all = 0;
	ui->dir.loaded = 0;
	ui->dir.mine = -1;
	ui->dir.service[0] = 0;
	ui->dir.services_open = 0;
	free(ui->dir.qr.text);
	free(ui->dir.qr.pixels);
	memset(&ui->dir.qr, 0, sizeof ui->dir.qr);
}

static const char *region(ui_t *ui)
{
	if (ui->cfg->region[0]) return ui->cfg->region;
	const char *r = store_meta(ui->st, "default_region");
	return r ? r : "national";
}

static int speaks(const store_contact_t *c, const char *lang)
{
	size_t n = strlen(lang);
	for (const char *p = c->languages; p && *p;) {
		const char *e = strchr(p, ';');
		size_t k = e ? (size_t)(e - p) : strlen(p);
		if (k == n && !strncmp(p, lang, n)) return 1;
		p += k + (e ? 1 : 0);
	}
	return 0;
}

/* Under "speaks my language", only the organisations that do; when none
 * does, the ones offering a phone interpreter, which the screen says. */
static void load(ui_t *ui)
{
	if (ui->dir.loaded) return;
	texts_free(ui);
	store_contacts_free(ui->dir.contacts, ui->dir.ncontacts_all);
	ui->dir.contacts = NULL;
	ui->dir.ncontacts = ui->dir.ncontacts_all = 0;
	ui->dir.none_speak = 0;
	if (ui->dir.mine < 0) ui->dir.mine = 1;
	int n = store_contacts(ui->st, region(ui), ui->sess.lang, ui->dir.service[0] ? ui->dir.service : NULL, &ui->dir.contacts);
	ui->dir.ncontacts = ui->dir.ncontacts_all = n < 0 ? 0 : n;
	if (ui->dir.mine && n > 0) {
		/* The chosen move to the front, in order; the rest stay behind
		 * until freed. */
		int any = 0;
		for (int i = 0; i < n; i++) any |= speaks(&ui->dir.contacts[i], ui->sess.lang);
		ui->dir.none_speak = !any;
		store_contact_t *v = xcalloc((size_t)n, sizeof *v);
		int k = 0, rest = n;
		for (int i = 0; i < n; i++) {
			const store_contact_t *c = &ui->dir.contacts[i];
			if (any ? speaks(c, ui->sess.lang) : c->interpretation) v[k++] = *c;
			else v[--rest] = *c;
		}
		free(ui->dir.contacts);
		ui->dir.contacts = v;
		ui->dir.ncontacts = k;
	}
	ui->dir.texts = ui->dir.ncontacts ? xcalloc((size_t)ui->dir.ncontacts, sizeof *ui->dir.texts) : NULL;
	ui->dir.loaded = 1;
}

static char *phone_lines(ui_t *ui, const char *phones);
static char *hours_text(ui_t *ui, const store_contact_t *c);
static char *lang_names(ui_t *ui, const char *codes);
static char *service_names(ui_t *ui, const char *slugs);

/* A contact's lines in the visitor's language: phones, hours, languages,
 * services (each freed by the caller). */
static void make_texts(ui_t *ui, const store_contact_t *c, char *t[4])
{
	t[0] = phone_lines(ui, c->phones);
	t[1] = hours_text(ui, c);
	t[2] = lang_names(ui, c->languages);
	t[3] = service_names(ui, c->services);
}

/* Those of contact i of the list, made the first time they are asked for. */
static char *const *contact_texts(ui_t *ui, int i)
{
	if (!ui->dir.texts[i][0]) make_texts(ui, &ui->dir.contacts[i], ui->dir.texts[i]);
	return ui->dir.texts[i];
}

/* One item of a " · " list: the separator goes after the item before,
 * behind a no-break space, so no line starts with it. The screen's
 * direction mark opens the list and follows every separator: the list
 * runs in the visitor's direction and its names keep their order
 * whatever their scripts (a mark, not isolates: a format character right
 * after the space would hide the line break there). whole: a short name
 * ("Tiếng Việt") is not broken at its spaces. */
static void list_item(ui_t *ui, buf_t *b, const char *item, size_t n, int whole)
{
	const char *mark = ui->sess.rtl ? "\u200f" : "\u200e";
	if (b->len) buf_printf(b, "\u00a0·%s ", mark);
	else buf_puts(b, mark);
	for (size_t i = 0; i < n; i++) {
		if (whole && item[i] == ' ') buf_puts(b, "\u00a0");
		else buf_putc(b, item[i]);
	}
}

/* "es;en;vi" → "Español · English · Tiếng Việt" in the languages' own names. */
static char *lang_names(ui_t *ui, const char *codes)
{
	buf_t b = {0};
	for (const char *p = codes; p && *p;) {
		const char *e = strchr(p, ';');
		size_t k = e ? (size_t)(e - p) : strlen(p);
		const char *name = NULL;
		for (int i = 0; i < ui->nlangs; i++)
			if (strlen(ui->langs[i].code) == k && !strncmp(ui->langs[i].code, p, k)) name = ui->langs[i].native_name;
		if (name) list_item(ui, &b, name, strlen(name), 1);
		else list_item(ui, &b, p, k, 1);
		p += k + (e ? 1 : 0);
	}
	if (!b.data) buf_puts(&b, "");
	return b.data;
}

static char *service_names(ui_t *ui, const char *slugs)
{
	buf_t b = {0};
	for (const char *p = slugs; p && *p;) {
		const char *e = strchr(p, ';');
		size_t k = e ? (size_t)(e - p) : strlen(p);
		char key[64];
		snprintf(key, sizeof key, "service.%.*s", (int)k, p);
		const char *name = ui_str(ui, key);
		list_item(ui, &b, name, strlen(name), 0);
		p += k + (e ? 1 : 0);
	}
	if (!b.data) buf_puts(&b, "");
	return b.data;
}

/* Phones, one a line, "Hotline: (202) 555-0150" in the visitor's language;
 * the number is isolated left-to-right so an Arabic line keeps its digits
 * in order. */
static char *phone_lines(ui_t *ui, const char *phones)
{
	buf_t b = {0};
	phone_t ph[16];
	int n = phone_parse_list(phones, ph, 16);
	for (int i = 0; i < n; i++) {
		char nat[32], iso[40];
		phone_national(&ph[i], nat, sizeof nat);
		snprintf(iso, sizeof iso, "\u2066%s\u2069", nat);
		char *line = ui_fmt(ui, "phone.line", "label", ui_str(ui, phone_label_key(ph[i].label)), "number", iso);
		buf_printf(&b, "%s%s", i ? "\n" : "", line);
		free(line);
	}
	if (!b.data) buf_puts(&b, "");
	return b.data;
}

/* "Monday to Friday, Sunday": runs of three days or more as a range, the
 * rest by name, joined as the language joins a list. */
static char *days_text(ui_t *ui, unsigned days)
{
	char names[7][48], *items[7];
	int n = 0;
	for (int d = 0; d < 7; d++) hours_day_name(d, ui->sess.lang, names[d], sizeof names[d]);
	for (int d = 0; d < 7;) {
		if (!(days >> d & 1)) { d++; continue; }
		int e = d;
		while (e + 1 < 7 && days >> (e + 1) & 1) e++;
		if (e - d >= 2) items[n++] = ui_fmt(ui, "hours.days", "from", names[d], "to", names[e]);
		else for (int k = d; k <= e; k++) items[n++] = xstrdup(names[k]);
		d = e + 1;
	}
	char *s = hours_list((const char *const *)items, n, ui->sess.lang);
	for (int i = 0; i < n; i++) free(items[i]);
	return s;
}

static char *spans_text(ui_t *ui, const hours_rule_t *r)
{
	if (r->nspans == 1 && r->from[0] == 0 && r->to[0] == 1440) return xstrdup(ui_str(ui, "hours.all_day"));
	char spans[HOURS_MAX_SPANS][96];
	const char *items[HOURS_MAX_SPANS];
	for (int i = 0; i < r->nspans; i++) {
		hours_span(r->from[i], r->to[i], ui->sess.lang, spans[i], sizeof spans[i]);
		items[i] = spans[i];
	}
	return hours_list(items, r->nspans, ui->sess.lang);
}

/* The opening hours, one rule a line, then the time zone they are in. */
static char *hours_text(ui_t *ui, const store_contact_t *c)
{
	hours_t h;
	char err[160];
	if (hours_parse(c->hours, &h, err, sizeof err) < 0) {   /* kyr-build refuses it: a damaged database */
		kyr_fault(KYR_FAULT_CONTENT);
		return xstrdup("");
	}
	if (h.kind == HOURS_ALWAYS) return xstrdup(ui_str(ui, "hours.always"));
	if (h.kind == HOURS_APPOINTMENT) return xstrdup(ui_str(ui, "hours.appointment"));
	buf_t b = {0};
	for (int i = 0; i < h.nrules; i++) {
		char *d = days_text(ui, h.rule[i].days), *t = spans_text(ui, &h.rule[i]);
		buf_printf(&b, "%s%s %s", i ? "\n" : "", d, t);
		free(d);
		free(t);
	}
	if (c->tz[0]) {
		char zone[128];
		hours_zone_name(c->tz, ui->sess.lang, zone, sizeof zone);
		char *z = ui_fmt(ui, "hours.zone", "zone", zone, NULL, NULL);
		buf_printf(&b, "\n%s", z);
		free(z);
	}
	if (!b.data) buf_puts(&b, "");
	return b.data;
}

/* A chip's width: ui_button's room, padding both sides and the icon
 * (the check when on) with its gap; never wider than the page. */
static int chip_w(ui_t *ui, const page_t *p, const char *label, int icon)
{
	const metrics_t *m = &ui->m;
	int w = text_width(ui->fs, label, ui->sess.lang, m->px_button, TEXT_BOLD) + 2 * m->gap + (icon ? m->px_icon + m->gap : 0) + 2;
	return KYR_MIN(KYR_MAX(w, m->target * 2), p->w);
}

/* The height of a row of chips: the target size, or what the tallest
 * label needs at the label size (Naskh, Nastaliq and Burmese lines are
 * taller than a 48 px chip; a label wider than the page wraps), as if
 * each had its check icon, so a chip does not jump when it is chosen. */
static int chip_h(ui_t *ui, const page_t *p, const char *const *labels, int n)
{
	int h = ui->m.target;
	for (int i = 0; i < n; i++) h = KYR_MAX(h, ui_button_h(ui, chip_w(ui, p, labels[i], 1), 1, labels[i], ui->sess.lang));
	return h;
}

/* A flowing row of filter chips h high; icon is drawn when not on (the
 * check is, when on). */
static void chip(ui_t *ui, page_t *p, int *x, int *rowy, int h, const char *id, const char *label, int on, uint32_t icon)
{
	const metrics_t *m = &ui->m;
	icon = on ? ICON_CHECK : icon;
	int w = chip_w(ui, p, label, icon != 0);
	if (*x + w > p->w) {
		*x = 0;
		*rowy += h + m->gap;
	}
	rect_t r = ui_mirror(ui, (rect_t){p->x + *x, p->oy + p->y + *rowy, w, h}, (rect_t){p->x, 0, p->w, 0});
	ui_button(ui, r, id, icon, label, ui->sess.lang, on ? BTN_PRIMARY : BTN_CHIP, 0);
	*x += w + m->gap;
}

/* Language filter, then one "Services" chip that opens the list of
 * services; the organisations stay near the top of the screen. */
static void filters(ui_t *ui, page_t *p)
{
	int x = 0, rowy = 0;
	char id[80], label[160], key[64];
	snprintf(key, sizeof key, "service.%s", ui->dir.service);
	/* The list's arrow is an icon: a text "▾" comes from a symbols font
	 * whose taller line pushed this label up, out of line with the
	 * others. */
	snprintf(label, sizeof label, "%s: %s", ui_str(ui, "dir.services"),
	         ui->dir.service[0] ? ui_str(ui, key) : ui_str(ui, "dir.all_services"));
	const char *row[] = {ui_str(ui, "dir.speaks_mine"), ui_str(ui, "dir.all_languages"), label};
	int h = chip_h(ui, p, row, 3);
	snprintf(id, sizeof id, "filter:lang:%s", ui->sess.lang);
	chip(ui, p, &x, &rowy, h, id, row[0], ui->dir.mine == 1, 0);
	chip(ui, p, &x, &rowy, h, "filter:lang:all", row[1], ui->dir.mine == 0, 0);
	chip(ui, p, &x, &rowy, h, "filter:services", label, 0, ICON_DROP_DOWN);
	if (ui->dir.services_open) {
		const char *names[1 + KYR_ARRAY_LEN(services)];
		names[0] = ui_str(ui, "dir.all_services");
		for (size_t i = 0; i < KYR_ARRAY_LEN(services); i++) {
			snprintf(key, sizeof key, "service.%s", services[i]);
			names[i + 1] = ui_str(ui, key);
		}
		x = 0;
		rowy += h + ui->m.gap;
		h = chip_h(ui, p, names, KYR_ARRAY_LEN(names));
		chip(ui, p, &x, &rowy, h, "filter:service:all", names[0], !ui->dir.service[0], 0);
		for (size_t i = 0; i < KYR_ARRAY_LEN(services); i++) {
			snprintf(id, sizeof id, "filter:service:%s", services[i]);
			chip(ui, p, &x, &rowy, h, id, names[i + 1], !strcmp(ui->dir.service, services[i]), 0);
		}
	}
	p->y += rowy + h + ui->m.gap * 2;
}

/* The yellow "SAMPLE – not a real organization" badge. */
static int sample_badge(ui_t *ui, int x, int y, int w)
{
	const metrics_t *m = &ui->m;
	const char *s = ui_str(ui, "dir.sample");
	const text_layout_t *l = ui_layout(ui, s, ui->sess.lang, m->px_small, TEXT_BOLD, w - 2 * m->gap, 0);
	/* In the width the text takes (ui_layout_hug): the badge hugs it. */
	int tw;
	l = ui_layout_hug(ui, l, s, ui->sess.lang, TEXT_BOLD, w - 2 * m->gap, &tw);
	int bw = tw + 2 * m->gap, bh = l->height + m->gap / 2;
	int bx = ui->sess.rtl ? x + w - bw : x;
	ui_rect(ui, (rect_t){bx, y, bw, bh}, ui->th.warn_border, m->radius / 2);
	ui_rect(ui, (rect_t){bx + 2, y + 2, bw - 4, bh - 4}, ui->th.warn_bg, m->radius / 2);
	ui_text_layout(ui, l, bx + m->gap, y + m->gap / 4, tw, ui->th.text, ui->th.text, ui->sess.lang);
	return bh;
}

/* The lines of one entry in the list, measured and drawn from one table. */
typedef struct {
	const char *text, *lang;
	int px, style, mark;
} row_t;

static int entry_rows(ui_t *ui, const store_contact_t *c, char *const *texts, row_t *r)
{
	const metrics_t *m = &ui->m;
	const char *L = ui->sess.lang;
	int n = 0;
	r[n++] = (row_t){c->name, c->name_translated ? L : "en", m->px_body, TEXT_BOLD, 0};
	if (c->interpretation) r[n++] = (row_t){ui_str(ui, "dir.interpretation"), L, m->px_small, TEXT_BOLD, 1};
	r[n++] = (row_t){texts[0], L, m->px_h2, TEXT_BOLD, 1};
	if (c->address[0]) r[n++] = (row_t){c->address, "en", m->px_small, 0, 0};
	for (int i = 1; i < 4; i++)
		if (texts[i][0]) r[n++] = (row_t){texts[i], L, m->px_small, 0, 0};
	return n;
}

static void entry(ui_t *ui, page_t *p, int ci)
{
	const metrics_t *m = &ui->m;
	const theme_t *t = &ui->th;
	const store_contact_t *c = &ui->dir.contacts[ci];
	int hot = !strcmp(c->kind, "hotline");
	int ipx = m->px_icon, tw = p->w - ipx - 4 * m->gap;
	char *const *texts = contact_texts(ui, ci);
	row_t rows[8];
	int nrows = entry_rows(ui, c, texts, rows);
	int h = 2 * m->gap;
	if (c->sample) h += ui_layout(ui, ui_str(ui, "dir.sample"), ui->sess.lang, m->px_small, TEXT_BOLD, tw - 2 * m->gap, 0)->height + m->gap;
	for (int i = 0; i < nrows; i++) h += ui_layout(ui, rows[i].text, rows[i].lang, rows[i].px, rows[i].style, tw, 0)->height;
	rect_t b = {p->x, p->oy + p->y, p->w, h};
	char id[UI_ID_MAX];
	ui_idf(id, "org:", c->id);
	tile_t tl = ui_tile(ui, b, id, hot ? TILE_HOT : TILE_PLAIN);
	if (tl.shown) {
		rect_t ir = ui_mirror(ui, (rect_t){b.x + m->gap, b.y + m->gap, ipx, ipx}, (rect_t){p->x, 0, p->w, 0});
		ui_icon(ui, hot ? ICON_EMERGENCY : ICON_SUPPORT, ir, ipx, hot ? t->danger : t->primary);
		int x = ui->sess.rtl ? b.x + m->gap : b.x + ipx + 2 * m->gap, y = b.y + m->gap;
		/* The sample badge comes first: wherever the entry's top shows, the
		 * visitor sees it is not a real organisation (a tall script's badge
		 * under a long name fell below the first screen). */
		if (c->sample) y += sample_badge(ui, x, y, tw) + m->gap / 2;
		for (int i = 0; i < nrows; i++) {
			const row_t *r = &rows[i];
			const text_layout_t *l = ui_layout(ui, r->text, r->lang, r->px, r->style, tw, 0);
			ui_text_layout(ui, l, x, y, tw, r->mark ? t->mark : t->text, t->mark, r->lang);
			y += l->height;
		}
	}
	p->y += h + m->gap;
}

void ui_build_directory(ui_t *ui)
{
	load(ui);
	const metrics_t *m = &ui->m;
	page_t p = ui_page_begin(ui);
	ui_title_listen(ui, &p, ui_str(ui, "dir.title"));
	filters(ui, &p);
	if (!ui->dir.ncontacts)
		ui_page_text(&p, ui_str(ui, "dir.none"), ui->sess.lang, m->px_body, 0, ui->th.text, 0);
	else if (ui->dir.none_speak) {
		const char *mine = ui->sess.lang;
		for (int i = 0; i < ui->nlangs; i++)
			if (!strcmp(ui->langs[i].code, ui->sess.lang)) mine = ui->langs[i].native_name;
		char *msg = ui_fmt(ui, "dir.none_speak", "language", mine, NULL, NULL);
		ui_page_text(&p, msg, ui->sess.lang, m->px_body, TEXT_BOLD, ui->th.text, 0);
		free(msg);
	}
	/* Section headings: hotlines, then near you, statewide, nationwide. */
	const char *last = NULL;
	for (int i = 0; i < ui->dir.ncontacts; i++) {
		const store_contact_t *c = &ui->dir.contacts[i];
		const char *sec = !strcmp(c->kind, "hotline") ? "dir.hotlines" :
		                  c->rank == 0 ? "dir.local" : c->rank == 1 ? "dir.statewide" : "dir.national";
		if (sec != last) {
			p.y += m->gap;
			ui_page_text(&p, ui_str(ui, sec), ui->sess.lang, m->px_h2, TEXT_BOLD, ui->th.text, 0);
			p.y += m->gap / 2;
			last = sec;
		}
		entry(ui, &p, i);
	}
	ui_page_end(&p);
}

/* ---- QR codes ---- */

void ui_qr_set(ui_t *ui, const char *text)
{
	if (ui->dir.qr.text && !strcmp(ui->dir.qr.text, text)) return;
	free(ui->dir.qr.text);
	free(ui->dir.qr.pixels);
	memset(&ui->dir.qr, 0, sizeof ui->dir.qr);
	qr_t q;
	if (qr_encode(text, &q)) return;
	ui->dir.qr.text = xstrdup(text);
	ui->dir.qr.pixels = qr_pixels(&q, 1, &ui->dir.qr.w);
	qr_free(&q);
}

/* Draws the current QR code scaled to whole modules inside r (a square). */
void ui_qr_draw(ui_t *ui, rect_t r)
{
	if (!ui->dir.qr.pixels) return;
	int scale = KYR_MAX(1, r.w / ui->dir.qr.w);
	int side = ui->dir.qr.w * scale;
	rect_t q = {r.x + (r.w - side) / 2, r.y + (r.h - side) / 2, side, side};
	draw_item_t *it = draw_push(&ui->dl, DRAW_IMAGE, q);
	it->pixels = ui->dir.qr.pixels;
	it->img_w = it->img_h = ui->dir.qr.w;
	ui_marker(ui, q, "qr");
}

void ui_build_org(ui_t *ui)
{
	load(ui);
	const metrics_t *m = &ui->m;
	const theme_t *t = &ui->th;
	const char *id = ui_top(ui)->arg;
	store_contact_t *c = NULL, *all = NULL;
	int nall = 0;
	int ci = -1;
	for (int i = 0; i < ui->dir.ncontacts && ci < 0; i++)
		if (!strcmp(ui->dir.contacts[i].id, id)) ci = i;
	if (ci >= 0) c = &ui->dir.contacts[ci];
	if (!c) {   /* reached from search: not in the filtered list */
		nall = store_contacts(ui->st, region(ui), ui->sess.lang, NULL, &all);
		for (int i = 0; i < nall && !c; i++)
			if (!strcmp(all[i].id, id)) c = &all[i];
	}
	page_t p = ui_page_begin(ui);
	if (!c) {
		ui_page_text(&p, ui_str(ui, "dir.none"), ui->sess.lang, m->px_body, 0, t->text, 0);
		ui_page_end(&p);
		store_contacts_free(all, nall);
		return;
	}
	ui_page_text(&p, c->name, c->name_translated ? ui->sess.lang : "en", m->px_h1, TEXT_BOLD, t->text, 0);
	if (c->sample) p.y += sample_badge(ui, p.x, p.oy + p.y + m->gap / 2, p.w) + m->gap;
	p.y += m->gap;
	if (c->interpretation)
		ui_page_text(&p, ui_str(ui, "dir.interpretation"), ui->sess.lang, m->px_body, TEXT_BOLD, t->mark, 0);
	/* From the list, its lines made once; reached from search, made now. */
	char *own[4] = {NULL, NULL, NULL, NULL};
	if (ci < 0) make_texts(ui, c, own);
	char *const *tx = ci >= 0 ? contact_texts(ui, ci) : own;
	ui_page_text(&p, tx[0], ui->sess.lang, m->px_h1, TEXT_BOLD, t->mark, 0);
	p.y += m->gap;
	/* The contact card as a QR code, large, black on white in every theme. */
	char *card = qr_vcard(c->name, c->phones, c->address);
	ui_qr_set(ui, card);
	free(card);
	int side = KYR_MIN(p.w, KYR_MIN(ui->w, ui->h) * 6 / 10);
	rect_t qr = {p.x + (p.w - side) / 2, p.oy + p.y, side, side};
	if (ui_shows(ui, qr)) {
		draw_rect(&ui->dl, qr, (color_t){255, 255, 255, 255}, 0);
		ui_qr_draw(ui, qr);
	}
	p.y += side + m->gap;
	const text_layout_t *l = ui_layout(ui, ui_str(ui, "dir.scan"), ui->sess.lang, m->px_body, TEXT_BOLD, p.w, 1);
	ui_text_layout(ui, l, p.x, p.oy + p.y, p.w, t->text, t->text, ui->sess.lang);
	p.y += l->height + m->gap * 2;
	struct { const char *key, *val, *lang; } rows[] = {
		{"dir.address", c->address, "en"}, {"dir.hours", tx[1], ui->sess.lang},
		{"dir.languages", tx[2], ui->sess.lang}, {"dir.services", tx[3], ui->sess.lang},
		{NULL, c->notes, c->notes_translated ? ui->sess.lang : "en"},
	};
	for (size_t i = 0; i < KYR_ARRAY_LEN(rows); i++) {
		if (!rows[i].val[0]) continue;
		if (rows[i].key) ui_page_text(&p, ui_str(ui, rows[i].key), ui->sess.lang, m->px_small, TEXT_BOLD, t->muted, 0);
		ui_page_text(&p, rows[i].val, rows[i].lang, m->px_body, 0, t->text, 0);
		p.y += m->gap;
	}
	/* A made-up entry was never checked: no date that looks like one. */
	if (!c->sample) {
		char date[128];
		datefmt_format(c->verified_on, ui->sess.lang, DATEFMT_LONG, date, sizeof date);
		char *ver = ui_fmt(ui, "dir.verified", "date", date, NULL, NULL);
		ui_page_text(&p, ver, ui->sess.lang, m->px_small, 0, t->muted, 0);
		free(ver);
	}
	for (int k = 0; k < 4; k++) free(own[k]);
	store_contacts_free(all, nall);
	ui_page_end(&p);
}

/* ---- the rights card ---- */

/* NULL parts the sentences everyone may say from those only some may say
 * (expedited removal: only if true), which follow the card.if_true note. */
static const char *const card_lines[] = {"card.silent", "card.lawyer", "card.no_search", "card.no_entry",
                                         "card.no_sign", NULL, "card.two_years", "card.fear"};

static void card_note(ui_t *ui, page_t *p, int x, int w)
{
	const text_layout_t *l = ui_layout(ui, ui_str(ui, "card.if_true"), ui->sess.lang, ui->m.px_small, TEXT_ITALIC, w, 0);
	p->y += ui->m.gap / 2;
	ui_text_layout(ui, l, x, p->oy + p->y, w, (color_t){0x45, 0x45, 0x45, 255}, (color_t){0x45, 0x45, 0x45, 255}, ui->sess.lang);
	p->y += l->height + ui->m.gap / 2;
}

static int card_block(ui_t *ui, page_t *p, int x, int w, const char *lang, int bold_px, int note)
{
	int y0 = p->y;
	for (size_t i = 0; i < KYR_ARRAY_LEN(card_lines); i++) {
		if (!card_lines[i]) {
			if (note) card_note(ui, p, x, w);   /* in the visitor's language only */
			continue;
		}
		const char *s = store_ui(ui->st, lang, card_lines[i]);
		const text_layout_t *l = ui_layout(ui, s, lang, bold_px, TEXT_BOLD, w, 0);
		ui_text_layout(ui, l, x, p->oy + p->y, w, (color_t){0x1B, 0x1B, 0x1B, 255}, (color_t){0x1B, 0x1B, 0x1B, 255}, lang);
		p->y += l->height + ui->m.gap / 2;
	}
	return p->y - y0;
}

void ui_build_card(ui_t *ui)
{
	const metrics_t *m = &ui->m;
	page_t p = ui_page_begin(ui);
	ui_page_text(&p, ui_str(ui, "card.title"), ui->sess.lang, m->px_h1, TEXT_BOLD, ui->th.text, 0);
	ui_page_text(&p, ui_str(ui, "card.photo"), ui->sess.lang, m->px_body, 0, ui->th.text, 0);
	p.y += m->gap * 2;
	/* The card itself: white, red border, the same in every theme, so it
	 * photographs well; the visitor's language first, then English. */
	int pad = m->gap * 2, inner = p.w - 2 * pad - 8;
	int y0 = p.y;
	int card_i = (int)ui->dl.n;
	draw_rect(&ui->dl, (rect_t){p.x, p.oy + y0, p.w, 1}, (color_t){0xB0, 0x1C, 0x1C, 255}, m->radius);
	draw_rect(&ui->dl, (rect_t){p.x + 8, p.oy + y0 + 8, p.w - 16, 1}, (color_t){255, 255, 255, 255}, m->radius);
	p.y += pad + 8;
	card_block(ui, &p, p.x + pad + 4, inner, ui->sess.lang, m->px_body * 11 / 10, 1);
	if (strcmp(ui->sess.lang, "en")) {
		p.y += m->gap;
		draw_rect(&ui->dl, (rect_t){p.x + pad, p.oy + p.y, inner, 2}, (color_t){0xB0, 0x1C, 0x1C, 255}, 0);
		p.y += m->gap;
		const char *in_en = ui_str(ui, "card.english");
		const text_layout_t *l = ui_layout(ui, in_en, ui->sess.lang, m->px_small, TEXT_BOLD, inner, 0);
		ui_text_layout(ui, l, p.x + pad + 4, p.oy + p.y, inner, (color_t){0x45, 0x45, 0x45, 255}, (color_t){0x45, 0x45, 0x45, 255}, ui->sess.lang);
		p.y += l->height + m->gap / 2;
		card_block(ui, &p, p.x + pad + 4, inner, "en", m->px_body, 0);
	}
	p.y += pad + 8;
	/* Now that the card's height is known, size its two rectangles. */
	ui->dl.items[card_i].r.h = p.y - y0;
	ui->dl.items[card_i + 1].r.h = p.y - y0 - 16;
	ui_page_end(&p);
}
