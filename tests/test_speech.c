/* Tests for speech: voices, sentence splitting, synthesis pulled through
 * speech_mix() with no audio device (deterministic timing), pause, stop,
 * volume, Opus recordings (made at test time with opusenc), recordings in
 * kyr-build and the store, and one end-to-end run through SDL's "disk"
 * audio driver, which writes what the device would play into a file. */
#include "harness.h"
#include "build.h"
#include "speech.h"
#include "store.h"
#include "util.h"

#include <SDL.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define RATE SPEECH_RATE
#define MIX_FRAMES 512

static char tmp[512];

static void setup_tmp(void)
{
	const char *b = getenv("BUILD");
	snprintf(tmp, sizeof tmp, "%s/tmp", b && *b ? b : "build");
	char *cmd = xasprintf("mkdir -p '%s'", tmp);
	CHECK(system(cmd) == 0);
	free(cmd);
}

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static double rms(const int16_t *s, size_t n)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++) sum += (double)s[i] * s[i];
	return n ? sqrt(sum / (double)n) : 0;
}

/* What one utterance sounded like, pulled through speech_mix(). */
typedef struct {
	int16_t *pcm;           /* only the frames that came from the utterance */
	size_t n;
	size_t change[8];       /* sample where speech_current() first reported segment i */
	int seen[8];
	int order_ok;           /* speech_current() never went backwards */
	double first_ms;        /* from the call to speech_play to the first real frame */
} heard_t;

/* Mixes until the engine goes idle (or 30 s of wall time pass). */
static void drain(speech_t *sp, heard_t *h, double t0)
{
	int16_t buf[MIX_FRAMES];
	int last = -1;
	memset(h, 0, sizeof *h);
	h->order_ok = 1;
	h->first_ms = -1;
	double deadline = now_ms() + 30000;
	while (speech_state(sp) != SPEECH_IDLE && now_ms() < deadline) {
		int got = speech_mix(sp, buf, MIX_FRAMES);
		if (got == 0) {
			SDL_Delay(1);
			continue;
		}
		if (h->first_ms < 0) h->first_ms = now_ms() - t0;
		int cur = speech_current(sp);
		if (cur >= 0 && cur < last) h->order_ok = 0;     /* -1 once finished */
		if (cur >= 0 && cur < 8 && !h->seen[cur]) {
			h->seen[cur] = 1;
			h->change[cur] = h->n;
		}
		last = cur;
		h->pcm = xrealloc(h->pcm, (h->n + (size_t)got) * sizeof *h->pcm);
		memcpy(h->pcm + h->n, buf, (size_t)got * sizeof *buf);
		h->n += (size_t)got;
	}
}

static int say(speech_t *sp, const char *voice, const char *const *texts, size_t n, heard_t *h)
{
	speech_seg_t segs[8];
	for (size_t i = 0; i < n; i++) segs[i] = (speech_seg_t){ texts[i], strlen(texts[i]), NULL };
	double t0 = now_ms();
	int rc = speech_play(sp, voice, segs, n);
	double took = now_ms() - t0;
	CHECKF(took < 20, "speech_play blocked the caller for %.1f ms", took);
	if (rc == 0) drain(sp, h, t0);
	else memset(h, 0, sizeof *h);
	return rc;
}

/* ---- voices ------------------------------------------------------------------ */

static void test_voices(void)
{
	speech_t *sp = speech_open(SPEECH_HEADLESS);
	CHECK(sp != NULL);
	if (!sp) return;
	const char *present[] = { "en-us", "es-419", "ar", "ko", "cmn", "hi", "am", "fa",
	                          "yue", "vi", "ht", "ru", "pt-br", "fr-fr" };
	for (size_t i = 0; i < KYR_ARRAY_LEN(present); i++)
		CHECKF(speech_has_voice(sp, present[i]) == 1, "voice %s missing", present[i]);
	CHECK_INT(speech_has_voice(sp, "tl"), 0);            /* espeak-ng has no Tagalog */
	CHECK_INT(speech_has_voice(sp, "tl"), 0);            /* cached answer */
	CHECK_INT(speech_has_voice(sp, "en-us"), 1);
	CHECK_INT(speech_has_voice(sp, ""), 0);
	CHECK_INT(speech_has_voice(sp, NULL), 0);
	CHECK_INT(speech_has_voice(sp, "../../etc/passwd"), 0);
	CHECK(speech_data_dir(sp) != NULL && strstr(speech_data_dir(sp), "espeak-ng-data") != NULL);
	CHECK_INT(speech_state(sp), SPEECH_IDLE);
	CHECK_INT(speech_current(sp), -1);
	speech_seg_t seg = { "Hallo.", 6, NULL };
	CHECK_INT(speech_play(sp, "tl", &seg, 1), -1);       /* no voice: nothing plays */
	CHECK_INT(speech_state(sp), SPEECH_IDLE);
	speech_close(sp);
	speech_close(NULL);
	speech_stop(NULL);
}

