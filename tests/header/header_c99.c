/* SPDX-License-Identifier: MIT */
/*
 * Includes only the umbrella header under -std=c99 -pedantic -Werror and
 * checks that each *_OPTIONS_INIT equals what *_options_init() produces.
 */
#include <sverka/sverka.h>

#include <stdio.h>
#include <string.h>

/* `a` has static storage so its padding is zero (C11 6.7.9p10); `b` is
 * zeroed first for the same reason, so memcmp compares values only. */
#define CHECK_INIT(type, INIT, init_fn, VERSION)                       \
    do {                                                               \
        static const type a = INIT;                                    \
        type b;                                                        \
        memset(&b, 0, sizeof(b));                                      \
        if (init_fn(&b, VERSION) != SV_OK ||                           \
            memcmp(&a, &b, sizeof(a)) != 0) {                          \
            fprintf(stderr, "%s differs from %s\n", #INIT, #init_fn);  \
            failures++;                                                \
        }                                                              \
        if (init_fn(&b, VERSION + 1000) != SV_EINVAL) {                \
            fprintf(stderr, "%s accepts a wrong version\n", #init_fn); \
            failures++;                                                \
        }                                                              \
    } while (0)

int main(void)
{
    int failures = 0;

    CHECK_INIT(sv_resources_options, SV_RESOURCES_OPTIONS_INIT,
               sv_resources_options_init, SV_RESOURCES_OPTIONS_VERSION);
    CHECK_INIT(sv_reader_options, SV_READER_OPTIONS_INIT,
               sv_reader_options_init, SV_READER_OPTIONS_VERSION);
    CHECK_INIT(sv_pool_options, SV_POOL_OPTIONS_INIT, sv_pool_options_init,
               SV_POOL_OPTIONS_VERSION);
    CHECK_INIT(sv_segment_options, SV_SEGMENT_OPTIONS_INIT,
               sv_segment_options_init, SV_SEGMENT_OPTIONS_VERSION);
#ifdef SV_NORMALIZE_OPTIONS_VERSION
    CHECK_INIT(sv_normalize_options, SV_NORMALIZE_OPTIONS_INIT,
               sv_normalize_options_init, SV_NORMALIZE_OPTIONS_VERSION);
#endif
#ifdef SV_BRACKETS_OPTIONS_VERSION
    CHECK_INIT(sv_brackets_options, SV_BRACKETS_OPTIONS_INIT,
               sv_brackets_options_init, SV_BRACKETS_OPTIONS_VERSION);
#endif
    if (strcmp(sv_version(), SV_VERSION_STRING) != 0) {
        fprintf(stderr, "header and library versions differ\n");
        failures++;
    }
    printf("%d passed, %d failed\n", failures ? 0 : 1, failures ? 1 : 0);
    return failures != 0;
}
