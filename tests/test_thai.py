"""Thai dates and digits written without pythainlp.util stay what pythainlp writes."""

from __future__ import annotations

from datetime import date, timedelta

from pythainlp.util import arabic_digit_to_thai_digit, thai_strftime
from pythainlp.util.date import thai_abbr_months, thai_full_months

from generator.text import thai


def test_month_names_are_pythainlps():
    assert list(thai.thai_full_months) == list(thai_full_months)
    assert list(thai.thai_abbr_months) == list(thai_abbr_months)


def test_dates_are_written_as_pythainlp_writes_them():
    day = date(2019, 10, 1)
    for _ in range(0, 3 * 366, 7):
        assert thai.plain_date(day) == thai_strftime(day, "%-d %B %Y")
        assert thai.signature_date(day) == thai_strftime(day, "วันที่ %-d เดือน %B พ.ศ. %Y")
        day += timedelta(days=7)


def test_digits_are_pythainlps():
    typed = "02 628 5646 ต่อ 116, 1,234.50"
    assert thai.thai_digits(typed) == arabic_digit_to_thai_digit(typed)
