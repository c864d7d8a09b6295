"""Thai vowels and tone marks in their standard order, as pythainlp's ``normalize`` writes them.

The rules and patterns are pythainlp 5.4's (``pythainlp/util/normalize.py``, Apache-2.0,
PyThaiNLP Project), compiled once here: importing ``pythainlp.util`` for them costs a build
with new text 50 to 100 ms, and tests/test_thai.py holds the two equal.
"""

from __future__ import annotations

import re

_CONSONANTS = "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"
_VOWELS = ("\u0e24\u0e26\u0e30\u0e31\u0e32\u0e33\u0e34\u0e35\u0e36\u0e37"
           "\u0e38\u0e39\u0e40\u0e41\u0e42\u0e43\u0e44\u0e45\u0e4d\u0e47")
_LEAD = "\u0e40\u0e41\u0e42\u0e43\u0e44"
_FOLLOW = "\u0e30\u0e32\u0e33\u0e45"
_ABOVE = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e4d\u0e47"
_BELOW = "\u0e38\u0e39"
_TONES = "\u0e48\u0e49\u0e4a\u0e4b"
_DANGLING = f"{_ABOVE}{_BELOW}{_TONES}\u0e3a\u0e4c\u0e4d\u0e4e"

_DANGLING_AT_START = re.compile(f"^[{_DANGLING}]+")
_DANGLING_AFTER_SPACE = re.compile(f" +[{_DANGLING}]+")
_NEWLINES = re.compile("[ \n]*\n[ \n]*")
_SPACE_BEFORE_MARK = re.compile(f"([{_CONSONANTS}])(?<![{_VOWELS}][{_CONSONANTS}]) ([{_DANGLING}])")
_REORDER = [(re.compile(pattern), replacement) for pattern, replacement in (
    ("\u0e40\u0e40", "\u0e41"),                                  # two Sara E: Sara Ae
    (f"([{_TONES}\u0e4c]+)([{_ABOVE}{_BELOW}]+)", "\\2\\1"),      # tone before vowel above/below
    (f"\u0e4d([{_TONES}]*)\u0e32", "\\1\u0e33"),                   # Nikhahit, tone, Sara Aa: Sara Am
    (f"([{_FOLLOW}]+)([{_TONES}]+)", "\\2\\1"),                   # following vowel before tone
    ("([^\u0e24\u0e26])\u0e45", "\\1\u0e32"),                       # Lakkhangyao: Sara Aa
)]
_MARKS = f"{_FOLLOW}{_LEAD}{_ABOVE}{_BELOW}\u0e3a\u0e4c\u0e4d\u0e4e"
_NO_REPEAT = [(re.compile(f"({mark}[ ]*)+{mark}"), mark) for mark in _MARKS]
_REPEATED_TONES = re.compile(f"[{_TONES}]+")
# -- somewhere one of the rules below could change the text (a superset: a rule that finds
#    nothing in the text as given changes nothing, and then neither does the next one) --
_MAY_CHANGE = re.compile(
    "[\u200b\u200c]|  |\n|^\\s|\\s$"
    f"|[{_CONSONANTS}] [{_DANGLING}]"
    f"|\u0e40\u0e40|[{_TONES}\u0e4c][{_ABOVE}{_BELOW}]|\u0e4d[{_TONES}]*\u0e32|[{_FOLLOW}][{_TONES}]"
    "|[^\u0e24\u0e26]\u0e45"
    f"|([{_MARKS}]) *\\1|[{_TONES}]{{2}}|^[{_DANGLING}]| [{_DANGLING}]")


def normalize(text: str) -> str:
    """Return `text` as pythainlp's ``normalize`` returns it.

    >>> normalize("เเปลก"), normalize("นานาาา"), normalize("นํ้า")
    ('แปลก', 'นานา', 'น้ำ')
    """
    if not _MAY_CHANGE.search(text):   # -- most text: nothing to reorder, one search instead of 40 --
        return text
    for mark in "\u200b\u200c":
        text = text.replace(mark, "")
    while "  " in text:
        text = text.replace("  ", " ")
    text = _NEWLINES.sub("\n", text).strip()
    text = _SPACE_BEFORE_MARK.sub(r"\1\2", text)
    for pattern, replacement in _REORDER + _NO_REPEAT:
        text = pattern.sub(replacement, text)
    text = _REPEATED_TONES.sub(lambda m: m.group(0)[-1], text)
    text = _DANGLING_AT_START.sub("", text)
    return _DANGLING_AFTER_SPACE.sub(" ", text)
