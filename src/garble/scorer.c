/* SPDX-License-Identifier: MIT */
/*
 * The public garble scorer: load a model and its character LM, split a
 * text into sentences with the shared segmenter, count each sentence's
 * features once, then score sentences, units (sentence, paragraph or
 * document) and the whole text from summed counts, explaining each unit
 * that is not ok with its strongest reasons.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/error_internal.h"
#include "garble/garble_internal.h"

#define DEFAULT_REASONS 3
#define MIN_REASON 0.25 /* log-odds a feature must add to be a reason */

int sv_garble_options_init(sv_garble_options *opts, unsigned int version)
{
    sv_garble_options init = SV_GARBLE_OPTIONS_INIT;

    if (!opts || version != SV_GARBLE_OPTIONS_VERSION)
        return SV_EINVAL;
    *opts = init;
    return SV_OK;
}

const char *sv_garble_label_name(sv_garble_label label)
{
    switch (label) {
    case SV_GARBLE_SUSPECT: return "suspect";
    case SV_GARBLE_GARBLED: return "garbled";
    default: return "ok";
    }
}

void sv__garble_dirname(const char *path, char *buf, size_t size)
{
    const char *slash = strrchr(path, '/');

    if (!slash)
        snprintf(buf, size, ".");
    else
        snprintf(buf, size, "%.*s", (int)(slash - path), path);
}

void sv_garble_scorer_free(sv_garble_scorer *sc)
{
    if (!sc)
        return;
    sv__garble_lex_dispose(&sc->lex);
    sv__charlm_free(sc->lm);
    sv__charlm_free(sc->src_lm);
    sv__wordstats_free(sc->ws);
    sv__free(sc);
}

static int file_exists(const char *path)
{
    FILE *fp = fopen(path, "r");

    if (fp)
        fclose(fp);
    return fp != NULL;
}

static int load_parts(sv_garble_scorer *sc, const sv_garble_options *o,
                      sv_error *err)
{
    char model_path[1024], lm_path[1200], dir[1024];
    const char *dicts = sc->res ? sv_resources_dicts_dir(sc->res) : NULL;
    const char *code = o->lang == SV_LANG_RU ? "ru" : "en";
    int rc;

    if (o->model_path && dicts && !strchr(o->model_path, '/') &&
        !file_exists(o->model_path))
        /* a bare name not in the working directory: a shipped model
         * ("garble_en_ruen.model") in the data directory */
        snprintf(model_path, sizeof(model_path), "%s/%s", dicts,
                 o->model_path);
    else if (o->model_path)
        snprintf(model_path, sizeof(model_path), "%s", o->model_path);
    else if (dicts)
        snprintf(model_path, sizeof(model_path), "%s/garble_%s.model", dicts,
                 code);
    else
        return sv__error_set(err, SV_ENOTFOUND, "no garble model: no data "
                             "directory (set --dicts or SVERKA_DICTS)");
    if ((rc = sv__garble_model_load(&sc->model, model_path, err)) < 0)
        return rc;
    sv__garble_dirname(model_path, dir, sizeof(dir));
    if (o->lm_path)
        snprintf(lm_path, sizeof(lm_path), "%s", o->lm_path);
    else
        snprintf(lm_path, sizeof(lm_path), "%.1000s/%.127s", dir,
                 sc->model.lm_name);
    if ((rc = sv__charlm_load(&sc->lm, lm_path, err)) < 0)
        return rc;
    if (o->words_path || sc->model.words_name[0]) {
        if (o->words_path)
            snprintf(lm_path, sizeof(lm_path), "%s", o->words_path);
        else
            snprintf(lm_path, sizeof(lm_path), "%.1000s/%.127s", dir,
                     sc->model.words_name);
        if ((rc = sv__wordstats_load(&sc->ws, lm_path, err)) < 0)
            return rc;
    }
    if (sc->model.source_lm_name[0]) {
        snprintf(lm_path, sizeof(lm_path), "%.1000s/%.127s", dir,
                 sc->model.source_lm_name);
        if ((rc = sv__charlm_load(&sc->src_lm, lm_path, err)) < 0)
            return rc;
    }
    snprintf(sc->description, sizeof(sc->description), "%s model %.200s "
             "(%.380s)", code, model_path, sc->model.note);
    return SV_OK;
}

