/* SPDX-License-Identifier: MIT */
/*
 * Anchors for long inputs: a key (number, name, rare word) found in exactly
 * one source and one target sentence links that pair; pairs linked by at
 * least two such keys are candidates, the longest chain of them that is
 * monotone on both sides is kept, and the band of the DP follows the
 * piecewise-linear path through the chain.  Sorting only: O(K log K).
 */
#include <stdlib.h>
#include <string.h>

#include "align/align_internal.h"
#include "base/alloc.h"

typedef struct occ {
    uint32_t hash;
    uint32_t sent;
} occ;

typedef struct link {
    uint32_t i, j;
} link;

static int cmp_occ(const void *a, const void *b)
{
    const occ *x = a, *y = b;

    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return x->sent < y->sent ? -1 : x->sent > y->sent;
}

static int cmp_link(const void *a, const void *b)
{
    const link *x = a, *y = b;

    if (x->i != y->i)
        return x->i < y->i ? -1 : 1;
    return x->j < y->j ? -1 : x->j > y->j;
}

/* (hash, sentence) once per sentence, sorted. */
static occ *collect(const sv__al_side *side, size_t s0, size_t n, size_t *cnt)
{
    size_t total = 0, i, k, out = 0;
    occ *v;

    for (i = 0; i < n; i++)
        total += side->sents[s0 + i].key_count;
    v = sv__malloc((total ? total : 1) * sizeof(*v));
    if (!v)
        return NULL;
    for (i = 0; i < n; i++) {
        const sv__al_sent *s = &side->sents[s0 + i];

        for (k = 0; k < s->key_count; k++) {
            uint32_t h = side->keys[s->key_first + k].hash;

            /* keys are sorted per sentence: skip repeats */
            if (k > 0 && side->keys[s->key_first + k - 1].hash == h)
                continue;
            v[out].hash = h;
            v[out].sent = (uint32_t)i;
            out++;
        }
    }
    qsort(v, out, sizeof(*v), cmp_occ);
    *cnt = out;
    return v;
}

/* Pairs linked by keys unique on both sides; links repeat per key. */
static link *unique_links(const occ *a, size_t na, const occ *b, size_t nb,
                          size_t *cnt)
{
    size_t i = 0, j = 0, out = 0, cap = 256;
    link *v = sv__malloc(cap * sizeof(*v));

    while (v && i < na && j < nb) {
        size_t ie = i, je = j;

        if (a[i].hash < b[j].hash) {
            i++;
            continue;
        }
        if (a[i].hash > b[j].hash) {
            j++;
            continue;
        }
        while (ie < na && a[ie].hash == a[i].hash)
            ie++;
        while (je < nb && b[je].hash == b[j].hash)
            je++;
        if (ie - i == 1 && je - j == 1) {
            if (out == cap) {
                link *w = sv__realloc(v, cap * 2 * sizeof(*v));

                if (!w) {
                    sv__free(v);
                    return NULL;
                }
                v = w;
                cap *= 2;
            }
            v[out].i = a[i].sent;
            v[out].j = b[j].sent;
            out++;
        }
        i = ie;
        j = je;
    }
    *cnt = out;
    return v;
}

/* Keep pairs linked at least twice (deduplicated), sorted by i then j. */
static size_t strong_links(link *v, size_t n)
{
    size_t i = 0, out = 0;

    qsort(v, n, sizeof(*v), cmp_link);
    while (i < n) {
        size_t e = i;

        while (e < n && v[e].i == v[i].i && v[e].j == v[i].j)
            e++;
        if (e - i >= 2)
            v[out++] = v[i];
        i = e;
    }
    return out;
}

/* Longest chain strictly increasing in i and j (patience sorting). */
static size_t longest_chain(link *v, size_t n)
{
    size_t *tail = sv__malloc((n + 1) * sizeof(*tail));
    size_t *prev = sv__malloc((n + 1) * sizeof(*prev));
    size_t len = 0, k, i, start;
    link *chain;

    if (!tail || !prev) {
        sv__free(tail);
        sv__free(prev);
        return 0;
    }
    /* v is sorted by i, then j: process each i-group with j decreasing so
     * that two links of one source sentence never chain. */
    for (start = 0; start < n;) {
        size_t end = start, g;

        while (end < n && v[end].i == v[start].i)
            end++;
        for (g = end; g-- > start;) {
            size_t lo = 0, hi = len;

            while (lo < hi) {
                size_t mid = (lo + hi) / 2;

                if (v[tail[mid]].j < v[g].j)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            prev[g] = lo ? tail[lo - 1] : (size_t)-1;
            tail[lo] = g;
            if (lo == len)
                len++;
        }
        start = end;
    }
    chain = sv__malloc((len ? len : 1) * sizeof(*chain));
    if (!chain) {
        sv__free(tail);
        sv__free(prev);
        return 0;
    }
    for (k = len, i = len ? tail[len - 1] : 0; k-- > 0; i = prev[i])
        chain[k] = v[i];
    memcpy(v, chain, len * sizeof(*chain));
    sv__free(chain);
    sv__free(tail);
    sv__free(prev);
    return len;
}

/* Linear interpolation through the points (x, y), x increasing. */
static void interpolate(const double *px, const double *py, size_t np,
                        size_t n, double *centre)
{
    size_t i, seg = 0;

    for (i = 0; i <= n; i++) {
        double x = (double)i;

        while (seg + 2 < np && px[seg + 1] <= x)
            seg++;
        if (px[seg + 1] <= px[seg])
            centre[i] = py[seg + 1];
        else
            centre[i] = py[seg] + (py[seg + 1] - py[seg]) * (x - px[seg]) /
                                      (px[seg + 1] - px[seg]);
    }
}

int sv__al_band_centre(const sv__al_side *src, size_t s0, size_t n,
                       const sv__al_side *tgt, size_t t0, size_t m,
                       double *centre)
{
    size_t na = 0, nb = 0, nl = 0, k, np = 0;
    occ *a = collect(src, s0, n, &na);
    occ *b = a ? collect(tgt, t0, m, &nb) : NULL;
    link *l = b ? unique_links(a, na, b, nb, &nl) : NULL;
    double *px = NULL, *py = NULL;
    int rc = SV_ENOMEM;

    if (!l)
        goto done;
    nl = strong_links(l, nl);
    nl = longest_chain(l, nl);
    px = sv__malloc((2 * nl + 2) * sizeof(*px));
    py = sv__malloc((2 * nl + 2) * sizeof(*py));
    if (!px || !py)
        goto done;
    px[np] = 0;
    py[np++] = 0;
    for (k = 0; k < nl; k++) {
        px[np] = l[k].i;
        py[np++] = l[k].j;
        px[np] = l[k].i + 1;
        py[np++] = l[k].j + 1;
    }
    if (px[np - 1] < (double)n || py[np - 1] < (double)m) {
        px[np] = (double)n;
        py[np++] = (double)m;
    }
    interpolate(px, py, np, n, centre);
    rc = SV_OK;
done:
    sv__free(px);
    sv__free(py);
    sv__free(l);
    sv__free(a);
    sv__free(b);
    return rc;
}
