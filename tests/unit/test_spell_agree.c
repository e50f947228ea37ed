/* SPDX-License-Identifier: MIT */
/*
 * unit.spell_agree: the compiled word lists give hunspell's verdicts.
 * Every token of samples/ and tests/data (and of ../shared's seeds and
 * aligned news when present), as written and in lower, Title and upper
 * case, is checked in English and Russian twice: through the compiled
 * list, and through hunspell with the list taken away.  Not one verdict
 * may differ.  Skipped when the build made no compiled list.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "base/hashmap.h"
#include "file_tree.h"
#include "lang/resources_internal.h"
#include "lang/spell.h"
#include "lang/spellrules.h"
#include "lang/wordcase.h"

#define MAX_WORDS 80000
#define MAX_FILE_BYTES (8u << 20) /* read at most this much of a file */

typedef struct words {
    sv__hashmap *seen;
    char **w;
    size_t n;
} words;

static void add_word(words *ws, const char *w, size_t len)
{
    if (len == 0 || len > 60 || ws->n >= MAX_WORDS ||
        sv__hashmap_get(ws->seen, w, len, NULL))
        return;
    assert_int_equal(sv__hashmap_put(ws->seen, w, len, 1), SV_OK);
    ws->w[ws->n] = malloc(len + 1);
    assert_non_null(ws->w[ws->n]);
    memcpy(ws->w[ws->n], w, len);
    ws->w[ws->n++][len] = '\0';
}

/* The token and its three case forms. */
static void add_token(words *ws, const char *t, size_t len)
{
    int mode;

    while (len > 0 && t[len - 1] == '.')
        len--;
    add_word(ws, t, len);
    for (mode = SV__FOLD_LOWER; mode <= SV__FOLD_UPPER; mode++) {
        sv_buf b = SV_BUF_INIT;

        assert_int_equal(sv__word_fold(&b, t, len, mode), SV_OK);
        add_word(ws, b.ptr, b.size);
        sv_buf_dispose(&b);
    }
}

/* Tokens: runs without blanks and the punctuation around words (dots,
 * hyphens, apostrophes and digits stay, for the rules' edge cases). */
static int separator(unsigned char c)
{
    return c <= ' ' || (c < 0x80 && strchr(",;:!?()[]{}\"<>/|*=+#", c));
}

static void add_file(words *ws, const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = malloc(MAX_FILE_BYTES);
    size_t n, i = 0;

    assert_non_null(buf);
    if (!f) {
        free(buf);
        return;
    }
    n = fread(buf, 1, MAX_FILE_BYTES, f);
    fclose(f);
    while (i < n) {
        size_t s;

        while (i < n && separator((unsigned char)buf[i]))
            i++;
        s = i;
        while (i < n && !separator((unsigned char)buf[i]))
            i++;
        add_token(ws, buf + s, i - s);
    }
    free(buf);
}

static void add_found(const char *path, void *payload)
{
    add_file(payload, path);
}

static void add_tree(words *ws, const char *dir)
{
    file_tree_walk(dir, add_found, ws);
}

static sv_resources *system_resources(void)
{
    sv_resources_options o = SV_RESOURCES_OPTIONS_INIT;
    sv_error err = SV_ERROR_INIT;
    sv_resources *res = NULL;

    o.load = SV_LOAD_DATA | SV_LOAD_SPELL_EN | SV_LOAD_SPELL_RU;
    o.optional = 0;
    if (sv_resources_new(&res, &o, &err) != SV_OK)
        return NULL;
    return res;
}

static void compare(sv_context *compiled, sv_context *hunspell,
                    const sv__wordset *list, sv_lang lang, const words *ws,
                    size_t *differ, size_t *undecided)
{
    size_t i;

    for (i = 0; i < ws->n; i++) {
        const char *w = ws->w[i];
        size_t len = strlen(w);
        int a = sv__spell_known(compiled, lang, w, len, 0);
        int b = sv__spell_known(hunspell, lang, w, len, 0);

        *undecided += sv__spellrules_check(list, w, len) < 0;
        if (a != b && (*differ)++ < 30)
            print_error("%s '%s': compiled list %d, hunspell %d\n",
                        lang == SV_LANG_EN ? "en" : "ru", w, a, b);
    }
}

static void test_spell_agree__hunspell_verdicts(void **state)
{
    sv_resources *with = system_resources(), *without = system_resources();
    sv_context *c1 = NULL, *c2 = NULL;
    sv_error err = SV_ERROR_INIT;
    words ws = {NULL, NULL, 0};
    size_t differ = 0, undecided = 0, i;
    int li;

    (void)state;
    if (!with || !without || !with->spell[0].words || !with->spell[1].words) {
        sv_resources_free(with);
        sv_resources_free(without);
        skip(); /* no dictionaries, or the build compiled no list */
    }
    for (li = 0; li < SV__N_SPELL_LANGS; li++) {
        sv__wordset_free(without->spell[li].words);
        without->spell[li].words = NULL;
    }
    ws.seen = sv__hashmap_new(MAX_WORDS);
    ws.w = calloc(MAX_WORDS, sizeof(char *));
    assert_non_null(ws.w);
    add_tree(&ws, SV_TEST_DATA "/../../samples");
    add_tree(&ws, SV_TEST_DATA);
    add_tree(&ws, SV_SHARED_DIR "/seeds");
    add_tree(&ws, SV_SHARED_DIR "/data/align/wmt21-ruen");
    assert_int_equal(sv_context_new(&c1, with, &err), SV_OK);
    assert_int_equal(sv_context_new(&c2, without, &err), SV_OK);
    compare(c1, c2, with->spell[0].words, SV_LANG_EN, &ws, &differ, &undecided);
    compare(c1, c2, with->spell[1].words, SV_LANG_RU, &ws, &differ, &undecided);
    print_message("%zu words in two languages, %zu left to hunspell, %zu "
                  "verdicts differ\n",
                  ws.n, undecided, differ);
    assert_int_equal(differ, 0);
    assert_true(ws.n > 1000);
    for (i = 0; i < ws.n; i++)
        free(ws.w[i]);
    free(ws.w);
    sv__hashmap_free(ws.seen);
    sv_context_free(c1);
    sv_context_free(c2);
    sv_resources_free(with);
    sv_resources_free(without);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spell_agree__hunspell_verdicts),
    };

    return cmocka_run_group_tests_name("spell_agree", tests, NULL, NULL);
}
