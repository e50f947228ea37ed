/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for edit lists: offset mapping both ways, merging, and
 * composition of two steps checked against random transformations.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/buf_internal.h"
#include "base/edits.h"
#include "sverka/errors.h"

/* A replacement to apply to a string. */
typedef struct repl {
    size_t start, end;
    const char *with;
} repl;

/* Apply sorted, non-overlapping replacements; record edits. */
static void apply(const char *in, size_t in_len, const repl *r, size_t n,
                  sv_buf *out, sv__editlist *edits, const char *step)
{
    size_t pos = 0, i;

    for (i = 0; i < n; i++) {
        size_t out_start;

        assert_int_equal(sv_buf_put(out, in + pos, r[i].start - pos), SV_OK);
        out_start = out->size;
        assert_int_equal(sv__buf_puts(out, r[i].with), SV_OK);
        assert_int_equal(sv__editlist_add(edits, r[i].start, r[i].end,
                                          out_start, out->size, step),
                         SV_OK);
        pos = r[i].end;
    }
    assert_int_equal(sv_buf_put(out, in + pos, in_len - pos), SV_OK);
}

/* Rebuild `out` from `in` using only the edit list: proves that every byte
 * outside the edits is the identity and the edits cover every change. */
static void check_consistent(const char *in, size_t in_len, const char *out,
                             size_t out_len, const sv__editlist *l)
{
    sv_buf re = SV_BUF_INIT;
    size_t pos = 0, opos = 0, i;

    for (i = 0; i < l->count; i++) {
        const sv__edit *e = &l->items[i];

        assert_true(e->in_start >= pos);
        assert_int_equal(e->in_start - pos, e->out_start - opos);
        sv_buf_put(&re, in + pos, e->in_start - pos);
        sv_buf_put(&re, out + e->out_start, e->out_end - e->out_start);
        pos = e->in_end;
        opos = e->out_end;
    }
    assert_int_equal(in_len - pos, out_len - opos);
    sv_buf_put(&re, in + pos, in_len - pos);
    assert_int_equal(re.size, out_len);
    assert_memory_equal(re.ptr, out, out_len);
    sv_buf_dispose(&re);
}

static void test_edits__map_back_and_forward(void **state)
{
    const char *in = "a  b\xC2\xAD" "c";
    repl r[] = {{1, 3, " "}, {4, 6, ""}};
    sv_buf out = SV_BUF_INIT;
    sv__editlist l = SV__EDITLIST_INIT;

    (void)state;
    apply(in, strlen(in), r, 2, &out, &l, "spaces");
    assert_string_equal(out.ptr, "a bc");
    /* "b" is at output 2, input 3; "c" at output 3, input 6. */
    assert_int_equal(sv__editlist_map_back(&l, 2), 3);
    assert_int_equal(sv__editlist_map_back(&l, 3), 4);
    assert_int_equal(sv__editlist_map_back_end(&l, 3), 6);
    assert_int_equal(sv__editlist_map_back(&l, 4), 7);
    assert_int_equal(sv__editlist_map_back(&l, 0), 0);
    assert_int_equal(sv__editlist_map_forward(&l, 6), 3);
    assert_int_equal(sv__editlist_map_forward(&l, 3), 2);
    /* Inside a replaced range maps to the replacement's start. */
    assert_int_equal(sv__editlist_map_forward(&l, 2), 1);
    check_consistent(in, strlen(in), out.ptr, out.size, &l);
    sv__editlist_dispose(&l);
    sv_buf_dispose(&out);
}

static void test_edits__touching_edits_of_one_step_merge(void **state)
{
    sv__editlist l = SV__EDITLIST_INIT;

    (void)state;
    assert_int_equal(sv__editlist_add(&l, 0, 1, 0, 2, "a"), SV_OK);
    assert_int_equal(sv__editlist_add(&l, 1, 2, 2, 3, "a"), SV_OK);
    assert_int_equal(sv__editlist_add(&l, 2, 3, 3, 3, "b"), SV_OK);
    assert_int_equal(sv__editlist_add(&l, 5, 5, 5, 5, "b"), SV_OK); /* no-op */
    assert_int_equal(l.count, 2);
    assert_int_equal(l.items[0].in_end, 2);
    assert_int_equal(l.items[0].out_end, 3);
    sv__editlist_dispose(&l);
}

