/* SPDX-License-Identifier: MIT */
/*
 * Output to stdout or to -o FILE through a temporary file in the same
 * directory, renamed into place only after everything was written and
 * flushed.  SIGINT/SIGTERM remove the temporary file, so an interrupted
 * run never leaves a partial output behind (DESIGN "nothing lost").
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* The temporary path the signal handler must remove.  A CLI global: the
 * handler cannot receive arguments.  Written before the handler is armed. */
static char pending_tmp[4096];
static volatile sig_atomic_t have_pending;

static void on_signal(int sig)
{
    if (have_pending)
        unlink(pending_tmp); /* async-signal-safe */
    signal(sig, SIG_DFL);
    raise(sig);
}

static void arm(const char *tmp)
{
    struct sigaction sa;

    size_t n = strlen(tmp);

    if (n >= sizeof(pending_tmp))
        return;
    memcpy(pending_tmp, tmp, n + 1);
    have_pending = 1;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

static void disarm(void)
{
    have_pending = 0;
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
}

/* Devices and pipes (/dev/null, /dev/full, a FIFO) are written in place:
 * a temporary file renamed over them would replace the device. */
static int open_special(cli_output *o, const char *cmd, const char *path)
{
    o->fp = fopen(path, "wb");
    if (!o->fp) {
        cli_error(cmd, "%s: cannot open for writing: %s", path,
                  strerror(errno));
        return CLI_IOERR;
    }
    o->special = 1;
    return CLI_OK;
}

static mode_t new_file_mode(void)
{
    mode_t mask = umask(0);

    umask(mask);
    return 0666 & ~mask;
}

int cli_output_open(cli_output *o, const char *cmd, const char *path)
{
    struct stat st;
    size_t n;
    int fd;

    memset(o, 0, sizeof(*o));
    if (!path || !strcmp(path, "-")) {
        o->fp = stdout;
        return CLI_OK;
    }
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) {
            cli_error(cmd, "%s: is a directory", path);
            return CLI_IOERR;
        }
        return open_special(o, cmd, path);
    }
    n = strlen(path);
    o->path = malloc(n + 1);
    o->tmp_path = malloc(n + 16);
    if (!o->path || !o->tmp_path) {
        cli_error(cmd, "out of memory");
        cli_output_abort(o);
        return CLI_IOERR;
    }
    memcpy(o->path, path, n + 1);
    snprintf(o->tmp_path, n + 16, "%s.tmp.XXXXXX", path);
    fd = mkstemp(o->tmp_path);
    if (fd < 0) {
        cli_error(cmd, "%s: cannot create output: %s", path, strerror(errno));
        free(o->tmp_path);
        o->tmp_path = NULL;
        cli_output_abort(o);
        return CLI_IOERR;
    }
    arm(o->tmp_path);
    /* mkstemp makes the file 0600; the output gets the mode a plain
     * create would (0666 less the umask), or that of the file it replaces. */
    (void)fchmod(fd, stat(path, &st) == 0 ? st.st_mode & 07777 : new_file_mode());
    o->fp = fdopen(fd, "wb");
    if (!o->fp) {
        close(fd);
        cli_error(cmd, "%s: %s", path, strerror(errno));
        cli_output_abort(o);
        return CLI_IOERR;
    }
    return CLI_OK;
}

int cli_output_write(cli_output *o, const char *data, size_t len)
{
    if (o->failed)
        return CLI_IOERR;
    if (len && fwrite(data, 1, len, o->fp) != len) {
        o->failed = errno ? errno : EIO;
        return CLI_IOERR;
    }
    return CLI_OK;
}

int cli_output_commit(cli_output *o, const char *cmd)
{
    const char *name = o->path ? o->path : "<stdout>";
    int err = o->failed;

    if (!err && fflush(o->fp) != 0)
        err = errno ? errno : EIO;
    if (!err && ferror(o->fp))
        err = EIO;
    if (o->special) {
        if (fclose(o->fp) != 0 && !err)
            err = errno ? errno : EIO;
        o->fp = NULL;
        if (err) {
            cli_error(cmd, "write failed: %s", strerror(err));
            return CLI_IOERR;
        }
        return CLI_OK;
    }
    if (o->path) {
        if (fclose(o->fp) != 0 && !err)
            err = errno ? errno : EIO;
        o->fp = NULL;
        if (!err && rename(o->tmp_path, o->path) != 0)
            err = errno ? errno : EIO;
    } else if (fclose(stdout) != 0 && !err) {
        err = errno ? errno : EIO; /* STYLE S4: check the final close */
    }
    if (err) {
        cli_error(cmd, "%s: write failed: %s", name, strerror(err));
        cli_output_abort(o);
        return CLI_IOERR;
    }
    disarm();
    free(o->path);
    free(o->tmp_path);
    o->path = o->tmp_path = NULL;
    return CLI_OK;
}

void cli_output_abort(cli_output *o)
{
    if (o->special) {
        if (o->fp)
            fclose(o->fp);
        o->fp = NULL;
        return;
    }
    if (o->fp && o->path)
        fclose(o->fp);
    if (o->tmp_path)
        unlink(o->tmp_path);
    disarm();
    free(o->path);
    free(o->tmp_path);
    o->fp = NULL;
    o->path = o->tmp_path = NULL;
}
