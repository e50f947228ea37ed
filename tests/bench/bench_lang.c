/* SPDX-License-Identifier: MIT */
/*
 * bench.lang: what the language resources cost.  Loading (sv_resources_new
 * with everything), each language's first spell check (hunspell handle
 * creation plus the project's word lists), cached and uncached spell
 * checks, lexicon lookups cold and cached, and the lexicon's memory, in
 * CPU time.
 * Usage: bench_lang [DICTS_DIR]; exits 77 when the dictionaries are absent.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lang/lexicon.h"
#include "lang/resources_internal.h"
#include "sverka/resources.h"

/* Process CPU time: the figures stay comparable on a loaded machine
 * (CI runs builds beside the tests); the data files are in the page
 * cache after the build, so little time goes to I/O. */
static double now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int count_cb(const char *t, size_t n, unsigned int rank, void *p)
{
    (void)t;
    (void)n;
    (void)rank;
    (*(unsigned long *)p)++;
    return 0;
}

/* Words of a Russian news sentence, repeated as in running text. */
static const char *const ru_words[] = {
    "Переговоры", "между", "делегациями", "продолжатся", "в", "понедельник",
    "заявил", "официальный", "представитель", "Кремля", "Песков",
    "журналистам", "санкций", "безопасности", "государства"};
static const char *const en_words[] = {
    "The", "talks", "between", "the", "delegations", "will", "continue",
    "on", "Monday", "Kremlin", "spokesman", "Peskov", "told", "reporters",
    "sanctions"};
#define N_WORDS 15

static void time_first_spell(sv_context *ctx, sv_lang lang, const char *w,
                             const char *name)
{
    double t0 = now();
    int r = sv_spell_check(ctx, lang, w, strlen(w));

    printf("first %s spell check (handle + word lists): %.1f ms (%s=%d)\n",
           name, (now() - t0) * 1e3, w, r);
}

static void time_spell(sv_context *ctx)
{
    char w[32];
    double t0 = now();
    int i, n = 400000;

    for (i = 0; i < n; i++) {
        const char *s = ru_words[i % N_WORDS];

        sv_spell_check(ctx, SV_LANG_RU, s, strlen(s));
    }
    printf("cached spell check: %.0f ns/word\n", (now() - t0) / n * 1e9);
    n = 20000;
    t0 = now();
    for (i = 0; i < n; i++) {
        int k = snprintf(w, sizeof(w), "слово%d", i);

        sv_spell_check(ctx, SV_LANG_RU, w, (size_t)k);
    }
    printf("uncached spell check (hunspell): %.1f us/word\n",
           (now() - t0) / n * 1e6);
}

static void time_translate(sv_context *ctx)
{
    unsigned long cands = 0;
    double t0 = now();
    int i, n = 400000;

    for (i = 0; i < N_WORDS; i++) {
        sv_lexicon_translate(ctx, SV_LANG_RU, ru_words[i],
                             strlen(ru_words[i]), count_cb, &cands);
        sv_lexicon_translate(ctx, SV_LANG_EN, en_words[i],
                             strlen(en_words[i]), count_cb, &cands);
    }
    printf("first translations (stems, rewrites): %.1f us/word\n",
           (now() - t0) / (2 * N_WORDS) * 1e6);
    t0 = now();
    for (i = 0; i < n; i++) {
        const char *s = ru_words[i % N_WORDS];

        sv_lexicon_translate(ctx, SV_LANG_RU, s, strlen(s), count_cb,
                             &cands);
    }
    printf("cached translations: %.0f ns/word (%lu candidates)\n",
           (now() - t0) / n * 1e9, cands);
}

int main(int argc, char **argv)
{
    sv_resources_options o = SV_RESOURCES_OPTIONS_INIT;
    sv_error err = SV_ERROR_INIT;
    sv_resources *res = NULL;
    sv_context *ctx = NULL;
    double t0;

    if (argc > 1)
        o.dicts_dir = argv[1];
    o.load = SV_LOAD_ALL;
    o.optional = 0;
    t0 = now();
    if (sv_resources_new(&res, &o, &err) < 0) {
        printf("bench.lang skipped: %s\n", err.message);
        return 77;
    }
    printf("sv_resources_new (data, lexicon, dictionary paths): %.1f ms\n",
           (now() - t0) * 1e3);
    printf("lexicon: %zu en-ru + %zu ru-en entries, %.1f MiB in memory\n",
           sv__lexicon_count(res->lexicon, SV_LANG_EN),
           sv__lexicon_count(res->lexicon, SV_LANG_RU),
           (double)sv__lexicon_bytes(res->lexicon) / (1 << 20));
    if (sv_context_new(&ctx, res, &err) < 0) {
        printf("sv_context_new: %s\n", err.message);
        sv_resources_free(res);
        return 1;
    }
    time_first_spell(ctx, SV_LANG_EN, "Peskov", "en_US");
    time_first_spell(ctx, SV_LANG_RU, "Пескова", "ru_RU");
    time_spell(ctx);
    time_translate(ctx);
    sv_context_free(ctx);
    sv_resources_free(res);
    return 0;
}
