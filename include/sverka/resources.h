/* SPDX-License-Identifier: MIT */
/*
 * Resources loaded once from disk (hunspell dictionaries, the ru<->en
 * lexicon, the project's word lists) and the cheap per-thread context made
 * from them.  The resources object is immutable and may be shared by any
 * number of threads; a context is used by one thread at a time (STYLE M5).
 */
#ifndef SV_RESOURCES_H
#define SV_RESOURCES_H

#include "sverka/common.h"
#include "sverka/errors.h"

/** @file sverka/resources.h
 *  @brief sv_resources (shared, immutable) and sv_context (per thread).
 */

SV_BEGIN_DECL

/** Languages the library knows by name. */
typedef enum sv_lang {
    SV_LANG_UND = 0, /**< undetermined */
    SV_LANG_EN = 1,  /**< English */
    SV_LANG_RU = 2   /**< Russian */
} sv_lang;

/** Opaque, immutable, thread-shareable resources. */
typedef struct sv_resources sv_resources;

/** Opaque per-thread context: hunspell handles, word caches, scratch. */
typedef struct sv_context sv_context;

/** Bits for sv_resources_options::load. */
enum {
    SV_LOAD_SPELL_EN = 1u << 0, /**< hunspell en_US + project word lists */
    SV_LOAD_SPELL_RU = 1u << 1, /**< hunspell ru_RU + project word lists */
    SV_LOAD_LEXICON = 1u << 2,  /**< the ru<->en lexicon (built from Mueller) */
    SV_LOAD_DATA = 1u << 3,     /**< the project's own data files in dicts/ */
    SV_LOAD_ALL = 0xfu          /**< everything */
};

/** Options for sv_resources_new().
 *
 *  The integer fields come first so the struct has no padding on common
 *  ABIs (byte-wise comparison with SV_RESOURCES_OPTIONS_INIT works). */
typedef struct sv_resources_options {
    unsigned int version;     /**< SV_RESOURCES_OPTIONS_VERSION */
    unsigned int load;        /**< SV_LOAD_* bits of what is required */
    unsigned int optional;    /**< SV_LOAD_* bits loaded when present; a
                                   missing one is not an error */
    unsigned int spell_cache_max; /**< word-cache entries per language in
                                   each context before the cache is
                                   emptied; 0 for the default (100000) */
    const char *dicts_dir;    /**< data dir; NULL: $SVERKA_DICTS, then the
                                   installed share/sverka */
    const char *hunspell_dir; /**< dir holding en_US.dic/ru_RU.dic; NULL:
                                   $SVERKA_HUNSPELL (a ':'-separated list),
                                   then the usual system places */
} sv_resources_options;

#define SV_RESOURCES_OPTIONS_VERSION 1
#define SV_RESOURCES_OPTIONS_INIT \
    {SV_RESOURCES_OPTIONS_VERSION, SV_LOAD_DATA, SV_LOAD_ALL, 0, NULL, NULL}

/** Initialise an options struct to its defaults.
 *
 *  @param[out] opts the struct to fill
 *  @param version SV_RESOURCES_OPTIONS_VERSION
 *  @return SV_OK, or SV_EINVAL for a NULL @p opts or unknown version.
 *  Ownership: the caller owns @p opts. */
SV_API int sv_resources_options_init(sv_resources_options *opts,
                                     unsigned int version);

/** Load resources from disk.
 *
 *  A required resource that cannot be found fails with SV_ENOTFOUND and a
 *  message naming what was looked for, where, and how to install it.
 *
 *  @param[out] out the new resources, or NULL on failure
 *  @param opts options; NULL for the defaults
 *  @param[out] err failure details; may be NULL
 *  @return SV_OK, SV_ENOTFOUND, SV_EFORMAT, SV_EIO or SV_ENOMEM.
 *  Ownership: @p *out belongs to the caller; release with
 *  sv_resources_free() after every context made from it is freed.  The
 *  strings in @p opts are copied. */
SV_API int sv_resources_new(sv_resources **out,
                            const sv_resources_options *opts, sv_error *err);

/** Free resources.  NULL is a no-op.
 *
 *  @param res the resources; no context made from it may still exist.
 *  Ownership: consumes @p res. */
SV_API void sv_resources_free(sv_resources *res);

/** Which SV_LOAD_* bits were actually loaded.
 *
 *  @param res the resources
 *  @return a bit set; 0 for NULL.
 *  Ownership: reads @p res only. */
SV_API unsigned int sv_resources_loaded(const sv_resources *res);

/** The data directory in use.
 *
 *  @param res the resources
 *  @return a path, or NULL when none was found.  Ownership: borrowed from
 *  @p res, valid until sv_resources_free(). */
SV_API const char *sv_resources_dicts_dir(const sv_resources *res);

/** A one-line description of what was loaded from where, for --version and
 *  diagnostics, e.g. "data: DIR (173 names); en_US: /usr/share/hunspell/
 *  en_US.dic (UTF-8) + en_extra.dic; ru_RU: ...; lexicon: N en-ru, M ru-en
 *  entries".
 *
 *  @param res the resources
 *  @return text, "" for NULL.  Ownership: borrowed from @p res, valid
 *  until sv_resources_free(). */
