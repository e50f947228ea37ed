/* SPDX-License-Identifier: MIT */
/*
 * The one word tokenizer of the library: words, numbers, punctuation and
 * spaces over UTF-8 with byte offsets, allocation-free (the iterator lives
 * on the caller's stack), with an ASCII fast path.  Also the number
 * normaliser ("10 000" = "10,000" = "10000") and month names for dates.
 */
#ifndef SV_LANG_TOKEN_H
#define SV_LANG_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "lang/script.h"

typedef enum sv__tok_kind {
    SV__TOK_WORD = 1,   /* letters (any script), digits inside, internal
                           apostrophes and hyphens: "don't",
                           "пресс-секретарь", "Peskov's", "COVID-19", "G7" */
    SV__TOK_NUMBER = 2, /* "2022", "8.4", "1,5", "146 000 000",
                           "146,000,000", "16.02.2022", "16-го", "5th" */
    SV__TOK_PUNCT = 3,  /* one punctuation code point; runs of the same
                           ASCII mark ("...", "--", "!!") are one token */
    SV__TOK_SPACE = 4,  /* a run of white space (incl. NBSP, line breaks) */
    SV__TOK_SYMBOL = 5, /* one symbol: "%", "$", "€", "+", "№", "©" */
    SV__TOK_OTHER = 6   /* controls, invalid UTF-8 (one maximal invalid
                           subpart), unassigned, private use */
} sv__tok_kind;

/* Token flags. */
enum {
    SV__TOKF_CAP = 1u << 0,        /* word: first letter uppercase */
    SV__TOKF_ALLCAPS = 1u << 1,    /* word: >= 2 cased letters, all upper */
    SV__TOKF_DIGIT = 1u << 2,      /* has a digit ("G7", every NUMBER) */
    SV__TOKF_MIXED = 1u << 3,      /* word: letters of 2+ scripts, e.g.
                                      Latin+Cyrillic homoglyph "Pоссия" */
    SV__TOKF_SENT_START = 1u << 4, /* first word/number of a sentence, as
                                      far as the tokenizer knows: start
                                      of text or after . ! ? (+ closing
                                      quotes/brackets) and space */
    SV__TOKF_ASCII = 1u << 5,      /* every byte of the token is ASCII */
    SV__TOKF_LATIN = 1u << 6,      /* word: has Latin letters */
    SV__TOKF_CYRILLIC = 1u << 7,   /* word: has Cyrillic letters */
    SV__TOKF_HYPHEN = 1u << 8,     /* word: internal hyphen */
    SV__TOKF_APOS = 1u << 9,       /* word: internal apostrophe */
    SV__TOKF_SUFFIX = 1u << 10,    /* number: letter suffix ("16-го",
                                      "5th", "1990-х") */
    SV__TOKF_NEWLINE = 1u << 11,   /* space: contains a line break */
    SV__TOKF_PARA = 1u << 12,      /* space: contains a blank line */
    SV__TOKF_GROUPED = 1u << 13,   /* number: thousands separators */
    SV__TOKF_DECIMAL = 1u << 14,   /* number: one decimal point/comma */
    SV__TOKF_OPEN = 1u << 15,      /* punct: opening bracket or quote */
    SV__TOKF_CLOSE = 1u << 16      /* punct: closing bracket or quote */
};

typedef struct sv__token {
    size_t start, end;   /* byte offsets into the text */
    sv__tok_kind kind;
    unsigned flags;      /* SV__TOKF_* */
    sv__script script;   /* WORD: dominant letter script; else COMMON */
    uint32_t cp;         /* PUNCT/SYMBOL: the (first) code point; else 0 */
} sv__token;

/* Options for sv__tok_init(). */
enum {
    SV__TOK_SKIP_SPACE = 1u << 0 /* do not return SPACE tokens */
};

/* The iterator: plain data, no allocation, no cleanup. */
typedef struct sv__tokenizer {
    const char *text;
    size_t len;
    size_t pos;
    unsigned opts;
    int sent_start;  /* the next word/number starts a sentence */
    int after_stop;  /* saw . ! ? (+closers), waiting for a space */
} sv__tokenizer;

