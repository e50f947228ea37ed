/* SPDX-License-Identifier: MIT */
/*
 * The mojibake step.  Text is scanned for runs of non-ASCII characters;
 * each suspicious run is re-encoded with the code page a wrong decoder may
 * have used and decoded again as what it really was, and a repaired word
 * replaces the original only when it is structurally sound and clearly more
 * plausible (letter bigrams, letter-class transitions, dictionary hits).
 */
#include "normalize/mojibake.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf_internal.h"
#include "base/utf8.h"
#include "lang/codepage.h"
#include "normalize/normalize_internal.h"

#include "normalize/mojibake_model.inc"

/*
 * How it decides.
 * 1. Fast path (next_suspect/scan_run): ASCII is skipped eight bytes at a
 *    time; a run of non-ASCII characters is plain when it holds only
 *    Russian words with no lowercase-then-capital, no "Рё", no
 *    unpronounceable capitals, accented Latin letters inside ASCII words,
 *    benign signs, or characters no code page here has (CJK...).
 * 2. A suspicious run is re-encoded through each kind of damage (kinds[]),
 *    and for UTF-8 kinds once more (double encodings).  The result is cut
 *    into units: words, and single re-decoded signs.  A word must be
 *    re-decoded whole, in one script, and (single-byte kinds) be Russian
 *    not glued to ASCII letters.  Units are scored before and after with
 *    letter bigrams and class transitions (score_text), plus hunspell when
 *    loaded; a known original word is never changed.  The run takes the
 *    chain whose strong units gain most.
 * 3. Per line, every chain with a strong repair is tried again on all the
 *    line's runs with weak thresholds (propagate/keep_weak): short words
 *    follow their line, and the dominant single-byte chain of a line
 *    damaged throughout overrides other readings.
 * 4. Each repaired unit is one edit.
 */

/* ---- character classes ------------------------------------------------ */

enum {
    C_BOUND, /* start or end of text */
    C_LETTER,
    C_DIGIT,
    C_SPACE,
    C_PUNCT, /* ASCII punctuation, ellipsis */
    C_QUOTE,
    C_APOS,
    C_DASH,
    C_SYM, /* symbols common in running text: € № © ® ° ± § £ • ™ */
    C_SYM_RARE, /* symbols a wrong decoder produces: ¤ ¦ ¬ µ ¶ · ¹ ‡ ‰ ... */
    C_C1,
    C_CTRL,
    C_BOX,
    C_ZW, /* invisible format characters, soft hyphen */
    C_OTHER
};

enum { S_NONE, S_LATIN, S_CYR, S_GREEK };

typedef struct cinfo {
    uint8_t cls;
    uint8_t script;
    uint8_t upper;
    uint8_t ext;  /* accented Latin, non-Russian Cyrillic, Greek */
    uint8_t idx;  /* bigram index: 1..33 Russian, 1..26 English, 0 none */
    uint8_t acro; /* in a short all-capitals Cyrillic word (set by scoring) */
} cinfo;

/* Base letters of U+00C0..U+017F ('*' for the two symbols × ÷). */
static const char latin_base[] =
    "AAAAAAACEEEEIIIIDNOOOOO*OUUUUYTsaaaaaaaceeeeiiiidnooooo*ouuuuyty"
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLlLlN"
    "nNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

static cinfo mk(uint8_t cls)
{
    cinfo c = {cls, S_NONE, 0, 0, 0, 0};
    return c;
}

static cinfo mk_letter(uint8_t script, int upper, int ext, int idx)
{
    cinfo c = {C_LETTER,     script,       (uint8_t)(upper != 0),
               (uint8_t)ext, (uint8_t)idx, 0};
    return c;
}

static cinfo classify_ascii(uint32_t c)
{
    if (c >= 'a' && c <= 'z')
        return mk_letter(S_LATIN, 0, 0, (int)(c - 'a') + 1);
    if (c >= 'A' && c <= 'Z')
        return mk_letter(S_LATIN, 1, 0, (int)(c - 'A') + 1);
    if (c >= '0' && c <= '9')
        return mk(C_DIGIT);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        return mk(C_SPACE);
    if (c < 0x20 || c == 0x7F)
        return mk(C_CTRL);
    if (c == '\'')
        return mk(C_APOS);
    if (c == '"')
        return mk(C_QUOTE);
    return mk(C_PUNCT);
}

static cinfo classify_latin1(uint32_t c)
{
    static const uint32_t common[] = {0xA3, 0xA7, 0xA9, 0xAE, 0xB0, 0xB1};
    size_t i;

    if (c < 0xA0)
        return mk(C_C1);
    if (c == 0xA0)
        return mk(C_SPACE);
    if (c == 0xAB || c == 0xBB)
        return mk(C_QUOTE);
    if (c == 0xAD)
        return mk(C_ZW);
    if (c < 0xC0 || c == 0xD7 || c == 0xF7) {
        for (i = 0; i < sizeof(common) / sizeof(common[0]); i++)
            if (common[i] == c)
                return mk(C_SYM);
        return mk(C_SYM_RARE);
    }
    {
        char b = latin_base[c - 0xC0];
        int up = b >= 'A' && b <= 'Z';
        int lo = up ? b - 'A' : b - 'a';

        return mk_letter(S_LATIN, up, 1, lo + 1);
    }
}

static cinfo classify_cyrillic(uint32_t c)
{
    if (c >= 0x410 && c <= 0x42F)
        return mk_letter(S_CYR, 1, 0, (int)(c - 0x410) + 1);
    if (c >= 0x430 && c <= 0x44F)
        return mk_letter(S_CYR, 0, 0, (int)(c - 0x430) + 1);
    if (c == 0x401) /* the model counts ё as е */
        return mk_letter(S_CYR, 1, 0, 6);
    if (c == 0x451)
        return mk_letter(S_CYR, 0, 0, 6);
    if (c < 0x410)
        return mk_letter(S_CYR, 1, 1, 0);
    if (c < 0x460)
        return mk_letter(S_CYR, 0, 1, 0);
    if (c >= 0x48A && c <= 0x4FF)
        return mk_letter(S_CYR, (c & 1) == 0, 1, 0);
    if (c < 0x482)
        return mk_letter(S_CYR, (c & 1) == 0, 1, 0);
    return mk(C_OTHER);
}

