"""Thai dates, digits and fiscal years; the one module that imports pythainlp.

Dates and digits are written here without it (pythainlp.util costs a build 35 ms to
import); its tokenizer, dictionary and spelling are imported where they are used.

A Thai fiscal year (ปีงบประมาณ) runs 1 October – 30 September and is named by
its Buddhist-era (BE) year of the September end: FY 2564 is 1 Oct 2020 – 30 Sep 2021 CE.
"""

from __future__ import annotations

import os
import re
from datetime import date
from functools import lru_cache

# -- pythainlp must never try to download or create a data folder: CI is offline --
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

from generator.i18n import _

BE_OFFSET = 543
# -- as pythainlp.util.date has them (tests/test_thai.py holds them equal) --
thai_full_months = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
                    "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
thai_abbr_months = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.",
                    "ธ.ค.")
_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December")
# -- titles written before a Thai given name, longest first (a register key drops them) --
TITLES = ("ว่าที่ร้อยตรีหญิง", "ว่าที่ร้อยตรี", "นางสาว", "นาง", "นาย", "ดร.")
BLANK_DATE = "วันที่ ............ เดือน ............................ พ.ศ. ............"
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_THAI = re.compile(r"^(\d{1,2})\s*([ก-๙.]+?)\s*(\d{2}|\d{4})$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")  # dd/mm/yyyy, the usual Thai form


def fiscal_period(fiscal_year: int) -> tuple[date, date]:
    """Return the first and last day (CE dates) of BE fiscal year `fiscal_year`.

    >>> fiscal_period(2564)
    (datetime.date(2020, 10, 1), datetime.date(2021, 9, 30))
    """
    end_ce = fiscal_year - BE_OFFSET
    return date(end_ce - 1, 10, 1), date(end_ce, 9, 30)


def plain_date(day: date) -> str:
    """Return `day` as a running-text Thai date with a BE year.

    >>> plain_date(date(2020, 10, 1))
    '1 ตุลาคม 2563'
    """
    return f"{day.day} {thai_full_months[day.month - 1]} {day.year + BE_OFFSET}"


def signature_date(day: date | None) -> str:
    """Return the date line of a signature block; dotted blanks when `day` is None.

    >>> signature_date(date(2021, 2, 10))
    'วันที่ 10 เดือน กุมภาพันธ์ พ.ศ. 2564'
    """
    if day is None:
        return BLANK_DATE
    return f"วันที่ {day.day} เดือน {thai_full_months[day.month - 1]} พ.ศ. {day.year + BE_OFFSET}"


def thai_digits(text: str) -> str:
    """Return `text` with Arabic digits replaced by Thai digits, except inside Latin script.

    A number joined to Latin letters ("COVID-19") or following a Latin word ("PMQA 4.0",
    "(Level 1)") is part of a Latin name and keeps its Arabic digits.

    >>> thai_digits("02 628 5646 ต่อ 116")
    '๐๒ ๖๒๘ ๕๖๔๖ ต่อ ๑๑๖'
    >>> thai_digits("ระบบราชการ 4.0 (PMQA 4.0) ระดับ 1 (Level 1) COVID-19 ปี 2564")
    'ระบบราชการ ๔.๐ (PMQA 4.0) ระดับ ๑ (Level 1) COVID-19 ปี ๒๕๖๔'
    """
    return _NUMBER.sub(lambda m: m[0] if _in_latin(text, m) else m[0].translate(_THAI_DIGITS),
                       text)


def arabic_digits(text: str) -> str:
    """Return `text` with Thai digits replaced by Arabic digits (the data's own digits).

    >>> arabic_digits("ร้อยละ ๘๕ (PMQA 4.0)")
    'ร้อยละ 85 (PMQA 4.0)'
    """
    return text.translate(_ARABIC)


_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_LATIN = re.compile(r"[A-Za-z]")


def _in_latin(text: str, match: re.Match) -> bool:
    """Tell whether the number `match` belongs to a Latin word or follows one."""
    before = text[:match.start()].rstrip(" \u00a0-")
    after = text[match.end():match.end() + 1]
    return bool(before and _LATIN.match(before[-1]) or _LATIN.match(after))


