/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for sv_reader in line, paragraph and document modes: final
 * newlines, CRLF, blank-line paragraphs, the size cap, chunk boundaries
 * inside UTF-8 sequences, invalid UTF-8 (replaced or strict), NUL bytes,
 * read errors and allocation failures.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "base/alloc.h"
#include "formats_helpers.h"

#define FFFD "\xEF\xBF\xBD"

static sv_reader_options mode_opts(sv_record_mode mode)
{
    sv_reader_options o = SV_READER_OPTIONS_INIT;

    o.mode = mode;
    return o;
}

/* Summary of data read with the default chunk size from memory. */
static void expect_summary(const sv_reader_options *o, const char *data,
                           size_t len, const char *expected)
{
    sv_buf out = SV_BUF_INIT;

    assert_int_equal(read_summary(o, data, len, 0, FROM_MEMORY, &out), 0);
    assert_string_equal(out.ptr ? out.ptr : "", expected);
    sv_buf_dispose(&out);
}

static void test_text_reader__options_init_matches_macro(void **state)
{
    sv_reader_options a = SV_READER_OPTIONS_INIT, b;
    sv_reader *r = NULL;
    sv_error err = SV_ERROR_INIT;

    (void)state;
    memset(&b, 0x5a, sizeof(b));
    assert_int_equal(sv_reader_options_init(&b, SV_READER_OPTIONS_VERSION),
                     SV_OK);
    assert_int_equal(a.version, b.version);
    assert_int_equal(a.mode, b.mode);
    assert_null(b.field);
    assert_null(b.encoding);
    assert_int_equal(b.max_record, 0);
    assert_int_equal(b.strict_utf8, 0);
    assert_int_equal(sv_reader_options_init(&b, 99), SV_EINVAL);
    b.version = 99;
    assert_int_equal(sv_reader_new(&r, &b, &err), SV_EINVAL);
    assert_null(r);
    assert_non_null(strstr(err.message, "version"));
    /* NULL options are the defaults. */
    assert_int_equal(sv_reader_new(&r, NULL, NULL), SV_OK);
    assert_string_equal(sv_reader_encoding(r), "UTF-8");
    sv_reader_free(r);
    sv_reader_free(NULL);
}

static void test_text_reader__lines_with_and_without_final_newline(void **state)
{
    sv_reader_options o = mode_opts(SV_RECORD_LINE);

    (void)state;
    expect_summary(&o, "a\nбв\n", 7, "1+1[a]10\n2+1[бв]10\n");
    expect_summary(&o, "a\nb", 3, "1+1[a]10\n2+1[b]00\n");
    expect_summary(&o, "", 0, "");
    expect_summary(&o, "\n", 1, "1+1[]10\n");
    expect_summary(&o, "a\n\n\nb\n", 6,
                   "1+1[a]10\n2+1[]10\n3+1[]10\n4+1[b]10\n");
}

static void test_text_reader__crlf_is_kept_in_the_record(void **state)
{
    sv_reader_options o = mode_opts(SV_RECORD_LINE);

    (void)state;
    expect_summary(&o, "x\r\ny\r\nz\r", 8,
                   "1+1[x\r]10\n2+1[y\r]10\n3+1[z\r]00\n");
}

