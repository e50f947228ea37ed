/* SPDX-License-Identifier: MIT */
/*
 * Training a garble model (sv_garble_train, `sverka flag --train`): read a
 * labeled TSV, count each row's features exactly as the scorer does (one
 * unit per row), standardise, and fit L2-regularised logistic regression
 * by Newton's method.  Hand-set prior weights stay fixed as offsets.  The
 * natural class balance of the data is kept, so 0.5 means "as likely
 * garbled as not" on it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/error_internal.h"
#include "garble/garble_internal.h"
#include "garble/ngrams.h"
#include "sverka/io.h"

#define NP (GF_COUNT + 1) /* bias + one weight per feature */
#define WORDS_PATH_MAX 1200
#define MAX_FOLDS 64

typedef struct rows {
    const sv_garble_scorer *sc;
    sv_garble_scorer *folds[MAX_FOLDS + 1]; /* [k]: fold k's, loaded lazily */
    const char *folds_dir;   /* NULL: no cross-fitting */
    const sv_resources *res;
    sv_context *ctx;
    struct sv_garble_work *work;
    sv_tsv_row *row;
    int col_label, col_text; /* -1 until the header is read */
    int col_weight;          /* optional 'weight' column, or -1 */
    int col_cweight;         /* optional 'class_weight' column, or -1 */
    double sum_w[2], sum_cw[2]; /* per class: weights without/with it */
    int col_fold;            /* optional 'fold' column, or -1 */
    int col_source;          /* optional 'source' column, or -1 */
    int col_bow;             /* optional 'bow' column (n-gram target), or -1 */
    sv__ngram_rows *ngr;     /* n-gram training rows; NULL: no n-grams */
    int base_words;          /* the model has word statistics of its own */
    const char *out_path;    /* the model being trained (temporary names) */
    double *x;               /* n x GF_COUNT */
    double *wt;              /* row weights (1 without the column) */
    unsigned char *y;
    size_t n, cap, pos, skipped;
    sv_error *err;
} rows;

static int parse_label(const char *s, size_t len)
{
    static const char *const bad[] = {"1", "garbled", "bad"};
    static const char *const good[] = {"0", "clean", "ok", "good"};
    size_t i;

    for (i = 0; i < 3; i++) {
        if (strlen(bad[i]) == len && !memcmp(s, bad[i], len))
            return 1;
    }
    for (i = 0; i < 4; i++) {
        if (strlen(good[i]) == len && !memcmp(s, good[i], len))
            return 0;
    }
    return -1;
}

static int read_header(rows *r)
{
    size_t i, n = sv_tsv_row_count(r->row);

    for (i = 0; i < n; i++) {
        size_t len;
        const char *f = sv_tsv_row_field(r->row, i, &len);

        if (len == 5 && !memcmp(f, "label", 5))
            r->col_label = (int)i;
        else if (len == 4 && !memcmp(f, "text", 4))
            r->col_text = (int)i;
        else if (len == 6 && !memcmp(f, "weight", 6))
            r->col_weight = (int)i;
        else if (len == 12 && !memcmp(f, "class_weight", 12))
            r->col_cweight = (int)i;
        else if (len == 4 && !memcmp(f, "fold", 4))
            r->col_fold = (int)i;
        else if (len == 6 && !memcmp(f, "source", 6))
            r->col_source = (int)i;
        else if (len == 3 && !memcmp(f, "bow", 3))
            r->col_bow = (int)i;
    }
    if (r->col_label < 0 || r->col_text < 0)
        return sv__error_set(r->err, SV_EFORMAT, "the TSV header must name "
                             "the columns 'label' and 'text'");
    return SV_OK;
}

