/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for transliteration (ICU Russian-Latin/BGN through the
 * per-thread handle) and for the loose name key, measured on name pairs
 * written for this test: precision and recall are printed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "lang/translit.h"

static void check_bgn(sv__translit *t, const char *ru, const char *want)
{
    sv_buf out = SV_BUF_INIT;

    assert_int_equal(sv__translit_ru_latin(t, ru, strlen(ru), &out), SV_OK);
    if (strcmp(out.ptr, want) != 0)
        fail_msg("BGN(%s) = %s, want %s", ru, out.ptr, want);
    sv_buf_dispose(&out);
}

static void test_translit__bgn(void **state)
{
    sv__translit *t = NULL;
    sv_error err = SV_ERROR_INIT;
    sv_buf out = SV_BUF_INIT;

    (void)state;
    assert_int_equal(sv__translit_new(&t, &err), SV_OK);
    check_bgn(t, "Песков", "Peskov");
    check_bgn(t, "Хабаровск", "Khabarovsk");
    check_bgn(t, "Захарова", "Zakharova");
    check_bgn(t, "Щукин", "Shchukin");
    check_bgn(t, "Шойгу", "Shoygu");
    check_bgn(t, "Дмитрий Песков, 2022", "Dmitriy Peskov, 2022");
    check_bgn(t, "Peskov said", "Peskov said");
    check_bgn(t, "", "");
    /* appends, and invalid UTF-8 becomes U+FFFD */
    assert_int_equal(sv_buf_put(&out, "x:", 2), SV_OK);
    assert_int_equal(sv__translit_ru_latin(t, "Лавров\xff", 13, &out), SV_OK);
    assert_string_equal(out.ptr, "x:Lavrov\xEF\xBF\xBD");
    sv_buf_dispose(&out);
    sv__translit_free(t);
    sv__translit_free(NULL);
}

/* Same name: Russian form, then romanisations seen in English text. */
static const char *const SAME[][2] = {
    {"Песков", "Peskov"}, {"Зеленский", "Zelensky"},
    {"Зеленский", "Zelenskyy"}, {"Зеленский", "Zelenskiy"},
    {"Зеленский", "Zelenskij"}, {"Шойгу", "Shoigu"}, {"Шойгу", "Shoygu"},
    {"Лавров", "Lavrov"}, {"Захарова", "Zakharova"},
    {"Захарова", "Zaharova"}, {"Кортунов", "Kortunov"},
    {"Дмитрий", "Dmitry"}, {"Дмитрий", "Dmitriy"}, {"Дмитрий", "Dmitrii"},
    {"Юрий", "Yuri"}, {"Юрий", "Yury"}, {"Юрий", "Iurii"}, {"Юрий", "Jurij"},
    {"Хабаровск", "Khabarovsk"}, {"Хабаровск", "Habarovsk"},
    {"Сергей", "Sergei"}, {"Сергей", "Sergey"}, {"Сергей", "Sergej"},
    {"Алексей", "Alexei"}, {"Алексей", "Aleksey"}, {"Алексей", "Alexey"},
    {"Навальный", "Navalny"}, {"Навальный", "Navalnyy"},
    {"Навальный", "Navalnyi"}, {"Евгений", "Yevgeny"},
    {"Евгений", "Evgeny"}, {"Евгений", "Evgenii"}, {"Ельцин", "Yeltsin"},
    {"Ельцин", "Eltsin"}, {"Андреев", "Andreyev"}, {"Андреев", "Andreev"},
    {"Соловьёв", "Solovyov"}, {"Соловьёв", "Soloviev"},
    {"Соловьев", "Solovyev"}, {"Фёдор", "Fyodor"}, {"Наталья", "Natalya"},
    {"Наталья", "Natalia"}, {"Илья", "Ilya"}, {"Мария", "Maria"},
    {"Мария", "Mariya"}, {"Матвиенко", "Matviyenko"},
    {"Матвиенко", "Matvienko"}, {"Небензя", "Nebenzya"},
    {"Небензя", "Nebenzia"}, {"Рябков", "Ryabkov"}, {"Рябков", "Riabkov"},
    {"Чайковский", "Tchaikovsky"}, {"Чайковский", "Tschaikowski"},
    {"Шувалов", "Szuvalov"}, {"Смирнов", "Smirnoff"},
    {"Цой", "Tsoi"}, {"Цой", "Tsoy"}, {"Жуков", "Zhukov"},
    {"Щукин", "Shchukin"}, {"Щукин", "Schukin"}, {"Кулеба", "Kuleba"},
    {"Дмитро", "Dmytro"}, {"Мишустин", "Mishustin"},
    {"Хуснуллин", "Khusnullin"}, {"Ушаков", "Ushakov"},
    {"Медведев", "Medvedev"}, {"Медведев", "Medwedew"},
    {"Сергеевич", "Sergeyevich"}, {"Ильич", "Ilyich"},
    {"Пётр", "Pyotr"}, {"Горбачёв", "Gorbachev"},
    {"Горбачёв", "Gorbachov"}, {"Хрущёв", "Khrushchev"},
    {"Peskov", "PESKOV"}, {"Zelensky", "Zelenskyy"},
};

