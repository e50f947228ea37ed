/* SPDX-License-Identifier: MIT */
/*
 * hunspell affix files and the expansion of dictionary entries (see
 * affix.h): prefixes and suffixes with their conditions, cross products,
 * continuation classes (twofold suffixes, suffixes allowed by a prefix),
 * flag aliases (AF), the four flag notations and the 8-bit encodings of
 * the code-page tables.  Build-time code: clarity over speed.
 */
#include "lang/affix.h"

#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf_internal.h"
#include "base/error_internal.h"
#include "base/utf8.h"
#include "lang/codepage.h"
#include "lang/datafile.h"
#include "lang/wordcase.h"

#define MAX_FLAGS 512 /* flags on one entry */
#define MAX_CPS 256   /* code points of a word a condition looks at */
#define MAX_FILE (256u << 20)
#define N_FLAGS 65536 /* flag values we index directly */

enum { FLAG_CHAR, FLAG_LONG, FLAG_NUM, FLAG_UTF8 };

/* One position of a condition: any character, or a (negated) set. */
typedef struct cond_pos {
    int any, neg;
    size_t first, count; /* in sv__affixes.cond_cps */
} cond_pos;

typedef struct affix_entry {
    char *strip, *add; /* UTF-8 */
    size_t strip_len, add_len;
    size_t cond_first, cond_count; /* in sv__affixes.conds */
    uint32_t *cont;                /* continuation flags */
    size_t n_cont;
} affix_entry;

typedef struct affix_class {
    int prefix, cross;
    size_t first, count; /* entries */
} affix_class;

struct sv__affixes {
    char encoding[64];
    int utf8, flag_mode;
    sv__codepage page;
    affix_entry *entries;
    size_t n_entries, cap_entries;
    affix_class *classes;
    size_t n_classes, cap_classes;
    int32_t *class_of[2]; /* [prefix][flag] -> class index or -1 */
    cond_pos *conds;
    size_t n_conds, cap_conds;
    uint32_t *cond_cps;
    size_t n_cond_cps, cap_cond_cps;
    sv_buf *aliases; /* AF lines, raw */
    size_t n_aliases, cap_aliases;
    sv__iconv_pair *iconv;
    size_t n_iconv;
    uint32_t compound_flags[64]; /* flags named in COMPOUNDRULE */
    size_t n_compound_flags;
};

/* ---- small helpers ---- */

/* Split line[0..n) at blanks into up to max fields. */
static size_t split_fields(const char *line, size_t n, const char **f,
                           size_t *fl, size_t max)
{
    size_t i = 0, k = 0;

    while (i < n && k < max) {
        size_t s;

        while (i < n && (line[i] == ' ' || line[i] == '\t'))
            i++;
        if (i >= n)
            break;
        s = i;
        while (i < n && line[i] != ' ' && line[i] != '\t')
            i++;
        f[k] = line + s;
        fl[k++] = i - s;
    }
    return k;
}

static int field_is(const char *f, size_t fl, const char *word)
{
    return fl == strlen(word) && memcmp(f, word, fl) == 0;
}

static size_t parse_count(const char *f, size_t fl)
{
    size_t i, v = 0;

    for (i = 0; i < fl && f[i] >= '0' && f[i] <= '9' && v < 10000000; i++)
        v = v * 10 + (size_t)(f[i] - '0');
    return i == fl && fl ? v : (size_t)-1;
}

/* Dictionary-encoded text to UTF-8, appended to out. */
static int decode(const sv__affixes *a, const char *s, size_t n, sv_buf *out)
{
    size_t i;
    int rc = SV_OK;

    if (a->utf8)
        return sv_buf_put(out, s, n);
    for (i = 0; i < n && rc == SV_OK; i++) {
        unsigned char b = (unsigned char)s[i];
        char tmp[4];

        if (b < 0x80) {
            rc = sv__buf_putc(out, (char)b);
            continue;
        }
        rc = sv_buf_put(out, tmp,
                        sv__utf8_encode(sv__codepage_decode(a->page, b), tmp));
    }
    return rc;
}

