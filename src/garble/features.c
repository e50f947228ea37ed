/* SPDX-License-Identifier: MIT */
/*
 * Per-sentence garble counts in one tokenizer pass plus one character-LM
 * pass: spelling (through the thread's cached sv_context), foreign-script
 * words, odd characters, repetition, article/preposition patterns typical
 * of ru->en and zh->en MT, glued captions and punctuation.  No allocation
 * per token: repetition uses a fixed per-thread set with generations.
 */
#include <math.h>
#include <stdatomic.h>
#include <string.h>

#include "base/utf8.h"
#include "garble/features.h"
#include "garble/ngrams.h"
#include "lang/spell.h"
#include "lang/token.h"

enum {
    FW_ARTICLE = 1u << 0, /* the, a, an */
    FW_PREP = 1u << 1,    /* prepositions */
    FW_DET = 1u << 2,     /* words that may open a noun phrase */
    FW_PRON = 1u << 3,    /* personal pronouns */
    FW_FUNC = 1u << 4,    /* any function word */
    FW_OF = 1u << 5,      /* "of" */
    FW_CAPTION = 1u << 6  /* "correspondent", "correspondents" */
};

#define LM_PRIOR_CHARS 30.0 /* shrinkage of the LM features, in symbols */
#define LM_PRIOR_NATS 1.4   /* typical human surprisal, nats/symbol */

static const char *const en_articles[] = {"the", "a", "an", NULL};
static const char *const en_preps[] = {
    "of", "in", "on", "at", "for", "with", "by", "from", "to", "into",
    "about", "over", "under", "between", "against", "during", "without",
    "within", "through", "after", "before", "among", "towards", "toward",
    "upon", "across", "behind", "since", "until", "via", "per", "onto",
    "amid", "despite", "around", "near", NULL};
static const char *const en_dets[] = {
    "this", "that", "these", "those", "his", "her", "its", "their", "our",
    "my", "your", "some", "any", "no", "every", "each", "all", "both",
    "many", "much", "several", "such", "other", "another", "what", "which",
    "whose", "one", "two", "three", "four", "five", "few", "more", "most",
    "less", "little", "whole", "either", "neither", "whom", "who", "them",
    "him", "us", "me", "it", "you", "there", "here", "how", "why", "when",
    "where", "whether", "not", "only", "very", "so", "too", "also", NULL};
static const char *const en_prons[] = {
    "he", "she", "it", "they", "we", "i", "you", "him", "them", "us", "me",
    NULL};
static const char *const en_func[] = {
    "and", "or", "but", "is", "are", "was", "were", "be", "been", "being",
    "have", "has", "had", "do", "does", "did", "will", "would", "can",
    "could", "should", "may", "might", "must", "as", "if", "than", "then",
    "because", "while", "although", "though", "whether", NULL};
static const char *const ru_preps[] = {
    "в", "во", "на", "с", "со", "по", "к", "ко", "о", "об", "обо", "из",
    "от", "до", "за", "для", "при", "без", "под", "над", "у", "про",
    "через", "между", "перед", "после", "против", "среди", NULL};
static const char *const ru_prons[] = {
    "он", "она", "оно", "они", "мы", "я", "ты", "вы", "его", "её", "ее",
    "их", "им", "ему", "ей", "нам", "нас", NULL};
static const char *const ru_func[] = {
    "и", "а", "но", "что", "как", "или", "чтобы", "не", "же", "ли", "бы",
    "это", "этот", "эта", "эти", "который", "которая", "которые", "также",
    "уже", "еще", "ещё", "был", "была", "были", "быть", "есть", NULL};

const char *const sv__garble_feature_names[GF_COUNT] = {
    "char-lm", "lm-ratio", "oov-lower", "oov-capitalised", "script-mix",
    "odd-char", "repeat-bigram", "repeat-word", "articles", "of-rate",
    "genitive-chain", "bare-preposition", "function-words", "pronouns",
    "glued", "caption", "punct-rate", "punct-anomaly", "no-final-stop",
    "lowercase-start", "length", "length-anomaly", "digits", "all-caps",
    "long-words", "word-length", "short-sentence", "post-edit",
    "rare-words", "word-ngrams", "repeat-content", "source-coverage",
    "source-known", "length-ratio", "target-coverage", "source-char-lm",
    "source-lm-ratio"};

static unsigned fw_hash(const char *w, size_t len)
{
    unsigned h = (unsigned)len * 31u + (unsigned char)w[0] * 7u +
                 (unsigned char)w[len - 1] * 131u +
                 (unsigned char)w[len / 2] * 17u;

    return (h ^ (h >> 5)) & (SV__FW_SLOTS - 1);
}

