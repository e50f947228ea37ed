/* SPDX-License-Identifier: MIT */
/*
 * HTML input: the readable text of a page as paragraphs.  libxml2's HTML
 * parser (recovering, silent, no network) builds the tree; a walk without
 * recursion keeps the text of block elements as paragraphs separated by a
 * blank line, collapses white space as a browser does (except in <pre>),
 * and leaves out what is not content: script, style, nav, footer, aside,
 * forms and the document head.  A DOCTYPE's internal subset, which the
 * HTML parser does not understand, is cut out first: entities declared
 * there are never expanded (their references stay as written).
 */
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "base/buf_internal.h"
#include "base/error_internal.h"
#include "base/utf8.h"
#include "sverka/io.h"

static int name_in(const xmlChar *name, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp((const char *)name, *list))
            return 1;
    return 0;
}

static int is_skipped(const xmlNode *n)
{
    static const char *const skip[] = {
        "script", "style", "noscript", "template", "nav", "footer", "aside",
        "form", "button", "select", "textarea", "iframe", "svg", "head",
        "object", "canvas", NULL};

    return n->type == XML_ELEMENT_NODE && name_in(n->name, skip);
}

static int is_block(const xmlNode *n)
{
    static const char *const block[] = {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
        "dl", "dt", "dd", "table", "tr", "td", "th", "caption", "blockquote",
        "pre", "section", "article", "header", "main", "figure",
        "figcaption", "address", "hr", "body", "html", NULL};

    return n->type == XML_ELEMENT_NODE && name_in(n->name, block);
}

typedef struct text_out {
    sv_buf *out;
    size_t start;   /* where this document's text begins in out */
    int need_break; /* a block boundary was passed since the last text */
    int need_space; /* white space was seen since the last text */
    int pre;        /* depth inside <pre> */
} text_out;

static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int put_text(text_out *t, const char *s, size_t len)
{
    size_t i;
    int rc = SV_OK;

    for (i = 0; i < len && rc == SV_OK; i++) {
        unsigned char c = (unsigned char)s[i];

        if (!t->pre && is_ws(c)) {
            t->need_space = 1;
            continue;
        }
        if (t->out->size > t->start && t->need_break)
            rc = sv_buf_put(t->out, "\n\n", 2);
        else if (t->out->size > t->start && t->need_space && !t->need_break)
            rc = sv__buf_putc(t->out, ' ');
        t->need_break = t->need_space = 0;
        if (rc == SV_OK)
            rc = sv__buf_putc(t->out, (char)c);
    }
    return rc;
}

/* Visit every node in document order without recursion. */
static int walk(text_out *t, xmlNode *root)
{
    xmlNode *n = root;
    int rc = SV_OK;

    while (n && rc == SV_OK) {
        int descend = 0;

        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                rc = put_text(t, (const char *)n->content,
                              strlen((const char *)n->content));
        } else if (n->type == XML_ELEMENT_NODE && !is_skipped(n)) {
            if (!strcmp((const char *)n->name, "br") &&
                t->out->size > t->start) {
                rc = sv__buf_putc(t->out, '\n');
                t->need_space = 0;
            }
            if (is_block(n))
                t->need_break = 1;
            if (!strcmp((const char *)n->name, "pre"))
                t->pre++;
            descend = n->children != NULL;
        }
        if (descend) {
            n = n->children;
            continue;
        }
        /* Leave finished elements, closing blocks on the way up. */
        while (n && n != root && !n->next) {
            n = n->parent;
            if (n && is_block(n))
                t->need_break = 1;
            if (n && n->type == XML_ELEMENT_NODE &&
                !strcmp((const char *)n->name, "pre") && t->pre > 0)
                t->pre--;
        }
        if (!n || n == root)
            break;
        n = n->next;
    }
    return rc;
}

/* Bytes of "<!--...-->" or "<?...?>" at p, else 0. */
static size_t markup_len(const char *p, size_t n)
{
    const char *open = n >= 4 && !memcmp(p, "<!--", 4) ? "-->"
                       : n >= 2 && !memcmp(p, "<?", 2) ? "?>"
                                                       : NULL;
    size_t i, k;

    if (!open)
        return 0;
    k = strlen(open);
    for (i = 2; i + k <= n; i++)
        if (!memcmp(p + i, open, k))
            return i + k;
    return n;
}

/* Start of "<!DOCTYPE" (any case) when only a BOM, white space, comments
 * and processing instructions come before it; else len. */
static size_t doctype_at(const char *h, size_t len)
{
    static const char word[] = "<!doctype";
    size_t i = len >= 3 && !memcmp(h, "\xEF\xBB\xBF", 3) ? 3 : 0, k, m;

    for (;;) {
        while (i < len && is_ws((unsigned char)h[i]))
            i++;
        if ((m = markup_len(h + i, len - i)) == 0)
            break;
        i += m;
    }
    for (k = 0; word[k] && i + k < len; k++) {
        char c = h[i + k];

        if ((c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) != word[k])
            return len;
    }
    return word[k] ? len : i;
}

