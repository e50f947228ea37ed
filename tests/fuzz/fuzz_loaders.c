/* SPDX-License-Identifier: MIT */
/*
 * Fuzz the data-file loaders: the first byte picks a file (the lexicon,
 * names.tsv, the news glossary, abbrev_en/ru.txt, boilerplate.txt, a
 * glossary TSV merged from memory, or a garble model, character LM or word
 * statistics file as `sverka flag --model` would read); the rest is written as that file in a
 * private directory and loaded, and what loaded is then used on the same
 * bytes.  Oracles: a load either succeeds or fails with a documented code
 * and a message, and nothing it loads crashes later use.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_glossary.h"
#include "garble/charlm.h"
#include "garble/model.h"
#include "garble/wordstats.h"
#include "lang/lexicon.h"
#include "lang/names.h"
#include "sverka/brackets.h"
#include "sverka/normalize.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];
static sv_resources *res; /* data directory = dir, nothing else loaded */

static void remove_dir(void)
{
    sv_resources_free(res);
    remove(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    sv_resources_options o = SV_RESOURCES_OPTIONS_INIT;

    (void)argc;
    (void)argv;
    snprintf(dir, sizeof(dir), "/tmp/sverka-fuzz-loaders-XXXXXX");
    if (!mkdtemp(dir))
        abort();
    o.dicts_dir = dir;
    o.load = 0;
    o.optional = 0;
    if (sv_resources_new(&res, &o, NULL) != SV_OK)
        abort();
    atexit(remove_dir);
    return 0;
}

static void put_file(const char *name, const char *s, size_t n, char *path,
                     size_t cap)
{
    FILE *fp;

    snprintf(path, cap, "%s/%s", dir, name);
    if (!(fp = fopen(path, "wb")) || fwrite(s, 1, n, fp) != n || fclose(fp))
        abort();
}

/* A failed load must say why. */
static void expect(int rc, const sv_error *err, int ok_also)
{
    if (rc == SV_OK || rc == ok_also)
        return;
    if ((rc != SV_EFORMAT && rc != SV_ETOOBIG && rc != SV_ENOTFOUND) ||
        !err->message[0])
        abort();
}

static size_t first_field(const char *s, size_t n)
{
    size_t i = 0;

    while (i < n && s[i] != '\t' && s[i] != '\n')
        i++;
    return i;
}

static void lexicon(const char *s, size_t n)
{
    char path[128];
    sv__lexicon *lex = NULL;
    sv_error err = SV_ERROR_INIT;
    size_t k = first_field(s, n), len;
    int rc;

    put_file(SV__LEXICON_EN_RU, s, n, path, sizeof(path));
    put_file(SV__LEXICON_RU_EN, s, n, path, sizeof(path));
    rc = sv__lexicon_load(&lex, dir, &err);
    expect(rc, &err, SV_OK);
    if (rc == SV_OK) {
        sv__lexicon_lookup(lex, SV_LANG_EN, s, k, &len);
        sv__lexicon_lookup(lex, SV_LANG_RU, s, k, &len);
        sv__lexicon_free(lex);
    }
    remove(path);
    snprintf(path, sizeof(path), "%s/%s", dir, SV__LEXICON_EN_RU);
    remove(path);
}

static void names(const char *s, size_t n)
{
    char path[128];
    sv__names *nm = NULL;
    sv__name one;
    sv_error err = SV_ERROR_INIT;
    int rc;

    put_file(SV__NAMES_FILE, s, n, path, sizeof(path));
    rc = sv__names_load(&nm, path, &err);
    expect(rc, &err, SV_OK);
    if (rc == SV_OK) {
        sv__names_find(nm, SV_LANG_RU, s, first_field(s, n), &one);
        sv__names_find(nm, SV_LANG_EN, s, first_field(s, n), &one);
        sv__names_free(nm);
    }
    remove(path);
}

static void glossary_file(const char *s, size_t n)
{
    char path[128];
    sv_brackets_options o = SV_BRACKETS_OPTIONS_INIT;
    sv_brackets *b = NULL;
    sv_brackets_result r = SV_BRACKETS_RESULT_INIT;
    sv_error err = SV_ERROR_INIT;
    int rc;

    put_file("glossary.tsv", s, n, path, sizeof(path));
    o.glossary_path = path;
    rc = sv_brackets_new(&b, &o, NULL, &err);
    expect(rc, &err, SV_EIO);
    if (rc == SV_OK) {
        if (sv_brackets_run(b, NULL, s, n, &r, NULL) != SV_OK)
            abort();
        sv_brackets_result_dispose(&r);
        sv_brackets_free(b);
    }
    remove(path);
}

/* abbrev_en.txt, abbrev_ru.txt or boilerplate.txt, then a normalizer that
 * reads it and a run over the same bytes. */
static void normalizer_list(const char *file, const char *s, size_t n)
{
    char path[128];
    sv_normalize_options o = SV_NORMALIZE_OPTIONS_INIT;
    sv_normalizer *nz = NULL;
    sv_buf out = SV_BUF_INIT;
    sv_error err = SV_ERROR_INIT;
    int rc;

    put_file(file, s, n, path, sizeof(path));
    o.drop = SV_DROP_BOILERPLATE;
    rc = sv_normalizer_new(&nz, &o, res, &err);
    expect(rc, &err, SV_EIO);
    if (rc == SV_OK) {
        if (sv_normalize_run(nz, NULL, s, n, &out, NULL, NULL) != SV_OK)
            abort();
        sv_normalizer_free(nz);
    }
    sv_buf_dispose(&out);
    remove(path);
}

static void glossary_merge(const char *s, size_t n)
{
    sv_glossary *g = NULL;
    sv_error err = SV_ERROR_INIT;

    if (sv_glossary_new(&g, NULL) != SV_OK)
        abort();
    expect(sv_glossary_merge_tsv(g, s, n, "fuzz", &err), &err, SV_OK);
    fuzz_glossary_round_trip(g); /* what was merged merges again */
}

/* A model that loads has thresholds in order and a finite log-odds for
 * the all-mean feature vector. */
static void garble_model(const char *s, size_t n)
{
    char path[128];
    sv__garble_model m;
    double f[GF_COUNT] = {0};
    sv_error err = SV_ERROR_INIT;
    int rc;

    put_file("fuzz.model", s, n, path, sizeof(path));
    rc = sv__garble_model_load(&m, path, &err);
    expect(rc, &err, SV_OK);
    if (rc == SV_OK) {
        unsigned i;

        for (i = 0; i < GF_COUNT; i++)
            f[i] = m.mean[i];
        if (!isfinite(sv__garble_logit(&m, f, NULL)))
            abort();
    }
    remove(path);
}

/* A character LM that loads scores the same bytes as text. */
static void garble_lm(const char *s, size_t n)
{
    char path[128];
    sv__charlm *lm = NULL;
    sv__charlm_sums sums = {0, 0, 0};
    sv_error err = SV_ERROR_INIT;
    int rc;

    put_file("fuzz.lm", s, n, path, sizeof(path));
    rc = sv__charlm_load(&lm, path, &err);
    expect(rc, &err, SV_OK);
    if (rc == SV_OK) {
        sv__charlm_score(lm, s, n, &sums);
        sv__charlm_free(lm);
    }
    remove(path);
}

/* Word statistics that load answer a lookup of the first field. */
static void garble_words(const char *s, size_t n)
{
    char path[128];
    sv__wordstats *ws = NULL;
    sv_error err = SV_ERROR_INIT;
    int rc;

    put_file("fuzz.words", s, n, path, sizeof(path));
    rc = sv__wordstats_load(&ws, path, &err);
    expect(rc, &err, SV_OK);
    if (rc == SV_OK) {
        (void)sv__wordstats_find(ws, sv__word_hash(s, first_field(s, n)));
        sv__wordstats_free(ws);
    }
    remove(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data + 1;
    size_t n = size - 1;

    if (size < 1)
        return 0;
    switch (data[0] % 10) {
    case 0: lexicon(s, n); break;
    case 1: names(s, n); break;
    case 2: glossary_file(s, n); break;
    case 3: normalizer_list("abbrev_en.txt", s, n); break;
    case 4: normalizer_list("abbrev_ru.txt", s, n); break;
    case 5: normalizer_list("boilerplate.txt", s, n); break;
    case 6: glossary_merge(s, n); break;
    case 7: garble_model(s, n); break;
    case 8: garble_lm(s, n); break;
    default: garble_words(s, n); break;
    }
    return 0;
}
