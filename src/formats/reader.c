/* SPDX-License-Identifier: MIT */
/*
 * sv_reader: reads a stream in 64 KiB chunks, decodes it to UTF-8 (as is,
 * or through the ICU converter in src/lang/charset.c), and cuts records at
 * line feeds, so no UTF-8 sequence is ever split.  Only the unconsumed
 * tail is held, bounded by max_record (STYLE M4, S4).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf_internal.h"
#include "base/error_internal.h"
#include "base/utf8.h"
#include "formats/formats_internal.h"
#include "lang/charset.h"

/* Bytes read for charset detection before the first record. */
#define DETECT_SAMPLE ((size_t)64 * 1024)

enum { ENC_PENDING, ENC_UTF8, ENC_CONV };

struct sv_reader {
    sv_record_mode mode;
    char *field;
    size_t field_len;
    int auto_detect;
    int strict;
    int keep_invalid;       /* deliver invalid UTF-8 as it is (counted) */
    int unchecked;          /* keep_invalid without the check: the
                               consumer validates and counts */
    int missing_ok;
    size_t max_record;
    size_t chunk_size;

    /* Source: a stream or memory. */
    int opened;
    FILE *fp;
    const char *mem;
    size_t mem_len, mem_pos;
    char *name;
    int src_eof;            /* no raw bytes left */
    int eof;                /* decoded stream complete */
    int final_rc;           /* the error that ended the input, or 0 */
    size_t bytes_read;

    /* Decoding. */
    int enc;
    sv__charset_conv *conv;
    char enc_name[SV_CHARSET_NAME_SIZE];
    sv_buf raw;             /* raw chunk scratch */
    int conv_failed;        /* strict conversion stopped: error deferred */
    sv_error conv_err;

    /* Decoded, unconsumed UTF-8: in.ptr[start..in.size). */
    sv_buf in;
    size_t start;
    size_t base;            /* stream offset of in.ptr[0] */
    size_t scan_ls, scan;   /* no '\n' in [scan_ls, scan): memchr memo */
    size_t *subs;           /* stream offsets of converter U+FFFDs */
    size_t nsubs, subs_head, subs_cap;

    /* Position. */
    size_t line;            /* line number of in.ptr[start] */
    size_t index;
    size_t blank;
    int skipping;           /* discard up to the next '\n' (after ETOOBIG) */
    int doc_done;
    int ended;              /* sv_reader_next returned 0 */
    sv_buf gap;             /* blank lines before the next record */

    sv_buf text, scratch, scratch2;
    sv_error err;
    char errmsg[SV_ERROR_MESSAGE_SIZE + 128];
};

int sv_reader_options_init(sv_reader_options *opts, unsigned int version)
{
    static const sv_reader_options init = SV_READER_OPTIONS_INIT;

    SV_ASSERT_ARG(opts != NULL);
    if (version != SV_READER_OPTIONS_VERSION)
        return SV_EINVAL;
    *opts = init;
    return SV_OK;
}

void sv__reader_set_chunk_size(sv_reader *r, size_t n)
{
    r->chunk_size = n ? n : 1;
}

