/* SPDX-License-Identifier: MIT */
/*
 * sv_resources: finds the data directory, the system hunspell dictionaries
 * and the lexicon, loads what is required or present, and says clearly
 * what is missing and how to install it.  sv_context: the per-thread part
 * (hunspell handles are created lazily in spell.c).
 */
#include "sverka/resources.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/alloc.h"
#include "base/buf_internal.h"
#include "base/error_internal.h"
#include "lang/lexicon.h"
#include "lang/resources_internal.h"
#include "lang/spell.h"

#ifndef SV_INSTALL_DATADIR
#define SV_INSTALL_DATADIR "/usr/local/share/sverka"
#endif

/* The data directory is recognised by its README.md, which lists every
 * file in it (dicts/README.md). */
#define DATA_MARKER "README.md"

/* Where systems keep hunspell dictionaries, most likely first. */
#ifdef __APPLE__
static const char *const system_hunspell_dirs[] = {
    "/opt/homebrew/share/hunspell", "/usr/local/share/hunspell",
    "/Library/Spelling", "~/Library/Spelling", "/usr/local/share/myspell",
    NULL};
#else
static const char *const system_hunspell_dirs[] = {
    "/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell",
    "/usr/local/share/hunspell", "/usr/local/share/myspell", NULL};
#endif

typedef struct lang_info {
    unsigned int bit;
    const char *dict;    /* hunspell dictionary name */
    const char *extra[SV__MAX_EXTRA]; /* the project's word lists in the
                                         data dir, NULL-terminated */
    const char *package; /* Debian package */
} lang_info;

static const lang_info langs[SV__N_SPELL_LANGS] = {
    {SV_LOAD_SPELL_EN, "en_US", {"en_extra.dic", "en_british.dic", NULL},
     "hunspell-en-us"},
    {SV_LOAD_SPELL_RU, "ru_RU", {"ru_extra.dic", NULL, NULL}, "hunspell-ru"}};

int sv__lang_index(sv_lang lang)
{
    if (lang == SV_LANG_EN)
        return 0;
    if (lang == SV_LANG_RU)
        return 1;
    return -1;
}

int sv_resources_options_init(sv_resources_options *opts,
                              unsigned int version)
{
    static const sv_resources_options init = SV_RESOURCES_OPTIONS_INIT;

    SV_ASSERT_ARG(opts != NULL);
    if (version != SV_RESOURCES_OPTIONS_VERSION)
        return SV_EINVAL;
    *opts = init;
    return SV_OK;
}

