/* speech_soak — every sentence of every article, in every language with a
 * voice, through espeak-ng as the kiosk hands it over: split by ICU's
 * sentence rules, phone numbers as digits, speech_espeak_text(), pieces
 * from speech_espeak_chunk(). Each language runs in a child process, so a
 * crash inside espeak-ng (it has aborted the kiosk before: Spanish in 1.51,
 * Burmese in 1.51 and 1.52) names its language and sentence instead of
 * ending the run. `make speech-soak`; not part of `make check` (minutes).
 *
 * Usage: speech_soak CONTENT.DB [LANG ...]   exit 0 when nothing crashed. */
#include <espeak-ng/espeak_ng.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "blocks.h"
#include "speech.h"
#include "store.h"
#include "util.h"

/* What the child is saying, in memory the parent can read after a crash. */
typedef struct {
	long sentences;
	long samples;
	int rate;               /* espeak-ng's sample rate */
	char topic[64];
	char text[2048];
} progress_t;

static progress_t *prog;

static int on_audio(short *wav, int n, espeak_EVENT *ev)
{
	(void)wav;
	(void)ev;
	prog->samples += n;
	return 0;
}

typedef struct {
	const char *text, *voice;
	const block_t *block;
} sent_ctx_t;

static void say(const char *voice, const char *text)
{
	char *t = speech_espeak_text(voice, text, strlen(text));
	snprintf(prog->text, sizeof prog->text, "%s", t);
	speech_espeak_synth(voice, t, NULL, NULL);
	free(t);
	prog->sentences++;
}

/* One sentence as ui_speech.c builds it: phone numbers digit by digit. */
static void on_sentence(void *arg, size_t start, size_t end)
{
	sent_ctx_t *c = arg;
	buf_t s = {0};
	speech_block_words(c->block, c->text, start, end, &s);
	if (s.len) say(c->voice, s.data);
	buf_free(&s);
}

/* The child: every article of lang, title and summary first. */
static int soak_lang(store_t *st, const store_lang_t *L)
{
	if ((prog->rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, NULL, 0)) <= 0) return 2;
	espeak_SetSynthCallback(on_audio);
	if (espeak_SetVoiceByName(L->voice) != EE_OK) {
		espeak_VOICE v = {0};
		v.languages = L->voice;
		if (espeak_SetVoiceByProperties(&v) != EE_OK) return 3;
	}
	espeak_SetParameter(espeakRATE, SPEECH_RATE_WPM, 0);
	store_topic_t *topics = NULL;
	int nt = store_topics(st, L->code, &topics);
	for (int i = 0; i < nt; i++) {
		store_article_t a;
		if (store_article(st, topics[i].slug, L->code, &a) != 0) continue;
		snprintf(prog->topic, sizeof prog->topic, "%s", topics[i].slug);
		if (!a.fallback) {
			say(L->voice, a.title);
			say(L->voice, a.summary);
			blocklist_t bl = {0};
			if (blocks_decode(a.blocks, a.blocks_len, &bl) == 0)
				for (size_t b = 0; b < bl.n; b++) {
					sent_ctx_t c = {bl.blocks[b].text, L->voice, &bl.blocks[b]};
					speech_split_sentences(bl.blocks[b].text, bl.blocks[b].len, L->code, on_sentence, &c);
				}
			blocks_free(&bl);
		}
		store_article_free(&a);
	}
	store_topics_free(topics, nt);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: speech_soak CONTENT.DB [LANG ...]\n");
		return 2;
	}
	char err[256];
	store_t *st = store_open(argv[1], err, sizeof err);
	if (!st) {
		fprintf(stderr, "speech_soak: %s: %s\n", argv[1], err);
		return 2;
	}
	prog = mmap(NULL, sizeof *prog, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (prog == MAP_FAILED) return 2;
	store_lang_t *langs = NULL;
	int nl = store_languages(st, &langs), crashed = 0, tried = 0;
	printf("espeak-ng %s\n", espeak_Info(NULL));
	for (int i = 0; i < nl; i++) {
		const store_lang_t *L = &langs[i];
		int wanted = argc == 2;
		for (int k = 2; k < argc; k++) wanted |= !strcmp(argv[k], L->code);
		if (!wanted || !L->voice[0]) continue;
		memset(prog, 0, sizeof *prog);
		fflush(stdout);
		pid_t pid = fork();
		if (pid == 0) _exit(soak_lang(st, L));
		int status = 0;
		if (pid < 0 || waitpid(pid, &status, 0) < 0) return 2;
		tried++;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			printf("%-8s %-7s %5ld sentences  %7.1f s of speech  ok\n", L->code, L->voice, prog->sentences,
			       (double)prog->samples / KYR_MAX(prog->rate, 1));
			continue;
		}
		crashed++;
		printf("%-8s %-7s CRASHED (%s %d) in %s, sentence %ld: %s\n", L->code, L->voice,
		       WIFSIGNALED(status) ? "signal" : "exit", WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status),
		       prog->topic, prog->sentences + 1, prog->text);
	}
	printf("%d of %d languages with a voice crashed espeak-ng\n", crashed, tried);
	store_langs_free(langs, nl);
	store_close(st);
	return crashed ? 1 : 0;
}
