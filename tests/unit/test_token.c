/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the word tokenizer (words with apostrophes and hyphens,
 * numbers with group separators and suffixes, flags, sentence starts),
 * the number normaliser and month names.
 */
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "lang/token.h"

/* Render tokens (skipping spaces) as "K:text|" with K = W N P S O. */
static void toks_of(const char *text, char *out, size_t size)
{
    static const char KIND[] = "?WNPSYO";
    sv__tokenizer t;
    sv__token tok;
    size_t k = 0, covered = 0;

    out[0] = '\0';
    sv__tok_init(&t, text, strlen(text), 0);
    while (sv__tok_next(&t, &tok)) {
        size_t tl = tok.end - tok.start;

        assert_int_equal(tok.start, covered); /* tokens tile the text */
        assert_true(tok.end > tok.start);
        covered = tok.end;
        if (tok.kind == SV__TOK_SPACE)
            continue;
        assert_true(k + tl + 4 < size);
        out[k++] = KIND[tok.kind];
        out[k++] = ':';
        memcpy(out + k, text + tok.start, tl);
        k += tl;
        out[k++] = '|';
        out[k] = '\0';
    }
    assert_int_equal(covered, strlen(text));
}

static void check_toks(const char *text, const char *want)
{
    char buf[1024];

    toks_of(text, buf, sizeof(buf));
    if (strcmp(buf, want) != 0)
        fail_msg("\"%s\"\n got  %s\n want %s", text, buf, want);
}

static void test_token__words(void **state)
{
    (void)state;
    check_toks("don't stop", "W:don't|W:stop|");
    check_toks("Peskov’s remarks", "W:Peskov’s|W:remarks|");
    check_toks("the States' role", "W:the|W:States|P:'|W:role|");
    check_toks("пресс-секретарь Кремля", "W:пресс-секретарь|W:Кремля|");
    check_toks("COVID-19 and G7", "W:COVID-19|W:and|W:G7|");
    check_toks("слово — другое", "W:слово|P:—|W:другое|");
    check_toks("well-known -- fact", "W:well-known|P:--|W:fact|");
    check_toks("end-", "W:end|P:-|");
    check_toks("Ukraine’s", "W:Ukraine’s|");
    check_toks("naïve café", "W:naïve|W:café|");
    check_toks("中国人 ー дела", "W:中国人|W:ー|W:дела|");
}

static void test_token__numbers(void **state)
{
    (void)state;
    check_toks("146 000 000 people", "N:146 000 000|W:people|");
    check_toks("146\xC2\xA0" "000\xC2\xA0" "000 человек",
               "N:146\xC2\xA0" "000\xC2\xA0" "000|W:человек|");
    check_toks("10\xE2\x80\xAF" "000", "N:10\xE2\x80\xAF" "000|");
    check_toks("146,000,000 and 8.4", "N:146,000,000|W:and|N:8.4|");
    check_toks("1,5 млн.", "N:1,5|W:млн|P:.|");
    check_toks("in 2022.", "W:in|N:2022|P:.|");
    check_toks("in 2022 100 people", "W:in|N:2022|N:100|W:people|");
    check_toks("16-го февраля", "N:16-го|W:февраля|");
    check_toks("в 1990-х годах", "W:в|N:1990-х|W:годах|");
    check_toks("the 5th and 21st", "W:the|N:5th|W:and|N:21st|");
    check_toks("5G and 3D", "W:5G|W:and|W:3D|");
    check_toks("5-летний план", "W:5-летний|W:план|");
    check_toks("16.02.2022", "N:16.02.2022|");
    check_toks("1,2,3", "N:1|P:,|N:2,3|"); /* a list: left to right */
    check_toks("2022-2023", "N:2022|P:-|N:2023|");
    check_toks("-5%", "P:-|N:5|P:%|");
    check_toks("$8.4 bn", "Y:$|N:8.4|W:bn|");
    check_toks("146,000.5", "N:146,000.5|");
    check_toks("12, 13", "N:12|P:,|N:13|");
}

static void test_token__punct_and_other(void **state)
{
    (void)state;
    check_toks("Wait... what?!", "W:Wait|P:...|W:what|P:?|P:!|");
    check_toks("«Да»", "P:«|W:Да|P:»|");
    check_toks("a\xff" "b", "W:a|O:\xff|W:b|");
    check_toks("x\xe2\x80\x8by", "W:x|O:\xe2\x80\x8b|W:y|");
    check_toks("", "");
}

/* First token of text (after optional skips). */
static sv__token first_tok(const char *text)
{
    sv__tokenizer t;
    sv__token tok;

    sv__tok_init(&t, text, strlen(text), SV__TOK_SKIP_SPACE);
    assert_true(sv__tok_next(&t, &tok));
    return tok;
}

