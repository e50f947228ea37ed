/* SPDX-License-Identifier: MIT */
/*
 * Training the paired character LMs (sv_garble_train_lm): count 1..5-grams
 * of the 64-symbol alphabet in a human and an MT corpus, smooth each with
 * Witten-Bell interpolation, and write the SVLM1 tables (charlm.c).  Every
 * tenth line is held out to measure the back-off penalty and the typical
 * per-character surprisal of human and MT text reported in reasons.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf_internal.h"
#include "base/error_internal.h"
#include "base/utf8.h"
#include "garble/charlm.h"
#include "garble/garble_internal.h"
#include "sverka/garble.h"

#define TABLE_BITS 17
#define HOLD_OUT 10 /* every HOLD_OUT-th line is held out */

/* n-gram (order n, key of n symbols) or context (order 8 + n) counts. */
typedef struct slot {
    uint64_t key; /* 0: empty; else (kind << 32 | bits) + 1 */
    uint32_t c[2];
    uint32_t t[2];
} slot;

typedef struct counts {
    slot *s;
    size_t cap, used;
} counts;

typedef struct corpus_pass {
    counts *cn;
    int model;         /* 0 human, 1 MT */
    size_t line_no;
    size_t chars;
    sv_buf held;       /* held-out lines, '\n'-separated */
} corpus_pass;

static uint64_t mix(uint64_t k)
{
    k ^= k >> 31;
    k *= UINT64_C(0x7FB5D329728EA185);
    k ^= k >> 27;
    return k;
}

static slot *find(counts *cn, uint64_t key, int create)
{
    size_t i = mix(key) & (cn->cap - 1);

    while (cn->s[i].key) {
        if (cn->s[i].key == key + 1)
            return &cn->s[i];
        i = (i + 1) & (cn->cap - 1);
    }
    if (!create)
        return NULL;
    cn->s[i].key = key + 1;
    cn->used++;
    return &cn->s[i];
}

static int grow(counts *cn)
{
    counts bigger = {NULL, cn->cap * 2, 0};
    size_t i;

    bigger.s = sv__calloc(bigger.cap, sizeof(slot));
    if (!bigger.s)
        return SV_ENOMEM;
    for (i = 0; i < cn->cap; i++) {
        if (cn->s[i].key) {
            slot *d = find(&bigger, cn->s[i].key - 1, 1);
            *d = cn->s[i];
        }
    }
    sv__free(cn->s);
    *cn = bigger;
    return SV_OK;
}

static uint64_t kind_key(unsigned kind, uint32_t bits)
{
    return ((uint64_t)kind << 32) | bits;
}

static uint32_t low_bits(uint32_t key, unsigned nsym)
{
    return nsym >= 5 ? key & ((1u << 30) - 1) : key & ((1u << (6 * nsym)) - 1);
}

/* Count every 1..5-gram ending at each symbol of one line. */
static int count_line(corpus_pass *p, const char *s, size_t len)
{
    uint32_t key = 0;
    unsigned prev = 0, n;
    size_t i = 0;

    while (i < len) {
        int32_t cp;
        unsigned sym;

        i += sv__utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (cp < 0)
            continue;
        sym = sv__charlm_sym(cp);
        if (sym == 0 && prev == 0)
            continue;
        prev = sym;
        key = ((key << 6) | sym) & ((1u << 30) - 1);
        for (n = 1; n <= SV__LM_ORDER; n++) {
            slot *sl;

            if (p->cn->used * 2 > p->cn->cap && grow(p->cn) < 0)
                return SV_ENOMEM;
            sl = find(p->cn, kind_key(n, low_bits(key, n)), 1);
            sl->c[p->model]++;
        }
        p->chars++;
    }
    return SV_OK;
}

static int on_line(corpus_pass *p, const char *s, size_t len)
{
    int rc = SV_OK;

    if (++p->line_no % HOLD_OUT == 0) {
        if ((rc = sv_buf_put(&p->held, s, len)) == 0)
            rc = sv_buf_put(&p->held, "\n", 1);
        return rc;
    }
    return count_line(p, s, len);
}

static int on_line_cb(const char *line, size_t len, void *payload)
{
    return on_line(payload, line, len);
}

/* Context statistics: c(h) and T(h) for every context of every order.
 * The table is first grown so that the contexts (never more than the
 * n-grams) fit without another rehash during the walk. */
