/* SPDX-License-Identifier: MIT */
/*
 * Aligner for original spans: gather what the inner words may be in the
 * host language (news glossary and names, the ru<->en lexicon through
 * hunspell lemmas, name keys, numbers), match them against the host words
 * just before the bracket and just after it, and choose the span whose
 * edges are matched words (never "The" of "The State Duma [Госдума]").
 * No match: untranslated, with suggestions.
 */
#include <string.h>

#include "base/alloc.h"
#include "base/utf8.h"
#include "brackets/brackets_internal.h"
#include "lang/script.h"
#include "lang/spell.h"
#include "lang/wordcase.h"

#define MAX_INNER 16     /* inner words considered */
#define MAX_CANDS 160    /* candidate phrases per bracket */
#define PER_WORD 12      /* lexicon candidates per inner word */
#define WINDOW 320       /* bytes of host text searched on each side */
#define MAX_PHRASE 8     /* words in one candidate phrase */
#define REVERSE_WORDS 4  /* host words per side looked up in reverse */

enum { C_TEXT = 0, C_NAME = 1, C_NUMBER = 2 };

typedef struct cand {
    size_t text_off, text_len; /* in s->cands */
    uint64_t hash;             /* of the text, for the duplicate check */
    size_t key_off, key_len;   /* space-joined word keys, in s->cands */
    uint32_t covers;           /* inner word bits */
    int type;                  /* C_TEXT, C_NAME, C_NUMBER */
    int term;                  /* from the news glossary or names */
} cand;

typedef struct aligner {
    const sv_brackets *bp;
    sv_context *ctx;
    const char *text;
    sv__bscratch *s;
    sv_bracket *b;
    sv_lang from, to;           /* inner language, host language */
    size_t a, z;                /* trimmed inner */
    sv__bword inner[MAX_INNER];
    unsigned n_inner, n_content;
    uint32_t content_mask;      /* bits of non-function inner words */
    cand c[MAX_CANDS];
    unsigned nc;
    uint32_t cur_bit;           /* lexicon callback: the word's bit */
    unsigned cur_count;
} aligner;

/* ---- candidates ---------------------------------------------------------- */

static int add_cand(aligner *al, const char *p, size_t n, uint32_t covers,
                    int type, int term)
{
    cand *c;
    size_t i;
    uint64_t h;

    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '.'))
        n--;
    if (n == 0 || al->nc == MAX_CANDS)
        return SV_OK;
    h = sv__hash_bytes(p, n) ^ covers ^ ((uint64_t)type << 40);
    for (i = 0; i < al->nc; i++)
        if (al->c[i].hash == h && al->c[i].text_len == n &&
            al->c[i].covers == covers && al->c[i].type == type &&
            !memcmp(al->s->cands.ptr + al->c[i].text_off, p, n))
            return SV_OK;
    c = &al->c[al->nc];
    c->hash = h;
    c->text_off = al->s->cands.size;
    c->text_len = n;
    c->covers = covers;
    c->type = type;
    c->term = term;
    if (sv_buf_put(&al->s->cands, p, n) < 0)
        return SV_ENOMEM;
    c->key_off = al->s->cands.size;
    if (type == C_TEXT) {
        if (sv__term_key(&al->s->cands, p, n) < 0) /* p: never in cands */
            return SV_ENOMEM;
    } else if (sv_buf_put(&al->s->cands, p, n) < 0) {
        return SV_ENOMEM;
    }
    c->key_len = al->s->cands.size - c->key_off;
    if (c->key_len > 0)
        al->nc++;
    return SV_OK;
}

/* Every '|'-separated form of a termbase column becomes a candidate. */
static int add_forms(aligner *al, const char *p, size_t n, uint32_t covers)
{
    size_t i = 0;
    int rc = SV_OK;

    while (i < n && rc == SV_OK) {
        const char *bar = memchr(p + i, '|', n - i);
        size_t k = bar ? (size_t)(bar - p) - i : n - i;

        rc = add_cand(al, p + i, k, covers, C_TEXT, 1);
        i += k + 1;
    }
    return rc;
}

