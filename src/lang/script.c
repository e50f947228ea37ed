/* SPDX-License-Identifier: MIT */
/*
 * Script and class of code points from built-in ranges (ASCII, Latin,
 * Cyrillic, Greek, CJK, Kana, Hangul, general punctuation), with ICU's
 * uscript_getScript/u_charType only for code points outside them; script
 * runs with UAX #24-style attachment of COMMON characters; letter counts;
 * and the short-span language guess for ru/uk/bg/sr/en.
 */
#include "lang/script.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "base/utf8.h"
#include "lang/wordcase.h"

/* ---- classes ---------------------------------------------------------- */

/* ASCII classes: L letter, D digit, S space, P punct, Y symbol, O other. */
static const char ASCII_CLASS[128] =
    "OOOOOOOOOSSSSSOOOOOOOOOOOOOOOOOO"  /* 0x00-0x1F */
    "SPPPYPPPPPPYPPPPDDDDDDDDDDPPYYYP"  /* 0x20-0x3F */
    "PLLLLLLLLLLLLLLLLLLLLLLLLLLPPPYP"  /* 0x40-0x5F */
    "YLLLLLLLLLLLLLLLLLLLLLLLLLLPYPYO"; /* 0x60-0x7F */

/* Latin-1 supplement 0xA0-0xBF. */
static const char LATIN1_CLASS[32] = "SPYYYYYPYYLPYOYY" "YYYYYLPPYYLPYYYP";

static sv__cclass class_letter(char c)
{
    switch (c) {
    case 'L': return SV__CC_LETTER;
    case 'D': return SV__CC_DIGIT;
    case 'S': return SV__CC_SPACE;
    case 'P': return SV__CC_PUNCT;
    case 'Y': return SV__CC_SYMBOL;
    default: return SV__CC_OTHER;
    }
}

static sv__cclass icu_class(uint32_t cp)
{
    switch (u_charType((UChar32)cp)) {
    case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER: case U_MODIFIER_LETTER: case U_OTHER_LETTER:
        return SV__CC_LETTER;
    case U_NON_SPACING_MARK: case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
        return SV__CC_MARK;
    case U_DECIMAL_DIGIT_NUMBER:
        return SV__CC_DIGIT;
    case U_SPACE_SEPARATOR: case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
        return SV__CC_SPACE;
    case U_DASH_PUNCTUATION: case U_START_PUNCTUATION:
    case U_END_PUNCTUATION: case U_CONNECTOR_PUNCTUATION:
    case U_OTHER_PUNCTUATION: case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
        return SV__CC_PUNCT;
    case U_MATH_SYMBOL: case U_CURRENCY_SYMBOL: case U_MODIFIER_SYMBOL:
    case U_OTHER_SYMBOL: case U_LETTER_NUMBER: case U_OTHER_NUMBER:
        return SV__CC_SYMBOL;
    default:
        return SV__CC_OTHER;
    }
}

static sv__cclass general_punct_class(uint32_t cp)
{
    if (cp <= 0x200A || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
        cp == 0x205F)
        return SV__CC_SPACE;
    if (cp <= 0x200F || (cp >= 0x202A && cp <= 0x202E) || cp >= 0x2060)
        return SV__CC_OTHER;
    if (cp == 0x2044 || cp == 0x2052)
        return SV__CC_SYMBOL;
    return SV__CC_PUNCT;
}

static sv__cclass greek_class(uint32_t cp)
{
    if (cp == 0x374 || cp == 0x375 || cp == 0x384 || cp == 0x385 || cp == 0x3F6)
        return SV__CC_SYMBOL;
    if (cp == 0x37E || cp == 0x387)
        return SV__CC_PUNCT;
    if ((cp >= 0x378 && cp <= 0x383) || cp == 0x38B ||
        cp == 0x38D || cp == 0x3A2)
        return icu_class(cp);
    return SV__CC_LETTER;
}

