/* SPDX-License-Identifier: MIT */
/*
 * Reading translation units for "sverka check": TMX (<tu>/<tuv>/<seg>),
 * XLIFF 1.2 (<trans-unit> source/target, alt-trans skipped), XLIFF 2.0
 * (<unit>/<segment>) through libxml2's streaming reader with no network,
 * no DTD loading and no entity substitution (STYLE U5), a per-reader
 * structured error handler, and aligned TSV through the record reader.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <libxml/xmlreader.h>

#include "base/alloc.h"
#include "base/buf_internal.h"
#include "base/error_internal.h"
#include "base/langtag.h"
#include "formats/align_formats.h"
#include "sverka/io.h"

#define DEFAULT_MAX_UNIT ((size_t)16 << 20)

/* Where the text of the current node goes. */
enum { SINK_NONE = 0, SINK_SRC = 1, SINK_TGT = 2, SINK_TUV = 3 };

/* A TMX tuv of the current unit: its code in xr.vlangs, its text in
 * xr.vtext.  Source and target are chosen when the unit ends, so the
 * order of the tuvs does not matter; a unit may hold any number of them
 * (multilingual memories), and the pair picks two. */
typedef struct tuv_slot {
    size_t lang_off, text_off, text_len;
} tuv_slot;

typedef struct xr {
    xmlTextReaderPtr r;
    FILE *fp;
    int xliff;
    size_t max_unit;
    sv_buf id, src, tgt, src_lang, tgt_lang, doc_src, doc_tgt;
    sv_buf vtext, vlangs, slots, langptrs; /* TMX tuvs (tuv_slot) */
    sv_buf want_src, want_tgt; /* TMX: the pair tuvs are picked by, given
                                  or settled once per file; empty while
                                  unknown */
    int sink;          /* SINK_* while inside source/target/seg */
    int sink_depth;    /* depth of the element that opened the sink; -1
                          while a tuv waits for its seg */
    int skip_depth;    /* > 0: inside alt-trans or an inline code */
    int in_unit;
    size_t unit_line, count, doc_line;
    int err_code;
    char err_msg[200];
    char gen_msg[200]; /* first line of libxml2's generic errors */
    int err_line;
    sv_pair_cb cb;
    void *payload;
} xr;

static int read_cb(void *ctx, char *buffer, int len)
{
    xr *x = ctx;
    size_t n = fread(buffer, 1, (size_t)len, x->fp);

    if (n == 0 && ferror(x->fp))
        return -1;
    return (int)n;
}

/* Messages are one line (E4): inner line breaks become spaces and
 * trailing ones go. */
