/* SPDX-License-Identifier: MIT */
/*
 * Evaluation harness for sverka flag: score every row of a labeled TSV
 * (header with 'label' and 'text', optional 'system') as one unit with
 * the shipped model, and print ROC AUC, precision/recall/F1 at the
 * garbled threshold, AUC within length bins (1-10, 10-20, 20-40, 40+
 * words), per system, and each single feature's AUC for comparison.
 * usage: garble_eval [--lang en|ru] [--model FILE] [--lm FILE]
 *        [--words FILE] [--dicts DIR] [--min-auc X] [--features]
 *        [--scores OUT] [--dump OUT] FILE.tsv
 * --scores writes each labeled row's "label<TAB>score" to OUT, in order;
 * --dump its label, word count and every feature (with a header line).
 * A 'source' column is scored with the text (sv_garble_score_source)
 * unless --no-source.
 *        garble_eval --speed [--dicts DIR] FILE.txt
 * --speed scores a plain text paragraph by paragraph and reports one
 * thread's CPU time per MB: whole scoring, and for comparison the shared
 * text layer alone (sentence segmentation + tokenization).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sverka/sverka.h>

#include "garble/garble_internal.h"
#include "lang/token.h"

typedef struct item {
    double score;
    double f[GF_COUNT];
    double c[GC_COUNT]; /* the counts behind f (--dump) */
    int label;
    int words;
    int system; /* index into systems */
} item;

typedef struct eval {
    item *items;
    size_t n, cap;
    char systems[64][48];
    int nsys;
    size_t bytes;
} eval;

