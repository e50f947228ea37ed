/* SPDX-License-Identifier: MIT */
/*
 * sverka brackets: stream records through sv_brackets_run() on -j threads
 * and print a report per bracket (or add a "brackets" member to JSON
 * Lines); --glossary/--tmx collect original -> translation pairs across
 * the corpus, --merge joins partial glossaries.  No text logic here.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sverka/brackets.h>

#include "cli.h"
#include "explain.h"

enum {
    OPT_FAIL_ON = 1, OPT_GLOSSARY, OPT_TMX, OPT_MERGE, OPT_INCONSISTENCIES,
    OPT_KINDS, OPT_PAIRS, OPT_TERMS, OPT_NO_DICTS, OPT_SUGGESTIONS
};

enum { FAIL_UNTRANSLATED = 1, FAIL_UNBALANCED = 2 };

typedef struct brackets_cmd {
    cli_common common;
    sv_brackets_options opts;
    unsigned fail_on;        /* FAIL_* bits */
    unsigned kinds;          /* bit per sv_bracket_kind shown; 0 = all */
    const char *glossary_path, *tmx_path, *incons_path;
    int merge, no_dicts;
    sv_resources *res;
    sv_brackets *b;
    sv_glossary *g;
    sv_tsv_row *row;
    size_t records, brackets, untranslated, unbalanced, pairs;
} brackets_cmd;

typedef struct worker {
    sv_context *ctx;
    sv_brackets_result res;
    sv_buf member;
} worker;

static const cli_opt opts_table[] = {
    {OPT_FAIL_ON, "fail-on", 0, "WHAT",
     "exit 1 on untranslated originals, unbalanced brackets, or any "
     "(comma-separated)"},
    {OPT_GLOSSARY, "glossary", 0, "FILE",
     "write the corpus glossary (original -> translation, counts, "
     "examples) as TSV"},
    {OPT_TMX, "tmx", 0, "FILE", "write the corpus glossary as TMX 1.4b"},
    {OPT_INCONSISTENCIES, "inconsistencies", 0, "FILE",
     "write the inconsistency report there (default: stderr with "
     "--glossary/--tmx)"},
    {OPT_MERGE, "merge", 0, NULL,
     "merge the glossary TSV files given as arguments (to -o or stdout)"},
    {OPT_KINDS, "kinds", 0, "LIST",
     "report only these kinds: original, editorial, acronym, reference, "
     "other"},
    {OPT_PAIRS, "pairs", 0, "LIST",
     "bracket pairs to look for: square, round, curly (default all)"},
    {OPT_TERMS, "terms", 0, "FILE",
     "news glossary to align with (default: news_glossary.tsv in the data "
     "directory)"},
    {OPT_SUGGESTIONS, "suggestions", 0, "N",
     "suggestions per untranslated original (default 5, at most 8)"},
    {OPT_NO_DICTS, "no-dicts", 0, NULL,
     "no hunspell or lexicon: glossary, names and numbers only (faster)"},
    {0, NULL, 0, NULL, NULL}};

static const cli_help help = {
    "[OPTIONS] [FILE...]",
    "Find bracketed spans ([...], (...), {...}), classify them (original,\n"
    "editorial, acronym, reference, other), align each original with the\n"
    "host-text words that translate it, and flag untranslated originals with\n"
    "suggestions.  One line per bracket: FILE:LINE:COL, kind, language, and\n"
    "the translation or UNTRANSLATED.  Unbalanced brackets are reported.\n"
    "Plain text is read one paragraph per record (--record changes that).",
    "  sverka brackets article.txt\n"
    "  sverka brackets --fail-on untranslated translated/*.txt\n"
    "  sverka brackets --jsonl --field text < crawl.jsonl > with-brackets.jsonl\n"
    "  sverka brackets --glossary part1.tsv corpus-part1.txt\n"
    "  sverka brackets --merge -o glossary.tsv part1.tsv part2.tsv\n",
    "exit status: 1 with --fail-on when untranslated originals or unbalanced\n"
    "brackets were found.\n"};

