/* SPDX-License-Identifier: MIT */
/*
 * The normalizer's case table: runs every case of
 * tests/data/normalize/cases.tsv (and mojibake.tsv when present), checks
 * output and edit invariant, and fails listing every failing case.  With
 * --report (or SV_CASES_REPORT=1) it prints pass counts per category.
 *
 * Case format (one per line, '#' comment lines):
 *   category<TAB>steps<TAB>input<TAB>expected
 * escapes \t \n \r \\ \uXXXX \UXXXXXXXX; steps is "default" or a comma list
 * of step names and options: quotes=K, apostrophes=K (keep|ascii|
 * typographic), dash=em|en|keep, nfkc, drop=a+b|all, mark, dict (needs the
 * hunspell dictionaries; skipped without them), nodict (run without
 * dictionaries).  SV_CASES_NODICT=1 runs everything without resources.
 */
#include "norm_helpers.h"

#include "base/utf8.h"

#define MAX_CATS 64

typedef struct cat_count {
    char name[48];
    unsigned pass, total;
} cat_count;

typedef struct run_state {
    sv_resources *res;
    sv_context *ctx;
    unsigned total, passed, skipped, unchanged, failed;
    cat_count cats[MAX_CATS];
    size_t ncats;
} run_state;

static run_state g_state;

/* Unescape s[0..len) into out (NUL-terminated, length in *olen). */
static int unescape(const char *s, size_t len, char *out, size_t *olen)
{
    size_t i = 0, o = 0;

    while (i < len) {
        if (s[i] != '\\' || i + 1 >= len) {
            out[o++] = s[i++];
            continue;
        }
        switch (s[i + 1]) {
        case 't': out[o++] = '\t'; i += 2; break;
        case 'n': out[o++] = '\n'; i += 2; break;
        case 'r': out[o++] = '\r'; i += 2; break;
        case '\\': out[o++] = '\\'; i += 2; break;
        case 'u':
        case 'U': {
            size_t nd = s[i + 1] == 'u' ? 4 : 8, k;
            uint32_t cp = 0;

            if (i + 2 + nd > len)
                return -1;
            for (k = 0; k < nd; k++) {
                char c = s[i + 2 + k];
                int d = (c >= '0' && c <= '9') ? c - '0'
                        : ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
                            ? (c | 0x20) - 'a' + 10 : -1;

                if (d < 0)
                    return -1;
                cp = cp * 16 + (uint32_t)d;
            }
            o += sv__utf8_encode(cp, out + o);
            i += 2 + nd;
            break;
        }
        default:
            return -1;
        }
    }
    out[o] = '\0';
    *olen = o;
    return 0;
}

static int style_of(const char *v, sv_quote_style *out)
{
    if (strcmp(v, "keep") == 0)
        *out = SV_QUOTES_KEEP;
    else if (strcmp(v, "ascii") == 0)
        *out = SV_QUOTES_ASCII;
    else if (strcmp(v, "typographic") == 0)
        *out = SV_QUOTES_TYPOGRAPHIC;
    else
        return -1;
    return 0;
}

