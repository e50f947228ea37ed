/* SPDX-License-Identifier: MIT */
/*
 * Evaluation and speed harness of the aligner.
 *   1. WMT21/22 ru-en (../shared/data/align): every document as a
 *      presegmented pair, perturbed deterministically (sentences deleted
 *      on one side, merged and split), with the gold beads kept
 *      consistent; strict/lax P/R/F1 (beadeval.h) per set.
 *   2. Text+Berg de-fr dev without a lexicon: P/R/F1.
 *   3. Time and peak memory (forked child, ru_maxrss) for generated
 *      pairs of 5 000, 10 000 and 20 000 x 1.05 sentences.
 * Exit 77 when the shared data is absent (CTest skip); 1 when a target
 * (--min-f1) is missed.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sverka/align.h>
#include <sverka/sverka.h>

#include "beadeval.h"

/* ---- small utilities ------------------------------------------------- */

static uint64_t rng_state;

static uint32_t rnd(void)
{
    /* xorshift64*: deterministic across platforms */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

static double unif(void)
{
    return rnd() / 4294967296.0;
}

static char *xstrndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);

    if (!p) {
        perror("malloc");
        exit(2);
    }
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- a document: two sentence lists with paragraphs, and gold ------- */

typedef struct sent {
    char *text;
    int para;
} sent;

typedef struct side {
    sent *v;
    size_t n, cap;
} side;

typedef struct doc {
    side s, t;
    be_list gold;
} doc;

static void side_push(side *s, char *text, int para)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->v = realloc(s->v, s->cap * sizeof(*s->v));
        if (!s->v)
            exit(2);
    }
    s->v[s->n].text = text;
    s->v[s->n].para = para;
    s->n++;
}

static void doc_free(doc *d)
{
    size_t i;

    for (i = 0; i < d->s.n; i++)
        free(d->s.v[i].text);
    for (i = 0; i < d->t.n; i++)
        free(d->t.v[i].text);
    free(d->s.v);
    free(d->t.v);
    free(d->gold.v);
    memset(d, 0, sizeof(*d));
}

/* Presegmented text: a sentence per line, blank line between paras. */
static char *side_text(const side *s, size_t *len)
{
    size_t i, total = 1, pos = 0;
    char *buf;

    for (i = 0; i < s->n; i++)
        total += strlen(s->v[i].text) + 2;
    buf = malloc(total);
    if (!buf)
        exit(2);
    for (i = 0; i < s->n; i++) {
        size_t n = strlen(s->v[i].text);

        if (i > 0 && s->v[i].para != s->v[i - 1].para)
            buf[pos++] = '\n';
        memcpy(buf + pos, s->v[i].text, n);
        pos += n;
        buf[pos++] = '\n';
    }
    buf[pos] = 0;
    *len = pos;
    return buf;
}

/* ---- WMT documents ---------------------------------------------------- */

typedef struct seg {
    char *doc, *ru, *en;
    int para;
} seg;

typedef struct segs {
    seg *v;
    size_t n, cap;
} segs;

/* Split a TSV line in place into at most max fields. */
static int split_tabs(char *line, char **f, int max)
{
    int n = 0;

    f[n++] = line;
    while (n < max && (line = strchr(line, '\t')) != NULL) {
        *line++ = 0;
        f[n++] = line;
    }
    return n;
}

static int read_wmt(const char *path, segs *out)
{
    FILE *fp = fopen(path, "r");
    static char line[1 << 16];
    char *f[8];

    if (!fp)
        return -1;
    if (!fgets(line, sizeof(line), fp)) { /* header */
        fclose(fp);
        return -1;
    }
    while (fgets(line, sizeof(line), fp)) {
        size_t n = strlen(line);
        seg s;

        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = 0;
        if (split_tabs(line, f, 8) < 6)
            continue;
        s.doc = xstrndup(f[0], strlen(f[0]));
        s.para = atoi(f[2]);
        s.ru = xstrndup(f[4], strlen(f[4]));
        s.en = xstrndup(f[5], strlen(f[5]));
        if (out->n == out->cap) {
            out->cap = out->cap ? out->cap * 2 : 1024;
            out->v = realloc(out->v, out->cap * sizeof(*out->v));
            if (!out->v)
                exit(2);
        }
        out->v[out->n++] = s;
    }
    fclose(fp);
    return 0;
}

/* A split point of a segment: a sentence end ". X" near the middle, else
 * a comma or semicolon near the middle; 0 when none. */
