/* SPDX-License-Identifier: MIT */
/*
 * unit.lexicon: the ru<->en lexicon.  Exact behaviour on a tiny lexicon in
 * tests/data/lang; inflected lookups on the one built from Mueller in the
 * build tree (skipped when mueller7-dict was absent at build time); the
 * messages when the lexicon is missing, not requested or damaged.
 */
#include <stdlib.h>

#include "lang_helpers.h"
#include "base/alloc.h"

#define BUILT_LEXICON SV_BUILD_DATADIR "/lexicon-ru-en.tsv"

/* The lexicon built from Mueller plus the system dictionaries for stems;
 * skipped when either is missing. */
static sv_resources *built_resources(void)
{
    sv_resources_options o = SV_RESOURCES_OPTIONS_INIT;

    if (!have_file(BUILT_LEXICON)) {
        print_message("skipping: %s was not built (no mueller7-dict)\n",
                      BUILT_LEXICON);
        skip();
    }
    o.dicts_dir = SV_BUILD_DATADIR;
    o.load = SV_LOAD_ALL;
    o.optional = 0;
    return load_or_skip(&o);
}

static void test_lexicon__russian_inflected(void **state)
{
    sv_resources *res = built_resources();
    sv_context *ctx = new_context(res);
    static const char *const forms[] = {"переговоры", "переговорам",
                                        "переговоров", "Переговорами",
                                        "ПЕРЕГОВОРАХ"};
    cands c;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        int rc = translate(ctx, SV_LANG_RU, forms[i], &c);

        assert_true(rc > 0);
        assert_int_equal((unsigned int)rc, c.n);
        if (!has_cand(&c, "negotiations") || !has_cand(&c, "talks"))
            print_error("%s -> %s\n", forms[i], c.text);
        assert_true(has_cand(&c, "negotiations"));
        assert_true(has_cand(&c, "talks"));
        /* the common words come before the rare ones */
        assert_true(cand_pos(&c, "negotiations") < 3);
        assert_true(cand_pos(&c, "talks") < 3);
    }
    assert_true(translate(ctx, SV_LANG_RU, "мира", &c) > 0);
    assert_true(cand_pos(&c, "peace") >= 0 && cand_pos(&c, "peace") < 3);
    expect_at(ctx, SV_LANG_RU, "войны", "war", 0);
    /* perfective verbs reach Mueller's imperfective entries */
    assert_true(translate(ctx, SV_LANG_RU, "заявил", &c) > 0);
    assert_true(has_cand(&c, "declare") && has_cand(&c, "state"));
    assert_true(translate(ctx, SV_LANG_RU, "подчеркнул", &c) > 0);
    assert_true(has_cand(&c, "emphasize") || has_cand(&c, "stress"));
    expect_at(ctx, SV_LANG_RU, "пообещал", "promise", 0);
    /* names and country adjectives from dicts/names.tsv */
    expect_at(ctx, SV_LANG_RU, "США", "US", 0);
    expect_at(ctx, SV_LANG_RU, "российского", "Russian", 0);
    sv_context_free(ctx);
    sv_resources_free(res);
}

