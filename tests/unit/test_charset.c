/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the ICU charset adapter and the reader's "encoding"
 * option: detection of windows-1251 vs KOI8-R Russian and of UTF-16 with a
 * BOM, forced encodings, conversion across chunk boundaries, unmappable
 * bytes (replaced and counted, or strict errors) and unknown names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "base/alloc.h"
#include "lang/charset.h"
#include "formats_helpers.h"

#define FFFD "\xEF\xBF\xBD"

/* Load tests/data/formats/<name> into out. */
static void load_fixture(const char *name, sv_buf *out)
{
    char path[512];
    char chunk[4096];
    FILE *fp;
    size_t n;

    snprintf(path, sizeof(path), "%s/formats/%s", SV_TEST_DATA, name);
    fp = fopen(path, "rb");
    assert_non_null(fp);
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        assert_int_equal(sv_buf_put(out, chunk, n), SV_OK);
    fclose(fp);
}

static void expect_detect(const char *fixture, const char *want)
{
    sv_buf data = SV_BUF_INIT;
    char name[SV_CHARSET_NAME_SIZE];
    int conf = -1;

    load_fixture(fixture, &data);
    assert_int_equal(sv__charset_detect(data.ptr, data.size, 1, name, &conf,
                                        NULL), SV_OK);
    assert_string_equal(name, want);
    assert_true(conf > 0 && conf <= 100);
    sv_buf_dispose(&data);
}

static void test_charset__detects_russian_codepages_and_utf16(void **state)
{
    (void)state;
    expect_detect("ru.cp1251.txt", "windows-1251");
    expect_detect("ru.koi8r.txt", "KOI8-R");
    expect_detect("ru.utf16le-bom.txt", "UTF-16");
    expect_detect("ru.utf16be-bom.txt", "UTF-16");
    expect_detect("ru.utf8.txt", "UTF-8");
}

/* One short line ("Песков заявил журналистам, что переговоры
 * продолжатся") in each Russian code page: too short for ucsdet alone. */
static void test_charset__detects_short_russian_in_each_codepage(void **state)
{
    static const struct {
        const char *page, *bytes;
    } cases[] = {
        {"windows-1251",
         "\xCF\xE5\xF1\xEA\xEE\xE2 \xE7\xE0\xFF\xE2\xE8\xEB \xE6\xF3\xF0\xED"
         "\xE0\xEB\xE8\xF1\xF2\xE0\xEC, \xF7\xF2\xEE \xEF\xE5\xF0\xE5\xE3\xEE"
         "\xE2\xEE\xF0\xFB \xEF\xF0\xEE\xE4\xEE\xEB\xE6\xE0\xF2\xF1\xFF"},
        {"KOI8-R",
         "\xF0\xC5\xD3\xCB\xCF\xD7 \xDA\xC1\xD1\xD7\xC9\xCC \xD6\xD5\xD2\xCE"
         "\xC1\xCC\xC9\xD3\xD4\xC1\xCD, \xDE\xD4\xCF \xD0\xC5\xD2\xC5\xC7\xCF"
         "\xD7\xCF\xD2\xD9 \xD0\xD2\xCF\xC4\xCF\xCC\xD6\xC1\xD4\xD3\xD1"},
        {"IBM866",
         "\x8F\xA5\xE1\xAA\xAE\xA2 \xA7\xA0\xEF\xA2\xA8\xAB \xA6\xE3\xE0\xAD"
         "\xA0\xAB\xA8\xE1\xE2\xA0\xAC, \xE7\xE2\xAE \xAF\xA5\xE0\xA5\xA3\xAE"
         "\xA2\xAE\xE0\xEB \xAF\xE0\xAE\xA4\xAE\xAB\xA6\xA0\xE2\xE1\xEF"},
        {"ISO-8859-5",
         "\xBF\xD5\xE1\xDA\xDE\xD2 \xD7\xD0\xEF\xD2\xD8\xDB \xD6\xE3\xE0\xDD"
         "\xD0\xDB\xD8\xE1\xE2\xD0\xDC, \xE7\xE2\xDE \xDF\xD5\xE0\xD5\xD3\xDE"
         "\xD2\xDE\xE0\xEB \xDF\xE0\xDE\xD4\xDE\xDB\xD6\xD0\xE2\xE1\xEF"},
    };
    char name[SV_CHARSET_NAME_SIZE];
    size_t k;

    (void)state;
    for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        assert_int_equal(sv__charset_detect(cases[k].bytes,
                                            strlen(cases[k].bytes), 1, name,
                                            NULL, NULL), SV_OK);
        assert_string_equal(name, cases[k].page);
    }
}

