/* SPDX-License-Identifier: MIT */
/*
 * The corpus glossary: original -> translation pairs grouped by (lemma,
 * lowercased translation) with counts and a few example locations; TSV
 * output that merges back in (so a corpus split across machines gives one
 * glossary), the inconsistency report, and TMX through the formats
 * adapter.
 */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/error_internal.h"
#include "base/hashmap.h"
#include "base/utf8.h"
#include "brackets/brackets_internal.h"
#include "formats/tmx_glossary.h"
#include "lang/wordcase.h"
#include "sverka/io.h"

#define HEADER "# sverka-glossary 1: lemma<TAB>original<TAB>lang<TAB>" \
               "translation<TAB>count<TAB>examples joined by \" | \"; UTF-8"
#define COLUMNS "lemma\toriginal\tlang\ttranslation\tcount\texamples"

typedef struct gpair {
    char *lemma, *original, *translation, *tkey;
    char lang[4];
    size_t count;
    char *examples[SV_GLOSSARY_MAX_EXAMPLES];
    unsigned n_examples;
} gpair;

struct sv_glossary {
    gpair *pairs;
    size_t count, cap;
    sv__hashmap *index; /* lemma \t tkey -> index + 1 */
    sv_buf key;
};

int sv_glossary_new(sv_glossary **out, sv_error *err)
{
    sv_glossary *g;

    SV_ASSERT_ARG(out != NULL);
    *out = NULL;
    g = sv__calloc(1, sizeof(*g));
    if (!g)
        return sv__error_oom(err);
    g->index = sv__hashmap_new(256);
    if (!g->index) {
        sv__free(g);
        return sv__error_oom(err);
    }
    *out = g;
    return SV_OK;
}

static void pair_dispose(gpair *p)
{
    unsigned i;

    sv__free(p->lemma);
    sv__free(p->original);
    sv__free(p->translation);
    sv__free(p->tkey);
    for (i = 0; i < p->n_examples; i++)
        sv__free(p->examples[i]);
}

void sv_glossary_free(sv_glossary *g)
{
    size_t i;

    if (!g)
        return;
    for (i = 0; i < g->count; i++)
        pair_dispose(&g->pairs[i]);
    sv__free(g->pairs);
    sv__hashmap_free(g->index);
    sv_buf_dispose(&g->key);
    sv__free(g);
}

size_t sv_glossary_count(const sv_glossary *g)
{
    return g ? g->count : 0;
}

/* White space runs become one space; ends trimmed (pairs from texts with
 * line breaks inside a bracket compare equal). */
static char *squeeze(const char *s, size_t n)
{
    char *out = sv__malloc(n + 1);
    size_t i, o = 0;
    int space = 0;

    if (!out)
        return NULL;
    for (i = 0; i < n; i++) {
        char c = s[i];

        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = o > 0;
            continue;
        }
        if (space)
            out[o++] = ' ';
        space = 0;
        out[o++] = c;
    }
    out[o] = '\0';
    return out;
}

static int add_example(gpair *p, const char *where)
{
    unsigned i;

    if (!where || !*where || p->n_examples == SV_GLOSSARY_MAX_EXAMPLES)
        return SV_OK;
    for (i = 0; i < p->n_examples; i++)
        if (!strcmp(p->examples[i], where))
            return SV_OK;
    p->examples[p->n_examples] = sv__strndup(where, strlen(where));
    if (!p->examples[p->n_examples])
        return SV_ENOMEM;
    p->n_examples++;
    return SV_OK;
}

static int new_pair(sv_glossary *g, const char *lemma, size_t lemma_len,
                    const char *orig, size_t orig_len, const char *lang,
                    const char *tr, size_t tr_len, const sv_buf *tkey)
{
    gpair *p;

    if (g->count == g->cap) {
        size_t n = g->cap ? g->cap * 2 : 64;
        gpair *a = sv__realloc(g->pairs, n * sizeof(*a));

        if (!a)
            return SV_ENOMEM;
        g->pairs = a;
        g->cap = n;
    }
    p = &g->pairs[g->count];
    memset(p, 0, sizeof(*p));
    p->lemma = squeeze(lemma, lemma_len);
    p->original = squeeze(orig, orig_len);
    p->translation = squeeze(tr, tr_len);
    p->tkey = sv__strndup(tkey->ptr, tkey->size);
    if (!p->lemma || !p->original || !p->translation || !p->tkey) {
        pair_dispose(p);
        return SV_ENOMEM;
    }
    memcpy(p->lang, lang && strlen(lang) < 4 ? lang : "und",
           lang && strlen(lang) < 4 ? strlen(lang) + 1 : 4);
    g->count++;
    return SV_OK;
}

