/* SPDX-License-Identifier: MIT */
/*
 * Build-time converter: Mueller's English-Russian dictionary (dictd .index
 * + .dict[.dz]) into the project's lexicon files lexicon-en-ru.tsv and
 * lexicon-ru-en.tsv.  Parses the entry structure (homonyms, numbered senses,
 * labels, examples), keeps clean translations, inverts them with the
 * Russian side lemmatized through hunspell-ru stems, and ranks the inverse.
 */
#define _POSIX_C_SOURCE 200809L /* popen */

#include <errno.h>
#include <hunspell.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf_internal.h"
#include "base/hashmap.h"
#include "base/utf8.h"
#include "lang/wordcase.h"
#include "sverka/errors.h"

#define MAX_EN_CANDS 16 /* Russian translations kept per English word */
#define MAX_RU_CANDS 12 /* English candidates kept per Russian lemma */
#define MAX_PHRASE_WORDS 3

/* ---- string arena: records keep offsets, so the arena may move ---- */

typedef struct arena {
    sv_buf buf;
} arena;

static size_t arena_add(arena *a, const char *s, size_t len)
{
    size_t off = a->buf.size;

    if (sv_buf_put(&a->buf, s, len) < 0 || sv__buf_putc(&a->buf, '\0') < 0) {
        fputs("mklexicon: out of memory\n", stderr);
        exit(1);
    }
    return off;
}

/* ---- records ---- */

/* A key and a value, as arena offsets: the head of every record. */
typedef struct kv {
    size_t key, val;
} kv;

typedef struct en_rec {
    kv kv;          /* English word -> Russian translation */
    uint64_t order; /* class, entry, sense, position */
} en_rec;

typedef struct ru_occ {
    kv kv; /* Russian lemma -> English word */
    long score;
    uint64_t seq;
} ru_occ;

typedef struct lexgen {
    arena strs;
    en_rec *en;
    size_t n_en, cap_en;
    ru_occ *ru;
    size_t n_ru, cap_ru;
    sv__hashmap *freq;      /* lowercase English token -> count */
    sv__hashmap *stem_memo; /* Russian word -> offset+1 into stems */
    arena stems;            /* "s1\0s2\0\0" lists */
    Hunhandle *hs_ru;
    uint64_t seq;
} lexgen;

static const char *g_base; /* arena base for qsort comparators */

static void die(const char *what)
{
    fprintf(stderr, "mklexicon: %s\n", what);
    exit(1);
}

static void *grow(void *p, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return p;
    *cap = *cap ? *cap * 2 : 4096;
    p = sv__realloc(p, *cap * size);
    if (!p)
        die("out of memory");
    return p;
}

static void add_en(lexgen *g, size_t head, const char *ru, size_t ru_len,
                   uint64_t order)
{
    g->en = grow(g->en, &g->cap_en, g->n_en, sizeof(en_rec));
    g->en[g->n_en].kv.key = head;
    g->en[g->n_en].kv.val = arena_add(&g->strs, ru, ru_len);
    g->en[g->n_en].order = order;
    g->n_en++;
}

static void add_ru(lexgen *g, const char *key, size_t key_len, size_t en,
                   long score)
{
    g->ru = grow(g->ru, &g->cap_ru, g->n_ru, sizeof(ru_occ));
    g->ru[g->n_ru].kv.key = arena_add(&g->strs, key, key_len);
    g->ru[g->n_ru].kv.val = en;
    g->ru[g->n_ru].score = score;
    g->ru[g->n_ru].seq = g->seq++;
    g->n_ru++;
}

/* ---- input ---- */

static char *read_all(FILE *f, size_t *len)
{
    size_t cap = 1 << 20, n = 0;
    char *p = sv__malloc(cap);

    if (!p)
        die("out of memory");
    for (;;) {
        size_t got;

        if (n + 65536 + 1 > cap) {
            cap *= 2;
            p = sv__realloc(p, cap);
            if (!p)
                die("out of memory");
        }
        got = fread(p + n, 1, 65536, f);
        n += got;
        if (got < 65536)
            break;
    }
    if (ferror(f))
        die("read error");
    p[n] = '\0';
    *len = n;
    return p;
}

static char *load_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *p;

    if (!f) {
        fprintf(stderr, "mklexicon: cannot open %s: %s\n", path,
                strerror(errno));
        exit(1);
    }
    p = read_all(f, len);
    fclose(f);
    return p;
}

/* dictd's .dz is gzip-compatible; decompress through the gzip program so
 * the build needs no zlib. */
static char *load_dict(const char *path, const char *gzip, size_t *len)
{
    size_t n = strlen(path);
    sv_buf cmd = SV_BUF_INIT;
    FILE *p;
    char *data;
    size_t i;

    if (n < 3 || (strcmp(path + n - 3, ".dz") != 0 &&
                  strcmp(path + n - 3, ".gz") != 0))
        return load_file(path, len);
    /* single-quote the arguments for /bin/sh */
    if (sv__buf_printf(&cmd, "'%s' -dc '", gzip) < 0)
        die("out of memory");
    for (i = 0; i < n; i++) {
        if (path[i] == '\'' ? sv__buf_puts(&cmd, "'\\''")
                            : sv__buf_putc(&cmd, path[i]))
            die("out of memory");
    }
    if (sv__buf_putc(&cmd, '\'') < 0)
        die("out of memory");
    p = popen(cmd.ptr, "r");
    if (!p)
        die("cannot run gzip");
    data = read_all(p, len);
    if (pclose(p) != 0) {
        fprintf(stderr, "mklexicon: '%s' failed\n", cmd.ptr);
        exit(1);
    }
    sv_buf_dispose(&cmd);
    return data;
}

