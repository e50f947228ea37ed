/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the language adapters: arbitrary bytes as a word for
 * sv_spell_check, the any-case check, hunspell stems and
 * sv_lexicon_translate (both directions), with the oracle that a repeated
 * lookup, answered from the context's caches, gives the same answer.
 * Resources come from the build tree (SV_BUILD_DATADIR) and the system
 * dictionaries; without them only the argument checks run.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "lang/spell.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    /* a small word cache, to exercise the cache resets too */
    return fuzz_load_resources(argc, argv, 512);
}

typedef struct digest {
    uint64_t h;
    unsigned int n;
} digest;

static int digest_cb(const char *t, size_t n, unsigned int rank, void *p)
{
    digest *d = p;
    size_t i;

    for (i = 0; i < n; i++)
        d->h = (d->h ^ (unsigned char)t[i]) * UINT64_C(0x100000001b3);
    d->h ^= rank;
    d->n++;
    return 0;
}

static int stem_cb(const char *s, size_t n, void *p)
{
    (void)p;
    /* stems are UTF-8 text without NUL bytes */
    if (n == 0 || memchr(s, '\0', n) != NULL)
        abort();
    return 0;
}

static void translate_twice(sv_lang from, const char *w, size_t n)
{
    digest a = {UINT64_C(0xcbf29ce484222325), 0}, b = a;
    int ra = sv_lexicon_translate(fuzz_ctx, from, w, n, digest_cb, &a);
    int rb = sv_lexicon_translate(fuzz_ctx, from, w, n, digest_cb, &b);

    if (ra != rb || a.h != b.h || a.n != b.n)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sv_lang lang;
    const char *w;
    size_t n;
    int r1, r2;

    if (!fuzz_ctx || size < 1)
        return 0;
    lang = (data[0] & 1) ? SV_LANG_RU : SV_LANG_EN;
    w = (const char *)data + 1;
    n = size - 1;
    r1 = sv_spell_check(fuzz_ctx, lang, w, n);
    r2 = sv_spell_check(fuzz_ctx, lang, w, n);
    if (r1 != r2)
        abort();
    sv__spell_known(fuzz_ctx, lang, w, n, SV__SPELL_ANY_CASE);
    sv__spell_stems(fuzz_ctx, lang, w, n, stem_cb, NULL);
    translate_twice(lang, w, n);
    return 0;
}
