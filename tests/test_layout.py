"""Pages a secretariat signs as they print: page fill, whole headings, no empty
sections, Thai line breaks, Thai page numbers; for FY 2564 and for a second unit."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn

from generator import commands
from generator.data.rollover import strings_in
from generator.documents import linebreak
from generator.store import pdf
from tests.conftest import DATA, once
from tests.docxtext import paragraphs, part_xml
from tools import linecheck, pdflayout
from tools.pdflayout import plain

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


ROW_START = re.compile(r"^[0-9๐-๙]+\. ")                      # an indicator's row: "3. ระดับ…"
ANY_ROW = re.compile(r"^([0-9๐-๙]+\. |การประเมิน|รวม|คะแนนรวม)")   # or a group's heading, or a total
SUMMARY_HEADER_END = "ปี 63"    # the summary form header's lowest line: "ผลการ / ดำเนินงาน / ปี 63"


def _shown_whole(text: str, lines: list[str]) -> bool:
    return any(pdflayout.holds(line, text) for line in lines)


def _check_pages(pages: list[pdflayout.Page], headings: list[str]) -> None:
    """Assert what a reviewer checks on every rendered page."""
    assert pdflayout.thin_pages(pages, row_start=ROW_START) == []
    assert pdflayout.split_dates(pages) == [] and pdflayout.split_numbers(pages) == []
    assert pdflayout.broken_syllables(pages) == []
    _check_line_ends(pages)
    # -- a mark before a zero-width character would copy out of the PDF after the next letter --
    misplaced = re.compile(r"[เแโใไ][่-๋ัิ-ฺ็]| [่-๋ัิ-ฺ็ำ]")
    assert [ln.text for p in pages for ln in p.body_lines() if misplaced.search(ln.text)] == []
    for number, page in enumerate(pages[:-1], 1):
        last = max(page.body_lines(), key=lambda line: line.bottom).text
        assert not last.startswith(tuple(headings)), (number, last)
    # -- the staff table comes with what precedes it, never alone on a page --
    assert not [n for n, page in enumerate(pages, 1)
                if page.first_lines(1)[0].startswith("ผู้รับผิดชอบตัวชี้วัด")]


def _check_line_ends(pages: list[pdflayout.Page]) -> None:
    """Assert that every line ends between words, never at an opening bracket or a prefix's hyphen."""
    assert linecheck.broken_pieces(pages) == []
    assert linecheck.bracket_lines(pages) == []   # -- "ทันการณ์ (" ended a line on three sheets --
    assert linecheck.hyphen_splits(pages) == []


def _dash_sections(docx: Path) -> list[str]:
    """Return the headings of `docx` followed by a paragraph that holds only "-"."""
    body = Document(docx).element.body
    found, heading = [], None
    for p in body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()
        if heading is not None and text:
            if text == "-":
                found.append(heading)
            heading = None
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(qn("w:val")).startswith("Heading"):
            heading = text
    return found


# -- FY 2564 as LibreOffice prints it with the real TH Sarabun New ----------------------

@pytest.fixture(scope="session")
def pages(packet_pdf) -> list[pdflayout.Page]:
    return pdflayout.read(packet_pdf)


def test_fy2564_pages_are_full_whole_and_break_between_words(pages):
    groups = ["การประเมินประสิทธิภาพการดำเนินงาน", "การประเมินศักยภาพในการดำเนินงาน"]
    _check_pages(pages, ["ตัวชี้วัดของหน่วยงาน"] + groups)
    pairs = [(a, b) for _, a, b in pdflayout.line_pairs(pages)]
    for end, start in [("ตัวชี้", "วัด"), ("วันที่", "1"), ("วัน", "ที่ 1"), ("งบ", "ประมาณ"),
                       ("ทัน", "ท่วงที"), ("เข้ม", "แข็ง"), ("พันธ", "กิจ")]:
        assert not [p for p in pairs if p[0].endswith(end) and p[1].startswith(start)], end


def test_fy2564_lines_end_between_words(pages, built):
    """pythainlp's dictionary words cut at a line end: 127 in the first render, 10 now."""
    source = "\n".join(paragraphs(built / "packet.docx"))
    broken = pdflayout.broken_words(pages, source)
    assert len(broken) <= 11, broken   # -- no worse than when the Word file carried the marks --


