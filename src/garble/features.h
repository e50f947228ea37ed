/* SPDX-License-Identifier: MIT */
/*
 * Garble features: per-sentence counts (words, unknown words, foreign
 * script, odd characters, repetition, article/preposition patterns,
 * glued captions, punctuation, character-LM sums) that add up over
 * paragraphs and documents, and the feature vector made from a sum.
 */
#ifndef SV_GARBLE_FEATURES_H
#define SV_GARBLE_FEATURES_H

#include <stddef.h>
#include <stdint.h>

#include "garble/charlm.h"
#include "garble/wordstats.h"
#include "sverka/resources.h"

/* Counts of one span; every member adds up over spans. */
enum {
    GC_SENT, GC_WORDS, GC_CHARS, GC_LETTERS,
    GC_LM_H, GC_LM_M, GC_LM_N,
    GC_LOW, GC_LOW_OOV, GC_CAP, GC_CAP_OOV,
    GC_FOREIGN, GC_ODD,
    GC_BIGRAMS, GC_REP_BIGRAM, GC_REP_WORD,
    GC_ARTICLE, GC_OF, GC_GEN_CHAIN, GC_PREP, GC_PREP_BARE, GC_FUNC,
    GC_PRON, GC_GLUED, GC_CAPTION,
    GC_PUNCT, GC_BAD_PUNCT, GC_NO_FINAL, GC_LOWER_START,
    GC_DIGITS, GC_ALLCAPS, GC_LONGWORD, GC_SHORT_SENT,
    GC_EDIT_SUM, GC_EDIT_N, GC_RARE,
    GC_NGRAM, /* per sentence: sum of n-gram weights / sqrt(n-grams + 1) */
    GC_REP_CONTENT, /* content words seen before in the sentence */
    /* adequacy against the source, when one was given (adequacy.c) */
    GC_SRC, GC_SRC_WORDS, GC_SRC_CONTENT, GC_SRC_KNOWN, GC_SRC_COVERED,
    GC_TGT_KNOWN, GC_TGT_COVERED, GC_SRC_LM_H, GC_SRC_LM_M, GC_SRC_LM_N,
    GC_COUNT
};

/* Evidence kinds: where the first instance of a count was seen. */
enum {
    EV_OOV, EV_FOREIGN, EV_ODD, EV_REPEAT, EV_GEN_CHAIN, EV_GLUED,
    EV_CAPTION, EV_BAD_PUNCT, EV_PREP_BARE, EV_EDIT, EV_NGRAM,
    EV_REP_CONTENT,
    EV_COUNT
};

#define SV__GARBLE_OOV_SAMPLES 3

typedef struct sv__garble_counts {
    double c[GC_COUNT];
    double edit_max; /* highest post-edit score of a word (EV_EDIT's) */
    double ngram_max; /* highest n-gram weight (EV_NGRAM's) */
    size_t ev_start[EV_COUNT], ev_end[EV_COUNT]; /* end == 0: none */
    /* the first few unknown words, for the reason text */
    size_t oov_start[SV__GARBLE_OOV_SAMPLES], oov_end[SV__GARBLE_OOV_SAMPLES];
    unsigned n_oov_samples;
} sv__garble_counts;

/* Model features, computed from counts (features.c: sv__garble_features). */
enum {
    GF_LM_SURPRISAL, GF_LM_RATIO, GF_OOV_LOW, GF_OOV_CAP, GF_FOREIGN,
    GF_ODD, GF_REP_BIGRAM, GF_REP_WORD, GF_ARTICLE, GF_OF, GF_GEN_CHAIN,
    GF_PREP_BARE, GF_FUNC, GF_PRON, GF_GLUED, GF_CAPTION, GF_PUNCT,
    GF_BAD_PUNCT, GF_NO_FINAL, GF_LOWER_START, GF_LOG_LEN, GF_LOG_LEN2,
    GF_DIGITS, GF_ALLCAPS, GF_LONGWORD, GF_WORD_LEN, GF_SHORT_SENT,
    GF_EDIT, GF_RARE, GF_NGRAM, GF_REP_CONTENT, GF_SRC_COVER, GF_SRC_KNOWN, GF_SRC_LEN, GF_TGT_COVER,
    GF_SRC_LM, GF_SRC_LM_RATIO,
    GF_COUNT
};