/* Parse a comma-separated list against names; bits set in *out. */
static int parse_list(const char *arg, const char *const *names, unsigned *out)
{
    const char *p = arg;

    *out = 0;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        unsigned i;

        for (i = 0; names[i]; i++)
            if (strlen(names[i]) == len && !strncmp(names[i], p, len))
                break;
        if (!names[i])
            return -1;
        *out |= 1u << i;
        p += len + (e ? 1 : 0);
    }
    return *out ? 0 : -1;
}

static int apply(void *ctx, int id, const char *arg)
{
    static const char *const fail_names[] = {"untranslated", "unbalanced",
                                             "any", NULL};
    static const char *const kind_names[] = {"original", "editorial",
                                             "acronym", "reference", "other",
                                             NULL};
    static const char *const pair_names[] = {"square", "round", "curly", NULL};
    brackets_cmd *c = ctx;
    unsigned bits;
    size_t n;

    switch (id) {
    case OPT_FAIL_ON:
        if (parse_list(arg, fail_names, &bits) < 0)
            return cli_usage_error("brackets", "--fail-on expects "
                                   "untranslated, unbalanced or any, not '%s'",
                                   arg);
        c->fail_on = (bits & 4) ? (FAIL_UNTRANSLATED | FAIL_UNBALANCED)
                                : bits;
        return CLI_OK;
    case OPT_GLOSSARY: c->glossary_path = arg; return CLI_OK;
    case OPT_TMX: c->tmx_path = arg; return CLI_OK;
    case OPT_INCONSISTENCIES: c->incons_path = arg; return CLI_OK;
    case OPT_MERGE: c->merge = 1; return CLI_OK;
    case OPT_KINDS:
        if (parse_list(arg, kind_names, &c->kinds) < 0)
            return cli_usage_error("brackets", "--kinds expects original, "
                                   "editorial, acronym, reference or other, "
                                   "not '%s'", arg);
        return CLI_OK;
    case OPT_PAIRS:
        if (parse_list(arg, pair_names, &c->opts.pairs) < 0)
            return cli_usage_error("brackets", "--pairs expects square, round "
                                   "or curly, not '%s'", arg);
        return CLI_OK;
    case OPT_TERMS: c->opts.glossary_path = arg; return CLI_OK;
    case OPT_SUGGESTIONS:
        if (cli_parse_size(arg, &n) != 0 || n > SV_BRACKETS_MAX_SUGGESTIONS)
            return cli_usage_error("brackets", "--suggestions expects 0..%d",
                                   SV_BRACKETS_MAX_SUGGESTIONS);
        c->opts.max_suggestions = (unsigned)n;
        return CLI_OK;
    case OPT_NO_DICTS: c->no_dicts = 1; return CLI_OK;
    default:
        return cli_usage_error("brackets", "internal: option %d", id);
    }
}

static int init_worker(void **state, void *cmd)
{
    brackets_cmd *c = cmd;
    worker *w = calloc(1, sizeof(*w));
    sv_brackets_result init = SV_BRACKETS_RESULT_INIT;
    int rc;

    if (!w)
        return SV_ENOMEM;
    w->res = init;
    if ((rc = cli_worker_context("brackets", c->res, &w->ctx)) < 0) {
        free(w);
        return rc;
    }
    *state = w;
    return 0;
}

static void fini_worker(void *state, void *cmd)
{
    worker *w = state;

    (void)cmd;
    if (!w)
        return;
    sv_context_free(w->ctx);
    sv_brackets_result_dispose(&w->res);
    sv_buf_dispose(&w->member);
    free(w);
}

static int put(sv_buf *b, const char *s)
{
    return sv_buf_put(b, s, strlen(s));
}

static int shown(const brackets_cmd *c, const sv_bracket *b)
{
    return !c->kinds || (c->kinds & (1u << b->kind));
}

/* ---- readable report ------------------------------------------------------ */

