/* SPDX-License-Identifier: MIT */
/*
 * The public face of the ordered pool: checks arguments and forwards to
 * the internal implementation in pool.c.
 */
#include "sverka/pool.h"

#include "base/error_internal.h"
#include "base/pool.h"

int sv_pool_options_init(sv_pool_options *opts, unsigned int version)
{
    static const sv_pool_options defaults = SV_POOL_OPTIONS_INIT;

    if (!opts || version != SV_POOL_OPTIONS_VERSION)
        return SV_EINVAL;
    *opts = defaults;
    return SV_OK;
}

int sv_pool_new(sv_pool **out, const sv_pool_options *opts, sv_error *err)
{
    sv__pool_config cfg;
    sv__pool *p = NULL;
    int rc;

    if (out)
        *out = NULL;
    if (!out || !opts || opts->version != SV_POOL_OPTIONS_VERSION ||
        !opts->work || !opts->done)
        return sv__error_set(err, SV_EINVAL,
                             "pool options need version, work and done");
    cfg.threads = opts->threads;
    cfg.max_pending = opts->max_pending;
    cfg.work = opts->work;
    cfg.write = opts->done;
    cfg.init_worker = opts->init;
    cfg.fini_worker = opts->fini;
    cfg.payload = opts->payload;
    rc = sv__pool_new(&p, &cfg);
    if (rc == SV_ENOMEM)
        return sv__error_oom(err);
    if (rc != 0)
        return sv__error_set(err, rc, "could not start %u worker threads",
                             opts->threads);
    *out = (sv_pool *)p;
    return SV_OK;
}

int sv_pool_submit(sv_pool *pool, void *job)
{
    SV_ASSERT_ARG(pool);
    return sv__pool_submit((sv__pool *)pool, job);
}

int sv_pool_drain(sv_pool *pool)
{
    SV_ASSERT_ARG(pool);
    return sv__pool_drain((sv__pool *)pool);
}

int sv_pool_finish(sv_pool *pool)
{
    SV_ASSERT_ARG(pool);
    return sv__pool_finish((sv__pool *)pool);
}

void sv_pool_free(sv_pool *pool)
{
    sv__pool_free((sv__pool *)pool);
}
