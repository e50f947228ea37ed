/* SPDX-License-Identifier: MIT */
/*
 * The library's only allocator entry points (STYLE M3).  A test hook makes
 * the Nth allocation fail so OOM paths can be swept.
 */
#ifndef SV_BASE_ALLOC_H
#define SV_BASE_ALLOC_H

#include <stddef.h>

void *sv__malloc(size_t size);
void *sv__calloc(size_t n, size_t size);
void *sv__realloc(void *ptr, size_t size);
void sv__free(void *ptr);
/* Copy of s[0..len) with a terminating NUL; NULL on OOM. */
char *sv__strndup(const char *s, size_t len);

/* Make room for need elements of elem bytes in the array *p of *cap
 * elements, doubling from 16; SV_OK or SV_ENOMEM (then *p is unchanged).
 * Counts are checked against overflow. */
int sv__grow_array(void **p, size_t *cap, size_t need, size_t elem);

/* Test hook: make allocation number n (1-based, counted from this call)
 * and every later one fail; 0 turns failures off.  Not for production. */
void sv__alloc_fail_after(unsigned long n);
/* Allocations attempted since the last sv__alloc_fail_after(). */
unsigned long sv__alloc_count(void);

#endif