/* The internal subset "[...]" of a leading DOCTYPE as [*a, *b): quoted
 * strings and comments may hold ']' or '>'.  0 when there is none or it
 * is not closed. */
static int doctype_subset(const char *h, size_t len, size_t *a, size_t *b)
{
    size_t i = doctype_at(h, len), m;
    char quote = 0;

    for (i += i < len ? 9 : 0; i < len && h[i] != '>' && h[i] != '['; i++)
        if (h[i] == '"' || h[i] == '\'') {
            const char *end = memchr(h + i + 1, h[i], len - i - 1);

            i = end ? (size_t)(end - h) : len;
        }
    if (i >= len || h[i] != '[')
        return 0;
    *a = i;
    for (i++; i < len; i++) {
        if (quote) {
            quote = h[i] == quote ? 0 : quote;
        } else if (h[i] == '"' || h[i] == '\'') {
            quote = h[i];
        } else if (h[i] == ']') {
            *b = i + 1;
            return 1;
        } else if ((m = markup_len(h + i, len - i)) > 0) {
            i += m - 1;
        }
    }
    return 0;
}

/* libxml2's HTML parser passes invalid UTF-8 in text through as it is
 * (found by fuzz_html); the text promised is UTF-8, so each invalid
 * subpart of what was appended becomes U+FFFD. */
static int repair_utf8(sv_buf *out, size_t start)
{
    sv_buf fixed = SV_BUF_INIT;
    size_t n = out->size - start;
    int rc;

    if (sv__utf8_valid_prefix(out->ptr + start, n) == n)
        return SV_OK;
    if ((rc = sv__utf8_sanitize(&fixed, out->ptr + start, n, NULL, NULL)) ==
        SV_OK) {
        out->size = start;
        rc = sv_buf_put(out, fixed.ptr, fixed.size);
    }
    sv_buf_dispose(&fixed);
    return rc;
}

int sv_html_to_text(sv_buf *out, const char *html, size_t len, sv_error *err)
{
    htmlParserCtxtPtr ctxt;
    htmlDocPtr doc;
    sv_buf cut = SV_BUF_INIT;
    text_out t;
    size_t a, b;
    int rc, deep;

    if (!out || (!html && len))
        return sv__error_set(err, SV_EINVAL, "no buffer or no input");
    if (len > (size_t)INT32_MAX)
        return sv__error_set(err, SV_ETOOBIG, "HTML input over 2 GiB");
    /* The text is already UTF-8 (the reader decoded it), so the page's own
     * meta charset is overridden.  No network, no error output. */
    if (len && doctype_subset(html, len, &a, &b)) {
        /* "<!DOCTYPE html [...]>" is parsed as "<!DOCTYPE html >" */
        if (sv_buf_put(&cut, html, a) < 0 ||
            sv_buf_put(&cut, html + b, len - b) < 0) {
            sv_buf_dispose(&cut);
            return sv__error_oom(err);
        }
        html = cut.ptr;
        len = cut.size;
    }
    if (!(ctxt = htmlNewParserCtxt())) {
        sv_buf_dispose(&cut);
        return sv__error_oom(err);
    }
    doc = htmlCtxtReadMemory(ctxt, len ? html : "", (int)len, NULL, "UTF-8",
                             HTML_PARSE_RECOVER | HTML_PARSE_NONET |
                             HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                             HTML_PARSE_NOBLANKS);
    /* Past 256 open elements libxml2 stops parsing (the rest of the page
     * would be lost without a word): refuse the page instead. */
    deep = ctxt->lastError.code == XML_ERR_INTERNAL_ERROR &&
           ctxt->lastError.message &&
           strstr(ctxt->lastError.message, "Excessive depth");
    htmlFreeParserCtxt(ctxt);
    sv_buf_dispose(&cut);
    if (deep) {
        xmlFreeDoc(doc);
        return sv__error_set(err, SV_ETOOBIG, "HTML elements nested more "
                             "than 255 deep (the parser's limit)");
    }
    memset(&t, 0, sizeof(t));
    t.out = out;
    t.start = out->size;
    if (!doc) { /* nothing parseable (e.g. empty input): no text */
        return sv__buf_grow(out, 0) < 0 ? sv__error_oom(err) : SV_OK;
    }
    rc = walk(&t, xmlDocGetRootElement(doc));
    xmlFreeDoc(doc);
    if (rc == SV_OK && out->size > t.start)
        rc = repair_utf8(out, t.start);
    if (rc == SV_OK && (rc = sv__buf_grow(out, 0)) == SV_OK)
        out->ptr[out->size] = '\0';
    return rc == SV_ENOMEM ? sv__error_oom(err) : rc;
}
