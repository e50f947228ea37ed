/* SPDX-License-Identifier: MIT */
/*
 * Bracket classifier: the host language from the letters around a span,
 * then the span's kind.  Text in the other script (or a different
 * Cyrillic language) is an original; in the host language it is a
 * reference (numbers, "see above"), an acronym or its expansion, an
 * editorial insertion (square brackets, "sic") or other (round asides).
 */
#include <string.h>

#include "base/utf8.h"
#include "brackets/brackets_internal.h"
#include "lang/script.h"
#include "lang/wordcase.h"

#define HOST_WINDOW 200
#define MAX_FOLD 64

/* Lowercase a short word into out (ASCII, Latin-1, Cyrillic); 0 when it
 * does not fit. */
static size_t fold_small(const char *w, size_t n, char *out)
{
    size_t i = 0, o = 0;

    while (i < n) {
        int32_t cp;
        size_t k = sv__utf8_decode((const unsigned char *)w + i, n - i, &cp);
        char enc[4];
        size_t e;

        i += k;
        if (cp < 0)
            return 0;
        if (cp == 0x451 || cp == 0x401)
            cp = 0x435;
        e = sv__utf8_encode(sv__cp_lower((uint32_t)cp), enc);
        if (o + e >= MAX_FOLD)
            return 0;
        memcpy(out + o, enc, e);
        o += e;
    }
    out[o] = '\0';
    return o;
}

/* The lists hold short words: anything longer is not in them, and the
 * first byte rules out most entries before a full comparison. */
static int in_list(const char *w, size_t n, const char *const *list)
{
    char f[MAX_FOLD];
    size_t fl;

    if (n > 24)
        return 0;
    fl = fold_small(w, n, f);
    if (fl == 0)
        return 0;
    for (; *list; list++)
        if ((*list)[0] == f[0] && strlen(*list) == fl &&
            memcmp(*list, f, fl) == 0)
            return 1;
    return 0;
}

int sv__is_function_word(const char *w, size_t len)
{
    static const char *const words[] = {
        "the", "a", "an", "of", "to", "in", "on", "at", "for", "and", "or",
        "but", "by", "with", "from", "as", "into", "about", "over", "that",
        "this", "these", "those", "which", "who", "is", "are", "was", "were",
        "be", "been", "it", "its", "his", "her", "their", "our", "your",
        "my", "than", "then", "so", "not", "no", "has", "have", "had",
        "will", "would", "there", "what", "said", "says",
        "и", "в", "во", "на", "с", "со", "к", "ко", "по", "о", "об", "от",
        "до", "из", "за", "для", "при", "без", "над", "под", "что", "как",
        "а", "но", "или", "же", "ли", "не", "ни", "у", "это", "этот", "эта",
        "то", "так", "его", "ее", "их", "был", "была", "было", "были",
        "есть", "который", "которая", "которые", "заявил", "заявила",
        /* particles of names: "Ursula von der Leyen", "фон дер Ляйен" */
        "von", "van", "der", "den", "de", "la", "le", "du", "bin", "ibn",
        "фон", "дер", "ван", "ибн", "бин", "ле",
        NULL};

    return len < MAX_FOLD && in_list(w, len, words);
}

/* Letters per script in [a, b), with a and b moved onto code point
 * boundaries. */
static void count_range(const char *t, size_t a, size_t b, sv__script_counts *c)
{
    while (a < b && ((unsigned char)t[a] & 0xC0) == 0x80)
        a++;
    while (b > a && b < (size_t)-1 && ((unsigned char)t[b - 1] & 0xC0) == 0xC0)
        b--;
    sv__script_count(t + a, b - a, c);
}

/* Take away the letters of other brackets inside [a, b): a text full of
 * originals is still written in its host language. */
static void minus_one(const char *t, const sv_brackets_result *res,
                      size_t self, size_t j, size_t a, size_t b,
                      sv__script_counts *c)
{
    const sv_bracket *o = &res->brackets[j];
    size_t s = o->start > a ? o->start : a, e = o->end < b ? o->end : b;
    sv__script_counts in;
    int k;

    if (s >= e || (o->start <= res->brackets[self].start &&
                   o->end >= res->brackets[self].end))
        return; /* outside, or an enclosing bracket */
    count_range(t, s, e, &in);
    for (k = 0; k < SV__SCRIPT_COUNT; k++)
        c->n[k] -= in.n[k] < c->n[k] ? in.n[k] : c->n[k];
}

