/* SPDX-License-Identifier: MIT */
/*
 * An ordered worker pool for record streams: jobs are processed by N
 * threads and handed back strictly in submission order, so a threaded run
 * writes exactly what a serial run writes (DESIGN "records").
 */
#ifndef SV_POOL_H
#define SV_POOL_H

#include "sverka/common.h"
#include "sverka/errors.h"

/** @file sverka/pool.h
 *  @brief sv_pool: process jobs on N threads, deliver them in order.
 */

SV_BEGIN_DECL

/** Opaque pool. */
typedef struct sv_pool sv_pool;

/** Process one job on a worker thread.
 *  @param job the job
 *  @param worker_state what sv_pool_init_cb made for this thread
 *  @param payload sv_pool_options::payload
 *  @return 0, or non-zero to stop the pool (returned by submit/finish). */
typedef int (*sv_pool_work_cb)(void *job, void *worker_state, void *payload);

/** Take a job back, in submission order, on the submitting thread.
 *  Called for every submitted job, also after an error, so it can free it.
 *  @param job the job
 *  @param status the work result for this job, or an earlier error
 *  @param payload sv_pool_options::payload
 *  @return 0, or non-zero to stop the pool. */
typedef int (*sv_pool_done_cb)(void *job, int status, void *payload);

/** Make per-thread state (e.g. an sv_context) when a worker starts.
 *  @param[out] worker_state the state
 *  @param payload sv_pool_options::payload
 *  @return 0, or non-zero (every job of that worker then fails with it). */
typedef int (*sv_pool_init_cb)(void **worker_state, void *payload);

/** Free per-thread state when a worker stops.
 *  @param worker_state the state
 *  @param payload sv_pool_options::payload */
typedef void (*sv_pool_fini_cb)(void *worker_state, void *payload);

/** Options for sv_pool_new(). */
typedef struct sv_pool_options {
    unsigned int version;   /**< SV_POOL_OPTIONS_VERSION */
    unsigned int threads;   /**< workers; 0 or 1 runs jobs on the caller */
    size_t max_pending;     /**< jobs in flight; 0: 4 per thread */
    sv_pool_work_cb work;   /**< required */
    sv_pool_done_cb done;   /**< required */
    sv_pool_init_cb init;   /**< optional */
    sv_pool_fini_cb fini;   /**< optional */
    void *payload;          /**< passed to every callback */
} sv_pool_options;

#define SV_POOL_OPTIONS_VERSION 1
#define SV_POOL_OPTIONS_INIT \
    {SV_POOL_OPTIONS_VERSION, 1, 0, NULL, NULL, NULL, NULL, NULL}

/** Initialise pool options to their defaults.
 *  @param[out] opts the struct
 *  @param version SV_POOL_OPTIONS_VERSION
 *  @return SV_OK or SV_EINVAL.  Ownership: the caller owns @p opts. */
SV_API int sv_pool_options_init(sv_pool_options *opts, unsigned int version);

/** Start a pool.
 *  @param[out] out the pool, or NULL on failure
 *  @param opts options (work and done are required)
 *  @param[out] err failure details; may be NULL
 *  @return SV_OK, SV_EINVAL, SV_ENOMEM or SV_ERROR (threads could not
 *  start), or the non-zero value of an inline init callback.
 *  Ownership: @p *out belongs to the caller; free with sv_pool_free(). */
SV_API int sv_pool_new(sv_pool **out, const sv_pool_options *opts,
                       sv_error *err);

/** Submit a job; blocks while max_pending jobs are in flight.
 *  @param pool the pool
 *  @param job the job; the pool holds it until done is called on it
 *  @return 0, or the first non-zero status of an earlier job.
 *  Ownership: @p job passes to the pool until the done callback. */
SV_API int sv_pool_submit(sv_pool *pool, void *job);

/** Wait until every job submitted so far is done; the workers keep
 *  running and more jobs may be submitted.
 *  @param pool the pool
 *  @return 0 or the first non-zero status. */
SV_API int sv_pool_drain(sv_pool *pool);

/** Wait for every job to be done and stop the workers.
 *  @param pool the pool
 *  @return 0 or the first non-zero status. */
SV_API int sv_pool_finish(sv_pool *pool);

/** Free a pool (finishing it first).  NULL is a no-op.
 *  @param pool the pool.  Ownership: consumes @p pool. */
SV_API void sv_pool_free(sv_pool *pool);

SV_END_DECL

#endif /* SV_POOL_H */
