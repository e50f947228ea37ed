/* SPDX-License-Identifier: MIT */
/*
 * punctuation step.  Dash look-alikes used as dashes (U+30FC outside kana,
 * U+2015, U+2012 and U+2212 between words, " - " and " -- " between words)
 * become the chosen dash; fullwidth ASCII punctuation outside CJK text
 * becomes ASCII; spaced dots ". . ." become "..."; a stray space before
 * , . ; : ! ? goes; a missing space after a comma glued between two
 * lowercase-continued words is added; quotes and apostrophes follow the
 * quotes/apostrophes options.  Everything that is correct typography stays:
 * « » „ “ in Russian, " — " and " – " dashes, ranges "1941-1945", "5 - 3",
 * list markers "- item", "−5", thousands separators.
 */
#include "normalize/normalize_internal.h"

#include <string.h>

#include "sverka/errors.h"

#define EM_DASH "\xE2\x80\x94"
#define EN_DASH "\xE2\x80\x93"
#define MAX_QUOTE_DEPTH 8

typedef struct punct_state {
    sv__writer w;
    const sv_normalize_options *opts;
    const char *dash;
    sv_lang main_lang;
    /* open double quotes: language of each level */
    unsigned char stack[MAX_QUOTE_DEPTH];
    size_t depth;
} punct_state;

static uint32_t cp_before(const char *in, size_t i)
{
    size_t n;

    return i == 0 ? 0 : sv__cp_at(in, i, sv__cp_before(in, i), &n);
}

static uint32_t cp_after(const char *in, size_t len, size_t i)
{
    size_t n;

    return i >= len ? 0 : sv__cp_at(in, len, i, &n);
}

