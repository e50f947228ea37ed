/* SPDX-License-Identifier: MIT */
/*
 * The pipeline's fast path (src/normalize/fastpath.c) against the full
 * pipeline: the same output, edits, step counts for every text here (edge
 * cases written for the line rules, the case table's inputs, samples/, and
 * ../shared/seeds when present), whole and cut into paragraphs and lines,
 * under several option sets, with and without dictionaries.
 * SV_FAST_ROUNDS=N sets the number of random texts (default 300).
 */
#include "norm_helpers.h"

#include <dirent.h>
#include <sys/stat.h>

#include "base/utf8.h"
#include "normalize/normalize_internal.h"

typedef struct fast_state {
    sv_resources *res;
    sv_context *ctx;
    unsigned long compared;
} fast_state;

static fast_state g_fast;

static int same_result(const sv_normalize_result *a,
                       const sv_normalize_result *b)
{
    size_t i;

    if (a->edit_count != b->edit_count || a->invalid_utf8 != b->invalid_utf8 ||
        memcmp(a->counts, b->counts, sizeof(a->counts)) != 0)
        return 0;
    for (i = 0; i < a->edit_count; i++) {
        const sv_normalize_edit *x = &a->edits[i], *y = &b->edits[i];

        if (x->in_start != y->in_start || x->in_end != y->in_end ||
            x->out_start != y->out_start || x->out_end != y->out_end ||
            strcmp(x->step, y->step) != 0)
            return 0;
    }
    return 1;
}

/* Fast and full runs of one record must agree in everything. */
static void compare(const sv_normalizer *n, sv_context *ctx, const char *t,
                    size_t len, const char *what)
{
    sv_normalize_result ra = SV_NORMALIZE_RESULT_INIT;
    sv_normalize_result rb = SV_NORMALIZE_RESULT_INIT;
    sv_buf a = SV_BUF_INIT, b = SV_BUF_INIT;
    sv_error err = SV_ERROR_INIT;
    int same;

    assert_int_equal(sv_normalize_run(n, ctx, t, len, &a, &ra, &err), SV_OK);
    assert_int_equal(sv__normalize_run_full(n, ctx, t, len, &b, &rb, &err),
                     SV_OK);
    same = a.size == b.size && memcmp(a.ptr, b.ptr, a.size) == 0 &&
           same_result(&ra, &rb);
    if (!same)
        print_error("fast path differs (%s) on [%.*s]\nfast [%.*s]\nfull "
                    "[%.*s]\nedits %zu vs %zu\n",
                    what, (int)(len > 400 ? 400 : len), t,
                    (int)(a.size > 400 ? 400 : a.size), a.ptr ? a.ptr : "",
                    (int)(b.size > 400 ? 400 : b.size), b.ptr ? b.ptr : "",
                    ra.edit_count, rb.edit_count);
    if (!same) {
        size_t i;

        for (i = 0; i < ra.edit_count || i < rb.edit_count; i++)
            print_error("edit %zu: fast %zu-%zu>%zu-%zu %s | full "
                        "%zu-%zu>%zu-%zu %s\n",
                        i, i < ra.edit_count ? ra.edits[i].in_start : 0,
                        i < ra.edit_count ? ra.edits[i].in_end : 0,
                        i < ra.edit_count ? ra.edits[i].out_start : 0,
                        i < ra.edit_count ? ra.edits[i].out_end : 0,
                        i < ra.edit_count ? ra.edits[i].step : "-",
                        i < rb.edit_count ? rb.edits[i].in_start : 0,
                        i < rb.edit_count ? rb.edits[i].in_end : 0,
                        i < rb.edit_count ? rb.edits[i].out_start : 0,
                        i < rb.edit_count ? rb.edits[i].out_end : 0,
                        i < rb.edit_count ? rb.edits[i].step : "-");
        for (i = 0; i < SV_NORMALIZE_MAX_STEPS; i++)
            if (ra.counts[i] != rb.counts[i])
                print_error("count %zu: %zu vs %zu\n", i, ra.counts[i],
                            rb.counts[i]);
    }
    assert_true(same);
    assert_true(sv_normalize_verify(t, len, a.ptr, a.size, &ra));
    g_fast.compared++;
    sv_buf_dispose(&a);
    sv_buf_dispose(&b);
    sv_normalize_result_dispose(&ra);
    sv_normalize_result_dispose(&rb);
}

/* The text whole, by paragraphs (blank-line separated) and by lines. */
static void compare_cuts(const sv_normalizer *n, sv_context *ctx,
                         const char *t, size_t len, const char *what)
{
    size_t i = 0;

    compare(n, ctx, t, len, what);
    while (i < len) {
        const char *nl = memchr(t + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - t) : len;

        compare(n, ctx, t + i, e - i, what);
        i = e + 1;
    }
    for (i = 0; i < len;) {
        const char *p = strstr(t + i, "\n\n");
        size_t e = p && (size_t)(p - t) < len ? (size_t)(p - t) : len;

        compare(n, ctx, t + i, e - i, what);
        i = e + 2;
    }
}

