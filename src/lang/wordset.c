/* SPDX-License-Identifier: MIT */
/*
 * The compiled word list's file format (see wordset.h): a header, the
 * sources' fingerprints, the input conversions, a block index and the
 * blocks.  Every read is bounds-checked, so a damaged file gives wrong
 * answers at worst, never a crash.
 */
#define _POSIX_C_SOURCE 200809L /* mmap, fstat */

#include "lang/wordset.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf_internal.h"
#include "base/error_internal.h"
#include "base/hashmap.h"
#include "base/utf8.h"

/*   0  "SVWORDS\0"
 *   8  u32 version, u32 words, u32 blocks, u32 words per block,
 *  24  u32 sources, u32 conversions, u32 blob bytes, u32 alphabet size
 *  40  sources x (u64 size, u64 hash)
 *      conversions x (u8 length, bytes, u8 length, bytes), zero-padded to 4
 *      alphabet x u32: the code points the words use, ascending
 *      blocks x u32: offset of each block in the blob
 *      blob: per block, the first word as (u8 length, bytes), then each
 *      next word as (u8 bytes shared with the previous, u8 length of the
 *      rest, the rest).  All integers little-endian. */
#define MAGIC "SVWORDS"
#define VERSION 1u
#define HEADER 40u
#define BLOCK_WORDS 32u
#define FINGERPRINT_SPAN 65536u
#define MAX_ALPHABET 65536u

struct sv__wordset {
    const unsigned char *data;
    size_t size;
    void *map; /* what munmap releases, NULL when borrowed */
    size_t map_size;
    uint32_t n_words, n_blocks, block_words, n_iconv, blob_size, n_alpha;
    const unsigned char *iconv; /* the first conversion pair */
    const unsigned char *alpha; /* the alphabet */
    const unsigned char *index, *blob;
};

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static uint64_t get64(const unsigned char *p)
{
    return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static void put64(unsigned char *p, uint64_t v)
{
    put32(p, (uint32_t)v);
    put32(p + 4, (uint32_t)(v >> 32));
}

/* ---- fingerprints ---- */

static int read_span(FILE *f, long at, unsigned char *buf, size_t n)
{
    return fseek(f, at, SEEK_SET) == 0 && fread(buf, 1, n, f) == n;
}

int sv__fingerprint_file(const char *path, sv__fingerprint *fp, sv_error *err)
{
    unsigned char *buf;
    FILE *f = fopen(path, "rb");
    long size;
    size_t head, tail;
    int ok;

    if (!f)
        return sv__error_set(err, errno == ENOENT ? SV_ENOTFOUND : SV_EIO,
                             "cannot open %s: %s", path, strerror(errno));
    buf = sv__malloc(2 * FINGERPRINT_SPAN);
    size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    ok = size >= 0 && buf;
    if (ok) {
        head =
            (size_t)size < FINGERPRINT_SPAN ? (size_t)size : FINGERPRINT_SPAN;
        tail = (size_t)size - head < FINGERPRINT_SPAN ? (size_t)size - head
                                                      : FINGERPRINT_SPAN;
        ok = read_span(f, 0, buf, head) &&
             read_span(f, size - (long)tail, buf + head, tail);
        fp->size = (uint64_t)size;
        fp->hash = sv__hash_bytes(buf, head + tail);
    }
    fclose(f);
    if (!buf)
        return sv__error_oom(err);
    sv__free(buf);
    return ok ? SV_OK : sv__error_set(err, SV_EIO, "cannot read %s", path);
}

/* ---- writing ---- */

static size_t shared_prefix(const char *a, size_t an, const char *b, size_t bn)
{
    size_t k = 0;

    while (k < an && k < bn && k < 255 && a[k] == b[k])
        k++;
    return k;
}

static int compare_words(const char *a, size_t an, const char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);

    return c ? c : (an > bn) - (an < bn);
}

