/* SPDX-License-Identifier: MIT */
/*
 * The drop step: boilerplate patterns (built-in and from a data
 * directory, malformed files), duplicates after normalization, notes in
 * the other script, blank-line collapsing around dropped lines, mark mode,
 * and the per-line drop report with offsets into the original input.
 */
#include "norm_helpers.h"

/* About 300 Latin letters: enough for the notes rule to trust the
 * record's language. */
#define BODY "The ministers met in Geneva on Thursday to discuss the "    \
             "guarantees both sides had proposed in December, and agreed " \
             "to continue the talks at the level of experts next month, "  \
             "according to officials familiar with the matter.  Neither "  \
             "side expects a quick result, they said."

static char *drop_run(unsigned int drop, int mark, const sv_resources *rs,
                      const char *in, sv_normalize_result *res)
{
    sv_normalize_options o = SV_NORMALIZE_OPTIONS_INIT;
    sv_buf out = SV_BUF_INIT;
    char *s;

    o.steps = SV_STEP_DROP | SV_STEP_DECODE;
    o.drop = drop;
    o.mark = (unsigned)mark;
    norm_run_opts(&o, NULL, rs, in, &out, res);
    s = malloc(out.size + 1);
    assert_non_null(s);
    memcpy(s, out.ptr ? out.ptr : "", out.size + 1);
    sv_buf_dispose(&out);
    return s;
}

static void test_norm_drop__gaps(void **state)
{
    sv_normalize_result res = SV_NORMALIZE_RESULT_INIT;
    char *s;

    (void)state;
    s = drop_run(SV_DROP_ALL, 0, NULL, "A line.\n\nLeave a Reply\n\nB line.",
                 &res);
    assert_string_equal(s, "A line.\n\nB line.");
    free(s);
    s = drop_run(SV_DROP_ALL, 0, NULL, "Leave a Reply\n\n\nA line.", &res);
    assert_string_equal(s, "A line.");
    free(s);
    /* blank lines away from any drop are not this step's business */
    s = drop_run(SV_DROP_ALL, 0, NULL, "A line.\n\n\n\nB line.\n\n", &res);
    assert_string_equal(s, "A line.\n\n\n\nB line.\n\n");
    assert_int_equal(res.drop_count, 0);
    free(s);
    /* nothing selected: the step does not run at all */
    s = drop_run(0, 0, NULL, "Leave a Reply", &res);
    assert_string_equal(s, "Leave a Reply");
    free(s);
    sv_normalize_result_dispose(&res);
}

static void test_norm_drop__report_offsets(void **state)
{
    /* the drop step sees text other steps changed; its report still points
     * at the original lines */
    const char *in = "Title \xE2\x80\x94 here and there\r\n\xC2\xA0\r\n"
                     "Sharing\xC2\xA0\xC2\xA0is caring!\r\nTitle - here and "
                     "there\r\nBody text.";
    sv_normalize_options o = SV_NORMALIZE_OPTIONS_INIT;
    sv_normalize_result res = SV_NORMALIZE_RESULT_INIT;
    sv_buf out = SV_BUF_INIT;

    (void)state;
    o.drop = SV_DROP_ALL;
    norm_run_opts(&o, NULL, NULL, in, &out, &res);
    assert_string_equal(out.ptr, "Title \xE2\x80\x94 here and there\n\nBody "
                                 "text.");
    assert_int_equal(res.drop_count, 2);
    assert_int_equal(res.dropped_lines, 2);
    assert_string_equal(res.drops[0].reason, "boilerplate");
    assert_int_equal(res.drops[0].in_start, (size_t)(strstr(in, "Sharing") - in));
    assert_int_equal(res.drops[0].in_end, (size_t)(strstr(in, "!\r\n") + 1 - in));
    assert_string_equal(res.drops[1].reason, "duplicates");
    assert_int_equal(res.drops[1].in_start, (size_t)(strstr(in, "Title -") - in));
    sv_buf_dispose(&out);
    sv_normalize_result_dispose(&res);
}

/* Adjacent dropped lines stay separate edits, each named by its reason. */
static void test_norm_drop__one_edit_per_line(void **state)
{
    const char *in = "Body one two three.\nLeave a Reply\nShare this\n"
                     "Body one two three.\nEnd.";
    sv_normalize_result res = SV_NORMALIZE_RESULT_INIT;
    char *s;

    (void)state;
    s = drop_run(SV_DROP_ALL, 0, NULL, in, &res);
    assert_string_equal(s, "Body one two three.\nEnd.");
    assert_int_equal(res.edit_count, 3);
    assert_string_equal(res.edits[0].step, "drop:boilerplate");
    assert_string_equal(res.edits[1].step, "drop:boilerplate");
    assert_string_equal(res.edits[2].step, "drop:duplicates");
    assert_int_equal(res.edits[1].in_start, (size_t)(strstr(in, "Share") - in));
    assert_int_equal(res.edits[2].in_end, (size_t)(strstr(in, "End") - in));
    free(s);
    sv_normalize_result_dispose(&res);
}

