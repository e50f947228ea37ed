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

/* Look up a batch of 5-gram keys.  The table is larger than L2, so each
 * probe is a cache miss; issuing all the batch's loads before using any
 * of them overlaps the misses instead of paying for them one by one.
 * Both models' values travel packed in one word (human in the low 16
 * bits, MT in the high 16; a batch's sum fits), and a hit or a back-off
 * is a select rather than a branch: which one it is is unpredictable.
 * h[j] is keys[j]'s hash, its slot already prefetched by the caller. */
static void score_keys(const sv__charlm *lm, const uint32_t *keys,
                       const uint64_t *h, size_t n, uint32_t *qh,
                       uint32_t *qm)
{
    const unsigned shift = 64u - lm->bits;
    const uint32_t mask3 = (1u << SV__LM_DENSE_BITS) - 1;
    const uint32_t miss = lm->miss_qh | (lm->miss_qm << 16);
    uint32_t sum = 0;
    size_t j;

    for (j = 0; j < n; j++) {
        const sv__charlm_entry *e = &lm->table[h[j] >> shift];
        const uint8_t *d = lm->dense + 2u * (keys[j] & mask3);
        uint32_t hit = e->qh | ((uint32_t)e->qm << 16);
        uint32_t back = (d[0] | ((uint32_t)d[1] << 16)) + miss;

        sum += e->tag == sv__charlm_tag(h[j]) ? hit : back;
    }
    *qh += sum & 0xFFFF;
    *qm += sum >> 16;
}

void sv__charlm_score(const sv__charlm *lm, const char *text, size_t len,
                      sv__charlm_sums *sums)
{
    const unsigned char *s = (const unsigned char *)text;
    const uint32_t mask5 = (1u << 30) - 1;
    const unsigned shift = 64u - lm->bits;
    uint32_t keys[CHUNK], key = 0, qh = 0, qm = 0;
    uint64_t h[CHUNK];
    unsigned prev = 0;
    size_t i = 0, nk = 0, n = 0;

    while (i < len) {
        int32_t cp;
        unsigned sym;

        if (s[i] < 0x80) {
            sym = ascii_sym[s[i++]];
        } else if ((s[i] == 0xD0 || s[i] == 0xD1) && i + 1 < len &&
                   (s[i + 1] & 0xC0) == 0x80) {
            /* two-byte Cyrillic U+0400..U+047F, decoded inline */
            cp = ((int32_t)(s[i] & 0x1F) << 6) | (s[i + 1] & 0x3F);
            i += 2;
            sym = cyrillic_sym[cp - 0x400];
        } else {
            i += sv__utf8_decode(s + i, len - i, &cp);
            if (cp < 0)
                continue;
            sym = sv__charlm_sym(cp);
        }
        if (sym == 0 && prev == 0)
            continue;
        prev = sym;
        key = ((key << 6) | sym) & mask5;
        /* the slot's load starts now; the batch uses it later */
        h[nk] = sv__charlm_hash(key);
        PREFETCH(&lm->table[h[nk] >> shift]);
        keys[nk++] = key;
        if (nk == CHUNK) {
            score_keys(lm, keys, h, nk, &qh, &qm);
            n += nk;
            nk = 0;
        }
    }
    score_keys(lm, keys, h, nk, &qh, &qm);
    n += nk;
    sums->qh += qh;
    sums->qm += qm;
    sums->n += n;
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
