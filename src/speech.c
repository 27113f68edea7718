/* speech — text to speech and recorded readings; see include/speech.h.
 *
 * Three threads meet here. The UI thread calls speech_play() and friends,
 * which only hand a job to the worker and reset counters under `lock`.
 * The worker (speech_worker) synthesises with espeak-ng or decodes Opus and
 * writes 16-bit mono samples at 48 kHz into a ring. The audio callback (or
 * a test) drains the ring through speech_mix(). Positions are absolute sample
 * counts (`written`, `played`), so "which sentence is heard" is a lookup
 * of `played` in the table of where each sentence starts.
 *
 * Every play and stop bumps `gen`; the worker checks it whenever it holds
 * the lock and abandons a job whose generation is old, which is what makes
 * speech_stop() instant without waiting for the synthesiser. espeak-ng is
 * one global instance and not thread-safe, so every call into it happens
 * under `espeak_lock`. */
#include "speech.h"
#include "util.h"

#include <SDL.h>
#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>
#include <opusfile.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unicode/uloc.h>
#include <unicode/utext.h>

#define NOT_STARTED UINT64_MAX

enum { JOB_SPEAK, JOB_RECORDING };

typedef struct {
	int kind;
	unsigned gen;
	char voice[64];
	char **texts;           /* JOB_SPEAK: NUL-terminated copies */
	char (*voices)[64];     /* JOB_SPEAK: each segment's voice */
	size_t n;
	unsigned char *ogg;     /* JOB_RECORDING: a copy of the file */
	size_t ogg_len;
} job_t;

typedef struct {
	char name[32];
	int ok;
} voice_t;

struct speech {
	int flags;
	int espeak_rate;        /* 0 when espeak-ng is unavailable or not started yet */
	int engine_tried;       /* speech_engine() has run */
	char *data_dir;
	voice_t *voices;        /* speech_has_voice() cache (UI thread only) */
	size_t nvoices;

	SDL_mutex *espeak_lock;
	char espeak_voice[64];  /* voice espeak-ng has loaded; under espeak_lock */
	char rest_voice[64];    /* loaded between readings (speech_rest); under espeak_lock */

	SDL_mutex *lock;        /* guards everything below */
	SDL_cond *wake;         /* worker: a job or quit */
	SDL_cond *space;        /* worker: the ring drained or gen changed */
	SDL_Thread *thread;
	int quit;
	unsigned gen;
	job_t *pending;
	speech_state_t state;
	int recording;          /* the current source is a recording */
	int16_t *ring;
	uint64_t written, played;
	int synth_done;         /* the worker has produced everything */
	uint64_t *seg_start;    /* sample where segment i begins, NOT_STARTED before */
	char (*seg_voice)[64];  /* the voice segment i is read with (UI thread only) */
	size_t nsegs;
	SDL_atomic_t volume;

	int audio_ok;           /* SDL's audio subsystem is initialised */
	SDL_AudioDeviceID dev;  /* 0 when headless */
	int dev_paused;         /* UI thread only */
};

/* ---- the ring (all under sp->lock) --------------------------------------- */

static void speech_job_free(job_t *j)
{
	if (!j) return;
	for (size_t i = 0; i < j->n; i++) free(j->texts[i]);
	free(j->texts);
	free(j->voices);
	free(j->ogg);
	free(j);
}

/* Appends n samples for the job of generation gen, waiting while the ring
 * is full. Returns -1 when the job has been replaced or stopped meanwhile. */
