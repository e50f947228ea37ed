/* SPDX-License-Identifier: MIT */
/*
 * Bracket quality and speed.  Reads the test set (tests/data/brackets/
 * cases.tsv, format in its README.md), runs sv_brackets_run() on every
 * case and prints precision and recall per kind, for the untranslated
 * flag, the language, unbalanced-bracket reports and translation-span
 * boundaries; --min P makes it fail below P.  --speed FILE times
 * sv_brackets_run() and sv_normalize_run() on the same text, in MB/s.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sverka/brackets.h>
#include <sverka/normalize.h>
#include <sverka/sverka.h>

#define NKINDS 5

typedef struct counts {
    unsigned tp, fp, fn;
} counts;

typedef struct eval {
    counts kind[NKINDS];
    counts untr, span, left, right, unbal;
    unsigned lang_ok, lang_n, cases, errors;
    int verbose;
} eval;

static const char *kind_names[NKINDS] = {"original", "editorial", "acronym",
                                         "reference", "other"};

static int kind_of(const char *s)
{
    int k;

    for (k = 0; k < NKINDS; k++)
        if (!strcmp(s, kind_names[k]))
            return k;
    return -1;
}

static double ratio(unsigned a, unsigned b)
{
    return b ? (double)a / b : 1.0;
}

/* The bracket whose inner text is `inner`, or NULL. */
static const sv_bracket *target(const sv_brackets_result *r, const char *text,
                                const char *inner)
{
    size_t i, n = strlen(inner);

    for (i = 0; i < r->count; i++) {
        const sv_bracket *b = &r->brackets[i];

        if (b->end - b->start == n && !memcmp(text + b->start, inner, n))
            return &r->brackets[i];
    }
    return NULL;
}

static void miss(const eval *e, const char *id, const char *what,
                 const char *text)
{
    if (e->verbose)
        printf("MISS %-10s %s\n           %s\n", id, what, text);
}

static void score_span(eval *e, const char *id, const char *text,
                       const sv_bracket *b, const char *gold)
{
    char msg[512];
    int has_gold = strcmp(gold, "-") != 0;
    const char *g = has_gold ? strstr(text, gold) : NULL;
    size_t gs = g ? (size_t)(g - text) : 0, ge = gs + (g ? strlen(gold) : 0);

    /* a gold span is its first occurrence outside the bracket itself */
    if (g && gs >= b->start && gs < b->end) {
        const char *g2 = strstr(text + b->end, gold);

        if (g2) {
            gs = (size_t)(g2 - text);
            ge = gs + strlen(gold);
        }
    }
    if (b->has_translation && has_gold) {
        int ok = b->tr_start == gs && b->tr_end == ge;

        e->span.tp += ok;
        e->span.fp += !ok;
        e->span.fn += !ok;
        e->left.tp += b->tr_start == gs;
        e->left.fn += b->tr_start != gs;
        e->right.tp += b->tr_end == ge;
        e->right.fn += b->tr_end != ge;
        if (!ok) {
            snprintf(msg, sizeof(msg), "span \"%.*s\", gold \"%s\"",
                     (int)(b->tr_end - b->tr_start), text + b->tr_start, gold);
            miss(e, id, msg, text);
        }
    } else if (b->has_translation) {
        e->span.fp++;
        snprintf(msg, sizeof(msg), "span \"%.*s\", gold none",
                 (int)(b->tr_end - b->tr_start), text + b->tr_start);
        miss(e, id, msg, text);
    } else if (has_gold) {
        e->span.fn++;
        e->left.fn++;
        e->right.fn++;
        snprintf(msg, sizeof(msg), "no span, gold \"%s\"", gold);
        miss(e, id, msg, text);
    }
}

static void score_problem(eval *e, const char *id, const char *kind,
                          const char *ch, const sv_brackets_result *r,
                          const char *text)
{
    size_t i;
    int found = 0;

    if (!strcmp(kind, "none")) {
        if (r->problem_count || r->count) {
            e->unbal.fp++;
            miss(e, id, "reported brackets where there are none", text);
        } else {
            e->unbal.tp++;
        }
        return;
    }
    for (i = 0; i < r->problem_count; i++)
        if (r->problems[i].ch == ch[0] &&
            !strcmp(sv_bracket_problem_name(r->problems[i].kind),
                    kind + strlen("unbalanced:")))
            found = 1;
    e->unbal.tp += found;
    e->unbal.fn += !found;
    e->unbal.fp += (unsigned)r->problem_count - (unsigned)found;
    if (!found || r->problem_count > 1)
        miss(e, id, "unbalanced bracket not reported as expected", text);
}