static long b64_value(const char *s, size_t n)
{
    static const char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    long v = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        const char *d = strchr(digits, s[i]);

        if (!d || !s[i])
            return -1;
        v = v * 64 + (long)(d - digits);
    }
    return v;
}

/* ---- English token frequencies: a commonness proxy ---- */

static int is_ascii_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void count_tokens(lexgen *g, const char *data, size_t len)
{
    size_t i = 0;
    char tok[64];

    while (i < len) {
        size_t j = i, k;
        uint64_t v = 0;

        if (!is_ascii_alpha((unsigned char)data[i])) {
            i++;
            continue;
        }
        while (j < len && is_ascii_alpha((unsigned char)data[j]))
            j++;
        if (j - i < sizeof(tok)) {
            for (k = 0; k < j - i; k++)
                tok[k] = (char)sv__cp_lower((unsigned char)data[i + k]);
            sv__hashmap_get(g->freq, tok, j - i, &v);
            if (sv__hashmap_put(g->freq, tok, j - i, v + 1) < 0)
                die("out of memory");
        }
        i = j;
    }
}

static uint64_t freq_of(const lexgen *g, const char *w)
{
    uint64_t v = 0;

    sv__hashmap_get(g->freq, w, strlen(w), &v);
    return v;
}

/* ---- small text helpers ---- */

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_cyrillic(int32_t cp)
{
    return cp >= 0x0400 && cp <= 0x04FF;
}

static int has_latin(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (is_ascii_alpha((unsigned char)s[i]))
            return 1;
    return 0;
}