/* Fill r->err and the "NAME:LINE:COL: message" line. */
static int set_error(sv_reader *r, int code, size_t offset, size_t line,
                     size_t col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

static void format_errmsg(sv_reader *r)
{
    const sv_error *e = &r->err;
    const char *name = r->name ? r->name : "";

    if (e->line && e->column)
        snprintf(r->errmsg, sizeof(r->errmsg), "%s:%zu:%zu: %s", name,
                 e->line, e->column, e->message);
    else if (e->line)
        snprintf(r->errmsg, sizeof(r->errmsg), "%s:%zu: %s", name, e->line,
                 e->message);
    else
        snprintf(r->errmsg, sizeof(r->errmsg), "%s: %s", name, e->message);
}

static int set_error(sv_reader *r, int code, size_t offset, size_t line,
                     size_t col, const char *fmt, ...)
{
    va_list ap;

    r->err.code = code;
    r->err.byte_offset = offset;
    r->err.line = line;
    r->err.column = col;
    va_start(ap, fmt);
    vsnprintf(r->err.message, sizeof(r->err.message), fmt, ap);
    va_end(ap);
    format_errmsg(r);
    return code;
}

/* A final error: the input ends here; later calls return 0. */
static int fail(sv_reader *r, int code)
{
    if (code == SV_ENOMEM && r->err.code != SV_ENOMEM)
        set_error(r, SV_ENOMEM, 0, 0, 0, "out of memory");
    r->final_rc = code;
    return code;
}

static char *dup_str(const char *s)
{
    return s ? sv__strndup(s, strlen(s)) : NULL;
}

static int check_options(const sv_reader_options *o, sv_error *err)
{
    if (o->version != SV_READER_OPTIONS_VERSION)
        return sv__error_set(err, SV_EINVAL,
                             "unknown sv_reader_options version %u",
                             o->version);
    if (o->mode < SV_RECORD_LINE || o->mode > SV_RECORD_DOCUMENT)
        return sv__error_set(err, SV_EINVAL, "unknown record mode %d",
                             (int)o->mode);
    if (o->field && !o->field[0])
        return sv__error_set(err, SV_EINVAL, "the JSONL field name is empty");
    return SV_OK;
}

/* Resolve the encoding option: UTF-8, auto, or a converter (opened now so
 * an unknown name fails at construction). */
static int setup_encoding(sv_reader *r, const char *enc, sv_error *err)
{
    if (!enc || sv__charset_is_utf8(enc)) {
        r->enc = ENC_UTF8;
        memcpy(r->enc_name, "UTF-8", 6);
        return SV_OK;
    }
    if (strcmp(enc, "auto") == 0 || strcmp(enc, "AUTO") == 0) {
        r->auto_detect = 1;
        r->enc = ENC_PENDING;
        return SV_OK;
    }
    r->enc = ENC_CONV;
    snprintf(r->enc_name, sizeof(r->enc_name), "%s", enc);
    return sv__charset_conv_new(&r->conv, enc, r->strict, err);
}

int sv_reader_new(sv_reader **out, const sv_reader_options *opts,
                  sv_error *err)
{
    static const sv_reader_options defaults = SV_READER_OPTIONS_INIT;
    sv_reader *r = NULL;
    const char *field;
    int rc;

    SV_ASSERT_ARG(out != NULL);
    *out = NULL;
    if (!opts)
        opts = &defaults;
    if ((rc = check_options(opts, err)) < 0)
        return rc;
    if ((r = sv__calloc(1, sizeof(*r))) == NULL)
        return sv__error_oom(err);
    r->mode = opts->mode;
    r->strict = opts->strict_utf8 != 0;
    r->keep_invalid = opts->keep_invalid != 0 && opts->mode != SV_RECORD_JSONL;
    r->unchecked = r->keep_invalid && !r->strict && opts->unchecked_utf8 != 0;
    r->missing_ok = opts->missing_ok != 0;
    r->max_record = opts->max_record ? opts->max_record
                                     : SV_READER_DEFAULT_MAX_RECORD;
    r->chunk_size = SV_READER_CHUNK_SIZE;
    field = opts->field ? opts->field : "text";
    if ((r->field = dup_str(field)) == NULL) {
        rc = sv__error_oom(err);
        goto done;
    }
    r->field_len = strlen(field);
    if ((rc = setup_encoding(r, opts->encoding, err)) < 0)
        goto done;
    *out = r;
done:
    if (rc < 0)
        sv_reader_free(r);
    return rc;
}

static int start_input(sv_reader *r, const char *name)
{
    char *n = dup_str(name);

    if (!n)
        return SV_ENOMEM;
    sv__free(r->name);
    r->name = n;
    r->opened = 1;
    r->src_eof = r->eof = r->final_rc = 0;
    r->bytes_read = 0;
    r->conv_failed = 0;
    sv_buf_clear(&r->in);
    r->start = r->base = r->scan_ls = r->scan = 0;
    r->nsubs = r->subs_head = 0;
    r->line = 1;
    r->index = r->blank = 0;
    r->skipping = r->doc_done = r->ended = 0;
    sv_buf_clear(&r->gap);
    sv_error_clear(&r->err);
    r->errmsg[0] = '\0';
    if (r->auto_detect) {
        sv__charset_conv_free(r->conv);
        r->conv = NULL;
        r->enc = ENC_PENDING;
        r->enc_name[0] = '\0';
    } else if (r->conv) {
        sv__charset_conv_reset(r->conv);
    }
    return SV_OK;
}

int sv_reader_open(sv_reader *r, FILE *fp, const char *name)
{
    SV_ASSERT_ARG(r != NULL && fp != NULL);
    if (!name || strcmp(name, "-") == 0)
        name = "<stdin>";
    r->fp = fp;
    r->mem = NULL;
    return start_input(r, name) < 0 ? fail(r, SV_ENOMEM) : SV_OK;
}

int sv_reader_open_memory(sv_reader *r, const char *data, size_t len,
                          const char *name)
{
    SV_ASSERT_ARG(r != NULL && (data != NULL || len == 0));
    r->fp = NULL;
    r->mem = data ? data : "";
    r->mem_len = len;
    r->mem_pos = 0;
    return start_input(r, name ? name : "<memory>") < 0 ? fail(r, SV_ENOMEM)
                                                         : SV_OK;
}

/* Append up to @want raw bytes to @to (r->raw, or r->in directly for
 * UTF-8 input, saving a copy); sets src_eof at the end. */
static int read_raw(sv_reader *r, sv_buf *to, size_t want)
{
    size_t got;
    int rc;

    if ((rc = sv__buf_grow(to, want)) < 0)
        return rc;
    if (r->fp) {
        got = fread(to->ptr + to->size, 1, want, r->fp);
        if (got < want && ferror(r->fp))
            return set_error(r, SV_EIO, r->bytes_read + got, 0, 0,
                             "read failed after byte %zu",
                             r->bytes_read + got);
        if (got < want)
            r->src_eof = 1;
    } else {
        got = r->mem_len - r->mem_pos < want ? r->mem_len - r->mem_pos : want;
        memcpy(to->ptr + to->size, r->mem + r->mem_pos, got);
        r->mem_pos += got;
        if (r->mem_pos == r->mem_len)
            r->src_eof = 1;
    }
    to->size += got;
    to->ptr[to->size] = '\0';
    r->bytes_read += got;
    return SV_OK;
}

/* Drop consumed bytes once they are the larger part of the buffer. */
static void compact(sv_reader *r)
{
    size_t n = r->start;

    if (n == 0 || n < r->in.size - n)
        return;
    memmove(r->in.ptr, r->in.ptr + n, r->in.size - n);
    r->in.size -= n;
    r->in.ptr[r->in.size] = '\0';
    r->base += n;
    r->scan_ls = r->scan_ls >= n ? r->scan_ls - n : 0;
    r->scan = r->scan >= n ? r->scan - n : 0;
    r->start = 0;
}

/* Where a strict conversion stopped: after the decoded text in r->in. */
static void locate_conv_error(sv_reader *r, const sv_error *e)
{
    const char *s = r->in.ptr ? r->in.ptr + r->start : "";
    size_t n = r->in.size - r->start, line = r->line, ls = 0, i;

    for (i = 0; i < n; i++)
        if (s[i] == '\n') {
            line++;
            ls = i + 1;
        }
    r->conv_err = *e;
    r->conv_err.line = line;
    r->conv_err.column = sv__utf8_count_cp(s + ls, n - ls) + 1;
}

/* Run the converter over r->raw; a strict stop is kept for later so the
 * records before it are still delivered. */
static int convert_raw(sv_reader *r)
{
    size_t n, k;
    const size_t *pos;
    sv_error e = SV_ERROR_INIT;
    int rc;

    rc = sv__charset_conv_run(r->conv, r->raw.ptr, r->raw.size, r->src_eof,
                              &r->in, &e);
    if (rc == SV_EILSEQ) {
        locate_conv_error(r, &e);
        r->conv_failed = 1;
        r->eof = 1;
        return SV_OK;
    }
    if (rc < 0) {
        r->err = e;
        format_errmsg(r);
        return rc;
    }
    n = sv__charset_conv_subs(r->conv, &pos);
    for (k = 0; k < n; k++) {
        if (r->nsubs == r->subs_cap) {
            size_t ncap = r->subs_cap ? r->subs_cap * 2 : 64;
            size_t *p = sv__realloc(r->subs, ncap * sizeof(*p));

            if (!p)
                return SV_ENOMEM;
            r->subs = p;
            r->subs_cap = ncap;
        }
        r->subs[r->nsubs++] = r->base + pos[k];
    }
    return SV_OK;
}

/* First read with "auto": a sample large enough for ucsdet decides. */
static int detect(sv_reader *r)
{
    sv_error e = SV_ERROR_INIT;
    int rc;

    while (r->raw.size < DETECT_SAMPLE && !r->src_eof)
        if ((rc = read_raw(r, &r->raw, r->chunk_size)) < 0)
            return rc;
    rc = sv__charset_detect(r->raw.ptr ? r->raw.ptr : "", r->raw.size,
                            r->src_eof, r->enc_name, NULL, &e);
    if (rc == SV_OK && strcmp(r->enc_name, "UTF-8") == 0) {
        r->enc = ENC_UTF8;
        return SV_OK;
    }
    if (rc == SV_OK)
        rc = sv__charset_conv_new(&r->conv, r->enc_name, r->strict, &e);
    if (rc < 0) {
        r->err = e;
        r->err.line = r->err.column = 0;
        format_errmsg(r);
        return rc;
    }
    r->enc = ENC_CONV;
    return SV_OK;
}

/* Read and decode one more chunk into r->in. */
static int fill(sv_reader *r)
{
    int rc;

    compact(r);
    if (r->enc == ENC_UTF8) {
        rc = read_raw(r, &r->in, r->chunk_size);
    } else {
        sv_buf_clear(&r->raw);
        rc = r->enc == ENC_PENDING ? detect(r)
                                   : read_raw(r, &r->raw, r->chunk_size);
        /* Auto may have found UTF-8: the sample is then taken as is. */
        if (rc == SV_OK && r->enc == ENC_CONV)
            rc = convert_raw(r);
        else if (rc == SV_OK)
            rc = sv_buf_put(&r->in, r->raw.ptr ? r->raw.ptr : "",
                            r->raw.size);
    }
    if (rc < 0)
        return rc;
    if (r->src_eof)
        r->eof = 1;
    return SV_OK;
}

/* The deferred strict-conversion error, once the text before it is used. */
static int conv_error(sv_reader *r)
{
    r->err = r->conv_err;
    format_errmsg(r);
    return fail(r, SV_EILSEQ);
}

/* Find the line starting @rel bytes after r->start.  1: it has *len bytes
 * and *nl tells whether a '\n' ends it; 0: no more input; < 0: an error,
 * SV_ETOOBIG (no message yet) when more than max_record bytes are pending
 * without a line feed. */
static int find_line(sv_reader *r, size_t rel, size_t *len, int *nl)
{
    int rc;

    for (;;) {
        size_t ls = r->start + rel;
        size_t from = r->scan_ls == ls && r->scan > ls ? r->scan : ls;
        const char *p = NULL;

        if (from < r->in.size)
            p = memchr(r->in.ptr + from, '\n', r->in.size - from);
        if (p) {
            *len = (size_t)(p - r->in.ptr) - ls;
            *nl = 1;
            return 1;
        }
        r->scan_ls = ls;
        r->scan = r->in.size;
        if (r->eof) {
            if (r->conv_failed)
                return conv_error(r);
            *len = r->in.size > ls ? r->in.size - ls : 0;
            *nl = 0;
            return *len > 0;
        }
        if (r->in.size - r->start > r->max_record)
            return SV_ETOOBIG;
        if ((rc = fill(r)) < 0)
            return fail(r, rc);
    }
}

static int too_big(sv_reader *r, size_t line, int skip_rest_of_line)
{
    set_error(r, SV_ETOOBIG, r->base + r->start, line, 1,
              "record longer than %zu bytes (the max_record limit)",
              r->max_record);
    r->skipping = skip_rest_of_line;
    return SV_ETOOBIG;
}

static void drop_subs(sv_reader *r);

/* After a too-long line: drop everything up to and including its '\n'. */
static int skip_rest(sv_reader *r)
{
    int rc;

    for (;;) {
        const char *p = NULL;

        if (r->start < r->in.size)
            p = memchr(r->in.ptr + r->start, '\n', r->in.size - r->start);
        if (p) {
            r->start = (size_t)(p - r->in.ptr) + 1;
            r->line++;
            r->skipping = 0;
            return SV_OK;
        }
        r->start = r->in.size;
        drop_subs(r);
        if (r->eof) {
            r->skipping = 0;
            return r->conv_failed ? conv_error(r) : SV_OK;
        }
        if ((rc = fill(r)) < 0)
            return fail(r, rc);
    }
}

/* Converter substitutions in stream bytes [a, b): count and first. */
static size_t take_subs(sv_reader *r, size_t a, size_t b, size_t *first)
{
    size_t n = 0;

    while (r->subs_head < r->nsubs && r->subs[r->subs_head] < b) {
        size_t p = r->subs[r->subs_head++];

        if (p >= a && n++ == 0)
            *first = p;
    }
    if (r->subs_head == r->nsubs)
        r->subs_head = r->nsubs = 0;
    return n;
}

/* Forget the substitutions in bytes already discarded, so skipping a
 * huge bad line does not pile them up. */
static void drop_subs(sv_reader *r)
{
    size_t unused;

    (void)take_subs(r, SIZE_MAX, r->base + r->start, &unused);
}

static size_t count_nul(const char *s, size_t len)
{
    const char *end = s + len, *p = s;
    size_t n = 0;

    while (p < end && (p = memchr(p, '\0', (size_t)(end - p))) != NULL) {
        n++;
        p++;
    }
    return n;
}

/* Strict mode: locate the first invalid byte of s (bad bytes in) for the
 * message; the record starts at @line and stream offset @off. */
static int utf8_error(sv_reader *r, const char *s, size_t bad, size_t line,
                      size_t off)
{
    size_t ls = 0, i;

    for (i = 0; i < bad; i++)
        if (s[i] == '\n') {
            line++;
            ls = i + 1;
        }
    return set_error(r, SV_EILSEQ, off + bad, line,
                     sv__utf8_count_cp(s + ls, bad - ls) + 1,
                     "invalid UTF-8 at byte %zu", off + bad);
}

/* Fill rec's text from in.ptr[a..a+len): in place when valid (NUL written
 * over the consumed '\n' or at the buffer's end), else sanitized. */
static int make_text(sv_reader *r, sv_record *rec, size_t a, size_t len,
                     size_t line)
{
    size_t off = r->base + a, ok, n = 0, first = SIZE_MAX;
    char *s;
    int rc;

    if ((rc = sv__buf_grow(&r->in, 0)) < 0)
        return rc;
    s = r->in.ptr + a;
    rec->first_invalid = SIZE_MAX;
    rec->invalid_utf8 = take_subs(r, off, off + len, &rec->first_invalid);
    ok = r->unchecked ? len : sv__utf8_valid_prefix(s, len);
    if (ok < len && r->strict)
        return utf8_error(r, s, ok, line, off);
    if (ok == len) {
        s[len] = '\0';
        rec->text = s;
    } else {
        sv_buf_clear(&r->text);
        if ((rc = sv__utf8_sanitize(&r->text, s, len, &n, &first)) < 0)
            return rc;
        rec->invalid_utf8 += n;
        if (off + first < rec->first_invalid)
            rec->first_invalid = off + first;
        if (r->keep_invalid) { /* counted; the caller replaces them */
            s[len] = '\0';
            rec->text = s;
        } else {
            rec->text = r->text.ptr;
            len = r->text.size;
        }
    }
    rec->text_len = len;
    rec->raw = rec->text;
    rec->raw_len = len;
    rec->nul_count = count_nul(rec->text, len);
    rec->offset = off;
    rec->line = line;
    rec->line_count = 1;
    return SV_OK;
}

/* Blank for paragraphs and JSONL: only space, tab, CR, FF, VT. */
static int is_blank(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' &&
            s[i] != '\v')
            return 0;
    return 1;
}

