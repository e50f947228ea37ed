/* SPDX-License-Identifier: MIT */
/*
 * The pipeline's fast path: one byte loop per line proves that no enabled
 * step can change the line (a necessary condition of every step fails), so
 * the pipeline copies it through untouched and runs the steps only on the
 * lines that need them.  The tests here are supersets of the steps' own
 * triggers: a line wrongly called dirty costs time, never a difference.
 */
#include "normalize/fastpath.h"

#include "base/utf8.h"
#include "lang/unorm.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#ifdef SV_HAVE_MOJIBAKE
#include "normalize/mojibake.h"
#endif

/* What an ASCII byte asks for. */
enum {
    A_NONE = 0,
    A_DIRTY,  /* a control character: the controls step deletes it */
    A_SPACE,  /* look at the next byte: runs, stray space, " - " */
    A_COMMA,  /* a comma glued to a letter (punctuation) */
    A_END,    /* . ! ? : a glued sentence? */
    A_AMP,    /* an entity, when that step runs */
    A_HIGH    /* a non-ASCII character */
};

static unsigned char byte_class(unsigned c)
{
    if (c >= 0x80)
        return A_HIGH;
    if ((c < 0x20 && c != '\t') || c == 0x7F)
        return A_DIRTY;
    switch (c) {
    case ' ':
        return A_SPACE;
    case ',':
        return A_COMMA;
    case '.':
    case '!':
    case '?':
        return A_END;
    case '&':
        return A_AMP;
    default:
        return A_NONE;
    }
}

