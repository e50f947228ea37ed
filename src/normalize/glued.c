/* SPDX-License-Identifier: MIT */
/*
 * glued step: a sentence end with no space before the next sentence
 * ("developments.Touching", "mark”.He said", "пятницу.Стороны",
 * "US.“But") gets its space.  Left alone: abbreviations from the lists
 * (U.S., e.g., a.m., г., т.е., руб., млрд, St.), initials ("В.В.Путин",
 * "J.R.R."), anything followed by a lowercase letter or digit (domains
 * Rt.com, www.mid.ru, decimals 8.4, versions 1.2.3, dates 14.02.2022),
 * domain-like brand names ("Lenta.Ru"), dotted identifiers
 * ("System.Collections.Generic") and code-like tokens.  ICU's sentence
 * rules find no break in these (issue 3), so this is rule-based.
 */
#include "normalize/normalize_internal.h"

#include <string.h>

#include "sverka/errors.h"

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

static int is_opener(uint32_t cp)
{
    return cp == 0x201C || cp == 0xAB || cp == 0x201E || cp == '"' ||
           cp == 0x2018 || cp == '(';
}

/* Words that start sentences.  "Capitalised.Capitalised" is more often a
 * name ("Kostroma.Today", "Yandex.Market") than two glued sentences, so
 * after a capitalised word the next one must be one of these
 * ("February.The", "Песков.По"). */
static int sentence_starter(const char *w, size_t len)
{
    static const char *const WORDS[] = {
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You",
        "This", "That", "These", "Those", "There", "His", "Her", "Its",
        "Their", "Our", "My", "But", "And", "Or", "So", "Yet", "In", "On",
        "At", "As", "By", "For", "From", "To", "With", "After", "Before",
        "If", "When", "While", "Since", "Although", "However", "According",
        "Meanwhile", "Moreover", "Also", "Earlier", "Later", "Last", "Now",
        "Then", "Still", "Despite", "During", "What", "Why", "How", "Who",
        "Where", "Separately", "Other", "Some", "Many", "Most", "All",
        "\xD0\x9E\xD0\xBD", "\xD0\x9E\xD0\xBD\xD0\xB0",             /* Он Она */
        "\xD0\x9E\xD0\xBD\xD0\xB8", "\xD0\x9C\xD1\x8B",             /* Они Мы */
        "\xD0\xAF", "\xD0\x92\xD1\x8B", "\xD0\xAD\xD1\x82\xD0\xBE", /* Я Вы Это */
        "\xD0\x9D\xD0\xBE", "\xD0\x98", "\xD0\x90", "\xD0\x92",     /* Но И А В */
        "\xD0\x9D\xD0\xB0", "\xD0\x9F\xD0\xBE", "\xD0\xA1",         /* На По С */
        "\xD0\x9A", "\xD0\x9E", "\xD0\x98\xD0\xB7",                   /* К О Из */
        "\xD0\x97\xD0\xB0", "\xD0\x94\xD0\xBB\xD1\x8F",             /* За Для */
        "\xD0\x9F\xD1\x80\xD0\xB8",                                   /* При */
        "\xD0\x9F\xD0\xBE\xD1\x81\xD0\xBB\xD0\xB5",                 /* После */
        "\xD0\x9E\xD0\xB4\xD0\xBD\xD0\xB0\xD0\xBA\xD0\xBE",       /* Однако */
        "\xD0\x9A\xD0\xB0\xD0\xBA", "\xD0\xA2\xD0\xB0\xD0\xBA",   /* Как Так */
        "\xD0\xA2\xD0\xB0\xD0\xBA\xD0\xB6\xD0\xB5",                 /* Также */
        "\xD0\x9A\xD1\x80\xD0\xBE\xD0\xBC\xD0\xB5",                 /* Кроме */
        "\xD0\xA0\xD0\xB0\xD0\xBD\xD0\xB5\xD0\xB5",                 /* Ранее */
        "\xD0\x95\xD0\xB3\xD0\xBE", "\xD0\x98\xD1\x85",             /* Его Их */
        "\xD0\x95\xD1\x81\xD0\xBB\xD0\xB8",                           /* Если */
        "\xD0\x9A\xD0\xBE\xD0\xB3\xD0\xB4\xD0\xB0",                 /* Когда */
        "\xD0\xA5\xD0\xBE\xD1\x82\xD1\x8F",                           /* Хотя */
        "\xD0\x9F\xD0\xBE\xD1\x8D\xD1\x82\xD0\xBE\xD0\xBC\xD1\x83", /* Поэтому */
        "\xD0\xA7\xD1\x82\xD0\xBE", "\xD0\x9A\xD1\x82\xD0\xBE",   /* Что Кто */
        "\xD0\x9F\xD0\xBE\xD0\xB7\xD0\xB6\xD0\xB5",                 /* Позже */
        "\xD0\xA1\xD0\xB5\xD0\xB9\xD1\x87\xD0\xB0\xD1\x81",       /* Сейчас */
    };
    size_t k;

    for (k = 0; k < sizeof(WORDS) / sizeof(WORDS[0]); k++)
        if (strlen(WORDS[k]) == len && memcmp(WORDS[k], w, len) == 0)
            return 1;
    return 0;
}

/* Top-level domains and domain-like endings of brand names. */
static int tld_like(const char *w, size_t len)
{
    static const char *const TLD[] = {
        "ru", "com", "net", "org", "info", "io", "uk", "su", "ua", "by",
        "kz", "de", "fr", "tv", "fm", "news", "\xD1\x80\xD1\x84", /* рф */
    };
    size_t k, j;

    for (k = 0; k < sizeof(TLD) / sizeof(TLD[0]); k++) {
        if (strlen(TLD[k]) != len)
            continue;
        for (j = 0; j < len; j++) {
            char a = w[j], b = TLD[k][j];

            if (a >= 'A' && a <= 'Z')
                a = (char)(a + 32);
            if (a != b)
                break;
        }
        if (j == len)
            return 1;
    }
    /* Cyrillic "РФ" */
    return len == 4 && memcmp(w, "\xD0\xA0\xD0\xA4", 4) == 0;
}

