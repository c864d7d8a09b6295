"""The staff commands: who answers for which indicators, and changing them."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.app import DATA_DIR, cli, commands
from generator.i18n import _
from generator.store import changes


@cli.group()
def staff() -> None:
    """List and edit the register of responsible staff. An edit keeps the
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
    """Show who answers for which indicators, with their phones.

    \b
    Example:
        agreement staff list data/2564
    """
    for person in commands.staff_list(data_dir):
        numbers = changes.ranges(person.indicators) or "-"
        click.echo(f"{person.key}\t{person.name}\t{person.phone}\t"
                   + _("indicators {numbers}").format(numbers=numbers))


@staff.command("replace")
@click.argument("old")
@click.argument("new_name")
@click.argument("data_dir", type=DATA_DIR, default=Path("data/2564"))
@click.option("--phone", help="the new person's phone (default: the old one)")
@click.option("--ext", help="extension (default: the old one)")
@click.option("--key", "new_key", help="register key (default: the new person's first name)")
def staff_replace(old: str, new_name: str, data_dir: Path, phone: str | None, ext: str | None,
                  new_key: str | None) -> None:
    """Replace person OLD (register key or full name) with NEW_NAME in the
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
@click.option("--name", help="new full name (after a change of surname, say)")
@click.option("--phone", help="new phone")
@click.option("--ext", help="new extension")
def staff_set(who: str, data_dir: Path, name: str | None, phone: str | None,
              ext: str | None) -> None:
    """Change one person's name, phone or extension in the register.

    \b
    Example:
        agreement staff set จิรัฏฐ์ --ext 109
    """
    _report_edit(*commands.staff_set(data_dir, who, name, phone, ext))


def _report_edit(before, after) -> None:
    click.echo(f"{before.name} ({before.phone}) → {after.name} ({after.phone})")
    numbers = changes.ranges(after.indicators)
    click.echo(_("indicators affected: {numbers}").format(numbers=numbers))
    click.echo(_("run agreement build to make these sheets again"))

