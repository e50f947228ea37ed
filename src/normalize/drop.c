/* SPDX-License-Identifier: MIT */
/*
 * drop step (off unless options.drop selects something).  Works on the
 * lines of one record, after every other step, so that duplicates compare
 * normalized text.  Rules (documented in dicts/README.md as well):
 *
 * boilerplate  a line matching a dicts/boilerplate.txt pattern (line,
 *              prefix, contains, crumb; case-insensitive), a photo caption
 *              ending in a dd.mm.yyyy date without sentence punctuation, or
 *              a short unpunctuated line whose text already appeared inside
 *              an earlier boilerplate line (a caption repeated under its
 *              image).  Pattern rules other than "line" apply only to lines
 *              of at most 300 bytes: long lines are content.
 * duplicates   a line of three or more words that equals an earlier line of
 *              the record after folding case, quotes (’ ' “ ” « »), dashes
 *              and spaces: the title printed twice.
 * notes        in a record whose letters are at least 80% of one script
 *              (and 200 or more), a line of at most 10 words written only
 *              in the other script, not ending in sentence punctuation: a
 *              UI string left in the page.  Cyrillic inside an English
 *              sentence is not a line of its own and stays.
 *
 * Removing a line takes its newline; blank lines left next to removed ones
 * are collapsed to one (none at the record's ends).  With mark=1 nothing is
 * removed: each dropped line is wrapped in SV_NORMALIZE_MARK_* markers.
 * Every dropped line is one edit named "drop:<reason>".
 */
#include "normalize/normalize_internal.h"

#include <string.h>

#include "base/alloc.h"
#include "base/buf_internal.h"
#include "sverka/errors.h"

#define SHORT_LINE 300

typedef struct drop_ctx {
    const sv__step_env *env;
    const char *in;
    size_t len;
    sv__norm_scratch *s;
    sv_lang notes_lang; /* the record's main language when confident */
} drop_ctx;

/* ---- line features ------------------------------------------------------ */

static void trim(const char *in, size_t *s, size_t *e)
{
    while (*s < *e && (in[*s] == ' ' || in[*s] == '\t'))
        (*s)++;
    while (*e > *s && (in[*e - 1] == ' ' || in[*e - 1] == '\t'))
        (*e)--;
}

static int ends_sentence(const char *in, size_t s, size_t e)
{
    size_t n;
    uint32_t c;

    while (e > s) {
        size_t b = sv__cp_before(in, e);

        c = sv__cp_at(in, e, b, &n);
        if (!sv__cp_is_closer(c))
            return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' ||
                   c == 0x2026;
        e = b;
    }
    return 0;
}

static size_t word_count(const char *in, size_t s, size_t e)
{
    size_t k, words = s < e;

    for (k = s; k + 1 < e; k++)
        words += in[k] == ' ' && in[k + 1] != ' ';
    return words;
}

/* "dd.mm.yyyy" at the end of [s, e). */
static int ends_with_date(const char *in, size_t s, size_t e)
{
    static const char shape[] = "dd.dd.dddd";
    size_t k;

    if (e - s < 10)
        return 0;
    for (k = 0; k < 10; k++) {
        char c = in[e - 10 + k];

        if (shape[k] == 'd' ? !(c >= '0' && c <= '9') : c != '.')
            return 0;
    }
    return 1;
}

/* ---- boilerplate -------------------------------------------------------- */

static int pattern_hit(const sv__bp_pattern *p, const char *f, size_t flen,
                       size_t raw_len)
{
    size_t e = flen;

    switch (p->kind) {
    case SV__BP_LINE:
        while (e > 0 && (f[e - 1] == '.' || f[e - 1] == '!' ||
                         f[e - 1] == ':' || f[e - 1] == ' '))
            e--;
        return e == p->len && memcmp(f, p->text, e) == 0;
    case SV__BP_PREFIX:
        return raw_len <= SHORT_LINE && flen >= p->len &&
               memcmp(f, p->text, p->len) == 0;
    case SV__BP_CONTAINS: {
        size_t k;

        if (raw_len > SHORT_LINE || flen < p->len)
            return 0;
        for (k = 0; k + p->len <= flen; k++)
            if (f[k] == p->text[0] && memcmp(f + k, p->text, p->len) == 0)
                return 1;
        return 0;
    }
    case SV__BP_CRUMB:
        return raw_len <= SHORT_LINE && flen > p->len + 1 &&
               memcmp(f, p->text, p->len) == 0 && f[p->len] == ' ';
    }
    return 0;
}

/* Did [s, e) appear inside an earlier boilerplate line? */
static int repeats_dropped(const drop_ctx *d, size_t upto, size_t s,
                           size_t e)
{
    size_t k, len = e - s;

    for (k = 0; k < upto; k++) {
        const sv__line *l = &d->s->lines[k];
        size_t j;

        if (!l->caption || l->end - l->start <= len)
            continue;
        for (j = l->start; j + len <= l->end; j++)
            if (memcmp(d->in + j, d->in + s, len) == 0)
                return 1;
    }
    return 0;
}

