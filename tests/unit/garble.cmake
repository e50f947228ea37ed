# SPDX-License-Identifier: MIT
# src/garble: character LMs, features, model file, training, scoring.
sv_add_unit_test(garble)
