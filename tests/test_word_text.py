"""The Word files hold the text as typed: a clerk's Find, spell-check and copy see the words.

Word breaks Thai lines by its own dictionary; what LibreOffice needs to break them goes
into the print copy only (tests/test_layout.py checks the PDF).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generator.documents import printing

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
COMMON_WORDS = ("งบประมาณ", "ตัวชี้วัด", "คำรับรองการปฏิบัติราชการ", "ผู้รับผิดชอบ", "เป้าหมาย",
                "กระทรวงศึกษาธิการ")
INVISIBLE = re.compile("[\u200b\ufeff\u2060\u00ad]")
TEXT_PART = re.compile(r"word/(document|header\d*|footer\d*)\.xml")


def word_paragraphs(path: Path) -> list[str]:
    """Return each paragraph's text as Word stores it (its runs joined), headers and footers too."""
    with zipfile.ZipFile(path) as docx:
        roots = [etree.fromstring(docx.read(n)) for n in docx.namelist() if TEXT_PART.fullmatch(n)]
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for root in roots for p in root.iter(f"{W}p")]


@pytest.fixture(scope="module")
def word_files(built, thai_built, two_unit_batch) -> list[Path]:
    """Return every .docx of a default build (with its report), a Thai-digit build and a
    two-unit batch's overview."""
    files = sorted(built.rglob("*.docx")) + sorted(thai_built.rglob("*.docx")) + [two_unit_batch / "overview.docx"]
    assert {"report-12.docx", "overview.docx", "packet.docx"} <= {p.name for p in files}
    return files


def test_no_word_file_holds_invisible_marks(word_files):
    for path in word_files:
        marked = [p for p in word_paragraphs(path) if INVISIBLE.search(p)]
        assert marked == [], path


def test_a_plain_find_finds_every_common_word(word_files):
    """Find looks for the word as typed in each paragraph's joined runs; it must find as
    many as a reader sees once anything invisible is dropped."""
    found = 0
    for path in word_files:
        for paragraph in word_paragraphs(path):
            for word in COMMON_WORDS:
                assert paragraph.count(word) == INVISIBLE.sub("", paragraph).count(word), (path, paragraph)
                found += paragraph.count(word)
    assert found > 1000   # -- 1,198 here: the six words appear in every kind of file --
    for word in COMMON_WORDS:
        assert any(word in p for path in word_files for p in word_paragraphs(path)), word


def test_no_break_spaces_keep_dates_numbers_and_names_together(built):
    text = "\n".join(word_paragraphs(built / "packet.docx"))
    for glued in ("1\u00a0ตุลาคม\u00a02563", "ร้อยละ\u00a085", "นายสมทรง\u00a0งามวงษ์"):
        assert glued in text


def test_the_print_copy_is_marked_and_the_word_file_is_not_touched(built):
    packet = built / "packet.docx"
    before = packet.read_bytes()
    copy = printing.print_copy(before)
    with zipfile.ZipFile(io.BytesIO(copy)) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert "งบ\ufeffประ\ufeffมาณ" in body and "\u200b" in body
    assert packet.read_bytes() == before
