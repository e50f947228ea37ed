/* SPDX-License-Identifier: MIT */
/*
 * Helpers every normalization step uses: the edit-recording writer and the
 * cheap character classes for Latin and Cyrillic letters.  The classes are
 * range tests, not ICU calls, so ASCII and Cyrillic text never leaves this
 * file (STYLE "Speed matters").
 */
#include "normalize/normalize_internal.h"

#include <string.h>

#include "sverka/errors.h"

const char sv__name_decode[] = "decode";
const char sv__name_mojibake[] = "mojibake";
const char sv__name_entities[] = "entities";
const char sv__name_controls[] = "controls";
const char sv__name_unicode[] = "unicode";
const char sv__name_spaces[] = "spaces";
const char sv__name_punctuation[] = "punctuation";
const char sv__name_homoglyphs[] = "homoglyphs";
const char sv__name_glued[] = "glued";
const char sv__name_hyphenation[] = "hyphenation";
const char sv__name_drop_boilerplate[] = "drop:boilerplate";
const char sv__name_drop_duplicates[] = "drop:duplicates";
const char sv__name_drop_notes[] = "drop:notes";

void sv__writer_init(sv__writer *w, const char *in, size_t in_len,
                     sv_buf *out, sv__editlist *edits, const char *step)
{
    w->in = in;
    w->in_len = in_len;
    w->copied = 0;
    w->out = out;
    w->edits = edits;
    w->step = step;
    w->changed = 0;
}

int sv__writer_replace_as(sv__writer *w, size_t start, size_t end,
                          const char *rep, size_t rep_len, const char *step)
{
    size_t out_start;
    int rc;

    if (start < w->copied || end < start || end > w->in_len)
        return SV_EINVAL;
    if ((rc = sv_buf_put(w->out, w->in + w->copied, start - w->copied)) < 0)
        return rc;
    out_start = w->out->size;
    if ((rc = sv_buf_put(w->out, rep, rep_len)) < 0)
        return rc;
    w->copied = end;
    w->changed = 1;
    return sv__editlist_add(w->edits, start, end, out_start, w->out->size,
                            step);
}

int sv__writer_replace(sv__writer *w, size_t start, size_t end,
                       const char *rep, size_t rep_len)
{
    return sv__writer_replace_as(w, start, end, rep, rep_len, w->step);
}

int sv__writer_finish(sv__writer *w)
{
    int rc = SV_OK;

    if (w->changed)
        rc = sv_buf_put(w->out, w->in + w->copied, w->in_len - w->copied);
    w->copied = w->in_len;
    return rc;
}

int sv__cp_script(uint32_t cp)
{
    if (cp < 0x80)
        return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ? SV__SC_LATIN
                                                           : SV__SC_OTHER;
    if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7)
        return SV__SC_LATIN;
    if (cp == 0xAA || cp == 0xBA || (cp >= 0x1E00 && cp <= 0x1EFF))
        return SV__SC_LATIN;
    if ((cp >= 0x400 && cp <= 0x481) || (cp >= 0x48A && cp <= 0x52F))
        return SV__SC_CYRILLIC;
    return SV__SC_OTHER;
}

int sv__cp_is_letter(uint32_t cp)
{
    if (sv__cp_script(cp) != SV__SC_OTHER)
        return 1;
    /* Greek and the combining marks that sit inside words. */
    return (cp >= 0x370 && cp <= 0x3FF && cp != 0x37E && cp != 0x387) ||
           (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x483 && cp <= 0x489);
}

int sv__cp_is_upper(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    if (cp >= 0xC0 && cp <= 0xDE)
        return cp != 0xD7;
    if (cp >= 0x400 && cp <= 0x42F)
        return 1;
    if ((cp >= 0x100 && cp <= 0x17F) || (cp >= 0x460 && cp <= 0x481) ||
        (cp >= 0x48A && cp <= 0x52F))
        return (cp & 1) == 0;
    return cp >= 0x391 && cp <= 0x3A9;
}

int sv__cp_is_lower(uint32_t cp)
{
    return sv__cp_is_letter(cp) && !sv__cp_is_upper(cp) &&
           !(cp >= 0x300 && cp <= 0x36F);
}

int sv__cp_is_quote(uint32_t cp)
{
    switch (cp) {
    case '"': case '\'': case 0xAB: case 0xBB: case 0x2018: case 0x2019:
    case 0x201A: case 0x201B: case 0x201C: case 0x201D: case 0x201E:
    case 0x201F: case 0x2039: case 0x203A:
        return 1;
    default:
        return 0;
    }
}

int sv__cp_is_closer(uint32_t cp)
{
    return cp == ')' || cp == ']' || cp == 0xBB || cp == 0x2019 ||
           cp == 0x201D || cp == '"' || cp == '\'' || cp == 0x203A;
}

void sv__count_scripts(const char *s, size_t len, size_t *latin,
                       size_t *cyrillic)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i, lat = 0, cyr = 0;

    /* Cyrillic U+0400..U+04FF is lead byte 0xD0..0xD3; ASCII letters are
     * counted eight at a time (fold case, then a range test). */
    i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t v = sv__load8(s + i);
        uint64_t m = sv__between_bytes(v | (SV__ONES * 0x20), 'a' - 1,
                                       'z' + 1);
        uint64_t c = sv__eq_bytes(v & (SV__ONES * 0xFC), 0xD0);

        lat += (size_t)(((m >> 7) * SV__ONES) >> 56);
        cyr += (size_t)(((c >> 7) * SV__ONES) >> 56);
    }
    for (; i < len; i++) {
        unsigned char c = p[i];

        if (c < 0x80)
            lat += (unsigned char)((c | 0x20) - 'a') < 26;
        else if (c >= 0xD0 && c <= 0xD3)
            cyr++;
    }
    *latin = lat;
    *cyrillic = cyr;
}
