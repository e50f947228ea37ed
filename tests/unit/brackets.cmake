# SPDX-License-Identifier: MIT
sv_add_unit_test(brackets)
