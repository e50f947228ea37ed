/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for JSON Lines: reading the text field, errors that name the
 * line, byte-exact preservation of every other member when the text is
 * replaced (big numbers, 1.10, escapes, nesting, unicode keys), extra
 * members, deep nesting, and the JSON string writer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>

#include "base/alloc.h"
#include "formats/json_scan.h"
#include "formats_helpers.h"

#define FFFD "\xEF\xBF\xBD"

static sv_reader_options jsonl_opts(void)
{
    sv_reader_options o = SV_READER_OPTIONS_INIT;

    o.mode = SV_RECORD_JSONL;
    return o;
}

/* Read exactly one record from one line; returns the reader for more
 * checks (caller frees). */
static sv_reader *read_one(const sv_reader_options *o, const char *line,
                           sv_record *rec, int expect_rc)
{
    sv_reader *r = NULL;

    r = reader_over(o, line, strlen(line), "in.jsonl");
    assert_int_equal(sv_reader_next(r, rec), expect_rc);
    return r;
}

/* A line with everything jansson would change if it re-serialized. */
static const char unusual[] =
    "{\"id\": 1.10, \"big\":123456789012345678901234567890,"
    "\"huge\":-1e400,\"nested\":{\"a\":[1,{\"b\":\"\\u00e9\"}],\"t\":{}},"
    "\"text\":\"Hi \\\"w\\\" \\ud83d\\ude00 caf\\u00e9 \\u0000 end\\n\","
    "\"\xD0\xBA\xD0\xBB\xD1\x8E\xD1\x87\":\"\xD0\xB7\","
    "\"te\\u0078t2\":true, \"arr\" : [ ] }";

static void test_jsonl__reads_text_of_unusual_line(void **state)
{
    sv_reader_options o = jsonl_opts();
    sv_record rec;
    sv_reader *r;
    static const char want[] = "Hi \"w\" \xF0\x9F\x98\x80 caf\xC3\xA9 \0 end\n";

    (void)state;
    r = read_one(&o, unusual, &rec, 1);
    assert_int_equal(rec.text_len, sizeof(want) - 1);
    assert_memory_equal(rec.text, want, sizeof(want) - 1);
    assert_int_equal(rec.nul_count, 1);
    assert_int_equal(rec.raw_len, strlen(unusual));
    assert_memory_equal(rec.raw, unusual, rec.raw_len);
    assert_int_equal(rec.line, 1);
    assert_int_equal(rec.field_missing, 0);
    sv_reader_free(r);
}

static void test_jsonl__rewrite_keeps_other_members_byte_for_byte(void **state)
{
    sv_reader_options o = jsonl_opts();
    sv_record rec;
    sv_reader *r;
    sv_buf out = SV_BUF_INIT, want = SV_BUF_INIT;
    const char *p;

    (void)state;
    r = read_one(&o, unusual, &rec, 1);
    assert_int_equal(sv_jsonl_rewrite(&out, rec.raw, rec.raw_len, "text",
                                      "новый \"текст\"\n",
                                      strlen("новый \"текст\"\n"), NULL, 0, NULL),
                     SV_OK);
    /* Expected: the raw line with only the text value swapped. */
    p = strstr(unusual, "\"text\":") + 7;
    sv_buf_put(&want, unusual, (size_t)(p - unusual));
    sv__buf_puts(&want, "\"новый \\\"текст\\\"\\n\"");
    sv__buf_puts(&want, strstr(p, ",\"\xD0\xBA"));
    assert_string_equal(out.ptr, want.ptr);
    sv_reader_free(r);

    /* Reading the output back gives the new text. */
    r = read_one(&o, out.ptr, &rec, 1);
    assert_string_equal(rec.text, "новый \"текст\"\n");
    sv_reader_free(r);
    sv_buf_dispose(&out);
    sv_buf_dispose(&want);
}