/* Different names that a loose key must keep apart. */
static const char *const DIFFERENT[][2] = {
    {"Песков", "Peskova"}, {"Лавров", "Lavrova"}, {"Иванов", "Ivanova"},
    {"Путин", "Puting"}, {"Медведев", "Medvedchuk"},
    {"Зеленский", "Zelenska"}, {"Кортунов", "Kartunov"},
    {"Мария", "Mara"}, {"Шойгу", "Shugaev"}, {"Сергей", "Sergeev"},
    {"Юрий", "Yuriev"}, {"Дмитрий", "Dmitriev"}, {"Лавров", "Lvov"},
    {"Захарова", "Zakharov"}, {"Хабаровск", "Khabarov"},
    {"Москва", "Moscow"}, {"Киев", "Kyiv"}, {"Алексей", "Alexander"},
    {"Навальный", "Navalnaya"}, {"Евгений", "Evgenia"},
    {"Петров", "Petrova"}, {"Смирнов", "Smirnova"}, {"Кулеба", "Kulebyaka"},
    {"Песков", "Peskin"}, {"Путин", "Pushkin"}, {"Ушаков", "Ushakova"},
};

static void test_translit__name_keys(void **state)
{
    size_t n_same = sizeof(SAME) / sizeof(SAME[0]);
    size_t n_diff = sizeof(DIFFERENT) / sizeof(DIFFERENT[0]);
    size_t tp = 0, fp = 0, k;
    char ka[SV__NAME_KEY_MAX], kb[SV__NAME_KEY_MAX];

    (void)state;
    for (k = 0; k < n_same; k++) {
        const char *a = SAME[k][0], *b = SAME[k][1];

        if (sv__name_match(a, strlen(a), b, strlen(b))) {
            tp++;
        } else {
            sv__name_key(a, strlen(a), ka);
            sv__name_key(b, strlen(b), kb);
            printf("  name key miss: %s (%s) ~ %s (%s)\n", a, ka, b, kb);
        }
    }
    for (k = 0; k < n_diff; k++) {
        const char *a = DIFFERENT[k][0], *b = DIFFERENT[k][1];

        if (sv__name_match(a, strlen(a), b, strlen(b))) {
            fp++;
            sv__name_key(a, strlen(a), ka);
            printf("  name key false match: %s ~ %s (%s)\n", a, b, ka);
        }
    }
    printf("name keys: %zu same-name pairs, %zu different-name pairs: "
           "recall %.3f, precision %.3f (%zu true, %zu false matches)\n",
           n_same, n_diff, (double)tp / (double)n_same,
           (double)tp / (double)(tp + fp), tp, fp);
    /* every romanisation against every other person's Russian form */
    {
        size_t i, j, cross = 0, cross_fp = 0;

        for (i = 0; i < n_same; i++) {
            for (j = 0; j < n_same; j++) {
                const char *ra = SAME[i][0], *rb = SAME[j][0];

                /* skip the same person (also ё/е spellings) */
                if (sv__name_match(ra, strlen(ra), rb, strlen(rb)) ||
                    (ra[0] & 0x80) == 0 || (rb[0] & 0x80) == 0)
                    continue;
                cross++;
                if (sv__name_match(ra, strlen(ra), SAME[j][1],
                                   strlen(SAME[j][1]))) {
                    cross_fp++;
                    printf("  cross match: %s ~ %s\n", ra, SAME[j][1]);
                }
            }
        }
        printf("name keys: %zu cross pairs of different people, %zu false "
               "matches\n", cross, cross_fp);
        assert_int_equal(cross_fp, 0);
    }
    assert_true(n_same >= 60);
    assert_true(tp >= 0.9 * (double)n_same);
    assert_int_equal(fp, 0);
}