static size_t utf8_len(uint32_t cp)
{
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

static int is_digit(uint32_t cp) { return cp >= '0' && cp <= '9'; }
static int is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == 0;
}
static int is_kana(uint32_t cp) { return cp >= 0x3040 && cp <= 0x30FF; }
static int is_cjk(uint32_t cp)
{
    return (cp >= 0x3000 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
           (cp >= 0xFF00 && cp <= 0xFFEF);
}
static int is_word(uint32_t cp) { return sv__cp_is_letter(cp) || is_digit(cp); }

static int put_dash(punct_state *st, size_t start, size_t end)
{
    return sv__writer_replace(&st->w, start, end, st->dash, 3);
}

/* ---- dashes -------------------------------------------------------------- */

/* A look-alike at in[i, i+n): is it used as a dash? */
static int dash_like(const char *in, size_t len, size_t i, size_t n,
                     uint32_t cp)
{
    uint32_t p = cp_before(in, i), q = cp_after(in, len, i + n);

    switch (cp) {
    case 0x30FC: /* KATAKANA-HIRAGANA PROLONGED SOUND MARK */
        return !is_kana(p) && !is_kana(q);
    case 0x2015: /* HORIZONTAL BAR */
        return 1;
    case 0x2012: /* FIGURE DASH: keep between digits */
        return !(is_digit(p) && is_digit(q));
    case 0x2212: /* MINUS SIGN: only spaced between words */
        if (p != ' ' || q != ' ')
            return 0;
        p = cp_before(in, i - 1);
        q = cp_after(in, len, i + n + 1);
        return !is_digit(q) && !is_space(p) && sv__cp_is_letter(q);
    default:
        return 0;
    }
}

/* " - " or " -- " at in[i] == ' ': the hyphens' range, or 0. */
static size_t spaced_hyphen(const char *in, size_t len, size_t i,
                            size_t *hend)
{
    size_t j = i + 1;
    uint32_t p, q;

    while (j < len && in[j] == '-' && j - i <= 2)
        j++;
    if (j == i + 1 || j - i > 3 || j >= len || in[j] != ' ')
        return 0;
    p = cp_before(in, i);
    q = cp_after(in, len, j + 1);
    if (is_space(p) || is_space(q) || (is_digit(p) && is_digit(q)))
        return 0;
    /* before a digit a spaced hyphen may be a minus ("COVID - 19",
     * "t - 5"): left alone */
    if (!(is_word(p) || sv__cp_is_closer(p) || p == '.' || p == ',') ||
        !(sv__cp_is_letter(q) || sv__cp_is_quote(q) || q == '('))
        return 0;
    /* "a - b", "x - y": one-letter operands are algebra, not prose */
    if ((sv__cp_is_letter(p) && !sv__cp_is_letter(cp_before(in, sv__cp_before(in, i)))) ||
        (sv__cp_is_letter(q) && !sv__cp_is_letter(cp_after(in, len, j + 1 + utf8_len(q)))))
        return 0;
    *hend = j;
    return i + 1;
}

/* ---- spaces around punctuation ----------------------------------------- */

static int is_sent_punct(char c)
{
    return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' ||
           c == '?';
}

/* Stray spaces at in[i, j) before punctuation: remove them? */
static int stray_space(const char *in, size_t len, size_t i, size_t j)
{
    uint32_t p = cp_before(in, i), after;
    size_t k = j;

    if (!(is_word(p) || p == 0x201D || p == 0xBB || p == ')' || p == ']'))
        return 0;
    while (k < len && is_sent_punct(in[k]))
        k++;
    if (in[j] == '.' &&
        (k - j >= 2 || (j + 5 <= len && memcmp(in + j, ". . .", 5) == 0)))
        return 0; /* " ..." is an ellipsis, spaced on purpose */
    after = cp_after(in, len, k);
    if (is_space(after) || after == 0x201D || after == 0xBB || after == '"')
        return 1;
    return (after == ')' || after == ']') && in[j] != ':' && in[j] != ';';
}

/* The whitespace-delimited token around in[i]. */
static void token_bounds(const char *in, size_t len, size_t i, size_t *s,
                         size_t *e)
{
    size_t a = i, b = i;

    while (a > 0 && !is_space((unsigned char)in[a - 1]))
        a--;
    while (b < len && !is_space((unsigned char)in[b]))
        b++;
    *s = a;
    *e = b;
}

/* "сказал,что" / "said,that": a comma glued between two words of running
 * prose (one comma in the token, letters only, the next word lowercase). */
static int glued_comma(const char *in, size_t len, size_t i)
{
    size_t s, e, k, letters_before = 0, n;
    uint32_t p = cp_before(in, i), q = cp_after(in, len, i + 1);

    if (!sv__cp_is_lower(p) || !sv__cp_is_lower(q) ||
        sv__cp_script(p) != sv__cp_script(q))
        return 0;
    token_bounds(in, len, i, &s, &e);
    for (k = s; k < e; k += n) {
        uint32_t c = sv__cp_at(in, len, k, &n);

        if (k == i)
            continue;
        if (sv__cp_is_letter(c)) {
            letters_before += k < i;
            continue;
        }
        /* trailing sentence punctuation is fine, anything else is not prose */
        if (!(k > i && is_sent_punct(in[k]) && k + n >= e))
            return 0;
    }
    return letters_before >= 3 && e - i >= 3;
}

/* ---- quotes ----------------------------------------------------------- */

static int is_double_quote(uint32_t cp)
{
    return cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x201E ||
           cp == 0xAB || cp == 0xBB || cp == 0x201F;
}

/* Language of the first letter at or after i (up to 64 bytes), else
 * fallback. */
static sv_lang lang_near(const char *in, size_t len, size_t i, int dir,
                         sv_lang fallback)
{
    size_t k, n, steps;

    for (k = i, steps = 0; steps < 64; steps++) {
        uint32_t c;

        if (dir > 0) {
            if (k >= len)
                break;
            c = sv__cp_at(in, len, k, &n);
            k += n;
        } else {
            if (k == 0)
                break;
            k = sv__cp_before(in, k);
            c = sv__cp_at(in, len, k, &n);
        }
        if (sv__cp_script(c) == SV__SC_CYRILLIC)
            return SV_LANG_RU;
        if (sv__cp_script(c) == SV__SC_LATIN)
            return SV_LANG_EN;
        if (c == '\n')
            break;
    }
    return fallback;
}

static int fix_double(punct_state *st, size_t i, size_t n)
{
    const char *in = st->w.in;
    size_t len = st->w.in_len;
    uint32_t p = cp_before(in, i), q = cp_after(in, len, i + n);
    int opening = (is_space(p) || p == '(' || p == '[' || p == 0x2014 ||
                   p == 0x2013 || is_double_quote(p)) && !is_space(q);
    int closing = !is_space(p) && !opening;
    const char *rep;
    sv_lang lang;

    if (st->opts->quotes == SV_QUOTES_ASCII)
        return memcmp(in + i, "\"", 1) == 0 ? SV_OK
               : sv__writer_replace(&st->w, i, i + n, "\"", 1);
    if (opening) {
        lang = lang_near(in, len, i + n, 1, st->main_lang);
        rep = lang == SV_LANG_RU ? (st->depth ? "\xE2\x80\x9E" : "\xC2\xAB")
                                 : "\xE2\x80\x9C";
        if (st->depth < MAX_QUOTE_DEPTH)
            st->stack[st->depth] = (unsigned char)lang;
        st->depth++;
    } else if (closing) {
        if (st->depth > 0 && --st->depth < MAX_QUOTE_DEPTH)
            lang = (sv_lang)st->stack[st->depth];
        else
            lang = lang_near(in, len, i, -1, st->main_lang);
        rep = lang == SV_LANG_RU ? (st->depth ? "\xE2\x80\x9C" : "\xC2\xBB")
                                 : "\xE2\x80\x9D";
    } else {
        return SV_OK;
    }
    if (strlen(rep) == n && memcmp(in + i, rep, n) == 0)
        return SV_OK;
    return sv__writer_replace(&st->w, i, i + n, rep, strlen(rep));
}

static int fix_single(punct_state *st, size_t i, size_t n, uint32_t cp)
{
    const char *in = st->w.in;
    size_t len = st->w.in_len;
    uint32_t p = cp_before(in, i), q = cp_after(in, len, i + n);
    int apostrophe = sv__cp_is_letter(p) && sv__cp_is_letter(q);
    sv_quote_style style = apostrophe ? st->opts->apostrophes
                                      : st->opts->quotes;
    const char *rep;

    if (cp != '\'' && cp != 0x2019 && cp != 0x2018)
        return SV_OK;
    if (style == SV_QUOTES_ASCII)
        rep = "'";
    else if (style != SV_QUOTES_TYPOGRAPHIC)
        return SV_OK;
    else if (apostrophe)
        rep = "\xE2\x80\x99";
    else if ((is_space(p) || p == '(' || is_double_quote(p)) && !is_space(q))
        rep = "\xE2\x80\x98";
    else if (!is_space(p))
        rep = "\xE2\x80\x99";
    else
        return SV_OK;
    if (strlen(rep) == n && memcmp(in + i, rep, n) == 0)
        return SV_OK;
    return sv__writer_replace(&st->w, i, i + n, rep, strlen(rep));
}

/* ---- the scan ----------------------------------------------------------- */

/* Fullwidth ASCII punctuation (not letters or digits: that is NFKC's). */
static int fullwidth_punct(uint32_t cp)
{
    return (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
           (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF5E);
}

static int at_space(punct_state *st, size_t i, size_t *next)
{
    const char *in = st->w.in;
    size_t len = st->w.in_len, j = i, hend = 0, hs;

    while (j < len && in[j] == ' ')
        j++;
    *next = j;
    if (j < len && is_sent_punct(in[j]) && stray_space(in, len, i, j))
        return sv__writer_replace(&st->w, i, j, "", 0);
    if (st->opts->dash != SV_DASH_KEEP && j == i + 1 &&
        (hs = spaced_hyphen(in, len, i, &hend)) > 0) {
        *next = hend;
        return put_dash(st, hs, hend);
    }
    return SV_OK;
}

static int at_dot(punct_state *st, size_t i, size_t *next)
{
    const char *in = st->w.in;
    size_t len = st->w.in_len;

    *next = i + 1;
    /* ". . ." -> "..." (not more dots around it) */
    if (i + 5 <= len && memcmp(in + i, ". . .", 5) == 0 &&
        cp_before(in, i) != '.' && cp_after(in, len, i + 5) != '.' &&
        !(i >= 2 && in[i - 1] == ' ' && in[i - 2] == '.') &&
        !(i + 6 <= len && memcmp(in + i + 5, " .", 2) == 0)) {
        *next = i + 5;
        return sv__writer_replace(&st->w, i, i + 5, "...", 3);
    }
    return SV_OK;
}

static int at_multibyte(punct_state *st, size_t i, size_t n, uint32_t cp)
{
    const char *in = st->w.in;
    size_t len = st->w.in_len;

    if (st->opts->dash != SV_DASH_KEEP && dash_like(in, len, i, n, cp))
        return put_dash(st, i, i + n);
    if (fullwidth_punct(cp) && !is_cjk(cp_before(in, i))) {
        char c = (char)(cp - 0xFF00 + 0x20);

        return sv__writer_replace(&st->w, i, i + n, &c, 1);
    }
    if ((cp == 0x3002 || cp == 0x3001) &&
        sv__cp_script(cp_before(in, i)) != SV__SC_OTHER)
        return sv__writer_replace(&st->w, i, i + n, cp == 0x3002 ? "." : ",",
                                  1);
    if (st->opts->quotes != SV_QUOTES_KEEP && is_double_quote(cp))
        return fix_double(st, i, n);
    if (cp == 0x2019 || cp == 0x2018)
        return fix_single(st, i, n, cp);
    return SV_OK;
}

static int at_ascii(punct_state *st, size_t i, size_t *next)
{
    const char *in = st->w.in;
    char c = in[i];

    *next = i + 1;
    switch (c) {
    case ' ':
        return at_space(st, i, next);
    case '.':
        return at_dot(st, i, next);
    case ',':
        return glued_comma(in, st->w.in_len, i)
                   ? sv__writer_replace(&st->w, i, i + 1, ", ", 2)
                   : SV_OK;
    case '"':
        return st->opts->quotes != SV_QUOTES_KEEP ? fix_double(st, i, 1)
                                                  : SV_OK;
    case '\'':
        return fix_single(st, i, 1, '\'');
    case '\n':
        if (i + 1 < st->w.in_len && in[i + 1] == '\n')
            st->depth = 0; /* quotes do not run across paragraphs */
        return SV_OK;
    default:
        return SV_OK;
    }
}

/* Cheap test on the byte at in[i] (ASCII) and the next one: could
 * at_ascii() change anything here?  Most spaces and commas are followed by
 * a plain letter and need no closer look. */
static int worth_a_look(const char *in, size_t len, size_t i, int quotes)
{
    char c = in[i], d = i + 1 < len ? in[i + 1] : '\0';

    switch (c) {
    case ' ':
        return d == '-' || d == ' ' || is_sent_punct(d);
    case ',':
        return (unsigned char)d >= 0x80 || ((d | 0x20) >= 'a' && (d | 0x20) <= 'z');
    case '.':
        return d == ' ';
    case '"':
    case '\'':
    case '\n':
        return quotes;
    default:
        return 0;
    }
}

#if defined(__SSE2__) && defined(__GNUC__)
/* Sixteen bytes at a time, the loop's eight-byte test below: from s[i],
 * the first byte that may matter (any of 0x21..0x2F, 0x3A..0x3F, newline,
 * lead bytes C2 E2 E3 EF), backed up over the spaces before it (a space
 * is looked at with the byte after it), or a block's final space. */
static size_t skip_plain(const char *s, size_t i, size_t len)
{
    const size_t start = i;

    while (i + 16 <= len) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i m = _mm_or_si128(
            _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x20)),
                          _mm_cmplt_epi8(v, _mm_set1_epi8(0x30))),
            _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x39)),
                          _mm_cmplt_epi8(v, _mm_set1_epi8(0x40))));
        unsigned bits;

        m = _mm_or_si128(
            m, _mm_or_si128(
                   _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')),
                                _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC2))),
                   _mm_or_si128(
                       _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE2)),
                       _mm_or_si128(
                           _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE3)),
                           _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xEF))))));
        bits = (unsigned)_mm_movemask_epi8(m);
        if (bits) {
            size_t k = i + (size_t)__builtin_ctz(bits);

            while (k > start && s[k - 1] == ' ')
                k--;
            return k;
        }
        if (s[i + 15] == ' ')
            return i + 15;
        i += 16;
    }
    return i;
}
#endif

