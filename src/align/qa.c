/* SPDX-License-Identifier: MIT */
/*
 * The pair QA run on every bead (and on every unit by "sverka check"):
 * missing and extra sentences, merges and splits, untranslated targets and
 * source-script passages, numbers and dates (normalised), names (through
 * transliteration keys and the names list), negation, length-ratio
 * outliers, unbalanced brackets and quotes, and the optional garble hook.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "align/align_internal.h"
#include "base/alloc.h"
#include "base/utf8.h"
#include "lang/script.h"
#include "lang/spell.h"
#include "lang/token.h"
#include "lang/translit.h"
#include "lang/wordcase.h"

#define MAX_NUMS 48
#define MAX_NAMES 96
#define MAX_NAME_FLAGS 3
#define UNTRANSLATED_RUN 15   /* letters of a source-script run of two or
                                 more words (one word is a name or brand) */
#define LENGTH_DELTA 4.5      /* |Gale-Church delta| for an outlier */
#define LENGTH_MIN_CHARS 20
#define UNCERTAIN_CONF 0.2

typedef struct side_info {
    char nums[MAX_NUMS][32];
    double vals[MAX_NUMS];   /* value, NAN for dotted dates */
    unsigned char soft[MAX_NUMS]; /* matches, but is never reported missing
                                     (spelled, Roman, inside words, times) */
    double scaled[MAX_NUMS]; /* value times a following "thousand"/"млн",
                                or the value itself */
    int nnum;
    double small;            /* a skipped small integer just before, or -1 */
    double next_small;       /* a small number word, for the next token */
    int small_soft;          /* small came from a word */
    int months[13];
    int neg;
    int weak_neg;            /* words that carry a negation inside them */
    char neg_word[32];
    char keys[MAX_NAMES][SV__NAME_KEY_MAX]; /* name keys of the words */
    int nkeys;
    int paren, bracket, brace;     /* open minus close */
    int quotes_open, quotes_close, ascii_quotes;
    int letters_src_script;        /* letters in the other side's script */
    int letters;
} side_info;

typedef struct qa {
    const sv_aligner *al;
    sv_context *ctx;
    sv_align_flag_cb cb;
    void *payload;
    int count;
    char msg[256];
} qa;

static int emit(qa *q, const char *code, sv_severity sev)
{
    sv_align_flag f;
    int rc;

    f.code = code;
    f.severity = sev;
    f.message = q->msg;
    q->count++;
    rc = q->cb ? q->cb(&f, q->payload) : 0;
    return rc;
}

/* Negation words per language (lowercase; Russian compared after the
 * fold).  "n't" endings are checked separately. */
static const char *const neg_en[] = {"not", "no", "never", "nothing",
    "nobody", "none", "neither", "nor", "cannot", "nowhere", NULL};
static const char *const neg_ru[] = {"\xD0\xBD\xD0\xB5", "\xD0\xBD\xD0\xB5\xD1\x82",
    "\xD0\xBD\xD0\xB8", "\xD0\xBD\xD0\xB8\xD0\xBA\xD0\xBE\xD0\xB3\xD0\xB4\xD0\xB0",
    "\xD0\xBD\xD0\xB8\xD1\x87\xD0\xB5\xD0\xB3\xD0\xBE",
    "\xD0\xBD\xD0\xB8\xD0\xBA\xD1\x82\xD0\xBE",
    "\xD0\xBD\xD0\xB5\xD0\xBB\xD1\x8C\xD0\xB7\xD1\x8F",
    "\xD0\xBD\xD0\xB8\xD0\xBA\xD0\xB0\xD0\xBA", NULL};
static const char *const neg_de[] = {"nicht", "kein", "keine", "keinen",
    "keiner", "keines", "nie", "niemals", "nichts", "niemand", NULL};
static const char *const neg_fr[] = {"ne", "pas", "jamais", "rien",
    "personne", "aucun", "aucune", "ni", NULL};

static const char *const *neg_list(const char *code)
{
    if (!strcmp(code, "en"))
        return neg_en;
    if (!strcmp(code, "ru"))
        return neg_ru;
    if (!strcmp(code, "de"))
        return neg_de;
    if (!strcmp(code, "fr"))
        return neg_fr;
    return NULL;
}

static int is_negation(const char *const *list, const char *lower,
                       size_t len)
{
    size_t i;

    if (len >= 3 && (!memcmp(lower + len - 3, "n't", 3) ||
                     (len >= 5 && !memcmp(lower + len - 5, "n\xE2\x80\x99t", 5))))
        return 1;
    for (i = 0; list && list[i]; i++)
        if (strlen(list[i]) == len && !memcmp(list[i], lower, len))
            return 1;
    return 0;
}

static void count_punct(side_info *si, uint32_t cp)
{
    switch (cp) {
    case '(': si->paren++; break;
    case ')': si->paren--; break;
    case '[': si->bracket++; break;
    case ']': si->bracket--; break;
    case '{': si->brace++; break;
    case '}': si->brace--; break;
    case '"': si->ascii_quotes++; break;
    case 0xAB: case 0x201C: case 0x201E: si->quotes_open++; break;
    case 0xBB: case 0x201D: si->quotes_close++; break;
    default: break;
    }
}