static int add_contexts(counts *cn)
{
    size_t i;
    int m;

    while (cn->used * 4 > cn->cap) {
        if (grow(cn) < 0)
            return SV_ENOMEM;
    }
    for (i = 0; i < cn->cap; i++) {
        slot ng = cn->s[i];
        unsigned kind;
        slot *ctx;

        if (!ng.key || (ng.key - 1) >> 32 >= 8)
            continue;
        kind = (unsigned)((ng.key - 1) >> 32);
        ctx = find(cn, kind_key(8 + kind - 1,
                                (uint32_t)((ng.key - 1) & 0xFFFFFFFFu) >> 6),
                   1);
        for (m = 0; m < 2; m++) {
            ctx->c[m] += ng.c[m];
            ctx->t[m] += ng.c[m] > 0;
        }
    }
    return SV_OK;
}

/* Witten-Bell interpolated P(last symbol | previous n-1) for one model. */
static double prob(counts *cn, int m, unsigned n, uint32_t key)
{
    double lower;
    slot *ctx, *ng;

    if (n == 0)
        return 1.0 / SV__LM_SYMS;
    lower = prob(cn, m, n - 1, low_bits(key, n - 1));
    ctx = find(cn, kind_key(8 + n - 1, key >> 6), 0);
    if (!ctx || ctx->c[m] == 0)
        return lower;
    ng = find(cn, kind_key(n, key), 0);
    return ((ng ? ng->c[m] : 0) + ctx->t[m] * lower) /
           (double)(ctx->c[m] + ctx->t[m]);
}

static uint8_t quant(double p)
{
    double q = -log(p) * SV__LM_QSCALE + 0.5;

    return (uint8_t)(q < 1 ? 1 : q > 255 ? 255 : q);
}

static void build_dense(counts *cn, sv__charlm *lm)
{
    uint32_t k;

    for (k = 0; k < (1u << SV__LM_DENSE_BITS); k++) {
        lm->dense[2 * k] = quant(prob(cn, 0, 3, k));
        lm->dense[2 * k + 1] = quant(prob(cn, 1, 3, k));
    }
}

/* Order-5 n-grams into the direct-mapped table; on a collision the more
 * frequent n-gram keeps the slot. */
static int build_table(counts *cn, sv__charlm *lm)
{
    size_t nslots = (size_t)1 << lm->bits, i;
    uint32_t *best = sv__calloc(nslots, sizeof(uint32_t));

    if (!best)
        return SV_ENOMEM;
    for (i = 0; i < cn->cap; i++) {
        slot ng = cn->s[i];
        uint32_t key, total;
        uint64_t h;
        size_t at;

        if (!ng.key || (ng.key - 1) >> 32 != SV__LM_ORDER)
            continue;
        key = (uint32_t)(ng.key - 1);
        total = ng.c[0] + ng.c[1];
        h = sv__charlm_hash(key);
        at = (size_t)(h >> (64 - lm->bits));
        if (best[at] >= total)
            continue;
        best[at] = total;
        lm->table[at].tag = sv__charlm_tag(h);
        lm->table[at].qh = quant(prob(cn, 0, SV__LM_ORDER, key));
        lm->table[at].qm = quant(prob(cn, 1, SV__LM_ORDER, key));
    }
    sv__free(best);
    return SV_OK;
}

/* Mean log-ratio exact/order-3 over held-out 5-grams the table lacks:
 * the penalty a miss pays in the fast scorer. */
static double miss_penalty(counts *cn, const sv__charlm *lm, int m,
                           const sv_buf *held)
{
    const unsigned char *s = (const unsigned char *)held->ptr;
    uint32_t key = 0;
    unsigned prev = 0;
    size_t i = 0, n = 0;
    double sum = 0;

    while (i < held->size) {
        int32_t cp;
        unsigned sym;
        uint64_t h;

        i += sv__utf8_decode(s + i, held->size - i, &cp);
        if (cp < 0)
            continue;
        if (cp == '\n') {
            key = 0;
            prev = 0;
            continue;
        }
        sym = sv__charlm_sym(cp);
        if (sym == 0 && prev == 0)
            continue;
        prev = sym;
        key = ((key << 6) | sym) & ((1u << 30) - 1);
        h = sv__charlm_hash(key);
        if (lm->table[h >> (64 - lm->bits)].tag == sv__charlm_tag(h))
            continue;
        sum += -log(prob(cn, m, SV__LM_ORDER, key)) * SV__LM_QSCALE -
               lm->dense[2 * (key & ((1u << 18) - 1)) + (unsigned)m];
        n++;
    }
    sum = n ? sum / (double)n : 0;
    return sum > 0 ? (sum < 255 ? sum : 255) : 0; /* the loader's range */
}

/* Human-LM nats per symbol over held-out lines, scored as the scorer does
 * (each line its own stretch). */
