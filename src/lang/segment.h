/* SPDX-License-Identifier: MIT */
/*
 * Sentence segmentation (the library's only one): ICU's sentence break
 * iterator over UText (native indexes are UTF-8 byte offsets, STYLE U3)
 * with "@ss=standard" abbreviation suppressions, corrected by the
 * project's rules (Russian and English abbreviations, initials, quotes and
 * brackets, numbered lists, glued sentences, paragraphs).  A segmenter is
 * used by one thread at a time (ICU break iterators are not thread-safe).
 */
#ifndef SV_LANG_SEGMENT_H
#define SV_LANG_SEGMENT_H

#include <stddef.h>

#include "sverka/errors.h"
#include "sverka/segment.h"

/* The internal handle is the public one (sv_segmenter wraps nothing). */
typedef struct sv_segmenter sv__segmenter;

/* Flags of a sentence. */
#define SV__SENT_PARA_START SV_SENTENCE_PARAGRAPH_START /* first sentence of
                            a paragraph (text start or after a blank line) */
#define SV__SENT_GLUED SV_SENTENCE_GLUED /* starts inside a glued token
                                            ("developments.Touching") */

/* One sentence: [start, end) in bytes, trimmed of surrounding white
 * space (never empty): the public sv_sentence. */
typedef sv_sentence sv__sentence;

/* Options for sv__segmenter_new(). */
enum {
    SV__SEG_NO_PARAGRAPHS = 1u << 0, /* blank lines are not hard breaks */
    SV__SEG_NO_GLUED = 1u << 1,      /* do not split glued sentences */
    SV__SEG_LINES = 1u << 2          /* every line break is a hard break
                                        (presegmented input) */
};

typedef struct sv__segmenter_opts {
    const char *lang;      /* "ru", "en", or any ICU locale id ("de",
                              "fr_FR"); NULL or "" or "und" = root rules.
                              "@ss=standard" is added by the segmenter. */
    unsigned flags;        /* SV__SEG_* */
    /* Extra abbreviations (the dicts/abbrev_*.txt file contents: one per
     * line, '#' comments, with or without the final period), added to
     * the built-in lists.  Both may be NULL; the data is copied. */
    const char *abbrev_en;
    size_t abbrev_en_len;
    const char *abbrev_ru;
    size_t abbrev_ru_len;
} sv__segmenter_opts;

/* Create a segmenter.  Both the English and the Russian abbreviation
 * rules are always active (mixed text is common); lang selects ICU's
 * locale rules.  For languages other than ru, en and root the project
 * only vetoes ICU's boundaries and adds line-break and glued ones; it
 * proposes no ". Upper" boundaries of its own (German "am 3. Oktober").  SV_OK, SV_ENOMEM, SV_EINVAL or SV_ERROR (ICU failure,
 * message in err). */
int sv__segmenter_new(sv__segmenter **out, const sv__segmenter_opts *opts,
                      sv_error *err);
void sv__segmenter_free(sv__segmenter *s);

/* Load "abbrev_en.txt"/"abbrev_ru.txt" from a directory into the
 * segmenter (a missing file is not an error).  SV_OK, SV_ENOMEM, SV_EIO. */
int sv__segmenter_load_abbrevs(sv__segmenter *s, const char *dicts_dir);

/* Split text into sentences.  *sents points into the segmenter's own
 * array, valid until the next split or free; *n is its length.  Invalid
 * UTF-8 is tolerated (ICU reads it as U+FFFD; offsets stay bytes).
 * SV_OK, SV_ENOMEM, SV_ETOOBIG (over 2 GiB) or SV_ERROR (ICU failure;
 * sv__segmenter_errmsg() says which). */
int sv__segmenter_split(sv__segmenter *s, const char *text, size_t len,
                        const sv__sentence **sents, size_t *n);

/* Message of the last failure (static-lifetime until the next call). */
const char *sv__segmenter_errmsg(const sv__segmenter *s);

/* 1 if the word ending at a period is a known abbreviation (word given
 * without the period: "т.е", "г", "Mr", "U.S"), case-sensitive for
 * single letters and case-insensitive otherwise.  Exposed so other
 * modules ask the same lists. */
int sv__segmenter_is_abbrev(const sv__segmenter *s, const char *word,
                            size_t len);

/* Abbreviation lookup for sv__glued_end(): 1 if word (without its final
 * period) is an abbreviation. */
typedef int (*sv__abbrev_fn)(void *ctx, const char *word, size_t len);

/* The glued-sentence rule, shared so that the normalizer's glued step and
 * the segmenter can agree: text[i] is '.', '!' or '?' with no space
 * before the next sentence ("developments.Touching", "mark”.He",
 * "пятницу.Стороны", "US.“But").  Returns the offset where the new
 * sentence starts (after closing quotes), or 0 when this is not a glued
 * end: an abbreviation (is_abbrev, may be NULL), an initial or dotted
 * word ("В.В.Путин", "U.S.Navy"), a lowercase or digit continuation
 * (decimals, domains, versions, dates), a TLD-like or short all-caps
 * tail ("Lenta.Ru", "ASP.NET"), a dotted identifier, or a code-like
 * token.  No allocation, no ICU. */
size_t sv__glued_end(const char *text, size_t len, size_t i,
                     sv__abbrev_fn is_abbrev, void *ctx);

#endif
