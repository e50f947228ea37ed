/* SPDX-License-Identifier: MIT */
/*
 * The mojibake step: repairs text that was decoded with the wrong code page
 * (UTF-8 read as windows-1251/1252/latin-1/KOI8-R/IBM866, windows-1251 read
 * as windows-1252, KOI8-R and windows-1251 read as each other, IBM866 read
 * as windows-1251, and double encodings), segment by segment.
 */
#ifndef SV_NORMALIZE_MOJIBAKE_H
#define SV_NORMALIZE_MOJIBAKE_H

#include <stdint.h>

#include "normalize/step.h"

/* The step (see step.h).  Records one edit named "mojibake" per repaired
 * segment.  env may be NULL or have a NULL ctx: the decision then rests on
 * the statistical score alone. */
int sv__step_mojibake(const char *in, size_t in_len, sv_buf *out,
                      sv__editlist *edits, const sv__step_env *env);

/* Does the line in[ls, le) (valid UTF-8, without its newline) hold no run
 * of text the step would analyse, so that the step cannot change it? */
int sv__mojibake_plain(const char *in, size_t ls, size_t le);

/* Is cp one of the signs common in correct text that the step's scan
 * passes without a look (« » — ’ “ ” … and the like)? */
int sv__mojibake_benign(uint32_t cp);

#endif
