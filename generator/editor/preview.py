"""Page images of the document a form makes: an indicator's sheet, the agreement, a round's report.

The draft is checked and rendered as the build renders it, turned into PDF by LibreOffice
with the packet's font, and each page into a PNG with pdftoppm. Without LibreOffice the
rendered .docx is offered instead, with the reason.
"""

from __future__ import annotations

import secrets
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from generator import commands
from generator.commands import archives
from generator.data import results
from generator.documents import packet
from generator.editor import checks
from generator.errors import ToolMissing
from generator.i18n import _
from generator.store import fonts, pdf

KEEP = 4   # previews kept; older ones are removed


@dataclass
class Preview:
    folder: str                                     # the preview's id: a folder under the editor's own
    pages: list[str] = field(default_factory=list)  # page-1.png, page-2.png, …
    docx: str = "preview.docx"
    message: str = ""


def to_pdf(docx: Path, folder: Path, words: frozenset[str] = frozenset()) -> Path:
    """Return `docx` as printed (the build's PDF path): the one place the editor makes a PDF."""
    pdf.soffice()   # no LibreOffice: say so before making a font for it
    return pdf.print_pdfs([docx], folder, pdf.fonts_conf(fonts.cache_dir().parent), words=words)[0]


def make(data_dir: Path, rel: str, text: str, root: Path, digits: str = "arabic") -> Preview:
    """Render the document of data file `rel` with its draft `text`; return its page images."""
    _prune(root)
    preview = Preview(secrets.token_hex(8))
    folder = root / preview.folder
    folder.mkdir(parents=True)
    with checks.trial(data_dir, {rel: text}) as copy:
        agreement = commands.validate(copy)
        rounds = [results.load_round(copy, agreement, int(Path(rel).stem))] if rel.startswith("results/") else []
        part = _part(packet.parts(agreement, rounds), agreement, rel)
    docx = folder / preview.docx
    docx.write_bytes(packet.render_part(part, commands.default_templates(), digits))
    try:
        made = to_pdf(docx, folder, archives.accepted_words(data_dir))
        if shutil.which("pdftoppm") is None:
            raise ToolMissing(_(pdf.INSTALL_HINT))
    except ToolMissing:
        preview.message = _("LibreOffice is not installed, so no page images: open the .docx in Word instead")
        return preview
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(made), str(folder / "page")], check=True,
                   capture_output=True)
    preview.pages = sorted((p.name for p in folder.glob("page-*.png")), key=lambda n: int(n[5:-4]))
    return preview


def _part(parts: list, agreement, rel: str):
    """Return the part a file shows: its sheet, its round's report, else the agreement's front."""
    if rel.startswith("indicators/"):
        number = next(i.number for i in agreement.indicators if i.source == rel)
        return next(p for p in parts if p.number == number)
    if rel.startswith("results/"):
        return parts[-1]
    return parts[0]


def _prune(root: Path) -> None:
    made = sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime) if root.is_dir() else []
    for old in made[:-KEEP + 1]:
        shutil.rmtree(old, ignore_errors=True)
