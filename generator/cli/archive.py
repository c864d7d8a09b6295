"""The archive commands: store a revision, verify revisions."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.app import DATA_DIR, FONT_DIR, PdfProgress, announce_font, cli, commands
from generator.errors import GeneratorError, tr


@cli.command("archive")
@click.argument("data_dir", type=DATA_DIR, default=Path("data/2564"))
@click.option("--root", type=click.Path(file_okay=False, path_type=Path),
              default=Path("output/archive"), show_default=True,
              help="โฟลเดอร์เก็บถาวร\farchive folder")
@click.option("--reason", default="", help="เหตุผลของฉบับนี้ เช่น \"ฉบับลงนาม\" หรือ \"เปลี่ยนผู้รับผิดชอบ\""
                                           "\fwhy this revision, e.g. \"signed copy\"")
@click.option("--allow-example", is_flag=True,
              help="ยอมเก็บผลการดำเนินงานตัวอย่าง (example: true) ซึ่งปกติจะไม่เก็บ"
                   "\farchive example results (example: true), which are refused otherwise")
@FONT_DIR
def archive_command(data_dir: Path, root: Path, reason: str, allow_example: bool, font_dir: Path | None) -> None:
    """เก็บเอกสารฉบับนี้ถาวรเป็น BagIt พร้อมสำเนา PDF/A (แก้ไขหรือลบไม่ได้)

    สร้างเอกสารแล้วเก็บเป็นฉบับถัดไปใน ROOT/<ปีงบประมาณ>/<รหัสหน่วยงาน>/rev-NNN/
    (BagIt, SHA-256) มีไฟล์ .docx สำเนา PDF/A-2b ข้อมูลต้นทาง และรายการที่เปลี่ยนจากฉบับก่อน
    ข้อมูลไม่เปลี่ยนจะไม่สร้างฉบับใหม่ ฉบับที่เก็บแล้วไม่ถูกเขียนทับหรือลบ ไม่เก็บไฟล์ซ่อน (.git)
    หรือลิงก์ที่ชี้ออกนอกโฟลเดอร์ข้อมูล และไม่เก็บผลตัวอย่าง (example: true) เว้นแต่สั่ง --allow-example

    \b
    ตัวอย่าง:
        agreement archive data/2564 --reason "ฉบับลงนาม"
    \f
    Build the packet and store it as the next revision, ROOT/<fiscal year>/
    <unit code>/rev-NNN/: a BagIt bag (SHA-256) holding the .docx files,
    their PDF/A-2b copies, the source data and a list of changes against the
    previous revision. Unchanged data makes no new revision. Revisions are
    never overwritten or deleted. Hidden files (.git) and links leading out of
    the data folder are not stored; example results (example: true) are
    refused unless --allow-example.

    \b
    Example:
        agreement archive data/2564 --reason "ฉบับลงนาม"
    """
    announce_font(font_dir)
    with PdfProgress() as progress:
        result = commands.make_archive(data_dir, root, reason, font_dir, progress, allow_example=allow_example)
    click.echo(str(result.revision))
    click.echo("\n".join(result.report))
    _refresh_output(data_dir)


def _refresh_output(data_dir: Path) -> None:
    """Bring output/<fiscal year> up to the archived data, so it does not show the old one."""
    refreshed = commands.refresh_output(data_dir)
    if refreshed is not None:
        click.echo(tr(f"ปรับ {refreshed.out_dir} ให้ตรงกับข้อมูลแล้ว: ", f"brought {refreshed.out_dir} "
                      "up to date: ") + refreshed.report[1])
        if refreshed.hand_edits:   # -- where the edited copies went --
            click.echo("\n".join(refreshed.report[2:]))


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

