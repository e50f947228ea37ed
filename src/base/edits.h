/* SPDX-License-Identifier: MIT */
/*
 * Edit lists and offset maps.  A transformation of text A into text B is
 * described by the ordered, non-overlapping list of replaced ranges; every
 * byte outside them is copied unchanged.  From the list any offset in B maps
 * back to A, and lists of successive steps compose so that a pipeline's
 * report always points into the caller's original input (DESIGN "edits").
 */
#ifndef SV_BASE_EDITS_H
#define SV_BASE_EDITS_H

#include <stddef.h>

/* One replacement: in[in_start, in_end) became out[out_start, out_end).
 * step is a static string naming the step ("controls", "glued", ...). */
typedef struct sv__edit {
    size_t in_start, in_end;
    size_t out_start, out_end;
    const char *step;
} sv__edit;

typedef struct sv__editlist {
    sv__edit *items;
    size_t count, alloc;
} sv__editlist;

#define SV__EDITLIST_INIT {NULL, 0, 0}

void sv__editlist_dispose(sv__editlist *l);
void sv__editlist_clear(sv__editlist *l);
/* Append an edit; edits must be appended in increasing in_start order and
 * not overlap.  Adjacent edits of the same step are merged.  SV_OK or
 * SV_ENOMEM. */
int sv__editlist_add(sv__editlist *l, size_t in_start, size_t in_end,
                     size_t out_start, size_t out_end, const char *step);

/* Append an edit as it is: no merging and no dropping of empty edits
 * (for callers that split merged edits apart again).  SV_OK or SV_ENOMEM. */
int sv__editlist_push(sv__editlist *l, size_t in_start, size_t in_end,
                      size_t out_start, size_t out_end, const char *step);

/* Map an output offset back to the input.  Offsets inside an edit's output
 * map to the start of its input range (or its end when at the edit's
 * out_end). */
size_t sv__editlist_map_back(const sv__editlist *l, size_t out_off);
/* End-biased variant: the largest input offset for out_off, so that an
 * output span [s, e) maps to [map_back(s), map_back_end(e)). */
size_t sv__editlist_map_back_end(const sv__editlist *l, size_t out_off);
/* Map an input offset forward to the output (start and end bias). */
size_t sv__editlist_map_forward(const sv__editlist *l, size_t in_off);
size_t sv__editlist_map_forward_end(const sv__editlist *l, size_t in_off);

/* Compose: first maps X->Y, second maps Y->Z; result maps X->Z, with each
 * edit of `second` expressed in X coordinates (edits of `first` that are
 * untouched by `second` are kept).  result must be empty and distinct. */
int sv__editlist_compose(sv__editlist *result, const sv__editlist *first,
                         const sv__editlist *second);

#endif
