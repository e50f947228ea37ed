/* SPDX-License-Identifier: MIT */
/*
 * unicode step: NFC, or NFKC with the nfkc option (UAX #15).  Runs of
 * characters the normalizer's table marks safe (ASCII, Cyrillic, most of
 * Latin) are copied without ICU; a span around each unsafe character, from
 * the safe character before it (which may compose with it) to the next
 * safe one, goes through ICU, and is replaced only when it changed, so the
 * edit list holds exactly the changed spans.
 */
#include "normalize/normalize_internal.h"

#include <string.h>

#include "base/buf_internal.h"
#include "lang/unorm.h"
#include "sverka/errors.h"

int sv__norm_build_safe_table(uint8_t **out, int nfkc)
{
    return sv__unorm_safe_table(nfkc, out);
}

/* Normalize in[start, end) and replace it when the result differs. */
static int fix_span(sv__writer *w, sv_buf *tmp, int nfkc, size_t start,
                    size_t end)
{
    int rc;

    sv_buf_clear(tmp);
    if ((rc = sv__unorm_normalize(nfkc, w->in + start, end - start, tmp)) < 0)
        return rc;
    if (tmp->size == end - start && memcmp(tmp->ptr, w->in + start,
                                           tmp->size) == 0)
        return SV_OK;
    return sv__writer_replace(w, start, end, tmp->ptr, tmp->size);
}

int sv__step_unicode(const char *in, size_t in_len, sv_buf *out,
                     sv__editlist *edits, const sv__step_env *env)
{
    const uint8_t *safe = env->norm ? env->norm->norm_safe : NULL;
    int nfkc = env->opts && env->opts->nfkc;
    sv_buf *tmp = &env->scratch->word;
    size_t i = 0, prev = 0; /* prev: start of the previous code point */
    sv__writer w;
    int rc;

    if (!safe)
        return SV_EINVAL;
    sv__writer_init(&w, in, in_len, out, edits, sv__name_unicode);
    while (i < in_len) {
        size_t n, start, j;
        uint32_t cp;

        /* ASCII is always safe: skip it eight bytes at a time. */
        if ((unsigned char)in[i] < 0x80) {
            i = sv__next_high(in, i, in_len);
            prev = i - 1;
            continue;
        }
        cp = sv__cp_at(in, in_len, i, &n);
        if (sv__unorm_is_safe(safe, cp)) {
            prev = i;
            i += n;
            continue;
        }
        start = (i > 0 && prev >= w.copied) ? prev : i;
        j = i + n;
        while (j < in_len) {
            size_t m;

            cp = sv__cp_at(in, in_len, j, &m);
            if (cp < 0x80 || sv__unorm_is_safe(safe, cp))
                break;
            j += m;
        }
        if ((rc = fix_span(&w, tmp, nfkc, start, j)) < 0)
            return rc;
        prev = i = j;
    }
    return sv__writer_finish(&w);
}
