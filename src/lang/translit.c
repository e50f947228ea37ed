/* SPDX-License-Identifier: MIT */
/*
 * Transliteration: ICU "Russian-Latin/BGN" behind a per-thread handle that
 * owns its UTF-16 scratch (STYLE U2), and the loose name key: a table
 * romanisation of Cyrillic followed by a skeleton that erases the usual
 * differences between romanisations (BGN, ISO 9 without diacritics,
 * German and Polish spellings, English press habits).
 */
#include "lang/translit.h"

#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "base/alloc.h"
#include "base/buf_internal.h"
#include "base/error_internal.h"
#include "lang/script.h"
#include "lang/wordcase.h"

struct sv__translit {
    UTransliterator *tr;
    UChar *u16;      /* scratch, cap UChars */
    int32_t cap;
};

int sv__translit_new(sv__translit **out, sv_error *err)
{
    static const UChar ID[] = {'R', 'u', 's', 's', 'i', 'a', 'n', '-', 'L',
                               'a', 't', 'i', 'n', '/', 'B', 'G', 'N', 0};
    sv__translit *t;
    UErrorCode st = U_ZERO_ERROR;

    SV_ASSERT_ARG(out);
    *out = NULL;
    t = sv__calloc(1, sizeof(*t));
    if (!t)
        return sv__error_oom(err);
    t->tr = utrans_openU(ID, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
    if (U_FAILURE(st)) {
        sv__free(t);
        return sv__error_set(err, SV_ERROR,
                             "ICU utrans_openU(Russian-Latin/BGN): %s",
                             u_errorName(st));
    }
    *out = t;
    return SV_OK;
}

void sv__translit_free(sv__translit *t)
{
    if (!t)
        return;
    if (t->tr)
        utrans_close(t->tr);
    sv__free(t->u16);
    sv__free(t);
}

static int reserve_u16(sv__translit *t, int32_t need)
{
    UChar *p;

    if (need <= t->cap)
        return SV_OK;
    p = sv__realloc(t->u16, (size_t)need * sizeof(UChar));
    if (!p)
        return SV_ENOMEM;
    t->u16 = p;
    t->cap = need;
    return SV_OK;
}

/* Convert t->u16[0..n) to UTF-8 appended to out. */
static int append_utf8(sv_buf *out, const UChar *s, int32_t n)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t need = 0;
    int rc;

    u_strToUTF8(NULL, 0, &need, s, n, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
        return SV_ERROR;
    if ((rc = sv__buf_grow(out, (size_t)need + 1)) < 0)
        return rc;
    st = U_ZERO_ERROR;
    u_strToUTF8(out->ptr + out->size, need + 1, NULL, s, n, &st);
    if (U_FAILURE(st))
        return SV_ERROR;
    out->size += (size_t)need;
    out->ptr[out->size] = '\0';
    return SV_OK;
}

int sv__translit_ru_latin(sv__translit *t, const char *text, size_t len,
                          sv_buf *out)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = 0, limit, cap;
    int rc;

    SV_ASSERT_ARG(t && out && (text || len == 0));
    if (len > (size_t)INT32_MAX / 8)
        return SV_ETOOBIG;
    /* BGN output is at most 4 UTF-16 units per input letter ("щ" ->
     * "shch"); a UTF-8 byte yields at most one unit. */
    cap = (int32_t)len * 4 + 16;
    if ((rc = reserve_u16(t, cap)) < 0)
        return rc;
    u_strFromUTF8WithSub(t->u16, t->cap, &n, text, (int32_t)len, 0xFFFD,
                         NULL, &st);
    if (U_FAILURE(st))
        return SV_ERROR;
    limit = n;
    utrans_transUChars(t->tr, t->u16, &n, t->cap, 0, &limit, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR || U_FAILURE(st))
        return SV_ERROR;
    return append_utf8(out, t->u16, n);
}

/* ---- name key ----------------------------------------------------------- */

/* Romanisation of lowercase Cyrillic U+0430..U+045F (а..я, ѐ..џ) for the
 * key: close to English press usage; the skeleton removes the rest. */
static const char *const CYR[48] = {
    "a", "b", "v", "g", "d", "e", "zh", "z", "i", "i", "k", "l", "m", "n",
    "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "",
    "y", "", "e", "yu", "ya",
    /* U+0450.. ѐ ё ђ ѓ є ѕ і ї ј љ њ ћ ќ ѝ ў џ */
    "e", "e", "dj", "g", "ye", "dz", "i", "yi", "j", "lj", "nj", "c", "k",
    "i", "u", "dz"};

/* Latin-1 and a few Latin Extended-A letters without their marks. */
static const char *latin_fold(uint32_t lc)
{
    static const char L1[32][3] = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i",
        "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u",
        "u", "u", "y", "th", "ss"};

    if (lc >= 0xE0 && lc <= 0xFF && lc != 0xF7)
        return lc == 0xFF ? "y" : L1[lc - 0xE0];
    switch (lc) {
    case 0x161: return "sh"; /* š */
    case 0x17E: return "zh"; /* ž */
    case 0x10D: case 0x107: return "ch"; /* č ć */
    case 0x159: return "r";  /* ř */
    case 0x142: return "l";  /* ł */
    case 0x144: return "n";  /* ń */
    case 0x15B: return "s";  /* ś */
    case 0x17A: case 0x17C: return "z";
    case 0x131: return "i";
    case 0x11B: case 0x119: case 0x113: return "e";
    case 0x101: case 0x105: return "a";
    case 0x16B: case 0x16F: return "u";
    default: return NULL;
    }
}

