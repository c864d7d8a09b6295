"""Locks between runs, private temporary folders, and a clean exit on SIGTERM.

A lock is a file in the system temp folder named after the locked path (`filelock`
works on Windows too), so it leaves nothing beside the clerk's folders. Every
temporary folder is recorded before it is made (`records`) and carries the id of the
process that made it and a random token; the next run removes those whose process is
gone, as a killed run could not, and nothing else.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import stat
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from generator.errors import GeneratorError
from generator.i18n import _
from generator.store import records

WAIT_SECONDS = 20.0
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
        raise GeneratorError(_("{path} is in use by another command (waited {wait:g} s): run again when it "
                               "is done").format(path=path, wait=wait)) from None
    _HELD.add(file)
    try:
        yield
    finally:
        _HELD.discard(file)
        held.release()


@contextmanager
def temp_folder(kind: str):
    """Make a private temporary folder ``KIND-PID-TOKEN``, recorded first; yield its path.

    The folder is removed when the block ends; a run killed inside the block leaves a
    record, by which the next run removes it (`clean_stale_temp`).
    """
    for _attempt in range(10):
        path = Path(tempfile.gettempdir()) / f"{kind}-{records.token()}"
        note = records.record("temp", path)
        try:
            path.mkdir(mode=0o700)
            break
        except FileExistsError:   # -- never take over a folder someone else made --
            if note:
                note.forget()
    else:
        raise GeneratorError(_("could not make a temporary folder"))
    try:
        yield str(path)
    finally:
        remove_tree(path)
        if note:
            note.forget()


def clean_stale_temp() -> list[Path]:
    """Remove the temporary folders that killed runs recorded; return what was removed.

    Only a folder a record names, that this user owns, whose run is gone: a folder that
    merely looks like a temporary is never touched.
    """
    removed = []
    for note in records.stale("temp"):
        if records.ours(note.path):
            remove_tree(note.path)
            removed.append(note.path)
        if not note.path.exists():
            note.forget()
    return removed


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
