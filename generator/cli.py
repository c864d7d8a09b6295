"""Click commands: parse arguments, call one function in `commands`, print the result.

This is the one error boundary: the project's own exceptions become a message and
exit code 1; a traceback appears only with --debug.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from generator import __version__, changes, commands, locks, schema
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
        except OSError as exc:   # a file the system would not read or write: name it, no traceback
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"{label('error')}: {exc.filename or ''}: "
                       + tr("ระบบไม่ยอมให้อ่านหรือเขียน", "the system refused to read or write")
                       + f" ({exc.strerror or exc})", err=True)
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


FONT_DIR = click.option("--font-dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
                        help="โฟลเดอร์ที่มีฟอนต์ TH Sarabun New (ค่าเริ่มต้น: ที่ติดตั้งไว้ หรือสร้างจาก Laksaman)")
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
@click.option("--pdf", "with_pdf", is_flag=True,
              help="ทำสำเนา PDF/A ไว้ข้างไฟล์ .docx ด้วย LibreOffice / add PDF/A copies")
@FONT_DIR
def build(data_dir: Path, strict: bool, out_dir: Path | None, digits: str,
          templates: Path | None, only: set[int] | None, with_pdf: bool,
          font_dir: Path | None) -> None:
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
    if with_pdf:
        with _progress() as progress:
            pdfs = commands.pdf_copies(result.out_dir, font_dir, progress)
        for path in pdfs:
            click.echo(str(path))


class _progress:
    """A progress bar over PDF conversion; `self(done, total)` moves it.

    The bar starts at the first call, when the converter knows how many files there are.
    """

    def __init__(self):
        self.bar, self.done = None, 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self.bar.__exit__(*exc) if self.bar else None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, file=sys.stderr,
                                         label=tr("แปลงเป็น PDF/A", "converting to PDF/A"))
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done


def _numbers(value: str | None) -> set[int] | None:
    """Parse ``5,7`` or ``5-8`` into indicator numbers."""
    if value is None:
        return None
    numbers: set[int] = set()
    try:
        for piece in value.split(","):
            low, _, high = piece.strip().partition("-")
            first, last = int(low), int(high or low)
            if not 0 < first <= last <= 999:
                raise ValueError(piece)
            numbers.update(range(first, last + 1))
    except ValueError:
        raise click.BadParameter(tr(f"ต้องเป็นเลขตัวชี้วัด เช่น 5,7 หรือ 5-8 ไม่ใช่ {value}",
                                    f"expected indicator numbers such as 5,7 or 5-8, not {value}")) from None
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


@cli.group()
def staff() -> None:
    """ดูและแก้ทะเบียนผู้รับผิดชอบตัวชี้วัด (staff.yaml)

    List and edit the register of responsible staff. An edit keeps the
    file's comments and layout, is checked before it is saved, and names
    the indicators whose sheets must be built again.

    \b
    ตัวอย่าง / example:
        agreement staff list
        agreement staff replace จิรัฏฐ์ "ชื่อ นามสกุล" --ext 109
    """


@staff.command("list")
@click.argument("data_dir", type=DATA_DIR, default=Path("data/2564"))
def staff_list(data_dir: Path) -> None:
    """แสดงผู้รับผิดชอบ เบอร์โทร และตัวชี้วัดที่รับผิดชอบ

    Show who answers for which indicators, with their phones.

    \b
    ตัวอย่าง / example:
        agreement staff list data/2564
    """
    for person in commands.staff_list(data_dir):
        numbers = changes.ranges(person.indicators) or "-"
        click.echo(f"{person.key}\t{person.name}\t{person.phone}\t"
                   + tr(f"ตัวชี้วัดที่ {numbers}", f"indicators {numbers}"))


@staff.command("replace")
@click.argument("old")
@click.argument("new_name")
@click.argument("data_dir", type=DATA_DIR, default=Path("data/2564"))
@click.option("--phone", help="เบอร์โทรของผู้รับผิดชอบคนใหม่ (ค่าเริ่มต้น: เบอร์เดิม)")
@click.option("--ext", help="เลขต่อ (ค่าเริ่มต้น: เลขต่อเดิม)")
@click.option("--key", "new_key", help="รหัสในทะเบียน (ค่าเริ่มต้น: ชื่อต้นของคนใหม่)")
def staff_replace(old: str, new_name: str, data_dir: Path, phone: str | None, ext: str | None,
                  new_key: str | None) -> None:
    """ให้คนใหม่รับผิดชอบแทน OLD ในทะเบียนและในทุกตัวชี้วัด

    Replace person OLD (register key or full name) with NEW_NAME in the
    register and in every indicator that names them. Phone and extension
    stay as they were unless --phone or --ext is given.

    \b
    ตัวอย่าง / example:
        agreement staff replace จิรัฏฐ์ "ชื่อ นามสกุล" --ext 109
    """
    _report_edit(*commands.staff_replace(data_dir, old, new_name, phone, ext, new_key))


@staff.command("set")
@click.argument("who")
@click.argument("data_dir", type=DATA_DIR, default=Path("data/2564"))
@click.option("--name", help="ชื่อเต็มใหม่ (เช่น เปลี่ยนนามสกุล)")
@click.option("--phone", help="เบอร์โทรใหม่")
@click.option("--ext", help="เลขต่อใหม่")
def staff_set(who: str, data_dir: Path, name: str | None, phone: str | None,
              ext: str | None) -> None:
    """แก้ชื่อ เบอร์โทร หรือเลขต่อของผู้รับผิดชอบหนึ่งคน

    Change one person's name, phone or extension in the register.

    \b
    ตัวอย่าง / example:
        agreement staff set จิรัฏฐ์ --ext 109
    """
    _report_edit(*commands.staff_set(data_dir, who, name, phone, ext))


def _report_edit(before, after) -> None:
    click.echo(f"{before.name} ({before.phone}) → {after.name} ({after.phone})")
    numbers = changes.ranges(after.indicators)
    click.echo(tr(f"ตัวชี้วัดที่ได้รับผลกระทบ: {numbers}", f"indicators affected: {numbers}"))
    click.echo(tr("สั่ง agreement build เพื่อสร้างแผ่นเหล่านี้ใหม่", "run agreement build to make these sheets again"))


@cli.command("archive")
@click.argument("data_dir", type=DATA_DIR, default=Path("data/2564"))
@click.option("--root", type=click.Path(file_okay=False, path_type=Path),
              default=Path("output/archive"), show_default=True, help="โฟลเดอร์เก็บถาวร")
@click.option("--reason", default="", help="เหตุผลของฉบับนี้ เช่น \"ฉบับลงนาม\" หรือ \"เปลี่ยนผู้รับผิดชอบ\"")
@FONT_DIR
def archive_command(data_dir: Path, root: Path, reason: str, font_dir: Path | None) -> None:
    """เก็บเอกสารฉบับนี้ถาวรเป็น BagIt พร้อมสำเนา PDF/A (แก้ไขหรือลบไม่ได้)

    Build the packet and store it as the next revision, ROOT/<fiscal year>/
    <unit code>/rev-NNN/: a BagIt bag (SHA-256) holding the .docx files,
    their PDF/A-2b copies, the source data and a list of changes against the
    previous revision. Unchanged data makes no new revision. Revisions are
    never overwritten or deleted.

    \b
    ตัวอย่าง / example:
        agreement archive data/2564 --reason "ฉบับลงนาม"
    """
    with _progress() as progress:
        result = commands.make_archive(data_dir, root, reason, font_dir, progress)
    click.echo(str(result.revision))
    click.echo("\n".join(result.report))


@cli.command("verify")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
def verify_command(path: Path) -> None:
    """ตรวจว่าเอกสารที่เก็บถาวรไม่ถูกแก้ไข ไม่หาย และไม่มีไฟล์เกิน

    Check one bag, or every bag below PATH: each changed, missing or extra
    file is named. Exit 0 when all are intact, 1 otherwise.

    \b
    ตัวอย่าง / example:
        agreement verify output/archive
    """
    results = commands.verify(path)
    for bag, problems in results.items():
        click.echo(f"{bag}: " + (tr("ครบถ้วน", "intact") if not problems else tr("ไม่ผ่าน", "FAILED")))
        for problem in problems:
            click.echo(f"    {problem}")
    failed = [bag for bag, problems in results.items() if problems]
    if failed:
        raise GeneratorError(tr(f"ไม่ผ่าน {len(failed)} จาก {len(results)} ฉบับ",
                                f"{len(failed)} of {len(results)} bags failed"))


@cli.command("rollover")
@click.argument("source", type=DATA_DIR)
@click.option("--to", "to_year", type=int, required=True, help="ปีงบประมาณใหม่ (พ.ศ.) เช่น 2565")
@click.option("-o", "--out", "target", type=click.Path(file_okay=False, path_type=Path),
              help="โฟลเดอร์ข้อมูลใหม่ (ค่าเริ่มต้น: ข้างโฟลเดอร์เดิม ชื่อตามปีใหม่)")
@click.option("--force", is_flag=True, help="แทนที่โฟลเดอร์ปลายทางที่มีอยู่แล้ว")
def rollover_command(source: Path, to_year: int, target: Path | None, force: bool) -> None:
    """เริ่มข้อมูลคำรับรองปีใหม่จากปีนี้ แล้วบอกสิ่งที่ต้องตรวจ

    Make next fiscal year's data folder from SOURCE: the period follows the new
    year, the signing date is cleared, the baseline shifts by one year (taking
    each indicator's result), the roadmap shifts and its new last year copies
    the previous target. Indicators, staff and linkage are copied with their
    comments. Prints what a person must review. Refuses to replace an existing
    folder unless --force.

    \b
    ตัวอย่าง / example:
        agreement rollover data/2564 --to 2565
    """
    result = commands.make_rollover(source, to_year, target, force)
    click.echo(str(result.target))
    click.echo(tr("สิ่งที่ต้องตรวจก่อนสร้างเอกสาร:", "review before building:"))
    for number, item in enumerate(result.checklist, 1):
        click.echo(f"  {number}. {item}")


def main() -> None:
    locks.exit_on_signals()   # SIGTERM cleans up like Ctrl-C: temp folders, soffice
    cli(prog_name="agreement")