static void test_lexicon__english_inflected(void **state)
{
    sv_resources *res = built_resources();
    sv_context *ctx = new_context(res);
    cands c;

    (void)state;
    expect_at(ctx, SV_LANG_EN, "talks", "переговоры", 0);
    /* regular endings before hunspell's stems ("porter", "report") */
    expect_at(ctx, SV_LANG_EN, "reporters", "репортёр", 1);
    /* irregular verbs */
    expect_at(ctx, SV_LANG_EN, "said", "говорить", 0);
    expect_at(ctx, SV_LANG_EN, "told", "рассказывать", 0);
    expect_at(ctx, SV_LANG_EN, "negotiations", "переговоры", 0);
    expect_at(ctx, SV_LANG_EN, "Negotiation", "переговоры", 0);
    /* "talk" itself is a conversation first */
    expect_at(ctx, SV_LANG_EN, "talk", "разговор", 0);
    assert_true(translate(ctx, SV_LANG_EN, "talk", &c) > 0);
    assert_true(has_cand(&c, "переговоры"));
    /* Mueller lists no grammar labels or examples as translations */
    expect_at(ctx, SV_LANG_EN, "peace", "мир", 0);
    assert_true(translate(ctx, SV_LANG_EN, "peace", &c) > 0);
    assert_null(strchr(c.text, '_'));
    assert_null(strchr(c.text, '('));
    assert_null(strchr(c.text, '['));
    assert_int_equal(translate(ctx, SV_LANG_EN, "xqzvtl", &c), 0);
    assert_int_equal(c.n, 0);
    sv_context_free(ctx);
    sv_resources_free(res);
}

/* Exact answers from the tiny lexicon: the form, its lowercase, ё as е,
 * hunspell stems (tiny dictionaries), no duplicates. */
static void test_lexicon__tiny(void **state)
{
    sv_resources *res = load_resources(LANG_DATA "/dicts-tiny",
                                       LANG_DATA "/hunspell", SV_LOAD_ALL, 0);
    sv_context *ctx = new_context(res);
    cands c;

    (void)state;
    assert_int_equal(translate(ctx, SV_LANG_RU, "переговоры", &c), 2);
    assert_string_equal(c.text, "negotiations|talks");
    /* stem from the tiny ru_RU: переговорам -> переговоры */
    assert_int_equal(translate(ctx, SV_LANG_RU, "переговорам", &c), 2);
    assert_string_equal(c.text, "negotiations|talks");
    assert_int_equal(translate(ctx, SV_LANG_RU, "МИР", &c), 2);
    assert_string_equal(c.text, "peace|world");
    assert_int_equal(translate(ctx, SV_LANG_RU, "чёрт", &c), 1);
    assert_string_equal(c.text, "devil");
    assert_int_equal(translate(ctx, SV_LANG_RU, "Москва", &c), 1);
    assert_string_equal(c.text, "Moscow");
    /* "talks" has its own line, which wins over the lemma's */
    assert_int_equal(translate(ctx, SV_LANG_EN, "talks", &c), 1);
    assert_string_equal(c.text, "переговоры");
    assert_int_equal(translate(ctx, SV_LANG_EN, "talked", &c), 2);
    assert_string_equal(c.text, "разговор|беседа");
    /* ending rewrite when stems do not reach the lexicon */
    assert_int_equal(translate(ctx, SV_LANG_EN, "peaces", &c), 2);
    assert_string_equal(c.text, "мир|покой");
    assert_int_equal(translate(ctx, SV_LANG_EN, "мир", &c), 0);
    assert_int_equal(translate(ctx, SV_LANG_RU, "\xd0\xbf\xff", &c), 0);
    assert_int_equal(translate(ctx, SV_LANG_RU, "", &c), 0);
    assert_int_equal(sv_lexicon_translate(ctx, SV_LANG_UND, "a", 1,
                                          collect_cb, &c),
                     SV_EINVAL);
    sv_context_free(ctx);
    sv_resources_free(res);
}

/* Ranking quality on common news words (tests/data/lang/ranking.tsv):
 * the share whose best candidate, and whose top three, hold an
 * acceptable translation. */