sv__cclass sv__cclass_of(uint32_t cp)
{
    if (cp < 0x80)
        return class_letter(ASCII_CLASS[cp]);
    if (cp < 0xA0)
        return SV__CC_OTHER;
    if (cp < 0xC0)
        return class_letter(LATIN1_CLASS[cp - 0xA0]);
    if (cp < 0x250)
        return (cp == 0xD7 || cp == 0xF7) ? SV__CC_SYMBOL : SV__CC_LETTER;
    if (cp >= 0x300 && cp <= 0x36F)
        return SV__CC_MARK;
    if (cp >= 0x370 && cp <= 0x3FF)
        return greek_class(cp);
    if (cp >= 0x400 && cp <= 0x52F) {
        if (cp == 0x482)
            return SV__CC_SYMBOL;
        return (cp >= 0x483 && cp <= 0x489) ? SV__CC_MARK : SV__CC_LETTER;
    }
    if (cp >= 0x1E00 && cp <= 0x1EFF)
        return SV__CC_LETTER;
    if (cp >= 0x2000 && cp <= 0x206F)
        return general_punct_class(cp);
    if (cp == 0x3000)
        return SV__CC_SPACE;
    if ((cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30A1 && cp <= 0x30FA) ||
        cp == 0x30FC || (cp >= 0x4E00 && cp <= 0x9FFF) ||
        (cp >= 0xAC00 && cp <= 0xD7A3))
        return SV__CC_LETTER;
    if (cp == 0x30FB)
        return SV__CC_PUNCT;
    if (cp == 0xFFFD)
        return SV__CC_OTHER;
    return icu_class(cp);
}

/* ---- scripts ---------------------------------------------------------- */

static sv__script icu_script(uint32_t cp)
{
    UErrorCode st = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript((UChar32)cp, &st);

    if (U_FAILURE(st))
        return SV__SCRIPT_UNKNOWN;
    switch (sc) {
    case USCRIPT_COMMON: return SV__SCRIPT_COMMON;
    case USCRIPT_INHERITED: return SV__SCRIPT_INHERITED;
    case USCRIPT_LATIN: return SV__SCRIPT_LATIN;
    case USCRIPT_CYRILLIC: return SV__SCRIPT_CYRILLIC;
    case USCRIPT_GREEK: return SV__SCRIPT_GREEK;
    case USCRIPT_HAN: return SV__SCRIPT_HAN;
    case USCRIPT_HIRAGANA: return SV__SCRIPT_HIRAGANA;
    case USCRIPT_KATAKANA: return SV__SCRIPT_KATAKANA;
    case USCRIPT_HANGUL: return SV__SCRIPT_HANGUL;
    case USCRIPT_ARABIC: return SV__SCRIPT_ARABIC;
    case USCRIPT_HEBREW: return SV__SCRIPT_HEBREW;
    case USCRIPT_UNKNOWN: return SV__SCRIPT_UNKNOWN;
    default: return SV__SCRIPT_OTHER;
    }
}

/* Code points whose script the tables below answer; others ask ICU. */
static int cjk_script(uint32_t cp, sv__script *out)
{
    if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
        (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF))
        *out = SV__SCRIPT_HAN;
    else if (cp >= 0x3041 && cp <= 0x3096)
        *out = SV__SCRIPT_HIRAGANA;
    else if ((cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC ||
             (cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0xFF71 && cp <= 0xFF9D))
        *out = SV__SCRIPT_KATAKANA; /* U+30FC: Kana here, see script.h */
    else if ((cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF))
        *out = SV__SCRIPT_HANGUL;
    else if ((cp >= 0x3000 && cp <= 0x3004) || (cp >= 0x3008 && cp <= 0x3020))
        *out = SV__SCRIPT_COMMON;
    else
        return 0;
    return 1;
}

