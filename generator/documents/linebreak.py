"""Where a Thai line may end and where it must not: marks put into rendered text.

Word and LibreOffice break Thai lines with their own dictionaries; a narrow table
cell then shows "งบ / ประมาณ", a date "1 / ตุลาคม 2563". Rendering marks the text
with no-break spaces (U+00A0), word joiners (U+2060) and zero-width spaces (U+200B),
placed with pythainlp's tokenizer. The data and the change reports never see them.
Each rule below was measured with LibreOffice 7.4 and TH Sarabun New
(`scripts/count-broken-words`); Word honours U+00A0 and U+200B for Thai, and U+2060
by the Unicode line-breaking rules (not checked in Word here).
"""

from __future__ import annotations

import re
from functools import lru_cache

from generator import thai

NBSP, ZWSP, WORD_JOINER = "\u00a0", "\u200b", "\u2060"
_THAI_SLASH = re.compile(r"(?<=[ก-๛]/)(?=[ก-๛])")
_DIGITS = "0-9๐-๙"
_BEFORE_NUMBER = re.compile(rf"(?<=\S) (?=[{_DIGITS}])")
_AFTER_NUMBER = re.compile(rf"(?<=[{_DIGITS}]) (?=([^\s{_DIGITS}]+)(?:\s|$))")
_DATE_WORDS = re.compile(r"(?<=เดือน) (?=[ก-ฮ])|(?:%s) (?=พ\.ศ\.)"
                         % "|".join(f"(?<={month})" for month in thai.thai_full_months))
_TITLED_NAME = re.compile(r"((?:^|\s)(?:นาย|นางสาว|นาง|ดร\.)[ก-๙]+) (?=[ก-๙]+(?:\s|$))")


def line_breaks(text: str) -> str:
    """Return `text` marked where a Thai line must not end, and where it may.

    No-break spaces as `glue_spaces` puts them, and a zero-width space (U+200B, the
    Unicode and Word mark of a Thai word boundary) after a slash between Thai words:
    LibreOffice 7.4 otherwise breaks the word after the slash ("ต้องการ/คว / าม").

    >>> line_breaks("ความต้องการ/ความคาดหวัง ร้อยละ 80").replace(ZWSP, "|").replace(NBSP, "_")
    'ความต้องการ/|ความคาดหวัง ร้อย\u2060ละ_80'
    """
    return _THAI_SLASH.sub(ZWSP, whole_labels(glue_spaces(text)))


def glue_spaces(text: str) -> str:
    """Return `text` with no-break spaces (U+00A0) where a line must not end.

    A number stays with the word before it ("ร้อยละ 100", "วันที่ 1", "พ.ศ. 2564") and
    with a one-word unit or month after it ("30 แห่ง", "1 ตุลาคม"); "เดือน" stays with
    its month, a month with "พ.ศ.", a titled given name with its surname. A no-break
    space is never put before a run of several Thai words: LibreOffice 7.4 then breaks
    that run at wrong places ("85 แ / ละผู้เข้าร่วม").

    >>> glue_spaces("วันที่ 1 ตุลาคม 2563 ร้อยละ 100 นายสมทรง งามวงษ์").replace(NBSP, "_")
    'วันที่_1_ตุลาคม_2563_ร้อยละ_100 นายสมทรง_งามวงษ์'
    >>> glue_spaces("วันที่ 10 เดือน กุมภาพันธ์ พ.ศ. 2564").replace(NBSP, "_")
    'วันที่_10_เดือน_กุมภาพันธ์_พ.ศ._2564'
    >>> glue_spaces("ร้อยละ 85 และผู้เข้าร่วมโครงการ 30 แห่ง").replace(NBSP, "_")
    'ร้อยละ_85 และผู้เข้าร่วมโครงการ_30_แห่ง'
    """
    text = _AFTER_NUMBER.sub(lambda m: NBSP if _one_word(m[1]) else " ", text)
    text = _DATE_WORDS.sub(NBSP, _BEFORE_NUMBER.sub(NBSP, text))
    return _TITLED_NAME.sub(r"\1" + NBSP, text)


_LABEL = re.compile(rf"[ก-๛]+(?={NBSP}[{_DIGITS}])")


