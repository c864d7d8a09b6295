"""Carry an edit made in Word back into the data: each difference named with its YAML file,
line and field; written with its comments kept; reproduced by the next build."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from generator import commands
from generator.cli import cli
from generator.errors import DataError, GeneratorError
from tests.conftest import need_libreoffice
from tests.docxtext import text
from tests.wordedit import append_paragraph, libreoffice_save, replace_text

SENTENCE = "ปัจจุบันมีสถานศึกษาเข้าร่วมโครงการฯ จำนวน 128 แห่ง"
ADDED = " ทั้งนี้ให้รายงานผลการขยายผลทุกไตรมาส"
CRITERION = "สถานศึกษาเสนอแผนงานโครงการ/กิจกรรมเพื่อขยายผลในสถานศึกษา ร้อยละ 100"


@pytest.fixture
def out(built, tmp_path) -> Path:
    """Return a copy of the default build: what building `data_copy` writes, byte for byte."""
    folder = tmp_path / "out"
    shutil.copytree(built, folder)
    return folder


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def edit_sheet_one(sheet: Path) -> None:
    replace_text(sheet, SENTENCE, SENTENCE + ADDED)
    replace_text(sheet, CRITERION, CRITERION.replace("100", "90"))


def test_a_description_sentence_and_a_criteria_cell_go_back_into_the_yaml(runner, data_copy, out):
    sheet = out / "sheets" / "indicator-01.docx"
    edit_sheet_one(sheet)
    yaml_file = data_copy / "indicators" / "01.yaml"
    before = yaml_file.read_text(encoding="utf-8")
    listed = runner.invoke(cli, ["absorb", str(sheet), str(data_copy)])
    assert listed.exit_code == 0, listed.output
    assert listed.output.splitlines() == [
        f"{sheet} (แผ่นตัวชี้วัดที่ 1) เทียบกับข้อมูลใน {data_copy}: ต่างกัน 2 แห่ง",
        f"1. {yaml_file} บรรทัด 16 ช่อง description[1]",
        "   เดิม: …ปัจจุบันมีสถานศึกษาเข้าร่วมโครงการฯ จำนวน 128 แห่ง",
        "   ใหม่: …ปัจจุบันมีสถานศึกษาเข้าร่วมโครงการฯ จำนวน 128 แห่ง" + ADDED,
        f"2. {yaml_file} บรรทัด 29 ช่อง criteria.standard (ตาราง 4 แถว 2 ช่อง 2)",
        f"   เดิม: {CRITERION}",
        f"   ใหม่: {CRITERION.replace('100', '90')}",
        f"นำกลับได้ 2 แห่ง: สั่ง agreement absorb {sheet} {data_copy} --write เพื่อเขียนลง YAML แล้ว agreement build"]
    assert yaml_file.read_text(encoding="utf-8") == before   # listing writes nothing

    written = runner.invoke(cli, ["absorb", str(sheet), str(data_copy), "--write"])
    assert written.exit_code == 0, written.output
    after = yaml_file.read_text(encoding="utf-8")
    assert after.count("\n") == before.count("\n") and after.startswith(before[:before.index("number:")])
    assert SENTENCE + ADDED in after and "  standard: >-\n    " + CRITERION.replace("100", "90") in after
    assert not list(data_copy.rglob(".*agreement-*"))   # landed through the journal, nothing left over
    assert written.output.splitlines()[-1] == f"{sheet} นับว่านำกลับเข้าข้อมูลแล้ว: ไม่ถูกเตือนว่าค้างอีก"

    built = commands.build(data_copy, out)
    assert SENTENCE + ADDED in text(out / "sheets" / "indicator-01.docx")
    assert CRITERION.replace("100", "90") in text(out / "sheets" / "indicator-01.docx")
    assert [(e.of, e.absorbed) for e in built.hand_edits] == [("sheets/indicator-01.docx", True)]
    assert built.pending == [] and commands.absorb(out / built.hand_edits[0].name, data_copy).differences == []


def test_the_yaml_keeps_its_comments_and_changes_only_the_edited_lines(data_copy, out):
    edit_sheet_one(out / "sheets" / "indicator-01.docx")
    yaml_file = data_copy / "indicators" / "01.yaml"
    before = yaml_file.read_text(encoding="utf-8")
    commands.absorb(out / "sheets" / "indicator-01.docx", data_copy, write=True)
    after = yaml_file.read_text(encoding="utf-8")
    removed = [line for line in changed_lines(before, after) if line.startswith("-")]
    added = [line for line in changed_lines(before, after) if line.startswith("+")]
    assert [line.strip("- ") for line in removed] == [
        next(line for line in before.splitlines() if SENTENCE in line).strip(), CRITERION]
    assert [line.strip("+ ") for line in added] == [
        next(line for line in before.splitlines() if SENTENCE in line).strip() + ADDED,
        CRITERION.replace("100", "90")]
    assert [line for line in after.splitlines() if line.startswith("#")] == \
        [line for line in before.splitlines() if line.startswith("#")]


def test_an_edit_through_libreoffice_is_carried_back_too(data_copy, out, tmp_path):
    need_libreoffice()
    sheet = out / "sheets" / "indicator-01.docx"
    edit_sheet_one(sheet)
    libreoffice_save(sheet, tmp_path / "lo")
    result = commands.absorb(sheet, data_copy, write=True)
    assert [(d.origin.file, d.origin.path, d.line) for d in result.differences] == [
        ("indicators/01.yaml", ("description", 0), 16), ("indicators/01.yaml", ("criteria", "standard"), 29)]
    assert result.written == ["indicators/01.yaml"]
    commands.build(data_copy, out)
    sheet_text = text(out / "sheets" / "indicator-01.docx")
    assert SENTENCE + ADDED in sheet_text and CRITERION.replace("100", "90") in sheet_text


def test_a_libreoffice_save_alone_differs_in_nothing(data_copy, out, saved_by_libreoffice):
    shutil.copy(saved_by_libreoffice["packet.docx"], out / "packet.docx")
    assert commands.absorb(out / "packet.docx", data_copy).differences == []


def test_what_cannot_be_carried_is_listed_and_nothing_is_written(runner, data_copy, out):
    sheet = out / "sheets" / "indicator-02.docx"
    replace_text(sheet, "เป้าหมายขั้นต้น (50)", "เป้าหมายเบื้องต้น (50)")            # template text
    replace_text(sheet, "ประจำปีงบประมาณ พ.ศ. 2564", "ประจำปีงบประมาณ พ.ศ. 2565")    # a derived year
    append_paragraph(sheet, "คำอธิบาย", "ย่อหน้าที่เพิ่มเอง")                          # a new paragraph
    before = {p: p.read_bytes() for p in data_copy.rglob("*") if p.is_file()}
    result = runner.invoke(cli, ["absorb", str(sheet), str(data_copy), "--write"])
    assert result.exit_code == 0, result.output
    assert {p: p.read_bytes() for p in data_copy.rglob("*") if p.is_file()} == before
    lines = result.output.splitlines()
    assert "1. นำกลับไม่ได้: ปีคำนวณจาก fiscal_year ใน agreement.yaml (ปีใหม่: agreement rollover)" in lines
    assert "2. นำกลับไม่ได้: ย่อหน้าใหม่ ไม่มีช่องในข้อมูลรองรับ: เพิ่มใน YAML เอง" in lines
    assert "   ต่อจาก: คำอธิบาย" in lines and "   ใหม่: ย่อหน้าที่เพิ่มเอง" in lines
    assert ("3. นำกลับไม่ได้ (ตาราง 4 แถว 1 ช่อง 1): ข้อความนี้มาจากแม่แบบ indicator_sheet.docx ไม่ใช่ข้อมูล: "
            "แก้ในแม่แบบด้วย Word") in lines
    assert lines[-2] == f"นำกลับไม่ได้ 3 แห่ง: แก้ตามที่บอกไว้ข้างบน ไฟล์ {sheet} ยังอยู่ให้ดู"


def test_a_changed_table_shape_is_listed(data_copy, out):
    from docx import Document

    sheet = out / "sheets" / "indicator-02.docx"
    doc = Document(sheet)
    doc.tables[1].add_row()
    doc.save(sheet)
    [difference] = commands.absorb(sheet, data_copy).differences
    assert (difference.why, difference.change.where, difference.change.old, difference.change.new) == \
        ("table", ("table", 1), "2×6", "3×6")


def test_an_edit_in_the_packet_goes_to_the_indicator_it_shows(data_copy, out):
    replace_text(out / "packet.docx", SENTENCE, SENTENCE + ADDED)
    [difference] = commands.absorb(out / "packet.docx", data_copy).differences
    assert (difference.change.part, difference.origin.file, difference.origin.path) == \
        ("sheets/indicator-01.docx", "indicators/01.yaml", ("description", 0))


def test_one_field_edited_two_ways_is_a_conflict(data_copy, out):
    packet = out / "packet.docx"
    replace_text(packet, CRITERION, CRITERION.replace("100", "90"))            # the summary form
    replace_text(packet, CRITERION, CRITERION.replace("100", "95"))            # the sheet
    differences = commands.absorb(packet, data_copy, write=True).differences
    assert [(d.change.part, d.why) for d in differences] == [("agreement.docx", "conflict"),
                                                              ("sheets/indicator-01.docx", "conflict")]
    assert CRITERION in (data_copy / "indicators" / "01.yaml").read_text(encoding="utf-8")


def test_data_changed_after_the_build_is_not_undone(data_copy, out):
    other = data_copy / "indicators" / "02.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("ร้อยละ 80", "ร้อยละ 85", 1), encoding="utf-8")
    replace_text(out / "packet.docx", SENTENCE, SENTENCE + ADDED)
    result = commands.absorb(out / "packet.docx", data_copy, write=True)
    whys = {(d.change.part, d.why) for d in result.differences}
    assert ("sheets/indicator-02.docx", "data_newer") in whys and ("sheets/indicator-01.docx", "") in whys
    assert "ร้อยละ 85" in other.read_text(encoding="utf-8")
    assert SENTENCE + ADDED in (data_copy / "indicators" / "01.yaml").read_text(encoding="utf-8")


def test_thai_digits_are_read_back_as_the_data_writes_them(data_copy, tmp_path):
    out = tmp_path / "thai"
    commands.build(data_copy, out, digits="thai")
    sheet = out / "sheets" / "indicator-01.docx"
    replace_text(sheet, "ร้อยละ ๑๐๐", "ร้อยละ ๙๐")
    [difference] = commands.absorb(sheet, data_copy, write=True).differences
    assert (difference.change.old[-10:], difference.value[-9:]) == ("ร้อยละ ๑๐๐", "ร้อยละ 90")
    assert CRITERION.replace("100", "90") in (data_copy / "indicators" / "01.yaml").read_text(encoding="utf-8")
    commands.build(data_copy, out, digits="thai")
    assert "ร้อยละ ๙๐" in text(sheet)


def test_a_weight_that_breaks_the_total_is_refused_with_the_clerks_files(data_copy, out):
    replace_text(out / "sheets" / "indicator-01.docx", "15", "20")
    before = (data_copy / "indicators" / "01.yaml").read_bytes()
    with pytest.raises(DataError) as caught:
        commands.absorb(out / "sheets" / "indicator-01.docx", data_copy, write=True)
    assert all(str(p.file).startswith(str(data_copy)) for p in caught.value.problems)
    assert "น้ำหนักรวมของทุกตัวชี้วัดเป็น 105" in str(caught.value)
    assert (data_copy / "indicators" / "01.yaml").read_bytes() == before


def test_spaces_and_invisible_marks_are_not_edits(data_copy, out):
    from docx import Document
    from docx.oxml.ns import qn

    sheet = out / "sheets" / "indicator-04.docx"
    doc = Document(sheet)
    for t in doc.element.body.iter(qn("w:t")):
        t.text = (t.text or "").replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    doc.save(sheet)
    assert commands.absorb(sheet, data_copy).differences == []


def test_a_file_outside_the_output_folder_is_known_by_its_name(data_copy, out, tmp_path):
    copy = tmp_path / "indicator-01 ฉบับแก้.docx"
    copy.write_bytes((out / "sheets" / "indicator-01.docx").read_bytes())
    replace_text(copy, CRITERION, CRITERION.replace("100", "90"))
    result = commands.absorb(copy, data_copy)
    assert (result.source.of, result.source.out_dir, len(result.differences)) == \
        ("sheets/indicator-01.docx", None, 1)
    odd = tmp_path / "ฉบับแก้.docx"
    odd.write_bytes(copy.read_bytes())
    with pytest.raises(GeneratorError, match="บอกไม่ได้ว่า"):
        commands.absorb(odd, data_copy)


def test_english_listing(runner, data_copy, out):
    sheet = out / "sheets" / "indicator-01.docx"
    replace_text(sheet, CRITERION, CRITERION.replace("100", "90"))
    result = runner.invoke(cli, ["absorb", str(sheet), str(data_copy), "--lang", "en"])
    assert result.output.splitlines()[:2] == [
        f"{sheet} (indicator sheet 1) against the data in {data_copy}: 1 difference",
        f"1. {data_copy / 'indicators' / '01.yaml'} line 29 field criteria.standard (table 4 row 2 cell 2)"]


def test_every_value_a_template_prints_comes_from_its_field(other_unit):
    from generator.data import schema
    from generator.data.loader import load
    from generator.data.model import load_agreement
    from generator.documents import origins, packet
    from tests.conftest import DATA

    for data_dir in (DATA, other_unit):
        agreement = load_agreement(data_dir)
        files = {}
        for part in packet.parts(agreement):
            ind = next((i for i in agreement.indicators if i.number == part.number), None)
            for path, value in _leaves(part.context):
                origin = origins.origin(agreement, path, ind)
                assert origin.rule != origins.UNKNOWN, (part.name, path)
                if not origin.writable:
                    continue
                if origin.file not in files:
                    kind = schema.FILES.get(origin.file, schema.FILES["indicators/*.yaml"])
                    files[origin.file] = load(data_dir / origin.file, origin.file, kind).data
                held = files[origin.file]
                for key in origin.path:
                    held = held[key]
                assert held == value, (part.name, path, origin)


def _leaves(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, path + (key,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _leaves(item, path + (i,))
    elif value is not None and value != "":
        yield path, value


def test_formatting_alone_is_said_to_stay_in_word(runner, data_copy, out):
    from docx import Document

    sheet = out / "sheets" / "indicator-03.docx"
    doc = Document(sheet)
    next(p for p in doc.paragraphs if p.runs).runs[0].bold = True
    doc.save(sheet)
    result = runner.invoke(cli, ["absorb", str(sheet), str(data_copy)])
    assert result.output == (f"{sheet} (แผ่นตัวชี้วัดที่ 3) ไม่มีข้อความที่ต่างจากข้อมูลใน {data_copy} "
                             "(การแก้รูปแบบ เช่น ตัวหนา ขนาดหรือสีตัวอักษร นำกลับเข้าข้อมูลไม่ได้)\n")


def test_tracked_changes_read_as_accepted(data_copy, out):
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    sheet = out / "sheets" / "indicator-01.docx"
    replace_text(sheet, CRITERION, CRITERION)   # one run holds the criterion
    doc = Document(sheet)
    run = next(t for t in doc.element.body.iter(qn("w:t")) if t.text == CRITERION).getparent()
    run.find(qn("w:t")).text = CRITERION[:-3]
    run.addnext(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="ก"><w:r><w:t>90</w:t></w:r></w:ins>'))
    run.addnext(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="ก"><w:r><w:delText>100</w:delText></w:r>'
                          '</w:del>'))
    doc.save(sheet)
    [difference] = commands.absorb(sheet, data_copy).differences
    assert (difference.origin.path, difference.value) == (("criteria", "standard"), CRITERION.replace("100", "90"))


def test_a_thai_date_and_a_phone_are_derived_and_say_where_to_change_them(data_copy, out):
    replace_text(out / "agreement.docx", "1 ตุลาคม 2563", "2 ตุลาคม 2563")
    replace_text(out / "sheets" / "indicator-01.docx", "ต่อ 116", "ต่อ 117")
    date = commands.absorb(out / "agreement.docx", data_copy).differences
    phone = commands.absorb(out / "sheets" / "indicator-01.docx", data_copy).differences
    assert [(d.why, d.change.old, d.change.new) for d in date + phone] == [
        ("rule:date", "1 ตุลาคม 2563", "2 ตุลาคม 2563"),
        ("rule:phone", "02 628 5646 ต่อ 116", "02 628 5646 ต่อ 117")]
    assert commands.absorb_reason(phone[0]) == "เบอร์โทรรวมจาก phone และ ext ใน staff.yaml: แก้ด้วย agreement staff set"
