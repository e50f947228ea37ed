/* SPDX-License-Identifier: MIT */
/*
 * The garble hook of align and check (see garble_hook.h): each target is
 * scored as one unit with sv_garble_score(); the aligner flags it at or
 * above the model's "garbled" threshold.
 */
#include <string.h>

#include "garble_hook.h"

static int score_target(const char *text, size_t text_len, double *score,
                        void *payload)
{
    cli_garble_hook *h = payload;
    int rc = sv_garble_score(h->sc, h->ctx, text, text_len, &h->res, NULL);

    if (rc < 0)
        return rc;
    *score = h->res.score;
    return 0;
}

void cli_garble_hook_open(cli_garble_hook *h, const sv_resources *res,
                          sv_context *ctx, const char *tgt_lang)
{
    sv_garble_options o = SV_GARBLE_OPTIONS_INIT;
    sv_garble_result init = SV_GARBLE_RESULT_INIT;

    memset(h, 0, sizeof(*h));
    h->res = init;
    h->ctx = ctx;
    /* English targets only: on the Russian originals of WMT21 the Russian
     * model flags 3% of sentences, too many for a QA warning. */
    if (!res || !ctx || !tgt_lang || strcmp(tgt_lang, "en"))
        return;
    o.lang = SV_LANG_EN;
    o.unit = SV_GARBLE_DOCUMENT;
    if (sv_garble_scorer_new(&h->sc, res, &o, NULL) < 0) {
        h->sc = NULL;
        return;
    }
    sv_garble_thresholds(h->sc, NULL, &h->threshold);
}

void cli_garble_hook_apply(cli_garble_hook *h, sv_align_options *opts)
{
    if (!h->sc)
        return;
    opts->garble = score_target;
    opts->garble_payload = h;
    opts->garble_threshold = h->threshold;
}

void cli_garble_hook_close(cli_garble_hook *h)
{
    sv_garble_scorer_free(h->sc);
    sv_garble_result_dispose(&h->res);
    memset(h, 0, sizeof(*h));
}
