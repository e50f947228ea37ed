/* SPDX-License-Identifier: MIT */
/*
 * Unicode normalization (UAX #15) through ICU's unorm2, behind a UTF-8
 * interface: the normalizer's unicode step calls ICU only for the short
 * spans its table marks as possibly unnormalized.
 */
#ifndef SV_LANG_UNORM_H
#define SV_LANG_UNORM_H

#include <stddef.h>
#include <stdint.h>

#include "sverka/buf.h"

/* A bit per BMP code point (8 KiB): set when the character is already
 * normalized (quick check YES) and has a normalization boundary before it,
 * so a run of such characters is normalized whatever follows it, except
 * that its last character may compose with a following unsafe one.
 * *out is allocated with sv__malloc.  SV_OK, SV_ENOMEM or SV_ERROR (ICU
 * data missing). */
int sv__unorm_safe_table(int nfkc, uint8_t **out);

/* Is cp marked safe in a table from sv__unorm_safe_table()?  Code points
 * beyond the BMP are never safe. */
static inline int sv__unorm_is_safe(const uint8_t *table, uint32_t cp)
{
    return cp < 0x10000 && ((table[cp >> 3] >> (cp & 7)) & 1);
}

/* Append the NFC (nfkc = 0) or NFKC form of s[0..len) (valid UTF-8) to
 * out.  SV_OK, SV_ENOMEM, SV_ETOOBIG or SV_ERROR. */
int sv__unorm_normalize(int nfkc, const char *s, size_t len, sv_buf *out);

#endif
