/* SPDX-License-Identifier: MIT */
/*
 * The one place that calls the C allocator (STYLE M3, F2), with a
 * fail-after-N hook for the OOM sweeps in tests/unit.
 */
#include "base/alloc.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sverka/errors.h"

/* Test hook state.  Atomic so threaded tests stay well-defined; it is not
 * configuration, and production code never sets it. */
static atomic_ulong fail_after;
static atomic_ulong alloc_count;

static int should_fail(void)
{
    unsigned long n = atomic_fetch_add(&alloc_count, 1) + 1;
    unsigned long limit = atomic_load(&fail_after);
    return limit != 0 && n >= limit;
}

void sv__alloc_fail_after(unsigned long n)
{
    atomic_store(&alloc_count, 0);
    atomic_store(&fail_after, n);
}

unsigned long sv__alloc_count(void)
{
    return atomic_load(&alloc_count);
}

void *sv__malloc(size_t size)
{
    if (should_fail())
        return NULL;
    return malloc(size ? size : 1);
}

void *sv__calloc(size_t n, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(n ? n : 1, size ? size : 1);
}

void *sv__realloc(void *ptr, size_t size)
{
    if (should_fail())
        return NULL;
    return realloc(ptr, size ? size : 1);
}

void sv__free(void *ptr)
{
    free(ptr);
}

char *sv__strndup(const char *s, size_t len)
{
    char *p = sv__malloc(len + 1);

    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

int sv__grow_array(void **p, size_t *cap, size_t need, size_t elem)
{
    size_t n = *cap ? *cap : 16;
    void *q;

    if (need <= *cap)
        return SV_OK;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return SV_ENOMEM;
        n *= 2;
    }
    if (elem && n > SIZE_MAX / elem)
        return SV_ENOMEM;
    q = sv__realloc(*p, n * elem);
    if (!q)
        return SV_ENOMEM;
    *p = q;
    *cap = n;
    return SV_OK;
}
