/* SPDX-License-Identifier: MIT */
/*
 * Reading one of the project's data files (dicts/, the generated lexicon)
 * whole into memory: they are bounded, owned by the project and parsed in
 * place, unlike user input, which is always streamed (STYLE M4).
 */
#ifndef SV_LANG_DATAFILE_H
#define SV_LANG_DATAFILE_H

#include <stddef.h>

#include "sverka/errors.h"

/* *out receives the contents with a NUL appended (free with sv__free) and
 * *size their length.  SV_ENOTFOUND when the file does not exist, SV_EIO,
 * SV_ETOOBIG past max_bytes, SV_ENOMEM; err names the file. */
int sv__datafile_read(const char *path, size_t max_bytes, char **out,
                      size_t *size, sv_error *err);

#endif