/* Each segment may name its own voice (an English citation in a Spanish
 * article); one espeak-ng cannot speak falls back to the utterance's. */
static void test_segment_voices(void)
{
	speech_t *sp = speech_open(SPEECH_HEADLESS);
	CHECK(sp != NULL);
	if (!sp) return;
	speech_seg_t segs[3] = {{"Hola.", 5, NULL}, {"8 U.S.C. 1357.", 14, "en-us"}, {"Kumusta.", 8, "tl"}};
	CHECK_INT(speech_play(sp, "es-419", segs, 3), 0);
	CHECK_STR(speech_segment_voice(sp, 0), "es-419");
	CHECK_STR(speech_segment_voice(sp, 1), "en-us");
	CHECK_STR(speech_segment_voice(sp, 2), "es-419");
	CHECK(speech_segment_voice(sp, 3) == NULL);
	/* The English segment really is synthesised: the utterance plays to its end. */
	int16_t buf[4800];
	long frames = 0;
	for (int i = 0; i < 3000 && speech_state(sp) != SPEECH_IDLE; i++) {
		int got = speech_mix(sp, buf, 4800);
		frames += got;
		if (!got) SDL_Delay(2);   /* the synthesiser is behind */
	}
	CHECKF(frames > SPEECH_RATE / 2, "%ld frames of speech", frames);
	speech_stop(sp);
	CHECK(speech_segment_voice(sp, 0) == NULL);
	speech_close(sp);
}

/* ---- sentences ----------------------------------------------------------------- */

typedef struct {
	const char *text;
	char got[8][128];
	int n;
} sents_t;

static void collect(void *ctx, size_t start, size_t end)
{
	sents_t *s = ctx;
	if (s->n < 8) snprintf(s->got[s->n], sizeof s->got[0], "%.*s", (int)(end - start), s->text + start);
	s->n++;
}

static int split(sents_t *s, const char *text, const char *lang)
{
	memset(s, 0, sizeof *s);
	s->text = text;
	return speech_split_sentences(text, strlen(text), lang, collect, s);
}

static void test_split(void)
{
	sents_t s;
	CHECK_INT(split(&s, "  You have rights.  Do not open the door!\nAsk: is there a warrant? ", "en"), 3);
	CHECK_STR(s.got[0], "You have rights.");
	CHECK_STR(s.got[1], "Do not open the door!");
	CHECK_STR(s.got[2], "Ask: is there a warrant?");
	CHECK_INT(split(&s, "The U.S. Constitution protects everyone. Stay calm.", "en"), 2);
	CHECK_STR(s.got[0], "The U.S. Constitution protects everyone.");
	CHECK_INT(split(&s, "Mr. Smith read 8 U.S.C. 1357 to us, e.g. the first part. We live in the U.S.", "en"), 2);
	CHECK_STR(s.got[1], "We live in the U.S.");
	CHECK_INT(split(&s, "你有权利。不要开门。", "zh-Hans"), 2);
	CHECK_STR(s.got[1], "不要开门。");
	CHECK_INT(split(&s, "መብት አለዎት። በሩን አይክፈቱ።", "am"), 2);
	CHECK_STR(s.got[0], "መብት አለዎት።");
	CHECK_INT(split(&s, "لديك حقوق. لا تفتح الباب؟ نعم", "ar"), 3);
	CHECK_INT(split(&s, "आपके अधिकार हैं। दरवाज़ा न खोलें।", "hi"), 2);
	CHECK_INT(split(&s, "No full stop at the end", "en"), 1);
	CHECK_STR(s.got[0], "No full stop at the end");
	CHECK_INT(split(&s, " \n\u3000 ", "en"), 0);
	CHECK_INT(split(&s, "", NULL), 0);
	CHECK_INT(split(&s, "One. Two.", "not a tag!"), 2);
}

