/* SPDX-License-Identifier: MIT */
/*
 * The normalization pipeline: options, the step table, the normalizer
 * object and sv_normalize_run(), which feeds each enabled step the previous
 * step's output and composes their edit lists so that every reported edit
 * points into the caller's original input.
 */
#include "normalize/normalize_internal.h"

#include <string.h>

#include "base/alloc.h"
#include "base/buf_internal.h"
#include "base/error_internal.h"
#include "base/utf8.h"
#include "lang/confusable.h"
#include "normalize/fastpath.h"

#ifdef SV_HAVE_MOJIBAKE
#include "normalize/mojibake.h"
#endif

#define DEFAULT_MAX_INPUT ((size_t)256 << 20)

/* Pipeline order (issue 3 "Lessons"): mojibake must run before controls,
 * because C1 controls are the evidence of latin-1 mojibake.  STEP_INFO and
 * STEP_FN are parallel; the decode step is run by the pipeline itself. */
static const sv_normalize_step_info STEP_INFO[] = {
    {"decode", SV_STEP_DECODE, 1, "invalid UTF-8 sequences to U+FFFD, counted"},
#ifdef SV_HAVE_MOJIBAKE
    {"mojibake", SV_STEP_MOJIBAKE, 1,
     "repair text decoded with the wrong code page"},
#else
    {"mojibake", SV_STEP_MOJIBAKE, 0,
     "repair text decoded with the wrong code page (not in this build)"},
#endif
    {"entities", SV_STEP_ENTITIES, 0,
     "HTML character references to characters (on for html input)"},
    {"controls", SV_STEP_CONTROLS, 1,
     "delete BOM, zero-width, soft hyphen, bidi and control characters; "
     "line ends to LF"},
    {"unicode", SV_STEP_UNICODE, 1, "Unicode NFC (NFKC with --nfkc)"},
    {"spaces", SV_STEP_SPACES, 1,
     "odd spaces to plain, collapse runs, trim line ends, one blank line"},
    {"punctuation", SV_STEP_PUNCTUATION, 1,
     "dash look-alikes, fullwidth punctuation, stray spaces, quotes"},
    {"homoglyphs", SV_STEP_HOMOGLYPHS, 1,
     "words mixing Cyrillic and Latin look-alikes rewritten in one script"},
    {"glued", SV_STEP_GLUED, 1,
     "space after a sentence end glued to the next sentence"},
    {"hyphenation", SV_STEP_HYPHENATION, 1,
     "join words broken by a hyphen at a line end (needs dictionaries)"},
    {"drop", SV_STEP_DROP, 0,
     "drop boilerplate, duplicate and note lines (with --drop)"},
};

static const sv__step_fn STEP_FN[] = {
    NULL,
#ifdef SV_HAVE_MOJIBAKE
    sv__step_mojibake,
#else
    NULL,
#endif
    sv__step_entities, sv__step_controls, sv__step_unicode, sv__step_spaces,
    sv__step_punctuation, sv__step_homoglyphs, sv__step_glued,
    sv__step_hyphenation, sv__step_drop,
};

#define STEP_COUNT (sizeof(STEP_INFO) / sizeof(STEP_INFO[0]))

_Static_assert(sizeof(STEP_FN) / sizeof(STEP_FN[0]) == STEP_COUNT,
               "STEP_INFO and STEP_FN must be parallel");

int sv_normalize_options_init(sv_normalize_options *opts,
                              unsigned int version)
{
    static const sv_normalize_options defaults = SV_NORMALIZE_OPTIONS_INIT;

    if (!opts || version != SV_NORMALIZE_OPTIONS_VERSION)
        return SV_EINVAL;
    *opts = defaults;
    return SV_OK;
}

const sv_normalize_step_info *sv_normalize_steps(size_t *count)
{
    if (count)
        *count = STEP_COUNT;
    return STEP_INFO;
}

static int name_eq(const char *name, size_t len, const char *lit)
{
    return strlen(lit) == len && memcmp(name, lit, len) == 0;
}

