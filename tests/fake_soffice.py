"""Stand in for LibreOffice's soffice in a child process, where LibreOffice is not what a
test is about (the editor runs the command line in a child process of its own).

    python tests/fake_soffice.py -env:UserInstallation=… --headless --convert-to pdf[:…] --outdir DIR FILE…

writes DIR/<name>.pdf for each FILE: one blank A4 page that declares PDF/A-2b and draws no
text, so it names no fallback font (what `pdf.check` asks of a copy). `launcher` writes a
program named soffice that runs it, to put first on a child's PATH.
"""

from __future__ import annotations

import sys
from pathlib import Path

XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">'
       b"<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"
       b"</rdf:Description></rdf:RDF></x:xmpmeta>")
OBJECTS = [b"<< /Type /Catalog /Pages 2 0 R /Metadata 4 0 R >>",
           b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
           b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.304 841.89] >>",
           b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n%s\nendstream" % (len(XMP), XMP)]


def blank_pdfa() -> bytes:
    """Return a one-page blank PDF that declares PDF/A-2b in its XMP metadata."""
    pdf, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(OBJECTS, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    start = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(OBJECTS) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(OBJECTS) + 1, start)
    return bytes(pdf)


def launcher(folder: Path) -> Path:
    """Write `folder`/soffice, a program that runs this stand-in; return `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "soffice"
    program.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{Path(__file__).resolve()}" "$@"\n', encoding="utf-8")
    program.chmod(0o755)
    return folder


def main(args: list[str]) -> int:
    target = args[args.index("--convert-to") + 1].split(":")[0]
    if target != "pdf":
        print(f"fake soffice: converts to pdf only, not {target}", file=sys.stderr)
        return 1
    out = Path(args[args.index("--outdir") + 1])
    out.mkdir(parents=True, exist_ok=True)
    for name in args[args.index("--outdir") + 2:]:
        (out / f"{Path(name).stem}.pdf").write_bytes(blank_pdfa())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