static int report_bracket(sv_buf *o, const cli_job *j, const worker *w,
                          const sv_bracket *b, size_t line, size_t col)
{
    char head[96];
    char close = b->open == '[' ? ']' : b->open == '(' ? ')' : '}';
    unsigned i;
    int rc;

    snprintf(head, sizeof(head), ":%zu:%zu: %s %s %c", line, col,
             sv_bracket_kind_name(b->kind), b->lang, b->open);
    rc = put(o, j->file);
    if (!rc) rc = put(o, head);
    if (!rc) rc = cli_visible(o, j->text + b->start, b->end - b->start, 80);
    if (!rc) rc = sv_buf_put(o, &close, 1);
    if (!rc && b->has_translation) {
        rc = put(o, " = \"");
        if (!rc)
            rc = cli_visible(o, j->text + b->tr_start, b->tr_end - b->tr_start,
                             80);
        if (!rc)
            rc = put(o, b->tr_end <= b->start ? "\" (before" : "\" (after");
        snprintf(head, sizeof(head), ", %.2f)", b->confidence);
        if (!rc) rc = put(o, head);
    } else if (!rc && b->untranslated) {
        rc = put(o, b->gap ? " UNTRANSLATED (in place of its translation)"
                           : " UNTRANSLATED");
        for (i = 0; i < b->sugg_count && !rc; i++) {
            size_t n;
            const char *s = sv_brackets_suggestion(&w->res, b, i, &n);

            rc = put(o, i ? ", " : "; suggestions: ");
            if (!rc) rc = sv_buf_put(o, s, n);
        }
    }
    return rc ? rc : put(o, "\n");
}

static int report_problem(sv_buf *o, const cli_job *j,
                          const sv_bracket_problem *p, size_t line, size_t col)
{
    char head[128];

    snprintf(head, sizeof(head), ":%zu:%zu: unbalanced '%c' %s\n", line, col,
             p->ch, sv_bracket_problem_name(p->kind));
    int rc = put(o, j->file);

    return rc ? rc : put(o, head);
}

/* Brackets and problems merged in text order. */
static int write_report(brackets_cmd *c, cli_job *j, worker *w)
{
    cli_locator loc;
    size_t bi = 0, pi = 0, line, col;
    int rc = SV_OK;

    cli_locator_init(&loc, j->text, j->text_len, j->line);
    while (rc == SV_OK && (bi < w->res.count || pi < w->res.problem_count)) {
        const sv_bracket *b = bi < w->res.count ? &w->res.brackets[bi] : NULL;
        const sv_bracket_problem *p =
            pi < w->res.problem_count ? &w->res.problems[pi] : NULL;

        if (b && (!p || b->start - 1 < p->offset)) {
            bi++;
            if (!shown(c, b))
                continue;
            cli_locator_seek(&loc, b->start - 1, &line, &col);
            rc = report_bracket(&j->out, j, w, b, line, col);
        } else {
            pi++;
            cli_locator_seek(&loc, p->offset, &line, &col);
            rc = report_problem(&j->out, j, p, line, col);
        }
    }
    return rc;
}

/* ---- JSON member ------------------------------------------------------------ */

static int json_bracket(sv_buf *m, const cli_job *j, const worker *w,
                        const sv_bracket *b)
{
    char num[160];
    unsigned i;
    int rc;

    snprintf(num, sizeof(num), "{\"start\":%zu,\"end\":%zu,\"bracket\":\"%c\","
             "\"text\":", b->start, b->end, b->open);
    rc = put(m, num);
    if (!rc) rc = sv_json_append_string(m, j->text + b->start, b->end - b->start);
    snprintf(num, sizeof(num), ",\"lang\":\"%s\",\"kind\":\"%s\","
             "\"translation\":", b->lang, sv_bracket_kind_name(b->kind));
    if (!rc) rc = put(m, num);
    if (!rc && b->has_translation) {
        snprintf(num, sizeof(num), "{\"start\":%zu,\"end\":%zu,\"text\":",
                 b->tr_start, b->tr_end);
        rc = put(m, num);
        if (!rc)
            rc = sv_json_append_string(m, j->text + b->tr_start,
                                       b->tr_end - b->tr_start);
        if (!rc) rc = put(m, "}");
    } else if (!rc) {
        rc = put(m, "null");
    }
    if (!rc) rc = put(m, b->untranslated ? ",\"untranslated\":true"
                                         : ",\"untranslated\":false");
    if (!rc && b->untranslated)
        rc = put(m, b->gap ? ",\"gap\":true" : ",\"gap\":false");
    if (!rc) rc = put(m, ",\"suggestions\":[");
    for (i = 0; i < b->sugg_count && !rc; i++) {
        size_t n;
        const char *s = sv_brackets_suggestion(&w->res, b, i, &n);

        if (i)
            rc = put(m, ",");
        if (!rc)
            rc = sv_json_append_string(m, s, n);
    }
    snprintf(num, sizeof(num), "],\"confidence\":%.2f}", b->confidence);
    return rc ? rc : put(m, num);
}