/* Option sets that keep the fast path, and two that turn it off. */
static void compare_all(const char *t, size_t len, const char *what)
{
    static const struct {
        unsigned steps_on, steps_off;
        int nfkc, dash, quotes;
    } sets[] = {
        {0, 0, 0, SV_DASH_EM, SV_QUOTES_KEEP},
        {0, 0, 1, SV_DASH_EN, SV_QUOTES_KEEP},
        {SV_STEP_ENTITIES, SV_STEP_MOJIBAKE, 0, SV_DASH_KEEP, SV_QUOTES_KEEP},
        {0, SV_STEP_UNICODE | SV_STEP_SPACES, 0, SV_DASH_EM, SV_QUOTES_KEEP},
        {0, 0, 0, SV_DASH_EM, SV_QUOTES_TYPOGRAPHIC},
    };
    size_t k;
    int d;

    for (k = 0; k < sizeof(sets) / sizeof(sets[0]); k++) {
        for (d = 0; d < 2; d++) {
            sv_normalize_options o = SV_NORMALIZE_OPTIONS_INIT;
            sv_normalizer *n = NULL;
            sv_error err = SV_ERROR_INIT;

            if (d && !g_fast.ctx)
                continue;
            o.steps = (o.steps | sets[k].steps_on) & ~sets[k].steps_off;
            o.nfkc = (unsigned)sets[k].nfkc;
            o.dash = sets[k].dash;
            o.quotes = sets[k].quotes;
            assert_int_equal(sv_normalizer_new(&n, &o, d ? g_fast.res : NULL,
                                               &err),
                             SV_OK);
            compare_cuts(n, d ? g_fast.ctx : NULL, t, len, what);
            sv_normalizer_free(n);
        }
    }
}

