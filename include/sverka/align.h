/* SPDX-License-Identifier: MIT */
/*
 * Sentence alignment of a document with its translation (Russian-English
 * in either direction, any other pair without a lexicon), the QA checks
 * run on every aligned pair, the writers of the aligned pairs (text, TSV,
 * JSONL, Vecalign beads, TMX, XLIFF, HTML) and the TMX/XLIFF/TSV reader
 * used by "sverka check".
 */
#ifndef SV_ALIGN_H
#define SV_ALIGN_H

#include <stddef.h>
#include <stdio.h>

#include "sverka/common.h"
#include "sverka/buf.h"
#include "sverka/errors.h"
#include "sverka/resources.h"

/** @file sverka/align.h
 *  @brief Sentence aligner, pair QA, aligned-pair writers and readers.
 */

SV_BEGIN_DECL

/** Severity of a QA flag.  Ordered: a larger value is more serious. */
typedef enum sv_severity {
    SV_SEVERITY_INFO = 1,    /**< worth a look (merge, split) */
    SV_SEVERITY_WARNING = 2, /**< probably wrong (number, name, negation) */
    SV_SEVERITY_ERROR = 3    /**< wrong (missing, untranslated) */
} sv_severity;

/** Optional hook scoring a target sentence for garbled machine
 *  translation (wired to sverka flag's scorer by callers that have it).
 *
 *  @param text UTF-8 target text
 *  @param text_len its length in bytes
 *  @param[out] score 0 (fine) .. 1 (garbled)
 *  @param payload the caller's pointer
 *  @return 0, or non-zero to stop (handed back as the aligner's result). */
typedef int (*sv_align_garble_cb)(const char *text, size_t text_len,
                                  double *score, void *payload);

/** Options for sv_aligner_new(). */
typedef struct sv_align_options {
    unsigned int version;    /**< SV_ALIGN_OPTIONS_VERSION */
    const char *src_lang;    /**< source language code; NULL: "ru" */
    const char *tgt_lang;    /**< target language code; NULL: "en" */
    int ignore_paragraphs;   /**< non-zero: blank lines are no anchors */
    int presegmented;        /**< non-zero: one sentence per line, a blank
                                  line between paragraphs */
    int no_lexicon;          /**< non-zero: do not use the ru<->en lexicon
                                  even when it is loaded */
    unsigned int band;       /**< DP band half-width in sentences; 0:
                                  automatic (grows when the path touches
                                  the band's edge) */
    size_t max_sentences;    /**< refuse longer inputs (SV_ETOOBIG); 0:
                                  1 000 000 sentences per side */
    sv_align_garble_cb garble; /**< optional target garble hook */
    void *garble_payload;    /**< passed to @p garble */
    double garble_threshold; /**< flag at or above this; <= 0: 0.5 */
} sv_align_options;

/** Current version of sv_align_options. */
#define SV_ALIGN_OPTIONS_VERSION 1
/** Static initialiser with the defaults. */
#define SV_ALIGN_OPTIONS_INIT \
    {SV_ALIGN_OPTIONS_VERSION, NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, 0.0}

/** Initialise options to their defaults.
 *
 *  @param[out] opts the struct to fill
 *  @param version SV_ALIGN_OPTIONS_VERSION
 *  @return SV_OK, or SV_EINVAL for a NULL @p opts or unknown version.
 *  Ownership: the caller owns @p opts. */
SV_API int sv_align_options_init(sv_align_options *opts,
                                 unsigned int version);

/** Opaque aligner: options, language pair and the name list, immutable
 *  after creation and shareable by threads (each passes its own
 *  sv_context). */
typedef struct sv_aligner sv_aligner;

/** Opaque result of one alignment: both texts (copied), their sentences,
 *  the beads and their QA flags. */
typedef struct sv_alignment sv_alignment;

/** One QA finding on a bead or a pair. */
typedef struct sv_align_flag {
    const char *code;     /**< stable short code: "missing", "extra",
                               "merge", "split", "untranslated",
                               "source-script", "number", "date", "name",
                               "negation", "length", "brackets", "quotes",
                               "garble", "empty", "uncertain",
                               "language"; static
                               text */
    sv_severity severity; /**< how serious */
    const char *message;  /**< one line saying what differs; borrowed */
} sv_align_flag;