static int check_words(const char *const *words, size_t n, sv_error *err)
{
    size_t i;

    if (n > UINT32_MAX - BLOCK_WORDS)
        return sv__error_set(err, SV_ETOOBIG, "too many words (%zu)", n);
    for (i = 0; i < n; i++) {
        size_t len = strlen(words[i]);

        if (len == 0 || len > SV__WORDSET_MAX_WORD)
            return sv__error_set(err, SV_EINVAL,
                                 "word %zu is empty or over %d bytes", i,
                                 SV__WORDSET_MAX_WORD);
        if (i > 0 && compare_words(words[i - 1], strlen(words[i - 1]), words[i],
                                   len) >= 0)
            return sv__error_set(err, SV_EINVAL,
                                 "words are not sorted and unique at %zu "
                                 "('%s')",
                                 i, words[i]);
    }
    return SV_OK;
}

static int put_byte(sv_buf *b, unsigned v)
{
    char c = (char)v;

    return sv_buf_put(b, &c, 1);
}

/* The blob and its block index. */
static int encode_blocks(const char *const *words, size_t n, sv_buf *index,
                         sv_buf *blob)
{
    unsigned char off[4];
    size_t i;
    int rc = SV_OK;

    for (i = 0; i < n && rc == SV_OK; i++) {
        size_t len = strlen(words[i]), k = 0;

        if (i % BLOCK_WORDS == 0) {
            if (blob->size > UINT32_MAX)
                return SV_ETOOBIG;
            put32(off, (uint32_t)blob->size);
            rc = sv_buf_put(index, (const char *)off, 4);
        } else {
            k = shared_prefix(words[i - 1], strlen(words[i - 1]), words[i],
                              len);
            if (rc == SV_OK)
                rc = put_byte(blob, (unsigned)k);
        }
        if (rc == SV_OK)
            rc = put_byte(blob, (unsigned)(len - k));
        if (rc == SV_OK)
            rc = sv_buf_put(blob, words[i] + k, len - k);
    }
    return rc;
}

/* The distinct code points of the words, ascending, as u32s in out. */
static int encode_alphabet(const char *const *words, size_t n, sv_buf *out,
                           uint32_t *count)
{
    unsigned char *seen = sv__calloc(0x110000 / 8, 1);
    unsigned char v[4];
    uint32_t cp;
    size_t i;
    int rc = SV_OK;

    if (!seen)
        return SV_ENOMEM;
    for (i = 0; i < n; i++) {
        size_t k = 0, len = strlen(words[i]);

        while (k < len) {
            int32_t c;

            k += sv__utf8_decode((const unsigned char *)words[i] + k, len - k,
                                 &c);
            if (c >= 0)
                seen[c >> 3] |= (unsigned char)(1u << (c & 7));
        }
    }
    *count = 0;
    for (cp = 0; cp < 0x110000 && rc == SV_OK; cp++) {
        if (!seen[cp >> 3]) { /* most of the table is empty */
            cp |= 7;
            continue;
        }
        if (seen[cp >> 3] & (1u << (cp & 7))) {
            put32(v, cp);
            rc = sv_buf_put(out, (const char *)v, 4);
            ++*count;
        }
    }
    sv__free(seen);
    return *count > MAX_ALPHABET ? SV_ETOOBIG : rc;
}

static int encode_head(sv_buf *out, size_t n, size_t n_blocks,
                       const sv__fingerprint *sources, size_t n_sources,
                       const sv__iconv_pair *iconv, size_t n_iconv,
                       size_t blob_size, const sv_buf *alpha)
{
    unsigned char h[HEADER];
    size_t i;
    int rc = SV_OK;

    memset(h, 0, sizeof(h));
    memcpy(h, MAGIC, sizeof(MAGIC));
    put32(h + 8, VERSION);
    put32(h + 12, (uint32_t)n);
    put32(h + 16, (uint32_t)n_blocks);
    put32(h + 20, BLOCK_WORDS);
    put32(h + 24, (uint32_t)n_sources);
    put32(h + 28, (uint32_t)n_iconv);
    put32(h + 32, (uint32_t)blob_size);
    put32(h + 36, (uint32_t)(alpha->size / 4));
    rc = sv_buf_put(out, (const char *)h, HEADER);
    for (i = 0; i < n_sources && rc == SV_OK; i++) {
        unsigned char s[16];

        put64(s, sources[i].size);
        put64(s + 8, sources[i].hash);
        rc = sv_buf_put(out, (const char *)s, 16);
    }
    for (i = 0; i < n_iconv && rc == SV_OK; i++) {
        if (iconv[i].from_len == 0 || iconv[i].from_len > 255 ||
            iconv[i].to_len > 255)
            return SV_EINVAL;
        if ((rc = put_byte(out, (unsigned)iconv[i].from_len)) == SV_OK &&
            (rc = sv_buf_put(out, iconv[i].from, iconv[i].from_len)) == SV_OK &&
            (rc = put_byte(out, (unsigned)iconv[i].to_len)) == SV_OK)
            rc = sv_buf_put(out, iconv[i].to, iconv[i].to_len);
    }
    while (rc == SV_OK && out->size % 4)
        rc = put_byte(out, 0);
    return rc == SV_OK ? sv_buf_put(out, alpha->ptr, alpha->size) : rc;
}

