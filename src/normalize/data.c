/* SPDX-License-Identifier: MIT */
/*
 * The normalizer's word data: abbreviations that end in a period (for the
 * glued step) and boilerplate line patterns (for the drop step), read from
 * the resources' data directory (dicts/abbrev_en.txt, abbrev_ru.txt,
 * boilerplate.txt) or, without resources, from the built-in core lists.
 */
#include "normalize/normalize_internal.h"

#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf_internal.h"
#include "base/error_internal.h"
#include "base/utf8.h"
#include "lang/wordcase.h"

/* Core lists used when no data directory is available.  The files in
 * dicts/ are supersets of these. */
static const char *const BUILTIN_ABBREV[] = {
    "U.S", "U.K", "U.N", "E.U", "U.S.A", "U.S.S.R", "e.g", "i.e", "etc",
    "vs", "cf", "a.m", "p.m", "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr",
    "Sr", "Fr", "Gen", "Col", "Lt", "Sgt", "Gov", "Sen", "Rep", "Inc", "Ltd",
    "Corp", "Co", "No", "Nos", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
    "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "approx", "est", "ca", "al",
    "Fig", "fig", "p", "pp", "vol", "ed", "eds", "op", "cit", "ibid",
    "г", "гг", "т.е", "т.к", "т.д", "т.п", "т.н", "т.ч", "и.о", "см", "ср",
    "руб", "коп", "млн", "млрд", "трлн", "тыс", "ул", "пр", "д", "кв", "обл",
    "им", "проф", "акад", "доц", "англ", "рус", "нем", "франц", "стр",
    "рис", "табл", "гл", "ст", "п", "пп", "ч", "мин", "сек", "чел", "экз",
    "напр", "др", "в", "вв", "н.э", "до н.э", "ред", "изд",
    /* dotted brand names: the part before the dot */
    "Mail", "Lenta", "Gazeta", "Yandex", "Яндекс", "Газета", "Лента",
};

/* kind<TAB>text, as in dicts/boilerplate.txt. */
static const char *const BUILTIN_BOILERPLATE[] = {
    "line\tsharing is caring", "line\tleave a reply",
    "line\tleave a comment", "line\tto participate in the discussion",
    "line\tlog in or register", "line\trelated materials",
    "line\trelated articles", "line\tread more", "line\tshare this",
    "line\tshare this article", "line\tgo to the mediabank",
    "line\tчитайте также", "line\tподелиться", "line\tкомментарии",
    "prefix\timage source:", "prefix\t\xE2\x96\xB3image source:",
    "prefix\tphoto:", "prefix\tфото:", "prefix\tpublished by ",
    "prefix\trepublished by ", "prefix\toriginally published",
    "prefix\tthe views expressed in this article",
    "prefix\tthe views expressed are", "prefix\tsubscribe to",
    "prefix\tfollow us on", "prefix\tподписывайтесь на",
    "contains\tgo to the mediabank", "contains\tstay tuned for updates",
    "contains\tall rights reserved", "prefix\t\xC2\xA9",
    "contains\t- sputnik international, ", "crumb\thome",
    "crumb\t\xD0\xB3\xD0\xBB\xD0\xB0\xD0\xB2\xD0\xBD\xD0\xB0\xD1\x8F",
};

/* Keys are folded with the lang layer's word fold (ASCII, Latin-1,
 * Cyrillic), the same one the dictionaries use. */
int sv__norm_fold(sv_buf *out, const char *s, size_t len)
{
    return sv__word_fold(out, s, len, SV__FOLD_LOWER);
}

/* ---- abbreviations ------------------------------------------------------ */

static int add_abbrev(sv_normalizer *n, const char *w, size_t len)
{
    while (len && (w[len - 1] == '.' || w[len - 1] == ' '))
        len--;
    while (len && w[0] == ' ') {
        w++;
        len--;
    }
    if (!len)
        return SV_OK;
    return sv__hashmap_put(n->abbrev, w, len, 1);
}