/* Step 1: lowercase ASCII romanisation into buf; 0 if a letter of
 * another script occurs or nothing is left. */
static size_t romanise(const char *name, size_t len, char *buf, size_t size)
{
    size_t p = 0, k = 0;

    while (p < len) {
        uint32_t cp, lc;
        size_t n = sv__cp_next(name, len, p, &cp), j;
        const char *r = NULL;
        char one[2] = {0, 0};

        p += n;
        lc = sv__cp_lower(cp);
        if (lc == 0x491 || lc == 0x490)
            lc = 0x491;
        if (lc < 0x80) {
            if (!((lc >= 'a' && lc <= 'z')))
                continue; /* hyphens, apostrophes, spaces, digits */
            one[0] = (char)lc;
            r = one;
        } else if (lc >= 0x430 && lc <= 0x45F) {
            r = CYR[lc - 0x430];
        } else if (lc == 0x491) {
            r = "g";
        } else if (sv__cclass_of(lc) != SV__CC_LETTER) {
            continue; /* ’ ‐ and other marks */
        } else if ((r = latin_fold(lc)) == NULL) {
            return 0; /* another script: no key */
        }
        for (j = 0; r[j] && k + 1 < size; j++)
            buf[k++] = r[j];
    }
    buf[k] = '\0';
    return k;
}

/* Step 2: spelling variants, longest first; y and j become i.  Rules
 * are grouped by first letter so each byte tries only its own. */
typedef struct rule {
    const char *from, *to;
} rule;

static const rule R_S[] = {{"shch", "s"}, {"sch", "s"}, {"sh", "s"},
                           {"sz", "s"}, {NULL, NULL}};
static const rule R_T[] = {{"tsch", "c"}, {"tch", "c"}, {"ts", "c"},
                           {"tz", "c"}, {"th", "t"}, {NULL, NULL}};
static const rule R_C[] = {{"ch", "c"}, {"cz", "c"}, {"ck", "k"},
                           {NULL, NULL}};
static const rule R_Z[] = {{"zh", "z"}, {NULL, NULL}};
static const rule R_K[] = {{"kh", "h"}, {NULL, NULL}};
static const rule R_P[] = {{"ph", "f"}, {NULL, NULL}};
static const rule R_ONE[] = {{"x", "ks"}, {"w", "v"}, {"q", "k"},
                             {"y", "i"}, {"j", "i"}, {NULL, NULL}};

static const rule *rules_for(char c)
{
    switch (c) {
    case 's': return R_S;
    case 't': return R_T;
    case 'c': return R_C;
    case 'z': return R_Z;
    case 'k': return R_K;
    case 'p': return R_P;
    case 'x': case 'w': case 'q': case 'y': case 'j': return R_ONE;
    default: return NULL;
    }
}

static size_t rewrite(const char *in, size_t n, char *out, size_t size)
{
    size_t i = 0, k = 0;

    while (i < n) {
        const rule *r = rules_for(in[i]);
        const char *to = NULL;
        size_t fl = 1;

        for (; r && r->from; r++) {
            size_t l = strlen(r->from);

            if (i + l <= n && memcmp(in + i, r->from, l) == 0) {
                to = r->to;
                fl = l;
                break;
            }
        }
        if (!to) {
            if (k + 1 < size)
                out[k++] = in[i];
        } else {
            for (; *to && k + 1 < size; to++)
                out[k++] = *to;
        }
        i += fl;
    }
    out[k] = '\0';
    return k;
}

/* Collapse runs of the same letter ("zelenskii" -> "zelenski"). */
static size_t collapse(char *s, size_t n)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++)
        if (k == 0 || s[k - 1] != s[i])
            s[k++] = s[i];
    s[k] = '\0';
    return k;
}

/* Step 3: "ie" -> "e" (Yevgeny/Evgeny, Andreyev/Andreev, Soloviev/
 * Solovev), "io" -> "e" after the first letter (Solovyov/Соловьёв,
 * Fyodor/Фёдор), a final "of" -> "ov" (Smirnoff).  In place. */
static size_t vowels(char *s, size_t n)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++) {
        if (s[i] == 'i' && i + 1 < n &&
            (s[i + 1] == 'e' || (s[i + 1] == 'o' && i > 0))) {
            s[k++] = 'e';
            i++;
            continue;
        }
        s[k++] = s[i];
    }
    if (k >= 3 && s[k - 2] == 'o' && s[k - 1] == 'f')
        s[k - 1] = 'v';
    s[k] = '\0';
    return k;
}

size_t sv__name_key(const char *name, size_t len, char key[SV__NAME_KEY_MAX])
{
    char a[SV__NAME_KEY_MAX * 2];
    size_t n;

    key[0] = '\0';
    if (!name)
        return 0;
    n = romanise(name, len, a, sizeof(a));
    if (n == 0)
        return 0;
    n = rewrite(a, n, key, SV__NAME_KEY_MAX);
    n = collapse(key, n);
    n = vowels(key, n);
    return collapse(key, n);
}

int sv__name_match(const char *a, size_t a_len, const char *b, size_t b_len)
{
    char ka[SV__NAME_KEY_MAX], kb[SV__NAME_KEY_MAX];
    size_t na = sv__name_key(a, a_len, ka), nb = sv__name_key(b, b_len, kb);

    return na > 0 && na == nb && memcmp(ka, kb, na) == 0;
}
