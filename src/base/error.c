/* SPDX-License-Identifier: MIT */
/*
 * Status code texts and helpers that fill an sv_error (STYLE E1-E4).
 */
#include "base/error_internal.h"

#include <stdio.h>
#include <string.h>

const char *sv_strerror(int code)
{
    switch (code) {
    case SV_OK: return "success";
    case SV_ERROR: return "error";
    case SV_ENOMEM: return "out of memory";
    case SV_EINVAL: return "invalid argument";
    case SV_EILSEQ: return "invalid or undecodable byte sequence";
    case SV_ETOOBIG: return "input exceeds a configured limit";
    case SV_EIO: return "input/output error";
    case SV_ENOTFOUND: return "not found";
    case SV_EFORMAT: return "malformed input";
    case SV_EUNSUPPORTED: return "not supported by this build or setup";
    case SV_EUSER: return "stopped by callback";
    default: return "unknown error";
    }
}

void sv_error_clear(sv_error *err)
{
    if (err)
        memset(err, 0, sizeof(*err));
}

/* The format attribute lets -Wformat-nonliteral (clang) see the callers'
 * literals. */
static void set_message(sv_error *err, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static void set_message(sv_error *err, const char *fmt, va_list ap)
{
    size_t n;

    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    /* E4: one line, no trailing newline. */
    n = strlen(err->message);
    while (n > 0 && (err->message[n - 1] == '\n' ||
                     err->message[n - 1] == '\r'))
        err->message[--n] = '\0';
}

int sv__error_set(sv_error *err, int code, const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return code;
    err->code = code;
    err->byte_offset = 0;
    err->line = err->column = 0;
    va_start(ap, fmt);
    set_message(err, fmt, ap);
    va_end(ap);
    return code;
}

int sv__error_set_at(sv_error *err, int code, size_t byte_offset,
                     size_t line, size_t column, const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return code;
    err->code = code;
    err->byte_offset = byte_offset;
    err->line = line;
    err->column = column;
    va_start(ap, fmt);
    set_message(err, fmt, ap);
    va_end(ap);
    return code;
}

int sv__error_oom(sv_error *err)
{
    static const char msg[] = "out of memory";

    if (err) {
        err->code = SV_ENOMEM;
        err->byte_offset = 0;
        err->line = err->column = 0;
        memcpy(err->message, msg, sizeof(msg));
    }
    return SV_ENOMEM;
}
