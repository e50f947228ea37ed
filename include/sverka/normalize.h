/* SPDX-License-Identifier: MIT */
/*
 * The normalizer: repairs and cleans mixed Russian-English text in named,
 * separately switchable steps, and reports every change as an edit whose
 * offsets point into the caller's original input.
 */
#ifndef SV_NORMALIZE_H
#define SV_NORMALIZE_H

#include "sverka/common.h"
#include "sverka/buf.h"
#include "sverka/errors.h"
#include "sverka/resources.h"

/** @file sverka/normalize.h
 *  @brief sv_normalizer: repair and clean text, every change logged.
 *
 *  A normalizer is made once from options (and optionally resources) and is
 *  then immutable: any number of threads may call sv_normalize_run() on it
 *  at the same time, each passing its own sv_context and its own
 *  sv_normalize_result (which also holds that thread's reusable scratch).
 *
 *  Records: the normalizer works on whatever record it is given.  Steps that
 *  look beyond one line (the @c duplicates and @c notes drops, the
 *  document's dominant language, hyphenation across a line end) see exactly
 *  that record and nothing else: to drop a title printed twice, give the
 *  whole document (a file, or a JSONL object's text) as one record.  A
 *  caller streaming line by line gets line-local behaviour only.
 */

SV_BEGIN_DECL

/** Step bits for sv_normalize_options::steps, in pipeline order. */
enum {
    SV_STEP_DECODE = 1u << 0,      /**< invalid UTF-8 to U+FFFD, counted */
    SV_STEP_MOJIBAKE = 1u << 1,    /**< repair wrong-code-page text */
    SV_STEP_ENTITIES = 1u << 2,    /**< HTML character references */
    SV_STEP_CONTROLS = 1u << 3,    /**< BOM, ZW*, soft hyphen, bidi, C0/C1, EOL */
    SV_STEP_UNICODE = 1u << 4,     /**< NFC (NFKC with nfkc=1) */
    SV_STEP_SPACES = 1u << 5,      /**< odd spaces, runs, line ends, blanks */
    SV_STEP_PUNCTUATION = 1u << 6, /**< dashes, fullwidth, ellipsis, quotes */
    SV_STEP_HOMOGLYPHS = 1u << 7,  /**< mixed-script words to one script */
    SV_STEP_GLUED = 1u << 8,       /**< space after a glued sentence end */
    SV_STEP_HYPHENATION = 1u << 9, /**< join words broken at a line end */
    SV_STEP_DROP = 1u << 10        /**< drop lines selected by ::drop */
};

/** The steps on by default: all but entities (for HTML input) and drop
 *  (which also needs sv_normalize_options::drop). */
#define SV_STEPS_DEFAULT                                                    \
    (SV_STEP_DECODE | SV_STEP_MOJIBAKE | SV_STEP_CONTROLS |                 \
     SV_STEP_UNICODE | SV_STEP_SPACES | SV_STEP_PUNCTUATION |               \
     SV_STEP_HOMOGLYPHS | SV_STEP_GLUED | SV_STEP_HYPHENATION |             \
     SV_STEP_DROP)

/** Every step bit defined by this version of the header. */
#define SV_STEPS_ALL 0x7ffu

/** Bits for sv_normalize_options::drop. */
enum {
    SV_DROP_BOILERPLATE = 1u << 0, /**< page furniture (dicts/boilerplate.txt) */
    SV_DROP_DUPLICATES = 1u << 1,  /**< a line repeating an earlier line */
    SV_DROP_NOTES = 1u << 2        /**< a line in another script than the
                                        record's main language */
};

/** Every drop bit (`--drop all`). */
#define SV_DROP_ALL 0x7u

/** Quote handling (sv_normalize_options::quotes, ::apostrophes). */
typedef enum sv_quote_style {
    SV_QUOTES_KEEP = 0,       /**< leave quotes as they are */
    SV_QUOTES_ASCII = 1,      /**< " and ' everywhere */
    SV_QUOTES_TYPOGRAPHIC = 2 /**< “ ” ‘ ’ in English runs, « » „ “ in Russian;
                                   apostrophes become ’ */
} sv_quote_style;

