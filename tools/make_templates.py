"""Write the templates (agreement.docx, indicator_sheet.docx, overview.docx, report.docx) from scratch.

The .docx files are the templates clerks open and restyle in Word; this script made
their first version and remakes them on purpose (it overwrites edits made in Word):

    python tools/make_templates.py [OUT_DIR]      # OUT_DIR defaults to templates/

Typography follows Thai official documents: A4, left margin 3 cm, right 2 cm,
TH Sarabun New 16 pt in every font slot, Thai distributed justification.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator.documents.render import reproducible_zip, save  # noqa: E402  (the project's own reproducible writer)
from generator.documents.rows import REPORT_FORM, SUMMARY_FORM  # noqa: E402  (the forms' column widths)

FONT = "TH Sarabun New"
PORTRAIT_WIDTH = 16.0    # cm of text on an A4 portrait page: 21 - 3 - 2
LANDSCAPE_WIDTH = 24.7   # cm of text on an A4 landscape page: 29.7 - 3 - 2


# -- styles -------------------------------------------------------------------------------

def set_fonts(rpr, size_pt: float | None = None) -> None:
    """Set all four font slots to TH Sarabun New, drop theme fonts, make sz equal szCs."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), FONT)
    for tag in ("w:color", "w:sz", "w:szCs"):
        for el in rpr.findall(qn(tag)):
            rpr.remove(el)
    if size_pt is not None:
        for tag in ("w:sz", "w:szCs"):
            el = OxmlElement(tag)
            el.set(qn("w:val"), str(int(size_pt * 2)))
            rpr.append(el)


def fix_all_styles(doc) -> None:
    """Make docDefaults and every style Thai-safe: one family, no theme attributes."""
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr_default, 16)
    for lang in rpr_default.findall(qn("w:lang")):
        rpr_default.remove(lang)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "en-US")
    lang.set(qn("w:bidi"), "th-TH")
    rpr_default.append(lang)
    for rpr in styles.iter(qn("w:rPr")):
        if rpr is not rpr_default:
            size = rpr.find(qn("w:sz"))
            set_fonts(rpr, int(size.get(qn("w:val"))) / 2 if size is not None else None)
            mirror_bold(rpr)
    for el in styles.iter():
        for attr in list(el.attrib):
            if "Theme" in attr or "theme" in attr:
                del el.attrib[attr]


def paragraph_style(doc, name: str, base: str = "Normal", size: float = 16, bold: bool = False,
                    align=None, before: float = 0, after: float = 0, keep_next: bool = False,
                    first_indent: float | None = None, left_indent: float | None = None):
    """Return style `name`, creating it if needed, with explicit TH Sarabun New runs."""
    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base] if name != base else None
    style.quick_style = True
    set_fonts(style.element.get_or_add_rPr(), size)
    style.font.bold = bold
    mirror_bold(style.element.get_or_add_rPr())
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.keep_with_next = keep_next
    fmt.line_spacing = 1.0
    if first_indent is not None:
        fmt.first_line_indent = Cm(first_indent)
    if left_indent is not None:
        fmt.left_indent = Cm(left_indent)
    if align == "thaiDistribute":
        set_jc(style.element.get_or_add_pPr(), "thaiDistribute")
    elif align is not None:
        fmt.alignment = align
    return style


def mirror_bold(rpr) -> None:
    """Copy w:b into w:bCs: Thai is complex script and ignores w:b."""
    for el in rpr.findall(qn("w:bCs")):
        rpr.remove(el)
    b = rpr.find(qn("w:b"))
    if b is not None:
        b_cs = OxmlElement("w:bCs")
        for name, value in b.attrib.items():
            b_cs.set(name, value)
        b.addnext(b_cs)


def fix_numbering(doc) -> None:
    """Draw bullets with TH Sarabun New's own • so no symbol font is needed."""
    numbering = doc.part.numbering_part.element
    for lvl in numbering.iter(qn("w:lvl")):
        fmt = lvl.find(qn("w:numFmt"))
        if fmt is None or fmt.get(qn("w:val")) != "bullet":
            continue
        lvl.find(qn("w:lvlText")).set(qn("w:val"), "\u2022")
        rpr = lvl.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            lvl.append(rpr)
        set_fonts(rpr)
    for el in numbering.iter():
        for attr in list(el.attrib):
            if "heme" in attr:
                del el.attrib[attr]