static void test_jsonl__escaped_key_names_the_field(void **state)
{
    sv_reader_options o = jsonl_opts();
    sv_record rec;
    sv_reader *r;
    sv_buf out = SV_BUF_INIT;

    (void)state;
    r = read_one(&o, "{\"n\":1,\"te\\u0078t\":\"old\"}", &rec, 1);
    assert_string_equal(rec.text, "old");
    assert_int_equal(sv_jsonl_rewrite(&out, rec.raw, rec.raw_len, "text", "new",
                                      3, NULL, 0, NULL), SV_OK);
    assert_string_equal(out.ptr, "{\"n\":1,\"te\\u0078t\":\"new\"}");
    sv_reader_free(r);
    sv_buf_dispose(&out);

    /* A unicode field name, given in UTF-8 and escaped in the line. */
    o.field = "клюЧ";
    r = read_one(&o, "{\"\\u043a\\u043b\\u044e\\u0427\":\"v\"}", &rec, 1);
    assert_string_equal(rec.text, "v");
    sv_reader_free(r);
}

static void test_jsonl__malformed_line_3_of_5_is_line_3(void **state)
{
    static const char data[] =
        "{\"text\":\"one\"}\n"
        "{\"text\":\"two\"}\n"
        "{\"text\":\"three\",}\n"
        "{\"text\":\"four\"}\n"
        "{\"text\":\"five\"}\n";
    sv_reader_options o = jsonl_opts();
    sv_reader *r = NULL;
    sv_record rec;
    const sv_error *e;
    int i;

    (void)state;
    r = reader_over(&o, data, sizeof(data) - 1, "five.jsonl");
    for (i = 0; i < 2; i++)
        assert_int_equal(sv_reader_next(r, &rec), 1);
    assert_int_equal(sv_reader_next(r, &rec), SV_EFORMAT);
    e = sv_reader_error(r);
    assert_int_equal(e->line, 3);
    assert_int_equal(e->column, 17);
    assert_int_equal(e->byte_offset, 30 + 16); /* the '}' after the comma */
    assert_non_null(strstr(sv_reader_errmsg(r), "five.jsonl:3:"));
    assert_non_null(strstr(sv_reader_errmsg(r), "invalid JSON"));
    /* Skipping goes on with lines 4 and 5. */
    assert_int_equal(sv_reader_next(r, &rec), 1);
    assert_string_equal(rec.text, "four");
    assert_int_equal(rec.line, 4);
    assert_int_equal(rec.index, 2);
    assert_int_equal(sv_reader_next(r, &rec), 1);
    assert_string_equal(rec.text, "five");
    assert_int_equal(sv_reader_next(r, &rec), 0);
    sv_reader_free(r);
}

/* The message (without location) for a one-line input. */
static void expect_error(const sv_reader_options *o, const char *line,
                         const char *msg)
{
    sv_record rec;
    sv_reader *r = read_one(o, line, &rec, SV_EFORMAT);
    char full[300];

    assert_string_equal(sv_reader_error(r)->message, msg);
    assert_int_equal(sv_reader_error(r)->line, 1);
    snprintf(full, sizeof(full), "in.jsonl:1:1: %s", msg);
    if (line[0] == '{' || line[0] == '[' || line[0] == '4' || line[0] == '"')
        assert_string_equal(sv_reader_errmsg(r), full);
    sv_reader_free(r);
}

static void test_jsonl__object_and_field_errors(void **state)
{
    sv_reader_options o = jsonl_opts();

    (void)state;
    expect_error(&o, "[1,2]", "not a JSON object (array)");
    expect_error(&o, "42", "not a JSON object (number)");
    expect_error(&o, "\"text\"", "not a JSON object (string)");
    expect_error(&o, "{\"txt\":\"a\"}", "field \"text\" is missing");
    expect_error(&o, "{\"text\":null}", "field \"text\" is null");
    expect_error(&o, "{\"text\":12}", "field \"text\" is not a string (number)");
    expect_error(&o, "{\"text\":{\"a\":1}}",
                 "field \"text\" is not a string (object)");
    expect_error(&o, "{\"text\":\"a\",\"text\":\"b\"}",
                 "field \"text\" appears more than once");
    o.field = "body";
    expect_error(&o, "{\"text\":\"a\"}", "field \"body\" is missing");
}

