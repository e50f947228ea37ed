# SPDX-License-Identifier: MIT
sv_add_unit_test(mojibake)
# The pipeline's fast path (which asks the mojibake scan about each line)
# against the full pipeline, on edge cases, the case tables, samples/ and
# ../shared/seeds when present.
sv_add_unit_test(norm_fast)
