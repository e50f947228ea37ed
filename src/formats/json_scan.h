/* SPDX-License-Identifier: MIT */
/*
 * A structural scanner over JSON text that jansson has already validated:
 * it finds the byte spans of an object's top-level members so a value can
 * be replaced without re-serializing the rest (1.10 stays 1.10), plus the
 * jansson entry point shared by the reader and the writer.
 */
#ifndef SV_FORMATS_JSON_SCAN_H
#define SV_FORMATS_JSON_SCAN_H

#include <jansson.h>
#include <stddef.h>

#include "sverka/buf.h"
#include "sverka/errors.h"

/* One top-level member.  Offsets are into the scanned text. */
typedef struct sv__json_member {
    size_t key_start;   /* first byte inside the key's quotes */
    size_t key_end;     /* the closing quote */
    int key_escaped;    /* the key holds a backslash escape */
    size_t value_start; /* first byte of the value */
    size_t value_end;   /* one past its last byte */
} sv__json_member;

typedef struct sv__json_iter {
    const char *s;
    size_t len;
    size_t pos;
    size_t open;      /* offset of '{' */
    size_t close;     /* offset of the matching '}', once reached */
    size_t last_end;  /* end of the last member's value, or open + 1 */
    size_t count;     /* members seen so far */
    int done;
} sv__json_iter;

/* Start iterating the object that s[0..len) holds (leading and trailing
 * JSON whitespace allowed).  SV_OK or SV_EFORMAT.  The scan never reads
 * outside s[0..len) and never recurses, whatever the input. */
int sv__json_obj_begin(sv__json_iter *it, const char *s, size_t len);

/* Next member: 1 with *m filled, 0 at the closing brace (it->close set),
 * SV_EFORMAT when the text is not a well-formed object. */
int sv__json_obj_next(sv__json_iter *it, sv__json_member *m);

/* Whether member m's key, escapes decoded, equals name[0..name_len).
 * scratch is used to decode escaped keys. SV_ENOMEM on allocation failure,
 * else 0 or 1. */
int sv__json_key_equals(const char *s, const sv__json_member *m,
                        const char *name, size_t name_len, sv_buf *scratch);

/* Append the decoded content of the JSON string body s[0..len) (without
 * quotes) as UTF-8.  Bad escapes become U+FFFD. */
int sv__json_unescape(sv_buf *out, const char *s, size_t len);

/* json_loadb with one fallback: jansson refuses numbers it cannot hold
 * (123456789012345678901234567890, 1e400) although they are valid JSON.
 * On that error the text is parsed again with every well-formed number
 * token replaced by 0 and blanks (same length, so error positions stay
 * right), using scratch for the copy.  Returns the root or NULL with
 * *jerr filled. */
json_t *sv__json_load(const char *s, size_t len, size_t flags,
                      json_error_t *jerr, sv_buf *scratch);

/* jansson's name for a value's type ("number", "array", ...). */
const char *sv__json_type_name(const json_t *v);

#endif
