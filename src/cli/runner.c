/* SPDX-License-Identifier: MIT */
/*
 * The record runner shared by the streaming commands: open each input,
 * cut it into records with sv_reader, process them on -j worker threads
 * through sv_pool and write the results in input order, so the output is
 * byte-identical to a serial run.  Reader errors are reported as
 * "sverka: FILE:LINE:COL: message"; with --on-error skip, recoverable ones
 * are counted and the run goes on.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* Per input: where the first replaced invalid sequence and the first NUL
 * byte were, and how many there were, for one warning each. */
typedef struct input_stats {
    size_t invalid, invalid_line, invalid_col;
    size_t nuls, nul_line, nul_col, bytes;
    size_t skipped;
} input_stats;

typedef struct run_state {
    const cli_common *c;
    const cli_record_ops *ops;
    void *cmd;
    cli_output *out;
    cli_progress *progress;
    unsigned long long bytes_done, records;
    int max_level;
    int write_failed;
    struct batch *spare; /* batches back from the pool, for reuse */
    int has_held;        /* the newest record waits in the current batch's
                            next slot, uncounted, until the next record
                            shows whether the input's tail is its */
    input_stats st;      /* the current input's */
    int deferred;        /* defer_utf8 in effect: process() counts the
                            invalid UTF-8, so the counts come in order */
} run_state;


unsigned cli_cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    return n > 0 ? (unsigned)n : 1u;
}

/* Jobs are reused: a batch keeps its jobs, and they keep their buffers,
 * when it comes back from the pool, so after the first batches a record
 * costs no allocation and no buffer regrowth.  A buffer a long record grew
 * past JOB_KEEP bytes is freed, and a batch keeps at most BATCH_KEEP bytes
 * in all, so a few big documents do not pin memory for the rest of the
 * run. */
enum { JOB_KEEP = 64 * 1024, BATCH_KEEP = 2 * 1024 * 1024 };

static void job_dispose(cli_job *j)
{
    sv_buf_dispose(&j->store);
    sv_buf_dispose(&j->out);
    sv_buf_dispose(&j->report);
    sv_buf_dispose(&j->aux);
}

/* Empty b for the next record, or free it when it is worth too much. */
static void keep_buf(sv_buf *b, size_t *budget)
{
    if (b->asize > JOB_KEEP || b->asize > *budget) {
        sv_buf_dispose(b);
        return;
    }
    *budget -= b->asize;
    sv_buf_clear(b);
}

/* A job as new for the next record, its buffers' memory kept. */
static void job_reset(cli_job *j, size_t *budget)
{
    sv_buf store = j->store, out = j->out, report = j->report, aux = j->aux;

    keep_buf(&store, budget);
    keep_buf(&out, budget);
    keep_buf(&report, budget);
    keep_buf(&aux, budget);
    memset(j, 0, sizeof(*j));
    j->store = store;
    j->out = out;
    j->report = report;
    j->aux = aux;
}

/* Append s[0..n) and a NUL to the job's store; *at receives the offset.
 * s[n] is read when nul says it is the NUL (a record's text). */
static int store_bytes(cli_job *j, const char *s, size_t n, int nul,
                       size_t *at)
{
    int rc;

    *at = j->store.size;
    if (nul)
        return sv_buf_put(&j->store, s, n + 1);
    if ((rc = sv_buf_put(&j->store, s, n)) < 0)
        return rc;
    return sv_buf_put(&j->store, "", 1);
}

/* Point text, raw and gap into the store (after it may have moved). */
static void job_point(cli_job *j, size_t raw_at, size_t gap_at)
{
    j->text = j->store.ptr;
    j->raw = raw_at != SIZE_MAX ? j->store.ptr + raw_at : NULL;
    j->gap = gap_at != SIZE_MAX ? j->store.ptr + gap_at : NULL;
}

/* Fill j (reset) with a copy of the record. */
static int job_fill(cli_job *j, const sv_record *rec, const char *file,
                    size_t file_index)
{
    size_t at, raw_at = SIZE_MAX, gap_at = SIZE_MAX;
    int rc;

    sv_buf_clear(&j->store); /* nothing left from a failed fill */
    if ((rc = store_bytes(j, rec->text, rec->text_len, 1, &at)) < 0)
        return rc;
    j->text_len = rec->text_len;
    if (rec->raw && rec->raw != rec->text) {
        if ((rc = store_bytes(j, rec->raw, rec->raw_len, 0, &raw_at)) < 0)
            return rc;
        j->raw_len = rec->raw_len;
    }
    if (rec->gap_len &&
        (rc = store_bytes(j, rec->gap, rec->gap_len, 0, &gap_at)) < 0)
        return rc;
    job_point(j, raw_at, gap_at);
    j->index = rec->index;
    j->line = rec->line;
    j->line_count = rec->line_count;
    j->offset = rec->offset;
    j->has_newline = rec->has_newline;
    j->gap_len = rec->gap_len;
    j->file = file;
    j->file_index = file_index;
    return SV_OK;
}