int sv__norm_is_abbrev(const sv_normalizer *n, const char *w, size_t len)
{
    char lower[64];

    if (!n->abbrev || !len)
        return 0;
    if (w[len - 1] == '.')
        len--;
    if (sv__hashmap_get(n->abbrev, w, len, NULL))
        return 1;
    /* A sentence-initial capital ("E.g.", "Т.е."): retry with the first
     * letter lowered, when it is ASCII or two-byte Cyrillic. */
    if (len >= sizeof(lower))
        return 0;
    memcpy(lower, w, len);
    if (lower[0] >= 'A' && lower[0] <= 'Z') {
        lower[0] = (char)(lower[0] + 32);
    } else if (len >= 2 && (unsigned char)lower[0] == 0xD0) {
        unsigned char c = (unsigned char)lower[1];

        if (c >= 0x90 && c <= 0x9F)
            lower[1] = (char)(c + 0x20);
        else if (c >= 0xA0 && c <= 0xAF) {
            lower[0] = (char)0xD1;
            lower[1] = (char)(c - 0x20);
        } else
            return 0;
    } else {
        return 0;
    }
    return sv__hashmap_get(n->abbrev, lower, len, NULL);
}

/* ---- boilerplate patterns ---------------------------------------------- */

static int add_pattern(sv_normalizer *n, const char *line, size_t len,
                       size_t *alloc)
{
    const char *tab = memchr(line, '\t', len);
    sv__bp_kind kind;
    sv_buf folded = SV_BUF_INIT;
    size_t klen;
    int rc;

    if (!tab)
        return SV_EFORMAT;
    klen = (size_t)(tab - line);
    if (klen == 4 && memcmp(line, "line", 4) == 0)
        kind = SV__BP_LINE;
    else if (klen == 6 && memcmp(line, "prefix", 6) == 0)
        kind = SV__BP_PREFIX;
    else if (klen == 8 && memcmp(line, "contains", 8) == 0)
        kind = SV__BP_CONTAINS;
    else if (klen == 5 && memcmp(line, "crumb", 5) == 0)
        kind = SV__BP_CRUMB;
    else
        return SV_EFORMAT;
    if (n->bp_count == *alloc) {
        size_t na = *alloc ? *alloc * 2 : 32;
        sv__bp_pattern *p = sv__realloc(n->bp, na * sizeof(*p));

        if (!p)
            return SV_ENOMEM;
        n->bp = p;
        *alloc = na;
    }
    line = tab + 1;
    len -= klen + 1;
    if ((rc = sv__norm_fold(&folded, line, len)) < 0) {
        sv_buf_dispose(&folded);
        return rc;
    }
    if (!folded.ptr) {
        sv_buf_dispose(&folded);
        return SV_EFORMAT;
    }
    n->bp[n->bp_count].kind = kind;
    n->bp[n->bp_count].text = folded.ptr; /* owned: allocated by sv_buf */
    n->bp[n->bp_count].len = folded.size;
    n->bp_count++;
    return SV_OK;
}

/* ---- files -------------------------------------------------------------- */

typedef int (*line_fn)(sv_normalizer *n, const char *line, size_t len,
                       size_t *alloc);

static int abbrev_line(sv_normalizer *n, const char *line, size_t len,
                       size_t *alloc)
{
    (void)alloc;
    return add_abbrev(n, line, len);
}

/* Read one data file line by line; '#' starts a comment line.  Returns
 * SV_ENOTFOUND when the file does not exist (the caller falls back). */
