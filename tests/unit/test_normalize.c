/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the normalization pipeline: options and step tables, the
 * default pipeline end to end, edit composition across steps (every edit
 * points into the original input), the invariant that the edits rebuild
 * the input, invalid UTF-8, limits, OOM, and facts about the seed
 * documents in ../shared (skipped when absent).
 */
#include "norm_helpers.h"

#include <pthread.h>

#include "base/alloc.h"

static void test_normalize__options_init(void **state)
{
    sv_normalize_options a = SV_NORMALIZE_OPTIONS_INIT, b;

    (void)state;
    memset(&b, 0xff, sizeof(b));
    assert_int_equal(sv_normalize_options_init(&b, SV_NORMALIZE_OPTIONS_VERSION),
                     SV_OK);
    assert_memory_equal(&a, &b, sizeof(a));
    assert_int_equal(a.steps & SV_STEP_ENTITIES, 0);
    assert_int_equal(a.drop, 0);
    assert_int_equal(sv_normalize_options_init(&b, 99), SV_EINVAL);
    assert_int_equal(sv_normalize_options_init(NULL, 1), SV_EINVAL);
}

static void test_normalize__step_table(void **state)
{
    size_t n = 0, i;
    const sv_normalize_step_info *t = sv_normalize_steps(&n);
    unsigned int seen = 0;

    (void)state;
    assert_int_equal(n, 11);
    for (i = 0; i < n; i++) {
        assert_non_null(t[i].description);
        assert_int_equal(sv_normalize_step_from_name(t[i].name,
                                                     strlen(t[i].name)),
                         t[i].bit);
        assert_string_equal(sv_normalize_step_name(t[i].bit), t[i].name);
        seen |= t[i].bit;
    }
    assert_int_equal(seen, SV_STEPS_ALL);
    /* pipeline order: mojibake before controls */
    assert_string_equal(t[1].name, "mojibake");
    assert_string_equal(t[3].name, "controls");
    assert_int_equal(sv_normalize_step_from_name("all", 3), SV_STEPS_ALL);
    assert_int_equal(sv_normalize_step_from_name("space", 5), 0);
    assert_null(sv_normalize_step_name(SV_STEP_SPACES | SV_STEP_GLUED));
}

static void test_normalize__drop_list(void **state)
{
    unsigned int d = 0;

    (void)state;
    assert_int_equal(sv_normalize_drop_from_list("all", 3, &d), SV_OK);
    assert_int_equal(d, SV_DROP_ALL);
    assert_int_equal(sv_normalize_drop_from_list("notes,duplicates", 16, &d),
                     SV_OK);
    assert_int_equal(d, SV_DROP_NOTES | SV_DROP_DUPLICATES);
    assert_int_equal(sv_normalize_drop_from_list("boilerplate", 11, &d),
                     SV_OK);
    assert_int_equal(d, SV_DROP_BOILERPLATE);
    assert_int_equal(sv_normalize_drop_from_list("notes,bogus", 11, &d),
                     SV_EINVAL);
}

static void test_normalize__bad_options(void **state)
{
    sv_normalize_options o = SV_NORMALIZE_OPTIONS_INIT;
    sv_normalizer *n = (sv_normalizer *)&o;
    sv_error err = SV_ERROR_INIT;

    (void)state;
    o.quotes = (sv_quote_style)7;
    assert_int_equal(sv_normalizer_new(&n, &o, NULL, &err), SV_EINVAL);
    assert_null(n);
    assert_true(strlen(err.message) > 0);
    o = (sv_normalize_options)SV_NORMALIZE_OPTIONS_INIT;
    o.version = 42;
    assert_int_equal(sv_normalizer_new(&n, &o, NULL, &err), SV_EINVAL);
    sv_normalizer_free(NULL);
}

/* The default pipeline on a small messy text, and every edit points into
 * the original. */