/* Records travel through the pool in batches: the hand-over between
 * threads costs more than normalizing a short paragraph, so consecutive
 * records are grouped (up to BATCH_RECORDS of them or BATCH_BYTES of
 * text) and one batch is one pool job.  Output order is unchanged. */
enum { BATCH_RECORDS = 256, BATCH_BYTES = 256 * 1024 };

typedef struct batch {
    cli_job jobs[BATCH_RECORDS];
    size_t n, bytes;
    size_t used;         /* slots ever filled (their buffers hold memory) */
    size_t failed_at;    /* index of the record whose processing failed */
    int fail_rc;         /* its status, 0 when every record went through */
    struct batch *next;  /* on the run's list of spare batches */
} batch;

static int work(void *job, void *state, void *payload)
{
    run_state *rs = payload;
    batch *b = job;
    size_t i;

    for (i = 0; i < b->n; i++) {
        int rc = rs->ops->process(&b->jobs[i], state, rs->cmd);

        if (rc) {
            b->failed_at = i;
            b->fail_rc = rc;
            return rc;
        }
    }
    return 0;
}

/* Line and column (code points) of byte `pos` of a record's text, whose
 * first line is `first`. */
static void locate(const char *text, size_t len, size_t first, size_t pos,
                   size_t *line, size_t *col)
{
    size_t i;

    *line = first;
    *col = 1;
    for (i = 0; i < pos && i < len; i++) {
        unsigned char ch = (unsigned char)text[i];

        if (ch == '\n') {
            (*line)++;
            *col = 1;
        } else if ((ch & 0xC0) != 0x80) {
            (*col)++;
        }
    }
}

/* Write one processed record; returns 0 or an error that stops the run. */
static int write_job(run_state *rs, cli_job *j)
{
    int rc = rs->ops->in_order ? rs->ops->in_order(j, rs->cmd) : 0;

    /* Diagnostics first, also for a failed record: they say why. */
    if (j->report.size && (!rs->c->quiet || rc))
        fwrite(j->report.ptr, 1, j->report.size, stderr);
    if (rc)
        return rc;
    if (cli_output_write(rs->out, j->out.ptr, j->out.size) != CLI_OK) {
        rs->write_failed = 1;
        return SV_EIO;
    }
    if (j->level > rs->max_level)
        rs->max_level = j->level;
    if (rs->deferred && j->invalid) {
        if (!rs->st.invalid)
            locate(j->text, j->text_len, j->line, j->first_invalid,
                   &rs->st.invalid_line, &rs->st.invalid_col);
        rs->st.invalid += j->invalid;
    }
    rs->records++;
    rs->bytes_done += j->text_len;
    cli_progress_update(rs->progress, rs->bytes_done, rs->records);
    return 0;
}

static void batch_free(batch *b)
{
    size_t i;

    for (i = 0; i < b->used; i++)
        job_dispose(&b->jobs[i]);
    free(b);
}

/* A spare batch, or a new one (on the submitting thread, as done() is). */
static batch *batch_get(run_state *rs)
{
    batch *b = rs->spare;

    if (!b)
        return calloc(1, sizeof(*b));
    rs->spare = b->next;
    b->next = NULL;
    return b;
}

/* Back to the spare list, its jobs emptied for the next records. */
static void batch_put(run_state *rs, batch *b)
{
    size_t i, budget = BATCH_KEEP;

    for (i = 0; i < b->used; i++)
        job_reset(&b->jobs[i], &budget);
    b->n = b->bytes = b->failed_at = 0;
    b->fail_rc = 0;
    b->next = rs->spare;
    rs->spare = b;
}

static int done(void *job, int status, void *payload)
{
    run_state *rs = payload;
    batch *b = job;
    size_t i, upto = b->fail_rc ? b->failed_at : b->n;
    int rc = 0;

    if (status && !b->fail_rc) { /* an earlier batch failed: write nothing */
        batch_put(rs, b);
        return status;
    }
    for (i = 0; i < upto && !rc; i++)
        rc = write_job(rs, &b->jobs[i]);
    if (!rc && b->fail_rc) {
        cli_job *j = &b->jobs[b->failed_at];

        if (j->report.size)
            fwrite(j->report.ptr, 1, j->report.size, stderr);
        rc = b->fail_rc;
    }
    batch_put(rs, b);
    return rc;
}