/* Look a phrase up in the termbase; 1 when found. */
static int from_termbase(aligner *al, const char *p, size_t n,
                         uint32_t covers, int *rc)
{
    const sv__termbase *tb = &al->bp->tb;
    sv_buf *k = &al->s->tmp;
    long idx;

    sv_buf_clear(k);
    if ((*rc = sv__term_key(k, p, n)) < 0)
        return 0;
    idx = sv__termbase_find(tb, al->from, k->ptr, k->size);
    if (idx < 0)
        return 0;
    if (al->from == SV_LANG_RU)
        *rc = add_forms(al, tb->pool.ptr + tb->terms[idx].en_off,
                        tb->terms[idx].en_len, covers);
    else
        *rc = add_forms(al, tb->pool.ptr + tb->terms[idx].ru_off,
                        tb->terms[idx].ru_len, covers);
    return 1;
}

static int lexicon_cb(const char *text, size_t len, unsigned rank,
                      void *payload)
{
    aligner *al = payload;

    (void)rank;
    if (add_cand(al, text, len, al->cur_bit, C_TEXT, 0) < 0)
        return SV_ENOMEM;
    return ++al->cur_count >= PER_WORD ? 1 : 0;
}

/* The lexicon's candidates for a word or phrase; a missing lexicon or
 * dictionary is not an error here (the aligner degrades to rules). */
static int from_lexicon(aligner *al, const char *p, size_t n, uint32_t bit)
{
    int rc;

    if (!al->ctx)
        return SV_OK;
    al->cur_bit = bit;
    al->cur_count = 0;
    rc = sv_lexicon_translate(al->ctx, al->from, p, n, lexicon_cb, al);
    return rc == SV_ENOMEM ? SV_ENOMEM : SV_OK;
}

typedef struct stem_list {
    char buf[256];
    size_t off[4], len[4];
    unsigned n;
    size_t used;
} stem_list;

static int collect_stem(const char *stem, size_t n, void *payload)
{
    stem_list *sl = payload;

    if (sl->n == 4 || sl->used + n > sizeof(sl->buf))
        return 1;
    memcpy(sl->buf + sl->used, stem, n);
    sl->off[sl->n] = sl->used;
    sl->len[sl->n++] = n;
    sl->used += n;
    return 0;
}

/* The word's own lemmas too: an inflected form with a line of its own in
 * the lexicon ("партнеры -> pairs", "exercises -> ритуал") would
 * otherwise hide its lemma's translations. */
static int from_lemmas(aligner *al, const char *p, size_t n, uint32_t bit)
{
    stem_list sl;
    unsigned i, before = al->nc;
    int rc = SV_OK;

    if (!al->ctx || !sv__spell_available(al->ctx, al->from))
        return SV_OK;
    sl.n = 0;
    sl.used = 0;
    if (sv__spell_stems(al->ctx, al->from, p, n, collect_stem, &sl) ==
        SV_ENOMEM)
        return SV_ENOMEM;
    for (i = 0; i < sl.n && rc == SV_OK; i++)
        if (sl.len[i] != n || memcmp(sl.buf + sl.off[i], p, n) != 0)
            rc = from_lexicon(al, sl.buf + sl.off[i], sl.len[i], bit);
    al->cur_count += al->nc - before;
    return rc;
}

/* A Russian word the lexicon does not know may derive from one it does:
 * "переговорщики" from "переговоры", "санкционное" from "санкция",
 * "государственный" from "государство".  The rough stem loses its
 * derivational suffix and takes a lemma ending. */
static int from_derivation(aligner *al, const sv__bword *w, uint32_t bit)
{
    static const char *const rules[][4] = {
        {"щик", "ы", "", NULL}, {"чик", "", "ы", NULL}, {"ник", "", "а", NULL},
        {"ическ", "ика", "ия", NULL}, {"онн", "я", NULL, NULL},
        {"енн", "о", "а", NULL}, {"ск", "", "ия", NULL},
        {NULL, NULL, NULL, NULL}};
    const char *key = al->s->keys.ptr + w->key_off;
    sv_buf *form = &al->s->tmp2;
    unsigned r, k, before = al->nc;
    int rc = SV_OK;

    for (r = 0; rules[r][0] && al->nc == before && rc == SV_OK; r++) {
        size_t sl = strlen(rules[r][0]);

        if (w->key_len < sl + 6 ||
            memcmp(key + w->key_len - sl, rules[r][0], sl) != 0)
            continue;
        for (k = 1; k < 4 && rules[r][k] && al->nc == before; k++) {
            sv_buf_clear(form);
            if (sv_buf_put(form, key, w->key_len - sl) < 0 ||
                sv_buf_put(form, rules[r][k], strlen(rules[r][k])) < 0)
                return SV_ENOMEM;
            rc = from_lexicon(al, form->ptr, form->size, bit);
        }
    }
    return rc;
}

