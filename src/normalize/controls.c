/* SPDX-License-Identifier: MIT */
/*
 * controls step: delete what carries nothing (BOM, zero-width space, word
 * joiner, soft hyphen, bidi controls, C0/C1 controls other than tab and
 * newline) and make every line end a LF (CRLF, CR, NEL, U+2028, U+2029).
 * Deleted, not replaced by a space: a soft hyphen or zero-width space sits
 * inside a word, and a space would split it (issue 3 "Lessons").  ZWJ and
 * ZWNJ are kept between letters of scripts that use them (emoji, Indic,
 * Arabic) and deleted next to Latin, Cyrillic, digits, spaces or ends.
 * This step runs after mojibake: C1 controls are its evidence.
 */
#include "normalize/normalize_internal.h"

#include "sverka/errors.h"

/* 1: delete; 2: line end; 3: ZWJ/ZWNJ (depends on neighbours); 0: keep. */
static int classify(uint32_t cp)
{
    if (cp < 0x20)
        return cp == '\t' || cp == '\n' ? 0 : (cp == '\r' ? 2 : 1);
    if (cp == 0x7F)
        return 1;
    if (cp >= 0x80 && cp <= 0x9F)
        return cp == 0x85 ? 2 : 1;
    switch (cp) {
    case 0xAD:   /* soft hyphen */
    case 0x61C:  /* Arabic letter mark */
    case 0x180E: /* Mongolian vowel separator (formerly a space) */
    case 0x200B: /* zero-width space */
    case 0x200E: case 0x200F: /* LRM, RLM */
    case 0x2060: /* word joiner */
    case 0xFEFF: /* BOM / ZWNBSP */
        return 1;
    case 0x200C: case 0x200D:
        return 3;
    case 0x2028: case 0x2029:
        return 2;
    default:
        break;
    }
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069))
        return 1; /* bidi embeddings, overrides and isolates */
    return 0;
}

/* A neighbour that makes a joiner meaningless. */
static int plain_neighbour(uint32_t cp)
{
    return cp < 0x80 || sv__cp_script(cp) != SV__SC_OTHER || cp == 0xA0;
}

static int joiner_is_empty(const char *in, size_t len, size_t i, size_t n)
{
    size_t m;
    uint32_t before, after;

    if (i == 0 || i + n >= len)
        return 1;
    before = sv__cp_at(in, len, sv__cp_before(in, i), &m);
    after = sv__cp_at(in, len, i + n, &m);
    return plain_neighbour(before) || plain_neighbour(after);
}

/* Bytes that may start something this step changes. */
static int interesting(unsigned char c)
{
    return c < 0x20 || c == 0x7F || c == 0xC2 || c == 0xD8 || c == 0xE1 ||
           c == 0xE2 || c == 0xEF;
}

int sv__step_controls(const char *in, size_t in_len, sv_buf *out,
                      sv__editlist *edits, const sv__step_env *env)
{
    sv__writer w;
    size_t i = 0;
    int rc;

    (void)env;
    sv__writer_init(&w, in, in_len, out, edits, sv__name_controls);
    while (i < in_len) {
        size_t n;
        uint32_t cp;
        int k;

        if (i + 8 <= in_len) {
            uint64_t v = sv__load8(in + i);

            /* no ASCII control, no lead byte of a character this step
             * deletes (0xC2 C1/soft hyphen, 0xD8, 0xE1, 0xE2, 0xEF) */
            if (!sv__has_control(v) &&
                !(sv__eq_bytes(v, 0xC2) | sv__eq_bytes(v, 0xD8) |
                  sv__eq_bytes(v, 0xE1) | sv__eq_bytes(v, 0xE2) |
                  sv__eq_bytes(v, 0xEF))) {
                i += 8;
                continue;
            }
        }
        if (!interesting((unsigned char)in[i]) ||
            in[i] == '\t' || in[i] == '\n') {
            i++;
            continue;
        }
        cp = sv__cp_at(in, in_len, i, &n);
        k = classify(cp);
        if (k == 3)
            k = joiner_is_empty(in, in_len, i, n) ? 1 : 0;
        if (k == 1) {
            rc = sv__writer_replace(&w, i, i + n, "", 0);
        } else if (k == 2) {
            if (cp == '\r' && i + 1 < in_len && in[i + 1] == '\n')
                n = 2;
            rc = sv__writer_replace(&w, i, i + n, "\n", 1);
        } else {
            rc = SV_OK;
        }
        if (rc < 0)
            return rc;
        i += n;
    }
    return sv__writer_finish(&w);
}