/* Parse the steps field.  *needs: 1 dict, 2 nodict, 0 either. */
static int parse_steps(char *f, sv_normalize_options *o, int *needs)
{
    char *tok = f, *next;
    unsigned int steps = 0;
    int named = 0;

    sv_normalize_options_init(o, SV_NORMALIZE_OPTIONS_VERSION);
    *needs = 0;
    for (; tok; tok = next) {
        char *eq;

        next = strchr(tok, ',');
        if (next)
            *next++ = '\0';
        eq = strchr(tok, '=');
        if (eq)
            *eq++ = '\0';
        if (strcmp(tok, "default") == 0) {
            steps |= SV_STEPS_DEFAULT;
            named = 1;
        } else if (strcmp(tok, "dict") == 0) {
            *needs = 1;
        } else if (strcmp(tok, "nodict") == 0) {
            *needs = 2;
        } else if (strcmp(tok, "nfkc") == 0) {
            o->nfkc = 1;
        } else if (strcmp(tok, "mark") == 0) {
            o->mark = 1;
        } else if (eq && strcmp(tok, "quotes") == 0) {
            if (style_of(eq, &o->quotes) < 0)
                return -1;
        } else if (eq && strcmp(tok, "apostrophes") == 0) {
            if (style_of(eq, &o->apostrophes) < 0)
                return -1;
        } else if (eq && strcmp(tok, "dash") == 0) {
            o->dash = strcmp(eq, "en") == 0 ? SV_DASH_EN
                      : strcmp(eq, "keep") == 0 ? SV_DASH_KEEP : SV_DASH_EM;
        } else if (eq && strcmp(tok, "drop") == 0) {
            char *p;

            for (p = eq; *p; p++)
                if (*p == '+')
                    *p = ',';
            if (sv_normalize_drop_from_list(eq, strlen(eq), &o->drop) < 0)
                return -1;
            steps |= SV_STEP_DROP;
        } else {
            unsigned int bit = sv_normalize_step_from_name(tok, strlen(tok));

            if (!bit)
                return -1;
            steps |= bit;
            named = 1;
        }
    }
    if (!named && !(steps & SV_STEP_DROP))
        return -1;
    o->steps = steps | SV_STEP_DECODE;
    return 0;
}

static cat_count *category(run_state *st, const char *name)
{
    size_t i;

    for (i = 0; i < st->ncats; i++)
        if (strcmp(st->cats[i].name, name) == 0)
            return &st->cats[i];
    if (st->ncats == MAX_CATS)
        return &st->cats[MAX_CATS - 1];
    {
        /* Truncate long names on purpose (memcpy: no format warning). */
        size_t n = strlen(name);

        if (n >= sizeof(st->cats[0].name))
            n = sizeof(st->cats[0].name) - 1;
        memcpy(st->cats[st->ncats].name, name, n);
        st->cats[st->ncats].name[n] = '\0';
    }
    return &st->cats[st->ncats++];
}

/* Run one case; 1 pass, 0 fail (printed), -1 skipped. */
static int run_case(run_state *st, const char *file, size_t lineno,
                    char **f, size_t *flen)
{
    sv_normalize_options o;
    sv_normalizer *n = NULL;
    sv_normalize_result res = SV_NORMALIZE_RESULT_INIT;
    sv_buf out = SV_BUF_INIT;
    sv_error err = SV_ERROR_INIT;
    char *in = malloc(flen[2] + 1), *want = malloc(flen[3] + 1);
    size_t in_len = 0, want_len = 0;
    int needs, ok = 0, rc;
    sv_context *ctx;

    assert_non_null(in);
    assert_non_null(want);
    if (parse_steps(f[1], &o, &needs) < 0 ||
        unescape(f[2], flen[2], in, &in_len) < 0 ||
        unescape(f[3], flen[3], want, &want_len) < 0) {
        print_error("%s:%zu: malformed case\n", file, lineno);
        goto done;
    }
    if (needs == 1 && !st->ctx) {
        ok = -1;
        goto done;
    }
    ctx = needs == 2 ? NULL : st->ctx;
    if ((rc = sv_normalizer_new(&n, &o, ctx ? st->res : NULL, &err)) < 0 ||
        (rc = sv_normalize_run(n, ctx, in, in_len, &out, &res, &err)) < 0) {
        print_error("%s:%zu: [%s] error %d: %s\n", file, lineno, f[0], rc,
                    err.message);
        goto done;
    }
    if (out.size != want_len || memcmp(out.ptr, want, want_len) != 0) {
        print_error("%s:%zu: [%s]\n  input    [%s]\n  expected [%s]\n"
                    "  got      [%s]\n", file, lineno, f[0], in, want,
                    out.ptr);
        goto done;
    }
    if (!sv_normalize_verify(in, in_len, out.ptr, out.size, &res)) {
        print_error("%s:%zu: [%s] edit list does not rebuild the input\n",
                    file, lineno, f[0]);
        goto done;
    }
    ok = 1;
done:
    st->unchanged += in_len == want_len && memcmp(in, want, in_len) == 0;
    sv_normalizer_free(n);
    sv_normalize_result_dispose(&res);
    sv_buf_dispose(&out);
    free(in);
    free(want);
    return ok;
}