static sv__fw_slot *fw_slot(const sv__garble_lex *lex, const char *w,
                            size_t len)
{
    unsigned i = fw_hash(w, len), probes;

    for (probes = 0; probes < SV__FW_SLOTS; probes++) {
        const sv__fw_slot *s = &lex->words[i];

        if (s->len == 0 || (s->len == len && !memcmp(s->w, w, len)))
            return (sv__fw_slot *)s;
        i = (i + 1) & (SV__FW_SLOTS - 1);
    }
    return NULL;
}

static int fw_put(sv__garble_lex *lex, const char *w, unsigned bits)
{
    size_t len = strlen(w);
    sv__fw_slot *s = len <= SV__FW_MAX ? fw_slot(lex, w, len) : NULL;

    if (!s)
        return SV_ERROR;
    memcpy(s->w, w, len);
    s->len = (uint8_t)len;
    s->bits = (uint16_t)(s->bits | bits);
    return SV_OK;
}

static int add_list(sv__garble_lex *lex, const char *const *list,
                    unsigned bits)
{
    for (; *list; list++) {
        if (fw_put(lex, *list, bits | FW_FUNC) < 0)
            return SV_ERROR;
    }
    return SV_OK;
}

/* Lexicon ids start at 1: a zeroed scratch's memo belongs to none. */
static atomic_uint_fast64_t lex_ids = 1;

int sv__garble_lex_init(sv__garble_lex *lex, sv_lang lang,
                        const sv__charlm *lm)
{
    int rc = SV_OK;

    memset(lex->words, 0, sizeof(lex->words));
    lex->id = (uint64_t)atomic_fetch_add(&lex_ids, 1);
    lex->lang = lang;
    lex->lm = lm;
    lex->ws = NULL;     /* the owner sets these after: none until then */
    lex->src_lm = NULL;
    if (lang == SV_LANG_RU) {
        if ((rc = add_list(lex, ru_preps, FW_PREP)) == 0 &&
            (rc = add_list(lex, ru_prons, FW_PRON)) == 0)
            rc = add_list(lex, ru_func, 0);
        return rc;
    }
    if ((rc = add_list(lex, en_articles, FW_ARTICLE | FW_DET)) == 0 &&
        (rc = add_list(lex, en_preps, FW_PREP)) == 0 &&
        (rc = add_list(lex, en_dets, FW_DET)) == 0 &&
        (rc = add_list(lex, en_prons, FW_PRON)) == 0 &&
        (rc = add_list(lex, en_func, 0)) == 0 &&
        (rc = fw_put(lex, "of", FW_OF)) == 0 &&
        (rc = fw_put(lex, "correspondent", FW_CAPTION)) == 0)
        rc = fw_put(lex, "correspondents", FW_CAPTION);
    return rc;
}

void sv__garble_lex_dispose(sv__garble_lex *lex)
{
    (void)lex; /* the tables live in the struct */
}

void sv__garble_counts_zero(sv__garble_counts *c)
{
    memset(c, 0, sizeof(*c));
}

void sv__garble_counts_add(sv__garble_counts *dst,
                           const sv__garble_counts *src)
{
    unsigned i;

    for (i = 0; i < GC_COUNT; i++)
        dst->c[i] += src->c[i];
    for (i = 0; i < EV_COUNT; i++) {
        if (!dst->ev_end[i] && src->ev_end[i]) {
            dst->ev_start[i] = src->ev_start[i];
            dst->ev_end[i] = src->ev_end[i];
        }
    }
    if (src->ev_end[EV_EDIT] && src->edit_max > dst->edit_max) {
        dst->edit_max = src->edit_max;
        dst->ev_start[EV_EDIT] = src->ev_start[EV_EDIT];
        dst->ev_end[EV_EDIT] = src->ev_end[EV_EDIT];
    }
    if (src->ev_end[EV_NGRAM] && src->ngram_max > dst->ngram_max) {
        dst->ngram_max = src->ngram_max;
        dst->ev_start[EV_NGRAM] = src->ev_start[EV_NGRAM];
        dst->ev_end[EV_NGRAM] = src->ev_end[EV_NGRAM];
    }
    for (i = 0; i < src->n_oov_samples &&
                dst->n_oov_samples < SV__GARBLE_OOV_SAMPLES; i++) {
        dst->oov_start[dst->n_oov_samples] = src->oov_start[i];
        dst->oov_end[dst->n_oov_samples++] = src->oov_end[i];
    }
}

static void evidence(sv__garble_counts *c, int kind, size_t s, size_t e)
{
    if (!c->ev_end[kind]) {
        c->ev_start[kind] = s;
        c->ev_end[kind] = e;
    }
}

/* Lowercase an ASCII or Cyrillic word into buf for the function-word
 * table; 0 when it is too long or has other letters. */