static int speech_put(speech_t *sp, unsigned gen, const int16_t *s, size_t n)
{
	SDL_LockMutex(sp->lock);
	while (n > 0) {
		if (sp->gen != gen || sp->quit) {
			SDL_UnlockMutex(sp->lock);
			return -1;
		}
		size_t room = SPEECH_RING_FRAMES - (size_t)(sp->written - sp->played);
		if (room == 0) {
			/* The timeout is a safety net: speech_mix() signals. */
			SDL_CondWaitTimeout(sp->space, sp->lock, 100);
			continue;
		}
		size_t k = KYR_MIN(n, room), at = (size_t)(sp->written & (SPEECH_RING_FRAMES - 1));
		size_t first = KYR_MIN(k, SPEECH_RING_FRAMES - at);
		memcpy(sp->ring + at, s, first * sizeof *s);
		memcpy(sp->ring, s + first, (k - first) * sizeof *s);
		sp->written += k;
		s += k;
		n -= k;
	}
	SDL_UnlockMutex(sp->lock);
	return 0;
}

int speech_mix(speech_t *sp, int16_t *out, int frames)
{
	int vol = SDL_AtomicGet(&sp->volume), n = 0;
	if (frames <= 0) return 0;
	SDL_LockMutex(sp->lock);
	if (sp->state == SPEECH_PLAYING) {
		uint64_t avail = sp->written - sp->played;
		n = (int)KYR_MIN((uint64_t)frames, avail);
		for (int i = 0; i < n; i++) {
			int32_t v = sp->ring[(sp->played + (uint64_t)i) & (SPEECH_RING_FRAMES - 1)];
			out[i] = (int16_t)(v * vol / 100);
		}
		sp->played += (uint64_t)n;
		if (sp->synth_done && sp->played == sp->written) sp->state = SPEECH_IDLE;
		if (n > 0) SDL_CondSignal(sp->space);
	}
	SDL_UnlockMutex(sp->lock);
	memset(out + n, 0, (size_t)(frames - n) * sizeof *out);
	return n;
}

/* ---- the worker ------------------------------------------------------------ */

typedef struct {
	speech_t *sp;
	unsigned gen;
	int aborted;
	SDL_AudioStream *resample;  /* espeak-ng's rate to SPEECH_RATE */
} synth_ctx_t;

/* Moves what the resampler has ready into the ring. */
static void speech_pull(synth_ctx_t *c)
{
	int16_t buf[4096];
	int got;
	while (!c->aborted && (got = SDL_AudioStreamGet(c->resample, buf, sizeof buf)) > 0)
		if (speech_put(c->sp, c->gen, buf, (size_t)got / sizeof *buf) < 0) c->aborted = 1;
}

/* espeak-ng hands over each chunk it synthesises; returning 1 aborts. */
static int speech_espeak_cb(short *wav, int n, espeak_EVENT *ev)
{
	synth_ctx_t *c = ev ? ev->user_data : NULL;
	if (!c || c->aborted) return 1;
	if (wav && n > 0) {
		if (SDL_AudioStreamPut(c->resample, wav, n * (int)sizeof *wav) < 0) c->aborted = 1;
		speech_pull(c);
	}
	return c->aborted;
}

/* Loads voice into espeak-ng unless it is loaded already: first as a voice
 * name ("en-us"), then as a language ("fr-fr" names no voice file but is
 * the language of roa/fr). Caller holds espeak_lock. */
static int speech_select(speech_t *sp, const char *voice)
{
	if (strcmp(sp->espeak_voice, voice) == 0) return 0;
	int ok = espeak_SetVoiceByName(voice) == EE_OK;
	if (!ok) {
		espeak_VOICE v;
		memset(&v, 0, sizeof v);
		v.languages = voice;
		ok = espeak_SetVoiceByProperties(&v) == EE_OK;
	}
	snprintf(sp->espeak_voice, sizeof sp->espeak_voice, "%s", ok ? voice : "");
	if (ok) espeak_SetParameter(espeakRATE, SPEECH_RATE_WPM, 0);
	return ok ? 0 : -1;
}

/* Between readings espeak-ng holds the first voice it loaded (English on
 * the first screen), not the last one asked about: a voice holds its
 * language's whole dictionary in memory (Russian's 2 MB, Chinese's 1.6 MB),
 * and speech_has_voice() loads each visitor's voice just to answer. The
 * next reading loads its voice again (a few ms from the page cache).
 * Caller holds espeak_lock. */
