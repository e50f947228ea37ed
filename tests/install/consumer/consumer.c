/* SPDX-License-Identifier: MIT */
/*
 * A downstream program using the installed libsverka: prints the version
 * and pushes a JSON string through the public writer.
 */
#include <stdio.h>
#include <sverka/sverka.h>

int main(void)
{
    sv_buf out = SV_BUF_INIT;

    if (sv_json_append_string(&out, "Песков \"said\"", 20) != SV_OK)
        return 1;
    printf("libsverka %s %s\n", sv_version(), out.ptr);
    sv_buf_dispose(&out);
    return 0;
}
