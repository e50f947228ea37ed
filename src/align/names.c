/* SPDX-License-Identifier: MIT */
/*
 * The names list (dicts/names.tsv, loaded with the resources) as the
 * aligner asks it: the English forms of a Russian name in any case
 * ending, or the Russian form of an English one.  The list holds nominatives, so a lookup also tries the word
 * without its last one or two letters ("Пескова" -> "Песков",
 * "Белгороде" -> "Белгород").
 */
#include "align/align_internal.h"
#include "base/utf8.h"
#include "lang/names.h"

/* Byte length of w without its last k code points. */
static size_t drop_cp(const char *w, size_t len, int k)
{
    while (k-- > 0 && len > 0) {
        len--;
        while (len > 0 && ((unsigned char)w[len] & 0xC0) == 0x80)
            len--;
    }
    return len;
}

const char *sv__al_names_lookup(const sv_aligner *al, const char *word,
                                size_t len, size_t *forms_len)
{
    const sv__names *names = al->res ? sv__resources_names(al->res) : NULL;
    sv__name n;
    int k;

    *forms_len = 0;
    if (!names || len == 0)
        return NULL;
    if ((unsigned char)word[0] < 0x80) {
        /* an English form: its Russian name is the other side's form */
        if (!sv__names_find(names, SV_LANG_EN, word, len, &n))
            return NULL;
        *forms_len = n.ru_len;
        return n.ru;
    }
    for (k = 0; k <= 2; k++) {
        size_t l = drop_cp(word, len, k);

        if (k > 0 && sv__utf8_count_cp(word, l) < 4)
            break;
        if (sv__names_find(names, SV_LANG_RU, word, l, &n)) {
            *forms_len = n.en_len;
            return n.en;
        }
    }
    return NULL;
}