static size_t fold_word(const char *w, size_t len, char *buf)
{
    size_t i;

    if (len > SV__FW_MAX || len == 0)
        return 0;
    for (i = 0; i < len; i++) {
        unsigned char b = (unsigned char)w[i];

        if (b >= 'A' && b <= 'Z')
            b = (unsigned char)(b + 32);
        else if (b == 0xD0 && i + 1 < len) {
            unsigned char n = (unsigned char)w[i + 1];

            buf[i++] = (char)b;
            if (n >= 0x90 && n <= 0x9F)        /* А..П -> а..п */
                n = (unsigned char)(n + 0x20);
            else if (n >= 0xA0 && n <= 0xAF) { /* Р..Я -> р..я */
                buf[i - 1] = (char)0xD1;
                n = (unsigned char)(n - 0x20);
            }
            b = n;
        }
        buf[i] = (char)b;
    }
    return len;
}

static unsigned fw_bits(const sv__garble_lex *lex, const char *w, size_t len)
{
    char buf[SV__FW_MAX];
    size_t n = fold_word(w, len, buf);
    const sv__fw_slot *s = n ? fw_slot(lex, buf, n) : NULL;

    return s && s->len ? s->bits : 0;
}

/* 1 if the bigram hash was already seen in this sentence. */
static int seen_before(sv__garble_scratch *scr, uint64_t h)
{
    size_t i = (size_t)(h >> 55), probes;

    for (probes = 0; probes < 512; probes++, i = (i + 1) & 511) {
        if (scr->gen[i] != scr->cur) {
            scr->gen[i] = scr->cur;
            scr->bigram[i] = h;
            return 0;
        }
        if (scr->bigram[i] == h)
            return 1;
    }
    return 0;
}

/* Known to the dictionary?  Hyphenated compounds are known when every
 * part is; a possessive ending is stripped first. */
static int spell(sv_context *ctx, sv_lang lang, const char *w, size_t len,
                 unsigned flags)
{
    size_t i, from = 0;
    int rc = sv__spell_known(ctx, lang, w, len, flags);

    if (rc != 0)
        return rc;
    for (i = 0; i <= len; i++) {
        if (i < len && w[i] != '-')
            continue;
        if (i == from || (i == len && from == 0))
            return 0;
        rc = sv__spell_known(ctx, lang, w + from, i - from, flags);
        if (rc <= 0)
            return rc;
        from = i + 1;
    }
    return 1;
}

/* ASCII byte classes for count_chars as count lanes (see ascii_run):
 * letter, digit, odd control (C0 other than tab, line feed and carriage
 * return). */
#define LANE_MASK ((UINT64_C(1) << 21) - 1)
#define L_ ((uint64_t)1)
#define D_ ((uint64_t)1 << 21)
#define C_ ((uint64_t)1 << 42)
static const uint64_t ascii_lanes[128] = {
    C_, C_, C_, C_, C_, C_, C_, C_, C_, 0,  0,  C_, C_, 0,  C_, C_,
    C_, C_, C_, C_, C_, C_, C_, C_, C_, C_, C_, C_, C_, C_, C_, C_,
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
    D_, D_, D_, D_, D_, D_, D_, D_, D_, D_, 0,  0,  0,  0,  0,  0,
    0,  L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_,
    L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, 0,  0,  0,  0,  0,
    0,  L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_,
    L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, 0,  0,  0,  0,  0};
#undef L_
#undef D_
#undef C_

static void odd_controls(const unsigned char *s, size_t from, size_t to,
                         sv__garble_counts *c)
{
    for (; from < to; from++) {
        if (ascii_lanes[s[from]] >> 42) {
            c->c[GC_ODD]++;
            evidence(c, EV_ODD, from, from + 1);
        }
    }
}

/* Count the ASCII run at s[i..) up to end or the first non-ASCII byte;
 * returns where it stops.  Each byte adds its class to one word with a
 * lane per class (letters in bits 0-20, digits 21-41, controls 42-62),
 * so the loop has no branch but its end; a lane holds 2^21 - 1, hence
 * the flush every 2^20 bytes. */
static size_t ascii_run(const unsigned char *s, size_t i, size_t end,
                        size_t *letters, size_t *digits,
                        sv__garble_counts *c)
{
    size_t from = i;
    uint64_t ctl = 0;

    while (i < end && s[i] < 0x80) {
        size_t stop = end - i > ((size_t)1 << 20) ? i + ((size_t)1 << 20)
                                                   : end;
        uint64_t acc = 0;

        for (; i < stop && s[i] < 0x80; i++)
            acc += ascii_lanes[s[i]];
        *letters += (size_t)(acc & LANE_MASK);
        *digits += (size_t)((acc >> 21) & LANE_MASK);
        ctl |= acc >> 42;
    }
    if (ctl) /* rare: find the odd controls again, with their places */
        odd_controls(s, from, i, c);
    return i;
}

/* Code points, letters and digits, and odd characters: U+FFFD and invalid bytes, C0/C1 controls, the Katakana
 * prolonged sound mark and geometric shapes used as bullets or dashes in
 * bad conversions, private use, and classic mojibake pairs ("Ã©", "â€",
 * "Ð¿").  ASCII is skipped without decoding. */
