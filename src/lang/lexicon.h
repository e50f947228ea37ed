/* SPDX-License-Identifier: MIT */
/*
 * The ru<->en lexicon in memory: the two files tools/mklexicon writes
 * (lexicon-en-ru.tsv, lexicon-ru-en.tsv; "word<TAB>c1|c2|..." sorted by
 * bytes) read whole and indexed by line for binary search.  Immutable
 * once loaded, so one copy serves every thread.
 */
#ifndef SV_LANG_LEXICON_H
#define SV_LANG_LEXICON_H

#include <stddef.h>

#include "sverka/errors.h"
#include "sverka/resources.h"

typedef struct sv__lexicon sv__lexicon;

#define SV__LEXICON_EN_RU "lexicon-en-ru.tsv"
#define SV__LEXICON_RU_EN "lexicon-ru-en.tsv"

/* Load both files from dir.  SV_ENOTFOUND when a file is absent (err
 * says which and how to build it), SV_EFORMAT for a file that is not a
 * version-1 sverka lexicon or is not sorted, SV_EIO, SV_ETOOBIG (over
 * 256 MiB) or SV_ENOMEM. */
int sv__lexicon_load(sv__lexicon **out, const char *dir, sv_error *err);
void sv__lexicon_free(sv__lexicon *lex);

/* Number of headwords in the from->other direction. */
size_t sv__lexicon_count(const sv__lexicon *lex, sv_lang from);

/* The candidates of an exact key: "c1|c2|..." (not NUL-terminated) with
 * its length in *cands_len, or NULL when the key is absent.  Borrowed
 * from lex. */
const char *sv__lexicon_lookup(const sv__lexicon *lex, sv_lang from,
                               const char *key, size_t key_len,
                               size_t *cands_len);

/* Bytes held (for diagnostics and the memory figure in the docs). */
size_t sv__lexicon_bytes(const sv__lexicon *lex);

#endif
