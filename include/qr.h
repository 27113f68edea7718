/* qr — QR codes for the visitor's phone camera (libqrencode), and the texts
 * they carry: a vCard contact for an organisation, the key points of an
 * article. Codes are black on white with the standard four-module quiet
 * zone, whatever the theme, because phone cameras expect that. */
#ifndef KYR_QR_H
#define KYR_QR_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	int size;            /* modules per side, quiet zone included */
	uint8_t *dark;       /* size*size, 1 = dark module */
} qr_t;

/* Encodes utf8 (error correction M). Returns 0, or -1 when it does not fit
 * a scannable code (more than ~1 KB). Free with qr_free(). */
int qr_encode(const char *utf8, qr_t *out);
void qr_free(qr_t *q);
/* Renders q as ARGB8888 pixels (caller frees), `scale` px per module. */
uint32_t *qr_pixels(const qr_t *q, int scale, int *w);

/* A vCard 3.0 for a phone's "add contact": the name, each number of
 * phones (the content's "label:+E164;…", see phone.h) in E.164 with a TYPE
 * for its label (main WORK,VOICE; hotline WORK,VOICE,PREF; text and
 * whatsapp CELL,TEXT; fax WORK,FAX), and the address. Special characters
 * are escaped. Caller frees. */
char *qr_vcard(const char *name, const char *phones, const char *address);

#endif
