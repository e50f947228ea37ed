/* SPDX-License-Identifier: MIT */
/*
 * Shared helpers of the normalizer tests: run a normalizer with chosen
 * steps on a string, check the output and the edit-list invariant (the
 * edits rebuild the input from the output), and load resources when the
 * build tree has them.
 */
#ifndef SV_TESTS_NORM_HELPERS_H
#define SV_TESTS_NORM_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sverka/normalize.h"

/* Run opts on in; the output goes to out (caller disposes), the result to
 * res (caller disposes).  Asserts success and the invariant. */
static inline void norm_run_opts(const sv_normalize_options *opts,
                                 sv_context *ctx, const sv_resources *rs,
                                 const char *in, sv_buf *out,
                                 sv_normalize_result *res)
{
    sv_normalizer *n = NULL;
    sv_error err = SV_ERROR_INIT;

    assert_int_equal(sv_normalizer_new(&n, opts, rs, &err), SV_OK);
    assert_int_equal(sv_normalize_run(n, ctx, in, strlen(in), out, res, &err),
                     SV_OK);
    assert_true(sv_normalize_verify(in, strlen(in), out->ptr, out->size, res));
    sv_normalizer_free(n);
}

/* Run only the given steps (SV_STEP_* bits, decode always on). */
static inline char *norm_steps(unsigned int steps, const char *in)
{
    sv_normalize_options o = SV_NORMALIZE_OPTIONS_INIT;
    sv_normalize_result res = SV_NORMALIZE_RESULT_INIT;
    sv_buf out = SV_BUF_INIT;
    char *s;

    o.steps = steps | SV_STEP_DECODE;
    norm_run_opts(&o, NULL, NULL, in, &out, &res);
    s = malloc(out.size + 1);
    assert_non_null(s);
    memcpy(s, out.ptr ? out.ptr : "", out.size + 1);
    sv_buf_dispose(&out);
    sv_normalize_result_dispose(&res);
    return s;
}

/* Assert that steps turn in into expected. */
#define NORM_EQ(steps, in, expected)                                       \
    do {                                                                   \
        char *got_ = norm_steps((steps), (in));                            \
        if (strcmp(got_, (expected)) != 0)                                 \
            print_error("input    [%s]\nexpected [%s]\ngot      [%s]\n",   \
                        (in), (expected), got_);                           \
        assert_string_equal(got_, (expected));                             \
        free(got_);                                                        \
    } while (0)

/* Assert that steps leave in unchanged. */
#define NORM_SAME(steps, in) NORM_EQ(steps, in, in)

#endif
