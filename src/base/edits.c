/* SPDX-License-Identifier: MIT */
/*
 * Edit lists: recording, offset mapping in both directions, composition.
 *
 * Mapping an offset that falls on an edit boundary is ambiguous; callers pick
 * the bias.  Start bias gives the smallest matching position (the start of a
 * span), end bias the largest (its end), so a span [s, e) of the output maps
 * to the whole input range that produced it, including deletions at its
 * edges.
 */
#include "base/edits.h"

#include "base/alloc.h"
#include "sverka/errors.h"

void sv__editlist_dispose(sv__editlist *l)
{
    sv__free(l->items);
    l->items = NULL;
    l->count = l->alloc = 0;
}

void sv__editlist_clear(sv__editlist *l)
{
    l->count = 0;
}

int sv__editlist_push(sv__editlist *l, size_t in_start, size_t in_end,
                      size_t out_start, size_t out_end, const char *step)
{
    if (l->count == l->alloc) {
        size_t n = l->alloc ? l->alloc * 2 : 16;
        sv__edit *p = sv__realloc(l->items, n * sizeof(*p));

        if (!p)
            return SV_ENOMEM;
        l->items = p;
        l->alloc = n;
    }
    l->items[l->count].in_start = in_start;
    l->items[l->count].in_end = in_end;
    l->items[l->count].out_start = out_start;
    l->items[l->count].out_end = out_end;
    l->items[l->count].step = step;
    l->count++;
    return SV_OK;
}

int sv__editlist_add(sv__editlist *l, size_t in_start, size_t in_end,
                     size_t out_start, size_t out_end, const char *step)
{
    sv__edit *last = l->count ? &l->items[l->count - 1] : NULL;

    if (in_start == in_end && out_start == out_end)
        return SV_OK;
    /* Merge with a touching edit of the same step: one change, one entry. */
    if (last && last->step == step && last->in_end == in_start &&
        last->out_end == out_start) {
        last->in_end = in_end;
        last->out_end = out_end;
        return SV_OK;
    }
    return sv__editlist_push(l, in_start, in_end, out_start, out_end, step);
}

/* Which side of an edit is the "from" side of a mapping. */
typedef struct side {
    size_t (*from_start)(const sv__edit *);
    size_t (*from_end)(const sv__edit *);
    size_t (*to_start)(const sv__edit *);
    size_t (*to_end)(const sv__edit *);
} side;

static size_t e_in_s(const sv__edit *e) { return e->in_start; }
static size_t e_in_e(const sv__edit *e) { return e->in_end; }
static size_t e_out_s(const sv__edit *e) { return e->out_start; }
static size_t e_out_e(const sv__edit *e) { return e->out_end; }

static const side BACK = {e_out_s, e_out_e, e_in_s, e_in_e};
static const side FORWARD = {e_in_s, e_in_e, e_out_s, e_out_e};

/* Smallest position in "to" coordinates that corresponds to y. */
static size_t map_start(const sv__editlist *l, const side *sd, size_t y)
{
    size_t lo = 0, hi = l->count;

    /* First edit with from_end > y or from_start >= y (monotone). */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const sv__edit *e = &l->items[mid];

        if (sd->from_end(e) > y || sd->from_start(e) >= y)
            hi = mid;
        else
            lo = mid + 1;
    }
    if (lo < l->count && sd->from_start(&l->items[lo]) <= y)
        return sd->to_start(&l->items[lo]);
    if (lo == 0)
        return y;
    return sd->to_end(&l->items[lo - 1]) + (y - sd->from_end(&l->items[lo - 1]));
}

/* Largest position in "to" coordinates that corresponds to y. */
static size_t map_end(const sv__editlist *l, const side *sd, size_t y)
{
    size_t lo = 0, hi = l->count;
    const sv__edit *e;

    /* Count of edits with from_start < y or from_end <= y (monotone). */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        e = &l->items[mid];
        if (sd->from_start(e) < y || sd->from_end(e) <= y)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return y;
    e = &l->items[lo - 1];
    if (sd->from_end(e) >= y)
        return sd->to_end(e);
    return sd->to_end(e) + (y - sd->from_end(e));
}

size_t sv__editlist_map_back(const sv__editlist *l, size_t out_off)
{
    return map_start(l, &BACK, out_off);
}

size_t sv__editlist_map_back_end(const sv__editlist *l, size_t out_off)
{
    return map_end(l, &BACK, out_off);
}

size_t sv__editlist_map_forward(const sv__editlist *l, size_t in_off)
{
    return map_start(l, &FORWARD, in_off);
}

size_t sv__editlist_map_forward_end(const sv__editlist *l, size_t in_off)
{
    return map_end(l, &FORWARD, in_off);
}

/* One changed interval in the middle (Y) coordinates. */
typedef struct span {
    size_t start, end;
    const char *step;
} span;

static int next_span(const sv__editlist *first, size_t *i,
                     const sv__editlist *second, size_t *j, span *out)
{
    const sv__edit *a = *i < first->count ? &first->items[*i] : NULL;
    const sv__edit *b = *j < second->count ? &second->items[*j] : NULL;

    if (!a && !b)
        return 0;
    if (a && (!b || a->out_start <= b->in_start)) {
        out->start = a->out_start;
        out->end = a->out_end;
        out->step = a->step;
        (*i)++;
    } else {
        out->start = b->in_start;
        out->end = b->in_end;
        out->step = b->step;
        (*j)++;
    }
    return 1;
}

static int emit(sv__editlist *r, const sv__editlist *first,
                const sv__editlist *second, const span *s)
{
    return sv__editlist_add(r, map_start(first, &BACK, s->start),
                            map_end(first, &BACK, s->end),
                            map_start(second, &FORWARD, s->start),
                            map_end(second, &FORWARD, s->end), s->step);
}

int sv__editlist_compose(sv__editlist *result, const sv__editlist *first,
                         const sv__editlist *second)
{
    size_t i = 0, j = 0;
    span cur, nx;
    int rc;

    if (!next_span(first, &i, second, &j, &cur))
        return SV_OK;
    /* Intervals that overlap or touch are merged: a boundary shared with a
     * zero-width edit cannot be attributed to one side unambiguously. */
    while (next_span(first, &i, second, &j, &nx)) {
        if (nx.start <= cur.end) {
            if (nx.end > cur.end)
                cur.end = nx.end;
            cur.step = nx.step;
            continue;
        }
        if ((rc = emit(result, first, second, &cur)) < 0)
            return rc;
        cur = nx;
    }
    return emit(result, first, second, &cur);
}
