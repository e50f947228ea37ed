/* SPDX-License-Identifier: MIT */
/*
 * What the bracket module's files share: the processor's layout, the
 * per-result scratch (string pool, token array, transliterator), and the
 * finder / classifier / termbase / aligner entry points.  One concept per
 * file: finder.c, classify.c, termbase.c, align.c, glossary.c.
 */
#ifndef SV_BRACKETS_INTERNAL_H
#define SV_BRACKETS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "base/hashmap.h"
#include "lang/token.h"
#include "lang/translit.h"
#include "sverka/brackets.h"

/* ---- termbase: the news glossary and names (termbase.c) ---------------- */

/* One row: Russian forms and English forms, each a '|'-joined list in the
 * termbase's string pool. */
typedef struct sv__term {
    size_t ru_off, ru_len;
    size_t en_off, en_len;
} sv__term;

typedef struct sv__termbase {
    sv__term *terms;
    size_t count, cap;
    sv_buf pool;        /* row text */
    sv__hashmap *ru;    /* Russian phrase key -> term index + 1 */
    sv__hashmap *en;    /* English phrase key -> term index + 1 */
} sv__termbase;

/* Add the rows of a names.tsv-format file ("ru forms<TAB>en forms[<TAB>
 * kind]", '#' comments).  SV_OK, SV_EFORMAT (err has the line), SV_ENOMEM. */
int sv__termbase_add_tsv(sv__termbase *tb, const char *data, size_t len,
                         const char *name, sv_error *err);
/* Read a file and add it; a missing file is SV_ENOTFOUND. */
int sv__termbase_load(sv__termbase *tb, const char *path, sv_error *err);
void sv__termbase_dispose(sv__termbase *tb);

/* Phrase keys: words folded to lowercase, Russian words cut to a rough
 * stem (inflection endings dropped: "Госдумы", "Госдума" -> "госдум"),
 * English words to a light stem ("talks" -> "talk"), joined by one space.
 * Appends to out.  SV_OK or SV_ENOMEM. */
int sv__term_key(sv_buf *out, const char *text, size_t len);
/* The rough key of one word appended to out (no separator). */
int sv__word_key(sv_buf *out, const char *w, size_t len);

/* Term index of a phrase key, or -1. */
long sv__termbase_find(const sv__termbase *tb, sv_lang from, const char *key,
                       size_t key_len);

/* ---- the processor (brackets.c) ----------------------------------------- */

struct sv_brackets {
    sv_brackets_options opts;
    const sv_resources *res;
    sv__termbase tb;
};

/* A word of host or inner text. */
typedef struct sv__bword {
    size_t start, end;   /* the word (possessive ending excluded) */
    unsigned flags;      /* SV__TOKF_* */
    sv__tok_kind kind;   /* WORD or NUMBER */
    uint32_t matched;    /* bit i: matches inner word i (aligner) */
    int function;        /* a function word (the, of, и, в ...) */
    int chain;           /* aligner: continues a multi-word match from the
                            word nearer the bracket */
    size_t key_off, key_len; /* its sv__word_key in the scratch keys */
} sv__bword;

/* Per-result scratch, behind sv_brackets_result::internal. */
typedef struct sv__bscratch {
    size_t cap, pcap;          /* allocated brackets / problems */
    sv_buf pool;               /* NUL-terminated strings: lemmas,
                                  suggestions */
    size_t *sugg;              /* pool offsets of suggestions */
    size_t sugg_n, sugg_cap;
    sv__bword *words;          /* scratch word array */
    size_t words_cap;
    sv_buf tmp, tmp2;          /* key scratch */
    sv_buf keys;               /* word keys of the words array */
    sv_buf cands;              /* candidate texts and keys */
    sv__translit *translit;    /* created on first need */
    int translit_failed;
} sv__bscratch;

/* The scratch of a result, created on first use.  NULL on OOM. */
sv__bscratch *sv__bscratch_of(sv_brackets_result *res);

/* Append a NUL-terminated string to the pool; *off gets its offset. */
int sv__bpool_add(sv__bscratch *s, const char *p, size_t len, size_t *off);
/* Record a suggestion for the bracket b (which must be the last one given
 * suggestions); skips duplicates (case-insensitive). */
int sv__bsuggest(sv__bscratch *s, sv_bracket *b, const char *p, size_t len,
                 unsigned max);

/* ---- finder (finder.c) --------------------------------------------------- */

/* Fill res->brackets (start, end, open, depth; sorted by start) and
 * res->problems.  SV_OK, SV_ENOMEM, SV_ETOOBIG. */
int sv__brackets_find(const sv_brackets_options *opts, const char *text,
                      size_t len, sv_brackets_result *res, sv_error *err);

/* ---- classifier (classify.c) ------------------------------------------- */

/* Where a bracket lives: its host text bounds (the parent's inner text or
 * the record) and the host language. */
typedef struct sv__bhost {
    size_t lo, hi;   /* host bounds */
    sv_lang lang;    /* SV_LANG_EN, SV_LANG_RU or UND */
} sv__bhost;

/* Host of brackets[i]: bounds from its parent, language from the letters
 * around it (falls back on the record's dominant script). */
void sv__brackets_host(const char *text, size_t len,
                       const sv_brackets_result *res, size_t i,
                       sv__bhost *out);

/* Trim white space and quotes off both ends of [*a, *b). */
void sv__brackets_trim(const char *t, size_t *a, size_t *b);

/* Set kind, lang and a kind confidence of b. */
void sv__brackets_classify(const sv_brackets *bp, const char *text,
                           size_t len, const sv__bhost *host, sv_bracket *b);

/* 1 for a function word (articles, prepositions, conjunctions) in
 * English or Russian, any case. */
int sv__is_function_word(const char *w, size_t len);

/* ---- aligner (align.c) --------------------------------------------------- */

/* Align an ORIGINAL bracket with its translation, or mark it untranslated
 * with suggestions; also sets its lemma key.  SV_OK or SV_ENOMEM (other
 * dictionary failures degrade to rules). */
int sv__brackets_align(const sv_brackets *bp, sv_context *ctx,
                       const char *text, size_t len, const sv__bhost *host,
                       sv__bscratch *s, sv_bracket *b);

#endif