static int ascii_letter(unsigned c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int is_hspace(unsigned c)
{
    return c == ' ' || c == '\t';
}

/* After a space: a second space or tab, a hyphen (" - "), or sentence
 * punctuation (a stray space, ". . .") may be changed. */
static int space_trigger(unsigned d)
{
    return d == ' ' || d == '\t' || d == '-' || d == ',' || d == '.' ||
           d == ';' || d == ':' || d == '!' || d == '?';
}

/* A comma before a letter may be a glued comma ("said,that"). */
static int comma_trigger(unsigned d)
{
    return ascii_letter(d) || (d >= 0xC3 && d <= 0xD4) || d == 0xE1;
}

static int closer_byte(const unsigned char *s, size_t i, size_t le,
                       size_t *n)
{
    unsigned c = s[i];

    *n = 1;
    if (c == ')' || c == ']' || c == '"' || c == '\'')
        return 1;
    if (c == 0xC2 && i + 1 < le && s[i + 1] == 0xBB) { /* » */
        *n = 2;
        return 1;
    }
    if (c == 0xE2 && i + 2 < le && s[i + 1] == 0x80 &&
        (s[i + 2] == 0x99 || s[i + 2] == 0x9D)) { /* ’ ” */
        *n = 3;
        return 1;
    }
    return 0;
}

/* At s[i] in ".!?": 0 when the glued step cannot insert a space here (the
 * next sentence does not start right after the punctuation and any
 * closing quotes or brackets); *next is where the scan goes on. */
static int end_trigger(const unsigned char *s, size_t i, size_t le,
                       size_t *next)
{
    size_t j = i + 1, n;
    unsigned d;

    while (j < le && (s[j] == '.' || s[j] == '!' || s[j] == '?'))
        j++;
    *next = j;
    if (j == le)
        return 0;
    d = s[j];
    if (is_hspace(d) || (d >= '0' && d <= '9') || (d >= 'a' && d <= 'z') ||
        d == ',' || d == ';' || d == ':')
        return 0;
    if (!closer_byte(s, j, le, &n))
        return 1;
    while (j < le && closer_byte(s, j, le, &n))
        j += n;
    *next = j;
    return j < le && !is_hspace(s[j]);
}

/* Non-ASCII characters that the controls, spaces or punctuation steps
 * change: C1 controls, no-break and other Unicode spaces, soft hyphen,
 * zero-width and bidi characters, dash look-alikes, CJK punctuation and
 * fullwidth forms, the BOM. */
static int high_trigger(uint32_t cp)
{
    if (cp < 0x100)
        return cp < 0xA1 || cp == 0xAD;
    if (cp < 0x600)
        return 0;
    if (cp == 0x61C || cp == 0x1680 || cp == 0x180E)
        return 1;
    if (cp >= 0x2000 && cp <= 0x206F)
        return cp <= 0x200F || cp == 0x2012 || cp == 0x2015 ||
               (cp >= 0x2028 && cp <= 0x202F) || cp >= 0x205F;
    return cp == 0x2212 || (cp >= 0x3000 && cp <= 0x30FF) || cp == 0xFEFF ||
           (cp >= 0xFF00 && cp <= 0xFFEF);
}

void sv__fast_init(sv__fast *f, const uint8_t *norm_safe, unsigned steps)
{
    unsigned c;

    f->norm_safe = (steps & SV_STEP_UNICODE) ? norm_safe : NULL;
    f->mojibake = (steps & SV_STEP_MOJIBAKE) != 0;
    f->entities = (steps & SV_STEP_ENTITIES) != 0;
    for (c = 0; c < 256; c++)
        f->cls[c] = byte_class(c);
    if (!f->entities)
        f->cls['&'] = A_NONE;
    /* U+0400..U+047F (lead bytes D0, D1) are all normalized here? */
    f->cyr_safe = 1;
    for (c = 0x400; f->norm_safe && c < 0x480; c++)
        if (!sv__unorm_is_safe(f->norm_safe, c))
            f->cyr_safe = 0;
}

/* Eight bytes at a time (little-endian only: the first interesting byte
 * is found by counting trailing zeros). */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define FAST_WORDS 1
#else
#define FAST_WORDS 0
#endif

/* 0x80 in each byte of v the byte loop must look at: controls, non-ASCII,
 * . , ! ? (and & for entities), and a space followed by a byte that makes
 * it interesting.  Only the lowest flag is exact (borrows run upwards). */
static uint64_t interesting(const sv__fast *f, uint64_t v)
{
    uint64_t sp = sv__eq_bytes(v, ' ');
    uint64_t punct = sv__eq_bytes(v, ',') | sv__eq_bytes(v, '.') |
                     sv__eq_bytes(v, '!') | sv__eq_bytes(v, '?');
    uint64_t after = sp | punct | sv__eq_bytes(v, '\t') |
                     sv__eq_bytes(v, '-') | sv__eq_bytes(v, ';') |
                     sv__eq_bytes(v, ':');
    uint64_t m = (v & SV__HIGHS) |
                 (((v & ~SV__HIGHS) - SV__ONES * 0x20) & ~v & SV__HIGHS) |
                 sv__eq_bytes(v, 0x7F) | punct | ((after >> 8) & sp);

    if (f->entities)
        m |= sv__eq_bytes(v, '&');
    return m;
}

#if defined(__SSE2__)
/* Sixteen bytes at a time: the flags of interesting() for s[i, i+16),
 * with the byte after each space read from the next position. */
static unsigned interesting16(const sv__fast *f, const unsigned char *p)
{
    const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    const __m128i nx =
        _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
#define EQ(x, c) _mm_cmpeq_epi8((x), _mm_set1_epi8((char)(c)))
    /* ", " and ". " are the common case and need no look: a comma only
     * before a letter (ASCII or not), . ! ? only before other than a space
     * or tab (end_trigger, comma_trigger) */
    __m128i lower = _mm_or_si128(nx, _mm_set1_epi8(0x20));
    __m128i letter = _mm_or_si128(
        _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                      _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1))),
        _mm_cmplt_epi8(nx, _mm_setzero_si128()));
    __m128i spaced = _mm_or_si128(EQ(nx, ' '), EQ(nx, '\t'));
    __m128i punct = _mm_or_si128(
        _mm_and_si128(EQ(v, ','), letter),
        _mm_andnot_si128(spaced,
                         _mm_or_si128(EQ(v, '.'),
                                      _mm_or_si128(EQ(v, '!'), EQ(v, '?')))));
    /* signed: non-ASCII bytes are below 0x20 too */
    __m128i m = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                             _mm_or_si128(EQ(v, 0x7F), punct));
    __m128i after = _mm_or_si128(
        _mm_or_si128(_mm_or_si128(EQ(nx, ' '), EQ(nx, '\t')),
                     _mm_or_si128(EQ(nx, '-'), EQ(nx, ';'))),
        _mm_or_si128(
            _mm_or_si128(EQ(nx, ':'), EQ(nx, ',')),
            _mm_or_si128(_mm_or_si128(EQ(nx, '.'), EQ(nx, '!')), EQ(nx, '?'))));

    m = _mm_or_si128(m, _mm_and_si128(EQ(v, ' '), after));
    if (f->entities)
        m = _mm_or_si128(m, EQ(v, '&'));
