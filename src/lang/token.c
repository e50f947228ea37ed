/* SPDX-License-Identifier: MIT */
/*
 * The word tokenizer (see token.h for the decisions it makes), the number
 * parser shared by the tokenizer and the number normaliser, and month
 * names.  No allocation; ASCII bytes never reach the Unicode tables.
 */
#include "lang/token.h"

#include <math.h>

#include <unicode/uchar.h>

#include "base/utf8.h"
#include "lang/wordcase.h"

/* ---- code points ------------------------------------------------------ */

/* Decoding with the ASCII and two-byte (Latin, Cyrillic) cases inline:
 * they are nearly all of our text. */
static size_t cp_at(const char *text, size_t len, size_t pos, uint32_t *cp)
{
    unsigned char b = (unsigned char)text[pos];

    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    if (b >= 0xC2 && b <= 0xDF && pos + 1 < len &&
        ((unsigned char)text[pos + 1] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(b & 0x1F) << 6) |
              ((unsigned char)text[pos + 1] & 0x3F);
        return 2;
    }
    return sv__cp_next(text, len, pos, cp);
}

static sv__cclass cls(uint32_t cp)
{
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
        (cp >= 0x400 && cp <= 0x45F && cp != 0x482))
        return SV__CC_LETTER;
    return sv__cclass_of(cp);
}