static int run_file(run_state *st, const char *path, int required)
{
    FILE *fp = fopen(path, "rb");
    char line[16384];
    size_t lineno = 0;
    unsigned before = st->total;

    if (!fp) {
        if (required)
            print_error("cannot open %s\n", path);
        return required ? -1 : 0;
    }
    while (fgets(line, sizeof(line), fp)) {
        char *f[4];
        size_t flen[4], len = strlen(line), k;
        cat_count *c;
        int r;

        lineno++;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        f[0] = line;
        for (k = 1; k < 4; k++) {
            char *tab = strchr(f[k - 1], '\t');

            if (!tab)
                break;
            *tab = '\0';
            f[k] = tab + 1;
        }
        if (k < 4 || strchr(f[3], '\t')) {
            print_error("%s:%zu: expected 4 tab-separated fields\n", path,
                        lineno);
            st->total++;
            st->failed++;
            continue;
        }
        for (k = 0; k < 4; k++)
            flen[k] = strlen(f[k]);
        st->total++;
        c = category(st, f[0]);
        r = run_case(st, path, lineno, f, flen);
        if (r < 0) {
            st->skipped++;
            continue;
        }
        c->total++;
        if (r > 0) {
            c->pass++;
            st->passed++;
        } else {
            st->failed++;
        }
    }
    fclose(fp);
    return (int)(st->total - before);
}

static int setup(void **state)
{
    sv_resources_options ro = SV_RESOURCES_OPTIONS_INIT;
    sv_error err = SV_ERROR_INIT;

    (void)state;
    if (getenv("SV_CASES_NODICT")) /* exercise the rule-only fallbacks */
        return 0;
    ro.dicts_dir = SV_BUILD_DATADIR;
    ro.load = 0;
    ro.optional = SV_LOAD_SPELL_EN | SV_LOAD_SPELL_RU | SV_LOAD_DATA;
    if (sv_resources_new(&g_state.res, &ro, &err) == SV_OK &&
        (sv_resources_loaded(g_state.res) &
         (SV_LOAD_SPELL_EN | SV_LOAD_SPELL_RU)) ==
            (SV_LOAD_SPELL_EN | SV_LOAD_SPELL_RU) &&
        sv_context_new(&g_state.ctx, g_state.res, &err) == SV_OK)
        return 0;
    sv_context_free(g_state.ctx);
    sv_resources_free(g_state.res);
    g_state.ctx = NULL;
    g_state.res = NULL;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sv_context_free(g_state.ctx);
    sv_resources_free(g_state.res);
    return 0;
}

static void test_norm_cases__all(void **state)
{
    run_state *st = &g_state;
    int n;

    (void)state;
    n = run_file(st, SV_TEST_DATA "/normalize/cases.tsv", 1);
    assert_true(n >= 300);
    /* at least half of the own cases must be text that stays unchanged */
    assert_true(st->unchanged * 2 >= (unsigned)n);
    run_file(st, SV_TEST_DATA "/normalize/mojibake.tsv", 0);
    if (st->failed)
        print_error("%u of %u cases failed (%u skipped)\n", st->failed,
                    st->total, st->skipped);
    assert_int_equal(st->failed, 0);
}

static void report(void)
{
    size_t i;

    printf("%-24s %6s %6s\n", "category", "pass", "total");
    for (i = 0; i < g_state.ncats; i++)
        printf("%-24s %6u %6u\n", g_state.cats[i].name, g_state.cats[i].pass,
               g_state.cats[i].total);
    printf("%-24s %6u %6u  (%u skipped without dictionaries, %u unchanged)\n",
           "all", g_state.passed, g_state.total - g_state.skipped,
           g_state.skipped, g_state.unchanged);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_norm_cases__all),
    };
    int rc = cmocka_run_group_tests_name("norm_cases", tests, setup,
                                         teardown);
    const char *env = getenv("SV_CASES_REPORT");

    if ((argc > 1 && strcmp(argv[1], "--report") == 0) || (env && *env == '1'))
        report();
    return rc;
}
