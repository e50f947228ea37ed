/* SPDX-License-Identifier: MIT */
/*
 * The pipeline's fast path (fastpath.c): which lines of a record no
 * enabled step can change, decided in one byte loop per line.
 */
#ifndef SV_NORMALIZE_FASTPATH_H
#define SV_NORMALIZE_FASTPATH_H

#include <stddef.h>
#include <stdint.h>

#include "normalize/normalize_internal.h"

/* sv__fast_line() flags. */
enum {
    SV__FAST_DIRTY = 1, /* some step may change the line */
    SV__FAST_JOIN = 2,  /* ... together with the next line (hyphenation) */
    SV__FAST_PREV = 4,  /* ... and its edit may start on the previous
                           line's newline (unicode) */
    SV__FAST_BAD = 8    /* not valid UTF-8: the decode step's work */
};

/* Per-normalizer tables of the scan; filled once, read-only after. */
typedef struct sv__fast {
    unsigned char cls[256];
    const uint8_t *norm_safe; /* NULL when the unicode step is off */
    int mojibake, entities;
    int cyr_safe; /* U+0400..U+047F need no normalization */
} sv__fast;

void sv__fast_init(sv__fast *f, const uint8_t *norm_safe, unsigned steps);

/* Flags of the line in[ls, le) (without its '\n'; has_nl when one
 * follows), and in *steps the SV_STEP_* bits of the steps that may change
 * it (each bit a necessary condition of its step, on this text).  0 means
 * no step changes the line: the steps are line-local (with the options
 * the pipeline's build_fast() accepts) except for the cases the flags
 * name.  in need not be valid UTF-8: SV__FAST_BAD alone says it is not. */
unsigned sv__fast_line(const sv__fast *f, const char *in, size_t ls,
                       size_t le, int has_nl, unsigned *steps);

#endif
