/* SPDX-License-Identifier: MIT */
/*
 * dicts/names.tsv: parsed in place into an array sorted by the Russian
 * form and an index of every English form sorted case-insensitively, so
 * both directions are a binary search.
 */
#include "lang/names.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/error_internal.h"
#include "lang/datafile.h"
#include "lang/resources_internal.h"
#include "lang/wordcase.h"

#define NAMES_MAX_BYTES (16u << 20)

typedef struct en_form {
    const char *p;
    size_t n;
    size_t entry;
} en_form;

struct sv__names {
    char *data;
    sv__name *entries; /* sorted by ru, bytes */
    size_t n;
    en_form *forms; /* sorted by English form, ASCII case-insensitive */
    size_t n_forms;
};

static int lower_ascii(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int cmp_bytes(const char *a, size_t an, const char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);

    return c ? c : (an < bn ? -1 : an > bn);
}

static int cmp_nocase(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i, n = an < bn ? an : bn;

    for (i = 0; i < n; i++) {
        int x = lower_ascii((unsigned char)a[i]);
        int y = lower_ascii((unsigned char)b[i]);

        if (x != y)
            return x - y;
    }
    return an < bn ? -1 : an > bn;
}

static int cmp_entry(const void *a, const void *b)
{
    const sv__name *x = a, *y = b;

    return cmp_bytes(x->ru, x->ru_len, y->ru, y->ru_len);
}

static int cmp_form(const void *a, const void *b)
{
    const en_form *x = a, *y = b;

    return cmp_nocase(x->p, x->n, y->p, y->n);
}

/* Split "ru<TAB>en<TAB>kind" in place.  0, or -1 when malformed. */
static int parse_line(char *line, size_t len, sv__name *e)
{
    char *t1 = memchr(line, '\t', len), *t2;

    if (!t1 || t1 == line)
        return -1;
    t2 = memchr(t1 + 1, '\t', len - (size_t)(t1 + 1 - line));
    if (!t2 || t2 == t1 + 1 || t2 + 1 == line + len)
        return -1;
    e->ru = line;
    e->ru_len = (size_t)(t1 - line);
    e->en = t1 + 1;
    e->en_len = (size_t)(t2 - t1 - 1);
    e->kind = t2 + 1;
    e->kind_len = len - (size_t)(t2 + 1 - line);
    return 0;
}

static int count_lines(const char *s, size_t size)
{
    size_t i, n = 1;

    for (i = 0; i < size; i++)
        n += s[i] == '\n';
    return n > (size_t)(1u << 30) ? -1 : (int)n;
}

static int index_forms(sv__names *nm, sv_error *err)
{
    size_t i, k = 0, total = 0;

    for (i = 0; i < nm->n; i++) {
        size_t j;

        total++;
        for (j = 0; j < nm->entries[i].en_len; j++)
            total += nm->entries[i].en[j] == '|';
    }
    nm->forms = sv__calloc(total ? total : 1, sizeof(en_form));
    if (!nm->forms)
        return sv__error_oom(err);
    for (i = 0; i < nm->n; i++) {
        const char *p = nm->entries[i].en, *end = p + nm->entries[i].en_len;

        while (p < end && k < total) {
            const char *bar = memchr(p, '|', (size_t)(end - p));
            size_t n = bar ? (size_t)(bar - p) : (size_t)(end - p);

            nm->forms[k].p = p;
            nm->forms[k].n = n;
            nm->forms[k++].entry = i;
            p += n + 1;
        }
    }
    nm->n_forms = k;
    qsort(nm->forms, k, sizeof(en_form), cmp_form);
    return SV_OK;
}

int sv__names_load(sv__names **out, const char *path, sv_error *err)
{
    sv__names *nm = NULL;
    size_t size = 0, i = 0, line_no = 0;
    int rc, lines;

    *out = NULL;
    nm = sv__calloc(1, sizeof(*nm));
    if (!nm)
        return sv__error_oom(err);
    if ((rc = sv__datafile_read(path, NAMES_MAX_BYTES, &nm->data, &size,
                                err)) < 0)
        goto done;
    lines = count_lines(nm->data, size);
    nm->entries = sv__calloc((size_t)(lines > 0 ? lines : 1),
                             sizeof(sv__name));
    if (lines < 0 || !nm->entries) {
        rc = sv__error_oom(err);
        goto done;
    }
    while (i < size) {
        char *line = nm->data + i, *nl = memchr(line, '\n', size - i);
        size_t len = nl ? (size_t)(nl - line) : size - i;

        line_no++;
        i += len + 1;
        if (len && line[len - 1] == '\r')
            len--;
        if (len == 0 || line[0] == '#')
            continue;
        if (parse_line(line, len, &nm->entries[nm->n]) < 0) {
            rc = sv__error_set_at(err, SV_EFORMAT, (size_t)(line - nm->data),
                                  line_no, 1,
                                  "%s:%zu: expected Russian<TAB>English"
                                  "<TAB>kind",
                                  path, line_no);
            goto done;
        }
        /* keys use е for ё, like the lexicon's */
        sv__fold_yo(line, nm->entries[nm->n].ru_len);
        nm->n++;
    }
    qsort(nm->entries, nm->n, sizeof(sv__name), cmp_entry);
    if ((rc = index_forms(nm, err)) < 0)
        goto done;
    *out = nm;
    nm = NULL;
done:
    sv__names_free(nm);
    return rc;
}

void sv__names_free(sv__names *nm)
{
    if (!nm)
        return;
    sv__free(nm->data);
    sv__free(nm->entries);
    sv__free(nm->forms);
    sv__free(nm);
}

size_t sv__names_count(const sv__names *nm)
{
    return nm ? nm->n : 0;
}

/* bsearch() keys: the word looked for, compared with an entry's Russian
 * form or with an English form. */
typedef struct lookup_key {
    const char *p;
    size_t n;
} lookup_key;

static int cmp_key_entry(const void *k, const void *item)
{
    const lookup_key *key = k;
    const sv__name *e = item;

    return cmp_bytes(key->p, key->n, e->ru, e->ru_len);
}

static int cmp_key_form(const void *k, const void *item)
{
    const lookup_key *key = k;
    const en_form *f = item;

    return cmp_nocase(key->p, key->n, f->p, f->n);
}

int sv__names_find(const sv__names *nm, sv_lang from, const char *key,
                   size_t key_len, sv__name *out)
{
    lookup_key k = {key, key_len};
    const sv__name *e;
    const en_form *f;

    if (!nm || key_len == 0)
        return 0;
    if (from == SV_LANG_RU) {
        e = bsearch(&k, nm->entries, nm->n, sizeof(sv__name), cmp_key_entry);
        if (e)
            *out = *e;
        return e != NULL;
    }
    if (from != SV_LANG_EN)
        return 0;
    f = bsearch(&k, nm->forms, nm->n_forms, sizeof(en_form), cmp_key_form);
    /* "PESKOV" finds Peskov, but a lowercase word is a common noun
     * ("pentagon"), not the name */
    if (!f || (sv__word_case_of(key, key_len) == SV__CASE_LOWER &&
               sv__word_case_of(f->p, f->n) != SV__CASE_LOWER))
        return 0;
    *out = nm->entries[f->entry];
    return 1;
}

const sv__names *sv__resources_names(const sv_resources *res)
{
    return res ? res->names : NULL;
}
