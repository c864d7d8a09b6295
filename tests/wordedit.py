"""Edit a built .docx as a clerk would: a word changed in Word (python-docx), or the file
saved again by LibreOffice, which rewrites every part of it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from generator.text.reading import reading


def replace_text(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` by `new` in the first `count` paragraphs (table cells included) that read
    `old`, as typing in Word does: the paragraph's runs are merged into one."""
    doc = Document(path)
    done = 0
    for paragraph in doc.element.body.iter(qn("w:p")):
        texts = list(paragraph.iter(qn("w:t")))
        seen = reading("".join(t.text or "" for t in texts))
        if old in seen and done < count:
            texts[0].text = seen.replace(old, new, 1)
            for text in texts[1:]:
                text.text = ""
            done += 1
    assert done == count, f"{old!r} found in {done} paragraphs, not {count}"
    doc.save(path)


def append_paragraph(path: Path, after: str, text: str) -> None:
    """Add a paragraph reading `text` after the first paragraph that reads `after`."""
    from copy import deepcopy

    doc = Document(path)
    for paragraph in doc.element.body.iter(qn("w:p")):
        if after in reading("".join(t.text or "" for t in paragraph.iter(qn("w:t")))):
            added = deepcopy(paragraph)
            texts = list(added.iter(qn("w:t")))
            texts[0].text = text
            for extra in texts[1:]:
                extra.text = ""
            paragraph.addnext(added)
            doc.save(path)
            return
    raise AssertionError(f"no paragraph reads {after!r}")


def libreoffice_save(path: Path, work: Path) -> None:
    """Open `path` in LibreOffice and save it as .docx again in place (every part rewritten)."""
    shutil.copy(libreoffice_saved([path], work)[0], path)


def libreoffice_saved(paths: list[Path], work: Path) -> list[Path]:
    """Return copies of `paths` (of different names) opened in LibreOffice and saved as .docx
    again, all in one run: every part rewritten."""
    work.mkdir(parents=True, exist_ok=True)
    profile = (work / "profile").resolve().as_uri()
    (work / "in").mkdir(exist_ok=True)
    for path in paths:
        shutil.copy(path, work / "in" / path.name)
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx",
                    "--outdir", str(work / "out"), *(str(work / "in" / path.name) for path in paths)],
                   check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(work)})
    return [work / "out" / path.name for path in paths]