int sv__affixes_encode(const sv__affixes *a, const char *s, size_t n,
                       sv_buf *out)
{
    size_t i = 0;

    sv_buf_clear(out);
    if (a->utf8)
        return sv_buf_put(out, s, n) < 0 ? SV_ENOMEM : 1;
    while (i < n) {
        int32_t cp;
        int b;

        i += sv__utf8_decode((const unsigned char *)s + i, n - i, &cp);
        b = cp < 0 ? -1 : sv__codepage_encode(a->page, (uint32_t)cp);
        if (b < 0)
            return 0;
        if (sv__buf_putc(out, (char)b) < 0)
            return SV_ENOMEM;
    }
    return 1;
}

/* ---- flags ---- */

static size_t parse_flags_raw(const sv__affixes *a, const char *s, size_t n,
                              uint32_t *out)
{
    size_t i = 0, k = 0;

    while (i < n && k < MAX_FLAGS) {
        if (a->flag_mode == FLAG_LONG) {
            out[k++] = (uint32_t)(unsigned char)s[i] << 8 |
                       (i + 1 < n ? (unsigned char)s[i + 1] : 0);
            i += 2;
        } else if (a->flag_mode == FLAG_NUM) {
            uint32_t v = 0;

            while (i < n && s[i] >= '0' && s[i] <= '9' && v < 100000)
                v = v * 10 + (uint32_t)(s[i++] - '0');
            out[k++] = v;
            while (i < n && (s[i] < '0' || s[i] > '9'))
                i++;
        } else if (a->flag_mode == FLAG_UTF8) {
            int32_t cp;

            i += sv__utf8_decode((const unsigned char *)s + i, n - i, &cp);
            out[k++] = cp < 0 ? 0 : (uint32_t)cp;
        } else {
            out[k++] = (unsigned char)s[i++];
        }
    }
    return k;
}

/* Flags of a dictionary entry or affix continuation, through the AF
 * aliases when the file has them. */
static size_t parse_flags(const sv__affixes *a, const char *s, size_t n,
                          uint32_t *out)
{
    size_t idx;

    if (a->n_aliases && (idx = parse_count(s, n)) != (size_t)-1) {
        if (idx == 0 || idx > a->n_aliases)
            return 0;
        return parse_flags_raw(a, a->aliases[idx - 1].ptr,
                               a->aliases[idx - 1].size, out);
    }
    return parse_flags_raw(a, s, n, out);
}

static int class_for(const sv__affixes *a, int prefix, uint32_t flag)
{
    return flag < N_FLAGS ? a->class_of[prefix][flag] : -1;
}

/* ---- conditions ---- */

static int add_cond_cp(sv__affixes *a, uint32_t cp)
{
    if (sv__grow_array((void **)&a->cond_cps, &a->cap_cond_cps,
                       a->n_cond_cps + 1, sizeof(uint32_t)) < 0)
        return SV_ENOMEM;
    a->cond_cps[a->n_cond_cps++] = cp;
    return SV_OK;
}

/* Parse a UTF-8 condition ("[^аеи]я", ".", "ey") into positions. */
static int parse_condition(sv__affixes *a, const char *s, size_t n,
                           affix_entry *e)
{
    size_t i = 0;

    e->cond_first = a->n_conds;
    if (n == 1 && s[0] == '.')
        return SV_OK;
    while (i < n) {
        cond_pos p = {0, 0, a->n_cond_cps, 0};
        int32_t cp;
        int in_set = s[i] == '[';

        if (s[i] == '.') {
            p.any = 1;
            i++;
        } else if (in_set) {
            i++;
            if (i < n && s[i] == '^') {
                p.neg = 1;
                i++;
            }
            while (i < n && s[i] != ']') {
                i += sv__utf8_decode((const unsigned char *)s + i, n - i, &cp);
                if (add_cond_cp(a, cp < 0 ? 0 : (uint32_t)cp) < 0)
                    return SV_ENOMEM;
            }
            i++; /* the ']' */
        } else {
            i += sv__utf8_decode((const unsigned char *)s + i, n - i, &cp);
            if (add_cond_cp(a, cp < 0 ? 0 : (uint32_t)cp) < 0)
                return SV_ENOMEM;
        }
        p.count = a->n_cond_cps - p.first;
        if (sv__grow_array((void **)&a->conds, &a->cap_conds, a->n_conds + 1,
                           sizeof(cond_pos)) < 0)
            return SV_ENOMEM;
        a->conds[a->n_conds++] = p;
        e->cond_count++;
    }
    return SV_OK;
}

