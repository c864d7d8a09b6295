"""The yearly archive: immutable BagIt revisions with checked PDF/A copies."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from generator import commands
from generator.cli import cli
from generator.commands import archives
from generator.store import archive, fonts, pdf
from tests import pdftext
from tests.conftest import fake_pdfs, need_libreoffice, once
from tests.docxtext import text


@pytest.fixture(scope="session")
def archived(tmp_path_factory):
    """Archive the default data twice, then again after a phone change; return the archive
    root and the three results."""
    def make(folder: Path) -> None:
        need_libreoffice()
        data = folder / "data" / "2564"
        shutil.copytree(commands.PROJECT_ROOT / "data" / "2564", data,
                        ignore=shutil.ignore_patterns("results"))   # -- example results are not archived --
        made = [commands.make_archive(data, folder / "archive", "ฉบับลงนาม"),
                commands.make_archive(data, folder / "archive")]
        commands.staff_set(data, "จิรัฏฐ์", ext="109")
        with pytest.MonkeyPatch.context() as patch:   # -- rev-002's PDFs are never read: no LibreOffice --
            patch.setattr(archives, "_convert", fake_pdfs)
            patch.setattr(archives, "_check", lambda pdfs: None)
            made.append(commands.make_archive(data, folder / "archive", "เปลี่ยนเบอร์โทร"))
        (folder / "results.json").write_text(json.dumps([{**vars(r), "revision": str(r.revision)} for r in made]),
                                             encoding="utf-8")

    folder = once(tmp_path_factory, "archived", make)
    results = json.loads((folder / "results.json").read_text(encoding="utf-8"))
    return (folder / "archive", *(archives.ArchiveResult(r["created"], Path(r["revision"]), r["report"])
                                  for r in results))


def test_unchanged_data_makes_no_new_revision(archived):
    root, first, again, _ = archived
    assert first.created and first.revision.name == "rev-001"
    assert not again.created and again.revision == first.revision
    assert "ไม่สร้างฉบับใหม่" in again.report[0]


def test_staff_change_makes_rev_002_with_its_change_list(archived):
    root, first, _, second = archived
    assert second.created and second.revision.name == "rev-002"
    changes = (second.revision / "data" / "CHANGES.txt").read_text("utf-8")
    assert "ฉบับแก้ไขต่อจาก rev-001" in changes
    assert "ตัวชี้วัดที่ 5–8, 10–11: โทร ต่อ 107 → ต่อ 109" in changes
    assert sorted(p.name for p in (root / "2564" / "bic").iterdir()) == ["rev-001", "rev-002"]


def test_bag_holds_documents_pdfs_and_source(archived):
    _, first, _, _ = archived
    payload = first.revision / "data"
    for name in ["packet.docx", "packet.pdf", "agreement.docx", "agreement.pdf",
                 "sheets/indicator-11.docx", "sheets/indicator-11.pdf", "source/agreement.yaml",
                 "source/staff.yaml", "source/indicators/05.yaml", "manifest.json", "CHANGES.txt"]:
        assert (payload / name).is_file(), name
    manifest = (first.revision / "manifest-sha256.txt").read_text("utf-8")
    assert "data/packet.pdf" in manifest and len(manifest.split()[0]) == 64
    info = archive.bag_info(first.revision)
    assert info["Fiscal-Year"] == "2564" and info["Unit-Code"] == "bic"
    assert info["Unit-Name"] == "สำนักความสัมพันธ์ต่างประเทศ" and info["Reason"] == "ฉบับลงนาม"
    assert info["Generator-Version"] and info["Created"].startswith("20")


def test_pdf_copies_are_pdfa2_without_fallback_fonts(archived):
    _, first, _, _ = archived
    for copy in (first.revision / "data").rglob("*.pdf"):
        assert pdf.pdfa_part(copy) == "2", copy.name
        assert pdf.fallback_fonts(copy) == [], copy.name
        assert all(name.startswith("THSarabunNew") for name in pdf.font_names(copy)), copy.name


def test_revisions_are_read_only_and_never_overwritten(archived, tmp_path):
    _, first, _, _ = archived
    for path in [first.revision, *first.revision.rglob("*")]:
        assert path.stat().st_mode & 0o222 == 0, path


def test_verify_names_a_changed_missing_or_extra_file(archived, runner, tmp_path):
    root, _, _, second = archived
    assert runner.invoke(cli, ["verify", str(root)]).exit_code == 0
    copy = tmp_path / "copy"
    shutil.copytree(second.revision, copy)
    for path in [copy, *copy.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    (copy / "data" / "source" / "staff.yaml").write_text("tampered", encoding="utf-8")
    (copy / "data" / "sheets" / "indicator-03.pdf").unlink()
    (copy / "data" / "extra.txt").write_text("x", encoding="utf-8")
    result = runner.invoke(cli, ["verify", str(copy)])
    assert result.exit_code == 1
    assert "ไฟล์ถูกแก้ไข: data/source/staff.yaml" in result.output
    assert "ไฟล์หาย: data/sheets/indicator-03.pdf" in result.output
    assert "ไฟล์เกิน: data/extra.txt" in result.output


def test_stand_in_family_is_renamed_and_scaled(stand_in_fonts):
    regular = TTFont(stand_in_fonts / "THSarabunNew-Regular.ttf")
    family = regular["name"].getDebugName(1)
    assert family == "TH Sarabun New"
    assert regular["head"].unitsPerEm == round(1000 / fonts.SCALE)
    assert sorted(p.name for p in stand_in_fonts.iterdir()) == [
        "THSarabunNew-Bold.ttf", "THSarabunNew-BoldItalic.ttf", "THSarabunNew-Italic.ttf",
        "THSarabunNew-Regular.ttf"]


@pytest.fixture(scope="session")
def stand_in_packet(built, stand_in_fonts, tmp_path_factory) -> Path:
    """Return the default packet as PDF/A made with the stand-in family instead of the real font."""
    def make(folder: Path) -> None:
        need_libreoffice()
        conf = pdf.fontconfig_file(stand_in_fonts, folder / "fc")
        pdf.print_pdfs([built / "packet.docx"], folder / "pdf", conf, pdfa=True)

    return once(tmp_path_factory, "stand-in-packet", make) / "pdf" / "packet.pdf"


def test_stand_in_paginates_like_the_real_font(stand_in_packet, packet_pdf):
    assert len(pdftext.page_sizes(stand_in_packet)) == len(pdftext.page_sizes(packet_pdf))
    assert pdf.fallback_fonts(stand_in_packet) == []


def test_pdf_copies_are_searchable_with_either_font(built, packet_pdf, stand_in_packet):
    """pdftotext gives back every tone mark over an upper vowel in typed order.

    Laksaman as it comes placed marks so that "ตัวชี้วัด" read "ตัวชีว้ ัด" (0 of 118 found)."""
    typed = text(built / "packet.docx")
    for made in (packet_pdf, stand_in_packet):
        printed = subprocess.run(["pdftotext", str(made), "-"], capture_output=True, text=True).stdout
        for word in ("ตัวชี้วัด", "ขั้นต้น", "เป้าหมาย"):
            # -- repeated table headers print some words more often than they are typed --
            assert printed.count(word) >= typed.count(word) > 10, (made, word)


def test_build_pdf_adds_copies_beside_the_docx(runner, data_copy, tmp_path, fake_libreoffice):
    """Each copy is made from its own document (the stand-in converter writes which); the
    copies themselves are checked as PDF/A above, made by the same conversion."""
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(data_copy), "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    docx = sorted(p.relative_to(out) for p in out.rglob("*.docx"))
    assert len(docx) == 14
    for name in docx:
        made = (out / name).with_suffix(".pdf").read_bytes()
        assert made.split(b"\n")[0].endswith(b"/" + name.as_posix().encode()), name


def test_build_pdf_without_libreoffice_says_how_to_install_but_builds(data_copy, tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "PATH": str(tmp_path / "empty")}
    result = subprocess.run([sys.executable, "-m", "generator", "build", str(data_copy), "-o", str(out),
                             "--pdf"], capture_output=True, text=True, env=env)
    assert result.returncode == 1
    assert "apt-get install libreoffice-writer" in result.stderr
    assert (out / "packet.docx").is_file() and not (out / "packet.pdf").exists()


def test_the_archive_takes_only_the_units_own_files(data_copy, tmp_path):
    (data_copy / ".git").mkdir()
    (data_copy / ".git" / "config").write_text("[remote] token = secret\n", encoding="utf-8")
    (data_copy / ".env").write_text("PASSWORD=x\n", encoding="utf-8")
    (data_copy / "outside.txt").symlink_to("/etc/hostname")
    (data_copy / "linked").symlink_to(tmp_path, target_is_directory=True)
    (data_copy / "notes").mkdir()
    (data_copy / "notes" / "บันทึก.md").write_text("ของหน่วยงาน", encoding="utf-8")
    (data_copy / "notes" / "same.md").symlink_to(data_copy / "notes" / "บันทึก.md")
    out = tmp_path / "out"
    commands.build(data_copy, out)
    sources, skipped = archives._sources(data_copy, out)
    kept = sorted(name for name in sources if name.startswith("source/"))
    assert "source/notes/บันทึก.md" in kept and "source/notes/same.md" in kept
    assert "source/results/12.yaml" in kept and "source/indicators/05.yaml" in kept
    assert not [name for name in kept if "/." in name or "outside" in name or "linked" in name]
    assert sorted(skipped) == [".env", ".git/", "linked/", "outside.txt"]
    assert "ไม่เก็บจากโฟลเดอร์ข้อมูล" in archives._skipped_lines(skipped)[0]


def test_example_results_are_refused_before_the_archive_is_touched(data_copy, tmp_path, runner):
    root = tmp_path / "archive"
    result = runner.invoke(cli, ["archive", str(data_copy), "--root", str(root)])
    assert result.exit_code == 1
    assert "results/12.yaml เป็นผลการดำเนินงานตัวอย่าง (example: true)" in result.output
    assert not root.exists()


def test_example_results_archived_on_purpose_are_marked(data_copy, tmp_path, fake_libreoffice):
    made = commands.make_archive(data_copy, tmp_path / "archive", allow_example=True)
    assert archive.bag_info(made.revision)["Example-Results"] == "results/12.yaml"
    assert (made.revision / "data" / "reports" / "report-12.docx").is_file()
