# SPDX-License-Identifier: MIT
set(SV_CLI_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/main.c
  ${CMAKE_CURRENT_LIST_DIR}/options.c
  ${CMAKE_CURRENT_LIST_DIR}/diag.c
  ${CMAKE_CURRENT_LIST_DIR}/output.c
  ${CMAKE_CURRENT_LIST_DIR}/resources.c
  ${CMAKE_CURRENT_LIST_DIR}/progress.c
  ${CMAKE_CURRENT_LIST_DIR}/runner.c
  ${CMAKE_CURRENT_LIST_DIR}/explain.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_normalize.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_brackets.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_flag.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_align.c
  ${CMAKE_CURRENT_LIST_DIR}/cmd_check.c
  ${CMAKE_CURRENT_LIST_DIR}/garble_hook.c)