static void test_text_reader__record_fields(void **state)
{
    static const char data[] = "один\ntwo\n";
    sv_reader *r = NULL;
    sv_record rec;

    (void)state;
    assert_int_equal(sv_reader_new(&r, NULL, NULL), SV_OK);
    assert_int_equal(sv_reader_next(r, &rec), SV_EINVAL); /* not open */
    assert_int_equal(sv_reader_open_memory(r, data, sizeof(data) - 1, NULL),
                     SV_OK);
    assert_string_equal(sv_reader_name(r), "<memory>");
    assert_int_equal(sv_reader_next(r, &rec), 1);
    assert_int_equal(rec.index, 0);
    assert_int_equal(rec.offset, 0);
    assert_int_equal(rec.text_len, 8);
    assert_int_equal(rec.text[rec.text_len], '\0');
    assert_ptr_equal(rec.raw, rec.text);
    assert_int_equal(rec.first_invalid, SIZE_MAX);
    assert_int_equal(sv_reader_next(r, &rec), 1);
    assert_int_equal(rec.index, 1);
    assert_int_equal(rec.line, 2);
    assert_int_equal(rec.offset, 9);
    assert_string_equal(rec.text, "two");
    assert_int_equal(sv_reader_next(r, &rec), 0);
    assert_int_equal(sv_reader_next(r, &rec), 0);
    assert_int_equal(sv_reader_bytes_read(r), sizeof(data) - 1);
    /* A second input starts counting again. */
    assert_int_equal(sv_reader_open_memory(r, "z", 1, "second"), SV_OK);
    assert_int_equal(sv_reader_next(r, &rec), 1);
    assert_int_equal(rec.index, 0);
    assert_int_equal(rec.line, 1);
    assert_string_equal(sv_reader_name(r), "second");
    sv_reader_free(r);
}

static void test_text_reader__stdin_name(void **state)
{
    sv_reader *r = NULL;
    FILE *fp = temp_file_with("x", 1);

    (void)state;
    assert_non_null(fp);
    assert_int_equal(sv_reader_new(&r, NULL, NULL), SV_OK);
    assert_int_equal(sv_reader_open(r, fp, "-"), SV_OK);
    assert_string_equal(sv_reader_name(r), "<stdin>");
    assert_int_equal(sv_reader_open(r, fp, "in.txt"), SV_OK);
    assert_string_equal(sv_reader_name(r), "in.txt");
    sv_reader_free(r);
    fclose(fp);
}

static void test_text_reader__paragraphs_split_at_blank_lines(void **state)
{
    static const char data[] =
        "p1 l1\np1 l2\n\n   \n\t\r\np2\n\n\n\np3 a\r\np3 b";
    sv_reader_options o = mode_opts(SV_RECORD_PARAGRAPH);

    (void)state;
    expect_summary(&o, data, sizeof(data) - 1,
                   "1+2[p1 l1\np1 l2]10\n6+1[p2]10\n10+2[p3 a\r\np3 b]00\n");
    expect_summary(&o, "\n\n  \n", 5, "");
    expect_summary(&o, "only\n", 5, "1+1[only]10\n");
    expect_summary(&o, "x\n\n", 3, "1+1[x]10\n");
}

/* gap + text + "\n" (when has_newline) for every record, then the tail,
 * gives back the input byte for byte, at every chunk size. */
static void check_rebuild(sv_record_mode mode, const char *data, size_t len)
{
    size_t chunk;

    for (chunk = 1; chunk <= 8; chunk++) {
        sv_reader_options o = mode_opts(mode);
        sv_buf back = SV_BUF_INIT;
        sv_reader *r = NULL;
        sv_record rec;
        const char *tail;
        size_t tail_len;
        int rc;

        assert_int_equal(sv_reader_new(&r, &o, NULL), SV_OK);
        sv__reader_set_chunk_size(r, chunk);
        assert_int_equal(sv_reader_open_memory(r, data, len, NULL), SV_OK);
        while ((rc = sv_reader_next(r, &rec)) == 1) {
            sv_buf_put(&back, rec.gap, rec.gap_len);
            sv_buf_put(&back, mode == SV_RECORD_JSONL ? rec.raw : rec.text,
                       mode == SV_RECORD_JSONL ? rec.raw_len : rec.text_len);
            if (rec.has_newline)
                sv_buf_put(&back, "\n", 1);
        }
        assert_int_equal(rc, 0);
        tail = sv_reader_tail(r, &tail_len);
        sv_buf_put(&back, tail, tail_len);
        /* The tail stays put after the end. */
        assert_int_equal(sv_reader_next(r, &rec), 0);
        assert_ptr_equal(sv_reader_tail(r, NULL), tail);
        assert_int_equal(back.size, len);
        assert_memory_equal(back.ptr ? back.ptr : "", data, len);
        sv_reader_free(r);
        sv_buf_dispose(&back);
    }
}

