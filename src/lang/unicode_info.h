/* SPDX-License-Identifier: MIT */
/*
 * Versions of the Unicode data and ICU library in use.
 */
#ifndef SV_LANG_UNICODE_INFO_H
#define SV_LANG_UNICODE_INFO_H

/* Static strings, e.g. "15.0" and "72.1". */
const char *sv__unicode_version(void);
const char *sv__icu_version(void);

#endif
