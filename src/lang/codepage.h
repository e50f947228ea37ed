/* SPDX-License-Identifier: MIT */
/*
 * Single-byte code pages that text is commonly mis-decoded with
 * (windows-1251, windows-1252/ISO-8859-1, KOI8-R, IBM866), as immutable
 * static tables: the mojibake step re-encodes suspicious text through them
 * to recover the bytes a wrong decoder saw.
 */
#ifndef SV_LANG_CODEPAGE_H
#define SV_LANG_CODEPAGE_H

#include <stdint.h>

typedef enum sv__codepage {
    SV__CP_WINDOWS_1251 = 0,
    SV__CP_WINDOWS_1252 = 1, /* also ISO-8859-1: C1 controls encode as is */
    SV__CP_KOI8_R = 2,
    SV__CP_IBM866 = 3,
    SV__CP_COUNT = 4
} sv__codepage;

/* The code point byte b decodes to; ASCII bytes decode to themselves and
 * undefined bytes to the C1 control of the same value (WHATWG). */
uint32_t sv__codepage_decode(sv__codepage page, unsigned char b);

/* The byte that decodes to code point ch, or -1 when page has none.
 * ASCII encodes to itself. */
int sv__codepage_encode(sv__codepage page, uint32_t ch);

/* The page's WHATWG label, e.g. "windows-1251". */
const char *sv__codepage_name(sv__codepage page);

#endif