def set_jc(ppr, value: str) -> None:
    """Set w:jc, which python-docx cannot set to thaiDistribute."""
    for el in ppr.findall(qn("w:jc")):
        ppr.remove(el)
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), value)
    ppr.append(jc)


def make_styles(doc) -> None:
    fix_all_styles(doc)
    center, left = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
    paragraph_style(doc, "Normal", align="thaiDistribute").paragraph_format.widow_control = True
    paragraph_style(doc, "Body Text", align="thaiDistribute", first_indent=1.25)
    paragraph_style(doc, "Cover Title", size=28, bold=True, align=center, after=12)
    paragraph_style(doc, "Heading 1", size=18, bold=True, align=center, after=6, keep_next=True)
    paragraph_style(doc, "Heading 2", size=16, bold=True, align=left, before=10, after=2,
                    keep_next=True)
    paragraph_style(doc, "Sheet Header", size=16, bold=True, align=center, after=6)
    paragraph_style(doc, "Clause", align="thaiDistribute", first_indent=1.25, after=6)
    paragraph_style(doc, "List Bullet", align="thaiDistribute", after=2)
    paragraph_style(doc, "List Heading", bold=True, align=left, before=4, keep_next=True)
    paragraph_style(doc, "List Text", align=left, after=2)
    paragraph_style(doc, "Step", align=left, left_indent=0.75)
    paragraph_style(doc, "Signature", align=center)
    paragraph_style(doc, "Table Text", align=left)
    paragraph_style(doc, "Table Heading", bold=True, align=center)
    paragraph_style(doc, "Table Text Small", size=14, align=left)
    paragraph_style(doc, "Table Heading Small", size=14, bold=True, align=center)
    paragraph_style(doc, "Footer", align=center)


# -- page setup ----------------------------------------------------------------------------

def a4(section, landscape: bool = False) -> None:
    """Make `section` A4 with the official margins (left 3 cm, right 2 cm)."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long_side, short_side = Cm(29.7), Cm(21.0)
    section.page_width = long_side if landscape else short_side
    section.page_height = short_side if landscape else long_side
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2)
    section.header_distance = section.footer_distance = Cm(1.25)


def page_number_footer(section) -> None:
    """Put a centred PAGE field in the footer."""
    paragraph = section.footer.paragraphs[0]
    paragraph.style = "Footer"
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def new_section(doc, landscape: bool) -> None:
    a4(doc.add_section(WD_SECTION.NEW_PAGE), landscape)


# -- tables --------------------------------------------------------------------------------

def table(doc, widths: list[float], grid: bool = True):
    """Return a new table with fixed column widths in cm."""
    t = doc.add_table(rows=0, cols=len(widths))
    t.style = doc.styles["Table Grid"] if grid else None
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for col, width in zip(t.columns, widths):
        col.width = Cm(width)
    return t


def row(t, texts: list[str | list[str] | None], style: str = "Table Text",
        header: bool = False, spans: list[int] | None = None, keep_next: bool = False):
    """Append a row that stays whole on one page; a header row repeats on each page.

    A row taller than a page is cut into rows before rendering (`generator.documents.rows`),
    since neither Word nor LibreOffice can repeat a cell's text when a row splits.
    `keep_next` keeps the row on the page of the row after it (a heading row never ends a
    page). A cell's text may be a list of paragraphs, and "\n" in a text a line break;
    `spans` merges cells left to right.
    """
    r = t.add_row()
    tr_pr = r._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))
    cells, col = [], 0
    for span in spans or [1] * len(texts):
        cell = r.cells[col]
        if span > 1:
            cell = cell.merge(r.cells[col + span - 1])
        cells.append(cell)
        col += span
    for cell, text in zip(cells, texts):
        paragraphs = text if isinstance(text, list) else [text or ""]
        cell.paragraphs[0].text = paragraphs[0]
        cell.paragraphs[0].style = style
        for extra in paragraphs[1:]:
            cell.add_paragraph(extra, style=style)
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = keep_next or None
    return r


def no_cell_padding(t) -> None:
    """Let a borderless table's text start at the body margin, as a paragraph's would."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), "0")
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    # -- ECMA-376 orders tblPr's children: tblCellMar comes before tblLook (Word refuses otherwise) --
    tbl_pr = t._tbl.tblPr
    later = [el for tag in ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
             for el in tbl_pr.findall(qn(tag))]
    if later:
        later[0].addprevious(margins)
    else:
        tbl_pr.append(margins)


