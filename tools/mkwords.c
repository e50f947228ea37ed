/* SPDX-License-Identifier: MIT */
/*
 * Build-time compiler of a hunspell dictionary (plus the project's added
 * word lists) into a word list the library maps at start-up instead of
 * loading hunspell (src/lang/wordset.h).  The affix expansion proposes
 * candidates; hunspell itself decides which are words, so the list holds
 * exactly forms hunspell accepts.  A dictionary whose affix file uses
 * what a list cannot hold gets an empty list, and stays with hunspell.
 *   sverka-mkwords --aff X.aff --dic X.dic [--extra W.dic]... --out X.wordlist
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp */

#include <hunspell.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf_internal.h"
#include "base/utf8.h"
#include "lang/affix.h"
#include "lang/wordset.h"
#include "sverka/errors.h"

#define MAX_EXTRA 8

typedef struct options {
    const char *aff, *dic, *out;
    const char *extra[MAX_EXTRA];
    size_t n_extra;
} options;

/* Candidates: NUL-terminated strings in one arena, by offset. */
typedef struct candidates {
    sv_buf arena;
    size_t *off;
    size_t n, cap;
} candidates;

static const char *sort_arena; /* for qsort's comparator */

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "sverka-mkwords: %s%s%s\n", what, detail ? ": " : "",
            detail ? detail : "");
    exit(1);
}

static void usage(void)
{
    fputs("usage: sverka-mkwords --aff X.aff --dic X.dic [--extra W.dic]... "
          "--out X.wordlist\n",
          stderr);
    exit(2);
}

static void parse_args(int argc, char **argv, options *o)
{
    int a;

    memset(o, 0, sizeof(*o));
    for (a = 1; a + 1 < argc; a += 2) {
        if (strcmp(argv[a], "--aff") == 0)
            o->aff = argv[a + 1];
        else if (strcmp(argv[a], "--dic") == 0)
            o->dic = argv[a + 1];
        else if (strcmp(argv[a], "--out") == 0)
            o->out = argv[a + 1];
        else if (strcmp(argv[a], "--extra") == 0 && o->n_extra < MAX_EXTRA)
            o->extra[o->n_extra++] = argv[a + 1];
        else
            usage();
    }
    if (a != argc || !o->aff || !o->dic || !o->out)
        usage();
}

static int collect(const char *form, size_t len, void *payload)
{
    candidates *c = payload;

    if (len == 0 || len > SV__WORDSET_MAX_WORD ||
        sv__utf8_valid_prefix(form, len) != len || memchr(form, '\0', len))
        return SV_OK;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1u << 16;
        size_t *p = sv__realloc(c->off, cap * sizeof(size_t));

        if (!p)
            return SV_ENOMEM;
        c->off = p;
        c->cap = cap;
    }
    c->off[c->n++] = c->arena.size;
    if (sv_buf_put(&c->arena, form, len) < 0 ||
        sv__buf_putc(&c->arena, '\0') < 0)
        return SV_ENOMEM;
    return SV_OK;
}

static int by_bytes(const void *a, const void *b)
{
    const unsigned char *x =
        (const unsigned char *)sort_arena + *(const size_t *)a;
    const unsigned char *y =
        (const unsigned char *)sort_arena + *(const size_t *)b;

    return strcmp((const char *)x, (const char *)y);
}

/* Sort and drop repeats: afterwards off[0..n) are unique. */
static void sort_unique(candidates *c)
{
    size_t i, k = 0;

    sort_arena = c->arena.ptr;
    qsort(c->off, c->n, sizeof(size_t), by_bytes);
    for (i = 0; i < c->n; i++)
        if (k == 0 ||
            strcmp(c->arena.ptr + c->off[k - 1], c->arena.ptr + c->off[i]))
            c->off[k++] = c->off[i];
    c->n = k;
}

/* hunspell reads an added list in the dictionary's encoding: give it a
 * converted temporary copy of a UTF-8 list. */
static void add_extra(Hunhandle *h, const sv__affixes *a, const char *path,
                      int utf8)
{
    char tmp[] = "/tmp/sverka-mkwords-XXXXXX";
    sv_buf text = SV_BUF_INIT, enc = SV_BUF_INIT;
    FILE *f;
    int fd, ok;

    if (utf8) {
        if (Hunspell_add_dic(h, path) != 0)
            die("hunspell could not add", path);
        return;
    }
    f = fopen(path, "rb");
    if (!f)
        die("cannot open", path);
    for (;;) {
        char chunk[65536];
        size_t got = fread(chunk, 1, sizeof(chunk), f);

        if (got == 0 || sv_buf_put(&text, chunk, got) < 0)
            break;
    }
    fclose(f);
    /* lines with characters the encoding lacks cannot be dictionary words */
    if (sv__affixes_encode(a, text.ptr, text.size, &enc) != 1)
        die("an added word list has characters outside the dictionary's "
            "encoding",
            path);
    fd = mkstemp(tmp);
    f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    ok = f && fwrite(enc.ptr, 1, enc.size, f) == enc.size;
    ok = f && fclose(f) == 0 && ok;
    if (ok)
        ok = Hunspell_add_dic(h, tmp) == 0;
    unlink(tmp);
    if (!ok)
        die("cannot add a converted copy of", path);
    sv_buf_dispose(&text);
    sv_buf_dispose(&enc);
}

