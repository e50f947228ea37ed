#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Retrain the shipped garble models from ../shared/data (see dicts/README.md):
#   tests/bench/garble_train.sh SVERKA_BINARY SHARED_DIR WORK_DIR OUT_DIR
# Prepares the labeled TSVs and LM corpora (garble_prep.py, split by
# document), trains the character LMs and the classifiers for en and ru,
# the word statistics (en), and writes garble_{en,ru}.{lm,model} and
# garble_en.words into OUT_DIR (normally dicts/).
set -euo pipefail
sverka=$1 shared=$2 work=$3 out=$4
here=$(cd "$(dirname "$0")" && pwd)
python3 "$here/garble_prep.py" "$shared/data" "$work"
en_note="human: MLQE-PE ru-en post-edits (detokenised) of the LM part of the training documents (hash buckets 1-2), WMT21/22 ru-en news references, WMT21 TED zh-en human references (talk.7); MT: ru-en Reddit MT judged garbled and zh-en TED MT with a Major MQM error (LM part of the training documents)"
ru_note="human: WMT21/22 ru-en news Russian originals; MT: WMT22 QE en-ru dev MT with MQM score below 50 (LM part of the segments)"
"$sverka" flag --train-lm --human "$work/lm_en_human.txt" --mt "$work/lm_en_mt.txt" \
  --note "$en_note" -o "$out/garble_en.lm"
"$sverka" flag --train-lm --human "$work/lm_ru_human.txt" --mt "$work/lm_ru_mt.txt" \
  --note "$ru_note" -o "$out/garble_ru.lm"
"$sverka" flag --train-words --pairs "$work/en_pairs.tsv" --human "$work/lm_en_human.txt" \
  --note "MLQE-PE ru-en Reddit MT and post-edits of the LM part of the training documents (hash buckets 1-2); human side as garble_en.lm" \
  -o "$out/garble_en.words"
"$sverka" flag --train "$work/en_train.tsv" --lang en --lm "$out/garble_en.lm" \
  --note "MLQE-PE ru-en Reddit (garbled: DA<50 and HTER>=0.3; clean: DA>=80 and HTER<=0.1) and WMT21 TED zh-en MQM (garbled: a Major error; clean: no Major and MQM<=1), training documents only (doc_id hash buckets 3-4, talks 6 and 9)" \
  -o "$out/garble_en.model"
"$sverka" flag --train "$work/ru_train.tsv" --lang ru --lm "$out/garble_ru.lm" \
  --note "WMT22 QE en-ru dev (garbled: MQM<50; clean: MQM=100), segments with index mod 5 in 3-4" \
  -o "$out/garble_ru.model"
