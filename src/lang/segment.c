/* SPDX-License-Identifier: MIT */
/*
 * Sentence segmenter: paragraphs (blank lines) are hard breaks; inside a
 * paragraph ICU's sentence iterator (UText over UTF-8, "@ss=standard")
 * proposes boundaries, line breaks and glued sentence ends add some, and
 * the project's rules (abbreviations, initials, list markers, lowercase
 * continuations after quotes) veto ICU's wrong ones.  Boundaries are byte
 * offsets into the caller's text (STYLE U3).
 */
#include "lang/segment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#define SEG_SSE2 1
#else
#define SEG_SSE2 0
#endif

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/udata.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utypes.h>

#include "base/alloc.h"
#include "base/buf_internal.h"
#include "base/error_internal.h"
#include "base/hashmap.h"
#include "base/utf8.h"
#include "sverka/resources.h"
#include "lang/script.h"
#include "lang/wordcase.h"

/* Abbreviation classes (hash map values). */
enum {
    ABBR_NONFINAL = 1, /* never ends a sentence: "Mr.", "т.е.", "ул." */
    ABBR_FINAL = 2,    /* may end one: "etc.", "т.д.", "руб.", "U.S." */
    ABBR_NUMBER = 3,   /* "г.", "в.": final after a number ("в 2022 г."),
                          else non-final ("г. Москва") */
    ABBR_NAME = 4      /* "им.": non-final before an initial or a name in
                          the genitive ("им. А. С. Пушкина", "им. Ленина") */
};

/* Where a candidate boundary came from. */
enum { FROM_ICU = 1, FROM_NEWLINE = 2, FROM_GLUED = 4 };

typedef struct cand {
    size_t pos;
    unsigned from;
} cand;

struct sv_segmenter {
    UBreakIterator *bi;
    UText *ut;
    sv__hashmap *abbr;
    unsigned flags;
    size_t margin;       /* context kept around ICU's window (icu_window) */
    int own_periods;     /* propose ". Upper" boundaries ourselves: ru, en
                            and root only (German "3. Oktober" is one
                            sentence; ICU's locale rules know that) */
    sv_buf scratch;      /* paragraph copy with line breaks as spaces */
    UChar *u16;          /* the paragraph in UTF-16 for ICU */
    size_t cap_u16;
    cand *cands;
    size_t n_cands, cap_cands;
    size_t *terms;       /* a paragraph's terminators (icu_windows) */
    size_t n_terms, cap_terms;
    sv_sentence *sents;
    size_t n_sents, cap_sents;
    char errmsg[256];
};

/* ---- abbreviation lists ----------------------------------------------- */

/* Built-in lists; entries are written without the final period. */
static const char *const EN_NONFINAL[] = {
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Gen", "Lt", "Col", "Maj",
    "Capt", "Sgt", "Adm", "Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "Amb",
    "Messrs", "Mt", "No", "Nos", "Fig", "Figs", "Vol", "vol", "p", "pp",
    "b", "Fr",
    "e.g", "i.e", "cf", "viz", "vs", "approx",
    "ca", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
    "Oct", "Nov", "Dec", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
    "Gens", "Supt", "Insp", "Det", "Cpl", "Pvt", "Sgt", "Cmdr", "Brig", NULL};
static const char *const EN_FINAL[] = {
    "etc", "Jr", "Sr", "Inc", "Ltd", "Corp", "Co", "Bros", "U.S", "U.S.A",
    "U.K", "U.N", "E.U", "U.S.S.R", "a.m", "p.m", "al", "est", "ibid", "op",
    "cit", "km", "ft", "lb", "oz", "mln", "bln", "bn", "ed", "eds", "ch",
    "sec", "art", "para", NULL};
static const char *const RU_NONFINAL[] = {
    "т.е", "т.к", "т.н", "т.ч", "и.о", "см", "ср", "напр", "ул", "пл",
    "просп", "пер", "д", "кв", "обл", "р-н", "проф", "акад", "доц",
    "канд", "англ", "рус", "франц", "лат", "стр", "рис", "табл", "гл",
    "ст", "п", "пп", "ч", "св", "ок", "ред", "изд", "тов", "гр", "г-н",
    "г-жа", "янв", "февр", "фев", "авг", "сент", "окт", "нояб", "дек",
    "зам", "ген", "пос", "с", "х", "ж.-д", "z.b", "d.h", "u.a", "s.o",
    "u.s.w", "v.a", NULL};
static const char *const RU_FINAL[] = {
    "гг", "вв", "т.д", "т.п", "др", "пр", "руб", "коп", "млн", "млрд",
    "трлн", "тыс", "долл", "н.э", "мин", "сек", "чел", "экз", "кг", "км",
    "л", "тт", NULL};
static const char *const RU_NUMBER[] = {"г", "в", NULL};
/* Also a pronoun ("благодарны им."): non-final only before a name. */
static const char *const RU_NAME[] = {"им", NULL};

static int add_list(sv__hashmap *m, const char *const *list, uint64_t cls)
{
    size_t k;
    int rc;

    for (k = 0; list[k]; k++)
        if ((rc = sv__hashmap_put(m, list[k], strlen(list[k]), cls)) < 0)
            return rc;
    return SV_OK;
}

static int add_builtin(sv__hashmap *m)
{
    int rc;

    if ((rc = add_list(m, EN_NONFINAL, ABBR_NONFINAL)) < 0 ||
        (rc = add_list(m, EN_FINAL, ABBR_FINAL)) < 0 ||
        (rc = add_list(m, RU_NONFINAL, ABBR_NONFINAL)) < 0 ||
        (rc = add_list(m, RU_FINAL, ABBR_FINAL)) < 0 ||
        (rc = add_list(m, RU_NUMBER, ABBR_NUMBER)) < 0 ||
        (rc = add_list(m, RU_NAME, ABBR_NAME)) < 0)
        return rc;
    return SV_OK;
}

/* One line of an abbrev_*.txt file: "т.е." or "млн"; comments, blank
 * lines, multi-word entries ("до н.э.") and capitalised entries without a
 * period (brand names for the glued step: "Lenta") are skipped.  New
 * entries may end a sentence (ABBR_FINAL); built-in classes win. */
static int add_line(sv__hashmap *m, const char *line, size_t len)
{
    size_t k;
    int dotted;

    while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' ' ||
                       line[len - 1] == '\t'))
        len--;
    while (len > 0 && (*line == ' ' || *line == '\t')) {
        line++;
        len--;
    }
    if (len == 0 || line[0] == '#')
        return SV_OK;
    for (k = 0; k < len; k++)
        if (line[k] == ' ')
            return SV_OK;
    dotted = line[len - 1] == '.';
    if (dotted)
        len--;
    if (len == 0 || (!dotted && line[0] >= 'A' && line[0] <= 'Z'))
        return SV_OK;
    if (!dotted && (unsigned char)line[0] == 0xD0 &&
        (unsigned char)line[1] >= 0x90 && (unsigned char)line[1] <= 0xAF)
        return SV_OK; /* capitalised Cyrillic brand ("Лента") */
    if (sv__hashmap_get(m, line, len, NULL))
        return SV_OK;
    return sv__hashmap_put(m, line, len, ABBR_FINAL);
}

static int add_data(sv__hashmap *m, const char *data, size_t len)
{
    size_t a = 0;
    int rc;

    while (a < len) {
        const char *nl = memchr(data + a, '\n', len - a);
        size_t e = nl ? (size_t)(nl - data) : len;

        if ((rc = add_line(m, data + a, e - a)) < 0)
            return rc;
        a = e + 1;
    }
    return SV_OK;
}

int sv__segmenter_load_abbrevs(sv__segmenter *s, const char *dicts_dir)
{
    static const char *const FILES[] = {"abbrev_en.txt", "abbrev_ru.txt"};
    char path[4096], line[512];
    size_t k;
    int rc = SV_OK;

    SV_ASSERT_ARG(s && dicts_dir);
    for (k = 0; k < 2 && rc == SV_OK; k++) {
        FILE *f;
        int n = snprintf(path, sizeof(path), "%s/%s", dicts_dir, FILES[k]);

        if (n < 0 || (size_t)n >= sizeof(path))
            return SV_EINVAL;
        f = fopen(path, "rb");
        if (!f)
            continue; /* the built-in lists stand alone */
        while (rc == SV_OK && fgets(line, sizeof(line), f))
            rc = add_line(s->abbr, line, strcspn(line, "\n"));
        if (rc == SV_OK && ferror(f)) {
            snprintf(s->errmsg, sizeof(s->errmsg), "cannot read %.200s",
                     path);
            rc = SV_EIO;
        }
        fclose(f);
    }
    return rc;
}

