"""Records of what a run is about to make, so that a later run cleans up only that.

Before a run makes a temporary folder, a staging folder beside an output, or staged
files of an edit, it writes a record naming them into the user's own state folder
(`generator.state_root`, private to the user). Every such name carries the run's process
id and a random token, so no one else's file has it by chance. A later run removes
what a record names only when the process that wrote the record is gone, and never
anything a record does not name: a folder that merely looks like a temporary is kept.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from generator import state_root
from generator.text.memory import private_folder, write_whole

_WINDOWS_STALE_SECONDS = 24 * 3600


@dataclass
class Record:
    """One record: its file, what it is about (`kind`, `path`) and what else it says."""

    file: Path
    kind: str
    path: Path
    data: dict

    def update(self, **changes) -> None:
        """Rewrite the record with `changes` (atomically: it is a commit point for edits)."""
        self.data.update(changes)
        _write(self.file, self.data)

    def forget(self) -> None:
        """Drop the record: what it named is gone or complete."""
        self.file.unlink(missing_ok=True)


def token() -> str:
    """Return a name part no one can guess: this process's id and 64 random bits.

    >>> token().startswith(f"{os.getpid()}-")
    True
    """
    return f"{os.getpid()}-{secrets.token_hex(8)}"


def record(kind: str, path: Path, **data) -> Record | None:
    """Write a record that this process is about to make `path`; None if none can be written.

    Without a record nothing is lost: only a killed run's leftovers then stay where they are.
    """
    folder = private_folder(state_root() / "records")
    if folder is None:
        return None
    document = {"kind": kind, "path": os.fspath(Path(path).absolute()), "pid": os.getpid(),
                "started": _started(os.getpid()), **data}
    file = folder / f"{kind}-{token()}.json"
    try:
        _write(file, document)
    except OSError:
        return None
    return Record(file, kind, Path(document["path"]), document)


def stale(kind: str, about: Path | None = None) -> list[Record]:
    """Return the records of `kind` (about `about`, if given) whose process is gone."""
    folder = state_root() / "records"
    found = []
    try:
        files = sorted(folder.glob(f"{kind}-*.json"))
    except OSError:
        return []
    for file in files:
        loaded = _read(file, kind)
        if loaded is None:
            continue
        if about is not None and loaded.data.get("about") != os.fspath(Path(os.path.realpath(about))):
            continue
        if _gone(loaded.data, file):
            found.append(loaded)
    return found


def ours(path: Path) -> bool:
    """Tell whether `path` is a real folder (not a link) that this user owns."""
    try:
        info = path.lstat()
    except OSError:
        return False
    if not path.is_dir() or path.is_symlink():
        return False
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def _write(file: Path, document: dict) -> None:
    # -- ASCII: a name that is not UTF-8 survives as an escape --
    write_whole(file, json.dumps(document).encode("ascii"))


def _read(file: Path, kind: str) -> Record | None:
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict) or document.get("kind") != kind \
            or not isinstance(document.get("path"), str) or not isinstance(document.get("pid"), int):
        return None
    return Record(file, kind, Path(document["path"]), document)


def _gone(document: dict, file: Path) -> bool:
    """Tell whether the process that wrote a record has ended (a reused id does not count)."""
    pid = document["pid"]
    if sys.platform == "win32":
        return time.time() - file.stat().st_mtime > _WINDOWS_STALE_SECONDS
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    started = _started(pid)
    return started is not None and started != document.get("started")


def _started(pid: int) -> int | None:
    """Return when process `pid` started (clock ticks since boot, Linux), to tell a reused id."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[19])