#undef EQ
    return (unsigned)_mm_movemask_epi8(m);
}
#endif

/* Skip from s[i] over bytes that need no look; a space at the end of a
 * block is looked at with the next block's first byte. */
static size_t skip_plain(const sv__fast *f, const unsigned char *s, size_t i,
                         size_t le)
{
#if defined(__SSE2__)
    while (i + 17 <= le) {
        unsigned m = interesting16(f, s + i);

        if (m)
            return i + (size_t)__builtin_ctz(m);
        i += 16;
    }
#endif
#if FAST_WORDS
    while (i + 8 <= le) {
        uint64_t m = interesting(f, sv__load8((const char *)s + i));

        if (m)
            return i + (size_t)__builtin_ctzll(m) / 8;
        if (s[i + 7] == ' ')
            return i + 7;
        i += 8;
    }
#else
    (void)f;
    (void)s;
    (void)le;
#endif
    return i;
}

/* Letters of a word around non-ASCII letters: a word that mixes Latin and
 * Cyrillic is the homoglyphs step's.  ASCII letters are seen only from
 * the non-ASCII letters next to them. */
typedef struct word_state {
    unsigned mix; /* 1 Latin, 2 Cyrillic */
    size_t end;   /* where the last non-ASCII letter ended */
} word_state;

static int word_mixed(word_state *w, const unsigned char *s, size_t ls,
                      size_t le, size_t i, size_t n, uint32_t cp)
{
    unsigned script;

    if (s[i] == 0xD0 || s[i] == 0xD1) {
        script = 2;
    } else if (sv__cp_is_letter(cp)) {
        int sc = sv__cp_script(cp);

        script = sc == SV__SC_LATIN ? 1 : sc == SV__SC_CYRILLIC ? 2 : 0;
    } else {
        w->mix = 0;
        return 0;
    }
    if (w->end != i) {
        w->mix = 0;
        if (i > ls && ascii_letter(s[i - 1]))
            w->mix = 1;
    }
    w->mix |= script;
    w->end = i + n;
    if (i + n < le && ascii_letter(s[i + n]))
        w->mix |= 1;
    return w->mix == 3;
}

/* A run of characters U+0400..U+047F from s[*i]: all letters of one
 * script; the word mixes scripts when ASCII letters touch it or it
 * continues a word with Latin letters (word_mixed).  *moj is set when the
 * mojibake scan must see the line: the word is not one it passes without
 * a look (Russian letters, a capital at most first, no ё after a capital
 * В..Я as in "Рё", which is и read as windows-1251, not ending in Р, a
 * lost no-break space as in "Р оссия"); SV__FAST_BAD when the bytes are
 * not UTF-8. */
