/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the aligner, the pair QA, the alignment writers and the
 * TMX/XLIFF/TSV unit reader.  Test texts are in tests/data/align (written
 * for the project); the lexicon is used when the build tree has it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/alloc.h"
#include "base/langtag.h"
#include "sverka/align.h"
#include "sverka/sverka.h"

static char *read_file(const char *name, size_t *len)
{
    char path[1024];
    FILE *fp;
    char *buf;
    long n;

    snprintf(path, sizeof(path), "%s/align/%s", SV_TEST_DATA, name);
    fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    buf[n] = 0;
    fclose(fp);
    *len = (size_t)n;
    return buf;
}

static sv_resources *open_res(void)
{
    sv_resources_options o = SV_RESOURCES_OPTIONS_INIT;
    sv_resources *res = NULL;

    o.dicts_dir = SV_BUILD_DATADIR;
    o.load = 0;
    o.optional = SV_LOAD_ALL;
    if (sv_resources_new(&res, &o, NULL) < 0)
        return NULL;
    return res;
}

static sv_alignment *align_files(const sv_aligner *al, sv_context *ctx,
                                 const char *a, const char *b)
{
    size_t sl, tl;
    char *s = read_file(a, &sl), *t = read_file(b, &tl);
    sv_alignment *out = NULL;
    sv_error err = SV_ERROR_INIT;

    assert_int_equal(sv_align_texts(al, ctx, s, sl, t, tl, &out, &err), SV_OK);
    free(s);
    free(t);
    return out;
}

/* 1 when bead k has a flag with this code. */
static int has_flag(const sv_alignment *a, size_t k, const char *code)
{
    const sv_align_bead *b = sv_alignment_bead(a, k);
    size_t f;

    for (f = b->flag_first; f < b->flag_first + b->flag_count; f++)
        if (!strcmp(sv_alignment_flag(a, f)->code, code))
            return 1;
    return 0;
}

static void test_align__options(void **state)
{
    sv_align_options o;
    sv_aligner *al = NULL;
    sv_error err = SV_ERROR_INIT;

    (void)state;
    assert_int_equal(sv_align_options_init(&o, SV_ALIGN_OPTIONS_VERSION), SV_OK);
    assert_int_equal(sv_align_options_init(&o, 99), SV_EINVAL);
    o.src_lang = "r";
    assert_int_equal(sv_aligner_new(&al, &o, NULL, &err), SV_EINVAL);
    assert_null(al);
    assert_non_null(strstr(err.message, "language"));
    o.src_lang = "de";
    o.tgt_lang = "fr";
    assert_int_equal(sv_aligner_new(&al, &o, NULL, &err), SV_OK);
    sv_aligner_free(al);
    sv_aligner_free(NULL);
    sv_alignment_free(NULL);
}

/* Without any resources, length, numbers, names and paragraphs align
 * the clean pair one to one with no findings. */
static void test_align__clean_pair_without_resources(void **state)
{
    sv_aligner *al = NULL;
    sv_alignment *a;
    size_t k, counts[7];

    (void)state;
    assert_int_equal(sv_aligner_new(&al, NULL, NULL, NULL), SV_OK);
    a = align_files(al, NULL, "ru.txt", "en.txt");
    assert_int_equal(sv_alignment_bead_count(a), 8);
    for (k = 0; k < 8; k++) {
        const sv_align_bead *b = sv_alignment_bead(a, k);

        assert_int_equal(b->src_first, k);
        assert_int_equal(b->src_count, 1);
        assert_int_equal(b->tgt_first, k);
        assert_int_equal(b->tgt_count, 1);
        assert_true(b->confidence > 0.5);
    }
    sv_alignment_counts(a, counts);
    for (k = 0; k < counts[1] + counts[2] + counts[3]; k++)
        printf("unexpected flag: %s: %s\n", sv_alignment_flag(a, k)->code,
               sv_alignment_flag(a, k)->message);
    assert_int_equal(counts[4], 8);
    assert_int_equal(counts[2] + counts[3], 0);
    sv_alignment_free(a);
    sv_aligner_free(al);
}

/* The flawed translation: a dropped sentence, a changed number, an
 * untranslated sentence and a lost negation are each found. */
static void test_align__flawed_pair(void **state)
{
    sv_resources *res = open_res();
    sv_context *ctx = NULL;
    sv_aligner *al = NULL;
    sv_alignment *a;
    const sv_align_bead *b;

    (void)state;
    if (res)
        assert_int_equal(sv_context_new(&ctx, res, NULL), SV_OK);
    assert_int_equal(sv_aligner_new(&al, NULL, res, NULL), SV_OK);
    a = align_files(al, ctx, "ru.txt", "en-flawed.txt");
    assert_int_equal(sv_alignment_bead_count(a), 8);
    assert_true(has_flag(a, 1, "number"));
    b = sv_alignment_bead(a, 2);
    assert_int_equal(b->src_first, 2);
    assert_int_equal(b->tgt_count, 0);
    assert_int_equal(b->severity, SV_SEVERITY_ERROR);
    assert_true(has_flag(a, 2, "missing"));
    assert_true(has_flag(a, 4, "untranslated"));
    assert_true(has_flag(a, 5, "negation"));
    assert_false(has_flag(a, 0, "number"));
    assert_false(has_flag(a, 3, "date"));
    assert_false(has_flag(a, 7, "negation"));
    sv_alignment_free(a);
    sv_aligner_free(al);
    sv_context_free(ctx);
    sv_resources_free(res);
}

