/* SPDX-License-Identifier: MIT */
/*
 * JSON Lines: the per-line check the reader runs (jansson validates, then
 * the text member is extracted), the JSON string writer, and the rewrite
 * that splices a new text value into the original line.  The object is
 * never re-serialized, so numbers, escapes, order and spacing of the other
 * members survive byte for byte.
 */
#include <string.h>

#include "base/alloc.h"
#include "base/buf_internal.h"
#include "base/error_internal.h"
#include "base/utf8.h"
#include "formats/formats_internal.h"
#include "formats/json_scan.h"

/* Flags for every line: any value (so "not an object" can be said
 * plainly), and "\u0000" inside strings (text carries a length). */
#define LINE_FLAGS (JSON_DECODE_ANY | JSON_ALLOW_NUL)

static size_t first_non_ws(const char *s, size_t len)
{
    size_t i = 0;

    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
        i++;
    return i < len ? i : 0;
}

static int parse_error(const char *line, size_t len, const json_error_t *je,
                       sv_error *err)
{
    size_t pos = je->position > 0 ? (size_t)je->position : 0;
    size_t col;

    if (pos > len)
        pos = len;
    /* jansson reports the position after the offending token; count the
     * column ourselves so it is in code points of this line. */
    col = sv__utf8_count_cp(line, pos > 0 ? pos - 1 : 0) + 1;
    return sv__error_set_at(err, SV_EFORMAT, pos > 0 ? pos - 1 : 0, 0, col,
                            "invalid JSON: %s", je->text);
}

/* How many top-level members are named @field (jansson keeps only the last
 * of duplicates, so more than one would be ambiguous). */
static int count_field(const char *line, size_t len, const char *field,
                       size_t field_len, sv_buf *scratch, size_t *count)
{
    sv__json_iter it;
    sv__json_member m;
    int rc;

    *count = 0;
    if (sv__json_obj_begin(&it, line, len) < 0)
        return SV_EFORMAT;
    while ((rc = sv__json_obj_next(&it, &m)) > 0) {
        rc = sv__json_key_equals(line, &m, field, field_len, scratch);
        if (rc < 0)
            return rc;
        *count += (size_t)rc;
    }
    return rc;
}

/* Errors about the object as a whole point at its first byte. */
#define OBJECT_ERROR(err, at, ...) \
    sv__error_set_at((err), SV_EFORMAT, (at), 0, (at) + 1, __VA_ARGS__)

int sv__jsonl_extract(const char *line, size_t len, const char *field,
                      size_t field_len, int missing_ok, sv_buf *text,
                      sv_buf *scratch, int *missing, sv_error *err)
{
    json_error_t je;
    json_t *root, *v;
    size_t dups = 0, at = first_non_ws(line, len);
    int rc = SV_OK;

    *missing = 0;
    sv_buf_clear(text);
    root = sv__json_load(line, len, LINE_FLAGS, &je, scratch);
    if (!root)
        return parse_error(line, len, &je, err);
    if (!json_is_object(root)) {
        rc = OBJECT_ERROR(err, at, "not a JSON object (%s)",
                          sv__json_type_name(root));
        goto done;
    }
    if ((rc = count_field(line, len, field, field_len, scratch, &dups)) < 0) {
        if (rc != SV_ENOMEM)
            rc = OBJECT_ERROR(err, at, "JSON object not understood");
        goto done;
    }
    v = json_object_get(root, field);
    if (dups > 1) {
        rc = OBJECT_ERROR(err, at, "field \"%s\" appears more than once",
                          field);
    } else if (!v || json_is_null(v)) {
        if (missing_ok)
            *missing = 1;
        else
            rc = OBJECT_ERROR(err, at, "field \"%s\" is %s", field,
                              v ? "null" : "missing");
    } else if (!json_is_string(v)) {
        rc = OBJECT_ERROR(err, at, "field \"%s\" is not a string (%s)",
                          field, sv__json_type_name(v));
    }
    if (rc == SV_OK)
        rc = sv_buf_put(text, *missing ? "" : json_string_value(v),
                        *missing ? 0 : json_string_length(v));
done:
    json_decref(root);
    return rc;
}

