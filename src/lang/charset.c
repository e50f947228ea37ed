/* SPDX-License-Identifier: MIT */
/*
 * ICU adapter for legacy and UTF-16/32 inputs: BOM sniffing and ucsdet
 * detection, and a streaming ucnv converter to UTF-8 that counts (or, when
 * strict, stops at) unmappable bytes.  The UTF-16 never leaves this file
 * (STYLE U2): each batch is re-encoded to UTF-8 at once.
 */
#include "lang/charset.h"

#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>

#include "base/alloc.h"
#include "base/buf_internal.h"
#include "base/error_internal.h"
#include "base/utf8.h"

/* UTF-16 units converted per ucnv_toUnicode call. */
#define BATCH_UNITS 8192

struct sv__charset_conv {
    UConverter *cnv;
    char name[SV_CHARSET_NAME_SIZE]; /* as the caller spelled it */
    int strict;
    size_t fed;            /* bytes given to the converter so far */
    /* Callback state for the current batch. */
    const UChar *batch;    /* start of the UTF-16 target */
    size_t bad_len;        /* strict: length of the bad sequence */
    size_t *sub16;         /* UTF-16 indexes of substitutions in a batch */
    size_t nsub16, cap16;
    size_t *subs;          /* out offsets of substitutions in a run */
    size_t nsubs, capsubs;
    int oom;
    UChar units[BATCH_UNITS];
};

int sv__charset_is_utf8(const char *name)
{
    UErrorCode st = U_ZERO_ERROR;
    const char *canon = ucnv_getCanonicalName(name, "", &st);

    if (U_FAILURE(st) || !canon)
        return ucnv_compareNames(name, "UTF-8") == 0;
    return strcmp(canon, "UTF-8") == 0;
}

static void copy_name(char *name, const char *src)
{
    size_t n = strlen(src);

    if (n >= SV_CHARSET_NAME_SIZE)
        n = SV_CHARSET_NAME_SIZE - 1;
    memcpy(name, src, n);
    name[n] = '\0';
}

/* Byte order marks, longest first so UTF-32LE is not taken for UTF-16LE. */
static const char *sniff_bom(const unsigned char *s, size_t len)
{
    if (len >= 4 && s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0)
        return "UTF-32";
    if (len >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF)
        return "UTF-32";
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        return "UTF-8";
    if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) ||
                     (s[0] == 0xFE && s[1] == 0xFF)))
        return "UTF-16";
    return NULL;
}

static int looks_utf8(const char *s, size_t len, int at_eof)
{
    size_t ok = sv__utf8_valid_prefix(s, len);

    if (ok == len)
        return 1;
    return !at_eof && ok + sv__utf8_incomplete_tail(s, len) == len;
}

/* ucsdet's best guess that is not UTF-8 (the sample is not valid UTF-8,
 * so such a guess is wrong). */
static int ucsdet_guess(const char *sample, size_t len, char *name,
                        int *confidence, sv_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    UCharsetDetector *det = ucsdet_open(&st);
    const UCharsetMatch **m;
    int32_t n = 0, i;
    int rc = SV_EILSEQ;

    if (U_FAILURE(st))
        return sv__error_set(err, SV_ERROR, "ICU ucsdet_open: %s",
                             u_errorName(st));
    ucsdet_setText(det, sample, (int32_t)(len > INT32_MAX ? INT32_MAX : len),
                   &st);
    m = ucsdet_detectAll(det, &n, &st);
    if (U_FAILURE(st)) {
        rc = sv__error_set(err, SV_ERROR, "ICU ucsdet_detectAll: %s",
                           u_errorName(st));
        goto done;
    }
    for (i = 0; i < n; i++) {
        const char *cs = ucsdet_getName(m[i], &st);

        if (U_FAILURE(st) || !cs || strcmp(cs, "UTF-8") == 0)
            continue;
        copy_name(name, cs);
        if (confidence)
            *confidence = ucsdet_getConfidence(m[i], &st);
        rc = SV_OK;
        break;
    }
    if (rc == SV_EILSEQ)
        sv__error_set(err, SV_EILSEQ, "cannot detect the input encoding");
done:
    ucsdet_close(det);
    return rc;
}

