/* SPDX-License-Identifier: MIT */
/*
 * sverka flag: score text for garbled machine translation and other broken
 * text with sv_garble_score() on -j threads; print each flagged unit with
 * its place, score, label and reasons, or add a "garble" member to JSON
 * Lines.  --train and --train-lm run the library's trainers.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <sverka/garble.h>

#include "cli.h"
#include "explain.h"

enum {
    OPT_LANG = 1, OPT_UNIT, OPT_THRESHOLD, OPT_SUSPECT, OPT_FAIL_ON,
    OPT_MODEL, OPT_LM, OPT_ALL, OPT_REASONS, OPT_TRAIN, OPT_TRAIN_LM,
    OPT_HUMAN, OPT_MT, OPT_NOTE, OPT_L2, OPT_TRAIN_WORDS, OPT_PAIRS,
    OPT_WORDS, OPT_FOLDS, OPT_LEARN, OPT_SOURCE_FIELD, OPT_SOURCE_LM
};

typedef struct flag_cmd {
    cli_common common;
    sv_garble_options opts;
    int fail_on;          /* label at which to exit 1; -1: never */
    int all;              /* print ok units too */
    const char *train, *human, *mt, *note;
    int train_lm, train_words;
    const char *pairs, *folds, *learn;
    const char *source_field; /* --source-field NAME, or NULL */
    const char *source_lm;    /* --source-lm FILE (training), or NULL */
    double l2;
    sv_resources *res;
    sv_garble_scorer *sc;
    size_t units, flagged[3];
} flag_cmd;

typedef struct worker {
    sv_context *ctx;
    sv_garble_result res;
    sv_buf member;
    sv_buf source; /* the record's --source-field */
} worker;

static const cli_opt opts_table[] = {
    {OPT_LANG, "lang", 0, "LANG", "language of the text: en (default) or ru"},
    {OPT_UNIT, "unit", 0, "UNIT",
     "what to score and report: sentence, paragraph (default) or document"},
    {OPT_THRESHOLD, "threshold", 0, "P",
     "garbled threshold, 0..1 (default: the model's, 0.5)"},
    {OPT_SUSPECT, "suspect", 0, "P",
     "suspect threshold, 0..1 (default: the model's, 0.4)"},
    {OPT_FAIL_ON, "fail-on", 0, "LABEL",
     "exit 1 when a unit is suspect or garbled (or worse)"},
    {OPT_ALL, "all", 0, NULL, "report every unit, ok ones too"},
    {OPT_REASONS, "reasons", 0, "N", "reasons per unit (default 3)"},
    {OPT_MODEL, "model", 0, "FILE",
     "garble model: a path, or a name in the data directory (default: "
     "garble_LANG.model; garble_en_ruen.model, garble_en_zhen.model: "
     "one translation direction)"},
    {OPT_LM, "lm", 0, "FILE",
     "character LM (default: the one the model names, next to it)"},
    {OPT_TRAIN, "train", 0, "TSV",
     "train a model from labeled TSV (columns label, text) into -o FILE"},
    {OPT_TRAIN_LM, "train-lm", 0, NULL,
     "train the character LMs from --human and --mt text into -o FILE"},
    {OPT_TRAIN_WORDS, "train-words", 0, NULL,
     "train word statistics from --pairs and --human into -o FILE"},
    {OPT_PAIRS, "pairs", 0, "TSV",
     "with --train-words: MT lines and their post-edits (columns mt, "
     "post_edit)"},
    {OPT_WORDS, "words", 0, "FILE",
     "word statistics (default: those the model names, next to it)"},
    {OPT_HUMAN, "human", 0, "FILE",
     "with --train-lm/--train-words: human text"},
    {OPT_MT, "mt", 0, "FILE", "with --train-lm: machine-translated text"},
    {OPT_NOTE, "note", 0, "TEXT",
     "with --train/--train-lm: what the data is, kept in the file header"},
    {OPT_L2, "l2", 0, "X", "with --train: L2 penalty (default 1)"},
    {OPT_FOLDS, "folds", 0, "DIR",
     "with --train: cross-fitting; a row of the TSV's 'fold' k is counted "
     "with DIR/foldk.lm and DIR/foldk.words, trained without its documents"},
    {OPT_SOURCE_FIELD, "source-field", 0, "NAME",
     "with --jsonl: the member holding each record's source text (Russian "
     "for --lang en: garble_en_source.model; English for ru), to weigh "
     "adequacy too"},
    {OPT_SOURCE_LM, "source-lm", 0, "FILE",
     "with --train and a 'source' column: the source language's character "
     "LM (e.g. garble_ru.lm), to weigh how unusual the source is"},
    {OPT_LEARN, "learn", 0, "LIST",
     "with --train: learn these hand-set features too (e.g. "
     "word-length,length for a one-domain model); -NAME holds a feature at "
     "weight 0 instead (e.g. -repeat-content)"},
    {0, NULL, 0, NULL, NULL}};

