/* SPDX-License-Identifier: MIT */
/*
 * Lexical evidence for the aligner.  Every token of a sentence becomes a
 * few 32-bit keys in shared namespaces, so that a source and a target
 * token match when they share a key: English lemmas (Russian words through
 * the ru<->en lexicon with hunspell lemmas, English words with their
 * hunspell stems), name keys (transliteration-proof skeletons, plus the
 * names list), canonical numbers, month numbers, identical words,
 * cognate prefixes and punctuation cues.  Per call, a word cache keeps
 * hunspell and the lexicon out of the hot loop.
 */
#include <stdlib.h>
#include <string.h>

#include "align/align_internal.h"
#include "base/alloc.h"
#include "base/buf_internal.h"
#include "base/error_internal.h"
#include "lang/spell.h"
#include "lang/token.h"
#include "lang/translit.h"
#include "lang/wordcase.h"

/* Token weights: a shared number or name is stronger evidence than a
 * shared word, but capped (one token's weight) so a number alone never
 * decides a long pair (hunalign's known failure). */
#define W_WORD 1.0f
#define W_NUMBER 1.5f
#define W_SMALL_NUMBER 0.6f
#define W_PUNCT 0.5f

/* Keys per token at most (lexicon candidates are many). */
#define MAX_TOKEN_KEYS 24
/* Lexicon candidates used per word (best first). */
#define MAX_CANDIDATES 8

