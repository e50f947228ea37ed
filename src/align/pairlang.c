/* SPDX-License-Identifier: MIT */
/*
 * The language check of "sverka check": a unit read from TMX/XLIFF is
 * compared with the language pair the user expects (codes by primary
 * subtag), so a memory for another pair, a unit lacking a side or two
 * variants in one language is reported instead of being QA'd as if it
 * were a normal pair.  Tuvs in further languages (multilingual memories)
 * are not findings: the reader skips them.
 */
#include <stdio.h>
#include <string.h>

#include "base/error_internal.h"
#include "base/langtag.h"
#include "sverka/align.h"

typedef struct lang_out {
    sv_align_flag_cb cb;
    void *payload;
    int count;
} lang_out;

static int emit(lang_out *o, const char *message)
{
    sv_align_flag f;

    f.code = "language";
    f.severity = SV_SEVERITY_ERROR;
    f.message = message;
    o->count++;
    return o->cb(&f, o->payload);
}

/* The file's declared languages against the expected pair. */
static int check_doc(lang_out *o, const sv_pair *p, const char *src,
                     const char *tgt)
{
    char m[200];
    int rc;

    if (!sv__lang_none(src) && !sv__lang_none(p->doc_src_lang) &&
        !sv__lang_same(src, p->doc_src_lang)) {
        snprintf(m, sizeof(m), "the file declares source language '%.32s' "
                 "(line %zu), not '%.32s'", p->doc_src_lang, p->doc_line, src);
        if ((rc = emit(o, m)) != 0)
            return rc;
    }
    if (!sv__lang_none(tgt) && !sv__lang_none(p->doc_tgt_lang) &&
        !sv__lang_same(tgt, p->doc_tgt_lang)) {
        snprintf(m, sizeof(m), "the file declares target language '%.32s' "
                 "(line %zu), not '%.32s'", p->doc_tgt_lang, p->doc_line, tgt);
        return emit(o, m);
    }
    return 0;
}

/* Index of the first tuv before i in the same language as tuv i, or i. */
static size_t first_same(const sv_pair *p, size_t i)
{
    size_t j;

    for (j = 0; j < i; j++)
        if (sv__lang_same(p->langs[j], p->langs[i]))
            return j;
    return i;
}

/* Whether a repeated language matters: one of the pair's, or any while
 * a side is unknown (it may be the missing side). */
static int in_pair(const char *l, const char *src, const char *tgt)
{
    return sv__lang_none(src) || sv__lang_none(tgt) || sv__lang_same(l, src) ||
           sv__lang_same(l, tgt);
}

/* One tuv: no code, or a repeated language of the pair.  A tuv in a
 * language outside a known pair is no finding (multilingual memory). */
static int check_tuv(lang_out *o, const sv_pair *p, size_t i, const char *src,
                     const char *tgt)
{
    const char *l = p->langs[i] ? p->langs[i] : "";
    size_t j = first_same(p, i);
    char m[200];

    if (sv__lang_none(l))
        snprintf(m, sizeof(m), "tuv %zu has no language code (xml:lang)",
                 i + 1);
    else if (j == i || !in_pair(l, src, tgt))
        return 0;
    else if (!strcmp(p->langs[j], l))
        snprintf(m, sizeof(m), "tuvs %zu and %zu are both in '%.32s'", j + 1,
                 i + 1, l);
    else
        snprintf(m, sizeof(m), "tuvs %zu and %zu are both in one language "
                 "('%.32s', '%.32s')", j + 1, i + 1, p->langs[j], l);
    return emit(o, m);
}

/* Whether a known side of the pair has no tuv. */
static int side_missing(const sv_pair *p, const char *lang)
{
    size_t i;

    if (sv__lang_none(lang))
        return 0;
    for (i = 0; i < p->nlangs; i++)
        if (sv__lang_same(p->langs[i], lang))
            return 0;
    return 1;
}

/* The sides of the pair that no tuv is in (one finding), naming the
 * unit's languages. */
static int check_sides(lang_out *o, const sv_pair *p, const char *src,
                       const char *tgt)
{
    int ms = side_missing(p, src), mt = side_missing(p, tgt);
    char m[200];
    size_t i, used;

    if (!ms && !mt)
        return 0;
    if (ms && mt)
        used = (size_t)snprintf(m, sizeof(m), "no tuv in either language of "
                                "the pair %.32s-%.32s (the unit has", src, tgt);
    else
        used = (size_t)snprintf(m, sizeof(m), "no tuv in the %s language "
                                "'%.32s' (the unit has", ms ? "source" : "target",
                                ms ? src : tgt);
    for (i = 0; i < p->nlangs && used < sizeof(m); i++)
        used += (size_t)snprintf(m + used, sizeof(m) - used, "%s '%.32s'",
                                 i ? "," : "", p->langs[i]);
    if (used < sizeof(m))
        snprintf(m + used, sizeof(m) - used, ")");
    return emit(o, m);
}

int sv_pair_check_langs(const sv_pair *pair, const char *src_lang,
                        const char *tgt_lang, sv_align_flag_cb cb,
                        void *payload)
{
    lang_out o;
    size_t i;
    int rc = 0, before;

    SV_ASSERT_ARG(pair && cb && (pair->langs || !pair->nlangs));
    o.cb = cb;
    o.payload = payload;
    o.count = 0;
    if (pair->index == 0 && (rc = check_doc(&o, pair, src_lang, tgt_lang)) != 0)
        return rc;
    before = o.count;
    for (i = 0; i < pair->nlangs; i++)
        if ((rc = check_tuv(&o, pair, i, src_lang, tgt_lang)) != 0)
            return rc;
    /* A missing side is said only when nothing more specific was. */
    if (pair->nlangs && o.count == before &&
        (rc = check_sides(&o, pair, src_lang, tgt_lang)) != 0)
        return rc;
    return o.count;
}
