# SPDX-License-Identifier: MIT
# Normalizer tests: the pipeline, the steps in groups, and the case table
# in tests/data/normalize/ (cases.tsv, plus mojibake.tsv when present).
sv_add_unit_test(normalize)
sv_add_unit_test(norm_cases)
sv_add_unit_test(norm_text)
sv_add_unit_test(norm_punct)
sv_add_unit_test(norm_words)
sv_add_unit_test(norm_drop)
# The same cases without dictionaries: the rule-only fallbacks.
add_test(NAME unit.norm_cases_nodict COMMAND test_norm_cases)
set_tests_properties(unit.norm_cases_nodict PROPERTIES LABELS unit
  ENVIRONMENT "SV_CASES_NODICT=1;UBSAN_OPTIONS=halt_on_error=1")
# Nothing lost (issue 8): the edits' inverse gives the input back (library
# and the CLI's --log), drops are in the log, one JSONL record out per
# record in; over samples/, tests/data and ../shared when present.
if(TARGET sverka-cli)
  sv_add_unit_test(invariants)
  target_compile_definitions(test_invariants PRIVATE
    SV_CLI="$<TARGET_FILE:sverka-cli>" SV_SAMPLES="${PROJECT_SOURCE_DIR}/samples")
  add_dependencies(test_invariants sverka-cli)
  set_tests_properties(unit.invariants PROPERTIES TIMEOUT 900)
endif()