static int pos_matches(const sv__affixes *a, const cond_pos *p, uint32_t cp)
{
    size_t i;
    int in = 0;

    if (p->any)
        return 1;
    for (i = 0; i < p->count && !in; i++)
        in = a->cond_cps[p->first + i] == cp;
    return p->neg ? !in : in;
}

/* The entry's condition holds at the start (prefix) or end of cps. */
static int cond_holds(const sv__affixes *a, const affix_entry *e, int prefix,
                      const uint32_t *cps, size_t n)
{
    size_t i, at;

    if (e->cond_count > n)
        return 0;
    at = prefix ? 0 : n - e->cond_count;
    for (i = 0; i < e->cond_count; i++)
        if (!pos_matches(a, &a->conds[e->cond_first + i], cps[at + i]))
            return 0;
    return 1;
}

/* ---- the affix file ---- */

static const char *const refused[] = {"COMPOUNDFLAG",
                                      "COMPOUNDBEGIN",
                                      "COMPOUNDMIDDLE",
                                      "COMPOUNDEND",
                                      "COMPLEXPREFIXES",
                                      "IGNORE",
                                      "KEEPCASE",
                                      "FORCEUCASE",
                                      "CHECKSHARPS",
                                      "FORBIDDENWORD",
                                      "BREAK",
                                      "FORBIDWARN",
                                      "LANG",
                                      NULL};

static int set_encoding(sv__affixes *a, const char *f, size_t fl, sv_error *err)
{
    static const struct {
        const char *name;
        sv__codepage page;
    } pages[] = {{"KOI8-R", SV__CP_KOI8_R},
                 {"microsoft-cp1251", SV__CP_WINDOWS_1251},
                 {"CP1251", SV__CP_WINDOWS_1251},
                 {"ISO8859-1", SV__CP_WINDOWS_1252},
                 {"ISO-8859-1", SV__CP_WINDOWS_1252}};
    size_t i;

    snprintf(a->encoding, sizeof(a->encoding), "%.*s", (int)fl, f);
    a->utf8 = field_is(f, fl, "UTF-8");
    for (i = 0; !a->utf8 && i < sizeof(pages) / sizeof(pages[0]); i++)
        if (field_is(f, fl, pages[i].name)) {
            a->page = pages[i].page;
            return SV_OK;
        }
    return a->utf8 ? SV_OK
                   : sv__error_set(err, SV_EUNSUPPORTED,
                                   "encoding %s is not supported", a->encoding);
}

static int add_class(sv__affixes *a, int prefix, const char **f,
                     const size_t *fl, sv_error *err)
{
    uint32_t flags[MAX_FLAGS];
    affix_class *c;

    if (parse_flags_raw(a, f[1], fl[1], flags) != 1 || flags[0] >= N_FLAGS)
        return sv__error_set(err, SV_EFORMAT, "bad affix flag '%.*s'",
                             (int)fl[1], f[1]);
    if (sv__grow_array((void **)&a->classes, &a->cap_classes, a->n_classes + 1,
                       sizeof(affix_class)) < 0)
        return sv__error_oom(err);
    c = &a->classes[a->n_classes];
    c->prefix = prefix;
    c->cross = fl[2] == 1 && f[2][0] == 'Y';
    c->first = a->n_entries;
    c->count = 0;
    a->class_of[prefix][flags[0]] = (int32_t)a->n_classes++;
    return SV_OK;
}

