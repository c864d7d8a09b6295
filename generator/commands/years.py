"""The command that starts next year's data folder: rollover."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.commands.packets import validate
from generator.data import results, rollover
from generator.errors import DataError, GeneratorError, tr
from generator.store import edits, output
from generator.store.output import write_folder


@dataclass
class RolloverResult:
    target: Path
    checklist: list[str]


def make_rollover(source: Path, to_year: int, target: Path | None = None,
                  force: bool = False) -> RolloverResult:
    """Write next year's data folder from `source`; refuse to replace one unless `force`.

    The 12-month results (results/12.yaml), checked first, become the newest baseline year.
    """
    agreement = validate(source)
    if 12 in results.rounds_in(source):
        try:
            results.load_round(source, agreement, 12)
        except DataError as exc:   # a missing result only leaves its baseline cell "-"
            if any(p.code != "missing_result" for p in exc.problems if not p.warning):
                raise
    target = target or source.parent / str(to_year)
    if target.exists() and not force:
        raise GeneratorError(tr(f"{target} มีอยู่แล้ว: ไม่เขียนทับ (ใช้ --force เพื่อแทนที่)",
                                f"{target} exists: not overwritten (use --force to replace it)"))
    output.check_protected(target, (source,))
    files, checklist = rollover.roll(source, to_year)
    edits.check(files)
    write_folder(target, files, _replaceable_data(target), (source,))
    return RolloverResult(target, checklist)


def _replaceable_data(target: Path) -> set[str]:
    """Return the files `rollover --force` may replace: those of a data folder, nothing else."""
    if not target.is_dir():
        return set()
    if not (target / "agreement.yaml").is_file():
        raise GeneratorError(tr(f"{target} ไม่ใช่โฟลเดอร์ข้อมูล (ไม่มี agreement.yaml): ไม่เขียนทับแม้สั่ง --force",
                                f"{target} is not a data folder (no agreement.yaml): not replaced, even with --force"))
    return {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}

