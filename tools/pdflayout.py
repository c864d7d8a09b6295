"""How a rendered PDF lays out its text: lines, page fill, Thai words cut at a line end.

Reads `pdftotext -bbox-layout`: each page's blocks (a paragraph or a table cell) and
their lines with positions in points. Used by tests and `scripts/count-broken-words`
to check what a reviewer sees on paper.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from generator.documents import linebreak
from generator.errors import ToolMissing
from generator.text import thai

PT_PER_CM = 72 / 2.54
TOP_MARGIN, BOTTOM_MARGIN = 2.5 * PT_PER_CM, 2.0 * PT_PER_CM   # as tools/make_templates.py sets
# -- the first line of a page that opens a new part of the packet (cover, agreement,
#    linkage table, summary form, an indicator sheet) --
PART_OPENERS = ("คำรับรองการปฏิบัติราชการ", "ความเชื่อมโยงนโยบาย", "แบบฟอร์มสรุปตัวชี้วัด",
                "ตัวชี้วัด ")
SHEET_SECOND_LINE = "ตามคำรับรองการปฏิบัติราชการ"
THAI_MONTHS = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
               "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
_DIGIT = "[0-9๐-๙]"
_XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Line:
    text: str
    top: float
    bottom: float
    left: float = 0.0
    right: float = 0.0


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    blocks: tuple[tuple[Line, ...], ...]

    def body_lines(self) -> list[Line]:
        """Return the lines above the bottom margin (the footer's page number left out)."""
        return [ln for block in self.blocks for ln in block
                if ln.bottom <= self.height - BOTTOM_MARGIN + 1]

    def footer_lines(self) -> list[Line]:
        """Return the lines that reach below the bottom margin: the footer."""
        return [ln for block in self.blocks for ln in block
                if ln.bottom > self.height - BOTTOM_MARGIN + 1]

    def fill(self) -> float:
        """Return how far down the text area the lowest body line reaches, 0 to 1."""
        lines = self.body_lines()
        if not lines:
            return 0.0
        area = self.height - TOP_MARGIN - BOTTOM_MARGIN
        return (max(ln.bottom for ln in lines) - TOP_MARGIN) / area

    def first_lines(self, count: int = 3) -> list[str]:
        return [ln.text for ln in sorted(self.body_lines(), key=lambda ln: ln.top)[:count]]


def read(pdf: Path) -> list[Page]:
    """Return every page of `pdf` with its blocks and lines."""
    if shutil.which("pdftotext") is None:
        raise ToolMissing("pdftotext (poppler-utils)")
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True,
                         check=True).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True, huge_tree=True))
    return [Page(float(p.get("width")), float(p.get("height")),
                 tuple(tuple(_line(ln) for ln in b.iter(_XHTML + "line"))
                       for b in p.iter(_XHTML + "block")))
            for p in root.iter(_XHTML + "page")]


def _line(element) -> Line:
    text = " ".join(w.text or "" for w in element.iter(_XHTML + "word"))
    return Line(plain(text), float(element.get("yMin")), float(element.get("yMax")),
                float(element.get("xMin")), float(element.get("xMax")))


def plain(text: str) -> str:
    """Return `text` as the data wrote it: the no-break spaces rendering adds read as
    spaces, its zero-width spaces and zero-width no-break spaces dropped.

    >>> plain("ร้อยละ\u00a0100 ต้องการ/\u200bความ")
    'ร้อยละ 100 ต้องการ/ความ'
    """
    for mark, replacement in ((linebreak.NBSP, " "), (linebreak.ZWSP, ""),
                              (linebreak.NO_BREAK, ""), ("\u2060", "")):
        text = text.replace(mark, replacement)
    return text


def opens_part(page: Page) -> bool:
    """Tell whether `page` starts a part: the cover, agreement, a table or a sheet."""
    first = page.first_lines()
    if not first:
        return False
    if first[0].startswith("ตัวชี้วัด "):
        return any(line.startswith(SHEET_SECOND_LINE) for line in first[1:])
    return first[0].startswith(PART_OPENERS)


def thin_pages(pages: list[Page], least: float = 0.70,
               row_start: re.Pattern | None = None) -> list[tuple[int, float]]:
    """Return (page number, fill) of interior pages (the part goes on) filled below `least`.

    Table rows never split across pages. With `row_start`, the pattern of a row's first
    line ("3. ระดับ…"), a page is not thin when the row that opens the next page is
    taller than the room left on this one.
    """
    return [(i + 1, round(page.fill(), 2)) for i, page in enumerate(pages[:-1])
            if not opens_part(pages[i + 1]) and page.fill() < least
            and not (row_start and (opening_row(pages[i + 1], row_start) or 0) > room_left(page))]


def room_left(page: Page) -> float:
    """Return the height in pt left free between the page's last body line and its bottom margin."""
    lines = page.body_lines()
    return page.height - BOTTOM_MARGIN - max((ln.bottom for ln in lines), default=TOP_MARGIN)


def opening_row(page: Page, row_start: re.Pattern) -> float | None:
    """Return the height in pt of the first table row on `page` whose first line matches
    `row_start`: down to the next such row, or to the page's last line."""
    lines = page.body_lines()
    starts = sorted(ln.top for ln in lines if row_start.match(ln.text))
    if not starts:
        return None
    end = starts[1] if len(starts) > 1 else max(ln.bottom for ln in lines)
    return end - starts[0]


