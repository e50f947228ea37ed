/* SPDX-License-Identifier: MIT */
/*
 * Word statistics for the garble features (sv_garble_train_words, and
 * loading them).  From MT lines next to their human post-edits it learns
 * how often each word the MT produced survived post-editing; from human
 * text, how common each word is.  SVGW1 file: '#' comment lines, a line
 * "SVGW1 prior=X", then "word<TAB>edit<TAB>human" lines (word lowercased,
 * edit = -ln P(kept), smoothed towards the corpus-wide rate).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/error_internal.h"
#include "base/hashmap.h"
#include "garble/garble_internal.h"
#include "garble/wordstats.h"
#include "lang/token.h"
#include "sverka/io.h"

#define MAX_COUNT ((UINT64_C(1) << 21) - 1) /* saturating 21-bit counts */
#define MAX_LINE_WORDS 512                  /* post-edit words matched */

/* ASCII A-Z folded to a-z, every other byte itself: one load per byte
 * in the hash instead of two compares (the same hash values). */
static const uint8_t fold_byte[256] = {
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B,
    0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
    0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x21, 0x22, 0x23,
    0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F,
    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x3B,
    0x3C, 0x3D, 0x3E, 0x3F, 0x40, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67,
    0x68, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70, 0x71, 0x72, 0x73,
    0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
    0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6A, 0x6B,
    0x6C, 0x6D, 0x6E, 0x6F, 0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77,
    0x78, 0x79, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F, 0x80, 0x81, 0x82, 0x83,
    0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8B, 0x8C, 0x8D, 0x8E, 0x8F,
    0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0x9B,
    0x9C, 0x9D, 0x9E, 0x9F, 0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7,
    0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF, 0xB0, 0xB1, 0xB2, 0xB3,
    0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xBB, 0xBC, 0xBD, 0xBE, 0xBF,
    0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB,
    0xCC, 0xCD, 0xCE, 0xCF, 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7,
    0xD8, 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF, 0xE0, 0xE1, 0xE2, 0xE3,
    0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEE, 0xEF,
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB,
    0xFC, 0xFD, 0xFE, 0xFF};

#define FNV_PRIME UINT64_C(1099511628211)

uint64_t sv__word_hash(const char *w, size_t len)
{
    const unsigned char *s = (const unsigned char *)w;
    uint64_t h = UINT64_C(1469598103934665603);
    size_t i = 0;

    /* four bytes a step: the same chain of multiplies, a quarter of the
     * loop's own work (one call per word of every sentence scored) */
    for (; i + 4 <= len; i += 4) {
        h = (h ^ fold_byte[s[i]]) * FNV_PRIME;
        h = (h ^ fold_byte[s[i + 1]]) * FNV_PRIME;
        h = (h ^ fold_byte[s[i + 2]]) * FNV_PRIME;
        h = (h ^ fold_byte[s[i + 3]]) * FNV_PRIME;
    }
    for (; i < len; i++)
        h = (h ^ fold_byte[s[i]]) * FNV_PRIME;
    return h ? h : 1;
}

void sv__wordstats_free(sv__wordstats *ws)
{
    if (!ws)
        return;
    sv__free(ws->slots);
    sv__free(ws);
}

static int ws_alloc(sv__wordstats *ws, size_t n)
{
    ws->cap = 1024;
    while (ws->cap < n * 2)
        ws->cap *= 2;
    ws->slots = sv__calloc(ws->cap, sizeof(*ws->slots));
    return ws->slots ? SV_OK : SV_ENOMEM;
}

typedef struct loading {
    sv__wordstats *ws;
    size_t used, lineno;
    int head;
    const char *path;
    sv_error *err;
} loading;

static int load_line(const char *line, size_t len, void *payload)
{
    loading *l = payload;
    const char *t1, *t2;
    char num[64];
    size_t i;
    double e;
    unsigned long hum;

    l->lineno++;
    if (len == 0)
        return SV_OK;
    if (line[0] == '#') {
        size_t n = strlen(l->ws->note);

        if (len > 2 && n + len < sizeof(l->ws->note)) {
            memcpy(l->ws->note + n, line + 2, len - 2);
            l->ws->note[n + len - 2] = ' ';
            l->ws->note[n + len - 1] = '\0';
        }
        return SV_OK;
    }
    if (!l->head) {
        snprintf(num, sizeof(num), "%.*s", (int)(len < 60 ? len : 60), line);
        if (sscanf(num, "SVGW1 prior=%lf", &l->ws->edit_prior) != 1)
            goto bad;
        l->head = 1;
        return SV_OK;
    }
    t1 = memchr(line, '\t', len);
    t2 = t1 ? memchr(t1 + 1, '\t', len - (size_t)(t1 + 1 - line)) : NULL;
    if (!t2 || l->used * 2 >= l->ws->cap)
        goto bad;
    i = sv__wordstats_find(l->ws, sv__word_hash(line, (size_t)(t1 - line)));
    l->ws->slots[i].key =
        SV__WORD_KEY(sv__word_hash(line, (size_t)(t1 - line)));
    snprintf(num, sizeof(num), "%.*s", (int)(t2 - t1 - 1), t1 + 1);
    e = strtod(num, NULL) * 1000.0 + 0.5;
    l->ws->slots[i].edit = (uint16_t)(e < 0 ? 0 : e > 65535 ? 65535 : e);
    snprintf(num, sizeof(num), "%.*s", (int)(len - (size_t)(t2 + 1 - line)),
             t2 + 1);
    hum = strtoul(num, NULL, 10);
    l->ws->slots[i].human = (uint16_t)(hum > 65535 ? 65535 : hum);
    l->used++;
    return SV_OK;
bad:
    return sv__error_set_at(l->err, SV_EFORMAT, 0, l->lineno, 1,
                            "%s:%zu: not an SVGW1 word statistics line",
                            l->path, l->lineno);
}