static int add_row(rows *r, const sv_garble_scorer *sc, int label,
                   const char *text, size_t len, double weight)
{
    sv__garble_counts c;
    int rc;

    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 1024;
        double *x = sv__realloc(r->x, cap * GF_COUNT * sizeof(double));
        double *w;
        unsigned char *y;

        if (!x)
            return sv__error_oom(r->err);
        r->x = x;
        y = sv__realloc(r->y, cap);
        if (!y)
            return sv__error_oom(r->err);
        r->y = y;
        w = sv__realloc(r->wt, cap * sizeof(double));
        if (!w)
            return sv__error_oom(r->err);
        r->wt = w;
        r->cap = cap;
    }
    rc = sv__garble_text_counts(sc, r->ctx, &r->work, text, len, &c, r->err);
    if (rc == 0 && r->col_source >= 0 &&
        (int)sv_tsv_row_count(r->row) > r->col_source) {
        size_t slen;
        const char *src = sv_tsv_row_field(r->row, (size_t)r->col_source,
                                           &slen);

        rc = sv__garble_source_counts(sc, r->ctx, &r->work, text, len, src,
                                      slen, &c, r->err);
    }
    if (rc < 0)
        return rc;
    sv__garble_features(&c, r->x + r->n * GF_COUNT);
    r->wt[r->n] = weight;
    r->y[r->n++] = (unsigned char)label;
    return SV_OK;
}

/* The row's 'weight' (a positive number), 1 without the column. */
static double column_weight(const rows *r, int col)
{
    char num[32];
    size_t len;
    const char *f;
    double w;

    if (col < 0 || (int)sv_tsv_row_count(r->row) <= col)
        return 1.0;
    f = sv_tsv_row_field(r->row, (size_t)col, &len);
    snprintf(num, sizeof(num), "%.*s", (int)(len < 31 ? len : 31), f);
    w = strtod(num, NULL);
    return w > 0 ? w : 1.0;
}

/* The row's fitting weight: 'weight' (the distribution the scores are
 * calibrated on) times 'class_weight' (emphasis only: its average per
 * class is taken out of the bias after fitting, see fit). */
static double row_weight(rows *r, int label)
{
    double w = column_weight(r, r->col_weight);
    double cw = column_weight(r, r->col_cweight);

    r->sum_w[label] += w;
    r->sum_cw[label] += w * cw;
    return w * cw;
}

/* The scorer parts training needs (no thresholds, no description): the
 * model defaults for lang, the LM at lm_path and, when words is given,
 * the word statistics there. */
static int scorer_setup(sv_garble_scorer *sc, const sv_resources *res,
                        sv_lang lang, const char *lm_path, const char *words,
                        sv_error *err)
{
    int rc;

    memset(sc, 0, sizeof(*sc));
    sc->res = res;
    sv__garble_model_defaults(&sc->model, lang);
    if ((rc = sv__charlm_load(&sc->lm, lm_path, err)) < 0)
        return rc;
    if (words && (rc = sv__wordstats_load(&sc->ws, words, err)) < 0)
        return rc;
    if (sv__garble_lex_init(&sc->lex, lang, sc->lm) < 0)
        return sv__error_oom(err);
    sc->lex.ws = sc->ws;
    return SV_OK;
}

static void scorer_dispose(sv_garble_scorer *sc)
{
    sv__garble_lex_dispose(&sc->lex);
    sv__charlm_free(sc->lm);
    sv__charlm_free(sc->src_lm);
    sv__wordstats_free(sc->ws);
}

/* Fold k's word statistics with n-gram weights learned without fold k's
 * rows, into a temporary file next to the model; words holds fold k's
 * own statistics on entry and the temporary file's path on return. */
static int fold_ngrams(rows *r, int k, char *words, size_t size)
{
    char base[1100];

    snprintf(base, sizeof(base), "%s", words);
    snprintf(words, size, "%.1000s.fold%d.words.tmp", r->out_path, k);
    return sv__ngram_learn_write(r->ngr, k, r->base_words ? base : NULL,
                                 words, "cross-fitting fold", r->err);
}

/* The scorer for the current row: its fold's (cross-fitting) or the
 * main one. */