/* Brackets are sorted by start: only the neighbours of `self` that start
 * inside [a, b) are visited, so a record with many brackets stays
 * linear. */
static void minus_brackets(const char *t, const sv_brackets_result *res,
                           size_t self, size_t a, size_t b,
                           sv__script_counts *c)
{
    size_t j;

    for (j = self; j-- > 0 && res->brackets[j].start >= a;)
        minus_one(t, res, self, j, a, b, c);
    for (j = self + 1; j < res->count && res->brackets[j].start < b; j++)
        minus_one(t, res, self, j, a, b, c);
}

static sv_lang lang_of_counts(const sv__script_counts *l,
                              const sv__script_counts *r, unsigned min)
{
    unsigned lat = l->n[SV__SCRIPT_LATIN] + r->n[SV__SCRIPT_LATIN];
    unsigned cyr = l->n[SV__SCRIPT_CYRILLIC] + r->n[SV__SCRIPT_CYRILLIC];

    if (lat + cyr < min)
        return SV_LANG_UND;
    return lat > cyr ? SV_LANG_EN : SV_LANG_RU;
}

/* Host letters on both sides of brackets[i] within [lo, hi), at most
 * `window` bytes each way (0: all). */
static sv_lang host_lang(const char *text, const sv_brackets_result *res,
                         size_t i, size_t lo, size_t hi, size_t window,
                         unsigned min)
{
    const sv_bracket *b = &res->brackets[i];
    size_t open = b->start - 1, close = b->end + 1;
    size_t la = window && open > lo + window ? open - window : lo;
    size_t rb = close < hi ? close : hi;
    size_t re = window && close + window < hi ? close + window : hi;
    sv__script_counts l, r;

    count_range(text, la, open, &l);
    minus_brackets(text, res, i, la, open, &l);
    count_range(text, rb, re, &r);
    minus_brackets(text, res, i, rb, re, &r);
    return lang_of_counts(&l, &r, min);
}

void sv__brackets_host(const char *text, size_t len,
                       const sv_brackets_result *res, size_t i,
                       sv__bhost *out)
{
    const sv_bracket *b = &res->brackets[i];
    size_t j = i, open = b->start - 1, close = b->end + 1;

    out->lo = 0;
    out->hi = len;
    while (b->depth > 0 && j-- > 0) {
        const sv_bracket *p = &res->brackets[j];

        if (p->depth + 1 == b->depth && p->start <= open && p->end >= close) {
            out->lo = p->start;
            out->hi = p->end;
            break;
        }
    }
    out->lang = host_lang(text, res, i, out->lo, out->hi, HOST_WINDOW, 4);
    if (out->lang == SV_LANG_UND)
        out->lang = host_lang(text, res, i, out->lo, out->hi, 0, 1);
}

/* ---- the kind ------------------------------------------------------------ */

static int is_quote_cp(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == 0xAB || cp == 0xBB ||
           cp == 0x2018 || cp == 0x2019 || cp == 0x201C || cp == 0x201D ||
           cp == 0x201E || cp == 0x201A || cp == 0x2039 || cp == 0x203A;
}

static int is_space_cp(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
           cp == 0xA0 || cp == 0x202F || cp == 0x2009;
}

void sv__brackets_trim(const char *t, size_t *a, size_t *b)
{
    for (;;) {
        int32_t cp;
        size_t k;

        if (*a >= *b)
            return;
        k = sv__utf8_decode((const unsigned char *)t + *a, *b - *a, &cp);
        if (!is_space_cp(cp) && !is_quote_cp(cp))
            break;
        *a += k;
    }
    while (*b > *a) {
        size_t s = *b - 1;
        int32_t cp;

        while (s > *a && ((unsigned char)t[s] & 0xC0) == 0x80)
            s--;
        sv__utf8_decode((const unsigned char *)t + s, *b - s, &cp);
        if (!is_space_cp(cp) && !is_quote_cp(cp))
            break;
        *b = s;
    }
}

