/* SPDX-License-Identifier: MIT */
/*
 * TMX 1.4b glossary writer (libxml2's xmlTextWriter behind a plain C
 * interface): one translation unit per original -> translation pair, for
 * sv_glossary_write_tmx().  Only src/formats includes libxml2.
 */
#ifndef SV_FORMATS_TMX_GLOSSARY_H
#define SV_FORMATS_TMX_GLOSSARY_H

#include <stddef.h>

#include "sverka/buf.h"
#include "sverka/errors.h"

/* One pair; all strings UTF-8 and NUL-terminated. */
typedef struct sv__tmx_gpair {
    const char *src, *src_lang;   /* the original and its language */
    const char *tgt, *tgt_lang;   /* the translation and its language */
    size_t count;                 /* times seen: prop x-count */
    const char *note;             /* the lemma: prop x-lemma (may be NULL) */
    const char *const *examples;  /* locations: prop x-example each */
    unsigned n_examples;
} sv__tmx_gpair;

/* Append a whole TMX document holding the pairs to out.  SV_OK, SV_ENOMEM
 * or SV_ERROR (libxml2 failed; err says where). */
int sv__tmx_glossary_write(sv_buf *out, const sv__tmx_gpair *pairs, size_t n,
                           sv_error *err);

#endif
