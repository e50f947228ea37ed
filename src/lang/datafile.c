/* SPDX-License-Identifier: MIT */
/*
 * Whole-file reads of the project's own bounded data files, with the
 * missing-file case told apart so callers can say how to get the file.
 */
#include "lang/datafile.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/error_internal.h"

int sv__datafile_read(const char *path, size_t max_bytes, char **out,
                      size_t *size, sv_error *err)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    int rc = SV_OK;

    *out = NULL;
    if (!f)
        return sv__error_set(err, errno == ENOENT ? SV_ENOTFOUND : SV_EIO,
                             "cannot open %s: %s", path, strerror(errno));
    n = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (n < 0 || fseek(f, 0, SEEK_SET) != 0) {
        rc = sv__error_set(err, SV_EIO, "cannot read %s", path);
        goto done;
    }
    if ((unsigned long)n > max_bytes) {
        rc = sv__error_set(err, SV_ETOOBIG, "%s is over %zu bytes", path,
                           max_bytes);
        goto done;
    }
    buf = sv__malloc((size_t)n + 1);
    if (!buf) {
        rc = sv__error_oom(err);
        goto done;
    }
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
        rc = sv__error_set(err, SV_EIO, "cannot read %s", path);
        goto done;
    }
    buf[n] = '\0';
    *out = buf;
    *size = (size_t)n;
    buf = NULL;
done:
    sv__free(buf);
    fclose(f);
    return rc;
}