/* Take the next line off the buffer: *a its start, *line its number. */
static int take_line(sv_reader *r, size_t *a, size_t *len, int *nl,
                     size_t *line)
{
    int rc;

    if (r->skipping && (rc = skip_rest(r)) < 0)
        return rc;
    rc = find_line(r, 0, len, nl);
    if (rc == SV_ETOOBIG)
        return too_big(r, r->line, 1);
    if (rc <= 0)
        return rc;
    *a = r->start;
    r->start += *len + (size_t)*nl;
    *line = r->line++;
    if (*len > r->max_record)
        return set_error(r, SV_ETOOBIG, r->base + *a, *line, 1,
                         "record longer than %zu bytes (the max_record "
                         "limit)", r->max_record);
    return 1;
}

static int next_line(sv_reader *r, sv_record *rec)
{
    size_t a, len, line;
    int nl, rc;

    if ((rc = take_line(r, &a, &len, &nl, &line)) <= 0)
        return rc;
    if ((rc = make_text(r, rec, a, len, line)) < 0)
        return rc;
    rec->has_newline = nl;
    return 1;
}

/* Extend the paragraph that starts at r->start (its first line is *last
 * bytes long) over the following non-blank lines. */
static int collect_paragraph(sv_reader *r, size_t *last, int *nl,
                             size_t *nlines)
{
    size_t rel = *last + (size_t)*nl, len;
    int nl2, rc;

    while (*nl) {
        rc = find_line(r, rel, &len, &nl2);
        if (rc == SV_ETOOBIG || (rc > 0 && rel + len > r->max_record))
            return fail(r, too_big(r, r->line, 0));
        if (rc < 0)
            return rc;
        if (rc == 0 || is_blank(r->in.ptr + r->start + rel, len))
            break;
        *last = rel + len;
        *nl = nl2;
        rel += len + (size_t)nl2;
        (*nlines)++;
    }
    return SV_OK;
}