static size_t split_point(const char *s)
{
    size_t n = strlen(s), best = 0, i;
    double bd = 1e9;
    int pass;

    for (pass = 0; pass < 2 && !best; pass++) {
        for (i = 1; i + 2 < n; i++) {
            int ok = pass == 0 ? ((s[i] == '.' || s[i] == '?' || s[i] == '!') &&
                                  s[i + 1] == ' ' &&
                                  ((s[i + 2] >= 'A' && s[i + 2] <= 'Z') ||
                                   (unsigned char)s[i + 2] == 0xD0))
                               : ((s[i] == ',' || s[i] == ';') && s[i + 1] == ' ');
            double d = fabs((double)i - n / 2.0);

            if (ok && d < bd && i > n / 5 && i < n * 4 / 5) {
                bd = d;
                best = i + 1;
            }
        }
    }
    return best;
}

typedef struct pstats {
    long sents, deleted, merged, split;
} pstats;

/* Build one perturbed document from segments [a, b). Operations on the
 * gold 1-1 segment beads: delete one side (12%), merge with the next
 * segment on one side (7%), split one side in two (7%). */
static void build_doc(const segs *sg, size_t a, size_t b, int perturb,
                      doc *d, pstats *st)
{
    size_t i;

    memset(d, 0, sizeof(*d));
    for (i = a; i < b; i++) {
        const seg *g = &sg->v[i];
        be_bead bead;
        double u = perturb ? unif() : 1.0;
        int side_t = rnd() & 1;

        memset(&bead, 0, sizeof(bead));
        st->sents++;
        if (u < 0.12) {
            /* delete on one side */
            if (side_t) {
                side_push(&d->s, xstrndup(g->ru, strlen(g->ru)), g->para);
                bead.ns = 1;
                bead.s[0] = (int)d->s.n - 1;
            } else {
                side_push(&d->t, xstrndup(g->en, strlen(g->en)), g->para);
                bead.nt = 1;
                bead.t[0] = (int)d->t.n - 1;
            }
            st->deleted++;
        } else if (u < 0.19 && i + 1 < b && sg->v[i + 1].para == g->para) {
            /* merge segment i and i+1 on one side: a 2-1 or 1-2 bead */
            const seg *h = &sg->v[i + 1];
            const char *x = side_t ? g->en : g->ru, *y = side_t ? h->en : h->ru;
            size_t lx = strlen(x), ly = strlen(y);
            char *m = malloc(lx + ly + 2);

            memcpy(m, x, lx);
            m[lx] = ' ';
            memcpy(m + lx + 1, y, ly + 1);
            if (side_t) {
                side_push(&d->s, xstrndup(g->ru, strlen(g->ru)), g->para);
                side_push(&d->s, xstrndup(h->ru, strlen(h->ru)), g->para);
                side_push(&d->t, m, g->para);
                bead.ns = 2;
                bead.s[0] = (int)d->s.n - 2;
                bead.s[1] = (int)d->s.n - 1;
                bead.nt = 1;
                bead.t[0] = (int)d->t.n - 1;
            } else {
                side_push(&d->t, xstrndup(g->en, strlen(g->en)), g->para);
                side_push(&d->t, xstrndup(h->en, strlen(h->en)), g->para);
                side_push(&d->s, m, g->para);
                bead.nt = 2;
                bead.t[0] = (int)d->t.n - 2;
                bead.t[1] = (int)d->t.n - 1;
                bead.ns = 1;
                bead.s[0] = (int)d->s.n - 1;
            }
            st->merged++;
            st->sents++;
            i++;
        } else if (u < 0.26 && split_point(side_t ? g->en : g->ru)) {
            const char *x = side_t ? g->en : g->ru;
            size_t p = split_point(x);
            char *l = xstrndup(x, p), *r = xstrndup(x + p + 1, strlen(x + p + 1));
            side *one = side_t ? &d->s : &d->t, *two = side_t ? &d->t : &d->s;
            const char *other = side_t ? g->ru : g->en;

            side_push(one, xstrndup(other, strlen(other)), g->para);
            side_push(two, l, g->para);
            side_push(two, r, g->para);
            if (side_t) {
                bead.ns = 1;
                bead.s[0] = (int)d->s.n - 1;
                bead.nt = 2;
                bead.t[0] = (int)d->t.n - 2;
                bead.t[1] = (int)d->t.n - 1;
            } else {
                bead.nt = 1;
                bead.t[0] = (int)d->t.n - 1;
                bead.ns = 2;
                bead.s[0] = (int)d->s.n - 2;
                bead.s[1] = (int)d->s.n - 1;
            }
            st->split++;
        } else {
            side_push(&d->s, xstrndup(g->ru, strlen(g->ru)), g->para);
            side_push(&d->t, xstrndup(g->en, strlen(g->en)), g->para);
            bead.ns = bead.nt = 1;
            bead.s[0] = (int)d->s.n - 1;
            bead.t[0] = (int)d->t.n - 1;
        }
        be_push(&d->gold, &bead);
    }
}