static int init_worker(void **state, void *payload)
{
    run_state *rs = payload;

    *state = NULL;
    return rs->ops->init_worker ? rs->ops->init_worker(state, rs->cmd) : 0;
}

static void fini_worker(void *state, void *payload)
{
    run_state *rs = payload;

    if (rs->ops->fini_worker)
        rs->ops->fini_worker(state, rs->cmd);
}

/* Open one input, refusing directories with a clear message. */
static FILE *open_input(const cli_common *c, const char *name)
{
    struct stat st;
    FILE *fp;

    if (!strcmp(name, "-"))
        return stdin;
    if (stat(name, &st) == 0 && S_ISDIR(st.st_mode)) {
        cli_error(c->cmd, "%s: is a directory, not a file", name);
        return NULL;
    }
    fp = fopen(name, "rb");
    if (!fp)
        cli_error(c->cmd, "%s: cannot open: %s", name, strerror(errno));
    return fp;
}

static unsigned long long total_size(const cli_common *c)
{
    unsigned long long total = 0;
    int i;

    for (i = 0; i < c->nfiles; i++) {
        struct stat st;

        if (strcmp(c->files[i], "-") && stat(c->files[i], &st) == 0 &&
            S_ISREG(st.st_mode))
            total += (unsigned long long)st.st_size;
        else
            return 0;
    }
    return total;
}

static int make_reader(run_state *rs, sv_reader **r)
{
    const cli_common *c = rs->c;
    const cli_record_ops *ops = rs->ops;
    sv_reader_options ro = SV_READER_OPTIONS_INIT;
    sv_error err = SV_ERROR_INIT;

    ro.mode = (sv_record_mode)ops->default_mode;
    if (c->record_mode >= 0)
        ro.mode = (sv_record_mode)c->record_mode;
    if (c->jsonl)
        ro.mode = SV_RECORD_JSONL;
    ro.field = c->field;
    ro.encoding = c->encoding;
    ro.strict_utf8 = c->strict;
    ro.max_record = c->max_record;
    ro.keep_invalid = c->keep_invalid;
    /* only without a conversion, whose replacements the reader counts */
    rs->deferred = c->defer_utf8 && c->keep_invalid && !c->strict &&
                   !c->encoding && ro.mode != SV_RECORD_JSONL;
    ro.unchecked_utf8 = rs->deferred;
    if (sv_reader_new(r, &ro, &err) < 0)
        return cli_fail_err(c->cmd, &err);
    return CLI_OK;
}


static void note_record(input_stats *st, const sv_record *rec)
{
    st->bytes += rec->text_len;
    if (rec->invalid_utf8 && !st->invalid) {
        /* Text before the first invalid sequence is unchanged, so the
         * input offset maps straight into the record's text. */
        size_t pos = rec->first_invalid >= rec->offset
                         ? rec->first_invalid - rec->offset : 0;

        locate(rec->text, rec->text_len, rec->line, pos, &st->invalid_line,
               &st->invalid_col);
    }
    st->invalid += rec->invalid_utf8;
    if (rec->nul_count && !st->nuls) {
        const char *z = memchr(rec->text, '\0', rec->text_len);

        locate(rec->text, rec->text_len, rec->line,
               z ? (size_t)(z - rec->text) : 0, &st->nul_line, &st->nul_col);
    }
    st->nuls += rec->nul_count;
}

static void report_input(const cli_common *c, const char *name,
                         const input_stats *st)
{
    if (c->quiet)
        return;
    if (st->invalid)
        fprintf(stderr, "sverka: %s:%zu:%zu: warning: %zu invalid UTF-8 "
                "sequence%s replaced with U+FFFD (the first here; --strict "
                "makes this an error)\n", name, st->invalid_line,
                st->invalid_col, st->invalid, st->invalid == 1 ? "" : "s");
    if (st->nuls && st->nuls * 4 >= st->bytes)
        fprintf(stderr, "sverka: %s: warning: %zu of %zu bytes are NUL: this "
                "looks like UTF-16 without a byte order mark; try --encoding "
                "utf-16le (or utf-16be)\n", name, st->nuls, st->bytes);
    else if (st->nuls)
        fprintf(stderr, "sverka: %s:%zu:%zu: warning: %zu NUL byte%s in the "
                "text (the first here)\n", name, st->nul_line, st->nul_col,
                st->nuls, st->nuls == 1 ? "" : "s");
    if (st->skipped)
        fprintf(stderr, "sverka: %s: warning: %zu malformed record%s "
                "skipped\n", name, st->skipped, st->skipped == 1 ? "" : "s");
}