static cinfo classify_punct(uint32_t c)
{
    if (c <= 0x200A || c == 0x202F || c == 0x205F)
        return mk(C_SPACE);
    if ((c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
        (c >= 0x2060 && c <= 0x2064))
        return mk(C_ZW);
    if (c <= 0x2015)
        return mk(C_DASH);
    if (c == 0x2019)
        return mk(C_APOS);
    if ((c >= 0x2018 && c <= 0x201F) || c == 0x2039 || c == 0x203A)
        return mk(C_QUOTE);
    if (c == 0x2026 || c == 0x2028 || c == 0x2029)
        return mk(C_PUNCT);
    if (c == 0x2022)
        return mk(C_SYM);
    return mk(C_SYM_RARE);
}

static cinfo classify_slow(uint32_t c)
{
    if (c < 0x80)
        return classify_ascii(c);
    if (c < 0xC0 || c == 0xD7 || c == 0xF7)
        return classify_latin1(c);
    if (c < 0x180)
        return classify_latin1(c);
    if (c >= 0x400 && c <= 0x4FF)
        return classify_cyrillic(c);
    if (c >= 0x391 && c <= 0x3A9)
        return mk_letter(S_GREEK, 1, 1, 0);
    if (c >= 0x3AC && c <= 0x3CE)
        return mk_letter(S_GREEK, 0, 1, 0);
    if (c >= 0x2000 && c <= 0x206F)
        return classify_punct(c);
    if ((c >= 0x20A0 && c <= 0x20BF) || (c >= 0x2100 && c <= 0x214F))
        return mk(C_SYM); /* currency signs, № ™ ℃ */
    if (c == 0x2212)
        return mk(C_DASH);
    if ((c >= 0x2500 && c <= 0x25A0) || c == 0x2219 || c == 0x221A ||
        c == 0x2248 || c == 0x2264 || c == 0x2265 || c == 0x2320 || c == 0x2321)
        return mk(C_BOX);
    if (c == 0xFEFF)
        return mk(C_ZW);
    if (c == 0x192 || c == 0x2C6 || c == 0x2DC || (c >= 0x2190 && c < 0x2200))
        return mk(C_SYM_RARE);
    return mk(C_OTHER);
}

/* Classes of U+0000..U+04FF, filled once (pthread_once) and immutable
 * afterwards: scoring classifies every character many times. */
#define CLASS_TABLE_SIZE 0x500
static cinfo class_table[CLASS_TABLE_SIZE];
/* ... and of U+2000..U+25FF (punctuation, currency, letterlike, arrows,
 * maths, box drawing), which windows-1252 and KOI8-R decode into */
#define PUNCT_TABLE_FIRST 0x2000
#define PUNCT_TABLE_END 0x2600
static cinfo punct_table[PUNCT_TABLE_END - PUNCT_TABLE_FIRST];
static pthread_once_t class_once = PTHREAD_ONCE_INIT;

/* Each code page's byte for U+0080..U+25FF (0: none; these pages agree
 * with ASCII, so no other character encodes as a byte below 0x80), filled
 * with the class table: re-encoding is the inner loop of every kind. */
#define ENC_TABLE_SIZE 0x2600
static unsigned char enc_table[SV__CP_COUNT][ENC_TABLE_SIZE];

static void fill_class_table(void)
{
    uint32_t c;
    int page;

    for (c = 0; c < CLASS_TABLE_SIZE; c++)
        class_table[c] = classify_slow(c);
    for (c = PUNCT_TABLE_FIRST; c < PUNCT_TABLE_END; c++)
        punct_table[c - PUNCT_TABLE_FIRST] = classify_slow(c);
    for (page = 0; page < SV__CP_COUNT; page++)
        for (c = 0x80; c < ENC_TABLE_SIZE; c++) {
            int b = sv__codepage_encode((sv__codepage)page, c);

            enc_table[page][c] = b < 0x80 ? 0 : (unsigned char)b;
        }
}

/* sv__codepage_encode() through the table. */
static int encode(sv__codepage page, uint32_t ch)
{
    if (ch < 0x80)
        return (int)ch;
    if (ch < ENC_TABLE_SIZE)
        return enc_table[page][ch] ? enc_table[page][ch] : -1;
    return sv__codepage_encode(page, ch);
}

static cinfo classify(uint32_t c)
{
    if (c < CLASS_TABLE_SIZE)
        return class_table[c];
    if (c >= PUNCT_TABLE_FIRST && c < PUNCT_TABLE_END)
        return punct_table[c - PUNCT_TABLE_FIRST];
    return classify_slow(c);
}

/* ---- plausibility score ------------------------------------------------ */
/* Scores are in quarter bits, higher is more plausible.  A letter bigram
 * scores (typical cost - its cost), so ordinary words sum to about zero
 * whatever their length and strings of different lengths compare fairly. */

#define Q_AVG_RU 18    /* typical Russian bigram cost (4.5 bits) */
#define Q_AVG_EN 17    /* typical English bigram cost */
#define Q_CAP 60       /* an "impossible" bigram costs at most 15 bits */
#define Q_SCRIPT -48   /* Latin next to Cyrillic inside a word */
#define Q_CASE -28     /* lowercase followed by uppercase inside a word */
#define Q_EXT_PAIR -16 /* two accented Latin letters in a row */
#define Q_INWORD -24   /* a symbol, quote or dash between two letters */
#define Q_ACRO -4 /* letters of an abbreviation ("МВФ") follow no model */
#define ACRO_MAX 4

static int char_score(cinfo c)
{
    switch (c.cls) {
    case C_LETTER:
        if (!c.ext)
            return 0;
        return c.script == S_CYR ? -12 : -8;
    case C_QUOTE:
    case C_APOS:
    case C_DASH:
        return -2;
    case C_SYM:
        return -4;
    case C_SYM_RARE:
        return -16;
    case C_C1:
        return -80;
    case C_CTRL:
        return -60;
    case C_BOX:
        return -40;
    case C_ZW:
        return -8;
    case C_OTHER:
        return -48;
    default:
        return 0;
    }
}

/* a and b are letters of one script, or one of them is a word boundary */
static int bigram(const cinfo *a, const cinfo *b)
{
    int cost;

    if (a->script == S_CYR || b->script == S_CYR) {
        cost = ru_bigram_cost[a->idx][b->idx];
        return Q_AVG_RU - (cost > Q_CAP ? Q_CAP : cost);
    }
    cost = en_bigram_cost[a->idx][b->idx];
    return Q_AVG_EN - (cost > Q_CAP ? Q_CAP : cost);
}

static int letters_score(const cinfo *a, const cinfo *b)
{
    int s = 0;

    if (a->script != b->script)
        return Q_SCRIPT;
    if (a->acro && b->acro)
        return Q_ACRO;
    if (!a->upper && b->upper)
        s += Q_CASE;
    if (a->script == S_GREEK)
        return s;
    if (a->script == S_CYR && (a->idx == 0 || b->idx == 0))
        return s - 8;
    if (a->script == S_LATIN && a->ext && b->ext)
        s += Q_EXT_PAIR;
    return s + bigram(a, b);
}

/* A letter at the edge of a word: bigram with the boundary, plus what the
 * neighbour on the other side says (a digit or symbol glued to a letter). */
static int edge_score(const cinfo *letter, const cinfo *other, int letter_first)
{
    cinfo bound = mk(C_BOUND);
    int s;

    if (letter->script == S_GREEK || letter->acro ||
        (letter->script == S_CYR && !letter->idx))
        s = 0;
    else
        s = letter_first ? bigram(letter, &bound) : bigram(&bound, letter);
    switch (other->cls) {
    case C_DIGIT:
        return s - 16;
    case C_SYM:
        return s - 12;
    case C_SYM_RARE:
        return s - 20;
    default:
        return s;
    }
}

static int odd_sign(const cinfo *c)
{
    return c->cls == C_SYM || c->cls == C_SYM_RARE || c->cls == C_QUOTE ||
           c->cls == C_APOS || c->cls == C_DASH || c->cls == C_C1 ||
           c->cls == C_BOX;
}

static int pair_score(const cinfo *a, const cinfo *b)
{
    int al = a->cls == C_LETTER, bl = b->cls == C_LETTER;

    if (al && bl)
        return letters_score(a, b);
    if (al)
        return edge_score(a, b, 1);
    if (bl)
        return edge_score(b, a, 0);
    if (odd_sign(a) && odd_sign(b))
        return -16; /* "€™", "‚¬": signs glued together */
    return 0;
}

static int inword_score(const cinfo *prev, const cinfo *c, const cinfo *next)
{
    if (prev->cls != C_LETTER || next->cls != C_LETTER)
        return 0;
    switch (c->cls) {
    case C_SYM:
    case C_SYM_RARE:
    case C_QUOTE:
    case C_DASH:
    case C_DIGIT:
        return Q_INWORD;
    default:
        return 0;
    }
}

/* End of the short all-capitals Cyrillic word starting at s[i], or i when
 * there is none there. */
static size_t acronym_end(const uint32_t *s, size_t n, size_t i)
{
    size_t j;

    for (j = i; j < n && j - i <= ACRO_MAX; j++) {
        cinfo c = classify(s[j]);

        if (c.cls != C_LETTER)
            break;
        if (c.script != S_CYR || !c.upper)
            return i;
    }
    if (j - i < 2 || j - i > ACRO_MAX ||
        (j < n && classify(s[j]).cls == C_LETTER))
        return i;
    return j;
}

/* Score of s[0..n) between the context characters left and right (0 for
 * the start or end of text).  With acro, short all-capitals words are
 * taken as abbreviations, whose letters follow no word model: that benefit
 * of the doubt goes to the text as found, never to a repair. */
static int score_text(const uint32_t *s, size_t n, uint32_t left,
                      uint32_t right, int acro)
{
    cinfo prev2, prev, cur;
    int total = 0;
    size_t i, acro_end = 0;

    prev = left ? classify(left) : mk(C_BOUND);
    prev2 = mk(C_BOUND);
    for (i = 0; i <= n; i++) {
        cur = i < n ? classify(s[i]) : (right ? classify(right) : mk(C_BOUND));
        if (acro && i < n && cur.cls == C_LETTER && prev.cls != C_LETTER &&
            (right == 0 || classify(right).cls != C_LETTER || i + ACRO_MAX < n))
            acro_end = acronym_end(s, n, i);
        if (i < acro_end)
            cur.acro = 1;
        total += pair_score(&prev, &cur);
        if (i < n)
            total += char_score(cur);
        if (i > 0)
            total += inword_score(&prev2, &prev, &cur);
        prev2 = prev;
        prev = cur;
    }
    return total;
}

/* ---- the kinds of mojibake ---------------------------------------------- */

#define DEC_UTF8 (-1)
#define MAX_DEPTH 3

typedef struct kind_def {
    sv__codepage enc; /* the page the wrong decoder used */
    int dec;          /* what the bytes really were: DEC_UTF8 or a page */
} kind_def;

static const kind_def kinds[] = {
    {SV__CP_WINDOWS_1251, DEC_UTF8},
    {SV__CP_WINDOWS_1252, DEC_UTF8},
    {SV__CP_KOI8_R, DEC_UTF8},
    {SV__CP_IBM866, DEC_UTF8},
    {SV__CP_WINDOWS_1252, SV__CP_WINDOWS_1251},
    {SV__CP_WINDOWS_1251, SV__CP_KOI8_R},
    {SV__CP_KOI8_R, SV__CP_WINDOWS_1251},
    {SV__CP_WINDOWS_1251, SV__CP_IBM866},
    {SV__CP_WINDOWS_1252, SV__CP_KOI8_R},
    {SV__CP_WINDOWS_1252, SV__CP_IBM866},
};
#define KIND_COUNT (sizeof(kinds) / sizeof(kinds[0]))

/* Decisions: strong ones stand alone; weak ones are taken only in a line
 * where the same kind of damage was found strongly. */
#define Q_STRONG_UTF8 16
#define Q_STRONG_8BIT 40
#define Q_FLOOR -16
#define Q_WHOLE_FLOOR -40
#define Q_CAPS_FROM_LOWER -8
#define Q_DICT_KNOWN 40
#define Q_DICT_UNKNOWN_8BIT -48

/* Code points a UTF-8 repair may produce: the scripts and punctuation of
 * the text we handle.  Anything else (CJK, IPA, Armenian...) means the
 * bytes were not UTF-8 after all.  C1 controls are allowed because a
 * double encoding passes through them; they score as the damage they are.
 * Text read as windows-1252 may have been any European language; text
 * read as a Cyrillic page was Russian or Western European (windows-1251),
 * or Russian (KOI8-R, IBM866). */
static int utf8_target_ok(sv__codepage wrong, uint32_t c)
{
    if ((c >= 0x400 && c <= 0x45F) || c == 0x490 || c == 0x491 ||
        (c >= 0x2010 && c <= 0x203A) || (c >= 0x200B && c <= 0x200F) ||
        (c >= 0x20A0 && c <= 0x20BF) || /* currency: € ₽ ₴ */
        (c >= 0x2100 && c <= 0x214F) || /* letterlike: № ™ ℃ */
        (c >= 0x2190 && c <= 0x22FF) || /* arrows, maths: → − ≈ */
        c == 0xFEFF || (c >= 0xA0 && c <= 0xBF && wrong != SV__CP_WINDOWS_1252))
        return 1;
    if (wrong == SV__CP_WINDOWS_1252)
        return (c >= 0x80 && c <= 0x17F) || (c >= 0x391 && c <= 0x3CE) ||
               c == 0xFFFD;
    if (wrong == SV__CP_WINDOWS_1251)
        return c >= 0x80 && c <= 0xFF;
    return 0;
}

/* ---- state ---------------------------------------------------------- */

typedef struct mj_elem {
    uint32_t cp;
    uint32_t o0, o1; /* the run's characters [o0, o1) it stands for */
    uint8_t dec;     /* produced by this level's re-decoding */
} mj_elem;

typedef struct mj_unit {
    uint32_t o0, o1;
    size_t rep_off, rep_len;
    int gain;
    int letters;
    int vetoed; /* the original is a known word (weak mode only) */
} mj_unit;

typedef struct mj_units {
    mj_unit *v;
    size_t n, cap;
    sv_buf rep;
    int total;
    int chain;
} mj_units;

typedef struct mj_dec {
    size_t b0, b1; /* input bytes replaced */
    size_t rep_off, rep_len;
    int chain;
    int strong;
    int gain;
    int letters;
    int vetoed;
} mj_dec;

typedef struct mj_state {
    const char *in;
    size_t in_len;
    const sv__step_env *env;
    sv_buf *out;
    sv__editlist *edits;
    size_t copied;

    /* the run under analysis: code points and their byte offsets */
    size_t rs, re;
    uint32_t *cps;
    size_t *off;
    size_t n, cap, off_cap;
    uint32_t left, right; /* ASCII characters around the run, 0 at edges */
    mj_elem *lv[MAX_DEPTH + 1];
    size_t lv_n[MAX_DEPTH + 1], lv_cap[MAX_DEPTH + 1];
    uint32_t *tmp;
    size_t tmp_cap;
    sv_buf word;
    mj_units cur, best;
    int weak; /* propagation mode: weak threshold, forced chain */
    int force;
    /* propagation: words of 3+ letters the forced chain improves, of all
     * such words, and the gain summed over every word of the line */
    int votes_for, votes_all, votes_sum;

    /* decisions in the current line, applied when the line is done */
    mj_dec *dec;
    size_t ndec, dec_cap;
    sv_buf dec_rep;
    size_t group_end;
} mj_state;

static void state_dispose(mj_state *st)
{
    int d;

    sv__free(st->cps);
    sv__free(st->off);
    for (d = 0; d <= MAX_DEPTH; d++)
        sv__free(st->lv[d]);
    sv__free(st->tmp);
    sv_buf_dispose(&st->word);
    sv__free(st->cur.v);
    sv_buf_dispose(&st->cur.rep);
    sv__free(st->best.v);
    sv_buf_dispose(&st->best.rep);
    sv__free(st->dec);
    sv_buf_dispose(&st->dec_rep);
}

/* ---- re-decoding one level ------------------------------------------- */

static size_t utf8_lead_len(uint32_t b)
{
    if (b >= 0xC2 && b <= 0xDF)
        return 2;
    if (b >= 0xE0 && b <= 0xEF)
        return 3;
    if (b >= 0xF0 && b <= 0xF4)
        return 4;
    return 0;
}

/* Decode the bytes bytes[i..) as one UTF-8 sequence; 0 when they are not
 * one (or decode to something outside the target repertoire). */
static size_t utf8_at(sv__codepage wrong, const uint32_t *bytes, size_t i,
                      size_t n, uint32_t *cp)
{
    unsigned char b[4];
    size_t len = utf8_lead_len(bytes[i]), j;
    int32_t c;

    if (!len || i + len > n)
        return 0;
    for (j = 0; j < len; j++) {
        if (bytes[i + j] > 0xFF)
            return 0;
        b[j] = (unsigned char)bytes[i + j];
    }
    if (sv__utf8_decode(b, len, &c) != len || c < 0 ||
        !utf8_target_ok(wrong, (uint32_t)c))
        return 0;
    *cp = (uint32_t)c;
    return len;
}

/* Level depth -> depth + 1 through kind k: every character that has a
 * byte in k's wrong page is re-encoded and the bytes decoded as what they
 * really were; characters that do not fit stay as they are (dec = 0).
 * *changed counts re-decoded elements that differ from their source. */
static int apply_kind(mj_state *st, int depth, const kind_def *k,
                      size_t *changed)
{
    const mj_elem *src = st->lv[depth];
    size_t n = st->lv_n[depth], i = 0, m = 0;
    mj_elem *dst;
    int rc;

    *changed = 0;
    if ((rc = sv__grow_array((void **)&st->lv[depth + 1],
                             &st->lv_cap[depth + 1], n, sizeof(mj_elem))) < 0)
        return rc;
    if ((rc = sv__grow_array((void **)&st->tmp, &st->tmp_cap, n,
                             sizeof(uint32_t))) < 0)
        return rc;
    dst = st->lv[depth + 1];
    for (i = 0; i < n; i++) {
        int b = encode(k->enc, src[i].cp);

        /* the space after Р in a joined run was a no-break space (see
         * join_lost_nbsp) */
        if (src[i].cp == ' ' && i > 0 && src[i - 1].cp == 0x420 &&
            k->enc == SV__CP_WINDOWS_1251 && k->dec == DEC_UTF8)
            b = 0xA0;
        st->tmp[i] = b < 0 ? 0x100u : (uint32_t)b;
    }
    for (i = 0; i < n; m++) {
        uint32_t cp = 0;
        size_t len = 0;

        if (k->dec == DEC_UTF8) {
            len = utf8_at(k->enc, st->tmp, i, n, &cp);
        } else if (st->tmp[i] <= 0xFF) {
            cp = sv__codepage_decode((sv__codepage)k->dec,
                                     (unsigned char)st->tmp[i]);
            len = 1;
        }
        if (!len) {
            dst[m] = src[i];
            dst[m].dec = 0;
            i++;
            continue;
        }
        dst[m].cp = cp;
        dst[m].o0 = src[i].o0;
        dst[m].o1 = src[i + len - 1].o1;
        dst[m].dec = 1;
        if (len > 1 || cp != src[i].cp)
            (*changed)++;
        i += len;
    }
    st->lv_n[depth + 1] = m;
    return SV_OK;
}

/* ---- judging one repaired word or sign ------------------------------- */

/* Append code points s[0..n) to b as UTF-8. */
static int put_cps(sv_buf *b, const uint32_t *s, size_t n)
{
    size_t i;
    int rc;

    if ((rc = sv__buf_grow(b, 4 * n)) < 0)
        return rc;
    for (i = 0; i < n; i++)
        b->size += sv__utf8_encode(s[i], b->ptr + b->size);
    b->ptr[b->size] = '\0';
    return SV_OK;
}

static int dict_check(const mj_state *st, int script, const char *w, size_t len)
{
    int rc;

    if (!st->env || !st->env->ctx || len == 0)
        return -1;
    if (script != S_CYR && script != S_LATIN)
        return -1;
    rc = sv_spell_check(st->env->ctx, script == S_CYR ? SV_LANG_RU : SV_LANG_EN,
                        w, len);
    return rc == 1 ? 1 : rc == 0 ? 0 : -1;
}

static int is_ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The word as the dictionary should see it: code points s[0..n) plus the
 * ASCII letters glued to them in the input when they touch the run's
 * edges. */
static int build_word(mj_state *st, const uint32_t *s, size_t n, int at_start,
                      int at_end)
{
    size_t a = st->rs, b = st->re;
    int rc = SV_OK;

    sv_buf_clear(&st->word);
    if (at_start)
        while (a > 0 && is_ascii_letter(st->in[a - 1]))
            a--;
    if (at_end)
        while (b < st->in_len && is_ascii_letter(st->in[b]))
            b++;
    if ((rc = sv_buf_put(&st->word, st->in + a, st->rs - a)) < 0 ||
        (rc = put_cps(&st->word, s, n)) < 0)
        return rc;
    return sv_buf_put(&st->word, st->in + st->re, b - st->re);
}

/* The single script of the letters in s[0..n), S_NONE when mixed; *ru_only
 * says whether they are all Russian letters. */
static int letters_script(const uint32_t *s, size_t n, int *ru_only,
                          size_t *letters)
{
    int script = S_NONE;
    size_t i;

    *ru_only = 1;
    *letters = 0;
    for (i = 0; i < n; i++) {
        cinfo c = classify(s[i]);

        if (c.cls != C_LETTER)
            continue;
        (*letters)++;
        if (c.script != S_CYR || c.ext)
            *ru_only = 0;
        if (script == S_NONE)
            script = c.script;
        else if (script != c.script)
            return -1;
    }
    return script;
}

typedef struct unit_view {
    const mj_elem *e;
    size_t n;      /* elements at the unit's level */
    size_t i, j;   /* the unit's elements */
    int is_word;   /* a run of letters (else one re-decoded sign) */
    int last_utf8; /* the last level decoded UTF-8 */
} unit_view;

static int append_unit(mj_units *u, uint32_t o0, uint32_t o1,
                       const uint32_t *rep, size_t n, int gain, size_t letters)
{
    size_t start = u->rep.size;
    int rc;

    if ((rc = sv__grow_array((void **)&u->v, &u->cap, u->n + 1,
                             sizeof(mj_unit))) < 0 ||
        (rc = put_cps(&u->rep, rep, n)) < 0)
        return rc;
    u->v[u->n].o0 = o0;
    u->v[u->n].o1 = o1;
    u->v[u->n].rep_off = start;
    u->v[u->n].rep_len = u->rep.size - start;
    u->v[u->n].gain = gain;
    u->v[u->n].letters = (int)letters;
    u->v[u->n].vetoed = 0;
    u->n++;
    u->total += gain;
    return SV_OK;
}

/* Letters, and all of them Cyrillic. */
static int cyrillic_letters(const uint32_t *s, size_t n)
{
    size_t i, letters = 0;

    for (i = 0; i < n; i++) {
        cinfo c = classify(s[i]);

        if (c.cls == C_LETTER && c.script != S_CYR)
            return 0;
        letters += c.cls == C_LETTER;
    }
    return letters > 0;
}

/* Cyrillic capitals only: what an abbreviation looks like. */
static int cyrillic_caps(const uint32_t *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        cinfo c = classify(s[i]);

        if (c.cls == C_LETTER && (!c.upper || c.script != S_CYR))
            return 0;
    }
    return 1;
}

