/* SPDX-License-Identifier: MIT */
/*
 * Fuzz the whole normalize pipeline under eight option sets (the first
 * byte picks one).  Oracles: the output is valid UTF-8, the edit list
 * reproduces the input (sv_normalize_verify), edits and dropped lines lie
 * inside the input and output in order, and every output offset maps back
 * into the input, monotonically.
 */
#include <stdint.h>
#include <stdlib.h>

#include "base/utf8.h"
#include "fuzz_common.h"
#include "sverka/normalize.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NCONF 8
static sv_normalizer *norm[NCONF];
static sv_normalize_result result = SV_NORMALIZE_RESULT_INIT;
static sv_buf out = SV_BUF_INIT;

static void configure(unsigned int i, sv_normalize_options *o)
{
    o->steps = SV_STEPS_ALL;
    o->drop = SV_DROP_ALL;
    switch (i) {
    case 0: o->steps = SV_STEPS_DEFAULT; o->drop = 0; break;
    case 1: break;
    case 2: o->mark = 1; break;
    case 3:
        o->nfkc = 1;
        o->quotes = SV_QUOTES_TYPOGRAPHIC;
        o->apostrophes = SV_QUOTES_TYPOGRAPHIC;
        o->dash = SV_DASH_EN;
        break;
    case 4:
        o->quotes = SV_QUOTES_ASCII;
        o->apostrophes = SV_QUOTES_ASCII;
        o->dash = SV_DASH_KEEP;
        o->drop = SV_DROP_DUPLICATES;
        break;
    case 5: o->steps = SV_STEPS_ALL & ~(unsigned int)SV_STEP_DECODE; break;
    case 6: o->steps = SV_STEP_DECODE | SV_STEP_ENTITIES | SV_STEP_CONTROLS; break;
    default: o->max_input = 4096; break; /* no resources, small limit */
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    unsigned int i;

    fuzz_load_resources(argc, argv, 0);
    for (i = 0; i < NCONF; i++) {
        sv_normalize_options o = SV_NORMALIZE_OPTIONS_INIT;

        configure(i, &o);
        if (sv_normalizer_new(&norm[i], &o, i == NCONF - 1 ? NULL : fuzz_res,
                              NULL) != SV_OK)
            abort();
    }
    return 0;
}

static void check_edits(size_t in_len)
{
    size_t i, in_prev = 0, out_prev = 0;

    for (i = 0; i < result.edit_count; i++) {
        const sv_normalize_edit *e = &result.edits[i];

        if (e->in_start < in_prev || e->in_end < e->in_start ||
            e->in_end > in_len || e->out_start < out_prev ||
            e->out_end < e->out_start || e->out_end > out.size || !e->step)
            abort();
        in_prev = e->in_end;
        out_prev = e->out_end;
    }
    for (i = 0; i < result.drop_count; i++)
        if (result.drops[i].in_end < result.drops[i].in_start ||
            result.drops[i].in_end > in_len || !result.drops[i].reason)
            abort();
    if (result.drop_count != result.dropped_lines)
        abort();
}

static void check_map_back(size_t in_len)
{
    size_t off, step = out.size > 4096 ? out.size / 1024 : 1;
    size_t prev0 = 0, prev1 = 0;

    for (off = 0; off <= out.size; off += step) {
        size_t a = sv_normalize_map_back(&result, off, 0);
        size_t b = sv_normalize_map_back(&result, off, 1);

        if (a > in_len || b > in_len || a > b || a < prev0 || b < prev1)
            abort();
        prev0 = a;
        prev1 = b;
    }
    if (sv_normalize_map_back(&result, out.size, 1) != in_len)
        abort(); /* the end of the output is the end of the input */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned int which;
    const char *text;
    size_t len;
    int rc;

    if (size < 1)
        return 0;
    which = data[0] % NCONF;
    text = (const char *)data + 1;
    len = size - 1;
    rc = sv_normalize_run(norm[which], which == NCONF - 1 ? NULL : fuzz_ctx,
                          text, len, &out, &result, NULL);
    if (rc == SV_ETOOBIG && which == NCONF - 1 && len > 4096)
        return 0;
    if (rc == SV_EILSEQ && which == 5 &&
        sv__utf8_valid_prefix(text, len) < len)
        return 0;
    if (rc != SV_OK)
        abort();
    if (sv__utf8_valid_prefix(out.ptr, out.size) != out.size)
        abort();
    if (!sv_normalize_verify(text, len, out.ptr, out.size, &result))
        abort();
    check_edits(len);
    check_map_back(len);
    return 0;
}
