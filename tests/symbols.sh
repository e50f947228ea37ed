#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Only sv_* symbols may be exported by the shared library (STYLE N2).
set -eu
lib=$1
bad=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | grep -v '^sv_' || true)
count=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' | grep -c '^sv_' || true)
if [ -n "$bad" ]; then
  echo "exported symbols without the sv_ prefix:"; echo "$bad"; exit 1
fi
if nm -D --defined-only "$lib" | awk '{print $3}' | grep -q '^sv__'; then
  echo "internal sv__ symbols are exported"; exit 1
fi
echo "$count sv_ symbols exported, nothing else"
echo "1 passed, 0 failed"
