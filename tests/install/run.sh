#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Install into a temporary prefix, then build and run a consumer with
# find_package(sverka) and with pkg-config.
set -eu
build=$1 consumer=$2 cc=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
test -x "$tmp/prefix/bin/sverka"
test -f "$tmp/prefix/include/sverka/sverka.h"
test -f "$tmp/prefix/include/sverka/version.h"
ls "$tmp"/prefix/lib*/pkgconfig/sverka.pc >/dev/null
test -d "$tmp/prefix/share/sverka"

# 1. CMake package
cmake -S "$consumer" -B "$tmp/consumer-build" -DCMAKE_PREFIX_PATH="$tmp/prefix" \
      -DCMAKE_C_COMPILER="$cc" >/dev/null
cmake --build "$tmp/consumer-build" >/dev/null
libdir=$(dirname "$(ls "$tmp"/prefix/lib*/libsverka.so | head -1)")
LD_LIBRARY_PATH=$libdir SVERKA_DICTS="$tmp/prefix/share/sverka" \
  "$tmp/consumer-build/consumer" > "$tmp/out1"
grep -q "libsverka" "$tmp/out1"

# 2. pkg-config
export PKG_CONFIG_PATH="$libdir/pkgconfig"
"$cc" -o "$tmp/consumer-pc" "$consumer/consumer.c" $(pkg-config --cflags --libs sverka)
LD_LIBRARY_PATH=$libdir SVERKA_DICTS="$tmp/prefix/share/sverka" "$tmp/consumer-pc" > "$tmp/out2"
cmp "$tmp/out1" "$tmp/out2"

# 3. The installed CLI finds its installed data without help.
"$tmp/prefix/bin/sverka" --version | grep -q "^sverka "
echo "1 passed, 0 failed"