/* The beads of an alignment in the evaluation's form. */
static void to_beads(const sv_alignment *a, be_list *out)
{
    size_t k, i;

    for (k = 0; k < sv_alignment_bead_count(a); k++) {
        const sv_align_bead *b = sv_alignment_bead(a, k);
        be_bead x;

        memset(&x, 0, sizeof(x));
        for (i = 0; i < b->src_count && i < BE_MAX_SIDE; i++)
            x.s[x.ns++] = (int)(b->src_first + i);
        for (i = 0; i < b->tgt_count && i < BE_MAX_SIDE; i++)
            x.t[x.nt++] = (int)(b->tgt_first + i);
        be_push(out, &x);
    }
}

/* Align a document and collect its beads. */
static int align_doc(const sv_aligner *al, sv_context *ctx, const doc *d,
                     be_list *test)
{
    size_t sl, tl;
    char *s = side_text(&d->s, &sl), *t = side_text(&d->t, &tl);
    sv_alignment *a = NULL;
    sv_error err = SV_ERROR_INIT;
    int rc = sv_align_texts(al, ctx, s, sl, t, tl, &a, &err);

    free(s);
    free(t);
    if (rc < 0) {
        fprintf(stderr, "align-bench: %s\n", err.message);
        return rc;
    }
    test->n = 0;
    to_beads(a, test);
    sv_alignment_free(a);
    return 0;
}

/* Beads that differ from the gold, with the sentences (debugging). */
static void debug_doc(const doc *d, const be_list *test)
{
    size_t i, k;

    for (i = 0; i < test->n; i++) {
        const be_bead *t = &test->v[i];
        int found = 0;

        for (k = 0; k < d->gold.n && !found; k++)
            found = be_equal(t, &d->gold.v[k]);
        if (found)
            continue;
        printf("BAD [%d..+%d]:[%d..+%d]\n", t->ns ? t->s[0] : -1, t->ns,
               t->nt ? t->t[0] : -1, t->nt);
        for (k = 0; k < (size_t)t->ns; k++)
            printf("   < %s\n", d->s.v[t->s[k]].text);
        for (k = 0; k < (size_t)t->nt; k++)
            printf("   > %s\n", d->t.v[t->t[k]].text);
    }
}

typedef struct run_opts {
    const sv_resources *res;
    sv_context *ctx;
    int ignore_paragraphs;
    int no_lexicon;
    int concat;      /* all documents of a set as one long document */
    int reverse;     /* English source, Russian target */
} run_opts;

