/* SPDX-License-Identifier: MIT */
/*
 * unit.brackets: the finder (nesting, unbalanced reports, list markers),
 * the classifier, the aligner with a tiny glossary and with the built
 * lexicon, the corpus glossary (TSV round trip, merge, inconsistencies,
 * TMX), an allocation-failure sweep, and the done-when facts on the
 * seeds in ../shared (skipped when absent).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/alloc.h"
#include "sverka/brackets.h"
#include "sverka/sverka.h"

#define TINY SV_TEST_DATA "/brackets/tiny_glossary.tsv"

/* A processor with the tiny glossary and no dictionaries. */
static sv_brackets *tiny(void)
{
    sv_brackets_options o = SV_BRACKETS_OPTIONS_INIT;
    sv_brackets *b = NULL;
    sv_error err = SV_ERROR_INIT;

    o.glossary_path = TINY;
    assert_int_equal(sv_brackets_new(&b, &o, NULL, &err), SV_OK);
    assert_int_equal(sv_brackets_glossary_size(b), 4);
    return b;
}

static void run(const sv_brackets *b, sv_context *ctx, const char *text,
                sv_brackets_result *r)
{
    sv_error err = SV_ERROR_INIT;

    assert_int_equal(sv_brackets_run(b, ctx, text, strlen(text), r, &err),
                     SV_OK);
}

/* The bracket whose inner text is `inner`. */
static const sv_bracket *find(const sv_brackets_result *r, const char *text,
                              const char *inner)
{
    size_t i, n = strlen(inner);

    for (i = 0; i < r->count; i++)
        if (r->brackets[i].end - r->brackets[i].start == n &&
            !memcmp(text + r->brackets[i].start, inner, n))
            return &r->brackets[i];
    fail_msg("no bracket [%s] in: %s", inner, text);
    return NULL;
}

static void assert_translation(const sv_bracket *b, const char *text,
                               const char *want)
{
    assert_true(b->has_translation);
    assert_int_equal(b->tr_end - b->tr_start, strlen(want));
    assert_memory_equal(text + b->tr_start, want, strlen(want));
}

static void test_brackets__finder_nesting(void **state)
{
    sv_brackets *b = tiny();
    sv_brackets_result r = SV_BRACKETS_RESULT_INIT;
    const char *t = "a (b [c] {d} e) f [g]";

    (void)state;
    run(b, NULL, t, &r);
    assert_int_equal(r.count, 4);
    assert_int_equal(r.problem_count, 0);
    assert_int_equal(r.brackets[0].start, 3);
    assert_int_equal(r.brackets[0].end, 14);
    assert_int_equal(r.brackets[0].open, '(');
    assert_int_equal(r.brackets[0].depth, 0);
    assert_int_equal(r.brackets[1].open, '[');
    assert_int_equal(r.brackets[1].depth, 1);
    assert_int_equal(r.brackets[2].open, '{');
    assert_int_equal(r.brackets[3].start, 19);
    assert_int_equal(r.brackets[3].depth, 0);
    sv_brackets_result_dispose(&r);
    sv_brackets_free(b);
}

static void test_brackets__finder_unbalanced(void **state)
{
    sv_brackets *b = tiny();
    sv_brackets_result r = SV_BRACKETS_RESULT_INIT;

    (void)state;
    run(b, NULL, "x (y [z) w", &r);
    assert_int_equal(r.count, 1); /* (y [z) */
    assert_int_equal(r.problem_count, 1);
    assert_int_equal(r.problems[0].kind, SV_BRACKET_UNCLOSED);
    assert_int_equal(r.problems[0].ch, '[');
    assert_int_equal(r.problems[0].offset, 5);
    run(b, NULL, "growth of 5%) and (a]", &r);
    assert_int_equal(r.problem_count, 2);
    assert_int_equal(r.problems[0].kind, SV_BRACKET_UNOPENED);
    assert_int_equal(r.problems[0].offset, 12);
    assert_int_equal(r.problems[1].kind, SV_BRACKET_MISMATCHED);
    assert_int_equal(r.problems[1].ch, ']');
    assert_string_equal(sv_bracket_problem_name(r.problems[1].kind),
                        "mismatched");
    run(b, NULL, "1) talks; 2) sanctions; б) санкции :) ok", &r);
    assert_int_equal(r.problem_count, 0);
    assert_int_equal(r.count, 0);
    sv_brackets_result_dispose(&r);
    sv_brackets_free(b);
}