static void test_normalize__default_pipeline(void **state)
{
    const char *in = "\xEF\xBB\xBFThe talks\xC2\xA0\xC2\xA0 went on "
                     "\xE3\x83\xBC as expected.Then he left.\r\n"
                     "Next day  \r\n\r\n\r\n\r\nend";
    const char *want = "The talks went on \xE2\x80\x94 as expected. Then he "
                       "left.\nNext day\n\nend";
    sv_normalize_options o = SV_NORMALIZE_OPTIONS_INIT;
    sv_normalize_result res = SV_NORMALIZE_RESULT_INIT;
    sv_buf out = SV_BUF_INIT;
    size_t i;

    (void)state;
    norm_run_opts(&o, NULL, NULL, in, &out, &res);
    assert_string_equal(out.ptr, want);
    assert_true(res.edit_count >= 5);
    for (i = 0; i < res.edit_count; i++) {
        const sv_normalize_edit *e = &res.edits[i];

        assert_true(e->in_end <= strlen(in));
        assert_true(e->out_end <= out.size);
        assert_non_null(e->step);
        if (i)
            assert_true(e->in_start >= res.edits[i - 1].in_end);
    }
    /* the BOM is the first edit, deleted by controls */
    assert_int_equal(res.edits[0].in_start, 0);
    assert_int_equal(res.edits[0].in_end, 3);
    assert_int_equal(res.edits[0].out_end, 0);
    assert_string_equal(res.edits[0].step, "controls");
    /* "then" in the output maps back to "Then" in the input */
    {
        const char *o_then = strstr(out.ptr, "Then");
        const char *i_then = strstr(in, "Then");

        assert_int_equal(sv_normalize_map_back(&res, (size_t)(o_then - out.ptr), 0),
                         (size_t)(i_then - in));
    }
    assert_true(res.counts[3] >= 1); /* controls */
    assert_true(res.counts[5] >= 1); /* spaces */
    sv_buf_dispose(&out);
    sv_normalize_result_dispose(&res);
}

/* A change made by an early step inside text a later step changes again:
 * the composed edit still covers the original bytes. */
static void test_normalize__composition(void **state)
{
    /* soft hyphen inside a word (controls) next to NBSP (spaces) next to a
     * glued sentence end (glued) */
    const char *in = "nego\xC2\xADtiations.\xC2\xA0\xC2\xA0Then";
    sv_normalize_options o = SV_NORMALIZE_OPTIONS_INIT;
    sv_normalize_result res = SV_NORMALIZE_RESULT_INIT;
    sv_buf out = SV_BUF_INIT;

    (void)state;
    norm_run_opts(&o, NULL, NULL, in, &out, &res);
    assert_string_equal(out.ptr, "negotiations. Then");
    assert_int_equal(res.edit_count, 2);
    assert_int_equal(res.edits[0].in_start, 4);
    assert_int_equal(res.edits[0].in_end, 6);
    assert_int_equal(res.edits[1].in_start, 15);
    assert_int_equal(res.edits[1].in_end, 19);
    assert_int_equal(res.edits[1].out_end - res.edits[1].out_start, 1);
    assert_int_equal(sv_normalize_map_back(&res, 14, 0), 19); /* "T" */
    sv_buf_dispose(&out);
    sv_normalize_result_dispose(&res);
}

/* The invariant on many inputs with all steps on, reusing one result. */
static void test_normalize__invariant(void **state)
{
    static const char *const inputs[] = {
        "", "\n", "a", "  \n \n\n\n  x  ", "\xC2\xA0",
        "Mосква and Рutin.Then \xE2\x80\x95 more\xE2\x80\xA6",
        "\xD0\x9F\xD0\xB5\xD1\x81\xD0\xBA\xD0\xBE\xD0\xB2 \xC2\xAB"
        "\xD0\xB4\xD0\xB0\xC2\xBB, \xD0\xB8 146\xC2\xA0" "000\xC2\xA0" "000.",
        "e\xCC\x81t\xC3\xA9 \xEF\xBC\x81 A\xCC\x8A \xE2\x84\xAB",
        "\xFF\xFEinvalid \xC3 bytes\xE2\x82", "&amp;&#x2019;&bogus;&#0;",
        "Home Politics Item\nSharing is caring!\n\nLeave a Reply",
        "\r\r\n\x01\x7f\xC2\x85\xE2\x80\xA8x\xE2\x80\x8B\xE2\x80\x8D",
    };
    sv_normalize_options o = SV_NORMALIZE_OPTIONS_INIT;
    sv_normalize_result res = SV_NORMALIZE_RESULT_INIT;
    sv_buf out = SV_BUF_INIT;
    sv_normalizer *n = NULL;
    sv_error err = SV_ERROR_INIT;
    size_t i;
    int mark;

    (void)state;
    o.steps = SV_STEPS_ALL;
    o.drop = SV_DROP_ALL;
    o.quotes = SV_QUOTES_TYPOGRAPHIC;
    for (mark = 0; mark < 2; mark++) {
        o.mark = (unsigned)mark;
        assert_int_equal(sv_normalizer_new(&n, &o, NULL, &err), SV_OK);
        for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
            size_t len = strlen(inputs[i]);

            assert_int_equal(sv_normalize_run(n, NULL, inputs[i], len, &out,
                                              &res, &err), SV_OK);
            assert_true(sv_normalize_verify(inputs[i], len, out.ptr,
                                            out.size, &res));
            /* and a tampered output fails the check */
            if (out.size > 0 && res.edit_count > 0) {
                out.ptr[out.size - 1] ^= 1;
                if (res.edits[res.edit_count - 1].out_end < out.size)
                    assert_false(sv_normalize_verify(inputs[i], len, out.ptr,
                                                     out.size, &res));
            }
        }
        sv_normalizer_free(n);
    }
    sv_buf_dispose(&out);
    sv_normalize_result_dispose(&res);
}