static void trim(const char **s, size_t *n)
{
    while (*n > 0 && is_space((unsigned char)**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && is_space((unsigned char)(*s)[*n - 1]))
        (*n)--;
}

/* Plurals the rules below get wrong. */
static const char *const irregular_plurals[][2] = {
    {"man", "men"}, {"woman", "women"}, {"child", "children"},
    {"person", "people"}, {"foot", "feet"}, {"tooth", "teeth"},
    {"mouse", "mice"}, {"goose", "geese"}, {"ox", "oxen"},
    {"wife", "wives"}, {"knife", "knives"}, {"life", "lives"},
    {"leaf", "leaves"}, {"half", "halves"}, {"wolf", "wolves"},
    {"thief", "thieves"}, {"shelf", "shelves"}, {"calf", "calves"},
    {"loaf", "loaves"}, {"self", "selves"}, {"hero", "heroes"},
    {"potato", "potatoes"}, {"tomato", "tomatoes"}, {"echo", "echoes"},
    {"veto", "vetoes"}, {"embargo", "embargoes"}, {"torpedo", "torpedoes"},
    {"crisis", "crises"}, {"analysis", "analyses"}, {"thesis", "theses"},
    {"basis", "bases"}, {"criterion", "criteria"},
    {"phenomenon", "phenomena"}};

/* English plural of a lowercase single word. */
static void plural_of(const char *w, char *out, size_t cap)
{
    size_t n = strlen(w), i;

    for (i = 0; i < sizeof(irregular_plurals) / sizeof(irregular_plurals[0]);
         i++) {
        if (strcmp(w, irregular_plurals[i][0]) == 0) {
            snprintf(out, cap, "%s", irregular_plurals[i][1]);
            return;
        }
    }
    const char *end = n >= 2 ? w + n - 2 : w;
    int vowel_y = n >= 2 && strchr("aeiou", w[n - 2]) != NULL;

    if (n + 4 > cap) {
        out[0] = '\0';
        return;
    }
    if (n > 0 && w[n - 1] == 'y' && !vowel_y)
        snprintf(out, cap, "%.*sies", (int)(n - 1), w);
    else if ((n > 0 && strchr("sxz", w[n - 1])) || strcmp(end, "ch") == 0 ||
             strcmp(end, "sh") == 0)
        snprintf(out, cap, "%ses", w);
    else
        snprintf(out, cap, "%ss", w);
}

static int contains_word(const char *text, size_t n, const char *w)
{
    size_t wl = strlen(w), i;

    for (i = 0; wl && i + wl <= n; i++) {
        if (memcmp(text + i, w, wl) != 0)
            continue;
        if ((i == 0 || !is_ascii_alpha((unsigned char)text[i - 1])) &&
            (i + wl == n || !is_ascii_alpha((unsigned char)text[i + wl])))
            return 1;
    }
    return 0;
}

/* ---- labels ---- */

enum {
    F_ATTR = 1,   /* attributive use: an adjective, not the noun */
    F_PL = 2,     /* plural sense ("talk 2) _pl. переговоры") */
    F_RARE = 4,   /* obsolete, poetic, dialect, historical */
    F_COLLOQ = 8, /* colloquial, slang */
    F_DOMAIN = 16,/* a field label (military, law, ...) */
    F_GRAM = 32,  /* a grammatical form (_refl., _p-p.) */
    F_NOUN = 64,  /* part of speech: noun */
    F_OTHER_POS = 128 /* part of speech: verb, adjective, adverb ... */
};

static int label_flags(const char *l, size_t n)
{
    static const char *const rare[] = {"уст", "арх", "редк", "поэт",
        "диал", "шотл", "ист", "библ", "церк", "миф", "ирл", "австрал",
        "инд", "ю-афр", "лат", "фр", "нем", "ит", "греч", "исп", NULL};
    static const char *const colloq[] = {"разг", "жарг", "груб", "вульг",
        "шутл", "ирон", "презр", "пренебр", "бран", "школ", "студ",
        "детск", "эвф", NULL};
    size_t i;

#define LABEL_IS(s) (n == strlen(s) && memcmp(l, s, n) == 0)
    if (LABEL_IS("attr"))
        return F_ATTR;
    if (LABEL_IS("n"))
        return F_NOUN;
    if (LABEL_IS("v") || LABEL_IS("a") || LABEL_IS("adv") ||
        LABEL_IS("prep") || LABEL_IS("cj") || LABEL_IS("pron") ||
        LABEL_IS("interj") || LABEL_IS("num"))
        return F_OTHER_POS;
    if (LABEL_IS("pl"))
        return F_PL;
    if (LABEL_IS("refl") || LABEL_IS("p-p") || LABEL_IS("pres-p") ||
        LABEL_IS("p") || LABEL_IS("pass") || LABEL_IS("predic"))
        return F_GRAM;
    for (i = 0; rare[i]; i++)
        if (LABEL_IS(rare[i]))
            return F_RARE;
    for (i = 0; colloq[i]; i++)
        if (LABEL_IS(colloq[i]))
            return F_COLLOQ;
#undef LABEL_IS
    /* Other Cyrillic labels are fields (_воен., _тех.); Latin ones are
     * parts of speech and carry no penalty. */
    return (unsigned char)l[0] >= 0x80 ? F_DOMAIN : 0;
}

/* Copy seg into out without (...) and [...] groups and _labels, OR-ing
 * the labels' flags (including those inside parentheses) into *flags. */
static void clean_segment(const char *s, size_t n, sv_buf *out, int *flags)
{
    size_t i = 0;
    int depth = 0;

    sv_buf_clear(out);
    while (i < n) {
        char c = s[i];

        if (c == '(' || c == '[') {
            depth++;
            i++;
            continue;
        }
        if ((c == ')' || c == ']') && depth > 0) {
            depth--;
            i++;
            continue;
        }
        if (c == '_' && (i == 0 || is_space((unsigned char)s[i - 1]) ||
                         s[i - 1] == '(')) {
            size_t j = i + 1;

            while (j < n && !is_space((unsigned char)s[j]) && s[j] != '.' &&
                   s[j] != ')' && s[j] != ',' && s[j] != ';')
                j++;
            *flags |= label_flags(s + i + 1, j - i - 1);
            if (j < n && s[j] == '.')
                j++;
            i = j;
            continue;
        }
        if (depth == 0 && sv__buf_putc(out, c) < 0)
            die("out of memory");
        i++;
    }
}

/* Russian function words that Mueller leaves at the end of a verb
 * translation ("отказываться от"): they belong to the government, not to
 * the word. */
static int is_trailing_function_word(const char *w, size_t n)
{
    static const char *const words[] = {"от", "с", "со", "к", "ко", "на",
        "в", "во", "о", "об", "обо", "за", "по", "для", "из", "у", "при",
        "над", "под", "перед", "через", "и", "или", "как", "что", "чтобы",
        "до", "без", "между", "против", "среди", NULL};
    size_t i;

    for (i = 0; words[i]; i++)
        if (strlen(words[i]) == n && memcmp(words[i], w, n) == 0)
            return 1;
    return 0;
}

/* Abbreviated pronoun placeholders: "кого-л.", "что-л.", "и т.п.". */
static int is_placeholder(const char *w, size_t n)
{
    if (n >= 4 && memcmp(w + n - 4, "-л.", 4) == 0)
        return 1;
    if (n >= 3 && memcmp(w + n - 3, "-л", 3) == 0)
        return 1;
    return (n == 6 && memcmp(w, "т.п.", 6) == 0) ||
           (n == 6 && memcmp(w, "т.е.", 6) == 0) ||
           (n == 6 && memcmp(w, "т.д.", 6) == 0);
}

/* Normalise one comma-separated alternative into out: drop placeholders
 * and trailing function words, require Cyrillic words only.  Returns the
 * number of words, 0 if the alternative is not a clean translation, minus
 * the number of words when it is too long to be one (a description). */
static int clean_alternative(const char *s, size_t n, sv_buf *out)
{
    size_t i = 0;
    int words = 0;
    size_t word_ends[16];

    sv_buf_clear(out);
    while (i < n) {
        size_t j, k;

        while (i < n && is_space((unsigned char)s[i]))
            i++;
        j = i;
        while (j < n && !is_space((unsigned char)s[j]))
            j++;
        if (j == i)
            break;
        if (is_placeholder(s + i, j - i)) {
            i = j;
            continue;
        }
        /* "и т.п.", "и т.д.": the conjunction goes with the placeholder */
        if (j - i == 2 && memcmp(s + i, "и", 2) == 0 && j + 7 <= n &&
            is_placeholder(s + j + 1, 6) &&
            (j + 7 == n || is_space((unsigned char)s[j + 7]))) {
            i = j + 7;
            continue;
        }
        for (k = i; k < j;) {
            int32_t cp;
            size_t m = sv__utf8_decode((const unsigned char *)s + k, j - k,
                                       &cp);

            if (!(is_cyrillic(cp) || cp == '-'))
                return 0;
            k += m;
        }
        if (s[i] == '-' || s[j - 1] == '-')
            return 0; /* a prefix or suffix entry ("авто-") */
        if (words == 16)
            return 0;
        if (out->size && sv__buf_putc(out, ' ') < 0)
            die("out of memory");
        if (sv_buf_put(out, s + i, j - i) < 0)
            die("out of memory");
        word_ends[words++] = out->size;
        i = j;
    }
    /* drop trailing prepositions and conjunctions */
    while (words > 1) {
        size_t start = words >= 2 ? word_ends[words - 2] + 1 : 0;
        size_t len = word_ends[words - 1] - start;

        if (!is_trailing_function_word(out->ptr + start, len))
            break;
        words--;
        sv__buf_truncate(out, word_ends[words - 1]);
    }
    if (words == 1 && is_trailing_function_word(out->ptr, out->size))
        return 0;
    return words <= MAX_PHRASE_WORDS ? words : -words;
}

/* The comma-separated alternatives of one segment, cleaned. */
#define MAX_ALTS 32

typedef struct alt_list {
    sv_buf text;           /* the cleaned alternatives, back to back */
    size_t off[MAX_ALTS], len[MAX_ALTS];
    int words[MAX_ALTS];   /* as clean_alternative(); 0 when dropped */
    int n;
} alt_list;

static int ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);

    return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

