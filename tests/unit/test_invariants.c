/* SPDX-License-Identifier: MIT */
/*
 * "Nothing lost" (issue 8) over a corpus: samples/, tests/data, and when
 * present ../shared/seeds and a few ../shared/data files.  Normalize: the
 * edit log's inverse applied to the output gives the input back byte for
 * byte, through the library (sv_normalize_result) and through the CLI's
 * --log TSV; --drop: every dropped line is inside a drop:* edit / log row;
 * JSONL: every input record gives one output record or one reported error.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <spawn.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "base/utf8.h"
#include "file_tree.h"
#include "sverka/io.h"
#include "sverka/normalize.h"
#include "sverka/sverka.h"

extern char **environ;

#define MAX_FILES 512
#define MAX_FILE_BYTES ((size_t)8 << 20)

typedef struct corpus {
    char *paths[MAX_FILES];
    size_t n;
} corpus;

static corpus files;
static char tmpdir[] = "/tmp/sv_invariantsXXXXXX";

/* ---- corpus ---------------------------------------------------------- */

static void add_file(const char *path)
{
    struct stat st;

    if (files.n >= MAX_FILES || stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
        (size_t)st.st_size > MAX_FILE_BYTES)
        return;
    files.paths[files.n] = malloc(strlen(path) + 1);
    assert_non_null(files.paths[files.n]);
    memcpy(files.paths[files.n], path, strlen(path) + 1);
    files.n++;
}

static void add_found(const char *path, void *payload)
{
    (void)payload;
    add_file(path);
}

static void add_tree(const char *dir)
{
    file_tree_walk(dir, add_found, NULL);
}