static int field_text(const sv__affixes *a, const char *f, size_t fl,
                      char **out, size_t *len)
{
    sv_buf b = SV_BUF_INIT;

    if (!(fl == 1 && f[0] == '0') && decode(a, f, fl, &b) < 0) {
        sv_buf_dispose(&b);
        return SV_ENOMEM;
    }
    *out = sv__strndup(b.ptr ? b.ptr : "", b.size);
    *len = b.size;
    sv_buf_dispose(&b);
    return *out ? SV_OK : SV_ENOMEM;
}

static int add_entry(sv__affixes *a, size_t nf, const char **f,
                     const size_t *fl, sv_error *err)
{
    uint32_t flags[MAX_FLAGS];
    affix_entry *e;
    const char *slash = memchr(f[3], '/', fl[3]);
    size_t add_len = slash ? (size_t)(slash - f[3]) : fl[3];
    sv_buf cond = SV_BUF_INIT;
    int cls, rc;

    if (parse_flags_raw(a, f[1], fl[1], flags) != 1 ||
        (cls = class_for(a, f[0][0] == 'P', flags[0])) < 0)
        return sv__error_set(err, SV_EFORMAT,
                             "affix entry before its "
                             "header: '%.*s'",
                             (int)fl[1], f[1]);
    if (sv__grow_array((void **)&a->entries, &a->cap_entries, a->n_entries + 1,
                       sizeof(affix_entry)) < 0)
        return sv__error_oom(err);
    e = &a->entries[a->n_entries];
    memset(e, 0, sizeof(*e));
    a->n_entries++;
    a->classes[cls].count++;
    if (field_text(a, f[2], fl[2], &e->strip, &e->strip_len) < 0 ||
        field_text(a, f[3], add_len, &e->add, &e->add_len) < 0)
        return sv__error_oom(err);
    if (slash) {
        size_t n = parse_flags(a, slash + 1, fl[3] - add_len - 1, flags);

        e->cont = sv__malloc(sizeof(uint32_t) * (n ? n : 1));
        if (!e->cont)
            return sv__error_oom(err);
        memcpy(e->cont, flags, n * sizeof(uint32_t));
        e->n_cont = n;
    }
    rc = decode(a, nf > 4 ? f[4] : ".", nf > 4 ? fl[4] : 1, &cond);
    if (rc == SV_OK)
        rc = parse_condition(a, cond.ptr, cond.size, e);
    sv_buf_dispose(&cond);
    return rc < 0 ? sv__error_oom(err) : SV_OK;
}

static int add_alias(sv__affixes *a, const char *f, size_t fl)
{
    if (sv__grow_array((void **)&a->aliases, &a->cap_aliases, a->n_aliases + 1,
                       sizeof(sv_buf)) < 0)
        return SV_ENOMEM;
    a->aliases[a->n_aliases] = (sv_buf)SV_BUF_INIT;
    return sv_buf_put(&a->aliases[a->n_aliases++], f, fl);
}

static int add_iconv(sv__affixes *a, const char *f, size_t fl, const char *t,
                     size_t tl)
{
    sv__iconv_pair *p;
    char *from, *to;
    size_t from_len, to_len;

    if (a->n_iconv >= SV__WORDSET_MAX_ICONV)
        return SV_ETOOBIG;
    if (field_text(a, f, fl, &from, &from_len) < 0)
        return SV_ENOMEM;
    if (field_text(a, t, tl, &to, &to_len) < 0) {
        sv__free(from);
        return SV_ENOMEM;
    }
    if (!a->iconv &&
        !(a->iconv = sv__calloc(SV__WORDSET_MAX_ICONV, sizeof(*a->iconv)))) {
        sv__free(from);
        sv__free(to);
        return SV_ENOMEM;
    }
    p = &a->iconv[a->n_iconv++];
    p->from = from;
    p->from_len = from_len;
    p->to = to;
    p->to_len = to_len;
    return SV_OK;
}