int sv_jsonl_field(sv_buf *text, const char *line, size_t len,
                   const char *field, int missing_ok, int *missing,
                   sv_error *err)
{
    sv_buf scratch = SV_BUF_INIT;
    size_t ok;
    int rc, miss = 0;

    SV_ASSERT_ARG(text != NULL && (line != NULL || len == 0));
    if (!field)
        field = "text";
    ok = sv__utf8_valid_prefix(line, len);
    if (ok < len)
        return sv__error_set_at(err, SV_EILSEQ, ok, 0,
                                sv__utf8_count_cp(line, ok) + 1,
                                "invalid UTF-8 at byte %zu", ok);
    rc = sv__jsonl_extract(line ? line : "", len, field, strlen(field),
                           missing_ok, text, &scratch, &miss, err);
    if (rc == SV_ENOMEM)
        sv__error_oom(err);
    if (missing)
        *missing = miss;
    sv_buf_dispose(&scratch);
    return rc;
}

static int put_escape(sv_buf *out, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    char u[6] = {'\\', 'u', '0', '0', 0, 0};

    switch (c) {
    case '"': return sv_buf_put(out, "\\\"", 2);
    case '\\': return sv_buf_put(out, "\\\\", 2);
    case '\b': return sv_buf_put(out, "\\b", 2);
    case '\f': return sv_buf_put(out, "\\f", 2);
    case '\n': return sv_buf_put(out, "\\n", 2);
    case '\r': return sv_buf_put(out, "\\r", 2);
    case '\t': return sv_buf_put(out, "\\t", 2);
    default:
        u[4] = hex[c >> 4];
        u[5] = hex[c & 15];
        return sv_buf_put(out, u, 6);
    }
}

/* Bytes from s[i] that go out unchanged: printable ASCII other than quote
 * and backslash, and valid UTF-8 other than U+2028/U+2029. */
static size_t plain_run(const unsigned char *s, size_t len, size_t i)
{
    while (i < len) {
        unsigned char c = s[i];
        int32_t cp;
        size_t n;

        if (c < 0x80) {
            if (c < 0x20 || c == '"' || c == '\\')
                break;
            i++;
            continue;
        }
        n = sv__utf8_decode(s + i, len - i, &cp);
        if (cp < 0 || cp == 0x2028 || cp == 0x2029)
            break;
        i += n;
    }
    return i;
}

int sv_json_append_string(sv_buf *out, const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    int rc;

    SV_ASSERT_ARG(out != NULL);
    SV_ASSERT_ARG(str != NULL || len == 0);
    if ((rc = sv__buf_grow(out, len + 2)) < 0 ||
        (rc = sv__buf_putc(out, '"')) < 0)
        return rc;
    while (i < len) {
        size_t e = plain_run(s, len, i);
        int32_t cp;
        size_t n;

        if ((rc = sv_buf_put(out, str + i, e - i)) < 0)
            return rc;
        i = e;
        if (i >= len)
            break;
        if (s[i] < 0x80) {
            rc = put_escape(out, s[i++]);
        } else {
            n = sv__utf8_decode(s + i, len - i, &cp);
            i += n;
            if (cp < 0)
                rc = sv_buf_put(out, "\xEF\xBF\xBD", 3);
            else
                rc = sv_buf_put(out, cp == 0x2028 ? "\\u2028" : "\\u2029", 6);
        }
        if (rc < 0)
            return rc;
    }
    return sv__buf_putc(out, '"');
}

/* A member of extra_members: its decoded key and its spans in the
 * "{...}" copy. */
