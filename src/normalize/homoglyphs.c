/* SPDX-License-Identifier: MIT */
/*
 * homoglyphs step.  The unit is the word (a maximal run of letters): a word
 * wholly in one script is never touched, so "(Кремль)", "COVID-19" and
 * "Сбербанк CIB" survive.  A word mixing Cyrillic and Latin ("Рutin",
 * "Mосква", "imрose") is rewritten into one script when every odd letter
 * has a look-alike in that script (same-case letters with equal UTS #39
 * skeletons in ICU's confusables data, lang/confusable.c) and the result is a
 * dictionary word, or, without a dictionary verdict, when only one script
 * is possible.  When both are possible and no dictionary decides, the
 * strict majority script wins; a tie is left alone.
 */
#include "normalize/normalize_internal.h"

#include "base/buf_internal.h"
#include "base/utf8.h"
#include "lang/confusable.h"
#include "sverka/errors.h"

/* The look-alike of cp in the other script, or 0. */
static uint32_t lookalike(const sv__lookalikes *look, uint32_t cp,
                          int to_script)
{
    if (to_script == SV__SC_CYRILLIC && cp >= SV__LATIN_FIRST &&
        cp < SV__LATIN_END)
        return look->lat2cyr[cp - SV__LATIN_FIRST];
    if (to_script == SV__SC_LATIN && cp >= SV__CYRILLIC_FIRST &&
        cp < SV__CYRILLIC_END)
        return look->cyr2lat[cp - SV__CYRILLIC_FIRST];
    return 0;
}

/* Write w rewritten into script `to` into out; 0 when some letter of the
 * other script has no look-alike. */
static int convert(const sv__lookalikes *look, const char *w, size_t len,
                   int to, sv_buf *out, size_t *odd)
{
    size_t i = 0, n;

    sv_buf_clear(out);
    *odd = 0;
    while (i < len) {
        uint32_t cp = sv__cp_at(w, len, i, &n), m = cp;
        int sc = sv__cp_script(cp);
        char enc[4];

        if (sc != SV__SC_OTHER && sc != to) {
            if (!(m = lookalike(look, cp, to)))
                return 0;
            (*odd)++;
        }
        if (sv_buf_put(out, enc, sv__utf8_encode(m, enc)) < 0)
            return SV_ENOMEM;
        i += n;
    }
    return 1;
}

/* 1 word, 0 not, -1 no verdict (no context or dictionary). */
static int in_dict(const sv__step_env *env, int script, const sv_buf *w)
{
    int r;

    if (!env->ctx)
        return -1;
    r = sv_spell_check(env->ctx, script == SV__SC_LATIN ? SV_LANG_EN
                                                        : SV_LANG_RU,
                       w->ptr, w->size);
    return r < 0 ? -1 : r;
}

static int fix_word(sv__writer *w, const sv__step_env *env, size_t s,
                    size_t e)
{
    sv_buf *cand = &env->scratch->word, *alt = &env->scratch->key;
    const sv__lookalikes *look = env->norm->look;
    const char *word = w->in + s;
    size_t odd_l = 0, odd_c = 0;
    int can_l, can_c, dl, dc, pick = 0;

    can_c = convert(look, word, e - s, SV__SC_CYRILLIC, alt, &odd_c);
    can_l = convert(look, word, e - s, SV__SC_LATIN, cand, &odd_l);
    if (can_c < 0 || can_l < 0)
        return SV_ENOMEM;
    dl = can_l ? in_dict(env, SV__SC_LATIN, cand) : 0;
    dc = can_c ? in_dict(env, SV__SC_CYRILLIC, alt) : 0;
    if (dl == 1 && dc != 1)
        pick = SV__SC_LATIN;
    else if (dc == 1 && dl != 1)
        pick = SV__SC_CYRILLIC;
    else if (can_l && !can_c)
        pick = SV__SC_LATIN;
    else if (can_c && !can_l)
        pick = SV__SC_CYRILLIC;
    else if (can_l && can_c && odd_l != odd_c)
        /* odd_l counts Cyrillic letters changed: fewer changes = the
         * majority script */
        pick = odd_l < odd_c ? SV__SC_LATIN : SV__SC_CYRILLIC;
    if (pick == SV__SC_LATIN)
        return sv__writer_replace(w, s, e, cand->ptr, cand->size);
    if (pick == SV__SC_CYRILLIC)
        return sv__writer_replace(w, s, e, alt->ptr, alt->size);
    return SV_OK;
}

/* Letters of the word around a non-ASCII byte: back over ASCII letters,
 * forward over any letters.  Sets whether it mixes the two scripts. */
static size_t word_at(const char *in, size_t len, size_t p, size_t *start,
                      int *mixed)
{
    size_t s = p, e = p, n;
    int lat = 0, cyr = 0;

    while (s > 0 && (((unsigned char)in[s - 1] | 0x20) >= 'a' &&
                     ((unsigned char)in[s - 1] | 0x20) <= 'z')) {
        s--;
        lat = 1;
    }
    while (e < len) {
        unsigned char c = (unsigned char)in[e];
        int sc;

        if (c < 0x80) {
            if ((c | 0x20) < 'a' || (c | 0x20) > 'z')
                break;
            lat = 1;
            e++;
            continue;
        }
        if (c == 0xD0 || c == 0xD1) { /* U+0400..U+047F: Cyrillic */
            cyr = 1;
            e += 2;
            continue;
        }
        {
            uint32_t cp = sv__cp_at(in, len, e, &n);

            if (!sv__cp_is_letter(cp))
                break;
            sc = sv__cp_script(cp);
        }
        lat |= sc == SV__SC_LATIN;
        cyr |= sc == SV__SC_CYRILLIC;
        e += n;
    }
    *start = s;
    *mixed = lat && cyr;
    return e;
}

int sv__step_homoglyphs(const char *in, size_t in_len, sv_buf *out,
                        sv__editlist *edits, const sv__step_env *env)
{
    size_t i = 0;
    sv__writer w;
    int rc;

    /* A mixed word holds a non-ASCII letter: jump from one non-ASCII byte
     * to the next and look at the word around it. */
    sv__writer_init(&w, in, in_len, out, edits, sv__name_homoglyphs);
    while ((i = sv__next_high(in, i, in_len)) < in_len) {
        size_t s, e, n;
        int mixed;

        e = word_at(in, in_len, i, &s, &mixed);
        if (e == i) { /* not a letter */
            sv__cp_at(in, in_len, i, &n);
            i += n;
            continue;
        }
        /* two-letter "words" are too short to judge ("\\nА" in text with
         * literal escapes) */
        if (mixed && s >= w.copied && sv__utf8_count_cp(in + s, e - s) >= 3 &&
            (rc = fix_word(&w, env, s, e)) < 0)
            return rc;
        i = e;
    }
    return sv__writer_finish(&w);
}