typedef struct flags_seen {
    char codes[512];
} flags_seen;

static int collect(const sv_align_flag *f, void *payload)
{
    flags_seen *s = payload;

    assert_non_null(f->message);
    assert_true(f->severity >= SV_SEVERITY_INFO &&
                f->severity <= SV_SEVERITY_ERROR);
    size_t n = strlen(s->codes);

    snprintf(s->codes + n, sizeof(s->codes) - n, "%s ", f->code);
    if (getenv("ALIGN_TEST_VERBOSE"))
        printf("flag %s: %s\n", f->code, f->message);
    return 0;
}

static const char *check(const sv_aligner *al, const char *src,
                         const char *tgt, flags_seen *s)
{
    memset(s, 0, sizeof(*s));
    assert_true(sv_align_check_pair(al, NULL, src, strlen(src), tgt,
                                    strlen(tgt), collect, s) >= 0);
    return s->codes;
}

static void test_align__check_pair(void **state)
{
    sv_resources *res = open_res();
    sv_aligner *al = NULL;
    flags_seen s;

    (void)state;
    assert_int_equal(sv_aligner_new(&al, NULL, res, NULL), SV_OK);
    /* normalised numbers: 146 000 000 = 146,000,000; 2,5 = 2.5 */
    assert_string_equal(check(al, "Население 146 000 000 человек.",
                              "The population is 146,000,000 people.", &s), "");
    assert_string_equal(check(al, "Рост составил 2,5%.",
                              "Growth was 2.5%.", &s), "");
    assert_non_null(strstr(check(al, "Рост составил 2,5%.",
                                 "Growth was 3.5%.", &s), "number"));
    /* dates: 16 февраля = February 16; a different month is flagged */
    assert_string_equal(check(al, "Встреча пройдёт 16 февраля.",
                              "The meeting will take place on February 16.",
                              &s), "");
    assert_non_null(strstr(check(al, "Встреча пройдёт 16 февраля.",
                                 "The meeting will take place on March 16.",
                                 &s), "date"));
    /* names through transliteration */
    assert_string_equal(check(al, "Об этом сообщил Дмитрий Песков.",
                              "Dmitry Peskov reported this.", &s), "");
    assert_non_null(strstr(check(al, "Об этом сообщил Дмитрий Песков.",
                                 "Dmitry Lavrov reported this.", &s), "name"));
    /* negation */
    assert_non_null(strstr(check(al, "Он не согласился с решением.",
                                 "He agreed with the decision.", &s),
                           "negation"));
    assert_null(strstr(check(al, "Он не согласился с решением.",
                             "He did not agree with the decision.", &s),
                       "negation"));
    /* idioms, scale words, digits inside words, inflected names */
    assert_string_equal(check(al, "Погибли не менее 13 человек.",
                              "At least 13 people died.", &s), "");
    assert_string_equal(check(al, "Помощь окажут 10 тысяч человек.",
                              "Aid will be given by 10,000 people.", &s), "");
    assert_string_equal(check(al, "В сезоне-2019/20 он забил 16 голов.",
                              "In the 2019-20 season he scored 16 goals.", &s),
                        "");
    assert_string_equal(check(al, "Я знал характер Брайанта.",
                              "I knew Bryant's character.", &s), "");
    assert_string_equal(check(al, "Школа № 30 ликует.",
                              "School No. 30 is jubilant.", &s), "");
    /* spelled, Roman, times of day, сутки */
    assert_string_equal(check(al, "Флот получит сорок кораблей.",
                              "The navy will receive 40 ships.", &s), "");
    assert_string_equal(check(al, "Корабль XVI века.",
                              "A 16th-century ship.", &s), "");
    assert_string_equal(check(al, "Встреча в 18:30.",
                              "The meeting is at 6:30 PM.", &s), "");
    assert_string_equal(check(al, "За сутки заболели 500 человек.",
                              "500 people fell ill in 24 hours.", &s), "");
    assert_string_equal(check(al, "Штраф составит около четырех тысяч.",
                              "The fine will be about 4000.", &s), "");
    assert_non_null(strstr(check(al, "24-летний нападающий забил гол.",
                                 "The 34-year-old forward scored.", &s),
                           "number"));
    /* untranslated and source-script passages */
    assert_non_null(strstr(check(al, "Заседание закончилось поздно вечером.",
                                 "Заседание закончилось поздно вечером.", &s),
                           "untranslated"));
    assert_non_null(strstr(check(al, "Он сказал, что переговоры продолжатся.",
                                 "He said in a long statement that the talks, "
                                 "переговоры продолжатся, would go on.", &s),
                           "source-script"));
    /* empty target, brackets */
    assert_non_null(strstr(check(al, "Текст.", "", &s), "empty"));
    assert_non_null(strstr(check(al, "Он (министр) ушёл.",
                                 "He (the minister left.", &s), "brackets"));
    /* length outlier */
    assert_non_null(strstr(check(al, "Да.", "Yes, and furthermore the "
                                 "committee decided to postpone every one of "
                                 "the remaining questions until next year.",
                                 &s), "length"));
    sv_aligner_free(al);
    sv_resources_free(res);
}