static void test_lexicon__ranking(void **state)
{
    sv_resources *res = built_resources();
    sv_context *ctx = new_context(res);
    FILE *f = fopen(LANG_DATA "/ranking.tsv", "r");
    char line[512];
    int total = 0, top1 = 0, top3 = 0;

    (void)state;
    assert_non_null(f);
    while (fgets(line, sizeof(line), f)) {
        char *tab = strchr(line, '\t'), *ok;
        cands c;
        int best = 99;

        if (line[0] == '#' || !tab)
            continue;
        *tab = '\0';
        ok = tab + 1;
        ok[strcspn(ok, "\n")] = '\0';
        translate(ctx, SV_LANG_RU, line, &c);
        while (*ok) {
            size_t n = strcspn(ok, " ");
            char save = ok[n];
            int p;

            ok[n] = '\0';
            p = cand_pos(&c, ok);
            if (p >= 0 && p < best)
                best = p;
            ok[n] = save;
            ok += n + (save != '\0');
        }
        total++;
        top1 += best == 0;
        top3 += best < 3;
        if (best != 0)
            print_message("ranking: %s -> %.60s\n", line, c.text);
    }
    fclose(f);
    print_message("ranking: top-1 %d/%d, top-3 %d/%d\n", top1, total, top3,
                  total);
    assert_true(total >= 50);
    assert_true(top1 * 100 >= total * 75);
    assert_true(top3 * 100 >= total * 90);
    sv_context_free(ctx);
    sv_resources_free(res);
}

/* dicts/names.tsv answers first, in both directions, through stems. */
static void test_lexicon__names(void **state)
{
    sv_resources *res = load_resources(LANG_DATA "/dicts-tiny",
                                       LANG_DATA "/hunspell", SV_LOAD_ALL, 0);
    sv_context *ctx = new_context(res);
    cands c;

    (void)state;
    assert_non_null(strstr(sv_resources_describe(res), "(4 names)"));
    assert_int_equal(translate(ctx, SV_LANG_RU, "Песков", &c), 1);
    assert_string_equal(c.text, "Peskov");
    assert_int_equal(translate(ctx, SV_LANG_RU, "Зеленский", &c), 2);
    assert_string_equal(c.text, "Zelensky|Zelenskyy");
    assert_int_equal(translate(ctx, SV_LANG_EN, "Zelenskyy", &c), 1);
    assert_string_equal(c.text, "Зеленский");
    assert_int_equal(translate(ctx, SV_LANG_EN, "ZELENSKY", &c), 1);
    assert_string_equal(c.text, "Зеленский");
    /* a lowercase word is not the name */
    assert_int_equal(translate(ctx, SV_LANG_EN, "pentagon", &c), 0);
    assert_int_equal(translate(ctx, SV_LANG_EN, "Pentagon", &c), 1);
    sv_context_free(ctx);
    sv_resources_free(res);
}

static void test_lexicon__names_inflected(void **state)
{
    sv_resources *res = built_resources();
    sv_context *ctx = new_context(res);

    (void)state;
    expect_at(ctx, SV_LANG_RU, "Пескова", "Peskov", 0);
    expect_at(ctx, SV_LANG_RU, "Зеленскому", "Zelensky", 0);
    expect_at(ctx, SV_LANG_RU, "Зеленскому", "Zelenskyy", 1);
    expect_at(ctx, SV_LANG_RU, "Госдумы", "State Duma", 0);
    expect_at(ctx, SV_LANG_EN, "Peskov's", "Песков", 0);
    sv_context_free(ctx);
    sv_resources_free(res);
}

/* A malformed names.tsv is an error naming the line. */
static void test_lexicon__names_malformed(void **state)
{
    sv_resources_options o = SV_RESOURCES_OPTIONS_INIT;
    sv_resources *res = NULL;
    sv_error err = SV_ERROR_INIT;

    (void)state;
    o.dicts_dir = LANG_DATA "/dicts-badnames";
    o.optional = 0;
    assert_int_equal(sv_resources_new(&res, &o, &err), SV_EFORMAT);
    assert_null(res);
    assert_non_null(strstr(err.message, "names.tsv:3"));
    assert_int_equal(err.line, 3);
}

static int stop_at_second(const char *t, size_t n, unsigned int rank,
                          void *payload)
{
    (void)t;
    (void)n;
    (void)payload;
    return rank == 1 ? 99 : 0;
}

