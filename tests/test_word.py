"""Every .docx the project writes, and both templates, open in Word with no repair prompt.

LibreOffice and python-docx forgive what Word refuses, so the files are checked with an
OOXML validator (openxml-audit: ECMA-376 schemas plus Word's app-compat rules) and
with direct checks of what combining documents can leave behind.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree
from openxml_audit import OpenXmlValidator

from generator import commands
from tests.docxtext import part_xml, text

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "templates").glob("*.docx"))
CORE = {"cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/"}
# -- the elements ECMA-376 part 2 allows in core.xml, by namespace --
CORE_ALLOWED = {
    CORE["cp"]: {"category", "contentStatus", "keywords", "lastModifiedBy", "lastPrinted",
                 "revision", "version"},
    CORE["dc"]: {"creator", "description", "identifier", "language", "subject", "title"},
    CORE["dcterms"]: {"created", "modified"},
}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ATTRS = ("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id",
           "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")


@pytest.fixture(scope="module")
def validator() -> OpenXmlValidator:
    return OpenXmlValidator(max_errors=0)


def findings(validator: OpenXmlValidator, path: Path) -> list[str]:
    """Return every error and warning the validator reports on `path`, one line each."""
    result = validator.validate(path)
    return [f"{path.name}: {e.severity.value}: {e.description} ({e.part_uri})" for e in result.errors]


def docx_files(folder: Path) -> list[Path]:
    files = sorted(folder.rglob("*.docx"))
    assert files, f"no .docx under {folder}"
    return files


def assert_word_clean(validator, folder: Path) -> None:
    problems = [line for path in docx_files(folder) for line in findings(validator, path)]
    assert problems == []


# -- the validator itself must be able to fail ---------------------------------------------

def rewrite(source: Path, target: Path, part: str, edit) -> Path:
    """Copy the .docx `source` to `target` with `part`'s text changed by `edit`."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for name in src.namelist():
            data = src.read(name)
            out.writestr(name, edit(data.decode("utf-8")).encode("utf-8") if name == part else data)
    return target


@pytest.mark.parametrize("wrong, named", [("<w:p><w:bogus/>", "bogus"),
                                          ('<w:p><w:pPr><w:jc w:val="sideways"/></w:pPr>', "sideways")])
def test_validator_names_a_wrong_element_in_the_body(validator, built, tmp_path, wrong, named):
    broken = rewrite(built / "agreement.docx", tmp_path / "bad.docx", "word/document.xml",
                     lambda xml: xml.replace("<w:p>", wrong, 1))
    assert any(named in line for line in findings(validator, broken))
    assert findings(validator, built / "agreement.docx") == []


def test_validator_names_a_duplicated_core_property(validator, built, tmp_path):
    custom = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
    broken = rewrite(built / "agreement.docx", tmp_path / "bad.docx", "docProps/core.xml",
                     lambda xml: xml.replace("</cp:coreProperties>",
                                             f'<cp:revision xmlns:cp="{custom}">1</cp:revision>'
                                             "</cp:coreProperties>"))
    assert any("revision" in line for line in findings(validator, broken))


# -- every file the project writes ----------------------------------------------------------

@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_templates_pass_the_validator(validator, template):
    assert findings(validator, template) == []


def test_templates_remade_by_the_script_pass_the_validator(validator, tmp_path):
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_templates.py"), str(tmp_path)],
                   check=True, capture_output=True)
    assert_word_clean(validator, tmp_path)


def test_default_build_passes_the_validator(validator, built):
    assert_word_clean(validator, built)


def test_thai_digit_build_passes_the_validator(validator, thai_built):
    assert_word_clean(validator, thai_built)


def test_rolled_over_year_passes_the_validator(validator, data_copy, tmp_path):
    rolled = commands.make_rollover(data_copy, 2565).target
    commands.build(rolled, tmp_path / "out")
    assert_word_clean(validator, tmp_path / "out")


def test_second_unit_passes_the_validator(validator, other_unit, tmp_path):
    built = commands.build(other_unit, tmp_path / "out")
    assert "สำนักนโยบายและยุทธศาสตร์" in text(tmp_path / "out" / "packet.docx")
    assert len(built.agreement.indicators) == 6
    assert_word_clean(validator, tmp_path / "out")


# -- core properties ------------------------------------------------------------------------