/* English to Russian: the same checks the other way round. */
static void test_align__check_pair_en_ru(void **state)
{
    sv_resources *res = open_res();
    sv_context *ctx = NULL;
    sv_align_options o = SV_ALIGN_OPTIONS_INIT;
    sv_aligner *al = NULL;
    flags_seen s;

    (void)state;
    o.src_lang = "en";
    o.tgt_lang = "ru";
    if (res)
        assert_int_equal(sv_context_new(&ctx, res, NULL), SV_OK);
    assert_int_equal(sv_aligner_new(&al, &o, res, NULL), SV_OK);
    memset(&s, 0, sizeof(s));
    assert_true(sv_align_check_pair(al, ctx, "Peskov spoke on Tuesday, "
                                    "February 16.", 37,
                                    "Песков выступил во вторник, 16 февраля.",
                                    strlen("Песков выступил во вторник, 16 "
                                           "февраля."), collect, &s) >= 0);
    assert_string_equal(s.codes, "");
    memset(&s, 0, sizeof(s));
    assert_true(sv_align_check_pair(al, ctx, "Peskov did not speak.", 21,
                                    "Лавров выступил.",
                                    strlen("Лавров выступил."), collect,
                                    &s) >= 0);
    assert_non_null(strstr(s.codes, "negation"));
    if (res)
        assert_non_null(strstr(s.codes, "name"));
    sv_aligner_free(al);
    sv_context_free(ctx);
    sv_resources_free(res);
}

static void test_align__beads_format(void **state)
{
    static const char src[] = "One.\nTwo two.\nThree 333.\n";
    static const char tgt[] = "Uno.\nTres 333.\n";
    sv_align_options o = SV_ALIGN_OPTIONS_INIT;
    sv_aligner *al = NULL;
    sv_alignment *a = NULL;
    sv_buf out = SV_BUF_INIT;

    (void)state;
    o.src_lang = "en";
    o.tgt_lang = "es";
    o.presegmented = 1;
    assert_int_equal(sv_aligner_new(&al, &o, NULL, NULL), SV_OK);
    assert_int_equal(sv_align_texts(al, NULL, src, strlen(src), tgt,
                                    strlen(tgt), &a, NULL), SV_OK);
    assert_int_equal(sv_alignment_write(al, a, SV_ALIGN_FORMAT_BEADS, NULL,
                                        &out, NULL), SV_OK);
    assert_non_null(strstr(out.ptr, "[1]:[]:0.0000\n"));
    assert_non_null(strstr(out.ptr, "[2]:[1]:"));
    assert_int_equal(strncmp(out.ptr, "[0]:[0]:", 8), 0);
    sv_buf_dispose(&out);
    sv_alignment_free(a);
    sv_aligner_free(al);
}

/* Sentence lists in, indices of the lists out. */
static void test_align__sentence_lists(void **state)
{
    static const char *const src[] = {"Первая строка\nс переносом.",
                                      "Вторая, 2024.", "Третья."};
    static const char *const tgt[] = {"The first line with a break.",
                                      "The third."};
    static const size_t paras[] = {0, 0, 1}, tparas[] = {0, 1};
    sv_align_input a_in = {src, NULL, paras, 3}, b_in = {tgt, NULL, tparas, 2};
    sv_aligner *al = NULL;
    sv_alignment *a = NULL;
    const sv_align_bead *b;
    const char *text;
    size_t len;

    (void)state;
    assert_int_equal(sv_aligner_new(&al, NULL, NULL, NULL), SV_OK);
    assert_int_equal(sv_align_sentences(al, NULL, &a_in, &b_in, &a, NULL),
                     SV_OK);
    assert_int_equal(sv_alignment_bead_count(a), 3);
    b = sv_alignment_bead(a, 1);
    assert_int_equal(b->src_first, 1);
    assert_int_equal(b->tgt_count, 0);
    b = sv_alignment_bead(a, 2);
    assert_int_equal(b->src_first, 2);
    assert_int_equal(b->tgt_first, 1);
    text = sv_alignment_text(a, 0, &len);
    assert_non_null(strstr(text, "Первая строка с переносом.\n"));
    sv_alignment_free(a);
    a_in.count = 1;
    a_in.sentences = (const char *const[]){"  "};
    assert_int_equal(sv_align_sentences(al, NULL, &a_in, &b_in, &a, NULL),
                     SV_EINVAL);
    assert_null(a);
    sv_aligner_free(al);
}

typedef struct units {
    size_t n;
    char first_src[256], last_tgt[256], src_lang[16], tgt_lang[16];
} units;

static int on_unit(const sv_pair *p, void *payload)
{
    units *u = payload;

    if (u->n == 0)
        snprintf(u->first_src, sizeof(u->first_src), "%.*s", (int)p->src_len,
                 p->src);
    snprintf(u->last_tgt, sizeof(u->last_tgt), "%.*s", (int)p->tgt_len, p->tgt);
    snprintf(u->src_lang, sizeof(u->src_lang), "%s", p->src_lang);
    snprintf(u->tgt_lang, sizeof(u->tgt_lang), "%s", p->tgt_lang);
    u->n++;
    return 0;
}

static int read_back(const sv_buf *doc, const char *name, units *u,
                     sv_error *err)
{
    FILE *fp = tmpfile();
    int rc;

    assert_non_null(fp);
    fwrite(doc->ptr, 1, doc->size, fp);
    rewind(fp);
    memset(u, 0, sizeof(*u));
    rc = sv_pairs_read(fp, name, SV_PAIR_FORMAT_AUTO, 0, on_unit, u, err);
    fclose(fp);
    return rc;
}

