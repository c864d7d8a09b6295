"""Edits of a data folder landing whole or not at all: checked on a copy first, staged,
journaled, then renamed into place (the texts come from `data.roundtrip`).
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path

from generator.data.model import load_agreement
from generator.errors import DataError
from generator.store.locks import clean_stale_temp, lock, temp_folder
from generator.store.output import write_error

JOURNAL = ".agreement-edit.json"


def check(files: dict[str, bytes], base: Path | None = None) -> None:
    """Raise DataError unless a data folder made of `base` (if any) plus `files` checks."""
    with temp_folder("agreement-trial") as tmp:
        trial = Path(tmp) / "data"
        if base is not None:
            shutil.copytree(base, trial)
            if (base.parent / "words.txt").is_file():   # or every unit word warns
                shutil.copy(base.parent / "words.txt", Path(tmp) / "words.txt")
        for rel, data in files.items():
            (trial / rel).parent.mkdir(parents=True, exist_ok=True)
            (trial / rel).write_bytes(data)
        try:
            load_agreement(trial)
        except DataError as exc:   # -- name the clerk's files, not the trial copy --
            where = (base or Path(".")).as_posix()
            raise DataError([dataclasses.replace(p, file=p.file.replace(trial.as_posix(), where, 1))
                             for p in exc.problems]) from None


def apply(data_dir: Path, texts: dict[str, str], checked: bool = True) -> None:
    """Write `texts` (relative path → YAML text) into `data_dir` only if the result checks.

    The edit is tried on a copy first; a DataError leaves every file as it was (the form
    editor saves a clerk's draft with `checked` False: build refuses it later). The
    files then land together: all are staged, a journal naming them is written (the
    moment the edit counts as made), then each is renamed into place. A failure
    while renaming puts the old files back; after a kill the next run finishes the edit.
    """
    files = {rel: text.encode("utf-8") for rel, text in texts.items()}
    clean_stale_temp()
    with lock(data_dir):
        recover(data_dir)
        if checked:
            check(files, base=data_dir)
        try:
            _stage(data_dir, files)
            try:
                _land(data_dir)
            except BaseException:
                _undo(data_dir, files)
                raise
        except OSError as exc:
            raise write_error(exc) from exc


def _staged(target: Path, kind: str) -> Path:
    return target.with_name(f".{target.name}.agreement-{kind}")


def _stage(data_dir: Path, files: dict[str, bytes]) -> None:
    """Write the new files and a copy of each old one beside it, then the journal."""
    try:
        for rel, data in files.items():
            target = data_dir / rel
            target.parent.mkdir(exist_ok=True)   # results/ for a new round's file
            _staged(target, "new").write_bytes(data)
            if target.exists():
                shutil.copy2(target, _staged(target, "old"))
        journal = data_dir / f"{JOURNAL}.tmp"
        journal.write_text(json.dumps(sorted(files), ensure_ascii=False), encoding="utf-8")
        os.replace(journal, data_dir / JOURNAL)
    except BaseException:
        _discard(data_dir)
        raise


def _land(data_dir: Path) -> None:
    """Rename every staged file the journal names into place; then drop the journal."""
    journal = data_dir / JOURNAL
    for rel in json.loads(journal.read_text(encoding="utf-8")):
        if ".." in Path(rel).parts or Path(rel).is_absolute():
            continue
        new = _staged(data_dir / rel, "new")
        if new.exists():
            os.replace(new, data_dir / rel)
    journal.unlink()
    _discard(data_dir)


def _undo(data_dir: Path, files: dict[str, bytes]) -> None:
    """Put back the old files after a failed edit (not a kill: that one is finished)."""
    for rel in files:
        old = _staged(data_dir / rel, "old")
        if old.exists():
            os.replace(old, data_dir / rel)
        else:   # staging copied every file that existed: this one the edit was adding
            (data_dir / rel).unlink(missing_ok=True)
    (data_dir / JOURNAL).unlink(missing_ok=True)
    _discard(data_dir)


def _discard(data_dir: Path) -> None:
    for pattern in (".*.agreement-new", ".*.agreement-old", f"{JOURNAL}.tmp"):
        for path in data_dir.rglob(pattern):
            path.unlink(missing_ok=True)


def recover(data_dir: Path) -> None:
    """Finish an edit that was killed after its journal was written; drop unfinished ones."""
    if (data_dir / JOURNAL).is_file():
        _land(data_dir)
    else:
        _discard(data_dir)


def pending(data_dir: Path) -> bool:
    """Return whether a killed edit left anything in `data_dir`."""
    return (data_dir / JOURNAL).exists() or any(data_dir.rglob(".*.agreement-*"))
