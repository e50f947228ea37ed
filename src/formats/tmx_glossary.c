/* SPDX-License-Identifier: MIT */
/*
 * TMX 1.4b glossary output through libxml2's xmlTextWriter into a memory
 * buffer: the writer escapes the text, so any original or translation
 * (quotes, ampersands, angle brackets) comes out as well-formed XML.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "base/error_internal.h"
#include "formats/tmx_glossary.h"
#include "sverka/version.h"

#define X(s) ((const xmlChar *)(s))

static int prop(xmlTextWriterPtr w, const char *type, const char *value)
{
    if (xmlTextWriterStartElement(w, X("prop")) < 0 ||
        xmlTextWriterWriteAttribute(w, X("type"), X(type)) < 0 ||
        xmlTextWriterWriteString(w, X(value)) < 0 ||
        xmlTextWriterEndElement(w) < 0)
        return -1;
    return 0;
}

static int tuv(xmlTextWriterPtr w, const char *lang, const char *seg)
{
    if (xmlTextWriterStartElement(w, X("tuv")) < 0 ||
        xmlTextWriterWriteAttribute(w, X("xml:lang"), X(lang)) < 0 ||
        xmlTextWriterWriteElement(w, X("seg"), X(seg)) < 0 ||
        xmlTextWriterEndElement(w) < 0)
        return -1;
    return 0;
}

static int write_tu(xmlTextWriterPtr w, const sv__tmx_gpair *p, size_t id)
{
    char num[32];
    unsigned i;

    snprintf(num, sizeof(num), "%zu", id);
    if (xmlTextWriterStartElement(w, X("tu")) < 0 ||
        xmlTextWriterWriteAttribute(w, X("tuid"), X(num)) < 0)
        return -1;
    snprintf(num, sizeof(num), "%zu", p->count);
    if (prop(w, "x-count", num) < 0 ||
        (p->note && prop(w, "x-lemma", p->note) < 0))
        return -1;
    for (i = 0; i < p->n_examples; i++)
        if (prop(w, "x-example", p->examples[i]) < 0)
            return -1;
    if (tuv(w, p->src_lang, p->src) < 0 || tuv(w, p->tgt_lang, p->tgt) < 0)
        return -1;
    return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

static int write_header(xmlTextWriterPtr w)
{
    if (xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0 ||
        xmlTextWriterStartElement(w, X("tmx")) < 0 ||
        xmlTextWriterWriteAttribute(w, X("version"), X("1.4")) < 0 ||
        xmlTextWriterStartElement(w, X("header")) < 0 ||
        xmlTextWriterWriteAttribute(w, X("creationtool"), X("sverka")) < 0 ||
        xmlTextWriterWriteAttribute(w, X("creationtoolversion"),
                                    X(SV_VERSION_STRING)) < 0 ||
        xmlTextWriterWriteAttribute(w, X("segtype"), X("phrase")) < 0 ||
        xmlTextWriterWriteAttribute(w, X("o-tmf"), X("sverka-glossary")) < 0 ||
        xmlTextWriterWriteAttribute(w, X("adminlang"), X("en")) < 0 ||
        xmlTextWriterWriteAttribute(w, X("srclang"), X("*all*")) < 0 ||
        xmlTextWriterWriteAttribute(w, X("datatype"), X("plaintext")) < 0 ||
        xmlTextWriterEndElement(w) < 0 ||
        xmlTextWriterStartElement(w, X("body")) < 0)
        return -1;
    return 0;
}

int sv__tmx_glossary_write(sv_buf *out, const sv__tmx_gpair *pairs, size_t n,
                           sv_error *err)
{
    xmlBufferPtr buf = xmlBufferCreate();
    xmlTextWriterPtr w = NULL;
    size_t i;
    int rc = SV_OK;

    if (!buf)
        return sv__error_oom(err);
    w = xmlNewTextWriterMemory(buf, 0);
    if (!w) {
        xmlBufferFree(buf);
        return sv__error_oom(err);
    }
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterSetIndentString(w, X("  "));
    if (write_header(w) < 0) {
        rc = sv__error_set(err, SV_ERROR, "TMX writer: header failed");
        goto done;
    }
    for (i = 0; i < n; i++)
        if (write_tu(w, &pairs[i], i + 1) < 0) {
            rc = sv__error_set(err, SV_ERROR, "TMX writer: unit %zu failed "
                               "(invalid UTF-8?)", i + 1);
            goto done;
        }
    if (xmlTextWriterEndDocument(w) < 0) {
        rc = sv__error_set(err, SV_ERROR, "TMX writer: end failed");
        goto done;
    }
    xmlFreeTextWriter(w);
    w = NULL;
    if (sv_buf_put(out, (const char *)xmlBufferContent(buf),
                   (size_t)xmlBufferLength(buf)) < 0)
        rc = sv__error_oom(err);
done:
    if (w)
        xmlFreeTextWriter(w);
    xmlBufferFree(buf);
    return rc;
}