/* TMX, XLIFF 1.2 and 2.0 parse back to the same units. */
static void test_align__xml_round_trip(void **state)
{
    static const sv_align_format formats[] = {
        SV_ALIGN_FORMAT_TMX, SV_ALIGN_FORMAT_XLIFF12, SV_ALIGN_FORMAT_XLIFF20};
    static const char *const names[] = {"a.tmx", "a.xlf", "a.xliff"};
    sv_aligner *al = NULL;
    sv_alignment *a;
    size_t i;

    (void)state;
    assert_int_equal(sv_aligner_new(&al, NULL, NULL, NULL), SV_OK);
    a = align_files(al, NULL, "ru.txt", "en-flawed.txt");
    for (i = 0; i < 3; i++) {
        sv_buf out = SV_BUF_INIT;
        sv_error err = SV_ERROR_INIT;
        units u;

        assert_int_equal(sv_alignment_write(al, a, formats[i], NULL, &out,
                                            &err), SV_OK);
        assert_int_equal(read_back(&out, names[i], &u, &err), 7);
        assert_int_equal(u.n, 7); /* the 1-0 bead is left out */
        assert_string_equal(u.first_src, "Мэрия Казани открыла новый мост "
                                         "через реку Казанку");
        assert_string_equal(u.last_tgt, "She added that the trip to the "
                                        "center will now take no more than "
                                        "twenty minutes.");
        assert_string_equal(u.src_lang, "ru");
        assert_string_equal(u.tgt_lang, "en");
        sv_buf_dispose(&out);
    }
    sv_alignment_free(a);
    sv_aligner_free(al);
}

static void test_align__xml_errors(void **state)
{
    sv_buf doc = SV_BUF_INIT;
    sv_error err = SV_ERROR_INIT;
    units u;
    int rc;
    static const char bad[] = "<tmx version=\"1.4\"><body>\n<tu>\n"
                              "<tuv xml:lang=\"ru\"><seg>a</tuv>\n</tu>";
    /* An external entity must not be loaded, nor any entity expanded. */
    static const char xxe[] =
        "<?xml version=\"1.0\"?>\n"
        "<!DOCTYPE tmx [<!ENTITY x SYSTEM \"file:///etc/passwd\">"
        "<!ENTITY y \"expanded\">]>\n"
        "<tmx version=\"1.4\"><header srclang=\"ru\"/><body>"
        "<tu><tuv xml:lang=\"ru\"><seg>a &x; &y;</seg></tuv>"
        "<tuv xml:lang=\"en\"><seg>b</seg></tuv></tu></body></tmx>";

    (void)state;
    sv_buf_put(&doc, bad, strlen(bad));
    assert_int_equal(read_back(&doc, "bad.tmx", &u, &err), SV_EFORMAT);
    assert_non_null(strstr(err.message, "bad.tmx:3:"));
    assert_non_null(strstr(err.message, "malformed XML"));
    sv_buf_clear(&doc);
    sv_buf_put(&doc, xxe, strlen(xxe));
    /* either read with the entities left out, or refused by name (so no
     * text is dropped silently); never expanded */
    rc = read_back(&doc, "x.tmx", &u, &err);
    assert_true(rc == 1 || rc == SV_EFORMAT);
    if (rc == SV_EFORMAT)
        assert_non_null(strstr(err.message, "entity"));
    assert_null(strstr(u.first_src, "root"));
    assert_null(strstr(u.first_src, "expanded"));
    sv_buf_clear(&doc);
    sv_buf_put(&doc, "<html/>", 7);
    assert_int_equal(read_back(&doc, "x.xml", &u, &err), SV_EFORMAT);
    sv_buf_dispose(&doc);
}

/* ---- language codes of units (sverka check) ------------------------------ */

static void test_align__lang_codes_compare(void **state)
{
    (void)state;
    assert_true(sv__lang_same("en", "en"));
    assert_true(sv__lang_same("en-US", "EN"));
    assert_true(sv__lang_same("ru_RU", "ru-ru"));
    assert_false(sv__lang_same("en", "eng"));
    assert_false(sv__lang_same("en", ""));
    assert_false(sv__lang_same(NULL, "en"));
    assert_false(sv__lang_same("-US", "-US"));
    assert_true(sv__lang_none("*ALL*"));
    assert_true(sv__lang_none(""));
    assert_false(sv__lang_none("*all*x"));
    assert_false(sv__lang_none("en"));
}

typedef struct lang_flags {
    int n;
    char text[1024];
} lang_flags;

static int on_lang_flag(const sv_align_flag *f, void *payload)
{
    lang_flags *lf = payload;
    size_t used = strlen(lf->text);

    assert_string_equal(f->code, "language");
    assert_int_equal(f->severity, SV_SEVERITY_ERROR);
    snprintf(lf->text + used, sizeof(lf->text) - used, "%s|", f->message);
    lf->n++;
    return 0;
}

static int stop_at_first(const sv_align_flag *f, void *payload)
{
    (void)f;
    (void)payload;
    return 7;
}

