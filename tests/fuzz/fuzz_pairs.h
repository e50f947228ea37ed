/* SPDX-License-Identifier: MIT */
/*
 * Shared by fuzz_tmx.c and fuzz_xliff.c: read the input as a TMX or XLIFF
 * document through sv_pairs_read_ext() (from a memory stream) with a small
 * unit limit, without a language pair or (odd-sized inputs) with en-ru.
 * Oracles: the result is a unit count or one of the documented errors with
 * a message, each unit's texts are valid UTF-8 of the stated length below
 * the limit, units come in order, and the tuvs picked as sides are two
 * different tuvs of the unit, in the picked languages when those are
 * known.
 */
#ifndef SV_FUZZ_PAIRS_H
#define SV_FUZZ_PAIRS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/langtag.h"
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

/* A side's tuv lies in the unit, is in the picked language when one is
 * known, and the two sides are different tuvs. */
static void fuzz_check_sides(const sv_pair *p)
{
    if (!p->pick_src_lang || !p->pick_tgt_lang || p->src_tuv > p->nlangs ||
        p->tgt_tuv > p->nlangs || (p->src_tuv && p->src_tuv == p->tgt_tuv))
        abort();
    if (p->src_tuv && *p->pick_src_lang &&
        !sv__lang_same(p->langs[p->src_tuv - 1], p->pick_src_lang))
        abort();
    if (p->tgt_tuv && *p->pick_tgt_lang &&
        !sv__lang_same(p->langs[p->tgt_tuv - 1], p->pick_tgt_lang))
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
    fuzz_check_sides(p);
    u->n++;
    return 0;
}

static int fuzz_pairs(const uint8_t *data, size_t size, sv_pair_format f)
{
    FILE *fp;
    fuzz_units u = {0};
    sv_error err = SV_ERROR_INIT;
    sv_pairs_read_options ro = SV_PAIRS_READ_OPTIONS_INIT;
    int rc;

    if (size == 0)
        return 0;
    fp = fmemopen((void *)data, size, "r");
    if (!fp)
        abort();
    ro.format = f;
    ro.max_unit = FUZZ_MAX_UNIT;
    if (size % 2) {
        ro.src_lang = "en";
        ro.tgt_lang = "ru";
    }
    rc = sv_pairs_read_ext(fp, "fuzz", &ro, fuzz_on_unit, &u, &err);
    fclose(fp);
    if (rc >= 0 ? (size_t)rc != u.n
                : (rc != SV_EFORMAT && rc != SV_ETOOBIG) || !err.message[0])
        abort();
    return 0;
}

#endif
