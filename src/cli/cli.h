/* SPDX-License-Identifier: MIT */
/*
 * Shared pieces of the command-line tool: exit codes, the option table and
 * parser, diagnostics, atomic output, resources and the record runner.
 * Only <sverka/...> headers are used: the CLI builds against an installed
 * libsverka (STYLE L2).
 */
#ifndef SV_CLI_H
#define SV_CLI_H

#include <stdio.h>
#include <string.h>

#include <sverka/sverka.h>

/* Exit statuses (DESIGN "CLI conventions", STYLE S5). */
enum {
    CLI_OK = 0,        /* success */
    CLI_FINDINGS = 1,  /* findings at or above --fail-on */
    CLI_USAGE = 2,     /* usage error */
    CLI_BADINPUT = 3,  /* bad input data */
    CLI_IOERR = 4      /* I/O error or missing resource */
};

/* Returned by the parser when --help was printed: exit 0. */
#define CLI_HELP_SHOWN (-100)

/* ---- options ------------------------------------------------------------ */

/* One option of a command.  A table of these drives parsing and --help. */
typedef struct cli_opt {
    int id;                 /* passed to the apply callback; 0 ends table */
    const char *long_name;  /* without "--" */
    char short_name;        /* 0 when none */
    const char *arg;        /* argument name for help, NULL for a flag */
    const char *help;       /* lowercase, no period */
} cli_opt;

/* Options common to the commands, applied into cli_common. */
enum {
    OPT_HELP = 1000, OPT_OUTPUT, OPT_JOBS, OPT_FORMAT, OPT_JSONL, OPT_FIELD,
    OPT_QUIET, OPT_DICTS, OPT_ENCODING, OPT_STRICT, OPT_ON_ERROR,
    OPT_RECORD, OPT_MAX_RECORD
};

typedef struct cli_common {
    const char *cmd;          /* command name, for messages */
    const char *output;       /* -o FILE, NULL for stdout */
    unsigned jobs;            /* -j N; 0 = number of cores */
    const char *format;       /* --format */
    int jsonl;                /* --jsonl */
    const char *field;        /* --field NAME */
    int quiet;                /* --quiet */
    const char *dicts;        /* --dicts DIR */
    const char *encoding;     /* --encoding NAME */
    int strict;               /* --strict */
    int skip_errors;          /* --on-error skip */
    int record_mode;          /* --record: sv_record_mode, -1 = default */
    size_t max_record;        /* --max-record BYTES, 0 = library default */
    int keep_invalid;         /* set by a command: the reader passes invalid
                                 UTF-8 through (sv_reader_options) */
    int defer_utf8;           /* set by a command with keep_invalid whose
                                 process() validates every record anyway:
                                 the reader skips its check and process()
                                 reports invalid and first_invalid */
    const char *argv0;        /* the command's argv[0] (its name); the
                                 program's path is cli_program_path */
    char **files;             /* positional arguments */
    int nfiles;
} cli_common;

/* The command's description for --help. */
typedef struct cli_help {
    const char *usage;     /* after "sverka CMD " */
    const char *purpose;   /* one or more lines */
    const char *examples;  /* lines, each an example command */
    const char *notes;     /* optional extra text (may be NULL) */
} cli_help;

/* Callback applying one command-specific option; returns 0 or CLI_USAGE
 * (after printing a message). */
typedef int (*cli_apply_fn)(void *ctx, int id, const char *arg);

/* The common options, for commands to include in their table with
 * cli_opts_common(). */
extern const cli_opt cli_common_opts[];

/* Parse argv: opts (the command's own, may be NULL) first, then the
 * common ones.  Returns CLI_OK, CLI_USAGE (message printed) or
 * CLI_HELP_SHOWN (help printed to stdout). */
int cli_parse(int argc, char **argv, const cli_opt *opts, cli_apply_fn apply,
              void *ctx, cli_common *common, const cli_help *help);

/* Print the command's help (used by --help and "sverka help CMD"). */
void cli_print_help(FILE *fp, const char *cmd, const cli_opt *opts,
                    const cli_help *help);

/* Parse an unsigned number; returns 0 on success. */
int cli_parse_size(const char *s, size_t *out);

/* ---- diagnostics -------------------------------------------------------- */

/* "sverka: CMD: message" on stderr. */
void cli_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Usage error: message plus "Try 'sverka CMD --help'"; returns CLI_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Map a library status to an exit status. */
int cli_exit_for(int rc);
/* Report an sv_error ("sverka: CMD: message") and return its exit status. */
int cli_fail_err(const char *cmd, const sv_error *err);

/* ---- output --------------------------------------------------------------- */

/* Output stream: stdout, or a temporary file renamed over -o FILE at
 * commit, so an interrupted run never leaves a half-written file. */
typedef struct cli_output {
    FILE *fp;
    char *path;      /* final path, NULL for stdout */
    char *tmp_path;  /* temporary file, NULL for stdout */
    int special;     /* a device or pipe, written in place */
    int failed;
} cli_output;

