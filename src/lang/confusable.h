/* SPDX-License-Identifier: MIT */
/*
 * Latin<->Cyrillic single-letter look-alikes from ICU's confusable data
 * (UTS #39 skeletons, uspoof), for the normalizer's homoglyphs step.
 */
#ifndef SV_LANG_CONFUSABLE_H
#define SV_LANG_CONFUSABLE_H

#include <stddef.h>
#include <stdint.h>

/* Ranges covered by the tables below. */
#define SV__LATIN_FIRST 0x41u
#define SV__LATIN_END 0x250u     /* ASCII, Latin-1, Extended-A/B letters */
#define SV__CYRILLIC_FIRST 0x400u
#define SV__CYRILLIC_END 0x530u  /* Cyrillic and Cyrillic Supplement */

typedef struct sv__lookalikes {
    /* lat2cyr[c - SV__LATIN_FIRST]: the Cyrillic letter of the same case
     * whose skeleton equals c's, lowest code point first; 0 when none.
     * cyr2lat likewise the other way. */
    uint16_t lat2cyr[SV__LATIN_END - SV__LATIN_FIRST];
    uint16_t cyr2lat[SV__CYRILLIC_END - SV__CYRILLIC_FIRST];
} sv__lookalikes;

/* Fill *out from ICU's confusables.  SV_OK or SV_ERROR (ICU data missing;
 * *out is then empty). */
int sv__lookalikes_build(sv__lookalikes *out);

#endif
