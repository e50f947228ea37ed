/* SPDX-License-Identifier: MIT */
/*
 * A thin layer over libxml2's xmlTextWriter for the TMX, XLIFF and HTML
 * writers: UTF-8 text is made XML-safe first (invalid UTF-8 and the C0
 * controls XML 1.0 forbids become U+FFFD), end tags are always written in
 * full (an HTML <td/> would not close), errors become SV_ codes.
 */
#include <string.h>

#include <libxml/xmlwriter.h>

#include "base/alloc.h"
#include "base/buf_internal.h"
#include "base/error_internal.h"
#include "base/utf8.h"
#include "formats/align_formats.h"

struct sv__xw {
    xmlBufferPtr buf;
    xmlTextWriterPtr w;
    sv_buf clean;
};

int sv__xw_open(sv__xw **out, int indent, sv_error *err)
{
    sv__xw *w = sv__calloc(1, sizeof(*w));

    *out = NULL;
    if (!w)
        return sv__error_oom(err);
    w->buf = xmlBufferCreate();
    w->w = w->buf ? xmlNewTextWriterMemory(w->buf, 0) : NULL;
    if (!w->w) {
        sv__xw_free(w);
        return sv__error_oom(err);
    }
    if (indent) {
        xmlTextWriterSetIndent(w->w, 1);
        xmlTextWriterSetIndentString(w->w, BAD_CAST " ");
    }
    *out = w;
    return SV_OK;
}

void sv__xw_free(sv__xw *w)
{
    if (!w)
        return;
    if (w->w)
        xmlFreeTextWriter(w->w);
    if (w->buf)
        xmlBufferFree(w->buf);
    sv_buf_dispose(&w->clean);
    sv__free(w);
}

int sv__xw_close(sv__xw *w, sv_buf *out, sv_error *err)
{
    int rc = SV_OK;

    if (xmlTextWriterEndDocument(w->w) < 0)
        rc = sv__error_set(err, SV_ERROR, "XML writer failed");
    xmlFreeTextWriter(w->w);
    w->w = NULL;
    if (rc == SV_OK &&
        sv_buf_put(out, (const char *)xmlBufferContent(w->buf),
                   (size_t)xmlBufferLength(w->buf)) < 0)
        rc = sv__error_oom(err);
    sv__xw_free(w);
    return rc;
}

static int check(int r)
{
    return r < 0 ? SV_ERROR : SV_OK;
}

int sv__xw_decl(sv__xw *w)
{
    return check(xmlTextWriterStartDocument(w->w, "1.0", "UTF-8", NULL));
}

int sv__xw_start(sv__xw *w, const char *name)
{
    return check(xmlTextWriterStartElement(w->w, BAD_CAST name));
}

/* Copy s into w->clean, XML-safe (see the file comment). */
static int clean(sv__xw *w, const char *s, size_t len)
{
    size_t i, run = 0;
    int rc;

    sv_buf_clear(&w->clean);
    if ((rc = sv__utf8_sanitize(&w->clean, s, len, NULL, NULL)) < 0)
        return rc;
    for (i = 0; i < w->clean.size; i++) {
        unsigned char c = (unsigned char)w->clean.ptr[i];

        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            run++;
    }
    if (!run)
        return SV_OK;
    {
        sv_buf tmp = SV_BUF_INIT;

        for (i = 0; i < w->clean.size && rc == SV_OK; i++) {
            unsigned char c = (unsigned char)w->clean.ptr[i];

            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                rc = sv_buf_put(&tmp, "\xEF\xBF\xBD", 3);
            else
                rc = sv__buf_putc(&tmp, (char)c);
        }
        sv__buf_swap(&tmp, &w->clean);
        sv_buf_dispose(&tmp);
    }
    return rc;
}

int sv__xw_attr(sv__xw *w, const char *name, const char *value)
{
    int rc = clean(w, value, strlen(value));

    if (rc < 0)
        return rc;
    return check(xmlTextWriterWriteAttribute(w->w, BAD_CAST name,
                                             BAD_CAST(w->clean.ptr ? w->clean.ptr
                                                                   : "")));
}

int sv__xw_text(sv__xw *w, const char *text, size_t len)
{
    int rc = clean(w, text, len);

    if (rc < 0)
        return rc;
    return check(xmlTextWriterWriteString(w->w, BAD_CAST(w->clean.ptr
                                                             ? w->clean.ptr
                                                             : "")));
}

int sv__xw_end(sv__xw *w)
{
    return check(xmlTextWriterFullEndElement(w->w));
}

int sv__xw_raw(sv__xw *w, const char *raw)
{
    return check(xmlTextWriterWriteRaw(w->w, BAD_CAST raw));
}

int sv__xw_elem(sv__xw *w, const char *name, const char *text, size_t len)
{
    int rc;

    if ((rc = sv__xw_start(w, name)) < 0 || (rc = sv__xw_text(w, text, len)) < 0)
        return rc;
    return sv__xw_end(w);
}

int sv__xw_units(const sv_alignment *a, const sv_align_write_options *o,
                 int (*open)(sv__xw *w, void *ctx), sv__xw_unit_fn unit,
                 int depth, void *ctx, const char *what, sv_buf *out,
                 sv_error *err)
{
    sv__xw *w = NULL;
    sv_buf s = SV_BUF_INIT, t = SV_BUF_INIT;
    size_t k, n = sv_alignment_bead_count(a);
    int rc;

    if ((rc = sv__xw_open(&w, 1, err)) < 0)
        return rc;
    if ((rc = open(w, ctx)) < 0)
        goto done;
    for (k = 0; k < n; k++) {
        const sv_align_bead *b = sv_alignment_bead(a, k);

        if ((!b->src_count || !b->tgt_count) && !o->include_empty)
            continue;
        sv_buf_clear(&s);
        sv_buf_clear(&t);
        if ((rc = sv_alignment_bead_text(a, k, 0, &s)) < 0 ||
            (rc = sv_alignment_bead_text(a, k, 1, &t)) < 0 ||
            (rc = unit(w, a, k, &s, &t, ctx)) < 0)
            goto done;
    }
    while (depth-- > 0)
        if ((rc = sv__xw_end(w)) < 0)
            goto done;
    rc = sv__xw_close(w, out, err);
    w = NULL;
done:
    sv__xw_free(w);
    sv_buf_dispose(&s);
    sv_buf_dispose(&t);
    if (rc == SV_ENOMEM)
        return sv__error_oom(err);
    if (rc < 0 && err && !err->message[0])
        sv__error_set(err, rc, "%s writer failed", what);
    return rc;
}
