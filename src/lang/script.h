/* SPDX-License-Identifier: MIT */
/*
 * Script and character class of code points, script runs over UTF-8 text,
 * letter counts per script and a short-span language guess (ru, uk, bg, sr,
 * en).  Tables cover ASCII, Latin, Cyrillic, Greek, CJK and Kana without
 * ICU; ICU (uscript_getScript, u_charType) answers only for rare code points.
 */
#ifndef SV_LANG_SCRIPT_H
#define SV_LANG_SCRIPT_H

#include <stddef.h>
#include <stdint.h>

/* Scripts we tell apart.  Values are stable indexes into count arrays. */
typedef enum sv__script {
    SV__SCRIPT_COMMON = 0,    /* digits, punctuation, spaces, symbols */
    SV__SCRIPT_INHERITED = 1, /* combining marks: take the base's script */
    SV__SCRIPT_LATIN = 2,
    SV__SCRIPT_CYRILLIC = 3,
    SV__SCRIPT_GREEK = 4,
    SV__SCRIPT_HAN = 5,
    SV__SCRIPT_HIRAGANA = 6,
    SV__SCRIPT_KATAKANA = 7,
    SV__SCRIPT_HANGUL = 8,
    SV__SCRIPT_ARABIC = 9,
    SV__SCRIPT_HEBREW = 10,
    SV__SCRIPT_OTHER = 11,   /* any other assigned script */
    SV__SCRIPT_UNKNOWN = 12  /* unassigned (U+FFFD and invalid UTF-8 are
                                COMMON) */
} sv__script;
#define SV__SCRIPT_COUNT 13

/* General character class, coarser than the Unicode general category. */
typedef enum sv__cclass {
    SV__CC_OTHER = 0,  /* controls, unassigned, U+FFFD, private use */
    SV__CC_LETTER = 1, /* L* (incl. U+30FC KATAKANA-HIRAGANA PROLONGED SOUND
                          MARK, which Unicode classes as Lm) */
    SV__CC_MARK = 2,   /* M*: combining marks */
    SV__CC_DIGIT = 3,  /* Nd */
    SV__CC_SPACE = 4,  /* Zs, Zl, Zp, TAB, LF, CR, VT, FF */
    SV__CC_PUNCT = 5,  /* P* */
    SV__CC_SYMBOL = 6  /* S*, No, Nl */
} sv__cclass;

/* Script of one code point (ICU only outside the built-in ranges).
 * Deviation from Unicode: U+30FC (Script=Common) is Katakana here, so the
 * "ー" that Chinese/Japanese-sourced English uses as a dash shows up as a
 * foreign run instead of vanishing into its neighbours. */
sv__script sv__script_of(uint32_t cp);
/* Class of one code point (ICU only outside the built-in ranges). */
sv__cclass sv__cclass_of(uint32_t cp);
/* Decode the code point at text[pos] (pos < len) into *cp and return its
 * byte length; an invalid sequence gives U+FFFD and the length of its
 * maximal invalid subpart.  ASCII costs one comparison. */
size_t sv__cp_next(const char *text, size_t len, size_t pos, uint32_t *cp);
/* Lowercase ASCII name: "Latin", "Cyrillic", "Common", ... (static). */
const char *sv__script_name(sv__script s);

/* One script run: [start, end) covers the run including the COMMON and
 * INHERITED characters attached to it; [letter_start, letter_end) spans
 * its first to last letter (equal to start when the run has none). */
typedef struct sv__script_run {
    size_t start, end;
    size_t letter_start, letter_end;
    sv__script script;
    uint32_t letters; /* number of letters (code points) in the run */
} sv__script_run;

/* Allocation-free run iterator; lives on the caller's stack.
 *
 * Attachment (in the spirit of UAX #24 and ICU's usc run iterator): COMMON
 * and INHERITED characters continue the current run; leading ones join
 * the first strong run; a closing bracket takes the script of its opening
 * bracket (so "the talks [переговоры] went" gives Latin "the talks [",
 * Cyrillic "переговоры", Latin "] went"); a text with no letters is one
 * COMMON run.  Invalid UTF-8 bytes behave as COMMON: they never start or
 * break a run.  Brackets nested deeper than 32 are treated as plain
 * COMMON characters. */
typedef struct sv__script_iter {
    const char *text;
    size_t len;
    size_t pos;
    /* bracket stack: script in effect at each open bracket */
    uint32_t open_cp[32];
    uint8_t open_script[32];
    unsigned depth;
    uint8_t next_script; /* script of a closer that ended the last run */
    uint8_t closer_done; /* that closer was already matched */
} sv__script_iter;

void sv__script_iter_init(sv__script_iter *it, const char *text, size_t len);
/* 1 and *out filled, or 0 at the end of the text. */
int sv__script_iter_next(sv__script_iter *it, sv__script_run *out);

/* Letter counts of a span. */
typedef struct sv__script_counts {
    uint32_t n[SV__SCRIPT_COUNT]; /* letters per script */
    uint32_t letters;             /* all letters */
    uint32_t digits;
    uint32_t cps;                 /* all code points */
} sv__script_counts;

void sv__script_count(const char *text, size_t len, sv__script_counts *out);
/* The script holding at least share (0..1] of the letters, or
 * SV__SCRIPT_COMMON when none does or there are no letters. */
sv__script sv__script_dominant(const sv__script_counts *c, double share);
/* 1 if at least share of the letters of text are in script s (0 when the
 * text has no letters).  ASCII fast path; stops early once decided. */
int sv__script_is_mostly(const char *text, size_t len, sv__script s,
                         double share);

/* Languages the short-span guesser can name. */
typedef enum sv__langid {
    SV__LANGID_UND = 0,
    SV__LANGID_EN = 1,
    SV__LANGID_RU = 2,
    SV__LANGID_UK = 3,
    SV__LANGID_BG = 4,
    SV__LANGID_SR = 5
} sv__langid;

/* "und", "en", "ru", "uk", "bg", "sr" (static). */
const char *sv__langid_code(sv__langid id);

/* Guess the language of a short span (a bracket, a sentence) from its
 * letters alone.  Heuristics (script.c): a span whose letters are >= 60%
 * Latin is "en" (no other Latin-script language is modelled); >= 60%
 * Cyrillic is scored for ru/uk/bg/sr by alphabet-specific letters (і ї є
 * ґ: uk; ђ ћ љ њ џ ј: sr; ы э ё, and ъ before е ё ю я: ru; ъ before a
 * consonant or ending a word: bg), free-standing function words (ще, се,
 * е, това, със, във: bg; что, это, был: ru; що, це, як: uk) and the
 * Bulgarian article "-ът"; with no evidence at all it is "ru" (the
 * Cyrillic language of our inputs) at confidence <= 0.6.  Anything else
 * (no letters, mixed scripts, other scripts) is "und".  *confidence (may
 * be NULL) gets 0..1, lower for spans under 20 letters. */
sv__langid sv__lang_guess(const char *text, size_t len, double *confidence);

#endif
