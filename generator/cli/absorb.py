"""The absorb command: a document edited in Word, carried back into the data."""

from __future__ import annotations

import re
from pathlib import Path

import click

from generator.cli.app import DATA_DIR, _lazy, cli, commands
from generator.i18n import _, ngettext
from generator.store import changes

_CONTEXT = 24   # -- characters kept around a change when a text is long --
loader = _lazy("generator.data.loader")   # -- YAML: only when the command runs --
_MARK = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")   # -- Thai vowels and tone marks above or below --


@cli.command("absorb")
@click.argument("document", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("data_dir", type=DATA_DIR, default=Path("data/2564"))
@click.option("--write", is_flag=True,
              help="write the new texts into their YAML fields (comments and layout kept)")
@click.option("--templates", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="templates folder the document was built with (default: the project's templates/)")
def absorb_command(document: Path, data_dir: Path, write: bool, templates: Path | None) -> None:
    """Compare DOCUMENT (the packet, the front or an indicator sheet, edited in
    Word) with what the data in DATA_DIR makes, and list every paragraph and
    table cell that differs: the YAML file, line and field that gave the
    text, with the old and new text. --write puts the new texts into those
    fields, all files together (comments and layout kept); agreement build
    then prints the edited wording. What cannot be carried back (a new
    paragraph, a changed table, template text, a derived year or date) is
    listed as such, never guessed.

    \b
    Example:
        agreement absorb output/2564/packet.docx
        agreement absorb output/2564/packet.docx data/2564 --write
    """
    result = commands.absorb(document, data_dir, write, templates)
    differences = result.differences
    name = label(result.source.of, result.numbers)
    if not differences:
        click.echo(_("{document} ({name}) reads as the data in {data_dir} makes it (formatting, such as "
                     "bold, size or colour, cannot be carried into the data)").format(
                             document=document, name=name, data_dir=data_dir))
    else:
        click.echo(ngettext("{document} ({name}) against the data in {data_dir}: {count} difference",
                            "{document} ({name}) against the data in {data_dir}: {count} differences",
                            len(differences)).format(document=document, name=name, data_dir=data_dir,
                                                     count=len(differences)))
    for n, difference in enumerate(differences, 1):
        click.echo("\n".join(_lines(n, difference, result)))
    _summary(result, document, data_dir, write)


def _lines(n: int, difference, result) -> list[str]:
    change = difference.change
    where = _where(change, result)
    origin = difference.origin
    field = (_("{file} line {line} field {field}").format(
            file=result.data_dir / origin.file, line=difference.line, field=loader.dotted(origin.path))
             if origin is not None and origin.writable else "")
    if difference.writable:
        head = f"{n}. {field}" + (f" ({where})" if where else "")
    else:
        why = commands.absorb_reason(difference, result.templates.get(change.part, ""))
        place = ", ".join(p for p in (where, field) if p)
        head = _("{n}. not carried").format(n=n) + (f" ({place})" if place else "") + f": {why}"
    old, new = _excerpt(change.old, change.new)
    lines = [head]
    if change.after:
        lines.append("   " + _("after: {short}").format(short=_short(change.after)))
    if old:
        lines.append("   " + _("old: {old}").format(old=old))
    if new:
        lines.append("   " + _("new: {new}").format(new=new))
    return lines


def _where(change, result) -> str:
    """Return where a change sits, as the clerk finds it: the part (in the packet), the table cell."""
    part = label(change.part, result.numbers) if change.part and change.part != result.source.of else ""
    kind, *place = change.where or ("",)
    cell = ""
    if kind == "cell":
        table, row, column, _paragraph = place
        cell = _("table {table} row {row} cell {cell}").format(
                table=table + 1, row=row + 1, cell=column + 1)
    elif kind == "table":
        cell = _("table {table}").format(table=place[0] + 1)
    return " ".join(p for p in (part, cell) if p)


def label(name: str, numbers: dict[str, int]) -> str:
    """Return one output file as the clerk names it.

    >>> label("sheets/indicator-05.docx", {"sheets/indicator-05.docx": 5}), label("packet.docx", {})
    ('แผ่นตัวชี้วัดที่ 5', 'เล่มรวม packet.docx')
    """
    if name in numbers:
        return _("indicator sheet {numbers}").format(numbers=numbers[name])
    return changes.what([name], numbers)


def _excerpt(old: str, new: str) -> tuple[str, str]:
    """Return `old` and `new` cut to the stretch that differs, with some text on each side."""
    if len(old) <= 3 * _CONTEXT and len(new) <= 3 * _CONTEXT:
        return old, new
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    begin, stop = max(0, start - _CONTEXT), max(0, end - _CONTEXT)
    space = old.rfind(" ", 0, begin)
    begin = space + 1 if begin and begin - space <= 2 * _CONTEXT else begin   # -- start at a word --
    space = old.find(" ", len(old) - stop)
    stop = len(old) - space if stop and 0 <= space - (len(old) - stop) <= 2 * _CONTEXT else stop
    while begin and _MARK.match(old[begin]):
        begin -= 1   # -- never start on a vowel or tone mark --
    cut = [("…" if begin else "") + text[begin:len(text) - stop] + ("…" if stop else "") for text in (old, new)]
    return cut[0], cut[1]


def _short(text: str) -> str:
    return text if len(text) <= 2 * _CONTEXT else text[:2 * _CONTEXT] + "…"


def _summary(result, document: Path, data_dir: Path, write: bool) -> None:
    writable = [d for d in result.differences if d.writable]
    left = len(result.differences) - len(writable)
    if write and result.written:
        files = ", ".join(str(data_dir / rel) for rel in result.written)
        click.echo(ngettext("wrote {count} field in {files} (comments and layout kept); run agreement "
                            "build {data_dir} to make the documents again",
                            "wrote {count} fields in {files} (comments and layout kept); run agreement "
                            "build {data_dir} to make the documents again", len(writable)).format(
                                    count=len(writable), files=files, data_dir=data_dir))
    elif writable:
        click.echo(_("{count} can be carried back: run agreement absorb {document} {data_dir} --write to "
                     "write them into the YAML, then agreement build").format(
                             count=len(writable), document=document, data_dir=data_dir))
    if left:
        click.echo(_("{left} cannot be carried back: see above; {document} stays for reference").format(
                left=left, document=document))
    if result.absorbed:
        click.echo(_("{document} now counts as carried back into the data: no longer reported as pending").format(
                document=document))