/* COMPOUNDRULE n*1t: remember the flags it names (char or long flags in
 * parentheses are named singly; the rule's operators are skipped). */
static void add_compound_rule(sv__affixes *a, const char *f, size_t fl)
{
    uint32_t flags[MAX_FLAGS];
    size_t n = parse_flags_raw(a, f, fl, flags), i;

    for (i = 0; i < n && a->n_compound_flags < 64; i++)
        if (flags[i] != '*' && flags[i] != '?' && flags[i] != '(' &&
            flags[i] != ')')
            a->compound_flags[a->n_compound_flags++] = flags[i];
}

static int directive(sv__affixes *a, size_t nf, const char **f,
                     const size_t *fl, sv_error *err)
{
    size_t i;

    for (i = 0; refused[i]; i++)
        if (field_is(f[0], fl[0], refused[i]))
            return sv__error_set(err, SV_EUNSUPPORTED, "%s is not supported",
                                 refused[i]);
    if (field_is(f[0], fl[0], "SET") && nf >= 2)
        return set_encoding(a, f[1], fl[1], err);
    if (field_is(f[0], fl[0], "FLAG") && nf >= 2) {
        a->flag_mode = field_is(f[1], fl[1], "long")    ? FLAG_LONG
                       : field_is(f[1], fl[1], "num")   ? FLAG_NUM
                       : field_is(f[1], fl[1], "UTF-8") ? FLAG_UTF8
                                                        : FLAG_CHAR;
        return SV_OK;
    }
    if (field_is(f[0], fl[0], "AF") && nf >= 2 &&
        parse_count(f[1], fl[1]) == (size_t)-1)
        return add_alias(a, f[1], fl[1]) < 0 ? sv__error_oom(err) : SV_OK;
    if (field_is(f[0], fl[0], "ICONV") && nf >= 3)
        return add_iconv(a, f[1], fl[1], f[2], fl[2]) < 0
                   ? sv__error_set(err, SV_ETOOBIG, "bad ICONV table")
                   : SV_OK;
    if (field_is(f[0], fl[0], "COMPOUNDRULE") && nf >= 2 &&
        parse_count(f[1], fl[1]) == (size_t)-1)
        add_compound_rule(a, f[1], fl[1]);
    if ((field_is(f[0], fl[0], "PFX") || field_is(f[0], fl[0], "SFX")) &&
        nf >= 4) {
        if (nf == 4 && parse_count(f[3], fl[3]) != (size_t)-1 && fl[2] == 1 &&
            (f[2][0] == 'Y' || f[2][0] == 'N'))
            return add_class(a, f[0][0] == 'P', f, fl, err);
        return add_entry(a, nf, f, fl, err);
    }
    return SV_OK;
}

static int parse_aff(sv__affixes *a, const char *text, size_t size,
                     sv_error *err)
{
    size_t pos = 0, line = 0;
    int rc = SV_OK;

    while (pos < size && rc == SV_OK) {
        const char *nl = memchr(text + pos, '\n', size - pos);
        size_t end = nl ? (size_t)(nl - text) : size, nf, fl[6];
        const char *f[6];

        line++;
        nf = split_fields(text + pos, end - pos, f, fl, 6);
        if (nf > 0 && f[0][0] != '#')
            rc = directive(a, nf, f, fl, err);
        pos = end + 1;
    }
    if (rc < 0 && err) {
        char why[sizeof(err->message)];

        memcpy(why, err->message, sizeof(why));
        sv__error_set(err, rc, "line %zu: %s", line, why);
    }
    return rc;
}

