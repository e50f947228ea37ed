/* SPDX-License-Identifier: MIT */
/*
 * The alignment report as one self-contained HTML page (no script, no
 * external resource): a summary of beads and findings at the top, then
 * the pairs side by side with paragraph and sentence numbers, flagged
 * pairs highlighted by severity.  Print CSS keeps rows whole on paper.
 */
#include <stdio.h>
#include <string.h>

#include "base/error_internal.h"
#include "formats/align_formats.h"

static const char style[] =
    "body{font:15px/1.45 system-ui,sans-serif;margin:1.5em;color:#111}"
    "h1{font-size:1.4em;margin:0 0 .3em}"
    ".files{color:#555;margin:0 0 1em}"
    "table{border-collapse:collapse;width:100%}"
    "th,td{border:1px solid #ccc;padding:.3em .45em;vertical-align:top;"
    "text-align:left}"
    "th{background:#f0f0f0}"
    "td.num{white-space:nowrap;color:#555;font-size:.85em}"
    "td.txt{width:38%}"
    "tr.sev-error td{background:#fde2e1}"
    "tr.sev-warning td{background:#fff3cd}"
    "tr.sev-info td{background:#e8f1fb}"
    "ul.flags{margin:.2em 0 0;padding-left:1.1em;font-size:.85em}"
    "li.error{color:#a40000}li.warning{color:#7a5200}li.info{color:#1b4f8a}"
    "table.summary{width:auto;margin-bottom:1.2em}"
    "@media print{body{margin:0;font-size:11px}tr{page-break-inside:avoid}"
    "thead{display:table-header-group}}";

static int cell(sv__xw *w, const char *cls, const char *text)
{
    int rc;

    if ((rc = sv__xw_start(w, "td")) < 0 ||
        (cls && (rc = sv__xw_attr(w, "class", cls)) < 0) ||
        (rc = sv__xw_text(w, text, strlen(text))) < 0)
        return rc;
    return sv__xw_end(w);
}

static int summary_row(sv__xw *w, const char *label, size_t value)
{
    char num[32];
    int rc;

    snprintf(num, sizeof(num), "%zu", value);
    if ((rc = sv__xw_start(w, "tr")) < 0 || (rc = sv__xw_elem(w, "th", label,
                                                             strlen(label))) < 0 ||
        (rc = cell(w, NULL, num)) < 0)
        return rc;
    return sv__xw_end(w);
}

static int write_summary(sv__xw *w, const sv_alignment *a)
{
    size_t c[7], ns, nt;
    int rc;

    sv_alignment_counts(a, c);
    sv_alignment_sentences(a, 0, &ns);
    sv_alignment_sentences(a, 1, &nt);
    if ((rc = sv__xw_start(w, "table")) < 0 ||
        (rc = sv__xw_attr(w, "class", "summary")) < 0 ||
        (rc = summary_row(w, "source sentences", ns)) < 0 ||
        (rc = summary_row(w, "target sentences", nt)) < 0 ||
        (rc = summary_row(w, "aligned pairs (beads)", c[0])) < 0 ||
        (rc = summary_row(w, "one-to-one", c[4])) < 0 ||
        (rc = summary_row(w, "missing or extra", c[5])) < 0 ||
        (rc = summary_row(w, "merged or split", c[6])) < 0 ||
        (rc = summary_row(w, "errors", c[3])) < 0 ||
        (rc = summary_row(w, "warnings", c[2])) < 0 ||
        (rc = summary_row(w, "info", c[1])) < 0)
        return rc;
    return sv__xw_end(w);
}

/* "¶2 · 3–4" : paragraph and sentence numbers (1-based) of a side. */
static void numbers(const sv_alignment *a, int target, size_t first,
                    size_t count, char *out, size_t size)
{
    size_t n;
    const sv_align_sentence *s = sv_alignment_sentences(a, target, &n);

    if (count == 0 || first >= n) {
        snprintf(out, size, "\xE2\x80\x94");
        return;
    }
    if (count == 1)
        snprintf(out, size, "\xC2\xB6%zu \xC2\xB7 %zu", s[first].paragraph + 1,
                 first + 1);
    else
        snprintf(out, size, "\xC2\xB6%zu \xC2\xB7 %zu\xE2\x80\x93%zu",
                 s[first].paragraph + 1, first + 1, first + count);
}

