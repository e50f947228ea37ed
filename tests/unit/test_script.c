/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for script classification, script runs (COMMON attachment,
 * brackets), letter counts and the short-span language guess.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lang/script.h"

static void test_script__classifies_common_ranges(void **state)
{
    (void)state;
    assert_int_equal(sv__script_of('a'), SV__SCRIPT_LATIN);
    assert_int_equal(sv__script_of('7'), SV__SCRIPT_COMMON);
    assert_int_equal(sv__script_of(0xE9), SV__SCRIPT_LATIN);     /* é */
    assert_int_equal(sv__script_of(0x17E), SV__SCRIPT_LATIN);    /* ž */
    assert_int_equal(sv__script_of(0x416), SV__SCRIPT_CYRILLIC); /* Ж */
    assert_int_equal(sv__script_of(0x456), SV__SCRIPT_CYRILLIC); /* і */
    assert_int_equal(sv__script_of(0x491), SV__SCRIPT_CYRILLIC); /* ґ */
    assert_int_equal(sv__script_of(0x45B), SV__SCRIPT_CYRILLIC); /* ћ */
    assert_int_equal(sv__script_of(0x3B1), SV__SCRIPT_GREEK);    /* α */
    assert_int_equal(sv__script_of(0x4E2D), SV__SCRIPT_HAN);     /* 中 */
    assert_int_equal(sv__script_of(0x3042), SV__SCRIPT_HIRAGANA);
    assert_int_equal(sv__script_of(0x30AB), SV__SCRIPT_KATAKANA);
    assert_int_equal(sv__script_of(0x30FC), SV__SCRIPT_KATAKANA); /* ー */
    assert_int_equal(sv__script_of(0xAC00), SV__SCRIPT_HANGUL);
    assert_int_equal(sv__script_of(0x2014), SV__SCRIPT_COMMON);  /* — */
    assert_int_equal(sv__script_of(0xAB), SV__SCRIPT_COMMON);    /* « */
    assert_int_equal(sv__script_of(0x301), SV__SCRIPT_INHERITED);
    /* ICU fallback */
    assert_int_equal(sv__script_of(0x5D0), SV__SCRIPT_HEBREW);
    assert_int_equal(sv__script_of(0x627), SV__SCRIPT_ARABIC);
    assert_int_equal(sv__script_of(0x10D0), SV__SCRIPT_OTHER);   /* Georgian */

    assert_int_equal(sv__cclass_of('A'), SV__CC_LETTER);
    assert_int_equal(sv__cclass_of('5'), SV__CC_DIGIT);
    assert_int_equal(sv__cclass_of(0xA0), SV__CC_SPACE);
    assert_int_equal(sv__cclass_of(0x202F), SV__CC_SPACE);
    assert_int_equal(sv__cclass_of(0xAB), SV__CC_PUNCT);
    assert_int_equal(sv__cclass_of(0x2019), SV__CC_PUNCT);
    assert_int_equal(sv__cclass_of('%'), SV__CC_PUNCT);
    assert_int_equal(sv__cclass_of('$'), SV__CC_SYMBOL);
    assert_int_equal(sv__cclass_of(0x20AC), SV__CC_SYMBOL);      /* € */
    assert_int_equal(sv__cclass_of(0x2116), SV__CC_SYMBOL);      /* № */
    assert_int_equal(sv__cclass_of(0x30FC), SV__CC_LETTER);
    assert_int_equal(sv__cclass_of(0x200B), SV__CC_OTHER);
    assert_int_equal(sv__cclass_of(0x0665), SV__CC_DIGIT);       /* Arabic 5 */
    assert_int_equal(sv__cclass_of(0x0301), SV__CC_MARK);
}