def tag_row(t, tag: str) -> None:
    """Append a row holding only a docxtpl row tag such as ``{%tr for x in xs %}``."""
    r = t.add_row()
    r.cells[0].paragraphs[0].text = tag


def para(doc, text: str, style: str = "Normal"):
    return doc.add_paragraph(text, style=style)


def new_document():
    doc = Document()
    make_styles(doc)
    fix_numbering(doc)
    a4(doc.sections[0])
    page_number_footer(doc.sections[0])
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    return doc


# -- package hygiene: what python-docx's default document leaves behind --------------------

STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
APP_XML = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           b"<Template>Normal.dotm</Template><TotalTime>0</TotalTime><DocSecurity>0</DocSecurity>"
           b"<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
           b"<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>")


def drop_leftovers(doc) -> None:
    """Drop the Word 2010 styles copy, the blank US-Letter thumbnail and the unused customXml.

    python-docx's default document carries them; stylesWithEffects.xml no longer
    matches styles.xml once styles change, which Word reports as unreadable content.
    """
    for rel in list(doc.part.rels.values()):
        if rel.reltype in (STYLES_WITH_EFFECTS, RT.CUSTOM_XML):
            doc.part.drop_rel(rel.rId)
    package_rels = doc.part.package.rels
    for rid in [rid for rid, rel in package_rels.items() if rel.reltype == RT.THUMBNAIL]:
        package_rels.pop(rid)


def used_style_ids(doc) -> set[str]:
    """Return the style IDs the document, its footers and numbering refer to, with their bases."""
    parts = [doc.part, doc.part.numbering_part] + [rel.target_part for rel in doc.part.rels.values()
                                                   if rel.reltype in (RT.HEADER, RT.FOOTER)]
    used = {el.get(qn("w:val")) for part in parts for el in part.element.iter()
            if el.tag in (qn("w:pStyle"), qn("w:rStyle"), qn("w:tblStyle"))}
    styles = {s.get(qn("w:styleId")): s for s in doc.styles.element.iter(qn("w:style"))}
    used |= {sid for sid, s in styles.items() if s.get(qn("w:default")) == "1"}
    todo = list(used)
    while todo:
        style = styles.get(todo.pop())
        for tag in ("w:basedOn", "w:link", "w:next"):
            ref = style.find(qn(tag)) if style is not None else None
            if ref is not None and ref.get(qn("w:val")) not in used:
                used.add(ref.get(qn("w:val")))
                todo.append(ref.get(qn("w:val")))
    return used


def trim_styles(doc) -> None:
    """Remove every style definition nothing uses (python-docx's default has 160 of them)."""
    used = used_style_ids(doc)
    for style in list(doc.styles.element.iter(qn("w:style"))):
        if style.get(qn("w:styleId")) not in used:
            style.getparent().remove(style)


def word_2013_mode(doc) -> None:
    """Mark the file as Word 2013+ (compatibilityMode 15) so Word opens it without
    "Compatibility Mode"; python-docx's default says Word 2010 (14)."""
    for setting in doc.settings.element.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def write(doc, path: Path, title: str) -> None:
    """Save `doc` at `path` clean of leftovers, with fixed properties (reproducible)."""
    drop_leftovers(doc)
    trim_styles(doc)
    word_2013_mode(doc)
    data = save(doc, {"title": title})
    path.write_bytes(reproducible_zip(data, {"docProps/app.xml": APP_XML}))


# -- the front: cover, agreement, linkage table, summary form ------------------------------

def cover(doc) -> None:
    # -- a title page: its first-page footer is empty, so the cover shows no page number --
    doc.sections[-1].different_first_page_header_footer = True
    para(doc, "", "Cover Title").paragraph_format.space_before = Pt(200)
    para(doc, "คำรับรองการปฏิบัติราชการ", "Cover Title")
    para(doc, "ประจำปีงบประมาณ พ.ศ. {{ fiscal_year }}", "Cover Title")
    para(doc, "ของ {{ unit.short_name }}", "Cover Title")
    new_section(doc, landscape=False)
    doc.sections[-1].different_first_page_header_footer = False   # numbered from the agreement on


