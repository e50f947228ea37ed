/* SPDX-License-Identifier: MIT */
/*
 * Byte-span scanner for JSON objects and the jansson loading wrapper.
 * jansson validates; this file only locates members, so that the JSONL
 * writer can splice one value and leave every other byte as it was.  It is
 * iterative (a depth counter, no recursion) so nesting cannot overflow it.
 */
#include "formats/json_scan.h"

#include <string.h>

#include "base/buf_internal.h"
#include "base/utf8.h"

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static size_t skip_ws(const char *s, size_t len, size_t i)
{
    while (i < len && is_ws(s[i]))
        i++;
    return i;
}

/* s[i] is '"'; returns the offset after the closing quote, or SIZE_MAX.
 * memchr finds each candidate quote; it closes the string unless an odd
 * run of backslashes precedes it. */
static size_t skip_string(const char *s, size_t len, size_t i)
{
    size_t from = i + 1;

    while (from < len) {
        const char *q = memchr(s + from, '"', len - from);
        size_t at, bs = 0;

        if (!q)
            return SIZE_MAX;
        at = (size_t)(q - s);
        while (at - bs > i + 1 && s[at - bs - 1] == '\\')
            bs++;
        if (bs % 2 == 0)
            return at + 1;
        from = at + 1;
    }
    return SIZE_MAX;
}

/* Offset after the value starting at s[i], or SIZE_MAX. */
static size_t skip_value(const char *s, size_t len, size_t i)
{
    size_t depth = 0;

    if (i >= len)
        return SIZE_MAX;
    if (s[i] == '"')
        return skip_string(s, len, i);
    if (s[i] != '{' && s[i] != '[') {
        size_t st = i;

        while (i < len && !is_ws(s[i]) && s[i] != ',' && s[i] != '}' &&
               s[i] != ']' && s[i] != '"' && s[i] != ':')
            i++;
        return i > st ? i : SIZE_MAX;
    }
    while (i < len) {
        char c = s[i];

        if (c == '"') {
            i = skip_string(s, len, i);
            if (i == SIZE_MAX)
                return SIZE_MAX;
            continue;
        }
        if (c == '{' || c == '[')
            depth++;
        else if (c == '}' || c == ']') {
            if (--depth == 0)
                return i + 1;
        }
        i++;
    }
    return SIZE_MAX;
}

int sv__json_obj_begin(sv__json_iter *it, const char *s, size_t len)
{
    size_t i = skip_ws(s, len, 0);

    memset(it, 0, sizeof(*it));
    it->s = s;
    it->len = len;
    if (i >= len || s[i] != '{')
        return SV_EFORMAT;
    it->open = i;
    it->pos = i + 1;
    it->last_end = i + 1;
    return SV_OK;
}

/* The closing brace at s[i]: only whitespace may follow it. */
static int finish(sv__json_iter *it, size_t i)
{
    if (skip_ws(it->s, it->len, i + 1) != it->len)
        return SV_EFORMAT;
    it->close = i;
    it->done = 1;
    return 0;
}

int sv__json_obj_next(sv__json_iter *it, sv__json_member *m)
{
    const char *s = it->s;
    size_t len = it->len, i, e;

    if (it->done)
        return 0;
    i = skip_ws(s, len, it->pos);
    if (i < len && s[i] == ',' && it->count > 0)
        i = skip_ws(s, len, i + 1);
    else if (i < len && s[i] == '}')
        return finish(it, i);
    else if (it->count > 0)
        return SV_EFORMAT;
    if (i >= len || s[i] != '"')
        return SV_EFORMAT;
    e = skip_string(s, len, i);
    if (e == SIZE_MAX)
        return SV_EFORMAT;
    m->key_start = i + 1;
    m->key_end = e - 1;
    m->key_escaped = memchr(s + i + 1, '\\', e - 1 - (i + 1)) != NULL;
    i = skip_ws(s, len, e);
    if (i >= len || s[i] != ':')
        return SV_EFORMAT;
    i = skip_ws(s, len, i + 1);
    e = skip_value(s, len, i);
    if (e == SIZE_MAX)
        return SV_EFORMAT;
    m->value_start = i;
    m->value_end = e;
    it->pos = e;
    it->last_end = e;
    it->count++;
    return 1;
}