/* Collect runs as "Script:text|..." for compact comparisons. */
static void runs_of(const char *text, char *out, size_t size)
{
    sv__script_iter it;
    sv__script_run r;
    size_t k = 0, prev_end = 0;

    out[0] = '\0';
    sv__script_iter_init(&it, text, strlen(text));
    while (sv__script_iter_next(&it, &r)) {
        const char *name = sv__script_name(r.script);
        size_t nl = strlen(name), tl = r.end - r.start;

        assert_int_equal(r.start, prev_end); /* runs tile the text */
        prev_end = r.end;
        assert_true(k + nl + tl + 3 < size);
        memcpy(out + k, name, nl);
        k += nl;
        out[k++] = ':';
        memcpy(out + k, text + r.start, tl);
        k += tl;
        out[k++] = '|';
        out[k] = '\0';
    }
    assert_int_equal(prev_end, strlen(text));
}

static void test_script__runs_attach_common_and_brackets(void **state)
{
    char buf[512];

    (void)state;
    runs_of("Alternative [переговорам] ー is", buf, sizeof(buf));
    assert_string_equal(buf, "Latin:Alternative [|Cyrillic:переговорам|"
                             "Latin:] |Katakana:ー |Latin:is|");
    runs_of("Госдума (State Duma) приняла", buf, sizeof(buf));
    assert_string_equal(buf, "Cyrillic:Госдума (|Latin:State Duma|"
                             "Cyrillic:) приняла|");
    runs_of("  «Да», said he.", buf, sizeof(buf));
    assert_string_equal(buf, "Cyrillic:  «Да», |Latin:said he.|");
    runs_of("2022 — 146 000", buf, sizeof(buf));
    assert_string_equal(buf, "Common:2022 — 146 000|");
    runs_of("", buf, sizeof(buf));
    assert_string_equal(buf, "");
    runs_of("abc\xff\xfe def", buf, sizeof(buf));
    assert_string_equal(buf, "Latin:abc\xff\xfe def|");
}

static void test_script__run_letter_span(void **state)
{
    const char *t = "Peskov [Песков], 2022";
    sv__script_iter it;
    sv__script_run r;

    (void)state;
    sv__script_iter_init(&it, t, strlen(t));
    assert_true(sv__script_iter_next(&it, &r));
    assert_int_equal(r.script, SV__SCRIPT_LATIN);
    assert_int_equal(r.letters, 6);
    assert_int_equal(r.letter_start, 0);
    assert_int_equal(r.letter_end, 6);
    assert_true(sv__script_iter_next(&it, &r));
    assert_int_equal(r.script, SV__SCRIPT_CYRILLIC);
    assert_int_equal(r.letters, 6);
    assert_int_equal(r.end - r.start, 12);
    assert_true(sv__script_iter_next(&it, &r));
    assert_int_equal(r.script, SV__SCRIPT_LATIN);
    assert_int_equal(r.letters, 0);
    assert_false(sv__script_iter_next(&it, &r));
}

static void test_script__counts_and_mostly(void **state)
{
    const char *t = "Путин said 3 слова";
    sv__script_counts c;

    (void)state;
    sv__script_count(t, strlen(t), &c);
    assert_int_equal(c.letters, 14);
    assert_int_equal(c.n[SV__SCRIPT_CYRILLIC], 10);
    assert_int_equal(c.n[SV__SCRIPT_LATIN], 4);
    assert_int_equal(c.digits, 1);
    assert_int_equal(sv__script_dominant(&c, 0.6), SV__SCRIPT_CYRILLIC);
    assert_int_equal(sv__script_dominant(&c, 0.9), SV__SCRIPT_COMMON);
    assert_true(sv__script_is_mostly(t, strlen(t), SV__SCRIPT_CYRILLIC, 0.7));
    assert_false(sv__script_is_mostly(t, strlen(t), SV__SCRIPT_LATIN, 0.5));
    assert_false(sv__script_is_mostly("123", 3, SV__SCRIPT_LATIN, 0.5));
}

typedef struct lang_case {
    const char *text;
    sv__langid want;
} lang_case;