/* The single-byte Russian code pages.  ICU's ucsdet is unreliable on
 * short Russian samples (a 20-letter line in KOI8-R comes out as
 * ISO-8859-8 or UTF-16BE) and has no IBM866 recogniser at all, so these
 * are tried first by decoding the sample and scoring it as Russian. */
static const char *const cyrillic_pages[] = {
    "windows-1251", "KOI8-R", "IBM866", "ISO-8859-5"
};

/* Letter frequencies of Russian text, per mille, for U+0430..U+044F. */
static const unsigned char ru_freq[32] = {
    80, 16, 45, 17, 30, 85, 9, 16, 74, 12, 35, 44, 32, 67, 110, 28,
    47, 55, 63, 26, 3, 10, 5, 14, 7, 4, 1, 19, 17, 3, 6, 20
};

typedef struct ru_score {
    long score;        /* frequency-weighted letters minus junk */
    size_t high;       /* non-ASCII characters decoded */
    size_t paired;     /* Cyrillic letters next to another one */
} ru_score;

static int cyr_letter(UChar c)
{
    return (c >= 0x0410 && c <= 0x044F) || c == 0x0401 || c == 0x0451;
}

/* Score one decoding: real Russian is mostly lowercase, made of frequent
 * letters, and its letters come in runs; a wrong code page gives capitals,
 * rare letters, symbols and letters stuck to Latin ones. */
static void score_units(const UChar *u, int32_t n, ru_score *sc)
{
    int32_t i;

    for (i = 0; i < n; i++) {
        UChar c = u[i];

        if (c < 0x80)
            continue;
        sc->high++;
        if (c >= 0x0430 && c <= 0x044F)
            sc->score += ru_freq[c - 0x0430];
        else if (c >= 0x0410 && c <= 0x042F)
            sc->score += ru_freq[c - 0x0410] / 4;
        else if (c != 0x0401 && c != 0x0451 && c != 0x00A0 && c != 0x00AB &&
                 c != 0x00BB && c != 0x2014 && c != 0x2013 && c != 0x2116)
            sc->score -= 40; /* a symbol where a letter was likely */
        if (cyr_letter(c) && ((i > 0 && cyr_letter(u[i - 1])) ||
                              (i + 1 < n && cyr_letter(u[i + 1]))))
            sc->paired++;
    }
}

/* Decode the sample with one code page into scratch and score it. */
static int score_page(const char *page, const char *sample, int32_t len,
                      UChar *units, int32_t cap, ru_score *sc)
{
    UErrorCode st = U_ZERO_ERROR;
    UConverter *cnv = ucnv_open(page, &st);
    int32_t n;

    memset(sc, 0, sizeof(*sc));
    if (U_FAILURE(st))
        return -1;
    n = ucnv_toUChars(cnv, units, cap, sample, len, &st);
    ucnv_close(cnv);
    if (U_FAILURE(st) && st != U_STRING_NOT_TERMINATED_WARNING)
        return -1;
    score_units(units, n < cap ? n : cap, sc);
    return 0;
}

/* The Russian code page the sample reads best in, when most of its
 * non-ASCII bytes then form Cyrillic words; NULL otherwise (Latin-1
 * accents decode to isolated Cyrillic letters and fail the pairing). */
