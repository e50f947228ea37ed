/* SPDX-License-Identifier: MIT */
/*
 * Run-time twins of the version macros (STYLE H5).  The Unicode version
 * comes from the ICU adapter, since only src/lang/ may include ICU.
 */
#include "sverka/version.h"

#include "lang/unicode_info.h"

const char *sv_version(void)
{
    return SV_VERSION_STRING;
}

int sv_version_number(void)
{
    return SV_VERSION_NUMBER;
}

const char *sv_unicode_version(void)
{
    return sv__unicode_version();
}

const char *sv_icu_version(void)
{
    return sv__icu_version();
}
