/* SPDX-License-Identifier: MIT */
/*
 * unit.wordset: the compiled word list (src/lang/wordset.c) written and
 * read back, damaged and stale files refused; hunspell's acceptance rules
 * over it (spellrules.c); and the affix expansion (affix.c) on a small
 * affix file of our own.
 */
#include <stdlib.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/buf_internal.h"
#include "lang/affix.h"
#include "lang/spellrules.h"
#include "lang/wordset.h"

#define AFFIX_DATA SV_TEST_DATA "/lang/affix"

/* Sorted byte-wise, as the writer requires. */
static const char *const words[] = {
    "COVID",     "IPHONE",  "Moscow",     "don't", "iPhone", "known",
    "sanctions", "talk",    "talks",      "well",  "Москва", "зелёный",
    "книга",     "москвич", "переговоры", "сине"};
#define N_WORDS (sizeof(words) / sizeof(words[0]))

static char path[] = "/tmp/sverka-unit-wordset-XXXXXX";

static const sv__fingerprint sources[2] = {{10, 0x1234}, {20, 0x5678}};

static void write_words(void)
{
    sv__iconv_pair quote = {"\xE2\x80\x99", "'", 3, 1}; /* ’ -> ' */
    sv_error err = SV_ERROR_INIT;

    assert_int_equal(
        sv__wordset_write(path, words, N_WORDS, sources, 2, &quote, 1, &err),
        SV_OK);
}

static int write_sample(void **state)
{
    int fd = mkstemp(path);

    (void)state;
    if (fd < 0)
        return -1;
    close(fd);
    write_words();
    return 0;
}

static int remove_sample(void **state)
{
    (void)state;
    unlink(path);
    return 0;
}

static sv__wordset *open_sample(void)
{
    sv__wordset *ws = NULL;
    sv_error err = SV_ERROR_INIT;

    assert_int_equal(sv__wordset_open(&ws, path, sources, 2, &err), SV_OK);
    return ws;
}

static void test_wordset__round_trip(void **state)
{
    sv__wordset *ws = open_sample();
    size_t i;

    (void)state;
    assert_int_equal(sv__wordset_count(ws), N_WORDS);
    for (i = 0; i < N_WORDS; i++)
        assert_true(sv__wordset_contains(ws, words[i], strlen(words[i])));
    assert_false(sv__wordset_contains(ws, "talke", 5));
    assert_false(sv__wordset_contains(ws, "AAA", 3));      /* before all */
    assert_false(sv__wordset_contains(ws, "\xD1\x8F", 2)); /* after all */
    assert_false(sv__wordset_contains(ws, "tal", 3));      /* a prefix */
    assert_true(sv__wordset_uses(ws, 0x0451));             /* ё */
    assert_false(sv__wordset_uses(ws, 0x00B0));            /* ° */
    sv__wordset_free(ws);
}

static void test_wordset__stale_and_damaged(void **state)
{
    sv__fingerprint other[2] = {{10, 0x1234}, {21, 0x5678}};
    sv__wordset *ws = NULL;
    sv_error err = SV_ERROR_INIT;
    FILE *f = fopen(path, "rb");
    char buf[4096];
    size_t n, cut;

    (void)state;
    assert_int_equal(sv__wordset_open(&ws, path, other, 2, &err), SV_ERROR);
    assert_null(ws);
    assert_non_null(strstr(err.message, "stale"));
    assert_int_equal(
        sv__wordset_open(&ws, "/nonexistent/x.wordlist", NULL, 0, &err),
        SV_ENOTFOUND);
    assert_non_null(f);
    n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    /* every truncation is refused, none is read past its end */
    for (cut = 0; cut < n; cut++) {
        char *copy = malloc(cut ? cut : 1);

        memcpy(copy, buf, cut);
        assert_int_equal(sv__wordset_from_memory(&ws, copy, cut, &err),
                         SV_EFORMAT);
        free(copy);
    }
    buf[0] = 'X';
    assert_int_equal(sv__wordset_from_memory(&ws, buf, n, &err), SV_EFORMAT);
}

static void test_wordset__writer_checks_order(void **state)
{
    static const char *const unsorted[] = {"b", "a"};
    static const char *const repeated[] = {"a", "a"};
    sv_error err = SV_ERROR_INIT;

    (void)state;
    assert_int_equal(
        sv__wordset_write(path, unsorted, 2, NULL, 0, NULL, 0, &err),
        SV_EINVAL);
    assert_int_equal(
        sv__wordset_write(path, repeated, 2, NULL, 0, NULL, 0, &err),
        SV_EINVAL);
    write_words(); /* restore for the next tests */
}

typedef struct rule_case {
    const char *word;
    int verdict; /* 1, 0, or -1 undecided */
} rule_case;

