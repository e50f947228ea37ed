/* SPDX-License-Identifier: MIT */
/*
 * The garble model: logistic regression over standardised features, with
 * a few hand-set ("prior") weights for evidence the training data lacks.
 * Text file format SVGM1, described in model.c.
 */
#ifndef SV_GARBLE_MODEL_H
#define SV_GARBLE_MODEL_H

#include "garble/features.h"
#include "sverka/errors.h"
#include "sverka/resources.h"

typedef struct sv__garble_model {
    sv_lang lang;
    double bias;
    double mean[GF_COUNT], sd[GF_COUNT], w[GF_COUNT];
    int fixed[GF_COUNT];  /* 1: hand-set weight, not learned */
    double suspect, garbled; /* thresholds */
    char lm_name[128];    /* LM file next to the model */
    char words_name[128]; /* word statistics next to it; "" when none */
    char source_lm_name[128]; /* LM of the source language; "" when none */
    char note[400];       /* header comment: what it was trained on */
} sv__garble_model;

/* Defaults: all learned weights 0, the prior weights set, thresholds. */
void sv__garble_model_defaults(sv__garble_model *m, sv_lang lang);

/* Standardised value of feature i; 0 (no evidence) when it is NaN (a
 * source feature of a text scored without its source). */
static inline double sv__garble_z(const sv__garble_model *m, const double *f,
                                  unsigned i)
{
    return f[i] == f[i] ? (f[i] - m->mean[i]) / m->sd[i] : 0.0;
}

/* Log-odds of garbled and each feature's contribution (may be NULL). */
double sv__garble_logit(const sv__garble_model *m, const double f[GF_COUNT],
                        double contrib[GF_COUNT]);

int sv__garble_model_load(sv__garble_model *m, const char *path,
                          sv_error *err);
/* header: '#' lines (without the '# '), joined by '\n'. */
int sv__garble_model_save(const sv__garble_model *m, const char *path,
                          const char *header, sv_error *err);

#endif
