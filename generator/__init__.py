"""Generate Thai performance-agreement packets (คำรับรองการปฏิบัติราชการ) from YAML data."""

import os
from pathlib import Path

__version__ = "0.1.0"


def cache_root() -> Path:
    """Return the folder where the program keeps what it can make again (fonts, proofreading)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "thai-performance-agreement"