static void test_text_reader__gaps_and_tail_rebuild_the_input(void **state)
{
    static const char para[] =
        "\n \n\tp1\np1b\n\n  \n\r\np2\r\n\n\n\n";
    static const char para2[] = "a\n\nb";
    static const char jsonl[] =
        "\xEF\xBB\xBF\n{\"text\":\"a\"}\n\n \n{\"text\":\"b\"}\r\n  \n";

    (void)state;
    check_rebuild(SV_RECORD_PARAGRAPH, para, sizeof(para) - 1);
    check_rebuild(SV_RECORD_PARAGRAPH, para2, sizeof(para2) - 1);
    check_rebuild(SV_RECORD_PARAGRAPH, "", 0);
    check_rebuild(SV_RECORD_PARAGRAPH, "\n\n", 2);
    check_rebuild(SV_RECORD_JSONL, jsonl, sizeof(jsonl) - 1);
    check_rebuild(SV_RECORD_LINE, para, sizeof(para) - 1);
}

static void test_text_reader__document_is_one_record(void **state)
{
    sv_reader_options o = mode_opts(SV_RECORD_DOCUMENT);

    (void)state;
    expect_summary(&o, "a\n\nb\n", 5, "1+3[a\n\nb\n]00\n");
    expect_summary(&o, "a\nb", 3, "1+2[a\nb]00\n");
    expect_summary(&o, "", 0, "1+1[]00\n");
}

static void test_text_reader__long_line_is_too_big_with_its_line(void **state)
{
    static const char data[] =
        "short\n0123456789012345678901234567890123456789\nafter\n";
    sv_reader_options o = mode_opts(SV_RECORD_LINE);
    size_t chunks[] = {0, 1, 5, 16, 17, 64};
    size_t k;

    (void)state;
    o.max_record = 16;
    for (k = 0; k < sizeof(chunks) / sizeof(chunks[0]); k++) {
        sv_buf out = SV_BUF_INIT;

        assert_int_equal(read_summary(&o, data, sizeof(data) - 1, chunks[k],
                                      FROM_MEMORY, &out), 0);
        assert_string_equal(out.ptr, "1+1[short]10\nE-5@2:1\n3+1[after]10\n");
        sv_buf_dispose(&out);
    }
}

static void test_text_reader__too_big_message_and_finality(void **state)
{
    static const char data[] = "ok\n0123456789012345678901234\n";
    sv_reader_options o = mode_opts(SV_RECORD_PARAGRAPH);
    sv_reader *r = NULL;
    sv_record rec;

    (void)state;
    o.max_record = 10;
    r = reader_over(&o, data, sizeof(data) - 1, "p.txt");
    assert_int_equal(sv_reader_next(r, &rec), SV_ETOOBIG);
    assert_int_equal(sv_reader_error(r)->line, 1);
    assert_string_equal(sv_reader_errmsg(r),
                        "p.txt:1:1: record longer than 10 bytes "
                        "(the max_record limit)");
    /* In paragraph mode the error is final: the input ends there. */
    assert_int_equal(sv_reader_failed(r), SV_ETOOBIG);
    assert_int_equal(sv_reader_next(r, &rec), 0);
    assert_int_equal(sv_reader_failed(r), SV_ETOOBIG);
    assert_non_null(strstr(sv_reader_errmsg(r), "p.txt:1:1: "));
    sv_reader_free(r);

    o.mode = SV_RECORD_DOCUMENT;
    expect_summary(&o, "0123456789", 10, "1+1[0123456789]00\n");
    {
        sv_buf out = SV_BUF_INIT;

        assert_int_equal(read_summary(&o, "0123456789A", 11, 3, FROM_MEMORY,
                                      &out), SV_ETOOBIG);
        sv_buf_dispose(&out);
    }
}