static void test_edits__compose_two_steps(void **state)
{
    const char *x = "He said\xC2\xA0\xC2\xA0hi.Then";
    repl r1[] = {{7, 11, " "}};       /* two NBSP -> one space */
    repl r2[] = {{11, 11, " "}};      /* glued: insert after "hi." */
    sv_buf y = SV_BUF_INIT, z = SV_BUF_INIT;
    sv__editlist l1 = SV__EDITLIST_INIT, l2 = SV__EDITLIST_INIT,
                 lc = SV__EDITLIST_INIT;

    (void)state;
    apply(x, strlen(x), r1, 1, &y, &l1, "spaces");
    assert_string_equal(y.ptr, "He said hi.Then");
    apply(y.ptr, y.size, r2, 1, &z, &l2, "glued");
    assert_string_equal(z.ptr, "He said hi. Then");
    assert_int_equal(sv__editlist_compose(&lc, &l1, &l2), SV_OK);
    assert_int_equal(lc.count, 2);
    assert_string_equal(lc.items[0].step, "spaces");
    assert_string_equal(lc.items[1].step, "glued");
    assert_int_equal(lc.items[1].in_start, 14); /* before "Then" in x */
    check_consistent(x, strlen(x), z.ptr, z.size, &lc);
    /* "Then" in z (12) maps back to x (14). */
    assert_int_equal(sv__editlist_map_back(&lc, 12), 14);
    sv__editlist_dispose(&l1);
    sv__editlist_dispose(&l2);
    sv__editlist_dispose(&lc);
    sv_buf_dispose(&y);
    sv_buf_dispose(&z);
}

/* Small deterministic generator (rand_r is not C11). */
static unsigned next_rand(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 16) & 0x7fff;
}

/* Random replacements over a string of length len. */
static size_t random_repls(repl *r, size_t max, size_t len, unsigned *seed)
{
    static const char *with[] = {"", "X", "YY", "ZZZ"};
    size_t n = 0, pos = 0;

    while (n < max && pos <= len) {
        size_t start = pos + (size_t)(next_rand(seed) % 4);
        size_t span = (size_t)(next_rand(seed) % 3);

        if (start > len)
            break;
        if (start + span > len)
            span = len - start;
        r[n].start = start;
        r[n].end = start + span;
        r[n].with = with[next_rand(seed) % 4];
        n++;
        pos = start + span + 1;
    }
    return n;
}

static void test_edits__compose_matches_random_pipelines(void **state)
{
    unsigned seed = 12345;
    int round;

    (void)state;
    for (round = 0; round < 2000; round++) {
        char x[40];
        size_t len = (size_t)(next_rand(&seed) % 30), i, n1, n2;
        repl r1[32], r2[32];
        sv_buf y = SV_BUF_INIT, z = SV_BUF_INIT;
        sv__editlist l1 = SV__EDITLIST_INIT, l2 = SV__EDITLIST_INIT,
                     lc = SV__EDITLIST_INIT;

        for (i = 0; i < len; i++)
            x[i] = (char)('a' + next_rand(&seed) % 26);
        n1 = random_repls(r1, 32, len, &seed);
        apply(x, len, r1, n1, &y, &l1, "one");
        n2 = random_repls(r2, 32, y.size, &seed);
        apply(y.ptr ? y.ptr : "", y.size, r2, n2, &z, &l2, "two");
        assert_int_equal(sv__editlist_compose(&lc, &l1, &l2), SV_OK);
        check_consistent(x, len, z.ptr ? z.ptr : "", z.size, &lc);
        /* Every output offset maps back inside the input. */
        for (i = 0; i <= z.size; i++)
            assert_true(sv__editlist_map_back(&lc, i) <= len);
        sv__editlist_dispose(&l1);
        sv__editlist_dispose(&l2);
        sv__editlist_dispose(&lc);
        sv_buf_dispose(&y);
        sv_buf_dispose(&z);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edits__map_back_and_forward),
        cmocka_unit_test(test_edits__touching_edits_of_one_step_merge),
        cmocka_unit_test(test_edits__compose_two_steps),
        cmocka_unit_test(test_edits__compose_matches_random_pipelines),
    };
    return cmocka_run_group_tests_name("edits", tests, NULL, NULL);
}
