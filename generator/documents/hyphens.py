"""Latin words that open with a short prefix and a hyphen ("e-Service") kept whole on a line.

Word and LibreOffice may end a line at a hyphen inside a Latin word, which leaves
"(e-" at a line end and "Service)" on the next. After a prefix of one or two letters
the hyphen becomes Word's own non-breaking hyphen (``w:noBreakHyphen``, Ctrl+Shift+-
in Word): it prints as "-" and LibreOffice's PDF copies it as "-", but no line ends
there. Word's Find matches it with ``^~`` rather than "-".
"""

from __future__ import annotations

import re

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

PREFIX_HYPHEN = re.compile(r"(?<![A-Za-z])([A-Za-z]{1,2})-(?=[A-Za-z])")
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def pieces(text: str) -> list[str]:
    """Return `text` cut at each hyphen that ends a short Latin prefix (the hyphens dropped).

    >>> pieces("การให้บริการ (e-Service) และ e-form"), pieces("Project-ASP COVID-19")
    (['การให้บริการ (e', 'Service) และ e', 'form'], ['Project-ASP COVID-19'])
    """
    return PREFIX_HYPHEN.sub(lambda m: m[1] + "\0", text).split("\0")


def keep_whole(doc) -> None:
    """Make each hyphen after a short Latin prefix non-breaking, in the body, headers and footers."""
    parts = [doc.part] + [rel.target_part for rel in doc.part.rels.values()
                          if rel.reltype in (RT.HEADER, RT.FOOTER)]
    for part in parts:
        for text in list(part.element.iter(qn("w:t"))):
            if text.text and PREFIX_HYPHEN.search(text.text):
                _split(text, pieces(text.text))


def _split(text, parts: list[str]) -> None:
    """Replace the ``w:t`` `text` by `parts` joined with ``w:noBreakHyphen``, in the same run."""
    text.text = parts[0]
    text.set(_SPACE, "preserve")
    after = text
    for part in parts[1:]:
        hyphen, rest = OxmlElement("w:noBreakHyphen"), OxmlElement("w:t")
        rest.text = part
        rest.set(_SPACE, "preserve")
        after.addnext(hyphen)
        hyphen.addnext(rest)
        after = rest
