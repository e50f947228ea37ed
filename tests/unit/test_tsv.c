/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the TSV writer and row parser: escapes both ways, CRLF,
 * empty fields, lenient handling of unknown escapes, and a round trip of
 * awkward fields.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/alloc.h"
#include "sverka/io.h"

static void test_tsv__field_escapes(void **state)
{
    sv_buf out = SV_BUF_INIT;
    static const char in[] = "a\tb\nc\\d\re ё";

    (void)state;
    assert_int_equal(sv_tsv_append_field(&out, in, sizeof(in) - 1), SV_OK);
    assert_string_equal(out.ptr, "a\\tb\\nc\\\\d\\re ё");
    sv_buf_clear(&out);
    assert_int_equal(sv_tsv_append_field(&out, NULL, 0), SV_OK);
    assert_non_null(out.ptr);
    assert_string_equal(out.ptr, "");
    sv_buf_dispose(&out);
}

static void test_tsv__row_writer(void **state)
{
    const char *f[] = {"ru", "en\tx", ""};
    size_t l[] = {2, 4, 0};
    sv_buf out = SV_BUF_INIT;

    (void)state;
    assert_int_equal(sv_tsv_append_row(&out, f, l, 3), SV_OK);
    assert_int_equal(sv_tsv_append_row(&out, NULL, NULL, 0), SV_OK);
    assert_string_equal(out.ptr, "ru\ten\\tx\t\n\n");
    sv_buf_dispose(&out);
}

static void test_tsv__parse_splits_and_unescapes(void **state)
{
    sv_tsv_row *row = NULL;
    static const char line[] = "Песков\\tсказал\tPeskov said\\n\t\tend\\\\";
    size_t len;

    (void)state;
    assert_int_equal(sv_tsv_row_new(&row, NULL), SV_OK);
    assert_int_equal(sv_tsv_row_count(row), 0);
    assert_int_equal(sv_tsv_row_parse(row, line, sizeof(line) - 1), SV_OK);
    assert_int_equal(sv_tsv_row_count(row), 4);
    assert_string_equal(sv_tsv_row_field(row, 0, &len), "Песков\tсказал");
    assert_int_equal(len, strlen("Песков\tсказал"));
    assert_string_equal(sv_tsv_row_field(row, 1, NULL), "Peskov said\n");
    assert_string_equal(sv_tsv_row_field(row, 2, &len), "");
    assert_int_equal(len, 0);
    assert_string_equal(sv_tsv_row_field(row, 3, NULL), "end\\");
    assert_null(sv_tsv_row_field(row, 4, &len));
    assert_int_equal(len, 0);
    sv_tsv_row_free(row);
    sv_tsv_row_free(NULL);
}

static void test_tsv__parse_edge_cases(void **state)
{
    sv_tsv_row *row = NULL;

    (void)state;
    assert_int_equal(sv_tsv_row_new(&row, NULL), SV_OK);
    /* An empty line is one empty field. */
    assert_int_equal(sv_tsv_row_parse(row, "", 0), SV_OK);
    assert_int_equal(sv_tsv_row_count(row), 1);
    assert_string_equal(sv_tsv_row_field(row, 0, NULL), "");
    /* CRLF: the final CR is the line ending; an escaped one is data. */
    assert_int_equal(sv_tsv_row_parse(row, "a\tb\r", 4), SV_OK);
    assert_int_equal(sv_tsv_row_count(row), 2);
    assert_string_equal(sv_tsv_row_field(row, 1, NULL), "b");
    assert_int_equal(sv_tsv_row_parse(row, "a\\r", 3), SV_OK);
    assert_string_equal(sv_tsv_row_field(row, 0, NULL), "a\r");
    /* Unknown escapes and a trailing backslash are kept. */
    assert_int_equal(sv_tsv_row_parse(row, "\\x\\", 3), SV_OK);
    assert_string_equal(sv_tsv_row_field(row, 0, NULL), "\\x\\");
    /* Trailing tab: a last empty field. */
    assert_int_equal(sv_tsv_row_parse(row, "a\t", 2), SV_OK);
    assert_int_equal(sv_tsv_row_count(row), 2);
    sv_tsv_row_free(row);
}

static void test_tsv__round_trip(void **state)
{
    const char *f[] = {"\\t is not a tab", "tab\there", "nl\nnl", "\\",
                       "cr\r", "", "nul\0x"};
    size_t l[] = {15, 8, 5, 1, 3, 0, 5};
    sv_buf out = SV_BUF_INIT;
    sv_tsv_row *row = NULL;
    size_t i, len;

    (void)state;
    assert_int_equal(sv_tsv_append_row(&out, f, l, 7), SV_OK);
    assert_int_equal(out.ptr[out.size - 1], '\n');
    assert_null(memchr(out.ptr, '\n', out.size - 1));
    assert_int_equal(sv_tsv_row_new(&row, NULL), SV_OK);
    assert_int_equal(sv_tsv_row_parse(row, out.ptr, out.size - 1), SV_OK);
    assert_int_equal(sv_tsv_row_count(row), 7);
    for (i = 0; i < 7; i++) {
        const char *got = sv_tsv_row_field(row, i, &len);

        assert_int_equal(len, l[i]);
        assert_memory_equal(got, f[i], l[i]);
    }
    sv_tsv_row_free(row);
    sv_buf_dispose(&out);
}

static void test_tsv__oom(void **state)
{
    unsigned long n;
    int ok = 0;

    (void)state;
    for (n = 1; n < 50 && !ok; n++) {
        sv_tsv_row *row = NULL;
        int rc;

        sv__alloc_fail_after(n);
        rc = sv_tsv_row_new(&row, NULL);
        if (rc == SV_OK)
            rc = sv_tsv_row_parse(row, "a\tb\tc\td\te\tf\tg\th\ti\tj", 19);
        sv__alloc_fail_after(0);
        assert_true(rc == SV_OK || rc == SV_ENOMEM);
        ok = rc == SV_OK && sv_tsv_row_count(row) == 10;
        sv_tsv_row_free(row);
    }
    assert_true(ok);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tsv__field_escapes),
        cmocka_unit_test(test_tsv__row_writer),
        cmocka_unit_test(test_tsv__parse_splits_and_unescapes),
        cmocka_unit_test(test_tsv__parse_edge_cases),
        cmocka_unit_test(test_tsv__round_trip),
        cmocka_unit_test(test_tsv__oom),
    };

    return cmocka_run_group_tests_name("tsv", tests, NULL, NULL);
}