static int gather(aligner *al)
{
    uint32_t all = al->n_inner >= 32 ? 0xFFFFFFFFu
                                     : ((1u << al->n_inner) - 1u);
    unsigned i;
    int rc = SV_OK;

    if (al->from == al->to) {
        /* Ukrainian or Bulgarian in Russian text: the words themselves,
         * compared by rough stems ("Верховна Рада" ~ "Верховная Рада") */
        for (i = 0; i < al->n_inner && rc == SV_OK; i++)
            rc = add_cand(al, al->text + al->inner[i].start,
                          al->inner[i].end - al->inner[i].start, 1u << i,
                          C_TEXT, 0);
        return rc;
    }
    from_termbase(al, al->text + al->a, al->z - al->a, all, &rc);
    if (rc < 0)
        return rc;
    if (al->n_inner > 1 &&
        (rc = from_lexicon(al, al->text + al->a, al->z - al->a, all)) < 0)
        return rc;
    for (i = 0; i < al->n_inner; i++) {
        const sv__bword *w = &al->inner[i];
        const char *p = al->text + w->start;
        size_t n = w->end - w->start;

        if (w->kind == SV__TOK_NUMBER) {
            if ((rc = add_cand(al, p, n, 1u << i, C_NUMBER, 0)) < 0)
                return rc;
            continue;
        }
        if (w->function && al->n_inner > 1)
            continue;
        if (al->n_inner > 1)
            from_termbase(al, p, n, 1u << i, &rc);
        if (rc < 0)
            return rc;
        if ((w->flags & (SV__TOKF_CAP | SV__TOKF_ALLCAPS)) &&
            ((rc = add_cand(al, p, n, 1u << i, C_NAME, 0)) < 0 ||
             (rc = add_cand(al, al->s->keys.ptr + w->key_off, w->key_len,
                            1u << i, C_NAME, 0)) < 0))
            return rc; /* the name, and its stem for inflected names
                          ("Казани" -> "казан" ~ "Kazan") */
        if ((rc = from_lexicon(al, p, n, 1u << i)) < 0 ||
            (rc = from_lemmas(al, p, n, 1u << i)) < 0)
            return rc;
        /* adjectives derive from nouns ("энергетическая" from
         * "энергетика"), and unknown nouns may too */
        if (al->from == SV_LANG_RU &&
            (rc = from_derivation(al, w, 1u << i)) < 0)
            return rc;
    }
    return SV_OK;
}

/* ---- words ----------------------------------------------------------------- */

/* Words of [a, z) into out[max]; returns how many. */
static unsigned words_of(const char *t, size_t a, size_t z, sv__bword *out,
                         unsigned max, sv_buf *keys)
{
    sv__tokenizer tk;
    sv__token tok;
    unsigned n = 0;

    sv__tok_init(&tk, t + a, z - a, SV__TOK_SKIP_SPACE);
    while (n < max && sv__tok_next(&tk, &tok)) {
        sv__bword *w = &out[n];

        if (tok.kind != SV__TOK_WORD && tok.kind != SV__TOK_NUMBER)
            continue;
        memset(w, 0, sizeof(*w));
        w->start = a + tok.start;
        w->end = a + tok.end;
        if (tok.kind == SV__TOK_WORD)
            w->end -= sv__tok_possessive_len(t + a, &tok);
        w->flags = tok.flags;
        w->kind = tok.kind;
        w->function = tok.kind == SV__TOK_WORD &&
                      sv__is_function_word(t + w->start, w->end - w->start);
        w->key_off = keys->size;
        if (sv__word_key(keys, t + w->start, w->end - w->start) < 0)
            return n;
        w->key_len = keys->size - w->key_off;
        n++;
    }
    return n;
}

/* Is this token a stop for the walk away from the bracket? */
static int is_quote_tok(const sv__token *tok)
{
    uint32_t c = tok->cp;

    return c == '"' || c == 0xAB || c == 0xBB || c == 0x201C ||
           c == 0x201D || c == 0x201E || c == 0x2018 || c == 0x2019;
}