static void test_norm_drop__mark(void **state)
{
    sv_normalize_result res = SV_NORMALIZE_RESULT_INIT;
    char *s;

    (void)state;
    s = drop_run(SV_DROP_BOILERPLATE, 1, NULL,
                 "Text.\n\nRelated materials:\n\nMore.", &res);
    assert_string_equal(s, "Text.\n\n" SV_NORMALIZE_MARK_OPEN "boilerplate"
                           SV_NORMALIZE_MARK_MID "Related materials:"
                           SV_NORMALIZE_MARK_CLOSE "\n\nMore.");
    assert_int_equal(res.drop_count, 1);
    assert_int_equal(res.edit_count, 1);
    assert_string_equal(res.edits[0].step, "drop:boilerplate");
    free(s);
    sv_normalize_result_dispose(&res);
}

static void test_norm_drop__duplicates(void **state)
{
    sv_normalize_result res = SV_NORMALIZE_RESULT_INIT;
    char *s;

    (void)state;
    /* case, quote style, dash style and spacing are folded */
    s = drop_run(SV_DROP_DUPLICATES, 0, NULL,
                 "It\xE2\x80\x99s a \xE2\x80\x9C" "big\xE2\x80\x9D deal \xE2\x80\x94 he said\n"
                 "IT'S A \"BIG\" DEAL  - HE SAID\n", &res);
    assert_string_equal(s, "It\xE2\x80\x99s a \xE2\x80\x9C" "big\xE2\x80\x9D deal "
                           "\xE2\x80\x94 he said\n");
    free(s);
    /* two-word lines repeat legitimately */
    s = drop_run(SV_DROP_DUPLICATES, 0, NULL, "Thank you\nThank you", &res);
    assert_string_equal(s, "Thank you\nThank you");
    free(s);
    /* the third copy goes too */
    s = drop_run(SV_DROP_DUPLICATES, 0, NULL, "a b c\na b c\na b c\nd", &res);
    assert_string_equal(s, "a b c\nd");
    assert_int_equal(res.drop_count, 2);
    free(s);
    sv_normalize_result_dispose(&res);
}

static void test_norm_drop__notes(void **state)
{
    sv_normalize_result res = SV_NORMALIZE_RESULT_INIT;
    char *s;

    (void)state;
    s = drop_run(SV_DROP_NOTES, 0, NULL,
                 BODY "\n\xD0\x97\xD0\xB0\xD0\xB3\xD0\xBE\xD0\xBB\xD0\xBE\xD0\xB2"
                 "\xD0\xBE\xD0\xBA", &res);
    assert_string_equal(s, BODY "\n");
    assert_string_equal(res.drops[0].reason, "notes");
    free(s);
    /* a short record: its language is not trusted, nothing is a note */
    s = drop_run(SV_DROP_NOTES, 0, NULL,
                 "Short text.\n\xD0\x97\xD0\xB0\xD0\xB3\xD0\xBE\xD0\xBB", &res);
    assert_string_equal(s, "Short text.\n\xD0\x97\xD0\xB0\xD0\xB3\xD0\xBE\xD0\xBB");
    free(s);
    /* a Cyrillic sentence (ends in a period) is content */
    s = drop_run(SV_DROP_NOTES, 0, NULL,
                 BODY "\n\xD0\x94\xD0\xB0, \xD1\x8D\xD1\x82\xD0\xBE \xD1\x82"
                 "\xD0\xB0\xD0\xBA.", &res);
    assert_int_equal(res.drop_count, 0);
    free(s);
    sv_normalize_result_dispose(&res);
}

static void test_norm_drop__custom_patterns(void **state)
{
    sv_resources_options ro = SV_RESOURCES_OPTIONS_INIT;
    sv_resources *rs = NULL;
    sv_normalizer *n = NULL;
    sv_error err = SV_ERROR_INIT;
    sv_normalize_result res = SV_NORMALIZE_RESULT_INIT;
    char *s;

    (void)state;
    ro.dicts_dir = SV_TEST_DATA "/normalize/dicts_custom";
    ro.load = SV_LOAD_DATA;
    ro.optional = 0;
    assert_int_equal(sv_resources_new(&rs, &ro, &err), SV_OK);
    s = drop_run(SV_DROP_BOILERPLATE, 0, rs,
                 "Clap if you liked it!\nSponsored by ACME\nGreat deal, buy "
                 "now\nStart Politics World\nStart the engine.\nLeave a Reply",
                 &res);
    /* the file replaces the built-in list: "Leave a Reply" stays */
    assert_string_equal(s, "Start the engine.\nLeave a Reply");
    assert_int_equal(res.drop_count, 4);
    free(s);
    sv_resources_free(rs);
    /* a malformed file is an error naming the file and line */
    ro.dicts_dir = SV_TEST_DATA "/normalize/dicts_bad";
    assert_int_equal(sv_resources_new(&rs, &ro, &err), SV_OK);
    assert_int_equal(sv_normalizer_new(&n, NULL, rs, &err), SV_EFORMAT);
    assert_null(n);
    assert_non_null(strstr(err.message, "boilerplate.txt:3"));
    sv_resources_free(rs);
    sv_normalize_result_dispose(&res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_norm_drop__gaps),
        cmocka_unit_test(test_norm_drop__report_offsets),
        cmocka_unit_test(test_norm_drop__one_edit_per_line),
        cmocka_unit_test(test_norm_drop__mark),
        cmocka_unit_test(test_norm_drop__duplicates),
        cmocka_unit_test(test_norm_drop__notes),
        cmocka_unit_test(test_norm_drop__custom_patterns),
    };

    return cmocka_run_group_tests_name("norm_drop", tests, NULL, NULL);
}
