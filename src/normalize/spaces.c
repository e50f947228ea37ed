/* SPDX-License-Identifier: MIT */
/*
 * spaces step: no-break, thin, figure, ideographic and the other Unicode
 * spaces become a plain space; runs of spaces inside a line collapse to one
 * (leading indentation keeps its width); line ends are trimmed; a line of
 * only spaces becomes empty; at most one blank line in a row.  Tabs are
 * structure (TSV, code) and are kept, except at a line end.  Thousands
 * separators ("146 000 000") become plain spaces, never dots.
 */
#include "normalize/normalize_internal.h"

#include <string.h>

#include "sverka/errors.h"

/* Length of the space character at s[i] (i < end): 1 for ' ', 2-3 for a
 * Unicode space, 0 for anything else (tabs included). */
static size_t space_at(const unsigned char *s, size_t i, size_t end)
{
    unsigned char c = s[i];

    if (c == ' ')
        return 1;
    if (c < 0xC2)
        return 0;
    if (c == 0xC2)
        return (i + 1 < end && s[i + 1] == 0xA0) ? 2 : 0;
    if (i + 2 >= end)
        return 0;
    if (c == 0xE2) {
        if (s[i + 1] == 0x80)
            return (s[i + 2] <= 0x8A || s[i + 2] == 0xAF) ? 3 : 0;
        return (s[i + 1] == 0x81 && s[i + 2] == 0x9F) ? 3 : 0;
    }
    if (c == 0xE3)
        return (s[i + 1] == 0x80 && s[i + 2] == 0x80) ? 3 : 0;
    if (c == 0xE1)
        return (s[i + 1] == 0x9A && s[i + 2] == 0x80) ? 3 : 0;
    return 0;
}

/* Length of the whitespace character ending at s[t] (t > ls), or 0. */
static size_t space_before(const unsigned char *s, size_t ls, size_t t)
{
    unsigned char c = s[t - 1];

    if (c == ' ' || c == '\t')
        return 1;
    if (c < 0x80)
        return 0;
    if (t - ls >= 2 && space_at(s, t - 2, t) == 2)
        return 2;
    if (t - ls >= 3 && space_at(s, t - 3, t) == 3)
        return 3;
    return 0;
}

static const char SPACES[] = "                                ";

/* Collapse and map the spaces of in[ls, t) (t: where trailing space
 * starts). */
static int fix_inner(sv__writer *w, size_t ls, size_t t)
{
    const unsigned char *s = (const unsigned char *)w->in;
    size_t j = ls;
    int leading = 1, rc;

    while (j < t) {
        size_t r = j, count = 0, k;
        int odd = 0;

        /* Eight bytes with no two spaces in a row, no lead byte of a
         * Unicode space (0xC2, 0xE1, 0xE2, 0xE3), not ending in a space
         * (which could start a run), need nothing. */
        if (j + 8 <= t) {
            uint64_t v = sv__load8(w->in + j), sp = sv__eq_bytes(v, ' ');

            if (!(sp & (sp << 8)) && !(sp & (sp >> 8)) && s[j + 7] != ' ' &&
                !(sv__eq_bytes(v, 0xC2) | sv__eq_bytes(v, 0xE1) |
                  sv__eq_bytes(v, 0xE2) | sv__eq_bytes(v, 0xE3)) &&
                (s[j] != ' ' || !leading)) {
                leading = 0;
                j += 8;
                continue;
            }
        }
        while (r < t && (k = space_at(s, r, t)) > 0) {
            odd |= k > 1;
            count++;
            r += k;
        }
        if (r == j) {
            leading = 0;
            j++;
            continue;
        }
        if (leading && odd) {
            /* Indentation keeps its width in plain spaces (up to 32). */
            if (count > sizeof(SPACES) - 1)
                count = sizeof(SPACES) - 1;
            if ((rc = sv__writer_replace(w, j, r, SPACES, count)) < 0)
                return rc;
        } else if (!leading && (count > 1 || odd)) {
            if ((rc = sv__writer_replace(w, j, r, " ", 1)) < 0)
                return rc;
        }
        leading = 0;
        j = r;
    }
    return SV_OK;
}

int sv__step_spaces(const char *in, size_t in_len, sv_buf *out,
                    sv__editlist *edits, const sv__step_env *env)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t ls = 0;
    int prev_blank = 0, rc;
    sv__writer w;

    (void)env;
    sv__writer_init(&w, in, in_len, out, edits, sv__name_spaces);
    while (ls < in_len) {
        const char *nl = memchr(in + ls, '\n', in_len - ls);
        size_t le = nl ? (size_t)(nl - in) : in_len, t = le, k;

        while (t > ls && (k = space_before(s, ls, t)) > 0)
            t -= k;
        if ((rc = fix_inner(&w, ls, t)) < 0)
            return rc;
        if (t == ls && prev_blank && nl) {
            rc = sv__writer_replace(&w, ls, le + 1, "", 0);
        } else {
            rc = t < le ? sv__writer_replace(&w, t, le, "", 0) : SV_OK;
            prev_blank = t == ls;
        }
        if (rc < 0)
            return rc;
        ls = le + 1;
    }
    return sv__writer_finish(&w);
}
