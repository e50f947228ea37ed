/* SPDX-License-Identifier: MIT */
/*
 * The garble check of align and check: sverka flag's scorer wired into the
 * pair QA's hook (sv_align_options::garble) when a model for the target
 * language is installed; without one the check is simply not run.
 */
#ifndef SV_CLI_GARBLE_HOOK_H
#define SV_CLI_GARBLE_HOOK_H

#include <sverka/sverka.h>

typedef struct cli_garble_hook {
    sv_garble_scorer *sc;  /* NULL: no model, no check */
    sv_context *ctx;       /* borrowed: the command's context */
    sv_garble_result res;
    double threshold;      /* the model's "garbled" threshold */
} cli_garble_hook;

/* Load the English model when tgt_lang is "en"; another language or a
 * missing model leaves h->sc NULL.  Never fails the command. */
void cli_garble_hook_open(cli_garble_hook *h, const sv_resources *res,
                          sv_context *ctx, const char *tgt_lang);
/* Point opts at the hook when a model was loaded. */
void cli_garble_hook_apply(cli_garble_hook *h, sv_align_options *opts);
void cli_garble_hook_close(cli_garble_hook *h);

#endif
