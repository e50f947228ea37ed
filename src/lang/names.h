/* SPDX-License-Identifier: MIT */
/*
 * dicts/names.tsv in memory: Russian names of officials, places and
 * organisations common in the news with their English forms, looked up in
 * both directions (Песков -> Peskov; Zelenskyy -> Зеленский).  Immutable
 * once loaded; part of sv_resources (SV_LOAD_DATA).  Inflected forms are
 * reduced by the caller (sv_lexicon_translate uses hunspell stems).
 */
#ifndef SV_LANG_NAMES_H
#define SV_LANG_NAMES_H

#include <stddef.h>

#include "sverka/errors.h"
#include "sverka/resources.h"

typedef struct sv__names sv__names;

#define SV__NAMES_FILE "names.tsv"

/* Load a names file ("ru<TAB>en1|en2<TAB>kind" lines, '#' comments).
 * SV_ENOTFOUND, SV_EIO, SV_EFORMAT (with the line), SV_ETOOBIG or
 * SV_ENOMEM. */
int sv__names_load(sv__names **out, const char *path, sv_error *err);
void sv__names_free(sv__names *names);
size_t sv__names_count(const sv__names *names);

/* One name: the Russian form, its English forms ("Zelensky|Zelenskyy")
 * and its kind ("person", "place", "org", ...); borrowed from names. */
typedef struct sv__name {
    const char *ru;
    size_t ru_len;
    const char *en;
    size_t en_len;
    const char *kind;
    size_t kind_len;
} sv__name;

/* Find a name by its Russian form (exact bytes, ё written as е) or by one
 * of its English forms (ASCII case-insensitive: "PESKOV", "peskov").
 * Returns 1 and fills *out, or 0. */
int sv__names_find(const sv__names *names, sv_lang from, const char *key,
                   size_t key_len, sv__name *out);

/* The names of a resources object, NULL when not loaded. */
const sv__names *sv__resources_names(const sv_resources *res);

#endif
