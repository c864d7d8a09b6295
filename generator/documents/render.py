"""One template + one context → .docx bytes; knows nothing of packets or years.

Rendering is strict and safe: autoescape on (a ``&`` or ``<`` prints literally),
undefined fields are errors (never a blank on a page someone signs), and templates
run in Jinja's sandbox.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from copy import deepcopy
from datetime import datetime
from functools import lru_cache, partial
from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.pkgwriter import _ContentTypesItem
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SecurityError
from lxml import etree

from generator.documents import linebreak
from generator.documents.environment import environment
from generator.errors import TemplateError
from generator.i18n import _
from generator.text import thai
from generator.text.memory import Memory, installed_version

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
CORE_PART = "docProps/core.xml"
_CORE_NS = {"cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
            "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_UNDEFINED_NAME = re.compile(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')|"
                             r"has no attribute '([^']+)'")


class _Template(DocxTemplate):
    """docxtpl's template, parsing each distinct template file and cleaning each distinct
    XML source for Jinja only once."""

    digest = None

    def init_docx(self, reload: bool = True):
        """Open the template as a copy of the one parsed for the same bytes before.

        Copying the parsed package costs a third of parsing it again, and the eleven
        sheets of a packet come from one template.
        """
        if not self.docx or (self.is_rendered and reload):
            data = Path(self.template_file).read_bytes()
            self.digest = hashlib.sha256(data).hexdigest()
            if self.digest not in _PARSED:
                _PARSED[self.digest] = Document(io.BytesIO(data))
                while len(_PARSED) > 8:
                    del _PARSED[next(iter(_PARSED))]
            self.docx = deepcopy(_PARSED[self.digest])
            self.is_rendered = False

    def patch_xml(self, src_xml):
        return _patched(src_xml)

    def resolve_listing(self, xml):
        """Turn tabs, line breaks and page breaks typed in the data into Word's elements.

        Upstream rewrites every paragraph, run and text with regular expressions to find
        them; a part without any has nothing to turn, and comes back as it went in.
        """
        if any(mark in xml for mark in _LISTING_MARKS):
            return super().resolve_listing(xml)
        return xml


_LISTING_MARKS = ("\t", "\a", "\n", "\f")
_PARSED: dict = {}          # template SHA-256 -> its parsed python-docx Document, never rendered
_WHOLE_TAGS: set[str] = set()   # templates whose tags check_split_tags found whole


@lru_cache(maxsize=64)
def _patched(src_xml: str) -> str:
    """Return docxtpl's cleaning of a part's XML for Jinja, remembered between runs.

    The cleaning is a pure function of the XML (and docxtpl's code): a dozen regular
    expressions over each part, about 25 ms of every build that renders.
    """
    memory = Memory.open("patched", installed_version("docxtpl"))
    patched = memory.get(src_xml, lambda value: isinstance(value, str))
    if patched is None:
        patched = memory.put(src_xml, DocxTemplate.patch_xml(None, src_xml))
        memory.save()
    return patched


def render(template: Path, context: dict, digits: str = "arabic",
           properties: dict | None = None) -> bytes:
    """Return `template` rendered with `context` as reproducible .docx bytes."""
    if not template.is_file():
        raise TemplateError("template_not_found", template=template.name)
    try:
        tpl = _Template(template)
        doc = tpl.get_docx()
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, PackageNotFoundError) as exc:
        # -- not a zip, no Word document inside, or broken XML: python-docx says which --
        raise TemplateError("template_error", template=template.name,
                            detail=_("not a readable Word (.docx) file ({exc})").format(exc=exc)) from exc
    if tpl.digest not in _WHOLE_TAGS:
        check_split_tags(doc, template.name)
        _WHOLE_TAGS.add(tpl.digest)
    try:
        tpl.render(context, jinja_env=environment(), autoescape=True)
    except UndefinedError as exc:
        raise TemplateError("template_missing_var", template=template.name,
                            name=_undefined_name(str(exc))) from exc
    except SecurityError as exc:
        raise TemplateError("template_unsafe", template=template.name, detail=str(exc)) from exc
    except TemplateSyntaxError as exc:
        raise TemplateError("template_error", template=template.name, detail=str(exc)) from exc
    except Exception as exc:
        if not _raised_in_template(exc):   # our own bug, not the template's
            raise
        raise TemplateError("template_error", template=template.name,
                            detail=f"{type(exc).__name__}: {exc}") from exc
    order_cell_properties(tpl.docx)
    keep_anchors(tpl.docx)
    glue(tpl.docx)
    if digits == "thai":
        to_thai_digits(tpl.docx)
    return save(tpl.docx, properties or {})


def check_split_tags(doc, name: str) -> None:
    """Raise TemplateError for a Jinja tag cut across runs, which docxtpl would skip silently.

    Word splits a tag into several runs when it is edited piecemeal; the tag must
    then be retyped in one go.
    """
    parts = [doc.part] + [rel.target_part for rel in doc.part.rels.values()
                          if rel.reltype in (RT.HEADER, RT.FOOTER)]
    for part in parts:
        for paragraph in part.element.iter(qn("w:p")):
            runs = [t.text or "" for t in paragraph.iter(qn("w:t"))]
            for tag in _TAG.findall("".join(runs)):
                if not any(tag in run for run in runs):
                    raise TemplateError("template_split_tag", template=name, detail=tag)


def _raised_in_template(exc: BaseException) -> bool:
    """Tell whether `exc` came from a tag of the template itself, e.g. ``{{ 1/0 }}``.

    Jinja gives the frames of template code the file name ``<template>``.
    """
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            return True
        tb = tb.tb_next
    return False


def _undefined_name(text: str) -> str:
    match = _UNDEFINED_NAME.search(text)
    if not match:
        return text
    return next(g for g in match.groups()[::-1] if g)


# -- ECMA-376's order of a table cell's properties (CT_TcPr) --
_TC_PR_ORDER = [qn(f"w:{name}") for name in (
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
    "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge",
    "tcPrChange")]


def order_cell_properties(doc) -> None:
    """Put each cell's properties in the schema's order.

    docxtpl's ``{% cellbg %}`` inserts ``w:shd`` first, before ``w:tcW``: LibreOffice
    reads it, Word reports unreadable content.
    """
    for tc_pr in doc.part.element.iter(qn("w:tcPr")):
        children = sorted(tc_pr, key=lambda el: _TC_PR_ORDER.index(el.tag) if el.tag in _TC_PR_ORDER
                          else len(_TC_PR_ORDER))
        for child in children:
            tc_pr.append(child)


def keep_anchors(doc) -> None:
    """Keep with an anchor whatever the template's conditions left just before it.

    An anchor is an empty body paragraph kept with the next one (the staff table of
    an indicator sheet comes after one). The block before it differs from sheet to
    sheet (benefits, steps, or the criteria table when a sheet has nothing else), so
    the template cannot mark it: its last paragraph, or every paragraph of a table's
    last row, is kept with the next here.
    """
    for paragraph in doc.element.body.iterchildren(qn("w:p")):
        if _text(paragraph) or not _keeps_next(paragraph):
            continue
        before = paragraph.getprevious()
        while before is not None and before.tag == qn("w:p") and not _text(before):
            before = before.getprevious()
        if before is None or before.tag not in (qn("w:p"), qn("w:tbl")):
            continue
        rows = before.findall(qn("w:tr"))
        for kept in rows[-1].iter(qn("w:p")) if rows else [before]:
            if not _keeps_next(kept):
                _keep_next(kept)


def _text(paragraph) -> str:
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")))


def _keeps_next(paragraph) -> bool:
    keep = paragraph.find(f"{qn('w:pPr')}/{qn('w:keepNext')}")
    return keep is not None and keep.get(qn("w:val")) not in ("0", "false", "off")


def _keep_next(paragraph) -> None:
    """Turn on keep-with-next, through python-docx so that pPr keeps the schema's order."""
    from docx.text.paragraph import Paragraph

    Paragraph(paragraph, None).paragraph_format.keep_with_next = True


def glue(doc) -> None:
    """Put no-break spaces where a line must not end, in every body text run.

    Dates, a number with its label or unit, a titled name with its surname stay
    together in Word and in print (`linebreak.glue_spaces`). Nothing else is added
    to the text: Word breaks Thai lines by its own dictionary, and what LibreOffice
    needs goes into the print copy only (`documents.printing`).
    """
    memory = Memory.open("glue")   # -- a text seen before needs no dictionary --
    texts = [text for text in doc.part.element.iter(qn("w:t")) if text.text]
    memory.recall(text.text for text in texts)
    for text in texts:
        glued = memory.get(text.text, partial(_spaces_only, text.text))
        text.text = glued if glued is not None else memory.put(text.text, linebreak.glue_spaces(text.text))
    memory.save()


def _spaces_only(typed: str, glued: object) -> bool:
    """Tell whether a remembered `glued` is `typed` with only its spaces made no-break."""
    return isinstance(glued, str) and glued.replace(linebreak.NBSP, " ") == typed.replace(linebreak.NBSP, " ")


def to_thai_digits(doc) -> None:
    """Replace Arabic digits with Thai digits in every text run, headers and footers included."""
    parts = [doc.part] + [rel.target_part for rel in doc.part.rels.values()
                          if rel.reltype in (RT.HEADER, RT.FOOTER)]
    for part in parts:
        for text in part.element.iter(qn("w:t")):
            if text.text:
                text.text = thai.thai_digits(text.text)
    for sectpr in doc.element.body.iter(qn("w:sectPr")):
        thai_page_numbers(sectpr)


_AFTER_PGNUMTYPE = ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                    "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
                    "w:sectPrChange")