/* Keep the candidates hunspell accepts; returns how many remain. */
static size_t verify(candidates *c, const sv__affixes *a, Hunhandle *h)
{
    sv_buf enc = SV_BUF_INIT;
    size_t i, k = 0;

    for (i = 0; i < c->n; i++) {
        const char *w = c->arena.ptr + c->off[i];

        if (sv__affixes_encode(a, w, strlen(w), &enc) == 1 &&
            Hunspell_spell(h, enc.ptr))
            c->off[k++] = c->off[i];
    }
    sv_buf_dispose(&enc);
    return k;
}

static void fingerprints(const options *o, sv__fingerprint *fp, size_t *n)
{
    sv_error err = SV_ERROR_INIT;
    size_t i;

    *n = 0;
    if (sv__fingerprint_file(o->aff, &fp[(*n)++], &err) < 0 ||
        sv__fingerprint_file(o->dic, &fp[(*n)++], &err) < 0)
        die(err.message, NULL);
    for (i = 0; i < o->n_extra; i++)
        if (sv__fingerprint_file(o->extra[i], &fp[(*n)++], &err) < 0)
            die(err.message, NULL);
}

static void write_list(const options *o, const candidates *c,
                       const sv__affixes *a)
{
    sv__fingerprint fp[MAX_EXTRA + 2];
    sv_error err = SV_ERROR_INIT;
    const sv__iconv_pair *iconv = NULL;
    const char **words = sv__malloc((c->n ? c->n : 1) * sizeof(char *));
    size_t n_fp, n_iconv = a ? sv__affixes_iconv(a, &iconv) : 0, i;

    if (!words)
        die("out of memory", NULL);
    for (i = 0; i < c->n; i++)
        words[i] = c->arena.ptr + c->off[i];
    fingerprints(o, fp, &n_fp);
    if (sv__wordset_write(o->out, words, c->n, fp, n_fp, iconv, n_iconv, &err) <
        0)
        die(err.message, NULL);
    sv__free(words);
}

static void expand_all(const options *o, const sv__affixes *a, candidates *c)
{
    sv_error err = SV_ERROR_INIT;
    size_t i;

    if (sv__affixes_expand(a, o->dic, 0, collect, c, &err) < 0)
        die(err.message, NULL);
    for (i = 0; i < o->n_extra; i++)
        if (sv__affixes_expand(a, o->extra[i], 1, collect, c, &err) < 0)
            die(err.message, NULL);
}

int main(int argc, char **argv)
{
    options o;
    candidates c = {SV_BUF_INIT, NULL, 0, 0};
    sv_error err = SV_ERROR_INIT;
    sv__affixes *a = NULL;
    Hunhandle *h;
    clock_t t0 = clock();
    size_t i, proposed, kept;
    int rc, utf8;

    parse_args(argc, argv, &o);
    rc = sv__affixes_load(&a, o.aff, &err);
    if (rc == SV_EUNSUPPORTED) {
        /* an empty list tells the library to keep using hunspell */
        fprintf(stderr, "sverka-mkwords: %s: %s; %s stays with hunspell\n",
                o.aff, err.message, o.dic);
        write_list(&o, &c, NULL);
        return 0;
    }
    if (rc < 0)
        die(err.message, NULL);
    h = Hunspell_create(o.aff, o.dic);
    if (!h)
        die("hunspell could not load", o.dic);
    utf8 = strcmp(Hunspell_get_dic_encoding(h), "UTF-8") == 0;
    for (i = 0; i < o.n_extra; i++)
        add_extra(h, a, o.extra[i], utf8);
    expand_all(&o, a, &c);
    proposed = c.n;
    sort_unique(&c);
    kept = c.n = verify(&c, a, h);
    write_list(&o, &c, a);
    printf("sverka-mkwords: %s: %zu forms (%zu candidates proposed) in "
           "%.1f s\n",
           o.out, kept, proposed, (double)(clock() - t0) / CLOCKS_PER_SEC);
    Hunspell_destroy(h);
    sv__affixes_free(a);
    sv__free(c.off);
    sv_buf_dispose(&c.arena);
    return 0;
}