static char *read_all(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    size_t cap = 4096, n = 0, got;
    char *buf = malloc(cap);

    assert_non_null(fp);
    assert_non_null(buf);
    while ((got = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    fclose(fp);
    buf[n < cap ? n : cap - 1] = '\0';
    *len = n;
    return buf;
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);

    return a >= b && !strcmp(s + a - b, suffix);
}

/* ---- library path ------------------------------------------------------ */

/* The inverse of the edits, written out here (not sv_normalize_verify):
 * output with each edit's output slice replaced by its input slice. */
static void reconstruct(const char *in, size_t in_len, const char *out,
                        size_t out_len, const sv_normalize_result *res,
                        sv_buf *back)
{
    size_t i, pos = 0, in_pos = 0;

    sv_buf_clear(back);
    for (i = 0; i < res->edit_count; i++) {
        const sv_normalize_edit *e = &res->edits[i];

        /* in input order, non-overlapping, and the unchanged run between
         * two edits has the same length on both sides */
        assert_true(e->in_start >= in_pos && e->in_end >= e->in_start);
        assert_true(e->out_start >= pos && e->out_end >= e->out_start);
        assert_true(e->in_end <= in_len && e->out_end <= out_len);
        assert_int_equal(e->out_start - pos, e->in_start - in_pos);
        assert_non_null(e->step);
        assert_int_equal(sv_buf_put(back, out + pos, e->out_start - pos), 0);
        assert_int_equal(sv_buf_put(back, in + e->in_start,
                                    e->in_end - e->in_start), 0);
        pos = e->out_end;
        in_pos = e->in_end;
    }
    assert_int_equal(sv_buf_put(back, out + pos, out_len - pos), 0);
}

/* Each dropped line lies inside one edit of the drop step with its
 * reason. */
static void drops_in_edits(const sv_normalize_result *res, const char *path)
{
    size_t d, e = 0;

    assert_int_equal(res->drop_count, res->dropped_lines);
    for (d = 0; d < res->drop_count; d++) {
        const sv_normalize_drop *dr = &res->drops[d];
        char want[64];

        snprintf(want, sizeof(want), "drop:%s", dr->reason);
        while (e < res->edit_count && res->edits[e].in_end < dr->in_end)
            e++;
        if (e >= res->edit_count || res->edits[e].in_start > dr->in_start ||
            strcmp(res->edits[e].step, want))
            fail_msg("%s: dropped line [%zu, %zu) (%s) is not in a %s edit",
                     path, dr->in_start, dr->in_end, dr->reason, want);
    }
}

typedef struct lib_state {
    sv_resources *res;
    sv_context *ctx;
} lib_state;

static void run_library(lib_state *ls, const sv_normalize_options *o,
                        const char *path, const char *text, size_t len)
{
    sv_normalizer *n = NULL;
    sv_normalize_result r = SV_NORMALIZE_RESULT_INIT;
    sv_buf out = SV_BUF_INIT, back = SV_BUF_INIT;
    sv_error err = SV_ERROR_INIT;
    int rc;

    assert_int_equal(sv_normalizer_new(&n, o, ls->res, &err), SV_OK);
    rc = sv_normalize_run(n, ls->ctx, text, len, &out, &r, &err);
    if (rc != SV_OK)
        fail_msg("%s: normalize failed: %s", path, err.message);
    reconstruct(text, len, out.ptr ? out.ptr : "", out.size, &r, &back);
    if (back.size != len || memcmp(back.ptr ? back.ptr : "", text, len))
        fail_msg("%s: the edits' inverse does not give the input back "
                 "(%zu bytes from %zu)", path, back.size, len);
    assert_int_equal(sv_normalize_verify(text, len, out.ptr, out.size, &r), 1);
    /* every output offset maps back into the input */
    assert_true(sv_normalize_map_back(&r, out.size, 1) <= len);
    if (o->drop && !o->mark)
        drops_in_edits(&r, path);
    sv_buf_dispose(&out);
    sv_buf_dispose(&back);
    sv_normalize_result_dispose(&r);
    sv_normalizer_free(n);
}

static int lib_setup(void **state)
{
    static lib_state ls;
    sv_resources_options o = SV_RESOURCES_OPTIONS_INIT;

    o.dicts_dir = SV_BUILD_DATADIR;
    o.load = 0;
    o.optional = SV_LOAD_ALL;
    memset(&ls, 0, sizeof(ls));
    if (sv_resources_new(&ls.res, &o, NULL) == SV_OK &&
        sv_context_new(&ls.ctx, ls.res, NULL) < 0)
        ls.ctx = NULL;
    *state = &ls;
    return 0;
}

static int lib_teardown(void **state)
{
    lib_state *ls = *state;

    sv_context_free(ls->ctx);
    sv_resources_free(ls->res);
    return 0;
}

/* Whole files as records, with the default steps, with everything on
 * (drops removed), and with drops marked. */
static void test_invariants__library_inverse(void **state)
{
    sv_normalize_options def = SV_NORMALIZE_OPTIONS_INIT;
    sv_normalize_options all = SV_NORMALIZE_OPTIONS_INIT;
    sv_normalize_options mark = SV_NORMALIZE_OPTIONS_INIT;
    size_t i, bytes = 0;

    all.steps = SV_STEPS_ALL;
    all.drop = SV_DROP_ALL;
    all.quotes = all.apostrophes = SV_QUOTES_TYPOGRAPHIC;
    all.nfkc = 1;
    mark.drop = SV_DROP_ALL;
    mark.mark = 1;
    for (i = 0; i < files.n; i++) {
        size_t len;
        char *text = read_all(files.paths[i], &len);

        run_library(*state, &def, files.paths[i], text, len);
        run_library(*state, &all, files.paths[i], text, len);
        run_library(*state, &mark, files.paths[i], text, len);
        bytes += len;
        free(text);
    }
    print_message("library: %zu files, %zu bytes, 3 option sets\n", files.n,
                  bytes);
    assert_true(files.n > 20);
}

/* ---- CLI path ------------------------------------------------------------ */

/* Run the CLI with stdout and stderr to files; its exit status. */
static int run_cli(const char *const *args, const char *out, const char *errf)
{
    posix_spawn_file_actions_t fa;
    char *argv[32];
    pid_t pid;
    int st = 0, i;

    argv[0] = (char *)SV_CLI;
    for (i = 0; args[i] && i < 30; i++)
        argv[i + 1] = (char *)args[i];
    argv[i + 1] = NULL;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawn_file_actions_addopen(&fa, 2, errf,
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_int_equal(posix_spawn(&pid, SV_CLI, &fa, NULL, argv, environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFEXITED(st));
    return WEXITSTATUS(st);
}

static size_t to_size(const char *s)
{
    size_t v = 0;

    for (; *s >= '0' && *s <= '9'; s++)
        v = v * 10 + (size_t)(*s - '0');
    return v;
}

typedef struct log_check {
    const char *path;
    const char *out;      /* the CLI's output, final newline removed */
    size_t out_len;
    size_t pos, in_pos;   /* walked so far in output and input */
    sv_buf back;          /* the input rebuilt */
    size_t drop_rows;
    size_t drop_starts[4096], drop_ends[4096];
} log_check;

/* One log row: file, line, column, step, in_start, in_end, before, after. */
static void log_row(log_check *lc, sv_tsv_row *row)
{
    size_t blen = 0, alen = 0, in_start, in_end, run;
    const char *step = sv_tsv_row_field(row, 3, NULL);
    const char *before = sv_tsv_row_field(row, 6, &blen);
    const char *after = sv_tsv_row_field(row, 7, &alen);

    assert_int_equal(sv_tsv_row_count(row), 8);
    in_start = to_size(sv_tsv_row_field(row, 4, NULL));
    in_end = to_size(sv_tsv_row_field(row, 5, NULL));
    if (in_start < lc->in_pos || in_end - in_start != blen)
        fail_msg("%s: log row at input %zu out of order or its before text "
                 "is %zu bytes, not %zu", lc->path, in_start, blen,
                 in_end - in_start);
    run = in_start - lc->in_pos; /* unchanged since the previous row */
    if (lc->pos + run + alen > lc->out_len ||
        memcmp(lc->out + lc->pos + run, after, alen))
        fail_msg("%s: log row at input %zu: its after text is not in the "
                 "output at %zu", lc->path, in_start, lc->pos + run);
    assert_int_equal(sv_buf_put(&lc->back, lc->out + lc->pos, run), 0);
    assert_int_equal(sv_buf_put(&lc->back, before, blen), 0);
    lc->pos += run;
    lc->pos += alen;
    lc->in_pos = in_end;
    if (!strncmp(step, "drop:", 5) && lc->drop_rows < 4096) {
        lc->drop_starts[lc->drop_rows] = in_start;
        lc->drop_ends[lc->drop_rows++] = in_end;
    }
}

/* Rebuild the input from the CLI's output and its --log file. */
static void replay_log(log_check *lc, const char *log, size_t log_len)
{
    sv_tsv_row *row = NULL;
    const char *p = log, *end = log + log_len;
    int header = 1;

    assert_int_equal(sv_tsv_row_new(&row, NULL), SV_OK);
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

        assert_int_equal(sv_tsv_row_parse(row, p, n), SV_OK);
        if (!header)
            log_row(lc, row);
        header = 0;
        p += n + 1;
    }
    assert_true(lc->pos <= lc->out_len);
    assert_int_equal(sv_buf_put(&lc->back, lc->out + lc->pos,
                                lc->out_len - lc->pos), 0);
    sv_tsv_row_free(row);
}

/* "N lines dropped" from the CLI's summary line. */
static size_t summary_dropped(const char *err)
{
    const char *p = strstr(err, " lines dropped");
    const char *q;

    if (!p && !(p = strstr(err, " line dropped")))
        return (size_t)-1;
    for (q = p; q > err && q[-1] >= '0' && q[-1] <= '9'; q--)
        ;
    return to_size(q);
}

/* The library's drops of the same record against the log's drop rows. */
static void drops_in_log(lib_state *ls, log_check *lc, const char *text,
                         size_t len, size_t reported)
{
    sv_normalize_options o = SV_NORMALIZE_OPTIONS_INIT;
    sv_normalizer *n = NULL;
    sv_normalize_result r = SV_NORMALIZE_RESULT_INIT;
    sv_buf out = SV_BUF_INIT;
    size_t d, k;

    o.drop = SV_DROP_ALL;
    assert_int_equal(sv_normalizer_new(&n, &o, ls->res, NULL), SV_OK);
    assert_int_equal(sv_normalize_run(n, ls->ctx, text, len, &out, &r, NULL),
                     SV_OK);
    if (reported != r.drop_count)
        fail_msg("%s: the CLI reports %zu lines dropped, the library %zu",
                 lc->path, reported, r.drop_count);
    for (d = 0; d < r.drop_count; d++) {
        for (k = 0; k < lc->drop_rows; k++)
            if (lc->drop_starts[k] <= r.drops[d].in_start &&
                r.drops[d].in_end <= lc->drop_ends[k])
                break;
        if (k == lc->drop_rows)
            fail_msg("%s: dropped line [%zu, %zu) is in no drop row of the "
                     "log", lc->path, r.drops[d].in_start, r.drops[d].in_end);
    }
    sv_buf_dispose(&out);
    sv_normalize_result_dispose(&r);
    sv_normalizer_free(n);
}

/* A text file the CLI reads as one record of its own bytes: the default
 * --encoding utf-8 converts only input with a UTF-16/32 byte order mark. */
static int plain_record(const char *text, size_t len)
{
    return !(len >= 2 && ((unsigned char)text[0] == 0xFF ||
                          (unsigned char)text[0] == 0xFE ||
                          (text[0] == 0 && text[1] == 0)));
}

/* mode: NULL for the default (one record per file), "line" or
 * "paragraph" (log offsets are still offsets into the file); steps: NULL
 * or a --steps list (one without decode: its replacements must still be
 * in the log). */
static void cli_file(lib_state *ls, const char *path, const char *mode,
                     const char *steps)
{
    char out[600], err[600], log[600];
    const char *args[] = {"normalize", "--drop", "all", "--log", log,
                          "--dicts", SV_BUILD_DATADIR, path, NULL, NULL,
                          NULL, NULL, NULL};
    size_t in_len, out_len, err_len, log_len;
    char *in = read_all(path, &in_len), *o, *e, *l;
    log_check *lc;
    int rc;

    snprintf(out, sizeof(out), "%s/out", tmpdir);
    snprintf(err, sizeof(err), "%s/err", tmpdir);
    snprintf(log, sizeof(log), "%s/log.tsv", tmpdir);
    if (!plain_record(in, in_len)) {
        free(in);
        return;
    }
    if (mode) {
        args[7] = "--record";
        args[8] = mode;
        args[9] = path;
    }
    if (steps) {
        args[mode ? 9 : 7] = "--steps";
        args[mode ? 10 : 8] = steps;
        args[mode ? 11 : 9] = path;
    }
    rc = run_cli(args, out, err);
    o = read_all(out, &out_len);
    e = read_all(err, &err_len);
    if (rc != 0)
        fail_msg("%s: sverka normalize exit %d: %s", path, rc, e);
    l = read_all(log, &log_len);
    lc = calloc(1, sizeof(*lc));
    assert_non_null(lc);
    lc->path = path;
    lc->out = o;
    lc->out_len = out_len;
    /* plain text is one record per file, final line feed included */
    replay_log(lc, l, log_len);
    if (lc->back.size != in_len || memcmp(lc->back.ptr, in, in_len))
        fail_msg("%s: output + --log (--record %s) does not give the input "
                 "back (%zu bytes from %zu)", path, mode ? mode : "document",
                 lc->back.size, in_len);
    if (!mode && !steps) /* the library's drops see the same record */
        drops_in_log(ls, lc, in, in_len, summary_dropped(e));
    sv_buf_dispose(&lc->back);
    free(lc);
    free(in);
    free(o);
    free(e);
    free(l);
}

/* Whether a file is valid UTF-8 (unreadable: counted as valid). */
static int valid_utf8_file(const char *path)
{
    size_t len = 0;
    char *in = read_all(path, &len);
    int ok = !in || sv__utf8_valid_prefix(in, len) == len;

    free(in);
    return ok;
}

static void test_invariants__cli_log_inverse(void **state)
{
    size_t i, ran = 0, invalid = 0;

    for (i = 0; i < files.n; i++) {
        if (has_suffix(files.paths[i], ".jsonl") ||
            has_suffix(files.paths[i], ".html"))
            continue; /* other record kinds, below */
        cli_file(*state, files.paths[i], NULL, NULL);
        cli_file(*state, files.paths[i], "line", NULL);
        cli_file(*state, files.paths[i], "paragraph", NULL);
        if (!valid_utf8_file(files.paths[i])) {
            /* decode left out of --steps: still logged */
            cli_file(*state, files.paths[i], NULL, "spaces,drop");
            cli_file(*state, files.paths[i], "line", "controls");
            invalid++;
        }
        ran++;
    }
    print_message("cli --log: %zu files, --record document, line and "
                  "paragraph; %zu with invalid UTF-8 also without the "
                  "decode step\n", ran, invalid);
    assert_true(ran > 20);
    assert_true(invalid > 2);
}

/* ---- JSONL ------------------------------------------------------------- */

static size_t count_lines_nonblank(const char *s, size_t len)
{
    size_t n = 0, i = 0;

    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - s) : len, k;

        for (k = i; k < end; k++)
            if (s[k] != ' ' && s[k] != '\t' && s[k] != '\r')
                break;
        n += k < end;
        i = end + 1;
    }
    return n;
}

