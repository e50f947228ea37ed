/* SPDX-License-Identifier: MIT */
/*
 * sverka check: read translation units from TMX, XLIFF or aligned TSV
 * files with sv_pairs_read(), run the pair QA (sv_align_check_pair()) on
 * each, and list the findings as text, TSV or JSONL with a summary;
 * --fail-on turns findings into exit status 1.  No text logic here.
 */
#include <stdlib.h>
#include <string.h>

#include <sverka/align.h>

#include "cli.h"
#include "garble_hook.h"

enum {
    OPT_SRC_LANG = 1, OPT_TGT_LANG, OPT_FAIL_ON, OPT_ALL, OPT_NO_LEX,
    OPT_NO_GARBLE
};

/* Languages of a file's TMX tuvs (primary subtags) and in how many units
 * each occurs, for the note on the languages a check skipped. */
#define MAX_TALLY 16
typedef struct lang_tally {
    char code[MAX_TALLY][16];
    size_t units[MAX_TALLY];
    size_t n, more;  /* more: units with a language past MAX_TALLY */
} lang_tally;

typedef struct check_cmd {
    cli_common common;
    const char *src_lang, *tgt_lang;   /* overrides */
    int fail_on, all, no_lexicon, no_garble;
    int format;                        /* 0 text, 1 tsv, 2 jsonl */
    cli_garble_hook gh;
    sv_resources *res;
    sv_context *ctx;
    sv_aligner *al;
    char al_src[16], al_tgt[16];       /* pair the aligner was made for */
    char exp_src[16], exp_tgt[16];     /* pair the file's units must be in */
    const char *file;
    lang_tally tally;                  /* of the file being read */
    sv_buf out, flags;
    size_t units, flagged, nflags[4];
    int max_sev, failed;
    int srclang_used;                  /* the file's srclang set the source */
    cli_output *o;
} check_cmd;

static const cli_opt check_opts[] = {
    {OPT_SRC_LANG, "src-lang", 0, "LANG",
     "source language (default: from the file, else ru)"},
    {OPT_TGT_LANG, "tgt-lang", 0, "LANG",
     "target language (default: from the file, else en)"},
    {OPT_FAIL_ON, "fail-on", 0, "LEVEL",
     "exit 1 when a finding is at or above info, warning or error"},
    {OPT_ALL, "all", 0, NULL, "list every unit, also those without findings"},
    {OPT_NO_LEX, "no-lexicon", 0, NULL, "check without the ru-en lexicon"},
    {OPT_NO_GARBLE, "no-garble", 0, NULL,
     "do not score targets for garbled machine translation"},
    {0, NULL, 0, NULL, NULL}};

static const cli_help help = {
    "[OPTIONS] FILE.tmx|FILE.xlf|FILE.tsv...",
    "Check an existing translation memory or aligned file unit by unit:\n"
    "untranslated targets, numbers and dates, names, negation, length,\n"
    "brackets and quotes, empty targets.  TSV input is source TAB target\n"
    "per line.  Formats (--format): text (default), tsv, jsonl.\n"
    "\n"
    "Language codes compare by primary subtag, any case (en-US = en).  A\n"
    "TMX unit may hold more languages than the pair (multilingual\n"
    "memories): the source and target tuvs are picked by --src-lang and\n"
    "--tgt-lang, else by the header's srclang and the first other language\n"
    "in the file, and the same pair is used for every unit.  Tuvs in other\n"
    "languages are skipped, not findings; one note per file on stderr\n"
    "names them and the pair checked (and how it was chosen when the\n"
    "options did not give it).  A unit without a tuv in the source or\n"
    "target language, a tuv without xml:lang, two tuvs in one language\n"
    "of the pair, or a file declaring another pair are 'language' errors.",
    "  sverka check memory.tmx\n"
    "  sverka check --fail-on warning --format jsonl project.xlf\n",
    NULL /* the exit statuses are printed for every command */};

static int apply(void *ctx, int id, const char *arg)
{
    check_cmd *c = ctx;
    sv_severity sev;

    switch (id) {
    case OPT_SRC_LANG: c->src_lang = arg; return CLI_OK;
    case OPT_TGT_LANG: c->tgt_lang = arg; return CLI_OK;
    case OPT_ALL: c->all = 1; return CLI_OK;
    case OPT_NO_LEX: c->no_lexicon = 1; return CLI_OK;
    case OPT_NO_GARBLE: c->no_garble = 1; return CLI_OK;
    case OPT_FAIL_ON:
        if (sv_severity_from_name(arg, &sev) < 0)
            return cli_usage_error("check", "--fail-on expects info, warning "
                                   "or error, not '%s'", arg);
        c->fail_on = (int)sev;
        return CLI_OK;
    default: return cli_usage_error("check", "internal: option %d", id);
    }
}

