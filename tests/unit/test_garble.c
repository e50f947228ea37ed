/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for src/garble: the character LM trainer and scorer, the
 * per-sentence feature counts, the model file, training, and scoring with
 * reasons through the public API (shipped models from the build's data
 * directory).  The seeds test reads ../shared/seeds and skips without it.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/alloc.h"
#include "garble/garble_internal.h"
#include "garble/ngrams.h"
#include "sverka/sverka.h"

static char tmpdir[256];

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");

    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

static int setup_tmp(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/sv_garble_test_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_tmp(void **state)
{
    char cmd[300];

    (void)state;
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Mean human-LM surprisal of a text, nats per symbol. */
static double surprisal(const sv__charlm *lm, const char *text)
{
    sv__charlm_sums s = {0, 0, 0};

    sv__charlm_score(lm, text, strlen(text), &s);
    return (double)s.qh / SV__LM_QSCALE / (double)s.n;
}

static void test_garble__charlm_trains_and_scores(void **state)
{
    char human[300], mt[300], out[300];
    sv__charlm *lm = NULL;
    sv_error err = SV_ERROR_INIT;
    sv__charlm_sums s = {0, 0, 0};
    FILE *fp;
    int i;

    (void)state;
    snprintf(human, sizeof(human), "%s/human.txt", tmpdir);
    snprintf(mt, sizeof(mt), "%s/mt.txt", tmpdir);
    snprintf(out, sizeof(out), "%s/test.lm", tmpdir);
    fp = fopen(human, "w");
    assert_non_null(fp);
    for (i = 0; i < 200; i++)
        fprintf(fp, "The minister said on Monday that the talks would go on "
                "next week in the capital.\n");
    fclose(fp);
    fp = fopen(mt, "w");
    assert_non_null(fp);
    for (i = 0; i < 200; i++)
        fprintf(fp, "Zxq vvk qqz kkzv zzq xxv qqk.\n");
    fclose(fp);
    assert_int_equal(sv_garble_train_lm(human, mt, out, "unit test", &err),
                     SV_OK);
    assert_int_equal(sv__charlm_load(&lm, out, &err), SV_OK);
    assert_non_null(strstr(lm->note, "unit test"));
    /* text like the human corpus is far less surprising to the human LM */
    assert_true(surprisal(lm, "the talks would go on next week") + 1.0 <
                surprisal(lm, "zxq vvk qqz kkzv"));
    /* and the MT LM prefers the MT-like text: qm < qh there */
    sv__charlm_score(lm, "zxq vvk qqz", 11, &s);
    assert_true(s.qm < s.qh);
    assert_true(lm->human_nats < 0);
    sv__charlm_free(lm);
    assert_int_equal(sv__charlm_load(&lm, human, &err), SV_EFORMAT);
    assert_null(lm);
}

static void count(const char *text, sv__garble_counts *c)
{
    sv__garble_lex lex;
    sv__garble_scratch scr;

    memset(&scr, 0, sizeof(scr));
    assert_int_equal(sv__garble_lex_init(&lex, SV_LANG_EN, NULL), SV_OK);
    assert_int_equal(sv__garble_count(&lex, NULL, &scr, text, 0,
                                      strlen(text), 0, c), SV_OK);
    sv__garble_lex_dispose(&lex);
}

static void test_garble__counts_script_and_odd(void **state)
{
    static const char text[] =
        "Alternative [\xD0\xBF\xD0\xB5\xD1\x80\xD0\xB5\xD0\xB3\xD0\xBE\xD0\xB2"
        "\xD0\xBE\xD1\x80\xD0\xB0\xD0\xBC] \xE3\x83\xBC is to close the door.";
    sv__garble_counts c;

    (void)state;
    count(text, &c);
    assert_int_equal((int)c.c[GC_FOREIGN], 1);
    /* the evidence is the Cyrillic word itself, in bytes */
    assert_int_equal(c.ev_start[EV_FOREIGN], 13);
    assert_int_equal(c.ev_end[EV_FOREIGN], 13 + 22);
    assert_int_equal((int)c.c[GC_ODD], 1);
    assert_memory_equal(text + c.ev_start[EV_ODD], "\xE3\x83\xBC", 3);
    assert_int_equal((int)c.c[GC_SENT], 1);
    assert_int_equal((int)c.c[GC_NO_FINAL], 0);
}

static void test_garble__counts_repetition_and_patterns(void **state)
{
    sv__garble_counts c;

    (void)state;
    count("The talks talks talks went on and on and on.", &c);
    assert_int_equal((int)c.c[GC_REP_WORD], 2);
    assert_true(c.c[GC_REP_BIGRAM] >= 1);
    count("He told the correspondent of the TV channel CNN", &c);
    assert_int_equal((int)c.c[GC_CAPTION], 1);
    assert_int_equal((int)c.c[GC_NO_FINAL], 1);
    count("The head of the press service of the department spoke.", &c);
    assert_int_equal((int)c.c[GC_OF], 2);
    assert_int_equal((int)c.c[GC_GEN_CHAIN], 1);
    assert_int_equal((int)c.c[GC_ARTICLE], 3);
    count("He said , that it was in region (as before.", &c);
    assert_int_equal((int)c.c[GC_BAD_PUNCT], 2); /* " ," and the "(" */
    assert_int_equal((int)c.c[GC_PREP_BARE], 1); /* "in region" */
}

static void test_garble__counts_add_up(void **state)
{
    sv__garble_counts a, b, sum;
    double f[GF_COUNT];

    (void)state;
    count("One sentence here.", &a);
    count("Another one, with \xEF\xBF\xBD inside.", &b);
    sv__garble_counts_zero(&sum);
    sv__garble_counts_add(&sum, &a);
    sv__garble_counts_add(&sum, &b);
    assert_int_equal((int)sum.c[GC_SENT], 2);
    assert_int_equal((int)sum.c[GC_WORDS], (int)(a.c[GC_WORDS] +
                                                 b.c[GC_WORDS]));
    assert_int_equal((int)sum.c[GC_ODD], 1);
    assert_int_equal(sum.ev_start[EV_ODD], b.ev_start[EV_ODD]);
    sv__garble_features(&sum, f);
    assert_true(f[GF_ODD] > 0.69 && f[GF_ODD] < 0.7); /* log1p(1) */
}

static void test_garble__model_file_round_trip(void **state)
{
    sv__garble_model m, back;
    sv_error err = SV_ERROR_INIT;
    char path[300];

    (void)state;
    snprintf(path, sizeof(path), "%s/x.model", tmpdir);
    sv__garble_model_defaults(&m, SV_LANG_RU);
    m.bias = -0.75;
    m.w[GF_OOV_LOW] = 1.5;
    m.mean[GF_OOV_LOW] = 0.1;
    m.sd[GF_OOV_LOW] = 0.2;
    assert_int_equal(sv__garble_model_save(&m, path, "line one\nline two",
                                           &err), SV_OK);
    assert_int_equal(sv__garble_model_load(&back, path, &err), SV_OK);
    assert_int_equal(back.lang, SV_LANG_RU);
    assert_true(back.bias > -0.7501 && back.bias < -0.7499);
    assert_true(back.w[GF_OOV_LOW] > 1.4999 && back.w[GF_OOV_LOW] < 1.5001);
    assert_int_equal(back.fixed[GF_FOREIGN], 1);
    assert_int_equal(back.fixed[GF_OOV_LOW], 0);
    assert_non_null(strstr(back.note, "line two"));
    write_file(path, "SVGM1 lang=en lm=x.lm bias=0 suspect=0.4 garbled=0.5\n"
                     "feature no-such-feature 0 1 1 learned\n");
    assert_int_equal(sv__garble_model_load(&back, path, &err), SV_EFORMAT);
    assert_int_equal((int)err.line, 2);
}

/* Resources with the English dictionary, or NULL (test skipped). */
static sv_resources *open_resources(unsigned load)
{
    sv_resources_options ro = SV_RESOURCES_OPTIONS_INIT;
    sv_resources *res = NULL;

    ro.dicts_dir = SV_BUILD_DATADIR;
    ro.load = load;
    if (sv_resources_new(&res, &ro, NULL) < 0)
        return NULL;
    return res;
}

static void test_garble__score_explains_itself(void **state)
{
    static const char text[] =
        "The talks went well and both sides agreed to meet again.\n\n"
        "Alternative [\xD0\xBF\xD0\xB5\xD1\x80\xD0\xB5\xD0\xB3\xD0\xBE\xD0\xB2"
        "\xD0\xBE\xD1\x80\xD0\xB0\xD0\xBC] \xE3\x83\xBC is to slam the door, "
        "and this will end the conversation.";
    sv_resources *res = open_resources(SV_LOAD_SPELL_EN);
    sv_garble_scorer *sc = NULL;
    sv_garble_options o = SV_GARBLE_OPTIONS_INIT;
    sv_garble_result r = SV_GARBLE_RESULT_INIT;
    sv_context *ctx = NULL;
    sv_error err = SV_ERROR_INIT;
    size_t k, codes = 0;

    (void)state;
    if (!res)
        skip();
    assert_int_equal(sv_garble_scorer_new(&sc, res, &o, &err), SV_OK);
    assert_int_equal(sv_context_new(&ctx, res, &err), SV_OK);
    assert_int_equal(sv_garble_score(sc, ctx, text, strlen(text), &r, &err),
                     SV_OK);
    assert_int_equal(r.unit_count, 2);
    assert_int_equal(r.sentence_count, 2);
    assert_int_equal(r.units[0].label, SV_GARBLE_OK);
    assert_int_equal(r.units[1].label, SV_GARBLE_GARBLED);
    assert_true(r.units[1].score > r.units[0].score);
    for (k = 0; k < r.units[1].reason_count; k++) {
        const sv_garble_reason *re = &r.reasons[r.units[1].first_reason + k];

        if (!strcmp(re->code, "script-mix")) {
            codes++;
            assert_memory_equal(text + re->start, "\xD0\xBF\xD0\xB5", 4);
            assert_true(re && strstr(re->detail, "Cyrillic run"));
            assert_non_null(strstr(re->detail, "inside English"));
        } else if (!strcmp(re->code, "odd-char")) {
            codes++;
            assert_non_null(strstr(re->detail, "U+30FC"));
        }
    }
    assert_int_equal(codes, 2);
    /* the result is reusable, and an empty text is ok with no units */
    assert_int_equal(sv_garble_score(sc, ctx, "", 0, &r, &err), SV_OK);
    assert_int_equal(r.unit_count, 0);
    assert_int_equal(r.label, SV_GARBLE_OK);
    sv_garble_result_dispose(&r);
    sv_context_free(ctx);
    sv_garble_scorer_free(sc);
    sv_resources_free(res);
}

static void test_garble__missing_model_is_reported(void **state)
{
    sv_garble_scorer *sc = (sv_garble_scorer *)1;
    sv_garble_options o = SV_GARBLE_OPTIONS_INIT;
    sv_error err = SV_ERROR_INIT;

    (void)state;
    o.model_path = "/nonexistent/garble_en.model";
    assert_int_equal(sv_garble_scorer_new(&sc, NULL, &o, &err), SV_ENOTFOUND);
    assert_null(sc);
    assert_non_null(strstr(err.message, "/nonexistent/garble_en.model"));
    assert_int_equal(sv_garble_options_init(&o, 99), SV_EINVAL);
    assert_string_equal(sv_garble_label_name(SV_GARBLE_SUSPECT), "suspect");
}

static void test_garble__trains_from_tsv(void **state)
{
    sv_resources *res = open_resources(SV_LOAD_SPELL_EN);
    sv_context *ctx = NULL;
    sv_garble_train_options to = SV_GARBLE_TRAIN_OPTIONS_INIT;
    sv_error err = SV_ERROR_INIT;
    sv__garble_model m;
    char out[300];

    (void)state;
    if (!res)
        skip();
    snprintf(out, sizeof(out), "%s/trained.model", tmpdir);
    assert_int_equal(sv_context_new(&ctx, res, &err), SV_OK);
    to.lm_path = SV_BUILD_DATADIR "/garble_en.lm";
    to.note = "tests/data/garble/train_small.tsv";
    assert_int_equal(sv_garble_train(res, ctx, SV_TEST_DATA
                                     "/garble/train_small.tsv", out, &to,
                                     &err), SV_OK);
    assert_int_equal(sv__garble_model_load(&m, out, &err), SV_OK);
    /* in that file the garbled rows repeat words; the clean ones do not */
    assert_true(m.w[GF_REP_WORD] > 0);
    assert_non_null(strstr(m.note, "train_small.tsv"));
    /* a file without the required columns is refused */
    write_file(out, "a\tb\n1\tx\n");
    assert_int_equal(sv_garble_train(res, ctx, out, out, &to, &err),
                     SV_EFORMAT);
    sv_context_free(ctx);
    sv_resources_free(res);
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    char buf[65536];
    size_t n;

    assert_non_null(in);
    assert_non_null(out);
    while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

/* The TSV of train_small.tsv with a 'fold' column: rows alternate 1, 2. */
static void write_folded(const char *path)
{
    FILE *in = fopen(SV_TEST_DATA "/garble/train_small.tsv", "r");
    FILE *out = fopen(path, "w");
    char line[1024];
    int i = 0;

    assert_non_null(in);
    assert_non_null(out);
    while (fgets(line, sizeof(line), in)) {
        line[strcspn(line, "\n")] = '\0';
        fprintf(out, "%s\t%s\n", line, i ? (i % 2 ? "1" : "2") : "fold");
        i++;
    }
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

/* Cross-fitting: each row is counted with its fold's LM and word
 * statistics (a missing one is named), and --learn unfixes hand-set
 * weights by name. */
static void test_garble__trains_cross_fitted(void **state)
{
    sv_resources *res = open_resources(SV_LOAD_SPELL_EN);
    sv_context *ctx = NULL;
    sv_garble_train_options to = SV_GARBLE_TRAIN_OPTIONS_INIT;
    sv_error err = SV_ERROR_INIT;
    sv__garble_model m;
    char tsv[300], out[300], path[300];
    unsigned k;

    (void)state;
    if (!res)
        skip();
    snprintf(tsv, sizeof(tsv), "%s/folded.tsv", tmpdir);
    snprintf(out, sizeof(out), "%s/folded.model", tmpdir);
    write_folded(tsv);
    assert_int_equal(sv_context_new(&ctx, res, &err), SV_OK);
    to.lm_path = SV_BUILD_DATADIR "/garble_en.lm";
    to.folds_dir = tmpdir;
    assert_int_equal(sv_garble_train(res, ctx, tsv, out, &to, &err),
                     SV_ENOTFOUND);
    assert_non_null(strstr(err.message, "fold"));
    for (k = 1; k <= 2; k++) {
        snprintf(path, sizeof(path), "%s/fold%u.lm", tmpdir, k);
        copy_file(SV_BUILD_DATADIR "/garble_en.lm", path);
        snprintf(path, sizeof(path), "%s/fold%u.words", tmpdir, k);
        copy_file(SV_BUILD_DATADIR "/garble_en.words", path);
    }
    to.learn = "word-length,length";
    assert_int_equal(sv_garble_train(res, ctx, tsv, out, &to, &err), SV_OK);
    assert_int_equal(sv__garble_model_load(&m, out, &err), SV_OK);
    assert_false(m.fixed[GF_WORD_LEN]);
    assert_false(m.fixed[GF_LOG_LEN]);
    assert_true(m.fixed[GF_FOREIGN]);
    assert_true(m.w[GF_REP_WORD] > 0);
    to.learn = "no-such-feature";
    assert_int_equal(sv_garble_train(res, ctx, tsv, out, &to, &err),
                     SV_EINVAL);
    assert_non_null(strstr(err.message, "no-such-feature"));
    for (k = 1; k <= 2; k++) {
        snprintf(path, sizeof(path), "%s/fold%u.lm", tmpdir, k);
        remove(path);
        snprintf(path, sizeof(path), "%s/fold%u.words", tmpdir, k);
        remove(path);
    }
    remove(tsv);
    sv_context_free(ctx);
    sv_resources_free(res);
}

static double logit(double p)
{
    return log(p / (1 - p));
}

/* Adequacy against a source: a faithful translation covers the source's
 * dictionary words, a substituted one does not; a source in another
 * language (or none) adds nothing, so the score is the text's own. */
static void test_garble__source_adequacy(void **state)
{
    static const char src[] =
        "\xD0\x9F\xD1\x80\xD0\xB0\xD0\xB2\xD0\xB8\xD1\x82\xD0\xB5"
        "\xD0\xBB\xD1\x8C\xD1\x81\xD1\x82\xD0\xB2\xD0\xBE "
        "\xD0\xBF\xD0\xBE\xD0\xB4\xD0\xBF\xD0\xB8\xD1\x81\xD0\xB0"
        "\xD0\xBB\xD0\xBE \xD0\xBD\xD0\xBE\xD0\xB2\xD1\x8B\xD0\xB9 "
        "\xD0\xB7\xD0\xB0\xD0\xBA\xD0\xBE\xD0\xBD."; /* Правительство подписало новый закон. */
    static const char good[] = "The government signed a new law.";
    static const char bad[] = "The weather stayed warm on Sunday.";
    static const char zh[] = "\xE6\x94\xBF\xE5\xBA\x9C"; /* 政府 */
    sv_resources *res = open_resources(SV_LOAD_SPELL_EN);
    sv_garble_scorer *sc = NULL;
    sv_garble_options o = SV_GARBLE_OPTIONS_INIT;
    sv_garble_result r = SV_GARBLE_RESULT_INIT;
    sv_context *ctx = NULL;
    sv__garble_counts c;
    double plain, with_zh, bad_shift;

    (void)state;
    if (!res || !(sv_resources_loaded(res) & SV_LOAD_LEXICON)) {
        sv_resources_free(res);
        skip();
    }
    assert_int_equal(sv_context_new(&ctx, res, NULL), SV_OK);
    o.model_path = "garble_en_source.model";
    assert_int_equal(sv_garble_scorer_new(&sc, res, &o, NULL), SV_OK);
    sv__garble_counts_zero(&c);
    assert_int_equal(sv__garble_source_counts(sc, ctx, &r.work, good,
                                              strlen(good), src,
                                              strlen(src), &c, NULL), SV_OK);
    assert_true(c.c[GC_SRC] == 1 && c.c[GC_SRC_CONTENT] == 4);
    assert_true(c.c[GC_SRC_KNOWN] >= 3);
    assert_true(c.c[GC_SRC_COVERED] >= 3);
    /* the model names the Russian LM, which scores the source too */
    assert_true(c.c[GC_SRC_LM_N] >= 30);
    /* and the other way: the text's words found in the source */
    assert_true(c.c[GC_TGT_KNOWN] >= 2);
    assert_true(c.c[GC_TGT_COVERED] >= 2);
    sv__garble_counts_zero(&c);
    assert_int_equal(sv__garble_source_counts(sc, ctx, &r.work, bad,
                                              strlen(bad), src, strlen(src),
                                              &c, NULL), SV_OK);
    assert_true(c.c[GC_SRC_KNOWN] >= 3);
    assert_true(c.c[GC_SRC_COVERED] == 0);
    assert_true(c.c[GC_TGT_COVERED] == 0);
    assert_int_equal(sv_garble_score(sc, ctx, bad, strlen(bad), &r, NULL),
                     SV_OK);
    plain = r.score;
    assert_int_equal(sv_garble_score_source(sc, ctx, bad, strlen(bad), zh,
                                            strlen(zh), &r, NULL), SV_OK);
    with_zh = r.score;
    assert_true(plain == with_zh);
    /* same length, same source: only coverage differs, so the source
     * moves the substituted text's log-odds up more than the faithful
     * one's */
    assert_int_equal(sv_garble_score_source(sc, ctx, bad, strlen(bad), src,
                                            strlen(src), &r, NULL), SV_OK);
    bad_shift = logit(r.score) - logit(plain);
    assert_int_equal(sv_garble_score(sc, ctx, good, strlen(good), &r, NULL),
                     SV_OK);
    plain = r.score;
    assert_int_equal(sv_garble_score_source(sc, ctx, good, strlen(good), src,
                                            strlen(src), &r, NULL), SV_OK);
    assert_true(bad_shift > logit(r.score) - logit(plain) + 0.3);
    sv_garble_result_dispose(&r);
    sv_garble_scorer_free(sc);
    sv_context_free(ctx);
    sv_resources_free(res);
}

/* Every allocation of scorer creation and scoring may fail: the call
 * returns SV_ENOMEM (or succeeds), leaves no handle behind and leaks
 * nothing (run under ASan/LSan in CI). */
static void test_garble__allocation_failures(void **state)
{
    static const char text[] =
        "The talks talks went on.\n\nA second paragraph, with \xE2\x96\xB3 "
        "in it.";
    sv_resources *res = open_resources(SV_LOAD_SPELL_EN);
    sv_context *ctx = NULL;
    unsigned long n;
    int done = 0;

    (void)state;
    if (!res)
        skip();
    assert_int_equal(sv_context_new(&ctx, res, NULL), SV_OK);
    for (n = 1; n < 2000 && !done; n++) {
        sv_garble_scorer *sc = NULL;
        sv_garble_options o = SV_GARBLE_OPTIONS_INIT;
        sv_garble_result r = SV_GARBLE_RESULT_INIT;
        sv_error err = SV_ERROR_INIT;
        int rc;

        sv__alloc_fail_after(n);
        rc = sv_garble_scorer_new(&sc, res, &o, &err);
        if (rc == SV_OK)
            rc = sv_garble_score(sc, ctx, text, strlen(text), &r, &err);
        sv__alloc_fail_after(0);
        if (rc == SV_OK) {
            assert_int_equal(r.unit_count, 2);
            done = 1;
        } else {
            assert_int_equal(rc, SV_ENOMEM);
            if (!sc)
                assert_string_equal(err.message, "out of memory");
        }
        sv_garble_result_dispose(&r);
        sv_garble_scorer_free(sc);
    }
    assert_true(done);
    sv_context_free(ctx);
    sv_resources_free(res);
}

/* ---- seeds: ../shared/seeds, my judgement written down ---------------- */

typedef struct seed_run {
    sv_resources *res;
    sv_garble_scorer *sc;
    sv_context *ctx;
    sv_garble_result r;
    char *text;
    size_t len;
} seed_run;

/* Score a seed by paragraph; 0 when ../shared or the dictionary is
 * absent (the caller skips). */
static int seed_open(seed_run *s, const char *name)
{
    char path[512];
    sv_garble_options o = SV_GARBLE_OPTIONS_INIT;
    sv_garble_result init = SV_GARBLE_RESULT_INIT;
    FILE *fp;
    long size;

    memset(s, 0, sizeof(*s));
    s->r = init;
    snprintf(path, sizeof(path), "%s/seeds/%s", SV_SHARED_DIR, name);
    fp = fopen(path, "rb");
    if (!fp)
        return 0;
    fseek(fp, 0, SEEK_END);
    size = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    s->text = malloc((size_t)size + 1);
    assert_non_null(s->text);
    s->len = fread(s->text, 1, (size_t)size, fp);
    s->text[s->len] = '\0';
    fclose(fp);
    s->res = open_resources(SV_LOAD_SPELL_EN);
    if (!s->res)
        return 0;
    assert_int_equal(sv_garble_scorer_new(&s->sc, s->res, &o, NULL), SV_OK);
    assert_int_equal(sv_context_new(&s->ctx, s->res, NULL), SV_OK);
    assert_int_equal(sv_garble_score(s->sc, s->ctx, s->text, s->len, &s->r,
                                     NULL), SV_OK);
    return 1;
}

static void seed_close(seed_run *s)
{
    sv_garble_result_dispose(&s->r);
    sv_context_free(s->ctx);
    sv_garble_scorer_free(s->sc);
    sv_resources_free(s->res);
    free(s->text);
}

/* The unit whose text starts with prefix. */
static const sv_garble_span *unit_at(const seed_run *s, const char *prefix)
{
    size_t i, n = strlen(prefix);

    for (i = 0; i < s->r.unit_count; i++) {
        const sv_garble_span *u = &s->r.units[i];

        if (u->end - u->start >= n && !memcmp(s->text + u->start, prefix, n))
            return u;
    }
    fail_msg("no unit starts with '%s'", prefix);
    return NULL;
}

/* The reason of a unit with this code, or NULL. */
static const sv_garble_reason *reason(const seed_run *s,
                                      const sv_garble_span *u,
                                      const char *code)
{
    size_t k;

    for (k = 0; k < u->reason_count; k++) {
        if (!strcmp(s->r.reasons[u->first_reason + k].code, code))
            return &s->r.reasons[u->first_reason + k];
    }
    return NULL;
}

/* 1 if the unit's text contains needle. */
static int unit_has(const seed_run *s, const sv_garble_span *u,
                    const char *needle)
{
    size_t n = strlen(needle), i;

    for (i = u->start; i + n <= u->end; i++) {
        if (!memcmp(s->text + i, needle, n))
            return 1;
    }
    return 0;
}

static int has_cyrillic(const char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if ((unsigned char)p[i] == 0xD0 || (unsigned char)p[i] == 0xD1)
            return 1;
    }
    return 0;
}

/* 002, machine-translated from Chinese: the garbled closing sentence with
 * its genitive chains and the "\u25B3Image source" captions are flagged
 * (suspect or garbled), each with the reason a reader can check. */
static void test_garble__seed_002_garbled_passages(void **state)
{
    seed_run s;
    const sv_garble_span *u;
    const sv_garble_reason *re;

    (void)state;
    if (!seed_open(&s, "002_81aa94f30b2ebf1f.txt")) {
        free(s.text);
        skip();
    }
    u = unit_at(&s, "In defiance of the appeals");
    assert_true(u->label >= SV_GARBLE_SUSPECT);
    assert_non_null(reason(&s, u, "genitive-chain"));
    u = unit_at(&s, "\xE2\x96\xB3Image source");
    assert_true(u->label >= SV_GARBLE_SUSPECT);
    re = reason(&s, u, "odd-char");
    assert_non_null(re);
    assert_true(re && strstr(re->detail, "U+25B3"));
    assert_int_equal(re->start, u->start);
    /* a plain news sentence of the same article stays ok */
    u = unit_at(&s, "Speaking of Russia-US relations");
    assert_int_equal(u->label, SV_GARBLE_OK);
    seed_close(&s);
}

/* 003, machine-translated from Russian: the caption glued into the lead
 * ("He told the correspondent of the TV channel CNN.") and the quote with
 * untranslated Russian in brackets and a Katakana dash. */
static void test_garble__seed_003_garbled_passages(void **state)
{
    seed_run s;
    const sv_garble_span *u;
    const sv_garble_reason *re;

    (void)state;
    if (!seed_open(&s, "003_27ff90d956bebb31.txt")) {
        free(s.text);
        skip();
    }
    u = &s.r.units[0]; /* the lead, which ends with the caption */
    assert_true(unit_has(&s, u, "He told the correspondent"));
    assert_true(u->label >= SV_GARBLE_SUSPECT);
    re = reason(&s, u, "caption");
    assert_non_null(re);
    assert_memory_equal(s.text + re->start, "the correspondent", 17);
    u = unit_at(&s, "Hope for the continuation");
    assert_int_equal(u->label, SV_GARBLE_GARBLED);
    re = reason(&s, u, "script-mix");
    assert_non_null(re);
    assert_int_equal(re->end - re->start, 22); /* "переговорам" */
    assert_true(re && strstr(re->detail, "Cyrillic run"));
    assert_non_null(reason(&s, u, "odd-char"));
    u = unit_at(&s, "Moscow and Kiev do not agree");
    assert_int_equal(u->label, SV_GARBLE_OK);
    seed_close(&s);
}

/* 000 and 004, clean news: no paragraph is flagged, except 004's
 * left-over Russian UI string, which is untranslated text. */
static void test_garble__seeds_clean_news_not_flagged(void **state)
{
    seed_run s;
    size_t i, checked = 0;

    (void)state;
    if (!seed_open(&s, "000_1aa63f4d77c4362e.txt")) {
        free(s.text);
        skip();
    }
    for (i = 0; i < s.r.unit_count; i++, checked++)
        assert_int_equal(s.r.units[i].label, SV_GARBLE_OK);
    seed_close(&s);
    if (!seed_open(&s, "004_13ac4cbc4fd4abfe.txt")) {
        free(s.text);
        skip();
    }
    for (i = 0; i < s.r.unit_count; i++, checked++) {
        const sv_garble_span *u = &s.r.units[i];

        if (has_cyrillic(s.text + u->start, u->end - u->start)) {
            assert_int_equal(u->label, SV_GARBLE_GARBLED);
            assert_non_null(reason(&s, u, "script-mix"));
        } else {
            assert_int_equal(u->label, SV_GARBLE_OK);
        }
    }
    assert_true(checked > 20);
    seed_close(&s);
}


static void test_garble__counts_repeat_content(void **state)
{
    sv__garble_counts c;

    (void)state;
    count("Luhansk gnomes stopped the choir of Luhansk.", &c);
    assert_int_equal((int)c.c[GC_REP_CONTENT], 1);
    /* function words and short words may come back */
    count("The cat and the dog of the house sat on it.", &c);
    assert_int_equal((int)c.c[GC_REP_CONTENT], 0);
}

/* Weight of one token's unigram key in ws. */
static double unigram(const sv__wordstats *ws, const char *w)
{
    int ends;

    return sv__ngram_weight(ws, sv__ngram_unigram(sv__word_hash(w,
                                                                strlen(w))),
                            &ends);
}

static void test_garble__ngram_weights(void **state)
{
    static const char *const bad[] = {"The zork blip went home.",
                                      "Zork blip, said the man.",
                                      "A zork blip is here."};
    static const char *const good[] = {"We had a nice day.",
                                       "What a nice day it was.",
                                       "A nice day at home."};
    sv__ngram_rows *rows = NULL;
    sv__wordstats *ws = NULL;
    sv__garble_lex lex;
    sv__garble_scratch scr;
    sv__garble_counts c;
    sv_error err = SV_ERROR_INIT;
    char path[300];
    const char *text = "Then a zork blip came.", *ev;
    int i, ends;

    (void)state;
    snprintf(path, sizeof(path), "%s/ngrams.words", tmpdir);
    assert_int_equal(sv__ngram_rows_new(&rows), SV_OK);
    for (i = 0; i < 30; i++) {
        assert_int_equal(sv__ngram_rows_add(rows, bad[i % 3],
                                            strlen(bad[i % 3]), 1, 1 + i % 2),
                         SV_OK);
        assert_int_equal(sv__ngram_rows_add(rows, good[i % 3],
                                            strlen(good[i % 3]), 0,
                                            1 + i % 2), SV_OK);
    }
    assert_int_equal(sv__ngram_rows_count(rows), 60);
    assert_int_equal(sv__ngram_learn_write(rows, 0, NULL, path, "test",
                                           &err), SV_OK);
    assert_int_equal(sv__wordstats_load(&ws, path, &err), SV_OK);
    assert_true(sv__ngram_present(ws));
    assert_true(unigram(ws, "zork") > 0.1);
    assert_true(unigram(ws, "ZORK") > 0.1); /* ASCII case folded */
    assert_true(unigram(ws, "nice") < -0.1);
    assert_true(unigram(ws, "never-seen") == 0.0);
    /* "zork blip" is stored, so "blip" says a bigram ends with it */
    assert_true(sv__ngram_weight(ws, sv__ngram_bigram(sv__word_hash("zork",
                                                                    4),
                                                      "blip", 4), &ends) > 0);
    sv__ngram_weight(ws, sv__ngram_unigram(sv__word_hash("blip", 4)), &ends);
    assert_int_equal(ends, 1);
    /* scored per sentence through the counts, with the strongest as
     * evidence */
    memset(&scr, 0, sizeof(scr));
    assert_int_equal(sv__garble_lex_init(&lex, SV_LANG_EN, NULL), SV_OK);
    lex.ws = ws;
    assert_int_equal(sv__garble_count(&lex, NULL, &scr, text, 0,
                                      strlen(text), 0, &c), SV_OK);
    assert_true(c.c[GC_NGRAM] > 0);
    assert_true(c.ev_end[EV_NGRAM] > c.ev_start[EV_NGRAM]);
    ev = text + c.ev_start[EV_NGRAM];
    assert_true(!strncmp(ev, "zork", 4) || !strncmp(ev, "a zork", 6) ||
                !strncmp(ev, "blip", 4));
    assert_int_equal(sv__garble_count(&lex, NULL, &scr, "A nice day.", 0, 11,
                                      0, &c), SV_OK);
    assert_true(c.c[GC_NGRAM] < 0);
    /* without n-gram weights the count stays 0 */
    sv__wordstats_free(ws);
    lex.ws = NULL;
    lex.id++; /* another lexicon for the scratch's cache */
    assert_int_equal(sv__garble_count(&lex, NULL, &scr, text, 0,
                                      strlen(text), 0, &c), SV_OK);
    assert_true(c.c[GC_NGRAM] == 0.0);
    sv__garble_lex_dispose(&lex);
    sv__ngram_rows_free(rows);
}

static void test_garble__trains_ngrams_from_bow_column(void **state)
{
    sv_resources *res = open_resources(SV_LOAD_SPELL_EN);
    sv_context *ctx = NULL;
    sv_garble_train_options to = SV_GARBLE_TRAIN_OPTIONS_INIT;
    sv_error err = SV_ERROR_INIT;
    sv__garble_model m;
    sv__wordstats *ws = NULL;
    char tsv[300], out[300], words[300];
    FILE *fp;
    int i;

    (void)state;
    if (!res)
        skip();
    snprintf(tsv, sizeof(tsv), "%s/bow.tsv", tmpdir);
    snprintf(out, sizeof(out), "%s/bow.model", tmpdir);
    snprintf(words, sizeof(words), "%s/bow-ngrams.words", tmpdir);
    fp = fopen(tsv, "w");
    assert_non_null(fp);
    fprintf(fp, "label\ttext\tbow\n");
    for (i = 0; i < 40; i++) {
        /* rows without a classifier label ('-') still teach n-grams */
        fprintf(fp, "%s\tThe zork blip number %d went home.\t1\n",
                i % 4 ? "1" : "-", i);
        fprintf(fp, "%s\tWe had a nice day number %d at home.\t0\n",
                i % 4 ? "0" : "-", i);
    }
    assert_int_equal(fclose(fp), 0);
    assert_int_equal(sv_context_new(&ctx, res, &err), SV_OK);
    to.lm_path = SV_BUILD_DATADIR "/garble_en.lm";
    assert_int_equal(sv_garble_train(res, ctx, tsv, out, &to, &err), SV_OK);
    assert_int_equal(sv__garble_model_load(&m, out, &err), SV_OK);
    assert_string_equal(m.words_name, "bow-ngrams.words");
    assert_true(m.w[GF_NGRAM] > 0);
    assert_int_equal(sv__wordstats_load(&ws, words, &err), SV_OK);
    assert_true(sv__ngram_present(ws));
    assert_true(unigram(ws, "zork") > 0);
    /* the word statistics it started from are kept */
    assert_true(ws->edit_prior > 0);
    sv__wordstats_free(ws);
    sv_context_free(ctx);
    sv_resources_free(res);
}

/* A TSV of n rows, garbled ones with a repeated word; class weight cw
 * for the garbled rows (0: no class_weight column). */
static void write_weighted(const char *path, int cw)
{
    FILE *fp = fopen(path, "w");
    int i;

    assert_non_null(fp);
    fprintf(fp, "label\ttext%s\n", cw ? "\tclass_weight" : "");
    for (i = 0; i < 60; i++) {
        int bad = i % 5 == 0;

        fprintf(fp, "%d\t%s %d.", bad, bad && i % 10 ? "Talks talks went "
                "on" : i % 7 ? "The talks went on" : "Talks talks went on",
                i);
        if (cw)
            fprintf(fp, "\t%d", bad ? cw : 1);
        fprintf(fp, "\n");
    }
    assert_int_equal(fclose(fp), 0);
}

static void test_garble__class_weight_keeps_calibration(void **state)
{
    sv_resources *res = open_resources(SV_LOAD_SPELL_EN);
    sv_context *ctx = NULL;
    sv_garble_train_options to = SV_GARBLE_TRAIN_OPTIONS_INIT;
    sv_error err = SV_ERROR_INIT;
    sv__garble_model plain, weighted;
    char tsv[300], out[300];

    (void)state;
    if (!res)
        skip();
    snprintf(tsv, sizeof(tsv), "%s/cw.tsv", tmpdir);
    snprintf(out, sizeof(out), "%s/cw.model", tmpdir);
    assert_int_equal(sv_context_new(&ctx, res, &err), SV_OK);
    to.lm_path = SV_BUILD_DATADIR "/garble_en.lm";
    write_weighted(tsv, 0);
    assert_int_equal(sv_garble_train(res, ctx, tsv, out, &to, &err), SV_OK);
    assert_int_equal(sv__garble_model_load(&plain, out, &err), SV_OK);
    write_weighted(tsv, 8);
    assert_int_equal(sv_garble_train(res, ctx, tsv, out, &to, &err), SV_OK);
    assert_int_equal(sv__garble_model_load(&weighted, out, &err), SV_OK);
    /* weighting the garbled rows 8 times would move the bias by about
     * ln 8 = 2.1; the correction takes that back out */
    assert_true(fabs(weighted.bias - plain.bias) < 0.7);
    sv_context_free(ctx);
    sv_resources_free(res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_garble__charlm_trains_and_scores),
        cmocka_unit_test(test_garble__counts_script_and_odd),
        cmocka_unit_test(test_garble__counts_repetition_and_patterns),
        cmocka_unit_test(test_garble__counts_add_up),
        cmocka_unit_test(test_garble__counts_repeat_content),
        cmocka_unit_test(test_garble__ngram_weights),
        cmocka_unit_test(test_garble__trains_ngrams_from_bow_column),
        cmocka_unit_test(test_garble__class_weight_keeps_calibration),
        cmocka_unit_test(test_garble__model_file_round_trip),
        cmocka_unit_test(test_garble__score_explains_itself),
        cmocka_unit_test(test_garble__missing_model_is_reported),
        cmocka_unit_test(test_garble__trains_from_tsv),
        cmocka_unit_test(test_garble__trains_cross_fitted),
        cmocka_unit_test(test_garble__source_adequacy),
        cmocka_unit_test(test_garble__allocation_failures),
        cmocka_unit_test(test_garble__seed_002_garbled_passages),
        cmocka_unit_test(test_garble__seed_003_garbled_passages),
        cmocka_unit_test(test_garble__seeds_clean_news_not_flagged),
    };

    return cmocka_run_group_tests_name("garble", tests, setup_tmp,
                                       teardown_tmp);
}
