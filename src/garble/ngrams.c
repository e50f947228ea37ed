/* SPDX-License-Identifier: MIT */
/*
 * Learning the word n-gram weights of a garble model (sv_garble_train
 * with a 'bow' column): a sparse logistic regression over the presence
 * of token unigrams and bigrams, fitted by AdaGrad in a fixed shuffled
 * order (reproducible), of which the strongest weights are kept and
 * written into a word-statistics file next to the model.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf_internal.h"
#include "base/error_internal.h"
#include "base/hashmap.h"
#include "garble/garble_internal.h"
#include "garble/ngrams.h"
#include "lang/token.h"

/* Chosen by cross-validation on the ru-en training rows (garble_cv.sh,
 * mean AUC): 2000 weights kept 0.739 (1000: 0.732, 4000: 0.738), and the
 * table stays small enough for the cache; 8 epochs (4: 0.739, 16:
 * 0.733); the average of 10 orders (1: 0.732, 5: 0.737, 20: 0.738). */
#define KEEP 2000
#define EPOCHS 8
#define RATE 0.1
#define BIAS_RATE 0.05
#define L2 1e-3
#define RUNS 10

#define NO_ID UINT32_MAX

typedef struct row {
    size_t first, n; /* ids[first .. first + n) */
    int target, fold;
} row;

struct sv__ngram_rows {
    sv__hashmap *ids;  /* 8-byte key hash -> feature id */
    sv_buf text;       /* key texts, each NUL-terminated */
    size_t *text_at;   /* [id] offset of its key text */
    uint32_t *second;  /* [id] a bigram's second token's unigram id, or
                          NO_ID (unigrams, bigrams ending in "</s>") */
    size_t nfeat, cap_feat;
    uint32_t *ids_buf; /* features of every row */
    size_t nids, cap_ids;
    row *rows;
    size_t nrows, cap_rows;
};

int sv__ngram_present(const sv__wordstats *ws)
{
    uint64_t h = sv__word_hash(SV__NGRAM_SENTINEL,
                               sizeof(SV__NGRAM_SENTINEL) - 1);

    return ws && ws->slots[sv__wordstats_find(ws, h)].key != 0;
}

int sv__ngram_rows_new(sv__ngram_rows **out)
{
    sv__ngram_rows *r = sv__calloc(1, sizeof(*r));

    *out = NULL;
    if (!r || !(r->ids = sv__hashmap_new(1 << 16))) {
        sv__free(r);
        return SV_ENOMEM;
    }
    *out = r;
    return SV_OK;
}

void sv__ngram_rows_free(sv__ngram_rows *r)
{
    if (!r)
        return;
    sv__hashmap_free(r->ids);
    sv_buf_dispose(&r->text);
    sv__free(r->text_at);
    sv__free(r->second);
    sv__free(r->ids_buf);
    sv__free(r->rows);
    sv__free(r);
}

size_t sv__ngram_rows_count(const sv__ngram_rows *r)
{
    return r->nrows;
}

/* The id of key (hash) with text a + " " + b (b NULL: a + " "); second:
 * the bigram's second token's unigram id or NO_ID. */
static int feature_id(sv__ngram_rows *r, uint64_t key, const char *a,
                      size_t alen, const char *b, size_t blen,
                      uint32_t second, uint32_t *id)
{
    size_t cap = r->cap_feat;
    uint64_t v;
    int rc;

    if (sv__hashmap_get(r->ids, (const char *)&key, sizeof(key), &v)) {
        *id = (uint32_t)v;
        return SV_OK;
    }
    if ((rc = sv__grow_array((void **)&r->text_at, &r->cap_feat, r->nfeat + 1,
                             sizeof(size_t))) < 0 ||
        (rc = sv__grow_array((void **)&r->second, &cap, r->nfeat + 1,
                             sizeof(uint32_t))) < 0)
        return rc;
    r->text_at[r->nfeat] = r->text.size;
    r->second[r->nfeat] = second;
    if (sv_buf_put(&r->text, a, alen) < 0 || sv_buf_put(&r->text, " ", 1) < 0 ||
        (b && sv_buf_put(&r->text, b, blen) < 0) ||
        sv_buf_put(&r->text, "", 1) < 0)
        return SV_ENOMEM;
    if ((rc = sv__hashmap_put(r->ids, (const char *)&key, sizeof(key),
                              r->nfeat)) < 0)
        return rc;
    *id = (uint32_t)r->nfeat++;
    return SV_OK;
}

static int push_id(sv__ngram_rows *r, uint32_t id)
{
    if (sv__grow_array((void **)&r->ids_buf, &r->cap_ids, r->nids + 1,
                       sizeof(uint32_t)) < 0)
        return SV_ENOMEM;
    r->ids_buf[r->nids++] = id;
    return SV_OK;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

    return x < y ? -1 : x > y;
}

/* One token (or boundary mark) of a row: its unigram (not for marks)
 * and its bigram with the previous one. */