static int write_file(const char *path, const sv_buf *b, sv_error *err)
{
    FILE *f = fopen(path, "wb");
    int ok;

    if (!f)
        return sv__error_set(err, SV_EIO, "cannot create %s: %s", path,
                             strerror(errno));
    ok = fwrite(b->ptr, 1, b->size, f) == b->size;
    ok = fclose(f) == 0 && ok;
    return ok ? SV_OK : sv__error_set(err, SV_EIO, "cannot write %s", path);
}

int sv__wordset_write(const char *path, const char *const *words, size_t n,
                      const sv__fingerprint *sources, size_t n_sources,
                      const sv__iconv_pair *iconv, size_t n_iconv,
                      sv_error *err)
{
    sv_buf out = SV_BUF_INIT, index = SV_BUF_INIT, blob = SV_BUF_INIT;
    sv_buf alpha = SV_BUF_INIT;
    size_t n_blocks = (n + BLOCK_WORDS - 1) / BLOCK_WORDS;
    uint32_t n_alpha;
    int rc;

    if (n_sources > 64 || n_iconv > SV__WORDSET_MAX_ICONV)
        return sv__error_set(err, SV_EINVAL,
                             "too many sources or ICONV "
                             "pairs");
    if ((rc = check_words(words, n, err)) < 0)
        return rc;
    if ((rc = encode_blocks(words, n, &index, &blob)) == SV_OK &&
        (rc = encode_alphabet(words, n, &alpha, &n_alpha)) == SV_OK &&
        (rc = encode_head(&out, n, n_blocks, sources, n_sources, iconv, n_iconv,
                          blob.size, &alpha)) == SV_OK &&
        (rc = sv_buf_put(&out, index.ptr, index.size)) == SV_OK)
        rc = sv_buf_put(&out, blob.ptr, blob.size);
    if (rc < 0)
        rc = sv__error_set(err, rc, "cannot encode the word list for %s", path);
    else
        rc = write_file(path, &out, err);
    sv_buf_dispose(&out);
    sv_buf_dispose(&index);
    sv_buf_dispose(&blob);
    sv_buf_dispose(&alpha);
    return rc;
}

/* ---- reading ---- */

/* Step over the conversion pairs; NULL when they run past the end. */
static const unsigned char *skip_iconv(const unsigned char *p,
                                       const unsigned char *end, uint32_t n)
{
    uint32_t i;

    for (i = 0; i < n; i++) {
        if (p >= end || *p == 0 || (size_t)(end - p) < 1u + *p + 1u)
            return NULL;
        p += 1 + *p;
        if ((size_t)(end - p) < 1u + *p)
            return NULL;
        p += 1 + *p;
    }
    return p;
}

static int check_index(sv__wordset *ws, sv_error *err)
{
    uint32_t i, prev = 0;

    for (i = 0; i < ws->n_blocks; i++) {
        uint32_t off = get32(ws->index + 4 * (size_t)i);

        if (off >= ws->blob_size || (i > 0 && off <= prev) || (i == 0 && off))
            return sv__error_set(err, SV_EFORMAT,
                                 "compiled word list: block %u is out of "
                                 "place",
                                 i);
        prev = off;
    }
    return SV_OK;
}

