/* SPDX-License-Identifier: MIT */
/*
 * Transliteration: Russian -> Latin with ICU's "Russian-Latin/BGN" (a
 * per-thread handle: the transliterator is slow to create and not
 * thread-safe), and a loose "name key" that maps a name in either script
 * and any common romanisation to the same skeleton, so that Песков,
 * Peskov; Зеленский, Zelensky, Zelenskyy, Zelenskiy; Юрий, Yuri, Yury,
 * Iurii compare equal.  The name key needs no ICU and no allocation.
 */
#ifndef SV_LANG_TRANSLIT_H
#define SV_LANG_TRANSLIT_H

#include <stddef.h>

#include "sverka/buf.h"
#include "sverka/errors.h"

typedef struct sv__translit sv__translit;

/* Open the BGN transliterator.  SV_OK, SV_ENOMEM or SV_ERROR (ICU could
 * not open it; message in err). */
int sv__translit_new(sv__translit **out, sv_error *err);
void sv__translit_free(sv__translit *t);

/* Append the BGN romanisation of text (Cyrillic; other characters pass
 * through) to out: "Песков" -> "Peskov", "Зеленский" -> "Zelenskiy".
 * Invalid UTF-8 becomes U+FFFD.  SV_OK, SV_ENOMEM, SV_ERROR. */
int sv__translit_ru_latin(sv__translit *t, const char *text, size_t len,
                          sv_buf *out);

/* Largest name key, in bytes, including the NUL. */
#define SV__NAME_KEY_MAX 64

/* Write the loose name key of a single name (Cyrillic or Latin, any case)
 * into key[SV__NAME_KEY_MAX]: lowercase ASCII skeleton with Cyrillic
 * romanised by a simple table, then shared spellings collapsed
 * (shch/sch->s, kh/h->h, zh->z, ts/tz/c->c, ck->k, iy/yy/ij/ii/y/j/i
 * endings -> i, ye/e/ë, ya/ia->a, yu/iu->u, soft/hard signs and
 * apostrophes dropped, doubled letters single); see translit.c.  Returns
 * the key length (0 when the name has no letters; a name with letters of
 * other scripts gives 0 too).  Keys longer than the buffer are cut. */
size_t sv__name_key(const char *name, size_t len,
                    char key[SV__NAME_KEY_MAX]);

/* 1 when both names have the same non-empty key. */
int sv__name_match(const char *a, size_t a_len, const char *b, size_t b_len);

#endif