static void test_jsonl__missing_ok_passes_objects_through(void **state)
{
    sv_reader_options o = jsonl_opts();
    sv_record rec;
    sv_reader *r;
    sv_buf out = SV_BUF_INIT;

    (void)state;
    o.missing_ok = 1;
    r = read_one(&o, "{\"id\":7}", &rec, 1);
    assert_int_equal(rec.field_missing, 1);
    assert_int_equal(rec.text_len, 0);
    assert_non_null(rec.text);
    assert_int_equal(sv_jsonl_rewrite(&out, rec.raw, rec.raw_len, NULL, NULL,
                                      0, NULL, 0, NULL), SV_OK);
    assert_string_equal(out.ptr, "{\"id\":7}");
    sv_reader_free(r);
    sv_buf_dispose(&out);
    /* Non-strings are still errors. */
    expect_error(&o, "{\"text\":true}",
                 "field \"text\" is not a string (boolean)");
}

static void test_jsonl__blank_lines_are_skipped_and_counted(void **state)
{
    static const char data[] = "\n{\"text\":\"a\"}\n  \t\r\n\n{\"text\":\"b\"}";
    sv_reader_options o = jsonl_opts();
    sv_buf out = SV_BUF_INIT;
    sv_reader *r = NULL;
    sv_record rec;

    (void)state;
    assert_int_equal(read_summary(&o, data, sizeof(data) - 1, 3, FROM_MEMORY,
                                  &out), 0);
    assert_string_equal(out.ptr, "2+1[a]10\n5+1[b]00\n");
    sv_buf_dispose(&out);
    r = reader_over(&o, data, sizeof(data) - 1, NULL);
    while (sv_reader_next(r, &rec) == 1)
        ;
    assert_int_equal(sv_reader_blank_lines(r), 3);
    sv_reader_free(r);
}

static void test_jsonl__crlf_lines(void **state)
{
    sv_reader_options o = jsonl_opts();
    sv_record rec;
    sv_reader *r;
    sv_buf out = SV_BUF_INIT;

    (void)state;
    r = read_one(&o, "{\"text\":\"a\"}\r\n", &rec, 1);
    assert_string_equal(rec.text, "a");
    assert_int_equal(sv_jsonl_rewrite(&out, rec.raw, rec.raw_len, "text", "b",
                                      1, NULL, 0, NULL), SV_OK);
    assert_string_equal(out.ptr, "{\"text\":\"b\"}\r");
    sv_reader_free(r);
    sv_buf_dispose(&out);
}

static void test_jsonl__field_function_matches_the_reader(void **state)
{
    sv_buf text = SV_BUF_INIT;
    sv_error err = SV_ERROR_INIT;
    int missing = -1;

    (void)state;
    assert_int_equal(sv_jsonl_field(&text, unusual, strlen(unusual), NULL, 0,
                                    &missing, &err), SV_OK);
    assert_int_equal(missing, 0);
    assert_int_equal(text.size, 24);
    assert_memory_equal(text.ptr, "Hi \"w\" \xF0\x9F\x98\x80 caf\xC3\xA9 \0 end\n",
                        24);
    assert_int_equal(sv_jsonl_field(&text, "{\"a\":1}", 7, "b", 1, &missing,
                                    &err), SV_OK);
    assert_int_equal(missing, 1);
    assert_int_equal(text.size, 0);
    assert_int_equal(sv_jsonl_field(&text, "  [1]", 5, "b", 0, NULL, &err),
                     SV_EFORMAT);
    assert_string_equal(err.message, "not a JSON object (array)");
    assert_int_equal(err.column, 3);
    assert_int_equal(err.byte_offset, 2);
    assert_int_equal(err.line, 0);
    assert_int_equal(sv_jsonl_field(&text, "{\"text\":\"\xC3\"}", 11, NULL, 0,
                                    NULL, &err), SV_EILSEQ);
    assert_int_equal(err.column, 10);
    sv_buf_dispose(&text);
}