/* "N malformed records skipped" (0 when the line is absent). */
static size_t summary_skipped(const char *err)
{
    const char *p = strstr(err, " malformed record");
    const char *q;

    if (!p)
        return 0;
    for (q = p; q > err && q[-1] >= '0' && q[-1] <= '9'; q--)
        ;
    return to_size(q);
}

/* Lines "sverka: FILE:LINE:..." naming a skipped record (not warnings). */
static size_t error_lines(const char *err, const char *path)
{
    size_t n = 0, plen = strlen(path);
    const char *p = err;

    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        const char *q = p + 8;

        if (len > 8 + plen + 1 && !strncmp(p, "sverka: ", 8) &&
            !strncmp(q, path, plen) && q[plen] == ':' && q[plen + 1] >= '0' &&
            q[plen + 1] <= '9') {
            const char *w = strstr(q, "warning: ");

            n += !(w && w < p + len);
        }
        p += len + (nl != NULL);
    }
    return n;
}

/* The library's reader: each non-blank line is one record or one
 * error, and reading goes on after each error. */
static void jsonl_library(const char *path, size_t lines)
{
    sv_reader_options ro = SV_READER_OPTIONS_INIT;
    sv_reader *r = NULL;
    sv_record rec;
    size_t records = 0, errors = 0;
    FILE *fp = fopen(path, "rb");
    int rc;

    assert_non_null(fp);
    ro.mode = SV_RECORD_JSONL;
    assert_int_equal(sv_reader_new(&r, &ro, NULL), SV_OK);
    assert_int_equal(sv_reader_open(r, fp, path), SV_OK);
    while ((rc = sv_reader_next(r, &rec)) != 0) {
        if (rc < 0)
            errors++;
        else
            records++;
    }
    assert_int_equal(sv_reader_failed(r), 0);
    if (records + errors != lines)
        fail_msg("%s: %zu records and %zu errors from %zu lines", path,
                 records, errors, lines);
    sv_reader_free(r);
    fclose(fp);
}