/* Host words next to the bracket: dir -1 walks left from `from`, +1 right.
 * Stops at punctuation (a quote right at the bracket is skipped), other
 * brackets, and the host bounds.  Word 0 is the nearest. */
static unsigned host_words(aligner *al, const sv__bhost *h, size_t from,
                           int dir, sv__bword *out, unsigned max)
{
    const char *t = al->text;
    size_t lo, hi;
    sv__tokenizer tk;
    sv__token tok;
    sv__token toks[64];
    unsigned nt = 0, n = 0, i;
    int seen_word = 0;

    if (dir < 0) {
        lo = from > h->lo + WINDOW ? from - WINDOW : h->lo;
        hi = from;
        while (lo < hi && ((unsigned char)t[lo] & 0xC0) == 0x80)
            lo++;
    } else {
        lo = from;
        hi = from + WINDOW < h->hi ? from + WINDOW : h->hi;
        while (hi > lo && hi < h->hi && ((unsigned char)t[hi] & 0xC0) == 0x80)
            hi--;
    }
    sv__tok_init(&tk, t + lo, hi - lo, SV__TOK_SKIP_SPACE);
    while (sv__tok_next(&tk, &tok)) {
        if (dir > 0 && nt == 64)
            break;
        if (dir < 0 && nt == 64) {
            memmove(toks, toks + 1, 63 * sizeof(toks[0]));
            nt = 63;
        }
        toks[nt++] = tok;
    }
    for (i = 0; i < nt && n < max; i++) {
        const sv__token *k = &toks[dir < 0 ? nt - 1 - i : i];
        sv__bword *w;

        if (k->kind == SV__TOK_PUNCT && !seen_word && is_quote_tok(k))
            continue;
        if (k->kind != SV__TOK_WORD && k->kind != SV__TOK_NUMBER)
            break;
        seen_word = 1;
        w = &out[n];
        memset(w, 0, sizeof(*w));
        w->start = lo + k->start;
        w->end = lo + k->end;
        if (k->kind == SV__TOK_WORD)
            w->end -= sv__tok_possessive_len(t + lo, k);
        w->flags = k->flags;
        w->kind = k->kind;
        w->function = k->kind == SV__TOK_WORD &&
                      sv__is_function_word(t + w->start, w->end - w->start);
        w->key_off = al->s->keys.size;
        if (sv__word_key(&al->s->keys, t + w->start, w->end - w->start) < 0)
            return n;
        w->key_len = al->s->keys.size - w->key_off;
        n++;
    }
    return n;
}

/* ---- matching ------------------------------------------------------------ */

static size_t cp_count(const char *p, size_t n)
{
    size_t i, c = 0;

    for (i = 0; i < n; i++)
        c += ((unsigned char)p[i] & 0xC0) != 0x80;
    return c;
}

/* Keys equal, or share a long prefix (inflection and derivation the rough
 * stems miss: "государственн" ~ "государств", "defence" ~ "defense"). */
static int keys_match(const char *x, size_t xn, const char *y, size_t yn)
{
    size_t i = 0, common, shorter;

    if (xn == yn && !memcmp(x, y, xn))
        return 1;
    while (i < xn && i < yn && x[i] == y[i])
        i++;
    while (i > 0 && i < xn && ((unsigned char)x[i] & 0xC0) == 0x80)
        i--;
    common = cp_count(x, i);
    shorter = cp_count(x, xn) < cp_count(y, yn) ? cp_count(x, xn)
                                                 : cp_count(y, yn);
    return common >= 5 && common + 3 >= shorter;
}

static int number_match(const char *t, const sv__bword *w, const char *p,
                        size_t n, sv__langid lang)
{
    char x[64], y[64];
    int xl, yl;

    if (w->kind != SV__TOK_NUMBER)
        return 0;
    xl = sv__number_canon(t + w->start, w->end - w->start, lang, x, sizeof(x),
                          NULL);
    yl = sv__number_canon(p, n, lang, y, sizeof(y), NULL);
    return xl > 0 && xl == yl && !memcmp(x, y, (size_t)xl);
}

/* A candidate's key cut into words once, for matching at every place. */
typedef struct cand_words {
    size_t part[MAX_PHRASE][2];
    unsigned m;
} cand_words;

