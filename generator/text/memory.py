"""Results of pure text functions, kept between runs in the user's cache folder.

Proofreading, the no-break spaces of a rendered text and the print copy's line-break
marks depend only on the text, the accepted words, the tokenizers' word lists and this
program's code; a text seen before needs no tokenizer and no dictionary.

A kept result is trusted only as far as it is checked. Each memory records everything
its results depend on (a hash of the package's source files, of the word lists, and the
caller's key) and is ignored unless that record is exactly the one asked for; an entry
that is not what its caller's check expects is ignored and recomputed. A memory is an
SQLite database in a folder only its user may read: a run looks up only the texts it
has, and adds its own in one transaction, so parallel workers keep each other's entries
and a batch of a hundred units writes what is new, never the whole memory again. A
memory that cannot be read or written is simply not used; ``AGREEMENT_NO_CACHE=1`` turns
them off.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import tempfile
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from generator import cache_root, code_digest

LIMIT = 50_000   # texts kept per memory; the ones least recently added go first
FORMAT = 3
# -- pythainlp's files that proofreading and line breaks read: dictionary, syllables, frequencies --
WORD_LISTS = ("words_th.txt", "syllables_th.txt", "tnc_freq.txt")


class Memory:
    """Values by SHA-256 of their text, in one SQLite database per purpose and key."""

    def __init__(self, path: Path | None, key: list | None = None, db: sqlite3.Connection | None = None):
        self.path, self.key, self._db = path, key, db
        self.entries: dict = {}   # -- what this run looked up or added; all there is without a file --
        self.added: dict = {}
        self.dropped: set[str] = set()

    @property
    def changed(self) -> bool:
        return bool(self.added or self.dropped)

    @classmethod
    def open(cls, purpose: str, *key: object) -> Memory:
        """Return the memory of `purpose` for this code, pythainlp's word lists and `key`."""
        if os.environ.get("AGREEMENT_NO_CACHE"):
            return cls(None)
        header = json.loads(json.dumps([FORMAT, code_digest(), word_lists_digest(), *key],
                                       ensure_ascii=False, default=sorted))
        folder = private_folder(cache_root() / purpose)
        if folder is None:
            return cls(None)
        path = folder / f"{_digest(json.dumps(header, ensure_ascii=False))[:32]}.sqlite"
        db = _connect(path, json.dumps(header, ensure_ascii=False))
        return cls(path if db is not None else None, header, db)

    def recall(self, texts) -> None:
        """Read what the database holds for all of `texts` at once (then `get` each): one query
        instead of one a text."""
        if self._db is None:
            return
        names = list({_digest(text) for text in texts} - self.entries.keys())
        try:
            for start in range(0, len(names), 500):
                chunk = names[start:start + 500]
                rows = self._db.execute(f"SELECT name, value FROM entries WHERE name IN ({','.join('?' * len(chunk))})",
                                        chunk).fetchall()
                for name, value in rows:
                    self.entries[name] = json.loads(value)
        except (sqlite3.Error, ValueError):
            return

    def get(self, text: str, valid=lambda value: True):
        """Return the value kept for `text`, or None; a value `valid` rejects is dropped."""
        name = _digest(text)
        value = self.entries[name] if name in self.entries else self._stored(name)
        if value is None:
            return None
        try:
            accepted = bool(valid(value))
        except Exception:   # -- a check that cannot even look at the value rejects it --
            accepted = False
        if accepted:
            self.entries[name] = value
            return value
        self.entries.pop(name, None)
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
        """Add what this run made to the database in one transaction; never fail the run for it."""
        if not self.changed or self._db is None:
            return
        try:
            with self._db:
                self._db.executemany("DELETE FROM entries WHERE name = ?", [(name,) for name in self.dropped])
                self._db.executemany("INSERT OR REPLACE INTO entries (name, value) VALUES (?, ?)",
                                     [(name, json.dumps(value, ensure_ascii=False))
                                      for name, value in self.added.items()])
                self._db.execute("DELETE FROM entries WHERE rowid <= (SELECT max(rowid) FROM entries) - ?",
                                 (LIMIT,))
        except sqlite3.Error:
            return
        self.added, self.dropped = {}, set()

    def _stored(self, name: str):
        """Return the value the database holds for `name`, or None."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT value FROM entries WHERE name = ?", (name,)).fetchone()
            return None if row is None else json.loads(row[0])
        except (sqlite3.Error, ValueError):
            return None


def _connect(path: Path, header: str) -> sqlite3.Connection | None:
    """Return a connection to the memory at `path` made for exactly `header`, made if missing.

    A file that is no memory of ours (damaged, cut short, made for another key) is
    replaced by an empty one. Nothing here waits for the disk: a memory lost in a power
    cut is only work to do again.
    """
    for _ in range(2):
        try:
            db = sqlite3.connect(path, timeout=5, isolation_level="IMMEDIATE")
            db.execute("PRAGMA synchronous = OFF")
            if _recorded(db, header) == header:
                path.chmod(0o600)
                return db
            db.close()
        except (sqlite3.Error, OSError):
            pass
        try:
            path.unlink(missing_ok=True)
        except OSError:
            return None
    return None


def _recorded(db: sqlite3.Connection, header: str) -> str | None:
    """Return the key `db` was made for; a new file is made for `header` now, in one transaction."""
    try:
        rows = db.execute("SELECT key FROM about").fetchall()
    except sqlite3.OperationalError:   # -- no tables yet --
        rows = []
    if not rows:
        db.execute("BEGIN IMMEDIATE")   # -- two workers opening a new file make it once --
        try:
            db.execute("CREATE TABLE IF NOT EXISTS about (key TEXT NOT NULL)")
            db.execute("CREATE TABLE IF NOT EXISTS entries (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
            rows = db.execute("SELECT key FROM about").fetchall()
            if not rows:
                db.execute("INSERT INTO about (key) VALUES (?)", (header,))
                rows = [(header,)]
            db.commit()
        except BaseException:
            db.rollback()
            raise
    return rows[0][0] if len(rows) == 1 else None


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


def write_whole(path: Path, content: bytes) -> None:
    """Write `path` through a private temporary beside it and a rename: a reader sees all or nothing."""
    handle, staging = tempfile.mkstemp(prefix=f".{path.stem[:16]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(staging, path)
    except BaseException:
        Path(staging).unlink(missing_ok=True)
        raise


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


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
