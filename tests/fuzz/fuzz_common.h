/* SPDX-License-Identifier: MIT */
/*
 * Shared by the fuzz targets that need dictionaries: the resources and one
 * context, loaded once per process from the build tree (SV_BUILD_DATADIR)
 * and the system hunspell dictionaries.  What is missing is skipped, so a
 * target still runs (rules only) on a machine without them.
 */
#ifndef SV_FUZZ_COMMON_H
#define SV_FUZZ_COMMON_H

#include <stddef.h>

#include "sverka/resources.h"

static sv_resources *fuzz_res;
static sv_context *fuzz_ctx;

/* Load once, from LLVMFuzzerInitialize (whose arguments it takes and
 * ignores); cache_max is sv_resources_options::spell_cache_max (0: the
 * default).  Returns 0 even when nothing could be loaded (fuzz_ctx NULL). */
static int fuzz_load_resources(int *argc, char ***argv, unsigned int cache_max)
{
    sv_resources_options o = SV_RESOURCES_OPTIONS_INIT;
    sv_error err = SV_ERROR_INIT;

    (void)argc;
    (void)argv;
    o.dicts_dir = SV_BUILD_DATADIR;
    o.load = 0;
    o.optional = SV_LOAD_ALL;
    o.spell_cache_max = cache_max;
    if (sv_resources_new(&fuzz_res, &o, &err) == SV_OK &&
        sv_context_new(&fuzz_ctx, fuzz_res, &err) != SV_OK) {
        sv_resources_free(fuzz_res);
        fuzz_res = NULL;
    }
    return 0;
}

#endif