/* Every chunk size from 1 byte up gives the same records from memory and
 * from a FILE: no sequence is split and no line is lost. */
static void test_text_reader__chunk_boundaries_inside_characters(void **state)
{
    static const char data[] =
        "ёжик 𝄞 € ok\nвторая строка\r\n\nlast €𝄞";
    sv_record_mode modes[] = {SV_RECORD_LINE, SV_RECORD_PARAGRAPH,
                              SV_RECORD_DOCUMENT};
    size_t m, chunk;

    (void)state;
    for (m = 0; m < 3; m++) {
        sv_reader_options o = mode_opts(modes[m]);
        sv_buf want = SV_BUF_INIT;

        assert_int_equal(read_summary(&o, data, sizeof(data) - 1, 0,
                                      FROM_MEMORY, &want), 0);
        assert_null(strstr(want.ptr, FFFD));
        for (chunk = 1; chunk <= 12; chunk++) {
            sv_buf got = SV_BUF_INIT, got2 = SV_BUF_INIT;

            assert_int_equal(read_summary(&o, data, sizeof(data) - 1, chunk,
                                          FROM_MEMORY, &got), 0);
            assert_string_equal(got.ptr, want.ptr);
            assert_int_equal(read_summary(&o, data, sizeof(data) - 1, chunk,
                                          FROM_FILE, &got2), 0);
            assert_string_equal(got2.ptr, want.ptr);
            sv_buf_dispose(&got);
            sv_buf_dispose(&got2);
        }
        sv_buf_dispose(&want);
    }
}

/* One record per class of invalid input; count and first offset. */
static void check_invalid(const char *data, size_t len, const char *text,
                          size_t count, size_t first)
{
    sv_reader *r = NULL;
    sv_record rec;

    assert_int_equal(sv_reader_new(&r, NULL, NULL), SV_OK);
    sv__reader_set_chunk_size(r, 2);
    assert_int_equal(sv_reader_open_memory(r, data, len, NULL), SV_OK);
    assert_int_equal(sv_reader_next(r, &rec), 1);
    assert_string_equal(rec.text, text);
    assert_int_equal(rec.invalid_utf8, count);
    assert_int_equal(rec.first_invalid, first);
    sv_reader_free(r);
}

static void test_text_reader__invalid_utf8_is_replaced_and_counted(void **state)
{
    (void)state;
    /* Overlong C0 80: two maximal subparts. */
    check_invalid("a\xC0\x80z\n", 5, "a" FFFD FFFD "z", 2, 1);
    /* Surrogate ED A0 80: ED alone, then two stray continuations. */
    check_invalid("ab\xED\xA0\x80", 5, "ab" FFFD FFFD FFFD, 3, 2);
    /* Truncated sequence at the end of the input. */
    check_invalid("ok \xE2\x82", 5, "ok " FFFD, 1, 3);
    /* Old 5- and 6-byte forms F8..FD. */
    check_invalid("\xF8\x88\x80\x80\x80!", 6,
                  FFFD FFFD FFFD FFFD FFFD "!", 5, 0);
    check_invalid("\xFC\x84\x80\x80\x80\x80", 6,
                  FFFD FFFD FFFD FFFD FFFD FFFD, 6, 0);
    /* A lone continuation byte, and FE/FF. */
    check_invalid("x\x80y\xFEz\xFF", 6, "x" FFFD "y" FFFD "z" FFFD, 3, 1);
    /* Offsets are in the whole input, not the line. */
    check_invalid("\xC3(", 2, FFFD "(", 1, 0);
}

static void test_text_reader__invalid_offsets_count_from_input_start(void **state)
{
    static const char data[] = "good\nbad \xFF\n";
    sv_reader *r = NULL;
    sv_record rec;

    (void)state;
    r = reader_over(NULL, data, sizeof(data) - 1, NULL);
    assert_int_equal(sv_reader_next(r, &rec), 1);
    assert_int_equal(rec.invalid_utf8, 0);
    assert_int_equal(sv_reader_next(r, &rec), 1);
    assert_int_equal(rec.invalid_utf8, 1);
    assert_int_equal(rec.first_invalid, 9);
    assert_int_equal(rec.offset, 5);
    sv_reader_free(r);
}