/* Structural conditions a repaired word must meet before it is scored. */
static int word_shape_ok(const mj_state *st, const unit_view *v,
                         const uint32_t *rep, size_t n, uint32_t left,
                         uint32_t right, size_t *letters)
{
    cinfo l = left ? classify(left) : mk(C_BOUND);
    cinfo r = right ? classify(right) : mk(C_BOUND);
    int ru_only, script = letters_script(rep, n, &ru_only, letters);
    const uint32_t *orig = st->cps + v->e[v->i].o0;
    size_t m, on = v->e[v->j - 1].o1 - v->e[v->i].o0;

    for (m = v->i; m < v->j; m++)
        if (!v->e[m].dec)
            return 0; /* half a word re-decoded: not one damage */
    if (script <= S_NONE)
        return 0;
    if ((l.cls == C_LETTER && l.script != script) ||
        (r.cls == C_LETTER && r.script != script))
        return 0;
    if (!v->last_utf8) {
        /* single-byte repairs yield whole Russian words */
        if (!ru_only || l.cls == C_LETTER || r.cls == C_LETTER)
            return 0;
        /* alone, a short word proves nothing, and between two Cyrillic
         * readings a short capitalised one is an abbreviation ("НХЛ" is
         * not "мук" in KOI8-R, "пмж" is not "РНЦ") until its line says
         * otherwise */
        if (!st->weak && (*letters < 3 ||
                          (*letters <= ACRO_MAX && cyrillic_letters(orig, on) &&
                           (cyrillic_caps(rep, n) || cyrillic_caps(orig, on)))))
            return 0;
    }
    return 1;
}

