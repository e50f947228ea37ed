#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The CLI golden cases (cases.txt) under valgrind memcheck (issue #8, CI):
# each case runs through run_case.sh with the binary wrapped so that any
# memory error or definite leak makes it exit 99, which fails the case.
#   valgrind_cases.sh SVERKA SRC_DIR [CASE...]
# SVERKA_DICTS should name the build's data directory; VALGRIND_JOBS cases
# run at a time (default 2).  Exit 77 when valgrind is not installed.
set -uo pipefail

# One case (called back through xargs): --case WRAPPER SRC OUTDIR CASE.
if [ "${1:-}" = --case ]; then
  wrapper=$2 src=$3 outdir=$4 c=$5
  t0=$(date +%s)
  if bash "$src/tests/cli/run_case.sh" "$wrapper" "$src/tests/cli/$c" "$src" \
       > "$outdir/$c.out" 2>&1; then
    printf 'ok   %-28s %3d s\n' "$c" $(( $(date +%s) - t0 ))
  else
    printf 'FAIL %-28s\n' "$c"; cat "$outdir/$c.out"
    touch "$outdir/$c.failed"
  fi
  exit 0
fi

sverka=$(realpath "$1") src=$(realpath "$2")
shift 2
command -v valgrind >/dev/null 2>&1 || { echo "valgrind not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/out"

cat > "$tmp/sverka" <<EOF
#!/bin/sh
exec valgrind --quiet --error-exitcode=99 --leak-check=full \\
  --errors-for-leak-kinds=definite --show-leak-kinds=definite \\
  --log-file="$tmp/out/vg.%p.log" "$sverka" "\$@"
EOF
chmod +x "$tmp/sverka"

if [ $# -eq 0 ]; then
  mapfile -t cases < <(grep -E '^[a-z0-9_.-]+$' "$src/tests/cli/cases.txt")
else
  cases=("$@")
fi
start=$(date +%s)
printf '%s\n' "${cases[@]}" |
  xargs -P "${VALGRIND_JOBS:-2}" -I{} bash "$0" --case "$tmp/sverka" "$src" "$tmp/out" {}
# Any report valgrind wrote (errors or definite leaks) is printed.
for log in "$tmp"/out/vg.*.log; do
  [ -s "$log" ] && { echo "--- $log"; cat "$log"; }
done
failed=$(find "$tmp/out" -name '*.failed' | wc -l)
echo "valgrind: ${#cases[@]} cases, $failed failed, $(( $(date +%s) - start )) s"
[ "$failed" -eq 0 ]
