"""A whole ministry in one run: units found in a tree, built in worker processes, one overview."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from docx import Document
from openxml_audit import OpenXmlValidator

from bench.synthetic import make_unit
from generator import commands
from generator.cli import cli
from generator.data import folders as batch
from generator.errors import GeneratorError
from tests.docxtext import text
from tools.pdflayout import plain


@pytest.fixture(scope="module")
def ministry(tmp_path_factory) -> Path:
    """Return a ministry tree of three units: one signed, one not signed yet, one with bad data."""
    root = tmp_path_factory.mktemp("ministry") / "data"
    make_unit(root / "bureaus" / "u1" / "2564", 1, 3)
    unsigned = make_unit(root / "bureaus" / "u2" / "2564", 2, 4)
    path = unsigned / "agreement.yaml"
    path.write_text(re.sub(r"(?m)^signing_date:.*$", "signing_date:", path.read_text("utf-8")),
                    encoding="utf-8")
    broken = make_unit(root / "provinces" / "u3" / "2564", 3, 2)
    sheet = broken / "indicators" / "02.yaml"
    sheet.write_text(re.sub(r"(?m)^weight: \d+$", "weight: 99", sheet.read_text("utf-8")),
                     encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def ran(ministry, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    return commands.build_batch([ministry], out, jobs=2), out


def test_units_are_found_anywhere_below_the_folder(ministry):
    found = batch.find_units([ministry])
    assert [p.relative_to(ministry).as_posix() for p in found] == [
        "bureaus/u1/2564", "bureaus/u2/2564", "provinces/u3/2564"]
    assert batch.is_batch([ministry]) and not batch.is_batch([found[0]])


def test_a_folder_without_units_is_refused_by_name(tmp_path):
    with pytest.raises(GeneratorError) as info:
        batch.find_units([tmp_path])
    assert str(info.value) == f"ไม่พบข้อมูลหน่วยงาน (agreement.yaml) ใน {tmp_path}"


def test_a_bad_unit_is_reported_and_the_others_still_build(ran, ministry):
    result, out = ran
    assert [u.ok for u in result.units] == [True, True, False]
    assert [u.data_dir.parent.name for u in result.failed] == ["u3"]
    assert any("weight" in m and "99" in m for m in result.failed[0].messages)
    assert (out / "2564" / "unit-001" / "packet.docx").is_file()
    assert (out / "2564" / "unit-002" / "packet.docx").is_file()
    assert not (out / "2564" / "unit-003").exists()


def test_batch_outputs_equal_single_builds_byte_for_byte(ran, ministry, tmp_path):
    result, out = ran
    for unit in result.units[:2]:
        single = tmp_path / unit.out_dir.name
        commands.build(unit.data_dir, single)
        names = sorted(p.relative_to(single) for p in single.rglob("*") if p.is_file()
                       and p.name != "CHANGES.txt")
        assert names == sorted(p.relative_to(unit.out_dir) for p in unit.out_dir.rglob("*")
                               if p.is_file() and p.name != "CHANGES.txt")
        assert all((single / n).read_bytes() == (unit.out_dir / n).read_bytes() for n in names)


def test_overview_lists_every_unit_with_its_state(ran):
    result, out = ran
    shown = text(out / "overview.docx")
    assert "ทั้งหมด 3 หน่วยงาน: ลงนามแล้ว 1 ยังไม่ลงนาม 1 ไม่สำเร็จ 1" in shown
    assert "1. สำนักความสัมพันธ์ต่างประเทศ หน่วยที่ 1 (unit-001) ปีงบประมาณ 2564: " \
           "ลงนามวันที่ 10 กุมภาพันธ์ 2564" in shown
    assert "(unit-002) ปีงบประมาณ 2564: ยังไม่ลงนาม" in shown
    assert re.search(r"\d\. \S+/provinces/u3/2564: ตรวจข้อมูลไม่ผ่าน \d+ ข้อ", shown)
    titles = [u.summary["indicators"] for u in result.units if u.ok]
    assert all(f"{i['number']}. {i['title']}" in shown for unit in titles for i in unit)


def test_overview_gives_each_unit_its_total_weight_and_signing_date(ran):
    _, out = ran
    units = Document(out / "overview.docx").tables[0]
    rows = [[plain(cell.text) for cell in row.cells] for row in units.rows]
    assert rows[0] == ["ที่", "หน่วยงาน", "ปีงบประมาณ", "ตัวชี้วัด", "น้ำหนักรวม\n(ร้อยละ)", "วันที่ลงนาม", "สถานะ"]
    assert rows[1] == ["1", "สำนักความสัมพันธ์ต่างประเทศ หน่วยที่ 1 (unit-001)", "2564", "3", "100",
                       "10 กุมภาพันธ์ 2564", "ลงนามแล้ว"]
    assert rows[2][2:] == ["2564", "4", "100", "-", "ยังไม่ลงนาม"]
    assert rows[3][2:6] == ["-", "-", "-", "-"] and re.fullmatch(r"ตรวจข้อมูลไม่ผ่าน \d+ ข้อ", rows[3][6])


def test_overview_csv_has_a_row_per_indicator_and_per_failed_unit(ran):
    result, out = ran
    rows = list(csv.DictReader((out / "overview.csv").read_text("utf-8-sig").splitlines()))
    assert len(rows) == 3 + 4 + 1
    assert {r["unit_code"] for r in rows} == {"unit-001", "unit-002", ""}
    assert sum(int(r["weight"]) for r in rows if r["unit_code"] == "unit-002") == 100
    assert rows[-1]["status"] == "failed" and "99" in rows[-1]["problems"]
    assert {r["signing_date"] for r in rows if r["unit_code"] == "unit-002"} == {""}
    assert {r["total_weight"] for r in rows if r["unit_code"]} == {"100"} and rows[-1]["total_weight"] == ""


def test_cli_builds_a_tree_prints_a_summary_and_exits_1_when_a_unit_failed(runner, ministry, tmp_path):
    result = runner.invoke(cli, ["build", str(ministry / "provinces"), str(ministry / "bureaus" / "u1"),
                                 "-o", str(tmp_path), "-j", "1"])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["หน่วยงาน", "ปี", "ตัวชี้วัด", "ผล"]
    assert lines[1].startswith("-") and "ไม่ผ่าน" in lines[1] and "provinces/u3/2564" in lines[1]
    assert lines[2].startswith("unit-001            2564          3  สร้างใหม่ 5 ไฟล์ ใน ")
    assert "สร้างสำเร็จ 1 จาก 2 หน่วยงาน" in lines
    assert f"{ministry / 'provinces' / 'u3' / '2564'}: ตรวจข้อมูลไม่ผ่าน" in result.stderr
    assert (tmp_path / "overview.docx").is_file()


def test_only_is_refused_in_a_batch(runner, ministry):
    result = runner.invoke(cli, ["build", str(ministry), "--only", "1"])
    assert result.exit_code == 2
    assert "--only ใช้กับหน่วยงานเดียวเท่านั้น" in result.output


def test_overview_passes_the_word_validator(ran):
    _, out = ran
    assert OpenXmlValidator(max_errors=0).validate(out / "overview.docx").errors == []
