#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The record contract (issue #7): -j N output is byte-identical to -j 1,
# and so is the output of GNU parallel splitting the stream across 4 jobs
# (parallel --pipe -k).  Skips (77) when GNU parallel is not installed.
set -euo pipefail
sverka=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A JSONL corpus from the samples: one record per paragraph, with ids.
awk 'BEGIN { RS = ""; id = 0 }
  { for (copy = 0; copy < 40; copy++) {
      gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); gsub(/\n/, "\\n")
      printf "{\"id\":%d,\"copy\":%d,\"text\":\"%s\"}\n", id++, copy, $0 } }' \
  "$src"/samples/en-news.txt "$src"/samples/garbled-mt.txt \
  "$src"/samples/ru-original.txt "$src"/samples/mojibake.txt > "$tmp/in.jsonl"
records=$(wc -l < "$tmp/in.jsonl")

"$sverka" normalize --jsonl -j 1 -q < "$tmp/in.jsonl" > "$tmp/j1.jsonl"
for j in 2 4; do
  "$sverka" normalize --jsonl -j $j -q < "$tmp/in.jsonl" > "$tmp/j$j.jsonl"
  cmp "$tmp/j1.jsonl" "$tmp/j$j.jsonl"
done
"$sverka" normalize --drop all --record paragraph -j 1 -q "$src/samples/en-news.txt" > "$tmp/p1.txt"
"$sverka" normalize --drop all --record paragraph -j 3 -q "$src/samples/en-news.txt" > "$tmp/p3.txt"
cmp "$tmp/p1.txt" "$tmp/p3.txt"
[ "$(wc -l < "$tmp/j1.jsonl")" -eq "$records" ] || { echo "record count changed"; exit 1; }

if ! command -v parallel >/dev/null 2>&1; then
  echo "GNU parallel not installed: skipping the cluster-style check"; exit 77
fi
parallel --will-cite --pipe --block 20k -k -j 4 "$sverka" normalize --jsonl -j 1 -q \
  < "$tmp/in.jsonl" > "$tmp/parallel.jsonl"
cmp "$tmp/j1.jsonl" "$tmp/parallel.jsonl"
echo "$records records: -j 2, -j 4 and GNU parallel (4 jobs) identical to -j 1"
echo "1 passed, 0 failed"
