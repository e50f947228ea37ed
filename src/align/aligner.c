/* SPDX-License-Identifier: MIT */
/*
 * The public face of the aligner: options, the aligner handle, one
 * alignment run (segment both sides, compute features, align paragraph by
 * paragraph when both sides have the same paragraphs, QA every bead) and
 * the accessors of the result.
 */
#include <stdio.h>
#include <string.h>

#include "align/align_internal.h"
#include "base/alloc.h"
#include "base/buf_internal.h"
#include "base/error_internal.h"

int sv_align_options_init(sv_align_options *opts, unsigned int version)
{
    sv_align_options init = SV_ALIGN_OPTIONS_INIT;

    if (!opts || version != SV_ALIGN_OPTIONS_VERSION)
        return SV_EINVAL;
    *opts = init;
    return SV_OK;
}

int sv_align_write_options_init(sv_align_write_options *opts,
                                unsigned int version)
{
    sv_align_write_options init = SV_ALIGN_WRITE_OPTIONS_INIT;

    if (!opts || version != SV_ALIGN_WRITE_OPTIONS_VERSION)
        return SV_EINVAL;
    *opts = init;
    return SV_OK;
}

sv__al_lang sv__al_lang_of(const char *code)
{
    if (!strcmp(code, "ru"))
        return SV__AL_RU;
    if (!strcmp(code, "en"))
        return SV__AL_EN;
    return SV__AL_OTHER;
}

/* A language code: 2-8 ASCII letters, optionally "-"/"_" and a region. */
static int valid_code(const char *code)
{
    size_t i, n = strlen(code);

    if (n < 2 || n > 15)
        return 0;
    for (i = 0; i < n; i++) {
        char c = code[i];

        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (i >= 2 && (c == '-' || c == '_' || (c >= '0' && c <= '9')))))
            return 0;
    }
    return 1;
}

int sv_aligner_new(sv_aligner **out, const sv_align_options *opts,
                   const sv_resources *res, sv_error *err)
{
    sv_aligner *al;
    const char *s, *t;

    SV_ASSERT_ARG(out);
    *out = NULL;
    if (opts && opts->version != SV_ALIGN_OPTIONS_VERSION)
        return sv__error_set(err, SV_EINVAL, "unknown sv_align_options "
                             "version %u", opts->version);
    s = opts && opts->src_lang ? opts->src_lang : "ru";
    t = opts && opts->tgt_lang ? opts->tgt_lang : "en";
    if (!valid_code(s) || !valid_code(t))
        return sv__error_set(err, SV_EINVAL, "invalid language code '%s'",
                             valid_code(s) ? t : s);
    al = sv__calloc(1, sizeof(*al));
    if (!al)
        return sv__error_oom(err);
    if (opts)
        al->opts = *opts;
    else
        sv_align_options_init(&al->opts, SV_ALIGN_OPTIONS_VERSION);
    snprintf(al->src_code, sizeof(al->src_code), "%s", s);
    snprintf(al->tgt_code, sizeof(al->tgt_code), "%s", t);
    al->opts.src_lang = al->src_code;
    al->opts.tgt_lang = al->tgt_code;
    al->src_lang = sv__al_lang_of(al->src_code);
    al->tgt_lang = sv__al_lang_of(al->tgt_code);
    al->res = res;
    al->use_lexicon = !al->opts.no_lexicon && res &&
                      (sv_resources_loaded(res) & SV_LOAD_LEXICON) &&
                      al->src_lang != SV__AL_OTHER &&
                      al->tgt_lang != SV__AL_OTHER &&
                      al->src_lang != al->tgt_lang;
    sv__al_lenmodel_for(al->src_lang, al->tgt_lang, &al->len);
    *out = al;
    return SV_OK;
}

void sv_aligner_free(sv_aligner *al)
{
    sv__free(al);
}

void sv_alignment_free(sv_alignment *a)
{
    if (!a)
        return;
    sv_buf_dispose(&a->src);
    sv_buf_dispose(&a->tgt);
    sv__free(a->ss);
    sv__free(a->ts);
    sv__free(a->beads);
    sv__free(a->flags);
    sv__free(a->msg_off);
    sv_buf_dispose(&a->messages);
    sv__free(a);
}

