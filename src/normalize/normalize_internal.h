/* SPDX-License-Identifier: MIT */
/*
 * Internals shared by the normalization steps: the normalizer object, the
 * per-thread scratch, the step functions, the edit-recording writer every
 * step uses, and cheap character classes for Latin and Cyrillic text.
 */
#ifndef SV_NORMALIZE_INTERNAL_H
#define SV_NORMALIZE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "base/edits.h"
#include "base/hashmap.h"
#include "normalize/step.h"
#include "sverka/normalize.h"

/* ---- the normalizer (immutable after sv_normalizer_new) ---------------- */

/* One boilerplate pattern from dicts/boilerplate.txt. */
typedef enum sv__bp_kind {
    SV__BP_LINE = 0,    /* whole line, ignoring case and final punctuation */
    SV__BP_PREFIX = 1,  /* line starts with it */
    SV__BP_CONTAINS = 2, /* line contains it */
    SV__BP_CRUMB = 3    /* breadcrumb: starts with it, a space and a
                           capitalised word, no sentence end */
} sv__bp_kind;

typedef struct sv__bp_pattern {
    sv__bp_kind kind;
    char *text; /* ASCII-case-folded UTF-8, NUL-terminated */
    size_t len;
} sv__bp_pattern;

struct sv_normalizer {
    sv_normalize_options opts;
    const sv_resources *res;
    sv__hashmap *abbrev; /* abbreviations without their final period */
    sv__bp_pattern *bp;  /* boilerplate patterns */
    size_t bp_count;
    /* Bit per BMP code point: 1 when it is already normalized and has a
     * normalization boundary before it (UAX #15), so runs of such
     * characters never need ICU.  Built once for NFC or NFKC. */
    uint8_t *norm_safe;
    /* Latin<->Cyrillic look-alikes from ICU's confusables (homoglyphs). */
    struct sv__lookalikes *look;
    /* The fast path's tables (fastpath.h); NULL when the options make
     * some step look across lines (quotes, drop). */
    struct sv__fast *fast;
};

/* ---- per-thread scratch, kept in sv_normalize_result::internal --------- */

/* One line of a record, for the drop step. */
typedef struct sv__line {
    size_t start, end; /* without the '\n' */
    int has_nl, blank;
    int caption;       /* dropped by a boilerplate rule other than crumb */
    const char *drop;  /* drop reason (step name) or NULL to keep */
} sv__line;

typedef struct sv__norm_scratch {
    sv_buf a, b;               /* ping-pong text buffers */
    sv__editlist total, step, tmp;
    sv__editlist rec;          /* fast path: the record's edits */
    sv__hashmap *seen;         /* duplicates: normalized lines of a record */
    sv_buf key;                /* duplicates: the comparison key */
    sv_buf word;               /* homoglyphs, hyphenation: candidate words */
    sv__line *lines;           /* drop: the record's lines */
    size_t lines_alloc;
    sv_normalize_drop *drops;  /* drop: dropped lines (step-input offsets,
                                  mapped to the input by the pipeline) */
    size_t drop_count, drop_alloc;
    /* mojibake: decisions per analysed run (see memo in mojibake.c), valid
     * for the context they were made with */
    sv__hashmap *mj_memo;
    sv_buf mj_memo_data, mj_key;
    const void *mj_memo_ctx;
} sv__norm_scratch;

/* ---- steps (sv__step_fn) ------------------------------------------------ */

int sv__step_entities(const char *in, size_t in_len, sv_buf *out,
                      sv__editlist *edits, const sv__step_env *env);
int sv__step_controls(const char *in, size_t in_len, sv_buf *out,
                      sv__editlist *edits, const sv__step_env *env);
int sv__step_unicode(const char *in, size_t in_len, sv_buf *out,
                     sv__editlist *edits, const sv__step_env *env);
int sv__step_spaces(const char *in, size_t in_len, sv_buf *out,
                    sv__editlist *edits, const sv__step_env *env);
int sv__step_punctuation(const char *in, size_t in_len, sv_buf *out,
                         sv__editlist *edits, const sv__step_env *env);