static void jsonl_file(const char *path)
{
    char out[600], err[600];
    const char *args[] = {"normalize", "--jsonl", "--on-error", "skip",
                          "--drop", "all", "--dicts", SV_BUILD_DATADIR, path,
                          NULL};
    size_t in_len, out_len, err_len, lines, outs, skipped;
    char *in = read_all(path, &in_len), *o, *e;
    int rc;

    snprintf(out, sizeof(out), "%s/out.jsonl", tmpdir);
    snprintf(err, sizeof(err), "%s/err", tmpdir);
    rc = run_cli(args, out, err);
    o = read_all(out, &out_len);
    e = read_all(err, &err_len);
    lines = count_lines_nonblank(in, in_len);
    outs = count_lines_nonblank(o, out_len);
    skipped = summary_skipped(e);
    if (rc != 0 && rc != 3)
        fail_msg("%s: exit %d: %s", path, rc, e);
    if (outs + skipped != lines || error_lines(e, path) != skipped)
        fail_msg("%s: %zu lines in, %zu records out, %zu skipped, %zu "
                 "errors reported: %s", path, lines, outs, skipped,
                 error_lines(e, path), e);
    jsonl_library(path, lines);
    free(in);
    free(o);
    free(e);
}

/* An input line's object, when the CLI takes it as a record: an object
 * whose "text" is a string, no duplicate keys. */
