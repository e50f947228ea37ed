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
