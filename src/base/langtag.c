/* SPDX-License-Identifier: MIT */
/*
 * Language-code comparison by primary subtag (RFC 5646 section 2.1.1:
 * tags are case-insensitive); '_' is accepted as a separator because
 * some CAT tools write "ru_RU".
 */
#include "base/langtag.h"

static int is_sep(char c)
{
    return c == '-' || c == '_' || c == '\0';
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
}

int sv__lang_same(const char *a, const char *b)
{
    size_t i;

    if (!a || !b || is_sep(a[0]) || is_sep(b[0]))
        return 0;
    for (i = 0; !is_sep(a[i]) && !is_sep(b[i]); i++)
        if (lower(a[i]) != lower(b[i]))
            return 0;
    return is_sep(a[i]) && is_sep(b[i]);
}

int sv__lang_none(const char *code)
{
    static const char all[] = "*all*";
    size_t i;

    if (!code || !code[0])
        return 1;
    for (i = 0; all[i] && lower(code[i]) == all[i]; i++)
        ;
    return all[i] == '\0' && code[i] == '\0';
}
