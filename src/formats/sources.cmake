# SPDX-License-Identifier: MIT
list(APPEND SV_LIB_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/json_scan.c
  ${CMAKE_CURRENT_LIST_DIR}/jsonl.c
  ${CMAKE_CURRENT_LIST_DIR}/reader.c
  ${CMAKE_CURRENT_LIST_DIR}/tsv.c)