unsigned int sv_normalize_step_from_name(const char *name, size_t name_len)
{
    size_t i;

    if (!name)
        return 0;
    if (name_eq(name, name_len, "all"))
        return SV_STEPS_ALL;
    for (i = 0; i < STEP_COUNT; i++)
        if (name_eq(name, name_len, STEP_INFO[i].name))
            return STEP_INFO[i].bit;
    return 0;
}

const char *sv_normalize_step_name(unsigned int bit)
{
    size_t i;

    for (i = 0; i < STEP_COUNT; i++)
        if (STEP_INFO[i].bit == bit)
            return STEP_INFO[i].name;
    return NULL;
}

int sv_normalize_drop_from_list(const char *list, size_t list_len,
                                unsigned int *out)
{
    size_t i = 0;
    unsigned int bits = 0;

    SV_ASSERT_ARG(list || !list_len);
    SV_ASSERT_ARG(out);
    while (i <= list_len) {
        size_t j = i;

        while (j < list_len && list[j] != ',')
            j++;
        if (name_eq(list + i, j - i, "all"))
            bits |= SV_DROP_ALL;
        else if (name_eq(list + i, j - i, "boilerplate"))
            bits |= SV_DROP_BOILERPLATE;
        else if (name_eq(list + i, j - i, "duplicates"))
            bits |= SV_DROP_DUPLICATES;
        else if (name_eq(list + i, j - i, "notes"))
            bits |= SV_DROP_NOTES;
        else if (j > i)
            return SV_EINVAL;
        i = j + 1;
    }
    *out = bits;
    return SV_OK;
}

static int build_lookalikes(sv_normalizer *n, sv_error *err)
{
    if (!(n->look = sv__calloc(1, sizeof(*n->look))))
        return sv__error_oom(err);
    if (sv__lookalikes_build(n->look) < 0)
        return sv__error_set(err, SV_ERROR,
                             "cannot load ICU's confusable data (uspoof)");
    return SV_OK;
}

/* The fast path needs every step line-local: typographic or ASCII quotes
 * follow their pairs across lines, and dropping compares lines of the
 * whole record. */
static int build_fast(sv_normalizer *n, sv_error *err)
{
    if (n->opts.quotes != SV_QUOTES_KEEP ||
        n->opts.apostrophes != SV_QUOTES_KEEP ||
        ((n->opts.steps & SV_STEP_DROP) && n->opts.drop))
        return SV_OK;
    if (!(n->fast = sv__calloc(1, sizeof(*n->fast))))
        return sv__error_oom(err);
    sv__fast_init(n->fast, n->norm_safe, n->opts.steps);
    return SV_OK;
}

int sv_normalizer_new(sv_normalizer **out, const sv_normalize_options *opts,
                      const sv_resources *res, sv_error *err)
{
    sv_normalizer *n = NULL;
    int rc = SV_OK;

    SV_ASSERT_ARG(out);
    *out = NULL;
    if (opts && opts->version != SV_NORMALIZE_OPTIONS_VERSION)
        return sv__error_set(err, SV_EINVAL,
                             "unknown sv_normalize_options version %u",
                             opts->version);
    if (!(n = sv__calloc(1, sizeof(*n))))
        return sv__error_oom(err);
    if (opts)
        n->opts = *opts;
    else
        sv_normalize_options_init(&n->opts, SV_NORMALIZE_OPTIONS_VERSION);
    if (n->opts.quotes > SV_QUOTES_TYPOGRAPHIC ||
        n->opts.apostrophes > SV_QUOTES_TYPOGRAPHIC ||
        n->opts.dash > SV_DASH_KEEP || (n->opts.drop & ~SV_DROP_ALL)) {
        rc = sv__error_set(err, SV_EINVAL, "invalid normalize option value");
        goto done;
    }
    if (!n->opts.max_input)
        n->opts.max_input = DEFAULT_MAX_INPUT;
    n->res = res;
    if ((rc = sv__norm_load_data(n, err)) < 0)
        goto done;
    if ((n->opts.steps & SV_STEP_UNICODE) &&
        (rc = sv__norm_build_safe_table(&n->norm_safe, n->opts.nfkc != 0)) < 0) {
        sv__error_set(err, rc, "cannot load the ICU normalization data");
        goto done;
    }
    if ((n->opts.steps & SV_STEP_HOMOGLYPHS) &&
        (rc = build_lookalikes(n, err)) < 0)
        goto done;
    if ((rc = build_fast(n, err)) < 0)
        goto done;
done:
    if (rc < 0) {
        sv_normalizer_free(n);
        return rc;
    }
    *out = n;
    return SV_OK;
}

