/* SPDX-License-Identifier: MIT */
/*
 * The ru<->en lexicon: loading the generated files (read whole, one line
 * index per direction, binary search) and sv_lexicon_translate(), which
 * reduces an inflected word to its lemmas through hunspell stems, with a
 * few plural-ending rewrites where the dictionaries' stems fall short.
 */
#include "lang/lexicon.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/buf_internal.h"
#include "base/error_internal.h"
#include "base/utf8.h"
#include "lang/datafile.h"
#include "lang/resources_internal.h"
#include "lang/spell.h"
#include "lang/wordcase.h"

#define LEXICON_MAX_BYTES (256u << 20)
#define MAX_CANDIDATES 64 /* reported per call, across all lemmas */

typedef struct lex_table {
    char *data;      /* the file, NUL-terminated */
    size_t size;
    uint32_t *lines; /* offsets of the entry lines, in key order */
    size_t n;
} lex_table;

struct sv__lexicon {
    lex_table dir[2]; /* 0: en->ru, 1: ru->en */
};

static const char *const file_names[2] = {SV__LEXICON_EN_RU,
                                          SV__LEXICON_RU_EN};
static const char *const header_tags[2] = {"# sverka-lexicon 1 en-ru:",
                                           "# sverka-lexicon 1 ru-en:"};

/* Compare key with the key of the line at p (which ends at a tab). */
static int cmp_key(const char *key, size_t key_len, const char *p)
{
    const char *tab = strchr(p, '\t');
    size_t n = tab ? (size_t)(tab - p) : strlen(p);
    int c = memcmp(key, p, key_len < n ? key_len : n);

    if (c)
        return c;
    return key_len < n ? -1 : key_len > n;
}

/* Index the lines of one file, checking the header and the order. */
static int index_table(lex_table *t, int d, const char *path, sv_error *err)
{
    size_t i = 0, cap = 0, prev = SIZE_MAX, line_no = 0;
    size_t tag_len = strlen(header_tags[d]);

    if (t->size < tag_len || memcmp(t->data, header_tags[d], tag_len) != 0)
        return sv__error_set_at(err, SV_EFORMAT, 0, 1, 1,
                                "%s: not a sverka lexicon (version 1, %s)",
                                path, d == 0 ? "en-ru" : "ru-en");
    for (cap = 1024; cap < t->size / 24; cap *= 2)
        ;
    t->lines = sv__malloc(cap * sizeof(uint32_t));
    if (!t->lines)
        return sv__error_oom(err);
    while (i < t->size) {
        char *nl = memchr(t->data + i, '\n', t->size - i);
        size_t end = nl ? (size_t)(nl - t->data) : t->size;

        line_no++;
        if (t->data[i] != '#' && end > i) {
            const char *tab = memchr(t->data + i, '\t', end - i);

            if (!tab || (prev != SIZE_MAX &&
                         cmp_key(t->data + prev,
                                 strcspn(t->data + prev, "\t"),
                                 t->data + i) >= 0))
                return sv__error_set_at(err, SV_EFORMAT, i, line_no, 1,
                                        "%s:%zu: %s", path, line_no,
                                        tab ? "lines out of order"
                                            : "no tab after the word");
            if (t->n == cap) {
                uint32_t *p = sv__realloc(t->lines, 2 * cap * sizeof(*p));

                if (!p)
                    return sv__error_oom(err);
                t->lines = p;
                cap *= 2;
            }
            t->lines[t->n++] = (uint32_t)i;
            prev = i;
        }
        if (nl)
            *nl = '\0'; /* lines become strings: cheap compares later */
        i = end + 1;
    }
    return SV_OK;
}

int sv__lexicon_load(sv__lexicon **out, const char *dir, sv_error *err)
{
    sv__lexicon *lex = NULL;
    sv_buf path = SV_BUF_INIT;
    int rc = SV_OK, d;

    *out = NULL;
    lex = sv__calloc(1, sizeof(*lex));
    if (!lex) {
        rc = sv__error_oom(err);
        goto done;
    }
    for (d = 0; d < 2; d++) {
        lex_table *t = &lex->dir[d];

        sv_buf_clear(&path);
        if ((rc = sv__buf_printf(&path, "%s/%s", dir, file_names[d])) < 0) {
            rc = sv__error_oom(err);
            goto done;
        }
        if ((rc = sv__datafile_read(path.ptr, LEXICON_MAX_BYTES, &t->data,
                                     &t->size, err)) < 0)
            goto done;
        if ((rc = index_table(t, d, path.ptr, err)) < 0)
            goto done;
    }
    *out = lex;
    lex = NULL;
done:
    sv__lexicon_free(lex);
    sv_buf_dispose(&path);
    return rc;
}