int sv__step_punctuation(const char *in, size_t in_len, sv_buf *out,
                         sv__editlist *edits, const sv__step_env *env)
{
    static const sv_normalize_options defaults = SV_NORMALIZE_OPTIONS_INIT;
    punct_state st;
    size_t i = 0;
    int rc, quotes;

    memset(&st, 0, sizeof(st));
    st.opts = env->opts ? env->opts : &defaults;
    st.dash = st.opts->dash == SV_DASH_EN ? EN_DASH : EM_DASH;
    st.main_lang = env->main_lang == SV_LANG_RU ? SV_LANG_RU : SV_LANG_EN;
    sv__writer_init(&st.w, in, in_len, out, edits, sv__name_punctuation);
    quotes = st.opts->quotes != SV_QUOTES_KEEP ||
             st.opts->apostrophes != SV_QUOTES_KEEP;
    while (i < in_len) {
        unsigned char c = (unsigned char)in[i];
        size_t next, n;

#if defined(__SSE2__) && defined(__GNUC__)
        if (i + 16 <= in_len && (next = skip_plain(in, i, in_len)) != i) {
            i = next;
            continue;
        }
#endif
        if (i + 8 <= in_len) {
            uint64_t v = sv__load8(in + i);

            /* none of ! " ' , - . ; : ? (0x21..0x2F, 0x3A..0x3F), no
             * newline, no lead byte of the characters this step changes
             * (0xC2 « » , 0xE2 dashes and quotes, 0xE3 ー 。, 0xEF
             * fullwidth), and no final space that could precede one of
             * them in the next block; Cyrillic and other letters pass */
            if (!sv__between_bytes(v, 0x20, 0x30) &&
                !sv__between_bytes(v, 0x39, 0x40) && in[i + 7] != ' ' &&
                !(sv__eq_bytes(v, '\n') | sv__eq_bytes(v, 0xC2) |
                  sv__eq_bytes(v, 0xE2) | sv__eq_bytes(v, 0xE3) |
                  sv__eq_bytes(v, 0xEF))) {
                i += 8;
                continue;
            }
        }
        if (c < 0x80) {
            if (!worth_a_look(in, in_len, i, quotes)) {
                i++;
                continue;
            }
            if ((rc = at_ascii(&st, i, &next)) < 0)
                return rc;
            i = next;
            continue;
        }
        if (c < 0xC2 || (c >= 0xC3 && c <= 0xDF) || c >= 0xF0) {
            i++; /* no punctuation of interest starts with these bytes */
            continue;
        }
        {
            uint32_t cp = sv__cp_at(in, in_len, i, &n);

            if ((rc = at_multibyte(&st, i, n, cp)) < 0)
                return rc;
        }
        i += n;
    }
    return sv__writer_finish(&st.w);
}
