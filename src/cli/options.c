/* SPDX-License-Identifier: MIT */
/*
 * Option parsing driven by one table per command (STYLE S3): the same
 * table parses argv and prints --help, so the two cannot drift apart.
 * Accepts --long, --long=VALUE, --long VALUE, -x VALUE, -xVALUE and "--".
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const cli_opt cli_common_opts[] = {
    {OPT_OUTPUT, "output", 'o', "FILE",
     "write to FILE (atomically, via a temporary file) instead of stdout"},
    {OPT_JOBS, "jobs", 'j', "N", "worker threads (default: number of cores)"},
    {OPT_FORMAT, "format", 0, "FMT", "output format (see the command's list)"},
    {OPT_JSONL, "jsonl", 0, NULL,
     "read and write JSON Lines; the text is in --field"},
    {OPT_FIELD, "field", 0, "NAME", "JSON member holding the text (default: text)"},
    {OPT_RECORD, "record", 0, "UNIT",
     "text input unit: line, paragraph or document"},
    {OPT_ENCODING, "encoding", 0, "NAME",
     "input encoding: utf-8 (default), auto, windows-1251, koi8-r, utf-16, ..."},
    {OPT_STRICT, "strict", 0, NULL,
     "invalid UTF-8 is an error instead of U+FFFD"},
    {OPT_ON_ERROR, "on-error", 0, "WHAT",
     "stop (default) or skip: skip malformed records, counted and reported"},
    {OPT_MAX_RECORD, "max-record", 0, "BYTES",
     "largest record accepted (default 64 MiB)"},
    {OPT_DICTS, "dicts", 0, "DIR", "data directory (default: $SVERKA_DICTS, "
                                   "then the installed share/sverka)"},
    {OPT_QUIET, "quiet", 'q', NULL, "no warnings or progress on stderr"},
    {OPT_HELP, "help", 'h', NULL, "show this help and exit"},
    {0, NULL, 0, NULL, NULL}};

int cli_parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v;

    if (!s || !*s || *s == '-')
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || end == s)
        return -1;
    if (*end == 'k' || *end == 'K')
        v <<= 10, end++;
    else if (*end == 'm' || *end == 'M')
        v <<= 20, end++;
    else if (*end == 'g' || *end == 'G')
        v <<= 30, end++;
    if (*end)
        return -1;
    *out = (size_t)v;
    return 0;
}

static const cli_opt *find_long(const cli_opt *t, const char *name,
                                size_t len)
{
    for (; t && t->id; t++)
        if (strlen(t->long_name) == len && !strncmp(t->long_name, name, len))
            return t;
    return NULL;
}

static const cli_opt *find_short(const cli_opt *t, char c)
{
    for (; t && t->id; t++)
        if (t->short_name && t->short_name == c)
            return t;
    return NULL;
}

static int apply_common(cli_common *c, int id, const char *arg)
{
    size_t n;

    switch (id) {
    case OPT_OUTPUT: c->output = arg; return CLI_OK;
    case OPT_JOBS:
        if (cli_parse_size(arg, &n) || n > 1024)
            return cli_usage_error(c->cmd, "-j expects 0..1024, not '%s'", arg);
        c->jobs = (unsigned)n;
        return CLI_OK;
    case OPT_FORMAT: c->format = arg; return CLI_OK;
    case OPT_JSONL: c->jsonl = 1; return CLI_OK;
    case OPT_FIELD: c->field = arg; return CLI_OK;
    case OPT_QUIET: c->quiet = 1; return CLI_OK;
    case OPT_DICTS: c->dicts = arg; return CLI_OK;
    case OPT_ENCODING: c->encoding = arg; return CLI_OK;
    case OPT_STRICT: c->strict = 1; return CLI_OK;
    case OPT_ON_ERROR:
        if (!strcmp(arg, "skip"))
            c->skip_errors = 1;
        else if (!strcmp(arg, "stop"))
            c->skip_errors = 0;
        else
            return cli_usage_error(c->cmd, "--on-error expects stop or skip, "
                                           "not '%s'", arg);
        return CLI_OK;
    case OPT_RECORD:
        if (!strcmp(arg, "line"))
            c->record_mode = SV_RECORD_LINE;
        else if (!strcmp(arg, "paragraph"))
            c->record_mode = SV_RECORD_PARAGRAPH;
        else if (!strcmp(arg, "document"))
            c->record_mode = SV_RECORD_DOCUMENT;
        else
            return cli_usage_error(c->cmd, "--record expects line, paragraph "
                                           "or document, not '%s'", arg);
        return CLI_OK;
    case OPT_MAX_RECORD:
        if (cli_parse_size(arg, &n) || n == 0)
            return cli_usage_error(c->cmd, "--max-record expects a size such "
                                           "as 64M, not '%s'", arg);
        c->max_record = n;
        return CLI_OK;
    default:
        return cli_usage_error(c->cmd, "internal: unhandled option %d", id);
    }
}

/* Look an option up in the command's table, then the common one. */
static const cli_opt *lookup(const cli_opt *own, const char *name, size_t len,
                             char c, int *is_common)
{
    const cli_opt *o = name ? find_long(own, name, len) : find_short(own, c);

    *is_common = 0;
    if (o)
        return o;
    *is_common = 1;
    return name ? find_long(cli_common_opts, name, len)
                : find_short(cli_common_opts, c);
}

