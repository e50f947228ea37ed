/* SPDX-License-Identifier: MIT */
/*
 * Filling sv_error records and handle message buffers (STYLE E3, E4).
 */
#ifndef SV_BASE_ERROR_INTERNAL_H
#define SV_BASE_ERROR_INTERNAL_H

#include <stdarg.h>
#include "sverka/errors.h"

/* Set code and a printf-formatted message; returns code so callers can
 * `return sv__error_set(err, SV_EINVAL, "...")`.  err may be NULL. */
int sv__error_set(sv_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Same with a location in the input. */
int sv__error_set_at(sv_error *err, int code, size_t byte_offset,
                     size_t line, size_t column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
/* OOM: static message, no allocation. */
int sv__error_oom(sv_error *err);

/* Argument checks (STYLE E6): return SV_EINVAL on a broken precondition.
 * Configure with -DSV_ASSERT_ABORT to abort at the failed check instead,
 * when hunting a caller's bug under a debugger.  It is not tied to NDEBUG
 * because the tests exercise the SV_EINVAL path in every build type. */
#ifdef SV_ASSERT_ABORT
#include <assert.h>
#define SV_ASSERT_ARG(expr) \
    do { assert(expr); if (!(expr)) return SV_EINVAL; } while (0)
#else
#define SV_ASSERT_ARG(expr) \
    do { if (!(expr)) return SV_EINVAL; } while (0)
#endif

#endif
