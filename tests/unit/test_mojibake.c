/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the mojibake step: the case file (repairs and text that
 * must not change) with and without dictionaries, edit bookkeeping, the
 * fast path, random suspicious input, allocation failures, and, when
 * ../shared is present, precision/recall and throughput on real news text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "base/alloc.h"
#include "base/edits.h"
#include "base/utf8.h"
#include "lang/codepage.h"
#include "normalize/mojibake.h"
#include "sverka/buf.h"
#include "sverka/errors.h"
#include "sverka/resources.h"

#define CASES SV_TEST_DATA "/normalize/mojibake.tsv"
#define WMT21 SV_SHARED_DIR "/data/align/wmt21-ruen/newstest2021.ru-en.tsv"
#define WMT22 SV_SHARED_DIR "/data/align/wmt22-ruen/generaltest2022.ru-en.tsv"
#define DEFR SV_SHARED_DIR "/data/align/textberg-defr-dev/dev.fr"
#define DEDE SV_SHARED_DIR "/data/align/textberg-defr-dev/dev.de"
#define GARBLE SV_SHARED_DIR "/data/garble/"

/* ---- helpers ----------------------------------------------------------- */

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    long size;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0) {
        data = malloc((size_t)size + 1);
        if (data && fread(data, 1, (size_t)size, f) != (size_t)size) {
            free(data);
            data = NULL;
        }
        if (data) {
            data[size] = '\0';
            *len = (size_t)size;
        }
    }
    fclose(f);
    return data;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Unescape \t \n \\ \uXXXX from s[0..len) into out. */
static void unescape(sv_buf *out, const char *s, size_t len)
{
    size_t i;

    sv_buf_clear(out);
    for (i = 0; i < len; i++) {
        char u[4];
        size_t ul;
        uint32_t cp = 0;
        int k;

        if (s[i] != '\\' || i + 1 == len) {
            assert_int_equal(sv_buf_put(out, s + i, 1), SV_OK);
            continue;
        }
        i++;
        switch (s[i]) {
        case 't':
            assert_int_equal(sv_buf_put(out, "\t", 1), SV_OK);
            break;
        case 'n':
            assert_int_equal(sv_buf_put(out, "\n", 1), SV_OK);
            break;
        case 'u':
            assert_true(i + 4 < len);
            for (k = 1; k <= 4; k++) {
                assert_true(hexval(s[i + (size_t)k]) >= 0);
                cp = cp * 16 + (uint32_t)hexval(s[i + (size_t)k]);
            }
            i += 4;
            ul = sv__utf8_encode(cp, u);
            assert_true(ul > 0);
            assert_int_equal(sv_buf_put(out, u, ul), SV_OK);
            break;
        default:
            assert_int_equal(sv_buf_put(out, s + i, 1), SV_OK);
        }
    }
    if (!out->ptr)
        assert_int_equal(sv_buf_put(out, "", 0), SV_OK);
}

/* Every byte outside the edits is copied, in order, and the edits carry
 * the step's name. */
static void check_edits(const char *in, size_t in_len, const sv_buf *out,
                        const sv__editlist *edits)
{
    size_t i, pin = 0, pout = 0;

    for (i = 0; i < edits->count; i++) {
        const sv__edit *e = &edits->items[i];

        assert_true(e->in_start >= pin);
        assert_int_equal(e->in_start - pin, e->out_start - pout);
        assert_memory_equal(in + pin, out->ptr + pout, e->in_start - pin);
        assert_true(e->in_end <= in_len && e->out_end <= out->size);
        assert_string_equal(e->step, "mojibake");
        pin = e->in_end;
        pout = e->out_end;
    }
    assert_int_equal(in_len - pin, out->size - pout);
    assert_memory_equal(in + pin, out->ptr + pout, in_len - pin);
    assert_int_equal(sv__utf8_valid_prefix(out->ptr, out->size), out->size);
}

/* Run the step; returns its status and leaves output and edits. */
static int run_step(sv_context *ctx, const char *in, size_t len, sv_buf *out,
                    sv__editlist *edits)
{
    sv__step_env env;
    int rc;

    memset(&env, 0, sizeof(env));
    env.ctx = ctx;
    sv_buf_clear(out);
    sv__editlist_clear(edits);
    rc = sv__step_mojibake(in, len, out, edits, &env);
    if (rc == SV_OK) {
        if (!out->ptr)
            assert_int_equal(sv_buf_put(out, "", 0), SV_OK);
        check_edits(in, len, out, edits);
    }
    return rc;
}