/* An adjective by its ending; the last letter tells gender and number. */
static int adjective_ending(const char *w, size_t n)
{
    static const char *const endings[] = {"ый", "ий", "ой", "ая", "яя",
                                          "ое", "ее", "ые", "ие", NULL};
    size_t i;

    for (i = 0; endings[i]; i++)
        if (ends_with(w, n, endings[i]))
            return 1;
    return 0;
}

static int participle(const char *w, size_t n)
{
    static const char *const endings[] = {"щий", "щая", "щее", "щие",
        "вший", "вшая", "вшее", "вшие", "щийся", "щаяся", "щиеся", NULL};
    size_t i;

    for (i = 0; endings[i]; i++)
        if (ends_with(w, n, endings[i]))
            return 1;
    return 0;
}

/* Nouns that only head a description ("человек, знающий своё дело"). */
static int generic_noun(const char *w, size_t n)
{
    static const char *const nouns[] = {"человек", "лицо", "тот", "то",
                                        "вещь", "нечто", "предмет", NULL};
    size_t i;

    for (i = 0; nouns[i]; i++)
        if (strlen(nouns[i]) == n && memcmp(nouns[i], w, n) == 0)
            return 1;
    return 0;
}

static void split_alternatives(const char *s, size_t sn, alt_list *al)
{
    sv_buf one = SV_BUF_INIT;
    size_t a0 = 0, j;

    sv_buf_clear(&al->text);
    al->n = 0;
    for (j = 0; j <= sn && al->n < MAX_ALTS; j++) {
        if (j < sn && s[j] != ',')
            continue;
        al->words[al->n] = clean_alternative(s + a0, j - a0, &one);
        al->off[al->n] = al->text.size;
        al->len[al->n] = al->words[al->n] > 0 ? one.size : 0;
        if (sv_buf_put(&al->text, one.ptr ? one.ptr : "", al->len[al->n]) < 0)
            die("out of memory");
        al->n++;
        a0 = j + 1;
    }
    sv_buf_dispose(&one);
}

/* Commas in Mueller also separate parts of one description: drop what
 * is only a piece of one. */
static void filter_alternatives(alt_list *al)
{
    int i, k;

    /* "условное обозначение первого по порядку, сортности": a
     * description, and what follows its comma continues it */
    if (al->n > 0 && al->words[0] < 0) {
        for (i = 0; i < al->n; i++)
            al->words[i] = 0;
        return;
    }
    for (i = 0; i < al->n; i++) {
        const char *w = al->text.ptr + al->off[i];

        /* "спекулянт, играющий на понижение": a participle clause after
         * a comma describes the previous word */
        if (i > 0 && al->words[i] >= 2 && participle(w, strcspn(w, " "))) {
            al->words[i] = 0;
            continue;
        }
        if (al->words[i] != 1)
            continue;
        if (al->n > 1 && generic_noun(w, al->len[i])) {
            al->words[i] = 0;
            continue;
        }
        /* "грубый, невоспитанный человек": the lone adjective modifies
         * the later noun phrase */
        for (k = i + 1; k < al->n && adjective_ending(w, al->len[i]); k++) {
            const char *v = al->text.ptr + al->off[k];
            size_t first = strcspn(v, " ");

            if (al->words[k] >= 2 && first < al->len[k] &&
                adjective_ending(v, first) &&
                memcmp(v + first - 2, w + al->len[i] - 2, 2) == 0) {
                al->words[i] = 0;
                break;
            }
        }
    }
}

/* ---- Russian lemmas ---- */

/* Stems of w through hunspell-ru, memoised: a list "s1\0s2\0\0". */
static const char *ru_stems(lexgen *g, const char *w)
{
    uint64_t v;
    char **list = NULL;
    int n, i;

    if (sv__hashmap_get(g->stem_memo, w, strlen(w), &v))
        return g->stems.buf.ptr + v;
    v = g->stems.buf.size;
    n = Hunspell_stem(g->hs_ru, &list, w);
    for (i = 0; i < n; i++)
        arena_add(&g->stems, list[i], strlen(list[i]));
    arena_add(&g->stems, "", 0);
    Hunspell_free_list(g->hs_ru, &list, n);
    if (sv__hashmap_put(g->stem_memo, w, strlen(w), v) < 0)
        die("out of memory");
    return g->stems.buf.ptr + v;
}

