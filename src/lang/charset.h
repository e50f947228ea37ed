/* SPDX-License-Identifier: MIT */
/*
 * Charset detection and streaming conversion to UTF-8, the ICU adapter
 * (ucsdet, ucnv) behind sv_reader's "encoding" option.  Only src/lang/ may
 * include ICU (STYLE L2), so src/formats/ talks to ICU through this.
 */
#ifndef SV_LANG_CHARSET_H
#define SV_LANG_CHARSET_H

#include <stddef.h>

#include "sverka/buf.h"
#include "sverka/errors.h"

/* Longest charset name the adapter hands back, NUL included. */
#define SV_CHARSET_NAME_SIZE 64

typedef struct sv__charset_conv sv__charset_conv;

/* Non-zero when ICU knows @name as an alias of UTF-8 ("utf8", "UTF-8"). */
int sv__charset_is_utf8(const char *name);

/* Guess the encoding of the input's first bytes.  Order: a byte order mark
 * (UTF-8, UTF-16, UTF-32), then "valid UTF-8" (an incomplete sequence at
 * the very end is allowed unless @at_eof), then the Russian code pages
 * (windows-1251, KOI8-R, IBM866, ISO-8859-5) when one of them decodes the
 * non-ASCII bytes into Cyrillic words, then ICU's ucsdet, whose best
 * non-UTF-8 guess wins.  Writes the name ("UTF-8", "UTF-16",
 * "windows-1251", "KOI8-R", ...) to name[SV_CHARSET_NAME_SIZE] and the
 * detector's confidence (0-100; 100 for a BOM or valid UTF-8) to
 * *confidence (may be NULL).  SV_OK, SV_EILSEQ when nothing matches, or
 * SV_ERROR for an ICU failure. */
int sv__charset_detect(const char *sample, size_t len, int at_eof,
                       char *name, int *confidence, sv_error *err);

/* Open a converter from @name to UTF-8.  Unknown names fail with
 * SV_EINVAL "unknown encoding \"NAME\"".  With @strict an unmappable or
 * malformed byte sequence is SV_EILSEQ; otherwise it becomes U+FFFD and its
 * position is recorded (see sv__charset_conv_subs). */
int sv__charset_conv_new(sv__charset_conv **out, const char *name,
                         int strict, sv_error *err);

/* The charset name the converter was opened with (for messages; ICU's
 * own canonical names, like "ibm-5347_P100-1998", mean little to users). */
const char *sv__charset_conv_name(const sv__charset_conv *c);

/* Convert src[0..len), appending UTF-8 to out.  Sequences split between
 * calls are kept inside the converter; pass flush = 1 with the last bytes
 * (possibly len = 0) so that a truncated final sequence is handled.  On a
 * strict failure, the text before the bad bytes is appended and SV_EILSEQ
 * is returned with err->byte_offset = offset of the bad bytes counted over
 * all bytes fed since the converter was opened or reset. */
int sv__charset_conv_run(sv__charset_conv *c, const char *src, size_t len,
                         int flush, sv_buf *out, sv_error *err);

/* Positions (offsets into out->ptr of the last run's @out) of the U+FFFD
 * substitutions made by the last sv__charset_conv_run(); the array is
 * borrowed until the next run. */
size_t sv__charset_conv_subs(const sv__charset_conv *c, const size_t **pos);

/* Forget any partial sequence and the byte count: start a new input. */
void sv__charset_conv_reset(sv__charset_conv *c);

void sv__charset_conv_free(sv__charset_conv *c);

#endif
