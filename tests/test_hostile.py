"""Hostile or broken input: every case ends with exit 1, a message naming the file (and
line where there is one), no traceback, and no file changed anywhere in the workspace
(the data folder, the words list and a previous good output are snapshotted).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from generator import commands
from generator.cli import cli
from generator.data import proofread
from generator.documents import linebreak
from generator.store import archive
from generator.store.output import ARCHIVE_MARKER
from generator.text import thai
from tests.conftest import cpu_seconds
from tests.units import make_other_unit

DATA = commands.PROJECT_ROOT / "data" / "2564"
TEMPLATES = commands.PROJECT_ROOT / "templates"


@pytest.fixture
def ws(tmp_path: Path, built: Path) -> Path:
    """Return a workspace: data/2564 (with its words.txt) and output/2564 from a good build."""
    shutil.copytree(DATA, tmp_path / "data" / "2564")
    shutil.copytree(built, tmp_path / "output" / "2564")
    return tmp_path


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): (p.is_dir() or hashlib.sha256(p.read_bytes()).hexdigest(),
                                               p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))}


def edit(ws: Path, rel: str, old: str, new: str) -> None:
    path = ws / "data" / "2564" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write(ws: Path, rel: str, data: bytes | str) -> None:
    path = ws / rel
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def blank_title(ws: Path) -> None:
    path = ws / "data" / "2564" / "indicators" / "01.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^title: >-\n(?:  .*\n)+", 'title: "   "\n', text, flags=re.M), encoding="utf-8")


def alias_bomb() -> str:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines + ["staff: *i"]) + "\n"


def template_copy(ws: Path, change) -> Path:
    """Return a copy of the templates folder whose agreement.docx `change` rewrote."""
    folder = ws / "templates"
    shutil.copytree(TEMPLATES, folder)
    change(folder / "agreement.docx")
    return folder


def divide_by_zero(docx: Path) -> None:
    with zipfile.ZipFile(docx) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    parts["word/document.xml"] = xml.replace("{{ fiscal_year }}", "{{ 1/0 }}", 1).encode("utf-8")
    with zipfile.ZipFile(docx, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


def build(ws: Path, *extra: str) -> list[str]:
    return ["build", str(ws / "data" / "2564"), "-o", str(ws / "output" / "2564"), *extra]


D = "data/2564/"
# case: (prepare the workspace, command line, fragments the message must hold)
CASES = {
    "alias_bomb": (lambda ws: write(ws, D + "staff.yaml", alias_bomb()), build,
                   ["staff.yaml:1:", "ข้อมูลขยายเกิน 50000 ค่า"]),
    "alias_loop": (lambda ws: write(ws, D + "staff.yaml", "staff: &x\n  a: *x\n"), build,
                   ["staff.yaml:1:8:", "alias (*) อ้างถึงตัวเอง"]),
    "nested_brackets": (lambda ws: write(ws, D + "linkage.yaml", "plans: " + "[" * 600 + "]" * 600 + "\n"),
                        build, ["linkage.yaml:1:", "ซ้อนกันลึกเกิน 40 ชั้น"]),
    "raw_del": (lambda ws: edit(ws, "staff.yaml", "name: นางสาว", "name: นาง\x7fสาว"), build,
                ["staff.yaml:9:", "U+007F"]),
    "raw_c1": (lambda ws: edit(ws, "indicators/03.yaml", "title: ", "title: \x90"), build,
               ["indicators/03.yaml:", "U+0090"]),
    "lone_surrogate": (lambda ws: edit(ws, "staff.yaml", 'ext: "116"', 'ext: "\\ud800"'), build,
                       ["staff.yaml:11:13:", "รหัสอักขระ \\ud800 ไม่ใช่อักขระที่พิมพ์ได้"]),
    "words_tis620": (lambda ws: write(ws, "data/words.txt", "สวัสดี\n".encode("cp874")), build,
                     ["../words.txt:1:", "TIS-620"]),
    "blank_title": (lambda ws: blank_title(ws), build,
                    ["indicators/01.yaml:", "ขาดช่อง title"]),
    "code_with_newline": (lambda ws: edit(ws, "agreement.yaml", "code: bic", 'code: "bic\\n"'), build,
                          ["agreement.yaml:", "unit.code", "บรรทัดเดียว"]),
    "name_with_newline": (lambda ws: edit(ws, "staff.yaml", "name: นางสาวสุปราณี ค่ายวง",
                                          'name: "นางสาวสุปราณี\\nค่ายวง"'), build,
                          ["staff.yaml:9:", "บรรทัดเดียว", "ที่พบ: นางสาวสุปราณี\\nค่ายวง"]),
    "manifest_list": (lambda ws: write(ws, "output/2564/manifest.json", "[]"), build,
                      ["manifest.json อ่านไม่ได้หรือรูปแบบไม่ถูกต้อง"]),
    "manifest_entry_not_a_mapping": (lambda ws: write(ws, "output/2564/manifest.json", '{"files": {"a": 1}}'),
                                     build, ["manifest.json อ่านไม่ได้หรือรูปแบบไม่ถูกต้อง"]),
    "manifest_escaping_name": (lambda ws: write(ws, "output/2564/manifest.json",
                                                '{"files": {"../../x": {"sha256": "0"}}}'),
                               build, ["manifest.json อ่านไม่ได้หรือรูปแบบไม่ถูกต้อง"]),
    "template_divides_by_zero": (lambda ws: template_copy(ws, divide_by_zero),
                                 lambda ws: build(ws, "--templates", str(ws / "templates")),
                                 ["แม่แบบ agreement.docx ผิดพลาด: ZeroDivisionError"]),
    "template_corrupt": (lambda ws: template_copy(ws, lambda p: p.write_bytes(b"not a zip")),
                         lambda ws: build(ws, "--templates", str(ws / "templates")),
                         ["แม่แบบ agreement.docx ผิดพลาด: ไม่ใช่ไฟล์ Word"]),
    "template_missing": (lambda ws: template_copy(ws, lambda p: p.unlink()),
                         lambda ws: build(ws, "--templates", str(ws / "templates")),
                         ["ไม่พบแม่แบบ", "agreement.docx"]),
    "out_is_root": (lambda ws: None, lambda ws: build(ws)[:2] + ["-o", "/"],
                    ["/ เป็นหรืออยู่ร่วมกับโฟลเดอร์ข้อมูล"]),
    "out_is_data_folder": (lambda ws: None, lambda ws: build(ws)[:2] + ["-o", str(ws / "data" / "2564")],
                           ["เป็นหรืออยู่ร่วมกับโฟลเดอร์ข้อมูล"]),
    "out_holds_data_folder": (lambda ws: None, lambda ws: build(ws)[:2] + ["-o", str(ws / "data")],
                              ["เป็นหรืออยู่ร่วมกับโฟลเดอร์ข้อมูล"]),
    "out_holds_clerk_file": (lambda ws: write(ws, "output/2564/บันทึก.docx", b"mine"), build,
                             ["มีสิ่งที่เครื่องมือนี้ไม่ได้สร้าง: บันทึก.docx"]),
    "out_is_project_clone": (lambda ws: None, lambda ws: build(ws)[:2] + ["-o", str(ws)],
                             ["เป็นหรืออยู่ร่วมกับโฟลเดอร์ข้อมูล"]),
    "out_is_a_home_folder": (lambda ws: write(ws, "output/notes.txt", "ของฉัน"),
                             lambda ws: build(ws)[:2] + ["-o", str(ws / "output")],
                             ["มีสิ่งที่เครื่องมือนี้ไม่ได้สร้าง: 2564/, notes.txt"]),
    "out_is_parent_of_archive": (lambda ws: (ws / "output" / "archive" / "2564").mkdir(parents=True),
                                 lambda ws: build(ws)[:2] + ["-o", str(ws / "output")],
                                 ["มีสิ่งที่เครื่องมือนี้ไม่ได้สร้าง: 2564/, archive/"]),
    "out_inside_archive": (lambda ws: write(ws, "output/" + ARCHIVE_MARKER, b""),
                           lambda ws: build(ws)[:2] + ["-o", str(ws / "output" / "new")],
                           ["อยู่ในที่เก็บถาวร"]),
    "staff_set_empty_register": (lambda ws: write(ws, D + "staff.yaml", ""),
                                 lambda ws: ["staff", "set", "จิรัฏฐ์", str(ws / D), "--ext", "109"],
                                 ["staff.yaml: ข้อผิดพลาด: ไฟล์ว่างเปล่า"]),
    "staff_set_list_register": (lambda ws: write(ws, D + "staff.yaml", "- a\n- b\n"),
                                lambda ws: ["staff", "set", "จิรัฏฐ์", str(ws / D), "--ext", "109"],
                                ["staff.yaml:1:1:", "ชนิดข้อมูลไม่ถูกต้อง"]),
    "staff_set_broken_register": (lambda ws: write(ws, D + "staff.yaml", "staff:\n  a: [\n"),
                                  lambda ws: ["staff", "set", "จิรัฏฐ์", str(ws / D), "--ext", "109"],
                                  ["staff.yaml:3:1:", "รูปแบบ YAML ไม่ถูกต้อง"]),
    "staff_set_tis620_register": (lambda ws: write(ws, D + "staff.yaml",
                                                   "staff:\n  สุ:\n    name: นาย\n".encode("cp874")),
                                  lambda ws: ["staff", "set", "จิรัฏฐ์", str(ws / D), "--ext", "109"],
                                  ["staff.yaml:2:", "TIS-620"]),
    "staff_set_blank_name": (lambda ws: None,
                             lambda ws: ["staff", "set", "จิรัฏฐ์", str(ws / D), "--name", "   "],
                             ["staff.yaml:41:11:", "ขาดช่อง staff.จิรัฏฐ์.name"]),
    "staff_set_name_with_newline": (lambda ws: None,
                                    lambda ws: ["staff", "set", "จิรัฏฐ์", str(ws / D), "--name", "นาย ก\nข"],
                                    ["staff.yaml:41:", "บรรทัดเดียว"]),
    "verify_corrupt_bagit_txt": (lambda ws: corrupt_bag(ws),
                                 lambda ws: ["verify", str(ws / "bag")], ["bag", "อ่าน bag ไม่ได้"]),
    # -- numbers longer than Python turns into text (4,300 digits) --
    "weight_of_5000_digits": (lambda ws: edit(ws, "indicators/03.yaml", "weight: 15", "weight: " + "9" * 5000),
                              build, ["indicators/03.yaml:8:9:", "ช่อง weight", "ตัวเลขยาว 5000 หลัก"]),
    "fiscal_year_of_5000_digits": (lambda ws: edit(ws, "agreement.yaml", "fiscal_year: 2564",
                                                   "fiscal_year: -" + "1" * 5000), build,
                                   ["agreement.yaml:4:14:", "ตัวเลขยาว 5000 หลัก"]),
    "round_of_5000_digits": (lambda ws: edit(ws, "results/12.yaml", "round: 12", "round: " + "1" * 5000),
                             lambda ws: ["validate", str(ws / D)], ["results/12.yaml:5:8:", "ตัวเลขยาว 5000 หลัก"]),
    # -- aliases count by what they expand to, letters included --
    "alias_text_bomb": (lambda ws: write(ws, D + "staff.yaml", alias_text_bomb()), build,
                        ["staff.yaml:", "ยาวเกิน 200000 ตัวอักษร"]),
    "file_of_5_megabytes": (lambda ws: write(ws, D + "staff.yaml", "# " + "ก" * 2_000_000 + "\nstaff: {}\n"),
                            build, ["staff.yaml: ข้อผิดพลาด: ไฟล์ใหญ่เกิน"]),
    # -- a new name that names nobody, or a key that is not one word --
    "staff_replace_blank_name": (lambda ws: None, lambda ws: ["staff", "replace", "จิรัฏฐ์", "   ", str(ws / D)],
                                 ['ชื่อใหม่ "   " ไม่มีชื่อคน']),
    "staff_replace_title_only": (lambda ws: None, lambda ws: ["staff", "replace", "จิรัฏฐ์", "นางสาว ", str(ws / D)],
                                 ['ชื่อใหม่ "นางสาว " ไม่มีชื่อคน']),
    "staff_replace_key_of_two_words": (lambda ws: None,
                                       lambda ws: ["staff", "replace", "จิรัฏฐ์", "นายสมทรง งามวงษ์", str(ws / D),
                                                   "--key", "สม ทรง"], ['รหัส "สม ทรง" ใช้ไม่ได้']),
    # -- a batch that would overwrite itself, or write where it must not --
    "batch_two_units_one_code": (lambda ws: shutil.copytree(ws / D, ws / "data" / "copy" / "2564"),
                                 lambda ws: ["build", str(ws / "data"), "-o", str(ws / "batch")],
                                 ["ใช้ปีงบประมาณและรหัสหน่วยงาน (unit.code) เดียวกัน", "ปี 2564 รหัส bic",
                                  "data/2564", "data/copy/2564", "ไม่ได้สร้างหน่วยงานใดเลย"]),
    "batch_root_holds_a_clerk_file": (lambda ws: (second_unit(ws), (ws / "batch").mkdir(),
                                                  write(ws, "batch/overview.csv", "ของฉัน")),
                                      lambda ws: ["build", str(ws / "data"), "-o", str(ws / "batch")],
                                      ["มีสิ่งที่เครื่องมือนี้ไม่ได้สร้าง: overview.csv"]),
    "batch_root_is_a_single_output": (lambda ws: second_unit(ws),
                                      lambda ws: ["build", str(ws / "data"), "-o", str(ws / "output" / "2564")],
                                      ["เป็นโฟลเดอร์ผลลัพธ์ของการสร้างหน่วยงานเดียว"]),
    "batch_root_holds_a_single_output": (lambda ws: second_unit(ws),
                                         lambda ws: ["build", str(ws / "data"), "-o", str(ws / "output")],
                                         ["มีสิ่งที่เครื่องมือนี้ไม่ได้สร้าง: 2564/ (ผลลัพธ์ของการสร้างหน่วยงานเดียว)"]),
    "batch_root_inside_a_unit": (lambda ws: second_unit(ws),
                                 lambda ws: ["build", str(ws / "data"), "-o", str(ws / D / "out")],
                                 ["เป็นหรืออยู่ร่วมกับโฟลเดอร์ข้อมูล"]),
    "build_inside_another_output": (lambda ws: None,
                                    lambda ws: build(ws)[:2] + ["-o", str(ws / "output" / "2564" / "x")],
                                    ["อยู่ในโฟลเดอร์ผลลัพธ์", "ของอีกชุดหนึ่ง"]),
    # -- example results are not the office's record --
    "archive_example_results": (lambda ws: None, lambda ws: ["archive", str(ws / D), "--root", str(ws / "archive")],
                                ["results/12.yaml เป็นผลการดำเนินงานตัวอย่าง (example: true)", "--allow-example"]),
    "verify_bag_filed_under_another_year": (lambda ws: filed_elsewhere(ws),
                                            lambda ws: ["verify", str(ws / "archive")],
                                            ["2565/bic/rev-001: ไม่ผ่าน",
                                             "bag นี้เป็นของปีงบประมาณ 2564 แต่อยู่ในโฟลเดอร์ปี 2565"]),
    "verify_bag_filed_under_another_unit": (lambda ws: filed_elsewhere(ws, "2564", "plan"),
                                            lambda ws: ["verify", str(ws / "archive")],
                                            ["bag นี้เป็นของหน่วยงาน bic แต่อยู่ในโฟลเดอร์ plan"]),
}


def alias_text_bomb() -> str:
    """A few kilobytes that stand for half a million letters: one long text, aliased 100 times."""
    return "text: &t \"" + "ก" * 5000 + "\"\nmany: [" + ", ".join(["*t"] * 100) + "]\nstaff: {}\n"


def second_unit(ws: Path) -> None:
    make_other_unit(ws / "data" / "other" / "2564")


def filed_elsewhere(ws: Path, year: str = "2565", unit: str = "bic") -> None:
    source = ws / "payload.txt"
    source.write_text("x", encoding="utf-8")
    archive.store(ws / "archive" / year / unit, {"packet.docx": source},
                  {"Fiscal-Year": "2564", "Unit-Code": "bic"})


def corrupt_bag(ws: Path) -> None:
    source = ws / "payload.txt"
    source.write_text("x", encoding="utf-8")
    made = archive.store(ws / "bags", {"a.txt": source}, {})
    shutil.copytree(made, ws / "bag")
    for path in [ws / "bag", *(ws / "bag").rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    (ws / "bag" / "bagit.txt").write_bytes(b"\xff\xfe\x00garbage")


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_case_exits_1_with_a_positioned_message_and_changes_nothing(case, ws, runner):
    prepare, command, fragments = CASES[case]
    prepare(ws)
    before = snapshot(ws)
    started = cpu_seconds()   # -- the work done: the machine's load does not lengthen it --
    result = runner.invoke(cli, command(ws))
    assert cpu_seconds() - started < 10
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.output, (fragment, result.output)
    assert snapshot(ws) == before


# -- a folder name that is not UTF-8 (a Thai name unzipped from a Windows zip) --

def cp874_named(ws: Path) -> Path:
    target = Path(os.fsdecode(os.fsencode(ws / "data") + b"/" + "ข้อมูลสำนัก".encode("cp874")))
    shutil.copytree(ws / D, target / "2564")
    agreement = target / "2564" / "agreement.yaml"
    agreement.write_text(agreement.read_text("utf-8").replace("code: bic", "code: bic-copy"), encoding="utf-8")
    return target / "2564"


def test_a_folder_name_that_is_not_utf8_is_shown_in_thai(ws, runner):
    data = cp874_named(ws)
    checked = runner.invoke(cli, ["validate", str(data)])
    assert checked.exit_code == 0 and "Traceback" not in checked.output
    assert "data/ข้อมูลสำนัก/2564/results/12.yaml:6:10: คำเตือน" in checked.output
    built = runner.invoke(cli, ["build", str(data), "-o", str(ws / "out")])
    assert built.exit_code == 0, built.output
    assert "agreement build " in (ws / "out" / "CHANGES.txt").read_text("utf-8")
    assert "ข้อมูลสำนัก/2564" in (ws / "out" / "CHANGES.txt").read_text("utf-8")
    broken = data / "indicators" / "03.yaml"
    broken.write_text(broken.read_text("utf-8").replace("weight: 15", "weight: สิบห้า"), encoding="utf-8")
    failed = runner.invoke(cli, ["build", str(ws / "data"), "-o", str(ws / "batch"), "-j", "1"])
    assert failed.exit_code == 1 and "Traceback" not in failed.output
    assert "data/ข้อมูลสำนัก/2564/indicators/03.yaml:8:9:" in failed.output
    assert "ข้อมูลสำนัก/2564" in (ws / "batch" / "overview.csv").read_text("utf-8-sig")


def test_a_refused_read_or_write_names_its_file():
    from generator.errors import os_error_text

    copied = shutil.Error([("/data/2564/staff.yaml", "/tmp/x/staff.yaml", "[Errno 13] Permission denied")])
    assert os_error_text(copied).startswith("/data/2564/staff.yaml: ระบบไม่ยอมให้อ่านหรือเขียน")
    assert "/a/b.docx" in os_error_text(PermissionError(13, "Permission denied", "/a/b.docx"))
    assert "ระบบไม่ได้บอกชื่อไฟล์" in os_error_text(OSError(5, "Input/output error"))


# -- linear time: the work grows with the text, never with its square --

def test_proofreading_a_long_mistyped_word_costs_work_in_proportion_to_it(monkeypatch):
    tokenized = []
    words = thai.words
    monkeypatch.setattr(thai, "words", lambda text, *a: tokenized.append(len(text)) or words(text, *a))

    def work(repeats: int) -> int:
        tokenized.clear()
        found = proofread.findings("เเนว" + "การดำเนินงานตามแผนปฏิบัติราชการ" * repeats + "นํ้า")
        assert [f[0] for f in found] == ["thai_order"]
        return sum(tokenized)

    small, large = work(50), work(400)
    assert large <= 8 * small * 1.2, (small, large)   # -- before: re-tokenized the rest at every word --


@pytest.mark.parametrize("name, call", [
    ("a run of 60,000 digits", lambda: thai.tokens("1" * 60_000)),
    ("syllables of 60,000 digits", lambda: thai.syllables("1" * 60_000)),
    ("60,000 tone marks", lambda: thai.normalized("ก" + "่" * 60_000)),
    ("60,000 alternating vowels", lambda: thai.normalized("ก" + "าะ" * 30_000)),
    ("60,000 letters of no word", lambda: linebreak.line_breaks("กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ" * 1_360,
                                                                3000)),
    ("a 60,000-letter mistyped word", lambda: proofread.findings("เเนว" + "การดำเนินงาน" * 5_000 + "นํ้า")),
])
def test_hostile_text_takes_seconds_not_minutes(name, call):
    thai.words("อุ่นเครื่อง")   # -- the tokenizer's first load is not the text's cost --
    started = cpu_seconds()
    call()
    assert cpu_seconds() - started < 20, name   # -- each was minutes to hours in the square of its length --
