"""Warnings about text that is probably mistyped: invisible characters, Thai vowels or
tone marks in the wrong order, Latin letters inside Thai words, unknown words.

People's names, keys and phone numbers are not proofread; words the dictionary lacks
but the unit uses go in ``words.txt`` inside the data folder (one per line), so the list
travels with the data. Abbreviations written with a period (สป., ก.พ.) are not words.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path

from generator.data.loader import Loaded, dotted
from generator.errors import Problem
from generator.text import thai
from generator.text.memory import Memory

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
THAI_RUN = re.compile("[\u0e01-\u0e4e]{2,}")
THAI_WORD = re.compile("[\u0e01-\u0e2e\u0e30-\u0e45\u0e47-\u0e4e]+")  # no ๆ or ฯ
# starts only at a word's first letter, so a long Latin run is scanned once, not once per letter
MIXED_WORD = re.compile(r"(?<!\S)\S*?(?:[\u0e01-\u0e4e][A-Za-z]|[A-Za-z][\u0e01-\u0e4e])\S*")
# Thai abbreviations: 1–4 consonants and a period, repeated (สป., กยผ., ก.พ., พ.ศ.)
ABBREVIATION = re.compile("(?<![\u0e01-\u0e4e])(?:[\u0e01-\u0e2e]{1,4}\\.)+")
SKIPPED_FIELDS = {"name", "code", "phone", "ext", "responsible", "group", "signing_date"}


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
    problems: list[Problem] = []
    for loaded in files:
        for path, text in _texts(loaded.data, ()):
            found = memory.get(text, _findings_shape)
            if found is None:
                found = memory.put(text, [list(f) for f in findings(text, extra)])
            problems += [_placed(loaded, path, *finding) for finding in found]
    memory.save()
    return problems


def _placed(loaded: Loaded, path: tuple, code: str, found: str, expected: str) -> Problem:
    line, col = loaded.place(path)
    return Problem(code, loaded.file, line, col, dotted(path), expected=expected, found=found,
                   warning=True)


def _findings_shape(value) -> bool:
    return isinstance(value, list) and all(isinstance(f, list) and len(f) == 3 for f in value)


def findings(text: str, extra: frozenset[str] = frozenset()) -> list[tuple[str, str, str]]:
    """Return (code, found, expected) for each doubtful piece of `text`.

    >>> findings("ร่างเเนวปฏิบัติของ สป. ให้มีประสิทธิภาภ")
    [('thai_order', 'เเนวปฏิบัติ', 'แนวปฏิบัติ'), ('unknown_word', 'ประสิทธิภาภ', 'ประสิทธิภาพ')]
    """
    found = [("zero_width", _show_invisible(m), "") for m in _chunks(ZERO_WIDTH, text)]
    clean = ZERO_WIDTH.sub("", text)
    for chunk in clean.split():
        fixed = thai.normalized(chunk)
        if fixed != chunk:
            found.append(("thai_order", *_changed_words(chunk, fixed)))
    found += [("latin_in_thai", m.group(), "") for m in MIXED_WORD.finditer(clean)]
    known = _known(extra)
    for run in THAI_RUN.findall(thai.normalized(without_abbreviations(clean))):
        tokens = thai.words(run, extra)
        for i, token in enumerate(tokens):
            if THAI_WORD.fullmatch(token) and token not in known:
                found.append(("unknown_word", *_guess(tokens, i, known)))
    return found


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

    >>> _changed_words("ร่างเเนวปฏิบัติ", "ร่างแนวปฏิบัติ")
    ('เเนวปฏิบัติ', 'แนวปฏิบัติ')
    """
    ops = [op for op in difflib.SequenceMatcher(None, chunk, fixed).get_opcodes() if op[0] != "equal"]
    j1, j2 = ops[0][3], ops[-1][4]
    start = end = 0
    for word in thai.words(fixed):
        end = start + len(word)
        if end > j1 and start <= j2:
            break
        start = end
    while end < j2:
        end += len(thai.words(fixed[end:])[0])
    i1, i2 = ops[0][1] - (j1 - start), ops[-1][2] + (end - j2)
    return chunk[i1:i2], fixed[start:end]


def _guess(tokens: list[str], i: int, known: set[str]) -> tuple[str, str]:
    """Return the misspelt word around unknown token `i` and pythainlp's correction.

    The tokenizer cuts an unknown word into known pieces plus a stray piece, so the
    neighbours are joined back until the corrector finds a dictionary word.
    """
    for start in range(max(0, i - 3), i + 1):
        for end in (i + 1, i + 2):
            candidate = "".join(tokens[start:end])
            fix = thai.suggestion(candidate)
            if fix and fix in known:
                return candidate, fix
    return tokens[i], ""


def _chunks(pattern: re.Pattern, text: str):
    """Yield the words of `text` that contain `pattern`."""
    for word in text.split():
        if pattern.search(word):
            yield word


def _show_invisible(word: str) -> str:
    return ZERO_WIDTH.sub(lambda m: f"[U+{ord(m.group()):04X}]", word)