static void count_chars(const char *text, size_t start, size_t end,
                        sv__garble_counts *c)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = start, cps = 0, letters = 0, digits = 0;
    int32_t prev = 0;

    while (i < end) {
        int32_t cp;
        size_t at = i, n;
        int odd;

        if (s[i] < 0x80) { /* a run of ASCII in one tight loop */
            size_t from = i;

            i = ascii_run(s, i, end, &letters, &digits, c);
            cps += i - from;
            prev = s[i - 1];
            continue;
        }
        cps++;
        if ((s[i] == 0xD0 || s[i] == 0xD1) && i + 1 < end &&
            (s[i + 1] & 0xC0) == 0x80) {
            /* basic Cyrillic (U+0400..U+047F): letters, never odd */
            cp = ((int32_t)(s[i] & 0x1F) << 6) | (s[i + 1] & 0x3F);
            i += 2;
            if (cp <= 0x45F && cp != 0x482) {
                letters++;
                prev = cp;
                continue;
            }
        } else {
            n = sv__utf8_decode(s + i, end - i, &cp);
            i += n;
        }
        if (cp >= 0 && sv__cclass_of((uint32_t)cp) == SV__CC_LETTER)
            letters++;
        odd = cp < 0 || cp == 0xFFFD || (cp >= 0x80 && cp <= 0x9F) ||
              cp == 0x30FC || (cp >= 0x25A0 && cp <= 0x25FF) ||
              cp == 0x2605 || cp == 0x2606 || (cp >= 0xE000 && cp <= 0xF8FF);
        if (!odd && (prev == 0xC3 || prev == 0xC2 || prev == 0xD0 ||
                     prev == 0xD1 || prev == 0xE2))
            odd = (cp >= 0xA0 && cp <= 0xBF) || cp == 0x20AC ||
                  cp == 0x2122 || cp == 0x201A || cp == 0x0153 ||
                  cp == 0x0161 || cp == 0x017E;
        if (odd) {
            c->c[GC_ODD]++;
            evidence(c, EV_ODD, at, i);
        }
        prev = cp;
    }
    c->c[GC_CHARS] = (double)cps;
    c->c[GC_LETTERS] = (double)letters;
    c->c[GC_DIGITS] = (double)digits;
}

/* State carried from word to word within a sentence. */
typedef struct walk {
    uint64_t prev_hash;
    unsigned prev_fw;
    size_t prev_start, prev_end;
    size_t last_of;        /* word index of the last "of", or SIZE_MAX */
    size_t last_of_start;
    int prev_told;         /* the previous word was "told" */
    int prev_is_word;
    size_t foreign_start, foreign_end; /* current foreign run */
    int open_brackets, quotes;
} walk;

static int is_own_script(sv_lang lang, const sv__token *t)
{
    if (lang == SV_LANG_RU)
        return t->script == SV__SCRIPT_CYRILLIC;
    return t->script == SV__SCRIPT_LATIN;
}

static int is_foreign_script(sv_lang lang, const sv__token *t)
{
    if (t->script == SV__SCRIPT_HAN || t->script == SV__SCRIPT_HIRAGANA ||
        t->script == SV__SCRIPT_KATAKANA || t->script == SV__SCRIPT_HANGUL)
        return 1;
    if (lang == SV_LANG_RU)
        return t->script == SV__SCRIPT_LATIN;
    return t->script == SV__SCRIPT_CYRILLIC;
}

/* sv__spell_known through the thread's cache: two-way set-associative,
 * keyed by the word's folded hash (already computed for the other
 * features) mixed with its length and whether it is capitalised, the only
 * case difference the dictionary decides on for words that reach it. */
static int spell_cached(sv__garble_scratch *scr, sv_context *ctx,
                        sv_lang lang, const char *w, size_t len,
                        uint64_t folded, int cap)
{
    uint64_t h = (folded ^ ((uint64_t)len << 56) ^
                  (cap ? UINT64_C(0x9E3779B97F4A7C15) : 0)) | 1;
    size_t i = (size_t)(h >> 40) & (SV__SPELL_SLOTS - 2);
    int known;

    if (scr->spell_ctx != ctx) {
        memset(scr->spell_key, 0, sizeof(scr->spell_key));
        scr->spell_ctx = ctx;
    }
    if (scr->spell_key[i] == h)
        return scr->spell_val[i];
    if (scr->spell_key[i + 1] == h)
        return scr->spell_val[i + 1];
    known = spell(ctx, lang, w, len, 0);
    if (known >= 0) {
        /* the newer entry goes first; the older one moves to the second */
        scr->spell_key[i + 1] = scr->spell_key[i];
        scr->spell_val[i + 1] = scr->spell_val[i];
        scr->spell_key[i] = h;
        scr->spell_val[i] = (int8_t)known;
    }
    return known;
}

