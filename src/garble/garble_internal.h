/* SPDX-License-Identifier: MIT */
/*
 * The scorer's layout and the helpers shared by scorer.c, reasons.c and
 * train.c: loading a model with its LM, and turning a feature's
 * contribution into a reason a person can check.
 */
#ifndef SV_GARBLE_INTERNAL_H
#define SV_GARBLE_INTERNAL_H

#include "garble/charlm.h"
#include "garble/features.h"
#include "garble/model.h"
#include "sverka/garble.h"
#include "sverka/segment.h"

struct sv_garble_scorer {
    const sv_resources *res;
    sv__charlm *lm;
    sv__charlm *src_lm;   /* the source language's; NULL when none */
    sv__wordstats *ws;    /* NULL when the model names none */
    sv__garble_lex lex;
    sv__garble_model model;
    double suspect, garbled;
    unsigned max_reasons;
    sv_garble_unit unit;
    char description[600];
};

/* Per-thread scratch living in an sv_garble_result. */
struct sv_garble_work {
    sv_segmenter *seg;
    sv_lang seg_lang;
    sv__garble_scratch scr;
    uint64_t *keys; /* the translation's word set (adequacy.c) */
    size_t cap_keys;
};

/* Directory part of a path ("." when none) into buf. */
void sv__garble_dirname(const char *path, char *buf, size_t size);

/* The reason for feature i of a unit [start, end) of text. */
void sv__garble_reason(const sv_garble_scorer *sc, unsigned i,
                       const sv__garble_counts *c, const double *f,
                       const double *contrib, const char *text, size_t start,
                       size_t end, sv_garble_reason *out);

/* The counts of a whole text scored as one unit (training, evaluation):
 * sentences through the work's segmenter, summed. */
int sv__garble_text_counts(const sv_garble_scorer *sc, sv_context *ctx,
                           struct sv_garble_work **work, const char *text,
                           size_t len, sv__garble_counts *out,
                           sv_error *err);

/* Add the adequacy counts of text against source (NULL: none) to *out,
 * with the work's scratch. */
int sv__garble_source_counts(const sv_garble_scorer *sc, sv_context *ctx,
                             struct sv_garble_work **work, const char *text,
                             size_t len, const char *source,
                             size_t source_len, sv__garble_counts *out,
                             sv_error *err);

void sv__garble_work_free(struct sv_garble_work *work);

/* Call fn on every line of a file (without its line feed), reading 64 KiB
 * chunks.  Stops at fn's first negative return and returns it. */
typedef int (*sv__garble_line_fn)(const char *line, size_t len, void *payload);
int sv__garble_each_line(const char *path, sv__garble_line_fn fn,
                         void *payload, sv_error *err);

#endif
