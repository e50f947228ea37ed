# SPDX-License-Identifier: MIT
# The aligner, pair QA, alignment writers and the TMX/XLIFF/TSV reader.
sv_add_unit_test(align)
