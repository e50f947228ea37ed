/* SPDX-License-Identifier: MIT */
/*
 * An ordered worker pool: jobs are submitted in order, processed by N
 * threads, and handed to the writer callback strictly in submission order,
 * so threaded output is byte-identical to a serial run (DESIGN "records").
 * Memory is bounded: submit blocks when `max_pending` jobs are in flight.
 */
#ifndef SV_BASE_POOL_H
#define SV_BASE_POOL_H

#include <stddef.h>

typedef struct sv__pool sv__pool;

/* Process one job on a worker; worker_state is the per-thread state made
 * by init_worker (e.g. an sv_context).  Non-zero return is an error that
 * stops the pool and is returned from sv__pool_finish. */
typedef int (*sv__pool_work_fn)(void *job, void *worker_state, void *payload);
/* Called on the submitting thread, strictly in submission order, for every
 * job, with the work status (or an earlier error); it takes the job back
 * and must free it.  Non-zero stops the pool. */
typedef int (*sv__pool_write_fn)(void *job, int status, void *payload);
typedef int (*sv__pool_init_fn)(void **worker_state, void *payload);
typedef void (*sv__pool_fini_fn)(void *worker_state, void *payload);

typedef struct sv__pool_config {
    unsigned threads;      /* 0 or 1: run inline on the caller's thread */
    size_t max_pending;    /* in-flight bound; 0: 4 * threads */
    sv__pool_work_fn work;
    sv__pool_write_fn write;
    sv__pool_init_fn init_worker; /* may be NULL */
    sv__pool_fini_fn fini_worker; /* may be NULL */
    void *payload;
} sv__pool_config;

int sv__pool_new(sv__pool **out, const sv__pool_config *cfg);
/* Submit a job (ownership passes to the pool until write is called on
 * it; write is called even after an error).  Returns a non-zero error from
 * an earlier work/write. */
int sv__pool_submit(sv__pool *p, void *job);
/* Wait until every submitted job has been written; workers keep running.
 * Returns the first error or 0. */
int sv__pool_drain(sv__pool *p);
/* Wait for all jobs, stop workers; returns the first error or 0. */
int sv__pool_finish(sv__pool *p);
void sv__pool_free(sv__pool *p);

#endif