static double eval_wmt(const run_opts *ro, const char *path, const char *name,
                       int perturb, uint64_t seed)
{
    segs sg = {NULL, 0, 0};
    sv_align_options opts = SV_ALIGN_OPTIONS_INIT;
    sv_aligner *al = NULL;
    be_counts p = {0, 0, 0, 0}, r = {0, 0, 0, 0};
    be_list test = {NULL, 0, 0};
    pstats st = {0, 0, 0, 0};
    size_t a = 0, i;
    double f1, t0 = now();
    char label[200];

    if (read_wmt(path, &sg) < 0)
        return -1;
    if (ro->reverse) {
        for (i = 0; i < sg.n; i++) {
            char *x = sg.v[i].ru;

            sg.v[i].ru = sg.v[i].en;
            sg.v[i].en = x;
        }
        opts.src_lang = "en";
        opts.tgt_lang = "ru";
    }
    opts.presegmented = 1;
    opts.ignore_paragraphs = ro->ignore_paragraphs;
    opts.no_lexicon = ro->no_lexicon;
    if (sv_aligner_new(&al, &opts, ro->res, NULL) < 0)
        return -1;
    rng_state = seed;
    while (a < sg.n) {
        size_t b = a;
        doc d;

        while (b < sg.n && (ro->concat || !strcmp(sg.v[b].doc, sg.v[a].doc)))
            b++;
        build_doc(&sg, a, b, perturb, &d, &st);
        if (align_doc(al, ro->ctx, &d, &test) == 0) {
            if (getenv("ALIGN_BENCH_DEBUG"))
                debug_doc(&d, &test);
            be_precision(&d.gold, &test, &p);
            be_precision(&test, &d.gold, &r);
        }
        doc_free(&d);
        a = b;
    }
    snprintf(label, sizeof(label), "%s%s%s%s", name,
             ro->reverse ? " en->ru" : "", perturb ? " perturbed" : " clean",
             ro->concat ? " (one document)" : "");
    f1 = be_report(stdout, label, &p, &r);
    if (perturb)
        printf("%-38s   %ld segments: %.1f%% deleted, %.1f%% merged, %.1f%% "
               "split (%.2f s)\n", "", st.sents, 100.0 * st.deleted / st.sents,
               100.0 * 2 * st.merged / st.sents, 100.0 * st.split / st.sents,
               now() - t0);
    for (i = 0; i < sg.n; i++) {
        free(sg.v[i].doc);
        free(sg.v[i].ru);
        free(sg.v[i].en);
    }
    free(sg.v);
    free(test.v);
    sv_aligner_free(al);
    return f1;
}

/* ---- end to end: running text through the segmenter ------------------ */

/* Segment of each sentence of one side, from byte offsets: the segment
 * whose text holds the sentence's first byte. */
static void map_sentences(const sv_alignment *a, int target,
                          const size_t *seg_start, size_t nseg, int *out)
{
    size_t n, i, k = 0;
    const sv_align_sentence *s = sv_alignment_sentences(a, target, &n);

    for (i = 0; i < n; i++) {
        while (k + 1 < nseg && seg_start[k + 1] <= s[i].start)
            k++;
        out[i] = (int)k;
    }
}

/* Gold beads: for each segment, its sentences on both sides. */
static void segment_gold(const int *ms, size_t ns, const int *mt, size_t nt,
                         size_t nseg, be_list *gold)
{
    size_t k, i;

    for (k = 0; k < nseg; k++) {
        be_bead b;

        memset(&b, 0, sizeof(b));
        for (i = 0; i < ns; i++)
            if (ms[i] == (int)k && b.ns < BE_MAX_SIDE)
                b.s[b.ns++] = (int)i;
        for (i = 0; i < nt; i++)
            if (mt[i] == (int)k && b.nt < BE_MAX_SIDE)
                b.t[b.nt++] = (int)i;
        if (b.ns || b.nt)
            be_push(gold, &b);
    }
}

/* Documents as running text (segments joined by spaces, 10% of them
 * deleted on one side), split by the library's segmenter and aligned:
 * the default CLI path.  A segment the segmenter splits in two on both
 * sides is a 2-2 gold bead that two correct 1-1 beads miss in the strict
 * count, so the lax figure is the fairer one here. */
