/* SPDX-License-Identifier: MIT */
/*
 * Loading and scoring the paired character LMs (human vs MT).  Text is
 * folded to a 64-symbol alphabet (case-folded Latin and Cyrillic letters,
 * digits, space, sentence stops, comma, other), so one order-5 probe per
 * character costs one cache line; misses back off to a dense order-3
 * table with a fixed penalty.
 *
 * SVLM1 file: '#' comment lines (format, corpora, trainer), then one line
 * "SVLM1 bits=B miss_h=Q miss_m=Q human_nats=X mt_nats=Y", a line "DATA",
 * then 2^18 x 2 bytes (order-3 qh,qm) and 2^B x 4 bytes (tag LE16, qh, qm).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/error_internal.h"
#include "base/utf8.h"
#include "garble/charlm.h"

/* Symbols of the ASCII range (the rules of sv__charlm_sym, tabulated for
 * the fast path): TAB LF VT FF CR space -> 0, digits 1, letters 2..27,
 * . ! ? -> 60, comma 61, anything else 62. */
static const uint8_t ascii_sym[128] = {
    62, 62, 62, 62, 62, 62, 62, 62, 62, 0,  0,  0,  0,  0,  62, 62,
    62, 62, 62, 62, 62, 62, 62, 62, 62, 62, 62, 62, 62, 62, 62, 62,
    0,  60, 62, 62, 62, 62, 62, 62, 62, 62, 62, 62, 61, 62, 60, 62,
    1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  62, 62, 62, 62, 62, 60,
    62, 2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16,
    17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 62, 62, 62, 62, 62,
    62, 2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16,
    17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 62, 62, 62, 62, 62};

/* Symbols of U+0400..U+047F (the two-byte D0/D1 range), tabulated from
 * sv__charlm_sym: А..я -> 28..59, Ё/ё -> е, the rest of the block 63. */
static const uint8_t cyrillic_sym[128] = {
    63, 33, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63,
    28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43,
    44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59,
    28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43,
    44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59,
    63, 33, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63,
    63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63,
    63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63};

unsigned sv__charlm_sym(int32_t cp)
{
    if (cp >= 0 && cp < 0x80)
        return ascii_sym[cp];
    if (cp < 0x80) {
        if (cp >= 'a' && cp <= 'z')
            return 2u + (unsigned)(cp - 'a');
        if (cp >= 'A' && cp <= 'Z')
            return 2u + (unsigned)(cp - 'A');
        if (cp >= '0' && cp <= '9')
            return 1;
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
            cp == '\f' || cp == '\v')
            return 0;
        if (cp == '.' || cp == '!' || cp == '?')
            return 60;
        if (cp == ',')
            return 61;
        return 62;
    }
    if (cp >= 0x430 && cp <= 0x44F)
        return 28u + (unsigned)(cp - 0x430);
    if (cp >= 0x410 && cp <= 0x42F)
        return 28u + (unsigned)(cp - 0x410);
    if (cp == 0x451 || cp == 0x401)
        return 28u + 5u; /* ё folds to е, as most Russian text writes it */
    if (cp == 0xA0 || cp == 0x2009 || cp == 0x202F || cp == 0x2002 ||
        cp == 0x2003 || cp == 0x3000)
        return 0;
    if (cp == 0x2026)
        return 60;
    if ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
        (cp >= 0x370 && cp <= 0x3FF) || (cp >= 0x400 && cp <= 0x4FF) ||
        (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x4E00 && cp <= 0x9FFF))
        return 63;
    return 62;
}

#define CHUNK 64 /* keys looked up together, their slots prefetched */

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* A key's probe travels as one word: its hash's high bits (slot index
 * and tag, bits 20 and up) with the order-3 context (the dense table's
 * index, 18 bits) in the low bits, which neither uses. */
#define DENSE_MASK ((UINT64_C(1) << SV__LM_DENSE_BITS) - 1)
#define KEY_MASK ((UINT64_C(1) << 30) - 1) /* five symbols */