static const cli_help help = {
    "[OPTIONS] [FILE...]",
    "Find garbled machine translation and other broken text (untranslated\n"
    "fragments, mojibake residue, word salad, repetition loops, glued\n"
    "captions) without the source, and say why.  Each unit gets a score:\n"
    "the probability that it is garbled, calibrated on the development data\n"
    "(human judgements of MT), so 0.5 means \"as likely garbled as not\".\n"
    "Labels: ok < suspect threshold (0.4) <= suspect < garbled threshold\n"
    "(0.5, --threshold) <= garbled.  Reasons name the evidence: unknown\n"
    "words, foreign-script runs, odd characters, character-LM surprisal,\n"
    "article and preposition patterns, repetition, punctuation.\n"
    "Plain text is one record per file, scored by paragraph; --jsonl adds\n"
    "\"garble\": {score, label, reasons, sentences} to each object.\n"
    "Exit status: 0 ok, 1 a unit at or above --fail-on, 2 usage error,\n"
    "3 bad input, 4 I/O error or missing model.",
    "  sverka flag article.txt\n"
    "  sverka flag --unit sentence --fail-on garbled translated.txt\n"
    "  sverka flag --jsonl --field text < crawl.jsonl > scored.jsonl\n"
    "  sverka flag --train labeled.tsv --lang en -o garble_en.model\n",
    "Training TSV: a header line naming at least the columns 'label' (1,\n"
    "garbled or bad; 0, clean, ok or good; other rows skipped) and 'text'\n"
    "(TSV-escaped: \\t \\n \\\\); each row is one unit.  Optional columns:\n"
    "'weight' (the row's share of the distribution the scores are calibrated\n"
    "on), 'class_weight' (emphasis in the fit only: its average per class is\n"
    "taken back out of the bias, so 0.5 stays calibrated), 'fold' (with\n"
    "--folds), 'source' (the source text, for adequacy features), 'bow' (1 or\n"
    "0: the row's target for the word n-gram weights, learned from every row\n"
    "that has one and written next to the model as <model>-ngrams.words).\n"
    "Split training and test data by document, never by sentence."};

static int parse_prob(const char *name, const char *arg, double *out)
{
    char *end;
    double v = strtod(arg, &end);

    if (*end || !(v > 0 && v < 1))
        return cli_usage_error("flag", "--%s expects a number between 0 and "
                               "1, not '%s'", name, arg);
    *out = v;
    return CLI_OK;
}