static const char *guess_russian(const char *sample, size_t len, int *conf)
{
    enum { CAP = 8192 };
    UChar *units = sv__malloc(CAP * sizeof(UChar));
    const char *best = NULL;
    long best_score = 0;
    int32_t n = (int32_t)(len > CAP ? CAP : len);
    size_t k;

    if (!units)
        return NULL;
    for (k = 0; k < sizeof(cyrillic_pages) / sizeof(cyrillic_pages[0]); k++) {
        ru_score sc;

        if (score_page(cyrillic_pages[k], sample, n, units, CAP, &sc) < 0)
            continue;
        if (sc.high == 0 || sc.paired * 10 < sc.high * 7)
            continue;
        if (sc.score > best_score) {
            best_score = sc.score;
            best = cyrillic_pages[k];
            *conf = (int)(sc.paired * 100 / sc.high);
        }
    }
    sv__free(units);
    return best;
}

int sv__charset_detect(const char *sample, size_t len, int at_eof,
                       char *name, int *confidence, sv_error *err)
{
    const char *bom = sniff_bom((const unsigned char *)sample, len);
    const char *ru;
    int ru_conf = 0;

    if (confidence)
        *confidence = 100;
    if (bom) {
        copy_name(name, bom);
        return SV_OK;
    }
    if (looks_utf8(sample, len, at_eof)) {
        copy_name(name, "UTF-8");
        return SV_OK;
    }
    ru = guess_russian(sample, len, &ru_conf);
    if (ru) {
        copy_name(name, ru);
        if (confidence)
            *confidence = ru_conf;
        return SV_OK;
    }
    return ucsdet_guess(sample, len, name, confidence, err);
}

static int push_pos(size_t **arr, size_t *n, size_t *cap, size_t v)
{
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        size_t *p = sv__realloc(*arr, ncap * sizeof(*p));

        if (!p)
            return SV_ENOMEM;
        *arr = p;
        *cap = ncap;
    }
    (*arr)[(*n)++] = v;
    return SV_OK;
}

/* toUnicode callback: record where a substitution lands, or (strict)
 * remember the bad sequence's length and let the error stand. */
static void U_CALLCONV to_u_cb(const void *context,
                               UConverterToUnicodeArgs *args,
                               const char *code_units, int32_t length,
                               UConverterCallbackReason reason,
                               UErrorCode *status)
{
    sv__charset_conv *c = (sv__charset_conv *)context;
    static const UChar fffd = 0xFFFD;

    (void)code_units;
    if (reason > UCNV_IRREGULAR)
        return; /* reset, close, clone: nothing to do */
    if (c->strict) {
        c->bad_len = (size_t)length;
        return;
    }
    if (push_pos(&c->sub16, &c->nsub16, &c->cap16,
                 (size_t)(args->target - c->batch)) < 0)
        c->oom = 1;
    *status = U_ZERO_ERROR;
    ucnv_cbToUWriteUChars(args, &fffd, 1, 0, status);
}

int sv__charset_conv_new(sv__charset_conv **out, const char *name,
                         int strict, sv_error *err)
{
    sv__charset_conv *c;
    UErrorCode st = U_ZERO_ERROR;

    *out = NULL;
    c = sv__calloc(1, sizeof(*c));
    if (!c)
        return sv__error_oom(err);
    c->strict = strict;
    copy_name(c->name, name);
    c->cnv = ucnv_open(name, &st);
    if (U_FAILURE(st) || !c->cnv) {
        sv__free(c);
        if (st == U_MEMORY_ALLOCATION_ERROR)
            return sv__error_oom(err);
        return sv__error_set(err, SV_EINVAL, "unknown encoding \"%s\"",
                             name);
    }
    ucnv_setToUCallBack(c->cnv, to_u_cb, c, NULL, NULL, &st);
    if (U_FAILURE(st)) {
        sv__charset_conv_free(c);
        return sv__error_set(err, SV_ERROR, "ICU ucnv_setToUCallBack: %s",
                             u_errorName(st));
    }
    *out = c;
    return SV_OK;
}

const char *sv__charset_conv_name(const sv__charset_conv *c)
{
    return c->name;
}

/* Append UTF-16 units[0..n) as UTF-8 and turn the batch's substitution
 * indexes into offsets of @out.  Converters only emit well-formed UTF-16;
 * a lone surrogate would still become U+FFFD rather than bad UTF-8. */