SV_API const char *sv_resources_describe(const sv_resources *res);

/** Make a per-thread context.
 *
 *  Cheap: the hunspell handles of a language are created on the context's
 *  first use of that language (about 0.05 s of CPU for en_US, 0.15 s for
 *  ru_RU), and its word and translation caches grow with use (capped by
 *  sv_resources_options::spell_cache_max).
 *
 *  @param[out] out the new context, or NULL on failure
 *  @param res shared resources; must outlive the context
 *  @param[out] err failure details; may be NULL
 *  @return SV_OK, SV_ENOMEM or SV_ERROR.
 *  Ownership: @p *out belongs to the caller; free with sv_context_free(). */
SV_API int sv_context_new(sv_context **out, const sv_resources *res,
                          sv_error *err);

/** Free a context.  NULL is a no-op.
 *  @param ctx the context.  Ownership: consumes @p ctx. */
SV_API void sv_context_free(sv_context *ctx);

/** The message of the last failed call on this context.
 *
 *  @param ctx the context
 *  @return text, "" when nothing failed.  Ownership: borrowed from
 *  @p ctx, valid until the next call on it. */
SV_API const char *sv_context_errmsg(const sv_context *ctx);

/** The resources a context was made from.
 *  @param ctx the context
 *  @return the resources.  Ownership: borrowed; the caller keeps owning
 *  them and frees them after the context. */
SV_API const sv_resources *sv_context_resources(const sv_context *ctx);

/** Is a word in the dictionary of a language?
 *
 *  Looks the word up in hunspell and the project's word lists, through the
 *  context's cache.  Capitalisation follows hunspell: a lowercase word is
 *  also accepted in Title case and in capitals ("Переговоры",
 *  "ПЕРЕГОВОРЫ"), a name only capitalised ("Москва", "МОСКВА", not
 *  "москва").
 *
 *  @param ctx the calling thread's context
 *  @param lang SV_LANG_EN or SV_LANG_RU
 *  @param word UTF-8 word
 *  @param word_len its length in bytes
 *  @return 1 known, 0 unknown, SV_EUNSUPPORTED when that dictionary is not
 *  loaded, SV_EINVAL for bad arguments, SV_ERROR when hunspell could not
 *  load the dictionary (sv_context_errmsg() says why).
 *  Ownership: the word is only read; the context's cache keeps a copy.
 *  Input: invalid UTF-8 is an unknown word. */
SV_API int sv_spell_check(sv_context *ctx, sv_lang lang, const char *word,
                          size_t word_len);

/** Callback receiving one translation candidate.
 *
 *  Ownership: @p text is borrowed from the resources and stays valid
 *  until sv_resources_free().
 *
 *  @param text UTF-8 candidate, not NUL-terminated
 *  @param text_len its length
 *  @param rank 0 for the best candidate, then 1, 2, ...
 *  @param payload the caller's pointer
 *  @return 0 to continue, non-zero to stop (returned by the caller). */
typedef int (*sv_translation_cb)(const char *text, size_t text_len,
                                 unsigned int rank, void *payload);

/** Translate a word through the ru<->en lexicon.
 *
 *  Any inflected form is accepted.  An English form the lexicon lists
 *  itself answers alone ("talks" gives переговоры, not the senses of
 *  "talk"); otherwise it is reduced by its regular endings, hunspell-en
 *  stems and the irregular verbs.  A Russian word gives its own entry (if
 *  any) and then its lemmas' through hunspell-ru stems (then plural
 *  endings and perfective-to-imperfective pairs).  Every translation is
 *  reported once, best first ("переговорам" gives negotiations, talks,
 *  ...; "заявил" gives declare, announce, state, ...).  The
 *  project's news names list (dicts/names.tsv, loaded with SV_LOAD_DATA)
 *  answers before the dictionary ("Пескова" gives Peskov; "Zelenskyy"
 *  gives Зеленский).  Lookups are case-insensitive except that a
 *  lowercase English word does not match a capitalised name.
 *
 *  @param ctx the calling thread's context
 *  @param from language of @p word (SV_LANG_RU gives English candidates)
 *  @param word UTF-8 word
 *  @param word_len its length in bytes
 *  @param cb called for each candidate
 *  @param payload passed to @p cb
 *  @return the number of candidates (0 when none), SV_EUNSUPPORTED when the
 *  lexicon is not loaded (sv_context_errmsg() says how to get it), or the
 *  non-zero value @p cb returned.
 *  Ownership: the candidates are borrowed (see sv_translation_cb).
 *  Input: invalid UTF-8 finds nothing. */
SV_API int sv_lexicon_translate(sv_context *ctx, sv_lang from,
                                const char *word, size_t word_len,
                                sv_translation_cb cb, void *payload);

SV_END_DECL

#endif /* SV_RESOURCES_H */