/* 1: a caption or credit rule, 2: a breadcrumb, 0: not boilerplate. */
static int is_boilerplate(const drop_ctx *d, size_t idx, size_t s, size_t e)
{
    const sv_normalizer *n = d->env->norm;
    sv_buf *f = &d->s->key;
    size_t k;
    int punct = ends_sentence(d->in, s, e);

    sv_buf_clear(f);
    if (sv__norm_fold(f, d->in + s, e - s) < 0)
        return SV_ENOMEM;
    for (k = 0; n && k < n->bp_count; k++) {
        const sv__bp_pattern *p = &n->bp[k];

        if (p->kind == SV__BP_CRUMB) {
            size_t n2;

            if (punct || e - s <= p->len + 1 ||
                !sv__cp_is_upper(sv__cp_at(d->in, e, s + p->len + 1, &n2)))
                continue;
        }
        if (pattern_hit(p, f->ptr, f->size, e - s))
            return p->kind == SV__BP_CRUMB ? 2 : 1;
    }
    if (!punct && e - s <= SHORT_LINE && ends_with_date(d->in, s, e))
        return 1; /* "... - Site, 1920, 14.02.2022" caption */
    if (!punct && e - s <= 200 && word_count(d->in, s, e) >= 3 &&
        repeats_dropped(d, idx, s, e))
        return 1;
    return 0;
}

/* ---- duplicates ------------------------------------------------------- */

/* Comparison key: folded case, one quote and dash style, single spaces. */
static int dup_key(sv_buf *key, sv_buf *tmp, const char *in, size_t s,
                   size_t e)
{
    size_t i = 0, n;
    int rc, space = 0;

    sv_buf_clear(tmp);
    sv_buf_clear(key);
    if ((rc = sv__norm_fold(tmp, in + s, e - s)) < 0)
        return rc;
    while (i < tmp->size) {
        uint32_t c = sv__cp_at(tmp->ptr, tmp->size, i, &n);
        char out = 0;

        if (c == 0x2018 || c == 0x2019 || c == '`' || c == 0x2032)
            out = '\'';
        else if (c == 0x201C || c == 0x201D || c == 0xAB || c == 0xBB ||
                 c == 0x201E)
            out = '"';
        else if (c == 0x2013 || c == 0x2014 || c == 0x2212)
            out = '-';
        else if (c == ' ' || c == '\t' || c == 0xA0)
            out = ' ';
        if (out == ' ') {
            space = 1;
        } else {
            if (space && (rc = sv__buf_putc(key, ' ')) < 0)
                return rc;
            space = 0;
            rc = out ? sv__buf_putc(key, out)
                     : sv_buf_put(key, tmp->ptr + i, n);
            if (rc < 0)
                return rc;
        }
        i += n;
    }
    return SV_OK;
}

static int is_duplicate(const drop_ctx *d, size_t s, size_t e)
{
    sv__norm_scratch *sc = d->s;
    int rc;

    if (word_count(d->in, s, e) < 3)
        return 0;
    if ((rc = dup_key(&sc->key, &sc->word, d->in, s, e)) < 0)
        return rc;
    if (sv__hashmap_get(sc->seen, sc->key.ptr, sc->key.size, NULL))
        return 1;
    rc = sv__hashmap_put(sc->seen, sc->key.ptr, sc->key.size, 1);
    return rc < 0 ? rc : 0;
}

/* ---- notes -------------------------------------------------------------- */

static sv_lang confident_lang(const char *in, size_t len)
{
    size_t lat, cyr;

    sv__count_scripts(in, len, &lat, &cyr);
    if (lat >= 200 && lat >= 4 * cyr)
        return SV_LANG_EN;
    if (cyr >= 200 && cyr >= 4 * lat)
        return SV_LANG_RU;
    return SV_LANG_UND;
}

static int is_note(const drop_ctx *d, size_t s, size_t e)
{
    size_t lat, cyr;

    if (d->notes_lang == SV_LANG_UND || ends_sentence(d->in, s, e) ||
        word_count(d->in, s, e) > 10)
        return 0;
    sv__count_scripts(d->in + s, e - s, &lat, &cyr);
    if (d->notes_lang == SV_LANG_EN)
        return lat == 0 && cyr >= 3;
    return cyr == 0 && lat >= 3;
}

/* ---- decisions and output ------------------------------------------------ */

static int split_lines(drop_ctx *d)
{
    sv__norm_scratch *s = d->s;
    size_t i = 0, count = 0;

    while (i < d->len) {
        const char *nl = memchr(d->in + i, '\n', d->len - i);
        size_t e = nl ? (size_t)(nl - d->in) : d->len, ts = i, te = e;

        if (count == s->lines_alloc) {
            size_t na = s->lines_alloc ? s->lines_alloc * 2 : 64;
            sv__line *p = sv__realloc(s->lines, na * sizeof(*p));

            if (!p)
                return SV_ENOMEM;
            s->lines = p;
            s->lines_alloc = na;
        }
        trim(d->in, &ts, &te);
        s->lines[count].start = i;
        s->lines[count].end = e;
        s->lines[count].has_nl = nl != NULL;
        s->lines[count].blank = ts == te;
        s->lines[count].drop = NULL;
        s->lines[count].caption = 0;
        count++;
        i = e + 1;
    }
    return count > (size_t)0x7fffffff ? SV_ETOOBIG : (int)count;
}

