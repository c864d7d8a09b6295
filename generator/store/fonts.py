"""Which TH Sarabun New LibreOffice draws with, so that PDFs paginate like Word.

If TH Sarabun New is installed, use it. Otherwise build a metric-compatible family
from Debian's Laksaman (made from TH Sarabun New, drawn 1/0.6656 larger) into a
cache folder: same outlines, scaled by a larger unitsPerEm, renamed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from fontTools.ttLib import TTFont

from generator import cache_root
from generator.errors import ToolMissing, tr

FAMILY = "TH Sarabun New"
SCALE = 0.6656   # advance width TH Sarabun New / Laksaman, measured on Thai text
LAKSAMAN_DIR = Path("/usr/share/fonts/truetype/tlwg")
FACES = {"Regular": "Laksaman.ttf", "Bold": "Laksaman-Bold.ttf",
         "Italic": "Laksaman-Italic.ttf", "Bold Italic": "Laksaman-BoldItalic.ttf"}
# TH Sarabun New's vertical metrics per 1000 units of em, measured from the font itself;
# Laksaman's line gaps differ and it sets USE_TYPO_METRICS, which shortens every line
VERTICAL = {"ascent": 844, "descent": -457, "lineGap": 30, "sTypoAscender": 850,
            "sTypoDescender": -250, "sTypoLineGap": 60, "usWinAscent": 844, "usWinDescent": 457}
USE_TYPO_METRICS = 1 << 7
# tables that hold pixel-size data or hinting made for the old unitsPerEm
SIZE_TABLES = ("hdmx", "VDMX", "LTSH", "fpgm", "prep", "cvt ", "gasp")


def installed() -> bool:
    """Tell whether fontconfig has a real TH Sarabun New (an alias does not count)."""
    if shutil.which("fc-list") is None:
        return False
    listed = subprocess.run(["fc-list", f"{FAMILY}:", "family"], capture_output=True, text=True)
    return FAMILY in listed.stdout


def cache_dir() -> Path:
    return cache_root() / "fonts"


def stand_in_missing(target: Path | None = None) -> bool:
    """Tell whether `stand_in` would build the family now (no real font, none built yet)."""
    target = target or cache_dir()
    built = all((target / _face_file(style)).is_file() for style in FACES)
    return not built and not installed()


def _face_file(style: str) -> str:
    return f"THSarabunNew-{style.replace(' ', '')}.ttf"


def stand_in(target: Path | None = None, source: Path = LAKSAMAN_DIR) -> Path:
    """Return a folder with a TH Sarabun New family built from Laksaman, building it once."""
    target = target or cache_dir()
    missing = [name for name in FACES.values() if not (source / name).is_file()]
    if missing:
        raise ToolMissing(tr("ไม่พบฟอนต์ Laksaman: sudo apt-get install fonts-tlwg-laksaman-ttf",
                             "Laksaman is missing: sudo apt-get install fonts-tlwg-laksaman-ttf"))
    target.mkdir(parents=True, exist_ok=True)
    for style, name in FACES.items():
        out = target / _face_file(style)
        if not out.is_file():
            staging = out.with_suffix(".tmp")
            scaled(source / name, style).save(staging)
            os.replace(staging, out)
    return target


def scaled(path: Path, style: str) -> TTFont:
    """Return Laksaman face `path` shrunk by SCALE and named TH Sarabun New `style`."""
    font = TTFont(path)
    upem = font["head"].unitsPerEm = round(font["head"].unitsPerEm / SCALE)
    for key, value in VERTICAL.items():
        table = font["hhea"] if key in ("ascent", "descent", "lineGap") else font["OS/2"]
        setattr(table, key, round(value * upem / 1000))
    font["OS/2"].fsSelection &= ~USE_TYPO_METRICS
    for tag in SIZE_TABLES:
        if tag in font:
            del font[tag]
    for glyph in font["glyf"].glyphs.values():
        if hasattr(glyph, "program"):
            glyph.program.fromBytecode(b"")
    postscript = f"THSarabunNew-{style.replace(' ', '')}"
    names = {1: FAMILY, 2: style, 3: f"{postscript};stand-in", 4: f"{FAMILY} {style}",
             6: postscript, 10: f"Metric stand-in for {FAMILY}, scaled {SCALE} from TLWG Laksaman"}
    table = font["name"]
    table.names = [n for n in table.names if n.nameID not in (16, 17, 21, 22)]
    for name_id, text in names.items():
        table.setName(text, name_id, 3, 1, 0x409)
        table.setName(text, name_id, 1, 0, 0)
    return font