/* Collects the flags of one bead into the alignment. */
static int collect_flag(const sv_align_flag *f, void *payload)
{
    sv_alignment *a = payload;
    int rc;

    if (a->nflags == a->flagcap) {
        size_t cap = a->flagcap ? a->flagcap * 2 : 64;
        sv_align_flag *v = sv__realloc(a->flags, cap * sizeof(*v));
        size_t *o;

        if (!v)
            return SV_ENOMEM;
        a->flags = v;
        o = sv__realloc(a->msg_off, cap * sizeof(*o));
        if (!o)
            return SV_ENOMEM;
        a->msg_off = o;
        a->flagcap = cap;
    }
    a->msg_off[a->nflags] = a->messages.size;
    if ((rc = sv_buf_put(&a->messages, f->message, strlen(f->message) + 1)) < 0)
        return rc;
    a->flags[a->nflags] = *f;
    a->nflags++;
    a->counts[f->severity]++;
    return 0;
}

static int copy_sentences(sv_align_sentence **out, const sv__al_side *side)
{
    size_t i;

    *out = sv__malloc((side->n ? side->n : 1) * sizeof(**out));
    if (!*out)
        return SV_ENOMEM;
    for (i = 0; i < side->n; i++) {
        (*out)[i].start = side->sents[i].start;
        (*out)[i].end = side->sents[i].end;
        (*out)[i].paragraph = side->sents[i].para;
    }
    return SV_OK;
}

/* Byte span of sentences [first, first+count) of a side; an empty range
 * sits at the start of the next sentence (or the end of the text). */
static void span(const sv__al_side *side, size_t first, size_t count,
                 size_t *start, size_t *end)
{
    if (count == 0) {
        *start = *end = first < side->n ? side->sents[first].start
                                         : (side->n ? side->sents[side->n - 1].end
                                                    : 0);
        return;
    }
    *start = side->sents[first].start;
    *end = side->sents[first + count - 1].end;
}

static int make_beads(const sv_aligner *al, sv_context *ctx, sv_alignment *a,
                      const sv__al_side *src, const sv__al_side *tgt,
                      const sv__al_beads *raw)
{
    size_t k;
    int rc;

    a->beads = sv__calloc(raw->n ? raw->n : 1, sizeof(*a->beads));
    if (!a->beads)
        return SV_ENOMEM;
    a->nbeads = raw->n;
    for (k = 0; k < raw->n; k++) {
        const sv__al_raw_bead *r = &raw->v[k];
        sv_align_bead *b = &a->beads[k];
        size_t f;

        b->src_first = r->i;
        b->src_count = r->a;
        b->tgt_first = r->j;
        b->tgt_count = r->b;
        span(src, r->i, r->a, &b->src_start, &b->src_end);
        span(tgt, r->j, r->b, &b->tgt_start, &b->tgt_end);
        b->score = r->sim;
        b->confidence = r->confidence;
        b->flag_first = a->nflags;
        rc = sv__al_qa(al, ctx, src->text + b->src_start,
                       b->src_end - b->src_start, tgt->text + b->tgt_start,
                       b->tgt_end - b->tgt_start, (int)r->a, (int)r->b,
                       r->confidence, collect_flag, a);
        if (rc < 0)
            return rc;
        b->flag_count = a->nflags - b->flag_first;
        for (f = b->flag_first; f < a->nflags; f++)
            if ((int)a->flags[f].severity > b->severity)
                b->severity = (int)a->flags[f].severity;
        a->counts[0]++;
        if (r->a == 1 && r->b == 1)
            a->counts[4]++;
        else if (r->a == 0 || r->b == 0)
            a->counts[5]++;
        else
            a->counts[6]++;
    }
    for (k = 0; k < a->nflags; k++)
        a->flags[k].message = a->messages.ptr + a->msg_off[k];
    return SV_OK;
}

/* Align paragraph by paragraph when both sides have the same number of
 * paragraphs (hard anchors), else the whole document at once. */
static int align_sides(const sv_aligner *al, const sv__al_side *src,
                       const sv__al_side *tgt, sv__al_beads *raw,
                       sv_error *err)
{
    size_t s0 = 0, t0 = 0, p;
    int rc;

    if (al->opts.ignore_paragraphs || src->npara != tgt->npara ||
        src->npara <= 1)
        return sv__al_dp(al, src, 0, src->n, tgt, 0, tgt->n, raw, err);
    for (p = 0; p < src->npara; p++) {
        size_t s1 = s0, t1 = t0;

        while (s1 < src->n && src->sents[s1].para == p)
            s1++;
        while (t1 < tgt->n && tgt->sents[t1].para == p)
            t1++;
        if ((rc = sv__al_dp(al, src, s0, s1 - s0, tgt, t0, t1 - t0, raw, err))
            < 0)
            return rc;
        s0 = s1;
        t0 = t1;
    }
    return SV_OK;
}