/* Class of the word w (without its final period), or 0: exact, then with
 * the first letter lowered ("Ул", "См", "Т.е", "E.g"). */
static int abbr_class(const sv__hashmap *m, const char *w, size_t len)
{
    char low[64];
    uint32_t cp, lc;
    size_t n, k;
    uint64_t v;

    if (len == 0 || len > sizeof(low) - 4)
        return 0;
    if (sv__hashmap_get(m, w, len, &v))
        return (int)v;
    n = sv__cp_next(w, len, 0, &cp);
    lc = sv__cp_lower(cp);
    if (lc == cp || n == len)
        return 0; /* single letters are case-sensitive: "С" is not "с." */
    k = sv__utf8_encode(lc, low);
    memcpy(low + k, w + n, len - n);
    if (sv__hashmap_get(m, low, k + len - n, &v))
        return (int)v;
    return 0;
}

int sv__segmenter_is_abbrev(const sv__segmenter *s, const char *word,
                            size_t len)
{
    if (!s || !word)
        return 0;
    return abbr_class(s->abbr, word, len) != 0;
}

/* sv__abbrev_fn over the segmenter's lists (for sv__glued_end). */
static int seg_abbrev(void *ctx, const char *word, size_t len)
{
    return sv__segmenter_is_abbrev(ctx, word, len);
}

/* ---- character helpers -------------------------------------------------- */

/* Start of the code point that ends at text[pos] (pos > 0). */
static size_t cp_start_before(const char *text, size_t pos)
{
    size_t k = pos - 1, stop = pos > 4 ? pos - 4 : 0;

    while (k > stop && ((unsigned char)text[k] & 0xC0) == 0x80)
        k--;
    return k;
}

static uint32_t cp_before(const char *text, size_t len, size_t pos,
                          size_t *start)
{
    uint32_t cp;

    *start = cp_start_before(text, pos);
    sv__cp_next(text, len, *start, &cp);
    return cp;
}

static int is_space_cp(uint32_t cp)
{
    return sv__cclass_of(cp) == SV__CC_SPACE;
}

static int is_letter(uint32_t cp)
{
    return sv__cclass_of(cp) == SV__CC_LETTER;
}

/* Case from the table for ASCII, Latin-1 and basic Cyrillic, from ICU
 * for other letters ("Ćwikła", "Ґонта", Greek). */
static int is_upper(uint32_t cp)
{
    if (cp < 0x100 || (cp >= 0x400 && cp < 0x460))
        return sv__cp_lower(cp) != cp;
    return u_isupper((UChar32)cp) != 0;
}

static int is_lower(uint32_t cp)
{
    if (cp < 0x100 || (cp >= 0x400 && cp < 0x460))
        return sv__cp_upper(cp) != cp;
    return u_islower((UChar32)cp) != 0;
}

/* Closing quotes and brackets that may follow a sentence's final mark. */
static int is_closer(uint32_t cp)
{
    return cp == '"' || cp == ')' || cp == ']' || cp == 0xBB ||
           cp == 0x201D || cp == 0x2019 || cp == 0x203A || cp == '\'';
}

static int is_opener(uint32_t cp)
{
    return cp == '"' || cp == '(' || cp == '[' || cp == 0xAB ||
           cp == 0x201C || cp == 0x201E || cp == 0x2018 || cp == 0x2039;
}

static int is_dash(uint32_t cp)
{
    return cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == 0x2015;
}

static int is_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

/* ---- rules -------------------------------------------------------------- */

/* The word ending just before text[end] (letters, inner dots and hyphens):
 * returns its start and counts its letters; *dotted when it has a dot. */
static size_t word_back(const char *text, size_t len, size_t end,
                        size_t floor, size_t *letters, int *dotted)
{
    size_t ws = end, b;

    *letters = 0;
    *dotted = 0;
    while (ws > floor) {
        uint32_t c = cp_before(text, len, ws, &b);

        if (is_letter(c)) {
            (*letters)++;
        } else if (c == '.' || c == '-') {
            if (ws == end)
                break;
            if (c == '.')
                *dotted = 1;
        } else {
            break;
        }
        ws = b;
    }
    /* a leading dot or hyphen is not part of the word */
    while (ws < end && (text[ws] == '.' || text[ws] == '-'))
        ws++;
    return ws;
}

/* First letter after pos, skipping spaces, opening quotes and dashes;
 * 0 when something else comes first. */
static uint32_t next_letter(const char *text, size_t len, size_t pos)
{
    while (pos < len) {
        uint32_t cp;
        size_t n = sv__cp_next(text, len, pos, &cp);

        if (is_letter(cp))
            return cp;
        if (!is_space_cp(cp) && !is_opener(cp) && !is_dash(cp))
            return 0;
        pos += n;
    }
    return 0;
}

/* A list marker sentence: only "12." / "a." / "IV." (after spaces). */
static int list_marker(const char *text, size_t s0, size_t dot)
{
    size_t k = s0, digits = 0, letters = 0;

    while (k < dot && (text[k] == ' ' || text[k] == '\t'))
        k++;
    for (; k < dot; k++) {
        char c = text[k];

        if (c >= '0' && c <= '9')
            digits++;
        else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            letters++;
        else
            return 0;
    }
    return (digits >= 1 && digits <= 3 && letters == 0) ||
           (digits == 0 && letters == 1);
}

/* A number (digits) ends just before the space(s) before ws? */
static int number_before(const char *text, size_t floor, size_t ws)
{
    size_t k = ws;

    while (k > floor && (text[k - 1] == ' ' || (unsigned char)text[k - 1] ==
                         0xA0 || (unsigned char)text[k - 1] == 0xC2))
        k--;
    return k > floor && k < ws && text[k - 1] >= '0' && text[k - 1] <= '9';
}

/* Frequent sentence-initial words (lowercase).  After an abbreviation that
 * may end a sentence ("U.S.", "Inc.", "p.m.") an English capitalised word
 * starts a new sentence only if it is one of these: English capitalises
 * names and titles ("the U.N. Security Council", "6 p.m. Moscow time"). */
static const char *const EN_STARTERS[] = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this",
    "that", "these", "those", "there", "but", "and", "or", "so", "yet", "in",
    "on", "at", "as", "after", "before", "when", "while", "if", "however",
    "meanwhile", "his", "her", "their", "its", "our", "my", "no", "not",
    "some", "many", "most", "all", "both", "one", "what", "why", "how",
    "who", "where", "which", "according", "also", "earlier", "later",
    "then", "still", "since", "during", "for", "from", "by", "with",
    "under", "such", "each", "last", "next", "now", "today", "yesterday",
    "in", "to", "because", "although", "officials", "experts", NULL};

static int en_starter(const char *w, size_t len)
{
    char low[16];
    size_t k;

    if (len >= sizeof(low))
        return 0;
    for (k = 0; k < len; k++) {
        char c = w[k];

        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        low[k] = c;
    }
    for (k = 0; EN_STARTERS[k]; k++)
        if (strlen(EN_STARTERS[k]) == len && memcmp(EN_STARTERS[k], low,
                                                    len) == 0)
            return 1;
    return 0;
}

/* The word starting at the first letter after b. */
static size_t next_word(const char *text, size_t len, size_t b,
                        size_t *wlen)
{
    size_t p = b, e;
    uint32_t cp;

    while (p < len) {
        size_t n = sv__cp_next(text, len, p, &cp);

        if (is_letter(cp))
            break;
        p += n;
    }
    for (e = p; e < len;) {
        size_t n = sv__cp_next(text, len, e, &cp);

        if (!is_letter(cp))
            break;
        e += n;
    }
    *wlen = e - p;
    return p;
}