static void test_phone_words(void)
{
	buf_t b = {0};
	const char *in[][2] = {
		{ "555-0100", "5 5 5, 0 1 0 0" },
		{ "+1 (555) 010-0123", "+1, 5 5 5, 0 1 0, 0 1 2 3" },
		{ "1-800-555-0199", "1, 8 0 0, 5 5 5, 0 1 9 9" },
		{ "555\u00a00100", "5 5 5, 0 1 0 0" },
		{ "", "" },
	};
	for (size_t i = 0; i < KYR_ARRAY_LEN(in); i++) {
		b.len = 0;
		speech_phone_words(in[i][0], strlen(in[i][0]), &b);
		CHECK_STR(b.data, in[i][1]);
	}
	buf_free(&b);
}

/* ---- synthesis, timing, pause, stop, volume -------------------------------------- */

static void test_synthesis(void)
{
	speech_t *sp = speech_open(SPEECH_HEADLESS);
	CHECK(sp != NULL);
	if (!sp) return;
	const char *texts[] = { "You have the right to remain silent.", "You do not have to open the door." };
	heard_t h;
	CHECK_INT(say(sp, "en-us", texts, 2, &h), 0);
	CHECKF(h.first_ms >= 0 && h.first_ms < 200, "first sound after %.0f ms", h.first_ms);
	CHECK(h.order_ok);
	CHECK(h.seen[0] && h.seen[1]);
	CHECK_INT(h.change[0], 0);
	double d0 = (double)h.change[1] / RATE, d1 = (double)(h.n - h.change[1]) / RATE;
	CHECKF(d0 > 0.5 && d0 < 10, "first sentence %.2f s", d0);
	CHECKF(d1 > 0.5 && d1 < 10, "second sentence %.2f s", d1);
	double r0 = rms(h.pcm, h.change[1]), r1 = rms(h.pcm + h.change[1], h.n - h.change[1]);
	CHECKF(r0 > 300 && r1 > 300, "RMS %.0f, %.0f", r0, r1);
	CHECK_INT(speech_state(sp), SPEECH_IDLE);
	CHECK_INT(speech_current(sp), -1);
	CHECK(labs(speech_position_ms(sp) - (long)(h.n * 1000 / RATE)) <= 1);
	free(h.pcm);

	/* Empty utterance: nothing to say, finishes at once. */
	CHECK_INT(speech_play(sp, "en-us", NULL, 0), 0);
	int16_t buf[MIX_FRAMES];
	for (int i = 0; i < 1000 && speech_state(sp) != SPEECH_IDLE; i++) {
		speech_mix(sp, buf, MIX_FRAMES);
		SDL_Delay(1);
	}
	CHECK_INT(speech_state(sp), SPEECH_IDLE);
	speech_close(sp);
}

/* Waits until the engine has something to play, then takes one buffer. */
static int mix_some(speech_t *sp, int16_t *buf)
{
	for (int i = 0; i < 2000; i++) {
		int got = speech_mix(sp, buf, MIX_FRAMES);
		if (got) return got;
		SDL_Delay(1);
	}
	return 0;
}

