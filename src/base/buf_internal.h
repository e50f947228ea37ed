/* SPDX-License-Identifier: MIT */
/*
 * Internal helpers on sv_buf beyond the public put/clear/dispose.
 */
#ifndef SV_BASE_BUF_INTERNAL_H
#define SV_BASE_BUF_INTERNAL_H

#include <stdarg.h>
#include "sverka/buf.h"

/* Ensure room for size + extra + NUL bytes.  SV_OK or SV_ENOMEM. */
int sv__buf_grow(sv_buf *b, size_t extra);
int sv__buf_putc(sv_buf *b, char c);
int sv__buf_puts(sv_buf *b, const char *s);
int sv__buf_printf(sv_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Shorten to `size` bytes (no-op when already shorter). */
void sv__buf_truncate(sv_buf *b, size_t size);
/* Move ownership of src's memory into dst (dst's old memory is freed). */
void sv__buf_swap(sv_buf *a, sv_buf *b);

#endif
