/* SPDX-License-Identifier: MIT */
/*
 * The contract every normalization step implements.  A step rewrites its
 * input into a fresh output buffer and records each change it made as an
 * edit (offsets relative to its own input and output); the pipeline
 * composes the steps' edit lists so reports point into the original text.
 */
#ifndef SV_NORMALIZE_STEP_H
#define SV_NORMALIZE_STEP_H

#include <stddef.h>

#include "base/edits.h"
#include "sverka/buf.h"
#include "sverka/resources.h"

struct sv_normalize_options;
struct sv_normalizer;
struct sv__norm_scratch;

/* What a step may consult.  ctx is the calling thread's context (spelling,
 * lexicon); it is NULL when no resources were loaded, and steps must then
 * fall back to rules that need no dictionary. */
typedef struct sv__step_env {
    sv_context *ctx;
    const struct sv_normalize_options *opts;
    sv_lang main_lang; /* the record's dominant language, when known */
    /* The normalizer's immutable shared data (abbreviation lists,
     * boilerplate patterns, normalization tables) and the calling thread's
     * scratch; steps that need neither ignore them. */
    const struct sv_normalizer *norm;
    struct sv__norm_scratch *scratch;
} sv__step_env;

/* in[0..in_len) is valid UTF-8.  out is empty on entry; the step appends the
 * whole output.  Returns SV_OK or a negative SV_E* code. */
typedef int (*sv__step_fn)(const char *in, size_t in_len, sv_buf *out,
                           sv__editlist *edits, const sv__step_env *env);

#endif
