"""What the tests read from a PDF with poppler: page sizes and the text of each page."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def _poppler(tool: str, *args: str) -> str:
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Return (width, height) in points of every page of `pdf`."""
    count = int(re.search(r"Pages:\s+(\d+)", _poppler("pdfinfo", str(pdf)))[1])
    text = _poppler("pdfinfo", "-f", "1", "-l", str(count), str(pdf))
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", text)]


def page_texts(pdf: Path, layout: bool = True) -> list[str]:
    """Return the text of each page of `pdf`, laid out as printed unless `layout` is False
    (a third quicker on a tagged PDF/A, where poppler reads about 0.1 s a page)."""
    return _poppler("pdftotext", *(["-layout"] if layout else []), str(pdf), "-").split("\f")[:-1]
