/* SPDX-License-Identifier: MIT */
/*
 * The aligner's dynamic programme over beads 1-1, 1-0, 0-1, 2-1, 1-2,
 * 2-2, 1-3, 3-1, 2-3 and 3-2 inside a band around a centre line (the diagonal, or
 * the path through the anchors), so time and memory are linear in the
 * number of sentences.  Bead cost = Gale-Church length term + lexical
 * term (shared evidence relative to what true pairs of this document
 * share) + a prior per bead type; a skipped sentence has a fixed cost.
 * When the best path touches the band's edge the band is widened and
 * the programme run again.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "align/align_internal.h"
#include "base/alloc.h"
#include "base/error_internal.h"

const sv__al_move sv__al_moves[SV__AL_NMOVES] = {
    {1, 1}, {1, 0}, {0, 1}, {2, 1}, {1, 2}, {2, 2}, {1, 3}, {3, 1}, {2, 3}, {3, 2}};

/* Tuned on the perturbed WMT ru-en development data (tests/bench). */
#define LAMBDA 3.0       /* weight of the lexical term */
#define SHORT_CHARS 30.0 /* below this, a sentence is cheaper to skip */
#define SKIP_COST 4.0    /* per sentence left without a counterpart */
#define PARA_CROSS 3.0   /* bead spanning a paragraph break on one side */
#define MAX_RATIO 1.0    /* lexical evidence ratio cap */
#define NEUTRAL_RATIO 0.5 /* ratio assumed when neither side has evidence */
#define MIN_WEIGHT 1.0   /* evidence weight a sentence counts at least */
#define FULL_CELLS ((size_t)1 << 18) /* below this, no band at all */
#define AUTO_BAND 24
#define CONF_TEMP 1.5

/* -log of how much rarer than 1-1 each bead type is, close to Gale and
 * Church's estimates (1-1 0.89, 2-1 0.089, 2-2 0.011); 2-3 and 3-2 (not
 * in the list, but 2% of the Text+Berg gold) are rarer still */
static const double prior[SV__AL_NMOVES] = {0.0, 0.0, 0.0, 2.4, 2.4,
                                            6.0, 5.4, 5.4, 8.0, 8.0};

typedef struct pairv {
    float ms, mt;
} pairv;

typedef struct dp {
    const sv_aligner *al;
    const sv__al_side *src, *tgt;
    size_t s0, t0, n, m;
    size_t *lo, *hi;          /* band per row 0..n */
    size_t *row;              /* cell offset per row */
    float *cost;
    uint8_t *back;
    size_t *plo, *phi, *poff; /* pair cache range per source sentence */
    pairv *pairs;
    double norm;              /* typical evidence of a true pair */
} dp;

static void dp_free(dp *d)
{
    sv__free(d->lo);
    sv__free(d->hi);
    sv__free(d->row);
    sv__free(d->cost);
    sv__free(d->back);
    sv__free(d->plo);
    sv__free(d->phi);
    sv__free(d->poff);
    sv__free(d->pairs);
}

static size_t min_sz(size_t a, size_t b)
{
    return a < b ? a : b;
}

