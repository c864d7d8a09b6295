"""pythainlp's word lists, read without importing pythainlp, and handed to nlpo3.

nlpo3 (the Rust newmm) reads its dictionary from a file: pythainlp's own, or, with a
data folder's accepted words, a list written into the cache folder under the SHA-256
of its content and checked against it before each use.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from generator import cache_root
from generator.text.memory import private_folder, write_whole


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Return pythainlp's Thai dictionary, read as pythainlp's ``thai_words`` reads it."""
    text = corpus_file("words_th.txt").read_text(encoding="utf-8-sig")
    return frozenset(filter(None, text.splitlines()))


def corpus_file(name: str) -> Path:
    """Return the path of one of pythainlp's word lists."""
    return Path(find_spec("pythainlp").origin).parent / "corpus" / name


@lru_cache(maxsize=4)
def nlpo3_dictionary(extra: frozenset[str]) -> str | None:
    """Load pythainlp's words and `extra` into nlpo3; return the dictionary's name.

    nlpo3 reads a word list from a file: pythainlp's own, or with `extra` a list written
    into the cache folder under the SHA-256 of its content, and checked against it.
    """
    from nlpo3 import load_dict

    if extra:
        content = "\n".join(sorted(known_words() | extra)).encode("utf-8")
        path = _word_list_file(content)
        if path is None:
            return None
    else:
        path = corpus_file("words_th.txt")
        content = path.read_bytes()
    name = "agreement-" + hashlib.sha256(content).hexdigest()
    message, loaded = load_dict(str(path), name)
    if not loaded and "already exists" not in message:
        return None
    return name


def _word_list_file(content: bytes) -> Path | None:
    """Return a file in the cache folder holding `content`, written now unless it is there."""
    digest = hashlib.sha256(content).hexdigest()
    folder = private_folder(cache_root() / "words")
    if folder is None:
        return None
    path = folder / f"{digest}.txt"
    try:
        if not (path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == digest):
            write_whole(path, content)
    except OSError:
        return None
    return path