static void test_pause_stop(void)
{
	speech_t *sp = speech_open(SPEECH_HEADLESS);
	CHECK(sp != NULL);
	if (!sp) return;
	const char *text = "Stay calm. Do not run. Do not lie. Do not sign anything you do not understand.";
	speech_seg_t seg = { text, strlen(text), NULL };
	int16_t buf[MIX_FRAMES];
	CHECK_INT(speech_play(sp, "en-us", &seg, 1), 0);
	CHECK_INT(speech_state(sp), SPEECH_PLAYING);
	CHECK_INT(speech_current(sp), 0);
	CHECK_INT(mix_some(sp, buf), MIX_FRAMES);
	speech_pause(sp);
	CHECK_INT(speech_state(sp), SPEECH_PAUSED);
	long pos = speech_position_ms(sp);
	buf[0] = 1;
	CHECK_INT(speech_mix(sp, buf, MIX_FRAMES), 0);       /* paused: silence, no progress */
	CHECK_INT(buf[0], 0);
	CHECK_INT(speech_position_ms(sp), pos);
	CHECK_INT(speech_current(sp), 0);                    /* still highlighted while paused */
	speech_pause(sp);                                    /* twice: no change */
	speech_resume(sp);
	CHECK_INT(speech_state(sp), SPEECH_PLAYING);
	CHECK_INT(mix_some(sp, buf), MIX_FRAMES);
	CHECK(speech_position_ms(sp) > pos);

	double t0 = now_ms();
	speech_stop(sp);
	double took = now_ms() - t0;
	CHECKF(took < 20, "speech_stop took %.1f ms", took);
	CHECK_INT(speech_state(sp), SPEECH_IDLE);
	CHECK_INT(speech_current(sp), -1);
	int any = 0;
	for (int i = 0; i < 20; i++) {
		any |= speech_mix(sp, buf, MIX_FRAMES) != 0 || rms(buf, MIX_FRAMES) != 0;
		SDL_Delay(2);                                    /* give a stale worker time to write */
	}
	CHECK(!any);
	speech_resume(sp);                                   /* nothing to resume */
	CHECK_INT(speech_state(sp), SPEECH_IDLE);
	speech_stop(sp);                                     /* twice: harmless */

	/* Play replaces what was playing: the new utterance starts at 0. */
	CHECK_INT(speech_play(sp, "en-us", &seg, 1), 0);
	CHECK_INT(mix_some(sp, buf), MIX_FRAMES);
	speech_seg_t seg2 = { "Hello.", 6, NULL };
	CHECK_INT(speech_play(sp, "en-us", &seg2, 1), 0);
	CHECK(speech_position_ms(sp) == 0);
	heard_t h;
	drain(sp, &h, now_ms());
	CHECKF((double)h.n / RATE < 2, "\"Hello.\" lasted %.2f s: the old utterance leaked", (double)h.n / RATE);
	free(h.pcm);
	speech_close(sp);                                    /* closes while idle */

	/* Close in the middle of an utterance. */
	sp = speech_open(SPEECH_HEADLESS);
	CHECK(sp != NULL);
	if (!sp) return;
	CHECK_INT(speech_play(sp, "en-us", &seg, 1), 0);
	SDL_Delay(5);
	speech_close(sp);
}

static void test_volume(void)
{
	speech_t *sp = speech_open(SPEECH_HEADLESS);
	CHECK(sp != NULL);
	if (!sp) return;
	CHECK_INT(speech_volume(sp), SPEECH_VOLUME);
	speech_set_volume(sp, 150);
	CHECK_INT(speech_volume(sp), 100);
	speech_set_volume(sp, -5);
	CHECK_INT(speech_volume(sp), 0);
	const char *texts[] = { "Call a lawyer." };
	heard_t full, half, none;
	speech_set_volume(sp, 100);
	say(sp, "en-us", texts, 1, &full);
	speech_set_volume(sp, 50);
	say(sp, "en-us", texts, 1, &half);
	speech_set_volume(sp, 0);
	say(sp, "en-us", texts, 1, &none);
	CHECK(full.n > 0 && half.n > 0);
	/* espeak-ng's output varies by a few samples from run to run, so the
	 * loudness is compared here and the exact scaling on a recording. */
	double ratio = rms(half.pcm, half.n) / rms(full.pcm, full.n);
	CHECKF(ratio > 0.45 && ratio < 0.55, "volume 50 gave %.2f of the loudness", ratio);
	CHECK(rms(full.pcm, full.n) > 300);
	CHECK(rms(none.pcm, none.n) == 0);
	free(full.pcm);
	free(half.pcm);
	free(none.pcm);
	speech_close(sp);
}