static void one_line(char *m)
{
    size_t n;
    char *p;

    if ((p = strchr(m, '\n')) && !p[strspn(p, "\n ")])
        *p = '\0';
    for (p = m; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    n = strlen(m);
    while (n && m[n - 1] == ' ')
        m[--n] = '\0';
}

/* Keep the first error with its line. */
static void on_error(void *arg, xmlErrorPtr e)
{
    xr *x = arg;

    if (!e || x->err_code || e->level < XML_ERR_ERROR)
        return;
    x->err_code = SV_EFORMAT;
    x->err_line = e->line;
    snprintf(x->err_msg, sizeof(x->err_msg), "%s", e->message ? e->message : "malformed XML");
    one_line(x->err_msg);
}

/* libxml2 reports encoding failures through its generic error function
 * (per thread), not the reader's handler; without this they would go to
 * stderr.  Keeps the first line, which arrives in pieces. */
static void on_generic(void *arg, const char *msg, ...)
    __attribute__((format(printf, 2, 3)));

static void on_generic(void *arg, const char *msg, ...)
{
    xr *x = arg;
    size_t n = strlen(x->gen_msg);
    va_list ap;

    if (strchr(x->gen_msg, '\n') || n + 1 >= sizeof(x->gen_msg))
        return;
    va_start(ap, msg);
    vsnprintf(x->gen_msg + n, sizeof(x->gen_msg) - n, msg, ap);
    va_end(ap);
}

static int name_is(const xmlChar *name, const char *want)
{
    return name && !strcmp((const char *)name, want);
}

static int put_attr(xr *x, sv_buf *dst, const char *attr)
{
    xmlChar *v = xmlTextReaderGetAttribute(x->r, BAD_CAST attr);
    int rc = SV_OK;

    sv_buf_clear(dst);
    if (v) {
        rc = sv_buf_put(dst, (const char *)v, strlen((const char *)v));
        xmlFree(v);
    }
    return rc;
}

static int lang_attr(xr *x, sv_buf *dst)
{
    xmlChar *v = xmlTextReaderXmlLang(x->r);
    int rc;

    if (!v)
        return put_attr(x, dst, "lang");
    sv_buf_clear(dst);
    rc = sv_buf_put(dst, (const char *)v, strlen((const char *)v));
    xmlFree(v);
    return rc;
}

static const char *str(const sv_buf *b)
{
    return b->ptr ? b->ptr : "";
}

static size_t nslots(const xr *x)
{
    return x->slots.size / sizeof(tuv_slot);
}

static tuv_slot slot_at(const xr *x, size_t i)
{
    tuv_slot t;

    memcpy(&t, x->slots.ptr + i * sizeof(t), sizeof(t));
    return t;
}

static const char *slot_lang(const xr *x, size_t i)
{
    return str(&x->vlangs) + slot_at(x, i).lang_off;
}

/* First tuv in lang other than tuv `skip` (none: the tuv count). */
static size_t find_lang(const xr *x, const char *lang, size_t skip)
{
    size_t i, n = nslots(x);

    for (i = 0; i < n; i++)
        if (i != skip && sv__lang_same(slot_lang(x, i), lang))
            return i;
    return n;
}

/* Settle the sides the options left open, once per file: the source
 * from the header's srclang, else the first coded tuv (not in the given
 * target language either way); the target from the first coded tuv in
 * another language.  Later units are read in the same pair, whatever the
 * order of their tuvs. */
static int settle_pair(xr *x)
{
    size_t i, n = nslots(x);
    const char *tgt = str(&x->want_tgt);
    int rc = SV_OK;

    if (!x->want_src.size && !sv__lang_none(str(&x->doc_src)) &&
        !sv__lang_same(str(&x->doc_src), tgt))
        rc = sv_buf_put(&x->want_src, x->doc_src.ptr, x->doc_src.size);
    for (i = 0; i < n && rc == SV_OK && !x->want_src.size; i++)
        if (!sv__lang_none(slot_lang(x, i)) &&
            !sv__lang_same(slot_lang(x, i), tgt))
            rc = sv_buf_put(&x->want_src, slot_lang(x, i),
                            strlen(slot_lang(x, i)));
    for (i = 0; i < n && rc == SV_OK && x->want_src.size &&
                !x->want_tgt.size; i++)
        if (!sv__lang_none(slot_lang(x, i)) &&
            !sv__lang_same(slot_lang(x, i), str(&x->want_src)))
            rc = sv_buf_put(&x->want_tgt, slot_lang(x, i),
                            strlen(slot_lang(x, i)));
    return rc;
}

/* Source and target tuv (n: none) by the pair; while a side is unknown
 * (tuvs without codes) the first tuv is the source and the target the
 * first tuv in another language, else the next one (two in one language,
 * which sv_pair_check_langs() reports). */
static void tmx_choose(const xr *x, size_t *src, size_t *tgt)
{
    size_t i, n = nslots(x);

    *src = x->want_src.size ? find_lang(x, str(&x->want_src), n) : 0;
    if (x->want_tgt.size) {
        *tgt = find_lang(x, str(&x->want_tgt), *src);
        return;
    }
    *tgt = n;
    for (i = 0; i < n && *tgt == n && *src < n; i++)
        if (i != *src && !sv__lang_same(slot_lang(x, i), slot_lang(x, *src)))
            *tgt = i;
    for (i = 0; i < n && *tgt == n && *src < n; i++)
        if (i != *src)
            *tgt = i;
}

/* The TMX unit's sides and codes into p (pointers into x's buffers). */
static int tmx_fill(xr *x, sv_pair *p)
{
    size_t n = nslots(x), i, s, t;
    int rc;

    sv_buf_clear(&x->langptrs);
    for (i = 0; i < n; i++) {
        const char *l = slot_lang(x, i);

        if ((rc = sv_buf_put(&x->langptrs, (const char *)&l, sizeof(l))) < 0)
            return rc;
    }
    p->langs = n ? (const char *const *)(const void *)x->langptrs.ptr : NULL;
    p->nlangs = n;
    if ((rc = settle_pair(x)) < 0)
        return rc;
    p->pick_src_lang = str(&x->want_src);
    p->pick_tgt_lang = str(&x->want_tgt);
    if (!n)
        return SV_OK;
    tmx_choose(x, &s, &t);
    p->src_lang = p->tgt_lang = "";
    if (s < n) {
        p->src = str(&x->vtext) + slot_at(x, s).text_off;
        p->src_len = slot_at(x, s).text_len;
        p->src_lang = slot_lang(x, s);
        p->src_tuv = s + 1;
    }
    if (t < n) {
        p->tgt = str(&x->vtext) + slot_at(x, t).text_off;
        p->tgt_len = slot_at(x, t).text_len;
        p->tgt_lang = slot_lang(x, t);
        p->tgt_tuv = t + 1;
    }
    return SV_OK;
}

static int deliver(xr *x)
{
    sv_pair p;
    int rc;

    p.id = str(&x->id);
    p.src = str(&x->src);
    p.src_len = x->src.size;
    p.tgt = str(&x->tgt);
    p.tgt_len = x->tgt.size;
    p.src_lang = x->src_lang.size ? str(&x->src_lang) : str(&x->doc_src);
    p.tgt_lang = x->tgt_lang.size ? str(&x->tgt_lang) : str(&x->doc_tgt);
    p.line = x->unit_line;
    p.index = x->count++;
    p.langs = NULL;
    p.nlangs = 0;
    p.doc_src_lang = str(&x->doc_src);
    p.doc_tgt_lang = str(&x->doc_tgt);
    p.doc_line = x->doc_line;
    p.src_tuv = p.tgt_tuv = 0;
    p.pick_src_lang = p.pick_tgt_lang = "";
    if (!x->xliff && (rc = tmx_fill(x, &p)) < 0)
        return rc;
    return x->cb(&p, x->payload);
}

/* Line of the current element (the parser itself reads ahead). */
static size_t node_line(xr *x)
{
    xmlNodePtr n = xmlTextReaderCurrentNode(x->r);
    long line = n ? xmlGetLineNo(n) : -1;

    return line > 0 ? (size_t)line
                    : (size_t)xmlTextReaderGetParserLineNumber(x->r);
}

/* A unit may open inside another's seg (malformed TMX): the seg being
 * collected belongs to the unit left behind, whose slots are cleared
 * here, so its collection stops too. */
static void begin_unit(xr *x)
{
    x->in_unit = 1;
    x->sink = SINK_NONE;
    x->unit_line = node_line(x);
    sv_buf_clear(&x->src);
    sv_buf_clear(&x->tgt);
    sv_buf_clear(&x->src_lang);
    sv_buf_clear(&x->tgt_lang);
    sv_buf_clear(&x->vtext);
    sv_buf_clear(&x->vlangs);
    sv_buf_clear(&x->slots);
    x->sink_depth = 0;
}

static int is_code(const xmlChar *n)
{
    return name_is(n, "bpt") || name_is(n, "ept") || name_is(n, "ph") ||
           name_is(n, "it") || name_is(n, "ut");
}

/* A tuv: a new slot holding its language code; its seg fills it. */
static int tuv_open(xr *x)
{
    sv_buf lang = SV_BUF_INIT;
    tuv_slot t;
    int rc;

    t.lang_off = x->vlangs.size;
    t.text_off = x->vtext.size;
    t.text_len = 0;
    if ((rc = lang_attr(x, &lang)) == SV_OK &&
        (rc = sv_buf_put(&x->vlangs, str(&lang), lang.size + 1)) == SV_OK &&
        (rc = sv_buf_put(&x->slots, (const char *)&t, sizeof(t))) == SV_OK)
        x->sink_depth = -1; /* the next seg is this tuv's text */
    sv_buf_dispose(&lang);
    return rc;
}

/* Element start in TMX. */
static int tmx_start(xr *x, const xmlChar *n, int depth)
{
    if (name_is(n, "header")) {
        x->doc_line = node_line(x);
        return put_attr(x, &x->doc_src, "srclang");
    }
    if (name_is(n, "tu")) {
        begin_unit(x);
        return put_attr(x, &x->id, "tuid");
    }
    if (x->in_unit && name_is(n, "tuv"))
        return tuv_open(x);
    if (x->in_unit && name_is(n, "seg") && x->sink_depth == -1 &&
        nslots(x) > 0) {
        x->sink = SINK_TUV;
        x->sink_depth = depth;
    }
    return SV_OK;
}

/* Element start in XLIFF 1.2 or 2.0. */
static int xliff_start(xr *x, const xmlChar *n, int depth)
{
    if (name_is(n, "xliff")) {
        int rc = put_attr(x, &x->doc_src, "srcLang");

        x->doc_line = node_line(x);
        return rc == SV_OK ? put_attr(x, &x->doc_tgt, "trgLang") : rc;
    }
    if (name_is(n, "file") && !x->doc_src.size) {
        int rc = put_attr(x, &x->doc_src, "source-language");

        x->doc_line = node_line(x);
        return rc == SV_OK ? put_attr(x, &x->doc_tgt, "target-language") : rc;
    }
    if (name_is(n, "alt-trans") || name_is(n, "ignorable") ||
        name_is(n, "seg-source") || name_is(n, "notes") || name_is(n, "note")) {
        x->skip_depth = depth;
        return SV_OK;
    }
    if (name_is(n, "trans-unit") || name_is(n, "segment")) {
        xmlChar *id = NULL;

        if (name_is(n, "segment") && x->id.size) {
            /* keep the unit's id: a segment has its own only sometimes */
            x->in_unit = 1;
            x->unit_line = node_line(x);
            sv_buf_clear(&x->src);
            sv_buf_clear(&x->tgt);
            return SV_OK;
        }
        begin_unit(x);
        id = xmlTextReaderGetAttribute(x->r, BAD_CAST "id");
        sv_buf_clear(&x->id);
        if (id) {
            int rc = sv_buf_put(&x->id, (const char *)id, strlen((const char *)id));

            xmlFree(id);
            return rc;
        }
        return SV_OK;
    }
    if (name_is(n, "unit"))
        return put_attr(x, &x->id, "id");
    if (x->in_unit && (name_is(n, "source") || name_is(n, "target"))) {
        x->sink = name_is(n, "source") ? SINK_SRC : SINK_TGT;
        x->sink_depth = depth;
    }
    return SV_OK;
}

static int append_text(xr *x)
{
    const xmlChar *v = xmlTextReaderConstValue(x->r);
    sv_buf *dst = x->sink == SINK_SRC   ? &x->src
                  : x->sink == SINK_TGT ? &x->tgt
                                        : &x->vtext;
    size_t len = v ? strlen((const char *)v) : 0;
    tuv_slot t;
    int rc;

    if (dst->size + len > x->max_unit)
        return SV_ETOOBIG;
    if ((rc = sv_buf_put(dst, (const char *)v, len)) < 0 ||
        x->sink != SINK_TUV)
        return rc;
    /* the open tuv is the last slot */
    t = slot_at(x, nslots(x) - 1);
    t.text_len += len;
    memcpy(x->slots.ptr + (nslots(x) - 1) * sizeof(t), &t, sizeof(t));
    return SV_OK;
}

static int on_end(xr *x, const xmlChar *n, int depth)
{
    if (x->skip_depth && depth == x->skip_depth) {
        x->skip_depth = 0;
        return SV_OK;
    }
    if (x->sink && depth == x->sink_depth) {
        x->sink = SINK_NONE;
        x->sink_depth = 0;
        return SV_OK;
    }
    if (x->in_unit && (name_is(n, "tu") || name_is(n, "trans-unit") ||
                       name_is(n, "segment"))) {
        x->in_unit = 0;
        return deliver(x);
    }
    if (name_is(n, "unit"))
        sv_buf_clear(&x->id);
    return SV_OK;
}

/* An entity declared in the document's DTD: it is never expanded (XXE,
 * entity bombs), and dropping it would lose text silently, so the file is
 * refused with the entity's name. */
static int refuse_entity(xr *x, const xmlChar *n)
{
    x->err_code = SV_EFORMAT;
    x->err_line = (int)node_line(x);
    snprintf(x->err_msg, sizeof(x->err_msg), "entity reference '&%s;' "
             "refused (entities declared in a DTD are not expanded)",
             n ? (const char *)n : "");
    return SV_EFORMAT;
}

static int step(xr *x)
{
    int type = xmlTextReaderNodeType(x->r);
    int depth = xmlTextReaderDepth(x->r);
    const xmlChar *n = xmlTextReaderConstLocalName(x->r);

    if (type == XML_READER_TYPE_ELEMENT) {
        int empty = xmlTextReaderIsEmptyElement(x->r), rc;

        if (x->xliff == 2 && depth == 0) {
            if (!name_is(n, "tmx") && !name_is(n, "xliff"))
                return SV_EFORMAT;
            x->xliff = name_is(n, "xliff");
        }
        if (x->skip_depth)
            return SV_OK;
        if (x->sink && is_code(n)) {
            if (!empty)
                x->skip_depth = depth;
            return SV_OK;
        }
        rc = x->xliff ? xliff_start(x, n, depth) : tmx_start(x, n, depth);
        if (rc == SV_OK && empty)
            rc = on_end(x, n, depth);
        return rc;
    }
    if (type == XML_READER_TYPE_END_ELEMENT)
        return on_end(x, n, depth);
    if (type == XML_READER_TYPE_ENTITY_REFERENCE)
        return refuse_entity(x, n);
    if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
         type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
         type == XML_READER_TYPE_WHITESPACE) &&
        x->sink && !x->skip_depth)
        return append_text(x);
    return SV_OK;
}

