/* SPDX-License-Identifier: MIT */
/*
 * Shared by fuzz_brackets.c and fuzz_loaders.c: a glossary written as TSV
 * must merge back into an empty glossary with the same number of pairs.
 * Consumes g.
 */
#ifndef SV_FUZZ_GLOSSARY_H
#define SV_FUZZ_GLOSSARY_H

#include <stdlib.h>

#include "sverka/brackets.h"

static void fuzz_glossary_round_trip(sv_glossary *g)
{
    sv_glossary *back = NULL;
    sv_buf tsv = SV_BUF_INIT;

    if (sv_glossary_write_tsv(g, &tsv) != SV_OK ||
        sv_glossary_new(&back, NULL) != SV_OK ||
        sv_glossary_merge_tsv(back, tsv.ptr, tsv.size, "back", NULL) != SV_OK ||
        sv_glossary_count(back) != sv_glossary_count(g))
        abort();
    sv_glossary_free(g);
    sv_glossary_free(back);
    sv_buf_dispose(&tsv);
}

#endif