/* Nesting past 64 levels: the deeper brackets are plain text, and so are
 * their closers (no false "unopened" problem); what follows is found. */
static void test_brackets__finder_depth_limit(void **state)
{
    sv_brackets *b = tiny();
    sv_brackets_result r = SV_BRACKETS_RESULT_INIT;
    char t[256];
    size_t n = 0, i;

    (void)state;
    for (i = 0; i < 70; i++)
        t[n++] = '(';
    t[n++] = 'x';
    for (i = 0; i < 70; i++)
        t[n++] = ')';
    memcpy(t + n, " and [y]", 9);
    run(b, NULL, t, &r);
    assert_int_equal(r.problem_count, 0);
    assert_int_equal(r.count, 65); /* 64 levels, then [y] */
    assert_int_equal(r.brackets[0].depth, 0);
    assert_int_equal(r.brackets[0].start, 1);
    assert_int_equal(r.brackets[0].end, 140);
    assert_int_equal(r.brackets[63].depth, 63);
    assert_int_equal(r.brackets[64].start, n + 6);
    sv_brackets_result_dispose(&r);
    sv_brackets_free(b);
}

static void test_brackets__kinds(void **state)
{
    sv_brackets *b = tiny();
    sv_brackets_result r = SV_BRACKETS_RESULT_INIT;
    const char *t = "President [Vladimir] Putin and the Ministry of Foreign "
                    "Affairs (MFA) agreed [1] (which surprised many) in 2021 "
                    "(see above), NATO (North Atlantic Treaty Organization).";
    const char *ru = "Президент [Владимир] Путин и НАТО (North Atlantic "
                     "Treaty Organization) встретились.";

    (void)state;
    run(b, NULL, t, &r);
    assert_int_equal(find(&r, t, "Vladimir")->kind, SV_BRACKET_EDITORIAL);
    assert_string_equal(find(&r, t, "Vladimir")->lang, "en");
    assert_int_equal(find(&r, t, "MFA")->kind, SV_BRACKET_ACRONYM);
    assert_int_equal(find(&r, t, "1")->kind, SV_BRACKET_REFERENCE);
    assert_string_equal(find(&r, t, "1")->lang, "und");
    assert_int_equal(find(&r, t, "which surprised many")->kind,
                     SV_BRACKET_OTHER);
    assert_int_equal(find(&r, t, "see above")->kind, SV_BRACKET_REFERENCE);
    assert_int_equal(find(&r, t, "North Atlantic Treaty Organization")->kind,
                     SV_BRACKET_ACRONYM);
    run(b, NULL, ru, &r);
    assert_int_equal(find(&r, ru, "Владимир")->kind, SV_BRACKET_EDITORIAL);
    assert_string_equal(find(&r, ru, "Владимир")->lang, "ru");
    assert_int_equal(find(&r, ru, "North Atlantic Treaty Organization")->kind,
                     SV_BRACKET_ORIGINAL);
    assert_string_equal(sv_bracket_kind_name(SV_BRACKET_REFERENCE),
                        "reference");
    sv_brackets_result_dispose(&r);
    sv_brackets_free(b);
}