static void test_charset__latin1_is_not_taken_for_cyrillic(void **state)
{
    static const char fr[] =
        "Le caf\xE9 est tr\xE8s bon, n'est-ce pas? \xC0 bient\xF4t.";
    char name[SV_CHARSET_NAME_SIZE];

    (void)state;
    assert_int_equal(sv__charset_detect(fr, sizeof(fr) - 1, 1, name, NULL,
                                        NULL), SV_OK);
    assert_string_equal(name, "ISO-8859-1");
}

static void test_charset__utf8_sample_cut_mid_character(void **state)
{
    char name[SV_CHARSET_NAME_SIZE];
    static const char s[] = "Привет, мир"; /* cut inside 'П' below */

    (void)state;
    assert_int_equal(sv__charset_detect(s, 13, 0, name, NULL, NULL), SV_OK);
    assert_string_equal(name, "UTF-8");
    assert_int_equal(sv__charset_detect("\xEF\xBB\xBF", 3, 1, name, NULL,
                                        NULL), SV_OK);
    assert_string_equal(name, "UTF-8");
    assert_true(sv__charset_is_utf8("utf8"));
    assert_true(sv__charset_is_utf8("UTF-8"));
    assert_false(sv__charset_is_utf8("koi8-r"));
}

/* Read a fixture through a FILE with @encoding and @chunk; the records
 * joined with their line feeds must equal the UTF-8 reference. */
static void expect_decoded(const char *fixture, const char *encoding,
                           size_t chunk, const char *want_name)
{
    sv_buf data = SV_BUF_INIT, ref = SV_BUF_INIT, got = SV_BUF_INIT;
    sv_reader_options o = SV_READER_OPTIONS_INIT;
    sv_reader *r = NULL;
    sv_record rec;
    FILE *fp;
    int rc;

    load_fixture(fixture, &data);
    load_fixture("ru.utf8.txt", &ref);
    fp = temp_file_with(data.ptr, data.size);
    assert_non_null(fp);
    o.encoding = encoding;
    assert_int_equal(sv_reader_new(&r, &o, NULL), SV_OK);
    if (chunk)
        sv__reader_set_chunk_size(r, chunk);
    assert_int_equal(sv_reader_open(r, fp, fixture), SV_OK);
    while ((rc = sv_reader_next(r, &rec)) == 1) {
        assert_int_equal(rec.invalid_utf8, 0);
        sv_buf_put(&got, rec.text, rec.text_len);
        if (rec.has_newline)
            sv_buf_put(&got, "\n", 1);
    }
    assert_int_equal(rc, 0);
    assert_string_equal(got.ptr, ref.ptr);
    assert_string_equal(sv_reader_encoding(r), want_name);
    assert_int_equal(sv_reader_bytes_read(r), data.size);
    sv_reader_free(r);
    fclose(fp);
    sv_buf_dispose(&data);
    sv_buf_dispose(&ref);
    sv_buf_dispose(&got);
}

static void test_charset__auto_decodes_each_fixture(void **state)
{
    (void)state;
    expect_decoded("ru.cp1251.txt", "auto", 0, "windows-1251");
    expect_decoded("ru.koi8r.txt", "auto", 0, "KOI8-R");
    expect_decoded("ru.utf16le-bom.txt", "auto", 0, "UTF-16");
    expect_decoded("ru.utf16be-bom.txt", "auto", 0, "UTF-16");
    expect_decoded("ru.utf8.txt", "auto", 0, "UTF-8");
}

static void test_charset__forced_encodings(void **state)
{
    (void)state;
    expect_decoded("ru.cp1251.txt", "windows-1251", 0, "windows-1251");
    expect_decoded("ru.cp1251.txt", "cp1251", 0, "cp1251");
    expect_decoded("ru.koi8r.txt", "koi8-r", 0, "koi8-r");
    expect_decoded("ru.utf16le-bom.txt", "utf-16", 0, "utf-16");
    expect_decoded("ru.utf8.txt", "utf8", 0, "UTF-8");
}

static void test_charset__chunk_boundaries_split_code_units(void **state)
{
    size_t chunk;

    (void)state;
    for (chunk = 1; chunk <= 9; chunk++) {
        expect_decoded("ru.utf16le-bom.txt", "auto", chunk, "UTF-16");
        expect_decoded("ru.utf16be-bom.txt", "utf-16", chunk, "utf-16");
        expect_decoded("ru.koi8r.txt", "koi8-r", chunk, "koi8-r");
    }
}