def holds(line: str, text: str) -> bool:
    """Tell whether `line` is `text`, or holds it as one cell of a line pdftotext joined across cells.

    >>> holds("(ร้อยละ) ดำเนินงาน", "(ร้อยละ)"), holds("(ร้อยละ", "(ร้อยละ)")
    (True, False)
    """
    return line == text or line.startswith(text + " ") or line.endswith(" " + text)


def lone_brackets(lines: list[str]) -> list[str]:
    """Return the lines that end with an opening bracket or begin with a closing one, pdftotext's
    joins across table cells included.

    >>> lone_brackets(["น้ำหนัก (", "ร้อยละ)", ") ต่อ", "น้ำหนัก ( เป้าหมาย", "(ร้อยละ) ดำเนินงาน"])
    ['น้ำหนัก (', ') ต่อ', 'น้ำหนัก ( เป้าหมาย']
    """
    return [line for line in lines if re.search(r"\((\s|$)|(^|\s)\)", line)]


def split_rows(pages: list[Page], header_end: str, row_start: re.Pattern) -> list[tuple[int, str]]:
    """Return (page number, text) where a table page goes on with a row begun on the page before.

    On each page whose repeated header ends with a line `header_end` (its lowest
    line), the topmost lines below the header must include one matching `row_start`:
    otherwise the row above was split across the page break.
    """
    found = []
    for number, page in enumerate(pages, 1):
        lines = page.body_lines()
        ends = [ln.bottom for ln in lines if holds(ln.text, header_end)]
        below = [ln for ln in lines if ends and ln.top > max(ends)]
        if not below:
            continue
        top = min(ln.top for ln in below)
        first = sorted((ln for ln in below if ln.top < top + 2), key=lambda ln: ln.left)
        if not any(row_start.match(ln.text) for ln in first):
            found.append((number, first[0].text))
    return found


def line_pairs(pages: list[Page]):
    """Yield (page number, line, next line) for consecutive lines of one block."""
    for number, page in enumerate(pages, 1):
        for block in page.blocks:
            for line, following in zip(block, block[1:]):
                yield number, line.text, following.text


def broken_words(pages: list[Page], source: str) -> list[tuple[int, str, str]]:
    """Return (page, word, 'end / start') for each line end inside a dictionary word.

    `source` is the document's text: a line end where the source has a space is a
    proper break even when the two sides would read as one word.
    """
    dictionary, source = thai.known_words(), plain(source)
    found = []
    for number, line, following in line_pairs(pages):
        tail, head = line[-12:], following[:12]
        if not tail or not head or f"{tail} {head}" in source and f"{tail}{head}" not in source:
            continue
        word = _word_across(tail, head, dictionary)
        if word:
            found.append((number, word, f"{tail} / {head}"))
    return found


def _word_across(tail: str, head: str, dictionary: frozenset[str]) -> str | None:
    """Return the dictionary word that `tail + head` has across their join, if any."""
    word, _ = _piece_across(tail, head)
    return word if word in dictionary else None


def _piece_across(tail: str, head: str) -> tuple[str | None, int]:
    """Return the newmm word of `tail + head` that runs across their join and where in
    it the join falls, or (None, 0)."""
    position = 0
    for word in thai.tokens(tail + head):
        start, position = position, position + len(word)
        if start < len(tail) < position:
            return word, len(tail) - start
        if position >= len(tail):
            break
    return None, 0


def broken_syllables(pages: list[Page]) -> list[tuple[int, str]]:
    """Return (page, 'end / start') for each line end inside a Thai syllable ("การเตรี / ยม").

    A join between two dictionary words ("การ / พิจารณา") or at a syllable boundary of
    the word it cuts is not counted.
    """
    dictionary, found = thai.known_words(), []
    for number, line, following in line_pairs(pages):
        word, cut = _piece_across(line[-12:], following[:12])
        if not word or not re.fullmatch("[ก-๛]+", word):
            continue
        if word[:cut] in dictionary and word[cut:] in dictionary:
            continue
        cuts = {sum(map(len, thai.syllables(word)[:i])) for i in range(len(word) + 1)}
        if cut not in cuts:
            found.append((number, f"{line[-12:]} / {following[:12]}"))
    return found


def split_numbers(pages: list[Page]) -> list[tuple[int, str]]:
    """Return (page, 'end / start') for each number cut at its point or comma ("ราชการ 4." / "0 (PMQA").

    >>> split_numbers([Page(0, 0, ((Line("ระบบราชการ 4.", 0, 1), Line("0 (PMQA 4.0)", 1, 2)),))])
    [(1, 'ระบบราชการ 4. / 0 (PMQA 4.0)')]
    """
    return [(number, f"{line} / {following}") for number, line, following in line_pairs(pages)
            if re.search(rf"{_DIGIT}[.,]$", line) and re.match(_DIGIT, following)]


def split_dates(pages: list[Page]) -> list[tuple[int, str]]:
    """Return (page, 'end / start') for each date cut between day, month and year."""
    months = "|".join(THAI_MONTHS)
    day_end = re.compile(rf"(?:^|\s){_DIGIT}{{1,2}}$")
    month_start = re.compile(rf"^(?:เดือน\s*)?(?:{months})")
    month_end = re.compile(rf"(?:{months})$")
    year_start = re.compile(rf"^(?:พ\.ศ\.\s*)?{_DIGIT}{{4}}")
    return [(number, f"{line} / {following}") for number, line, following in line_pairs(pages)
            if day_end.search(line) and month_start.search(following)
            or month_end.search(line) and year_start.search(following)
            or line.endswith("วันที่") and re.match(_DIGIT, following)]
