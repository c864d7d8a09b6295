"""Warnings about text that is probably mistyped: invisible characters, Thai vowels or
tone marks in the wrong order, Latin letters inside Thai words, unknown words.

People's names, keys and phone numbers are not proofread; words the dictionary lacks
but the unit uses go in ``words.txt`` inside the data folder (one per line), so the list
travels with the data. Abbreviations written with a period (สป., ก.พ.) are not words.
"""

from __future__ import annotations

import bisect
import itertools
import os
import re
from functools import lru_cache
from pathlib import Path

from generator.data.loader import Loaded, dotted
from generator.errors import Problem
from generator.text import thai
from generator.text.memory import Memory

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# -- marks that turn the direction of text: a right-to-left override shows "abc" as "cba" --
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
SHOWN = re.compile(f"{ZERO_WIDTH.pattern[:-1]}{BIDI.pattern[1:-1]}]")
THAI_RUN = re.compile("[\u0e01-\u0e4e]{2,}")
THAI_WORD = re.compile("[\u0e01-\u0e2e\u0e30-\u0e45\u0e47-\u0e4e]+")  # no ๆ or ฯ
# starts only at a word's first letter, so a long Latin run is scanned once, not once per letter
MIXED_WORD = re.compile(r"(?<!\S)\S*?(?:[\u0e01-\u0e4e][A-Za-z]|[A-Za-z][\u0e01-\u0e4e])\S*")
# Thai abbreviations: 1–4 consonants and a period, repeated (สป., กยผ., ก.พ., พ.ศ.)
ABBREVIATION = re.compile("(?<![\u0e01-\u0e4e])(?:[\u0e01-\u0e2e]{1,4}\\.)+")
SKIPPED_FIELDS = {"name", "code", "phone", "ext", "responsible", "group", "signing_date"}
CODES = ("zero_width", "bidi_control", "thai_order", "latin_in_thai", "unknown_word")
LONGEST_GUESS = 40   # letters: no Thai word is longer, and a guess costs the square of its length


def word_list(path: Path) -> set[str]:
    """Return the words of a project word list (one per line, # starts a comment)."""
    if not path.is_file():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.split("#")[0].strip() for line in lines} - {""}


def proofread(files: list[Loaded], extra_words: set[str]) -> list[Problem]:
    """Return a warning for each doubtful piece of text in `files`.

    What a text yields depends only on the text and the accepted words, so findings are
    remembered per text between runs (`memory.Memory`): unchanged data is not tokenized again.
    """
    extra = frozenset(extra_words)
    memory = Memory.open("proofread", sorted(extra))
    texts = [(loaded, path, text) for loaded in files for path, text in _texts(loaded.data, ())]
    memory.recall(text for _, _, text in texts)
    problems: list[Problem] = []
    for loaded, path, text in texts:
        found = memory.get(text, _findings_of(text))
        if found is None:
            found = memory.put(text, [list(f) for f in findings(text, extra)])
        problems += [_placed(loaded, path, *finding) for finding in found]
    memory.save()
    return problems


def _placed(loaded: Loaded, path: tuple, code: str, found: str, expected: str) -> Problem:
    line, col = loaded.place(path)
    return Problem(code, loaded.file, line, col, dotted(path), expected=expected, found=found,
                   warning=True)


def _findings_of(text: str):
    """Return the check a remembered value must pass to stand for `text`'s findings:
    known codes, three texts each, and what each names found in `text`."""
    clean = ZERO_WIDTH.sub("", text)

    def valid(value) -> bool:
        return isinstance(value, list) and all(_fits(f, text, clean) for f in value)
    return valid


def _fits(finding, text: str, clean: str) -> bool:
    if not (isinstance(finding, list) and len(finding) == 3 and all(isinstance(f, str) for f in finding)):
        return False
    code, parts = finding[0], finding[1].split(" … ")
    if code not in CODES or not all(parts):
        return False
    if code in ("zero_width", "bidi_control"):
        return all(_unshown(part) in text for part in parts)
    if code == "unknown_word":    # -- a word of the normalized text: Thai letters only --
        return all(THAI_WORD.fullmatch(part) for part in parts)
    return all(part in clean for part in parts)


