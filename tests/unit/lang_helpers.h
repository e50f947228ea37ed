/* SPDX-License-Identifier: MIT */
/*
 * Shared helpers for the lang unit tests (resources, spell, lexicon):
 * loading resources from the test data or the build tree, and collecting
 * translation candidates into a fixed array.
 */
#ifndef SV_TESTS_LANG_HELPERS_H
#define SV_TESTS_LANG_HELPERS_H

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "sverka/resources.h"

#define LANG_DATA SV_TEST_DATA "/lang"

/* Resources with the given required/optional bits and directories (NULL:
 * the defaults, i.e. $SVERKA_DICTS set by CTest and the system
 * dictionaries). */
static inline sv_resources *load_resources(const char *dicts_dir,
                                           const char *hunspell_dir,
                                           unsigned int load,
                                           unsigned int optional)
{
    sv_resources_options o;
    sv_error err = SV_ERROR_INIT;
    sv_resources *res = NULL;
    int rc;

    assert_int_equal(sv_resources_options_init(&o,
                                               SV_RESOURCES_OPTIONS_VERSION),
                     SV_OK);
    o.dicts_dir = dicts_dir;
    o.hunspell_dir = hunspell_dir;
    o.load = load;
    o.optional = optional;
    rc = sv_resources_new(&res, &o, &err);
    if (rc != SV_OK)
        print_error("sv_resources_new: %d %s\n", rc, err.message);
    assert_int_equal(rc, SV_OK);
    assert_non_null(res);
    return res;
}

static inline sv_context *new_context(const sv_resources *res)
{
    sv_context *ctx = NULL;
    sv_error err = SV_ERROR_INIT;

    assert_int_equal(sv_context_new(&ctx, res, &err), SV_OK);
    assert_non_null(ctx);
    return ctx;
}

static inline int spell(sv_context *ctx, sv_lang lang, const char *w)
{
    return sv_spell_check(ctx, lang, w, strlen(w));
}

/* Translation candidates as one "a|b|c" string. */
typedef struct cands {
    char text[2048];
    size_t len;
    unsigned int n;
    unsigned int next_rank; /* ranks must come 0, 1, 2, ... */
    int bad_rank;
} cands;

static inline int collect_cb(const char *t, size_t n, unsigned int rank,
                             void *payload)
{
    cands *c = payload;

    if (rank != c->next_rank)
        c->bad_rank = 1;
    c->next_rank = rank + 1;
    if (c->len + n + 2 < sizeof(c->text)) {
        if (c->len)
            c->text[c->len++] = '|';
        memcpy(c->text + c->len, t, n);
        c->len += n;
        c->text[c->len] = '\0';
    }
    c->n++;
    return 0;
}

static inline int translate(sv_context *ctx, sv_lang from, const char *w,
                            cands *out)
{
    int rc;

    memset(out, 0, sizeof(*out));
    rc = sv_lexicon_translate(ctx, from, w, strlen(w), collect_cb, out);
    assert_false(out->bad_rank);
    return rc;
}

/* Is word one of the '|'-separated candidates? */
static inline int has_cand(const cands *c, const char *word)
{
    size_t wl = strlen(word);
    const char *p = c->text;

    while (*p) {
        size_t n = strcspn(p, "|");

        if (n == wl && memcmp(p, word, n) == 0)
            return 1;
        p += n + (p[n] == '|');
    }
    return 0;
}

/* Position of word among the candidates, -1 if absent. */
static inline int cand_pos(const cands *c, const char *word)
{
    size_t wl = strlen(word);
    const char *p = c->text;
    int i = 0;

    while (*p) {
        size_t n = strcspn(p, "|");

        if (n == wl && memcmp(p, word, n) == 0)
            return i;
        p += n + (p[n] == '|');
        i++;
    }
    return -1;
}

/* The translation of w has cand at position pos (0 = best). */
static inline void expect_at(sv_context *ctx, sv_lang from, const char *w,
                             const char *cand, int pos)
{
    cands c;
    int rc = translate(ctx, from, w, &c);

    if (cand_pos(&c, cand) != pos)
        print_error("%s -> %s (wanted %s at %d)\n", w, c.text, cand, pos);
    assert_true(rc > 0);
    assert_int_equal(cand_pos(&c, cand), pos);
}