/* keep_invalid: the bytes come through as they are (the normalizer's
 * decode step replaces them and logs the edit), still counted, with chunk
 * boundaries inside the sequences; JSONL text is still made valid. */
static void test_text_reader__keep_invalid_passes_bytes_through(void **state)
{
    static const char data[] = "ok\nbad \xC0\x80 \xED\xA0\x80 \xE2\x82\n";
    static const sv_record_mode modes[] = {SV_RECORD_LINE,
                                           SV_RECORD_PARAGRAPH,
                                           SV_RECORD_DOCUMENT};
    sv_reader_options o = SV_READER_OPTIONS_INIT;
    sv_reader *r = NULL;
    sv_record rec;
    size_t m;

    (void)state;
    assert_int_equal(o.keep_invalid, 0);
    o.keep_invalid = 1;
    for (m = 0; m < 3; m++) {
        o.mode = modes[m];
        assert_int_equal(sv_reader_new(&r, &o, NULL), SV_OK);
        sv__reader_set_chunk_size(r, 3);
        assert_int_equal(sv_reader_open_memory(r, data, sizeof(data) - 1,
                                               NULL), SV_OK);
        assert_int_equal(sv_reader_next(r, &rec), 1);
        if (modes[m] == SV_RECORD_LINE)
            assert_int_equal(sv_reader_next(r, &rec), 1);
        if (modes[m] == SV_RECORD_LINE) {
            assert_int_equal(rec.text_len, 13);
            assert_memory_equal(rec.text, data + 3, 13);
        } else { /* one paragraph without its final line feed, or all */
            assert_int_equal(rec.text_len, sizeof(data) - 1 -
                                            (modes[m] == SV_RECORD_PARAGRAPH));
            assert_memory_equal(rec.text, data, rec.text_len);
        }
        assert_int_equal(rec.text[rec.text_len], '\0');
        assert_int_equal(rec.invalid_utf8, 6);
        assert_int_equal(rec.first_invalid, 7);
        sv_reader_free(r);
    }
    o.mode = SV_RECORD_JSONL;
    assert_int_equal(sv_reader_new(&r, &o, NULL), SV_OK);
    assert_int_equal(sv_reader_open_memory(r, "{\"text\":\"a\xFF\"}\n", 14,
                                           NULL), SV_OK);
    assert_int_equal(sv_reader_next(r, &rec), 1);
    assert_string_equal(rec.text, "a" FFFD);
    sv_reader_free(r);
}

/* unchecked_utf8: keep_invalid without the reader's own check (the
 * consumer validates and counts), so nothing is counted and the bytes
 * still come through; ignored under strict_utf8 and in JSONL. */
static void test_text_reader__unchecked_skips_the_count(void **state)
{
    static const char data[] = "ok\nbad \xC0\x80 \xE2\x82\n";
    sv_reader_options o = mode_opts(SV_RECORD_PARAGRAPH);
    sv_reader *r = NULL;
    sv_record rec;

    (void)state;
    assert_int_equal(o.unchecked_utf8, 0);
    o.keep_invalid = 1;
    o.unchecked_utf8 = 1;
    r = reader_over(&o, data, sizeof(data) - 1, NULL);
    assert_int_equal(sv_reader_next(r, &rec), 1);
    assert_int_equal(rec.text_len, sizeof(data) - 2);
    assert_memory_equal(rec.text, data, rec.text_len);
    assert_int_equal(rec.invalid_utf8, 0);
    sv_reader_free(r);
    o.strict_utf8 = 1;
    r = reader_over(&o, data, sizeof(data) - 1, NULL);
    assert_int_equal(sv_reader_next(r, &rec), SV_EILSEQ);
    sv_reader_free(r);
    o = mode_opts(SV_RECORD_JSONL);
    o.keep_invalid = o.unchecked_utf8 = 1;
    r = reader_over(&o, "{\"text\":\"a\xFF\"}\n", 14, NULL);
    assert_int_equal(sv_reader_next(r, &rec), 1);
    assert_string_equal(rec.text, "a" FFFD);
    assert_int_equal(rec.invalid_utf8, 1);
    sv_reader_free(r);
}