/** What dash look-alikes (U+30FC, U+2015, U+2012, U+2212 between words,
 *  " - " between words) become (sv_normalize_options::dash). */
typedef enum sv_dash_style {
    SV_DASH_EM = 0,  /**< U+2014 EM DASH (default) */
    SV_DASH_EN = 1,  /**< U+2013 EN DASH */
    SV_DASH_KEEP = 2 /**< leave dash look-alikes alone */
} sv_dash_style;

/** Options for sv_normalizer_new().  Fields are only ever appended. */
typedef struct sv_normalize_options {
    unsigned int version;        /**< SV_NORMALIZE_OPTIONS_VERSION */
    unsigned int steps;          /**< SV_STEP_* bits; SV_STEPS_DEFAULT */
    unsigned int nfkc;           /**< unicode step: 1 = NFKC instead of NFC */
    sv_quote_style quotes;       /**< double and single quotes; KEEP */
    sv_quote_style apostrophes;  /**< ' vs ’ inside words; KEEP */
    sv_dash_style dash;          /**< dash look-alikes; SV_DASH_EM */
    unsigned int drop;           /**< SV_DROP_* bits; 0 = drop nothing */
    unsigned int mark;           /**< 1: wrap dropped lines instead of
                                      removing them (see SV_NORMALIZE_MARK_*) */
    size_t max_input;            /**< largest record accepted, bytes;
                                      0 = 256 MiB.  Larger: SV_ETOOBIG */
} sv_normalize_options;

#define SV_NORMALIZE_OPTIONS_VERSION 1
#define SV_NORMALIZE_OPTIONS_INIT                                          \
    {SV_NORMALIZE_OPTIONS_VERSION, SV_STEPS_DEFAULT, 0, SV_QUOTES_KEEP,    \
     SV_QUOTES_KEEP, SV_DASH_EM, 0, 0, 0}

/** In mark mode a dropped line "L" becomes
 *  SV_NORMALIZE_MARK_OPEN "<reason>" SV_NORMALIZE_MARK_MID "L"
 *  SV_NORMALIZE_MARK_CLOSE, e.g. "⟦drop:boilerplate⟧Leave a Reply⟦/drop⟧".
 *  The reason is "boilerplate", "duplicates" or "notes". */
#define SV_NORMALIZE_MARK_OPEN "\xE2\x9F\xA6" "drop:"
#define SV_NORMALIZE_MARK_MID "\xE2\x9F\xA7"
#define SV_NORMALIZE_MARK_CLOSE "\xE2\x9F\xA6/drop\xE2\x9F\xA7"

/** Initialise an options struct to its defaults.
 *
 *  @param[out] opts the struct to fill
 *  @param version SV_NORMALIZE_OPTIONS_VERSION
 *  @return SV_OK, or SV_EINVAL for a NULL @p opts or an unknown version.
 *  Ownership: the caller owns @p opts. */
SV_API int sv_normalize_options_init(sv_normalize_options *opts,
                                     unsigned int version);

/** One row of the step table (for --help and --steps parsing). */
typedef struct sv_normalize_step_info {
    const char *name;        /**< "controls", "unicode", ... */
    unsigned int bit;        /**< its SV_STEP_* bit */
    int on_by_default;       /**< 1 when in SV_STEPS_DEFAULT and effective
                                  without further options */
    const char *description; /**< one line, lowercase, no period */
} sv_normalize_step_info;

/** The step table, in pipeline order.
 *
 *  @param[out] count number of rows
 *  @return a static array.  Ownership: static; do not free. */
SV_API const sv_normalize_step_info *sv_normalize_steps(size_t *count);

/** The SV_STEP_* bit of a step name.
 *
 *  @param name a step name ("spaces"); "all" gives SV_STEPS_ALL
 *  @param name_len its length in bytes
 *  @return the bit, or 0 for an unknown name.
 *  Ownership: borrows @p name for the call. */
SV_API unsigned int sv_normalize_step_from_name(const char *name,
                                                size_t name_len);

/** The name of one SV_STEP_* bit.
 *
 *  @param bit exactly one SV_STEP_* bit
 *  @return static text, or NULL when @p bit is not one known step.
 *  Ownership: static; do not free. */