def test_break_marks_change_where_lines_end_never_what_they_say():
    """The print copy's marks and no-break spaces change where lines end, never the text."""
    texts = {text for path in sorted(DATA.rglob("*.yaml"))
             for text in strings_in(yaml.safe_load(path.read_text("utf-8")))}
    assert len(texts) > 200
    after_mark = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]\u200b")
    for text in texts:
        for width in (None, 1800):
            marked = linebreak.line_breaks(text, width)
            unmarked = marked.replace(linebreak.ZWSP, "").replace(linebreak.NO_BREAK, "")
            assert unmarked.replace(linebreak.NBSP, " ") == text.replace(linebreak.NBSP, " "), text
            assert linebreak.glue_spaces(text).count(linebreak.NBSP) <= unmarked.count(linebreak.NBSP)
            assert "\u2060" not in marked and not after_mark.search(marked), text


def test_the_staff_table_keeps_with_the_criteria_when_they_come_last(built):
    """Sheet 7 has no conditions, steps or benefits: its criteria row comes along."""
    body = part_xml(built / "sheets" / "indicator-07.docx", "word/document.xml").find(f"{W}body")
    tables = body.findall(f"{W}tbl")
    criteria, staff = tables[-2], tables[-1]
    between = criteria.getnext()
    assert between.tag == f"{W}p" and between.find(f"{W}pPr/{W}keepNext") is not None
    assert between.getnext() is staff
    last_row = criteria.findall(f"{W}tr")[-1]
    assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in last_row.iter(f"{W}p"))


def _form_pages(pages: list[pdflayout.Page], header_line: str = "(50 คะแนน)") -> list[pdflayout.Page]:
    """Return the pages of the summary form: those whose header has `header_line`."""
    return [p for p in pages if _shown_whole(header_line, [line.text for line in p.body_lines()])]


def test_summary_form_takes_fewer_pages_than_rows(pages):
    """Eleven rows of 8 to 15 lines, none split: one or two a page."""
    assert 1 < len(_form_pages(pages)) <= 7


def test_summary_form_rows_never_split_and_headers_keep_their_brackets(pages):
    form = _form_pages(pages)
    assert pdflayout.split_rows(form, SUMMARY_HEADER_END, ANY_ROW) == []
    lines = [line.text for page in form for line in page.body_lines()]
    for whole in ("(ร้อยละ)", "(50 คะแนน)", "(75 คะแนน)", "(100 คะแนน)", "ดำเนินงาน"):
        assert _shown_whole(whole, lines), whole
    assert pdflayout.lone_brackets(lines) == []


def test_cover_has_no_page_number_and_the_agreement_has_one(pages):
    assert pages[0].footer_lines() == []
    assert [ln.text for ln in pages[1].footer_lines()] == ["2"]
    assert [ln.text for ln in pages[-1].footer_lines()] == [str(len(pages))]


def test_agreement_page_parties_at_the_margin_and_clause_5_names_the_office(pages):
    lines = pages[1].body_lines()
    body_left = min(ln.left for ln in lines if ln.text.startswith("3. "))
    parties = [ln for ln in lines if ln.text.startswith(("นายสุภัทร", "และ นายสมทรง"))]
    assert len(parties) == 2
    assert all(abs(ln.left - (body_left - 1.25 * pdflayout.PT_PER_CM)) < 1.5 for ln in parties)
    text = " ".join(ln.text for ln in lines)
    assert "ผู้อำนวยการสำนักความสัมพันธ์ต่างประเทศ สป. ได้ทำความเข้าใจ" in text


def test_pdf_text_is_the_data_once_break_marks_are_read(pages, built):
    """No-break and zero-width spaces change where lines end, never what they say."""
    printed = "".join(" ".join(ln.text for ln in p.body_lines()) for p in pages).replace(" ", "")
    for wanted in ("วันที่1ตุลาคม2563ถึงวันที่30กันยายน2564", "ไม่น้อยกว่าร้อยละ85",
                   "ความต้องการ/ความคาดหวัง", "นางสาววิมลลุมพิกานนท์"):
        assert wanted in printed
    assert "\u00a0" in "".join(t.text or "" for t in part_xml(
        built / "packet.docx", "word/document.xml").iter(f"{W}t"))


def test_empty_public_benefit_leaves_out_its_heading(built):
    for number in (7, 8, 10):
        sheet = built / "sheets" / f"indicator-{number:02d}.docx"
        assert "ประโยชน์ที่ประชาชนจะได้รับ" not in paragraphs(sheet)
    for sheet in sorted((built / "sheets").glob("*.docx")) + [built / "agreement.docx"]:
        assert _dash_sections(sheet) == [], sheet.name


# -- the progress report and a two-unit overview, as printed --------------------------------

@pytest.fixture(scope="module")
def report_and_overview(printed) -> dict[str, list]:
    return {"report-12": pdflayout.read(printed["report"]), "overview": pdflayout.read(printed["overview"])}


def test_the_report_and_the_overview_end_lines_between_words(report_and_overview):
    """The report's narrow columns broke "มาตรฐา / น" and held lone brackets; the
    overview split "(e- / Service)"."""
    assert set(report_and_overview) == {"report-12", "overview"}
    for pages in report_and_overview.values():
        _check_line_ends(pages)
        assert pdflayout.split_dates(pages) == []