/* Run sv_pair_check_langs on a hand-made TMX unit. */
static int langs_of(const char *const *langs, size_t n, size_t index,
                    const char *src, const char *tgt, lang_flags *lf)
{
    sv_pair p;

    memset(&p, 0, sizeof(p));
    memset(lf, 0, sizeof(*lf));
    p.id = p.src = p.tgt = "";
    p.src_lang = p.tgt_lang = "";
    p.langs = langs;
    p.nlangs = n;
    p.index = index;
    p.doc_src_lang = "en-GB";
    p.doc_tgt_lang = "";
    p.doc_line = 3;
    return sv_pair_check_langs(&p, src, tgt, on_lang_flag, lf);
}

static void test_align__pair_langs(void **state)
{
    static const char *const ok[] = {"EN-us", "ru-RU"};
    static const char *const third[] = {"en", "de"};
    static const char *const twice[] = {"en", "ru", "EN"};
    static const char *const nolang[] = {"en", ""};
    static const char *const only_ru[] = {"ru"};
    lang_flags lf;
    sv_pair p;

    (void)state;
    assert_int_equal(langs_of(ok, 2, 1, "en", "ru", &lf), 0);
    /* the order of the tuvs does not matter */
    assert_int_equal(langs_of(ok, 2, 1, "ru", "en", &lf), 0);
    /* first unit: the header's srclang is checked once */
    assert_int_equal(langs_of(ok, 2, 0, "ru", "en", &lf), 1);
    assert_string_equal(lf.text, "the file declares source language 'en-GB' "
                                 "(line 3), not 'ru'|");
    /* a unit in en and de checked as en-ru lacks its target; the de tuv
     * itself is no finding */
    assert_int_equal(langs_of(third, 2, 1, "en", "ru", &lf), 1);
    assert_string_equal(lf.text, "no tuv in the target language 'ru' (the "
                                 "unit has 'en', 'de')|");
    assert_int_equal(langs_of(twice, 3, 1, "en", "ru", &lf), 1);
    assert_string_equal(lf.text, "tuvs 1 and 3 are both in one language "
                                 "('en', 'EN')|");
    /* (the missing target side is not said again) */
    assert_int_equal(langs_of(nolang, 2, 1, "en", "ru", &lf), 1);
    assert_string_equal(lf.text, "tuv 2 has no language code (xml:lang)|");
    assert_int_equal(langs_of(only_ru, 1, 1, "en", "ru", &lf), 1);
    assert_string_equal(lf.text, "no tuv in the source language 'en' (the "
                                 "unit has 'ru')|");
    /* an unknown side is not checked; no pair at all checks only the
     * tuvs themselves */
    assert_int_equal(langs_of(third, 2, 1, "en", NULL, &lf), 0);
    assert_int_equal(langs_of(twice, 3, 1, NULL, "", &lf), 1);
    assert_int_equal(langs_of(third, 2, 1, "fr", "ru", &lf), 1);
    assert_string_equal(lf.text, "no tuv in either language of the pair "
                                 "fr-ru (the unit has 'en', 'de')|");
    /* the callback's value stops the check and comes back */
    memset(&p, 0, sizeof(p));
    p.langs = third;
    p.nlangs = 2;
    p.index = 1;
    p.doc_src_lang = p.doc_tgt_lang = "";
    assert_int_equal(sv_pair_check_langs(&p, "en", "ru", stop_at_first, NULL),
                     7);
}

/* Multilingual units: tuvs outside the pair are no findings, a repeated
 * language is one only when it is a side of the pair (or a side is not
 * known), a missing side still is. */
static void test_align__pair_langs_multilingual(void **state)
{
    static const char *const four[] = {"de-DE", "EN-gb", "fr", "ru_RU"};
    static const char *const de_twice[] = {"en", "de", "ru", "de-AT"};
    static const char *const ru_twice[] = {"ru", "de", "en", "RU"};
    static const char *const no_ru[] = {"en", "de", "fr"};
    lang_flags lf;

    (void)state;
    assert_int_equal(langs_of(four, 4, 1, "en", "ru", &lf), 0);
    assert_int_equal(langs_of(four, 4, 1, "ru", "en", &lf), 0);
    assert_int_equal(langs_of(four, 4, 1, "fr", "de", &lf), 0);
    assert_int_equal(langs_of(de_twice, 4, 1, "en", "ru", &lf), 0);
    assert_int_equal(langs_of(de_twice, 4, 1, "de", "ru", &lf), 1);
    assert_string_equal(lf.text, "tuvs 2 and 4 are both in one language "
                                 "('de', 'de-AT')|");
    /* with a side unknown any repeat may hide the missing side */
    assert_int_equal(langs_of(de_twice, 4, 1, "en", NULL, &lf), 1);
    assert_int_equal(langs_of(ru_twice, 4, 1, "en", "ru", &lf), 1);
    assert_string_equal(lf.text, "tuvs 1 and 4 are both in one language "
                                 "('ru', 'RU')|");
    assert_int_equal(langs_of(no_ru, 3, 1, "en", "ru", &lf), 1);
    assert_string_equal(lf.text, "no tuv in the target language 'ru' (the "
                                 "unit has 'en', 'de', 'fr')|");
}

typedef struct tmx_units {
    size_t n;
    char src[8][128], tgt[8][128], langs[8][64], doc[32];
    size_t line[8], doc_line;
} tmx_units;

