/* SPDX-License-Identifier: MIT */
/*
 * Diagnostics on stderr ("sverka: CMD: message", STYLE S6) and the mapping
 * from library status codes to exit statuses (STYLE S5).
 */
#include <stdarg.h>

#include "cli.h"

void cli_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "sverka: ");
    if (cmd)
        fprintf(stderr, "%s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "sverka: ");
    if (cmd)
        fprintf(stderr, "%s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (cmd)
        fprintf(stderr, "\nTry 'sverka %s --help' for more information.\n",
                cmd);
    else
        fprintf(stderr, "\nTry 'sverka --help' for more information.\n");
    return CLI_USAGE;
}

int cli_exit_for(int rc)
{
    switch (rc) {
    case SV_OK:
        return CLI_OK;
    case SV_EILSEQ:
    case SV_EFORMAT:
    case SV_ETOOBIG:
        return CLI_BADINPUT;
    case SV_EINVAL:
        return CLI_USAGE;
    default:
        return CLI_IOERR;
    }
}

int cli_fail_err(const char *cmd, const sv_error *err)
{
    cli_error(cmd, "%s", err->message[0] ? err->message
                                         : sv_strerror(err->code));
    return cli_exit_for(err->code);
}
