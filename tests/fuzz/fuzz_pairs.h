/* SPDX-License-Identifier: MIT */
/*
 * Shared by fuzz_tmx.c and fuzz_xliff.c: read the input as a TMX or XLIFF
 * document through sv_pairs_read() (from a memory stream) with a small
 * unit limit.  Oracles: the result is a unit count or one of the documented
 * errors with a message, each unit's texts are valid UTF-8 of the stated
 * length below the limit, and units come in order.
 */
#ifndef SV_FUZZ_PAIRS_H
#define SV_FUZZ_PAIRS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "sverka/align.h"

#define FUZZ_MAX_UNIT 4096

typedef struct fuzz_units {
    size_t n;
} fuzz_units;

static void fuzz_check_text(const char *s, size_t n)
{
    if (!s || n > FUZZ_MAX_UNIT ||
        sv__utf8_valid_prefix(s, n) != n)
        abort();
}

static int fuzz_on_unit(const sv_pair *p, void *payload)
{
    fuzz_units *u = payload;

    if (p->index != u->n || !p->id || !p->src_lang || !p->tgt_lang ||
        p->line == 0)
        abort();
    fuzz_check_text(p->src, p->src_len);
    fuzz_check_text(p->tgt, p->tgt_len);
    u->n++;
    return 0;
}

static int fuzz_pairs(const uint8_t *data, size_t size, sv_pair_format f)
{
    FILE *fp;
    fuzz_units u = {0};
    sv_error err = SV_ERROR_INIT;
    int rc;

    if (size == 0)
        return 0;
    fp = fmemopen((void *)data, size, "r");
    if (!fp)
        abort();
    rc = sv_pairs_read(fp, "fuzz", f, FUZZ_MAX_UNIT, fuzz_on_unit, &u, &err);
    fclose(fp);
    if (rc >= 0 ? (size_t)rc != u.n
                : (rc != SV_EFORMAT && rc != SV_ETOOBIG) || !err.message[0])
        abort();
    return 0;
}

#endif
