# SPDX-License-Identifier: MIT
list(APPEND SV_LIB_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/unicode_info.c
  ${CMAKE_CURRENT_LIST_DIR}/wordcase.c)
list(APPEND SV_LIB_SOURCES ${CMAKE_CURRENT_LIST_DIR}/charset.c)