def thai_page_numbers(sectpr) -> None:
    """Make the section number its pages in Thai digits (Word draws ๑, ๒, …)."""
    numbering = sectpr.find(qn("w:pgNumType"))
    if numbering is None:
        numbering = OxmlElement("w:pgNumType")
        later = [sectpr.find(qn(tag)) for tag in _AFTER_PGNUMTYPE]
        later = [el for el in later if el is not None]
        if later:
            later[0].addprevious(numbering)
        else:
            sectpr.append(numbering)
    numbering.set(qn("w:fmt"), "thaiNumbers")


def save(doc, properties: dict) -> bytes:
    """Return `doc` as .docx bytes that depend only on its content and `properties`."""
    doc.core_properties  # noqa: B018  -- makes python-docx add a core part if the template has none --
    return _zipped({**package_entries(doc), CORE_PART: core_properties(properties)})


def package_entries(doc) -> dict[str, bytes]:
    """Return the zip entries python-docx's ``Document.save`` would write, without the zip.

    Zipping them once here, in a fixed order and with fixed times, gives the bytes that
    saving and then rewriting the zip gave, for half the compression work.
    """
    package = doc.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    entries = {CONTENT_TYPES_URI.membername: _ContentTypesItem.from_parts(parts).blob,
               PACKAGE_URI.rels_uri.membername: package.rels.xml}
    for part in parts:
        entries[part.partname.membername] = part.blob
        if len(part.rels):
            entries[part.partname.rels_uri.membername] = part.rels.xml
    return entries


