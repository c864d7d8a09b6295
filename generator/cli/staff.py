"""The staff commands: who answers for which indicators, and changing them."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.app import DATA_DIR, cli, commands
from generator.errors import tr
from generator.store import changes


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