void sv_normalizer_free(sv_normalizer *n)
{
    if (!n)
        return;
    sv__norm_free_data(n);
    sv__free(n->norm_safe);
    sv__free(n->look);
    sv__free(n->fast);
    sv__free(n);
}

const sv_normalize_options *sv_normalizer_options(const sv_normalizer *n)
{
    return n ? &n->opts : NULL;
}

static void scratch_free(sv__norm_scratch *s)
{
    if (!s)
        return;
    sv_buf_dispose(&s->a);
    sv_buf_dispose(&s->b);
    sv_buf_dispose(&s->key);
    sv_buf_dispose(&s->word);
    sv__editlist_dispose(&s->total);
    sv__editlist_dispose(&s->step);
    sv__editlist_dispose(&s->tmp);
    sv__editlist_dispose(&s->rec);
    sv__hashmap_free(s->seen);
    sv__hashmap_free(s->mj_memo);
    sv_buf_dispose(&s->mj_memo_data);
    sv_buf_dispose(&s->mj_key);
    sv__free(s->lines);
    sv__free(s->drops);
    sv__free(s);
}

void sv_normalize_result_dispose(sv_normalize_result *res)
{
    static const sv_normalize_result init = SV_NORMALIZE_RESULT_INIT;

    if (!res)
        return;
    scratch_free(res->internal);
    sv__free(res->edits);
    *res = init;
}

/* Dominant language by a letter count: enough for quote styles and notes,
 * and a byte loop rather than a per-character script lookup. */
static sv_lang main_language(const char *s, size_t len)
{
    size_t lat, cyr;

    sv__count_scripts(s, len, &lat, &cyr);
    if (lat == 0 && cyr == 0)
        return SV_LANG_UND;
    return cyr > lat ? SV_LANG_RU : SV_LANG_EN;
}

/* Decode step: make the record valid UTF-8, recording each U+FFFD. */
static int run_decode(const sv_normalizer *n, const char *text, size_t len,
                      size_t good, sv__norm_scratch *s,
                      sv_normalize_result *res, sv_error *err)
{
    size_t i = 0, bad = 0;
    sv__writer w;
    int rc;

    sv_buf_clear(&s->a);
    if (good == len)
        return sv_buf_put(&s->a, text, len);
    if (!(n->opts.steps & SV_STEP_DECODE))
        return sv__error_set_at(err, SV_EILSEQ, good, 0, 0,
                                "invalid UTF-8 at byte %zu", good);
    sv__writer_init(&w, text, len, &s->a, &s->total, sv__name_decode);
    while (i < len) {
        int32_t cp;
        size_t k;

        i += sv__utf8_valid_prefix(text + i, len - i);
        if (i >= len)
            break;
        k = sv__utf8_decode((const unsigned char *)text + i, len - i, &cp);
        if ((rc = sv__writer_replace(&w, i, i + k, "\xEF\xBF\xBD", 3)) < 0)
            return rc;
        bad++;
        i += k;
    }
    if ((rc = sv__writer_finish(&w)) < 0)
        return rc;
    if (res) {
        res->invalid_utf8 = bad;
        res->first_invalid = good;
        res->counts[0] = bad;
    }
    return SV_OK;
}

/* Steps that can only act on non-ASCII text: mojibake (every code page
 * involved agrees with ASCII on ASCII bytes), unicode (ASCII is NFC and
 * NFKC) and homoglyphs (a mixed word holds a Cyrillic letter).  An ASCII
 * record skips them. */
#define NEEDS_NON_ASCII (SV_STEP_MOJIBAKE | SV_STEP_UNICODE | SV_STEP_HOMOGLYPHS)

