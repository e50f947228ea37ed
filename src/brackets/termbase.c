/* SPDX-License-Identifier: MIT */
/*
 * The termbase: the hand-made news glossary and names list (Russian forms
 * <TAB> English forms), indexed in both directions by phrase keys that
 * ignore case and inflection ("Госдумы", "Госдума" -> "госдум"; "talks" ->
 * "talk"), so a term is found in any case form without hunspell.
 */
#include <string.h>

#include "base/alloc.h"
#include "base/error_internal.h"
#include "base/utf8.h"
#include "brackets/brackets_internal.h"
#include "lang/datafile.h"
#include "lang/wordcase.h"

#define MAX_FILE (16u << 20)

/* Russian inflection endings, longest first within each length; the
 * rough stem drops the longest one that leaves at least 3 letters.  With
 * their byte lengths, so the hot loop needs no strlen. */
typedef struct ending {
    const char *s;
    unsigned char n;
} ending;

#define E(lit) {lit, sizeof(lit) - 1}
static const ending ru_endings[] = {
    E("ями"), E("ами"), E("ого"), E("его"), E("ому"), E("ему"), E("ыми"),
    E("ими"), E("иях"), E("иям"),
    E("ов"), E("ев"), E("ей"), E("ам"), E("ям"), E("ах"), E("ях"), E("ом"),
    E("ем"), E("ой"), E("ою"), E("ию"), E("ия"), E("ие"), E("ии"), E("ья"),
    E("ье"), E("ая"), E("яя"), E("ое"), E("ее"), E("ые"), E("ый"), E("ий"),
    E("ую"), E("юю"), E("ых"), E("их"), E("ым"), E("им"),
    E("а"), E("я"), E("о"), E("е"), E("и"), E("ы"), E("у"), E("ю"), E("ь"),
    E("й"), {NULL, 0}};
#undef E

/* Cyrillic letters are 2 bytes each in the range we fold to.  Endings are
 * dropped repeatedly (up to three times), so that a stem that itself ends
 * like an ending ("Песков" -> "песк") matches its inflected forms
 * ("Пескова" -> "песков" -> "песк"). */
static size_t ru_stem_len(const char *s, size_t n)
{
    const ending *e;
    int pass;

    for (pass = 0; pass < 3; pass++) {
        size_t min = pass == 0 ? 6 : 8; /* 3 letters, then 4 */
        int cut = 0;

        for (e = ru_endings; e->s && !cut; e++) {
            if (n >= (size_t)e->n + min && s[n - 1] == e->s[e->n - 1] &&
                memcmp(s + n - e->n, e->s, e->n) == 0) {
                n -= e->n;
                cut = 1;
            }
        }
        if (!cut)
            break;
    }
    return n;
}

static size_t en_stem_len(char *s, size_t n)
{
    if (n > 2 && s[n - 2] == '\'' && s[n - 1] == 's')
        n -= 2;
    if (n > 4 && !memcmp(s + n - 3, "ies", 3)) {
        s[n - 3] = 'y';
        return n - 2;
    }
    if (n > 4 && !memcmp(s + n - 4, "sses", 4))
        return n - 2;
    if (n > 3 && s[n - 1] == 's' && s[n - 2] != 's' && s[n - 2] != 'u' &&
        s[n - 2] != 'i')
        n--;
    if (n > 5 && !memcmp(s + n - 3, "ing", 3))
        n -= 3;
    else if (n > 4 && !memcmp(s + n - 2, "ed", 2))
        n -= 2;
    return n;
}

int sv__word_key(sv_buf *out, const char *w, size_t len)
{
    size_t start = out->size, i;
    int cyr = 0, latin = 0;
    unsigned char *p;

    if (sv__word_fold(out, w, len, SV__FOLD_LOWER) < 0)
        return SV_ENOMEM;
    p = (unsigned char *)out->ptr;
    for (i = start; i < out->size; i++) {
        if (p[i] == 0xD1 && i + 1 < out->size && p[i + 1] == 0x91) {
            p[i] = 0xD0; /* ё -> е, as the lexicon files them */
            p[i + 1] = 0xB5;
        }
        if (p[i] == 0xD0 || p[i] == 0xD1)
            cyr = 1;
        else if (p[i] >= 'a' && p[i] <= 'z')
            latin = 1;
    }
    if (cyr && !latin)
        out->size = start + ru_stem_len(out->ptr + start, out->size - start);
    else if (latin && !cyr)
        out->size = start + en_stem_len(out->ptr + start, out->size - start);
    out->ptr[out->size] = '\0';
    return SV_OK;
}

/* Plain phrases (letters, spaces, hyphens, apostrophes: nearly every
 * glossary form and lexicon candidate) are cut at spaces without the
 * tokenizer, which is the cost of aligning text dense with brackets. */
static int plain_phrase(const char *text, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];

        if (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z') &&
            c != ' ' && c != '-' && c != '\'')
            return 0;
        if (c == ' ' && (i == 0 || i + 1 == len || text[i + 1] == ' '))
            return 0;
    }
    return len > 0;
}

static int plain_key(sv_buf *out, const char *text, size_t len)
{
    size_t i = 0;

    while (i < len) {
        const char *sp = memchr(text + i, ' ', len - i);
        size_t n = sp ? (size_t)(sp - text) - i : len - i;

        if (i > 0 && sv_buf_put(out, " ", 1) < 0)
            return SV_ENOMEM;
        if (sv__word_key(out, text + i, n) < 0)
            return SV_ENOMEM;
        i += n + 1;
    }
    return SV_OK;
}