static int features(const sv_aligner *al, sv_context *ctx, sv__al_side *src,
                    sv__al_side *tgt, sv_error *err)
{
    sv__hashmap *cache = sv__hashmap_new(4096);
    sv_buf pool = SV_BUF_INIT;
    int rc;

    if (!cache)
        return sv__error_oom(err);
    rc = sv__al_side_features(al, ctx, src, tgt->lang, cache, &pool, err);
    if (rc == SV_OK)
        rc = sv__al_side_features(al, ctx, tgt, src->lang, cache, &pool, err);
    sv__hashmap_free(cache);
    sv_buf_dispose(&pool);
    return rc;
}

/* Without a lexicon: learn word pairs from the first alignment's
 * confident beads and align again with them (learn.c). */
static int realign(const sv_aligner *al, sv__al_side *src, sv__al_side *tgt,
                   sv__al_beads *raw, sv_error *err)
{
    sv__al_learned *l = NULL;
    int rc;

    if ((rc = sv__al_learn(src, tgt, raw, &l)) < 0)
        return sv__error_oom(err);
    if (sv__al_learned_pairs(l) == 0) {
        sv__al_learned_free(l);
        return SV_OK;
    }
    src->learned = tgt->learned = l;
    sv__al_side_reset_features(src);
    sv__al_side_reset_features(tgt);
    raw->n = 0;
    if ((rc = features(al, NULL, src, tgt, err)) == SV_OK)
        rc = align_sides(al, src, tgt, raw, err);
    src->learned = tgt->learned = NULL;
    sv__al_learned_free(l);
    return rc;
}

/* Align the texts already copied into a (lines: one sentence per line). */
static int align_run(const sv_aligner *al, sv_context *ctx, sv_alignment *a,
                     int lines, sv_error *err)
{
    sv__al_side s, t;
    sv__al_beads raw = {NULL, 0, 0};
    int rc;

    memset(&s, 0, sizeof(s));
    memset(&t, 0, sizeof(t));
    s.text = a->src.ptr ? a->src.ptr : "";
    s.len = a->src.size;
    s.lang = al->src_lang;
    t.text = a->tgt.ptr ? a->tgt.ptr : "";
    t.len = a->tgt.size;
    t.lang = al->tgt_lang;
    t.target = 1;
    if ((rc = sv__al_side_segment(al, &s, al->src_code, lines, err)) < 0 ||
        (rc = sv__al_side_segment(al, &t, al->tgt_code, lines, err)) < 0 ||
        (rc = features(al, al->use_lexicon ? ctx : NULL, &s, &t, err)) < 0 ||
        (rc = align_sides(al, &s, &t, &raw, err)) < 0 ||
        (!al->use_lexicon && (rc = realign(al, &s, &t, &raw, err)) < 0))
        goto done;
    if ((rc = copy_sentences(&a->ss, &s)) < 0 ||
        (rc = copy_sentences(&a->ts, &t)) < 0 ||
        (rc = make_beads(al, ctx, a, &s, &t, &raw)) < 0) {
        if (rc == SV_ENOMEM)
            sv__error_oom(err);
        else
            sv__error_set(err, rc, "pair QA stopped: %s", sv_strerror(rc));
        goto done;
    }
    a->ns = s.n;
    a->nt = t.n;
done:
    sv__free(raw.v);
    sv__al_side_dispose(&s);
    sv__al_side_dispose(&t);
    return rc;
}

int sv_align_texts(const sv_aligner *al, sv_context *ctx, const char *src,
                   size_t src_len, const char *tgt, size_t tgt_len,
                   sv_alignment **out, sv_error *err)
{
    sv_alignment *a;
    int rc;

    SV_ASSERT_ARG(al && out && (src || !src_len) && (tgt || !tgt_len));
    *out = NULL;
    a = sv__calloc(1, sizeof(*a));
    if (!a)
        return sv__error_oom(err);
    if (sv_buf_put(&a->src, src ? src : "", src_len) < 0 ||
        sv_buf_put(&a->tgt, tgt ? tgt : "", tgt_len) < 0)
        rc = sv__error_oom(err);
    else
        rc = align_run(al, ctx, a, al->opts.presegmented, err);
    if (rc < 0) {
        sv_alignment_free(a);
        return rc;
    }
    *out = a;
    return SV_OK;
}

