/* SPDX-License-Identifier: MIT */
/*
 * Entry point: dispatches "sverka COMMAND ..." through the command table
 * (STYLE S2), and answers --help, --version and "help COMMAND".
 */
#include <string.h>

#include "cli.h"

static const cli_command commands[] = {
    {"normalize", cmd_normalize,
     "repair and clean text; every change logged with offsets"},
    {"brackets", cmd_brackets,
     "find bracketed originals, align them with their translation, "
     "glossary"},
    {"align", cmd_align,
     "sentence-align a Russian document with its English translation"},
    {"flag", cmd_flag,
     "score sentences and passages for garbled machine translation"},
    {"check", cmd_check,
     "QA an existing TMX/XLIFF file or aligned TSV"},
    {NULL, NULL, NULL}};

static void print_usage(FILE *fp)
{
    const cli_command *c;

    fprintf(fp,
            "usage: sverka COMMAND [OPTIONS] [FILE...]\n"
            "       sverka --version | --help | help COMMAND\n\n"
            "Clean, align and check mixed Russian-English text. With no FILE, "
            "or with -,\nread standard input.\n\ncommands:\n");
    for (c = commands; c->name; c++)
        fprintf(fp, "  %-10s  %s\n", c->name, c->summary);
    fprintf(fp,
            "\nRun 'sverka COMMAND --help' for a command's options.\n\n"
            "examples:\n"
            "  sverka normalize --drop all article.txt\n"
            "  sverka normalize --jsonl --field text < crawl.jsonl > clean.jsonl\n"
            "\nexit status: 0 success, 1 findings at or above --fail-on, "
            "2 usage error,\n3 bad input data, 4 I/O error or missing "
            "resource\n");
}

/* The versions, then what the commands would load: the data directory,
 * the hunspell dictionaries and whether their compiled word lists are in
 * use, the lexicon (one "; "-separated part of the description a line). */
static void print_version(void)
{
    cli_common c;
    sv_resources *res = NULL;
    const char *d, *part;

    printf("sverka %s\nlibsverka %s\nUnicode %s (ICU %s)\n", SV_VERSION_STRING,
           sv_version(), sv_unicode_version(), sv_icu_version());
    memset(&c, 0, sizeof(c));
    c.cmd = "--version";
    if (cli_open_resources(&c, 0, &res) != CLI_OK)
        return; /* the reason is printed */
    printf("resources:\n");
    for (d = sv_resources_describe(res); *d; d = part ? part + 2 : "") {
        part = strstr(d, "; ");
        printf("  %.*s\n", part ? (int)(part - d) : (int)strlen(d), d);
    }
    sv_resources_free(res);
}

static const cli_command *find_command(const char *name)
{
    const cli_command *c;

    for (c = commands; c->name; c++)
        if (!strcmp(c->name, name))
            return c;
    return NULL;
}

const char *cli_program_path;

int main(int argc, char **argv)
{
    const cli_command *c;

    cli_program_path = argv[0];
    if (argc < 2) {
        print_usage(stderr);
        return CLI_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        print_usage(stdout);
        return CLI_OK;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
        print_version();
        return CLI_OK;
    }
    if (!strcmp(argv[1], "help")) {
        char *help_argv[] = {NULL, "--help", NULL};

        if (argc < 3) {
            print_usage(stdout);
            return CLI_OK;
        }
        if (!(c = find_command(argv[2])))
            return cli_usage_error(NULL, "unknown command '%s'", argv[2]);
        help_argv[0] = argv[2];
        return c->fn(2, help_argv);
    }
    if (!(c = find_command(argv[1])))
        return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
    /* The command sees argv from its own name on. */
    return c->fn(argc - 1, argv + 1);
}