static void test_normalize__invalid_utf8(void **state)
{
    const char in[] = "ok \xC3( and \xF0\x9F tail";
    sv_normalize_options o = SV_NORMALIZE_OPTIONS_INIT;
    sv_normalize_result res = SV_NORMALIZE_RESULT_INIT;
    sv_buf out = SV_BUF_INIT;
    sv_normalizer *n = NULL;
    sv_error err = SV_ERROR_INIT;

    (void)state;
    norm_run_opts(&o, NULL, NULL, in, &out, &res);
    assert_string_equal(out.ptr, "ok \xEF\xBF\xBD( and \xEF\xBF\xBD tail");
    assert_int_equal(res.invalid_utf8, 2);
    assert_string_equal(res.edits[0].step, "decode");
    /* strict: decode off */
    o.steps &= ~(unsigned)SV_STEP_DECODE;
    assert_int_equal(sv_normalizer_new(&n, &o, NULL, &err), SV_OK);
    assert_int_equal(sv_normalize_run(n, NULL, in, strlen(in), &out, &res,
                                      &err), SV_EILSEQ);
    assert_int_equal(err.byte_offset, 3);
    sv_normalizer_free(n);
    sv_buf_dispose(&out);
    sv_normalize_result_dispose(&res);
}

static void test_normalize__too_big(void **state)
{
    sv_normalize_options o = SV_NORMALIZE_OPTIONS_INIT;
    sv_normalizer *n = NULL;
    sv_error err = SV_ERROR_INIT;
    sv_buf out = SV_BUF_INIT;

    (void)state;
    o.max_input = 4;
    assert_int_equal(sv_normalizer_new(&n, &o, NULL, &err), SV_OK);
    assert_int_equal(sv_normalize_run(n, NULL, "12345", 5, &out, NULL, &err),
                     SV_ETOOBIG);
    assert_int_equal(sv_normalize_run(n, NULL, "1234", 4, &out, NULL, &err),
                     SV_OK);
    assert_string_equal(out.ptr, "1234");
    sv_normalizer_free(n);
    sv_buf_dispose(&out);
}

static void test_normalize__locate(void **state)
{
    const char *t = "ab\n\xD0\x9F\xD1\x80x\nz";
    size_t line = 0, col = 0;

    (void)state;
    assert_int_equal(sv_normalize_locate(t, strlen(t), 0, &line, &col), SV_OK);
    assert_int_equal(line, 1);
    assert_int_equal(col, 1);
    assert_int_equal(sv_normalize_locate(t, strlen(t), 7, &line, &col), SV_OK);
    assert_int_equal(line, 2);
    assert_int_equal(col, 3); /* after two Cyrillic letters */
    assert_int_equal(sv_normalize_locate(t, strlen(t), 9, &line, &col), SV_OK);
    assert_int_equal(line, 3);
    assert_int_equal(col, 1);
    assert_int_equal(sv_normalize_locate(t, 2, 3, &line, &col), SV_EINVAL);
}

/* Every allocation failing in turn: the right code, no leak, no crash. */
static void test_normalize__oom(void **state)
{
    const char *in = "Home Politics X\nMосква.Then \xC2\xA0 e\xCC\x81 x\n"
                     "Home Politics X\n";
    sv_normalize_options o = SV_NORMALIZE_OPTIONS_INIT;
    unsigned long k;

    (void)state;
    o.drop = SV_DROP_ALL;
    for (k = 1; k < 400; k++) {
        sv_normalizer *n = NULL;
        sv_normalize_result res = SV_NORMALIZE_RESULT_INIT;
        sv_buf out = SV_BUF_INIT;
        sv_error err = SV_ERROR_INIT;
        int rc;

        sv__alloc_fail_after(k);
        rc = sv_normalizer_new(&n, &o, NULL, &err);
        if (rc == SV_OK)
            rc = sv_normalize_run(n, NULL, in, strlen(in), &out, &res, &err);
        sv__alloc_fail_after(0);
        sv_normalizer_free(n);
        sv_buf_dispose(&out);
        sv_normalize_result_dispose(&res);
        if (rc == SV_OK)
            return;
        assert_int_equal(rc, SV_ENOMEM);
    }
    fail_msg("still failing after 400 allocations");
}

