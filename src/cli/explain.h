/* SPDX-License-Identifier: MIT */
/*
 * Helpers for showing changes to people (--explain, logs).
 */
#ifndef SV_CLI_EXPLAIN_H
#define SV_CLI_EXPLAIN_H

#include <sverka/sverka.h>

/* Append s with invisible characters spelled out (<NBSP>, \n, <U+200B>)
 * and at most max_cp code points, then "…". */
int cli_visible(sv_buf *out, const char *s, size_t len, size_t max_cp);

/* Running line:column over a text, for offsets visited in order. */
typedef struct cli_locator {
    const char *text;
    size_t len, pos, line, column, first_line;
} cli_locator;

void cli_locator_init(cli_locator *l, const char *text, size_t len,
                      size_t first_line);
void cli_locator_seek(cli_locator *l, size_t offset, size_t *line,
                      size_t *column);

#endif