/* Words in [s0, end) (runs of non-space). */
static size_t count_words(const char *text, size_t s0, size_t end)
{
    size_t k, n = 0;
    int in = 0;

    for (k = s0; k < end; k++) {
        int sp = text[k] == ' ' || text[k] == '\n' || text[k] == '\t';

        if (!sp && !in)
            n++;
        in = !sp;
    }
    return n;
}

/* An abbreviation that may end a sentence, before a capitalised word:
 * keep the boundary?  Before a Cyrillic word yes (Russian capitalises
 * little besides sentence starts and names); before a Latin word only if
 * it is a frequent sentence starter; before a digit no. */
static int final_abbrev_breaks(const char *text, size_t len, size_t b)
{
    size_t wl, w = next_word(text, len, b, &wl);
    uint32_t cp;

    if (w >= len)
        return 0;
    sv__cp_next(text, len, w, &cp);
    if (sv__script_of(cp) == SV__SCRIPT_CYRILLIC)
        return 1;
    return en_starter(text + w, wl);
}

/* The text at b starts with an initial ("А.") or a capitalised word in
 * the genitive (-а, -я, -ого, -ова, -ева, -ина: "Ленина", "Горького"). */
static int before_name(const char *text, size_t len, size_t b)
{
    static const char *const GEN[] = {"\xd0\xb0", "\xd1\x8f",
                                      "\xd0\xbe\xd0\xb3\xd0\xbe", NULL};
    size_t wl, w = next_word(text, len, b, &wl), k;
    uint32_t cp;

    if (wl == 0)
        return 0;
    sv__cp_next(text, len, w, &cp);
    if (!is_upper(cp))
        return 0;
    if (w + wl < len && text[w + wl] == '.' && sv__utf8_count_cp(text + w,
                                                                 wl) == 1)
        return 1;
    for (k = 0; GEN[k]; k++) {
        size_t gl = strlen(GEN[k]);

        if (wl > gl && memcmp(text + w + wl - gl, GEN[k], gl) == 0)
            return 1;
    }
    return 0;
}

/* One or two digits before the period at dot, after a space: an
 * ordinal in languages that write them "3." (German). */
static int ordinal_before(const char *text, size_t s0, size_t dot)
{
    size_t k = dot;

    while (k > s0 && text[k - 1] >= '0' && text[k - 1] <= '9')
        k--;
    return dot - k >= 1 && dot - k <= 2 && k > s0 && text[k - 1] == ' ';
}

/* A single lowercase letter [ws, dot) ending an abbreviation written
 * with a space: "т. д.", "т. е.", "z. B.", "d. h.".  Looks backward ("т.
 * д." with the boundary after "д.") and forward (the boundary after "т."
 * with "д." next).  Returns 1 to veto, -1 to keep the boundary (a
 * final abbreviation before a new sentence), 0 when not a pair. */
static int spaced_pair(const sv__segmenter *s, const char *text, size_t len,
                       size_t s0, size_t ws, size_t dot, size_t b)
{
    char pair[24];
    size_t l1 = dot - ws, l0, p0, st;
    uint32_t cp;
    int cls;

    if (l1 > 4 || !is_lower(cp_before(text, len, dot, &st)))
        return 0;
    /* backward: "<a>. <b>." */
    if (ws >= s0 + 3 && text[ws - 1] == ' ' && text[ws - 2] == '.') {
        p0 = cp_start_before(text, ws - 2);
        l0 = ws - 2 - p0;
        sv__cp_next(text, len, p0, &cp);
        if (is_letter(cp) && is_lower(cp) && l0 <= 4 &&
            (p0 == s0 || is_space_cp((unsigned char)text[p0 - 1]))) {
            memcpy(pair, text + p0, l0);
            pair[l0] = '.';
            memcpy(pair + l0 + 1, text + ws, l1);
            cls = abbr_class(s->abbr, pair, l0 + 1 + l1);
            if (cls == ABBR_FINAL)
                return final_abbrev_breaks(text, len, b) ? -1 : 1;
            if (cls != 0)
                return 1;
        }
    }
    /* forward: "<a>. <b>." with the boundary at <b> */
    if (b + 1 < len && text[b] != ' ') {
        size_t n = sv__cp_next(text, len, b, &cp);

        if (is_letter(cp) && n <= 4 && b + n < len && text[b + n] == '.') {
            memcpy(pair, text + ws, l1);
            pair[l1] = '.';
            memcpy(pair + l1 + 1, text + b, n);
            pair[l1 + 1 + n] = '\0';
            if (abbr_class(s->abbr, pair, l1 + 1 + n) != 0)
                return 1;
            /* "z. B.": the pair's second letter may be capitalised */
            if (is_upper(cp)) {
                char low[4];
                size_t k = sv__utf8_encode(sv__cp_lower(cp), low);

                memcpy(pair + l1 + 1, low, k);
                if (abbr_class(s->abbr, pair, l1 + 1 + k) != 0)
                    return 1;
            }
        }
    }
    return 0;
}

/* A proposed boundary at b in a sentence starting at s0: veto it? */
static int veto(const sv__segmenter *s, const char *text, size_t len,
                size_t s0, size_t b)
{
    size_t e = b, t, st, ws, letters;
    uint32_t cp;
    int dotted, cls;

    while (e > s0 && is_space_cp(cp_before(text, len, e, &st)))
        e = st;
    if (e <= s0)
        return 0;
    t = e;
    while (t > s0 && is_closer(cp_before(text, len, t, &st)))
        t = st;
    cp = next_letter(text, len, b);
    if (cp && is_lower(cp))
        return 1; /* "“Why?” he asked", "«Да?» — спросил он" */
    if (e == b && b < len) { /* no space: "01։23", "+15°С...+17°С" */
        sv__cp_next(text, len, b, &cp);
        if (!(is_letter(cp) && is_upper(cp)) && !is_opener(cp))
            return 1;
    }
    if (t <= s0 || text[t - 1] != '.' || (t >= 2 + s0 && text[t - 2] == '.'))
        return 0;
    if (list_marker(text, s0, t - 1))
        return 1;
    ws = word_back(text, len, t - 1, s0, &letters, &dotted);
    if (letters == 0 && !s->own_periods && ordinal_before(text, s0, t - 1))
        return 1; /* German "am 3. Oktober", "im 19. Jahrhundert" */
    if (letters == 0 || (ws > s0 && text[ws - 1] == '/'))
        return 0; /* "2022.", units "км/ч." */
    if (letters == 1 && !dotted) {
        int two = spaced_pair(s, text, len, s0, ws, t - 1, b);

        if (two)
            return two > 0;
    }
    cls = abbr_class(s->abbr, text + ws, t - 1 - ws);
    if (cls == ABBR_NONFINAL)
        return 1;
    if (cls == ABBR_NUMBER) /* "в 2022 г. Потом", not "В 2014 г. Крым" */
        return !number_before(text, s0, ws) ||
               count_words(text, s0, ws) <= 2;
    if (cls == ABBR_NAME)
        return before_name(text, len, b);
    if (cls == ABBR_FINAL || (dotted && t - ws <= 12))
        return !final_abbrev_breaks(text, len, b);
    /* an initial: "В. В. Путин", "J. R. R. Tolkien" (not "+17°С.") */
    if (letters == 1 && !dotted &&
        (ws == s0 || is_space_cp(cp_before(text, len, ws, &st)) ||
         is_opener(cp_before(text, len, ws, &st)))) {
        cp_before(text, len, t - 1, &st);
        sv__cp_next(text, len, st, &cp);
        return is_upper(cp);
    }
    return 0;
}

/* After white space at k: (openers or dashes, then) an uppercase letter,
 * or a digit ("24-летний футболист": UAX #29 rule SB8 keeps ". 24-л"
 * together because a lowercase letter follows the digits). */
static int next_starts_sentence(const char *text, size_t len, size_t k)
{
    uint32_t cp;

    while (k < len) {
        size_t n = sv__cp_next(text, len, k, &cp);

        if (is_digit(cp))
            return 1;
        if (is_letter(cp))
            return is_upper(cp);
        if (!is_space_cp(cp) && !is_opener(cp) && !is_dash(cp))
            return 0;
        k += n;
    }
    return 0;
}

