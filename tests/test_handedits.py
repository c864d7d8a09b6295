"""A hand edit is never lost: a build keeps every file a person changed, says where, and
asks to close Word rather than refusing in general terms."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from generator import commands
from generator.cli import cli
from generator.errors import GeneratorError
from generator.store import output, staging
from tests.docxtext import text
from tests.wordedit import replace_text

SAVED = datetime(2026, 11, 26, 9, 5).timestamp()
KEPT = "packet.แก้ไขด้วยมือ-2026-11-26-0905.docx"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def recorded(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def hand_edit(path: Path, extra: bytes = b"\n") -> bytes:
    """Change `path` by one byte run and date the save; return its new bytes."""
    path.write_bytes(path.read_bytes() + extra)
    os.utime(path, (SAVED, SAVED))
    return path.read_bytes()


@pytest.fixture
def out(built, tmp_path) -> Path:
    """Return a copy of the default build: what building `data_copy` writes, byte for byte."""
    folder = tmp_path / "out"
    shutil.copytree(built, folder)
    return folder


def test_an_edited_file_is_kept_aside_named_and_reported(runner, data_copy, out):
    edited = hand_edit(out / "packet.docx")
    result = runner.invoke(cli, ["build", str(data_copy), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / KEPT).read_bytes() == edited
    assert (out / KEPT).stat().st_mtime == SAVED
    assert sha(out / "packet.docx") == recorded(out)["files"]["packet.docx"]["sha256"]
    lines = [
        "เปลี่ยน 1 ไฟล์: เล่มรวม packet.docx (อีก 13 ไฟล์เหมือนเดิม)",
        "แก้ไขด้วยมือหลังสร้างครั้งก่อน 1 ไฟล์: เก็บฉบับที่แก้ไว้ทุกไบต์ ไม่ได้ลบหรือเขียนทับ",
        f"  เล่มรวม packet.docx บันทึกเมื่อ 2026-11-26 09:05 เก็บไว้ที่ {out / KEPT}",
        "  packet.docx ตอนนี้เป็นฉบับที่สร้างจากข้อมูล ถ้าจะใช้ข้อความที่แก้ ให้นำกลับเข้าข้อมูลแล้วสร้างใหม่:",
        f"    agreement absorb {out / KEPT} {data_copy} --write",
        f"    agreement build {data_copy} -o {out}"]
    assert result.stdout.splitlines()[1:-1] == lines
    log = (out / "CHANGES.txt").read_text(encoding="utf-8")
    assert "\n".join(lines) in log and "ไม่มีไฟล์เปลี่ยน" not in log.split("เปลี่ยน 1 ไฟล์")[1]
    assert recorded(out)["edited"][KEPT]["of"] == "packet.docx"


def test_the_report_is_english_on_screen_and_thai_in_the_log(runner, data_copy, out):
    hand_edit(out / "sheets" / "indicator-05.docx")
    result = runner.invoke(cli, ["build", str(data_copy), "-o", str(out), "--lang", "en"])
    kept = out / "sheets" / "indicator-05.แก้ไขด้วยมือ-2026-11-26-0905.docx"
    assert result.stdout.splitlines()[2:4] == [
        "1 file edited by hand since the last build: each edited copy is kept, byte for byte; nothing was "
        "deleted or overwritten",
        f"  indicator sheets 5 saved 2026-11-26 09:05 kept as {kept}"]
    assert "นำกลับเข้าข้อมูลแล้วสร้างใหม่" in (out / "CHANGES.txt").read_text(encoding="utf-8")


def test_a_kept_copy_is_owned_carried_and_never_deleted(runner, data_copy, out):
    edited = hand_edit(out / "packet.docx")
    commands.build(data_copy, out)
    staff = data_copy / "staff.yaml"
    staff.write_text(staff.read_text(encoding="utf-8").replace('ext: "107"', 'ext: "109"'), encoding="utf-8")
    for _ in range(2):
        result = runner.invoke(cli, ["build", str(data_copy), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert (out / KEPT).read_bytes() == edited
        assert f"ยังไม่ได้นำกลับเข้าข้อมูล: {out / KEPT}" in result.stderr
    assert "ต่อ 109" in text(out / "sheets" / "indicator-05.docx")
    (out / KEPT).unlink()   # the clerk's own choice
    commands.build(data_copy, out)
    assert "edited" not in recorded(out)


def test_nothing_changed_is_never_said_over_an_edit(data_copy, out):
    hand_edit(out / "agreement.docx")
    result = commands.build(data_copy, out)
    assert not any("ไม่มีไฟล์เปลี่ยน" in line for line in result.report)
    assert result.report[1] == "เปลี่ยน 1 ไฟล์: ส่วนหน้า agreement.docx (อีก 13 ไฟล์เหมือนเดิม)"
    assert [e.of for e in result.hand_edits] == ["agreement.docx"]


def test_an_edit_saved_by_word_or_libreoffice_is_kept(data_copy, out, saved_by_libreoffice):
    replace_text(out / "sheets" / "indicator-03.docx", "ตัวชี้วัดที่ 3", "ตัวชี้วัดที่ 3 (แก้)")
    shutil.copy(saved_by_libreoffice["agreement.docx"], out / "agreement.docx")
    before = {name: (out / name).read_bytes() for name in ("sheets/indicator-03.docx", "agreement.docx")}
    result = commands.build(data_copy, out)
    kept = {e.of: out / e.name for e in result.hand_edits}
    assert sorted(kept) == ["agreement.docx", "sheets/indicator-03.docx"]
    assert {name: path.read_bytes() for name, path in kept.items()} == before
    assert "ตัวชี้วัดที่ 3 (แก้)" in text(kept["sheets/indicator-03.docx"])
    assert "(แก้)" not in text(out / "sheets" / "indicator-03.docx")


def test_hand_edits_lists_files_in_place_then_kept(data_copy, out):
    assert commands.hand_edits(out) == []
    hand_edit(out / "sheets" / "indicator-02.docx")
    [in_place] = commands.hand_edits(out)
    assert (in_place.of, in_place.name, in_place.kept, in_place.absorbed) == \
        ("sheets/indicator-02.docx", "sheets/indicator-02.docx", False, False)
    assert in_place.saved == datetime(2026, 11, 26, 9, 5)
    commands.build(data_copy, out)
    [kept] = commands.hand_edits(out)
    assert (kept.of, kept.name, kept.kept) == \
        ("sheets/indicator-02.docx", "sheets/indicator-02.แก้ไขด้วยมือ-2026-11-26-0905.docx", True)
    assert kept.saved == in_place.saved and kept.sha256 == in_place.sha256


@pytest.mark.parametrize("lock,document,program", [
    ("~$packet.docx", "packet.docx", "Word"),
    ("~$reement.docx", "agreement.docx", "Word"),
    ("sheets/~$dicator-04.docx", "sheets/indicator-04.docx", "Word"),
    ("sheets/.~lock.indicator-04.docx#", "sheets/indicator-04.docx", "LibreOffice"),
])
def test_an_open_document_asks_to_close_it_first(runner, data_copy, out, lock, document, program):
    (out / lock).write_bytes(b"owner")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    result = runner.invoke(cli, ["build", str(data_copy), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output == (f"ข้อผิดพลาด: ปิดไฟล์ {out / document} ใน {program} ก่อน แล้วสั่งใหม่: ไฟล์เปิดอยู่ "
                             f"(มี {lock}) ถ้าปิดแล้ว ให้ลบ {out / lock} ที่ {program} ทิ้งไว้ ไม่ได้แตะต้องไฟล์ใด ๆ\n")
    assert "มีสิ่งที่เครื่องมือนี้ไม่ได้สร้าง" not in result.output
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_file_the_system_will_not_replace_asks_to_close_it(runner, data_copy, out, monkeypatch):
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    hand_edit(out / "packet.docx")
    before[out / "packet.docx"] = (out / "packet.docx").read_bytes()

    def refused(a, b, *args, **kwargs):   # -- what Windows does to a folder with a file open in Word --
        raise PermissionError(errno.EACCES, "Access is denied", str(a), None, str(b))

    monkeypatch.setattr(staging, "_exchange", lambda a, b: False)
    monkeypatch.setattr(output.os, "rename", refused)
    result = runner.invoke(cli, ["build", str(data_copy), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output.startswith(f"ข้อผิดพลาด: ปิดไฟล์ที่เปิดอยู่ในโฟลเดอร์ {out} ใน Word ก่อน")
    assert "ใน Word ก่อน (หรือโปรแกรมอื่นที่เปิดไฟล์นั้นอยู่) แล้วสั่งใหม่" in result.output
    assert "ผลลัพธ์เดิมยังอยู่ครบ" in result.output
    monkeypatch.undo()
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(out.parent.glob(f".{out.name}.*"))   # -- the staging folder went with the refusal --


def test_a_pdf_copy_that_will_not_be_replaced_asks_to_close_it(out, monkeypatch):
    def refused(a, b):
        raise PermissionError(errno.EACCES, "Access is denied", str(a), None, str(b))

    monkeypatch.setattr(output.os, "replace", refused)
    with pytest.raises(GeneratorError) as caught:
        output.add_files(out, {"packet.pdf": b"%PDF"})
    assert f"ปิดไฟล์ {out / 'packet.pdf'} ใน Word ก่อน" in str(caught.value)
    assert not list(out.glob(".*.new"))


def test_only_makes_an_edited_sheet_again_and_keeps_the_edit(data_copy, out):
    edited = hand_edit(out / "sheets" / "indicator-09.docx")
    result = commands.build(data_copy, out, only={5})
    assert sorted(result.rendered) == ["sheets/indicator-05.docx", "sheets/indicator-09.docx"]
    assert (out / "sheets" / "indicator-09.แก้ไขด้วยมือ-2026-11-26-0905.docx").read_bytes() == edited
    assert result.stale == []


def test_an_edited_pdf_copy_is_kept_not_reported_as_dropped(data_copy, out, fake_libreoffice):
    commands.pdf_copies(out)
    signed = hand_edit(out / "packet.pdf", b"% signed")
    result = commands.build(data_copy, out)
    assert (out / "packet.แก้ไขด้วยมือ-2026-11-26-0905.pdf").read_bytes() == signed
    assert not any("ลบ packet.pdf" in line for line in result.report)
    commands.pdf_copies(out)
    assert "edited" in recorded(out) and "pdf" in recorded(out)


def test_archive_waits_for_an_edit_to_be_carried_back(runner, data_copy, tmp_path, monkeypatch, fake_libreoffice):
    monkeypatch.chdir(data_copy.parent.parent)
    working = Path("output") / "2564"
    commands.build(Path("data/2564"), working)
    hand_edit(working / "packet.docx")
    result = runner.invoke(cli, ["archive", "data/2564", "--root", "archive"])
    assert result.exit_code == 1
    assert (
        "ข้อผิดพลาด: output/2564/packet.docx แก้ไขด้วยมือหลังสร้าง และยังไม่ได้นำกลับเข้าข้อมูล: "
        "ฉบับเก็บถาวรสร้างจากข้อมูล จึงจะไม่มีการแก้ไขนั้น ไม่ได้สร้างฉบับใหม่\n") in result.output
    assert "  agreement absorb output/2564/packet.docx data/2564 --write\n" in result.output
    assert not Path("archive").exists() or not list(Path("archive").rglob("rev-*"))
    assert (working / "packet.docx").read_bytes().endswith(b"\n")
    carried = runner.invoke(cli, ["absorb", "output/2564/packet.docx", "data/2564", "--write"])
    assert carried.exit_code == 0, carried.output
    archived = runner.invoke(cli, ["archive", "data/2564", "--root", "archive", "--allow-example"])
    assert archived.exit_code == 0, archived.output
    assert f"  เล่มรวม packet.docx บันทึกเมื่อ 2026-11-26 09:05 เก็บไว้ที่ {working / KEPT} (นำกลับเข้าข้อมูลแล้ว)" \
        in archived.output.splitlines()


def test_a_build_keeps_nothing_when_it_writes_the_same_bytes(data_copy, out):
    shutil.copy(out / "packet.docx", out / "packet.docx.bak")
    (out / "packet.docx").unlink()
    shutil.move(out / "packet.docx.bak", out / "packet.docx")   # same bytes, another file
    result = commands.build(data_copy, out)
    assert result.hand_edits == [] and "edited" not in recorded(out)


def test_a_batch_names_the_edited_copies_it_kept(runner, data_copy, tmp_path):
    tree, out = tmp_path / "ministry", tmp_path / "built"
    shutil.copytree(data_copy, tree / "bic" / "2564")
    args = ["build", str(tree), "-o", str(out), "-j", "1"]
    assert runner.invoke(cli, args).exit_code == 0
    unit = out / "2564" / "bic"
    hand_edit(unit / "packet.docx")
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert f"แก้ไขด้วยมือ ยังไม่ได้นำกลับเข้าข้อมูล: {unit / KEPT} (agreement absorb {unit / KEPT} " \
           f"{tree / 'bic' / '2564'})" in result.stderr.splitlines()
    assert "แก้ไขด้วยมือหลังสร้างครั้งก่อน 1 ไฟล์" in (unit / "CHANGES.txt").read_text(encoding="utf-8")


def test_a_report_says_where_the_edited_copy_went(runner, data_copy, out):
    hand_edit(out / "packet.docx")
    result = runner.invoke(cli, ["report", str(data_copy), "--round", "12", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"  เล่มรวม packet.docx บันทึกเมื่อ 2026-11-26 09:05 เก็บไว้ที่ {out / KEPT}" in result.output.splitlines()
