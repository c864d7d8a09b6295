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
from functools import lru_cache
from pathlib import Path

import docxcompose.composer
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from docx.section import Section
from docx.styles import BabelFish
from docxcompose.composer import Composer
from lxml import etree

from generator import code_digest
from generator.data.model import Agreement, Indicator
from generator.documents import context, report
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


class _Sections(Composer):
    """docxcompose's Composer, leaving every section as `compose` made it.

    Upstream moves the master's last ``w:pgNumType`` to the end of the first appended
    section's ``sectPr``: that section has its own already, and an element out of the
    schema's order there is what Word reports as unreadable content. Each part's
    sections keep their footers and page numbering as rendered, so nothing is lost.
    """

    def fix_header_and_footers(self, doc):
        return None

    def finish(self) -> None:
        """Do what upstream leaves to the end of a join: nothing."""


class _Linear(_Sections):
    """docxcompose's Composer, whose appends cost the same however long the master grows.

    After each append upstream renumbers every bookmark, drawing and picture ID of the
    whole master and counts all its sections: the join of n parts then costs n². Each
    renumbering is a pass over the final document order, so one pass after the last
    append (`finish`) gives the same IDs; the sections are found among the elements the
    append inserted.
    """

    def insert(self, index, doc, remove_property_fields=True):
        self._inserted = []
        super().insert(index, doc, remove_property_fields)

    def add_styles(self, doc, element):
        self._inserted.append(element)
        super().add_styles(doc, element)

    def renumber_bookmarks(self):
        return None

    def renumber_docpr_ids(self):
        return None

    def renumber_nvpicpr_ids(self):
        return None

    def finish(self) -> None:
        """Renumber bookmarks, drawings and pictures once, over the whole packet."""
        for renumber in (Composer.renumber_bookmarks, Composer.renumber_docpr_ids,
                         Composer.renumber_nvpicpr_ids):
            renumber(self)

    def fix_section_types(self, doc):
        """Upstream's rule, with the first new section found among the inserted elements:
        it starts as the master's last section did, and the master's last section then
        starts as the appended document's last one."""
        if len(doc.sections) == 1:
            return
        first_new = next((sectpr for element in self._inserted
                          for sectpr in element.iter(qn("w:sectPr"))), None)
        if first_new is None:
            return
        last = Section(body_sectpr(self.doc), self.doc.part)
        Section(first_new, self.doc.part).start_type = last.start_type
        last.start_type = doc.sections[-1].start_type


class _Composer(_Linear):
    """docxcompose's Composer, skipping its style pass where it would change nothing.

    Upstream re-reads every style of the master through python-docx proxies for each
    appended body element. For an element whose styles the master already has under
    the same ID and name, without numbering, that pass leaves the XML as it is; such
    elements are most of every sheet, since all parts come from templates that share
    their styles.
    """

    def _create_style_id_mapping(self, doc):
        """Upstream's two maps (style ID to name, name to ID), read from the XML rather than
        through a python-docx proxy for every style of both documents."""
        self._style_id2name = dict(_style_names(doc))
        self._style_name2id = {name: sid for sid, name in _style_names(self.doc)}
        ours = {s.get(qn("w:styleId")): s for s in self.doc.styles.element.iter(qn("w:style"))}
        self._unchanged_styles = {
            sid for sid, s in ((s.get(qn("w:styleId")), s) for s in doc.styles.element.iter(qn("w:style")))
            if sid in ours and _name(s) == _name(ours[sid]) and not s.findall(".//" + qn("w:numId"))}

    def add_styles(self, doc, element):
        used = {el.get(qn("w:val")) for el in element.iter(qn("w:pStyle"), qn("w:rStyle"), qn("w:tblStyle"))}
        if used <= self._unchanged_styles:
            self._inserted.append(element)
        else:
            super().add_styles(doc, element)


def _name(style) -> str | None:
    name = style.find(qn("w:name"))
    return None if name is None else name.get(qn("w:val"))


def _style_names(doc) -> list[tuple[str | None, str | None]]:
    """Return (style ID, name) of each style of `doc` as python-docx's ``Style`` gives them."""
    found = []
    for style in doc.styles.element.iterchildren(qn("w:style")):
        name = _name(style)
        found.append((style.get(qn("w:styleId")), None if name is None else BabelFish.internal2ui(name)))
    return found


@lru_cache(maxsize=512)
def _compiled(expression: str) -> etree.XPath:
    return etree.XPath(expression, namespaces=nsmap)


def _xpath(element, expression: str) -> list:
    """Return what docxcompose's ``utils.xpath`` returns, the expression compiled once.

    docxcompose asks about ten XPath questions of every element it appends, and lxml
    compiles an expression, with python-docx's 30 namespaces, on each call. docxcompose
    has added its own namespaces to python-docx's map, so the answers are the same.
    """
    return _compiled(expression)(element)


docxcompose.composer.xpath = _xpath


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
