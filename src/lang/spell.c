/* SPDX-License-Identifier: MIT */
/*
 * The hunspell adapter: spelling answered from the dictionary's compiled
 * word list when the build made one (shared by all threads, no start-up
 * cost), else by one hunspell handle per language, shared by all
 * contexts under a lock and made on first use from the resources' paths
 * with the project's word lists added; stems always come from hunspell.  A per-language word cache sits in front
 * (news vocabulary is Zipfian, so most lookups stop there).  Text is
 * converted to and from the dictionary's encoding when it is not UTF-8
 * (STYLE U5).
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp, fdopen */

#include "lang/spell.h"

#include <hunspell.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unicode/ucnv.h>

#include "base/alloc.h"
#include "base/buf_internal.h"
#include "base/error_internal.h"
#include "base/utf8.h"
#include "lang/datafile.h"
#include "lang/resources_internal.h"
#include "lang/spellrules.h"
#include "lang/wordcase.h"

/* Cache values pack what is known about a word:
 *   bit 0  spelling looked up     bit 1  spelled correctly
 *   bit 2  stems looked up        bits 8-15  number of stems
 *   bits 16-63  offset of the stems ("s1\0s2\0") in the state's arena */
#define C_SPELL_DONE 1u
#define C_SPELL_OK 2u
#define C_STEMS_DONE 4u
#define MAX_STEMS 32
#define STEM_COPY_MAX 2048

/* Hunspell_create and Hunspell_add_dic read process-wide tables inside
 * hunspell that older releases initialise lazily; serialising the rare
 * handle creations keeps the two languages' handles safe.  Each handle is
 * used under its own lock (sv__spell_handle). */
static pthread_mutex_t create_lock = PTHREAD_MUTEX_INITIALIZER;

int sv__spell_available(const sv_context *ctx, sv_lang lang)
{
    static const unsigned int bits[] = {SV_LOAD_SPELL_EN, SV_LOAD_SPELL_RU};
    int li = sv__lang_index(lang);

    return ctx && li >= 0 && (ctx->res->loaded & bits[li]) != 0;
}

/* ICU knows "windows-1251" but not hunspell's "microsoft-cp1251". */
static const char *icu_charset(const char *enc)
{
    return strncmp(enc, "microsoft-", 10) == 0 ? enc + 10 : enc;
}

static int convert(sv_context *ctx, sv_buf *out, const char *to,
                   const char *from, const char *s, size_t len)
{
    UErrorCode status = U_ZERO_ERROR;
    int32_t n;
    int rc;

    sv_buf_clear(out);
    if (len > (size_t)INT32_MAX / 4)
        return SV_ETOOBIG;
    if ((rc = sv__buf_grow(out, len * 4 + 4)) < 0)
        return sv__context_fail(ctx, rc, "out of memory");
    n = ucnv_convert(to, from, out->ptr, (int32_t)(len * 4 + 4), s,
                     (int32_t)len, &status);
    if (U_FAILURE(status))
        return sv__context_fail(ctx, SV_EILSEQ, "ICU ucnv_convert %s->%s: %s",
                                from, to, u_errorName(status));
    out->size = (size_t)n;
    out->ptr[n] = '\0';
    return SV_OK;
}

/* ctx->word = w, NUL-terminated, in the dictionary's encoding. */
static int to_dict(sv_context *ctx, int li, const char *w, size_t len)
{
    int rc;

    if (ctx->res->spell[li].hunspell.utf8) {
        sv_buf_clear(&ctx->word);
        if (sv_buf_put(&ctx->word, w, len) < 0)
            return sv__context_fail(ctx, SV_ENOMEM, "out of memory");
        return 0;
    }
    rc = convert(ctx, &ctx->word, icu_charset(ctx->res->spell[li].encoding),
                 "UTF-8", w, len);
    /* a word the dictionary's charset cannot spell is simply unknown */
    return rc == SV_EILSEQ ? 1 : rc;
}

/* hunspell reads an added word list in its dictionary's encoding; ours
 * are UTF-8.  For a dictionary in another encoding (LibreOffice's ru_RU
 * is KOI8-R) write a converted copy to a temporary file, add it, and
 * remove it: hunspell has read it by the time Hunspell_add_dic returns. */