/* Look up a batch of probes.  The table is larger than L2, so each
 * probe is a cache miss; issuing all the batch's loads before using any
 * of them overlaps the misses instead of paying for them one by one.
 * Both models' values travel packed in one word (human in the low 16
 * bits, MT in the high 16; a batch's sum fits).  Each slot was
 * prefetched when its probe was made. */
static void score_probes(const sv__charlm *lm, const uint64_t *probe,
                         size_t n, sv__charlm_sums *sums)
{
    const sv__charlm_entry *table = lm->table;
    const uint8_t *dense = lm->dense;
    const unsigned shift = 64u - lm->bits;
    const uint32_t miss = lm->miss_qh | (lm->miss_qm << 16);
    uint32_t sum = 0;
    size_t j;

    for (j = 0; j < n; j++) {
        uint64_t p = probe[j];
        const sv__charlm_entry *e = &table[p >> shift];

        if (e->tag == sv__charlm_tag(p)) {
            sum += e->qh | ((uint32_t)e->qm << 16);
        } else {
            const uint8_t *d = dense + 2u * (size_t)(p & DENSE_MASK);

            sum += (d[0] | ((uint32_t)d[1] << 16)) + miss;
        }
    }
    sums->qh += sum & 0xFFFF;
    sums->qm += sum >> 16;
    sums->n += n;
}

/* Symbol of the character at *p, not ASCII and not basic Cyrillic
 * (advancing *p), or -1 for an invalid byte (skipped). */
static int other_sym(const unsigned char **p, const unsigned char *end)
{
    int32_t cp;

    *p += sv__utf8_decode(*p, (size_t)(end - *p), &cp);
    return cp < 0 ? -1 : (int)sv__charlm_sym(cp);
}

/* Turn the text from *pp into probes, prefetching their slots, until
 * CHUNK bytes are read (so at most CHUNK probes); returns how many, *pp
 * past the text they cover.  *pkey is the running context: the last five
 * symbols, 6 bits each, the newest lowest, so runs of spaces (symbol 0)
 * count once. */
static size_t make_probes(const sv__charlm *lm, const unsigned char **pp,
                          const unsigned char *end, uint64_t *pkey,
                          uint64_t *probe)
{
    const sv__charlm_entry *table = lm->table;
    const unsigned shift = 64u - lm->bits;
    const unsigned char *p = *pp;
    const unsigned char *lim = end - p > CHUNK ? p + CHUNK : end;
    uint64_t key = *pkey;
    size_t n = 0;

    while (p < lim) {
        uint64_t sym, h;

        if (*p < 0x80) {
            sym = ascii_sym[*p++];
        } else if ((*p == 0xD0 || *p == 0xD1) && p + 1 < end &&
                   (p[1] & 0xC0) == 0x80) {
            /* two-byte Cyrillic U+0400..U+047F, decoded inline */
            sym = cyrillic_sym[((p[0] & 0x1Fu) << 6 | (p[1] & 0x3Fu)) -
                               0x400];
            p += 2;
        } else {
            int w = other_sym(&p, end);

            if (w < 0)
                continue;
            sym = (uint64_t)w;
        }
        if ((sym | (key & 63)) == 0)
            continue;
        key = ((key << 6) | sym) & KEY_MASK;
        h = sv__charlm_hash((uint32_t)key);
        PREFETCH(&table[h >> shift]); /* used by the batch, later */
        probe[n++] = (h & ~DENSE_MASK) | (key & DENSE_MASK);
    }
    *pkey = key;
    *pp = p;
    return n;
}

void sv__charlm_score(const sv__charlm *lm, const char *text, size_t len,
                      sv__charlm_sums *sums)
{
    const unsigned char *p = (const unsigned char *)text, *end = p + len;
    uint64_t probe[CHUNK], key = 0;

    while (p < end) {
        size_t n = make_probes(lm, &p, end, &key, probe);

        score_probes(lm, probe, n, sums);
    }
}