def parse_date(text: str) -> date:
    """Return the CE date written as ISO, dd/mm/yyyy or Thai text; raise ValueError in Thai.

    Years above 2400 are BE: 2563-02-29 is 29 Feb 2020, a real date.

    >>> parse_date("2563-02-29"), parse_date("2021-02-10")
    (datetime.date(2020, 2, 29), datetime.date(2021, 2, 10))
    >>> parse_date("10 ก.พ. 64"), parse_date("10/02/2564")
    (datetime.date(2021, 2, 10), datetime.date(2021, 2, 10))
    >>> parse_date("31/02/2564")
    Traceback (most recent call last):
    ValueError: ไม่มีวันที่ 31 ในเดือนกุมภาพันธ์ 2564
    """
    year, month, day = _parts(text.strip())
    ce_year = year - BE_OFFSET if year > 2400 else year
    return _checked_date(ce_year, month, day)


def _parts(text: str) -> tuple[int, int, int]:
    """Return (year, month, day) as written, whatever the form; raise ValueError if unreadable."""
    iso, slashed, thai = _ISO.match(text), _SLASHED.match(text), _THAI.match(text)
    if iso:
        return int(iso[1]), int(iso[2]), int(iso[3])
    if slashed:
        return int(slashed[3]), int(slashed[2]), int(slashed[1])
    if thai:
        year = int(thai[3])
        return year + (2500 if year < 100 else 0), _month_number(thai[2]), int(thai[1])
    raise ValueError(_("cannot read it; write 10/02/2564, 2564-02-10 or 10 กุมภาพันธ์ 2564"))


def _month_number(name: str) -> int:
    """Return 1–12 for a full or abbreviated Thai month name."""
    for names in (thai_full_months, thai_abbr_months):
        if name in names:
            return names.index(name) + 1
    raise ValueError(_("unknown month name {name}").format(name=name))


def _checked_date(ce_year: int, month: int, day: int) -> date:
    """Return the date, or raise ValueError naming what is impossible."""
    if not 1 <= month <= 12:
        raise ValueError(_("there is no month {month} (months run 1–12)").format(month=month))
    try:
        return date(ce_year, month, day)
    except ValueError:
        month_name = thai_full_months[month - 1]
        be_year = ce_year + BE_OFFSET
        raise ValueError(_("there is no {day} {ENGLISH_MONTHS} {be_year} (BE)").format(
                day=day, month_name=month_name, be_year=be_year, ENGLISH_MONTHS=ENGLISH_MONTHS[month - 1])) from None


def is_plausible_be_year(year: int) -> bool:
    """Tell whether `year` looks like a BE fiscal year (not a CE year typed by mistake).

    >>> is_plausible_be_year(2564), is_plausible_be_year(2021)
    (True, False)
    """
    return 2500 <= year <= 2700


# -- real Thai never stacks more than a few vowels, tone marks and signs; normalize's patterns take
#    time in the square of a longer run, so one is cut to its ends first (still not normal) --
_LONG_RUN = re.compile("[\u0e30-\u0e3a\u0e45\u0e47-\u0e4e]{7,}")


def normalized(text: str) -> str:
    """Return `text` as pythainlp's normalize would write it (vowel and tone order, no doubles).

    >>> normalized("นํ้า"), normalized("ดี" + "ี" * 5000)
    ('น้ำ', 'ดี')
    """
    from pythainlp.util import normalize

    return normalize(_LONG_RUN.sub(lambda m: m[0][:3] + m[0][-3:], text))


def words(text: str, extra: frozenset[str] = frozenset()) -> list[str]:
    """Return the words of Thai `text` (pythainlp's newmm tokenizer; imported only when used).

    `extra` words (the data folder's accepted words) are kept whole, not cut into pieces.

    >>> words("ผู้รับผิดชอบตัวชี้วัด ผลการดำเนินงาน")
    ['ผู้รับผิดชอบ', 'ตัว', 'ชี้', 'วัด', 'ผลการดำเนินงาน']
    >>> words("ระบบกยผออนไลน์", frozenset({"กยผ"}))
    ['ระบบ', 'กยผ', 'ออนไลน์']
    """
    return [w for w in (piece.strip(" ") for piece in _newmm(text, extra)) if w.strip()]


def _newmm(text: str, extra: frozenset[str]) -> list[str]:
    """Return `text` cut by newmm, spaces kept, with numbers like 1,234.5 or 12:00 whole.

    pythainlp joins such numbers with a pattern that takes time in the square of a long
    run of digits; the same join is done here in one pass.
    """
    from pythainlp.tokenize import word_tokenize

    custom = _dictionary(extra) if extra else None
    pieces = word_tokenize(text, custom_dict=custom, engine="newmm", keep_whitespace=True,
                           join_broken_num=False)
    return _numbers_whole(pieces)


