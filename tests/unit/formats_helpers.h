/* SPDX-License-Identifier: MIT */
/*
 * Helpers shared by the formats tests: run a reader over bytes (from
 * memory or through a real FILE) with a chosen chunk size and summarise
 * every record in one string, so chunkings can be compared exactly.
 */
#ifndef SV_TESTS_FORMATS_HELPERS_H
#define SV_TESTS_FORMATS_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "base/buf_internal.h"
#include "formats/formats_internal.h"
#include "sverka/io.h"

/* Where the bytes come from. */
enum { FROM_MEMORY, FROM_FILE };

/* A temporary FILE holding data[0..len), rewound. */
static inline FILE *temp_file_with(const char *data, size_t len)
{
    FILE *fp = tmpfile();

    if (!fp)
        return NULL;
    if (len && fwrite(data, 1, len, fp) != len) {
        fclose(fp);
        return NULL;
    }
    rewind(fp);
    return fp;
}

/* A reader made with opts (NULL: the defaults) over data[0..len) held in
 * memory; the test fails if either step does. */
static inline sv_reader *reader_over(const sv_reader_options *opts,
                                     const char *data, size_t len,
                                     const char *name)
{
    sv_reader *r = NULL;

    assert_int_equal(sv_reader_new(&r, opts, NULL), SV_OK);
    assert_int_equal(sv_reader_open_memory(r, data, len, name), SV_OK);
    return r;
}

/* Read everything; each record is appended to out as
 * "<line>+<count>[<text>]<nl><invalid>\n" and each error as
 * "E<code>@<line>:<col>\n".  Returns the final error that ended the input
 * (sv_reader_failed), or 0 when it was read to its end. */
static inline int read_summary(const sv_reader_options *opts,
                               const char *data, size_t len, size_t chunk,
                               int source, sv_buf *out)
{
    sv_reader *r = NULL;
    sv_record rec;
    FILE *fp = NULL;
    int rc, guard = 0;

    if ((rc = sv_reader_new(&r, opts, NULL)) < 0)
        return rc;
    if (chunk)
        sv__reader_set_chunk_size(r, chunk);
    if (source == FROM_FILE) {
        fp = temp_file_with(data, len);
        rc = fp ? sv_reader_open(r, fp, "t") : SV_EIO;
    } else {
        rc = sv_reader_open_memory(r, data, len, "t");
    }
    while (rc >= 0 && (rc = sv_reader_next(r, &rec)) != 0 &&
           guard++ < 100000) {
        if (rc == 1) {
            sv__buf_printf(out, "%zu+%zu[", rec.line, rec.line_count);
            sv_buf_put(out, rec.text, rec.text_len);
            sv__buf_printf(out, "]%d%zu\n", rec.has_newline,
                           rec.invalid_utf8);
        } else {
            const sv_error *e = sv_reader_error(r);

            sv__buf_printf(out, "E%d@%zu:%zu\n", rc, e->line, e->column);
        }
        rc = 0;
    }
    if (rc == 0)
        rc = sv_reader_failed(r);
    if (fp)
        fclose(fp);
    sv_reader_free(r);
    return rc;
}

#endif
