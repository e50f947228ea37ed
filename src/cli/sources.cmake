# SPDX-License-Identifier: MIT
set(SV_CLI_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/main.c)
