/* SPDX-License-Identifier: MIT */
/*
 * UTF-8 decoding with maximal-subpart replacement (Unicode 15 ch. 3,
 * "U+FFFD Substitution of Maximal Subparts"), encoding and validation.
 * The ASCII fast path matters: most bytes of our inputs are ASCII.
 */
#include "base/utf8.h"

#include <stdint.h>
#include <string.h>

#include "base/buf_internal.h"
#include "sverka/errors.h"

/* Valid second-byte ranges per lead byte (Unicode Table 3-7). */
static int second_ok(unsigned char lead, unsigned char b)
{
    if (lead == 0xE0)
        return b >= 0xA0 && b <= 0xBF;
    if (lead == 0xED)
        return b >= 0x80 && b <= 0x9F;
    if (lead == 0xF0)
        return b >= 0x90 && b <= 0xBF;
    if (lead == 0xF4)
        return b >= 0x80 && b <= 0x8F;
    return b >= 0x80 && b <= 0xBF;
}

size_t sv__utf8_decode(const unsigned char *s, size_t len, int32_t *cp)
{
    unsigned char c = s[0];
    size_t need, i;
    uint32_t v;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        v = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        v = c & 0x07;
    } else {
        *cp = -1;
        return 1;
    }
    for (i = 1; i < need; i++) {
        if (i >= len)
            break;
        if (i == 1 ? !second_ok(c, s[1]) : (s[i] & 0xC0) != 0x80)
            break;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (i < need) {
        *cp = -1;
        return i;
    }
    *cp = (int32_t)v;
    return need;
}

size_t sv__utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp <= 0x10FFFF) {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        return 4;
    }
    return 0;
}

/* Skip a run of ASCII bytes, eight at a time where aligned access allows. */
static size_t ascii_run(const unsigned char *s, size_t len)
{
    size_t i = 0;

    while (i + 8 <= len) {
        uint64_t w;

        memcpy(&w, s + i, 8);
        if (w & UINT64_C(0x8080808080808080))
            break;
        i += 8;
    }
    while (i < len && s[i] < 0x80)
        i++;
    return i;
}

size_t sv__utf8_valid_prefix(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;

    while (i < len) {
        int32_t cp;
        size_t n;

        i += ascii_run(s + i, len - i);
        /* two-byte sequences (Cyrillic, Latin-1) inline: most non-ASCII
         * text is made of them */
        while (i + 1 < len && s[i] >= 0xC2 && s[i] <= 0xDF &&
               (s[i + 1] & 0xC0) == 0x80)
            i += 2;
        if (i >= len)
            break;
        if (s[i] < 0x80)
            continue;
        n = sv__utf8_decode(s + i, len - i, &cp);
        if (cp < 0)
            return i;
        i += n;
    }
    return len;
}

int sv__utf8_sanitize(sv_buf *out, const char *str, size_t len,
                      size_t *replaced, size_t *first_bad)
{
    static const char fffd[3] = {'\xEF', '\xBF', '\xBD'};
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, count = 0, first = SIZE_MAX;
    int rc;

    while (i < len) {
        size_t good = sv__utf8_valid_prefix(str + i, len - i);
        int32_t cp;

        if ((rc = sv_buf_put(out, str + i, good)) < 0)
            return rc;
        i += good;
        if (i >= len)
            break;
        if (first == SIZE_MAX)
            first = i;
        i += sv__utf8_decode(s + i, len - i, &cp);
        count++;
        if ((rc = sv_buf_put(out, fffd, 3)) < 0)
            return rc;
    }
    if (out->ptr == NULL && (rc = sv__buf_grow(out, 0)) < 0)
        return rc;
    if (out->ptr)
        out->ptr[out->size] = '\0';
    if (replaced)
        *replaced = count;
    if (first_bad)
        *first_bad = first;
    return SV_OK;
}

size_t sv__utf8_incomplete_tail(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t back, start;

    /* Find the last lead byte within the final 3 bytes. */
    for (back = 1; back <= 3 && back <= len; back++) {
        unsigned char c = s[len - back];
        size_t need;
        int32_t cp;

        if ((c & 0xC0) == 0x80)
            continue;
        if (c < 0xC2 || c > 0xF4)
            return 0;
        need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (back >= need)
            return 0;
        start = len - back;
        /* Only hold back what could still become valid. */
        if (sv__utf8_decode(s + start, back, &cp) == back)
            return back;
        return 0;
    }
    return 0;
}

size_t sv__utf8_count_cp(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, n = 0;

    while (i < len) {
        int32_t cp;

        if (s[i] < 0x80) {
            i++;
        } else {
            i += sv__utf8_decode(s + i, len - i, &cp);
        }
        n++;
    }
    return n;
}
