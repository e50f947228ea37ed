/* SPDX-License-Identifier: MIT */
/*
 * sv_buf: growable, always NUL-terminated, caller-owned (STYLE M2).
 */
#include "base/buf_internal.h"

#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "sverka/errors.h"

void sv_buf_dispose(sv_buf *b)
{
    if (!b)
        return;
    sv__free(b->ptr);
    b->ptr = NULL;
    b->asize = b->size = 0;
}

void sv_buf_clear(sv_buf *b)
{
    if (!b)
        return;
    b->size = 0;
    if (b->ptr)
        b->ptr[0] = '\0';
}

int sv__buf_grow(sv_buf *b, size_t extra)
{
    size_t need, nsize;
    char *p;

    if (extra > SIZE_MAX - b->size - 1)
        return SV_ENOMEM;
    need = b->size + extra + 1;
    if (need <= b->asize)
        return SV_OK;
    nsize = b->asize ? b->asize : 64;
    while (nsize < need)
        nsize = nsize > SIZE_MAX / 2 ? need : nsize * 2;
    p = sv__realloc(b->ptr, nsize);
    if (!p)
        return SV_ENOMEM;
    b->ptr = p;
    b->asize = nsize;
    return SV_OK;
}

int sv_buf_put(sv_buf *b, const char *data, size_t len)
{
    int rc;

    if (!b)
        return SV_EINVAL;
    if ((rc = sv__buf_grow(b, len)) < 0)
        return rc;
    if (len)
        memcpy(b->ptr + b->size, data, len);
    b->size += len;
    b->ptr[b->size] = '\0';
    return SV_OK;
}

int sv__buf_putc(sv_buf *b, char c)
{
    int rc;

    if ((rc = sv__buf_grow(b, 1)) < 0)
        return rc;
    b->ptr[b->size++] = c;
    b->ptr[b->size] = '\0';
    return SV_OK;
}

int sv__buf_puts(sv_buf *b, const char *s)
{
    return sv_buf_put(b, s, strlen(s));
}

int sv__buf_printf(sv_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n, rc;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return SV_ERROR;
    if ((rc = sv__buf_grow(b, (size_t)n)) < 0)
        return rc;
    va_start(ap, fmt);
    vsnprintf(b->ptr + b->size, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->size += (size_t)n;
    return SV_OK;
}

void sv__buf_truncate(sv_buf *b, size_t size)
{
    if (size < b->size) {
        b->size = size;
        b->ptr[size] = '\0';
    }
}

void sv__buf_swap(sv_buf *a, sv_buf *b)
{
    sv_buf t = *a;

    *a = *b;
    *b = t;
}
