# SPDX-License-Identifier: MIT
# Finds the runtime dependencies and collects them as imported targets in
# SV_DEP_TARGETS (STYLE C4).  Each failure says which Debian package and
# which Homebrew formula provide what is missing.

find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

find_package(ICU 60 COMPONENTS uc i18n data)
if(NOT ICU_FOUND)
  message(FATAL_ERROR "ICU4C not found: apt-get install libicu-dev "
    "(macOS: brew install icu4c and set PKG_CONFIG_PATH/ICU_ROOT)")
endif()

find_package(LibXml2)
if(NOT LibXml2_FOUND)
  message(FATAL_ERROR "libxml2 not found: apt-get install libxml2-dev "
    "(macOS: brew install libxml2)")
endif()

pkg_check_modules(HUNSPELL IMPORTED_TARGET hunspell)
if(NOT HUNSPELL_FOUND)
  message(FATAL_ERROR "hunspell not found: apt-get install libhunspell-dev "
    "(macOS: brew install hunspell)")
endif()

pkg_check_modules(JANSSON IMPORTED_TARGET jansson)
if(NOT JANSSON_FOUND)
  message(FATAL_ERROR "jansson not found: apt-get install libjansson-dev "
    "(macOS: brew install jansson)")
endif()

set(SV_DEP_TARGETS ICU::i18n ICU::uc ICU::data LibXml2::LibXml2
    PkgConfig::HUNSPELL PkgConfig::JANSSON Threads::Threads m)
