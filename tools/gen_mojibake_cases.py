#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generate tests/data/normalize/mojibake.tsv, the mojibake step's cases.

Usage: python3 tools/gen_mojibake_cases.py > tests/data/normalize/mojibake.tsv

Every broken input is made here, honestly, from clean text written for the
project: encoded with one code page and decoded with another (Python's
codecs; windows-1251/1252 holes decode to C1 controls as browsers do).
Must-not-change cases are correct text and expect themselves.
Columns: category, steps, input, expected; escapes \\t \\n \\\\ \\uXXXX.
"""
import sys


def whatwg_decode(data, codec):
    out = []
    for b in data:
        try:
            out.append(bytes([b]).decode(codec))
        except UnicodeDecodeError:
            out.append(chr(b))  # undefined byte -> C1 control
    return "".join(out)


def latin1(data):
    return data.decode("latin-1")


def utf8_as(text, codec):
    return whatwg_decode(text.encode("utf-8"), codec)


def page_as(text, real, wrong):
    return whatwg_decode(text.encode(real), wrong)


def esc(s):
    out = []
    for ch in s:
        c = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\n":
            out.append("\\n")
        elif c < 0x20 or 0x7F <= c <= 0xA0 or c == 0xAD or \
                0x200B <= c <= 0x200F or c == 0xFEFF:
            out.append("\\u%04X" % c)
        else:
            out.append(ch)
    return "".join(out)


KEEP = {
    "keep_ru": [
        "Песков", "ПРИВЕТ", "ёлка", "Москва", "Россия", "ТАСС", "Шойгу",
        "Рёбра", "Рёв моторов", "Кремль заявил, что переговоры продолжатся.",
        "Пресс-секретарь президента Дмитрий Песков ответил журналистам.",
        "В пятницу стороны обсудили урожай зерновых — 146 000 000 тонн.",
        "«Мы готовы к диалогу», — сказал министр.",
        "Съешь же ещё этих мягких французских булок, да выпей чаю.",
        "Объём подъёма: 5 %, а цена — 12 руб.",
        "Ах, вот как… Ну что ж.",
        "Здравствуйте, Пётр Алексеевич!",
        "Шла Саша по шоссе и сосала сушку.",
        "Лёша, Тёма и Алёна пришли в 10:30.",
        "Подъезд № 3, квартира 15.",
        "В\u00a0Москве и\u00a0в\u00a0Петербурге — 10\u00a0000\u00a0человек.",
    ],
    "keep_caps": [
        "ВСУ", "РФ", "НАТО", "США", "ФСБ", "МИД РФ", "ООН", "КНДР",
        "ЦРУ и ФБР", "СССР", "ТАСС/РИА", "МКС", "«ПАР»", "ТАСС…",
        "ВСЁ ХОРОШО", "ОБЪЯВЛЕНИЕ: СЪЕЗД ДЕПУТАТОВ", "ЧП в ЦСКА",
        "СССР распался, ЮАР и КНДР тоже", "пункт Р и пункт С", "НХЛ и ТПС",
        "«ТАСС» и «ЦСКА»…", "ГАЗ©, ВАЗ®",
    ],
    "keep_en": [
        "Peskov’s remarks were “unhelpful,” he said.",
        "The Kremlin’s spokesman didn’t comment.",
        "It costs €5 or £4 — cheap!",
        "Copyright © 2024 Example Ltd.™ All rights reserved®.",
        "Water boils at 100 °C ± 0.5 °C (see § 4).",
        "“Quoted” and ‘single’ … and – dashes — too.",
        "Naïve façade of the café in Zürich.",
        "A résumé, a fiancée and a rôle.",
    ],
    "keep_europe": [
        "café", "Müller", "Ñandú", "Zürich", "Łódź", "São Paulo", "Øresund",
        "Ærøskøbing", "Þórður Guðjónsson", "Ålesund", "Straße", "Dvořák",
        "Kraków und Gdańsk", "à la carte", "Il va à Paris, où il réside.",
        "Señor Muñoz, ¿qué tal?", "¡Olé!", "Ça va très bien.", "ÉCOLE",
        "ÉLÈVE", "ÖSTERREICH", "ČEŠTINA", "Größe", "Sœur", "Fußgängerübergänge", "É» and Ñ”",
    ],
    "keep_other_cyrillic": [
        "Київ — столиця України, ґанок, їжак, єнот.",
        "ЇЖАК і ЄНОТ", "Ђорђе Љубљана Њујорк ћевап џем",
        "Добър ден, България.", "Ѓорѓи ќе дојде.", "Ўзбекистон",
        "Бјелорусија", "ДІЯ", "ЂОРЂЕ",
    ],
    "keep_greek": [
        "Αθήνα και Θεσσαλονίκη", "ΕΛΛΑΔΑ", "λόγος",
    ],
    "keep_mixed": [
        "Kremlin spokesman Дмитрий Песков said on Friday.",
        "The word «переговоры» means talks.",
        "Alternative [переговорам] is to slam the door.",
        "iPhone в Москве стоит 100 000 руб.",
        "COVID-19 и Сбербанк CIB",
        "Price: 5 € / 5 евро / №7",
        "Температура −5 °C, цена 100 ₽, 2 → 3.",
        "В«Газпроме» заявили (sic, no space).",
        "Путин (Putin) and Зеленский (Zelensky).",
        "Он сказал: “Yes”.",
    ],
}

# Clean text that is broken below.
RU_WORDS = ["Песков", "Москва", "Россия", "ТАСС", "Шойгу", "переговоры",
            "Кремль", "объявление", "ёлка", "Лавров"]
RU_SENTENCES = [
    "Москва — столица России.",
    "Пресс-секретарь президента Дмитрий Песков заявил журналистам.",
    "Переговоры в Стамбуле продолжатся в пятницу.",
    "В Москве и в Санкт-Петербурге выпал снег.",
]
IN_ENGLISH = [
    ("Kremlin spokesman ", "Песков", " said on Friday."),
    ("The capital is ", "Москва", ", not Kiev."),
    ("Sources in ", "Россия", " confirmed it."),
    ("", "ТАСС", " reported the news."),
    ("Defence minister ", "Шойгу", " arrived."),
    ("He said ", "«переговоры»", " would go on."),
    ("The word is ", "Кремль", "."),
]
EN_1252 = [
    "Peskov’s remarks",
    "He said “no” to that.",
    "It costs €20 — really.",
    "The café in Zürich",
    "Müller’s résumé",
    "Łódź is in Poland.",
    "Copyright © 2024",
    "25 °C outside",
]


def main():
    out = sys.stdout
    out.write("# mojibake step cases: category<TAB>steps<TAB>input<TAB>"
              "expected (escapes \\t \\n \\\\ \\uXXXX).\n")
    out.write("# Generated by tools/gen_mojibake_cases.py; broken inputs are "
              "clean text re-encoded with the wrong code page.\n")

    def case(cat, inp, exp):
        out.write("%s\tmojibake\t%s\t%s\n" % (cat, esc(inp), esc(exp)))

    for cat, items in KEEP.items():
        for s in items:
            case(cat, s, s)
    # UTF-8 read as windows-1251
    for w in RU_WORDS:
        case("utf8_as_1251_word", utf8_as(w, "cp1251"), w)
    for s in RU_SENTENCES:
        case("utf8_as_1251_sentence", utf8_as(s, "cp1251"), s)
    for a, w, b in IN_ENGLISH:
        case("utf8_as_1251_in_english", a + utf8_as(w, "cp1251") + b,
             a + w + b)
    case("utf8_as_1251_mixed", "Москва: " + utf8_as("Песков", "cp1251") +
         " и Лавров", "Москва: Песков и Лавров")
    case("utf8_as_1251_mixed", utf8_as("Песков", "cp1251") + "\u00a0Москва",
         "Песков\u00a0Москва")
    case("utf8_as_1251_mixed", "Рёбра и " + utf8_as("рёбра", "cp1251"),
         "Рёбра и рёбра")
    case("utf8_as_1251_mixed", "ТАСС: " + utf8_as("ТАСС", "cp1251"),
         "ТАСС: ТАСС")
    # ... after a cleaner turned its no-break spaces into plain ones
    for s in ["Россия", "СССР распался", "Президент РФ Путин",
              "ПРОГРАММА", "Sources in Россия confirmed it."]:
        case("utf8_as_1251_lost_nbsp",
             utf8_as(s, "cp1251").replace("\u00a0", " "), s)
    # UTF-8 read as windows-1252 and as latin-1 (C1 controls kept)
    for s in EN_1252:
        case("utf8_as_1252", utf8_as(s, "cp1252"), s)
    for s in EN_1252[:5]:
        case("utf8_as_latin1", latin1(s.encode("utf-8")), s)
    for w in ["Песков", "Москва — столица"]:
        case("utf8_as_1252", utf8_as(w, "cp1252"), w)
        case("utf8_as_latin1", latin1(w.encode("utf-8")), w)
    case("utf8_as_1252", "\ufeff".encode("utf-8").decode("cp1252") + "Hello",
         "\ufeffHello")
    for s in ["10\u00a0000 km", "−5 °C", "цена 100 ₽", "Итог: 5 − 3 = 2"]:
        case("utf8_as_1252_signs", utf8_as(s, "cp1252"), s)
    # windows-1251 signs need Russian words around them: alone, "В°" and
    # "В\u00a0" may be the preposition В glued to a sign
    for s in ["Температура −5 °C", "В Москве 10\u00a0000 человек",
              "цена 100 ₽", "Итог: 5 − 3 = 2"]:
        case("utf8_as_1251_signs", utf8_as(s, "cp1251"), s)
    # other languages in the same damage
    for s in ["Київ — столиця України", "Добър ден, България",
              "Ђорђе Љубљана", "un café à Paris", "He said: «Да»."]:
        case("utf8_as_1251_other", utf8_as(s, "cp1251"), s)
    for s in ["Zażółć gęślą jaźń", "Größe und Straße",
              "Αθήνα και Θεσσαλονίκη", "Ñandú, señor"]:
        case("utf8_as_1252_other", utf8_as(s, "cp1252"), s)
    # windows-1251 read as latin-1 / windows-1252
    for s in ["Москва", "Россия", "ВСУ и РФ",
              "Москва — столица России.", "Он сказал, что всё хорошо.",
              "Шойгу прибыл в Минск."]:
        case("1251_as_1252", page_as(s, "cp1251", "cp1252"), s)
    # KOI8-R and windows-1251 read as each other
    # (KOI8-R and IBM866 have no em dash: such texts use a hyphen)
    for s in ["Москва", "Россия", "Москва - столица России.",
              "Переговоры продолжатся в пятницу.", "Песков заявил",
              "Шойгу прибыл"]:
        case("koi8_as_1251", page_as(s, "koi8_r", "cp1251"), s)
        case("1251_as_koi8", page_as(s, "cp1251", "koi8_r"), s)
    # one KOI8-R/windows-1251 word in an otherwise correct Russian line
    case("koi8_mixed", "Москва: " + page_as("Песков", "koi8_r", "cp1251") +
         " и Лавров сказали, что всё в порядке",
         "Москва: Песков и Лавров сказали, что всё в порядке")
    case("koi8_mixed", "В Москве " +
         page_as("Песков заявил", "koi8_r", "cp1251") + " о переговорах",
         "В Москве Песков заявил о переговорах")
    case("koi8_mixed", "Кремль: " + page_as("Песков", "cp1251", "koi8_r") +
         " и Лавров", "Кремль: Песков и Лавров")
    # IBM866 read as windows-1251
    for s in ["Москва", "Россия", "Москва - столица России.",
              "Переговоры продолжатся"]:
        case("866_as_1251", page_as(s, "cp866", "cp1251"), s)
    # UTF-8 read as KOI8-R / IBM866
    for s in ["Москва", "Песков заявил"]:
        case("utf8_as_koi8", utf8_as(s, "koi8_r"), s)
        case("utf8_as_866", utf8_as(s, "cp866"), s)
    # double encodings
    for s, cp in [("Peskov’s", "cp1252"), ("“Hello” — she said", "cp1252"),
                  ("café", "cp1252"), ("Песков", "cp1251"),
                  ("Москва", "cp1251"), ("Песков", "cp1252")]:
        case("double", utf8_as(utf8_as(s, cp), cp), s)
    # a broken word at the start and end of a line, in multi-line text
    case("utf8_as_1251_lines",
         utf8_as("Песков", "cp1251") + " said\nand " +
         utf8_as("Лавров", "cp1251"), "Песков said\nand Лавров")
    case("utf8_as_1252_lines", "first line\n" +
         utf8_as("Peskov’s reply", "cp1252") + "\nthird line",
         "first line\nPeskov’s reply\nthird line")


if __name__ == "__main__":
    main()