static json_t *good_record(const char *line, size_t len)
{
    json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL |
                               JSON_DECODE_INT_AS_REAL,
                           NULL);

    if (o && json_is_object(o) && json_is_string(json_object_get(o, "text")))
        return o;
    json_decref(o);
    return NULL;
}

/* One output object: its text with its "edits" undone is the input's
 * text, and every other member is the input's. */
static void undo_edits(const char *path, json_t *in, json_t *out)
{
    json_t *edits = json_object_get(out, "edits"), *e;
    const char *t = json_string_value(json_object_get(out, "text"));
    size_t tlen = json_string_length(json_object_get(out, "text"));
    size_t pos = 0, in_pos = 0, i;
    sv_buf back = SV_BUF_INIT;

    assert_non_null(t);
    assert_true(json_is_array(edits));
    json_array_foreach(edits, i, e) {
        json_t *b = json_object_get(e, "before"), *a = json_object_get(e, "after");
        size_t start = (size_t)json_number_value(json_object_get(e, "start"));
        size_t end = (size_t)json_number_value(json_object_get(e, "end"));
        size_t run = start - in_pos, alen = json_string_length(a);

        assert_true(start >= in_pos && end - start == json_string_length(b));
        if (pos + run + alen > tlen || memcmp(t + pos + run,
                                              json_string_value(a), alen))
            fail_msg("%s: an edit's after text is not in the output", path);
        sv_buf_put(&back, t + pos, run);
        sv_buf_put(&back, json_string_value(b), json_string_length(b));
        pos += run + alen;
        in_pos = end;
    }
    sv_buf_put(&back, t + pos, tlen - pos);
    if (back.size != json_string_length(json_object_get(in, "text")) ||
        memcmp(back.ptr ? back.ptr : "",
               json_string_value(json_object_get(in, "text")), back.size))
        fail_msg("%s: text + edits does not give the input's text back", path);
    json_object_del(out, "edits");
    json_object_del(out, "text");
    json_object_del(in, "text");
    assert_true(json_equal(in, out));
    sv_buf_dispose(&back);
}