/* A number known by its value only (spelled out, Roman, a time). */
static void add_value(side_info *si, double v, int soft)
{
    int n;

    if (si->nnum >= MAX_NUMS)
        return;
    n = snprintf(si->nums[si->nnum], sizeof(si->nums[0]), "%.15g", v);
    if (n <= 0 || (size_t)n >= sizeof(si->nums[0]))
        return;
    si->vals[si->nnum] = si->scaled[si->nnum] = v;
    si->soft[si->nnum] = (unsigned char)soft;
    si->nnum++;
}

static void add_canon(side_info *si, const char *text, size_t len,
                      size_t avail, sv__langid lang, int soft)
{
    char canon[64];
    double value = 0;
    int n = sv__number_canon(text, len, lang, canon, sizeof(canon), &value);

    /* Small integers are often written as words ("two", "три"); one
     * is kept aside in case a scale word follows ("10 тысяч"). */
    if (n > 0 && n < 32 && !isnan(value) && value <= 10 &&
        value == floor(value)) {
        si->small = value;
        return;
    }
    if (n <= 0)
        return;
    /* The hour of a time may be written on a 12-hour clock in the other
     * language (18:30 = 6:30 PM): matched, not required. */
    if (len < 3 && len + 1 < avail && text[len] == ':' &&
        text[len + 1] >= '0' && text[len + 1] <= '9')
        soft = 1;
    if (si->nnum < MAX_NUMS && (size_t)n < sizeof(si->nums[0])) {
        memcpy(si->nums[si->nnum], canon, (size_t)n + 1);
        si->vals[si->nnum] = value;
        si->scaled[si->nnum] = value;
        si->soft[si->nnum] = (unsigned char)soft;
        si->nnum++;
    }
}

/* Digit runs of two or more inside a word ("24-летний", "COVID-19"). */
static void add_word_digits(side_info *si, const char *w, size_t len,
                            sv__langid lang)
{
    size_t i = 0;

    while (i < len) {
        size_t e = i;

        while (e < len && w[e] >= '0' && w[e] <= '9')
            e++;
        /* "24-летний", "34-year-old": the number is the word's point;
         * "COVID-19", "ВАЗ-21083", "сезоне-2019": a name's or a
         * word's part, matched but not required */
        if (e - i >= 2)
            add_canon(si, w + i, e - i, len - i, lang, i > 0);
        i = e > i ? e : i + 1;
    }
}

/* Scale of a number word: 1e3 for "thousand"/"тысяч"/"тыс", and so on;
 * 0 for any other word. */
static double scale_of(const char *lower, size_t len)
{
    static const struct {
        const char *prefix;
        double scale;
    } words[] = {
        {"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9},
        {"trillion", 1e12}, {"bn", 1e9}, {"mln", 1e6}, {"tln", 1e12},
        {"trn", 1e12},
        {"\xD1\x82\xD1\x8B\xD1\x81", 1e3},          /* тыс */
        {"\xD0\xBC\xD0\xBB\xD0\xBD", 1e6},          /* млн */
        {"\xD0\xBC\xD0\xB8\xD0\xBB\xD0\xBB\xD0\xB8\xD0\xBE\xD0\xBD", 1e6}, /* миллион */
        {"\xD0\xBC\xD0\xBB\xD1\x80\xD0\xB4", 1e9}, /* млрд */
        {"\xD0\xBC\xD0\xB8\xD0\xBB\xD0\xBB\xD0\xB8\xD0\xB0\xD1\x80\xD0\xB4", 1e9}, /* миллиард */
        {"\xD1\x82\xD1\x80\xD0\xBB\xD0\xBD", 1e12}, /* трлн */
    };
    size_t i;

    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        size_t n = strlen(words[i].prefix);

        if (len >= n && !memcmp(lower, words[i].prefix, n))
            return words[i].scale;
    }
    return 0;
}

/* Spelled-out numbers: word prefix and value.  Values up to 10 only
 * matter before a scale word ("четырех тысяч"); the others are soft
 * numbers of their own ("сорок кораблей" = "40 ships"). */