def test_core_properties_hold_each_property_once_in_its_namespace(built):
    for path in docx_files(built) + TEMPLATES:
        root = part_xml(path, "docProps/core.xml")
        names = [(etree.QName(el).namespace, etree.QName(el).localname) for el in root]
        assert [n for n, count in Counter(names).items() if count > 1] == [], path.name
        assert all(local in CORE_ALLOWED.get(ns, ()) for ns, local in names), (path.name, names)


def test_core_properties_come_from_the_data(built):
    root = part_xml(built / "packet.docx", "docProps/core.xml")
    values = {etree.QName(el).localname: el.text for el in root}
    assert values["title"] == "คำรับรองการปฏิบัติราชการ ปีงบประมาณ พ.ศ. 2564 สำนักความสัมพันธ์ต่างประเทศ สป."
    assert values["creator"] == values["lastModifiedBy"] == "สำนักความสัมพันธ์ต่างประเทศ"
    assert values["created"] == values["modified"] == "2021-02-10T00:00:00Z"


# -- python-docx's leftovers and what docxcompose can leave behind --------------------------

@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_templates_carry_no_python_docx_leftovers(template):
    with zipfile.ZipFile(template) as z:
        names = z.namelist()
        props = z.read("docProps/core.xml") + z.read("docProps/app.xml")
        styles = z.read("word/styles.xml")
    assert not [n for n in names if "stylesWithEffects" in n or "thumbnail" in n
                or n.startswith("customXml/")]
    assert b"python-docx" not in props and b"Macintosh" not in props
    assert len(styles) < 40_000   # python-docx's default styles.xml is 340 KB
    assert etree.fromstring(styles).find(f"{W}latentStyles") is not None


def style_ids(path: Path) -> list[str]:
    return [s.get(f"{W}styleId") for s in part_xml(path, "word/styles.xml").iter(f"{W}style")]


def test_packet_styles_are_not_duplicated_or_renamed(built):
    ids = style_ids(built / "packet.docx")
    names = [s.find(f"{W}name").get(f"{W}val")
             for s in part_xml(built / "packet.docx", "word/styles.xml").iter(f"{W}style")]
    assert [i for i, count in Counter(ids).items() if count > 1] == []
    assert [n for n, count in Counter(names).items() if count > 1] == []
    # -- a renamed copy (Normal1 beside Normal) would be an ID that no template of the packet has --
    packet_templates = [t for t in TEMPLATES if t.name in ("agreement.docx", "indicator_sheet.docx")]
    assert set(ids) == {i for template in packet_templates for i in style_ids(template)}


def test_packet_numbering_does_not_multiply_per_sheet(built):
    def count(path):
        root = part_xml(path, "word/numbering.xml")
        return len(root.findall(f"{W}abstractNum")), len(root.findall(f"{W}num"))
    assert count(built / "packet.docx") == count(ROOT / "templates" / "indicator_sheet.docx")


@pytest.mark.parametrize("name", ["packet.docx", "agreement.docx", "sheets/indicator-01.docx"])
def test_relationships_and_content_types_match_the_parts(built, name):
    with zipfile.ZipFile(built / name) as z:
        parts = set(z.namelist())
        types = etree.fromstring(z.read("[Content_Types].xml"))
        overrides = {el.get("PartName").lstrip("/") for el in types if el.get("PartName")}
        defaults = {el.get("Extension") for el in types if el.get("Extension")}
        assert overrides <= parts
        assert all(p in overrides or p.rsplit(".", 1)[-1] in defaults for p in parts)
        for rels in (p for p in parts if p.endswith(".rels")):
            owner = rels.replace("_rels/", "").removesuffix(".rels")
            folder = owner.rsplit("/", 1)[0] + "/" if "/" in owner else ""
            targets = {el.get("Id"): el.get("Target") for el in etree.fromstring(z.read(rels))
                       if el.get("TargetMode") != "External"}
            assert all(_resolve(folder, t) in parts for t in targets.values()), (rels, targets)
            if owner in parts:
                used = {v for el in etree.fromstring(z.read(owner)).iter()
                        for k, v in el.attrib.items() if k in R_ATTRS}
                assert used <= set(targets), (owner, used - set(targets))


def _resolve(folder: str, target: str) -> str:
    parts = []
    for piece in (target.lstrip("/") if target.startswith("/") else folder + target).split("/"):
        if piece == "..":
            parts.pop()
        elif piece:
            parts.append(piece)
    return "/".join(parts)


def test_builds_stay_byte_identical(tmp_path):
    for name in ("a", "b"):
        commands.build(ROOT / "data" / "2564", tmp_path / name)
    first = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in docx_files(tmp_path / "a")}
    second = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in docx_files(tmp_path / "b")}
    assert first == second
