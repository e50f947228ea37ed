/* SPDX-License-Identifier: MIT */
/*
 * Sentence lists of the two sides: the project's segmenter (ICU rules plus
 * Russian abbreviations, initials, glued sentences) for running text, or
 * one sentence per line for presegmented input.  Paragraph numbers come
 * from blank lines in both cases.
 */
#include <string.h>

#include "align/align_internal.h"
#include "base/alloc.h"
#include "base/error_internal.h"
#include "lang/segment.h"

#define DEFAULT_MAX_SENTENCES ((size_t)1000000)

int sv__al_side_push(sv__al_side *side, size_t start, size_t end, size_t para)
{
    sv__al_sent *s;

    if (side->n == side->cap) {
        size_t cap = side->cap ? side->cap * 2 : 64;
        sv__al_sent *v = sv__realloc(side->sents, cap * sizeof(*v));

        if (!v)
            return SV_ENOMEM;
        side->sents = v;
        side->cap = cap;
    }
    s = &side->sents[side->n++];
    memset(s, 0, sizeof(*s));
    s->start = start;
    s->end = end;
    s->para = para;
    if (para + 1 > side->npara)
        side->npara = para + 1;
    return SV_OK;
}

static int is_space_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* One sentence per non-blank line; blank lines separate paragraphs. */
static int split_lines(sv__al_side *side, int ignore_paragraphs)
{
    size_t pos = 0, para = 0;
    int blank_seen = 0, any = 0, rc = SV_OK;

    while (pos < side->len) {
        const char *nl = memchr(side->text + pos, '\n', side->len - pos);
        size_t end = nl ? (size_t)(nl - side->text) : side->len;
        size_t s = pos, e = end;

        while (s < e && is_space_byte(side->text[s]))
            s++;
        while (e > s && is_space_byte(side->text[e - 1]))
            e--;
        if (s == e) {
            blank_seen = 1;
        } else {
            if (blank_seen && any && !ignore_paragraphs)
                para++;
            blank_seen = 0;
            any = 1;
            if ((rc = sv__al_side_push(side, s, e, para)) < 0)
                return rc;
        }
        pos = end + 1;
    }
    return rc;
}

static int split_sentences(const sv_aligner *al, sv__al_side *side,
                           const char *lang_code, sv_error *err)
{
    sv__segmenter *seg = NULL;
    sv__segmenter_opts so;
    const sv__sentence *sents;
    size_t n = 0, i, para = 0;
    int rc;

    memset(&so, 0, sizeof(so));
    so.lang = lang_code;
    so.flags = al->opts.ignore_paragraphs ? SV__SEG_NO_PARAGRAPHS : 0;
    if ((rc = sv__segmenter_new(&seg, &so, err)) < 0)
        goto done;
    if (al->res && sv_resources_dicts_dir(al->res) &&
        (rc = sv__segmenter_load_abbrevs(seg, sv_resources_dicts_dir(al->res)))
            < 0)
        goto done;
    if ((rc = sv__segmenter_split(seg, side->text, side->len, &sents, &n)) < 0) {
        sv__error_set(err, rc, "sentence segmentation failed: %s",
                      sv__segmenter_errmsg(seg));
        goto done;
    }
    for (i = 0; i < n; i++) {
        if (i > 0 && (sents[i].flags & SV__SENT_PARA_START) &&
            !al->opts.ignore_paragraphs)
            para++;
        if ((rc = sv__al_side_push(side, sents[i].start, sents[i].end, para))
            < 0)
            goto done;
    }
done:
    sv__segmenter_free(seg);
    return rc;
}

int sv__al_side_segment(const sv_aligner *al, sv__al_side *side,
                        const char *lang_code, int lines, sv_error *err)
{
    size_t max = al->opts.max_sentences ? al->opts.max_sentences
                                        : DEFAULT_MAX_SENTENCES;
    int rc;

    if (lines)
        rc = split_lines(side, al->opts.ignore_paragraphs);
    else
        rc = split_sentences(al, side, lang_code, err);
    if (rc == SV_ENOMEM)
        return sv__error_oom(err);
    if (rc < 0)
        return rc;
    if (side->n > max)
        return sv__error_set(err, SV_ETOOBIG,
                             "%s document: %zu sentences, more than the "
                             "limit of %zu (max_sentences)",
                             lang_code == al->src_code ? "source" : "target",
                             side->n, max);
    return SV_OK;
}

void sv__al_side_dispose(sv__al_side *side)
{
    sv__free(side->sents);
    sv__free(side->keys);
    sv__free(side->tokw);
    memset(side, 0, sizeof(*side));
}
