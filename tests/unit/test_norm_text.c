/* SPDX-License-Identifier: MIT */
/*
 * Edge cases of the character-level steps: controls, entities, unicode and
 * spaces, each run alone, with the exact edits they report.
 */
#include "norm_helpers.h"

/* Run one step and return its single result for inspection. */
static void run_one(unsigned int step, const char *in, sv_buf *out,
                    sv_normalize_result *res)
{
    sv_normalize_options o = SV_NORMALIZE_OPTIONS_INIT;

    o.steps = step | SV_STEP_DECODE;
    norm_run_opts(&o, NULL, NULL, in, out, res);
}

static void test_norm_text__controls_edits(void **state)
{
    sv_normalize_result res = SV_NORMALIZE_RESULT_INIT;
    sv_buf out = SV_BUF_INIT;

    (void)state;
    /* a CRLF is one edit of two bytes; two deletions apart are two edits */
    run_one(SV_STEP_CONTROLS, "a\r\nb\xC2\xAD" "c\x01" "d", &out, &res);
    assert_string_equal(out.ptr, "a\nbcd");
    assert_int_equal(res.edit_count, 3);
    assert_int_equal(res.edits[0].in_start, 1);
    assert_int_equal(res.edits[0].in_end, 3);
    assert_int_equal(res.edits[0].out_end - res.edits[0].out_start, 1);
    assert_int_equal(res.edits[1].in_end - res.edits[1].in_start, 2);
    assert_int_equal(res.edits[1].out_end, res.edits[1].out_start);
    assert_string_equal(res.edits[2].step, "controls");
    /* adjacent deletions merge into one edit */
    run_one(SV_STEP_CONTROLS, "x\xE2\x80\x8B\xE2\x80\x8B\xC2\xADy", &out,
            &res);
    assert_string_equal(out.ptr, "xy");
    assert_int_equal(res.edit_count, 1);
    assert_int_equal(res.edits[0].in_end - res.edits[0].in_start, 8);
    sv_buf_dispose(&out);
    sv_normalize_result_dispose(&res);
}

static void test_norm_text__controls_joiners(void **state)
{
    (void)state;
    /* ZWJ at the very start and end carries nothing */
    NORM_EQ(SV_STEP_CONTROLS, "\xE2\x80\x8D" "abc\xE2\x80\x8D", "abc");
    /* between two Devanagari letters it shapes a conjunct: kept */
    NORM_SAME(SV_STEP_CONTROLS, "\xE0\xA4\x95\xE2\x80\x8D\xE0\xA4\xB7");
    /* lone CR at the end */
    NORM_EQ(SV_STEP_CONTROLS, "end\r", "end\n");
    /* a long run of plain ASCII with one control far inside (the
     * eight-byte skip must not jump over it) */
    NORM_EQ(SV_STEP_CONTROLS, "0123456789abcdefghij\x02klmnop",
            "0123456789abcdefghijklmnop");
    NORM_EQ(SV_STEP_CONTROLS, "0123456\x7f", "0123456");
}

static void test_norm_text__entities(void **state)
{
    (void)state;
    NORM_EQ(SV_STEP_ENTITIES, "&#128512;", "\xF0\x9F\x98\x80");
    NORM_EQ(SV_STEP_ENTITIES, "&#xD800;", "\xEF\xBF\xBD");
    NORM_EQ(SV_STEP_ENTITIES, "&#x110000;", "\xEF\xBF\xBD");
    NORM_SAME(SV_STEP_ENTITIES, "&#123456789;"); /* too many digits */
    NORM_SAME(SV_STEP_ENTITIES, "&#x12G;");
    NORM_SAME(SV_STEP_ENTITIES, "&Amp;"); /* names are case-sensitive */
    NORM_EQ(SV_STEP_ENTITIES, "&zwnj;&AElig;&yen;", "\xE2\x80\x8C\xC3\x86\xC2\xA5");
    NORM_EQ(SV_STEP_ENTITIES, "&amp;amp;", "&amp;"); /* decoded once */
    NORM_SAME(SV_STEP_ENTITIES, "trailing &");
    NORM_SAME(SV_STEP_ENTITIES, "&verylongnamethatisnotanentityatallreally;");
}