static int read_list(sv_normalizer *n, const char *dir, const char *name,
                     line_fn fn, size_t *alloc, sv_error *err)
{
    sv_buf path = SV_BUF_INIT, line = SV_BUF_INIT;
    FILE *f = NULL;
    char chunk[512];
    size_t lineno = 0;
    int rc = SV_OK;

    if ((rc = sv__buf_printf(&path, "%s/%s", dir, name)) < 0)
        goto done;
    if (!(f = fopen(path.ptr, "rb"))) {
        rc = SV_ENOTFOUND;
        goto done;
    }
    while (fgets(chunk, sizeof(chunk), f)) {
        size_t len = strlen(chunk);

        if ((rc = sv_buf_put(&line, chunk, len)) < 0)
            goto done;
        if (len && chunk[len - 1] != '\n' && !feof(f))
            continue; /* a line longer than the chunk */
        lineno++;
        while (line.size && (line.ptr[line.size - 1] == '\n' ||
                             line.ptr[line.size - 1] == '\r'))
            line.size--;
        if (sv__utf8_valid_prefix(line.ptr, line.size) != line.size) {
            rc = sv__error_set_at(err, SV_EFORMAT, 0, lineno, 0,
                                  "%s:%zu: invalid UTF-8", path.ptr, lineno);
            goto done;
        }
        if (line.size && line.ptr[0] != '#' &&
            (rc = fn(n, line.ptr, line.size, alloc)) < 0) {
            if (rc == SV_EFORMAT)
                sv__error_set_at(err, rc, 0, lineno, 0,
                                 "%s:%zu: expected KIND<TAB>TEXT with KIND "
                                 "line, prefix, contains or crumb", path.ptr, lineno);
            goto done;
        }
        sv_buf_clear(&line);
    }
    if (ferror(f))
        rc = sv__error_set(err, SV_EIO, "cannot read %s", path.ptr);
done:
    if (f)
        fclose(f);
    sv_buf_dispose(&line);
    sv_buf_dispose(&path);
    return rc;
}

static int load_builtin_abbrev(sv_normalizer *n)
{
    size_t i;
    int rc;

    for (i = 0; i < sizeof(BUILTIN_ABBREV) / sizeof(BUILTIN_ABBREV[0]); i++)
        if ((rc = add_abbrev(n, BUILTIN_ABBREV[i],
                             strlen(BUILTIN_ABBREV[i]))) < 0)
            return rc;
    return SV_OK;
}

static int load_builtin_boilerplate(sv_normalizer *n, size_t *alloc)
{
    size_t i, count = sizeof(BUILTIN_BOILERPLATE) / sizeof(*BUILTIN_BOILERPLATE);
    int rc;

    for (i = 0; i < count; i++)
        if ((rc = add_pattern(n, BUILTIN_BOILERPLATE[i],
                              strlen(BUILTIN_BOILERPLATE[i]), alloc)) < 0)
            return rc;
    return SV_OK;
}

int sv__norm_load_data(sv_normalizer *n, sv_error *err)
{
    const char *dir = n->res ? sv_resources_dicts_dir(n->res) : NULL;
    size_t alloc = 0;
    int rc, en = SV_ENOTFOUND, ru = SV_ENOTFOUND, bp = SV_ENOTFOUND;

    if (!(n->abbrev = sv__hashmap_new(512)))
        return sv__error_oom(err);
    if (dir) {
        en = read_list(n, dir, "abbrev_en.txt", abbrev_line, NULL, err);
        if (en < 0 && en != SV_ENOTFOUND)
            return en;
        ru = read_list(n, dir, "abbrev_ru.txt", abbrev_line, NULL, err);
        if (ru < 0 && ru != SV_ENOTFOUND)
            return ru;
        bp = read_list(n, dir, "boilerplate.txt", add_pattern, &alloc, err);
        if (bp < 0 && bp != SV_ENOTFOUND)
            return bp;
    }
    if ((en == SV_ENOTFOUND || ru == SV_ENOTFOUND) &&
        (rc = load_builtin_abbrev(n)) < 0)
        return sv__error_oom(err);
    if (bp == SV_ENOTFOUND && (rc = load_builtin_boilerplate(n, &alloc)) < 0)
        return rc == SV_ENOMEM ? sv__error_oom(err) : rc;
    return SV_OK;
}

void sv__norm_free_data(sv_normalizer *n)
{
    size_t i;

    sv__hashmap_free(n->abbrev);
    for (i = 0; i < n->bp_count; i++)
        sv__free(n->bp[i].text);
    sv__free(n->bp);
    n->abbrev = NULL;
    n->bp = NULL;
    n->bp_count = 0;
}