static void test_lexicon__callback_stops(void **state)
{
    sv_resources *res = load_resources(LANG_DATA "/dicts-tiny",
                                       LANG_DATA "/hunspell", SV_LOAD_ALL, 0);
    sv_context *ctx = new_context(res);

    (void)state;
    assert_int_equal(sv_lexicon_translate(ctx, SV_LANG_RU, "мир",
                                          strlen("мир"), stop_at_second,
                                          NULL),
                     99);
    sv_context_free(ctx);
    sv_resources_free(res);
}

/* Without a lexicon: SV_EUNSUPPORTED with a message saying how to get it,
 * or SV_ENOTFOUND at load time when it was required. */
static void test_lexicon__missing(void **state)
{
    sv_resources_options o = SV_RESOURCES_OPTIONS_INIT;
    sv_resources *res;
    sv_context *ctx;
    sv_error err = SV_ERROR_INIT;
    cands c;

    (void)state;
    res = load_resources(LANG_DATA "/dicts-nolexicon", LANG_DATA "/hunspell",
                         SV_LOAD_DATA, SV_LOAD_ALL);
    assert_int_equal(sv_resources_loaded(res) & SV_LOAD_LEXICON, 0);
    assert_non_null(strstr(sv_resources_describe(res), "lexicon: not loaded"));
    ctx = new_context(res);
    assert_int_equal(translate(ctx, SV_LANG_RU, "переговорам", &c),
                     SV_EUNSUPPORTED);
    assert_int_equal(c.n, 0);
    assert_non_null(strstr(sv_context_errmsg(ctx), "not built"));
    assert_non_null(strstr(sv_context_errmsg(ctx),
                           "apt-get install mueller7-dict"));
    assert_non_null(strstr(sv_context_errmsg(ctx), "rebuild"));
    sv_context_free(ctx);
    sv_resources_free(res);

    o.dicts_dir = LANG_DATA "/dicts-nolexicon";
    o.load = SV_LOAD_LEXICON;
    res = (sv_resources *)&o;
    assert_int_equal(sv_resources_new(&res, &o, &err), SV_ENOTFOUND);
    assert_null(res);
    assert_non_null(strstr(err.message, "lexicon-ru-en.tsv"));
    assert_non_null(strstr(err.message, "mueller7-dict"));
}

static void test_lexicon__not_requested(void **state)
{
    sv_resources *res = load_resources(LANG_DATA "/dicts-tiny", NULL,
                                       SV_LOAD_DATA, 0);
    sv_context *ctx = new_context(res);
    cands c;

    (void)state;
    assert_int_equal(translate(ctx, SV_LANG_EN, "peace", &c),
                     SV_EUNSUPPORTED);
    assert_non_null(strstr(sv_context_errmsg(ctx), "SV_LOAD_LEXICON"));
    sv_context_free(ctx);
    sv_resources_free(res);
}

/* A lexicon out of order is refused, even when only optional. */
static void test_lexicon__damaged(void **state)
{
    sv_resources_options o = SV_RESOURCES_OPTIONS_INIT;
    sv_resources *res = NULL;
    sv_error err = SV_ERROR_INIT;

    (void)state;
    o.dicts_dir = LANG_DATA "/dicts-unsorted";
    o.load = SV_LOAD_DATA;
    o.optional = SV_LOAD_LEXICON;
    assert_int_equal(sv_resources_new(&res, &o, &err), SV_EFORMAT);
    assert_null(res);
    assert_non_null(strstr(err.message, "lexicon-ru-en.tsv:3"));
    assert_non_null(strstr(err.message, "out of order"));
    assert_int_equal(err.line, 3);
}

/* Repeated lookups come from the context's cache and answer the same; a
 * callback may translate with the same context. */
