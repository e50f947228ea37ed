#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generate src/normalize/mojibake_model.inc: letter-bigram costs for
Russian and English that the mojibake step uses to judge how plausible a
word is.

Usage: python3 tools/gen_mojibake_model.py [HUNSPELL_DIR] \
           > src/normalize/mojibake_model.inc

Usage with running text (recommended): add --text FILE (UTF-8, any number
of times); the project's model was trained with the Russian and English
columns of ../shared/data/align/wmt22-ruen/generaltest2022.ru-en.tsv
(extract them with: cut -f5- FILE | tail -n +2 > /tmp/wmt22.txt).

Sources: the hunspell word lists ru_RU and en_US (Debian's hunspell-ru and
hunspell-en-us, /usr/share/hunspell by default), every stem expanded with
its affix rules so that inflected endings are counted (word types), plus
the words of the running text given (word tokens, so that function words
like "что" weigh what they weigh in prose).  The two sources are given
equal mass.  ё is counted as е (hunspell-ru mostly spells е).  Only the
trained figures are committed: cost[a][b] = round(-4 * log2 P(b | a)) with
add-0.5 smoothing, in quarter bits; index 0 of each alphabet is the word
boundary.
"""
import math
import os
import re
import sys

RU = "абвгдежзийклмнопрстуфхцчшщъыьэюяё"
EN = "abcdefghijklmnopqrstuvwxyz"


def parse_aff(path):
    rules = {}  # flag -> (kind, cross, [(strip, add, cond_regex)])
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    i = 0
    while i < len(lines):
        parts = lines[i].split()
        i += 1
        if len(parts) == 4 and parts[0] in ("SFX", "PFX") and \
                parts[2] in ("Y", "N"):
            kind, flag, count = parts[0], parts[1], int(parts[3])
            lst = []
            for _ in range(count):
                p = lines[i].split()
                i += 1
                strip = "" if p[2] == "0" else p[2]
                add = p[3].split("/")[0]
                add = "" if add == "0" else add
                cond = p[4] if len(p) > 4 else "."
                if kind == "SFX":
                    rx = re.compile("(?:" + cond + ")$")
                else:
                    rx = re.compile("^(?:" + cond + ")")
                lst.append((strip, add, rx))
            rules[flag] = (kind, lst)
    return rules


def expand(dic_path, aff_path):
    rules = parse_aff(aff_path)
    with open(dic_path, encoding="utf-8", errors="replace") as f:
        next(f)
        for line in f:
            line = line.strip().split("\t")[0].split(" ")[0]
            if not line:
                continue
            word, _, flags = line.partition("/")
            yield word
            for fl in flags:
                if fl not in rules:
                    continue
                kind, lst = rules[fl]
                for strip, add, rx in lst:
                    if not rx.search(word):
                        continue
                    if kind == "SFX":
                        if strip and not word.endswith(strip):
                            continue
                        base = word[:len(word) - len(strip)] if strip else word
                        yield base + add
                    else:
                        if strip and not word.startswith(strip):
                            continue
                        yield add + word[len(strip):]


def count(words, alphabet):
    n = len(alphabet) + 1
    idx = {c: i + 1 for i, c in enumerate(alphabet)}
    idx["ё"] = idx.get("е", 0)
    counts = [[0.0] * n for _ in range(n)]
    for w in words:
        w = w.lower()
        if not w or any(c not in idx or idx[c] == 0 for c in w):
            continue
        prev = 0
        for c in w:
            counts[prev][idx[c]] += 1
            prev = idx[c]
        counts[prev][0] += 1
    return counts


def train(sources, alphabet):
    n = len(alphabet) + 1
    table = [[0.5] * n for _ in range(n)]
    for counts in sources:
        mass = sum(sum(r) for r in counts)
        if mass == 0:
            continue
        for a in range(n):
            for b in range(n):
                table[a][b] += counts[a][b] * 1e6 / mass
    out = []
    for row in table:
        total = sum(row)
        out.append([min(255, round(-4 * math.log2(v / total))) for v in row])
    return out


def text_words(paths):
    for p in paths:
        with open(p, encoding="utf-8", errors="replace") as f:
            for line in f:
                for w in re.findall(r"[^\W\d_]+", line):
                    yield w


def emit(out, name, alphabet, table):
    n = len(alphabet) + 1
    out.write("/* %s: row = previous letter, column = next; 0 = boundary, "
              "then %s */\n" % (name, alphabet))
    out.write("static const uint8_t %s[%d][%d] = {\n" % (name, n, n))
    for row in table:
        cells = ",".join("%d" % v for v in row)
        out.write("    {%s},\n" % cells)
    out.write("};\n\n")


def main():
    args = sys.argv[1:]
    texts = []
    while "--text" in args:
        i = args.index("--text")
        texts.append(args[i + 1])
        del args[i:i + 2]
    d = args[0] if args else "/usr/share/hunspell"
    out = sys.stdout
    out.write("/* SPDX-License-Identifier: MIT */\n")
    out.write("/* Generated by tools/gen_mojibake_model.py from the hunspell "
              "ru_RU and en_US\n * word lists (expanded with their affix "
              "rules) and %d running-text\n * file(s) %s.  Costs in quarter "
              "bits: round(-4 log2 P(next | previous));\n * ё is counted as "
              "е.  Do not edit. */\n\n"
              % (len(texts), " ".join(os.path.basename(t) for t in texts)))
    ru = train([count(expand(d + "/ru_RU.dic", d + "/ru_RU.aff"), RU),
                count(text_words(texts), RU)], RU)
    emit(out, "ru_bigram_cost", RU, ru)
    en = train([count(expand(d + "/en_US.dic", d + "/en_US.aff"), EN),
                count(text_words(texts), EN)], EN)
    emit(out, "en_bigram_cost", EN, en)


if __name__ == "__main__":
    main()