static const struct {
    const char *prefix;
    double value;
} number_words[] = {
    {"\xD0\xBE\xD0\xB4\xD0\xB8\xD0\xBD\xD0\xBD\xD0\xB0\xD0\xB4\xD1\x86\xD0\xB0\xD1\x82", 11},
    {"\xD0\xB4\xD0\xB2\xD0\xB5\xD0\xBD\xD0\xB0\xD0\xB4\xD1\x86\xD0\xB0\xD1\x82", 12},
    {"\xD1\x82\xD1\x80\xD0\xB8\xD0\xBD\xD0\xB0\xD0\xB4\xD1\x86\xD0\xB0\xD1\x82", 13},
    {"\xD1\x87\xD0\xB5\xD1\x82\xD1\x8B\xD1\x80\xD0\xBD\xD0\xB0\xD0\xB4\xD1\x86\xD0\xB0\xD1\x82", 14},
    {"\xD0\xBF\xD1\x8F\xD1\x82\xD0\xBD\xD0\xB0\xD0\xB4\xD1\x86\xD0\xB0\xD1\x82", 15},
    {"\xD0\xB4\xD0\xB2\xD0\xB0\xD0\xB4\xD1\x86\xD0\xB0\xD1\x82", 20},
    {"\xD1\x82\xD1\x80\xD0\xB8\xD0\xB4\xD1\x86\xD0\xB0\xD1\x82", 30},
    {"\xD1\x81\xD0\xBE\xD1\x80\xD0\xBE\xD0\xBA", 40},
    {"\xD0\xBF\xD1\x8F\xD1\x82\xD1\x8C\xD0\xB4\xD0\xB5\xD1\x81\xD1\x8F\xD1\x82", 50},
    {"\xD0\xBF\xD1\x8F\xD1\x82\xD0\xB8\xD0\xB4\xD0\xB5\xD1\x81\xD1\x8F\xD1\x82", 50},
    {"\xD1\x81\xD1\x83\xD1\x82\xD0\xBA", 24},  /* сутки: 24 hours */
    {"\xD1\x81\xD1\x83\xD1\x82\xD0\xBE\xD0\xBA", 24},
    {"\xD0\xB4\xD0\xB2\xD1\x83\xD1\x85", 2}, {"\xD0\xB4\xD0\xB2\xD0\xB0", 2},
    {"\xD0\xB4\xD0\xB2\xD0\xB5", 2}, {"\xD1\x82\xD1\x80\xD0\xB8", 3},
    {"\xD1\x82\xD1\x80\xD0\xB5\xD1\x85", 3},
    {"\xD1\x87\xD0\xB5\xD1\x82\xD1\x8B\xD1\x80", 4},
    {"\xD0\xBF\xD1\x8F\xD1\x82", 5}, {"\xD1\x88\xD0\xB5\xD1\x81\xD1\x82", 6},
    {"\xD0\xB4\xD0\xB5\xD1\x81\xD1\x8F\xD1\x82", 10},
    {"eleven", 11}, {"twelve", 12}, {"thirteen", 13}, {"fourteen", 14},
    {"fifteen", 15}, {"twenty", 20}, {"thirty", 30}, {"forty", 40},
    {"fifty", 50}, {"hundred", 100}, {"two", 2}, {"three", 3}, {"four", 4},
    {"five", 5}, {"six", 6}, {"ten", 10},
};

/* Value of a spelled-out number word (prefix match, inflections), 0 if
 * none.  Short prefixes match the whole word only. */
static double number_word(const char *lower, size_t len)
{
    size_t i;

    for (i = 0; i < sizeof(number_words) / sizeof(number_words[0]); i++) {
        size_t n = strlen(number_words[i].prefix);

        if (len >= n && !memcmp(lower, number_words[i].prefix, n) &&
            (n >= 6 || len <= n + 4))
            return number_words[i].value;
    }
    return 0;
}

/* Value of a Roman numeral in capitals ("XVI" = 16), 0 if not one. */
static double roman(const char *w, size_t len)
{
    static const char digits[] = "IVXLC";
    static const int vals[] = {1, 5, 10, 50, 100};
    int total = 0, prev = 1000;
    size_t i;

    if (len < 2 || len > 7)
        return 0;
    for (i = len; i-- > 0;) {
        const char *d = memchr(digits, w[i], 5);
        int v;

        if (!d)
            return 0;
        v = vals[d - digits];
        total += v < prev && i + 1 < len && v * 10 >= prev ? -v : v;
        if (v >= prev || i + 1 == len)
            prev = v;
    }
    return total > 0 && total < 400 ? total : 0;
}

/* "не менее" (at least), "не более", "не только", "не раз" (more than
 * once) and "no more than", "not only": idioms that are no negation on
 * either side. */
static int negation_idiom(const char *lower, size_t len)
{
    static const char *const next[] = {
        "\xD0\xBC\xD0\xB5\xD0\xBD\xD0\xB5\xD0\xB5",       /* менее */
        "\xD0\xB1\xD0\xBE\xD0\xBB\xD0\xB5\xD0\xB5",       /* более */
        "\xD0\xBC\xD0\xB5\xD0\xBD\xD1\x8C\xD1\x88\xD0\xB5", /* меньше */
        "\xD0\xB1\xD0\xBE\xD0\xBB\xD1\x8C\xD1\x88\xD0\xB5", /* больше */
        "\xD1\x82\xD0\xBE\xD0\xBB\xD1\x8C\xD0\xBA\xD0\xBE", /* только */
        "\xD1\x80\xD0\xB0\xD0\xB7",                             /* раз */
        "more", "less", "fewer", "only", NULL};
    size_t i;

    for (i = 0; next[i]; i++)
        if (strlen(next[i]) == len && !memcmp(next[i], lower, len))
            return 1;
    return 0;
}