def agreement_page(doc) -> None:
    para(doc, "คำรับรองการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. {{ fiscal_year }}", "Heading 1")
    para(doc, "{{ unit.name }} {{ unit.office }}", "Heading 1")
    para(doc, "1. คำรับรองระหว่าง", "Clause")
    parties = table(doc, [11.5, 4.5], grid=False)
    no_cell_padding(parties)
    row(parties, ["{{ receiver.name }} {{ receiver.position }}", "ผู้รับคำรับรอง"])
    row(parties, ["และ {{ maker.name }} {{ maker.position }}", "ผู้ทำคำรับรอง"])
    clauses = [
        "2. คำรับรองนี้เป็นคำรับรองฝ่ายเดียว มิใช่สัญญาและใช้สำหรับระยะเวลา 1 ปี "
        "เริ่มตั้งแต่วันที่ {{ period_start }} ถึงวันที่ {{ period_end }}",
        "3. รายละเอียดของคำรับรอง ได้แก่ ตัวชี้วัดผลการปฏิบัติราชการ น้ำหนัก ข้อมูลพื้นฐาน "
        "เป้าหมาย/เกณฑ์การให้คะแนนและรายละเอียดอื่น ๆ ตามที่ปรากฏอยู่ในเอกสารประกอบท้ายคำรับรองนี้",
        "4. ข้าพเจ้า {{ receiver.name }} ในฐานะผู้บังคับบัญชาของ {{ maker.name }} "
        "ได้พิจารณาและเห็นชอบกับตัวชี้วัดผลการปฏิบัติราชการ น้ำหนัก ข้อมูลพื้นฐาน เป้าหมาย "
        "เกณฑ์การให้คะแนนและรายละเอียดอื่น ๆ ตามที่กำหนดในเอกสารประกอบท้ายคำรับรองนี้ "
        "และข้าพเจ้ายินดีจะให้คำแนะนำ กำกับ และตรวจสอบผลการปฏิบัติราชการของ {{ maker.name }} "
        "ให้เป็นไปตามคำรับรองที่จัดทำขึ้นนี้",
        "5. ข้าพเจ้า {{ maker.name }} {{ maker.full_position }} ได้ทำความเข้าใจคำรับรองตามข้อ 3 แล้ว "
        "ขอให้คำรับรองกับ{{ receiver.position }}ว่าจะมุ่งมั่นปฏิบัติราชการให้เกิดผลงานที่ดี"
        "ตามเป้าหมายของตัวชี้วัดแต่ละตัวในระดับสูงสุดเพื่อให้เกิดประโยชน์สุขแก่ประชาชน"
        "ตามที่ให้คำรับรองไว้",
        "6. ผู้รับคำรับรองและผู้ทำคำรับรองได้เข้าใจคำรับรองการปฏิบัติราชการและเห็นพ้องกันแล้ว "
        "จึงได้ลงลายมือชื่อไว้เป็นสำคัญ",
    ]
    for text in clauses:
        para(doc, text, "Clause")
    # -- clause 2 follows the parties' table, whose rows have no space after them --
    doc.paragraphs[-len(clauses)].paragraph_format.space_before = Pt(6)
    signatures = table(doc, [8.0, 8.0], grid=False)
    block = ["", "", "..................................................", "({{ %s.name }})",
             "{{ %s.position }}", "{{ signing_date }}"]
    row(signatures, [[line.replace("%s", who) for line in block]
                     for who in ("receiver", "maker")], style="Signature")
    row(signatures, ["ผู้รับคำรับรอง", "ผู้ทำคำรับรอง"], style="Signature")
    new_section(doc, landscape=True)