static int spell_word(const sv__garble_lex *lex, sv_context *ctx,
                      sv__garble_scratch *scr, const char *text,
                      const sv__token *t, uint64_t folded, int sent_start,
                      int common, sv__garble_counts *c)
{
    size_t len = t->end - t->start - sv__tok_possessive_len(text, t);
    int cap = (t->flags & SV__TOKF_CAP) != 0, known;

    if (!ctx || (t->flags & (SV__TOKF_ALLCAPS | SV__TOKF_DIGIT |
                             SV__TOKF_MIXED)) || len == 0)
        return SV_OK;
    /* a word common in human text is taken as known without asking */
    known = common ? 1 : spell_cached(scr, ctx, lex->lang, text + t->start,
                                      len, folded, cap);
    if (known < 0)
        return known == SV_EUNSUPPORTED ? SV_OK : known;
    if (cap && !(sent_start && known)) {
        c->c[GC_CAP]++;
        c->c[GC_CAP_OOV] += !known;
    } else {
        c->c[GC_LOW]++;
        c->c[GC_LOW_OOV] += !known;
    }
    if (!known && c->n_oov_samples < SV__GARBLE_OOV_SAMPLES) {
        c->oov_start[c->n_oov_samples] = t->start;
        c->oov_end[c->n_oov_samples++] = t->start + len;
        evidence(c, EV_OOV, t->start, t->start + len);
    }
    return SV_OK;
}

/* Article, preposition, genitive-chain and caption patterns (English). */
static void patterns(const sv__garble_lex *lex, walk *w, const sv__token *t,
                     unsigned fw, size_t index, int lower,
                     sv__garble_counts *c)
{
    c->c[GC_ARTICLE] += (fw & FW_ARTICLE) != 0;
    c->c[GC_PREP] += (fw & FW_PREP) != 0;
    c->c[GC_FUNC] += (fw & FW_FUNC) != 0;
    c->c[GC_PRON] += (fw & FW_PRON) != 0;
    if ((w->prev_fw & FW_PREP) && w->prev_is_word && lower &&
        !(fw & (FW_DET | FW_FUNC)) && lex->lang == SV_LANG_EN) {
        c->c[GC_PREP_BARE]++;
        evidence(c, EV_PREP_BARE, w->prev_start, t->end);
    }
    if (fw & FW_OF) {
        c->c[GC_OF]++;
        if (w->last_of != SIZE_MAX && index - w->last_of <= 5) {
            c->c[GC_GEN_CHAIN]++;
            evidence(c, EV_GEN_CHAIN, w->last_of_start, t->end);
        }
        w->last_of = index;
        w->last_of_start = t->start;
    }
    if ((fw & FW_CAPTION) && (w->prev_told || (w->prev_fw & FW_ARTICLE))) {
        c->c[GC_CAPTION]++;
        evidence(c, EV_CAPTION, w->prev_start, t->end);
    }
}

enum { WM_SEEN = 1, WM_COMMON = 2 }; /* in the statistics; seen >= 3x */

/* The thread's memo of a word: function-word bits and word statistics,
 * looked up once per distinct word (a direct-mapped table keyed by the
 * folded hash; a clash just recomputes). */
static const sv__word_memo *memo_of(const sv__garble_lex *lex,
                                    sv__garble_scratch *scr, const char *w,
                                    size_t len, uint64_t h)
{
    sv__word_memo *m = &scr->memo[(h >> 20) & (SV__WORD_SLOTS - 1)];

    if (scr->memo_lex != lex->id) {
        memset(scr->memo, 0, sizeof(scr->memo));
        scr->memo_lex = lex->id;
    }
    if (m->h == h)
        return m;
    m->h = h;
    m->fw = (uint16_t)fw_bits(lex, w, len);
    m->stats = 0;
    m->edit = 0;
    if (lex->ws) {
        const sv__wordslot *s =
            &lex->ws->slots[sv__wordstats_find(lex->ws, h)];

        m->stats = (uint8_t)((s->key ? WM_SEEN : 0) |
                             (s->key && s->human >= 3 ? WM_COMMON : 0));
        m->edit = s->edit;
    }
    return m;
}

/* Post-edit and human-text statistics of one word; returns 1 when the
 * word is common in human text (seen 3 times or more). */
static int word_stats(const sv__wordstats *ws, const sv__word_memo *m,
                      const sv__token *t, sv__garble_counts *c)
{
    int seen = (m->stats & WM_SEEN) != 0;
    double e = seen ? m->edit / 1000.0 : ws->edit_prior;

    c->c[GC_EDIT_SUM] += e;
    c->c[GC_EDIT_N]++;
    c->c[GC_RARE] += !(m->stats & WM_COMMON);
    if (seen && e > c->edit_max) {
        c->edit_max = e;
        c->ev_start[EV_EDIT] = t->start;
        c->ev_end[EV_EDIT] = t->end;
    }
    return (m->stats & WM_COMMON) != 0;
}

