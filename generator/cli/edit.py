"""The editor command: open a unit's data as forms in the browser.

The web server (starlette, uvicorn) loads only when the command runs, so ``--help`` and
the other commands start without it.
"""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.app import DATA_DIR, cli
from generator.data import folders
from generator.errors import GeneratorError
from generator.i18n import _


@cli.command("edit")
@click.argument("data_dir", type=DATA_DIR, default=Path("data/2564"))
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="output folder of the build buttons (default output/<fiscal year>)")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("output/archive"),
              show_default=True, help="archive folder")
@click.option("--port", type=click.IntRange(0, 65535), metavar="PORT",
              help="port on 127.0.0.1 (0: any free port; default 8564, or a free one if it is taken)")
@click.option("--no-browser", is_flag=True, help="do not open the browser")
def edit(data_dir: Path, out_dir: Path | None, root: Path, port: int | None, no_browser: bool) -> None:
    """Serve DATA_DIR as Thai forms in the browser, on 127.0.0.1 only. Prints
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
        raise GeneratorError(_("no unit data ({UNIT_FILE}) in {data_dir}").format(
                UNIT_FILE=folders.UNIT_FILE, data_dir=data_dir))
    out_dir = out_dir or Path("output") / str(files.fiscal_year(data_dir) or "unknown")
    try:
        server.serve(data_dir, out_dir, root, port, not no_browser, announce=lambda line: click.echo(line))
    except KeyboardInterrupt:   # uvicorn raises Ctrl-C again once it has stopped: that is the way out
        pass
    click.echo(_("the editor has stopped"))