static void speech_rest(speech_t *sp)
{
	if (!sp->rest_voice[0])
		snprintf(sp->rest_voice, sizeof sp->rest_voice, "%s", sp->espeak_voice);
	else if (strcmp(sp->espeak_voice, sp->rest_voice) != 0)
		speech_select(sp, sp->rest_voice);
}

/* Notes where segment i begins; 0, or -1 when the job is stale. */
static int speech_mark(speech_t *sp, unsigned gen, size_t i)
{
	SDL_LockMutex(sp->lock);
	int live = sp->gen == gen && !sp->quit;
	if (live && i < sp->nsegs) sp->seg_start[i] = sp->written;
	SDL_UnlockMutex(sp->lock);
	return live ? 0 : -1;
}

static void speech_synth(speech_t *sp, job_t *j)
{
	synth_ctx_t c = { sp, j->gen, 0, NULL };
	c.resample = SDL_NewAudioStream(AUDIO_S16SYS, 1, sp->espeak_rate, AUDIO_S16SYS, 1, SPEECH_RATE);
	if (!c.resample) {
		kyr_log("speech: no resampler: %s", SDL_GetError());
		return;
	}
	for (size_t i = 0; i < j->n && !c.aborted; i++) {
		if (speech_mark(sp, j->gen, i) < 0) break;
		/* Locked per sentence, so speech_has_voice() waits at most one. */
		SDL_LockMutex(sp->espeak_lock);
		if (speech_select(sp, j->voices[i]) == 0) speech_espeak_synth(j->voices[i], j->texts[i], &c, &c.aborted);
		SDL_UnlockMutex(sp->espeak_lock);
		/* Flushed per sentence so the next one's first sample is where
		 * speech_mark() says it is. */
		SDL_AudioStreamFlush(c.resample);
		speech_pull(&c);
	}
	SDL_LockMutex(sp->espeak_lock);
	speech_rest(sp);
	SDL_UnlockMutex(sp->espeak_lock);
	SDL_FreeAudioStream(c.resample);
}

static void speech_decode(speech_t *sp, job_t *j)
{
	int err = 0;
	OggOpusFile *of = op_open_memory(j->ogg, j->ogg_len, &err);
	if (!of) return;
	opus_int16 st[2 * 2048];
	int16_t mono[2048];
	for (;;) {
		int n = op_read_stereo(of, st, (int)KYR_ARRAY_LEN(st));
		if (n == OP_HOLE) continue;   /* a gap in the stream: play on */
		if (n <= 0) break;
		/* Speech is mono; stereo recordings are mixed down. */
		for (int i = 0; i < n; i++) mono[i] = (int16_t)(((int32_t)st[2 * i] + st[2 * i + 1]) / 2);
		if (speech_put(sp, j->gen, mono, (size_t)n) < 0) break;
	}
	op_free(of);
}

static int speech_worker(void *arg)
{
	speech_t *sp = arg;
	SDL_LockMutex(sp->lock);
	while (!sp->quit) {
		if (!sp->pending) {
			SDL_CondWait(sp->wake, sp->lock);
			continue;
		}
		job_t *j = sp->pending;
		sp->pending = NULL;
		SDL_UnlockMutex(sp->lock);
		if (j->kind == JOB_SPEAK) speech_synth(sp, j);
		else speech_decode(sp, j);
		SDL_LockMutex(sp->lock);
		if (sp->gen == j->gen) sp->synth_done = 1;
		speech_job_free(j);
	}
	SDL_UnlockMutex(sp->lock);
	return 0;
}

/* espeak-ng is one instance per process, and espeak_Terminate() hangs when
 * called a second time after a re-initialisation (1.51), so it is started
 * once, by the first speech_open(), and left to the process's exit.
 * 0: not tried yet, -1: failed, else its sample rate. */
static int espeak_started;

