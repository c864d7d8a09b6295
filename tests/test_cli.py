"""The command line: exit codes, messages, help with examples."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from generator.cli import cli


def test_build_names_the_packet_and_lists_every_file_when_verbose(runner, data_copy, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(data_copy), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"เอกสารทั้งเล่ม: {out / 'packet.docx'}\n" in result.output
    assert "indicator-11.docx" not in result.stdout
    verbose = runner.invoke(cli, ["build", str(data_copy), "-o", str(out), "--verbose"])
    assert str((out / "sheets" / "indicator-11.docx").resolve()) in verbose.stdout
    assert (out / "packet.docx").is_file()


def test_build_defaults_to_output_fiscal_year(runner, data_copy, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["build", str(data_copy)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output" / "2564" / "packet.docx").is_file()


def test_data_problem_exits_1_naming_file_and_field(runner, data_copy, tmp_path):
    staff = data_copy / "staff.yaml"
    staff.write_text(staff.read_text(encoding="utf-8").replace("    name: นายฐิติ ฝอกสันเทียะ\n", ""),
                     encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(data_copy), "-o", str(out)])
    assert result.exit_code == 1
    assert "staff.yaml:" in result.output and "staff.ฐิติ" in result.output
    assert "ขาดช่อง name" in result.output
    assert not out.exists()


def test_usage_error_exits_2(runner):
    result = runner.invoke(cli, ["build", "--digits", "roman"])
    assert result.exit_code == 2


def _commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + (name,))


@pytest.mark.parametrize("path,command", list(_commands(cli)), ids=lambda v: str(v))
def test_every_command_has_help_with_an_example(runner, path, command):
    result = runner.invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert command.help and "agreement " in command.help
    assert "ตัวอย่าง" in result.output


def test_python_dash_m_runs_the_same_cli():
    result = subprocess.run([sys.executable, "-m", "generator", "--help"], capture_output=True,
                            text=True, check=True)
    assert "build" in result.stdout


def test_the_program_flushes_its_output_and_keeps_the_exit_code(data_copy):
    # -- main() ends the process with os._exit to skip the tokenizer's teardown --
    sheet = data_copy / "indicators" / "01.yaml"
    sheet.write_text(sheet.read_text("utf-8").replace("weight: 15", "weight: 20"), encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "generator", "validate", str(data_copy)],
                         capture_output=True, text=True)
    assert bad.returncode == 1
    assert "น้ำหนักรวมของทุกตัวชี้วัดเป็น 105 ต้องเท่ากับ 100" in bad.stderr
    usage = subprocess.run([sys.executable, "-m", "generator", "build", "--digits", "roman"],
                           capture_output=True, text=True)
    assert usage.returncode == 2 and "roman" in usage.stderr
    version = subprocess.run([sys.executable, "-m", "generator", "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.startswith("agreement 0.")


def test_help_starts_without_the_document_and_language_libraries():
    # -- commands, batch and packet load on first use: --help stays quick --
    probe = ("import sys, generator.cli; "
             "print(sorted(m for m in ('docx', 'docxtpl', 'docxcompose', 'pythainlp', 'jsonschema') "
             "if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
    usage = subprocess.run([sys.executable, "-m", "generator", "--help"], capture_output=True, text=True)
    assert usage.returncode == 0 and "build" in usage.stdout


def test_a_bug_is_not_dressed_as_a_data_problem(runner, data_copy, tmp_path, monkeypatch):
    # -- an error no user can act on: a short Thai line, the traceback in a log, exit 70 --
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    from generator.documents import context

    def broken(*args):
        raise FileNotFoundError(2, "No such file or directory", "/nowhere/part.xml")

    monkeypatch.setattr(context, "front", broken)
    result = runner.invoke(cli, ["build", str(data_copy), "-o", str(tmp_path / "out")])
    assert result.exit_code == 70
    assert "ข้อผิดพลาดภายในโปรแกรม" in result.output and "ระบบไม่ยอม" not in result.output
    (log,) = (tmp_path / "cache" / "thai-performance-agreement" / "logs").glob("crash-*.txt")
    assert str(log) in result.output
    assert "FileNotFoundError" in log.read_text("utf-8") and "broken" in log.read_text("utf-8")
    assert not (tmp_path / "out").exists()


def test_debug_shows_the_traceback_of_a_bug(runner, data_copy, tmp_path, monkeypatch):
    from generator.documents import context

    monkeypatch.setattr(context, "front", lambda *args: 1 / 0)
    result = runner.invoke(cli, ["--debug", "build", str(data_copy), "-o", str(tmp_path / "out")])
    assert isinstance(result.exception, ZeroDivisionError)


def test_a_bug_while_rendering_is_not_blamed_on_the_template(data_copy, tmp_path, monkeypatch):
    from generator.commands import packets
    from generator.documents import render

    monkeypatch.setattr(render, "keep_anchors", lambda doc: {}["missing"])
    with pytest.raises(KeyError):
        packets.build(data_copy, tmp_path / "out")