static int row_scorer(rows *r, const sv_garble_scorer **out)
{
    char num[16], lm[1100], words[1100];
    size_t len;
    const char *f;
    long k;
    int rc;

    *out = r->sc;
    if (!r->folds_dir || r->col_fold < 0 ||
        (int)sv_tsv_row_count(r->row) <= r->col_fold)
        return SV_OK;
    f = sv_tsv_row_field(r->row, (size_t)r->col_fold, &len);
    snprintf(num, sizeof(num), "%.*s", (int)(len < 15 ? len : 15), f);
    k = strtol(num, NULL, 10);
    if (k < 1 || k > MAX_FOLDS)
        return sv__error_set(r->err, SV_EFORMAT, "line %zu: fold '%s' is "
                             "not a number from 1 to %d", r->pos, num,
                             MAX_FOLDS);
    if (!r->folds[k]) {
        sv_garble_scorer *sc = sv__calloc(1, sizeof(*sc));

        if (!sc)
            return sv__error_oom(r->err);
        r->folds[k] = sc;
        snprintf(lm, sizeof(lm), "%.1000s/fold%ld.lm", r->folds_dir, k);
        snprintf(words, sizeof(words), "%.1000s/fold%ld.words", r->folds_dir,
                 k);
        if (r->ngr) {
            rc = fold_ngrams(r, (int)k, words, sizeof(words));
            if (rc == SV_OK)
                rc = scorer_setup(sc, r->res, r->sc->model.lang, lm, words,
                                  r->err);
            remove(words); /* loaded: the temporary file is done */
        } else {
            rc = scorer_setup(sc, r->res, r->sc->model.lang, lm,
                              r->sc->ws ? words : NULL, r->err);
        }
        if (rc < 0)
            return rc;
        sc->lex.src_lm = r->sc->src_lm; /* borrowed: not fold-dependent */
    }
    *out = r->folds[k];
    return SV_OK;
}

static int on_row(const char *line, size_t len, void *payload)
{
    rows *r = payload;
    size_t flen, tlen;
    const char *lf, *tf;
    const sv_garble_scorer *sc;
    int rc, label;

    r->pos++;
    if ((rc = sv_tsv_row_parse(r->row, line, len)) < 0)
        return sv__error_oom(r->err);
    if (r->col_label < 0)
        return read_header(r);
    if ((int)sv_tsv_row_count(r->row) <= r->col_label ||
        (int)sv_tsv_row_count(r->row) <= r->col_text) {
        r->skipped++;
        return SV_OK;
    }
    lf = sv_tsv_row_field(r->row, (size_t)r->col_label, &flen);
    tf = sv_tsv_row_field(r->row, (size_t)r->col_text, &tlen);
    label = parse_label(lf, flen);
    if (label < 0) {
        r->skipped++;
        return SV_OK;
    }
    if ((rc = row_scorer(r, &sc)) < 0)
        return rc;
    return add_row(r, sc, label, tf, tlen, row_weight(r, label));
}

static void standardise(sv__garble_model *m, const rows *r)
{
    unsigned j;
    size_t i;

    for (j = 0; j < GF_COUNT; j++) {
        double s = 0, ss = 0, sw = 0, mean, var;

        if (m->fixed[j])
            continue;
        for (i = 0; i < r->n; i++) {
            double x = r->x[i * GF_COUNT + j];

            if (x == x) { /* NaN: a source feature of a row without one */
                s += r->wt[i] * x;
                sw += r->wt[i];
            }
        }
        mean = sw > 0 ? s / sw : 0;
        for (i = 0; i < r->n; i++) {
            double d = r->x[i * GF_COUNT + j] - mean;

            if (d == d)
                ss += r->wt[i] * d * d;
        }
        var = sw > 0 ? ss / sw : 0;
        m->mean[j] = mean;
        m->sd[j] = var > 1e-12 ? sqrt(var) : 1;
    }
}

