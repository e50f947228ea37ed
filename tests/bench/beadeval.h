/* SPDX-License-Identifier: MIT */
/*
 * Alignment scoring as Vecalign's score.py defines it (our own code):
 * strict = the test bead equals a gold bead; lax = it shares at least one
 * sentence on each side with a gold bead.  Precision is taken over the
 * test beads, recall over the gold beads, both without insertion and
 * deletion beads ([]:[j], [i]:[]); counts add up over documents.
 * Header-only so the evaluation tools share it.
 */
#ifndef SV_BENCH_BEADEVAL_H
#define SV_BENCH_BEADEVAL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BE_MAX_SIDE 8

typedef struct be_bead {
    int ns, nt;
    int s[BE_MAX_SIDE], t[BE_MAX_SIDE];
} be_bead;

typedef struct be_list {
    be_bead *v;
    size_t n, cap;
} be_list;

typedef struct be_counts {
    long tp_strict, fp_strict, tp_lax, fp_lax;
} be_counts;

static int be_push(be_list *l, const be_bead *b)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        be_bead *v = realloc(l->v, cap * sizeof(*v));

        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = *b;
    return 0;
}

/* "[1, 2]" -> ids; returns the pointer after ']' or NULL. */
static const char *be_parse_side(const char *p, int *ids, int *n)
{
    *n = 0;
    while (*p == ' ')
        p++;
    if (*p++ != '[')
        return NULL;
    for (;;) {
        while (*p == ' ' || *p == ',')
            p++;
        if (*p == ']')
            return p + 1;
        if (*p < '0' || *p > '9' || *n >= BE_MAX_SIDE)
            return NULL;
        ids[*n] = (int)strtol(p, (char **)&p, 10);
        (*n)++;
    }
}

/* One line "[i, j]:[k]" or "[i]:[k]:score"; 0 ok, -1 malformed. */
static int be_parse_line(const char *line, be_bead *b)
{
    const char *p = be_parse_side(line, b->s, &b->ns);

    if (!p || *p != ':')
        return -1;
    p = be_parse_side(p + 1, b->t, &b->nt);
    return p ? 0 : -1;
}

static int be_read_file(const char *path, be_list *l)
{
    char line[4096];
    FILE *fp = fopen(path, "r");
    be_bead b;

    if (!fp)
        return -1;
    while (fgets(line, sizeof(line), fp)) {
        if (line[0] == '\n' || line[0] == '#')
            continue;
        if (be_parse_line(line, &b) < 0 || be_push(l, &b) < 0) {
            fclose(fp);
            return -1;
        }
    }
    fclose(fp);
    return 0;
}

static int be_equal(const be_bead *a, const be_bead *b)
{
    return a->ns == b->ns && a->nt == b->nt &&
           !memcmp(a->s, b->s, (size_t)a->ns * sizeof(int)) &&
           !memcmp(a->t, b->t, (size_t)a->nt * sizeof(int));
}

static int be_shares(const int *a, int na, const int *b, int nb)
{
    int i, j;

    for (i = 0; i < na; i++)
        for (j = 0; j < nb; j++)
            if (a[i] == b[j])
                return 1;
    return 0;
}

/* Index of the gold beads by first source sentence would be faster; the
 * documents are small enough for the window search below: a matching
 * bead lies near the test bead's position in the gold list. */
static void be_precision(const be_list *gold, const be_list *test,
                         be_counts *c)
{
    size_t i, k;

    for (i = 0; i < test->n; i++) {
        const be_bead *t = &test->v[i];
        int strict = 0, lax = 0;

        if (t->ns == 0 || t->nt == 0)
            continue;
        for (k = 0; k < gold->n && !strict; k++) {
            const be_bead *g = &gold->v[k];

            if (g->ns == 0 || g->nt == 0)
                continue;
            if (be_equal(t, g))
                strict = 1;
            else if (be_shares(t->s, t->ns, g->s, g->ns) &&
                     be_shares(t->t, t->nt, g->t, g->nt))
                lax = 1;
        }
        if (strict) {
            c->tp_strict++;
            c->tp_lax++;
        } else {
            c->fp_strict++;
            if (lax)
                c->tp_lax++;
            else
                c->fp_lax++;
        }
    }
}

static double be_div(long a, long b)
{
    return b ? (double)a / (double)b : 0.0;
}

static double be_f1(double p, double r)
{
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

/* Print "name: strict P R F1, lax P R F1"; returns strict F1. */
static double be_report(FILE *fp, const char *name, const be_counts *p,
                        const be_counts *r)
{
    double ps = be_div(p->tp_strict, p->tp_strict + p->fp_strict);
    double rs = be_div(r->tp_strict, r->tp_strict + r->fp_strict);
    double pl = be_div(p->tp_lax, p->tp_lax + p->fp_lax);
    double rl = be_div(r->tp_lax, r->tp_lax + r->fp_lax);

    fprintf(fp, "%-38s strict P %.3f R %.3f F1 %.3f | lax P %.3f R %.3f "
            "F1 %.3f\n", name, ps, rs, be_f1(ps, rs), pl, rl, be_f1(pl, rl));
    return be_f1(ps, rs);
}

#endif
