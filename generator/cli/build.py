"""Commands that make documents: build (one unit or a batch)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.app import DATA_DIR, FONT_DIR, STRICT, PdfProgress, announce_font, cli, commands, packet
from generator.data import folders
from generator.errors import shown
from generator.i18n import _
from generator.store import changes


@cli.command()
@click.argument("data_dirs", metavar="[DATA_DIR]...", nargs=-1, type=DATA_DIR)
@STRICT
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="output folder (default output/<fiscal year>, or output/batch/ for several units)")
@click.option("--digits", type=click.Choice(["arabic", "thai"]), default="arabic",
              show_default=True, help="Arabic digits (2564) or Thai digits (๒๕๖๔)")
@click.option("--templates", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="templates folder (default: the project's templates/)")
@click.option("--only", callback=lambda ctx, param, value: _numbers(value), metavar="5,7",
              help="build only these indicator sheets, then join the packet again")
@click.option("--pdf", "with_pdf", is_flag=True,
              help="add a PDF/A copy beside each .docx, made with LibreOffice")
@click.option("-v", "--verbose", is_flag=True,
              help="list the full path of every file written")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), metavar="N",
              help="units built at once (default: one per CPU core)")
@FONT_DIR
def build(data_dirs: tuple[Path, ...], strict: bool, out_dir: Path | None, digits: str,
          templates: Path | None, only: set[int] | None, with_pdf: bool, verbose: bool,
          jobs: int | None, font_dir: Path | None) -> None:
    """Check DATA_DIR, then write OUT_DIR/packet.docx (the whole packet),
    OUT_DIR/agreement.docx (the front) and OUT_DIR/sheets/indicator-NN.docx.
    Nothing is written when any check fails. Files whose data did not change
    keep their bytes and time; OUT_DIR/manifest.json records why, and the
    change report is printed and appended to OUT_DIR/CHANGES.txt.

    Several DATA_DIRs, or a folder with units below it, build as one batch:
    each unit into OUT_DIR/<fiscal year>/<unit code>/ (OUT_DIR defaults to
    output/batch/), one process per core, then OUT_DIR/overview.docx and .csv
    list every unit. A unit that fails is reported; the others still build.
    Two units with one fiscal year and code are refused before anything is written.

    \b
    Example:
        agreement build data/2564 -o output/2564 --digits thai
        agreement build --only 5,7
        agreement build data/ministry/2564 -o output/ministry
    """
    paths = list(data_dirs) or [Path("data/2564")]
    if folders.is_batch(paths):
        if only is not None:
            raise click.UsageError(_("--only works on one unit only"))
        _build_batch(paths, out_dir, digits, strict, jobs, with_pdf, font_dir, templates)
        return
    data_dir = paths[0]
    result = commands.build(data_dir, out_dir, digits, templates, strict=strict, only=only,
                            progress=lambda name: click.echo("  " + _("made {name}").format(name=name),
                                                             err=True))
    for problem in result.agreement.warnings:
        click.echo(shown(str(problem)), err=True)
    click.echo(shown("\n".join(result.report)))
    _warn_stale(result)
    _remind_pending(result, data_dir)
    written = list(result.written)
    if with_pdf:
        announce_font(font_dir)
        with PdfProgress() as progress:
            written += commands.pdf_copies(result.out_dir, font_dir, progress,
                                           commands.accepted_words(data_dir))
    for path in written if verbose else []:
        click.echo(str(path.resolve()))
    packet_file = result.out_dir / packet.PACKET_NAME
    click.echo(shown(_("the whole packet: {packet_file}").format(packet_file=packet_file)))


def _warn_stale(result: commands.BuildResult) -> None:
    """Say which parts --only kept although their data changed: the packet mixes old and new."""
    if result.stale:
        parts = changes.what(result.stale, packet.numbers(result.agreement))
        click.echo(_("warning: {parts} not built again although the data changed, so the packet mixes old "
                     "and new: run agreement build without --only").format(parts=parts), err=True)


def _remind_pending(result: commands.BuildResult, data_dir: Path) -> None:
    """Name the hand-edited copies kept by earlier builds whose edits are not yet in the data."""
    for edit in result.pending:
        path = result.out_dir / edit.name
        click.echo(_("not yet carried into the data: {path} (edited by hand, saved {saved:%Y-%m-%d "
                     "%H:%M}); run agreement absorb {path} {data_dir} to see what was edited").format(
                             path=path, saved=edit.saved, data_dir=data_dir), err=True)


def _build_batch(paths, out_root, digits, strict, jobs, with_pdf, font_dir, templates) -> None:
    """Build many units with a progress bar, then print a summary table; exit 1 if any failed."""
    units = folders.find_units(paths)
    commands.check_batch(units, out_root)   # -- refused before the progress bar: nothing was built --
    if with_pdf:
        announce_font(font_dir)
    with click.progressbar(length=len(units), file=sys.stderr, label=_("building"),
                           item_show_func=lambda name: name) as bar:
        def done(unit) -> None:
            bar.update(1, unit.data_dir.as_posix())
        with PdfProgress() as pdf_progress:
            result = commands.build_batch(units, out_root, digits, strict, jobs, with_pdf, font_dir,
                                          done, pdf_progress, templates)
    for unit in result.failed:
        click.echo(shown(f"\n{unit.data_dir}: {_failure(unit)}"), err=True)
        click.echo(shown("\n".join(unit.messages)), err=True)
    for problem in result.problems:
        click.echo(_("overview:") + " " + problem, err=True)
    click.echo(shown(_summary_table(result.units)))
    click.echo(_("overview:") + " " + ", ".join(map(str, result.overview)))
    for unit in result.units:
        for edit in commands.hand_edits(unit.out_dir) if unit.ok else []:
            if edit.kept and not edit.absorbed:
                click.echo(_("edited by hand, not yet carried into the data: {copy} (agreement absorb "
                             "{copy} {data_dir})").format(
                                     copy=unit.out_dir / edit.name, data_dir=unit.data_dir), err=True)
    if result.failed or result.problems:
        sys.exit(1)


def _failure(unit) -> str:
    return {"build": _("documents could not be made"),
            "pdf": _("PDF copies could not be made")}.get(
                unit.stage, _("checks failed"))


def _summary_table(units) -> str:
    """Return one line per unit: code, year, indicators, outcome, seconds."""
    lines = [_("unit                year  indicators  outcome")]
    for unit in units:
        facts = unit.summary
        outcome = (_("{written} files made in {out_dir}").format(written=unit.written, out_dir=unit.out_dir)
                   if unit.ok else f"{_failure(unit)} {len(unit.messages)} " + _("problems")
                   + f": {unit.data_dir}")
        lines.append(f"{facts.get('code', '-'):<19} {facts.get('fiscal_year', '-'):<5} "
                     f"{len(facts.get('indicators', [])):>9}  {outcome} ({unit.seconds:.1f} s)")
    ok = sum(1 for u in units if u.ok)
    lines.append(_("{ok} of {count} units built").format(ok=ok, count=len(units)))
    return "\n".join(lines)


def _numbers(value: str | None) -> set[int] | None:
    """Parse ``5,7`` or ``5-8`` into indicator numbers."""
    if value is None:
        return None
    numbers: set[int] = set()
    try:
        for piece in value.split(","):
            low, _dash, high = piece.strip().partition("-")
            first, last = int(low), int(high or low)
            if not 0 < first <= last <= 999:
                raise ValueError(piece)
            numbers.update(range(first, last + 1))
    except ValueError:
        raise click.BadParameter(_("expected indicator numbers such as 5,7 or 5-8, not {value}").format(
                value=value)) from None
    return numbers