void sv__tok_init(sv__tokenizer *t, const char *text, size_t len,
                  unsigned opts);
/* 1 and *out filled, or 0 at the end.  Never fails: every byte of the
 * text belongs to exactly one token, in order (with SKIP_SPACE, every
 * byte outside space tokens).
 *
 * Decisions:
 *  - the possessive does NOT split: "Peskov’s" is one WORD; callers that
 *    want the name use sv__tok_possessive_len() to strip "'s"/"’s"/"’".
 *  - a trailing apostrophe ("the States'") is not part of the word.
 *  - hyphens (-, U+2010, U+2011) join letters/digits on both sides
 *    ("пресс-секретарь", "COVID-19"); a dash (U+2013, U+2014) never does.
 *  - numbers: digit groups joined by space/NBSP/U+202F/U+2009 are one
 *    number only when every later group has exactly 3 digits and the
 *    first has 1-3 ("146 000 000", not "2022 100"); "," and "." join
 *    digits ("146,000,000", "8.4", "1,5", "16.02.2022"), a trailing one
 *    does not ("in 2022."); "-го"/"-х"/"-th" letters after a number and
 *    hyphen, or st/nd/rd/th right after digits, are its SUFFIX; other
 *    letters right after digits make a WORD ("5G", "3D").
 *  - signs are separate PUNCT/SYMBOL tokens ("-5" = "-" "5"). */
int sv__tok_next(sv__tokenizer *t, sv__token *out);

/* Bytes of a possessive ending of a WORD ("'s", "’s", or a final "’"
 * after s was not included) to strip, or 0. */
size_t sv__tok_possessive_len(const char *text, const sv__token *tok);

/* Canonical form of a NUMBER token (or any digits string) for comparing
 * numbers across languages: thousands separators removed, decimal mark
 * '.', suffix dropped, leading zeros of the integer part kept as is.
 * "10 000", "10,000", "10000" -> "10000"; "8,4" -> "8.4"; "16-го" -> "16";
 * "16.02.2022" -> "16.02.2022" (dotted dates are kept).  The ambiguous
 * "1,500" is 1500 unless lang is SV__LANGID_RU/UK/BG/SR (then 1.5); "1.500"
 * is 1.5 unless lang is ru/uk/bg/sr (then 1500).  Writes a NUL-terminated
 * string into out[out_size]; returns its length, or -1 when text is not a
 * number or out is too small (64 bytes always suffice for tokens up to 60
 * bytes).  *value (may be NULL) gets the numeric value (NAN for dotted
 * dates). */
int sv__number_canon(const char *text, size_t len, sv__langid lang,
                     char *out, size_t out_size, double *value);

/* Month number 1..12 of an English or Russian month name in any case and
 * inflection ("February", "Feb", "Feb.", "февраля", "феврале", "февр."),
 * or 0.  Lowercase "may" and "march" are verbs, not months. */
int sv__month_of(const char *word, size_t len);

/* A calendar date found in text; unknown parts are 0. */
typedef struct sv__date {
    size_t start, end; /* bytes of the whole expression */
    int year;          /* 1000..2999, or 0 */
    int month;         /* 1..12 (always known) */
    int day;           /* 1..31, or 0 */
} sv__date;

/* Find the next date at or after *pos: "16 февраля 2022", "16-го
 * февраля", "February 16, 2022", "16 February", "Feb. 16", "феврале 2022",
 * "February 2022", "16.02.2022", "2022-02-16".  Returns 1 with *out filled
 * and *pos moved past it, or 0 when there is none.  Allocation-free. */
int sv__date_find(const char *text, size_t len, size_t *pos, sv__date *out);

/* 1 when two dates can be the same day: equal months, and equal days and
 * years wherever both sides know them ("16 февраля" ~ "February 16,
 * 2022"). */
int sv__date_match(const sv__date *a, const sv__date *b);

#endif
