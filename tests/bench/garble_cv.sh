#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Cross-validated ROC AUC of a garble model setup on the TRAINING rows only
# (for choosing features and options without looking at the held-out
# documents): for each fold k, a model fitted on the other folds' rows
# (their features cross-fitted, --folds) scores fold k's rows with the LM
# and word statistics trained without fold k.  Run garble_train.sh first
# (it leaves WORK_DIR/folds and the TSVs).
#   garble_cv.sh SVERKA GARBLE_EVAL DICTS WORK_DIR TSV LANG [--train options...]
# GARBLE_SET=en_ruen uses that corpus set's fold models (as the ru->en
# models do) instead of LANG's.
set -euo pipefail
sverka=$1 eval_bin=$2 dicts=$3 work=$4 tsv=$5 lang=$6
shift 6
folds=$work/folds/${GARBLE_SET:-$lang}
cv=$work/cv
mkdir -p "$cv"
col=$(head -1 "$work/$tsv" | tr '\t' '\n' | grep -n '^fold$' | cut -d: -f1)
sum=0 n=0
for lm in "$folds"/fold*.lm; do
  k=${lm##*/fold}; k=${k%.lm}
  awk -F'\t' -v c="$col" -v k="$k" 'NR == 1 || $c != k' "$work/$tsv" > "$cv/train.tsv"
  awk -F'\t' -v c="$col" -v k="$k" 'NR == 1 || $c == k' "$work/$tsv" > "$cv/test.tsv"
  cp "$cv/test.tsv" "$cv/test.$k.tsv"
  words=()
  [ -f "$folds/fold$k.words" ] && words=(--words "$folds/fold$k.words")
  "$sverka" flag --train "$cv/train.tsv" --lang "$lang" --lm "$lm" \
    "${words[@]}" --folds "$folds" "$@" -o "$cv/model" > /dev/null
  # a source LM the model names is looked up next to it
  sl=$(awk '$1 == "source-lm" { print $2 }' "$cv/model")
  [ -z "$sl" ] || cp "$dicts/$sl" "$cv/$sl"
  # word statistics the training wrote next to the model (n-gram weights
  # learned without fold k) replace the fold's own
  mw=$(awk '$1 == "words" { print $2 }' "$cv/model")
  [ -z "$mw" ] || [ ! -f "$cv/$mw" ] || words=(--words "$cv/$mw")
  auc=$("$eval_bin" --dicts "$dicts" --lang "$lang" --model "$cv/model" \
    --lm "$lm" "${words[@]}" --scores "$cv/scores.$k" "$cv/test.tsv" | awk '$1 == "all" { print $3 }')
  echo "fold $k: AUC $auc"
  sum=$(awk -v s="$sum" -v a="$auc" 'BEGIN { print s + a }')
  n=$((n + 1))
done
awk -v s="$sum" -v n="$n" 'BEGIN { printf "mean AUC over %d folds: %.3f\n", n, s / n }'
