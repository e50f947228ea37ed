/* SPDX-License-Identifier: MIT */
/*
 * UTF-8 decoding, encoding and validation with a replacement policy
 * (STYLE U1).  Decoding follows the Unicode "maximal subpart" rule (Unicode
 * 15, ch. 3, U+FFFD substitution): each maximal invalid subpart becomes one
 * U+FFFD, as ICU and WHATWG do.
 */
#ifndef SV_BASE_UTF8_H
#define SV_BASE_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include "sverka/buf.h"

#define SV_REPLACEMENT_CHAR 0xFFFDu

/* Decode one code point at s[0..len), len >= 1.  Returns the number of
 * bytes consumed (1..4) and stores the code point in *cp; for an invalid
 * sequence stores -1 and returns the length of the maximal invalid
 * subpart (>= 1). */
size_t sv__utf8_decode(const unsigned char *s, size_t len, int32_t *cp);

/* Encode cp (a scalar value) into out[4]; returns 1..4, or 0 if cp is not
 * a Unicode scalar value. */
size_t sv__utf8_encode(uint32_t cp, char *out);

/* Length of the longest valid prefix of s[0..len). */
size_t sv__utf8_valid_prefix(const char *s, size_t len);

/* Copy s into out replacing each invalid subpart with U+FFFD.  *replaced
 * (may be NULL) receives the number of substitutions and *first_bad the
 * byte offset of the first (SIZE_MAX when none).  Appends to out. */
int sv__utf8_sanitize(sv_buf *out, const char *s, size_t len,
                      size_t *replaced, size_t *first_bad);

/* Length of a trailing incomplete-but-so-far-valid sequence at the end of
 * s[0..len) (0..3): bytes to hold back when streaming chunks (STYLE U4). */
size_t sv__utf8_incomplete_tail(const char *s, size_t len);

/* Number of code points in s[0..len) (invalid subparts count as one). */
size_t sv__utf8_count_cp(const char *s, size_t len);

#endif
