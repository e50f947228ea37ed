/* SPDX-License-Identifier: MIT */
/*
 * A dictionary learned from the document itself, for language pairs
 * without a lexicon (as hunalign's realign pass does): words that occur
 * together in the confident one-to-one beads of a first alignment, with a
 * Dice coefficient over those beads of at least MIN_DICE and at least
 * MIN_PAIRS joint occurrences, become shared keys, and the document is
 * aligned again with them ("Gletscher" ~ "glacier", "Lager" ~ "camp").
 */
#include <string.h>

#include "align/align_internal.h"
#include "base/alloc.h"
#include "base/buf_internal.h"
#include "lang/token.h"
#include "lang/wordcase.h"

#define MIN_CONFIDENCE 0.8
#define MIN_PAIRS 2
#define MIN_DICE 0.4
#define MAX_WORDS 48          /* distinct words per sentence considered */
#define MAX_BEADS 5000        /* confident beads learned from */
#define MAX_KEYS 4            /* learned keys per word */

typedef struct entry {
    uint32_t h[MAX_KEYS];
    double score[MAX_KEYS];
    unsigned n;
} entry;

struct sv__al_learned {
    sv__hashmap *words;   /* side byte + lowercase word -> entry index */
    entry *v;
    size_t n, cap;
    size_t pairs;         /* learned pairs */
};

/* The distinct lowercase words (>= 4 code points) of a sentence, as
 * offsets into arena, NUL-separated. */
static size_t sentence_words(const sv__al_side *side, size_t k, sv_buf *arena,
                             size_t *offs)
{
    const sv__al_sent *s = &side->sents[k];
    sv__tokenizer it;
    sv__token t;
    size_t n = 0, i;

    sv_buf_clear(arena);
    sv__tok_init(&it, side->text + s->start, s->end - s->start,
                 SV__TOK_SKIP_SPACE);
    while (n < MAX_WORDS && sv__tok_next(&it, &t)) {
        const char *w = side->text + s->start + t.start;
        size_t len = t.end - t.start, off = arena->size, cp = 0, b;
        int dup = 0;

        if (t.kind != SV__TOK_WORD)
            continue;
        for (b = 0; b < len; b++)
            cp += ((unsigned char)w[b] & 0xC0) != 0x80;
        if (cp < 4 || sv__word_fold(arena, w, len, SV__FOLD_LOWER) < 0 ||
            sv__buf_putc(arena, '\0') < 0)
            continue;
        for (i = 0; i < n && !dup; i++)
            dup = !strcmp(arena->ptr + offs[i], arena->ptr + off);
        if (dup)
            sv__buf_truncate(arena, off);
        else
            offs[n++] = off;
    }
    return n;
}

/* Add one to the count of key (side byte + word [+ TAB + word]). */
static int bump(sv__hashmap *m, sv_buf *key)
{
    uint64_t v = 0;

    sv__hashmap_get(m, key->ptr, key->size, &v);
    return sv__hashmap_put(m, key->ptr, key->size, v + 1);
}

static int count_bead(sv__hashmap *m, const sv_buf *sa, const size_t *oa,
                      size_t na, const sv_buf *sb, const size_t *ob, size_t nb,
                      sv_buf *key)
{
    size_t i, j;
    int rc = SV_OK;

    for (i = 0; i < na && rc == SV_OK; i++) {
        sv_buf_clear(key);
        if ((rc = sv__buf_putc(key, 's')) == SV_OK &&
            (rc = sv__buf_puts(key, sa->ptr + oa[i])) == SV_OK)
            rc = bump(m, key);
    }
    for (j = 0; j < nb && rc == SV_OK; j++) {
        sv_buf_clear(key);
        if ((rc = sv__buf_putc(key, 't')) == SV_OK &&
            (rc = sv__buf_puts(key, sb->ptr + ob[j])) == SV_OK)
            rc = bump(m, key);
    }
    for (i = 0; i < na && rc == SV_OK; i++) {
        for (j = 0; j < nb && rc == SV_OK; j++) {
            sv_buf_clear(key);
            if ((rc = sv__buf_putc(key, 'p')) == SV_OK &&
                (rc = sv__buf_puts(key, sa->ptr + oa[i])) == SV_OK &&
                (rc = sv__buf_putc(key, '\t')) == SV_OK &&
                (rc = sv__buf_puts(key, sb->ptr + ob[j])) == SV_OK)
                rc = bump(m, key);
        }
    }
    return rc;
}