def whole_labels(text: str) -> str:
    """Return `text` with the Thai word before a glued number kept whole and set apart.

    "ร้อยละ" in "ไม่น้อยกว่าร้อยละ 80" and "วันที่" in "เริ่มตั้งแต่วันที่ 1": a
    zero-width space before the word ends the Thai run there, and word joiners
    (U+2060) between its dictionary parts keep LibreOffice from "ร้อย / ละ 80" and
    "วัน / ที่ 1". A joiner goes only inside such a short run: LibreOffice 7.4 breaks a
    longer Thai run next to a joiner at wrong places.

    >>> whole_labels("ไม่น้อยกว่าร้อยละ\u00a080").replace(ZWSP, "|").replace(WORD_JOINER, "+")
    'ไม่น้อยกว่า|ร้อย+ละ\xa080'
    """
    return _LABEL.sub(lambda m: _set_apart(m[0]), text)


def _set_apart(run: str) -> str:
    label = thai.tokens(run)[-1]
    prefix = run[:-len(label)]
    parts = (label,) if label in thai.thai_full_months else _parts(label)
    return prefix + (ZWSP if _may_mark(prefix) else "") + _joined(parts)


# -- vowel and tone marks drawn above or below their letter --
_MARK = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


def _may_mark(before: str) -> bool:
    """Tell whether a zero-width character may follow `before`: not after a mark.

    LibreOffice 7.4 places a mark that precedes a zero-width character so that PDF
    readers put it after the next letter ("ผู เ ้ ข้า" when copied); after a letter
    or a spacing vowel the text copies as typed.
    """
    return bool(before) and not _MARK.match(before[-1])


def _joined(parts: tuple[str, ...]) -> str:
    """Return `parts` joined, with a word joiner wherever `_may_mark` allows one."""
    text = parts[0]
    for part in parts[1:]:
        text += (WORD_JOINER if _may_mark(text) else "") + part
    return text


def whole_words(text: str) -> str:
    """Return `text` marked word by word, for a table cell a few words wide.

    A zero-width space (U+200B, the Unicode and Word mark of a Thai word boundary) goes
    between pythainlp's newmm words, with its dictionary and `COMPOUNDS`; word joiners
    go between the dictionary parts of each word of at most `LONGEST_JOINED` letters.
    Every Thai run is then one word, which LibreOffice breaks only where it may: its
    own, finer dictionary cuts "งบ / ประมาณ" and, in longer runs, also mid-syllable
    ("การเตรี / ยมทรัพยากร").

    >>> marked = whole_words("การเตรียมทรัพยากร งบประมาณ / ตัวชี้วัด สป.")
    >>> marked.replace(ZWSP, "|").replace(WORD_JOINER, "+")
    'การ|เต+รียม|ทรัพยากร งบ+ประมาณ / ตัว+ชี้วัด สป.'
    """
    pieces = thai.tokens(text, COMPOUNDS)
    marked = []
    for before, word in zip([""] + pieces, pieces):
        if _THAI_LETTER.match(before[-1:]) and _THAI_LETTER.match(word[:1]) and _may_mark(before):
            marked.append(ZWSP)
        thai_word = _THAI_LETTER.fullmatch(word) and len(word) <= LONGEST_JOINED
        marked.append(_joined(_parts(word)) if thai_word else word)
    return "".join(marked)


_THAI_LETTER = re.compile("[ก-๛]+")
LONGEST_JOINED = 12   # letters: a longer word may not fit a narrow cell and must stay breakable


# -- compounds of these documents that pythainlp's dictionary splits into parts --
COMPOUNDS = frozenset({"ตัวชี้วัด"})


@lru_cache(maxsize=1024)
def _parts(word: str) -> tuple[str, ...]:
    """Return `word` as the fewest smaller dictionary words, or whole when it has none.

    >>> _parts("ร้อยละ"), _parts("วันที่"), _parts("สัญญา")
    (('ร้อย', 'ละ'), ('วัน', 'ที่'), ('สัญญา',))
    """
    known = thai.known_words()
    best: list[tuple[str, ...] | None] = [()] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(end):
            piece = word[start:end]
            if best[start] is not None and piece != word and piece in known and (
                    best[end] is None or len(best[start]) + 1 < len(best[end])):
                best[end] = best[start] + (piece,)
    return best[-1] or (word,)


def _one_word(run: str) -> bool:
    """Tell whether `run` is a single word: a unit, a month, a Latin word."""
    return run.rstrip(".,;:)") in thai.known_words() or not re.search("[ก-๙]", run)