static void test_jsonl__utf8_bom_at_start_is_ignored(void **state)
{
    sv_reader_options o = jsonl_opts();
    sv_record rec;
    sv_reader *r;

    (void)state;
    r = read_one(&o, "\xEF\xBB\xBF{\"text\":\"a\"}\n", &rec, 1);
    assert_string_equal(rec.text, "a");
    assert_string_equal(rec.raw, "{\"text\":\"a\"}");
    assert_int_equal(rec.offset, 3);
    sv_reader_free(r);
}

static void test_jsonl__deep_nesting_is_a_clean_error(void **state)
{
    sv_reader_options o = jsonl_opts();
    sv_buf line = SV_BUF_INIT, out = SV_BUF_INIT;
    sv_record rec;
    sv_reader *r;
    size_t i;

    (void)state;
    /* Deeper than jansson's 2048: an error naming the line. */
    sv__buf_puts(&line, "{\"text\":\"a\",\"x\":");
    for (i = 0; i < 100000; i++)
        sv__buf_putc(&line, '[');
    for (i = 0; i < 100000; i++)
        sv__buf_putc(&line, ']');
    sv__buf_putc(&line, '}');
    r = read_one(&o, line.ptr, &rec, SV_EFORMAT);
    assert_non_null(strstr(sv_reader_error(r)->message, "depth"));
    assert_int_equal(sv_reader_error(r)->line, 1);
    sv_reader_free(r);

    /* 1000 levels parse, and the rewrite keeps them. */
    sv_buf_clear(&line);
    sv__buf_puts(&line, "{\"x\":");
    for (i = 0; i < 1000; i++)
        sv__buf_puts(&line, "{\"k\":[");
    for (i = 0; i < 1000; i++)
        sv__buf_puts(&line, "]}");
    sv__buf_puts(&line, ",\"text\":\"a\"}");
    r = read_one(&o, line.ptr, &rec, 1);
    assert_int_equal(sv_jsonl_rewrite(&out, rec.raw, rec.raw_len, "text", "a",
                                      1, NULL, 0, NULL), SV_OK);
    assert_string_equal(out.ptr, line.ptr);
    sv_reader_free(r);

    /* The scanner alone survives any depth without recursion. */
    sv_buf_clear(&out);
    sv_buf_clear(&line);
    sv__buf_puts(&line, "{\"x\":");
    for (i = 0; i < 100000; i++)
        sv__buf_putc(&line, '[');
    sv__buf_putc(&line, '}');
    assert_int_equal(sv_jsonl_rewrite(&out, line.ptr, line.size, "text", "a",
                                      1, NULL, 0, NULL), SV_EFORMAT);
    assert_int_equal(out.size, 0);
    sv_buf_dispose(&line);
    sv_buf_dispose(&out);
}

static void test_jsonl__invalid_utf8_in_a_line(void **state)
{
    sv_reader_options o = jsonl_opts();
    sv_record rec;
    sv_reader *r;

    (void)state;
    r = read_one(&o, "{\"text\":\"a\xFF" "b\",\"n\":1}", &rec, 1);
    assert_string_equal(rec.text, "a" FFFD "b");
    assert_int_equal(rec.invalid_utf8, 1);
    assert_int_equal(rec.first_invalid, 10);
    assert_string_equal(rec.raw, "{\"text\":\"a" FFFD "b\",\"n\":1}");
    sv_reader_free(r);
    o.strict_utf8 = 1;
    r = read_one(&o, "{\"text\":\"a\xFF" "b\"}", &rec, SV_EILSEQ);
    assert_int_equal(sv_reader_error(r)->column, 11);
    sv_reader_free(r);
}

