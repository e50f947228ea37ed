# SPDX-License-Identifier: MIT
# Unit tests of src/lang: resources and contexts, hunspell spelling and
# stems, the ru<->en lexicon.
sv_add_unit_test(resources)
sv_add_unit_test(spell)
sv_add_unit_test(lexicon)
# The lexicon tests read the generated lexicon when it can be built.
if(TARGET sverka-lexicon)
  add_dependencies(test_lexicon sverka-lexicon)
endif()
# The compiled word lists: format, hunspell's rules over them, affix
# expansion; and their verdicts against hunspell's on real text.
sv_add_unit_test(wordset)
sv_add_unit_test(spell_agree)
if(TARGET sverka-words)
  add_dependencies(test_spell_agree sverka-words)
  add_dependencies(test_spell sverka-words)
endif()
# unit.spell also checks a compiled list of the 8-bit test dictionary
# (tests/data/lang/koi8 with dicts-tiny's added words), made at build time
# as cmake/SverkaWords.cmake makes the real ones.
if(TARGET sverka-mkwords)
  set(sv_koi8_words ${CMAKE_CURRENT_BINARY_DIR}/wordlist-koi8)
  set(sv_lang_data ${SV_TEST_DATA}/lang)
  add_custom_command(OUTPUT ${sv_koi8_words}/ru_RU.wordlist
    COMMAND ${CMAKE_COMMAND} -E copy_directory ${sv_lang_data}/dicts-tiny
            ${sv_koi8_words}
    COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0
            $<TARGET_FILE:sverka-mkwords> --aff ${sv_lang_data}/koi8/ru_RU.aff
            --dic ${sv_lang_data}/koi8/ru_RU.dic
            --extra ${sv_lang_data}/dicts-tiny/ru_extra.dic
            --out ${sv_koi8_words}/ru_RU.wordlist
    DEPENDS sverka-mkwords ${sv_lang_data}/koi8/ru_RU.aff
            ${sv_lang_data}/koi8/ru_RU.dic ${sv_lang_data}/dicts-tiny/ru_extra.dic
    COMMENT "Compiling the KOI8-R test dictionary into a word list"
    VERBATIM)
  add_custom_target(test-wordlist-koi8 DEPENDS ${sv_koi8_words}/ru_RU.wordlist)
  add_dependencies(test_spell test-wordlist-koi8)
  target_compile_definitions(test_spell PRIVATE
    SV_KOI8_WORDLIST_DIR="${sv_koi8_words}")
endif()
