"""Locks between runs, private temporary folders, and a clean exit on SIGTERM.

A lock is a file in the system temp folder named after the locked path (`filelock`
works on Windows too), so it leaves nothing beside the clerk's folders. Every
temporary folder carries the id of the process that made it; the next run removes
those whose process is gone, as a killed run could not.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import stat
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from generator.errors import GeneratorError, tr

WAIT_SECONDS = 20.0
_TEMP = re.compile(r"^(?:agreement-[a-z]+|lo-profile)-(\d+)-")
_WINDOWS_STALE_SECONDS = 24 * 3600
_HELD: set[Path] = set()   # lock files this process holds


def lock_file(path: Path) -> Path:
    """Return the lock file that stands for `path` (the same for every spelling of it)."""
    key = hashlib.sha256(os.fsencode(os.path.realpath(path))).hexdigest()[:24]
    folder = Path(tempfile.gettempdir()) / "agreement-locks"
    if not folder.is_dir():
        folder.mkdir(exist_ok=True)
        try:
            folder.chmod(0o1777)   # shared by every user, like /tmp itself
        except OSError:
            pass
    return folder / f"{key}.lock"


@contextmanager
def lock(path: Path, wait: float | None = None):
    """Hold the lock of `path`; wait up to WAIT_SECONDS, then refuse with a message.

    A lock this process already holds is taken again at once (a build inside an archive).
    """
    wait = WAIT_SECONDS if wait is None else wait
    file = lock_file(path)
    if file in _HELD:
        yield
        return
    held = FileLock(str(file), timeout=wait, mode=0o666)
    try:
        held.acquire()
    except Timeout:
        raise GeneratorError(tr(
            f"{path} กำลังถูกใช้โดยคำสั่งอื่นอยู่ (รอแล้ว {wait:g} วินาที): รอให้คำสั่งนั้นเสร็จแล้วสั่งใหม่",
            f"{path} is in use by another command (waited {wait:g} s): run again when it is done")) from None
    _HELD.add(file)
    try:
        yield
    finally:
        _HELD.discard(file)
        held.release()


def temp_folder(kind: str) -> tempfile.TemporaryDirectory:
    """Return a private temporary folder named ``agreement-KIND-PID-…``."""
    return tempfile.TemporaryDirectory(prefix=f"{kind}-{os.getpid()}-")


def clean_stale_temp(folder: Path | None = None) -> list[Path]:
    """Remove the temporary folders of runs that were killed; return what was removed."""
    folder = folder or Path(tempfile.gettempdir())
    removed = []
    for path in folder.iterdir():
        match = _TEMP.match(path.name)
        if match and path.is_dir() and not path.is_symlink() and _stale(path, int(match[1])):
            remove_tree(path)
            removed.append(path)
    return removed


def _stale(path: Path, pid: int) -> bool:
    """Return whether the process that made `path` is gone (on Windows: a day old)."""
    try:
        if path.stat().st_uid != os.getuid():
            return False
    except (AttributeError, OSError):
        return time.time() - path.stat().st_mtime > _WINDOWS_STALE_SECONDS
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def remove_tree(path: Path) -> None:
    """Remove a folder the tool made, also when its content was made read-only."""
    for root, dirs, _files in os.walk(path):
        for name in [root, *(os.path.join(root, d) for d in dirs)]:
            try:
                os.chmod(name, os.stat(name).st_mode | stat.S_IRWXU)
            except OSError:
                pass
    shutil.rmtree(path, ignore_errors=True)


def exit_on_signals() -> None:
    """Turn SIGTERM (and SIGHUP) into SystemExit, so `finally` blocks clean up as on Ctrl-C."""
    def handler(signum, _frame):
        raise SystemExit(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name) and sys.platform != "win32":
            signal.signal(getattr(signal, name), handler)
