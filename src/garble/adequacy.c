/* SPDX-License-Identifier: MIT */
/*
 * Adequacy of a translation against its source, for when the source is
 * at hand (sv_garble_score_source): how many source content words have a
 * dictionary translation (ru<->en lexicon, with hunspell lemmas) among
 * the translation's words, how many the dictionary knows at all, and the
 * length ratio.  Garbled MT drops or replaces meaning; fluent-looking
 * word salad still has to contain the words the source asks for.
 */
#include <string.h>

#include "base/alloc.h"
#include "garble/features.h"
#include "lang/token.h"
#include "sverka/resources.h"

#define PREFIX_CPS 5  /* a translation matches on its first 5 letters */
#define SHORT_CPS 3   /* or is a whole word of 3+ letters the text's word
                         starts with ("sign" in "signed") */
#define MIN_CONTENT 4 /* letters of a source content word */
#define MIN_PIECE 3   /* bytes of a candidate word worth matching */
#define FOLD_MAX 128  /* longer words are cut (they still match a prefix) */

/* A word lowercased (ASCII and basic Cyrillic) into buf; pre[k]: bytes
 * of its first k code points (SHORT_CPS <= k <= PREFIX_CPS), 0 when it
 * has fewer; *cps: its code points (as folded). */
static size_t fold(const char *w, size_t len, char *buf,
                   size_t pre[PREFIX_CPS + 1], size_t *cps_out)
{
    const unsigned char *s = (const unsigned char *)w;
    size_t i, o = 0, cps = 0;

    memset(pre, 0, (PREFIX_CPS + 1) * sizeof(*pre));
    for (i = 0; i < len && o + 2 <= FOLD_MAX; i++) {
        unsigned char b = s[i];

        if ((b & 0xC0) != 0x80) {
            if (cps >= SHORT_CPS && cps <= PREFIX_CPS)
                pre[cps] = o;
            cps++;
        }
        if (b >= 'A' && b <= 'Z') {
            buf[o++] = (char)(b + 32);
        } else if (b == 0xD0 && i + 1 < len && s[i + 1] >= 0x90 &&
                   s[i + 1] <= 0x9F) { /* А..П */
            buf[o++] = (char)0xD0;
            buf[o++] = (char)(s[++i] + 0x20);
        } else if (b == 0xD0 && i + 1 < len && s[i + 1] >= 0xA0 &&
                   s[i + 1] <= 0xAF) { /* Р..Я */
            buf[o++] = (char)0xD1;
            buf[o++] = (char)(s[++i] - 0x20);
        } else if (b == 0xD0 && i + 1 < len && s[i + 1] == 0x81) { /* Ё */
            buf[o++] = (char)0xD1;
            buf[o++] = (char)0x91;
            i++;
        } else {
            buf[o++] = (char)b;
        }
    }
    if (cps <= PREFIX_CPS)
        pre[cps] = o; /* the whole word is its own prefix */
    *cps_out = cps;
    return o;
}

/* FNV-1a of bytes, salted by kind (1: whole word, k >= SHORT_CPS: a
 * prefix of k code points); never 0. */