static void test_script__language_guess(void **state)
{
    static const lang_case CASES[] = {
        {"переговорам", SV__LANGID_RU},
        {"Госдума приняла закон о бюджете", SV__LANGID_RU},
        {"мы считаем, что это ошибка", SV__LANGID_RU},
        {"объявил о съезде", SV__LANGID_RU},
        {"Верховна Рада України ухвалила закон", SV__LANGID_UK},
        {"Київ", SV__LANGID_UK},
        {"європейська інтеграція", SV__LANGID_UK},
        {"ґанок", SV__LANGID_UK},
        {"що це таке", SV__LANGID_UK},
        {"Народното събрание на България", SV__LANGID_BG},
        {"президентът каза, че това е грешка", SV__LANGID_BG},
        {"ще бъде във вторник", SV__LANGID_BG},
        {"Ђоковић из Београда", SV__LANGID_SR},
        {"Љубљана је велики град", SV__LANGID_SR},
        {"ћирилица", SV__LANGID_SR},
        {"State Duma", SV__LANGID_EN},
        {"the talks", SV__LANGID_EN},
        {"2022", SV__LANGID_UND},
        {"", SV__LANGID_UND},
        {"Путин Trump Biden Песков", SV__LANGID_UND},
    };
    size_t k;
    double conf;

    (void)state;
    for (k = 0; k < sizeof(CASES) / sizeof(CASES[0]); k++) {
        sv__langid got = sv__lang_guess(CASES[k].text, strlen(CASES[k].text),
                                        &conf);

        if (got != CASES[k].want)
            fail_msg("\"%s\": got %s, want %s", CASES[k].text,
                     sv__langid_code(got), sv__langid_code(CASES[k].want));
        assert_true(conf >= 0.0 && conf <= 1.0);
        if (got != SV__LANGID_UND)
            assert_true(conf > 0.2);
    }
    assert_string_equal(sv__langid_code(SV__LANGID_BG), "bg");
}

/* Optional: every WMT21 segment's ru column should guess "ru" and its
 * en_A column "en" (../shared; skipped when absent). */
static void test_script__language_guess_wmt(void **state)
{
    FILE *f = fopen(SV_SHARED_DIR
                    "/data/align/wmt21-ruen/newstest2021.ru-en.tsv", "rb");
    char *line;
    size_t n[2] = {0, 0}, ok[2] = {0, 0};

    (void)state;
    if (!f) {
        skip();
        return;
    }
    line = malloc(1 << 16);
    assert_non_null(line);
    while (fgets(line, 1 << 16, f)) {
        char *col[7];
        size_t c = 0;
        char *p = line;

        while (c < 7 && p) {
            col[c++] = p;
            p = strchr(p, '\t');
            if (p)
                *p++ = '\0';
        }
        if (c < 6 || strcmp(col[4], "ru") == 0)
            continue;
        n[0]++;
        ok[0] += sv__lang_guess(col[4], strlen(col[4]), NULL) ==
                 SV__LANGID_RU;
        n[1]++;
        ok[1] += sv__lang_guess(col[5], strlen(col[5]), NULL) ==
                 SV__LANGID_EN;
    }
    fclose(f);
    free(line);
    printf("language guess on WMT21: ru %zu/%zu = %.3f, en %zu/%zu = %.3f\n",
           ok[0], n[0], (double)ok[0] / (double)n[0], ok[1], n[1],
           (double)ok[1] / (double)n[1]);
    assert_true(ok[0] >= 0.98 * (double)n[0]);
    assert_true(ok[1] >= 0.98 * (double)n[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_script__classifies_common_ranges),
        cmocka_unit_test(test_script__runs_attach_common_and_brackets),
        cmocka_unit_test(test_script__run_letter_span),
        cmocka_unit_test(test_script__counts_and_mostly),
        cmocka_unit_test(test_script__language_guess),
        cmocka_unit_test(test_script__language_guess_wmt),
    };

    return cmocka_run_group_tests_name("script", tests, NULL, NULL);
}
