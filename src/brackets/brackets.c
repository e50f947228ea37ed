/* SPDX-License-Identifier: MIT */
/*
 * The bracket processor: options, construction (the news glossary and
 * names list loaded into the termbase), and sv_brackets_run(), which runs
 * the finder, then the classifier and the aligner over every span.  Also
 * the result's scratch and string pool.
 */
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf_internal.h"
#include "base/error_internal.h"
#include "brackets/brackets_internal.h"

int sv_brackets_options_init(sv_brackets_options *opts, unsigned int version)
{
    sv_brackets_options init = SV_BRACKETS_OPTIONS_INIT;

    SV_ASSERT_ARG(opts != NULL);
    if (version != SV_BRACKETS_OPTIONS_VERSION)
        return SV_EINVAL;
    *opts = init;
    return SV_OK;
}

const char *sv_bracket_kind_name(sv_bracket_kind kind)
{
    static const char *const names[] = {"original", "editorial", "acronym",
                                        "reference", "other"};

    if ((unsigned)kind < sizeof(names) / sizeof(names[0]))
        return names[kind];
    return "unknown";
}

const char *sv_bracket_problem_name(sv_bracket_problem_kind kind)
{
    switch (kind) {
    case SV_BRACKET_UNCLOSED: return "unclosed";
    case SV_BRACKET_UNOPENED: return "unopened";
    case SV_BRACKET_MISMATCHED: return "mismatched";
    }
    return "unknown";
}

/* ---- result scratch ------------------------------------------------------ */

sv__bscratch *sv__bscratch_of(sv_brackets_result *res)
{
    if (!res->internal)
        res->internal = sv__calloc(1, sizeof(sv__bscratch));
    return res->internal;
}

void sv_brackets_result_dispose(sv_brackets_result *res)
{
    sv_brackets_result init = SV_BRACKETS_RESULT_INIT;
    sv__bscratch *s;

    if (!res)
        return;
    s = res->internal;
    if (s) {
        sv_buf_dispose(&s->pool);
        sv_buf_dispose(&s->tmp);
        sv_buf_dispose(&s->tmp2);
        sv_buf_dispose(&s->keys);
        sv_buf_dispose(&s->cands);
        sv__free(s->sugg);
        sv__free(s->words);
        sv__translit_free(s->translit);
        sv__free(s);
    }
    sv__free(res->brackets);
    sv__free(res->problems);
    *res = init;
}

int sv__bpool_add(sv__bscratch *s, const char *p, size_t len, size_t *off)
{
    *off = s->pool.size;
    if (sv_buf_put(&s->pool, p, len) < 0 || sv_buf_put(&s->pool, "", 1) < 0)
        return SV_ENOMEM;
    return SV_OK;
}

/* ASCII-case-insensitive equality (suggestions are mostly English). */
static int same_ci(const char *a, const char *b, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];

        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x | 0x20);
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y | 0x20);
        if (x != y)
            return 0;
    }
    return 1;
}

int sv__bsuggest(sv__bscratch *s, sv_bracket *b, const char *p, size_t len,
                 unsigned max)
{
    unsigned i;
    size_t off;

    if (len == 0 || b->sugg_count >= max)
        return SV_OK;
    if (b->sugg_count == 0)
        b->sugg_first = s->sugg_n;
    for (i = 0; i < b->sugg_count; i++) {
        const char *q = s->pool.ptr + s->sugg[b->sugg_first + i];

        if (strlen(q) == len && same_ci(q, p, len))
            return SV_OK;
    }
    if (s->sugg_n == s->sugg_cap) {
        size_t n = s->sugg_cap ? s->sugg_cap * 2 : 16;
        size_t *a = sv__realloc(s->sugg, n * sizeof(*a));

        if (!a)
            return SV_ENOMEM;
        s->sugg = a;
        s->sugg_cap = n;
    }
    if (sv__bpool_add(s, p, len, &off) < 0)
        return SV_ENOMEM;
    s->sugg[s->sugg_n++] = off;
    b->sugg_count++;
    return SV_OK;
}

const char *sv_brackets_suggestion(const sv_brackets_result *res,
                                   const sv_bracket *b, unsigned int i,
                                   size_t *len)
{
    const sv__bscratch *s;
    const char *p;

    if (!res || !b || !res->internal || i >= b->sugg_count)
        return NULL;
    s = res->internal;
    p = s->pool.ptr + s->sugg[b->sugg_first + i];
    if (len)
        *len = strlen(p);
    return p;
}