/** A sentence of one side. */
typedef struct sv_align_sentence {
    size_t start, end;    /**< bytes [start, end) in that side's text */
    size_t paragraph;     /**< 0-based paragraph number */
} sv_align_sentence;

/** One bead: consecutive sentences of the source aligned with consecutive
 *  sentences of the target (either side may be empty). */
typedef struct sv_align_bead {
    size_t src_first, src_count;  /**< source sentence indices */
    size_t tgt_first, tgt_count;  /**< target sentence indices */
    size_t src_start, src_end;    /**< source bytes covered (empty side:
                                       start == end at the gap) */
    size_t tgt_start, tgt_end;    /**< target bytes covered */
    double score;       /**< similarity of the two sides, 0..1 (length,
                             lexicon, names, numbers, punctuation) */
    double confidence;  /**< 0..1: how sure the aligner is of this bead */
    size_t flag_first;  /**< index of its first flag (sv_alignment_flag) */
    size_t flag_count;  /**< number of its flags */
    int severity;       /**< highest flag severity, 0 when none */
} sv_align_bead;

/** Create an aligner.
 *
 *  @param[out] out the aligner, or NULL on failure
 *  @param opts options; NULL for the defaults
 *  @param res resources (lexicon, dictionaries, names list); may be NULL,
 *         then only language-independent evidence is used.  Must outlive
 *         the aligner.
 *  @param[out] err failure details; may be NULL
 *  @return SV_OK, SV_EINVAL (unknown language code) or SV_ENOMEM.
 *  Ownership: @p *out belongs to the caller; free with sv_aligner_free().
 *  Strings in @p opts are copied. */
SV_API int sv_aligner_new(sv_aligner **out, const sv_align_options *opts,
                          const sv_resources *res, sv_error *err);

/** Free an aligner.  NULL is a no-op.
 *  @param al the aligner.  Ownership: consumes @p al. */
SV_API void sv_aligner_free(sv_aligner *al);

/** Segment and align two texts.
 *
 *  Splits both texts into sentences (or lines, with presegmented), aligns
 *  them with a banded dynamic programme over 1-1, 1-0, 0-1, 2-1, 1-2,
 *  2-2, 1-3, 3-1, 2-3 and 3-2 beads (paragraphs as hard anchors when both sides
 *  have the same number of them), and runs the pair QA on every bead.
 *  Time and memory are linear in the number of sentences.
 *
 *  @param al the aligner
 *  @param ctx the calling thread's context (lexicon and stems); may be
 *         NULL, then no lexicon is used
 *  @param src source text, UTF-8
 *  @param src_len its length in bytes
 *  @param tgt target text, UTF-8
 *  @param tgt_len its length in bytes
 *  @param[out] out the alignment, or NULL on failure
 *  @param[out] err failure details; may be NULL
 *  @return SV_OK, SV_ENOMEM, SV_ETOOBIG, SV_ERROR (segmenter failure) or
 *  the garble hook's non-zero value.
 *  Ownership: @p *out belongs to the caller (sv_alignment_free()); the
 *  texts are copied.
 *  Input: invalid UTF-8 is kept as is; it never matches anything. */
SV_API int sv_align_texts(const sv_aligner *al, sv_context *ctx,
                          const char *src, size_t src_len, const char *tgt,
                          size_t tgt_len, sv_alignment **out, sv_error *err);

/** Already segmented input of one side for sv_align_sentences(). */
typedef struct sv_align_input {
    const char *const *sentences; /**< @p count UTF-8 sentences */
    const size_t *lengths;        /**< their byte lengths; NULL: each is
                                       NUL-terminated */
    const size_t *paragraphs;     /**< paragraph number of each sentence;
                                       NULL: one paragraph */
    size_t count;                 /**< number of sentences */
} sv_align_input;

