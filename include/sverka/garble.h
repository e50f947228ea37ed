/* SPDX-License-Identifier: MIT */
/*
 * Garble detection: score sentences, paragraphs and documents for garbled
 * machine translation and other broken text, with reasons a person can
 * check.  A scorer is built once from the resources and a trained model
 * and shared by threads; each thread scores through its own sv_context.
 */
#ifndef SV_GARBLE_H
#define SV_GARBLE_H

#include "sverka/common.h"
#include "sverka/errors.h"
#include "sverka/resources.h"

/** @file sverka/garble.h
 *  @brief sv_garble_scorer (shared, immutable), sv_garble_score() and the
 *  trainers behind `sverka flag --train` and `--train-lm`.
 *
 *  Scores are probabilities: a logistic-regression model over
 *  interpretable features, trained on human judgements of machine
 *  translation with their natural class balance, so 0.5 means "as likely
 *  garbled as not" on the development data (see dicts/README.md).
 */

SV_BEGIN_DECL

/** What a score is given for. */
typedef enum sv_garble_unit {
    SV_GARBLE_SENTENCE = 0,  /**< each sentence of the text */
    SV_GARBLE_PARAGRAPH = 1, /**< each blank-line-separated paragraph */
    SV_GARBLE_DOCUMENT = 2   /**< the whole text as one unit */
} sv_garble_unit;

/** Verdict for a unit, from its score and the thresholds. */
typedef enum sv_garble_label {
    SV_GARBLE_OK = 0,      /**< score < suspect threshold */
    SV_GARBLE_SUSPECT = 1, /**< suspect threshold <= score < garbled one */
    SV_GARBLE_GARBLED = 2  /**< score >= garbled threshold */
} sv_garble_label;

/** Options for sv_garble_scorer_new(). */
typedef struct sv_garble_options {
    unsigned int version;  /**< SV_GARBLE_OPTIONS_VERSION */
    sv_lang lang;          /**< language of the text: SV_LANG_EN or
                                SV_LANG_RU (default English) */
    const char *model_path; /**< NULL: garble_<lang>.model in the
                                 resources' data directory */
    const char *lm_path;   /**< NULL: the character LM the model names,
                                in the same directory as the model */
    double suspect;        /**< suspect threshold; <= 0: the model's */
    double garbled;        /**< garbled threshold; <= 0: the model's */
    unsigned int max_reasons; /**< reasons kept per unit; 0: 3 */
    sv_garble_unit unit;   /**< unit of sv_garble_result::units */
    const char *words_path; /**< NULL: the word statistics the model
                                 names, next to it (if it names any) */
} sv_garble_options;

#define SV_GARBLE_OPTIONS_VERSION 1
#define SV_GARBLE_OPTIONS_INIT \
    {SV_GARBLE_OPTIONS_VERSION, SV_LANG_EN, NULL, NULL, 0.0, 0.0, 0, \
     SV_GARBLE_PARAGRAPH, NULL}

/** Initialise an options struct to its defaults.
 *
 *  @param[out] opts the struct to fill
 *  @param version SV_GARBLE_OPTIONS_VERSION
 *  @return SV_OK, or SV_EINVAL for a NULL @p opts or unknown version.
 *  Ownership: the caller owns @p opts. */
SV_API int sv_garble_options_init(sv_garble_options *opts,
                                  unsigned int version);

/** One reason behind a score: which evidence, where, in words. */
typedef struct sv_garble_reason {
    const char *code;  /**< stable short name, e.g. "oov-lower",
                            "script-mix", "char-lm" (static text) */
    size_t start, end; /**< byte span of the evidence in the text */
    double weight;     /**< its contribution to the log-odds (> 0) */
    char detail[200];  /**< what a person can check, e.g. "3 of 11 words
                            unknown to the English dictionary" */
} sv_garble_reason;

/** A scored span (sentence or unit). */
typedef struct sv_garble_span {
    size_t start, end;     /**< byte span in the text */
    double score;          /**< probability of being garbled, 0..1 */
    sv_garble_label label;
    size_t first_reason;   /**< index into sv_garble_result::reasons */
    size_t reason_count;   /**< reasons of this span (units only) */
} sv_garble_span;

/** The result of scoring one text; reuse it from call to call. */
typedef struct sv_garble_result {
    unsigned int version;      /**< SV_GARBLE_RESULT_VERSION */
    double score;              /**< the text as a whole (document unit) */
    sv_garble_label label;     /**< its label */
    sv_garble_span *sentences; /**< every sentence, in order */
    size_t sentence_count;
    sv_garble_span *units;     /**< every unit of the scorer's unit kind */
    size_t unit_count;
    sv_garble_reason *reasons; /**< reasons of the units, unit by unit */
    size_t reason_count;
    size_t doc_first_reason;   /**< reasons of the whole text (the
                                    unit's own range when one unit is the
                                    whole text) */
    size_t doc_reason_count;
    size_t cap_sentences, cap_units, cap_reasons; /**< internal */
    struct sv_garble_work *work; /**< internal per-thread scratch (the
                                      sentence segmenter, counts) */
} sv_garble_result;