/* A reader error: report it; returns 0 to go on (skipped) or an exit. */
static int reader_error(const cli_common *c, sv_reader *r, int rc,
                        input_stats *st)
{
    int recoverable = (rc == SV_EFORMAT || rc == SV_EILSEQ ||
                       rc == SV_ETOOBIG) && sv_reader_failed(r) == 0;

    if (recoverable && c->skip_errors) {
        if (!c->quiet)
            fprintf(stderr, "sverka: %s (skipped)\n", sv_reader_errmsg(r));
        st->skipped++;
        return 0;
    }
    fprintf(stderr, "sverka: %s\n", sv_reader_errmsg(r));
    return cli_exit_for(rc);
}

/* Hand the current batch to the pool (a new one is started lazily). */
static int submit_batch(run_state *rs, sv_pool *pool, batch **cur)
{
    int rc;

    if (!*cur)
        return CLI_OK;
    rc = sv_pool_submit(pool, *cur);
    *cur = NULL;
    if (rc != 0)
        return rs->write_failed ? CLI_IOERR : cli_exit_for(rc);
    return CLI_OK;
}

/* Count the held record in its batch; hand the batch over when full. */
static int commit_held(run_state *rs, sv_pool *pool, batch **cur)
{
    batch *b = *cur;

    rs->has_held = 0;
    b->bytes += b->jobs[b->n].text_len;
    if (++b->n == BATCH_RECORDS || b->bytes >= BATCH_BYTES)
        return submit_batch(rs, pool, cur);
    return CLI_OK;
}

/* Copy a record into the current batch's next slot, held there. */
static int hold_record(run_state *rs, batch **cur, const sv_record *rec,
                       const char *file, size_t file_index)
{
    size_t budget = JOB_KEEP * 4;
    cli_job *j;

    if (!*cur && !(*cur = batch_get(rs))) {
        cli_error(rs->c->cmd, "out of memory");
        return CLI_IOERR;
    }
    j = &(*cur)->jobs[(*cur)->n];
    if ((*cur)->used <= (*cur)->n)
        (*cur)->used = (*cur)->n + 1;
    if (j->text) /* left from a record not sent (spare slots are empty) */
        job_reset(j, &budget);
    if (job_fill(j, rec, file, file_index) < 0) {
        cli_error(rs->c->cmd, "out of memory");
        return CLI_IOERR;
    }
    rs->has_held = 1;
    return CLI_OK;
}

/* An empty record for an input of only blank lines (they are its tail). */
static int hold_blank(run_state *rs, batch **cur, const char *file,
                      size_t file_index)
{
    sv_record rec;

    memset(&rec, 0, sizeof(rec));
    rec.text = rec.raw = "";
    rec.line = rec.line_count = 1;
    return hold_record(rs, cur, &rec, file, file_index);
}

/* The blank lines after the input's last record go with it, so a command
 * can account for them (normalize logs their removal). */
static int attach_tail(const cli_common *c, sv_reader *r, cli_job *last)
{
    size_t len = 0, at;
    const char *tail = sv_reader_tail(r, &len);
    size_t raw_at = last->raw ? (size_t)(last->raw - last->store.ptr)
                              : SIZE_MAX;
    size_t gap_at = last->gap ? (size_t)(last->gap - last->store.ptr)
                              : SIZE_MAX;

    if (!len)
        return CLI_OK;
    if (store_bytes(last, tail, len, 0, &at) < 0) {
        cli_error(c->cmd, "out of memory");
        return CLI_IOERR;
    }
    job_point(last, raw_at, gap_at); /* the store may have moved */
    last->tail = last->store.ptr + at;
    last->tail_len = len;
    return CLI_OK;
}

