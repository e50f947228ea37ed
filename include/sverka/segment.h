/* SPDX-License-Identifier: MIT */
/*
 * Sentence segmentation for pipelines: Russian, English and (with ICU's
 * root rules) other languages, with byte offsets into the caller's UTF-8.
 */
#ifndef SV_SEGMENT_H
#define SV_SEGMENT_H

#include "sverka/common.h"
#include "sverka/errors.h"
#include "sverka/resources.h"

/** @file sverka/segment.h
 *  @brief sv_segmenter: split text into sentences.
 *
 *  The segmenter is ICU's sentence break iterator with abbreviation
 *  suppressions, corrected by sverka's own rules: Russian and English
 *  abbreviations ("т.е.", "г.", "млн.", "U.S.", "Mr."), initials
 *  ("В. В. Путин", "J. R. R. Tolkien"), sentence ends inside quotes and
 *  brackets, numbered lists, and sentences glued without a space
 *  ("developments.Touching").  Blank lines are hard breaks unless
 *  switched off.
 *
 *  A segmenter is used by one thread at a time (make one per thread); it
 *  reuses its buffers between calls.
 */

SV_BEGIN_DECL

/** Opaque segmenter. */
typedef struct sv_segmenter sv_segmenter;

/** Options for sv_segmenter_new().  Fields are only ever appended. */
typedef struct sv_segment_options {
    unsigned int version;   /**< SV_SEGMENT_OPTIONS_VERSION */
    const char *lang;       /**< "ru", "en", or another ICU locale id such
                                 as "de"; NULL or "und" for root rules */
    unsigned int paragraphs;/**< 1 (default): a blank line always ends a
                                 sentence; 0: blank lines are white space */
    unsigned int glued;     /**< 1 (default): split "end.Next" glued
                                 sentences; 0: leave them whole */
    unsigned int lines;     /**< 1: every line break ends a sentence (input
                                 already one sentence per line); default 0 */
    const sv_resources *resources; /**< optional: abbreviation lists
                                 (abbrev_en.txt, abbrev_ru.txt) are read
                                 from its data directory, adding to the
                                 built-in ones; NULL: built-in lists */
} sv_segment_options;

#define SV_SEGMENT_OPTIONS_VERSION 1
#define SV_SEGMENT_OPTIONS_INIT {SV_SEGMENT_OPTIONS_VERSION, NULL, 1, 1, 0, NULL}

/** Flags passed with each sentence. */
enum {
    SV_SENTENCE_PARAGRAPH_START = 1u << 0, /**< first of a paragraph */
    SV_SENTENCE_GLUED = 1u << 1 /**< starts inside a glued token */
};

/** One sentence as byte offsets [start, end) into the input. */
typedef struct sv_sentence {
    size_t start;       /**< first byte (white space trimmed) */
    size_t end;         /**< one past the last byte (white space trimmed) */
    unsigned int flags; /**< SV_SENTENCE_* bits */
} sv_sentence;

/** Called once per sentence, in order.
 *
 *  @param sentence the sentence's offsets and flags
 *  @param payload the caller's pointer given to sv_segment_run()
 *  @return 0 to continue; any other value stops the run and is returned
 *  by sv_segment_run() unchanged. */
typedef int (*sv_segment_cb)(const sv_sentence *sentence, void *payload);

/** Initialise an options struct to its defaults.
 *
 *  @param[out] opts the struct to fill
 *  @param version SV_SEGMENT_OPTIONS_VERSION
 *  @return SV_OK, or SV_EINVAL for a NULL @p opts or an unknown version.
 *  Ownership: the caller owns @p opts. */
SV_API int sv_segment_options_init(sv_segment_options *opts,
                                   unsigned int version);

/** Create a segmenter.
 *
 *  @param[out] out the new segmenter, or NULL on failure
 *  @param opts options; NULL for the defaults
 *  @param[out] err failure details; may be NULL
 *  @return SV_OK, SV_EINVAL, SV_ENOMEM, SV_EIO (an abbreviation list could
 *  not be read) or SV_ERROR (ICU could not create its break iterator).
 *  Ownership: @p *out belongs to the caller; release with
 *  sv_segmenter_free().  Nothing in @p opts is kept after the call
 *  (the resources are only read here). */
SV_API int sv_segmenter_new(sv_segmenter **out,
                            const sv_segment_options *opts, sv_error *err);

/** Free a segmenter.
 *
 *  @param seg the segmenter; NULL is a no-op.
 *  Ownership: @p seg and every sentence array it returned are released. */
SV_API void sv_segmenter_free(sv_segmenter *seg);

/** Split text into sentences and call @p cb for each.
 *
 *  Input: UTF-8; invalid sequences are read as U+FFFD and never make a
 *  sentence boundary; offsets are always byte offsets into @p text.
 *
 *  @param seg the segmenter
 *  @param text the text (need not be NUL-terminated)
 *  @param text_len its length in bytes
 *  @param cb called once per sentence
 *  @param payload passed to @p cb
 *  @return SV_OK, the callback's non-zero value, SV_EINVAL, SV_ENOMEM,
 *  SV_ETOOBIG (text over 2 GiB) or SV_ERROR (see sv_segmenter_errmsg()).
 *  Ownership: @p text stays the caller's and is not kept. */
SV_API int sv_segment_run(sv_segmenter *seg, const char *text,
                          size_t text_len, sv_segment_cb cb, void *payload);

/** Split text into sentences and return them as an array.
 *
 *  Input: as for sv_segment_run().
 *
 *  @param seg the segmenter
 *  @param text the text
 *  @param text_len its length in bytes
 *  @param[out] sentences the sentences, in order
 *  @param[out] count how many
 *  @return SV_OK, SV_EINVAL, SV_ENOMEM, SV_ETOOBIG or SV_ERROR.
 *  Ownership: the array is borrowed from @p seg and stays valid until the
 *  next call on @p seg or sv_segmenter_free(). */
SV_API int sv_segment_spans(sv_segmenter *seg, const char *text,
                            size_t text_len, const sv_sentence **sentences,
                            size_t *count);

/** The message of the last failure on this segmenter.
 *
 *  @param seg the segmenter
 *  @return a one-line message ("" when none).
 *  Ownership: borrowed from @p seg, valid until its next call. */
SV_API const char *sv_segmenter_errmsg(const sv_segmenter *seg);

SV_END_DECL

#endif /* SV_SEGMENT_H */
