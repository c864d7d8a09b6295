"""Progress reports at 6, 9 and 12 months: round files, scores, the report form."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from openxml_audit import OpenXmlValidator

from generator.cli import cli
from generator.store import pdf
from generator.text.thai import BLANK_DATE
from tests.docxtext import paragraphs, text
from tools import pdflayout

ROUND_12 = "results/12.yaml"
HEADER_END = "(ร้อยละ)"    # the lowest line of the summary table's header: "น้ำหนัก / (ร้อยละ)"
ANY_ROW = re.compile(r"^([0-9๐-๙]+\. |การประเมิน|รวม|คะแนนรวม)")
ROW_START = re.compile(r"^[0-9๐-๙]+\. ")


@pytest.fixture
def reported(runner, data_copy, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(cli, ["report", str(data_copy), "--round", "12", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return result, out


def test_the_total_matches_a_hand_calculation(reported):
    result, out = reported
    # weight × points ÷ 100, indicator by indicator, as the example round file states them;
    # indicator 4: 9 projects against 6 / 8 / 10 lies half way from 75 to 100 = 87.5 points
    by_hand = (15 * 75 + 15 * 100 + 15 * 50 + 15 * 87.5 + 10 * 75 + 5 * 75 + 5 * 100 + 5 * 75
               + 5 * 50 + 5 * 75 + 5 * 0) / 100
    assert by_hand == 73.125
    assert "คะแนนรวมรอบ 12 เดือน: 73.13 จาก 100" in result.output
    shown = text(out / "reports" / "report-12.docx")
    for figure in ("46.88", "26.25", "73.13", "13.13", "87.50", "มาตรฐาน *", "0.00"):
        assert figure in shown, figure
    assert ("หมายเหตุ: ข้อมูลตัวอย่าง ไม่ใช่ผลการดำเนินงานจริงของหน่วยงาน "
            "(ตัวอย่างเพื่อสาธิตแบบรายงาน ไม่ใช่ผลการดำเนินงานจริง)") in shown


def test_the_report_is_word_clean_reproducible_and_listed(reported, data_copy, runner, tmp_path):
    _, out = reported
    report = out / "reports" / "report-12.docx"
    assert OpenXmlValidator(max_errors=0).validate(report).errors == []
    again = tmp_path / "again"
    runner.invoke(cli, ["build", str(data_copy), "-o", str(again)])
    assert (again / "reports" / "report-12.docx").read_bytes() == report.read_bytes()
    assert "reports/report-12.docx" in json.loads((out / "manifest.json").read_text("utf-8"))["files"]
    assert "รายงานผลการดำเนินงานตามคำรับรอง" not in text(out / "packet.docx")   # not a page of the packet


def test_a_changed_result_shows_in_the_change_report(reported, data_copy, runner):
    _, out = reported
    path = data_copy / ROUND_12
    path.write_text(path.read_text("utf-8").replace("level: below_basic", "level: basic"), encoding="utf-8")
    result = runner.invoke(cli, ["report", str(data_copy), "--round", "12", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "คะแนนรวมรอบ 12 เดือน: 75.63 จาก 100" in result.output
    assert "reports/report-12.docx" in (out / "CHANGES.txt").read_text("utf-8").split("\n\n")[-2]


@pytest.mark.parametrize("edit, fragments", [
    (("  - number: 11\n", "  - number: 99\n"),
     [f"{ROUND_12}:44:13: ข้อผิดพลาด: ช่อง indicators[11].number: ไม่มีตัวชี้วัดที่ 99 ในคำรับรอง",
      "ยังไม่มีผลการดำเนินงานของตัวชี้วัดที่ 11 ในรอบ 12 เดือน"]),
    (("level: advanced", "level: excellent"),
     ["ช่อง indicators[2].level: ค่าไม่ถูกต้อง", "below_basic | basic | standard | advanced", "excellent"]),
    (("    level: basic\n    obstacles", "    obstacles"),
     ["ช่อง indicators[3]: บอกไม่ได้ว่าผลนี้ถึงระดับใด"]),
    (("round: 12", "round: 9"), ["ไฟล์ของรอบ 12 เดือน แต่ระบุ round เป็น 9"]),
])
def test_a_bad_round_file_gets_positioned_messages_and_writes_nothing(runner, data_copy, tmp_path,
                                                                      edit, fragments):
    path = data_copy / ROUND_12
    old, new = edit
    assert old in path.read_text("utf-8")
    path.write_text(path.read_text("utf-8").replace(old, new, 1), encoding="utf-8")
    result = runner.invoke(cli, ["report", str(data_copy), "--round", "12", "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    for fragment in fragments:
        assert fragment in result.output, result.output
    assert not (tmp_path / "out").exists()


def test_missing_results_warn_after_6_months_and_fail_after_12(runner, data_copy, tmp_path):
    (data_copy / "results" / "06.yaml").write_text(
        "round: 6\nindicators:\n  - number: 4\n    result: 3 โครงการ/กิจกรรม\n", encoding="utf-8")
    six = runner.invoke(cli, ["report", str(data_copy), "--round", "6", "-o", str(tmp_path / "out")])
    assert six.exit_code == 0, six.output
    assert "คำเตือน: ช่อง result: ยังไม่มีผลการดำเนินงานของตัวชี้วัดที่ 1 ในรอบ 6 เดือน" in six.output
    assert "คะแนนรวมรอบ 6 เดือน: 0.00 จาก 100" in six.output
    path = data_copy / ROUND_12
    path.write_text(path.read_text("utf-8").replace("    result: ยังไม่ถึงเป้าหมายขั้นต้น (ตัวอย่าง)\n", ""),
                    encoding="utf-8")
    twelve = runner.invoke(cli, ["report", str(data_copy), "--round", "12", "-o", str(tmp_path / "out")])
    assert twelve.exit_code == 1
    assert "ข้อผิดพลาด: ช่อง result: ยังไม่มีผลการดำเนินงานของตัวชี้วัดที่ 11 ในรอบ 12 เดือน" in twelve.output


def test_the_report_draws_only_in_th_sarabun_new(printed):
    assert pdf.check(printed["report"], pdfa=False) == []


@pytest.fixture(scope="module")
def report_pages(printed) -> list[pdflayout.Page]:
    """Return the pages of the default build's report-12.docx (as `reported` makes it, byte for byte)."""
    return pdflayout.read(printed["report"])