/* Lines in a file, for sizing the table before loading. */
static int count_line(const char *line, size_t len, void *payload)
{
    (void)line;
    (void)len;
    (*(size_t *)payload)++;
    return SV_OK;
}

int sv__wordstats_load(sv__wordstats **out, const char *path, sv_error *err)
{
    sv__wordstats *ws = sv__calloc(1, sizeof(*ws));
    loading l = {ws, 0, 0, 0, path, err};
    size_t lines = 0;
    int rc;

    *out = NULL;
    if (!ws)
        return sv__error_oom(err);
    if ((rc = sv__garble_each_line(path, count_line, &lines, err)) < 0)
        goto done;
    if (ws_alloc(ws, lines) < 0) {
        rc = sv__error_oom(err);
        goto done;
    }
    if ((rc = sv__garble_each_line(path, load_line, &l, err)) < 0)
        goto done;
    if (!l.head) {
        rc = sv__error_set(err, SV_EFORMAT, "%s: not an SVGW1 file", path);
        goto done;
    }
    *out = ws;
    ws = NULL;
done:
    sv__wordstats_free(ws);
    return rc;
}

/* ---- training ---------------------------------------------------------- */

typedef struct training {
    sv__hashmap *words; /* lowercased word -> human<<42 | total<<21 | kept */
    sv_tsv_row *row;
    int col_mt, col_pe;
    sv_buf fold;
    uint64_t pe[MAX_LINE_WORDS];
    size_t npe;
    sv_error *err;
} training;

static uint64_t sat_add(uint64_t v, unsigned shift, uint64_t n)
{
    uint64_t c = (v >> shift) & MAX_COUNT;

    c = c + n > MAX_COUNT ? MAX_COUNT : c + n;
    return (v & ~(MAX_COUNT << shift)) | (c << shift);
}

/* Add to a word's packed counts (shift 0 kept, 21 total, 42 human). */
static int bump(training *t, const char *w, size_t len, unsigned shift)
{
    uint64_t v = 0;
    size_t i;

    sv_buf_clear(&t->fold);
    for (i = 0; i < len; i++) {
        char c = w[i] >= 'A' && w[i] <= 'Z' ? (char)(w[i] + 32) : w[i];

        if (sv_buf_put(&t->fold, &c, 1) < 0)
            return SV_ENOMEM;
    }
    sv__hashmap_get(t->words, t->fold.ptr, t->fold.size, &v);
    return sv__hashmap_put(t->words, t->fold.ptr, t->fold.size,
                           sat_add(v, shift, 1));
}

/* Call fn on each word token of a line. */
typedef int (*word_fn)(training *t, const char *w, size_t len);

static int each_word(training *t, const char *s, size_t len, word_fn fn)
{
    sv__tokenizer tk;
    sv__token tok;
    int rc;

    sv__tok_init(&tk, s, len, SV__TOK_SKIP_SPACE);
    while (sv__tok_next(&tk, &tok)) {
        if (tok.kind == SV__TOK_WORD &&
            (rc = fn(t, s + tok.start, tok.end - tok.start)) < 0)
            return rc;
    }
    return SV_OK;
}

static int add_human(training *t, const char *w, size_t len)
{
    return bump(t, w, len, 42);
}

static int add_pe(training *t, const char *w, size_t len)
{
    if (t->npe < MAX_LINE_WORDS)
        t->pe[t->npe++] = sv__word_hash(w, len);
    return SV_OK;
}

/* An MT word is kept when an unused copy is in the post-edit. */
static int add_mt(training *t, const char *w, size_t len)
{
    uint64_t h = sv__word_hash(w, len);
    size_t i;
    int rc;

    if ((rc = bump(t, w, len, 21)) < 0)
        return rc;
    for (i = 0; i < t->npe; i++) {
        if (t->pe[i] == h) {
            t->pe[i] = 0;
            return bump(t, w, len, 0);
        }
    }
    return SV_OK;
}