static void eval_running(const run_opts *ro, const char *path)
{
    segs sg = {NULL, 0, 0};
    sv_align_options opts = SV_ALIGN_OPTIONS_INIT;
    sv_aligner *al = NULL;
    be_counts p = {0, 0, 0, 0}, r = {0, 0, 0, 0};
    be_list gold = {NULL, 0, 0}, test = {NULL, 0, 0};
    size_t a = 0, i;
    double t0 = now();

    if (read_wmt(path, &sg) < 0 || sv_aligner_new(&al, &opts, ro->res, NULL) < 0)
        return;
    rng_state = 77;
    while (a < sg.n) {
        size_t b = a, k, sl = 0, tl = 0, nseg = 0, ns, nt;
        char *s, *t;
        size_t *ss, *ts;
        int *ms, *mt;
        sv_alignment *al_out = NULL;

        while (b < sg.n && !strcmp(sg.v[b].doc, sg.v[a].doc))
            b++;
        s = malloc(1 << 20);
        t = malloc(1 << 20);
        ss = malloc((b - a + 1) * sizeof(*ss));
        ts = malloc((b - a + 1) * sizeof(*ts));
        if (!s || !t || !ss || !ts)
            exit(2);
        for (k = a; k < b; k++) {
            double u = unif();
            size_t lr = strlen(sg.v[k].ru), le = strlen(sg.v[k].en);

            if (sl + lr + 2 >= (1 << 20) || tl + le + 2 >= (1 << 20))
                break;
            ss[nseg] = sl;
            ts[nseg] = tl;
            if (u >= 0.05) {
                memcpy(s + sl, sg.v[k].ru, lr);
                sl += lr;
                s[sl++] = ' ';
            }
            if (u < 0.05 || u >= 0.10) {
                memcpy(t + tl, sg.v[k].en, le);
                tl += le;
                t[tl++] = ' ';
            }
            nseg++;
        }
        if (sv_align_texts(al, ro->ctx, s, sl, t, tl, &al_out, NULL) == 0) {
            sv_alignment_sentences(al_out, 0, &ns);
            sv_alignment_sentences(al_out, 1, &nt);
            ms = malloc((ns + 1) * sizeof(*ms));
            mt = malloc((nt + 1) * sizeof(*mt));
            if (!ms || !mt)
                exit(2);
            map_sentences(al_out, 0, ss, nseg, ms);
            map_sentences(al_out, 1, ts, nseg, mt);
            gold.n = test.n = 0;
            segment_gold(ms, ns, mt, nt, nseg, &gold);
            to_beads(al_out, &test);
            be_precision(&gold, &test, &p);
            be_precision(&test, &gold, &r);
            free(ms);
            free(mt);
        }
        sv_alignment_free(al_out);
        free(s);
        free(t);
        free(ss);
        free(ts);
        a = b;
    }
    be_report(stdout, "WMT21 running text, 10% deleted", &p, &r);
    printf("%-38s   (segmenter + aligner, %.2f s)\n", "", now() - t0);
    for (i = 0; i < sg.n; i++) {
        free(sg.v[i].doc);
        free(sg.v[i].ru);
        free(sg.v[i].en);
    }
    free(sg.v);
    free(gold.v);
    free(test.v);
    sv_aligner_free(al);
}

/* ---- a long block missing ------------------------------------------- */

/* All segments of a set as one document with a block of 30% of them
 * missing from the middle of the target: the anchors must carry the band
 * across the gap. */
static void eval_gap(const run_opts *ro, const char *path)
{
    segs sg = {NULL, 0, 0};
    sv_align_options opts = SV_ALIGN_OPTIONS_INIT;
    sv_aligner *al = NULL;
    be_counts p = {0, 0, 0, 0}, r = {0, 0, 0, 0};
    be_list test = {NULL, 0, 0};
    doc d;
    size_t i, g0, g1;
    double t0 = now();
    char label[80];

    if (read_wmt(path, &sg) < 0)
        return;
    opts.presegmented = 1;
    opts.no_lexicon = ro->no_lexicon;
    if (sv_aligner_new(&al, &opts, ro->res, NULL) < 0)
        return;
    memset(&d, 0, sizeof(d));
    g0 = sg.n / 3;
    g1 = g0 + sg.n * 3 / 10;
    for (i = 0; i < sg.n; i++) {
        be_bead b;

        memset(&b, 0, sizeof(b));
        side_push(&d.s, xstrndup(sg.v[i].ru, strlen(sg.v[i].ru)), 0);
        b.s[b.ns++] = (int)d.s.n - 1;
        if (i < g0 || i >= g1) {
            side_push(&d.t, xstrndup(sg.v[i].en, strlen(sg.v[i].en)), 0);
            b.t[b.nt++] = (int)d.t.n - 1;
        }
        be_push(&d.gold, &b);
    }
    if (align_doc(al, ro->ctx, &d, &test) == 0) {
        be_precision(&d.gold, &test, &p);
        be_precision(&test, &d.gold, &r);
    }
    snprintf(label, sizeof(label), "one document, %zu of %zu missing",
             g1 - g0, sg.n);
    be_report(stdout, label, &p, &r);
    printf("%-38s   (%.2f s)\n", "", now() - t0);
    doc_free(&d);
    for (i = 0; i < sg.n; i++) {
        free(sg.v[i].doc);
        free(sg.v[i].ru);
        free(sg.v[i].en);
    }
    free(sg.v);
    free(test.v);
    sv_aligner_free(al);
}

/* ---- pair QA: injected errors and false alarms ------------------------ */

typedef struct qa_seen {
    char codes[256];
} qa_seen;

static int qa_collect(const sv_align_flag *f, void *payload)
{
    qa_seen *q = payload;
    size_t n = strlen(q->codes);

    snprintf(q->codes + n, sizeof(q->codes) - n, "%s ", f->code);
    return 0;
}