static void xr_dispose(xr *x)
{
    if (x->r)
        xmlFreeTextReader(x->r);
    sv_buf_dispose(&x->id);
    sv_buf_dispose(&x->src);
    sv_buf_dispose(&x->tgt);
    sv_buf_dispose(&x->src_lang);
    sv_buf_dispose(&x->tgt_lang);
    sv_buf_dispose(&x->doc_src);
    sv_buf_dispose(&x->doc_tgt);
    sv_buf_dispose(&x->vtext);
    sv_buf_dispose(&x->vlangs);
    sv_buf_dispose(&x->slots);
    sv_buf_dispose(&x->langptrs);
    sv_buf_dispose(&x->want_src);
    sv_buf_dispose(&x->want_tgt);
}

int sv__fmt_xml_pairs_read(FILE *fp, const char *name, int xliff,
                           const sv_pairs_read_options *o, sv_pair_cb cb,
                           void *payload, sv_error *err)
{
    size_t max_unit = o->max_unit;
    xr x;
    int rc = SV_OK, r;
    xmlGenericErrorFunc old_generic;
    void *old_generic_ctx;

    memset(&x, 0, sizeof(x));
    x.fp = fp;
    x.xliff = xliff;
    x.max_unit = max_unit;
    x.cb = cb;
    x.payload = payload;
    if ((!sv__lang_none(o->src_lang) &&
         sv_buf_put(&x.want_src, o->src_lang, strlen(o->src_lang)) < 0) ||
        (!sv__lang_none(o->tgt_lang) &&
         sv_buf_put(&x.want_tgt, o->tgt_lang, strlen(o->tgt_lang)) < 0)) {
        xr_dispose(&x);
        return sv__error_oom(err);
    }
    /* No XML_PARSE_NOENT, DTDLOAD or HUGE: entities stay unexpanded and
     * libxml2's limits stay on. */
    x.r = xmlReaderForIO(read_cb, NULL, &x, NULL, NULL,
                         XML_PARSE_NONET | XML_PARSE_NOWARNING);
    if (!x.r)
        return sv__error_oom(err);
    xmlTextReaderSetStructuredErrorHandler(x.r, on_error, &x);
    old_generic = xmlGenericError;
    old_generic_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(&x, on_generic);
    while ((r = xmlTextReaderRead(x.r)) == 1 && rc == SV_OK)
        rc = step(&x);
    xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
    one_line(x.gen_msg);
    if (x.err_line <= 0)
        x.err_line = xmlTextReaderGetParserLineNumber(x.r);
    if (rc == SV_EFORMAT && !x.err_code) {
        rc = sv__error_set(err, SV_EFORMAT, "%s: neither TMX nor XLIFF (root "
                           "element is not <tmx> or <xliff>)", name);
    } else if ((rc == SV_OK || rc == SV_EFORMAT) && (r < 0 || x.err_code)) {
        rc = sv__error_set_at(err, SV_EFORMAT, 0, (size_t)x.err_line, 0,
                              "%s:%d: malformed XML: %s", name, x.err_line,
                              x.err_msg[0]   ? x.err_msg
                              : x.gen_msg[0] ? x.gen_msg
                                             : "parse error");
    } else if (rc == SV_ETOOBIG) {
        sv__error_set_at(err, rc, 0, x.unit_line, 0, "%s:%zu: unit larger "
                         "than %zu bytes (the max_record limit)", name,
                         x.unit_line, max_unit);
    } else if (rc == SV_ENOMEM) {
        sv__error_oom(err);
    }
    xr_dispose(&x);
    return rc < 0 ? rc : rc > 0 ? rc : (int)x.count;
}

