/* qr — see include/qr.h. */
#include "qr.h"
#include "phone.h"
#include "util.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#define QUIET 4

int qr_encode(const char *utf8, qr_t *out)
{
	memset(out, 0, sizeof *out);
	if (strlen(utf8) > 1200) return -1;
	/* Non-ASCII text gets an ECI 26 (UTF-8) header; without it readers guess
	 * Shift-JIS or Latin-1 and show mojibake. Plain ASCII (a vCard with a
	 * Latin name) stays without, as every reader handles that. */
	int ascii = 1;
	for (const char *p = utf8; *p; p++) ascii &= (unsigned char)*p < 0x80;
	QRinput *in = QRinput_new2(0, QR_ECLEVEL_M);
	if (!in) return -1;
	if ((!ascii && QRinput_appendECIheader(in, 26)) ||
	    QRinput_append(in, QR_MODE_8, (int)strlen(utf8), (const unsigned char *)utf8)) {
		QRinput_free(in);
		return -1;
	}
	QRcode *c = QRcode_encodeInput(in);
	QRinput_free(in);
	if (!c) return -1;
	int n = c->width + 2 * QUIET;
	out->size = n;
	out->dark = xcalloc((size_t)n * (size_t)n, 1);
	for (int y = 0; y < c->width; y++)
		for (int x = 0; x < c->width; x++)
			out->dark[(y + QUIET) * n + x + QUIET] = c->data[y * c->width + x] & 1;
	QRcode_free(c);
	return 0;
}

void qr_free(qr_t *q)
{
	free(q->dark);
	q->dark = NULL;
	q->size = 0;
}

uint32_t *qr_pixels(const qr_t *q, int scale, int *w)
{
	int n = q->size * scale;
	uint32_t *px = xmalloc((size_t)n * (size_t)n * 4);
	for (int y = 0; y < n; y++)
		for (int x = 0; x < n; x++)
			px[y * n + x] = q->dark[(y / scale) * q->size + x / scale] ? 0xFF000000u : 0xFFFFFFFFu;
	*w = n;
	return px;
}

/* vCard 3.0 (RFC 2426) escapes \ ; , and newlines with a backslash. */
static void put_escaped(buf_t *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n') { buf_puts(b, "\\n"); continue; }
		if (strchr("\\;,", *s)) buf_putc(b, '\\');
		buf_putc(b, *s);
	}
}

/* The TYPE of each label: what phones file the number under (a text line
 * is a mobile that takes messages; the hotline is the one to call first). */
static const char *const tel_types[PHONE_NLABELS] = {
	[PHONE_MAIN] = "WORK,VOICE", [PHONE_HOTLINE] = "WORK,VOICE,PREF", [PHONE_TEXT] = "CELL,TEXT",
	[PHONE_WHATSAPP] = "CELL,TEXT", [PHONE_FAX] = "WORK,FAX",
};

char *qr_vcard(const char *name, const char *phones, const char *address)
{
	buf_t b = {0};
	phone_t ph[16];
	int n = phone_parse_list(phones, ph, 16);
	/* CRLF line ends, as the RFC says; phone readers accept them all. */
	buf_puts(&b, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:");
	put_escaped(&b, name);
	buf_puts(&b, "\r\nN:");
	put_escaped(&b, name);
	buf_puts(&b, ";;;;\r\nORG:");
	put_escaped(&b, name);
	buf_puts(&b, "\r\n");
	for (int i = 0; i < n; i++) buf_printf(&b, "TEL;TYPE=%s:%s\r\n", tel_types[ph[i].label], ph[i].e164);
	if (address && *address) {
		buf_puts(&b, "ADR;TYPE=WORK:;;");
		put_escaped(&b, address);
		buf_puts(&b, ";;;;\r\n");
	}
	buf_puts(&b, "END:VCARD\r\n");
	return b.data;
}