static uint64_t key_of(const char *s, size_t len, unsigned kind)
{
    uint64_t h = UINT64_C(1469598103934665603) ^ kind;
    size_t i;

    for (i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * UINT64_C(1099511628211);
    return h ? h : 1;
}

typedef struct keyset {
    uint64_t *slot;
    size_t mask;
} keyset;

static void put_key(keyset *k, uint64_t h)
{
    size_t i = (size_t)(h >> 17) & k->mask;

    while (k->slot[i] && k->slot[i] != h)
        i = (i + 1) & k->mask;
    k->slot[i] = h;
}

static int has_key(const keyset *k, uint64_t h)
{
    size_t i = (size_t)(h >> 17) & k->mask;

    while (k->slot[i]) {
        if (k->slot[i] == h)
            return 1;
        i = (i + 1) & k->mask;
    }
    return 0;
}

/* Every word of a text, whole and by its prefixes. */
static int word_keys(const char *text, size_t len, uint64_t **keys,
                       size_t *cap, keyset *set)
{
    sv__tokenizer tk;
    sv__token t;
    size_t words = 0, need = 64;

    sv__tok_init(&tk, text, len, SV__TOK_SKIP_SPACE);
    while (sv__tok_next(&tk, &t))
        words += t.kind == SV__TOK_WORD;
    while (need < 4 * words + 16)
        need *= 2;
    if (need > *cap) {
        uint64_t *p = sv__realloc(*keys, need * sizeof(**keys));

        if (!p)
            return SV_ENOMEM;
        *keys = p;
        *cap = need;
    }
    memset(*keys, 0, need * sizeof(**keys));
    set->slot = *keys;
    set->mask = need - 1;
    sv__tok_init(&tk, text, len, SV__TOK_SKIP_SPACE);
    while (sv__tok_next(&tk, &t)) {
        char buf[FOLD_MAX];
        size_t pre[PREFIX_CPS + 1], n, cps;
        unsigned k;

        if (t.kind != SV__TOK_WORD)
            continue;
        n = fold(text + t.start, t.end - t.start, buf, pre, &cps);
        put_key(set, key_of(buf, n, 1));
        for (k = SHORT_CPS; k <= PREFIX_CPS; k++) {
            if (pre[k])
                put_key(set, key_of(buf, pre[k], k));
        }
    }
    return SV_OK;
}

/* Is one word of a candidate translation in the set? */
static int piece_found(const keyset *set, const char *w, size_t len)
{
    char buf[FOLD_MAX];
    size_t pre[PREFIX_CPS + 1], n, cps;

    if (len < MIN_PIECE)
        return 0;
    n = fold(w, len, buf, pre, &cps);
    if (cps < SHORT_CPS)
        return has_key(set, key_of(buf, n, 1));
    /* a short word: the text's word starts with it; a long one: the
     * first PREFIX_CPS letters agree */
    return cps <= PREFIX_CPS ? has_key(set, key_of(buf, n, (unsigned)cps))
                             : has_key(set, key_of(buf, pre[PREFIX_CPS],
                                                   PREFIX_CPS));
}

typedef struct lookup {
    const keyset *set;
    int found;
} lookup;

/* sv_lexicon_translate callback: found, and 1 (stop), when a word of the
 * candidate ("to take part" -> take, part) is among the translation's
 * words. */
static int on_candidate(const char *text, size_t len, unsigned int rank,
                        void *payload)
{
    lookup *l = payload;
    size_t i = 0;

    (void)rank;
    while (i < len) {
        size_t from = i;

        while (i < len && ((unsigned char)text[i] >= 0x80 ||
                           ((text[i] | 0x20) >= 'a' && (text[i] | 0x20) <= 'z')))
            i++;
        if (piece_found(l->set, text + from, i - from)) {
            l->found = 1;
            return 1;
        }
        if (i == from)
            i++;
    }
    return 0;
}

static size_t letters_of(const char *w, size_t len)
{
    size_t i, n = 0;

    for (i = 0; i < len; i++)
        n += ((unsigned char)w[i] & 0xC0) != 0x80;
    return n;
}

/* Words of text[0..len) in from's script: n[0] words and numbers, n[1]
 * content words, n[2] those the lexicon translates, n[3] those with a
 * translation in set.  SV_EUNSUPPORTED without the lexicon. */
static int cover(sv_context *ctx, sv_lang from, const char *text,
                 size_t len, const keyset *set, double n[4])
{
    sv__script script = from == SV_LANG_RU ? SV__SCRIPT_CYRILLIC
                                           : SV__SCRIPT_LATIN;
    sv__tokenizer tk;
    sv__token t;
    lookup l;
    int rc;

    sv__tok_init(&tk, text, len, SV__TOK_SKIP_SPACE);
    while (sv__tok_next(&tk, &t)) {
        size_t wl = t.end - t.start;

        if (t.kind != SV__TOK_WORD && t.kind != SV__TOK_NUMBER)
            continue;
        n[0]++;
        if (t.kind != SV__TOK_WORD || t.script != script ||
            (t.flags & SV__TOKF_DIGIT) ||
            letters_of(text + t.start, wl) < MIN_CONTENT)
            continue;
        n[1]++;
        l.set = set;
        l.found = 0;
        rc = sv_lexicon_translate(ctx, from, text + t.start, wl,
                                  on_candidate, &l);
        if (rc < 0)
            return rc;
        n[2] += rc > 0;
        n[3] += l.found;
    }
    return SV_OK;
}

int sv__garble_adequacy(const sv__garble_lex *lex, sv_context *ctx,
                        const char *text, size_t len, const char *src,
                        size_t src_len, uint64_t **keys, size_t *cap,
                        sv__garble_counts *out)
{
    sv_lang from = lex->lang == SV_LANG_RU ? SV_LANG_EN : SV_LANG_RU;
    double fwd[4] = {0, 0, 0, 0}, back[4] = {0, 0, 0, 0};
    keyset set;
    int rc;

    if (!ctx || !src_len)
        return SV_OK;
    /* source words found in the text, then text words in the source */
    if ((rc = word_keys(text, len, keys, cap, &set)) < 0 ||
        (rc = cover(ctx, from, src, src_len, &set, fwd)) < 0 ||
        (fwd[1] > 0 &&
         ((rc = word_keys(src, src_len, keys, cap, &set)) < 0 ||
          (rc = cover(ctx, lex->lang, text, len, &set, back)) < 0)))
        /* no lexicon: no adequacy evidence at all */
        return rc == SV_EUNSUPPORTED ? SV_OK : rc;
    if (fwd[1] == 0)
        return SV_OK; /* a source in another language (zh->en) */
    out->c[GC_SRC] += 1;
    out->c[GC_SRC_WORDS] += fwd[0];
    out->c[GC_SRC_CONTENT] += fwd[1];
    out->c[GC_SRC_KNOWN] += fwd[2];
    out->c[GC_SRC_COVERED] += fwd[3];
    out->c[GC_TGT_KNOWN] += back[2];
    out->c[GC_TGT_COVERED] += back[3];
    if (lex->src_lm) {
        sv__charlm_sums sums = {0, 0, 0};

        sv__charlm_score(lex->src_lm, src, src_len, &sums);
        out->c[GC_SRC_LM_H] += (double)sums.qh / SV__LM_QSCALE;
        out->c[GC_SRC_LM_M] += (double)sums.qm / SV__LM_QSCALE;
        out->c[GC_SRC_LM_N] += (double)sums.n;
    }
    return SV_OK;
}