int sv__affixes_load(sv__affixes **out, const char *aff_path, sv_error *err)
{
    sv__affixes *a = sv__calloc(1, sizeof(*a));
    char *text = NULL;
    size_t size = 0, i;
    int rc;

    *out = NULL;
    if (!a)
        return sv__error_oom(err);
    a->utf8 = 0;
    a->page = SV__CP_WINDOWS_1252; /* hunspell's default: ISO8859-1 */
    snprintf(a->encoding, sizeof(a->encoding), "ISO8859-1");
    for (i = 0; i < 2; i++) {
        a->class_of[i] = sv__malloc(sizeof(int32_t) * N_FLAGS);
        if (!a->class_of[i]) {
            sv__affixes_free(a);
            return sv__error_oom(err);
        }
        memset(a->class_of[i], 0xff, sizeof(int32_t) * N_FLAGS);
    }
    if ((rc = sv__datafile_read(aff_path, MAX_FILE, &text, &size, err)) == 0)
        rc = parse_aff(a, text, size, err);
    sv__free(text);
    if (rc < 0) {
        sv__affixes_free(a);
        return rc;
    }
    *out = a;
    return SV_OK;
}

void sv__affixes_free(sv__affixes *a)
{
    size_t i;

    if (!a)
        return;
    for (i = 0; i < a->n_entries; i++) {
        sv__free(a->entries[i].strip);
        sv__free(a->entries[i].add);
        sv__free(a->entries[i].cont);
    }
    for (i = 0; i < a->n_aliases; i++)
        sv_buf_dispose(&a->aliases[i]);
    for (i = 0; i < a->n_iconv; i++) {
        sv__free((char *)a->iconv[i].from);
        sv__free((char *)a->iconv[i].to);
    }
    sv__free(a->iconv);
    sv__free(a->aliases);
    sv__free(a->entries);
    sv__free(a->classes);
    sv__free(a->conds);
    sv__free(a->cond_cps);
    sv__free(a->class_of[0]);
    sv__free(a->class_of[1]);
    sv__free(a);
}

const char *sv__affixes_encoding(const sv__affixes *a)
{
    return a->encoding;
}

size_t sv__affixes_iconv(const sv__affixes *a, const sv__iconv_pair **pairs)
{
    *pairs = a->iconv;
    return a->n_iconv;
}

/* ---- expansion ---- */

/* One stem being expanded. */
typedef struct stem {
    const sv__affixes *a;
    const char *w;
    size_t len;
    const uint32_t *flags; /* the stem's flags */
    size_t n_flags;
    int upper_too; /* also propose the forms in capitals */
    sv__form_cb cb;
    void *payload;
    sv_buf upper;
} stem;

static size_t decode_cps(const char *w, size_t len, uint32_t *cps, size_t max)
{
    size_t i = 0, n = 0;

    while (i < len && n < max) {
        int32_t cp;

        i += sv__utf8_decode((const unsigned char *)w + i, len - i, &cp);
        cps[n++] = cp < 0 ? 0 : (uint32_t)cp;
    }
    return n;
}

static int emit(stem *s, const char *w, size_t len)
{
    int rc = s->cb(w, len, s->payload);

    if (rc < 0 || !s->upper_too)
        return rc;
    sv_buf_clear(&s->upper);
    if (sv__word_fold(&s->upper, w, len, SV__FOLD_UPPER) < 0)
        return SV_ENOMEM;
    return s->cb(s->upper.ptr, s->upper.size, s->payload);
}

/* out = w with e applied (strip then add, at the start for prefixes);
 * 0 when the condition (checked on w's code points cps[0..n)) or the
 * strip does not fit. */
static int apply(const sv__affixes *a, const affix_entry *e, int prefix,
                 const char *w, size_t len, const uint32_t *cps, size_t n,
                 sv_buf *out)
{
    if (e->strip_len >= len || !cond_holds(a, e, prefix, cps, n))
        return 0;
    sv_buf_clear(out);
    if (prefix) {
        if (memcmp(w, e->strip, e->strip_len) != 0)
            return 0;
        return sv_buf_put(out, e->add, e->add_len) == 0 &&
                       sv_buf_put(out, w + e->strip_len, len - e->strip_len) ==
                           0
                   ? 1
                   : SV_ENOMEM;
    }
    if (memcmp(w + len - e->strip_len, e->strip, e->strip_len) != 0)
        return 0;
    return sv_buf_put(out, w, len - e->strip_len) == 0 &&
                   sv_buf_put(out, e->add, e->add_len) == 0
               ? 1
               : SV_ENOMEM;
}

