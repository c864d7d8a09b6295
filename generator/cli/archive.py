"""The archive commands: store a revision, verify revisions."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.app import DATA_DIR, FONT_DIR, PdfProgress, announce_font, cli, commands
from generator.errors import GeneratorError
from generator.i18n import _


@cli.command("archive")
@click.argument("data_dir", type=DATA_DIR, default=Path("data/2564"))
@click.option("--root", type=click.Path(file_okay=False, path_type=Path),
              default=Path("output/archive"), show_default=True,
              help="archive folder")
@click.option("--reason", default="", help="why this revision, e.g. \"signed copy\"")
@click.option("--allow-example", is_flag=True,
              help="archive example results (example: true), which are refused otherwise")
@FONT_DIR
def archive_command(data_dir: Path, root: Path, reason: str, allow_example: bool, font_dir: Path | None) -> None:
    """Build the packet and store it as the next revision, ROOT/<fiscal year>/
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
        click.echo(_("brought {out_dir} up to date:").format(out_dir=refreshed.out_dir) + " " + refreshed.report[1])
        if refreshed.hand_edits:   # -- where the edited copies went --
            click.echo("\n".join(refreshed.report[2:]))


@cli.command("verify")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
def verify_command(path: Path) -> None:
    """Check one bag, or every bag below PATH: each changed, missing or extra
    file is named. Exit 0 when all are intact, 1 otherwise.

    \b
    Example:
        agreement verify output/archive
    """
    results = commands.verify(path)
    for bag, problems in results.items():
        click.echo(f"{bag}: " + (_("intact") if not problems else _("FAILED")))
        for problem in problems:
            click.echo(f"    {problem}")
    failed = [bag for bag, problems in results.items() if problems]
    if failed:
        raise GeneratorError(_("{count} of {count2} bags failed").format(count=len(failed), count2=len(results)))

