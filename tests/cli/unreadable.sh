#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# An unreadable input file and an unwritable output directory (issue #8):
# exit 4 with the path and the system's reason.  Permission bits do not
# stop root, so as root the commands run as nobody (setpriv); exit 77
# (skip) when that is not possible.
set -uo pipefail
sverka=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
printf 'text\n' > "$tmp/secret.txt"
chmod 000 "$tmp/secret.txt"
mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
as=()
if [ "$(id -u)" = 0 ]; then
  command -v setpriv >/dev/null 2>&1 || { echo "root without setpriv"; exit 77; }
  as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  "${as[@]}" test -x "$sverka" || { echo "nobody cannot run $sverka"; exit 77; }
fi
fail=0
expect() {
  local name=$1 want=$2 status
  shift 2
  "${as[@]}" "$sverka" "$@" > "$tmp/$name.out" 2> "$tmp/$name.err"
  status=$?
  printf '%-12s exit %s  %s\n' "$name" "$status" "$(head -n 1 "$tmp/$name.err")"
  [ "$status" = 4 ] || { echo "  $name: exit status $status (expected 4)"; fail=1; }
  grep -qF -- "$want" "$tmp/$name.err" || { echo "  $name: stderr lacks '$want'"; fail=1; }
  [ -s "$tmp/$name.out" ] && { echo "  $name: output written"; fail=1; }
}
expect unreadable "$tmp/secret.txt: cannot open: Permission denied" \
  normalize "$tmp/secret.txt"
expect unwritable "$tmp/ro/out.txt: cannot create output: Permission denied" \
  normalize -o "$tmp/ro/out.txt" "$src/samples/en-news.txt"
ls "$tmp/ro" | grep -q . && { echo "  unwritable: files left in the directory"; fail=1; }
exit $fail