void sv__lexicon_free(sv__lexicon *lex)
{
    int d;

    if (!lex)
        return;
    for (d = 0; d < 2; d++) {
        sv__free(lex->dir[d].data);
        sv__free(lex->dir[d].lines);
    }
    sv__free(lex);
}

size_t sv__lexicon_count(const sv__lexicon *lex, sv_lang from)
{
    if (!lex || (from != SV_LANG_EN && from != SV_LANG_RU))
        return 0;
    return lex->dir[from == SV_LANG_RU].n;
}

size_t sv__lexicon_bytes(const sv__lexicon *lex)
{
    size_t n = 0;
    int d;

    if (!lex)
        return 0;
    for (d = 0; d < 2; d++)
        n += lex->dir[d].size + 1 + lex->dir[d].n * sizeof(uint32_t);
    return n + sizeof(*lex);
}

const char *sv__lexicon_lookup(const sv__lexicon *lex, sv_lang from,
                               const char *key, size_t key_len,
                               size_t *cands_len)
{
    const lex_table *t;
    size_t lo = 0, hi;

    if (!lex || (from != SV_LANG_EN && from != SV_LANG_RU) || key_len == 0)
        return NULL;
    t = &lex->dir[from == SV_LANG_RU];
    hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *line = t->data + t->lines[mid];
        int c = cmp_key(key, key_len, line);

        if (c == 0) {
            const char *cands = line + key_len + 1;

            *cands_len = strlen(cands);
            return cands;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* ---- sv_lexicon_translate ---- */

typedef struct translate_state {
    sv_context *ctx;
    sv_lang from;
    sv__span seen[MAX_CANDIDATES];
    unsigned int n_seen;
    int found;
    int name_found;  /* dicts/names.tsv answered */
    char stems[512]; /* the word's hunspell stems, NUL-separated */
    size_t stems_len;
} translate_state;

/* Collect the candidates of one lexicon line, skipping repeats.  They are
 * reported to the caller only at the end, from the context's cache. */
static int emit(translate_state *ts, const char *cands, size_t len)
{
    size_t i = 0;

    while (i < len && ts->n_seen < MAX_CANDIDATES) {
        const char *bar = memchr(cands + i, '|', len - i);
        size_t n = bar ? (size_t)(bar - cands) - i : len - i;
        unsigned int k;
        int dup = 0;

        for (k = 0; k < ts->n_seen && !dup; k++)
            dup = ts->seen[k].n == n && memcmp(ts->seen[k].p, cands + i, n) == 0;
        if (!dup && n > 0) {
            ts->seen[ts->n_seen].p = cands + i;
            ts->seen[ts->n_seen++].n = n;
            ts->found = 1;
        }
        i += n + 1;
    }
    return 0;
}

/* The news names list answers first: it is curated and modern (a Russian
 * name gives its English forms, an English form its Russian name). */
static int try_name(translate_state *ts, const char *key, size_t len)
{
    const sv__names *names = ts->ctx->res->names;
    sv_buf *t = &ts->ctx->name;
    sv__name nm;
    int found = sv__names_find(names, ts->from, key, len, &nm);

    /* hunspell-ru files some names in lowercase ("Госдумы" -> "госдума"),
     * and headlines write them in capitals: try the Title-case form */
    if (!found && names && ts->from == SV_LANG_RU &&
        sv__word_case_of(key, len) != SV__CASE_TITLE) {
        sv_buf_clear(t);
        if (sv__word_fold(t, key, len, SV__FOLD_TITLE) < 0)
            return SV_ENOMEM;
        found = sv__names_find(names, ts->from, t->ptr, t->size, &nm);
    }
    if (!found)
        return 0;
    ts->name_found = 1;
    if (ts->from == SV_LANG_RU)
        return emit(ts, nm.en, nm.en_len);
    return emit(ts, nm.ru, nm.ru_len);
}

/* Look a key up as it is and in lowercase; emit what is found. */
static int try_key(translate_state *ts, const char *w, size_t len)
{
    const sv__lexicon *lex = ts->ctx->res->lexicon;
    sv_buf *k = &ts->ctx->key2;
    const char *c;
    size_t n;
    int rc;

    sv_buf_clear(k);
    if (sv_buf_put(k, w, len) < 0)
        return SV_ENOMEM;
    if (ts->from == SV_LANG_RU)
        sv__fold_yo(k->ptr, k->size);
    if ((rc = try_name(ts, k->ptr, k->size)) != 0)
        return rc;
    c = sv__lexicon_lookup(lex, ts->from, k->ptr, k->size, &n);
    if (c && (rc = emit(ts, c, n)) != 0)
        return rc;
    if (sv__word_case_of(k->ptr, k->size) == SV__CASE_LOWER)
        return 0;
    sv_buf_clear(&ts->ctx->key);
    if (sv__word_fold(&ts->ctx->key, k->ptr, k->size, SV__FOLD_LOWER) < 0)
        return SV_ENOMEM;
    c = sv__lexicon_lookup(lex, ts->from, ts->ctx->key.ptr, ts->ctx->key.size,
                           &n);
    return c ? emit(ts, c, n) : 0;
}

static int stem_cb(const char *stem, size_t len, void *payload)
{
    translate_state *ts = payload;

    if (ts->stems_len + len + 1 <= sizeof(ts->stems)) {
        memcpy(ts->stems + ts->stems_len, stem, len);
        ts->stems_len += len;
        ts->stems[ts->stems_len++] = '\0';
    }
    return try_key(ts, stem, len);
}

/* Endings rewritten to a lemma's when hunspell's stems do not reach the
 * lexicon: English plurals and verb forms, Russian oblique plurals of
 * nouns whose dictionary entry is the plural ("переговоров" is its own
 * stem in Debian's ru_RU). */
typedef struct rewrite {
    const char *from, *to;
} rewrite;

static const rewrite en_rules[] = {
    {"ies", "y"}, {"es", ""}, {"s", ""}, {"ied", "y"}, {"ed", ""},
    {"ed", "e"}, {"ing", ""}, {"ing", "e"}, {NULL, NULL}};
static const rewrite ru_rules[] = {
    {"ов", "ы"}, {"ам", "ы"}, {"ами", "ы"}, {"ах", "ы"}, {"ей", "и"},
    {"ям", "и"}, {"ями", "и"}, {"ях", "и"}, {"ам", "и"}, {"ами", "и"},
    {"ах", "и"}, {NULL, NULL}};
/* Mueller gives Russian verbs in the imperfective ("заявлять"), news
 * text mostly uses the perfective ("заявил" -> stem "заявить"): the
 * regular aspect pairs, applied to the stems. */
static const rewrite ru_aspect_rules[] = {
    {"вить", "влять"}, {"пить", "плять"}, {"мить", "млять"},
    {"бить", "блять"}, {"фить", "флять"}, {"стить", "щать"},
    {"тить", "чать"}, {"тить", "щать"}, {"дить", "ждать"},
    {"дить", "жать"}, {"зить", "жать"}, {"сить", "шать"},
    {"ожить", "агать"}, {"ить", "ать"}, {"ить", "ять"},
    {"звать", "зывать"}, {"знать", "знавать"}, {"дать", "давать"},
    {"зать", "зывать"}, {"сать", "сывать"}, {"нуть", "ивать"},
    {"нуть", "ать"}, {NULL, NULL}};

static int try_rewrites(translate_state *ts, const char *w, size_t len,
                        const rewrite *r)
{
    sv_buf cand = SV_BUF_INIT;
    int rc = 0;

    for (; r->from && rc == 0; r++) {
        size_t fl = strlen(r->from);

        if (len <= fl + 2 || memcmp(w + len - fl, r->from, fl) != 0)
            continue;
        sv_buf_clear(&cand);
        if (sv_buf_put(&cand, w, len - fl) < 0 ||
            sv_buf_put(&cand, r->to, strlen(r->to)) < 0) {
            rc = SV_ENOMEM;
            break;
        }
        rc = try_key(ts, cand.ptr, cand.size);
    }
    sv_buf_dispose(&cand);
    return rc;
}

/* Aspect pairs of each stem, and the bare verb of a "по-" perfective
 * ("пообещать" -> "обещать"). */
static int try_aspects(translate_state *ts)
{
    static const char po[] = "по";
    size_t p = 0;
    int rc = 0;

    while (p < ts->stems_len && rc == 0 && !ts->found) {
        const char *st = ts->stems + p;
        size_t n = strlen(st);

        rc = try_rewrites(ts, st, n, ru_aspect_rules);
        /* "по" + at least three letters + "ть" (UTF-8: 2 bytes a letter) */
        if (rc == 0 && !ts->found && n >= 4 + 6 + 4 &&
            memcmp(st, po, 4) == 0 && memcmp(st + n - 4, "ть", 4) == 0)
            rc = try_key(ts, st + 4, n - 4);
        p += n + 1;
    }
    return rc;
}

/* English irregular past forms and participles -> the base verb:
 * hunspell-en files them as words of their own ("said" has no stem). */
typedef struct irregular {
    const char *form, *base;
} irregular;

static const irregular en_irregular[] = {
    {"arisen", "arise"}, {"arose", "arise"}, {"ate", "eat"}, {"bade", "bid"},
    {"beaten", "beat"}, {"became", "become"}, {"been", "be"},
    {"began", "begin"}, {"begun", "begin"}, {"bent", "bend"},
    {"bled", "bleed"}, {"bore", "bear"}, {"borne", "bear"},
    {"bought", "buy"}, {"bred", "breed"}, {"broke", "break"},
    {"broken", "break"}, {"brought", "bring"}, {"built", "build"},
    {"burnt", "burn"}, {"came", "come"}, {"caught", "catch"},
    {"chose", "choose"}, {"chosen", "choose"}, {"clung", "cling"},
    {"crept", "creep"}, {"dealt", "deal"}, {"did", "do"}, {"done", "do"},
    {"drawn", "draw"}, {"dreamt", "dream"}, {"drew", "draw"},
    {"driven", "drive"}, {"drove", "drive"}, {"dug", "dig"},
    {"eaten", "eat"}, {"fallen", "fall"}, {"fed", "feed"}, {"fell", "fall"},
    {"felt", "feel"}, {"fled", "flee"}, {"flew", "fly"}, {"flown", "fly"},
    {"forbade", "forbid"}, {"forbidden", "forbid"}, {"foresaw", "foresee"},
    {"foreseen", "foresee"}, {"forgave", "forgive"}, {"forgiven", "forgive"},
    {"forgot", "forget"}, {"forgotten", "forget"}, {"fought", "fight"},
    {"found", "find"}, {"froze", "freeze"}, {"frozen", "freeze"},
    {"gave", "give"}, {"given", "give"}, {"gone", "go"}, {"got", "get"},
    {"gotten", "get"}, {"grew", "grow"}, {"ground", "grind"},
    {"grown", "grow"}, {"had", "have"}, {"heard", "hear"}, {"held", "hold"},
    {"hid", "hide"}, {"hidden", "hide"}, {"hung", "hang"}, {"kept", "keep"},
    {"knelt", "kneel"}, {"knew", "know"}, {"known", "know"}, {"laid", "lay"},
    {"leapt", "leap"}, {"learnt", "learn"}, {"led", "lead"},
    {"left", "leave"}, {"lent", "lend"}, {"lost", "lose"}, {"made", "make"},
    {"meant", "mean"}, {"met", "meet"}, {"misled", "mislead"},
    {"mistaken", "mistake"}, {"mistook", "mistake"},
    {"overcame", "overcome"}, {"oversaw", "oversee"},
    {"overseen", "oversee"}, {"overtaken", "overtake"},
    {"overtook", "overtake"}, {"paid", "pay"}, {"ran", "run"},
    {"rang", "ring"}, {"ridden", "ride"}, {"risen", "rise"},
    {"rode", "ride"}, {"rose", "rise"}, {"rung", "ring"}, {"said", "say"},
    {"sang", "sing"}, {"sank", "sink"}, {"sat", "sit"}, {"saw", "see"},
    {"seen", "see"}, {"sent", "send"}, {"shaken", "shake"},
    {"shone", "shine"}, {"shook", "shake"}, {"shot", "shoot"},
    {"shrank", "shrink"}, {"shrunk", "shrink"}, {"slept", "sleep"},
    {"slid", "slide"}, {"slung", "sling"}, {"slunk", "slink"},
    {"sold", "sell"}, {"sought", "seek"}, {"spat", "spit"},
    {"sped", "speed"}, {"spelt", "spell"}, {"spent", "spend"},
    {"spoilt", "spoil"}, {"spoke", "speak"}, {"spoken", "speak"},
    {"sprang", "spring"}, {"sprung", "spring"}, {"spun", "spin"},
    {"stank", "stink"}, {"stole", "steal"}, {"stolen", "steal"},
    {"stood", "stand"}, {"striven", "strive"}, {"strode", "stride"},
    {"strove", "strive"}, {"struck", "strike"}, {"strung", "string"},
    {"stuck", "stick"}, {"stung", "sting"}, {"sung", "sing"},
    {"sunk", "sink"}, {"swam", "swim"}, {"swept", "sweep"},
    {"swore", "swear"}, {"sworn", "swear"}, {"swum", "swim"},
    {"taken", "take"}, {"taught", "teach"}, {"thought", "think"},
    {"threw", "throw"}, {"thrown", "throw"}, {"thrust", "thrust"},
    {"told", "tell"}, {"took", "take"}, {"tore", "tear"}, {"torn", "tear"},
    {"understood", "understand"}, {"undertaken", "undertake"},
    {"undertook", "undertake"}, {"upheld", "uphold"}, {"was", "be"},
    {"went", "go"}, {"wept", "weep"}, {"were", "be"},
    {"withdrawn", "withdraw"}, {"withdrew", "withdraw"},
    {"withheld", "withhold"}, {"woke", "wake"}, {"woken", "wake"},
    {"won", "win"}, {"wore", "wear"}, {"worn", "wear"}, {"wound", "wind"},
    {"wove", "weave"}, {"woven", "weave"}, {"written", "write"},
    {"wrote", "write"}, {"wrung", "wring"},
};

static int cmp_irregular(const void *key, const void *item)
{
    return strcmp(key, ((const irregular *)item)->form);
}

static int try_irregular(translate_state *ts, const char *lower)
{
    const irregular *hit = bsearch(lower, en_irregular,
                                   sizeof(en_irregular) / sizeof(en_irregular[0]),
                                   sizeof(irregular), cmp_irregular);

    return hit ? try_key(ts, hit->base, strlen(hit->base)) : 0;
}

static int try_stems(translate_state *ts, const char *word, size_t len)
{
    int rc;

    if (!sv__spell_available(ts->ctx, ts->from))
        return 0;
    rc = sv__spell_stems(ts->ctx, ts->from, word, len, stem_cb, ts);
    return rc > 0 ? 0 : rc; /* a stem count is not an error */
}

/* English after the exact form: regular endings first ("reporters" ->
 * "reporter"; hunspell would say "porter" and "report"), then hunspell
 * stems, then the irregular verbs. */
static int lookup_en(translate_state *ts, const char *word, size_t len,
                     const char *lower, size_t lower_len)
{
    int rc = try_rewrites(ts, lower, lower_len, en_rules);

    if (rc == 0 && !ts->found)
        rc = try_stems(ts, word, len);
    if (rc == 0 && !ts->found)
        rc = try_irregular(ts, lower);
    return rc;
}

/* Russian after the exact form: hunspell stems ("переговорам" ->
 * "переговоры"), then plural endings, then aspect pairs of the stems. */
static int lookup_ru(translate_state *ts, const char *word, size_t len,
                     const char *lower, size_t lower_len)
{
    int rc = try_stems(ts, word, len);

    if (rc == 0 && !ts->found)
        rc = try_rewrites(ts, lower, lower_len, ru_rules);
    if (rc == 0 && !ts->found)
        rc = try_aspects(ts);
    return rc;
}

/* ---- the per-context translation cache ----
 *
 * Word -> a run of candidate spans (borrowed from the immutable lexicon
 * and names) in ctx->tr_spans; the value packs offset << 8 | count.
 * Aligners ask for the same words over and over. */

static int cache_get(sv_context *ctx, int di, const char *w, size_t len,
                     size_t *first, size_t *count)
{
    uint64_t v;

    if (!ctx->tr_cache[di] || !sv__hashmap_get(ctx->tr_cache[di], w, len, &v))
        return 0;
    *first = (size_t)(v >> 8);
    *count = (size_t)(v & 0xff);
    return 1;
}

static int cache_put(sv_context *ctx, int di, const char *w, size_t len,
                     const translate_state *ts, size_t *first)
{
    size_t need = ctx->n_tr_spans + ts->n_seen;
    int d;

    if (!ctx->tr_cache[di]) {
        ctx->tr_cache[di] = sv__hashmap_new(1024);
        if (!ctx->tr_cache[di])
            return SV_ENOMEM;
    }
    if (sv__hashmap_count(ctx->tr_cache[di]) >= ctx->res->spell_cache_max ||
        need > 8 * ctx->res->spell_cache_max) {
        for (d = 0; d < 2; d++)
            if (ctx->tr_cache[d])
                sv__hashmap_clear(ctx->tr_cache[d]);
        ctx->n_tr_spans = 0;
        need = ts->n_seen;
    }
    if (need > ctx->cap_tr_spans) {
        size_t cap = ctx->cap_tr_spans ? ctx->cap_tr_spans : 1024;
        sv__span *p;

        while (cap < need)
            cap *= 2;
        p = sv__realloc(ctx->tr_spans, cap * sizeof(*p));
        if (!p)
            return SV_ENOMEM;
        ctx->tr_spans = p;
        ctx->cap_tr_spans = cap;
    }
    *first = ctx->n_tr_spans;
    if (ts->n_seen)
        memcpy(ctx->tr_spans + *first, ts->seen, ts->n_seen * sizeof(sv__span));
    ctx->n_tr_spans += ts->n_seen;
    return sv__hashmap_put(ctx->tr_cache[di], w, len,
                           ((uint64_t)*first << 8) | ts->n_seen);
}

/* Look the word up (the form, else its lemmas by the language's rules);
 * the result goes into the cache. */
static int compute(sv_context *ctx, sv_lang from, const char *word,
                   size_t word_len, size_t *first, size_t *count)
{
    translate_state ts;
    int rc;

    memset(&ts, 0, sizeof(ts));
    ts.ctx = ctx;
    ts.from = from;
    /* The form itself first.  An English form the lexicon lists answers
     * alone: its lemma may mean something else ("talks" is not "talk",
     * "officials" not the adjective).  A Russian one is followed by its
     * lemmas' translations ("граждане": citizenry, then "гражданин":
     * citizen), except for a name ("Песков", not "песок"). */
    rc = try_key(&ts, word, word_len);
    if (rc == 0 && !ts.name_found &&
        (!ts.found || from == SV_LANG_RU)) {
        sv_buf lower = SV_BUF_INIT;

        if (sv__word_fold(&lower, word, word_len, SV__FOLD_LOWER) < 0)
            rc = SV_ENOMEM;
        else if (from == SV_LANG_EN)
            rc = lookup_en(&ts, word, word_len, lower.ptr, lower.size);
        else
            rc = lookup_ru(&ts, word, word_len, lower.ptr, lower.size);
        sv_buf_dispose(&lower);
    }
    if (rc == 0)
        rc = cache_put(ctx, from == SV_LANG_RU, word, word_len, &ts, first);
    if (rc == SV_ENOMEM)
        return sv__context_fail(ctx, SV_ENOMEM, "out of memory");
    if (rc < 0)
        return rc;
    *count = ts.n_seen;
    return SV_OK;
}

int sv_lexicon_translate(sv_context *ctx, sv_lang from, const char *word,
                         size_t word_len, sv_translation_cb cb, void *payload)
{
    sv__span out[MAX_CANDIDATES];
    size_t first = 0, count = 0, i;
    int rc, di;

    SV_ASSERT_ARG(ctx != NULL);
    SV_ASSERT_ARG(cb != NULL);
    SV_ASSERT_ARG(word != NULL || word_len == 0);
    if (from != SV_LANG_EN && from != SV_LANG_RU)
        return sv__context_fail(ctx, SV_EINVAL,
                                "the lexicon translates en or ru, not %d",
                                (int)from);
    if (!ctx->res->lexicon)
        return sv__context_fail(ctx, SV_EUNSUPPORTED, "%s",
                                ctx->res->lexicon_note);
    if (word_len == 0 || sv__utf8_valid_prefix(word, word_len) != word_len)
        return 0;
    di = from == SV_LANG_RU;
    if (!cache_get(ctx, di, word, word_len, &first, &count)) {
        if ((rc = compute(ctx, from, word, word_len, &first, &count)) < 0)
            return rc;
    }
    /* a copy: the callback may translate more words with this context */
    if (count) /* memcpy from NULL is undefined even for 0 bytes */
        memcpy(out, ctx->tr_spans + first, count * sizeof(sv__span));
    for (i = 0; i < count; i++) {
        int stop = cb(out[i].p, out[i].n, (unsigned int)i, payload);

        if (stop != 0)
            return stop;
    }
    return (int)count;
}