/* Keep skipped blank bytes in[a..a+n) for sv_record::gap (bounded by
 * max_record like any record). */
static int keep_gap(sv_reader *r, size_t a, size_t n)
{
    if (r->gap.size + n > r->max_record)
        return fail(r, too_big(r, r->line, 0));
    return sv_buf_put(&r->gap, r->in.ptr + a, n);
}

static int next_paragraph(sv_reader *r, sv_record *rec)
{
    size_t len, nlines = 1, a, line;
    int nl, rc;

    sv_buf_clear(&r->gap);
    for (;;) {
        rc = find_line(r, 0, &len, &nl);
        if (rc == SV_ETOOBIG || (rc > 0 && len > r->max_record))
            return fail(r, too_big(r, r->line, 0));
        if (rc <= 0)
            return rc;
        if (!is_blank(r->in.ptr + r->start, len))
            break;
        if ((rc = keep_gap(r, r->start, len + (size_t)nl)) < 0)
            return rc;
        r->start += len + (size_t)nl;
        r->line++;
    }
    if ((rc = collect_paragraph(r, &len, &nl, &nlines)) < 0)
        return rc;
    a = r->start;
    line = r->line;
    r->start += len + (size_t)nl;
    r->line += nlines;
    if ((rc = make_text(r, rec, a, len, line)) < 0)
        return rc;
    rec->has_newline = nl;
    rec->line_count = nlines;
    rec->gap = r->gap.ptr ? r->gap.ptr : "";
    rec->gap_len = r->gap.size;
    return 1;
}

