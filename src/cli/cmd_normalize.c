/* SPDX-License-Identifier: MIT */
/*
 * sverka normalize: parse options into sv_normalize_options, stream the
 * records through sv_normalize_run() on -j threads, and write the text
 * (or JSONL with the field replaced), the edit log (--log, --edits) and a
 * readable account of every change (--explain).  No text logic here.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sverka/normalize.h>

#include "cli.h"
#include "explain.h"

enum {
    OPT_STEPS = 1, OPT_QUOTES, OPT_APOSTROPHES, OPT_DASH, OPT_NFKC, OPT_DROP,
    OPT_MARK, OPT_LOG, OPT_EXPLAIN, OPT_EDITS, OPT_NO_DICTS,
    OPT_NO_STEP_BASE = 100 /* + step index: --no-STEP */
};

/* Append a string literal; its length is known at compile time. */
#define PUT_LIT(buf, lit) sv_buf_put((buf), (lit), sizeof(lit) - 1)

typedef struct normalize_cmd {
    cli_common common;
    sv_normalize_options opts;
    unsigned steps_off;
    const char *log_path;
    int explain, edits, no_dicts, color;
    int list_drops;      /* --jsonl --mark: list dropped lines instead */
    int html;            /* --format html: input pages, text extracted */
    int steps_given;     /* --steps was used */
    FILE *log;
    sv_resources *res;
    sv_normalizer *n;
    size_t total_edits, total_dropped, records, total_invalid;
} normalize_cmd;

typedef struct worker {
    sv_context *ctx;
    sv_normalize_result res;
    sv_buf text;
    sv_buf scratch;
    sv_buf page; /* --format html: the page's extracted text */
} worker;

static const cli_help help = {
    "[OPTIONS] [FILE...]",
    "Repair and clean mixed Russian-English text: mojibake (UTF-8 read as\n"
    "windows-1251/1252, KOI8-R), invisible and control characters, NFC,\n"
    "odd spaces, dash look-alikes, mixed-script words, glued sentences,\n"
    "words hyphenated across lines; optionally drop boilerplate, duplicate\n"
    "lines and stray notes.  Every change is logged with byte offsets into\n"
    "the input.  Plain text is one record per file (--record changes that);\n"
    "a title repeated anywhere in the file counts as a duplicate.  With\n"
    "--format html each file is a web page: its readable text (block\n"
    "elements as paragraphs; no script, style, nav, footer) is normalized,\n"
    "and offsets refer to that text.\n"
    "\n"
    "Invalid UTF-8 becomes U+FFFD through the decode step, which stays on\n"
    "even when --steps or --no-decode leave it out (in valid text it does\n"
    "nothing), so each replacement is a 'decode' edit in --log/--explain\n"
    "with the original bytes; --strict refuses such input instead.  In\n"
    "JSON Lines (a JSON string cannot hold invalid bytes) and HTML the\n"
    "reader replaces them, counted in a warning on stderr.  Standard input\n"
    "is named <stdin> in messages and in the log's file column.",
    "  sverka normalize --drop all --explain article.txt > clean.txt\n"
    "  sverka normalize --jsonl --field text --edits < crawl.jsonl\n"
    "  sverka normalize --steps spaces,punctuation --quotes typographic a.txt\n"
    "  sverka normalize --log changes.tsv -o clean.txt article.txt\n",
    NULL};

/* --no-STEP options are made from the library's step table, so a new
 * step gets its switch without touching this file. */