static void test_jsonl__rewrite_with_extra_members(void **state)
{
    sv_buf out = SV_BUF_INIT;
    static const char raw[] = "{ \"id\" : 1.10 , \"score\": 0, \"text\": \"x\" }";
    sv_error err = SV_ERROR_INIT;

    (void)state;
    /* "score" exists: replaced in place; "flags" is new: appended. */
    assert_int_equal(sv_jsonl_rewrite(&out, raw, sizeof(raw) - 1, "text", "y",
                                      1, "\"flags\":[\"a\",1e999],\"score\":0.25",
                                      32, NULL), SV_OK);
    assert_string_equal(out.ptr,
                        "{ \"id\" : 1.10 , \"score\": 0.25, \"text\": \"y\","
                        "\"flags\":[\"a\",1e999] }");
    /* Field absent: appended first, then the extras; empty object. */
    sv_buf_clear(&out);
    assert_int_equal(sv_jsonl_rewrite(&out, "{}", 2, "text", "z", 1,
                                      "\"k\":null", 8, NULL), SV_OK);
    assert_string_equal(out.ptr, "{\"text\":\"z\",\"k\":null}");
    sv_buf_clear(&out);
    assert_int_equal(sv_jsonl_rewrite(&out, " { } ", 5, "text", "z", 1, NULL,
                                      0, NULL), SV_OK);
    assert_string_equal(out.ptr, " {\"text\":\"z\" } ");

    /* Bad extras: SV_EFORMAT and out untouched. */
    sv_buf_clear(&out);
    sv__buf_puts(&out, "keep");
    assert_int_equal(sv_jsonl_rewrite(&out, raw, sizeof(raw) - 1, "text", "y",
                                      1, "\"a\":", 4, &err), SV_EFORMAT);
    assert_string_equal(out.ptr, "keep");
    assert_non_null(strstr(err.message, "extra members"));
    assert_int_equal(sv_jsonl_rewrite(&out, raw, sizeof(raw) - 1, "text", "y",
                                      1, "\"a\":1,\"a\":2", 11, &err),
                     SV_EFORMAT);
    assert_int_equal(sv_jsonl_rewrite(&out, raw, sizeof(raw) - 1, "text", "y",
                                      1, "\"text\":\"q\"", 10, &err),
                     SV_EINVAL);
    /* Not an object. */
    assert_int_equal(sv_jsonl_rewrite(&out, "[1]", 3, "text", "y", 1, NULL, 0,
                                      &err), SV_EFORMAT);
    assert_string_equal(err.message, "not a JSON object");
    assert_int_equal(sv_jsonl_rewrite(&out, "{\"a\":1} x", 9, "text", "y", 1,
                                      NULL, 0, &err), SV_EFORMAT);
    assert_string_equal(out.ptr, "keep");
    sv_buf_dispose(&out);
}

static void test_jsonl__string_writer_escapes_only_what_json_needs(void **state)
{
    sv_buf out = SV_BUF_INIT;
    static const char in[] = "q\" b\\ \x01\x1f\b\f\n\r\t \x7f é 𝄞 "
                             "\xE2\x80\xA8\xE2\x80\xA9 \0 \xC0 /";

    (void)state;
    assert_int_equal(sv_json_append_string(&out, in, sizeof(in) - 1), SV_OK);
    assert_string_equal(out.ptr,
                        "\"q\\\" b\\\\ \\u0001\\u001f\\b\\f\\n\\r\\t \x7f é 𝄞 "
                        "\\u2028\\u2029 \\u0000 " FFFD " /\"");
    sv_buf_clear(&out);
    assert_int_equal(sv_json_append_string(&out, NULL, 0), SV_OK);
    assert_string_equal(out.ptr, "\"\"");
    sv_buf_dispose(&out);
}

/* What the writer produces, jansson reads back as the same string. */
static void test_jsonl__string_writer_round_trips_through_jansson(void **state)
{
    static const char *samples[] = {
        "", "plain", "Песков: «да»", "tab\there", "\x01\x02\x03",
        "\xF0\x9F\x98\x80 emoji", "line\nbreak\r\n", "\xE2\x80\xA8",
    };
    size_t k;

    (void)state;
    for (k = 0; k < sizeof(samples) / sizeof(samples[0]); k++) {
        sv_buf out = SV_BUF_INIT;
        json_error_t je;
        json_t *v;

        assert_int_equal(sv_json_append_string(&out, samples[k],
                                               strlen(samples[k])), SV_OK);
        v = json_loadb(out.ptr, out.size, JSON_DECODE_ANY, &je);
        assert_non_null(v);
        assert_string_equal(json_string_value(v), samples[k]);
        json_decref(v);
        sv_buf_dispose(&out);
    }
}