/* Primary language subtag, lowercase: "ru-RU" -> "ru". */
static void primary(const char *code, const char *fallback, char out[16])
{
    size_t i;

    if (!code || !*code)
        code = fallback;
    for (i = 0; i < 15 && code[i] && code[i] != '-' && code[i] != '_'; i++)
        out[i] = (char)(code[i] >= 'A' && code[i] <= 'Z' ? code[i] + 32
                                                         : code[i]);
    out[i] = '\0';
}

/* The aligner for a unit's language pair (made again when it changes). */
static int aligner_for(check_cmd *c, const sv_pair *p)
{
    sv_align_options opts = SV_ALIGN_OPTIONS_INIT;
    sv_error err = SV_ERROR_INIT;
    char s[16], t[16];

    primary(c->src_lang ? c->src_lang : *p->src_lang ? p->src_lang
                                                     : c->exp_src, "ru", s);
    primary(c->tgt_lang ? c->tgt_lang : *p->tgt_lang ? p->tgt_lang
                                                     : c->exp_tgt, "en", t);
    if (c->al && !strcmp(s, c->al_src) && !strcmp(t, c->al_tgt))
        return CLI_OK;
    sv_aligner_free(c->al);
    c->al = NULL;
    cli_garble_hook_close(&c->gh);
    if (!c->no_garble) {
        cli_garble_hook_open(&c->gh, c->res, c->ctx, t);
        cli_garble_hook_apply(&c->gh, &opts);
    }
    opts.src_lang = s;
    opts.tgt_lang = t;
    opts.no_lexicon = c->no_lexicon;
    if (sv_aligner_new(&c->al, &opts, c->res, &err) < 0)
        return cli_fail_err("check", &err);
    memcpy(c->al_src, s, sizeof(s));
    memcpy(c->al_tgt, t, sizeof(t));
    return CLI_OK;
}

/* The pair units are checked against: the options, else what the file
 * declares, else the first unit's (target: the first unit whose target
 * is in another language than the source).  In TMX the reader settles
 * the pair it picks tuvs by in the same order, and that is the pair. */
static void expected_pair(check_cmd *c, const sv_pair *p)
{
    char t[16];

    if (p->index == 0) {
        const char *ds = strcmp(p->doc_src_lang, "*all*") ? p->doc_src_lang
                                                           : "";

        primary(c->src_lang     ? c->src_lang
                : *p->pick_src_lang ? p->pick_src_lang
                : *ds               ? ds
                                    : p->src_lang, "", c->exp_src);
        primary(c->tgt_lang ? c->tgt_lang : p->doc_tgt_lang, "", c->exp_tgt);
    }
    if (!c->exp_tgt[0] && !c->tgt_lang) {
        primary(*p->pick_tgt_lang ? p->pick_tgt_lang : p->tgt_lang, "", t);
        if (strcmp(t, c->exp_src))
            memcpy(c->exp_tgt, t, sizeof(t));
    }
}

/* Count the unit once under each language its tuvs are in. */
static void tally_unit(lang_tally *lt, const sv_pair *p)
{
    size_t i, k;
    char code[16], prev[16];

    for (i = 0; i < p->nlangs; i++) {
        size_t j;
        int seen = 0;

        primary(p->langs[i], "", code);
        for (j = 0; j < i && !seen; j++) {
            primary(p->langs[j], "", prev);
            seen = !strcmp(prev, code);
        }
        if (!code[0] || seen)
            continue;
        for (k = 0; k < lt->n && strcmp(lt->code[k], code); k++)
            ;
        if (k == lt->n && lt->n == MAX_TALLY) {
            lt->more++;
            continue;
        }
        if (k == lt->n)
            memcpy(lt->code[lt->n++], code, sizeof(code));
        lt->units[k]++;
    }
}

/* How a side of the checked pair was chosen, for the note. */
static const char *side_origin(const check_cmd *c, int target)
{
    if (target)
        return c->tgt_lang ? "--tgt-lang"
                           : "the first other language in the file";
    return c->src_lang ? "--src-lang"
           : c->srclang_used ? "the header's srclang"
                             : "the first unit's first tuv";
}

