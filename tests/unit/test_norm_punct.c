/* SPDX-License-Identifier: MIT */
/*
 * Edge cases of the punctuation and glued steps: dash styles and
 * look-alikes, quote pairing and nesting across lines and paragraphs,
 * stray spaces, and the abbreviation lists (built-in and from dicts/).
 */
#include "norm_helpers.h"

static char *run_opts(const sv_normalize_options *o, const char *in)
{
    sv_normalize_result res = SV_NORMALIZE_RESULT_INIT;
    sv_buf out = SV_BUF_INIT;
    char *s;

    norm_run_opts(o, NULL, NULL, in, &out, &res);
    s = malloc(out.size + 1);
    assert_non_null(s);
    memcpy(s, out.ptr ? out.ptr : "", out.size + 1);
    sv_buf_dispose(&out);
    sv_normalize_result_dispose(&res);
    return s;
}

#define P SV_STEP_PUNCTUATION
#define G SV_STEP_GLUED

static void test_norm_punct__dashes(void **state)
{
    sv_normalize_options o = SV_NORMALIZE_OPTIONS_INIT;
    char *s;

    (void)state;
    /* katakana prolonged mark glued between Latin words */
    NORM_EQ(P, "yes\xE3\x83\xBCno", "yes\xE2\x80\x94no");
    /* ... but inside katakana it is a vowel length mark */
    NORM_SAME(P, "\xE3\x82\xB3\xE3\x83\xBC\xE3\x83\x92\xE3\x83\xBC");
    /* " - " at the start of a line is a list marker, even indented */
    NORM_SAME(P, "  - item one");
    NORM_SAME(P, "a -b and a- b");
    /* three hyphens are not a dash look-alike we touch */
    NORM_SAME(P, "word --- word");
    /* a dash after a comma or a closing quote */
    NORM_EQ(P, "yes, - he said", "yes, \xE2\x80\x94 he said");
    NORM_EQ(P, "\xE2\x80\x9Cno\xE2\x80\x9D - he said",
            "\xE2\x80\x9Cno\xE2\x80\x9D \xE2\x80\x94 he said");
    o.steps = P | SV_STEP_DECODE;
    o.dash = SV_DASH_EN;
    s = run_opts(&o, "war \xE2\x80\x95 peace");
    assert_string_equal(s, "war \xE2\x80\x93 peace");
    free(s);
    o.dash = SV_DASH_KEEP;
    s = run_opts(&o, "war - peace \xE3\x83\xBC again");
    assert_string_equal(s, "war - peace \xE3\x83\xBC again");
    free(s);
}

static void test_norm_punct__spacing(void **state)
{
    (void)state;
    NORM_EQ(P, "one , two , three", "one, two, three");
    NORM_EQ(P, "end  .", "end.");
    NORM_EQ(P, "word ,\nnext", "word,\nnext");
    NORM_EQ(P, "(see note) .", "(see note).");
    /* an ellipsis after a space is spaced on purpose */
    NORM_SAME(P, "and then ...");
    NORM_SAME(P, "a list: , ; :");
    /* a comma glued before a capital or a digit is not prose repair */
    NORM_SAME(P, "Moscow,Washington");
    NORM_SAME(P, "items 1,2,3");
    NORM_EQ(P, "\xD1\x81\xD0\xBA\xD0\xB0\xD0\xB7\xD0\xB0\xD0\xBB,\xD1\x87\xD1\x82\xD0\xBE.",
            "\xD1\x81\xD0\xBA\xD0\xB0\xD0\xB7\xD0\xB0\xD0\xBB, \xD1\x87\xD1\x82\xD0\xBE.");
    NORM_EQ(P, "a . . . b", "a ... b");
    NORM_SAME(P, ". . . . .");
}