static int cmp_score(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

/* ROC AUC by the rank-sum (Mann-Whitney) statistic, ties averaged.
 * keep(i) selects items; value(i) is the score.  -1 when a class is
 * empty. */
typedef struct pair {
    double v;
    int label;
} pair;

static double auc_of(pair *p, size_t n)
{
    size_t i = 0, pos = 0, m;
    double rank_sum = 0;

    /* NaN (a source feature of a row without its source) has no rank:
     * left out, as it would otherwise never compare equal to itself */
    for (m = 0; m < n; m++) {
        if (p[m].v == p[m].v)
            p[i++] = p[m];
    }
    n = i;
    i = 0;
    if (n == 0)
        return -1;
    qsort(p, n, sizeof(*p), cmp_score);
    while (i < n) {
        size_t j = i, k;
        double avg;

        while (j < n && p[j].v == p[i].v)
            j++;
        avg = (double)(i + 1 + j) / 2.0;
        for (k = i; k < j; k++) {
            if (p[k].label) {
                rank_sum += avg;
                pos++;
            }
        }
        i = j;
    }
    if (pos == 0 || pos == n)
        return -1;
    return (rank_sum - (double)pos * (double)(pos + 1) / 2.0) /
           ((double)pos * (double)(n - pos));
}

static double auc_where(const eval *e, pair *buf, int feature, int lo,
                        int hi, int system)
{
    size_t i, n = 0;

    for (i = 0; i < e->n; i++) {
        const item *it = &e->items[i];

        if (it->words < lo || it->words >= hi)
            continue;
        if (system >= 0 && it->system != system)
            continue;
        buf[n].v = feature < 0 ? it->score : it->f[feature];
        buf[n++].label = it->label;
    }
    return auc_of(buf, n);
}

static size_t count_where(const eval *e, int lo, int hi, int system, int lab)
{
    size_t i, n = 0;

    for (i = 0; i < e->n; i++) {
        const item *it = &e->items[i];

        n += it->words >= lo && it->words < hi &&
             (system < 0 || it->system == system) && it->label == lab;
    }
    return n;
}

static int system_index(eval *e, const char *s, size_t len)
{
    int i;

    if (len >= sizeof(e->systems[0]))
        len = sizeof(e->systems[0]) - 1;
    for (i = 0; i < e->nsys; i++) {
        if (strlen(e->systems[i]) == len && !memcmp(e->systems[i], s, len))
            return i;
    }
    if (e->nsys == 64)
        return 63;
    memcpy(e->systems[e->nsys], s, len);
    e->systems[e->nsys][len] = '\0';
    return e->nsys++;
}

static int count_words(const char *s, size_t len)
{
    int n = 0, in = 0;
    size_t i;

    for (i = 0; i < len; i++) {
        int sp = s[i] == ' ' || s[i] == '\t' || s[i] == '\n';

        n += !sp && !in;
        in = !sp;
    }
    return n;
}

static void print_line(const char *name, double auc, size_t pos, size_t neg)
{
    if (auc < 0)
        printf("  %-22s AUC   n/a  (%zu garbled, %zu clean)\n", name, pos,
               neg);
    else
        printf("  %-22s AUC %.3f  (%zu garbled, %zu clean)\n", name, auc, pos,
               neg);
}

/* Reliability table: rows by score band, the mean score against the
 * observed share of garbled rows (calibration: they should agree). */
static void calibration(const eval *e)
{
    size_t n[5] = {0}, pos[5] = {0}, i;
    double sum[5] = {0};
    static const char *const names[] = {"0.0-0.2", "0.2-0.4", "0.4-0.6",
                                        "0.6-0.8", "0.8-1.0"};
    int b;

    for (i = 0; i < e->n; i++) {
        b = (int)(e->items[i].score * 5);
        b = b > 4 ? 4 : b < 0 ? 0 : b;
        n[b]++;
        pos[b] += (size_t)e->items[i].label;
        sum[b] += e->items[i].score;
    }
    printf("  calibration (score band: rows, mean score, share garbled):");
    for (b = 0; b < 5; b++) {
        if (n[b])
            printf(" %s: %zu, %.2f, %.2f;", names[b], n[b],
                   sum[b] / (double)n[b], (double)pos[b] / (double)n[b]);
    }
    printf("\n");
}

static void report(const eval *e, double threshold, int features)
{
    static const int bins[][2] = {{1, 10}, {10, 20}, {20, 40}, {40, 1 << 30}};
    static const char *const bin_names[] = {"1-10 words", "10-20 words",
                                            "20-40 words", "40+ words"};
    pair *buf = malloc((e->n + 1) * sizeof(*buf));
    size_t i, tp = 0, fp = 0, fn = 0;
    double p, r;
    int b, s;

    if (!buf)
        return;
    print_line("all", auc_where(e, buf, -1, 0, 1 << 30, -1),
               count_where(e, 0, 1 << 30, -1, 1),
               count_where(e, 0, 1 << 30, -1, 0));
    for (i = 0; i < e->n; i++) {
        int flag = e->items[i].score >= threshold;

        tp += flag && e->items[i].label;
        fp += flag && !e->items[i].label;
        fn += !flag && e->items[i].label;
    }
    p = tp + fp ? (double)tp / (double)(tp + fp) : 0;
    r = tp + fn ? (double)tp / (double)(tp + fn) : 0;
    printf("  at threshold %.2f: precision %.3f recall %.3f F1 %.3f "
           "(%zu flagged)\n", threshold, p, r, p + r > 0 ? 2 * p * r / (p + r)
                                                        : 0, tp + fp);
    for (b = 0; b < 4; b++)
        print_line(bin_names[b], auc_where(e, buf, -1, bins[b][0],
                                           bins[b][1], -1),
                   count_where(e, bins[b][0], bins[b][1], -1, 1),
                   count_where(e, bins[b][0], bins[b][1], -1, 0));
    for (s = 0; s < e->nsys && e->nsys > 1; s++) {
        char name[64];

        snprintf(name, sizeof(name), "system %s", e->systems[s]);
        print_line(name, auc_where(e, buf, -1, 0, 1 << 30, s),
                   count_where(e, 0, 1 << 30, s, 1),
                   count_where(e, 0, 1 << 30, s, 0));
    }
    for (i = 0; features && i < GF_COUNT; i++) {
        char name[64];

        snprintf(name, sizeof(name), "feature %s", sv__garble_feature_names[i]);
        print_line(name, auc_where(e, buf, (int)i, 0, 1 << 30, -1), 0, 0);
    }
    calibration(e);
    {
        pair *wb = buf;

        for (i = 0; i < e->n; i++) {
            wb[i].v = e->items[i].words;
            wb[i].label = e->items[i].label;
        }
        printf("  %-22s AUC %.3f\n", "length alone (words)", auc_of(wb, e->n));
    }
    free(buf);
}

typedef struct loader {
    eval *e;
    const sv_garble_scorer *sc;
    sv_context *ctx;
    sv_garble_result res;
    struct sv_garble_work *work;
    sv_tsv_row *row;
    int col_label, col_text, col_system, col_source;
    int features, no_source;
    FILE *scores; /* --scores, or NULL */
    FILE *dump;   /* --dump: label, words and every feature per row */
} loader;

static int header(loader *l)
{
    size_t i, n = sv_tsv_row_count(l->row);

    for (i = 0; i < n; i++) {
        size_t len;
        const char *f = sv_tsv_row_field(l->row, i, &len);

        if (len == 5 && !memcmp(f, "label", 5))
            l->col_label = (int)i;
        else if (len == 4 && !memcmp(f, "text", 4))
            l->col_text = (int)i;
        else if (len == 6 && !memcmp(f, "system", 6))
            l->col_system = (int)i;
        else if (len == 6 && !memcmp(f, "source", 6) && !l->no_source)
            l->col_source = (int)i;
    }
    return l->col_label >= 0 && l->col_text >= 0 ? 0 : -1;
}

static int on_line(const char *line, size_t len, void *payload)
{
    loader *l = payload;
    eval *e = l->e;
    size_t tl, ll, sl = 0, nf, srcl = 0;
    const char *t, *lab, *sys = "", *src = NULL;
    sv_error err = SV_ERROR_INIT;
    item *it;

    if (sv_tsv_row_parse(l->row, line, len) < 0)
        return SV_ENOMEM;
    if (l->col_label < 0)
        return header(l) < 0 ? SV_EFORMAT : 0;
    nf = sv_tsv_row_count(l->row);
    if ((int)nf <= l->col_text || (int)nf <= l->col_label)
        return 0;
    lab = sv_tsv_row_field(l->row, (size_t)l->col_label, &ll);
    t = sv_tsv_row_field(l->row, (size_t)l->col_text, &tl);
    if (l->col_system >= 0 && (int)nf > l->col_system)
        sys = sv_tsv_row_field(l->row, (size_t)l->col_system, &sl);
    if (l->col_source >= 0 && (int)nf > l->col_source)
        src = sv_tsv_row_field(l->row, (size_t)l->col_source, &srcl);
    if (ll != 1 || (lab[0] != '0' && lab[0] != '1'))
        return 0;
    if (e->n == e->cap) {
        item *ni = realloc(e->items, (e->cap ? e->cap * 2 : 1024) *
                                         sizeof(item));

        if (!ni)
            return SV_ENOMEM;
        e->items = ni;
        e->cap = e->cap ? e->cap * 2 : 1024;
    }
    it = &e->items[e->n];
    memset(it, 0, sizeof(*it));
    if (sv_garble_score_source(l->sc, l->ctx, t, tl, src, srcl, &l->res,
                               &err) < 0) {
        fprintf(stderr, "garble_eval: %s\n", err.message);
        return err.code;
    }
    if (l->features) {
        sv__garble_counts c;

        if (sv__garble_text_counts(l->sc, l->ctx, &l->work, t, tl, &c,
                                   &err) < 0 ||
            sv__garble_source_counts(l->sc, l->ctx, &l->work, t, tl, src,
                                     srcl, &c, &err) < 0)
            return err.code;
        sv__garble_features(&c, it->f);
        memcpy(it->c, c.c, sizeof(it->c));
    }
    e->bytes += tl;
    it->score = l->res.score;
    it->label = lab[0] == '1';
    if (l->scores)
        fprintf(l->scores, "%d\t%.6f\n", it->label, it->score);
    it->words = count_words(t, tl);
    if (l->dump) {
        unsigned j;

        fprintf(l->dump, "%d\t%d", it->label, it->words);
        for (j = 0; j < GF_COUNT; j++)
            fprintf(l->dump, "\t%.6g", it->f[j]);
        for (j = 0; j < GC_COUNT; j++)
            fprintf(l->dump, "\t%.6g", it->c[j]);
        fprintf(l->dump, "\n");
    }
    it->system = system_index(e, sys, sl);
    e->n++;
    return 0;
}

static double thread_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct speed {
    const sv_garble_scorer *sc;
    sv_context *ctx;
    sv_garble_result res;
    sv_segmenter *seg;
    sv_buf para;
    double t_score, t_text;
    size_t bytes, paragraphs, flagged;
} speed;

/* Score one paragraph, then run only the text layer over it again. */
static int speed_paragraph(speed *sp)
{
    const sv_sentence *sents;
    size_t n, i;
    double t0;

    if (!sp->para.size)
        return 0;
    t0 = thread_seconds();
    if (sv_garble_score(sp->sc, sp->ctx, sp->para.ptr, sp->para.size,
                        &sp->res, NULL) < 0)
        return -1;
    sp->t_score += thread_seconds() - t0;
    sp->flagged += sp->res.label != SV_GARBLE_OK;
    t0 = thread_seconds();
    if (sv_segment_spans(sp->seg, sp->para.ptr, sp->para.size, &sents, &n) < 0)
        return -1;
    for (i = 0; i < n; i++) {
        sv__tokenizer tk;
        sv__token t;

        sv__tok_init(&tk, sp->para.ptr + sents[i].start,
                     sents[i].end - sents[i].start, SV__TOK_SKIP_SPACE);
        while (sv__tok_next(&tk, &t))
            ;
    }
    sp->t_text += thread_seconds() - t0;
    sp->bytes += sp->para.size;
    sp->paragraphs++;
    sv_buf_clear(&sp->para);
    return 0;
}

static int speed_line(const char *line, size_t len, void *payload)
{
    speed *sp = payload;
    size_t i;

    for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t' ||
                            line[i] == '\r'); i++)
        ;
    if (i == len)
        return speed_paragraph(sp);
    if (sp->para.size && sv_buf_put(&sp->para, "\n", 1) < 0)
        return -1;
    return sv_buf_put(&sp->para, line, len) < 0 ? -1 : 0;
}

