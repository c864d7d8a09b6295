"""Staff changes: one edit, only the affected sheets and the packet change, and a report says why."""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator import commands
from generator.cli import cli
from tests.docxtext import text

AFFECTED_BY_JIRAT = {5, 6, 7, 8, 10, 11}


def state(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(),
                                               p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*.docx"))}


def sheet(n: int) -> str:
    return f"sheets/indicator-{n:02d}.docx"


def test_two_builds_are_byte_identical(data_copy, tmp_path):
    commands.build(data_copy, tmp_path / "a")
    commands.build(data_copy, tmp_path / "b")
    for path in (tmp_path / "a").rglob("*.docx"):
        twin = tmp_path / "b" / path.relative_to(tmp_path / "a")
        assert path.read_bytes() == twin.read_bytes(), path.name
    assert (tmp_path / "a" / "manifest.json").read_bytes() == (tmp_path / "b" / "manifest.json").read_bytes()


def test_phone_change_rewrites_exactly_that_persons_sheets_and_the_packet(runner, data_copy, tmp_path):
    out = tmp_path / "out"
    commands.build(data_copy, out)
    before = state(out)
    edited = runner.invoke(cli, ["staff", "set", "จิรัฏฐ์", str(data_copy), "--ext", "109"])
    assert edited.exit_code == 0, edited.output
    assert "ตัวชี้วัดที่ได้รับผลกระทบ: 5–8, 10–11" in edited.output
    result = runner.invoke(cli, ["build", str(data_copy), "-o", str(out)])
    assert result.exit_code == 0, result.output
    after = state(out)
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {sheet(n) for n in AFFECTED_BY_JIRAT} | {"packet.docx"}
    for name in set(after) - changed:
        assert after[name] == before[name]  # same bytes and same mtime
    assert "ตัวชี้วัดที่ 5–8, 10–11: โทร ต่อ 107 → ต่อ 109" in result.output
    assert "ตัวชี้วัดที่ 5–8, 10–11: โทร ต่อ 107 → ต่อ 109" in (out / "CHANGES.txt").read_text("utf-8")
    assert "02 628 5646 ต่อ 109" in text(out / sheet(5))


def test_replace_keeps_comments_and_reports_the_person(runner, data_copy, tmp_path):
    out = tmp_path / "out"
    commands.build(data_copy, out)
    staff_before = (data_copy / "staff.yaml").read_text("utf-8")
    result = runner.invoke(cli, ["staff", "replace", "นายจิรัฏฐ์ แสนดี", "นายสมทรง งามวงษ์", str(data_copy)])
    assert result.exit_code == 0, result.output
    assert "นายจิรัฏฐ์ แสนดี (02 628 5646 ต่อ 107) → นายสมทรง งามวงษ์ (02 628 5646 ต่อ 107)" in result.output
    staff_after = (data_copy / "staff.yaml").read_text("utf-8")
    comments = [line for line in staff_before.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(line in staff_after for line in comments)
    assert len(staff_after.splitlines()) == len(staff_before.splitlines())
    assert "  สมทรง:\n    name: นายสมทรง งามวงษ์\n" in staff_after
    for n in AFFECTED_BY_JIRAT:
        assert "  - สมทรง\n" in (data_copy / "indicators" / f"{n:02d}.yaml").read_text("utf-8")
    report = commands.build(data_copy, out).report
    assert "ตัวชี้วัดที่ 5–8, 10–11: ผู้รับผิดชอบ นายจิรัฏฐ์ แสนดี → นายสมทรง งามวงษ์" in "\n".join(report)
    assert "3. นายสมทรง งามวงษ์" in text(out / sheet(10))


def test_staff_list_shows_indicators_per_person(runner):
    result = runner.invoke(cli, ["staff", "list", str(commands.PROJECT_ROOT / "data" / "2564")])
    assert result.exit_code == 0
    assert "จิรัฏฐ์\tนายจิรัฏฐ์ แสนดี\t02 628 5646 ต่อ 107\tตัวชี้วัดที่ 5–8, 10–11" in result.output
    assert "พิทชดนัย\tนายพิทชดนัย หลงปาน\t-\tตัวชี้วัดที่ 1" in result.output


def test_unknown_person_changes_nothing(runner, data_copy):
    before = {p: p.read_bytes() for p in data_copy.rglob("*.yaml")}
    result = runner.invoke(cli, ["staff", "replace", "ไม่มีคนนี้", "นายสมทรง งามวงษ์", str(data_copy)])
    assert result.exit_code == 1
    assert "ไม่พบ ไม่มีคนนี้ ในทะเบียน staff.yaml" in result.output
    assert {p: p.read_bytes() for p in data_copy.rglob("*.yaml")} == before


def test_edit_that_breaks_the_data_is_refused(runner, data_copy):
    before = (data_copy / "staff.yaml").read_bytes()
    result = runner.invoke(cli, ["staff", "set", "วิมล", str(data_copy), "--ext", "10\x0b4"])
    assert result.exit_code == 1
    assert "U+000B" in result.output
    assert (data_copy / "staff.yaml").read_bytes() == before


def test_only_rebuilds_the_named_sheets_and_the_packet(runner, data_copy, tmp_path):
    out = tmp_path / "out"
    commands.build(data_copy, out)
    before = state(out)
    runner.invoke(cli, ["staff", "set", "จิรัฏฐ์", str(data_copy), "--ext", "109"])
    result = commands.build(data_copy, out, only={5, 7})
    assert sorted(result.rendered) == sorted([sheet(5), sheet(7), "packet.docx"])
    after = state(out)
    assert {n for n in after if after[n] != before[n]} == {sheet(5), sheet(7), "packet.docx"}
    assert "ต่อ 107" in text(out / sheet(6))  # not asked for, kept as it was


def test_rebuild_of_unchanged_data_renders_nothing(data_copy, tmp_path):
    out = tmp_path / "out"
    commands.build(data_copy, out)
    before = state(out)
    result = commands.build(data_copy, out)
    assert result.rendered == []
    assert state(out) == before
    assert "ไม่มีไฟล์เปลี่ยน" in result.report[1]


def test_only_needs_a_previous_build(runner, data_copy, tmp_path):
    result = runner.invoke(cli, ["build", str(data_copy), "-o", str(tmp_path / "o"), "--only", "5"])
    assert result.exit_code == 1
    assert "--only" in result.output and not (tmp_path / "o").exists()