typedef struct inner_info {
    size_t a, b;               /* trimmed inner */
    sv__script_counts c;
    unsigned words, numbers, caps_words, title_words, ref_words;
    unsigned year;             /* a 4-digit number 1000..2199 */
    unsigned other_punct;
    sv__token first;           /* first word token */
} inner_info;

static int is_ref_word(const char *w, size_t n)
{
    static const char *const words[] = {
        "see", "cf", "p", "pp", "ibid", "fig", "figure", "table", "ch",
        "chap", "vol", "no", "nos", "ed", "eds", "et", "al", "above",
        "below", "note", "notes", "n", "ff", "op", "cit", "loc", "supra",
        "infra", "page", "pages", "art", "para", "section", "sec",
        "appendix", "annex", "also", "fn", "ref", "source", "photo",
        "см", "выше", "ниже", "с", "стр", "рис", "табл", "там", "же", "т",
        "гл", "прим", "п", "ст", "ч", "соч", "приложение", "сноска",
        "также", "фото", "источник", "тж", "пп", "л", NULL};

    return in_list(w, n, words);
}

static void scan_inner(const char *t, inner_info *in)
{
    sv__tokenizer tk;
    sv__token tok;

    sv__script_count(t + in->a, in->b - in->a, &in->c);
    sv__tok_init(&tk, t + in->a, in->b - in->a, SV__TOK_SKIP_SPACE);
    while (sv__tok_next(&tk, &tok)) {
        size_t n = tok.end - tok.start;
        const char *w = t + in->a + tok.start;

        if (tok.kind == SV__TOK_NUMBER) {
            in->numbers++;
            if (n == 4 && (w[0] == '1' || (w[0] == '2' && w[1] <= '1')))
                in->year = 1;
        } else if (tok.kind == SV__TOK_WORD) {
            if (in->words++ == 0)
                in->first = tok;
            if (tok.flags & SV__TOKF_ALLCAPS)
                in->caps_words++;
            if (tok.flags & SV__TOKF_CAP)
                in->title_words++;
            if (is_ref_word(w, n))
                in->ref_words++;
        } else if (tok.kind == SV__TOK_PUNCT) {
            if (tok.cp != ',' && tok.cp != '.' && tok.cp != ';' &&
                tok.cp != ':' && tok.cp != '-' && tok.cp != 0x2013)
                in->other_punct++;
        }
    }
}

/* A pointer: "(see chart)", "(cf. the annex)", "(см. таблицу)". */
static int is_pointer(const char *t, const inner_info *in)
{
    static const char *const starts[] = {"see", "cf", "compare", "см",
                                         "ср", "смотри", NULL};

    return in->words >= 2 && in->words <= 5 &&
           in_list(t + in->a + in->first.start,
                   in->first.end - in->first.start, starts);
}

static int is_reference(const char *t, const inner_info *in)
{
    if (in->c.letters == 0)
        return in->c.digits > 0;
    if (is_pointer(t, in))
        return 1;
    if (in->words > 0 && in->ref_words == in->words &&
        (in->numbers > 0 || in->words >= 2 || in->c.letters >= 3))
        return 1;
    /* "(Smith, 2019)", "(Reuters 2021)", "(ibid., p. 4)" */
    return in->year && in->words <= 3 &&
           in->title_words + in->ref_words >= in->words;
}

/* One word of capitals (digits, dots, "&", "-" allowed): "MFA", "G7",
 * "U.S.", "ОДКБ", "COVID-19", plural "NGOs". */
