"""Progress reports at 6, 9 and 12 months: round files, scores, the report form."""

from __future__ import annotations

import json

import pytest
from openxml_audit import OpenXmlValidator

from generator.cli import cli
from generator.store import pdf
from tests.docxtext import text
from tools import pdflayout

ROUND_12 = "results/12.yaml"


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
    assert "หมายเหตุ: ตัวอย่างเพื่อสาธิตแบบรายงาน ไม่ใช่ผลการดำเนินงานจริง" in shown


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
     [f"{ROUND_12}:43:13: ข้อผิดพลาด: ช่อง indicators[11].number: ไม่มีตัวชี้วัดที่ 99 ในคำรับรอง",
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


def test_the_report_draws_only_in_th_sarabun_new(reported, real_font_conf, tmp_path):
    _, out = reported
    made = pdf.print_pdfs([out / "reports" / "report-12.docx"], tmp_path / "pdf", real_font_conf)[0]
    assert pdf.check(made, pdfa=False) == []


def test_the_report_pages_are_filled_and_its_dates_whole(reported, real_font_conf, tmp_path):
    _, out = reported
    made = pdf.print_pdfs([out / "reports" / "report-12.docx"], tmp_path / "pdf", real_font_conf)[0]
    pages = pdflayout.read(made)
    assert pdflayout.thin_pages(pages) == []
    assert pdflayout.split_dates(pages) == []
