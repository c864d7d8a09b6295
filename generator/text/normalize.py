"""Thai vowels and tone marks in their standard order: pythainlp's ``normalize``, asked only
where it could change something.

Importing ``pythainlp.util`` costs a build with new text 50 to 100 ms, and most text has
nothing to reorder. `_MAY_CHANGE` finds every place where one of normalize's rules (pythainlp
5.4, ``pythainlp/util/normalize.py``) could apply; text without one is returned as it is, and
tests/test_thai.py holds the result equal to pythainlp's on the data and on random text.
"""

from __future__ import annotations

import re

_CONSONANTS = "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"
_LEAD = "\u0e40\u0e41\u0e42\u0e43\u0e44"
_FOLLOW = "\u0e30\u0e32\u0e33\u0e45"
_ABOVE = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e4d\u0e47"
_BELOW = "\u0e38\u0e39"
_TONES = "\u0e48\u0e49\u0e4a\u0e4b"
_DANGLING = f"{_ABOVE}{_BELOW}{_TONES}\u0e3a\u0e4c\u0e4d\u0e4e"
_MARKS = f"{_FOLLOW}{_LEAD}{_ABOVE}{_BELOW}\u0e3a\u0e4c\u0e4d\u0e4e"
# -- a superset of where normalize's rules match: zero-width marks, runs of spaces and new
#    lines, a mark after a space, two Sara E, a tone before a vowel above or below, Nikhahit
#    before Sara Aa, a tone after a following vowel, Lakkhangyao, a mark or tone repeated --
_MAY_CHANGE = re.compile(
    "[\u200b\u200c]|  |\n|^\\s|\\s$"
    f"|[{_CONSONANTS}] [{_DANGLING}]"
    f"|\u0e40\u0e40|[{_TONES}\u0e4c][{_ABOVE}{_BELOW}]|\u0e4d[{_TONES}]*\u0e32|[{_FOLLOW}][{_TONES}]"
    "|[^\u0e24\u0e26]\u0e45"
    f"|([{_MARKS}]) *\\1|[{_TONES}]{{2}}|^[{_DANGLING}]| [{_DANGLING}]")


def normalize(text: str) -> str:
    """Return `text` as pythainlp's ``normalize`` returns it, importing it only when needed.

    >>> normalize("เเปลก"), normalize("นานาาา"), normalize("นํ้า"), normalize("ตัวชี้วัด")
    ('แปลก', 'นานา', 'น้ำ', 'ตัวชี้วัด')
    """
    if not _MAY_CHANGE.search(text):   # -- most text: nothing to reorder, one search --
        return text
    from pythainlp.util import normalize as reorder

    return reorder(text)
