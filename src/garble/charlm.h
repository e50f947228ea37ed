/* SPDX-License-Identifier: MIT */
/*
 * Character n-gram language models for the garble features: one trained
 * on human text, one on machine-translation output, stored together so a
 * single table probe per character gives both log-probabilities.  The
 * file format (SVLM1) is described in charlm.c.
 */
#ifndef SV_GARBLE_CHARLM_H
#define SV_GARBLE_CHARLM_H

#include <stddef.h>
#include <stdint.h>

#include "sverka/errors.h"

/* 64-symbol alphabet shared by both languages (charlm.c: sym_of). */
#define SV__LM_SYMS 64
/* log-probabilities are stored as round(-ln p * SV__LM_QSCALE). */
#define SV__LM_QSCALE 12.0
/* Order of the hashed table (the dense one is order 3). */
#define SV__LM_ORDER 5
#define SV__LM_DENSE_BITS 18 /* 3 symbols of 6 bits */

typedef struct sv__charlm_entry {
    uint16_t tag; /* 0: empty slot */
    uint8_t qh;   /* human model, quantised -ln p */
    uint8_t qm;   /* MT model */
} sv__charlm_entry;

typedef struct sv__charlm {
    unsigned bits;             /* log2 of the hashed table's slots */
    uint32_t miss_qh, miss_qm; /* back-off penalty (quantised) on a miss */
    double human_nats;         /* human LM on held-out human text */
    double mt_nats;            /* human LM on held-out MT text */
    uint8_t *dense;            /* [2^18][2]: order-3 qh, qm */
    sv__charlm_entry *table;   /* [2^bits] */
    char note[400];            /* header comment: what it was trained on */
} sv__charlm;

/* Running sums over scored text (integers: quantised units). */
typedef struct sv__charlm_sums {
    uint64_t qh, qm; /* sums of quantised -ln p */
    uint64_t n;      /* symbols scored */
} sv__charlm_sums;

/* Map a code point to its alphabet symbol (0 = space). */
unsigned sv__charlm_sym(int32_t cp);

/* Hash of a 5-gram key: slot index in the top bits, tag below. */
static inline uint64_t sv__charlm_hash(uint32_t key)
{
    return (uint64_t)key * UINT64_C(0x9E3779B97F4A7C15);
}
static inline uint16_t sv__charlm_tag(uint64_t h)
{
    uint16_t t = (uint16_t)(h >> 20);
    return t ? t : 1;
}

/* Load an SVLM1 file.  SV_OK, SV_ENOTFOUND, SV_EIO, SV_EFORMAT, SV_ENOMEM. */
int sv__charlm_load(sv__charlm **out, const char *path, sv_error *err);
void sv__charlm_free(sv__charlm *lm);

/* Score text[0..len) as one stretch (context starts as a space) and add
 * to *sums.  Spaces collapse to one symbol; invalid UTF-8 is skipped. */
void sv__charlm_score(const sv__charlm *lm, const char *text, size_t len,
                      sv__charlm_sums *sums);

#endif