static int json_member(brackets_cmd *c, const cli_job *j, worker *w)
{
    sv_buf *m = &w->member;
    size_t i;
    int rc, first = 1;

    sv_buf_clear(m);
    rc = put(m, "\"brackets\":[");
    for (i = 0; i < w->res.count && !rc; i++) {
        if (!shown(c, &w->res.brackets[i]))
            continue;
        if (!first)
            rc = put(m, ",");
        first = 0;
        if (!rc)
            rc = json_bracket(m, j, w, &w->res.brackets[i]);
    }
    if (!rc) rc = put(m, "],\"bracket_problems\":[");
    for (i = 0; i < w->res.problem_count && !rc; i++) {
        const sv_bracket_problem *p = &w->res.problems[i];
        char num[128];

        snprintf(num, sizeof(num), "%s{\"offset\":%zu,\"bracket\":\"%c\","
                 "\"problem\":\"%s\"}", i ? "," : "", p->offset, p->ch,
                 sv_bracket_problem_name(p->kind));
        rc = put(m, num);
    }
    return rc ? rc : put(m, "]");
}

/* ---- glossary pairs travel from the worker in job->aux ------------------- */

static int collect_pairs(brackets_cmd *c, cli_job *j, worker *w)
{
    cli_locator loc;
    size_t i, line, col;
    int rc = SV_OK;

    if (!c->g)
        return SV_OK;
    cli_locator_init(&loc, j->text, j->text_len, j->line);
    for (i = 0; i < w->res.count && rc == SV_OK; i++) {
        const sv_bracket *b = &w->res.brackets[i];
        size_t ln;
        const char *lemma = sv_brackets_lemma(&w->res, b, &ln);
        char where[64];

        if (b->kind != SV_BRACKET_ORIGINAL || !b->has_translation || !ln)
            continue;
        cli_locator_seek(&loc, b->start - 1, &line, &col);
        snprintf(where, sizeof(where), ":%zu:%zu", line, col);
        rc = sv_tsv_append_field(&j->aux, lemma, ln);
        if (!rc) rc = put(&j->aux, "\t");
        if (!rc) rc = sv_tsv_append_field(&j->aux, j->text + b->start,
                                          b->end - b->start);
        if (!rc) rc = put(&j->aux, "\t");
        if (!rc) rc = put(&j->aux, b->lang);
        if (!rc) rc = put(&j->aux, "\t");
        if (!rc) rc = sv_tsv_append_field(&j->aux, j->text + b->tr_start,
                                          b->tr_end - b->tr_start);
        if (!rc) rc = put(&j->aux, "\t");
        if (!rc) rc = sv_tsv_append_field(&j->aux, j->file, strlen(j->file));
        if (!rc) rc = put(&j->aux, where);
        if (!rc) rc = put(&j->aux, "\n");
    }
    return rc;
}

static int add_pairs(brackets_cmd *c, const cli_job *j)
{
    size_t pos = 0;
    int rc = SV_OK;

    while (pos < j->aux.size && rc == SV_OK) {
        const char *p = j->aux.ptr + pos;
        const char *nl = memchr(p, '\n', j->aux.size - pos);
        size_t n = (size_t)(nl - p), l[5];
        const char *f[5];
        int k;

        pos += n + 1;
        if ((rc = sv_tsv_row_parse(c->row, p, n)) < 0)
            break;
        for (k = 0; k < 5; k++)
            f[k] = sv_tsv_row_field(c->row, (size_t)k, &l[k]);
        if (!f[4])
            continue;
        rc = sv_glossary_add(c->g, f[0], l[0], f[1], l[1], f[2], f[3], l[3],
                             1, f[4]);
        c->pairs++;
    }
    return rc;
}

/* ---- records ------------------------------------------------------------------ */