/* A period, closers, white space, then (after openers or dashes) an
 * uppercase letter or a digit: a boundary to propose at the start of that text.
 * ICU's "@ss=standard" suppresses some of these unconditionally ("руб.
 * Деньги", and even "NATO. No" because "No." is listed), so the project's
 * own lists decide them through veto(). */
static size_t period_at(const char *text, size_t len, size_t i)
{
    size_t k = i + 1, n;
    uint32_t cp;

    if ((i > 0 && text[i - 1] == '.') || (k < len && text[k] == '.'))
        return 0;
    while (k < len) {
        n = sv__cp_next(text, len, k, &cp);
        if (!is_closer(cp))
            break;
        k += n;
    }
    if (k >= len)
        return 0;
    sv__cp_next(text, len, k, &cp);
    if (!is_space_cp(cp))
        return 0;
    if (!next_starts_sentence(text, len, k))
        return 0;
    while (k < len) {
        n = sv__cp_next(text, len, k, &cp);
        if (!is_space_cp(cp))
            break;
        k += n;
    }
    return k;
}

/* Top-level domains and domain-like brand tails ("Lenta.Ru"). */
static int tld_like(const char *w, size_t len)
{
    static const char *const TLD[] = {
        "ru", "com", "net", "org", "info", "io", "uk", "su", "ua", "by",
        "kz", "de", "fr", "tv", "fm", "news", NULL};
    size_t k, j;

    for (k = 0; TLD[k]; k++) {
        for (j = 0; j < len && TLD[k][j] && (w[j] | 0x20) == TLD[k][j]; j++)
            ;
        if (j == len && TLD[k][j] == '\0')
            return 1;
    }
    return len == 4 && (memcmp(w, "\xD0\xA0\xD0\xA4", 4) == 0 ||
                        memcmp(w, "\xD1\x80\xD1\x84", 4) == 0); /* РФ, рф */
}

/* The white-space delimited chunk around i looks like code or a URL. */
static int code_like(const char *text, size_t len, size_t i)
{
    size_t a = i, z = i;

    while (a > 0 && text[a - 1] != ' ' && text[a - 1] != '\n' &&
           text[a - 1] != '\t')
        a--;
    while (z < len && text[z] != ' ' && text[z] != '\n' && text[z] != '\t')
        z++;
    for (; a < z; a++)
        if (strchr("_/=<>{}@#\\*|", text[a]) && text[a] != '\0')
            return 1;
    return 0;
}

/* Right side of a glued end at k: an optional opening quote, then an
 * uppercase word that is not a TLD, a dotted identifier or a short
 * all-caps tail ("ASP.NET"). */
static int glued_right(const char *text, size_t len, size_t k, int closer)
{
    size_t u = k, e, n, letters = 0, upper = 0;
    uint32_t cp;

    if (k >= len)
        return 0;
    n = sv__cp_next(text, len, k, &cp);
    if (is_opener(cp) && cp != '(' && cp != '[') {
        u = k + n;
        if (u >= len)
            return 0;
        sv__cp_next(text, len, u, &cp);
    }
    if (!is_letter(cp) || !is_upper(cp))
        return 0;
    for (e = u; e < len; e += n) {
        n = sv__cp_next(text, len, e, &cp);
        if (!is_letter(cp))
            break;
        letters++;
        upper += is_upper(cp);
    }
    if (e + 1 < len && text[e] == '.' && !is_space_cp((unsigned char)text[e + 1]))
        return 0;
    if (u == k && tld_like(text + u, e - u))
        return 0;
    if (!closer && u == k && letters >= 2 && letters <= 4 && upper == letters)
        return 0;
    return 1;
}

/* Left side of a glued end at text[i] (the mark): a word that is not an
 * abbreviation, an initial or dotted, or a closing quote. */
static int glued_left(const char *text, size_t len, size_t i,
                      sv__abbrev_fn is_abbrev, void *ctx)
{
    size_t st, ws, letters, b;
    uint32_t p;
    int dotted;

    if (i == 0)
        return 0;
    p = cp_before(text, len, i, &st);
    if (is_closer(p) && p != '\'')
        return 1;
    if (!is_letter(p) && !is_digit(p))
        return 0;
    ws = i;
    letters = 0;
    dotted = 0;
    while (ws > 0) {
        uint32_t c = cp_before(text, len, ws, &b);

        if (c == '.')
            dotted = 1;
        else if (is_letter(c))
            letters++;
        else if (!is_digit(c) && c != '-' && c != '\'' && c != 0x2019)
            break;
        ws = b;
    }
    if (dotted || letters == 1)
        return 0;
    return !is_abbrev || !is_abbrev(ctx, text + ws, i - ws);
}

/* A glued sentence end at text[i] ('.', '!' or '?')?  Returns the
 * boundary (after closing quotes) or 0. */
size_t sv__glued_end(const char *text, size_t len, size_t i,
                     sv__abbrev_fn is_abbrev, void *ctx)
{
    size_t k = i + 1, n, st;
    uint32_t cp;
    int closer;

    if (!text || i >= len || (text[i] != '.' && text[i] != '!' &&
                              text[i] != '?'))
        return 0;
    while (k < len && (text[k] == '!' || text[k] == '?'))
        k++;
    if ((k < len && text[k] == '.') || (i > 0 && text[i - 1] == '.'))
        return 0; /* ellipsis */
    while (k < len) {
        n = sv__cp_next(text, len, k, &cp);
        if (!is_closer(cp) || cp == '\'')
            break;
        k += n;
    }
    closer = i > 0 && is_closer(cp_before(text, len, i, &st));
    if (!glued_right(text, len, k, closer) ||
        !glued_left(text, len, i, is_abbrev, ctx) || code_like(text, len, i))
        return 0;
    return k;
}

/* A line break at text[i] ends a sentence unless the next line continues
 * it: the line before has no final mark and the next starts lowercase. */
static int newline_breaks(const char *text, size_t len, size_t s0, size_t i)
{
    size_t e = i, st;
    uint32_t prev = 0, next;

    while (e > s0 && is_space_cp(prev = cp_before(text, len, e, &st)))
        e = st;
    next = next_letter(text, len, i + 1);
    if (e > s0 && (prev == '.' || prev == '!' || prev == '?' ||
                   prev == 0x2026 || prev == ':' || is_closer(prev)))
        return 1;
    return !(next && is_lower(next));
}

/* ---- candidates and sentences ------------------------------------------- */

/* Room for one more element in a growing array (doubling, kept across
 * calls so steady-state splitting allocates nothing). */
static int reserve_one(void **arr, size_t *cap, size_t n, size_t elem)
{
    void *p;
    size_t want;

    if (n < *cap)
        return SV_OK;
    want = *cap ? 2 * *cap : 64;
    p = sv__realloc(*arr, want * elem);
    if (!p)
        return SV_ENOMEM;
    *arr = p;
    *cap = want;
    return SV_OK;
}

static int add_cand(sv__segmenter *s, size_t pos, unsigned from)
{
    void *arr = s->cands;
    int rc = reserve_one(&arr, &s->cap_cands, s->n_cands, sizeof(cand));

    s->cands = arr;
    if (rc < 0)
        return rc;
    s->cands[s->n_cands].pos = pos;
    s->cands[s->n_cands].from = from;
    s->n_cands++;
    return SV_OK;
}

static int cmp_cand(const void *a, const void *b)
{
    size_t x = ((const cand *)a)->pos, y = ((const cand *)b)->pos;

    return x < y ? -1 : x > y;
}

/* Candidates by position (the order of equal ones does not matter: they
 * are merged): a paragraph has a handful, sorted in place by insertion;
 * qsort for many. */
static void sort_cands(cand *c, size_t n)
{
    size_t i, j;

    if (n > 16) {
        qsort(c, n, sizeof(cand), cmp_cand);
        return;
    }
    for (i = 1; i < n; i++) {
        cand x = c[i];

        for (j = i; j > 0 && c[j - 1].pos > x.pos; j--)
            c[j] = c[j - 1];
        c[j] = x;
    }
}