/* Dictionary evidence: *veto when the original is a known word, else
 * *adj rewards a known repair (and, for single-byte repairs, which have no
 * structural evidence, penalises an unknown one). */
static int dict_adjust(mj_state *st, const unit_view *v, const uint32_t *rep,
                       size_t n, uint32_t o0, uint32_t o1, int *adj, int *veto)
{
    size_t letters;
    int ru_only, script, known, rc, orig_known = -1;
    int at_start = o0 == 0, at_end = o1 == st->n;

    *veto = 0;
    *adj = 0;
    script = letters_script(st->cps + o0, o1 - o0, &ru_only, &letters);
    if (script > S_NONE) {
        if ((rc = build_word(st, st->cps + o0, o1 - o0, at_start, at_end)) < 0)
            return rc;
        orig_known = dict_check(st, script, st->word.ptr, st->word.size);
    }
    script = letters_script(rep, n, &ru_only, &letters);
    if ((rc = build_word(st, rep, n, at_start, at_end)) < 0)
        return rc;
    known = dict_check(st, script, st->word.ptr, st->word.size);
    if (orig_known == 1) {
        /* a known word stays, unless its line is damaged throughout and
         * the repair is a word too ("с" for я, "ОБ" for на); keep_weak
         * may still overrule it for a line damaged throughout */
        *veto = !(st->weak && known == 1);
        return SV_OK;
    }
    if (known == 1)
        *adj = Q_DICT_KNOWN;
    else if (known == 0 && !v->last_utf8) /* names, abbreviations: less */
        *adj = st->weak ? Q_DICT_UNKNOWN_8BIT / 6 : Q_DICT_UNKNOWN_8BIT;
    return SV_OK;
}

