/* SPDX-License-Identifier: MIT */
/*
 * Bracket finder: one pass over the bytes with a stack of open brackets.
 * Pairs are matched by kind; what does not pair is reported (unclosed,
 * unopened, mismatched), never guessed.  List markers ("1)", "b)") and
 * emoticons (":)") are not brackets.  All bracket characters are ASCII,
 * so the scan never decodes UTF-8.
 */
#include <string.h>

#include "base/alloc.h"
#include "base/error_internal.h"
#include "brackets/brackets_internal.h"

#define MAX_DEPTH 64
#define MISMATCH_SPAN 300 /* bytes between "(" and a "]" read as its closer */

typedef struct opener {
    size_t pos;
    char ch;
} opener;

static char opener_of(char close)
{
    return close == ']' ? '[' : close == ')' ? '(' : '{';
}

static unsigned pair_bit(char c)
{
    switch (c) {
    case '[': case ']': return SV_BRACKETS_SQUARE;
    case '(': case ')': return SV_BRACKETS_ROUND;
    default: return SV_BRACKETS_CURLY;
    }
}

static int is_ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A Cyrillic letter is two bytes D0..D3 xx: count it as one "letter". */
static size_t letter_before(const char *t, size_t pos, size_t *start)
{
    const unsigned char *u = (const unsigned char *)t;

    if (pos >= 1 && is_ascii_alnum(u[pos - 1])) {
        *start = pos - 1;
        return 1;
    }
    if (pos >= 2 && u[pos - 2] >= 0xD0 && u[pos - 2] <= 0xD3 &&
        (u[pos - 1] & 0xC0) == 0x80) {
        *start = pos - 2;
        return 1;
    }
    return 0;
}

/* "(" of a frowning emoticon: ":(", ":-(", ";(". */
static int is_emoticon(const char *t, size_t pos)
{
    size_t p = pos;

    if (t[pos] != '(')
        return 0;
    if (p >= 1 && t[p - 1] == '-')
        p--;
    return p >= 1 && (t[p - 1] == ':' || t[p - 1] == ';');
}

/* ")" closing a list marker: "1)", "12)", "a)", "б)" standing at a line
 * start or after white space, or an emoticon ":)", ";-)". */
static int not_a_closer(const char *t, size_t pos)
{
    const unsigned char *u = (const unsigned char *)t;
    size_t p = pos, s;
    unsigned digits = 0;

    if (t[pos] != ')')
        return 0;
    if (p >= 1 && (u[p - 1] == ':' || u[p - 1] == ';'))
        return 1;
    if (p >= 2 && u[p - 1] == '-' && (u[p - 2] == ':' || u[p - 2] == ';'))
        return 1;
    while (p > 0 && u[p - 1] >= '0' && u[p - 1] <= '9' && digits < 4) {
        p--;
        digits++;
    }
    if (digits == 0) {
        if (!letter_before(t, p, &s))
            return 0;
        p = s;
    } else if (digits > 3) {
        return 0;
    }
    return p == 0 || is_blank(u[p - 1]);
}

static int add_problem(sv_brackets_result *res, sv__bscratch *s, size_t pos,
                       char ch, sv_bracket_problem_kind kind)
{
    if (res->problem_count == s->pcap) {
        size_t n = s->pcap ? s->pcap * 2 : 8;
        sv_bracket_problem *p = sv__realloc(res->problems, n * sizeof(*p));

        if (!p)
            return SV_ENOMEM;
        res->problems = p;
        s->pcap = n;
    }
    res->problems[res->problem_count].offset = pos;
    res->problems[res->problem_count].ch = ch;
    res->problems[res->problem_count].kind = kind;
    res->problem_count++;
    return SV_OK;
}

static int add_span(sv_brackets_result *res, sv__bscratch *s,
                    const opener *o, size_t close, unsigned depth)
{
    sv_bracket *b;

    if (res->count == s->cap) {
        size_t n = s->cap ? s->cap * 2 : 16;
        sv_bracket *p = sv__realloc(res->brackets, n * sizeof(*p));

        if (!p)
            return SV_ENOMEM;
        res->brackets = p;
        s->cap = n;
    }
    b = &res->brackets[res->count++];
    memset(b, 0, sizeof(*b));
    b->start = o->pos + 1;
    b->end = close;
    b->open = o->ch;
    b->depth = depth;
    b->kind = SV_BRACKET_OTHER;
    memcpy(b->lang, "und", 4);
    return SV_OK;
}

