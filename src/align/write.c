/* SPDX-License-Identifier: MIT */
/*
 * Writers of an alignment that need no XML: readable text, TSV, JSONL and
 * Vecalign beads; TMX, XLIFF and the HTML report are written by the XML
 * writers in src/formats and dispatched from here.
 */
#include <stdio.h>
#include <string.h>

#include "align/align_internal.h"
#include "base/buf_internal.h"
#include "base/error_internal.h"
#include "formats/align_formats.h"
#include "sverka/io.h"

int sv_align_format_from_name(const char *name, sv_align_format *out)
{
    static const struct {
        const char *name;
        sv_align_format f;
    } names[] = {{"text", SV_ALIGN_FORMAT_TEXT}, {"tsv", SV_ALIGN_FORMAT_TSV},
                 {"jsonl", SV_ALIGN_FORMAT_JSONL},
                 {"beads", SV_ALIGN_FORMAT_BEADS},
                 {"tmx", SV_ALIGN_FORMAT_TMX},
                 {"xliff", SV_ALIGN_FORMAT_XLIFF12},
                 {"xliff12", SV_ALIGN_FORMAT_XLIFF12},
                 {"xliff1.2", SV_ALIGN_FORMAT_XLIFF12},
                 {"xliff2", SV_ALIGN_FORMAT_XLIFF20},
                 {"xliff20", SV_ALIGN_FORMAT_XLIFF20},
                 {"xliff2.0", SV_ALIGN_FORMAT_XLIFF20},
                 {"html", SV_ALIGN_FORMAT_HTML}};
    size_t i;

    if (!name || !out)
        return SV_EINVAL;
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (!strcmp(names[i].name, name)) {
            *out = names[i].f;
            return SV_OK;
        }
    }
    return SV_EINVAL;
}

/* Append s with line breaks and tabs as spaces. */
static int put_flat(sv_buf *out, const char *s, size_t len)
{
    size_t i, run = 0;
    int rc = SV_OK;

    for (i = 0; i < len && rc == SV_OK; i++) {
        char c = s[i];

        if (c == '\n' || c == '\r' || c == '\t') {
            rc = sv_buf_put(out, s + run, i - run);
            if (rc == SV_OK && !(c == '\n' && i > 0 && s[i - 1] == '\r'))
                rc = sv__buf_putc(out, ' ');
            run = i + 1;
        }
    }
    return rc == SV_OK ? sv_buf_put(out, s + run, len - run) : rc;
}

int sv_alignment_bead_text(const sv_alignment *a, size_t bead, int target,
                           sv_buf *out)
{
    const sv_align_bead *b = sv_alignment_bead(a, bead);
    const sv_align_sentence *s;
    const char *text;
    size_t first, count, k;
    int rc = SV_OK;

    if (!b || !out)
        return SV_EINVAL;
    s = target ? a->ts : a->ss;
    text = target ? a->tgt.ptr : a->src.ptr;
    first = target ? b->tgt_first : b->src_first;
    count = target ? b->tgt_count : b->src_count;
    for (k = first; k < first + count && rc == SV_OK; k++) {
        if (k > first)
            rc = sv__buf_putc(out, ' ');
        if (rc == SV_OK)
            rc = put_flat(out, text + s[k].start, s[k].end - s[k].start);
    }
    return rc;
}

/* "1-3" style sentence range, 1-based, or "-" for an empty side. */
static int put_range(sv_buf *out, size_t first, size_t count)
{
    if (count == 0)
        return sv__buf_puts(out, "-");
    if (count == 1)
        return sv__buf_printf(out, "%zu", first + 1);
    return sv__buf_printf(out, "%zu-%zu", first + 1, first + count);
}

