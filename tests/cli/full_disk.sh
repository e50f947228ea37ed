#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A full disk on output: both -o /dev/full and a stdout redirected to it
# fail with exit 4 and "write failed", and /dev/full stays a device (a
# temporary file must never be renamed over it).  Skips (77) when the
# machine has no /dev/full character device.
set -u
sverka=$1 src=$2
if [ ! -c /dev/full ]; then
  echo "/dev/full is not a character device here: skipping"; exit 77
fi
fail=0
"$sverka" normalize -o /dev/full "$src/samples/en-news.txt" 2> /tmp/sv-full.$$
status=$?
[ $status = 4 ] || { echo "-o /dev/full: exit $status, expected 4"; fail=1; }
grep -q "write failed" /tmp/sv-full.$$ || { echo "-o /dev/full: no 'write failed'"; fail=1; }
"$sverka" normalize "$src/samples/en-news.txt" > /dev/full 2> /tmp/sv-full.$$
status=$?
[ $status = 4 ] || { echo "stdout on /dev/full: exit $status, expected 4"; fail=1; }
grep -q "write failed" /tmp/sv-full.$$ || { echo "stdout on /dev/full: no 'write failed'"; fail=1; }
rm -f /tmp/sv-full.$$
[ -c /dev/full ] || { echo "/dev/full was replaced!"; fail=1; }
if [ $fail = 0 ]; then echo "2 passed, 0 failed"; else echo "0 passed, 1 failed"; fi
exit $fail