static int cyrillic_run(word_state *w, const unsigned char *s, size_t ls,
                        size_t le, size_t *i, unsigned *moj)
{
    size_t a = *i, j = a;
    unsigned odd = 0;

    do {
        unsigned c;

        if (j + 1 >= le || ((c = s[j + 1]) & 0xC0) != 0x80) {
            *moj = SV__FAST_BAD;
            *i = le;
            return 0;
        }
        odd |= (s[j] & 1) ? (c > 0x8F && c != 0x91)
                          : ((c < 0x90 && c != 0x81) || (j > a && c < 0xB0));
        j += 2;
    } while (j < le && (s[j] == 0xD0 || s[j] == 0xD1));
    if (!*moj &&
        (odd || (s[j - 2] == 0xD0 && s[j - 1] == 0xA0) ||
         (j >= a + 4 && s[a] == 0xD0 && s[a + 1] >= 0x92 && s[a + 1] <= 0xAF &&
          s[a + 2] == 0xD1 && s[a + 3] == 0x91)))
        *moj = 1;
    if (w->end != a)
        w->mix = a > ls && ascii_letter(s[a - 1]);
    w->mix |= 2;
    w->end = *i = j;
    if (j < le && ascii_letter(s[j]))
        w->mix |= 1;
    return w->mix == 3;
}

/* A sign at s[i] (code point cp) the mojibake scan passes: a benign one
 * (C2 xx or E2 xx xx) or a character from U+0800 up outside E2 xx xx,
 * not right after a capital В..Я (the tail of "Р°" is а in UTF-8 read as
 * windows-1251). */
static int plain_sign(const unsigned char *s, size_t ls, size_t i,
                      uint32_t cp)
{
#ifdef SV_HAVE_MOJIBAKE
    unsigned c = s[i];

    if (i >= ls + 2 && s[i - 2] == 0xD0 && s[i - 1] >= 0x92 &&
        s[i - 1] <= 0xAF)
        return 0;
    if (c == 0xC2 || c == 0xE2)
        return sv__mojibake_benign(cp);
    return c >= 0xE0;
#else
    (void)s;
    (void)ls;
    (void)i;
    (void)cp;
    return 1;
#endif
}

/* The ends of a line: trailing spaces (spaces), a hyphen at the end
 * joined with the next line (hyphenation, *join). */
static unsigned line_end_steps(const unsigned char *s, size_t ls, size_t le,
                               int has_nl, unsigned *join)
{
    size_t e = le;
    unsigned st = 0;

    while (e > ls && is_hspace(s[e - 1]))
        e--;
    if (e < le)
        st |= SV_STEP_SPACES;
    if (has_nl && e > ls && s[e - 1] == '-') {
        st |= SV_STEP_HYPHENATION;
        *join = SV__FAST_JOIN;
    }
    return st;
}

/* Controls, spaces and punctuation steps' non-ASCII characters. */
static unsigned high_steps(uint32_t cp)
{
    if (cp < 0x100)
        return cp == 0xA0 ? SV_STEP_SPACES
               : cp < 0xA0 || cp == 0xAD ? SV_STEP_CONTROLS
                                         : 0;
    if (!high_trigger(cp))
        return 0;
    if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
        cp == 0x205F || cp == 0x3000)
        return SV_STEP_SPACES | (cp == 0x3000 ? SV_STEP_PUNCTUATION : 0);
    if (cp == 0x2012 || cp == 0x2015 || cp == 0x2212 ||
        (cp >= 0x3000 && cp <= 0x30FF) || (cp >= 0xFF00 && cp <= 0xFFEF))
        return SV_STEP_PUNCTUATION;
    return SV_STEP_CONTROLS;
}

/* A non-ASCII character at s[i] (n bytes, code point cp): the steps it
 * may wake. */
static unsigned high_flags(const sv__fast *f, word_state *w,
                           const unsigned char *s, size_t ls, size_t le,
                           size_t i, size_t n, uint32_t cp)
{
    unsigned st = high_steps(cp);

    if (f->norm_safe && !sv__unorm_is_safe(f->norm_safe, cp))
        st |= SV_STEP_UNICODE;
    if (word_mixed(w, s, ls, le, i, n, cp))
        st |= SV_STEP_HOMOGLYPHS;
    return st;
}