static void split_key(const aligner *al, const cand *c, cand_words *cw)
{
    const char *ck = al->s->cands.ptr + c->key_off;
    size_t i = 0;

    cw->m = 0;
    while (i < c->key_len && cw->m < MAX_PHRASE) {
        const char *sp = memchr(ck + i, ' ', c->key_len - i);
        size_t n = sp ? (size_t)(sp - ck) - i : c->key_len - i;

        cw->part[cw->m][0] = i;
        cw->part[cw->m][1] = n;
        cw->m++;
        i += n + 1;
    }
}

/* Does candidate c match the host words hw[k .. k+m-1] (nearest first),
 * read in text order?  Returns m (the phrase length) or 0. */
static unsigned cand_match_at(const aligner *al, const cand *c,
                              const cand_words *cw, const sv__bword *hw,
                              unsigned nh, unsigned k, int dir)
{
    const char *keys = al->s->keys.ptr;
    const char *ck = al->s->cands.ptr + c->key_off;
    unsigned m = cw->m, j;

    if (c->type == C_NAME) {
        const sv__bword *w = &hw[k];

        return (w->flags & (SV__TOKF_CAP | SV__TOKF_ALLCAPS)) &&
               sv__name_match(ck, c->key_len, al->text + w->start,
                              w->end - w->start) ? 1 : 0;
    }
    if (c->type == C_NUMBER)
        return number_match(al->text, &hw[k], ck, c->key_len,
                            al->to == SV_LANG_RU ? SV__LANGID_RU
                                                 : SV__LANGID_EN) ? 1 : 0;
    if (m == 0 || k + m > nh)
        return 0;
    /* keys that match share their first byte: a cheap early no */
    if (ck[cw->part[0][0]] != keys[hw[dir < 0 ? k + m - 1 : k].key_off])
        return 0;
    for (j = 0; j < m; j++) {
        /* text-order word j of the phrase is host word k+m-1-j on the left
         * side (nearest first), k+j on the right */
        const sv__bword *w = &hw[dir < 0 ? k + m - 1 - j : k + j];

        if (!keys_match(ck + cw->part[j][0], cw->part[j][1],
                        keys + w->key_off, w->key_len))
            return 0;
    }
    return m;
}

static unsigned popcount32(uint32_t x)
{
    unsigned n = 0;

    for (; x; x &= x - 1)
        n++;
    return n;
}

typedef struct side {
    unsigned nh;
    unsigned near, far; /* nearest and farthest word of the span */
    uint32_t covered;
    double score;
    int term;           /* a glossary term matched next to the bracket */
} side;

static void mark_matches(const aligner *al, sv__bword *hw, unsigned nh,
                         int dir, int *term)
{
    unsigned ci, k, j;

    for (ci = 0; ci < al->nc; ci++) {
        const cand *c = &al->c[ci];
        cand_words cw;

        split_key(al, c, &cw);
        for (k = 0; k < nh; k++) {
            unsigned m = cand_match_at(al, c, &cw, hw, nh, k, dir);

            for (j = 0; j < m; j++) {
                hw[k + j].matched |= c->covers;
                hw[k + j].chain |= j > 0;
            }
            if (m && c->term && k <= 1)
                *term = 1;
        }
    }
}

/* Function words at k (up to three: "von der") followed by a word that
 * matches something not yet covered. */
static int leads_to_match(const sv__bword *hw, unsigned nh, unsigned k,
                          uint32_t covered)
{
    unsigned j = k + 1;

    while (j < nh && j < k + 3 && hw[j].function && !hw[j].matched)
        j++;
    return j < nh && (hw[j].matched & ~covered) != 0;
}

/* Walk away from the bracket over matched words.  Function words may lead
 * or sit between matched words, and one unmatched content word may too
 * while inner words are still uncovered ("security guarantees (гарантии
 * безопасности)" with only "безопасности" known).  Both edges of the span
 * are words that belong to it: never a leading "the". */
