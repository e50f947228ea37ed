/* SPDX-License-Identifier: MIT */
/*
 * The layout of sv_resources (immutable and shared, but for the lazily
 * made hunspell handles behind their locks) and sv_context (one thread's
 * word caches and scratch), shared by
 * resources.c, spell.c and lexicon.c.  Nothing outside src/lang sees it.
 */
#ifndef SV_LANG_RESOURCES_INTERNAL_H
#define SV_LANG_RESOURCES_INTERNAL_H

#include <pthread.h>

#include "base/hashmap.h"
#include "lang/lexicon.h"
#include "lang/names.h"
#include "lang/wordset.h"
#include "sverka/buf.h"
#include "sverka/resources.h"

#define SV__N_SPELL_LANGS 2 /* index 0: English, 1: Russian */
#define SV__MAX_EXTRA 3     /* project word lists per language */

/* One language's hunspell handle, shared by every context: made by the
 * first that needs it (stems, or a word the compiled list cannot judge)
 * and used under its lock, so -j N loads the dictionary once.  The one
 * mutable part of the shared resources (spell.c). */
typedef struct sv__spell_handle {
    pthread_mutex_t lock;
    void *h;    /* Hunhandle *, NULL until first use */
    int failed; /* creation failed: do not retry */
    int utf8;   /* the dictionary is UTF-8: no conversion */
} sv__spell_handle;

/* Where one language's hunspell dictionary lives; all NULL when the
 * language was not loaded. */
typedef struct sv__spell_paths {
    char *aff;      /* .../en_US.aff */
    char *dic;      /* .../en_US.dic */
    char *extra[SV__MAX_EXTRA]; /* the project's word lists present in
                                   the data dir (dicts/en_extra.dic ...) */
    char *encoding; /* the .aff's SET value, e.g. "UTF-8" */
    sv__wordset *words; /* the compiled word list of exactly these files
                           (NULL: hunspell answers every lookup) */
    char words_note[200]; /* why there is no compiled list */
    sv__spell_handle hunspell;
} sv__spell_paths;

struct sv_resources {
    unsigned int loaded; /* SV_LOAD_* bits */
    char *dicts_dir;     /* NULL when no data directory was found */
    sv__spell_paths spell[SV__N_SPELL_LANGS];
    sv__lexicon *lexicon;     /* NULL when not loaded */
    sv__names *names;         /* dicts/names.tsv, NULL when absent */
    char lexicon_note[256];   /* why the lexicon is absent */
    char dicts_note[160];     /* why no data directory was found */
    size_t spell_cache_max;   /* entries per language cache */
    char description[1024];
};

/* One language's per-thread spelling state. */
typedef struct sv__spell_state {
    sv__hashmap *cache;  /* word -> packed result, see spell.c */
    sv_buf stems;        /* stem strings the cache points into */
} sv__spell_state;

/* A piece of immutable resource text (a translation candidate). */
typedef struct sv__span {
    const char *p;
    size_t n;
} sv__span;

struct sv_context {
    const sv_resources *res;
    sv__spell_state spell[SV__N_SPELL_LANGS];
    sv_buf word;  /* NUL-terminated copy of a word for hunspell */
    sv_buf conv;  /* encoding conversion scratch */
    sv_buf key;   /* lexicon key scratch */
    sv_buf key2;  /* second lexicon key scratch */
    sv_buf name;  /* names key scratch */
    sv__hashmap *tr_cache[2]; /* translations from en (0) and ru (1) */
    sv__span *tr_spans;       /* the cached candidates */
    size_t n_tr_spans, cap_tr_spans;
    char errmsg[256];
};

/* Store a formatted message in ctx->errmsg; returns code. */
int sv__context_fail(sv_context *ctx, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* 0 for SV_LANG_EN, 1 for SV_LANG_RU, -1 otherwise. */
int sv__lang_index(sv_lang lang);

#endif