/* Text is mostly lowercase: a repair that turns a lowercase word into
 * capitals (what KOI8-R and windows-1251 swapped would do to most text)
 * pays for each letter. */
static int case_prior(const uint32_t *rep, size_t n, const uint32_t *orig,
                      size_t on)
{
    size_t i, upper = 0, letters = 0;

    for (i = 0; i < n; i++) {
        cinfo c = classify(rep[i]);

        if (c.cls == C_LETTER) {
            letters++;
            upper += c.upper;
        }
    }
    if (letters < 2 || upper != letters)
        return 0;
    for (i = 0; i < on; i++) {
        cinfo c = classify(orig[i]);

        if (c.cls == C_LETTER && c.upper)
            return 0;
    }
    return Q_CAPS_FROM_LOWER * (int)letters;
}

/* A hook for tuning: a scratch program that #includes this file may
 * define MJ_TRACE to see every decision with its figures. */
#ifndef MJ_TRACE
#define MJ_TRACE(st, v, rep, n, o0, o1, gain, thr) ((void)0)
#endif

static int consider_unit(mj_state *st, const unit_view *v)
{
    uint32_t o0 = v->e[v->i].o0, o1 = v->e[v->j - 1].o1;
    /* both versions are judged between the repaired neighbours */
    uint32_t left = v->i > 0 ? v->e[v->i - 1].cp : st->left;
    uint32_t right = v->j < v->n ? v->e[v->j].cp : st->right;
    size_t n = v->j - v->i, m, letters = 0;
    uint32_t *rep;
    int gain, thr, veto = 0, adj, rc;

    for (m = 0; m < n && v->e[v->i + m].dec == 0; m++)
        ;
    if (m == n)
        return SV_OK;
    /* rep lives after the run's code points in tmp (tmp holds bytes only
     * during apply_kind) */
    if ((rc = sv__grow_array((void **)&st->tmp, &st->tmp_cap, n,
                             sizeof(uint32_t))) < 0)
        return rc;
    rep = st->tmp;
    for (m = 0; m < n; m++)
        rep[m] = v->e[v->i + m].cp;
    if (n == o1 - o0 && memcmp(rep, st->cps + o0, n * sizeof(uint32_t)) == 0)
        return SV_OK;
    if (v->is_word && !word_shape_ok(st, v, rep, n, left, right, &letters))
        return SV_OK;
    if (!v->is_word && !v->last_utf8 && !st->weak)
        return SV_OK; /* a lone sign is no evidence of single-byte damage */
    /* in a damaged line, abbreviations are expected on both sides */
    gain = score_text(rep, n, left, right, st->weak) -
           score_text(st->cps + o0, o1 - o0, left, right, 1);
    if (v->is_word) {
        if (!st->weak)
            gain += case_prior(rep, n, st->cps + o0, o1 - o0);
        if ((rc = dict_adjust(st, v, rep, n, o0, o1, &adj, &veto)) < 0)
            return rc;
        if (veto && !st->weak)
            return SV_OK;
        gain += adj;
    }
    /* weak repairs are all kept for keep_weak to judge with the line */
    thr = st->weak ? INT_MIN : v->last_utf8 ? Q_STRONG_UTF8 : Q_STRONG_8BIT;
    MJ_TRACE(st, v, rep, n, o0, o1, gain, thr);
    if (st->weak && v->is_word) {
        st->votes_sum += gain;
        if (letters >= 3) {
            st->votes_all++;
            st->votes_for += gain > 0;
        }
    }
    if (gain < thr)
        return SV_OK;
    if ((rc = append_unit(&st->cur, o0, o1, rep, n, gain, letters)) < 0)
        return rc;
    st->cur.v[st->cur.n - 1].vetoed = veto;
    return SV_OK;
}

/* ---- choosing the repair of a run -------------------------------------- */

static int eval_units(mj_state *st, int depth, int last_utf8, int chain)
{
    const mj_elem *e = st->lv[depth];
    size_t n = st->lv_n[depth], i = 0;
    unit_view v;
    int rc;

    st->cur.n = 0;
    st->cur.total = 0;
    st->cur.chain = chain;
    sv_buf_clear(&st->cur.rep);
    v.e = e;
    v.n = n;
    v.last_utf8 = last_utf8;
    while (i < n) {
        v.i = i;
        if (classify(e[i].cp).cls == C_LETTER) {
            while (i < n && classify(e[i].cp).cls == C_LETTER)
                i++;
            v.is_word = 1;
        } else {
            i++;
            if (!e[v.i].dec)
                continue;
            v.is_word = 0;
        }
        v.j = i;
        if ((rc = consider_unit(st, &v)) < 0)
            return rc;
    }
    return SV_OK;
}

static void swap_units(mj_units *a, mj_units *b)
{
    mj_units t = *a;

    *a = *b;
    *b = t;
}

/* Try every kind at this level (and, for UTF-8 repairs, once more on the
 * result: double encodings); keep the chain whose accepted units gain the
 * most.  In propagation mode only the forced chain is tried. */
static int evaluate(mj_state *st, int depth, int prefix)
{
    size_t ki, changed;
    int rc;

    for (ki = 0; ki < KIND_COUNT; ki++) {
        int chain = prefix | (int)((ki + 1) << (4 * depth));
        int utf8 = kinds[ki].dec == DEC_UTF8;
        int here = 1, deeper = utf8 && depth + 1 < MAX_DEPTH;

        /* a double encoding is UTF-8 twice; single-byte damage comes
         * first or not at all */
        if (depth > 0 && !utf8)
            continue;
        if (st->weak) {
            int want = (st->force >> (4 * depth)) & 15;
            int more = (st->force >> (4 * (depth + 1))) & 15;

            if (want != (int)ki + 1)
                continue;
            here = !more;
            deeper = deeper && more;
        }
        if ((rc = apply_kind(st, depth, &kinds[ki], &changed)) < 0)
            return rc;
        if (!changed)
            continue;
        if (here) {
            if ((rc = eval_units(st, depth + 1, utf8, chain)) < 0)
                return rc;
            if (st->cur.n && (st->weak || st->cur.total > st->best.total))
                swap_units(&st->cur, &st->best);
        }
        if (deeper && (rc = evaluate(st, depth + 1, chain)) < 0)
            return rc;
    }
    return SV_OK;
}

static int load_run(mj_state *st, size_t rs, size_t re)
{
    const unsigned char *s = (const unsigned char *)st->in;
    size_t i = rs, k = 0;
    int rc;

    if ((rc = sv__grow_array((void **)&st->cps, &st->cap, re - rs + 1,
                             sizeof(uint32_t))) < 0)
        return rc;
    if ((rc = sv__grow_array((void **)&st->off, &st->off_cap, re - rs + 1,
                             sizeof(size_t))) < 0)
        return rc;
    while (i < re) {
        int32_t cp;
        size_t len = sv__utf8_decode(s + i, re - i, &cp);

        st->cps[k] = cp < 0 ? SV_REPLACEMENT_CHAR : (uint32_t)cp;
        st->off[k++] = i - rs;
        i += len;
    }
    st->off[k] = re - rs;
    st->n = k;
    st->rs = rs;
    st->re = re;
    st->left = rs > 0 ? (unsigned char)st->in[rs - 1] : 0;
    st->right = re < st->in_len ? (unsigned char)st->in[re] : 0;
    if ((rc = sv__grow_array((void **)&st->lv[0], &st->lv_cap[0], k,
                             sizeof(mj_elem))) < 0)
        return rc;
    for (i = 0; i < k; i++) {
        st->lv[0][i].cp = st->cps[i];
        st->lv[0][i].o0 = (uint32_t)i;
        st->lv[0][i].o1 = (uint32_t)i + 1;
        st->lv[0][i].dec = 0;
    }
    st->lv_n[0] = k;
    return SV_OK;
}