static int is_file(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* "~/x" -> "$HOME/x" into out. */
static int expand_dir(sv_buf *out, const char *dir, size_t len)
{
    const char *home = getenv("HOME");

    sv_buf_clear(out);
    if (len >= 2 && dir[0] == '~' && dir[1] == '/' && home) {
        if (sv__buf_puts(out, home) < 0)
            return SV_ENOMEM;
        dir++;
        len--;
    }
    return sv_buf_put(out, dir, len);
}

static int join(sv_buf *out, const char *dir, const char *name,
                const char *ext)
{
    sv_buf_clear(out);
    return sv__buf_printf(out, "%s/%s%s", dir, name, ext);
}

/* ---- data directory ---- */

static int find_dicts_dir(sv_resources *res, const sv_resources_options *o,
                          int required, sv_error *err)
{
    const char *env = getenv("SVERKA_DICTS");
    const char *dir, *from;
    sv_buf marker = SV_BUF_INIT;
    int rc = SV_OK;

    /* The first place that is set wins: an explicit choice that is wrong
     * is reported, never silently replaced by another directory. */
    if (o->dicts_dir && o->dicts_dir[0]) {
        dir = o->dicts_dir;
        from = "--dicts";
    } else if (env && env[0]) {
        dir = env;
        from = "SVERKA_DICTS";
    } else {
        dir = SV_INSTALL_DATADIR;
        from = "the installed default";
    }
    if ((rc = join(&marker, dir, DATA_MARKER, "")) < 0) {
        rc = sv__error_oom(err);
        goto done;
    }
    if (is_file(marker.ptr)) {
        res->dicts_dir = sv__strndup(dir, strlen(dir));
        if (!res->dicts_dir)
            rc = sv__error_oom(err);
        goto done;
    }
    snprintf(res->dicts_note, sizeof(res->dicts_note),
             "sverka data directory not found: %s (%s) has no %s", dir, from,
             DATA_MARKER);
    if (required)
        rc = sv__error_set(err, SV_ENOTFOUND,
                           "%s; pass --dicts DIR or set SVERKA_DICTS to the "
                           "build tree's share/sverka or an installed "
                           "share/sverka",
                           res->dicts_note);
done:
    sv_buf_dispose(&marker);
    return rc;
}

/* ---- hunspell dictionaries ---- */

/* Read the SET line of an .aff file: hunspell's default is ISO8859-1. */
static char *aff_encoding(const char *aff)
{
    FILE *f = fopen(aff, "rb");
    char line[256];
    const char *enc = "ISO8859-1";
    int n = 0;

    while (f && n++ < 500 && fgets(line, sizeof(line), f)) {
        size_t k;

        if (strncmp(line, "SET", 3) != 0 || (line[3] != ' ' && line[3] != '\t'))
            continue;
        enc = line + 4;
        while (*enc == ' ' || *enc == '\t')
            enc++;
        k = strcspn(enc, " \t\r\n");
        line[enc - line + (ptrdiff_t)k] = '\0';
        break;
    }
    if (f)
        fclose(f);
    return sv__strndup(enc, strlen(enc));
}

/* Append the directories to search to a ", "-separated list, calling
 * try_dir on each until it returns non-zero. */
typedef struct dir_search {
    sv_buf tried; /* "a, b, c" for the message */
    sv_buf dir;
    sv_buf aff, dic;
} dir_search;

static int try_dir(dir_search *s, const char *dir, size_t len,
                   const char *name)
{
    if (expand_dir(&s->dir, dir, len) < 0 ||
        (s->tried.size && sv__buf_puts(&s->tried, ", ") < 0) ||
        sv_buf_put(&s->tried, dir, len) < 0 ||
        join(&s->aff, s->dir.ptr, name, ".aff") < 0 ||
        join(&s->dic, s->dir.ptr, name, ".dic") < 0)
        return SV_ENOMEM;
    return is_file(s->aff.ptr) && is_file(s->dic.ptr);
}

static int search_dirs(dir_search *s, const sv_resources_options *o,
                       const char *name, const char **from)
{
    const char *env = getenv("SVERKA_HUNSPELL");
    const char *list;
    size_t i;
    int rc;

    if (o->hunspell_dir && o->hunspell_dir[0]) {
        *from = "the hunspell_dir option";
        return try_dir(s, o->hunspell_dir, strlen(o->hunspell_dir), name);
    }
    if (env && env[0]) {
        /* a ':'-separated list, like PATH */
        *from = "SVERKA_HUNSPELL";
        for (list = env; *list;) {
            size_t n = strcspn(list, ":");

            if (n > 0 && (rc = try_dir(s, list, n, name)) != 0)
                return rc;
            list += n + (list[n] == ':');
        }
        return 0;
    }
    *from = NULL;
    for (i = 0; system_hunspell_dirs[i]; i++) {
        const char *d = system_hunspell_dirs[i];

        if ((rc = try_dir(s, d, strlen(d), name)) != 0)
            return rc;
    }
    return 0;
}

static int missing_dictionary(sv_error *err, const lang_info *li,
                              const dir_search *s, const char *from)
{
#ifdef __APPLE__
    static const char how[] =
        "get %s.aff/.dic (LibreOffice dictionaries) into ~/Library/Spelling"
        " or set SVERKA_HUNSPELL=DIR";
#else
    static const char how[] =
        "apt-get install %s, or set SVERKA_HUNSPELL=DIR";
#endif
    char hint[128];

#ifdef __APPLE__
    snprintf(hint, sizeof(hint), how, li->dict);
#else
    snprintf(hint, sizeof(hint), how, li->package);
#endif
    return sv__error_set(err, SV_ENOTFOUND,
                         "hunspell dictionary %s.aff/.dic not found in %s%s%s%s;"
                         " %s",
                         li->dict, s->tried.ptr, from ? " (" : "",
                         from ? from : "", from ? ")" : "", hint);
}

/* The compiled word list of a dictionary (tools/mkwords.c), taken when it
 * was built from exactly the files found; otherwise hunspell is loaded on
 * first use, as without one, and words_note says why. */
static int open_words(sv_resources *res, int idx)
{
    sv__spell_paths *p = &res->spell[idx];
    sv__fingerprint fp[SV__MAX_EXTRA + 2];
    sv_error err = SV_ERROR_INIT;
    sv_buf path = SV_BUF_INIT;
    size_t n = 0, k;
    int rc;

    if (!res->dicts_dir)
        return SV_OK;
    if ((rc = sv__fingerprint_file(p->aff, &fp[n++], &err)) == SV_OK)
        rc = sv__fingerprint_file(p->dic, &fp[n++], &err);
    for (k = 0; rc == SV_OK && k < SV__MAX_EXTRA && p->extra[k]; k++)
        rc = sv__fingerprint_file(p->extra[k], &fp[n++], &err);
    if (rc == SV_OK && (rc = join(&path, res->dicts_dir, langs[idx].dict,
                                  ".wordlist")) < 0)
        return SV_ENOMEM;
    if (rc == SV_OK)
        rc = sv__wordset_open(&p->words, path.ptr, fp, n, &err);
    sv_buf_dispose(&path);
    if (rc == SV_ENOMEM)
        return rc;
    if (rc == SV_OK && sv__wordset_count(p->words) == 0) {
        sv__wordset_free(p->words);
        p->words = NULL;
        snprintf(err.message, sizeof(err.message), "sverka-mkwords could not"
                 " compile its affix file");
    }
    if (!p->words)
        snprintf(p->words_note, sizeof(p->words_note), "%s", err.message);
    return SV_OK;
}

static int find_spell(sv_resources *res, int idx,
                      const sv_resources_options *o, int required,
                      sv_error *err)
{
    const lang_info *li = &langs[idx];
    sv__spell_paths *p = &res->spell[idx];
    dir_search s = {SV_BUF_INIT, SV_BUF_INIT, SV_BUF_INIT, SV_BUF_INIT};
    sv_buf extra = SV_BUF_INIT;
    const char *from = NULL;
    size_t k, n;
    int rc = search_dirs(&s, o, li->dict, &from);

    if (rc < 0) {
        rc = sv__error_oom(err);
        goto done;
    }
    if (rc == 0) {
        rc = required ? missing_dictionary(err, li, &s, from) : SV_OK;
        goto done;
    }
    rc = SV_OK;
    p->aff = sv__strndup(s.aff.ptr, s.aff.size);
    p->dic = sv__strndup(s.dic.ptr, s.dic.size);
    p->encoding = p->aff ? aff_encoding(p->aff) : NULL;
    if (!p->aff || !p->dic || !p->encoding) {
        rc = sv__error_oom(err);
        goto done;
    }
    for (k = 0, n = 0; res->dicts_dir && k < SV__MAX_EXTRA && li->extra[k];
         k++) {
        if (join(&extra, res->dicts_dir, li->extra[k], "") < 0) {
            rc = sv__error_oom(err);
            goto done;
        }
        if (!is_file(extra.ptr))
            continue;
        p->extra[n] = sv__strndup(extra.ptr, extra.size);
        if (!p->extra[n++]) {
            rc = sv__error_oom(err);
            goto done;
        }
    }
    if ((rc = open_words(res, idx)) < 0) {
        rc = sv__error_oom(err);
        goto done;
    }
    res->loaded |= li->bit;
done:
    sv_buf_dispose(&s.tried);
    sv_buf_dispose(&s.dir);
    sv_buf_dispose(&s.aff);
    sv_buf_dispose(&s.dic);
    sv_buf_dispose(&extra);
    return rc;
}

/* ---- lexicon ---- */

static int find_lexicon(sv_resources *res, int required, sv_error *err)
{
    sv_error lerr = SV_ERROR_INIT;
    int rc;

    if (!res->dicts_dir) {
        snprintf(res->lexicon_note, sizeof(res->lexicon_note),
                 "the ru-en lexicon is not available: %s (pass --dicts DIR "
                 "or set SVERKA_DICTS)", res->dicts_note);
        return required ? sv__error_set(err, SV_ENOTFOUND, "%s",
                                        res->lexicon_note)
                        : SV_OK;
    }
    rc = sv__lexicon_load(&res->lexicon, res->dicts_dir, &lerr);
    if (rc == SV_ENOTFOUND) {
        snprintf(res->lexicon_note, sizeof(res->lexicon_note),
                 "the ru-en lexicon was not built (no %s in %s): "
                 "apt-get install mueller7-dict, then rebuild sverka",
                 SV__LEXICON_RU_EN, res->dicts_dir);
        return required ? sv__error_set(err, SV_ENOTFOUND, "%s",
                                        res->lexicon_note)
                        : SV_OK;
    }
    if (rc < 0) {
        /* a damaged file is an error even when the lexicon is optional */
        if (err)
            *err = lerr;
        return rc;
    }
    res->loaded |= SV_LOAD_LEXICON;
    return SV_OK;
}

/* ---- names ---- */

/* dicts/names.tsv belongs to the data files: loaded with them when
 * present; a damaged file is an error. */
static int find_names(sv_resources *res, sv_error *err)
{
    sv_buf path = SV_BUF_INIT;
    int rc;

    if (join(&path, res->dicts_dir, SV__NAMES_FILE, "") < 0) {
        sv_buf_dispose(&path);
        return sv__error_oom(err);
    }
    rc = sv__names_load(&res->names, path.ptr, err);
    sv_buf_dispose(&path);
    if (rc == SV_ENOTFOUND) {
        sv_error_clear(err);
        return SV_OK;
    }
    return rc;
}

/* ---- description ---- */

static void describe(sv_resources *res)
{
    sv_buf d = SV_BUF_INIT;
    int i, rc = SV_OK;

    rc = sv__buf_printf(&d, "data: %s",
                        res->dicts_dir ? res->dicts_dir : "(none)");
    if (rc == SV_OK && res->names)
        rc = sv__buf_printf(&d, " (%zu names)", sv__names_count(res->names));
    for (i = 0; i < SV__N_SPELL_LANGS && rc == SV_OK; i++) {
        const sv__spell_paths *p = &res->spell[i];

        size_t k;

        if (!p->dic) {
            rc = sv__buf_printf(&d, "; %s: not loaded", langs[i].dict);
            continue;
        }
        rc = sv__buf_printf(&d, "; %s: %s (%s)", langs[i].dict, p->dic,
                            p->encoding);
        for (k = 0; k < SV__MAX_EXTRA && p->extra[k] && rc == SV_OK; k++) {
            const char *base = strrchr(p->extra[k], '/');

            rc = sv__buf_printf(&d, " + %s", base ? base + 1 : p->extra[k]);
        }
        if (rc == SV_OK && p->words)
            rc = sv__buf_printf(&d, ", compiled: %zu forms",
                                sv__wordset_count(p->words));
        else if (rc == SV_OK)
            rc = sv__buf_printf(&d, ", no compiled list (%s)",
                                p->words_note);
    }
    if (rc == SV_OK && res->lexicon)
        rc = sv__buf_printf(&d, "; lexicon: %zu en-ru, %zu ru-en entries",
                            sv__lexicon_count(res->lexicon, SV_LANG_EN),
                            sv__lexicon_count(res->lexicon, SV_LANG_RU));
    else if (rc == SV_OK)
        rc = sv__buf_puts(&d, "; lexicon: not loaded");
    if (rc == SV_OK)
        snprintf(res->description, sizeof(res->description), "%s", d.ptr);
    else
        snprintf(res->description, sizeof(res->description), "out of memory");
    sv_buf_dispose(&d);
}

/* ---- sv_resources ---- */

int sv_resources_new(sv_resources **out, const sv_resources_options *opts,
                     sv_error *err)
{
    static const sv_resources_options defaults = SV_RESOURCES_OPTIONS_INIT;
    const sv_resources_options *o = opts ? opts : &defaults;
    sv_resources *res = NULL;
    unsigned int want;
    int rc = SV_OK, i;

    SV_ASSERT_ARG(out != NULL);
    *out = NULL;
    if (o->version != SV_RESOURCES_OPTIONS_VERSION)
        return sv__error_set(err, SV_EINVAL,
                             "unknown sv_resources_options version %u",
                             o->version);
    want = (o->load | o->optional) & SV_LOAD_ALL;
    res = sv__calloc(1, sizeof(*res));
    if (!res)
        return sv__error_oom(err);
    res->spell_cache_max = o->spell_cache_max ? o->spell_cache_max
                                              : SV__SPELL_CACHE_MAX;
    sv__spell_handles_init(res);

    /* The spell and lexicon files live in the data directory too. */
    if ((rc = find_dicts_dir(res, o, (o->load & SV_LOAD_DATA) != 0, err)) < 0)
        goto done;
    if (res->dicts_dir && (want & SV_LOAD_DATA)) {
        if ((rc = find_names(res, err)) < 0)
            goto done;
        res->loaded |= SV_LOAD_DATA;
    }
    for (i = 0; i < SV__N_SPELL_LANGS; i++) {
        if (!(want & langs[i].bit))
            continue;
        if ((rc = find_spell(res, i, o, (o->load & langs[i].bit) != 0,
                             err)) < 0)
            goto done;
    }
    if (want & SV_LOAD_LEXICON) {
        if ((rc = find_lexicon(res, (o->load & SV_LOAD_LEXICON) != 0,
                               err)) < 0)
            goto done;
    } else {
        snprintf(res->lexicon_note, sizeof(res->lexicon_note),
                 "the ru-en lexicon was not requested when the resources "
                 "were loaded (SV_LOAD_LEXICON)");
    }
    describe(res);
    *out = res;
    res = NULL;
done:
    sv_resources_free(res);
    return rc;
}

void sv_resources_free(sv_resources *res)
{
    int i, k;

    if (!res)
        return;
    sv__spell_handles_dispose(res);
    for (i = 0; i < SV__N_SPELL_LANGS; i++) {
        sv__free(res->spell[i].aff);
        sv__free(res->spell[i].dic);
        for (k = 0; k < SV__MAX_EXTRA; k++)
            sv__free(res->spell[i].extra[k]);
        sv__free(res->spell[i].encoding);
        sv__wordset_free(res->spell[i].words);
    }
    sv__lexicon_free(res->lexicon);
    sv__names_free(res->names);
    sv__free(res->dicts_dir);
    sv__free(res);
}

unsigned int sv_resources_loaded(const sv_resources *res)
{
    return res ? res->loaded : 0;
}

const char *sv_resources_dicts_dir(const sv_resources *res)
{
    return res ? res->dicts_dir : NULL;
}

const char *sv_resources_describe(const sv_resources *res)
{
    return res ? res->description : "";
}

/* ---- sv_context ---- */

int sv__context_fail(sv_context *ctx, int code, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(ctx->errmsg, sizeof(ctx->errmsg), fmt, ap);
    va_end(ap);
    return code;
}

int sv_context_new(sv_context **out, const sv_resources *res, sv_error *err)
{
    sv_context *ctx;

    SV_ASSERT_ARG(out != NULL);
    *out = NULL;
    SV_ASSERT_ARG(res != NULL);
    ctx = sv__calloc(1, sizeof(*ctx));
    if (!ctx)
        return sv__error_oom(err);
    ctx->res = res;
    *out = ctx;
    return SV_OK;
}

void sv_context_free(sv_context *ctx)
{
    if (!ctx)
        return;
    sv__spell_context_dispose(ctx);
    sv_buf_dispose(&ctx->word);
    sv_buf_dispose(&ctx->conv);
    sv_buf_dispose(&ctx->key);
    sv_buf_dispose(&ctx->key2);
    sv_buf_dispose(&ctx->name);
    sv__hashmap_free(ctx->tr_cache[0]);
    sv__hashmap_free(ctx->tr_cache[1]);
    sv__free(ctx->tr_spans);
    sv__free(ctx);
}

const char *sv_context_errmsg(const sv_context *ctx)
{
    return ctx ? ctx->errmsg : "";
}

const sv_resources *sv_context_resources(const sv_context *ctx)
{
    return ctx ? ctx->res : NULL;
}
