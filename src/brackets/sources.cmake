# SPDX-License-Identifier: MIT
list(APPEND SV_LIB_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/brackets.c
  ${CMAKE_CURRENT_LIST_DIR}/finder.c
  ${CMAKE_CURRENT_LIST_DIR}/classify.c
  ${CMAKE_CURRENT_LIST_DIR}/termbase.c
  ${CMAKE_CURRENT_LIST_DIR}/align.c
  ${CMAKE_CURRENT_LIST_DIR}/glossary.c
  # the glossary's TMX writer lives with the other libxml2 code (STYLE L2)
  # but is listed here, with the module that uses it
  ${CMAKE_CURRENT_LIST_DIR}/../formats/tmx_glossary.c)
