"""Generate Thai performance-agreement packets (คำรับรองการปฏิบัติราชการ) from YAML data."""

import hashlib
import os
from functools import lru_cache
from pathlib import Path

__version__ = "0.1.0"


def cache_root() -> Path:
    """Return the folder where the program keeps what it can make again (fonts, proofreading)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "thai-performance-agreement"


def state_root() -> Path:
    """Return the folder where the program records what it is doing (its temporaries, its edits).

    A record there lets the next run clean up after a killed one, touching only what
    a run of this program made.
    """
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "thai-performance-agreement"


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Return a SHA-256 of this package's source files: the version of the code that runs.

    ``__version__`` changes only at releases; anything kept from an earlier run (a cached
    result, a manifest's input hash) is keyed by this instead, so a changed program never
    reuses what an older one made.
    """
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
