/* SPDX-License-Identifier: MIT */
/*
 * Builds the Latin<->Cyrillic look-alike tables from ICU's confusables:
 * two letters are look-alikes when their UTS #39 skeletons are equal and
 * they have the same case (so "Ь" is not paired with "b").  Where a letter
 * has several look-alikes the lowest code point wins, which prefers ASCII
 * ("І" -> "I", not "l" or "Ɩ").  Only letters of the modern alphabets are
 * produced (Cyrillic U+0400..U+045F, Latin up to U+017F): a Latin "w" does
 * not become the archaic "ѡ".  Built once per normalizer.
 */
#include "lang/confusable.h"

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>

#include "sverka/errors.h"

#define SKEL_MAX 8

typedef struct skel {
    UChar s[SKEL_MAX];
    int32_t len; /* -1: not a letter of the script, or too long */
} skel;

static void skeleton(const USpoofChecker *sc, UChar32 c, UScriptCode want,
                     skel *out)
{
    UErrorCode e = U_ZERO_ERROR;
    UChar in[1];

    out->len = -1;
    if (!u_isalpha(c) || uscript_getScript(c, &e) != want || U_FAILURE(e))
        return;
    in[0] = (UChar)c;
    e = U_ZERO_ERROR;
    out->len = uspoof_getSkeleton(sc, 0, in, 1, out->s, SKEL_MAX, &e);
    if (U_FAILURE(e) || out->len >= SKEL_MAX)
        out->len = -1;
}

static int same(const skel *a, const skel *b)
{
    return a->len > 0 && a->len == b->len &&
           memcmp(a->s, b->s, (size_t)a->len * sizeof(UChar)) == 0;
}

/* The case of c for pairing: 1 upper, 0 anything else. */
static int upper(UChar32 c)
{
    return u_isupper(c) ? 1 : 0;
}

int sv__lookalikes_build(sv__lookalikes *out)
{
    /* About 17 KB of skeletons on the stack: built once per normalizer. */
    skel lat[SV__LATIN_END - SV__LATIN_FIRST];
    skel cyr[SV__CYRILLIC_END - SV__CYRILLIC_FIRST];
    UErrorCode e = U_ZERO_ERROR;
    USpoofChecker *sc;
    uint32_t i, j;

    memset(out, 0, sizeof(*out));
    sc = uspoof_open(&e);
    if (U_FAILURE(e) || !sc)
        return SV_ERROR;
    for (i = 0; i < SV__LATIN_END - SV__LATIN_FIRST; i++)
        skeleton(sc, (UChar32)(SV__LATIN_FIRST + i), USCRIPT_LATIN, &lat[i]);
    for (j = 0; j < SV__CYRILLIC_END - SV__CYRILLIC_FIRST; j++)
        skeleton(sc, (UChar32)(SV__CYRILLIC_FIRST + j), USCRIPT_CYRILLIC,
                 &cyr[j]);
    uspoof_close(sc);
    /* Ascending loops: the first match is the lowest code point. */
    for (i = 0; i < SV__LATIN_END - SV__LATIN_FIRST; i++) {
        UChar32 lc = (UChar32)(SV__LATIN_FIRST + i);

        for (j = 0; j < SV__CYRILLIC_END - SV__CYRILLIC_FIRST; j++) {
            UChar32 cc = (UChar32)(SV__CYRILLIC_FIRST + j);

            if (!same(&lat[i], &cyr[j]) || upper(lc) != upper(cc))
                continue;
            if (!out->lat2cyr[i] && cc < 0x460)
                out->lat2cyr[i] = (uint16_t)cc;
            if (!out->cyr2lat[j] && lc < 0x180)
                out->cyr2lat[j] = (uint16_t)lc;
        }
    }
    return SV_OK;
}
