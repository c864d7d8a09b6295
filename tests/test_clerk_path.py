"""The clerk's everyday path: language, staff edits, quiet builds, --only, archive, progress."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from generator import commands
from generator.cli import cli
from generator.cli.lang import translated
from generator.i18n import in_language
from generator.store import fonts
from tests.docxtext import text

ROOT = commands.PROJECT_ROOT
THAI_LETTER = re.compile("[\u0e01-\u0e2e]")


# -- 2. one language at a time, chosen anywhere --

@pytest.mark.parametrize("args,env", [(["build", "--lang", "en"], {}),
                                      (["--lang", "en", "build"], {}),
                                      (["build"], {"AGREEMENT_LANG": "en"})])
def test_language_is_chosen_before_or_after_the_command_or_by_environment(runner, data_copy,
                                                                           tmp_path, args, env):
    out = tmp_path / "out"
    result = runner.invoke(cli, args + [str(data_copy), "-o", str(out)], env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == ["first build: 14 files",
                                              f"the whole packet: {out / 'packet.docx'}"]
    assert "สร้างครั้งแรก 14 ไฟล์" in (out / "CHANGES.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang,expected", [
    ("th", "วิธีใช้: agreement build [OPTIONS] [DATA_DIR]...\n"
           "ดูวิธีใช้ด้วย 'agreement build --help'\n\n"
           "ข้อผิดพลาด: ไม่มีตัวเลือก '--digit' หมายถึง '--digits' หรือไม่?\n"),
    ("en", "Usage: agreement build [OPTIONS] [DATA_DIR]...\n"
           "Try 'agreement build --help' for help.\n\n"
           "Error: No such option '--digit'. Did you mean '--digits'?\n"),
])
def test_click_usage_errors_follow_the_language(runner, lang, expected):
    result = runner.invoke(cli, ["build", "--digit", "thai"], env={"AGREEMENT_LANG": lang})
    assert result.exit_code == 2
    assert result.output == expected


@pytest.mark.parametrize("lang,expected", [
    ("th", "ข้อผิดพลาด: ค่าของ '--digits' ไม่ถูกต้อง: 'roman' ไม่ใช่ค่าใดใน 'arabic', 'thai'\n"),
    ("en", "Error: Invalid value for '--digits': 'roman' is not one of 'arabic', 'thai'.\n"),
])
def test_bad_choice_is_explained_in_the_language(runner, lang, expected):
    result = runner.invoke(cli, ["build", "--digits", "roman", "--lang", lang])
    assert result.exit_code == 2
    assert result.output.endswith(expected)


def _commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + (name,))


@pytest.mark.parametrize("path", [()] + [p for p, _ in _commands(cli)], ids=str)
def test_help_is_whole_in_each_language(runner, path):
    thai = runner.invoke(cli, [*path, "--help"]).output
    english = runner.invoke(cli, [*path, "--help", "--lang", "en"]).output
    assert thai.startswith("วิธีใช้: agreement") and "ตัวอย่าง:" in thai and "ตัวเลือก:" in thai
    assert english.startswith("Usage: agreement") and "Example:" in english
    assert "Options:" in english and "Show this message and exit." in english
    assert "\f" not in thai + english
    command = cli if not path else _command(path)
    ctx = click.Context(command, info_name="agreement")
    for lang, thai_expected in (("th", True), ("en", False)):
        with in_language(lang):
            for param in command.get_params(ctx):
                record = param.get_help_record(ctx)
                if record is not None and not isinstance(param, click.Argument):
                    assert bool(THAI_LETTER.search(translated(record[1]))) == thai_expected, (lang, record)


def _command(path):
    command = cli
    for name in path:
        command = command.commands[name]
    return command


# -- 7. staff set refuses edits that change nothing or are not numbers --

@pytest.mark.parametrize("args,th,en", [
    ([], "ข้อผิดพลาด: ไม่ได้บอกว่าจะแก้อะไร: ระบุ --name, --phone หรือ --ext อย่างน้อยหนึ่งอย่าง\n",
     "error: nothing to change: give --name, --phone or --ext\n"),
    (["--ext", "107"], "ข้อผิดพลาด: นายจิรัฏฐ์ แสนดี มีข้อมูลนี้อยู่แล้ว: ไม่ได้แก้ไฟล์ใด\n",
     "error: นายจิรัฏฐ์ แสนดี already has these details: no file was changed\n"),
    (["--ext", "abc"], "ข้อผิดพลาด: เลขต่อ abc ไม่ถูกต้อง: ต้องเป็นตัวเลขอย่างเดียว เช่น 109\n",
     "error: extension abc is not valid: digits only, e.g. 109\n"),
    (["--phone", "02 628"],
     "ข้อผิดพลาด: เบอร์โทร 02 628 ไม่ถูกต้อง: ต้องเป็นเลข 9–10 หลักขึ้นต้นด้วย 0 เช่น 02 628 5646\n",
     "error: phone 02 628 is not valid: 9–10 digits starting with 0, e.g. 02 628 5646\n"),
])
def test_staff_set_refuses_nothing_to_change_and_bad_numbers(runner, data_copy, args, th, en):
    before = {p: p.read_bytes() for p in data_copy.rglob("*.yaml")}
    for lang, expected in (("th", th), ("en", en)):
        result = runner.invoke(cli, ["staff", "set", "จิรัฏฐ์", str(data_copy), *args, "--lang", lang])
        assert result.exit_code == 1
        assert result.output == expected
    assert {p: p.read_bytes() for p in data_copy.rglob("*.yaml")} == before


def test_staff_replace_refuses_a_bad_extension(runner, data_copy):
    result = runner.invoke(cli, ["staff", "replace", "จิรัฏฐ์", "นายสมทรง งามวงษ์", str(data_copy),
                                 "--ext", "๑๐๙"])
    assert result.exit_code == 1
    assert result.output == "ข้อผิดพลาด: เลขต่อ ๑๐๙ ไม่ถูกต้อง: ต้องเป็นตัวเลขอย่างเดียว เช่น 109\n"


# -- 6 and 8. what changed, in the clerk's words; --only warns about what it left old --

@pytest.fixture
def built_then_edited(runner, data_copy, tmp_path):
    out = tmp_path / "out"
    assert runner.invoke(cli, ["build", str(data_copy), "-o", str(out)]).exit_code == 0
    assert runner.invoke(cli, ["staff", "set", "จิรัฏฐ์", str(data_copy), "--ext", "109"]).exit_code == 0
    return data_copy, out


@pytest.mark.parametrize("lang,lines", [
    ("th", ["เปลี่ยน 7 ไฟล์: แผ่นตัวชี้วัดที่ 5–8, 10–11, เล่มรวม packet.docx (อีก 7 ไฟล์เหมือนเดิม)",
            "  ตัวชี้วัดที่ 5–8, 10–11: โทร ต่อ 107 → ต่อ 109", "เอกสารทั้งเล่ม: {out}/packet.docx"]),
    ("en", ["7 files changed: indicator sheets 5–8, 10–11, the packet packet.docx "
            "(the other 7 are unchanged)",
            "  indicators 5–8, 10–11: phone ต่อ 107 → ต่อ 109", "the whole packet: {out}/packet.docx"]),
])
def test_build_says_what_changed_and_where_the_packet_is(runner, built_then_edited, lang, lines):
    data, out = built_then_edited
    result = runner.invoke(cli, ["build", str(data), "-o", str(out), "--lang", lang])
    assert result.stdout.splitlines()[1:] == [line.format(out=out) for line in lines]
    assert "ตัวชี้วัดที่ 5–8, 10–11: โทร ต่อ 107 → ต่อ 109" in (out / "CHANGES.txt").read_text("utf-8")
    again = runner.invoke(cli, ["build", str(data), "-o", str(out), "--lang", lang])
    assert again.stdout.splitlines()[1] == {"th": "ไม่มีไฟล์เปลี่ยน (14 ไฟล์เหมือนครั้งก่อนทุกไบต์)",
                                            "en": "nothing changed (all 14 files are as they were)"}[lang]
    assert len(again.stdout.splitlines()) == 3
    assert [line for line in again.stderr.splitlines() if "(example: true)" not in line] == []   # -- results/12 --


@pytest.mark.parametrize("lang,expected", [
    ("th", "คำเตือน: แผ่นตัวชี้วัดที่ 6, 8, 10–11 ไม่ได้สร้างใหม่ทั้งที่ข้อมูลเปลี่ยน "
           "เล่มรวมจึงมีข้อมูลเก่าปนอยู่: สั่ง agreement build โดยไม่ใช้ --only\n"),
    ("en", "warning: indicator sheets 6, 8, 10–11 not built again although the data changed, "
           "so the packet mixes old and new: run agreement build without --only\n"),
])
def test_only_warns_naming_the_sheets_left_out_of_date(runner, built_then_edited, lang, expected):
    data, out = built_then_edited
    result = runner.invoke(cli, ["build", str(data), "-o", str(out), "--only", "5,7", "--lang", lang])
    assert result.exit_code == 0
    assert expected in result.stderr
    assert "ต่อ 107" in text(out / "sheets" / "indicator-06.docx")
    full = runner.invoke(cli, ["build", str(data), "-o", str(out), "--only", "5-8,10-11"])
    assert [line for line in full.stderr.splitlines() if "คำเตือน" in line and "(example: true)" not in line] == []


# -- 9 and 10. archive refreshes the working output; slow steps show progress --

@pytest.mark.parametrize("lang,font,converting,refreshed", [
    ("th", "สร้างฟอนต์ TH Sarabun New จาก Laksaman (ครั้งแรกครั้งเดียว ใช้เวลาสักครู่)\n",
     "แปลงเป็น PDF/A ด้วย LibreOffice 14 ไฟล์\n",
     "ปรับ output/2564 ให้ตรงกับข้อมูลแล้ว: เปลี่ยน 7 ไฟล์: แผ่นตัวชี้วัดที่ 5–8, 10–11, "
     "เล่มรวม packet.docx (อีก 7 ไฟล์เหมือนเดิม)\n"),
    ("en", "building TH Sarabun New from Laksaman (first time only, takes a moment)\n",
     "converting 14 files to PDF/A with LibreOffice\n",
     "brought output/2564 up to date: 7 files changed: indicator sheets 5–8, 10–11, "
     "the packet packet.docx (the other 7 are unchanged)\n"),
])
def test_archive_shows_progress_and_refreshes_the_working_output(runner, tmp_path, monkeypatch, fake_libreoffice,
                                                                 lang, font, converting, refreshed):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(fonts, "installed", lambda: False)   # -- as on a machine without TH Sarabun New --
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "data" / "2564", tmp_path / "data" / "2564")
    assert runner.invoke(cli, ["build"]).exit_code == 0
    assert runner.invoke(cli, ["staff", "set", "จิรัฏฐ์", "--ext", "109"]).exit_code == 0
    result = runner.invoke(cli, ["archive", "--lang", lang, "--allow-example"])   # -- results/12.yaml is one --
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(font + converting)
    assert "".join(f"  PDF/A {n}/14\n" for n in range(1, 15)) in result.stderr
    assert result.stdout.endswith(refreshed)
    assert "ต่อ 109" in text(tmp_path / "output" / "2564" / "sheets" / "indicator-06.docx")


def test_archive_says_nothing_of_a_font_to_build_where_th_sarabun_new_is_installed(runner, data_copy, tmp_path,
                                                                                   monkeypatch, fake_libreoffice):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(fonts, "installed", lambda: True)
    monkeypatch.chdir(tmp_path)   # -- archive refreshes output/2564 of the folder it runs in --
    result = runner.invoke(cli, ["archive", str(data_copy), "--root", str(tmp_path / "archive"), "--allow-example"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("แปลงเป็น PDF/A ด้วย LibreOffice 14 ไฟล์\n")


# -- 1. the README's commands work as printed --

def _readme_commands() -> list[list[str]]:
    lines = []
    for doc in (ROOT / "README.md", ROOT / "docs" / "data-format.md"):
        for block in re.findall(r"```sh\n(.*?)```", doc.read_text(encoding="utf-8"), re.S):
            for line in block.splitlines():
                for piece in line.split("&&"):
                    piece = piece.split("  #")[0].strip()
                    if piece.startswith("agreement "):
                        lines.append(shlex.split(piece)[1:])
    return lines


def test_readme_commands_name_real_commands_and_options(runner):
    commands_seen = _readme_commands()
    assert len(commands_seen) >= 10
    for args in commands_seen:
        result = runner.invoke(cli, args + ["--help"])
        assert result.exit_code == 0, (args, result.output)


def test_activation_puts_agreement_on_the_path():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ". .venv/bin/activate" in readme and r".venv\Scripts\activate" in readme
    activate = Path(sys.executable).parent / "activate"
    result = subprocess.run(["sh", "-c", f". '{activate}' && agreement --version"],
                            capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("agreement ")
