/* SPDX-License-Identifier: MIT */
/*
 * Word-level steps with and without dictionaries: homoglyphs (the
 * dictionary decides when both scripts are possible) and hyphenation
 * (joins only dictionary words).  Dictionary tests skip when hunspell's
 * en_US/ru_RU are not installed.
 */
#include "norm_helpers.h"

#include "lang/confusable.h"

typedef struct dicts {
    sv_resources *res;
    sv_context *ctx;
} dicts;

static int setup(void **state)
{
    static dicts d;
    sv_resources_options ro = SV_RESOURCES_OPTIONS_INIT;
    sv_error err = SV_ERROR_INIT;

    ro.dicts_dir = SV_BUILD_DATADIR;
    ro.load = 0;
    ro.optional = SV_LOAD_SPELL_EN | SV_LOAD_SPELL_RU | SV_LOAD_DATA;
    if (sv_resources_new(&d.res, &ro, &err) == SV_OK &&
        (sv_resources_loaded(d.res) & (SV_LOAD_SPELL_EN | SV_LOAD_SPELL_RU)) ==
            (SV_LOAD_SPELL_EN | SV_LOAD_SPELL_RU))
        sv_context_new(&d.ctx, d.res, &err);
    *state = &d;
    return 0;
}

static int teardown(void **state)
{
    dicts *d = *state;

    sv_context_free(d->ctx);
    sv_resources_free(d->res);
    return 0;
}

static char *run_ctx(const dicts *d, unsigned int steps, const char *in,
                     sv_normalize_result *res)
{
    sv_normalize_options o = SV_NORMALIZE_OPTIONS_INIT;
    sv_buf out = SV_BUF_INIT;
    char *s;

    o.steps = steps | SV_STEP_DECODE;
    norm_run_opts(&o, d ? d->ctx : NULL, d ? d->res : NULL, in, &out, res);
    s = malloc(out.size + 1);
    assert_non_null(s);
    memcpy(s, out.ptr ? out.ptr : "", out.size + 1);
    sv_buf_dispose(&out);
    return s;
}

/* "Ехрo": Cyrillic Е х р and a Latin o.  Both scripts are possible; the
 * majority is Cyrillic ("Ехро", no word), the dictionary knows the English
 * "Expo". */
static void test_norm_words__homoglyph_dictionary_decides(void **state)
{
    dicts *d = *state;
    sv_normalize_result res = SV_NORMALIZE_RESULT_INIT;
    const char *in = "to \xD0\x95\xD1\x85\xD1\x80o with";
    char *s;

    s = run_ctx(NULL, SV_STEP_HOMOGLYPHS, in, &res);
    assert_string_equal(s, "to \xD0\x95\xD1\x85\xD1\x80\xD0\xBE with");
    free(s);
    if (!d->ctx) {
        sv_normalize_result_dispose(&res);
        skip();
    }
    s = run_ctx(d, SV_STEP_HOMOGLYPHS, in, &res);
    assert_string_equal(s, "to Expo with");
    assert_int_equal(res.edit_count, 1);
    assert_int_equal(res.edits[0].in_start, 3);
    assert_int_equal(res.edits[0].in_end, 10);
    assert_string_equal(res.edits[0].step, "homoglyphs");
    free(s);
    sv_normalize_result_dispose(&res);
}

static void test_norm_words__homoglyph_rules(void **state)
{
    (void)state;
    /* a tie with no dictionary is left alone: "Bo" = В(C) o(L) */
    NORM_SAME(SV_STEP_HOMOGLYPHS, "\xD0\x92o");
    /* a letter with no look-alike in either direction */
    NORM_SAME(SV_STEP_HOMOGLYPHS, "\xD0\xB6w");
    /* mixed words next to each other, separated by punctuation */
    NORM_EQ(SV_STEP_HOMOGLYPHS, "P\xD1\x83tin,M\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0",
            "Pytin,\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0");
    /* combining marks stay with their word, which is converted whole */
    NORM_EQ(SV_STEP_HOMOGLYPHS, "\xD0\xB8\xCC\x86" "x",
            "\xD0\xB8\xCC\x86\xD1\x85");
}

/* The look-alike tables come from ICU's confusables, same case only,
 * modern letters only. */
static void test_norm_words__lookalike_tables(void **state)
{
    sv__lookalikes t;

    (void)state;
    assert_int_equal(sv__lookalikes_build(&t), SV_OK);
#define L2C(c) t.lat2cyr[(c) - SV__LATIN_FIRST]
#define C2L(c) t.cyr2lat[(c) - SV__CYRILLIC_FIRST]
    assert_int_equal(L2C('a'), 0x430);
    assert_int_equal(L2C('P'), 0x420);
    assert_int_equal(L2C('x'), 0x445);
    assert_int_equal(C2L(0x420), 'P');
    assert_int_equal(C2L(0x406), 'I');  /* І -> I, the ASCII one */
    assert_int_equal(C2L(0x455), 's');  /* ѕ */
    assert_int_equal(L2C('w'), 0);      /* not the archaic ѡ */
    assert_int_equal(C2L(0x42C), 0);    /* Ь is not b: case differs */
    assert_int_equal(C2L(0x436), 0);    /* ж has no look-alike */
    assert_int_equal(L2C('n'), 0);
#undef L2C
#undef C2L
}

static void test_norm_words__hyphenation(void **state)
{
    dicts *d = *state;
    sv_normalize_result res = SV_NORMALIZE_RESULT_INIT;
    char *s;

    /* without dictionaries nothing is joined */
    s = run_ctx(NULL, SV_STEP_HYPHENATION, "nego-\ntiations", &res);
    assert_string_equal(s, "nego-\ntiations");
    free(s);
    if (!d->ctx) {
        sv_normalize_result_dispose(&res);
        skip();
    }
    s = run_ctx(d, SV_STEP_HYPHENATION, "the nego-\ntiations went on", &res);
    assert_string_equal(s, "the negotiations\nwent on");
    assert_int_equal(res.edit_count, 1);
    assert_int_equal(res.edits[0].in_start, 8);   /* the hyphen */
    assert_int_equal(res.edits[0].in_end, 19);    /* after "tiations " */
    free(s);
    /* trailing spaces after the hyphen, and the last line */
    s = run_ctx(d, SV_STEP_HYPHENATION, "govern-  \nment", &res);
    assert_string_equal(s, "government");
    free(s);
    /* an uppercase continuation is a name, not a broken word */
    s = run_ctx(d, SV_STEP_HYPHENATION, "Rolls-\nRoyce", &res);
    assert_string_equal(s, "Rolls-\nRoyce");
    free(s);
    /* the two halves in different scripts */
    s = run_ctx(d, SV_STEP_HYPHENATION, "nego-\n\xD1\x86\xD0\xB8\xD0\xB8", &res);
    assert_string_equal(s, "nego-\n\xD1\x86\xD0\xB8\xD0\xB8");
    free(s);
    sv_normalize_result_dispose(&res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_norm_words__homoglyph_dictionary_decides),
        cmocka_unit_test(test_norm_words__homoglyph_rules),
        cmocka_unit_test(test_norm_words__lookalike_tables),
        cmocka_unit_test(test_norm_words__hyphenation),
    };

    return cmocka_run_group_tests_name("norm_words", tests, setup, teardown);
}
