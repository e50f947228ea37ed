/* SPDX-License-Identifier: MIT */
/*
 * Ordered worker pool.  Jobs sit in a ring of max_pending slots indexed by
 * sequence number; workers take the oldest unclaimed job; the submitting
 * thread writes finished jobs strictly in sequence order.  Writing on the
 * submitter keeps output single-threaded and makes back-pressure simple:
 * a full ring means "wait for the oldest job, write it, then accept more".
 */
#include "base/pool.h"

#include <pthread.h>

#include "base/alloc.h"
#include "sverka/errors.h"

enum { SLOT_FREE, SLOT_QUEUED, SLOT_RUNNING, SLOT_DONE };

typedef struct pool_slot {
    void *job;
    int state;
    int rc;
} pool_slot;

struct sv__pool {
    sv__pool_config cfg;
    pool_slot *ring;
    size_t cap;
    unsigned long long next_submit, next_claim, next_write;
    pthread_t *threads;
    unsigned nthreads;
    pthread_mutex_t mu;
    pthread_cond_t work_cv; /* a job was queued, or stopping */
    pthread_cond_t done_cv; /* a job finished */
    int stopping;
    int error;
    int finished;
    void *inline_state; /* worker state when running on the caller */
};

static void *worker_main(void *arg)
{
    sv__pool *p = arg;
    void *state = NULL;
    int init_rc = 0;

    if (p->cfg.init_worker)
        init_rc = p->cfg.init_worker(&state, p->cfg.payload);
    pthread_mutex_lock(&p->mu);
    if (init_rc && !p->error)
        p->error = init_rc;
    for (;;) {
        pool_slot *s;
        int rc;

        while (!p->stopping && p->next_claim == p->next_submit)
            pthread_cond_wait(&p->work_cv, &p->mu);
        if (p->next_claim == p->next_submit)
            break; /* stopping and nothing left */
        s = &p->ring[p->next_claim % p->cap];
        p->next_claim++;
        s->state = SLOT_RUNNING;
        pthread_mutex_unlock(&p->mu);
        rc = init_rc ? init_rc : p->cfg.work(s->job, state, p->cfg.payload);
        pthread_mutex_lock(&p->mu);
        s->rc = rc;
        s->state = SLOT_DONE;
        pthread_cond_broadcast(&p->done_cv);
    }
    pthread_mutex_unlock(&p->mu);
    if (p->cfg.fini_worker)
        p->cfg.fini_worker(state, p->cfg.payload);
    return NULL;
}

int sv__pool_new(sv__pool **out, const sv__pool_config *cfg)
{
    sv__pool *p;
    unsigned i;

    *out = NULL;
    p = sv__calloc(1, sizeof(*p));
    if (!p)
        return SV_ENOMEM;
    p->cfg = *cfg;
    if (p->cfg.threads <= 1) {
        p->nthreads = 0;
        if (cfg->init_worker &&
            (p->error = cfg->init_worker(&p->inline_state, cfg->payload)) != 0) {
            int rc = p->error;

            sv__free(p);
            return rc;
        }
        *out = p;
        return SV_OK;
    }
    p->cap = cfg->max_pending ? cfg->max_pending : 4u * cfg->threads;
    p->ring = sv__calloc(p->cap, sizeof(pool_slot));
    p->threads = sv__calloc(cfg->threads, sizeof(pthread_t));
    if (!p->ring || !p->threads) {
        sv__free(p->ring);
        sv__free(p->threads);
        sv__free(p);
        return SV_ENOMEM;
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work_cv, NULL);
    pthread_cond_init(&p->done_cv, NULL);
    for (i = 0; i < cfg->threads; i++) {
        if (pthread_create(&p->threads[i], NULL, worker_main, p) != 0)
            break;
        p->nthreads++;
    }
    if (p->nthreads == 0) {
        p->finished = 1;
        sv__pool_free(p);
        return SV_ERROR;
    }
    *out = p;
    return SV_OK;
}

/* Write every finished job at the head of the ring, in order.  Called with
 * the mutex held; drops it around the write callback. */
static int drain(sv__pool *p, int wait_for_one)
{
    while (p->next_write < p->next_submit) {
        pool_slot *s = &p->ring[p->next_write % p->cap];
        int rc;

        if (s->state != SLOT_DONE) {
            if (!wait_for_one)
                return SV_OK;
            pthread_cond_wait(&p->done_cv, &p->mu);
            continue;
        }
        rc = s->rc ? s->rc : p->error;
        if (rc && !p->error)
            p->error = rc;
        pthread_mutex_unlock(&p->mu);
        /* Every job reaches write, failed or not, so its owner frees it. */
        rc = p->cfg.write(s->job, rc, p->cfg.payload);
        pthread_mutex_lock(&p->mu);
        if (rc && !p->error)
            p->error = rc;
        s->state = SLOT_FREE;
        s->job = NULL;
        p->next_write++;
        wait_for_one = 0;
    }
    return SV_OK;
}

int sv__pool_submit(sv__pool *p, void *job)
{
    int rc;

    if (p->nthreads == 0) {
        rc = p->error ? p->error
                      : p->cfg.work(job, p->inline_state, p->cfg.payload);
        if (rc && !p->error)
            p->error = rc;
        rc = p->cfg.write(job, rc, p->cfg.payload);
        if (rc && !p->error)
            p->error = rc;
        return p->error;
    }
    pthread_mutex_lock(&p->mu);
    while (p->next_submit - p->next_write >= p->cap)
        drain(p, 1);
    p->ring[p->next_submit % p->cap].job = job;
    p->ring[p->next_submit % p->cap].state = SLOT_QUEUED;
    p->next_submit++;
    pthread_cond_signal(&p->work_cv);
    drain(p, 0);
    rc = p->error;
    pthread_mutex_unlock(&p->mu);
    return rc;
}

int sv__pool_drain(sv__pool *p)
{
    int rc;

    if (!p->ring || p->finished)
        return p->error;
    pthread_mutex_lock(&p->mu);
    while (p->next_write < p->next_submit)
        drain(p, 1);
    rc = p->error;
    pthread_mutex_unlock(&p->mu);
    return rc;
}

int sv__pool_finish(sv__pool *p)
{
    unsigned i;
    int rc;

    if (p->finished)
        return p->error;
    if (!p->ring) {
        if (p->cfg.fini_worker)
            p->cfg.fini_worker(p->inline_state, p->cfg.payload);
        p->finished = 1;
        return p->error;
    }
    pthread_mutex_lock(&p->mu);
    while (p->next_write < p->next_submit)
        drain(p, 1);
    p->stopping = 1;
    pthread_cond_broadcast(&p->work_cv);
    rc = p->error;
    pthread_mutex_unlock(&p->mu);
    for (i = 0; i < p->nthreads; i++)
        pthread_join(p->threads[i], NULL);
    p->nthreads = 0;
    sv__free(p->threads);
    p->threads = NULL;
    p->finished = 1;
    return rc;
}

void sv__pool_free(sv__pool *p)
{
    if (!p)
        return;
    sv__pool_finish(p);
    if (p->ring) {
        pthread_mutex_destroy(&p->mu);
        pthread_cond_destroy(&p->work_cv);
        pthread_cond_destroy(&p->done_cv);
        sv__free(p->ring);
    }
    sv__free(p);
}