static sv_resources *try_resources(void)
{
    sv_resources_options o;
    sv_resources *res = NULL;
    sv_error err = SV_ERROR_INIT;

    if (sv_resources_options_init(&o, SV_RESOURCES_OPTIONS_VERSION) != SV_OK)
        return NULL;
    o.load = SV_LOAD_SPELL_RU | SV_LOAD_SPELL_EN;
    o.optional = 0;
    if (sv_resources_new(&res, &o, &err) != SV_OK) {
        print_message("no dictionaries: %s\n", err.message);
        return NULL;
    }
    return res;
}

/* ---- the case file ------------------------------------------------------ */

typedef struct cat_count {
    char name[48];
    int pass, total;
} cat_count;

typedef struct case_run {
    cat_count cats[64];
    int ncats;
    int keep_fail, fix_fail, keep_total, fix_total;
} case_run;

static cat_count *cat_of(case_run *r, const char *name, size_t len)
{
    int i;

    for (i = 0; i < r->ncats; i++)
        if (strlen(r->cats[i].name) == len &&
            memcmp(r->cats[i].name, name, len) == 0)
            return &r->cats[i];
    assert_true(r->ncats < 64 && len < sizeof(r->cats[0].name));
    memcpy(r->cats[r->ncats].name, name, len);
    r->cats[r->ncats].name[len] = '\0';
    return &r->cats[r->ncats++];
}

static void run_case_file(sv_context *ctx, case_run *r, const char *mode)
{
    size_t len = 0, pos = 0;
    char *data = read_file(CASES, &len);
    sv_buf in = SV_BUF_INIT, exp = SV_BUF_INIT, out = SV_BUF_INIT;
    sv__editlist edits = SV__EDITLIST_INIT;
    int lineno = 0, i;

    assert_non_null(data);
    memset(r, 0, sizeof(*r));
    while (pos < len) {
        char *line = data + pos, *nl = memchr(line, '\n', len - pos);
        size_t ll = nl ? (size_t)(nl - line) : len - pos;
        char *f[4];
        size_t fl[4];
        int nf = 0, keep;
        cat_count *c;

        pos += ll + 1;
        lineno++;
        if (ll == 0 || line[0] == '#')
            continue;
        f[0] = line;
        while (nf < 4) {
            char *tab = memchr(f[nf], '\t', (size_t)(line + ll - f[nf]));

            fl[nf] = tab ? (size_t)(tab - f[nf]) : (size_t)(line + ll - f[nf]);
            nf++;
            if (!tab || nf == 4)
                break;
            f[nf] = tab + 1;
        }
        assert_int_equal(nf, 4);
        unescape(&in, f[2], fl[2]);
        unescape(&exp, f[3], fl[3]);
        c = cat_of(r, f[0], fl[0]);
        keep = fl[0] >= 4 && memcmp(f[0], "keep", 4) == 0;
        assert_int_equal(run_step(ctx, in.ptr, in.size, &out, &edits), SV_OK);
        c->total++;
        if (out.size == exp.size && memcmp(out.ptr, exp.ptr, exp.size) == 0) {
            c->pass++;
            /* one edit per repaired segment, none for correct text */
            if (keep)
                assert_int_equal(edits.count, 0);
            else
                assert_true(edits.count > 0);
        } else {
            print_message("[%s] line %d %s:\n  in:  %s\n  out: %s\n  exp: %s\n",
                          mode, lineno, c->name, in.ptr, out.ptr, exp.ptr);
            if (keep)
                r->keep_fail++;
            else
                r->fix_fail++;
        }
        if (keep)
            r->keep_total++;
        else
            r->fix_total++;
    }
    print_message("mojibake cases, %s:\n", mode);
    for (i = 0; i < r->ncats; i++)
        print_message("  %-26s %3d/%d\n", r->cats[i].name, r->cats[i].pass,
                      r->cats[i].total);
    print_message("  must not change: %d/%d, repairs: %d/%d\n",
                  r->keep_total - r->keep_fail, r->keep_total,
                  r->fix_total - r->fix_fail, r->fix_total);
    sv_buf_dispose(&in);
    sv_buf_dispose(&exp);
    sv_buf_dispose(&out);
    sv__editlist_dispose(&edits);
    free(data);
}

