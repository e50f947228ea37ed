/* SPDX-License-Identifier: MIT */
/*
 * Word n-gram weights of a garble model: unigrams and bigrams of tokens
 * whose presence a small logistic regression found typical of garbled
 * (positive) or clean (negative) machine translation.  They live in the
 * model's word-statistics file under keys with a space (no word key has
 * one), so the scorer loads them with the rest.
 */
#ifndef SV_GARBLE_NGRAMS_H
#define SV_GARBLE_NGRAMS_H

#include <stddef.h>
#include <stdint.h>

#include "garble/wordstats.h"
#include "sverka/errors.h"

/* Keys: a unigram is the token and a space ("w "), a bigram the two
 * tokens with a space between ("a b"), sentence marks "<s>" and "</s>".
 * Both hash from the first token's word hash in one step or one pass
 * (FNV-1a continues), so scoring reuses the hash every word already
 * has.  A weight w is stored as the slot's edit value (w + OFFSET) x
 * 1000, rounded to an even number; an odd value marks a token that ends
 * some stored bigram, the only tokens whose bigram is looked up. */
#define SV__NGRAM_OFFSET 32.0
/* The key whose presence says the file has n-gram weights (never a
 * token sequence: '<' is a token of its own). */
#define SV__NGRAM_SENTINEL " <ngrams>"
#define SV__NGRAM_PRIME UINT64_C(1099511628211)

/* A byte ASCII case-folded without a branch (A-Z lack bit 5). */
static inline unsigned sv__ngram_fold(unsigned char b)
{
    return b | ((unsigned)((unsigned)(b - 'A') < 26u) << 5);
}

/* FNV-1a (ASCII case-folded, as sv__word_hash) continued over s[0..n). */
static inline uint64_t sv__ngram_fnv(uint64_t h, const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        h = (h ^ sv__ngram_fold((unsigned char)s[i])) * SV__NGRAM_PRIME;
    return h;
}

/* The key of token a's unigram, from a's word hash. */
static inline uint64_t sv__ngram_unigram(uint64_t ha)
{
    uint64_t h = (ha ^ 0x20) * SV__NGRAM_PRIME;

    return h ? h : 1;
}

/* The key of bigram "a b" from a's word hash and b's bytes. */
static inline uint64_t sv__ngram_bigram(uint64_t ha, const char *b, size_t n)
{
    uint64_t h = sv__ngram_fnv((ha ^ 0x20) * SV__NGRAM_PRIME, b, n);

    return h ? h : 1;
}

/* Weight of a key in ws, 0 when absent; *ends: it ends a bigram. */
static inline double sv__ngram_weight(const sv__wordstats *ws, uint64_t key,
                                      int *ends)
{
    const sv__wordslot *s = &ws->slots[sv__wordstats_find(ws, key)];

    *ends = s->key ? (s->edit & 1) : 0;
    return s->key ? (s->edit & ~1u) / 1000.0 - SV__NGRAM_OFFSET : 0.0;
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