/* Name keys of a word and, for a hyphenated one, of its parts
 * ("Cheshkino-Totma-Kotlas"). */
static void add_name_keys(side_info *si, const char *w, size_t len)
{
    size_t i, start = 0;

    if (si->nkeys < MAX_NAMES && sv__name_key(w, len, si->keys[si->nkeys]) >= 3)
        si->nkeys++;
    if (!memchr(w, '-', len))
        return;
    for (i = 0; i <= len; i++) {
        if (i < len && w[i] != '-')
            continue;
        if (i > start && si->nkeys < MAX_NAMES &&
            sv__name_key(w + start, i - start, si->keys[si->nkeys]) >= 3)
            si->nkeys++;
        start = i + 1;
    }
}

/* Words with a negation inside: Russian не-/ни-/без- words (непростой,
 * никакой, без), English un-/non- words and verbs of absence or refusal
 * (unable, without, fail, lack, refuse, avoid, prevent). */
static int weak_negation(const char *lower, size_t len)
{
    static const char *const en[] = {"without", "fail", "lack", "refus",
        "declin", "avoid", "prevent", "absen", "neither", "nor", "non",
        "nothing", "none", "never", NULL};
    size_t i;

    if (len >= 10 && (!memcmp(lower, "\xD0\xBD\xD0\xB5", 4) ||  /* не */
                      !memcmp(lower, "\xD0\xBD\xD0\xB8", 4)))   /* ни */
        return 1;
    if (len >= 6 && !memcmp(lower, "\xD0\xB1\xD0\xB5\xD0\xB7", 6)) /* без */
        return 1;
    if (len >= 6 && !memcmp(lower, "un", 2))
        return 1;
    for (i = 0; en[i]; i++)
        if (len >= strlen(en[i]) && !memcmp(lower, en[i], strlen(en[i])))
            return 1;
    return 0;
}

static void scan_word(side_info *si, const char *text, const sv__token *t,
                      sv__langid lang, const char *const *neg, sv_buf *lower,
                      int *pending_neg)
{
    const char *w = text + t->start;
    size_t wl = t->end - t->start, bare = wl - sv__tok_possessive_len(text, t);
    int m = sv__month_of(w, bare);
    double scale, spelled;

    if (m > 0)
        si->months[m]++;
    if (t->flags & SV__TOKF_DIGIT)
        add_word_digits(si, w, wl, lang);
    sv_buf_clear(lower);
    if (sv__word_fold(lower, w, wl, SV__FOLD_LOWER) != SV_OK)
        return;
    scale = scale_of(lower->ptr, lower->size);
    spelled = scale > 0 ? 0 : number_word(lower->ptr, lower->size);
    if (scale > 0 && si->small >= 0) {
        /* "10 тысяч", "четырех тысяч": the small number times the scale */
        add_value(si, si->small * scale, si->small_soft);
    } else if (scale > 0 && si->nnum > 0 &&
               si->scaled[si->nnum - 1] == si->vals[si->nnum - 1]) {
        si->scaled[si->nnum - 1] = si->vals[si->nnum - 1] * scale;
    } else if (scale > 0) {
        add_value(si, scale, 1); /* "до тысячи" = "up to 1000" */
    } else if (spelled > 10) {
        add_value(si, spelled, 1);
    } else if ((t->flags & SV__TOKF_ALLCAPS) && roman(w, bare) > 0) {
        add_value(si, roman(w, bare), 1);
    }
    if (spelled > 0 && spelled <= 10) {
        si->next_small = spelled; /* for a scale word right after */
    }
    /* "в 17 часов" = "at 5 PM": an hour is not required either */
    if (si->nnum > 0 && lower->size >= 6 &&
        !memcmp(lower->ptr, "\xD1\x87\xD0\xB0\xD1\x81", 6) &&
        si->vals[si->nnum - 1] >= 13 && si->vals[si->nnum - 1] <= 23)
        si->soft[si->nnum - 1] = 1;
    if (*pending_neg && !negation_idiom(lower->ptr, lower->size))
        si->neg++;
    *pending_neg = 0;
    if (weak_negation(lower->ptr, lower->size))
        si->weak_neg++;
    if (is_negation(neg, lower->ptr, lower->size)) {
        if (!si->neg_word[0])
            snprintf(si->neg_word, sizeof(si->neg_word), "%.*s",
                     (int)(wl < 30 ? wl : 30), w);
        /* decided by the next word ("не менее" is no negation) */
        *pending_neg = 1;
    }
    add_name_keys(si, w, bare);
}

