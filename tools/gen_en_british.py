#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Generates dicts/en_british.dic: British spellings of words in hunspell's
# en_US dictionary (-ise/-isation, -yse, -our, -re, -ence, doubled -ll-,
# and a short list of single words), each with the affix flags of its
# American counterpart, keeping only words en_US rejects.  Run:
#   tools/gen_en_british.py /usr/share/hunspell/en_US.dic > dicts/en_british.dic
import re
import subprocess
import sys

# -ize words whose "ize" is not the suffix, or that British English keeps.
IZE_KEEP = {"size", "prize", "seize", "capsize", "baize", "maize", "assize",
            "downsize", "outsize", "oversize", "resize", "upsize", "bite-size",
            "life-size", "king-size", "queen-size", "full-size", "pint-size",
            "man-size", "mid-size", "midsize", "misprize", "apprize"}
OUR = ["color", "favor", "honor", "labor", "behavior", "neighbor", "harbor",
       "humor", "rumor", "vapor", "valor", "vigor", "savior", "odor", "flavor",
       "armor", "endeavor", "parlor", "clamor", "candor", "rigor", "splendor",
       "tumor", "ardor", "fervor", "demeanor", "glamor", "rancor", "succor",
       "arbor"]
RE = ["center", "theater", "fiber", "liter", "caliber", "somber", "specter",
      "saber", "meager", "luster", "kilometer", "centimeter", "millimeter",
      "sepulcher", "reconnoiter", "maneuver"]
ENCE = ["defense", "offense", "pretense"]
LL = ["travel", "cancel", "signal", "label", "model", "fuel", "level",
      "counsel", "channel", "tunnel", "marshal", "total", "quarrel", "rival",
      "dial", "equal", "pencil", "shovel", "duel", "jewel", "dishevel",
      "initial", "panel", "pedal", "revel", "snorkel", "spiral", "swivel",
      "tassel", "towel", "yodel", "grovel", "gravel", "bevel", "chisel",
      "cudgel", "enamel", "funnel", "kennel", "libel", "marvel", "parcel",
      "program"]
SINGLE = {"program": "programme", "catalog": "catalogue", "gray": "grey",
          "skeptic": "sceptic", "skeptical": "sceptical",
          "skepticism": "scepticism", "mold": "mould", "plow": "plough",
          "tire": "tyre", "aluminum": "aluminium", "jewelry": "jewellery",
          "fetus": "foetus", "pediatric": "paediatric",
          "encyclopedia": "encyclopaedia", "mustache": "moustache",
          "pajamas": "pyjamas", "artifact": "artefact",
          "acknowledgment": "acknowledgement", "aging": "ageing",
          "enroll": "enrol", "fulfill": "fulfil", "skillful": "skilful",
          "willful": "wilful", "whiskey": "whisky", "analog": "analogue",
          "cozy": "cosy", "draft": "draught", "install": "instal",
          "installment": "instalment", "enrollment": "enrolment",
          "fulfillment": "fulfilment", "judgment": "judgement",
          "check": "cheque", "curb": "kerb", "story": "storey",
          "practice": "practise", "license": "licence"}


def main():
    entries = {}
    for line in open(sys.argv[1], encoding="utf-8").read().split("\n")[1:]:
        if not line:
            continue
        w, _, flags = line.partition("/")
        entries.setdefault(w, flags)
    out = {}

    def add(word, flags):
        if word not in entries:
            out[word] = flags

    for w, f in entries.items():
        if not w.islower() or w in IZE_KEEP:
            continue
        m = re.fullmatch(r"(.{3,}[^s])(iz)(e|ed|es|ing|er|ers|ation|ations|able)", w)
        if m and w.endswith(("ize", "ization", "izations")):
            add(m.group(1) + "is" + m.group(3), f)
        if w.endswith("yze"):
            add(w[:-3] + "yse", f)
    # -our only in the word and its plain derivatives: "humorous",
    # "vigorous", "arboreal" keep -or- in British English too
    our_suffixes = ("", "s", "ed", "ing", "er", "ers", "able", "ably",
                    "ite", "ites", "less", "ful", "fully", "hood", "hoods",
                    "ly", "ings")
    for base in OUR:
        for suf in our_suffixes:
            w = base + suf
            if w in entries:
                add(base[:-2] + "our" + suf, entries[w])
    for base in RE:
        if base in entries:
            add(base[:-2] + "re", entries[base])
    for base in ENCE:
        if base in entries:
            # nouns only: no -d, -ing, -ive forms
            add(base[:-3] + "nce",
                "".join(c for c in entries[base] if c in "SM"))
    for base in LL:
        if base not in entries:
            continue
        for suf in ("led", "ling", "ler", "lers"):
            add(base[:-1] + "l" + suf if base.endswith("l") else base + "m" + suf[1:], "")
    for us, gb in SINGLE.items():
        if us not in entries:
            continue
        if us.endswith("ll") and gb.endswith("l"):
            # enrol, fulfil: the American flags would make "fulfiled"
            add(gb, "")
            add(gb + "s", "")
        else:
            add(gb, entries[us])
    words = sorted(out)
    # keep only words en_US rejects
    lst = subprocess.run(["hunspell", "-d", sys.argv[1][:-4], "-l"],
                         input="\n".join(words), capture_output=True,
                         text=True).stdout.split()
    rejected = set(lst)
    keep = [w for w in words if w in rejected]
    print(len(keep))
    print("\t# sverka British spellings for en_US. Format: hunspell .dic "
          "(first line: word count; lines that start with a TAB are "
          "comments, which hunspell skips); each word carries the affix "
          "flags of its American counterpart in en_US.aff.")
    print("\t# Source: generated by tools/gen_en_british.py from Debian "
          "hunspell-en-us 2020.12.07 (-ise/-isation, -yse, -our, -re, -ence, "
          "-ll-, single words); licence: MIT; encoding: UTF-8.")
    for w in keep:
        print(w + ("/" + out[w] if out[w] else ""))


main()
