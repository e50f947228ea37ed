/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the ordered pool: output order equals submission order
 * whatever the work time, errors stop it, every job is handed back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <cmocka.h>

#include "base/alloc.h"
#include "base/pool.h"
#include "sverka/errors.h"

typedef struct job {
    int seq;
    int result;
} job;

typedef struct sink {
    int next_expected;
    int written;
    int out_of_order;
    int fail_at;       /* work fails on this seq (-1: never) */
    int workers_inited;
    int workers_fini;
} sink;

static int work(void *j, void *worker_state, void *payload)
{
    job *jb = j;
    sink *s = payload;
    struct timespec ts = {0, (long)((jb->seq * 7919) % 13) * 20000L};

    (void)worker_state;
    nanosleep(&ts, NULL); /* uneven work times shuffle completion order */
    if (jb->seq == s->fail_at)
        return SV_EFORMAT;
    jb->result = jb->seq * 2;
    return 0;
}

static int write_job(void *j, int status, void *payload)
{
    job *jb = j;
    sink *s = payload;

    if (status == 0) {
        if (jb->seq != s->next_expected || jb->result != jb->seq * 2)
            s->out_of_order++;
        s->next_expected++;
        s->written++;
    }
    sv__free(jb);
    return 0;
}

static int init_worker(void **st, void *payload)
{
    sink *s = payload;

    __atomic_fetch_add(&s->workers_inited, 1, __ATOMIC_SEQ_CST);
    *st = NULL;
    return 0;
}

static void fini_worker(void *st, void *payload)
{
    sink *s = payload;

    (void)st;
    __atomic_fetch_add(&s->workers_fini, 1, __ATOMIC_SEQ_CST);
}

static int run(unsigned threads, int n, sink *s)
{
    sv__pool_config cfg = {threads, 0, work, write_job, init_worker,
                           fini_worker, s};
    sv__pool *p = NULL;
    int i, rc = 0;

    assert_int_equal(sv__pool_new(&p, &cfg), 0);
    for (i = 0; i < n && rc == 0; i++) {
        job *j = sv__calloc(1, sizeof(*j));

        assert_non_null(j);
        j->seq = i;
        rc = sv__pool_submit(p, j);
    }
    if (rc == 0)
        rc = sv__pool_finish(p);
    sv__pool_free(p);
    return rc;
}

static void test_pool__inline_keeps_order(void **state)
{
    sink s = {0, 0, 0, -1, 0, 0};

    (void)state;
    assert_int_equal(run(1, 100, &s), 0);
    assert_int_equal(s.written, 100);
    assert_int_equal(s.out_of_order, 0);
    assert_int_equal(s.workers_inited, 1);
    assert_int_equal(s.workers_fini, 1);
}

static void test_pool__threads_keep_order(void **state)
{
    sink s = {0, 0, 0, -1, 0, 0};

    (void)state;
    assert_int_equal(run(4, 2000, &s), 0);
    assert_int_equal(s.written, 2000);
    assert_int_equal(s.out_of_order, 0);
    assert_int_equal(s.workers_inited, 4);
    assert_int_equal(s.workers_fini, 4);
}

static void test_pool__error_stops_and_is_returned(void **state)
{
    sink s = {0, 0, 0, 37, 0, 0};

    (void)state;
    assert_int_equal(run(3, 500, &s), SV_EFORMAT);
    /* Everything before the failing job was written, in order. */
    assert_true(s.written >= 37);
    assert_true(s.written < 500);
    assert_int_equal(s.out_of_order, 0);
}

static void test_pool__inline_error(void **state)
{
    sink s = {0, 0, 0, 5, 0, 0};

    (void)state;
    assert_int_equal(run(0, 50, &s), SV_EFORMAT);
    assert_int_equal(s.written, 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pool__inline_keeps_order),
        cmocka_unit_test(test_pool__threads_keep_order),
        cmocka_unit_test(test_pool__error_stops_and_is_returned),
        cmocka_unit_test(test_pool__inline_error),
    };
    return cmocka_run_group_tests_name("pool", tests, NULL, NULL);
}
