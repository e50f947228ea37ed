/* SPDX-License-Identifier: MIT */
/*
 * The acceptance rules of hunspell 1.7 (HunspellImpl::spell) over a
 * compiled word list, for the dictionaries mkwords compiles (no KEEPCASE,
 * FORBIDDENWORD, IGNORE or compounding of letters: it refuses those).
 * tests/unit/test_spellrules.c compares the verdicts with hunspell's.
 */
#include "lang/spellrules.h"

#include <string.h>
#include <unicode/uchar.h>

#include "base/utf8.h"
#include "lang/wordcase.h"

/* Converted words longer than this are left to hunspell. */
#define WORD_MAX 512
/* hunspell gives up on a word with this many break points. */
#define MAX_BREAKS 10

enum { NOCAP, INITCAP, ALLCAP, HUHCAP, HUHINITCAP };

/* Letters whose case wordcase.h maps as hunspell does: ASCII, Latin-1
 * (not ÿ, whose capital is outside it) and the basic Cyrillic block. */
static int judged_letter(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= 0xC0 && cp <= 0xFE && cp != 0xD7 && cp != 0xF7) ||
           (cp >= 0x0400 && cp <= 0x045F);
}

/* Replace each conversion's from by its to, longest match first, as
 * hunspell's RepList::conv does; the length of the result, or 0 when it
 * would not fit. */
static size_t convert(const sv__wordset *ws, const char *w, size_t len,
                      char *out)
{
    size_t i = 0, n = 0;

    while (i < len) {
        sv__iconv_pair p, best = {NULL, NULL, 0, 0};
        size_t k;

        for (k = 0; sv__wordset_iconv(ws, k, &p); k++)
            if (p.from_len <= len - i && p.from_len > best.from_len &&
                memcmp(w + i, p.from, p.from_len) == 0)
                best = p;
        if (best.from_len) {
            if (n + best.to_len > WORD_MAX)
                return 0;
            memcpy(out + n, best.to, best.to_len);
            n += best.to_len;
            i += best.from_len;
        } else {
            if (n + 1 > WORD_MAX)
                return 0;
            out[n++] = w[i++];
        }
    }
    return n;
}

enum { JUDGE, REJECT, UNDECIDED };

/* A character no stored form has in any case: no lookup can match a word
 * holding it, so hunspell rejects the word too ("Р°" is mojibake of а). */
static int foreign(const sv__wordset *ws, uint32_t cp)
{
    return !sv__wordset_uses(ws, cp) &&
           !sv__wordset_uses(ws, (uint32_t)u_tolower((UChar32)cp)) &&
           !sv__wordset_uses(ws, (uint32_t)u_toupper((UChar32)cp));
}

/* Whether the rules can judge the word: JUDGE when every character is a
 * judged letter, an apostrophe or a hyphen; REJECT when a character is
 * foreign; UNDECIDED otherwise (digits and dots: hunspell's number and
 * abbreviation rules). */
static int classify(const sv__wordset *ws, const char *w, size_t len)
{
    size_t i = 0;
    int verdict = JUDGE;

    while (i < len) {
        int32_t cp;

        if (w[i] == '\'' || w[i] == '-') {
            i++;
            continue;
        }
        i += sv__utf8_decode((const unsigned char *)w + i, len - i, &cp);
        if (cp < 0 || (cp >= '0' && cp <= '9') || cp == '.')
            verdict = UNDECIDED;
        else if (!judged_letter((uint32_t)cp) && foreign(ws, (uint32_t)cp))
            return REJECT;
        else if (!judged_letter((uint32_t)cp))
            verdict = UNDECIDED;
    }
    return verdict;
}

