#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Bad situations that need a process, not a file (issue #8): SIGPIPE when
# piped into head, SIGINT in the middle of a run with -o (no partial or
# temporary file left), and a 200 MB single line (a clear error, exit 3,
# bounded memory).
set -uo pipefail
sverka=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# 1. SIGPIPE: the reader of our output goes away; we stop quietly.
for i in $(seq 1 3000); do cat "$src/samples/en-translation.txt"; done > "$tmp/big.txt"
"$sverka" normalize --record line "$tmp/big.txt" 2> "$tmp/pipe.err" | head -1 > "$tmp/head.out"
status=${PIPESTATUS[0]}
if [ "$status" != 141 ] && [ "$status" != 0 ]; then
  echo "SIGPIPE: exit status $status (expected 141 or 0)"; fail=1
fi
[ -s "$tmp/pipe.err" ] && { echo "SIGPIPE: stderr not empty:"; cat "$tmp/pipe.err"; fail=1; }
[ "$(wc -l < "$tmp/head.out")" = 1 ] || { echo "SIGPIPE: head got no line"; fail=1; }

# 2. SIGINT mid-run: input from a FIFO that stays open, so the run is
# certainly in progress when the signal comes.
mkfifo "$tmp/in.fifo"
exec 3<> "$tmp/in.fifo"
printf 'first paragraph\n\n' >&3
"$sverka" normalize --record paragraph -o "$tmp/out.txt" "$tmp/in.fifo" 2>/dev/null &
pid=$!
sleep 0.5
kill -INT $pid
wait $pid
status=$?
exec 3>&-
[ "$status" = 130 ] || { echo "SIGINT: exit status $status (expected 130)"; fail=1; }
if ls "$tmp"/out.txt* >/dev/null 2>&1; then
  echo "SIGINT: output left behind:"; ls "$tmp"/out.txt*; fail=1
fi

# 3. A 200 MB single line: refused past --max-record with a clear message.
head -c 200000000 /dev/zero | tr '\0' 'a' > "$tmp/line.txt"
/usr/bin/time -f "%M" -o "$tmp/rss" "$sverka" normalize --record line "$tmp/line.txt" \
  > /dev/null 2> "$tmp/line.err"
status=$?
[ "$status" = 3 ] || { echo "200 MB line: exit status $status (expected 3)"; fail=1; }
grep -q "line.txt:1" "$tmp/line.err" || { echo "200 MB line: message lacks the place:"; cat "$tmp/line.err"; fail=1; }
rss_kb=$(tail -1 "$tmp/rss")
[ "$rss_kb" -lt 400000 ] || { echo "200 MB line: peak RSS $rss_kb KB"; fail=1; }
rm -f "$tmp/line.txt"

if [ $fail = 0 ]; then echo "3 passed, 0 failed"; else echo "0 passed, 1 failed"; fi
exit $fail
