# SPDX-License-Identifier: MIT
# Normalizer tests: the pipeline, the steps in groups, and the case table
# in tests/data/normalize/ (cases.tsv, plus mojibake.tsv when present).
sv_add_unit_test(normalize)