static void test_lexicon__cache(void **state)
{
    sv_resources *res = load_resources(LANG_DATA "/dicts-tiny",
                                       LANG_DATA "/hunspell", SV_LOAD_ALL, 0);
    sv_context *ctx = new_context(res);
    cands a, b;
    int i;

    (void)state;
    assert_int_equal(translate(ctx, SV_LANG_EN, "talking", &a), 2);
    for (i = 0; i < 100; i++) {
        assert_int_equal(translate(ctx, SV_LANG_EN, "talking", &b), 2);
        assert_string_equal(a.text, b.text);
    }
    assert_int_equal(translate(ctx, SV_LANG_RU, "переговорам", &a), 2);
    assert_int_equal(translate(ctx, SV_LANG_RU, "переговорам", &b), 2);
    assert_string_equal(a.text, b.text);
    sv_context_free(ctx);
    sv_resources_free(res);
}

/* STYLE T4: an allocation failing anywhere in a first lookup gives
 * SV_ENOMEM (or the answer), never a wrong or half-cached answer later. */
static void test_lexicon__oom_sweep(void **state)
{
    sv_resources *res = load_resources(LANG_DATA "/dicts-tiny",
                                       LANG_DATA "/hunspell", SV_LOAD_ALL, 0);
    unsigned long n;
    int done = 0;

    (void)state;
    for (n = 1; n < 100 && !done; n++) {
        sv_context *ctx = new_context(res);
        cands c;
        int rc;

        memset(&c, 0, sizeof(c));
        sv__alloc_fail_after(n);
        rc = sv_lexicon_translate(ctx, SV_LANG_RU, "переговорам",
                                  strlen("переговорам"), collect_cb, &c);
        sv__alloc_fail_after(0);
        if (rc == SV_ENOMEM) {
            assert_int_equal(c.n, 0);
            assert_non_null(strstr(sv_context_errmsg(ctx), "out of memory"));
        } else {
            assert_int_equal(rc, 2);
            done = 1;
        }
        /* whatever failed before, the next lookup is right */
        assert_int_equal(translate(ctx, SV_LANG_RU, "переговорам", &c), 2);
        assert_string_equal(c.text, "negotiations|talks");
        sv_context_free(ctx);
    }
    assert_true(done);
    sv_resources_free(res);
}

/* ---- two threads, two contexts, one resources object ---- */

static const char *const thread_words[] = {
    "переговорам", "заявил", "Пескова", "мира", "talks", "negotiations",
    "Zelenskyy", "peace", "войны", "xqzvtl", "санкций", "государства"};
#define N_THREAD_WORDS (sizeof(thread_words) / sizeof(thread_words[0]))

static void translate_answer(sv_context *ctx, const char *w, char *out,
                             size_t size)
{
    cands c;
    int rc = translate(ctx, lang_of(w), w, &c);

    snprintf(out, size, "%d:%s", rc, c.text);
}

static void test_lexicon__two_threads(void **state)
{
    sv_resources *res = built_resources();
    pair_worker *first;

    (void)state;
    run_two_threads(res, thread_words, N_THREAD_WORDS, translate_answer,
                    &first);
    assert_non_null(strstr(first->answers[0], "negotiations"));
    assert_non_null(strstr(first->answers[1], "declare"));
    sv_resources_free(res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lexicon__russian_inflected),
        cmocka_unit_test(test_lexicon__english_inflected),
        cmocka_unit_test(test_lexicon__tiny),
        cmocka_unit_test(test_lexicon__callback_stops),
        cmocka_unit_test(test_lexicon__ranking),
        cmocka_unit_test(test_lexicon__names),
        cmocka_unit_test(test_lexicon__names_inflected),
        cmocka_unit_test(test_lexicon__names_malformed),
        cmocka_unit_test(test_lexicon__missing),
        cmocka_unit_test(test_lexicon__not_requested),
        cmocka_unit_test(test_lexicon__damaged),
        cmocka_unit_test(test_lexicon__cache),
        cmocka_unit_test(test_lexicon__oom_sweep),
        cmocka_unit_test(test_lexicon__two_threads),
    };

    return cmocka_run_group_tests_name("lexicon", tests, NULL, NULL);
}
