/* SPDX-License-Identifier: MIT */
/*
 * entities step: HTML character references (&amp; &#8212; &#x2019; and the
 * named ones scraped news text actually carries) become characters.  Only
 * complete references ending in ';' are decoded; a numeric reference to
 * NUL, a surrogate or beyond U+10FFFF becomes U+FFFD, as HTML5 does.  On by
 * default only for HTML input, where "&amp;" is markup, not text.
 */
#include "normalize/normalize_internal.h"

#include <string.h>

#include "base/utf8.h"
#include "sverka/errors.h"

typedef struct entity {
    const char *name;
    uint32_t cp;
} entity;

/* Sorted by name for the binary search. */
static const entity NAMED[] = {
    {"AElig", 0xC6}, {"Aacute", 0xC1}, {"Eacute", 0xC9}, {"Ouml", 0xD6},
    {"Uuml", 0xDC}, {"aacute", 0xE1}, {"acute", 0xB4}, {"aelig", 0xE6},
    {"agrave", 0xE0}, {"amp", '&'}, {"apos", '\''}, {"bdquo", 0x201E},
    {"brvbar", 0xA6}, {"bull", 0x2022}, {"ccedil", 0xE7}, {"cent", 0xA2},
    {"copy", 0xA9}, {"dagger", 0x2020}, {"deg", 0xB0}, {"divide", 0xF7},
    {"eacute", 0xE9}, {"egrave", 0xE8}, {"emsp", 0x2003}, {"ensp", 0x2002},
    {"euro", 0x20AC}, {"frac12", 0xBD}, {"frac14", 0xBC}, {"gt", '>'},
    {"hellip", 0x2026}, {"iexcl", 0xA1}, {"iquest", 0xBF}, {"laquo", 0xAB},
    {"ldquo", 0x201C}, {"lrm", 0x200E}, {"lsaquo", 0x2039},
    {"lsquo", 0x2018}, {"lt", '<'}, {"mdash", 0x2014}, {"middot", 0xB7},
    {"minus", 0x2212}, {"nbsp", 0xA0}, {"ndash", 0x2013}, {"not", 0xAC},
    {"ntilde", 0xF1}, {"numero", 0x2116}, {"ouml", 0xF6}, {"para", 0xB6},
    {"plusmn", 0xB1}, {"pound", 0xA3}, {"prime", 0x2032}, {"quot", '"'},
    {"raquo", 0xBB}, {"rdquo", 0x201D}, {"reg", 0xAE}, {"rlm", 0x200F},
    {"rsaquo", 0x203A}, {"rsquo", 0x2019}, {"sbquo", 0x201A}, {"sect", 0xA7},
    {"shy", 0xAD}, {"sup2", 0xB2}, {"szlig", 0xDF}, {"thinsp", 0x2009},
    {"times", 0xD7}, {"trade", 0x2122}, {"uuml", 0xFC}, {"yen", 0xA5},
    {"zwj", 0x200D}, {"zwnj", 0x200C},
};

static uint32_t lookup(const char *name, size_t len)
{
    size_t lo = 0, hi = sizeof(NAMED) / sizeof(NAMED[0]);

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strncmp(NAMED[mid].name, name, len);

        if (c == 0 && NAMED[mid].name[len] != '\0')
            c = 1;
        if (c == 0)
            return NAMED[mid].cp;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

/* Parse a reference at in[i] == '&'.  Returns its length (0: not one) and
 * the code point. */
static size_t parse_ref(const char *in, size_t len, size_t i, uint32_t *cp)
{
    size_t j = i + 1, end = len - i > 40 ? i + 40 : len;
    uint32_t v = 0;

    if (j < end && in[j] == '#') {
        int hex = j + 1 < end && (in[j + 1] | 0x20) == 'x';
        size_t digits = 0;

        for (j += 1 + (size_t)hex; j < end && in[j] != ';'; j++, digits++) {
            int d = hex ? hexval(in[j]) : (in[j] >= '0' && in[j] <= '9'
                                               ? in[j] - '0' : -1);
            if (d < 0 || digits >= 8)
                return 0;
            v = v * (hex ? 16u : 10u) + (uint32_t)d;
        }
        if (j >= end || !digits)
            return 0;
        if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            v = SV_REPLACEMENT_CHAR;
        *cp = v;
        return j + 1 - i;
    }
    while (j < end && ((in[j] | 0x20) >= 'a' && (in[j] | 0x20) <= 'z'))
        j++;
    while (j < end && in[j] >= '0' && in[j] <= '9')
        j++;
    if (j >= end || in[j] != ';' || j == i + 1)
        return 0;
    *cp = lookup(in + i + 1, j - i - 1);
    return *cp ? j + 1 - i : 0;
}

int sv__step_entities(const char *in, size_t in_len, sv_buf *out,
                      sv__editlist *edits, const sv__step_env *env)
{
    sv__writer w;
    size_t i = 0;
    int rc;

    (void)env;
    sv__writer_init(&w, in, in_len, out, edits, sv__name_entities);
    while (i < in_len) {
        const char *amp = memchr(in + i, '&', in_len - i);
        uint32_t cp = 0;
        size_t n;
        char enc[4];

        if (!amp)
            break;
        i = (size_t)(amp - in);
        n = parse_ref(in, in_len, i, &cp);
        if (!n) {
            i++;
            continue;
        }
        if ((rc = sv__writer_replace(&w, i, i + n, enc,
                                     sv__utf8_encode(cp, enc))) < 0)
            return rc;
        i += n;
    }
    return sv__writer_finish(&w);
}