static int add_converted(sv_context *ctx, Hunhandle *h, const char *path,
                         const char *encoding)
{
    const char *tmpdir = getenv("TMPDIR");
    sv_buf tmp = SV_BUF_INIT;
    sv_error err = SV_ERROR_INIT;
    char *text = NULL;
    size_t size = 0;
    FILE *f;
    int fd = -1, rc, written = 0;

    if ((rc = sv__datafile_read(path, 64u << 20, &text, &size, &err)) < 0) {
        sv__context_fail(ctx, rc, "%s", err.message);
        goto done;
    }
    if ((rc = convert(ctx, &ctx->conv, icu_charset(encoding), "UTF-8", text,
                      size)) < 0)
        goto done;
    if ((rc = sv__buf_printf(&tmp, "%s/sverka-words-XXXXXX",
                             tmpdir && *tmpdir ? tmpdir : "/tmp")) < 0) {
        rc = sv__context_fail(ctx, rc, "out of memory");
        goto done;
    }
    fd = mkstemp(tmp.ptr);
    f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (f) {
        written = fwrite(ctx->conv.ptr, 1, ctx->conv.size, f) ==
                  ctx->conv.size;
        written = fclose(f) == 0 && written;
    } else if (fd >= 0) {
        close(fd);
    }
    if (!written) {
        rc = sv__context_fail(ctx, SV_EIO, "cannot write a temporary copy of "
                              "%s in %s", path, tmp.ptr);
        goto done;
    }
    pthread_mutex_lock(&create_lock);
    rc = Hunspell_add_dic(h, tmp.ptr) != 0 ? SV_ERROR : SV_OK;
    pthread_mutex_unlock(&create_lock);
    if (rc < 0)
        sv__context_fail(ctx, rc, "hunspell could not load %s", path);
done:
    if (fd >= 0)
        unlink(tmp.ptr);
    sv_buf_dispose(&tmp);
    sv__free(text);
    return rc;
}

static void destroy_handle(Hunhandle *h)
{
    pthread_mutex_lock(&create_lock);
    Hunspell_destroy(h);
    pthread_mutex_unlock(&create_lock);
}

/* Make the language's shared handle; called with its lock held. */
static Hunhandle *create_handle(sv_context *ctx, int li)
{
    sv__spell_paths *p = (sv__spell_paths *)&ctx->res->spell[li];
    Hunhandle *h;
    int k, rc = SV_OK, utf8 = 0;

    pthread_mutex_lock(&create_lock);
    h = Hunspell_create(p->aff, p->dic);
    if (h) {
        utf8 = strcmp(Hunspell_get_dic_encoding(h), "UTF-8") == 0;
        for (k = 0; utf8 && k < SV__MAX_EXTRA && p->extra[k]; k++)
            if (rc == SV_OK && Hunspell_add_dic(h, p->extra[k]) != 0)
                rc = sv__context_fail(ctx, SV_ERROR,
                                      "hunspell could not load %s",
                                      p->extra[k]);
    }
    pthread_mutex_unlock(&create_lock);
    if (!h) {
        sv__context_fail(ctx, SV_ERROR, "hunspell could not load %s", p->dic);
        return NULL;
    }
    p->hunspell.utf8 = utf8;
    for (k = 0; !utf8 && k < SV__MAX_EXTRA && p->extra[k]; k++)
        if (rc == SV_OK)
            rc = add_converted(ctx, h, p->extra[k], p->encoding);
    if (rc < 0) {
        destroy_handle(h);
        return NULL;
    }
    return h;
}

static int ensure_cache(sv_context *ctx, sv__spell_state *st)
{
    if (!st->cache && !(st->cache = sv__hashmap_new(4096)))
        return sv__context_fail(ctx, SV_ENOMEM, "out of memory");
    return SV_OK;
}

/* Lock the language's shared handle, making it on first use; on success
 * the caller owns the lock until unlock_handle. */
static int lock_handle(sv_context *ctx, int li, Hunhandle **out)
{
    sv__spell_handle *hs =
        (sv__spell_handle *)&ctx->res->spell[li].hunspell;
    int rc;

    if ((rc = ensure_cache(ctx, &ctx->spell[li])) < 0)
        return rc;
    pthread_mutex_lock(&hs->lock);
    if (!hs->h && !hs->failed) {
        hs->h = create_handle(ctx, li);
        hs->failed = hs->h == NULL;
    }
    if (hs->failed) {
        pthread_mutex_unlock(&hs->lock);
        return sv__context_fail(ctx, SV_ERROR, "hunspell could not load %s",
                                ctx->res->spell[li].dic);
    }
    *out = hs->h;
    return SV_OK;
}

static void unlock_handle(const sv_context *ctx, int li)
{
    pthread_mutex_unlock(
        (pthread_mutex_t *)&ctx->res->spell[li].hunspell.lock);
}

