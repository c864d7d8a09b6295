"""Results of pure text functions, kept between runs in the user's cache folder.

Proofreading and line-break marking depend only on the text, pythainlp's dictionary
and this program's version, and building pythainlp's tokenizer costs about half a
second per process; a text seen before needs no tokenizer. A cache that cannot be
read or written is simply not used; ``AGREEMENT_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib.metadata import version
from pathlib import Path

from generator import __version__, cache_root

LIMIT = 50_000   # texts kept per file; the oldest go first


class Memory:
    """Values by SHA-256 of their text, in one JSON file per purpose and key."""

    def __init__(self, path: Path | None, entries: dict):
        self.path, self.entries, self.changed = path, entries, False

    @classmethod
    def open(cls, purpose: str, *key: object) -> Memory:
        """Return the memory of `purpose` for this program, pythainlp and `key` (e.g. word lists)."""
        if os.environ.get("AGREEMENT_NO_CACHE"):
            return cls(None, {})
        digest = _digest(json.dumps([__version__, version("pythainlp"), *key], ensure_ascii=False,
                                    default=sorted))[:16]
        path = cache_root() / purpose / f"{digest}.json"
        try:
            entries = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            entries = {}
        return cls(path, entries if isinstance(entries, dict) else {})

    def get(self, text: str, valid=lambda value: True):
        """Return the value kept for `text`, or None (also for a value `valid` rejects)."""
        value = self.entries.get(_digest(text))
        return value if value is not None and valid(value) else None

    def put(self, text: str, value):
        """Keep `value` for `text`; return it as it will be read back."""
        self.entries[_digest(text)] = value
        self.changed = True
        return value

    def save(self) -> None:
        """Write the memory back if it changed; never fail the run for it."""
        if not self.changed or self.path is None:
            return
        kept = dict(list(self.entries.items())[-LIMIT:])
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            staging = self.path.with_name(f".{self.path.name}.{os.getpid()}")
            staging.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
            os.replace(staging, self.path)
            self.changed = False
        except OSError:
            pass


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
