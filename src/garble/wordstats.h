/* SPDX-License-Identifier: MIT */
/*
 * Word statistics behind two garble features: how often post-editors kept
 * a word the MT system produced (MLQE-PE MT next to its human post-edit),
 * and how common the word is in human text.  Keyed by the case-folded word
 * hash the features already compute; file format SVGW1 (wordstats.c).
 */
#ifndef SV_GARBLE_WORDSTATS_H
#define SV_GARBLE_WORDSTATS_H

#include <stddef.h>
#include <stdint.h>

#include "sverka/errors.h"

/* One word in 8 bytes (the table stays small enough for L2): the high
 * half of its hash, the post-edit score in thousandths and the human
 * count, saturated. */
typedef struct sv__wordslot {
    uint32_t key;    /* 0: empty slot */
    uint16_t edit;   /* -ln P(kept by the post-editor) x 1000, smoothed */
    uint16_t human;  /* occurrences in the human corpus, at most 65535 */
} sv__wordslot;

#define SV__WORD_KEY(h) ((uint32_t)((h) >> 32) | 1u)

typedef struct sv__wordstats {
    sv__wordslot *slots;
    size_t cap;       /* power of two */
    double edit_prior; /* edit value of a word never seen in MT */
    char note[400];
} sv__wordstats;

/* Case-folded (ASCII) FNV-1a hash of a word, never 0. */
uint64_t sv__word_hash(const char *w, size_t len);

/* The slot of a word's hash, or NULL. */
static inline size_t sv__wordstats_find(const sv__wordstats *ws, uint64_t h)
{
    size_t i = (size_t)(h >> 7) & (ws->cap - 1);
    uint32_t k = SV__WORD_KEY(h);

    while (ws->slots[i].key && ws->slots[i].key != k)
        i = (i + 1) & (ws->cap - 1);
    return i;
}

int sv__wordstats_load(sv__wordstats **out, const char *path, sv_error *err);
void sv__wordstats_free(sv__wordstats *ws);

#endif
