/* SPDX-License-Identifier: MIT */
/*
 * Fuzz the HTML input reader (sv_html_to_text).  Oracles: it succeeds on
 * any bytes, its text is valid UTF-8 without NUL bytes, and running it on
 * its own output (plain text is HTML without markup) succeeds too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "sverka/io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sv_buf out = SV_BUF_INIT, again = SV_BUF_INIT;

    if (sv_html_to_text(&out, (const char *)data, size, NULL) != SV_OK)
        abort();
    if (sv__utf8_valid_prefix(out.ptr, out.size) != out.size ||
        memchr(out.ptr, '\0', out.size) != NULL)
        abort();
    if (sv_html_to_text(&again, out.ptr, out.size, NULL) != SV_OK)
        abort();
    sv_buf_dispose(&out);
    sv_buf_dispose(&again);
    return 0;
}