#define SV_GARBLE_RESULT_VERSION 1
#define SV_GARBLE_RESULT_INIT \
    {SV_GARBLE_RESULT_VERSION, 0.0, SV_GARBLE_OK, NULL, 0, NULL, 0, NULL, \
     0, 0, 0, 0, 0, 0, NULL}

/** Release the arrays of a result and reset it to SV_GARBLE_RESULT_INIT.
 *  @param res the result; NULL is a no-op.
 *  Ownership: the caller keeps @p res itself. */
SV_API void sv_garble_result_dispose(sv_garble_result *res);

/** Opaque, immutable, thread-shareable scorer. */
typedef struct sv_garble_scorer sv_garble_scorer;

/** Load a garble model and its character LM.
 *
 *  @param[out] out the new scorer, or NULL on failure
 *  @param res resources (spelling dictionaries); must outlive the scorer
 *  @param opts options; NULL for the defaults
 *  @param[out] err failure details; may be NULL
 *  @return SV_OK, SV_ENOTFOUND (no model), SV_EFORMAT, SV_EIO or
 *  SV_ENOMEM.
 *  Ownership: @p *out belongs to the caller; free with
 *  sv_garble_scorer_free().  Strings in @p opts are not kept. */
SV_API int sv_garble_scorer_new(sv_garble_scorer **out,
                                const sv_resources *res,
                                const sv_garble_options *opts,
                                sv_error *err);

/** Free a scorer.  NULL is a no-op.
 *  @param sc the scorer.  Ownership: consumes @p sc. */
SV_API void sv_garble_scorer_free(sv_garble_scorer *sc);

/** The thresholds in use (after options and model defaults).
 *
 *  @param sc the scorer
 *  @param[out] suspect the suspect threshold; may be NULL
 *  @param[out] garbled the garbled threshold; may be NULL
 *  Ownership: nothing is transferred. */
SV_API void sv_garble_thresholds(const sv_garble_scorer *sc, double *suspect,
                                 double *garbled);

/** A one-line description of the model (what it was trained on).
 *  @param sc the scorer
 *  @return text borrowed from @p sc, valid until sv_garble_scorer_free(). */
SV_API const char *sv_garble_describe(const sv_garble_scorer *sc);

/** Score a text.
 *
 *  Splits the text into sentences, computes each sentence's features,
 *  scores every sentence, every unit (sentences, paragraphs or the whole
 *  text, as the options said) and the text as a whole, and explains each
 *  unit with its strongest reasons.  Linear in the text length.
 *
 *  @param sc the scorer
 *  @param ctx the calling thread's context (spelling cache)
 *  @param text UTF-8 text
 *  @param text_len its length in bytes
 *  @param[out] res the result, overwritten; reuse it between calls
 *  @param[out] err failure details; may be NULL
 *  @return SV_OK, SV_ENOMEM or SV_EINVAL.
 *  Ownership: @p res stays the caller's (release with
 *  sv_garble_result_dispose()); @p text is not kept.
 *  Input: invalid UTF-8 bytes count as odd characters (like U+FFFD). */
SV_API int sv_garble_score(const sv_garble_scorer *sc, sv_context *ctx,
                           const char *text, size_t text_len,
                           sv_garble_result *res, sv_error *err);

/** Score a translation with its source at hand.
 *
 *  As sv_garble_score(), and the spans that cover the whole text (the
 *  text itself, a unit or sentence that is all of it) also weigh its
 *  adequacy against @p source: the share of source content words whose
 *  ru<->en dictionary translation appears in the text, the share the
 *  dictionary knows, and the length ratio (features source-coverage,
 *  source-known, length-ratio).  The source is in the other language of
 *  the model (Russian for the English models, English for the Russian
 *  one); a source in another language (Chinese), without content words,
 *  or without the lexicon loaded adds nothing, and the score is the same
 *  as without it.  Models trained without sources weigh these features 0.
 *
 *  @param sc the scorer
 *  @param ctx the calling thread's context (spelling and lexicon caches)
 *  @param text UTF-8 translation
 *  @param text_len its length in bytes
 *  @param source UTF-8 source text; NULL: as sv_garble_score()
 *  @param source_len its length in bytes
 *  @param[out] res the result, overwritten; reuse it between calls
 *  @param[out] err failure details; may be NULL
 *  @return SV_OK, SV_ENOMEM or SV_EINVAL.
 *  Ownership: @p res stays the caller's (release with
 *  sv_garble_result_dispose()); neither text is kept.
 *  Input: invalid UTF-8 bytes count as odd characters (like U+FFFD). */
SV_API int sv_garble_score_source(const sv_garble_scorer *sc, sv_context *ctx,
                                  const char *text, size_t text_len,
                                  const char *source, size_t source_len,
                                  sv_garble_result *res, sv_error *err);

/** "ok", "suspect" or "garbled".
 *  @param label a label
 *  @return static text. */
SV_API const char *sv_garble_label_name(sv_garble_label label);

