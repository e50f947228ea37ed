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

#include "lang/spell.h"
#include "sverka/resources.h"

static sv_resources *res;
static sv_context *ctx;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    sv_resources_options o = SV_RESOURCES_OPTIONS_INIT;
    sv_error err = SV_ERROR_INIT;

    (void)argc;
    (void)argv;
    o.dicts_dir = SV_BUILD_DATADIR;
    o.load = 0;
    o.optional = SV_LOAD_ALL;
    o.spell_cache_max = 512; /* exercise the cache resets too */
    if (sv_resources_new(&res, &o, &err) == SV_OK)
        sv_context_new(&ctx, res, &err);
    return 0;
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
    int ra = sv_lexicon_translate(ctx, from, w, n, digest_cb, &a);
    int rb = sv_lexicon_translate(ctx, from, w, n, digest_cb, &b);

    if (ra != rb || a.h != b.h || a.n != b.n)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sv_lang lang;
    const char *w;
    size_t n;
    int r1, r2;

    if (!ctx || size < 1)
        return 0;
    lang = (data[0] & 1) ? SV_LANG_RU : SV_LANG_EN;
    w = (const char *)data + 1;
    n = size - 1;
    r1 = sv_spell_check(ctx, lang, w, n);
    r2 = sv_spell_check(ctx, lang, w, n);
    if (r1 != r2)
        abort();
    sv__spell_known(ctx, lang, w, n, SV__SPELL_ANY_CASE);
    sv__spell_stems(ctx, lang, w, n, stem_cb, NULL);
    translate_twice(lang, w, n);
    return 0;
}