static void test_charset__unknown_encoding_is_einval(void **state)
{
    sv_reader_options o = SV_READER_OPTIONS_INIT;
    sv_error err = SV_ERROR_INIT;
    sv_reader *r = (sv_reader *)&o; /* must be reset to NULL */

    (void)state;
    o.encoding = "no-such-charset-42";
    assert_int_equal(sv_reader_new(&r, &o, &err), SV_EINVAL);
    assert_null(r);
    assert_string_equal(err.message,
                        "unknown encoding \"no-such-charset-42\"");
}

static void test_charset__unmappable_bytes_are_replaced_and_counted(void **state)
{
    static const char data[] = "ab\x80" "c\nd\xFF\xFE\n";
    sv_reader_options o = SV_READER_OPTIONS_INIT;
    sv_reader *r = NULL;
    sv_record rec;

    (void)state;
    o.encoding = "US-ASCII";
    assert_int_equal(sv_reader_new(&r, &o, NULL), SV_OK);
    sv__reader_set_chunk_size(r, 1);
    assert_int_equal(sv_reader_open_memory(r, data, sizeof(data) - 1, NULL),
                     SV_OK);
    assert_int_equal(sv_reader_next(r, &rec), 1);
    assert_string_equal(rec.text, "ab" FFFD "c");
    assert_int_equal(rec.invalid_utf8, 1);
    assert_int_equal(rec.first_invalid, 2);
    assert_int_equal(sv_reader_next(r, &rec), 1);
    assert_string_equal(rec.text, "d" FFFD FFFD);
    assert_int_equal(rec.invalid_utf8, 2);
    assert_int_equal(rec.first_invalid, 8); /* in the UTF-8 stream */
    assert_int_equal(sv_reader_next(r, &rec), 0);
    sv_reader_free(r);
}

static void test_charset__truncated_utf16_at_end(void **state)
{
    /* "Да" in UTF-16LE with BOM, then one stray byte. */
    static const char data[] = "\xFF\xFE\x14\x04\x30\x04\x41";
    sv_reader_options o = SV_READER_OPTIONS_INIT;
    sv_reader *r = NULL;
    sv_record rec;

    (void)state;
    o.encoding = "auto";
    r = reader_over(&o, data, sizeof(data) - 1, NULL);
    assert_int_equal(sv_reader_next(r, &rec), 1);
    assert_string_equal(rec.text, "Да" FFFD);
    assert_int_equal(rec.invalid_utf8, 1);
    sv_reader_free(r);
}

static void test_charset__strict_conversion_error_names_the_place(void **state)
{
    static const char data[] = "one\ntwo\nth\x80ree\nfour\n";
    sv_reader_options o = SV_READER_OPTIONS_INIT;
    sv_reader *r = NULL;
    sv_record rec;
    const sv_error *e;

    (void)state;
    o.encoding = "US-ASCII";
    o.strict_utf8 = 1;
    r = reader_over(&o, data, sizeof(data) - 1, "a.txt");
    /* The lines before the bad byte still come out. */
    assert_int_equal(sv_reader_next(r, &rec), 1);
    assert_int_equal(sv_reader_next(r, &rec), 1);
    assert_string_equal(rec.text, "two");
    assert_int_equal(sv_reader_next(r, &rec), SV_EILSEQ);
    e = sv_reader_error(r);
    assert_int_equal(e->line, 3);
    assert_int_equal(e->column, 3);
    assert_int_equal(e->byte_offset, 10);
    assert_string_equal(sv_reader_errmsg(r),
                        "a.txt:3:3: invalid US-ASCII input at byte 10");
    sv_reader_free(r);

    /* The message names the encoding as the user did. */
    o.encoding = "Shift_JIS";
    r = reader_over(&o, "ok\n\x81\x20", 5, "j.txt");
    assert_int_equal(sv_reader_next(r, &rec), 1);
    assert_int_equal(sv_reader_next(r, &rec), SV_EILSEQ);
    assert_string_equal(sv_reader_errmsg(r),
                        "j.txt:2:1: invalid Shift_JIS input at byte 3");
    /* Final: the input ends there. */
    assert_int_equal(sv_reader_next(r, &rec), 0);
    assert_int_equal(sv_reader_failed(r), SV_EILSEQ);
    sv_reader_free(r);
}

