/* SPDX-License-Identifier: MIT */
/*
 * Fuzz sentence segmentation under six option sets (the first byte picks
 * one).  Oracles: sentences are non-empty, in order, inside the text,
 * trimmed of white space at both ends, start and end on code point
 * boundaries of valid UTF-8, and sv_segment_spans() agrees with
 * sv_segment_run().
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "sverka/segment.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NCONF 6
static sv_segmenter *seg[NCONF];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static const char *const langs[NCONF] = {"ru", "en", "und", "ru", "en", "de"};
    unsigned int i;

    (void)argc;
    (void)argv;
    for (i = 0; i < NCONF; i++) {
        sv_segment_options o = SV_SEGMENT_OPTIONS_INIT;

        o.lang = langs[i];
        o.paragraphs = i != 3;
        o.glued = i != 4;
        o.lines = i == 5;
        if (sv_segmenter_new(&seg[i], &o, NULL) != SV_OK)
            abort();
    }
    return 0;
}

typedef struct collect {
    const char *text;
    size_t len, n, prev_end;
    int valid;
    sv_sentence got[4096];
} collect;

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int on_sentence(const sv_sentence *s, void *p)
{
    collect *c = p;

    if (s->start >= s->end || s->end > c->len || s->start < c->prev_end)
        abort();
    if (is_space((unsigned char)c->text[s->start]) ||
        is_space((unsigned char)c->text[s->end - 1]))
        abort();
    if (c->valid && ((c->text[s->start] & 0xC0) == 0x80 ||
                     (s->end < c->len && (c->text[s->end] & 0xC0) == 0x80)))
        abort();
    c->prev_end = s->end;
    if (c->n < sizeof c->got / sizeof c->got[0])
        c->got[c->n] = *s;
    c->n++;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static collect c;
    const sv_sentence *spans;
    size_t count, i;
    sv_segmenter *s;

    if (size < 1)
        return 0;
    s = seg[data[0] % NCONF];
    memset(&c, 0, sizeof c);
    c.text = (const char *)data + 1;
    c.len = size - 1;
    c.valid = sv__utf8_valid_prefix(c.text, c.len) == c.len;
    if (sv_segment_run(s, c.text, c.len, on_sentence, &c) != SV_OK)
        abort();
    if (sv_segment_spans(s, c.text, c.len, &spans, &count) != SV_OK ||
        count != c.n)
        abort();
    for (i = 0; i < count && i < sizeof c.got / sizeof c.got[0]; i++)
        if (spans[i].start != c.got[i].start || spans[i].end != c.got[i].end ||
            spans[i].flags != c.got[i].flags)
            abort();
    return 0;
}
