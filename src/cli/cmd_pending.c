/* SPDX-License-Identifier: MIT */
/*
 * Commands registered in the table whose capability is not built yet.
 * They say so and exit 2 rather than print anything that looks like a
 * result; each moves to its own cmd_<name>.c when its issue lands.
 */
#include <string.h>

#include "cli.h"

static int not_built(const char *cmd, int issue, int argc, char **argv)
{
    int i;

    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("usage: sverka %s [OPTIONS] [FILE...]\n\n"
                   "'sverka %s' is not built yet in this version "
                   "(planned in issue #%d).\n", cmd, cmd, issue);
            return CLI_OK;
        }
    }
    cli_error(cmd, "not built yet in sverka %s (planned in issue #%d)",
              SV_VERSION_STRING, issue);
    return CLI_USAGE;
}

int cmd_align(int argc, char **argv)
{
    return not_built("align", 5, argc, argv);
}

int cmd_check(int argc, char **argv)
{
    return not_built("check", 5, argc, argv);
}