/* ---- ranking of the inverse (ru -> en) ---- */

/* Weights of the inverse ranking (see score_of). */
#ifndef W_SENSE
#define W_SENSE 60
#endif
#ifndef W_POS
#define W_POS 40
#endif
#ifndef W_PRIMARY
#define W_PRIMARY 100
#endif
#ifndef W_FREQ
#define W_FREQ 25.0
#endif

typedef struct occ_info {
    unsigned sense; /* index of the sense among those with translations,
                       from 0 again in each homonym and part of speech */
    unsigned lin;   /* the same counted through the whole entry */
    unsigned pos;   /* position of the translation inside its sense */
    unsigned n_alt; /* translations in the sense */
    int flags;
    int noun;       /* the sense belongs to a noun */
} occ_info;

static long score_of(const lexgen *g, const char *en, const occ_info *o)
{
    long s = 1000;
    uint64_t f = freq_of(g, en);
    char pl[128];

    /* a noun counts with its plural, a plural with its singular */
    plural_of(en, pl, sizeof(pl));
    f += pl[0] ? freq_of(g, pl) : 0;
    size_t i;
    int odd = 0, upper = 0;

    s -= W_SENSE * (long)(o->sense < 8 ? o->sense : 8);
    s -= W_POS * (long)(o->pos < 6 ? o->pos : 6);
    if (o->sense == 0 && o->pos == 0)
        s += W_PRIMARY; /* the entry's primary translation */
    else if (o->n_alt == 1)
        s += 30; /* the sense has no other translation */
    if (o->flags & F_ATTR)
        s -= 200;
    if (o->flags & F_RARE)
        s -= 150;
    if (o->flags & F_COLLOQ)
        s -= 60;
    if (o->flags & F_DOMAIN)
        s -= 25;
    if (o->flags & F_GRAM)
        s -= 80;
    for (i = 0; en[i]; i++) {
        if (en[i] == ' ')
            odd |= 2;
        else if (!is_ascii_alpha((unsigned char)en[i]))
            odd |= 1;
        else if (en[i] >= 'A' && en[i] <= 'Z')
            upper = 1;
    }
    if (odd & 2)
        s -= 200; /* a phrase headword */
    if (odd & 1)
        s -= 100; /* hyphen, apostrophe, digit, dot */
    if (upper)
        s -= 60;
    /* commonness: how often the word occurs across the whole dictionary */
    s += (long)(W_FREQ * log2(1.0 + (double)(f < 250 ? f : 250)));
    return s;
}

/* Record one translation (ru, already clean) of headword en. */
/* Plural keys of the en-ru side: a noun's plural ("officials") gets the
 * noun senses only, those marked plural first, and after the senses of a
 * headword spelled the same ("arms" the headword before "arm" + s). */
#define ORDER_CLASS (UINT64_C(1) << 60)
#define ORDER_DERIVED (UINT64_C(1) << 59)
#define ORDER_UNMARKED (UINT64_C(1) << 58)

/* Record one translation (ru, already clean) of headword en.  en_off is
 * the English candidate of the inverse (the plural for a plural sense);
 * pl_off, when not SIZE_MAX, a plural key that also gets ru, with
 * pl_marked telling whether the sense itself is plural. */
static void add_translation(lexgen *g, size_t head_off, size_t en_off,
                            size_t pl_off, int pl_marked, const sv_buf *ru,
                            int words, const occ_info *o, uint64_t entry_no)
{
    int cls = (o->flags & (F_ATTR | F_RARE | F_GRAM)) ? 1 : 0;
    uint64_t order = (cls ? ORDER_CLASS : 0) | (entry_no << 24) |
                     ((uint64_t)(o->lin & 0xfff) << 12) | (o->pos & 0xfff);
    long score = score_of(g, g->strs.buf.ptr + head_off, o);
    sv_buf key = SV_BUF_INIT;
    const char *st;

    add_en(g, head_off, ru->ptr, ru->size, order);
    if (pl_off != SIZE_MAX)
        add_en(g, pl_off, ru->ptr, ru->size,
               order | ORDER_DERIVED | (pl_marked ? 0 : ORDER_UNMARKED));
    if (sv_buf_put(&key, ru->ptr, ru->size) < 0)
        die("out of memory");
    sv__fold_yo(key.ptr, key.size);
    add_ru(g, key.ptr, key.size, en_off, score);
    if (words == 1) {
        int self = 0;
        const char *p;

        st = ru_stems(g, ru->ptr);
        for (p = st; *p; p += strlen(p) + 1)
            if (strcmp(p, ru->ptr) == 0)
                self = 1;
        /* a word hunspell does not take as its own lemma ("слухи") is
         * also filed under its lemmas ("слух") */
        for (p = self ? "" : st; *p; p += strlen(p) + 1) {
            sv_buf_clear(&key);
            if (sv_buf_put(&key, p, strlen(p)) < 0)
                die("out of memory");
            sv__fold_yo(key.ptr, key.size);
            add_ru(g, key.ptr, key.size, en_off, score - 80);
        }
    }
    sv_buf_dispose(&key);
}

/* ---- entry parsing ---- */

typedef struct sense_state {
    int parent_has_example; /* the numbered sense ended in an example */
    unsigned sense;         /* senses with translations so far in this
                               homonym and part of speech */
    unsigned lin;           /* ... and in the whole entry */
    int noun;               /* the current part of speech is a noun */
} sense_state;