int sv_garble_scorer_new(sv_garble_scorer **out, const sv_resources *res,
                         const sv_garble_options *opts, sv_error *err)
{
    sv_garble_options defaults = SV_GARBLE_OPTIONS_INIT;
    sv_garble_scorer *sc;
    int rc;

    SV_ASSERT_ARG(out);
    *out = NULL;
    if (!opts)
        opts = &defaults;
    sc = sv__calloc(1, sizeof(*sc));
    if (!sc)
        return sv__error_oom(err);
    sc->res = res;
    if ((rc = load_parts(sc, opts, err)) < 0)
        goto done;
    if (sv__garble_lex_init(&sc->lex, sc->model.lang, sc->lm) < 0) {
        rc = sv__error_oom(err);
        goto done;
    }
    sc->lex.ws = sc->ws;
    sc->lex.src_lm = sc->src_lm;
    sc->suspect = opts->suspect > 0 ? opts->suspect : sc->model.suspect;
    sc->garbled = opts->garbled > 0 ? opts->garbled : sc->model.garbled;
    if (sc->suspect > sc->garbled)
        sc->suspect = sc->garbled;
    sc->max_reasons = opts->max_reasons ? opts->max_reasons : DEFAULT_REASONS;
    sc->unit = opts->unit;
    *out = sc;
    sc = NULL;
done:
    sv_garble_scorer_free(sc);
    return rc;
}

void sv_garble_thresholds(const sv_garble_scorer *sc, double *suspect,
                          double *garbled)
{
    if (suspect)
        *suspect = sc ? sc->suspect : 0;
    if (garbled)
        *garbled = sc ? sc->garbled : 0;
}

const char *sv_garble_describe(const sv_garble_scorer *sc)
{
    return sc ? sc->description : "";
}

void sv__garble_work_free(struct sv_garble_work *work)
{
    if (!work)
        return;
    sv_segmenter_free(work->seg);
    sv__free(work->keys);
    sv__free(work);
}

void sv_garble_result_dispose(sv_garble_result *res)
{
    sv_garble_result init = SV_GARBLE_RESULT_INIT;

    if (!res)
        return;
    sv__free(res->sentences);
    sv__free(res->units);
    sv__free(res->reasons);
    sv__garble_work_free(res->work);
    *res = init;
}

/* Make sure the work has a segmenter for the scorer's language. */
static int work_ready(const sv_garble_scorer *sc, struct sv_garble_work **wp,
                      sv_error *err)
{
    struct sv_garble_work *w = *wp;
    sv_segment_options so;
    int rc;

    if (!w) {
        w = sv__calloc(1, sizeof(*w));
        if (!w)
            return sv__error_oom(err);
        *wp = w;
    }
    if (w->seg && w->seg_lang == sc->model.lang)
        return SV_OK;
    sv_segmenter_free(w->seg);
    w->seg = NULL;
    sv_segment_options_init(&so, SV_SEGMENT_OPTIONS_VERSION);
    so.lang = sc->model.lang == SV_LANG_RU ? "ru" : "en";
    so.resources = sc->res;
    if ((rc = sv_segmenter_new(&w->seg, &so, err)) < 0)
        return rc;
    w->seg_lang = sc->model.lang;
    return SV_OK;
}

/* Split the text into sentences with the work's segmenter. */
static int split(const sv_garble_scorer *sc, struct sv_garble_work **w,
                 const char *text, size_t len, const sv_sentence **sents,
                 size_t *n, sv_error *err)
{
    int rc;

    if ((rc = work_ready(sc, w, err)) < 0)
        return rc;
    if ((rc = sv_segment_spans((*w)->seg, text, len, sents, n)) < 0)
        return sv__error_set(err, rc, "%s", sv_segmenter_errmsg((*w)->seg));
    return SV_OK;
}

