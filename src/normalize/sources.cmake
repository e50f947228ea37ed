# SPDX-License-Identifier: MIT
# The normalizer: pipeline, shared helpers and one file per step.  The
# mojibake step (mojibake.c) is written separately; it is built in when
# present (SV_WITHOUT_MOJIBAKE=ON leaves it out, for building while that
# file is being written), and the pipeline is told so.
list(APPEND SV_LIB_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/pipeline.c
  ${CMAKE_CURRENT_LIST_DIR}/fastpath.c
  ${CMAKE_CURRENT_LIST_DIR}/text.c
  ${CMAKE_CURRENT_LIST_DIR}/data.c
  ${CMAKE_CURRENT_LIST_DIR}/entities.c
  ${CMAKE_CURRENT_LIST_DIR}/controls.c
  ${CMAKE_CURRENT_LIST_DIR}/unicode.c
  ${CMAKE_CURRENT_LIST_DIR}/spaces.c
  ${CMAKE_CURRENT_LIST_DIR}/punctuation.c
  ${CMAKE_CURRENT_LIST_DIR}/homoglyphs.c
  ${CMAKE_CURRENT_LIST_DIR}/glued.c
  ${CMAKE_CURRENT_LIST_DIR}/hyphenation.c
  ${CMAKE_CURRENT_LIST_DIR}/drop.c)
if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/mojibake.c AND NOT SV_WITHOUT_MOJIBAKE)
  list(APPEND SV_LIB_SOURCES ${CMAKE_CURRENT_LIST_DIR}/mojibake.c)
  set_source_files_properties(${CMAKE_CURRENT_LIST_DIR}/pipeline.c
    ${CMAKE_CURRENT_LIST_DIR}/fastpath.c
    PROPERTIES COMPILE_DEFINITIONS SV_HAVE_MOJIBAKE=1)
endif()