/* Every entry of the classes of flags[0..n) of one kind applied to w;
 * then, for each result, next(result) when given. */
typedef int (*then_fn)(stem *s, const affix_entry *e, int cross, const char *w,
                       size_t len);

static int apply_flags(stem *s, int prefix, const uint32_t *flags, size_t n,
                       const char *w, size_t len, then_fn next)
{
    sv_buf out = SV_BUF_INIT;
    uint32_t cps[MAX_CPS]; /* w decoded once for every entry's condition */
    size_t i, k, ncp = decode_cps(w, len, cps, MAX_CPS);
    int rc = SV_OK;

    for (i = 0; i < n && rc >= 0; i++) {
        int c = class_for(s->a, prefix, flags[i]);
        const affix_class *cl;

        if (c < 0)
            continue;
        cl = &s->a->classes[c];
        for (k = 0; k < cl->count && rc >= 0; k++) {
            const affix_entry *e = &s->a->entries[cl->first + k];

            if ((rc = apply(s->a, e, prefix, w, len, cps, ncp, &out)) <= 0)
                continue;
            if ((rc = emit(s, out.ptr, out.size)) >= 0 && next)
                rc = next(s, e, cl->cross, out.ptr, out.size);
        }
    }
    sv_buf_dispose(&out);
    return rc < 0 ? rc : SV_OK;
}

/* After a suffix: its continuation suffixes (twofold suffixes). */
static int after_suffix(stem *s, const affix_entry *e, int cross, const char *w,
                        size_t len)
{
    (void)cross;
    return e->n_cont ? apply_flags(s, 0, e->cont, e->n_cont, w, len, NULL)
                     : SV_OK;
}

/* After a suffix of a cross-product class: the stem's prefixes too. */
static int after_cross_suffix(stem *s, const affix_entry *e, int cross,
                              const char *w, size_t len)
{
    int rc = after_suffix(s, e, cross, w, len);

    if (rc < 0 || !cross)
        return rc;
    return apply_flags(s, 1, s->flags, s->n_flags, w, len, NULL);
}

/* After a prefix: suffixes its continuation class allows. */
static int after_prefix(stem *s, const affix_entry *e, int cross, const char *w,
                        size_t len)
{
    (void)cross;
    return e->n_cont ? apply_flags(s, 0, e->cont, e->n_cont, w, len, NULL)
                     : SV_OK;
}

/* hunspell adds a hidden capitalised twin of a mixed-case entry, or of an
 * all-capitals one with affixes, that words in capitals may match
 * ("OPENOFFICE.ORG", "NATO'S"). */
static int hidden_caps(const char *w, size_t len, size_t n_flags)
{
    sv__word_case c = sv__word_case_of(w, len);

    return c == SV__CASE_MIXED || (c == SV__CASE_UPPER && n_flags > 0);
}

static int expand_stem(stem *s, const uint32_t *flags, size_t n)
{
    int rc;

    s->upper_too = hidden_caps(s->w, s->len, n);
    s->flags = flags;
    s->n_flags = n;
    rc = emit(s, s->w, s->len);
    if (rc >= 0)
        rc = apply_flags(s, 0, flags, n, s->w, s->len, after_cross_suffix);
    if (rc < 0)
        return rc;
    return apply_flags(s, 1, flags, n, s->w, s->len, after_prefix);
}

/* Entries that take part in a COMPOUNDRULE must contain a digit: the
 * compounds are then numbers ("21st"), which the run-time rules leave to
 * hunspell; compounds of letters cannot be listed. */