typedef struct extra_member {
    size_t key_off, key_len;   /* decoded key in the keys buffer */
    size_t member_start;       /* the key's opening quote */
    size_t value_start, value_end;
    int used;
} extra_member;

typedef struct rewrite {
    sv_buf wrapped;            /* "{" extra_members "}" */
    sv_buf keys;               /* decoded extra keys, back to back */
    sv_buf scratch;
    extra_member *x;
    size_t nx, capx;
} rewrite;

static int push_extra(rewrite *w, const sv__json_member *m)
{
    extra_member *e;
    size_t off = w->keys.size;
    int rc;

    if (w->nx == w->capx) {
        size_t ncap = w->capx ? w->capx * 2 : 8;
        extra_member *p = sv__realloc(w->x, ncap * sizeof(*p));

        if (!p)
            return SV_ENOMEM;
        w->x = p;
        w->capx = ncap;
    }
    rc = sv__json_unescape(&w->keys, w->wrapped.ptr + m->key_start,
                           m->key_end - m->key_start);
    if (rc < 0)
        return rc;
    e = &w->x[w->nx++];
    e->key_off = off;
    e->key_len = w->keys.size - off;
    e->member_start = m->key_start - 1;
    e->value_start = m->value_start;
    e->value_end = m->value_end;
    e->used = 0;
    return SV_OK;
}

/* Check extra_members with jansson (as an object, duplicates refused) and
 * record where each member is. */
static int parse_extras(rewrite *w, const char *extra, size_t len,
                        sv_error *err)
{
    json_error_t je;
    json_t *root;
    sv__json_iter it;
    sv__json_member m;
    int rc;

    if ((rc = sv__buf_putc(&w->wrapped, '{')) < 0 ||
        (rc = sv_buf_put(&w->wrapped, extra, len)) < 0 ||
        (rc = sv__buf_putc(&w->wrapped, '}')) < 0)
        return sv__error_oom(err);
    root = sv__json_load(w->wrapped.ptr, w->wrapped.size,
                         JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je,
                         &w->scratch);
    if (!root)
        return sv__error_set(err, SV_EFORMAT,
                             "extra members are not valid JSON: %s", je.text);
    json_decref(root);
    if (sv__json_obj_begin(&it, w->wrapped.ptr, w->wrapped.size) < 0)
        return sv__error_set(err, SV_EFORMAT, "extra members not understood");
    while ((rc = sv__json_obj_next(&it, &m)) > 0)
        if ((rc = push_extra(w, &m)) < 0)
            return sv__error_oom(err);
    if (rc < 0)
        return sv__error_set(err, SV_EFORMAT, "extra members not understood");
    return SV_OK;
}

/* What replaces member m's value: 1 with the field, 2 with an extra
 * (*which set), 0 nothing. */
static int match_member(rewrite *w, const char *raw, const sv__json_member *m,
                        const char *field, size_t *which)
{
    size_t k;
    int rc;

    if (field) {
        rc = sv__json_key_equals(raw, m, field, strlen(field), &w->scratch);
        if (rc != 0)
            return rc;
    }
    for (k = 0; k < w->nx; k++) {
        rc = sv__json_key_equals(raw, m, w->keys.ptr + w->x[k].key_off,
                                 w->x[k].key_len, &w->scratch);
        if (rc < 0)
            return rc;
        if (rc) {
            *which = k;
            return 2;
        }
    }
    return 0;
}

static int clash_check(const rewrite *w, const char *field, sv_error *err)
{
    size_t k, flen = field ? strlen(field) : 0;

    for (k = 0; field && k < w->nx; k++)
        if (w->x[k].key_len == flen &&
            memcmp(w->keys.ptr + w->x[k].key_off, field, flen) == 0)
            return sv__error_set(err, SV_EINVAL,
                                 "extra member \"%s\" is the text field",
                                 field);
    return SV_OK;
}

