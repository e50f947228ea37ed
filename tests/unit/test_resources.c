/* SPDX-License-Identifier: MIT */
/*
 * unit.resources: finding the data directory and the hunspell
 * dictionaries, required versus optional loading, the one-line messages
 * for what is missing, contexts, and an allocation-failure sweep.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, setenv */

#include <stdlib.h>
#include <unistd.h>

#include "lang_helpers.h"
#include "base/alloc.h"

/* An empty directory, removed by the caller with rmdir(). */
static void make_empty_dir(char *tmpl, size_t size)
{
    const char *t = getenv("TMPDIR");

    snprintf(tmpl, size, "%s/sverka-lang-XXXXXX", t && *t ? t : "/tmp");
    assert_non_null(mkdtemp(tmpl));
}

static void test_resources__options_init(void **state)
{
    sv_resources_options o, init = SV_RESOURCES_OPTIONS_INIT;

    (void)state;
    memset(&o, 0xab, sizeof(o));
    assert_int_equal(sv_resources_options_init(&o, SV_RESOURCES_OPTIONS_VERSION),
                     SV_OK);
    assert_int_equal(o.version, init.version);
    assert_null(o.dicts_dir);
    assert_null(o.hunspell_dir);
    assert_int_equal(o.load, SV_LOAD_DATA);
    assert_int_equal(o.optional, SV_LOAD_ALL);
    assert_int_equal(o.spell_cache_max, 0);
    /* no padding: the struct compares byte for byte with its initialiser */
    assert_memory_equal(&o, &init, sizeof(o));
    assert_int_equal(sv_resources_options_init(&o, 999), SV_EINVAL);
}

static void test_resources__bad_version(void **state)
{
    sv_resources_options o = SV_RESOURCES_OPTIONS_INIT;
    sv_resources *res = (sv_resources *)&o;
    sv_error err = SV_ERROR_INIT;

    (void)state;
    o.version = 42;
    assert_int_equal(sv_resources_new(&res, &o, &err), SV_EINVAL);
    assert_null(res);
    assert_non_null(strstr(err.message, "version"));
}

/* The message names the file, the directory tried and the package. */
static void test_resources__missing_dictionary_message(void **state)
{
    char dir[256];
    sv_resources_options o = SV_RESOURCES_OPTIONS_INIT;
    sv_resources *res = NULL;
    sv_error err = SV_ERROR_INIT;
    size_t n;

    (void)state;
    make_empty_dir(dir, sizeof(dir));
    o.dicts_dir = LANG_DATA "/dicts-tiny";
    o.hunspell_dir = dir;
    o.load = SV_LOAD_SPELL_RU;
    o.optional = 0;
    assert_int_equal(sv_resources_new(&res, &o, &err), SV_ENOTFOUND);
    assert_null(res);
    assert_int_equal(err.code, SV_ENOTFOUND);
    assert_non_null(strstr(err.message, "ru_RU.aff/.dic"));
    assert_non_null(strstr(err.message, dir));
    assert_non_null(strstr(err.message, "SVERKA_HUNSPELL"));
#ifndef __APPLE__
    assert_non_null(strstr(err.message, "apt-get install hunspell-ru"));
#endif
    /* STYLE E4: one line, no trailing period */
    n = strlen(err.message);
    assert_null(strchr(err.message, '\n'));
    assert_true(n > 0 && err.message[n - 1] != '.');

    o.load = SV_LOAD_SPELL_EN;
    assert_int_equal(sv_resources_new(&res, &o, &err), SV_ENOTFOUND);
    assert_non_null(strstr(err.message, "en_US.aff/.dic"));
#ifndef __APPLE__
    assert_non_null(strstr(err.message, "hunspell-en-us"));
#endif
    assert_int_equal(rmdir(dir), 0);
}

/* SVERKA_HUNSPELL may list several directories; all are named. */
static void test_resources__missing_lists_every_dir(void **state)
{
    sv_resources_options o = SV_RESOURCES_OPTIONS_INIT;
    sv_resources *res = NULL;
    sv_error err = SV_ERROR_INIT;

    (void)state;
    assert_int_equal(setenv("SVERKA_HUNSPELL",
                            "/nonexistent/sverka-a:/nonexistent/sverka-b", 1),
                     0);
    o.dicts_dir = LANG_DATA "/dicts-tiny";
    o.load = SV_LOAD_SPELL_EN;
    o.optional = 0;
    assert_int_equal(sv_resources_new(&res, &o, &err), SV_ENOTFOUND);
    assert_non_null(strstr(err.message,
                           "/nonexistent/sverka-a, /nonexistent/sverka-b"));
    assert_non_null(strstr(err.message, "(SVERKA_HUNSPELL)"));
    assert_int_equal(unsetenv("SVERKA_HUNSPELL"), 0);
}

/* An optional dictionary that is missing is simply not loaded. */
static void test_resources__optional_missing_is_not_an_error(void **state)
{
    char dir[256];
    sv_resources *res;
    sv_context *ctx;

    (void)state;
    make_empty_dir(dir, sizeof(dir));
    res = load_resources(LANG_DATA "/dicts-tiny", dir, SV_LOAD_DATA,
                         SV_LOAD_ALL);
    assert_int_equal(sv_resources_loaded(res), SV_LOAD_DATA | SV_LOAD_LEXICON);
    assert_non_null(strstr(sv_resources_describe(res), "en_US: not loaded"));
    ctx = new_context(res);
    assert_int_equal(spell(ctx, SV_LANG_EN, "talk"), SV_EUNSUPPORTED);
    assert_non_null(strstr(sv_context_errmsg(ctx), "not loaded"));
    sv_context_free(ctx);
    sv_resources_free(res);
    assert_int_equal(rmdir(dir), 0);
}