static int flag_list(sv__xw *w, const sv_alignment *a, const sv_align_bead *b)
{
    size_t f;
    int rc;

    if (!b->flag_count)
        return SV_OK;
    if ((rc = sv__xw_start(w, "ul")) < 0 || (rc = sv__xw_attr(w, "class", "flags")) < 0)
        return rc;
    for (f = b->flag_first; f < b->flag_first + b->flag_count; f++) {
        const sv_align_flag *fl = sv_alignment_flag(a, f);
        char line[400];
        int n = snprintf(line, sizeof(line), "%s: %s", fl->code, fl->message);

        if ((rc = sv__xw_start(w, "li")) < 0 ||
            (rc = sv__xw_attr(w, "class", sv_severity_name((int)fl->severity))) < 0 ||
            (rc = sv__xw_text(w, line, (size_t)n < sizeof(line) ? (size_t)n
                                                                : sizeof(line) - 1)) < 0 ||
            (rc = sv__xw_end(w)) < 0)
            return rc;
    }
    return sv__xw_end(w);
}

static int write_row(sv__xw *w, const sv_alignment *a, size_t k, sv_buf *s,
                     sv_buf *t)
{
    const sv_align_bead *b = sv_alignment_bead(a, k);
    char id[32], num[64], cls[32];
    int rc;

    sv_buf_clear(s);
    sv_buf_clear(t);
    if ((rc = sv_alignment_bead_text(a, k, 0, s)) < 0 ||
        (rc = sv_alignment_bead_text(a, k, 1, t)) < 0)
        return rc;
    snprintf(id, sizeof(id), "b%zu", k + 1);
    snprintf(cls, sizeof(cls), "sev-%s", b->severity ? sv_severity_name(b->severity)
                                                     : "none");
    if ((rc = sv__xw_start(w, "tr")) < 0 || (rc = sv__xw_attr(w, "id", id)) < 0 ||
        (rc = sv__xw_attr(w, "class", cls)) < 0)
        return rc;
    snprintf(num, sizeof(num), "%zu", k + 1);
    if ((rc = cell(w, "num", num)) < 0)
        return rc;
    numbers(a, 0, b->src_first, b->src_count, num, sizeof(num));
    if ((rc = cell(w, "num", num)) < 0 ||
        (rc = cell(w, "txt", s->ptr ? s->ptr : "")) < 0)
        return rc;
    numbers(a, 1, b->tgt_first, b->tgt_count, num, sizeof(num));
    if ((rc = cell(w, "num", num)) < 0 ||
        (rc = cell(w, "txt", t->ptr ? t->ptr : "")) < 0)
        return rc;
    snprintf(num, sizeof(num), "%.2f / %.2f", b->score, b->confidence);
    if ((rc = sv__xw_start(w, "td")) < 0 || (rc = sv__xw_attr(w, "class", "num")) < 0 ||
        (rc = sv__xw_text(w, num, strlen(num))) < 0 || (rc = flag_list(w, a, b)) < 0 ||
        (rc = sv__xw_end(w)) < 0)
        return rc;
    return sv__xw_end(w);
}

static int write_head(sv__xw *w, const sv_align_write_options *o)
{
    int rc;

    (void)o;
    if ((rc = sv__xw_raw(w, "<!DOCTYPE html>\n")) < 0 ||
        (rc = sv__xw_start(w, "html")) < 0 || (rc = sv__xw_start(w, "head")) < 0 ||
        (rc = sv__xw_raw(w, "<meta charset=\"utf-8\">")) < 0 ||
        (rc = sv__xw_elem(w, "title", "sverka alignment report", 23)) < 0 ||
        (rc = sv__xw_elem(w, "style", style, sizeof(style) - 1)) < 0)
        return rc;
    return sv__xw_end(w);
}