int sv__step_homoglyphs(const char *in, size_t in_len, sv_buf *out,
                        sv__editlist *edits, const sv__step_env *env);
int sv__step_glued(const char *in, size_t in_len, sv_buf *out,
                   sv__editlist *edits, const sv__step_env *env);
int sv__step_hyphenation(const char *in, size_t in_len, sv_buf *out,
                         sv__editlist *edits, const sv__step_env *env);
int sv__step_drop(const char *in, size_t in_len, sv_buf *out,
                  sv__editlist *edits, const sv__step_env *env);

/* sv_normalize_run() without the fast path: every step over the whole
 * record.  The tests compare the two. */
int sv__normalize_run_full(const struct sv_normalizer *n, sv_context *ctx,
                           const char *text, size_t text_len, sv_buf *out,
                           sv_normalize_result *res, sv_error *err);

/* Build the normalization-safe table for sv_normalizer::norm_safe. */
int sv__norm_build_safe_table(uint8_t **out, int nfkc);

/* Abbreviation and boilerplate data (data.c). */
int sv__norm_load_data(struct sv_normalizer *n, sv_error *err);
void sv__norm_free_data(struct sv_normalizer *n);
/* Append s case-folded (ASCII and basic Cyrillic) to out. */
int sv__norm_fold(sv_buf *out, const char *s, size_t len);
/* Is w[0..len) (without its final period) a known abbreviation? */
int sv__norm_is_abbrev(const struct sv_normalizer *n, const char *w,
                       size_t len);

/* ---- the edit-recording writer ----------------------------------------- */

/* A step copies its input to its output, replacing some ranges; the writer
 * copies the unchanged bytes lazily (one memcpy per unchanged span) and
 * records each replacement as an edit. */
typedef struct sv__writer {
    const char *in;
    size_t in_len;
    size_t copied; /* input bytes [0, copied) are already in out */
    int changed;   /* a replacement was made */
    sv_buf *out;
    sv__editlist *edits;
    const char *step;
} sv__writer;

void sv__writer_init(sv__writer *w, const char *in, size_t in_len,
                     sv_buf *out, sv__editlist *edits, const char *step);
/* Replace in[start, end) (start >= w->copied) with rep[0..rep_len). */
int sv__writer_replace(sv__writer *w, size_t start, size_t end,
                       const char *rep, size_t rep_len);
/* Same, naming the step of this edit (drop reasons). */
int sv__writer_replace_as(sv__writer *w, size_t start, size_t end,
                          const char *rep, size_t rep_len, const char *step);
/* Copy the rest of the input.  When nothing was replaced nothing is copied
 * at all: the pipeline keeps a step's input when its edit list is empty. */
int sv__writer_finish(sv__writer *w);

/* ---- eight bytes at a time ---------------------------------------------- */

/* Hot loops skip uninteresting text a 64-bit word at a time.  The masks are
 * exact per byte and symmetric, so byte order does not matter. */
#define SV__ONES UINT64_C(0x0101010101010101)
#define SV__HIGHS UINT64_C(0x8080808080808080)

static inline uint64_t sv__load8(const char *p)
{
    uint64_t v;

    memcpy(&v, p, 8);
    return v;
}

/* 0x80 in every byte of v that is zero, 0 elsewhere. */
static inline uint64_t sv__zero_bytes(uint64_t v)
{
    uint64_t t = (v & ~SV__HIGHS) + ~SV__HIGHS;

    return ~(t | v | ~SV__HIGHS);
}

/* 0x80 in every byte of v equal to c. */
static inline uint64_t sv__eq_bytes(uint64_t v, unsigned char c)
{
    return sv__zero_bytes(v ^ (SV__ONES * c));
}

/* 0x80 in every byte b of v with lo < b < hi (all bytes < 0x80, hi <=
 * 128): "hasbetween" from Sean Anderson's bit hacks, exact per byte. */
static inline uint64_t sv__between_bytes(uint64_t v, unsigned lo, unsigned hi)
{
    uint64_t x = v & (SV__ONES * 127);

    return (SV__ONES * (127 + hi) - x) & ~v & (x + SV__ONES * (127 - lo)) &
           SV__HIGHS;
}

