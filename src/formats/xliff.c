/* SPDX-License-Identifier: MIT */
/*
 * XLIFF 1.2 and 2.0 writers for aligned pairs: one trans-unit (1.2) or
 * unit (2.0) per bead with text on both sides, QA flags as notes (2.0:
 * category = severity), languages from the aligner.
 */
#include <stdio.h>
#include <string.h>

#include "base/error_internal.h"
#include "formats/align_formats.h"

#define NS12 "urn:oasis:names:tc:xliff:document:1.2"
#define NS20 "urn:oasis:names:tc:xliff:document:2.0"

static int write_notes(sv__xw *w, const sv_alignment *a,
                       const sv_align_bead *b, int v2)
{
    size_t f;
    int rc = SV_OK;

    if (v2 && b->flag_count && (rc = sv__xw_start(w, "notes")) < 0)
        return rc;
    for (f = b->flag_first; f < b->flag_first + b->flag_count; f++) {
        const sv_align_flag *fl = sv_alignment_flag(a, f);
        char note[400];
        int n = snprintf(note, sizeof(note), "%s: %s", fl->code, fl->message);
        size_t len = (size_t)n < sizeof(note) ? (size_t)n : sizeof(note) - 1;

        if ((rc = sv__xw_start(w, "note")) < 0 ||
            (rc = sv__xw_attr(w, v2 ? "category" : "from",
                              v2 ? sv_severity_name((int)fl->severity)
                                 : "sverka")) < 0 ||
            (!v2 && (rc = sv__xw_attr(w, "priority",
                                      fl->severity == SV_SEVERITY_ERROR ? "1"
                                      : fl->severity == SV_SEVERITY_WARNING
                                          ? "3"
                                          : "6")) < 0) ||
            (rc = sv__xw_text(w, note, len)) < 0 || (rc = sv__xw_end(w)) < 0)
            return rc;
    }
    if (v2 && b->flag_count)
        rc = sv__xw_end(w);
    return rc;
}

typedef struct xliff_ctx {
    const char *sl, *tl;
    int v2;
    const sv_align_write_options *o;
} xliff_ctx;

static int write_unit(sv__xw *w, const sv_alignment *a, size_t k,
                      const sv_buf *s, const sv_buf *t, void *ctx)
{
    const xliff_ctx *c = ctx;
    const sv_align_bead *b = sv_alignment_bead(a, k);
    char id[32];
    int rc;

    snprintf(id, sizeof(id), "%s%zu", c->v2 ? "u" : "", k + 1);
    if ((rc = sv__xw_start(w, c->v2 ? "unit" : "trans-unit")) < 0 ||
        (rc = sv__xw_attr(w, "id", id)) < 0)
        return rc;
    if (c->v2 && ((rc = write_notes(w, a, b, 1)) < 0 ||
                  (rc = sv__xw_start(w, "segment")) < 0))
        return rc;
    if ((rc = sv__xw_elem(w, "source", s->ptr ? s->ptr : "", s->size)) < 0 ||
        (rc = sv__xw_elem(w, "target", t->ptr ? t->ptr : "", t->size)) < 0)
        return rc;
    if (c->v2 && (rc = sv__xw_end(w)) < 0)
        return rc;
    if (!c->v2 && (rc = write_notes(w, a, b, 0)) < 0)
        return rc;
    return sv__xw_end(w);
}

static int write_open(sv__xw *w, void *ctx)
{
    const xliff_ctx *c = ctx;
    const char *orig = c->o->src_name ? c->o->src_name : "source.txt";
    int rc;

    if ((rc = sv__xw_decl(w)) < 0 || (rc = sv__xw_start(w, "xliff")) < 0 ||
        (rc = sv__xw_attr(w, "xmlns", c->v2 ? NS20 : NS12)) < 0 ||
        (rc = sv__xw_attr(w, "version", c->v2 ? "2.0" : "1.2")) < 0)
        return rc;
    if (c->v2) {
        if ((rc = sv__xw_attr(w, "srcLang", c->sl)) < 0 ||
            (rc = sv__xw_attr(w, "trgLang", c->tl)) < 0 ||
            (rc = sv__xw_start(w, "file")) < 0 ||
            (rc = sv__xw_attr(w, "id", "f1")) < 0)
            return rc;
        return sv__xw_attr(w, "original", orig);
    }
    if ((rc = sv__xw_start(w, "file")) < 0 ||
        (rc = sv__xw_attr(w, "original", orig)) < 0 ||
        (rc = sv__xw_attr(w, "source-language", c->sl)) < 0 ||
        (rc = sv__xw_attr(w, "target-language", c->tl)) < 0 ||
        (rc = sv__xw_attr(w, "datatype", "plaintext")) < 0 ||
        (rc = sv__xw_attr(w, "tool-id", "sverka")) < 0)
        return rc;
    return sv__xw_start(w, "body");
}

int sv__fmt_xliff_write(const sv_alignment *a, const char *src_lang,
                        const char *tgt_lang, int version2,
                        const sv_align_write_options *o, sv_buf *out,
                        sv_error *err)
{
    xliff_ctx c;

    c.sl = src_lang;
    c.tl = tgt_lang;
    c.v2 = version2;
    c.o = o;
    /* 1.2: body, file, xliff; 2.0: file, xliff */
    return sv__xw_units(a, o, write_open, write_unit, version2 ? 2 : 3, &c,
                        "XLIFF", out, err);
}
