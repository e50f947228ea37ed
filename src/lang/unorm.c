/* SPDX-License-Identifier: MIT */
/*
 * ICU unorm2 adapter.  Converts UTF-8 spans to UTF-16 in stack buffers
 * (heap only for long spans), normalizes, converts back.  The instances
 * from unorm2_get*Instance() are ICU singletons and are never closed
 * (STYLE M6).
 */
#include "lang/unorm.h"

#include <limits.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "base/alloc.h"
#include "base/buf_internal.h"
#include "sverka/errors.h"

#define STACK_UNITS 512

static const UNormalizer2 *instance(int nfkc)
{
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *n =
        nfkc ? unorm2_getNFKCInstance(&e) : unorm2_getNFCInstance(&e);

    return U_FAILURE(e) ? NULL : n;
}

int sv__unorm_safe_table(int nfkc, uint8_t **out)
{
    const UNormalizer2 *n = instance(nfkc);
    uint8_t *t;
    UChar32 c;

    *out = NULL;
    if (!n)
        return SV_ERROR;
    if (!(t = sv__calloc(0x10000 / 8, 1)))
        return SV_ENOMEM;
    for (c = 0; c < 0x10000; c++) {
        UChar s[1];
        UErrorCode e = U_ZERO_ERROR;

        if (c >= 0xD800 && c <= 0xDFFF)
            continue;
        s[0] = (UChar)c;
        if (unorm2_hasBoundaryBefore(n, c) &&
            unorm2_quickCheck(n, s, 1, &e) == UNORM_YES && U_SUCCESS(e))
            t[c >> 3] |= (uint8_t)(1u << (c & 7));
    }
    *out = t;
    return SV_OK;
}

/* UTF-8 -> UTF-16 into buf (cap units) or a heap block (*heap). */
static int to_utf16(const char *s, size_t len, UChar *buf, int32_t cap,
                    UChar **heap, UChar **u, int32_t *ulen)
{
    UErrorCode e = U_ZERO_ERROR;

    if (len > INT32_MAX / 2)
        return SV_ETOOBIG;
    u_strFromUTF8(buf, cap, ulen, s, (int32_t)len, &e);
    if (e == U_BUFFER_OVERFLOW_ERROR) {
        if (!(*heap = sv__malloc(((size_t)*ulen + 1) * sizeof(UChar))))
            return SV_ENOMEM;
        e = U_ZERO_ERROR;
        u_strFromUTF8(*heap, *ulen + 1, ulen, s, (int32_t)len, &e);
        *u = *heap;
    } else {
        *u = buf;
    }
    return U_FAILURE(e) ? SV_ERROR : SV_OK;
}

static int norm16(const UNormalizer2 *n, const UChar *u, int32_t ulen,
                  UChar *buf, int32_t cap, UChar **heap, UChar **r,
                  int32_t *rlen)
{
    UErrorCode e = U_ZERO_ERROR;

    *rlen = unorm2_normalize(n, u, ulen, buf, cap, &e);
    if (e == U_BUFFER_OVERFLOW_ERROR) {
        if (!(*heap = sv__malloc(((size_t)*rlen + 1) * sizeof(UChar))))
            return SV_ENOMEM;
        e = U_ZERO_ERROR;
        *rlen = unorm2_normalize(n, u, ulen, *heap, *rlen + 1, &e);
        *r = *heap;
    } else {
        *r = buf;
    }
    return U_FAILURE(e) ? SV_ERROR : SV_OK;
}

static int append_utf8(sv_buf *out, const UChar *r, int32_t rlen)
{
    UErrorCode e = U_ZERO_ERROR;
    int32_t need = 0;
    int rc;

    u_strToUTF8(NULL, 0, &need, r, rlen, &e);
    if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
        return SV_ERROR;
    if ((rc = sv__buf_grow(out, (size_t)need)) < 0)
        return rc;
    e = U_ZERO_ERROR;
    u_strToUTF8(out->ptr + out->size, need + 1, NULL, r, rlen, &e);
    if (U_FAILURE(e))
        return SV_ERROR;
    out->size += (size_t)need;
    out->ptr[out->size] = '\0';
    return SV_OK;
}

int sv__unorm_normalize(int nfkc, const char *s, size_t len, sv_buf *out)
{
    const UNormalizer2 *n = instance(nfkc);
    UChar ubuf[STACK_UNITS], rbuf[STACK_UNITS];
    UChar *uheap = NULL, *rheap = NULL, *u, *r;
    int32_t ulen, rlen;
    int rc;

    if (!n)
        return SV_ERROR;
    if ((rc = to_utf16(s, len, ubuf, STACK_UNITS, &uheap, &u, &ulen)) < 0)
        goto done;
    if ((rc = norm16(n, u, ulen, rbuf, STACK_UNITS, &rheap, &r, &rlen)) < 0)
        goto done;
    rc = append_utf8(out, r, rlen);
done:
    sv__free(uheap);
    sv__free(rheap);
    return rc;
}
