/* SPDX-License-Identifier: MIT */
/*
 * Case mapping for dictionary keys.  Covers ASCII, Latin-1 (U+00C0-U+00FE)
 * and the basic Cyrillic block (U+0400-U+045F), where every mapping is a
 * fixed offset; no locale, no ICU, no allocation beyond the output buffer.
 */
#include "lang/wordcase.h"

#include <string.h>

#include "base/buf_internal.h"
#include "base/utf8.h"
#include "sverka/errors.h"

uint32_t sv__cp_lower(uint32_t cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if (cp < 0xC0)
        return cp;
    if (cp <= 0xDE && cp != 0xD7)
        return cp + 32;
    if (cp >= 0x0410 && cp <= 0x042F) /* А..Я */
        return cp + 32;
    if (cp >= 0x0400 && cp <= 0x040F) /* Ѐ..Џ, incl. Ё */
        return cp + 80;
    return cp;
}

uint32_t sv__cp_upper(uint32_t cp)
{
    if (cp >= 'a' && cp <= 'z')
        return cp - 32;
    if (cp < 0xE0)
        return cp;
    if (cp <= 0xFE && cp != 0xF7)
        return cp - 32;
    if (cp >= 0x0430 && cp <= 0x044F) /* а..я */
        return cp - 32;
    if (cp >= 0x0450 && cp <= 0x045F) /* ѐ..џ, incl. ё */
        return cp - 80;
    return cp;
}

sv__word_case sv__word_case_of(const char *w, size_t len)
{
    const unsigned char *s = (const unsigned char *)w;
    size_t i = 0, n_upper = 0, n_lower = 0;
    int first_upper = -1; /* case of the first cased letter */

    while (i < len) {
        int32_t cp;
        size_t n = sv__utf8_decode(s + i, len - i, &cp);

        i += n;
        if (cp < 0)
            continue;
        if (sv__cp_lower((uint32_t)cp) != (uint32_t)cp) {
            n_upper++;
            if (first_upper < 0)
                first_upper = 1;
        } else if (sv__cp_upper((uint32_t)cp) != (uint32_t)cp) {
            n_lower++;
            if (first_upper < 0)
                first_upper = 0;
        }
    }
    if (n_upper + n_lower == 0)
        return SV__CASE_NONE;
    if (n_upper == 0)
        return SV__CASE_LOWER;
    if (n_lower == 0)
        return n_upper >= 2 ? SV__CASE_UPPER : SV__CASE_TITLE;
    if (first_upper == 1 && n_upper == 1)
        return SV__CASE_TITLE;
    return SV__CASE_MIXED;
}

/* One ASCII byte folded; *seen set once a letter has passed. */
static unsigned char fold_ascii(unsigned char c, int upper, int *seen)
{
    int is_upper = c >= 'A' && c <= 'Z', is_lower = c >= 'a' && c <= 'z';

    *seen |= is_upper | is_lower;
    if (upper && is_lower)
        return (unsigned char)(c - 32);
    if (!upper && is_upper)
        return (unsigned char)(c + 32);
    return c;
}

/* Every mapping keeps the length of a character's UTF-8 (the covered
 * ranges map within themselves, the rest is left alone) and invalid bytes
 * are copied, so the result is written in place, len bytes long. */
int sv__word_fold(sv_buf *out, const char *w, size_t len, int mode)
{
    const unsigned char *s = (const unsigned char *)w;
    unsigned char *o;
    size_t i = 0;
    int seen_letter = 0;
    int rc;

    if ((rc = sv__buf_grow(out, len + 4)) < 0)
        return rc;
    o = (unsigned char *)out->ptr + out->size;
    while (i < len) {
        int upper = mode == SV__FOLD_UPPER ||
                    (mode == SV__FOLD_TITLE && !seen_letter);
        int32_t cp;
        size_t n;
        uint32_t m;

        if (s[i] < 0x80) {
            o[i] = fold_ascii(s[i], upper, &seen_letter);
            i++;
            continue;
        }
        n = sv__utf8_decode(s + i, len - i, &cp);
        if (cp < 0) {
            memcpy(o + i, s + i, n);
            i += n;
            continue;
        }
        m = upper ? sv__cp_upper((uint32_t)cp) : sv__cp_lower((uint32_t)cp);
        if (sv__cp_upper((uint32_t)cp) != (uint32_t)cp ||
            sv__cp_lower((uint32_t)cp) != (uint32_t)cp)
            seen_letter = 1;
        sv__utf8_encode(m, (char *)o + i);
        i += n;
    }
    out->size += len;
    out->ptr[out->size] = '\0';
    return SV_OK;
}

void sv__fold_yo(char *s, size_t len)
{
    size_t i;

    for (i = 0; i + 1 < len; i++) {
        unsigned char a = (unsigned char)s[i], b = (unsigned char)s[i + 1];

        if (a == 0xD1 && b == 0x91) { /* ё U+0451 -> е U+0435 */
            s[i] = (char)0xD0;
            s[i + 1] = (char)0xB5;
        } else if (a == 0xD0 && b == 0x81) { /* Ё U+0401 -> Е U+0415 */
            s[i + 1] = (char)0x95;
        }
    }
}
