# SPDX-License-Identifier: MIT
# Builds the ru<->en lexicon at build time: tools/mklexicon (a host
# executable linked with hunspell) converts Mueller's English-Russian
# dictionary (Debian mueller7-dict, GPL-2+) into lexicon-en-ru.tsv and
# lexicon-ru-en.tsv in ${SV_BUILD_DATADIR}, which the install rules copy to
# share/sverka.  Without Mueller (or hunspell-ru) the build still succeeds
# with a warning, and the library reports at run time that the lexicon is
# missing and how to get it.

set(SV_DICTD_DIRS /usr/share/dictd /usr/local/share/dictd
    /opt/homebrew/share/dictd)
# SV_HUNSPELL_DIRS comes from SverkaWords.cmake, included first.

find_file(SV_MUELLER_INDEX mueller7.index PATHS ${SV_DICTD_DIRS}
          NO_DEFAULT_PATH DOC "Mueller 7 dictd index (mueller7-dict)")
find_file(SV_MUELLER_DICT NAMES mueller7.dict.dz mueller7.dict
          PATHS ${SV_DICTD_DIRS} NO_DEFAULT_PATH
          DOC "Mueller 7 dictd data (mueller7-dict)")
find_file(SV_LEXICON_RU_AFF ru_RU.aff PATHS ${SV_HUNSPELL_DIRS}
          NO_DEFAULT_PATH DOC "hunspell ru_RU affix file (hunspell-ru)")
find_file(SV_LEXICON_RU_DIC ru_RU.dic PATHS ${SV_HUNSPELL_DIRS}
          NO_DEFAULT_PATH DOC "hunspell ru_RU word list (hunspell-ru)")
find_program(SV_GZIP gzip DOC "gzip, to read dictd's .dict.dz")

set(SV_LEXICON_MISSING "")
string(REPLACE ";" ", " sv_dictd_list "${SV_DICTD_DIRS}")
if(NOT EXISTS "${SV_MUELLER_INDEX}" OR NOT EXISTS "${SV_MUELLER_DICT}")
  string(APPEND SV_LEXICON_MISSING
    " Mueller 7 (mueller7.index, mueller7.dict.dz; looked in ${sv_dictd_list}:"
    " apt-get install mueller7-dict);")
endif()
if(NOT EXISTS "${SV_LEXICON_RU_AFF}" OR NOT EXISTS "${SV_LEXICON_RU_DIC}")
  string(APPEND SV_LEXICON_MISSING
    " hunspell ru_RU.aff/.dic (apt-get install hunspell-ru);")
endif()
if(NOT SV_GZIP)
  string(APPEND SV_LEXICON_MISSING " the gzip program;")
endif()
if(CMAKE_CROSSCOMPILING)
  string(APPEND SV_LEXICON_MISSING
    " a host build (tools/mklexicon runs at build time; build the lexicon"
    " natively and pass it in SVERKA_DICTS);")
endif()

if(NOT SV_LEXICON_MISSING STREQUAL "")
  message(WARNING "sverka: the ru<->en lexicon will not be built; missing:"
    "${SV_LEXICON_MISSING} features that need it report so at run time."
    " Install what is missing and re-run cmake.")
  return()
endif()

add_executable(sverka-mklexicon
  ${PROJECT_SOURCE_DIR}/tools/mklexicon.c
  ${PROJECT_SOURCE_DIR}/src/lang/wordcase.c
  ${PROJECT_SOURCE_DIR}/src/base/alloc.c
  ${PROJECT_SOURCE_DIR}/src/base/buf.c
  ${PROJECT_SOURCE_DIR}/src/base/hashmap.c
  ${PROJECT_SOURCE_DIR}/src/base/utf8.c)
target_include_directories(sverka-mklexicon PRIVATE
  ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/include
  ${PROJECT_BINARY_DIR}/include)
target_link_libraries(sverka-mklexicon PRIVATE PkgConfig::HUNSPELL m)
sv_target_warnings(sverka-mklexicon)

set(SV_LEXICON_FILES ${SV_BUILD_DATADIR}/lexicon-en-ru.tsv
    ${SV_BUILD_DATADIR}/lexicon-ru-en.tsv)
# detect_leaks=0: under SVERKA_SANITIZE the tool is instrumented too, and
# hunspell's own allocations must not fail the build.
add_custom_command(OUTPUT ${SV_LEXICON_FILES}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${SV_BUILD_DATADIR}
  COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0
          $<TARGET_FILE:sverka-mklexicon>
          --index ${SV_MUELLER_INDEX} --dict ${SV_MUELLER_DICT}
          --ru-aff ${SV_LEXICON_RU_AFF} --ru-dic ${SV_LEXICON_RU_DIC}
          --gzip ${SV_GZIP} --out-dir ${SV_BUILD_DATADIR}
  DEPENDS sverka-mklexicon ${SV_MUELLER_INDEX} ${SV_MUELLER_DICT}
          ${SV_LEXICON_RU_AFF} ${SV_LEXICON_RU_DIC}
  COMMENT "Building the ru<->en lexicon from Mueller 7"
  VERBATIM)
add_custom_target(sverka-lexicon ALL DEPENDS ${SV_LEXICON_FILES})
# dicts/ is copied first, so the generated files are never overwritten by
# a stale copy and the data directory is complete once both have run.
add_dependencies(sverka-lexicon sverka-data)