uint32_t sv__al_hash(char ns, const char *s, size_t len)
{
    /* FNV-1a over the namespace byte and the string. */
    uint32_t h = 2166136261u;
    size_t i;

    h ^= (unsigned char)ns;
    h *= 16777619u;
    for (i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

/* State of one feature pass. */
typedef struct feat {
    const sv_aligner *al;
    sv_context *ctx;
    sv__al_side *side;
    sv__al_lang other;
    sv__hashmap *cache;   /* "<lang><lower word>" -> packed pool slice */
    sv_buf *pool;         /* uint32 hashes of cached words */
    sv_buf lower, tmp;
    uint32_t keys[MAX_TOKEN_KEYS];
    size_t nkeys;
} feat;

static void add_key(feat *f, uint32_t h)
{
    size_t i;

    for (i = 0; i < f->nkeys; i++)
        if (f->keys[i] == h)
            return;
    if (f->nkeys < MAX_TOKEN_KEYS)
        f->keys[f->nkeys++] = h;
}

/* Hash every ASCII-letter word of >= 3 letters of an English candidate
 * ("press secretary" -> "press", "secretary"). */
static void add_english_words(feat *f, const char *s, size_t len)
{
    char w[64];
    size_t i = 0, n = 0;

    for (;; i++) {
        unsigned char c = i < len ? (unsigned char)s[i] : ' ';

        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80) {
            if (n < sizeof(w))
                w[n++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
            continue;
        }
        if (n >= 3 && n < sizeof(w))
            add_key(f, sv__al_hash('e', w, n));
        n = 0;
        if (i >= len)
            break;
    }
}

static int on_candidate(const char *text, size_t text_len, unsigned int rank,
                        void *payload)
{
    feat *f = payload;

    if (rank >= MAX_CANDIDATES)
        return 1;
    add_english_words(f, text, text_len);
    return 0;
}

static int on_stem(const char *stem, size_t stem_len, void *payload)
{
    feat *f = payload;

    add_english_words(f, stem, stem_len);
    return 0;
}

/* English lemma keys of a word from hunspell and the lexicon. */
static int lexical_keys(feat *f, const char *w, size_t len)
{
    int rc;

    if (f->side->lang == SV__AL_RU) {
        rc = sv_lexicon_translate(f->ctx, SV_LANG_RU, w, len, on_candidate, f);
        return rc < 0 ? rc : SV_OK;
    }
    add_english_words(f, f->lower.ptr, f->lower.size);
    rc = sv__spell_stems(f->ctx, SV_LANG_EN, w, len, on_stem, f);
    if (rc == SV_ENOMEM)
        return rc;
    return SV_OK;
}

/* Keys of the names list: the English forms' name keys. */
static void names_keys(feat *f, const char *w, size_t len)
{
    size_t left, n, k;
    const char *forms = sv__al_names_lookup(f->al, w, len, &left);
    char key[SV__NAME_KEY_MAX];

    while (forms && left > 0) {
        const char *bar = memchr(forms, '|', left);

        n = bar ? (size_t)(bar - forms) : left;
        k = sv__name_key(forms, n, key);
        if (k >= 3)
            add_key(f, sv__al_hash('k', key, k));
        add_english_words(f, forms, n);
        left -= bar ? n + 1 : n;
        forms += bar ? n + 1 : n;
    }
}

/* Cached: all keys of a word that depend only on its spelling. */
static int word_keys(feat *f, const char *w, size_t len)
{
    uint64_t packed;
    size_t i, off, cnt, first = f->nkeys;
    int rc;
    char key[SV__NAME_KEY_MAX];
    size_t klen;

    sv_buf_clear(&f->tmp);
    if ((rc = sv__buf_putc(&f->tmp, (char)('0' + f->side->lang))) < 0 ||
        (rc = sv_buf_put(&f->tmp, w, len)) < 0)
        return rc;
    if (sv__hashmap_get(f->cache, f->tmp.ptr, f->tmp.size, &packed)) {
        const uint32_t *p = (const uint32_t *)(void *)f->pool->ptr;

        off = (size_t)(packed >> 8);
        cnt = (size_t)(packed & 0xff);
        for (i = 0; i < cnt; i++)
            add_key(f, p[off + i]);
        return SV_OK;
    }
    add_key(f, sv__al_hash('w', f->lower.ptr, f->lower.size));
    klen = sv__name_key(w, len, key);
    if (klen >= 3)
        add_key(f, sv__al_hash('k', key, klen));
    if (klen >= 6)
        add_key(f, sv__al_hash('c', key, 5));
    if (f->side->lang == SV__AL_RU)
        names_keys(f, w, len);
    if (f->al->use_lexicon && f->ctx && (rc = lexical_keys(f, w, len)) < 0)
        return rc;
    /* Pool stores uint32 values; keep it aligned by construction. */
    off = f->pool->size / sizeof(uint32_t);
    if ((rc = sv_buf_put(f->pool, (const char *)(f->keys + first),
                         (f->nkeys - first) * sizeof(uint32_t))) < 0)
        return rc;
    packed = ((uint64_t)off << 8) | (uint64_t)(f->nkeys - first);
    return sv__hashmap_put(f->cache, f->tmp.ptr, f->tmp.size, packed);
}

static size_t count_cp(const char *s, size_t len)
{
    size_t i, n = 0;

    for (i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static int push_token(sv__al_side *side, sv__al_sent *s, feat *f, float w)
{
    size_t i;

    if (s->tok_count >= SV__AL_MAX_TOK)
        return SV_OK;
    if (side->ntok == side->tokcap) {
        size_t cap = side->tokcap ? side->tokcap * 2 : 1024;
        float *v = sv__realloc(side->tokw, cap * sizeof(*v));

        if (!v)
            return SV_ENOMEM;
        side->tokw = v;
        side->tokcap = cap;
    }
    if (side->nkeys + f->nkeys > side->keycap) {
        size_t cap = side->keycap ? side->keycap * 2 : 4096;
        sv__al_key *v;

        while (cap < side->nkeys + f->nkeys)
            cap *= 2;
        v = sv__realloc(side->keys, cap * sizeof(*v));
        if (!v)
            return SV_ENOMEM;
        side->keys = v;
        side->keycap = cap;
    }
    for (i = 0; i < f->nkeys; i++) {
        side->keys[side->nkeys].hash = f->keys[i];
        side->keys[side->nkeys].tok = (uint16_t)s->tok_count;
        side->nkeys++;
    }
    side->tokw[side->ntok++] = w;
    s->tok_count++;
    s->weight += w;
    return SV_OK;
}

static int word_token(feat *f, sv__al_sent *s, const sv__token *t)
{
    const char *w = f->side->text + t->start;
    size_t len = t->end - t->start, cp;
    int month, rc;

    len -= sv__tok_possessive_len(f->side->text, t);
    /* French and Italian elision: "l'Université" is "Université" */
    if ((t->flags & SV__TOKF_APOS) && len > 4 && (w[1] == '\'' || w[2] == '\'')) {
        size_t skip = w[1] == '\'' ? 2 : 3;

        if (w[skip - 1] == '\'' && (w[0] | 0x20) >= 'a' && (w[0] | 0x20) <= 'z') {
            w += skip;
            len -= skip;
        }
    }
    cp = count_cp(w, len);
    f->nkeys = 0;
    month = sv__month_of(w, len);
    if (month > 0) {
        char m[3] = {(char)('0' + month / 10), (char)('0' + month % 10), 0};

        add_key(f, sv__al_hash('m', m, 2));
    }
    /* Short words are mostly function words: no evidence either way. */
    if (month == 0 && cp < 4 && !(t->flags & (SV__TOKF_ALLCAPS | SV__TOKF_DIGIT)))
        return SV_OK;
    sv_buf_clear(&f->lower);
    if ((rc = sv__word_fold(&f->lower, w, len, SV__FOLD_LOWER)) < 0)
        return rc;
    if ((rc = word_keys(f, w, len)) < 0)
        return rc;
    if (f->side->learned) {
        uint32_t learned[4];
        size_t n = sv__al_learned_keys(f->side->learned, f->side->target,
                                       f->lower.ptr, f->lower.size, learned,
                                       4), i;

        for (i = 0; i < n; i++)
            add_key(f, learned[i]);
    }
    return push_token(f->side, s, f, W_WORD);
}

static int number_token(feat *f, sv__al_sent *s, const sv__token *t)
{
    char canon[64];
    int n = sv__number_canon(f->side->text + t->start, t->end - t->start,
                             f->side->lang == SV__AL_RU ? SV__LANGID_RU
                                                        : SV__LANGID_EN,
                             canon, sizeof(canon), NULL);

    if (n <= 0)
        return SV_OK;
    f->nkeys = 0;
    add_key(f, sv__al_hash('n', canon, (size_t)n));
    return push_token(f->side, s, f, n >= 2 ? W_NUMBER : W_SMALL_NUMBER);
}

static int punct_token(feat *f, sv__al_sent *s, const sv__token *t)
{
    const char *cue = NULL;

    if (t->cp == '?')
        cue = "?";
    else if (t->cp == '!')
        cue = "!";
    else if (t->cp == '(' || t->cp == '[')
        cue = "(";
    else if ((t->flags & SV__TOKF_OPEN) && t->cp != '{')
        cue = "\"";
    if (!cue)
        return SV_OK;
    f->nkeys = 0;
    add_key(f, sv__al_hash('p', cue, 1));
    return push_token(f->side, s, f, W_PUNCT);
}

static int cmp_key(const void *a, const void *b)
{
    const sv__al_key *x = a, *y = b;

    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return (int)x->tok - (int)y->tok;
}

static int sentence_features(feat *f, sv__al_sent *s)
{
    sv__tokenizer it;
    sv__token t;
    int rc = SV_OK;

    s->key_first = (uint32_t)f->side->nkeys;
    s->tok_first = (uint32_t)f->side->ntok;
    s->chars = 0;
    sv__tok_init(&it, f->side->text + s->start, s->end - s->start,
                 SV__TOK_SKIP_SPACE);
    while (rc == SV_OK && sv__tok_next(&it, &t)) {
        sv__token abs = t;

        abs.start += s->start;
        abs.end += s->start;
        s->chars += (uint32_t)count_cp(f->side->text + abs.start,
                                       abs.end - abs.start);
        if (t.kind == SV__TOK_WORD)
            rc = word_token(f, s, &abs);
        else if (t.kind == SV__TOK_NUMBER)
            rc = number_token(f, s, &abs);
        else if (t.kind == SV__TOK_PUNCT)
            rc = punct_token(f, s, &abs);
    }
    s->key_count = (uint32_t)(f->side->nkeys - s->key_first);
    if (s->key_count > 1)
        qsort(f->side->keys + s->key_first, s->key_count, sizeof(sv__al_key),
              cmp_key);
    return rc;
}

int sv__al_side_features(const sv_aligner *al, sv_context *ctx,
                         sv__al_side *side, sv__al_lang other,
                         sv__hashmap *cache, sv_buf *pool, sv_error *err)
{
    feat f;
    size_t i;
    int rc = SV_OK;

    memset(&f, 0, sizeof(f));
    f.al = al;
    f.ctx = ctx;
    f.side = side;
    f.other = other;
    f.cache = cache;
    f.pool = pool;
    for (i = 0; i < side->n && rc == SV_OK; i++)
        rc = sentence_features(&f, &side->sents[i]);
    sv_buf_dispose(&f.lower);
    sv_buf_dispose(&f.tmp);
    if (rc == SV_ENOMEM)
        return sv__error_oom(err);
    if (rc < 0)
        return sv__error_set(err, rc, "lexical features: %s",
                             ctx ? sv_context_errmsg(ctx) : sv_strerror(rc));
    return SV_OK;
}

void sv__al_side_reset_features(sv__al_side *side)
{
    size_t i;

    side->nkeys = 0;
    side->ntok = 0;
    for (i = 0; i < side->n; i++) {
        side->sents[i].key_first = side->sents[i].key_count = 0;
        side->sents[i].tok_first = side->sents[i].tok_count = 0;
        side->sents[i].weight = 0;
    }
}

void sv__al_pair_match(const sv__al_side *src, size_t s,
                       const sv__al_side *tgt, size_t t, float *ms, float *mt)
{
    const sv__al_sent *a = &src->sents[s], *b = &tgt->sents[t];
    /* keys is NULL when a side has none (no offset on NULL: UB) */
    const sv__al_key *ka = src->keys ? src->keys + a->key_first : NULL;
    const sv__al_key *kb = tgt->keys ? tgt->keys + b->key_first : NULL;
    size_t na = a->key_count, nb = b->key_count, i = 0, j = 0, k;
    uint64_t ma[2] = {0, 0}, mb[2] = {0, 0};
    float wa = 0, wb = 0;

    while (i < na && j < nb) {
        if (ka[i].hash < kb[j].hash) {
            i++;
        } else if (ka[i].hash > kb[j].hash) {
            j++;
        } else {
            uint32_t h = ka[i].hash;

            for (; i < na && ka[i].hash == h; i++)
                ma[ka[i].tok >> 6] |= (uint64_t)1 << (ka[i].tok & 63);
            for (; j < nb && kb[j].hash == h; j++)
                mb[kb[j].tok >> 6] |= (uint64_t)1 << (kb[j].tok & 63);
        }
    }
    for (k = 0; k < a->tok_count; k++)
        if (ma[k >> 6] >> (k & 63) & 1)
            wa += src->tokw[a->tok_first + k];
    for (k = 0; k < b->tok_count; k++)
        if (mb[k >> 6] >> (k & 63) & 1)
            wb += tgt->tokw[b->tok_first + k];
    *ms = wa;
    *mt = wb;
}
