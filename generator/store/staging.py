"""Staging folders beside an output folder: recorded before they are made, swapped in
whole, and retired keeping whatever the tool did not write.

A build writes ``.OUT.new-PID-TOKEN`` beside OUT_DIR, after a record (`records`) has
named it and every file it will hold. On Linux the staging folder and OUT_DIR trade
places in one step; elsewhere OUT_DIR is first renamed to ``.OUT.old-PID-TOKEN`` (also
recorded). The folder swapped out is then emptied of the files the record names; any
other entry (a file a clerk saved there while the build ran) is moved into the new
OUT_DIR, never deleted. After a kill the next build does the same from the record.
"""

from __future__ import annotations

import ctypes
import errno
import os
import sys
from pathlib import Path, PurePosixPath

from generator.store import records
from generator.store.locks import remove_tree


def make(out_dir: Path, files: list[str], owned: set[str]) -> tuple[Path, records.Record | None]:
    """Make a recorded staging folder for `files` beside `out_dir`; `owned` are the files
    already in `out_dir` that the tool wrote."""
    for _attempt in range(10):
        staging = out_dir.parent / f".{out_dir.name}.new-{records.token()}"
        note = records.record("staging", staging, about=os.path.realpath(out_dir),
                              listed=sorted(set(files) | set(owned)))
        try:
            staging.mkdir()
            return staging, note
        except FileExistsError:
            if note:
                note.forget()
    raise FileExistsError(errno.EEXIST, "no free staging name", str(out_dir.parent))


def discard(staging: Path, note: records.Record | None) -> None:
    """Remove a staging folder that was never swapped in (it holds only what this run wrote)."""
    remove_tree(staging)
    if note:
        note.forget()


def swap_in(staging: Path, out_dir: Path, note: records.Record | None) -> None:
    """Put `staging` where `out_dir` is, then retire the old folder (see the module).

    A failure before the two trade places (a folder the system will not rename, a file
    open in Word on Windows) discards the staging folder and leaves OUT_DIR as it was.
    """
    listed = set(note.data["listed"]) if note else set()
    try:
        if not out_dir.exists():
            os.rename(staging, out_dir)
            if note:
                note.forget()
            return
        exchanged = _exchange(staging, out_dir)
        if not exchanged:
            retired = out_dir.parent / f".{out_dir.name}.old-{records.token()}"
            if note:
                note.update(retired=os.fspath(retired.absolute()))
            os.rename(out_dir, retired)
    except BaseException:
        discard(staging, note)
        raise
    if exchanged:
        retire(staging, out_dir, listed)
    else:
        try:
            os.rename(staging, out_dir)
        except BaseException:
            os.rename(retired, out_dir)   # -- put the old one back at once; the record covers a kill --
            discard(staging, note)
            raise
        retire(retired, out_dir, listed)
    if note:
        note.forget()


def recover(out_dir: Path) -> None:
    """Finish what a killed build of `out_dir` left, by its records: put a retired output
    back if OUT_DIR is missing, and retire the leftover folders. Hold the lock of `out_dir`."""
    for note in records.stale("staging", about=out_dir):
        listed = set(note.data.get("listed", []))
        retired = Path(note.data["retired"]) if isinstance(note.data.get("retired"), str) else None
        if retired and records.ours(retired) and not out_dir.exists() and not out_dir.is_symlink():
            os.rename(retired, out_dir)
        for leftover in (note.path, retired):
            if leftover is not None and records.ours(leftover):
                retire(leftover, out_dir, listed)
        if not note.path.exists() and not (retired and retired.exists()):
            note.forget()


def retire(old: Path, out_dir: Path, listed: set[str]) -> list[Path]:
    """Remove the files `listed` from folder `old`, moving every other entry into
    `out_dir` (under a new name if that one is taken); return where those went."""
    kept: list[Path] = []
    for _round in range(3):   # -- again if something appeared meanwhile: keep it too --
        kept += _rescue(old, out_dir, listed, PurePosixPath("."))
        for root, dirs, files in os.walk(old, topdown=False):
            for name in files:
                if (Path(root) / name).relative_to(old).as_posix() in listed:
                    (Path(root) / name).unlink()
            for name in dirs:
                _rmdir(Path(root) / name)
        _rmdir(old)
        if not old.exists():
            break
    return kept


def _rescue(old: Path, out_dir: Path, listed: set[str], rel_dir: PurePosixPath) -> list[Path]:
    """Move the entries of `old/rel_dir` that the tool did not write into `out_dir`."""
    folders = {p.as_posix() for rel in listed for p in PurePosixPath(rel).parents}
    kept = []
    try:
        entries = sorted(os.scandir(old / rel_dir), key=lambda e: e.name)
    except OSError:
        return kept
    for entry in entries:
        rel = (rel_dir / entry.name).as_posix()
        if entry.is_dir(follow_symlinks=False) and rel in folders:
            kept += _rescue(old, out_dir, listed, rel_dir / entry.name)
        elif rel not in listed or entry.is_symlink() or not entry.is_file(follow_symlinks=False):
            target = _free_name(out_dir / rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(entry.path, target)
            kept.append(target)
    return kept


def _free_name(path: Path) -> Path:
    """Return `path`, or ``name (เก็บไว้ N).ext`` beside it when that one is taken.

    >>> _free_name(Path("/nonexistent/notes.docx")).name
    'notes.docx'
    """
    number = 1
    candidate = path
    while candidate.exists() or candidate.is_symlink():
        candidate = path.with_name(f"{path.stem} (เก็บไว้ {number}){path.suffix}")
        number += 1
    return candidate


def _rmdir(path: Path) -> None:
    try:
        path.rmdir()
    except OSError:   # -- not empty: it holds something kept, or not ours to remove --
        pass


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with Linux's renameat2; False where it is unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))