/* Append [a, z) trimmed of white space, unless empty. */
static int emit(sv__segmenter *s, const char *text, size_t len, size_t a,
                size_t z, unsigned flags)
{
    uint32_t cp;
    size_t st;
    void *arr;
    int rc;

    while (a < z) {
        size_t n = sv__cp_next(text, len, a, &cp);

        if (!is_space_cp(cp))
            break;
        a += n;
    }
    while (z > a && is_space_cp(cp_before(text, len, z, &st)))
        z = st;
    if (z <= a)
        return 0;
    arr = s->sents;
    rc = reserve_one(&arr, &s->cap_sents, s->n_sents, sizeof(sv_sentence));
    s->sents = arr;
    if (rc < 0)
        return rc;
    s->sents[s->n_sents].start = a;
    s->sents[s->n_sents].end = z;
    s->sents[s->n_sents].flags = flags;
    s->n_sents++;
    return 1;
}

/* ---- byte scans: sixteen bytes at a time where SSE2 is there ------------ */

#if SEG_SSE2
static __m128i load16(const unsigned char *p)
{
    return _mm_loadu_si128((const __m128i *)(const void *)p);
}

static __m128i eq16(__m128i v, char c)
{
    return _mm_cmpeq_epi8(v, _mm_set1_epi8(c));
}

/* Bit k set when p[k] is '.', '!' or '?'. */
static unsigned stops16(__m128i v)
{
    return (unsigned)_mm_movemask_epi8(
        _mm_or_si128(eq16(v, '.'), _mm_or_si128(eq16(v, '!'), eq16(v, '?'))));
}
#endif

/* Index of the first byte of b[i, len) that own_cands() acts on ('\n',
 * '.', '!', '?'), or len. */
