/* SPDX-License-Identifier: MIT */
/*
 * Spelling and stems for the other modules (brackets, align, garble): the
 * hunspell adapter behind the calling thread's sv_context, with a word
 * cache in front of hunspell.  UTF-8 in, UTF-8 out, whatever the
 * dictionary's own encoding.
 *
 * Capitalisation policy (verified against Debian's en_US and ru_RU):
 * hunspell itself accepts a lowercase dictionary word in Title case or in
 * capitals ("Переговоры", "ПЕРЕГОВОРЫ"), and a capitalised dictionary word
 * in capitals ("МОСКВА" -> stem "Москва"), but rejects a proper noun in
 * lowercase ("москва", "moscow").  sv_spell_check() keeps that strict
 * behaviour; SV__SPELL_ANY_CASE also accepts the Title-case form of a
 * lowercase or capitalised word, for text whose case carries no meaning
 * (headlines, bracketed fragments, lowercased keys).
 */
#ifndef SV_LANG_SPELL_H
#define SV_LANG_SPELL_H

#include <stddef.h>

#include "sverka/resources.h"

/* Flags for sv__spell_known(). */
enum { SV__SPELL_ANY_CASE = 1u << 0 };

/* Words longer than this many bytes are unknown without asking hunspell
 * (hunspell itself gives up on very long words). */
#define SV__SPELL_MAX_WORD 200

/* Default entries per language cache before it is emptied and refilled
 * (sv_resources_options::spell_cache_max overrides it). */
#define SV__SPELL_CACHE_MAX 100000

/* 1 if the language's dictionary is loaded in the resources. */
int sv__spell_available(const sv_context *ctx, sv_lang lang);

/* 1 known, 0 unknown, SV_EUNSUPPORTED (dictionary not loaded), SV_EINVAL,
 * SV_ENOMEM or SV_ERROR (hunspell could not be started; ctx's message
 * says why).  Invalid UTF-8 and words over SV__SPELL_MAX_WORD bytes are
 * unknown. */
int sv__spell_known(sv_context *ctx, sv_lang lang, const char *w,
                    size_t len, unsigned int flags);

/* Called once per stem; a non-zero return stops the walk. */
typedef int (*sv__stem_cb)(const char *stem, size_t stem_len, void *payload);

/* The stems (lemmas) hunspell gives for w, best first as hunspell orders
 * them ("переговорам" -> "переговоры"; "talks" -> "talk"; "МОСКВА" ->
 * "Москва"); an unknown word has none.  Returns the number of stems, the
 * callback's non-zero value, or an error as sv__spell_known().  The stem
 * text is borrowed and valid only during the callback. */
int sv__spell_stems(sv_context *ctx, sv_lang lang, const char *w, size_t len,
                    sv__stem_cb cb, void *payload);

/* Entries currently cached for a language (for tests and statistics). */
size_t sv__spell_cache_size(const sv_context *ctx, sv_lang lang);

/* Release a context's word caches (sv_context_free). */
void sv__spell_context_dispose(sv_context *ctx);

/* The shared hunspell handles' locks, made by sv_resources_new; dispose
 * also destroys the handles (sv_resources_free). */
void sv__spell_handles_init(sv_resources *res);
void sv__spell_handles_dispose(sv_resources *res);

#endif