static void scan_side(const char *text, size_t len, sv__langid lang,
                      const char *code, sv__script other_script,
                      side_info *si, sv_buf *lower)
{
    sv__tokenizer it;
    sv__token t;
    sv__script_counts c;
    const char *const *neg = neg_list(code);
    int pending_neg = 0;

    memset(si, 0, sizeof(*si));
    sv__tok_init(&it, text, len, SV__TOK_SKIP_SPACE);
    si->small = -1;
    while (sv__tok_next(&it, &t)) {
        double small = si->small;

        si->small = -1;
        if (t.kind != SV__TOK_WORD)
            si->small_soft = 0;
        if (t.kind == SV__TOK_NUMBER)
            add_canon(si, text + t.start, t.end - t.start, len - t.start,
                      lang, 0);
        else if (t.kind == SV__TOK_PUNCT)
            count_punct(si, t.cp);
        else if (t.kind == SV__TOK_WORD) {
            /* a small number just before is seen by a scale word */
            si->small = small;
            si->next_small = -1;
            scan_word(si, text, &t, lang, neg, lower, &pending_neg);
            si->small = si->next_small;
            si->small_soft = si->small >= 0;
        }
        /* "No. 30" is a number sign, not a negation */
        if (pending_neg && t.kind == SV__TOK_WORD && t.end < len &&
            text[t.end] == '.' && t.end - t.start == 2 &&
            (text[t.start] | 0x20) == 'n' && (text[t.start + 1] | 0x20) == 'o')
            pending_neg = 0;
    }
    if (pending_neg)
        si->neg++;
    sv__script_count(text, len, &c);
    si->letters = (int)c.letters;
    si->letters_src_script = (int)c.n[other_script];
}

static int check_missing(qa *q, int a, int b)
{
    if (b == 0) {
        snprintf(q->msg, sizeof(q->msg), "%d source sentence%s without "
                 "translation", a, a == 1 ? "" : "s");
        return emit(q, "missing", SV_SEVERITY_ERROR);
    }
    snprintf(q->msg, sizeof(q->msg), "%d target sentence%s without a "
             "source", b, b == 1 ? "" : "s");
    return emit(q, "extra", SV_SEVERITY_WARNING);
}

static int check_shape(qa *q, int a, int b)
{
    if (a <= 1 && b <= 1)
        return 0;
    snprintf(q->msg, sizeof(q->msg), "%d source sentence%s translated as %d",
             a, a == 1 ? "" : "s", b);
    return emit(q, a > b ? "merge" : a < b ? "split" : "merge",
                SV_SEVERITY_INFO);
}

static sv__script script_of_lang(sv__al_lang l)
{
    return l == SV__AL_RU ? SV__SCRIPT_CYRILLIC
                          : l == SV__AL_EN ? SV__SCRIPT_LATIN
                                           : SV__SCRIPT_COMMON;
}

static size_t trim(const char **s, size_t len)
{
    while (len && ((*s)[0] == ' ' || (*s)[0] == '\t' || (*s)[0] == '\n' ||
                   (*s)[0] == '\r')) {
        (*s)++;
        len--;
    }
    while (len && ((*s)[len - 1] == ' ' || (*s)[len - 1] == '\t' ||
                   (*s)[len - 1] == '\n' || (*s)[len - 1] == '\r'))
        len--;
    return len;
}

/* Identical text, target mostly in the source script, or a long run of
 * the source script inside the target. */
static int check_untranslated(qa *q, const char *src, size_t sl,
                              const char *tgt, size_t tl,
                              const side_info *ti)
{
    sv__script ss = script_of_lang(q->al->src_lang);
    sv__script ts = script_of_lang(q->al->tgt_lang);
    sv__script_iter it;
    sv__script_run run;

    if (sl == tl && sl > 0 && !memcmp(src, tgt, sl) && ti->letters >= 4) {
        snprintf(q->msg, sizeof(q->msg), "target is identical to the source");
        return emit(q, "untranslated", SV_SEVERITY_ERROR);
    }
    if (ss == SV__SCRIPT_COMMON || ts == SV__SCRIPT_COMMON || ss == ts ||
        ti->letters == 0)
        return 0;
    if (ti->letters_src_script * 2 >= ti->letters) {
        snprintf(q->msg, sizeof(q->msg), "target is in the source language "
                 "(%d%% %s letters)", ti->letters_src_script * 100 / ti->letters,
                 sv__script_name(ss));
        return emit(q, "untranslated", SV_SEVERITY_ERROR);
    }
    sv__script_iter_init(&it, tgt, tl);
    while (sv__script_iter_next(&it, &run)) {
        if (run.script == ss && run.letters >= UNTRANSLATED_RUN &&
            memchr(tgt + run.letter_start, ' ',
                   run.letter_end - run.letter_start)) {
            size_t n = run.letter_end - run.letter_start;

            snprintf(q->msg, sizeof(q->msg), "untranslated %s passage in the "
                     "target: \"%.*s%s\"", sv__script_name(ss),
                     (int)(n > 60 ? 60 : n), tgt + run.letter_start,
                     n > 60 ? "..." : "");
            return emit(q, "source-script", SV_SEVERITY_WARNING);
        }
    }
    return 0;
}

/* Is number k of side a in side b: the same canonical form, or the same
 * value once a scale word is applied on either side ("10 тысяч" =
 * "10,000", "1.5 million" = "1 500 000")? */