static int add_token(sv__ngram_rows *r, const char *t, size_t len, int mark,
                     const char **prev, size_t *prev_len, uint64_t *prev_hash)
{
    uint64_t h = sv__word_hash(t, len);
    uint32_t id, uni = NO_ID;
    int rc;

    if (!mark && ((rc = feature_id(r, sv__ngram_unigram(h), t, len, NULL, 0,
                                   NO_ID, &uni)) < 0 ||
                  (rc = push_id(r, uni)) < 0))
        return rc;
    if (*prev &&
        ((rc = feature_id(r, sv__ngram_bigram(*prev_hash, t, len), *prev,
                          *prev_len, t, len, uni, &id)) < 0 ||
         (rc = push_id(r, id)) < 0))
        return rc;
    *prev = t;
    *prev_len = len;
    *prev_hash = h;
    return SV_OK;
}

int sv__ngram_rows_add(sv__ngram_rows *r, const char *text, size_t len,
                       int target, int fold)
{
    sv__tokenizer tk;
    sv__token t;
    const char *prev = NULL;
    size_t prev_len = 0, first = r->nids, i, n;
    uint64_t prev_hash = 0;
    int rc;

    if ((rc = add_token(r, "<s>", 3, 1, &prev, &prev_len, &prev_hash)) < 0)
        return rc;
    sv__tok_init(&tk, text, len, SV__TOK_SKIP_SPACE);
    while (sv__tok_next(&tk, &t)) {
        if (t.kind != SV__TOK_SPACE &&
            (rc = add_token(r, text + t.start, t.end - t.start, 0, &prev,
                            &prev_len, &prev_hash)) < 0)
            return rc;
    }
    if ((rc = add_token(r, "</s>", 4, 1, &prev, &prev_len, &prev_hash)) < 0)
        return rc;
    /* presence, not counts: each feature once per row */
    qsort(r->ids_buf + first, r->nids - first, sizeof(uint32_t), cmp_u32);
    for (i = first, n = first; i < r->nids; i++) {
        if (n == first || r->ids_buf[n - 1] != r->ids_buf[i])
            r->ids_buf[n++] = r->ids_buf[i];
    }
    r->nids = n;
    if (sv__grow_array((void **)&r->rows, &r->cap_rows, r->nrows + 1,
                       sizeof(row)) < 0)
        return SV_ENOMEM;
    r->rows[r->nrows].first = first;
    r->rows[r->nrows].n = n - first;
    r->rows[r->nrows].target = target;
    r->rows[r->nrows++].fold = fold;
    return SV_OK;
}

/* AdaGrad over the rows not in skip_fold, in a fixed pseudo-random
 * order per epoch (seeded by rnd). */
static void fit_once(const sv__ngram_rows *r, int skip_fold, double *w,
                     double *g2, size_t *order, uint64_t rnd)
{
    size_t n = 0, i, e;
    double b = 0;

    for (i = 0; i < r->nrows; i++) {
        if (skip_fold == 0 || r->rows[i].fold != skip_fold)
            order[n++] = i;
    }
    for (i = 0; i < r->nfeat; i++) {
        w[i] = 0;
        g2[i] = 1e-8;
    }
    for (e = 0; e < EPOCHS; e++) {
        for (i = n; i > 1; i--) { /* Fisher-Yates with xorshift64 */
            size_t j, t;

            rnd ^= rnd << 13;
            rnd ^= rnd >> 7;
            rnd ^= rnd << 17;
            j = (size_t)(rnd % i);
            t = order[i - 1];
            order[i - 1] = order[j];
            order[j] = t;
        }
        for (i = 0; i < n; i++) {
            const row *x = &r->rows[order[i]];
            const uint32_t *f = r->ids_buf + x->first;
            double s = b, p, g;
            size_t k;

            for (k = 0; k < x->n; k++)
                s += w[f[k]];
            s = s > 30 ? 30 : s < -30 ? -30 : s;
            p = 1.0 / (1.0 + exp(-s));
            g = p - x->target;
            b -= BIAS_RATE * g;
            for (k = 0; k < x->n; k++) {
                double gx = g + L2 * w[f[k]];

                g2[f[k]] += gx * gx;
                w[f[k]] -= RATE * gx / sqrt(g2[f[k]]);
            }
        }
    }
}

typedef struct strength {
    double abs_w;
    size_t id;
} strength;