def core_properties(properties: dict) -> bytes:
    """Return ``docProps/core.xml`` holding each property once, in its own namespace.

    The element is built here rather than through python-docx's setters: importing
    docxcompose (docxtpl imports it) rebinds python-docx's process-wide ``cp`` prefix to
    the custom-properties namespace, and the setters then append duplicates in that
    namespace, which Word reports as unreadable content (docxtpl #471, docxcompose #101,
    python-docx #1037).

    >>> root = etree.fromstring(core_properties({
    ...     "title": "ตัวชี้วัดที่ 1", "author": "สำนักความสัมพันธ์ต่างประเทศ", "date": datetime(2021, 2, 10)}))
    >>> [etree.QName(el).localname for el in root]
    ['title', 'creator', 'lastModifiedBy', 'revision', 'created', 'modified']
    >>> root[0].text, root[4].text
    ('ตัวชี้วัดที่ 1', '2021-02-10T00:00:00Z')
    """
    stamp = properties.get("date", datetime(2000, 1, 1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    author = properties.get("author", "")
    root = etree.Element(f"{{{_CORE_NS['cp']}}}coreProperties", nsmap=_CORE_NS)
    for ns, name, text in (("dc", "title", properties.get("title", "")), ("dc", "creator", author),
                           ("cp", "lastModifiedBy", author), ("cp", "revision", "1"),
                           ("dcterms", "created", stamp), ("dcterms", "modified", stamp)):
        element = etree.SubElement(root, f"{{{_CORE_NS[ns]}}}{name}")
        element.text = text
        if ns == "dcterms":
            element.set(f"{{{_CORE_NS['xsi']}}}type", "dcterms:W3CDTF")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def reproducible_zip(data: bytes, replace: dict[str, bytes] | None = None) -> bytes:
    """Return the zip `data` rewritten with fixed timestamps and a fixed entry order.

    An entry named in `replace` gets the bytes given there instead of its own.
    """
    replace = replace or {}
    source = zipfile.ZipFile(io.BytesIO(data))
    return _zipped({name: replace.get(name) or source.read(name) for name in source.namelist()})


def _zipped(entries: dict[str, bytes]) -> bytes:
    """Return `entries` as a zip with fixed timestamps, [Content_Types].xml first, then by name."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(entries, key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, entries[name])
    return out.getvalue()