static int has_num(const side_info *a, int k, const side_info *b)
{
    int i;

    for (i = 0; i < b->nnum; i++) {
        if (!strcmp(b->nums[i], a->nums[k]))
            return 1;
        if (isnan(a->vals[k]) || isnan(b->vals[i]))
            continue;
        if (fabs(a->scaled[k] - b->scaled[i]) < 1e-6 * (fabs(a->scaled[k]) + 1) ||
            fabs(a->scaled[k] - b->vals[i]) < 1e-6 * (fabs(b->vals[i]) + 1) ||
            fabs(a->vals[k] - b->scaled[i]) < 1e-6 * (fabs(a->vals[k]) + 1))
            return 1;
    }
    return 0;
}

static const char *const month_en[13] = {"", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October",
    "November", "December"};

static int check_numbers(qa *q, const side_info *s, const side_info *t)
{
    int i, rc;

    for (i = 0; i < s->nnum; i++) {
        if (s->soft[i] || has_num(s, i, t))
            continue;
        snprintf(q->msg, sizeof(q->msg), "number %s in the source is not in "
                 "the target", s->nums[i]);
        if ((rc = emit(q, "number", SV_SEVERITY_WARNING)) != 0)
            return rc;
    }
    for (i = 0; i < t->nnum; i++) {
        if (t->soft[i] || has_num(t, i, s))
            continue;
        snprintf(q->msg, sizeof(q->msg), "number %s in the target is not in "
                 "the source", t->nums[i]);
        if ((rc = emit(q, "number", SV_SEVERITY_WARNING)) != 0)
            return rc;
    }
    for (i = 1; i <= 12; i++) {
        if ((s->months[i] > 0) == (t->months[i] > 0))
            continue;
        snprintf(q->msg, sizeof(q->msg), "month %s appears only in the %s",
                 month_en[i], s->months[i] ? "source" : "target");
        if ((rc = emit(q, "date", SV_SEVERITY_WARNING)) != 0)
            return rc;
    }
    return 0;
}

static int check_negation(qa *q, const side_info *s, const side_info *t)
{
    if (!neg_list(q->al->src_code) || !neg_list(q->al->tgt_code) ||
        (s->neg > 0) == (t->neg > 0))
        return 0;
    /* "не удалось" = "were unable", "непередаваемая" = "can't be
     * conveyed": a negation inside a word on the other side counts */
    if ((s->neg && t->weak_neg) || (t->neg && s->weak_neg))
        return 0;
    if (s->neg)
        snprintf(q->msg, sizeof(q->msg), "negation \"%s\" in the source has "
                 "no counterpart in the target", s->neg_word);
    else
        snprintf(q->msg, sizeof(q->msg), "negation \"%s\" in the target has "
                 "no counterpart in the source", t->neg_word);
    return emit(q, "negation", SV_SEVERITY_WARNING);
}

/* Edit distance of two short strings, or max + 1 once it exceeds max. */
static size_t edit_distance(const char *a, size_t la, const char *b,
                            size_t lb, size_t max)
{
    size_t row[SV__NAME_KEY_MAX + 1], i, j;

    if (la > SV__NAME_KEY_MAX || lb > SV__NAME_KEY_MAX ||
        (la > lb ? la - lb : lb - la) > max)
        return max + 1;
    for (j = 0; j <= lb; j++)
        row[j] = j;
    for (i = 1; i <= la; i++) {
        size_t diag = row[0], best;

        row[0] = i;
        best = row[0];
        for (j = 1; j <= lb; j++) {
            size_t up = row[j], v = diag + (a[i - 1] != b[j - 1]);

            if (row[j] + 1 < v)
                v = row[j] + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best)
                best = v;
        }
        if (best > max)
            return max + 1;
    }
    return row[lb];
}

/* Consonants of a key: romanisations differ mostly in vowels and glides
 * ("braiant"/"bryant", "dzordan"/"jordan" after the key's own rules). */
static size_t skeleton(const char *k, char *out, size_t size)
{
    size_t n = 0;

    for (; *k && n + 1 < size; k++)
        if (!strchr("aeiouyjhw", *k) && (n == 0 || out[n - 1] != *k))
            out[n++] = *k;
    out[n] = '\0';
    return n;
}

static int skeletons_close(const char *a, const char *b)
{
    char sa[SV__NAME_KEY_MAX], sb[SV__NAME_KEY_MAX];
    size_t la = skeleton(a, sa, sizeof(sa)), lb = skeleton(b, sb, sizeof(sb));
    size_t p = 0, mn = la < lb ? la : lb;

    while (p < mn && sa[p] == sb[p])
        p++;
    /* equal, or equal up to an ending's consonants ("jrdnm" ~ "jrdn") */
    return mn >= 2 && p == mn && (la > lb ? la - lb : lb - la) <= 1;
}

/* Name keys equal up to an inflectional ending ("peskova" ~ "peskov") or
 * one or two spelling differences ("tehas" ~ "texas", "hani" ~ "hana"). */
