"""The packet as LibreOffice prints it with the real TH Sarabun New."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.store import pdf, thaidict
from tests import pdftext

A4_LANDSCAPE = (841.89, 595.304)
A4_PORTRAIT = (595.304, 841.89)


def _near(size, expected):
    return all(abs(a - b) < 1 for a, b in zip(size, expected))


def test_no_fallback_font_draws_text(packet_pdf):
    assert pdf.fallback_fonts(packet_pdf) == []
    assert pdf.font_names(packet_pdf) and all("THSarabunNew" in f for f in pdf.font_names(packet_pdf))


def test_wide_tables_are_on_landscape_a4(packet_pdf):
    sizes, texts = pdftext.page_sizes(packet_pdf), pdftext.page_texts(packet_pdf)
    assert len(sizes) == len(texts)
    wide = [i for i, t in enumerate(texts)
            if "ความเชื่อมโยงนโยบาย" in t or "แบบฟอร์มสรุปตัวชี้วัด" in t or "ขั้นต้น (50 คะแนน)" in t]
    assert len(wide) >= 2
    for i in wide:
        assert _near(sizes[i], A4_LANDSCAPE), (i + 1, sizes[i])
    sheets = [i for i, t in enumerate(texts) if "คำอธิบาย" in t]
    assert len(sheets) >= 11
    for i in sheets + [0, 1]:
        assert _near(sizes[i], A4_PORTRAIT), (i + 1, sizes[i])


def test_signature_page_is_whole(packet_pdf):
    page = pdftext.page_texts(packet_pdf)[1]
    assert "(นายสุภัทร จำปาทอง)" in page and "(นายสมทรง งามวงษ์)" in page
    assert page.count("วันที่ 10 เดือน กุมภาพันธ์ พ.ศ. 2564") == 2


# -- the print path: one function, the project's Thai dictionary, or a note without it ------

def test_libreoffices_icu_version_is_read_from_its_program_folder(tmp_path):
    bundled = tmp_path / "program"
    bundled.mkdir()
    (bundled / "libicuuc.so.74").write_bytes(b"")
    assert thaidict.icu_version(bundled) == "74"
    assert thaidict.icu_version(tmp_path / "no-such-folder") is None


def test_this_libreoffice_gets_the_thai_dictionary(real_font_conf):
    """gendict is installed and LibreOffice's own ICU version is found: no note."""
    assert pdf.dictionary_note() is None


def test_the_thai_dictionary_is_built_once_per_word_list(tmp_path, need_gendict):
    program = tmp_path / "program"
    program.mkdir()
    (program / "icuuc72.dll").write_bytes(b"")
    folder = thaidict.icu_data(program, cache=tmp_path / "icu")
    made = folder / "icudt72l" / "brkitr" / "thaidict.dict"
    assert made.stat().st_size > 100_000
    stamp = made.stat().st_mtime_ns
    assert thaidict.icu_data(program, cache=tmp_path / "icu") == folder and made.stat().st_mtime_ns == stamp
    assert thaidict.icu_data(program, frozenset({"กยผ"}), cache=tmp_path / "icu") != folder
    good = made.read_bytes()
    made.write_bytes(good[: len(good) // 2])   # -- a dictionary cut short (a full disk, a killed copy) --
    assert thaidict.icu_data(program, cache=tmp_path / "icu") == folder and made.read_bytes() == good


def test_without_gendict_the_pdf_is_made_and_a_note_says_what_to_install(built, real_font_conf, tmp_path,
                                                                          monkeypatch):
    real_which = shutil.which
    monkeypatch.setattr(thaidict.shutil, "which", lambda name: None if name == "gendict" else real_which(name))
    assert "icu-devtools" in pdf.dictionary_note()
    made = pdf.print_pdfs([built / "agreement.docx"], tmp_path, real_font_conf)[0]
    assert "คำรับรองการปฏิบัติราชการ" in "".join(pdftext.page_texts(made))


def test_documents_of_the_same_name_get_a_pdf_each(printed):
    made = [printed["agreement"], printed["other agreement"]]   # -- both agreement.docx, printed together --
    assert len(set(made)) == 2
    first, second = ("".join(pdftext.page_texts(p)) for p in made)
    assert "นายสมทรง งามวงษ์" in first and "นางสาวสุปราณี ค่ายวง" in second


FAKE_SOFFICE = """#!/bin/sh
# -- stands in for soffice: notes its profile and when it ran, writes an empty file per input --
profile="$1"; shift; shift; shift; shift; shift; out="$1"; shift
echo "start $(date +%s.%N) $profile" >> "$LOG"
sleep 1
for f in "$@"; do name=$(basename "$f"); touch "$out/${name%.*}.pdf"; done
echo "end $(date +%s.%N) $profile" >> "$LOG"
"""


@pytest.fixture
def soffice_log(tmp_path, monkeypatch) -> Path:
    """Make `FAKE_SOFFICE` the LibreOffice program; return the log it writes each start and end to."""
    program = tmp_path / "soffice"
    program.write_text(FAKE_SOFFICE)
    program.chmod(0o755)
    monkeypatch.setattr(pdf, "soffice", lambda: str(program))
    monkeypatch.setenv("LOG", str(tmp_path / "log"))
    return tmp_path / "log"


def test_files_are_shared_among_soffice_processes_running_at_once(tmp_path, soffice_log):
    files = [tmp_path / f"{name}.docx" for name in ("a", "b", "c", "d", "e")]
    seen = []
    made = pdf.convert(files, tmp_path / "out", jobs=2, progress=lambda done, total: seen.append((done, total)))
    assert made == [tmp_path / "out" / f"{f.stem}.pdf" for f in files] and all(p.is_file() for p in made)
    log = [line.split() for line in soffice_log.read_text().splitlines()]
    starts = sorted(float(t) for kind, t, _ in log if kind == "start")
    ends = sorted(float(t) for kind, t, _ in log if kind == "end")
    assert len(starts) == 2 and starts[1] < ends[0]              # -- both ran at the same time --
    assert len({profile for _, _, profile in log}) == 2          # -- each with a profile of its own --
    assert seen[-1] == (5, 5)


def test_a_profile_the_caller_keeps_is_used_by_one_soffice_and_kept(tmp_path, soffice_log):
    kept = tmp_path / "previews" / "lo-profile"
    for _ in range(2):
        pdf.convert([tmp_path / "a.docx", tmp_path / "b.docx"], tmp_path / "out", profile=kept)
    profiles = [line.split()[2] for line in soffice_log.read_text().splitlines() if line.startswith("start")]
    assert profiles == [f"-env:UserInstallation={kept.as_uri()}"] * 2
