# SPDX-License-Identifier: MIT
sv_add_unit_test(buf)
sv_add_unit_test(errors)
sv_add_unit_test(utf8)
sv_add_unit_test(edits)
sv_add_unit_test(hashmap)
sv_add_unit_test(pool)