/* Every language of the default content that has a voice speaks. */
static void test_languages(void)
{
	static const char *const say_what[][2] = {
		{ "en-us", "You have the right to remain silent." },
		{ "es-419", "Usted tiene derecho a guardar silencio." },
		{ "ar", "لديك الحق في التزام الصمت." },
		{ "ko", "당신은 묵비권을 행사할 권리가 있습니다." },
		{ "cmn", "你有权保持沉默。" },
		{ "hi", "आपको चुप रहने का अधिकार है।" },
		{ "am", "ዝም የማለት መብት አለዎት።" },
		{ "fa", "شما حق دارید سکوت کنید." },
	};
	speech_t *sp = speech_open(SPEECH_HEADLESS);
	CHECK(sp != NULL);
	if (!sp) return;
	speech_set_volume(sp, 100);
	/* As the kiosk does at start: the first question loads each voice. */
	double t0 = now_ms();
	for (size_t i = 0; i < KYR_ARRAY_LEN(say_what); i++) CHECK(speech_has_voice(sp, say_what[i][0]));
	fprintf(stderr, "checking %zu voices took %.0f ms\n", KYR_ARRAY_LEN(say_what), now_ms() - t0);
	for (size_t i = 0; i < KYR_ARRAY_LEN(say_what); i++) {
		heard_t h;
		const char *t = say_what[i][1];
		CHECK_INT(say(sp, say_what[i][0], &t, 1, &h), 0);
		double secs = (double)h.n / RATE, r = rms(h.pcm, h.n);
		CHECKF(secs > 0.5 && secs < 10 && r > 300, "%s: %.2f s, RMS %.0f", say_what[i][0], secs, r);
		free(h.pcm);
	}
	speech_close(sp);
}

/* ---- recordings -------------------------------------------------------------------- */

static char *opus_path;
static double opus_source_secs;

/* Makes a small Ogg Opus file: synthetic speech, encoded with opusenc. */
static void make_recording(void)
{
	speech_t *sp = speech_open(SPEECH_HEADLESS);
	CHECK(sp != NULL);
	if (!sp) return;
	speech_set_volume(sp, 100);
	const char *t = "You have the right to remain silent.";
	heard_t h;
	say(sp, "en-us", &t, 1, &h);
	speech_close(sp);
	char *raw = xasprintf("%s/speech-rec.raw", tmp);
	opus_path = xasprintf("%s/speech-rec.opus", tmp);
	FILE *f = fopen(raw, "wb");
	CHECK(f && fwrite(h.pcm, sizeof *h.pcm, h.n, f) == h.n && fclose(f) == 0);
	opus_source_secs = (double)h.n / RATE;
	char *cmd = xasprintf("opusenc --quiet --raw --raw-bits 16 --raw-rate %d --raw-chan 1 --bitrate 16"
	                      " '%s' '%s'", RATE, raw, opus_path);
	unlink(opus_path);
	CHECKF(system(cmd) == 0, "%s (is opus-tools installed? tools/deps.sh check)", cmd);
	free(cmd);
	free(raw);
	free(h.pcm);
}