/** Options for sv_garble_train(). */
typedef struct sv_garble_train_options {
    unsigned int version;  /**< SV_GARBLE_TRAIN_OPTIONS_VERSION */
    sv_lang lang;          /**< language of the texts */
    const char *lm_path;   /**< the character LM to use; NULL: garble_<lang>.lm
                                in the resources' data directory */
    double l2;             /**< L2 penalty; <= 0: 1.0 */
    unsigned int iterations; /**< gradient steps; 0: 400 */
    const char *note;      /**< what the data was, kept in the model's
                                header; may be NULL */
    const char *words_path; /**< word statistics (sv_garble_train_words)
                                 to use; NULL: garble_<lang>.words next to
                                 the LM when it exists, else none */
    const char *folds_dir; /**< cross-fitting: when the TSV has a 'fold'
                                column, a row of fold k (1..64) is counted
                                with DIR/fold<k>.lm (and DIR/fold<k>.words
                                when the model has word statistics),
                                trained without fold k's documents, so the
                                features the weights are fitted on are as
                                out-of-sample as at run time; NULL: every
                                row with lm_path */
    const char *learn;     /**< comma-separated feature names whose
                                hand-set weight is learned instead (e.g.
                                "word-length,length" for a model of one
                                domain, where they no longer separate
                                domains); NULL: none */
    const char *source_lm_path; /**< character LM of the source language
                                     (garble_ru.lm for an English model):
                                     with a 'source' column, how unusual
                                     the source is (source-char-lm,
                                     source-lm-ratio); the model names it,
                                     to be found next to it; NULL: none */
} sv_garble_train_options;

#define SV_GARBLE_TRAIN_OPTIONS_VERSION 1
#define SV_GARBLE_TRAIN_OPTIONS_INIT \
    {SV_GARBLE_TRAIN_OPTIONS_VERSION, SV_LANG_EN, NULL, 0.0, 0, NULL, NULL, \
     NULL, NULL, NULL}

/** Initialise training options to their defaults.
 *  @param[out] opts the struct to fill
 *  @param version SV_GARBLE_TRAIN_OPTIONS_VERSION
 *  @return SV_OK or SV_EINVAL.  Ownership: the caller owns @p opts. */
SV_API int sv_garble_train_options_init(sv_garble_train_options *opts,
                                        unsigned int version);

/** Train a garble model from a labeled TSV file.
 *
 *  The file has a header line naming its columns; `label` and `text` are
 *  required, other columns are ignored.  A label is 1, "garbled" or
 *  "bad" for a garbled text and 0, "clean", "ok" or "good" for a clean
 *  one; rows with any other label are skipped.  Text is TSV-escaped
 *  (\\t, \\n, \\\\).  Each row is one unit.  Writes a text model file
 *  (format in the file's header comment) to @p out_path.
 *
 *  @param res resources (spelling dictionaries, data directory)
 *  @param ctx a context made from @p res
 *  @param tsv_path the labeled data
 *  @param out_path where to write the model
 *  @param opts options; NULL for the defaults
 *  @param[out] err failure details; may be NULL
 *  @return SV_OK, SV_EIO, SV_EFORMAT (no usable rows, bad header),
 *  SV_ENOTFOUND (no LM) or SV_ENOMEM.
 *  Ownership: nothing is kept.
 *  Input: invalid UTF-8 in the text counts as odd characters. */
SV_API int sv_garble_train(const sv_resources *res, sv_context *ctx,
                           const char *tsv_path, const char *out_path,
                           const sv_garble_train_options *opts,
                           sv_error *err);

/** Train the character n-gram LMs (human and machine-translated text)
 *  behind the likelihood-ratio features.
 *
 *  @param human_path plain UTF-8 text written by people
 *  @param mt_path plain UTF-8 machine-translation output
 *  @param out_path where to write the binary LM file
 *  @param note what the texts were, kept in the file's header; may be NULL
 *  @param[out] err failure details; may be NULL
 *  @return SV_OK, SV_EIO, SV_EFORMAT (an empty corpus) or SV_ENOMEM.
 *  Ownership: nothing is kept.
 *  Input: invalid UTF-8 is skipped. */
SV_API int sv_garble_train_lm(const char *human_path, const char *mt_path,
                              const char *out_path, const char *note,
                              sv_error *err);

/** Train the word statistics behind the post-edit and rare-word
 *  features: how often post-editors kept each word an MT system produced,
 *  and how common each word is in human text.
 *
 *  @param pairs_path TSV with a header naming the columns 'mt' (MT output)
 *         and 'post_edit' (its human post-edit, detokenised)
 *  @param human_path plain UTF-8 text written by people
 *  @param out_path where to write the SVGW1 file
 *  @param note what the data was, kept in the file's header; may be NULL
 *  @param[out] err failure details; may be NULL
 *  @return SV_OK, SV_EIO, SV_EFORMAT (bad header) or SV_ENOMEM.
 *  Ownership: nothing is kept.
 *  Input: bytes are tokenized as they are; invalid UTF-8 is no word. */
SV_API int sv_garble_train_words(const char *pairs_path,
                                 const char *human_path, const char *out_path,
                                 const char *note, sv_error *err);

SV_END_DECL

#endif /* SV_GARBLE_H */