static void score_case(eval *e, char **f, const sv_brackets_result *r)
{
    const char *id = f[0], *kind = f[1], *lang = f[2], *text = f[6];
    int untr = f[3][0] == '1', gk = kind_of(kind);
    const sv_bracket *b;
    char msg[256];

    e->cases++;
    if (gk < 0) {
        score_problem(e, id, kind, f[5], r, text);
        return;
    }
    if (!(b = target(r, text, f[5]))) {
        e->kind[gk].fn++;
        miss(e, id, "bracket not found", text);
        return;
    }
    if ((int)b->kind == gk) {
        e->kind[gk].tp++;
    } else {
        e->kind[gk].fn++;
        e->kind[b->kind].fp++;
        snprintf(msg, sizeof(msg), "[%s] kind %s, gold %s", f[5],
                 sv_bracket_kind_name(b->kind), kind);
        miss(e, id, msg, text);
    }
    e->lang_n++;
    if (!strcmp(b->lang, lang)) {
        e->lang_ok++;
    } else {
        snprintf(msg, sizeof(msg), "[%s] lang %s, gold %s", f[5], b->lang,
                 lang);
        miss(e, id, msg, text);
    }
    if (gk != 0 && b->kind != SV_BRACKET_ORIGINAL)
        return;
    if (b->untranslated && untr)
        e->untr.tp++;
    else if (b->untranslated)
        e->untr.fp++;
    else if (untr)
        e->untr.fn++;
    if (b->untranslated != untr) {
        snprintf(msg, sizeof(msg), "[%s] untranslated %d, gold %d", f[5],
                 b->untranslated, untr);
        miss(e, id, msg, text);
    }
    score_span(e, id, text, b, f[4]);
}

static int split(char *line, char **f, int max)
{
    int n = 0;
    char *p = line;

    while (n < max) {
        char *t = strchr(p, '\t');

        f[n++] = p;
        if (!t)
            break;
        *t = '\0';
        p = t + 1;
    }
    return n;
}

static void print_pr(const char *name, const counts *c, double *worst)
{
    double p = ratio(c->tp, c->tp + c->fp), r = ratio(c->tp, c->tp + c->fn);

    printf("  %-22s P %5.1f%%  R %5.1f%%  (tp %u, fp %u, fn %u)\n", name,
           100 * p, 100 * r, c->tp, c->fp, c->fn);
    if (p < *worst)
        *worst = p;
    if (r < *worst)
        *worst = r;
}

static int run_cases(const char *path, const sv_brackets *bp, sv_context *ctx,
                     eval *e)
{
    FILE *fp = fopen(path, "rb");
    sv_brackets_result r = SV_BRACKETS_RESULT_INIT;
    sv_error err = SV_ERROR_INIT;
    char line[4096];

    if (!fp) {
        fprintf(stderr, "bench_brackets: %s: cannot open\n", path);
        return -1;
    }
    while (fgets(line, sizeof(line), fp)) {
        char *f[8];
        size_t n = strlen(line);

        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (!n || line[0] == '#')
            continue;
        if (split(line, f, 8) != 7) {
            fprintf(stderr, "bench_brackets: bad line: %s\n", line);
            e->errors++;
            continue;
        }
        if (sv_brackets_run(bp, ctx, f[6], strlen(f[6]), &r, &err) < 0) {
            fprintf(stderr, "bench_brackets: %s: %s\n", f[0], err.message);
            e->errors++;
            continue;
        }
        score_case(e, f, &r);
    }
    sv_brackets_result_dispose(&r);
    fclose(fp);
    return 0;
}

static double report(const eval *e)
{
    double worst = 1.0;
    int k;

    printf("bracket test set: %u cases\n", e->cases);
    printf("kind:\n");
    for (k = 0; k < NKINDS; k++)
        print_pr(kind_names[k], &e->kind[k], &worst);
    printf("originals:\n");
    print_pr("untranslated flag", &e->untr, &worst);
    print_pr("translation span", &e->span, &worst);
    printf("  %-22s %5.1f%% left edges, %5.1f%% right edges exact\n",
           "span boundaries", 100 * ratio(e->left.tp, e->left.tp + e->left.fn),
           100 * ratio(e->right.tp, e->right.tp + e->right.fn));
    printf("other:\n");
    print_pr("unbalanced reports", &e->unbal, &worst);
    printf("  %-22s %5.1f%% (%u of %u)\n", "language", 100 *
           ratio(e->lang_ok, e->lang_n), e->lang_ok, e->lang_n);
    if (ratio(e->lang_ok, e->lang_n) < worst)
        worst = ratio(e->lang_ok, e->lang_n);
    printf("worst figure: %.1f%%\n", 100 * worst);
    return worst;
}