static int write_text_bead(const sv_alignment *a, size_t k, sv_buf *out)
{
    const sv_align_bead *b = &a->beads[k];
    size_t f;
    int rc;

    if ((rc = sv__buf_printf(out, "#%zu  src ", k + 1)) < 0 ||
        (rc = put_range(out, b->src_first, b->src_count)) < 0 ||
        (rc = sv__buf_puts(out, " | tgt ")) < 0 ||
        (rc = put_range(out, b->tgt_first, b->tgt_count)) < 0 ||
        (rc = sv__buf_printf(out, "  (%zu-%zu, score %.2f, confidence %.2f)\n",
                             b->src_count, b->tgt_count, b->score,
                             b->confidence)) < 0)
        return rc;
    if (b->src_count && ((rc = sv__buf_puts(out, "  < ")) < 0 ||
                         (rc = sv_alignment_bead_text(a, k, 0, out)) < 0 ||
                         (rc = sv__buf_putc(out, '\n')) < 0))
        return rc;
    if (b->tgt_count && ((rc = sv__buf_puts(out, "  > ")) < 0 ||
                         (rc = sv_alignment_bead_text(a, k, 1, out)) < 0 ||
                         (rc = sv__buf_putc(out, '\n')) < 0))
        return rc;
    for (f = b->flag_first; f < b->flag_first + b->flag_count; f++) {
        const sv_align_flag *fl = &a->flags[f];

        if ((rc = sv__buf_printf(out, "  %s: %s: %s\n",
                                 sv_severity_name((int)fl->severity), fl->code,
                                 fl->message)) < 0)
            return rc;
    }
    return sv__buf_putc(out, '\n');
}

static int write_text(const sv_alignment *a, const sv_align_write_options *o,
                      sv_buf *out)
{
    size_t k;
    int rc = SV_OK;

    for (k = 0; k < a->nbeads && rc == SV_OK; k++)
        if (!o->flagged_only || a->beads[k].flag_count)
            rc = write_text_bead(a, k, out);
    if (rc == SV_OK)
        rc = sv__buf_printf(out, "%zu beads: %zu 1-1, %zu with an empty side, "
                            "%zu merged or split; %zu errors, %zu warnings, "
                            "%zu info\n", a->counts[0], a->counts[4],
                            a->counts[5], a->counts[6], a->counts[3],
                            a->counts[2], a->counts[1]);
    return rc;
}

/* "code:severity;code:severity" */
static int put_flag_list(const sv_alignment *a, const sv_align_bead *b,
                         sv_buf *out)
{
    size_t f;
    int rc = SV_OK;

    for (f = b->flag_first; f < b->flag_first + b->flag_count && rc == SV_OK;
         f++)
        rc = sv__buf_printf(out, "%s%s:%s", f > b->flag_first ? ";" : "",
                            a->flags[f].code,
                            sv_severity_name((int)a->flags[f].severity));
    return rc;
}

static int write_tsv(const sv_alignment *a, const sv_align_write_options *o,
                     sv_buf *out)
{
    sv_buf field = SV_BUF_INIT;
    size_t k;
    int rc = sv__buf_puts(out, "src\ttgt\tscore\tflags\n");

    for (k = 0; k < a->nbeads && rc == SV_OK; k++) {
        const sv_align_bead *b = &a->beads[k];

        if (o->flagged_only && !b->flag_count)
            continue;
        sv_buf_clear(&field);
        if ((rc = sv_alignment_bead_text(a, k, 0, &field)) < 0 ||
            (rc = sv_tsv_append_field(out, field.ptr ? field.ptr : "",
                                      field.size)) < 0)
            break;
        sv_buf_clear(&field);
        if ((rc = sv__buf_putc(out, '\t')) < 0 ||
            (rc = sv_alignment_bead_text(a, k, 1, &field)) < 0 ||
            (rc = sv_tsv_append_field(out, field.ptr ? field.ptr : "",
                                      field.size)) < 0 ||
            (rc = sv__buf_printf(out, "\t%.4f\t", b->score)) < 0 ||
            (rc = put_flag_list(a, b, out)) < 0)
            break;
        rc = sv__buf_putc(out, '\n');
    }
    sv_buf_dispose(&field);
    return rc;
}

static int put_ids(sv_buf *out, size_t first, size_t count)
{
    size_t i;
    int rc = sv__buf_putc(out, '[');

    for (i = 0; i < count && rc == SV_OK; i++)
        rc = sv__buf_printf(out, "%s%zu", i ? ", " : "", first + i);
    return rc == SV_OK ? sv__buf_putc(out, ']') : rc;
}

static int put_json_flags(const sv_alignment *a, const sv_align_bead *b,
                          sv_buf *out)
{
    size_t f;
    int rc = sv__buf_puts(out, ",\"flags\":[");

    for (f = b->flag_first; f < b->flag_first + b->flag_count && rc == SV_OK;
         f++) {
        const sv_align_flag *fl = &a->flags[f];

        if ((rc = sv__buf_printf(out, "%s{\"code\":\"%s\",\"severity\":\"%s\","
                                 "\"message\":", f > b->flag_first ? "," : "",
                                 fl->code,
                                 sv_severity_name((int)fl->severity))) < 0 ||
            (rc = sv_json_append_string(out, fl->message,
                                        strlen(fl->message))) < 0)
            break;
        rc = sv__buf_putc(out, '}');
    }
    return rc == SV_OK ? sv__buf_puts(out, "]}\n") : rc;
}

