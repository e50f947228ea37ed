/* SPDX-License-Identifier: MIT */
/*
 * Fuzz the garble scorer behind `sverka flag`: the first byte picks a
 * scorer (English or Russian model, sentence, paragraph or document units,
 * with or without a source); a NUL byte, if any, splits the rest into the
 * text and its source.  Oracles: scoring succeeds, every score is a
 * probability, spans lie in the text in order, labels agree with the
 * thresholds, and reason indexes stay inside the reasons array.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "sverka/garble.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NCONF 5
static sv_garble_scorer *scorer[NCONF];
static sv_garble_result result = SV_GARBLE_RESULT_INIT;

static void configure(unsigned int i, sv_garble_options *o)
{
    switch (i) {
    case 0: o->unit = SV_GARBLE_PARAGRAPH; break;
    case 1: o->unit = SV_GARBLE_SENTENCE; o->max_reasons = 8; break;
    case 2: o->unit = SV_GARBLE_DOCUMENT;
            o->model_path = SV_BUILD_DATADIR "/garble_en_source.model"; break;
    case 3: o->lang = SV_LANG_RU; break;
    default: o->lang = SV_LANG_RU; o->unit = SV_GARBLE_SENTENCE;
             o->suspect = 0.2; o->garbled = 0.9; break;
    }
}

/* A model that is not in the build tree leaves its slot empty: the
 * target still runs the others. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    unsigned int i;

    fuzz_load_resources(argc, argv, 0);
    if (!fuzz_res)
        return 0;
    for (i = 0; i < NCONF; i++) {
        sv_garble_options o = SV_GARBLE_OPTIONS_INIT;

        configure(i, &o);
        if (sv_garble_scorer_new(&scorer[i], fuzz_res, &o, NULL) != SV_OK)
            scorer[i] = NULL;
    }
    return 0;
}

static void check_prob(double p)
{
    if (!(p >= 0.0 && p <= 1.0))
        abort();
}

static void check_label(const sv_garble_scorer *sc, double p,
                        sv_garble_label l)
{
    double suspect, garbled;

    sv_garble_thresholds(sc, &suspect, &garbled);
    if (l != (p >= garbled ? SV_GARBLE_GARBLED
              : p >= suspect ? SV_GARBLE_SUSPECT : SV_GARBLE_OK))
        abort();
}

static void check_spans(const sv_garble_scorer *sc, const sv_garble_span *s,
                        size_t n, size_t len, int with_reasons)
{
    size_t i, prev_end = 0;

    for (i = 0; i < n; i++) {
        if (s[i].start > s[i].end || s[i].end > len || s[i].start < prev_end)
            abort();
        prev_end = s[i].end;
        check_prob(s[i].score);
        check_label(sc, s[i].score, s[i].label);
        if (with_reasons && (s[i].first_reason > result.reason_count ||
                             s[i].reason_count >
                                 result.reason_count - s[i].first_reason))
            abort();
    }
}

static void check_result(const sv_garble_scorer *sc, size_t len)
{
    size_t i;

    check_prob(result.score);
    check_label(sc, result.score, result.label);
    check_spans(sc, result.sentences, result.sentence_count, len, 0);
    check_spans(sc, result.units, result.unit_count, len, 1);
    if (result.doc_first_reason > result.reason_count ||
        result.doc_reason_count > result.reason_count - result.doc_first_reason)
        abort();
    for (i = 0; i < result.reason_count; i++) {
        const sv_garble_reason *r = &result.reasons[i];

        if (!r->code || r->start > r->end || r->end > len ||
            !(r->weight > 0.0) || !memchr(r->detail, '\0', sizeof r->detail))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const sv_garble_scorer *sc;
    const char *text, *source = NULL, *nul;
    size_t text_len, source_len = 0;
    sv_error err = SV_ERROR_INIT;
    int rc;

    if (size < 1 || !fuzz_ctx || !(sc = scorer[data[0] % NCONF]))
        return 0;
    text = (const char *)data + 1;
    text_len = size - 1;
    if ((nul = memchr(text, '\0', text_len)) != NULL) {
        source = nul + 1;
        source_len = text_len - (size_t)(source - text);
        text_len = (size_t)(nul - text);
    }
    rc = source ? sv_garble_score_source(sc, fuzz_ctx, text, text_len, source,
                                         source_len, &result, &err)
                : sv_garble_score(sc, fuzz_ctx, text, text_len, &result, &err);
    if (rc != SV_OK)
        abort();
    check_result(sc, text_len);
    return 0;
}
