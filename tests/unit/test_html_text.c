/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the HTML input reader (sv_html_to_text): a DOCTYPE with an
 * internal subset leaves no "]>" in the text, and the entities it declares
 * are never expanded, from a file or otherwise.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "sverka/io.h"
#include "sverka/sverka.h"

/* The text of a page, asserted to succeed. */
static void text_of(const char *html, sv_buf *out)
{
    sv_error err = SV_ERROR_INIT;

    sv_buf_clear(out);
    assert_int_equal(sv_html_to_text(out, html, strlen(html), &err), SV_OK);
    assert_non_null(out->ptr);
}

static void test_html_text__doctype_internal_subset(void **state)
{
    sv_buf out = SV_BUF_INIT;

    (void)state;
    text_of("<!DOCTYPE html [ <!ENTITY greet \"Hello\"> ]>\n"
            "<html><body><p>Before &greet; after.</p><p>Second.</p>"
            "</body></html>", &out);
    assert_string_equal(out.ptr, "Before &greet; after.\n\nSecond.");
    /* quoted ']' and '>', a comment holding "]>", lower case, a BOM,
     * a comment and an XML declaration before it, space before '>' */
    text_of("\xEF\xBB\xBF<!-- top --><?xml version=\"1.0\"?>\n"
            "<!doctype html PUBLIC \"-//x[y//EN\" [\n"
            "<!ENTITY a \"]>q\"> <!-- ]> --> <!ENTITY b 'c]>'>\n"
            "]  >\n<p>t &a; &b;</p>", &out);
    assert_string_equal(out.ptr, "t &a; &b;");
    /* without a subset nothing changes */
    text_of("<!DOCTYPE html>\n<p>x &amp; y]&gt;</p>", &out);
    assert_string_equal(out.ptr, "x & y]>");
    /* a subset never closed is left to the parser: no crash, text kept */
    text_of("<!DOCTYPE html [ <!ENTITY a \"x\"> <p>never closed", &out);
    assert_non_null(strstr(out.ptr, "never closed"));
    /* a DOCTYPE after text is not a prologue and is not cut */
    text_of("<p>a</p><!DOCTYPE html [ ]><p>b</p>", &out);
    assert_non_null(strstr(out.ptr, "a"));
    assert_non_null(strstr(out.ptr, "b"));
    sv_buf_dispose(&out);
}

/* External and parameter entities in the subset: the file they name is
 * not read, the internal ones are not expanded, bombs do nothing. */
static void test_html_text__subset_entities_not_expanded(void **state)
{
    char path[] = "/tmp/sv_html_secretXXXXXX", html[1024];
    static const char secret[] = "TOPSECRETMARKER";
    sv_buf out = SV_BUF_INIT;
    int fd = mkstemp(path);

    (void)state;
    assert_true(fd >= 0);
    assert_int_equal(write(fd, secret, strlen(secret)), (ssize_t)strlen(secret));
    close(fd);
    snprintf(html, sizeof(html),
             "<!DOCTYPE html [\n"
             "<!ENTITY s SYSTEM \"file://%s\">\n"
             "<!ENTITY %% p SYSTEM \"file://%s\"> %%p;\n"
             "<!ENTITY l0 \"ha\"><!ENTITY l1 \"&l0;&l0;&l0;&l0;&l0;&l0;\">\n"
             "<!ENTITY l2 \"&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;\">\n"
             "]>\n<html><body><p>[&s;] [&l2;]</p></body></html>",
             path, path);
    text_of(html, &out);
    unlink(path);
    assert_null(strstr(out.ptr, secret));
    assert_null(strstr(out.ptr, "haha"));
    assert_null(strstr(out.ptr, "]>"));
    assert_string_equal(out.ptr, "[&s;] [&l2;]");
    sv_buf_dispose(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_text__doctype_internal_subset),
        cmocka_unit_test(test_html_text__subset_entities_not_expanded),
    };

    return cmocka_run_group_tests_name("html_text", tests, NULL, NULL);
}