static void test_charset__undetectable_input_is_an_error(void **state)
{
    sv_reader_options o = SV_READER_OPTIONS_INIT;
    sv_reader *r = NULL;
    sv_record rec;
    char bytes[256];
    size_t i;
    int rc;

    (void)state;
    /* Arbitrary binary: either ucsdet guesses a charset and the text is
     * converted, or the reader says it cannot detect it.  Never a crash
     * or invalid UTF-8. */
    for (i = 0; i < sizeof(bytes); i++)
        bytes[i] = (char)(i * 37 + 11);
    o.encoding = "auto";
    r = reader_over(&o, bytes, sizeof(bytes), "bin");
    while ((rc = sv_reader_next(r, &rec)) == 1)
        assert_true(rec.text_len == 0 || rec.text != NULL);
    assert_true(rc == 0 || rc == SV_EILSEQ);
    if (rc == SV_EILSEQ)
        assert_non_null(strstr(sv_reader_errmsg(r), "bin: "));
    sv_reader_free(r);
}

static void test_charset__converter_api_direct(void **state)
{
    sv__charset_conv *c = NULL;
    sv_buf out = SV_BUF_INIT;
    sv_error err = SV_ERROR_INIT;
    const size_t *pos;
    /* "Ёж" in KOI8-R. */
    static const char koi[] = "\xB3\xD6";

    (void)state;
    assert_int_equal(sv__charset_conv_new(&c, "KOI8-R", 0, &err), SV_OK);
    assert_int_equal(sv__charset_conv_run(c, koi, 1, 0, &out, &err), SV_OK);
    assert_int_equal(sv__charset_conv_run(c, koi + 1, 1, 1, &out, &err),
                     SV_OK);
    assert_string_equal(out.ptr, "Ёж");
    assert_int_equal(sv__charset_conv_subs(c, &pos), 0);
    sv__charset_conv_free(c);
    sv__charset_conv_free(NULL);

    /* A lone high surrogate in UTF-16BE: one substitution, where it was. */
    sv_buf_clear(&out);
    assert_int_equal(sv__charset_conv_new(&c, "UTF-16BE", 0, &err), SV_OK);
    assert_int_equal(sv__charset_conv_run(c, "\x00" "A\xD8\x00\x00" "B", 6, 1,
                                          &out, &err), SV_OK);
    assert_string_equal(out.ptr, "A" FFFD "B");
    assert_int_equal(sv__charset_conv_subs(c, &pos), 1);
    assert_int_equal(pos[0], 1);
    sv__charset_conv_free(c);
    sv_buf_dispose(&out);
}

static void test_charset__oom_sweep(void **state)
{
    sv_buf data = SV_BUF_INIT;
    unsigned long n;
    int done = 0;

    (void)state;
    load_fixture("ru.koi8r.txt", &data);
    sv_buf_put(&data, "\xFF\x80", 2); /* two more letters, then EOF */
    for (n = 1; n < 300 && !done; n++) {
        sv_reader_options o = SV_READER_OPTIONS_INIT;
        sv_buf out = SV_BUF_INIT;
        int rc;

        o.encoding = "auto";
        o.mode = SV_RECORD_PARAGRAPH;
        sv__alloc_fail_after(n);
        rc = read_summary(&o, data.ptr, data.size, 100, FROM_MEMORY, &out);
        sv__alloc_fail_after(0);
        assert_true(rc == 0 || rc == SV_ENOMEM);
        done = rc == 0 && out.ptr && strstr(out.ptr, "аплодисментами") &&
               strstr(out.ptr, "Ъ");
        sv_buf_dispose(&out);
    }
    assert_true(done);
    sv_buf_dispose(&data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_charset__detects_russian_codepages_and_utf16),
        cmocka_unit_test(test_charset__detects_short_russian_in_each_codepage),
        cmocka_unit_test(test_charset__latin1_is_not_taken_for_cyrillic),
        cmocka_unit_test(test_charset__utf8_sample_cut_mid_character),
        cmocka_unit_test(test_charset__auto_decodes_each_fixture),
        cmocka_unit_test(test_charset__forced_encodings),
        cmocka_unit_test(test_charset__chunk_boundaries_split_code_units),
        cmocka_unit_test(test_charset__unknown_encoding_is_einval),
        cmocka_unit_test(test_charset__unmappable_bytes_are_replaced_and_counted),
        cmocka_unit_test(test_charset__truncated_utf16_at_end),
        cmocka_unit_test(test_charset__strict_conversion_error_names_the_place),
        cmocka_unit_test(test_charset__undetectable_input_is_an_error),
        cmocka_unit_test(test_charset__converter_api_direct),
        cmocka_unit_test(test_charset__oom_sweep),
    };

    return cmocka_run_group_tests_name("charset", tests, NULL, NULL);
}
