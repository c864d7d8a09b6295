"""The model: text stays as typed, dates in every accepted form, derived years."""

from __future__ import annotations

from datetime import date

from generator import commands
from generator.data.model import load_agreement
from tests.docxtext import text


def test_unquoted_leading_zero_phone_stays_text(data_copy, tmp_path):
    staff = data_copy / "staff.yaml"
    staff.write_text(staff.read_text(encoding="utf-8").replace('ext: "104"', "ext: 0104"),
                     encoding="utf-8")
    agreement = load_agreement(data_copy)
    assert agreement.staff["วิมล"].ext == "0104"
    commands.build(data_copy, tmp_path / "out")
    assert "02 628 5646 ต่อ 0104" in text(tmp_path / "out" / "sheets" / "indicator-05.docx")


def test_be_leap_day_is_a_real_date(data_copy):
    path = data_copy / "agreement.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("signing_date: 2564-02-10",
                                                             "signing_date: 2563-02-29"),
                    encoding="utf-8")
    assert load_agreement(data_copy).signing_date == date(2020, 2, 29)


def test_default_data_matches_the_seed_structure():
    agreement = load_agreement(commands.PROJECT_ROOT / "data" / "2564")
    assert agreement.fiscal_year == 2564
    assert [g.weight for g in agreement.groups] == [60, 40]
    assert [len(agreement.group_indicators(g.key)) for g in agreement.groups] == [4, 7]
    assert all(len(i.baseline) == 5 for i in agreement.indicators)
    assert agreement.warnings == ()
