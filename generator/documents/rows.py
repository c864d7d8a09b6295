"""Table rows kept whole on a page: a row's height estimated from its text, and a row
taller than a page cut into rows that each fit.

Every row of the forms carries ``w:cantSplit``, so Word and LibreOffice move a row that
does not fit to the next page whole. A row taller than a page would still split there
(Word clips it instead), and neither program can repeat a cell's text on the next page.
So a row estimated taller than a page is cut here, before rendering, into rows that each
fit, and every row after the first repeats the first cell, with "(ต่อ)" under it.

Heights are estimated from the text alone, without the font. TH Sarabun New draws a
Thai letter 0.36 em wide on average (0.40 is used; vowel and tone marks above or below
take none), and a line is 1.301 em high (ascent 844 + descent 457 per 1000 units).
A text that wraps is taken to leave 0.9 em of each line empty, the room a word that
does not fit leaves. Measured on the FY 2564 summary form's texts in cells 2.6 to 20 cm wide against
the lines the real font gives at the same word breaks, the estimate was never more
than one line short of a paragraph, and mostly exact or one line over.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from generator.documents.linebreak import words

PT_PER_CM = 72 / 2.54
LINE_EM = 1.301
CELL_PADDING = 0.38         # cm: Table Grid's cell margins, 0.19 cm each side
WASTE = 0.9                 # em: a line ends short of the cell's edge where the next word does not fit
PIECE = 0.85                # a cut row's pieces take this share of a page: the estimate may be short
LANDSCAPE_TEXT = 16.5 * PT_PER_CM   # pt: A4 landscape, 21 cm less the 2.5 and 2 cm margins
CONTINUED = "(ต่อ)"   # -- a line of its own: LibreOffice may end a line after an opening bracket --
_MARK = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
_LATIN_OR_DIGIT = re.compile("[A-Za-z0-9\u0e50-\u0e59]")

Cell = list[str]   # the paragraphs of one table cell


@dataclass(frozen=True)
class Form:
    """The geometry of a table form: named columns with widths in cm, the rows' text
    size in pt, and the header row's height in lines (it repeats on every page)."""

    columns: tuple[tuple[str, float], ...]
    size: float = 14
    header_lines: int = 3
    page: float = LANDSCAPE_TEXT

    @property
    def widths(self) -> list[float]:
        return [width for _, width in self.columns]

    @property
    def line(self) -> float:
        """Return the height in pt of one line of the rows' text."""
        return LINE_EM * self.size

    @property
    def room(self) -> float:
        """Return the height in pt a row may take: the page under the repeated header,
        less a line for the borders and the group heading kept with the row."""
        return self.page - (self.header_lines + 1) * self.line


# -- the summary form of the packet and the table of a progress report; tools/make_templates.py
#    draws their columns with these widths (cm), chosen for the fewest lines on the FY 2564 texts
#    with each header word on one line ("มาตรฐาน", "100.00", "(ร้อยละ)", "ดำเนินงาน"), then
#    checked in LibreOffice: a benefit column under 4.3 cm gets "ราชการ 4." / "0 (PMQA 4.0)" --
SUMMARY_FORM = Form((("title", 3.5), ("linkage", 3.5), ("benefit", 4.3), ("weight", 1.6),
                     ("last_year", 1.9), ("basic", 3.4), ("standard", 3.2), ("advanced", 3.3)))
REPORT_FORM = Form((("title", 4.2), ("weight", 1.6), ("basic", 3.5), ("standard", 3.2),
                    ("advanced", 3.6), ("result", 2.8), ("level", 2.1), ("points", 1.7),
                    ("weighted", 2.0)), header_lines=2)


def text_width(text: str, size: float) -> float:
    """Return the estimated width in pt of `text` on one line at `size` pt.

    >>> round(text_width("มาตรฐาน", 14), 1)
    39.2
    """
    ems = sum(0.0 if _MARK.match(ch) else 0.22 if ch.isspace() else
              0.45 if _LATIN_OR_DIGIT.match(ch) else 0.40 if ch.isalpha() else 0.25
              for ch in text)
    return ems * size


def lines(text: str, width: float, size: float) -> int:
    """Return the estimated number of lines `text` takes in a cell `width` cm wide, at `size` pt.

    The second text takes three lines in LibreOffice ("ผู้บริหารสร้าง / สภาพแวดล้อมเพื่อให้ /
    หน่วยงานเป็นองค์การ"): the estimate errs long.

    >>> lines("มาตรฐาน", 2.1, 14), lines("ผู้บริหารสร้างสภาพแวดล้อมเพื่อให้หน่วยงานเป็นองค์การ", 3.1, 14)
    (1, 4)
    """
    inner, wide = (width - CELL_PADDING) * PT_PER_CM, text_width(text, size)
    return 1 if wide <= inner else math.ceil(wide / (inner - WASTE * size))


def height(cells: list[Cell], form: Form) -> float:
    """Return the estimated height in pt of a row of `cells`, one per column of `form`."""
    return max(sum(lines(p, w, form.size) for p in cell) or 1
               for cell, w in zip(cells, form.widths)) * form.line


def fit(row: dict[str, Cell], form: Form) -> list[dict[str, Cell]]:
    """Return `row` (its cells by column name) as the rows that print it, each fitting a page.

    A row that fits is returned alone. A taller one is cut between its paragraphs, or
    between the words of one, into page-high rows; each after the first repeats the
    first cell with a line "(ต่อ)" under it, and a cell that has ended is left empty.
    """
    names = [name for name, _ in form.columns]
    cells = [row[name] for name in names]
    if height(cells, form) <= form.room:
        return [row]
    budget = max(1, math.floor(form.room * PIECE / form.line))
    chunks = [_chunks(cell, width, form.size, budget) for cell, width in zip(cells[1:], form.widths[1:])]
    first, pieces = cells[0], []
    for i in range(max(len(c) for c in chunks)):
        head = first if i == 0 else first + [CONTINUED]
        pieces.append(dict(zip(names, [head] + [c[i] if i < len(c) else [""] for c in chunks])))
    return pieces


def _chunks(cell: Cell, width: float, size: float, budget: int) -> list[Cell]:
    """Return `cell`'s paragraphs in chunks of at most `budget` estimated lines."""
    chunks, chunk, used, queue = [], [], 0, list(cell)
    while queue:
        paragraph = queue.pop(0)
        count = lines(paragraph, width, size)
        if used + count <= budget:
            chunk.append(paragraph)
            used += count
            continue
        head, tail = _cut(paragraph, width, size, budget - used)
        if not head and not chunk:   # -- not one word fits an empty chunk: take one anyway --
            head, tail = _cut(paragraph, width, size, budget, at_least_one=True)
        chunks.append(chunk + ([head] if head else []))
        chunk, used = [], 0
        if tail:
            queue.insert(0, tail)
    return chunks + [chunk] if chunk else chunks or [[""]]


def _cut(text: str, width: float, size: float, budget: int, at_least_one: bool = False) -> tuple[str, str]:
    """Return the longest start of `text` ending between words that fits in `budget`
    lines, and the rest; with `at_least_one`, its first word even when that is taller."""
    pieces, head = words(text), ""
    for i, piece in enumerate(pieces):
        longer = head + piece
        if longer.strip() and lines(longer.strip(), width, size) > budget and not (at_least_one and i == 0):
            return head.strip(), "".join(pieces[i:]).strip()
        head = longer
    return head.strip(), ""