def linkage_page(doc) -> None:
    para(doc, "ความเชื่อมโยงนโยบาย/ยุทธศาสตร์/แผน กับตัวชี้วัดของหน่วยงาน", "Heading 1")
    para(doc, "ตัวชี้วัดของ {{ unit.short_name }}", "Heading 1")
    t = table(doc, [6.0, 15.4, 3.3])
    row(t, ["{{ linkage.national_strategy }}"], "Table Heading", header=True, spans=[3])
    tag_row(t, "{%tr for plan in linkage.plans %}")
    row(t, ["{{ plan.heading }}", ["{%p for item in plan.lines %}", "{{ item }}", "{%p endfor %}"]],
        spans=[1, 2])
    tag_row(t, "{%tr endfor %}")
    row(t, ["แผนยุทธศาสตร์สำนักงานปลัดฯ",
            ["{%p for s in linkage.office_strategies %}", "ยุทธศาสตร์ที่ {{ s.number }} {{ s.title }}",
             "{%p endfor %}"]], spans=[1, 2])
    for label, key in (("ตัวชี้วัดกระทรวง", "ministry_indicators"),
                       ("ตัวชี้วัดระดับกรม", "department_indicators")):
        row(t, [label, ["{%p for item in linkage." + key + " %}", "{{ item }}", "{%p endfor %}"]],
            spans=[1, 2])
    row(t, ["ตัวชี้วัดของหน่วยงาน", "น้ำหนัก (ร้อยละ)"], "Table Heading", spans=[2, 1],
        keep_next=True)
    tag_row(t, "{%tr for group in groups %}")
    row(t, ["{{ group.name }}", "ร้อยละ {{ group.weight }}"], "Table Heading", spans=[2, 1],
        keep_next=True)
    tag_row(t, "{%tr for ind in group.indicators %}")
    r = row(t, ["ตัวชี้วัดที่ {{ ind.number }} {{ ind.title }}", "{{ ind.weight }}"], spans=[2, 1])
    r.cells[2].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    tag_row(t, "{%tr endfor %}")
    tag_row(t, "{%tr endfor %}")
    new_section(doc, landscape=True)


def summary_form(doc) -> None:
    para(doc, "แบบฟอร์มสรุปตัวชี้วัด ประจำปีงบประมาณ พ.ศ. {{ fiscal_year }}", "Heading 1")
    para(doc, "หน่วยงาน {{ unit.short_name }}", "Heading 1")
    t = table(doc, SUMMARY_FORM.widths)
    small, head = "Table Text Small", "Table Heading Small"
    # -- one header row: LibreOffice clips vertically merged cells in repeated headers; a line
    #    break before each bracket, so that no line of a header ends with one --
    row(t, ["ตัวชี้วัด", "ความเชื่อมโยงกับนโยบาย / ยุทธศาสตร์ / ตัวชี้วัด กระทรวง/สป.",
            "ประโยชน์ที่ประชาชนจะได้รับ", "น้ำหนัก\n(ร้อยละ)", "ผลการ\nดำเนินงาน\nปี {{ last_year_short }}",
            "เป้าหมายขั้นต้น\n(50 คะแนน)", "เป้าหมายมาตรฐาน\n(75 คะแนน)", "เป้าหมายขั้นสูง\n(100 คะแนน)"],
        head, header=True)
    tag_row(t, "{%tr for group in groups %}")
    row(t, ["{{ group.name }} (ร้อยละ {{ group.weight }})"], head, spans=[8], keep_next=True)
    # -- an indicator taller than a page comes as several rows (`generator.documents.rows`) --
    tag_row(t, "{%tr for r in group.rows %}")
    r = row(t, [each(f"r.{name}") for name, _ in SUMMARY_FORM.columns], small)
    centre(r, 3, 4)
    tag_row(t, "{%tr endfor %}")
    tag_row(t, "{%tr endfor %}")
    row(t, ["รวม", "{{ total_weight }}", ""], head, spans=[3, 1, 4])


def each(items: str) -> list[str]:
    """Return a cell's paragraphs that print each text of the list `items` as a paragraph."""
    return ["{%p for text in " + items + " %}", "{{ text }}", "{%p endfor %}"]


def centre(r, *columns: int) -> None:
    for col in columns:
        for paragraph in r.cells[col].paragraphs:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def make_agreement(path: Path) -> None:
    doc = new_document()
    cover(doc)
    agreement_page(doc)
    linkage_page(doc)
    summary_form(doc)
    write(doc, path, "คำรับรองการปฏิบัติราชการ")


# -- one indicator sheet -------------------------------------------------------------------