/* Analyse the run in[rs, re) and record its accepted repairs. */
static int analyse_fresh(mj_state *st, size_t rs, size_t re)
{
    size_t i;
    int rc;

    pthread_once(&class_once, fill_class_table);
    if ((rc = load_run(st, rs, re)) < 0)
        return rc;
    st->best.n = 0;
    st->best.total = 0;
    sv_buf_clear(&st->best.rep);
    if ((rc = evaluate(st, 0, 0)) < 0)
        return rc;
    for (i = 0; i < st->best.n; i++) {
        const mj_unit *u = &st->best.v[i];
        size_t b0 = rs + st->off[u->o0], b1 = rs + st->off[u->o1];
        mj_dec *d;

        if ((rc = sv__grow_array((void **)&st->dec, &st->dec_cap, st->ndec + 1,
                                 sizeof(mj_dec))) < 0)
            return rc;
        d = &st->dec[st->ndec++];
        d->b0 = b0;
        d->b1 = b1;
        d->rep_off = st->dec_rep.size;
        d->rep_len = u->rep_len;
        d->chain = st->best.chain;
        d->strong = !st->weak;
        d->gain = u->gain;
        d->letters = u->letters;
        d->vetoed = u->vetoed;
        if ((rc = sv_buf_put(&st->dec_rep, st->best.rep.ptr + u->rep_off,
                             u->rep_len)) < 0)
            return rc;
    }
    return SV_OK;
}

/* ---- memo --------------------------------------------------------------- */
/* A run's analysis depends only on its bytes, the characters around it,
 * the ASCII letters glued to it (the dictionary sees them), the mode
 * (weak, forced chain) and the context's dictionaries.  Damaged words
 * recur ("Рё" for и, the same name in every line), so the thread's scratch
 * keeps each run's decisions and votes; bounded, emptied when full, and
 * emptied when the context changes. */
#define MEMO_MAX_KEYS 8192
#define MEMO_MAX_BYTES ((size_t)4 << 20)
#define MEMO_MAX_GLUE 64

typedef struct memo_head {
    int32_t votes_for, votes_all, votes_sum;
    uint32_t count;
} memo_head;

typedef struct memo_dec {
    uint32_t b0, b1, rep_len; /* b0, b1 relative to the run */
    int32_t chain, strong, gain, letters, vetoed;
} memo_dec;

/* The memo of this call, or NULL (no scratch: no memo). */
static sv__norm_scratch *memo_of(const mj_state *st)
{
    sv__norm_scratch *s = st->env ? st->env->scratch : NULL;

    if (!s)
        return NULL;
    if (!s->mj_memo && !(s->mj_memo = sv__hashmap_new(1024)))
        return NULL;
    if (s->mj_memo_ctx != (const void *)st->env->ctx) {
        sv__hashmap_clear(s->mj_memo);
        sv_buf_clear(&s->mj_memo_data);
        s->mj_memo_ctx = st->env->ctx;
    }
    return s;
}

/* The key of run in[rs, re) in s->mj_key; 0 when it is not to be kept
 * (long glued letters) or on OOM. */
static int memo_key(const mj_state *st, sv__norm_scratch *s, size_t rs,
                    size_t re)
{
    size_t a = rs, b = re;
    unsigned char head[12];
    uint32_t force = st->weak ? (uint32_t)st->force : 0;

    while (a > 0 && is_ascii_letter(st->in[a - 1]) && rs - a <= MEMO_MAX_GLUE)
        a--;
    while (b < st->in_len && is_ascii_letter(st->in[b]) &&
           b - re <= MEMO_MAX_GLUE)
        b++;
    if (rs - a > MEMO_MAX_GLUE || b - re > MEMO_MAX_GLUE)
        return 0;
    head[0] = (unsigned char)st->weak;
    memcpy(head + 1, &force, 4);
    head[5] = rs > 0;
    head[6] = rs > 0 ? (unsigned char)st->in[rs - 1] : 0;
    head[7] = re < st->in_len;
    head[8] = re < st->in_len ? (unsigned char)st->in[re] : 0;
    head[9] = (unsigned char)(rs - a);
    head[10] = (unsigned char)(b - re);
    head[11] = 0;
    sv_buf_clear(&s->mj_key);
    return sv_buf_put(&s->mj_key, (const char *)head, sizeof(head)) == SV_OK &&
           sv_buf_put(&s->mj_key, st->in + a, b - a) == SV_OK;
}

static int memo_replay(mj_state *st, const sv__norm_scratch *s, size_t off,
                       size_t rs)
{
    const char *p = s->mj_memo_data.ptr + off;
    memo_head h;
    uint32_t k;
    int rc;

    memcpy(&h, p, sizeof(h));
    p += sizeof(h);
    st->votes_for += h.votes_for;
    st->votes_all += h.votes_all;
    st->votes_sum += h.votes_sum;
    if ((rc = sv__grow_array((void **)&st->dec, &st->dec_cap,
                             st->ndec + h.count, sizeof(mj_dec))) < 0)
        return rc;
    for (k = 0; k < h.count; k++) {
        mj_dec *d = &st->dec[st->ndec++];
        memo_dec m;

        memcpy(&m, p, sizeof(m));
        p += sizeof(m);
        d->b0 = rs + m.b0;
        d->b1 = rs + m.b1;
        d->rep_off = st->dec_rep.size;
        d->rep_len = m.rep_len;
        d->chain = m.chain;
        d->strong = m.strong;
        d->gain = m.gain;
        d->letters = m.letters;
        d->vetoed = m.vetoed;
        if ((rc = sv_buf_put(&st->dec_rep, p, m.rep_len)) < 0)
            return rc;
        p += m.rep_len;
    }
    return SV_OK;
}

/* File the decisions dec[first..] and the votes added since the analysis
 * began under s->mj_key. */
static int memo_store(const mj_state *st, sv__norm_scratch *s, size_t first,
                      size_t rs, const memo_head *before)
{
    sv_buf *data = &s->mj_memo_data;
    memo_head h;
    size_t off, k;
    int rc;

    if (sv__hashmap_count(s->mj_memo) >= MEMO_MAX_KEYS ||
        data->size > MEMO_MAX_BYTES) {
        sv__hashmap_clear(s->mj_memo);
        sv_buf_clear(data);
    }
    off = data->size;
    h.votes_for = st->votes_for - before->votes_for;
    h.votes_all = st->votes_all - before->votes_all;
    h.votes_sum = st->votes_sum - before->votes_sum;
    h.count = (uint32_t)(st->ndec - first);
    if ((rc = sv_buf_put(data, (const char *)&h, sizeof(h))) < 0)
        return rc;
    for (k = first; k < st->ndec; k++) {
        const mj_dec *d = &st->dec[k];
        memo_dec m;

        m.b0 = (uint32_t)(d->b0 - rs);
        m.b1 = (uint32_t)(d->b1 - rs);
        m.rep_len = (uint32_t)d->rep_len;
        m.chain = d->chain;
        m.strong = d->strong;
        m.gain = d->gain;
        m.letters = d->letters;
        m.vetoed = d->vetoed;
        if ((rc = sv_buf_put(data, (const char *)&m, sizeof(m))) < 0 ||
            (rc = sv_buf_put(data, st->dec_rep.ptr + d->rep_off,
                             d->rep_len)) < 0)
            return rc;
    }
    return sv__hashmap_put(s->mj_memo, s->mj_key.ptr, s->mj_key.size, off);
}

/* analyse_fresh() through the memo. */
static int analyse_run(mj_state *st, size_t rs, size_t re)
{
    sv__norm_scratch *s = memo_of(st);
    memo_head before;
    size_t first = st->ndec;
    uint64_t off;
    int rc;

    if (!s || re - rs > UINT32_MAX / 2 || !memo_key(st, s, rs, re))
        return analyse_fresh(st, rs, re);
    if (sv__hashmap_get(s->mj_memo, s->mj_key.ptr, s->mj_key.size, &off))
        return memo_replay(st, s, (size_t)off, rs);
    before.votes_for = st->votes_for;
    before.votes_all = st->votes_all;
    before.votes_sum = st->votes_sum;
    if ((rc = analyse_fresh(st, rs, re)) < 0)
        return rc;
    return memo_store(st, s, first, rs, &before);
}

/* ---- the fast path ------------------------------------------------------ */

/* Punctuation and signs that are common in correct text and cannot begin
 * a mis-decoded sequence by themselves. */
static int benign_sign(uint32_t c)
{
    switch (c) {
    case 0xA0:
    case 0xA7:
    case 0xA9:
    case 0xAB:
    case 0xAE:
    case 0xB0:
    case 0xB1:
    case 0xBB:
    case 0x2009:
    case 0x2010:
    case 0x2011:
    case 0x2013:
    case 0x2014:
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x2022:
    case 0x2026:
    case 0x202F:
    case 0x20AC:
    case 0x2116:
    case 0x2122:
    case 0x2212:
        return 1;
    default:
        return 0;
    }
}

