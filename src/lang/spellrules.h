/* SPDX-License-Identifier: MIT */
/*
 * hunspell's rules for accepting a word, replayed over a compiled word
 * list (wordset.h): input conversion (ICONV), capitalisation (a Title-case
 * word may be a lowercase entry, a word in capitals any of the three), and
 * breaking at hyphens.  A word with a character no stored form uses is
 * rejected outright; other words these rules cannot judge as hunspell
 * would (digits, dots, letters outside the scripts wordcase.h folds) are
 * left undecided for hunspell itself.
 */
#ifndef SV_LANG_SPELLRULES_H
#define SV_LANG_SPELLRULES_H

#include <stddef.h>

#include "lang/wordset.h"

/* 1 accepted, 0 rejected, -1 undecided (ask hunspell). */
int sv__spellrules_check(const sv__wordset *ws, const char *w, size_t len);

#endif