_LONG_DIGITS = re.compile(r"(\d{100,})")
_FORMATTED_NUMBER = re.compile(r"(?<!\d)\d++(?:[.,:]\d++)+")


def _numbers_whole(pieces: list[str]) -> list[str]:
    """Return `pieces` with the runs that spell a formatted number joined, as pythainlp joins them.

    >>> _numbers_whole(["เวลา", " ", "12", ":", "00", " ", "1", ",", "234", ".", "5"])
    ['เวลา', ' ', '12:00', ' ', '1,234.5']
    """
    spans = (match.span() for match in _FORMATTED_NUMBER.finditer("".join(pieces)))
    joined, position, index = [], 0, 0
    span = next(spans, None)
    while index < len(pieces) and span:
        if position >= span[0]:
            number = []
            while position < span[1] and index < len(pieces):
                number.append(pieces[index])
                position += len(pieces[index])
                index += 1
            if number:
                joined.append("".join(number))
            span = next(spans, None)
        else:
            joined.append(pieces[index])
            position += len(pieces[index])
            index += 1
    return joined + pieces[index:]


@lru_cache(maxsize=4)
def _dictionary(extra: frozenset[str]):
    """Return pythainlp's dictionary with `extra` words added, as the tokenizer's trie."""
    from pythainlp.util import dict_trie

    return dict_trie(known_words() | extra)


def tokens(text: str, extra_words: frozenset[str] = frozenset()) -> list[str]:
    """Return `text` cut into pythainlp's newmm words, spaces kept, so the pieces join back.

    `extra_words` are words to know besides pythainlp's dictionary.

    >>> tokens("ร้อยละ 100 ของหน่วยงาน")
    ['ร้อยละ', ' ', '100', ' ', 'ของ', 'หน่วยงาน']
    >>> tokens("ตัวชี้วัด", frozenset({"ตัวชี้วัด"}))
    ['ตัวชี้วัด']
    """
    return _newmm(text, extra_words)


def syllables(text: str) -> list[str]:
    """Return `text` cut into syllables (pythainlp's dictionary engine), spaces kept.

    >>> syllables("การเตรียม ร้อยละ")
    ['การ', 'เตรียม', ' ', 'ร้อย', 'ละ']
    """
    from pythainlp.tokenize import syllable_tokenize

    # -- pythainlp's number joining takes time in the square of a long run of digits: such a
    #    run (no real text has one) is kept whole and the text around it cut on its own --
    pieces = []
    for part in _LONG_DIGITS.split(text):
        if _LONG_DIGITS.fullmatch(part):
            pieces.append(part)
        elif part:
            pieces += syllable_tokenize(part, engine="dict", keep_whitespace=True)
    return pieces


def known_words() -> frozenset[str]:
    """Return pythainlp's Thai dictionary."""
    from pythainlp.corpus import thai_words

    return thai_words()


THAI_LETTERS = [chr(c) for c in range(0x0E01, 0x0E4F)]


@lru_cache(maxsize=1)
def _spell_checker():
    """Return pythainlp's Norvig spell checker with its Thai word frequencies."""
    from pythainlp.spell.pn import NorvigSpellChecker

    return NorvigSpellChecker()


def one_edit(word: str) -> set[str]:
    """Return every string one deletion, swap, replacement or insertion away from `word`.

    >>> len(one_edit("กา")) > 100
    True
    """
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return ({a + b[1:] for a, b in splits if b}
            | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
            | {a + c + b[1:] for a, b in splits if b for c in THAI_LETTERS}
            | {a + c + b for a, b in splits for c in THAI_LETTERS})


@lru_cache(maxsize=4096)
def suggestion(word: str) -> str | None:
    """Return the likeliest dictionary word one edit from `word` (pythainlp's word
    frequencies), or None.

    Only one edit: pythainlp's own `correct` tries two edits when one finds nothing,
    which takes seconds on a long string.

    >>> suggestion("ประสิทธิภาภ")
    'ประสิทธิภาพ'
    """
    checker = _spell_checker()
    found = [w for w in checker.known(one_edit(word)) if w != word]
    return max(found, key=checker.prob) if found else None

