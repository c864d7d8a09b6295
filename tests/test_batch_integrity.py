"""A batch never mixes units up: each unit's PDFs come from its own documents, a unit that
fails for any reason fails alone and is marked, and batch and single builds keep apart."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
from pathlib import Path

import pytest

from bench.synthetic import make_unit
from generator import commands
from generator.cli import cli
from generator.commands import archives, batch
from generator.documents import overview, packet
from generator.documents.overview import UnitResult
from generator.errors import GeneratorError
from tests.docxtext import text


@pytest.fixture
def two_units(tmp_path) -> list[Path]:
    """Return two units whose documents share every file name but not their content."""
    return [make_unit(tmp_path / "data" / "a" / "2564", 1, 2), make_unit(tmp_path / "data" / "b" / "2564", 2, 3)]


def test_each_units_pdfs_come_from_its_own_documents(two_units, tmp_path, fake_libreoffice):
    """Each PDF is the copy of its own unit's document, converted with its own unit's words.

    The stand-in converter writes into each copy the document and the words it was given:
    what this checks is the batch's own grouping and naming. That LibreOffice gives each of
    several documents of one name its own PDF is test_pdf.py's (real LibreOffice), and PDF/A
    copies themselves are test_archive.py's.
    """
    with (two_units[1] / "words.txt").open("a", encoding="utf-8") as words:
        words.write("ผลสัมฤทธิ์\n")   # -- a word list of its own: the print dictionary differs too --
    result = commands.build_batch([tmp_path / "data"], tmp_path / "batch", jobs=1, with_pdf=True)
    assert [u.ok for u in result.units] == [True, True], [u.messages for u in result.units]
    for unit, built in zip(two_units, result.units):
        docx = sorted(p.relative_to(built.out_dir) for p in built.out_dir.rglob("*.docx"))
        assert [p.as_posix() for p in docx] == ["agreement.docx", "packet.docx"] + [
            f"sheets/indicator-{n:02d}.docx" for n in range(1, len(list((unit / "indicators").glob("*"))) + 1)]
        accepted = " ".join(sorted(commands.accepted_words(unit))).encode()
        for name in docx:
            made = (built.out_dir / name).with_suffix(".pdf").read_bytes()
            assert made == b"%PDF-1.7 copy of " + str(built.out_dir / name).encode() + b"\nwords: " + accepted, name
    assert "ผลสัมฤทธิ์".encode() in (result.units[1].out_dir / "packet.pdf").read_bytes()
    assert (tmp_path / "batch" / "overview.pdf").read_bytes().startswith(b"%PDF-1.7 copy of ")
    assert sorted(p.name for p in (tmp_path / "batch").iterdir()) == [
        "2564", "batch.json", "overview.csv", "overview.docx", "overview.pdf"]


def test_a_unit_whose_pdf_copies_fail_fails_alone_and_is_marked(two_units, tmp_path, monkeypatch, fake_libreoffice):
    checks = []

    def second_fails(pdfs):
        checks.append(pdfs)
        if len(checks) == 2:
            raise GeneratorError("packet.pdf: ฟอนต์สำรอง Loma ถูกใช้แทน TH Sarabun New")

    monkeypatch.setattr(archives, "_check", second_fails)
    monkeypatch.setattr(batch, "overview_pdf", lambda docx, font_dir: b"%PDF-1.7 overview")
    result = commands.build_batch([tmp_path / "data"], tmp_path / "batch", jobs=1, with_pdf=True)
    first, second = result.units
    assert first.ok and (first.out_dir / "packet.pdf").is_file()
    assert not second.ok and second.stage == "pdf" and "ฟอนต์สำรอง Loma" in second.messages[0]
    assert not (second.out_dir / "packet.pdf").exists() and (second.out_dir / "packet.docx").is_file()
    shown = text(tmp_path / "batch" / "overview.docx")
    assert "(unit-002) ปีงบประมาณ 2564: ทำสำเนา PDF ไม่สำเร็จ 1 ข้อ" in shown


@pytest.mark.parametrize("error, fragment", [
    (RuntimeError("boom"), "ข้อผิดพลาดภายในโปรแกรม (RuntimeError: boom)"),
    (PermissionError(13, "Permission denied", "/somewhere/staff.yaml"),
     "/somewhere/staff.yaml: ระบบไม่ยอมให้อ่านหรือเขียน (Permission denied)"),
    (RecursionError("maximum recursion depth exceeded"), "RecursionError"),
    (MemoryError(), "MemoryError"),
])
def test_an_error_of_any_kind_in_one_unit_fails_that_unit_alone(two_units, tmp_path, monkeypatch, runner,
                                                               error, fragment):
    real = packet.render_part

    def render_part(part, templates, digits):
        if part.properties["author"].endswith("หน่วยที่ 2"):
            raise error
        return real(part, templates, digits)

    monkeypatch.setattr(packet, "render_part", render_part)
    result = runner.invoke(cli, ["build", str(tmp_path / "data"), "-o", str(tmp_path / "batch"), "-j", "1"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert fragment in result.stderr
    assert (tmp_path / "batch" / "2564" / "unit-001" / "packet.docx").is_file()
    assert not (tmp_path / "batch" / "2564" / "unit-002").exists()
    rows = list(csv.DictReader((tmp_path / "batch" / "overview.csv").read_text("utf-8-sig").splitlines()))
    assert [r["status"] for r in rows if r["data_dir"].endswith("b/2564")] == ["failed"]
    assert "สร้างเอกสารไม่สำเร็จ 1 ข้อ" in text(tmp_path / "batch" / "overview.docx")


def test_a_worker_that_dies_fails_its_unit_alone(two_units, tmp_path, monkeypatch):
    real = batch.build

    def dies_on_the_second(data_dir, *args, **kwargs):
        if data_dir == two_units[1]:
            os._exit(9)   # -- as the kernel's out-of-memory killer would end it --
        return real(data_dir, *args, **kwargs)

    monkeypatch.setattr(batch, "build", dies_on_the_second)
    result = commands.build_batch([tmp_path / "data"], tmp_path / "batch", jobs=2)
    assert [u.ok for u in result.units] == [True, False]
    assert "หยุดกลางคัน" in result.units[1].messages[0] and result.units[1].stage == "build"


def test_batch_and_single_builds_keep_apart_by_default(two_units, tmp_path, runner, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(commands.PROJECT_ROOT / "data" / "2564", tmp_path / "data" / "bic" / "2564",
                    ignore=shutil.ignore_patterns("results"))
    assert runner.invoke(cli, ["build", "data", "-j", "1"]).exit_code == 0
    assert runner.invoke(cli, ["build", "data/bic/2564"]).exit_code == 0
    assert runner.invoke(cli, ["build", "data", "-j", "1"]).exit_code == 0
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == ["2564", "batch"]
    assert sorted(p.name for p in (tmp_path / "output" / "batch" / "2564").iterdir()) == [
        "bic", "unit-001", "unit-002"]
    assert (tmp_path / "output" / "2564" / "packet.docx").is_file()
    assert not (tmp_path / "output" / "2564" / "bic").exists()


def test_the_overview_is_replaced_only_where_the_batch_wrote_it(two_units, tmp_path):
    commands.build_batch([tmp_path / "data"], tmp_path / "batch", jobs=1)
    commands.build_batch([tmp_path / "data"], tmp_path / "batch", jobs=1)   # -- its own files: fine --
    (tmp_path / "batch" / "overview.csv").unlink()
    (tmp_path / "batch" / "overview.csv").write_text("ของฉัน", encoding="utf-8")
    commands.build_batch([tmp_path / "data"], tmp_path / "batch", jobs=1)   # -- by name, as a unit folder --
    (tmp_path / "batch" / "สรุป.xlsx").write_bytes(b"a clerk's sheet")
    with pytest.raises(GeneratorError, match="สรุป.xlsx"):
        commands.build_batch([tmp_path / "data"], tmp_path / "batch", jobs=1)
    assert (tmp_path / "batch" / "สรุป.xlsx").read_bytes() == b"a clerk's sheet"


# -- the overview CSV opens in a spreadsheet as typed --

DANGEROUS = ["=HYPERLINK(\"http://example.com\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
             "＝1+1", " =1+1"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_csv_cells_that_would_start_a_formula_are_escaped(value):
    unit = UnitResult(Path(value), False, messages=(value,),
                      summary={"name": value, "code": "x", "fiscal_year": 2564, "signing_date": None,
                               "indicators": [{"number": 1, "title": value, "group": value, "weight": 10}]})
    rows = list(csv.DictReader(io.StringIO(overview.csv_bytes([unit]).decode("utf-8-sig"), newline="")))
    assert rows
    for row in rows:
        for key in ("unit_name", "title", "group"):
            assert row[key] == "'" + value, (key, row[key])
        for key in ("data_dir", "problems"):
            assert row[key].startswith("'"), (key, row[key])
        assert row["weight"] == "10" and row["fiscal_year"] == "2564"


def test_a_bug_in_one_unit_keeps_its_traceback_in_a_log(two_units, tmp_path, monkeypatch, runner):
    real = packet.render_part

    def render_part(part, templates, digits):
        if part.properties["author"].endswith("หน่วยที่ 2"):
            return {}["a bug"]
        return real(part, templates, digits)

    monkeypatch.setattr(packet, "render_part", render_part)
    result = runner.invoke(cli, ["build", str(tmp_path / "data"), "-o", str(tmp_path / "batch"), "-j", "1"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    log = Path(re.search(r"(/\S+/crash-[\w-]+\.txt)", result.stderr)[1])
    assert log.parent == Path(os.environ["XDG_CACHE_HOME"]) / "thai-performance-agreement" / "logs"
    assert "KeyError: 'a bug'" in log.read_text("utf-8")