void sv__charlm_free(sv__charlm *lm)
{
    if (!lm)
        return;
    sv__free(lm->dense);
    sv__free(lm->table);
    sv__free(lm);
}

/* Read the '#' comments and the parameter line; leaves fp at the data. */
static int read_header(FILE *fp, sv__charlm *lm, const char *path,
                       sv_error *err)
{
    char line[512];
    size_t used = 0;
    double mh = 0, mm = 0;

    while (fgets(line, sizeof(line), fp)) {
        size_t l = strlen(line);

        if (line[0] == '#') {
            if (l > 2 && used + l < sizeof(lm->note)) {
                memcpy(lm->note + used, line + 2, l - 2);
                used += l - 2;
                lm->note[used - 1] = ' ';
                lm->note[used] = '\0';
            }
            continue;
        }
        if (!strncmp(line, "SVLM1 ", 6)) {
            if (sscanf(line, "SVLM1 bits=%u miss_h=%lf miss_m=%lf "
                       "human_nats=%lf mt_nats=%lf", &lm->bits, &mh, &mm,
                       &lm->human_nats, &lm->mt_nats) != 5)
                break;
            /* at most 255 (21 nats): score_keys packs a batch's sums */
            if (!(mh >= 0 && mh <= 255 && mm >= 0 && mm <= 255))
                break;
            lm->miss_qh = (uint32_t)mh;
            lm->miss_qm = (uint32_t)mm;
            continue;
        }
        if (!strcmp(line, "DATA\n") && lm->bits >= 10 && lm->bits <= 24)
            return SV_OK;
        break;
    }
    return sv__error_set(err, SV_EFORMAT, "%s: not an SVLM1 character LM "
                         "file", path);
}

static int read_tables(FILE *fp, sv__charlm *lm, const char *path,
                       sv_error *err)
{
    size_t ndense = (size_t)2 << SV__LM_DENSE_BITS;
    size_t nslots = (size_t)1 << lm->bits, i;
    unsigned char *raw;
    int rc = SV_OK;

    lm->dense = sv__malloc(ndense);
    lm->table = sv__calloc(nslots, sizeof(*lm->table));
    raw = sv__malloc(nslots * 4);
    if (!lm->dense || !lm->table || !raw) {
        rc = sv__error_oom(err);
        goto done;
    }
    if (fread(lm->dense, 1, ndense, fp) != ndense ||
        fread(raw, 4, nslots, fp) != nslots) {
        rc = sv__error_set(err, SV_EFORMAT, "%s: truncated LM tables", path);
        goto done;
    }
    for (i = 0; i < nslots; i++) {
        lm->table[i].tag = (uint16_t)(raw[4 * i] | (raw[4 * i + 1] << 8));
        lm->table[i].qh = raw[4 * i + 2];
        lm->table[i].qm = raw[4 * i + 3];
    }
done:
    sv__free(raw);
    return rc;
}

int sv__charlm_load(sv__charlm **out, const char *path, sv_error *err)
{
    sv__charlm *lm = NULL;
    FILE *fp = NULL;
    int rc;

    *out = NULL;
    fp = fopen(path, "rb");
    if (!fp) {
        rc = sv__error_set(err, errno == ENOENT ? SV_ENOTFOUND : SV_EIO,
                           "%s: cannot open character LM: %s", path,
                           strerror(errno));
        goto done;
    }
    lm = sv__calloc(1, sizeof(*lm));
    if (!lm) {
        rc = sv__error_oom(err);
        goto done;
    }
    if ((rc = read_header(fp, lm, path, err)) < 0)
        goto done;
    if ((rc = read_tables(fp, lm, path, err)) < 0)
        goto done;
    *out = lm;
    lm = NULL;
done:
    if (fp)
        fclose(fp);
    sv__charlm_free(lm);
    return rc;
}