def test_the_report_pages_are_filled_and_its_dates_whole(report_pages):
    assert pdflayout.thin_pages(report_pages, row_start=ROW_START) == []
    assert pdflayout.split_dates(report_pages) == [] and pdflayout.split_numbers(report_pages) == []
    assert pdflayout.broken_syllables(report_pages) == []


def test_the_summary_table_fits_its_words_and_never_splits_a_row(report_pages):
    assert pdflayout.split_rows(report_pages, HEADER_END, ANY_ROW) == []
    lines = [ln.text for page in report_pages for ln in page.body_lines()]
    # -- the level and points columns hold their words whole; the header keeps its brackets --
    for whole in ("มาตรฐาน", "มาตรฐาน *", "ขั้นสูง", "ต่ำกว่าขั้นต้น", "100.00", "87.50",
                  "(ร้อยละ)", "(50)", "(75)", "(100)", "ถ่วงน้ำหนัก"):
        assert any(pdflayout.holds(line, whole) for line in lines), whole
    assert not [line for line in lines if re.search(r"มาตรฐา(\s|$)|^น(\s|$)", line)]
    assert pdflayout.lone_brackets(lines) == []


def test_the_details_headings_line_up_with_their_bullets(report_pages):
    lines = [ln for page in report_pages for ln in page.body_lines()]
    headings = [ln for ln in lines if ln.text in ("หลักฐาน", "ปัญหาอุปสรรค", "แนวทางต่อไป")]
    bullets = [ln for ln in lines if ln.text.startswith("•")]
    assert len(headings) == 3 and len(bullets) == 3
    assert {round(ln.left) for ln in headings} == {round(ln.left) for ln in bullets}


def test_the_report_closes_with_the_reporters_signature(report_pages):
    last = [ln.text for ln in report_pages[-1].body_lines()]
    block = ["." * 50, "(นายสมทรง งามวงษ์)", "ผู้อำนวยการสำนักความสัมพันธ์ต่างประเทศ",
             "วันที่ 15 เดือน ตุลาคม พ.ศ. 2564", "ผู้รายงาน"]
    assert last[-len(block):] == block
    assert len(last) > len(block)   # -- kept with the last indicator's section, never alone --


def test_a_blank_reporter_prints_dotted_lines(runner, data_copy, tmp_path):
    path = data_copy / ROUND_12
    path.write_text(re.sub(r"(?ms)^reporter:.*", "", path.read_text("utf-8")), encoding="utf-8")
    result = runner.invoke(cli, ["report", str(data_copy), "--round", "12", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    shown = paragraphs(tmp_path / "out" / "reports" / "report-12.docx")
    dots = "." * 50
    assert shown[-5:] == [dots, f"({dots})", f"ตำแหน่ง {dots}", BLANK_DATE, "ผู้รายงาน"]


def test_a_bad_reporter_date_is_positioned(runner, data_copy, tmp_path):
    path = data_copy / ROUND_12
    path.write_text(path.read_text("utf-8").replace("date: 2564-10-15", "date: 2564-13-15"), encoding="utf-8")
    result = runner.invoke(cli, ["report", str(data_copy), "--round", "12", "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "ช่อง reporter.date: วันที่ไม่ถูกต้อง" in result.output
    assert "2564-13-15" in result.output


def test_a_result_taller_than_a_page_continues_under_its_indicator(runner, data_copy, tmp_path, real_font_conf):
    long = " ".join(["ผู้บริหารสร้างสภาพแวดล้อมเพื่อให้หน่วยงานเป็นองค์การที่มีความโปร่งใส"] * 10)
    path = data_copy / ROUND_12
    values = yaml.safe_load(path.read_text("utf-8"))
    values["indicators"][6]["result"] = long
    path.write_text(yaml.safe_dump(values, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = runner.invoke(cli, ["report", str(data_copy), "--round", "12", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    report = tmp_path / "out" / "reports" / "report-12.docx"
    pages = pdflayout.read(pdf.print_pdfs([report], tmp_path / "pdf", real_font_conf)[0])
    assert pdflayout.split_rows(pages, HEADER_END, ANY_ROW) == []
    continued = [p for p in pages if any(pdflayout.holds(ln.text, "(ต่อ)") for ln in p.body_lines())]
    assert continued
    for page in continued:
        first = min((ln for ln in page.body_lines() if ROW_START.match(ln.text)), key=lambda ln: ln.top)
        assert first.text.startswith("7. ตัวชี้วัด หมวด 1")