static size_t count_lines(const char *s, size_t len)
{
    const char *end = s + len, *p = s;
    size_t n = 1;

    while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        p++;
        if (p < end)
            n++;
    }
    return n;
}

static int next_document(sv_reader *r, sv_record *rec)
{
    size_t a, len;
    int rc;

    if (r->doc_done)
        return 0;
    while (!r->eof) {
        if (r->in.size - r->start > r->max_record)
            return fail(r, too_big(r, 1, 0));
        if ((rc = fill(r)) < 0)
            return fail(r, rc);
    }
    if (r->conv_failed)
        return conv_error(r);
    len = r->in.size - r->start;
    if (len > r->max_record)
        return fail(r, too_big(r, 1, 0));
    r->doc_done = 1;
    a = r->start;
    r->start = r->in.size;
    if ((rc = make_text(r, rec, a, len, 1)) < 0)
        return rc;
    rec->line_count = count_lines(rec->text, rec->text_len);
    return 1;
}

/* Keep the sanitized line (if make_text put it in r->text) out of the way
 * of the decoded field value. */
static void park_raw(sv_reader *r, sv_record *rec)
{
    if (rec->raw == r->text.ptr && r->text.ptr) {
        sv__buf_swap(&r->text, &r->scratch2);
        rec->raw = r->scratch2.ptr;
    }
}