static int apply(void *ctx, int id, const char *arg)
{
    flag_cmd *c = ctx;
    size_t n;

    switch (id) {
    case OPT_LANG:
        if (!strcmp(arg, "en"))
            c->opts.lang = SV_LANG_EN;
        else if (!strcmp(arg, "ru"))
            c->opts.lang = SV_LANG_RU;
        else
            return cli_usage_error("flag", "--lang expects en or ru, not "
                                   "'%s'", arg);
        return CLI_OK;
    case OPT_UNIT:
        if (!strcmp(arg, "sentence"))
            c->opts.unit = SV_GARBLE_SENTENCE;
        else if (!strcmp(arg, "paragraph"))
            c->opts.unit = SV_GARBLE_PARAGRAPH;
        else if (!strcmp(arg, "document"))
            c->opts.unit = SV_GARBLE_DOCUMENT;
        else
            return cli_usage_error("flag", "--unit expects sentence, "
                                   "paragraph or document, not '%s'", arg);
        return CLI_OK;
    case OPT_THRESHOLD: return parse_prob("threshold", arg, &c->opts.garbled);
    case OPT_SUSPECT: return parse_prob("suspect", arg, &c->opts.suspect);
    case OPT_FAIL_ON:
        if (!strcmp(arg, "suspect"))
            c->fail_on = SV_GARBLE_SUSPECT;
        else if (!strcmp(arg, "garbled"))
            c->fail_on = SV_GARBLE_GARBLED;
        else
            return cli_usage_error("flag", "--fail-on expects suspect or "
                                   "garbled, not '%s'", arg);
        return CLI_OK;
    case OPT_ALL: c->all = 1; return CLI_OK;
    case OPT_REASONS:
        if (cli_parse_size(arg, &n) != 0 || n > 20)
            return cli_usage_error("flag", "--reasons expects 0..20");
        c->opts.max_reasons = n ? (unsigned)n : 1;
        return CLI_OK;
    case OPT_MODEL: c->opts.model_path = arg; return CLI_OK;
    case OPT_LM: c->opts.lm_path = arg; return CLI_OK;
    case OPT_TRAIN: c->train = arg; return CLI_OK;
    case OPT_TRAIN_LM: c->train_lm = 1; return CLI_OK;
    case OPT_HUMAN: c->human = arg; return CLI_OK;
    case OPT_TRAIN_WORDS: c->train_words = 1; return CLI_OK;
    case OPT_PAIRS: c->pairs = arg; return CLI_OK;
    case OPT_FOLDS: c->folds = arg; return CLI_OK;
    case OPT_LEARN: c->learn = arg; return CLI_OK;
    case OPT_SOURCE_FIELD: c->source_field = arg; return CLI_OK;
    case OPT_SOURCE_LM: c->source_lm = arg; return CLI_OK;
    case OPT_WORDS: c->opts.words_path = arg; return CLI_OK;
    case OPT_MT: c->mt = arg; return CLI_OK;
    case OPT_NOTE: c->note = arg; return CLI_OK;
    case OPT_L2: {
        char *end;

        c->l2 = strtod(arg, &end);
        if (*end || !(c->l2 > 0))
            return cli_usage_error("flag", "--l2 expects a positive number");
        return CLI_OK;
    }
    default: return cli_usage_error("flag", "internal: option %d", id);
    }
}