int cli_output_open(cli_output *o, const char *cmd, const char *path);
int cli_output_write(cli_output *o, const char *data, size_t len);
/* Flush, close and rename; CLI_OK or CLI_IOERR (message printed). */
int cli_output_commit(cli_output *o, const char *cmd);
/* Remove the temporary file (after a failure). */
void cli_output_abort(cli_output *o);

/* ---- resources ------------------------------------------------------------ */

/* Open resources: --dicts, $SVERKA_DICTS, the build tree when run from it,
 * the installed data.  `load` bits are required, the others optional.
 * Returns CLI_OK or CLI_IOERR (message printed). */
int cli_open_resources(const cli_common *c, unsigned load,
                       sv_resources **out);
/* The same, without the `unused` bits: what a command never reads is not
 * loaded (normalize has no use for the lexicon's 60,000 entries). */
int cli_open_resources_except(const cli_common *c, unsigned load,
                              unsigned unused, sv_resources **out);

/* A worker thread's context; *out is NULL when res is NULL (no
 * dictionaries).  Prints the failure and returns its SV_E* code. */
int cli_worker_context(const char *cmd, const sv_resources *res,
                       sv_context **out);

/* ---- record runner -------------------------------------------------------- */

/* One record travelling through the pool. */
typedef struct cli_job {
    char *text;           /* the record's UTF-8 text (in store) */
    size_t text_len;
    char *raw;            /* JSONL raw object (in store) or NULL */
    size_t raw_len;
    size_t index;         /* record number in its input */
    size_t line;          /* first line */
    size_t line_count;
    size_t offset;        /* byte offset of the record in its input */
    int has_newline;
    size_t gap_len;       /* PARAGRAPH: bytes of blank lines before it */
    char *gap;            /* PARAGRAPH: those bytes (in store) or NULL */
    char *tail;           /* the input's last record: the blank lines after
                             it (sv_reader_tail), in store, or NULL */
    size_t tail_len;
    const char *file;     /* input name (borrowed, lives for the run) */
    size_t file_index;    /* which input */
    sv_buf out;           /* what to write, filled by process */
    sv_buf report;        /* what to print on stderr (diagnostics) */
    sv_buf aux;           /* a command's second output (e.g. --log),
                             written by its in_order callback */
    size_t stats[4];      /* per-record counters a command may sum */
    int level;            /* finding level, compared with --fail-on */
    size_t invalid;       /* defer_utf8: invalid sequences in text, and */
    size_t first_invalid; /* the byte offset in text of the first */
    sv_buf store;         /* runner-owned bytes behind text, raw, gap and
                             tail; jobs and their buffers are reused from
                             record to record, so a command must not free
                             or keep these pointers past in_order */
} cli_job;

typedef struct cli_record_ops {
    /* Per-thread state (e.g. an sv_context); may be NULL. */
    int (*init_worker)(void **state, void *cmd);
    void (*fini_worker)(void *state, void *cmd);
    /* Process one record on a worker: fill job->out (and report, level).
     * Returns 0 or a negative SV_E* code (stops the run). */
    int (*process)(cli_job *job, void *state, void *cmd);
    /* Optional: on the writing thread, in input order, before writing. */
    int (*in_order)(cli_job *job, void *cmd);
    /* Optional: called when an input ends (in order), e.g. to flush
     * per-document state into the output. */
    int (*end_input)(const char *file, cli_output *out, void *cmd);
    int default_mode;     /* sv_record_mode when --record/--jsonl unset */
    int blank_input_job;  /* 1: a text input of only blank lines (no
                             paragraph) still gives one empty record
                             carrying them as its tail */
} cli_record_ops;

/* Stream every input through ops with -j threads, writing to the output
 * in input order.  Returns an exit status (CLI_OK, CLI_BADINPUT, ...);
 * *max_level receives the highest job level seen. */
int cli_run_records(const cli_common *c, const cli_record_ops *ops,
                    void *cmd, cli_output *out, int *max_level);

/* The name an input goes by in messages, findings and log rows: its path,
 * or "<stdin>" for "-" (as the library's reader names standard input). */
static inline const char *cli_input_name(const char *path)
{
    return strcmp(path, "-") ? path : "<stdin>";
}

/* argv[0] of the program (set by main), for locating the build tree. */
extern const char *cli_program_path;

/* Number of online processors (at least 1). */
unsigned cli_cpu_count(void);

/* ---- progress ------------------------------------------------------------- */

typedef struct cli_progress cli_progress;
cli_progress *cli_progress_start(const cli_common *c, unsigned long long total);
void cli_progress_update(cli_progress *p, unsigned long long bytes,
                         unsigned long long records);
void cli_progress_end(cli_progress *p);

/* ---- commands --------------------------------------------------------------- */

int cmd_normalize(int argc, char **argv);
int cmd_brackets(int argc, char **argv);
int cmd_align(int argc, char **argv);
int cmd_flag(int argc, char **argv);
int cmd_check(int argc, char **argv);

/* Print a command's --help text to fp (used by "sverka help CMD"). */
typedef struct cli_command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
} cli_command;

#endif