void sv__spell_handles_init(sv_resources *res)
{
    int li;

    for (li = 0; li < SV__N_SPELL_LANGS; li++)
        pthread_mutex_init(&res->spell[li].hunspell.lock, NULL);
}

void sv__spell_handles_dispose(sv_resources *res)
{
    int li;

    for (li = 0; li < SV__N_SPELL_LANGS; li++) {
        if (res->spell[li].hunspell.h)
            destroy_handle(res->spell[li].hunspell.h);
        pthread_mutex_destroy(&res->spell[li].hunspell.lock);
    }
}

/* Common checks; 1 when the word must be looked up, 0 when it is unknown
 * without asking, negative on error. */
static int check_word(sv_context *ctx, sv_lang lang, const char *w,
                      size_t len, int *li)
{
    if (!ctx || (!w && len))
        return SV_EINVAL;
    *li = sv__lang_index(lang);
    if (*li < 0)
        return sv__context_fail(ctx, SV_EINVAL, "no dictionary for language %d",
                                (int)lang);
    if (!sv__spell_available(ctx, lang))
        return sv__context_fail(ctx, SV_EUNSUPPORTED,
                                "the %s hunspell dictionary is not loaded",
                                *li == 0 ? "en_US" : "ru_RU");
    if (len == 0 || len > SV__SPELL_MAX_WORD ||
        memchr(w, '\0', len) != NULL || sv__utf8_valid_prefix(w, len) != len)
        return 0;
    return 1;
}

/* Make room for one more cache entry: past the cap, start afresh (cheaper
 * and simpler than LRU; the hot words come back within a few sentences). */
static void cache_reserve(const sv_context *ctx, sv__spell_state *st)
{
    if (sv__hashmap_count(st->cache) >= ctx->res->spell_cache_max) {
        sv__hashmap_clear(st->cache);
        sv_buf_clear(&st->stems);
    }
}

static int known_exact(sv_context *ctx, int li, const char *w, size_t len)
{
    sv__spell_state *st = &ctx->spell[li];
    Hunhandle *h = NULL;
    uint64_t v = 0;
    int rc, ok;

    if (st->cache && sv__hashmap_get(st->cache, w, len, &v) &&
        (v & C_SPELL_DONE))
        return (v & C_SPELL_OK) ? 1 : 0;
    if ((rc = ensure_cache(ctx, st)) < 0)
        return rc;
    ok = sv__spellrules_check(ctx->res->spell[li].words, w, len);
    if (ok < 0) { /* not a word the compiled list can judge */
        if ((rc = lock_handle(ctx, li, &h)) < 0)
            return rc;
        rc = to_dict(ctx, li, w, len);
        ok = rc == 0 && Hunspell_spell(h, ctx->word.ptr) != 0;
        unlock_handle(ctx, li);
        if (rc < 0)
            return rc;
    }
    cache_reserve(ctx, st);
    sv__hashmap_get(st->cache, w, len, &v); /* may have been cleared */
    v |= C_SPELL_DONE | (ok ? C_SPELL_OK : 0);
    if (sv__hashmap_put(st->cache, w, len, v) < 0)
        return sv__context_fail(ctx, SV_ENOMEM, "out of memory");
    return ok;
}

int sv__spell_known(sv_context *ctx, sv_lang lang, const char *w,
                    size_t len, unsigned int flags)
{
    sv_buf alt = SV_BUF_INIT;
    sv__word_case wc;
    int li, rc;

    if ((rc = check_word(ctx, lang, w, len, &li)) <= 0)
        return rc;
    rc = known_exact(ctx, li, w, len);
    if (rc != 0 || !(flags & SV__SPELL_ANY_CASE))
        return rc;
    wc = sv__word_case_of(w, len);
    if (wc == SV__CASE_NONE || wc == SV__CASE_TITLE)
        return 0; /* hunspell already tried the other cases of these */
    if ((rc = sv__word_fold(&alt, w, len, SV__FOLD_TITLE)) == 0)
        rc = known_exact(ctx, li, alt.ptr, alt.size);
    if (rc == 0 && wc != SV__CASE_LOWER) {
        sv_buf_clear(&alt);
        if ((rc = sv__word_fold(&alt, w, len, SV__FOLD_LOWER)) == 0)
            rc = known_exact(ctx, li, alt.ptr, alt.size);
    }
    sv_buf_dispose(&alt);
    return rc == SV_ENOMEM ? sv__context_fail(ctx, rc, "out of memory") : rc;
}

