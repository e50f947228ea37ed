# SPDX-License-Identifier: MIT
# Library sources, listed explicitly (STYLE C3).  Each module keeps its own
# list so that work on one module does not touch the others' files.
set(SV_LIB_SOURCES)
foreach(module base lang formats normalize brackets align garble)
  if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/${module}/sources.cmake)
    include(${CMAKE_CURRENT_LIST_DIR}/${module}/sources.cmake)
  endif()
endforeach()
