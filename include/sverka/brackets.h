/* SPDX-License-Identifier: MIT */
/*
 * Bracketed spans in mixed Russian-English text: find them (nested, with
 * unbalanced brackets reported), classify them (original, editorial,
 * acronym, reference, other), align originals with the host-text words
 * that translate them, flag untranslated ones with suggestions, and build
 * a corpus glossary of original -> translation pairs.
 */
#ifndef SV_BRACKETS_H
#define SV_BRACKETS_H

#include <stddef.h>

#include "sverka/common.h"
#include "sverka/buf.h"
#include "sverka/errors.h"
#include "sverka/resources.h"

/** @file sverka/brackets.h
 *  @brief Bracket finder, classifier, aligner and glossary.
 */

SV_BEGIN_DECL

/** What a bracketed span is. */
typedef enum sv_bracket_kind {
    /** Text in the other language than the host text around it, quoting
     *  the source: Russian inside English ("the State Duma [Госдума]") or
     *  English inside Russian ("санкции (sanctions)"). */
    SV_BRACKET_ORIGINAL = 0,
    /** An insertion in the host language: "President [Vladimir] Putin",
     *  "[not]", "[...]", "(sic)", "[Владимир]". */
    SV_BRACKET_EDITORIAL = 1,
    /** An abbreviation or its expansion in the host language: "(MFA)",
     *  "(RIAC)", "NATO (North Atlantic Treaty Organization)". */
    SV_BRACKET_ACRONYM = 2,
    /** Citations, numbers, years, "see above": "[1]", "(2021)", "(p. 5)". */
    SV_BRACKET_REFERENCE = 3,
    /** Anything else: asides in the host language, symbols. */
    SV_BRACKET_OTHER = 4
} sv_bracket_kind;

/** Which bracket pairs to look for (sv_brackets_options::pairs). */
enum {
    SV_BRACKETS_SQUARE = 1u << 0, /**< [ ] */
    SV_BRACKETS_ROUND = 1u << 1,  /**< ( ) */
    SV_BRACKETS_CURLY = 1u << 2,  /**< { } */
    SV_BRACKETS_ALL = 7u
};

/** Options for sv_brackets_new(). */
typedef struct sv_brackets_options {
    unsigned int version;     /**< SV_BRACKETS_OPTIONS_VERSION */
    unsigned int pairs;       /**< SV_BRACKETS_* bits; default all */
    size_t max_inner;         /**< longest inner text (bytes) that is
                                   classified; longer spans are OTHER.
                                   Default 300 */
    unsigned int max_words;   /**< longest translation span in words
                                   (default 8) */
    unsigned int max_suggestions; /**< per untranslated original, at most
                                   SV_BRACKETS_MAX_SUGGESTIONS (default 5) */
    size_t max_brackets;      /**< brackets per record before SV_ETOOBIG
                                   (default 100000) */
    const char *glossary_path; /**< the news glossary TSV; NULL: the data
                                   directory's news_glossary.tsv when the
                                   resources have one */
} sv_brackets_options;

#define SV_BRACKETS_OPTIONS_VERSION 1
#define SV_BRACKETS_MAX_SUGGESTIONS 8
#define SV_BRACKETS_OPTIONS_INIT \
    {SV_BRACKETS_OPTIONS_VERSION, SV_BRACKETS_ALL, 300, 8, 5, 100000, NULL}

/** Initialise options to their defaults.
 *
 *  @param[out] opts the struct to fill
 *  @param version SV_BRACKETS_OPTIONS_VERSION
 *  @return SV_OK, or SV_EINVAL for a NULL @p opts or unknown version.
 *  Ownership: the caller owns @p opts. */
SV_API int sv_brackets_options_init(sv_brackets_options *opts,
                                    unsigned int version);

/** One bracketed span of a record.
 *
 *  All offsets are bytes into the record's UTF-8 text.  [start, end) is
 *  the inner text without the brackets; the opening bracket is the byte
 *  at start - 1 and the closing one the byte at end. */