/* One normalizer, several threads, each with its own result: the outputs
 * equal a serial run. */
typedef struct thread_arg {
    const sv_normalizer *n;
    const char *in;
    const char *want;
    int ok;
} thread_arg;

static void *thread_main(void *p)
{
    thread_arg *a = p;
    sv_normalize_result res = SV_NORMALIZE_RESULT_INIT;
    sv_buf out = SV_BUF_INIT;
    int i;

    a->ok = 1;
    for (i = 0; i < 200; i++) {
        if (sv_normalize_run(a->n, NULL, a->in, strlen(a->in), &out, &res,
                             NULL) != SV_OK ||
            strcmp(out.ptr, a->want) != 0)
            a->ok = 0;
    }
    sv_buf_dispose(&out);
    sv_normalize_result_dispose(&res);
    return NULL;
}

static void test_normalize__threads(void **state)
{
    const char *in = "Title one two\n\nMосква.Then e\xCC\x81 \xC2\xA0x "
                     "- y z\n\nTitle one two\nLeave a Reply";
    sv_normalize_options o = SV_NORMALIZE_OPTIONS_INIT;
    sv_normalizer *n = NULL;
    sv_buf want = SV_BUF_INIT;
    pthread_t t[4];
    thread_arg a[4];
    int i;

    (void)state;
    o.drop = SV_DROP_ALL;
    assert_int_equal(sv_normalizer_new(&n, &o, NULL, NULL), SV_OK);
    assert_int_equal(sv_normalize_run(n, NULL, in, strlen(in), &want, NULL,
                                      NULL), SV_OK);
    for (i = 0; i < 4; i++) {
        a[i].n = n;
        a[i].in = in;
        a[i].want = want.ptr;
        assert_int_equal(pthread_create(&t[i], NULL, thread_main, &a[i]), 0);
    }
    for (i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_true(a[i].ok);
    }
    sv_normalizer_free(n);
    sv_buf_dispose(&want);
}

/* ---- facts about the seed documents (../shared/seeds) ----------------- */