static int speech_espeak_start(void)
{
	if (espeak_started == 0) {
		int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, NULL, 0);
		espeak_started = rate > 0 ? rate : -1;
		if (rate > 0) espeak_SetSynthCallback(speech_espeak_cb);
	}
	return espeak_started;
}

int speech_engine_start(speech_t *sp)
{
	if (!sp->engine_tried) {
		sp->engine_tried = 1;
		int rate = speech_espeak_start();
		if (rate > 0) {
			const char *path = NULL;
			espeak_Info(&path);
			sp->espeak_rate = rate;
			sp->data_dir = path ? xstrdup(path) : NULL;
		} else {
			kyr_log("speech: espeak-ng did not start: only recorded readings will play");
		}
	}
	return sp->espeak_rate > 0;
}

/* ---- the audio device (UI thread) ------------------------------------------ */

static void speech_audio_cb(void *ud, Uint8 *stream, int len)
{
	speech_mix(ud, (int16_t *)(void *)stream, len / (int)sizeof(int16_t));
}

/* Opens the default output, paused. SDL converts to what the hardware
 * takes. 0, or -1 logged. */
static int speech_device(speech_t *sp)
{
	SDL_AudioSpec want, have;
	SDL_zero(want);
	want.freq = SPEECH_RATE;
	want.format = AUDIO_S16SYS;
	want.channels = 1;
	want.samples = SPEECH_DEVICE_FRAMES;
	want.callback = speech_audio_cb;
	want.userdata = sp;
	/* iscapture = 0: an output device. The kiosk never records. */
	sp->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
	sp->dev_paused = 1;
	if (!sp->dev) {
		kyr_log("speech: cannot open the audio output: %s: speech is off", SDL_GetError());
		return -1;
	}
	return 0;
}

static void speech_device_pause(speech_t *sp, int pause)
{
	if (!sp->dev || sp->dev_paused == pause) return;
	SDL_PauseAudioDevice(sp->dev, pause);
	sp->dev_paused = pause;
}

/* ---- opening and closing ----------------------------------------------------- */

speech_t *speech_open(int flags)
{
	speech_t *sp = xcalloc(1, sizeof *sp);
	sp->flags = flags;
	SDL_AtomicSet(&sp->volume, SPEECH_VOLUME);
	/* espeak-ng 1.51 opens its own audio backend (pcaudiolib: PulseAudio's
	 * socket, then ALSA) when its output is set up, even in synchronous
	 * mode, where it never plays through it. That part is done now, before
	 * the sandbox, which would refuse the socket; the phoneme data waits for
	 * speech_engine_start(), whose espeak_Initialize() keeps this backend.
	 * (The sample rate is unknown yet, so the call reports an error.) */
	if (!espeak_started) espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, NULL);
	sp->ring = xmalloc(SPEECH_RING_FRAMES * sizeof *sp->ring);
	sp->espeak_lock = SDL_CreateMutex();
	sp->lock = SDL_CreateMutex();
	sp->wake = SDL_CreateCond();
	sp->space = SDL_CreateCond();
	/* The worker thread starts with the first reading (speech_start). */
	if (!sp->espeak_lock || !sp->lock || !sp->wake || !sp->space) {
		kyr_log("speech: cannot make the speech thread's locks: %s", SDL_GetError());
		speech_close(sp);
		return NULL;
	}
	if (!(flags & SPEECH_HEADLESS)) {
		sp->audio_ok = SDL_InitSubSystem(SDL_INIT_AUDIO) == 0;
		if (!sp->audio_ok) kyr_log("speech: no audio (%s): speech is off", SDL_GetError());
		if (!sp->audio_ok || speech_device(sp) < 0) {
			speech_close(sp);
			return NULL;
		}
	}
	return sp;
}

