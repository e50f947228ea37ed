/* SPDX-License-Identifier: MIT */
/*
 * Rendering changes for people: a before/after text with invisible
 * characters made visible (no-break space, zero-width space, controls),
 * truncated to a readable length, and a running line:column locator over
 * edits sorted by offset (one pass, not one scan per edit).
 */
#include <stdio.h>
#include <string.h>

#include "explain.h"

/* A byte that starts no valid UTF-8 sequence, as a "code point". */
#define BAD_BYTE 0x80000000u

/* Decode one UTF-8 code point.  The text may hold invalid UTF-8 (normalize
 * passes it to its decode step, whose edits show it): each byte of an
 * invalid sequence is one BAD_BYTE unit. */
static size_t decode(const unsigned char *s, size_t len, unsigned *cp)
{
    unsigned v, min;
    size_t need, i;

    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    need = s[0] >= 0xC2 && s[0] <= 0xDF   ? 1
           : s[0] >= 0xE0 && s[0] <= 0xEF ? 2
           : s[0] >= 0xF0 && s[0] <= 0xF4 ? 3
                                          : 0;
    min = need == 1 ? 0x80 : need == 2 ? 0x800 : 0x10000;
    v = s[0] & (0x7Fu >> (need + 1));
    for (i = 1; need && i <= need; i++) {
        if (i >= len || (s[i] & 0xC0) != 0x80) {
            need = 0;
            break;
        }
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (!need || v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = BAD_BYTE | s[0];
        return 1;
    }
    *cp = v;
    return need + 1;
}

/* Characters a reader cannot see or tell apart from a plain space. */
static const char *invisible_name(unsigned cp)
{
    switch (cp) {
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    case 0xA0: return "<NBSP>";
    case 0xAD: return "<SHY>";
    case 0x200B: return "<ZWSP>";
    case 0x200C: return "<ZWNJ>";
    case 0x200D: return "<ZWJ>";
    case 0x2009: return "<THIN SP>";
    case 0x202F: return "<NNBSP>";
    case 0xFEFF: return "<BOM>";
    default: return NULL;
    }
}

static int is_invisible(unsigned cp)
{
    return (cp & BAD_BYTE) || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
           (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
           (cp >= 0x2060 && cp <= 0x206F) || cp == 0x3000 || cp == 0xFFFD;
}

int cli_visible(sv_buf *out, const char *s, size_t len, size_t max_cp)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, n = 0, run = 0; /* run: start of plain text not yet put */
    int rc = SV_OK;

    while (i < len && rc == SV_OK) {
        unsigned cp;
        size_t k;
        const char *name;
        char tmp[16];

        if (n++ == max_cp) {
            if ((rc = sv_buf_put(out, s + run, i - run)) == SV_OK)
                rc = sv_buf_put(out, "\xE2\x80\xA6", 3); /* … */
            return rc;
        }
        if (p[i] >= 0x20 && p[i] < 0x7F) {
            i++; /* printable ASCII: plain, without decoding */
            continue;
        }
        if ((p[i] == 0xD0 || p[i] == 0xD1) && i + 1 < len &&
            (p[i + 1] & 0xC0) == 0x80) {
            i += 2; /* basic Cyrillic U+0400..U+047F: plain too */
            continue;
        }
        k = decode(p + i, len - i, &cp);
        name = invisible_name(cp);
        if (!name && !is_invisible(cp)) {
            i += k; /* plain: put with its neighbours, one call per run */
            continue;
        }
        rc = sv_buf_put(out, s + run, i - run);
        if (rc == SV_OK && name)
            rc = sv_buf_put(out, name, strlen(name));
        else if (rc == SV_OK && (cp & BAD_BYTE)) /* an invalid byte */
            rc = sv_buf_put(out, tmp, (size_t)snprintf(tmp, sizeof(tmp),
                                                       "<%02X>", cp & 0xFFu));
        else if (rc == SV_OK)
            rc = sv_buf_put(out, tmp,
                            (size_t)snprintf(tmp, sizeof(tmp), "<U+%04X>", cp));
        i += k;
        run = i;
    }
    if (rc == SV_OK)
        rc = sv_buf_put(out, s + run, i - run);
    return rc;
}

void cli_locator_init(cli_locator *l, const char *text, size_t len,
                      size_t first_line)
{
    l->text = text;
    l->len = len;
    l->pos = 0;
    l->first_line = first_line ? first_line : 1;
    l->line = l->first_line;
    l->column = 1;
}

void cli_locator_seek(cli_locator *l, size_t offset, size_t *line,
                      size_t *column)
{
    if (offset < l->pos) /* edits go forward; restart if not */
        cli_locator_init(l, l->text, l->len, l->first_line);
    if (offset > l->len)
        offset = l->len;
    while (l->pos < offset) {
        unsigned char c = (unsigned char)l->text[l->pos++];

        if (c == '\n') {
            l->line++;
            l->column = 1;
        } else if ((c & 0xC0) != 0x80) {
            l->column++;
        }
    }
    *line = l->line;
    *column = l->column;
}