static int on_word(const sv__garble_lex *lex, sv_context *ctx,
                   sv__garble_scratch *scr, const char *text,
                   const sv__token *t, walk *w, size_t index,
                   sv__garble_counts *c)
{
    size_t len = t->end - t->start;
    uint64_t h = sv__word_hash(text + t->start, len);
    const sv__word_memo *m = memo_of(lex, scr, text + t->start, len, h);
    unsigned fw = m->fw;
    int lower = !(t->flags & SV__TOKF_CAP), rc, common = 0;

    if (lex->ws && !(t->flags & SV__TOKF_DIGIT))
        common = word_stats(lex->ws, m, t, c);
    c->c[GC_WORDS]++;
    c->c[GC_LONGWORD] += len >= 15 && (t->flags & SV__TOKF_ASCII);
    c->c[GC_ALLCAPS] += (t->flags & SV__TOKF_ALLCAPS) != 0;
    if (index == 0 && lower && !(t->flags & SV__TOKF_DIGIT))
        c->c[GC_LOWER_START]++;
    /* a lone prolonged sound mark is an odd dash, counted as such */
    if (is_foreign_script(lex->lang, t) &&
        !(len == 3 && !memcmp(text + t->start, "\xE3\x83\xBC", 3))) {
        c->c[GC_FOREIGN]++;
        if (!w->foreign_end)
            w->foreign_start = t->start;
        w->foreign_end = t->end;
        if (!c->ev_end[EV_FOREIGN] ||
            c->ev_start[EV_FOREIGN] == w->foreign_start) {
            c->ev_start[EV_FOREIGN] = w->foreign_start;
            c->ev_end[EV_FOREIGN] = w->foreign_end;
        }
    } else {
        w->foreign_end = 0;
        /* function words are known: only content words go to spelling */
        if (is_own_script(lex->lang, t) && !(fw & FW_FUNC) &&
            (rc = spell_word(lex, ctx, scr, text, t, h, index == 0, common,
                             c)) < 0)
            return rc;
    }
    /* a content word again later in the sentence ("Luhansk-speaking
     * gnomes ... speaking Luhansk-speaking"): MT loops and calques */
    if (len >= 3 && !(fw & FW_FUNC) && !(t->flags & SV__TOKF_DIGIT) &&
        seen_before(scr, h ^ UINT64_C(0xA5A5A5A5A5A5A5A5))) {
        c->c[GC_REP_CONTENT]++;
        evidence(c, EV_REP_CONTENT, t->start, t->end);
    }
    if (w->prev_is_word) {
        c->c[GC_BIGRAMS]++;
        if (h == w->prev_hash && len > 1) {
            c->c[GC_REP_WORD]++;
            evidence(c, EV_REPEAT, w->prev_start, t->end);
        }
        if (seen_before(scr, w->prev_hash * 31 + h) && !(fw & w->prev_fw &
                                                          FW_FUNC)) {
            c->c[GC_REP_BIGRAM]++;
            evidence(c, EV_REPEAT, w->prev_start, t->end);
        }
    }
    patterns(lex, w, t, fw, index, lower, c);
    w->prev_told = len == 4 && !memcmp(text + t->start, "told", 4);
    w->prev_hash = h;
    w->prev_fw = fw;
    w->prev_start = t->start;
    w->prev_end = t->end;
    w->prev_is_word = 1;
    return SV_OK;
}

/* Word n-gram weights of a sentence (ngrams.h): every token's unigram
 * and its bigram with the previous token, sentence marks included.  The
 * bigram is looked up only when the token's unigram entry says some
 * stored bigram ends with it; each counts towards n all the same. */
typedef struct ngram_walk {
    const sv__wordstats *ws; /* NULL: the model has no n-gram weights */
    uint64_t prev;           /* word hash of the previous token */
    size_t prev_start;
    double sum, n;
} ngram_walk;

static void ngram_note(ngram_walk *g, double w, size_t s, size_t e,
                       sv__garble_counts *c)
{
    g->sum += w;
    if (w > c->ngram_max) {
        c->ngram_max = w;
        c->ev_start[EV_NGRAM] = s;
        c->ev_end[EV_NGRAM] = e;
    }
}

/* One token text[s..e) with word hash h. */
static void ngram_token(ngram_walk *g, const char *text, size_t s, size_t e,
                        uint64_t h, sv__garble_counts *c)
{
    int ends;

    ngram_note(g, sv__ngram_weight(g->ws, sv__ngram_unigram(h), &ends), s,
               e, c);
    if (ends)
        ngram_note(g, sv__ngram_weight(g->ws, sv__ngram_bigram(
                       g->prev, text + s, e - s), &ends), g->prev_start, e,
                   c);
    g->n += 2;
    g->prev = h;
    g->prev_start = s;
}

static void ngram_start(ngram_walk *g, const sv__garble_lex *lex,
                        sv__garble_scratch *scr, size_t start)
{
    if (scr->ngram_lex != lex->id) {
        scr->ngram_on = sv__ngram_present(lex->ws);
        scr->ngram_lex = lex->id;
    }
    memset(g, 0, sizeof(*g));
    if (!scr->ngram_on)
        return;
    g->ws = lex->ws;
    g->prev = sv__word_hash("<s>", 3);
    g->prev_start = start;
}