/* ---- TSV ---------------------------------------------------------------- */

static int tsv_read(FILE *fp, const char *name, size_t max_unit, sv_pair_cb cb,
                    void *payload, sv_error *err)
{
    sv_reader_options ro = SV_READER_OPTIONS_INIT;
    sv_reader *r = NULL;
    sv_tsv_row *row = NULL;
    sv_record rec;
    size_t count = 0;
    int rc;

    ro.mode = SV_RECORD_LINE;
    ro.max_record = max_unit;
    if ((rc = sv_reader_new(&r, &ro, err)) < 0 ||
        (rc = sv_tsv_row_new(&row, err)) < 0)
        goto done;
    if ((rc = sv_reader_open(r, fp, name)) < 0)
        goto done;
    while ((rc = sv_reader_next(r, &rec)) > 0) {
        sv_pair p;
        size_t sl = 0, tl = 0;

        if ((rc = sv_tsv_row_parse(row, rec.text, rec.text_len)) < 0)
            goto done;
        if (rec.text_len == 0)
            continue;
        p.src = sv_tsv_row_field(row, 0, &sl);
        p.tgt = sv_tsv_row_field(row, 1, &tl);
        if (rec.index == 0 && p.tgt && !strcmp(p.src, "src") &&
            !strcmp(p.tgt, "tgt"))
            continue; /* header */
        if (!p.tgt) {
            rc = sv__error_set_at(err, SV_EFORMAT, rec.offset, rec.line, 0,
                                  "%s:%zu: expected source TAB target",
                                  name, rec.line);
            goto done;
        }
        p.src_len = sl;
        p.tgt_len = tl;
        p.id = "";
        p.src_lang = p.tgt_lang = "";
        p.langs = NULL;
        p.nlangs = 0;
        p.doc_src_lang = p.doc_tgt_lang = "";
        p.doc_line = 0;
        p.src_tuv = p.tgt_tuv = 0;
        p.pick_src_lang = p.pick_tgt_lang = "";
        p.line = rec.line;
        p.index = count++;
        if ((rc = cb(&p, payload)) != 0)
            goto done;
    }
    if (rc < 0 && err)
        sv__error_set(err, rc, "%s", sv_reader_errmsg(r));
done:
    sv_tsv_row_free(row);
    sv_reader_free(r);
    return rc != 0 ? rc : (int)count;
}

