"""One template + one context → .docx bytes; knows nothing of packets or years.

Rendering is strict and safe: autoescape on (a ``&`` or ``<`` prints literally),
undefined fields are errors (never a blank on a page someone signs), and templates
run in Jinja's sandbox.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from functools import lru_cache, partial
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from lxml import etree

from generator.documents import linebreak
from generator.errors import TemplateError
from generator.i18n import _
from generator.text import thai
from generator.text.memory import Memory

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
CORE_PART = "docProps/core.xml"
_CORE_NS = {"cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
            "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_UNDEFINED_NAME = re.compile(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')|"
                             r"has no attribute '([^']+)'")


class _Environment(SandboxedEnvironment):
    """The sandbox, compiling each distinct template source once per process.

    docxtpl compiles every part's XML with ``from_string`` on every render; the eleven
    sheets share one source, so compiling it once saves most of the rendering time.
    """

    def from_string(self, source, globals=None, template_class=None):
        if globals is not None or template_class is not None:
            return super().from_string(source, globals, template_class)
        return self._compiled(source)

    @lru_cache(maxsize=64)  # noqa: B019 -- the one environment lives as long as the process
    def _compiled(self, source):
        return super().from_string(source)


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    """Return the one Jinja environment every template renders in."""
    return _Environment(undefined=StrictUndefined, autoescape=True)


class _Template(DocxTemplate):
    """docxtpl's template, cleaning each distinct XML source for Jinja only once."""

    def patch_xml(self, src_xml):
        return _patched(src_xml)


@lru_cache(maxsize=64)
def _patched(src_xml: str) -> str:
    return DocxTemplate.patch_xml(None, src_xml)


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
    check_split_tags(doc, template.name)
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
    for text in doc.part.element.iter(qn("w:t")):
        if text.text:
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
    buffer = io.BytesIO()
    doc.save(buffer)
    return reproducible_zip(buffer.getvalue(), {CORE_PART: core_properties(properties)})


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
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, replace.get(name) or source.read(name))
    return out.getvalue()