/* Whitespace-delimited token around i contains code-like characters? */
static int code_like(const char *in, size_t len, size_t i)
{
    size_t a = i, b = i;

    while (a > 0 && !is_space((unsigned char)in[a - 1]))
        a--;
    while (b < len && !is_space((unsigned char)in[b]))
        b++;
    for (; a < b; a++) {
        char c = in[a];

        if (c == '_' || c == '/' || c == '=' || c == '<' || c == '>' ||
            c == '{' || c == '}' || c == '@' || c == '#' || c == '\\' ||
            c == '*' || c == '|')
            return 1;
        /* a call "f(x)", not a parenthesis opening the token "(MFA)." */
        if (c == '(' && a > 0 && !is_space((unsigned char)in[a - 1]))
            return 1;
    }
    return 0;
}

/* The left side at in[i] (the punctuation): a sentence end?  *capital is
 * set when the word before starts with a capital letter. */
static int left_ok(const sv__step_env *env, const char *in, size_t i,
                   int *capital)
{
    size_t ws = i, n, letters = 0;
    uint32_t p;
    int dotted = 0;

    if (i == 0)
        return 0;
    p = sv__cp_at(in, i, sv__cp_before(in, i), &n);
    if ((sv__cp_is_closer(p) && p != '\'') || p == '%')
        return 1; /* "question mark”.He", "rose 3.5%.Analysts" */
    if (!sv__cp_is_letter(p) && !(p >= '0' && p <= '9'))
        return 0;
    /* the word before: letters, digits and inner dots */
    while (ws > 0) {
        size_t b = sv__cp_before(in, ws);
        uint32_t c = sv__cp_at(in, i, b, &n);

        if (c == '.') {
            dotted = 1;
        } else if (sv__cp_is_letter(c)) {
            letters++;
        } else if (!(c >= '0' && c <= '9') && c != '-' && c != 0x2019 &&
                   c != '\'') {
            break;
        }
        ws = b;
    }
    if (dotted || letters == 1)
        return 0; /* initials, dotted abbreviations, "Plan B." */
    *capital = sv__cp_is_upper(sv__cp_at(in, i, ws, &n));
    if (env->norm && sv__norm_is_abbrev(env->norm, in + ws, i - ws))
        return 0;
    return 1;
}

/* The right side from in[k]: an opening quote, then an uppercase letter
 * starting a word that is not a TLD, acronym tail or dotted identifier. */
static int right_ok(const char *in, size_t len, size_t k, int left_closer,
                    int *plain_word, size_t *ws, size_t *we)
{
    size_t n, u = k, e, letters = 0, upper = 0;
    uint32_t cp;

    if (k >= len)
        return 0;
    cp = sv__cp_at(in, len, k, &n);
    if (is_opener(cp)) {
        u = k + n;
        if (u >= len)
            return 0;
        cp = sv__cp_at(in, len, u, &n);
    }
    if (!sv__cp_is_upper(cp))
        return 0;
    for (e = u; e < len; e += n) {
        cp = sv__cp_at(in, len, e, &n);
        if (!sv__cp_is_letter(cp))
            break;
        letters++;
        upper += sv__cp_is_upper(cp);
    }
    if (e < len && in[e] == '.' && e + 1 < len &&
        !is_space((unsigned char)in[e + 1]))
        return 0; /* dotted identifier */
    if (u == k && tld_like(in + u, e - u))
        return 0; /* Lenta.Ru, Mail.Ru */
    if (!left_closer && u == k && letters >= 2 && letters == upper &&
        letters <= 4)
        return 0; /* Node.JS, ASP.NET */
    *plain_word = u == k; /* no opening quote before it */
    *ws = u;
    *we = e;
    return 1;
}

int sv__step_glued(const char *in, size_t in_len, sv_buf *out,
                   sv__editlist *edits, const sv__step_env *env)
{
    sv__writer w;
    size_t i = 0;
    int rc;

    sv__writer_init(&w, in, in_len, out, edits, sv__name_glued);
    while (i < in_len) {
        size_t k, n, rs = 0, re = 0;
        uint32_t p;
        int closer, capital, plain = 0;

        if ((i = sv__find3(in, i, in_len, '.', '!', '?')) >= in_len)
            break;
        k = i + 1;
        while (k < in_len && (in[k] == '!' || in[k] == '?'))
            k++;
        if (k < in_len && in[k] == '.') { /* ellipsis or ".." */
            i = k + 1;
            continue;
        }
        while (k < in_len) { /* closing quotes and brackets */
            uint32_t c = sv__cp_at(in, in_len, k, &n);

            if (!sv__cp_is_closer(c) || c == '\'')
                break;
            k += n;
        }
        p = i > 0 ? sv__cp_at(in, in_len, sv__cp_before(in, i), &n) : 0;
        closer = sv__cp_is_closer(p) || p == '%';
        capital = 0;
        if (right_ok(in, in_len, k, closer, &plain, &rs, &re) &&
            left_ok(env, in, i, &capital) && !code_like(in, in_len, i) &&
            (closer || !capital || !plain || in[i] != '.' || k > i + 1 ||
             sentence_starter(in + rs, re - rs))) {
            if ((rc = sv__writer_replace(&w, k, k, " ", 1)) < 0)
                return rc;
        }
        i = k > i + 1 ? k : i + 1;
    }
    return sv__writer_finish(&w);
}