static int is_ascii(const char *s, size_t len)
{
    size_t i = 0;

    for (; i + 8 <= len; i += 8)
        if (sv__has_high(sv__load8(s + i)))
            return 0;
    for (; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 0;
    return 1;
}

static int step_enabled(const sv_normalizer *n, size_t i)
{
    unsigned int bit = STEP_INFO[i].bit;

    if (!STEP_FN[i] || !(n->opts.steps & bit))
        return 0;
    return bit != SV_STEP_DROP || n->opts.drop != 0;
}

/* Composition merges touching edits and keeps the step name of whichever
 * comes last in position; relabel every composed edit that touches an edit
 * of the step just run with that step's name, so that an edit is named by
 * the last step that touched it (a dropped line stays "drop:*" even when
 * the spaces step trimmed it first).  Both lists are in output order. */
static void relabel(sv__editlist *total, const sv__editlist *step)
{
    size_t i = 0, j = 0;

    while (i < total->count && j < step->count) {
        sv__edit *t = &total->items[i];
        const sv__edit *e = &step->items[j];

        if (e->out_end < t->out_start) {
            j++;
        } else if (t->out_end < e->out_start) {
            i++;
        } else {
            t->step = e->step;
            if (e->out_end <= t->out_end)
                j++;
            else
                i++;
        }
    }
}

/* The drop step reports its lines in its own input's offsets; before its
 * edits are composed, s->total still maps that text to the original. */
static void map_drops(sv__norm_scratch *s, unsigned int bit)
{
    size_t k;

    if (bit != SV_STEP_DROP)
        return;
    for (k = 0; k < s->drop_count; k++) {
        sv_normalize_drop *d = &s->drops[k];

        /* The innermost input range: deletions next to the line (blank
         * lines the spaces step removed) are not part of it. */
        size_t a = sv__editlist_map_back_end(&s->total, d->in_start);
        size_t b = sv__editlist_map_back(&s->total, d->in_end);

        if (b < a) {
            a = sv__editlist_map_back(&s->total, d->in_start);
            b = sv__editlist_map_back_end(&s->total, d->in_end);
        }
        d->in_start = a;
        d->in_end = b;
    }
}

static const char *drop_step_name(const char *reason)
{
    if (strcmp(reason, "duplicates") == 0)
        return sv__name_drop_duplicates;
    if (strcmp(reason, "notes") == 0)
        return sv__name_drop_notes;
    return sv__name_drop_boilerplate;
}

/* Composition joins the deletions of adjacent dropped lines into one
 * edit; split such an edit at the line starts (known in input offsets
 * from s->drops) so that the log has one edit per dropped line, named by
 * its reason.  Only pure deletions are split: in mark mode every line has
 * its own replacement already. */
static int split_drops(sv__norm_scratch *s)
{
    sv__editlist *out = &s->tmp;
    size_t i, j = 0;
    int rc;

    sv__editlist_clear(out);
    for (i = 0; i < s->total.count; i++) {
        const sv__edit *t = &s->total.items[i];
        size_t first, k, x;

        while (j < s->drop_count && s->drops[j].in_end <= t->in_start &&
               s->drops[j].in_start < t->in_start)
            j++;
        first = j;
        while (j < s->drop_count && s->drops[j].in_start >= t->in_start &&
               s->drops[j].in_end <= t->in_end)
            j++;
        if (j - first < 2 || t->out_start != t->out_end) {
            if ((rc = sv__editlist_push(out, t->in_start, t->in_end,
                                        t->out_start, t->out_end,
                                        t->step)) < 0)
                return rc;
            continue;
        }
        x = t->in_start;
        for (k = first; k < j; k++) {
            size_t end = k + 1 < j ? s->drops[k + 1].in_start : t->in_end;

            if ((rc = sv__editlist_push(
                     out, x, end, t->out_start, t->out_end,
                     drop_step_name(s->drops[k].reason))) < 0)
                return rc;
            x = end;
        }
    }
    {
        sv__editlist tl = s->total;

        s->total = *out;
        *out = tl;
    }
    return SV_OK;
}

/* Run one step on s->a into s->b and fold its edits into s->total. */
static int run_step(size_t i, sv__norm_scratch *s, const sv__step_env *env,
                    sv_normalize_result *res)
{
    int rc;

    sv_buf_clear(&s->b);
    sv__editlist_clear(&s->step);
    if ((rc = sv__buf_grow(&s->b, s->a.size + s->a.size / 8 + 16)) < 0)
        return rc;
    if ((rc = STEP_FN[i](s->a.ptr, s->a.size, &s->b, &s->step, env)) < 0)
        return rc;
    if (s->step.count == 0)
        return SV_OK; /* output equals input: keep s->a */
    if (res && i < SV_NORMALIZE_MAX_STEPS)
        res->counts[i] += s->step.count;
    map_drops(s, STEP_INFO[i].bit);
    sv__editlist_clear(&s->tmp);
    if ((rc = sv__editlist_compose(&s->tmp, &s->total, &s->step)) < 0)
        return rc;
    relabel(&s->tmp, &s->step);
    {
        sv__editlist t = s->total;

        s->total = s->tmp;
        s->tmp = t;
    }
    sv__buf_swap(&s->a, &s->b);
    if (STEP_INFO[i].bit == SV_STEP_DROP && s->drop_count > 1)
        return split_drops(s);
    return SV_OK;
}

static int export_edits(sv_normalize_result *res, const sv__editlist *l)
{
    size_t i;

    if (l->count > res->edit_alloc) {
        sv_normalize_edit *p =
            sv__realloc(res->edits, l->count * sizeof(*p));

        if (!p)
            return SV_ENOMEM;
        res->edits = p;
        res->edit_alloc = l->count;
    }
    for (i = 0; i < l->count; i++) {
        res->edits[i].in_start = l->items[i].in_start;
        res->edits[i].in_end = l->items[i].in_end;
        res->edits[i].out_start = l->items[i].out_start;
        res->edits[i].out_end = l->items[i].out_end;
        res->edits[i].step = l->items[i].step;
    }
    res->edit_count = l->count;
    return SV_OK;
}

static int get_scratch(sv_normalize_result *res, sv__norm_scratch **local,
                       sv__norm_scratch **out)
{
    sv__norm_scratch *s = res ? res->internal : *local;

    if (!s) {
        if (!(s = sv__calloc(1, sizeof(*s))))
            return SV_ENOMEM;
        if (res)
            res->internal = s;
        else
            *local = s;
    }
    sv__editlist_clear(&s->total);
    s->drop_count = 0;
    *out = s;
    return SV_OK;
}

static void reset_result(sv_normalize_result *res)
{
    if (!res)
        return;
    res->edit_count = 0;
    memset(res->counts, 0, sizeof(res->counts));
    res->invalid_utf8 = 0;
    res->first_invalid = 0;
    res->dropped_lines = 0;
    res->drops = NULL;
    res->drop_count = 0;
}

/* Run every enabled step on s->a, composing their edits into s->total.
 * Steps outside mask are known to leave the text as it came in (the fast
 * path's scan): they are skipped until some step has changed it.  (Asking
 * the scan again about the changed text costs what it saves.) */
static int run_steps(const sv_normalizer *n, sv__norm_scratch *s,
                     sv__step_env *env, sv_normalize_result *res,
                     unsigned mask)
{
    size_t i;
    int rc, ascii = is_ascii(s->a.ptr, s->a.size);

    /* only the quote styles consult the record's language */
    env->main_lang = n->opts.quotes != SV_QUOTES_KEEP ||
                             n->opts.apostrophes != SV_QUOTES_KEEP
                         ? main_language(s->a.ptr, s->a.size)
                         : SV_LANG_UND;
    for (i = 1; i < STEP_COUNT; i++) {
        size_t before = s->total.count;

        if (!step_enabled(n, i) || (ascii && (STEP_INFO[i].bit & NEEDS_NON_ASCII)))
            continue;
        if (!(STEP_INFO[i].bit & mask))
            continue;
        if ((rc = run_step(i, s, env, res)) < 0)
            return rc;
        if (s->step.count)
            mask = ~0u;
        if (ascii && s->total.count != before)
            ascii = is_ascii(s->a.ptr, s->a.size);
    }
    return SV_OK;
}

/* Run the steps on text[cs, ce), a chunk of whole lines, and append its
 * output to out and its edits, moved to record offsets, to s->rec. */
static int run_chunk(const sv_normalizer *n, sv__norm_scratch *s,
                     sv__step_env *env, const char *text, size_t cs,
                     size_t ce, unsigned mask, sv_buf *out,
                     sv_normalize_result *res)
{
    size_t base = out->size, k;
    int rc;

    sv_buf_clear(&s->a);
    sv__editlist_clear(&s->total);
    if ((rc = sv_buf_put(&s->a, text + cs, ce - cs)) < 0 ||
        (rc = run_steps(n, s, env, res, mask)) < 0 ||
        (rc = sv_buf_put(out, s->a.ptr, s->a.size)) < 0)
        return rc;
    for (k = 0; k < s->total.count; k++) {
        const sv__edit *e = &s->total.items[k];

        if ((rc = sv__editlist_push(&s->rec, e->in_start + cs, e->in_end + cs,
                                    e->out_start + base, e->out_end + base,
                                    e->step)) < 0)
            return rc;
    }
    return SV_OK;
}

/* The fast path (fastpath.h): lines no step can change are copied
 * through; each run of other lines (a chunk) goes through the steps.  The
 * steps being line-local, and chunks being separated by unchanged lines,
 * the output and the edits are those of the whole record.  Returns
 * SV__FAST_BAD (nothing kept) when the record is not valid UTF-8: the scan
 * checks it on the way. */
static int run_lines(const sv_normalizer *n, sv__norm_scratch *s,
                     sv__step_env *env, const char *text, size_t len,
                     sv_buf *out, sv_normalize_result *res)
{
    size_t ls = 0, prev = SIZE_MAX, cs = SIZE_MAX, copied = 0;
    unsigned join = 0, mask = 0, steps;
    int rc;

    sv_buf_clear(out);
    sv__editlist_clear(&s->rec);
    while (ls < len) {
        const char *nl = memchr(text + ls, '\n', len - ls);
        size_t le = nl ? (size_t)(nl - text) : len;
        unsigned fl =
            sv__fast_line(n->fast, text, ls, le, nl != NULL, &steps) | join;

        if (fl & SV__FAST_BAD)
            return SV__FAST_BAD;

        join = (fl & SV__FAST_JOIN) ? SV__FAST_DIRTY : 0;
        if ((fl & SV__FAST_DIRTY) && cs == SIZE_MAX)
            cs = (fl & SV__FAST_PREV) && prev != SIZE_MAX ? prev : ls;
        if (fl & SV__FAST_DIRTY)
            mask |= steps;
        if (!(fl & SV__FAST_DIRTY) && cs != SIZE_MAX) {
            if ((rc = sv_buf_put(out, text + copied, cs - copied)) < 0 ||
                (rc = run_chunk(n, s, env, text, cs, ls, mask, out, res)) < 0)
                return rc;
            copied = ls;
            cs = SIZE_MAX;
            mask = 0;
        }
        prev = ls;
        ls = nl ? le + 1 : len;
    }
    if (cs != SIZE_MAX) {
        if ((rc = sv_buf_put(out, text + copied, cs - copied)) < 0 ||
            (rc = run_chunk(n, s, env, text, cs, len, mask, out, res)) < 0)
            return rc;
        copied = len;
    }
    if ((rc = sv_buf_put(out, text + copied, len - copied)) < 0)
        return rc;
    sv__editlist_clear(&s->total);
    {
        sv__editlist t = s->total;

        s->total = s->rec;
        s->rec = t;
    }
    return SV_OK;
}

static int normalize(const sv_normalizer *n, sv_context *ctx,
                     const char *text, size_t text_len, sv_buf *out,
                     sv_normalize_result *res, sv_error *err, int fast)
{
    sv__norm_scratch *local = NULL, *s = NULL;
    sv__step_env env;
    size_t good;
    int rc;

    SV_ASSERT_ARG(n && out && (text || !text_len));
    SV_ASSERT_ARG(!res || res->version == SV_NORMALIZE_RESULT_VERSION);
    reset_result(res);
    if (text_len > n->opts.max_input)
        return sv__error_set(err, SV_ETOOBIG,
                             "record of %zu bytes exceeds the limit of %zu",
                             text_len, n->opts.max_input);
    if ((rc = get_scratch(res, &local, &s)) < 0)
        goto done;
    if (!text)
        text = "";
    env.ctx = ctx;
    env.opts = &n->opts;
    env.norm = n;
    env.scratch = s;
    rc = n->fast && fast ? run_lines(n, s, &env, text, text_len, out, res)
                         : SV__FAST_BAD;
    if (rc < 0)
        goto done;
    if (rc == SV__FAST_BAD) { /* the whole record through every step */
        reset_result(res);
        sv__editlist_clear(&s->total);
        good = sv__utf8_valid_prefix(text, text_len);
        if ((rc = run_decode(n, text, text_len, good, s, res, err)) < 0 ||
            (rc = run_steps(n, s, &env, res, ~0u)) < 0)
            goto done;
        sv_buf_clear(out);
        if ((rc = sv_buf_put(out, s->a.ptr, s->a.size)) < 0)
            goto done;
    }
    if (res && (rc = export_edits(res, &s->total)) < 0)
        goto done;
    if (res) {
        res->drops = s->drops;
        res->drop_count = res->dropped_lines = s->drop_count;
    }
done:
    scratch_free(local);
    if (rc == SV_ENOMEM)
        sv__error_oom(err);
    else if (rc < 0 && err && err->code == SV_OK)
        sv__error_set(err, rc, "normalization failed: %s", sv_strerror(rc));
    return rc;
}

int sv_normalize_run(const sv_normalizer *n, sv_context *ctx,
                     const char *text, size_t text_len, sv_buf *out,
                     sv_normalize_result *res, sv_error *err)
{
    return normalize(n, ctx, text, text_len, out, res, err, 1);
}

int sv__normalize_run_full(const sv_normalizer *n, sv_context *ctx,
                           const char *text, size_t text_len, sv_buf *out,
                           sv_normalize_result *res, sv_error *err)
{
    return normalize(n, ctx, text, text_len, out, res, err, 0);
}

size_t sv_normalize_map_back(const sv_normalize_result *res, size_t out_off,
                             int end_bias)
{
    const sv__norm_scratch *s;

    if (!res || !res->internal)
        return out_off;
    s = res->internal;
    return end_bias ? sv__editlist_map_back_end(&s->total, out_off)
                    : sv__editlist_map_back(&s->total, out_off);
}

int sv_normalize_locate(const char *text, size_t text_len, size_t offset,
                        size_t *line, size_t *column)
{
    size_t i, ln = 1, start = 0;

    SV_ASSERT_ARG((text || !text_len) && line && column);
    SV_ASSERT_ARG(offset <= text_len);
    for (i = 0; i < offset; i++)
        if (text[i] == '\n') {
            ln++;
            start = i + 1;
        }
    *line = ln;
    *column = sv__utf8_count_cp(text + start, offset - start) + 1;
    return SV_OK;
}

int sv_normalize_verify(const char *text, size_t text_len,
                        const char *output, size_t output_len,
                        const sv_normalize_result *res)
{
    size_t i, in_pos = 0, out_pos = 0;

    if (!res || (!text && text_len) || (!output && output_len))
        return 0;
    /* Walk the edits: unchanged stretches must be byte-identical in both
     * texts, and both sides of every edit must lie inside their text. */
    for (i = 0; i < res->edit_count; i++) {
        const sv_normalize_edit *e = &res->edits[i];

        if (e->in_start < in_pos || e->out_start < out_pos ||
            e->in_end < e->in_start || e->out_end < e->out_start ||
            e->in_end > text_len || e->out_end > output_len)
            return 0;
        if (e->in_start - in_pos != e->out_start - out_pos)
            return 0;
        if (memcmp(text + in_pos, output + out_pos, e->in_start - in_pos))
            return 0;
        in_pos = e->in_end;
        out_pos = e->out_end;
    }
    if (text_len - in_pos != output_len - out_pos)
        return 0;
    return memcmp(text + in_pos, output + out_pos, text_len - in_pos) == 0;
}
