#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs one declarative CLI case (STYLE T3): tests/cli/<case>/
#   args            one argument per line; $SAMPLES, $DATA, $TMP are expanded
#   stdin           optional: fed to standard input (else /dev/null)
#   stdout          optional: expected standard output, byte for byte
#   stdout_contains optional: lines that must each appear in stdout
#   stderr_contains optional: lines that must each appear in stderr
#   exit            expected exit status (default 0)
#   check           optional: a shell snippet run afterwards with $TMP set;
#                   it must exit 0 (for side effects such as -o files)
set -u
sverka=$1
case_dir=$2
src_dir=$3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export TMP
SAMPLES=$src_dir/samples
DATA=$src_dir/tests/data

args=()
if [ -f "$case_dir/args" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line//\$SAMPLES/$SAMPLES}
    line=${line//\$DATA/$DATA}
    line=${line//\$TMP/$TMP}
    args+=("$line")
  done < "$case_dir/args"
fi
stdin=/dev/null
[ -f "$case_dir/stdin" ] && stdin=$case_dir/stdin
expected_exit=0
[ -f "$case_dir/exit" ] && expected_exit=$(tr -d ' \n' < "$case_dir/exit")

"$sverka" "${args[@]}" < "$stdin" > "$TMP/stdout" 2> "$TMP/stderr"
status=$?
fail=0
if [ "$status" != "$expected_exit" ]; then
  echo "exit status $status, expected $expected_exit"; fail=1
fi
if [ -f "$case_dir/stdout" ] && ! cmp -s "$case_dir/stdout" "$TMP/stdout"; then
  echo "stdout differs from $case_dir/stdout:"
  diff -u "$case_dir/stdout" "$TMP/stdout" | head -40
  fail=1
fi
for stream in stdout stderr; do
  if [ -f "$case_dir/${stream}_contains" ]; then
    while IFS= read -r want || [ -n "$want" ]; do
      [ -z "$want" ] && continue
      want=${want//\$SAMPLES/$SAMPLES}
      if ! grep -qF -- "$want" "$TMP/$stream"; then
        echo "$stream lacks: $want"; fail=1
      fi
    done < "$case_dir/${stream}_contains"
  fi
done
if [ -f "$case_dir/check" ]; then
  if ! (cd "$TMP" && SAMPLES=$SAMPLES DATA=$DATA SVERKA=$sverka bash -eu "$case_dir/check"); then
    echo "check script failed"; fail=1
  fi
fi
if [ "$fail" != 0 ]; then
  echo "--- stderr:"; head -20 "$TMP/stderr"
  exit 1
fi
exit 0
