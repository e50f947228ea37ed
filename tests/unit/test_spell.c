/* SPDX-License-Identifier: MIT */
/*
 * unit.spell: hunspell through the context in both languages (system
 * dictionaries plus the project's word lists), the capitalisation policy,
 * stems, the word cache and its cap, a non-UTF-8 dictionary, and two
 * contexts used from two threads at once, also through the hunspell
 * handle they share.
 */
#include <stdlib.h>

#include "lang_helpers.h"
#include "lang/spell.h"
#include "sverka/buf.h"

/* The system dictionaries with the project's lists from the build tree
 * ($SVERKA_DICTS); skipped when hunspell-en-us/hunspell-ru are absent. */
static sv_resources *system_resources(void)
{
    sv_resources_options o = SV_RESOURCES_OPTIONS_INIT;

    o.load = SV_LOAD_DATA | SV_LOAD_SPELL_EN | SV_LOAD_SPELL_RU;
    o.optional = 0;
    return load_or_skip(&o);
}

/* Check words against the system dictionaries in a fresh context. */
static void check_system(const word_case *cases, size_t n)
{
    sv_resources *res = system_resources();
    sv_context *ctx = new_context(res);

    check_words(ctx, cases, n);
    sv_context_free(ctx);
    sv_resources_free(res);
}

#define EN SV_LANG_EN
#define RU SV_LANG_RU