static int decide(drop_ctx *d, size_t idx)
{
    sv__line *l = &d->s->lines[idx];
    unsigned int what = d->env->opts->drop;
    size_t s = l->start, e = l->end;
    int r;

    if (l->blank)
        return SV_OK;
    trim(d->in, &s, &e);
    if ((what & SV_DROP_BOILERPLATE) && (r = is_boilerplate(d, idx, s, e))) {
        if (r < 0)
            return r;
        l->drop = sv__name_drop_boilerplate;
        l->caption = r == 1;
        return SV_OK;
    }
    if ((what & SV_DROP_DUPLICATES) && (r = is_duplicate(d, s, e))) {
        if (r < 0)
            return r;
        l->drop = sv__name_drop_duplicates;
        return SV_OK;
    }
    if ((what & SV_DROP_NOTES) && is_note(d, s, e))
        l->drop = sv__name_drop_notes;
    return SV_OK;
}

/* Blank lines in a gap (lines between two kept non-blank lines) that holds
 * a dropped line: keep one only when kept text is on both sides. */
static void collapse_gaps(sv__line *lines, size_t count)
{
    size_t i = 0;

    while (i < count) {
        size_t j = i;
        const char *reason = NULL;
        int before = i > 0, kept_blank = 0;

        if (!lines[i].blank && !lines[i].drop) {
            i++;
            continue;
        }
        while (j < count && (lines[j].blank || lines[j].drop)) {
            if (lines[j].drop && !reason)
                reason = lines[j].drop;
            j++;
        }
        for (; reason && i < j; i++) {
            if (!lines[i].blank)
                continue;
            if (before && j < count && !kept_blank)
                kept_blank = 1;
            else
                lines[i].drop = reason;
        }
        i = j;
    }
}

static int record_drop(sv__norm_scratch *s, const sv__line *l)
{
    sv_normalize_drop *d;

    if (s->drop_count == s->drop_alloc) {
        size_t na = s->drop_alloc ? s->drop_alloc * 2 : 16;
        sv_normalize_drop *p = sv__realloc(s->drops, na * sizeof(*p));

        if (!p)
            return SV_ENOMEM;
        s->drops = p;
        s->drop_alloc = na;
    }
    d = &s->drops[s->drop_count++];
    d->in_start = l->start;
    d->in_end = l->end;
    d->reason = l->drop + 5; /* after "drop:" */
    return SV_OK;
}

static int emit_mark(sv__writer *w, sv_buf *tmp, const sv__line *l)
{
    int rc;

    sv_buf_clear(tmp);
    if ((rc = sv__buf_puts(tmp, SV_NORMALIZE_MARK_OPEN)) < 0 ||
        (rc = sv__buf_puts(tmp, l->drop + 5)) < 0 ||
        (rc = sv__buf_puts(tmp, SV_NORMALIZE_MARK_MID)) < 0 ||
        (rc = sv_buf_put(tmp, w->in + l->start, l->end - l->start)) < 0 ||
        (rc = sv__buf_puts(tmp, SV_NORMALIZE_MARK_CLOSE)) < 0)
        return rc;
    return sv__writer_replace_as(w, l->start, l->end, tmp->ptr, tmp->size,
                                 l->drop);
}

int sv__step_drop(const char *in, size_t in_len, sv_buf *out,
                  sv__editlist *edits, const sv__step_env *env)
{
    drop_ctx d;
    sv__writer w;
    size_t k, count;
    int rc, mark = env->opts->mark != 0;

    d.env = env;
    d.in = in;
    d.len = in_len;
    d.s = env->scratch;
    d.notes_lang = confident_lang(in, in_len);
    if (!d.s->seen && !(d.s->seen = sv__hashmap_new(256)))
        return SV_ENOMEM;
    sv__hashmap_clear(d.s->seen);
    if ((rc = split_lines(&d)) < 0)
        return rc;
    count = (size_t)rc;
    for (k = 0; k < count; k++)
        if ((rc = decide(&d, k)) < 0)
            return rc;
    if (!mark)
        collapse_gaps(d.s->lines, count);
    sv__writer_init(&w, in, in_len, out, edits, sv__name_drop_boilerplate);
    for (k = 0; k < count; k++) {
        const sv__line *l = &d.s->lines[k];

        if (!l->drop)
            continue;
        if (!l->blank && (rc = record_drop(d.s, l)) < 0)
            return rc;
        if (mark)
            rc = l->blank ? SV_OK : emit_mark(&w, &d.s->word, l);
        else
            rc = sv__writer_replace_as(&w, l->start, l->end + l->has_nl, "",
                                       0, l->drop);
        if (rc < 0)
            return rc;
    }
    return sv__writer_finish(&w);
}