/* Solve A x = b (A symmetric positive definite, NP x NP) by Cholesky. */
static int cholesky_solve(double *a, double *b)
{
    int i, j, k;

    for (j = 0; j < NP; j++) {
        double d = a[j * NP + j];

        for (k = 0; k < j; k++)
            d -= a[j * NP + k] * a[j * NP + k];
        if (d <= 0)
            return -1;
        a[j * NP + j] = sqrt(d);
        for (i = j + 1; i < NP; i++) {
            double s = a[i * NP + j];

            for (k = 0; k < j; k++)
                s -= a[i * NP + k] * a[j * NP + k];
            a[i * NP + j] = s / a[j * NP + j];
        }
    }
    for (i = 0; i < NP; i++) {
        for (k = 0; k < i; k++)
            b[i] -= a[i * NP + k] * b[k];
        b[i] /= a[i * NP + i];
    }
    for (i = NP - 1; i >= 0; i--) {
        for (k = i + 1; k < NP; k++)
            b[i] -= a[k * NP + i] * b[k];
        b[i] /= a[i * NP + i];
    }
    return 0;
}

/* One Newton step; returns the step's largest change. */
static double newton_step(sv__garble_model *m, const rows *r, double l2)
{
    double h[NP * NP], g[NP], z[NP], step = 0;
    size_t i;
    unsigned j, k;

    memset(h, 0, sizeof(h));
    memset(g, 0, sizeof(g));
    for (i = 0; i < r->n; i++) {
        const double *f = r->x + i * GF_COUNT;
        double p, wgt;

        p = 1.0 / (1.0 + exp(-sv__garble_logit(m, f, NULL)));
        z[0] = 1;
        for (j = 0; j < GF_COUNT; j++)
            z[j + 1] = m->fixed[j] ? 0 : sv__garble_z(m, f, j);
        wgt = r->wt[i] * p * (1 - p);
        for (j = 0; j < NP; j++) {
            g[j] += r->wt[i] * (p - r->y[i]) * z[j];
            for (k = 0; k <= j; k++)
                h[j * NP + k] += wgt * z[j] * z[k];
        }
    }
    for (j = 0; j < NP; j++) {
        for (k = j + 1; k < NP; k++)
            h[j * NP + k] = h[k * NP + j];
        h[j * NP + j] += j ? l2 : 1e-6;
        if (j && !m->fixed[j - 1])
            g[j] += l2 * m->w[j - 1];
        if (j && m->fixed[j - 1]) { /* keep fixed weights fixed */
            for (k = 0; k < NP; k++)
                h[j * NP + k] = h[k * NP + j] = 0;
            h[j * NP + j] = 1;
            g[j] = 0;
        }
    }
    if (cholesky_solve(h, g) < 0)
        return 0;
    m->bias -= g[0];
    for (j = 0; j < GF_COUNT; j++) {
        m->w[j] -= g[j + 1];
        step = fabs(g[j + 1]) > step ? fabs(g[j + 1]) : step;
    }
    return fabs(g[0]) > step ? fabs(g[0]) : step;
}

static void fit(sv__garble_model *m, const rows *r, double l2, unsigned iters)
{
    size_t i;
    unsigned it;

    double pos = 0, all = 0;

    for (i = 0; i < r->n; i++) {
        pos += r->wt[i] * r->y[i];
        all += r->wt[i];
    }
    m->bias = log((pos + 0.5) / (all - pos + 0.5));
    for (it = 0; it < iters; it++) {
        if (newton_step(m, r, l2) < 1e-7)
            break;
    }
    /* class weights shift the log-odds by the log ratio of the classes'
     * average class weight: taken back out, 0.5 keeps meaning "as likely
     * garbled as not" on the 'weight'-weighted data */
    if (r->sum_w[0] > 0 && r->sum_w[1] > 0 && r->sum_cw[0] > 0 &&
        r->sum_cw[1] > 0)
        m->bias -= log((r->sum_cw[1] / r->sum_w[1]) /
                       (r->sum_cw[0] / r->sum_w[0]));
}