static int hex4(const char *s, size_t len, size_t i, uint32_t *v)
{
    size_t k;

    *v = 0;
    if (i + 4 > len)
        return 0;
    for (k = i; k < i + 4; k++) {
        char c = s[k];
        uint32_t d;

        if (c >= '0' && c <= '9')
            d = (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = (uint32_t)(c - 'A' + 10);
        else
            return 0;
        *v = (*v << 4) | d;
    }
    return 1;
}

/* Decode the \u escape at s[i] ('\\' 'u' XXXX, maybe a surrogate pair);
 * returns the code point (U+FFFD when malformed) and advances *i. */
static uint32_t decode_u(const char *s, size_t len, size_t *i)
{
    uint32_t hi, lo;

    if (!hex4(s, len, *i + 2, &hi)) {
        *i += 2;
        return SV_REPLACEMENT_CHAR;
    }
    *i += 6;
    if (hi < 0xD800 || hi > 0xDFFF)
        return hi;
    if (hi <= 0xDBFF && *i + 1 < len && s[*i] == '\\' && s[*i + 1] == 'u' &&
        hex4(s, len, *i + 2, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
        *i += 6;
        return 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
    }
    return SV_REPLACEMENT_CHAR;
}

static char simple_escape(char c)
{
    switch (c) {
    case '"': return '"';
    case '\\': return '\\';
    case '/': return '/';
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    default: return 0;
    }
}

int sv__json_unescape(sv_buf *out, const char *s, size_t len)
{
    size_t i = 0;
    int rc;

    while (i < len) {
        const char *bs = memchr(s + i, '\\', len - i);
        size_t run = bs ? (size_t)(bs - (s + i)) : len - i;
        char u8[4], c;

        if ((rc = sv_buf_put(out, s + i, run)) < 0)
            return rc;
        i += run;
        if (i >= len)
            break;
        c = i + 1 < len ? simple_escape(s[i + 1]) : 0;
        if (c) {
            i += 2;
            rc = sv__buf_putc(out, c);
        } else if (i + 1 < len && s[i + 1] == 'u') {
            uint32_t cp = decode_u(s, len, &i);

            rc = sv_buf_put(out, u8, sv__utf8_encode(cp, u8));
        } else {
            i++;
            rc = sv_buf_put(out, "\xEF\xBF\xBD", 3);
        }
        if (rc < 0)
            return rc;
    }
    return sv_buf_put(out, "", 0);
}

int sv__json_key_equals(const char *s, const sv__json_member *m,
                        const char *name, size_t name_len, sv_buf *scratch)
{
    size_t klen = m->key_end - m->key_start;
    int rc;

    if (!m->key_escaped)
        return klen == name_len && memcmp(s + m->key_start, name, klen) == 0;
    sv_buf_clear(scratch);
    if ((rc = sv__json_unescape(scratch, s + m->key_start, klen)) < 0)
        return rc;
    return scratch->size == name_len &&
           memcmp(scratch->ptr, name, name_len) == 0;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static size_t digits(const char *s, size_t n, size_t i)
{
    while (i < n && is_digit(s[i]))
        i++;
    return i;
}

/* RFC 8259 number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int is_json_number(const char *s, size_t n)
{
    size_t i = 0, j;

    if (i < n && s[i] == '-')
        i++;
    if (i >= n || !is_digit(s[i]))
        return 0;
    i = s[i] == '0' ? i + 1 : digits(s, n, i);
    if (i < n && s[i] == '.') {
        j = digits(s, n, i + 1);
        if (j == i + 1)
            return 0;
        i = j;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        j = digits(s, n, i);
        if (j == i)
            return 0;
        i = j;
    }
    return i == n;
}

static int number_char(char c)
{
    return is_digit(c) || c == '-' || c == '+' || c == '.' || c == 'e' ||
           c == 'E';
}

/* Replace each well-formed number token outside strings by "0" and
 * blanks; malformed tokens stay for jansson to report. */
static void blank_numbers(char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        size_t e;

        if (s[i] == '"') {
            e = skip_string(s, len, i);
            if (e == SIZE_MAX)
                return;
            i = e;
            continue;
        }
        if (s[i] != '-' && !is_digit(s[i])) {
            i++;
            continue;
        }
        for (e = i; e < len && number_char(s[e]); e++)
            ;
        if (is_json_number(s + i, e - i)) {
            s[i] = '0';
            memset(s + i + 1, ' ', e - i - 1);
        }
        i = e;
    }
}

json_t *sv__json_load(const char *s, size_t len, size_t flags,
                      json_error_t *jerr, sv_buf *scratch)
{
    json_t *root = json_loadb(s, len, flags, jerr);

    if (root || json_error_code(jerr) != json_error_numeric_overflow)
        return root;
    sv_buf_clear(scratch);
    if (sv_buf_put(scratch, s, len) < 0)
        return NULL; /* keeps jansson's overflow report */
    blank_numbers(scratch->ptr, scratch->size);
    return json_loadb(scratch->ptr, scratch->size, flags, jerr);
}

const char *sv__json_type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "object";
    case JSON_ARRAY: return "array";
    case JSON_STRING: return "string";
    case JSON_INTEGER:
    case JSON_REAL: return "number";
    case JSON_TRUE:
    case JSON_FALSE: return "boolean";
    case JSON_NULL: return "null";
    default: return "unknown";
    }
}