static void ngram_end(ngram_walk *g, size_t end, sv__garble_counts *c)
{
    int ends;

    if (!g->ws)
        return;
    ngram_note(g, sv__ngram_weight(g->ws, sv__ngram_bigram(g->prev, "</s>",
                                                           4), &ends),
               g->prev_start, end, c);
    g->n++;
    c->c[GC_NGRAM] = g->sum / sqrt(g->n + 1);
}

static int is_stop(uint32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

/* 1 if the byte before pos (not before from) is an ASCII space or tab. */
static int space_before(const char *text, size_t from, size_t pos)
{
    return pos > from && (text[pos - 1] == ' ' || text[pos - 1] == '\t');
}

static void on_punct(const char *text, size_t from, const sv__token *t,
                     walk *w, sv__garble_counts *c)
{
    uint32_t cp = t->cp;
    size_t len = t->end - t->start;

    c->c[GC_PUNCT]++;
    if (space_before(text, from, t->start) &&
        (cp == ',' || cp == ';' || cp == ':' || cp == '!' || cp == '?' ||
         (cp == '.' && len == 1))) {
        c->c[GC_BAD_PUNCT]++;
        evidence(c, EV_BAD_PUNCT, t->start - 1, t->end);
    }
    if (len == 2 && cp != '-' && cp != '.') {
        c->c[GC_BAD_PUNCT]++; /* ",," "!!" */
        evidence(c, EV_BAD_PUNCT, t->start, t->end);
    }
    if (cp == '(' || cp == '[')
        w->open_brackets++;
    else if (cp == ')' || cp == ']')
        w->open_brackets--;
    else if (cp == '"')
        w->quotes++;
}

int sv__garble_count(const sv__garble_lex *lex, sv_context *ctx,
                     sv__garble_scratch *scr, const char *text, size_t start,
                     size_t end, int glued, sv__garble_counts *out)
{
    sv__tokenizer tk;
    sv__token t, last = {0, 0, SV__TOK_SPACE, 0, SV__SCRIPT_COMMON, 0};
    walk w;
    ngram_walk g;
    size_t index = 0;
    int rc;

    sv__garble_counts_zero(out);
    memset(&w, 0, sizeof(w));
    w.last_of = SIZE_MAX;
    scr->cur++;
    if (scr->cur == 0) {
        memset(scr->gen, 0, sizeof(scr->gen));
        scr->cur = 1;
    }
    out->c[GC_SENT] = 1;
    if (glued) {
        out->c[GC_GLUED]++;
        evidence(out, EV_GLUED, start > 0 ? start - 1 : start, start + 1);
    }
    /* spaces are skipped: words stay adjacent for bigrams across them,
     * and a space before punctuation is seen in the text itself */
    ngram_start(&g, lex, scr, start);
    sv__tok_init(&tk, text + start, end - start, SV__TOK_SKIP_SPACE);
    while (sv__tok_next(&tk, &t)) {
        t.start += start;
        t.end += start;
        if (t.kind == SV__TOK_WORD) {
            if ((rc = on_word(lex, ctx, scr, text, &t, &w, index++, out)) < 0)
                return rc;
            if (g.ws) /* on_word left the word's hash in prev_hash */
                ngram_token(&g, text, t.start, t.end, w.prev_hash, out);
        } else {
            if (g.ws)
                ngram_token(&g, text, t.start, t.end,
                            sv__word_hash(text + t.start, t.end - t.start),
                            out);
            if (t.kind == SV__TOK_PUNCT)
                on_punct(text, start, &t, &w, out);
            if (t.kind == SV__TOK_NUMBER) {
                out->c[GC_WORDS]++;
                index++;
            }
            w.prev_is_word = 0; /* punctuation breaks bigrams */
            w.foreign_end = 0;
        }
        last = t;
    }
    ngram_end(&g, end, out);
    if (w.open_brackets != 0 || (w.quotes & 1)) {
        out->c[GC_BAD_PUNCT]++;
        evidence(out, EV_BAD_PUNCT, start, end);
    }
    if (!(last.kind == SV__TOK_PUNCT &&
          (is_stop(last.cp) || (last.flags & SV__TOKF_CLOSE))))
        out->c[GC_NO_FINAL]++;
    out->c[GC_SHORT_SENT] += out->c[GC_WORDS] <= 3;
    count_chars(text, start, end, out);
    if (lex->lm) {
        sv__charlm_sums sums = {0, 0, 0};

        sv__charlm_score(lex->lm, text + start, end - start, &sums);
        out->c[GC_LM_H] = (double)sums.qh / SV__LM_QSCALE;
        out->c[GC_LM_M] = (double)sums.qm / SV__LM_QSCALE;
        out->c[GC_LM_N] = (double)sums.n;
    }
    return SV_OK;
}

void sv__garble_features(const sv__garble_counts *c, double f[GF_COUNT])
{
    const double *n = c->c;
    double words = n[GC_WORDS], sent = n[GC_SENT] > 0 ? n[GC_SENT] : 1;
    double len = log(1.0 + words / sent);

    /* Short spans are shrunk towards typical text (LM_PRIOR_CHARS worth
     * of it), so a two-word byline is not judged by its surprisal alone. */
    f[GF_LM_SURPRISAL] = (n[GC_LM_H] + LM_PRIOR_NATS * LM_PRIOR_CHARS) /
                         (n[GC_LM_N] + LM_PRIOR_CHARS);
    f[GF_LM_RATIO] = (n[GC_LM_H] - n[GC_LM_M]) / (n[GC_LM_N] + LM_PRIOR_CHARS);
    f[GF_OOV_LOW] = n[GC_LOW_OOV] / (n[GC_LOW] + 1);
    f[GF_OOV_CAP] = n[GC_CAP_OOV] / (n[GC_CAP] + 1);
    f[GF_FOREIGN] = log1p(n[GC_FOREIGN]);
    f[GF_ODD] = log1p(n[GC_ODD]);
    f[GF_REP_BIGRAM] = n[GC_REP_BIGRAM] / (n[GC_BIGRAMS] + 1);
    f[GF_REP_WORD] = log1p(n[GC_REP_WORD]);
    f[GF_ARTICLE] = n[GC_ARTICLE] / (words + 1);
    f[GF_OF] = n[GC_OF] / (words + 1);
    f[GF_GEN_CHAIN] = log1p(n[GC_GEN_CHAIN] / sent);
    f[GF_PREP_BARE] = n[GC_PREP_BARE] / (n[GC_PREP] + 1);
    f[GF_FUNC] = n[GC_FUNC] / (words + 1);
    f[GF_PRON] = n[GC_PRON] / (words + 1);
    f[GF_GLUED] = log1p(n[GC_GLUED]);
    f[GF_CAPTION] = log1p(n[GC_CAPTION]);
    f[GF_PUNCT] = n[GC_PUNCT] / (words + 1);
    f[GF_BAD_PUNCT] = n[GC_BAD_PUNCT] / sent;
    f[GF_NO_FINAL] = n[GC_NO_FINAL] / sent;
    f[GF_LOWER_START] = n[GC_LOWER_START] / sent;
    f[GF_LOG_LEN] = len;
    f[GF_LOG_LEN2] = (len - log(19.0)) * (len - log(19.0)); /* far from ~18 words */
    f[GF_DIGITS] = n[GC_DIGITS] / (n[GC_CHARS] + 1);
    f[GF_ALLCAPS] = n[GC_ALLCAPS] / (words + 1);
    f[GF_LONGWORD] = n[GC_LONGWORD] / (words + 1);
    f[GF_WORD_LEN] = n[GC_LETTERS] / (words + 1);
    f[GF_SHORT_SENT] = n[GC_SHORT_SENT] / sent;
    f[GF_EDIT] = n[GC_EDIT_N] > 0 ? n[GC_EDIT_SUM] / n[GC_EDIT_N] : 0;
    f[GF_RARE] = n[GC_RARE] / (n[GC_EDIT_N] + 1);
    f[GF_NGRAM] = n[GC_NGRAM] / sent;
    f[GF_REP_CONTENT] = n[GC_REP_CONTENT] / (words + 1);
    if (n[GC_SRC] > 0) {
        f[GF_SRC_COVER] = n[GC_SRC_COVERED] / (n[GC_SRC_KNOWN] + 1);
        f[GF_SRC_KNOWN] = n[GC_SRC_KNOWN] / (n[GC_SRC_CONTENT] + 1);
        f[GF_SRC_LEN] = log((words + 1) / (n[GC_SRC_WORDS] + 1));
        f[GF_TGT_COVER] = n[GC_TGT_COVERED] / (n[GC_TGT_KNOWN] + 1);
    } else {
        f[GF_SRC_COVER] = f[GF_SRC_KNOWN] = f[GF_SRC_LEN] = NAN;
        f[GF_TGT_COVER] = NAN;
    }
    /* how hard the source is: slang and fragments are mistranslated */
    if (n[GC_SRC] > 0 && n[GC_SRC_LM_N] > 0) {
        f[GF_SRC_LM] = (n[GC_SRC_LM_H] + LM_PRIOR_NATS * LM_PRIOR_CHARS) /
                       (n[GC_SRC_LM_N] + LM_PRIOR_CHARS);
        f[GF_SRC_LM_RATIO] = (n[GC_SRC_LM_H] - n[GC_SRC_LM_M]) /
                             (n[GC_SRC_LM_N] + LM_PRIOR_CHARS);
    } else {
        f[GF_SRC_LM] = f[GF_SRC_LM_RATIO] = NAN;
    }
}