static int compound_ok(const sv__affixes *a, const char *w, size_t len,
                       const uint32_t *flags, size_t n)
{
    size_t i, k;

    for (i = 0; i < len; i++)
        if (w[i] >= '0' && w[i] <= '9')
            return 1;
    for (i = 0; i < n; i++)
        for (k = 0; k < a->n_compound_flags; k++)
            if (flags[i] == a->compound_flags[k])
                return 0;
    return 1;
}

/* Split a .dic line into the word (unescaped, in out) and its flags. */
static void split_entry(const char *line, size_t n, sv_buf *word,
                        const char **flags, size_t *n_flags)
{
    size_t i, end = n;

    for (i = 0; i < n; i++)
        if (line[i] == '\t' ||
            (line[i] == ' ' && i + 3 < n && line[i + 3] == ':')) {
            end = i;
            break;
        }
    while (end > 0 && line[end - 1] == ' ')
        end--;
    *flags = NULL;
    *n_flags = 0;
    sv_buf_clear(word);
    for (i = 0; i < end; i++) {
        if (line[i] == '\\' && i + 1 < end && line[i + 1] == '/') {
            sv__buf_putc(word, '/');
            i++;
        } else if (line[i] == '/' && i > 0) {
            *flags = line + i + 1;
            *n_flags = end - i - 1;
            return;
        } else {
            sv__buf_putc(word, line[i]);
        }
    }
}

static int expand_line(stem *s, const sv__affixes *a, const char *line,
                       size_t n, int utf8, sv_buf *raw, sv_buf *word,
                       sv_error *err)
{
    uint32_t flags[MAX_FLAGS];
    const char *fs;
    size_t nfs, nflags;

    split_entry(line, n, raw, &fs, &nfs);
    if (raw->size == 0)
        return SV_OK;
    nflags = fs ? parse_flags(a, fs, nfs, flags) : 0;
    if (!compound_ok(a, raw->ptr, raw->size, flags, nflags))
        return sv__error_set(err, SV_EUNSUPPORTED,
                             "COMPOUNDRULE over "
                             "letters ('%.*s') is not supported",
                             (int)raw->size, raw->ptr);
    sv_buf_clear(word);
    if (utf8 ? sv_buf_put(word, raw->ptr, raw->size) < 0
             : decode(a, raw->ptr, raw->size, word) < 0)
        return sv__error_oom(err);
    s->w = word->ptr;
    s->len = word->size;
    return expand_stem(s, flags, nflags);
}

int sv__affixes_expand(const sv__affixes *a, const char *dic_path, int utf8,
                       sv__form_cb cb, void *payload, sv_error *err)
{
    stem *s = sv__calloc(1, sizeof(*s));
    sv_buf raw = SV_BUF_INIT, word = SV_BUF_INIT;
    char *text = NULL;
    size_t size = 0, pos, line = 0;
    int rc;

    if (!s)
        return sv__error_oom(err);
    s->a = a;
    s->cb = cb;
    s->payload = payload;
    rc = sv__datafile_read(dic_path, MAX_FILE, &text, &size, err);
    /* the first line is the entry count */
    pos = rc == 0 && memchr(text, '\n', size)
              ? (size_t)((char *)memchr(text, '\n', size) - text) + 1
              : size;
    while (rc >= 0 && pos < size) {
        const char *nl = memchr(text + pos, '\n', size - pos);
        size_t end = nl ? (size_t)(nl - text) : size, e = end;

        line++;
        if (e > pos && text[e - 1] == '\r')
            e--;
        rc = expand_line(s, a, text + pos, e - pos, utf8, &raw, &word, err);
        pos = end + 1;
    }
    if (rc < 0 && line > 0 && err) {
        char why[sizeof(err->message)];

        memcpy(why, err->message, sizeof(why));
        sv__error_set(err, rc, "%s:%zu: %s", dic_path, line + 1, why);
    }
    sv__free(text);
    sv_buf_dispose(&raw);
    sv_buf_dispose(&word);
    sv_buf_dispose(&s->upper);
    sv__free(s);
    return rc < 0 ? rc : SV_OK;
}