static char *read_seed(const char *prefix, size_t *len)
{
    char path[512];
    FILE *f;
    char *buf;
    long sz;

    snprintf(path, sizeof(path), "%s/seeds", SV_SHARED_DIR);
    /* the seed names carry a hash; find by prefix */
    {
        static const char *const names[] = {
            "000_1aa63f4d77c4362e.txt", "001_4407d142b209daaa.txt",
            "002_81aa94f30b2ebf1f.txt", "003_27ff90d956bebb31.txt",
            "004_13ac4cbc4fd4abfe.txt",
        };
        size_t i;

        for (i = 0; i < 5; i++)
            if (strncmp(names[i], prefix, 3) == 0)
                snprintf(path, sizeof(path), "%s/seeds/%s", SV_SHARED_DIR,
                         names[i]);
    }
    if (!(f = fopen(path, "rb")))
        return NULL;
    fseek(f, 0, SEEK_END);
    sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)sz + 1);
    assert_non_null(buf);
    *len = fread(buf, 1, (size_t)sz, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

/* Normalize a seed with --drop all; NULL (and skip) when absent. */
static char *seed_out(const char *prefix, sv_normalize_result *res,
                      sv_buf *out)
{
    sv_normalize_options o = SV_NORMALIZE_OPTIONS_INIT;
    size_t len = 0;
    char *in = read_seed(prefix, &len);
    sv_normalizer *n = NULL;
    sv_error err = SV_ERROR_INIT;

    if (!in)
        return NULL;
    o.drop = SV_DROP_ALL;
    assert_int_equal(sv_normalizer_new(&n, &o, NULL, &err), SV_OK);
    assert_int_equal(sv_normalize_run(n, NULL, in, len, out, res, &err),
                     SV_OK);
    assert_true(sv_normalize_verify(in, len, out->ptr, out->size, res));
    sv_normalizer_free(n);
    return in;
}

static size_t count_of(const char *hay, const char *needle)
{
    size_t c = 0;
    const char *p = hay;

    while ((p = strstr(p, needle)) != NULL) {
        c++;
        p += strlen(needle);
    }
    return c;
}

static int has_drop(const sv_normalize_result *res, const char *in,
                    const char *reason, const char *line_start)
{
    size_t i;

    for (i = 0; i < res->drop_count; i++)
        if (strcmp(res->drops[i].reason, reason) == 0 &&
            strncmp(in + res->drops[i].in_start, line_start,
                    strlen(line_start)) == 0)
            return 1;
    return 0;
}

static void test_normalize__seeds(void **state)
{
    sv_normalize_result res = SV_NORMALIZE_RESULT_INIT;
    sv_buf out = SV_BUF_INIT;
    char *in;

    (void)state;
    if (!(in = seed_out("000", &res, &out)))
        skip();
    assert_non_null(strstr(out.ptr, "developments. Touching"));
    assert_non_null(strstr(out.ptr, "mark\xE2\x80\x9D. He said"));
    assert_non_null(strstr(out.ptr, "the US. \xE2\x80\x9C" "But love"));
    assert_non_null(strstr(out.ptr, "Int\xE2\x80\x99l Situation"));
    assert_null(strstr(out.ptr, "Int'l Situation")); /* duplicate title */
    assert_true(has_drop(&res, in, "duplicates", "Kremlin: Russia"));
    assert_non_null(strstr(out.ptr, "50,000"));
    free(in);

    if (!(in = seed_out("001", &res, &out)))
        skip();
    assert_null(strstr(out.ptr, "\xC2\xA0"));
    assert_null(strstr(out.ptr, "\n\n\n"));
    assert_null(strstr(out.ptr, "Sharing is caring"));
    assert_null(strstr(out.ptr, "Leave a Reply"));
    assert_true(has_drop(&res, in, "boilerplate", "Sharing is caring!"));
    assert_non_null(strstr(out.ptr, "unique \xE2\x80\x93 we were"));
    assert_non_null(strstr(out.ptr, "France and Germany \xE2\x80\x9C"));
    free(in);

    if (!(in = seed_out("002", &res, &out)))
        skip();
    assert_null(strstr(out.ptr, "Home Politics"));
    assert_null(strstr(out.ptr, "Image source"));
    /* the title survives once */
    assert_int_equal(count_of(out.ptr, "Russian Foreign Minister gave an "
                                       "interview"), 1);
    assert_non_null(strstr(out.ptr, "new U.S. government"));
    free(in);

    if (!(in = seed_out("003", &res, &out)))
        skip();
    assert_non_null(strstr(out.ptr, "\xD0\xBC] \xE2\x80\x94 is to slam"));
    assert_non_null(strstr(out.ptr, "[\xD0\xBF\xD0\xB5\xD1\x80\xD0\xB5"));
    assert_null(strstr(out.ptr, "\xE3\x83\xBC"));
    assert_null(strstr(out.ptr, "Related materials"));
    assert_non_null(strstr(out.ptr, "(MFA)"));
    free(in);

    if (!(in = seed_out("004", &res, &out)))
        skip();
    /* "Заголовок открываемого материала" */
    assert_null(strstr(out.ptr, "\xD0\x97\xD0\xB0\xD0\xB3\xD0\xBE\xD0\xBB"));
    assert_true(has_drop(&res, in, "notes", "\xD0\x97\xD0\xB0\xD0\xB3"));
    assert_null(strstr(out.ptr, "mediabank"));
    assert_null(strstr(out.ptr, "To participate"));
    assert_null(strstr(out.ptr, "Sputnik International, 1920"));
    assert_non_null(strstr(out.ptr, "MOSCOW (Sputnik) \xE2\x80\x94 Relations"));
    assert_non_null(strstr(out.ptr, "President [Vladimir] Putin"));
    assert_non_null(strstr(out.ptr, "14.02.2022") == NULL ? "ok" : NULL);
    free(in);
    sv_buf_dispose(&out);
    sv_normalize_result_dispose(&res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize__options_init),
        cmocka_unit_test(test_normalize__step_table),
        cmocka_unit_test(test_normalize__drop_list),
        cmocka_unit_test(test_normalize__bad_options),
        cmocka_unit_test(test_normalize__default_pipeline),
        cmocka_unit_test(test_normalize__composition),
        cmocka_unit_test(test_normalize__invariant),
        cmocka_unit_test(test_normalize__invalid_utf8),
        cmocka_unit_test(test_normalize__too_big),
        cmocka_unit_test(test_normalize__locate),
        cmocka_unit_test(test_normalize__oom),
        cmocka_unit_test(test_normalize__threads),
        cmocka_unit_test(test_normalize__seeds),
    };

    return cmocka_run_group_tests_name("normalize", tests, NULL, NULL);
}