/* --jsonl --edits: record by record, the edits give each text back.
 * Returns the number of records compared. */
static size_t jsonl_edits_file(const char *path)
{
    char out[600], err[600];
    const char *args[] = {"normalize", "--jsonl", "--edits", "--on-error",
                          "skip", "--drop", "all", "--dicts",
                          SV_BUILD_DATADIR, path, NULL};
    size_t in_len, out_len, err_len, i = 0, k = 0, pairs = 0;
    char *in = read_all(path, &in_len), *o, *e;
    json_error_t jerr;

    snprintf(out, sizeof(out), "%s/out.jsonl", tmpdir);
    snprintf(err, sizeof(err), "%s/err", tmpdir);
    run_cli(args, out, err);
    o = read_all(out, &out_len);
    e = read_all(err, &err_len);
    while (i < in_len) {
        const char *nl = memchr(in + i, '\n', in_len - i);
        size_t n = nl ? (size_t)(nl - in) - i : in_len - i;
        json_t *rin = good_record(in + i, n), *rout;

        i += n + 1;
        if (!rin)
            continue;
        nl = memchr(o + k, '\n', out_len - k);
        assert_non_null(nl);
        rout = json_loadb(o + k, (size_t)(nl - o) - k,
                          JSON_ALLOW_NUL | JSON_DECODE_INT_AS_REAL, &jerr);
        if (!rout)
            fail_msg("%s: output record %zu is not JSON: %s", path, pairs + 1,
                     jerr.text);
        k = (size_t)(nl - o) + 1;
        undo_edits(path, rin, rout);
        json_decref(rin);
        json_decref(rout);
        pairs++;
    }
    assert_int_equal(k, out_len); /* no output record left over */
    free(in);
    free(o);
    free(e);
    return pairs;
}

