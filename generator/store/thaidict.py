"""A Thai dictionary for LibreOffice's line breaks, built from pythainlp's words.

LibreOffice breaks Thai lines with ICU's Thai dictionary, which splits words of these
documents ("งบ / ประมาณ", "ตัว / ชี้วัด"). ICU reads a replacement from the folder
named by ``ICU_DATA``: ``<folder>/icudt<NN>l/brkitr/thaidict.dict``, where NN is the
ICU version LibreOffice runs with. The dictionary is compiled once per word list with
ICU's ``gendict`` (Debian package icu-devtools) into the cache folder. Without
``gendict`` the PDF copies are still right, only broken by ICU's own dictionary.

The print copy's marks already keep each word whole; ICU decides only where no mark
may go, after a vowel or tone mark ("แต่|วัน"). There a free combination that pythainlp
lists as a word would join two words, so those are left out (`linebreak.two_words`):
with "แต่วัน" in the dictionary, "ตั้งแต่วันที่ 1 ตุลาคม 2563" moved whole to the next
line and left the agreement page's line 80 pt short instead of 57.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

from generator import cache_root
from generator.documents import linebreak
from generator.i18n import _
from generator.text import thai
from generator.text.memory import private_folder

_THAI_ONLY = re.compile("[\u0e01-\u0e7f]+")
_BUNDLED_ICU = re.compile(r"(?:lib)?icuuc\.?(\d+)\.(?:dll|dylib)|libicuuc\.so\.(\d+)")
_LINKED_ICU = re.compile(rb"libicuuc\.so\.(\d+)")


def note(program_dir: Path) -> str | None:
    """Return why PDF copies will not get the project's Thai dictionary, or None."""
    if shutil.which("gendict") is None:
        return _("gendict is missing: PDF copies break Thai lines with LibreOffice's own dictionary "
                 "(install it with sudo apt-get install icu-devtools)")
    if icu_version(program_dir) is None:
        return _("LibreOffice's ICU version is unknown: PDF copies break Thai lines with its own dictionary")
    return None


def icu_data(program_dir: Path, words: frozenset[str] = frozenset(),
             cache: Path | None = None) -> Path | None:
    """Return the folder to give LibreOffice as ICU_DATA, building its dictionary once;
    None when it cannot be built (see `note`).

    `program_dir` is LibreOffice's program folder; `words` are added to pythainlp's.
    """
    version = icu_version(program_dir)
    if version is None or shutil.which("gendict") is None:
        return None
    candidates = sorted(w for w in thai.known_words() | linebreak.COMPOUNDS | words if _THAI_ONLY.fullmatch(w))
    key = "\n".join([version, linebreak.RULES, *sorted(words), "", *candidates])
    root = cache or private_folder(cache_root() / "icu")
    if root is None:   # -- a cache folder another user may write is not used --
        return None
    folder = root / hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    target = folder / f"icudt{version}l" / "brkitr" / "thaidict.dict"
    if not _intact(target):
        # -- the corpus is read only to build: a dictionary built before costs nothing --
        _compile([w for w in candidates if w in words or not linebreak.two_words(w)], target)
    return folder


def _intact(target: Path) -> bool:
    """Tell whether `target` is the dictionary compiled there: its SHA-256 as recorded beside it."""
    try:
        recorded = target.with_name(target.name + ".sha256").read_text(encoding="ascii").strip()
        return hashlib.sha256(target.read_bytes()).hexdigest() == recorded
    except (OSError, ValueError):
        return False


def _compile(words: list[str], target: Path) -> None:
    """Compile `words` into ICU's Thai dictionary format at `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.{os.getpid()}")
    source = staging.with_suffix(".txt")
    source.write_text("\n".join(words) + "\n", encoding="utf-8")
    try:
        subprocess.run(["gendict", "--bytes", "--transform", "offset-0x0e00", "-q",
                        str(source), str(staging)], check=True, capture_output=True)
        digest = hashlib.sha256(staging.read_bytes()).hexdigest()
        os.replace(staging, target)
        check = target.with_name(f".{target.name}.sha256.{os.getpid()}")
        check.write_text(digest + "\n", encoding="ascii")
        os.replace(check, target.with_name(target.name + ".sha256"))
    finally:
        source.unlink(missing_ok=True)
        staging.unlink(missing_ok=True)


def icu_version(program_dir: Path) -> str | None:
    """Return the major version of the ICU that LibreOffice in `program_dir` runs with.

    A bundled ICU (Windows, macOS, The Document Foundation's Linux builds) names it in
    its file name; a distribution's LibreOffice links the system's, named in its libraries.
    """
    if not program_dir.is_dir():
        return None
    for path in sorted(program_dir.iterdir()):
        match = _BUNDLED_ICU.fullmatch(path.name)
        if match:
            return match[1] or match[2]
    for name in ("libi18nlangtag.so", "libi18nlangtaglo.so"):
        try:
            match = _LINKED_ICU.search((program_dir / name).read_bytes())
        except OSError:
            continue
        if match:
            return match[1].decode()
    return None