static void test_wordset__hunspell_rules(void **state)
{
    static const rule_case cases[] = {
        {"talks", 1},
        {"Talks", 1},
        {"TALKS", 1},
        {"tAlks", 0},
        {"Москва", 1},
        {"МОСКВА", 1},
        {"москва", 0},
        {"Moscow", 1},
        {"MOSCOW", 1},
        {"moscow", 0},
        {"iPhone", 1},
        {"IPHONE", 1},
        {"Iphone", 0},
        {"iphone", 0},
        {"COVID", 1},
        {"Covid", 0},
        {"covid", 0},
        /* ICONV: ’ is read as ' */
        {"don't", 1},
        {"don\xE2\x80\x99t", 1},
        {"DON'T", 1},
        /* breaking at hyphens, as hunspell's default BREAK table */
        {"well-known", 1},
        {"Well-known", 1},
        {"WELL-KNOWN", 1},
        {"сине-зелёный", 1},
        {"МОСКВА-МОСКВА", 0}, /* broken as Title */
        {"well-knwn", 0},
        {"-talks", 1},
        {"talks-", 1},
        {"-", 0},
        {"a-b-c-d-e-f-g-h-i-j-k", 0},
        /* a character no word has: rejected without hunspell */
        {"\xD0\xA0\xC2\xB0", 0}, /* Р° */
        /* digits and dots are hunspell's to judge */
        {"21st", -1},
        {"e.g", -1},
        {"1945", -1}};
    sv__wordset *ws = open_sample();
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int got =
            sv__spellrules_check(ws, cases[i].word, strlen(cases[i].word));

        if (got != cases[i].verdict)
            print_error("%s: %d, expected %d\n", cases[i].word, got,
                        cases[i].verdict);
        assert_int_equal(got, cases[i].verdict);
    }
    sv__wordset_free(ws);
}

static int collect(const char *form, size_t len, void *payload)
{
    sv_buf *b = payload;

    return sv_buf_put(b, form, len) < 0 || sv__buf_putc(b, '|') < 0 ? SV_ENOMEM
                                                                    : SV_OK;
}

static int has_form(const sv_buf *forms, const char *w)
{
    char key[128];

    snprintf(key, sizeof(key), "|%s|", w);
    return strstr(forms->ptr, key) != NULL;
}

static void test_wordset__affix_expansion(void **state)
{
    static const char *const expected[] = {
        "lock",  "locks",  "locked", "unlock",  "unlocks", "unlocked", "bake",
        "baked", "day",    "days",   "fly",     "flies",   "книга",    "книгы",
        "книгу", "книгую", "iPhone", "iPhones", "IPHONE",  "IPHONES"};
    static const char *const absent[] = {"bakeed", "daies", "flys",
                                         "unbake", "unday", "книгаю"};
    sv__affixes *a = NULL;
    sv_error err = SV_ERROR_INIT;
    sv_buf forms = SV_BUF_INIT;
    const sv__iconv_pair *iconv;
    size_t i;

    (void)state;
    assert_int_equal(sv__affixes_load(&a, AFFIX_DATA "/small.aff", &err),
                     SV_OK);
    assert_int_equal(sv__buf_putc(&forms, '|'), SV_OK);
    assert_int_equal(sv__affixes_expand(a, AFFIX_DATA "/small.dic", 0, collect,
                                        &forms, &err),
                     SV_OK);
    for (i = 0; i < sizeof(expected) / sizeof(expected[0]); i++) {
        if (!has_form(&forms, expected[i]))
            print_error("missing %s in %s\n", expected[i], forms.ptr);
        assert_true(has_form(&forms, expected[i]));
    }
    for (i = 0; i < sizeof(absent) / sizeof(absent[0]); i++)
        assert_false(has_form(&forms, absent[i]));
    assert_int_equal(sv__affixes_iconv(a, &iconv), 1);
    assert_memory_equal(iconv[0].from, "\xE2\x80\x99", 3);
    assert_string_equal(sv__affixes_encoding(a), "UTF-8");
    sv_buf_dispose(&forms);
    sv__affixes_free(a);
}

static void test_wordset__affix_refusals(void **state)
{
    sv__affixes *a = NULL;
    sv_error err = SV_ERROR_INIT;

    (void)state;
    assert_int_equal(sv__affixes_load(&a, AFFIX_DATA "/compound.aff", &err),
                     SV_EUNSUPPORTED);
    assert_null(a);
    assert_non_null(strstr(err.message, "COMPOUNDFLAG"));
    assert_non_null(strstr(err.message, "line 3"));
    assert_int_equal(sv__affixes_load(&a, AFFIX_DATA "/absent.aff", &err),
                     SV_ENOTFOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wordset__round_trip),
        cmocka_unit_test(test_wordset__stale_and_damaged),
        cmocka_unit_test(test_wordset__writer_checks_order),
        cmocka_unit_test(test_wordset__hunspell_rules),
        cmocka_unit_test(test_wordset__affix_expansion),
        cmocka_unit_test(test_wordset__affix_refusals),
    };

    return cmocka_run_group_tests_name("wordset", tests, write_sample,
                                       remove_sample);
}