/* One note per file whose TMX tuvs are in languages outside the checked
 * pair: which were skipped (in how many units) and which pair was
 * checked, with how it was chosen when the options did not give it.  Not
 * a finding: a multilingual memory is not a fault. */
static void note_languages(const check_cmd *c)
{
    const lang_tally *lt = &c->tally;
    char list[512];
    size_t k, used = 0, skipped = 0;

    list[0] = '\0';
    for (k = 0; k < lt->n && used < sizeof(list); k++) {
        if (!strcmp(lt->code[k], c->exp_src) || !strcmp(lt->code[k], c->exp_tgt))
            continue;
        used += (size_t)snprintf(list + used, sizeof(list) - used,
                                 "%s%s (%zu unit%s)", skipped ? ", " : "",
                                 lt->code[k], lt->units[k],
                                 lt->units[k] == 1 ? "" : "s");
        skipped++;
    }
    if ((!skipped && !lt->more) || c->common.quiet)
        return;
    if (lt->more && used < sizeof(list))
        snprintf(list + used, sizeof(list) - used, "%sfurther languages in "
                 "%zu units", skipped ? ", " : "", lt->more);
    if (c->src_lang && c->tgt_lang)
        cli_error("check", "%s: note: checked %s-%s; tuvs in other languages "
                  "skipped: %s", c->file, c->exp_src, c->exp_tgt, list);
    else
        cli_error("check", "%s: note: checked %s-%s (source: %s; target: %s; "
                  "choose with --src-lang and --tgt-lang); tuvs in other "
                  "languages skipped: %s", c->file, c->exp_src, c->exp_tgt,
                  side_origin(c, 0), side_origin(c, 1), list);
}

static int put(sv_buf *b, const char *s)
{
    return sv_buf_put(b, s, strlen(s));
}

static int on_flag(const sv_align_flag *f, void *payload)
{
    check_cmd *c = payload;
    char sev[8];
    int rc;

    snprintf(sev, sizeof(sev), "%d", (int)f->severity);
    if ((rc = put(&c->flags, sev)) < 0 || (rc = put(&c->flags, "\t")) < 0 ||
        (rc = put(&c->flags, f->code)) < 0 || (rc = put(&c->flags, "\t")) < 0 ||
        (rc = put(&c->flags, f->message)) < 0)
        return rc;
    if ((int)f->severity > c->max_sev)
        c->max_sev = (int)f->severity;
    c->nflags[f->severity]++;
    return sv_buf_put(&c->flags, "\n", 1);
}

/* One finding line in the chosen format. */
static int write_finding(check_cmd *c, const sv_pair *p, const char *line,
                         size_t len)
{
    const char *t1 = memchr(line, '\t', len);
    const char *t2 = t1 ? memchr(t1 + 1, '\t', len - (size_t)(t1 + 1 - line)) : NULL;
    const char *sev = sv_severity_name(line[0] - '0');
    char head[256];
    int rc;

    if (!t2)
        return SV_OK;
    if (c->format == 0) {
        snprintf(head, sizeof(head), "%s:%zu: unit %s: %s: %.*s: ", c->file,
                 p->line, *p->id ? p->id : "-", sev, (int)(t2 - t1 - 1), t1 + 1);
        if ((rc = put(&c->out, head)) < 0 ||
            (rc = sv_buf_put(&c->out, t2 + 1, len - (size_t)(t2 + 1 - line))) < 0)
            return rc;
        return put(&c->out, "\n");
    }
    snprintf(head, sizeof(head), "\t%zu\t", p->line);
    if ((rc = sv_tsv_append_field(&c->out, c->file, strlen(c->file))) < 0 ||
        (rc = put(&c->out, head)) < 0 ||
        (rc = sv_tsv_append_field(&c->out, p->id, strlen(p->id))) < 0 ||
        (rc = put(&c->out, "\t")) < 0 || (rc = put(&c->out, sev)) < 0 ||
        (rc = put(&c->out, "\t")) < 0 ||
        (rc = sv_buf_put(&c->out, t1 + 1, (size_t)(t2 - t1))) < 0 ||
        (rc = sv_tsv_append_field(&c->out, t2 + 1,
                                  len - (size_t)(t2 + 1 - line))) < 0 ||
        (rc = put(&c->out, "\t")) < 0 ||
        (rc = sv_tsv_append_field(&c->out, p->src, p->src_len)) < 0 ||
        (rc = put(&c->out, "\t")) < 0 ||
        (rc = sv_tsv_append_field(&c->out, p->tgt, p->tgt_len)) < 0)
        return rc;
    return put(&c->out, "\n");
}

