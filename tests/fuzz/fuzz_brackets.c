/* SPDX-License-Identifier: MIT */
/*
 * Fuzz the bracket finder, classifier and aligner, and the glossary built
 * from its results.  Oracles: every bracket's inner span lies inside the
 * text between its own bracket characters, depths and kinds are in range,
 * translations lie inside the text, suggestions and lemmas are readable,
 * problems point at bracket characters, and the glossary TSV written from
 * the results reads back with the same number of pairs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "fuzz_glossary.h"
#include "sverka/brackets.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sv_brackets *with_res, *rules_only;
static sv_brackets_result result = SV_BRACKETS_RESULT_INIT;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    sv_brackets_options o = SV_BRACKETS_OPTIONS_INIT;

    fuzz_load_resources(argc, argv, 0);
    if (sv_brackets_new(&with_res, &o, fuzz_res, NULL) != SV_OK)
        abort();
    o.max_brackets = 64; /* exercise the limit */
    o.max_inner = 40;
    o.pairs = SV_BRACKETS_ROUND | SV_BRACKETS_SQUARE;
    if (sv_brackets_new(&rules_only, &o, NULL, NULL) != SV_OK)
        abort();
    return 0;
}

static char closer(char open)
{
    return open == '(' ? ')' : open == '[' ? ']' : '}';
}

static void check_bracket(const char *t, size_t n, const sv_bracket *b)
{
    unsigned int i;
    size_t len;

    if (b->start < 1 || b->start > b->end || b->end >= n ||
        t[b->start - 1] != b->open || t[b->end] != closer(b->open))
        abort();
    if ((unsigned int)b->kind > SV_BRACKET_OTHER || b->lang[3] != '\0' ||
        b->confidence < 0.0 || b->confidence > 1.0)
        abort();
    if (b->has_translation && (b->tr_start > b->tr_end || b->tr_end > n))
        abort();
    for (i = 0; i < b->sugg_count; i++)
        if (!sv_brackets_suggestion(&result, b, i, &len) || len == 0)
            abort();
    if (!sv_brackets_lemma(&result, b, &len))
        abort();
}

static void check_glossary(const char *t, size_t n)
{
    sv_glossary *g = NULL;

    if (sv_glossary_new(&g, NULL) != SV_OK ||
        sv_glossary_add_result(g, t, n, &result, "fuzz", 1) != SV_OK)
        abort();
    fuzz_glossary_round_trip(g);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *t = (const char *)data + 1;
    size_t n, i;
    int rules, rc;

    if (size < 1)
        return 0;
    rules = data[0] & 1;
    n = size - 1;
    rc = sv_brackets_run(rules ? rules_only : with_res,
                         rules ? NULL : fuzz_ctx, t, n, &result, NULL);
    if (rc == SV_ETOOBIG && rules)
        return 0;
    if (rc != SV_OK)
        abort();
    for (i = 0; i < result.count; i++)
        check_bracket(t, n, &result.brackets[i]);
    for (i = 0; i < result.problem_count; i++)
        if (result.problems[i].offset >= n ||
            t[result.problems[i].offset] != result.problems[i].ch)
            abort();
    if (!rules)
        check_glossary(t, n);
    return 0;
}