static void test_mojibake__cases_without_dictionaries(void **state)
{
    case_run r;

    (void)state;
    run_case_file(NULL, &r, "no dictionaries");
    assert_true(r.keep_total >= 60 && r.fix_total >= 60);
    assert_int_equal(r.keep_fail, 0);
}

static void test_mojibake__cases_with_dictionaries(void **state)
{
    sv_resources *res = try_resources();
    sv_context *ctx = NULL;
    sv_error err = SV_ERROR_INIT;
    case_run r;

    (void)state;
    if (!res) {
        skip();
        return;
    }
    assert_int_equal(sv_context_new(&ctx, res, &err), SV_OK);
    run_case_file(ctx, &r, "hunspell ru_RU + en_US");
    sv_context_free(ctx);
    sv_resources_free(res);
    assert_int_equal(r.keep_fail, 0);
    assert_int_equal(r.fix_fail, 0);
}

/* ---- behaviour ----------------------------------------------------------- */

static void expect(const char *in, const char *expected, size_t nedits)
{
    sv_buf out = SV_BUF_INIT;
    sv__editlist edits = SV__EDITLIST_INIT;

    assert_int_equal(run_step(NULL, in, strlen(in), &out, &edits), SV_OK);
    assert_string_equal(out.ptr, expected);
    assert_int_equal(edits.count, nedits);
    sv_buf_dispose(&out);
    sv__editlist_dispose(&edits);
}

static void test_mojibake__clean_text_is_copied(void **state)
{
    (void)state;
    expect("", "", 0);
    {
        sv_buf out = SV_BUF_INIT;
        sv__editlist edits = SV__EDITLIST_INIT;

        /* NULL with length 0 is an empty text; NULL with a length is not */
        assert_int_equal(sv__step_mojibake(NULL, 0, &out, &edits, NULL), SV_OK);
        assert_string_equal(out.ptr, "");
        assert_int_equal(sv__step_mojibake(NULL, 3, &out, &edits, NULL),
                         SV_EINVAL);
        sv_buf_dispose(&out);
    }
    expect("plain ASCII, nothing to see here.\n",
           "plain ASCII, nothing to "
           "see here.\n",
           0);
    expect("Обычный русский текст, «кавычки» — и тире…\n",
           "Обычный русский текст, «кавычки» — и тире…\n", 0);
}

static void test_mojibake__one_edit_per_segment(void **state)
{
    /* "Песков" and "Лавров" read as windows-1251 around correct text */
    const char *in = "\xD0\xA0\xD1\x9F\xD0\xA0\xC2\xB5\xD0\xA1\xD0\x83"
                     "\xD0\xA0\xD1\x94\xD0\xA0\xD1\x95\xD0\xA0\xD0\x86"
                     " and Москва";
    sv_buf out = SV_BUF_INIT;
    sv__editlist edits = SV__EDITLIST_INIT;

    (void)state;
    assert_int_equal(run_step(NULL, in, strlen(in), &out, &edits), SV_OK);
    assert_string_equal(out.ptr, "Песков and Москва");
    assert_int_equal(edits.count, 1);
    assert_int_equal(edits.items[0].in_start, 0);
    assert_int_equal(edits.items[0].in_end, 24);
    assert_int_equal(edits.items[0].out_start, 0);
    assert_int_equal(edits.items[0].out_end, strlen("Песков"));
    sv_buf_dispose(&out);
    sv__editlist_dispose(&edits);
}

static void test_mojibake__latin1_c1_controls_are_evidence(void **state)
{
    (void)state;
    /* ’ in UTF-8 read as ISO-8859-1: â + U+0080 + U+0099 */
    expect("It\xC3\xA2\xC2\x80\xC2\x99s", "It’s", 1);
    /* a lone C1 control is not mojibake: left for the controls step */
    expect("a\xC2\x85z", "a\xC2\x85z", 0);
}

/* Random strings drawn from the suspicious repertoire: the step never
 * fails, its output is valid UTF-8 and its edits describe it exactly. */
