/* SPDX-License-Identifier: MIT */
/*
 * TSV with backslash escapes (\\ \t \n \r), the convention of PostgreSQL's
 * text COPY format and of most aligned-corpus tools: a field can hold any
 * byte, and a row is always exactly one line.
 */
#include <string.h>

#include "base/alloc.h"
#include "base/buf_internal.h"
#include "base/error_internal.h"
#include "sverka/io.h"

struct sv_tsv_row {
    sv_buf data;        /* the unescaped fields, each NUL-terminated */
    size_t *offs;       /* start of field i in data */
    size_t *lens;
    size_t count, cap;
};

static const char *escape_of(char c)
{
    switch (c) {
    case '\\': return "\\\\";
    case '\t': return "\\t";
    case '\n': return "\\n";
    case '\r': return "\\r";
    default: return NULL;
    }
}

int sv_tsv_append_field(sv_buf *out, const char *s, size_t len)
{
    size_t i = 0;
    int rc;

    SV_ASSERT_ARG(out != NULL);
    SV_ASSERT_ARG(s != NULL || len == 0);
    if ((rc = sv__buf_grow(out, len)) < 0)
        return rc;
    while (i < len) {
        size_t run = i;
        const char *esc;

        while (run < len && !escape_of(s[run]))
            run++;
        if ((rc = sv_buf_put(out, s + i, run - i)) < 0)
            return rc;
        if (run >= len)
            break;
        esc = escape_of(s[run]);
        if ((rc = sv_buf_put(out, esc, 2)) < 0)
            return rc;
        i = run + 1;
    }
    return sv_buf_put(out, "", 0);
}

int sv_tsv_append_row(sv_buf *out, const char *const *fields,
                      const size_t *lens, size_t n)
{
    size_t i;
    int rc;

    SV_ASSERT_ARG(out != NULL);
    SV_ASSERT_ARG(n == 0 || (fields != NULL && lens != NULL));
    for (i = 0; i < n; i++) {
        if (i > 0 && (rc = sv__buf_putc(out, '\t')) < 0)
            return rc;
        if ((rc = sv_tsv_append_field(out, fields[i], lens[i])) < 0)
            return rc;
    }
    return sv__buf_putc(out, '\n');
}

int sv_tsv_row_new(sv_tsv_row **out, sv_error *err)
{
    SV_ASSERT_ARG(out != NULL);
    *out = sv__calloc(1, sizeof(**out));
    return *out ? SV_OK : sv__error_oom(err);
}

static int end_field(sv_tsv_row *row, size_t start)
{
    int rc;

    if (row->count == row->cap) {
        size_t ncap = row->cap ? row->cap * 2 : 8;
        size_t *o = sv__realloc(row->offs, ncap * sizeof(*o));

        if (!o)
            return SV_ENOMEM;
        row->offs = o;
        o = sv__realloc(row->lens, ncap * sizeof(*o));
        if (!o)
            return SV_ENOMEM;
        row->lens = o;
        row->cap = ncap;
    }
    row->offs[row->count] = start;
    row->lens[row->count] = row->data.size - start;
    row->count++;
    /* The NUL after each field lets callers use it as a C string. */
    return (rc = sv__buf_putc(&row->data, '\0')) < 0 ? rc : SV_OK;
}

static char unescape(char c)
{
    switch (c) {
    case '\\': return '\\';
    case 't': return '\t';
    case 'n': return '\n';
    case 'r': return '\r';
    default: return 0;
    }
}

int sv_tsv_row_parse(sv_tsv_row *row, const char *line, size_t len)
{
    size_t i = 0, start = 0;
    int rc;

    SV_ASSERT_ARG(row != NULL);
    SV_ASSERT_ARG(line != NULL || len == 0);
    row->count = 0;
    sv_buf_clear(&row->data);
    if (len > 0 && line[len - 1] == '\r')
        len--; /* CRLF file: the CR belongs to the line ending */
    if ((rc = sv__buf_grow(&row->data, len + 1)) < 0)
        return rc;
    while (i < len) {
        size_t run = i;
        char u = 0;

        while (run < len && line[run] != '\t' && line[run] != '\\')
            run++;
        if ((rc = sv_buf_put(&row->data, line + i, run - i)) < 0)
            return rc;
        i = run;
        if (i >= len)
            break;
        if (line[i] == '\t') {
            if ((rc = end_field(row, start)) < 0)
                return rc;
            start = row->data.size;
            i++;
            continue;
        }
        if (i + 1 < len)
            u = unescape(line[i + 1]);
        if ((rc = sv__buf_putc(&row->data, u ? u : '\\')) < 0)
            return rc;
        i += u ? 2 : 1;
    }
    return end_field(row, start);
}

size_t sv_tsv_row_count(const sv_tsv_row *row)
{
    return row ? row->count : 0;
}

const char *sv_tsv_row_field(const sv_tsv_row *row, size_t i, size_t *len)
{
    if (!row || i >= row->count) {
        if (len)
            *len = 0;
        return NULL;
    }
    if (len)
        *len = row->lens[i];
    return row->data.ptr + row->offs[i];
}

void sv_tsv_row_free(sv_tsv_row *row)
{
    if (!row)
        return;
    sv_buf_dispose(&row->data);
    sv__free(row->offs);
    sv__free(row->lens);
    sv__free(row);
}