static int parse(sv__wordset *ws, sv_error *err)
{
    const unsigned char *d = ws->data, *end = d + ws->size, *p;
    uint32_t n_sources;
    size_t at;

    if (ws->size < HEADER || memcmp(d, MAGIC, sizeof(MAGIC)) != 0)
        return sv__error_set(err, SV_EFORMAT, "not a compiled word list");
    if (get32(d + 8) != VERSION)
        return sv__error_set(err, SV_EFORMAT,
                             "compiled word list version %u,"
                             " this build reads %u",
                             get32(d + 8), VERSION);
    ws->n_words = get32(d + 12);
    ws->n_blocks = get32(d + 16);
    ws->block_words = get32(d + 20);
    n_sources = get32(d + 24);
    ws->n_iconv = get32(d + 28);
    ws->blob_size = get32(d + 32);
    ws->n_alpha = get32(d + 36);
    if (ws->block_words == 0 || n_sources > 64 || ws->n_alpha > MAX_ALPHABET ||
        ws->n_iconv > SV__WORDSET_MAX_ICONV ||
        ws->n_blocks != ws->n_words / ws->block_words +
                            (ws->n_words % ws->block_words != 0) ||
        (size_t)(end - d - HEADER) / 16 < n_sources)
        return sv__error_set(err, SV_EFORMAT,
                             "compiled word list: bad "
                             "header");
    ws->iconv = d + HEADER + 16 * (size_t)n_sources;
    p = skip_iconv(ws->iconv, end, ws->n_iconv);
    if (!p)
        return sv__error_set(err, SV_EFORMAT,
                             "compiled word list: bad ICONV"
                             " table");
    at = (size_t)(p - d);
    at += (4 - at % 4) % 4;
    if (at > ws->size || (ws->size - at) / 4 < ws->n_alpha)
        return sv__error_set(err, SV_EFORMAT,
                             "compiled word list: truncated"
                             " alphabet");
    ws->alpha = d + at;
    p = ws->alpha + 4 * (size_t)ws->n_alpha;
    if ((size_t)(end - p) / 4 < ws->n_blocks ||
        (size_t)(end - p) - 4 * (size_t)ws->n_blocks != ws->blob_size)
        return sv__error_set(err, SV_EFORMAT,
                             "compiled word list: truncated"
                             " or oversized");
    ws->index = p;
    ws->blob = p + 4 * (size_t)ws->n_blocks;
    return check_index(ws, err);
}

int sv__wordset_from_memory(sv__wordset **out, const void *data, size_t size,
                            sv_error *err)
{
    sv__wordset *ws;
    int rc;

    *out = NULL;
    ws = sv__calloc(1, sizeof(*ws));
    if (!ws)
        return sv__error_oom(err);
    ws->data = data;
    ws->size = size;
    if ((rc = parse(ws, err)) < 0) {
        sv__free(ws);
        return rc;
    }
    *out = ws;
    return SV_OK;
}

static int sources_match(const sv__wordset *ws, const sv__fingerprint *src,
                         size_t n)
{
    size_t i;

    if (get32(ws->data + 24) != n)
        return 0;
    for (i = 0; i < n; i++) {
        const unsigned char *s = ws->data + HEADER + 16 * i;

        if (get64(s) != src[i].size || get64(s + 8) != src[i].hash)
            return 0;
    }
    return 1;
}