/* One function word in the lexicon's fixed open-addressing table. */
#define SV__FW_SLOTS 512
#define SV__FW_MAX 15 /* bytes; longer words are never function words */
typedef struct sv__fw_slot {
    char w[SV__FW_MAX];
    uint8_t len;  /* 0: empty */
    uint16_t bits;
} sv__fw_slot;

/* Immutable tables shared by every thread: function words of one
 * language (a fixed table: one cheap probe per word, no allocation) and
 * its character LM. */
typedef struct sv__garble_lex {
    sv_lang lang;
    uint64_t id; /* unique per initialisation: keys the per-thread caches */
    sv__fw_slot words[SV__FW_SLOTS]; /* lowercase word -> FW_* bits */
    const sv__charlm *lm;   /* borrowed; may be NULL (features 0) */
    const sv__wordstats *ws; /* borrowed; may be NULL (features 0) */
    const sv__charlm *src_lm; /* the source language's LM; may be NULL */
} sv__garble_lex;

/* Per-thread scratch: the repetition set (generation-stamped, so it is
 * never cleared) and a direct-mapped cache of spelling results in front
 * of the context's own cache (one probe, no key comparison of bytes). */
#define SV__SPELL_SLOTS 16384
/* What a word's (case-folded) hash decides, cached per thread so a word
 * seen before costs one probe: function-word bits and word statistics. */
#define SV__WORD_SLOTS 4096
typedef struct sv__word_memo {
    uint64_t h;    /* 0: empty */
    uint16_t edit; /* post-edit score in thousandths (WM_SEEN only) */
    uint16_t fw;   /* FW_* bits */
    uint8_t stats; /* WM_* bits */
} sv__word_memo;

typedef struct sv__garble_scratch {
    uint64_t bigram[512];
    uint32_t gen[512];
    uint32_t cur;
    uint64_t spell_key[SV__SPELL_SLOTS]; /* 0: empty */
    int8_t spell_val[SV__SPELL_SLOTS];
    const void *spell_ctx; /* the context the cache was filled from */
    sv__word_memo memo[SV__WORD_SLOTS];
    uint64_t memo_lex; /* id of the lexicon the memo was filled from */
    uint64_t ngram_lex; /* id of the lexicon ngram_on was asked of */
    int ngram_on;       /* its word statistics hold n-gram weights */
} sv__garble_scratch;

int sv__garble_lex_init(sv__garble_lex *lex, sv_lang lang,
                        const sv__charlm *lm);
void sv__garble_lex_dispose(sv__garble_lex *lex);

/* Counts of one sentence text[start..end).  glued: the segmenter found the
 * sentence glued to the previous one.  SV_OK or a negative code from the
 * spelling adapter (ctx's message says why). */
int sv__garble_count(const sv__garble_lex *lex, sv_context *ctx,
                     sv__garble_scratch *scr, const char *text, size_t start,
                     size_t end, int glued, sv__garble_counts *out);

void sv__garble_counts_zero(sv__garble_counts *c);
/* dst += src, keeping dst's earliest evidence. */
void sv__garble_counts_add(sv__garble_counts *dst,
                           const sv__garble_counts *src);

/* The feature vector of a (summed) count set.  Features that need the
 * source are NaN when the counts have none: no evidence, weighing 0
 * (sv__garble_z). */
void sv__garble_features(const sv__garble_counts *c, double f[GF_COUNT]);

/* Stable names of the features ("char-lm", "oov-lower", ...). */
extern const char *const sv__garble_feature_names[GF_COUNT];

/* Adequacy counts of a translation text[0..len) against its source
 * (the other language of lex: Russian for an English model, English for
 * a Russian one): source words, content words (4+ letters in that
 * language's script), those the ru<->en lexicon translates, and those
 * with a translation among the text's words (whole word or the first 5
 * letters).  Adds to *out; nothing when the source has no content word
 * in that script.  keys/cap: the caller's growable scratch for the
 * text's word set.  SV_OK or SV_ENOMEM. */
int sv__garble_adequacy(const sv__garble_lex *lex, sv_context *ctx,
                        const char *text, size_t len, const char *src,
                        size_t src_len, uint64_t **keys, size_t *cap,
                        sv__garble_counts *out);

#endif