static void test_norm_punct__quotes(void **state)
{
    sv_normalize_options o = SV_NORMALIZE_OPTIONS_INIT;
    char *s;

    (void)state;
    o.steps = P | SV_STEP_DECODE;
    o.quotes = SV_QUOTES_TYPOGRAPHIC;
    /* nested Russian quotes: « „ “ » */
    s = run_opts(&o, "\xD0\x9E\xD0\xBD: \"\xD0\xBA\xD0\xBD\xD0\xB8\xD0\xB3\xD0"
                     "\xB0 \"\xD0\x9C\xD0\xB8\xD1\x80\" \xD1\x82\xD1\x83\xD1"
                     "\x82\"");
    assert_string_equal(s, "\xD0\x9E\xD0\xBD: \xC2\xAB\xD0\xBA\xD0\xBD\xD0\xB8"
                           "\xD0\xB3\xD0\xB0 \xE2\x80\x9E\xD0\x9C\xD0\xB8\xD1"
                           "\x80\xE2\x80\x9C \xD1\x82\xD1\x83\xD1\x82\xC2\xBB");
    free(s);
    /* an English quote inside a Russian line takes English quotes */
    s = run_opts(&o, "\xD1\x81\xD0\xBB\xD0\xBE\xD0\xB2\xD0\xBE \"war\"");
    assert_string_equal(s, "\xD1\x81\xD0\xBB\xD0\xBE\xD0\xB2\xD0\xBE "
                           "\xE2\x80\x9Cwar\xE2\x80\x9D");
    free(s);
    /* a paragraph break resets an unclosed quote */
    s = run_opts(&o, "He said \"yes\n\n\"No\" she said");
    assert_string_equal(s, "He said \xE2\x80\x9Cyes\n\n\xE2\x80\x9CNo\xE2\x80"
                           "\x9D she said");
    free(s);
    /* a quote with spaces on both sides is neither opening nor closing */
    s = run_opts(&o, "a \" b");
    assert_string_equal(s, "a \" b");
    free(s);
    /* apostrophes keep their own option */
    s = run_opts(&o, "don't \"go\"");
    assert_string_equal(s, "don't \xE2\x80\x9Cgo\xE2\x80\x9D");
    free(s);
    o.quotes = SV_QUOTES_ASCII;
    s = run_opts(&o, "\xE2\x80\x9E\xD0\x94\xD0\xB0\xE2\x80\x9C \xC2\xAB" "x\xC2\xBB");
    assert_string_equal(s, "\"\xD0\x94\xD0\xB0\" \"x\"");
    free(s);
}

static void test_norm_punct__glued(void **state)
{
    (void)state;
    /* several in one line, and at the very end of the text */
    NORM_EQ(G, "one.Two.Three", "one.Two.Three"); /* dotted identifier */
    NORM_EQ(G, "first one.Second one.Third", "first one. Second one. Third");
    NORM_SAME(G, "ends here.");
    NORM_SAME(G, ".Start");
    /* the space goes after closing quotes and brackets */
    NORM_EQ(G, "(as he said.)Next", "(as he said.) Next");
    NORM_EQ(G, "\xC2\xAB\xD0\x94\xD0\xB0.\xC2\xBB\xD0\x9D\xD0\xB5\xD1\x82",
            "\xC2\xAB\xD0\x94\xD0\xB0.\xC2\xBB \xD0\x9D\xD0\xB5\xD1\x82");
    /* an apostrophe after the period is not a closing quote we know */
    NORM_SAME(G, "the states.'The");
    /* domain-like endings in capitals */
    NORM_SAME(G, "Gazeta.RU reported");
    NORM_SAME(G, "Sputnik.News");
    /* code-ish tokens */
    NORM_SAME(G, "see config.Path/to");
    NORM_SAME(G, "a_b.Cdef");
}

/* The lists in dicts/ add to what the built-in lists know. */
static void test_norm_punct__abbrev_from_dicts(void **state)
{
    sv_resources_options ro = SV_RESOURCES_OPTIONS_INIT;
    sv_normalize_options o = SV_NORMALIZE_OPTIONS_INIT;
    sv_resources *rs = NULL;
    sv_normalizer *n = NULL;
    sv_error err = SV_ERROR_INIT;
    sv_buf out = SV_BUF_INIT;
    const char *in = "items listed, viz.The list, and para.The end";

    (void)state;
    ro.dicts_dir = SV_BUILD_DATADIR;
    ro.load = SV_LOAD_DATA;
    ro.optional = 0;
    if (sv_resources_new(&rs, &ro, &err) < 0)
        skip();
    o.steps = G | SV_STEP_DECODE;
    /* built-in: viz and para are unknown, so spaces go in */
    assert_int_equal(sv_normalizer_new(&n, &o, NULL, &err), SV_OK);
    assert_int_equal(sv_normalize_run(n, NULL, in, strlen(in), &out, NULL,
                                      &err), SV_OK);
    assert_string_equal(out.ptr, "items listed, viz. The list, and para. The end");
    sv_normalizer_free(n);
    /* dicts/abbrev_en.txt knows both */
    assert_int_equal(sv_normalizer_new(&n, &o, rs, &err), SV_OK);
    assert_int_equal(sv_normalize_run(n, NULL, in, strlen(in), &out, NULL,
                                      &err), SV_OK);
    assert_string_equal(out.ptr, in);
    sv_normalizer_free(n);
    sv_resources_free(rs);
    sv_buf_dispose(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_norm_punct__dashes),
        cmocka_unit_test(test_norm_punct__spacing),
        cmocka_unit_test(test_norm_punct__quotes),
        cmocka_unit_test(test_norm_punct__glued),
        cmocka_unit_test(test_norm_punct__abbrev_from_dicts),
    };

    return cmocka_run_group_tests_name("norm_punct", tests, NULL, NULL);
}