static void test_token__flags(void **state)
{
    sv__token tok;

    (void)state;
    tok = first_tok("Peskov");
    assert_true(tok.flags & SV__TOKF_CAP);
    assert_false(tok.flags & SV__TOKF_ALLCAPS);
    assert_true(tok.flags & SV__TOKF_ASCII);
    assert_true(tok.flags & SV__TOKF_LATIN);
    assert_int_equal(tok.script, SV__SCRIPT_LATIN);
    tok = first_tok("МИД");
    assert_true(tok.flags & SV__TOKF_ALLCAPS);
    assert_true(tok.flags & SV__TOKF_CYRILLIC);
    assert_false(tok.flags & SV__TOKF_ASCII);
    assert_int_equal(tok.script, SV__SCRIPT_CYRILLIC);
    tok = first_tok("Pоссия"); /* Latin P + Cyrillic */
    assert_true(tok.flags & SV__TOKF_MIXED);
    assert_true(tok.flags & SV__TOKF_LATIN);
    assert_true(tok.flags & SV__TOKF_CYRILLIC);
    assert_int_equal(tok.script, SV__SCRIPT_CYRILLIC);
    tok = first_tok("Ćwikła");
    assert_true(tok.flags & SV__TOKF_CAP);
    tok = first_tok("ҐОНТА");
    assert_true(tok.flags & SV__TOKF_ALLCAPS);
    tok = first_tok("G7");
    assert_true(tok.flags & SV__TOKF_DIGIT);
    assert_false(tok.flags & SV__TOKF_ALLCAPS);
    tok = first_tok("16-го");
    assert_int_equal(tok.kind, SV__TOK_NUMBER);
    assert_true(tok.flags & SV__TOKF_SUFFIX);
    tok = first_tok("10 000");
    assert_true(tok.flags & SV__TOKF_GROUPED);
    tok = first_tok("8,4");
    assert_true(tok.flags & SV__TOKF_DECIMAL);
    tok = first_tok("don't");
    assert_true(tok.flags & SV__TOKF_APOS);
    tok = first_tok("пресс-секретарь");
    assert_true(tok.flags & SV__TOKF_HYPHEN);
    tok = first_tok("«");
    assert_true(tok.flags & SV__TOKF_OPEN);
}

/* The plain-letter fast path (ASCII, U+0400..U+045F) and the general
 * loop must agree at their edges: Ё/ё, Я/я, the bytes next to the ASCII
 * letters, and U+0460 just past the fast range. */
static void test_token__plain_letter_edges(void **state)
{
    sv__token tok;

    (void)state;
    tok = first_tok("\xD0\x81\xD0\xBB\xD0\xBA\xD0\xB0"); /* Ёлка */
    assert_true(tok.flags & SV__TOKF_CAP);
    assert_int_equal(tok.script, SV__SCRIPT_CYRILLIC);
    tok = first_tok("\xD1\x91\xD0\x9B\xD0\x9A"); /* ёЛК */
    assert_false(tok.flags & (SV__TOKF_CAP | SV__TOKF_ALLCAPS));
    tok = first_tok("\xD0\xAF\xD0\x97\xD0\xAB\xD0\x9A"); /* ЯЗЫК */
    assert_true(tok.flags & SV__TOKF_ALLCAPS);
    tok = first_tok("\xD1\x8F\xD1\x8F"); /* яя */
    assert_false(tok.flags & SV__TOKF_CAP);
    assert_true(tok.flags & SV__TOKF_CYRILLIC);
    tok = first_tok("\xD1\xA0\xD0\xBC"); /* Ѡм: U+0460 then м */
    assert_int_equal(tok.kind, SV__TOK_WORD);
    assert_int_equal(tok.end, 4);
    assert_true(tok.flags & SV__TOKF_CAP);
    assert_int_equal(tok.script, SV__SCRIPT_CYRILLIC);
    tok = first_tok("aZ");
    assert_false(tok.flags & SV__TOKF_CAP);
    tok = first_tok("\xE4\xB8\xAD\xE6\x96\x87"); /* one other script */
    assert_int_equal(tok.script, SV__SCRIPT_HAN);
    assert_false(tok.flags & SV__TOKF_MIXED);
    check_toks("`ab @cd [ef", "Y:`|W:ab|P:@|W:cd|P:[|W:ef|");
    check_toks("Moscow\xD0\x9C", "W:Moscow\xD0\x9C|");
}

