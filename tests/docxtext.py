"""Read a .docx back for tests: paragraph texts, sections, style XML."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from tools.pdflayout import plain


def paragraphs(path: Path) -> list[str]:
    """Return the text of every paragraph in the body, tables included, in order.

    The line-break marks rendering adds read as a reader sees them: no-break spaces
    (in dates, between numbers and units) as spaces; zero-width spaces and zero-width
    no-break spaces not at all (`pdflayout.plain`); Word's non-breaking hyphen as "-" and a
    line break as a new line.
    """
    body = Document(path).element.body
    return [plain("".join(_SHOWN.get(el.tag, el.text or "")
                          for el in p.iter(qn("w:t"), qn("w:noBreakHyphen"), qn("w:br"))))
            for p in body.iter(qn("w:p"))]


_SHOWN = {qn("w:noBreakHyphen"): "-", qn("w:br"): "\n"}


def text(path: Path) -> str:
    return "\n".join(paragraphs(path))


def part_xml(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def orientations(path: Path) -> list[str]:
    """Return 'P' or 'L' for each section, in order."""
    return ["L" if s.page_width > s.page_height else "P" for s in Document(path).sections]
