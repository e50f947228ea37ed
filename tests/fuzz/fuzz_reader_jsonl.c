/* SPDX-License-Identifier: MIT */
/*
 * Fuzz the JSON Lines reader and the splicing writer: every record the
 * reader accepts can be rewritten, and the rewritten object is read back
 * with the new text in the field.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sverka/io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_rewrite(const sv_record *rec)
{
    sv_reader_options o = SV_READER_OPTIONS_INIT;
    sv_buf out = SV_BUF_INIT;
    sv_reader *back = NULL;
    sv_record rec2;

    if (sv_jsonl_rewrite(&out, rec->raw, rec->raw_len, "text", "x\"y", 3,
                         "\"n\":1", 5, NULL) < 0)
        abort(); /* an accepted object must be rewritable */
    o.mode = SV_RECORD_JSONL;
    if (sv_reader_new(&back, &o, NULL) < 0 ||
        sv_reader_open_memory(back, out.ptr, out.size, "back") < 0)
        abort();
    if (sv_reader_next(back, &rec2) != 1 || rec2.text_len != 3 ||
        memcmp(rec2.text, "x\"y", 3) != 0)
        abort();
    sv_reader_free(back);
    sv_buf_dispose(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sv_reader_options o = SV_READER_OPTIONS_INIT;
    sv_reader *r = NULL;
    sv_record rec;
    int rc, guard = 0;

    o.mode = SV_RECORD_JSONL;
    o.max_record = 8192;
    if (sv_reader_new(&r, &o, NULL) < 0 ||
        sv_reader_open_memory(r, (const char *)data, size, "fuzz") < 0)
        abort();
    while ((rc = sv_reader_next(r, &rec)) != 0) {
        if (++guard > 1000000)
            abort();
        if (rc < 0) {
            if (rc != SV_ETOOBIG && rc != SV_EILSEQ && rc != SV_EFORMAT)
                break;
            continue;
        }
        check_rewrite(&rec);
    }
    sv_reader_free(r);
    return 0;
}
