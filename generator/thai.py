"""Thai dates, digits and fiscal years; the one module that imports pythainlp.

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

from pythainlp.util import arabic_digit_to_thai_digit, thai_strftime  # noqa: E402

from generator.errors import tr  # noqa: E402
from pythainlp.util.date import thai_abbr_months, thai_full_months  # noqa: E402

BE_OFFSET = 543
BLANK_DATE = "วันที่ ............ เดือน ............................ พ.ศ. ............"
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_THAI = re.compile(r"^(\d{1,2})\s*([ก-๙.]+?)\s*(\d{2}|\d{4})$")


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
    return thai_strftime(day, "%-d %B %Y")


def signature_date(day: date | None) -> str:
    """Return the date line of a signature block; dotted blanks when `day` is None.

    >>> signature_date(date(2021, 2, 10))
    'วันที่ 10 เดือน กุมภาพันธ์ พ.ศ. 2564'
    """
    if day is None:
        return BLANK_DATE
    return thai_strftime(day, "วันที่ %-d เดือน %B พ.ศ. %Y")


def thai_digits(text: str) -> str:
    """Return `text` with Arabic digits replaced by Thai digits, except inside Latin script.

    A number joined to Latin letters ("COVID-19") or following a Latin word ("PMQA 4.0",
    "(Level 1)") is part of a Latin name and keeps its Arabic digits.

    >>> thai_digits("02 628 5646 ต่อ 116")
    '๐๒ ๖๒๘ ๕๖๔๖ ต่อ ๑๑๖'
    >>> thai_digits("ระบบราชการ 4.0 (PMQA 4.0) ระดับ 1 (Level 1) COVID-19 ปี 2564")
    'ระบบราชการ ๔.๐ (PMQA 4.0) ระดับ ๑ (Level 1) COVID-19 ปี ๒๕๖๔'
    """
    return _NUMBER.sub(lambda m: m[0] if _in_latin(text, m) else arabic_digit_to_thai_digit(m[0]),
                       text)


_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_LATIN = re.compile(r"[A-Za-z]")


def _in_latin(text: str, match: re.Match) -> bool:
    """Tell whether the number `match` belongs to a Latin word or follows one."""
    before = text[:match.start()].rstrip(" \u00a0-")
    after = text[match.end():match.end() + 1]
    return bool(before and _LATIN.match(before[-1]) or _LATIN.match(after))


def parse_date(text: str) -> date:
    """Return the CE date written as ISO CE, ISO BE or Thai text; raise ValueError in Thai.

    ISO years above 2400 are BE: 2563-02-29 is 29 Feb 2020, a real date.

    >>> parse_date("2563-02-29"), parse_date("2021-02-10")
    (datetime.date(2020, 2, 29), datetime.date(2021, 2, 10))
    >>> parse_date("10 ก.พ. 64")
    datetime.date(2021, 2, 10)
    >>> parse_date("30 กุมภาพันธ์ 2564")
    Traceback (most recent call last):
    ValueError: ไม่มีวันที่ 30 ในเดือนกุมภาพันธ์ 2564
    """
    text = text.strip()
    iso, thai = _ISO.match(text), _THAI.match(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif thai:
        day, month, year = int(thai[1]), _month_number(thai[2]), int(thai[3])
        year += 2500 if year < 100 else 0
    else:
        raise ValueError(tr("อ่านไม่ออก ใช้รูปแบบ 2564-02-10 หรือ 10 กุมภาพันธ์ 2564",
                            "cannot read it; write 2564-02-10 or 10 กุมภาพันธ์ 2564"))
    ce_year = year - BE_OFFSET if year > 2400 else year
    return _checked_date(ce_year, month, day)


def _month_number(name: str) -> int:
    """Return 1–12 for a full or abbreviated Thai month name."""
    for names in (thai_full_months, thai_abbr_months):
        if name in names:
            return names.index(name) + 1
    raise ValueError(tr(f"ไม่รู้จักชื่อเดือน {name}", f"unknown month name {name}"))


def _checked_date(ce_year: int, month: int, day: int) -> date:
    """Return the date, or raise ValueError naming what is impossible."""
    if not 1 <= month <= 12:
        raise ValueError(tr(f"ไม่มีเดือนที่ {month} (เดือนต้องอยู่ระหว่าง 1–12)",
                            f"there is no month {month} (months run 1–12)"))
    try:
        return date(ce_year, month, day)
    except ValueError:
        month_name = thai_full_months[month - 1]
        be_year = ce_year + BE_OFFSET
        raise ValueError(tr(f"ไม่มีวันที่ {day} ในเดือน{month_name} {be_year}",
                            f"{month_name} {be_year} has no day {day}")) from None


def is_plausible_be_year(year: int) -> bool:
    """Tell whether `year` looks like a BE fiscal year (not a CE year typed by mistake).

    >>> is_plausible_be_year(2564), is_plausible_be_year(2021)
    (True, False)
    """
    return 2500 <= year <= 2700


def normalized(text: str) -> str:
    """Return `text` as pythainlp's normalize would write it (vowel and tone order, no doubles).

    >>> normalized("นํ้า")
    'น้ำ'
    """
    from pythainlp.util import normalize

    return normalize(text)


def words(text: str) -> list[str]:
    """Return the words of Thai `text` (pythainlp's newmm tokenizer; imported only when used).

    >>> words("ผู้รับผิดชอบตัวชี้วัด ผลการดำเนินงาน")
    ['ผู้รับผิดชอบ', 'ตัว', 'ชี้', 'วัด', 'ผลการดำเนินงาน']
    """
    from pythainlp.tokenize import word_tokenize

    return [w for w in word_tokenize(text, engine="newmm", keep_whitespace=False) if w.strip()]


def tokens(text: str) -> list[str]:
    """Return `text` cut into pythainlp's newmm words, spaces kept, so the pieces join back.

    >>> tokens("ร้อยละ 100 ของหน่วยงาน")
    ['ร้อยละ', ' ', '100', ' ', 'ของ', 'หน่วยงาน']
    """
    from pythainlp.tokenize import word_tokenize

    return word_tokenize(text, engine="newmm", keep_whitespace=True)


NBSP, ZWSP, WORD_JOINER = "\u00a0", "\u200b", "\u2060"
_THAI_SLASH = re.compile(r"(?<=[ก-๛]/)(?=[ก-๛])")
_DIGITS = "0-9๐-๙"
_BEFORE_NUMBER = re.compile(rf"(?<=\S) (?=[{_DIGITS}])")
_AFTER_NUMBER = re.compile(rf"(?<=[{_DIGITS}]) (?=([^\s{_DIGITS}]+)(?:\s|$))")
_DATE_WORDS = re.compile(r"(?<=เดือน) (?=[ก-ฮ])|(?:%s) (?=พ\.ศ\.)"
                         % "|".join(f"(?<={month})" for month in thai_full_months))
_TITLED_NAME = re.compile(r"((?:^|\s)(?:นาย|นางสาว|นาง|ดร\.)[ก-๙]+) (?=[ก-๙]+(?:\s|$))")


def line_breaks(text: str) -> str:
    """Return `text` marked where a Thai line must not end, and where it may.

    No-break spaces as `glue_spaces` puts them, and a zero-width space (U+200B, the
    Unicode and Word mark of a Thai word boundary) after a slash between Thai words:
    LibreOffice 7.4 otherwise breaks the word after the slash ("ต้องการ/คว / าม").

    >>> line_breaks("ความต้องการ/ความคาดหวัง ร้อยละ 80").replace(ZWSP, "|").replace(NBSP, "_")
    'ความต้องการ/|ความคาดหวัง ร้อย\u2060ละ_80'
    """
    return _THAI_SLASH.sub(ZWSP, whole_labels(glue_spaces(text)))


def glue_spaces(text: str) -> str:
    """Return `text` with no-break spaces (U+00A0) where a line must not end.

    A number stays with the word before it ("ร้อยละ 100", "วันที่ 1", "พ.ศ. 2564") and
    with a one-word unit or month after it ("30 แห่ง", "1 ตุลาคม"); "เดือน" stays with
    its month, a month with "พ.ศ.", a titled given name with its surname. A no-break
    space is never put before a run of several Thai words: LibreOffice 7.4 then breaks
    that run at wrong places ("85 แ / ละผู้เข้าร่วม").

    >>> glue_spaces("วันที่ 1 ตุลาคม 2563 ร้อยละ 100 นายสมทรง งามวงษ์").replace(NBSP, "_")
    'วันที่_1_ตุลาคม_2563_ร้อยละ_100 นายสมทรง_งามวงษ์'
    >>> glue_spaces("วันที่ 10 เดือน กุมภาพันธ์ พ.ศ. 2564").replace(NBSP, "_")
    'วันที่_10_เดือน_กุมภาพันธ์_พ.ศ._2564'
    >>> glue_spaces("ร้อยละ 85 และผู้เข้าร่วมโครงการ 30 แห่ง").replace(NBSP, "_")
    'ร้อยละ_85 และผู้เข้าร่วมโครงการ_30_แห่ง'
    """
    text = _AFTER_NUMBER.sub(lambda m: NBSP if _one_word(m[1]) else " ", text)
    text = _DATE_WORDS.sub(NBSP, _BEFORE_NUMBER.sub(NBSP, text))
    return _TITLED_NAME.sub(r"\1" + NBSP, text)


_LABEL = re.compile(rf"[ก-๛]+(?={NBSP}[{_DIGITS}])")


def whole_labels(text: str) -> str:
    """Return `text` with the Thai word before a glued number kept whole and set apart.

    "ร้อยละ" in "ไม่น้อยกว่าร้อยละ 80" and "วันที่" in "เริ่มตั้งแต่วันที่ 1": a
    zero-width space before the word ends the Thai run there, and word joiners
    (U+2060) between its dictionary parts keep LibreOffice from "ร้อย / ละ 80" and
    "วัน / ที่ 1". A joiner goes only inside such a short run: LibreOffice 7.4 breaks a
    longer Thai run next to a joiner at wrong places.

    >>> whole_labels("ไม่น้อยกว่าร้อยละ\u00a080").replace(ZWSP, "|").replace(WORD_JOINER, "+")
    'ไม่น้อยกว่า|ร้อย+ละ\xa080'
    """
    return _LABEL.sub(lambda m: _set_apart(m[0]), text)


def _set_apart(run: str) -> str:
    label = tokens(run)[-1]
    prefix = run[:-len(label)]
    parts = (label,) if label in thai_full_months else _parts(label)
    return prefix + (ZWSP if prefix else "") + WORD_JOINER.join(parts)


_WHOLE_RUN = re.compile(r"(?<![ก-๛])[ก-๛]{2,12}(?![ก-๛])")


def whole_words(text: str) -> str:
    """Return `text` with word joiners inside each short Thai run that is one word.

    For narrow table cells: "งบประมาณ" between spaces, "ตัวชี้วัด" before " สป." stay
    whole. Only a whole run, for the same reason as in `whole_labels`.

    >>> whole_words("ระบบ บุคลากร งบประมาณ ฯลฯ / ตัวชี้วัด สป.").replace(WORD_JOINER, "+")
    'ระบบ บุ+คลา+กร งบ+ประมาณ ฯลฯ / ตัว+ชี้+วัด สป.'
    """
    return _WHOLE_RUN.sub(lambda m: WORD_JOINER.join(_parts(m[0])) if len(tokens(m[0])) == 1
                          or m[0] in COMPOUNDS else m[0], text)


# -- compounds of these documents that pythainlp's dictionary splits into parts --
COMPOUNDS = frozenset({"ตัวชี้วัด"})


@lru_cache(maxsize=1024)
def _parts(word: str) -> tuple[str, ...]:
    """Return `word` as the fewest smaller dictionary words, or whole when it has none.

    >>> _parts("ร้อยละ"), _parts("วันที่"), _parts("สัญญา")
    (('ร้อย', 'ละ'), ('วัน', 'ที่'), ('สัญญา',))
    """
    known = known_words()
    best: list[tuple[str, ...] | None] = [()] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(end):
            piece = word[start:end]
            if best[start] is not None and piece != word and piece in known and (
                    best[end] is None or len(best[start]) + 1 < len(best[end])):
                best[end] = best[start] + (piece,)
    return best[-1] or (word,)


def _one_word(run: str) -> bool:
    """Tell whether `run` is a single word: a unit, a month, a Latin word."""
    return run.rstrip(".,;:)") in known_words() or not re.search("[ก-๙]", run)


def syllables(text: str) -> list[str]:
    """Return `text` cut into syllables (pythainlp's dictionary engine), spaces kept.

    >>> syllables("การเตรียม ร้อยละ")
    ['การ', 'เตรียม', ' ', 'ร้อย', 'ละ']
    """
    from pythainlp.tokenize import syllable_tokenize

    return syllable_tokenize(text, engine="dict", keep_whitespace=True)


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
