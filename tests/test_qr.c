/* test_qr — QR codes: a quiet zone of four light modules, finder patterns
 * in three corners, pixels black on white, the vCard contact (E.164
 * numbers with TYPE labels, escaping), and text too
 * long for a scannable code refused. */
#include "harness.h"
#include "qr.h"
#include "util.h"

#include <stdlib.h>

static void encodes(void)
{
	qr_t q;
	CHECK_INT(qr_encode("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Test\r\nTEL:+12025550100\r\nEND:VCARD\r\n", &q), 0);
	int s = q.size, quiet = 1;
	for (int i = 0; i < s; i++)
		for (int k = 0; k < 4; k++)
			quiet &= !q.dark[k * s + i] && !q.dark[(s - 1 - k) * s + i] && !q.dark[i * s + k] && !q.dark[i * s + s - 1 - k];
	CHECK(quiet);
	/* Finder patterns at three corners, inside the quiet zone: a dark 7x7
	 * ring, a light ring, a dark 3x3 centre. */
	int finders = 0;
	const int corner[3][2] = {{4, 4}, {s - 11, 4}, {4, s - 11}};
	for (int c = 0; c < 3; c++) {
		int x0 = corner[c][0], y0 = corner[c][1], ok = 1;
		for (int i = 0; i < 7; i++)
			for (int j = 0; j < 7; j++) {
				int ring = KYR_MAX(abs(i - 3), abs(j - 3));
				ok &= q.dark[(y0 + i) * s + x0 + j] == (ring != 2);
			}
		finders += ok;
	}
	CHECK_INT(finders, 3);
	int w = 0;
	uint32_t *px = qr_pixels(&q, 3, &w);
	CHECK_INT(w, s * 3);
	int colours = 1;
	for (int i = 0; i < w * w; i++) colours &= px[i] == 0xFF000000u || px[i] == 0xFFFFFFFFu;
	CHECK(colours && px[0] == 0xFFFFFFFFu && px[(4 * 3) * w + 4 * 3] == 0xFF000000u);
	free(px);
	qr_free(&q);
	char big[1400];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = 0;
	CHECK_INT(qr_encode(big, &q), -1);
}

static void vcard(void)
{
	/* E.164 with a TYPE per label; escaping of , ; \ and newlines. */
	char *v = qr_vcard("A; B, C\\D", "main:+12025550100;fax:+12025550101;text:+12025550102;hotline:+12025550103", "1 Main St, Town");
	CHECK_STR(v, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\\; B\\, C\\\\D\r\nN:A\\; B\\, C\\\\D;;;;\r\nORG:A\\; B\\, C\\\\D\r\n"
	             "TEL;TYPE=WORK,VOICE:+12025550100\r\nTEL;TYPE=WORK,FAX:+12025550101\r\n"
	             "TEL;TYPE=CELL,TEXT:+12025550102\r\nTEL;TYPE=WORK,VOICE,PREF:+12025550103\r\n"
	             "ADR;TYPE=WORK:;;1 Main St\\, Town;;;;\r\nEND:VCARD\r\n");
	free(v);
	/* A number the content check would refuse never reaches the card. */
	v = qr_vcard("X", "main:555-0100;whatsapp:+1 (202) 555-0104", "");
	CHECK_STR(v, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:X\r\nN:X;;;;\r\nORG:X\r\nTEL;TYPE=CELL,TEXT:+12025550104\r\nEND:VCARD\r\n");
	free(v);
}

int main(void)
{
	RUN(encodes);
	RUN(vcard);
	return harness_done();
}