/* Spans are added when they close (inner ones first); sort by start.
 * Insertion sort: the order is nearly right already. */
static void sort_spans(sv_brackets_result *res)
{
    size_t i, j;

    for (i = 1; i < res->count; i++) {
        sv_bracket b = res->brackets[i];

        for (j = i; j > 0 && res->brackets[j - 1].start > b.start; j--)
            res->brackets[j] = res->brackets[j - 1];
        res->brackets[j] = b;
    }
}

/* Problems come out of order when unclosed brackets are reported late. */
static void sort_problems(sv_brackets_result *res)
{
    size_t i, j;

    for (i = 1; i < res->problem_count; i++) {
        sv_bracket_problem p = res->problems[i];

        for (j = i; j > 0 && res->problems[j - 1].offset > p.offset; j--)
            res->problems[j] = res->problems[j - 1];
        res->problems[j] = p;
    }
}

/* A closing bracket: pop to its opener, reporting openers left unclosed
 * in between; with no opener of its kind, report it. */
static int on_close(sv_brackets_result *res, sv__bscratch *s, opener *stack,
                    unsigned *depth, const char *text, size_t pos)
{
    char want = opener_of(text[pos]);
    unsigned k = *depth;
    int rc = SV_OK;

    while (k > 0 && stack[k - 1].ch != want)
        k--;
    if (k == 0) {
        if (not_a_closer(text, pos))
            return SV_OK;
        if (*depth > 0 && pos - stack[*depth - 1].pos <= MISMATCH_SPAN &&
            !memchr(text + stack[*depth - 1].pos, '\n',
                    pos - stack[*depth - 1].pos)) {
            /* "(...]", "[...)": the top opener, near and on the same
             * line, was closed by the wrong kind */
            (*depth)--;
            return add_problem(res, s, pos, text[pos], SV_BRACKET_MISMATCHED);
        }
        return add_problem(res, s, pos, text[pos], SV_BRACKET_UNOPENED);
    }
    while (*depth > k && rc == SV_OK) {
        (*depth)--;
        rc = add_problem(res, s, stack[*depth].pos, stack[*depth].ch,
                         SV_BRACKET_UNCLOSED);
    }
    if (rc == SV_OK) {
        (*depth)--;
        rc = add_span(res, s, &stack[*depth], pos, *depth);
    }
    return rc;
}

int sv__brackets_find(const sv_brackets_options *opts, const char *text,
                      size_t len, sv_brackets_result *res, sv_error *err)
{
    static const unsigned char interesting[256] = {
        ['['] = 1, [']'] = 1, ['('] = 1, [')'] = 1, ['{'] = 1, ['}'] = 1};
    sv__bscratch *s = sv__bscratch_of(res);
    opener stack[MAX_DEPTH];
    unsigned depth = 0;
    size_t i, too_deep = 0; /* openers past MAX_DEPTH, read as text */
    int rc = SV_OK;

    if (!s)
        return sv__error_oom(err);
    res->count = 0;
    res->problem_count = 0;
    for (i = 0; i < len && rc == SV_OK; i++) {
        char c = text[i];

        if (!interesting[(unsigned char)c] || !(pair_bit(c) & opts->pairs))
            continue;
        if (c == '[' || c == '(' || c == '{') {
            if (is_emoticon(text, i))
                continue;
            if (depth == MAX_DEPTH) { /* deeper nesting is plain text, */
                too_deep++;
                continue;
            }
            stack[depth].pos = i;
            stack[depth].ch = c;
            depth++;
        } else if (too_deep) {
            too_deep--; /* and so are its closers: no false "unopened" */
        } else {
            rc = on_close(res, s, stack, &depth, text, i);
        }
        if (res->count > opts->max_brackets)
            rc = sv__error_set_at(err, SV_ETOOBIG, i, 0, 0,
                                  "more than %zu brackets in one record",
                                  opts->max_brackets);
    }
    while (depth > 0 && rc == SV_OK) {
        depth--;
        rc = add_problem(res, s, stack[depth].pos, stack[depth].ch,
                         SV_BRACKET_UNCLOSED);
    }
    if (rc == SV_ENOMEM)
        return sv__error_oom(err);
    if (rc < 0)
        return rc;
    sort_spans(res);
    sort_problems(res);
    return SV_OK;
}
