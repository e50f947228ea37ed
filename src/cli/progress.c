/* SPDX-License-Identifier: MIT */
/*
 * A progress line on stderr for long runs: bytes, records, MB/s and an ETA
 * when the total size is known.  Only when stderr is a terminal and
 * --quiet is not given; redrawn at most four times a second.
 */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

struct cli_progress {
    unsigned long long total;
    double start, last;
    int drawn;
};

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

cli_progress *cli_progress_start(const cli_common *c, unsigned long long total)
{
    cli_progress *p;

    if (c->quiet || !isatty(STDERR_FILENO))
        return NULL;
    p = calloc(1, sizeof(*p));
    if (!p)
        return NULL;
    p->total = total;
    p->start = p->last = now();
    return p;
}

void cli_progress_update(cli_progress *p, unsigned long long bytes,
                         unsigned long long records)
{
    double t, rate;

    if (!p)
        return;
    t = now();
    if (t - p->last < 0.25)
        return;
    p->last = t;
    rate = (double)bytes / (t - p->start + 1e-9);
    fprintf(stderr, "\rsverka: %.1f MB, %llu records, %.1f MB/s",
            (double)bytes / 1e6, records, rate / 1e6);
    if (p->total > bytes && rate > 0) {
        double eta = (double)(p->total - bytes) / rate;

        fprintf(stderr, ", ETA %d:%02d", (int)(eta / 60), (int)eta % 60);
    }
    fprintf(stderr, "\033[K");
    p->drawn = 1;
}

void cli_progress_end(cli_progress *p)
{
    if (!p)
        return;
    if (p->drawn)
        fprintf(stderr, "\r\033[K");
    free(p);
}
