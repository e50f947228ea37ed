/* SPDX-License-Identifier: MIT */
/*
 * hyphenation step: a word broken by a hyphen at a line end ("nego-\n
 * tiations") is joined when the joined form is a dictionary word; the
 * line break moves to after the joined word, so the line structure is
 * kept.  A genuine compound ("well-\nknown": "wellknown" is no word) stays.
 * Without dictionaries nothing is joined: no rule tells a broken word from
 * a compound reliably, and a false join is worse than none.
 */
#include "normalize/normalize_internal.h"

#include <string.h>

#include "base/buf_internal.h"
#include "sverka/errors.h"

static int is_hspace(char c)
{
    return c == ' ' || c == '\t';
}

/* Start of the letters ending at in[h] (exclusive), or h when none. */
static size_t word_start(const char *in, size_t h)
{
    size_t s = h, n;

    while (s > 0) {
        size_t b = sv__cp_before(in, s);

        if (!sv__cp_is_letter(sv__cp_at(in, h, b, &n)))
            break;
        s = b;
    }
    return s;
}

static size_t letters_end(const char *in, size_t len, size_t i)
{
    size_t n;

    while (i < len && sv__cp_is_letter(sv__cp_at(in, len, i, &n)))
        i += n;
    return i;
}

/* Try to join at in[h] == '-' followed by optional spaces and '\n'. */
static int try_join(sv__writer *w, const sv__step_env *env, size_t h,
                    size_t nl, size_t *next)
{
    const char *in = w->in;
    size_t len = w->in_len, ls = word_start(in, h), rs = nl + 1, re, te, n;
    sv_buf *joined = &env->scratch->word, *rep = &env->scratch->key;
    uint32_t first;
    int sc, rc;

    *next = nl + 1;
    if (ls == h || (ls > 0 && in[ls - 1] == '-'))
        return SV_OK;
    while (rs < len && is_hspace(in[rs]))
        rs++;
    if (rs >= len)
        return SV_OK;
    first = sv__cp_at(in, len, rs, &n);
    sc = sv__cp_script(first);
    if (!sv__cp_is_lower(first) || sc != sv__cp_script(sv__cp_at(in, len, ls,
                                                                 &n)))
        return SV_OK;
    re = letters_end(in, len, rs);
    sv_buf_clear(joined);
    if ((rc = sv_buf_put(joined, in + ls, h - ls)) < 0 ||
        (rc = sv_buf_put(joined, in + rs, re - rs)) < 0)
        return rc;
    rc = sv_spell_check(env->ctx, sc == SV__SC_CYRILLIC ? SV_LANG_RU
                                                        : SV_LANG_EN,
                        joined->ptr, joined->size);
    if (rc != 1)
        return rc == SV_ENOMEM ? rc : SV_OK;
    /* the rest of the token (punctuation) stays with the word */
    for (te = re; te < len && !is_hspace(in[te]) && in[te] != '\n'; te++)
        ;
    sv_buf_clear(rep);
    if ((rc = sv_buf_put(rep, in + rs, te - rs)) < 0)
        return rc;
    if (te < len && is_hspace(in[te])) {
        if ((rc = sv__buf_putc(rep, '\n')) < 0)
            return rc;
        te++;
    }
    *next = te;
    return sv__writer_replace(w, h, te, rep->ptr, rep->size);
}

int sv__step_hyphenation(const char *in, size_t in_len, sv_buf *out,
                         sv__editlist *edits, const sv__step_env *env)
{
    sv__writer w;
    size_t i = 0;
    int rc;

    sv__writer_init(&w, in, in_len, out, edits, sv__name_hyphenation);
    while (env->ctx && i < in_len) {
        const char *nl = memchr(in + i, '\n', in_len - i);
        size_t e, next;

        if (!nl)
            break;
        e = (size_t)(nl - in);
        while (e > i && is_hspace(in[e - 1]))
            e--;
        if (e > i && in[e - 1] == '-') {
            if ((rc = try_join(&w, env, e - 1, (size_t)(nl - in), &next)) < 0)
                return rc;
            i = next;
            continue;
        }
        i = (size_t)(nl - in) + 1;
    }
    return sv__writer_finish(&w);
}