static int run_speed(sv_resources *res, const sv_garble_scorer *sc,
                     const char *path)
{
    speed sp;
    sv_garble_result init = SV_GARBLE_RESULT_INIT;
    sv_segment_options so = SV_SEGMENT_OPTIONS_INIT;
    sv_buf init_buf = SV_BUF_INIT;
    sv_error err = SV_ERROR_INIT;
    int rc = 1;

    memset(&sp, 0, sizeof(sp));
    sp.sc = sc;
    sp.res = init;
    sp.para = init_buf;
    so.lang = "en";
    so.resources = res;
    if (sv_context_new(&sp.ctx, res, &err) < 0 ||
        sv_segmenter_new(&sp.seg, &so, &err) < 0) {
        fprintf(stderr, "garble_eval: %s\n", err.message);
        goto done;
    }
    /* the dictionaries load on first use: once per thread, not per MB,
     * so that happens before the clock runs */
    if (sv_garble_score(sc, sp.ctx, "Warm up the spelling dictionary.", 32,
                        &sp.res, &err) < 0) {
        fprintf(stderr, "garble_eval: %s\n", err.message);
        goto done;
    }
    if (sv__garble_each_line(path, speed_line, &sp, &err) < 0 ||
        speed_paragraph(&sp) < 0) {
        fprintf(stderr, "garble_eval: %s: failed\n", path);
        goto done;
    }
    printf("%s: %zu paragraphs, %.1f MB, %zu flagged\n", path, sp.paragraphs,
           (double)sp.bytes / 1e6, sp.flagged);
    printf("  scoring (one thread, CPU time, dictionaries loaded before): "
           "%.2f s, %.1f MB/s\n",
           sp.t_score, (double)sp.bytes / 1e6 / sp.t_score);
    printf("  text layer alone (segmenter + tokenizer): %.2f s, %.1f MB/s\n",
           sp.t_text, (double)sp.bytes / 1e6 / sp.t_text);
    rc = 0;
done:
    sv_garble_result_dispose(&sp.res);
    sv_segmenter_free(sp.seg);
    sv_context_free(sp.ctx);
    sv_buf_dispose(&sp.para);
    return rc;
}