static void test_text_reader__strict_reports_line_and_column(void **state)
{
    static const char data[] = "ok\nёж\xC3(x\nnext\n";
    sv_reader_options o = mode_opts(SV_RECORD_LINE);
    sv_reader *r = NULL;
    sv_record rec;
    const sv_error *e;

    (void)state;
    o.strict_utf8 = 1;
    r = reader_over(&o, data, sizeof(data) - 1, "s.txt");
    assert_int_equal(sv_reader_next(r, &rec), 1);
    assert_int_equal(sv_reader_next(r, &rec), SV_EILSEQ);
    e = sv_reader_error(r);
    assert_int_equal(e->code, SV_EILSEQ);
    assert_int_equal(e->line, 2);
    assert_int_equal(e->column, 3);
    assert_int_equal(e->byte_offset, 7);
    assert_string_equal(sv_reader_errmsg(r),
                        "s.txt:2:3: invalid UTF-8 at byte 7");
    /* Recoverable: the bad line is skipped, the next one is read. */
    assert_int_equal(sv_reader_next(r, &rec), 1);
    assert_string_equal(rec.text, "next");
    assert_int_equal(rec.line, 3);
    assert_string_equal(sv_reader_errmsg(r), "");
    assert_int_equal(sv_reader_failed(r), 0);
    sv_reader_free(r);

    /* In a paragraph, the line inside the record is found. */
    o.mode = SV_RECORD_PARAGRAPH;
    {
        sv_buf out = SV_BUF_INIT;
        static const char para[] = "a\n\nb\ncc\xFF\n";

        assert_int_equal(read_summary(&o, para, sizeof(para) - 1, 0,
                                      FROM_MEMORY, &out), 0);
        assert_string_equal(out.ptr, "1+1[a]10\nE-4@4:3\n");
        sv_buf_dispose(&out);
    }
}

static void test_text_reader__nul_bytes_are_kept_and_counted(void **state)
{
    static const char data[] = "a\0b\0\nc\n";
    sv_reader *r = NULL;
    sv_record rec;

    (void)state;
    r = reader_over(NULL, data, sizeof(data) - 1, NULL);
    assert_int_equal(sv_reader_next(r, &rec), 1);
    assert_int_equal(rec.text_len, 4);
    assert_memory_equal(rec.text, "a\0b\0", 4);
    assert_int_equal(rec.nul_count, 2);
    assert_int_equal(rec.invalid_utf8, 0);
    assert_int_equal(sv_reader_next(r, &rec), 1);
    assert_int_equal(rec.nul_count, 0);
    sv_reader_free(r);
}

static void test_text_reader__utf8_bom_is_kept(void **state)
{
    sv_reader_options o = mode_opts(SV_RECORD_LINE);

    (void)state;
    expect_summary(&o, "\xEF\xBB\xBFhi\n", 6, "1+1[\xEF\xBB\xBFhi]10\n");
}

static void test_text_reader__read_error_is_final_eio(void **state)
{
    sv_reader *r = NULL;
    sv_record rec;
    FILE *fp = fopen(".", "r"); /* reading a directory fails (EISDIR) */

    (void)state;
    if (!fp)
        skip();
    assert_int_equal(sv_reader_new(&r, NULL, NULL), SV_OK);
    assert_int_equal(sv_reader_open(r, fp, "dir"), SV_OK);
    assert_int_equal(sv_reader_next(r, &rec), SV_EIO);
    assert_non_null(strstr(sv_reader_errmsg(r), "dir: read failed"));
    assert_int_equal(sv_reader_next(r, &rec), 0);
    assert_int_equal(sv_reader_failed(r), SV_EIO);
    sv_reader_free(r);
    fclose(fp);
}

