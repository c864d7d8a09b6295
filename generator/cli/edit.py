"""The editor command: open a unit's data as forms in the browser.

The web server (starlette, uvicorn) loads only when the command runs, so ``--help`` and
the other commands start without it.
"""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.app import DATA_DIR, cli
from generator.data import folders
from generator.errors import GeneratorError, tr


@cli.command("edit")
@click.argument("data_dir", type=DATA_DIR, default=Path("data/2564"))
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="โฟลเดอร์ผลลัพธ์ของปุ่มสร้างเอกสาร (ค่าเริ่มต้น output/<ปีงบประมาณ>)"
                   "\foutput folder of the build buttons (default output/<fiscal year>)")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("output/archive"),
              show_default=True, help="โฟลเดอร์เก็บถาวร\farchive folder")
@click.option("--port", type=click.IntRange(0, 65535), metavar="PORT",
              help="พอร์ตบน 127.0.0.1 (0: เลือกพอร์ตว่างเอง ค่าเริ่มต้น 8564 หรือพอร์ตว่างถ้ามีผู้ใช้แล้ว)"
                   "\fport on 127.0.0.1 (0: any free port; default 8564, or a free one if it is taken)")
@click.option("--no-browser", is_flag=True, help="ไม่ต้องเปิดเบราว์เซอร์\fdo not open the browser")
def edit(data_dir: Path, out_dir: Path | None, root: Path, port: int | None, no_browser: bool) -> None:
    """เปิดข้อมูลของหน่วยงานเป็นแบบฟอร์มภาษาไทยในเบราว์เซอร์ ตรวจระหว่างพิมพ์ แล้วสร้างเอกสาร

    ทำงานบนเครื่องนี้เท่านั้น (127.0.0.1) พิมพ์ที่อยู่พร้อมรหัสเข้าใช้ (token) หนึ่งบรรทัด
    แล้วเปิดเบราว์เซอร์ให้ ตรวจข้อมูลแบบเดียวกับ validate ทุกครั้งที่แก้ บันทึกโดยคงหมายเหตุในไฟล์ YAML
    มีปุ่มดูตัวอย่างหน้า สร้างเอกสาร PDF รายงานผล และเก็บถาวร กด Ctrl-C เพื่อหยุด

    \b
    ตัวอย่าง:
        agreement edit data/2564
        agreement edit data/2564 --port 0 --no-browser
    \f
    Serve DATA_DIR as Thai forms in the browser, on 127.0.0.1 only. Prints
    its address with an access token on one line and opens the browser. Every
    change is checked as validate checks; saving keeps the YAML's comments;
    buttons preview pages, build, make PDFs, report a round and archive.
    Ctrl-C stops it.

    \b
    Example:
        agreement edit data/2564
        agreement edit data/2564 --port 0 --no-browser
    """
    from generator.editor import files, server  # starlette and uvicorn load only here

    if not (data_dir / folders.UNIT_FILE).is_file():
        raise GeneratorError(tr(f"ไม่พบข้อมูลหน่วยงาน ({folders.UNIT_FILE}) ใน {data_dir}",
                                f"no unit data ({folders.UNIT_FILE}) in {data_dir}"))
    out_dir = out_dir or Path("output") / str(files.fiscal_year(data_dir) or "unknown")
    try:
        server.serve(data_dir, out_dir, root, port, not no_browser, announce=lambda line: click.echo(line))
    except KeyboardInterrupt:   # uvicorn raises Ctrl-C again once it has stopped: that is the way out
        pass
    click.echo(tr("หยุดตัวแก้ไขแล้ว", "the editor has stopped"))
