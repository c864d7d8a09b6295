"""PDF copies through LibreOffice headless, and checks on the PDFs it makes.

LibreOffice must draw Thai with TH Sarabun New, as Word does, or the pages break
differently: `fontconfig_file` points soffice at a folder holding the font.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from generator.errors import GeneratorError, ToolMissing

FALLBACK_FONTS = ("Loma", "Garuda", "Kinnari", "Umpush", "Norasi", "DejaVu", "Laksaman",
                  "OpenSymbol", "Liberation")
PDFA2_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
INSTALL_HINT = ("ติดตั้ง LibreOffice ก่อน: sudo apt-get install libreoffice-writer poppler-utils "
                "/ install LibreOffice: sudo apt-get install libreoffice-writer poppler-utils")


def soffice() -> str:
    """Return the LibreOffice program, or raise ToolMissing saying how to install it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise ToolMissing(INSTALL_HINT)


def fontconfig_file(font_dir: Path, cache: Path) -> Path:
    """Write a fonts.conf that adds `font_dir` to the system's fonts; return its path."""
    cache.mkdir(parents=True, exist_ok=True)
    conf = cache / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{font_dir.resolve()}</dir>\n"
        f"  <cachedir>{(cache / 'fc-cache').resolve()}</cachedir>\n"
        "</fontconfig>\n", encoding="utf-8")
    return conf


def convert(files: list[Path], out_dir: Path, fonts_conf: Path | None = None,
            pdfa: bool = False) -> list[Path]:
    """Convert `files` to PDF in one soffice call with a private profile; return the PDFs."""
    program = soffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    if fonts_conf is not None:
        env["FONTCONFIG_FILE"] = str(fonts_conf)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        command = [program, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                   "--convert-to", PDFA2_FILTER if pdfa else "pdf", "--outdir", str(out_dir)]
        result = subprocess.run(command + [str(f) for f in files], env=env,
                                capture_output=True, text=True, timeout=600)
    pdfs = [out_dir / (f.stem + ".pdf") for f in files]
    missing = [p.name for p in pdfs if not p.is_file()]
    if result.returncode != 0 or missing:
        raise GeneratorError(f"LibreOffice แปลง PDF ไม่สำเร็จ ({', '.join(missing)}): "
                             f"{result.stderr.strip()[-500:]}")
    return pdfs


def _poppler(tool: str, *args: str) -> str:
    if shutil.which(tool) is None:
        raise ToolMissing(INSTALL_HINT)
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


def fonts(pdf: Path) -> list[str]:
    """Return the names of the fonts embedded in `pdf`, subset prefixes removed."""
    lines = _poppler("pdffonts", str(pdf)).splitlines()[2:]
    return [re.sub(r"^[A-Z]{6}\+", "", line.split()[0]) for line in lines if line.strip()]


def fallback_fonts(pdf: Path) -> list[str]:
    """Return the embedded fonts of `pdf` that are a fallback, not TH Sarabun New."""
    return [name for name in fonts(pdf) if any(f.lower() in name.lower() for f in FALLBACK_FONTS)]


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Return (width, height) in points of every page of `pdf`."""
    count = int(re.search(r"Pages:\s+(\d+)", _poppler("pdfinfo", str(pdf)))[1])
    text = _poppler("pdfinfo", "-f", "1", "-l", str(count), str(pdf))
    return [(float(w), float(h)) for w, h in
            re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", text)]


def page_texts(pdf: Path) -> list[str]:
    """Return the text of each page of `pdf`."""
    return _poppler("pdftotext", "-layout", str(pdf), "-").split("\f")[:-1]


def pdfa_part(pdf: Path) -> str | None:
    """Return the PDF/A part number declared in `pdf`'s XMP metadata, if any."""
    match = re.search(rb"pdfaid:part(?:>|=\")(\d)", pdf.read_bytes())
    return match[1].decode() if match else None