void speech_close(speech_t *sp)
{
	if (!sp) return;
	if (sp->thread) {
		speech_stop(sp);
		SDL_LockMutex(sp->lock);
		sp->quit = 1;
		SDL_CondSignal(sp->wake);
		SDL_CondSignal(sp->space);
		SDL_UnlockMutex(sp->lock);
		SDL_WaitThread(sp->thread, NULL);
	}
	if (sp->dev) SDL_CloseAudioDevice(sp->dev);
	if (sp->audio_ok) SDL_QuitSubSystem(SDL_INIT_AUDIO);
	speech_job_free(sp->pending);
	SDL_DestroyCond(sp->space);
	SDL_DestroyCond(sp->wake);
	SDL_DestroyMutex(sp->lock);
	SDL_DestroyMutex(sp->espeak_lock);
	free(sp->seg_start);
	free(sp->seg_voice);
	free(sp->ring);
	free(sp->voices);
	free(sp->data_dir);
	free(sp);
}

const char *speech_data_dir(speech_t *sp)
{
	return sp && speech_engine_start(sp) ? sp->data_dir : NULL;
}

/* Voice names are short ASCII tags; anything else is not asked of espeak-ng. */
static int speech_voice_name_ok(const char *v)
{
	size_t n = strlen(v);
	if (n == 0 || n >= sizeof ((voice_t *)0)->name) return 0;
	return strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_+") == n;
}

int speech_has_voice(speech_t *sp, const char *voice)
{
	if (!sp || !voice || !speech_voice_name_ok(voice) || !speech_engine_start(sp)) return 0;
	for (size_t i = 0; i < sp->nvoices; i++)
		if (strcmp(sp->voices[i].name, voice) == 0) return sp->voices[i].ok;
	SDL_LockMutex(sp->espeak_lock);
	int ok = speech_select(sp, voice) == 0;
	speech_rest(sp);
	SDL_UnlockMutex(sp->espeak_lock);
	sp->voices = xrealloc(sp->voices, (sp->nvoices + 1) * sizeof *sp->voices);
	voice_t *v = &sp->voices[sp->nvoices++];
	snprintf(v->name, sizeof v->name, "%s", voice);
	v->ok = ok;
	return ok;
}

int speech_can_speak(speech_t *sp, const char *voice)
{
	if (!sp || !voice || !speech_voice_name_ok(voice)) return 0;
	if (sp->engine_tried) return speech_has_voice(sp, voice);
	/* Not started: its data folder, found as espeak-ng will find it, with
	 * its phoneme table. */
	const char *path = NULL;
	espeak_ng_InitializePath(NULL);
	espeak_Info(&path);
	char *table = xasprintf("%s/phontab", path ? path : "");
	int ok = path && access(table, R_OK) == 0;
	free(table);
	return ok;
}

/* ---- playing --------------------------------------------------------------- */

/* Replaces the current utterance by job j (may be NULL: just stop), with
 * nsegs segments. */
static void speech_start(speech_t *sp, job_t *j, size_t nsegs)
{
	/* The worker runs espeak-ng and the Opus decoder over text and
	 * recordings from the database: started here, after the sandbox, so
	 * Landlock binds it too (it binds only threads started after it). */
	if (j && !sp->thread && !(sp->thread = SDL_CreateThread(speech_worker, "kyr-speech", sp))) {
		kyr_fault(KYR_FAULT_RECORDING);
		speech_job_free(j);
		j = NULL;
		nsegs = 0;
	}
	SDL_LockMutex(sp->lock);
	sp->gen++;
	speech_job_free(sp->pending);
	sp->pending = j;
	if (j) j->gen = sp->gen;
	sp->written = sp->played = 0;
	sp->synth_done = j == NULL;
	sp->state = j ? SPEECH_PLAYING : SPEECH_IDLE;
	sp->recording = j && j->kind == JOB_RECORDING;
	free(sp->seg_start);
	free(sp->seg_voice);
	sp->seg_voice = NULL;
	if (j && j->kind == JOB_SPEAK && nsegs) {
		sp->seg_voice = xmalloc(nsegs * sizeof *sp->seg_voice);
		memcpy(sp->seg_voice, j->voices, nsegs * sizeof *sp->seg_voice);
	}
	sp->seg_start = nsegs ? xmalloc(nsegs * sizeof *sp->seg_start) : NULL;
	for (size_t i = 0; i < nsegs; i++) sp->seg_start[i] = NOT_STARTED;
	sp->nsegs = nsegs;
	SDL_CondSignal(sp->wake);
	SDL_CondSignal(sp->space);
	SDL_UnlockMutex(sp->lock);
}