static int qa_has(const sv_aligner *al, sv_context *ctx, const char *s,
                  const char *t, const char *code, qa_seen *q)
{
    memset(q, 0, sizeof(*q));
    sv_align_check_pair(al, ctx, s, strlen(s), t, strlen(t), qa_collect, q);
    return code ? strstr(q->codes, code) != NULL : q->codes[0] != 0;
}

/* Change the first number of 2+ digits (its first digit + 1). */
static char *bump_number(const char *t)
{
    size_t i, n = strlen(t);

    for (i = 0; i + 1 < n; i++) {
        if (t[i] >= '0' && t[i] <= '9' && t[i + 1] >= '0' && t[i + 1] <= '9' &&
            (i == 0 || t[i - 1] < '0' || t[i - 1] > '9')) {
            char *c = xstrndup(t, n);

            c[i] = c[i] == '9' ? '1' : (char)(c[i] + 1);
            return c;
        }
    }
    return NULL;
}

/* Drop the negation: " not " -> " ", "n't" -> "". */
static char *drop_negation(const char *t)
{
    const char *p = strstr(t, " not ");
    size_t n = strlen(t), skip = 4;
    char *c;

    if (!p) {
        p = strstr(t, "n't ");
        skip = 3;
    }
    if (!p)
        return NULL;
    c = malloc(n + 1);
    if (!c)
        exit(2);
    memcpy(c, t, (size_t)(p - t));
    memcpy(c + (p - t), p + skip, n - (size_t)(p - t) - skip + 1);
    return c;
}

static void eval_qa(const run_opts *ro, const segs *sg)
{
    sv_align_options opts = SV_ALIGN_OPTIONS_INIT;
    sv_aligner *al = NULL;
    long clean = 0, alarms = 0, num = 0, num_hit = 0, neg = 0, neg_hit = 0,
         un = 0, un_hit = 0;
    size_t i;
    qa_seen q;

    if (sv_aligner_new(&al, &opts, ro->res, NULL) < 0)
        return;
    for (i = 0; i < sg->n; i++) {
        const seg *g = &sg->v[i];
        char *m;

        clean++;
        alarms += qa_has(al, ro->ctx, g->ru, g->en, NULL, &q);
        if ((m = bump_number(g->en)) != NULL) {
            num++;
            num_hit += qa_has(al, ro->ctx, g->ru, m, "number", &q);
            free(m);
        }
        if ((m = drop_negation(g->en)) != NULL) {
            neg++;
            neg_hit += qa_has(al, ro->ctx, g->ru, m, "negation", &q);
            free(m);
        }
        un++;
        un_hit += qa_has(al, ro->ctx, g->ru, g->ru, "untranslated", &q);
    }
    printf("pair QA on WMT21 references: %.1f%% of %ld clean pairs flagged; "
           "detected: number %ld/%ld, negation %ld/%ld, untranslated "
           "%ld/%ld\n", 100.0 * alarms / (clean ? clean : 1), clean, num_hit,
           num, neg_hit, neg, un_hit, un);
    sv_aligner_free(al);
}

/* ---- Text+Berg ------------------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf;
    long n;

    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, fp) != (size_t)n) {
        fclose(fp);
        free(buf);
        return NULL;
    }
    buf[n] = 0;
    *len = (size_t)n;
    fclose(fp);
    return buf;
}

static double eval_textberg(const run_opts *ro, const char *dir)
{
    char path[4200];
    size_t sl, tl;
    char *s, *t;
    be_list gold = {NULL, 0, 0}, test = {NULL, 0, 0};
    be_counts p = {0, 0, 0, 0}, r = {0, 0, 0, 0};
    sv_align_options opts = SV_ALIGN_OPTIONS_INIT;
    sv_aligner *al = NULL;
    sv_alignment *a = NULL;
    sv_error err = SV_ERROR_INIT;
    double f1 = -1;

    snprintf(path, sizeof(path), "%s/dev.de", dir);
    s = slurp(path, &sl);
    snprintf(path, sizeof(path), "%s/dev.fr", dir);
    t = slurp(path, &tl);
    snprintf(path, sizeof(path), "%s/dev.defr", dir);
    if (!s || !t || be_read_file(path, &gold) < 0)
        goto done;
    opts.src_lang = "de";
    opts.tgt_lang = "fr";
    opts.presegmented = 1;
    opts.ignore_paragraphs = 1;
    if (sv_aligner_new(&al, &opts, ro->res, &err) < 0 ||
        sv_align_texts(al, NULL, s, sl, t, tl, &a, &err) < 0) {
        fprintf(stderr, "align-bench: %s\n", err.message);
        goto done;
    }
    to_beads(a, &test);
    be_precision(&gold, &test, &p);
    be_precision(&test, &gold, &r);
    f1 = be_report(stdout, "Text+Berg de-fr dev (no lexicon)", &p, &r);
done:
    sv_alignment_free(a);
    sv_aligner_free(al);
    free(s);
    free(t);
    free(gold.v);
    free(test.v);
    return f1;
}

/* ---- scale ------------------------------------------------------------ */