typedef struct sv_bracket {
    size_t start, end;        /**< inner text */
    char open;                /**< '[', '(' or '{' */
    unsigned int depth;       /**< 0 for an outermost bracket */
    sv_bracket_kind kind;     /**< what the span is */
    char lang[4];             /**< "ru", "en", "uk", "bg", "sr" or "und" */
    int has_translation;      /**< 1 when tr_start..tr_end is set */
    size_t tr_start, tr_end;  /**< the aligned translation in the host text */
    int untranslated;         /**< an original with no counterpart */
    int gap;                  /**< untranslated and standing where its
                                   translation belongs (host words on both
                                   sides, not set off) */
    double confidence;        /**< 0..1: of the kind, and for originals of
                                   the translation (or of its absence) */
    size_t sugg_first;        /**< index of the first suggestion, see
                                   sv_brackets_suggestion() */
    unsigned int sugg_count;  /**< number of suggestions */
    size_t lemma_off;         /**< for originals: the lemma key (lowercase
                                   lemmas joined by spaces) in the
                                   result's string pool; see
                                   sv_brackets_lemma() */
    size_t lemma_len;
} sv_bracket;

/** What is wrong with an unbalanced bracket. */
typedef enum sv_bracket_problem_kind {
    SV_BRACKET_UNCLOSED = 0,  /**< an opening bracket never closed */
    SV_BRACKET_UNOPENED = 1,  /**< a closing bracket with no opening one */
    SV_BRACKET_MISMATCHED = 2 /**< closed by the wrong kind: "(...]" */
} sv_bracket_problem_kind;

/** One unbalanced bracket, reported rather than guessed. */
typedef struct sv_bracket_problem {
    size_t offset;                /**< byte offset of the bracket */
    char ch;                      /**< the bracket character */
    sv_bracket_problem_kind kind; /**< what is wrong */
} sv_bracket_problem;

/** The brackets of one record; reuse it from record to record. */
typedef struct sv_brackets_result {
    unsigned int version;         /**< SV_BRACKETS_RESULT_VERSION */
    sv_bracket *brackets;         /**< in order of opening bracket */
    size_t count;                 /**< number of brackets */
    sv_bracket_problem *problems; /**< in text order */
    size_t problem_count;         /**< number of problems */
    void *internal;               /**< private; do not touch */
} sv_brackets_result;

#define SV_BRACKETS_RESULT_VERSION 1
#define SV_BRACKETS_RESULT_INIT {SV_BRACKETS_RESULT_VERSION, NULL, 0, NULL, 0, NULL}

/** Release what a result holds and reset it to SV_BRACKETS_RESULT_INIT.
 *
 *  @param res the result; NULL is ignored.
 *  Ownership: the caller owns @p res; its arrays and strings are freed. */
SV_API void sv_brackets_result_dispose(sv_brackets_result *res);

/** One suggestion of an untranslated original.
 *
 *  @param res the result
 *  @param b a bracket of @p res
 *  @param i 0 .. b->sugg_count - 1, best first
 *  @param[out] len the suggestion's length in bytes; may be NULL
 *  @return NUL-terminated UTF-8, or NULL when @p i is out of range.
 *  Ownership: borrowed from @p res until its next run or dispose. */
SV_API const char *sv_brackets_suggestion(const sv_brackets_result *res,
                                          const sv_bracket *b, unsigned int i,
                                          size_t *len);

/** The lemma key of an original (what the glossary groups by).
 *
 *  @param res the result
 *  @param b a bracket of @p res
 *  @param[out] len its length in bytes; may be NULL
 *  @return NUL-terminated UTF-8 ("" for non-originals).
 *  Ownership: borrowed from @p res until its next run or dispose. */
SV_API const char *sv_brackets_lemma(const sv_brackets_result *res,
                                     const sv_bracket *b, size_t *len);

/** Static lowercase name of a kind: "original", "editorial", "acronym",
 *  "reference", "other"; "unknown" for other values.
 *  @param kind the kind
 *  @return static text, never NULL.
 *  Ownership: static storage; do not free. */
