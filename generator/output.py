"""The only module that creates, replaces or deletes files under an output folder.

A build is written into a temporary folder beside OUT_DIR and swapped in only when
every file is complete, so a failed or killed build leaves the previous output whole.
A file whose bytes did not change keeps its old modification time.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_folder(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Replace `out_dir` with exactly `files` (relative path → bytes); return their paths."""
    out_dir = out_dir.absolute()
    recover(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    staging.chmod(0o755)
    try:
        for rel, data in files.items():
            _write_one(staging, out_dir, rel, data)
        _swap(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [out_dir / rel for rel in files]


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
    if previous.is_file() and previous.read_bytes() == data:
        shutil.copy2(previous, target)   # same bytes: keep the old mtime too
    else:
        target.write_bytes(data)


def _swap(staging: Path, out_dir: Path) -> None:
    """Put `staging` where `out_dir` is; the old folder is removed only afterwards."""
    if not out_dir.exists():
        os.rename(staging, out_dir)
        return
    retired = out_dir.with_name(f".{out_dir.name}.old")
    shutil.rmtree(retired, ignore_errors=True)
    os.rename(out_dir, retired)
    os.rename(staging, out_dir)
    shutil.rmtree(retired, ignore_errors=True)


def recover(out_dir: Path) -> None:
    """Undo what a killed build left: restore a retired output, remove staging folders."""
    retired = out_dir.with_name(f".{out_dir.name}.old")
    if retired.is_dir() and not out_dir.exists():
        os.rename(retired, out_dir)
    if out_dir.parent.is_dir():
        for staging in out_dir.parent.glob(f".{out_dir.name}.new-*"):
            shutil.rmtree(staging, ignore_errors=True)


def add_files(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Write `files` into an existing folder, each file replaced whole (PDF copies, edits)."""
    written = []
    for rel, data in files.items():
        target = _inside(out_dir, rel)
        staging = target.with_name(f".{target.name}.new")
        staging.write_bytes(data)
        os.replace(staging, target)
        written.append(target)
    return written
