/* SPDX-License-Identifier: MIT */
/*
 * Reasons in words: each feature's contribution to a unit's log-odds is
 * turned into a sentence a person can check against the text ("3 of 11
 * lowercase words unknown to the English dictionary: 'docking'"), with the
 * byte span of the evidence when there is one.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "garble/garble_internal.h"

#define QUOTE_MAX 48 /* bytes of evidence quoted in a reason */

/* Copy at most QUOTE_MAX bytes of text[s..e) without splitting UTF-8,
 * with line breaks as spaces and "…" when cut. */
static void quote(char *buf, size_t size, const char *text, size_t s,
                  size_t e)
{
    size_t n = e - s, i, o = 0;
    int cut = 0;

    if (n > QUOTE_MAX) {
        n = QUOTE_MAX;
        while (n > 0 && ((unsigned char)text[s + n] & 0xC0) == 0x80)
            n--;
        cut = 1;
    }
    for (i = 0; i < n && o + 4 < size; i++) {
        char ch = text[s + i];

        buf[o++] = (ch == '\n' || ch == '\t' || ch == '\r') ? ' ' : ch;
    }
    if (cut && o + 4 < size) {
        memcpy(buf + o, "\xE2\x80\xA6", 3);
        o += 3;
    }
    buf[o] = '\0';
}

/* A reason's text built by appending: most reasons are a few fixed words
 * around counts and a quote, and snprintf's float formatting cost more
 * than all the features of a sentence together. */
typedef struct detail {
    char *p;
    size_t n, cap; /* cap includes the NUL */
} detail;

static void d_init(detail *d, char *buf, size_t size)
{
    d->p = buf;
    d->n = 0;
    d->cap = size;
    buf[0] = '\0';
}

static void d_mem(detail *d, const char *s, size_t len)
{
    if (len > d->cap - 1 - d->n)
        len = d->cap - 1 - d->n; /* truncates like snprintf */
    memcpy(d->p + d->n, s, len);
    d->n += len;
    d->p[d->n] = '\0';
}

static void d_str(detail *d, const char *s)
{
    d_mem(d, s, strlen(s));
}

