"""The default FY 2564 packet: every part present, every seed item on the page."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn

from generator.documents import packet
from tests.conftest import DATA
from tests.docxtext import orientations, paragraphs, part_xml, text

SHEETS = [f"sheets/indicator-{n:02d}.docx" for n in range(1, 12)]

# Facts read off the seed by hand, independent of data/: a wrong digit in data/ fails here.
SEED_FACTS = [
    "นายสุภัทร จำปาทอง", "นายสมทรง งามวงษ์", "ปลัดกระทรวงศึกษาธิการ",
    "ผู้อำนวยการสำนักความสัมพันธ์ต่างประเทศ", "วันที่ 10 เดือน กุมภาพันธ์ พ.ศ. 2564",
    "เริ่มตั้งแต่วันที่ 1 ตุลาคม 2563 ถึงวันที่ 30 กันยายน 2564", "ได้ทำความเข้าใจคำรับรองตามข้อ 3 แล้ว",
    "ยุทธศาสตร์ชาติ พ.ศ. 2561 – 2580", "แผนฯ 12 (ปี 60-64)", "Big Data for Education",
    "ยุทธศาสตร์ที่ 6 พัฒนาระบบบริหารจัดการและส่งเสริมให้ทุกภาคส่วนมีส่วนร่วมในการจัดการศึกษา",
    "การประเมินสถานะของหน่วยงานในการเป็นระบบราชการ 4.0 (PMQA 4.0)",
    "ผลการดำเนินงาน ปี 63", "เป้าหมายขั้นสูง (100 คะแนน)",
]
SEED_STAFF = {  # sheet number: (names, phones) as the seed prints them
    1: (["นางสาวสุปราณี ค่ายวง", "นางสาวรัชนิภา พงศ์อุดม", "นายพิทชดนัย หลงปาน"], ["ต่อ 116", "ต่อ 114"]),
    2: (["นางสาวจิตรลดา จันทร์แหยม", "นางสาวฐานิตา สันตยานนท์"], ["ต่อ 112"]),
    3: (["นางสาวรุ่งกานต์ พันธุ์ภักดี", "นางสาวศิริพร วิริยะอัศเรเดชา"], ["ต่อ 108"]),
    4: (["นางสาวจิตรลดา จันทร์แหยม", "นางสาวกนกวรรณ แก้วนันทน์"], ["ต่อ 112", "ต่อ 113"]),
    5: (["นางสาววิมล ลุมพิกานนท์", "นายจิรัฏฐ์ แสนดี"], ["ต่อ 104", "ต่อ 107"]),
    9: (["นางพิมพ์วิรัชญ์ เมืองนิล", "นางกุสมา นวพันธ์พิมล", "นายฐิติ ฝอกสันเทียะ"],
        ["ต่อ 122", "ต่อ 124", "ต่อ 123"]),
    10: (["นางสาวสุปราณี ค่ายวง", "นางภัสศรี ศิริประภา", "นายจิรัฏฐ์ แสนดี"],
         ["ต่อ 116", "ต่อ 111", "ต่อ 107"]),
}
SEED_WEIGHTS = [15, 15, 15, 15, 10, 5, 5, 5, 5, 5, 5]


def indicator_data() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((DATA / "indicators").glob("*.yaml"))]


def test_build_writes_every_part(built):
    for name in ["packet.docx", "agreement.docx"] + SHEETS:
        assert (built / name).is_file(), name
        Document(built / name)  # reopens


@pytest.mark.parametrize("fact", SEED_FACTS)
def test_front_carries_seed_fact(built, fact):
    """Spaces and line breaks aside: the summary form's header breaks its lines by hand."""
    fact = "".join(fact.split())
    assert fact in "".join(text(built / "agreement.docx").split())
    assert fact in "".join(text(built / "packet.docx").split())


@pytest.mark.parametrize("number", sorted(SEED_STAFF))
def test_sheet_names_seed_staff_and_phones(built, number):
    sheet = text(built / SHEETS[number - 1])
    names, phones = SEED_STAFF[number]
    for i, name in enumerate(names, 1):
        assert f"{i}. {name}" in sheet
    for phone in phones:
        assert f"02 628 5646 {phone}" in sheet


