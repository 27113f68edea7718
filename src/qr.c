/* qr — see include/qr.h. */
#include "qr.h"
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
	 * Shift-JIS or Latin-1 and show mojibake. Plain ASCII (a MECARD with a
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

/* MECARD escapes \ ; , : with a backslash. */
static void put_escaped(buf_t *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (strchr("\\;,:", s[i])) buf_putc(b, '\\');
		buf_putc(b, s[i]);
	}
}

char *qr_mecard(const char *name, const char *phones, const char *address)
{
	buf_t b = {0};
	buf_puts(&b, "MECARD:N:");
	put_escaped(&b, name, strlen(name));
	buf_putc(&b, ';');
	for (const char *p = phones; p && *p;) {
		const char *e = strchr(p, ';');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		/* Keep what a phone dials: digits and a leading '+'. */
		buf_t num = {0};
		for (size_t i = 0; i < n; i++)
			if ((p[i] >= '0' && p[i] <= '9') || (p[i] == '+' && !num.len)) buf_putc(&num, p[i]);
		if (num.len) {
			buf_puts(&b, "TEL:");
			buf_puts(&b, num.data);
			buf_putc(&b, ';');
		}
		buf_free(&num);
		p += n + (e ? 1 : 0);
	}
	if (address && *address) {
		buf_puts(&b, "ADR:");
		put_escaped(&b, address, strlen(address));
		buf_putc(&b, ';');
	}
	buf_puts(&b, ";");
	return b.data;
}
