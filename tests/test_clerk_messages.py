"""Mistakes a clerk makes, and the exact message each gets, in Thai and in English."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from generator import commands
from generator.cli import cli
from generator.data.model import load_agreement


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def validate(runner, data: Path, lang: str):
    return runner.invoke(cli, ["--lang", lang, "validate", str(data)])


@pytest.mark.parametrize("typed", ["10/02/2564", "10/2/2564"])
def test_day_month_year_be_is_read(data_copy, typed):
    edit(data_copy / "agreement.yaml", "signing_date: 2564-02-10", f"signing_date: {typed}")
    assert load_agreement(data_copy).signing_date == date(2021, 2, 10)


@pytest.mark.parametrize("lang,expected", [
    ("th", "ช่อง signing_date: วันที่ไม่ถูกต้อง: ไม่มีวันที่ 31 ในเดือนกุมภาพันธ์ 2564"),
    ("en", "field signing_date: invalid date: there is no 31 February 2564 (BE)"),
])
def test_impossible_slashed_date_names_the_reason(runner, data_copy, lang, expected):
    edit(data_copy / "agreement.yaml", "signing_date: 2564-02-10", "signing_date: 31/02/2564")
    result = validate(runner, data_copy, lang)
    assert result.exit_code == 1
    line = (data_copy / "agreement.yaml").read_text("utf-8").splitlines().index("signing_date: 31/02/2564") + 1
    assert f"{data_copy / 'agreement.yaml'}:{line}:15: " in result.output
    assert expected in result.output


@pytest.mark.parametrize("lang,expected", [
    ("th", "ข้อผิดพลาด: ช่อง responsible[1]: ไม่พบ วิมน ในทะเบียนผู้รับผิดชอบ staff.yaml หมายถึง วิมล หรือไม่?\n"),
    ("en", "error: field responsible[1]: วิมน is not in the staff register staff.yaml; did you mean วิมล?\n"),
])
def test_staff_typo_suggests_the_key(runner, data_copy, lang, expected):
    edit(data_copy / "indicators" / "05.yaml", "  - วิมล\n", "  - วิมน\n")
    result = validate(runner, data_copy, lang)
    assert result.exit_code == 1
    assert f"{data_copy / 'indicators' / '05.yaml'}:40:5: " + expected in result.output
    assert "สุปราณี" not in result.output


@pytest.mark.parametrize("lang,expected", [
    ("th", "ช่อง responsible[2]: ไม่พบ สมชาย ในทะเบียนผู้รับผิดชอบ staff.yaml\n"
           "    ที่ต้องการ: สุปราณี, รัชนิภา, "),
    ("en", "field responsible[2]: สมชาย is not in the staff register staff.yaml\n"
           "    expected: สุปราณี, รัชนิภา, "),
])
def test_positions_count_from_one_and_far_names_list_the_register(runner, data_copy, lang,
                                                                   expected):
    edit(data_copy / "indicators" / "05.yaml", "  - จิรัฏฐ์\n", "  - สมชาย\n")
    result = validate(runner, data_copy, lang)
    assert "05.yaml:41:5: " in result.output and expected in result.output


def test_paths_are_shown_as_typed_from_the_current_folder(runner, data_copy, monkeypatch):
    monkeypatch.chdir(data_copy.parent.parent)
    edit(data_copy / "indicators" / "05.yaml", "  - วิมล\n", "  - วิมน\n")
    result = validate(runner, Path("data/2564"), "th")
    assert result.output.startswith("data/2564/indicators/05.yaml:40:5: ข้อผิดพลาด: ")
    assert Path("data/2564/indicators/05.yaml").is_file()


@pytest.mark.parametrize("lang,expected", [
    ("th", "indicators/09.yaml:32:1: ข้อผิดพลาด: ย่อหน้าด้วยแท็บไม่ได้ "
           "ให้ใช้ช่องว่าง (เคาะ spacebar) แทนแท็บที่ตำแหน่งนี้\n"),
    ("en", "indicators/09.yaml:32:1: error: indentation must use spaces, not a tab: "
           "replace the tab at this place with spaces\n"),
])
def test_tab_indentation_is_explained(runner, data_copy, lang, expected):
    edit(data_copy / "indicators" / "09.yaml", "  - กุสมา\n", "\t- กุสมา\n")
    result = validate(runner, data_copy, lang)
    assert result.exit_code == 1
    assert expected in result.output
    assert "cannot start any token" not in result.output


@pytest.mark.parametrize("lang,expected", [
    ("th", "ช่อง groups: น้ำหนักของทุกกลุ่มรวมกันเป็น 105 ต้องเท่ากับ 100\n"
           "    ที่ต้องการ: 100\n    ที่พบ: 105 = 65 (performance) + 40 (potential)\n"),
    ("en", "field groups: the group weights total 105; they must total 100\n"
           "    expected: 100\n    found: 105 = 65 (performance) + 40 (potential)\n"),
])
def test_group_weights_total_is_said(runner, data_copy, lang, expected):
    edit(data_copy / "agreement.yaml", "weight: 60", "weight: 65")
    result = validate(runner, data_copy, lang)
    assert result.exit_code == 1
    assert expected in result.output


@pytest.mark.parametrize("lang,expected", [
    ("th", "ตรวจแล้ว {}: ข้อผิดพลาด 0 รายการ คำเตือน 0 รายการ\n"),
    ("en", "checked {}: 0 errors, 0 warnings\n"),
])
def test_copied_folder_accepts_abbreviations_and_its_words(runner, tmp_path, lang, expected):
    copy = tmp_path / "elsewhere"
    shutil.copytree(commands.PROJECT_ROOT / "data" / "2564", copy,
                    ignore=shutil.ignore_patterns("results"))   # -- the example results warn, and must --
    edit(copy / "indicators" / "01.yaml", "title: ", "title: กยผ. ก.พ. สธ. ")
    result = runner.invoke(cli, ["--lang", lang, "validate", "--strict", str(copy)])
    assert result.exit_code == 0, result.output
    assert result.output == expected.format(copy)


def test_words_list_travels_with_the_data(runner, data_copy):
    edit(data_copy / "indicators" / "06.yaml", "ประสิทธิภาพ", "ประสิทธิภาภ")
    assert validate(runner, data_copy, "th").output.count("ไม่พบคำ ประสิทธิภาภ") >= 1
    with (data_copy / "words.txt").open("a", encoding="utf-8") as words:
        words.write("ประสิทธิภาภ\n")
    assert "ประสิทธิภาภ" not in validate(runner, data_copy, "th").output
    target = data_copy.parent / "2565"
    commands.make_rollover(data_copy, 2565)
    assert (target / "words.txt").read_text(encoding="utf-8").endswith("ประสิทธิภาภ\n")


@pytest.mark.parametrize("lang,old,new,expected", [
    ("th", "\n  name: ", "\n name: ", "ย่อหน้าไม่ตรงกับบรรทัดก่อน: ช่องในระดับเดียวกันต้องย่อหน้าเท่ากัน"),
    ("en", "\n  name: ", "\n name: ", "the indentation does not match the line before"),
    ("th", "code: bic", "code: bic: x", "มีเครื่องหมาย : ที่ใช้ไม่ได้ตรงนี้"),
])
def test_yaml_mistakes_are_said_in_the_clerks_words(runner, data_copy, lang, old, new, expected):
    edit(data_copy / "agreement.yaml", old, new)
    result = validate(runner, data_copy, lang)
    assert result.exit_code == 1
    assert "agreement.yaml:" in result.output and expected in result.output
    assert "expected <block end>" not in result.output and "did not find" not in result.output


def test_an_unclosed_quotation_mark_is_said(runner, data_copy):
    path = data_copy / "staff.yaml"
    path.write_text(path.read_text("utf-8").rstrip("\n")[:-1] + "\n", encoding="utf-8")   # ext: "111
    result = validate(runner, data_copy, "th")
    assert result.exit_code == 1
    assert "staff.yaml:" in result.output and "เปิดเครื่องหมายคำพูดแล้วไม่ได้ปิด" in result.output