/* A count (an integer-valued double) as "%.0f" prints it. */
static void d_count(detail *d, double v)
{
    char tmp[32];
    size_t n = 0;
    unsigned long long u;

    if (!(v >= 0 && v < 1e15) || v != floor(v)) {
        int k = snprintf(tmp, sizeof(tmp), "%.0f", v);

        d_mem(d, tmp, k > 0 ? (size_t)k : 0);
        return;
    }
    u = (unsigned long long)v;
    do {
        tmp[sizeof(tmp) - 1 - n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    d_mem(d, tmp + sizeof(tmp) - n, n);
}

/* v with one decimal exactly as "%.1f" prints it: scaled and rounded
 * directly unless v * 10 lies so near a half that the rounding of the
 * product could decide it, then through snprintf. */
static void d_fixed1(detail *d, double v)
{
    double a = fabs(v) * 10, fl = floor(a);
    char tmp[40];
    unsigned long long u;
    size_t n = 0;

    if (!(a < 1e15) || fabs(a - fl - 0.5) < 1e-6) {
        int k = snprintf(tmp, sizeof(tmp), "%.1f", v);

        d_mem(d, tmp, k > 0 ? (size_t)k : 0);
        return;
    }
    u = (unsigned long long)(a - fl > 0.5 ? fl + 1 : fl);
    tmp[sizeof(tmp) - 1 - n++] = (char)('0' + u % 10);
    tmp[sizeof(tmp) - 1 - n++] = '.';
    u /= 10;
    do {
        tmp[sizeof(tmp) - 1 - n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (signbit(v))
        tmp[sizeof(tmp) - 1 - n++] = '-';
    d_mem(d, tmp + sizeof(tmp) - n, n);
}

static const char *lang_name(sv_lang lang)
{
    return lang == SV_LANG_RU ? "Russian" : "English";
}

static void oov_reason(const sv_garble_scorer *sc, const sv__garble_counts *c,
                       int cap, const char *text, sv_garble_reason *out)
{
    char words[160] = "";
    size_t used = 0;
    unsigned i;
    detail d;

    for (i = 0; i < c->n_oov_samples && used + 60 < sizeof(words); i++) {
        char q[64];

        quote(q, sizeof(q), text, c->oov_start[i], c->oov_end[i]);
        used += (size_t)snprintf(words + used, sizeof(words) - used,
                                 "%s'%s'", i ? ", " : "", q);
    }
    d_init(&d, out->detail, sizeof(out->detail));
    d_count(&d, c->c[cap ? GC_CAP_OOV : GC_LOW_OOV]);
    d_str(&d, " of ");
    d_count(&d, c->c[cap ? GC_CAP : GC_LOW]);
    d_str(&d, cap ? " capitalised words unknown to the "
                  : " lowercase content words unknown to the ");
    d_str(&d, lang_name(sc->model.lang));
    d_str(&d, " dictionary");
    if (used) {
        d_str(&d, ": ");
        d_str(&d, words);
    }
}

static const char *script_of_run(sv_lang lang, const char *text, size_t s)
{
    unsigned char b = (unsigned char)text[s];

    if (b == 0xD0 || b == 0xD1)
        return "Cyrillic";
    if (b >= 0xE3 && b <= 0xE9)
        return "CJK";
    return lang == SV_LANG_RU ? "Latin" : "foreign-script";
}

static void odd_reason(const sv__garble_counts *c, const char *text,
                       sv_garble_reason *out)
{
    int32_t cp = -1;
    size_t s = c->ev_start[EV_ODD], e = c->ev_end[EV_ODD];
    char q[16];

    sv__utf8_decode((const unsigned char *)text + s, e - s, &cp);
    quote(q, sizeof(q), text, s, e);
    if (cp < 0 || cp == 0xFFFD || cp < 0x20 || (cp >= 0x80 && cp <= 0x9F))
        snprintf(out->detail, sizeof(out->detail), "%.0f odd character%s "
                 "(first: invalid, replacement or control character U+%04X)",
                 c->c[GC_ODD], c->c[GC_ODD] == 1 ? "" : "s",
                 (unsigned)(cp < 0 ? 0xFFFD : cp));
    else
        snprintf(out->detail, sizeof(out->detail), "%.0f odd character%s "
                 "(first: '%s' U+%04X)", c->c[GC_ODD],
                 c->c[GC_ODD] == 1 ? "" : "s", q, (unsigned)cp);
}

/* "few"/"many" by the sign of the standardised value. */
static const char *direction(const sv_garble_scorer *sc, const double *f,
                             unsigned i)
{
    return sv__garble_z(&sc->model, f, i) < 0 ? "few" : "many";
}

static void rate_reason(const sv_garble_scorer *sc, unsigned i,
                        const sv__garble_counts *c, const double *f,
                        sv_garble_reason *out)
{
    const double *n = c->c;
    double words = n[GC_WORDS];

    switch (i) {
    case GF_ARTICLE:
        snprintf(out->detail, sizeof(out->detail), "%s articles: %.0f in %.0f "
                 "words", direction(sc, f, i), n[GC_ARTICLE], words);
        break;
    case GF_OF:
        snprintf(out->detail, sizeof(out->detail), "%s 'of': %.0f in %.0f "
                 "words", direction(sc, f, i), n[GC_OF], words);
        break;
    case GF_FUNC:
        snprintf(out->detail, sizeof(out->detail), "%s function words: %.0f "
                 "in %.0f words", direction(sc, f, i), n[GC_FUNC], words);
        break;
    case GF_PRON:
        snprintf(out->detail, sizeof(out->detail), "%s pronouns: %.0f in "
                 "%.0f words", direction(sc, f, i), n[GC_PRON], words);
        break;
    case GF_PUNCT:
        snprintf(out->detail, sizeof(out->detail), "%s punctuation marks: "
                 "%.0f for %.0f words", direction(sc, f, i), n[GC_PUNCT],
                 words);
        break;
    case GF_DIGITS:
        snprintf(out->detail, sizeof(out->detail), "%s digits: %.0f of %.0f "
                 "characters", direction(sc, f, i), n[GC_DIGITS],
                 n[GC_CHARS]);
        break;
    case GF_ALLCAPS:
        snprintf(out->detail, sizeof(out->detail), "%s all-capitals words: "
                 "%.0f", direction(sc, f, i), n[GC_ALLCAPS]);
        break;
    case GF_LONGWORD:
        snprintf(out->detail, sizeof(out->detail), "%s very long words: %.0f",
                 direction(sc, f, i), n[GC_LONGWORD]);
        break;
    case GF_WORD_LEN:
        snprintf(out->detail, sizeof(out->detail), "average word length "
                 "%.1f letters", n[GC_LETTERS] / (words > 0 ? words : 1));
        break;
    default:
        snprintf(out->detail, sizeof(out->detail), "%.0f words in %.0f "
                 "sentence%s", words, n[GC_SENT], n[GC_SENT] == 1 ? "" : "s");
        break;
    }
}

static void span_reason(const sv_garble_scorer *sc, unsigned i,
                        const sv__garble_counts *c, const char *text,
                        int ev, const char *what, sv_garble_reason *out)
{
    char q[QUOTE_MAX + 8] = "";
    detail d;

    (void)sc;
    (void)i;
    if (c->ev_end[ev]) {
        quote(q, sizeof(q), text, c->ev_start[ev], c->ev_end[ev]);
        out->start = c->ev_start[ev];
        out->end = c->ev_end[ev];
    }
    d_init(&d, out->detail, sizeof(out->detail));
    d_str(&d, what);
    if (q[0]) {
        d_str(&d, " '");
        d_str(&d, q);
        d_str(&d, "'");
    }
}

void sv__garble_reason(const sv_garble_scorer *sc, unsigned i,
                       const sv__garble_counts *c, const double *f,
                       const double *contrib, const char *text, size_t start,
                       size_t end, sv_garble_reason *out)
{
    const double *n = c->c;
    char q[QUOTE_MAX + 8];
    detail d;

    out->code = sv__garble_feature_names[i];
    out->start = start;
    out->end = end;
    out->weight = contrib[i];
    switch (i) {
    case GF_LM_SURPRISAL:
        d_init(&d, out->detail, sizeof(out->detail));
        d_str(&d, "character LM: \xE2\x88\x92");
        d_fixed1(&d, f[i]);
        d_str(&d, " nats/char, typical human text \xE2\x88\x92");
        d_fixed1(&d, sc->lm ? fabs(sc->lm->human_nats) : 0);
        break;
    case GF_LM_RATIO:
        snprintf(out->detail, sizeof(out->detail), "character LM: more "
                 "like machine translation than human text by %.2f "
                 "nats/char", f[i]);
        break;
    case GF_OOV_LOW:
    case GF_OOV_CAP:
        oov_reason(sc, c, i == GF_OOV_CAP, text, out);
        if (c->ev_end[EV_OOV]) {
            out->start = c->ev_start[EV_OOV];
            out->end = c->ev_end[EV_OOV];
        }
        break;
    case GF_FOREIGN:
        quote(q, sizeof(q), text, c->ev_start[EV_FOREIGN],
              c->ev_end[EV_FOREIGN]);
        d_init(&d, out->detail, sizeof(out->detail));
        d_str(&d, script_of_run(sc->model.lang, text,
                                c->ev_start[EV_FOREIGN]));
        d_str(&d, " run '");
        d_str(&d, q);
        d_str(&d, "' inside ");
        d_str(&d, lang_name(sc->model.lang));
        if (n[GC_FOREIGN] > 1)
            d_str(&d, " (and more foreign-script words)");
        out->start = c->ev_start[EV_FOREIGN];
        out->end = c->ev_end[EV_FOREIGN];
        break;
    case GF_ODD:
        odd_reason(c, text, out);
        out->start = c->ev_start[EV_ODD];
        out->end = c->ev_end[EV_ODD];
        break;
    case GF_REP_BIGRAM:
    case GF_REP_WORD:
        span_reason(sc, i, c, text, EV_REPEAT, "repeated words", out);
        break;
    case GF_REP_CONTENT:
        span_reason(sc, i, c, text, EV_REP_CONTENT, "a content word used "
                    "again in the same sentence:", out);
        break;
    case GF_GEN_CHAIN:
        span_reason(sc, i, c, text, EV_GEN_CHAIN,
                    "genitive chain 'of \xE2\x80\xA6 of':", out);
        break;
    case GF_PREP_BARE:
        span_reason(sc, i, c, text, EV_PREP_BARE,
                    "preposition before a noun without an article:", out);
        break;
    case GF_GLUED:
        span_reason(sc, i, c, text, EV_GLUED, "sentence glued to the "
                    "previous one without a space:", out);
        break;
    case GF_CAPTION:
        span_reason(sc, i, c, text, EV_CAPTION, "calqued caption or "
                    "attribution:", out);
        break;
    case GF_BAD_PUNCT:
        span_reason(sc, i, c, text, EV_BAD_PUNCT, "punctuation anomaly:",
                    out);
        break;
    case GF_NO_FINAL:
        d_init(&d, out->detail, sizeof(out->detail));
        d_count(&d, n[GC_NO_FINAL]);
        d_str(&d, " of ");
        d_count(&d, n[GC_SENT]);
        d_str(&d, " sentences without a final stop (fragment or caption)");
        break;
    case GF_LOWER_START:
        snprintf(out->detail, sizeof(out->detail), "%.0f of %.0f sentences "
                 "start in lowercase", n[GC_LOWER_START], n[GC_SENT]);
        break;
    case GF_SHORT_SENT:
        snprintf(out->detail, sizeof(out->detail), "%.0f of %.0f sentences "
                 "of three words or fewer", n[GC_SHORT_SENT], n[GC_SENT]);
        break;
    case GF_EDIT:
        span_reason(sc, i, c, text, EV_EDIT, "words that post-editors of "
                    "machine translation often changed, e.g.", out);
        break;
    case GF_NGRAM:
        if (c->ev_end[EV_NGRAM])
            span_reason(sc, i, c, text, EV_NGRAM, "word sequences typical "
                        "of garbled machine translation, e.g.", out);
        else /* it weighs because the clean ones are missing */
            snprintf(out->detail, sizeof(out->detail), "none of the word "
                     "sequences typical of clean translation");
        break;
    case GF_RARE:
        d_init(&d, out->detail, sizeof(out->detail));
        d_count(&d, n[GC_RARE]);
        d_str(&d, " of ");
        d_count(&d, n[GC_EDIT_N]);
        d_str(&d, " words rare in human text");
        break;
    case GF_SRC_COVER:
        d_init(&d, out->detail, sizeof(out->detail));
        d_count(&d, n[GC_SRC_KNOWN] - n[GC_SRC_COVERED]);
        d_str(&d, " of ");
        d_count(&d, n[GC_SRC_KNOWN]);
        d_str(&d, " source words with a dictionary translation have none "
                  "in the text");
        break;
    case GF_TGT_COVER:
        d_init(&d, out->detail, sizeof(out->detail));
        d_count(&d, n[GC_TGT_KNOWN] - n[GC_TGT_COVERED]);
        d_str(&d, " of ");
        d_count(&d, n[GC_TGT_KNOWN]);
        d_str(&d, " words of the text with a dictionary translation have "
                  "none in the source");
        break;
    case GF_SRC_KNOWN:
        d_init(&d, out->detail, sizeof(out->detail));
        d_count(&d, n[GC_SRC_KNOWN]);
        d_str(&d, " of ");
        d_count(&d, n[GC_SRC_CONTENT]);
        d_str(&d, " source content words in the dictionary");
        break;
    case GF_SRC_LEN:
        d_init(&d, out->detail, sizeof(out->detail));
        d_count(&d, n[GC_WORDS]);
        d_str(&d, " words for ");
        d_count(&d, n[GC_SRC_WORDS]);
        d_str(&d, " in the source");
        break;
    case GF_LOG_LEN:
    case GF_LOG_LEN2:
        snprintf(out->detail, sizeof(out->detail), "length: %.0f words per "
                 "sentence", n[GC_WORDS] / (n[GC_SENT] > 0 ? n[GC_SENT] : 1));
        break;
    default:
        rate_reason(sc, i, c, f, out);
        break;
    }
}