/* Copy raw with replaced values into out; *pos is how far raw is copied. */
static int splice_members(rewrite *w, sv_buf *out, const char *raw,
                          sv__json_iter *it, const char *field,
                          const char *text, size_t text_len, int *found)
{
    sv__json_member m;
    size_t pos = 0, which = 0;
    int rc, kind;

    while ((rc = sv__json_obj_next(it, &m)) > 0) {
        if ((kind = match_member(w, raw, &m, field, &which)) < 0)
            return kind;
        if (kind == 0)
            continue;
        if ((rc = sv_buf_put(out, raw + pos, m.value_start - pos)) < 0)
            return rc;
        if (kind == 1) {
            *found = 1;
            rc = sv_json_append_string(out, text, text_len);
        } else {
            w->x[which].used = 1;
            rc = sv_buf_put(out, w->wrapped.ptr + w->x[which].value_start,
                            w->x[which].value_end - w->x[which].value_start);
        }
        if (rc < 0)
            return rc;
        pos = m.value_end;
    }
    if (rc < 0)
        return rc;
    return sv_buf_put(out, raw + pos, it->last_end - pos);
}

/* The members that were not already in the object, before the brace. */
static int append_new(rewrite *w, sv_buf *out, int need_comma,
                      const char *field, const char *text, size_t text_len,
                      int found)
{
    size_t k;
    int rc;

    if (field && !found) {
        if ((need_comma && (rc = sv__buf_putc(out, ',')) < 0) ||
            (rc = sv_json_append_string(out, field, strlen(field))) < 0 ||
            (rc = sv__buf_putc(out, ':')) < 0 ||
            (rc = sv_json_append_string(out, text, text_len)) < 0)
            return rc;
        need_comma = 1;
    }
    for (k = 0; k < w->nx; k++) {
        const extra_member *e = &w->x[k];

        if (e->used)
            continue;
        if ((need_comma && (rc = sv__buf_putc(out, ',')) < 0) ||
            (rc = sv_buf_put(out, w->wrapped.ptr + e->member_start,
                             e->value_end - e->member_start)) < 0)
            return rc;
        need_comma = 1;
    }
    return SV_OK;
}

int sv_jsonl_rewrite(sv_buf *out, const char *raw, size_t raw_len,
                     const char *field, const char *text, size_t text_len,
                     const char *extra_members, size_t extra_len,
                     sv_error *err)
{
    rewrite w;
    sv__json_iter it;
    size_t mark;
    int rc, found = 0;

    SV_ASSERT_ARG(out != NULL && raw != NULL);
    SV_ASSERT_ARG(text != NULL || text_len == 0);
    SV_ASSERT_ARG(extra_members != NULL || extra_len == 0);
    memset(&w, 0, sizeof(w));
    mark = out->size;
    if (extra_len && (rc = parse_extras(&w, extra_members, extra_len, err)) < 0)
        goto done;
    if ((rc = clash_check(&w, field, err)) < 0)
        goto done;
    if ((rc = sv__json_obj_begin(&it, raw, raw_len)) < 0) {
        rc = sv__error_set(err, SV_EFORMAT, "not a JSON object");
        goto done;
    }
    rc = splice_members(&w, out, raw, &it, field, text, text_len, &found);
    if (rc == SV_OK)
        rc = append_new(&w, out, it.count > 0, field, text, text_len, found);
    if (rc == SV_OK)
        rc = sv_buf_put(out, raw + it.last_end, raw_len - it.last_end);
    if (rc == SV_EFORMAT)
        sv__error_set(err, SV_EFORMAT, "not a JSON object");
    else if (rc == SV_ENOMEM)
        sv__error_oom(err);
done:
    if (rc < 0 && out->ptr)
        sv__buf_truncate(out, mark);
    sv_buf_dispose(&w.wrapped);
    sv_buf_dispose(&w.keys);
    sv_buf_dispose(&w.scratch);
    sv__free(w.x);
    return rc;
}