/* Required bits load from the given directories. */
static void test_resources__tiny_dictionaries(void **state)
{
    sv_resources *res;
    sv_context *ctx;
    const char *d;

    (void)state;
    res = load_resources(LANG_DATA "/dicts-tiny", LANG_DATA "/hunspell",
                         SV_LOAD_ALL, 0);
    assert_int_equal(sv_resources_loaded(res), SV_LOAD_ALL);
    assert_string_equal(sv_resources_dicts_dir(res), LANG_DATA "/dicts-tiny");
    d = sv_resources_describe(res);
    assert_non_null(strstr(d, LANG_DATA "/hunspell/en_US.dic (UTF-8)"));
    assert_non_null(strstr(d, "+ en_extra.dic"));
    assert_non_null(strstr(d, "lexicon: 5 en-ru, 4 ru-en entries"));
    ctx = new_context(res);
    assert_ptr_equal(sv_context_resources(ctx), res);
    assert_int_equal(spell(ctx, SV_LANG_EN, "talks"), 1);
    assert_int_equal(spell(ctx, SV_LANG_EN, "Peskov"), 1); /* en_extra.dic */
    assert_int_equal(spell(ctx, SV_LANG_EN, "house"), 0);  /* not in tiny */
    assert_int_equal(spell(ctx, SV_LANG_RU, "переговорам"), 1);
    sv_context_free(ctx);
    sv_resources_free(res);
}

/* The data directory: explicit, from SVERKA_DICTS (set by CTest), and a
 * directory without README.md is reported with its origin. */
static void test_resources__data_dir_lookup(void **state)
{
    sv_resources_options o = SV_RESOURCES_OPTIONS_INIT;
    sv_resources *res = NULL;
    sv_error err = SV_ERROR_INIT;
    const char *env = getenv("SVERKA_DICTS");
    char dir[256];

    (void)state;
    if (env && *env) {
        o.optional = 0;
        assert_int_equal(sv_resources_new(&res, &o, &err), SV_OK);
        assert_string_equal(sv_resources_dicts_dir(res), env);
        assert_int_equal(sv_resources_loaded(res), SV_LOAD_DATA);
        sv_resources_free(res);
        res = NULL;
    }
    make_empty_dir(dir, sizeof(dir));
    o.dicts_dir = dir;
    o.optional = 0;
    assert_int_equal(sv_resources_new(&res, &o, &err), SV_ENOTFOUND);
    assert_null(res);
    assert_non_null(strstr(err.message, dir));
    assert_non_null(strstr(err.message, "(--dicts)"));
    assert_non_null(strstr(err.message, "README.md"));

    /* not required: loads without a data directory */
    o.load = 0;
    assert_int_equal(sv_resources_new(&res, &o, &err), SV_OK);
    assert_null(sv_resources_dicts_dir(res));
    assert_int_equal(sv_resources_loaded(res) & SV_LOAD_DATA, 0);
    sv_resources_free(res);
    assert_int_equal(rmdir(dir), 0);
}

static void test_resources__free_null(void **state)
{
    (void)state;
    sv_resources_free(NULL);
    sv_context_free(NULL);
    assert_int_equal(sv_resources_loaded(NULL), 0);
    assert_null(sv_resources_dicts_dir(NULL));
}

/* STYLE T4: every allocation failure gives SV_ENOMEM, frees everything
 * (ASan checks the leaks) and sets *out to NULL; then loading succeeds. */
static void test_resources__oom_sweep(void **state)
{
    sv_resources_options o = SV_RESOURCES_OPTIONS_INIT;
    unsigned long n;
    int ok = 0;

    (void)state;
    o.dicts_dir = LANG_DATA "/dicts-tiny";
    o.hunspell_dir = LANG_DATA "/hunspell";
    o.load = SV_LOAD_ALL;
    for (n = 1; n < 200 && !ok; n++) {
        sv_resources *res = (sv_resources *)&o;
        sv_context *ctx = NULL;
        sv_error err = SV_ERROR_INIT;
        int rc, sp = -100;

        sv__alloc_fail_after(n);
        rc = sv_resources_new(&res, &o, &err);
        if (rc == SV_OK && sv_context_new(&ctx, res, &err) == SV_OK)
            sp = spell(ctx, SV_LANG_RU, "переговорам");
        sv__alloc_fail_after(0);
        if (rc == SV_OK) {
            assert_non_null(res);
            ok = sp == 1;
            if (ctx)
                assert_true(sp == 1 || sp == SV_ENOMEM);
        } else {
            assert_int_equal(rc, SV_ENOMEM);
            assert_null(res);
            assert_string_equal(err.message, "out of memory");
        }
        sv_context_free(ctx);
        sv_resources_free(res);
    }
    assert_true(ok);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_resources__options_init),
        cmocka_unit_test(test_resources__bad_version),
        cmocka_unit_test(test_resources__missing_dictionary_message),
        cmocka_unit_test(test_resources__missing_lists_every_dir),
        cmocka_unit_test(test_resources__optional_missing_is_not_an_error),
        cmocka_unit_test(test_resources__tiny_dictionaries),
        cmocka_unit_test(test_resources__data_dir_lookup),
        cmocka_unit_test(test_resources__free_null),
        cmocka_unit_test(test_resources__oom_sweep),
    };

    return cmocka_run_group_tests_name("resources", tests, NULL, NULL);
}