static void test_brackets__align_with_glossary(void **state)
{
    sv_brackets *b = tiny();
    sv_brackets_result r = SV_BRACKETS_RESULT_INIT;
    const char *t = "The State Duma [Госдума] approved it; the Ministry of "
                    "Foreign Affairs (МИДа) objected, said Peskov [Пескова], "
                    "and “the talks” [переговоры] went on.  [Госдумы] State "
                    "Duma deputies left.";
    const char *ru = "Государственная дума (State Duma) приняла закон.";
    const sv_bracket *br;

    (void)state;
    run(b, NULL, t, &r);
    br = find(&r, t, "Госдума");
    assert_int_equal(br->kind, SV_BRACKET_ORIGINAL);
    assert_string_equal(br->lang, "ru");
    assert_false(br->untranslated);
    assert_translation(br, t, "State Duma"); /* not "The State Duma" */
    assert_translation(find(&r, t, "МИДа"), t, "Ministry of Foreign Affairs");
    assert_translation(find(&r, t, "Пескова"), t, "Peskov");
    assert_translation(find(&r, t, "переговоры"), t, "talks");
    {
        /* the glossary takes every aligned original with its place */
        sv_glossary *g = NULL;
        sv_buf tsv = SV_BUF_INIT;
        sv_error err = SV_ERROR_INIT;

        assert_int_equal(sv_glossary_new(&g, &err), SV_OK);
        assert_int_equal(sv_glossary_add_result(g, t, strlen(t), &r, "a.txt",
                                                7), SV_OK);
        /* no hunspell here: lemmas are the lowercased forms, so
         * Госдума and Госдумы stay apart */
        assert_int_equal(sv_glossary_count(g), 5);
        assert_int_equal(sv_glossary_write_tsv(g, &tsv), SV_OK);
        assert_non_null(strstr(tsv.ptr, "госдума\tГосдума\tru\tState Duma"
                                        "\t1\ta.txt:7:16\n"));
        sv_buf_dispose(&tsv);
        sv_glossary_free(g);
    }
    /* the original before its translation */
    br = find(&r, t, "Госдумы");
    assert_translation(br, t, "State Duma");
    assert_true(br->tr_start > br->end);
    run(b, NULL, ru, &r);
    br = find(&r, ru, "State Duma");
    assert_string_equal(br->lang, "en");
    assert_translation(br, ru, "Государственная дума");
    sv_brackets_result_dispose(&r);
    sv_brackets_free(b);
}

/* Resources from the build tree with the lexicon; skipped without it. */
static sv_resources *built(void)
{
    sv_resources_options o = SV_RESOURCES_OPTIONS_INIT;
    sv_resources *res = NULL;
    sv_error err = SV_ERROR_INIT;

    o.dicts_dir = SV_BUILD_DATADIR;
    o.load = SV_LOAD_DATA;
    o.optional = SV_LOAD_ALL;
    assert_int_equal(sv_resources_new(&res, &o, &err), SV_OK);
    if (!(sv_resources_loaded(res) & SV_LOAD_LEXICON) ||
        !(sv_resources_loaded(res) & SV_LOAD_SPELL_RU)) {
        sv_resources_free(res);
        print_message("skipping: no lexicon or hunspell-ru in %s\n",
                      SV_BUILD_DATADIR);
        skip();
    }
    return res;
}

static int has_suggestion(const sv_brackets_result *r, const sv_bracket *b,
                          const char *want)
{
    unsigned i;

    for (i = 0; i < b->sugg_count; i++)
        if (!strcmp(sv_brackets_suggestion(r, b, i, NULL), want))
            return 1;
    return 0;
}

static void test_brackets__untranslated_with_lexicon(void **state)
{
    sv_resources *res = built();
    sv_context *ctx = NULL;
    sv_brackets *b = NULL;
    sv_brackets_result r = SV_BRACKETS_RESULT_INIT;
    sv_error err = SV_ERROR_INIT;
    const char *t = "The only alternative [переговорам] ー to leave; it shows "
                    "that [есть] hope.  Peace (мир) and sanctions (санкций) "
                    "stay; there is [есть] a way.";
    const sv_bracket *br;

    (void)state;
    assert_int_equal(sv_context_new(&ctx, res, &err), SV_OK);
    assert_int_equal(sv_brackets_new(&b, NULL, res, &err), SV_OK);
    run(b, ctx, t, &r);
    br = find(&r, t, "переговорам");
    assert_int_equal(br->kind, SV_BRACKET_ORIGINAL);
    assert_true(br->untranslated);
    assert_true(br->gap);
    assert_false(br->has_translation);
    assert_true(has_suggestion(&r, br, "negotiations"));
    assert_string_equal(sv_brackets_lemma(&r, br, NULL), "переговоры");
    assert_true(find(&r, t, "есть")->untranslated);
    assert_true(has_suggestion(&r, find(&r, t, "есть"), "there is"));
    assert_translation(&r.brackets[r.count - 1], t, "there is");
    assert_translation(find(&r, t, "мир"), t, "Peace");
    assert_translation(find(&r, t, "санкций"), t, "sanctions");
    sv_brackets_result_dispose(&r);
    sv_brackets_free(b);
    sv_context_free(ctx);
    sv_resources_free(res);
}

