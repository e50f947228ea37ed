/* SPDX-License-Identifier: MIT */
/*
 * Language codes as files write them (BCP 47 tags in TMX xml:lang and
 * XLIFF srcLang, sometimes with '_'): compared by primary subtag, ASCII
 * case-insensitively, so "en-US", "EN_gb" and "en" are one language.
 */
#ifndef SV_BASE_LANGTAG_H
#define SV_BASE_LANGTAG_H

#include <stddef.h>

/* Nonzero when a and b (NULL counts as "") have the same non-empty
 * primary subtag. */
int sv__lang_same(const char *a, const char *b);

/* Nonzero when the code names no language: NULL, "", or TMX's "*all*". */
int sv__lang_none(const char *code);

#endif /* SV_BASE_LANGTAG_H */
