# SPDX-License-Identifier: MIT
# Compiler flags for our own targets (STYLE C5) and the sanitizer switch.

set(SV_WARNING_FLAGS
  -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes
  -Wmissing-prototypes -Wformat=2 -Wno-unused-parameter)
# snprintf into fixed message buffers truncates on purpose (STYLE E4 keeps
# messages to one bounded line); GCC's -Wformat-truncation flags exactly
# that idiom, so it is off where the compiler has it.
include(CheckCCompilerFlag)
check_c_compiler_flag(-Wno-format-truncation SV_HAVE_WNO_FORMAT_TRUNCATION)
if(SV_HAVE_WNO_FORMAT_TRUNCATION)
  list(APPEND SV_WARNING_FLAGS -Wno-format-truncation)
endif()
if(SVERKA_WERROR)
  list(APPEND SV_WARNING_FLAGS -Werror)
endif()

if(SVERKA_SANITIZE)
  set(SV_SANITIZE_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer
      -fno-sanitize-recover=undefined)
  add_compile_options(${SV_SANITIZE_FLAGS})
  add_link_options(-fsanitize=address,undefined)
endif()

if(SVERKA_FUZZ)
  # Coverage instrumentation for the whole tree; the fuzz targets add the
  # libFuzzer driver themselves.  Undefined behaviour aborts, so the fuzzer
  # keeps the input (otherwise UBSan only prints and the run goes on).
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined
                      -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

function(sv_target_warnings target)
  target_compile_options(${target} PRIVATE ${SV_WARNING_FLAGS})
endfunction()
