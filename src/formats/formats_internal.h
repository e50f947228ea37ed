/* SPDX-License-Identifier: MIT */
/*
 * Cross-file internals of src/formats/: the JSONL line check the reader
 * calls, and the test knob that shrinks the reader's read size so tests
 * can put chunk boundaries anywhere (inside a UTF-8 sequence, a CRLF...).
 */
#ifndef SV_FORMATS_INTERNAL_H
#define SV_FORMATS_INTERNAL_H

#include <stddef.h>

#include "sverka/io.h"

/* Read size used by sv_reader (64 KiB, as STYLE S4 asks). */
#define SV_READER_CHUNK_SIZE ((size_t)64 * 1024)

/* Tests only: read n bytes at a time (n >= 1) instead of 64 KiB. */
void sv__reader_set_chunk_size(sv_reader *r, size_t n);

/* Check one JSON Lines line (valid UTF-8, no line feed) and put the string
 * member @field into @text (cleared first).  *missing is set when the
 * member is absent or null and @missing_ok allows that.  On failure
 * returns SV_EFORMAT (or SV_ENOMEM) with err's message, column (1-based,
 * code points) and byte_offset relative to the line. */
int sv__jsonl_extract(const char *line, size_t len, const char *field,
                      size_t field_len, int missing_ok, sv_buf *text,
                      sv_buf *scratch, int *missing, sv_error *err);

#endif
