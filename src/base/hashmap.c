/* SPDX-License-Identifier: MIT */
/*
 * Open-addressing (linear probing) hash map with keys copied into an arena.
 * The table stores the full hash so probes rarely touch key bytes.
 */
#include "base/hashmap.h"

#include <string.h>

#include "base/alloc.h"
#include "sverka/errors.h"

typedef struct slot {
    uint64_t hash;  /* 0 marks an empty slot (real hashes are forced != 0) */
    size_t key_off;
    size_t key_len;
    uint64_t value;
} slot;

struct sv__hashmap {
    slot *slots;
    size_t cap; /* power of two */
    size_t count;
    char *arena;
    size_t arena_size, arena_cap;
};

/* FNV-1a over 8-byte words, finished with a 64-bit mixer (splitmix64).
 * Fast on short words, well distributed for a power-of-two table. */
uint64_t sv__hash_bytes(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = UINT64_C(0xcbf29ce484222325) ^ len;
    size_t i = 0;

    for (; i + 8 <= len; i += 8) {
        uint64_t w;

        memcpy(&w, p + i, 8);
        h = (h ^ w) * UINT64_C(0x100000001b3);
        h ^= h >> 29;
    }
    for (; i < len; i++)
        h = (h ^ p[i]) * UINT64_C(0x100000001b3);
    h ^= h >> 30;
    h *= UINT64_C(0xbf58476d1ce4e5b9);
    h ^= h >> 27;
    h *= UINT64_C(0x94d049bb133111eb);
    h ^= h >> 31;
    return h ? h : 1;
}

sv__hashmap *sv__hashmap_new(size_t expected)
{
    sv__hashmap *m = sv__calloc(1, sizeof(*m));
    size_t cap = 16;

    if (!m)
        return NULL;
    while (cap < expected * 2)
        cap *= 2;
    m->slots = sv__calloc(cap, sizeof(slot));
    if (!m->slots) {
        sv__free(m);
        return NULL;
    }
    m->cap = cap;
    return m;
}

void sv__hashmap_free(sv__hashmap *m)
{
    if (!m)
        return;
    sv__free(m->slots);
    sv__free(m->arena);
    sv__free(m);
}

static slot *find(const sv__hashmap *m, uint64_t h, const char *key,
                  size_t key_len)
{
    size_t i = (size_t)h & (m->cap - 1);

    for (;;) {
        slot *s = &m->slots[i];

        if (s->hash == 0)
            return s;
        if (s->hash == h && s->key_len == key_len &&
            memcmp(m->arena + s->key_off, key, key_len) == 0)
            return s;
        i = (i + 1) & (m->cap - 1);
    }
}

static int rehash(sv__hashmap *m)
{
    size_t ncap = m->cap * 2, i;
    slot *old = m->slots, *ns = sv__calloc(ncap, sizeof(slot));

    if (!ns)
        return SV_ENOMEM;
    for (i = 0; i < m->cap; i++) {
        size_t k;

        if (old[i].hash == 0)
            continue;
        k = (size_t)old[i].hash & (ncap - 1);
        while (ns[k].hash != 0)
            k = (k + 1) & (ncap - 1);
        ns[k] = old[i];
    }
    m->slots = ns;
    m->cap = ncap;
    sv__free(old);
    return SV_OK;
}

static int arena_add(sv__hashmap *m, const char *key, size_t len,
                     size_t *off)
{
    if (m->arena_size + len + 1 > m->arena_cap) {
        size_t ncap = m->arena_cap ? m->arena_cap : 256;
        char *p;

        while (ncap < m->arena_size + len + 1)
            ncap *= 2;
        p = sv__realloc(m->arena, ncap);
        if (!p)
            return SV_ENOMEM;
        m->arena = p;
        m->arena_cap = ncap;
    }
    *off = m->arena_size;
    if (len)
        memcpy(m->arena + m->arena_size, key, len);
    m->arena[m->arena_size + len] = '\0';
    m->arena_size += len + 1;
    return SV_OK;
}

int sv__hashmap_put(sv__hashmap *m, const char *key, size_t key_len,
                    uint64_t value)
{
    uint64_t h = sv__hash_bytes(key, key_len);
    slot *s;
    size_t off;
    int rc;

    s = find(m, h, key, key_len);
    if (s->hash != 0) {
        s->value = value;
        return SV_OK;
    }
    if ((m->count + 1) * 10 > m->cap * 7) {
        if ((rc = rehash(m)) < 0)
            return rc;
        s = find(m, h, key, key_len);
    }
    if ((rc = arena_add(m, key, key_len, &off)) < 0)
        return rc;
    s->hash = h;
    s->key_off = off;
    s->key_len = key_len;
    s->value = value;
    m->count++;
    return SV_OK;
}

int sv__hashmap_get(const sv__hashmap *m, const char *key, size_t key_len,
                    uint64_t *value)
{
    slot *s = find(m, sv__hash_bytes(key, key_len), key, key_len);

    if (s->hash == 0)
        return 0;
    if (value)
        *value = s->value;
    return 1;
}

size_t sv__hashmap_count(const sv__hashmap *m)
{
    return m->count;
}

/* Wiping costs the table's size, so a table that grew for one large input
 * and is then cleared between many small ones (the duplicate lines of each
 * paragraph) goes back to the size its last use needed. */
void sv__hashmap_clear(sv__hashmap *m)
{
    size_t want = 16;
    slot *smaller;

    m->arena_size = 0;
    if (m->count == 0)
        return; /* nothing was put since the slots were last wiped */
    while (want < m->count * 4)
        want *= 2;
    if (want * 4 <= m->cap && (smaller = sv__calloc(want, sizeof(slot)))) {
        sv__free(m->slots);
        m->slots = smaller;
        m->cap = want;
    } else {
        memset(m->slots, 0, m->cap * sizeof(slot));
    }
    m->count = 0;
}

int sv__hashmap_next(const sv__hashmap *m, size_t *iter, const char **key,
                     size_t *key_len, uint64_t *value)
{
    while (*iter < m->cap) {
        const slot *s = &m->slots[(*iter)++];

        if (s->hash == 0)
            continue;
        if (key)
            *key = m->arena + s->key_off;
        if (key_len)
            *key_len = s->key_len;
        if (value)
            *value = s->value;
        return 1;
    }
    return 0;
}
