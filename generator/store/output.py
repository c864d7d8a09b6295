"""The only module that creates, replaces or deletes files under an output folder.

A build is written into a staging folder beside OUT_DIR and swapped in only when
every file is complete, so a failed or killed build leaves the previous output whole
(`staging`: recorded before it is made; what a clerk saved meanwhile is kept).
A file whose bytes did not change keeps its old modification time. The tool replaces
only files it wrote itself (the previous manifest names them): an OUT_DIR holding
anything else, or the data folder, or a folder inside an archive, is refused.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

from generator.errors import GeneratorError
from generator.i18n import _
from generator.store import handedits, staging
from generator.store.locks import lock

ARCHIVE_MARKER = ".agreement-archive"
_SHOWN = 5


def write_folder(out_dir: Path, files: dict[str, bytes], owned: set[str] | None = None,
                 protected: tuple[Path, ...] = ()) -> list[Path]:
    """Replace `out_dir` with exactly `files` (relative path → bytes); return their paths.

    `owned` names the files already in `out_dir` that the tool wrote (None: none);
    anything else there makes the call refuse before a file is touched. A symlinked
    `out_dir` is written through to its target.
    """
    target = Path(os.path.realpath(out_dir))
    with lock(target):
        recover(target)
        check_target(target, owned, protected)
        try:
            _replace(target, files, owned or set())
        except OSError as exc:
            raise write_error(exc) from exc
    return [out_dir / rel for rel in files]


def prepare(out_dir: Path) -> None:
    """Put back what a killed build left beside `out_dir`, so its manifest can be read."""
    target = Path(os.path.realpath(out_dir))
    with lock(target):
        recover(target)


def _replace(target: Path, files: dict[str, bytes], owned: set[str]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    folder, note = staging.make(target, list(files), owned)
    try:
        for rel, data in files.items():
            _write_one(folder, target, rel, data)
    except BaseException:
        staging.discard(folder, note)
        raise
    staging.swap_in(folder, target, note)


def write_error(exc: OSError) -> GeneratorError:
    """Return a clerk's message for a failed write: which path, and why (full disk, rights,
    a file open in Word)."""
    if isinstance(exc, PermissionError) and exc.filename2 is not None:   # a refused rename or replace
        return handedits.busy(exc)
    where = exc.filename or ""
    reason = os.strerror(exc.errno) if exc.errno else str(exc)
    if exc.errno == errno.ENOSPC:
        reason = _("the disk is full")
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = _("no permission to write")
    return GeneratorError(_("cannot write {where}: {reason} (the previous output is untouched)").format(
            where=where, reason=reason))


def check_target(out_dir: Path, owned: set[str] | None, protected: tuple[Path, ...] = ()) -> None:
    """Refuse an output folder that is or holds a protected folder, lies in an archive,
    or holds anything the tool did not write."""
    out = Path(os.path.realpath(out_dir))
    check_protected(out_dir, protected)
    check_outside(out_dir)
    if out.exists() and not out.is_dir():
        raise GeneratorError(_("{out_dir} is a file, not a folder: not overwritten").format(out_dir=out_dir))
    open_documents = handedits.open_documents(out, owned or set()) if out.is_dir() else []
    if open_documents:
        raise handedits.close_first(out_dir, open_documents)
    foreign = foreign_entries(out, owned or set()) if out.is_dir() else []
    if foreign:
        shown = ", ".join(foreign[:_SHOWN]) + (" …" if len(foreign) > _SHOWN else "")
        raise GeneratorError(_("{out_dir} holds what this tool did not make: {shown} — not removed or "
                               "replaced; nothing was touched (choose a new output folder, or move those "
                               "away)").format(out_dir=out_dir, shown=shown))


def check_outside(out_dir: Path) -> None:
    """Refuse an output folder inside an archive, or inside another output folder (one
    holding a manifest.json), where it would be a stranger in a folder the tool keeps."""
    out = Path(os.path.realpath(out_dir))
    for folder in (out, *out.parents):
        if (folder / ARCHIVE_MARKER).exists():
            raise GeneratorError(_("{out_dir} lies inside the archive {folder}: choose another output folder").format(
                    out_dir=out_dir, folder=folder))
    for folder in out.parents:
        if (folder / "manifest.json").is_file():
            raise GeneratorError(_("{out_dir} lies inside {folder}, the output folder of another build: "
                                   "choose another output folder; nothing was touched").format(
                                           out_dir=out_dir, folder=folder))


def check_protected(out_dir: Path, protected: tuple[Path, ...]) -> None:
    """Refuse an output folder that is, holds or lies in one of the `protected` folders."""
    out = Path(os.path.realpath(out_dir))
    for folder in protected:
        folder = Path(os.path.realpath(folder))
        if out == folder or folder in out.parents or out in folder.parents:
            raise GeneratorError(_("{out_dir} is, holds or lies in the data folder {folder}: choose "
                                   "another output folder; nothing was touched").format(out_dir=out_dir, folder=folder))


def foreign_entries(folder: Path, owned: set[str]) -> list[str]:
    """Return (up to a few more than shown) entries of `folder` that are not in `owned`.

    The walk stops early, so pointing at ``/`` or a home folder answers at once.
    """
    owned_dirs = {p.as_posix() for rel in owned for p in Path(rel).parents}
    found: list[str] = []
    pending = [Path(".")]
    while pending and len(found) <= _SHOWN:
        rel_dir = pending.pop()
        with os.scandir(folder / rel_dir) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                rel = (rel_dir / entry.name).as_posix()
                if entry.is_dir(follow_symlinks=False) and rel in owned_dirs:
                    pending.append(rel_dir / entry.name)
                elif entry.is_symlink() or not entry.is_file() or rel not in owned:
                    found.append(rel + ("/" if entry.is_dir() else ""))
    return found


def _inside(folder: Path, rel: str) -> Path:
    """Return `folder / rel`, refusing a path that would land outside `folder`."""
    target = (folder / rel).resolve()
    if folder.resolve() not in target.parents:
        raise ValueError(f"output path escapes the output folder: {rel}")
    return target


def _write_one(staging: Path, out_dir: Path, rel: str, data: bytes) -> None:
    target = _inside(staging, rel)
    target.parent.mkdir(parents=True, exist_ok=True)
    previous = out_dir / rel
    if previous.is_file() and not previous.is_symlink() and previous.read_bytes() == data:
        shutil.copy2(previous, target)   # same bytes: keep the old mtime too
        target.chmod(target.stat().st_mode | 0o200)
    else:
        target.write_bytes(data)


def move_aside(folder: Path, now) -> Path:
    """Rename `folder` to ``FOLDER.replaced-YYYYMMDD-HHMMSS`` beside it (a free name); return it.

    Nothing in it is deleted or changed: what `rollover --force` replaces stays whole.
    """
    stamp = now.strftime("%Y%m%d-%H%M%S")
    aside, number = folder.with_name(f"{folder.name}.replaced-{stamp}"), 1
    while aside.exists() or aside.is_symlink():
        number += 1
        aside = folder.with_name(f"{folder.name}.replaced-{stamp}-{number}")
    os.rename(folder, aside)
    return aside


def recover(out_dir: Path) -> None:
    """Undo what a killed build left beside `out_dir`, by its records (`staging.recover`).

    Call it only while holding the lock of `out_dir`.
    """
    staging.recover(out_dir)


def add_files(out_dir: Path, files: dict[str, bytes], owned: set[str] | None = None) -> list[Path]:
    """Write `files` into an existing folder, each file replaced whole (PDF copies, an overview).

    A file already there that `owned` does not name was not written by the tool: the call
    then refuses before writing anything (None: no such check, for a private folder).
    """
    if owned is not None:
        refuse_foreign_files(out_dir, list(files), owned)
    written = []
    for rel, data in files.items():
        target = _inside(out_dir, rel)
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".new", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.chmod(name, 0o666 & ~_umask())
            os.replace(name, target)
        except BaseException as exc:
            Path(name).unlink(missing_ok=True)   # -- or the next build finds a file it did not make --
            if isinstance(exc, PermissionError) and exc.filename2 is not None:
                raise handedits.busy(exc, untouched=False) from exc
            raise
        written.append(target)
    return written


def refuse_foreign_files(out_dir: Path, names: list[str], owned: set[str]) -> None:
    """Refuse, before anything is written, to replace a file of `names` that `owned` does not name."""
    foreign = [rel for rel in names if rel not in owned and ((out_dir / rel).exists() or (out_dir / rel).is_symlink())]
    if foreign:
        raise GeneratorError(_("{out_dir} holds files this tool did not make: {items} — not replaced (move "
                               "them away, or choose another output folder)").format(
                                       out_dir=out_dir, items=', '.join(foreign)))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def keep_times(out_dir: Path, times: dict[str, float]) -> None:
    """Give files of `out_dir` back the modification time they had (kept hand-edited copies)."""
    for rel, stamp in times.items():
        os.utime(_inside(out_dir, rel), (stamp, stamp))
