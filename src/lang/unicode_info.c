/* SPDX-License-Identifier: MIT */
/*
 * Reports ICU's Unicode and library versions.  u_getUnicodeVersion fills a
 * UVersionInfo; we format it once into static storage guarded by
 * pthread_once so concurrent callers see a complete string.
 */
#include "lang/unicode_info.h"

#include <pthread.h>
#include <unicode/uchar.h>
#include <unicode/uversion.h>

static char unicode_str[U_MAX_VERSION_STRING_LENGTH];
static char icu_str[U_MAX_VERSION_STRING_LENGTH];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void format_versions(void)
{
    UVersionInfo v;

    u_getUnicodeVersion(v);
    v[2] = v[3] = 0; /* "15.0", not "15.0.0.0" */
    u_versionToString(v, unicode_str);
    u_getVersion(v);
    v[3] = 0;
    u_versionToString(v, icu_str);
}

const char *sv__unicode_version(void)
{
    pthread_once(&once, format_versions);
    return unicode_str;
}

const char *sv__icu_version(void)
{
    pthread_once(&once, format_versions);
    return icu_str;
}