/* Keep the key for a word, at most MAX_KEYS of the best scores. */
static int attach(sv__al_learned *l, char side, const char *w, size_t len,
                  uint32_t h, double score, sv_buf *key)
{
    uint64_t idx;
    entry *e;
    unsigned i, worst = 0;
    int rc;

    sv_buf_clear(key);
    if ((rc = sv__buf_putc(key, side)) < 0 || (rc = sv_buf_put(key, w, len)) < 0)
        return rc;
    if (!sv__hashmap_get(l->words, key->ptr, key->size, &idx)) {
        if (l->n == l->cap) {
            size_t cap = l->cap ? l->cap * 2 : 256;
            entry *v = sv__realloc(l->v, cap * sizeof(*v));

            if (!v)
                return SV_ENOMEM;
            l->v = v;
            l->cap = cap;
        }
        idx = l->n++;
        memset(&l->v[idx], 0, sizeof(entry));
        if ((rc = sv__hashmap_put(l->words, key->ptr, key->size, idx)) < 0)
            return rc;
    }
    e = &l->v[idx];
    if (e->n < MAX_KEYS) {
        e->h[e->n] = h;
        e->score[e->n++] = score;
        return SV_OK;
    }
    for (i = 1; i < MAX_KEYS; i++)
        if (e->score[i] < e->score[worst])
            worst = i;
    if (score > e->score[worst]) {
        e->h[worst] = h;
        e->score[worst] = score;
    }
    return SV_OK;
}

static uint64_t get_count(sv__hashmap *m, char side, const char *w,
                          size_t len, sv_buf *key)
{
    uint64_t v = 0;

    sv_buf_clear(key);
    if (sv__buf_putc(key, side) < 0 || sv_buf_put(key, w, len) < 0)
        return 0;
    sv__hashmap_get(m, key->ptr, key->size, &v);
    return v;
}

/* Turn the counts into learned keys. */
static int select_pairs(sv__al_learned *l, sv__hashmap *m, sv_buf *key)
{
    size_t iter = 0, klen;
    const char *k;
    uint64_t c;
    int rc = SV_OK;

    while (rc == SV_OK && sv__hashmap_next(m, &iter, &k, &klen, &c)) {
        const char *tab;
        size_t sl;
        double cs, ct, dice;
        uint32_t h;

        if (klen < 2 || k[0] != 'p' || c < MIN_PAIRS)
            continue;
        tab = memchr(k, '\t', klen);
        if (!tab)
            continue;
        sl = (size_t)(tab - k - 1);
        cs = (double)get_count(m, 's', k + 1, sl, key);
        ct = (double)get_count(m, 't', tab + 1, klen - sl - 2, key);
        dice = 2.0 * (double)c / (cs + ct);
        if (dice < MIN_DICE)
            continue;
        h = sv__al_hash('d', k + 1, klen - 1);
        if ((rc = attach(l, 's', k + 1, sl, h, dice, key)) == SV_OK)
            rc = attach(l, 't', tab + 1, klen - sl - 2, h, dice, key);
        l->pairs++;
    }
    return rc;
}

void sv__al_learned_free(sv__al_learned *l)
{
    if (!l)
        return;
    sv__hashmap_free(l->words);
    sv__free(l->v);
    sv__free(l);
}

size_t sv__al_learned_pairs(const sv__al_learned *l)
{
    return l ? l->pairs : 0;
}

size_t sv__al_learned_keys(const sv__al_learned *l, int target,
                           const char *lower, size_t len, uint32_t *keys,
                           size_t max)
{
    char buf[256];
    uint64_t idx;
    size_t i, n = 0;

    if (!l || len + 1 > sizeof(buf))
        return 0;
    buf[0] = target ? 't' : 's';
    memcpy(buf + 1, lower, len);
    if (!sv__hashmap_get(l->words, buf, len + 1, &idx))
        return 0;
    for (i = 0; i < l->v[idx].n && n < max; i++)
        keys[n++] = l->v[idx].h[i];
    return n;
}

int sv__al_learn(const sv__al_side *src, const sv__al_side *tgt,
                 const sv__al_beads *raw, sv__al_learned **out)
{
    sv__al_learned *l = sv__calloc(1, sizeof(*l));
    sv__hashmap *m = sv__hashmap_new(4096);
    sv_buf sa = SV_BUF_INIT, sb = SV_BUF_INIT, key = SV_BUF_INIT;
    size_t oa[MAX_WORDS], ob[MAX_WORDS], k, used = 0;
    int rc = SV_OK;

    *out = NULL;
    if (!l || !m || !(l->words = sv__hashmap_new(1024))) {
        rc = SV_ENOMEM;
        goto done;
    }
    for (k = 0; k < raw->n && used < MAX_BEADS && rc == SV_OK; k++) {
        const sv__al_raw_bead *b = &raw->v[k];
        size_t na, nb;

        if (b->a != 1 || b->b != 1 || b->confidence < MIN_CONFIDENCE)
            continue;
        na = sentence_words(src, b->i, &sa, oa);
        nb = sentence_words(tgt, b->j, &sb, ob);
        rc = count_bead(m, &sa, oa, na, &sb, ob, nb, &key);
        used++;
    }
    if (rc == SV_OK)
        rc = select_pairs(l, m, &key);
done:
    sv__hashmap_free(m);
    sv_buf_dispose(&sa);
    sv_buf_dispose(&sb);
    sv_buf_dispose(&key);
    if (rc < 0) {
        sv__al_learned_free(l);
        return rc;
    }
    *out = l;
    return SV_OK;
}