static void test_jsonl__scanner_finds_member_spans(void **state)
{
    static const char s[] = " {\"a\" : [1,\"]}\\\"\"] ,\"b\":{\"c\":\"}\"}, "
                            "\"d\":-0.5e+3 } ";
    sv__json_iter it;
    sv__json_member m;
    sv_buf scratch = SV_BUF_INIT;

    (void)state;
    assert_int_equal(sv__json_obj_begin(&it, s, sizeof(s) - 1), SV_OK);
    assert_int_equal(sv__json_obj_next(&it, &m), 1);
    assert_int_equal(sv__json_key_equals(s, &m, "a", 1, &scratch), 1);
    assert_memory_equal(s + m.value_start, "[1,\"]}\\\"\"]", 10);
    assert_int_equal(m.value_end - m.value_start, 10);
    assert_int_equal(sv__json_obj_next(&it, &m), 1);
    assert_memory_equal(s + m.value_start, "{\"c\":\"}\"}", 9);
    assert_int_equal(sv__json_obj_next(&it, &m), 1);
    assert_memory_equal(s + m.value_start, "-0.5e+3", 7);
    assert_int_equal(m.value_end - m.value_start, 7);
    assert_int_equal(sv__json_obj_next(&it, &m), 0);
    assert_int_equal(s[it.close], '}');
    assert_int_equal(it.count, 3);
    sv_buf_dispose(&scratch);
}

static void test_jsonl__oom_sweep(void **state)
{
    static const char data[] =
        "{\"te\\u0078t\":\"a\xFF\",\"big\":123456789012345678901234567890}\n"
        "bad\n{\"text\":\"end\"}\n";
    unsigned long n;
    int done = 0;

    (void)state;
    for (n = 1; n < 300 && !done; n++) {
        sv_reader_options o = jsonl_opts();
        sv_buf out = SV_BUF_INIT, w = SV_BUF_INIT;
        int rc, rc2;

        sv__alloc_fail_after(n);
        rc = read_summary(&o, data, sizeof(data) - 1, 4, FROM_MEMORY, &out);
        rc2 = sv_jsonl_rewrite(&w, "{\"a\":1,\"text\":\"\"}", 17, "text",
                               "x", 1, "\"z\":2", 5, NULL);
        sv__alloc_fail_after(0);
        assert_true(rc == 0 || rc == SV_ENOMEM);
        assert_true(rc2 == 0 || rc2 == SV_ENOMEM);
        done = rc == 0 && rc2 == 0 && out.ptr && strstr(out.ptr, "end");
        sv_buf_dispose(&out);
        sv_buf_dispose(&w);
    }
    assert_true(done);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jsonl__reads_text_of_unusual_line),
        cmocka_unit_test(test_jsonl__rewrite_keeps_other_members_byte_for_byte),
        cmocka_unit_test(test_jsonl__escaped_key_names_the_field),
        cmocka_unit_test(test_jsonl__malformed_line_3_of_5_is_line_3),
        cmocka_unit_test(test_jsonl__object_and_field_errors),
        cmocka_unit_test(test_jsonl__missing_ok_passes_objects_through),
        cmocka_unit_test(test_jsonl__blank_lines_are_skipped_and_counted),
        cmocka_unit_test(test_jsonl__crlf_lines),
        cmocka_unit_test(test_jsonl__field_function_matches_the_reader),
        cmocka_unit_test(test_jsonl__utf8_bom_at_start_is_ignored),
        cmocka_unit_test(test_jsonl__deep_nesting_is_a_clean_error),
        cmocka_unit_test(test_jsonl__invalid_utf8_in_a_line),
        cmocka_unit_test(test_jsonl__rewrite_with_extra_members),
        cmocka_unit_test(test_jsonl__string_writer_escapes_only_what_json_needs),
        cmocka_unit_test(test_jsonl__string_writer_round_trips_through_jansson),
        cmocka_unit_test(test_jsonl__scanner_finds_member_spans),
        cmocka_unit_test(test_jsonl__oom_sweep),
    };

    return cmocka_run_group_tests_name("jsonl", tests, NULL, NULL);
}
