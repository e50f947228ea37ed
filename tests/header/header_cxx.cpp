// SPDX-License-Identifier: MIT
// The public headers compile as C++ and link with C linkage.
#include <sverka/sverka.h>

#include <cstdio>

int main()
{
    sv_error err = SV_ERROR_INIT;
    sv_buf buf = SV_BUF_INIT;

    if (sv_buf_put(&buf, "ok", 2) != SV_OK)
        return 1;
    std::printf("%s %s %d\n", sv_version(), buf.ptr, err.code);
    sv_buf_dispose(&buf);
    return 0;
}
