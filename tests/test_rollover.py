"""Rollover: next fiscal year's data from this one, ready to build."""

from __future__ import annotations

import pytest

from generator import commands
from generator.cli import cli
from generator.data.model import load_agreement
from tests.docxtext import paragraphs, text


@pytest.fixture
def rolled(runner, data_copy):
    """Record 12-month results for indicators 1 and 4 only, then roll over to 2565."""
    (data_copy / "results" / "12.yaml").write_text(
        "round: 12\nindicators:\n  - number: 1\n    result: 35 แห่ง\n    level: advanced\n"
        "  - number: 4\n    result: 9 โครงการ/กิจกรรม\n", encoding="utf-8")
    outcome = runner.invoke(cli, ["rollover", str(data_copy), "--to", "2565"])
    assert outcome.exit_code == 0, outcome.output
    return data_copy.parent / "2565", outcome.output


def test_tables_shift_by_one_year_and_dates_clear(rolled):
    target, _ = rolled
    new = load_agreement(target)
    assert new.fiscal_year == 2565 and new.signing_date is None
    ind = {i.number: i for i in new.indicators}
    assert ind[1].baseline == ("-", "-", "-", "30 แห่ง", "35 แห่ง")
    assert ind[4].baseline == ("10", "12", "15", "8", "9 โครงการ/กิจกรรม")
    assert ind[2].baseline == ("-", "-", "-", "-", "-")
    assert ind[2].roadmap == ("30", "30", "30", "30", "30")
    assert ind[4].roadmap == ("10",) * 5
    assert ind[6].roadmap is None
    assert not (target / "results").exists()   # the new year has no results yet
    assert [i.title for i in new.indicators] == [
        i.title for i in load_agreement(target.parent / "2564").indicators]


def test_comments_are_kept(rolled):
    target, _ = rolled
    for name in ("agreement.yaml", "staff.yaml", "indicators/05.yaml"):
        old = (target.parent / "2564" / name).read_text("utf-8")
        new = (target / name).read_text("utf-8")
        comments = [line for line in old.splitlines() if line.lstrip().startswith("#")]
        assert comments and all(line in new for line in comments), name


def test_checklist_names_what_to_review(rolled):
    _, output = rolled
    assert "แผนฯ 12 (ปี 60-64)" in output and "สิ้นสุดปี 2564 ก่อนปีงบประมาณ 2565" in output
    assert "นายสมทรง งามวงษ์" in output and "นายสุภัทร จำปาทอง" in output
    assert "indicators/04.yaml: ข้อความยังระบุปี 2564" in output
    assert "ตัวชี้วัดที่ 2–3, 5–11: ไม่มีผลการดำเนินงานปี 2564" in output
    assert "ยุทธศาสตร์ชาติ พ.ศ. 2561 – 2580" not in output


def test_rolled_data_builds_with_every_year_from_2565(rolled, tmp_path):
    target, _ = rolled
    commands.build(target, tmp_path / "out")
    front = text(tmp_path / "out" / "agreement.docx")
    assert "ประจำปีงบประมาณ พ.ศ. 2565" in front
    assert "เริ่มตั้งแต่วันที่ 1 ตุลาคม 2564 ถึงวันที่ 30 กันยายน 2565" in front
    assert "ผลการ\nดำเนินงาน\nปี 64" in front   # -- the summary form's header, broken by hand --
    assert front.count("วันที่ ............ เดือน") == 2
    sheet = paragraphs(tmp_path / "out" / "sheets" / "indicator-02.docx")
    i = sheet.index("ปีงบประมาณ")
    assert sheet[i + 1:i + 6] == ["2560", "2561", "2562", "2563", "2564"]
    assert "แผนระยะยาว / Roadmap (2565-2569)" in sheet
    assert "ขั้นตอนการดำเนินงานในปี 2565" in sheet


def test_existing_target_is_refused_unless_forced(runner, rolled, data_copy):
    target, _ = rolled
    (target / "agreement.yaml").write_text("# edited by hand\n", encoding="utf-8")
    refused = runner.invoke(cli, ["rollover", str(data_copy), "--to", "2565"])
    assert refused.exit_code == 1 and "--force" in refused.output
    assert (target / "agreement.yaml").read_text("utf-8") == "# edited by hand\n"
    forced = runner.invoke(cli, ["rollover", str(data_copy), "--to", "2565", "--force"])
    assert forced.exit_code == 0, forced.output
    assert load_agreement(target).fiscal_year == 2565


def test_only_one_year_at_a_time(runner, data_copy):
    result = runner.invoke(cli, ["rollover", str(data_copy), "--to", "2567"])
    assert result.exit_code == 1
    assert "ยกข้อมูลได้ทีละปี" in result.output
    assert not (data_copy.parent / "2567").exists()