/* ---- speed ------------------------------------------------------------------- */

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, k;

    if (!fp)
        return NULL;
    do {
        if (n + 65536 > cap) {
            char *b = realloc(buf, cap = (cap + 65536) * 2);

            if (!b) {
                free(buf);
                fclose(fp);
                return NULL;
            }
            buf = b;
        }
        k = fread(buf + n, 1, cap - n, fp);
        n += k;
    } while (k > 0);
    fclose(fp);
    *len = n;
    return buf;
}

/* Time fn over every paragraph of text, repeated until ~64 MB. */
static double mbps(const char *text, size_t len, int which,
                   const sv_brackets *bp, const sv_normalizer *nz,
                   sv_context *ctx)
{
    sv_brackets_result r = SV_BRACKETS_RESULT_INIT;
    sv_normalize_result nr = SV_NORMALIZE_RESULT_INIT;
    sv_buf out = SV_BUF_INIT;
    size_t total = 0, reps = len ? (64u << 20) / len + 1 : 1, i;
    double t0 = now(), t;

    for (i = 0; i < reps; i++) {
        size_t pos = 0;

        while (pos < len) {
            const char *e = strstr(text + pos, "\n\n");
            size_t n = e ? (size_t)(e - text) - pos : len - pos;

            if (which == 0)
                sv_brackets_run(bp, ctx, text + pos, n, &r, NULL);
            else
                sv_normalize_run(nz, ctx, text + pos, n, &out, &nr, NULL);
            total += n;
            pos += n + 2;
        }
    }
    t = now() - t0;
    sv_brackets_result_dispose(&r);
    sv_normalize_result_dispose(&nr);
    sv_buf_dispose(&out);
    return t > 0 ? total / t / 1e6 : 0;
}

static int speed(const char *path, const sv_brackets *bp,
                 const sv_resources *res, sv_context *ctx)
{
    sv_normalizer *nz = NULL;
    sv_error err = SV_ERROR_INIT;
    size_t len = 0;
    char *text = read_all(path, &len);
    double b, n;

    if (!text || sv_normalizer_new(&nz, NULL, res, &err) < 0) {
        fprintf(stderr, "bench_brackets: %s: %s\n", path,
                text ? err.message : "cannot read");
        free(text);
        return -1;
    }
    b = mbps(text, len, 0, bp, nz, ctx);
    n = mbps(text, len, 1, bp, nz, ctx);
    printf("speed on %s (%zu bytes, repeated to 64 MB, one thread):\n"
           "  brackets  %8.1f MB/s\n  normalize %8.1f MB/s\n", path, len, b, n);
    sv_normalizer_free(nz);
    free(text);
    return 0;
}

int main(int argc, char **argv)
{
    sv_resources_options ro;
    sv_resources *res = NULL;
    sv_context *ctx = NULL;
    sv_brackets *bp = NULL;
    sv_error err = SV_ERROR_INIT;
    eval e;
    const char *cases = NULL, *speed_file = NULL;
    double min = 0.0, worst;
    int i, rc = 1;

    memset(&e, 0, sizeof(e));
    sv_resources_options_init(&ro, SV_RESOURCES_OPTIONS_VERSION);
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--dicts") && i + 1 < argc)
            ro.dicts_dir = argv[++i];
        else if (!strcmp(argv[i], "--min") && i + 1 < argc)
            min = strtod(argv[++i], NULL);
        else if (!strcmp(argv[i], "--speed") && i + 1 < argc)
            speed_file = argv[++i];
        else if (!strcmp(argv[i], "-v"))
            e.verbose = 1;
        else
            cases = argv[i];
    }
    ro.load = SV_LOAD_DATA;
    ro.optional = SV_LOAD_ALL;
    if (sv_resources_new(&res, &ro, &err) < 0 ||
        sv_context_new(&ctx, res, &err) < 0 ||
        sv_brackets_new(&bp, NULL, res, &err) < 0) {
        fprintf(stderr, "bench_brackets: %s\n", err.message);
        goto done;
    }
    if (min > 0 && (!(sv_resources_loaded(res) & SV_LOAD_LEXICON) ||
                    !(sv_resources_loaded(res) & SV_LOAD_SPELL_RU))) {
        printf("bench_brackets: lexicon or hunspell-ru missing: skipped\n");
        rc = 77;
        goto done;
    }
    if (cases && run_cases(cases, bp, ctx, &e) < 0)
        goto done;
    rc = 0;
    if (cases) {
        worst = report(&e);
        if (e.errors || worst < min)
            rc = 1;
    }
    if (speed_file && speed(speed_file, bp, res, ctx) < 0)
        rc = 1;
done:
    sv_brackets_free(bp);
    sv_context_free(ctx);
    sv_resources_free(res);
    return rc;
}