/* Format from the name's extension, else from the first bytes. */
static sv_pair_format detect(FILE *fp, const char *name)
{
    const char *dot = name ? strrchr(name, '.') : NULL;
    int c;

    if (dot && !strcmp(dot, ".tmx"))
        return SV_PAIR_FORMAT_TMX;
    if (dot && (!strcmp(dot, ".xlf") || !strcmp(dot, ".xliff")))
        return SV_PAIR_FORMAT_XLIFF;
    if (dot && (!strcmp(dot, ".tsv") || !strcmp(dot, ".txt")))
        return SV_PAIR_FORMAT_TSV;
    /* Peek one byte (ungetc guarantees one): XML starts with '<' or a
     * UTF-8 BOM. */
    c = fgetc(fp);
    if (c == EOF)
        return SV_PAIR_FORMAT_TSV;
    ungetc(c, fp);
    if (c != '<' && c != 0xEF)
        return SV_PAIR_FORMAT_TSV;
    return SV_PAIR_FORMAT_AUTO; /* XML, kind decided while reading */
}

int sv_pairs_read_options_init(sv_pairs_read_options *opts,
                               unsigned int version)
{
    sv_pairs_read_options init = SV_PAIRS_READ_OPTIONS_INIT;

    if (!opts || version != SV_PAIRS_READ_OPTIONS_VERSION)
        return SV_EINVAL;
    *opts = init;
    return SV_OK;
}

