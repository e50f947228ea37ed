/* SPDX-License-Identifier: MIT */
/*
 * sverka align: read the original and its translation (one document
 * each), align them with sv_align_texts(), and write the pairs with their
 * QA flags as text, TSV, JSONL, Vecalign beads, TMX, XLIFF or an HTML
 * report.  --fail-on makes findings an exit status.  No text logic here.
 */
#include <stdlib.h>
#include <string.h>

#include <sverka/align.h>

#include "cli.h"
#include "garble_hook.h"

enum {
    OPT_SRC_LANG = 1, OPT_TGT_LANG, OPT_PRESEG, OPT_IGNORE_PARA, OPT_NO_LEX,
    OPT_BAND, OPT_FLAGGED, OPT_INCLUDE_EMPTY, OPT_FAIL_ON, OPT_NO_GARBLE
};

typedef struct align_cmd {
    cli_common common;
    sv_align_options opts;
    sv_align_write_options wopts;
    sv_align_format format;
    int fail_on;        /* severity, 0 = never */
    int no_garble;
} align_cmd;

static const cli_opt align_opts[] = {
    {OPT_SRC_LANG, "src-lang", 0, "LANG",
     "language of the first file (default ru)"},
    {OPT_TGT_LANG, "tgt-lang", 0, "LANG",
     "language of the second file (default en)"},
    {OPT_PRESEG, "presegmented", 0, NULL,
     "input is one sentence per line, a blank line between paragraphs"},
    {OPT_IGNORE_PARA, "ignore-paragraphs", 0, NULL,
     "do not use blank lines as hard anchors"},
    {OPT_NO_LEX, "no-lexicon", 0, NULL,
     "align without the ru-en lexicon (length, numbers, names, shared "
     "words only)"},
    {OPT_BAND, "band", 0, "N",
     "fixed band half-width in sentences (default: automatic)"},
    {OPT_FLAGGED, "flagged-only", 0, NULL,
     "text, tsv, jsonl, html: only pairs with findings"},
    {OPT_INCLUDE_EMPTY, "include-empty", 0, NULL,
     "tmx, xliff: also write pairs with an empty side"},
    {OPT_FAIL_ON, "fail-on", 0, "LEVEL",
     "exit 1 when a finding is at or above info, warning or error"},
    {OPT_NO_GARBLE, "no-garble", 0, NULL,
     "do not score targets for garbled machine translation"},
    {0, NULL, 0, NULL, NULL}};

static const cli_help help = {
    "[OPTIONS] ORIGINAL TRANSLATION",
    "Sentence-align an original with its translation (Russian-English in\n"
    "either direction; other pairs align on length, numbers, punctuation\n"
    "and shared words) and check every pair: missing and extra sentences,\n"
    "merges and splits, untranslated text, numbers and dates, names,\n"
    "negation, length, brackets and quotes.  Formats (--format): text\n"
    "(default), tsv, jsonl, beads (Vecalign [i]:[j]:score, 0-based), tmx,\n"
    "xliff (1.2), xliff2, html (a side-by-side report; use -o).",
    "  sverka align ru.txt en.txt\n"
    "  sverka align --format html -o report.html ru.txt en.txt\n"
    "  sverka align --format tmx -o pairs.tmx ru.txt en.txt\n"
    "  sverka align --src-lang de --tgt-lang fr --presegmented --format beads "
    "de.txt fr.txt\n",
    "exit status: 0 success, 1 findings at or above --fail-on, 2 usage "
    "error,\n3 bad input data, 4 I/O error or missing resource"};

static int apply(void *ctx, int id, const char *arg)
{
    align_cmd *c = ctx;
    size_t n;
    sv_severity sev;

    switch (id) {
    case OPT_SRC_LANG: c->opts.src_lang = arg; return CLI_OK;
    case OPT_TGT_LANG: c->opts.tgt_lang = arg; return CLI_OK;
    case OPT_PRESEG: c->opts.presegmented = 1; return CLI_OK;
    case OPT_IGNORE_PARA: c->opts.ignore_paragraphs = 1; return CLI_OK;
    case OPT_NO_LEX: c->opts.no_lexicon = 1; return CLI_OK;
    case OPT_BAND:
        if (cli_parse_size(arg, &n) != 0 || n == 0 || n > 1000000)
            return cli_usage_error("align", "--band expects a number from 1 "
                                   "to 1000000, not '%s'", arg);
        c->opts.band = (unsigned)n;
        return CLI_OK;
    case OPT_FLAGGED: c->wopts.flagged_only = 1; return CLI_OK;
    case OPT_INCLUDE_EMPTY: c->wopts.include_empty = 1; return CLI_OK;
    case OPT_NO_GARBLE: c->no_garble = 1; return CLI_OK;
    case OPT_FAIL_ON:
        if (sv_severity_from_name(arg, &sev) < 0)
            return cli_usage_error("align", "--fail-on expects info, warning "
                                   "or error, not '%s'", arg);
        c->fail_on = (int)sev;
        return CLI_OK;
    default: return cli_usage_error("align", "internal: option %d", id);
    }
}

/* Read a whole input (align needs both documents) through the record
 * reader: encodings, invalid UTF-8 and the size cap handled there. */
