"""Results of pure text functions, kept between runs in the user's cache folder.

Proofreading and line-break marking depend only on the text, the accepted words,
pythainlp's word lists and this program's code; building pythainlp's tokenizer costs
about half a second per process, so a text seen before needs no tokenizer.

A kept result is trusted only as far as it is checked. Each file records everything
its results depend on (a hash of the package's source files, of pythainlp's word lists,
and the caller's key) and is ignored unless that record is exactly the one asked for; an
entry that is not what its caller's check expects is ignored and recomputed. Files are
written whole (a private temporary, then a rename) under a lock, merging what parallel
workers added, into a folder only its user may read. A cache that cannot be read or
written is simply not used; ``AGREEMENT_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from generator import cache_root, code_digest

LIMIT = 50_000   # texts kept per file; the oldest go first
FORMAT = 2
# -- pythainlp's files that proofreading and line breaks read: dictionary, syllables, frequencies --
WORD_LISTS = ("words_th.txt", "syllables_th.txt", "tnc_freq.txt")


class Memory:
    """Values by SHA-256 of their text, in one JSON file per purpose and key."""

    def __init__(self, path: Path | None, entries: dict, key: list | None = None):
        self.path, self.entries, self.key = path, entries, key
        self.added: dict = {}
        self.dropped: set[str] = set()

    @property
    def changed(self) -> bool:
        return bool(self.added or self.dropped)

    @classmethod
    def open(cls, purpose: str, *key: object) -> Memory:
        """Return the memory of `purpose` for this code, pythainlp's word lists and `key`."""
        if os.environ.get("AGREEMENT_NO_CACHE"):
            return cls(None, {})
        header = json.loads(json.dumps([FORMAT, code_digest(), word_lists_digest(), *key],
                                       ensure_ascii=False, default=sorted))
        folder = private_folder(cache_root() / purpose)
        if folder is None:
            return cls(None, {})
        path = folder / f"{_digest(json.dumps(header, ensure_ascii=False))[:32]}.json"
        return cls(path, _entries(path, header), header)

    def get(self, text: str, valid=lambda value: True):
        """Return the value kept for `text`, or None; a value `valid` rejects is dropped."""
        name = _digest(text)
        value = self.entries.get(name)
        if value is None:
            return None
        try:
            accepted = bool(valid(value))
        except Exception:   # -- a check that cannot even look at the value rejects it --
            accepted = False
        if accepted:
            return value
        del self.entries[name]
        self.added.pop(name, None)
        self.dropped.add(name)
        return None

    def put(self, text: str, value):
        """Keep `value` for `text`; return it as it will be read back."""
        name = _digest(text)
        self.entries[name] = self.added[name] = value
        self.dropped.discard(name)
        return value

    def save(self) -> None:
        """Merge what this run added into the file, atomically; never fail the run for it."""
        if not self.changed or self.path is None:
            return
        try:
            _merge(self.path, self.key, self.added, self.dropped)
            self.added, self.dropped = {}, set()
        except OSError:
            pass


def private_folder(folder: Path) -> Path | None:
    """Return `folder`, made if missing, when only this user can write it; else None.

    A cache folder that another user owns or may write could feed this run its results.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = folder.lstat()
        if not stat.S_ISDIR(info.st_mode):
            return None
        if hasattr(os, "getuid"):
            if info.st_uid != os.getuid():
                return None
            if info.st_mode & 0o077:
                folder.chmod(0o700)
    except OSError:
        return None
    return folder


@lru_cache(maxsize=1)
def word_lists_digest() -> str:
    """Return the versions of the tokenizers and a SHA-256 of the word lists they read (without
    importing them)."""
    digest = hashlib.sha256(f"{installed_version('pythainlp')} {installed_version('nlpo3')}".encode())
    spec = find_spec("pythainlp")
    corpus = Path(spec.origin).parent / "corpus" if spec and spec.origin else None
    for name in WORD_LISTS:
        try:
            digest.update(name.encode() + hashlib.sha256((corpus / name).read_bytes()).digest())
        except (OSError, TypeError):
            digest.update(name.encode() + b"\0missing")
    return digest.hexdigest()


@lru_cache(maxsize=16)
def installed_version(package: str) -> str:
    """Return the installed version of `package`, from its dist-info folder when it has one
    beside it (importlib.metadata costs a build 10 to 90 ms to import), or "missing"."""
    spec = find_spec(package)
    if spec and spec.origin:
        for folder in Path(spec.origin).parent.parent.glob(f"{package}-*.dist-info"):
            try:
                lines = (folder / "METADATA").read_text("utf-8", "replace").splitlines()
            except OSError:
                continue
            for line in lines:
                if line.startswith("Version:"):
                    return line.split(":", 1)[1].strip()
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "missing"


_READ: dict[Path, tuple[tuple, list, dict]] = {}   # path -> (stat, header, entries) as last read


def _entries(path: Path, header: list) -> dict:
    """Return a copy of the entries of `path`, read again only if the file changed since.

    Rendering a packet opens the same memory once for each of its parts.
    """
    try:
        info = path.stat()
        signature = (info.st_mtime_ns, info.st_size, info.st_ino)
    except OSError:
        return {}
    kept = _READ.get(path)
    if kept is None or kept[0] != signature or kept[1] != header:
        kept = _READ[path] = (signature, header, _read(path, header))
    return dict(kept[2])


def _read(path: Path, header: list) -> dict:
    """Return the entries of `path` if it is a memory file made for exactly `header`."""
    try:
        document = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(document, dict) or document.get("key") != header:
        return {}
    entries = document.get("entries")
    if not isinstance(entries, dict):
        return {}
    return {name: value for name, value in entries.items() if isinstance(name, str) and len(name) == 64}


def _merge(path: Path, header: list, added: dict, dropped: set[str]) -> None:
    """Write `path` as what it holds now, less `dropped`, plus `added`: under a lock, whole."""
    from filelock import FileLock, Timeout

    try:
        with FileLock(str(path.with_suffix(".lock")), timeout=5, mode=0o600):
            entries = {k: v for k, v in _read(path, header).items() if k not in dropped}
            entries.update(added)
            kept = dict(list(entries.items())[-LIMIT:])
            handle, staging = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump({"key": header, "entries": kept}, out, ensure_ascii=False)
                os.replace(staging, path)
            except BaseException:
                Path(staging).unlink(missing_ok=True)
                raise
    except Timeout:
        return


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