static int next_jsonl(sv_reader *r, sv_record *rec)
{
    size_t a, len, line;
    sv_error e = SV_ERROR_INIT;
    int nl, rc, missing = 0;

    sv_buf_clear(&r->gap);
    for (;;) {
        if ((rc = take_line(r, &a, &len, &nl, &line)) <= 0)
            return rc;
        if (r->base + a == 0 && len >= 3 &&
            memcmp(r->in.ptr, "\xEF\xBB\xBF", 3) == 0) {
            if ((rc = keep_gap(r, a, 3)) < 0)
                return rc;
            a += 3; /* RFC 8259 s8.1: a parser may ignore a BOM */
            len -= 3;
        }
        if (!is_blank(r->in.ptr + a, len))
            break;
        if ((rc = keep_gap(r, a, len + (size_t)nl)) < 0)
            return rc;
        r->blank++;
    }
    if ((rc = make_text(r, rec, a, len, line)) < 0)
        return rc;
    park_raw(r, rec);
    rc = sv__jsonl_extract(rec->raw, rec->raw_len, r->field, r->field_len,
                           r->missing_ok, &r->text, &r->scratch, &missing,
                           &e);
    if (rc == SV_ENOMEM)
        return rc;
    if (rc < 0)
        return set_error(r, rc, rec->offset + e.byte_offset, line, e.column,
                         "%s", e.message);
    rec->text = r->text.ptr;
    rec->text_len = r->text.size;
    rec->nul_count = count_nul(rec->text, rec->text_len);
    rec->field_missing = missing;
    rec->has_newline = nl;
    rec->gap = r->gap.ptr ? r->gap.ptr : "";
    rec->gap_len = r->gap.size;
    return 1;
}