static int count_one(const sv_garble_scorer *sc, sv_context *ctx,
                     struct sv_garble_work *w, const char *text,
                     const sv_sentence *s, sv__garble_counts *out,
                     sv_error *err)
{
    int rc = sv__garble_count(&sc->lex, ctx, &w->scr, text, s->start, s->end,
                              (s->flags & SV_SENTENCE_GLUED) != 0, out);

    if (rc < 0)
        return sv__error_set(err, rc, "%s", ctx ? sv_context_errmsg(ctx)
                                                : "spelling failed");
    return SV_OK;
}

int sv__garble_text_counts(const sv_garble_scorer *sc, sv_context *ctx,
                           struct sv_garble_work **work, const char *text,
                           size_t len, sv__garble_counts *out, sv_error *err)
{
    const sv_sentence *sents;
    sv__garble_counts c;
    size_t n, i;
    int rc;

    sv__garble_counts_zero(out);
    if ((rc = split(sc, work, text, len, &sents, &n, err)) < 0)
        return rc;
    for (i = 0; i < n; i++) {
        if ((rc = count_one(sc, ctx, *work, text, &sents[i], &c, err)) < 0)
            return rc;
        sv__garble_counts_add(out, &c);
    }
    return SV_OK;
}

int sv__garble_source_counts(const sv_garble_scorer *sc, sv_context *ctx,
                             struct sv_garble_work **work, const char *text,
                             size_t len, const char *source,
                             size_t source_len, sv__garble_counts *out,
                             sv_error *err)
{
    int rc;

    if (!source)
        return SV_OK;
    if ((rc = work_ready(sc, work, err)) < 0)
        return rc;
    if ((rc = sv__garble_adequacy(&sc->lex, ctx, text, len, source,
                                  source_len, &(*work)->keys,
                                  &(*work)->cap_keys, out)) < 0)
        return sv__error_set(err, rc, "%s", rc == SV_ENOMEM
                             ? "out of memory" : ctx ? sv_context_errmsg(ctx)
                                                     : "lexicon failed");
    return SV_OK;
}

static sv_garble_label label_of(const sv_garble_scorer *sc, double p)
{
    return p >= sc->garbled   ? SV_GARBLE_GARBLED
           : p >= sc->suspect ? SV_GARBLE_SUSPECT
                              : SV_GARBLE_OK;
}

static double score_counts(const sv_garble_scorer *sc,
                           const sv__garble_counts *c, double *f,
                           double *contrib)
{
    sv__garble_features(c, f);
    return 1.0 / (1.0 + exp(-sv__garble_logit(&sc->model, f, contrib)));
}

/* Append the strongest reasons of a unit; returns how many.  The
 * features strong enough to be reasons (a few of GF_COUNT) are found in
 * one pass; each reason is then the strongest left, the first on a tie. */
static int add_reasons(const sv_garble_scorer *sc, sv_garble_result *r,
                       const sv__garble_counts *c, const double *f,
                       const double *contrib, const char *text, size_t start,
                       size_t end, size_t *count)
{
    unsigned char used[GF_COUNT];
    unsigned strong[GF_COUNT], n = 0, i, k;

    for (i = 0; i < GF_COUNT; i++) {
        if (contrib[i] >= MIN_REASON)
            strong[n++] = i;
    }
    memset(used, 0, sizeof(used));
    *count = 0;
    for (k = 0; k < sc->max_reasons; k++) {
        unsigned j, best = GF_COUNT;

        for (j = 0; j < n; j++) {
            i = strong[j];
            if (!used[i] && (best == GF_COUNT || contrib[i] > contrib[best]))
                best = i;
        }
        if (best == GF_COUNT)
            break;
        used[best] = 1;
        if (best == GF_LOG_LEN || best == GF_LOG_LEN2)
            used[GF_LOG_LEN] = used[GF_LOG_LEN2] = 1;
        if (sv__grow_array((void **)&r->reasons, &r->cap_reasons,
                           r->reason_count + 1, sizeof(*r->reasons)) < 0)
            return SV_ENOMEM;
        sv__garble_reason(sc, best, c, f, contrib, text, start, end,
                          &r->reasons[r->reason_count++]);
        (*count)++;
    }
    return SV_OK;
}