/* Split a chunk (one sense's text) into ';' segments and record the clean
 * translations that precede the first example. */
static void process_chunk(lexgen *g, const char *text, size_t n,
                          size_t head_off, const char *head,
                          uint64_t entry_no, sense_state *st,
                          int *had_example)
{
    sv_buf seg = SV_BUF_INIT, alt = SV_BUF_INIT;
    alt_list alts;
    size_t i = 0, start = 0;
    int depth = 0, chunk_flags = -1;
    occ_info o = {st->sense, st->lin, 0, 0, 0, st->noun};
    char plural[128];
    int head_simple = 1;
    size_t k;
    /* pass 1 counts the translations, pass 2 records them */
    size_t seg_starts[64], seg_lens[64], n_seg = 0;

    *had_example = 0;
    memset(&alts, 0, sizeof(alts));
    for (k = 0; head[k]; k++)
        if (!(head[k] >= 'a' && head[k] <= 'z'))
            head_simple = 0;
    /* a headword in -s is usually plural already ("confines", "news") */
    if (k > 0 && head[k - 1] == 's')
        head_simple = 0;
    plural[0] = '\0';
    if (head_simple)
        plural_of(head, plural, sizeof(plural));

    for (i = 0; i <= n && n_seg < 64; i++) {
        if (i < n && (text[i] == '(' || text[i] == '['))
            depth++;
        else if (i < n && (text[i] == ')' || text[i] == ']') && depth > 0)
            depth--;
        if (i == n || (text[i] == ';' && depth == 0)) {
            seg_starts[n_seg] = start;
            seg_lens[n_seg++] = i - start;
            start = i + 1;
        }
    }

    for (int pass = 0; pass < 2; pass++) {
        unsigned pos = 0;

        for (k = 0; k < n_seg; k++) {
            const char *s;
            size_t sn, j;
            int flags = 0;

            clean_segment(text + seg_starts[k], seg_lens[k], &seg, &flags);
            if (chunk_flags < 0)
                chunk_flags = flags;
            flags |= chunk_flags;
            s = seg.ptr ? seg.ptr : "";
            sn = seg.size;
            trim(&s, &sn);
            if (sn == 0)
                continue;
            if (has_latin(s, sn)) {
                *had_example = 1;
                break; /* examples follow the translations */
            }
            if (s[0] == '=')
                continue; /* a cross-reference */
            split_alternatives(s, sn, &alts);
            filter_alternatives(&alts);
            for (j = 0; j < (size_t)alts.n; j++) {
                int words = alts.words[j];

                if (words <= 0)
                    continue;
                if (pass == 0) {
                    o.n_alt++;
                    continue;
                }
                sv_buf_clear(&alt);
                if (sv_buf_put(&alt, alts.text.ptr + alts.off[j],
                               alts.len[j]) < 0)
                    die("out of memory");
                {
                    size_t pl_off = SIZE_MAX, en_off = head_off;
                    int plural_ru = alt.size >= 2 &&
                        (memcmp(alt.ptr + alt.size - 2, "ы", 2) == 0 ||
                         memcmp(alt.ptr + alt.size - 2, "и", 2) == 0);
                    int marked = words == 1 &&
                        ((flags & F_PL) ||
                         (plural_ru && contains_word(text, n, plural)));

                    o.pos = pos++;
                    o.flags = flags;
                    if (plural[0] && (marked || o.noun))
                        pl_off = arena_add(&g->strs, plural, strlen(plural));
                    if (plural[0] && marked)
                        en_off = pl_off;
                    add_translation(g, head_off, en_off, pl_off, marked,
                                    &alt, words, &o, entry_no);
                }
            }
        }
        if (pass == 0 && chunk_flags > 0 && (chunk_flags & F_NOUN))
            st->noun = 1;
        else if (pass == 0 && chunk_flags > 0 && (chunk_flags & F_OTHER_POS))
            st->noun = 0;
        o.noun = st->noun;
        if (pass == 0 && o.n_alt == 0)
            break;
        chunk_flags = -1;
    }
    if (o.n_alt > 0) {
        st->sense++;
        st->lin++;
    }
    sv_buf_dispose(&seg);
    sv_buf_dispose(&alt);
    sv_buf_dispose(&alts.text);
}

/* Length of a sense marker at the start of a line ("1.", "2)", "а)",
 * "_II"), 0 if none; *kind is 'G' (a part-of-speech group "1."), 'N'
 * (a numbered sense "1)"), 'L' (a lettered sub-sense) or 'H' (homonym). */
static size_t sense_marker(const char *s, size_t n, int *kind)
{
    size_t i = 0;

    if (n >= 2 && s[0] == '_' && (s[1] == 'I' || s[1] == 'V' || s[1] == 'X')) {
        i = 1;
        while (i < n && (s[i] == 'I' || s[i] == 'V' || s[i] == 'X'))
            i++;
        if (i == n || is_space((unsigned char)s[i])) {
            *kind = 'H';
            return i;
        }
        return 0;
    }
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i > 0 && i < n && (s[i] == '.' || s[i] == ')') &&
        (i + 1 == n || is_space((unsigned char)s[i + 1]))) {
        *kind = s[i] == '.' ? 'G' : 'N';
        return i + 1;
    }
    if (n >= 3 && (unsigned char)s[0] == 0xD0 &&
        (unsigned char)s[1] >= 0xB0 && (unsigned char)s[1] <= 0xBF &&
        s[2] == ')') {
        *kind = 'L'; /* а) .. п) */
        return 3;
    }
    return 0;
}