static int write_json_unit(check_cmd *c, const sv_pair *p)
{
    char head[128];
    size_t pos = 0;
    int rc, first = 1;

    snprintf(head, sizeof(head), ",\"line\":%zu,\"id\":", p->line);
    if ((rc = put(&c->out, "{\"file\":")) < 0 ||
        (rc = sv_json_append_string(&c->out, c->file, strlen(c->file))) < 0 ||
        (rc = put(&c->out, head)) < 0 ||
        (rc = sv_json_append_string(&c->out, p->id, strlen(p->id))) < 0 ||
        (rc = put(&c->out, ",\"src\":")) < 0 ||
        (rc = sv_json_append_string(&c->out, p->src, p->src_len)) < 0 ||
        (rc = put(&c->out, ",\"tgt\":")) < 0 ||
        (rc = sv_json_append_string(&c->out, p->tgt, p->tgt_len)) < 0 ||
        (rc = put(&c->out, ",\"flags\":[")) < 0)
        return rc;
    while (pos < c->flags.size) {
        const char *line = c->flags.ptr + pos;
        const char *nl = memchr(line, '\n', c->flags.size - pos);
        const char *t1 = memchr(line, '\t', (size_t)(nl - line));
        const char *t2 = memchr(t1 + 1, '\t', (size_t)(nl - t1 - 1));

        if ((rc = put(&c->out, first ? "{\"code\":" : ",{\"code\":")) < 0 ||
            (rc = sv_json_append_string(&c->out, t1 + 1, (size_t)(t2 - t1 - 1))) < 0 ||
            (rc = put(&c->out, ",\"severity\":\"")) < 0 ||
            (rc = put(&c->out, sv_severity_name(line[0] - '0'))) < 0 ||
            (rc = put(&c->out, "\",\"message\":")) < 0 ||
            (rc = sv_json_append_string(&c->out, t2 + 1, (size_t)(nl - t2 - 1))) < 0 ||
            (rc = put(&c->out, "}")) < 0)
            return rc;
        first = 0;
        pos = (size_t)(nl - c->flags.ptr) + 1;
    }
    return put(&c->out, "]}\n");
}

static int on_pair(const sv_pair *p, void *payload)
{
    check_cmd *c = payload;
    size_t pos = 0;
    int rc;

    expected_pair(c, p);
    if (aligner_for(c, p) != CLI_OK) {
        c->failed = 1;
        return SV_EINVAL;
    }
    if (p->index == 0)
        c->srclang_used = !c->src_lang && *p->pick_src_lang &&
                          !strcmp(p->pick_src_lang, p->doc_src_lang);
    tally_unit(&c->tally, p);
    sv_buf_clear(&c->flags);
    if ((rc = sv_pair_check_langs(p, c->exp_src, c->exp_tgt, on_flag, c)) < 0)
        return rc;
    /* A TMX unit lacking a side of the pair has its language error; the
     * pair QA would only add "empty" findings on top of it. */
    if ((rc == 0 || !p->nlangs || (p->src_tuv && p->tgt_tuv)) &&
        (rc = sv_align_check_pair(c->al, c->ctx, p->src, p->src_len, p->tgt,
                                  p->tgt_len, on_flag, c)) < 0)
        return rc;
    c->units++;
    if (c->flags.size)
        c->flagged++;
    if (c->format == 2) {
        if ((c->flags.size || c->all) && (rc = write_json_unit(c, p)) < 0)
            return rc;
    } else {
        while (pos < c->flags.size) {
            const char *nl = memchr(c->flags.ptr + pos, '\n', c->flags.size - pos);

            if ((rc = write_finding(c, p, c->flags.ptr + pos,
                                    (size_t)(nl - c->flags.ptr) - pos)) < 0)
                return rc;
            pos = (size_t)(nl - c->flags.ptr) + 1;
        }
        if (c->all && !c->flags.size && c->format == 0) {
            char line[200];

            snprintf(line, sizeof(line), "%s:%zu: unit %s: ok\n", c->file,
                     p->line, *p->id ? p->id : "-");
            if ((rc = put(&c->out, line)) < 0)
                return rc;
        }
    }
    if (c->out.size >= 65536) {
        if (cli_output_write(c->o, c->out.ptr, c->out.size) != CLI_OK)
            return SV_EIO;
        sv_buf_clear(&c->out);
    }
    return 0;
}

