"""Thai dates, digits and fiscal years; the one module that imports pythainlp.

A Thai fiscal year (ปีงบประมาณ) runs 1 October – 30 September and is named by
its Buddhist-era (BE) year of the September end: FY 2564 is 1 Oct 2020 – 30 Sep 2021 CE.
"""

from __future__ import annotations

import os
import re
from datetime import date

# -- pythainlp must never try to download or create a data folder: CI is offline --
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

from pythainlp.util import arabic_digit_to_thai_digit, thai_strftime  # noqa: E402
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
    """Return `text` with Arabic digits replaced by Thai digits.

    >>> thai_digits("02 628 5646 ต่อ 116")
    '๐๒ ๖๒๘ ๕๖๔๖ ต่อ ๑๑๖'
    """
    return arabic_digit_to_thai_digit(text)


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
        raise ValueError("อ่านไม่ออก ใช้รูปแบบ 2564-02-10 หรือ 10 กุมภาพันธ์ 2564")
    ce_year = year - BE_OFFSET if year > 2400 else year
    return _checked_date(ce_year, month, day)


def _month_number(name: str) -> int:
    """Return 1–12 for a full or abbreviated Thai month name."""
    for names in (thai_full_months, thai_abbr_months):
        if name in names:
            return names.index(name) + 1
    raise ValueError(f"ไม่รู้จักชื่อเดือน {name}")


def _checked_date(ce_year: int, month: int, day: int) -> date:
    """Return the date, or raise ValueError naming what is impossible."""
    if not 1 <= month <= 12:
        raise ValueError(f"ไม่มีเดือนที่ {month} (เดือนต้องอยู่ระหว่าง 1–12)")
    try:
        return date(ce_year, month, day)
    except ValueError:
        month_name = thai_full_months[month - 1]
        raise ValueError(f"ไม่มีวันที่ {day} ในเดือน{month_name} {ce_year + BE_OFFSET}") from None


def is_plausible_be_year(year: int) -> bool:
    """Tell whether `year` looks like a BE fiscal year (not a CE year typed by mistake).

    >>> is_plausible_be_year(2564), is_plausible_be_year(2021)
    (True, False)
    """
    return 2500 <= year <= 2700