static int keys_close(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), p = 0, mn = la < lb ? la : lb;

    while (p < mn && a[p] == b[p])
        p++;
    if (p == la && p == lb)
        return 1;
    if (p >= 4 && p + 2 >= mn)
        return 1;
    if (mn >= 4 &&
        edit_distance(a, la, b, lb, mn >= 7 ? 2 : 1) <= (mn >= 7 ? 2u : 1u))
        return 1;
    return skeletons_close(a, b);
}

static int key_in(const side_info *si, const char *key)
{
    int i;

    for (i = 0; i < si->nkeys; i++)
        if (keys_close(si->keys[i], key))
            return 1;
    return 0;
}

static int stop_at_first(const char *text, size_t text_len, unsigned int rank,
                         void *payload)
{
    (void)text;
    (void)text_len;
    (void)rank;
    (void)payload;
    return 1;
}

/* A word the dictionaries know is a common word or a well-known place
 * whose translation the lexicon covers ("Государственный", "России",
 * "Tuesday"), not a name to look for letter by letter.  Without
 * dictionaries every capitalised word is a candidate. */
static int known_word(qa *q, const char *w, size_t wl)
{
    sv_lang lang = q->al->src_lang == SV__AL_RU ? SV_LANG_RU : SV_LANG_EN;

    if (!q->ctx || q->al->src_lang == SV__AL_OTHER)
        return 0;
    if (q->al->use_lexicon &&
        sv_lexicon_translate(q->ctx, lang, w, wl, stop_at_first, NULL) != 0)
        return 1;
    return sv__spell_available(q->ctx, lang) &&
           sv__spell_known(q->ctx, lang, w, wl, 0) == 1;
}

/* Is a source name accounted for in the target: its own key or a
 * names-list form close to a target word's key? */
static int name_found(qa *q, const char *w, size_t wl, const side_info *ti)
{
    char key[SV__NAME_KEY_MAX];
    const char *forms;
    size_t left, n;

    if (sv__name_key(w, wl, key) >= 3 && key_in(ti, key))
        return 1;
    forms = sv__al_names_lookup(q->al, w, wl, &left);
    while (forms && left > 0) {
        const char *bar = memchr(forms, '|', left);

        n = bar ? (size_t)(bar - forms) : left;
        if (sv__name_key(forms, n, key) >= 3 && key_in(ti, key))
            return 1;
        left -= bar ? n + 1 : n;
        forms += bar ? n + 1 : n;
    }
    return 0;
}

static int check_names(qa *q, const char *src, size_t sl,
                       const side_info *ti)
{
    sv__tokenizer it;
    sv__token t;
    sv__script ss = script_of_lang(q->al->src_lang);
    size_t n;
    int flagged = 0, rc, listed;

    if (ss == SV__SCRIPT_COMMON || script_of_lang(q->al->tgt_lang) ==
        SV__SCRIPT_COMMON)
        return 0;
    sv__tok_init(&it, src, sl, SV__TOK_SKIP_SPACE);
    while (sv__tok_next(&it, &t) && flagged < MAX_NAME_FLAGS) {
        const char *w = src + t.start;
        size_t wl = t.end - t.start - sv__tok_possessive_len(src, &t);

        if (t.kind != SV__TOK_WORD || t.script != ss ||
            !(t.flags & SV__TOKF_CAP) || (t.flags & SV__TOKF_ALLCAPS) ||
            sv__utf8_count_cp(w, wl) < 4)
            continue;
        listed = sv__al_names_lookup(q->al, w, wl, &n) != NULL;
        if ((t.flags & SV__TOKF_SENT_START) && !listed)
            continue;
        if (!listed && known_word(q, w, wl))
            continue;
        if (name_found(q, w, wl, ti))
            continue;
        snprintf(q->msg, sizeof(q->msg), "name \"%.*s\" not found in the "
                 "target", (int)wl, w);
        if ((rc = emit(q, "name", SV_SEVERITY_WARNING)) != 0)
            return rc;
        flagged++;
    }
    return 0;
}

static size_t nonspace_cp(const char *s, size_t len)
{
    size_t i, n = 0;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];

        n += (c & 0xC0) != 0x80 && c != ' ' && c != '\t' && c != '\n' &&
             c != '\r';
    }
    return n;
}

static int check_length(qa *q, const char *src, size_t sl, const char *tgt,
                        size_t tl)
{
    double ls = (double)nonspace_cp(src, sl), lt = (double)nonspace_cp(tgt, tl);
    double mean, delta;

    if (ls < LENGTH_MIN_CHARS && lt < LENGTH_MIN_CHARS)
        return 0;
    mean = (ls + lt / q->al->len.c) / 2.0;
    delta = (lt - q->al->len.c * ls) / sqrt(q->al->len.s2 * (mean < 1 ? 1 : mean));
    if (fabs(delta) < LENGTH_DELTA)
        return 0;
    snprintf(q->msg, sizeof(q->msg), "target is %.1f times the expected "
             "length (%.0f characters for %.0f)",
             lt / (q->al->len.c * (ls > 0 ? ls : 1)), lt, ls);
    return emit(q, "length", SV_SEVERITY_WARNING);
}