const char *sv_brackets_lemma(const sv_brackets_result *res,
                              const sv_bracket *b, size_t *len)
{
    const sv__bscratch *s;

    if (len)
        *len = 0;
    if (!res || !b || !res->internal || b->lemma_len == 0)
        return "";
    s = res->internal;
    if (len)
        *len = b->lemma_len;
    return s->pool.ptr + b->lemma_off;
}

/* ---- the processor --------------------------------------------------------- */

/* Load dir/name into the termbase when the file exists. */
static int load_optional(sv__termbase *tb, const char *dir, const char *name,
                         sv_error *err)
{
    char path[4096];
    int rc;

    if (!dir)
        return SV_OK;
    if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >=
        sizeof(path))
        return SV_OK;
    rc = sv__termbase_load(tb, path, err);
    if (rc == SV_ENOTFOUND) {
        if (err) {
            err->code = SV_OK;
            err->message[0] = '\0';
        }
        return SV_OK;
    }
    return rc;
}

int sv_brackets_new(sv_brackets **out, const sv_brackets_options *opts,
                    const sv_resources *res, sv_error *err)
{
    sv_brackets *b = NULL;
    const char *dir = res ? sv_resources_dicts_dir(res) : NULL;
    int rc;

    SV_ASSERT_ARG(out != NULL);
    *out = NULL;
    if (opts && opts->version != SV_BRACKETS_OPTIONS_VERSION)
        return sv__error_set(err, SV_EINVAL,
                             "unknown sv_brackets_options version %u",
                             opts->version);
    b = sv__calloc(1, sizeof(*b));
    if (!b)
        return sv__error_oom(err);
    if (opts)
        b->opts = *opts;
    else
        sv_brackets_options_init(&b->opts, SV_BRACKETS_OPTIONS_VERSION);
    if (b->opts.max_suggestions > SV_BRACKETS_MAX_SUGGESTIONS)
        b->opts.max_suggestions = SV_BRACKETS_MAX_SUGGESTIONS;
    if (b->opts.max_words == 0)
        b->opts.max_words = 8;
    if (b->opts.max_words > 24)
        b->opts.max_words = 24;
    b->res = res;
    b->opts.glossary_path = NULL; /* not kept: the caller's string */
    if (opts && opts->glossary_path) {
        if ((rc = sv__termbase_load(&b->tb, opts->glossary_path, err)) < 0)
            goto done;
    } else if ((rc = load_optional(&b->tb, dir, "news_glossary.tsv", err)) < 0) {
        goto done;
    }
    if ((rc = load_optional(&b->tb, dir, "names.tsv", err)) < 0)
        goto done;
    *out = b;
    b = NULL;
    rc = SV_OK;
done:
    sv_brackets_free(b);
    return rc;
}

void sv_brackets_free(sv_brackets *b)
{
    if (!b)
        return;
    sv__termbase_dispose(&b->tb);
    sv__free(b);
}

size_t sv_brackets_glossary_size(const sv_brackets *b)
{
    return b ? b->tb.count : 0;
}

int sv_brackets_run(const sv_brackets *b, sv_context *ctx, const char *text,
                    size_t text_len, sv_brackets_result *res, sv_error *err)
{
    sv__bscratch *s;
    size_t i;
    int rc;

    SV_ASSERT_ARG(b != NULL);
    SV_ASSERT_ARG(res != NULL);
    SV_ASSERT_ARG(text != NULL || text_len == 0);
    if (res->version != SV_BRACKETS_RESULT_VERSION)
        return sv__error_set(err, SV_EINVAL,
                             "unknown sv_brackets_result version %u",
                             res->version);
    s = sv__bscratch_of(res);
    if (!s)
        return sv__error_oom(err);
    sv_buf_clear(&s->pool);
    s->sugg_n = 0;
    if ((rc = sv__brackets_find(&b->opts, text, text_len, res, err)) < 0)
        return rc;
    for (i = 0; i < res->count; i++) {
        sv_bracket *br = &res->brackets[i];
        sv__bhost host;

        sv__brackets_host(text, text_len, res, i, &host);
        sv__brackets_classify(b, text, text_len, &host, br);
        if (br->kind != SV_BRACKET_ORIGINAL)
            continue;
        rc = sv__brackets_align(b, ctx, text, text_len, &host, s, br);
        if (rc < 0)
            return rc == SV_ENOMEM ? sv__error_oom(err)
                                   : sv__error_set(err, rc, "bracket aligner "
                                                   "failed at byte %zu",
                                                   br->start);
    }
    return SV_OK;
}
