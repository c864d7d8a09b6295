"""One function per command: data folder in, files out. No argument parsing here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator import packet
from generator.errors import DataError, Problem
from generator.model import Agreement, load_agreement
from generator.output import write_folder

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_templates() -> Path:
    """Return the templates folder: the project's own, or ./templates."""
    bundled = PROJECT_ROOT / "templates"
    return bundled if bundled.is_dir() else Path("templates")


@dataclass
class BuildResult:
    agreement: Agreement
    out_dir: Path
    written: list[Path]


def validate(data_dir: Path, strict: bool = False) -> Agreement:
    """Run every check on `data_dir`; raise DataError listing all problems.

    With `strict`, warnings (proofreading, far dates, unquoted yes/no) fail too.
    """
    agreement = load_agreement(data_dir)
    if strict and agreement.warnings:
        count = len(agreement.warnings)
        raise DataError(list(agreement.warnings) + [Problem("strict_warnings", str(data_dir),
                                                            params={"count": count})])
    return agreement


def build(data_dir: Path, out_dir: Path | None = None, digits: str = "arabic",
          templates: Path | None = None, progress=None, strict: bool = False) -> BuildResult:
    """Check `data_dir`, render the packet and replace the output folder atomically."""
    agreement = validate(data_dir, strict)
    out_dir = out_dir or Path("output") / str(agreement.fiscal_year)
    files = packet.build(agreement, templates or default_templates(), digits, progress)
    order = [packet.PACKET_NAME, packet.FRONT_NAME] + sorted(
        name for name in files if name.startswith("sheets/"))
    written = write_folder(out_dir, {name: files[name] for name in order})
    return BuildResult(agreement, out_dir, written)
