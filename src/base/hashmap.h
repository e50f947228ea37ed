/* SPDX-License-Identifier: MIT */
/*
 * Open-addressing hash map from byte-string keys to a uint64 value or a
 * pointer.  Keys are copied into an arena the map owns.  Used for word
 * caches and dictionaries; not thread-safe (one per thread or immutable
 * after building).
 */
#ifndef SV_BASE_HASHMAP_H
#define SV_BASE_HASHMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct sv__hashmap sv__hashmap;

uint64_t sv__hash_bytes(const void *data, size_t len);

/* NULL on OOM. */
sv__hashmap *sv__hashmap_new(size_t expected);
void sv__hashmap_free(sv__hashmap *m);
/* Insert or overwrite.  SV_OK or SV_ENOMEM. */
int sv__hashmap_put(sv__hashmap *m, const char *key, size_t key_len,
                    uint64_t value);
/* 1 and *value set if found, 0 otherwise (value may be NULL). */
int sv__hashmap_get(const sv__hashmap *m, const char *key, size_t key_len,
                    uint64_t *value);
size_t sv__hashmap_count(const sv__hashmap *m);
/* Remove everything, keeping the table's capacity. */
void sv__hashmap_clear(sv__hashmap *m);
/* Iterate: *iter starts at 0; returns 1 with key/value until exhausted. */
int sv__hashmap_next(const sv__hashmap *m, size_t *iter, const char **key,
                     size_t *key_len, uint64_t *value);

#endif
