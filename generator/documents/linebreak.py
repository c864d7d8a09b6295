"""Where a Thai line may end and where it must not, for the print copy.

Word breaks Thai lines by its own dictionary, and the Word file the clerk keeps holds
only the text as typed, with no-break spaces (U+00A0) where a line must never end:
inside a date, between a number and its label or one-word unit, between a titled
name and its surname (`glue_spaces`, applied when rendering).

LibreOffice, which draws our PDF copies, breaks Thai with ICU's dictionary, which
cuts "งบ / ประมาณ" and "ตัว / ชี้วัด". The print copy (`documents.printing`, a
temporary file LibreOffice converts) is therefore marked with pythainlp's words:

- a zero-width space (U+200B) between two words (`words`), and after a slash
  between Thai words;
- a zero-width no-break space (U+FEFF) between the syllables of each word, so that
  ICU finds no break inside it (`whole`). The word joiner (U+2060) means the same,
  but LibreOffice 7.4 then draws a vowel or tone mark so that a PDF reader copies it
  after the next letter ("วิร ย ิ ะ" for "วิริยะ"); with U+FEFF the text copies as
  typed (measured with pdftotext).

A word wider than its table cell is cut between its dictionary parts instead
("กลุ่ม|เป้าหมาย"), so that LibreOffice never cuts it between two letters. Each
rule was measured with LibreOffice 7.4 and TH Sarabun New
(`scripts/count-broken-words`). None of these marks reach the Word file, the data or
the change reports; the PDF's text layer does not carry them either.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from generator.text import thai

NBSP, ZWSP, NO_BREAK = "\u00a0", "\u200b", "\ufeff"
RULES = "words-8"   # -- change when the marks change: kept results of older rules are not reused --
_THAI_SLASH = re.compile(r"(?<=[ก-๛]/)(?=[ก-๛])")
_DIGITS = "0-9๐-๙"
_BEFORE_NUMBER = re.compile(rf"(?<=\S) (?=[{_DIGITS}])")
_AFTER_NUMBER = re.compile(rf"(?<=[{_DIGITS}]) (?=([^\s{_DIGITS}]+)(?:\s|$))")
_MONTHS_BEFORE = "|".join(f"(?<={month})" for month in thai.thai_full_months)
_DATE_WORDS = re.compile(rf"(?<=เดือน) (?=[ก-ฮ])|(?:{_MONTHS_BEFORE}) (?=พ\.ศ\.)")
_TITLES = "|".join(map(re.escape, thai.TITLES))
_TITLED_NAME = re.compile(rf"((?:^|\s)(?:{_TITLES})[ก-๙]+) (?=[ก-๙]+(?:\s|$))")
_THAI_WORD = re.compile("[ก-๛]+")
_BEFORE_BRACKET = re.compile(r"(?<=\S) (?=[(\[{“‘][ก-๛])")
_PREFIX_HYPHEN = re.compile(r"(?<![A-Za-z])([A-Za-z]{1,2}-)(?=[A-Za-z])")
LETTER_TWIPS = 120   # -- a TH Sarabun New letter at 16 pt: Thai letters that take room measure 65 to 145 --
_ABOVE_OR_BELOW = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")   # vowel and tone marks


def line_breaks(text: str, width: int | None = None, extra: frozenset[str] = frozenset()) -> str:
    """Return `text` marked where a Thai line must not end, and where it may.

    `width` is the room in twips inside the table cell that holds the text, None for a
    paragraph as wide as the page; `extra` are words to keep whole besides pythainlp's
    (the data's accepted words).

    >>> show(line_breaks("ความต้องการ/ความคาดหวัง ร้อยละ 80"))
    'ความ+ต้อง+การ/|ความ+คาด+หวัง ร้อย+ละ_80'
    >>> show(line_breaks("ภาครัฐ 4.0 (PMQA 4.0)"))
    'ภาค+รัฐ_4.0 (PMQA_4.0)'
    >>> show(line_breaks("เริ่มตั้งแต่วันที่ 1 ตุลาคม 2563"))
    'เริ่ม|ตั้ง+แต่วัน+ที่_1_ตุ+ลา+คม_2563'
    >>> show(line_breaks("ทันการณ์ (ด้วยกลไก) ระบบ e-Service"))
    'ทัน+การณ์_(ด้วย|กล+ไก) ระ+บบ e-+Service'

    No zero-width space follows "แต่" (see `_may_break`): ICU decides whether a line
    ends between "แต่" and "วันที่". Before an opening bracket that Thai text follows,
    LibreOffice 7.4 finds no break at the space: it ended lines with the bracket
    ("ทันการณ์ (" / "ด้วยกลไก…)", also with a mark after the bracket) or cut the
    bracketed word ("(ตัวอย่า" / "ง)"); with a no-break space there it ends the line
    before the bracket (measured). A hyphen after a one- or two-letter Latin prefix
    holds on to the word after it ("e-" / "Service" otherwise).
    """
    limit = None if width is None else max(2, width // LETTER_TWIPS)
    glued = glue_spaces(text)
    # -- syllables of the whole text at once: one tokenizer call, not one a word --
    syllable_ends = sorted(_ends(thai.syllables(glued)))
    marked, start = "", 0
    for word in words(glued, extra):
        if _THAI_WORD.match(marked[-1:]) and _THAI_WORD.match(word[:1]) and _may_break(marked):
            marked += ZWSP
        if _THAI_WORD.fullmatch(word):
            inside = syllable_ends[bisect_right(syllable_ends, start):
                                   bisect_left(syllable_ends, start + len(word))]
            room = None if limit is None else limit - _attached(glued, start, start + len(word))
            marked += whole(word, room, [end - start for end in inside])
        else:
            marked += word
        start += len(word)
    marked = _BEFORE_BRACKET.sub(NBSP, _THAI_SLASH.sub(ZWSP, marked))
    return _PREFIX_HYPHEN.sub(r"\1" + NO_BREAK, marked)


def _attached(text: str, start: int, end: int) -> int:
    """Return the letters' worth of room taken by the brackets and stops that hold on to
    `text[start:end]` on either side (about half a letter each).

    >>> _attached("มาตรฐาน (ตัวอย่าง)", 9, 17)
    1
    """
    before = len(text[:start]) - len(text[:start].rstrip("([{\"'“‘"))
    after = len(text[end:]) - len(text[end:].lstrip(")]}\"'”’.,;:"))
    return (before + after + 1) // 2


def show(text: str) -> str:
    """Return `text` with its marks made visible: | zero-width space, + zero-width
    no-break space, _ no-break space."""
    return text.replace(ZWSP, "|").replace(NO_BREAK, "+").replace(NBSP, "_")


def glue_spaces(text: str) -> str:
    """Return `text` with no-break spaces (U+00A0) where a line must not end.

    A number stays with the word before it ("ร้อยละ 100", "วันที่ 1", "พ.ศ. 2564") and
    with a one-word unit or month after it ("30 แห่ง", "1 ตุลาคม"); "เดือน" stays with
    its month, a month with "พ.ศ.", a titled given name with its surname.

    >>> show(glue_spaces("วันที่ 1 ตุลาคม 2563 ร้อยละ 100 นายสมทรง งามวงษ์"))
    'วันที่_1_ตุลาคม_2563_ร้อยละ_100 นายสมทรง_งามวงษ์'
    >>> show(glue_spaces("วันที่ 10 เดือน กุมภาพันธ์ พ.ศ. 2564"))
    'วันที่_10_เดือน_กุมภาพันธ์_พ.ศ._2564'
    >>> show(glue_spaces("ร้อยละ 85 และผู้เข้าร่วมโครงการ 30 แห่ง"))
    'ร้อยละ_85 และผู้เข้าร่วมโครงการ_30_แห่ง'
    """
    text = _AFTER_NUMBER.sub(lambda m: NBSP if _one_word(m[1]) else " ", text)
    text = _DATE_WORDS.sub(NBSP, _BEFORE_NUMBER.sub(NBSP, text))
    return _TITLED_NAME.sub(r"\1" + NBSP, text)


def words(text: str, extra: frozenset[str] = frozenset()) -> list[str]:
    """Return `text` cut where a line may end between Thai words; the pieces join back.

    A cut is kept where pythainlp's longest-matching words (newmm) and the most
    frequent words (Thai National Corpus counts) agree: newmm alone reads "ตอบ |
    สนองความต้องการ" and "เอก | สารประกอบ".

    >>> words("สามารถตอบสนองความต้องการของ")
    ['สามารถ', 'ตอบสนองความต้องการ', 'ของ']
    >>> words("ร้อยละ\u00a080 ของหน่วยงาน")
    ['ร้อยละ', '\\xa080', ' ', 'ของ', 'หน่วยงาน']
    """
    longest = _compounds_whole(thai.tokens(text, extra))
    agreed = _ends(longest) & _ends(_frequent(longest))
    pieces, start = [], 0
    for end in sorted(agreed):
        pieces.append(text[start:end])
        start = end
    return pieces


def whole(word: str, limit: int | None = None, cuts: list[int] | None = None) -> str:
    """Return `word` with a zero-width no-break space between its syllables; cut into its dictionary
    parts, with zero-width spaces, when more than `limit` of its letters take room (vowel
    and tone marks above or below a letter take none). `cuts` are the syllable
    boundaries, when the caller has them (from the whole text).

    >>> show(whole("งบประมาณ")), show(whole("ผู้มีส่วน"))
    ('งบ+ประ+มาณ', 'ผู้+มี+ส่วน')
    >>> show(whole("กลุ่มเป้าหมาย", limit=8))
    'กลุ่ม|เป้า+หมาย'
    """
    if limit is not None and spacing_letters(word) > limit and len(parts := _parts(word)) > 1:
        marked = ""
        for part in parts:
            marked += (ZWSP if marked and _may_break(marked) else "") + whole(part, limit)
        return marked
    if cuts is None:
        return NO_BREAK.join(thai.syllables(word))
    return NO_BREAK.join(word[a:b] for a, b in zip([0] + cuts, cuts + [len(word)]))


def spacing_letters(word: str) -> int:
    """Return how many letters of `word` take room on the line.

    >>> spacing_letters("น้ำหนัก"), len("น้ำหนัก")
    (5, 7)
    """
    return len(word) - len(_ABOVE_OR_BELOW.findall(word))


def _may_break(before: str) -> bool:
    """Tell whether a zero-width space may follow `before`: not after a mark.

    LibreOffice 7.4 then places the mark so that a PDF reader's copy puts it after the
    next letter ("ให้มปี ระ"); after a letter or a spacing vowel the text copies as typed.
    """
    return bool(before) and not _ABOVE_OR_BELOW.match(before[-1])


def _ends(pieces: list[str]) -> set[int]:
    """Return where each of `pieces` ends, counted in characters from the start."""
    ends, position = set(), 0
    for piece in pieces:
        position += len(piece)
        ends.add(position)
    return ends


def _frequent(pieces: list[str]) -> list[str]:
    """Return `pieces` with each join of two Thai words moved where the corpus finds
    two words at least ten times likelier.

    >>> _frequent(["แนบ", "เอก", "สารประกอบ"])
    ['แนบ', 'เอกสาร', 'ประกอบ']
    """
    known, pieces = _known(), list(pieces)
    for i in range(len(pieces) - 1):
        both = pieces[i] + pieces[i + 1]
        if not _THAI_WORD.fullmatch(both):
            continue
        best = (_weight(pieces[i]) + _weight(pieces[i + 1]) + math.log(10), pieces[i], pieces[i + 1])
        for cut in range(1, len(both)):
            left, right = both[:cut], both[cut:]
            if left in known and right in known and _weight(left) + _weight(right) > best[0]:
                best = (_weight(left) + _weight(right), left, right)
        pieces[i], pieces[i + 1] = best[1], best[2]
    return pieces


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return thai.known_words() | COMPOUNDS


def _weight(word: str) -> float:
    """Return the log of how often the Thai National Corpus has `word`, plus one."""
    return math.log(_corpus_counts().get(word, 0) + 1)


def two_words(word: str) -> tuple[str, str] | None:
    """Return `word` as two dictionary words when the Thai National Corpus finds them side
    by side more than ten times as likely as `word` itself (a free combination that
    pythainlp lists as a word), else None.

    >>> two_words("แต่วัน"), two_words("งบประมาณ")
    (('แต่', 'วัน'), None)
    """
    counts, known = _corpus_counts(), thai.known_words()
    total = _corpus_total()
    alone = counts.get(word, 0) + 1
    for cut in range(1, len(word)):
        left, right = word[:cut], word[cut:]
        if left in known and right in known and \
                (counts.get(left, 0) + 1) * (counts.get(right, 0) + 1) > 10 * alone * total:
            return left, right
    return None


@lru_cache(maxsize=1)
def _corpus_total() -> int:
    return sum(_corpus_counts().values())


@lru_cache(maxsize=1)
def _corpus_counts() -> dict[str, int]:
    from pythainlp.corpus import tnc

    return dict(tnc.word_freqs())


# -- compounds of these documents that pythainlp's dictionary splits into parts --
COMPOUNDS = frozenset({"ตัวชี้วัด"})


def _compounds_whole(pieces: list[str]) -> list[str]:
    """Return `pieces` with the runs that spell one of `COMPOUNDS` joined (a tokenizer
    with its own dictionary would cost a second dictionary tree, over a second a run).

    >>> _compounds_whole(["ตัว", "ชี้", "วัด", "ที่", "ตัว"])
    ['ตัวชี้วัด', 'ที่', 'ตัว']
    """
    merged, i = [], 0
    while i < len(pieces):
        for j in range(min(len(pieces), i + 4), i + 1, -1):
            if "".join(pieces[i:j]) in COMPOUNDS:
                merged.append("".join(pieces[i:j]))
                i = j
                break
        else:
            merged.append(pieces[i])
            i += 1
    return merged


@lru_cache(maxsize=1024)
def _parts(word: str) -> tuple[str, ...]:
    """Return `word` as the fewest smaller dictionary words, the likelier ones first
    (by the corpus), or whole when it has none.

    >>> _parts("ร้อยละ"), _parts("ตอบสนองความต้องการ"), _parts("สัญญา")
    (('ร้อย', 'ละ'), ('ตอบสนอง', 'ความต้องการ'), ('สัญญา',))
    """
    known = thai.known_words()
    # -- best[end]: (parts, weight) of the best cut of word[:end] --
    best: list[tuple[tuple[str, ...], float] | None] = [((), 0.0)] + [None] * len(word)
    longest = _longest_word()
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - longest), end):   # -- no piece longer than a word: linear time --
            piece = word[start:end]
            if best[start] is None or piece == word or piece not in known:
                continue
            parts, weight = best[start][0] + (piece,), best[start][1] + _weight(piece)
            if best[end] is None or (len(parts), -weight) < (len(best[end][0]), -best[end][1]):
                best[end] = (parts, weight)
    return best[-1][0] if best[-1] else (word,)


@lru_cache(maxsize=1)
def _longest_word() -> int:
    return max(map(len, thai.known_words()))


def _one_word(run: str) -> bool:
    """Tell whether `run` is a single word: a unit, a month, a Latin word; not one in
    brackets ("4.0 (PMQA" may end a line before the bracket)."""
    if run.startswith(("(", "[")):
        return False
    return run.rstrip(".,;:)") in thai.known_words() or not re.search("[ก-๙]", run)
