/* SPDX-License-Identifier: MIT */
/*
 * Fuzz the record reader on plain text in every cutting mode and with
 * automatic encoding detection: records are valid UTF-8, offsets stay in
 * bounds, and the reader ends (no hang) with either 0 or a clean error.
 */
#include <stdint.h>
#include <stdlib.h>

#include "base/utf8.h"
#include "sverka/io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void read_all(const uint8_t *data, size_t size, sv_record_mode mode,
                     const char *encoding)
{
    sv_reader_options o = SV_READER_OPTIONS_INIT;
    sv_reader *r = NULL;
    sv_record rec;
    int rc, guard = 0;

    o.mode = mode;
    o.encoding = encoding;
    o.max_record = 4096;
    if (sv_reader_new(&r, &o, NULL) < 0)
        abort();
    if (sv_reader_open_memory(r, (const char *)data, size, "fuzz") < 0)
        abort();
    while ((rc = sv_reader_next(r, &rec)) != 0) {
        if (++guard > 1000000)
            abort(); /* no progress */
        if (rc < 0) {
            if (rc != SV_ETOOBIG && rc != SV_EILSEQ && rc != SV_EFORMAT)
                break; /* final error */
            continue;
        }
        if (sv__utf8_valid_prefix(rec.text, rec.text_len) != rec.text_len)
            abort();
    }
    sv_reader_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    read_all(data, size, SV_RECORD_LINE, NULL);
    read_all(data, size, SV_RECORD_PARAGRAPH, NULL);
    read_all(data, size, SV_RECORD_DOCUMENT, "auto");
    return 0;
}