static int emit_batch(sv__charset_conv *c, size_t n, sv_buf *out)
{
    size_t i = 0, k = 0;
    int rc;

    if ((rc = sv__buf_grow(out, n * 3)) < 0)
        return rc;
    while (i < n) {
        uint32_t cp = c->units[i];
        char *p = out->ptr + out->size;

        for (; k < c->nsub16 && c->sub16[k] <= i; k++)
            if ((rc = push_pos(&c->subs, &c->nsubs, &c->capsubs,
                               out->size)) < 0)
                return rc;
        i++;
        if (cp >= 0xD800 && cp <= 0xDBFF && i < n &&
            c->units[i] >= 0xDC00 && c->units[i] <= 0xDFFF)
            cp = 0x10000 + ((cp - 0xD800) << 10) + (c->units[i++] - 0xDC00);
        else if (cp >= 0xD800 && cp <= 0xDFFF)
            cp = SV_REPLACEMENT_CHAR;
        out->size += sv__utf8_encode(cp, p);
    }
    for (; k < c->nsub16; k++)
        if ((rc = push_pos(&c->subs, &c->nsubs, &c->capsubs, out->size)) < 0)
            return rc;
    out->ptr[out->size] = '\0';
    return SV_OK;
}

/* A failed ucnv_toUnicode: the strict stop at a bad sequence, which is
 * located by its length, or an ICU error.  The converter is reset so the
 * next input starts clean. */
static int conv_failed(sv__charset_conv *c, UErrorCode st, size_t used,
                       size_t len, sv_error *err)
{
    size_t at = c->fed + used;
    int bad = st == U_INVALID_CHAR_FOUND || st == U_ILLEGAL_CHAR_FOUND ||
              st == U_TRUNCATED_CHAR_FOUND;

    at = at >= c->bad_len ? at - c->bad_len : 0;
    c->fed += len;
    ucnv_resetToUnicode(c->cnv);
    if (!bad)
        return sv__error_set(err, SV_ERROR, "ICU ucnv_toUnicode: %s",
                             u_errorName(st));
    return sv__error_set_at(err, SV_EILSEQ, at, 0, 0,
                            "invalid %s input at byte %zu",
                            sv__charset_conv_name(c), at);
}

int sv__charset_conv_run(sv__charset_conv *c, const char *src, size_t len,
                         int flush, sv_buf *out, sv_error *err)
{
    const char *s = src, *end = src + len;
    int rc;

    c->nsubs = 0;
    for (;;) {
        UErrorCode st = U_ZERO_ERROR;
        UChar *t = c->units;

        c->batch = c->units;
        c->nsub16 = 0;
        c->bad_len = 0;
        ucnv_toUnicode(c->cnv, &t, c->units + BATCH_UNITS, &s, end, NULL,
                       flush ? 1 : 0, &st);
        if (c->oom)
            return sv__error_oom(err);
        if ((rc = emit_batch(c, (size_t)(t - c->units), out)) < 0)
            return sv__error_oom(err);
        if (st == U_BUFFER_OVERFLOW_ERROR)
            continue;
        if (U_FAILURE(st))
            return conv_failed(c, st, (size_t)(s - src), len, err);
        c->fed += len;
        return SV_OK;
    }
}

size_t sv__charset_conv_subs(const sv__charset_conv *c, const size_t **pos)
{
    *pos = c->subs;
    return c->nsubs;
}

void sv__charset_conv_reset(sv__charset_conv *c)
{
    ucnv_resetToUnicode(c->cnv);
    c->fed = 0;
    c->nsubs = 0;
    c->oom = 0;
}

void sv__charset_conv_free(sv__charset_conv *c)
{
    if (!c)
        return;
    if (c->cnv)
        ucnv_close(c->cnv);
    sv__free(c->sub16);
    sv__free(c->subs);
    sv__free(c);
}
