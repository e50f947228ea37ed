/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for sv_buf: growth, NUL termination, reuse, OOM behaviour.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/alloc.h"
#include "base/buf_internal.h"
#include "sverka/errors.h"

static void test_buf__starts_empty_and_dispose_is_idempotent(void **state)
{
    sv_buf b = SV_BUF_INIT;

    (void)state;
    assert_null(b.ptr);
    sv_buf_dispose(&b);
    sv_buf_dispose(&b);
    sv_buf_dispose(NULL);
    sv_buf_clear(NULL);
    assert_null(b.ptr);
    assert_int_equal(b.size, 0);
}

static void test_buf__put_appends_and_terminates(void **state)
{
    sv_buf b = SV_BUF_INIT;

    (void)state;
    assert_int_equal(sv_buf_put(&b, "abc", 3), SV_OK);
    assert_int_equal(sv_buf_put(&b, "Привет", strlen("Привет")), SV_OK);
    assert_int_equal(b.size, 3 + 12);
    assert_string_equal(b.ptr, "abcПривет");
    assert_int_equal(sv_buf_put(&b, NULL, 0), SV_OK);
    assert_int_equal(b.ptr[b.size], '\0');
    assert_int_equal(sv_buf_put(NULL, "x", 1), SV_EINVAL);
    sv_buf_dispose(&b);
}

static void test_buf__grows_across_many_appends(void **state)
{
    sv_buf b = SV_BUF_INIT;
    size_t i;

    (void)state;
    for (i = 0; i < 100000; i++)
        assert_int_equal(sv__buf_putc(&b, (char)('a' + i % 26)), SV_OK);
    assert_int_equal(b.size, 100000);
    assert_true(b.asize > b.size);
    assert_int_equal(b.ptr[25], 'z');
    assert_int_equal(b.ptr[100000], '\0');
    sv_buf_dispose(&b);
}

static void test_buf__clear_keeps_memory_for_reuse(void **state)
{
    sv_buf b = SV_BUF_INIT;
    char *before;

    (void)state;
    assert_int_equal(sv__buf_puts(&b, "some text"), SV_OK);
    before = b.ptr;
    sv_buf_clear(&b);
    assert_int_equal(b.size, 0);
    assert_string_equal(b.ptr, "");
    assert_int_equal(sv__buf_puts(&b, "x"), SV_OK);
    assert_ptr_equal(b.ptr, before);
    sv_buf_dispose(&b);
}

static void test_buf__printf_and_truncate(void **state)
{
    sv_buf b = SV_BUF_INIT;

    (void)state;
    assert_int_equal(sv__buf_printf(&b, "%s:%zu:%d", "file.txt", (size_t)12, 7),
                     SV_OK);
    assert_string_equal(b.ptr, "file.txt:12:7");
    sv__buf_truncate(&b, 8);
    assert_string_equal(b.ptr, "file.txt");
    sv__buf_truncate(&b, 100);
    assert_string_equal(b.ptr, "file.txt");
    sv_buf_dispose(&b);
}

static void test_buf__oom_leaves_buffer_intact(void **state)
{
    sv_buf b = SV_BUF_INIT;

    (void)state;
    assert_int_equal(sv__buf_puts(&b, "keep"), SV_OK);
    sv__alloc_fail_after(1);
    assert_int_equal(sv_buf_put(&b, "x", 100000), SV_ENOMEM);
    sv__alloc_fail_after(0);
    assert_string_equal(b.ptr, "keep");
    assert_int_equal(b.size, 4);
    sv_buf_dispose(&b);
}

static void test_buf__swap(void **state)
{
    sv_buf a = SV_BUF_INIT, b = SV_BUF_INIT;

    (void)state;
    assert_int_equal(sv__buf_puts(&a, "first"), SV_OK);
    sv__buf_swap(&a, &b);
    assert_null(a.ptr);
    assert_string_equal(b.ptr, "first");
    sv_buf_dispose(&a);
    sv_buf_dispose(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf__starts_empty_and_dispose_is_idempotent),
        cmocka_unit_test(test_buf__put_appends_and_terminates),
        cmocka_unit_test(test_buf__grows_across_many_appends),
        cmocka_unit_test(test_buf__clear_keeps_memory_for_reuse),
        cmocka_unit_test(test_buf__printf_and_truncate),
        cmocka_unit_test(test_buf__oom_leaves_buffer_intact),
        cmocka_unit_test(test_buf__swap),
    };
    return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