/* Mean bigram cost (quarter bits) above which a capitals word is looked at
 * closely: mis-decoded KOI8-R comes out as unpronounceable capitals.  On
 * the WMT21 Russian text, with the lowercase-then-capital check, this
 * flags under 1% of correct words and about 85% of the words KOI8-R and
 * windows-1251 make of each other (one per line is enough: the line then
 * gets a closer look). */
#define PLAIN_MAX_MEAN_CAPS 20

/* The scan keeps its word state in registers only when compiled apart
 * from the step's larger body. */
#if defined(__GNUC__)
#define SV_NOINLINE __attribute__((noinline))
#else
#define SV_NOINLINE
#endif

/* Russian letters by the second byte of their UTF-8 form (after D0, after
 * D1): bits 0-5 the bigram index (ё as е), bit 6 capital, bit 7 Р or С;
 * 0 for anything else. */
static const uint8_t ru_after_d0[64] = {
    0x00, 0x46, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46,
    0x47, 0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F, 0x50, 0xD1,
    0xD2, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A, 0x5B, 0x5C,
    0x5D, 0x5E, 0x5F, 0x60, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
    0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10,
};

static const uint8_t ru_after_d1[64] = {
    0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B,
    0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/* The capitals word of len letters at s[ws..] (two bytes each): is its
 * mean bigram cost too high for Russian?  Only capitals words are looked
 * at: KOI8-R and windows-1251 read as each other turn lowercase words
 * into capitals, and most text is lowercase, which thus costs nothing. */
static int unpronounceable_caps(const unsigned char *s, size_t ws, unsigned len)
{
    unsigned k, prev = 0, cost = 0;

    for (k = 0; k < len; k++, ws += 2) {
        unsigned t =
            (s[ws] == 0xD0 ? ru_after_d0 : ru_after_d1)[s[ws + 1] & 0x3F] & 63;

        cost += ru_bigram_cost[prev][t];
        prev = t;
    }
    cost += ru_bigram_cost[prev][0];
    return cost > PLAIN_MAX_MEAN_CAPS * (len + 1);
}

static int ascii_letter_at(const unsigned char *s, size_t n, size_t i)
{
    return i < n && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z');
}

/* Scan the run of non-ASCII bytes starting at s[rs] (ending before the
 * next ASCII byte, stored in *end) and say whether it is plainly correct:
 * only Russian words that look right, accented Latin letters inside words
 * that have ASCII letters too ("café"), and benign signs.  A run of one
 * character is plain too: no damage can be shown on one character alone
 * (weaker evidence is weighed only in lines that are damaged elsewhere).
 * This is the common case, decided in one pass with the word state in
 * registers. */
static int scan_run(const unsigned char *s, size_t rs, size_t n, size_t *end)
{
    size_t i = rs, chars = 0, ws = rs;
    /* prev: 1 a letter, 2 a lowercase one, 4 a capital from В to Я */
    unsigned latin = 0, len = 0, prev = 0;
    unsigned lower = 0;
    int at_start = 1, left = rs > 0 && ascii_letter_at(s, n, rs - 1);

    while (i < n && s[i] >= 0x80) {
        chars++;
        if ((s[i] == 0xD0 || s[i] == 0xD1) && i + 1 < n) {
            /* arithmetic, not a table: no dependent load per letter.
             * after D0: 81 Ё, 90..AF А..Я, B0..BF а..п; after D1: 80..8F
             * р..я, 91 ё */
            unsigned b1 = s[i + 1], d1 = s[i] & 1;
            unsigned ok =
                d1 ? (b1 <= 0x8F || b1 == 0x91) : (b1 >= 0x90 || b1 == 0x81);
            unsigned up = !d1 && b1 < 0xB0;
            /* В..Я are C2..DF in windows-1251: UTF-8 lead bytes */
            unsigned lead = !d1 && b1 >= 0x92 && b1 <= 0xAF;
            unsigned yo = d1 ? b1 == 0x91 : b1 == 0x81;

            /* not Russian, or "нПУЛЧА" (KOI8-R read as windows-1251), or
             * "Рё" (и in UTF-8 read as windows-1251) */
            if (!ok || latin || (up && (prev & 2)) || (yo && (prev & 4))) {
                i += 2;
                goto damaged;
            }
            if (!len)
                ws = i;
            i += 2;
            lower |= !up;
            prev = 1u | (!up << 1) | (lead << 2);
            len++;
            continue;
        }
        if (s[i] == 0xC3 && i + 1 < n && s[i + 1] != 0x97 && s[i + 1] != 0xB7) {
            i += 2; /* À..ÿ: an accented Latin letter */
            if (len)
                goto damaged;
            latin++;
            continue;
        }
        /* the benign signs are all C2 xx or E2 xx xx (input is valid
         * UTF-8); decoded inline, no call in this loop */
        if (s[i] == 0xC2 && i + 1 < n) {
            if (!benign_sign(0x80u | (s[i + 1] & 0x3Fu)))
                goto damaged;
            i += 2;
        } else if (s[i] == 0xE2 && i + 2 < n) {
            if (!benign_sign(0x2000u | ((s[i + 1] & 0x3Fu) << 6) |
                             (s[i + 2] & 0x3Fu)))
                goto damaged;
            i += 3;
        } else if (s[i] >= 0xE0 && s[i] != 0xE2) {
            /* U+0800 and up outside E2 xx xx (CJK, Indic, emoji): no code
             * page here has them, so they cannot be damage; they only
             * separate words */
            i += s[i] >= 0xF0 ? 4 : 3;
            if (i > n)
                i = n;
        } else {
            i++;
            goto damaged;
        }
        /* a sign right after a capital from В to Я or an accented letter
         * may be the tail of a UTF-8 sequence: "Р°" is а, "Г©" is é,
         * "â€™" is ’; two accented letters alone are windows-1251 read as
         * latin-1 ("Ìîñêâà") */
        if (latin || (prev & 4))
            goto damaged;
        if (len > 1 && !lower && unpronounceable_caps(s, ws, len))
            goto damaged; /* KOI8-R read as windows-1251 */
        at_start = 0;
        len = prev = lower = 0;
    }
    *end = i;
    if (latin > 1 && !(at_start && left) && !ascii_letter_at(s, n, i))
        return 0;
    if (len > 1 && !lower && unpronounceable_caps(s, ws, len))
        return chars == 1;
    return 1;
damaged:
    for (; i < n && s[i] >= 0x80; i++)
        chars += (s[i] & 0xC0) != 0x80;
    *end = i;
    return chars == 1;
}

/* Advance *pos past ASCII bytes (eight at a time); 0 at end. */
static int skip_ascii(const char *in, size_t end, size_t *pos)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t i = *pos;

    while (i + 8 <= end) {
        uint64_t w;

        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull)
            break;
        i += 8;
    }
    while (i < end && s[i] < 0x80)
        i++;
    *pos = i;
    return i < end;
}

static size_t run_end(const unsigned char *s, size_t end, size_t i)
{
    while (i < end && s[i] >= 0x80)
        i++;
    return i;
}

/* Р is D0 A0 in UTF-8, and A0 read as windows-1251 is a no-break space,
 * which text cleaners often turn into a plain one: "Р оссия" for Россия,
 * "РЎРЎРЎР  " for СССР.  The space after a run's final Р joins the run,
 * standing for the no-break space (load_run), and so does the non-ASCII
 * text right after it, so that the word can be repaired whole; nothing
 * changes unless it is. */
static size_t join_lost_nbsp(const unsigned char *s, size_t end, size_t re)
{
    while (re >= 2 && s[re - 2] == 0xD0 && s[re - 1] == 0xA0 && re < end &&
           s[re] == ' ') {
        re++;
        if (re == end || s[re] < 0x80)
            break;
        re = run_end(s, end, re);
    }
    return re;
}

/* The next run of non-ASCII bytes at or after *pos, below end. */
static int next_run(const char *in, size_t end, size_t *pos, size_t *rs,
                    size_t *re)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t i = *pos;

    if (!skip_ascii(in, end, &i)) {
        *pos = end;
        return 0;
    }
    *rs = i;
    *re = join_lost_nbsp(s, end, run_end(s, end, i));
    *pos = *re;
    return 1;
}