int sv_glossary_add(sv_glossary *g, const char *lemma, size_t lemma_len,
                    const char *original, size_t original_len,
                    const char *lang, const char *translation,
                    size_t translation_len, size_t count, const char *where)
{
    sv_buf tkey = SV_BUF_INIT;
    char *sq = NULL;
    uint64_t idx;
    int rc;

    SV_ASSERT_ARG(g != NULL);
    SV_ASSERT_ARG(lemma != NULL && original != NULL && translation != NULL);
    if (lemma_len == 0)
        return SV_EINVAL;
    rc = SV_ENOMEM;
    sq = squeeze(translation, translation_len);
    if (!sq || sv__word_fold(&tkey, sq, strlen(sq), SV__FOLD_LOWER) < 0)
        goto done;
    sv_buf_clear(&g->key);
    if (sv_buf_put(&g->key, lemma, lemma_len) < 0 ||
        sv_buf_put(&g->key, "\t", 1) < 0 ||
        sv_buf_put(&g->key, tkey.ptr, tkey.size) < 0)
        goto done;
    if (!sv__hashmap_get(g->index, g->key.ptr, g->key.size, &idx)) {
        if ((rc = new_pair(g, lemma, lemma_len, original, original_len, lang,
                           translation, translation_len, &tkey)) < 0)
            goto done;
        idx = g->count;
        if ((rc = sv__hashmap_put(g->index, g->key.ptr, g->key.size, idx)) < 0)
            goto done;
    }
    g->pairs[idx - 1].count += count;
    rc = add_example(&g->pairs[idx - 1], where);
done:
    sv__free(sq);
    sv_buf_dispose(&tkey);
    return rc;
}