def sheet_heading(doc) -> None:
    para(doc, "ตัวชี้วัด {{ unit.short_name }}", "Sheet Header").paragraph_format.space_after = Pt(0)
    para(doc, "ตามคำรับรองการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. {{ fiscal_year }}", "Sheet Header")
    para(doc, "{{ group.name }}", "Heading 2").paragraph_format.space_before = Pt(0)
    t = table(doc, [13.0, 3.0])
    r = row(t, ["ตัวชี้วัดที่ {{ ind.number }} {{ ind.title }}", ["น้ำหนัก", "{{ ind.weight }}"]],
            "Table Heading")
    r.cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT


def year_table(doc, years: str, label: str, values: str) -> None:
    t = table(doc, [4.0] + [2.4] * 5)
    row(t, ["ปีงบประมาณ"] + [f"{{{{ {years}[{i}] }}}}" for i in range(5)], "Table Heading",
        header=True)
    r = row(t, [label] + [f"{{{{ {values}[{i}] }}}}" for i in range(5)])
    for cell in r.cells[1:]:
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def bullets(doc, items: str, style: str = "List Bullet", text: str = "{{ item }}") -> None:
    para(doc, "{%p for item in " + items + " %}")
    para(doc, text, style)
    para(doc, "{%p endfor %}")


def make_sheet(path: Path) -> None:
    doc = new_document()
    sheet_heading(doc)
    para(doc, "คำอธิบาย", "Heading 2")
    bullets(doc, "ind.description")
    para(doc, "ข้อมูลพื้นฐาน", "Heading 2")
    year_table(doc, "baseline_years", "ผลการดำเนินงาน", "ind.baseline")
    para(doc, "{%p if ind.notes %}")
    para(doc, "หมายเหตุ", "Heading 2")
    bullets(doc, "ind.notes")
    para(doc, "{%p endif %}")
    para(doc, "{%p if ind.roadmap %}")
    para(doc, "แผนระยะยาว / Roadmap ({{ roadmap_years[0] }}-{{ roadmap_years[4] }})", "Heading 2")
    year_table(doc, "roadmap_years", "ค่าเป้าหมาย", "ind.roadmap")
    para(doc, "{%p endif %}")
    para(doc, "เกณฑ์การประเมิน{% if ind.criteria_note %} {{ ind.criteria_note }}{% endif %}",
         "Heading 2")
    t = table(doc, [16.0 / 3] * 3)
    row(t, ["เป้าหมายขั้นต้น (50)", "เป้าหมายมาตรฐาน (75)", "เป้าหมายขั้นสูง (100)"],
        "Table Heading", header=True)
    row(t, ["{{ ind.criteria.basic }}", "{{ ind.criteria.standard }}",
            "{{ ind.criteria.advanced }}"])
    para(doc, "{%p if ind.conditions %}")
    para(doc, "เงื่อนไข", "Heading 2")
    bullets(doc, "ind.conditions", "Body Text")
    para(doc, "{%p endif %}")
    para(doc, "{%p if ind.steps %}")
    para(doc, "ขั้นตอนการดำเนินงานในปี {{ fiscal_year }}", "Heading 2")
    bullets(doc, "ind.steps", "Step", "{{ loop.index }}. {{ item }}")
    para(doc, "{%p endif %}")
    para(doc, "{%p if ind.office_benefit %}")
    para(doc, "ประโยชน์ที่{{ unit.office }} หรือประชาชนจะได้รับ", "Heading 2")
    para(doc, "{{ ind.office_benefit }}", "Body Text")
    para(doc, "{%p endif %}")
    para(doc, "{%p if ind.public_benefit %}")
    para(doc, "ประโยชน์ที่ประชาชนจะได้รับ", "Heading 2")
    para(doc, "{{ ind.public_benefit }}", "Body Text")
    para(doc, "{%p endif %}")
    # -- the staff table never stands alone on a sheet's last page: an empty paragraph kept with
    #    the next is an anchor, and rendering keeps whatever section came last with it
    #    (`render.keep_anchors`) --
    para(doc, "", "Normal").paragraph_format.keep_with_next = True
    t = table(doc, [10.0, 6.0])
    row(t, ["ผู้รับผิดชอบตัวชี้วัด", "หมายเลขโทรศัพท์"], "Table Heading", header=True)
    tag_row(t, "{%tr for person in staff %}")
    row(t, ["{{ loop.index }}. {{ person.name }}", "{{ person.phone }}"])
    tag_row(t, "{%tr endfor %}")
    write(doc, path, "ตัวชี้วัด")