/** Align two lists of sentences (no segmentation).
 *
 *  As sv_align_texts() with the options' presegmented set: the sentence
 *  indices of the beads are the indices in the lists; byte offsets refer
 *  to sv_alignment_text(), where each sentence is one line (line breaks
 *  inside a sentence become spaces) and paragraphs are separated by a
 *  blank line.
 *
 *  @param al the aligner
 *  @param ctx the calling thread's context; may be NULL
 *  @param src source sentences
 *  @param tgt target sentences
 *  @param[out] out the alignment, or NULL on failure
 *  @param[out] err failure details; may be NULL
 *  @return SV_OK, SV_EINVAL (an empty or blank sentence), SV_ENOMEM,
 *  SV_ETOOBIG or the garble hook's non-zero value.
 *  Ownership: @p *out belongs to the caller; the sentences are copied.
 *  Input: invalid UTF-8 is kept as is. */
SV_API int sv_align_sentences(const sv_aligner *al, sv_context *ctx,
                              const sv_align_input *src,
                              const sv_align_input *tgt, sv_alignment **out,
                              sv_error *err);

/** Free an alignment.  NULL is a no-op.
 *  @param a the alignment.  Ownership: consumes @p a. */
SV_API void sv_alignment_free(sv_alignment *a);

/** Number of beads.
 *  @param a the alignment
 *  @return the count (0 for NULL).  Ownership: nothing is transferred. */
SV_API size_t sv_alignment_bead_count(const sv_alignment *a);

/** One bead, in document order.
 *  @param a the alignment
 *  @param i index below sv_alignment_bead_count()
 *  @return borrowed pointer valid until sv_alignment_free(), NULL when
 *  out of range. */
SV_API const sv_align_bead *sv_alignment_bead(const sv_alignment *a,
                                              size_t i);

/** One flag of the alignment (see sv_align_bead::flag_first).
 *  @param a the alignment
 *  @param i flag index
 *  @return borrowed pointer valid until sv_alignment_free(), or NULL. */
SV_API const sv_align_flag *sv_alignment_flag(const sv_alignment *a,
                                              size_t i);

/** Sentences of one side.
 *  @param a the alignment
 *  @param target 0 for the source, 1 for the target
 *  @param[out] n number of sentences
 *  @return borrowed array valid until sv_alignment_free(). */
SV_API const sv_align_sentence *sv_alignment_sentences(const sv_alignment *a,
                                                       int target, size_t *n);

/** Text of one side (the copy the offsets refer to).
 *  @param a the alignment
 *  @param target 0 for the source, 1 for the target
 *  @param[out] len its length in bytes
 *  @return borrowed, NUL-terminated, valid until sv_alignment_free(). */
SV_API const char *sv_alignment_text(const sv_alignment *a, int target,
                                     size_t *len);

/** The text of one side of a bead: its sentences joined by one space,
 *  with line breaks and tabs inside them turned into spaces.
 *
 *  @param a the alignment
 *  @param bead index below sv_alignment_bead_count()
 *  @param target 0 for the source side, 1 for the target side
 *  @param[out] out buffer the text is appended to (empty side: nothing)
 *  @return SV_OK, SV_EINVAL or SV_ENOMEM.
 *  Ownership: @p out stays the caller's. */
SV_API int sv_alignment_bead_text(const sv_alignment *a, size_t bead,
                                  int target, sv_buf *out);

/** Counts for a summary line.
 *  @param a the alignment
 *  @param[out] counts counts[0] beads, [1] info, [2] warning, [3] error
 *  flags, [4] 1-1 beads, [5] beads with an empty side, [6] n-m beads.
 *  Ownership: @p counts is the caller's array of 7. */
SV_API void sv_alignment_counts(const sv_alignment *a, size_t counts[7]);

/** Callback receiving one QA flag of sv_align_check_pair().
 *  @param flag the flag; borrowed for the duration of the call
 *  @param payload the caller's pointer
 *  @return 0 to continue, non-zero to stop. */
typedef int (*sv_align_flag_cb)(const sv_align_flag *flag, void *payload);

/** Run the pair QA on one given pair (as "sverka check" does for a TMX
 *  unit): untranslated, numbers and dates, names, negation, length ratio,
 *  brackets and quotes, empty sides, the garble hook.
 *
 *  @param al the aligner (its language pair and thresholds)
 *  @param ctx the calling thread's context; may be NULL
 *  @param src source text
 *  @param src_len its length
 *  @param tgt target text
 *  @param tgt_len its length
 *  @param cb called once per flag
 *  @param payload passed to @p cb
 *  @return the number of flags, a negative SV_E* code, or @p cb's
 *  non-zero value.
 *  Ownership: nothing is kept.  Input: invalid UTF-8 never matches. */
