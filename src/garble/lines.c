/* SPDX-License-Identifier: MIT */
/*
 * Line-by-line reading of the training files (LM corpora, labeled TSV):
 * 64 KiB fread chunks, any line length, the last line without a line feed
 * included.  Training reads files the user names, so errors name them.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/error_internal.h"
#include "garble/garble_internal.h"
#include "sverka/buf.h"

int sv__garble_each_line(const char *path, sv__garble_line_fn fn,
                         void *payload, sv_error *err)
{
    FILE *fp = fopen(path, "rb");
    sv_buf line = SV_BUF_INIT;
    char chunk[65536];
    size_t got, i;
    int rc = SV_OK;

    if (!fp)
        return sv__error_set(err, errno == ENOENT ? SV_ENOTFOUND : SV_EIO,
                             "%s: %s", path, strerror(errno));
    while (rc >= 0 && (got = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
        size_t from = 0;

        for (i = 0; i < got && rc >= 0; i++) {
            if (chunk[i] != '\n')
                continue;
            rc = sv_buf_put(&line, chunk + from, i - from);
            if (rc >= 0)
                rc = fn(line.ptr ? line.ptr : "", line.size, payload);
            sv_buf_clear(&line);
            from = i + 1;
        }
        if (rc >= 0)
            rc = sv_buf_put(&line, chunk + from, got - from);
    }
    if (rc >= 0 && line.size)
        rc = fn(line.ptr, line.size, payload);
    if (rc >= 0 && ferror(fp))
        rc = sv__error_set(err, SV_EIO, "%s: read error", path);
    else if (rc == SV_ENOMEM)
        sv__error_oom(err);
    fclose(fp);
    sv_buf_dispose(&line);
    return rc < 0 ? rc : SV_OK;
}