static void test_mojibake__random_suspicious_text(void **state)
{
    static const uint32_t pool[] = {
        'a',    'Z',    ' ',    '.',     0xA0,   0xC3,   0xA9,   0xE2,  0x80,
        0x99,   0x420,  0x421,  0x45F,   0xB5,   0x403,  0x430,  0x44F, 0x410,
        0x2014, 0x201D, 0xAB,   0xBB,    0x2116, 0x2500, 0x2559, 0xD0,  0xD1,
        0x9F,   0xFEFF, 0x4E2D, 0x1F600, '\n',   0x451,  0x401,  0xAD};
    sv_buf in = SV_BUF_INIT, out = SV_BUF_INIT;
    sv__editlist edits = SV__EDITLIST_INIT;
    unsigned long seed = 12345;
    int iter, i;

    (void)state;
    for (iter = 0; iter < 3000; iter++) {
        int n = (int)(seed % 40);

        sv_buf_clear(&in);
        for (i = 0; i < n; i++) {
            char u[4];
            size_t ul;

            seed = seed * 6364136223846793005ul + 1442695040888963407ul;
            ul = sv__utf8_encode(
                pool[(seed >> 33) % (sizeof(pool) / sizeof(pool[0]))], u);
            assert_int_equal(sv_buf_put(&in, u, ul), SV_OK);
        }
        seed = seed * 6364136223846793005ul + 1442695040888963407ul;
        assert_int_equal(
            run_step(NULL, in.ptr ? in.ptr : "", in.size, &out, &edits), SV_OK);
    }
    sv_buf_dispose(&in);
    sv_buf_dispose(&out);
    sv__editlist_dispose(&edits);
}

/* Every allocation the step makes may fail: it reports SV_ENOMEM and
 * leaks nothing (cmocka's leak check runs under the sanitizers). */
static void test_mojibake__allocation_failures(void **state)
{
    const char *in = "Kremlin \xD0\xA0\xD1\x9F\xD0\xA0\xC2\xB5\xD0\xA1\xD0\x83"
                     "\xD0\xA0\xD1\x94\xD0\xA0\xD1\x95\xD0\xA0\xD0\x86"
                     " said \xC3\xA2\xE2\x82\xAC\xE2\x84\xA2 ok";
    unsigned long n;
    int ok = 0;

    (void)state;
    for (n = 1; n < 200 && !ok; n++) {
        sv_buf out = SV_BUF_INIT;
        sv__editlist edits = SV__EDITLIST_INIT;
        sv__step_env env;
        int rc;

        memset(&env, 0, sizeof(env));
        sv__alloc_fail_after(n);
        rc = sv__step_mojibake(in, strlen(in), &out, &edits, &env);
        sv__alloc_fail_after(0);
        if (rc == SV_OK) {
            assert_string_equal(out.ptr, "Kremlin Песков said ’ ok");
            ok = 1;
        } else {
            assert_int_equal(rc, SV_ENOMEM);
        }
        sv_buf_dispose(&out);
        sv__editlist_dispose(&edits);
    }
    assert_true(ok);
}

/* ---- real text from ../shared -------------------------------------------- */

typedef struct corpus {
    char *data;
    size_t len;
} corpus;

/* Columns 5.. of the WMT TSVs (ru, en...) as one line each, or the lines
 * of a plain text file. */
static int load_lines(const char *path, int tsv, sv_buf *out)
{
    size_t len = 0, pos = 0;
    char *data = read_file(path, &len);
    int first = 1;

    if (!data)
        return 0;
    while (pos < len) {
        char *line = data + pos, *nl = memchr(line, '\n', len - pos);
        size_t ll = nl ? (size_t)(nl - line) : len - pos;
        size_t k = 0, col = 0, start = 0;

        pos += ll + 1;
        if (!tsv) {
            assert_int_equal(sv_buf_put(out, line, ll), SV_OK);
            assert_int_equal(sv_buf_put(out, "\n", 1), SV_OK);
            continue;
        }
        if (first) {
            first = 0;
            continue;
        }
        for (k = 0; k <= ll; k++) {
            if (k < ll && line[k] != '\t')
                continue;
            if (col >= 4) {
                assert_int_equal(sv_buf_put(out, line + start, k - start),
                                 SV_OK);
                assert_int_equal(sv_buf_put(out, "\n", 1), SV_OK);
            }
            col++;
            start = k + 1;
        }
    }
    free(data);
    return 1;
}