static int write_jsonl(const sv_alignment *a, const sv_align_write_options *o,
                       sv_buf *out)
{
    sv_buf field = SV_BUF_INIT;
    size_t k;
    int rc = SV_OK;

    for (k = 0; k < a->nbeads && rc == SV_OK; k++) {
        const sv_align_bead *b = &a->beads[k];

        if (o->flagged_only && !b->flag_count)
            continue;
        if ((rc = sv__buf_printf(out, "{\"bead\":%zu,\"src_ids\":", k)) < 0 ||
            (rc = put_ids(out, b->src_first, b->src_count)) < 0 ||
            (rc = sv__buf_puts(out, ",\"tgt_ids\":")) < 0 ||
            (rc = put_ids(out, b->tgt_first, b->tgt_count)) < 0 ||
            (rc = sv__buf_puts(out, ",\"src\":")) < 0)
            break;
        sv_buf_clear(&field);
        if ((rc = sv_alignment_bead_text(a, k, 0, &field)) < 0 ||
            (rc = sv_json_append_string(out, field.ptr ? field.ptr : "",
                                        field.size)) < 0 ||
            (rc = sv__buf_puts(out, ",\"tgt\":")) < 0)
            break;
        sv_buf_clear(&field);
        if ((rc = sv_alignment_bead_text(a, k, 1, &field)) < 0 ||
            (rc = sv_json_append_string(out, field.ptr ? field.ptr : "",
                                        field.size)) < 0 ||
            (rc = sv__buf_printf(out, ",\"score\":%.4f,\"confidence\":%.4f",
                                 b->score, b->confidence)) < 0)
            break;
        rc = put_json_flags(a, b, out);
    }
    sv_buf_dispose(&field);
    return rc;
}

static int write_beads(const sv_alignment *a, sv_buf *out)
{
    size_t k;
    int rc = SV_OK;

    for (k = 0; k < a->nbeads && rc == SV_OK; k++) {
        const sv_align_bead *b = &a->beads[k];

        if ((rc = put_ids(out, b->src_first, b->src_count)) < 0 ||
            (rc = sv__buf_putc(out, ':')) < 0 ||
            (rc = put_ids(out, b->tgt_first, b->tgt_count)) < 0)
            break;
        rc = sv__buf_printf(out, ":%.4f\n", b->score);
    }
    return rc;
}

int sv_alignment_write(const sv_aligner *al, const sv_alignment *a,
                       sv_align_format format,
                       const sv_align_write_options *opts, sv_buf *out,
                       sv_error *err)
{
    sv_align_write_options o = SV_ALIGN_WRITE_OPTIONS_INIT;
    int rc;

    SV_ASSERT_ARG(al && a && out);
    if (opts)
        o = *opts;
    switch (format) {
    case SV_ALIGN_FORMAT_TEXT: rc = write_text(a, &o, out); break;
    case SV_ALIGN_FORMAT_TSV: rc = write_tsv(a, &o, out); break;
    case SV_ALIGN_FORMAT_JSONL: rc = write_jsonl(a, &o, out); break;
    case SV_ALIGN_FORMAT_BEADS: rc = write_beads(a, out); break;
    case SV_ALIGN_FORMAT_TMX:
        return sv__fmt_tmx_write(a, al->src_code, al->tgt_code, &o, out, err);
    case SV_ALIGN_FORMAT_XLIFF12:
    case SV_ALIGN_FORMAT_XLIFF20:
        return sv__fmt_xliff_write(a, al->src_code, al->tgt_code,
                                   format == SV_ALIGN_FORMAT_XLIFF20, &o, out,
                                   err);
    case SV_ALIGN_FORMAT_HTML:
        return sv__fmt_html_write(a, al->src_code, al->tgt_code, &o, out, err);
    default:
        return sv__error_set(err, SV_EINVAL, "unknown alignment format %d",
                             (int)format);
    }
    if (rc == SV_ENOMEM)
        return sv__error_oom(err);
    return rc;
}