int sv_pairs_read_ext(FILE *fp, const char *name,
                      const sv_pairs_read_options *opts, sv_pair_cb cb,
                      void *payload, sv_error *err)
{
    sv_pairs_read_options o = SV_PAIRS_READ_OPTIONS_INIT;
    sv_pair_format format;

    SV_ASSERT_ARG(fp && cb);
    SV_ASSERT_ARG(!opts || opts->version == SV_PAIRS_READ_OPTIONS_VERSION);
    if (opts)
        o = *opts;
    if (!name)
        name = "-";
    if (!o.max_unit)
        o.max_unit = DEFAULT_MAX_UNIT;
    format = o.format;
    if (format == SV_PAIR_FORMAT_AUTO)
        format = detect(fp, name);
    if (format == SV_PAIR_FORMAT_TSV)
        return tsv_read(fp, name, o.max_unit, cb, payload, err);
    if (format == SV_PAIR_FORMAT_TMX)
        return sv__fmt_xml_pairs_read(fp, name, 0, &o, cb, payload, err);
    if (format == SV_PAIR_FORMAT_XLIFF)
        return sv__fmt_xml_pairs_read(fp, name, 1, &o, cb, payload, err);
    /* Unknown XML: TMX and XLIFF element names do not overlap, so one
     * pass that understands both works; "tu" and "trans-unit"/"unit"
     * are told apart by name. */
    return sv__fmt_xml_pairs_read(fp, name, 2, &o, cb, payload, err);
}

int sv_pairs_read(FILE *fp, const char *name, sv_pair_format format,
                  size_t max_unit, sv_pair_cb cb, void *payload, sv_error *err)
{
    sv_pairs_read_options o = SV_PAIRS_READ_OPTIONS_INIT;

    o.format = format;
    o.max_unit = max_unit;
    return sv_pairs_read_ext(fp, name, &o, cb, payload, err);
}