static cli_opt *build_opts(void)
{
    static const cli_opt fixed[] = {
        {OPT_STEPS, "steps", 0, "LIST",
         "run only these steps (comma-separated; see the list below)"},
        {OPT_DROP, "drop", 0, "LIST",
         "drop lines: boilerplate, duplicates, notes, or all"},
        {OPT_MARK, "mark", 0, NULL,
         "wrap lines selected by --drop in \xE2\x9F\xA6" "drop:WHY\xE2\x9F\xA7"
         "...\xE2\x9F\xA6/drop\xE2\x9F\xA7 instead of removing them; with "
         "--jsonl, list them in a \"dropped\" member"},
        {OPT_QUOTES, "quotes", 0, "STYLE",
         "keep (default), ascii, or typographic (\xE2\x80\x9C\xE2\x80\x9D "
         "in English, \xC2\xAB\xC2\xBB in Russian)"},
        {OPT_APOSTROPHES, "apostrophes", 0, "STYLE",
         "keep (default), ascii or typographic"},
        {OPT_DASH, "dash", 0, "STYLE",
         "what dash look-alikes become: em (default), en or keep"},
        {OPT_NFKC, "nfkc", 0, NULL, "use NFKC instead of NFC"},
        {OPT_LOG, "log", 0, "FILE",
         "write the edit log as TSV: file, line, column, step, input "
         "offsets, before, after"},
        {OPT_EXPLAIN, "explain", 0, NULL,
         "list every change on stderr: place, step, before and after"},
        {OPT_EDITS, "edits", 0, NULL,
         "with --jsonl: add an \"edits\" member to each object"},
        {OPT_NO_DICTS, "no-dicts", 0, NULL,
         "do not load dictionaries; decide by rules alone (faster)"},
    };
    size_t nsteps, nfixed = sizeof(fixed) / sizeof(fixed[0]), i;
    const sv_normalize_step_info *steps = sv_normalize_steps(&nsteps);
    cli_opt *t = calloc(nfixed + nsteps + 1, sizeof(*t));
    static char names[32][40];

    if (!t)
        return NULL;
    memcpy(t, fixed, sizeof(fixed));
    for (i = 0; i < nsteps && i < 32; i++) {
        snprintf(names[i], sizeof(names[i]), "no-%s", steps[i].name);
        t[nfixed + i].id = OPT_NO_STEP_BASE + (int)i;
        t[nfixed + i].long_name = names[i];
        t[nfixed + i].help = steps[i].description;
    }
    return t;
}

static int parse_style(const char *cmd, const char *opt, const char *arg,
                       sv_quote_style *out)
{
    if (!strcmp(arg, "keep"))
        *out = SV_QUOTES_KEEP;
    else if (!strcmp(arg, "ascii"))
        *out = SV_QUOTES_ASCII;
    else if (!strcmp(arg, "typographic"))
        *out = SV_QUOTES_TYPOGRAPHIC;
    else
        return cli_usage_error(cmd, "--%s expects keep, ascii or typographic, "
                                    "not '%s'", opt, arg);
    return CLI_OK;
}

static int parse_steps(normalize_cmd *c, const char *arg)
{
    unsigned steps = 0;
    const char *p = arg;

    while (*p) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        unsigned bit = sv_normalize_step_from_name(p, len);

        if (!bit)
            return cli_usage_error("normalize", "unknown step '%.*s' in "
                                   "--steps", (int)len, p);
        steps |= bit;
        p += len + (e ? 1 : 0);
    }
    c->opts.steps = steps;
    c->steps_given = 1;
    return CLI_OK;
}