/* 1-based line and column (code points) of offset, moving forward. */
static void advance(const char *t, size_t *pos, size_t to, size_t *line,
                    size_t *col)
{
    for (; *pos < to; (*pos)++) {
        unsigned char c = (unsigned char)t[*pos];

        if (c == '\n') {
            (*line)++;
            *col = 1;
        } else if ((c & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

int sv_glossary_add_result(sv_glossary *g, const char *text, size_t text_len,
                           const sv_brackets_result *res, const char *file,
                           size_t first_line)
{
    size_t i, pos = 0, line = first_line ? first_line : 1, col = 1;
    char where[512];
    int rc = SV_OK;

    SV_ASSERT_ARG(g != NULL && res != NULL);
    SV_ASSERT_ARG(text != NULL || text_len == 0);
    for (i = 0; i < res->count && rc == SV_OK; i++) {
        const sv_bracket *b = &res->brackets[i];
        size_t lemma_len;
        const char *lemma = sv_brackets_lemma(res, b, &lemma_len);

        if (b->kind != SV_BRACKET_ORIGINAL || !b->has_translation ||
            lemma_len == 0 || b->end > text_len || b->tr_end > text_len)
            continue;
        advance(text, &pos, b->start - 1, &line, &col);
        snprintf(where, sizeof(where), "%s:%zu:%zu", file ? file : "-", line,
                 col);
        rc = sv_glossary_add(g, lemma, lemma_len, text + b->start,
                             b->end - b->start, b->lang, text + b->tr_start,
                             b->tr_end - b->tr_start, 1, where);
    }
    return rc;
}

/* ---- TSV ------------------------------------------------------------------- */

static int parse_count(const char *s, size_t n, size_t *out)
{
    size_t v = 0, i;

    if (n == 0 || n > 15)
        return -1;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (size_t)(s[i] - '0');
    }
    *out = v;
    return 0;
}

/* Add one row: lemma original lang translation count [examples]. */
static int merge_row(sv_glossary *g, const sv_tsv_row *row)
{
    size_t ln, on, gn, tn, cn, en = 0, count, i = 0;
    const char *lemma = sv_tsv_row_field(row, 0, &ln);
    const char *orig = sv_tsv_row_field(row, 1, &on);
    const char *lang = sv_tsv_row_field(row, 2, &gn);
    const char *tr = sv_tsv_row_field(row, 3, &tn);
    const char *cnt = sv_tsv_row_field(row, 4, &cn);
    const char *ex = sv_tsv_row_field(row, 5, &en);
    int rc;

    if (!cnt || parse_count(cnt, cn, &count) < 0 || ln == 0)
        return SV_EFORMAT;
    if ((rc = sv_glossary_add(g, lemma, ln, orig, on, lang, tr, tn, count,
                              NULL)) < 0)
        return rc;
    while (ex && i < en && rc == SV_OK) {
        const char *sep = strstr(ex + i, " | ");
        size_t n = sep ? (size_t)(sep - ex) - i : en - i;
        char *one = sv__strndup(ex + i, n);

        if (!one)
            return SV_ENOMEM;
        rc = sv_glossary_add(g, lemma, ln, orig, on, lang, tr, tn, 0, one);
        sv__free(one);
        i += n + 3;
    }
    return rc;
}

int sv_glossary_merge_tsv(sv_glossary *g, const char *data, size_t len,
                          const char *name, sv_error *err)
{
    sv_tsv_row *row = NULL;
    size_t pos = 0, line = 0;
    int rc;

    SV_ASSERT_ARG(g != NULL && (data != NULL || len == 0));
    if (!name)
        name = "<glossary>";
    if (len < 18 || memcmp(data, "# sverka-glossary ", 18) != 0)
        return sv__error_set(err, SV_EFORMAT, "%s: not a sverka glossary "
                             "(no '# sverka-glossary 1' first line)", name);
    if ((rc = sv_tsv_row_new(&row, err)) < 0)
        return rc;
    while (pos < len) {
        const char *p = data + pos;
        const char *nl = memchr(p, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - p) : len - pos;

        pos += n + 1;
        line++;
        if (n == 0 || p[0] == '#' ||
            (n >= 6 && !memcmp(p, "lemma\t", 6)))
            continue;
        if ((rc = sv_tsv_row_parse(row, p, n)) < 0 ||
            sv_tsv_row_count(row) < 5 ||
            (rc = merge_row(g, row)) < 0) {
            rc = rc == SV_ENOMEM ? sv__error_oom(err)
                 : sv__error_set_at(err, SV_EFORMAT, (size_t)(p - data), line,
                                    1, "%s:%zu: expected lemma, original, "
                                    "lang, translation, count, examples",
                                    name, line);
            goto done;
        }
    }
    rc = SV_OK;
done:
    sv_tsv_row_free(row);
    return rc;
}

/* Pairs sorted by lemma, then count (descending), then translation. */
static int cmp_pairs(const void *x, const void *y)
{
    const gpair *a = *(const gpair *const *)x, *b = *(const gpair *const *)y;
    int c = strcmp(a->lemma, b->lemma);

    if (c)
        return c;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return strcmp(a->tkey, b->tkey);
}

static const gpair **sorted(const sv_glossary *g,
                            int (*cmp)(const void *, const void *))
{
    const gpair **v = sv__malloc((g->count ? g->count : 1) * sizeof(*v));
    size_t i;

    if (!v)
        return NULL;
    for (i = 0; i < g->count; i++)
        v[i] = &g->pairs[i];
    qsort(v, g->count, sizeof(*v), cmp);
    return v;
}

static int put_str(sv_buf *out, const char *s)
{
    return sv_buf_put(out, s, strlen(s));
}

static int write_row(sv_buf *out, const gpair *p)
{
    char num[32];
    unsigned i;
    int rc = SV_OK;

    snprintf(num, sizeof(num), "%zu", p->count);
    if (sv_tsv_append_field(out, p->lemma, strlen(p->lemma)) < 0 ||
        put_str(out, "\t") < 0 ||
        sv_tsv_append_field(out, p->original, strlen(p->original)) < 0 ||
        put_str(out, "\t") < 0 || put_str(out, p->lang) < 0 ||
        put_str(out, "\t") < 0 ||
        sv_tsv_append_field(out, p->translation, strlen(p->translation)) < 0 ||
        put_str(out, "\t") < 0 || put_str(out, num) < 0 ||
        put_str(out, "\t") < 0)
        return SV_ENOMEM;
    for (i = 0; i < p->n_examples && rc == SV_OK; i++) {
        if (i)
            rc = put_str(out, " | ");
        if (rc == SV_OK)
            rc = sv_tsv_append_field(out, p->examples[i],
                                     strlen(p->examples[i]));
    }
    return rc == SV_OK ? put_str(out, "\n") : rc;
}

int sv_glossary_write_tsv(const sv_glossary *g, sv_buf *out)
{
    const gpair **v;
    size_t i;
    int rc;

    SV_ASSERT_ARG(g != NULL && out != NULL);
    v = sorted(g, cmp_pairs);
    if (!v)
        return SV_ENOMEM;
    rc = put_str(out, HEADER "\n" COLUMNS "\n");
    for (i = 0; i < g->count && rc == SV_OK; i++)
        rc = write_row(out, v[i]);
    sv__free(v);
    return rc;
}

/* ---- inconsistencies ---------------------------------------------------------- */

static int cmp_by_tkey(const void *x, const void *y)
{
    const gpair *a = *(const gpair *const *)x, *b = *(const gpair *const *)y;
    int c = strcmp(a->tkey, b->tkey);

    if (c)
        return c;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return strcmp(a->lemma, b->lemma);
}

/* One finding for v[i..j): "what<TAB>key<TAB>N things: A (3); B (1)". */
static int finding(sv_buf *out, const char *what, const char *key,
                   const gpair **v, size_t i, size_t j, int show_lemma)
{
    char num[48];
    size_t k;
    int rc;

    snprintf(num, sizeof(num), "\t%zu %s: ", j - i,
             show_lemma ? "originals" : "translations");
    rc = put_str(out, what);
    if (!rc) rc = put_str(out, "\t");
    if (!rc) rc = sv_tsv_append_field(out, key, strlen(key));
    if (!rc) rc = put_str(out, num);
    for (k = i; k < j && !rc; k++) {
        const char *s = show_lemma ? v[k]->original : v[k]->translation;

        snprintf(num, sizeof(num), " (%zu)%s", v[k]->count,
                 k + 1 < j ? "; " : "");
        rc = sv_tsv_append_field(out, s, strlen(s));
        if (!rc)
            rc = put_str(out, num);
    }
    return rc ? rc : put_str(out, "\n");
}

static int report_groups(const sv_glossary *g, sv_buf *out, size_t *n,
                         int by_translation)
{
    const gpair **v = sorted(g, by_translation ? cmp_by_tkey : cmp_pairs);
    size_t i = 0, j;
    int rc = SV_OK;

    if (!v)
        return SV_ENOMEM;
    while (i < g->count && rc == SV_OK) {
        const char *key = by_translation ? v[i]->tkey : v[i]->lemma;

        for (j = i + 1; j < g->count; j++)
            if (strcmp(by_translation ? v[j]->tkey : v[j]->lemma, key))
                break;
        if (j - i > 1) {
            rc = finding(out, by_translation ? "translation" : "lemma",
                         by_translation ? v[i]->translation : key, v, i, j,
                         by_translation);
            (*n)++;
        }
        i = j;
    }
    sv__free(v);
    return rc;
}

int sv_glossary_write_inconsistencies(const sv_glossary *g, sv_buf *out,
                                      size_t *findings)
{
    size_t n = 0;
    int rc;

    SV_ASSERT_ARG(g != NULL && out != NULL);
    rc = report_groups(g, out, &n, 0);
    if (rc == SV_OK)
        rc = report_groups(g, out, &n, 1);
    if (findings)
        *findings = n;
    return rc;
}

/* ---- TMX --------------------------------------------------------------------- */

int sv_glossary_write_tmx(const sv_glossary *g, sv_buf *out, sv_error *err)
{
    const gpair **v;
    sv__tmx_gpair *tp;
    size_t i;
    int rc;

    SV_ASSERT_ARG(g != NULL && out != NULL);
    v = sorted(g, cmp_pairs);
    if (!v)
        return sv__error_oom(err);
    tp = sv__calloc(g->count ? g->count : 1, sizeof(*tp));
    if (!tp) {
        sv__free(v);
        return sv__error_oom(err);
    }
    for (i = 0; i < g->count; i++) {
        tp[i].src = v[i]->original;
        tp[i].src_lang = v[i]->lang;
        tp[i].tgt = v[i]->translation;
        tp[i].tgt_lang = strcmp(v[i]->lang, "en") ? "en" : "ru";
        tp[i].count = v[i]->count;
        tp[i].examples = (const char *const *)v[i]->examples;
        tp[i].n_examples = v[i]->n_examples;
        tp[i].note = v[i]->lemma;
    }
    rc = sv__tmx_glossary_write(out, tp, g->count, err);
    sv__free(tp);
    sv__free(v);
    return rc;
}
