"""Which context value produced which stretch of a rendered document's text.

A part is rendered twice: as usual, and with every text and number of its context
replaced by a unique mark (private-use characters that no template, tokenizer or
digit rule touches). Conditions and loops see values of the same truth and length,
so both renders have the same paragraphs and cells; where a mark lands, its value
was printed. Each paragraph is then known as template text and values, character by
character, in the reading a person has of it (`text.reading`).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from generator.documents.render import render
from generator.text import thai
from generator.text.reading import INVISIBLE

_OPEN, _CLOSE, _FIRST, _BASE = "\ue000", "\ue001", 0xE100, 0x1000
_MARK = re.compile(f"{_OPEN}([{chr(_FIRST)}-{chr(_FIRST + _BASE - 1)}]+){_CLOSE}")


@dataclass(frozen=True)
class Unit:
    """One paragraph of a document body (in a table cell or not), as stored."""

    runs: tuple[str, ...]   # the text of each run (``w:t``, with tabs and breaks)
    where: tuple            # ("p", n) or ("cell", table, row, column, paragraph), 0-based

    @property
    def text(self) -> str:
        return "".join(self.runs)


@dataclass(frozen=True)
class Traced:
    """A rendered paragraph as read, with the owner of each character.

    An owner is None for template text, else the context path of the value printed there
    and which of its printings in this paragraph it is (a name may be printed twice).
    `traced` is False when the marked render did not explain the text (then no owner is trusted).
    """

    part: str
    where: tuple
    text: str
    owners: tuple
    traced: bool = True


def units(data: bytes) -> tuple[list[Unit], list[tuple[int, ...]]]:
    """Return a .docx body's paragraphs in order, and each table's shape (cells per row)."""
    body = Document(io.BytesIO(data)).element.body
    found: list[Unit] = []
    shapes: list[tuple[int, ...]] = []
    _walk(body, found, shapes)
    return found, shapes


def _walk(parent, found: list[Unit], shapes: list) -> None:
    for child in parent.iterchildren():
        if child.tag == qn("w:p"):
            found.append(Unit(_runs(child), ("p", sum(1 for u in found if u.where[0] == "p"))))
        elif child.tag == qn("w:tbl"):
            table, rows = len(shapes), child.findall(qn("w:tr"))
            shapes.append(tuple(len(row.findall(qn("w:tc"))) for row in rows))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row.findall(qn("w:tc"))):
                    for k, paragraph in enumerate(cell.iter(qn("w:p"))):
                        found.append(Unit(_runs(paragraph), ("cell", table, r, c, k)))
        elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
            _walk(child, found, shapes)


_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_TEXTS = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n"}


_HIDDEN = {qn("w:del"), qn("w:moveFrom"), f"{{{_MC}}}Fallback"}


def _runs(paragraph) -> tuple[str, ...]:
    """Return the text of each run of `paragraph` as it reads with tracked changes accepted."""
    runs = []
    for run in paragraph.iter(qn("w:r")):
        if any(parent.tag in _HIDDEN for parent in run.iterancestors()):
            continue
        pieces = [(el.text or "") if _TEXTS[el.tag] is None else _TEXTS[el.tag]
                  for el in run.iterchildren() if el.tag in _TEXTS]
        if pieces:
            runs.append("".join(pieces))
    return tuple(runs)


def marked(context: dict) -> tuple[dict, list[tuple]]:
    """Return `context` with each text and number replaced by a mark, and the marked paths in order.

    >>> ctx, paths = marked({"ind": {"title": "ก", "weight": 15, "note": None, "steps": ["ข", ""]}})
    >>> paths, ctx["ind"]["note"], ctx["ind"]["steps"][1]
    ([('ind', 'title'), ('ind', 'weight'), ('ind', 'steps', 0)], None, '')
    """
    paths: list[tuple] = []

    def walk(value, path):
        if isinstance(value, dict):
            return {key: walk(item, path + (key,)) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [walk(item, path + (i,)) for i, item in enumerate(value)]
        if isinstance(value, bool) or value is None or value == "" or not isinstance(value, (str, int)):
            return value
        paths.append(path)
        return _mark(len(paths) - 1)

    return walk(context, ()), paths


def _mark(n: int) -> str:
    digits = ""
    while True:
        digits = chr(_FIRST + n % _BASE) + digits
        n //= _BASE
        if not n:
            return _OPEN + digits + _CLOSE


def _number(digits: str) -> int:
    n = 0
    for char in digits:
        n = n * _BASE + ord(char) - _FIRST
    return n


def trace(name: str, template: Path, context: dict, digits: str,
          properties: dict) -> tuple[list[Traced], list[tuple[int, ...]]]:
    """Return the paragraphs of `context` rendered with `template`, each character owned,
    and the shape of each table."""
    values: dict[tuple, object] = {}
    _leaves(context, (), values.__setitem__)
    plain, shapes = units(render(template, context, digits, properties))
    context_marked, paths = marked(context)
    with_marks, _shapes = units(render(template, context_marked, digits, properties))
    if [u.where for u in plain] != [u.where for u in with_marks]:
        return [_untraced(name, u) for u in plain], shapes
    return [_explain(name, real, mark, paths, values, digits) for real, mark in zip(plain, with_marks)], shapes


def _untraced(name: str, unit: Unit) -> Traced:
    text, owners = _read(list(unit.text), [None] * len(unit.text))
    return Traced(name, unit.where, text, tuple(owners), traced=False)


def _leaves(value, path, visit) -> None:
    """Call `visit(path, value)` for each value that is not a mapping or a list."""
    if isinstance(value, dict):
        for key, item in value.items():
            _leaves(item, path + (key,), visit)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            _leaves(item, path + (i,), visit)
    else:
        visit(path, value)


def _explain(name: str, real: Unit, mark: Unit, paths: list, values: dict, digits: str) -> Traced:
    """Return `real` read with owners, rebuilt from `mark` run by run (digits follow each run)."""
    chars: list[str] = []
    owners: list = []
    seen: dict[tuple, int] = {}
    for run in mark.runs:
        run_chars, run_owners, last = [], [], 0
        for match in _MARK.finditer(run):
            run_chars += run[last:match.start()]
            run_owners += [None] * (match.start() - last)
            path = paths[_number(match[1])]
            value = str(values[path])
            seen[path] = seen.get(path, -1) + 1
            run_chars += value
            run_owners += [(path, seen[path])] * len(value)
            last = match.end()
        run_chars += run[last:]
        run_owners += [None] * (len(run) - last)
        if digits == "thai":   # -- one character for one: owners stay in place --
            run_chars = list(thai.thai_digits("".join(run_chars)))
        chars += run_chars
        owners += run_owners
    text, owned = _read(chars, owners)
    if text != _read(list(real.text), [None] * len(real.text))[0]:
        return _untraced(name, real)
    return Traced(name, real.where, text, tuple(owned))


def _read(chars: list[str], owners: list) -> tuple[str, list]:
    """Return `chars` as read (`text.reading`), keeping each character's owner.

    A run of spaces becomes one space owned by its first character; ends are trimmed.
    """
    text: list[str] = []
    owned: list = []
    for char, owner in zip(chars, owners):
        if INVISIBLE.match(char):
            continue
        if char.isspace():
            if not text or text[-1] == " ":
                continue
            char = " "
        text.append(char)
        owned.append(owner)
    while text and text[-1] == " ":
        text.pop()
        owned.pop()
    return "".join(text), owned