# -- the ministry overview: every unit of a batch on landscape pages -------------------------

def make_overview(path: Path) -> None:
    doc = new_document()
    a4(doc.sections[0], landscape=True)
    para(doc, "ภาพรวมคำรับรองการปฏิบัติราชการ {{ title }}", "Heading 1")
    para(doc, "ทั้งหมด {{ units|length }} หน่วยงาน: ลงนามแล้ว {{ signed }} ยังไม่ลงนาม {{ unsigned }} "
              "ไม่สำเร็จ {{ failed }}", "Heading 2")
    overview_units(doc)
    para(doc, "ตัวชี้วัดของแต่ละหน่วยงาน", "Heading 2")
    t = table(doc, [LANDSCAPE_WIDTH - 3.0, 3.0])
    row(t, ["ตัวชี้วัด", "น้ำหนัก\n(ร้อยละ)"], "Table Heading", header=True)
    tag_row(t, "{%tr for u in units %}")
    row(t, ["{{ loop.index }}. {{ u.name }}{% if u.code %} ({{ u.code }}) ปีงบประมาณ "
            "{{ u.fiscal_year }}{% endif %}: {{ u.status }}"], "Table Heading", spans=[2], keep_next=True)
    tag_row(t, "{%tr if u.problems %}")
    row(t, [["{%p for line in u.problems %}", "{{ line }}", "{%p endfor %}"]], "Table Text Small", spans=[2])
    tag_row(t, "{%tr endif %}")
    tag_row(t, "{%tr for g in u.groups %}")
    r = row(t, ["{{ g.name }}", "ร้อยละ {{ g.weight }}"], "Table Heading", keep_next=True)
    r.cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    tag_row(t, "{%tr for ind in g.indicators %}")
    r = row(t, ["{{ ind.number }}. {{ ind.title }}", "{{ ind.weight }}"])
    centre(r, 1)
    tag_row(t, "{%tr endfor %}")
    tag_row(t, "{%tr endfor %}")
    tag_row(t, "{%tr if u.groups %}")
    row(t, ["รวม", "{{ u.total_weight }}"], "Table Heading")
    tag_row(t, "{%tr endif %}")
    tag_row(t, "{%tr endfor %}")
    write(doc, path, "ภาพรวมคำรับรองการปฏิบัติราชการ")


def overview_units(doc) -> None:
    """Draw one row per unit: its total weight, signing date and state."""
    t = table(doc, [1.2, 8.9, 2.5, 1.7, 2.3, 4.0, 4.1])   # -- "๓๐ พฤศจิกายน ๒๕๖๔" on one line --
    row(t, ["ที่", "หน่วยงาน", "ปีงบประมาณ", "ตัวชี้วัด", "น้ำหนักรวม\n(ร้อยละ)", "วันที่ลงนาม", "สถานะ"],
        "Table Heading", header=True)
    tag_row(t, "{%tr for u in units %}")
    r = row(t, ["{{ loop.index }}", "{{ u.name }}{% if u.code %} ({{ u.code }}){% endif %}",
                "{{ u.fiscal_year or '-' }}", "{{ u.count }}", "{{ u.total_weight }}", "{{ u.signed }}",
                "{{ u.state }}"])
    centre(r, 0, 2, 3, 4, 5)
    tag_row(t, "{%tr endfor %}")


# -- the progress report of a round (6, 9 or 12 months) --------------------------------------

def make_report(path: Path) -> None:
    doc = new_document()
    a4(doc.sections[0], landscape=True)
    para(doc, "รายงานผลการดำเนินงานตามคำรับรองการปฏิบัติราชการ รอบ {{ round }} เดือน", "Heading 1")
    para(doc, "ประจำปีงบประมาณ พ.ศ. {{ fiscal_year }} {{ unit.short_name }}", "Heading 1")
    para(doc, "{%p if note %}")
    para(doc, "หมายเหตุ: {{ note }}", "Heading 2")
    para(doc, "{%p endif %}")
    summary_table(doc)
    para(doc, "{%p if interpolated %}")
    para(doc, "* คะแนนคำนวณเชิงเส้นระหว่างระดับ จากตัวเลขของผลและของเกณฑ์ในหน่วยเดียวกัน", "Table Text Small")
    para(doc, "{%p endif %}")
    chart(doc)
    details(doc)
    reporter_signature(doc)
    write(doc, path, "รายงานผลการดำเนินงาน")