SV_API const char *sv_normalize_step_name(unsigned int bit);

/** Parse a comma-separated drop list ("boilerplate,notes", "all").
 *
 *  @param list the list
 *  @param list_len its length in bytes
 *  @param[out] out SV_DROP_* bits
 *  @return SV_OK, or SV_EINVAL naming nothing (an unknown item).
 *  Ownership: borrows @p list for the call. */
SV_API int sv_normalize_drop_from_list(const char *list, size_t list_len,
                                       unsigned int *out);

/** Opaque, immutable normalizer; shareable between threads. */
typedef struct sv_normalizer sv_normalizer;

/** Make a normalizer.
 *
 *  Loads the abbreviation lists and boilerplate patterns from the
 *  resources' data directory (dicts/abbrev_en.txt, abbrev_ru.txt,
 *  boilerplate.txt); with @p res NULL, or a file missing, built-in lists
 *  are used.
 *
 *  @param[out] out the normalizer, or NULL on failure
 *  @param opts options; NULL for the defaults
 *  @param res resources (dictionaries); may be NULL.  Must outlive the
 *  normalizer.
 *  @param[out] err failure details; may be NULL
 *  @return SV_OK, SV_EINVAL, SV_EFORMAT (a bad data file) or SV_ENOMEM.
 *  Ownership: @p *out belongs to the caller; free with
 *  sv_normalizer_free().  @p opts is copied; @p res is borrowed. */
SV_API int sv_normalizer_new(sv_normalizer **out,
                             const sv_normalize_options *opts,
                             const sv_resources *res, sv_error *err);

/** Free a normalizer.  NULL is a no-op.
 *
 *  @param n the normalizer.  Ownership: consumes @p n. */
SV_API void sv_normalizer_free(sv_normalizer *n);

/** The options a normalizer was made with.
 *
 *  @param n the normalizer
 *  @return the options, or NULL for a NULL @p n.
 *  Ownership: borrowed from @p n, valid until sv_normalizer_free(). */
SV_API const sv_normalize_options *
sv_normalizer_options(const sv_normalizer *n);

/** One change, in both coordinate systems.
 *
 *  input[in_start, in_end) of the caller's original text became
 *  output[out_start, out_end) of the returned text.  Either side may be
 *  empty (an insertion or a deletion).  The before text is the input slice
 *  and the after text the output slice. */
typedef struct sv_normalize_edit {
    size_t in_start;  /**< byte offset into the original input */
    size_t in_end;    /**< end (exclusive) in the input */
    size_t out_start; /**< byte offset into the output */
    size_t out_end;   /**< end (exclusive) in the output */
    const char *step; /**< static step name ("glued", "drop:notes", ...);
                           for changes of several steps at one place, the
                           last step that touched it */
} sv_normalize_edit;

/** One line the drop step removed (or marked). */
typedef struct sv_normalize_drop {
    size_t in_start;    /**< the line in the original input, without its
                             newline */
    size_t in_end;      /**< end (exclusive) */
    const char *reason; /**< static: "boilerplate", "duplicates", "notes" */
} sv_normalize_drop;

/** Most steps a result counts (room for steps added later). */
#define SV_NORMALIZE_MAX_STEPS 16

/** The report of one sv_normalize_run() call, and that thread's scratch.
 *
 *  Initialise with SV_NORMALIZE_RESULT_INIT, reuse across calls (memory is
 *  kept), release with sv_normalize_result_dispose(). */
typedef struct sv_normalize_result {
    unsigned int version;      /**< SV_NORMALIZE_RESULT_VERSION */
    sv_normalize_edit *edits;  /**< edits in input order, non-overlapping */
    size_t edit_count;         /**< number of edits */
    size_t counts[SV_NORMALIZE_MAX_STEPS]; /**< changes made per step,
                                  indexed like sv_normalize_steps() */
    size_t invalid_utf8;       /**< invalid sequences replaced by U+FFFD */
    size_t first_invalid;      /**< input offset of the first of them
                                  (0 when there is none) */
    size_t dropped_lines;      /**< lines dropped (or marked): drop_count */
    const sv_normalize_drop *drops; /**< each dropped (or marked) line, in
                                  input order: one per line even where the
                                  edit list merged neighbours into one edit;
                                  borrowed until the next run or dispose */
    size_t drop_count;         /**< number of @c drops */
    void *internal;            /**< private scratch; do not touch */
    size_t edit_alloc;         /**< private */
} sv_normalize_result;