static int read_document(const align_cmd *c, const char *path, sv_buf *out)
{
    sv_reader_options ro = SV_READER_OPTIONS_INIT;
    sv_reader *r = NULL;
    sv_record rec;
    sv_error err = SV_ERROR_INIT;
    FILE *fp = stdin;
    int rc, ret = CLI_OK;

    ro.mode = SV_RECORD_DOCUMENT;
    ro.encoding = c->common.encoding;
    ro.strict_utf8 = c->common.strict;
    ro.max_record = c->common.max_record;
    if (strcmp(path, "-") && !(fp = fopen(path, "rb"))) {
        cli_error("align", "%s: cannot open", path);
        return CLI_IOERR;
    }
    if (sv_reader_new(&r, &ro, &err) < 0) {
        ret = cli_fail_err("align", &err);
        goto done;
    }
    if ((rc = sv_reader_open(r, fp, path)) < 0 ||
        (rc = sv_reader_next(r, &rec)) < 0) {
        cli_error("align", "%s", sv_reader_errmsg(r));
        ret = cli_exit_for(rc);
        goto done;
    }
    if (rc > 0 && sv_buf_put(out, rec.text, rec.text_len) < 0) {
        cli_error("align", "out of memory");
        ret = CLI_IOERR;
    }
done:
    sv_reader_free(r);
    if (fp != stdin)
        fclose(fp);
    return ret;
}

static int check_args(align_cmd *c)
{
    if (c->common.nfiles != 2)
        return cli_usage_error("align", "expected two files (original and "
                               "translation), got %d", c->common.nfiles);
    if (!strcmp(c->common.files[0], "-") && !strcmp(c->common.files[1], "-"))
        return cli_usage_error("align", "only one input can be standard input");
    if (c->common.format &&
        sv_align_format_from_name(c->common.format, &c->format) < 0)
        return cli_usage_error("align", "unknown --format '%s' (text, tsv, "
                               "jsonl, beads, tmx, xliff, xliff2, html)",
                               c->common.format);
    if (c->common.jsonl)
        c->format = SV_ALIGN_FORMAT_JSONL;
    return CLI_OK;
}

static int max_severity(const sv_alignment *a)
{
    size_t counts[7];

    sv_alignment_counts(a, counts);
    return counts[3] ? 3 : counts[2] ? 2 : counts[1] ? 1 : 0;
}

static int run(align_cmd *c, sv_resources *res)
{
    sv_buf src = SV_BUF_INIT, tgt = SV_BUF_INIT, out = SV_BUF_INIT;
    sv_aligner *al = NULL;
    sv_context *ctx = NULL;
    sv_alignment *a = NULL;
    sv_error err = SV_ERROR_INIT;
    cli_garble_hook gh;
    cli_output o;
    int rc;

    memset(&gh, 0, sizeof(gh));
    if ((rc = read_document(c, c->common.files[0], &src)) != CLI_OK ||
        (rc = read_document(c, c->common.files[1], &tgt)) != CLI_OK)
        goto done;
    if (res && sv_context_new(&ctx, res, &err) < 0) {
        rc = cli_fail_err("align", &err);
        goto done;
    }
    if (!c->no_garble) {
        cli_garble_hook_open(&gh, res, ctx, c->opts.tgt_lang ? c->opts.tgt_lang
                                                             : "en");
        cli_garble_hook_apply(&gh, &c->opts);
    }
    if (sv_aligner_new(&al, &c->opts, res, &err) < 0 ||
        sv_align_texts(al, ctx, src.ptr, src.size, tgt.ptr, tgt.size, &a,
                       &err) < 0 ||
        sv_alignment_write(al, a, c->format, &c->wopts, &out, &err) < 0) {
        rc = cli_fail_err("align", &err);
        goto done;
    }
    if ((rc = cli_output_open(&o, "align", c->common.output)) != CLI_OK)
        goto done;
    if ((rc = cli_output_write(&o, out.ptr ? out.ptr : "", out.size)) != CLI_OK) {
        cli_output_abort(&o);
        goto done;
    }
    if ((rc = cli_output_commit(&o, "align")) != CLI_OK)
        goto done;
    if (c->fail_on && max_severity(a) >= c->fail_on)
        rc = CLI_FINDINGS;
done:
    sv_alignment_free(a);
    sv_aligner_free(al);
    cli_garble_hook_close(&gh);
    sv_context_free(ctx);
    sv_buf_dispose(&src);
    sv_buf_dispose(&tgt);
    sv_buf_dispose(&out);
    return rc;
}

int cmd_align(int argc, char **argv)
{
    align_cmd c;
    sv_resources *res = NULL;
    int rc;

    memset(&c, 0, sizeof(c));
    sv_align_options_init(&c.opts, SV_ALIGN_OPTIONS_VERSION);
    sv_align_write_options_init(&c.wopts, SV_ALIGN_WRITE_OPTIONS_VERSION);
    c.format = SV_ALIGN_FORMAT_TEXT;
    c.common.cmd = "align";
    c.common.record_mode = -1;
    rc = cli_parse(argc, argv, align_opts, apply, &c, &c.common, &help);
    if (rc == CLI_HELP_SHOWN)
        return CLI_OK;
    if (rc != CLI_OK || (rc = check_args(&c)) != CLI_OK)
        return rc;
    c.wopts.src_name = c.common.files[0];
    c.wopts.tgt_name = c.common.files[1];
    /* Resources also carry the names list and abbreviations, so they are
     * opened with --no-lexicon too; the option only keeps the lexicon out. */
    if ((rc = cli_open_resources(&c.common, SV_LOAD_DATA, &res)) != CLI_OK)
        return rc;
    rc = run(&c, res);
    sv_resources_free(res);
    return rc;
}
