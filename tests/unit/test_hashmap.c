/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the hash map: insert, overwrite, growth, iteration,
 * binary keys, clear.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "base/alloc.h"
#include "base/hashmap.h"
#include "sverka/errors.h"

static void test_hashmap__put_get_overwrite(void **state)
{
    sv__hashmap *m = sv__hashmap_new(0);
    uint64_t v = 0;

    (void)state;
    assert_non_null(m);
    assert_int_equal(sv__hashmap_put(m, "переговоры", strlen("переговоры"), 7),
                     SV_OK);
    assert_int_equal(sv__hashmap_get(m, "переговоры", strlen("переговоры"), &v),
                     1);
    assert_int_equal(v, 7);
    assert_int_equal(sv__hashmap_put(m, "переговоры", strlen("переговоры"), 9),
                     SV_OK);
    assert_int_equal(sv__hashmap_get(m, "переговоры", strlen("переговоры"), &v),
                     1);
    assert_int_equal(v, 9);
    assert_int_equal(sv__hashmap_count(m), 1);
    assert_int_equal(sv__hashmap_get(m, "переговор", strlen("переговор"), NULL),
                     0);
    sv__hashmap_free(m);
    sv__hashmap_free(NULL);
}

static void test_hashmap__grows_to_many_keys(void **state)
{
    sv__hashmap *m = sv__hashmap_new(4);
    char key[32];
    int i;

    (void)state;
    for (i = 0; i < 50000; i++) {
        int n = snprintf(key, sizeof(key), "word%d", i);

        assert_int_equal(sv__hashmap_put(m, key, (size_t)n, (uint64_t)i), SV_OK);
    }
    assert_int_equal(sv__hashmap_count(m), 50000);
    for (i = 0; i < 50000; i += 997) {
        uint64_t v;
        int n = snprintf(key, sizeof(key), "word%d", i);

        assert_int_equal(sv__hashmap_get(m, key, (size_t)n, &v), 1);
        assert_int_equal(v, (uint64_t)i);
    }
    sv__hashmap_free(m);
}

static void test_hashmap__binary_and_empty_keys(void **state)
{
    sv__hashmap *m = sv__hashmap_new(8);
    uint64_t v;

    (void)state;
    assert_int_equal(sv__hashmap_put(m, "a\0b", 3, 1), SV_OK);
    assert_int_equal(sv__hashmap_put(m, "a\0c", 3, 2), SV_OK);
    assert_int_equal(sv__hashmap_put(m, "", 0, 3), SV_OK);
    assert_int_equal(sv__hashmap_get(m, "a\0c", 3, &v), 1);
    assert_int_equal(v, 2);
    assert_int_equal(sv__hashmap_get(m, "", 0, &v), 1);
    assert_int_equal(v, 3);
    assert_int_equal(sv__hashmap_get(m, "a", 1, &v), 0);
    sv__hashmap_free(m);
}

static void test_hashmap__iterate_and_clear(void **state)
{
    sv__hashmap *m = sv__hashmap_new(8);
    size_t it = 0, seen = 0;
    const char *k;
    size_t kl;
    uint64_t v, sum = 0;

    (void)state;
    sv__hashmap_put(m, "one", 3, 1);
    sv__hashmap_put(m, "two", 3, 2);
    sv__hashmap_put(m, "three", 5, 3);
    while (sv__hashmap_next(m, &it, &k, &kl, &v)) {
        assert_int_equal(strlen(k), kl); /* keys are NUL-terminated copies */
        sum += v;
        seen++;
    }
    assert_int_equal(seen, 3);
    assert_int_equal(sum, 6);
    sv__hashmap_clear(m);
    assert_int_equal(sv__hashmap_count(m), 0);
    assert_int_equal(sv__hashmap_get(m, "one", 3, NULL), 0);
    assert_int_equal(sv__hashmap_put(m, "one", 3, 5), SV_OK);
    assert_int_equal(sv__hashmap_get(m, "one", 3, &v), 1);
    assert_int_equal(v, 5);
    sv__hashmap_free(m);
}

static void test_hashmap__oom_sweep(void **state)
{
    unsigned long n;

    (void)state;
    /* Fail each allocation in turn: no crash, no leak, a clean code. */
    for (n = 1; n < 40; n++) {
        sv__hashmap *m;
        int i, rc = SV_OK;
        char key[16];

        sv__alloc_fail_after(n);
        m = sv__hashmap_new(2);
        if (m) {
            for (i = 0; i < 100 && rc == SV_OK; i++) {
                int len = snprintf(key, sizeof(key), "k%d", i);

                rc = sv__hashmap_put(m, key, (size_t)len, (uint64_t)i);
            }
            assert_true(rc == SV_OK || rc == SV_ENOMEM);
        }
        sv__alloc_fail_after(0);
        sv__hashmap_free(m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hashmap__put_get_overwrite),
        cmocka_unit_test(test_hashmap__grows_to_many_keys),
        cmocka_unit_test(test_hashmap__binary_and_empty_keys),
        cmocka_unit_test(test_hashmap__iterate_and_clear),
        cmocka_unit_test(test_hashmap__oom_sweep),
    };
    return cmocka_run_group_tests_name("hashmap", tests, NULL, NULL);
}