static int check_brackets(qa *q, const side_info *s, const side_info *t)
{
    int rc;
    int s_bal = !s->paren && !s->bracket && !s->brace;
    int t_bal = !t->paren && !t->bracket && !t->brace;
    int s_q = s->quotes_open + s->quotes_close + s->ascii_quotes;
    int t_q = t->quotes_open + t->quotes_close + t->ascii_quotes;
    int t_qbal = t->quotes_open == t->quotes_close && t->ascii_quotes % 2 == 0;
    int s_qbal = s->quotes_open == s->quotes_close && s->ascii_quotes % 2 == 0;

    if (s_bal && !t_bal) {
        snprintf(q->msg, sizeof(q->msg), "unbalanced brackets in the target");
        if ((rc = emit(q, "brackets", SV_SEVERITY_INFO)) != 0)
            return rc;
    }
    /* Quotes often span several sentences, and Russian quotes names
     * that English does not: only a target unbalanced where a source
     * with quotes of its own is balanced is worth a look. */
    if (s_q >= 2 && s_qbal && !t_qbal) {
        snprintf(q->msg, sizeof(q->msg), "unbalanced quotes in the target");
        return emit(q, "quotes", SV_SEVERITY_INFO);
    }
    (void)t_q;
    return 0;
}

static int check_garble(qa *q, const char *tgt, size_t tl)
{
    double score = 0, thr = q->al->opts.garble_threshold > 0
                                ? q->al->opts.garble_threshold
                                : 0.5;
    int rc;

    if (!q->al->opts.garble || tl == 0)
        return 0;
    if ((rc = q->al->opts.garble(tgt, tl, &score, q->al->opts.garble_payload))
        != 0)
        return rc;
    if (score < thr)
        return 0;
    snprintf(q->msg, sizeof(q->msg), "target looks like garbled machine "
             "translation (score %.2f)", score);
    return emit(q, "garble", SV_SEVERITY_WARNING);
}

static sv__langid langid_of(sv__al_lang l)
{
    return l == SV__AL_RU ? SV__LANGID_RU : SV__LANGID_EN;
}

/* Checks on a pair with text on both sides. */
static int check_content(qa *q, const char *src, size_t sl, const char *tgt,
                         size_t tl, int given)
{
    side_info *si = NULL, *ti = NULL;
    sv_buf lower = SV_BUF_INIT;
    int rc = 0, before, untranslated;

    si = sv__calloc(2, sizeof(*si));
    if (!si)
        return SV_ENOMEM;
    ti = si + 1;
    scan_side(src, sl, langid_of(q->al->src_lang), q->al->src_code,
              script_of_lang(q->al->tgt_lang), si, &lower);
    scan_side(tgt, tl, langid_of(q->al->tgt_lang), q->al->tgt_code,
              script_of_lang(q->al->src_lang), ti, &lower);
    if (given && tl == 0) {
        snprintf(q->msg, sizeof(q->msg), "empty target");
        rc = emit(q, "empty", SV_SEVERITY_ERROR);
        goto done;
    }
    before = q->count;
    if ((rc = check_untranslated(q, src, sl, tgt, tl, ti)) != 0)
        goto done;
    /* an untranslated target is not scored as garbled translation too */
    untranslated = q->count > before;
    if ((rc = check_numbers(q, si, ti)) != 0 ||
        (rc = check_names(q, src, sl, ti)) != 0 ||
        (rc = check_negation(q, si, ti)) != 0 ||
        (rc = check_length(q, src, sl, tgt, tl)) != 0 ||
        (rc = check_brackets(q, si, ti)) != 0 ||
        (!untranslated && (rc = check_garble(q, tgt, tl)) != 0))
        goto done;
done:
    sv_buf_dispose(&lower);
    sv__free(si);
    return rc;
}

int sv__al_qa(const sv_aligner *al, sv_context *ctx, const char *src,
              size_t src_len, const char *tgt, size_t tgt_len, int bead_a,
              int bead_b, double confidence, sv_align_flag_cb cb,
              void *payload)
{
    qa q;
    int rc;

    memset(&q, 0, sizeof(q));
    q.al = al;
    q.ctx = ctx;
    q.cb = cb;
    q.payload = payload;
    src_len = trim(&src, src_len);
    tgt_len = trim(&tgt, tgt_len);
    if (bead_a == 0 || bead_b == 0) {
        rc = check_missing(&q, bead_a, bead_b);
        return rc ? rc : q.count;
    }
    if (bead_a > 0 && (rc = check_shape(&q, bead_a, bead_b)) != 0)
        return rc;
    if (bead_a > 0 && confidence < UNCERTAIN_CONF) {
        snprintf(q.msg, sizeof(q.msg), "uncertain alignment (confidence "
                 "%.2f)", confidence);
        if ((rc = emit(&q, "uncertain", SV_SEVERITY_INFO)) != 0)
            return rc;
    }
    if ((rc = check_content(&q, src, src_len, tgt, tgt_len, bead_a < 0)) != 0)
        return rc;
    return q.count;
}