int sv_spell_check(sv_context *ctx, sv_lang lang, const char *word,
                   size_t word_len)
{
    SV_ASSERT_ARG(ctx != NULL);
    return sv__spell_known(ctx, lang, word, word_len, 0);
}

/* Ask hunspell for the stems of ctx->word and file them in the cache. */
static int compute_stems(sv_context *ctx, int li, Hunhandle *h,
                         const char *w, size_t len, uint64_t *value)
{
    sv__spell_state *st = &ctx->spell[li];
    char **list = NULL;
    int n, i, rc = SV_OK, kept = 0;
    size_t off;
    uint64_t v = 0;

    n = Hunspell_stem(h, &list, ctx->word.ptr);
    cache_reserve(ctx, st);
    off = st->stems.size;
    for (i = 0; i < n && kept < MAX_STEMS && rc >= 0; i++) {
        const char *s = list[i];
        size_t sl = strlen(s);

        if (!ctx->res->spell[li].hunspell.utf8) {
            if (convert(ctx, &ctx->conv, "UTF-8",
                        icu_charset(ctx->res->spell[li].encoding), s, sl) < 0)
                continue;
            s = ctx->conv.ptr;
            sl = ctx->conv.size;
        }
        if ((rc = sv_buf_put(&st->stems, s, sl)) == 0)
            rc = sv__buf_putc(&st->stems, '\0');
        kept++;
    }
    Hunspell_free_list(h, &list, n);
    if (rc < 0 || off > (SIZE_MAX >> 16))
        return sv__context_fail(ctx, SV_ENOMEM, "out of memory");
    sv__hashmap_get(st->cache, w, len, &v);
    v = (v & (C_SPELL_DONE | C_SPELL_OK)) | C_STEMS_DONE |
        ((uint64_t)kept << 8) | ((uint64_t)off << 16);
    if (sv__hashmap_put(st->cache, w, len, v) < 0)
        return sv__context_fail(ctx, SV_ENOMEM, "out of memory");
    *value = v;
    return SV_OK;
}

int sv__spell_stems(sv_context *ctx, sv_lang lang, const char *w, size_t len,
                    sv__stem_cb cb, void *payload)
{
    char copy[STEM_COPY_MAX];
    size_t copy_len, p;
    Hunhandle *h = NULL;
    uint64_t v = 0;
    int li, rc, n, i;

    if ((rc = check_word(ctx, lang, w, len, &li)) <= 0)
        return rc;
    if (!cb)
        return SV_EINVAL;
    if (!ctx->spell[li].cache ||
        !sv__hashmap_get(ctx->spell[li].cache, w, len, &v) ||
        !(v & C_STEMS_DONE)) {
        if ((rc = lock_handle(ctx, li, &h)) < 0)
            return rc;
        if ((rc = to_dict(ctx, li, w, len)) == 0)
            rc = compute_stems(ctx, li, h, w, len, &v);
        unlock_handle(ctx, li);
        if (rc < 0)
            return rc;
        if (rc > 0)
            return 0; /* not expressible in the dictionary's charset */
    }
    /* Copy out first: a callback may use the context and refill the
     * cache, which would move the arena under us. */
    n = (int)((v >> 8) & 0xff);
    copy_len = 0;
    for (i = 0, p = (size_t)(v >> 16); i < n; i++) {
        size_t sl = strlen(ctx->spell[li].stems.ptr + p) + 1;

        if (copy_len + sl > sizeof(copy)) {
            n = i;
            break;
        }
        memcpy(copy + copy_len, ctx->spell[li].stems.ptr + p, sl);
        copy_len += sl;
        p += sl;
    }
    for (i = 0, p = 0; i < n; i++) {
        size_t sl = strlen(copy + p);

        if ((rc = cb(copy + p, sl, payload)) != 0)
            return rc;
        p += sl + 1;
    }
    return n;
}

size_t sv__spell_cache_size(const sv_context *ctx, sv_lang lang)
{
    int li = sv__lang_index(lang);

    if (!ctx || li < 0 || !ctx->spell[li].cache)
        return 0;
    return sv__hashmap_count(ctx->spell[li].cache);
}

void sv__spell_context_dispose(sv_context *ctx)
{
    int li;

    for (li = 0; li < SV__N_SPELL_LANGS; li++) {
        sv__spell_state *st = &ctx->spell[li];

        sv__hashmap_free(st->cache);
        sv_buf_dispose(&st->stems);
        memset(st, 0, sizeof(*st));
    }
}