static int map_file(const char *path, void **map, size_t *size, sv_error *err)
{
    struct stat st;
    int fd = open(path, O_RDONLY);

    if (fd < 0)
        return sv__error_set(err, errno == ENOENT ? SV_ENOTFOUND : SV_EIO,
                             "cannot open %s: %s", path, strerror(errno));
    if (fstat(fd, &st) != 0 || st.st_size <= 0) {
        close(fd);
        return sv__error_set(err, SV_EFORMAT, "%s is empty or unreadable",
                             path);
    }
    *size = (size_t)st.st_size;
    *map = mmap(NULL, *size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (*map == MAP_FAILED) {
        *map = NULL;
        return sv__error_set(err, SV_EIO, "cannot map %s: %s", path,
                             strerror(errno));
    }
    return SV_OK;
}

int sv__wordset_open(sv__wordset **out, const char *path,
                     const sv__fingerprint *sources, size_t n_sources,
                     sv_error *err)
{
    sv_error why = SV_ERROR_INIT;
    void *map = NULL;
    size_t size = 0;
    int rc;

    *out = NULL;
    if ((rc = map_file(path, &map, &size, err)) < 0)
        return rc;
    if ((rc = sv__wordset_from_memory(out, map, size, &why)) < 0) {
        munmap(map, size);
        return sv__error_set(err, rc, "%s: %s", path, why.message);
    }
    (*out)->map = map;
    (*out)->map_size = size;
    if (sources && !sources_match(*out, sources, n_sources)) {
        sv__wordset_free(*out);
        *out = NULL;
        return sv__error_set(err, SV_ERROR,
                             "%s is stale: its dictionary "
                             "files have changed since it was built",
                             path);
    }
    return SV_OK;
}

/* The first word of block b; 0 when damaged. */
static size_t block_first(const sv__wordset *ws, uint32_t b,
                          const unsigned char **w)
{
    uint32_t off = get32(ws->index + 4 * (size_t)b);
    size_t len = ws->blob[off];

    if (len == 0 || len > ws->blob_size - off - 1)
        return 0;
    *w = ws->blob + off + 1;
    return len;
}

/* The last block whose first word is <= w, or -1. */
static long find_block(const sv__wordset *ws, const char *w, size_t len)
{
    long lo = 0, hi = (long)ws->n_blocks - 1, found = -1;

    while (lo <= hi) {
        long mid = lo + (hi - lo) / 2;
        const unsigned char *f = NULL;
        size_t fl = block_first(ws, (uint32_t)mid, &f);

        if (fl && compare_words((const char *)f, fl, w, len) <= 0) {
            found = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return found;
}

static int scan_block(const sv__wordset *ws, uint32_t b, const char *w,
                      size_t len)
{
    unsigned char cur[SV__WORDSET_MAX_WORD + 1];
    size_t pos = get32(ws->index + 4 * (size_t)b), end, cl, i;

    end = b + 1 < ws->n_blocks ? get32(ws->index + 4 * ((size_t)b + 1))
                               : ws->blob_size;
    cl = ws->blob[pos++];
    if (cl > end - pos)
        return 0;
    memcpy(cur, ws->blob + pos, cl);
    pos += cl;
    for (i = 0;; i++) {
        int c = compare_words((const char *)cur, cl, w, len);
        size_t k, rest;

        if (c >= 0)
            return c == 0;
        if (i + 1 >= ws->block_words || end - pos < 2)
            return 0;
        k = ws->blob[pos];
        rest = ws->blob[pos + 1];
        pos += 2;
        if (k > cl || rest > end - pos || k + rest > SV__WORDSET_MAX_WORD)
            return 0;
        memcpy(cur + k, ws->blob + pos, rest);
        cl = k + rest;
        pos += rest;
    }
}

int sv__wordset_contains(const sv__wordset *ws, const char *w, size_t len)
{
    long b;

    if (!ws || len == 0 || len > SV__WORDSET_MAX_WORD || ws->n_blocks == 0)
        return 0;
    b = find_block(ws, w, len);
    return b >= 0 && scan_block(ws, (uint32_t)b, w, len);
}

int sv__wordset_uses(const sv__wordset *ws, uint32_t cp)
{
    size_t lo = 0, hi = ws ? ws->n_alpha : 0;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t v = get32(ws->alpha + 4 * mid);

        if (v == cp)
            return 1;
        if (v < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

size_t sv__wordset_count(const sv__wordset *ws)
{
    return ws ? ws->n_words : 0;
}

int sv__wordset_iconv(const sv__wordset *ws, size_t i, sv__iconv_pair *pair)
{
    const unsigned char *p;
    size_t k;

    if (!ws || i >= ws->n_iconv)
        return 0;
    p = ws->iconv;
    for (k = 0; k < i; k++)
        p += 1 + p[0] + 1 + p[1 + p[0]];
    pair->from_len = p[0];
    pair->from = (const char *)p + 1;
    pair->to_len = p[1 + p[0]];
    pair->to = (const char *)p + 2 + p[0];
    return 1;
}

void sv__wordset_free(sv__wordset *ws)
{
    if (!ws)
        return;
    if (ws->map)
        munmap(ws->map, ws->map_size);
    sv__free(ws);
}
