/* SPDX-License-Identifier: MIT */
/*
 * Example: list the bracketed spans of a short text file with the public
 * API (sv_brackets_run), then print the glossary of aligned originals.
 * Usage: sample_brackets FILE  (the data directory from $SVERKA_DICTS).
 */
#include <stdio.h>
#include <string.h>

#include <sverka/sverka.h>

static size_t read_small(const char *path, char *buf, size_t cap)
{
    FILE *fp = fopen(path, "rb");
    size_t n;

    if (!fp)
        return 0;
    n = fread(buf, 1, cap - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    return n;
}

static void print_bracket(const char *text, const sv_brackets_result *r,
                          const sv_bracket *b)
{
    char close = b->open == '[' ? ']' : b->open == '(' ? ')' : '}';
    unsigned i;

    printf("%-9s %-3s %c%.*s%c  ", sv_bracket_kind_name(b->kind), b->lang,
           b->open, (int)(b->end - b->start), text + b->start, close);
    if (b->has_translation)
        printf("= %.*s", (int)(b->tr_end - b->tr_start), text + b->tr_start);
    else if (b->untranslated)
        printf("UNTRANSLATED");
    for (i = 0; i < b->sugg_count; i++)
        printf("%s%s", i ? ", " : ": ", sv_brackets_suggestion(r, b, i, NULL));
    printf("\n");
}

int main(int argc, char **argv)
{
    static char text[1 << 16];
    sv_resources_options ro = SV_RESOURCES_OPTIONS_INIT;
    sv_resources *res = NULL;
    sv_context *ctx = NULL;
    sv_brackets *b = NULL;
    sv_brackets_result r = SV_BRACKETS_RESULT_INIT;
    sv_glossary *g = NULL;
    sv_buf tsv = SV_BUF_INIT;
    sv_error err = SV_ERROR_INIT;
    size_t len, i;
    int rc = 1;

    len = argc == 2 ? read_small(argv[1], text, sizeof(text)) : 0;
    if (len == 0) {
        fprintf(stderr, "usage: sample_brackets FILE (at most 64 KiB)\n");
        return 2;
    }
    ro.optional = SV_LOAD_ALL; /* hunspell and the lexicon when present */
    if (sv_resources_new(&res, &ro, &err) < 0 ||
        sv_context_new(&ctx, res, &err) < 0 ||
        sv_brackets_new(&b, NULL, res, &err) < 0 ||
        sv_brackets_run(b, ctx, text, len, &r, &err) < 0 ||
        sv_glossary_new(&g, &err) < 0) {
        fprintf(stderr, "sample_brackets: %s\n", err.message);
        goto done;
    }
    for (i = 0; i < r.count; i++)
        print_bracket(text, &r, &r.brackets[i]);
    for (i = 0; i < r.problem_count; i++)
        printf("unbalanced '%c' at byte %zu: %s\n", r.problems[i].ch,
               r.problems[i].offset,
               sv_bracket_problem_name(r.problems[i].kind));
    if (sv_glossary_add_result(g, text, len, &r, argv[1], 1) < 0 ||
        sv_glossary_write_tsv(g, &tsv) < 0)
        goto done;
    fwrite(tsv.ptr, 1, tsv.size, stdout);
    rc = 0;
done:
    sv_buf_dispose(&tsv);
    sv_glossary_free(g);
    sv_brackets_result_dispose(&r);
    sv_brackets_free(b);
    sv_context_free(ctx);
    sv_resources_free(res);
    return rc;
}