static int is_acronym_token(const char *t, const inner_info *in)
{
    size_t i, upper = 0, lower_s = 0;

    if (in->b - in->a > 24 || in->words == 0 || in->words > 4)
        return 0;
    for (i = in->a; i < in->b; i++) {
        unsigned char ch = (unsigned char)t[i];

        if (ch >= 'A' && ch <= 'Z')
            upper++;
        else if (ch == 's' && i + 1 == in->b && upper >= 2)
            lower_s++;
        else if (ch >= 0xD0 && ch <= 0xD1 && i + 1 < in->b) {
            uint32_t cp = (uint32_t)(((ch & 0x1F) << 6) |
                                     ((unsigned char)t[i + 1] & 0x3F));

            if (!(cp >= 0x410 && cp <= 0x42F) && cp != 0x401)
                return 0;
            upper++;
            i++;
        } else if (!((ch >= '0' && ch <= '9') || ch == '.' || ch == '&' ||
                     ch == '-')) {
            return 0;
        }
    }
    return upper >= 2 || (upper == 1 && in->c.digits > 0);
}

/* First code point of a word, lowercased. */
static uint32_t initial(const char *w, size_t n)
{
    int32_t cp;

    sv__utf8_decode((const unsigned char *)w, n, &cp);
    return cp < 0 ? 0 : sv__cp_lower((uint32_t)cp);
}

/* The inner words' initials spell the capitals word just before the
 * bracket: "the North Atlantic Treaty Organization" after "NATO". */
static int is_expansion(const char *t, const inner_info *in, size_t open,
                        size_t lo)
{
    size_t e = open, s;
    uint32_t acr[16], ini[16];
    unsigned na = 0, ni = 0, k, digits = 0, titled = 0;
    sv__tokenizer tk;
    sv__token tok;

    while (e > lo && (t[e - 1] == ' ' || t[e - 1] == '\t'))
        e--;
    s = e;
    while (s > lo && t[s - 1] != ' ' && t[s - 1] != '\n' && t[s - 1] != '(' &&
           t[s - 1] != '\t')
        s--;
    if (e - s < 2 || in->words < 2)
        return 0;
    while (s < e && na < 16) {
        int32_t cp;
        size_t n = sv__utf8_decode((const unsigned char *)t + s, e - s, &cp);

        s += n;
        if (cp < 0)
            return 0;
        if (cp >= '0' && cp <= '9')
            digits++;
        else if (sv__cp_lower((uint32_t)cp) != (uint32_t)cp)
            acr[na++] = sv__cp_lower((uint32_t)cp);
    }
    sv__tok_init(&tk, t + in->a, in->b - in->a, SV__TOK_SKIP_SPACE);
    while (sv__tok_next(&tk, &tok) && ni < 16) {
        const char *w = t + in->a + tok.start;
        size_t n = tok.end - tok.start;

        if (tok.kind != SV__TOK_WORD)
            continue;
        if (sv__is_function_word(w, n) && !(tok.flags & SV__TOKF_CAP))
            continue;
        titled += (tok.flags & SV__TOKF_CAP) != 0;
        ini[ni++] = initial(w, n);
    }
    /* "G20 (Group of Twenty)": numbers are spelled out, so only ask for
     * a capitalised name after a capitals-and-digits word */
    if (digits && na >= 1 && ni >= 2 && titled == ni)
        return 1;
    if (na < 2 || na != ni)
        return 0;
    for (k = 0; k < na; k++)
        if (acr[k] != ini[k])
            return 0;
    return 1;
}

/* The acronym in the bracket abbreviates the words just before it:
 * "the Ministry of Foreign Affairs [MFA]".  An acronym in square brackets
 * that does not is an editor's clarification: "the alliance [NATO]". */
static int abbreviates_before(const char *t, const inner_info *in,
                              size_t open, size_t lo)
{
    uint32_t acr[16], ini[16];
    unsigned na = 0, ni = 0, k;
    size_t i = in->a, from = open > lo + 300 ? open - 300 : lo;
    sv__tokenizer tk;
    sv__token tok;

    while (i < in->b && na < 16) {
        int32_t cp;

        i += sv__utf8_decode((const unsigned char *)t + i, in->b - i, &cp);
        if (cp > 0 && sv__cp_lower((uint32_t)cp) != (uint32_t)cp)
            acr[na++] = sv__cp_lower((uint32_t)cp);
    }
    while (from < open && ((unsigned char)t[from] & 0xC0) == 0x80)
        from++;
    sv__tok_init(&tk, t + from, open - from, SV__TOK_SKIP_SPACE);
    while (sv__tok_next(&tk, &tok)) {
        const char *w = t + from + tok.start;

        if (tok.kind != SV__TOK_WORD) {
            ni = 0; /* the expansion runs up to the bracket */
            continue;
        }
        if (sv__is_function_word(w, tok.end - tok.start) &&
            !(tok.flags & SV__TOKF_CAP))
            continue;
        if (ni == 16) {
            memmove(ini, ini + 1, 15 * sizeof(ini[0]));
            ni = 15;
        }
        ini[ni++] = initial(w, tok.end - tok.start);
    }
    if (na < 2 || ni < na)
        return 0;
    for (k = 0; k < na; k++)
        if (acr[k] != ini[ni - na + k])
            return 0;
    return 1;
}

