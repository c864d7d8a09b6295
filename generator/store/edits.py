"""Edits of a data folder landing whole or not at all: checked on a copy first, staged,
journaled, then renamed into place (the texts come from `data.roundtrip`).

Every staged file carries a name no one else's file has (``.NAME.agreement-new-PID-TOKEN``),
and a record (`records`, in the user's own state folder) names each one before it is
written. The record is the journal: once it says ``landing`` the edit counts as made.
Cleanup after a kill removes only the files a record names; a file in the data folder
that merely looks like a staged one is never touched. Each edited file keeps its mode.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

from generator.data.model import load_agreement
from generator.errors import DataError
from generator.store import records
from generator.store.locks import clean_stale_temp, lock, temp_folder
from generator.store.output import write_error

# -- what `load_agreement` reads: a trial copies these, not the clerk's other files --
CHECKED = ("agreement.yaml", "staff.yaml", "linkage.yaml", "words.txt", "indicators/*.yaml")


def check(files: dict[str, bytes], base: Path | None = None) -> None:
    """Raise DataError unless a data folder made of `base` (if any) plus `files` checks."""
    with temp_folder("agreement-trial") as tmp:
        trial = Path(tmp) / "data"
        trial.mkdir()
        if base is not None:
            for pattern in CHECKED:
                for path in sorted(base.glob(pattern)):
                    if path.is_file():
                        (trial / path.relative_to(base)).parent.mkdir(parents=True, exist_ok=True)
                        shutil.copyfile(path, trial / path.relative_to(base))
            if (base.parent / "words.txt").is_file():   # or every unit word warns
                shutil.copyfile(base.parent / "words.txt", Path(tmp) / "words.txt")
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
    files then land together: all are staged, the record is marked ``landing`` (the
    moment the edit counts as made), then each is renamed into place. A failure while
    renaming puts the old files back; after a kill the next run finishes the edit.
    """
    files = {rel: text.encode("utf-8") for rel, text in texts.items()}
    clean_stale_temp()
    with lock(data_dir):
        recover(data_dir)
        if checked:
            check(files, base=data_dir)
        note = records.record("edit", data_dir, about=os.path.realpath(data_dir),
                              token=records.token(), files=sorted(files), state="staging")
        try:
            _stage(data_dir, files, note)
            try:
                _land(data_dir, note)
            except BaseException:
                _undo(data_dir, note)
                raise
        except OSError as exc:
            raise write_error(exc) from exc


def _staged(data_dir: Path, rel: str, kind: str, note: records.Record | dict) -> Path:
    data = note.data if isinstance(note, records.Record) else note
    target = data_dir / rel
    return target.with_name(f".{target.name}.agreement-{kind}-{data['token']}")


def _stage(data_dir: Path, files: dict[str, bytes], note: records.Record | None) -> None:
    """Write the new files (with the old ones' modes) and a copy of each old one beside it,
    then mark the record ``landing``."""
    plan = note.data if note else {"token": records.token(), "files": sorted(files)}
    try:
        for rel, data in files.items():
            target, new = data_dir / rel, _staged(data_dir, rel, "new", plan)
            target.parent.mkdir(exist_ok=True)   # results/ for a new round's file
            new.write_bytes(data)
            if target.exists():
                shutil.copymode(target, new)
                shutil.copy2(target, _staged(data_dir, rel, "old", plan))
        if note:
            note.update(state="landing")
    except BaseException:
        _discard(data_dir, plan)
        if note:
            note.forget()
        raise
    if note is None:   # -- no record could be written: land at once, there is no journal --
        for rel in files:
            os.replace(_staged(data_dir, rel, "new", plan), data_dir / rel)
        _discard(data_dir, plan)


def _land(data_dir: Path, note: records.Record | None) -> None:
    """Rename every staged file the record names into place; then drop the record."""
    if note is None:
        return
    for rel in note.data["files"]:
        new = _staged(data_dir, rel, "new", note)
        if new.exists():
            os.replace(new, data_dir / rel)
    _discard(data_dir, note.data)
    note.forget()


def _undo(data_dir: Path, note: records.Record | None) -> None:
    """Put back the old files after a failed edit (not a kill: that one is finished)."""
    if note is None:
        return
    for rel in note.data["files"]:
        old = _staged(data_dir, rel, "old", note)
        if old.exists():
            os.replace(old, data_dir / rel)
        elif not _staged(data_dir, rel, "new", note).exists():   # -- a file the edit added, and landed --
            (data_dir / rel).unlink(missing_ok=True)
    _discard(data_dir, note.data)
    note.forget()


def _discard(data_dir: Path, plan: dict) -> None:
    """Remove the staged files the plan names, and nothing else."""
    for rel in plan.get("files", []):
        for kind in ("new", "old"):
            _staged(data_dir, rel, kind, plan).unlink(missing_ok=True)


def _valid(note: records.Record) -> bool:
    files = note.data.get("files")
    return isinstance(note.data.get("token"), str) and isinstance(files, list) \
        and all(isinstance(f, str) and ".." not in Path(f).parts and not Path(f).is_absolute() for f in files)


def recover(data_dir: Path) -> None:
    """Finish an edit that was killed once it was landing; drop one killed before. Hold the lock."""
    for note in records.stale("edit", about=data_dir):
        if not _valid(note):
            continue
        if note.data.get("state") == "landing":
            _land(data_dir, note)
        else:
            _discard(data_dir, note.data)
            note.forget()


def pending(data_dir: Path) -> bool:
    """Return whether a killed edit of `data_dir` left anything to finish or drop."""
    return bool(records.stale("edit", about=data_dir))
