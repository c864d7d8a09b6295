"""Commands about the data and what follows from it: validate, report, schema, rollover."""

from __future__ import annotations

import json
from pathlib import Path

import click

from generator.cli.app import DATA_DIR, STRICT, cli, commands, tally
from generator.data import schema, scores
from generator.errors import shown
from generator.i18n import _


@cli.command()
@click.argument("data_dir", type=DATA_DIR, default=Path("data/2564"))
@STRICT
def validate(data_dir: Path, strict: bool) -> None:
    """Run every check that build runs, and write nothing. Each problem names the
    file, line, column and field, what was expected and what was found.
    Exit 0 when the data is clean, 1 when it has problems.

    \b
    Example:
        agreement validate data/2564 --strict
    """
    agreement = commands.validate(data_dir, strict)
    for problem in agreement.warnings:
        click.echo(shown(str(problem)), err=True)
    click.echo(shown(_("checked {data_dir}:").format(data_dir=data_dir) + " ") + tally(agreement.warnings))


@cli.command("report")
@click.argument("data_dir", type=DATA_DIR, default=Path("data/2564"))
@click.option("--round", "round_no", type=click.Choice(["6", "9", "12"]), required=True,
              help="the round: 6, 9 or 12 months")
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="output folder (default output/<fiscal year>)")
@click.option("--digits", type=click.Choice(["arabic", "thai"]), default="arabic", show_default=True,
              help="Arabic digits (2564) or Thai digits (๒๕๖๔)")
def report_command(data_dir: Path, round_no: str, out_dir: Path | None, digits: str) -> None:
    """Check round 6, 9 or 12's results (DATA_DIR/results/NN.yaml) against the agreement,
    score each indicator from the level reached and its weight, and write
    OUT_DIR/reports/report-NN.docx with the rest of the output folder.

    \b
    Example:
        agreement report data/2564 --round 12
    """
    built, rnd = commands.report(data_dir, int(round_no), out_dir, digits)
    for problem in rnd.warnings:
        click.echo(str(problem), err=True)
    if built.hand_edits:   # -- say where the edited copies went, as build does --
        click.echo("\n".join(built.report[1:]))
    total = scores.two(scores.total([s for s in rnd.scores.values() if s]))
    path = built.out_dir / f"reports/report-{rnd.number:02d}.docx"
    click.echo(_("{round}-month total: {total} of 100").format(round=rnd.number, total=total))
    click.echo(_("report: {path}").format(path=path))


@cli.command("schema")
@click.argument("kind", required=False, type=click.Choice(sorted(schema.KINDS)))
def print_schema(kind: str | None) -> None:
    """Print the JSON Schema of the data format: of one kind of file, or of all.
    The files in schema/ are its output; each data file names its schema on its
    first line, so an editor with a YAML language server checks it as you type.

    \b
    Example:
        agreement schema indicator > schema/indicator.schema.json
    """
    document = schema.standalone(kind) if kind else schema.full_schema()
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


@cli.command("rollover")
@click.argument("source", type=DATA_DIR)
@click.option("--to", "to_year", type=int, required=True,
              help="the new fiscal year (BE), e.g. 2565")
@click.option("-o", "--out", "target", type=click.Path(file_okay=False, path_type=Path),
              help="the new data folder (default: beside SOURCE, named after the new year)")
@click.option("--force", is_flag=True,
              help="replace the target folder if it exists (moved aside, not deleted)")
def rollover_command(source: Path, to_year: int, target: Path | None, force: bool) -> None:
    """Make next fiscal year's data folder from SOURCE: the period follows the new
    year, the signing date is cleared, the baseline shifts by one year (taking
    the 12-month results, results/12.yaml), the roadmap shifts and its new last year copies
    the previous target. Indicators, staff and linkage are copied with their
    comments. Prints what a person must review. Refuses to replace an existing
    folder unless --force, which moves it aside whole (TARGET.replaced-DATE-TIME),
    lists what it held, and deletes nothing.

    \b
    Example:
        agreement rollover data/2564 --to 2565
    """
    result = commands.make_rollover(source, to_year, target, force)
    click.echo(str(result.target))
    if result.replaced is not None:
        held = ", ".join(result.replaced_entries[:12]) + (" …" if len(result.replaced_entries) > 12 else "")
        click.echo(_("what {target} held ({held}) was moved, whole, to {replaced}; nothing was deleted "
                     "(move it elsewhere once checked: a batch build of the parent would find the unit twice)"
                     ).format(target=result.target, held=held, replaced=result.replaced), err=True)
    click.echo(_("review before building:"))
    for number, item in enumerate(result.checklist, 1):
        click.echo(f"  {number}. {item}")

