"""Which templates make a packet, in what order, and how the parts are joined.

The packet is the front (cover, agreement, linkage table, summary form) followed by
one sheet per indicator, joined with docxcompose into one file whose portrait and
landscape sections survive.
"""

from __future__ import annotations

import hashlib
import io
import json
from copy import deepcopy
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from generator import code_digest
from generator.data.model import Agreement, Indicator
from generator.documents import context, report
from generator.documents.joining import _Composer, _Sections  # noqa: F401 -- _Sections: upstream's passes, for tests
from generator.documents.render import render, save
from generator.text import thai

FRONT = "agreement.docx"
SHEET = "indicator_sheet.docx"
PACKET_NAME = "packet.docx"
FRONT_NAME = "agreement.docx"


def sheet_name(ind: Indicator) -> str:
    """Return the output path of `ind`'s sheet; built from an int, so it cannot escape.

    >>> sheet_name(Indicator(5, "", "", 10, (), "", (), (), None, ()))
    'sheets/indicator-05.docx'
    """
    return f"sheets/indicator-{int(ind.number):02d}.docx"


def properties(a: Agreement, title: str) -> dict:
    """Return document properties that derive from the data alone (for reproducible files)."""
    day = a.signing_date or thai.fiscal_period(a.fiscal_year)[0]
    return {"title": f"{title} ปีงบประมาณ พ.ศ. {a.fiscal_year} {a.unit.short_name}",
            "author": a.unit.name, "date": datetime(day.year, day.month, day.day)}


@dataclass(frozen=True)
class Part:
    """One rendered file of the packet: its output name, template and context."""

    name: str
    template: str
    context: dict
    properties: dict
    number: int | None = None   # the indicator number of a sheet
    joined: bool = True         # a page of packet.docx (reports are files of their own)


def parts(a: Agreement, rounds=()) -> list[Part]:
    """Return the front and then every sheet, in packet order, then a report per progress round.

    Reports are files of the output folder but not pages of the packet.
    """
    front = Part(FRONT_NAME, FRONT, context.front(a), properties(a, "คำรับรองการปฏิบัติราชการ"))
    return [front] + [Part(sheet_name(ind), SHEET, context.sheet(a, ind),
                           properties(a, f"ตัวชี้วัดที่ {ind.number}"), ind.number)
                      for ind in a.indicators] \
        + [Part(report.report_name(r.number), report.TEMPLATE, report.report(a, r),
                properties(a, f"รายงานผลการดำเนินงานรอบ {r.number} เดือน" + (" (ตัวอย่าง)" if r.example else "")),
                joined=False) for r in rounds]


def numbers(a: Agreement) -> dict[str, int]:
    """Return each sheet's output name with its indicator number."""
    return {sheet_name(ind): ind.number for ind in a.indicators}


def input_hash(part: Part, templates: Path, digits: str) -> str:
    """Return a SHA-256 of everything that decides `part`'s bytes, the program's own code included."""
    facts = {"template": hashlib.sha256((templates / part.template).read_bytes()).hexdigest(),
             "context": part.context, "properties": part.properties, "digits": digits,
             "generator": code_digest()}
    encoded = json.dumps(facts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def render_part(part: Part, templates: Path, digits: str) -> bytes:
    return render(templates / part.template, part.context, digits, part.properties)


def packet_properties(a: Agreement) -> dict:
    return properties(a, "คำรับรองการปฏิบัติราชการ")


def compose(front: bytes, sheets: list[bytes], props: dict) -> bytes:
    """Return `front` followed by `sheets` as one document, each part's pages kept as made."""
    master = Document(io.BytesIO(front))
    last_section = None
    close_section(master)
    composer = _Composer(master)
    for data in sheets:
        doc = Document(io.BytesIO(data))
        last_section = deepcopy(body_sectpr(doc))
        close_section(doc)
        composer.append(doc)
    composer.finish()
    # -- the sheets' last paragraph now ends their section; the body's sectPr must then
    #    describe an empty tail, so give it the last sheet's page setup and drop the
    #    trailing paragraph that would otherwise add a blank page --
    body = master.element.body
    if last_section is not None:
        _drop_refs(last_section)
        body.replace(body_sectpr(master), last_section)
        _reopen_last_section(body)
    return save(master, props)


def body_sectpr(doc):
    return doc.element.body.find(qn("w:sectPr"))


def close_section(doc) -> None:
    """End `doc` with a paragraph that carries its body sectPr.

    docxcompose drops an appended document's body sectPr, so a landscape part would
    turn portrait; a sectPr inside the last paragraph survives.
    """
    body = doc.element.body
    sectpr = body_sectpr(doc)
    last = body[body.index(sectpr) - 1]
    if last.tag != qn("w:p") or last.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None:
        last = OxmlElement("w:p")
        sectpr.addprevious(last)
        _tiny(last)
    ppr = last.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        last.insert(0, ppr)
    ppr.append(deepcopy(sectpr))


def _tiny(paragraph) -> None:
    """Make an empty paragraph's mark 1 pt high so it cannot push a page over."""
    ppr = OxmlElement("w:pPr")
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "20")
    spacing.set(qn("w:lineRule"), "exact")
    ppr.append(spacing)
    rpr = OxmlElement("w:rPr")
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), "2")
        rpr.append(size)
    ppr.append(rpr)
    paragraph.append(ppr)


def _drop_refs(sectpr) -> None:
    for ref in sectpr.findall(qn("w:headerReference")) + sectpr.findall(qn("w:footerReference")):
        sectpr.remove(ref)


def _reopen_last_section(body) -> None:
    """Move the last paragraph's sectPr back to the body so no empty section trails."""
    sectpr = body.find(qn("w:sectPr"))
    last = body[body.index(sectpr) - 1]
    inner = last.find(qn("w:pPr") + "/" + qn("w:sectPr"))
    if inner is not None:
        inner.getparent().remove(inner)