/* The next run at or after *pos that is not plainly correct (scan_run) or
 * that may have lost a no-break space (join_lost_nbsp): its bounds in
 * [*rs, *re); 0 at the end.  The loop over plain runs stays in this one
 * function so that the scan's state lives in registers. */
static SV_NOINLINE int next_suspect(const unsigned char *s, size_t n,
                                    size_t *pos, size_t *rs, size_t *re)
{
    size_t i = *pos, end;

    for (;;) {
        if (!skip_ascii((const char *)s, n, &i)) {
            *pos = n;
            return 0;
        }
        if (!scan_run(s, i, n, &end) ||
            (end >= 2 && s[end - 2] == 0xD0 && s[end - 1] == 0xA0 && end < n &&
             s[end] == ' '))
            break;
        i = end;
    }
    *rs = i;
    *re = join_lost_nbsp(s, n, end);
    *pos = *re;
    return 1;
}

/* For the fast path: the signs the scan lets pass (benign_sign). */
int sv__mojibake_benign(uint32_t cp)
{
    return benign_sign(cp);
}

/* The fast path's question (fastpath.c): does in[ls, le), a whole line,
 * hold no run this step would analyse?  The same scan as the step's, with
 * the line's end standing for its newline. */
int sv__mojibake_plain(const char *in, size_t ls, size_t le)
{
    size_t pos = ls, rs, re;

    return !next_suspect((const unsigned char *)in, le, &pos, &rs, &re);
}

/* ---- lines: propagation and output ------------------------------------ */

static int dec_cmp(const void *a, const void *b)
{
    const mj_dec *x = a, *y = b;

    return x->b0 < y->b0 ? -1 : x->b0 > y->b0;
}

/* A line may be a whole document: O(n log n), never quadratic. */
static void sort_decisions(mj_dec *d, size_t n)
{
    if (n > 1)
        qsort(d, n, sizeof(*d), dec_cmp);
}

static int chain_is_utf8(int chain)
{
    while (chain > 15)
        chain >>= 4;
    return kinds[chain - 1].dec == DEC_UTF8;
}

/* Of the weak repairs found from index first on, keep those the line
 * supports.  A UTF-8 repair is structural evidence in itself: a small loss
 * on a short word ("Рё" for и reads like a word too) is accepted.
 * Single-byte damage is judged by the line as a whole: when the line gains
 * overall and two thirds of its longer words read better repaired, it was
 * damaged throughout, so its one- and two-letter words ("с" for Я) follow
 * whatever they score and longer ones unless clearly worse; the dominant
 * chain (most strong gain) then also overrides other single-byte readings
 * of the line.  Otherwise each repair needs a gain of its own. */
static void keep_weak(mj_state *st, size_t first, int utf8, int dominant)
{
    int whole =
        !utf8 && st->votes_sum > 0 && st->votes_for * 3 >= st->votes_all * 2;
    size_t i, j = 0, k, m;

    /* the earlier decisions [0, first) are sorted and disjoint, the new
     * ones come in text order: one sweep finds every overlap */
    for (i = first; i < st->ndec; i++) {
        mj_dec *d = &st->dec[i];
        /* a known original word yields only to a line damaged
         * throughout ("мук" is a word, and KOI8-R for НХЛ) */
        int ok = utf8    ? d->gain >= Q_FLOOR && !d->vetoed
                 : whole ? d->letters <= 2 || d->gain >= Q_WHOLE_FLOOR
                         : d->gain >= Q_STRONG_8BIT / 2 && !d->vetoed;

        if (!ok) {
            d->b1 = d->b0; /* dropped */
            continue;
        }
        while (j < first && st->dec[j].b1 <= d->b0)
            j++;
        for (k = j; k < first && st->dec[k].b0 < d->b1; k++) {
            mj_dec *o = &st->dec[k];

            if (o->b0 == o->b1 || d->b0 == d->b1)
                continue;
            if (whole && dominant && o->chain != d->chain &&
                !chain_is_utf8(o->chain))
                o->b1 = o->b0;
            else
                d->b1 = d->b0;
        }
    }
    for (i = m = 0; i < st->ndec; i++)
        if (st->dec[i].b0 < st->dec[i].b1)
            st->dec[m++] = st->dec[i];
    st->ndec = m;
    sort_decisions(st->dec, st->ndec);
}

/* Within the line holding the strong repairs, weaker evidence of the same
 * damage is enough: short words ("â" for в, "Рё" for и) are repaired only
 * there.  The chains are tried from the one with the most strong gain. */
static int propagate(mj_state *st)
{
    int chains[8], sums[8];
    size_t nchains = 0, i, k, ls, pos, rs, re;
    int rc = SV_OK;

    for (i = 0; i < st->ndec; i++) {
        for (k = 0; k < nchains && chains[k] != st->dec[i].chain; k++)
            ;
        if (k == nchains && nchains < 8) {
            chains[nchains] = st->dec[i].chain;
            sums[nchains++] = 0;
        }
        if (k < nchains)
            sums[k] += st->dec[i].gain;
    }
    for (i = 1; i < nchains; i++)
        for (k = i; k > 0 && sums[k - 1] < sums[k]; k--) {
            int t = sums[k];

            sums[k] = sums[k - 1];
            sums[k - 1] = t;
            t = chains[k];
            chains[k] = chains[k - 1];
            chains[k - 1] = t;
        }
    ls = st->dec[0].b0;
    while (ls > 0 && st->in[ls - 1] != '\n')
        ls--;
    st->weak = 1;
    for (k = 0; k < nchains; k++) {
        size_t first = st->ndec;

        st->force = chains[k];
        st->votes_for = st->votes_all = st->votes_sum = 0;
        pos = ls;
        while (next_run(st->in, st->group_end, &pos, &rs, &re))
            if ((rc = analyse_run(st, rs, re)) < 0)
                goto done;
        keep_weak(st, first, chain_is_utf8(chains[k]), k == 0);
    }
done:
    st->weak = 0;
    return rc;
}

static int flush_line(mj_state *st)
{
    size_t i;
    int rc;

    if (!st->ndec)
        return SV_OK;
    if ((rc = propagate(st)) < 0)
        return rc;
    sort_decisions(st->dec, st->ndec);
    for (i = 0; i < st->ndec; i++) {
        const mj_dec *d = &st->dec[i];
        size_t out_start;

        if ((rc = sv_buf_put(st->out, st->in + st->copied,
                             d->b0 - st->copied)) < 0)
            return rc;
        out_start = st->out->size;
        if ((rc = sv_buf_put(st->out, st->dec_rep.ptr + d->rep_off,
                             d->rep_len)) < 0)
            return rc;
        if ((rc = sv__editlist_add(st->edits, d->b0, d->b1, out_start,
                                   st->out->size, sv__name_mojibake)) < 0)
            return rc;
        st->copied = d->b1;
    }
    st->ndec = 0;
    sv_buf_clear(&st->dec_rep);
    return SV_OK;
}

static size_t line_end(const char *in, size_t len, size_t from)
{
    const char *nl = memchr(in + from, '\n', len - from);

    return nl ? (size_t)(nl - in) : len;
}

int sv__step_mojibake(const char *in, size_t in_len, sv_buf *out,
                      sv__editlist *edits, const sv__step_env *env)
{
    mj_state st;
    size_t pos = 0, rs, re;
    int rc = SV_OK;

    if (!out || !edits || (!in && in_len))
        return SV_EINVAL;
    if (!in_len) /* in may be NULL: no arithmetic on it */
        return sv_buf_put(out, "", 0);
    memset(&st, 0, sizeof(st));
    st.in = in;
    st.in_len = in_len;
    st.env = env;
    st.out = out;
    st.edits = edits;
    while (next_suspect((const unsigned char *)in, in_len, &pos, &rs, &re)) {
        if (st.ndec && rs > st.group_end && (rc = flush_line(&st)) < 0)
            goto done;
        {
            size_t before = st.ndec;

            if ((rc = analyse_run(&st, rs, re)) < 0)
                goto done;
            if (!before && st.ndec)
                st.group_end = line_end(in, in_len, re);
        }
    }
    if ((rc = flush_line(&st)) < 0)
        goto done;
    rc = sv_buf_put(out, in + st.copied, in_len - st.copied);
done:
    state_dispose(&st);
    return rc;
}
