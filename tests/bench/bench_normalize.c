/* SPDX-License-Identifier: MIT */
/*
 * Library-level throughput of the normalizer: the default pipeline and
 * each step alone, on one thread, over the records of a file (paragraphs
 * by default), in MB/s of CPU time, best of N runs.  The CLI-level suite
 * with the iconv/uconv references is tests/bench/bench.sh.
 *   bench_normalize [--runs N] [--record paragraph|line|document]
 *                   [--dicts DIR] FILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sverka/normalize.h"

typedef struct span {
    size_t start, len;
} span;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, got;

    if (!f)
        return NULL;
    do {
        if (n + 65536 > cap) {
            char *p = realloc(buf, cap = (cap ? cap * 2 : 1 << 20));

            if (!p) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = p;
        }
        got = fread(buf + n, 1, 65536, f);
        n += got;
    } while (got > 0);
    fclose(f);
    *len = n;
    return buf;
}

/* Split into records: lines, paragraphs (blank-line separated, with their
 * separators) or the whole text. */
static span *split(const char *t, size_t len, const char *mode, size_t *count)
{
    span *s = malloc(sizeof(*s) * (len / 2 + 2));
    size_t i = 0, n = 0;

    if (!s)
        return NULL;
    if (strcmp(mode, "document") == 0) {
        s[0].start = 0;
        s[0].len = len;
        *count = 1;
        return s;
    }
    while (i < len) {
        size_t e = i;

        for (;;) {
            const char *nl = memchr(t + e, '\n', len - e);

            e = nl ? (size_t)(nl - t) + 1 : len;
            if (e >= len || strcmp(mode, "line") == 0 || t[e] == '\n')
                break;
        }
        while (strcmp(mode, "paragraph") == 0 && e < len && t[e] == '\n')
            e++;
        s[n].start = i;
        s[n++].len = e - i;
        i = e;
    }
    *count = n;
    return s;
}

static double run(const sv_normalizer *n, sv_context *ctx, const char *t,
                  const span *recs, size_t count, int runs)
{
    sv_buf out = SV_BUF_INIT;
    sv_normalize_result res = SV_NORMALIZE_RESULT_INIT;
    double best = 1e30;
    int r;

    for (r = 0; r < runs; r++) {
        clock_t t0 = clock();
        size_t i;
        double secs;

        for (i = 0; i < count; i++)
            if (sv_normalize_run(n, ctx, t + recs[i].start, recs[i].len, &out,
                                 &res, NULL) < 0) {
                fprintf(stderr, "bench_normalize: record %zu failed\n", i);
                exit(1);
            }
        secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
        if (secs < best)
            best = secs;
    }
    sv_buf_dispose(&out);
    sv_normalize_result_dispose(&res);
    return best;
}

static int measure(const char *name, unsigned int steps, const sv_resources *rs,
                   sv_context *ctx, const char *t, size_t len,
                   const span *recs, size_t count, int runs)
{
    sv_normalize_options o = SV_NORMALIZE_OPTIONS_INIT;
    sv_normalizer *n = NULL;
    sv_error err = SV_ERROR_INIT;
    double secs;

    o.steps = steps;
    if (sv_normalizer_new(&n, &o, rs, &err) < 0) {
        fprintf(stderr, "bench_normalize: %s\n", err.message);
        return 1;
    }
    secs = run(n, ctx, t, recs, count, runs);
    if (secs < 1e-6)
        secs = 1e-6;
    printf("%-14s %9.1f MB/s  %8.3f s\n", name, (double)len / 1e6 / secs,
           secs);
    sv_normalizer_free(n);
    return 0;
}

int main(int argc, char **argv)
{
    const char *mode = "paragraph", *dicts = NULL, *path = NULL;
    sv_resources *rs = NULL;
    sv_context *ctx = NULL;
    sv_error err = SV_ERROR_INIT;
    const sv_normalize_step_info *steps;
    size_t nsteps, len = 0, count = 0, k;
    int runs = 3, i, rc = 0;
    span *recs;
    char *text;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
            runs = (int)strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--record") == 0 && i + 1 < argc)
            mode = argv[++i];
        else if (strcmp(argv[i], "--dicts") == 0 && i + 1 < argc)
            dicts = argv[++i];
        else
            path = argv[i];
    }
    if (!path || runs < 1 || !(text = slurp(path, &len))) {
        fprintf(stderr, "usage: bench_normalize [--runs N] [--record "
                        "paragraph|line|document] [--dicts DIR] FILE\n");
        return 2;
    }
    if (dicts) {
        sv_resources_options ro = SV_RESOURCES_OPTIONS_INIT;

        ro.dicts_dir = dicts;
        if (sv_resources_new(&rs, &ro, &err) < 0 ||
            sv_context_new(&ctx, rs, &err) < 0) {
            fprintf(stderr, "bench_normalize: %s\n", err.message);
            return 4;
        }
    }
    if (!(recs = split(text, len, mode, &count)))
        return 4;
    printf("%s: %.1f MB, %zu records (%s), %s, best of %d\n", path,
           (double)len / 1e6, count, mode,
           rs ? "with dictionaries" : "no dictionaries", runs);
    rc |= measure("default", SV_STEPS_DEFAULT, rs, ctx, text, len, recs,
                  count, runs);
    steps = sv_normalize_steps(&nsteps);
    for (k = 0; k < nsteps; k++)
        rc |= measure(steps[k].name, steps[k].bit | SV_STEP_DECODE, rs, ctx,
                      text, len, recs, count, runs);
    sv_context_free(ctx);
    sv_resources_free(rs);
    free(recs);
    free(text);
    return rc;
}