static void flush_chunk(lexgen *g, sv_buf *chunk, int kind, size_t head_off,
                        const char *head, uint64_t entry_no, sense_state *st)
{
    int had_example = 0;

    if (chunk->size == 0)
        return;
    /* Lettered sub-senses after an example translate that example's
     * phrase ("to make peace а) заключать мир"), not the headword. */
    if (!(kind == 'L' && st->parent_has_example)) {
        process_chunk(g, chunk->ptr, chunk->size, head_off, head, entry_no,
                      st, &had_example);
        if (kind != 'L')
            st->parent_has_example = had_example;
    }
    sv_buf_clear(chunk);
}

static int mem_contains(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle), i;

    for (i = 0; i + k <= n; i++)
        if (memcmp(s + i, needle, k) == 0)
            return 1;
    return 0;
}

static int is_affix_entry(const char *e, size_t n)
{
    return mem_contains(e, n, "в сложных словах") ||
           mem_contains(e, n, "_pref.") || mem_contains(e, n, "_suff.");
}

static void parse_entry(lexgen *g, const char *e, size_t n, uint64_t entry_no)
{
    const char *nl = memchr(e, '\n', n);
    size_t hl = nl ? (size_t)(nl - e) : n, i;
    const char *head = e;
    size_t head_off;
    sv_buf chunk = SV_BUF_INIT;
    sense_state st = {0, 0, 0, 0};
    int kind = 'N';

    trim(&head, &hl);
    if (hl == 0 || head[0] == '_' || (hl >= 2 && memcmp(head, "00", 2) == 0))
        return;
    /* affixes ("co", "auto-", "-ism") describe word formation, they do
     * not translate */
    if (head[0] == '-' || head[hl - 1] == '-' || is_affix_entry(e, n))
        return;
    head_off = arena_add(&g->strs, head, hl);
    i = nl ? (size_t)(nl - e) + 1 : n;
    while (i < n) {
        const char *line = e + i, *end = memchr(line, '\n', n - i);
        size_t ln = end ? (size_t)(end - line) : n - i, m;
        int k = 0;

        i += ln + 1;
        trim(&line, &ln);
        if (ln == 0)
            continue;
        m = sense_marker(line, ln, &k);
        if (m > 0) {
            flush_chunk(g, &chunk, kind, head_off,
                        g->strs.buf.ptr + head_off, entry_no, &st);
            if (k == 'H') {
                st.parent_has_example = 0;
                st.noun = 0;
            }
            /* a homonym or a part of speech starts its senses afresh:
             * its first translation is a primary one ("state" II, _n.:
             * государство) */
            if (k == 'H' || k == 'G')
                st.sense = 0;
            kind = k == 'H' || k == 'G' ? 'N' : k;
            line += m;
            ln -= m;
            trim(&line, &ln);
        } else if (chunk.size > 0) {
            /* a word broken at its hyphen ("по-\nанглийски") rejoins */
            int hyph = chunk.size >= 3 && chunk.ptr[chunk.size - 1] == '-' &&
                       (unsigned char)chunk.ptr[chunk.size - 2] >= 0x80;

            if (!hyph && sv__buf_putc(&chunk, ' ') < 0)
                die("out of memory");
        }
        if (sv_buf_put(&chunk, line, ln) < 0)
            die("out of memory");
    }
    flush_chunk(g, &chunk, kind, head_off, g->strs.buf.ptr + head_off,
                entry_no, &st);
    sv_buf_dispose(&chunk);
}

/* ---- output ---- */

static int cmp_en(const void *a, const void *b)
{
    const en_rec *x = a, *y = b;
    int c = strcmp(g_base + x->kv.key, g_base + y->kv.key);

    if (c)
        return c;
    return x->order < y->order ? -1 : x->order > y->order;
}