def test_every_indicator_field_is_on_its_sheet_and_in_the_summary(built):
    front, packet = text(built / "agreement.docx"), text(built / "packet.docx")
    for ind in indicator_data():
        sheet = text(built / SHEETS[ind["number"] - 1])
        for value in ([ind["title"]] + ([ind["public_benefit"]] if "public_benefit" in ind else [])
                      + ind["description"]
                      + list(ind["criteria"].values()) + ind.get("steps", [])
                      + ind.get("conditions", []) + ind.get("notes", [])):
            assert value in sheet, (ind["number"], value)
            assert value in packet, (ind["number"], value)
        for value in [ind["title"]] + list(ind["criteria"].values()) + ind["linkage"]:
            assert value in front, (ind["number"], value)
        assert f"ตัวชี้วัดที่ {ind['number']} {ind['title']}" in front


def test_weights_match_the_seed_everywhere(built):
    assert [ind["weight"] for ind in indicator_data()] == SEED_WEIGHTS
    front = paragraphs(built / "agreement.docx")
    for n, weight in enumerate(SEED_WEIGHTS, 1):
        sheet = paragraphs(built / SHEETS[n - 1])
        assert sheet[sheet.index("น้ำหนัก") + 1] == str(weight)
    assert "ร้อยละ 60" in front and "ร้อยละ 40" in front
    assert front.count("100") >= 1


def test_linkage_rows_are_all_present(built):
    link = yaml.safe_load((DATA / "linkage.yaml").read_text(encoding="utf-8"))
    front = paragraphs(built / "agreement.docx")
    for plan in link["plans"]:
        assert plan["heading"] in front
        for item in plan["items"]:
            assert item in front
    for item in link["ministry_indicators"] + link["department_indicators"]:
        assert item in front


def test_baseline_and_roadmap_years_derive_from_the_fiscal_year(built):
    sheet = paragraphs(built / SHEETS[0])
    i = sheet.index("ปีงบประมาณ")
    assert sheet[i + 1:i + 6] == ["2559", "2560", "2561", "2562", "2563"]
    assert "แผนระยะยาว / Roadmap (2564-2568)" in sheet
    assert "ขั้นตอนการดำเนินงานในปี 2564" in sheet


def test_no_ocr_damage_reaches_the_packet(built):
    packet = text(built / "packet.docx")
    for damage in ["นำหนัก", "ดกหล่น", "กระจกทรง", "xorองเรียน", "ชับเคลื่อน", "ยื่นคำขอม",
                   "หน้าปก", "หน้าหลัก", "ร่องรับ", "าาร่วม", "แบบเอกสาร"]:
        assert damage not in packet, damage
    assert not re.search(r"[ก-๙][A-Za-z]|[A-Za-z][ก-๙]", packet)


def test_sections_keep_their_orientation(built):
    assert orientations(built / "agreement.docx") == ["P", "P", "L", "L"]
    assert orientations(built / "packet.docx") == ["P", "P", "L", "L"] + ["P"] * 11
    for section in Document(built / "packet.docx").sections:
        assert sorted([section.page_width.twips, section.page_height.twips]) == [11906, 16838]
        assert (round(section.left_margin.cm, 2), round(section.right_margin.cm, 2)) == (3, 2)


def test_packet_has_page_numbers(built):
    doc = Document(built / "packet.docx")
    footer = doc.sections[0].footer._element
    assert any("PAGE" in (f.get(qn("w:instr")) or "") for f in footer.iter(qn("w:fldSimple")))
    for section in doc.sections[1:]:
        assert section.footer.is_linked_to_previous