/* 1 for voice or one of its variants ("es" matches "es-419", not "eo"). */
static int speech_voice_is(const char *voice, const char *lang)
{
	size_t n = strlen(lang);
	return strncmp(voice, lang, n) == 0 && (voice[n] == 0 || voice[n] == '-');
}

static int speech_letter(UChar32 c)
{
	return c >= 0 && (u_isUAlphabetic(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK));
}

char *speech_espeak_text(const char *voice, const char *text, size_t len)
{
	if (!speech_voice_is(voice, "es")) return xstrndup(text, len);
	static const char zwsp[] = "\xE2\x80\x8B";
	char *out = xmalloc(len * 4 + 1), *o = out;
	int32_t i = 0, n = (int32_t)len;
	while (i < n) {
		int32_t at = i;
		UChar32 c;
		U8_NEXT(text, i, n, c);
		memcpy(o, text + at, (size_t)(i - at));
		o += i - at;
		if (c == 's' || c == 'S') {
			UChar32 next = -1;
			if (i < n) { int32_t k = i; U8_NEXT(text, k, n, next); }
			if (!speech_letter(next)) { memcpy(o, zwsp, 3); o += 3; }
		}
	}
	*o = 0;
	return out;
}

size_t speech_espeak_chunk(const char *voice, const char *text)
{
	size_t len = strlen(text);
	if (!speech_voice_is(voice, "my") || len <= SPEECH_MY_CHUNK) return len;
	size_t space = 0, syllable = 0, point = 0;
	UChar32 prev = -1;
	for (int32_t i = 0, n = (int32_t)len; i < n && (size_t)i <= SPEECH_MY_CHUNK;) {
		int32_t at = i, k;
		UChar32 c, next = -1;
		U8_NEXT(text, i, n, c);
		if (i < n) { k = i; U8_NEXT(text, k, n, next); }
		/* A consonant or independent vowel begins a syllable unless it is
		 * stacked under another (after U+1039) or killed by an asat (U+103A). */
		int starts = ((c >= 0x1000 && c <= 0x102A) || c == 0x103F) && prev != 0x1039 && next != 0x103A &&
		             next != 0x1039;
		if (at > 0) {
			if (c == ' ') space = (size_t)at;
			else if (starts) syllable = (size_t)at;
			point = (size_t)at;
		}
		prev = c;
	}
	return space ? space : syllable ? syllable : point ? point : len;
}

void speech_espeak_synth(const char *voice, char *text, void *user_data, const int *stop)
{
	for (char *t = text; *t && !(stop && *stop);) {
		size_t n = speech_espeak_chunk(voice, t);
		char keep = t[n];
		t[n] = 0;
		espeak_Synth(t, n + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, user_data);
		t[n] = keep;
		for (t += n; *t == ' '; t++) {}
	}
}

int speech_play(speech_t *sp, const char *voice, const speech_seg_t *segs, size_t n)
{
	if (!speech_has_voice(sp, voice)) return -1;
	job_t *j = xcalloc(1, sizeof *j);
	j->kind = JOB_SPEAK;
	snprintf(j->voice, sizeof j->voice, "%s", voice);
	j->texts = xcalloc(n ? n : 1, sizeof *j->texts);
	j->voices = xcalloc(n ? n : 1, sizeof *j->voices);
	j->n = n;
	for (size_t i = 0; i < n; i++) {
		/* A segment in a language with no voice is read with the utterance's. */
		const char *v = segs[i].voice && speech_has_voice(sp, segs[i].voice) ? segs[i].voice : voice;
		snprintf(j->voices[i], sizeof j->voices[i], "%s", v);
		j->texts[i] = speech_espeak_text(v, segs[i].text, segs[i].len);
	}
	speech_start(sp, j, n);
	speech_device_pause(sp, 0);
	return 0;
}