int sv_reader_next(sv_reader *r, sv_record *rec)
{
    int rc;

    SV_ASSERT_ARG(r != NULL && rec != NULL);
    memset(rec, 0, sizeof(*rec));
    rec->first_invalid = SIZE_MAX;
    rec->gap = "";
    if (!r->opened)
        return set_error(r, SV_EINVAL, 0, 0, 0, "no input is open");
    if (r->final_rc || r->ended)
        return 0; /* the input ended (with that error); it stays readable */
    sv_error_clear(&r->err);
    r->errmsg[0] = '\0';
    switch (r->mode) {
    case SV_RECORD_PARAGRAPH: rc = next_paragraph(r, rec); break;
    case SV_RECORD_JSONL: rc = next_jsonl(r, rec); break;
    case SV_RECORD_DOCUMENT: rc = next_document(r, rec); break;
    default: rc = next_line(r, rec); break;
    }
    if (rc == 1) {
        rec->index = r->index++;
        return 1;
    }
    if (rc == 0)
        r->ended = 1;
    if (rc == SV_ENOMEM || rc == SV_EIO || rc == SV_ERROR)
        return fail(r, rc);
    if (rc < 0) {
        memset(rec, 0, sizeof(*rec));
        rec->first_invalid = SIZE_MAX;
        rec->gap = "";
    }
    return rc;
}

const char *sv_reader_errmsg(const sv_reader *r)
{
    return r ? r->errmsg : "";
}

int sv_reader_failed(const sv_reader *r)
{
    return r ? r->final_rc : SV_EINVAL;
}

const sv_error *sv_reader_error(const sv_reader *r)
{
    return r ? &r->err : NULL;
}

const char *sv_reader_name(const sv_reader *r)
{
    return r && r->name ? r->name : "";
}

size_t sv_reader_bytes_read(const sv_reader *r)
{
    return r ? r->bytes_read : 0;
}

const char *sv_reader_encoding(const sv_reader *r)
{
    return r ? r->enc_name : "";
}

const char *sv_reader_tail(const sv_reader *r, size_t *len)
{
    int at_end = r && r->ended && r->gap.ptr;

    if (len)
        *len = at_end ? r->gap.size : 0;
    return at_end ? r->gap.ptr : "";
}

size_t sv_reader_blank_lines(const sv_reader *r)
{
    return r ? r->blank : 0;
}

void sv_reader_free(sv_reader *r)
{
    if (!r)
        return;
    sv__charset_conv_free(r->conv);
    sv_buf_dispose(&r->raw);
    sv_buf_dispose(&r->in);
    sv_buf_dispose(&r->text);
    sv_buf_dispose(&r->scratch);
    sv_buf_dispose(&r->scratch2);
    sv_buf_dispose(&r->gap);
    sv__free(r->subs);
    sv__free(r->name);
    sv__free(r->field);
    sv__free(r);
}
