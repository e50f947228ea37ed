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


def test_doc(doc_id):
    return bucket(doc_id) == 0


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


def main():
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    g = os.path.join(src, 'garble')
    head = 'label\ttext\tdoc_id\tsystem\tdataset\n'
    files = {k: open(os.path.join(out, k), 'w', encoding='utf-8') for k in (
        'en_train.tsv', 'en_test_ruen.tsv', 'en_test_zhen.tsv',
        'en_test_wikiquote.tsv', 'ru_train.tsv', 'ru_test.tsv',
        'lm_en_human.txt', 'lm_en_mt.txt', 'lm_ru_human.txt', 'lm_ru_mt.txt',
        'en_pairs.tsv')}
    files['en_pairs.tsv'].write('mt\tpost_edit\n')
    for k, f in files.items():
        if k.endswith('.tsv'):
            f.write(head)

    held = []  # en_train rows, written at the end with their weights

    def put(name, label, text, doc, system, ds):
        row = (label, clean(text), clean(doc), system, ds)
        if name == 'en_train.tsv':
            held.append(row)
        else:
            files[name].write('%d\t%s\t%s\t%s\t%s\n' % row)

    n = {}
    # Documents of the training part are split once more: the "LM part"
    # (buckets 1-2, TED talk.7) trains the character LMs, whose MT side is
    # MT judged garbled; the rest trains the classifier, so the LM features
    # it sees are out-of-sample like on the test documents.
    for r in rows(os.path.join(g, 'ruen_mlqepe_train_dev.tsv')):
        da, hter = float(r['da_mean']), float(r['hter'])
        b = bucket(r['doc_id'])
        label = 1 if (da < 50 and hter >= 0.3) else 0 if (da >= 80 and hter <= 0.1) else None
        # Post-edits go to the human LM only from the LM part (buckets
        # 1-2): a post-edit of a classifier or test document would tell
        # the LM features what the fluent version of that very row is.
        if b in (1, 2):
            files['lm_en_human.txt'].write(clean(detok(r['post_edit_tokenized'])) + '\n')
        if r['domain'] == 'wikiquote_proverbs':
            if b == 0 and label is not None:
                put('en_test_wikiquote.tsv', label, r['target_text'], r['doc_id'], r['system'], 'ruen-wikiquote')
            continue
        if b in (1, 2):
            if label == 1:
                files['lm_en_mt.txt'].write(clean(r['target_text']) + '\n')
            files['en_pairs.tsv'].write('%s\t%s\n' % (clean(r['target_text']), clean(detok(r['post_edit_tokenized']))))
            continue
        if label is None:
            continue
        name = 'en_test_ruen.tsv' if b == 0 else 'en_train.tsv'
        put(name, label, r['target_text'], r['doc_id'], r['system'], 'ruen-reddit')
        n[name, label] = n.get((name, label), 0) + 1
    zh_test = {'talk.2', 'talk.5'}
    for r in rows(os.path.join(g, 'zhen_ted2021_mqm.tsv')):
        test = r['doc_id'] in zh_test
        nmaj, mqm = int(r['n_major_errors']), float(r['mqm_score'])
        label = 1 if nmaj >= 1 else 0 if mqm <= 1 else None
        if r['doc_id'] == 'talk.7':
            if r['system'].startswith('ref-'):
                files['lm_en_human.txt'].write(clean(r['target_text']) + '\n')
            elif label == 1:
                files['lm_en_mt.txt'].write(clean(r['target_text']) + '\n')
            continue
        if label is None:
            continue
        name = 'en_test_zhen.tsv' if test else 'en_train.tsv'
        put(name, label, r['target_text'], r['doc_id'], r['system'], 'zhen-ted')
        n[name, label] = n.get((name, label), 0) + 1
    for i, r in enumerate(rows(os.path.join(g, 'enru_qe22_dev.tsv'))):
        s = float(r['mqm_score_100'])
        label = 1 if s < 50 else 0 if s == 100 else None
        b = i % 5
        if b in (1, 2):
            if label == 1:
                files['lm_ru_mt.txt'].write(clean(r['target_text']) + '\n')
            continue
        if label is None:
            continue
        name = 'ru_test.tsv' if b == 0 else 'ru_train.tsv'
        put(name, label, r['target_text'], 'seg%d' % i, r['system'], 'enru-qe22')
        n[name, label] = n.get((name, label), 0) + 1
    al = os.path.join(src, 'align')
    for sub in ('wmt21-ruen/newstest2021.ru-en.tsv', 'wmt22-ruen/generaltest2022.ru-en.tsv'):
        p = os.path.join(al, sub)
        if not os.path.exists(p):
            continue
        for r in rows(p):
            files['lm_ru_human.txt'].write(clean(r['ru']) + '\n')
            for k, v in r.items():
                if k.startswith('en_') and v:
                    files['lm_en_human.txt'].write(clean(v) + '\n')
    # Each dataset weighs the same in the English model, whatever its
    # size (TED has 3-4 times the Reddit rows): 'weight' column.
    per = {}
    for r in held:
        per[r[4]] = per.get(r[4], 0) + 1
    files['en_train.tsv'].seek(0)
    files['en_train.tsv'].truncate()
    files['en_train.tsv'].write('label\ttext\tdoc_id\tsystem\tdataset\tweight\n')
    for r in held:
        w = len(held) / (len(per) * per[r[4]])
        files['en_train.tsv'].write('%d\t%s\t%s\t%s\t%s\t%.4f\n' % (r + (w,)))
    for f in files.values():
        f.close()
    for k in sorted(n):
        print('%s label=%d: %d' % (k[0], k[1], n[k]))


if __name__ == '__main__':
    main()
