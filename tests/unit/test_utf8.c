/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for UTF-8 decoding with maximal-subpart replacement, every
 * class of invalid input, and the streaming tail rule.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/utf8.h"
#include "sverka/errors.h"

#define FFFD "\xEF\xBF\xBD"

/* Sanitize s and compare with expected; check the replacement count. */
static void check_sanitize(const char *s, size_t len, const char *expected,
                           size_t expected_count, size_t expected_first)
{
    sv_buf out = SV_BUF_INIT;
    size_t count = 99, first = 99;

    assert_int_equal(sv__utf8_sanitize(&out, s, len, &count, &first), SV_OK);
    assert_non_null(out.ptr);
    assert_string_equal(out.ptr, expected);
    assert_int_equal(count, expected_count);
    assert_int_equal(first, expected_first);
    /* The output is always valid. */
    assert_int_equal(sv__utf8_valid_prefix(out.ptr, out.size), out.size);
    sv_buf_dispose(&out);
}

static void test_utf8__valid_text_is_unchanged(void **state)
{
    const char *s = "Песков said “yes” — 漢字 𝄞 ok";

    (void)state;
    check_sanitize(s, strlen(s), s, 0, SIZE_MAX);
    check_sanitize("", 0, "", 0, SIZE_MAX);
}

static void test_utf8__decodes_each_length(void **state)
{
    int32_t cp;

    (void)state;
    assert_int_equal(sv__utf8_decode((const unsigned char *)"A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(sv__utf8_decode((const unsigned char *)"П", 2, &cp), 2);
    assert_int_equal(cp, 0x41F);
    assert_int_equal(sv__utf8_decode((const unsigned char *)"ー", 3, &cp), 3);
    assert_int_equal(cp, 0x30FC);
    assert_int_equal(sv__utf8_decode((const unsigned char *)"𝄞", 4, &cp), 4);
    assert_int_equal(cp, 0x1D11E);
}

static void test_utf8__overlong_forms_are_replaced(void **state)
{
    (void)state;
    /* C0 80 is an overlong NUL: two invalid bytes, two replacements. */
    check_sanitize("a\xC0\x80z", 4, "a" FFFD FFFD "z", 2, 1);
    /* E0 80 80: E0 cannot take 80 as its second byte. */
    check_sanitize("\xE0\x80\x80", 3, FFFD FFFD FFFD, 3, 0);
    /* F0 80 80 80: overlong 4-byte. */
    check_sanitize("\xF0\x80\x80\x80", 4, FFFD FFFD FFFD FFFD, 4, 0);
}

static void test_utf8__surrogates_are_replaced(void **state)
{
    (void)state;
    /* ED A0 80 encodes U+D800: ED A0 is not a valid prefix. */
    check_sanitize("x\xED\xA0\x80y", 5, "x" FFFD FFFD FFFD "y", 3, 1);
}

static void test_utf8__truncated_sequences(void **state)
{
    (void)state;
    /* A valid prefix cut short is one maximal subpart: one U+FFFD. */
    check_sanitize("ab\xE2\x80", 4, "ab" FFFD, 1, 2);
    check_sanitize("\xF0\x9F\x98", 3, FFFD, 1, 0);
    check_sanitize("\xD0", 1, FFFD, 1, 0);
    /* Truncated followed by ASCII. */
    check_sanitize("\xE2\x80x", 3, FFFD "x", 1, 0);
}

static void test_utf8__five_and_six_byte_forms(void **state)
{
    (void)state;
    /* F8..FD leads never start a sequence: each byte is one U+FFFD. */
    check_sanitize("\xF8\x88\x80\x80\x80", 5, FFFD FFFD FFFD FFFD FFFD, 5, 0);
    check_sanitize("\xFC\x84\x80\x80\x80\x80", 6,
                   FFFD FFFD FFFD FFFD FFFD FFFD, 6, 0);
    check_sanitize("\xFE\xFF", 2, FFFD FFFD, 2, 0);
}

static void test_utf8__lone_continuation_and_above_max(void **state)
{
    (void)state;
    check_sanitize("\x80\xBF", 2, FFFD FFFD, 2, 0);
    /* F4 90 ... is above U+10FFFF. */
    check_sanitize("\xF4\x90\x80\x80", 4, FFFD FFFD FFFD FFFD, 4, 0);
}

static void test_utf8__valid_prefix_stops_at_first_error(void **state)
{
    const char s[] = "Москва\xD0";

    (void)state;
    assert_int_equal(sv__utf8_valid_prefix(s, sizeof(s) - 1), 12);
    assert_int_equal(sv__utf8_valid_prefix("abcdefghijklmnop", 16), 16);
}

static void test_utf8__incomplete_tail_for_streaming(void **state)
{
    (void)state;
    assert_int_equal(sv__utf8_incomplete_tail("ab", 2), 0);
    assert_int_equal(sv__utf8_incomplete_tail("a\xD0", 2), 1);
    assert_int_equal(sv__utf8_incomplete_tail("a\xE2\x80", 3), 2);
    assert_int_equal(sv__utf8_incomplete_tail("\xF0\x9F\x98", 3), 3);
    /* Complete sequence: nothing to hold back. */
    assert_int_equal(sv__utf8_incomplete_tail("П", 2), 0);
    /* Already invalid: hold back nothing, the decoder will replace it. */
    assert_int_equal(sv__utf8_incomplete_tail("a\xC0", 2), 0);
    assert_int_equal(sv__utf8_incomplete_tail("\xE0\x80", 2), 0);
}

static void test_utf8__encode_round_trip(void **state)
{
    uint32_t cps[] = {0x41, 0x7FF, 0x800, 0x41F, 0xFFFD, 0x10000, 0x10FFFF};
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
        char buf[4];
        int32_t back;
        size_t n = sv__utf8_encode(cps[i], buf);

        assert_true(n >= 1);
        assert_int_equal(sv__utf8_decode((unsigned char *)buf, n, &back), n);
        assert_int_equal((uint32_t)back, cps[i]);
    }
    {
        char buf[4];

        assert_int_equal(sv__utf8_encode(0xD800, buf), 0);
        assert_int_equal(sv__utf8_encode(0x110000, buf), 0);
    }
}

static void test_utf8__count_code_points(void **state)
{
    (void)state;
    assert_int_equal(sv__utf8_count_cp("Путин ok", strlen("Путин ok")), 8);
    assert_int_equal(sv__utf8_count_cp("\xC0\x80", 2), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8__valid_text_is_unchanged),
        cmocka_unit_test(test_utf8__decodes_each_length),
        cmocka_unit_test(test_utf8__overlong_forms_are_replaced),
        cmocka_unit_test(test_utf8__surrogates_are_replaced),
        cmocka_unit_test(test_utf8__truncated_sequences),
        cmocka_unit_test(test_utf8__five_and_six_byte_forms),
        cmocka_unit_test(test_utf8__lone_continuation_and_above_max),
        cmocka_unit_test(test_utf8__valid_prefix_stops_at_first_error),
        cmocka_unit_test(test_utf8__incomplete_tail_for_streaming),
        cmocka_unit_test(test_utf8__encode_round_trip),
        cmocka_unit_test(test_utf8__count_code_points),
    };
    return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