int sv__term_key(sv_buf *out, const char *text, size_t len)
{
    sv__tokenizer t;
    sv__token tok;
    int first = 1;

    if (plain_phrase(text, len))
        return plain_key(out, text, len);
    sv__tok_init(&t, text, len, SV__TOK_SKIP_SPACE);
    while (sv__tok_next(&t, &tok)) {
        size_t n = tok.end - tok.start;

        if (tok.kind != SV__TOK_WORD && tok.kind != SV__TOK_NUMBER)
            continue;
        if (tok.kind == SV__TOK_WORD)
            n -= sv__tok_possessive_len(text, &tok);
        if (!first && sv_buf_put(out, " ", 1) < 0)
            return SV_ENOMEM;
        if (sv__word_key(out, text + tok.start, n) < 0)
            return SV_ENOMEM;
        first = 0;
    }
    return SV_OK;
}

/* Index each '|'-separated form of one column under its key. */
static int index_forms(sv__termbase *tb, sv__hashmap *m, size_t off,
                       size_t len, size_t idx)
{
    sv_buf key = SV_BUF_INIT;
    size_t i = 0;
    int rc = SV_OK;

    while (i < len && rc == SV_OK) {
        const char *p = tb->pool.ptr + off + i;
        const char *bar = memchr(p, '|', len - i);
        size_t n = bar ? (size_t)(bar - p) : len - i;

        sv_buf_clear(&key);
        if ((rc = sv__term_key(&key, p, n)) == SV_OK && key.size > 0 &&
            !sv__hashmap_get(m, key.ptr, key.size, NULL))
            rc = sv__hashmap_put(m, key.ptr, key.size, idx + 1);
        i += n + 1;
    }
    sv_buf_dispose(&key);
    return rc;
}

static int add_row(sv__termbase *tb, const char *ru, size_t ru_len,
                   const char *en, size_t en_len)
{
    sv__term *t;

    if (tb->count == tb->cap) {
        size_t n = tb->cap ? tb->cap * 2 : 256;
        sv__term *a = sv__realloc(tb->terms, n * sizeof(*a));

        if (!a)
            return SV_ENOMEM;
        tb->terms = a;
        tb->cap = n;
    }
    t = &tb->terms[tb->count];
    t->ru_off = tb->pool.size;
    t->ru_len = ru_len;
    if (sv_buf_put(&tb->pool, ru, ru_len) < 0)
        return SV_ENOMEM;
    t->en_off = tb->pool.size;
    t->en_len = en_len;
    if (sv_buf_put(&tb->pool, en, en_len) < 0)
        return SV_ENOMEM;
    tb->count++;
    return SV_OK;
}

static int index_all(sv__termbase *tb, size_t from)
{
    size_t i;
    int rc = SV_OK;

    if (!tb->ru && !(tb->ru = sv__hashmap_new(512)))
        return SV_ENOMEM;
    if (!tb->en && !(tb->en = sv__hashmap_new(512)))
        return SV_ENOMEM;
    for (i = from; i < tb->count && rc == SV_OK; i++) {
        rc = index_forms(tb, tb->ru, tb->terms[i].ru_off, tb->terms[i].ru_len,
                         i);
        if (rc == SV_OK)
            rc = index_forms(tb, tb->en, tb->terms[i].en_off,
                             tb->terms[i].en_len, i);
    }
    return rc;
}

int sv__termbase_add_tsv(sv__termbase *tb, const char *data, size_t len,
                         const char *name, sv_error *err)
{
    size_t pos = 0, line = 0, first = tb->count;
    int rc;

    while (pos < len) {
        const char *p = data + pos;
        const char *nl = memchr(p, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - p) : len - pos;
        const char *tab, *tab2;

        pos += n + 1;
        line++;
        if (n && p[n - 1] == '\r')
            n--;
        if (n == 0 || p[0] == '#')
            continue;
        tab = memchr(p, '\t', n);
        if (!tab || tab == p || tab + 1 == p + n)
            return sv__error_set_at(err, SV_EFORMAT, (size_t)(p - data), line,
                                    1, "%s:%zu: expected 'Russian<TAB>English'",
                                    name, line);
        tab2 = memchr(tab + 1, '\t', (size_t)(p + n - tab - 1));
        if ((rc = add_row(tb, p, (size_t)(tab - p), tab + 1,
                          (size_t)((tab2 ? tab2 : p + n) - tab - 1))) < 0)
            return sv__error_oom(err);
    }
    if (sv__utf8_valid_prefix(tb->pool.ptr, tb->pool.size) != tb->pool.size)
        return sv__error_set(err, SV_EFORMAT, "%s: not UTF-8", name);
    if ((rc = index_all(tb, first)) < 0)
        return sv__error_oom(err);
    return SV_OK;
}

int sv__termbase_load(sv__termbase *tb, const char *path, sv_error *err)
{
    char *data = NULL;
    size_t size = 0;
    int rc;

    if ((rc = sv__datafile_read(path, MAX_FILE, &data, &size, err)) < 0)
        return rc;
    rc = sv__termbase_add_tsv(tb, data, size, path, err);
    sv__free(data);
    return rc;
}

void sv__termbase_dispose(sv__termbase *tb)
{
    sv__free(tb->terms);
    sv_buf_dispose(&tb->pool);
    sv__hashmap_free(tb->ru);
    sv__hashmap_free(tb->en);
    memset(tb, 0, sizeof(*tb));
}

long sv__termbase_find(const sv__termbase *tb, sv_lang from, const char *key,
                       size_t key_len)
{
    const sv__hashmap *m = from == SV_LANG_RU ? tb->ru : tb->en;
    uint64_t v;

    if (!m || key_len == 0 || !sv__hashmap_get(m, key, key_len, &v))
        return -1;
    return (long)v - 1;
}