static size_t next_mark(const unsigned char *b, size_t i, size_t len)
{
#if SEG_SSE2
    for (; i + 16 <= len; i += 16) {
        __m128i v = load16(b + i);
        unsigned m = stops16(v) | (unsigned)_mm_movemask_epi8(eq16(v, '\n'));

        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
#endif
    while (i < len && b[i] != '\n' && b[i] != '.' && b[i] != '!' &&
           b[i] != '?')
        i++;
    return i;
}

/* Index of the first byte of b[i, len) that is '.', '!', '?' or not
 * ASCII, or len. */
static size_t next_stop_or_high(const unsigned char *b, size_t i, size_t len)
{
#if SEG_SSE2
    for (; i + 16 <= len; i += 16) {
        __m128i v = load16(b + i);
        unsigned m = stops16(v) | (unsigned)_mm_movemask_epi8(v);

        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
#endif
    while (i < len && b[i] < 0x80 && b[i] != '.' && b[i] != '!' &&
           b[i] != '?')
        i++;
    return i;
}

/* Length of the all-ASCII prefix of b[i, len) in whole blocks of 16
 * (0 without SSE2): what the UTF-8 to UTF-16 walks take in one step. */
static size_t ascii_blocks(const unsigned char *b, size_t i, size_t len)
{
    size_t k = i;

#if SEG_SSE2
    while (k + 16 <= len && !_mm_movemask_epi8(load16(b + k)))
        k += 16;
#else
    (void)b;
    (void)len;
#endif
    return k - i;
}

/* Widen n ASCII bytes (a multiple of 16) to UTF-16, CR and LF as spaces
 * (see icu_cands16). */
static void widen_ascii(const unsigned char *b, size_t n, UChar *out)
{
#if SEG_SSE2
    const __m128i zero = _mm_setzero_si128(), sp = _mm_set1_epi8(' ');
    size_t k;

    for (k = 0; k < n; k += 16) {
        __m128i v = load16(b + k);
        __m128i nl = _mm_or_si128(eq16(v, '\n'), eq16(v, '\r'));

        v = _mm_or_si128(_mm_andnot_si128(nl, v), _mm_and_si128(nl, sp));
        _mm_storeu_si128((__m128i *)(void *)(out + k),
                         _mm_unpacklo_epi8(v, zero));
        _mm_storeu_si128((__m128i *)(void *)(out + k + 8),
                         _mm_unpackhi_epi8(v, zero));
    }
#else
    (void)b;
    (void)n;
    (void)out;
#endif
}

/* A byte that may end a paragraph's final run of stops, closers and
 * spaces (the only place a paragraph without candidates may have stops). */
static int tail_byte(unsigned char b, int stage)
{
    if (stage == 0)
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    if (stage == 1)
        return b == '"' || b == '\'' || b == ')' || b == ']' || b == '}';
    return b == '.' || b == '!' || b == '?';
}

/* 1 when ICU cannot break [0, plen) before its end, so it need not run.
 * Its sentence rules (UAX #29 SB4-SB11) break only after a paragraph
 * separator or a sentence terminator (ATerm, STerm), and the abbreviation
 * filter only removes breaks.  So a paragraph whose terminators all sit in
 * its final run "stops, closers, spaces" gets none.  Outside ASCII only
 * code points known to be neither are accepted: two-byte U+0080..U+04FF
 * (not NEL U+0085, not U+0340..U+037F, which holds the Greek question
 * mark) and U+2000..U+203F without U+2024, U+2028, U+2029, U+203C,
 * U+203D; anything else lets ICU decide. */
/* Start of the final run "stops, closers, spaces" of b[0..plen). */
static size_t final_run(const unsigned char *b, size_t plen)
{
    size_t end = plen;
    int stage;

    for (stage = 0; stage < 3; stage++)
        while (end > 0 && tail_byte(b[end - 1], stage))
            end--;
    return end;
}

static int icu_cannot_break(const char *text, size_t plen)
{
    const unsigned char *b = (const unsigned char *)text;
    size_t end = final_run(b, plen), i;

    for (i = 0; i < end; i++) {
        unsigned char c = b[i];

        if (c < 0x80) {
            if (c == '.' || c == '!' || c == '?')
                return 0;
            /* skip the plain ASCII that follows in blocks (the loop's
             * i++ steps onto the byte found) */
            i = next_stop_or_high(b, i + 1, end) - 1;
        } else if (c >= 0xC2 && c <= 0xD3 && c != 0xCD && i + 1 < end &&
                   !(c == 0xC2 && b[i + 1] == 0x85)) {
            i++;
        } else if (c == 0xE2 && i + 2 < end && b[i + 1] == 0x80 &&
                   b[i + 2] != 0xA4 && b[i + 2] != 0xA8 &&
                   b[i + 2] != 0xA9 && b[i + 2] != 0xBC &&
                   b[i + 2] != 0xBD) {
            i += 2;
        } else {
            return 0;
        }
    }
    return 1;
}

/* ICU's candidates for base[0..plen), given to ICU as UTF-16 with line
 * breaks (CR, LF) as spaces so that ICU never breaks on them (the newline
 * rule decides instead); 1 without a candidate when the text is not valid
 * UTF-8.  Its iterator walks UTF-16 inline, while a UTF-8 UText costs a
 * call and an index mapping per step (the same text, so the same breaks).
 * Break offsets are mapped back to bytes in one forward walk. */
static int icu_cands16(sv__segmenter *s, const char *base, size_t plen,
                       size_t ps)
{
    const unsigned char *b = (const unsigned char *)base;
    UErrorCode st = U_ZERO_ERROR;
    size_t i = 0, n = 0, at = 0;
    int32_t brk;
    int rc;

    if (plen + 1 > s->cap_u16) {
        size_t want = s->cap_u16 ? s->cap_u16 : 256;
        UChar *p;

        while (want < plen + 1)
            want *= 2;
        if (!(p = sv__realloc(s->u16, want * sizeof(UChar))))
            return SV_ENOMEM;
        s->u16 = p;
        s->cap_u16 = want;
    }
    while (i < plen) {
        int32_t cp;
        size_t run = b[i] < 0x80 ? ascii_blocks(b, i, plen) : 0;

        if (run) {
            widen_ascii(b + i, run, s->u16 + n);
            i += run;
            n += run;
            continue;
        }
        if (b[i] < 0x80) {
            s->u16[n++] = b[i] == '\n' || b[i] == '\r' ? ' ' : b[i];
            i++;
            continue;
        }
        if (b[i] >= 0xC2 && b[i] <= 0xDF && i + 1 < plen &&
            (b[i + 1] & 0xC0) == 0x80) {
            s->u16[n++] = (UChar)(((b[i] & 0x1F) << 6) | (b[i + 1] & 0x3F));
            i += 2;
            continue;
        }
        i += sv__utf8_decode(b + i, plen - i, &cp);
        if (cp < 0)
            return 1; /* not valid UTF-8: the caller's UText path */
        if (cp >= 0x10000) {
            s->u16[n++] = (UChar)(0xD7C0 + (cp >> 10));
            s->u16[n++] = (UChar)(0xDC00 | (cp & 0x3FF));
        } else {
            s->u16[n++] = (UChar)cp;
        }
    }
    ubrk_setText(s->bi, s->u16, (int32_t)n, &st);
    if (U_FAILURE(st)) {
        snprintf(s->errmsg, sizeof(s->errmsg), "ICU ubrk_setText: %s",
                 u_errorName(st));
        return SV_ERROR;
    }
    ubrk_first(s->bi);
    i = 0;
    while ((brk = ubrk_next(s->bi)) != UBRK_DONE && (size_t)brk < n) {
        while (at < (size_t)brk) {
            unsigned char c = b[i];
            size_t run = c < 0x80 ? ascii_blocks(b, i, i + ((size_t)brk - at))
                                  : 0;

            if (run) {
                i += run;
                at += run;
                continue;
            }

            i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            at += c < 0xF0 ? 1 : 2;
        }
        if ((rc = add_cand(s, ps + i, FROM_ICU)) < 0)
            return rc;
    }
    return SV_OK;
}

/* Sentence_Break class of the code point at b[*i] (advancing *i) as the
 * window needs it: 1 a terminator or separator (ATerm, STerm, Sep), 2
 * another letter (OLetter, Upper, Lower), 0 anything else, -1 an invalid
 * sequence (ICU reads U+FFFD, class Other).  Decoded as icu_cands16()
 * decodes; classes from ICU's property data, which its rules are built
 * from.  CR and LF are masked as spaces. */
static int sb_class(const unsigned char *b, size_t *i, size_t len)
{
    int32_t cp;
    int sb;

    if (b[*i] < 0x80) {
        unsigned char c = b[(*i)++];

        if (c == '.' || c == '!' || c == '?')
            return 1;
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? 2 : 0;
    }
    if (b[*i] >= 0xC2 && b[*i] <= 0xDF && *i + 1 < len &&
        (b[*i + 1] & 0xC0) == 0x80) {
        cp = ((b[*i] & 0x1F) << 6) | (b[*i + 1] & 0x3F);
        *i += 2;
    } else {
        *i += sv__utf8_decode(b + *i, len - *i, &cp);
        if (cp < 0)
            return -1;
    }
    sb = u_getIntPropertyValue(cp, UCHAR_SENTENCE_BREAK);
    if (sb == U_SB_ATERM || sb == U_SB_STERM || sb == U_SB_SEP)
        return 1;
    return sb == U_SB_OLETTER || sb == U_SB_UPPER || sb == U_SB_LOWER ? 2
                                                                      : 0;
}

/* The '.' at text[i] is one own_cands() proposes a boundary after
 * (period_at: closers, white space, then a capital or a digit), with only
 * ASCII closers and spaces between, which ICU's rules class as Close and
 * Sp.  ICU breaks after such a stop only where its "Close* Sp*" run ends
 * (UAX #29 SB9-SB11), which is that same candidate with the same origin,
 * or not at all: either way the candidates are the same, so ICU need not
 * be asked about it.  A separator right after would join ICU's run. */
static int covered_stop(const char *text, size_t i, size_t pe)
{
    const unsigned char *b = (const unsigned char *)text;
    size_t k = text[i] == '.' ? period_at(text, pe, i) : 0, j;

    if (!k)
        return 0;
    for (j = i + 1; j < k; j++) {
        if (b[j] != ' ' && b[j] != '\t' && b[j] != '\n' && b[j] != '\r' &&
            b[j] != '"' && b[j] != '\'' && b[j] != ')' && b[j] != ']')
            return 0;
    }
    return !(b[k] == 0xC2 && k + 1 < pe && b[k + 1] == 0x85) &&
           !(b[k] == 0xE2 && k + 2 < pe && b[k + 1] == 0x80 &&
             (b[k + 2] == 0xA8 || b[k + 2] == 0xA9));
}

/* Terminators (Sentence_Break ATerm, STerm, Sep) of the paragraph
 * text[ps..pe) before end (relative) that ICU must be asked about (not
 * covered_stop) into s->terms, relative, by their first byte: 0 when
 * there are none, 1 when there are some, -1 when there are some and the
 * text is not valid UTF-8 (or when out of memory: *rc). */
static int find_terms(sv__segmenter *s, const char *text, size_t ps,
                      size_t end, size_t pe, int *rc)
{
    const unsigned char *b = (const unsigned char *)text + ps;
    size_t i = 0, at;
    int invalid = 0, c;

    s->n_terms = 0;
    *rc = SV_OK;
    while (i < end) {
        /* basic Cyrillic (U+0400..U+047F) holds no terminator */
        while (i + 1 < end && (b[i] == 0xD0 || b[i] == 0xD1) &&
               (b[i + 1] & 0xC0) == 0x80)
            i += 2;
        if (i >= end)
            break;
        at = i;
        if (b[i] >= 0xC2 && b[i] <= 0xD3 && b[i] != 0xCD && i + 1 < end &&
            (b[i + 1] & 0xC0) == 0x80 && !(b[i] == 0xC2 && b[i + 1] == 0x85)) {
            i += 2; /* no terminator either (icu_cannot_break's list) */
            continue;
        }
        c = sb_class(b, &i, end);
        invalid |= c < 0;
        if (c == 1 && !covered_stop(text, ps + at, pe)) {
            void *arr = s->terms;

            *rc = reserve_one(&arr, &s->cap_terms, s->n_terms,
                              sizeof(size_t));
            s->terms = arr;
            if (*rc < 0)
                return -1;
            s->terms[s->n_terms++] = at;
        } else if (c >= 0 && b[at] < 0x80) {
            i = next_stop_or_high(b, i, end); /* ASCII without stops */
        }
    }
    return s->n_terms == 0 ? 0 : invalid ? -1 : 1;
}

/* Where ICU's context for the terminator at b[t] starts: margin bytes
 * before it, on an ASCII byte (never a combining mark, so SB5 attaches
 * nothing across it). */
static size_t context_start(const unsigned char *b, size_t t, size_t margin)
{
    size_t w = t > margin ? t - margin : 0;

    while (w > 0 && b[w] >= 0x80)
        w--;
    return w;
}

/* Where it ends: margin bytes after the first letter or terminator that
 * follows the terminator (its closers, spaces and other marks between),
 * on a code point boundary. */
static size_t context_end(const unsigned char *b, size_t t, size_t plen,
                          size_t margin)
{
    size_t i = t, w;

    sb_class(b, &i, plen); /* the terminator */
    while (i < plen && sb_class(b, &i, plen) <= 0)
        ;
    w = plen - i > margin ? i + margin : plen;
    while (w < plen && (b[w] & 0xC0) == 0x80)
        w++;
    return w;
}

/* ICU's candidates for paragraph base[0..plen) from the windows of it
 * that decide them.  UAX #29's sentence rules, which ICU follows (its
 * monkey tests check each position against them), decide a boundary from
 * local context: a terminator or separator before it (SB4, SB9-SB11),
 * with its closers and spaces and the character before it (SB7), and
 * after it the text up to the next letter or terminator (SB8, SB8a);
 * ICU's abbreviation filter reads at most margin bytes around that
 * (window_margin).  So each terminator before the final run
 * (icu_cannot_break: its breaks fall at the paragraph's end, where they
 * are dropped), unless covered_stop, needs the text from context_start
 * to context_end;
 * overlapping contexts make one window, and the text between windows,
 * with no terminator, has no boundary.  ICU's break at a window's end is
 * dropped as the paragraph's is.  1 when the paragraph is not valid
 * UTF-8 (the caller's whole-paragraph path; a candidate found twice is
 * merged with itself). */
static int icu_windows(sv__segmenter *s, const char *text, size_t ps,
                       size_t pe)
{
    const char *base = text + ps;
    const unsigned char *b = (const unsigned char *)base;
    size_t k = 0, n, w0, w1, plen = pe - ps;
    int rc, found = find_terms(s, text, ps, final_run(b, plen), pe, &rc);

    if (found <= 0)
        return found < 0 ? (rc < 0 ? rc : 1) : SV_OK;
    n = s->n_terms;
    while (k < n) {
        w0 = context_start(b, s->terms[k], s->margin);
        w1 = context_end(b, s->terms[k++], plen, s->margin);
        while (k < n && context_start(b, s->terms[k], s->margin) < w1)
            w1 = context_end(b, s->terms[k++], plen, s->margin);
        if ((rc = icu_cands16(s, base + w0, w1 - w0, ps + w0)) != SV_OK)
            return rc; /* 1 (cannot be: the text was checked) falls back */
    }
    return SV_OK;
}

static int icu_cands(sv__segmenter *s, const char *text, size_t ps,
                     size_t pe)
{
    const char *base = text + ps;
    size_t plen = pe - ps, k;
    UErrorCode st = U_ZERO_ERROR;
    int32_t b;
    int rc;

    if (s->own_periods && plen < INT32_MAX) {
        if ((rc = icu_windows(s, text, ps, pe)) <= 0)
            return rc;
    } else if (icu_cannot_break(base, plen)) {
        return SV_OK;
    } else if (plen < INT32_MAX && (rc = icu_cands16(s, base, plen, ps)) <= 0) {
        return rc;
    }
    /* not valid UTF-8: a UTF-8 UText over a copy, line breaks as spaces */
    if (memchr(base, '\n', plen) || memchr(base, '\r', plen)) {
        sv_buf_clear(&s->scratch);
        if ((rc = sv_buf_put(&s->scratch, base, plen)) < 0)
            return rc;
        for (k = 0; k < plen; k++)
            if (s->scratch.ptr[k] == '\n' || s->scratch.ptr[k] == '\r')
                s->scratch.ptr[k] = ' ';
        base = s->scratch.ptr;
    }
    s->ut = utext_openUTF8(s->ut, base, (int64_t)plen, &st);
    ubrk_setUText(s->bi, s->ut, &st);
    if (U_FAILURE(st)) {
        snprintf(s->errmsg, sizeof(s->errmsg), "ICU ubrk_setUText: %s",
                 u_errorName(st));
        return SV_ERROR;
    }
    ubrk_first(s->bi);
    while ((b = ubrk_next(s->bi)) != UBRK_DONE && (size_t)b < plen)
        if ((rc = add_cand(s, ps + (size_t)b, FROM_ICU)) < 0)
            return rc;
    return SV_OK;
}

/* The mark at b[i] is followed by white space or the end: never a glued
 * end (sv__glued_end wants a capital, a quote or a mark next), so the
 * common ". " skips the call. */
static int spaced_after(const unsigned char *b, size_t i, size_t end)
{
    return i + 1 >= end || b[i + 1] == ' ' || b[i + 1] == '\n' ||
           b[i + 1] == '\t' || b[i + 1] == '\r';
}

static int own_cands(sv__segmenter *s, const char *text, size_t ps,
                     size_t pe)
{
    const unsigned char *u = (const unsigned char *)text;
    size_t i, b;
    int rc;

    for (i = next_mark(u, ps, pe); i < pe; i = next_mark(u, i + 1, pe)) {
        char c = text[i];

        if (c == '\n') {
            if ((s->flags & SV__SEG_LINES) ||
                newline_breaks(text, pe, ps, i))
                if ((rc = add_cand(s, i + 1, FROM_NEWLINE)) < 0)
                    return rc;
        } else if ((c == '.' || c == '!' || c == '?') &&
                   !(s->flags & SV__SEG_NO_GLUED) && !spaced_after(u, i, pe) &&
                   (b = sv__glued_end(text, pe, i, seg_abbrev,
                                      s)) != 0) {
            if ((rc = add_cand(s, b, FROM_GLUED)) < 0)
                return rc;
        } else if (c == '.' && s->own_periods &&
                   (b = period_at(text, pe, i)) != 0) {
            if ((rc = add_cand(s, b, FROM_ICU)) < 0)
                return rc;
        }
    }
    return SV_OK;
}

/* [a, z) holds a letter or digit (a sentence is more than punctuation). */
static int has_word_char(const char *text, size_t a, size_t z)
{
    while (a < z) {
        uint32_t cp;
        size_t n = sv__cp_next(text, z, a, &cp);
        sv__cclass c = sv__cclass_of(cp);

        if (c == SV__CC_LETTER || c == SV__CC_DIGIT)
            return 1;
        a += n;
    }
    return 0;
}

/* Segment one paragraph [ps, pe). */
static int split_region(sv__segmenter *s, const char *text, size_t ps,
                        size_t pe)
{
    size_t k, s0 = ps;
    unsigned flags = SV__SENT_PARA_START;
    int rc;

    s->n_cands = 0;
    if ((rc = icu_cands(s, text, ps, pe)) < 0 ||
        (rc = own_cands(s, text, ps, pe)) < 0)
        return rc;
    sort_cands(s->cands, s->n_cands);
    for (k = 0; k < s->n_cands; k++) {
        size_t b = s->cands[k].pos;
        unsigned from = s->cands[k].from;

        while (k + 1 < s->n_cands && s->cands[k + 1].pos == b)
            from |= s->cands[++k].from;
        if (b <= s0 || b >= pe)
            continue;
        if (from == FROM_ICU && veto(s, text, pe, s0, b))
            continue;
        if (!has_word_char(text, s0, b))
            continue; /* "US.“But": the quote belongs to the next one */
        if ((rc = emit(s, text, pe, s0, b, flags)) < 0)
            return rc;
        if (rc > 0)
            flags = 0;
        if (from & FROM_GLUED)
            flags |= SV__SENT_GLUED;
        s0 = b;
    }
    if ((rc = emit(s, text, pe, s0, pe, flags)) < 0)
        return rc;
    return SV_OK;
}

/* End of the paragraph starting at p: the first blank line (a line of
 * spaces/tabs/CR only), or len.  *next gets the start of the following
 * paragraph's search. */
static size_t paragraph_end(const char *text, size_t len, size_t p,
                            size_t *next)
{
    const char *nl;

    while (p < len && (nl = memchr(text + p, '\n', len - p)) != NULL) {
        size_t q = (size_t)(nl - text) + 1;

        while (q < len && (text[q] == ' ' || text[q] == '\t' ||
                           text[q] == '\r'))
            q++;
        if (q < len && text[q] == '\n') {
            *next = q + 1;
            return (size_t)(nl - text);
        }
        p = q;
    }
    *next = len;
    return len;
}

int sv__segmenter_split(sv__segmenter *s, const char *text, size_t len,
                        const sv__sentence **sents, size_t *n)
{
    size_t p = 0, next, e;
    int rc;

    SV_ASSERT_ARG(s && sents && n && (text || len == 0));
    s->errmsg[0] = '\0';
    s->n_sents = 0;
    *sents = NULL;
    *n = 0;
    if (len > (size_t)INT32_MAX) {
        snprintf(s->errmsg, sizeof(s->errmsg),
                 "text of %zu bytes exceeds the 2 GiB segmenter limit", len);
        return SV_ETOOBIG;
    }
    while (p < len) {
        if (s->flags & SV__SEG_NO_PARAGRAPHS) {
            e = next = len;
        } else {
            e = paragraph_end(text, len, p, &next);
        }
        if ((rc = split_region(s, text, p, e)) < 0)
            return rc;
        p = next;
    }
    *sents = s->sents;
    *n = s->n_sents;
    return SV_OK;
}

const char *sv__segmenter_errmsg(const sv__segmenter *s)
{
    return s ? s->errmsg : "";
}

/* ---- life cycle ----------------------------------------------------------- */

/* The project's own period rules are written for Russian and English. */
static int ru_en_or_root(const char *lang)
{
    if (!lang || !lang[0] || strcmp(lang, "und") == 0 || lang[0] == '@')
        return 1;
    if (strncmp(lang, "ru", 2) != 0 && strncmp(lang, "en", 2) != 0)
        return 0;
    return lang[2] == '\0' || lang[2] == '_' || lang[2] == '-' ||
           lang[2] == '@';
}

/* Longest abbreviation, in UTF-8 bytes, that ICU's "@ss=standard"
 * filter suppresses breaks after for loc (its brkitr data,
 * exceptions/SentenceBreak, read as ICU reads it); 0 without any, -1
 * when the data cannot be read. */
static int32_t longest_exception(const char *loc)
{
    UErrorCode st = U_ZERO_ERROR;
    UResourceBundle *b = ures_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING
                                   "brkitr", loc, &st);
    UResourceBundle *e = ures_getByKey(b, "exceptions", NULL, &st);
    UResourceBundle *list = ures_getByKey(e, "SentenceBreak", NULL, &st);
    int32_t k, n = U_SUCCESS(st) ? ures_getSize(list) : 0, best = 0;

    for (k = 0; k < n && best >= 0; k++) {
        UErrorCode sk = U_ZERO_ERROR;
        int32_t len = 0, bytes = 0;
        const UChar *u = ures_getStringByIndex(list, k, &len, &sk);

        if (U_SUCCESS(sk))
            u_strToUTF8(NULL, 0, &bytes, u, len, &sk); /* preflight */
        if (sk != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(sk))
            best = -1;
        else if (bytes > best)
            best = bytes;
    }
    ures_close(list);
    ures_close(e);
    ures_close(b);
    if (st == U_MISSING_RESOURCE_ERROR)
        return 0;
    return U_FAILURE(st) ? -1 : best;
}

/* Bytes of context icu_window() keeps: ICU's abbreviation filter walks
 * back from a break over one space and at most the longest exception,
 * reading one more code point (4 bytes) to see it end, and forward as far
 * from where a match starts; so the longest exception (of the language,
 * and of English and Russian, whose lists apply to mixed text through
 * fallback) plus 8, at least 24; 64 when ICU's data cannot be read. */
static size_t window_margin(const char *lang)
{
    int32_t en = longest_exception("en"), ru = longest_exception("ru");
    int32_t own = lang && lang[0] ? longest_exception(lang) : 0;
    int32_t most = en > ru ? en : ru;

    if (en < 0 || ru < 0)
        return 64;
    if (own > most)
        most = own;
    return most + 8 > 24 ? (size_t)most + 8 : 24;
}

/* "ru" -> "ru@ss=standard"; NULL/""/"und" -> "@ss=standard" (root). */
static int make_locale(char *out, size_t size, const char *lang)
{
    int n;

    if (!lang || !lang[0] || strcmp(lang, "und") == 0)
        lang = "";
    if (strchr(lang, '@'))
        n = snprintf(out, size, "%s", lang);
    else
        n = snprintf(out, size, "%s@ss=standard", lang);
    return n < 0 || (size_t)n >= size ? SV_EINVAL : SV_OK;
}

int sv__segmenter_new(sv__segmenter **out, const sv__segmenter_opts *opts,
                      sv_error *err)
{
    sv__segmenter *s = NULL;
    char locale[128];
    UErrorCode st = U_ZERO_ERROR;
    int rc;

    SV_ASSERT_ARG(out);
    *out = NULL;
    if ((rc = make_locale(locale, sizeof(locale), opts ? opts->lang : NULL))
        < 0) {
        sv__error_set(err, rc, "language tag too long");
        goto done;
    }
    s = sv__calloc(1, sizeof(*s));
    if (!s || !(s->abbr = sv__hashmap_new(512))) {
        rc = sv__error_oom(err);
        goto done;
    }
    s->flags = opts ? opts->flags : 0;
    s->own_periods = ru_en_or_root(opts ? opts->lang : NULL);
    if (s->own_periods)
        s->margin = window_margin(opts ? opts->lang : NULL);
    if ((rc = add_builtin(s->abbr)) < 0 ||
        (opts && opts->abbrev_en &&
         (rc = add_data(s->abbr, opts->abbrev_en, opts->abbrev_en_len)) < 0) ||
        (opts && opts->abbrev_ru &&
         (rc = add_data(s->abbr, opts->abbrev_ru, opts->abbrev_ru_len)) < 0)) {
        sv__error_oom(err);
        goto done;
    }
    s->bi = ubrk_open(UBRK_SENTENCE, locale, NULL, 0, &st);
    if (U_FAILURE(st)) {
        rc = sv__error_set(err, SV_ERROR, "ICU ubrk_open(%s): %s", locale,
                           u_errorName(st));
        goto done;
    }
    *out = s;
    s = NULL;
    rc = SV_OK;
done:
    sv__segmenter_free(s);
    return rc;
}

void sv__segmenter_free(sv__segmenter *s)
{
    if (!s)
        return;
    if (s->bi)
        ubrk_close(s->bi);
    if (s->ut)
        utext_close(s->ut);
    sv__hashmap_free(s->abbr);
    sv_buf_dispose(&s->scratch);
    sv__free(s->u16);
    sv__free(s->cands);
    sv__free(s->terms);
    sv__free(s->sents);
    sv__free(s);
}

/* ---- public API ----------------------------------------------------------- */

int sv_segment_options_init(sv_segment_options *opts, unsigned int version)
{
    static const sv_segment_options init = SV_SEGMENT_OPTIONS_INIT;

    SV_ASSERT_ARG(opts);
    if (version != SV_SEGMENT_OPTIONS_VERSION)
        return SV_EINVAL;
    *opts = init;
    return SV_OK;
}

int sv_segmenter_new(sv_segmenter **out, const sv_segment_options *opts,
                     sv_error *err)
{
    static const sv_segment_options defaults = SV_SEGMENT_OPTIONS_INIT;
    sv__segmenter_opts o = {NULL, 0, NULL, 0, NULL, 0};
    sv__segmenter *s = NULL;
    int rc;

    SV_ASSERT_ARG(out);
    *out = NULL;
    if (!opts)
        opts = &defaults;
    if (opts->version != SV_SEGMENT_OPTIONS_VERSION)
        return sv__error_set(err, SV_EINVAL,
                             "unknown sv_segment_options version %u",
                             opts->version);
    o.lang = opts->lang;
    o.flags = (opts->paragraphs ? 0 : SV__SEG_NO_PARAGRAPHS) |
              (opts->glued ? 0 : SV__SEG_NO_GLUED) |
              (opts->lines ? SV__SEG_LINES : 0);
    if ((rc = sv__segmenter_new(&s, &o, err)) < 0)
        goto done;
    if (opts->resources && sv_resources_dicts_dir(opts->resources) &&
        (rc = sv__segmenter_load_abbrevs(
             s, sv_resources_dicts_dir(opts->resources))) < 0) {
        sv__error_set(err, rc, "%s", s->errmsg[0] ? s->errmsg
                                                  : sv_strerror(rc));
        goto done;
    }
    *out = s;
    s = NULL;
done:
    sv__segmenter_free(s);
    return rc;
}

void sv_segmenter_free(sv_segmenter *seg)
{
    sv__segmenter_free(seg);
}

int sv_segment_spans(sv_segmenter *seg, const char *text, size_t text_len,
                     const sv_sentence **sentences, size_t *count)
{
    SV_ASSERT_ARG(seg && sentences && count);
    return sv__segmenter_split(seg, text, text_len, sentences, count);
}

int sv_segment_run(sv_segmenter *seg, const char *text, size_t text_len,
                   sv_segment_cb cb, void *payload)
{
    const sv_sentence *v;
    size_t n, k;
    int rc;

    SV_ASSERT_ARG(seg && cb);
    if ((rc = sv__segmenter_split(seg, text, text_len, &v, &n)) < 0)
        return rc;
    for (k = 0; k < n; k++)
        if ((rc = cb(&v[k], payload)) != 0)
            return rc;
    return SV_OK;
}

const char *sv_segmenter_errmsg(const sv_segmenter *seg)
{
    return sv__segmenter_errmsg(seg);
}