static int pairs_line(const char *line, size_t len, void *payload)
{
    training *t = payload;
    const char *mt, *pe;
    size_t mt_len, pe_len, i, n;
    int rc;

    if (sv_tsv_row_parse(t->row, line, len) < 0)
        return sv__error_oom(t->err);
    n = sv_tsv_row_count(t->row);
    if (t->col_mt < 0) {
        for (i = 0; i < n; i++) {
            const char *f = sv_tsv_row_field(t->row, i, &mt_len);

            if (mt_len == 2 && !memcmp(f, "mt", 2))
                t->col_mt = (int)i;
            else if (mt_len == 9 && !memcmp(f, "post_edit", 9))
                t->col_pe = (int)i;
        }
        if (t->col_mt < 0 || t->col_pe < 0)
            return sv__error_set(t->err, SV_EFORMAT, "the pairs TSV header "
                                 "must name the columns 'mt' and 'post_edit'");
        return SV_OK;
    }
    if ((int)n <= t->col_mt || (int)n <= t->col_pe)
        return SV_OK;
    mt = sv_tsv_row_field(t->row, (size_t)t->col_mt, &mt_len);
    pe = sv_tsv_row_field(t->row, (size_t)t->col_pe, &pe_len);
    t->npe = 0;
    if ((rc = each_word(t, pe, pe_len, add_pe)) < 0 ||
        (rc = each_word(t, mt, mt_len, add_mt)) < 0)
        return rc == SV_ENOMEM ? sv__error_oom(t->err) : rc;
    return SV_OK;
}

static int human_line(const char *line, size_t len, void *payload)
{
    training *t = payload;
    int rc = each_word(t, line, len, add_human);

    return rc == SV_ENOMEM ? sv__error_oom(t->err) : rc;
}

typedef struct entry {
    const char *w;
    size_t len;
    uint64_t v;
} entry;

static int cmp_entry(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->w, y->w, n);

    return c ? c : (x->len > y->len) - (x->len < y->len);
}

static int write_words(training *t, const char *path, const char *note,
                       sv_error *err)
{
    size_t n = sv__hashmap_count(t->words), it = 0, k = 0, i;
    entry *e = sv__calloc(n ? n : 1, sizeof(*e));
    double kept = 0, total = 0, g;
    FILE *fp;
    int ok;

    if (!e)
        return sv__error_oom(err);
    while (sv__hashmap_next(t->words, &it, &e[k].w, &e[k].len, &e[k].v)) {
        kept += (double)(e[k].v & MAX_COUNT);
        total += (double)((e[k].v >> 21) & MAX_COUNT);
        k++;
    }
    qsort(e, k, sizeof(*e), cmp_entry);
    g = total > 0 && kept > 0 ? kept / total : 0.9;
    fp = fopen(path, "w");
    if (!fp) {
        sv__free(e);
        return sv__error_set(err, SV_EIO, "%s: %s", path, strerror(errno));
    }
    fprintf(fp, "# sverka garble word statistics, format SVGW1 (src/garble/"
            "wordstats.c): word<TAB>edit<TAB>human\n# edit = -ln P(the "
            "post-editor kept the MT word), smoothed: (kept + 2g) / (total + "
            "2), g = %.4f; human = occurrences in human text\n# trained on: "
            "%s\n# made by: sverka flag --train-words\nSVGW1 prior=%.4f\n",
            g, note ? note : "(no note)", -log(g));
    for (i = 0; i < k; i++) {
        double kp = (double)(e[i].v & MAX_COUNT);
        double tot = (double)((e[i].v >> 21) & MAX_COUNT);
        unsigned long hum = (unsigned long)(e[i].v >> 42);

        if (tot < 2 && hum < 2)
            continue; /* too rare to say anything: the prior applies */
        fprintf(fp, "%.*s\t%.3f\t%lu\n", (int)e[i].len, e[i].w,
                -log((kp + 2 * g) / (tot + 2)), hum);
    }
    ok = !ferror(fp);
    if (fclose(fp) != 0)
        ok = 0;
    sv__free(e);
    return ok ? SV_OK : sv__error_set(err, SV_EIO, "%s: write failed", path);
}

int sv_garble_train_words(const char *pairs_path, const char *human_path,
                          const char *out_path, const char *note,
                          sv_error *err)
{
    training t;
    int rc;

    SV_ASSERT_ARG(pairs_path && human_path && out_path);
    memset(&t, 0, sizeof(t));
    t.col_mt = t.col_pe = -1;
    t.err = err;
    t.words = sv__hashmap_new(1 << 16);
    if (!t.words || sv_tsv_row_new(&t.row, err) < 0) {
        rc = sv__error_oom(err);
        goto done;
    }
    if ((rc = sv__garble_each_line(pairs_path, pairs_line, &t, err)) < 0 ||
        (rc = sv__garble_each_line(human_path, human_line, &t, err)) < 0)
        goto done;
    rc = write_words(&t, out_path, note, err);
done:
    sv__hashmap_free(t.words);
    sv_tsv_row_free(t.row);
    sv_buf_dispose(&t.fold);
    return rc;
}
