/* SPDX-License-Identifier: MIT */
/*
 * Fuzz the compiled word lists and what makes them.  The first byte picks:
 *   0  the rest is a .wordlist file: it loads or is refused with
 *      SV_EFORMAT and a message; a loaded one answers lookups, its ICONV
 *      table and hunspell's rules for words cut from the same bytes;
 *   1  the rest is words, one per line: written with sv__wordset_write and
 *      read back, every word must be found and a word not among them not;
 *   2  the rest is an affix file and a dictionary separated by a NUL byte:
 *      loading and expanding either works or fails with a message.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/utf8.h"
#include "lang/affix.h"
#include "lang/spellrules.h"
#include "lang/wordset.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];

static void remove_dir(void)
{
    char path[128];

    snprintf(path, sizeof(path), "%s/x.wordlist", dir);
    unlink(path);
    snprintf(path, sizeof(path), "%s/x.aff", dir);
    unlink(path);
    snprintf(path, sizeof(path), "%s/x.dic", dir);
    unlink(path);
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    snprintf(dir, sizeof(dir), "/tmp/sverka-fuzz-wordlist-XXXXXX");
    if (!mkdtemp(dir))
        abort();
    atexit(remove_dir);
    return 0;
}

static void put_file(const char *path, const char *s, size_t n)
{
    FILE *fp = fopen(path, "wb");

    if (!fp || fwrite(s, 1, n, fp) != n || fclose(fp))
        abort();
}

/* Probe words: the input cut at bytes below 0x21. */
static void probe(const sv__wordset *ws, const char *s, size_t n)
{
    sv__iconv_pair p;
    size_t i = 0, k;

    for (k = 0; sv__wordset_iconv(ws, k, &p); k++)
        if (!p.from || p.from_len == 0)
            abort();
    while (i < n) {
        size_t start = i;
        int verdict;

        while (i < n && (unsigned char)s[i] > 0x20)
            i++;
        (void)sv__wordset_contains(ws, s + start, i - start);
        verdict = sv__spellrules_check(ws, s + start, i - start);
        if (verdict < -1 || verdict > 1)
            abort();
        i++;
    }
}

static void load_file(const char *s, size_t n)
{
    sv__wordset *ws = NULL;
    sv_error err = SV_ERROR_INIT;
    int rc = sv__wordset_from_memory(&ws, s, n, &err);

    if (rc != SV_OK) {
        if (rc != SV_EFORMAT || !err.message[0] || ws)
            abort();
        return;
    }
    probe(ws, s, n < 4096 ? n : 4096);
    sv__wordset_free(ws);
}

static int by_bytes(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lines that make valid words: non-empty, no NUL, not too long. */
static size_t cut_words(char *s, size_t n, char **w, size_t max)
{
    size_t i = 0, k = 0, j;

    while (i < n && k < max) {
        size_t start = i;

        while (i < n && s[i] != '\n' && s[i] != '\0')
            i++;
        if (i > start && i - start <= SV__WORDSET_MAX_WORD && i < n) {
            s[i] = '\0';
            w[k++] = s + start;
        }
        i++;
    }
    qsort(w, k, sizeof(char *), by_bytes);
    for (i = 0, j = 0; i < k; i++)
        if (j == 0 || strcmp(w[j - 1], w[i]))
            w[j++] = w[i];
    return j;
}

static void round_trip(const char *s, size_t n)
{
    static const char long_word[SV__WORDSET_MAX_WORD + 1] = {'a'};
    char path[128], *copy = malloc(n + 1), *w[512];
    sv__wordset *ws = NULL;
    sv_error err = SV_ERROR_INIT;
    size_t k, i;

    if (!copy)
        abort();
    memcpy(copy, s, n);
    copy[n] = '\0';
    k = cut_words(copy, n, w, 512);
    snprintf(path, sizeof(path), "%s/x.wordlist", dir);
    if (sv__wordset_write(path, (const char *const *)w, k, NULL, 0, NULL, 0,
                          &err) != SV_OK ||
        sv__wordset_open(&ws, path, NULL, 0, &err) != SV_OK)
        abort();
    if (sv__wordset_count(ws) != k)
        abort();
    for (i = 0; i < k; i++)
        if (!sv__wordset_contains(ws, w[i], strlen(w[i])))
            abort();
    /* no stored word is longer than the format allows */
    if (sv__wordset_contains(ws, long_word, sizeof(long_word)))
        abort();
    probe(ws, s, n < 4096 ? n : 4096);
    sv__wordset_free(ws);
    free(copy);
}

static int count_forms(const char *form, size_t len, void *payload)
{
    size_t *n = payload;

    (void)form;
    if (len == 0)
        abort();
    return ++*n > 100000 ? SV_ETOOBIG : SV_OK;
}

static void expand(const char *s, size_t n)
{
    const char *nul = memchr(s, '\0', n);
    char aff[128], dic[128];
    sv__affixes *a = NULL;
    sv_error err = SV_ERROR_INIT;
    size_t forms = 0, cut = nul ? (size_t)(nul - s) : n;
    int rc;

    snprintf(aff, sizeof(aff), "%s/x.aff", dir);
    snprintf(dic, sizeof(dic), "%s/x.dic", dir);
    put_file(aff, s, cut);
    put_file(dic, nul ? nul + 1 : "", nul ? n - cut - 1 : 0);
    rc = sv__affixes_load(&a, aff, &err);
    if (rc != SV_OK) {
        if (!err.message[0] || a)
            abort();
        return;
    }
    rc = sv__affixes_expand(a, dic, 0, count_forms, &forms, &err);
    if (rc != SV_OK && rc != SV_ETOOBIG && !err.message[0])
        abort();
    sv__affixes_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data + 1;

    if (size < 1)
        return 0;
    switch (data[0] % 3) {
    case 0: load_file(s, size - 1); break;
    case 1: round_trip(s, size - 1); break;
    default: expand(s, size - 1); break;
    }
    return 0;
}