SV_API int sv_align_check_pair(const sv_aligner *al, sv_context *ctx,
                               const char *src, size_t src_len,
                               const char *tgt, size_t tgt_len,
                               sv_align_flag_cb cb, void *payload);

/** Output formats of sv_alignment_write(). */
typedef enum sv_align_format {
    SV_ALIGN_FORMAT_TEXT = 0,    /**< readable pairs with flags */
    SV_ALIGN_FORMAT_TSV = 1,     /**< src, tgt, score, flags */
    SV_ALIGN_FORMAT_JSONL = 2,   /**< one object per bead */
    SV_ALIGN_FORMAT_BEADS = 3,   /**< Vecalign "[i, j]:[k]:score" */
    SV_ALIGN_FORMAT_TMX = 4,     /**< TMX 1.4b */
    SV_ALIGN_FORMAT_XLIFF12 = 5, /**< XLIFF 1.2 */
    SV_ALIGN_FORMAT_XLIFF20 = 6, /**< XLIFF 2.0 */
    SV_ALIGN_FORMAT_HTML = 7     /**< self-contained side-by-side report */
} sv_align_format;

/** Format from its name: "text", "tsv", "jsonl", "beads", "tmx",
 *  "xliff" (1.2), "xliff12", "xliff2", "xliff20", "html".
 *  @param name the name
 *  @param[out] out the format
 *  @return SV_OK or SV_EINVAL.  Ownership: nothing is kept. */
SV_API int sv_align_format_from_name(const char *name, sv_align_format *out);

/** Options of sv_alignment_write(). */
typedef struct sv_align_write_options {
    unsigned int version;   /**< SV_ALIGN_WRITE_OPTIONS_VERSION */
    const char *src_name;   /**< source file name for reports; NULL: none */
    const char *tgt_name;   /**< target file name; NULL: none */
    int flagged_only;       /**< text/tsv/jsonl: only beads with flags */
    int include_empty;      /**< TMX/XLIFF: also write beads with an empty
                                 side (default: skipped) */
} sv_align_write_options;

/** Current version of sv_align_write_options. */
#define SV_ALIGN_WRITE_OPTIONS_VERSION 1
/** Static initialiser with the defaults. */
#define SV_ALIGN_WRITE_OPTIONS_INIT \
    {SV_ALIGN_WRITE_OPTIONS_VERSION, NULL, NULL, 0, 0}

/** Initialise write options to their defaults.
 *  @param[out] opts the struct to fill
 *  @param version SV_ALIGN_WRITE_OPTIONS_VERSION
 *  @return SV_OK or SV_EINVAL.  Ownership: the caller owns @p opts. */
SV_API int sv_align_write_options_init(sv_align_write_options *opts,
                                       unsigned int version);

/** Write an alignment in a format (appended to @p out).
 *
 *  @param al the aligner that made @p a (language codes)
 *  @param a the alignment
 *  @param format the format
 *  @param opts options; NULL for the defaults
 *  @param[out] out buffer the output is appended to
 *  @param[out] err failure details; may be NULL
 *  @return SV_OK, SV_ENOMEM, SV_EINVAL or SV_ERROR (XML writer failure).
 *  Ownership: @p out stays the caller's. */
SV_API int sv_alignment_write(const sv_aligner *al, const sv_alignment *a,
                              sv_align_format format,
                              const sv_align_write_options *opts, sv_buf *out,
                              sv_error *err);