static int is_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static int is_apostrophe(uint32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

static int is_hyphen(uint32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

/* Spaces that may separate thousands groups: SP, NBSP, figure space,
 * thin space, narrow NBSP. */
static int is_group_space(uint32_t cp)
{
    return cp == ' ' || cp == 0xA0 || cp == 0x2007 || cp == 0x2009 ||
           cp == 0x202F;
}

static int letter_or_mark(uint32_t cp)
{
    sv__cclass c = cls(cp);

    return c == SV__CC_LETTER || c == SV__CC_MARK;
}

static int word_char(uint32_t cp)
{
    sv__cclass c = cls(cp);

    return c == SV__CC_LETTER || c == SV__CC_MARK || c == SV__CC_DIGIT;
}

/* A letter, mark or digit starts at t[q] (q < len)? */
static int word_char_at(const char *t, size_t len, size_t q)
{
    uint32_t cp;

    if (q >= len)
        return 0;
    cp_at(t, len, q, &cp);
    return word_char(cp);
}

/* ---- numbers ---------------------------------------------------------- */

#define MAX_GROUPS 16

/* A run of digit groups: group k is [gs[k], ge[k]); sep[k] joins group
 * k-1 and k (',', '.', or ' ' for any group space). */
typedef struct numparse {
    size_t gs[MAX_GROUPS], ge[MAX_GROUPS];
    char sep[MAX_GROUPS];
    unsigned n;         /* groups */
    size_t end;         /* end of the valid digits part */
    int decimal;        /* index of the group after the decimal mark, or 0 */
    int grouped;        /* thousands separators present */
    int dotted;         /* "16.02.2022", "1.2.3": kept as written */
} numparse;

static size_t digits_end(const char *t, size_t len, size_t p)
{
    while (p < len && t[p] >= '0' && t[p] <= '9')
        p++;
    return p;
}

/* Greedy scan of groups from pos (a digit). */
static void scan_groups(const char *t, size_t len, size_t pos, numparse *np)
{
    size_t p = digits_end(t, len, pos);

    np->n = 1;
    np->gs[0] = pos;
    np->ge[0] = p;
    np->sep[0] = 0;
    while (np->n < MAX_GROUPS && p < len) {
        uint32_t cp;
        size_t n = cp_at(t, len, p, &cp), e;
        char s;

        if (p + n >= len || !is_digit((unsigned char)t[p + n]))
            break;
        e = digits_end(t, len, p + n);
        if (cp == ',' || cp == '.') {
            s = (char)cp;
        } else if (is_group_space(cp)) {
            /* only "1-3 digits, then 3-digit groups", never a year
             * followed by a count ("2022 100") */
            if (np->ge[0] - np->gs[0] > 3 || e - (p + n) != 3)
                break;
            if (np->sep[np->n - 1] != 0 && np->sep[np->n - 1] != ' ')
                break;
            s = ' ';
        } else {
            break;
        }
        np->gs[np->n] = p + n;
        np->ge[np->n] = e;
        np->sep[np->n] = s;
        np->n++;
        p = e;
    }
}

static size_t glen(const numparse *np, unsigned k)
{
    return np->ge[k] - np->gs[k];
}

/* Decide what the separators mean; cut the groups back to a valid
 * prefix.  lang decides the ambiguous single ',' or '.' before exactly 3
 * digits (see token.h). */
static void interpret(numparse *np, sv__langid lang)
{
    unsigned k, last = np->n - 1;
    char tsep = 0, dsep;
    int cyr = lang == SV__LANGID_RU || lang == SV__LANGID_UK ||
              lang == SV__LANGID_BG || lang == SV__LANGID_SR;

    np->decimal = 0;
    np->grouped = 0;
    np->dotted = 0;
    if (np->n == 1)
        goto out;
    dsep = np->sep[last];
    if (np->n == 2 && dsep != ' ') { /* "8.4", "1,5", "1,500", "1.500" */
        if (glen(np, 1) == 3 && glen(np, 0) <= 3 &&
            ((dsep == ',' && !cyr) || (dsep == '.' && cyr)))
            np->grouped = 1;
        else
            np->decimal = 1;
        goto out;
    }
    /* thousands separators: every sep before the last is the same and
     * every group after one of them has 3 digits */
    for (k = 1; k < np->n; k++) {
        if (k == last && np->sep[k] != ' ' && np->sep[k] != tsep &&
            tsep != 0) {
            np->decimal = (int)k; /* "146,000.5", "1 000,5" */
            break;
        }
        if (tsep == 0)
            tsep = np->sep[k];
        if (np->sep[k] != tsep || glen(np, k) != 3 || glen(np, 0) > 3)
            break;
        np->grouped = 1;
    }
    if (k == np->n || np->decimal)
        goto out;
    /* not a thousands pattern */
    np->grouped = 0;
    for (k = 1; k < np->n && np->sep[k] == '.'; k++)
        ;
    if (k == np->n) {
        np->dotted = 1; /* "16.02.2022", "1.2.3" */
        goto out;
    }
    np->n = 1; /* "1,2,3" is a list: the number is "1" */
out:
    np->end = np->ge[np->n - 1];
}

/* Letters of a number suffix at p: returns the end, or p when none. */
static size_t suffix_end(const char *t, size_t len, size_t p, int *is_word)
{
    size_t q = p, letters = 0;
    uint32_t cp;

    *is_word = 0;
    if (p < len && t[p] == '-') {
        q = p + 1;
        while (q < len) {
            size_t n = cp_at(t, len, q, &cp);

            if (!letter_or_mark(cp))
                break;
            q += n;
            letters++;
        }
        if (letters == 0)
            return p;
        if (letters > 3 || word_char_at(t, len, q)) {
            *is_word = 1; /* "5-летний" */
            return p;
        }
        return q;
    }
    /* "1st", "2nd", "3rd", "20th" */
    while (q < len && ((t[q] >= 'a' && t[q] <= 'z') ||
                       (t[q] >= 'A' && t[q] <= 'Z')))
        q++;
    if (q == p)
        return p;
    if (q - p == 2 && !word_char_at(t, len, q)) {
        char a = (char)(t[p] | 0x20), b = (char)(t[p + 1] | 0x20);

        if ((a == 's' && b == 't') || (a == 'n' && b == 'd') ||
            (a == 'r' && b == 'd') || (a == 't' && b == 'h'))
            return q;
    }
    *is_word = 1; /* "5G", "3D", "10km" */
    return p;
}

/* ---- tokenizer -------------------------------------------------------- */

void sv__tok_init(sv__tokenizer *t, const char *text, size_t len,
                  unsigned opts)
{
    t->text = text;
    t->len = text ? len : 0;
    t->pos = 0;
    t->opts = opts;
    t->sent_start = 1;
    t->after_stop = 0;
}

/* Case and script bookkeeping for one letter of a word. */
typedef struct word_state {
    unsigned upper, lower, scripts; /* scripts: bit per script counted */
    int first; /* -1 unknown, 1 upper, 0 lower */
    unsigned n_script[SV__SCRIPT_COUNT];
} word_state;

static void note_letter(word_state *ws, uint32_t cp)
{
    sv__script s;

    if (cp < 0x80) {
        s = SV__SCRIPT_LATIN;
        if (cp <= 'Z') {
            ws->upper++;
            if (ws->first < 0)
                ws->first = 1;
        } else {
            ws->lower++;
            if (ws->first < 0)
                ws->first = 0;
        }
    } else if (cp >= 0x400 && cp <= 0x45F) { /* basic Cyrillic */
        s = SV__SCRIPT_CYRILLIC;
        if (cp < 0x430) {
            ws->upper++;
            if (ws->first < 0)
                ws->first = 1;
        } else {
            ws->lower++;
            if (ws->first < 0)
                ws->first = 0;
        }
    } else {
        s = sv__script_of(cp);
        if (cp >= 0x100 && !(cp >= 0x400 && cp < 0x460)) {
            if (u_isupper((UChar32)cp)) { /* "Ćwikła", "Ґонта", "Ωμέγα" */
                ws->upper++;
                if (ws->first < 0)
                    ws->first = 1;
            } else if (u_islower((UChar32)cp)) {
                ws->lower++;
                if (ws->first < 0)
                    ws->first = 0;
            }
        } else if (sv__cp_lower(cp) != cp) {
            ws->upper++;
            if (ws->first < 0)
                ws->first = 1;
        } else if (sv__cp_upper(cp) != cp) {
            ws->lower++;
            if (ws->first < 0)
                ws->first = 0;
        }
    }
    if (s != SV__SCRIPT_COMMON && s != SV__SCRIPT_INHERITED) {
        ws->n_script[s]++;
        ws->scripts |= 1u << s;
    }
}

static void word_flags(const word_state *ws, sv__token *out)
{
    unsigned k, best = 0, strong = 0;

    out->script = SV__SCRIPT_COMMON;
    /* only Latin or only Cyrillic, as nearly every word: nothing to
     * compare (any other mix goes through the counts) */
    if (ws->scripts == 1u << SV__SCRIPT_LATIN ||
        ws->scripts == 1u << SV__SCRIPT_CYRILLIC) {
        out->script = ws->scripts == 1u << SV__SCRIPT_LATIN
                          ? SV__SCRIPT_LATIN
                          : SV__SCRIPT_CYRILLIC;
        strong = 1;
    }
    for (k = strong ? SV__SCRIPT_COUNT : 0; k < SV__SCRIPT_COUNT; k++) {
        if (ws->n_script[k] == 0)
            continue;
        strong++;
        if (ws->n_script[k] > best) {
            best = ws->n_script[k];
            out->script = (sv__script)k;
        }
    }
    if (strong > 1)
        out->flags |= SV__TOKF_MIXED;
    if (ws->n_script[SV__SCRIPT_LATIN])
        out->flags |= SV__TOKF_LATIN;
    if (ws->n_script[SV__SCRIPT_CYRILLIC])
        out->flags |= SV__TOKF_CYRILLIC;
    if (ws->first == 1)
        out->flags |= SV__TOKF_CAP;
    if (ws->upper >= 2 && ws->lower == 0)
        out->flags |= SV__TOKF_ALLCAPS;
}

/* The plain letters from p (ASCII and basic Cyrillic U+0400..U+045F),
 * counted as note_letter would count them but without classifying each
 * code point: most words are only these, and the general loop in
 * scan_word goes on from wherever this stops. */
/* U+0430..U+045F (а..я, ѐ..џ) at s[p]: D0 B0..BF or D1 80..9F. */
static int lower_cyrillic(const unsigned char *s, size_t p, size_t len)
{
    return p + 1 < len && ((s[p] == 0xD0 && s[p + 1] >= 0xB0 &&
                            s[p + 1] <= 0xBF) ||
                           (s[p] == 0xD1 && s[p + 1] >= 0x80 &&
                            s[p + 1] <= 0x9F));
}

static size_t scan_plain(const char *t, size_t len, size_t p,
                         word_state *ws)
{
    const unsigned char *s = (const unsigned char *)t;

    while (p < len) {
        unsigned char b = s[p];
        int up;

        if ((unsigned char)(b - 'a') < 26) {
            /* a run of ASCII lowercase, most of most words: counted at
             * once */
            size_t from = p;

            do
                p++;
            while (p < len && (unsigned char)(s[p] - 'a') < 26);
            ws->n_script[SV__SCRIPT_LATIN] += (unsigned)(p - from);
            ws->scripts |= 1u << SV__SCRIPT_LATIN;
            ws->lower += (unsigned)(p - from);
            if (ws->first < 0)
                ws->first = 0;
            continue;
        }
        if ((b == 0xD0 || b == 0xD1) && lower_cyrillic(s, p, len)) {
            size_t from = p; /* the same for basic Cyrillic lowercase */

            do
                p += 2;
            while (p < len && lower_cyrillic(s, p, len));
            ws->n_script[SV__SCRIPT_CYRILLIC] += (unsigned)(p - from) / 2;
            ws->scripts |= 1u << SV__SCRIPT_CYRILLIC;
            ws->lower += (unsigned)(p - from) / 2;
            if (ws->first < 0)
                ws->first = 0;
            continue;
        }
        if ((unsigned char)(b - 'A') < 26) {
            up = 1;
            ws->n_script[SV__SCRIPT_LATIN]++;
            ws->scripts |= 1u << SV__SCRIPT_LATIN;
            p++;
        } else if ((b == 0xD0 || b == 0xD1) && p + 1 < len &&
                   (s[p + 1] & 0xC0) == 0x80 &&
                   (b == 0xD0 || s[p + 1] <= 0x9F)) {
            up = b == 0xD0 && s[p + 1] < 0xB0; /* U+0400..U+042F */
            ws->n_script[SV__SCRIPT_CYRILLIC]++;
            ws->scripts |= 1u << SV__SCRIPT_CYRILLIC;
            p += 2;
        } else {
            break;
        }
        ws->upper += (unsigned)up;
        ws->lower += (unsigned)!up;
        if (ws->first < 0)
            ws->first = up;
    }
    return p;
}

/* A word from p (letters, marks, digits, inner apostrophes/hyphens). */
static size_t scan_word(const char *t, size_t len, size_t p, sv__token *out)
{
    word_state ws = {0, 0, 0, -1, {0}};
    const unsigned char *u = (const unsigned char *)t;
    int done;

    p = scan_plain(t, len, p, &ws);
    /* ended by an ASCII space or punctuation, as most words are: it
     * cannot continue the word (only digits, apostrophes and hyphens
     * among ASCII non-letters can) */
    done = p < len && u[p] < 0x80 && u[p] != '\'' && u[p] != '-' &&
           (u[p] < '0' || u[p] > '9');
    while (!done && p < len) {
        uint32_t cp, nx = 0;
        size_t n = cp_at(t, len, p, &cp);
        sv__cclass c = cls(cp);

        if (c == SV__CC_LETTER) {
            note_letter(&ws, cp);
        } else if (c == SV__CC_DIGIT) {
            out->flags |= SV__TOKF_DIGIT;
        } else if (c != SV__CC_MARK) {
            int apos = is_apostrophe(cp), hyph = is_hyphen(cp);

            if (!apos && !hyph)
                break;
            if (p + n < len)
                cp_at(t, len, p + n, &nx);
            if (apos ? cls(nx) != SV__CC_LETTER : !word_char(nx))
                break;
            out->flags |= apos ? SV__TOKF_APOS : SV__TOKF_HYPHEN;
        }
        p += n;
    }
    word_flags(&ws, out);
    return p;
}

static size_t scan_number(const char *t, size_t len, size_t p,
                          sv__token *out)
{
    numparse np;
    size_t e;
    int is_word;

    scan_groups(t, len, p, &np);
    interpret(&np, SV__LANGID_UND);
    e = suffix_end(t, len, np.end, &is_word);
    if (is_word && np.n == 1) {
        out->kind = SV__TOK_WORD;
        out->flags |= SV__TOKF_DIGIT;
        return scan_word(t, len, p, out);
    }
    out->flags |= SV__TOKF_DIGIT;
    if (np.grouped)
        out->flags |= SV__TOKF_GROUPED;
    if (np.decimal)
        out->flags |= SV__TOKF_DECIMAL;
    if (e > np.end)
        out->flags |= SV__TOKF_SUFFIX;
    return e;
}

static int is_stop(uint32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

static unsigned punct_side(uint32_t cp)
{
    switch (cp) {
    case '(': case '[': case '{': case 0xAB: case 0x201C: case 0x201E:
    case 0x2018: case 0x2039:
        return SV__TOKF_OPEN;
    case ')': case ']': case '}': case 0xBB: case 0x201D: case 0x2019:
    case 0x203A:
        return SV__TOKF_CLOSE;
    default:
        return 0;
    }
}

static size_t scan_space(const char *t, size_t len, size_t p,
                         sv__token *out)
{
    int line_blank = 0; /* only spaces since the last line break */

    while (p < len) {
        uint32_t cp;
        size_t n = cp_at(t, len, p, &cp);

        if (cp == '\n' || cp == 0x2029) {
            if (line_blank)
                out->flags |= SV__TOKF_PARA;
            out->flags |= SV__TOKF_NEWLINE;
            line_blank = 1;
        } else if (cls(cp) != SV__CC_SPACE) {
            break;
        }
        p += n;
    }
    return p;
}

/* Sentence-start bookkeeping after a token. */
static void track_sentence(sv__tokenizer *t, sv__token *out)
{
    switch (out->kind) {
    case SV__TOK_WORD:
    case SV__TOK_NUMBER:
        if (t->sent_start)
            out->flags |= SV__TOKF_SENT_START;
        t->sent_start = 0;
        t->after_stop = 0;
        break;
    case SV__TOK_SPACE:
        if (t->after_stop || (out->flags & SV__TOKF_PARA))
            t->sent_start = 1;
        t->after_stop = 0;
        break;
    case SV__TOK_PUNCT:
        if (is_stop(out->cp))
            t->after_stop = 1;
        else if (!(out->flags & SV__TOKF_CLOSE))
            t->after_stop = 0;
        break;
    default:
        t->after_stop = 0;
        break;
    }
}

static int next_one(sv__tokenizer *t, sv__token *out)
{
    const char *s = t->text;
    size_t p = t->pos, n, e;
    uint32_t cp;
    sv__cclass c;

    if (p >= t->len)
        return 0;
    if (s[p] == ' ' && (p + 1 == t->len || ((unsigned char)s[p + 1] > ' ' &&
                                            (unsigned char)s[p + 1] < 0x80))) {
        /* one ASCII space before a non-space, as between most words:
         * the token scan_space would make, without classifying */
        out->start = p;
        out->end = t->pos = p + 1;
        out->kind = SV__TOK_SPACE;
        out->flags = SV__TOKF_ASCII;
        out->cp = 0;
        out->script = SV__SCRIPT_COMMON;
        track_sentence(t, out);
        return 1;
    }
    n = cp_at(s, t->len, p, &cp);
    c = cls(cp);
    out->start = p;
    out->flags = 0;
    out->cp = 0;
    out->script = SV__SCRIPT_COMMON;
    if (c == SV__CC_LETTER) {
        out->kind = SV__TOK_WORD;
        e = scan_word(s, t->len, p, out);
    } else if (is_digit(cp)) {
        out->kind = SV__TOK_NUMBER;
        e = scan_number(s, t->len, p, out);
    } else if (c == SV__CC_SPACE) {
        out->kind = SV__TOK_SPACE;
        e = scan_space(s, t->len, p, out);
    } else if (c == SV__CC_PUNCT) {
        out->kind = SV__TOK_PUNCT;
        out->cp = cp;
        out->flags = punct_side(cp);
        e = p + n;
        if (cp == '.' || cp == '!' || cp == '?' || cp == '-')
            while (e < t->len && (unsigned char)s[e] == cp)
                e++;
    } else if (c == SV__CC_SYMBOL || c == SV__CC_DIGIT) {
        out->kind = c == SV__CC_DIGIT ? SV__TOK_NUMBER : SV__TOK_SYMBOL;
        out->cp = cp;
        e = p + n;
    } else {
        out->kind = SV__TOK_OTHER;
        out->cp = cp;
        e = p + n;
    }
    out->end = e;
    t->pos = e;
    for (; p < e && (unsigned char)s[p] < 0x80; p++)
        ;
    if (p == e)
        out->flags |= SV__TOKF_ASCII;
    track_sentence(t, out);
    return 1;
}

int sv__tok_next(sv__tokenizer *t, sv__token *out)
{
    while (next_one(t, out)) {
        if (out->kind != SV__TOK_SPACE || !(t->opts & SV__TOK_SKIP_SPACE))
            return 1;
    }
    return 0;
}

size_t sv__tok_possessive_len(const char *text, const sv__token *tok)
{
    size_t len = tok->end - tok->start;
    const unsigned char *e = (const unsigned char *)text + tok->end;

    if (tok->kind != SV__TOK_WORD || len < 3 || (e[-1] | 0x20) != 's')
        return 0;
    if (e[-2] == '\'')
        return len > 2 ? 2 : 0;
    if (len > 4 && e[-2] == 0x99 && e[-3] == 0x80 && e[-4] == 0xE2)
        return 4; /* U+2019 */
    return 0;
}

/* ---- number canon ----------------------------------------------------- */

static int put(char *out, size_t size, size_t *k, char c)
{
    if (*k + 1 >= size)
        return -1;
    out[(*k)++] = c;
    return 0;
}

int sv__number_canon(const char *text, size_t len, sv__langid lang,
                     char *out, size_t out_size, double *value)
{
    numparse np;
    size_t k = 0, p;
    unsigned g;
    double v = 0.0, scale = 0.1;
    int is_word;

    if (!text || !out || out_size == 0 || len == 0 || !is_digit(
            (unsigned char)text[0]))
        return -1;
    scan_groups(text, len, 0, &np);
    interpret(&np, lang);
    if (suffix_end(text, len, np.end, &is_word) != len)
        return -1;
    for (g = 0; g < np.n; g++) {
        int frac = np.decimal && (int)g >= np.decimal;

        if (np.dotted && g > 0 && put(out, out_size, &k, '.') < 0)
            return -1;
        if (frac && (int)g == np.decimal && put(out, out_size, &k, '.') < 0)
            return -1;
        for (p = np.gs[g]; p < np.ge[g]; p++) {
            int d = text[p] - '0';

            if (put(out, out_size, &k, text[p]) < 0)
                return -1;
            if (frac) {
                v += d * scale;
                scale /= 10.0;
            } else {
                v = v * 10.0 + d;
            }
        }
    }
    out[k] = '\0';
    if (value)
        *value = np.dotted ? NAN : v;
    return (int)k;
}

/* ---- months ----------------------------------------------------------- */

/* Lowercase ASCII/Cyrillic word into buf (UTF-8); 0 when too long. */
static size_t fold_word(const char *w, size_t len, char *buf, size_t size)
{
    size_t p = 0, k = 0;

    while (p < len) {
        uint32_t cp;
        size_t n = cp_at(w, len, p, &cp);
        char enc[4];
        size_t el, j;

        if (cp == SV_REPLACEMENT_CHAR)
            return 0;
        el = sv__utf8_encode(sv__cp_lower(cp), enc);
        if (k + el >= size)
            return 0;
        for (j = 0; j < el; j++)
            buf[k++] = enc[j];
        p += n;
    }
    buf[k] = '\0';
    return k;
}

static int str_eq(const char *a, size_t alen, const char *b)
{
    size_t j;

    for (j = 0; j < alen && b[j] && a[j] == b[j]; j++)
        ;
    return j == alen && b[j] == '\0';
}

/* s starts with stem and the rest is one of the endings. */
static int stem_ending(const char *s, size_t len, const char *stem,
                       const char *const *endings)
{
    size_t sl = 0, k;

    while (stem[sl])
        sl++;
    if (len < sl)
        return 0;
    for (k = 0; k < sl; k++)
        if (s[k] != stem[k])
            return 0;
    for (k = 0; endings[k]; k++)
        if (str_eq(s + sl, len - sl, endings[k]))
            return 1;
    return 0;
}

static int month_en(const char *s, size_t len, int capitalised)
{
    static const char *const FULL[12] = {
        "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december"};
    static const char *const ABBR[12] = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
        "oct", "nov", "dec"};
    int m;

    for (m = 0; m < 12; m++) {
        /* "may" and "march" are also verbs: only capitalised */
        if ((m == 2 || m == 4) && !capitalised)
            continue;
        if (str_eq(s, len, FULL[m]) || str_eq(s, len, ABBR[m]))
            return m + 1;
    }
    return str_eq(s, len, "sept") ? 9 : 0;
}

static int month_ru(const char *s, size_t len)
{
    /* UTF-8 stems, lowercase */
    static const char *const SOFT[] = {"\xd1\x8c", "\xd1\x8f", "\xd0\xb5",
                                       "\xd1\x8e", "\xd1\x91\xd0\xbc",
                                       "\xd0\xb5\xd0\xbc", NULL};
    static const char *const HARD[] = {"", "\xd0\xb0", "\xd0\xb5",
                                       "\xd1\x83", "\xd0\xbe\xd0\xbc", NULL};
    static const char *const MAY[] = {"\xd0\xb9", "\xd1\x8f", "\xd0\xb5",
                                      "\xd1\x8e", "\xd0\xb5\xd0\xbc", NULL};
    static const struct { const char *stem; int month; int hard; } M[] = {
        {"\xd1\x8f\xd0\xbd\xd0\xb2\xd0\xb0\xd1\x80", 1, 0},
        {"\xd1\x84\xd0\xb5\xd0\xb2\xd1\x80\xd0\xb0\xd0\xbb", 2, 0},
        {"\xd0\xbc\xd0\xb0\xd1\x80\xd1\x82", 3, 1},
        {"\xd0\xb0\xd0\xbf\xd1\x80\xd0\xb5\xd0\xbb", 4, 0},
        {"\xd0\xbc\xd0\xb0", 5, 2},
        {"\xd0\xb8\xd1\x8e\xd0\xbd", 6, 0},
        {"\xd0\xb8\xd1\x8e\xd0\xbb", 7, 0},
        {"\xd0\xb0\xd0\xb2\xd0\xb3\xd1\x83\xd1\x81\xd1\x82", 8, 1},
        {"\xd1\x81\xd0\xb5\xd0\xbd\xd1\x82\xd1\x8f\xd0\xb1\xd1\x80", 9, 0},
        {"\xd0\xbe\xd0\xba\xd1\x82\xd1\x8f\xd0\xb1\xd1\x80", 10, 0},
        {"\xd0\xbd\xd0\xbe\xd1\x8f\xd0\xb1\xd1\x80", 11, 0},
        {"\xd0\xb4\xd0\xb5\xd0\xba\xd0\xb0\xd0\xb1\xd1\x80", 12, 0}};
    static const struct { const char *abbr; int month; } A[] = {
        {"\xd1\x8f\xd0\xbd\xd0\xb2", 1}, {"\xd1\x84\xd0\xb5\xd0\xb2", 2},
        {"\xd1\x84\xd0\xb5\xd0\xb2\xd1\x80", 2},
        {"\xd0\xb0\xd0\xbf\xd1\x80", 4}, {"\xd0\xb0\xd0\xb2\xd0\xb3", 8},
        {"\xd1\x81\xd0\xb5\xd0\xbd", 9},
        {"\xd1\x81\xd0\xb5\xd0\xbd\xd1\x82", 9},
        {"\xd0\xbe\xd0\xba\xd1\x82", 10},
        {"\xd0\xbd\xd0\xbe\xd1\x8f\xd0\xb1", 11},
        {"\xd0\xb4\xd0\xb5\xd0\xba", 12}};
    size_t k;

    for (k = 0; k < sizeof(M) / sizeof(M[0]); k++) {
        const char *const *end = M[k].hard == 1 ? HARD
                                 : M[k].hard == 2 ? MAY : SOFT;

        if (stem_ending(s, len, M[k].stem, end))
            return M[k].month;
    }
    for (k = 0; k < sizeof(A) / sizeof(A[0]); k++)
        if (str_eq(s, len, A[k].abbr))
            return A[k].month;
    return 0;
}

int sv__month_of(const char *word, size_t len)
{
    char buf[48];
    size_t n;
    uint32_t first;

    if (!word || len == 0)
        return 0;
    if (word[len - 1] == '.')
        len--;
    n = fold_word(word, len, buf, sizeof(buf));
    if (n == 0)
        return 0;
    cp_at(word, len, 0, &first);
    if ((unsigned char)buf[0] < 0x80)
        return month_en(buf, n, sv__cp_lower(first) != first);
    return month_ru(buf, n);
}

/* ---- dates -------------------------------------------------------------- */

/* Value of a NUMBER token as an integer in [lo, hi], or -1. */
static int tok_int(const char *text, const sv__token *tk, int lo, int hi)
{
    char buf[16];
    double v;

    if (tk->kind != SV__TOK_NUMBER || (tk->flags & (SV__TOKF_GROUPED |
                                                    SV__TOKF_DECIMAL)))
        return -1;
    if (sv__number_canon(text + tk->start, tk->end - tk->start,
                         SV__LANGID_UND, buf, sizeof(buf), &v) < 0 ||
        v != v || v < lo || v > hi)
        return -1;
    return (int)v;
}

static int tok_month(const char *text, const sv__token *tk)
{
    if (tk->kind != SV__TOK_WORD)
        return 0;
    return sv__month_of(text + tk->start, tk->end - tk->start);
}

static int tok_is(const char *text, const sv__token *tk, char c)
{
    return tk->kind == SV__TOK_PUNCT && tk->end == tk->start + 1 &&
           text[tk->start] == c;
}

/* "16.02.2022" / "16.02.22": a dotted NUMBER token. */
static int dotted_date(const char *text, const sv__token *tk, sv__date *d)
{
    const char *s = text + tk->start;
    size_t len = tk->end - tk->start, k = 0, g = 0;
    int v[3] = {0, 0, 0};
    size_t digits[3] = {0, 0, 0};

    if (tk->kind != SV__TOK_NUMBER)
        return 0;
    for (; k < len; k++) {
        if (s[k] == '.') {
            if (++g > 2)
                return 0;
        } else if (s[k] >= '0' && s[k] <= '9') {
            if (++digits[g] > 4)
                return 0;
            v[g] = v[g] * 10 + (s[k] - '0');
        } else {
            return 0;
        }
    }
    if (g != 2 || digits[0] > 2 || digits[1] > 2 ||
        (digits[2] != 2 && digits[2] != 4) || v[0] < 1 || v[0] > 31 ||
        v[1] < 1 || v[1] > 12)
        return 0;
    d->day = v[0];
    d->month = v[1];
    d->year = digits[2] == 2 ? 2000 + v[2] : v[2];
    return 1;
}

/* After a month name at tk[0]: "February 16[,] [2022]", "Feb. 16",
 * "February 2022", "феврале 2022". */
static size_t month_first(const char *text, const sv__token *tk, size_t n,
                          int m, sv__date *d)
{
    size_t j = 1, k;
    int a, y;

    d->month = m;
    if (n > 1 && tok_is(text, &tk[1], '.'))
        j = 2; /* "Feb." */
    if (n > j && (a = tok_int(text, &tk[j], 1, 31)) > 0 &&
        tk[j].end - tk[j].start <= 4) {
        d->day = a;
        k = j + 1;
        if (n > k && tok_is(text, &tk[k], ','))
            k++;
        if (n > k && (y = tok_int(text, &tk[k], 1000, 2999)) > 0) {
            d->year = y;
            return k + 1;
        }
        return j + 1;
    }
    if (n > j && (y = tok_int(text, &tk[j], 1000, 2999)) > 0) {
        d->year = y;
        return j + 1;
    }
    return 0;
}

/* Up to 6 tokens from tk[0] starting a date; returns how many it used. */
static size_t date_at(const char *text, const sv__token *tk, size_t n,
                      sv__date *d)
{
    int a, m, y;

    d->year = d->month = d->day = 0;
    if (dotted_date(text, &tk[0], d))
        return 1;
    /* 2022-02-16 */
    if (n >= 5 && (y = tok_int(text, &tk[0], 1000, 2999)) > 0 &&
        tok_is(text, &tk[1], '-') && tok_is(text, &tk[3], '-') &&
        (m = tok_int(text, &tk[2], 1, 12)) > 0 &&
        (a = tok_int(text, &tk[4], 1, 31)) > 0) {
        d->year = y;
        d->month = m;
        d->day = a;
        return 5;
    }
    /* 16 февраля [2022], 16-го февраля, 16 February [2022] */
    if (n >= 2 && (a = tok_int(text, &tk[0], 1, 31)) > 0 &&
        (m = tok_month(text, &tk[1])) > 0) {
        d->day = a;
        d->month = m;
        if (n >= 3 && (y = tok_int(text, &tk[2], 1000, 2999)) > 0) {
            d->year = y;
            return 3;
        }
        return 2;
    }
    if (n < 1 || (m = tok_month(text, &tk[0])) == 0)
        return 0;
    return month_first(text, tk, n, m, d);
}

int sv__date_find(const char *text, size_t len, size_t *pos, sv__date *out)
{
    sv__tokenizer t;
    sv__token tk[6];
    size_t n = 0, used;

    if (!text || !pos || !out || *pos >= len)
        return 0;
    sv__tok_init(&t, text + *pos, len - *pos, SV__TOK_SKIP_SPACE);
    /* a sliding window of 6 tokens over the text */
    while (n < 6 && sv__tok_next(&t, &tk[n]))
        n++;
    while (n > 0) {
        size_t k;

        if ((tk[0].kind == SV__TOK_NUMBER || tk[0].kind == SV__TOK_WORD) &&
            (used = date_at(text + *pos, tk, n, out)) > 0) {
            out->start = *pos + tk[0].start;
            out->end = *pos + tk[used - 1].end;
            *pos = out->end;
            return 1;
        }
        for (k = 1; k < n; k++)
            tk[k - 1] = tk[k];
        n--;
        if (sv__tok_next(&t, &tk[n]))
            n++;
    }
    *pos = len;
    return 0;
}

int sv__date_match(const sv__date *a, const sv__date *b)
{
    if (!a || !b || a->month != b->month)
        return 0;
    if (a->day && b->day && a->day != b->day)
        return 0;
    if (a->year && b->year && a->year != b->year)
        return 0;
    return 1;
}