/* sv_resources_new(), skipping the test when something it needs is not
 * installed (SV_ENOTFOUND): the system hunspell dictionaries (Debian
 * hunspell-en-us and hunspell-ru, part of the Quick start) or the lexicon
 * built from mueller7-dict. */
static inline sv_resources *load_or_skip(const sv_resources_options *o)
{
    sv_resources *res = NULL;
    sv_error err = SV_ERROR_INIT;
    int rc = sv_resources_new(&res, o, &err);

    if (rc == SV_ENOTFOUND) {
        print_message("skipping: %s\n", err.message);
        skip();
    }
    assert_int_equal(rc, SV_OK);
    return res;
}

/* A word, its language and the answer expected from a check. */
typedef struct word_case {
    sv_lang lang;
    const char *word;
    int expected;
} word_case;

static inline void check_words(sv_context *ctx, const word_case *cases,
                               size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        int r = sv_spell_check(ctx, cases[i].lang, cases[i].word,
                               strlen(cases[i].word));

        if (r != cases[i].expected)
            print_error("%s: %d, expected %d\n", cases[i].word, r,
                        cases[i].expected);
        assert_int_equal(r, cases[i].expected);
    }
}

/* The system dictionaries the tests may rely on (Debian hunspell-en-us and
 * hunspell-ru, part of the Quick start); skip cleanly without them. */
static inline int have_file(const char *path)
{
    FILE *f = fopen(path, "rb");

    if (f)
        fclose(f);
    return f != NULL;
}

/* ---- two threads, two contexts, one resources object ---- */

#define PAIR_MAX_WORDS 32
#define PAIR_ANSWER 512
#define PAIR_ROUNDS 200

/* Write the answer for one word (spelling, candidates...) as text. */
typedef void (*answer_fn)(sv_context *ctx, const char *word, char *out,
                          size_t size);

typedef struct pair_worker {
    const sv_resources *res;
    const char *const *words;
    size_t n;
    answer_fn fn;
    char answers[PAIR_MAX_WORDS][PAIR_ANSWER];
    int consistent;
} pair_worker;

static inline sv_lang lang_of(const char *w)
{
    return (unsigned char)w[0] >= 0x80 ? SV_LANG_RU : SV_LANG_EN;
}

static inline void *pair_work(void *arg)
{
    pair_worker *w = arg;
    sv_context *ctx = NULL;
    sv_error err = SV_ERROR_INIT;
    char now[PAIR_ANSWER];
    int round;
    size_t i;

    w->consistent = sv_context_new(&ctx, w->res, &err) == SV_OK;
    for (round = 0; round < PAIR_ROUNDS && w->consistent; round++) {
        for (i = 0; i < w->n; i++) {
            w->fn(ctx, w->words[i], now, sizeof(now));
            if (round == 0)
                memcpy(w->answers[i], now, sizeof(now));
            else if (strcmp(w->answers[i], now) != 0)
                w->consistent = 0;
        }
    }
    sv_context_free(ctx);
    return NULL;
}

/* Run fn over the words from two threads at once, each with its own
 * context, and check that every answer is stable and both agree; the
 * answers of the first thread are left in *first (static storage). */
static inline void run_two_threads(const sv_resources *res,
                                   const char *const *words, size_t n,
                                   answer_fn fn, pair_worker **first)
{
    static pair_worker w[2]; /* 32 KB of answers: not on the stack */
    pthread_t t[2];
    size_t i;
    int k;

    assert_true(n <= PAIR_MAX_WORDS);
    memset(w, 0, sizeof(w));
    for (k = 0; k < 2; k++) {
        w[k].res = res;
        w[k].words = words;
        w[k].n = n;
        w[k].fn = fn;
        assert_int_equal(pthread_create(&t[k], NULL, pair_work, &w[k]), 0);
    }
    for (k = 0; k < 2; k++)
        assert_int_equal(pthread_join(t[k], NULL), 0);
    assert_true(w[0].consistent && w[1].consistent);
    for (i = 0; i < n; i++)
        assert_string_equal(w[0].answers[i], w[1].answers[i]);
    *first = &w[0];
}

#endif