/* One JSONL record {"id":..,"text":..}; invalid UTF-8 is left out (JSON
 * cannot carry it). */
static void put_record(FILE *fp, size_t id, const char *text, size_t len)
{
    json_t *t = json_stringn(text, len), *o;
    char *line;

    if (!t)
        return;
    o = json_pack("{s:I,s:o}", "id", (json_int_t)id, "text", t);
    assert_non_null(o);
    line = json_dumps(o, JSON_COMPACT);
    assert_non_null(line);
    fprintf(fp, "%s\n", line);
    free(line);
    json_decref(o);
}

/* The text corpus as JSON Lines: every file whole, and every line of it,
 * as records, so --jsonl --edits sees the same variety. */
static void corpus_as_jsonl(const char *path)
{
    FILE *fp = fopen(path, "wb");
    size_t i, id = 0;

    assert_non_null(fp);
    for (i = 0; i < files.n; i++) {
        size_t len, a = 0;
        char *text = read_all(files.paths[i], &len);

        if (has_suffix(files.paths[i], ".jsonl")) {
            free(text);
            continue;
        }
        put_record(fp, id++, text, len);
        while (a < len) {
            const char *nl = memchr(text + a, '\n', len - a);
            size_t n = nl ? (size_t)(nl - text) - a : len - a;

            put_record(fp, id++, text + a, n);
            a += n + 1;
        }
        free(text);
    }
    fclose(fp);
}

static void test_invariants__jsonl_one_out_per_in(void **state)
{
    size_t i, ran = 0, records = 0;
    char made[600];

    (void)state;
    for (i = 0; i < files.n; i++)
        if (has_suffix(files.paths[i], ".jsonl")) {
            jsonl_file(files.paths[i]);
            records += jsonl_edits_file(files.paths[i]);
            ran++;
        }
    snprintf(made, sizeof(made), "%s/corpus.jsonl", tmpdir);
    corpus_as_jsonl(made);
    jsonl_file(made);
    records += jsonl_edits_file(made);
    unlink(made);
    print_message("jsonl: %zu files and the corpus as JSONL, %zu records' "
                  "edits undone\n", ran, records);
    assert_true(records > 0);
    assert_true(ran >= 5);
}

/* ---- setup --------------------------------------------------------------- */

static void add_shared(void)
{
    static const char *const some_data[] = {
        "data/README.md", "data/garble/README.md",
        "data/align/textberg-defr-dev/dev.de",
        "data/align/textberg-defr-dev/dev.fr",
        "data/align/wmt21-ruen/newstest2021.ru-en.tsv", NULL};
    char path[2048];
    size_t i;

    snprintf(path, sizeof(path), "%s/seeds", SV_SHARED_DIR);
    add_tree(path);
    for (i = 0; some_data[i]; i++) {
        snprintf(path, sizeof(path), "%s/%s", SV_SHARED_DIR, some_data[i]);
        add_file(path);
    }
}

static int group_setup(void **state)
{
    (void)state;
    add_tree(SV_SAMPLES);
    add_tree(SV_TEST_DATA);
    if (file_tree_is_dir(SV_SHARED_DIR))
        add_shared();
    else
        print_message("../shared is absent: samples/ and tests/data only\n");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int group_teardown(void **state)
{
    const char *const names[] = {"out", "err", "log.tsv", "out.jsonl", NULL};
    char path[600];
    size_t i;

    (void)state;
    for (i = 0; names[i]; i++) {
        snprintf(path, sizeof(path), "%s/%s", tmpdir, names[i]);
        unlink(path);
    }
    rmdir(tmpdir);
    for (i = 0; i < files.n; i++)
        free(files.paths[i]);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_invariants__library_inverse,
                                        lib_setup, lib_teardown),
        cmocka_unit_test_setup_teardown(test_invariants__cli_log_inverse,
                                        lib_setup, lib_teardown),
        cmocka_unit_test(test_invariants__jsonl_one_out_per_in),
    };

    return cmocka_run_group_tests_name("invariants", tests, group_setup,
                                       group_teardown);
}