SV_API const char *sv_bracket_kind_name(sv_bracket_kind kind);

/** Static name of a problem: "unclosed", "unopened", "mismatched".
 *  @param kind the problem kind
 *  @return static text, never NULL.
 *  Ownership: static storage; do not free. */
SV_API const char *sv_bracket_problem_name(sv_bracket_problem_kind kind);

/** The immutable finder, classifier and aligner. */
typedef struct sv_brackets sv_brackets;

/** Make a bracket processor.
 *
 *  Uses the resources' lexicon and hunspell dictionaries when loaded (the
 *  aligner then matches inflected forms and word translations) and the
 *  news glossary.  Without them it still finds and classifies brackets
 *  and aligns names, numbers and glossary terms.
 *
 *  @param[out] out the new processor, or NULL on failure
 *  @param opts options; NULL for the defaults
 *  @param res resources (may be NULL); must outlive the processor
 *  @param[out] err failure details; may be NULL
 *  @return SV_OK, SV_EINVAL, SV_EIO or SV_EFORMAT (the glossary file),
 *  SV_ENOMEM.
 *  Ownership: @p *out belongs to the caller; free with sv_brackets_free().
 *  The processor is immutable and may be shared by threads, each with its
 *  own sv_context. */
SV_API int sv_brackets_new(sv_brackets **out, const sv_brackets_options *opts,
                           const sv_resources *res, sv_error *err);

/** Free a processor.  NULL is a no-op.
 *  @param b the processor; no thread may still be running it.
 *  Ownership: consumes @p b. */
SV_API void sv_brackets_free(sv_brackets *b);

/** Number of entries in the loaded news glossary (and names list).
 *  @param b the processor
 *  @return a count (0 when none was loaded).
 *  Ownership: @p b stays the caller's. */
SV_API size_t sv_brackets_glossary_size(const sv_brackets *b);

/** Find, classify and align the brackets of one record.
 *
 *  @param b the processor
 *  @param ctx the calling thread's context, made from the processor's
 *  resources; NULL when the processor has none (or to use rules only)
 *  @param text the record, UTF-8
 *  @param text_len its length in bytes
 *  @param[out] res the result (its previous content is replaced)
 *  @param[out] err failure details; may be NULL
 *  @return SV_OK, SV_EINVAL, SV_ENOMEM, SV_ETOOBIG (more than max_brackets).
 *  Ownership: @p text is borrowed for the call; @p res stays the caller's.
 *  Input: invalid UTF-8 is read as U+FFFD; offsets stay bytes of @p text. */
SV_API int sv_brackets_run(const sv_brackets *b, sv_context *ctx,
                           const char *text, size_t text_len,
                           sv_brackets_result *res, sv_error *err);

/* ---- glossary --------------------------------------------------------- */

/** A corpus glossary: original -> translation pairs with counts and example
 *  locations.  Used by one thread at a time. */
typedef struct sv_glossary sv_glossary;

/** Most example locations kept per pair. */
#define SV_GLOSSARY_MAX_EXAMPLES 3

/** Make an empty glossary.
 *
 *  @param[out] out the new glossary, or NULL on failure
 *  @param[out] err failure details; may be NULL
 *  @return SV_OK or SV_ENOMEM.
 *  Ownership: @p *out belongs to the caller; free with sv_glossary_free(). */
SV_API int sv_glossary_new(sv_glossary **out, sv_error *err);

/** Free a glossary.  NULL is a no-op.
 *  @param g the glossary.  Ownership: consumes @p g. */
SV_API void sv_glossary_free(sv_glossary *g);

