"""Click commands: parse arguments, call one function in `commands`, print the result.

This is the one error boundary: the project's own exceptions become a message and
exit code 1; a traceback appears only with --debug.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from generator import __version__, commands, schema
from generator.errors import DataError, GeneratorError, label, set_language, tr

DATA_DIR = click.Path(file_okay=False, path_type=Path)


class Boundary(click.Group):
    """A click group that turns the project's errors into messages and exit code 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except GeneratorError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            _print_error(exc)
            sys.exit(1)


def _print_error(exc: GeneratorError) -> None:
    if isinstance(exc, DataError):
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(_tally(exc.problems) + tr(": ไม่ได้เขียนไฟล์ใด ๆ", ": nothing was written"),
                   err=True)
    else:
        click.echo(f"{label('error')}: {exc}", err=True)


def _tally(problems) -> str:
    errors = sum(1 for p in problems if not p.warning and p.code != "strict_warnings")
    warnings = sum(1 for p in problems if p.warning)
    return tr(f"ข้อผิดพลาด {errors} รายการ คำเตือน {warnings} รายการ",
              f"{errors} errors, {warnings} warnings")


@click.group(cls=Boundary)
@click.version_option(__version__, prog_name="agreement")
@click.option("--lang", type=click.Choice(["th", "en"]), default="th", show_default=True,
              help="ภาษาของข้อความ / language of messages")
@click.option("--debug", is_flag=True, help="แสดง traceback เมื่อผิดพลาด / show tracebacks")
@click.pass_context
def cli(ctx: click.Context, lang: str, debug: bool) -> None:
    """สร้างเอกสารคำรับรองการปฏิบัติราชการจากข้อมูล YAML

    Build Thai performance-agreement packets (คำรับรองการปฏิบัติราชการ) from YAML data.

    \b
    ตัวอย่าง / example:
        agreement build data/2564
    """
    set_language(lang)
    ctx.obj = {"debug": debug}


STRICT = click.option("--strict", is_flag=True,
                      help="ถือว่าคำเตือนเป็นข้อผิดพลาด / treat warnings as errors")


@cli.command()
@click.argument("data_dir", type=DATA_DIR, default=Path("data/2564"))
@STRICT
def validate(data_dir: Path, strict: bool) -> None:
    """ตรวจข้อมูลทุกข้อโดยไม่เขียนไฟล์ใด ๆ

    Run every check that build runs, and write nothing. Each problem names the
    file, line, column and field, what was expected and what was found.
    Exit 0 when the data is clean, 1 when it has problems.

    \b
    ตัวอย่าง / example:
        agreement validate data/2564 --strict
    """
    agreement = commands.validate(data_dir, strict)
    for problem in agreement.warnings:
        click.echo(str(problem), err=True)
    click.echo(tr(f"ตรวจแล้ว {data_dir}: ", f"checked {data_dir}: ") + _tally(agreement.warnings))


@cli.command()
@click.argument("data_dir", type=DATA_DIR, default=Path("data/2564"))
@STRICT
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="โฟลเดอร์ผลลัพธ์ (ค่าเริ่มต้น output/<ปีงบประมาณ>)")
@click.option("--digits", type=click.Choice(["arabic", "thai"]), default="arabic",
              show_default=True, help="เลขอารบิก (2564) หรือเลขไทย (๒๕๖๔)")
@click.option("--templates", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="โฟลเดอร์แม่แบบ (ค่าเริ่มต้น templates/ ของโครงการ)")
@click.option("--only", callback=lambda ctx, param, value: _numbers(value), metavar="5,7",
              help="สร้างใหม่เฉพาะแผ่นตัวชี้วัดเหล่านี้ แล้วรวมเล่มใหม่ / only these sheets")
def build(data_dir: Path, strict: bool, out_dir: Path | None, digits: str,
          templates: Path | None, only: set[int] | None) -> None:
    """ตรวจข้อมูลแล้วสร้างเอกสาร packet.docx, agreement.docx และ sheets/

    Check DATA_DIR, then write OUT_DIR/packet.docx (the whole packet),
    OUT_DIR/agreement.docx (the front) and OUT_DIR/sheets/indicator-NN.docx.
    Nothing is written when any check fails. Files whose data did not change
    keep their bytes and time; OUT_DIR/manifest.json records why, and the
    change report is printed and appended to OUT_DIR/CHANGES.txt.

    \b
    ตัวอย่าง / example:
        agreement build data/2564 -o output/2564 --digits thai
        agreement build --only 5,7
    """
    result = commands.build(data_dir, out_dir, digits, templates, strict=strict, only=only,
                            progress=lambda name: click.echo(tr(f"  สร้าง {name}", f"  made {name}"),
                                                             err=True))
    for problem in result.agreement.warnings:
        click.echo(str(problem), err=True)
    for path in result.written:
        click.echo(str(path))
    click.echo("\n".join(result.report))


def _numbers(value: str | None) -> set[int] | None:
    """Parse ``5,7`` or ``5-8`` into indicator numbers."""
    if value is None:
        return None
    numbers: set[int] = set()
    try:
        for piece in value.split(","):
            low, _, high = piece.strip().partition("-")
            numbers.update(range(int(low), int(high or low) + 1))
    except ValueError:
        raise click.BadParameter(tr(f"ต้องเป็นเลขตัวชี้วัด เช่น 5,7 หรือ 5-8 ไม่ใช่ {value}",
                                    f"expected indicator numbers such as 5,7 or 5-8, not {value}"))
    return numbers


@cli.command("schema")
@click.argument("kind", required=False, type=click.Choice(sorted(schema.KINDS)))
def print_schema(kind: str | None) -> None:
    """พิมพ์ JSON Schema ของรูปแบบข้อมูล

    Print the JSON Schema of the data format: of one kind of file, or of all.
    The files in schema/ are its output; each data file names its schema on its
    first line, so an editor with a YAML language server checks it as you type.

    \b
    ตัวอย่าง / example:
        agreement schema indicator > schema/indicator.schema.json
    """
    document = schema.standalone(kind) if kind else schema.full_schema()
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


def main() -> None:
    cli(prog_name="agreement")
