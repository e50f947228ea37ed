/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for status codes, sv_strerror and sv_error filling.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/error_internal.h"
#include "sverka/version.h"

static void test_errors__codes_are_stable(void **state)
{
    (void)state;
    /* Append-only: these values are part of the ABI. */
    assert_int_equal(SV_OK, 0);
    assert_int_equal(SV_ERROR, -1);
    assert_int_equal(SV_ENOMEM, -2);
    assert_int_equal(SV_EINVAL, -3);
    assert_int_equal(SV_EILSEQ, -4);
    assert_int_equal(SV_ETOOBIG, -5);
    assert_int_equal(SV_EIO, -6);
    assert_int_equal(SV_ENOTFOUND, -7);
    assert_int_equal(SV_EFORMAT, -8);
    assert_int_equal(SV_EUNSUPPORTED, -9);
    assert_int_equal(SV_EUSER, -10);
}

static void test_errors__strerror_never_null(void **state)
{
    int c;

    (void)state;
    for (c = -50; c <= 5; c++) {
        const char *s = sv_strerror(c);

        assert_non_null(s);
        assert_true(strlen(s) > 0);
    }
    assert_string_equal(sv_strerror(SV_ENOMEM), "out of memory");
    assert_string_equal(sv_strerror(12345), "unknown error");
}

static void test_errors__set_formats_one_line(void **state)
{
    sv_error err = SV_ERROR_INIT;

    (void)state;
    assert_int_equal(sv__error_set(&err, SV_EINVAL, "bad value %d\n", 7),
                     SV_EINVAL);
    assert_int_equal(err.code, SV_EINVAL);
    assert_string_equal(err.message, "bad value 7");
    assert_int_equal(sv__error_set(NULL, SV_EIO, "ignored"), SV_EIO);
}

static void test_errors__set_at_records_location(void **state)
{
    sv_error err = SV_ERROR_INIT;

    (void)state;
    sv__error_set_at(&err, SV_EILSEQ, 1043, 3, 17, "invalid UTF-8 at byte %d",
                     1043);
    assert_int_equal(err.byte_offset, 1043);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 17);
    assert_string_equal(err.message, "invalid UTF-8 at byte 1043");
    sv_error_clear(&err);
    assert_int_equal(err.code, SV_OK);
    assert_string_equal(err.message, "");
}

static void test_errors__long_message_is_truncated_safely(void **state)
{
    sv_error err = SV_ERROR_INIT;
    char big[1000];

    (void)state;
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    sv__error_set(&err, SV_ERROR, "%s", big);
    assert_int_equal(strlen(err.message), SV_ERROR_MESSAGE_SIZE - 1);
}

static void test_errors__oom_uses_static_text(void **state)
{
    sv_error err = SV_ERROR_INIT;

    (void)state;
    assert_int_equal(sv__error_oom(&err), SV_ENOMEM);
    assert_string_equal(err.message, "out of memory");
}

static void test_errors__version_matches_macros(void **state)
{
    (void)state;
    assert_string_equal(sv_version(), SV_VERSION_STRING);
    assert_int_equal(sv_version_number(), SV_VERSION_NUMBER);
    assert_true(SV_VERSION_AT_LEAST(0, 0, 1));
    assert_false(SV_VERSION_AT_LEAST(99, 0, 0));
    /* ICU 72 ships Unicode 15.0. */
    assert_true(strlen(sv_unicode_version()) >= 3);
    assert_non_null(strchr(sv_unicode_version(), '.'));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_errors__codes_are_stable),
        cmocka_unit_test(test_errors__strerror_never_null),
        cmocka_unit_test(test_errors__set_formats_one_line),
        cmocka_unit_test(test_errors__set_at_records_location),
        cmocka_unit_test(test_errors__long_message_is_truncated_safely),
        cmocka_unit_test(test_errors__oom_uses_static_text),
        cmocka_unit_test(test_errors__version_matches_macros),
    };
    return cmocka_run_group_tests_name("errors", tests, NULL, NULL);
}