/* hunspell's get_captype_utf8. */
static int captype(const char *w, size_t len)
{
    size_t i = 0, nc = 0, ncap = 0, neutral = 0;
    int firstcap = 0;

    while (i < len) {
        int32_t cp;
        uint32_t c;

        i += sv__utf8_decode((const unsigned char *)w + i, len - i, &cp);
        c = (uint32_t)cp;
        if (sv__cp_lower(c) != c) {
            ncap++;
            firstcap |= nc == 0;
        }
        if (sv__cp_upper(c) == sv__cp_lower(c))
            neutral++;
        nc++;
    }
    if (ncap == 0)
        return NOCAP;
    if (ncap == 1 && firstcap)
        return INITCAP;
    if (ncap == nc || ncap + neutral == nc)
        return ALLCAP;
    return firstcap ? HUHINITCAP : HUHCAP;
}

/* w recased into out (the same length in the judged scripts): all lower,
 * or with the first character upper too. */
static void recase(const char *w, size_t len, int initcap, char *out)
{
    size_t i = 0;

    while (i < len) {
        int32_t cp;
        size_t n = sv__utf8_decode((const unsigned char *)w + i, len - i, &cp);
        uint32_t c = sv__cp_lower((uint32_t)cp);

        if (i == 0 && initcap)
            c = sv__cp_upper(c);
        sv__utf8_encode(c, out + i);
        i += n;
    }
}

/* The checks of one captype, without breaking. */
static int known_as_cased(const sv__wordset *ws, const char *w, size_t len)
{
    char alt[WORD_MAX];
    int ct = captype(w, len);

    if (sv__wordset_contains(ws, w, len))
        return 1;
    if (ct == ALLCAP) {
        recase(w, len, 1, alt);
        if (sv__wordset_contains(ws, alt, len))
            return 1;
    }
    if (ct == ALLCAP || ct == INITCAP) {
        recase(w, len, 0, alt);
        return sv__wordset_contains(ws, alt, len);
    }
    return 0;
}

static size_t find_hyphen(const char *w, size_t from, size_t len)
{
    const char *p = from < len ? memchr(w + from, '-', len - from) : NULL;

    return p ? (size_t)(p - w) : len;
}

static int spell(const sv__wordset *ws, const char *w, size_t len);

/* Both sides of the hyphen at s known. */
static int split_known(const sv__wordset *ws, const char *w, size_t len,
                       size_t s)
{
    return spell(ws, w + s + 1, len - s - 1) && spell(ws, w, s);
}

/* The breaking of HunspellImpl::spell for the default BREAK table
 * ("-", "^-", "-$"). */
static int known_broken(const sv__wordset *ws, const char *w, size_t len)
{
    size_t i, breaks = 0, first, second;

    for (i = 0; i < len; i++)
        breaks += w[i] == '-';
    if (breaks == 0 || breaks >= MAX_BREAKS)
        return 0;
    if (len >= 2 && w[0] == '-' && spell(ws, w + 1, len - 1))
        return 1;
    if (len >= 2 && w[len - 1] == '-' && spell(ws, w, len - 1))
        return 1;
    first = find_hyphen(w, 0, len);
    if (first == 0 || first + 1 >= len)
        return 0;
    second = find_hyphen(w, first + 1, len);
    if (second + 1 < len && split_known(ws, w, len, second))
        return 1;
    return split_known(ws, w, len, first);
}

/* HunspellImpl::spell breaks the word as its case checks left it: a word
 * in capitals as Title case ("САНКТ-ПЕТЕРБУРГ" is broken as
 * "Санкт-петербург", and fails on "петербург"). */
static int spell(const sv__wordset *ws, const char *w, size_t len)
{
    char title[WORD_MAX];

    if (len == 0)
        return 0;
    if (known_as_cased(ws, w, len))
        return 1;
    if (captype(w, len) == ALLCAP) {
        recase(w, len, 1, title);
        w = title;
    }
    return known_broken(ws, w, len);
}

int sv__spellrules_check(const sv__wordset *ws, const char *w, size_t len)
{
    char conv[WORD_MAX];

    if (!ws || len == 0 || len > WORD_MAX)
        return -1;
    len = convert(ws, w, len, conv);
    if (len == 0)
        return -1;
    switch (classify(ws, conv, len)) {
    case REJECT:
        return 0;
    case UNDECIDED:
        return -1;
    default:
        return spell(ws, conv, len);
    }
}