static void test_token__sentence_starts_and_spaces(void **state)
{
    const char *text = "One two. «Three» four! 5 six\n\nseven eight";
    const char *starts[] = {"One", "Three", "5", "seven"};
    sv__tokenizer t;
    sv__token tok;
    size_t k = 0, spaces = 0;

    (void)state;
    sv__tok_init(&t, text, strlen(text), 0);
    while (sv__tok_next(&t, &tok)) {
        if (tok.kind == SV__TOK_SPACE) {
            spaces++;
            if (tok.end - tok.start == 2) {
                assert_true(tok.flags & SV__TOKF_NEWLINE);
                assert_true(tok.flags & SV__TOKF_PARA);
            }
            continue;
        }
        if (tok.flags & SV__TOKF_SENT_START) {
            assert_true(k < 4);
            assert_int_equal(tok.end - tok.start, strlen(starts[k]));
            assert_memory_equal(text + tok.start, starts[k],
                                strlen(starts[k]));
            k++;
        }
    }
    assert_int_equal(k, 4);
    assert_int_equal(spaces, 7);
}

static void test_token__possessive(void **state)
{
    const char *a = "Peskov’s", *b = "Russia's", *c = "Paris";
    sv__token tok;

    (void)state;
    tok = first_tok(a);
    assert_int_equal(sv__tok_possessive_len(a, &tok), 4);
    tok = first_tok(b);
    assert_int_equal(sv__tok_possessive_len(b, &tok), 2);
    tok = first_tok(c);
    assert_int_equal(sv__tok_possessive_len(c, &tok), 0);
}

typedef struct canon_case {
    const char *in;
    sv__langid lang;
    const char *want; /* NULL: not a number */
    double value;
} canon_case;

static void test_token__number_canon(void **state)
{
    static const canon_case CASES[] = {
        {"10 000", SV__LANGID_UND, "10000", 10000},
        {"10,000", SV__LANGID_EN, "10000", 10000},
        {"10000", SV__LANGID_RU, "10000", 10000},
        {"10\xC2\xA0" "000", SV__LANGID_RU, "10000", 10000},
        {"146 000 000", SV__LANGID_RU, "146000000", 146000000},
        {"146,000,000", SV__LANGID_EN, "146000000", 146000000},
        {"8,4", SV__LANGID_RU, "8.4", 8.4},
        {"8.4", SV__LANGID_EN, "8.4", 8.4},
        {"1,5", SV__LANGID_EN, "1.5", 1.5},
        {"1,500", SV__LANGID_EN, "1500", 1500},
        {"1,500", SV__LANGID_RU, "1.500", 1.5},
        {"1.500", SV__LANGID_EN, "1.500", 1.5},
        {"1.500", SV__LANGID_RU, "1500", 1500},
        {"146,000.25", SV__LANGID_EN, "146000.25", 146000.25},
        {"1 000,5", SV__LANGID_RU, "1000.5", 1000.5},
        {"16-го", SV__LANGID_RU, "16", 16},
        {"21st", SV__LANGID_EN, "21", 21},
        {"2022", SV__LANGID_UND, "2022", 2022},
        {"16.02.2022", SV__LANGID_RU, "16.02.2022", -1},
        {"abc", SV__LANGID_EN, NULL, 0},
        {"12 apples", SV__LANGID_EN, NULL, 0},
        {"1,2,3", SV__LANGID_EN, NULL, 0},
    };
    char out[64];
    double v;
    size_t k;

    (void)state;
    for (k = 0; k < sizeof(CASES) / sizeof(CASES[0]); k++) {
        const canon_case *c = &CASES[k];
        int n = sv__number_canon(c->in, strlen(c->in), c->lang, out,
                                 sizeof(out), &v);

        if (!c->want) {
            if (n >= 0)
                fail_msg("\"%s\" gave \"%s\"", c->in, out);
            continue;
        }
        if (n < 0 || strcmp(out, c->want) != 0)
            fail_msg("\"%s\": got \"%s\", want \"%s\"", c->in,
                     n < 0 ? "(none)" : out, c->want);
        assert_int_equal((size_t)n, strlen(c->want));
        if (c->value < 0)
            assert_true(isnan(v));
        else
            assert_true(fabs(v - c->value) < 1e-9);
    }
    /* too small an output buffer */
    assert_int_equal(sv__number_canon("146000000", 9, SV__LANGID_EN, out, 4,
                                      NULL), -1);
}