static int feed_input(run_state *rs, sv_reader *r, sv_pool *pool,
                      const char *name, size_t file_index)
{
    input_stats *st = &rs->st;
    sv_record rec;
    batch *cur = NULL;
    int rc = CLI_OK;

    memset(st, 0, sizeof(*st));
    rs->has_held = 0;
    for (;;) {
        rc = sv_reader_next(r, &rec);
        if (rc == 0)
            break;
        if (rc < 0) {
            if ((rc = reader_error(rs->c, r, rc, st)) != 0)
                break;
            continue;
        }
        note_record(st, &rec);
        /* the record in hand is not the last: it goes to the batch */
        if (rs->has_held && (rc = commit_held(rs, pool, &cur)) != CLI_OK)
            break;
        if ((rc = hold_record(rs, &cur, &rec, name, file_index)) != CLI_OK)
            break;
    }
    if (!rs->has_held && rc == CLI_OK && rs->ops->blank_input_job &&
        !rs->c->jsonl && sv_reader_tail(r, NULL)[0])
        rc = hold_blank(rs, &cur, name, file_index);
    if (rs->has_held && rc == CLI_OK &&
        (rc = attach_tail(rs->c, r, &cur->jobs[cur->n])) != CLI_OK)
        rs->has_held = 0;
    else if (rs->has_held) {
        int arc = commit_held(rs, pool, &cur);

        if (rc == CLI_OK)
            rc = arc;
    }
    /* Records read before an error are still written. */
    {
        int src = submit_batch(rs, pool, &cur);

        if (rc == CLI_OK)
            rc = src;
    }
    if (rc != CLI_OK)
        return rc;
    /* deferred counts arrive as the input's records are written */
    if (rs->deferred && (rc = sv_pool_drain(pool)) != 0)
        return rs->write_failed ? CLI_IOERR : cli_exit_for(rc);
    report_input(rs->c, name, st);
    if ((rc = sv_reader_failed(r)) < 0) { /* ended early: not skippable */
        fprintf(stderr, "sverka: %s\n", sv_reader_errmsg(r));
        return cli_exit_for(rc);
    }
    return CLI_OK;
}

static int run_inputs(run_state *rs, sv_reader *r, sv_pool *pool)
{
    static char *stdin_only[] = {"-"};
    char **files = rs->c->nfiles ? rs->c->files : stdin_only;
    int n = rs->c->nfiles ? rs->c->nfiles : 1, i, rc = CLI_OK;

    for (i = 0; i < n && rc == CLI_OK; i++) {
        FILE *fp = open_input(rs->c, files[i]);
        const char *name = cli_input_name(files[i]);

        if (!fp)
            return CLI_IOERR;
        if (sv_reader_open(r, fp, files[i]) < 0) {
            fprintf(stderr, "sverka: %s\n", sv_reader_errmsg(r));
            rc = CLI_IOERR;
        } else {
            rc = feed_input(rs, r, pool, name, (size_t)i);
        }
        /* The input's last records must be written before end_input. */
        if (rc == CLI_OK && rs->ops->end_input) {
            if ((rc = sv_pool_drain(pool)) != 0)
                rc = rs->write_failed ? CLI_IOERR : cli_exit_for(rc);
            else if (rs->ops->end_input(name, rs->out, rs->cmd) < 0)
                rc = CLI_IOERR;
        }
        if (fp != stdin)
            fclose(fp);
    }
    return rc;
}

static int start_pool(run_state *rs, sv_pool **pool)
{
    sv_pool_options po = SV_POOL_OPTIONS_INIT;
    sv_error err = SV_ERROR_INIT;

    po.threads = rs->c->jobs ? rs->c->jobs : cli_cpu_count();
    po.work = work;
    po.done = done;
    po.init = init_worker;
    po.fini = fini_worker;
    po.payload = rs;
    if (sv_pool_new(pool, &po, &err) < 0)
        return cli_fail_err(rs->c->cmd, &err);
    return CLI_OK;
}

int cli_run_records(const cli_common *c, const cli_record_ops *ops, void *cmd,
                    cli_output *out, int *max_level)
{
    run_state rs;
    sv_reader *r = NULL;
    sv_pool *pool = NULL;
    int rc, frc;

    memset(&rs, 0, sizeof(rs));
    rs.c = c;
    rs.ops = ops;
    rs.cmd = cmd;
    rs.out = out;
    if ((rc = make_reader(&rs, &r)) != CLI_OK)
        return rc;
    rs.progress = cli_progress_start(c, total_size(c));
    if ((rc = start_pool(&rs, &pool)) == CLI_OK) {
        rc = run_inputs(&rs, r, pool);
        frc = sv_pool_finish(pool);
        if (rc == CLI_OK && frc != 0)
            rc = rs.write_failed ? CLI_IOERR : cli_exit_for(frc);
        sv_pool_free(pool);
    }
    while (rs.spare) {
        batch *b = rs.spare;

        rs.spare = b->next;
        batch_free(b);
    }
    cli_progress_end(rs.progress);
    sv_reader_free(r);
    if (rs.write_failed && rc != CLI_OK) {
        cli_error(c->cmd, "%s: write failed: %s",
                  out->path ? out->path : "<stdout>", strerror(out->failed));
    }
    *max_level = rs.max_level;
    return rc;
}