/** One translation unit read from a TMX, XLIFF or aligned TSV file. */
typedef struct sv_pair {
    const char *id;        /**< unit id ("" when none); borrowed */
    const char *src;       /**< source text, UTF-8; borrowed */
    size_t src_len;        /**< bytes in src */
    const char *tgt;       /**< target text; borrowed */
    size_t tgt_len;        /**< bytes in tgt */
    const char *src_lang;  /**< language code from the file, or "" */
    const char *tgt_lang;  /**< language code from the file, or "" */
    size_t line;           /**< 1-based line where the unit starts */
    size_t index;          /**< 0-based unit number */
    const char *const *langs; /**< TMX: the xml:lang of every tuv of the
                                   unit in document order ("" for a tuv
                                   without one); NULL for XLIFF and TSV;
                                   borrowed */
    size_t nlangs;         /**< entries in langs (0 when NULL) */
    const char *doc_src_lang; /**< source language the file declares (TMX
                                   header srclang, XLIFF srcLang or
                                   source-language), or "" */
    const char *doc_tgt_lang; /**< target language the file declares (XLIFF
                                   trgLang or target-language), or "" */
    size_t doc_line;       /**< line of the element declaring them, or 0 */
    size_t src_tuv;        /**< TMX: 1-based position in langs of the tuv
                                read as the source; 0 when the unit has
                                none in the source language (src is then
                                empty); 0 for XLIFF and TSV */
    size_t tgt_tuv;        /**< TMX: the same for the target */
    const char *pick_src_lang; /**< TMX: the source language tuvs are
                                   picked by (see sv_pairs_read_ext()),
                                   "" while none is known; "" for XLIFF
                                   and TSV; borrowed */
    const char *pick_tgt_lang; /**< TMX: the same for the target */
} sv_pair;

/** Callback receiving one unit from sv_pairs_read().
 *  @param pair the unit, borrowed for the duration of the call
 *  @param payload the caller's pointer
 *  @return 0 to continue, non-zero to stop (handed back). */
typedef int (*sv_pair_cb)(const sv_pair *pair, void *payload);

/** File formats sv_pairs_read() understands. */
typedef enum sv_pair_format {
    SV_PAIR_FORMAT_AUTO = 0,  /**< from the name, then the first bytes */
    SV_PAIR_FORMAT_TMX = 1,   /**< TMX 1.4 */
    SV_PAIR_FORMAT_XLIFF = 2, /**< XLIFF 1.2 or 2.0 */
    SV_PAIR_FORMAT_TSV = 3    /**< src TAB tgt [TAB ...] per line; a first
                                   line "src\ttgt..." is a header */
} sv_pair_format;

/** Options for sv_pairs_read_ext(). */
typedef struct sv_pairs_read_options {
    unsigned int version;  /**< SV_PAIRS_READ_OPTIONS_VERSION */
    sv_pair_format format; /**< the format, or SV_PAIR_FORMAT_AUTO */
    size_t max_unit;       /**< largest unit in bytes, all its text
                                (SV_ETOOBIG); 0: 16 MiB */
    const char *src_lang;  /**< TMX: language of the tuv read as the
                                source (primary subtag, any case); NULL or
                                "": the header's srclang, else the first
                                tuv's language in the first unit */
    const char *tgt_lang;  /**< TMX: language of the tuv read as the
                                target; NULL or "": the first language
                                other than the source's met in the file */
} sv_pairs_read_options;

/** Current version of sv_pairs_read_options. */
#define SV_PAIRS_READ_OPTIONS_VERSION 1
/** Static initialiser with the defaults. */
#define SV_PAIRS_READ_OPTIONS_INIT \
    {SV_PAIRS_READ_OPTIONS_VERSION, SV_PAIR_FORMAT_AUTO, 0, NULL, NULL}

/** Initialise read options to their defaults.
 *  @param[out] opts the struct to fill
 *  @param version SV_PAIRS_READ_OPTIONS_VERSION
 *  @return SV_OK or SV_EINVAL.  Ownership: the caller owns @p opts. */
SV_API int sv_pairs_read_options_init(sv_pairs_read_options *opts,
                                      unsigned int version);