int speech_play_recording(speech_t *sp, const void *ogg, size_t len)
{
	int err = 0;
	/* Only the headers are read here; decoding happens in the worker. */
	OggOpusFile *of = ogg && len ? op_test_memory(ogg, len, &err) : NULL;
	if (!of) {
		kyr_fault(KYR_FAULT_RECORDING);   /* opusfile error err; at visit time: counted, not logged */
		return -1;
	}
	op_free(of);
	job_t *j = xcalloc(1, sizeof *j);
	j->kind = JOB_RECORDING;
	j->ogg = xmalloc(len);
	memcpy(j->ogg, ogg, len);
	j->ogg_len = len;
	speech_start(sp, j, 0);
	speech_device_pause(sp, 0);
	return 0;
}

void speech_stop(speech_t *sp)
{
	if (!sp) return;
	speech_start(sp, NULL, 0);
	speech_device_pause(sp, 1);
}

void speech_pause(speech_t *sp)
{
	SDL_LockMutex(sp->lock);
	int was = sp->state == SPEECH_PLAYING;
	if (was) sp->state = SPEECH_PAUSED;
	SDL_UnlockMutex(sp->lock);
	if (was) speech_device_pause(sp, 1);
}

void speech_resume(speech_t *sp)
{
	SDL_LockMutex(sp->lock);
	int was = sp->state == SPEECH_PAUSED;
	if (was) sp->state = SPEECH_PLAYING;
	SDL_UnlockMutex(sp->lock);
	if (was) speech_device_pause(sp, 0);
}

void speech_set_volume(speech_t *sp, int volume)
{
	SDL_AtomicSet(&sp->volume, KYR_MAX(0, KYR_MIN(100, volume)));
}

int speech_volume(const speech_t *sp)
{
	return SDL_AtomicGet((SDL_atomic_t *)&sp->volume);
}

speech_state_t speech_state(speech_t *sp)
{
	if (!sp) return SPEECH_IDLE;
	SDL_LockMutex(sp->lock);
	speech_state_t s = sp->state;
	SDL_UnlockMutex(sp->lock);
	/* Finished: no need to keep the callback running on silence. */
	if (s == SPEECH_IDLE) speech_device_pause(sp, 1);
	return s;
}

int speech_current(speech_t *sp)
{
	int cur = -1;
	SDL_LockMutex(sp->lock);
	if (sp->state != SPEECH_IDLE && !sp->recording && sp->nsegs > 0) {
		/* The last segment whose first sample the device has taken. */
		cur = 0;
		for (size_t i = 1; i < sp->nsegs && sp->seg_start[i] != NOT_STARTED; i++)
			if (sp->seg_start[i] < sp->played) cur = (int)i;
	}
	SDL_UnlockMutex(sp->lock);
	return cur;
}

long speech_position_ms(speech_t *sp)
{
	SDL_LockMutex(sp->lock);
	long ms = (long)(sp->played * 1000 / SPEECH_RATE);
	SDL_UnlockMutex(sp->lock);
	return ms;
}

/* ---- text to speak ---------------------------------------------------------- */

void speech_block_words(const block_t *b, const char *text, size_t start, size_t end, buf_t *out)
{
	size_t at = start;
	for (size_t i = 0; b && i < b->nspans; i++) {
		const span_t *sp = &b->spans[i];
		if (sp->kind != SPAN_PHONE || sp->start < at || sp->end > end) continue;
		buf_append(out, text + at, sp->start - at);
		speech_phone_words(text + sp->start, sp->end - sp->start, out);
		at = sp->end;
	}
	buf_append(out, text + at, end - at);
}

