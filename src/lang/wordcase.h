/* SPDX-License-Identifier: MIT */
/*
 * Letter case of single words for dictionary lookups: a table-driven fold
 * for ASCII, Latin-1 and Cyrillic (the scripts of our dictionaries) that
 * needs no ICU call, so the lexicon tool and the hot spell path share it.
 * Other letters are left unchanged, which only costs a dictionary miss.
 */
#ifndef SV_LANG_WORDCASE_H
#define SV_LANG_WORDCASE_H

#include <stddef.h>
#include <stdint.h>

#include "sverka/buf.h"

/* The case shape of a word, from its cased letters only. */
typedef enum sv__word_case {
    SV__CASE_NONE = 0,  /* no cased letter ("1945", "-") */
    SV__CASE_LOWER = 1, /* "москва", "talks" */
    SV__CASE_TITLE = 2, /* "Москва", "Peskov" (first cased letter upper) */
    SV__CASE_UPPER = 3, /* "МОСКВА", "NATO" (two or more, all upper) */
    SV__CASE_MIXED = 4  /* "iPhone", "McDonald" */
} sv__word_case;

/* Lower and upper mappings of one code point (unchanged outside the
 * covered ranges). */
uint32_t sv__cp_lower(uint32_t cp);
uint32_t sv__cp_upper(uint32_t cp);

sv__word_case sv__word_case_of(const char *w, size_t len);

/* Append w lowercased (mode 0), Title-cased (mode 1: first letter upper,
 * the rest lower) or UPPERCASED (mode 2) to out.  Invalid UTF-8 bytes are
 * copied through.  SV_OK or SV_ENOMEM. */
enum { SV__FOLD_LOWER = 0, SV__FOLD_TITLE = 1, SV__FOLD_UPPER = 2 };
int sv__word_fold(sv_buf *out, const char *w, size_t len, int mode);

/* Rewrite ё/Ё as е/Е in place (same length): Russian running text mostly
 * writes е, so lexicon keys use it. */
void sv__fold_yo(char *s, size_t len);

#endif
