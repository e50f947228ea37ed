# SPDX-License-Identifier: MIT
# Record I/O (src/formats) and the charset adapter (src/lang/charset.c).
sv_add_unit_test(text_reader)
sv_add_unit_test(jsonl)
sv_add_unit_test(tsv)
sv_add_unit_test(charset)
sv_add_unit_test(html_text)