#define SV_NORMALIZE_RESULT_VERSION 1
#define SV_NORMALIZE_RESULT_INIT                                           \
    {SV_NORMALIZE_RESULT_VERSION, NULL, 0, {0}, 0, 0, 0, NULL, 0, NULL, 0}

/** Release what a result holds and reset it to SV_NORMALIZE_RESULT_INIT.
 *
 *  @param res the result; NULL is ignored.
 *  Ownership: the caller owns @p res. */
SV_API void sv_normalize_result_dispose(sv_normalize_result *res);

/** Normalize one record.
 *
 *  Runs the enabled steps in order and writes the output to @p out
 *  (replacing its content).  The edit list in @p res maps every change back
 *  to @p text.
 *
 *  @param n the normalizer
 *  @param ctx the calling thread's context (dictionaries); NULL when the
 *  normalizer has no resources.  Dictionary checks then fall back to rules.
 *  @param text the record, UTF-8
 *  @param text_len its length in bytes
 *  @param[out] out receives the output
 *  @param[in,out] res receives the edits and counts; may be NULL
 *  @param[out] err failure details; may be NULL
 *  @return SV_OK, SV_EILSEQ (invalid UTF-8 with the decode step off; the
 *  offset is in @p err), SV_ETOOBIG or SV_ENOMEM.
 *  Input: with the decode step on, each maximal invalid subpart becomes
 *  U+FFFD and is counted in res->invalid_utf8.
 *  Ownership: @p out and @p res stay the caller's; @p text is borrowed. */
SV_API int sv_normalize_run(const sv_normalizer *n, sv_context *ctx,
                            const char *text, size_t text_len, sv_buf *out,
                            sv_normalize_result *res, sv_error *err);

/** Map an output offset back to the input of the last run on @p res.
 *
 *  @param res a result filled by sv_normalize_run()
 *  @param out_off a byte offset into that run's output
 *  @param end_bias 0: the smallest matching input offset (a span's start);
 *  1: the largest (a span's end)
 *  @return the input offset (@p out_off itself for a NULL or unused
 *  @p res).
 *  Ownership: reads @p res; nothing is allocated. */
SV_API size_t sv_normalize_map_back(const sv_normalize_result *res,
                                    size_t out_off, int end_bias);

/** Locate a byte offset as a 1-based line and column (code points).
 *
 *  @param text the text (the original input, for --explain)
 *  @param text_len its length
 *  @param offset a byte offset in [0, text_len]
 *  @param[out] line 1-based line
 *  @param[out] column 1-based column, counted in code points
 *  @return SV_OK or SV_EINVAL.
 *  Input: an invalid sequence counts as one column.
 *  Ownership: borrows @p text for the call.  Scans from the start of
 *  @p text: callers locating many offsets should walk them in order
 *  themselves. */
SV_API int sv_normalize_locate(const char *text, size_t text_len,
                               size_t offset, size_t *line, size_t *column);

/** Check that an edit list reproduces the input from the output.
 *
 *  Rebuilds the input by copying the output and substituting, for each
 *  edit, the input slice for the output slice; compares with @p text.
 *  Used by the tests and available to pipelines that want to be sure.
 *
 *  @param text the original input
 *  @param text_len its length
 *  @param output the output of that run
 *  @param output_len its length
 *  @param res the result of that run
 *  @return 1 when consistent, 0 when not (or for NULL arguments).
 *  Input: bytes are compared as they are; no UTF-8 decoding.
 *  Ownership: borrows everything for the call. */
SV_API int sv_normalize_verify(const char *text, size_t text_len,
                               const char *output, size_t output_len,
                               const sv_normalize_result *res);

SV_END_DECL

#endif /* SV_NORMALIZE_H */