static void test_norm_text__unicode(void **state)
{
    sv_normalize_result res = SV_NORMALIZE_RESULT_INIT;
    sv_buf out = SV_BUF_INIT;
    char big[4096];
    size_t i;

    (void)state;
    /* combining marks out of canonical order are reordered */
    NORM_EQ(SV_STEP_UNICODE, "a\xCC\x81\xCC\xA3", "\xE1\xBA\xA1\xCC\x81");
    /* a mark at the very start has nothing to compose with */
    NORM_SAME(SV_STEP_UNICODE, "\xCC\x81" "abc");
    /* non-BMP text passes through ICU unchanged */
    NORM_SAME(SV_STEP_UNICODE, "\xF0\x9F\x98\x80 ok");
    /* a span longer than the stack buffers: 1000 decomposed e-acutes */
    for (i = 0; i < 1000; i++)
        memcpy(big + 3 * i, "e\xCC\x81", 3);
    big[3000] = '\0';
    run_one(SV_STEP_UNICODE, big, &out, &res);
    assert_int_equal(out.size, 2000);
    assert_memory_equal(out.ptr, "\xC3\xA9\xC3\xA9", 4);
    /* only the changed span is an edit: "x" and "y" are outside it */
    run_one(SV_STEP_UNICODE, "x e\xCC\x81 y", &out, &res);
    assert_int_equal(res.edit_count, 1);
    assert_int_equal(res.edits[0].in_start, 2);
    assert_int_equal(res.edits[0].in_end, 5);
    assert_string_equal(res.edits[0].step, "unicode");
    sv_buf_dispose(&out);
    sv_normalize_result_dispose(&res);
}

static void test_norm_text__spaces(void **state)
{
    (void)state;
    NORM_EQ(SV_STEP_SPACES, "", "");
    NORM_EQ(SV_STEP_SPACES, "   ", "");
    NORM_EQ(SV_STEP_SPACES, "\n\n\n", "\n");
    NORM_EQ(SV_STEP_SPACES, "a\n\n\n", "a\n\n");
    /* runs that straddle the eight-byte blocks */
    NORM_EQ(SV_STEP_SPACES, "abcdefg  hijklmnop", "abcdefg hijklmnop");
    NORM_EQ(SV_STEP_SPACES, "abcdefgh  ijklmnop", "abcdefgh ijklmnop");
    NORM_EQ(SV_STEP_SPACES, "abcdefghijklmno \xC2\xA0p", "abcdefghijklmno p");
    /* indentation: plain spaces kept, odd ones mapped, width capped */
    NORM_SAME(SV_STEP_SPACES, "  two\n    four");
    NORM_EQ(SV_STEP_SPACES, "\xE3\x80\x80x", " x");
    /* a tab between words stays; a space run next to it collapses */
    NORM_EQ(SV_STEP_SPACES, "a  \tb", "a \tb");
    /* trailing mixed whitespace */
    NORM_EQ(SV_STEP_SPACES, "a \t\xC2\xA0 \nb", "a\nb");
    /* figure space between digits: a thousands separator */
    NORM_EQ(SV_STEP_SPACES, "1\xE2\x80\x87" "000", "1 000");
    /* characters that only look like spaces are not spaces */
    NORM_SAME(SV_STEP_SPACES, "a\xE2\x80\x8B" "b");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_norm_text__controls_edits),
        cmocka_unit_test(test_norm_text__controls_joiners),
        cmocka_unit_test(test_norm_text__entities),
        cmocka_unit_test(test_norm_text__unicode),
        cmocka_unit_test(test_norm_text__spaces),
    };

    return cmocka_run_group_tests_name("norm_text", tests, NULL, NULL);
}