static int is_editorial_marker(const char *t, const inner_info *in)
{
    static const char *const marks[] = {
        "sic", "sic!", "emphasis added", "emphasis mine", "emphasis ours",
        "translator's note", "editor's note", "ed. note", "ed.", "...",
        "\xE2\x80\xA6", "ред.", "прим. ред.", "прим. пер.",
        "прим. перев.", "выделено мной", "выделено нами", "курсив мой",
        "курсив наш", "так в тексте", "так в оригинале", "sic.", NULL};
    static const char *const prefixes[] = {
        "i.e. ", "i. e. ", "ie ", "that is, ", "namely ", "т.е. ", "т. е. ",
        "то есть ", "а именно ", "прим. ", NULL};
    char f[MAX_FOLD];
    size_t n = in->b - in->a, fl;
    const char *const *m;

    if (n >= MAX_FOLD)
        return 0;
    fl = fold_small(t + in->a, n, f);
    if (fl == 0)
        return 0;
    for (m = marks; *m; m++)
        if (strlen(*m) == fl && memcmp(*m, f, fl) == 0)
            return 1;
    /* clarifications: "[i.e. the treaty]", "[т. е. договор]" */
    for (m = prefixes; *m; m++)
        if (fl > strlen(*m) && memcmp(*m, f, strlen(*m)) == 0)
            return 1;
    return 0;
}

static void set_lang(sv_bracket *b, const char *code)
{
    size_t n = strlen(code);

    memcpy(b->lang, code, n < 3 ? n + 1 : 3);
    b->lang[3] = '\0';
}

/* Language of an original: the short-span guesser, or the script. */
static void original_lang(const char *t, const inner_info *in,
                          sv__script dom, sv_bracket *b)
{
    double conf = 0.0;
    sv__langid id = sv__lang_guess(t + in->a, in->b - in->a, &conf);

    if (id == SV__LANGID_UND)
        set_lang(b, dom == SV__SCRIPT_CYRILLIC ? "ru"
                    : dom == SV__SCRIPT_LATIN  ? "en" : "und");
    else
        set_lang(b, sv__langid_code(id));
}

static void host_lang_code(sv_bracket *b, sv__script dom)
{
    set_lang(b, dom == SV__SCRIPT_CYRILLIC ? "ru"
                : dom == SV__SCRIPT_LATIN  ? "en" : "und");
}

/* Cyrillic that the guesser says is not Russian inside Russian text. */
/* Letters Russian never uses: і ї є ґ (Ukrainian), ў (Belarusian),
 * ђ ј љ њ ћ џ (Serbian); and ъ before a consonant (Bulgarian "събрание":
 * in Russian ъ stands only before е, ё, ю, я). */
static int has_foreign_cyrillic(const char *t, size_t a, size_t b)
{
    size_t i;

    for (i = a; i + 1 < b; i++) {
        unsigned char x = (unsigned char)t[i], y = (unsigned char)t[i + 1];

        if ((x == 0xD1 && (y == 0x96 || y == 0x97 || y == 0x94 ||
                           y == 0x9E || y == 0x92 || y == 0x98 ||
                           y == 0x99 || y == 0x9A || y == 0x9B ||
                           y == 0x9F)) ||
            (x == 0xD2 && y == 0x91) ||
            (x == 0xD0 && (y == 0x86 || y == 0x87 || y == 0x84)))
            return 1;
        if (x == 0xD1 && y == 0x8A && i + 3 < b) {
            unsigned char p = (unsigned char)t[i + 2], q = (unsigned char)t[i + 3];

            if ((p == 0xD0 && q >= 0xB0 && q != 0xB5) ||
                (p == 0xD1 && q < 0x8E && q != 0x91 && q != 0x8C))
                return 1;
        }
    }
    return 0;
}

