"""The only module that creates, replaces or deletes files under an output folder.

A build is written into a temporary folder beside OUT_DIR and swapped in only when
every file is complete, so a failed or killed build leaves the previous output whole.
A file whose bytes did not change keeps its old modification time. The tool replaces
only files it wrote itself (the previous manifest names them): an OUT_DIR holding
anything else, or the data folder, or a folder inside an archive, is refused.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
import tempfile
from pathlib import Path

from generator.errors import GeneratorError, tr
from generator.store import handedits
from generator.store.locks import lock, remove_tree

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
            _replace(target, files)
        except OSError as exc:
            raise write_error(exc) from exc
    return [out_dir / rel for rel in files]


def prepare(out_dir: Path) -> None:
    """Put back what a killed build left beside `out_dir`, so its manifest can be read."""
    target = Path(os.path.realpath(out_dir))
    with lock(target):
        recover(target)


def _replace(target: Path, files: dict[str, bytes]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    staging.chmod(0o755)
    try:
        for rel, data in files.items():
            _write_one(staging, target, rel, data)
        _swap(staging, target)
    except BaseException:
        remove_tree(staging)
        raise


def write_error(exc: OSError) -> GeneratorError:
    """Return a clerk's message for a failed write: which path, and why (full disk, rights,
    a file open in Word)."""
    if isinstance(exc, PermissionError) and exc.filename2 is not None:   # a refused rename or replace
        return handedits.busy(exc)
    where = exc.filename or ""
    reason = os.strerror(exc.errno) if exc.errno else str(exc)
    if exc.errno == errno.ENOSPC:
        reason = tr("ดิสก์เต็ม", "the disk is full")
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = tr("ไม่มีสิทธิ์เขียน", "no permission to write")
    return GeneratorError(tr(f"เขียน {where} ไม่ได้: {reason} (ผลลัพธ์เดิมยังอยู่ครบ)",
                             f"cannot write {where}: {reason} (the previous output is untouched)"))


def check_target(out_dir: Path, owned: set[str] | None, protected: tuple[Path, ...] = ()) -> None:
    """Refuse an output folder that is or holds a protected folder, lies in an archive,
    or holds anything the tool did not write."""
    out = Path(os.path.realpath(out_dir))
    check_protected(out_dir, protected)
    for folder in (out, *out.parents):
        if (folder / ARCHIVE_MARKER).exists():
            raise GeneratorError(tr(f"{out_dir} อยู่ในที่เก็บถาวร {folder}: เลือกโฟลเดอร์ผลลัพธ์อื่น",
                                    f"{out_dir} lies inside the archive {folder}: choose another output folder"))
    if out.exists() and not out.is_dir():
        raise GeneratorError(tr(f"{out_dir} เป็นไฟล์ ไม่ใช่โฟลเดอร์: ไม่เขียนทับ",
                                f"{out_dir} is a file, not a folder: not overwritten"))
    open_documents = handedits.open_documents(out, owned or set()) if out.is_dir() else []
    if open_documents:
        raise handedits.close_first(out_dir, open_documents)
    foreign = foreign_entries(out, owned or set()) if out.is_dir() else []
    if foreign:
        shown = ", ".join(foreign[:_SHOWN]) + (" …" if len(foreign) > _SHOWN else "")
        raise GeneratorError(tr(
            f"{out_dir} มีสิ่งที่เครื่องมือนี้ไม่ได้สร้าง: {shown} — ไม่ลบหรือเขียนทับ ไม่ได้แตะต้องไฟล์ใด ๆ "
            "(เลือกโฟลเดอร์ผลลัพธ์ใหม่ หรือย้ายสิ่งเหล่านั้นออก)",
            f"{out_dir} holds what this tool did not make: {shown} — not removed or replaced; nothing was "
            "touched (choose a new output folder, or move those away)"))


def check_protected(out_dir: Path, protected: tuple[Path, ...]) -> None:
    """Refuse an output folder that is, holds or lies in one of the `protected` folders."""
    out = Path(os.path.realpath(out_dir))
    for folder in protected:
        folder = Path(os.path.realpath(folder))
        if out == folder or folder in out.parents or out in folder.parents:
            raise GeneratorError(tr(
                f"{out_dir} เป็นหรืออยู่ร่วมกับโฟลเดอร์ข้อมูล {folder}: เลือกโฟลเดอร์ผลลัพธ์อื่น ไม่ได้แตะต้องไฟล์ใด ๆ",
                f"{out_dir} is, holds or lies in the data folder {folder}: choose another output folder; "
                "nothing was touched"))


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


def _swap(staging: Path, out_dir: Path) -> None:
    """Put `staging` where `out_dir` is; the old folder is removed only afterwards.

    On Linux both folders trade places in one step, so OUT_DIR is never missing;
    elsewhere two renames, and `recover` restores the old folder after a kill between them.
    """
    if not out_dir.exists():
        os.rename(staging, out_dir)
        return
    if _exchange(staging, out_dir):
        remove_tree(staging)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
    retired.rmdir()
    os.rename(out_dir, retired)
    os.rename(staging, out_dir)
    remove_tree(retired)


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


def recover(out_dir: Path) -> None:
    """Undo what a killed build left: restore a retired output, remove staging folders.

    Call it only while holding the lock of `out_dir`, or it may remove the staging
    folder of a build that is still running.
    """
    parent, name = out_dir.parent, out_dir.name
    if not parent.is_dir():
        return
    retired = sorted((p for p in parent.glob(f".{name}.old*") if p.is_dir() and not p.is_symlink()),
                     key=lambda p: p.stat().st_mtime)
    if retired and not out_dir.exists() and not out_dir.is_symlink():
        os.rename(retired.pop(), out_dir)
    for leftover in [*retired, *parent.glob(f".{name}.new-*")]:
        if leftover.is_dir() and not leftover.is_symlink():
            remove_tree(leftover)


def add_files(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Write `files` into an existing folder, each file replaced whole (PDF copies, edits)."""
    written = []
    for rel, data in files.items():
        target = _inside(out_dir, rel)
        staging = target.with_name(f".{target.name}.new")
        try:
            staging.write_bytes(data)
            os.replace(staging, target)
        except OSError as exc:
            staging.unlink(missing_ok=True)   # -- or the next build finds a file it did not make --
            if isinstance(exc, PermissionError) and exc.filename2 is not None:
                raise handedits.busy(exc, untouched=False) from exc
            raise
        written.append(target)
    return written


def keep_times(out_dir: Path, times: dict[str, float]) -> None:
    """Give files of `out_dir` back the modification time they had (kept hand-edited copies)."""
    for rel, stamp in times.items():
        os.utime(_inside(out_dir, rel), (stamp, stamp))
