#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Full evaluation of the shipped garble models on the held-out documents of
# ../shared/data/garble (skips with 77 when ../shared is absent):
#   garble_eval.sh GARBLE_EVAL DICTS_DIR SHARED_DIR WORK_DIR
set -euo pipefail
eval_bin=$1 dicts=$2 shared=$3 work=$4
if [ ! -f "$shared/data/garble/README.md" ]; then
  echo "skipped: $shared/data/garble is absent"; exit 77
fi
here=$(cd "$(dirname "$0")" && pwd)
python3 "$here/garble_prep.py" "$shared/data" "$work" > /dev/null
status=0
echo "== ru->en MLQE-PE Reddit, held-out documents"
"$eval_bin" --dicts "$dicts" --lang en "$work/en_test_ruen.tsv" || status=1
echo "== ru->en MLQE-PE wikiquote proverbs (reported separately)"
"$eval_bin" --dicts "$dicts" --lang en "$work/en_test_wikiquote.tsv" || status=1
echo "== ru->en MLQE-PE Reddit, held-out documents, ru-en model (--model garble_en_ruen.model)"
"$eval_bin" --dicts "$dicts" --lang en --model "$dicts/garble_en_ruen.model" "$work/en_test_ruen.tsv" || status=1
echo "== ru->en MLQE-PE Reddit, held-out documents, with the Russian source (--source-field: garble_en_source.model)"
"$eval_bin" --dicts "$dicts" --lang en --model "$dicts/garble_en_source.model" "$work/en_test_ruen.tsv" || status=1
echo "== zh->en WMT21 TED MQM, held-out talks (2, 5)"
"$eval_bin" --dicts "$dicts" --lang en "$work/en_test_zhen.tsv" || status=1
echo "== zh->en WMT21 TED MQM, held-out talks (2, 5), zh-en model (--model garble_en_zhen.model)"
"$eval_bin" --dicts "$dicts" --lang en --model "$dicts/garble_en_zhen.model" "$work/en_test_zhen.tsv" || status=1
echo "== en->ru WMT22 QE MQM, held-out segments (Russian model)"
"$eval_bin" --dicts "$dicts" --lang ru "$work/ru_test.tsv" || status=1
exit $status