static int process(cli_job *j, void *state, void *cmd)
{
    brackets_cmd *c = cmd;
    worker *w = state;
    sv_error err = SV_ERROR_INIT;
    size_t i;
    int rc;

    rc = sv_brackets_run(c->b, w->ctx, j->text, j->text_len, &w->res, &err);
    if (rc < 0) {
        fprintf(stderr, "sverka: brackets: %s:%zu: %s\n", j->file, j->line,
                err.message);
        return rc;
    }
    j->stats[0] = w->res.count;
    j->stats[1] = 0;
    for (i = 0; i < w->res.count; i++)
        j->stats[1] += w->res.brackets[i].untranslated &&
                       shown(c, &w->res.brackets[i]);
    j->stats[2] = w->res.problem_count;
    if ((rc = collect_pairs(c, j, w)) < 0)
        return rc;
    if (!c->common.jsonl)
        return write_report(c, j, w);
    if ((rc = json_member(c, j, w)) < 0)
        return rc;
    rc = sv_jsonl_rewrite(&j->out, j->raw, j->raw_len,
                          c->common.field ? c->common.field : "text", j->text,
                          j->text_len, w->member.ptr, w->member.size, &err);
    if (rc < 0) {
        sv_buf_put(&j->report, err.message, strlen(err.message));
        return rc;
    }
    return sv_buf_put(&j->out, "\n", 1);
}

static int in_order(cli_job *j, void *cmd)
{
    brackets_cmd *c = cmd;

    c->records++;
    c->brackets += j->stats[0];
    c->untranslated += j->stats[1];
    c->unbalanced += j->stats[2];
    return c->g ? add_pairs(c, j) : 0;
}

/* ---- glossary outputs --------------------------------------------------------- */

static int write_file(const char *path, const sv_buf *data)
{
    cli_output o;
    int rc = cli_output_open(&o, "brackets", path);

    if (rc != CLI_OK)
        return rc;
    if (cli_output_write(&o, data->ptr ? data->ptr : "", data->size) != 0) {
        cli_output_abort(&o);
        return CLI_IOERR;
    }
    return cli_output_commit(&o, "brackets");
}

/* want_tsv: write the TSV to tsv_path (NULL: stdout). */
static int write_glossaries(brackets_cmd *c, int want_tsv,
                            const char *tsv_path)
{
    sv_buf out = SV_BUF_INIT;
    sv_error err = SV_ERROR_INIT;
    size_t findings = 0;
    int rc = CLI_OK;

    if (want_tsv) {
        if (sv_glossary_write_tsv(c->g, &out) < 0)
            rc = CLI_IOERR;
        else
            rc = write_file(tsv_path, &out);
    }
    if (rc == CLI_OK && c->tmx_path) {
        sv_buf_clear(&out);
        if (sv_glossary_write_tmx(c->g, &out, &err) < 0)
            rc = cli_fail_err("brackets", &err);
        else
            rc = write_file(c->tmx_path, &out);
    }
    if (rc == CLI_OK && (c->incons_path || !c->common.quiet)) {
        sv_buf_clear(&out);
        if (sv_glossary_write_inconsistencies(c->g, &out, &findings) < 0)
            rc = CLI_IOERR;
        else if (c->incons_path)
            rc = write_file(c->incons_path, &out);
        else if (out.size)
            fprintf(stderr, "sverka: brackets: %zu inconsistenc%s:\n%.*s",
                    findings, findings == 1 ? "y" : "ies", (int)out.size,
                    out.ptr);
    }
    sv_buf_dispose(&out);
    return rc;
}

/* Read a partial glossary whole: glossaries are small next to corpora. */
static int read_file(const char *path, sv_buf *out)
{
    FILE *fp = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    char chunk[65536];
    size_t n;

    if (!fp) {
        cli_error("brackets", "%s: %s", path, strerror(errno));
        return CLI_IOERR;
    }
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        if (sv_buf_put(out, chunk, n) < 0)
            break;
    if (ferror(fp) || n > 0) {
        cli_error("brackets", "%s: read failed", path);
        if (fp != stdin)
            fclose(fp);
        return CLI_IOERR;
    }
    if (fp != stdin)
        fclose(fp);
    return CLI_OK;
}