static void test_translit__name_key_edges(void **state)
{
    char k[SV__NAME_KEY_MAX];
    char longname[300];

    (void)state;
    assert_int_equal(sv__name_key("", 0, k), 0);
    assert_int_equal(sv__name_key("2022", 4, k), 0);
    assert_int_equal(sv__name_key("习近平", strlen("习近平"), k), 0);
    assert_true(sv__name_key("Rimsky-Korsakov", 15, k) > 0);
    assert_string_equal(k, "rimskikorsakov");
    assert_true(sv__name_key("Peskov’s", strlen("Peskov’s"), k) > 0);
    assert_string_equal(k, "peskovs");
    assert_true(sv__name_key("Zoë", strlen("Zoë"), k) > 0);
    assert_string_equal(k, "zoe");
    memset(longname, 'a', sizeof(longname));
    memcpy(longname, "Bo", 2);
    assert_true(sv__name_key(longname, sizeof(longname), k) <
                SV__NAME_KEY_MAX);
    assert_false(sv__name_match("", 0, "", 0));
    assert_false(sv__name_match("123", 3, "123", 3));
}

static void test_translit__speed(void **state)
{
    static const char *const NAMES[] = {"Песков", "Zelenskyy", "Шойгу",
                                        "Khabarovsk", "Дмитрий"};
    char k[SV__NAME_KEY_MAX];
    size_t i, bytes = 0, sum = 0;
    clock_t t0 = clock();
    double secs;

    (void)state;
    for (i = 0; i < 200000; i++) {
        const char *n = NAMES[i % 5];

        bytes += strlen(n);
        sum += sv__name_key(n, strlen(n), k);
    }
    secs = (double)(clock() - t0) / CLOCKS_PER_SEC + 1e-9;
    printf("name keys: %.1f M names/s (%.1f MB/s)\n", 200000 / secs / 1e6,
           (double)bytes / secs / 1e6);
    assert_true(sum > 0);
    {
        sv__translit *t = NULL;
        sv_buf out = SV_BUF_INIT;
        double open_ms;

        t0 = clock();
        assert_int_equal(sv__translit_new(&t, NULL), SV_OK);
        open_ms = 1000.0 * (double)(clock() - t0) / CLOCKS_PER_SEC;
        t0 = clock();
        for (i = 0; i < 20000; i++) {
            sv_buf_clear(&out);
            assert_int_equal(sv__translit_ru_latin(t, NAMES[i % 5],
                                                   strlen(NAMES[i % 5]),
                                                   &out), SV_OK);
        }
        secs = (double)(clock() - t0) / CLOCKS_PER_SEC + 1e-9;
        printf("BGN: open %.1f ms, %.0f k names/s\n", open_ms,
               20000 / secs / 1e3);
        sv_buf_dispose(&out);
        sv__translit_free(t);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_translit__bgn),
        cmocka_unit_test(test_translit__name_keys),
        cmocka_unit_test(test_translit__name_key_edges),
        cmocka_unit_test(test_translit__speed),
    };

    return cmocka_run_group_tests_name("translit", tests, NULL, NULL);
}