static int init_worker(void **state, void *cmd)
{
    flag_cmd *c = cmd;
    worker *w = calloc(1, sizeof(*w));
    sv_garble_result init = SV_GARBLE_RESULT_INIT;
    int rc;

    if (!w)
        return SV_ENOMEM;
    w->res = init;
    if ((rc = cli_worker_context("flag", c->res, &w->ctx)) < 0) {
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
    sv_garble_result_dispose(&w->res);
    sv_buf_dispose(&w->member);
    sv_buf_dispose(&w->source);
    free(w);
}

/* Output is assembled in a line on the stack and put with one
 * sv_buf_put() per line (a put per piece costs a call, a grow check and a
 * terminator each: noticeable at one line per unit).  An error sticks. */
typedef struct line_buf {
    sv_buf *out;
    int rc;
    size_t n;
    char s[256];
} line_buf;

static void lb_init(line_buf *l, sv_buf *out)
{
    l->out = out;
    l->rc = SV_OK;
    l->n = 0;
}

static int lb_flush(line_buf *l)
{
    if (!l->rc && l->n)
        l->rc = sv_buf_put(l->out, l->s, l->n);
    l->n = 0;
    return l->rc;
}

static void lb_put(line_buf *l, const char *p, size_t len)
{
    if (l->n + len > sizeof(l->s)) {
        lb_flush(l);
        if (len > sizeof(l->s)) {
            if (!l->rc)
                l->rc = sv_buf_put(l->out, p, len);
            return;
        }
    }
    memcpy(l->s + l->n, p, len);
    l->n += len;
}

static void lb_str(line_buf *l, const char *s)
{
    lb_put(l, s, strlen(s));
}

static void lb_size(line_buf *l, size_t v)
{
    char num[24], *p = num + sizeof(num);

    do {
        *--p = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    lb_put(l, p, (size_t)(num + sizeof(num) - p));
}

/* v * scale rounded as printf's "%.*f" rounds (to nearest, ties to even,
 * on the exact binary value): fma gives the sign of v * scale - x
 * exactly, whatever the rounding of v * scale. */
static size_t round_scaled(double v, double scale)
{
    double c = floor(v * scale), tie;

    while (c > 0 && fma(v, scale, -c) < 0)
        c--;
    while (fma(v, scale, -(c + 1)) >= 0)
        c++;
    tie = fma(v, scale, -(c + 0.5));
    if (tie > 0 || (tie == 0 && fmod(c, 2) != 0))
        c++;
    return (size_t)c;
}

/* A score as "%.2f" or "%.4f" prints it, without printf's cost (one per
 * unit or sentence); outside [0, 1] (NaN, negative zero) via snprintf. */
static void lb_fixed(line_buf *l, double v, unsigned places)
{
    char num[48], *p = num + sizeof(num);
    size_t r;
    unsigned k;

    if (!(v >= 0 && v <= 1) || signbit(v) || (places != 2 && places != 4)) {
        lb_put(l, num, (size_t)snprintf(num, sizeof(num), "%.*f",
                                        (int)places, v));
        return;
    }
    r = round_scaled(v, places == 2 ? 100.0 : 10000.0);
    for (k = 0; k < places; k++, r /= 10)
        *--p = (char)('0' + r % 10);
    *--p = '.';
    *--p = (char)('0' + r); /* 0 or 1 */
    lb_put(l, p, (size_t)(num + sizeof(num) - p));
}

static void put_reason(line_buf *l, const sv_garble_reason *r, int first)
{
    lb_str(l, first ? "{\"code\":\"" : ",{\"code\":\"");
    lb_str(l, r->code);
    lb_str(l, "\",\"start\":");
    lb_size(l, r->start);
    lb_str(l, ",\"end\":");
    lb_size(l, r->end);
    lb_str(l, ",\"detail\":");
    if (!lb_flush(l))
        l->rc = sv_json_append_string(l->out, r->detail, strlen(r->detail));
    lb_str(l, "}");
}

/* {"start":S,"end":E,"score":P,"label":"L"}, after a comma unless first. */
static void put_sentence(line_buf *l, const sv_garble_span *s, int first)
{
    lb_str(l, first ? "{\"start\":" : ",{\"start\":");
    lb_size(l, s->start);
    lb_str(l, ",\"end\":");
    lb_size(l, s->end);
    lb_str(l, ",\"score\":");
    lb_fixed(l, s->score, 4);
    lb_str(l, ",\"label\":\"");
    lb_str(l, sv_garble_label_name(s->label));
    lb_str(l, "\"}");
}

/* The "garble" member: the record's score and label, the reasons of its
 * flagged units (or of the whole when no unit is flagged) and every
 * sentence's span, score and label. */
static int garble_member(sv_buf *b, const sv_garble_result *r)
{
    size_t i, first = r->doc_first_reason, count = r->doc_reason_count;
    line_buf l;

    if (r->doc_first_reason > 0) {
        first = 0; /* unit reasons come first in the array */
        count = r->doc_first_reason;
    }
    lb_init(&l, b);
    lb_str(&l, "\"garble\":{\"score\":");
    lb_fixed(&l, r->score, 4);
    lb_str(&l, ",\"label\":\"");
    lb_str(&l, sv_garble_label_name(r->label));
    lb_str(&l, "\",\"reasons\":[");
    for (i = 0; i < count; i++)
        put_reason(&l, &r->reasons[first + i], i == 0);
    lb_str(&l, "],\"sentences\":[");
    for (i = 0; i < r->sentence_count; i++)
        put_sentence(&l, &r->sentences[i], i == 0);
    lb_str(&l, "]}");
    return lb_flush(&l);
}

/* FILE:LINE:COL: LABEL SCORE (UNIT): TEXT, then a line per reason. */
static int report_unit(const flag_cmd *c, cli_job *j, cli_locator *loc,
                       const sv_garble_result *r, const sv_garble_span *u)
{
    static const char *const unit_name[] = {"sentence", "paragraph",
                                            "document"};
    size_t line, col, k;
    line_buf l;

    cli_locator_seek(loc, u->start, &line, &col);
    lb_init(&l, &j->out);
    lb_str(&l, j->file);
    lb_str(&l, ":");
    lb_size(&l, line);
    lb_str(&l, ":");
    lb_size(&l, col);
    lb_str(&l, ": ");
    lb_str(&l, sv_garble_label_name(u->label));
    lb_str(&l, " ");
    lb_fixed(&l, u->score, 2);
    lb_str(&l, " (");
    lb_str(&l, unit_name[c->opts.unit]);
    lb_str(&l, "): ");
    if (!lb_flush(&l))
        l.rc = cli_visible(&j->out, j->text + u->start, u->end - u->start,
                           70);
    lb_str(&l, "\n");
    for (k = 0; k < u->reason_count; k++) {
        const sv_garble_reason *re = &r->reasons[u->first_reason + k];

        lb_str(&l, "    ");
        lb_str(&l, re->code);
        lb_str(&l, ": ");
        lb_str(&l, re->detail);
        lb_str(&l, "\n");
    }
    return lb_flush(&l);
}

static int write_text(const flag_cmd *c, cli_job *j, const worker *w)
{
    cli_locator loc;
    size_t i;
    int rc = SV_OK;

    cli_locator_init(&loc, j->text, j->text_len, j->line);
    for (i = 0; i < w->res.unit_count && !rc; i++) {
        const sv_garble_span *u = &w->res.units[i];

        if (u->label != SV_GARBLE_OK || c->all)
            rc = report_unit(c, j, &loc, &w->res, u);
    }
    return rc;
}

static int write_jsonl(const flag_cmd *c, cli_job *j, worker *w)
{
    sv_error err = SV_ERROR_INIT;
    int rc;

    sv_buf_clear(&w->member);
    if ((rc = garble_member(&w->member, &w->res)) < 0)
        return rc;
    rc = sv_jsonl_rewrite(&j->out, j->raw, j->raw_len,
                          c->common.field ? c->common.field : "text",
                          j->text, j->text_len, w->member.ptr,
                          w->member.size, &err);
    if (rc < 0) {
        sv_buf_put(&j->report, err.message, strlen(err.message));
        return rc;
    }
    return sv_buf_put(&j->out, "\n", 1);
}

static int process(cli_job *j, void *state, void *cmd)
{
    flag_cmd *c = cmd;
    worker *w = state;
    sv_error err = SV_ERROR_INIT;
    size_t i;
    int rc, missing = 1;

    if (c->source_field && j->raw) {
        rc = sv_jsonl_field(&w->source, j->raw, j->raw_len, c->source_field,
                            1, &missing, &err);
        if (rc < 0) {
            fprintf(stderr, "sverka: %s:%zu: %s\n", j->file, j->line,
                    err.message);
            return rc;
        }
    }
    rc = sv_garble_score_source(c->sc, w->ctx, j->text, j->text_len,
                                missing ? NULL : w->source.ptr,
                                missing ? 0 : w->source.size, &w->res, &err);
    if (rc < 0) {
        fprintf(stderr, "sverka: %s:%zu: %s\n", j->file, j->line, err.message);
        return rc;
    }
    j->level = (int)w->res.label;
    j->stats[0] = w->res.unit_count;
    j->stats[1] = j->stats[2] = j->stats[3] = 0;
    for (i = 0; i < w->res.unit_count; i++) {
        sv_garble_label l = w->res.units[i].label;

        j->stats[1 + l]++;
        if ((int)l > j->level)
            j->level = (int)l;
    }
    return c->common.jsonl ? write_jsonl(c, j, w) : write_text(c, j, w);
}

static int in_order(cli_job *j, void *cmd)
{
    flag_cmd *c = cmd;

    c->units += j->stats[0];
    c->flagged[0] += j->stats[1];
    c->flagged[1] += j->stats[2];
    c->flagged[2] += j->stats[3];
    return 0;
}

static int run_train(flag_cmd *c)
{
    sv_garble_train_options to;
    sv_context *ctx = NULL;
    sv_error err = SV_ERROR_INIT;
    int rc;

    if (!c->common.output)
        return cli_usage_error("flag", "training needs -o FILE");
    if (c->train_words) {
        if (!c->pairs || !c->human)
            return cli_usage_error("flag", "--train-words needs --pairs TSV "
                                   "and --human FILE");
        rc = sv_garble_train_words(c->pairs, c->human, c->common.output,
                                   c->note, &err);
        return rc < 0 ? cli_fail_err("flag", &err) : CLI_OK;
    }
    if (c->train_lm) {
        if (!c->human || !c->mt)
            return cli_usage_error("flag", "--train-lm needs --human FILE "
                                   "and --mt FILE");
        rc = sv_garble_train_lm(c->human, c->mt, c->common.output, c->note,
                                &err);
        return rc < 0 ? cli_fail_err("flag", &err) : CLI_OK;
    }
    if ((rc = cli_open_resources(&c->common, c->opts.lang == SV_LANG_RU
                                                 ? SV_LOAD_SPELL_RU
                                                 : SV_LOAD_SPELL_EN,
                                 &c->res)) != CLI_OK)
        return rc;
    if (sv_context_new(&ctx, c->res, &err) < 0)
        return cli_fail_err("flag", &err);
    sv_garble_train_options_init(&to, SV_GARBLE_TRAIN_OPTIONS_VERSION);
    to.lang = c->opts.lang;
    to.lm_path = c->opts.lm_path;
    to.note = c->note;
    to.l2 = c->l2;
    to.words_path = c->opts.words_path;
    to.folds_dir = c->folds;
    to.learn = c->learn;
    to.source_lm_path = c->source_lm;
    rc = sv_garble_train(c->res, ctx, c->train, c->common.output, &to, &err);
    sv_context_free(ctx);
    return rc < 0 ? cli_fail_err("flag", &err) : CLI_OK;
}

static int setup(flag_cmd *c)
{
    sv_error err = SV_ERROR_INIT;
    int rc;

    if (c->common.format && !strcmp(c->common.format, "jsonl"))
        c->common.jsonl = 1;
    else if (c->common.format && strcmp(c->common.format, "text"))
        return cli_usage_error("flag", "--format %s is not supported here "
                               "(text or jsonl)", c->common.format);
    if (c->source_field && !c->common.jsonl)
        return cli_usage_error("flag", "--source-field needs --jsonl");
    /* with the Russian source at hand, the model fitted with it */
    if (c->source_field && !c->opts.model_path &&
        c->opts.lang != SV_LANG_RU)
        c->opts.model_path = "garble_en_source.model";
    /* the lexicon serves only the adequacy of a translation to its source */
    if ((rc = cli_open_resources_except(
             &c->common,
             c->opts.lang == SV_LANG_RU ? SV_LOAD_SPELL_RU : SV_LOAD_SPELL_EN,
             c->source_field ? 0 : SV_LOAD_LEXICON, &c->res)) != CLI_OK)
        return rc;
    if (sv_garble_scorer_new(&c->sc, c->res, &c->opts, &err) < 0)
        return cli_fail_err("flag", &err);
    return CLI_OK;
}

static void summary(const flag_cmd *c)
{
    if (c->common.quiet || c->common.jsonl)
        return;
    fprintf(stderr, "sverka: flag: %zu unit%s: %zu ok, %zu suspect, %zu "
            "garbled\n", c->units, c->units == 1 ? "" : "s", c->flagged[0],
            c->flagged[1], c->flagged[2]);
}

int cmd_flag(int argc, char **argv)
{
    flag_cmd c;
    cli_record_ops ops = {init_worker, fini_worker, process, in_order, NULL,
                          SV_RECORD_DOCUMENT, 0};
    cli_output out;
    int rc, level = 0;

    memset(&c, 0, sizeof(c));
    sv_garble_options_init(&c.opts, SV_GARBLE_OPTIONS_VERSION);
    c.fail_on = -1;
    c.common.cmd = "flag";
    c.common.record_mode = -1;
    c.common.argv0 = argv[0];
    rc = cli_parse(argc, argv, opts_table, apply, &c, &c.common, &help);
    if (rc == CLI_HELP_SHOWN)
        return CLI_OK;
    if (rc == CLI_OK && (c.train || c.train_lm || c.train_words)) {
        rc = run_train(&c);
        sv_resources_free(c.res);
        return rc;
    }
    if (rc == CLI_OK)
        rc = setup(&c);
    if (rc == CLI_OK && (rc = cli_output_open(&out, "flag",
                                              c.common.output)) == CLI_OK) {
        rc = cli_run_records(&c.common, &ops, &c, &out, &level);
        if (rc == CLI_OK)
            rc = cli_output_commit(&out, "flag");
        else
            cli_output_abort(&out);
    }
    if (rc == CLI_OK) {
        summary(&c);
        if (c.fail_on >= 0 && level >= c.fail_on)
            rc = CLI_FINDINGS;
    }
    sv_garble_scorer_free(c.sc);
    sv_resources_free(c.res);
    return rc;
}