# -- Thai digits --------------------------------------------------------------------------

def test_thai_digits_keep_latin_names_and_number_pages_in_thai(thai_built):
    packet = thai_built / "packet.docx"
    text = "\n".join(paragraphs(packet))
    for latin in ("PMQA 4.0", "(Level 1)", "COVID-19"):
        assert latin in text
    assert "วันที่ ๑๐ เดือน กุมภาพันธ์ พ.ศ. ๒๕๖๔" in text
    for match in re.finditer(r"[0-9]+", text):
        before = text[max(0, match.start() - 8):match.start()]
        assert re.search(r"[A-Za-z]", before + text[match.end():match.end() + 1]), before
    sections = list(part_xml(packet, "word/document.xml").iter(f"{W}sectPr"))
    assert len(sections) >= 14
    for sectpr in sections:
        assert sectpr.find(f"{W}pgNumType").get(f"{W}fmt") == "thaiNumbers"


@pytest.fixture(scope="module")
def thai_agreement(printed) -> list[pdflayout.Page]:
    return pdflayout.read(printed["thai agreement"])


def test_a_thai_digit_pdf_numbers_its_pages_in_thai_digits(printed, thai_agreement):
    """LibreOffice draws the Word file's thaiNumbers as 2; the print path numbers natively."""
    pages = thai_agreement
    assert pages[0].footer_lines() == []
    assert [line.text for line in pages[1].footer_lines()] == ["๒"]
    made = printed["thai agreement"]
    assert pdf.pdfa_part(made) == "2" and pdf.fallback_fonts(made) == []
    assert "วันที่ ๑๐ เดือน กุมภาพันธ์ พ.ศ. ๒๕๖๔" in " ".join(line.text for line in pages[1].body_lines())


# -- a second, different unit: other names and numbers, 8 indicators -----------------------

SECOND_UNIT_GROUPS = ["การประเมินผลสัมฤทธิ์ของงาน", "การประเมินศักยภาพในการดำเนินงาน"]


def _second_unit(data: Path) -> None:
    """Rewrite the copy in `data` as another unit's agreement (its groups: SECOND_UNIT_GROUPS)."""
    def edit(name, change):
        path = data / name
        values = yaml.safe_load(path.read_text("utf-8"))
        change(values)
        path.write_text(yaml.safe_dump(values, allow_unicode=True, sort_keys=False), "utf-8")

    def agreement(a):
        a.update(fiscal_year=2565, signing_date="2565-01-20")
        a["unit"].update(name="สำนักพัฒนาระบบบริหาร", short_name="สำนักพัฒนาระบบบริหาร สป.")
        a["maker"] = {"name": "นางสาวสุปราณี ค่ายวง", "position": "ผู้อำนวยการสำนักพัฒนาระบบบริหาร"}
        a["groups"]["performance"]["name"] = "การประเมินผลสัมฤทธิ์ของงาน (Performance Base)"
        return a
    edit("agreement.yaml", agreement)
    for number in (9, 10, 11):
        (data / "indicators" / f"{number:02d}.yaml").unlink()
    shutil.rmtree(data / "results")   # another unit, before its first progress round

    def fifth(ind):
        ind.update(weight=25, public_benefit="-")
        ind["criteria"]["standard"] = ("ร้อยละ 75 ของหน่วยงานในสังกัดยื่นคำขอทางออนไลน์ได้ภายใน "
                                       "30 วัน นับจากวันที่ 1 ตุลาคม 2564 และแนบเอกสารได้")
    edit("indicators/05.yaml", fifth)
    edit("indicators/01.yaml", lambda ind: ind.update(baseline=["-", "12 แห่ง", "18 แห่ง",
                                                                "24 แห่ง", "31 แห่ง"]))


def test_a_second_unit_renders_as_cleanly(variants):
    out = variants / "second" / "out"
    assert all(_dash_sections(sheet) == [] for sheet in (out / "sheets").glob("*.docx"))
    assert "ประโยชน์ที่ประชาชนจะได้รับ" not in paragraphs(out / "sheets" / "indicator-05.docx")
    pages = pdflayout.read(variants / "pdf" / "packet.pdf")
    text = " ".join(ln.text for p in pages for ln in p.body_lines())
    assert "สำนักพัฒนาระบบบริหาร สป." in text and "ตัวชี้วัดที่ 9" not in text
    _check_pages(pages, ["ตัวชี้วัดของหน่วยงาน"] + SECOND_UNIT_GROUPS)


# -- a row taller than a page: cut into rows, each repeating the indicator -----------------

