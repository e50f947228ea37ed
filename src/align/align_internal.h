/* SPDX-License-Identifier: MIT */
/*
 * Internal layout shared by the files of src/align: the aligner, one side
 * of an alignment (sentences with their features), the banded DP and the
 * alignment result.  One concept per file: sentences.c (sentence lists),
 * lengthmodel.c, lexsim.c (lexical evidence), anchors.c, dp.c, qa.c.
 */
#ifndef SV_ALIGN_INTERNAL_H
#define SV_ALIGN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "base/hashmap.h"
#include "sverka/align.h"
#include "sverka/buf.h"

/* Languages as the aligner sees them. */
typedef enum sv__al_lang {
    SV__AL_OTHER = 0, /* any language without a lexicon */
    SV__AL_EN = 1,
    SV__AL_RU = 2
} sv__al_lang;

/* Gale-Church length model: target chars ~ N(c * src, s2 * src). */
typedef struct sv__al_lenmodel {
    double c;  /* mean target/source ratio of non-space code points */
    double s2; /* variance per source code point */
} sv__al_lenmodel;

struct sv_aligner {
    sv_align_options opts;
    char src_code[16], tgt_code[16];
    sv__al_lang src_lang, tgt_lang;
    const sv_resources *res;
    int use_lexicon;           /* ru<->en with the lexicon loaded */
    sv__al_lenmodel len;
};

/* Key of a token: a 32-bit hash of a namespaced string, and the token it
 * belongs to (index within its sentence). */
typedef struct sv__al_key {
    uint32_t hash;
    uint16_t tok;
} sv__al_key;

/* Tokens per sentence taking part in matching (more are ignored). */
#define SV__AL_MAX_TOK 128

typedef struct sv__al_sent {
    size_t start, end;      /* bytes in the side's text */
    size_t para;            /* 0-based paragraph */
    uint32_t chars;         /* non-space code points */
    uint32_t key_first, key_count; /* keys, sorted by hash */
    uint32_t tok_first, tok_count; /* weights in side->tokw */
    float weight;           /* sum of the token weights */
} sv__al_sent;

typedef struct sv__al_learned sv__al_learned;

typedef struct sv__al_side {
    const sv__al_learned *learned; /* second pass: the learned dictionary */
    int target;                    /* 1 for the target side */
    const char *text;
    size_t len;
    sv__al_lang lang;
    sv__al_sent *sents;
    size_t n, cap;
    sv__al_key *keys;
    size_t nkeys, keycap;
    float *tokw;
    size_t ntok, tokcap;
    size_t npara;
} sv__al_side;

/* A bead type: a source and b target sentences. */
typedef struct sv__al_move {
    uint8_t a, b;
} sv__al_move;

#define SV__AL_NMOVES 10
extern const sv__al_move sv__al_moves[SV__AL_NMOVES];

/* A bead found by the DP (indices into the segment's sentences). */
typedef struct sv__al_raw_bead {
    size_t i, a, j, b;  /* source i..i+a-1, target j..j+b-1 */
    double cost, sim, confidence;
} sv__al_raw_bead;

typedef struct sv__al_beads {
    sv__al_raw_bead *v;
    size_t n, cap;
} sv__al_beads;

struct sv_alignment {
    sv_buf src, tgt;                  /* copies of the texts */
    sv_align_sentence *ss, *ts;
    size_t ns, nt;
    sv_align_bead *beads;
    size_t nbeads;
    sv_align_flag *flags;
    size_t nflags, flagcap;
    sv_buf messages;                  /* flag messages, NUL-separated */
    size_t *msg_off;                  /* per flag: offset into messages */
    size_t counts[7];
};

/* ---- sentences.c ---- */
/* Fill side->sents from its text: the project's segmenter, or one
 * sentence per line (lines != 0).  SV_OK, SV_ENOMEM, SV_ETOOBIG or
 * SV_ERROR. */
int sv__al_side_segment(const sv_aligner *al, sv__al_side *side,
                        const char *lang_code, int lines, sv_error *err);
void sv__al_side_dispose(sv__al_side *side);
/* Append one sentence; SV_OK or SV_ENOMEM. */
int sv__al_side_push(sv__al_side *side, size_t start, size_t end,
                     size_t para);

/* ---- lengthmodel.c ---- */
void sv__al_lenmodel_for(sv__al_lang src, sv__al_lang tgt,
                         sv__al_lenmodel *out);
/* -log P(match | lengths), >= 0, capped. */
double sv__al_len_cost(const sv__al_lenmodel *m, double ls, double lt);

/* ---- lexsim.c ---- */
/* Tokenize every sentence of a side and fill its keys and weights. */
int sv__al_side_features(const sv_aligner *al, sv_context *ctx,
                         sv__al_side *side, sv__al_lang other,
                         sv__hashmap *cache, sv_buf *pool, sv_error *err);
/* Matched token weights of source sentence s against target sentence t:
 * *ms (source side) and *mt (target side). */
void sv__al_pair_match(const sv__al_side *src, size_t s,
                       const sv__al_side *tgt, size_t t, float *ms,
                       float *mt);
/* Namespaced 32-bit key hash. */
uint32_t sv__al_hash(char ns, const char *s, size_t len);

/* Forget the features of a side (before computing them again). */
void sv__al_side_reset_features(sv__al_side *side);

/* ---- learn.c ---- */
/* Learn word pairs from the confident 1-1 beads of a first alignment. */
int sv__al_learn(const sv__al_side *src, const sv__al_side *tgt,
                 const sv__al_beads *raw, sv__al_learned **out);
void sv__al_learned_free(sv__al_learned *l);
size_t sv__al_learned_pairs(const sv__al_learned *l);
/* The learned keys of a lowercase word of one side (target 0 or 1). */
size_t sv__al_learned_keys(const sv__al_learned *l, int target,
                           const char *lower, size_t len, uint32_t *keys,
                           size_t max);

/* ---- anchors.c ---- */
/* Band centre for each source index 0..n (n+1 values, target positions),
 * through confident 1-1 anchors of rare shared keys. */
int sv__al_band_centre(const sv__al_side *src, size_t s0, size_t n,
                       const sv__al_side *tgt, size_t t0, size_t m,
                       double *centre);

/* ---- dp.c ---- */
/* Align src sentences [s0, s0+n) with tgt [t0, t0+m); append beads
 * (absolute indices) to out. */
int sv__al_dp(const sv_aligner *al, const sv__al_side *src, size_t s0,
              size_t n, const sv__al_side *tgt, size_t t0, size_t m,
              sv__al_beads *out, sv_error *err);

/* ---- qa.c ---- */
/* Run the pair QA; calls cb for each flag.  bead_a/bead_b are the bead's
 * sentence counts (0 = missing side), or -1 for a given pair. */
int sv__al_qa(const sv_aligner *al, sv_context *ctx, const char *src,
              size_t src_len, const char *tgt, size_t tgt_len, int bead_a,
              int bead_b, double confidence, sv_align_flag_cb cb,
              void *payload);

/* ---- names.c ---- */
/* English forms "A|B" (not NUL-terminated, *forms_len bytes) of a Russian
 * name in any case ending, the Russian form of an English name, or NULL. */
const char *sv__al_names_lookup(const sv_aligner *al, const char *word,
                                size_t len, size_t *forms_len);

/* ---- aligner.c ---- */
sv__al_lang sv__al_lang_of(const char *code);

#endif