/* A generated pair of n source sentences and about 1.05 n target ones:
 * WMT segment pairs in a shuffled order when available (else synthetic
 * sentences of pseudo-words and numbers), 5% extra target sentences
 * inserted at random places, paragraphs of about 8 sentences. */
static void scale_pair(const segs *sg, size_t n, char **s, size_t *sl,
                       char **t, size_t *tl)
{
    side a = {NULL, 0, 0}, b = {NULL, 0, 0};
    size_t i;
    char tmp[400];

    rng_state = 0x5eed5eedULL + n;
    for (i = 0; i < n; i++) {
        int para = (int)(i / 8);

        if (sg && sg->n) {
            const seg *g = &sg->v[rnd() % sg->n];

            side_push(&a, xstrndup(g->ru, strlen(g->ru)), para);
            side_push(&b, xstrndup(g->en, strlen(g->en)), para);
            if (unif() < 0.05) {
                g = &sg->v[rnd() % sg->n];
                side_push(&b, xstrndup(g->en, strlen(g->en)), para);
            }
        } else {
            int w, nw = 5 + (int)(rnd() % 20), pos = 0, pos2 = 0;
            char tmp2[400];

            for (w = 0; w < nw && pos < 300; w++) {
                uint32_t x = rnd() % 5000;

                pos += snprintf(tmp + pos, sizeof(tmp) - (size_t)pos, "%sw%u",
                                w ? " " : "", x);
                pos2 += snprintf(tmp2 + pos2, sizeof(tmp2) - (size_t)pos2,
                                 "%s%s%u", w ? " " : "",
                                 x % 7 == 0 ? "w" : "v", x);
            }
            side_push(&a, xstrndup(tmp, (size_t)pos), para);
            side_push(&b, xstrndup(tmp2, (size_t)pos2), para);
            if (unif() < 0.05)
                side_push(&b, xstrndup("An extra sentence 42.", 21), para);
        }
    }
    *s = side_text(&a, sl);
    *t = side_text(&b, tl);
    for (i = 0; i < a.n; i++)
        free(a.v[i].text);
    for (i = 0; i < b.n; i++)
        free(b.v[i].text);
    free(a.v);
    free(b.v);
}

/* Align in a child so that ru_maxrss is this run's peak. */
static void scale_run(const run_opts *ro, const segs *sg, size_t n)
{
    int fd[2];
    pid_t pid;
    double res[4] = {0, 0, 0, 0};

    if (pipe(fd) < 0)
        return;
    pid = fork();
    if (pid == 0) {
        char *s, *t;
        size_t sl, tl;
        sv_align_options opts = SV_ALIGN_OPTIONS_INIT;
        sv_aligner *al = NULL;
        sv_alignment *a = NULL;
        struct rusage ru0, ru;
        double t0;

        close(fd[0]);
        scale_pair(sg, n, &s, &sl, &t, &tl);
        getrusage(RUSAGE_SELF, &ru0);
        opts.presegmented = 1;
        opts.no_lexicon = ro->no_lexicon;
        t0 = now();
        if (sv_aligner_new(&al, &opts, ro->res, NULL) == 0 &&
            sv_align_texts(al, ro->ctx, s, sl, t, tl, &a, NULL) == 0) {
            size_t nt;

            res[0] = now() - t0;
            getrusage(RUSAGE_SELF, &ru);
            res[1] = ru.ru_maxrss / 1024.0;
            res[2] = ru0.ru_maxrss / 1024.0;
            sv_alignment_sentences(a, 1, &nt);
            res[3] = (double)nt;
        }
        if (write(fd[1], res, sizeof(res)) != (ssize_t)sizeof(res))
            _exit(1);
        _exit(0);
    }
    close(fd[1]);
    if (pid > 0 && read(fd[0], res, sizeof(res)) == (ssize_t)sizeof(res))
        printf("scale %6zu x %6.0f sentences: %6.2f s, peak RSS %7.1f MiB "
               "(%.1f MiB before aligning)\n", n, res[3], res[0], res[1],
               res[2]);
    close(fd[0]);
    if (pid > 0)
        waitpid(pid, NULL, 0);
}

