"""The command that starts next year's data folder: rollover."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from generator.commands.packets import validate
from generator.data import results, rollover
from generator.errors import DataError, GeneratorError
from generator.i18n import _
from generator.store import edits, output
from generator.store.output import write_folder


@dataclass
class RolloverResult:
    target: Path
    checklist: list[str]
    replaced: Path | None = None              # where --force moved the folder it replaced
    replaced_entries: list[str] = field(default_factory=list)   # what that folder held


def make_rollover(source: Path, to_year: int, target: Path | None = None,
                  force: bool = False, now: datetime | None = None) -> RolloverResult:
    """Write next year's data folder from `source`; refuse to replace one unless `force`.

    The 12-month results (results/12.yaml), checked first, become the newest baseline
    year, unless they are example results. With `force`, an existing target is not
    deleted: it is moved aside, whole, to ``TARGET.replaced-YYYYMMDD-HHMMSS`` beside it.
    """
    agreement = validate(source, with_results=False)
    if 12 in results.rounds_in(source):
        try:
            results.load_round(source, agreement, 12)
        except DataError as exc:   # a missing result only leaves its baseline cell "-"
            if any(p.code != "missing_result" for p in exc.problems if not p.warning):
                raise
    target = target or source.parent / str(to_year)
    if target.exists() and not force:
        raise GeneratorError(_("{target} exists: not overwritten (use --force to move it aside and make a "
                               "new one)").format(target=target))
    output.check_protected(target, (source,))
    files, checklist = rollover.roll(source, to_year)
    edits.check(files)
    if not target.exists() and not target.is_symlink():
        write_folder(target, files, None, (source,))
        return RolloverResult(target, checklist)
    _check_replaceable(target)
    entries = sorted(p.name + ("/" if p.is_dir() else "") for p in target.iterdir())
    aside = output.move_aside(target, now or datetime.now())
    try:
        write_folder(target, files, None, (source,))
    except BaseException:
        if not target.exists():
            os.rename(aside, target)
        raise
    return RolloverResult(target, checklist, aside, entries)


def _check_replaceable(target: Path) -> None:
    """Refuse, even with --force, a target that is not a data folder (a home folder, a typo)."""
    if target.is_symlink() or not target.is_dir() or not (target / "agreement.yaml").is_file():
        raise GeneratorError(_("{target} is not a data folder (no agreement.yaml): not replaced, even with "
                               "--force").format(target=target))