static void test_token__months(void **state)
{
    (void)state;
    assert_int_equal(sv__month_of("февраля", strlen("февраля")), 2);
    assert_int_equal(sv__month_of("Февраль", strlen("Февраль")), 2);
    assert_int_equal(sv__month_of("марте", strlen("марте")), 3);
    assert_int_equal(sv__month_of("мая", strlen("мая")), 5);
    assert_int_equal(sv__month_of("августа", strlen("августа")), 8);
    assert_int_equal(sv__month_of("дек.", strlen("дек.")), 12);
    assert_int_equal(sv__month_of("February", 8), 2);
    assert_int_equal(sv__month_of("Feb.", 4), 2);
    assert_int_equal(sv__month_of("SEPT", 4), 9);
    assert_int_equal(sv__month_of("May", 3), 5);
    assert_int_equal(sv__month_of("may", 3), 0);
    assert_int_equal(sv__month_of("march", 5), 0);
    assert_int_equal(sv__month_of("маяк", strlen("маяк")), 0);
    assert_int_equal(sv__month_of("мама", strlen("мама")), 0);
    assert_int_equal(sv__month_of("Monday", 6), 0);
}

typedef struct date_case {
    const char *text;
    const char *expr; /* the date expression found, or NULL */
    int year, month, day;
} date_case;

static void test_token__dates(void **state)
{
    static const date_case CASES[] = {
        {"Встреча 16 февраля 2022 года", "16 февраля 2022", 2022, 2, 16},
        {"к 16-го февраля", "16-го февраля", 0, 2, 16},
        {"on February 16, 2022, he said", "February 16, 2022", 2022, 2, 16},
        {"on 16 February the", "16 February", 0, 2, 16},
        {"delivered on Jan. 26.", "Jan. 26", 0, 1, 26},
        {"в феврале 2022 г.", "феврале 2022", 2022, 2, 0},
        {"in May 2021 and", "May 2021", 2021, 5, 0},
        {"дата 14.02.2022, время", "14.02.2022", 2022, 2, 14},
        {"ISO 2022-02-16 date", "2022-02-16", 2022, 2, 16},
        {"you may 16 times", NULL, 0, 0, 0},
        {"version 1.2.3 and 8.4", NULL, 0, 0, 0},
        {"in 2022 with 146 000", NULL, 0, 0, 0},
    };
    size_t k;

    (void)state;
    for (k = 0; k < sizeof(CASES) / sizeof(CASES[0]); k++) {
        const date_case *c = &CASES[k];
        sv__date d;
        size_t pos = 0;
        int found = sv__date_find(c->text, strlen(c->text), &pos, &d);

        if (!c->expr) {
            if (found)
                fail_msg("\"%s\": unexpected date \"%.*s\"", c->text,
                         (int)(d.end - d.start), c->text + d.start);
            continue;
        }
        if (!found)
            fail_msg("\"%s\": no date", c->text);
        if (d.end - d.start != strlen(c->expr) ||
            memcmp(c->text + d.start, c->expr, strlen(c->expr)) != 0)
            fail_msg("\"%s\": found \"%.*s\"", c->text,
                     (int)(d.end - d.start), c->text + d.start);
        assert_int_equal(d.year, c->year);
        assert_int_equal(d.month, c->month);
        assert_int_equal(d.day, c->day);
        assert_int_equal(pos, d.end);
    }
}

static void test_token__date_match(void **state)
{
    const char *ru = "Переговоры 16 февраля и 3 марта 2022 г.";
    const char *en = "Talks on March 3, 2022 and February 16.";
    sv__date a[4], b[4];
    size_t na = 0, nb = 0, pos = 0;

    (void)state;
    while (na < 4 && sv__date_find(ru, strlen(ru), &pos, &a[na]))
        na++;
    pos = 0;
    while (nb < 4 && sv__date_find(en, strlen(en), &pos, &b[nb]))
        nb++;
    assert_int_equal(na, 2);
    assert_int_equal(nb, 2);
    assert_true(sv__date_match(&a[0], &b[1]));  /* 16 Feb */
    assert_true(sv__date_match(&a[1], &b[0]));  /* 3 Mar 2022 */
    assert_false(sv__date_match(&a[0], &b[0]));
    b[0].year = 2021;
    assert_false(sv__date_match(&a[1], &b[0]));
}

/* Random text built from fragments that exercise every path (and raw
 * bytes): tokens tile it, numbers canonicalise or refuse, the date
 * finder terminates, script runs tile it. */