static int run_merge(brackets_cmd *c)
{
    sv_buf data = SV_BUF_INIT;
    sv_error err = SV_ERROR_INIT;
    int i, rc = CLI_OK;

    if (c->common.nfiles == 0)
        return cli_usage_error("brackets", "--merge needs glossary files");
    for (i = 0; i < c->common.nfiles && rc == CLI_OK; i++) {
        sv_buf_clear(&data);
        if ((rc = read_file(c->common.files[i], &data)) != CLI_OK)
            break;
        if (sv_glossary_merge_tsv(c->g, data.ptr ? data.ptr : "", data.size,
                                  c->common.files[i], &err) < 0) {
            cli_error("brackets", "%s", err.message);
            rc = CLI_BADINPUT;
        }
    }
    sv_buf_dispose(&data);
    if (rc == CLI_OK)
        rc = write_glossaries(c, c->common.output || !c->tmx_path,
                              c->common.output);
    return rc;
}

static int setup(brackets_cmd *c)
{
    sv_error err = SV_ERROR_INIT;
    int rc;

    if (c->common.format && !strcmp(c->common.format, "jsonl"))
        c->common.jsonl = 1;
    else if (c->common.format && strcmp(c->common.format, "text"))
        return cli_usage_error("brackets", "--format %s is not supported "
                               "here (text or jsonl)", c->common.format);
    if ((c->glossary_path || c->tmx_path || c->merge) &&
        sv_glossary_new(&c->g, &err) < 0)
        return cli_fail_err("brackets", &err);
    if (c->g && sv_tsv_row_new(&c->row, &err) < 0)
        return cli_fail_err("brackets", &err);
    if (c->merge)
        return CLI_OK;
    if (!c->no_dicts &&
        (rc = cli_open_resources(&c->common, SV_LOAD_DATA, &c->res)) != CLI_OK)
        return rc;
    if (sv_brackets_new(&c->b, &c->opts, c->res, &err) < 0)
        return cli_fail_err("brackets", &err);
    return CLI_OK;
}

static int run_records(brackets_cmd *c)
{
    cli_record_ops ops = {init_worker, fini_worker, process, in_order, NULL,
                          SV_RECORD_PARAGRAPH, 0};
    cli_output out;
    int rc, level = 0;

    if ((rc = cli_output_open(&out, "brackets", c->common.output)) != CLI_OK)
        return rc;
    rc = cli_run_records(&c->common, &ops, c, &out, &level);
    if (rc == CLI_OK)
        rc = cli_output_commit(&out, "brackets");
    else
        cli_output_abort(&out);
    if (rc == CLI_OK && c->g)
        rc = write_glossaries(c, c->glossary_path != NULL, c->glossary_path);
    if (rc == CLI_OK && !c->common.quiet && !c->common.jsonl)
        fprintf(stderr, "sverka: brackets: %zu bracket%s, %zu untranslated, "
                "%zu unbalanced\n", c->brackets, c->brackets == 1 ? "" : "s",
                c->untranslated, c->unbalanced);
    if (rc == CLI_OK &&
        (((c->fail_on & FAIL_UNTRANSLATED) && c->untranslated) ||
         ((c->fail_on & FAIL_UNBALANCED) && c->unbalanced)))
        rc = CLI_FINDINGS;
    return rc;
}

int cmd_brackets(int argc, char **argv)
{
    brackets_cmd c;
    int rc;

    memset(&c, 0, sizeof(c));
    sv_brackets_options_init(&c.opts, SV_BRACKETS_OPTIONS_VERSION);
    c.common.cmd = "brackets";
    c.common.record_mode = -1;
    rc = cli_parse(argc, argv, opts_table, apply, &c, &c.common, &help);
    if (rc == CLI_HELP_SHOWN)
        return CLI_OK;
    if (rc == CLI_OK)
        rc = setup(&c);
    if (rc == CLI_OK)
        rc = c.merge ? run_merge(&c) : run_records(&c);
    sv_tsv_row_free(c.row);
    sv_glossary_free(c.g);
    sv_brackets_free(c.b);
    sv_resources_free(c.res);
    return rc;
}
