# SPDX-License-Identifier: MIT
# The shared text layer in src/lang: scripts, tokens, sentences, names.
sv_add_unit_test(script)
sv_add_unit_test(token)
sv_add_unit_test(segment)
sv_add_unit_test(translit)