static void choose_span(const aligner *al, const sv__bword *hw, unsigned nh,
                        side *sd)
{
    uint32_t want = al->content_mask ? al->content_mask
                                     : ((1u << al->n_inner) - 1u);
    unsigned k, gaps = 0, limit = al->bp->opts.max_words;
    int have = 0, near = -1;

    sd->covered = 0;
    sd->far = 0;
    for (k = 0; k < nh && k < limit; k++) {
        const sv__bword *w = &hw[k];
        int complete = (sd->covered & want) == want;

        if (w->matched) {
            /* a word adding nothing once all is covered belongs to
             * something else ("newspaper Novaya Gazeta [Новая газета]"),
             * unless it continues a phrase ("State Duma") */
            if (have && complete && !(w->matched & ~sd->covered) &&
                (k > sd->far + 1 || !w->chain))
                break;
            sd->covered |= w->matched;
            sd->far = k;
            if (near < 0)
                near = (int)k;
            have = 1;
            continue;
        }
        if (w->function && leads_to_match(hw, nh, k, sd->covered))
            continue;
        if (w->function && !complete && k + 2 < nh && !hw[k + 1].matched &&
            !hw[k + 1].function && hw[k + 2].matched)
            continue;
        if (!w->function && gaps == 0 && !complete &&
            popcount32(want) >= 2 && k + 1 < nh) {
            gaps++;
            if (near < 0)
                near = (int)k;
            continue;
        }
        break;
    }
    sd->score = 0;
    if (!have)
        return;
    sd->near = (unsigned)near;
    sd->score = (double)popcount32(sd->covered & want) /
                (double)(popcount32(want) ? popcount32(want) : 1);
    if (sd->score > 1.0)
        sd->score = 1.0;
}

/* ---- reverse lookups: the host word's translations hold the original -- */

typedef struct reverse {
    aligner *al;
    sv__bword *w;     /* the host word being looked up */
    unsigned seen;
} reverse;

/* One translation of a host word: a word of it that matches an inner
 * word marks the host word ("residents" -> "постоянный житель" holds
 * "жители"). */
static int reverse_cb(const char *text, size_t len, unsigned rank,
                      void *payload)
{
    reverse *rv = payload;
    aligner *al = rv->al;
    sv_buf *k = &al->s->tmp2;
    size_t i = 0;
    unsigned j;

    (void)rank;
    sv_buf_clear(k);
    if (sv__term_key(k, text, len) < 0)
        return SV_ENOMEM;
    while (i < k->size) {
        const char *sp = memchr(k->ptr + i, ' ', k->size - i);
        size_t n = sp ? (size_t)(sp - k->ptr) - i : k->size - i;

        for (j = 0; j < al->n_inner; j++) {
            const sv__bword *in = &al->inner[j];

            if (!in->function && in->kind == SV__TOK_WORD &&
                keys_match(k->ptr + i, n, al->s->keys.ptr + in->key_off,
                           in->key_len))
                rv->w->matched |= 1u << j;
        }
        i += n + 1;
    }
    return ++rv->seen >= 24 ? 1 : 0;
}

static int reverse_marks(aligner *al, sv__bword *hw, unsigned nh)
{
    unsigned k;
    int rc;

    if (!al->ctx || al->from == al->to)
        return SV_OK;
    for (k = 0; k < nh && k < REVERSE_WORDS; k++) {
        reverse rv = {al, &hw[k], 0};

        if (hw[k].function || hw[k].kind != SV__TOK_WORD)
            continue;
        rc = sv_lexicon_translate(al->ctx, al->to, al->text + hw[k].start,
                                  hw[k].end - hw[k].start, reverse_cb, &rv);
        if (rc == SV_ENOMEM)
            return rc;
    }
    return SV_OK;
}

/* An inner phrase that opens (on the left side) or ends (on the right)
 * with a function word takes one on that edge too: "in 2022 [в 2022
 * году]". */
static void edge_function_word(const aligner *al, const sv__bword *hw,
                               side *sd, unsigned inner_edge)
{
    if (sd->score > 0 && al->n_inner > 1 && al->inner[inner_edge].function &&
        sd->far + 1 < sd->nh && hw[sd->far + 1].function)
        sd->far++;
}

/* ---- lemma key and suggestions --------------------------------------------- */

typedef struct stem_take {
    sv_buf *out;
    int got;
} stem_take;

static int first_stem(const char *stem, size_t n, void *payload)
{
    stem_take *st = payload;

    if (sv__word_fold(st->out, stem, n, SV__FOLD_LOWER) < 0)
        return SV_ENOMEM;
    st->got = 1;
    return 1;
}

