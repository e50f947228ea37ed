/* SPDX-License-Identifier: MIT */
/*
 * The language check of "sverka check": a unit read from TMX/XLIFF is
 * compared with the language pair the user expects (codes by primary
 * subtag), so a memory for another pair, a unit with a third language or
 * two variants in one language is reported instead of being QA'd as if
 * it were a normal pair.
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

/* One tuv: no code, a repeated language, or outside the pair. */
static int check_tuv(lang_out *o, const sv_pair *p, size_t i, const char *src,
                     const char *tgt)
{
    const char *l = p->langs[i] ? p->langs[i] : "";
    size_t j = first_same(p, i);
    char m[200];

    if (sv__lang_none(l))
        snprintf(m, sizeof(m), "tuv %zu has no language code (xml:lang)",
                 i + 1);
    else if (j != i && !strcmp(p->langs[j], l))
        snprintf(m, sizeof(m), "tuvs %zu and %zu are both in '%.32s'", j + 1,
                 i + 1, l);
    else if (j != i)
        snprintf(m, sizeof(m), "tuvs %zu and %zu are both in one language "
                 "('%.32s', '%.32s')", j + 1, i + 1, p->langs[j], l);
    else if (!sv__lang_none(src) && !sv__lang_none(tgt) &&
             !sv__lang_same(l, src) && !sv__lang_same(l, tgt))
        snprintf(m, sizeof(m), "tuv %zu is in '%.32s', neither side of the "
                 "pair %.32s-%.32s", i + 1, l, src, tgt);
    else
        return 0;
    return emit(o, m);
}

/* A side of the pair that no tuv is in. */
static int check_side(lang_out *o, const sv_pair *p, const char *lang,
                      const char *side)
{
    char m[200];
    size_t i;

    if (sv__lang_none(lang))
        return 0;
    for (i = 0; i < p->nlangs; i++)
        if (sv__lang_same(p->langs[i], lang))
            return 0;
    snprintf(m, sizeof(m), "no tuv in the %s language '%.32s'", side, lang);
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
        ((rc = check_side(&o, pair, src_lang, "source")) != 0 ||
         (rc = check_side(&o, pair, tgt_lang, "target")) != 0))
        return rc;
    return o.count;
}