static int dispatch(const cli_opt *o, int is_common, const char *arg,
                    cli_apply_fn apply, void *ctx, cli_common *common,
                    const cli_opt *own, const cli_help *help)
{
    if (o->id == OPT_HELP) {
        cli_print_help(stdout, common->cmd, own, help);
        return CLI_HELP_SHOWN;
    }
    if (is_common)
        return apply_common(common, o->id, arg);
    return apply(ctx, o->id, arg);
}

static int parse_one(int argc, char **argv, int *i, const cli_opt *own,
                     cli_apply_fn apply, void *ctx, cli_common *common,
                     const cli_help *help)
{
    const char *a = argv[*i], *name = NULL, *val = NULL;
    size_t len = 0;
    char sc = 0;
    int is_common;
    const cli_opt *o;

    if (a[1] == '-') {
        name = a + 2;
        val = strchr(name, '=');
        len = val ? (size_t)(val - name) : strlen(name);
        if (val)
            val++;
    } else {
        sc = a[1];
        if (a[2])
            val = a + 2;
    }
    o = lookup(own, name, len, sc, &is_common);
    if (!o) {
        if (name)
            return cli_usage_error(common->cmd, "unknown option '--%.*s'",
                                   (int)len, name);
        return cli_usage_error(common->cmd, "unknown option '-%c'", sc);
    }
    if (!o->arg) {
        if (val)
            return cli_usage_error(common->cmd, "option '--%s' takes no value",
                                   o->long_name);
    } else if (!val) {
        if (*i + 1 >= argc)
            return cli_usage_error(common->cmd, "option '--%s' needs %s",
                                   o->long_name, o->arg);
        val = argv[++*i];
    }
    return dispatch(o, is_common, val, apply, ctx, common, own, help);
}

int cli_parse(int argc, char **argv, const cli_opt *opts, cli_apply_fn apply,
              void *ctx, cli_common *common, const cli_help *help)
{
    int i, rc, only_files = 0;

    common->files = argv + 1;
    common->nfiles = 0;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];

        if (only_files || a[0] != '-' || a[1] == '\0') {
            argv[1 + common->nfiles++] = argv[i];
            continue;
        }
        if (!strcmp(a, "--")) {
            only_files = 1;
            continue;
        }
        if ((rc = parse_one(argc, argv, &i, opts, apply, ctx, common, help)))
            return rc;
    }
    return CLI_OK;
}

static void print_opts(FILE *fp, const cli_opt *t)
{
    for (; t && t->id; t++) {
        char left[64];

        if (t->short_name)
            snprintf(left, sizeof(left), "-%c, --%s%s%s", t->short_name,
                     t->long_name, t->arg ? " " : "", t->arg ? t->arg : "");
        else
            snprintf(left, sizeof(left), "    --%s%s%s", t->long_name,
                     t->arg ? " " : "", t->arg ? t->arg : "");
        if (strlen(left) > 26)
            fprintf(fp, "  %s\n  %-26s  %s\n", left, "", t->help);
        else
            fprintf(fp, "  %-26s  %s\n", left, t->help);
    }
}

void cli_print_help(FILE *fp, const char *cmd, const cli_opt *opts,
                    const cli_help *help)
{
    fprintf(fp, "usage: sverka %s %s\n\n%s\n", cmd, help->usage,
            help->purpose);
    if (opts && opts->id) {
        fprintf(fp, "\noptions:\n");
        print_opts(fp, opts);
    }
    fprintf(fp, "\ncommon options:\n");
    print_opts(fp, cli_common_opts);
    if (help->notes)
        fprintf(fp, "\n%s", help->notes);
    fprintf(fp, "\nexamples:\n%s", help->examples);
    fprintf(fp, "\nexit status: 0 success, 1 findings at or above --fail-on, "
                "2 usage error,\n3 bad input data, 4 I/O error or missing "
                "resource\n");
}