def summary_table(doc) -> None:
    small, head = "Table Text Small", "Table Heading Small"
    t = table(doc, REPORT_FORM.widths)
    # -- a line break before each bracket, so that no line of the header ends with one --
    row(t, ["ตัวชี้วัด", "น้ำหนัก\n(ร้อยละ)", "เป้าหมายขั้นต้น\n(50)", "เป้าหมายมาตรฐาน\n(75)",
            "เป้าหมายขั้นสูง\n(100)", "ผลการดำเนินงาน", "ระดับ", "คะแนน", "คะแนน\nถ่วงน้ำหนัก"], head, header=True)
    tag_row(t, "{%tr for g in groups %}")
    row(t, ["{{ g.name }} (ร้อยละ {{ g.weight }})"], head, spans=[9], keep_next=True)
    # -- an indicator taller than a page comes as several rows (`generator.documents.rows`) --
    tag_row(t, "{%tr for r in g.table %}")
    r = row(t, [each(f"r.{name}") for name, _ in REPORT_FORM.columns], small)
    centre(r, 1, 6, 7, 8)
    tag_row(t, "{%tr endfor %}")
    row(t, ["รวม{{ g.name }}", "{{ g.subtotal }}"], head, spans=[8, 1])
    tag_row(t, "{%tr endfor %}")
    row(t, ["คะแนนรวม (เต็ม 100)", "{{ total }}"], head, spans=[8, 1])


def chart(doc) -> None:
    para(doc, "คะแนนเทียบกับเป้าหมาย (ช่องละ 5 คะแนน ช่องสีเทาคือเป้าหมาย 50, 75 และ 100 คะแนน)", "Heading 2")
    t = table(doc, [3.0] + [1.0] * 20 + [1.7])
    row(t, ["ตัวชี้วัด", "0 ถึง 100 คะแนน", "คะแนน"], "Table Heading Small", header=True, spans=[1, 20, 1])
    tag_row(t, "{%tr for g in groups %}")
    tag_row(t, "{%tr for r in g.rows %}")
    row(t, ["ตัวชี้วัดที่ {{ r.number }}"] + [f"{{% cellbg r.bar[{i}] %}}" for i in range(20)]
        + ["{{ r.points }}"], "Table Text Small")
    tag_row(t, "{%tr endfor %}")
    tag_row(t, "{%tr endfor %}")


def details(doc) -> None:
    para(doc, "{%p for g in groups %}")
    para(doc, "{%p for r in g.rows %}")
    para(doc, "ตัวชี้วัดที่ {{ r.number }} {{ r.title }}", "Heading 2")
    para(doc, "ผลการดำเนินงาน: {{ r.result }} ระดับ: {{ r.level }} คะแนน: {{ r.points }}", "List Text")
    # -- each heading starts where its bullets do, at the margin --
    for key, label in (("evidence", "หลักฐาน"), ("obstacles", "ปัญหาอุปสรรค"), ("next_steps", "แนวทางต่อไป")):
        para(doc, "{%p if r." + key + " %}")
        para(doc, label, "List Heading")
        bullets(doc, "r." + key)
        para(doc, "{%p endif %}")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endfor %}")


def reporter_signature(doc) -> None:
    """Close the report with the reporter's block, drawn as the agreement page draws its own."""
    # -- an anchor: rendering keeps the last section of the details with the block
    #    (`render.keep_anchors`), so the block never opens a page alone --
    para(doc, "", "Normal").paragraph_format.keep_with_next = True
    t = table(doc, [LANDSCAPE_WIDTH - 9.0, 9.0], grid=False)
    no_cell_padding(t)
    row(t, ["", ["", "{{ reporter.line }}", "{{ reporter.name }}", "{{ reporter.position }}",
                 "{{ reporter.date }}", "ผู้รายงาน"]], style="Signature")


def main(out_dir: Path) -> None:
    make_agreement(out_dir / "agreement.docx")
    make_sheet(out_dir / "indicator_sheet.docx")
    make_overview(out_dir / "overview.docx")
    make_report(out_dir / "report.docx")
    print(", ".join(str(out_dir / name) for name in ("agreement.docx", "indicator_sheet.docx",
                                                      "overview.docx", "report.docx")))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates")