/* Band rows from the centre line and half-width w. */
static int make_band(dp *d, const double *centre, size_t w)
{
    size_t i, total = 0;

    for (i = 0; i <= d->n; i++) {
        double c = centre ? centre[i] : 0;
        double l = c - (double)w, h = c + (double)w;

        d->lo[i] = centre ? (l <= 0 ? 0 : min_sz((size_t)l, d->m)) : 0;
        d->hi[i] = centre ? (h >= (double)d->m ? d->m : (size_t)ceil(h))
                          : d->m;
        if (i > 0 && d->lo[i] < d->lo[i - 1])
            d->lo[i] = d->lo[i - 1];
    }
    d->lo[0] = 0;
    d->hi[d->n] = d->m;
    for (i = d->n; i-- > 0;)
        if (d->hi[i] > d->hi[i + 1])
            d->hi[i] = d->hi[i + 1];
    for (i = 0; i <= d->n; i++) {
        if (d->lo[i] > d->hi[i])
            d->lo[i] = d->hi[i];
        d->row[i] = total;
        total += d->hi[i] - d->lo[i] + 1;
    }
    d->row[d->n + 1] = total;
    sv__free(d->cost);
    sv__free(d->back);
    d->cost = sv__malloc(total * sizeof(*d->cost));
    d->back = sv__malloc(total * sizeof(*d->back));
    return d->cost && d->back ? SV_OK : SV_ENOMEM;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

static double pair_sim(const dp *d, size_t i, size_t j, const pairv *p)
{
    double w = d->src->sents[d->s0 + i].weight +
               d->tgt->sents[d->t0 + j].weight;

    return w > 0 ? (p->ms + p->mt) / w : 0.0;
}

/* Evidence shared by every (source, target) pair a bead can touch. */
static int fill_pairs(dp *d)
{
    size_t i, j, total = 0, nmax = 0;
    double *best;

    for (i = 0; i < d->n; i++) {
        size_t lo = d->lo[i + 1] >= 3 ? d->lo[i + 1] - 3 : 0;
        size_t hi = d->hi[min_sz(d->n, i + 3)];

        d->plo[i] = lo;
        d->phi[i] = hi > lo ? hi : lo;
        d->poff[i] = total;
        total += d->phi[i] - d->plo[i];
    }
    sv__free(d->pairs);
    d->pairs = sv__malloc((total ? total : 1) * sizeof(*d->pairs));
    best = sv__malloc((d->n ? d->n : 1) * sizeof(*best));
    if (!d->pairs || !best) {
        sv__free(best);
        return SV_ENOMEM;
    }
    for (i = 0; i < d->n; i++) {
        double b = -1;

        for (j = d->plo[i]; j < d->phi[i]; j++) {
            pairv *p = &d->pairs[d->poff[i] + j - d->plo[i]];

            sv__al_pair_match(d->src, d->s0 + i, d->tgt, d->t0 + j, &p->ms,
                              &p->mt);
            if (pair_sim(d, i, j, p) > b)
                b = pair_sim(d, i, j, p);
        }
        if (d->src->sents[d->s0 + i].weight > 0 && b >= 0)
            best[nmax++] = b;
    }
    /* The median of each source sentence's best pair: what a true pair
     * shares in this document and language pair. */
    d->norm = 0.05;
    if (nmax) {
        qsort(best, nmax, sizeof(*best), cmp_double);
        if (best[nmax / 2] > d->norm)
            d->norm = best[nmax / 2];
    }
    sv__free(best);
    return SV_OK;
}

static const pairv *pair_at(const dp *d, size_t i, size_t j)
{
    static const pairv none = {0, 0};

    if (j < d->plo[i] || j >= d->phi[i])
        return &none;
    return &d->pairs[d->poff[i] + j - d->plo[i]];
}

/* Leaving a sentence out costs SKIP_COST, less for a very short one
 * (captions, list numbers, "....." lines are often left untranslated,
 * and merging them into a neighbour would spoil a good bead). */
static double skip_cost(const sv__al_sent *s)
{
    double f = s->chars >= SHORT_CHARS ? 1.0 : (double)s->chars / SHORT_CHARS;

    return SKIP_COST * (0.5 + 0.5 * f);
}

/* Lexical, length and prior cost of source [i, i+a) with target [j, j+b)
 * (segment-relative); *sim gets the raw shared evidence.  As in Vecalign,
 * the lexical shortfall is multiplied by a * b: a many-to-many bead pools
 * evidence from wrong pairings too, so it must beat the finer beads by a
 * clear margin. */
static double bead_cost(const dp *d, size_t i, size_t a, size_t j, size_t b,
                        int move, double *sim)
{
    /* sents is NULL for a side without sentences (no offset on NULL) */
    const sv__al_sent *ss = d->src->sents ? d->src->sents + d->s0 : NULL;
    const sv__al_sent *ts = d->tgt->sents ? d->tgt->sents + d->t0 : NULL;
    double ls = 0, lt = 0, ws = 0, wt = 0, ms = 0, mt = 0, pad = 0, ratio;
    double cost;
    size_t x, y;

    *sim = 0;
    if (a == 0 || b == 0)
        return skip_cost(a ? &ss[i] : &ts[j]);
    for (x = i; x < i + a; x++) {
        ls += ss[x].chars;
        ws += ss[x].weight;
        pad += ss[x].weight > 0 ? 0 : MIN_WEIGHT;
        for (y = j; y < j + b; y++) {
            const pairv *p = pair_at(d, x, y);

            ms += p->ms;
            mt += p->mt;
        }
    }
    for (y = j; y < j + b; y++) {
        lt += ts[y].chars;
        wt += ts[y].weight;
        pad += ts[y].weight > 0 ? 0 : MIN_WEIGHT;
    }
    if (ms > ws)
        ms = ws;
    if (mt > wt)
        mt = wt;
    if (ws + wt > 0) {
        /* a sentence without evidence still weighs MIN_WEIGHT, so that it
         * does not join a bead for free */
        *sim = (ms + mt) / (ws + wt + pad);
        ratio = *sim / d->norm;
        if (ratio > MAX_RATIO)
            ratio = MAX_RATIO;
    } else {
        ratio = NEUTRAL_RATIO;
    }
    cost = sv__al_len_cost(&d->al->len, ls, lt) +
           LAMBDA * (1.0 - ratio) * (double)(a * b) + prior[move];
    if (ss[i].para != ss[i + a - 1].para || ts[j].para != ts[j + b - 1].para)
        cost += PARA_CROSS;
    return cost;
}

static void run_dp(dp *d)
{
    size_t i, j;
    int k;

    for (i = 0; i <= d->n; i++) {
        for (j = d->lo[i]; j <= d->hi[i]; j++) {
            size_t cell = d->row[i] + j - d->lo[i];
            double best = (i == 0 && j == 0) ? 0.0 : DBL_MAX, sim;
            int arg = 255;

            for (k = 0; k < SV__AL_NMOVES && !(i == 0 && j == 0); k++) {
                size_t a = sv__al_moves[k].a, b = sv__al_moves[k].b, pi, pj;
                float prev;
                double c;

                if (a > i || b > j)
                    continue;
                pi = i - a;
                pj = j - b;
                if (pj < d->lo[pi] || pj > d->hi[pi])
                    continue;
                prev = d->cost[d->row[pi] + pj - d->lo[pi]];
                if (prev >= FLT_MAX)
                    continue;
                c = prev + bead_cost(d, pi, a, pj, b, k, &sim);
                if (c < best) {
                    best = c;
                    arg = k;
                }
            }
            d->cost[cell] = best >= FLT_MAX ? FLT_MAX : (float)best;
            d->back[cell] = (uint8_t)arg;
        }
    }
}

/* Walk back from (n, m); collect beads in reverse; 1 if the path touches
 * an inner edge of the band. */
static int backtrace(dp *d, sv__al_beads *tmp)
{
    size_t i = d->n, j = d->m;
    int touched = 0;

    tmp->n = 0;
    while (i > 0 || j > 0) {
        size_t cell = d->row[i] + j - d->lo[i];
        int k = d->back[cell];
        sv__al_raw_bead *b;

        if (k == 255)
            return -1;
        if ((j == d->lo[i] && d->lo[i] > 0) || (j == d->hi[i] && d->hi[i] < d->m))
            touched = 1;
        if (tmp->n == tmp->cap) {
            size_t cap = tmp->cap ? tmp->cap * 2 : 256;
            sv__al_raw_bead *v = sv__realloc(tmp->v, cap * sizeof(*v));

            if (!v)
                return SV_ENOMEM;
            tmp->v = v;
            tmp->cap = cap;
        }
        b = &tmp->v[tmp->n++];
        b->a = sv__al_moves[k].a;
        b->b = sv__al_moves[k].b;
        b->i = i - b->a;
        b->j = j - b->b;
        i = b->i;
        j = b->j;
    }
    return touched;
}

static double sigmoid(double x)
{
    return 1.0 / (1.0 + exp(-x));
}

/* Best evidence ratio of a skipped sentence against the nearby sentences
 * of the other side: a high one means the skip may be a miss. */
static double skip_confidence(const dp *d, const sv__al_raw_bead *b)
{
    double best = 0;
    size_t x, lo, hi;

    if (b->a == 1) {
        lo = d->plo[b->i];
        hi = d->phi[b->i];
        for (x = lo; x < hi; x++) {
            double s = pair_sim(d, b->i, x, pair_at(d, b->i, x)) / d->norm;

            if (s > best)
                best = s;
        }
    } else {
        lo = b->i >= 3 ? b->i - 3 : 0;
        hi = min_sz(d->n, b->i + 3);
        for (x = lo; x < hi; x++) {
            double s = pair_sim(d, x, b->j, pair_at(d, x, b->j)) / d->norm;

            if (s > best)
                best = s;
        }
    }
    best = 1.0 - best;
    return best < 0.05 ? 0.05 : best > 0.99 ? 0.99 : best;
}

/* Append the beads (absolute indices) with costs and confidences. */
static int emit(dp *d, sv__al_beads *tmp, sv__al_beads *out)
{
    size_t k;

    for (k = tmp->n; k-- > 0;) {
        sv__al_raw_bead b = tmp->v[k];
        int move;

        for (move = 0; move < SV__AL_NMOVES; move++)
            if (sv__al_moves[move].a == b.a && sv__al_moves[move].b == b.b)
                break;
        b.cost = bead_cost(d, b.i, b.a, b.j, b.b, move, &b.sim);
        if (b.a == 0 || b.b == 0)
            b.confidence = skip_confidence(d, &b);
        else
            b.confidence = sigmoid((SKIP_COST * (double)(b.a + b.b) - b.cost) /
                                   CONF_TEMP);
        b.i += d->s0;
        b.j += d->t0;
        if (out->n == out->cap) {
            size_t cap = out->cap ? out->cap * 2 : 256;
            sv__al_raw_bead *v = sv__realloc(out->v, cap * sizeof(*v));

            if (!v)
                return SV_ENOMEM;
            out->v = v;
            out->cap = cap;
        }
        out->v[out->n++] = b;
    }
    return SV_OK;
}

static int alloc_rows(dp *d)
{
    d->lo = sv__malloc((d->n + 1) * sizeof(size_t));
    d->hi = sv__malloc((d->n + 1) * sizeof(size_t));
    d->row = sv__malloc((d->n + 2) * sizeof(size_t));
    d->plo = sv__malloc((d->n + 1) * sizeof(size_t));
    d->phi = sv__malloc((d->n + 1) * sizeof(size_t));
    d->poff = sv__malloc((d->n + 1) * sizeof(size_t));
    return d->lo && d->hi && d->row && d->plo && d->phi && d->poff ? SV_OK
                                                                   : SV_ENOMEM;
}

int sv__al_dp(const sv_aligner *al, const sv__al_side *src, size_t s0,
              size_t n, const sv__al_side *tgt, size_t t0, size_t m,
              sv__al_beads *out, sv_error *err)
{
    dp d;
    sv__al_beads tmp = {NULL, 0, 0};
    double *centre = NULL;
    size_t w = al->opts.band ? al->opts.band : AUTO_BAND;
    int rc, touched;

    memset(&d, 0, sizeof(d));
    d.al = al;
    d.src = src;
    d.tgt = tgt;
    d.s0 = s0;
    d.t0 = t0;
    d.n = n;
    d.m = m;
    if ((rc = alloc_rows(&d)) < 0)
        goto done;
    if ((n + 1) * (m + 1) > FULL_CELLS) {
        centre = sv__malloc((n + 1) * sizeof(*centre));
        if (!centre) {
            rc = SV_ENOMEM;
            goto done;
        }
        if ((rc = sv__al_band_centre(src, s0, n, tgt, t0, m, centre)) < 0)
            goto done;
    }
    for (;;) {
        if ((rc = make_band(&d, centre, w)) < 0 || (rc = fill_pairs(&d)) < 0)
            goto done;
        run_dp(&d);
        if ((touched = backtrace(&d, &tmp)) < 0) {
            rc = touched == SV_ENOMEM ? SV_ENOMEM : SV_ERROR;
            goto done;
        }
        if (!touched || !centre || al->opts.band || w >= (n > m ? n : m))
            break;
        w *= 2;
    }
    rc = emit(&d, &tmp, out);
done:
    sv__free(centre);
    sv__free(tmp.v);
    dp_free(&d);
    if (rc == SV_ENOMEM)
        return sv__error_oom(err);
    if (rc < 0)
        return sv__error_set(err, rc, "alignment failed: no path through "
                             "the band");
    return SV_OK;
}
