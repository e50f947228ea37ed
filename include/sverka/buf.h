/* SPDX-License-Identifier: MIT */
/*
 * The caller-owned, reusable output buffer.  Library calls that return text
 * write it into an sv_buf the caller provides (STYLE M2).
 */
#ifndef SV_BUF_H
#define SV_BUF_H

#include "sverka/common.h"

/** @file sverka/buf.h
 *  @brief sv_buf: a growable byte buffer that the caller owns and reuses.
 */

SV_BEGIN_DECL

/** A growable buffer.  @c ptr is always NUL-terminated after a library
 *  call has written to it (the NUL is not counted in @c size).  @c asize is
 *  the allocated size; treat it as read-only. */
typedef struct sv_buf {
    char *ptr;    /**< the bytes, NUL-terminated; NULL when never used */
    size_t asize; /**< allocated bytes */
    size_t size;  /**< bytes in use */
} sv_buf;

/** Static initialiser for an empty buffer. */
#define SV_BUF_INIT {NULL, 0, 0}

/** Release the memory a buffer holds and reset it to SV_BUF_INIT.
 *
 *  @param buf the buffer; NULL is ignored.
 *  Ownership: the caller owns @p buf; after this it holds nothing. */
SV_API void sv_buf_dispose(sv_buf *buf);

/** Make the buffer empty without releasing its memory, for reuse.
 *
 *  @param buf the buffer; NULL is ignored.
 *  Ownership: unchanged. */
SV_API void sv_buf_clear(sv_buf *buf);

/** Append bytes to a buffer.
 *
 *  @param buf the buffer to grow
 *  @param data bytes to append (may be NULL when @p len is 0)
 *  @param len number of bytes
 *  @return SV_OK, SV_ENOMEM, or SV_EINVAL for a NULL @p buf.
 *  Ownership: the buffer stays the caller's; @p data is copied. */
SV_API int sv_buf_put(sv_buf *buf, const char *data, size_t len);

SV_END_DECL

#endif /* SV_BUF_H */
