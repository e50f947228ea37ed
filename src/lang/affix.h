/* SPDX-License-Identifier: MIT */
/*
 * Reading a hunspell affix file and expanding dictionary entries into the
 * word forms they stand for, for tools/mkwords.c, which compiles them into
 * a word list (wordset.h).  The expansion proposes candidates: the tool
 * keeps only those hunspell itself accepts, so a rule read too generously
 * costs build time, never a wrong word.  Affix files using what a flat
 * word list cannot reproduce (compounding of letters, KEEPCASE,
 * FORBIDDENWORD, IGNORE, a BREAK table, language-specific casing) are
 * refused with SV_EUNSUPPORTED, and such dictionaries stay with hunspell.
 */
#ifndef SV_LANG_AFFIX_H
#define SV_LANG_AFFIX_H

#include <stddef.h>

#include "lang/wordset.h"
#include "sverka/buf.h"
#include "sverka/errors.h"

typedef struct sv__affixes sv__affixes;

/* Called with each candidate form (UTF-8, not NUL-terminated); a
 * negative return stops the expansion with that code. */
typedef int (*sv__form_cb)(const char *form, size_t len, void *payload);

/* Load aff_path.  SV_EUNSUPPORTED (err names the directive),
 * SV_ENOTFOUND, SV_EIO, SV_EFORMAT or SV_ENOMEM.  Free with
 * sv__affixes_free. */
int sv__affixes_load(sv__affixes **out, const char *aff_path, sv_error *err);

void sv__affixes_free(sv__affixes *a);

/* The affix file's SET encoding as written ("UTF-8", "KOI8-R", ...). */
const char *sv__affixes_encoding(const sv__affixes *a);

/* The ICONV pairs, in UTF-8; the array stays owned by a. */
size_t sv__affixes_iconv(const sv__affixes *a, const sv__iconv_pair **pairs);

/* Expand every entry of the dictionary dic_path (in the affix file's
 * encoding, or UTF-8 when utf8 is set: the project's added word lists)
 * and pass each candidate form to cb. */
int sv__affixes_expand(const sv__affixes *a, const char *dic_path, int utf8,
                       sv__form_cb cb, void *payload, sv_error *err);

/* Encode UTF-8 text s[0..n) in the dictionary's encoding into out
 * (NUL-terminated); 0 when a character has no byte there, 1 when done,
 * SV_ENOMEM. */
int sv__affixes_encode(const sv__affixes *a, const char *s, size_t n,
                       sv_buf *out);

#endif
