/* speech — reading text aloud (espeak-ng) and playing recorded readings
 * (Ogg Opus) through SDL audio, output only: the kiosk never opens a
 * microphone.
 *
 * The UI hands speech_play() an utterance: the voice and an ordered list of
 * text segments (sentences; see speech_split_sentences()). A background
 * thread synthesises them one by one (espeak-ng's 22050 Hz resampled to
 * 48 kHz, Opus's own rate, so one device serves both without reopening)
 * into a ring of 16-bit mono PCM while
 * the audio device (or, headless, whoever calls speech_mix()) drains it, so
 * the first sentence is heard within about one sentence's synthesis time
 * and the UI thread never waits for synthesis. speech_current() says which
 * segment is being heard now, counted from the samples the device has
 * actually taken, so the highlight follows the voice rather than the
 * synthesiser.
 *
 * All functions are for the UI thread, except speech_mix(), which the audio
 * callback calls (tests call it directly with SPEECH_HEADLESS).
 *
 * Start reading at speech_open(). */
#ifndef KYR_SPEECH_H
#define KYR_SPEECH_H

#include <stddef.h>
#include <stdint.h>
#include "util.h"
#include "blocks.h"

/* Compile-time tunables. */
#ifndef SPEECH_VOLUME
#define SPEECH_VOLUME 80          /* starting volume, 0..100 */
#endif
#ifndef SPEECH_RATE_WPM
#define SPEECH_RATE_WPM 160       /* a little slower than espeak-ng's 175: easier to follow */
#endif
#ifndef SPEECH_RING_FRAMES
#define SPEECH_RING_FRAMES (1u << 21)  /* synthesised ahead: ~44 s, 4 MB; a power of two */
#endif
#ifndef SPEECH_DEVICE_FRAMES
#define SPEECH_DEVICE_FRAMES 2048 /* device buffer: ~43 ms, the highlight's lag */
#endif
#define SPEECH_RATE 48000         /* everything plays at Opus's rate */

typedef struct speech speech_t;

/* Flags for speech_open(). */
enum {
	SPEECH_HEADLESS = 1,    /* never open an audio device: speech_mix() is pulled by the caller */
};

typedef enum {
	SPEECH_IDLE = 0,        /* nothing to play (finished, stopped, or never started) */
	SPEECH_PLAYING = 1,
	SPEECH_PAUSED = 2,
} speech_state_t;

/* One piece of an utterance, usually a sentence. The text is copied by
 * speech_play(); the caller keeps its own table from segment index to what
 * to highlight (block index, byte range). */
typedef struct {
	const char *text;       /* UTF-8, need not be NUL-terminated */
	size_t len;
	const char *voice;      /* its own voice (an English citation in a Spanish
	                         * article), or NULL: the utterance's */
} speech_seg_t;

/* Prepares speech: espeak-ng (synchronous mode, its default data path;
 * once per process) is started by the first question about a voice or the
 * first reading, not here, and unless SPEECH_HEADLESS, SDL's default audio
 * output is opened (paused; for output only). Returns NULL, after logging one line, when
 * there is no audio output; a kiosk then shows no Listen button. When
 * espeak-ng alone fails, recordings still play and speech_has_voice()
 * answers 0. One speech_t at a time. Close with speech_close(). */
speech_t *speech_open(int flags);
/* Starts espeak-ng now if it has not been (the first speech_has_voice() or
 * reading would): its phoneme tables and voice list are 2 MB read from the
 * SD card, which the kiosk reads after its first frame instead of before
 * (docs/performance.md). UI thread. 1 when espeak-ng runs. */
int speech_engine_start(speech_t *sp);
/* Stops, joins the synthesis thread, closes the device. NULL is fine. */
void speech_close(speech_t *sp);

/* 1 when espeak-ng can speak `voice` (a voice name like "en-us" or a
 * language like "fr-fr", as in languages.csv), else 0 ("" and NULL: 0).
 * The answer is cached per voice; ask for every language at start, before
 * anything plays, since the first question about a voice briefly waits for
 * the synthesiser. */
int speech_has_voice(speech_t *sp, const char *voice);
/* speech_has_voice() once espeak-ng has started; before, without starting
 * it (the first frame asks this): 1 when the voice name is well formed and
 * espeak-ng's data folder holds its phoneme table, so a kiosk with its
 * data installed can offer speech. */
int speech_can_speak(speech_t *sp, const char *voice);

/* The folder espeak-ng reads its voices and dictionaries from (it loads a
 * language's dictionary when that language is first spoken, so a sandbox
 * must leave it readable), or NULL when espeak-ng is unavailable. */
const char *speech_data_dir(speech_t *sp);

/* Starts reading segs[0..n) aloud with `voice`, replacing whatever was
 * playing. Copies the texts and returns at once; synthesis runs in the
 * background. Returns 0, or -1 when the voice is missing (nothing plays). */
int speech_play(speech_t *sp, const char *voice, const speech_seg_t *segs, size_t n);