/* Strongest first; ties by id, so the order is reproducible. */
static int cmp_strength(const void *a, const void *b)
{
    const strength *x = a, *y = b;

    if (x->abs_w != y->abs_w)
        return x->abs_w > y->abs_w ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* One key line: weight w (rounded to an even edit value) and the flag
 * of a token that ends a stored bigram (odd). */
static void put_key(FILE *fp, const char *key, double w, int ends)
{
    long v = lround((w + SV__NGRAM_OFFSET) * 1000.0);

    v = v < 0 ? 0 : v > 65534 ? 65534 : v;
    v = (v & ~1L) | (ends ? 1 : 0);
    fprintf(fp, "%s\t%.3f\t0\n", key, (double)v / 1000.0);
}

/* The kept keys, then the unigrams that end a kept bigram without being
 * kept themselves (weight 0, for their flag). */
static void put_keys(FILE *fp, const sv__ngram_rows *r, const double *w,
                     const strength *top, size_t keep, unsigned char *mark)
{
    size_t i;

    for (i = 0; i < keep; i++) {
        uint32_t s = r->second[top[i].id];

        if (s != NO_ID)
            mark[s] |= 1; /* ends a kept bigram */
    }
    for (i = 0; i < keep; i++) {
        mark[top[i].id] |= 2; /* written */
        put_key(fp, r->text.ptr + r->text_at[top[i].id], w[top[i].id],
                mark[top[i].id] & 1);
    }
    for (i = 0; i < r->nfeat; i++) {
        if (mark[i] == 1)
            put_key(fp, r->text.ptr + r->text_at[i], 0.0, 1);
    }
}

typedef struct copying {
    FILE *fp;
} copying;

static int copy_line(const char *line, size_t len, void *payload)
{
    copying *c = payload;

    return fwrite(line, 1, len, c->fp) == len && fputc('\n', c->fp) != EOF
               ? SV_OK : SV_EIO;
}

static int write_file(const sv__ngram_rows *r, const double *w,
                      const strength *top, size_t keep, unsigned char *mark,
                      const char *base, const char *path, const char *note,
                      sv_error *err)
{
    FILE *fp = fopen(path, "w");
    copying c;
    int rc = SV_OK, ok;

    if (!fp)
        return sv__error_set(err, SV_EIO, "%s: cannot write", path);
    c.fp = fp;
    if (base)
        rc = sv__garble_each_line(base, copy_line, &c, err);
    else
        fprintf(fp, "SVGW1 prior=0\n");
    if (rc == SV_OK) {
        fprintf(fp, "# n-gram weights (keys 'w ' and 'a b'; edit column = "
                "weight + %.0f, odd: the token ends a stored bigram): %zu "
                "of %zu, sparse logistic regression on %s\n%s\t%.3f\t0\n",
                SV__NGRAM_OFFSET, keep, r->nfeat, note ? note : "(no note)",
                SV__NGRAM_SENTINEL, SV__NGRAM_OFFSET);
        put_keys(fp, r, w, top, keep, mark);
    }
    ok = !ferror(fp);
    if (fclose(fp) != 0)
        ok = 0;
    if (rc == SV_OK && !ok)
        rc = sv__error_set(err, SV_EIO, "%s: write failed", path);
    return rc;
}

/* The average of RUNS fits in different orders: one order's weights
 * vary enough to move the cross-validated AUC by 0.01. */
static int fit(const sv__ngram_rows *r, int skip_fold, double *w,
               double *g2, size_t *order)
{
    size_t nf = r->nfeat ? r->nfeat : 1, i;
    double *one = sv__calloc(nf, sizeof(double));
    unsigned k;

    if (!one)
        return SV_ENOMEM;
    for (i = 0; i < r->nfeat; i++)
        w[i] = 0;
    for (k = 0; k < RUNS; k++) {
        fit_once(r, skip_fold, one, g2, order,
                 UINT64_C(0x2545F4914F6CDD1D) +
                     k * UINT64_C(0x9E3779B97F4A7C15));
        for (i = 0; i < r->nfeat; i++)
            w[i] += one[i] / RUNS;
    }
    sv__free(one);
    return SV_OK;
}

int sv__ngram_learn_write(const sv__ngram_rows *r, int skip_fold,
                          const char *base_words, const char *out_path,
                          const char *note, sv_error *err)
{
    size_t nf = r->nfeat ? r->nfeat : 1, keep, i;
    double *w = sv__calloc(nf, sizeof(double));
    double *g2 = sv__calloc(nf, sizeof(double));
    size_t *order = sv__calloc(r->nrows ? r->nrows : 1, sizeof(size_t));
    strength *top = sv__calloc(nf, sizeof(strength));
    unsigned char *mark = sv__calloc(nf, 1);
    int rc;

    if (!w || !g2 || !order || !top || !mark) {
        rc = sv__error_oom(err);
        goto done;
    }
    if (fit(r, skip_fold, w, g2, order) < 0) {
        rc = sv__error_oom(err);
        goto done;
    }
    for (i = 0; i < r->nfeat; i++) {
        top[i].abs_w = fabs(w[i]);
        top[i].id = i;
    }
    qsort(top, r->nfeat, sizeof(strength), cmp_strength);
    keep = r->nfeat < KEEP ? r->nfeat : KEEP;
    while (keep > 0 && top[keep - 1].abs_w == 0)
        keep--;
    rc = write_file(r, w, top, keep, mark, base_words, out_path, note, err);
done:
    sv__free(w);
    sv__free(g2);
    sv__free(order);
    sv__free(top);
    sv__free(mark);
    return rc;
}