static int on_tmx_unit(const sv_pair *p, void *payload)
{
    tmx_units *u = payload;
    size_t i, used = 0;

    if (u->n >= 8)
        return 0;
    snprintf(u->src[u->n], 128, "%.*s", (int)p->src_len, p->src);
    snprintf(u->tgt[u->n], 128, "%.*s", (int)p->tgt_len, p->tgt);
    for (i = 0; i < p->nlangs; i++)
        used += (size_t)snprintf(u->langs[u->n] + used, 64 - used, "%s,",
                                 p->langs[i]);
    snprintf(u->doc, sizeof(u->doc), "%s", p->doc_src_lang);
    u->line[u->n] = p->line;
    u->doc_line = p->doc_line;
    u->n++;
    return 0;
}

/* The reader takes the source by the header's srclang whatever the tuv
 * order and the codes' case, and hands over every tuv's code. */
static void test_align__tmx_langs_read(void **state)
{
    char path[1024];
    sv_error err = SV_ERROR_INIT;
    tmx_units u;
    FILE *fp;

    (void)state;
    snprintf(path, sizeof(path), "%s/align/langs.tmx", SV_TEST_DATA);
    fp = fopen(path, "rb");
    assert_non_null(fp);
    memset(&u, 0, sizeof(u));
    assert_int_equal(sv_pairs_read(fp, path, SV_PAIR_FORMAT_AUTO, 0,
                                   on_tmx_unit, &u, &err), 5);
    fclose(fp);
    assert_string_equal(u.doc, "en-US");
    assert_int_equal(u.doc_line, 3);
    assert_string_equal(u.src[0], "The talks resumed on Monday.");
    assert_string_equal(u.tgt[0], "Переговоры возобновились в понедельник.");
    assert_string_equal(u.langs[0], "ru-RU,EN-us,");
    assert_string_equal(u.langs[2], "en,en_GB,");
    /* the pair is en-ru (srclang, then the first unit's other language):
     * a unit in en and en_GB has no target */
    assert_string_equal(u.src[2], "No agreement was reached.");
    assert_string_equal(u.tgt[2], "");
    assert_string_equal(u.langs[3], "en,ru,fr,");
    assert_string_equal(u.tgt[3], "Следующий раунд пройдёт в мае.");
    assert_int_equal(u.line[3], 8);
    assert_string_equal(u.langs[4], "en,,");
}

/* Sides of every unit of a TMX read with a pair (NULL: settled). */
typedef struct side_units {
    size_t n;
    char text[8][160], pick[48];
    size_t tuv[8][2];
} side_units;

static int on_side_unit(const sv_pair *p, void *payload)
{
    side_units *u = payload;

    if (u->n >= 8)
        return 0;
    snprintf(u->text[u->n], 160, "%.*s|%.*s", (int)p->src_len, p->src,
             (int)p->tgt_len, p->tgt);
    u->tuv[u->n][0] = p->src_tuv;
    u->tuv[u->n][1] = p->tgt_tuv;
    snprintf(u->pick, sizeof(u->pick), "%s>%s", p->pick_src_lang,
             p->pick_tgt_lang);
    u->n++;
    return 0;
}

static int read_sides(FILE *fp, const char *src, const char *tgt,
                      side_units *u)
{
    sv_pairs_read_options o;

    assert_int_equal(sv_pairs_read_options_init(&o,
                                                SV_PAIRS_READ_OPTIONS_VERSION),
                     SV_OK);
    o.src_lang = src;
    o.tgt_lang = tgt;
    memset(u, 0, sizeof(*u));
    rewind(fp);
    return sv_pairs_read_ext(fp, "m.tmx", &o, on_side_unit, u, NULL);
}

/* Regression (fuzz_tmx): a tu opening inside another unit's seg cleared
 * that unit's tuvs while the seg's text was still being collected into
 * the last of them, an index of (size_t)-1. */
static void test_align__tmx_unit_inside_seg(void **state)
{
    static const char tmx[] =
        "<tmx version=\"1.4\"><header srclang=\"ru\"/><body>\n"
        "<tu><tuv xml:lang=\"ru\"><seg>Мост открыт"
        "<tu>\n <tuv xml:lang=\"en\"><seg>The bridge</seg></tuv></tu>"
        " tail</seg></tuv><tuv xml:lang=\"en\"><seg>Open.</seg></tuv></tu>\n"
        "</body></tmx>\n";
    side_units u;
    FILE *fp = fmemopen((void *)tmx, sizeof(tmx) - 1, "rb");

    (void)state;
    assert_non_null(fp);
    assert_true(read_sides(fp, "ru", "en", &u) >= 0);
    /* the inner unit ends first and is the one delivered */
    assert_int_equal(u.n, 1);
    assert_string_equal(u.text[0], "|The bridge");
    fclose(fp);
}

/* A memory in en, de, ru (and fr): the pair picks the tuvs whatever their
 * order and case; with no pair the header's srclang and the first other
 * language are the pair for every unit. */