static void test_recording(void)
{
	size_t len = 0;
	char *ogg = opus_path ? read_file(opus_path, &len) : NULL;
	CHECK(ogg != NULL && len > 100 && len < 20000);
	if (!ogg) return;
	speech_t *sp = speech_open(SPEECH_HEADLESS);
	CHECK(sp != NULL);
	if (!sp) return;
	speech_set_volume(sp, 100);
	double t0 = now_ms();
	CHECK_INT(speech_play_recording(sp, ogg, len), 0);
	CHECK_INT(speech_current(sp), -1);                   /* no sentences in a recording */
	heard_t h;
	drain(sp, &h, t0);
	CHECKF(h.first_ms >= 0 && h.first_ms < 200, "first sound after %.0f ms", h.first_ms);
	double secs = (double)h.n / RATE, r = rms(h.pcm, h.n);
	CHECKF(fabs(secs - opus_source_secs) < 0.1, "decoded %.3f s of a %.3f s recording", secs, opus_source_secs);
	CHECKF(r > 300, "RMS %.0f", r);
	CHECK(!h.seen[0]);
	CHECK_INT(speech_state(sp), SPEECH_IDLE);
	free(h.pcm);

	/* Not Ogg Opus, or cut short before the headers end: refused at once. */
	CHECK_INT(speech_play_recording(sp, "OggS but not really", 19), -1);
	CHECK_INT(speech_play_recording(sp, ogg, 40), -1);
	CHECK_INT(speech_play_recording(sp, NULL, 0), -1);
	CHECK_INT(speech_state(sp), SPEECH_IDLE);
	/* Cut short: opusfile cannot find its end (kyr-build refuses such files). */
	CHECK_INT(speech_play_recording(sp, ogg, len / 2), -1);

	/* Decoding is deterministic, so volume must scale every sample exactly. */
	heard_t full, half;
	CHECK_INT(speech_play_recording(sp, ogg, len), 0);
	drain(sp, &full, now_ms());
	speech_set_volume(sp, 50);
	CHECK_INT(speech_play_recording(sp, ogg, len), 0);
	drain(sp, &half, now_ms());
	CHECK_INT(half.n, full.n);
	size_t off = 0;
	for (size_t i = 0; i < full.n && i < half.n; i++)
		if (half.pcm[i] != (int16_t)(full.pcm[i] * 50 / 100)) off++;
	CHECK_INT(off, 0);
	free(full.pcm);
	free(half.pcm);
	/* Speech after a recording goes back to espeak-ng's rate. */
	const char *t = "Hello.";
	CHECK_INT(say(sp, "en-us", &t, 1, &h), 0);
	free(h.pcm);
	speech_close(sp);
	free(ogg);
}

static char *run_cmd(const char *fmt, const char *a, const char *b)
{
	char *cmd = xasprintf(fmt, a, b);
	int rc = system(cmd);
	CHECKF(rc == 0, "%s", cmd);
	return cmd;
}

static int build_content(const char *dir, const char *db, buf_t *d)
{
	build_opts_t o = { .content_dir = dir, .output = db, .quiet = 1, .diag = d };
	return build_run(&o);
}

