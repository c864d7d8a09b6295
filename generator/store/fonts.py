"""Which TH Sarabun New LibreOffice draws with, so that PDFs paginate like Word.

If TH Sarabun New is installed, use it. Otherwise build a metric-compatible family
from Debian's Laksaman (made from TH Sarabun New, drawn 1/0.6656 larger) into a
cache folder: same outlines, scaled by a larger unitsPerEm, renamed, and with its
Thai marks drawn in place as TH Sarabun New draws them (`marks_in_place`), so that a
PDF made with it can be searched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from fontTools.ttLib import TTFont

from generator import cache_root
from generator.errors import ToolMissing
from generator.i18n import _

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
BUILD = "marks-in-place"   # -- change when the stand-in changes: a family built before is not reused --
MARK_POSITIONING = ("mark", "mkmk")


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
    folder = (target or cache_dir()) / BUILD
    built = all((folder / _face_file(style)).is_file() for style in FACES)
    return not built and not installed()


def _face_file(style: str) -> str:
    return f"THSarabunNew-{style.replace(' ', '')}.ttf"


def stand_in(target: Path | None = None, source: Path = LAKSAMAN_DIR) -> Path:
    """Return a folder with a TH Sarabun New family built from Laksaman, building it once."""
    target = (target or cache_dir()) / BUILD
    missing = [name for name in FACES.values() if not (source / name).is_file()]
    if missing:
        raise ToolMissing(_("Laksaman is missing: sudo apt-get install fonts-tlwg-laksaman-ttf"))
    target.mkdir(parents=True, exist_ok=True)
    for style, name in FACES.items():
        out = target / _face_file(style)
        if not out.is_file():
            staging = out.with_suffix(".tmp")
            font = scaled(source / name, style)
            marks_in_place(font)
            font.save(staging)
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


def marks_in_place(font: TTFont) -> None:
    """Make the font's Thai vowel and tone marks come out drawn in place, as TH Sarabun
    New's do, instead of moved by mark positioning.

    Laksaman moves its marks with GPOS anchors; LibreOffice then writes each mark a
    fraction of a point beside its letter, and pdftotext reads it after the next letter
    ("ตัวชีว้ ัด": "ตัวชี้วัด" was found 0 of 118 times in the packet). TH Sarabun New has
    no mark positioning: its substitutions pick marks drawn where they belong. Laksaman
    holds the same glyphs under the Windows private-use codes, and HarfBuzz, which
    LibreOffice shapes with, picks them itself when a font has no Thai substitutions. So
    the Thai substitutions (the `thai` script and every lookup that touches a Thai
    glyph) and the mark positioning go; kerning and Latin features stay.
    """
    thai = {name for name in font.getGlyphOrder() if name.startswith("uni0E")}
    thai |= {name for code, name in font.getBestCmap().items() if 0xF700 <= code <= 0xF71F}
    gsub = font["GSUB"].table
    touching = {i for i, lookup in enumerate(gsub.LookupList.Lookup) if _glyphs_of(lookup) & thai}
    gsub.ScriptList.ScriptRecord = [r for r in gsub.ScriptList.ScriptRecord if r.ScriptTag != "thai"]
    gsub.ScriptList.ScriptCount = len(gsub.ScriptList.ScriptRecord)
    for record in gsub.FeatureList.FeatureRecord:
        record.Feature.LookupListIndex = [i for i in record.Feature.LookupListIndex if i not in touching]
        record.Feature.LookupCount = len(record.Feature.LookupListIndex)
    _drop_features(font["GPOS"].table, MARK_POSITIONING)


def _glyphs_of(lookup) -> set[str]:
    """Return the glyph names a GSUB lookup reads or writes."""
    names = set()
    for table in lookup.SubTable:
        for attribute in ("mapping", "ligatures"):
            names |= set(getattr(table, attribute, None) or ())
        coverages = [getattr(table, "Coverage", None)]
        for attribute in ("InputCoverage", "BacktrackCoverage", "LookAheadCoverage"):
            coverages += getattr(table, attribute, None) or []
        names |= {glyph for coverage in coverages if coverage is not None for glyph in coverage.glyphs}
    return names


def _drop_features(table, tags: tuple[str, ...]) -> None:
    """Remove the features named `tags` from a GSUB or GPOS table, and from every script."""
    keep = [i for i, r in enumerate(table.FeatureList.FeatureRecord) if r.FeatureTag not in tags]
    index = {old: new for new, old in enumerate(keep)}
    table.FeatureList.FeatureRecord = [table.FeatureList.FeatureRecord[i] for i in keep]
    table.FeatureList.FeatureCount = len(keep)
    for record in table.ScriptList.ScriptRecord:
        for system in [record.Script.DefaultLangSys] + [r.LangSys for r in record.Script.LangSysRecord]:
            if system is not None:
                system.FeatureIndex = [index[i] for i in system.FeatureIndex if i in index]
                system.FeatureCount = len(system.FeatureIndex)
                if system.ReqFeatureIndex != 0xFFFF:
                    system.ReqFeatureIndex = index.get(system.ReqFeatureIndex, 0xFFFF)