static int save(const sv__garble_model *m, const rows *r, const char *path,
                const sv_garble_train_options *o, const char *lm_path,
                sv_error *err)
{
    char header[1200];
    size_t i, pos = 0;

    for (i = 0; i < r->n; i++)
        pos += r->y[i];
    snprintf(header, sizeof(header),
             "sverka garble model, format SVGM1 (src/garble/model.c): "
             "logistic regression over standardised features\n"
             "(score = 1 / (1 + exp(-(bias + sum weight * (x - mean) / sd))));"
             " prior = hand-set weight, not learned\n"
             "lang: %s; character LM: %s\n"
             "trained on: %s\n"
             "rows: %zu (%zu garbled, %zu clean, %zu skipped); "
             "L2 %.3g; made by: sverka flag --train\n"
             "thresholds: ok < %.2f <= suspect < %.2f <= garbled",
             m->lang == SV_LANG_RU ? "ru" : "en", lm_path,
             o->note ? o->note : "(no note)", r->n, pos, r->n - pos,
             r->skipped, o->l2 > 0 ? o->l2 : 1.0, m->suspect, m->garbled);
    return sv__garble_model_save(m, path, header, err);
}

int sv_garble_train_options_init(sv_garble_train_options *opts,
                                 unsigned int version)
{
    sv_garble_train_options init = SV_GARBLE_TRAIN_OPTIONS_INIT;

    if (!opts || version != SV_GARBLE_TRAIN_OPTIONS_VERSION)
        return SV_EINVAL;
    *opts = init;
    return SV_OK;
}

/* The word statistics: the given file, else garble_<lang>.words next to
 * the LM when it exists; the model records the file's name. */
static int load_words(sv_garble_scorer *sc, const sv_garble_train_options *o,
                      const char *lm_path, char *path, sv_error *err)
{
    char dir[1024];
    const char *base;
    FILE *fp;

    path[0] = '\0';
    if (o->words_path) {
        snprintf(path, WORDS_PATH_MAX, "%s", o->words_path);
    } else {
        sv__garble_dirname(lm_path, dir, sizeof(dir));
        snprintf(path, WORDS_PATH_MAX, "%.1000s/garble_%s.words", dir,
                 sc->model.lang == SV_LANG_RU ? "ru" : "en");
        fp = fopen(path, "r");
        if (!fp) {
            path[0] = '\0';
            return SV_OK; /* no statistics: the features stay 0 */
        }
        fclose(fp);
    }
    base = strrchr(path, '/');
    snprintf(sc->model.words_name, sizeof(sc->model.words_name), "%.127s",
             base ? base + 1 : path);
    return sv__wordstats_load(&sc->ws, path, err);
}

/* First pass over the TSV for the n-gram weights: the text, 'bow'
 * target (0/1; other values skip the row) and fold of every row. */
typedef struct bow_pass {
    sv_tsv_row *row;
    sv__ngram_rows *ngr;
    int col_text, col_bow, col_fold, header;
    sv_error *err;
} bow_pass;

static long field_long(sv_tsv_row *row, int col, long dflt)
{
    char num[16];
    size_t len;
    const char *f;

    if (col < 0 || (int)sv_tsv_row_count(row) <= col)
        return dflt;
    f = sv_tsv_row_field(row, (size_t)col, &len);
    if (len == 0 || len > 15)
        return dflt;
    snprintf(num, sizeof(num), "%.*s", (int)len, f);
    return strtol(num, NULL, 10);
}