static int check_file(check_cmd *c, const char *path)
{
    sv_error err = SV_ERROR_INIT;
    FILE *fp = stdin;
    int rc;

    sv_pairs_read_options ro = SV_PAIRS_READ_OPTIONS_INIT;

    c->file = cli_input_name(path);
    if (strcmp(path, "-") && !(fp = fopen(path, "rb"))) {
        cli_error("check", "%s: cannot open", path);
        return CLI_IOERR;
    }
    /* the same default as the other commands' records */
    ro.max_unit = c->common.max_record ? c->common.max_record
                                       : SV_READER_DEFAULT_MAX_RECORD;
    ro.src_lang = c->src_lang; /* TMX tuvs are picked by the pair */
    ro.tgt_lang = c->tgt_lang;
    memset(&c->tally, 0, sizeof(c->tally));
    rc = sv_pairs_read_ext(fp, path, &ro, on_pair, c, &err);
    if (fp != stdin)
        fclose(fp);
    if (rc >= 0 && !c->failed)
        note_languages(c);
    if (c->failed)
        return CLI_USAGE;
    if (rc < 0) {
        if (!err.message[0])
            snprintf(err.message, sizeof(err.message), "%s: %s", path,
                     sv_strerror(rc));
        err.code = rc;
        return cli_fail_err("check", &err);
    }
    return CLI_OK;
}

static int run(check_cmd *c)
{
    cli_output o;
    char sum[256];
    int i, rc;

    if ((rc = cli_output_open(&o, "check", c->common.output)) != CLI_OK)
        return rc;
    c->o = &o;
    if (c->format == 1)
        put(&c->out, "file\tline\tid\tseverity\tcode\tmessage\tsrc\ttgt\n");
    for (i = 0; i < c->common.nfiles && rc == CLI_OK; i++)
        rc = check_file(c, c->common.files[i]);
    if (rc == CLI_OK && c->format == 0) {
        snprintf(sum, sizeof(sum), "%zu unit%s checked, %zu with findings: "
                 "%zu errors, %zu warnings, %zu info\n", c->units,
                 c->units == 1 ? "" : "s", c->flagged, c->nflags[3],
                 c->nflags[2], c->nflags[1]);
        put(&c->out, sum);
    }
    if (rc == CLI_OK)
        rc = cli_output_write(&o, c->out.ptr ? c->out.ptr : "", c->out.size);
    if (rc == CLI_OK)
        rc = cli_output_commit(&o, "check");
    else
        cli_output_abort(&o);
    if (rc == CLI_OK && c->fail_on && c->max_sev >= c->fail_on)
        rc = CLI_FINDINGS;
    return rc;
}

int cmd_check(int argc, char **argv)
{
    check_cmd c;
    sv_error err = SV_ERROR_INIT;
    int rc;

    memset(&c, 0, sizeof(c));
    c.common.cmd = "check";
    c.common.record_mode = -1;
    rc = cli_parse(argc, argv, check_opts, apply, &c, &c.common, &help);
    if (rc == CLI_HELP_SHOWN)
        return CLI_OK;
    if (rc != CLI_OK)
        return rc;
    if (c.common.format) {
        if (!strcmp(c.common.format, "tsv"))
            c.format = 1;
        else if (!strcmp(c.common.format, "jsonl"))
            c.format = 2;
        else if (strcmp(c.common.format, "text"))
            return cli_usage_error("check", "--format %s is not supported "
                                   "here (text, tsv or jsonl)", c.common.format);
    }
    if (c.common.jsonl)
        c.format = 2;
    if (c.common.nfiles == 0)
        return cli_usage_error("check", "expected a TMX, XLIFF or TSV file");
    if ((rc = cli_open_resources(&c.common, SV_LOAD_DATA, &c.res)) != CLI_OK)
        return rc;
    if (sv_context_new(&c.ctx, c.res, &err) < 0)
        rc = cli_fail_err("check", &err);
    else
        rc = run(&c);
    sv_aligner_free(c.al);
    cli_garble_hook_close(&c.gh);
    sv_context_free(c.ctx);
    sv_resources_free(c.res);
    sv_buf_dispose(&c.out);
    sv_buf_dispose(&c.flags);
    return rc;
}
