"""The traceback of an error inside the program, kept in a log file for its maintainers.

Only errors a user can act on become messages (`errors.actionable`); anything else is a
bug: the user reads one line naming the file written here.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

from generator import __version__, cache_root


def write() -> Path:
    """Write the traceback being handled to a new log file and return its path."""
    folder = cache_root() / "logs"
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    text = f"agreement {__version__} {' '.join(sys.argv[1:])}\n\n{traceback.format_exc()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{stamp}-{os.getpid()}.txt"
        path.write_text(text, encoding="utf-8")
    except OSError:
        path = Path(tempfile.gettempdir()) / f"agreement-crash-{stamp}-{os.getpid()}.txt"
        path.write_text(text, encoding="utf-8")
    return path
