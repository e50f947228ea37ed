/* SPDX-License-Identifier: MIT */
/*
 * TMX 1.4b writer for aligned pairs: one <tu> per bead with text on both
 * sides (empty sides only on request), the bead's score and confidence
 * as <prop>s and its QA flags as <note>s, in the order the TMX DTD wants
 * ((note|prop)*, tuv+).
 */
#include <stdio.h>
#include <string.h>

#include "base/error_internal.h"
#include "formats/align_formats.h"
#include "sverka/version.h"

static int write_header(sv__xw *w, const char *src_lang)
{
    int rc;

    if ((rc = sv__xw_start(w, "header")) < 0 ||
        (rc = sv__xw_attr(w, "creationtool", "sverka")) < 0 ||
        (rc = sv__xw_attr(w, "creationtoolversion", SV_VERSION_STRING)) < 0 ||
        (rc = sv__xw_attr(w, "datatype", "plaintext")) < 0 ||
        (rc = sv__xw_attr(w, "segtype", "sentence")) < 0 ||
        (rc = sv__xw_attr(w, "adminlang", "en")) < 0 ||
        (rc = sv__xw_attr(w, "srclang", src_lang)) < 0 ||
        (rc = sv__xw_attr(w, "o-tmf", "sverka")) < 0)
        return rc;
    return sv__xw_end(w);
}

static int write_tuv(sv__xw *w, const char *lang, const sv_buf *text)
{
    int rc;

    if ((rc = sv__xw_start(w, "tuv")) < 0 ||
        (rc = sv__xw_attr(w, "xml:lang", lang)) < 0 ||
        (rc = sv__xw_elem(w, "seg", text->ptr ? text->ptr : "", text->size)) < 0)
        return rc;
    return sv__xw_end(w);
}

static int write_props(sv__xw *w, const sv_alignment *a,
                       const sv_align_bead *b)
{
    char num[64];
    size_t f;
    int rc;

    for (f = b->flag_first; f < b->flag_first + b->flag_count; f++) {
        const sv_align_flag *fl = sv_alignment_flag(a, f);
        char note[400];
        int n = snprintf(note, sizeof(note), "%s %s: %s",
                         sv_severity_name((int)fl->severity), fl->code,
                         fl->message);

        if ((rc = sv__xw_elem(w, "note", note, (size_t)n < sizeof(note)
                                                   ? (size_t)n
                                                   : sizeof(note) - 1)) < 0)
            return rc;
    }
    snprintf(num, sizeof(num), "%.4f", b->score);
    if ((rc = sv__xw_start(w, "prop")) < 0 ||
        (rc = sv__xw_attr(w, "type", "x-sverka-score")) < 0 ||
        (rc = sv__xw_text(w, num, strlen(num))) < 0 || (rc = sv__xw_end(w)) < 0)
        return rc;
    snprintf(num, sizeof(num), "%.4f", b->confidence);
    if ((rc = sv__xw_start(w, "prop")) < 0 ||
        (rc = sv__xw_attr(w, "type", "x-sverka-confidence")) < 0 ||
        (rc = sv__xw_text(w, num, strlen(num))) < 0)
        return rc;
    return sv__xw_end(w);
}

typedef struct tmx_ctx {
    const char *sl, *tl;
} tmx_ctx;

static int write_tu(sv__xw *w, const sv_alignment *a, size_t k,
                    const sv_buf *s, const sv_buf *t, void *ctx)
{
    const tmx_ctx *c = ctx;
    char id[32];
    int rc;

    snprintf(id, sizeof(id), "%zu", k + 1);
    if ((rc = sv__xw_start(w, "tu")) < 0 || (rc = sv__xw_attr(w, "tuid", id)) < 0 ||
        (rc = write_props(w, a, sv_alignment_bead(a, k))) < 0 ||
        (rc = write_tuv(w, c->sl, s)) < 0 || (rc = write_tuv(w, c->tl, t)) < 0)
        return rc;
    return sv__xw_end(w);
}

static int write_open(sv__xw *w, void *ctx)
{
    const tmx_ctx *c = ctx;
    int rc;

    if ((rc = sv__xw_decl(w)) < 0 || (rc = sv__xw_start(w, "tmx")) < 0 ||
        (rc = sv__xw_attr(w, "version", "1.4")) < 0 ||
        (rc = write_header(w, c->sl)) < 0)
        return rc;
    return sv__xw_start(w, "body");
}

int sv__fmt_tmx_write(const sv_alignment *a, const char *src_lang,
                      const char *tgt_lang, const sv_align_write_options *o,
                      sv_buf *out, sv_error *err)
{
    tmx_ctx c;

    c.sl = src_lang;
    c.tl = tgt_lang;
    /* closes body and tmx */
    return sv__xw_units(a, o, write_open, write_tu, 2, &c, "TMX", out, err);
}