static void test_token__random_text(void **state)
{
    static const char *const FRAG[] = {
        "a", "Z", "я", "Ж", " ", "\xC2\xA0", "\n", "\n\n", ".", ",", "-",
        "'", "\xE2\x80\x99", "1", "9", "000", "«", "»", "(", ")", "[",
        "\xE3\x83\xBC", "\xE4\xB8\xAD", "\xff", "\xC3", "\xE2\x80",
        "февраля", "Feb", "16", "-го", "th", "%", "$", "\xF0\x9F\x98\x80",
        "\xCC\x81", "\xE2\x80\xAF", "?", "!", "\""};
    char text[256], out[64];
    unsigned seed = 12345;
    int iter;

    (void)state;
    for (iter = 0; iter < 20000; iter++) {
        size_t len = 0, covered = 0, pos = 0;
        sv__tokenizer t;
        sv__token tok;
        sv__script_iter it;
        sv__script_run r;
        sv__date d;
        int nf = (int)(seed % 24);

        while (nf-- > 0) {
            const char *f;
            size_t fl;

            seed = seed * 1103515245u + 12345u;
            f = FRAG[(seed >> 8) % (sizeof(FRAG) / sizeof(FRAG[0]))];
            fl = strlen(f);
            if (len + fl >= sizeof(text))
                break;
            memcpy(text + len, f, fl);
            len += fl;
        }
        seed = seed * 1103515245u + 12345u;
        sv__tok_init(&t, text, len, 0);
        while (sv__tok_next(&t, &tok)) {
            assert_int_equal(tok.start, covered);
            assert_true(tok.end > tok.start && tok.end <= len);
            covered = tok.end;
            if (tok.kind == SV__TOK_NUMBER)
                (void)sv__number_canon(text + tok.start,
                                       tok.end - tok.start, SV__LANGID_RU,
                                       out, sizeof(out), NULL);
        }
        assert_int_equal(covered, len);
        covered = 0;
        sv__script_iter_init(&it, text, len);
        while (sv__script_iter_next(&it, &r)) {
            assert_int_equal(r.start, covered);
            assert_true(r.end > r.start && r.end <= len);
            assert_true(r.letter_start >= r.start &&
                        r.letter_end <= r.end);
            covered = r.end;
        }
        assert_int_equal(covered, len);
        while (sv__date_find(text, len, &pos, &d))
            assert_true(d.start < d.end && d.end <= len && pos == d.end);
        (void)sv__lang_guess(text, len, NULL);
    }
}

/* Throughput on ~8 MB of mixed news text: the WMT21 ru-en file when
 * ../shared is present (both languages, 50/50), else the segmenter's
 * gold paragraphs; each repeated. */
static void test_token__speed(void **state)
{
    const char *paths[2] = {
        SV_SHARED_DIR "/data/align/wmt21-ruen/newstest2021.ru-en.tsv",
        SV_TEST_DATA "/segment/ru.txt"};
    char *src = NULL, *big;
    size_t slen = 0, blen = 0, k, toks = 0, words = 0;
    FILE *f = NULL;
    sv__tokenizer t;
    sv__token tok;
    clock_t t0;
    double secs;

    (void)state;
    for (k = 0; k < 2 && !f; k++)
        f = fopen(paths[k], "rb");
    assert_non_null(f);
    src = malloc(1 << 20);
    assert_non_null(src);
    slen = fread(src, 1, 1 << 20, f);
    fclose(f);
    big = malloc(8u << 20);
    assert_non_null(big);
    while (blen + slen <= (8u << 20)) {
        memcpy(big + blen, src, slen);
        blen += slen;
    }
    t0 = clock();
    sv__tok_init(&t, big, blen, SV__TOK_SKIP_SPACE);
    while (sv__tok_next(&t, &tok)) {
        toks++;
        words += tok.kind == SV__TOK_WORD;
    }
    secs = (double)(clock() - t0) / CLOCKS_PER_SEC + 1e-9;
    printf("tokenizer: %.1f MB in %.3f s = %.1f MB/s (%zu tokens, %zu "
           "words) from %s\n", (double)blen / 1e6, secs,
           (double)blen / 1e6 / secs, toks, words, paths[k - 1]);
    assert_true(words > 0);
    free(src);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_token__words),
        cmocka_unit_test(test_token__numbers),
        cmocka_unit_test(test_token__punct_and_other),
        cmocka_unit_test(test_token__flags),
        cmocka_unit_test(test_token__plain_letter_edges),
        cmocka_unit_test(test_token__sentence_starts_and_spaces),
        cmocka_unit_test(test_token__possessive),
        cmocka_unit_test(test_token__number_canon),
        cmocka_unit_test(test_token__months),
        cmocka_unit_test(test_token__dates),
        cmocka_unit_test(test_token__date_match),
        cmocka_unit_test(test_token__random_text),
        cmocka_unit_test(test_token__speed),
    };

    return cmocka_run_group_tests_name("token", tests, NULL, NULL);
}
