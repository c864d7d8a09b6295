"""What a reader sees at a rendered PDF's line ends and margins, beyond `pdflayout`'s checks.

From the PDF's own lines (`pdflayout.read`): line ends that leave a piece that is not a
dictionary word, lines that hold only a bracket or end with an opening one, line ends at
a prefix's hyphen, and lines of page-wide paragraphs that stop short of the margin. Used
by `scripts/count-broken-words` and `tests/test_layout.py`.
"""

from __future__ import annotations

import re

from generator.documents import linebreak
from generator.text import thai
from tools.pdflayout import PT_PER_CM, Page, line_pairs, lone_brackets, plain

# -- Thai letters, vowels and marks (no digits, no ฿): the text a Thai word is made of --
_THAI_RUN = "[\u0e01-\u0e3a\u0e40-\u0e4e]+"
_ONE_LETTER_WORDS = frozenset({"ณ", "ๆ", "ฯ"})
OPENING, CLOSING = "([{“‘", ")]}”’"


def broken_pieces(pages: list[Page], words: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """Return (page, 'end / start') for each line end that leaves a piece no dictionary word
    covers: the Thai text on either side reads worse than the two sides joined.

    The dictionary is pythainlp's, the project's compounds and `words` (the data's
    accepted words). "งบ / ประมาณ" leaves two words and is not counted; "มาตรฐา / น" is.
    """
    known = thai.known_words() | linebreak.COMPOUNDS | _ONE_LETTER_WORDS | words
    found = []
    for number, line, following in line_pairs(pages):
        tail, head = re.search(_THAI_RUN + "$", line), re.match(_THAI_RUN, following)
        if tail and head and (_uncovered(tail[0], known) + _uncovered(head[0], known)
                              > _uncovered(tail[0] + head[0], known)):
            found.append((number, f"{line[-12:]} / {following[:12]}"))
    return found


def _uncovered(run: str, known: frozenset[str]) -> int:
    """Return how few letters of `run` can be left outside dictionary words.

    >>> _uncovered("มาตรฐาน", thai.known_words()), _uncovered("มาตรฐา", thai.known_words())
    (0, 2)
    """
    best = [0] + [len(run)] * len(run)
    for end in range(1, len(run) + 1):
        best[end] = best[end - 1] + 1
        for start in range(max(0, end - 30), end):
            if best[start] < best[end] and run[start:end] in known:
                best[end] = best[start]
    return best[-1]


def bracket_lines(pages: list[Page]) -> list[tuple[int, str]]:
    """Return (page, line) for each line that holds only brackets or ends with an opening one,
    or begins with a closing one (`pdflayout.lone_brackets`, joins across table cells included)."""
    brackets = re.escape(OPENING + CLOSING)
    only = re.compile(rf"[\s.,;:*]*[{brackets}][\s{brackets}.,;:*]*")
    return [(number, line.text) for number, page in enumerate(pages, 1)
            for block in page.blocks for line in block
            if line.text.strip() and (only.fullmatch(line.text) or line.text.rstrip().endswith(tuple(OPENING))
                                      or lone_brackets([line.text]))]


def short_lines(pages: list[Page], paragraphs: list[str], least: float = 3.0) -> list[tuple[int, float, str]]:
    """Return (page, points short, line end) for each line of a page-wide paragraph that
    is not the paragraph's last and ends more than `least` points short of the right
    margin (2 cm): a justified paragraph's lines reach it.

    `paragraphs` are the document's paragraph texts; each of 30 letters or more is found
    in the PDF as consecutive lines that start at the left margin (3 cm) after the first.
    """
    lines = [(number, line, page.width) for number, page in enumerate(pages, 1) for line in page.body_lines()]
    texts = [_joined(line.text) for _, line, _ in lines]
    found, after = [], 0
    for paragraph in map(_joined, paragraphs):
        run = _lines_of(paragraph, texts, after) if len(paragraph) >= 30 else None
        if run is None or any(abs(lines[k][1].left - 3 * PT_PER_CM) > 2 for k in run[1:]):
            continue
        after = run[-1] + 1   # -- a paragraph repeated on several sheets is found once on each --
        for k in run[:-1]:
            number, line, width = lines[k]
            short = width - 2 * PT_PER_CM - line.right
            if short > least:
                found.append((number, round(short, 1), line.text[-20:]))
    return found


def _joined(text: str) -> str:
    return re.sub(r"\s", "", plain(text))


def _lines_of(paragraph: str, texts: list[str], after: int = 0) -> list[int] | None:
    """Return the indexes, from `after` on, of the consecutive `texts` that spell `paragraph`, or None."""
    for start, text in enumerate(texts[after:], after):
        if not text or not paragraph.startswith(text):
            continue
        end, spelled = start, text
        while spelled != paragraph and end + 1 < len(texts) and paragraph.startswith(spelled + texts[end + 1]):
            end, spelled = end + 1, spelled + texts[end + 1]
        if spelled == paragraph and end > start:
            return list(range(start, end + 1))
    return None


def hyphen_splits(pages: list[Page]) -> list[tuple[int, str]]:
    """Return (page, 'end / start') for each line end at the hyphen after a prefix ("e- / Service")."""
    return [(number, f"{line[-12:]} / {following[:12]}") for number, line, following in line_pairs(pages)
            if re.search(r"(?<!\w)[^\W\d]{1,2}-$", line)]