static void test_align__tmx_multilingual_read(void **state)
{
    side_units u;
    FILE *fp = fopen(SV_TEST_DATA "/align/multilingual.tmx", "rb");

    (void)state;
    assert_non_null(fp);
    assert_int_equal(read_sides(fp, "en", "RU", &u), 4);
    assert_string_equal(u.pick, "en>RU");
    assert_string_equal(u.text[1], "The museum was built in 1998.|"
                                   "Музей построили в 1989 году.");
    assert_int_equal(u.tuv[1][0], 3);
    assert_int_equal(u.tuv[1][1], 1);
    assert_string_equal(u.text[2], "Tickets are sold at the door.|");
    assert_int_equal(u.tuv[2][1], 0);
    assert_string_equal(u.text[3], "Admission is free.|Вход свободный.");
    assert_int_equal(u.tuv[3][0], 4);
    assert_int_equal(u.tuv[3][1], 3);
    /* the other direction, and a pair without the header's language */
    assert_int_equal(read_sides(fp, "ru-RU", "en_US", &u), 4);
    assert_string_equal(u.text[0], "Библиотека открывается в девять.|"
                                   "The library opens at nine.");
    assert_string_equal(u.text[2], "|Tickets are sold at the door.");
    assert_int_equal(read_sides(fp, "de", "fr", &u), 4);
    assert_string_equal(u.text[0], "Die Bibliothek öffnet um neun.|");
    assert_string_equal(u.text[3], "Der Eintritt ist frei.|L'entrée est libre.");
    /* no pair: en-GB (srclang) and de-DE (first other), kept for u2 whose
     * tuvs come in another order */
    assert_int_equal(read_sides(fp, NULL, "", &u), 4);
    assert_string_equal(u.pick, "en-GB>de-DE");
    assert_string_equal(u.text[1], "The museum was built in 1998.|"
                                   "Das Museum wurde 1998 gebaut.");
    /* only the target given: the source is still the header's */
    assert_int_equal(read_sides(fp, NULL, "ru", &u), 4);
    assert_string_equal(u.pick, "en-GB>ru");
    assert_string_equal(u.text[3], "Admission is free.|Вход свободный.");
    /* a target equal to the header's srclang: the source is the first
     * other language of the first unit */
    assert_int_equal(read_sides(fp, NULL, "en", &u), 4);
    assert_string_equal(u.pick, "de-DE>en");
    assert_string_equal(u.text[0], "Die Bibliothek öffnet um neun.|"
                                   "The library opens at nine.");
    fclose(fp);
    assert_int_equal(sv_pairs_read_options_init(NULL, 1), SV_EINVAL);
}

/* No srclang (*all*) and no pair: the first unit's first two languages,
 * kept for the whole file; tuvs without codes fall back to document
 * order until a pair is known. */
static void test_align__tmx_pair_settled(void **state)
{
    static const char doc[] =
        "<tmx version=\"1.4\"><header srclang=\"*all*\"/><body>\n"
        "<tu><tuv><seg>a</seg></tuv><tuv><seg>b</seg></tuv></tu>\n"
        "<tu><tuv xml:lang=\"fr\"><seg>un</seg></tuv>"
        "<tuv xml:lang=\"DE\"><seg>eins</seg></tuv>"
        "<tuv xml:lang=\"en\"><seg>one</seg></tuv></tu>\n"
        "<tu><tuv xml:lang=\"en\"><seg>two</seg></tuv>"
        "<tuv xml:lang=\"de-CH\"><seg>zwei</seg></tuv>"
        "<tuv xml:lang=\"fr-CA\"><seg>deux</seg></tuv></tu>\n"
        "<tu><tuv xml:lang=\"fr\"><seg>trois</seg></tuv></tu>\n"
        "</body></tmx>\n";
    side_units u;
    FILE *fp = tmpfile();

    (void)state;
    assert_non_null(fp);
    fwrite(doc, 1, sizeof(doc) - 1, fp);
    assert_int_equal(read_sides(fp, NULL, NULL, &u), 4);
    assert_string_equal(u.text[0], "a|b");
    assert_string_equal(u.text[1], "un|eins");
    assert_string_equal(u.text[2], "deux|zwei");
    assert_string_equal(u.text[3], "trois|");
    assert_string_equal(u.pick, "fr>DE");
    /* the old entry point reads the same way */
    rewind(fp);
    memset(&u, 0, sizeof(u));
    assert_int_equal(sv_pairs_read(fp, "m.tmx", SV_PAIR_FORMAT_AUTO, 0,
                                   on_side_unit, &u, NULL), 4);
    assert_string_equal(u.text[2], "deux|zwei");
    fclose(fp);
}

static void test_align__tsv_units(void **state)
{
    static const char tsv[] = "src\ttgt\n"
                              "Один.\tOne.\n"
                              "Два\\tтри.\tTwo three.\n";
    sv_buf doc = SV_BUF_INIT;
    units u;

    (void)state;
    sv_buf_put(&doc, tsv, strlen(tsv));
    assert_int_equal(read_back(&doc, "p.tsv", &u, NULL), 2);
    assert_string_equal(u.first_src, "Один.");
    assert_string_equal(u.last_tgt, "Two three.");
    sv_buf_clear(&doc);
    sv_buf_put(&doc, "no tab here\n", 12);
    assert_int_equal(read_back(&doc, "p.tsv", &u, NULL), SV_EFORMAT);
    sv_buf_dispose(&doc);
}

static void test_align__html_report(void **state)
{
    sv_aligner *al = NULL;
    sv_alignment *a;
    sv_buf out = SV_BUF_INIT;

    (void)state;
    assert_int_equal(sv_aligner_new(&al, NULL, NULL, NULL), SV_OK);
    a = align_files(al, NULL, "ru.txt", "en-flawed.txt");
    assert_int_equal(sv_alignment_write(al, a, SV_ALIGN_FORMAT_HTML, NULL,
                                        &out, NULL), SV_OK);
    assert_int_equal(strncmp(out.ptr, "<!DOCTYPE html>", 15), 0);
    assert_non_null(strstr(out.ptr, "<tr id=\"b3\" class=\"sev-error\">"));
    assert_non_null(strstr(out.ptr, "<tr id=\"b1\" class=\"sev-none\">"));
    assert_non_null(strstr(out.ptr, "<th>errors</th><td>2</td>"));
    assert_null(strstr(out.ptr, "<td/>"));
    assert_null(strstr(out.ptr, "http"));
    sv_buf_dispose(&out);
    sv_alignment_free(a);
    sv_aligner_free(al);
}