def findings(text: str, extra: frozenset[str] = frozenset()) -> list[tuple[str, str, str]]:
    """Return (code, found, expected) for each doubtful piece of `text`.

    >>> findings("ร่างเเนวปฏิบัติของ สป. ให้มีประสิทธิภาภ")
    [('thai_order', 'เเนวปฏิบัติ', 'แนวปฏิบัติ'), ('unknown_word', 'ประสิทธิภาภ', 'ประสิทธิภาพ')]
    """
    found = [("zero_width", _short(_show_invisible(m)), "") for m in _chunks(ZERO_WIDTH, text)]
    found += [("bidi_control", _short(_show_invisible(m)), "") for m in _chunks(BIDI, text)]
    clean = ZERO_WIDTH.sub("", text)
    for chunk in clean.split():
        fixed = thai.normalized(chunk)
        if fixed != chunk:
            found.append(("thai_order", *_changed_words(chunk, fixed)))
    found += [("latin_in_thai", _short(m.group()), "") for m in MIXED_WORD.finditer(clean)]
    known = _known(extra)
    for run in THAI_RUN.findall(thai.normalized(without_abbreviations(clean))):
        tokens = thai.words(run, extra)
        for i, token in enumerate(tokens):
            if THAI_WORD.fullmatch(token) and token not in known:
                found.append(("unknown_word", *_guess(tokens, i, known)))
    return list(dict.fromkeys(found))   # -- a word mistyped alike twice in one text is said once --


@lru_cache(maxsize=4)
def _known(extra: frozenset[str]) -> frozenset[str]:
    return thai.known_words() | extra


def _texts(value: object, path: tuple):
    """Yield (path, text) of every proofread string in `value`."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in SKIPPED_FIELDS:
                yield from _texts(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, path + (i,))
    elif isinstance(value, str):
        yield path, value


def without_abbreviations(text: str) -> str:
    """Return `text` with Thai abbreviations (letters and periods) blanked out.

    >>> without_abbreviations("สำนักความสัมพันธ์ต่างประเทศ สป. ก.พ. กยผ. และ สธ.").split()
    ['สำนักความสัมพันธ์ต่างประเทศ', 'และ']
    """
    return ABBREVIATION.sub(" ", text)


def _changed_words(chunk: str, fixed: str) -> tuple[str, str]:
    """Return the words of `chunk` that normalizing changes, and what they become.

    The text is cut into words once; the changed span runs from the first to the last
    letter that differs, so a long chunk costs time in proportion to its length.

    >>> _changed_words("ร่างเเนวปฏิบัติ", "ร่างแนวปฏิบัติ")
    ('เเนวปฏิบัติ', 'แนวปฏิบัติ')
    """
    head = len(os.path.commonprefix([chunk, fixed]))
    tail = len(os.path.commonprefix([chunk[head:][::-1], fixed[head:][::-1]]))
    j1, j2 = head, len(fixed) - tail
    ends = list(itertools.accumulate(len(word) for word in thai.words(fixed)))
    if not ends or ends[-1] != len(fixed):   # -- the words do not spell the text: show it whole --
        return chunk, fixed
    first = min(bisect.bisect_right(ends, j1), len(ends) - 1)   # the word of the first change
    last = max(first, min(bisect.bisect_left(ends, j2), len(ends) - 1))   # and of the last
    start, end = ends[first - 1] if first else 0, ends[last]
    return _short(chunk[start:len(chunk) - (len(fixed) - end)]), _short(fixed[start:end])


def _short(text: str, width: int = 40) -> str:
    """Return `text`, or its two ends around " … " when it is too long to read in a message."""
    return text if len(text) <= 2 * width else f"{text[:width]} … {text[-width:]}"


def _guess(tokens: list[str], i: int, known: set[str]) -> tuple[str, str]:
    """Return the misspelt word around unknown token `i` and pythainlp's correction.

    The tokenizer cuts an unknown word into known pieces plus a stray piece, so the
    neighbours are joined back until the corrector finds a dictionary word.
    """
    for start in range(max(0, i - 3), i + 1):
        for end in (i + 1, i + 2):
            candidate = "".join(tokens[start:end])
            if len(candidate) > LONGEST_GUESS:
                continue
            fix = thai.suggestion(candidate)
            if fix and fix in known:
                return candidate, fix
    return _short(tokens[i]), ""


def _chunks(pattern: re.Pattern, text: str):
    """Yield the words of `text` that contain `pattern`."""
    for word in text.split():
        if pattern.search(word):
            yield word


def _show_invisible(word: str) -> str:
    """Return `word` with each invisible mark written as its code point.

    >>> _show_invisible("abc\u202e")
    'abc[U+202E]'
    """
    return SHOWN.sub(lambda m: f"[U+{ord(m.group()):04X}]", word)


def _unshown(word: str) -> str:
    return re.sub(r"\[U\+([0-9A-F]{4})\]", lambda m: chr(int(m[1], 16)), word)
