"""Click commands: parse arguments, call one function in `commands`, print the result.

This is the one error boundary: the project's own exceptions become a message and
exit code 1; a traceback appears only with --debug.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

import click

from generator import __version__
from generator.data import schema, scores
from generator.store import changes, locks
from generator.clilang import Group
from generator.errors import DataError, GeneratorError, label, tr


def _lazy(name: str):
    """Return module `name`, loaded only when first used (the standard library's LazyLoader).

    `--help`, `schema` and usage errors then start without python-docx, docxtpl,
    jsonschema or pythainlp; the commands that need them load them on first use.
    """
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


batch = _lazy("generator.batch")
commands = _lazy("generator.commands")
packet = _lazy("generator.documents.packet")

DATA_DIR = click.Path(file_okay=False, path_type=Path)


class Boundary(Group):
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
              f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")


@click.group(cls=Boundary, name="agreement")
@click.version_option(__version__, prog_name="agreement", message="%(prog)s %(version)s",
                      help="แสดงรุ่นของโปรแกรมแล้วจบ\fShow the version and exit.")
@click.option("--debug", is_flag=True, help="แสดง traceback เมื่อผิดพลาด\fshow tracebacks")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """สร้างเอกสารคำรับรองการปฏิบัติราชการจากข้อมูล YAML

    \b
    ตัวอย่าง:
        agreement build data/2564
    \f
    Build Thai performance-agreement packets (คำรับรองการปฏิบัติราชการ) from YAML data.

    \b
    Example:
        agreement build data/2564
    """
    ctx.obj = {"debug": debug}


FONT_DIR = click.option("--font-dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
                        help="โฟลเดอร์ที่มีฟอนต์ TH Sarabun New (ค่าเริ่มต้น: ที่ติดตั้งไว้ หรือสร้างจาก Laksaman)"
                             "\fa folder holding TH Sarabun New (default: the installed font, "
                             "or one built from Laksaman)")
STRICT = click.option("--strict", is_flag=True,
                      help="ถือว่าคำเตือนเป็นข้อผิดพลาด\ftreat warnings as errors")


@cli.command()
@click.argument("data_dir", type=DATA_DIR, default=Path("data/2564"))
@STRICT
def validate(data_dir: Path, strict: bool) -> None:
    """ตรวจข้อมูลทุกข้อที่ build ตรวจ โดยไม่เขียนไฟล์ใด ๆ

    ปัญหาแต่ละข้อบอกไฟล์ บรรทัด คอลัมน์ และช่อง ค่าที่ต้องการ และค่าที่พบ
    จบด้วยรหัส 0 เมื่อข้อมูลถูกต้อง และ 1 เมื่อมีปัญหา

    \b
    ตัวอย่าง:
        agreement validate data/2564 --strict
    \f
    Run every check that build runs, and write nothing. Each problem names the
    file, line, column and field, what was expected and what was found.
    Exit 0 when the data is clean, 1 when it has problems.

    \b
    Example:
        agreement validate data/2564 --strict
    """
    agreement = commands.validate(data_dir, strict)
    for problem in agreement.warnings:
        click.echo(str(problem), err=True)
    click.echo(tr(f"ตรวจแล้ว {data_dir}: ", f"checked {data_dir}: ") + _tally(agreement.warnings))


@cli.command()
@click.argument("data_dirs", metavar="[DATA_DIR]...", nargs=-1, type=DATA_DIR)
@STRICT
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="โฟลเดอร์ผลลัพธ์ (ค่าเริ่มต้น output/<ปีงบประมาณ> หรือ output/ เมื่อสร้างหลายหน่วยงาน)"
                   "\foutput folder (default output/<fiscal year>, or output/ for several units)")
@click.option("--digits", type=click.Choice(["arabic", "thai"]), default="arabic",
              show_default=True, help="เลขอารบิก (2564) หรือเลขไทย (๒๕๖๔)"
                                      "\fArabic digits (2564) or Thai digits (๒๕๖๔)")
@click.option("--templates", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="โฟลเดอร์แม่แบบ (ค่าเริ่มต้น templates/ ของโครงการ)"
                   "\ftemplates folder (default: the project's templates/)")
@click.option("--only", callback=lambda ctx, param, value: _numbers(value), metavar="5,7",
              help="สร้างใหม่เฉพาะแผ่นตัวชี้วัดเหล่านี้ แล้วรวมเล่มใหม่"
                   "\fbuild only these indicator sheets, then join the packet again")
@click.option("--pdf", "with_pdf", is_flag=True,
              help="ทำสำเนา PDF/A ไว้ข้างไฟล์ .docx ด้วย LibreOffice"
                   "\fadd a PDF/A copy beside each .docx, made with LibreOffice")
@click.option("-v", "--verbose", is_flag=True,
              help="แสดงที่อยู่เต็มของทุกไฟล์ที่เขียน\flist the full path of every file written")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), metavar="N",
              help="จำนวนหน่วยงานที่สร้างพร้อมกัน (ค่าเริ่มต้น เท่าจำนวนแกน CPU)"
                   "\funits built at once (default: one per CPU core)")
@FONT_DIR
def build(data_dirs: tuple[Path, ...], strict: bool, out_dir: Path | None, digits: str,
          templates: Path | None, only: set[int] | None, with_pdf: bool, verbose: bool,
          jobs: int | None, font_dir: Path | None) -> None:
    """ตรวจข้อมูลแล้วสร้างเอกสาร packet.docx, agreement.docx และ sheets/

    ตรวจ DATA_DIR แล้วเขียน OUT_DIR/packet.docx (ทั้งเล่ม) OUT_DIR/agreement.docx
    (ส่วนหน้า) และ OUT_DIR/sheets/indicator-NN.docx ถ้าการตรวจข้อใดไม่ผ่านจะไม่เขียนไฟล์ใดเลย
    ไฟล์ที่ข้อมูลไม่เปลี่ยนคงไว้ทุกไบต์ แล้วบอกว่าเปลี่ยนอะไรบ้าง (บันทึกไว้ใน OUT_DIR/CHANGES.txt ด้วย)

    หลาย DATA_DIR หรือโฟลเดอร์ที่มีหลายหน่วยงานอยู่ข้างใน สร้างพร้อมกันครั้งเดียว: แต่ละหน่วยงานไปที่
    OUT_DIR/<ปีงบประมาณ>/<รหัสหน่วยงาน>/ (OUT_DIR ค่าเริ่มต้น output/) ใช้ทุกแกน CPU แล้วเขียน
    OUT_DIR/overview.docx และ .csv สรุปทุกหน่วยงาน หน่วยงานที่ข้อมูลผิดจะแจ้งไว้ หน่วยงานอื่นยังสร้างต่อ

    \b
    ตัวอย่าง:
        agreement build data/2564 -o output/2564 --digits thai
        agreement build --only 5,7
        agreement build data/ministry/2564 -o output/ministry
    \f
    Check DATA_DIR, then write OUT_DIR/packet.docx (the whole packet),
    OUT_DIR/agreement.docx (the front) and OUT_DIR/sheets/indicator-NN.docx.
    Nothing is written when any check fails. Files whose data did not change
    keep their bytes and time; OUT_DIR/manifest.json records why, and the
    change report is printed and appended to OUT_DIR/CHANGES.txt.

    Several DATA_DIRs, or a folder with units below it, build as one batch:
    each unit into OUT_DIR/<fiscal year>/<unit code>/ (OUT_DIR defaults to
    output/), one process per core, then OUT_DIR/overview.docx and .csv list
    every unit. A unit with bad data is reported; the others still build.

    \b
    Example:
        agreement build data/2564 -o output/2564 --digits thai
        agreement build --only 5,7
        agreement build data/ministry/2564 -o output/ministry
    """
    paths = list(data_dirs) or [Path("data/2564")]
    if batch.is_batch(paths):
        if only is not None:
            raise click.UsageError(tr("--only ใช้กับหน่วยงานเดียวเท่านั้น", "--only works on one unit only"))
        _build_batch(paths, out_dir or Path("output"), digits, strict, jobs, with_pdf, font_dir, templates)
        return
    data_dir = paths[0]
    result = commands.build(data_dir, out_dir, digits, templates, strict=strict, only=only,
                            progress=lambda name: click.echo(tr(f"  สร้าง {name}", f"  made {name}"),
                                                             err=True))
    for problem in result.agreement.warnings:
        click.echo(str(problem), err=True)
    click.echo("\n".join(result.report))
    _warn_stale(result)
    written = list(result.written)
    if with_pdf:
        _announce_font(font_dir)
        with _progress() as progress:
            written += commands.pdf_copies(result.out_dir, font_dir, progress)
    for path in written if verbose else []:
        click.echo(str(path.resolve()))
    packet_file = result.out_dir / packet.PACKET_NAME
    click.echo(tr(f"เอกสารทั้งเล่ม: {packet_file}", f"the whole packet: {packet_file}"))


def _warn_stale(result: commands.BuildResult) -> None:
    """Say which parts --only kept although their data changed: the packet mixes old and new."""
    if result.stale:
        parts = changes.what(result.stale, packet.numbers(result.agreement))
        click.echo(tr(f"คำเตือน: {parts} ไม่ได้สร้างใหม่ทั้งที่ข้อมูลเปลี่ยน เล่มรวมจึงมีข้อมูลเก่าปนอยู่: "
                      "สั่ง agreement build โดยไม่ใช้ --only",
                      f"warning: {parts} not built again although the data changed, so the packet "
                      "mixes old and new: run agreement build without --only"), err=True)


def _announce_font(font_dir: Path | None) -> None:
    if commands.font_build_needed(font_dir):
        click.echo(tr("สร้างฟอนต์ TH Sarabun New จาก Laksaman (ครั้งแรกครั้งเดียว ใช้เวลาสักครู่)",
                      "building TH Sarabun New from Laksaman (first time only, takes a moment)"),
                   err=True)


def _build_batch(paths, out_root, digits, strict, jobs, with_pdf, font_dir, templates) -> None:
    """Build many units with a progress bar, then print a summary table; exit 1 if any failed."""
    units = batch.find_units(paths)
    with click.progressbar(length=len(units), file=sys.stderr, label=tr("สร้างเอกสาร", "building"),
                           item_show_func=lambda name: name) as bar:
        def done(unit) -> None:
            bar.update(1, unit.data_dir.as_posix())
        with _progress() as pdf_progress:
            result = commands.build_batch(units, out_root, digits, strict, jobs, with_pdf, font_dir,
                                          done, pdf_progress, templates)
    for unit in result.failed:
        click.echo(tr(f"\n{unit.data_dir}: ตรวจข้อมูลไม่ผ่าน", f"\n{unit.data_dir}: checks failed"), err=True)
        click.echo("\n".join(unit.messages), err=True)
    click.echo(_summary_table(result.units))
    click.echo(tr("ภาพรวม: ", "overview: ") + ", ".join(map(str, result.overview)))
    if result.failed:
        sys.exit(1)


def _summary_table(units) -> str:
    """Return one line per unit: code, year, indicators, outcome, seconds."""
    lines = [tr("หน่วยงาน            ปี    ตัวชี้วัด  ผล", "unit                year  indicators  outcome")]
    for unit in units:
        facts = unit.summary
        outcome = (tr(f"สร้างใหม่ {unit.written} ไฟล์ ใน {unit.out_dir}", f"{unit.written} files made in {unit.out_dir}")
                   if unit.ok else tr(f"ไม่ผ่าน {len(unit.messages)} ข้อ: {unit.data_dir}",
                                      f"{len(unit.messages)} checks failed: {unit.data_dir}"))
        lines.append(f"{facts.get('code', '-'):<19} {facts.get('fiscal_year', '-'):<5} "
                     f"{len(facts.get('indicators', [])):>9}  {outcome} ({unit.seconds:.1f} s)")
    ok = sum(1 for u in units if u.ok)
    lines.append(tr(f"สร้างสำเร็จ {ok} จาก {len(units)} หน่วยงาน", f"{ok} of {len(units)} units built"))
    return "\n".join(lines)


class _progress:
    """One line per PDF made; `self(done, total)` reports how many exist so far."""

    def __init__(self):
        self.done, self.total = 0, None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None

    def __call__(self, done: int, total: int) -> None:
        if self.total is None:
            self.total = total
            click.echo(tr(f"แปลงเป็น PDF/A ด้วย LibreOffice {total} ไฟล์",
                          f"converting {total} files to PDF/A with LibreOffice"), err=True)
        while self.done < done:
            self.done += 1
            click.echo(f"  PDF/A {self.done}/{total}", err=True)


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


@cli.command("report")
@click.argument("data_dir", type=DATA_DIR, default=Path("data/2564"))
@click.option("--round", "round_no", type=click.Choice(["6", "9", "12"]), required=True,
              help="รอบรายงาน (เดือนที่ 6, 9 หรือ 12 ของปีงบประมาณ)\fthe round: 6, 9 or 12 months")
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="โฟลเดอร์ผลลัพธ์ (ค่าเริ่มต้น output/<ปีงบประมาณ>)\foutput folder (default output/<fiscal year>)")
@click.option("--digits", type=click.Choice(["arabic", "thai"]), default="arabic", show_default=True,
              help="เลขอารบิก (2564) หรือเลขไทย (๒๕๖๔)\fArabic digits (2564) or Thai digits (๒๕๖๔)")
def report_command(data_dir: Path, round_no: str, out_dir: Path | None, digits: str) -> None:
    """ทำรายงานผลการดำเนินงานรอบ 6, 9 หรือ 12 เดือน จาก DATA_DIR/results/NN.yaml

    ตรวจผลของรอบนั้นกับคำรับรอง คิดคะแนนจากระดับที่ทำได้และน้ำหนัก แล้วเขียน
    OUT_DIR/reports/report-NN.docx พร้อมเอกสารคำรับรองทั้งชุด

    \b
    ตัวอย่าง:
        agreement report data/2564 --round 12
    \f
    Check round 6, 9 or 12's results (DATA_DIR/results/NN.yaml) against the agreement,
    score each indicator from the level reached and its weight, and write
    OUT_DIR/reports/report-NN.docx with the rest of the output folder.

    \b
    Example:
        agreement report data/2564 --round 12
    """
    built, rnd = commands.report(data_dir, int(round_no), out_dir, digits)
    for problem in rnd.warnings:
        click.echo(str(problem), err=True)
    total = scores.two(scores.total([s for s in rnd.scores.values() if s]))
    path = built.out_dir / f"reports/report-{rnd.number:02d}.docx"
    click.echo(tr(f"คะแนนรวมรอบ {rnd.number} เดือน: {total} จาก 100", f"{rnd.number}-month total: {total} of 100"))
    click.echo(tr(f"รายงาน: {path}", f"report: {path}"))


@cli.command("schema")
@click.argument("kind", required=False, type=click.Choice(sorted(schema.KINDS)))
def print_schema(kind: str | None) -> None:
    """พิมพ์ JSON Schema ของรูปแบบข้อมูล ทั้งหมดหรือเฉพาะไฟล์ชนิดหนึ่ง

    ไฟล์ใน schema/ มาจากคำสั่งนี้ บรรทัดแรกของไฟล์ข้อมูลชี้ไปที่ schema ของมัน
    โปรแกรมแก้ไขที่มี YAML language server จึงตรวจให้ระหว่างพิมพ์

    \b
    ตัวอย่าง:
        agreement schema indicator > schema/indicator.schema.json
    \f
    Print the JSON Schema of the data format: of one kind of file, or of all.
    The files in schema/ are its output; each data file names its schema on its
    first line, so an editor with a YAML language server checks it as you type.

    \b
    Example:
        agreement schema indicator > schema/indicator.schema.json
    """
    document = schema.standalone(kind) if kind else schema.full_schema()
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


@cli.group()
def staff() -> None:
    """ดูและแก้ทะเบียนผู้รับผิดชอบตัวชี้วัด (staff.yaml)

    การแก้ไขคงหมายเหตุและรูปแบบของไฟล์ไว้ ตรวจก่อนบันทึก และบอกตัวชี้วัดที่ต้องสร้างแผ่นใหม่

    \b
    ตัวอย่าง:
        agreement staff list
        agreement staff replace จิรัฏฐ์ "ชื่อ นามสกุล" --ext 109
    \f
    List and edit the register of responsible staff. An edit keeps the
    file's comments and layout, is checked before it is saved, and names
    the indicators whose sheets must be built again.

    \b
    Example:
        agreement staff list
        agreement staff replace จิรัฏฐ์ "ชื่อ นามสกุล" --ext 109
    """


@staff.command("list")
@click.argument("data_dir", type=DATA_DIR, default=Path("data/2564"))
def staff_list(data_dir: Path) -> None:
    """แสดงผู้รับผิดชอบ เบอร์โทร และตัวชี้วัดที่รับผิดชอบ

    \b
    ตัวอย่าง:
        agreement staff list data/2564
    \f
    Show who answers for which indicators, with their phones.

    \b
    Example:
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
@click.option("--phone", help="เบอร์โทรของผู้รับผิดชอบคนใหม่ (ค่าเริ่มต้น: เบอร์เดิม)"
                             "\fthe new person's phone (default: the old one)")
@click.option("--ext", help="เลขต่อ (ค่าเริ่มต้น: เลขต่อเดิม)\fextension (default: the old one)")
@click.option("--key", "new_key", help="รหัสในทะเบียน (ค่าเริ่มต้น: ชื่อต้นของคนใหม่)"
                                       "\fregister key (default: the new person's first name)")
def staff_replace(old: str, new_name: str, data_dir: Path, phone: str | None, ext: str | None,
                  new_key: str | None) -> None:
    """ให้คนใหม่รับผิดชอบแทน OLD ในทะเบียนและในทุกตัวชี้วัด

    OLD เป็นรหัสในทะเบียนหรือชื่อเต็ม เบอร์โทรและเลขต่อคงเดิม เว้นแต่ระบุ --phone หรือ --ext

    \b
    ตัวอย่าง:
        agreement staff replace จิรัฏฐ์ "ชื่อ นามสกุล" --ext 109
    \f
    Replace person OLD (register key or full name) with NEW_NAME in the
    register and in every indicator that names them. Phone and extension
    stay as they were unless --phone or --ext is given.

    \b
    Example:
        agreement staff replace จิรัฏฐ์ "ชื่อ นามสกุล" --ext 109
    """
    _report_edit(*commands.staff_replace(data_dir, old, new_name, phone, ext, new_key))


@staff.command("set")
@click.argument("who")
@click.argument("data_dir", type=DATA_DIR, default=Path("data/2564"))
@click.option("--name", help="ชื่อเต็มใหม่ (เช่น เปลี่ยนนามสกุล)\fnew full name (after a change of surname, say)")
@click.option("--phone", help="เบอร์โทรใหม่\fnew phone")
@click.option("--ext", help="เลขต่อใหม่\fnew extension")
def staff_set(who: str, data_dir: Path, name: str | None, phone: str | None,
              ext: str | None) -> None:
    """แก้ชื่อ เบอร์โทร หรือเลขต่อของผู้รับผิดชอบหนึ่งคนในทะเบียน

    \b
    ตัวอย่าง:
        agreement staff set จิรัฏฐ์ --ext 109
    \f
    Change one person's name, phone or extension in the register.

    \b
    Example:
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
              default=Path("output/archive"), show_default=True,
              help="โฟลเดอร์เก็บถาวร\farchive folder")
@click.option("--reason", default="", help="เหตุผลของฉบับนี้ เช่น \"ฉบับลงนาม\" หรือ \"เปลี่ยนผู้รับผิดชอบ\""
                                           "\fwhy this revision, e.g. \"signed copy\"")
@FONT_DIR
def archive_command(data_dir: Path, root: Path, reason: str, font_dir: Path | None) -> None:
    """เก็บเอกสารฉบับนี้ถาวรเป็น BagIt พร้อมสำเนา PDF/A (แก้ไขหรือลบไม่ได้)

    สร้างเอกสารแล้วเก็บเป็นฉบับถัดไปใน ROOT/<ปีงบประมาณ>/<รหัสหน่วยงาน>/rev-NNN/
    (BagIt, SHA-256) มีไฟล์ .docx สำเนา PDF/A-2b ข้อมูลต้นทาง และรายการที่เปลี่ยนจากฉบับก่อน
    ข้อมูลไม่เปลี่ยนจะไม่สร้างฉบับใหม่ ฉบับที่เก็บแล้วไม่ถูกเขียนทับหรือลบ

    \b
    ตัวอย่าง:
        agreement archive data/2564 --reason "ฉบับลงนาม"
    \f
    Build the packet and store it as the next revision, ROOT/<fiscal year>/
    <unit code>/rev-NNN/: a BagIt bag (SHA-256) holding the .docx files,
    their PDF/A-2b copies, the source data and a list of changes against the
    previous revision. Unchanged data makes no new revision. Revisions are
    never overwritten or deleted.

    \b
    Example:
        agreement archive data/2564 --reason "ฉบับลงนาม"
    """
    _announce_font(font_dir)
    with _progress() as progress:
        result = commands.make_archive(data_dir, root, reason, font_dir, progress)
    click.echo(str(result.revision))
    click.echo("\n".join(result.report))
    _refresh_output(data_dir)


def _refresh_output(data_dir: Path) -> None:
    """Bring output/<fiscal year> up to the archived data, so it does not show the old one."""
    refreshed = commands.refresh_output(data_dir)
    if refreshed is not None:
        click.echo(tr(f"ปรับ {refreshed.out_dir} ให้ตรงกับข้อมูลแล้ว: ", f"brought {refreshed.out_dir} "
                      "up to date: ") + refreshed.report[1])


@cli.command("verify")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
def verify_command(path: Path) -> None:
    """ตรวจว่าเอกสารที่เก็บถาวรไม่ถูกแก้ไข ไม่หาย และไม่มีไฟล์เกิน

    ตรวจ bag เดียว หรือทุก bag ใต้ PATH บอกชื่อทุกไฟล์ที่ถูกแก้ หาย หรือเกินมา
    จบด้วยรหัส 0 เมื่อครบถ้วนทั้งหมด และ 1 เมื่อไม่ผ่าน

    \b
    ตัวอย่าง:
        agreement verify output/archive
    \f
    Check one bag, or every bag below PATH: each changed, missing or extra
    file is named. Exit 0 when all are intact, 1 otherwise.

    \b
    Example:
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
@click.option("--to", "to_year", type=int, required=True,
              help="ปีงบประมาณใหม่ (พ.ศ.) เช่น 2565\fthe new fiscal year (BE), e.g. 2565")
@click.option("-o", "--out", "target", type=click.Path(file_okay=False, path_type=Path),
              help="โฟลเดอร์ข้อมูลใหม่ (ค่าเริ่มต้น: ข้างโฟลเดอร์เดิม ชื่อตามปีใหม่)"
                   "\fthe new data folder (default: beside SOURCE, named after the new year)")
@click.option("--force", is_flag=True,
              help="แทนที่โฟลเดอร์ปลายทางที่มีอยู่แล้ว\freplace the target folder if it exists")
def rollover_command(source: Path, to_year: int, target: Path | None, force: bool) -> None:
    """เริ่มข้อมูลคำรับรองปีใหม่จากปีนี้ แล้วบอกสิ่งที่ต้องตรวจ

    ช่วงเวลาตามปีใหม่ ล้างวันที่ลงนาม เลื่อนข้อมูลพื้นฐานหนึ่งปี (ใช้ผลการดำเนินงานของแต่ละตัวชี้วัด)
    เลื่อน Roadmap โดยปีสุดท้ายใหม่คัดลอกค่าเป้าหมายเดิม คัดลอกตัวชี้วัด ทะเบียน และตารางพร้อมหมายเหตุ
    แล้วพิมพ์รายการที่ต้องตรวจ ไม่เขียนทับโฟลเดอร์ที่มีอยู่ เว้นแต่สั่ง --force

    \b
    ตัวอย่าง:
        agreement rollover data/2564 --to 2565
    \f
    Make next fiscal year's data folder from SOURCE: the period follows the new
    year, the signing date is cleared, the baseline shifts by one year (taking
    each indicator's result), the roadmap shifts and its new last year copies
    the previous target. Indicators, staff and linkage are copied with their
    comments. Prints what a person must review. Refuses to replace an existing
    folder unless --force.

    \b
    Example:
        agreement rollover data/2564 --to 2565
    """
    result = commands.make_rollover(source, to_year, target, force)
    click.echo(str(result.target))
    click.echo(tr("สิ่งที่ต้องตรวจก่อนสร้างเอกสาร:", "review before building:"))
    for number, item in enumerate(result.checklist, 1):
        click.echo(f"  {number}. {item}")


def main() -> None:
    """Run the command line, then end the process without tearing down what the run built.

    Freeing pythainlp's tokenizer (about 465,000 objects) at interpreter exit takes a
    third of a second and serves nothing: every file is written and closed by then.
    """
    locks.exit_on_signals()   # SIGTERM cleans up like Ctrl-C: temp folders, soffice
    try:
        cli(prog_name="agreement")
        code = 0
    except SystemExit as exc:
        code = exc.code
    if isinstance(code, str):
        click.echo(code, err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else (0 if code is None else 1))