static int load_shared(sv_buf *text)
{
    return load_lines(WMT21, 1, text) && load_lines(WMT22, 1, text) &&
           load_lines(DEFR, 0, text) && load_lines(DEDE, 0, text);
}

/* Correct news text in Russian, English, French and German, and machine
 * translation data (ru, en, zh): nothing may change. */
static void test_mojibake__real_text_is_untouched(void **state)
{
    sv_buf text = SV_BUF_INIT, out = SV_BUF_INIT;
    sv__editlist edits = SV__EDITLIST_INIT;
    sv_resources *res = NULL;
    sv_context *ctx = NULL;
    sv_error err = SV_ERROR_INIT;
    size_t i;
    int mode;

    (void)state;
    if (!load_shared(&text) ||
        !load_lines(GARBLE "ruen_mlqepe_train_dev.tsv", 0, &text) ||
        !load_lines(GARBLE "enru_qe22_dev.tsv", 0, &text) ||
        !load_lines(GARBLE "zhen_ted2021_mqm.tsv", 0, &text)) {
        skip();
        return;
    }
    for (mode = 0; mode < 2; mode++) {
        if (mode == 1) {
            if (!(res = try_resources()))
                break;
            assert_int_equal(sv_context_new(&ctx, res, &err), SV_OK);
        }
        assert_int_equal(run_step(ctx, text.ptr, text.size, &out, &edits),
                         SV_OK);
        for (i = 0; i < edits.count && i < 10; i++) {
            const sv__edit *e = &edits.items[i];

            print_message(
                "false repair: %.*s -> %.*s\n", (int)(e->in_end - e->in_start),
                text.ptr + e->in_start, (int)(e->out_end - e->out_start),
                out.ptr + e->out_start);
        }
        print_message("real text, %s: %zu bytes, %zu edits\n",
                      mode ? "dictionaries" : "no dictionaries", text.size,
                      edits.count);
        assert_int_equal(edits.count, 0);
    }
    sv_context_free(ctx);
    sv_resources_free(res);
    sv_buf_dispose(&text);
    sv_buf_dispose(&out);
    sv__editlist_dispose(&edits);
}

enum { BREAK_UTF8_AS, BREAK_PAGE_AS };

typedef struct breaker {
    const char *name;
    int how;
    sv__codepage real, wrong;
    int lose_nbsp; /* a cleaner then turned no-break spaces into spaces */
} breaker;

static const breaker breakers[] = {
    {"utf8 as windows-1251", BREAK_UTF8_AS, SV__CP_WINDOWS_1251,
     SV__CP_WINDOWS_1251, 0},
    {"utf8 as windows-1252", BREAK_UTF8_AS, SV__CP_WINDOWS_1252,
     SV__CP_WINDOWS_1252, 0},
    {"utf8 as KOI8-R", BREAK_UTF8_AS, SV__CP_KOI8_R, SV__CP_KOI8_R, 0},
    {"windows-1251 as windows-1252", BREAK_PAGE_AS, SV__CP_WINDOWS_1251,
     SV__CP_WINDOWS_1252, 0},
    {"KOI8-R as windows-1251", BREAK_PAGE_AS, SV__CP_KOI8_R,
     SV__CP_WINDOWS_1251, 0},
    {"windows-1251 as KOI8-R", BREAK_PAGE_AS, SV__CP_WINDOWS_1251,
     SV__CP_KOI8_R, 0},
    {"IBM866 as windows-1251", BREAK_PAGE_AS, SV__CP_IBM866,
     SV__CP_WINDOWS_1251, 0},
    {"utf8 as windows-1251, NBSP lost", BREAK_UTF8_AS, SV__CP_WINDOWS_1251,
     SV__CP_WINDOWS_1251, 1},
};

static void put_cp(sv_buf *out, uint32_t cp, int lose_nbsp)
{
    char u[4];
    size_t ul = sv__utf8_encode(cp == 0xA0 && lose_nbsp ? ' ' : cp, u);

    assert_int_equal(sv_buf_put(out, u, ul), SV_OK);
}

/* Break s[0..len) the way b says; 0 when the text does not fit the real
 * code page (then it could not have been damaged that way). */