static int apply(void *ctx, int id, const char *arg)
{
    normalize_cmd *c = ctx;

    switch (id) {
    case OPT_STEPS: return parse_steps(c, arg);
    case OPT_QUOTES: return parse_style("normalize", "quotes", arg, &c->opts.quotes);
    case OPT_APOSTROPHES:
        return parse_style("normalize", "apostrophes", arg, &c->opts.apostrophes);
    case OPT_DASH:
        if (!strcmp(arg, "em"))
            c->opts.dash = SV_DASH_EM;
        else if (!strcmp(arg, "en"))
            c->opts.dash = SV_DASH_EN;
        else if (!strcmp(arg, "keep"))
            c->opts.dash = SV_DASH_KEEP;
        else
            return cli_usage_error("normalize", "--dash expects em, en or "
                                   "keep, not '%s'", arg);
        return CLI_OK;
    case OPT_NFKC: c->opts.nfkc = 1; return CLI_OK;
    case OPT_DROP:
        if (sv_normalize_drop_from_list(arg, strlen(arg), &c->opts.drop) < 0)
            return cli_usage_error("normalize", "--drop expects boilerplate, "
                                   "duplicates, notes or all, not '%s'", arg);
        return CLI_OK;
    case OPT_MARK: c->opts.mark = 1; return CLI_OK;
    case OPT_LOG: c->log_path = arg; return CLI_OK;
    case OPT_EXPLAIN: c->explain = 1; return CLI_OK;
    case OPT_EDITS: c->edits = 1; return CLI_OK;
    case OPT_NO_DICTS: c->no_dicts = 1; return CLI_OK;
    default: {
        size_t n;
        const sv_normalize_step_info *steps = sv_normalize_steps(&n);

        if (id >= OPT_NO_STEP_BASE && (size_t)(id - OPT_NO_STEP_BASE) < n) {
            c->steps_off |= steps[id - OPT_NO_STEP_BASE].bit;
            return CLI_OK;
        }
        return cli_usage_error("normalize", "internal: option %d", id);
    }
    }
}