static double heldout_nats(const sv__charlm *lm, const sv_buf *held)
{
    sv__charlm_sums sums = {0, 0, 0};
    size_t from = 0, i;

    for (i = 0; i < held->size; i++) {
        if (held->ptr[i] != '\n')
            continue;
        sv__charlm_score(lm, held->ptr + from, i - from, &sums);
        from = i + 1;
    }
    return sums.n ? -(double)sums.qh / SV__LM_QSCALE / (double)sums.n : 0;
}

static int write_lm(const char *path, const sv__charlm *lm, const char *note,
                    const corpus_pass *h, const corpus_pass *m, sv_error *err)
{
    FILE *fp = fopen(path, "wb");
    size_t nslots = (size_t)1 << lm->bits, i;
    int ok;

    if (!fp)
        return sv__error_set(err, SV_EIO, "%s: %s", path, strerror(errno));
    fprintf(fp, "# sverka garble character LM, format SVLM1 (src/garble/"
            "charlm.c): order-5 hashed + order-3 dense tables of -ln p x %g\n"
            "# over a 64-symbol case-folded alphabet, Witten-Bell smoothed; "
            "human model and MT model side by side\n"
            "# trained on: %s\n"
            "# human corpus %zu symbols, MT corpus %zu symbols (every %dth "
            "line held out)\n"
            "# made by: sverka flag --train-lm\n",
            SV__LM_QSCALE, note ? note : "(no note)", h->chars, m->chars,
            HOLD_OUT);
    fprintf(fp, "SVLM1 bits=%u miss_h=%u miss_m=%u human_nats=%.4f "
            "mt_nats=%.4f\nDATA\n", lm->bits, lm->miss_qh, lm->miss_qm,
            lm->human_nats, lm->mt_nats);
    fwrite(lm->dense, 1, (size_t)2 << SV__LM_DENSE_BITS, fp);
    for (i = 0; i < nslots; i++) {
        unsigned char e[4];

        e[0] = (unsigned char)(lm->table[i].tag & 0xFF);
        e[1] = (unsigned char)(lm->table[i].tag >> 8);
        e[2] = lm->table[i].qh;
        e[3] = lm->table[i].qm;
        fwrite(e, 1, 4, fp);
    }
    ok = !ferror(fp);
    if (fclose(fp) != 0)
        ok = 0;
    return ok ? SV_OK : sv__error_set(err, SV_EIO, "%s: write failed", path);
}

int sv_garble_train_lm(const char *human_path, const char *mt_path,
                       const char *out_path, const char *note, sv_error *err)
{
    counts cn = {NULL, (size_t)1 << 20, 0};
    corpus_pass h = {&cn, 0, 0, 0, SV_BUF_INIT};
    corpus_pass m = {&cn, 1, 0, 0, SV_BUF_INIT};
    sv__charlm lm;
    int rc;

    SV_ASSERT_ARG(human_path && mt_path && out_path);
    memset(&lm, 0, sizeof(lm));
    lm.bits = TABLE_BITS;
    cn.s = sv__calloc(cn.cap, sizeof(slot));
    lm.dense = sv__malloc((size_t)2 << SV__LM_DENSE_BITS);
    lm.table = sv__calloc((size_t)1 << lm.bits, sizeof(sv__charlm_entry));
    if (!cn.s || !lm.dense || !lm.table) {
        rc = sv__error_oom(err);
        goto done;
    }
    if ((rc = sv__garble_each_line(human_path, on_line_cb, &h, err)) < 0 ||
        (rc = sv__garble_each_line(mt_path, on_line_cb, &m, err)) < 0)
        goto done;
    if (!h.chars || !m.chars) {
        rc = sv__error_set(err, SV_EFORMAT, "an LM corpus is empty");
        goto done;
    }
    if ((rc = add_contexts(&cn)) < 0 || (rc = build_table(&cn, &lm)) < 0) {
        sv__error_oom(err);
        goto done;
    }
    build_dense(&cn, &lm);
    lm.miss_qh = (uint32_t)(miss_penalty(&cn, &lm, 0, &h.held) + 0.5);
    lm.miss_qm = (uint32_t)(miss_penalty(&cn, &lm, 1, &m.held) + 0.5);
    lm.human_nats = heldout_nats(&lm, &h.held);
    lm.mt_nats = heldout_nats(&lm, &m.held);
    rc = write_lm(out_path, &lm, note, &h, &m, err);
done:
    sv__free(cn.s);
    sv__free(lm.dense);
    sv__free(lm.table);
    sv_buf_dispose(&h.held);
    sv_buf_dispose(&m.held);
    return rc;
}