static int write_table_head(sv__xw *w, const char *sl, const char *tl)
{
    static const char *const cols[] = {"#", NULL, NULL, NULL, NULL,
                                       "score / confidence, findings"};
    char src_n[40], src_t[40], tgt_n[40], tgt_t[40];
    const char *names[6];
    int rc, i;

    snprintf(src_n, sizeof(src_n), "%s \xC2\xB6 \xC2\xB7 sentence", sl);
    snprintf(src_t, sizeof(src_t), "source (%s)", sl);
    snprintf(tgt_n, sizeof(tgt_n), "%s \xC2\xB6 \xC2\xB7 sentence", tl);
    snprintf(tgt_t, sizeof(tgt_t), "target (%s)", tl);
    names[0] = cols[0];
    names[1] = src_n;
    names[2] = src_t;
    names[3] = tgt_n;
    names[4] = tgt_t;
    names[5] = cols[5];
    if ((rc = sv__xw_start(w, "thead")) < 0 || (rc = sv__xw_start(w, "tr")) < 0)
        return rc;
    for (i = 0; i < 6; i++)
        if ((rc = sv__xw_elem(w, "th", names[i], strlen(names[i]))) < 0)
            return rc;
    if ((rc = sv__xw_end(w)) < 0)
        return rc;
    return sv__xw_end(w);
}

static int write_body(sv__xw *w, const sv_alignment *a, const char *sl,
                      const char *tl, const sv_align_write_options *o)
{
    sv_buf s = SV_BUF_INIT, t = SV_BUF_INIT;
    char files[600];
    size_t k, n = sv_alignment_bead_count(a);
    int rc;

    snprintf(files, sizeof(files), "%s (%s) \xE2\x86\x94 %s (%s)",
             o->src_name ? o->src_name : "source", sl,
             o->tgt_name ? o->tgt_name : "target", tl);
    if ((rc = sv__xw_start(w, "body")) < 0 ||
        (rc = sv__xw_elem(w, "h1", "Alignment report", 16)) < 0 ||
        (rc = sv__xw_start(w, "p")) < 0 || (rc = sv__xw_attr(w, "class", "files")) < 0 ||
        (rc = sv__xw_text(w, files, strlen(files))) < 0 || (rc = sv__xw_end(w)) < 0 ||
        (rc = write_summary(w, a)) < 0 || (rc = sv__xw_start(w, "table")) < 0 ||
        (rc = sv__xw_attr(w, "class", "pairs")) < 0 ||
        (rc = write_table_head(w, sl, tl)) < 0 || (rc = sv__xw_start(w, "tbody")) < 0)
        goto done;
    for (k = 0; k < n && rc == SV_OK; k++)
        if (!o->flagged_only || sv_alignment_bead(a, k)->flag_count)
            rc = write_row(w, a, k, &s, &t);
    if (rc == SV_OK && (rc = sv__xw_end(w)) == SV_OK) /* tbody */
        rc = sv__xw_end(w);                           /* table */
    if (rc == SV_OK)
        rc = sv__xw_end(w);                           /* body */
done:
    sv_buf_dispose(&s);
    sv_buf_dispose(&t);
    return rc;
}

int sv__fmt_html_write(const sv_alignment *a, const char *src_lang,
                       const char *tgt_lang, const sv_align_write_options *o,
                       sv_buf *out, sv_error *err)
{
    sv__xw *w = NULL;
    int rc;

    if ((rc = sv__xw_open(&w, 0, err)) < 0)
        return rc;
    if ((rc = write_head(w, o)) < 0 ||
        (rc = write_body(w, a, src_lang, tgt_lang, o)) < 0 ||
        (rc = sv__xw_end(w)) < 0) /* html */
        goto done;
    if ((rc = sv__xw_raw(w, "\n")) < 0)
        goto done;
    rc = sv__xw_close(w, out, err);
    w = NULL;
done:
    sv__xw_free(w);
    if (rc == SV_ENOMEM)
        return sv__error_oom(err);
    if (rc < 0 && err && !err->message[0])
        sv__error_set(err, rc, "HTML writer failed");
    return rc;
}
