/* SPDX-License-Identifier: MIT */
/*
 * Fuzz the aligner on two documents: the input after its first byte (which
 * picks one of four aligners) is split at its first NUL byte, or in the
 * middle when there is none.  Oracles: the beads cover every sentence of
 * both sides exactly once and in order, byte spans and scores are in
 * range, every flag is readable, every output format is written, and the
 * TMX and XLIFF outputs read back with one unit per written bead.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "sverka/align.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NCONF 4
static sv_aligner *aligner[NCONF];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    unsigned int i;

    fuzz_load_resources(argc, argv, 0);
    for (i = 0; i < NCONF; i++) {
        sv_align_options o = SV_ALIGN_OPTIONS_INIT;

        o.no_lexicon = i == 1;
        o.presegmented = i == 2;
        o.ignore_paragraphs = i == 3;
        o.band = i == 3 ? 2 : 0;
        o.max_sentences = 2000;
        if (sv_aligner_new(&aligner[i], &o, fuzz_res, NULL) != SV_OK)
            abort();
    }
    return 0;
}

static void check_beads(const sv_alignment *a)
{
    size_t ns, nt, n = sv_alignment_bead_count(a), i, s = 0, t = 0, sl, tl;
    const sv_align_sentence *ss = sv_alignment_sentences(a, 0, &ns);
    const sv_align_sentence *ts = sv_alignment_sentences(a, 1, &nt);
    sv_buf side = SV_BUF_INIT;

    sv_alignment_text(a, 0, &sl);
    sv_alignment_text(a, 1, &tl);
    for (i = 0; i < ns; i++)
        if (ss[i].start > ss[i].end || ss[i].end > sl)
            abort();
    for (i = 0; i < nt; i++)
        if (ts[i].start > ts[i].end || ts[i].end > tl)
            abort();
    for (i = 0; i < n; i++) {
        const sv_align_bead *b = sv_alignment_bead(a, i);
        size_t f;

        if (b->src_first != s || b->tgt_first != t ||
            b->src_start > b->src_end || b->src_end > sl ||
            b->tgt_start > b->tgt_end || b->tgt_end > tl ||
            b->score < 0.0 || b->score > 1.0 || b->confidence < 0.0 ||
            b->confidence > 1.0)
            abort();
        s += b->src_count;
        t += b->tgt_count;
        for (f = 0; f < b->flag_count; f++) {
            const sv_align_flag *fl = sv_alignment_flag(a, b->flag_first + f);

            if (!fl || !fl->code || !fl->message)
                abort();
        }
        if (sv_alignment_bead_text(a, i, 0, &side) != SV_OK ||
            sv_alignment_bead_text(a, i, 1, &side) != SV_OK)
            abort();
    }
    if (s != ns || t != nt)
        abort();
    sv_buf_dispose(&side);
}

static int count_unit(const sv_pair *p, void *payload)
{
    (void)p;
    ++*(size_t *)payload;
    return 0;
}

/* A written TMX or XLIFF document must be well-formed for our own reader. */
static void read_back(const sv_buf *doc, sv_pair_format f)
{
    FILE *fp = fmemopen(doc->ptr, doc->size, "r");
    size_t units = 0;
    sv_error err = SV_ERROR_INIT;
    int rc;

    if (!fp)
        abort();
    rc = sv_pairs_read(fp, "fuzz", f, 0, count_unit, &units, &err);
    fclose(fp);
    if (rc < 0 || (size_t)rc != units) {
        fprintf(stderr, "read back: %d %s\n", rc, err.message);
        abort();
    }
}

static void write_all(const sv_aligner *al, const sv_alignment *a)
{
    sv_align_write_options o = SV_ALIGN_WRITE_OPTIONS_INIT;
    sv_buf out = SV_BUF_INIT;
    int f;

    for (f = SV_ALIGN_FORMAT_TEXT; f <= SV_ALIGN_FORMAT_HTML; f++) {
        out.size = 0;
        if (sv_alignment_write(al, a, (sv_align_format)f, &o, &out, NULL) !=
            SV_OK)
            abort();
        if (f == SV_ALIGN_FORMAT_TMX)
            read_back(&out, SV_PAIR_FORMAT_TMX);
        else if (f == SV_ALIGN_FORMAT_XLIFF12 || f == SV_ALIGN_FORMAT_XLIFF20)
            read_back(&out, SV_PAIR_FORMAT_XLIFF);
    }
    sv_buf_dispose(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text, *nul;
    size_t len, split;
    sv_alignment *a = NULL;
    const sv_aligner *al;
    int rc;

    if (size < 1)
        return 0;
    al = aligner[data[0] % NCONF];
    text = (const char *)data + 1;
    len = size - 1;
    nul = memchr(text, '\0', len);
    split = nul ? (size_t)(nul - text) : len / 2;
    rc = sv_align_texts(al, fuzz_ctx, text, split, text + split + (nul != NULL),
                        len - split - (nul != NULL), &a, NULL);
    if (rc == SV_ETOOBIG)
        return 0;
    if (rc != SV_OK || !a)
        abort();
    check_beads(a);
    write_all(al, a);
    sv_alignment_free(a);
    return 0;
}
