/* SPDX-License-Identifier: MIT */
/*
 * Finding the data directory for the CLI: --dicts, $SVERKA_DICTS (read by
 * the library), the build tree when this binary runs from it, and finally
 * the installed share/sverka (the library's default).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

/* True when argv[0] resolves to a file inside the build tree, so that a
 * developer's ./build/sverka uses the build's data and not an older
 * installed copy. */
static int running_from_build_tree(const char *argv0)
{
#ifdef SV_BUILD_BINDIR
    char real[PATH_MAX], build[PATH_MAX];
    size_t n;

    if (!argv0 || !strchr(argv0, '/'))
        return 0; /* found through PATH: an installed copy */
    if (!realpath(argv0, real) || !realpath(SV_BUILD_BINDIR, build))
        return 0;
    n = strlen(build);
    return !strncmp(real, build, n) && real[n] == '/';
#else
    (void)argv0;
    return 0;
#endif
}

int cli_open_resources(const cli_common *c, unsigned load, sv_resources **out)
{
    return cli_open_resources_except(c, load, 0, out);
}

int cli_open_resources_except(const cli_common *c, unsigned load,
                              unsigned unused, sv_resources **out)
{
    sv_resources_options opts = SV_RESOURCES_OPTIONS_INIT;
    sv_error err = SV_ERROR_INIT;

    opts.dicts_dir = c->dicts;
#ifdef SV_BUILD_DATADIR
    if (!opts.dicts_dir && !getenv("SVERKA_DICTS") &&
        running_from_build_tree(cli_program_path))
        opts.dicts_dir = SV_BUILD_DATADIR;
#endif
    opts.load = load;
    opts.optional = SV_LOAD_ALL & ~load & ~unused;
    if (sv_resources_new(out, &opts, &err) < 0) {
        cli_error(c->cmd, "%s", err.message);
        return CLI_IOERR;
    }
    return CLI_OK;
}

int cli_worker_context(const char *cmd, const sv_resources *res,
                       sv_context **out)
{
    sv_error err = SV_ERROR_INIT;

    *out = NULL;
    if (res && sv_context_new(out, res, &err) < 0) {
        cli_error(cmd, "%s", err.message);
        return err.code;
    }
    return SV_OK;
}