static void test_text_reader__large_input_streams(void **state)
{
    sv_buf data = SV_BUF_INIT;
    sv_reader *r = NULL;
    sv_record rec;
    size_t i, n = 0, bytes = 0;
    int rc;

    (void)state;
    for (i = 0; i < 20000; i++)
        sv__buf_printf(&data, "строка %zu: ß€𝄞\n", i);
    r = reader_over(NULL, data.ptr, data.size, NULL);
    while ((rc = sv_reader_next(r, &rec)) == 1) {
        assert_int_equal(rec.line, n + 1);
        assert_int_equal(rec.invalid_utf8, 0);
        bytes += rec.text_len + 1;
        n++;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(n, 20000);
    assert_int_equal(bytes, data.size);
    sv_reader_free(r);
    sv_buf_dispose(&data);
}

/* Fail allocation 1, 2, ... : each run ends with SV_ENOMEM or success. */
static void test_text_reader__oom_sweep(void **state)
{
    static const char data[] = "a\xFF\n\npara two\nline\n";
    sv_record_mode modes[] = {SV_RECORD_LINE, SV_RECORD_PARAGRAPH,
                              SV_RECORD_DOCUMENT};
    size_t m;

    (void)state;
    for (m = 0; m < 3; m++) {
        unsigned long n;
        int done = 0;

        for (n = 1; n < 200 && !done; n++) {
            sv_reader_options o = mode_opts(modes[m]);
            sv_buf out = SV_BUF_INIT;
            int rc;

            sv__alloc_fail_after(n);
            rc = read_summary(&o, data, sizeof(data) - 1, 3, FROM_MEMORY,
                              &out);
            sv__alloc_fail_after(0);
            assert_true(rc == 0 || rc == SV_ENOMEM);
            done = rc == 0 && out.ptr &&
                   strstr(out.ptr, "line") != NULL;
            sv_buf_dispose(&out);
        }
        assert_true(done);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_reader__options_init_matches_macro),
        cmocka_unit_test(test_text_reader__lines_with_and_without_final_newline),
        cmocka_unit_test(test_text_reader__crlf_is_kept_in_the_record),
        cmocka_unit_test(test_text_reader__record_fields),
        cmocka_unit_test(test_text_reader__stdin_name),
        cmocka_unit_test(test_text_reader__paragraphs_split_at_blank_lines),
        cmocka_unit_test(test_text_reader__gaps_and_tail_rebuild_the_input),
        cmocka_unit_test(test_text_reader__document_is_one_record),
        cmocka_unit_test(test_text_reader__long_line_is_too_big_with_its_line),
        cmocka_unit_test(test_text_reader__too_big_message_and_finality),
        cmocka_unit_test(test_text_reader__chunk_boundaries_inside_characters),
        cmocka_unit_test(test_text_reader__invalid_utf8_is_replaced_and_counted),
        cmocka_unit_test(test_text_reader__invalid_offsets_count_from_input_start),
        cmocka_unit_test(test_text_reader__keep_invalid_passes_bytes_through),
        cmocka_unit_test(test_text_reader__strict_reports_line_and_column),
        cmocka_unit_test(test_text_reader__nul_bytes_are_kept_and_counted),
        cmocka_unit_test(test_text_reader__utf8_bom_is_kept),
        cmocka_unit_test(test_text_reader__unchecked_skips_the_count),
        cmocka_unit_test(test_text_reader__read_error_is_final_eio),
        cmocka_unit_test(test_text_reader__large_input_streams),
        cmocka_unit_test(test_text_reader__oom_sweep),
    };

    return cmocka_run_group_tests_name("text_reader", tests, NULL, NULL);
}
