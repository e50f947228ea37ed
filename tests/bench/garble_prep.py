#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Turn ../shared/data/garble into labeled TSVs and LM corpora for
`sverka flag --train`, `--train-lm` and the garble_eval harness.

Labels follow ../shared/data/garble/README.md.  Train/test is split by
document (doc_id) so the same source under several systems never lands on
both sides; en->ru has no doc_id, so it is split by segment (one system,
each source once).  Nothing written here may be committed (it is the data).

usage: garble_prep.py SHARED_DATA_DIR OUT_DIR
"""
import csv
import hashlib
import os
import re
import sys

csv.field_size_limit(1 << 30)


def bucket(doc_id, mod=5):
    return int(hashlib.md5(doc_id.encode()).hexdigest(), 16) % mod


def detok(s):
    """Undo Moses tokenisation of the MLQE-PE post-edits."""
    s = s.replace('&apos;', "'").replace('&quot;', '"').replace('&amp;', '&')
    s = s.replace('&lt;', '<').replace('&gt;', '>').replace('&#91;', '[')
    s = s.replace('&#93;', ']').replace('&#124;', '|')
    s = re.sub(r" (n't|'s|'re|'ve|'m|'ll|'d)\b", r'\1', s)
    s = re.sub(r' ([.,;:!?%)\]}])', r'\1', s)
    s = re.sub(r'([(\[{$]) ', r'\1', s)
    s = re.sub(r'" (.*?) "', r'"\1"', s)
    return s.strip()


def clean(s):
    return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ').strip()


def rows(path):
    with open(path, newline='', encoding='utf-8') as f:
        yield from csv.DictReader(f, delimiter='\t', quoting=csv.QUOTE_NONE)


EN_FOLDS = 3  # cross-fitting folds of the English training documents
RU_FOLDS = 4  # of the en->ru training segments (index mod 5 in 1..4)
ZH_TEST = {'talk.2', 'talk.5'}
# The ru-en model's word n-gram weights (sverka flag --train, 'bow'
# column) are learned on every ru-en training row, the middle ones too:
# garbled when DA < 60, clean when DA >= 75 (the classifier's own labels
# gave 0.722 in cross-validation, this 0.748, in the prototype).
BOW_GARBLED, BOW_CLEAN = 60, 75
# Garbled ru-en rows weigh 10 times (about the class ratio) in fitting
# the ru-en classifiers, 'class_weight' column; sverka flag --train takes
# the weights' shift back out of the bias, so the scores stay calibrated.
# Cross-validated 0.747 -> 0.752 text-only, 0.813 -> 0.819 with the
# source (5 times: 0.751).
RUEN_CLASS_WEIGHT = 10
ZH_FOLD = {'talk.6': 1, 'talk.7': 2, 'talk.9': 3}


def en_fold(doc_id):
    """Fold 1..EN_FOLDS of an MLQE-PE training document."""
    return 1 + int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % EN_FOLDS


class Corpora:
    """LM and word-statistics corpora, once per fold plus the whole.

    Text of fold k goes to every fold's corpus but k's own (the model that
    scores fold k's rows never saw them) and to the whole (the shipped
    model); fold 0 is material of no classifier row, in every corpus."""

    def __init__(self, out, lang, folds, kinds):
        self.folds = folds
        self.files = {}
        for kind, ext in kinds:
            for k in range(folds + 1):
                suffix = '' if k == 0 else '.f%d' % k
                name = 'lm_%s_%s%s.%s' % (lang, kind, suffix, ext)
                if kind == 'pairs':
                    name = '%s_pairs%s.tsv' % (lang, suffix)
                f = open(os.path.join(out, name), 'w', encoding='utf-8')
                if kind == 'pairs':
                    f.write('mt\tpost_edit\n')
                self.files[kind, k] = f

    def put(self, kind, fold, line):
        for k in range(self.folds + 1):
            if k == 0 or k != fold:
                self.files[kind, k].write(line + '\n')

    def close(self):
        for f in self.files.values():
            f.close()


def main():
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    g = os.path.join(src, 'garble')
    head = 'label\ttext\tdoc_id\tsystem\tdataset\tfold\tsource\n'
    files = {k: open(os.path.join(out, k), 'w', encoding='utf-8') for k in (
        'en_test_ruen.tsv', 'en_test_zhen.tsv', 'en_test_wikiquote.tsv',
        'ru_train.tsv', 'ru_test.tsv')}
    for f in files.values():
        f.write(head)
    en = Corpora(out, 'en', EN_FOLDS, [('human', 'txt'), ('mt', 'txt'),
                                        ('pairs', 'tsv')])
    # ru->en alone (garble_en_ruen.lm): Reddit and proverb post-edits
    # against Reddit MT judged garbled, without TED or news, which
    # cross-validated better for that direction (0.719 against 0.706).
    ruen = Corpora(out, 'en_ruen', EN_FOLDS, [('human', 'txt'),
                                              ('mt', 'txt'), ('pairs', 'tsv')])
    ru = Corpora(out, 'ru', RU_FOLDS, [('human', 'txt'), ('mt', 'txt')])

    held = []  # English training rows, written at the end with weights
    bow = {}   # ru-en training rows: n-gram target (see BOW_GARBLED)
    bow_only = []
    n = {}

    def put(name, label, text, doc, system, ds, fold, source):
        row = (label, clean(text), clean(doc), system, ds, fold, clean(source))
        if name == 'en_train':
            held.append(row)
        else:
            files[name].write('%d\t%s\t%s\t%s\t%s\t%d\t%s\n' % row)
        n[name, label] = n.get((name, label), 0) + 1

    # Every training document serves both the LMs and the classifier,
    # cross-fitted: a classifier row's LM features come from the fold
    # models that never saw its document (garble_train.sh, --folds).
    # Held-out documents (bucket 0, talks 2 and 5, en->ru index mod 5 ==
    # 0) reach no corpus and no model.
    for r in rows(os.path.join(g, 'ruen_mlqepe_train_dev.tsv')):
        da, hter = float(r['da_mean']), float(r['hter'])
        label = 1 if (da < 50 and hter >= 0.3) else 0 if (da >= 80 and hter <= 0.1) else None
        if bucket(r['doc_id']) == 0:
            if label is not None:
                name = ('en_test_wikiquote.tsv' if r['domain'] == 'wikiquote_proverbs'
                        else 'en_test_ruen.tsv')
                put(name, label, r['target_text'], r['doc_id'], r['system'],
                    'ruen-' + ('wikiquote' if 'wikiquote' in r['domain'] else 'reddit'), 0,
                    r['source_text'])
            continue
        pe = clean(detok(r['post_edit_tokenized']))
        if r['domain'] == 'wikiquote_proverbs':
            for c in (en, ruen):
                c.put('human', 0, pe)  # no classifier row: every corpus
            continue
        fold = en_fold(r['doc_id'])
        for c in (en, ruen):
            c.put('human', fold, pe)
            c.put('pairs', fold, '%s\t%s' % (clean(r['target_text']), pe))
            if label == 1:
                c.put('mt', fold, clean(r['target_text']))
        b = 1 if da < BOW_GARBLED else 0 if da >= BOW_CLEAN else None
        if label is not None:
            bow[len(held)] = b
            put('en_train', label, r['target_text'], r['doc_id'], r['system'], 'ruen-reddit', fold, r['source_text'])
        elif b is not None:  # an n-gram row only: no classifier label
            bow_only.append(('-', clean(r['target_text']), clean(r['doc_id']), r['system'],
                             'ruen-reddit', fold, clean(r['source_text']), b))
    for r in rows(os.path.join(g, 'zhen_ted2021_mqm.tsv')):
        nmaj, mqm = int(r['n_major_errors']), float(r['mqm_score'])
        label = 1 if nmaj >= 1 else 0 if mqm <= 1 else None
        if r['doc_id'] in ZH_TEST:
            if label is not None:
                put('en_test_zhen.tsv', label, r['target_text'], r['doc_id'], r['system'], 'zhen-ted', 0, r['source_text'])
            continue
        fold = ZH_FOLD[r['doc_id']]
        if r['system'].startswith('ref-'):
            en.put('human', fold, clean(r['target_text']))
        elif label == 1:
            en.put('mt', fold, clean(r['target_text']))
        if label is not None:
            put('en_train', label, r['target_text'], r['doc_id'], r['system'], 'zhen-ted', fold, r['source_text'])
    for i, r in enumerate(rows(os.path.join(g, 'enru_qe22_dev.tsv'))):
        s = float(r['mqm_score_100'])
        label = 1 if s < 50 else 0 if s == 100 else None
        fold = i % 5
        if fold == 0:
            if label is not None:
                put('ru_test.tsv', label, r['target_text'], 'seg%d' % i, r['system'], 'enru-qe22', 0, r['source_text'])
            continue
        if label == 1:
            ru.put('mt', fold, clean(r['target_text']))
        if label is not None:
            put('ru_train.tsv', label, r['target_text'], 'seg%d' % i, r['system'], 'enru-qe22', fold, r['source_text'])
    al = os.path.join(src, 'align')
    for sub in ('wmt21-ruen/newstest2021.ru-en.tsv', 'wmt22-ruen/generaltest2022.ru-en.tsv'):
        p = os.path.join(al, sub)
        if not os.path.exists(p):
            continue
        for r in rows(p):
            ru.put('human', 0, clean(r['ru']))
            for k, v in r.items():
                if k.startswith('en_') and v:
                    en.put('human', 0, clean(v))
    en.close()
    ruen.close()
    ru.close()
    # Each dataset weighs the same in the mixed English model, whatever
    # its size (TED has 3-4 times the Reddit rows): 'weight' column.  The
    # per-direction files hold one dataset each.
    per = {}
    for r in held:
        per[r[4]] = per.get(r[4], 0) + 1
    outs = {name: open(os.path.join(out, name), 'w', encoding='utf-8')
            for name in ('en_train.tsv', 'en_train_ruen.tsv', 'en_train_zhen.tsv')}
    for name, f in outs.items():
        f.write('label\ttext\tdoc_id\tsystem\tdataset\tfold\tsource\tweight%s\n'
                % ('\tbow\tclass_weight' if name == 'en_train_ruen.tsv' else ''))
    for i, r in enumerate(held):
        w = len(held) / (len(per) * per[r[4]])
        line = '%d\t%s\t%s\t%s\t%s\t%d\t%s' % r
        outs['en_train.tsv'].write('%s\t%.4f\n' % (line, w))
        if r[4] == 'ruen-reddit':
            b = bow[i]
            outs['en_train_ruen.tsv'].write('%s\t1\t%s\t%d\n' % (
                line, '' if b is None else b, RUEN_CLASS_WEIGHT if r[0] == 1 else 1))
        else:
            outs['en_train_zhen.tsv'].write(line + '\t1\n')
    for r in bow_only:
        outs['en_train_ruen.tsv'].write('%s\t%s\t%s\t%s\t%s\t%d\t%s\t1\t%d\t1\n' % r)
    for f in list(outs.values()) + list(files.values()):
        f.close()
    for k in sorted(n):
        print('%s label=%d: %d' % (k[0], k[1], n[k]))


if __name__ == '__main__':
    main()