/* Done-when facts on the real seeds; skipped when ../shared is absent. */
static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf;
    long n;

    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    *len = fread(buf, 1, (size_t)n, fp);
    buf[*len] = '\0';
    fclose(fp);
    return buf;
}

static void test_brackets__seeds(void **state)
{
    static const char *const s3 = SV_SHARED_DIR
        "/seeds/003_27ff90d956bebb31.txt";
    static const char *const s4 = SV_SHARED_DIR
        "/seeds/004_13ac4cbc4fd4abfe.txt";
    size_t l3 = 0, l4 = 0;
    char *t3 = slurp(s3, &l3), *t4 = slurp(s4, &l4);
    sv_resources *res;
    sv_context *ctx = NULL;
    sv_brackets *b = NULL;
    sv_brackets_result r = SV_BRACKETS_RESULT_INIT;
    sv_error err = SV_ERROR_INIT;
    const sv_bracket *br;

    (void)state;
    if (!t3 || !t4) {
        free(t3);
        free(t4);
        print_message("skipping: %s absent\n", SV_SHARED_DIR "/seeds");
        skip();
    }
    res = built();
    assert_int_equal(sv_context_new(&ctx, res, &err), SV_OK);
    assert_int_equal(sv_brackets_new(&b, NULL, res, &err), SV_OK);
    assert_int_equal(sv_brackets_run(b, ctx, t3, l3, &r, &err), SV_OK);
    br = find(&r, t3, "переговорам");
    assert_int_equal(br->kind, SV_BRACKET_ORIGINAL);
    assert_true(br->untranslated);
    assert_true(has_suggestion(&r, br, "negotiations"));
    br = find(&r, t3, "есть");
    assert_int_equal(br->kind, SV_BRACKET_ORIGINAL);
    assert_true(br->untranslated);
    assert_int_equal(find(&r, t3, "MFA")->kind, SV_BRACKET_ACRONYM);
    assert_int_equal(sv_brackets_run(b, ctx, t4, l4, &r, &err), SV_OK);
    assert_int_equal(find(&r, t4, "Vladimir")->kind, SV_BRACKET_EDITORIAL);
    sv_brackets_result_dispose(&r);
    sv_brackets_free(b);
    sv_context_free(ctx);
    sv_resources_free(res);
    free(t3);
    free(t4);
}

static void test_brackets__glossary(void **state)
{
    sv_glossary *g = NULL, *m = NULL;
    sv_buf tsv = SV_BUF_INIT, rep = SV_BUF_INIT, tmx = SV_BUF_INIT;
    sv_error err = SV_ERROR_INIT;
    size_t findings = 0;

    (void)state;
    assert_int_equal(sv_glossary_new(&g, &err), SV_OK);
    assert_int_equal(sv_glossary_add(g, "госдума", 14, "Госдума", 14, "ru",
                                     "State Duma", 10, 1, "a.txt:1:5"), 0);
    assert_int_equal(sv_glossary_add(g, "госдума", 14, "Госдумы", 14, "ru",
                                     "state  duma", 11, 2, "b.txt:3:1"), 0);
    assert_int_equal(sv_glossary_add(g, "госдума", 14, "Госдума", 14, "ru",
                                     "Duma", 4, 1, "c.txt:9:9"), 0);
    assert_int_equal(sv_glossary_add(g, "дума", 8, "дума", 8, "ru", "Duma", 4,
                                     1, NULL), 0);
    assert_int_equal(sv_glossary_count(g), 3);
    assert_int_equal(sv_glossary_write_tsv(g, &tsv), SV_OK);
    assert_non_null(strstr(tsv.ptr, "госдума\tГосдума\tru\tState Duma\t3\t"
                                    "a.txt:1:5 | b.txt:3:1\n"));
    assert_int_equal(sv_glossary_write_inconsistencies(g, &rep, &findings), 0);
    assert_int_equal(findings, 2); /* госдума: 2 ways; Duma: 2 lemmas */
    assert_non_null(strstr(rep.ptr, "lemma\tгосдума\t2 translations: "
                                    "State Duma (3); Duma (1)"));
    /* merging a glossary with itself doubles every count */
    assert_int_equal(sv_glossary_new(&m, &err), SV_OK);
    assert_int_equal(sv_glossary_merge_tsv(m, tsv.ptr, tsv.size, "t", &err), 0);
    assert_int_equal(sv_glossary_merge_tsv(m, tsv.ptr, tsv.size, "t", &err), 0);
    sv_buf_clear(&rep);
    assert_int_equal(sv_glossary_write_tsv(m, &rep), SV_OK);
    assert_non_null(strstr(rep.ptr, "\tState Duma\t6\ta.txt:1:5 | b.txt:3:1"));
    assert_int_equal(sv_glossary_merge_tsv(m, "lemma\tx\n", 8, "bad", &err),
                     SV_EFORMAT);
    assert_int_equal(sv_glossary_write_tmx(g, &tmx, &err), SV_OK);
    assert_non_null(strstr(tmx.ptr, "<tmx version=\"1.4\">"));
    assert_non_null(strstr(tmx.ptr, "<tuv xml:lang=\"ru\">"));
    assert_non_null(strstr(tmx.ptr, "<seg>State Duma</seg>"));
    assert_non_null(strstr(tmx.ptr, "<prop type=\"x-count\">3</prop>"));
    sv_buf_dispose(&tsv);
    sv_buf_dispose(&rep);
    sv_buf_dispose(&tmx);
    sv_glossary_free(g);
    sv_glossary_free(m);
}