/* Append a unit already scored (f and contrib are its features and their
 * contributions), with its reasons when it is not ok. */
static int add_scored_unit(const sv_garble_scorer *sc, sv_garble_result *r,
                           const sv__garble_counts *c, const double *f,
                           const double *contrib, double score,
                           const char *text, size_t start, size_t end)
{
    sv_garble_span *u;

    if (sv__grow_array((void **)&r->units, &r->cap_units, r->unit_count + 1,
                       sizeof(*r->units)) < 0)
        return SV_ENOMEM;
    u = &r->units[r->unit_count++];
    u->start = start;
    u->end = end;
    u->score = score;
    u->label = label_of(sc, u->score);
    u->first_reason = r->reason_count;
    u->reason_count = 0;
    if (u->label == SV_GARBLE_OK)
        return SV_OK;
    return add_reasons(sc, r, c, f, contrib, text, start, end,
                       &u->reason_count);
}

static int add_unit(const sv_garble_scorer *sc, sv_garble_result *r,
                    const sv__garble_counts *c, const char *text,
                    size_t start, size_t end)
{
    double f[GF_COUNT], contrib[GF_COUNT];
    double score = score_counts(sc, c, f, contrib);

    return add_scored_unit(sc, r, c, f, contrib, score, text, start, end);
}

/* A paragraph ends at a blank line, and also where a sentence ends at a
 * line break: scraped text often puts one paragraph per line, and a
 * hard-wrapped paragraph rarely ends a sentence exactly at a line end
 * unless the paragraph ends there too. */
static int paragraph_break(const char *text, const sv_sentence *a,
                           const sv_sentence *b)
{
    size_t i;

    if (b->flags & SV_SENTENCE_PARAGRAPH_START)
        return 1;
    for (i = a->end; i < b->start; i++) {
        if (text[i] == '\n')
            return 1;
    }
    return 0;
}

/* The whole text's score, label and reasons from its summed counts. */
static int score_whole(const sv_garble_scorer *sc, sv_garble_result *r,
                       const sv__garble_counts *sum, size_t n,
                       const char *text, size_t start, size_t end)
{
    double f[GF_COUNT], contrib[GF_COUNT];

    r->sentence_count = n;
    if (r->unit_count == 1 && r->units[0].start == start &&
        r->units[0].end == end) {
        /* one unit is the whole text (a paragraph record): same counts,
         * so the same score and reasons, shared rather than made twice */
        r->score = r->units[0].score;
        r->label = r->units[0].label;
        r->doc_first_reason = r->units[0].first_reason;
        r->doc_reason_count = r->units[0].reason_count;
        return SV_OK;
    }
    r->score = n ? score_counts(sc, sum, f, contrib) : 0;
    r->label = label_of(sc, r->score);
    r->doc_first_reason = r->reason_count;
    r->doc_reason_count = 0;
    if (!n || r->label == SV_GARBLE_OK)
        return SV_OK;
    return add_reasons(sc, r, sum, f, contrib, text, start, end,
                       &r->doc_reason_count);
}

/* One pass over the sentences: count each once, score it, add it to its
 * unit and to the whole; a unit is scored when it closes.  Memory is one
 * count set per open unit, whatever the text's length.  adeq: adequacy
 * counts against the source, added to whatever spans the whole text.
 * The whole is summed only once a unit closes before the text's end
 * (until then it is that unit's sum, added in the same order, so the
 * same bits); a text of one unit takes the unit's score (score_whole). */