static int on_bow_row(const char *line, size_t len, void *payload)
{
    bow_pass *b = payload;
    size_t tlen, i, n;
    const char *t;
    long target;

    if (sv_tsv_row_parse(b->row, line, len) < 0)
        return sv__error_oom(b->err);
    n = sv_tsv_row_count(b->row);
    if (!b->header) {
        b->header = 1;
        for (i = 0; i < n; i++) {
            const char *f = sv_tsv_row_field(b->row, i, &tlen);

            if (tlen == 4 && !memcmp(f, "text", 4))
                b->col_text = (int)i;
            else if (tlen == 3 && !memcmp(f, "bow", 3))
                b->col_bow = (int)i;
            else if (tlen == 4 && !memcmp(f, "fold", 4))
                b->col_fold = (int)i;
        }
        return SV_OK;
    }
    target = field_long(b->row, b->col_bow, -1);
    if (b->col_text < 0 || (int)n <= b->col_text ||
        (target != 0 && target != 1))
        return SV_OK;
    t = sv_tsv_row_field(b->row, (size_t)b->col_text, &tlen);
    return sv__ngram_rows_add(b->ngr, t, tlen, (int)target,
                              (int)field_long(b->row, b->col_fold, 0)) < 0
               ? sv__error_oom(b->err) : SV_OK;
}

/* With a 'bow' column: learn the n-gram weights on all its rows, write
 * them with the word statistics (base, "" when none) into
 * <model>-ngrams.words next to the model, and load that instead; keep
 * the rows for the folds' weights (r->ngr).  Nothing without the
 * column. */
static int ngram_pass(sv_garble_scorer *sc, rows *r, const char *tsv_path,
                      const char *base, const char *out_path,
                      const sv_garble_train_options *o, sv_error *err)
{
    bow_pass b;
    char path[WORDS_PATH_MAX + 16];
    const char *name;
    size_t stem;
    int rc;

    memset(&b, 0, sizeof(b));
    b.col_text = b.col_bow = b.col_fold = -1;
    b.err = err;
    if (sv_tsv_row_new(&b.row, err) < 0 || sv__ngram_rows_new(&b.ngr) < 0) {
        rc = sv__error_oom(err);
        goto done;
    }
    if ((rc = sv__garble_each_line(tsv_path, on_bow_row, &b, err)) < 0 ||
        b.col_bow < 0 || sv__ngram_rows_count(b.ngr) < 10)
        goto done;
    stem = strlen(out_path);
    if (stem > 6 && !strcmp(out_path + stem - 6, ".model"))
        stem -= 6;
    snprintf(path, sizeof(path), "%.*s-ngrams.words", (int)stem, out_path);
    if ((rc = sv__ngram_learn_write(b.ngr, 0, base[0] ? base : NULL, path,
                                    o->note, err)) < 0)
        goto done;
    sv__wordstats_free(sc->ws);
    sc->ws = NULL;
    if ((rc = sv__wordstats_load(&sc->ws, path, err)) < 0)
        goto done;
    name = strrchr(path, '/');
    snprintf(sc->model.words_name, sizeof(sc->model.words_name), "%.127s",
             name ? name + 1 : path);
    r->base_words = base[0] != '\0';
    r->ngr = b.ngr;
    b.ngr = NULL;
done:
    sv__ngram_rows_free(b.ngr);
    sv_tsv_row_free(b.row);
    return rc;
}

/* Unfix the hand-set features named in a comma-separated list; a name
 * after '-' is held at weight 0 instead (a feature cross-validation
 * found no use for in one model, e.g. repeat-content for Russian). */
static int learn_features(sv__garble_model *m, const char *list,
                          sv_error *err)
{
    while (list && *list) {
        const char *end = strchr(list, ',');
        size_t len = end ? (size_t)(end - list) : strlen(list);
        int hold = *list == '-' && len > 1;
        unsigned i;

        if (hold) {
            list++;
            len--;
        }

        for (i = 0; i < GF_COUNT; i++) {
            if (strlen(sv__garble_feature_names[i]) == len &&
                !memcmp(sv__garble_feature_names[i], list, len))
                break;
        }
        if (i == GF_COUNT)
            return sv__error_set(err, SV_EINVAL, "no garble feature "
                                 "'%.*s'", (int)len, list);
        m->fixed[i] = hold;
        m->w[i] = 0;
        list = end ? end + 1 : list + len;
    }
    return SV_OK;
}