sv__script sv__script_of(uint32_t cp)
{
    sv__script s;

    if (cp < 0x80)
        return ASCII_CLASS[cp] == 'L' ? SV__SCRIPT_LATIN : SV__SCRIPT_COMMON;
    if (cp < 0x250) {
        if (cp == 0xAA || cp == 0xBA || (cp >= 0xC0 && cp != 0xD7 &&
                                          cp != 0xF7))
            return SV__SCRIPT_LATIN;
        return SV__SCRIPT_COMMON;
    }
    if (cp >= 0x300 && cp <= 0x36F)
        return SV__SCRIPT_INHERITED;
    if (cp >= 0x400 && cp <= 0x52F)
        return (cp >= 0x485 && cp <= 0x486) ? SV__SCRIPT_INHERITED
                                             : SV__SCRIPT_CYRILLIC;
    if (cp >= 0x370 && cp <= 0x3FF && greek_class(cp) == SV__CC_LETTER &&
        cp != 0x37A)
        return (cp >= 0x3E2 && cp <= 0x3EF) ? SV__SCRIPT_OTHER /* Coptic */
                                             : SV__SCRIPT_GREEK;
    if (cp >= 0x1E00 && cp <= 0x1EFF)
        return SV__SCRIPT_LATIN;
    if (cp >= 0x1F00 && cp <= 0x1FFF && sv__cclass_of(cp) == SV__CC_LETTER)
        return SV__SCRIPT_GREEK;
    if (cp >= 0x2000 && cp <= 0x206F)
        return (cp == 0x200C || cp == 0x200D) ? SV__SCRIPT_INHERITED
                                              : SV__SCRIPT_COMMON;
    if (cp == 0xFFFD)
        return SV__SCRIPT_COMMON;
    if ((cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A))
        return SV__SCRIPT_LATIN;
    if ((cp >= 0xFF01 && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
        (cp >= 0xFF5B && cp <= 0xFF65))
        return SV__SCRIPT_COMMON;
    if (cjk_script(cp, &s))
        return s;
    if (cp >= 0x1C80 && cp <= 0x1C8F)
        return SV__SCRIPT_CYRILLIC;
    return icu_script(cp);
}

const char *sv__script_name(sv__script s)
{
    static const char *const NAMES[SV__SCRIPT_COUNT] = {
        "Common", "Inherited", "Latin", "Cyrillic", "Greek", "Han",
        "Hiragana", "Katakana", "Hangul", "Arabic", "Hebrew", "Other",
        "Unknown"};

    return (unsigned)s < SV__SCRIPT_COUNT ? NAMES[s] : "Unknown";
}

/* ---- runs ------------------------------------------------------------- */

size_t sv__cp_next(const char *text, size_t len, size_t pos, uint32_t *cp)
{
    int32_t c;
    size_t n;

    if ((unsigned char)text[pos] < 0x80) {
        *cp = (unsigned char)text[pos];
        return 1;
    }
    n = sv__utf8_decode((const unsigned char *)text + pos, len - pos, &c);
    *cp = c < 0 ? SV_REPLACEMENT_CHAR : (uint32_t)c;
    return n;
}

/* Paired brackets and quotes: 1 opening, 2 closing, 0 neither.  The
 * straight double quote and U+201C are resolved against the stack. */
static int bracket_kind(uint32_t cp)
{
    switch (cp) {
    case '(': case '[': case '{': case 0xAB: case 0x2018: case 0x201E:
    case 0x2039: case 0x3008: case 0x300A: case 0x300C: case 0x300E:
    case 0x3010: case 0x3014: case 0xFF08: case 0xFF3B: case 0xFF5B:
        return 1;
    case ')': case ']': case '}': case 0xBB: case 0x2019: case 0x201D:
    case 0x203A: case 0x3009: case 0x300B: case 0x300D: case 0x300F:
    case 0x3011: case 0x3015: case 0xFF09: case 0xFF3D: case 0xFF5D:
        return 2;
    case '"': case 0x201C:
        return 3;
    default:
        return 0;
    }
}

static int pairs_with(uint32_t open, uint32_t close)
{
    switch (close) {
    case ')': return open == '(';
    case ']': return open == '[';
    case '}': return open == '{';
    case 0xBB: return open == 0xAB;
    case 0x2019: return open == 0x2018;
    case 0x201D: return open == 0x201C || open == 0x201E;
    case 0x201C: return open == 0x201E;
    case '"': return open == '"';
    case 0x203A: return open == 0x2039;
    case 0xFF09: return open == 0xFF08;
    case 0xFF3D: return open == 0xFF3B;
    case 0xFF5D: return open == 0xFF5B;
    default: return close >= 0x3009 && close <= 0x3015 && open == close - 1;
    }
}

void sv__script_iter_init(sv__script_iter *it, const char *text, size_t len)
{
    it->text = text;
    it->len = text ? len : 0;
    it->pos = 0;
    it->depth = 0;
    it->next_script = SV__SCRIPT_COMMON;
    it->closer_done = 0;
}

/* Index of the stack entry a closer matches, or -1. */
static int find_opener(const sv__script_iter *it, uint32_t cp)
{
    unsigned k = it->depth;

    while (k > 0) {
        k--;
        if (pairs_with(it->open_cp[k], cp))
            return (int)k;
    }
    return -1;
}

/* A bracket at the current position: returns the script it takes when
 * it closes a pair (COMMON otherwise) and updates the stack. */
static sv__script bracket_step(sv__script_iter *it, uint32_t cp,
                               sv__script current)
{
    int kind = bracket_kind(cp), k;

    if (kind == 0)
        return SV__SCRIPT_COMMON;
    if (kind >= 2 && (k = find_opener(it, cp)) >= 0) {
        it->depth = (unsigned)k;
        return (sv__script)it->open_script[k];
    }
    if (kind == 2)
        return SV__SCRIPT_COMMON; /* unmatched closer */
    if (it->depth < sizeof(it->open_cp) / sizeof(it->open_cp[0])) {
        it->open_cp[it->depth] = cp;
        it->open_script[it->depth] = (uint8_t)current;
        it->depth++;
    }
    return SV__SCRIPT_COMMON;
}

/* The run's script became known: brackets opened earlier in the run
 * (while it was still COMMON) take it too. */
static void resolve_pending(sv__script_iter *it, sv__script s)
{
    unsigned k = it->depth;

    while (k > 0 && it->open_script[k - 1] == SV__SCRIPT_COMMON)
        it->open_script[--k] = (uint8_t)s;
}

static int is_strong(sv__script s)
{
    return s != SV__SCRIPT_COMMON && s != SV__SCRIPT_INHERITED;
}

int sv__script_iter_next(sv__script_iter *it, sv__script_run *out)
{
    size_t pos = it->pos;
    sv__script cur = (sv__script)it->next_script;

    if (pos >= it->len)
        return 0;
    out->start = pos;
    out->letters = 0;
    out->letter_start = out->letter_end = pos;
    it->next_script = SV__SCRIPT_COMMON;
    while (pos < it->len) {
        uint32_t cp;
        size_t n = sv__cp_next(it->text, it->len, pos, &cp);
        sv__script sc = sv__script_of(cp);

        if (!is_strong(sc)) {
            /* the closer that ended the last run was already matched */
            sc = it->closer_done ? SV__SCRIPT_COMMON
                                 : bracket_step(it, cp, cur);
            it->closer_done = 0;
            if (is_strong(sc) && is_strong(cur) && sc != cur) {
                if (pos > out->start) {
                    it->next_script = (uint8_t)sc; /* closer starts a run */
                    it->closer_done = 1;
                    break;
                }
                cur = sc;
            }
            if (is_strong(sc) && !is_strong(cur)) {
                cur = sc;
                resolve_pending(it, cur);
            }
        } else {
            if (is_strong(cur) && sc != cur)
                break;
            if (!is_strong(cur)) {
                cur = sc;
                resolve_pending(it, cur);
            }
            if (sv__cclass_of(cp) == SV__CC_LETTER) {
                if (out->letters++ == 0)
                    out->letter_start = pos;
                out->letter_end = pos + n;
            }
        }
        pos += n;
    }
    out->end = pos;
    out->script = cur;
    it->pos = pos;
    return 1;
}

/* ---- counts ----------------------------------------------------------- */

void sv__script_count(const char *text, size_t len, sv__script_counts *out)
{
    size_t pos = 0, k;

    for (k = 0; k < SV__SCRIPT_COUNT; k++)
        out->n[k] = 0;
    out->letters = out->digits = out->cps = 0;
    while (pos < len) {
        unsigned char c = (unsigned char)text[pos];
        uint32_t cp;

        out->cps++;
        if (c < 0x80) {
            char k2 = ASCII_CLASS[c];

            if (k2 == 'L') {
                out->n[SV__SCRIPT_LATIN]++;
                out->letters++;
            } else if (k2 == 'D') {
                out->digits++;
            }
            pos++;
            continue;
        }
        pos += sv__cp_next(text, len, pos, &cp);
        switch (sv__cclass_of(cp)) {
        case SV__CC_LETTER:
            out->n[sv__script_of(cp)]++;
            out->letters++;
            break;
        case SV__CC_DIGIT:
            out->digits++;
            break;
        default:
            break;
        }
    }
}

sv__script sv__script_dominant(const sv__script_counts *c, double share)
{
    unsigned k;

    if (c->letters == 0)
        return SV__SCRIPT_COMMON;
    for (k = 0; k < SV__SCRIPT_COUNT; k++)
        if (c->n[k] > 0 && (double)c->n[k] >= share * (double)c->letters)
            return (sv__script)k;
    return SV__SCRIPT_COMMON;
}

int sv__script_is_mostly(const char *text, size_t len, sv__script s,
                         double share)
{
    sv__script_counts c;

    sv__script_count(text, len, &c);
    if (c.letters == 0 || (unsigned)s >= SV__SCRIPT_COUNT)
        return 0;
    return (double)c.n[s] >= share * (double)c.letters;
}

/* ---- language guess --------------------------------------------------- */

const char *sv__langid_code(sv__langid id)
{
    static const char *const CODES[] = {"und", "en", "ru", "uk", "bg", "sr"};

    return (unsigned)id < sizeof(CODES) / sizeof(CODES[0]) ? CODES[id]
                                                           : "und";
}

/* Evidence per Cyrillic language, in points. */
typedef struct lang_votes {
    unsigned ru, uk, bg, sr;
} lang_votes;

/* Whole-word cues: frequent function words that exist in one language
 * only (among ru/uk/bg/sr).  Lowercase UTF-8. */
static const char *const BG_WORDS[] = {
    "\xd1\x89\xd0\xb5",                                 /* ще */
    "\xd1\x81\xd0\xb5",                                 /* се */
    "\xd0\xb5",                                         /* е */
    "\xd1\x82\xd0\xbe\xd0\xb2\xd0\xb0",                 /* това */
    "\xd1\x81\xd0\xb0",                                 /* са */
    "\xd1\x81\xd1\x8a\xd1\x81",                         /* със */
    "\xd0\xb2\xd1\x8a\xd0\xb2",                         /* във */
    "\xd0\xba\xd1\x8a\xd0\xbc",                         /* към */
    "\xd0\xba\xd0\xbe\xd0\xb8\xd1\x82\xd0\xbe",         /* които */
    "\xd0\xb1\xd0\xb5\xd1\x88\xd0\xb5",                 /* беше */
    "\xd0\xbd\xd0\xb5\xd0\xb3\xd0\xbe\xd0\xb2\xd0\xb8\xd1\x8f", /* неговия */
    NULL};
static const char *const RU_WORDS[] = {
    "\xd1\x87\xd1\x82\xd0\xbe",                         /* что */
    "\xd1\x8d\xd1\x82\xd0\xbe",                         /* это */
    "\xd0\xb5\xd0\xb3\xd0\xbe",                         /* его */
    "\xd0\xb1\xd1\x8b\xd0\xbb",                         /* был */
    "\xd1\x82\xd0\xb0\xd0\xba\xd0\xb6\xd0\xb5",         /* также */
    "\xd1\x82\xd0\xbe\xd0\xbb\xd1\x8c\xd0\xba\xd0\xbe", /* только */
    "\xd0\xbe\xd0\xbd",                                 /* он */
    NULL};
static const char *const UK_WORDS[] = {
    "\xd1\x89\xd0\xbe",                                 /* що */
    "\xd1\x82\xd0\xb0",                                 /* та */
    "\xd1\x86\xd0\xb5",                                 /* це */
    "\xd1\x8f\xd0\xba",                                 /* як */
    "\xd0\xb9",                                         /* й */
    NULL};

static int in_list(const char *const *list, const char *w, size_t len)
{
    size_t k, j;

    for (k = 0; list[k]; k++) {
        for (j = 0; j < len && list[k][j] == w[j]; j++)
            ;
        if (j == len && list[k][j] == '\0')
            return 1;
    }
    return 0;
}

/* Letters: ы э ё (ru, not uk/bg/sr); і ї є ґ (uk); ђ ћ љ њ џ ј (sr);
 * ъ before a consonant or at a word end (bg: "България", "път"; Russian
 * ъ only precedes е ё ю я). */
static void vote_letter(lang_votes *v, uint32_t lc, uint32_t next_lc)
{
    switch (lc) {
    case 0x44B: case 0x44D: case 0x451:
        v->ru += 2;
        break;
    case 0x456: case 0x457: case 0x454: case 0x491: case 0x490:
        v->uk += 3;
        break;
    case 0x452: case 0x45B: case 0x459: case 0x45A: case 0x45F: case 0x458:
        v->sr += 3;
        break;
    case 0x44A:
        if (next_lc == 0x435 || next_lc == 0x451 || next_lc == 0x44E ||
            next_lc == 0x44F)
            v->ru += 1;
        else
            v->bg += 3;
        break;
    default:
        break;
    }
}

/* Word-level cues on one lowercased word (UTF-8). */
static void vote_word(lang_votes *v, const char *w, size_t len)
{
    if (in_list(BG_WORDS, w, len))
        v->bg += 2;
    if (in_list(RU_WORDS, w, len))
        v->ru += 2;
    if (in_list(UK_WORDS, w, len))
        v->uk += 2;
    /* Bulgarian definite article "-ът" ("градът", "президентът") */
    if (len > 6 && (unsigned char)w[len - 4] == 0xD1 &&
        (unsigned char)w[len - 3] == 0x8A && (unsigned char)w[len - 2] ==
        0xD1 && (unsigned char)w[len - 1] == 0x82)
        v->bg += 2;
}

/* Scan Cyrillic letters: lowercase them into a small word buffer. */
static void cyrillic_votes(const char *text, size_t len, lang_votes *v)
{
    char word[64];
    size_t wl = 0, pos = 0;
    uint32_t prev = 0, before = 0; /* before: what preceded the word */

    while (pos <= len) {
        uint32_t cp = 0, lc;
        size_t n = 1;

        if (pos < len)
            n = sv__cp_next(text, len, pos, &cp);
        lc = sv__cp_lower(cp);
        /* a lone "ъ" is Kommersant's name, not Bulgarian */
        if (prev && !(prev == 0x44A && wl == 2))
            vote_letter(v, prev, lc);
        if (pos < len && sv__script_of(lc) == SV__SCRIPT_CYRILLIC &&
            sv__cclass_of(lc) == SV__CC_LETTER) {
            char enc[4];
            size_t el = sv__utf8_encode(lc, enc), j;

            for (j = 0; j < el && wl < sizeof(word); j++)
                word[wl++] = enc[j];
            prev = lc;
        } else {
            /* "20-е", "кто-то": word cues only for free-standing words */
            if (wl > 0 && wl < sizeof(word) && before != '-' &&
                !(before >= '0' && before <= '9') && cp != '-')
                vote_word(v, word, wl);
            wl = 0;
            prev = 0;
            before = cp;
        }
        pos += n;
    }
}

sv__langid sv__lang_guess(const char *text, size_t len, double *confidence)
{
    sv__script_counts c;
    lang_votes v = {0, 0, 0, 0};
    double size_w, conf = 0.0;
    unsigned best, total;
    sv__langid id = SV__LANGID_UND;

    sv__script_count(text, len, &c);
    size_w = c.letters >= 20 ? 1.0 : 0.5 + (double)c.letters / 40.0;
    if (c.letters == 0) {
        id = SV__LANGID_UND;
    } else if (c.n[SV__SCRIPT_LATIN] >= 0.6 * c.letters) {
        id = SV__LANGID_EN;
        conf = size_w * c.n[SV__SCRIPT_LATIN] / c.letters;
    } else if (c.n[SV__SCRIPT_CYRILLIC] >= 0.6 * c.letters) {
        cyrillic_votes(text, len, &v);
        total = v.ru + v.uk + v.bg + v.sr;
        id = SV__LANGID_RU;
        best = v.ru;
        if (v.uk > best) { id = SV__LANGID_UK; best = v.uk; }
        if (v.bg > best) { id = SV__LANGID_BG; best = v.bg; }
        if (v.sr > best) { id = SV__LANGID_SR; best = v.sr; }
        /* No evidence at all: Russian, the Cyrillic language of our
         * inputs, at a modest confidence. */
        conf = total == 0 ? 0.6 : (double)best / (double)total;
        conf *= size_w * c.n[SV__SCRIPT_CYRILLIC] / c.letters;
    }
    if (confidence)
        *confidence = conf;
    return id;
}