/* ---- main --------------------------------------------------------------- */

int main(int argc, char **argv)
{
    const char *shared = NULL, *dicts = NULL;
    double min_f1 = 0;
    int i, scale = 1, missing = 0, fail = 0;
    run_opts ro = {NULL, NULL, 0, 0, 0, 0};
    sv_resources_options rop = SV_RESOURCES_OPTIONS_INIT;
    sv_resources *res = NULL;
    char path[4096];
    segs sg = {NULL, 0, 0};

    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--shared") && i + 1 < argc)
            shared = argv[++i];
        else if (!strcmp(argv[i], "--dicts") && i + 1 < argc)
            dicts = argv[++i];
        else if (!strcmp(argv[i], "--min-f1") && i + 1 < argc)
            min_f1 = strtod(argv[++i], NULL);
        else if (!strcmp(argv[i], "--no-scale"))
            scale = 0;
        else if (!strcmp(argv[i], "--no-lexicon"))
            ro.no_lexicon = 1;
        else {
            fprintf(stderr, "usage: align-bench [--shared DIR] [--dicts DIR] "
                    "[--min-f1 X] [--no-scale] [--no-lexicon]\n");
            return 2;
        }
    }
    rop.dicts_dir = dicts;
    rop.load = SV_LOAD_DATA;
    rop.optional = SV_LOAD_ALL;
    if (sv_resources_new(&res, &rop, NULL) < 0)
        res = NULL;
    ro.res = res;
    if (res && sv_context_new(&ro.ctx, res, NULL) < 0)
        ro.ctx = NULL;
    printf("lexicon %s\n", res && (sv_resources_loaded(res) & SV_LOAD_LEXICON) &&
                               !ro.no_lexicon
                               ? "loaded"
                               : "not used");
    snprintf(path, sizeof(path), "%s/data/align/wmt21-ruen/newstest2021.ru-en.tsv",
             shared ? shared : "");
    if (!shared || access(path, R_OK) != 0) {
        printf("WMT ru-en data absent (%s): skipped\n", path);
        missing = 1;
    } else {
        eval_wmt(&ro, path, "WMT21 ru-en", 0, 1);
        if (eval_wmt(&ro, path, "WMT21 ru-en", 1, 21) < min_f1)
            fail = 1;
        ro.concat = 1; /* 1000 sentences: banded DP through anchors */
        eval_wmt(&ro, path, "WMT21 ru-en", 1, 21);
        ro.concat = 0;
        ro.reverse = 1;
        eval_wmt(&ro, path, "WMT21", 1, 21);
        ro.reverse = 0;
        eval_running(&ro, path);
        read_wmt(path, &sg);
        snprintf(path, sizeof(path),
                 "%s/data/align/wmt22-ruen/generaltest2022.ru-en.tsv", shared);
        eval_wmt(&ro, path, "WMT22 ru-en", 0, 2);
        if (eval_wmt(&ro, path, "WMT22 ru-en", 1, 22) < min_f1)
            fail = 1;
        ro.concat = 1;
        eval_wmt(&ro, path, "WMT22 ru-en", 1, 22);
        ro.concat = 0;
        eval_gap(&ro, path);
        eval_qa(&ro, &sg);
        snprintf(path, sizeof(path), "%.4000s/data/align/textberg-defr-dev",
                 shared);
        eval_textberg(&ro, path);
    }
    if (scale) {
        scale_run(&ro, sg.n ? &sg : NULL, 5000);
        scale_run(&ro, sg.n ? &sg : NULL, 10000);
        scale_run(&ro, sg.n ? &sg : NULL, 20000);
    }
    for (i = 0; i < (int)sg.n; i++) {
        free(sg.v[i].doc);
        free(sg.v[i].ru);
        free(sg.v[i].en);
    }
    free(sg.v);
    sv_context_free(ro.ctx);
    sv_resources_free(res);
    if (fail) {
        printf("FAIL: strict F1 below %.3f\n", min_f1);
        return 1;
    }
    return missing ? 77 : 0;
}