/* Every allocation failure is reported as SV_ENOMEM and leaves the result
 * reusable. */
static void test_brackets__oom_sweep(void **state)
{
    sv_brackets *b = tiny();
    const char *t = "The State Duma [Госдума] and (MFA) [1] (x [y] z) (";
    unsigned long n;
    int rc = SV_ENOMEM;

    (void)state;
    for (n = 1; n < 500 && rc == SV_ENOMEM; n++) {
        sv_brackets_result r = SV_BRACKETS_RESULT_INIT;
        sv_error err = SV_ERROR_INIT;

        sv__alloc_fail_after(n);
        rc = sv_brackets_run(b, NULL, t, strlen(t), &r, &err);
        sv__alloc_fail_after(0);
        if (rc != SV_OK)
            assert_int_equal(rc, SV_ENOMEM);
        else
            assert_int_equal(r.count, 5);
        sv_brackets_result_dispose(&r);
    }
    assert_int_equal(rc, SV_OK);
    sv_brackets_free(b);
}

static void test_brackets__bad_arguments(void **state)
{
    sv_brackets_options o = SV_BRACKETS_OPTIONS_INIT;
    sv_brackets *b = NULL;
    sv_error err = SV_ERROR_INIT;

    (void)state;
    o.glossary_path = SV_TEST_DATA "/brackets/no-such-file.tsv";
    assert_int_equal(sv_brackets_new(&b, &o, NULL, &err), SV_ENOTFOUND);
    assert_null(b);
    o.version = 99;
    assert_int_equal(sv_brackets_new(&b, &o, NULL, &err), SV_EINVAL);
    assert_int_equal(sv_brackets_options_init(&o, 99), SV_EINVAL);
    assert_int_equal(sv_brackets_options_init(&o, SV_BRACKETS_OPTIONS_VERSION),
                     SV_OK);
    assert_int_equal(o.max_words, 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_brackets__finder_nesting),
        cmocka_unit_test(test_brackets__finder_unbalanced),
        cmocka_unit_test(test_brackets__finder_depth_limit),
        cmocka_unit_test(test_brackets__kinds),
        cmocka_unit_test(test_brackets__align_with_glossary),
        cmocka_unit_test(test_brackets__untranslated_with_lexicon),
        cmocka_unit_test(test_brackets__seeds),
        cmocka_unit_test(test_brackets__glossary),
        cmocka_unit_test(test_brackets__oom_sweep),
        cmocka_unit_test(test_brackets__bad_arguments),
    };

    return cmocka_run_group_tests_name("brackets", tests, NULL, NULL);
}