/* A long generated pair with deletions and insertions: anchors and the
 * band keep it linear and correct. */
static void test_align__long_pair(void **state)
{
    sv_buf s = SV_BUF_INIT, t = SV_BUF_INIT;
    sv_align_options o = SV_ALIGN_OPTIONS_INIT;
    sv_aligner *al = NULL;
    sv_alignment *a = NULL;
    size_t i, k, good = 0, n = 3000;
    uint32_t x = 12345;
    char line[200];

    (void)state;
    for (i = 0; i < n; i++) {
        int len, extra;

        x = x * 1103515245u + 12345u;
        extra = (int)((x >> 16) % 40);
        len = snprintf(line, sizeof(line), "Sentence %zu has %d words %.*s.\n",
                       i * 7 + 1000, extra,
                       extra, "lorem ipsum dolor sit amet consectetur adip");
        sv_buf_put(&s, line, (size_t)len);
        if (i % 50 == 25)
            continue; /* dropped in the translation */
        len = snprintf(line, sizeof(line), "Frase %zu tiene %d palabras %.*s.\n",
                       i * 7 + 1000, extra,
                       extra, "lorem ipsum dolor sit amet consectetur adip");
        sv_buf_put(&t, line, (size_t)len);
        if (i % 60 == 30)
            sv_buf_put(&t, "Una frase extra sin pareja.\n", 28);
    }
    o.src_lang = "en";
    o.tgt_lang = "es";
    o.presegmented = 1;
    assert_int_equal(sv_aligner_new(&al, &o, NULL, NULL), SV_OK);
    assert_int_equal(sv_align_texts(al, NULL, s.ptr, s.size, t.ptr, t.size,
                                    &a, NULL), SV_OK);
    for (k = 0; k < sv_alignment_bead_count(a); k++) {
        const sv_align_bead *b = sv_alignment_bead(a, k);
        size_t text_len;
        const char *st = sv_alignment_text(a, 0, &text_len);
        const char *tt = sv_alignment_text(a, 1, &text_len);

        if (b->src_count == 1 && b->tgt_count == 1 &&
            !strncmp(st + b->src_start + 9, tt + b->tgt_start + 6, 4))
            good++;
    }
    assert_true(good >= n - n / 50 - 10);
    sv_alignment_free(a);
    sv_aligner_free(al);
    sv_buf_dispose(&s);
    sv_buf_dispose(&t);
}

/* Allocation failures at every step give SV_ENOMEM and no leak. */
static void test_align__oom_sweep(void **state)
{
    static const char src[] = "Первое предложение. Второе, 25 слов.\n\nТретье.";
    static const char tgt[] = "The first sentence. The second, 25 words.\n\n"
                              "The third.";
    sv_aligner *al = NULL;
    unsigned long n;
    int ok = 0;

    (void)state;
    assert_int_equal(sv_aligner_new(&al, NULL, NULL, NULL), SV_OK);
    for (n = 1; n < 400 && !ok; n++) {
        sv_alignment *a = NULL;
        sv_error err = SV_ERROR_INIT;
        int rc;

        sv__alloc_fail_after(n);
        rc = sv_align_texts(al, NULL, src, strlen(src), tgt, strlen(tgt), &a,
                            &err);
        sv__alloc_fail_after(0);
        if (rc == SV_OK) {
            ok = 1;
            assert_int_equal(sv_alignment_bead_count(a), 3);
        } else {
            assert_true(rc == SV_ENOMEM || rc == SV_ERROR);
            assert_null(a);
        }
        sv_alignment_free(a);
    }
    assert_true(ok);
    sv_aligner_free(al);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_align__options),
        cmocka_unit_test(test_align__clean_pair_without_resources),
        cmocka_unit_test(test_align__flawed_pair),
        cmocka_unit_test(test_align__check_pair),
        cmocka_unit_test(test_align__check_pair_en_ru),
        cmocka_unit_test(test_align__beads_format),
        cmocka_unit_test(test_align__sentence_lists),
        cmocka_unit_test(test_align__xml_round_trip),
        cmocka_unit_test(test_align__xml_errors),
        cmocka_unit_test(test_align__tsv_units),
        cmocka_unit_test(test_align__lang_codes_compare),
        cmocka_unit_test(test_align__pair_langs),
        cmocka_unit_test(test_align__tmx_langs_read),
        cmocka_unit_test(test_align__pair_langs_multilingual),
        cmocka_unit_test(test_align__tmx_multilingual_read),
        cmocka_unit_test(test_align__tmx_unit_inside_seg),
        cmocka_unit_test(test_align__tmx_pair_settled),
        cmocka_unit_test(test_align__html_report),
        cmocka_unit_test(test_align__long_pair),
        cmocka_unit_test(test_align__oom_sweep),
    };

    return cmocka_run_group_tests_name("align", tests, NULL, NULL);
}
