"""Bad data: each case in tests/data/invalid/ gets a positioned Thai message, exit 1,
and changes nothing on disk.

A case folder holds only the files that differ from data/2564; the test lays them
over a copy of the default data.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from generator import commands
from generator.cli import cli

INVALID = Path(__file__).parent / "data" / "invalid"

# case: (fragments the message must contain, in order of appearance not required)
ERRORS = {
    "yaml_syntax": ["indicators/02.yaml:9:8:", "รูปแบบ YAML ไม่ถูกต้อง", "เริ่มที่บรรทัด 8"],
    "duplicate_key": ["indicators/04.yaml:9:1", "คีย์ weight ซ้ำกับบรรทัด 8"],
    "unknown_key": ["indicators/05.yaml:", "ไม่รู้จักคีย์ respnsible", "ขาดช่อง responsible",
                    "คีย์ที่ใช้ได้: number, group"],
    "missing_field": ["indicators/07.yaml:", "ขาดช่อง title", "ที่ต้องการ: ระดับความสำเร็จใน"],
    "wrong_type": ["indicators/03.yaml:8:9", "ช่อง weight", "ชนิดข้อมูลไม่ถูกต้อง",
                   "ที่ต้องการ: จำนวนเต็ม เช่น 15", "ที่พบ: สิบห้า"],
    "leading_zero": ["indicators/08.yaml:8:9", "ตัวเลขขึ้นต้นด้วย 0 (05)", "ที่ต้องการ: 5"],
    "weight_total": ["น้ำหนักรวมของทุกตัวชี้วัดเป็น 105 ต้องเท่ากับ 100", "ที่พบ: 105 = 15 (indicators/01.yaml)",
                     "น้ำหนักของกลุ่ม performance"],
    "group_total": ["agreement.yaml:", "ช่อง groups.performance.weight", "ที่ต้องการ: 60", "ที่พบ: 55",
                    "groups.potential.weight"],
    "weight_zero": ["indicators/06.yaml:", "น้ำหนักต้องมากกว่า 0", "ที่พบ: 0"],
    "number_duplicate": ["indicators/06.yaml:", "เลขตัวชี้วัด 5 ซ้ำกับใน indicators/05.yaml",
                         "เลขตัวชี้วัดต้องเรียง 1, 2, 3"],
    "number_gap": ["เลขตัวชี้วัดต้องเรียง", "ที่พบ: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12"],
    "unknown_staff": ["indicators/09.yaml:", "responsible[3]", "ไม่พบ ฐิติพงศ์ ในทะเบียนผู้รับผิดชอบ"],
    "impossible_date": ["agreement.yaml:", "signing_date", "ไม่มีวันที่ 30 ในเดือนกุมภาพันธ์ 2564"],
    "impossible_thai_date": ["signing_date", "ไม่มีวันที่ 31 ในเดือนเมษายน 2564"],
    "month_13": ["signing_date", "ไม่มีเดือนที่ 13"],
    "ce_fiscal_year": ["agreement.yaml:", "fiscal_year", "ปีงบประมาณต้องเป็นปี พ.ศ.", "เช่น 2564"],
    "control_char": ["indicators/01.yaml:", "U+000B", "อักขระควบคุม"],
    "empty_file": ["staff.yaml", "ไฟล์ว่างเปล่า"],
    "not_utf8": ["staff.yaml:", "ไม่ได้บันทึกเป็น UTF-8", "TIS-620"],
    "python_tag": ["linkage.yaml:", "แท็ก YAML !!python/object/apply:os.system ไม่อนุญาต"],
    "many_problems": ["ไม่รู้จักคีย์ respnsible", "ไม่พบ ฐิติพงศ์", "ไม่มีวันที่ 30"],
    # -- a results file is checked by validate as build checks it --
    "results_unknown_indicator": ["results/12.yaml:44:13:", "ไม่มีตัวชี้วัดที่ 99 ในคำรับรอง",
                                  "ยังไม่มีผลการดำเนินงานของตัวชี้วัดที่ 11 ในรอบ 12 เดือน"],
}
# case: fragments of the warning; exit 0 unless --strict
WARNINGS = {
    "yaml11_no": ["linkage.yaml:", "ministry_indicators[1]", "ค่า no ไม่ได้อยู่ในเครื่องหมายคำพูด"],
    "date_far_outside": ["agreement.yaml:", "อยู่ห่างจากปีงบประมาณ 2564 มาก"],
    "zero_width": ["indicators/02.yaml:", "กลุ่ม[U+200B]เป้าหมาย", "zero-width"],
    "bidi_control": ["indicators/02.yaml:", "กลุ่ม[U+202E]เป้าหมาย", "ควบคุมทิศทางข้อความ (bidi)"],
    "tone_order": ["indicators/03.yaml:", "ในคำ เเนวปฏิบัติ พิมพ์ผิดลำดับ", "คำแนะนำ: แนวปฏิบัติ\n"],
    "latin_in_thai": ["indicators/07.yaml:", "xorองเรียน", "อักษรละติน"],
    "unknown_word": ["indicators/06.yaml:", "ไม่พบคำ ประสิทธิภาภ ในพจนานุกรม", "คำแนะนำ: ประสิทธิภาพ"],
}


def overlay(case: str, data: Path) -> Path:
    for source in (INVALID / case).rglob("*"):
        if source.is_file():
            shutil.copy(source, data / source.relative_to(INVALID / case))
    return data


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(),
                                               p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def previous_output(tmp_path_factory) -> Path:
    """Return a folder holding a good build, which a failing build must leave alone."""
    out = tmp_path_factory.mktemp("previous") / "2564"
    commands.build(commands.PROJECT_ROOT / "data" / "2564", out)
    return out


def test_every_case_folder_is_tested():
    assert sorted(p.name for p in INVALID.iterdir()) == sorted(ERRORS | WARNINGS)


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_error_is_positioned_and_nothing_changes(case, runner, data_copy, previous_output):
    data = overlay(case, data_copy)
    before = snapshot(previous_output)
    checked = runner.invoke(cli, ["validate", str(data)])
    built = runner.invoke(cli, ["build", str(data), "-o", str(previous_output)])
    for result in (checked, built):
        assert result.exit_code == 1, result.output
        for fragment in ERRORS[case]:
            assert fragment in result.output, (fragment, result.output)
        assert "Traceback" not in result.output
    assert "ไม่ได้เขียนไฟล์ใด ๆ" in built.output
    assert snapshot(previous_output) == before
    assert sorted(p.name for p in previous_output.parent.iterdir()) == ["2564"]


@pytest.mark.parametrize("case", sorted(WARNINGS))
def test_warning_is_positioned_and_strict_fails(case, runner, data_copy):
    data = overlay(case, data_copy)
    lenient = runner.invoke(cli, ["validate", str(data)])
    strict = runner.invoke(cli, ["validate", "--strict", str(data)])
    assert lenient.exit_code == 0, lenient.output
    assert strict.exit_code == 1, strict.output
    for result in (lenient, strict):
        assert "คำเตือน" in result.output
        for fragment in WARNINGS[case]:
            assert fragment in result.output, (fragment, result.output)
    assert "--strict" in strict.output


def test_missing_data_folder(runner, tmp_path):
    result = runner.invoke(cli, ["validate", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "nowhere: ข้อผิดพลาด: ไม่พบโฟลเดอร์ข้อมูล" in result.output


def test_messages_in_english_with_lang_en(runner, data_copy):
    data = overlay("wrong_type", data_copy)
    result = runner.invoke(cli, ["--lang", "en", "validate", str(data)])
    assert result.exit_code == 1
    assert "indicators/03.yaml:8:9: error: field weight: wrong type" in result.output
    assert "expected: a whole number, e.g. 15" in result.output
    assert "found: สิบห้า" in result.output


def test_default_data_warns_only_that_its_results_are_an_example(runner):
    data = commands.PROJECT_ROOT / "data" / "2564"
    result = runner.invoke(cli, ["validate", str(data)])
    assert result.exit_code == 0, result.output
    assert "ข้อผิดพลาด 0 รายการ คำเตือน 1 รายการ" in result.output
    assert f"{data}/results/12.yaml:6:10: คำเตือน: ช่อง example: ไฟล์นี้เป็นผลการดำเนินงานตัวอย่าง" in result.output
    assert runner.invoke(cli, ["validate", "--strict", str(data)]).exit_code == 1


def test_default_data_without_its_example_results_validates_strictly(runner, data_copy):
    shutil.rmtree(data_copy / "results")
    result = runner.invoke(cli, ["validate", "--strict", str(data_copy)])
    assert result.exit_code == 0, result.output
    assert "ข้อผิดพลาด 0 รายการ คำเตือน 0 รายการ" in result.output