/* kyr-build stores topics/<slug>/<lang>.opus; the store hands it back. */
static void test_build_store(void)
{
	if (!opus_path) return;
	char *dir = xasprintf("%s/speech-content", tmp), *db = xasprintf("%s/speech.db", tmp);
	char err[256];
	free(run_cmd("rm -rf '%s' && cp -R tests/data/mini '%s'", dir, dir));
	char *dst = xasprintf("%s/topics/01-door/es.opus", dir);
	free(run_cmd("cp '%s' '%s'", opus_path, dst));
	buf_t d = {0};
	CHECKF(build_content(dir, db, &d) == BUILD_OK, "%s", d.data ? d.data : "");
	buf_free(&d);
	store_t *st = store_open(db, err, sizeof err);
	CHECKF(st != NULL, "%s", err);
	if (st) {
		void *data = NULL;
		size_t len = 0, flen = 0;
		char *file = read_file(opus_path, &flen);
		CHECK_INT(store_recording(st, "01-door", "es", &data, &len), 0);
		CHECK(file && data && len == flen && memcmp(data, file, len) == 0);
		free(data);
		free(file);
		CHECK_INT(store_recording(st, "01-door", "en", &data, &len), -1);   /* no fallback */
		CHECK(data == NULL && len == 0);
		CHECK_INT(store_recording(st, "02-street", "es", &data, &len), -1);
		CHECK_INT(store_recording(st, "nope", "es", &data, &len), -1);
		store_close(st);
	}

	/* A database from before recordings: opens, and has none. */
	char *old = xasprintf("%s/speech-old.db", tmp);
	free(run_cmd("cp '%s' '%s'", db, old));
	sqlite3 *h = NULL;
	CHECK(sqlite3_open(old, &h) == SQLITE_OK && sqlite3_exec(h, "DROP TABLE recordings", NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(h);
	st = store_open(old, err, sizeof err);
	CHECKF(st != NULL, "%s", err);
	if (st) {
		void *data = (void *)1;
		size_t len = 1;
		CHECK_INT(store_recording(st, "01-door", "es", &data, &len), -1);
		CHECK(data == NULL && len == 0);
		store_close(st);
	}

	/* Bad recordings are refused with the file named. */
	free(run_cmd("printf 'not audio' > '%s/topics/01-door/en.opus' && : '%s'", dir, ""));
	free(run_cmd("printf 'x' > '%s/topics/01-door/es.ogg' && : '%s'", dir, ""));
	free(run_cmd("cp '%s' '%s/topics/02-street/fr.opus'", opus_path, dir));
	free(run_cmd("cp '%s' '%s/topics/03-family/es.opus'", opus_path, dir));
	CHECK_INT(build_content(dir, db, &d), BUILD_BAD_CONTENT);
	const char *out = d.data ? d.data : "";
	CHECKF(strstr(out, "topics/01-door/en.opus: not an Ogg Opus file") != NULL, "%s", out);
	CHECKF(strstr(out, "topics/01-door/es.ogg: a recording must be Ogg Opus") != NULL, "%s", out);
	CHECKF(strstr(out, "topics/02-street/fr.opus: unknown language 'fr'") != NULL, "%s", out);
	CHECKF(strstr(out, "topics/03-family/es.opus: a recording of an article that does not exist") != NULL,
	       "%s", out);
	buf_free(&d);
	free(old);
	free(dst);
	free(dir);
	free(db);
}

/* ---- end to end through SDL's disk audio driver ------------------------------------ */

static void test_disk_device(void)
{
	char *file = xasprintf("%s/speech-disk.raw", tmp);
	unlink(file);
	setenv("SDL_AUDIODRIVER", "disk", 1);
	setenv("SDL_DISKAUDIOFILE", file, 1);
	setenv("SDL_DISKAUDIODELAY", "5", 1);                /* faster than real time */
	speech_t *sp = speech_open(0);
	CHECKF(sp != NULL, "%s", SDL_GetError());
	if (!sp) {
		free(file);
		return;
	}
	speech_set_volume(sp, 100);
	const char *texts[] = { "If agents come to your door, do not open it.", "Ask them to show a warrant." };
	speech_seg_t segs[2] = { { texts[0], strlen(texts[0]), NULL }, { texts[1], strlen(texts[1]), NULL } };
	CHECK_INT(speech_play(sp, "en-us", segs, 2), 0);
	int seen1 = 0;
	double deadline = now_ms() + 30000;
	while (speech_state(sp) != SPEECH_IDLE && now_ms() < deadline) {
		seen1 |= speech_current(sp) == 1;
		SDL_Delay(2);
	}
	CHECK_INT(speech_state(sp), SPEECH_IDLE);
	CHECK(seen1);
	speech_close(sp);
	SDL_Quit();

	size_t len = 0;
	char *raw = read_file(file, &len);
	CHECK(raw != NULL);
	const int16_t *s = (const int16_t *)(void *)raw;
	size_t n = len / 2, first = n, last = 0;
	for (size_t i = 0; i < n; i++)
		if (abs(s[i]) > 200) {
			if (first == n) first = i;
			last = i;
		}
	double secs = first < n ? (double)(last - first) / RATE : 0;
	CHECKF(secs > 1.5 && secs < 20, "%.2f s of sound in %zu samples", secs, n);
	CHECKF(first < n && rms(s + first, last - first) > 300, "RMS too low");
	free(raw);
	free(file);
}

/* espeak-ng 1.51 reads past a clause-final Spanish word in "s" (and the
 * kiosk crashed now and then): such words reach it with a zero-width
 * space after them; nothing else changes. */
static void test_espeak_text(void)
{
	static const struct { const char *voice, *in, *out; } t[] = {
		{"es-419", "Atrás", "Atrás\u200b"},
		{"es-419", "Usted tiene derechos. Más", "Usted tiene derechos\u200b. Más\u200b"},
		{"es", "ES", "ES\u200b"},
		{"es-419", "sí, casa, ASÍ", "sí, casa, ASÍ"},      /* s inside a word, or not last */
		{"es-419", "pasó", "pasó"},
		{"en-us", "Yes.", "Yes."},                          /* other voices untouched */
		{"eo", "Saluton mis.", "Saluton mis."},                /* "es" as a prefix is not Spanish */
	};
	for (size_t i = 0; i < KYR_ARRAY_LEN(t); i++) {
		char *got = speech_espeak_text(t[i].voice, t[i].in, strlen(t[i].in));
		CHECKF(strcmp(got, t[i].out) == 0, "%s \"%s\": got \"%s\"", t[i].voice, t[i].in, got);
		free(got);
	}
}

/* espeak-ng (1.51 and 1.52) aborts the process on a Burmese clause longer
 * than about 159 bytes after a word like "ဝရမ်း": this sentence of the
 * Burmese content (206 bytes) killed the kiosk. It goes to espeak-ng in
 * pieces of at most SPEECH_MY_CHUNK bytes, cut at spaces, and is heard. */
static void test_burmese_pieces(void)
{
	static const char warrant[] = "တရားရုံးဝရမ်း သည် တရားရုံးမှ ထုတ်ပေးပြီး တရားသူကြီး လက်မှတ်ထိုးထားပါသည်။";
	CHECK_INT(speech_espeak_chunk("en-us", warrant), strlen(warrant));   /* other voices: one call */
	CHECK_INT(speech_espeak_chunk("my", "မင်္ဂလာပါ"), strlen("မင်္ဂလာပါ"));   /* short: one call */
	/* Pieces: none too long, each cut at a space, nothing lost. */
	buf_t joined = {0};
	int pieces = 0, too_long = 0, not_at_space = 0;
	for (const char *t = warrant; *t; pieces++) {
		size_t n = speech_espeak_chunk("my", t);
		too_long += n > SPEECH_MY_CHUNK || n == 0;
		not_at_space += t[n] && t[n] != ' ';
		buf_printf(&joined, "%s%.*s", joined.len ? " " : "", (int)n, t);
		for (t += n; *t == ' '; t++) {}
		if (n == 0) break;
	}
	CHECKF(pieces == 2 && !too_long && !not_at_space, "%d pieces, %d too long, %d cut inside a word", pieces,
	       too_long, not_at_space);
	CHECKF(joined.data && strcmp(joined.data, warrant) == 0, "pieces joined: \"%s\"", joined.data ? joined.data : "");
	buf_free(&joined);
	/* A run with no space is cut before a syllable, never before the
	 * asat or under a stacked consonant that belongs to the one before. */
	buf_t run = {0};
	while (run.len < 3 * SPEECH_MY_CHUNK) buf_puts(&run, "မင်္ဂလာပါလက်မှတ်");
	size_t n = speech_espeak_chunk("my", run.data);
	/* Every Burmese letter here is three bytes of UTF-8: U+1000 + the low bits. */
	const unsigned char *u = (const unsigned char *)run.data + n;
	int cp = n % 3 == 0 ? 0x1000 | ((u[1] & 0x3) << 6) | (u[2] & 0x3F) : -1;
	int nx = 0x1000 | ((u[4] & 0x3) << 6) | (u[5] & 0x3F), pv = 0x1000 | ((u[-2] & 0x3) << 6) | (u[-1] & 0x3F);
	CHECKF(n > 0 && n <= SPEECH_MY_CHUNK && cp >= 0x1000 && cp <= 0x1021 && nx != 0x103A && nx != 0x1039 && pv != 0x1039,
	       "no-space run cut at byte %zu, before U+%04X (then U+%04X, after U+%04X)", n, cp, nx, pv);
	buf_free(&run);
	/* And espeak-ng says it, whole, without taking the process down. */
	speech_t *sp = speech_open(SPEECH_HEADLESS);
	CHECK(sp != NULL);
	if (!sp) return;
	CHECKF(speech_has_voice(sp, "my") == 1, "espeak-ng has no Burmese voice");
	const char *t = warrant;
	heard_t h;
	CHECK(say(sp, "my", &t, 1, &h) == 0 && h.n > RATE);   /* over a second of speech */
	free(h.pcm);
	speech_close(sp);
}

int main(void)
{
	kyr_log_init("test_speech");
	setup_tmp();
	RUN(test_voices);
	RUN(test_segment_voices);
	RUN(test_espeak_text);
	RUN(test_burmese_pieces);
	RUN(test_split);
	RUN(test_phone_words);
	RUN(test_synthesis);
	RUN(test_pause_stop);
	RUN(test_volume);
	RUN(test_languages);
	RUN(make_recording);
	RUN(test_recording);
	RUN(test_build_store);
	RUN(test_disk_device);
	free(opus_path);
	return harness_done();
}