static void test_spell__english(void **state)
{
    static const word_case cases[] = {
        {EN, "negotiations", 1}, {EN, "Kremlin", 1}, {EN, "xqzvtl", 0},
        /* from dicts/en_extra.dic, with the en_US affixes */
        {EN, "Peskov", 1}, {EN, "Peskov's", 1}, {EN, "Zelenskyy", 1},
        {EN, "Zakharova", 1}, {EN, "lockdowns", 1}, {EN, "RIAC", 1},
        /* British spellings from dicts/en_british.dic */
        {EN, "colour", 1}, {EN, "neighbours", 1}, {EN, "signalled", 1},
        {EN, "programme", 1}, {EN, "minimised", 1}, {EN, "defence", 1},
        {EN, "humourous", 0}, /* humorous keeps -or- */
        /* the header comment of the word list is not a word */
        {EN, "sverka", 0},
        /* Russian is not English */
        {EN, "переговоры", 0}};

    (void)state;
    check_system(cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_spell__russian(void **state)
{
    static const word_case cases[] = {
        {RU, "переговорам", 1}, {RU, "переговоров", 1}, {RU, "ёжик", 1},
        {RU, "пириговоры", 0},
        /* from dicts/ru_extra.dic, declined through the ru_RU affixes */
        {RU, "Захаровой", 1}, {RU, "Зеленского", 1}, {RU, "Шойгу", 1},
        {RU, "СВО", 1}, {RU, "беспилотники", 1}, {RU, "Росатома", 1},
        {RU, "коронавирусом", 1}, {RU, "talks", 0}};

    (void)state;
    check_system(cases, sizeof(cases) / sizeof(cases[0]));
}

/* hunspell's own capitalisation rules, and SV__SPELL_ANY_CASE on top. */
static void test_spell__capitalisation(void **state)
{
    static const word_case cases[] = {
        {RU, "Москва", 1}, {RU, "МОСКВА", 1}, {RU, "москва", 0},
        {RU, "Переговоры", 1}, {RU, "ПЕРЕГОВОРЫ", 1}, {EN, "Moscow", 1},
        {EN, "moscow", 0}, {EN, "MOSCOW", 1}, {EN, "PESKOV", 1},
        {EN, "peskov", 0}};
    sv_resources *res = system_resources();
    sv_context *ctx = new_context(res);

    (void)state;
    check_words(ctx, cases, sizeof(cases) / sizeof(cases[0]));
    assert_int_equal(sv__spell_known(ctx, SV_LANG_RU, "москва",
                                     strlen("москва"), SV__SPELL_ANY_CASE),
                     1);
    assert_int_equal(sv__spell_known(ctx, SV_LANG_EN, "peskov", 6,
                                     SV__SPELL_ANY_CASE),
                     1);
    assert_int_equal(sv__spell_known(ctx, SV_LANG_EN, "mOSCOW", 6,
                                     SV__SPELL_ANY_CASE),
                     1);
    assert_int_equal(sv__spell_known(ctx, SV_LANG_EN, "xqzvtl", 6,
                                     SV__SPELL_ANY_CASE),
                     0);
    sv_context_free(ctx);
    sv_resources_free(res);
}

/* Input that never reaches hunspell. */
static void test_spell__odd_input(void **state)
{
    sv_resources *res = system_resources();
    sv_context *ctx = new_context(res);
    char longw[SV__SPELL_MAX_WORD + 2];

    (void)state;
    assert_int_equal(sv_spell_check(ctx, SV_LANG_EN, "", 0), 0);
    assert_int_equal(sv_spell_check(ctx, SV_LANG_EN, "talk\xff", 5), 0);
    assert_int_equal(sv_spell_check(ctx, SV_LANG_RU, "\xd0", 1), 0);
    assert_int_equal(sv_spell_check(ctx, SV_LANG_EN, "ta\0lk", 5), 0);
    memset(longw, 'a', sizeof(longw));
    assert_int_equal(sv_spell_check(ctx, SV_LANG_EN, longw, sizeof(longw)), 0);
    /* a length, not a NUL, ends the word */
    assert_int_equal(sv_spell_check(ctx, SV_LANG_EN, "talks about", 5), 1);
    assert_int_equal(sv_spell_check(ctx, SV_LANG_UND, "talk", 4), SV_EINVAL);
    sv_context_free(ctx);
    sv_resources_free(res);
}

typedef struct stem_list {
    char text[512];
    size_t len;
    int n;
} stem_list;

static int stem_cb(const char *s, size_t n, void *payload)
{
    stem_list *l = payload;

    if (l->len + n + 2 < sizeof(l->text)) {
        if (l->len)
            l->text[l->len++] = ' ';
        memcpy(l->text + l->len, s, n);
        l->len += n;
        l->text[l->len] = '\0';
    }
    l->n++;
    return 0;
}

static stem_list stems_of(sv_context *ctx, sv_lang lang, const char *w)
{
    stem_list l;
    int rc;

    memset(&l, 0, sizeof(l));
    rc = sv__spell_stems(ctx, lang, w, strlen(w), stem_cb, &l);
    assert_int_equal(rc, l.n);
    return l;
}

static int stop_cb(const char *s, size_t n, void *payload)
{
    (void)s;
    (void)n;
    (void)payload;
    return 17;
}

static void test_spell__stems(void **state)
{
    sv_resources *res = system_resources();
    sv_context *ctx = new_context(res);
    stem_list l;

    (void)state;
    l = stems_of(ctx, SV_LANG_RU, "переговорам");
    assert_string_equal(l.text, "переговоры");
    l = stems_of(ctx, SV_LANG_RU, "МОСКВА");
    assert_string_equal(l.text, "Москва");
    l = stems_of(ctx, SV_LANG_RU, "Захаровой");
    assert_string_equal(l.text, "Захарова");
    l = stems_of(ctx, SV_LANG_EN, "talks");
    assert_string_equal(l.text, "talk");
    l = stems_of(ctx, SV_LANG_EN, "xqzvtl");
    assert_int_equal(l.n, 0);
    /* cached: the same answer the second time */
    l = stems_of(ctx, SV_LANG_RU, "переговорам");
    assert_string_equal(l.text, "переговоры");
    assert_int_equal(sv__spell_stems(ctx, SV_LANG_EN, "talks", 5, stop_cb,
                                     NULL),
                     17);
    sv_context_free(ctx);
    sv_resources_free(res);
}

/* Repeated lookups answer the same and do not grow the cache. */
static void test_spell__cache(void **state)
{
    static const char *const words[] = {"переговоры", "Москва", "москва",
                                        "пириговоры", "Захаровой"};
    sv_resources *res = system_resources();
    sv_context *ctx = new_context(res);
    int first[5], round, i;
    size_t size;

    (void)state;
    assert_int_equal(sv__spell_cache_size(ctx, SV_LANG_RU), 0);
    for (i = 0; i < 5; i++)
        first[i] = spell(ctx, SV_LANG_RU, words[i]);
    size = sv__spell_cache_size(ctx, SV_LANG_RU);
    assert_int_equal(size, 5);
    for (round = 0; round < 3; round++)
        for (i = 0; i < 5; i++)
            assert_int_equal(spell(ctx, SV_LANG_RU, words[i]), first[i]);
    assert_int_equal(sv__spell_cache_size(ctx, SV_LANG_RU), size);
    assert_int_equal(sv__spell_cache_size(ctx, SV_LANG_EN), 0);
    sv_context_free(ctx);
    sv_resources_free(res);
}

/* Past its cap (spell_cache_max) the cache starts afresh; answers and
 * stems stay right. */
static void test_spell__cache_cap(void **state)
{
    sv_resources_options o = SV_RESOURCES_OPTIONS_INIT;
    sv_resources *res = NULL;
    sv_context *ctx;
    sv_error err = SV_ERROR_INIT;
    char w[32];
    int i;
    stem_list l;

    (void)state;
    o.dicts_dir = LANG_DATA "/dicts-tiny";
    o.hunspell_dir = LANG_DATA "/hunspell";
    o.load = SV_LOAD_SPELL_RU;
    o.optional = 0;
    o.spell_cache_max = 1000;
    assert_int_equal(sv_resources_new(&res, &o, &err), SV_OK);
    ctx = new_context(res);
    l = stems_of(ctx, SV_LANG_RU, "переговорам");
    assert_string_equal(l.text, "переговоры");
    for (i = 0; i < 2500; i++) {
        int n = snprintf(w, sizeof(w), "слово%d", i);

        assert_int_equal(sv_spell_check(ctx, SV_LANG_RU, w, (size_t)n), 0);
        assert_true(sv__spell_cache_size(ctx, SV_LANG_RU) <= 1000);
    }
    assert_int_equal(sv__spell_cache_size(ctx, SV_LANG_RU), 2501 % 1000);
    l = stems_of(ctx, SV_LANG_RU, "переговорам");
    assert_string_equal(l.text, "переговоры");
    assert_int_equal(spell(ctx, SV_LANG_RU, "переговоров"), 1);
    sv_context_free(ctx);
    sv_resources_free(res);
}

/* A KOI8-R dictionary: words go in and stems come out as UTF-8. */
/* What the KOI8-R test dictionary (tests/data/lang/koi8, with
 * dicts-tiny's UTF-8 word list) answers, through hunspell or through its
 * compiled list alike. */
static void check_koi8_answers(sv_context *ctx)
{
    stem_list l;

    assert_int_equal(spell(ctx, SV_LANG_RU, "переговорам"), 1);
    assert_int_equal(spell(ctx, SV_LANG_RU, "ПЕРЕГОВОРАМ"), 1);
    /* the UTF-8 word list, converted for the KOI8-R dictionary */
    assert_int_equal(spell(ctx, SV_LANG_RU, "Песков"), 1);
    assert_int_equal(spell(ctx, SV_LANG_RU, "Захарова"), 1);
    assert_int_equal(spell(ctx, SV_LANG_RU, "Лавров"), 0);
    assert_int_equal(spell(ctx, SV_LANG_RU, "Москва"), 1);
    assert_int_equal(spell(ctx, SV_LANG_RU, "москва"), 0);
    assert_int_equal(spell(ctx, SV_LANG_RU, "мирам"), 0);
    /* not representable in KOI8-R: unknown, not an error */
    assert_int_equal(spell(ctx, SV_LANG_RU, "мир\xe2\x84\xa2"), 0);
    l = stems_of(ctx, SV_LANG_RU, "переговоров");
    assert_string_equal(l.text, "переговоры");
}

static void test_spell__non_utf8_dictionary(void **state)
{
    sv_resources *res = load_resources(LANG_DATA "/dicts-tiny",
                                       LANG_DATA "/koi8", SV_LOAD_SPELL_RU,
                                       0);
    sv_context *ctx = new_context(res);

    (void)state;
    assert_non_null(strstr(sv_resources_describe(res), "(KOI8-R)"));
    check_koi8_answers(ctx);
    sv_context_free(ctx);
    sv_resources_free(res);
}

/* The same dictionary through its compiled list (built by sverka-mkwords
 * from the KOI8-R files), and the list refused when the dictionary found
 * is another one. */
static void test_spell__compiled_non_utf8_dictionary(void **state)
{
#ifdef SV_KOI8_WORDLIST_DIR
    sv_resources *res = load_resources(SV_KOI8_WORDLIST_DIR, LANG_DATA "/koi8",
                                       SV_LOAD_SPELL_RU, 0);
    sv_resources *other = load_resources(
        SV_KOI8_WORDLIST_DIR, LANG_DATA "/hunspell", SV_LOAD_SPELL_RU, 0);
    sv_context *ctx = new_context(res);

    (void)state;
    assert_non_null(strstr(sv_resources_describe(res), "compiled: "));
    assert_non_null(strstr(sv_resources_describe(other), "stale"));
    check_koi8_answers(ctx);
    sv_context_free(ctx);
    sv_resources_free(res);
    sv_resources_free(other);
#else
    (void)state;
    skip(); /* the build made no sverka-mkwords */
#endif
}

/* ---- two threads, two contexts, one resources object ---- */

static const char *const thread_words[] = {
    "переговорам", "Москва", "москва", "Захаровой", "пириговоры",
    "negotiations", "Peskov", "moscow", "xqzvtl", "talks", "Зеленского",
    "lockdowns", "МОСКВА", "Шойгу", "беспилотники", "Kremlin"};
#define N_THREAD_WORDS (sizeof(thread_words) / sizeof(thread_words[0]))

static void spell_answer(sv_context *ctx, const char *w, char *out,
                         size_t size)
{
    snprintf(out, size, "%d", spell(ctx, lang_of(w), w));
}

/* fn over words from two threads at once (each with its own context on
 * one resources object) answers as a third context does alone. */
static void check_across_threads(const char *const *words, size_t n,
                                 answer_fn fn)
{
    sv_resources *res = system_resources();
    sv_context *ctx = new_context(res);
    pair_worker *first;
    char here[PAIR_ANSWER];
    size_t i;

    run_two_threads(res, words, n, fn, &first);
    for (i = 0; i < n; i++) {
        fn(ctx, words[i], here, sizeof(here));
        assert_string_equal(first->answers[i], here);
    }
    sv_context_free(ctx);
    sv_resources_free(res);
}

static void test_spell__two_threads(void **state)
{
    (void)state;
    check_across_threads(thread_words, N_THREAD_WORDS, spell_answer);
}

/* Stems come from the one hunspell handle the contexts share under its
 * lock, as do words with digits (which the compiled lists leave to
 * hunspell): two threads at once must get what one thread gets. */
static const char *const stem_words[] = {
    "переговорам", "talks", "Захаровой", "negotiations", "МОСКВА",
    "беспилотники", "lockdowns", "21st", "1945", "2nd", "xqzvtl",
    "Kremlin's", "санкциями", "officials"};
#define N_STEM_WORDS (sizeof(stem_words) / sizeof(stem_words[0]))

static int add_stem(const char *stem, size_t len, void *payload)
{
    sv_buf *b = payload;

    return sv_buf_put(b, stem, len) < 0 || sv_buf_put(b, "|", 1) < 0;
}

static void stems_answer(sv_context *ctx, const char *w, char *out,
                         size_t size)
{
    sv_buf b = SV_BUF_INIT;
    int n = sv__spell_stems(ctx, lang_of(w), w, strlen(w), add_stem, &b);

    snprintf(out, size, "%d %d %s", spell(ctx, lang_of(w), w), n,
             b.ptr ? b.ptr : "");
    sv_buf_dispose(&b);
}

static void test_spell__two_threads_shared_hunspell(void **state)
{
    (void)state;
    check_across_threads(stem_words, N_STEM_WORDS, stems_answer);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spell__english),
        cmocka_unit_test(test_spell__russian),
        cmocka_unit_test(test_spell__capitalisation),
        cmocka_unit_test(test_spell__odd_input),
        cmocka_unit_test(test_spell__stems),
        cmocka_unit_test(test_spell__cache),
        cmocka_unit_test(test_spell__cache_cap),
        cmocka_unit_test(test_spell__non_utf8_dictionary),
        cmocka_unit_test(test_spell__compiled_non_utf8_dictionary),
        cmocka_unit_test(test_spell__two_threads),
        cmocka_unit_test(test_spell__two_threads_shared_hunspell),
    };

    return cmocka_run_group_tests_name("spell", tests, NULL, NULL);
}
