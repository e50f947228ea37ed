/* SPDX-License-Identifier: MIT */
/*
 * Fuzz the HTML input reader (sv_html_to_text).  Oracles: it succeeds on
 * any bytes (or refuses nesting past the parser's depth limit), its text is valid UTF-8 without NUL bytes, and running it on
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
    int rc = sv_html_to_text(&out, (const char *)data, size, NULL);

    if (rc == SV_ETOOBIG && size > 256 * 3) {
        sv_buf_dispose(&out);
        return 0; /* at least 256 open tags: the depth limit */
    }
    if (rc != SV_OK)
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