static int break_text(const breaker *b, const char *s, size_t len, sv_buf *out)
{
    size_t i = 0;

    sv_buf_clear(out);
    while (i < len) {
        int32_t cp;
        size_t n = sv__utf8_decode((const unsigned char *)s + i, len - i, &cp);

        if (b->how == BREAK_UTF8_AS) {
            size_t k;

            for (k = 0; k < n; k++)
                put_cp(out,
                       sv__codepage_decode(b->wrong, (unsigned char)s[i + k]),
                       b->lose_nbsp);
        } else {
            int byte = sv__codepage_encode(b->real, (uint32_t)cp);

            if (byte < 0)
                return 0;
            put_cp(out, sv__codepage_decode(b->wrong, (unsigned char)byte),
                   b->lose_nbsp);
        }
        i += n;
    }
    return 1;
}

/* The Russian column of WMT21, broken line by line in each way; the step
 * must restore the line exactly. */
static void test_mojibake__real_text_is_restored(void **state)
{
    size_t len = 0, pos;
    char *data = read_file(WMT21, &len);
    sv_buf broken = SV_BUF_INIT, out = SV_BUF_INIT;
    sv__editlist edits = SV__EDITLIST_INIT;
    sv_resources *res;
    sv_context *ctx = NULL;
    sv_error err = SV_ERROR_INIT;
    size_t bi;

    (void)state;
    if (!data) {
        skip();
        return;
    }
    res = try_resources();
    if (res)
        assert_int_equal(sv_context_new(&ctx, res, &err), SV_OK);
    for (bi = 0; bi < sizeof(breakers) / sizeof(breakers[0]); bi++) {
        int lines = 0, fixed = 0, first = 1;

        for (pos = 0; pos < len;) {
            char *line = data + pos, *nl = memchr(line, '\n', len - pos);
            size_t ll = nl ? (size_t)(nl - line) : len - pos;
            char *ru = line;
            int col;

            pos += ll + 1;
            if (first) {
                first = 0;
                continue;
            }
            for (col = 0; col < 4 && ru; col++) {
                ru = memchr(ru, '\t', (size_t)(line + ll - ru));
                ru = ru ? ru + 1 : NULL;
            }
            if (!ru)
                continue;
            {
                char *tab = memchr(ru, '\t', (size_t)(line + ll - ru));
                size_t rl = tab ? (size_t)(tab - ru) : (size_t)(line + ll - ru);

                if (!break_text(&breakers[bi], ru, rl, &broken))
                    continue;
                lines++;
                assert_int_equal(
                    run_step(ctx, broken.ptr, broken.size, &out, &edits),
                    SV_OK);
                if (out.size == rl && memcmp(out.ptr, ru, rl) == 0)
                    fixed++;
                else if (lines - fixed <= 3)
                    print_message("not restored (%s): %.*s\n  -> %s\n",
                                  breakers[bi].name, (int)rl, ru, out.ptr);
            }
        }
        print_message("restored %-30s %4d/%d lines (%.1f%%)%s\n",
                      breakers[bi].name, fixed, lines,
                      lines ? 100.0 * fixed / lines : 0.0,
                      ctx ? "" : " without dictionaries");
        assert_true(lines > 100);
        assert_true(fixed * 100 >= lines * 97);
    }
    sv_context_free(ctx);
    sv_resources_free(res);
    sv_buf_dispose(&broken);
    sv_buf_dispose(&out);
    sv__editlist_dispose(&edits);
    free(data);
}

/* Tokens (split at spaces) of a and b that differ, and all tokens of a. */
static void token_diff(const char *a, size_t al, const char *b, size_t bl,
                       size_t *diff, size_t *total)
{
    size_t i = 0, j = 0;

    *diff = *total = 0;
    while (i < al) {
        size_t ie = i, je = j;

        while (ie < al && a[ie] != ' ')
            ie++;
        while (je < bl && b[je] != ' ')
            je++;
        (*total)++;
        if (ie - i != je - j || memcmp(a + i, b + j, ie - i) != 0)
            (*diff)++;
        i = ie + 1;
        j = je + 1;
    }
}

/* A whole document damaged on one line (no newline to bound the line
 * rules): repaired in linear time, nearly every word restored. */
