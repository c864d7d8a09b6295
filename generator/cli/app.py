"""The command line's group, its one error boundary, the options several commands share, and main.

This is the one error boundary: the project's own exceptions become a message and
exit code 1; a traceback appears only with --debug. Commands live in one module per
domain beside this one and are wired to `cli` in ``generator/cli/__init__.py``.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import click

from generator import __version__
from generator.cli.lang import Group
from generator.errors import DataError, GeneratorError, actionable, label, os_error_text, shown
from generator.i18n import _, ngettext
from generator.store import crashlog, locks


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



commands = _lazy("generator.commands")
packet = _lazy("generator.documents.packet")

DATA_DIR = click.Path(file_okay=False, path_type=Path)



class Boundary(Group):
    """A click group that turns the project's errors into messages and exit code 1.

    Only what the user can act on becomes a message: the project's own errors, and a
    file the system refuses to read or write (no permission, a full or read-only disk).
    Anything else is a bug: a short Thai line, the traceback kept in a log file whose
    path is printed, and exit code 70 (sysexits' EX_SOFTWARE).
    """

    def invoke(self, ctx: click.Context):
        for stream in (sys.stdout, sys.stderr):   # -- a path that is not UTF-8 prints, escaped, never crashes --
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(errors="backslashreplace")
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            _print_error(exc)
            sys.exit(1 if actionable(exc) else INTERNAL_ERROR)


INTERNAL_ERROR = 70


def _print_error(exc: Exception) -> None:
    if isinstance(exc, DataError):
        for problem in exc.problems:
            click.echo(shown(str(problem)), err=True)
        click.echo(tally(exc.problems) + _(": nothing was written"),
                   err=True)
    elif isinstance(exc, GeneratorError):
        click.echo(shown(f"{label('error')}: {exc}"), err=True)
    elif actionable(exc):   # a file the system would not read or write: name it, no traceback
        click.echo(shown(f"{label('error')}: {os_error_text(exc)}"), err=True)
    else:
        log = crashlog.write()
        click.echo(_("internal error (not a problem in the data): the details are in {log}; please send "
                     "that file to the program's maintainers").format(log=log), err=True)


def tally(problems) -> str:
    errors = sum(1 for p in problems if not p.warning and p.code != "strict_warnings")
    warnings = sum(1 for p in problems if p.warning)
    return _("{errors}, {warnings}").format(
            errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
            warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings))


@click.group(cls=Boundary, name="agreement")
@click.version_option(__version__, prog_name="agreement", message="%(prog)s %(version)s",
                      help="Show the version and exit.")
@click.option("--debug", is_flag=True, help="show tracebacks")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Build Thai performance-agreement packets (คำรับรองการปฏิบัติราชการ) from YAML data.

    \b
    Example:
        agreement build data/2564
    """
    ctx.obj = {"debug": debug}



FONT_DIR = click.option("--font-dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
                        help="a folder holding TH Sarabun New (default: the installed font, or one built "
                             "from Laksaman)")
STRICT = click.option("--strict", is_flag=True,
                      help="treat warnings as errors")


class PdfProgress:
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
            click.echo(_("converting {total} files to PDF/A with LibreOffice").format(total=total), err=True)
        while self.done < done:
            self.done += 1
            click.echo(f"  PDF/A {self.done}/{total}", err=True)


def announce_font(font_dir: Path | None) -> None:
    """Say before PDF copies are made what takes a moment, or what this machine lacks."""
    if commands.font_build_needed(font_dir):
        click.echo(_("building TH Sarabun New from Laksaman (first time only, takes a moment)"),
                   err=True)
    note = commands.print_note()
    if note:
        click.echo(_("note:") + " " + note, err=True)


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