/* Does v hold a byte >= 0x80? */
static inline int sv__has_high(uint64_t v)
{
    return (v & SV__HIGHS) != 0;
}

/* Does v hold a byte < 0x20 or equal to 0x7F (ASCII controls)? */
static inline int sv__has_control(uint64_t v)
{
    return (((v & ~SV__HIGHS) - SV__ONES * 0x20) & ~v & SV__HIGHS) != 0 ||
           sv__eq_bytes(v, 0x7F) != 0;
}

/* Index of the first byte of s[i, len) equal to a, b or c, or len;
 * sixteen bytes at a time where SSE2 is there, else eight. */
static inline size_t sv__find3(const char *s, size_t i, size_t len, char a,
                               char b, char c)
{
#if defined(__SSE2__) && defined(__GNUC__)
    const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b),
                  vc = _mm_set1_epi8(c);

    while (i + 16 <= len) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)),
            _mm_cmpeq_epi8(v, vc)));

        if (m)
            return i + (size_t)__builtin_ctz(m);
        i += 16;
    }
#endif
    while (i + 8 <= len) {
        uint64_t v = sv__load8(s + i);

        if (sv__eq_bytes(v, (unsigned char)a) | sv__eq_bytes(v, (unsigned char)b) |
            sv__eq_bytes(v, (unsigned char)c))
            break;
        i += 8;
    }
    while (i < len && s[i] != a && s[i] != b && s[i] != c)
        i++;
    return i;
}

/* Index of the first byte >= 0x80 in s[i, len), or len. */
static inline size_t sv__next_high(const char *s, size_t i, size_t len)
{
    while (i + 8 <= len && !sv__has_high(sv__load8(s + i)))
        i += 8;
    while (i < len && (unsigned char)s[i] < 0x80)
        i++;
    return i;
}

/* ---- character classes -------------------------------------------------- */

enum { SV__SC_OTHER = 0, SV__SC_LATIN = 1, SV__SC_CYRILLIC = 2 };

/* Decode the code point at s[i] (valid UTF-8 guaranteed); *n its length. */
static inline uint32_t sv__cp_at(const char *s, size_t len, size_t i,
                                 size_t *n)
{
    const unsigned char *p = (const unsigned char *)s + i;
    unsigned char c = p[0];

    (void)len;
    if (c < 0x80) {
        *n = 1;
        return c;
    }
    if (c < 0xE0) {
        *n = 2;
        return ((uint32_t)(c & 0x1F) << 6) | (p[1] & 0x3F);
    }
    if (c < 0xF0) {
        *n = 3;
        return ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) |
               (p[2] & 0x3F);
    }
    *n = 4;
    return ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
           ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

/* Start of the code point that ends at s[i] (i > 0). */
static inline size_t sv__cp_before(const char *s, size_t i)
{
    size_t j = i - 1;

    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    return j;
}

/* Script of a letter: Latin (ASCII, Latin-1, Extended-A/B), Cyrillic, or
 * other (not a letter we classify). */
int sv__cp_script(uint32_t cp);
int sv__cp_is_letter(uint32_t cp);
int sv__cp_is_upper(uint32_t cp);
int sv__cp_is_lower(uint32_t cp);
/* Opening and closing quotation marks of any style. */
int sv__cp_is_quote(uint32_t cp);
/* Characters that close a sentence's trailing punctuation: quotes, ) ] */
int sv__cp_is_closer(uint32_t cp);

/* Count Latin and Cyrillic letters in s (a byte loop; no decoding). */
void sv__count_scripts(const char *s, size_t len, size_t *latin,
                       size_t *cyrillic);

/* Static step names, shared so that edits compare by pointer. */
extern const char sv__name_decode[];
extern const char sv__name_mojibake[];
extern const char sv__name_entities[];
extern const char sv__name_controls[];
extern const char sv__name_unicode[];
extern const char sv__name_spaces[];
extern const char sv__name_punctuation[];
extern const char sv__name_homoglyphs[];
extern const char sv__name_glued[];
extern const char sv__name_hyphenation[];
extern const char sv__name_drop_boilerplate[];
extern const char sv__name_drop_duplicates[];
extern const char sv__name_drop_notes[];

#endif