/** Read translation units from a stream, one callback per unit.
 *
 *  XML is read with libxml2's streaming reader without network access,
 *  DTD loading or entity substitution; malformed XML stops with
 *  SV_EFORMAT and a message naming the line.  The stream is read in
 *  chunks; only one unit is held at a time.
 *
 *  TMX units may hold any number of tuvs (multilingual memories): the
 *  source is the first tuv in the source language and the target the
 *  first other tuv in the target language, languages compared by primary
 *  subtag, ASCII case-insensitively; tuvs in other languages are skipped.
 *  The pair is @p opts' src_lang/tgt_lang; a side not given is settled
 *  once for the whole file (source: the header's srclang, else the first
 *  tuv of the first unit; target: the first tuv in another language, in
 *  file order) and then kept, so every unit is read in one pair whatever
 *  the order of its tuvs.  A unit without a tuv in a side's language has
 *  that side empty (sv_pair::src_tuv or tgt_tuv 0).  While a side is
 *  still unknown (tuvs without codes) the first tuv is the source and the
 *  next one not in its language, else the next one, the target.  Every
 *  tuv's code is in sv_pair::langs for sv_pair_check_langs().  XLIFF and
 *  TSV units have their two sides as written.
 *
 *  @param fp the stream
 *  @param name its name for messages ("-" or a path); also used by AUTO
 *  @param opts options; NULL for the defaults
 *  @param cb called once per unit
 *  @param payload passed to @p cb
 *  @param[out] err failure details (line set); may be NULL
 *  @return the number of units, SV_EFORMAT, SV_ETOOBIG, SV_EIO,
 *  SV_ENOMEM, SV_EINVAL, or @p cb's non-zero value.
 *  Ownership: nothing is kept; @p opts' strings are borrowed for the
 *  call.  Input: invalid UTF-8 in TSV becomes U+FFFD; in XML it is a
 *  format error. */
SV_API int sv_pairs_read_ext(FILE *fp, const char *name,
                             const sv_pairs_read_options *opts,
                             sv_pair_cb cb, void *payload, sv_error *err);

/** Read translation units from a stream, one callback per unit.
 *
 *  sv_pairs_read_ext() with the given format and max_unit and no language
 *  pair (TMX sides chosen as described there).
 *
 *  @param fp the stream
 *  @param name its name for messages ("-" or a path); also used by AUTO
 *  @param format the format, or SV_PAIR_FORMAT_AUTO
 *  @param max_unit largest unit in bytes, all its text (SV_ETOOBIG); 0: 16 MiB
 *  @param cb called once per unit
 *  @param payload passed to @p cb
 *  @param[out] err failure details (line set); may be NULL
 *  @return the number of units, SV_EFORMAT, SV_ETOOBIG, SV_EIO,
 *  SV_ENOMEM, or @p cb's non-zero value.
 *  Ownership: nothing is kept.  Input: invalid UTF-8 in TSV becomes
 *  U+FFFD; in XML it is a format error. */
SV_API int sv_pairs_read(FILE *fp, const char *name, sv_pair_format format,
                         size_t max_unit, sv_pair_cb cb, void *payload,
                         sv_error *err);

/** Check a unit's language codes against the pair the caller expects.
 *
 *  Codes match by primary subtag, ASCII case-insensitively ("en-US" is
 *  "en", "ru_RU" is "ru").  Each problem is one flag with code "language"
 *  and severity error: on the first unit (index 0) only, the file
 *  declaring another source or target language than expected (naming the
 *  declaring line); a tuv without a language code; two tuvs in one
 *  language of the pair (in any language while a side is not given);
 *  and, when none of those was found, no tuv in the source or target
 *  language (naming the languages the unit has).  Tuvs in languages
 *  outside a given pair are not flagged: a multilingual memory holds
 *  them by design, and sv_pairs_read_ext() skips them.  Units without
 *  per-variant codes (XLIFF, TSV) get the file-level check only.
 *
 *  @param pair the unit, as sv_pairs_read() delivered it
 *  @param src_lang expected source language; NULL or "" skips that side
 *  @param tgt_lang expected target language; NULL or "" skips that side
 *  @param cb called once per flag (the flag's message is borrowed for the
 *  call)
 *  @param payload passed to @p cb
 *  @return the number of flags, SV_EINVAL, or @p cb's non-zero value.
 *  Ownership: nothing is kept.  Input: codes are ASCII; other bytes
 *  compare as themselves. */
SV_API int sv_pair_check_langs(const sv_pair *pair, const char *src_lang,
                               const char *tgt_lang, sv_align_flag_cb cb,
                               void *payload);

/** Name of a severity: "info", "warning", "error".
 *  @param sev the severity
 *  @return static text ("none" for anything else).  Ownership: static. */
SV_API const char *sv_severity_name(int sev);

/** Severity from its name ("info", "warning", "error").
 *  @param name the name
 *  @param[out] out the severity
 *  @return SV_OK or SV_EINVAL.  Ownership: nothing is kept. */
SV_API int sv_severity_from_name(const char *name, sv_severity *out);

SV_END_DECL

#endif /* SV_ALIGN_H */