static int init_worker(void **state, void *cmd)
{
    normalize_cmd *c = cmd;
    worker *w = calloc(1, sizeof(*w));
    sv_normalize_result init = SV_NORMALIZE_RESULT_INIT;
    int rc;

    if (!w)
        return SV_ENOMEM;
    w->res = init;
    if ((rc = cli_worker_context("normalize", c->res, &w->ctx)) < 0) {
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
    sv_normalize_result_dispose(&w->res);
    sv_buf_dispose(&w->text);
    sv_buf_dispose(&w->scratch);
    sv_buf_dispose(&w->page);
    free(w);
}

/* One change as --log and --explain show it: offsets into the input
 * file (or the field, or the page), before and after text. */
typedef struct change {
    const char *step;
    size_t in_start, in_end;
    const char *before, *after;
    size_t before_len, after_len;
} change;

/* One TSV row of the edit log. */
static int log_edit(sv_buf *aux, const cli_job *j, size_t line, size_t col,
                    const change *e)
{
    char num[64];
    int n = snprintf(num, sizeof(num), "\t%zu\t%zu\t", line, col);
    int rc = sv_tsv_append_field(aux, j->file, strlen(j->file));

    if (!rc)
        rc = sv_buf_put(aux, num, (size_t)n);
    if (!rc)
        rc = sv_tsv_append_field(aux, e->step, strlen(e->step));
    n = snprintf(num, sizeof(num), "\t%zu\t%zu\t", e->in_start, e->in_end);
    if (!rc)
        rc = sv_buf_put(aux, num, (size_t)n);
    if (!rc)
        rc = sv_tsv_append_field(aux, e->before, e->before_len);
    if (!rc)
        rc = sv_buf_put(aux, "\t", 1);
    if (!rc)
        rc = sv_tsv_append_field(aux, e->after, e->after_len);
    if (!rc)
        rc = sv_buf_put(aux, "\n", 1);
    return rc;
}

/* "FILE:LINE:COL: step: «before» → «after»" for --explain. */
static int explain_edit(sv_buf *rep, const cli_job *j, size_t line, size_t col,
                        const change *e, int color)
{
    char head[64];
    int rc;

    rc = sv_buf_put(rep, j->file, strlen(j->file));
    if (!rc)
        rc = sv_buf_put(rep, head, (size_t)snprintf(head, sizeof(head),
                                                    ":%zu:%zu: ", line, col));
    if (!rc && color)
        rc = PUT_LIT(rep, "\033[36m");
    if (!rc)
        rc = sv_buf_put(rep, e->step, strlen(e->step));
    if (!rc)
        rc = color ? PUT_LIT(rep, "\033[0m: \033[31m\xC2\xAB")
                   : PUT_LIT(rep, ": \xC2\xAB");
    if (!rc)
        rc = cli_visible(rep, e->before, e->before_len, 60);
    if (!rc)
        rc = color ? PUT_LIT(rep, "\xC2\xBB\033[0m \xE2\x86\x92 \033[32m\xC2\xAB")
                   : PUT_LIT(rep, "\xC2\xBB \xE2\x86\x92 \xC2\xAB");
    if (!rc)
        rc = cli_visible(rep, e->after, e->after_len, 60);
    if (!rc)
        rc = color ? PUT_LIT(rep, "\xC2\xBB\033[0m\n") : PUT_LIT(rep, "\xC2\xBB\n");
    return rc;
}

/* The "edits" member for --jsonl --edits. */
static int edits_member(sv_buf *m, const cli_job *j, const worker *w)
{
    size_t i;
    int rc = PUT_LIT(m, "\"edits\":[");

    for (i = 0; i < w->res.edit_count && !rc; i++) {
        const sv_normalize_edit *e = &w->res.edits[i];
        char num[80];
        int n = snprintf(num, sizeof(num), ",\"start\":%zu,\"end\":%zu,"
                         "\"before\":", e->in_start, e->in_end);

        rc = i ? PUT_LIT(m, ",{\"step\":") : PUT_LIT(m, "{\"step\":");
        if (!rc)
            rc = sv_json_append_string(m, e->step, strlen(e->step));
        if (!rc)
            rc = sv_buf_put(m, num, (size_t)n);
        if (!rc)
            rc = sv_json_append_string(m, j->text + e->in_start,
                                       e->in_end - e->in_start);
        if (!rc)
            rc = PUT_LIT(m, ",\"after\":");
        if (!rc)
            rc = sv_json_append_string(m, w->text.ptr + e->out_start,
                                       e->out_end - e->out_start);
        if (!rc)
            rc = sv_buf_put(m, "}", 1);
    }
    return rc ? rc : sv_buf_put(m, "]", 1);
}

/* The "dropped" member for --jsonl --mark: the lines --drop selected,
 * listed instead of wrapped so the text field stays clean. */
static int dropped_member(sv_buf *m, const cli_job *j, const worker *w)
{
    size_t i;
    int rc = m->size ? PUT_LIT(m, ",\"dropped\":[") : PUT_LIT(m, "\"dropped\":[");

    for (i = 0; i < w->res.drop_count && !rc; i++) {
        const sv_normalize_drop *d = &w->res.drops[i];
        char num[64];
        int n = snprintf(num, sizeof(num), ",\"start\":%zu,\"end\":%zu,"
                         "\"text\":", d->in_start, d->in_end);

        rc = i ? PUT_LIT(m, ",{\"reason\":") : PUT_LIT(m, "{\"reason\":");
        if (!rc)
            rc = sv_json_append_string(m, d->reason, strlen(d->reason));
        if (!rc)
            rc = sv_buf_put(m, num, (size_t)n);
        if (!rc)
            rc = sv_json_append_string(m, j->text + d->in_start,
                                       d->in_end - d->in_start);
        if (!rc)
            rc = sv_buf_put(m, "}", 1);
    }
    return rc ? rc : sv_buf_put(m, "]", 1);
}

static int show_change(normalize_cmd *c, cli_job *j, size_t line, size_t col,
                       const change *e)
{
    int rc = SV_OK;

    if (c->log)
        rc = log_edit(&j->aux, j, line, col, e);
    if (!rc && c->explain)
        rc = explain_edit(&j->report, j, line, col, e, c->color);
    return rc;
}

static size_t count_lf(const char *s, size_t len)
{
    size_t n = 0, i;

    for (i = 0; i < len; i++)
        n += s[i] == '\n';
    return n;
}

/* Paragraph records: the blank lines before a record are written as one
 * line feed (none before the first) and those after the last are left
 * out, like the spaces step inside a record; said here so that nothing
 * leaves without a log row.  Returns the number of changes. */
static int blank_changes(normalize_cmd *c, cli_job *j, int tail)
{
    change e;
    int rc;

    e.step = "spaces";
    if (!tail) {
        if (!j->gap_len || (j->index > 0 && j->gap_len == 1))
            return 0; /* none, or exactly the one line feed written */
        e.in_start = j->offset - j->gap_len;
        e.before = j->gap;
        e.before_len = j->gap_len;
        e.in_end = j->offset;
        e.after = j->index > 0 ? "\n" : "";
        e.after_len = j->index > 0;
        rc = show_change(c, j, j->line - count_lf(j->gap, j->gap_len), 1, &e);
    } else {
        if (!j->tail_len)
            return 0;
        e.in_start = j->offset + j->text_len + (size_t)j->has_newline;
        e.in_end = e.in_start + j->tail_len;
        e.before = j->tail;
        e.before_len = j->tail_len;
        e.after = "";
        e.after_len = 0;
        rc = show_change(c, j, j->line + j->line_count, 1, &e);
    }
    return rc < 0 ? rc : 1;
}

/* Every change of the record for --log and --explain.  Offsets are into
 * the input file (the record's own offset added), except for JSONL (the
 * field's text) and HTML (the page's text). */
static int describe_edits(normalize_cmd *c, cli_job *j, worker *w)
{
    int plain = !c->common.jsonl && !c->html;
    size_t base = plain ? j->offset : 0, i;
    cli_locator loc;
    int rc = SV_OK, n = 0;

    if (plain && (n = blank_changes(c, j, 0)) < 0)
        return n;
    j->stats[3] = (size_t)n;
    cli_locator_init(&loc, j->text, j->text_len, j->line);
    for (i = 0; i < w->res.edit_count && !rc; i++) {
        const sv_normalize_edit *ed = &w->res.edits[i];
        size_t line, col;
        change e;

        e.step = ed->step;
        e.in_start = base + ed->in_start;
        e.in_end = base + ed->in_end;
        e.before = j->text + ed->in_start;
        e.before_len = ed->in_end - ed->in_start;
        e.after = w->text.ptr + ed->out_start;
        e.after_len = ed->out_end - ed->out_start;
        cli_locator_seek(&loc, ed->in_start, &line, &col);
        rc = show_change(c, j, line, col, &e);
    }
    if (rc || !plain)
        return rc;
    if ((n = blank_changes(c, j, 1)) < 0)
        return n;
    j->stats[3] += (size_t)n;
    return SV_OK;
}

static int write_record(normalize_cmd *c, cli_job *j, worker *w)
{
    sv_error err = SV_ERROR_INIT;
    int rc;

    if (!c->common.jsonl) {
        /* Paragraph records: the blank lines between them come back as
         * one blank line, as the spaces step does inside a record. */
        rc = SV_OK;
        if (j->gap_len && j->index > 0)
            rc = sv_buf_put(&j->out, "\n", 1);
        if (!rc)
            rc = sv_buf_put(&j->out, w->text.ptr, w->text.size);
        if (!rc && j->has_newline)
            rc = sv_buf_put(&j->out, "\n", 1);
        return rc;
    }
    sv_buf_clear(&w->scratch);
    if (c->edits && (rc = edits_member(&w->scratch, j, w)) < 0)
        return rc;
    if (c->list_drops && (rc = dropped_member(&w->scratch, j, w)) < 0)
        return rc;
    rc = sv_jsonl_rewrite(&j->out, j->raw, j->raw_len,
                          c->common.field ? c->common.field : "text",
                          w->text.ptr, w->text.size,
                          w->scratch.size ? w->scratch.ptr : NULL,
                          w->scratch.size, &err);
    if (rc < 0) {
        sv_buf_put(&j->report, err.message, strlen(err.message));
        return rc;
    }
    return sv_buf_put(&j->out, "\n", 1);
}

/* --format html: the record becomes the page's text, so offsets in the
 * log and --explain refer to that text (documented in --help). */
static int html_input(cli_job *j, worker *w)
{
    sv_error err = SV_ERROR_INIT;
    int rc;

    sv_buf_clear(&w->page);
    if ((rc = sv_html_to_text(&w->page, j->text, j->text_len, &err)) < 0) {
        fprintf(stderr, "sverka: %s: %s\n", j->file, err.message);
        return rc;
    }
    if (!w->page.ptr && (rc = sv_buf_put(&w->page, "", 0)) < 0)
        return rc;
    /* the page's text lives in the worker until its next record; the
     * job's text is not read after process() */
    j->text = w->page.ptr;
    j->text_len = w->page.size;
    j->has_newline = 1;
    return SV_OK;
}

static int process(cli_job *j, void *state, void *cmd)
{
    normalize_cmd *c = cmd;
    worker *w = state;
    sv_error err = SV_ERROR_INIT;
    int rc;

    if (c->html && (rc = html_input(j, w)) < 0)
        return rc;
    rc = sv_normalize_run(c->n, w->ctx, j->text, j->text_len, &w->text, &w->res,
                          &err);
    if (rc < 0) {
        fprintf(stderr, "sverka: %s:%zu: %s\n", j->file, j->line, err.message);
        return rc;
    }
    if ((c->log || c->explain) && (rc = describe_edits(c, j, w)) < 0)
        return rc;
    if (c->common.defer_utf8 && (j->invalid = w->res.invalid_utf8) != 0)
        j->first_invalid = w->res.first_invalid;
    j->stats[0] = w->res.edit_count + j->stats[3];
    j->stats[1] = w->res.dropped_lines;
    j->stats[2] = w->res.invalid_utf8;
    return write_record(c, j, w);
}

static int in_order(cli_job *j, void *cmd)
{
    normalize_cmd *c = cmd;

    c->records++;
    c->total_edits += j->stats[0];
    c->total_dropped += j->stats[1];
    c->total_invalid += j->stats[2];
    if (c->log && j->aux.size &&
        fwrite(j->aux.ptr, 1, j->aux.size, c->log) != j->aux.size)
        return SV_EIO;
    return 0;
}

static int open_log(normalize_cmd *c)
{
    static const char header[] =
        "file\tline\tcolumn\tstep\tin_start\tin_end\tbefore\tafter\n";

    if (!c->log_path)
        return CLI_OK;
    c->log = fopen(c->log_path, "wb");
    if (!c->log) {
        cli_error("normalize", "%s: cannot open log: %s", c->log_path,
                  strerror(errno));
        return CLI_IOERR;
    }
    fputs(header, c->log);
    return CLI_OK;
}

static int close_log(normalize_cmd *c, int rc)
{
    if (c->log && (fclose(c->log) != 0) && rc == CLI_OK) {
        cli_error("normalize", "%s: write failed", c->log_path);
        return CLI_IOERR;
    }
    return rc;
}

static int setup(normalize_cmd *c)
{
    sv_error err = SV_ERROR_INIT;
    int rc;

    c->opts.steps &= ~c->steps_off;
    if (c->opts.drop == 0)
        c->opts.steps &= ~(unsigned)SV_STEP_DROP;
    if (c->edits && !c->common.jsonl)
        return cli_usage_error("normalize", "--edits needs --jsonl (use --log "
                               "for text)");
    if (c->common.format && strcmp(c->common.format, "text") &&
        strcmp(c->common.format, "jsonl") && strcmp(c->common.format, "html"))
        return cli_usage_error("normalize", "--format %s is not supported "
                               "here (text, jsonl or html)", c->common.format);
    if (c->common.format && !strcmp(c->common.format, "html")) {
        if (c->common.jsonl)
            return cli_usage_error("normalize", "--format html reads pages, "
                                   "not JSON Lines");
        c->html = 1;
        c->common.record_mode = SV_RECORD_DOCUMENT;
        if (!c->steps_given && !(c->steps_off & SV_STEP_ENTITIES))
            c->opts.steps |= SV_STEP_ENTITIES; /* on for HTML by default */
    }
    if (c->common.format && !strcmp(c->common.format, "jsonl"))
        c->common.jsonl = 1;
    /* Invalid UTF-8 reaches the decode step as it is, so its U+FFFD
     * replacements are edits like any other (in --log and --explain) and
     * the log gives the input back byte for byte.  The decode step stays
     * on when --steps/--no-decode leave it out: the text cannot go on
     * invalid, and without it the reader would replace the bytes itself,
     * in no log.  It changes nothing in valid text; --strict refuses
     * invalid input instead. */
    if (!c->html && !c->common.jsonl && !c->common.strict)
        c->opts.steps |= SV_STEP_DECODE;
    c->common.keep_invalid = (c->opts.steps & SV_STEP_DECODE) && !c->html &&
                             !c->common.jsonl && !c->common.strict;
    /* the pipeline checks every record's UTF-8 (the fast path's scan,
     * else the decode step), so the reader need not check it first */
    c->common.defer_utf8 = c->common.keep_invalid;
    if (c->common.jsonl && c->opts.mark) {
        c->opts.mark = 0; /* lines leave the text and are listed */
        c->list_drops = 1;
    }
    c->color = c->explain && isatty(STDERR_FILENO) && !getenv("NO_COLOR");
    if (!c->no_dicts &&
        (rc = cli_open_resources_except(&c->common, SV_LOAD_DATA,
                                        SV_LOAD_LEXICON, &c->res)) != CLI_OK)
        return rc;
    if (sv_normalizer_new(&c->n, &c->opts, c->res, &err) < 0)
        return cli_fail_err("normalize", &err);
    return open_log(c);
}

static void summary(const normalize_cmd *c)
{
    if (c->common.quiet || !(c->explain || c->log))
        return;
    fprintf(stderr, "sverka: normalize: %zu record%s, %zu change%s, %zu "
            "line%s dropped\n", c->records, c->records == 1 ? "" : "s",
            c->total_edits, c->total_edits == 1 ? "" : "s", c->total_dropped,
            c->total_dropped == 1 ? "" : "s");
}

int cmd_normalize(int argc, char **argv)
{
    normalize_cmd c;
    cli_record_ops ops = {init_worker, fini_worker, process, in_order, NULL,
                          SV_RECORD_DOCUMENT, 1};
    cli_output out;
    cli_opt *opts = build_opts();
    int rc, level = 0;

    memset(&c, 0, sizeof(c));
    sv_normalize_options_init(&c.opts, SV_NORMALIZE_OPTIONS_VERSION);
    c.common.cmd = "normalize";
    c.common.record_mode = -1;
    if (!opts) {
        cli_error("normalize", "out of memory");
        return CLI_IOERR;
    }
    rc = cli_parse(argc, argv, opts, apply, &c, &c.common, &help);
    free(opts);
    if (rc == CLI_HELP_SHOWN)
        return CLI_OK;
    if (rc == CLI_OK)
        rc = setup(&c);
    if (rc == CLI_OK && (rc = cli_output_open(&out, "normalize",
                                              c.common.output)) == CLI_OK) {
        rc = cli_run_records(&c.common, &ops, &c, &out, &level);
        if (rc == CLI_OK)
            rc = cli_output_commit(&out, "normalize");
        else
            cli_output_abort(&out);
    }
    rc = close_log(&c, rc);
    if (rc == CLI_OK)
        summary(&c);
    sv_normalizer_free(c.n);
    sv_resources_free(c.res);
    return rc;
}