/** Add one pair.
 *
 *  Pairs are grouped by (lemma, translation folded to lowercase); the
 *  first surface forms seen are kept.
 *
 *  @param g the glossary
 *  @param lemma the original's lemma key (e.g. sv_brackets_lemma())
 *  @param lemma_len bytes
 *  @param original the original as written
 *  @param original_len bytes
 *  @param lang the original's language code ("ru", "en", ...)
 *  @param translation the translation as written
 *  @param translation_len bytes
 *  @param count how many times the pair was seen (1 for one bracket)
 *  @param where an example location ("file:line:col"); may be NULL
 *  @return SV_OK, SV_EINVAL (NULL strings, empty lemma) or SV_ENOMEM.
 *  Ownership: every string is copied.
 *  Input: UTF-8 is expected and stored as given (runs of white space
 *  become one space); the TSV and TMX writers escape what they must. */
SV_API int sv_glossary_add(sv_glossary *g, const char *lemma, size_t lemma_len,
                           const char *original, size_t original_len,
                           const char *lang, const char *translation,
                           size_t translation_len, size_t count,
                           const char *where);

/** Add every aligned original of a record.
 *
 *  @param g the glossary
 *  @param text the record the result was made from
 *  @param text_len its length
 *  @param res the result of sv_brackets_run() on @p text
 *  @param file the input's name for example locations (may be NULL)
 *  @param first_line the record's first line in the input (1-based)
 *  @return SV_OK, SV_EINVAL or SV_ENOMEM.
 *  Ownership: nothing is kept from the arguments. */
SV_API int sv_glossary_add_result(sv_glossary *g, const char *text,
                                  size_t text_len,
                                  const sv_brackets_result *res,
                                  const char *file, size_t first_line);

/** Number of distinct pairs.
 *  @param g the glossary
 *  @return a count.
 *  Ownership: @p g stays the caller's. */
SV_API size_t sv_glossary_count(const sv_glossary *g);

/** Read a glossary TSV written by sv_glossary_write_tsv() and add its pairs
 *  (counts summed, examples united), so partial glossaries merge.
 *
 *  @param g the glossary
 *  @param data the TSV bytes
 *  @param len bytes
 *  @param name the file's name for messages
 *  @param[out] err failure details (with line); may be NULL
 *  @return SV_OK, SV_EFORMAT (not a sverka glossary, bad row), SV_ENOMEM.
 *  Ownership: nothing is kept from the arguments.
 *  Input: rows are split as sv_tsv_row_parse() does; invalid UTF-8 is kept
 *  as given, and the TMX writer then fails with SV_ERROR. */
SV_API int sv_glossary_merge_tsv(sv_glossary *g, const char *data, size_t len,
                                 const char *name, sv_error *err);

/** Write the glossary as TSV, sorted by lemma then count: a "#" header line
 *  naming the format, a column line, then "lemma original lang translation
 *  count examples" rows (examples joined by " | ").
 *
 *  @param g the glossary
 *  @param[out] out the buffer to append to
 *  @return SV_OK or SV_ENOMEM.
 *  Ownership: @p out stays the caller's. */
SV_API int sv_glossary_write_tsv(const sv_glossary *g, sv_buf *out);

/** Write the glossary as a TMX 1.4b document: one translation unit per
 *  pair, languages from each pair (the other side "en" or "ru"), the count
 *  and examples as properties.
 *
 *  @param g the glossary
 *  @param[out] out the buffer to append to
 *  @param[out] err failure details; may be NULL
 *  @return SV_OK, SV_ENOMEM or SV_ERROR (the XML writer failed).
 *  Ownership: @p out stays the caller's. */
SV_API int sv_glossary_write_tmx(const sv_glossary *g, sv_buf *out,
                                 sv_error *err);

/** Write the inconsistency report: each lemma translated in more than one
 *  way, and each translation used for more than one lemma, one finding
 *  per line ("lemma\tЛЕММА\tN translations: A (3); B (1)").
 *
 *  @param g the glossary
 *  @param[out] out the buffer to append to
 *  @param[out] findings number of findings written; may be NULL
 *  @return SV_OK or SV_ENOMEM.
 *  Ownership: @p out stays the caller's. */
SV_API int sv_glossary_write_inconsistencies(const sv_glossary *g, sv_buf *out,
                                             size_t *findings);

SV_END_DECL

#endif /* SV_BRACKETS_H */