static void test_mojibake__one_long_damaged_line(void **state)
{
    size_t len = 0, pos, diff, total, bi;
    char *data = read_file(WMT21, &len);
    sv_buf clean = SV_BUF_INIT, broken = SV_BUF_INIT, line_b = SV_BUF_INIT;
    sv_buf out = SV_BUF_INIT;
    sv__editlist edits = SV__EDITLIST_INIT;

    (void)state;
    if (!data) {
        skip();
        return;
    }
    for (bi = 0; bi < sizeof(breakers) / sizeof(breakers[0]); bi++) {
        int first = 1;

        sv_buf_clear(&clean);
        sv_buf_clear(&broken);
        for (pos = 0; pos < len;) {
            char *line = data + pos, *nl = memchr(line, '\n', len - pos);
            size_t ll = nl ? (size_t)(nl - line) : len - pos, rl;
            char *ru = line, *tab;
            int col;

            pos += ll + 1;
            for (col = 0; col < 4 && ru && !first; col++) {
                ru = memchr(ru, '\t', (size_t)(line + ll - ru));
                ru = ru ? ru + 1 : NULL;
            }
            if (first || !ru) {
                first = 0;
                continue;
            }
            tab = memchr(ru, '\t', (size_t)(line + ll - ru));
            rl = tab ? (size_t)(tab - ru) : (size_t)(line + ll - ru);
            if (!break_text(&breakers[bi], ru, rl, &line_b))
                continue;
            if (clean.size) {
                assert_int_equal(sv_buf_put(&clean, " ", 1), SV_OK);
                assert_int_equal(sv_buf_put(&broken, " ", 1), SV_OK);
            }
            assert_int_equal(sv_buf_put(&clean, ru, rl), SV_OK);
            assert_int_equal(sv_buf_put(&broken, line_b.ptr, line_b.size),
                             SV_OK);
        }
        if (breakers[bi].lose_nbsp)
            continue; /* the lost spaces cannot be told from real ones */
        assert_int_equal(run_step(NULL, broken.ptr, broken.size, &out, &edits),
                         SV_OK);
        token_diff(clean.ptr, clean.size, out.ptr, out.size, &diff, &total);
        print_message("one line, %-30s %zu of %zu words not restored\n",
                      breakers[bi].name, diff, total);
        assert_true(total > 10000 && diff * 50 <= total);
    }
    sv_buf_dispose(&clean);
    sv_buf_dispose(&broken);
    sv_buf_dispose(&line_b);
    sv_buf_dispose(&out);
    sv__editlist_dispose(&edits);
    free(data);
}

/* The hard case: one damaged Russian word inside an English sentence.
 * Every distinct Russian word of WMT21 (2+ letters) is broken alone in
 * "He said X today." and must come back; reported per kind of damage,
 * asserted for UTF-8 read as windows-1251/1252 (single-byte damage of a
 * lone short word carries too little evidence to be repaired alone). */