/* One side's sentences as presegmented text: a line each (line breaks
 * inside a sentence become spaces), a blank line where the paragraph
 * number changes. */
static int join_sentences(sv_buf *out, const sv_align_input *in)
{
    size_t i, k;
    int rc = SV_OK;

    for (i = 0; i < in->count && rc == SV_OK; i++) {
        const char *p = in->sentences[i];
        size_t n = in->lengths ? in->lengths[i] : strlen(p);

        if (i > 0 && in->paragraphs &&
            in->paragraphs[i] != in->paragraphs[i - 1])
            rc = sv__buf_putc(out, '\n');
        for (k = 0; k < n && rc == SV_OK; k++)
            rc = sv__buf_putc(out, p[k] == '\n' || p[k] == '\r' ? ' ' : p[k]);
        if (rc == SV_OK)
            rc = sv__buf_putc(out, '\n');
    }
    return rc;
}

int sv_align_sentences(const sv_aligner *al, sv_context *ctx,
                       const sv_align_input *src, const sv_align_input *tgt,
                       sv_alignment **out, sv_error *err)
{
    sv_alignment *a;
    int rc;

    SV_ASSERT_ARG(al && out && src && tgt);
    SV_ASSERT_ARG((src->sentences || !src->count) &&
                  (tgt->sentences || !tgt->count));
    *out = NULL;
    a = sv__calloc(1, sizeof(*a));
    if (!a)
        return sv__error_oom(err);
    if (join_sentences(&a->src, src) < 0 || join_sentences(&a->tgt, tgt) < 0)
        rc = sv__error_oom(err);
    else
        rc = align_run(al, ctx, a, 1, err);
    if (rc == SV_OK && (a->ns != src->count || a->nt != tgt->count))
        rc = sv__error_set(err, SV_EINVAL, "an empty sentence in the input "
                           "(sentences must have text)");
    if (rc < 0) {
        sv_alignment_free(a);
        return rc;
    }
    *out = a;
    return SV_OK;
}

size_t sv_alignment_bead_count(const sv_alignment *a)
{
    return a ? a->nbeads : 0;
}

const sv_align_bead *sv_alignment_bead(const sv_alignment *a, size_t i)
{
    return a && i < a->nbeads ? &a->beads[i] : NULL;
}

const sv_align_flag *sv_alignment_flag(const sv_alignment *a, size_t i)
{
    return a && i < a->nflags ? &a->flags[i] : NULL;
}

const sv_align_sentence *sv_alignment_sentences(const sv_alignment *a,
                                                int target, size_t *n)
{
    if (!a) {
        if (n)
            *n = 0;
        return NULL;
    }
    if (n)
        *n = target ? a->nt : a->ns;
    return target ? a->ts : a->ss;
}

const char *sv_alignment_text(const sv_alignment *a, int target, size_t *len)
{
    const sv_buf *b;

    if (!a) {
        if (len)
            *len = 0;
        return NULL;
    }
    b = target ? &a->tgt : &a->src;
    if (len)
        *len = b->size;
    return b->ptr ? b->ptr : "";
}

void sv_alignment_counts(const sv_alignment *a, size_t counts[7])
{
    if (a)
        memcpy(counts, a->counts, sizeof(a->counts));
    else
        memset(counts, 0, 7 * sizeof(size_t));
}

int sv_align_check_pair(const sv_aligner *al, sv_context *ctx,
                        const char *src, size_t src_len, const char *tgt,
                        size_t tgt_len, sv_align_flag_cb cb, void *payload)
{
    SV_ASSERT_ARG(al && (src || !src_len) && (tgt || !tgt_len));
    return sv__al_qa(al, ctx, src ? src : "", src_len, tgt ? tgt : "",
                     tgt_len, -1, -1, 1.0, cb, payload);
}

const char *sv_severity_name(int sev)
{
    switch (sev) {
    case SV_SEVERITY_INFO: return "info";
    case SV_SEVERITY_WARNING: return "warning";
    case SV_SEVERITY_ERROR: return "error";
    default: return "none";
    }
}

int sv_severity_from_name(const char *name, sv_severity *out)
{
    if (!name || !out)
        return SV_EINVAL;
    if (!strcmp(name, "info"))
        *out = SV_SEVERITY_INFO;
    else if (!strcmp(name, "warning"))
        *out = SV_SEVERITY_WARNING;
    else if (!strcmp(name, "error"))
        *out = SV_SEVERITY_ERROR;
    else
        return SV_EINVAL;
    return SV_OK;
}
