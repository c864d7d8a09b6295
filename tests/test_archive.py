"""The yearly archive: immutable BagIt revisions with checked PDF/A copies."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from fontTools.ttLib import TTFont

from generator import commands
from generator.cli import cli
from generator.store import archive, fonts, pdf
from tests.conftest import need_libreoffice
from tests.docxtext import text


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="module")
def archived(tmp_path_factory):
    """Archive the default data twice, then again after a phone change."""
    need_libreoffice()
    base = tmp_path_factory.mktemp("archive")
    data = base / "data" / "2564"
    shutil.copytree(commands.PROJECT_ROOT / "data" / "2564", data)
    root = base / "archive"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))
        first = commands.make_archive(data, root, "ฉบับลงนาม")
        again = commands.make_archive(data, root)
        commands.staff_set(data, "จิรัฏฐ์", ext="109")
        second = commands.make_archive(data, root, "เปลี่ยนเบอร์โทร")
    return root, first, again, second


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


def test_stand_in_family_is_renamed_and_scaled(tmp_path):
    folder = fonts.stand_in(tmp_path / "fonts")
    regular = TTFont(folder / "THSarabunNew-Regular.ttf")
    family = regular["name"].getDebugName(1)
    assert family == "TH Sarabun New"
    assert regular["head"].unitsPerEm == round(1000 / fonts.SCALE)
    assert sorted(p.name for p in folder.iterdir()) == [
        "THSarabunNew-Bold.ttf", "THSarabunNew-BoldItalic.ttf", "THSarabunNew-Italic.ttf",
        "THSarabunNew-Regular.ttf"]


def test_stand_in_paginates_like_the_real_font(built, packet_pdf, tmp_path):
    need_libreoffice()
    conf = pdf.fontconfig_file(fonts.stand_in(tmp_path / "fonts"), tmp_path / "fc")
    stand_in = pdf.print_pdfs([built / "packet.docx"], tmp_path / "pdf", conf, pdfa=True)[0]
    assert len(pdf.page_sizes(stand_in)) == len(pdf.page_sizes(packet_pdf))
    assert pdf.fallback_fonts(stand_in) == []


def test_pdf_copies_are_searchable_with_either_font(built, packet_pdf, tmp_path):
    """pdftotext gives back every tone mark over an upper vowel in typed order.

    Laksaman as it comes placed marks so that "ตัวชี้วัด" read "ตัวชีว้ ัด" (0 of 118 found)."""
    need_libreoffice()
    conf = pdf.fontconfig_file(fonts.stand_in(tmp_path / "fonts"), tmp_path / "fc")
    stand_in = pdf.print_pdfs([built / "packet.docx"], tmp_path / "pdf", conf, pdfa=True)[0]
    typed = text(built / "packet.docx")
    for made in (packet_pdf, stand_in):
        printed = subprocess.run(["pdftotext", str(made), "-"], capture_output=True, text=True).stdout
        for word in ("ตัวชี้วัด", "ขั้นต้น", "เป้าหมาย"):
            # -- repeated table headers print some words more often than they are typed --
            assert printed.count(word) >= typed.count(word) > 10, (made, word)


def test_build_pdf_adds_copies_beside_the_docx(runner, data_copy, tmp_path):
    need_libreoffice()
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(data_copy), "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    for name in ["packet.pdf", "agreement.pdf", "sheets/indicator-01.pdf"]:
        assert pdf.pdfa_part(out / name) == "2", name


def test_build_pdf_without_libreoffice_says_how_to_install_but_builds(data_copy, tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "PATH": str(tmp_path / "empty")}
    result = subprocess.run([sys.executable, "-m", "generator", "build", str(data_copy), "-o", str(out),
                             "--pdf"], capture_output=True, text=True, env=env)
    assert result.returncode == 1
    assert "apt-get install libreoffice-writer" in result.stderr
    assert (out / "packet.docx").is_file() and not (out / "packet.pdf").exists()
