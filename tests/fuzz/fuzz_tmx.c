/* SPDX-License-Identifier: MIT */
/*
 * Fuzz the TMX reader (sv_pairs_read_ext with SV_PAIR_FORMAT_TMX); the oracles
 * are in fuzz_pairs.h.
 */
#define _POSIX_C_SOURCE 200809L
#include "fuzz_pairs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_pairs(data, size, SV_PAIR_FORMAT_TMX);
}