def _lengthen_indicator_7(data: Path) -> str:
    """Make indicator 7's basic criterion four times as long (taller than a page); return it."""
    path = data / "indicators" / "07.yaml"
    values = yaml.safe_load(path.read_text("utf-8"))
    values["criteria"]["basic"] = " ".join([values["criteria"]["basic"]] * 4)
    values["linkage"] = values["linkage"] * 3
    path.write_text(yaml.safe_dump(values, allow_unicode=True, sort_keys=False), "utf-8")
    return values["criteria"]["basic"]


@pytest.fixture(scope="session")
def variants(real_font_conf, tmp_path_factory) -> Path:
    """Return the builds of two variants of the default data, printed in one LibreOffice run:
    the second unit of `_second_unit` (second/out, pdf/packet.pdf) and indicator 7 taller
    than a page (tall/out, tall/criterion.txt, pdf/agreement.pdf)."""
    def make(folder: Path) -> None:
        second, tall = folder / "second" / "data" / "2564", folder / "tall" / "data" / "2564"
        shutil.copytree(DATA, second)
        shutil.copytree(DATA, tall)
        _second_unit(second)
        (folder / "tall" / "criterion.txt").write_text(_lengthen_indicator_7(tall), encoding="utf-8")
        packet = commands.build(second, folder / "second" / "out").out_dir / "packet.docx"
        front = commands.build(tall, folder / "tall" / "out").out_dir / "agreement.docx"
        pdf.print_pdfs([packet, front], folder / "pdf", real_font_conf)

    return once(tmp_path_factory, "layout-variants", make)


def test_a_row_taller_than_a_page_continues_under_its_number_and_title(variants):
    criterion = (variants / "tall" / "criterion.txt").read_text(encoding="utf-8")
    form = Document(variants / "tall" / "out" / "agreement.docx").tables[-1]
    seventh = [[plain(cell.text) for cell in row.cells] for row in form.rows
               if plain(row.cells[0].text).startswith("7. ")]
    assert len(seventh) >= 3
    assert all(cells[0].endswith("\n(ต่อ)") for cells in seventh[1:])
    # -- cut between words, so the pieces give back the criterion, spaces aside --
    assert "".join("".join(cells[5].split()) for cells in seventh) == "".join(criterion.split())
    pages = pdflayout.read(variants / "pdf" / "agreement.pdf")
    form_pages = _form_pages(pages)
    assert pdflayout.split_rows(form_pages, SUMMARY_HEADER_END, ANY_ROW) == []
    continued = [p for p in form_pages if _shown_whole("(ต่อ)", [line.text for line in p.body_lines()])]
    assert len(continued) == len(seventh) - 1
    for page in continued:   # -- under the repeated header, the row opens with its number and title --
        first = min((ln for ln in page.body_lines() if ROW_START.match(ln.text)), key=lambda ln: ln.top)
        assert first.text.startswith("7. ตัวชี้วัด หมวด 1")
    assert pdflayout.thin_pages(pages, row_start=ROW_START) == []


def test_thai_digits_keep_the_summary_header_to_three_lines(thai_agreement):
    form = _form_pages(thai_agreement, "(๕๐ คะแนน)")
    assert form
    for page in form:
        lines = [ln.text for ln in page.body_lines()]
        assert all(_shown_whole(part, lines) for part in ("ผลการ", "ดำเนินงาน", "ปี ๖๓"))
    assert pdflayout.split_rows(form, "ปี ๖๓", ANY_ROW) == []


# -- the overview of two units ------------------------------------------------------------

def test_a_two_unit_overview_keeps_words_and_latin_prefixes_whole(printed, thai_two_unit_batch):
    """In Thai digits, the wider ones: "๑๐ กุมภาพันธ์ ๒๕๖๔" must fit its column."""
    overview = thai_two_unit_batch / "overview.docx"
    pages = pdflayout.read(printed["thai overview"])
    lines = [ln.text for page in pages for ln in page.body_lines()]
    assert sum("(e-Service)" in line for line in lines) == 2   # -- indicator 5 of each unit, whole --
    assert [line for line in lines if re.search(r"\b[A-Za-z]{1,2}-$", line)] == []
    assert pdflayout.lone_brackets(lines) == []
    assert pdflayout.broken_syllables(pages) == []
    source = "\n".join(paragraphs(overview))
    assert pdflayout.broken_words(pages, source) == []
    assert pdflayout.split_rows(pages, "(ร้อยละ)", ANY_ROW) == []
    assert pdflayout.split_numbers(pages) == [] and pdflayout.split_dates(pages) == []
    assert _shown_whole("๑๐ กุมภาพันธ์ ๒๕๖๔", lines) and _shown_whole("ยังไม่ลงนาม", lines)