/* Cyrillic that the guesser says is not Russian inside Russian text.  A
 * short span must show letters Russian lacks: on a few words alone the
 * guesser mistakes Russian for Bulgarian. */
static int other_cyrillic(const char *t, const inner_info *in)
{
    double conf = 0.0;
    sv__langid id = sv__lang_guess(t + in->a, in->b - in->a, &conf);

    if (id != SV__LANGID_UK && id != SV__LANGID_BG && id != SV__LANGID_SR)
        return 0;
    return conf >= 0.6 && (has_foreign_cyrillic(t, in->a, in->b) ||
                           in->c.letters >= 16);
}

void sv__brackets_classify(const sv_brackets *bp, const char *text,
                           size_t len, const sv__bhost *host, sv_bracket *b)
{
    inner_info in;
    sv__script dom, hs;
    (void)len;

    memset(&in, 0, sizeof(in));
    in.a = b->start;
    in.b = b->end;
    sv__brackets_trim(text, &in.a, &in.b);
    b->confidence = 0.6;
    if (in.a >= in.b) {
        b->kind = SV_BRACKET_OTHER;
        return;
    }
    if (in.b - in.a > bp->opts.max_inner) {
        b->kind = SV_BRACKET_OTHER;
        return;
    }
    scan_inner(text, &in);
    dom = sv__script_dominant(&in.c, 0.5);
    hs = host->lang == SV_LANG_EN   ? SV__SCRIPT_LATIN
         : host->lang == SV_LANG_RU ? SV__SCRIPT_CYRILLIC
                                    : SV__SCRIPT_COMMON;
    if (is_editorial_marker(text, &in)) {
        b->kind = SV_BRACKET_EDITORIAL;
        b->confidence = 0.9;
        host_lang_code(b, hs != SV__SCRIPT_COMMON ? hs : dom);
        return;
    }
    if (is_reference(text, &in)) {
        b->kind = SV_BRACKET_REFERENCE;
        b->confidence = in.c.letters == 0 ? 0.95 : 0.8;
        host_lang_code(b, in.c.letters ? dom : SV__SCRIPT_COMMON);
        return;
    }
    if (in.c.letters == 0) {
        b->kind = SV_BRACKET_OTHER;
        return;
    }
    if (dom != SV__SCRIPT_COMMON && hs != SV__SCRIPT_COMMON && dom != hs) {
        b->kind = SV_BRACKET_ORIGINAL;
        b->confidence = 0.6 + 0.4 * (double)in.c.n[dom] / in.c.letters;
        original_lang(text, &in, dom, b);
        return;
    }
    if (dom == SV__SCRIPT_CYRILLIC && hs == dom && other_cyrillic(text, &in)) {
        b->kind = SV_BRACKET_ORIGINAL;
        b->confidence = 0.7;
        original_lang(text, &in, dom, b);
        return;
    }
    host_lang_code(b, dom);
    if ((is_acronym_token(text, &in) &&
         (b->open != '[' ||
          abbreviates_before(text, &in, b->start - 1, host->lo))) ||
        is_expansion(text, &in, b->start - 1, host->lo)) {
        b->kind = SV_BRACKET_ACRONYM;
        b->confidence = 0.9;
        return;
    }
    if (dom != SV__SCRIPT_LATIN && dom != SV__SCRIPT_CYRILLIC) {
        /* another script in Latin or Cyrillic text quotes a source too */
        b->kind = dom == SV__SCRIPT_COMMON ? SV_BRACKET_OTHER
                                           : SV_BRACKET_ORIGINAL;
        set_lang(b, "und");
        return;
    }
    b->kind = b->open == '[' ? SV_BRACKET_EDITORIAL : SV_BRACKET_OTHER;
    b->confidence = b->open == '[' ? 0.85 : 0.6;
}