void speech_phone_words(const char *text, size_t len, buf_t *out)
{
	int digits = 0, gap = 0;
	buf_puts(out, "");
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (c >= '0' && c <= '9') {
			if (digits) buf_puts(out, gap ? ", " : " ");
			buf_putc(out, c);
			digits++;
			gap = 0;
		} else if (c == '+' && !digits) {
			buf_putc(out, '+');
		} else {
			gap = 1;    /* any separator, including multi-byte no-break ones */
		}
	}
}

/* ---- sentences ------------------------------------------------------------- */

/* Trims Unicode white space from both ends of [*s, *e). */
static void speech_trim(const char *text, size_t *s, size_t *e)
{
	size_t i = *s, first = *e, last = *s;
	while (i < *e) {
		size_t at = i;
		uint32_t cp = utf8_next(text, *e, &i);
		if (!u_isUWhiteSpace((UChar32)cp)) {
			if (first == *e) first = at;
			last = i;
		}
	}
	*s = first == *e ? *e : first;
	*e = first == *e ? *e : last;
}

/* 1 when text[s..e) ends in an initialism like "U.S." or "e.g.": ICU 72's
 * abbreviation list ends a sentence after those, and in legal text
 * ("8 U.S.C. § 1357") they almost never end one. */
static int speech_initialism(const char *text, size_t s, size_t e)
{
	int pairs = 0;
	while (e >= s + 2 && text[e - 1] == '.' &&
	       ((text[e - 2] | 0x20) >= 'a' && (text[e - 2] | 0x20) <= 'z')) {
		pairs++;
		e -= 2;
	}
	return pairs >= 2 && (e == s || text[e - 1] == ' ' || text[e - 1] == '(');
}

int speech_split_sentences(const char *text, size_t len, const char *lang, speech_sentence_fn cb, void *ctx)
{
	UErrorCode err = U_ZERO_ERROR;
	char loc[96] = "";
	if (lang && *lang) {
		uloc_forLanguageTag(lang, loc, sizeof loc, NULL, &err);
		if (U_FAILURE(err)) loc[0] = 0;
		err = U_ZERO_ERROR;
	}
	/* ss=standard: ICU's list of abbreviations ("Mr.", "U.S.") that do not
	 * end a sentence. Without it "the U.S. Constitution" splits in two. */
	uloc_setKeywordValue("ss", "standard", loc, sizeof loc, &err);
	if (U_FAILURE(err)) err = U_ZERO_ERROR;
	UText *ut = utext_openUTF8(NULL, text, (int64_t)len, &err);
	UBreakIterator *bi = U_SUCCESS(err) ? ubrk_open(UBRK_SENTENCE, loc, NULL, 0, &err) : NULL;
	if (bi && U_SUCCESS(err)) ubrk_setUText(bi, ut, &err);
	if (U_FAILURE(err) || !bi) {
		if (bi) ubrk_close(bi);
		utext_close(ut);
		return -1;
	}
	int count = 0;
	size_t from = SIZE_MAX;     /* start of a sentence held back after an initialism */
	/* With UTF-8 UText the boundaries are byte offsets. */
	int32_t start = ubrk_first(bi);
	for (int32_t end = ubrk_next(bi); end != UBRK_DONE; start = end, end = ubrk_next(bi)) {
		size_t s = (size_t)start, e = (size_t)end;
		speech_trim(text, &s, &e);
		if (s == e) continue;
		if (from == SIZE_MAX) from = s;
		if ((size_t)end < len && speech_initialism(text, s, e)) continue;
		cb(ctx, from, e);
		from = SIZE_MAX;
		count++;
	}
	ubrk_close(bi);
	utext_close(ut);
	return count;
}

const char *speech_segment_voice(const speech_t *sp, size_t i)
{
	return sp && sp->seg_voice && i < sp->nsegs ? sp->seg_voice[i] : NULL;
}