def test_styles_set_thai_font_in_every_slot(built):
    styles = part_xml(built / "packet.docx", "word/styles.xml")
    fonts = list(styles.iter(qn("w:rFonts")))
    assert fonts
    for el in fonts:
        assert {el.get(qn(f"w:{s}")) for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {"TH Sarabun New"}
    for el in styles.iter():
        assert not [a for a in el.attrib if "heme" in a], el.tag
    for rpr in styles.iter(qn("w:rPr")):
        sz, szcs = rpr.find(qn("w:sz")), rpr.find(qn("w:szCs"))
        assert (sz is None) == (szcs is None)
        if sz is not None:
            assert sz.get(qn("w:val")) == szcs.get(qn("w:val"))
        b, b_cs = rpr.find(qn("w:b")), rpr.find(qn("w:bCs"))
        assert (b is None) == (b_cs is None)
        if b is not None:
            assert b.get(qn("w:val")) == b_cs.get(qn("w:val"))
    default = styles.find(qn("w:docDefaults")).find(".//" + qn("w:rPr"))
    assert default.find(qn("w:sz")).get(qn("w:val")) == "32"
    assert default.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"
    normal = Document(built / "packet.docx").styles["Normal"].element
    assert normal.find(".//" + qn("w:jc")).get(qn("w:val")) == "thaiDistribute"


def test_table_headers_repeat_and_rows_never_split(built):
    body = Document(built / "packet.docx").element.body
    tables = list(body.iter(qn("w:tbl")))
    assert len(tables) > 11
    splittable = [row for table in tables for row in table.findall(qn("w:tr"))
                  if row.find(qn("w:trPr") + "/" + qn("w:cantSplit")) is None]
    # -- a row taller than a page comes as several rows (`rows.fit`), so none may split --
    assert splittable == []
    headed = [t for t in tables
              if t.find(qn("w:tr") + "/" + qn("w:trPr") + "/" + qn("w:tblHeader")) is not None]
    assert len(headed) >= 2 + 11 * 3


def test_summary_form_lists_every_indicator_in_order(built):
    front = paragraphs(built / "agreement.docx")
    start = front.index("แบบฟอร์มสรุปตัวชี้วัด ประจำปีงบประมาณ พ.ศ. 2564")
    titles = [p for p in front[start:] if re.match(r"^\d+\. ", p)]
    assert [int(t.split(".")[0]) for t in titles] == list(range(1, 12))
    assert front[-2:] == ["รวม", "100"] or "รวม" in front[-4:]


def with_bookmark(docx: bytes, name: str) -> bytes:
    """Return `docx` with a bookmark around its first paragraph's text (id 0, as Word numbers them)."""
    parts = dict(packet_parts(docx))
    xml = parts["word/document.xml"].decode("utf-8")
    xml = xml.replace("<w:r>", f'<w:bookmarkStart w:id="0" w:name="{name}"/><w:r>', 1)
    xml = xml.replace("</w:p>", '<w:bookmarkEnd w:id="0"/></w:p>', 1)
    parts["word/document.xml"] = xml.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name_, data in parts.items():
            target.writestr(name_, data)
    return out.getvalue()


def packet_parts(docx: bytes):
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        return [(name, source.read(name)) for name in source.namelist()]


def test_the_faster_composer_joins_exactly_as_docxcompose_does(built, monkeypatch):
    # -- bookmarks that clash between parts make upstream's per-append renumbering matter --
    front = with_bookmark((built / "agreement.docx").read_bytes(), "front")
    sheets = [with_bookmark(p.read_bytes(), p.stem) for p in sorted((built / "sheets").glob("*.docx"))]
    props = {"title": "t"}
    ours = packet.compose(front, sheets, props)
    ids = re.findall(r'<w:bookmarkStart w:id="(\d+)"', part_xml_bytes(ours))
    assert sorted(map(int, ids)) == list(range(len(sheets) + 1))
    monkeypatch.setattr(packet, "_Composer", packet._Sections)   # upstream's passes, every one
    assert packet.compose(front, sheets, props) == ours


def part_xml_bytes(docx: bytes) -> str:
    return dict(packet_parts(docx))["word/document.xml"].decode("utf-8")


def test_every_section_keeps_one_page_numbering_in_schema_order(thai_built):
    for sectpr in part_xml(thai_built / "packet.docx", "word/document.xml").iter(qn("w:sectPr")):
        names = [child.tag for child in sectpr]
        assert names.count(qn("w:pgNumType")) == 1
        assert names.index(qn("w:pgNumType")) < names.index(qn("w:cols"))