/* After a space: which step the next byte may wake. */
static unsigned space_steps(unsigned d)
{
    if (d == ' ')
        return SV_STEP_SPACES | SV_STEP_PUNCTUATION;
    return d == '\t' ? SV_STEP_SPACES : SV_STEP_PUNCTUATION;
}

/* The steps that may change the line in[ls, le); *join set when it
 * goes with the next line, to SV__FAST_BAD when the line is not valid
 * UTF-8 (the scan checks every non-ASCII byte). */
static unsigned scan_line(const sv__fast *f, const char *in, size_t ls,
                          size_t le, int has_nl, unsigned *join)
{
    const unsigned char *s = (const unsigned char *)in;
    unsigned st, moj = 0;
    size_t i = ls, n;
    word_state w = {0, (size_t)-1};

    if (ls == le)
        return SV_STEP_SPACES; /* blank lines: the spaces step counts them */
    st = line_end_steps(s, ls, le, has_nl, join);
    while (i < le) {
        unsigned c = s[i];

        switch (f->cls[c]) {
        case A_NONE:
            i = skip_plain(f, s, i + 1, le);
            continue;
        case A_SPACE:
            if (i + 1 < le && space_trigger(s[i + 1]))
                st |= space_steps(s[i + 1]);
            i++;
            continue;
        case A_COMMA:
            if (i + 1 < le && comma_trigger(s[i + 1]))
                st |= SV_STEP_PUNCTUATION;
            i++;
            continue;
        case A_END:
            if (end_trigger(s, i, le, &i))
                st |= SV_STEP_GLUED;
            continue;
        case A_HIGH: {
            int32_t cp;

            if ((c == 0xD0 || c == 0xD1) && f->cyr_safe) {
                if (cyrillic_run(&w, s, ls, le, &i, &moj))
                    st |= SV_STEP_HOMOGLYPHS;
                if (moj == SV__FAST_BAD)
                    break;
                continue;
            }
            n = sv__utf8_decode(s + i, le - i, &cp);
            if (cp < 0) {
                moj = SV__FAST_BAD;
                break;
            }
            st |= high_flags(f, &w, s, ls, le, i, n, (uint32_t)cp);
            if (!moj && !plain_sign(s, ls, i, (uint32_t)cp))
                moj = 1;
            i += n;
            continue;
        }
        case A_AMP:
            st |= SV_STEP_ENTITIES;
            i++;
            continue;
        default: /* A_DIRTY */
            st |= SV_STEP_CONTROLS;
            i++;
            continue;
        }
        break; /* invalid UTF-8 */
    }
    if (moj == SV__FAST_BAD) {
        *join = SV__FAST_BAD;
        return 0;
    }
#ifdef SV_HAVE_MOJIBAKE
    if (moj && f->mojibake && !sv__mojibake_plain(in, ls, le))
        st |= SV_STEP_MOJIBAKE;
#else
    (void)moj;
#endif
    return st;
}

/* The unicode step normalizes an unsafe character together with the one
 * before it: at the start of a line, that is the previous line's newline,
 * which the edit then covers.  Whether an unsafe character ends up first
 * depends on the steps before it (a deleted zero-width space, a repaired
 * word), so any line those steps or unicode may change takes the
 * previous line along. */
unsigned sv__fast_line(const sv__fast *f, const char *in, size_t ls,
                       size_t le, int has_nl, unsigned *steps)
{
    unsigned join = 0, fl;

    *steps = scan_line(f, in, ls, le, has_nl, &join);
    if (join == SV__FAST_BAD)
        return SV__FAST_BAD;
    if (!*steps)
        return 0;
    fl = SV__FAST_DIRTY | join;
    if (f->norm_safe &&
        (*steps & (SV_STEP_MOJIBAKE | SV_STEP_ENTITIES | SV_STEP_CONTROLS |
                   SV_STEP_UNICODE)))
        fl |= SV__FAST_PREV;
    return fl;
}