int sv_garble_train(const sv_resources *res, sv_context *ctx,
                    const char *tsv_path, const char *out_path,
                    const sv_garble_train_options *opts, sv_error *err)
{
    sv_garble_train_options defaults = SV_GARBLE_TRAIN_OPTIONS_INIT;
    sv_garble_scorer sc;
    rows r;
    char lm_path[1024], words_path[WORDS_PATH_MAX];
    const char *dicts = res ? sv_resources_dicts_dir(res) : NULL;
    unsigned i;
    int rc;

    SV_ASSERT_ARG(tsv_path && out_path);
    if (!opts)
        opts = &defaults;
    memset(&sc, 0, sizeof(sc));
    memset(&r, 0, sizeof(r));
    r.col_label = r.col_text = r.col_weight = r.col_fold = -1;
    r.col_cweight = -1;
    r.col_source = r.col_bow = -1;
    r.out_path = out_path;
    r.err = err;
    r.res = res;
    r.folds_dir = opts->folds_dir;
    sc.res = res;
    sv__garble_model_defaults(&sc.model, opts->lang == SV_LANG_RU ?
                                             SV_LANG_RU : SV_LANG_EN);
    if ((rc = learn_features(&sc.model, opts->learn, err)) < 0)
        goto done;
    if (opts->lm_path)
        snprintf(lm_path, sizeof(lm_path), "%s", opts->lm_path);
    else
        snprintf(lm_path, sizeof(lm_path), "%s/%s", dicts ? dicts : ".",
                 sc.model.lm_name);
    if ((rc = sv__charlm_load(&sc.lm, lm_path, err)) < 0)
        goto done;
    if (opts->lm_path) {
        const char *base = strrchr(opts->lm_path, '/');

        snprintf(sc.model.lm_name, sizeof(sc.model.lm_name), "%s",
                 base ? base + 1 : opts->lm_path);
    }
    if ((rc = load_words(&sc, opts, lm_path, words_path, err)) < 0 ||
        (rc = ngram_pass(&sc, &r, tsv_path, words_path, out_path, opts,
                         err)) < 0)
        goto done;
    if (sv__garble_lex_init(&sc.lex, sc.model.lang, sc.lm) < 0 ||
        sv_tsv_row_new(&r.row, err) < 0) {
        rc = sv__error_oom(err);
        goto done;
    }
    sc.lex.ws = sc.ws;
    if (opts->source_lm_path) {
        const char *base = strrchr(opts->source_lm_path, '/');

        if ((rc = sv__charlm_load(&sc.src_lm, opts->source_lm_path,
                                  err)) < 0)
            goto done;
        snprintf(sc.model.source_lm_name, sizeof(sc.model.source_lm_name),
                 "%s", base ? base + 1 : opts->source_lm_path);
        sc.lex.src_lm = sc.src_lm;
    }
    r.sc = &sc;
    r.ctx = ctx;
    if ((rc = sv__garble_each_line(tsv_path, on_row, &r, err)) < 0)
        goto done;
    if (r.n < 10) {
        rc = sv__error_set(err, SV_EFORMAT, "%s: only %zu labeled rows",
                           tsv_path, r.n);
        goto done;
    }
    standardise(&sc.model, &r);
    fit(&sc.model, &r, opts->l2 > 0 ? opts->l2 : 1.0,
        opts->iterations ? opts->iterations : 50);
    rc = save(&sc.model, &r, out_path, opts, sc.model.lm_name, err);
done:
    for (i = 0; i <= MAX_FOLDS; i++) {
        if (r.folds[i])
            scorer_dispose(r.folds[i]);
        sv__free(r.folds[i]);
    }
    sv__garble_work_free(r.work);
    sv__ngram_rows_free(r.ngr);
    sv_tsv_row_free(r.row);
    sv__free(r.x);
    sv__free(r.wt);
    sv__free(r.y);
    scorer_dispose(&sc);
    return rc;
}