int main(int argc, char **argv)
{
    sv_resources_options ro = SV_RESOURCES_OPTIONS_INIT;
    sv_garble_options go = SV_GARBLE_OPTIONS_INIT;
    sv_resources *res = NULL;
    sv_garble_scorer *sc = NULL;
    sv_error err = SV_ERROR_INIT;
    sv_garble_result init = SV_GARBLE_RESULT_INIT;
    eval e;
    loader l;
    double min_auc = 0, threshold, elapsed, auc;
    struct timespec t0, t1;
    pair *buf;
    int i, rc = 1;
    const char *path = NULL, *scores_path = NULL, *dump_path = NULL;
    int speed_mode = 0;

    memset(&e, 0, sizeof(e));
    memset(&l, 0, sizeof(l));
    go.unit = SV_GARBLE_DOCUMENT;
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--lang") && i + 1 < argc)
            go.lang = !strcmp(argv[++i], "ru") ? SV_LANG_RU : SV_LANG_EN;
        else if (!strcmp(argv[i], "--model") && i + 1 < argc)
            go.model_path = argv[++i];
        else if (!strcmp(argv[i], "--dicts") && i + 1 < argc)
            ro.dicts_dir = argv[++i];
        else if (!strcmp(argv[i], "--scores") && i + 1 < argc)
            scores_path = argv[++i];
        else if (!strcmp(argv[i], "--lm") && i + 1 < argc)
            go.lm_path = argv[++i];
        else if (!strcmp(argv[i], "--words") && i + 1 < argc)
            go.words_path = argv[++i];
        else if (!strcmp(argv[i], "--min-auc") && i + 1 < argc)
            min_auc = strtod(argv[++i], NULL);
        else if (!strcmp(argv[i], "--no-source"))
            l.no_source = 1;
        else if (!strcmp(argv[i], "--features"))
            l.features = 1;
        else if (!strcmp(argv[i], "--dump") && i + 1 < argc)
            dump_path = argv[++i];
        else if (!strcmp(argv[i], "--speed"))
            speed_mode = 1;
        else
            path = argv[i];
    }
    if (!path) {
        fprintf(stderr, "usage: garble_eval [--lang en|ru] [--model FILE] "
                "[--lm FILE] [--words FILE] [--dicts DIR] [--min-auc X] "
                "[--features] [--scores OUT] [--dump OUT] [--no-source] "
                "FILE.tsv\n");
        return 2;
    }
    ro.load = go.lang == SV_LANG_RU ? SV_LOAD_SPELL_RU : SV_LOAD_SPELL_EN;
    if (sv_resources_new(&res, &ro, &err) < 0 ||
        sv_garble_scorer_new(&sc, res, &go, &err) < 0 ||
        sv_context_new(&l.ctx, res, &err) < 0 ||
        sv_tsv_row_new(&l.row, &err) < 0) {
        fprintf(stderr, "garble_eval: %s\n", err.message);
        goto done;
    }
    if (speed_mode) {
        rc = run_speed(res, sc, path);
        goto done;
    }
    l.e = &e;
    if (scores_path && !(l.scores = fopen(scores_path, "w"))) {
        fprintf(stderr, "garble_eval: cannot write %s\n", scores_path);
        goto done;
    }
    if (dump_path) {
        unsigned j;

        if (!(l.dump = fopen(dump_path, "w"))) {
            fprintf(stderr, "garble_eval: cannot write %s\n", dump_path);
            goto done;
        }
        l.features = 1;
        fprintf(l.dump, "label\twords");
        for (j = 0; j < GF_COUNT; j++)
            fprintf(l.dump, "\t%s", sv__garble_feature_names[j]);
        for (j = 0; j < GC_COUNT; j++)
            fprintf(l.dump, "\tcount%u", j);
        fprintf(l.dump, "\n");
    }
    l.sc = sc;
    l.res = init;
    l.col_label = l.col_text = l.col_system = l.col_source = -1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (sv__garble_each_line(path, on_line, &l, &err) < 0) {
        fprintf(stderr, "garble_eval: %s: cannot evaluate (%s)\n", path,
                err.message[0] ? err.message : "bad row");
        goto done;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    elapsed = (double)(t1.tv_sec - t0.tv_sec) +
              (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    sv_garble_thresholds(sc, NULL, &threshold);
    printf("%s: %zu rows, %.2f MB/s (scoring + features)\n", path, e.n,
           (double)e.bytes / 1e6 / elapsed);
    report(&e, threshold, l.features);
    buf = malloc((e.n + 1) * sizeof(*buf));
    auc = buf ? auc_where(&e, buf, -1, 0, 1 << 30, -1) : -1;
    free(buf);
    rc = auc >= min_auc ? 0 : 1;
    if (rc)
        printf("FAIL: AUC %.3f below %.3f\n", auc, min_auc);
done:
    if (l.scores)
        fclose(l.scores);
    if (l.dump)
        fclose(l.dump);
    free(e.items);
    sv_tsv_row_free(l.row);
    sv_garble_result_dispose(&l.res);
    sv__garble_work_free(l.work);
    sv_context_free(l.ctx);
    sv_garble_scorer_free(sc);
    sv_resources_free(res);
    return rc;
}
