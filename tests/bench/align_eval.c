/* SPDX-License-Identifier: MIT */
/*
 * align-eval GOLD TEST: strict and lax precision, recall and F1 of a test
 * alignment against a gold one, both in the Vecalign bead format
 * ("[i, j]:[k]" or with ":score"), as Vecalign's score.py counts them
 * (beadeval.h).  Usage with the CLI:
 *   sverka align --presegmented --format beads a.txt b.txt > test.beads
 *   align-eval gold.beads test.beads
 */
#include "beadeval.h"

int main(int argc, char **argv)
{
    be_list gold = {NULL, 0, 0}, test = {NULL, 0, 0};
    be_counts p = {0, 0, 0, 0}, r = {0, 0, 0, 0};

    if (argc != 3) {
        fprintf(stderr, "usage: align-eval GOLD TEST\n");
        return 2;
    }
    if (be_read_file(argv[1], &gold) < 0 || be_read_file(argv[2], &test) < 0) {
        fprintf(stderr, "align-eval: cannot read or parse %s\n",
                gold.n ? argv[2] : argv[1]);
        return 3;
    }
    be_precision(&gold, &test, &p);
    be_precision(&test, &gold, &r);
    be_report(stdout, "alignment", &p, &r);
    free(gold.v);
    free(test.v);
    return 0;
}
