# SPDX-License-Identifier: MIT
# Compiles the system's hunspell en_US and ru_RU dictionaries, with the
# project's added word lists, into en_US.wordlist and ru_RU.wordlist in
# ${SV_BUILD_DATADIR} (tools/mkwords.c; the format is src/lang/wordset.h).
# The library maps these at start-up instead of loading hunspell, which
# takes a tenth of a second for ru_RU.  A missing dictionary is skipped
# here: the library reports it at run time as before.  The lists are
# checked against the dictionaries at every start, so a dictionary
# updated after the build only costs the start-up again.

# $SVERKA_HUNSPELL (a ':'-separated list) first: the library looks there
# first too.
string(REPLACE ":" ";" sv_hunspell_env "$ENV{SVERKA_HUNSPELL}")
set(SV_HUNSPELL_DIRS ${sv_hunspell_env} /usr/share/hunspell /usr/share/myspell/dicts
    /usr/share/myspell /usr/local/share/hunspell /opt/homebrew/share/hunspell
    /usr/local/share/myspell /Library/Spelling $ENV{HOME}/Library/Spelling)

if(CMAKE_CROSSCOMPILING)
  message(STATUS "sverka: cross-compiling, hunspell dictionaries are not "
    "compiled into word lists (the library loads hunspell instead)")
  return()
endif()

add_executable(sverka-mkwords ${PROJECT_SOURCE_DIR}/tools/mkwords.c)
target_include_directories(sverka-mkwords PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(sverka-mkwords PRIVATE sverka_static PkgConfig::HUNSPELL)
sv_target_warnings(sverka-mkwords)

# The added lists of each dictionary, in the order the library adds them
# (src/lang/resources.c, langs[]).
set(SV_WORDS_EXTRA_en_US en_extra.dic en_british.dic)
set(SV_WORDS_EXTRA_ru_RU ru_extra.dic)

# The lists are remade when the dictionaries or the code that writes them
# change, not whenever the library is relinked (ru_RU takes ~10 s).
set(sv_words_tool_sources ${PROJECT_SOURCE_DIR}/tools/mkwords.c
    ${PROJECT_SOURCE_DIR}/src/lang/affix.c ${PROJECT_SOURCE_DIR}/src/lang/affix.h
    ${PROJECT_SOURCE_DIR}/src/lang/wordset.c
    ${PROJECT_SOURCE_DIR}/src/lang/wordset.h
    ${PROJECT_SOURCE_DIR}/src/lang/wordcase.c
    ${PROJECT_SOURCE_DIR}/src/lang/codepage.c)

set(SV_WORDS_FILES "")
foreach(dict en_US ru_RU)
  find_file(SV_${dict}_AFF ${dict}.aff PATHS ${SV_HUNSPELL_DIRS}
            NO_DEFAULT_PATH DOC "hunspell ${dict} affix file")
  find_file(SV_${dict}_DIC ${dict}.dic PATHS ${SV_HUNSPELL_DIRS}
            NO_DEFAULT_PATH DOC "hunspell ${dict} word list")
  if(NOT EXISTS "${SV_${dict}_AFF}" OR NOT EXISTS "${SV_${dict}_DIC}")
    continue()
  endif()
  set(extra_args "")
  set(extra_deps "")
  foreach(extra ${SV_WORDS_EXTRA_${dict}})
    if(EXISTS ${PROJECT_SOURCE_DIR}/dicts/${extra})
      list(APPEND extra_args --extra ${PROJECT_SOURCE_DIR}/dicts/${extra})
      list(APPEND extra_deps ${PROJECT_SOURCE_DIR}/dicts/${extra})
    endif()
  endforeach()
  set(out ${SV_BUILD_DATADIR}/${dict}.wordlist)
  # detect_leaks=0: under SVERKA_SANITIZE the tool is instrumented too, and
  # hunspell's own allocations must not fail the build.
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${SV_BUILD_DATADIR}
    COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0
            $<TARGET_FILE:sverka-mkwords> --aff ${SV_${dict}_AFF}
            --dic ${SV_${dict}_DIC} ${extra_args} --out ${out}
    DEPENDS ${sv_words_tool_sources} ${SV_${dict}_AFF} ${SV_${dict}_DIC}
            ${extra_deps}
    COMMENT "Compiling the hunspell ${dict} dictionary into a word list"
    VERBATIM)
  list(APPEND SV_WORDS_FILES ${out})
endforeach()

if(SV_WORDS_FILES)
  add_custom_target(sverka-words ALL DEPENDS ${SV_WORDS_FILES})
  # dicts/ is copied first, so the data directory is complete after both.
  add_dependencies(sverka-words sverka-data sverka-mkwords)
endif()
