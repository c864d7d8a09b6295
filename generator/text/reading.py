"""Text as a person reads it on the page, whatever marks and spaces store it.

A word processor keeps invisible marks (zero-width spaces, zero-width no-break
spaces, soft hyphens) as real characters, and a clerk's edit may turn a no-break
space into a space: neither changes what anyone reads. Comparing a document with
the data compares these readings.
"""

from __future__ import annotations

import hashlib
import re

INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")   # -- str's whitespace: no-break, figure and narrow spaces too --


def reading(text: str) -> str:
    """Return `text` as read: no invisible marks, each run of spaces one space, none at the ends.

    >>> reading("งบ\\ufeffประ\\ufeffมาณ\\u200b ร้อยละ\\u00a080  ")
    'งบประมาณ ร้อยละ 80'
    """
    return _SPACES.sub(" ", INVISIBLE.sub("", text)).strip()


def fingerprint(text: str) -> str:
    """Return a short digest of `text` as read (to recognise a text without keeping it).

    >>> fingerprint("ร้อยละ\\u00a080") == fingerprint("ร้อยละ 80")
    True
    """
    return hashlib.sha256(reading(text).encode("utf-8")).hexdigest()[:12]