static int cmp_ru(const void *a, const void *b)
{
    const ru_occ *x = a, *y = b;
    int c = strcmp(g_base + x->kv.key, g_base + y->kv.key);

    if (c)
        return c;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static const char header_fmt[] =
    "# sverka-lexicon 1 %s: word<TAB>candidates joined by '|', best first;"
    " UTF-8; lines sorted by bytes; source: Mueller English-Russian"
    " Dictionary, 7th ed. (Debian mueller7-dict, GPL-2+);"
    " generated by tools/mklexicon from %s\n";

/* Write key<TAB>v1|v2... for each run of records with equal keys, values
 * deduplicated and capped; records are sorted and start with a kv. */
static size_t write_groups(FILE *f, const void *recs, size_t n,
                           size_t stride, size_t cap)
{
    const char *base = recs;
    size_t i = 0, lines = 0;

#define KV_AT(k) ((const kv *)(const void *)(base + (k) * stride))
    while (i < n) {
        const char *key = g_base + KV_AT(i)->key;
        const char *vals[MAX_EN_CANDS > MAX_RU_CANDS ? MAX_EN_CANDS
                                                     : MAX_RU_CANDS];
        size_t nv = 0, v, j;

        for (j = i; j < n && strcmp(g_base + KV_AT(j)->key, key) == 0; j++) {
            const char *val = g_base + KV_AT(j)->val;
            int dup = 0;

            for (v = 0; v < nv && !dup; v++)
                dup = strcmp(vals[v], val) == 0;
            if (!dup && nv < cap)
                vals[nv++] = val;
        }
        fputs(key, f);
        for (v = 0; v < nv; v++) {
            fputc(v ? '|' : '\t', f);
            fputs(vals[v], f);
        }
        fputc('\n', f);
        lines++;
        i = j;
    }
#undef KV_AT
    return lines;
}

/* Write to path.tmp and rename, so an interrupted build leaves no
 * half-written lexicon behind. */
static size_t write_file(const char *dir, const char *name, const char *dir_tag,
                         const char *source, const lexgen *g, int en)
{
    char path[4096], tmp[4200];
    FILE *f;
    size_t lines;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    f = fopen(tmp, "wb");
    if (!f) {
        fprintf(stderr, "mklexicon: cannot write %s: %s\n", tmp,
                strerror(errno));
        exit(1);
    }
    fprintf(f, header_fmt, dir_tag, source);
    lines = en ? write_groups(f, g->en, g->n_en, sizeof(en_rec), MAX_EN_CANDS)
               : write_groups(f, g->ru, g->n_ru, sizeof(ru_occ), MAX_RU_CANDS);
    if (fflush(f) != 0 || ferror(f) || fclose(f) != 0 ||
        rename(tmp, path) != 0) {
        fprintf(stderr, "mklexicon: cannot write %s\n", path);
        exit(1);
    }
    return lines;
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');

    return s ? s + 1 : p;
}

static void usage(void)
{
    fputs("usage: mklexicon --index FILE --dict FILE[.dz] --ru-aff FILE"
          " --ru-dic FILE --out-dir DIR [--gzip PROG]\n", stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    const char *index = NULL, *dict = NULL, *aff = NULL, *dic = NULL;
    const char *out = NULL, *gzip = "gzip";
    lexgen g;
    char *idx, *data;
    size_t idx_len, data_len, i, n_en, n_ru;
    uint64_t entry_no = 0;
    int a;

    for (a = 1; a + 1 < argc; a += 2) {
        if (strcmp(argv[a], "--index") == 0)
            index = argv[a + 1];
        else if (strcmp(argv[a], "--dict") == 0)
            dict = argv[a + 1];
        else if (strcmp(argv[a], "--ru-aff") == 0)
            aff = argv[a + 1];
        else if (strcmp(argv[a], "--ru-dic") == 0)
            dic = argv[a + 1];
        else if (strcmp(argv[a], "--out-dir") == 0)
            out = argv[a + 1];
        else if (strcmp(argv[a], "--gzip") == 0)
            gzip = argv[a + 1];
        else
            usage();
    }
    if (a != argc || !index || !dict || !aff || !dic || !out)
        usage();

    memset(&g, 0, sizeof(g));
    g.freq = sv__hashmap_new(1 << 16);
    g.stem_memo = sv__hashmap_new(1 << 16);
    if (!g.freq || !g.stem_memo)
        die("out of memory");
    g.hs_ru = Hunspell_create(aff, dic);
    if (!g.hs_ru)
        die("cannot load the hunspell ru dictionary");
    if (strcmp(Hunspell_get_dic_encoding(g.hs_ru), "UTF-8") != 0) {
        fprintf(stderr, "mklexicon: %s is in %s; a UTF-8 ru_RU dictionary is"
                " needed\n", aff, Hunspell_get_dic_encoding(g.hs_ru));
        return 1;
    }
    idx = load_file(index, &idx_len);
    data = load_dict(dict, gzip, &data_len);
    count_tokens(&g, data, data_len);

    for (i = 0; i < idx_len;) {
        char *line = idx + i, *end = memchr(line, '\n', idx_len - i);
        size_t ln = end ? (size_t)(end - line) : idx_len - i;
        char *t1 = memchr(line, '\t', ln), *t2;
        long off, len;

        i += ln + 1;
        if (!t1)
            continue;
        t2 = memchr(t1 + 1, '\t', ln - (size_t)(t1 + 1 - line));
        if (!t2)
            continue;
        off = b64_value(t1 + 1, (size_t)(t2 - t1 - 1));
        len = b64_value(t2 + 1, (size_t)(line + ln - t2 - 1));
        if (off < 0 || len < 0 || (size_t)off + (size_t)len > data_len) {
            fprintf(stderr, "mklexicon: %s: bad entry '%.*s'\n", index,
                    (int)ln, line);
            return 1;
        }
        parse_entry(&g, data + off, (size_t)len, entry_no++);
    }

    g_base = g.strs.buf.ptr;
    qsort(g.en, g.n_en, sizeof(en_rec), cmp_en);
    qsort(g.ru, g.n_ru, sizeof(ru_occ), cmp_ru);
    n_en = write_file(out, "lexicon-en-ru.tsv", "en-ru", base_name(index), &g,
                      1);
    n_ru = write_file(out, "lexicon-ru-en.tsv", "ru-en", base_name(index), &g,
                      0);
    printf("mklexicon: %llu dictionary entries; %zu en-ru and %zu ru-en"
           " lexicon entries\n", (unsigned long long)entry_no, n_en, n_ru);

    Hunspell_destroy(g.hs_ru);
    sv__hashmap_free(g.freq);
    sv__hashmap_free(g.stem_memo);
    sv_buf_dispose(&g.strs.buf);
    sv_buf_dispose(&g.stems.buf);
    sv__free(g.en);
    sv__free(g.ru);
    sv__free(idx);
    sv__free(data);
    return 0;
}