static int lemma_key(aligner *al)
{
    sv_buf *k = &al->s->tmp2;
    unsigned i;
    int spell = al->ctx && sv__spell_available(al->ctx, al->from);

    sv_buf_clear(k);
    for (i = 0; i < al->n_inner; i++) {
        const sv__bword *w = &al->inner[i];
        stem_take st = {k, 0};

        if (i && sv_buf_put(k, " ", 1) < 0)
            return SV_ENOMEM;
        if (spell && w->kind == SV__TOK_WORD &&
            sv__spell_stems(al->ctx, al->from, al->text + w->start,
                            w->end - w->start, first_stem, &st) == SV_ENOMEM)
            return SV_ENOMEM;
        if (!st.got && sv__word_fold(k, al->text + w->start,
                                     w->end - w->start, SV__FOLD_LOWER) < 0)
            return SV_ENOMEM;
    }
    if (k->size == 0)
        return SV_OK;
    al->b->lemma_len = k->size;
    return sv__bpool_add(al->s, k->ptr, k->size, &al->b->lemma_off);
}

/* BGN romanisation of a Cyrillic name with no counterpart. */
static int suggest_translit(aligner *al, unsigned max)
{
    sv__bscratch *s = al->s;
    sv_buf *out = &s->tmp;

    if (al->from != SV_LANG_RU || !(al->inner[0].flags & SV__TOKF_CAP))
        return SV_OK;
    if (!s->translit && !s->translit_failed &&
        sv__translit_new(&s->translit, NULL) < 0)
        s->translit_failed = 1;
    if (!s->translit)
        return SV_OK;
    sv_buf_clear(out);
    if (sv__translit_ru_latin(s->translit, al->text + al->a, al->z - al->a,
                              out) < 0)
        return SV_OK;
    return sv__bsuggest(s, al->b, out->ptr, out->size, max);
}

static int suggest(aligner *al)
{
    unsigned max = al->bp->opts.max_suggestions, i;
    sv_buf *joined = &al->s->tmp;
    int rc = SV_OK;

    /* glossary terms and whole-phrase translations first */
    for (i = 0; i < al->nc && rc == SV_OK; i++)
        if (al->c[i].type == C_TEXT && popcount32(al->c[i].covers) ==
                                           al->n_inner && al->c[i].term)
            rc = sv__bsuggest(al->s, al->b, al->s->cands.ptr +
                              al->c[i].text_off, al->c[i].text_len, max);
    if (al->n_inner > 1 && rc == SV_OK) {
        /* the first candidate of each content word, in order */
        unsigned w;

        sv_buf_clear(joined);
        for (w = 0; w < al->n_inner; w++) {
            for (i = 0; i < al->nc; i++)
                if (al->c[i].covers == (1u << w) && al->c[i].type == C_TEXT)
                    break;
            if (i == al->nc)
                continue;
            if (joined->size && sv_buf_put(joined, " ", 1) < 0)
                return SV_ENOMEM;
            if (sv_buf_put(joined, al->s->cands.ptr + al->c[i].text_off,
                           al->c[i].text_len) < 0)
                return SV_ENOMEM;
        }
        if (joined->size)
            rc = sv__bsuggest(al->s, al->b, joined->ptr, joined->size, max);
    }
    for (i = 0; i < al->nc && rc == SV_OK; i++)
        if (al->c[i].type == C_TEXT && !al->c[i].term)
            rc = sv__bsuggest(al->s, al->b, al->s->cands.ptr +
                              al->c[i].text_off, al->c[i].text_len, max);
    if (rc == SV_OK && al->b->sugg_count == 0)
        rc = suggest_translit(al, max);
    return rc;
}

/* The bracket stands inside a sentence: a host word right beside it. */
static int is_gap(const char *t, const sv__bhost *h, const sv_bracket *b)
{
    size_t l = b->start - 1, r = b->end + 1;
    int32_t cp;

    while (l > h->lo && (t[l - 1] == ' ' || t[l - 1] == '\t'))
        l--;
    while (r < h->hi && (t[r] == ' ' || t[r] == '\t'))
        r++;
    if (l > h->lo && l < b->start - 1) {
        size_t s = l - 1;

        while (s > h->lo && ((unsigned char)t[s] & 0xC0) == 0x80)
            s--;
        sv__utf8_decode((const unsigned char *)t + s, l - s, &cp);
        if (cp > 0 && sv__cclass_of((uint32_t)cp) == SV__CC_LETTER)
            return 1;
    }
    if (r < h->hi && r > b->end + 1) {
        sv__utf8_decode((const unsigned char *)t + r, h->hi - r, &cp);
        if (cp > 0 && sv__cclass_of((uint32_t)cp) == SV__CC_LETTER)
            return 1;
    }
    return 0;
}