static void test_norm_fast__edge_cases(void **state)
{
    static const char *const texts[] = {
        "plain line\nanother plain line\n",
        "trailing space \nnext\n",
        "tab at end\t\nnext",
        "one\n\nblank\n\n\ntwo blanks\n \nspaces only\n",
        "\n\nstarts blank\n",
        "double  space inside\nclean line\n",
        "stray space , here\nclean\nthen ! too\n",
        "spaced - hyphen and -- two\nclean line\nword -\nbroken\n",
        "informa-\ntion joined\nclean\nhyphen - \nnext\n",
        "glued.Sentence\nclean. Line\nend.\nU.S. stays\n3.5 and Rt.com\n",
        "quote.\xE2\x80\x9DHe said\n\xE2\x80\x9C" "Quote.\xE2\x80\x9D Next\n",
        "comma,glued words\nnumbers 1,5\n",
        "nbsp\xC2\xA0here\nsoft\xC2\xADhyphen\nzw\xE2\x80\x8Bsp\nclean\n",
        "bom\xEF\xBB\xBFin line\ncr\rline\r\nnext\n",
        "c1 \xC2\x85 nel\nfigure\xE2\x80\x92" "dash\nbar \xE2\x80\x95 here\n",
        "minus \xE2\x88\x92 sign\nkatakana \xE3\x83\xBC dash\n"
        "fullwidth\xEF\xBC\x81\n",
        "\xCC\x81" "combining at start\nline\n\xCC\xA3\xCC\x81" "x\n",
        "e\xCC\x81 decomposed\nclean\nA\xCC\x8A\n",
        "mixed \xD0\xA0utin here\nim\xD1\x80ose\nclean \xD0\x9C\xD0\xBE\xD1\x81"
        "\xD0\xBA\xD0\xB2\xD0\xB0\n",
        "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 and iPhone \xD0\xB2\n",
        "\xC3\xA9\xD0\xB6 and caf\xC3\xA9 z\xC3\xBCrich\n",
        "spokesman \xD0\xA0\xD1\x9F\xD0\xA0\xC2\xB5\xD0\xA0\xD1\x97 said\n"
        "\xD0\xA0 \xD0\xBE\xD1\x81\xD1\x81\xD0\xB8\xD1\x8F\n",
        "Peskov\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s remarks\nclean\n",
        "\xD0\xA0\xD1\x91 and \xD0\x9C\xD0\x98\xD0\x94 and \xD0\xA2\xD0\x90\xD0"
        "\xA1\xD0\xA1\n\xD0\xA0 alone\n",
        "\xC2\xAB\xD0\xA0\xD0\xB0\xD0\xB7\xC2\xBB \xE2\x80\x94 \xD1\x81\xD0\xBA"
        "\xD0\xB0\xD0\xB7\xD0\xB0\xD0\xBB\n",
        "amp &amp; entity &#233;\nclean\n",
        "emoji \xF0\x9F\x98\x80 here\nCJK \xE4\xB8\xAD\xE6\x96\x87\n",
        "last line without newline  ",
        "ellipsis . . . here\nand...Then\n",
        "",
        "\n",
        " leading space\n   indented\n",
        "valid line\ninvalid \xD0 here\nvalid\n",
        "clean\n\xD0\xBC\xD0\n\xFF\xFE\n",
        "double  space\nthen bad \xE2\x80\n",
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        compare_all(texts[i], strlen(texts[i]), "edge case");
}

/* Random texts made of the pieces the line rules look at, in every
 * order: a deterministic differential test. */
static void test_norm_fast__random(void **state)
{
    static const char *const pieces[] = {
        "a", "Word", "the", " ", " ", "  ", "\t", "\n", "\n", ",", ".", "!",
        "?", ";", ":", "-", "--", "\"", "'", "(", ")", "&amp;", "3", "U.S.",
        "\xD0\xBC\xD0\xB8\xD1\x80", "\xD0\x9C\xD0\xB8\xD1\x80", "\xD0\xA0",
        "\xD0\xA0\xD1\x91", "\xD0\x9C\xD0\x98\xD0\x94", "\xD1\x91",
        "\xD0\xA0\xD1\x9F\xD0\xA0\xC2\xB5", "\xC3\xA9", "\xC3\xA2\xE2\x82\xAC",
        "\xE2\x84\xA2", "\xC2\xA0", "\xC2\xAD", "\xC2\xAB", "\xC2\xBB",
        "\xE2\x80\x94", "\xE2\x80\x99", "\xE2\x80\x9D", "\xE2\x80\x9C",
        "\xE2\x80\x8B", "\xE2\x80\x92", "\xE2\x88\x92", "\xE3\x83\xBC",
        "\xEF\xBC\x8C", "\xCC\x81", "\xCC\xA3", "\xF0\x9F\x98\x80", "\r",
        "\x01", "\xD0\x86", "\xCE\xB1", "\xE2\x80\xA6", "\xE2\x80\x8D",
        "\xD0", "\x80", "\xFF", "\xE2\x80", /* invalid UTF-8 */
    };
    const size_t np = sizeof(pieces) / sizeof(pieces[0]);
    const char *env_rounds = getenv("SV_FAST_ROUNDS");
    unsigned long rounds = env_rounds ? strtoul(env_rounds, NULL, 10) : 300;
    uint64_t seed = 0x5EEDF00Dull ^ rounds;
    char text[512];
    unsigned long round;

    (void)state;
    for (round = 0; round < rounds; round++) {
        size_t len = 0, count, k;

        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        count = 2 + (size_t)((seed >> 33) % 40);
        for (k = 0; k < count; k++) {
            const char *p;
            size_t pl;

            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            p = pieces[(seed >> 33) % np];
            pl = strlen(p);
            if (len + pl >= sizeof(text))
                break;
            memcpy(text + len, p, pl);
            len += pl;
        }
        text[len] = '\0';
        compare_all(text, len, "random");
    }
}

static char *slurp(const char *path, size_t *len)
{
    struct stat st;
    FILE *f;
    char *buf;
    long n;

    /* fopen succeeds on a directory, whose ftell is LONG_MAX. */
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
        !(f = fopen(path, "rb")))
        return NULL;
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0 || !(buf = malloc((size_t)n + 1))) {
        fclose(f);
        return NULL;
    }
    *len = fread(buf, 1, (size_t)n, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

/* Every regular file of dir. */
static int compare_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int files = 0;

    if (!d)
        return -1;
    while ((e = readdir(d)) != NULL) {
        char path[1024];
        size_t len;
        char *t;

        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        if (!(t = slurp(path, &len)))
            continue;
        compare_all(t, len, path);
        files++;
        free(t);
    }
    closedir(d);
    return files;
}

static void test_norm_fast__files(void **state)
{
    (void)state;
    assert_true(compare_dir(SV_TEST_DATA "/normalize") > 0);
    assert_true(compare_dir(SV_TEST_DATA "/../../samples") > 0);
}

static void test_norm_fast__seeds(void **state)
{
    (void)state;
    if (compare_dir(SV_SHARED_DIR "/seeds") < 0)
        skip();
}

static int setup(void **state)
{
    sv_resources_options ro = SV_RESOURCES_OPTIONS_INIT;
    sv_error err = SV_ERROR_INIT;

    (void)state;
    ro.dicts_dir = SV_BUILD_DATADIR;
    ro.load = 0;
    ro.optional = SV_LOAD_SPELL_EN | SV_LOAD_SPELL_RU | SV_LOAD_DATA;
    if (sv_resources_new(&g_fast.res, &ro, &err) == SV_OK &&
        sv_context_new(&g_fast.ctx, g_fast.res, &err) == SV_OK)
        return 0;
    sv_context_free(g_fast.ctx);
    sv_resources_free(g_fast.res);
    g_fast.ctx = NULL;
    g_fast.res = NULL;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sv_context_free(g_fast.ctx);
    sv_resources_free(g_fast.res);
    print_message("fast path: %lu records compared\n", g_fast.compared);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_norm_fast__edge_cases),
        cmocka_unit_test(test_norm_fast__random),
        cmocka_unit_test(test_norm_fast__files),
        cmocka_unit_test(test_norm_fast__seeds),
    };

    return cmocka_run_group_tests_name("norm_fast", tests, setup, teardown);
}
