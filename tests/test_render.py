"""Rendering is strict and safe: escaping, undefined fields, sandbox, Thai digits."""

from __future__ import annotations

import re

import pytest
from docx import Document

from generator import commands
from generator.documents.render import render
from generator.errors import TemplateError
from tests.docxtext import paragraphs, text


def make_template(path, *lines):
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    doc.save(path)
    return path


def test_ampersand_and_angle_brackets_print_literally(tmp_path):
    template = make_template(tmp_path / "t.docx", "A {{ a }} B")
    out = tmp_path / "out.docx"
    out.write_bytes(render(template, {"a": "R&D <ฝ่าย> \"คำ\""}))
    assert "A R&D <ฝ่าย> \"คำ\" B" in paragraphs(out)


def test_data_that_looks_like_a_template_prints_as_written(tmp_path):
    template = make_template(tmp_path / "t.docx", "{{ a }}")
    out = tmp_path / "out.docx"
    out.write_bytes(render(template, {"a": "{{ 7*7 }}"}))
    assert "{{ 7*7 }}" in paragraphs(out)


def test_missing_field_is_an_error_naming_template_and_field(tmp_path):
    template = make_template(tmp_path / "t.docx", "{{ unit.phone }}")
    with pytest.raises(TemplateError) as info:
        render(template, {"unit": {"name": "x"}})
    assert "t.docx" in str(info.value) and "phone" in str(info.value)


def test_sandbox_blocks_python_internals(tmp_path):
    template = make_template(tmp_path / "t.docx", "{{ ''.__class__.__mro__ }}")
    with pytest.raises(TemplateError) as info:
        render(template, {})
    assert "t.docx" in str(info.value)


def test_signing_date_blank_prints_dotted_lines(data_copy, tmp_path):
    agreement = data_copy / "agreement.yaml"
    agreement.write_text(re.sub(r"(?m)^signing_date:.*$", "signing_date:",
                                agreement.read_text(encoding="utf-8")), encoding="utf-8")
    commands.build(data_copy, tmp_path / "out")
    front = text(tmp_path / "out" / "agreement.docx")
    assert "วันที่ 10 เดือน กุมภาพันธ์" not in front
    assert front.count("วันที่ ............ เดือน ............................ พ.ศ. ............") == 2


@pytest.mark.parametrize("written", ["2021-02-10", "2564-02-10", "10 กุมภาพันธ์ 2564",
                                     "10 ก.พ. 2564", "10 ก.พ. 64"])
def test_every_date_form_prints_the_same_signature_line(data_copy, tmp_path, written):
    agreement = data_copy / "agreement.yaml"
    agreement.write_text(re.sub(r"(?m)^signing_date:.*$", f'signing_date: "{written}"',
                                agreement.read_text(encoding="utf-8")), encoding="utf-8")
    commands.build(data_copy, tmp_path / "out")
    assert text(tmp_path / "out" / "agreement.docx").count(
        "วันที่ 10 เดือน กุมภาพันธ์ พ.ศ. 2564") == 2


def test_thai_digits_replace_every_arabic_digit_outside_latin_names(tmp_path):
    result = commands.build(commands.PROJECT_ROOT / "data" / "2564", tmp_path / "out", digits="thai")
    for path in [p for p in result.written if p.suffix == ".docx"]:
        body = re.sub(r"[A-Za-z][A-Za-z -]*[0-9.]*", "", text(path))   # PMQA 4.0, COVID-19
        assert not re.search(r"[0-9]", body), (path.name, re.findall(r".{10}[0-9].{10}", body)[:3])
    front = text(tmp_path / "out" / "agreement.docx")
    assert "วันที่ ๑๐ เดือน กุมภาพันธ์ พ.ศ. ๒๕๖๔" in front
    assert "๑ ตุลาคม ๒๕๖๓" in front and "ร้อยละ ๖๐" in front
    assert "๐๒ ๖๒๘ ๕๖๔๖ ต่อ ๑๑๖" in text(tmp_path / "out" / "sheets" / "indicator-01.docx")


def test_tag_split_across_runs_is_caught(tmp_path):
    doc = Document()
    paragraph = doc.add_paragraph("ชื่อ ")
    paragraph.add_run("{{ unit.")
    paragraph.add_run("name }}")
    doc.save(tmp_path / "t.docx")
    with pytest.raises(TemplateError) as info:
        render(tmp_path / "t.docx", {"unit": {"name": "x"}})
    assert "{{ unit.name }}" in str(info.value) and "t.docx" in str(info.value)


def test_project_templates_have_no_split_tags(tmp_path):
    from docxtpl import DocxTemplate

    from generator.documents.render import check_split_tags
    for name in ("agreement.docx", "indicator_sheet.docx"):
        check_split_tags(DocxTemplate(commands.PROJECT_ROOT / "templates" / name).get_docx(), name)


def test_compiled_template_code_is_kept_between_runs_and_a_damaged_entry_compiled_again(tmp_path, monkeypatch):
    from jinja2 import StrictUndefined

    from generator.documents import environment

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("AGREEMENT_NO_CACHE", raising=False)
    environment._bytecode_cache.cache_clear()
    source = "<w:t>{{ a }} ตัวชี้วัด</w:t>"

    def run() -> tuple[str, int]:   # -- a new process: a new environment, nothing compiled yet --
        env = environment._Environment(undefined=StrictUndefined, autoescape=True)
        compiled = []
        monkeypatch.setattr(env, "compile", lambda *a, **k: compiled.append(1) or type(env).compile(env, *a, **k))
        return env.from_string(source).render(a="R&D <ฝ่าย>"), len(compiled)

    assert run() == ("<w:t>R&amp;D &lt;ฝ่าย&gt; ตัวชี้วัด</w:t>", 1)
    assert run() == ("<w:t>R&amp;D &lt;ฝ่าย&gt; ตัวชี้วัด</w:t>", 0)
    [kept] = (tmp_path / "thai-performance-agreement" / "templates").iterdir()
    kept.write_bytes(kept.read_bytes()[:40] + b"\0" * 40)
    assert run() == ("<w:t>R&amp;D &lt;ฝ่าย&gt; ตัวชี้วัด</w:t>", 1)
    environment._bytecode_cache.cache_clear()
