"""The packet made the stock way: plain docxtpl per template, then docxcompose.

The contexts come from the project's own code (bench/run.py writes them to a JSON file
first), so the pages are the same; nothing is checked and nothing is kept reproducible.
Run as a process by bench/run.py:

    python bench/stock.py CONTEXTS.json OUT.docx
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from docx import Document
from docxcompose.composer import Composer
from docxtpl import DocxTemplate

ROOT = Path(__file__).resolve().parent.parent


def render_and_join(parts: list[tuple[Path, dict]]) -> bytes:
    """Render every part with plain docxtpl and join them with docxcompose."""
    docs = []
    for template, context in parts:
        tpl = DocxTemplate(template)
        tpl.render(context, autoescape=True)
        buffer = io.BytesIO()
        tpl.save(buffer)
        docs.append(buffer.getvalue())
    master = Document(io.BytesIO(docs[0]))
    composer = Composer(master)
    for data in docs[1:]:
        composer.append(Document(io.BytesIO(data)))
    out = io.BytesIO()
    composer.save(out)
    return out.getvalue()


if __name__ == "__main__":
    parts = json.loads(Path(sys.argv[1]).read_text("utf-8"))
    Path(sys.argv[2]).write_bytes(render_and_join([(ROOT / "templates" / t, c) for t, c in parts]))