/* ---- entry ------------------------------------------------------------------- */

static sv_lang lang_from_code(const char *code)
{
    if (!strcmp(code, "en"))
        return SV_LANG_EN;
    if (!strcmp(code, "ru") || !strcmp(code, "uk") || !strcmp(code, "bg") ||
        !strcmp(code, "sr"))
        return SV_LANG_RU;
    return SV_LANG_UND;
}

static void set_translation(aligner *al, const sv__bword *hw, const side *sd,
                            int dir)
{
    sv_bracket *b = al->b;

    b->has_translation = 1;
    if (dir < 0) {
        b->tr_start = hw[sd->far].start;
        b->tr_end = hw[sd->near].end;
    } else {
        b->tr_start = hw[sd->near].start;
        b->tr_end = hw[sd->far].end;
    }
    b->confidence = 0.45 + 0.5 * sd->score + (sd->term ? 0.05 : 0.0);
    if (b->confidence > 1.0)
        b->confidence = 1.0;
}

int sv__brackets_align(const sv_brackets *bp, sv_context *ctx,
                       const char *text, size_t len, const sv__bhost *host,
                       sv__bscratch *s, sv_bracket *b)
{
    aligner *al;
    sv__bword left[32], right[32];
    side ls, rs;
    unsigned i, max = bp->opts.max_words + 2;
    int rc = SV_OK;
    (void)len;

    al = sv__calloc(1, sizeof(*al));
    if (!al)
        return SV_ENOMEM;
    al->bp = bp;
    al->ctx = ctx;
    al->text = text;
    al->s = s;
    al->b = b;
    al->from = lang_from_code(b->lang);
    al->to = host->lang;
    al->a = b->start;
    al->z = b->end;
    sv__brackets_trim(text, &al->a, &al->z);
    sv_buf_clear(&s->keys);
    sv_buf_clear(&s->cands);
    al->n_inner = words_of(text, al->a, al->z, al->inner, MAX_INNER, &s->keys);
    for (i = 0; i < al->n_inner; i++)
        if (!al->inner[i].function) {
            al->n_content++;
            al->content_mask |= 1u << i;
        }
    if (al->n_inner == 0 || al->from == SV_LANG_UND ||
        al->to == SV_LANG_UND)
        goto untranslated_no_gather;
    if ((rc = lemma_key(al)) < 0 || (rc = gather(al)) < 0)
        goto done;
    if (max > 32)
        max = 32;
    memset(&ls, 0, sizeof(ls));
    memset(&rs, 0, sizeof(rs));
    ls.nh = host_words(al, host, b->start - 1, -1, left, max);
    rs.nh = host_words(al, host, b->end + 1, +1, right, max);
    mark_matches(al, left, ls.nh, -1, &ls.term);
    mark_matches(al, right, rs.nh, +1, &rs.term);
    choose_span(al, left, ls.nh, &ls);
    choose_span(al, right, rs.nh, &rs);
    if (ls.score < 1.0 && rs.score < 1.0) {
        /* not found whole: ask the lexicon the other way round, for the
         * few words next to the bracket (costly, so only now) */
        if ((rc = reverse_marks(al, left, ls.nh)) < 0 ||
            (rc = reverse_marks(al, right, rs.nh)) < 0)
            goto done;
        choose_span(al, left, ls.nh, &ls);
        choose_span(al, right, rs.nh, &rs);
    }
    edge_function_word(al, left, &ls, 0);
    edge_function_word(al, right, &rs, al->n_inner - 1);
    if (ls.score > 0 && ls.score >= rs.score) {
        set_translation(al, left, &ls, -1);
        goto done;
    }
    if (rs.score > 0) {
        set_translation(al, right, &rs, +1);
        goto done;
    }
    b->untranslated = 1;
    b->gap = is_gap(text, host, b);
    b->confidence = al->nc ? 0.85 : 0.65;
    rc = suggest(al);
    goto done;
untranslated_no_gather:
    b->untranslated = al->n_inner > 0;
    b->gap = b->untranslated && is_gap(text, host, b);
done:
    sv__free(al);
    return rc;
}