static void test_mojibake__single_words_in_english(void **state)
{
    size_t len = 0, pos, bi;
    char *data = read_file(WMT21, &len);
    sv_buf words = SV_BUF_INIT, sent = SV_BUF_INIT, broken = SV_BUF_INIT;
    sv_buf out = SV_BUF_INIT;
    sv__editlist edits = SV__EDITLIST_INIT;
    sv_resources *res;
    sv_context *ctx = NULL;
    sv_error err = SV_ERROR_INIT;
    int nwords = 0;

    (void)state;
    if (!data) {
        skip();
        return;
    }
    /* distinct words, NUL-separated (a linear scan for duplicates is fine
     * for a test of a few thousand words) */
    for (pos = 0; pos < len && nwords < 3000;) {
        size_t a = pos, k;
        const unsigned char *u = (const unsigned char *)data;

        while (pos < len && (u[pos] == 0xD0 || u[pos] == 0xD1))
            pos += 2;
        if (pos - a >= 4 && (pos == len || u[pos] < 0x80)) {
            int dup = 0;

            for (k = 0; k < words.size && !dup;) {
                size_t wl = strlen(words.ptr + k);

                dup = wl == pos - a && memcmp(words.ptr + k, data + a, wl) == 0;
                k += wl + 1;
            }
            if (!dup) {
                assert_int_equal(sv_buf_put(&words, data + a, pos - a), SV_OK);
                assert_int_equal(sv_buf_put(&words, "", 1), SV_OK);
                nwords++;
            }
        }
        if (pos == a)
            pos++;
    }
    res = try_resources();
    if (res)
        assert_int_equal(sv_context_new(&ctx, res, &err), SV_OK);
    for (bi = 0; bi < sizeof(breakers) / sizeof(breakers[0]); bi++) {
        size_t k;
        int tried = 0, fixed = 0;

        if (breakers[bi].lose_nbsp)
            continue;
        for (k = 0; k < words.size; k += strlen(words.ptr + k) + 1) {
            const char *w = words.ptr + k;

            if (!break_text(&breakers[bi], w, strlen(w), &broken))
                continue;
            sv_buf_clear(&sent);
            assert_int_equal(sv_buf_put(&sent, "He said ", 8), SV_OK);
            assert_int_equal(sv_buf_put(&sent, broken.ptr, broken.size), SV_OK);
            assert_int_equal(sv_buf_put(&sent, " today.", 7), SV_OK);
            assert_int_equal(run_step(ctx, sent.ptr, sent.size, &out, &edits),
                             SV_OK);
            tried++;
            if (out.size == strlen(w) + 15 &&
                memcmp(out.ptr + 8, w, strlen(w)) == 0)
                fixed++;
        }
        print_message("single word in English, %-30s %4d/%d (%.1f%%)%s\n",
                      breakers[bi].name, fixed, tried,
                      tried ? 100.0 * fixed / tried : 0.0,
                      ctx ? "" : " without dictionaries");
        assert_true(tried > 1000);
        if (bi < 3) /* the UTF-8 kinds */
            assert_true(fixed * 1000 >= tried * 995);
    }
    sv_context_free(ctx);
    sv_resources_free(res);
    sv_buf_dispose(&words);
    sv_buf_dispose(&sent);
    sv_buf_dispose(&broken);
    sv_buf_dispose(&out);
    sv__editlist_dispose(&edits);
    free(data);
}

static double now_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Throughput on at least 40 MB of clean text (the shared news text
 * repeated), reported, not asserted: sanitizer builds are slow. */
static void test_mojibake__throughput(void **state)
{
    sv_buf text = SV_BUF_INIT, big = SV_BUF_INIT, out = SV_BUF_INIT;
    sv__editlist edits = SV__EDITLIST_INIT;
    sv__step_env env;
    double t0, t1;

    (void)state;
    if (!load_shared(&text)) {
        skip();
        return;
    }
    while (big.size < 40u * 1024 * 1024)
        assert_int_equal(sv_buf_put(&big, text.ptr, text.size), SV_OK);
    memset(&env, 0, sizeof(env));
    t0 = now_seconds();
    assert_int_equal(sv__step_mojibake(big.ptr, big.size, &out, &edits, &env),
                     SV_OK);
    t1 = now_seconds();
    assert_int_equal(edits.count, 0);
    assert_int_equal(out.size, big.size);
    print_message("mojibake step: %.1f MB in %.3f s = %.0f MB/s\n",
                  (double)big.size / 1e6, t1 - t0,
                  (double)big.size / 1e6 / (t1 - t0));
    sv_buf_dispose(&text);
    sv_buf_dispose(&big);
    sv_buf_dispose(&out);
    sv__editlist_dispose(&edits);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mojibake__cases_without_dictionaries),
        cmocka_unit_test(test_mojibake__cases_with_dictionaries),
        cmocka_unit_test(test_mojibake__clean_text_is_copied),
        cmocka_unit_test(test_mojibake__one_edit_per_segment),
        cmocka_unit_test(test_mojibake__latin1_c1_controls_are_evidence),
        cmocka_unit_test(test_mojibake__random_suspicious_text),
        cmocka_unit_test(test_mojibake__allocation_failures),
        cmocka_unit_test(test_mojibake__real_text_is_untouched),
        cmocka_unit_test(test_mojibake__real_text_is_restored),
        cmocka_unit_test(test_mojibake__one_long_damaged_line),
        cmocka_unit_test(test_mojibake__single_words_in_english),
        cmocka_unit_test(test_mojibake__throughput),
    };
    return cmocka_run_group_tests_name("mojibake", tests, NULL, NULL);
}
