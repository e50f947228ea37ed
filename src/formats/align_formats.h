/* SPDX-License-Identifier: MIT */
/*
 * The XML sides of alignment I/O, behind libxml2 (STYLE L2): TMX and XLIFF
 * writers, the HTML report, and the TMX/XLIFF unit reader.  Callers in
 * src/align see only these functions; the writers use the public
 * sv_alignment accessors.
 */
#ifndef SV_FORMATS_ALIGN_FORMATS_H
#define SV_FORMATS_ALIGN_FORMATS_H

#include <stdio.h>

#include "sverka/align.h"

int sv__fmt_tmx_write(const sv_alignment *a, const char *src_lang,
                      const char *tgt_lang, const sv_align_write_options *o,
                      sv_buf *out, sv_error *err);
int sv__fmt_xliff_write(const sv_alignment *a, const char *src_lang,
                        const char *tgt_lang, int version2,
                        const sv_align_write_options *o, sv_buf *out,
                        sv_error *err);
int sv__fmt_html_write(const sv_alignment *a, const char *src_lang,
                       const char *tgt_lang, const sv_align_write_options *o,
                       sv_buf *out, sv_error *err);

/* Shared by the XML writers (xmlwrite.c). */
typedef struct sv__xw sv__xw;
int sv__xw_open(sv__xw **out, int indent, sv_error *err);
/* Finish the document and append it to out; frees w. */
int sv__xw_close(sv__xw *w, sv_buf *out, sv_error *err);
void sv__xw_free(sv__xw *w);
int sv__xw_start(sv__xw *w, const char *name);
int sv__xw_attr(sv__xw *w, const char *name, const char *value);
int sv__xw_text(sv__xw *w, const char *text, size_t len);
int sv__xw_end(sv__xw *w);      /* always a full end tag: <x></x> */
int sv__xw_raw(sv__xw *w, const char *raw);
int sv__xw_decl(sv__xw *w);     /* <?xml version="1.0" encoding="UTF-8"?> */
/* An element with text content. */
int sv__xw_elem(sv__xw *w, const char *name, const char *text, size_t len);

/* Write one unit (bead k) whose side texts are in s and t. */
typedef int (*sv__xw_unit_fn)(sv__xw *w, const sv_alignment *a, size_t k,
                              const sv_buf *s, const sv_buf *t, void *ctx);
/* The shared shape of the TMX and XLIFF writers: open() writes the
 * document head, unit() each bead with text on both sides (or every bead
 * with include_empty), then `depth` elements are closed and the document
 * appended to out.  `what` names the format in messages. */
int sv__xw_units(const sv_alignment *a, const sv_align_write_options *o,
                 int (*open)(sv__xw *w, void *ctx), sv__xw_unit_fn unit,
                 int depth, void *ctx, const char *what, sv_buf *out,
                 sv_error *err);

/* Read TMX or XLIFF units from fp (xliff: 1 for XLIFF, 0 for TMX, 2 for
 * either); o->max_unit is set, o->format is not used. */
int sv__fmt_xml_pairs_read(FILE *fp, const char *name, int xliff,
                           const sv_pairs_read_options *o, sv_pair_cb cb,
                           void *payload, sv_error *err);

#endif