static int score_all(const sv_garble_scorer *sc, sv_context *ctx,
                     sv_garble_result *r, const sv_sentence *sents, size_t n,
                     const char *text, const sv__garble_counts *adeq,
                     sv_error *err)
{
    sv__garble_counts c, unit, whole;
    size_t i, first = 0;
    int rc, whole_on = 0;

    sv__garble_counts_zero(&unit);
    for (i = 0; i < n; i++) {
        double fs[GF_COUNT], contrib[GF_COUNT];
        sv_garble_span *s = &r->sentences[i];
        int close = sc->unit == SV_GARBLE_SENTENCE || i + 1 == n ||
                    (sc->unit == SV_GARBLE_PARAGRAPH &&
                     paragraph_break(text, &sents[i], &sents[i + 1]));

        if ((rc = count_one(sc, ctx, r->work, text, &sents[i], &c, err)) < 0)
            return rc;
        if (adeq && n == 1)
            sv__garble_counts_add(&c, adeq); /* the sentence is the text */
        s->start = sents[i].start;
        s->end = sents[i].end;
        s->score = score_counts(sc, &c, fs, contrib);
        s->label = label_of(sc, s->score);
        s->first_reason = s->reason_count = 0;
        if (whole_on)
            sv__garble_counts_add(&whole, &c);
        if (close && first == i) /* a unit of one sentence: scored already */
            rc = add_scored_unit(sc, r, &c, fs, contrib, s->score, text,
                                 s->start, s->end);
        else
            sv__garble_counts_add(&unit, &c);
        if (!close)
            continue;
        if (adeq && first == 0 && i + 1 == n && n > 1)
            sv__garble_counts_add(&unit, adeq); /* the unit is the text */
        if (first != i)
            rc = add_unit(sc, r, &unit, text, sents[first].start,
                          sents[i].end);
        if (rc < 0)
            return sv__error_oom(err);
        if (!whole_on && i + 1 < n) {
            /* the first unit closes early: the whole so far is its sum */
            if (first == i) {
                sv__garble_counts_zero(&whole);
                sv__garble_counts_add(&whole, &c);
            } else {
                whole = unit;
            }
            whole_on = 1;
        }
        sv__garble_counts_zero(&unit);
        first = i + 1;
    }
    if (!whole_on) /* one unit (or none): score_whole shares its score */
        sv__garble_counts_zero(&whole);
    if (adeq && n > 1)
        sv__garble_counts_add(&whole, adeq);
    if (score_whole(sc, r, &whole, n, text, n ? sents[0].start : 0,
                    n ? sents[n - 1].end : 0) < 0)
        return sv__error_oom(err);
    return SV_OK;
}

int sv_garble_score(const sv_garble_scorer *sc, sv_context *ctx,
                    const char *text, size_t text_len, sv_garble_result *res,
                    sv_error *err)
{
    return sv_garble_score_source(sc, ctx, text, text_len, NULL, 0, res,
                                  err);
}

int sv_garble_score_source(const sv_garble_scorer *sc, sv_context *ctx,
                           const char *text, size_t text_len,
                           const char *source, size_t source_len,
                           sv_garble_result *res, sv_error *err)
{
    const sv_sentence *sents = NULL;
    sv__garble_counts adeq;
    size_t n = 0;
    int rc;

    SV_ASSERT_ARG(sc && res && (text || text_len == 0) &&
                  (source || source_len == 0));
    res->sentence_count = res->unit_count = res->reason_count = 0;
    res->doc_first_reason = res->doc_reason_count = 0;
    res->score = 0;
    res->label = SV_GARBLE_OK;
    if ((rc = split(sc, &res->work, text ? text : "", text_len, &sents, &n,
                    err)) < 0)
        return rc;
    if (sv__grow_array((void **)&res->sentences, &res->cap_sentences, n,
                       sizeof(*res->sentences)) < 0)
        return sv__error_oom(err);
    sv__garble_counts_zero(&adeq);
    if ((rc = sv__garble_source_counts(sc, ctx, &res->work, text ? text : "",
                                       text_len, source, source_len, &adeq,
                                       err)) < 0)
        return rc;
    if ((rc = score_all(sc, ctx, res, sents, n, text,
                        adeq.c[GC_SRC] > 0 ? &adeq : NULL, err)) < 0)
        return rc;
    return SV_OK;
}
