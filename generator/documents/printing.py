"""The print copy: a .docx as LibreOffice must read it to print what Word shows.

The Word file the clerk keeps holds the text as typed. LibreOffice, which draws our
PDF copies, needs help where it reads Word's settings differently, so a temporary copy
of each document is changed just before it is converted (`store.pdf.print_pdfs`):

- Thai line breaks: every text run is marked where a line may and may not end
  (`linebreak.line_breaks`); a word wider than its table cell is cut between its
  dictionary parts rather than between two letters.
- Thai page numbers: Word draws ``w:pgNumType w:fmt="thaiNumbers"`` as ๑, ๒, …;
  LibreOffice 7.4 reads it as Arabic and has no Word field switch for Thai digits
  (``PAGE \\* ThaiArabic`` gives Thai letters). It does draw its own "native numbering"
  of a page style in the digits of the page number's language. So a document that
  asks for Thai page numbers has its headers and footers set in Thai
  (`print_copy`), goes through LibreOffice's own format once (.odt), and has its page
  styles number natively there (`native_page_numbers`).

Nothing here touches the files the tool writes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

from docx.oxml.ns import qn
from lxml import etree

from generator.documents import linebreak
from generator.documents.render import reproducible_zip
from generator.text.memory import Memory

# -- the parts that hold text: the body, headers and footers --
_TEXT_PART = re.compile(r"word/(document|header\d*|footer\d*)\.xml")
_HEADER_FOOTER = re.compile(r"word/(header|footer)\d*\.xml")
CELL_MARGIN = 108   # twips left and right inside a table cell unless the table says otherwise
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
NATIVE_NUMBERING = "Native Numbering"   # -- LibreOffice's name of its NATIVE_NUMBERING type --


def print_copy(data: bytes, words: frozenset[str] = frozenset()) -> bytes:
    """Return the .docx `data` as LibreOffice should read it to print it.

    `words` are the data's accepted words, kept whole like pythainlp's.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    memory = Memory.open("typeset", linebreak.RULES, words)
    thai_numbers = thai_page_numbers(data)
    parts = {}
    for name in source.namelist():
        if _TEXT_PART.fullmatch(name):
            root = etree.fromstring(source.read(name))
            mark_line_breaks(root, memory, words)
            if thai_numbers and _HEADER_FOOTER.fullmatch(name):
                _in_thai(root)
            parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    memory.save()
    return reproducible_zip(data, parts)


def thai_page_numbers(data: bytes) -> bool:
    """Tell whether the .docx `data` numbers its pages in Thai digits (``--digits thai``)."""
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        return b'w:fmt="thaiNumbers"' in docx.read("word/document.xml")


def _in_thai(root) -> None:
    """Set every run under `root` in Thai, Latin slot included: LibreOffice numbers a page
    in the digits of the page number's language."""
    for run in root.iter(qn("w:r")):
        properties = run.find(qn("w:rPr"))
        if properties is None:
            properties = etree.Element(qn("w:rPr"))
            run.insert(0, properties)
        language = properties.find(qn("w:lang"))
        if language is None:
            language = etree.SubElement(properties, qn("w:lang"))   # -- w:lang comes last in CT_RPr --
        language.set(qn("w:val"), "th-TH")
        language.set(qn("w:bidi"), "th-TH")


def native_page_numbers(odt: bytes) -> bytes:
    """Return the OpenDocument text `odt` with every page style numbering its pages in the
    digits of the page number's language (Thai digits for a Thai page number)."""
    def native(root) -> None:
        for element in root.iter(f"{{{_STYLE}}}page-layout-properties", f"{{{_TEXT}}}page-number"):
            element.set(f"{{{_STYLE}}}num-format", NATIVE_NUMBERING)
    return _edit_odf(odt, {"styles.xml": native, "content.xml": native})


def _edit_odf(data: bytes, edits: dict[str, Callable]) -> bytes:
    """Return the OpenDocument package `data` with `edits[name]` applied to those XML parts;
    the mimetype entry stays first and uncompressed, as ODF requires."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename in edits:
                root = etree.fromstring(content)
                edits[info.filename](root)
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            target.writestr(info, content, compress_type=info.compress_type)
    return out.getvalue()


def mark_line_breaks(root, memory: Memory, words: frozenset[str] = frozenset()) -> None:
    """Mark every text run under `root` where a Thai line may and may not end.

    A text seen before is marked from `memory`, without a tokenizer.
    """
    for text in root.iter(qn("w:t")):
        if not text.text:
            continue
        width = cell_room(text)
        key = f"{width}:{text.text}"
        marked = memory.get(key, lambda value, typed=text.text: _unmarked(value) == _unmarked(typed))
        if marked is None:
            marked = memory.put(key, linebreak.line_breaks(text.text, width, words))
        text.text = marked


def _unmarked(value) -> str | None:
    """Return `value` without marks, no-break spaces read as spaces: a remembered marking
    must give back the text it was made for."""
    if not isinstance(value, str):
        return None
    return value.replace(linebreak.ZWSP, "").replace(linebreak.NO_BREAK, "").replace(linebreak.NBSP, " ")


def cell_room(text) -> int | None:
    """Return the room for text, in twips, inside the table cell holding `text`; None
    outside a table."""
    cell = next(text.iterancestors(qn("w:tc")), None)
    width = None if cell is None else cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
    if width is None or width.get(qn("w:type")) not in (None, "dxa"):
        return None
    return int(width.get(qn("w:w"))) - sum(_cell_margins(cell))


def _cell_margins(cell) -> tuple[int, int]:
    """Return the left and right margins inside `cell`, from the cell or its table."""
    table = next(cell.iterancestors(qn("w:tbl")))
    margins = []
    for side, old_name in (("left", "start"), ("right", "end")):
        found = None
        for holder in (cell.find(f"{qn('w:tcPr')}/{qn('w:tcMar')}"),
                       table.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")):
            if holder is not None and found is None:
                found = holder.find(qn(f"w:{side}"))
                found = holder.find(qn(f"w:{old_name}")) if found is None else found
        value = found.get(qn("w:w")) if found is not None else None
        margins.append(int(value) if value and found.get(qn("w:type"), "dxa") == "dxa" else CELL_MARGIN)
    return margins[0], margins[1]