/* The text espeak-ng is given for len bytes of text in voice (malloc'd):
 * for a Spanish voice a ZERO WIDTH SPACE after every word-final "s".
 * espeak-ng 1.51's Spanish rules read past the end of such a word at the
 * end of a clause ("Atrás.", "derechos."): valgrind shows uninitialised
 * reads, and about one run in six the speech thread crashed the kiosk.
 * The space changes nothing heard (same samples for all Spanish content)
 * and keeps the rules inside the word. Other voices: the text as it is. */
char *speech_espeak_text(const char *voice, const char *text, size_t len);

/* How many bytes of text (a NUL-terminated espeak text) espeak-ng is given
 * in one call: all of it, except for a Burmese voice, whose calls take at
 * most SPEECH_MY_CHUNK bytes, cut at a space, else before a syllable.
 * espeak-ng 1.51 (bookworm) and 1.52 (trixie) both abort the process
 * ("buffer overflow detected", a strcpy into a 159-byte buffer) on a
 * Burmese clause longer than that after a word like "ဝရမ်း": 61 of 848
 * sentences of the Burmese content did. Pieces of 120 bytes: none does. */
#ifndef SPEECH_MY_CHUNK
#define SPEECH_MY_CHUNK 120
#endif
size_t speech_espeak_chunk(const char *voice, const char *text);
/* Hands text (an espeak text from speech_espeak_text(); cut in place for a
 * moment, then restored) to espeak-ng in voice's pieces, spaces between
 * pieces dropped. user_data goes to the synth callback; stops between
 * pieces once *stop is nonzero (stop may be NULL). The voice must be
 * selected and espeak-ng initialised; the kiosk's worker and
 * `make speech-soak` both speak through it. */
void speech_espeak_synth(const char *voice, char *text, void *user_data, const int *stop);

/* The voice segment i of the utterance playing now is read with (its own
 * when speech_has_voice() knew it, else the utterance's), or NULL when
 * there is no such segment. */
const char *speech_segment_voice(const speech_t *sp, size_t i);

/* Plays a recorded reading: an Ogg Opus file held in memory (as
 * store_recording() returns it; copied here), decoded in the background.
 * Returns 0, or -1 (logged) when opusfile cannot open it. speech_current()
 * is -1 while a recording plays. */
int speech_play_recording(speech_t *sp, const void *ogg, size_t len);

/* Pause keeps the position; resume continues from it. Both do nothing in
 * the wrong state. */
void speech_pause(speech_t *sp);
void speech_resume(speech_t *sp);
/* Silences at once and forgets the utterance and everything buffered.
 * Cheap (never waits for synthesis): call it at quick exit, session reset
 * and language change. NULL is fine. */
void speech_stop(speech_t *sp);

/* Output volume 0..100 (clamped), applied to every sample as it is mixed,
 * so it takes effect within one device buffer. Starts at SPEECH_VOLUME. */
void speech_set_volume(speech_t *sp, int volume);
int speech_volume(const speech_t *sp);

/* The current state. Call it every frame while speaking: once an utterance
 * has been heard to the end it answers SPEECH_IDLE and pauses the device. */
speech_state_t speech_state(speech_t *sp);

/* The index of the segment being heard now, or -1 when idle or playing a
 * recording. Advances when the device has taken the segment's first sample. */
int speech_current(speech_t *sp);

/* Milliseconds heard so far of the current utterance or recording. */
long speech_position_ms(speech_t *sp);

/* Fills out[0..frames) with mono 16-bit samples at SPEECH_RATE, volume
 * applied, silence when paused, idle or while synthesis is behind. Returns
 * how many frames came from the utterance (the rest are silence). The audio
 * callback uses it; with SPEECH_HEADLESS the caller drives playback with it. */
int speech_mix(speech_t *sp, int16_t *out, int frames);

/* Splits text[0..len) into sentences with ICU's sentence break iterator for
 * lang (a BCP 47 tag; abbreviations like "U.S." do not end a sentence where
 * ICU knows them) and calls cb for each with its byte range, leading and
 * trailing white space left out; empty sentences are skipped. Returns the
 * number of sentences, or -1 when ICU fails. */
typedef void (*speech_sentence_fn)(void *ctx, size_t start, size_t end);
int speech_split_sentences(const char *text, size_t len, const char *lang, speech_sentence_fn cb, void *ctx);

/* Appends to out how a phone number written as text[0..len) should be
 * spoken: each digit on its own, groups kept apart by a comma ("555-0100"
 * becomes "5 5 5, 0 1 0 0", "+1 (555)" "+1, 5 5 5"). espeak-ng reads a bare
 * "555-0100" as "five hundred fifty-five dash one hundred". For the UI to
 * use on SPAN_PHONE ranges when it builds the text it hands speech_play(). */
void speech_phone_words(const char *text, size_t len, buf_t *out);
/* Appends to out what is spoken of b's text[start..end) (a sentence): the
 * text, with its phone numbers (SPAN_PHONE) as speech_phone_words() says
 * them. b may be NULL (no spans). */
void speech_block_words(const block_t *b, const char *text, size_t start, size_t end, buf_t *out);

#endif
