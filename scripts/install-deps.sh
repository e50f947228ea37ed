#!/bin/sh
# SPDX-License-Identifier: MIT
# Install what sverka needs to build, run and test.  Debian/Ubuntu with
# apt-get (as root, or through sudo when it is there); macOS with Homebrew.
set -eu

DEBIAN_PACKAGES="build-essential cmake pkg-config libicu-dev icu-devtools \
libhunspell-dev hunspell hunspell-en-us hunspell-ru libxml2-dev libxml2-utils \
libjansson-dev libcmocka-dev mueller7-dict unicode-data parallel time python3 \
clang libclang-rt-14-dev valgrind"

if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            SUDO=sudo
        else
            echo "install-deps: run as root or install sudo" >&2
            exit 4
        fi
    fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -qq --no-install-recommends $DEBIAN_PACKAGES
elif command -v brew >/dev/null 2>&1; then
    brew install cmake pkg-config icu4c hunspell libxml2 jansson cmocka
    echo "install-deps: Homebrew has no en_US/ru_RU hunspell dictionaries or" >&2
    echo "Mueller dictionary: see README.md 'Building on macOS'." >&2
else
    echo "install-deps: no apt-get or brew; install the packages listed in" >&2
    echo "README.md 'Dependencies' by hand" >&2
    exit 4
fi
