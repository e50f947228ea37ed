/* SPDX-License-Identifier: MIT */
/*
 * Word n-gram weights of a garble model: unigrams and bigrams of tokens
 * whose presence a small logistic regression found typical of garbled
 * (positive) or clean (negative) machine translation.  They live in the
 * model's word-statistics file under keys " w" and " a b" (a leading
 * space: no word key has one), so the scorer loads them with the rest.
 */
#ifndef SV_GARBLE_NGRAMS_H
#define SV_GARBLE_NGRAMS_H

#include <stddef.h>
#include <stdint.h>

#include "garble/wordstats.h"
#include "sverka/errors.h"

/* A weight w is stored as the slot's edit value (w + OFFSET) x 1000. */
#define SV__NGRAM_OFFSET 32.0
/* The key whose presence says the file has n-gram weights (never a token
 * sequence: '<' is a token of its own). */
#define SV__NGRAM_SENTINEL " <ngrams>"

/* FNV-1a (ASCII case-folded, as sv__word_hash) continued over s[0..n). */
static inline uint64_t sv__ngram_fnv(uint64_t h, const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];

        b = (unsigned char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
        h = (h ^ b) * UINT64_C(1099511628211);
    }
    return h;
}

/* FNV state after " " (the start of every n-gram key). */
#define SV__NGRAM_SPACE \
    ((UINT64_C(1469598103934665603) ^ 0x20) * UINT64_C(1099511628211))

/* The hash sv__word_hash gives a key from its FNV state. */
static inline uint64_t sv__ngram_final(uint64_t state)
{
    return state ? state : 1;
}

/* Weight of the key with FNV state h in ws, 0 when absent. */
static inline double sv__ngram_weight(const sv__wordstats *ws, uint64_t h)
{
    const sv__wordslot *s =
        &ws->slots[sv__wordstats_find(ws, sv__ngram_final(h))];

    return s->key ? s->edit / 1000.0 - SV__NGRAM_OFFSET : 0.0;
}

/* 1 when ws holds n-gram weights. */
int sv__ngram_present(const sv__wordstats *ws);

/* Training rows for the n-gram weights: texts with a 0/1 target. */
typedef struct sv__ngram_rows sv__ngram_rows;

int sv__ngram_rows_new(sv__ngram_rows **out);
void sv__ngram_rows_free(sv__ngram_rows *r);
/* Add one row (its unigrams and bigrams, with sentence-boundary marks),
 * tagged with its cross-fitting fold (0: none).  SV_OK or SV_ENOMEM. */
int sv__ngram_rows_add(sv__ngram_rows *r, const char *text, size_t len,
                       int target, int fold);
size_t sv__ngram_rows_count(const sv__ngram_rows *r);

/* Learn weights on the rows whose fold is not skip_fold (0: all rows)
 * and write a word-statistics file: the lines of base_words (NULL: none,
 * then a bare SVGW1 header) and the top n-gram weights.  SV_OK or a
 * negative code with err set. */
int sv__ngram_learn_write(const sv__ngram_rows *r, int skip_fold,
                          const char *base_words, const char *out_path,
                          const char *note, sv_error *err);

#endif
